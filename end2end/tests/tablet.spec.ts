// Every tablet in the room: a tablet that wakes up on a dead socket, the screen kept on while
// placing, the queue kept safe, a browser too old for the board told so, and the room's median
// near a pole on an iPad held upright.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { NewWorkshopForm, PairScreen, TABLET, placedRows } from "./pages";
import { BlackHoleProxy } from "./proxy";

const ASPECT = "Supporting carers and family members";
const OTHER = "Where people are seen";
const PORTRAIT = { ...TABLET, viewport: { width: 768, height: 1024 } };
const TOO_OLD =
  "This browser cannot run the board. Update the iPad to iPadOS 16 or later, or open the link in another browser.";

/** Lets the test lock and unlock the screen as iPadOS does: the page is hidden
 * (`document.hidden`, `visibilitychange`) and frozen. Headless Chromium neither hides a page
 * nor freezes a visible one (`Page.setWebLifecycleState` answers but its timers run on), so the
 * visibility is played by the page itself; the freeze is asked for anyway. */
async function emulateScreenLock(context: BrowserContext) {
  await context.addInitScript(() => {
    let hidden = false;
    (window as any).__setHidden = (value: boolean) => {
      hidden = value;
      document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
    };
    Object.defineProperty(Document.prototype, "hidden", { configurable: true, get: () => hidden });
    Object.defineProperty(Document.prototype, "visibilityState", {
      configurable: true,
      get: () => (hidden ? "hidden" : "visible"),
    });
  });
}

const setHidden = (page: Page, hidden: boolean) => page.evaluate((h) => (window as any).__setHidden(h), hidden);

/** Locks the screen, runs `meanwhile`, and unlocks it. */
async function whileLocked(page: Page, meanwhile: () => void) {
  const cdp = await page.context().newCDPSession(page);
  await setHidden(page, true);
  await cdp.send("Page.setWebLifecycleState", { state: "frozen" });
  meanwhile();
  await cdp.send("Page.setWebLifecycleState", { state: "active" });
  await setHidden(page, false);
  await cdp.detach();
}

/** Records the page's wake lock and persistent-storage requests. */
async function recordTabletServices(context: BrowserContext) {
  await context.addInitScript(() => {
    const log: string[] = [];
    (window as any).__services = log;
    const wakeLock = {
      request: async (type: string) => {
        log.push(`wake lock ${type}`);
        return { release: async () => void log.push("release") };
      },
    };
    Object.defineProperty(Navigator.prototype, "wakeLock", { configurable: true, get: () => wakeLock });
    navigator.storage.persisted = async () => false;
    navigator.storage.persist = async () => {
      log.push("persist");
      return true;
    };
  });
}

const services = (page: Page) => page.evaluate(() => [...(window as any).__services]);

test("a tablet woken on a dead socket reconnects by itself and saves the next change once", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Locked iPad", "Site 20");
  const code = await console.code();
  // The tablet reaches the server through a pass-through that can silence its socket.
  const proxy = await BlackHoleProxy.start(new URL(page.url()).origin);
  const context = await browser.newContext({ ...TABLET, baseURL: proxy.url });
  await emulateScreenLock(context);
  const pair = await PairScreen.joinIn(context, code, "Pair Z");
  await console.startPlacing();
  await pair.placeByKeyboard(ASPECT, 40);
  await expect(pair.status).toHaveText("Saved");
  expect(proxy.webSocketsOpened).toBe(1);

  // The screen locks, and meanwhile the connection dies without a word to the browser. Then
  // it is unlocked.
  await whileLocked(pair.page, () => proxy.blackHoleSockets());

  // Nothing is pending, so nothing else would notice: the wake-up check finds the socket dead
  // and opens a new one.
  await expect.poll(() => proxy.webSocketsOpened).toBe(2);
  await expect(pair.status).toHaveText("Saved");
  await pair.placeByKeyboard(OTHER, 70);
  await expect(pair.status).toHaveText("Saved");

  const rows = placedRows(await console.downloadCsv());
  expect(rows.map((r) => [r.pair_label, r.aspect_text, Number(r.position)]).sort()).toEqual([
    ["Pair Z", ASPECT, 40],
    ["Pair Z", OTHER, 70],
  ]);
  await context.close();
  await proxy.close();
});

test("a change made on a dead socket right after waking up is resent on the new one and stored once", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Locked iPad, quick hands", "Site 21");
  const code = await console.code();
  const proxy = await BlackHoleProxy.start(new URL(page.url()).origin);
  const context = await browser.newContext({ ...TABLET, baseURL: proxy.url });
  await emulateScreenLock(context);
  const pair = await PairScreen.joinIn(context, code, "Pair Q");
  await console.startPlacing();

  await whileLocked(pair.page, () => proxy.blackHoleSockets());
  // The pair places at once, before the check has its answer: sent on the dead socket, lost.
  // Then resent on the new socket (this test is about that, not about how soon).
  await pair.placeByKeyboard(ASPECT, 60);
  await expect(pair.status).toHaveText("Saved", { timeout: 30_000 });
  expect(proxy.webSocketsOpened).toBe(2);

  const rows = placedRows(await console.downloadCsv());
  expect(rows.map((r) => [r.pair_label, r.aspect_text, Number(r.position)])).toEqual([["Pair Q", ASPECT, 60]]);
  await context.close();
  await proxy.close();
});

test("a tablet keeps its screen on while its pair is placing, and asks to keep its queue", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Screen on", "Site 22");
  const code = await console.code();
  const context = await browser.newContext(TABLET);
  await emulateScreenLock(context);
  await recordTabletServices(context);
  const pair = await PairScreen.joinIn(context, code, "Pair L");

  // Joined: the queue's storage is asked to be kept; the screen may still sleep.
  await expect.poll(() => services(pair.page)).toEqual(["persist"]);

  await console.startPlacing();
  await expect.poll(() => services(pair.page)).toEqual(["persist", "wake lock screen"]);
  // Locked (hidden): released; unlocked while still placing: asked for again.
  await setHidden(pair.page, true);
  await expect.poll(() => services(pair.page)).toEqual(["persist", "wake lock screen", "release"]);
  await setHidden(pair.page, false);
  await expect.poll(() => services(pair.page)).toEqual(["persist", "wake lock screen", "release", "wake lock screen"]);
  // Placing ends: released.
  await console.reveal();
  await expect
    .poll(() => services(pair.page))
    .toEqual(["persist", "wake lock screen", "release", "wake lock screen", "release"]);
  await context.close();
});

test("a browser that cannot start the board is told what to do, in words", async ({ page }) => {
  await page.clock.install();
  await page.route("**/*.wasm", (route) => route.abort());
  await page.goto("/join");
  const notice = page.getByRole("alert").filter({ hasText: TOO_OLD });
  await expect(notice).toBeHidden();
  await page.clock.runFor(10_000);
  await expect(notice).toBeVisible();
  await expect(notice).toHaveText(TOO_OLD);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
  expect(results.violations).toEqual([]);
});

test("a browser that starts the board never shows the notice", async ({ page }) => {
  await page.clock.install();
  await page.goto("/join");
  await expect(page.locator("html")).toHaveAttribute("data-wasm-started", "");
  await page.getByLabel("Join code", { exact: true }).fill("abcdef");
  await page.clock.runFor(10_000);
  await expect(page.getByText(TOO_OLD)).toBeHidden();
});

test("the room's median near a pole stays on its track, off the pole label, on an upright iPad", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Median at the edge", "Site 23");
  const code = await console.code();
  await console.setPrivacyThreshold(1);
  const [, a] = await PairScreen.join(browser, code, "Pair A", PORTRAIT);
  const [, b] = await PairScreen.join(browser, code, "Pair B", PORTRAIT);
  await console.startPlacing();
  for (const [pair, position] of [[a, 96], [b, 92]] as const) {
    await pair.placeByKeyboard(ASPECT, position);
    await expect(pair.status).toHaveText("Saved");
  }
  await console.reveal();
  // Selecting the post-it draws the room on the spectrum: the median at 94.
  await a.postIt(ASPECT).click();
  await a.page.keyboard.press("Escape");
  const median = a.spectrum.locator(".room-median");
  await expect(median).toHaveAttribute("data-position", "94");
  const bar = (await median.boundingBox())!;
  const label = (await a.spectrum.locator(".pole-right").boundingBox())!;
  const spectrum = (await a.spectrum.boundingBox())!;
  expect(label.x, "the label reaches over the median").toBeLessThan(bar.x);
  expect(bar.y, "the median starts below the right pole label").toBeGreaterThanOrEqual(label.y + label.height);
  expect(bar.x + bar.width).toBeLessThanOrEqual(spectrum.x + spectrum.width);
});
