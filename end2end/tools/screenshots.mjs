// Regenerates the README screenshots from a running server started with an admin key:
//   DS_ADMIN_KEY=… (server) and
//   ADMIN_KEY=… BASE_URL=http://127.0.0.1:3000 node tools/screenshots.mjs ../docs/screenshots
// It runs two workshops at two sites the way a facilitator would (create, pairs join on touch
// tablets and place by keyboard, "Start placing", "Reveal"), then captures the new-workshop
// form, the console, the projector, a pair's tablet, and the researcher area's list, replay and
// comparison of the two sites; then a Welsh tablet in a workshop written in English and Welsh;
// and the first tablet's board with JavaScript off, as the server draws it.
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://127.0.0.1:3000";
const adminKey = process.env.ADMIN_KEY ?? "";
const out = process.argv[2] ?? "screenshots";
if (!adminKey) throw new Error("set ADMIN_KEY to the server's admin key");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});

const aspects = [
  "How many appointments a patient can have",
  "Where people are seen",
  "Excluding nobody, whatever their needs",
  "Supporting carers and family members",
  "Caseload balance and link-worker wellbeing",
];
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Creates a workshop, has pairs place by keyboard (Shift+arrow = 10 steps), reveals. */
async function runWorkshop(title, site, plans, { shootForm = false } = {}) {
  const laptop = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await laptop.goto(base + "/new");
  await laptop.getByRole("button", { name: "Create workshop" }).waitFor();
  if (shootForm) await laptop.screenshot({ path: `${out}/new-workshop.png` });
  await laptop.getByLabel("Title", { exact: true }).fill(title);
  await laptop.getByLabel("Site", { exact: true }).fill(site);
  await laptop.getByRole("button", { name: "Create workshop" }).click();
  await laptop.waitForURL(/\/f\//);
  const code = (await laptop.getByLabel("Join code", { exact: true }).innerText()).trim();
  const projectorHref = await laptop.getByRole("link", { name: "Projector view" }).getAttribute("href");
  const tablets = [];
  for (const i of plans.keys()) {
    const ctx = await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true });
    const page = await ctx.newPage();
    await page.goto(`${base}/join?code=${code}`);
    await page.getByLabel("Pair name", { exact: true }).fill(`Pair ${i + 1}`);
    await page.getByRole("button", { name: "Join" }).click();
    await page.waitForURL(/\/pair\//);
    await page.locator(".sync-status", { hasText: "Saved" }).waitFor();
    tablets.push(page);
  }
  await laptop.getByRole("button", { name: "Start placing" }).click();
  for (const [i, plan] of plans.entries()) {
    const page = tablets[i];
    await page.locator('[data-phase="placing"]').first().waitFor();
    for (const [j, steps] of plan.entries()) {
      if (i === 0 && j === 4) continue; // leave one in the tray of the tablet we photograph
      await page.getByRole("button", { name: new RegExp("^" + escape(aspects[j])) }).focus();
      await page.keyboard.press("Space");
      for (let k = 0; k < Math.abs(steps); k++) await page.keyboard.press(steps < 0 ? "Shift+ArrowLeft" : "Shift+ArrowRight");
      await page.keyboard.press("Enter");
      await page.locator(".sync-status", { hasText: "Saved" }).waitFor();
    }
  }
  await laptop.getByRole("button", { name: "Reveal" }).click();
  await laptop.locator('.session-bar [data-phase="reveal"]').waitFor();
  return { laptop, tablet: tablets[0], projectorHref, id: projectorHref.replace("/p/", "") };
}

const first = await runWorkshop("Knowledge exchange meeting", "Site 3", [
  [-3, 2, 4, 1, -1],
  [-1, 4, 5, 2, 0],
  [1, 3, 4, 3, -2],
  [-2, 1, 5, 2, 2],
], { shootForm: true });
await first.tablet.screenshot({ path: `${out}/pair-tablet.png` });
// The same tablet's board with JavaScript off: drawn by the server from the board's cookie.
const paper = await (
  await browser.newContext({ viewport: { width: 1024, height: 768 }, javaScriptEnabled: false, storageState: await first.tablet.context().storageState() })
).newPage();
await paper.goto(first.tablet.url());
await paper.locator(".board-before-code li.on-spectrum").first().waitFor();
await paper.screenshot({ path: `${out}/pair-drawn.png` });
await first.laptop.waitForTimeout(500);
await first.laptop.screenshot({ path: `${out}/console.png`, fullPage: false });
const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
await projector.goto(base + first.projectorHref);
await projector.locator(".dot").first().waitFor();
await projector.screenshot({ path: `${out}/projector.png` });

const second = await runWorkshop("Knowledge exchange meeting", "Site 5", [
  [-4, -1, 5, 3, 1],
  [-2, 0, 4, 4, 3],
  [-3, 1, 5, 1, 2],
]);

const desk = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
await desk.goto(`${base}/research?key=${encodeURIComponent(adminKey)}`);
await desk.getByRole("heading", { name: "Workshops" }).waitFor();
for (const site of ["Site 3", "Site 5"]) {
  await desk.getByRole("checkbox", { name: new RegExp(`\\(${site}\\)$`) }).first().check();
}
await desk.screenshot({ path: `${out}/research.png` });
await desk.getByRole("link", { name: "Compare selected" }).click();
await desk.getByRole("heading", { name: "Compare workshops" }).waitFor();
await desk.locator("svg").first().waitFor();
await desk.screenshot({ path: `${out}/compare.png`, fullPage: true });
await desk.goto(`${base}/research/replay/${first.id}`);
const slider = desk.getByLabel("Moment", { exact: true });
await slider.waitFor();
const max = Number(await slider.getAttribute("max"));
await slider.fill(String(Math.round(max * 0.6)));
await desk.locator(".dot").first().waitFor();
await desk.screenshot({ path: `${out}/replay.png` });

// A Welsh tablet in a workshop written in English and Welsh: the board in Welsh, the content
// in its Welsh texts (POST /api/workshops with a second language, as the form sends it).
const welshAspects = [
  "Faint o apwyntiadau y gall claf eu cael",
  "Ble mae pobl yn cael eu gweld",
  "Peidio ag eithrio neb, beth bynnag fo'u hanghenion",
  "Cefnogi gofalwyr ac aelodau o'r teulu",
  "Cydbwysedd llwyth achosion a llesiant gweithwyr cyswllt",
];
const bilingual = await (
  await fetch(`${base}/api/workshops`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({
      title: "Cyfarfod cyfnewid gwybodaeth",
      site: "Safle 7",
      question: "In an ideal social prescribing service, how much discretion should link workers have over…",
      left_pole: "Fixed / prescribed",
      right_pole: "Flexible / autonomous",
      aspects,
      second_language: {
        language: "cy",
        question: "Mewn gwasanaeth presgripsiynu cymdeithasol delfrydol, faint o ddisgresiwn ddylai fod gan weithwyr cyswllt dros…",
        left_pole: "Sefydlog / wedi'i ragnodi",
        right_pole: "Hyblyg / ymreolaethol",
        aspects: welshAspects,
      },
    }),
  })
).json();
const welshConsole = await (await browser.newContext()).newPage();
await welshConsole.goto(base + bilingual.console_path);
await welshConsole.getByRole("button", { name: "Start placing", exact: true }).click();
const welsh = await (
  await browser.newContext({ viewport: { width: 1024, height: 768 }, hasTouch: true, isMobile: true, locale: "cy-GB" })
).newPage();
await welsh.goto(`${base}/join?code=${bilingual.join_code}`);
await welsh.getByLabel("Enw'r pâr", { exact: true }).fill("Pâr 3");
await welsh.getByRole("button", { name: "Ymuno", exact: true }).click();
await welsh.waitForURL(/\/pair\//);
for (const [text, tens] of [[welshAspects[0], 2], [welshAspects[1], -3], [welshAspects[3], 1]]) {
  await welsh.getByRole("button", { name: new RegExp("^" + escape(text)) }).first().focus();
  await welsh.keyboard.press("Space");
  for (let k = 0; k < Math.abs(tens); k++) await welsh.keyboard.press(tens > 0 ? "Shift+ArrowRight" : "Shift+ArrowLeft");
  await welsh.keyboard.press("Enter");
}
await welsh.locator(".sync-status").filter({ hasText: "Wedi'i gadw" }).waitFor();
await welsh.screenshot({ path: `${out}/welsh-tablet.png` });

await browser.close();
console.log(`screenshots written to ${out} (workshops ${first.id}, ${second.id}, ${bilingual.workshop_id})`);
