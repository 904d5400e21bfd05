// A pair withdraws from the study: its tablet shows its reference, the facilitator sees the
// same reference on the console and withdraws it there; the tablet is told, the console and the
// export no longer hold anything of it, and the audit log records who did it (no content).
import AxeBuilder from "@axe-core/playwright";
import { strFromU8, unzipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { Console, PairScreen, TABLET, escapeRegExp } from "./pages";

const ADMIN_KEY = process.env.DS_ADMIN_KEY ?? "";
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const ASPECT = "Holding patients";

test("the console withdraws a pair by its reference and nothing of it is left in the export", async ({ browser, page }) => {
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const response = await page.request.post("/api/workshops", {
    data: {
      title: `Withdrawal ${stamp}`,
      site: "Site W",
      question: "How much discretion?",
      left_pole: "Fixed",
      right_pole: "Flexible",
      aspects: [ASPECT, "Record keeping"],
    },
  });
  expect(response.status()).toBe(201);
  const created = (await response.json()) as { workshop_id: string; join_code: string; console_path: string };
  await page.goto(created.console_path);
  const console = new Console(page);
  await console.startPlacing();
  const leaving = `Leaving ${stamp}`;
  const [tabletContext, tablet] = await PairScreen.join(browser, created.join_code, leaving, TABLET);
  const [otherContext, other] = await PairScreen.join(browser, created.join_code, "Staying");
  for (const pair of [tablet, other]) {
    await pair.postIt(ASPECT).focus();
    await pair.page.keyboard.press("Space");
    await pair.page.keyboard.press("Enter");
    await expect(pair.status).toHaveText("Saved");
  }

  // The tablet shows its reference; the console shows the same one on the pair's line.
  const summary = tablet.page.locator(".pair-reference summary");
  await expect(summary).toContainText("Our reference:");
  const reference = (await summary.locator("strong").innerText()).trim();
  expect(reference).toMatch(/^[A-Z2-9]{6}$/);
  const line = page.locator("li.pair-line").filter({ hasText: leaving });
  await expect(line).toContainText(`Reference ${reference}`);

  // Withdraw: an inline confirmation that says what happens, with the focus on its answer.
  await line.getByRole("button", { name: `Withdraw ${leaving} from the study` }).click();
  await expect(line).toContainText(`Withdraw ${leaving} from the study? Its name, placements, notes and post-its are erased`);
  await expect(line.getByRole("button", { name: "Yes, withdraw" })).toBeFocused();
  const axe = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await line.getByRole("button", { name: "Yes, withdraw" }).click();

  // The tablet is told; the console lists only the other pair.
  await expect(tablet.page.getByRole("alert")).toContainText("This pair has withdrawn from the study");
  await expect(page.locator("li.pair-line")).toHaveCount(1);
  await expect(page.locator("li.pair-line")).toContainText("Staying");

  // The export holds nothing of it: no label, no reference, one placement left.
  const zip = await page.request.get(`${created.console_path}/export.zip`);
  expect(zip.status()).toBe(200);
  const files = unzipSync(new Uint8Array(await zip.body()));
  for (const [name, bytes] of Object.entries(files)) {
    if (name.endsWith(".png") || name.endsWith(".xlsx") || name.endsWith(".qdpx")) continue;
    const text = strFromU8(bytes);
    expect(text.includes(leaving), `${name} names the withdrawn pair`).toBe(false);
    expect(text.includes(reference), `${name} holds the withdrawn pair's reference`).toBe(false);
  }
  const placements = strFromU8(files["placements.csv"]);
  expect(placements.match(new RegExp(`Staying,[^\\n]*,${escapeRegExp(ASPECT)},`, "g"))?.length).toBe(1);

  // The audit log says the facilitator withdrew a pair, and nothing of what it wrote.
  const audit = await page.request.get(`/api/research/audit?workshop=${created.workshop_id}`, {
    headers: { Authorization: `Bearer ${ADMIN_KEY}` },
  });
  const rows = ((await audit.json()) as { rows: { actor: string; action: string; detail: string }[] }).rows;
  const withdrawn = rows.filter((r) => r.action === "withdraw");
  expect(withdrawn.map((r) => r.actor)).toEqual(["facilitator"]);
  expect(withdrawn[0].detail).not.toContain(leaving);
  await tabletContext.close();
  await otherContext.close();
});
