// Page objects: one per screen, named after what users see. Each test makes its own workshop,
// so tests run in parallel without seeing each other's data.
import AxeBuilder from "@axe-core/playwright";
import { parse } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

/** The WCAG 2.2 AA rules axe-core checks. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Runs axe-core on the page as it is now and expects no violations (each listed with its nodes). */
export async function expectNoAxeViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** A tablet: touch screen, iPad-sized viewport. */
export const TABLET = {
  viewport: { width: 1024, height: 768 },
  hasTouch: true,
  isMobile: true,
  deviceScaleFactor: 2,
};

export class NewWorkshopForm {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/");
    await this.page.getByRole("link", { name: "New workshop" }).click();
    await expect(this.page.getByLabel("Title", { exact: true })).toBeVisible();
  }

  /** Fills the form and creates the workshop; returns the console. */
  async create(title: string, site: string): Promise<Console> {
    await this.page.getByLabel("Title", { exact: true }).fill(title);
    await this.page.getByLabel("Site", { exact: true }).fill(site);
    await this.page.getByRole("button", { name: "Create workshop" }).click();
    await this.page.waitForURL(/\/f\/[0-9a-f]{32,}$/);
    const console = new Console(this.page);
    await expect(console.joinCode).toHaveText(/^[A-HJ-NP-Z2-9]{6}$/);
    return console;
  }
}

export class Console {
  constructor(readonly page: Page) {}

  get joinCode(): Locator {
    return this.page.getByLabel("Join code", { exact: true });
  }

  async code(): Promise<string> {
    return (await this.joinCode.innerText()).trim();
  }

  async projectorUrl(): Promise<string> {
    const href = await this.page.getByRole("link", { name: "Projector view" }).getAttribute("href");
    expect(href).toMatch(/^\/p\/[0-9a-f-]{36}$/);
    return href!;
  }

  /** The phase shown in the session bar is this one (`data-phase`, e.g. "placing"). */
  async expectPhase(phase: string) {
    await expect(this.page.locator(`.session-bar [data-phase="${phase}"]`)).toBeVisible();
  }

  /** Joining → Placing: pairs may place from now on. */
  async startPlacing() {
    await this.page.getByRole("button", { name: "Start placing", exact: true }).click();
    await this.expectPhase("placing");
  }

  /** Placing → Reveal & discuss: the room sees where every pair put every aspect. */
  async reveal() {
    await this.page.getByRole("button", { name: "Reveal", exact: true }).click();
    await this.expectPhase("reveal");
  }

  get settings(): Locator {
    return this.page.getByRole("group", { name: "Settings" });
  }

  /** Switches the live wall on or off (everyone sees placements as they happen). */
  async setLiveWall(on: boolean) {
    const box = this.settings.getByLabel("Live wall: everyone sees placements as they happen");
    // The box shows the server's settings: it turns once the server has the change, which
    // `setChecked` (checking at once after its click) does not wait for.
    if ((await box.isChecked()) !== on) await box.click();
    await expect(box).toBeChecked({ checked: on });
  }

  /** Sets the projector's small-group privacy threshold. */
  async setPrivacyThreshold(pairs: number) {
    const field = this.settings.getByLabel("Privacy threshold (pairs)");
    await field.fill(String(pairs));
    await field.press("Tab");
    await expect(field).toHaveValue(String(pairs));
  }

  /** The console's row for an aspect in the Aspects list. */
  aspect(text: string): Locator {
    return this.page.getByRole("region", { name: "Aspects" }).getByRole("group", { name: text, exact: true });
  }

  /** Downloads the placements CSV through the link, as the facilitator would. */
  async downloadCsv(): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("link", { name: "Download placements (CSV)" }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  }
}

export class PairScreen {
  constructor(readonly page: Page) {}

  static async join(browser: Browser, code: string, label: string, options = {}): Promise<[BrowserContext, PairScreen]> {
    const context = await browser.newContext(options);
    return [context, await PairScreen.joinIn(context, code, label)];
  }

  /** Joins in a context the test prepared (init scripts, routes); returns the board. */
  static async joinIn(context: BrowserContext, code: string, label: string): Promise<PairScreen> {
    const page = await context.newPage();
    await page.goto("/join");
    await page.getByLabel("Join code", { exact: true }).fill(code.toLowerCase());
    await page.getByLabel("Pair name", { exact: true }).fill(label);
    await page.getByRole("button", { name: "Join" }).click();
    await page.waitForURL(new RegExp(`/pair/${code}$`));
    const screen = new PairScreen(page);
    await expect(screen.status).toHaveText("Saved");
    return screen;
  }

  get status(): Locator {
    return this.page.locator(".sync-status");
  }
  get tray(): Locator {
    return this.page.getByRole("region", { name: "Post-its" });
  }
  get spectrum(): Locator {
    return this.page.getByRole("region", { name: "Spectrum" });
  }
  /** The post-it for an aspect, wherever it is (tray or spectrum). */
  postIt(aspect: string): Locator {
    return this.page.getByRole("button", { name: new RegExp("^" + escapeRegExp(aspect)) });
  }

  /** The x,y on screen of a position (0–100) on the spectrum, vertically in its middle. */
  async pointAt(position: number): Promise<{ x: number; y: number }> {
    const box = (await this.spectrum.boundingBox())!;
    return { x: box.x + (box.width * position) / 100, y: box.y + box.height / 2 };
  }

  /** A mouse drag from the post-it to a position on the spectrum. */
  async mouseDrag(aspect: string, position: number) {
    const card = (await this.postIt(aspect).boundingBox())!;
    const to = await this.pointAt(position);
    await this.page.mouse.move(card.x + card.width / 2, card.y + card.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x, to.y, { steps: 12 });
    await this.page.mouse.up();
  }

  /** A real touch drag sent through the Chrome DevTools Protocol. */
  async touchDrag(aspect: string, target: { x: number; y: number }) {
    const card = (await this.postIt(aspect).boundingBox())!;
    const cdp = await this.page.context().newCDPSession(this.page);
    const from = { x: card.x + card.width / 2, y: card.y + card.height / 2 };
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [from] });
    const steps = 12;
    for (let i = 1; i <= steps; i++) {
      const point = { x: from.x + ((target.x - from.x) * i) / steps, y: from.y + ((target.y - from.y) * i) / steps };
      await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [point] });
    }
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await cdp.detach();
  }

  /** A real finger tap (no movement) through the Chrome DevTools Protocol. */
  async touchTap(aspect: string) {
    const locator = this.postIt(aspect);
    await locator.scrollIntoViewIfNeeded();
    const card = (await locator.boundingBox())!;
    await this.touchDrag(aspect, { x: card.x + card.width / 2, y: card.y + card.height / 2 });
  }

  /** Places a post-it from the tray with the keyboard only (picked up at 50, moved by tens
   * and ones, dropped). */
  async placeByKeyboard(aspect: string, position: number) {
    const card = this.tray.getByRole("button", { name: new RegExp("^" + escapeRegExp(aspect)) });
    await card.focus();
    // The board may still move the focus (to the post-it placed just before): the keys must go
    // to this one, and Space must have picked it up before the arrows and Enter (Enter on a
    // post-it that is not held opens its sheet).
    await expect(card).toBeFocused();
    await this.page.keyboard.press("Space");
    const held = this.page.getByRole("button", { name: new RegExp("^" + escapeRegExp(aspect) + " — .*holding at ") });
    await expect(held).toBeFocused();
    const delta = position - 50;
    const [tens, ones] = [Math.trunc(delta / 10), delta % 10];
    for (let i = 0; i < Math.abs(tens); i++) await this.page.keyboard.press(tens > 0 ? "Shift+ArrowRight" : "Shift+ArrowLeft");
    for (let i = 0; i < Math.abs(ones); i++) await this.page.keyboard.press(ones > 0 ? "ArrowRight" : "ArrowLeft");
    await this.page.keyboard.press("Enter");
    await expect(this.spectrum.getByRole("button", { name: new RegExp("^" + escapeRegExp(aspect) + " — ") })).toBeVisible();
  }

  /** The open sheet (notes and "can't place") of a post-it. */
  get sheet(): Locator {
    return this.page.getByRole("dialog");
  }
  /** The "Can't place / it depends" area. */
  get cantPlace(): Locator {
    return this.page.getByRole("region", { name: "Can't place" });
  }
  /** The phase notice ("Placing has not started yet…"), empty while pairs may place. */
  get phaseNotice(): Locator {
    return this.page.locator(".phase-notice");
  }

  /** Writes a new post-it; it appears in the tray at once. */
  async addPostIt(text: string) {
    await this.page.getByRole("button", { name: "Add a post-it" }).click();
    await this.page.getByLabel("Post-it text", { exact: true }).fill(text);
    await this.page.getByRole("button", { name: "Add", exact: true }).click();
    await expect(this.tray.getByRole("button", { name: new RegExp("^" + escapeRegExp(text) + " — ") })).toBeVisible();
  }

  /** Opens a post-it's sheet with a tap (a click without dragging). */
  async openSheet(aspect: string) {
    await this.postIt(aspect).click();
    await expect(this.page.getByRole("dialog", { name: aspect })).toBeVisible();
  }

  /** Fills the open sheet; `cantPlace` (a reason) ticks "Can't place / it depends". */
  async fillSheet(fields: { intended: string; unintended: string; cantPlace?: string }) {
    await this.sheet.getByLabel("Intended outcome", { exact: true }).fill(fields.intended);
    await this.sheet.getByLabel("Unintended outcome", { exact: true }).fill(fields.unintended);
    const box = this.sheet.getByLabel("Can't place / it depends", { exact: true });
    if (fields.cantPlace !== undefined) {
      await box.check();
      await this.sheet.getByLabel("Reason", { exact: true }).fill(fields.cantPlace);
    } else if (await box.isEnabled()) {
      await box.uncheck();
    }
  }

  /** Saves the open sheet; it closes. */
  async save() {
    await this.sheet.getByRole("button", { name: "Save", exact: true }).click();
    await expect(this.sheet).toBeHidden();
  }

  async placedPosition(aspect: string): Promise<number> {
    const value = await this.spectrum.getByRole("button", { name: new RegExp("^" + escapeRegExp(aspect)) }).getAttribute("data-position");
    return Number(value);
  }
}

export class Projector {
  constructor(readonly page: Page) {}

  row(aspect: string): Locator {
    return this.page.locator(".aspect-row").filter({ has: this.page.getByText(aspect, { exact: true }) }).first();
  }

  async dotPositions(aspect: string): Promise<number[]> {
    const values = await this.row(aspect).locator(".dot").evaluateAll((dots) => dots.map((d) => Number(d.getAttribute("data-position"))));
    return values.sort((a, b) => a - b);
  }
}

/**
 * Saves a pair's sheet for an aspect (notes, or "can't place" with a reason) straight over the
 * websocket, as the pair's device: for tests of what the projector shows of notes and reasons
 * that do not depend on the tablet's sheet screen.
 */
export async function saveSheetAsPair(
  pairPage: Page,
  code: string,
  aspect: string,
  sheet: { intended?: string; unintended?: string; cantPlace?: string },
) {
  const result = await pairPage.evaluate(
    async ({ code, aspect, sheet }) => {
      const pair = JSON.parse(localStorage.getItem(`ds.pair.${code}`)!);
      const ws = new WebSocket(location.origin.replace(/^http/, "ws") + "/ws");
      return await new Promise<string>((resolve) => {
        const changeId = crypto.randomUUID();
        ws.onopen = () => ws.send(JSON.stringify({ type: "hello", auth: { as: "pair", code, token: pair.token }, last_seq: null }));
        ws.onmessage = (ev) => {
          const msg = JSON.parse(ev.data);
          if (msg.type === "snapshot") {
            const card = msg.view.cards.find((c: { text: string }) => c.text === aspect);
            ws.send(
              JSON.stringify({
                type: "save_sheet",
                change_id: changeId,
                card_id: card.id,
                intended: sheet.intended ?? "",
                unintended: sheet.unintended ?? "",
                cant_place: sheet.cantPlace ?? null,
              }),
            );
          } else if (msg.type === "ack" && msg.change_id === changeId) {
            ws.close();
            resolve("ok");
          } else if (msg.type === "refused") {
            ws.close();
            resolve(msg.message);
          }
        };
      });
    },
    { code, aspect, sheet },
  );
  expect(result).toBe("ok");
}

/** Writes a new post-it as the pair, straight over the websocket (see `saveSheetAsPair`). */
export async function addCardAsPair(pairPage: Page, code: string, text: string) {
  const result = await pairPage.evaluate(
    async ({ code, text }) => {
      const pair = JSON.parse(localStorage.getItem(`ds.pair.${code}`)!);
      const ws = new WebSocket(location.origin.replace(/^http/, "ws") + "/ws");
      return await new Promise<string>((resolve) => {
        const changeId = crypto.randomUUID();
        ws.onopen = () => ws.send(JSON.stringify({ type: "hello", auth: { as: "pair", code, token: pair.token }, last_seq: null }));
        ws.onmessage = (ev) => {
          const msg = JSON.parse(ev.data);
          if (msg.type === "snapshot") {
            ws.send(JSON.stringify({ type: "add_card", change_id: changeId, card_id: crypto.randomUUID(), text }));
          } else if (msg.type === "ack" && msg.change_id === changeId) {
            ws.close();
            resolve("ok");
          } else if (msg.type === "refused") {
            ws.close();
            resolve(msg.message);
          }
        };
      });
    },
    { code, text },
  );
  expect(result).toBe("ok");
}

/** Every file of an export as text, the zips inside it (workbook, NVivo project) unpacked too;
 * the PNG charts left out. Keys: `placements.csv`, `workshop.xlsx/xl/sharedStrings.xml`, … */
export function everyText(zip: Uint8Array): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(unzipSync(zip))) {
    if (name.endsWith(".png")) continue;
    if (name.endsWith(".xlsx") || name.endsWith(".qdpx")) {
      for (const [inner, b] of Object.entries(unzipSync(bytes))) texts[`${name}/${inner}`] = strFromU8(b);
    } else {
      texts[name] = strFromU8(bytes);
    }
  }
  return texts;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** CSV rows as objects keyed by the header row (csv-parse: RFC 4180, BOM-aware). */
export function csvRecords(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true });
}

/** The rows of a `placements.csv` (the console's download or the archive's) that are on the spectrum. */
export function placedRows(text: string): Record<string, string>[] {
  return csvRecords(text).filter((r) => r.status === "placed");
}

/** `/research`: the researchers' area (admin key, workshops table, downloads, delete). */
export class ResearchArea {
  constructor(readonly page: Page) {}

  async open(query = "") {
    await this.page.goto("/research" + query);
  }

  get keyField(): Locator {
    return this.page.getByLabel("Admin key", { exact: true });
  }

  get table(): Locator {
    return this.page.locator("table.research-table");
  }

  async signIn(key: string) {
    await this.keyField.fill(key);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** The table row of a workshop (its title is the row header). */
  row(title: string): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("rowheader", { name: title, exact: true }) });
  }

  /** Clicks a link and returns the downloaded file's bytes. */
  async download(link: Locator): Promise<Uint8Array> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), link.click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return new Uint8Array(Buffer.concat(chunks));
  }
}

/** `/research/replay/{id}`: the time slider over a workshop's event log. */
export class ReplayScreen {
  constructor(readonly page: Page) {}

  async open(workshopId: string) {
    await this.page.goto(`/research/replay/${workshopId}`);
  }

  get slider(): Locator {
    return this.page.getByLabel("Moment", { exact: true });
  }

  /** The time and the change that led to the moment shown (a polite live region). */
  get said(): Locator {
    return this.page.locator("output#replay-said");
  }

  get phase(): Locator {
    return this.page.locator("#replay-phase");
  }

  /** Moves the slider to moment `k` (0 = before any change). */
  async moveTo(k: number) {
    await this.slider.fill(String(k));
    await expect(this.slider).toHaveValue(String(k));
  }

  /** The positions of the dots on an aspect's row, sorted. */
  async dotPositions(aspect: string): Promise<number[]> {
    return new Projector(this.page).dotPositions(aspect);
  }
}
