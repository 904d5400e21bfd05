// "Across sites": two workshops at two sites, pairs placing on their tablets with the keyboard;
// a researcher opens the comparison by URL, reads the medians per site, matches two differently
// worded aspects by hand (kept in the URL across a reload) and downloads comparison.csv.
import { strFromU8, unzipSync } from "fflate";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { Console, PairScreen, ResearchArea, csvRecords, escapeRegExp } from "./pages";

const ADMIN_KEY = process.env.DS_ADMIN_KEY ?? "";

type Created = { workshop_id: string; join_code: string; console_path: string };

async function createWorkshop(page: Page, title: string, site: string, aspects: string[]): Promise<Created> {
  const response = await page.request.post("/api/workshops", {
    data: { title, site, question: "How much discretion?", left_pole: "Fixed", right_pole: "Flexible", aspects },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as Created;
}

/** Picks the post-it up with the keyboard (it starts at 50), moves it by `tens` × 10, drops it. */
async function placeByKeyboard(pair: PairScreen, aspect: string, tens: number) {
  await pair.tray.getByRole("button", { name: new RegExp("^" + escapeRegExp(aspect)) }).focus();
  await pair.page.keyboard.press("Space");
  for (let i = 0; i < Math.abs(tens); i++) await pair.page.keyboard.press(tens > 0 ? "Shift+ArrowRight" : "Shift+ArrowLeft");
  await pair.page.keyboard.press("Enter");
  await expect(pair.status).toHaveText("Saved");
  expect(await pair.placedPosition(aspect)).toBe(50 + 10 * tens);
}

/** A workshop whose one pair places two aspects at known positions. */
async function placedWorkshop(page: Page, browser: Browser, title: string, site: string, places: [string, number][]) {
  const created = await createWorkshop(page, title, site, places.map(([aspect]) => aspect));
  const [context, pair] = await PairScreen.join(browser, created.join_code, `Pair ${site}`);
  await page.goto(created.console_path);
  await new Console(page).startPlacing();
  for (const [aspect, tens] of places) await placeByKeyboard(pair, aspect, tens);
  await context.close();
  return created;
}

test("a researcher compares two sites and matches aspects by hand", async ({ page, browser }) => {
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  test.setTimeout(120_000);
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const [north, south] = [`North ${stamp}`, `South ${stamp}`];
  // Holding: 60 in the north, 70 in the south (same aspect, other case, a full stop);
  // record keeping (40) and keeping records (30) are worded differently.
  const a = await placedWorkshop(page, browser, `Meeting N ${stamp}`, north, [["Holding patients", 1], ["Record keeping", -1]]);
  const b = await placedWorkshop(page, browser, `Meeting S ${stamp}`, south, [["HOLDING patients.", 2], ["Keeping records", -2]]);
  const url = `/research/compare?ids=${a.workshop_id},${b.workshop_id}`;

  // Not signed in: a clear message and the way to sign in.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(url);
  await expect(stranger.getByRole("alert")).toContainText("This needs the admin key.");
  await expect(stranger.getByRole("link", { name: "Sign in on the research data page" })).toHaveAttribute("href", "/research");
  await stranger.context().close();

  const research = new ResearchArea(page);
  await research.open();
  await research.signIn(ADMIN_KEY);
  await expect(page.getByRole("heading", { name: "Workshops" })).toBeVisible();
  // Tick north, then south, in the list; "Compare selected" keeps that order.
  for (const title of [`Meeting N ${stamp}`, `Meeting S ${stamp}`]) {
    await research.row(title).getByRole("checkbox", { name: `Compare “${title}”` }).check();
  }
  await page.getByRole("link", { name: "Compare selected" }).click();
  await page.waitForURL((u) => u.pathname + u.search === url);
  await expect(page.getByRole("heading", { name: "Compare workshops" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: north })).toHaveCount(1);
  await expect(page.getByRole("img", { name: new RegExp(`at ${north}, ${south}`) })).toBeVisible();

  // The table: per aspect group, n, median, q1, q3 per site, north first.
  const table = page.getByRole("table", { name: "Medians and quartiles by site" });
  const row = (aspect: string) =>
    table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: aspect, exact: true }) });
  const numbers = async (aspect: string) => (await row(aspect).getByRole("cell").allInnerTexts()).slice(0, 8);
  await expect(table.getByRole("rowheader")).toHaveCount(3);
  await expect.poll(() => numbers("Holding patients")).toEqual(["1", "60.0", "60.0", "60.0", "1", "70.0", "70.0", "70.0"]);
  await expect.poll(() => numbers("Record keeping")).toEqual(["1", "40.0", "40.0", "40.0", "—", "—", "—", "—"]);
  await expect.poll(() => numbers("Keeping records")).toEqual(["—", "—", "—", "—", "1", "30.0", "30.0", "30.0"]);

  // Match the differently worded aspects by hand: one row with both sites' numbers.
  await page.getByLabel("Match “Record keeping” with…").selectOption({ label: "Keeping records" });
  await row("Record keeping").getByRole("button", { name: "Match" }).click();
  await expect(table.getByRole("rowheader")).toHaveCount(2);
  await expect(row("Record keeping")).toContainText("Matched by hand");
  await expect(page.getByRole("status")).toHaveText("Matched “Record keeping” with “Keeping records”.");
  await expect.poll(() => numbers("Record keeping")).toEqual(["1", "40.0", "40.0", "40.0", "1", "30.0", "30.0", "30.0"]);
  await expect(page).toHaveURL(/links=[0-9a-f-]{36}~[0-9a-f-]{36}$/);

  // Opinion groups need more pairs than two workshops of one pair each: the page says why.
  const groups = page.getByRole("region", { name: "Opinion groups (round 1)" });
  await expect(groups).toContainText("Opinion groups need at least 6 pairs who placed at least half of the aspects (here: 2).");

  // A reload keeps the match.
  await page.reload();
  await expect(row("Record keeping")).toContainText("Matched by hand");
  await expect(table.getByRole("rowheader")).toHaveCount(2);

  // The comparison CSV has the matched group, both sites, with the page's numbers.
  const csv = new TextDecoder().decode(await research.download(page.getByRole("link", { name: "Download comparison (CSV)" })));
  const records = csvRecords(csv).map((r) => [r.aspect_group, r.aspect_group_text, r.match, r.site, r.round, r.aspect_text, r.n_placed, r.median, r.q1, r.q3]);
  expect(records).toEqual([
    ["1", "Holding patients", "text", north, "1", "Holding patients", "1", "60", "60", "60"],
    ["1", "Holding patients", "text", south, "1", "HOLDING patients.", "1", "70", "70", "70"],
    ["2", "Record keeping", "manual", north, "1", "Record keeping", "1", "40", "40", "40"],
    ["2", "Record keeping", "manual", south, "1", "Keeping records", "1", "30", "30", "30"],
  ]);

  // "Last round of each" is round 1 here (no second round was opened): the same numbers.
  await expect(page.getByLabel("Round", { exact: true }).locator("option")).toHaveText(["Round 1", "Last round of each"]);
  await page.getByLabel("Round", { exact: true }).selectOption({ label: "Last round of each" });
  await expect.poll(() => numbers("Holding patients")).toEqual(["1", "60.0", "60.0", "60.0", "1", "70.0", "70.0", "70.0"]);

  // The two workshops' zip: one folder each, and the combined summary with a site column.
  const zip = unzipSync(await research.download(page.getByRole("link", { name: "Download these workshops (zip)" })));
  const folders = new Set(Object.keys(zip).filter((n) => n.includes("/")).map((n) => n.split("/")[0]));
  expect([...folders].map((f) => f.slice(-36))).toEqual([a.workshop_id, b.workshop_id]);
  const summary = csvRecords(strFromU8(zip["summary.csv"]));
  expect(summary.map((r) => [r.site, r.aspect_text, r.median])).toEqual([
    [north, "Holding patients", "60"],
    [north, "Record keeping", "40"],
    [south, "HOLDING patients.", "70"],
    [south, "Keeping records", "30"],
  ]);

  // Unmatch: the two rows come back, and the link goes from the URL.
  await row("Record keeping").getByRole("button", { name: "Unmatch" }).click();
  await expect(table.getByRole("rowheader")).toHaveCount(3);
  await expect(page).not.toHaveURL(/links=/);
  await expect(page.getByRole("status")).toHaveText("Unmatched “Record keeping”.");
  await expect(page.getByRole("link", { name: "Back to research data" })).toHaveAttribute("href", "/research");
});
