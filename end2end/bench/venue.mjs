// Venue benchmark: what a tablet on venue Wi-Fi pays to open each screen. A benchmark, not a
// test: it measures and prints, it never asserts a time or a size.
//
//   cd end2end && node bench/venue.mjs [BASE_URL=http://127.0.0.1:3000] [RUNS=3]
//
// Profile (Chrome DevTools Protocol): network 1.5 Mbit/s down, 0.75 Mbit/s up, 150 ms round trip
// (Network.emulateNetworkConditions), CPU slowed 4x (Emulation.setCPUThrottlingRate), cold cache:
// a new browser context (empty HTTP cache, no service worker) per screen and run. Each run makes
// its own workshop through the HTTP API, so runs are independent.
//
// The service worker (public/sw.js) fetches in the background while a page loads: the shell
// pages, icons, and /pkg/ files. Its requests come from its own target, which the page's CDP
// session neither sees nor throttles, so a second CDP connection (--remote-debugging-port)
// auto-attaches to every service worker, pauses it at start, applies the same network profile
// and records its traffic. Its fetches made *for the page* (a page request answered by the
// worker, which fetched it from the network) count as the page's; its own fetches (precache,
// "cache-page") are reported separately as "SW background".
//
// A hasty pair (2b): Join pressed as soon as it shows, before the WebAssembly; times until a
// board shows (drawn by the server, or the live one) and until the live board is interactive.
// Screens: the join page (/join?code=…, interactive = "Join" enabled: the form works as plain
// HTML before the WebAssembly, so this is when it shows), then in the same context the pair's board (Join pressed → a post-it is
// shown in the "Post-its to place" tray); then each cold in its own context: the console
// (/f/{secret}, interactive = the join panel, which shows once the websocket delivered the
// workshop), the projector (/p/{id}, its header, same), research (/research, the "Admin key"
// field, rendered by the browser once it learnt it is signed out) and new workshop (/new,
// "Create workshop" enabled, disabled until hydrated). Bytes = CDP encodedDataLength (headers +
// body as sent, compressed) of every request until the network is quiet for QUIET_MS; the
// websocket is not a request here (the board's JSON line has its payload up to "shown").
// Chromium throttles per target: the worker's fetches do not take bandwidth from the page's
// here, as they would on one real Wi-Fi link. /research's 401 is expected (not signed in).
// VERBOSE=1 prints every request (who, start and end ms, bytes) on stderr.
//
// The link (bench/link.mjs): the browser reaches the server through a TCP pass-through that
// counts every byte crossing it both ways (headers, bodies, the service worker's fetches, the
// websocket) and every HTTP request line, per screen: the "link" columns. This is what a venue's
// Wi-Fi carries; the CDP columns are what the page itself saw. The link counts bytes as the
// server sends them; the profile's throttling happens inside the browser, after them.
// Output: one JSON line per run and screen, then Markdown tables of medians.
import { chromium } from "@playwright/test";
import { createRequire } from "node:module";
import net from "node:net";
import { linkKiB, openLink } from "./link.mjs";

const { ws: WebSocket } = createRequire(import.meta.url)("playwright-core/lib/utilsBundle");
const SERVER = (process.argv[2] ?? process.env.BASE_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const link = await openLink(SERVER);
const BASE = link.base; // the browser goes through the link; the bench's own API calls do not
const RUNS = Number(process.argv[3] ?? 3);
const QUIET_MS = 2500; // the worker reports a page's files 1 s after load: wait past that
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1.5e6 / 8, uploadThroughput: 0.75e6 / 8 };
const TABLET = { viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
const LAPTOP = { viewport: { width: 1366, height: 900 } };
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--disable-quic", "--no-first-run"];

const port = await new Promise((ok) => { const s = net.createServer().listen(0, () => { const p = s.address().port; s.close(() => ok(p)); }); });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: [...ARGS, `--remote-debugging-port=${port}`] });

// ---- Traffic of the current screen: page requests (its CDP session) and service-worker requests.
let meter = null; // one screen at a time
function newMeter() {
  return { reqs: new Map(), phase: "load", active: Date.now(), ws: { frames: 0, bytes: 0 } };
}
const ms = (ts) => Math.round((ts - (meter.base ??= ts)) * 1000); // CDP monotonic seconds → ms since the first request
function track(who, method, p) {
  if (!meter) return;
  const key = who + p.requestId;
  let r = meter.reqs.get(key);
  if (method === "Network.requestWillBeSent") {
    if (!r) meter.reqs.set(key, (r = { who, url: p.request.url, phase: meter.phase, bytes: 0, done: false, encoding: "", t0: ms(p.timestamp) }));
  } else if (!r) return;
  else if (method === "Network.responseReceived") {
    const h = Object.fromEntries(Object.entries(p.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    Object.assign(r, { status: p.response.status, encoding: h["content-encoding"] ?? "", viaSW: !!p.response.fromServiceWorker,
      cached: !!(p.response.fromDiskCache || p.response.fromPrefetchCache) });
  } else if (method === "Network.loadingFinished") Object.assign(r, { done: true, bytes: p.encodedDataLength, t1: ms(p.timestamp) });
  else if (method === "Network.loadingFailed") Object.assign(r, { done: true, failed: p.errorText });
  meter.active = Date.now();
}
const quiet = async (cap = 60_000) => {
  const end = Date.now() + cap;
  while (Date.now() < end && ([...meter.reqs.values()].some((r) => !r.done) || Date.now() - meter.active < QUIET_MS))
    await new Promise((r) => setTimeout(r, 100));
};
/** Sums the meter for one phase: wire bytes the page paid (direct, or a worker fetch for it) and the worker's own. */
function summary(phase) {
  const all = [...meter.reqs.values()].filter((r) => r.phase === phase && !r.url.startsWith("data:"));
  if (process.env.VERBOSE) for (const r of all) console.error(phase, r.who, r.t0, r.t1, r.bytes, r.viaSW ? "viaSW" : "", r.cached ? "cached" : "", r.status, r.url.replace(BASE, ""));
  const viaSW = new Set(all.filter((r) => r.who === "page" && r.viaSW).map((r) => r.url));
  const wire = all.filter((r) => !r.failed && !r.cached && (r.who === "page" ? !r.viaSW : viaSW.has(r.url)));
  const bg = all.filter((r) => r.who === "sw" && !viaSW.has(r.url) && !r.failed && r.bytes > 0);
  const kib = (list) => +(list.reduce((s, r) => s + r.bytes, 0) / 1024).toFixed(1);
  const failed = all.filter((r) => r.failed || r.status >= 400).map((r) => `${r.who} ${r.url} ${r.failed ?? r.status}`);
  return { kib: kib(wire), requests: wire.length, swKib: kib(bg), swRequests: bg.length, failed, files: wire.concat(bg)
    .filter((r) => new URL(r.url).pathname.startsWith("/pkg/"))
    .map((r) => ({ file: new URL(r.url).pathname.slice(5), who: wire.includes(r) ? "page" : "sw-bg", bytes: r.bytes, encoding: r.encoding })) };
}

// ---- Second CDP connection: every service worker, paused at start, throttled, recorded.
const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
const raw = new WebSocket(webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
await new Promise((ok, fail) => { raw.on("open", ok); raw.on("error", fail); });
let nextId = 1;
const waiting = new Map();
const send = (method, params = {}, sessionId) => new Promise((ok) => {
  const id = nextId++;
  waiting.set(id, ok);
  raw.send(JSON.stringify({ id, method, params, sessionId }));
});
raw.on("message", async (data) => {
  const m = JSON.parse(data.toString());
  if (m.id) return waiting.get(m.id)?.(m), waiting.delete(m.id);
  if (m.method === "Target.attachedToTarget") {
    const s = m.params.sessionId;
    if (m.params.targetInfo.type === "service_worker")
      await Promise.all([send("Network.enable", {}, s), send("Network.emulateNetworkConditions", NETWORK, s)]);
    await send("Runtime.runIfWaitingForDebugger", {}, s);
  } else if (m.method?.startsWith("Network.")) track("sw", m.method, m.params);
});
await send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: true, flatten: true, filter: [{ type: "service_worker" }] });

// ---- One cold page: a new context, the profile on its CDP session, traffic recorded.
async function coldPage(device) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  meter = newMeter();
  for (const ev of ["requestWillBeSent", "responseReceived", "loadingFinished", "loadingFailed"])
    cdp.on(`Network.${ev}`, (p) => track("page", `Network.${ev}`, p));
  cdp.on("Network.webSocketFrameReceived", (p) => { meter.ws.frames++; meter.ws.bytes += p.response.payloadData.length; });
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: false });
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return { context, page };
}
/** Resolves with `clock` in the page (performance.now(), by default) at the first frame where `test` holds. */
const when = async (page, test, arg, clock = "performance.now()") =>
  (await page.waitForFunction(new Function("arg", `return (${test})(arg) && ${clock}`), arg, { polling: "raf", timeout: 120_000 })).jsonValue();
/** The wall clock in the page, which holds across the navigations of a join. */
const WALL_CLOCK = "performance.timeOrigin + performance.now()";
const fcp = (page) => page.evaluate(() => Math.round(performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint")?.startTime ?? -1));
const visible = (sel) => `() => [...document.querySelectorAll(${JSON.stringify(sel)})].some((e) => e.getClientRects().length && !e.disabled)`;

async function api(path, body) {
  const res = await fetch(SERVER + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}
const newWorkshop = (run) => api("/api/workshops", { title: `Venue bench ${run}`, site: "Bench", question: "How much discretion?",
  left_pole: "Fixed", right_pole: "Flexible", aspects: ["Where people are seen", "How many appointments a patient can have",
    "Excluding nobody, whatever their needs", "Supporting carers and family members", "Caseload balance and link-worker wellbeing"] });

const results = {}; // screen -> list of rows
const record = (run, screen, row) => { (results[screen] ??= []).push(row); console.log(JSON.stringify({ run, screen, ...row })); };
let pairFiles = [];
const hasty = []; // a pair that presses Join at once: see 2b

for (let run = 1; run <= RUNS; run++) {
  const w = await newWorkshop(run);
  // 1 + 2: the join page, then the board in the same context.
  {
    const { context, page } = await coldPage(TABLET);
    link.start("join");
    await page.goto(`${BASE}/join?code=${w.join_code}`, { waitUntil: "commit" });
    const joinMs = Math.round(await when(page, visible("form button.primary")));
    const joinLinkAt = link.snapshot();
    const firstPaint = await fcp(page);
    await quiet();
    const join = { ...summary("load"), ...linked(link.snapshot(), joinLinkAt) };
    record(run, "join", { ...join, files: undefined, firstPaint, interactiveMs: joinMs });
    await page.getByLabel("Pair name", { exact: true }).fill(`Pair ${run}`);
    await page.locator("form button.primary").evaluate((b) => b.addEventListener("click", () => (window.__clickedAt = performance.now()), { capture: true }));
    meter.phase = "board";
    link.start("board");
    await page.getByRole("button", { name: "Join" }).click();
    const shownAt = await when(page, visible("section.tray .tray-cards button"));
    const boardMs = Math.round(shownAt - (await page.evaluate(() => window.__clickedAt)));
    const wsAtShown = { ...meter.ws };
    const boardLinkAt = link.snapshot();
    await quiet();
    const board = { ...summary("board"), ...linked(link.snapshot(), boardLinkAt) };
    record(run, "board", { ...board, files: undefined, interactiveMs: boardMs, wsFramesUntilShown: wsAtShown.frames, wsPayloadKiB: +(wsAtShown.bytes / 1024).toFixed(1) });
    record(run, "join+board", { kib: +(join.kib + board.kib).toFixed(1), requests: join.requests + board.requests, swKib: +(join.swKib + board.swKib).toFixed(1),
      swRequests: join.swRequests + board.swRequests, firstPaint, interactiveMs: joinMs + boardMs,
      linkKiB: +(join.linkKiB + board.linkKiB).toFixed(1), linkRequests: join.linkRequests + board.linkRequests,
      linkKiBAtInteractive: +(join.linkKiB + board.linkKiBAtInteractive).toFixed(1) });
    pairFiles = [...join.files.map((f) => ({ ...f, phase: "join" })), ...board.files.map((f) => ({ ...f, phase: "board" }))];
    await context.close();
  }
  // 2b: a hasty pair: Join pressed as soon as it can be (the plain form, before the page's
  // WebAssembly). Times from navigation start (wall clock, node and page on one machine):
  // Join pressed, a board shown (the server's drawing or the live one), the live board.
  {
    const { context, page } = await coldPage(TABLET);
    link.start("hasty");
    const t0 = Date.now();
    await page.goto(`${BASE}/join?code=${w.join_code}`, { waitUntil: "commit" });
    await when(page, visible("form button.primary"));
    await page.getByLabel("Pair name", { exact: true }).fill(`Hasty ${run}`);
    const pressed = Date.now();
    await page.locator("form button.primary").click({ noWaitAfter: true });
    await page.waitForURL(/\/pair\//, { waitUntil: "commit" });
    // The board shown: drawn by the server (the plain form was posted) or the live one (the
    // press was held until the page's code ran, which joined without leaving the page).
    const drawn = await when(page, visible(".board-before-code li, section.tray .tray-cards button"), undefined, WALL_CLOCK);
    const live = await when(page, visible("section.tray .tray-cards button"), undefined, WALL_CLOCK);
    const linkAt = link.snapshot();
    await quiet();
    hasty.push({ pressedMs: pressed - t0, drawnMs: Math.round(drawn - t0), liveMs: Math.round(live - t0), ...linked(link.snapshot(), linkAt) });
    console.log(JSON.stringify({ run, screen: "hasty join", ...hasty.at(-1) }));
    await context.close();
  }
  // 3: the other screens, each cold.
  const screens = [
    ["console", w.console_path, LAPTOP, ".join-panel"],
    ["projector", `/p/${w.workshop_id}`, LAPTOP, ".projector-header"],
    ["research", "/research", LAPTOP, "#admin-key"],
    ["new workshop", "/new", LAPTOP, "#create-workshop"],
  ];
  for (const [screen, path, device, selector] of screens) {
    const { context, page } = await coldPage(device);
    link.start(screen);
    await page.goto(BASE + path, { waitUntil: "commit" });
    const interactiveMs = Math.round(await when(page, visible(selector)));
    const linkAt = link.snapshot();
    const firstPaint = await fcp(page);
    await quiet();
    const s = { ...summary("load"), ...linked(link.snapshot(), linkAt) };
    record(run, screen, { ...s, files: s.files.map((f) => `${f.who} ${f.file} ${f.bytes}`), firstPaint, interactiveMs });
    await context.close();
  }
}
meter = null;
raw.close();
await browser.close();
await link.close();

/** The link's figures for a screen: all of it, and what had crossed when it became interactive. */
function linked(all, atInteractive) {
  if (process.env.VERBOSE) console.error(all.name, "link requests:", all.paths.join(", "));
  return { linkKiB: linkKiB(all), linkRequests: all.requests, linkKiBAtInteractive: linkKiB(atInteractive) };
}

// ---- Medians.
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const cell = (rows, k) => (rows.every((r) => r[k] !== undefined) ? String(+median(rows.map((r) => r[k])).toFixed(1)) : "–");
console.log(`\n### Venue profile: 1.5 Mbit/s down, 0.75 Mbit/s up, 150 ms RTT, CPU 4x, cold cache — medians of ${RUNS} run(s), ${BASE}\n`);
console.log("| screen | link KiB (all, both ways) | link requests | page's own KiB (CDP) | page's requests | first paint ms | interactive ms | SW background KiB (requests, CDP) |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
for (const [screen, rows] of Object.entries(results)) {
  const name = { board: "pair board (Join → board shown)", "join+board": "join page + board together" }[screen] ?? screen;
  console.log(`| ${name} | ${cell(rows, "linkKiB")} | ${cell(rows, "linkRequests")} | ${cell(rows, "kib")} | ${cell(rows, "requests")} | ${cell(rows, "firstPaint")} | ${cell(rows, "interactiveMs")} | ${cell(rows, "swKib")} (${cell(rows, "swRequests")}) |`);
}
const together = median(results["join+board"].map((r) => r.linkKiB));
const requests = median(results["join+board"].map((r) => r.linkRequests));
console.log(`\nJoin page + board: ${together} KiB on the link, service worker and websocket included (budget 200 KiB: ` +
  `${together <= 200 ? "within" : "OVER"}), ${requests} requests (budget 15: ${requests <= 15 ? "within" : "OVER"}).`);
console.log("\"interactive\" of join+board = Join enabled + (Join pressed → board shown); typing and waiting for quiet excluded.");
console.log(`\n### A hasty pair (Join pressed as soon as it can be, before the WebAssembly), medians of ${RUNS}, ms from navigation start\n`);
console.log("| Join pressed | a board shown (drawn or live) | live board (interactive) | link KiB at live board | link requests |\n|---:|---:|---:|---:|---:|");
console.log(`| ${cell(hasty, "pressedMs")} | ${cell(hasty, "drawnMs")} | ${cell(hasty, "liveMs")} | ${cell(hasty, "linkKiBAtInteractive")} | ${cell(hasty, "linkRequests")} |`);
console.log(`\n### /pkg/ files on the pair's path (last run)\n\n| phase | file | fetched by | encoded bytes | content-encoding |\n|---|---|---|---:|---|`);
for (const f of pairFiles) console.log(`| ${f.phase} | ${f.file} | ${f.who} | ${f.bytes} | ${f.encoding || "none"} |`);
const failures = Object.values(results).flat().flatMap((r) => r.failed ?? []);
if (failures.length) console.log(`\nFailed requests:\n${[...new Set(failures)].map((f) => `- ${f}`).join("\n")}`);
