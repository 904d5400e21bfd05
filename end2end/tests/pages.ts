// Page objects: one per screen, named after what users see. Each test makes its own workshop,
// so tests run in parallel without seeing each other's data.
import { parse } from "csv-parse/sync";
import { expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

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
    const page = await context.newPage();
    await page.goto("/join");
    await page.getByLabel("Join code", { exact: true }).fill(code.toLowerCase());
    await page.getByLabel("Pair name", { exact: true }).fill(label);
    await page.getByRole("button", { name: "Join" }).click();
    await page.waitForURL(new RegExp(`/pair/${code}$`));
    const screen = new PairScreen(page);
    await expect(screen.status).toHaveText("Saved");
    return [context, screen];
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

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** CSV rows as objects keyed by the header row (csv-parse: RFC 4180, BOM-aware). */
export function csvRecords(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true });
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
