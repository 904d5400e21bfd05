// Information sheet and consent, from the facilitator's form to the export: the new-workshop
// form sets a sheet; two people on a touch tablet each agree before their board opens; a second
// pair declines and leaves nothing; a third places and is withdrawn by the researchers; the
// console changes the sheet (a reused version is refused with a sentence, a new one asks the
// tablet again). The export then has consent rows for the first pair only, both versions'
// texts, and nothing of the withdrawn pair in any file (the workbook's sheets and the chart's
// text included), with statistics from the pair that stayed.
import { expect, test, type Page } from "@playwright/test";
import { Console, PairScreen, TABLET, csvRecords, everyText, expectNoAxeViolations } from "./pages";

const ADMIN_KEY = process.env.DS_ADMIN_KEY ?? "";
const ASPECT = "Where people are seen";

/** Types the code and name on the join page and presses Join (a sheet is shown next). */
async function startJoining(page: Page, code: string, label: string) {
  await page.goto("/join");
  await page.getByLabel("Join code", { exact: true }).fill(code);
  await page.getByLabel("Pair name", { exact: true }).fill(label);
  await page.getByRole("button", { name: "Join" }).click();
}

test("two people consent on a touch tablet, a pair declines, a withdrawn pair leaves no trace", async ({ browser, page }) => {
  test.setTimeout(120_000);
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

  // The facilitator sets up a workshop with an information sheet.
  await page.goto("/new");
  await page.getByLabel("Title", { exact: true }).fill(`Consent ${stamp}`);
  await page.getByLabel("Site", { exact: true }).fill("Site C");
  await page.getByLabel("Optional. Each person at a tablet reads the sheet and agrees, before the board opens.").check();
  await expect(page.getByLabel("Sheet title", { exact: true })).toHaveValue("Information sheet for participants");
  await expect(page.getByLabel("Statement 1", { exact: true })).toBeVisible();
  // An empty text is refused with a sentence under its field, and focus goes there.
  await page.getByRole("button", { name: "Create workshop" }).click();
  const text = page.getByLabel("Information sheet text", { exact: true });
  await expect(page.locator("#sheet-error")).toContainText("Write or paste the information sheet's text");
  await expect(text).toBeFocused();
  await expect(text).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
  await text.fill("We study how link workers use discretion.\n\nWhat you place is recorded without your names.");
  await page.getByRole("button", { name: "Create workshop" }).click();
  await page.waitForURL(/\/f\/[0-9a-f]{32,}$/);
  const console = new Console(page);
  await expect(console.joinCode).toHaveText(/^[A-HJ-NP-Z2-9]{6}$/);
  const code = await console.code();
  const consolePath = new URL(page.url()).pathname;
  await expect(page.locator("#sheet-now")).toHaveText(
    "Pairs agree to version 1 of \u201cInformation sheet for participants\u201d (3 statements) before the board opens.",
  );
  await console.startPlacing();

  // Two people on a touch tablet: the board opens only when both ticked every statement.
  const tabletContext = await browser.newContext(TABLET);
  const tablet = await tabletContext.newPage();
  const agreeing = `Agreeing ${stamp}`;
  await startJoining(tablet, code, agreeing);
  await expect(tablet.getByRole("heading", { name: "Information sheet for participants" })).toBeVisible();
  await expect(tablet.getByText("What you place is recorded without your names.")).toBeVisible();
  await expect(tablet.getByLabel("2", { exact: true })).toBeChecked();
  const agree = tablet.getByRole("button", { name: "We agree — open the board" });
  await expect(agree).toBeDisabled();
  await expectNoAxeViolations(tablet);
  for (const person of ["Person 1", "Person 2"]) {
    const boxes = tablet.getByRole("group", { name: person }).getByRole("checkbox");
    await expect(boxes).toHaveCount(3);
    for (let i = 0; i < 3; i++) {
      await boxes.nth(i).tap();
      await expect(boxes.nth(i)).toBeChecked();
    }
    if (person === "Person 1") await expect(agree).toBeDisabled();
  }
  await agree.tap();
  await tablet.waitForURL(new RegExp(`/pair/${code}$`));
  const agreeingPair = new PairScreen(tablet);
  await expect(agreeingPair.status).toHaveText("Saved");
  await agreeingPair.placeByKeyboard(ASPECT, 30);
  await expect(agreeingPair.status).toHaveText("Saved");
  const agreeingLine = page.locator("li.pair-line").filter({ hasText: agreeing });
  await expect(agreeingLine).toContainText("consent: version 1, 2 people");

  // A second pair declines: it is not stored, and the console never lists it.
  const declinerContext = await browser.newContext();
  const decliner = await declinerContext.newPage();
  await startJoining(decliner, code, `Declining ${stamp}`);
  await decliner.getByRole("button", { name: "We do not agree" }).click();
  await expect(decliner.getByRole("heading", { name: "You did not agree" })).toBeFocused();
  await expectNoAxeViolations(decliner);

  // A third pair agrees (one person), places, and is then withdrawn by the researchers.
  const leaving = `Leaving ${stamp}`;
  const leaverContext = await browser.newContext();
  const leaver = await leaverContext.newPage();
  await startJoining(leaver, code, leaving);
  await leaver.getByLabel("1", { exact: true }).check();
  const leaverBoxes = leaver.getByRole("group", { name: "Person 1" }).getByRole("checkbox");
  for (let i = 0; i < 3; i++) await leaverBoxes.nth(i).check();
  await expect(leaver.getByRole("group", { name: "Person 2" })).toHaveCount(0);
  await leaver.getByRole("button", { name: "We agree — open the board" }).click();
  await leaver.waitForURL(new RegExp(`/pair/${code}$`));
  const leavingPair = new PairScreen(leaver);
  await expect(leavingPair.status).toHaveText("Saved");
  await leavingPair.placeByKeyboard(ASPECT, 80);
  await expect(leavingPair.status).toHaveText("Saved");
  await expect(page.locator("li.pair-line")).toHaveCount(2);
  const reference = (await leaver.locator(".pair-reference summary strong").innerText()).trim();
  expect(reference).toMatch(/^[A-Z2-9]{6}$/);
  const workshopId = (await console.projectorUrl()).replace("/p/", "");
  const withdrawal = await page.request.post(`/api/research/workshops/${workshopId}/withdraw`, {
    headers: { Authorization: `Bearer ${ADMIN_KEY}` },
    data: { reference },
  });
  expect(withdrawal.status()).toBe(200);
  await expect(leaver.getByRole("alert")).toContainText("This pair has withdrawn from the study");
  await expect(page.locator("li.pair-line")).toHaveCount(1);

  // The console changes the sheet: the same version with other text is refused, a new one is
  // saved, and the tablet is asked again.
  await page.getByRole("button", { name: "Change the sheet…" }).click();
  await expect(page.getByLabel("Sheet version", { exact: true })).toHaveValue("1");
  await page.getByLabel("Statement 3", { exact: true }).fill("I agree to take part in this workshop and its recording.");
  await page.getByRole("button", { name: "Save sheet" }).click();
  const version = page.getByLabel("Sheet version", { exact: true });
  await expect(page.locator("#sheet-error")).toContainText("Give the changed sheet a new version, e.g. 2");
  await expect(version).toBeFocused();
  await expectNoAxeViolations(page);
  await version.fill("2");
  await page.getByRole("button", { name: "Save sheet" }).click();
  await expect(page.locator(".console-sheet [role=status]")).toContainText("Saved: version 2 is current.");
  await expect(page.locator("#sheet-now")).toContainText("version 2");
  await expect(agreeingLine).toContainText("agreed to version 1; asked again for version 2");

  await expect(tablet.getByText("The information sheet has changed.")).toBeVisible();
  await expect(tablet.getByText("Version 2", { exact: true })).toBeVisible();
  await tablet.getByLabel("1", { exact: true }).tap();
  const again = tablet.getByRole("group", { name: "Person 1" }).getByRole("checkbox");
  for (let i = 0; i < 3; i++) await again.nth(i).tap();
  await tablet.getByRole("button", { name: "We agree — open the board" }).tap();
  await expect(agreeingLine).toContainText("consent: version 2, 1 person");
  await expect(tablet.getByRole("heading", { name: "Information sheet for participants" })).toHaveCount(0);

  // The export: consent rows of the pair that stayed (2 people × 3 statements for version 1,
  // 1 × 3 for version 2), both versions' texts, nothing of the withdrawn pair anywhere, and the
  // statistics from the remaining placement only.
  const zip = await page.request.get(`${consolePath}/export.zip`);
  expect(zip.status()).toBe(200);
  const texts = everyText(new Uint8Array(await zip.body()));
  const consent = csvRecords(texts["consent.csv"]);
  expect(consent.map((r) => `${r.sheet_version}/${r.person}`)).toEqual([
    "1/1", "1/1", "1/1", "1/2", "1/2", "1/2", "2/1", "2/1", "2/1",
  ]);
  expect(new Set(consent.map((r) => r.pair_reference)).size).toBe(1);
  expect(consent.every((r) => r.agreed === "true")).toBe(true);
  expect(consent.at(-1)!.statement).toBe("I agree to take part in this workshop and its recording.");
  const json = JSON.parse(texts["workshop.json"]) as { consent_sheets: { version: string; statements: string[] }[] };
  expect(json.consent_sheets.map((s) => s.version)).toEqual(["1", "2"]);
  expect(json.consent_sheets[1].statements[2]).toBe("I agree to take part in this workshop and its recording.");
  for (const [name, content] of Object.entries(texts)) {
    expect(content.includes(leaving), `${name} names the withdrawn pair`).toBe(false);
    expect(content.includes(reference), `${name} holds the withdrawn pair's reference`).toBe(false);
    expect(content.includes(`Declining ${stamp}`), `${name} names the pair that declined`).toBe(false);
  }
  const summary = csvRecords(texts["summary.csv"]).find((r) => r.aspect_text === ASPECT)!;
  expect([summary.n_placed, summary.median, summary.mean]).toEqual(["1", "30", "30"]);

  for (const context of [tabletContext, declinerContext, leaverContext]) await context.close();
});
