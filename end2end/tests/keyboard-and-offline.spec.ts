// Placing without dragging (keyboard), and a pair's device surviving reloads and lost Wi-Fi.
import { expect, test } from "@playwright/test";
import { NewWorkshopForm, PairScreen, Projector, placedRows } from "./pages";

const ASPECT = "Supporting carers and family members";

test("a post-it can be placed, moved and taken back with the keyboard only", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Keyboard session", "Site 1");
  const code = await console.code();
  const projectorPage = await (await browser.newContext()).newPage();
  await projectorPage.goto(await console.projectorUrl());
  const projector = new Projector(projectorPage);

  const [, pair] = await PairScreen.join(browser, code, "Pair K");
  // One pair, placing live: the projector shows its dot at once.
  await console.setPrivacyThreshold(1);
  await console.setLiveWall(true);
  await console.startPlacing();
  const card = pair.tray.getByRole("button", { name: new RegExp("^" + ASPECT) });
  await card.focus();
  await pair.page.keyboard.press("Space"); // pick up: starts at 50
  await pair.page.keyboard.press("Shift+ArrowRight"); // 60
  await pair.page.keyboard.press("Shift+ArrowRight"); // 70
  await pair.page.keyboard.press("ArrowLeft"); // 69
  await pair.page.keyboard.press("Enter"); // drop
  await expect(pair.status).toHaveText("Saved");
  expect(await pair.placedPosition(ASPECT)).toBe(69);
  await expect(pair.page.locator("[aria-live]").filter({ hasText: ASPECT }).first()).toBeAttached();

  await expect.poll(() => projector.dotPositions(ASPECT)).toEqual([69]);

  // Escape puts it back where it was.
  await pair.postIt(ASPECT).focus();
  await pair.page.keyboard.press("Space");
  await pair.page.keyboard.press("Shift+ArrowLeft");
  await pair.page.keyboard.press("Escape");
  expect(await pair.placedPosition(ASPECT)).toBe(69);

  // Delete takes it back to the tray.
  await pair.postIt(ASPECT).focus();
  await pair.page.keyboard.press("Delete");
  await expect(pair.tray.getByRole("button", { name: new RegExp("^" + ASPECT) })).toBeVisible();
  await expect(pair.status).toHaveText("Saved");
  await expect.poll(() => projector.dotPositions(ASPECT)).toEqual([]);
  expect(placedRows(await console.downloadCsv())).toEqual([]);
});

test("a pair keeps its work through a reload, a re-join link and lost Wi-Fi", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Flaky Wi-Fi", "Site 5");
  const code = await console.code();
  const [context, pair] = await PairScreen.join(browser, code, "Pair W");
  await console.startPlacing();

  const card = pair.postIt(ASPECT);
  await card.focus();
  await pair.page.keyboard.press("Space");
  await pair.page.keyboard.press("Shift+ArrowLeft"); // 40
  await pair.page.keyboard.press("Enter");
  await expect(pair.status).toHaveText("Saved");

  // Reload, and follow the join link again: same pair, same placement, no second pair.
  await pair.page.reload();
  await expect(pair.status).toHaveText("Saved");
  expect(await pair.placedPosition(ASPECT)).toBe(40);
  await pair.page.goto(`/join?code=${code}`);
  await pair.page.waitForURL(new RegExp(`/pair/${code}$`));
  await expect(pair.page.getByText("Pair W").first()).toBeVisible();
  await expect(pair.status).toHaveText("Saved");

  // Lose the network, keep working: the change is queued on the device and shown as unsaved.
  await context.setOffline(true);
  await expect(pair.status).toHaveText(/^Offline/, { timeout: 15_000 });
  await pair.postIt(ASPECT).focus();
  await pair.page.keyboard.press("Space");
  await pair.page.keyboard.press("Shift+ArrowRight"); // 50
  await pair.page.keyboard.press("Shift+ArrowRight"); // 60
  await pair.page.keyboard.press("Enter");
  await expect(pair.status).toHaveText("Offline — 1 change not yet saved");
  expect(await pair.placedPosition(ASPECT)).toBe(60);

  // Close the tab while offline, come back with the page loading but the socket still failing:
  // the board comes from the device, with the queued change still on it.
  await pair.page.close();
  const again = await context.newPage();
  let socketBlocked = true;
  await again.routeWebSocket(/\/ws$/, (ws) => {
    if (socketBlocked) ws.close();
    else ws.connectToServer();
  });
  await context.setOffline(false);
  await again.goto(`/pair/${code}`);
  const back = new PairScreen(again);
  await expect(back.spectrum.getByRole("button", { name: new RegExp("^" + ASPECT) })).toHaveAttribute("data-position", "60");
  await expect(back.status).not.toHaveText("Saved");

  // The socket comes back: sent once, acknowledged, and the download has it.
  socketBlocked = false;
  await expect(back.status).toHaveText("Saved", { timeout: 20_000 });
  const rows = placedRows(await console.downloadCsv());
  expect(rows.map((r) => [r.pair_label, r.aspect_text, Number(r.position)])).toEqual([["Pair W", ASPECT, 60]]);
  await expect(console.page.getByText("Pair W")).toHaveCount(1);
});
