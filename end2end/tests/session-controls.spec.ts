// The facilitator runs a whole session from the console: start placing, private placing (the
// projector shows progress only), reveal, spotlight, a second round, the timer, the aspects'
// tools, and closing. The projector follows every step.
import { expect, test, type Page } from "@playwright/test";
import { Console, NewWorkshopForm, PairScreen, Projector, addCardAsPair, saveSheetAsPair } from "./pages";

const FIRST = "How many appointments a patient can have";
const SECOND = "Where people are seen";
const THIRD = "How long each appointment lasts";

/** Places an aspect with the keyboard: picked up at 50, then `tens` steps of 10 (negative: left). */
async function placeByKeyboard(pair: PairScreen, aspect: string, tens: number) {
  await pair.postIt(aspect).focus();
  await pair.page.keyboard.press("Space");
  const key = tens < 0 ? "Shift+ArrowLeft" : "Shift+ArrowRight";
  for (let i = 0; i < Math.abs(tens); i++) await pair.page.keyboard.press(key);
  await pair.page.keyboard.press("Enter");
  await expect(pair.status).toHaveText("Saved");
}

async function shot(page: Page, name: string) {
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${name}.png`, fullPage: true });
}

test("a facilitator runs the session: placing, reveal, spotlight, second round, close", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console: Console = await form.create("Session run", "Site 4");
  const code = await console.code();
  const projectorPage = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  await projectorPage.goto(await console.projectorUrl());
  const projector = new Projector(projectorPage);
  await expect(projectorPage.locator('.session-bar [data-phase="joining"]')).toBeVisible();

  const [, pairA] = await PairScreen.join(browser, code, "Pair A");
  const [, pairB] = await PairScreen.join(browser, code, "Pair B");
  await expect(console.page.locator("li.pair-line.online")).toHaveCount(2);
  await expect(console.page.locator("li.pair-line").first()).toContainText("online");
  await console.setPrivacyThreshold(2);

  // Placing is private: the projector counts, shows no dots.
  await console.startPlacing();
  await expect(console.page.getByText("Pairs are placing privately; the projector shows progress only.")).toBeVisible();
  await placeByKeyboard(pairA, FIRST, -3); // 20
  await placeByKeyboard(pairB, FIRST, 2); // 70
  await placeByKeyboard(pairA, SECOND, 1); // 60
  await expect(projector.row(FIRST).locator(".count")).toHaveText("2 of 2 pairs placed");
  await expect(projector.row(SECOND).locator(".count")).toHaveText("1 of 2 pairs placed");
  await expect(projectorPage.locator(".dot")).toHaveCount(0);
  await expect(console.aspect(FIRST)).toContainText("2 placed · 0 can't place");
  await expect(console.page.locator("li.pair-line").first()).toContainText("2 of 10 placed");

  // The timer.
  await console.page.getByLabel("Minutes", { exact: true }).fill("3");
  await console.page.getByRole("button", { name: "Start timer" }).click();
  await expect(projectorPage.getByRole("timer")).toContainText(/^2:5\d|^3:00/);
  await console.page.getByRole("button", { name: "Pause timer" }).click();
  await expect(projectorPage.getByRole("timer")).toContainText("paused");
  await console.page.getByRole("button", { name: "Resume timer" }).click();
  await console.page.getByRole("button", { name: "Add 1 minute" }).click();
  await expect(projectorPage.getByRole("timer")).toContainText(/^3:5\d|^4:00/);
  await shot(console.page, "console-placing");
  await shot(projectorPage, "projector-placing");
  await console.page.getByRole("button", { name: "Clear timer" }).click();
  await expect(projectorPage.getByRole("timer")).toHaveCount(0);

  // Reveal: dots where two pairs placed; below the threshold, "waiting for more pairs".
  await console.reveal();
  await expect.poll(() => projector.dotPositions(FIRST)).toEqual([20, 70]);
  await expect(projector.row(FIRST).locator(".median")).toHaveAttribute("data-value", "45");
  await expect(projector.row(SECOND).locator(".dot")).toHaveCount(0);
  await expect(projector.row(SECOND)).toContainText("waiting for more pairs");

  // Spotlight, and order by disagreement.
  await console.aspect(FIRST).getByRole("button", { name: "Spotlight", exact: true }).click();
  const spotlight = projectorPage.getByRole("region", { name: `Spotlight: ${FIRST}` });
  await expect(spotlight).toBeVisible();
  await expect(spotlight.locator(".dot")).toHaveCount(2);
  await expect(console.aspect(FIRST)).toContainText("Spotlighted");
  await console.page.getByLabel("Order aspects by").selectOption({ label: "Most disagreement first" });
  await expect(projectorPage.locator(".room-picture .aspect-row").first()).toHaveAttribute("aria-label", FIRST);
  await expect(spotlight).toBeVisible();
  await shot(console.page, "console-reveal");
  await shot(projectorPage, "projector-spotlight");
  await console.aspect(FIRST).getByRole("button", { name: "Stop spotlight" }).click();
  await expect(spotlight).toHaveCount(0);

  // The aspects' tools: reword, hide and show, merge.
  await console.aspect(THIRD).getByRole("button", { name: "Edit" }).click();
  await console.page.getByLabel("Post-it text").fill("Length of each appointment");
  await console.page.getByRole("button", { name: "Save wording" }).click();
  await expect(projector.row("Length of each appointment")).toBeVisible();
  await console.aspect("Length of each appointment").getByRole("button", { name: "Hide" }).click();
  await expect(projector.row("Length of each appointment")).toHaveCount(0);
  await expect(console.aspect("Length of each appointment")).toContainText("(hidden)");
  await console.aspect("Length of each appointment").getByRole("button", { name: "Show" }).click();
  await expect(projector.row("Length of each appointment")).toBeVisible();
  await console.aspect(SECOND).getByRole("button", { name: "Lock", exact: true }).click();
  await expect(console.aspect(SECOND)).toContainText("locked");
  await console.aspect(SECOND).getByRole("button", { name: "Unlock" }).click();
  await expect(console.aspect(SECOND).getByRole("button", { name: "Lock", exact: true })).toBeVisible();
  const third = console.aspect("Length of each appointment");
  await third.getByLabel("Merge into").selectOption({ label: SECOND });
  await third.getByRole("button", { name: "Merge", exact: true }).click();
  await shot(console.page, "console-merge-confirm");
  await third.getByRole("button", { name: "Cancel" }).click();
  await third.getByLabel("Merge into").selectOption({ label: SECOND });
  await third.getByRole("button", { name: "Merge", exact: true }).click();
  await expect(third).toContainText(`Merge “Length of each appointment” into “${SECOND}”? Placements and notes move to “${SECOND}”.`);
  await third.getByRole("button", { name: "Yes, merge" }).click();
  await expect(projector.row("Length of each appointment")).toHaveCount(0);
  await expect(console.aspect("Length of each appointment")).toHaveCount(0);

  // Second round: pairs move; the projector says how each aspect moved.
  await console.page.getByRole("button", { name: "Second round", exact: true }).click();
  await console.expectPhase("second_round");
  await placeByKeyboard(pairB, FIRST, -1); // picked up where it is (70): 60
  const moved = projector.row(FIRST).locator(".movement");
  await expect(moved).toHaveAttribute("data-from", "45");
  await expect(moved).toContainText("median 45 →");
  await shot(projectorPage, "projector-second-round");

  // Removing a pair takes its work everywhere.
  const lineB = console.page.locator("li.pair-line").filter({ hasText: "Pair B" });
  await lineB.getByRole("button", { name: "Remove Pair B" }).click();
  await expect(lineB).toContainText("Remove Pair B and everything it did?");
  await expect(lineB.getByRole("button", { name: "Yes, remove" })).toBeFocused();
  await lineB.getByRole("button", { name: "Yes, remove" }).click();
  await expect(console.page.locator("li.pair-line")).toHaveCount(1);
  await expect(projector.row(FIRST).locator(".count")).toHaveText("1 of 1 pairs placed");

  // Back, then close with the inline confirmation.
  await expect(console.page.getByRole("button", { name: "Back to Reveal & discuss" })).toBeVisible();
  // Keyboard only: the confirmation takes the focus, Enter confirms.
  await console.page.getByRole("button", { name: "Close workshop" }).focus();
  await console.page.keyboard.press("Enter");
  await expect(console.page.getByRole("button", { name: "Yes, close" })).toBeFocused();
  await console.page.keyboard.press("Enter");
  await console.expectPhase("closed");
  await expect(projectorPage.getByText("This workshop is closed. Thank you!")).toBeVisible();
  await expect(console.page.getByRole("button", { name: /Back to Second round/ })).toBeVisible();
  await shot(projectorPage, "projector-closed");

});

test("the spotlight shows every dot, who could not place it and why, and the notes, anonymous unless named", async ({
  browser,
  page,
}) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console: Console = await form.create("Spotlight notes", "Site 6");
  const code = await console.code();
  const projectorPage = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
  await projectorPage.goto(await console.projectorUrl());

  const [, pairA] = await PairScreen.join(browser, code, "Pair A");
  const [, pairB] = await PairScreen.join(browser, code, "Pair B");
  const [, pairC] = await PairScreen.join(browser, code, "Pair C");
  await console.setPrivacyThreshold(2);
  await console.startPlacing();
  await placeByKeyboard(pairA, FIRST, -2); // 30
  await placeByKeyboard(pairB, FIRST, 3); // 80
  await saveSheetAsPair(pairA.page, code, FIRST, { intended: "Patients get what they need", unintended: "Waiting lists grow" });
  await saveSheetAsPair(pairC.page, code, FIRST, { cantPlace: "It depends on the patient" });
  await expect(console.aspect(FIRST)).toContainText("2 placed · 1 can't place");

  // A pair's own post-it shows on the console with who wrote it.
  await addCardAsPair(pairB.page, code, "Home visits");
  await expect(console.aspect("Home visits")).toContainText("by Pair B");
  await expect(console.aspect("Home visits").locator(".badge.new")).toBeVisible();

  // Before the reveal, a spotlight shows nothing on the projector, and the console says why.
  await console.aspect(FIRST).getByRole("button", { name: "Spotlight", exact: true }).click();
  await expect(console.page.getByText("The projector shows the spotlight once positions are revealed")).toBeVisible();
  const spotlight = projectorPage.getByRole("region", { name: `Spotlight: ${FIRST}` });
  await expect(spotlight).toHaveCount(0);

  await console.reveal();
  await expect(spotlight).toBeVisible();
  await expect(spotlight.locator(".dot")).toHaveCount(2);
  await expect(spotlight.locator(".median")).toHaveAttribute("data-value", "55");
  await expect(spotlight).toContainText("1 can't place");
  await expect(spotlight).toContainText("It depends on the patient");
  await expect(spotlight).toContainText("Intended: Patients get what they need");
  await expect(spotlight).toContainText("Unintended: Waiting lists grow");
  await expect(spotlight).not.toContainText("Pair A");
  await expect(spotlight.locator(".note-who")).toHaveText(["A pair"]);
  await expect(projectorPage.locator(".room-picture").getByRole("group", { name: FIRST })).toContainText("1 can't place");

  await console.settings.getByLabel("Show pair names with notes on the projector").check();
  await expect(spotlight.locator(".note-who")).toHaveText(["Pair A"]);
  await expect(spotlight).toContainText("Pair C");
  await shot(projectorPage, "projector-spotlight-notes");

  // Raising the threshold above the pairs that placed it hides the dots and the words.
  await console.setPrivacyThreshold(3);
  await expect(spotlight).toContainText("waiting for more pairs");
  await expect(spotlight.locator(".dot")).toHaveCount(0);
  await expect(spotlight).not.toContainText("Waiting lists grow");
});
