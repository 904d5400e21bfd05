// English and Welsh in one workshop: a Welsh tablet and an English tablet, a Welsh projector,
// the console in English. Each device follows its browser's language on its first visit, a
// `?lang=` link switches and is remembered, and no English word of the interface is left on
// a Welsh screen (every catalog message's English text is looked for on each Welsh page).
// The researcher finds each note's language in notes.csv.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { NewWorkshopForm, PairScreen, TABLET, csvRecords, everyText } from "./pages";

const LOCALES = join(__dirname, "..", "..", "app", "locales");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** The messages of a language without variables (a `{" "}` is a space), by id: the catalog
 * and its parts. Messages spread over several lines or with variables are left out. */
function plainMessages(code: string): Map<string, string> {
  const files = [join(LOCALES, `${code}.ftl`)];
  try {
    for (const name of readdirSync(join(LOCALES, "parts"))) {
      if (name.endsWith(`.${code}.ftl`)) files.push(join(LOCALES, "parts", name));
    }
  } catch {
    // No parts: the catalog is one file.
  }
  const messages = new Map<string, string>();
  for (const file of files) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      const match = /^([a-z][a-z0-9-]*) = (.*)$/.exec(line);
      if (!match) continue;
      const text = match[2].replaceAll('{" "}', " ").trim();
      if (text.includes("{") || text === "") continue;
      messages.set(match[1], text);
    }
  }
  return messages;
}

/** Every English interface text that the Welsh catalog words differently, long enough not to
 * be found inside other words by chance ("Add", "Save" are checked as whole lines instead). */
function englishOnly(): { phrases: string[]; words: string[] } {
  const english = plainMessages("en");
  const welsh = plainMessages("cy");
  // Not the form's starting content (`default-…`): that is the workshop's content, which a
  // workshop may leave in its first language, not the interface.
  const texts = [...english]
    .filter(([id, text]) => welsh.get(id) !== text && !id.startsWith("language-") && !id.startsWith("default-"))
    .map(([, t]) => t);
  return { phrases: texts.filter((t) => t.length >= 12), words: texts.filter((t) => t.length < 12) };
}

/** The English interface texts on the page now (its visible text and its accessible names). */
async function englishLeft(page: Page): Promise<string[]> {
  const { phrases, words } = englishOnly();
  const shown = await page.evaluate(() => {
    const names = [...document.querySelectorAll("[aria-label],[title],[placeholder]")].flatMap((e) =>
      ["aria-label", "title", "placeholder"].map((a) => e.getAttribute(a) ?? ""),
    );
    // The language switch names English in English, by design.
    const body = document.body.cloneNode(true) as HTMLElement;
    body.querySelectorAll(".languages").forEach((n) => n.remove());
    return { text: body.innerText, names };
  });
  const lines = new Set([...shown.text.split("\n"), ...shown.names].map((l) => l.trim()));
  const all = [shown.text, ...shown.names].join("\n");
  return [...phrases.filter((p) => all.includes(p)), ...words.filter((w) => lines.has(w))];
}

async function expectWelshOnly(page: Page, screen: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", "cy");
  expect(await englishLeft(page), `${screen}: English left on a Welsh screen`).toEqual([]);
}

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-wasm-started", "");
}

test("a Welsh tablet, an English tablet, a Welsh projector and an English console run one workshop", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  // The content in Welsh too: the question and the first aspect (the others stay English).
  await page.getByLabel("Also in a second language").check();
  await expect(page.getByLabel("Second language", { exact: true })).toHaveValue("cy");
  await page.getByLabel("Question in the second language").fill("Faint o ryddid sydd gennych chi?");
  await page.getByLabel("Aspect 1 in the second language").fill("Faint o apwyntiadau y gall claf eu cael");
  const console = await form.create("Gweithdy dwyieithog", "Safle 7");
  const code = await console.code();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // The Welsh tablet follows its browser's language.
  const welshContext = await browser.newContext({ ...TABLET, locale: "cy-GB" });
  const welsh = await welshContext.newPage();
  await welsh.goto(`/join?code=${code}`);
  await expect(welsh.getByRole("heading", { name: "Ymuno â gweithdy" })).toBeVisible();
  await hydrated(welsh);
  await expectWelshOnly(welsh, "join");
  await welsh.getByLabel("Enw'r pâr", { exact: true }).fill("Pâr Cymraeg");
  await welsh.getByRole("button", { name: "Ymuno", exact: true }).click();
  await welsh.waitForURL(new RegExp(`/pair/${code}$`));
  await expect(welsh.locator(".sync-status")).toHaveText("Wedi'i gadw");
  // Each device shows the workshop's content in its language, else the first one's.
  await expect(welsh.locator("h1.question")).toHaveText("Faint o ryddid sydd gennych chi?");
  await expect(welsh.getByRole("button", { name: /^Faint o apwyntiadau y gall claf eu cael/ })).toBeVisible();
  await expect(welsh.getByRole("button", { name: /^Where people are seen/ })).toBeVisible();

  // The English tablet.
  const [, english] = await PairScreen.join(browser, code, "English pair", TABLET);
  await expect(english.page.locator("html")).toHaveAttribute("lang", "en");
  await expect(english.page.getByRole("button", { name: /^How many appointments a patient can have/ })).toBeVisible();
  await expect(english.page.locator("h1.question")).not.toHaveText("Faint o ryddid sydd gennych chi?");
  // The check finds English where there is some: the English board is full of it.
  expect((await englishLeft(english.page)).length).toBeGreaterThan(5);

  await console.startPlacing();
  await expect(welsh.locator(".phase-notice")).toHaveText("");
  await expect(welsh.locator(".session-bar")).toContainText("Cam: Gosod");

  // The Welsh pair places a post-it with the buttons and writes a note.
  const aspect = "Supporting carers and family members";
  await welsh.getByRole("button", { name: new RegExp(`^${aspect}`) }).click();
  await expect(welsh.getByRole("dialog", { name: aspect })).toBeVisible();
  await welsh.getByLabel("Canlyniad bwriadedig", { exact: true }).fill("Mwy o amser i wrando");
  await welsh.getByRole("button", { name: "Cadw", exact: true }).click();
  await expect(welsh.getByRole("dialog")).toBeHidden();
  await welsh.getByRole("button", { name: new RegExp(`^${aspect}`) }).click();
  await welsh.getByRole("button", { name: "Canslo", exact: true }).click();
  await welsh.getByRole("button", { name: "Gosod ar y sbectrwm", exact: true }).click();
  await expect(welsh.getByRole("region", { name: "Sbectrwm" }).getByRole("button", { name: new RegExp(`^${aspect}`) })).toBeVisible();
  await expect(welsh.locator(".sync-status")).toHaveText("Wedi'i gadw");
  await expectWelshOnly(welsh, "board");
  const axe = await new AxeBuilder({ page: welsh }).withTags(TAGS).analyze();
  expect(axe.violations.map((v) => v.id), "the Welsh board").toEqual([]);

  // The English pair writes its note in English.
  await english.openSheet(aspect);
  await english.fillSheet({ intended: "Time to listen", unintended: "" });
  await english.save();
  await expect(english.status).toHaveText("Saved");

  // A Welsh projector, chosen by a link that carries the language.
  const projectorContext = await browser.newContext();
  const projector = await projectorContext.newPage();
  await projector.goto(`${await console.projectorUrl()}?lang=cy`);
  await hydrated(projector);
  await expectWelshOnly(projector, "projector");
  await expect(projector.locator("h1.question")).toHaveText("Faint o ryddid sydd gennych chi?");
  // "Projector shows both languages": the first language above the second.
  const both = console.settings.getByLabel("Projector shows both languages");
  await both.click();
  await expect(both).toBeChecked();
  await expect(projector.locator(".question-second")).toHaveText("Faint o ryddid sydd gennych chi?");
  await expect(projector.locator(".aspect-text-second").first()).toHaveText("Faint o apwyntiadau y gall claf eu cael");
  // The console adds a Welsh text for another aspect: the Welsh tablet shows it at once.
  const second = page.locator(".console-second");
  await expect(second.locator("#second-now")).toHaveText("Also in Cymraeg: 1 of 10 aspects. Each screen in that language shows these texts.");
  await second.getByRole("button", { name: "Change the second language" }).click();
  await second.getByLabel("Where people are seen", { exact: true }).fill("Lle mae pobl yn cael eu gweld");
  const consoleAxe = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  expect(consoleAxe.violations.map((v) => v.id), "the console's second-language form").toEqual([]);
  await second.getByRole("button", { name: "Save the second language" }).click();
  await expect(second.locator("#second-now")).toContainText("2 of 10 aspects");
  await expect(welsh.getByRole("button", { name: /^Lle mae pobl yn cael eu gweld/ })).toBeVisible();
  await expect(english.page.getByRole("button", { name: /^Where people are seen/ })).toBeVisible();
  // Remembered on that device: the next visit without ?lang= is Welsh too.
  await projector.goto(await console.projectorUrl());
  await expect(projector.locator("html")).toHaveAttribute("lang", "cy");

  // The console stays English all along.
  await console.reveal();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(welsh.locator(".session-bar")).toContainText("Cam: Datgelu a thrafod");

  // Each note's language is in the export.
  const consolePath = new URL(page.url()).pathname;
  const zip = await page.request.get(`${consolePath}/export.zip`);
  expect(zip.status()).toBe(200);
  const notes = csvRecords(everyText(new Uint8Array(await zip.body()))["notes.csv"]);
  const byText = Object.fromEntries(notes.map((n) => [n.text, n.language]));
  expect(byText["Mwy o amser i wrando"]).toBe("cy");
  expect(byText["Time to listen"]).toBe("en");
});

test("the language switch is on every screen, says each language in its own words, and is remembered", async ({ page }) => {
  await page.goto("/");
  const switcher = page.getByRole("navigation", { name: "Language" });
  await expect(switcher.getByRole("link", { name: "English" })).toHaveAttribute("aria-current", "true");
  await expect(switcher.getByRole("link", { name: "Cymraeg" })).toHaveAttribute("lang", "cy");
  await switcher.getByRole("link", { name: "Cymraeg" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "cy");
  await hydrated(page);
  await expectWelshOnly(page, "home");
  // Another screen, opened without ?lang=, is Welsh: the choice is kept on the device.
  await page.goto("/new");
  await hydrated(page);
  await expectWelshOnly(page, "new workshop");
  await page.goto("/research");
  await hydrated(page);
  await expectWelshOnly(page, "research sign-in");
  await page.getByRole("navigation", { name: "Iaith" }).getByRole("link", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("right to left: the page mirrors, the spectrum still runs from 0 on the left to 100 on the right", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Right to left", "Site RTL");
  const code = await console.code();
  await console.startPlacing();
  // ar-XB: the tests' pseudo-language, English words laid out right to left.
  const context = await browser.newContext(TABLET);
  const tablet = await context.newPage();
  await tablet.goto(`/join?code=${code}&lang=ar-XB`);
  await expect(tablet.locator("html")).toHaveAttribute("dir", "rtl");
  await hydrated(tablet);
  await tablet.getByLabel("Pair name", { exact: true }).fill("Pair RTL");
  await tablet.getByRole("button", { name: "Join", exact: true }).click();
  await tablet.waitForURL(new RegExp(`/pair/${code}$`));
  const pair = new PairScreen(tablet);
  await expect(pair.status).toHaveText("Saved");
  await expect(tablet.locator("html")).toHaveAttribute("dir", "rtl");

  // The text runs right to left: the question heading starts at the right.
  const heading = (await tablet.locator("h1.question").boundingBox())!;
  const text = await tablet.locator("h1.question").evaluate((h) => getComputedStyle(h).direction);
  expect(text).toBe("rtl");
  expect(heading.width).toBeGreaterThan(0);
  // The spectrum keeps its direction: the 0 pole on the left, the 100 pole on the right, and
  // a post-it placed at 80 sits right of the middle; the arrow to the right raises it.
  const left = (await tablet.locator(".pole-left").boundingBox())!;
  const right = (await tablet.locator(".pole-right").boundingBox())!;
  expect(left.x).toBeLessThan(right.x);
  const aspect = "Supporting carers and family members";
  await pair.placeByKeyboard(aspect, 80);
  await expect.poll(() => pair.placedPosition(aspect)).toBe(80);
  const spectrum = (await pair.spectrum.boundingBox())!;
  const card = (await pair.spectrum.getByRole("button", { name: new RegExp(`^${aspect}`) }).boundingBox())!;
  expect(card.x + card.width / 2).toBeGreaterThan(spectrum.x + spectrum.width / 2);
  const axe = await new AxeBuilder({ page: tablet }).withTags(TAGS).analyze();
  expect(axe.violations.map((v) => v.id), "the right-to-left board").toEqual([]);
  // Never offered: the switch lists English and Cymraeg only.
  await expect(tablet.locator(".languages a")).toHaveText(["English", "Cymraeg"]);
});
