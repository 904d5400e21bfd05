// The audit log and retention in the research area, as a researcher uses them: a download
// from the list appears in the audit log (newest first, filtered to its workshop), the list
// warns in words about a workshop near its "Delete after" day, and a day in the past is
// refused with a sentence on the console.
import { expect, test, type Page } from "@playwright/test";
import { ResearchArea } from "./pages";

const ADMIN_KEY = process.env.DS_ADMIN_KEY ?? "";

function stamp(): string {
  return `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
}

/** The UTC day `days` from today, `YYYY-MM-DD`. */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-wasm-started", "");
}

async function createWorkshop(page: Page, title: string, site: string, deleteAfter?: string) {
  const response = await page.request.post("/api/workshops", {
    data: {
      title,
      site,
      question: "How much discretion?",
      left_pole: "Fixed",
      right_pole: "Flexible",
      aspects: ["Holding patients", "Where people are seen"],
      delete_after: deleteAfter,
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { workshop_id: string; join_code: string; console_path: string };
}

test("a download from the research list appears in the audit log, which filters by workshop", async ({ page }) => {
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  const s = stamp();
  const title = `Audited ${s}`;
  const created = await createWorkshop(page, title, `Site ${s}`, dayFromToday(5));
  const research = new ResearchArea(page);
  await research.open();
  await hydrated(page);
  await research.signIn(ADMIN_KEY);
  const row = research.row(title);
  await expect(row).toHaveCount(1);
  // Five days left: the list says so in words, not only in colour.
  await expect(row.getByRole("cell").filter({ hasText: "Soon:" })).toHaveText(
    `Soon: Deleted on ${dayFromToday(5)} (in 5 days)`,
  );

  const zip = await research.download(row.getByRole("link", { name: "Download (zip)" }));
  expect(zip.length).toBeGreaterThan(0);

  // The row's "Delete after…": a past day is refused in words, a later one saved and shown.
  await row.getByRole("button", { name: "Delete after…" }).click();
  const day = page.getByLabel("Delete after", { exact: true });
  await expect(day).toBeFocused();
  await day.fill(dayFromToday(-1));
  await row.getByRole("button", { name: "Save", exact: true }).click();
  await expect(row.getByRole("alert")).toContainText("is in the past");
  await day.fill(dayFromToday(20));
  await row.getByRole("button", { name: "Save", exact: true }).click();
  await expect(row.getByRole("cell").filter({ hasText: "Deleted on" })).toHaveText(
    `Deleted on ${dayFromToday(20)} (in 20 days)`,
  );
  await expect(row.getByRole("button", { name: "Delete after…" })).toBeFocused();

  await row.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(new RegExp(`/research/audit\\?workshop=${created.workshop_id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await hydrated(page);
  const log = page.getByRole("table", { name: "Audit log, newest first" });
  const newest = log.getByRole("row").nth(1);
  const download = log.getByRole("row").nth(2);
  await expect(download).toContainText("researcher");
  await expect(download).toContainText("download");
  await expect(download).toContainText(title);
  await expect(download).toContainText("127.0.0.0/24");
  await expect(page.getByLabel("Workshop", { exact: true })).toHaveValue(created.workshop_id);
  // Only this workshop's rows: its creation set a delete-after day, the download, the list's
  // new day (the refused one changed nothing and is not recorded).
  await expect(page.getByText("3 rows, newest first.")).toBeVisible();
  await expect(log.getByRole("row")).toHaveCount(4);
  await expect(newest).toContainText(`delete after set to ${dayFromToday(20)}`);
  await expect(log.getByRole("row").nth(2)).toContainText(`workshop-${created.workshop_id}.zip`);

  // Every workshop: the sign-in is there too.
  await page.getByLabel("Workshop", { exact: true }).selectOption("");
  await expect(page).toHaveURL(/\/research\/audit$/);
  await expect(log.getByRole("row").filter({ hasText: "sign in" }).first()).toBeVisible();
});

test("the console refuses a delete-after day in the past with a sentence and saves a later one", async ({ page }) => {
  const s = stamp();
  const created = await createWorkshop(page, `Retained ${s}`, `Site ${s}`);
  await page.goto(created.console_path);
  await hydrated(page);
  const field = page.getByLabel("Delete after", { exact: true });
  await expect(page.getByText("No delete-after day: the workshop is kept until someone deletes it.")).toBeVisible();
  await field.fill(dayFromToday(-2));
  await page.getByRole("button", { name: "Save delete-after day" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "is in the past" })).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await field.fill(dayFromToday(30));
  await page.getByRole("button", { name: "Save delete-after day" }).click();
  await expect(page.locator("#retention-now")).toHaveText(
    `Deleted on ${dayFromToday(30)} (in 30 days): the server deletes the workshop and all its data on that day.`,
  );
  await expect(field).not.toHaveAttribute("aria-invalid", "true");
});
