// Setting a workshop up from the facilitator's side: the session settings chosen on the
// new-workshop form are the console's from the start, and a post-it the facilitator writes on
// the console goes onto every pair's tray.
import { expect, test } from "@playwright/test";
import { NewWorkshopForm, PairScreen } from "./pages";

const LIVE_WALL = "Live wall: everyone sees placements as they happen";
const SHARED = "Pairs' post-its go onto every pair's tray";
const THRESHOLD = "Privacy threshold (pairs)";

test("settings chosen on the new-workshop form are the console's settings", async ({ page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const chosen = page.getByRole("group", { name: "Session settings" });
  // The defaults: everything off, threshold 3.
  await expect(chosen.getByLabel(LIVE_WALL)).not.toBeChecked();
  await expect(chosen.getByLabel(SHARED)).not.toBeChecked();
  await expect(chosen.getByLabel(THRESHOLD)).toHaveValue("3");
  await chosen.getByLabel(LIVE_WALL).check();
  await chosen.getByLabel(THRESHOLD).fill("2");

  const console = await form.create("Set up with settings", "Site 5");
  await expect(console.settings.getByLabel(LIVE_WALL)).toBeChecked();
  await expect(console.settings.getByLabel(SHARED)).not.toBeChecked();
  await expect(console.settings.getByLabel(THRESHOLD)).toHaveValue("2");
  // Still there after a reload: they come from the server, not from the form.
  await page.reload();
  await expect(console.settings.getByLabel(LIVE_WALL)).toBeChecked();
  await expect(console.settings.getByLabel(THRESHOLD)).toHaveValue("2");
});

test("a threshold out of range is named on the form and nothing is created", async ({ page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  await page.getByLabel("Title", { exact: true }).fill("Bad threshold");
  await page.getByLabel("Site", { exact: true }).fill("Site 5");
  const threshold = page.getByRole("group", { name: "Session settings" }).getByLabel(THRESHOLD);
  await threshold.fill("0");
  await page.getByRole("button", { name: "Create workshop" }).click();
  await expect(page.getByRole("alert")).toHaveText("Privacy threshold: a whole number of pairs from 1 to 20.");
  await expect(threshold).toHaveAttribute("aria-invalid", "true");
  await expect(threshold).toBeFocused();
  await expect(page).toHaveURL(/\/new$/);
});

test("the facilitator adds a post-it that every pair gets", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Facilitator post-it", "Site 6");
  const [, pair] = await PairScreen.join(browser, await console.code(), "Pair A");
  const aspects = page.getByRole("region", { name: "Aspects" });
  const field = aspects.getByLabel("New post-it", { exact: true });
  const add = aspects.getByRole("button", { name: "Add post-it", exact: true });

  // Empty or too long: the domain's own words, next to the field, and nothing sent.
  await add.click();
  await expect(aspects.getByRole("alert")).toHaveText("Post-it text is empty: please write something.");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await field.fill("x".repeat(121));
  await field.press("Enter");
  await expect(aspects.getByRole("alert")).toHaveText(
    "Post-it text is too long: 121 characters, at most 120. Please shorten it.",
  );
  await expect(aspects.locator("li.console-aspect")).toHaveCount(10);

  // Enter submits; the field clears once the post-it is in the room.
  await field.fill("  Home visits ");
  await expect(aspects.getByRole("alert")).toHaveCount(0);
  await field.press("Enter");
  await expect(field).toHaveValue("");
  await expect(field).toBeFocused();
  await expect(console.aspect("Home visits")).toBeVisible();
  await expect(aspects.locator("li.console-aspect")).toHaveCount(11);
  await expect(console.aspect("Home visits")).not.toContainText("by ");
  await expect(pair.tray.getByRole("button", { name: /^Home visits — / })).toBeVisible();
});
