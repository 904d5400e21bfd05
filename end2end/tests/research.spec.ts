// The researchers' area: sign in with the admin key (a wrong key is refused; the printed link
// signs in and leaves no key in the address bar), find a workshop made through the UI, filter,
// download its zip and the "Download all" zip through the links, and delete it after an inline
// confirmation.
import { unzipSync, strFromU8 } from "fflate";
import { expect, test } from "@playwright/test";
import { NewWorkshopForm, ResearchArea, csvRecords } from "./pages";

const ADMIN_KEY = process.env.DS_ADMIN_KEY ?? "";

test("a researcher signs in, finds a workshop, downloads it and deletes it", async ({ page, browser }) => {
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  test.setTimeout(120_000);
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const title = `Research area ${stamp}`;
  const site = `Site R ${stamp}`;

  // A workshop made through the UI, with one pair, so placements.csv has rows.
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create(title, site);
  const joined = await page.request.post("/api/join", { data: { code: await console.code(), label: "Pair R" } });
  expect(joined.status()).toBe(200);

  // Not signed in: the form. A wrong key is refused, clearly.
  const research = new ResearchArea(page);
  await research.open();
  await expect(research.keyField).toBeVisible();
  await expect(research.keyField).toHaveAttribute("type", "password");
  await research.signIn("not-the-admin-key");
  await expect(page.getByRole("alert")).toContainText("That admin key is not right");
  await expect(research.keyField).toHaveAttribute("aria-invalid", "true");
  await research.signIn(ADMIN_KEY);

  // The workshop is listed with its site, day, pairs and aspects.
  const row = research.row(title);
  await expect(row).toHaveCount(1);
  const cells = row.getByRole("cell");
  await expect(cells.nth(0)).toHaveText(site);
  await expect(cells.nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(cells.nth(2)).toHaveText("1");
  await expect(cells.nth(3)).toHaveText("10");

  // Its zip, through the link.
  const zip = unzipSync(await research.download(row.getByRole("link", { name: "Download (zip)" })));
  expect(Object.keys(zip)).toContain("placements.csv");
  const placements = csvRecords(strFromU8(zip["placements.csv"]));
  expect(placements.length).toBe(10);
  expect(placements.every((r) => r.title === title && r.site === site && r.pair_label === "Pair R")).toBe(true);

  // Filter by its site: only it is shown, and "Download all" has it alone, in a folder, with
  // the combined tables.
  await page.getByLabel("Site", { exact: true }).selectOption(site);
  await expect(research.table.getByRole("rowheader")).toHaveCount(1);
  const all = unzipSync(await research.download(page.getByRole("link", { name: "Download all (zip)" })));
  const folders = new Set(Object.keys(all).filter((n) => n.includes("/")).map((n) => n.split("/")[0]));
  expect(folders.size).toBe(1);
  const combined = csvRecords(strFromU8(all["placements.csv"]));
  expect(combined.length).toBe(10);
  expect(combined.every((r) => r.site === site && r.title === title)).toBe(true);
  const summary = csvRecords(strFromU8(all["summary.csv"]));
  expect(summary.length).toBe(10);
  expect(summary.every((r) => r.site === site && r.workshop_id === placements[0].workshop_id)).toBe(true);
  // A day range that excludes it: nothing to show.
  await page.getByLabel("From", { exact: true }).fill("2999-01-01");
  await expect(page.getByText("No workshops match these filters.")).toBeVisible();
  await page.getByLabel("From", { exact: true }).fill("");
  await expect(row).toHaveCount(1);

  // Delete, with confirmation: Cancel keeps it, "Yes, delete" removes it.
  await row.getByRole("button", { name: "Delete…" }).click();
  const question = page.getByText(`Delete “${title}” (${site}, `);
  await expect(question).toContainText("and all its data? This cannot be undone.");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(question).toHaveCount(0);
  await expect(row.getByRole("button", { name: "Delete…" })).toBeFocused();
  await row.getByRole("button", { name: "Delete…" }).press("Enter");
  await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(question).toHaveCount(0);
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole("status")).toContainText(`Deleted “${title}”`);
  // Gone on the server too.
  const listed = await page.request.get("/api/research/workshops");
  expect(((await listed.json()) as { title: string }[]).some((w) => w.title === title)).toBe(false);

  // Signing out forgets the key, also after a reload.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(research.keyField).toBeVisible();
  await page.reload();
  await expect(research.keyField).toBeVisible();
  expect((await page.request.get("/api/research/workshops")).status()).toBe(401);

  // The link the server prints signs in and leaves no key in the address bar.
  const other = await browser.newContext();
  const linkPage = await other.newPage();
  await linkPage.goto(`/research?key=${encodeURIComponent(ADMIN_KEY)}`);
  await expect(linkPage.getByRole("heading", { name: "Workshops" })).toBeVisible();
  expect(linkPage.url()).not.toContain("key=");
  expect(linkPage.url()).toMatch(/\/research$/);
  await other.close();
});
