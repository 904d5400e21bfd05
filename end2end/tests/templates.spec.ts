// The same exercise at every site: a facilitator saves a workshop as a template from the
// console, another starts a workshop from that file on /new (typing only the site, rewording one
// aspect), and the new console has the template's aspects and saves the same template ids.
// Signed in to the research area, /new also offers the earlier workshops of this server.
import { readFile, writeFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { Console, NewWorkshopForm, ResearchArea, escapeRegExp } from "./pages";

const ADMIN_KEY = process.env.DS_ADMIN_KEY ?? "";

type Template = {
  format: string;
  template_id: string;
  title: string;
  aspects: { aspect_id: string; text: string }[];
  settings: { live_wall: boolean; min_pairs: number };
};

/** Clicks the console's "Save as template"; the file's path and its contents. */
async function saveTemplate(page: Page, outputPath: (name: string) => string): Promise<[string, Template]> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Save as template", exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^template-[a-z0-9-]+\.json$/);
  const path = outputPath(download.suggestedFilename());
  await download.saveAs(path);
  return [path, JSON.parse(await readFile(path, "utf8")) as Template];
}

/** The "Start from" section of /new. */
function startFrom(page: Page) {
  return page.getByRole("region", { name: "Start from a template or an earlier workshop" });
}

test("a workshop started from a template file has the template's aspects and ids", async ({ page }, testInfo) => {
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const title = `Template run ${stamp}`;
  const first = `Holding patients ${stamp}`;
  const second = `Where people are seen ${stamp}`;

  // North: two aspects of its own (the rest of the defaults stay), the live wall on.
  const form = new NewWorkshopForm(page);
  await form.open();
  await page.getByLabel("Aspect 1", { exact: true }).fill(first);
  await page.getByLabel("Aspect 2", { exact: true }).fill(second);
  await page
    .getByRole("group", { name: "Session settings" })
    .getByLabel("Live wall: everyone sees placements as they happen")
    .check();
  await form.create(title, "North");
  const [file, template] = await saveTemplate(page, (name) => testInfo.outputPath(name));
  expect(template.format).toBe("discretion-spectrum-template");
  expect(template.title).toBe(title);
  expect(template.aspects.slice(0, 2).map((a) => a.text)).toEqual([first, second]);
  expect(template.settings.live_wall).toBe(true);

  // Caerdydd: the file fills in everything but the site.
  await form.open();
  const input = startFrom(page).getByLabel("Start from a template file", { exact: true });
  await expect(input).toBeEnabled();
  await input.setInputFiles(file);
  await expect(startFrom(page).getByRole("status")).toContainText("Filled in from the file");
  await expect(startFrom(page).getByRole("status")).toContainText(title);
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Site", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Site", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Aspect 1", { exact: true })).toHaveValue(first);
  await expect(page.getByLabel("Aspect 2", { exact: true })).toHaveValue(second);
  await expect(page.getByLabel(/^Aspect \d+$/)).toHaveCount(template.aspects.length);
  await expect(
    page.getByRole("group", { name: "Session settings" }).getByLabel("Live wall: everyone sees placements as they happen"),
  ).toBeChecked();
  // This site words aspect 2 its own way: it stays the template's aspect 2.
  const reworded = `Ble mae pobl yn cael eu gweld ${stamp}`;
  await page.getByLabel("Aspect 2", { exact: true }).fill(reworded);
  await page.getByLabel("Site", { exact: true }).fill("Caerdydd");
  await page.getByRole("button", { name: "Create workshop" }).click();
  await page.waitForURL(/\/f\/[0-9a-f]{32,}$/);
  const console = new Console(page);
  await expect(console.joinCode).toHaveText(/^[A-HJ-NP-Z2-9]{6}$/);
  await expect(page.locator(".console-header .site")).toHaveText("Caerdydd");

  // The new console shows the template's aspects, the reworded one in this site's words.
  await expect(console.aspect(first)).toBeVisible();
  await expect(console.aspect(reworded)).toBeVisible();
  await expect(console.aspect(second)).toHaveCount(0);
  for (const aspect of template.aspects.slice(2)) await expect(console.aspect(aspect.text)).toBeVisible();

  // Its own template is the same exercise: the same template id and aspect ids.
  const [, again] = await saveTemplate(page, (name) => testInfo.outputPath(`again-${name}`));
  expect(again.template_id).toBe(template.template_id);
  expect(again.aspects.map((a) => a.aspect_id)).toEqual(template.aspects.map((a) => a.aspect_id));
  expect(again.aspects[1].text).toBe(reworded);
});

test("a file that is not a template is named as such and fills in nothing", async ({ page }, testInfo) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  // An export's manifest: JSON, but not a template.
  const path = testInfo.outputPath("not-a-template.json");
  await writeFile(path, JSON.stringify({ format: "discretion-spectrum-export", version: 1 }));
  const input = startFrom(page).getByLabel("Start from a template file", { exact: true });
  await expect(input).toBeEnabled();
  await input.setInputFiles(path);
  await expect(startFrom(page).getByRole("alert")).toContainText("not a Discretion Spectrum template");
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("");
});

test("only someone signed in to the research area is offered this server's earlier workshops", async ({ page }) => {
  expect(ADMIN_KEY, "set DS_ADMIN_KEY for the server and the tests (scripts/test.sh does)").not.toBe("");
  const stamp = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const title = `Earlier run ${stamp}`;
  const form = new NewWorkshopForm(page);
  await form.open();
  await page.getByLabel("Aspect 1", { exact: true }).fill(`Caseload balance ${stamp}`);
  await form.create(title, "South");

  // Signed out: a sentence says how to get the list, or to use a file.
  await form.open();
  const earlier = startFrom(page).getByRole("group", { name: "Start from an earlier workshop" });
  await expect(earlier).toContainText("sign in at /research");
  await expect(earlier.getByRole("link", { name: "sign in at /research" })).toHaveAttribute("href", "/research");

  // Signed in: the workshop is offered, and choosing it fills the form (site left to type).
  const research = new ResearchArea(page);
  await research.open();
  await research.signIn(ADMIN_KEY);
  await expect(research.table).toBeVisible();
  await form.open();
  const use = earlier.getByRole("button", { name: new RegExp(`^Use: start from “${escapeRegExp(title)} \\(South, `) });
  await expect(use).toHaveCount(1);
  await use.click();
  await expect(startFrom(page).getByRole("status")).toContainText("Filled in from the workshop at South");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Aspect 1", { exact: true })).toHaveValue(`Caseload balance ${stamp}`);
  await expect(page.getByLabel("Site", { exact: true })).toHaveValue("");
});
