// Every screen meets WCAG 2.2 AA: axe-core checks each screen of the app in its meaningful
// states (the home page, join, the pair's board on a tablet and on a phone, the facilitator's
// console, the projector, the new-workshop form, the research area, replay, compare, the room
// reports and the error pages) and finds nothing. Each state is reached as a user reaches it,
// and checked once the page has hydrated and shows its live data.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { Console, NewWorkshopForm, PairScreen, Projector, ReplayScreen, ResearchArea, TABLET, escapeRegExp } from "./pages";

const ADMIN_KEY = process.env.DS_ADMIN_KEY ?? "";
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const ASPECT = "Supporting carers and family members";
const OTHER = "Where people are seen";
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 };

/** Runs axe-core on the page as it is now and expects no violations; the failure lists each
 * violation's rule, help text and the elements it found, so it says what to fix where. */
async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(" ")}: ${n.html}\n      ${(n.failureSummary ?? "").replace(/\n/g, "\n      ")}`);
      return `  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes.join("\n")}`;
    })
    .join("\n");
  expect(results.violations.map((v) => v.id), `${screen} (${page.url()}): axe-core found violations:\n${report}`).toEqual([]);
}

/** The page's WebAssembly has started and hydrated the server-rendered markup. */
async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-wasm-started", "");
}

function stamp(): string {
  return `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

async function signIn(page: Page) {
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  const research = new ResearchArea(page);
  await research.open();
  await hydrated(page);
  await research.signIn(ADMIN_KEY);
  await expect(page.getByRole("heading", { name: "Workshops" })).toBeVisible();
  return research;
}

/** A workshop made through the API (for the research screens), with its one pair's board. */
async function createWorkshop(page: Page, title: string, site: string, aspects: string[]) {
  const response = await page.request.post("/api/workshops", {
    data: { title, site, question: "How much discretion?", left_pole: "Fixed", right_pole: "Flexible", aspects },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { workshop_id: string; join_code: string; console_path: string };
}

/** A workshop whose one pair placed every aspect with the keyboard, then revealed. */
async function playedWorkshop(page: Page, browser: Browser, title: string, site: string, places: [string, number][]) {
  const created = await createWorkshop(page, title, site, places.map(([aspect]) => aspect));
  const [context, pair] = await PairScreen.join(browser, created.join_code, `Pair ${site}`);
  await page.goto(created.console_path);
  const console = new Console(page);
  await console.startPlacing();
  for (const [aspect, position] of places) {
    await pair.placeByKeyboard(aspect, position);
    await expect(pair.status).toHaveText("Saved");
  }
  await console.reveal();
  await context.close();
  return created;
}

test("the home page, join (empty and refused), not found and broken links", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await expect(page.getByRole("link", { name: "New workshop" })).toBeVisible();
  await expectAccessible(page, "home");

  await page.goto("/join");
  await hydrated(page);
  await expect(page.getByRole("button", { name: "Join" })).toBeEnabled();
  await expectAccessible(page, "join, empty");

  await page.getByLabel("Join code", { exact: true }).fill("ZZZZZZ");
  await page.getByLabel("Pair name", { exact: true }).fill("Pair A");
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.getByRole("alert")).toContainText("No workshop has the code");
  await expect(page.getByLabel("Join code", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "join, with an error");

  await page.goto("/no-such-page");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page, "not found");

  // A board this device never joined: it says so and links to the join form.
  await page.goto("/pair/ZZZZZZ");
  await hydrated(page);
  await expect(page.getByRole("link", { name: "Join workshop ZZZZZZ" })).toBeVisible();
  await expectAccessible(page, "pair board, not joined");

  // A projector link cut short.
  await page.goto("/p/not-a-workshop");
  await hydrated(page);
  await expect(page.getByRole("alert")).toContainText("This projector link is not complete");
  await expectAccessible(page, "projector, broken link");

  // A console link with a wrong secret: the server refuses it.
  await page.goto("/f/" + "0".repeat(32));
  await hydrated(page);
  await expect(page.getByRole("alert")).not.toBeEmpty();
  await expectAccessible(page, "console, unknown workshop");
});

test("the new-workshop form, empty and with a validation error", async ({ page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  await hydrated(page);
  await expect(page.getByRole("button", { name: "Create workshop" })).toBeEnabled();
  await expectAccessible(page, "new workshop, empty");

  // Nothing typed: the title is refused, next to its field, which gets focus.
  await page.getByRole("button", { name: "Create workshop" }).click();
  const title = page.getByLabel("Title", { exact: true });
  await expect(title).toHaveAttribute("aria-invalid", "true");
  await expect(title).toBeFocused();
  await expect(page.getByRole("alert")).not.toBeEmpty();
  await expectAccessible(page, "new workshop, with a validation error");
});

test("the pair's board before placing, while placing, with its sheet and the add form open, and after the reveal", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create(`Board ${stamp()}`, "Site A11y");
  const [context, pair] = await PairScreen.join(browser, await console.code(), "Pair A", TABLET);
  const board = pair.page;
  await hydrated(board);

  // Joined, waiting for the facilitator.
  await expect(pair.phaseNotice).not.toBeEmpty();
  await expect(pair.tray.locator(".post-it")).toHaveCount(10);
  await expectAccessible(board, "pair board, before placing");

  // Placing, one post-it on the spectrum.
  await console.startPlacing();
  await expect(pair.phaseNotice).toBeEmpty();
  await pair.placeByKeyboard(ASPECT, 30);
  await expect(pair.status).toHaveText("Saved");
  expect(await pair.placedPosition(ASPECT)).toBe(30);
  await expectAccessible(board, "pair board, placing with a post-it placed");

  // A post-it's sheet open (notes and "can't place"), filled in.
  await pair.openSheet(OTHER);
  await pair.sheet.getByLabel("Intended outcome", { exact: true }).fill("People are seen where they feel safe");
  await pair.sheet.getByLabel("Can't place / it depends", { exact: true }).check();
  await expect(pair.sheet.getByLabel("Reason", { exact: true })).toBeVisible();
  await expectAccessible(board, "pair board, sheet open");
  await pair.sheet.getByLabel("Reason", { exact: true }).fill("It depends on the person");
  await pair.save();
  await expect(pair.status).toHaveText("Saved");
  await expect(pair.cantPlace.getByRole("button", { name: new RegExp("^" + escapeRegExp(OTHER)) })).toBeVisible();

  // Writing a new post-it.
  await board.getByRole("button", { name: "Add a post-it" }).click();
  await expect(board.getByLabel("Post-it text", { exact: true })).toBeVisible();
  await expectAccessible(board, "pair board, new post-it form open");
  await board.getByLabel("Post-it text", { exact: true }).fill("Home visits");
  await board.getByRole("button", { name: "Add", exact: true }).click();
  await expect(pair.tray.getByRole("button", { name: /^Home visits — / })).toBeVisible();
  await expect(pair.status).toHaveText("Saved");

  // Revealed: the room's picture on the board.
  await console.reveal();
  await expect(board.locator('[data-phase="reveal"]').first()).toBeVisible();
  await expectAccessible(board, "pair board, after the reveal");
  await context.close();
});

test("the pair's board on a 390 px phone, before and while placing", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create(`Phone ${stamp()}`, "Site A11y");
  const [context, pair] = await PairScreen.join(browser, await console.code(), "Pair P", PHONE);
  await hydrated(pair.page);
  await expect(pair.phaseNotice).not.toBeEmpty();
  await expectAccessible(pair.page, "phone board, before placing");

  await console.startPlacing();
  await expect(pair.phaseNotice).toBeEmpty();
  // Selected, then placed with the buttons, as on a phone.
  await pair.postIt(ASPECT).focus();
  await expect(pair.page.locator(".nudge-target")).toContainText(ASPECT);
  await pair.page.getByRole("button", { name: "Place on spectrum" }).click();
  await expect(pair.spectrum.getByRole("button", { name: new RegExp("^" + escapeRegExp(ASPECT)) })).toHaveAttribute("data-position", "50");
  await expect(pair.status).toHaveText("Saved");
  await expectAccessible(pair.page, "phone board, placing with a post-it placed");
  await context.close();
});

test("a pair's results after the reveal, on a tablet and on a phone, with notes; refused before the reveal", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create(`Results ${stamp()}`, "Site A11y");
  const code = await console.code();
  await console.startPlacing();
  const pairs: PairScreen[] = [];
  for (const [n, position] of [30, 55, 80].entries()) {
    const [, pair] = await PairScreen.join(browser, code, `Pair ${n + 1}`, TABLET);
    await pair.placeByKeyboard(ASPECT, position);
    await expect(pair.status).toHaveText("Saved");
    pairs.push(pair);
  }
  const tablet = pairs[0].page;
  await pairs[0].openSheet(ASPECT);
  await pairs[0].fillSheet({ intended: "Families feel held,\nand come back", unintended: "Longer caseloads" });
  await pairs[0].save();
  await expect(pairs[0].status).toHaveText("Saved");

  // Before the reveal the page says why not.
  await tablet.goto(`/pair/${code}/results`);
  await hydrated(tablet);
  await expect(tablet.getByRole("alert")).toContainText("once the facilitator reveals");
  await expectAccessible(tablet, "our results, before the reveal");

  await console.reveal();
  await tablet.goto(`/pair/${code}`);
  await tablet.getByRole("link", { name: "Our results" }).tap();
  await expect(tablet.locator(".result-row")).not.toHaveCount(0);
  await expect(tablet.locator(".results-notes")).toContainText("Longer caseloads");
  await expectAccessible(tablet, "our results, tablet");

  const phone = await browser.newContext(PHONE);
  const phonePage = await phone.newPage();
  const joined = await tablet.evaluate((code) => localStorage.getItem(`ds.pair.${code}`), code);
  await phonePage.goto("/join");
  await phonePage.evaluate(([code, joined]) => localStorage.setItem(`ds.pair.${code}`, joined!), [code, joined]);
  await phonePage.goto(`/pair/${code}/results`);
  await hydrated(phonePage);
  await expect(phonePage.locator(".result-row")).not.toHaveCount(0);
  await expectAccessible(phonePage, "our results, phone");
  await phone.close();
  for (const pair of pairs) await pair.page.context().close();
});

test("the console and the projector in the lobby, while placing and revealed, with pairs; the room report", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  const form = new NewWorkshopForm(page);
  await form.open();
  const title = `Console ${stamp()}`;
  const console = await form.create(title, "Site A11y");
  await hydrated(page);
  const code = await console.code();

  // The projector, on its own screen, in the lobby: the join code, large, and its QR code.
  const projectorContext = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const projectorPage = await projectorContext.newPage();
  await projectorPage.goto(await console.projectorUrl());
  await hydrated(projectorPage);
  await expect(projectorPage.locator(".projector.joining")).toBeVisible();
  await expect(projectorPage.getByText(code, { exact: true })).toBeVisible();
  const qr = projectorPage.locator("img[src^='/qr/']");
  await expect(qr).toBeVisible();
  await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // Two pairs join.
  const [contextA, pairA] = await PairScreen.join(browser, code, "Pair A", TABLET);
  const [contextB, pairB] = await PairScreen.join(browser, code, "Pair B", TABLET);
  const pairs = page.getByRole("region", { name: /^Pairs \(/ });
  await expect(pairs.getByText("Pair A", { exact: true })).toBeVisible();
  await expect(pairs.getByText("Pair B", { exact: true })).toBeVisible();
  await console.expectPhase("joining");
  await expectAccessible(page, "console, lobby with pairs");
  await expectAccessible(projectorPage, "projector, lobby with join code and QR");

  // Placing: both pairs place the aspect.
  await console.startPlacing();
  await expect(projectorPage.locator('.session-bar [data-phase="placing"]')).toBeVisible();
  await pairA.placeByKeyboard(ASPECT, 30);
  await pairB.placeByKeyboard(ASPECT, 70);
  await expect(pairA.status).toHaveText("Saved");
  await expect(pairB.status).toHaveText("Saved");
  await expectAccessible(page, "console, placing with pairs");
  await expectAccessible(projectorPage, "projector, placing");

  // Revealed: two pairs are fewer than the privacy threshold (3), so no dots yet…
  await console.reveal();
  await expect(projectorPage.locator('.session-bar [data-phase="reveal"]')).toBeVisible();
  await expect(projectorPage.locator(".room-picture")).toBeVisible();
  expect(await new Projector(projectorPage).dotPositions(ASPECT)).toEqual([]);
  await expectAccessible(projectorPage, "projector, revealed below the privacy threshold");
  // …then, with the threshold at one pair, the room's picture with every pair's dot.
  await console.setPrivacyThreshold(1);
  await expect.poll(() => new Projector(projectorPage).dotPositions(ASPECT)).toEqual([30, 70]);
  await expectAccessible(page, "console, revealed");
  await expectAccessible(projectorPage, "projector, revealed");
  await contextA.close();
  await contextB.close();
  await projectorContext.close();

  // The room report: a page of the server's own, without the app's scripts.
  const consoleUrl = page.url();
  await page.getByRole("link", { name: "Room report" }).click();
  await page.waitForURL(/\/f\/[0-9a-f]+\/report\?lang=en$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("rowheader", { name: ASPECT })).toBeVisible();
  await expectAccessible(page, "room report");

  // Deleting the workshop: the confirmation, then the page that says it is gone.
  await page.goto(consoleUrl);
  await hydrated(page);
  await expect(console.joinCode).toHaveText(code);
  await page.getByRole("button", { name: "Delete workshop…" }).click();
  await expect(page.getByRole("button", { name: "Yes, delete" })).toBeVisible();
  await expectAccessible(page, "console, delete confirmation");
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByRole("heading", { name: "Workshop deleted" })).toBeVisible();
  await expectAccessible(page, "console, workshop deleted");
});

test("the research area signed out, refused and signed in, and a workshop's room report", async ({ browser, page }) => {
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  test.setTimeout(120_000);
  const s = stamp();
  const title = `Research ${s}`;
  await playedWorkshop(page, browser, title, `Site ${s}`, [[ASPECT, 40], [OTHER, 60]]);

  const research = new ResearchArea(page);
  await research.open();
  await hydrated(page);
  await expect(research.keyField).toBeVisible();
  await expectAccessible(page, "research, signed out");

  await research.signIn("not-the-admin-key");
  await expect(page.getByRole("alert")).toContainText("That admin key is not right");
  await expectAccessible(page, "research, wrong key");

  await research.signIn(ADMIN_KEY);
  const row = research.row(title);
  await expect(row).toHaveCount(1);
  await expectAccessible(page, "research, signed in with the list");

  // A row's inline question.
  await row.getByRole("button", { name: "Delete…" }).click();
  await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
  await expectAccessible(page, "research, delete confirmation");
  await page.getByRole("button", { name: "Cancel" }).click();

  // The workshop's room report, from its row.
  await row.getByRole("link", { name: "Room report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("rowheader", { name: ASPECT })).toBeVisible();
  await expectAccessible(page, "room report (research)");
});

test("replay and compare, signed out and signed in", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const s = stamp();
  const a = await playedWorkshop(page, browser, `Replay N ${s}`, `North ${s}`, [[ASPECT, 40], [OTHER, 60]]);
  const b = await playedWorkshop(page, browser, `Replay S ${s}`, `South ${s}`, [[ASPECT, 70], ["Home visits", 20]]);
  const compareUrl = `/research/compare?ids=${a.workshop_id},${b.workshop_id}`;

  // Signed out, both say so and link to the sign-in.
  const replay = new ReplayScreen(page);
  await replay.open(a.workshop_id);
  await hydrated(page);
  await expect(page.getByRole("alert")).toContainText("This needs the admin key");
  await expectAccessible(page, "replay, signed out");
  await page.goto(compareUrl);
  await hydrated(page);
  await expect(page.getByRole("alert")).toContainText("This needs the admin key.");
  await expectAccessible(page, "compare, signed out");

  await signIn(page);

  // The replay at its start and at its end (the dots revealed).
  await replay.open(a.workshop_id);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Replay N ${s}`);
  await expect(replay.said).toHaveText("Before any change: the workshop as created.");
  await expectAccessible(page, "replay, at the start");
  const end = Number(await replay.slider.getAttribute("max"));
  await replay.moveTo(end);
  await expect(replay.phase).toContainText("Reveal");
  await expect(page.locator(".dot")).toHaveCount(2);
  await expectAccessible(page, "replay, at the end");

  // The comparison of the two workshops.
  await page.goto(compareUrl);
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Compare workshops" })).toBeVisible();
  const table = page.getByRole("table", { name: "Medians and quartiles by site" });
  await expect(table.getByRole("rowheader")).toHaveCount(3);
  await expect(page.getByRole("img", { name: new RegExp(`at North ${s}, South ${s}`) })).toBeVisible();
  await expectAccessible(page, "compare, two workshops");

  // Two aspects matched by hand.
  await page.getByLabel(`Match “${OTHER}” with…`).selectOption({ label: "Home visits" });
  await table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: OTHER, exact: true }) }).getByRole("button", { name: "Match" }).click();
  await expect(table.getByRole("rowheader")).toHaveCount(2);
  await expect(page.getByRole("status")).toContainText("Matched");
  await expectAccessible(page, "compare, aspects matched by hand");
});

test("the audit log signed out and signed in, filtered; a list row near its delete-after day; delete-after refusals", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  const s = stamp();
  const day = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const title = `Audit ${s}`;
  const response = await page.request.post("/api/workshops", {
    data: {
      title,
      site: `Site ${s}`,
      question: "How much discretion?",
      left_pole: "Fixed",
      right_pole: "Flexible",
      aspects: [ASPECT, OTHER],
      delete_after: day(3),
    },
  });
  expect(response.status()).toBe(201);
  const created = (await response.json()) as { workshop_id: string; console_path: string };

  // Signed out, the audit log says so and links to the sign-in.
  const stranger = await browser.newContext();
  const outside = await stranger.newPage();
  await outside.goto("/research/audit");
  await hydrated(outside);
  await expect(outside.getByRole("alert")).toContainText("This needs the admin key");
  await expectAccessible(outside, "audit log, signed out");
  await stranger.close();

  const research = await signIn(page);
  const row = research.row(title);
  await expect(row.getByText("Soon:")).toBeVisible();
  await expectAccessible(page, "research, a workshop near its delete-after day");
  await row.getByRole("button", { name: "Delete after…" }).click();
  await page.getByLabel("Delete after", { exact: true }).fill(day(-1));
  await row.getByRole("button", { name: "Save", exact: true }).click();
  await expect(row.getByRole("alert")).toContainText("is in the past");
  await expectAccessible(page, "research, delete-after refused in a row");
  await row.getByRole("button", { name: "Cancel" }).click();
  await research.download(row.getByRole("link", { name: "Download (zip)" }));

  await page.getByRole("link", { name: "Audit log" }).first().click();
  await hydrated(page);
  await expect(page.getByRole("table", { name: "Audit log, newest first" })).toBeVisible();
  await expectAccessible(page, "audit log, every workshop");
  await page.getByLabel("Workshop", { exact: true }).selectOption(created.workshop_id);
  await expect(page.getByRole("table", { name: "Audit log, newest first" }).getByRole("row")).toHaveCount(3);
  await expectAccessible(page, "audit log, one workshop");

  // The console's "Delete after" with a refused day, and the form's.
  await page.goto(created.console_path);
  await hydrated(page);
  // The stored day arrives after hydration; typing before it would be overwritten by it.
  await expect(page.getByLabel("Delete after", { exact: true })).toHaveValue(day(3));
  await page.getByLabel("Delete after", { exact: true }).fill(day(-1));
  await page.getByRole("button", { name: "Save delete-after day" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "is in the past" })).toBeVisible();
  await expectAccessible(page, "console, delete-after refused");

  const form = new NewWorkshopForm(page);
  await form.open();
  await hydrated(page);
  await page.getByLabel("Title", { exact: true }).fill(`Form ${s}`);
  await page.getByLabel("Site", { exact: true }).fill(`Site ${s}`);
  await page.getByLabel("Delete after", { exact: true }).fill(day(-1));
  await page.getByRole("button", { name: "Create workshop" }).click();
  const field = page.getByLabel("Delete after", { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toBeFocused();
  await expect(page.getByRole("alert")).toContainText("is in the past");
  await expectAccessible(page, "new workshop, delete-after refused");
});

test("the research area's withdraw-a-pair form and the withdrawal deadline fields", async ({ page }) => {
  const s = stamp();
  const title = `Withdraw a11y ${s}`;
  const created = await createWorkshop(page, title, `Site ${s}`, [ASPECT]);
  await page.goto(created.console_path);
  await hydrated(page);
  const deadline = page.getByLabel("Withdrawal deadline (optional)", { exact: true });
  await expect(deadline).toBeVisible();
  await expectAccessible(page, "console, withdrawal deadline");
  await deadline.fill("2001-01-01");
  await page.getByRole("button", { name: "Save withdrawal deadline" }).click();
  await expect(deadline).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "console, withdrawal deadline refused");

  const form = new NewWorkshopForm(page);
  await form.open();
  await hydrated(page);
  await expect(page.getByLabel("Withdrawal deadline (optional)", { exact: true })).toBeVisible();
  await expectAccessible(page, "new workshop, withdrawal deadline");

  const research = await signIn(page);
  const row = research.row(title);
  await row.getByRole("button", { name: "Withdraw a pair…" }).click();
  const withdraw = page.getByRole("form", { name: `Withdraw a pair from “${title}”` });
  await expect(withdraw.getByLabel("Pair reference", { exact: true })).toBeFocused();
  await expectAccessible(page, "research, withdraw a pair");
  await withdraw.getByLabel("Pair reference", { exact: true }).fill("ZZZZZZ");
  await withdraw.getByRole("button", { name: "Continue" }).click();
  await expect(withdraw.getByRole("button", { name: "No, keep it" })).toBeFocused();
  await expectAccessible(page, "research, withdraw confirmation");
  await withdraw.getByRole("button", { name: "Yes, withdraw" }).click();
  await expect(withdraw.getByRole("alert")).toContainText("No pair of this workshop");
  await expectAccessible(page, "research, withdraw refused");
});
