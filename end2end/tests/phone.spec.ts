// A pair whose tablet died joins on a phone: the board must fit a 390 px portrait screen and
// still place every post-it, by touch and by the buttons.
import { expect, test, type Page } from "@playwright/test";
import { NewWorkshopForm, PairScreen, placedRows } from "./pages";

const PHONE = {
  viewport: { width: 390, height: 844 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 3,
};

/** How far the page is wider than the screen, in CSS pixels (0 = no sideways scroll). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("on a 390 px phone the board fits, the poles stay off the line, and ten post-its are placed by touch and by buttons", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Phone pair", "Site 2");
  const code = await console.code();
  const [, pair] = await PairScreen.join(browser, code, "Pair P", PHONE);
  await console.startPlacing();
  const phone = pair.page;
  // Placing has started on the phone too (its notice gone), so the layout measured is final.
  await expect(pair.phaseNotice).toBeEmpty();

  const cards = phone.getByRole("region", { name: "Post-its" }).locator(".post-it");
  await expect(cards).toHaveCount(10);
  const aspects = (await cards.evaluateAll((els) => els.map((el) => el.querySelector(".post-it-text")?.textContent ?? ""))).map((t) => t.trim());
  expect(aspects.every((a) => a.length > 0)).toBe(true);
  expect(await sidewaysOverflow(phone)).toBeLessThanOrEqual(0);

  // The pole labels sit above the line, side by side, and never cover it.
  const line = (await phone.locator(".spectrum-line").boundingBox())!;
  for (const pole of [".pole-left", ".pole-right"]) {
    const box = (await phone.locator(`.spectrum ${pole}`).boundingBox())!;
    expect(box.y + box.height, `${pole} ends above the line`).toBeLessThanOrEqual(line.y);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  const left = (await phone.locator(".spectrum .pole-left").boundingBox())!;
  const right = (await phone.locator(".spectrum .pole-right").boundingBox())!;
  expect(left.x + left.width).toBeLessThanOrEqual(right.x);

  // The first by a real finger drag to about 25.
  await pair.touchDrag(aspects[0], await pair.pointAt(25));
  await expect(pair.status).toHaveText("Saved");
  const dragged = await pair.placedPosition(aspects[0]);
  expect(Math.abs(dragged - 25)).toBeLessThanOrEqual(3);

  // The other nine with the buttons: select, "Place on spectrum" (50), then "Move right".
  // (The buttons act on `click`, which a tap fires; Playwright's synthetic tap right after a
  // layout change, here the line growing a lane, can land beside the button it aimed at.)
  const onLine = (aspect: string) =>
    pair.spectrum.getByRole("button", { name: new RegExp("^" + aspect.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
  for (const [i, aspect] of aspects.slice(1).entries()) {
    await pair.postIt(aspect).focus();
    await expect(phone.locator(".nudge-target")).toContainText(aspect);
    await phone.getByRole("button", { name: "Place on spectrum" }).click();
    await expect(onLine(aspect)).toHaveAttribute("data-position", "50");
    await expect(pair.status).toHaveText("Saved");
    for (let k = 1; k <= i % 3; k++) {
      await phone.getByRole("button", { name: "Move right" }).click();
      await expect(onLine(aspect)).not.toHaveAttribute("data-position", "50");
    }
    await expect(pair.status).toHaveText("Saved");
  }
  await expect(phone.getByRole("region", { name: "Post-its" }).locator(".post-it")).toHaveCount(0);
  expect(await sidewaysOverflow(phone)).toBeLessThanOrEqual(0);

  // Every post-it on the line is readable: at least 80 px wide, inside the screen.
  for (const aspect of aspects) {
    const box = (await onLine(aspect).boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(80);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }

  // The data: ten placements, each where it was put.
  const rows = placedRows(await console.downloadCsv());
  expect(rows).toHaveLength(10);
  const at = (aspect: string) => Number(rows.find((r) => r.aspect_text === aspect)?.position);
  expect(at(aspects[0])).toBe(dragged);
  const step = (await pair.placedPosition(aspects[2])) - 50;
  expect(step).toBeGreaterThan(0);
  for (const [i, aspect] of aspects.slice(1).entries()) {
    expect(at(aspect), aspect).toBe(50 + (i % 3) * step);
  }
});
