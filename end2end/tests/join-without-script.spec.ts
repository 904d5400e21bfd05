// The join page works as a plain HTML form: with JavaScript disabled a tablet joins and lands
// on its board's page; the pair it joined as travels in the address's fragment, and the board
// (with its code running) keeps it, takes it out of the address and places with it. A refusal
// comes back to the join page with what was typed and a sentence, without any script. The
// board's page is readable without script too: the server draws the pair's post-its where the
// pair put them, found by the board's cookie (set by the plain join, and by the board's code).
import { expect, test } from "@playwright/test";
import { Console, PairScreen, TABLET, expectNoAxeViolations } from "./pages";

const ASPECT = "Where people are seen";

test("a tablet without JavaScript joins with the plain form and its board opens as that pair", async ({ browser, page }) => {
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const response = await page.request.post("/api/workshops", {
    data: { title: `No script ${stamp}`, site: "Site N", question: "How much discretion?", left_pole: "Fixed", right_pole: "Flexible", aspects: [ASPECT] },
  });
  expect(response.status()).toBe(201);
  const created = (await response.json()) as { join_code: string; console_path: string };
  const code = created.join_code;
  await page.goto(created.console_path);
  const console = new Console(page);
  await console.startPlacing();

  // No script at all: the form posts, the server joins and sends the tablet to its board.
  const plain = await browser.newContext({ ...TABLET, javaScriptEnabled: false });
  const tablet = await plain.newPage();
  await tablet.goto(`/join?code=${code}`);
  await expect(tablet.getByLabel("Join code", { exact: true })).toHaveValue(code);
  await tablet.getByLabel("Pair name", { exact: true }).fill("Paper pair");
  await tablet.getByRole("button", { name: "Join" }).tap();
  await tablet.waitForURL(new RegExp(`/pair/${code}#joined=`));
  const boardAddress = tablet.url();
  // The board as the server drew it: the pair, the question and the post-it still to place.
  const drawn = tablet.locator(".board-before-code");
  await expect(drawn.locator(".pair-label")).toHaveText("Paper pair");
  await expect(drawn.getByRole("heading", { level: 1 })).toHaveText("How much discretion?");
  await expect(drawn.locator(".tray-cards li")).toHaveText([ASPECT]);
  await expect(drawn.locator("li.on-spectrum")).toHaveCount(0);
  await expect(page.locator("li.pair-line").filter({ hasText: "Paper pair" })).toBeVisible();

  // The same name again, still without script: back to the form with what was typed and why.
  const again = await plain.newPage();
  await again.goto(`/join?code=${code}`);
  await again.getByLabel("Pair name", { exact: true }).fill("paper PAIR");
  await again.getByRole("button", { name: "Join" }).click();
  await again.waitForURL(/\/join\?.*refused=taken/);
  await expect(again.getByText("Another pair of this workshop already has this name: choose another one.")).toBeVisible();
  await expect(again.getByLabel("Pair name", { exact: true })).toHaveValue("paper PAIR");
  await expect(again.getByLabel("Pair name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("li.pair-line")).toHaveCount(1);
  await plain.close();

  // The refused page, with its code running: named field focused, no accessibility violations.
  const checked = await browser.newContext(TABLET);
  const refusedPage = await checked.newPage();
  await refusedPage.goto(`/join?code=${code}&name=paper%20PAIR&refused=taken`);
  await expect(refusedPage.locator("html")).toHaveAttribute("data-wasm-started", "");
  await expect(refusedPage.getByLabel("Pair name", { exact: true })).toBeFocused();
  await expectNoAxeViolations(refusedPage);
  await checked.close();

  // The board's address with its code running: the pair is kept on the device, the address
  // loses its fragment, and the board places as that pair.
  const scripted = await browser.newContext(TABLET);
  const board = await scripted.newPage();
  await board.goto(boardAddress);
  const pair = new PairScreen(board);
  await expect(pair.status).toHaveText("Saved");
  await expect(board.locator(".pair-label")).toHaveText("Paper pair");
  expect(new URL(board.url()).hash).toBe("");
  const stored = await board.evaluate((c) => localStorage.getItem(`ds.pair.${c}`), code);
  expect(JSON.parse(stored!).label).toBe("Paper pair");
  await pair.placeByKeyboard(ASPECT, 60);
  await expect(pair.status).toHaveText("Saved");
  await expect(page.locator("li.pair-line").filter({ hasText: "Paper pair" })).toContainText("1 of 1 placed");
  // A reload finds the pair on the device, not in the address.
  await board.reload();
  await expect(pair.status).toHaveText("Saved");
  expect(await pair.placedPosition(ASPECT)).toBe(60);
  // The service worker's copy of the board's page (to reopen it offline) holds no post-it:
  // the board the server drew for the pair is taken out of it.
  const kept = () =>
    board.evaluate(async (c) => {
      const page = await (await caches.open("ds-shell-v1")).match(`/pair/${c}`);
      return page ? page.text() : "";
    }, code);
  await expect.poll(kept).toContain('class="board-before-code"');
  expect(await kept()).not.toContain(ASPECT);

  // The same device with its script off again (the board's code renewed the cookie): the
  // server draws the post-it at 60, readable and accessible, and nothing left to place.
  const paper = await browser.newContext({ ...TABLET, javaScriptEnabled: false, storageState: await scripted.storageState() });
  await scripted.close();
  const drawnBoard = await paper.newPage();
  await drawnBoard.goto(`/pair/${code}`);
  const placed = drawnBoard.locator(".board-before-code li.on-spectrum");
  await expect(placed).toHaveCount(1);
  await expect(placed).toHaveAttribute("data-position", "60");
  await expect(placed).toContainText(ASPECT);
  await expect(drawnBoard.locator(".board-before-code .tray-cards li")).toHaveCount(0);
  // axe needs script: the same board with script but no WebAssembly (held back for good).
  const held = await browser.newContext({ ...TABLET, serviceWorkers: "block", storageState: await paper.storageState() });
  await held.route(/\.wasm$/, (route) => route.abort());
  const heldBoard = await held.newPage();
  await heldBoard.goto(`/pair/${code}`);
  await expect(heldBoard.locator(".board-before-code li.on-spectrum")).toHaveAttribute("data-position", "60");
  await expectNoAxeViolations(heldBoard);
  await held.close();
  // Another device (no cookie) gets the page without anyone's board.
  const stranger = await browser.newContext({ ...TABLET, javaScriptEnabled: false });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(`/pair/${code}`);
  await expect(strangerPage.locator(".loading")).toBeVisible();
  await expect(strangerPage.locator(".board-before-code li")).toHaveCount(0);
  await stranger.close();
  await paper.close();
});
