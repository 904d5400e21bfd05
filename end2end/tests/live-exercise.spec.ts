// The foundation scenario: a facilitator creates a workshop in the UI, two pairs join (one on a
// touch tablet), the facilitator switches the live wall on and starts placing, both pairs place
// post-its by dragging, the projector shows the dots live, and the CSV download holds exactly
// the placements the server acknowledged.
import { type APIRequestContext, expect, test } from "@playwright/test";
import { Console, NewWorkshopForm, PairScreen, Projector, TABLET, placedRows } from "./pages";

const FIRST = "How many appointments a patient can have";
const SECOND = "Where people are seen";

test("facilitator, projector and two pairs (one touch tablet) run the exercise live", async ({ browser }) => {
  const facilitator = await browser.newContext();
  const consolePage = await facilitator.newPage();
  const form = new NewWorkshopForm(consolePage);
  await form.open();
  const console: Console = await form.create("Knowledge exchange — Ysbyty Gwynedd", "Site 3");
  const code = await console.code();

  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const projectorPage = await projectorContext.newPage();
  await projectorPage.goto(await console.projectorUrl());
  const projector = new Projector(projectorPage);
  await expect(projector.row(FIRST)).toBeVisible();
  await expect(projectorPage.getByText(code).first()).toBeVisible();

  const [, pairA] = await PairScreen.join(browser, code, "Pair A — Siân");
  const [, pairB] = await PairScreen.join(browser, code, "Pair B", TABLET);
  await expect(consolePage.getByText("Pair A — Siân")).toBeVisible();
  await expect(consolePage.getByText("Pair B")).toBeVisible();

  // Live wall (and no small-group threshold), so the projector shows dots while pairs place.
  await console.setPrivacyThreshold(1);
  await console.setLiveWall(true);
  await console.startPlacing();

  // Pair A drags with a mouse, Pair B with a finger.
  await pairA.mouseDrag(FIRST, 25);
  await expect(pairA.status).toHaveText("Saved");
  const a1 = await pairA.placedPosition(FIRST);
  expect(a1).toBeGreaterThan(20);
  expect(a1).toBeLessThan(30);

  await pairB.touchDrag(FIRST, await pairB.pointAt(75));
  await expect(pairB.spectrum.getByRole("button", { name: new RegExp("^" + FIRST) })).toBeVisible();
  await expect(pairB.status).toHaveText("Saved");
  const b1 = await pairB.placedPosition(FIRST);
  expect(b1).toBeGreaterThan(70);
  expect(b1).toBeLessThan(80);

  // A second card, then a move of it: the latest position is what counts.
  await pairB.touchDrag(SECOND, await pairB.pointAt(10));
  await expect(pairB.status).toHaveText("Saved");
  await pairB.touchDrag(SECOND, await pairB.pointAt(40));
  await expect(pairB.status).toHaveText("Saved");
  const b2 = await pairB.placedPosition(SECOND);
  expect(b2).toBeGreaterThan(35);
  expect(b2).toBeLessThan(45);

  // The projector updated without a reload: one dot per pair, at the acknowledged positions.
  await expect(projector.row(FIRST).locator(".dot")).toHaveCount(2);
  expect(await projector.dotPositions(FIRST)).toEqual([a1, b1]);
  await expect(projector.row(FIRST).locator(".count")).toHaveText("2 of 2 pairs placed");
  expect(await projector.dotPositions(SECOND)).toEqual([b2]);
  await expect(projector.row(SECOND).locator(".count")).toHaveText("1 of 2 pairs placed");
  const median = Number(await projector.row(FIRST).locator(".median").getAttribute("data-value"));
  expect(median).toBeCloseTo((a1 + b1) / 2, 5);

  // A pair's screen shows only its own post-its on the spectrum.
  await expect(pairA.spectrum.getByRole("button")).toHaveCount(1);

  // The CSV holds the same data, one row per pair and placed aspect.
  const rows = placedRows(await console.downloadCsv());
  const simplified = rows.map((r) => [r.pair_label, r.aspect_text, Number(r.position)]);
  expect(simplified).toEqual([
    ["Pair A — Siân", FIRST, a1],
    ["Pair B", FIRST, b1],
    ["Pair B", SECOND, b2],
  ]);
  for (const r of rows) {
    expect(r.title).toBe("Knowledge exchange — Ysbyty Gwynedd");
    expect(r.site).toBe("Site 3");
    expect(r.first_placed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    expect(Date.parse(r.last_moved_at)).toBeGreaterThanOrEqual(Date.parse(r.first_placed_at));
  }
  const moved = rows.find((r) => r.aspect_text === SECOND)!;
  expect(Date.parse(moved.last_moved_at)).toBeGreaterThan(Date.parse(moved.first_placed_at));

  // Dragging a post-it back to the tray takes it off the spectrum, everywhere.
  const tray = (await pairB.tray.boundingBox())!;
  await pairB.touchDrag(SECOND, { x: tray.x + tray.width / 2, y: tray.y + tray.height / 2 });
  await expect(pairB.tray.getByRole("button", { name: new RegExp("^" + SECOND) })).toBeVisible();
  await expect(pairB.status).toHaveText("Saved");
  await expect(projector.row(SECOND).locator(".dot")).toHaveCount(0);
  await expect(projector.row(SECOND).locator(".count")).toHaveText("0 of 2 pairs placed");
});

test("a wrong join code gets a clear message and joins nothing", async ({ page }) => {
  await page.goto("/join?code=ZZZZZZ");
  await expect(page.getByLabel("Join code", { exact: true })).toHaveValue("ZZZZZZ");
  await page.getByLabel("Pair name", { exact: true }).fill("Pair 9");
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("alert")).toContainText("ZZZZZZ");
  await expect(page).toHaveURL(/\/join/);
});

/** A workshop with one aspect, made through the API; its join code. */
async function oneAspectWorkshop(request: APIRequestContext, title: string): Promise<string> {
  const created = await request.post("/api/workshops", {
    data: { title, site: "Site 2", question: "How much discretion?", left_pole: "Fixed", right_pole: "Flexible", aspects: ["Where people are seen"] },
  });
  expect(created.status()).toBe(201);
  return (await created.json()).join_code;
}

test("Join pressed before the WebAssembly arrives waits for it, then joins without leaving the page", async ({ page, request }) => {
  const code = await oneAspectWorkshop(request, "Early typing");

  // Hold the WebAssembly back, as a slow venue Wi-Fi would, while the pair types and joins.
  // The press is held (the page would otherwise leave with its WebAssembly half downloaded)
  // until the page's code runs, which then joins and opens the board in the same page.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const wasmRequests: string[] = [];
  await page.route(/\.wasm$/, async (route) => {
    wasmRequests.push(new URL(route.request().url()).pathname);
    await held;
    await route.continue();
  });
  const documents: string[] = [];
  page.on("request", (r) => r.isNavigationRequest() && documents.push(`${r.method()} ${new URL(r.url()).pathname}`));
  await page.goto("/join");
  await page.getByLabel("Join code", { exact: true }).fill(code);
  await page.getByLabel("Pair name", { exact: true }).fill("Early birds");
  await expect(page.locator("html")).not.toHaveAttribute("data-wasm-started", "");
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.locator("#join-form")).toHaveAttribute("data-held", "");
  await expect(page.getByRole("button", { name: "Join" })).toHaveAttribute("aria-busy", "true");
  await page.waitForTimeout(500);
  expect(new URL(page.url()).pathname).toBe("/join");

  release();
  await expect(page).toHaveURL(new RegExp(`/pair/${code}$`));
  await expect(page.locator(".sync-status")).toHaveText("Saved");
  await expect(page.getByText("Early birds").first()).toBeVisible();
  // One page load, no plain post: the WebAssembly was fetched once, by the join page.
  expect(documents).toEqual(["GET /join"]);
  expect(new Set(wasmRequests).size).toBe(wasmRequests.length);
});

test("Join pressed when the WebAssembly never comes posts the plain form, and the server draws the board", async ({ browser, request }) => {
  const code = await oneAspectWorkshop(request, "No WebAssembly");
  // A browser that cannot run the page's code (the files never arrive): after the hold, the
  // plain form is posted, and the board's page shows the board the server drew.
  const context = await browser.newContext({ serviceWorkers: "block" });
  await context.route(/\.wasm$/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`/join?code=${code}`);
  await page.getByLabel("Pair name", { exact: true }).fill("Patient pair");
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForURL(new RegExp(`/pair/${code}#joined=`), { timeout: 15_000 });
  await expect(page.locator(".board-before-code .pair-label")).toHaveText("Patient pair");
  await expect(page.locator(".board-before-code .tray-cards li")).toHaveText(["Where people are seen"]);
  await context.close();
});
