// The research area's "Withdraw a pair…": a workshop made in the new-workshop form with a
// withdrawal deadline (a past day is refused there and on the console; today is accepted, the
// deadline day itself is still open), the research list shows the deadline, the researcher
// types a pair's reference (an impossible one, an unknown one and another workshop's are
// refused in words), reads what will be erased, withdraws it, and no export file holds a trace
// of it (the workbook and the NVivo project included).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { Console, NewWorkshopForm, PairScreen, ResearchArea, TABLET, everyText } from "./pages";

const ADMIN_KEY = process.env.DS_ADMIN_KEY ?? "";
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
// One of the new-workshop form's default aspects (the form makes the first workshop).
const ASPECT = "Where people are seen";
const DEADLINE = "Withdrawal deadline (optional)";

async function expectAccessible(page: Page, screen: string) {
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(found, `${screen}: axe-core found violations`).toEqual([]);
}

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-wasm-started", "");
}

/** The UTC day `offset` days from today, `YYYY-MM-DD`. */
function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

test("a researcher withdraws a pair by its reference in the research area", async ({
  browser,
  page,
}) => {
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  const auth = { Authorization: `Bearer ${ADMIN_KEY}` };
  const s = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const title = `Withdraw form ${s}`;
  const today = day(0);
  const yesterday = day(-1);

  // The new-workshop form: a past deadline is refused in words, today is kept.
  const form = new NewWorkshopForm(page);
  await form.open();
  await hydrated(page);
  await page.getByLabel(DEADLINE, { exact: true }).fill(yesterday);
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Site", { exact: true }).fill("Site R");
  await page.getByRole("button", { name: "Create workshop" }).click();
  const field = page.getByLabel(DEADLINE, { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toBeFocused();
  await expect(page.getByRole("alert")).toContainText(`The withdrawal deadline ${yesterday} is in the past`);
  await expectAccessible(page, "new workshop, withdrawal deadline refused");
  await field.fill(today);
  await page.getByRole("button", { name: "Create workshop" }).click();
  await page.waitForURL(/\/f\/[0-9a-f]{32,}$/);
  const console = new Console(page);
  const code = await console.code();

  // The console shows the saved deadline and refuses a past one in words.
  await hydrated(page);
  const consoleField = page.getByLabel(DEADLINE, { exact: true });
  await expect(consoleField).toHaveValue(today);
  await expect(page.locator("#deadline-now")).toContainText(`until the end of ${today}`);
  await consoleField.fill(yesterday);
  await page.getByRole("button", { name: "Save withdrawal deadline" }).click();
  await expect(page.locator("#console-withdrawal-deadline-error")).toContainText("is in the past");
  await expect(consoleField).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "console, withdrawal deadline refused");
  await console.startPlacing();

  // Two pairs place; one will withdraw.
  const leaving = `Leaving ${s}`;
  const [tabletContext, tablet] = await PairScreen.join(browser, code, leaving, TABLET);
  const [otherContext, other] = await PairScreen.join(browser, code, "Staying");
  for (const pair of [tablet, other]) {
    await pair.postIt(ASPECT).focus();
    await pair.page.keyboard.press("Space");
    await pair.page.keyboard.press("Enter");
    await expect(pair.status).toHaveText("Saved");
  }
  const reference = (await tablet.page.locator(".pair-reference summary strong").innerText()).trim();
  expect(reference).toMatch(/^[A-Z2-9]{6}$/);
  // Another workshop's pair, to quote by mistake.
  const elsewhere = await page.request.post("/api/workshops", {
    data: { title: `Elsewhere ${s}`, site: "Site E", question: "Q?", left_pole: "L", right_pole: "R", aspects: [ASPECT] },
  });
  const joined = await page.request.post("/api/join", { data: { code: (await elsewhere.json()).join_code, label: "Other" } });
  const foreign = (await joined.json()).reference as string;

  // The research list shows the deadline; "Withdraw a pair…" opens the form.
  const research = new ResearchArea(page);
  await research.open();
  await hydrated(page);
  await research.signIn(ADMIN_KEY);
  const row = research.row(title);
  await expect(row).toContainText(`Withdrawal until ${today}`);
  await row.getByRole("button", { name: "Withdraw a pair…" }).click();
  const form2 = page.getByRole("form", { name: `Withdraw a pair from “${title}”` });
  const referenceField = form2.getByLabel("Pair reference", { exact: true });
  await expect(referenceField).toBeFocused();
  await expect(form2).toContainText(`Withdrawal deadline: ${today} (UTC)`);
  await expectAccessible(page, "research, withdraw a pair");

  // Not a reference, an unknown one, another workshop's: each refused in words.
  await referenceField.fill("R7K2Q");
  await form2.getByRole("button", { name: "Continue" }).click();
  await expect(form2.getByRole("alert")).toContainText("“R7K2Q” is not a pair reference");
  await expect(referenceField).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "research, withdraw: not a reference");
  for (const [typed, said] of [
    ["ZZZZZZ", 'No pair of this workshop has the reference "ZZZZZZ"'],
    [foreign, `The reference ${foreign} is not a pair of this workshop: it belongs to “Elsewhere ${s}” (Site E)`],
  ]) {
    await referenceField.fill(typed);
    await form2.getByRole("button", { name: "Continue" }).click();
    await form2.getByRole("button", { name: "Yes, withdraw" }).click();
    await expect(form2.getByRole("alert")).toContainText(said);
  }

  // The real one, typed loosely: the confirmation says what is erased; then it is withdrawn.
  await referenceField.fill(`${reference.slice(0, 3).toLowerCase()} ${reference.slice(3)}`);
  await form2.getByRole("button", { name: "Continue" }).click();
  await expect(form2).toContainText(`Withdraw pair ${reference} from “${title}” (Site R)? Its label, placements, notes`);
  await expect(form2.getByRole("button", { name: "No, keep it" })).toBeFocused();
  await expectAccessible(page, "research, withdraw confirmation");
  await form2.getByRole("button", { name: "Yes, withdraw" }).click();
  await expect(form2.locator(".withdraw-done")).toContainText(`Withdrew pair ${reference} from “${title}”: 1 placement`);
  await expectAccessible(page, "research, pair withdrawn");
  await expect(tablet.page.getByRole("alert")).toContainText("This pair has withdrawn from the study");

  // No trace of it in any file of the export, the workbook and the NVivo project included.
  const workshopId = (await (await page.request.get("/api/research/workshops", { headers: auth })).json()).find(
    (w: { title: string }) => w.title === title,
  ).id as string;
  const exported = await page.request.get(`/api/research/workshops/${workshopId}/export.zip`, { headers: auth });
  expect(exported.status()).toBe(200);
  const archive = new Uint8Array(await exported.body());
  const texts = everyText(archive);
  expect(Object.keys(texts)).toContain("workshop.xlsx/xl/sharedStrings.xml");
  for (const [name, text] of Object.entries(texts)) {
    expect(text.includes(leaving), `${name} names the withdrawn pair`).toBe(false);
    expect(text.includes(reference), `${name} holds the withdrawn pair's reference`).toBe(false);
  }
  expect(texts["placements.csv"]).toContain("Staying");
  expect(texts["events.csv"]).toContain(",researcher,,pair_withdrawn,");

  // After the deadline the API answers 409 naming the date, and the form shows that sentence
  // like the other refusals: the integration test `withdraw` moves a stored deadline into the
  // past to check it (the server refuses to set one there, so a browser cannot).
  await tabletContext.close();
  await otherContext.close();
});
