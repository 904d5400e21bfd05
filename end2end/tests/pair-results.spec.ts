// "Our results" on a pair's tablet: after the reveal the pair opens its own page, whose
// positions and room medians are the export's numbers; it prints on one A4 page; the API
// answers only to the pair's own token.
import { expect, test, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { Console, PairScreen, TABLET, csvRecords } from "./pages";

const ASPECTS = ["Holding patients", "Where people are seen"];
/** Where pairs 1–3 put the two aspects (keyboard steps of 1 from 50). */
const PLACES = [
  [20, 70],
  [40, 55],
  [90, 30],
];

/** The token this tablet joined with (kept in `localStorage` by join code). */
async function tokenOf(page: Page, code: string): Promise<string> {
  return page.evaluate((code) => JSON.parse(localStorage.getItem(`ds.pair.${code}`) ?? "{}").token, code);
}

test("a pair opens its results after the reveal: the export's numbers, one A4 page, only its own token", async ({ browser, page }) => {
  const response = await page.request.post("/api/workshops", {
    data: {
      title: "Results",
      site: `Site ${Date.now()}`,
      question: "How much discretion?",
      left_pole: "Fixed",
      right_pole: "Flexible",
      aspects: ASPECTS,
    },
  });
  expect(response.status()).toBe(201);
  const created = (await response.json()) as { join_code: string; console_path: string };
  const code = created.join_code;
  await page.goto(created.console_path);
  const console = new Console(page);
  await console.startPlacing();

  const pairs: PairScreen[] = [];
  for (const [n, places] of PLACES.entries()) {
    const [, pair] = await PairScreen.join(browser, code, `Pair ${n + 1}`, TABLET);
    for (const [i, aspect] of ASPECTS.entries()) await pair.placeByKeyboard(aspect, places[i]);
    await expect(pair.status).toHaveText("Saved");
    pairs.push(pair);
  }
  const tablet = pairs[0].page;
  await expect(tablet.getByRole("link", { name: "Our results" })).toHaveCount(0);

  await console.reveal();
  await tablet.getByRole("link", { name: "Our results" }).tap();
  await tablet.waitForURL(new RegExp(`/pair/${code}/results$`));
  await expect(tablet.getByRole("heading", { level: 1, name: "How much discretion?" })).toBeVisible();
  await expect(tablet.locator(".result-row")).toHaveCount(ASPECTS.length);

  // The export, as the facilitator downloads it from the console.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download all (zip)" }).click()]);
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
  const placements = csvRecords(strFromU8(files["placements.csv"]));
  const summary = csvRecords(strFromU8(files["summary.csv"]));

  for (const [i, aspect] of ASPECTS.entries()) {
    const row = tablet.locator(".result-row", { has: tablet.getByRole("heading", { name: aspect }) });
    const id = await row.getAttribute("data-aspect");
    const mine = placements.find((p) => p.round === "1" && p.aspect_id === id && p.pair_label === "Pair 1")!;
    const room = summary.find((s) => s.round === "1" && s.aspect_id === id)!;
    expect(Number(mine.position)).toBe(PLACES[0][i]);
    await expect(row.locator(".own-position")).toHaveAttribute("data-position", String(Number(mine.position)));
    await expect(row.locator(".results-median")).toHaveAttribute("data-median", String(Number(room.median)));
    // The same numbers in words, and in the picture's text equivalent.
    await expect(row.locator(".own-position")).toHaveText(String(Number(mine.position)));
    await expect(row.locator(".results-median")).toContainText(`the room's median ${Number(room.median)}`);
    await expect(row.getByRole("img")).toHaveAttribute("aria-label", new RegExp(`median ${Number(room.median)}`));
  }
  await expect(tablet.locator(".reference-code")).toHaveText(/^[A-Z0-9]{6}$/);

  // Printed: one A4 page.
  const pdf = await tablet.pdf({ format: "A4", printBackground: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) ?? [];
  expect(pages.length, "the results print on one A4 page").toBe(1);

  // The API answers each pair's own token with that pair's results only; other tokens are refused.
  const own = await tablet.request.get("/api/pair/results", { headers: { Authorization: `Bearer ${await tokenOf(tablet, code)}` } });
  expect(own.status()).toBe(200);
  expect((await own.json()).pair_label).toBe("Pair 1");
  const second = await tablet.request.get("/api/pair/results", {
    headers: { Authorization: `Bearer ${await tokenOf(pairs[1].page, code)}` },
  });
  expect((await second.json()).pair_label).toBe("Pair 2");
  const forged = await tablet.request.get("/api/pair/results", { headers: { Authorization: `Bearer ${(await tokenOf(tablet, code)).slice(0, -2)}xx` } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error).toContain("not a pair's token");
  const none = await tablet.request.get("/api/pair/results");
  expect(none.status()).toBe(401);

  for (const pair of pairs) await pair.page.context().close();
});

test("a phone reads its results in one column", async ({ browser, page }) => {
  const response = await page.request.post("/api/workshops", {
    data: { title: "Phone", site: "Phone", question: "How much discretion?", left_pole: "Fixed", right_pole: "Flexible", aspects: ASPECTS },
  });
  const created = (await response.json()) as { join_code: string; console_path: string };
  await page.goto(created.console_path);
  const console = new Console(page);
  await console.startPlacing();
  const [context, pair] = await PairScreen.join(browser, created.join_code, "Pair P", {
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  await pair.placeByKeyboard(ASPECTS[0], 35);
  await console.reveal();
  await pair.page.getByRole("link", { name: "Our results" }).tap();
  await expect(pair.page.locator(".result-row")).toHaveCount(ASPECTS.length);
  // Nothing wider than the phone: no sideways scrolling.
  const overflow = await pair.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // One pair is under the privacy threshold: the room's numbers are withheld, in words.
  await expect(pair.page.locator(".results-median").first()).toContainText("not shown: 1 pair placed it, fewer than 3");
  await context.close();
});
