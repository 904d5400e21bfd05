// Regenerates the README screenshots from a running server:
//   BASE_URL=http://127.0.0.1:3100 node tools/screenshots.mjs ../docs/screenshots
// It creates a workshop, joins four pairs and places post-its by keyboard, then captures the
// console, the projector and a pair's tablet.
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const out = process.argv[2] ?? "screenshots";
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

const laptop = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
await laptop.goto(base + "/new");
await laptop.getByRole("button", { name: "Create workshop" }).waitFor();
await laptop.screenshot({ path: `${out}/new-workshop.png` });
await laptop.getByLabel("Title", { exact: true }).fill("Knowledge exchange meeting");
await laptop.getByLabel("Site", { exact: true }).fill("Site 3");
await laptop.getByRole("button", { name: "Create workshop" }).click();
await laptop.waitForURL(/\/f\//);
const code = (await laptop.getByLabel("Join code", { exact: true }).innerText()).trim();
const projectorHref = await laptop.getByRole("link", { name: "Projector view" }).getAttribute("href");

const aspects = [
  "How many appointments a patient can have",
  "Where people are seen",
  "Excluding nobody, whatever their needs",
  "Supporting carers and family members",
  "Caseload balance and link-worker wellbeing",
];
const plans = [
  [-3, 2, 4, 1, -1],
  [-1, 4, 5, 2, 0],
  [1, 3, 4, 3, -2],
  [-2, 1, 5, 2, 2],
];
let tablet;
for (const [i, plan] of plans.entries()) {
  const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });
  const page = await ctx.newPage();
  await page.goto(`${base}/join?code=${code}`);
  await page.getByLabel("Pair name", { exact: true }).fill(`Pair ${i + 1}`);
  await page.getByRole("button", { name: "Join" }).click();
  await page.waitForURL(/\/pair\//);
  await page.locator(".sync-status", { hasText: "Saved" }).waitFor();
  for (const [j, steps] of plan.entries()) {
    if (i === 0 && j === 4) continue; // leave one in the tray of the tablet we photograph
    await page.getByRole("button", { name: new RegExp("^" + aspects[j].replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) }).focus();
    await page.keyboard.press("Space");
    for (let k = 0; k < Math.abs(steps); k++) await page.keyboard.press(steps < 0 ? "Shift+ArrowLeft" : "Shift+ArrowRight");
    await page.keyboard.press("Enter");
    await page.locator(".sync-status", { hasText: "Saved" }).waitFor();
  }
  if (i === 0) tablet = page;
}
await tablet.screenshot({ path: `${out}/pair-tablet.png` });
await laptop.waitForTimeout(500);
await laptop.screenshot({ path: `${out}/console.png`, fullPage: false });
const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
await projector.goto(base + projectorHref);
await projector.locator(".dot").first().waitFor();
await projector.screenshot({ path: `${out}/projector.png` });
await browser.close();
