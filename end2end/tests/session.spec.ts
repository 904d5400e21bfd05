// The whole session, as a facilitator runs it: a console, a projector and three pairs (one on a
// touch tablet) go through every phase — private placing, pair-written post-its (one merged
// into another), outcome notes, a "can't place", reveal, a spotlight, a second round, the
// timer, closing — and the research export holds exactly what happened.
import { unzipSync, strFromU8 } from "fflate";
import { expect, test, type Page } from "@playwright/test";
import { NewWorkshopForm, PairScreen, Projector, TABLET, csvRecords } from "./pages";

const WHERE = "Where people are seen";
const HOW_LONG = "How long each appointment lasts";

async function expectPhase(page: Page, phase: string) {
  await expect(page.locator(`[data-phase="${phase}"]`).first()).toBeVisible();
}

/** The console's row for an aspect (a group named by its text). */
function aspectRow(page: Page, text: string) {
  return page.getByRole("region", { name: "Aspects" }).getByRole("group", { name: text, exact: true });
}

test("a facilitator runs the whole session: every phase, notes, merge, spotlight, second round", async ({ browser }) => {
  test.setTimeout(180_000);
  const facilitator = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const consolePage = await facilitator.newPage();
  const form = new NewWorkshopForm(consolePage);
  await form.open();
  const console = await form.create("Knowledge exchange — session", "Site 5");
  const code = await console.code();
  await expectPhase(consolePage, "joining");

  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const projectorPage = await projectorContext.newPage();
  await projectorPage.goto(await console.projectorUrl());
  const projector = new Projector(projectorPage);
  await expectPhase(projectorPage, "joining");

  const [, pairA] = await PairScreen.join(browser, code, "Pair A");
  const [, pairB] = await PairScreen.join(browser, code, "Pair B");
  const [, pairC] = await PairScreen.join(browser, code, "Pair C", TABLET);
  await expect(consolePage.locator("li.pair-line")).toHaveCount(3);

  // Joining: pairs see why they cannot place yet, and dragging does nothing.
  await expectPhase(pairA.page, "joining");
  await expect(pairA.page.getByText("Placing has not started yet")).toBeVisible();
  await pairA.mouseDrag(WHERE, 50);
  await expect(pairA.spectrum.getByRole("button", { name: new RegExp("^" + WHERE) })).toHaveCount(0);

  // Placing, privately.
  await consolePage.getByRole("button", { name: "Start placing" }).click();
  for (const page of [consolePage, projectorPage, pairA.page, pairB.page, pairC.page]) await expectPhase(page, "placing");
  await pairA.mouseDrag(WHERE, 20);
  await pairB.mouseDrag(WHERE, 80);
  await pairC.touchDrag(WHERE, await pairC.pointAt(75));
  for (const pair of [pairA, pairB, pairC]) await expect(pair.status).toHaveText("Saved");
  const [a1, b1, c1] = [await pairA.placedPosition(WHERE), await pairB.placedPosition(WHERE), await pairC.placedPosition(WHERE)];
  expect(Math.abs(a1 - 20)).toBeLessThan(3);
  expect(Math.abs(b1 - 80)).toBeLessThan(3);
  expect(Math.abs(c1 - 75)).toBeLessThan(3);
  // Nobody sees the others yet: the projector shows progress only.
  await expect(projector.row(WHERE).locator(".count")).toHaveText("3 of 3 pairs placed");
  await expect(projector.row(WHERE).locator(".dot")).toHaveCount(0);
  await pairB.postIt(WHERE).focus();
  await expect(pairB.page.locator(".room-dot")).toHaveCount(0);

  // Pairs write their own post-its; two of them mean the same thing.
  for (const [pair, text] of [[pairA, "Home visits"], [pairB, "Visiting people at home"]] as const) {
    await pair.page.getByRole("button", { name: "Add a post-it" }).click();
    await pair.page.getByLabel("Post-it text", { exact: true }).fill(text);
    await pair.page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(pair.tray.getByRole("button", { name: new RegExp("^" + text) })).toBeVisible();
  }
  await pairA.mouseDrag("Home visits", 60);
  await pairB.mouseDrag("Visiting people at home", 30);
  for (const pair of [pairA, pairB]) await expect(pair.status).toHaveText("Saved");

  // Outcome notes, and a "can't place" from the touch tablet.
  await pairA.postIt(WHERE).click();
  const sheetA = pairA.page.getByRole("dialog");
  await sheetA.getByLabel("Intended outcome", { exact: true }).fill("People are seen where they feel safe");
  await sheetA.getByLabel("Unintended outcome", { exact: true }).fill("Travel eats into caseload time");
  await sheetA.getByRole("button", { name: "Save" }).click();
  await expect(sheetA).toBeHidden();
  // A finger tap on the tablet, right after its touch drag, opens the sheet.
  await pairC.touchTap(HOW_LONG);
  const sheetC = pairC.page.getByRole("dialog");
  await sheetC.getByLabel("Can't place / it depends").check();
  await sheetC.getByLabel("Reason", { exact: true }).fill("It depends on the patient");
  await sheetC.getByRole("button", { name: "Save" }).click();
  await expect(pairC.page.getByRole("region", { name: "Can't place" }).getByRole("button", { name: new RegExp("^" + HOW_LONG) })).toBeVisible();
  for (const pair of [pairA, pairC]) await expect(pair.status).toHaveText("Saved");

  // The facilitator merges the duplicate into the other pair's post-it.
  const duplicate = aspectRow(consolePage, "Visiting people at home");
  await expect(duplicate).toBeVisible();
  await duplicate.getByLabel("Merge into").selectOption({ label: "Home visits" });
  await duplicate.getByRole("button", { name: "Merge", exact: true }).click();
  await consolePage.getByRole("button", { name: "Yes, merge" }).click();
  await expect(aspectRow(consolePage, "Visiting people at home")).toHaveCount(0);
  // Pair B now has the kept post-it, where it had put its duplicate.
  await expect(pairB.postIt("Home visits")).toBeVisible();

  // Reveal: the projector shows every position; pairs see the room behind their own cards.
  await consolePage.getByRole("button", { name: "Reveal" }).click();
  for (const page of [projectorPage, pairA.page, pairB.page, pairC.page]) await expectPhase(page, "reveal");
  await expect(projector.row(WHERE).locator(".dot")).toHaveCount(3);
  expect(await projector.dotPositions(WHERE)).toEqual([a1, c1, b1].sort((x, y) => x - y));
  // A focused post-it shows where the other pairs put it.
  await pairB.postIt(WHERE).focus();
  await expect(pairB.page.locator(".room-dot")).toHaveCount(2);
  const others = await pairB.page.locator(".room-dot").evaluateAll((dots) => dots.map((d) => Number(d.getAttribute("data-position"))));
  expect(others.sort((x, y) => x - y)).toEqual([a1, c1].sort((x, y) => x - y));
  // Placing is paused: a drag does not move the post-it.
  await pairB.mouseDrag(WHERE, 10);
  expect(await pairB.placedPosition(WHERE)).toBe(b1);

  // Spotlight: the projector shows the aspect large, with the notes (anonymous by default).
  await aspectRow(consolePage, WHERE).getByRole("button", { name: "Spotlight" }).click();
  const spotlight = projectorPage.locator("section.spotlight");
  await expect(spotlight).toBeVisible();
  await expect(spotlight).toContainText("People are seen where they feel safe");
  await expect(spotlight).not.toContainText("Pair A");

  // The countdown reaches every screen.
  await consolePage.getByLabel("Minutes").fill("3");
  await consolePage.getByRole("button", { name: "Start timer" }).click();
  for (const page of [projectorPage, pairA.page, pairC.page]) await expect(page.getByRole("timer")).toContainText(/[23]:\d\d/);

  // Second round: B changes its mind after the discussion.
  await consolePage.getByRole("button", { name: "Second round" }).click();
  for (const page of [projectorPage, pairB.page]) await expectPhase(page, "second_round");
  expect(await pairB.placedPosition(WHERE)).toBe(b1);
  await pairB.mouseDrag(WHERE, 50);
  await expect(pairB.status).toHaveText("Saved");
  const b2 = await pairB.placedPosition(WHERE);
  expect(Math.abs(b2 - 50)).toBeLessThan(3);
  await expect(projector.row(WHERE).locator(".movement")).toBeVisible();

  // Close: read-only everywhere.
  await consolePage.getByRole("button", { name: "Close workshop" }).click();
  await consolePage.getByRole("button", { name: "Yes, close" }).click();
  for (const page of [consolePage, projectorPage, pairA.page, pairB.page, pairC.page]) await expectPhase(page, "closed");

  // The research export holds exactly what happened, round by round.
  const [download] = await Promise.all([
    consolePage.waitForEvent("download"),
    consolePage.getByRole("link", { name: "Download all (zip)" }).click(),
  ]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
  const placements = csvRecords(strFromU8(files["placements.csv"]));
  const row = (round: string, pair: string, aspect: string) =>
    placements.find((r) => r.round === round && r.pair_label === pair && r.aspect_text === aspect)!;
  expect(Number(row("1", "Pair B", WHERE).position)).toBe(b1);
  expect(Number(row("2", "Pair B", WHERE).position)).toBe(b2);
  expect(Number(row("2", "Pair A", WHERE).position)).toBe(a1);
  expect(row("1", "Pair A", WHERE).intended_outcome).toBe("People are seen where they feel safe");
  expect(row("1", "Pair A", WHERE).unintended_outcome).toBe("Travel eats into caseload time");
  expect(row("1", "Pair C", HOW_LONG).status).toBe("can't place");
  expect(row("1", "Pair C", HOW_LONG).reason).toBe("It depends on the patient");
  expect(row("1", "Pair C", HOW_LONG).position).toBe("");
  // The merged duplicate is gone; B's placement is on the kept post-it, written by Pair A.
  expect(placements.some((r) => r.aspect_text === "Visiting people at home")).toBe(false);
  const kept = row("1", "Pair B", "Home visits");
  expect(kept.aspect_author).toBe("Pair A");
  expect(Math.abs(Number(kept.position) - 30)).toBeLessThan(3);
  const events = csvRecords(strFromU8(files["events.csv"])).map((e) => e.action);
  expect(events.filter((a) => a === "phase_changed")).toHaveLength(4);
  for (const action of ["card_added", "cards_merged", "sheet_saved", "focus_changed", "timer_changed"]) {
    expect(events).toContain(action);
  }
});
