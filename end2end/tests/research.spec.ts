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
  await expect(cells.nth(1)).toHaveText(site);
  await expect(cells.nth(2)).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await expect(cells.nth(3)).toHaveText("Joining");
  await expect(cells.nth(4)).toHaveText("1");
  await expect(cells.nth(5)).toHaveText("10");

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

test("a researcher closes a workshop and picks two to compare; its facilitator deletes it from the console", async ({
  page,
  browser,
}) => {
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  test.setTimeout(120_000);
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const [titleA, titleB] = [`Closing ${stamp}`, `Other ${stamp}`];

  // Workshop A through the form (its console stays open in its own context), B through the API.
  const facilitator = await browser.newContext();
  const consolePage = await facilitator.newPage();
  const form = new NewWorkshopForm(consolePage);
  await form.open();
  const console = await form.create(titleA, `Site A ${stamp}`);
  await console.expectPhase("joining");
  const created = await page.request.post("/api/workshops", {
    data: {
      title: titleB,
      site: `Site B ${stamp}`,
      question: "How much discretion?",
      left_pole: "Fixed / prescribed",
      right_pole: "Flexible / autonomous",
      aspects: ["Holding patients"],
    },
  });
  expect(created.status()).toBe(201);
  const idB = ((await created.json()) as { workshop_id: string }).workshop_id;
  const idA = (await console.projectorUrl()).replace("/p/", "");

  const research = new ResearchArea(page);
  await research.open();
  await research.signIn(ADMIN_KEY);
  const [rowA, rowB] = [research.row(titleA), research.row(titleB)];
  await expect(rowA).toHaveCount(1);
  await expect(rowB).toHaveCount(1);

  // Comparing needs two ticked workshops; the link lists them in the order they were ticked.
  const compare = page.locator("#compare-selected");
  await rowA.getByRole("checkbox", { name: `Compare “${titleA}”` }).check();
  await expect(compare).toBeDisabled();
  await rowB.getByRole("checkbox", { name: `Compare “${titleB}”` }).check();
  await expect(compare).toHaveAttribute("href", `/research/compare?ids=${idA},${idB}`);
  await rowB.getByRole("checkbox", { name: `Compare “${titleB}”` }).uncheck();
  await expect(compare).toBeDisabled();

  // Each workshop can be replayed.
  await expect(rowA.getByRole("link", { name: "Replay" })).toHaveAttribute("href", `/research/replay/${idA}`);

  // Close A, after an inline question (Escape keeps it open); its console follows at once.
  const phaseA = rowA.locator(".research-phase");
  await expect(phaseA).toHaveText("Joining");
  await rowA.getByRole("button", { name: "Close…" }).click();
  await expect(page.getByText(`Close “${titleA}”`)).toContainText("the facilitator can reopen it from the console");
  await expect(page.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(rowA.getByRole("button", { name: "Close…" })).toBeFocused();
  await expect(phaseA).toHaveText("Joining");
  await rowA.getByRole("button", { name: "Close…" }).click();
  await page.getByRole("button", { name: "Yes, close" }).click();
  await expect(phaseA).toHaveText("Closed");
  await expect(rowA.getByRole("button", { name: "Close…" })).toHaveCount(0);
  await expect(page.getByRole("status")).toContainText(`Closed “${titleA}”`);
  await console.expectPhase("closed");
  const listed = (await (await page.request.get("/api/research/workshops")).json()) as { id: string; phase: string }[];
  expect(listed.find((w) => w.id === idA)?.phase).toBe("closed");
  expect(listed.find((w) => w.id === idB)?.phase).toBe("joining");

  // The facilitator deletes A from the console, after confirming.
  await consolePage.getByRole("button", { name: "Delete workshop…" }).click();
  await expect(consolePage.getByText(`Delete “${titleA}” and all its data`)).toBeVisible();
  await consolePage.getByRole("button", { name: "Cancel" }).click();
  await expect(consolePage.getByRole("button", { name: "Delete workshop…" })).toBeFocused();
  await consolePage.getByRole("button", { name: "Delete workshop…" }).click();
  await consolePage.getByRole("button", { name: "Yes, delete" }).click();
  await expect(consolePage.getByRole("heading", { name: "Workshop deleted" })).toBeVisible();
  await expect(consolePage.getByText(`“${titleA}” and all its data are gone`)).toBeVisible();
  const after = (await (await page.request.get("/api/research/workshops")).json()) as { id: string }[];
  expect(after.some((w) => w.id === idA)).toBe(false);
  expect(after.some((w) => w.id === idB)).toBe(true);
  await page.reload();
  await expect(rowB).toHaveCount(1);
  await expect(rowA).toHaveCount(0);
  await facilitator.close();
});
