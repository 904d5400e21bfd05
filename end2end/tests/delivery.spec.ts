// How the app reaches a tablet: what it downloads (compressed, content-hashed, cached for a
// year), the console's warning when its join link cannot work, and the service worker that
// lets a pair reopen its board while the venue Wi-Fi is down.
import { expect, test, type BrowserContext, type Page, type Response } from "@playwright/test";
import { NewWorkshopForm, PairScreen, TABLET, placedRows } from "./pages";
import { BlackHoleProxy } from "./proxy";

const ASPECT = "Supporting carers and family members";
const OTHER = "Where people are seen";
const SHELL_CACHE = "ds-shell-v1";

/** `/pkg/<name>.<22-character content hash>.<wasm|js|css>` */
const HASHED_PKG = /^\/pkg\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}\.(wasm|js|css)$/;

/** The paths (with query) the shell cache of the page's origin holds. */
async function cachedPaths(page: Page): Promise<string[]> {
  return page.evaluate(async (name) => {
    const cache = await caches.open(name);
    return (await cache.keys()).map((r) => {
      const url = new URL(r.url);
      return url.pathname + url.search;
    });
  }, SHELL_CACHE);
}

/** The same-origin /pkg/ files the page has loaded so far. */
async function loadedPkg(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((e) => new URL(e.name))
      .filter((u) => u.origin === location.origin && u.pathname.startsWith("/pkg/"))
      .map((u) => u.pathname),
  );
}

/** Positions (by aspect text) in the committed view the device keeps for opening offline. */
async function storedPositions(page: Page, code: string): Promise<Record<string, number>> {
  return page.evaluate((code) => {
    const view = JSON.parse(localStorage.getItem(`ds.view.${code}`) ?? "null");
    if (!view) return {};
    const text = new Map<string, string>(view.cards.map((c: { id: string; text: string }) => [c.id, c.text]));
    return Object.fromEntries(
      view.placements.map((p: { card_id: string; position: number }) => [text.get(p.card_id), p.position]),
    );
  }, code);
}

/**
 * Waits until the service worker controls the board and has kept the board's page and every
 * /pkg/ file this tablet loaded (the inline registration script reports them after the page load and the join).
 */
async function expectReadyOffline(pair: PairScreen, code: string) {
  await pair.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect.poll(() => pair.page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 15_000 }).toBe(true);
  await expect
    .poll(
      async () => {
        const cached = await cachedPaths(pair.page);
        const needed = [`/pair/${code}`, ...(await loadedPkg(pair.page))];
        return needed.filter((p) => !cached.includes(p));
      },
      { timeout: 15_000 },
    )
    .toEqual([]);
}

/** The network is gone for the service worker too (Playwright applies it to its target). */
async function expectWorkerOffline(context: BrowserContext) {
  await expect
    .poll(async () => {
      const [worker] = context.serviceWorkers();
      if (!worker) return "no service worker";
      return worker.evaluate(() => fetch("/api/join-origin").then(() => "reached", () => "unreachable"));
    })
    .toBe("unreachable");
}

test("what a tablet downloads is compressed, hashed and cached", async ({ browser }) => {
  const context = await browser.newContext(TABLET);
  const page = await context.newPage();
  const responses: Response[] = [];
  page.on("response", (r) => responses.push(r));
  const document = await page.goto("/join");
  await page.waitForLoadState("networkidle");
  // Hydrated: the page's WebAssembly started (the form also works before, as plain HTML).
  await page.getByLabel("Join code", { exact: true }).fill("abc234");
  await page.getByLabel("Pair name", { exact: true }).fill("Pair D");
  await expect(page.locator("html")).toHaveAttribute("data-wasm-started", "");

  // The page itself: compressed, and never used from the HTTP cache without asking.
  expect(document!.status()).toBe(200);
  const docHeaders = await document!.allHeaders();
  expect(docHeaders["content-encoding"]).toMatch(/^(br|gzip)$/);
  expect(docHeaders["cache-control"]).toBe("no-cache");
  expect(await document!.request().headerValue("accept-encoding")).toContain("br");

  // Everything under /pkg/: brotli, hashed names, cached for a year, with a validator.
  const pkg = responses.filter((r) => new URL(r.url()).pathname.startsWith("/pkg/"));
  const names = pkg.map((r) => new URL(r.url()).pathname);
  expect(names.some((n) => n.endsWith(".wasm"))).toBe(true);
  expect(names.some((n) => n.endsWith(".js"))).toBe(true);
  expect(names.some((n) => n.endsWith(".css"))).toBe(true);
  for (const response of pkg) {
    const path = new URL(response.url()).pathname;
    const headers = await response.allHeaders();
    expect.soft(path).toMatch(HASHED_PKG);
    expect.soft(response.status(), path).toBe(200);
    expect.soft(headers["content-encoding"], path).toBe("br");
    expect.soft(headers["cache-control"], path).toBe("public, max-age=31536000, immutable");
    expect.soft(headers["etag"], path).toMatch(/^"[^"]+"$/);
    expect.soft(headers["vary"]?.toLowerCase(), path).toContain("accept-encoding");
  }

  // Asked again with its etag: 304, no body. Another etag: the file again.
  const wasm = pkg.find((r) => r.url().endsWith(".wasm"))!;
  const etag = (await wasm.allHeaders())["etag"];
  const again = await context.request.get(wasm.url(), { headers: { "If-None-Match": etag, "Accept-Encoding": "br, gzip" } });
  expect(again.status()).toBe(304);
  expect((await again.body()).length).toBe(0);
  const changed = await context.request.get(wasm.url(), { headers: { "If-None-Match": '"not-it"', "Accept-Encoding": "br" } });
  expect(changed.status()).toBe(200);
  expect(changed.headers()["content-type"]).toBe("application/wasm");

  // Installable: the manifest is linked, starts at /join, and every icon loads.
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  const manifestResponse = await context.request.get("/manifest.webmanifest", { headers: { "Accept-Encoding": "br, gzip" } });
  expect(manifestResponse.status()).toBe(200);
  const manifest = await manifestResponse.json();
  expect(manifest.start_url).toBe("/join");
  expect(manifest.icons.length).toBeGreaterThan(0);
  for (const icon of manifest.icons as { src: string; type: string }[]) {
    const r = await context.request.get(icon.src, { headers: { "Accept-Encoding": "br, gzip" } });
    expect.soft(r.status(), icon.src).toBe(200);
    expect.soft(r.headers()["content-type"], icon.src).toMatch(/^image\/(png|svg\+xml)$/);
    expect.soft(r.headers()["content-type"], icon.src).toBe(icon.type);
    // PNGs are compressed already: sent as they are.
    if (icon.type === "image/png") expect.soft(r.headers()["content-encoding"], icon.src).toBeUndefined();
  }
  const touchIcon = (await page.locator('link[rel="apple-touch-icon"]').getAttribute("href"))!;
  const touchIconResponse = await context.request.get(touchIcon);
  expect.soft(touchIconResponse.status(), touchIcon).toBe(200);
  expect.soft(touchIconResponse.headers()["content-type"], touchIcon).toBe("image/png");
  // The tab's icon is in the page (a data: address): no page load asks for it, and it is the
  // served /favicon.svg (whitespace folded).
  const inline = (await page.locator('link[rel="icon"][type="image/svg+xml"]').getAttribute("href"))!;
  expect(inline).toMatch(/^data:image\/svg\+xml,/);
  const served = await (await context.request.get("/favicon.svg")).text();
  expect(decodeURIComponent(inline.slice("data:image/svg+xml,".length))).toBe(served.split(/\s+/).filter(Boolean).join(" "));
  expect(responses.map((r) => new URL(r.url()).pathname)).not.toContain("/favicon.svg");
  await context.close();
});

test("each file a page preloads crosses the network once", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Preloads once", "Site 10");
  const secret = new URL(page.url()).pathname;
  await console.code();
  // A cold laptop opens the console through a pass-through that lists every request.
  const proxy = await BlackHoleProxy.start(new URL(page.url()).origin);
  const context = await browser.newContext({ baseURL: proxy.url });
  const cold = await context.newPage();
  await cold.goto(secret);
  const preloaded = await cold.locator('link[rel="preload"], link[rel="modulepreload"]').evaluateAll((links) =>
    links.map((l) => new URL((l as HTMLLinkElement).href).pathname),
  );
  expect(preloaded.filter((p) => p.endsWith(".wasm")).length).toBeGreaterThan(1);
  // The preloads carry the same CORS mode as the fetches that use them.
  for (const crossorigin of await cold.locator('link[rel="preload"]').evaluateAll((ls) => ls.map((l) => l.getAttribute("crossorigin"))))
    expect(crossorigin).toBe("");
  // Its own code running: the websocket opened once the console's chunks were in.
  await expect(cold.locator(".join-panel")).toBeVisible();
  await expect.poll(() => proxy.requests.includes("GET /ws")).toBe(true);
  const pkg = proxy.requests.filter((r) => r.startsWith("GET /pkg/")).map((r) => r.slice(4));
  expect(pkg.filter((p, i) => pkg.indexOf(p) !== i), "fetched more than once").toEqual([]);
  for (const p of preloaded) expect(pkg, `${p} preloaded`).toContain(p);
  await context.close();
});

test("the console warns when tablets cannot open its join link", async ({ page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Loopback warning", "Site 8");
  const code = await console.code();
  const origin = new URL(page.url()).origin;

  // The server says its join origin is this computer (127.0.0.1 here)…
  const joinOrigin = await (await page.request.get("/api/join-origin")).json();
  expect(joinOrigin).toEqual({ origin, loopback: true });

  // …so the console shows that link, and says plainly that tablets cannot open it.
  const panel = page.getByRole("region", { name: "Pairs join with" });
  await expect(panel.locator(".join-url")).toHaveText(`${origin}/join?code=${code}`);
  const warning = panel.getByRole("alert");
  await expect(warning).toBeVisible();
  await expect(warning).toHaveClass(/\bjoin-warning\b/);
  await expect(warning).toHaveText(/^Tablets cannot open this address/);
});

test("a joined tablet reopens its board offline and saves its queued changes once back online", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Offline tablet", "Site 9");
  const code = await console.code();
  const [context, pair] = await PairScreen.join(browser, code, "Pair O", TABLET);
  await console.startPlacing();
  await expect(pair.phaseNotice).toBeEmpty();

  await expectReadyOffline(pair, code);

  // Online: one placement, saved.
  await pair.postIt(ASPECT).focus();
  await pair.page.keyboard.press("Space"); // 50
  await pair.page.keyboard.press("Shift+ArrowLeft"); // 40
  await pair.page.keyboard.press("Enter");
  await expect(pair.status).toHaveText("Saved");
  expect(await pair.placedPosition(ASPECT)).toBe(40);
  // …and its update has reached the device's kept view ("Saved" comes with the Ack, just
  // before the update: the next test is about losing the network in between).
  await expect.poll(() => storedPositions(pair.page, code)).toEqual({ [ASPECT]: 40 });

  // The Wi-Fi goes: the page, and the service worker too, cannot reach the server.
  await context.setOffline(true);
  await expect(pair.status).toHaveText(/^Offline/, { timeout: 15_000 });
  await expectWorkerOffline(context);

  // A second placement while offline: queued on the tablet.
  await pair.tray.getByRole("button", { name: new RegExp("^" + OTHER) }).focus();
  await pair.page.keyboard.press("Space"); // 50
  await pair.page.keyboard.press("Shift+ArrowRight"); // 60
  await pair.page.keyboard.press("Shift+ArrowRight"); // 70
  await pair.page.keyboard.press("Enter");
  await expect(pair.status).toHaveText("Offline — 1 change not yet saved");
  expect(await pair.placedPosition(OTHER)).toBe(70);

  // Reload while still offline: the service worker serves the page and its code, the board
  // comes back from the device with the queued change still on it.
  const reloaded = await pair.page.reload();
  expect(reloaded, "the board page loaded").not.toBeNull();
  expect(reloaded!.status()).toBe(200);
  expect(reloaded!.fromServiceWorker()).toBe(true);
  await expect(pair.spectrum.getByRole("button", { name: new RegExp("^" + ASPECT) })).toHaveAttribute("data-position", "40");
  await expect(pair.spectrum.getByRole("button", { name: new RegExp("^" + OTHER) })).toHaveAttribute("data-position", "70");
  await expect(pair.status).toHaveText("Offline — 1 change not yet saved");
  await expect(pair.page.getByText("Pair O").first()).toBeVisible();

  // The Wi-Fi comes back: the queued change is sent, once.
  await context.setOffline(false);
  await expect(pair.status).toHaveText("Saved", { timeout: 30_000 });
  const rows = placedRows(await console.downloadCsv());
  expect(rows.map((r) => [r.pair_label, r.aspect_text, Number(r.position)]).sort()).toEqual([
    ["Pair O", ASPECT, 40],
    ["Pair O", OTHER, 70],
  ]);
  await context.close();
});

test("a change acknowledged just before the Wi-Fi drops is still on the board after an offline reload", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Ack then drop", "Site 10");
  const code = await console.code();
  const [context, pair] = await PairScreen.join(browser, code, "Pair A", TABLET);
  await console.startPlacing();
  await expectReadyOffline(pair, code);

  // The board's socket goes through a route from now on, which can hold back the server's
  // updates and cut the connection, as the Wi-Fi does between an Ack and the update after it.
  let holdUpdates = false;
  let cut = false;
  const sockets: { close(): Promise<void> }[] = [];
  await context.routeWebSocket(/\/ws$/, (ws) => {
    if (cut) {
      ws.close();
      return;
    }
    sockets.push(ws);
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (holdUpdates && typeof message === "string" && JSON.parse(message).type === "update") return;
      ws.send(message);
    });
  });
  await pair.page.reload();
  await expect(pair.status).toHaveText("Saved");

  // Placed, acknowledged ("Saved"), then the connection is lost before the update arrives.
  holdUpdates = true;
  await pair.postIt(ASPECT).focus();
  await pair.page.keyboard.press("Space"); // 50
  await pair.page.keyboard.press("Shift+ArrowLeft"); // 40
  await pair.page.keyboard.press("Enter");
  await expect(pair.status).toHaveText("Saved");
  cut = true;
  await Promise.all(sockets.map((ws) => ws.close()));
  await context.setOffline(true);
  await expect(pair.status).toHaveText(/^Offline/, { timeout: 15_000 });
  expect(await pair.placedPosition(ASPECT)).toBe(40);

  // Reopened offline: the server has the placement, and the board must still show it.
  await pair.page.reload();
  await expect(pair.status).toHaveText("Offline — everything is saved");
  await expect(pair.spectrum.getByRole("button", { name: new RegExp("^" + ASPECT) })).toHaveAttribute("data-position", "40");

  // Back online: nothing sent twice.
  cut = false;
  holdUpdates = false;
  await context.setOffline(false);
  await expect(pair.status).toHaveText("Saved", { timeout: 30_000 });
  await expect(pair.spectrum.getByRole("button", { name: new RegExp("^" + ASPECT) })).toHaveAttribute("data-position", "40");
  const rows = placedRows(await console.downloadCsv());
  expect(rows.map((r) => [r.pair_label, r.aspect_text, Number(r.position)])).toEqual([["Pair A", ASPECT, 40]]);
  await context.close();
});
