// From data to findings: the console's CSV is the archive's placements.csv, the room report
// renders and prints on one or two A4 pages, and a researcher brings an archive from another
// server in through the research page (a tampered one is refused by name, nothing created).
import { unzipSync, zipSync } from "fflate";
import { expect, test, type Page } from "@playwright/test";
import { NewWorkshopForm, PairScreen, ResearchArea, TABLET, placedRows } from "./pages";

const ADMIN_KEY = process.env.DS_ADMIN_KEY ?? "";
const ASPECT = "Supporting carers and family members";

/** Clicks the link named `name` on `page` and returns the downloaded file's bytes. */
async function downloadBytes(page: Page, name: string): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Pages in a PDF Chromium made (each page object is `/Type /Page`, the tree `/Pages`). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}

test("the console's CSV is the archive's placements.csv and the room report prints on A4", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Findings session", "Site 6");
  const [context, pair] = await PairScreen.join(browser, await console.code(), "Pair F", TABLET);
  await console.startPlacing();
  const card = pair.tray.getByRole("button", { name: new RegExp("^" + ASPECT) });
  await card.focus();
  await pair.page.keyboard.press("Space"); // 50
  await pair.page.keyboard.press("Shift+ArrowRight"); // 60
  await pair.page.keyboard.press("Enter");
  await expect(pair.status).toHaveText("Saved");

  // The console's CSV, byte for byte the archive's placements.csv (byte-order mark included).
  const csv = await downloadBytes(page, "Download placements (CSV)");
  expect(placedRows(csv.toString("utf8")).map((r) => [r.pair_label, r.aspect_text, Number(r.position)])).toEqual([
    ["Pair F", ASPECT, 60],
  ]);
  const zip = unzipSync(new Uint8Array(await downloadBytes(page, "Download all (zip)")));
  expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(Buffer.from(zip["placements.csv"]).equals(csv)).toBe(true);

  await console.reveal();
  await page.getByRole("link", { name: "Room report" }).click();
  await page.waitForURL(/\/f\/[0-9a-f]+\/report\?lang=en$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Findings session");
  await expect(page.getByRole("heading", { name: "Where the room put each aspect" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: ASPECT })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = pdfPages(pdf);
  expect(pages, `the report printed on ${pages} pages`).toBeGreaterThanOrEqual(1);
  expect(pages).toBeLessThanOrEqual(2);
  await context.close();
});

test("a researcher imports an archive from another server through the research page", async ({ page }) => {
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  test.setTimeout(120_000);
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const title = `Imported ${stamp}`;
  const auth = { Authorization: `Bearer ${ADMIN_KEY}` };
  // "Another server": a workshop made here, exported, then deleted, so only its archive is left.
  const made = await page.request.post("/api/workshops", {
    data: { title, site: "Site far away", question: "How much discretion?", left_pole: "Fixed", right_pole: "Flexible", aspects: [ASPECT, "Home visits"] },
  });
  expect(made.status()).toBe(201);
  const created = await made.json();
  expect((await page.request.post("/api/join", { data: { code: created.join_code, label: "Pair I" } })).status()).toBe(200);
  const exported = await page.request.get(`/api/research/workshops/${created.workshop_id}/export.zip`, { headers: auth });
  expect(exported.status()).toBe(200);
  const archive = Buffer.from(await exported.body());
  expect((await page.request.delete(`/api/research/workshops/${created.workshop_id}`, { headers: auth })).status()).toBe(204);

  const research = new ResearchArea(page);
  await research.open();
  await research.signIn(ADMIN_KEY);
  const file = page.getByLabel("Workshop archive (zip)");
  const importButton = page.getByRole("button", { name: "Import archive" });

  // A changed file is refused by name, and nothing appears.
  const files = unzipSync(new Uint8Array(archive));
  const changed = Uint8Array.from(files["placements.csv"]);
  changed[changed.length - 2] ^= 1;
  const tampered = Buffer.from(zipSync({ ...files, "placements.csv": changed }));
  await file.setInputFiles({ name: "tampered.zip", mimeType: "application/zip", buffer: tampered });
  await importButton.click();
  await expect(page.getByRole("alert")).toContainText("placements.csv does not match its checksum");
  await expect(research.row(title)).toHaveCount(0);

  // The archive as exported comes in, under its own id, and is listed.
  await file.setInputFiles({ name: "workshop.zip", mimeType: "application/zip", buffer: archive });
  await importButton.click();
  await expect(page.getByRole("status").filter({ hasText: `Imported “${title}”` })).toBeVisible();
  const row = research.row(title);
  await expect(row).toHaveCount(1);
  await expect(row.getByRole("cell").nth(1)).toHaveText("Site far away");
  const listed = await (await page.request.get("/api/research/workshops", { headers: auth })).json();
  expect(listed.some((w: { id: string }) => w.id === created.workshop_id)).toBe(true);

  // Twice: refused, still one row.
  await file.setInputFiles({ name: "workshop.zip", mimeType: "application/zip", buffer: archive });
  await importButton.click();
  await expect(page.getByRole("alert")).toContainText("already on this server");
  await expect(research.row(title)).toHaveCount(1);

  // Its room report, from the row.
  await row.getByRole("link", { name: "Room report" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
});
