// Two browser engines behind one small interface, so the flows in flows.mjs run unchanged on
// both:
//
// - Firefox ESR (Debian's firefox-esr), driven over WebDriver BiDi by puppeteer-core
//   (`browser: "firefox"`, no geckodriver), headless. Each profile is a BiDi user context
//   (its own storage); touch input is real touch.
// - WebKit (WebKitGTK, Debian's webkit2gtk-driver), driven by WebKitWebDriver over classic
//   WebDriver. It needs an X display (run under xvfb-run). Each profile is its own driver and
//   browser process (webkit-browser.py), whose console messages the driver's output carries.
//   WebDriver's touch pointer arrives as a mouse there, so a "touch" drag is a mouse drag.
//
// A profile is one device (a tablet, the facilitator's laptop, the projector); a tab is one
// of its pages. Everything a test reads from a page goes through `tab.eval`, with the helpers
// of `IN_PAGE` (accessible names, labels, regions) defined in the page.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Helpers defined in the page before every script: finding things as a user names them. */
const IN_PAGE = String.raw`
const H = {
  norm: (s) => (s || "").replace(/\s+/g, " ").trim(),
  visible(el) {
    if (!el || !el.isConnected) return false;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && style.display !== "none";
  },
  /** The accessible name, as far as this app's markup needs: aria-labelledby, aria-label, a
   * fieldset's legend, the text. */
  name(el) {
    const legend = el.tagName === "FIELDSET" && el.querySelector(":scope > legend");
    if (legend && !el.hasAttribute("aria-label")) return H.norm(legend.textContent);
    const ids = el.getAttribute("aria-labelledby");
    if (ids) return H.norm(ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent || "").join(" "));
    return H.norm(el.getAttribute("aria-label") || el.textContent);
  },
  /** Visible elements of a kind whose name is 'name' (or starts with it, unless exact). */
  named(selector, name, exact = true, root = document) {
    return [...root.querySelectorAll(selector)].filter(
      (el) => H.visible(el) && (exact ? H.name(el) === name : H.name(el).startsWith(name)),
    );
  },
  button(name, exact = true, root = document) {
    return H.named("button, [role=button]", name, exact, root)[0] || null;
  },
  link(name, root = document) {
    return H.named("a[href]", name, true, root)[0] || null;
  },
  /** A form field by its label's text (a <label> or aria-label). */
  field(label, root = document) {
    for (const l of root.querySelectorAll("label")) {
      const own = [...l.childNodes].filter((n) => !(n.nodeType === 1 && n.matches("input, select, textarea")));
      if (H.norm(own.map((n) => n.textContent).join(" ")) === label && l.control) return l.control;
    }
    return [...root.querySelectorAll("input, select, textarea")].find((el) => H.name(el) === label) || null;
  },
  /** A landmark or group by its name (role=region/group, section, fieldset). */
  region(name, root = document) {
    return H.named("[role=region], section[aria-label], section[aria-labelledby], [role=group], fieldset", name, true, root)[0] || null;
  },
  /** The middle of an element on screen, scrolled into view first (null if it is not there). */
  point(el) {
    if (!el) return null;
    el.scrollIntoView({ block: "center", inline: "center" });
    const r = el.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  },
};
`;

/** A script running `fn(...args)` in the page with `H` defined; for WebDriver's "execute". */
function body(fn, args) {
  return `${IN_PAGE}\nreturn (${fn.toString()})(...${JSON.stringify(args)});`;
}

/**
 * Polls `check` until it returns something truthy; fails with `what` and the last value seen.
 * The limit is generous: it only bounds a failing test (a busy 2-core CI machine compiling the
 * WebAssembly of a first page can take many seconds).
 */
export async function until(check, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  if (process.env.ENGINES_TRACE) console.error(`waiting for ${what}`); // ENGINES_TRACE=1: each wait
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs / 1000} s for ${what}; last saw: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Console lines that mean the page's code broke: a Rust panic in the WebAssembly (its message,
 * then the trap it ends in). A refused connection while offline is not one. */
const BROKEN = /panicked at|RuntimeError/;

/** The lines among a profile's console lines that mean the page broke. */
function crashes(lines) {
  return lines.filter((l) => BROKEN.test(l));
}

// ---------------------------------------------------------------------------------------------
// Firefox: puppeteer-core over WebDriver BiDi.

const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";

export async function launchFirefox() {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    // No updates, telemetry or first-run pages: the network is closed.
    extraPrefsFirefox: {
      "app.update.enabled": false,
      "browser.shell.checkDefaultBrowser": false,
      "datareporting.policy.dataSubmissionEnabled": false,
      "toolkit.telemetry.enabled": false,
    },
  });
  // Every profile's tabs share one window, and only the tab in front has the focus (without
  // it, focus, blur and change events wait): a tab is brought to the front before it is used.
  const front = { tab: null };
  return {
    name: "firefox",
    realTouch: true,
    version: await browser.version(),
    async profile({ width = 1280, height = 900, touch = false } = {}) {
      return new FirefoxProfile(await browser.createBrowserContext(), { width, height, touch }, front);
    },
    crashes,
    async close() {
      await browser.close();
    },
  };
}

class FirefoxProfile {
  constructor(context, viewport, front) {
    this.context = context;
    this.viewport = viewport;
    this.front = front;
    this.console = [];
  }

  async tab(url) {
    const page = await this.context.newPage();
    page.on("console", (m) => this.console.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (e) => this.console.push(`Uncaught ${e.message}`));
    await page.setViewport({ width: this.viewport.width, height: this.viewport.height });
    const tab = new FirefoxTab(page, this.viewport.touch, this.front);
    if (url) await tab.goto(url);
    return tab;
  }

  async close() {
    await this.context.close();
  }
}

const PUPPETEER_KEYS = { Space: " " };

class FirefoxTab {
  constructor(page, touch, front) {
    this.page = page;
    this.touch = touch;
    this.front = front;
  }
  /** Brings this tab to the front (the focus follows), unless it is there already. */
  async use() {
    if (this.front.tab !== this) {
      await this.page.bringToFront();
      this.front.tab = this;
    }
    return this.page;
  }
  async goto(url) {
    await (await this.use()).goto(url, { waitUntil: "load" });
  }
  url() {
    return this.page.url();
  }
  async reload() {
    await (await this.use()).reload({ waitUntil: "load" });
  }
  async eval(fn, ...args) {
    return (await this.use()).evaluate(`(async () => { ${body(fn, args)} })()`);
  }
  async click({ x, y }) {
    const page = await this.use();
    if (this.touch) await page.touchscreen.tap(x, y);
    else await page.mouse.click(x, y);
  }
  async mouseDrag(from, to, steps = 12) {
    const page = await this.use();
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps });
    await page.mouse.up();
  }
  /** A real finger drag: touch events and pointer events of type "touch". */
  async touchDrag(from, to, steps = 12) {
    const page = await this.use();
    const finger = await page.touchscreen.touchStart(from.x, from.y);
    for (let i = 1; i <= steps; i++) {
      await finger.move(from.x + ((to.x - from.x) * i) / steps, from.y + ((to.y - from.y) * i) / steps);
    }
    await finger.end();
  }
  /** One key, with modifiers: "Enter", "Space", "Shift+ArrowRight". */
  async press(chord) {
    const page = await this.use();
    const keys = chord.split("+").map((k) => PUPPETEER_KEYS[k] ?? k);
    const key = keys.pop();
    for (const m of keys) await page.keyboard.down(m);
    await page.keyboard.press(key);
    for (const m of keys.reverse()) await page.keyboard.up(m);
  }
  async type(text) {
    await (await this.use()).keyboard.type(text);
  }
  async close() {
    if (this.front.tab === this) this.front.tab = null;
    await this.page.close();
  }
}

// ---------------------------------------------------------------------------------------------
// WebKit: WebKitWebDriver over classic WebDriver, one driver and browser per profile.

const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? "/usr/bin/WebKitWebDriver";
const WEBKIT_BROWSER = join(HERE, "webkit-browser.py");
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export async function launchWebKit() {
  if (!process.env.DISPLAY) throw new Error("WebKit needs an X display: run the tests under xvfb-run");
  const profiles = [];
  return {
    name: "webkit",
    realTouch: false,
    version: "",
    async profile({ width = 1280, height = 900 } = {}) {
      const profile = await WebKitProfile.start({ width, height });
      profiles.push(profile);
      this.version ||= profile.version;
      return profile;
    },
    crashes,
    async close() {
      await Promise.all(profiles.map((p) => p.close()));
    },
  };
}

class WebKitProfile {
  static async start(viewport) {
    const port = await freePort();
    const [dataDir, removeData] = tempDir("ds-webkit-");
    const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`, "--host=127.0.0.1"], { stdio: ["ignore", "pipe", "pipe"] });
    const profile = new WebKitProfile(driver, `http://127.0.0.1:${port}`, viewport, removeData);
    await until(
      () => fetch(`${profile.base}/status`).then((r) => r.ok, () => false),
      `WebKitWebDriver on port ${port}`,
      10_000,
    );
    const created = await profile.send("POST", "/session", {
      capabilities: {
        alwaysMatch: {
          "webkitgtk:browserOptions": { binary: WEBKIT_BROWSER, args: ["--automation", `--data-dir=${dataDir}`] },
          timeouts: { script: 30_000, pageLoad: 30_000 },
        },
      },
    });
    profile.session = created.sessionId;
    profile.version = created.capabilities.browserVersion;
    profile.window = await profile.send("GET", `/session/${profile.session}/window`);
    await profile.send("POST", `/session/${profile.session}/window/rect`, viewport);
    return profile;
  }

  constructor(driver, base, viewport, removeData) {
    this.driver = driver;
    this.removeData = removeData;
    this.base = base;
    this.viewport = viewport;
    this.console = [];
    this.firstTab = true;
    // The browser's console messages come out on the driver's output ("…: CONSOLE ERROR …").
    let partial = "";
    const collect = (chunk) => {
      const lines = (partial + chunk.toString()).split("\n");
      partial = lines.pop();
      for (const line of lines) if (line.includes("CONSOLE")) this.console.push(line);
    };
    driver.stdout.on("data", collect);
    driver.stderr.on("data", collect);
  }

  async send(method, path, payload) {
    const res = await fetch(this.base + path, {
      method,
      headers: { "content-type": "application/json" },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${json.value?.error}: ${json.value?.message}`);
    return json.value;
  }

  /** Sends a command for a tab (switching to its window first). */
  async command(tab, method, path, payload) {
    if (this.window !== tab.handle) {
      await this.send("POST", `/session/${this.session}/window`, { handle: tab.handle });
      this.window = tab.handle;
    }
    return this.send(method, `/session/${this.session}${path}`, payload);
  }

  async tab(url) {
    let handle;
    if (this.firstTab) {
      this.firstTab = false;
      handle = this.window;
    } else {
      ({ handle } = await this.send("POST", `/session/${this.session}/window/new`, { type: "tab" }));
    }
    const tab = new WebKitTab(this, handle);
    if (url) await tab.goto(url);
    return tab;
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    if (this.session) await this.send("DELETE", `/session/${this.session}`).catch(() => {});
    const exited = new Promise((r) => (this.driver.exitCode !== null ? r() : this.driver.once("exit", r)));
    this.driver.kill();
    await exited;
    // The browser shares the driver's output: stop reading it, so nothing left over keeps
    // the test process alive.
    this.driver.stdout.destroy();
    this.driver.stderr.destroy();
    this.removeData();
  }
}

const WEBDRIVER_KEYS = {
  Shift: "\uE008",
  Control: "\uE009",
  Enter: "\uE007",
  Escape: "\uE00C",
  Space: "\uE00D",
  Tab: "\uE004",
  Backspace: "\uE003",
  Delete: "\uE017",
  ArrowLeft: "\uE012",
  ArrowUp: "\uE013",
  ArrowRight: "\uE014",
  ArrowDown: "\uE015",
};

class WebKitTab {
  constructor(profile, handle) {
    this.profile = profile;
    this.handle = handle;
  }
  cmd(method, path, payload) {
    return this.profile.command(this, method, path, payload);
  }
  async goto(url) {
    await this.cmd("POST", "/url", { url });
  }
  async url() {
    return this.cmd("GET", "/url");
  }
  async reload() {
    await this.cmd("POST", "/refresh", {});
  }
  async eval(fn, ...args) {
    const value = await this.cmd("POST", "/execute/sync", { script: body(fn, args), args: [] });
    if (value && typeof value === "object" && ELEMENT in value) throw new Error("eval returned an element");
    return value;
  }
  actions(sources) {
    return this.cmd("POST", "/actions", { actions: sources });
  }
  pointer(type, steps) {
    return { type: "pointer", id: `${type}1`, parameters: { pointerType: type }, actions: steps };
  }
  async click({ x, y }) {
    const at = { type: "pointerMove", origin: "viewport", x: Math.round(x), y: Math.round(y), duration: 0 };
    await this.actions([this.pointer("mouse", [at, { type: "pointerDown", button: 0 }, { type: "pointerUp", button: 0 }])]);
    await this.cmd("DELETE", "/actions");
  }
  async mouseDrag(from, to, steps = 12) {
    const moves = [];
    for (let i = 1; i <= steps; i++) {
      const x = Math.round(from.x + ((to.x - from.x) * i) / steps);
      const y = Math.round(from.y + ((to.y - from.y) * i) / steps);
      moves.push({ type: "pointerMove", origin: "viewport", x, y, duration: 16 });
    }
    await this.actions([
      this.pointer("mouse", [
        { type: "pointerMove", origin: "viewport", x: Math.round(from.x), y: Math.round(from.y), duration: 0 },
        { type: "pointerDown", button: 0 },
        ...moves,
        { type: "pointerUp", button: 0 },
      ]),
    ]);
    await this.cmd("DELETE", "/actions");
  }
  /** WebKitWebDriver turns a touch pointer into a mouse one: the same drag, by mouse. */
  touchDrag(from, to, steps) {
    return this.mouseDrag(from, to, steps);
  }
  async press(chord) {
    const keys = chord.split("+").map((k) => WEBDRIVER_KEYS[k] ?? k);
    const down = keys.map((value) => ({ type: "keyDown", value }));
    const up = keys.reverse().map((value) => ({ type: "keyUp", value }));
    await this.actions([{ type: "key", id: "keyboard", actions: [...down, ...up] }]);
  }
  async type(text) {
    const actions = [...text].flatMap((value) => [
      { type: "keyDown", value },
      { type: "keyUp", value },
    ]);
    await this.actions([{ type: "key", id: "keyboard", actions }]);
  }
  async close() {
    await this.cmd("DELETE", "/window");
    this.profile.window = null;
  }
}

/** A temporary folder, removed by the returned function. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return [dir, () => rmSync(dir, { recursive: true, force: true })];
}
