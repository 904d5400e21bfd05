// The researchers' replay: a workshop made and played through the UI (two pairs place, the
// facilitator reveals and opens a second round, a pair moves its post-it), then the time
// slider at /research/replay/{id} shows every moment: the dots where they were then, the phase,
// the change in words; "Previous change", "Next change" and the keyboard move through it.
import { expect, test } from "@playwright/test";
import { NewWorkshopForm, PairScreen, ReplayScreen, ResearchArea } from "./pages";

const ADMIN_KEY = process.env.DS_ADMIN_KEY ?? "";
const WHERE = "Where people are seen";

test("a researcher replays a workshop moment by moment", async ({ page, browser }) => {
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  test.setTimeout(120_000);
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const title = `Replay ${stamp}`;

  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create(title, "Site R"); // 1 created
  const code = await console.code();
  const workshopId = (await console.projectorUrl()).replace("/p/", "");
  const [, pairA] = await PairScreen.join(browser, code, "Pair A"); // 2
  const [, pairB] = await PairScreen.join(browser, code, "Pair B"); // 3
  await console.startPlacing(); // 4
  await pairA.mouseDrag(WHERE, 20); // 5
  await expect(pairA.status).toHaveText("Saved");
  await pairB.mouseDrag(WHERE, 80); // 6
  await expect(pairB.status).toHaveText("Saved");
  const a1 = await pairA.placedPosition(WHERE);
  const b1 = await pairB.placedPosition(WHERE);
  await console.reveal(); // 7
  await page.getByRole("button", { name: "Second round" }).click(); // 8
  await console.expectPhase("second_round");
  await expect(pairA.page.locator('[data-phase="second_round"]').first()).toBeVisible();
  await pairA.mouseDrag(WHERE, 50); // 9
  await expect(pairA.status).toHaveText("Saved");
  const a2 = await pairA.placedPosition(WHERE);
  expect(Math.abs(a2 - 50)).toBeLessThan(3);

  // Not signed in: the replay says so and links to the sign-in.
  const replay = new ReplayScreen(page);
  await replay.open(workshopId);
  await expect(page.getByRole("alert")).toContainText("This needs the admin key");
  await page.getByRole("link", { name: "Sign in at Research data" }).click();
  await new ResearchArea(page).signIn(ADMIN_KEY);
  const row = new ResearchArea(page).row(title);
  await expect(row).toHaveCount(1);

  // From the list: the row's "Replay" link.
  await row.getByRole("link", { name: "Replay" }).click();
  await page.waitForURL(new RegExp(`/research/replay/${workshopId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText(/^Site R · \d{4}-\d{2}-\d{2}$/)).toBeVisible();
  await expect(replay.slider).toHaveAttribute("max", "9");
  await expect(replay.said).toHaveText("Before any change: the workshop as created.");
  await expect(replay.said).toHaveAttribute("aria-live", "polite");
  await expect(page.getByRole("link", { name: "Back to research data" })).toHaveAttribute("href", "/research");

  // The end: round 2, A moved, B where it was.
  await replay.moveTo(9);
  await expect(replay.phase).toHaveText("Phase: Second round · Round 2");
  await expect(replay.said).toContainText(`Pair A moved “${WHERE}” to `);
  await expect(replay.said).toHaveText(/^\d{2}:\d{2}:\d{2} UTC · \d{2}:\d{2} after the first change: /);
  expect(await replay.dotPositions(WHERE)).toEqual([a2, b1].sort((x, y) => x - y));

  // Before the move: round 2 just opened, A still where it was in round 1.
  await replay.moveTo(8);
  await expect(replay.said).toContainText("Facilitator started the second round");
  expect(await replay.dotPositions(WHERE)).toEqual([a1, b1].sort((x, y) => x - y));

  // Before the reveal the room saw no dots; the researcher sees every placement.
  await replay.moveTo(6);
  await expect(replay.phase).toHaveText("Phase: Placing · Round 1");
  await expect(replay.said).toContainText(`Pair B placed “${WHERE}” at `);
  expect(await replay.dotPositions(WHERE)).toEqual([a1, b1].sort((x, y) => x - y));
  await replay.moveTo(5);
  expect(await replay.dotPositions(WHERE)).toEqual([a1]);
  await replay.moveTo(4);
  await expect(page.locator(".dot")).toHaveCount(0);

  // The buttons.
  await page.getByRole("button", { name: "Next change" }).click();
  await expect(replay.slider).toHaveValue("5");
  await expect(replay.said).toContainText(`Pair A placed “${WHERE}” at `);
  await page.getByRole("button", { name: "Previous change" }).click();
  await expect(replay.slider).toHaveValue("4");
  await expect(replay.said).toContainText("Facilitator started placing");

  // The keyboard, on the slider itself.
  await replay.slider.focus();
  await page.keyboard.press("ArrowRight");
  await expect(replay.slider).toHaveValue("5");
  expect(await replay.dotPositions(WHERE)).toEqual([a1]);
  await page.keyboard.press("End");
  await expect(replay.slider).toHaveValue("9");
  await expect(page.getByRole("button", { name: "Next change" })).toBeDisabled();
  await page.keyboard.press("Home");
  await expect(replay.slider).toHaveValue("0");
  await expect(replay.said).toHaveText("Before any change: the workshop as created.");
  await expect(page.getByRole("button", { name: "Previous change" })).toBeDisabled();

  // Play runs from here (moment 0) to the end, about four changes a second, and stops there.
  await page.getByRole("button", { name: "Play" }).click();
  await expect(page.getByRole("button", { name: "Pause" })).toBeVisible();
  await expect(replay.slider).toHaveValue("9");
  await expect(page.getByRole("button", { name: "Play" })).toBeVisible();
  expect(await replay.dotPositions(WHERE)).toEqual([a2, b1].sort((x, y) => x - y));
});
