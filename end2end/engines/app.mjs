// The app as the engine tests see it: the server (the suite's, or one of a test's own that it
// can stop and restart), a proxy that can lose the connection, the data the facilitator
// downloads, and page objects for the screens (the same as end2end/tests/pages.ts, written
// against browsers.mjs's tabs).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { connect, createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { strFromU8, unzipSync } from "fflate";
import { freePort, tempDir, until } from "./browsers.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));

/** The suite's server (scripts/test.sh starts it). */
export const BASE = process.env.BASE_URL ?? "http://127.0.0.1:3000";
/** The release binary, for tests that run a server of their own. */
export const SERVER_BIN = process.env.DS_SERVER_BIN ?? resolve(HERE, "../../target/release/server");

// ---------------------------------------------------------------------------------------------
// The server and the network between it and the browsers.

/** A server of the test's own, with its own database, that it can stop and start again. */
export class OwnServer {
  static async start() {
    const [dir, remove] = tempDir("ds-engines-");
    const server = new OwnServer(dir, remove, await freePort());
    await server.start();
    return server;
  }

  constructor(dir, remove, port) {
    this.dir = dir;
    this.remove = remove;
    this.port = port;
    this.base = `http://127.0.0.1:${port}`;
    this.log = [];
  }

  async start() {
    const env = { ...process.env, DS_DATABASE: join(this.dir, "engines.sqlite3"), DS_ADMIN_KEY: "engines-admin-key" };
    delete env.LEPTOS_SITE_ROOT;
    this.process = spawn(SERVER_BIN, ["--addr", `127.0.0.1:${this.port}`], { cwd: this.dir, env, stdio: ["ignore", "pipe", "pipe"] });
    this.process.stdout.on("data", (d) => this.log.push(d.toString()));
    this.process.stderr.on("data", (d) => this.log.push(d.toString()));
    const exited = new Promise((r) => this.process.once("exit", r));
    this.exited = exited;
    await until(
      () => fetch(this.base + "/").then((r) => r.ok, () => false),
      `the server ${SERVER_BIN} to answer on ${this.base} (log: ${this.log.join("").slice(-500)})`,
      20_000,
    );
  }

  /** Stops the server (SIGTERM) and waits until it has gone. */
  async stop() {
    if (this.process && this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill("SIGTERM");
      await this.exited;
    }
  }

  async dispose() {
    await this.stop();
    this.remove();
  }
}

/**
 * Reads the text messages a browser sends on a websocket (client frames are always masked),
 * from the raw bytes after the upgrade request; calls `each(text)` for every whole message.
 */
function websocketReader(each) {
  let buffer = Buffer.alloc(0);
  let upgraded = false;
  let fragments = [];
  return (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (!upgraded) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      upgraded = true;
      buffer = buffer.subarray(end + 4);
    }
    for (;;) {
      if (buffer.length < 2) return;
      const fin = (buffer[0] & 0x80) !== 0;
      const opcode = buffer[0] & 0x0f;
      let length = buffer[1] & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (buffer.length < 4) return;
        length = buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (buffer.length < 10) return;
        length = Number(buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const masked = (buffer[1] & 0x80) !== 0;
      const start = offset + (masked ? 4 : 0);
      if (buffer.length < start + length) return;
      const payload = Buffer.from(buffer.subarray(start, start + length));
      if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= buffer[offset + (i % 4)];
      buffer = buffer.subarray(start + length);
      if (opcode === 1 || opcode === 0) {
        fragments.push(payload);
        if (fin) {
          each(Buffer.concat(fragments).toString("utf8"));
          fragments = [];
        }
      }
    }
  };
}

/**
 * A TCP proxy in front of a server: the browser talks to the proxy's origin. It can drop what
 * the server says on the open connections (`mute`: the server gets every request, the browser
 * no answer), cut them, and refuse new ones (the Wi-Fi is down). It records the messages
 * browsers send on websockets (`sent`: the connection's number and the message), so a test
 * can tell how often a change was sent.
 */
export class Proxy {
  static async start(targetPort) {
    const proxy = new Proxy(targetPort);
    await new Promise((r) => proxy.server.listen(0, "127.0.0.1", r));
    proxy.port = proxy.server.address().port;
    proxy.base = `http://127.0.0.1:${proxy.port}`;
    return proxy;
  }

  constructor(targetPort) {
    this.targetPort = targetPort;
    this.links = new Set();
    this.refusing = false;
    this.sent = [];
    let connections = 0;
    this.server = createServer((client) => {
      if (this.refusing) return client.destroy();
      const upstream = connect(this.targetPort, "127.0.0.1");
      const link = { client, upstream, muted: false };
      this.links.add(link);
      const number = ++connections;
      let read = null;
      client.on("data", (d) => {
        if (read === null) read = d.toString("latin1").startsWith("GET /ws ") ? websocketReader((text) => this.sent.push({ connection: number, message: JSON.parse(text) })) : false;
        if (read) read(d);
        upstream.write(d);
      });
      upstream.on("data", (d) => {
        if (!link.muted) client.write(d);
      });
      const end = () => {
        client.destroy();
        upstream.destroy();
        this.links.delete(link);
      };
      client.on("close", end);
      upstream.on("close", end);
      client.on("error", end);
      upstream.on("error", end);
    });
  }

  /** The connections on which a change (by its `change_id`) was sent, one entry per sending. */
  sendings(changeId) {
    return this.sent.filter((s) => s.message.change_id === changeId).map((s) => s.connection);
  }

  /** The changes of a kind (`place`, …) sent so far. */
  changes(type) {
    return this.sent.filter((s) => s.message.type === type).map((s) => s.message);
  }

  /** From now on, what the server sends on the open connections is lost. */
  mute() {
    for (const link of this.links) link.muted = true;
  }

  /** Drops every open connection (new ones are made as usual unless `refuse` is on). */
  cut() {
    for (const link of [...this.links]) {
      link.client.destroy();
      link.upstream.destroy();
    }
    this.links.clear();
  }

  /** The network goes away (connections are cut and new ones refused) or comes back. */
  offline(down) {
    this.refusing = down;
    if (down) this.cut();
  }

  async close() {
    this.cut();
    await new Promise((r) => this.server.close(r));
  }
}

// ---------------------------------------------------------------------------------------------
// The API and the facilitator's downloads.

export const ASPECTS = [
  "How many appointments a patient can have",
  "Where people are seen",
  "Supporting carers and family members",
];

/** Creates a workshop through the API; returns the reply (join code, secret, console path). */
export async function createWorkshop(base, title, settings = null) {
  const res = await fetch(base + "/api/workshops", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      title,
      site: "Engine tests",
      question: "How much discretion do link workers have?",
      left_pole: "Fixed / prescribed",
      right_pole: "Flexible / autonomous",
      aspects: ASPECTS,
      settings,
    }),
  });
  assert.equal(res.status, 201, `creating a workshop: ${await res.clone().text()}`);
  return res.json();
}

function csv(text) {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true });
}

/** The console's "Download placements (CSV)", as rows. */
export async function placements(base, secret) {
  const res = await fetch(`${base}/f/${secret}/placements.csv`);
  assert.equal(res.status, 200);
  return csv(await res.text());
}

/** The placed rows of the CSV as [pair, aspect, position]. */
export async function placedRows(base, secret) {
  return (await placements(base, secret)).filter((r) => r.status === "placed").map((r) => [r.pair_label, r.aspect_text, Number(r.position)]);
}

/** The research export's event log (`events.csv` in the console's "Download all (zip)"). */
export async function events(base, secret) {
  const res = await fetch(`${base}/f/${secret}/export.zip`);
  assert.equal(res.status, 200);
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  return csv(strFromU8(files["events.csv"]));
}

// ---------------------------------------------------------------------------------------------
// Screens.

/** Fills a form field (by its label) with the keyboard, as a person types. */
async function fill(tab, label, text) {
  await until(
    () =>
      tab.eval((label) => {
        const f = H.field(label);
        if (!f || !H.visible(f)) return false;
        f.focus();
        f.select?.();
        return document.activeElement === f;
      }, label),
    `the field "${label}"`,
  );
  await tab.type(text);
  await until(() => tab.eval((label) => H.field(label).value, label).then((v) => v === text), `"${label}" to read "${text}"`);
}

/** Clicks (or taps) a button by its name once it is there and enabled. */
async function clickButton(tab, name, exact = true) {
  const at = await until(
    () =>
      tab.eval(
        (name, exact) => {
          const b = H.button(name, exact);
          return b && !b.disabled && b.getAttribute("aria-disabled") !== "true" ? H.point(b) : null;
        },
        name,
        exact,
      ),
    `an enabled button "${name}"`,
  );
  await tab.click(at);
}

async function clickLink(tab, name) {
  const at = await until(() => tab.eval((name) => H.point(H.link(name)), name), `a link "${name}"`);
  await tab.click(at);
}

/** Waits until the page's address matches. */
async function waitForUrl(tab, pattern) {
  try {
    return await until(async () => pattern.test(await tab.url()) && (await tab.url()), `the address to match ${pattern}`);
  } catch (e) {
    const alerts = await tab.eval(() => [...document.querySelectorAll("[role=alert]")].map((a) => H.norm(a.textContent)).filter(Boolean));
    throw new Error(`${e.message}; the page is ${await tab.url()}, its alerts: ${JSON.stringify(alerts)}`);
  }
}

/** The text of the first element matching a selector (trimmed), or null. */
function textOf(tab, selector) {
  return tab.eval((s) => {
    const el = document.querySelector(s);
    return el ? H.norm(el.textContent) : null;
  }, selector);
}

/** Waits until the phase shown is this one (`data-phase`, e.g. "placing"). */
export async function expectPhase(tab, phase) {
  await until(() => tab.eval((p) => H.visible(document.querySelector(`[data-phase="${p}"]`)), phase), `phase "${phase}"`);
}

export class FacilitatorConsole {
  /** The new-workshop form, filled and sent as a facilitator does; returns the console. */
  static async create(tab, base, title, site) {
    await tab.goto(base + "/");
    await clickLink(tab, "New workshop");
    await fill(tab, "Title", title);
    await fill(tab, "Site", site);
    await clickButton(tab, "Create workshop");
    const url = await waitForUrl(tab, /\/f\/[0-9a-f]{32,}$/);
    const console = new FacilitatorConsole(tab, url.split("/f/")[1]);
    console.code = await until(
      () => tab.eval(() => H.norm(document.querySelector('[aria-label="Join code"]')?.textContent)).then((c) => /^[A-HJ-NP-Z2-9]{6}$/.test(c) && c),
      "the join code on the console",
    );
    return console;
  }

  /** The console of a workshop made through the API (`createWorkshop`), opened by its link. */
  static async open(tab, base, created) {
    await tab.goto(base + created.console_path);
    const console = new FacilitatorConsole(tab, created.facilitator_secret);
    console.code = await until(
      () => tab.eval(() => H.norm(document.querySelector('[aria-label="Join code"]')?.textContent)).then((c) => /^[A-HJ-NP-Z2-9]{6}$/.test(c) && c),
      "the join code on the console",
    );
    assert.equal(console.code, created.join_code);
    return console;
  }

  constructor(tab, secret) {
    this.tab = tab;
    this.secret = secret;
  }

  async projectorPath() {
    const href = await this.tab.eval(() => H.link("Projector view")?.getAttribute("href"));
    assert.match(href, /^\/p\/[0-9a-f-]{36}$/);
    return href;
  }

  async waitForPair(label) {
    await until(() => this.tab.eval((l) => [...document.querySelectorAll("li.pair-line")].some((li) => li.textContent.includes(l)), label), `"${label}" on the console`);
  }

  /** Sets the small-group privacy threshold by typing it, then Tab. */
  async setPrivacyThreshold(pairs) {
    await until(
      () =>
        this.tab.eval(() => {
          const f = H.field("Privacy threshold (pairs)", H.region("Settings"));
          if (!f) return false;
          f.focus();
          f.select();
          return document.activeElement === f;
        }),
      "the privacy threshold field",
    );
    await this.tab.type(String(pairs));
    await this.tab.press("Tab");
    await until(() => this.tab.eval(() => H.field("Privacy threshold (pairs)", H.region("Settings")).value).then((v) => v === String(pairs)), "the threshold to be set");
  }

  /** Switches the live wall on: the box turns once the server has the change. */
  async setLiveWall(on) {
    const label = "Live wall: everyone sees placements as they happen";
    const box = () => this.tab.eval((l) => H.field(l, H.region("Settings"))?.checked, label);
    if ((await box()) !== on) {
      await this.tab.click(await this.tab.eval((l) => H.point(H.field(l, H.region("Settings"))), label));
    }
    await until(async () => (await box()) === on, `the live wall to be ${on ? "on" : "off"}`);
  }

  async startPlacing() {
    await clickButton(this.tab, "Start placing");
    await until(() => this.tab.eval(() => H.visible(document.querySelector('.session-bar [data-phase="placing"]'))), "the console in the placing phase");
  }

  async reveal() {
    await clickButton(this.tab, "Reveal");
    await until(() => this.tab.eval(() => H.visible(document.querySelector('.session-bar [data-phase="reveal"]'))), "the console in the reveal phase");
  }
}

/**
 * Sends one facilitator control over the console's socket protocol, from a page of the app's
 * origin (any screen: the pair's tablet here, to keep the test to one device).
 */
export async function control(tab, secret, control) {
  const reply = await tab.eval(
    (secret, control) =>
      new Promise((resolve) => {
        const ws = new WebSocket(location.origin.replace(/^http/, "ws") + "/ws");
        const id = crypto.randomUUID();
        let sent = false;
        ws.onopen = () => ws.send(JSON.stringify({ type: "hello", auth: { as: "facilitator", secret }, last_seq: null }));
        ws.onmessage = (m) => {
          const msg = JSON.parse(m.data);
          if (!sent && (msg.type === "welcome" || msg.type === "snapshot")) {
            sent = true;
            ws.send(JSON.stringify({ type: "control", change_id: id, control }));
          }
          if (msg.change_id === id) {
            ws.close();
            resolve(msg.type);
          }
        };
      }),
    secret,
    control,
  );
  assert.equal(reply, "ack", `the control ${JSON.stringify(control)}`);
}

export class PairScreen {
  /** Joins through the join page as a pair does: code, pair name, Join; waits for "Saved". */
  static async join(tab, base, code, label) {
    await tab.goto(base + "/join");
    await fill(tab, "Join code", code.toLowerCase());
    await fill(tab, "Pair name", label);
    await clickButton(tab, "Join");
    await waitForUrl(tab, new RegExp(`/pair/${code}$`));
    const pair = new PairScreen(tab);
    await pair.waitForStatus("Saved");
    return pair;
  }

  constructor(tab) {
    this.tab = tab;
  }

  status() {
    return textOf(this.tab, ".sync-status");
  }

  async waitForStatus(expected) {
    const ok = (s) => (expected instanceof RegExp ? expected.test(s ?? "") : s === expected);
    await until(async () => ok(await this.status()), `the pair's status to read ${expected}`);
  }

  /** Puts the keyboard focus on a post-it (wherever it is), as Tab would. */
  async focus(aspect) {
    await until(
      () =>
        this.tab.eval((a) => {
          const b = H.button(a, false);
          b?.focus();
          return !!b && document.activeElement === b;
        }, aspect),
      `the post-it "${aspect}" to take the focus`,
    );
  }

  /** Presses keys one after another on the focused post-it. */
  async keys(...chords) {
    for (const chord of chords) await this.tab.press(chord);
  }

  /** The position (0–100) of a post-it on the spectrum, or null when it is not there. */
  placedPosition(aspect) {
    return this.tab.eval((a) => {
      const b = H.button(a, false, H.region("Spectrum"));
      return b ? Number(b.getAttribute("data-position")) : null;
    }, aspect);
  }

  async waitForPosition(aspect, position) {
    await until(async () => (await this.placedPosition(aspect)) === position, `"${aspect}" at ${position} on the pair's spectrum`);
  }

  /** Whether the post-it is in the tray. */
  inTray(aspect) {
    return this.tab.eval((a) => !!H.button(a, false, H.region("Post-its")), aspect);
  }

  /** The screen point of a position on the spectrum, vertically in its middle. */
  pointAt(position) {
    return this.tab.eval((p) => {
      const r = H.region("Spectrum").getBoundingClientRect();
      return { x: r.x + (r.width * p) / 100, y: r.y + r.height / 2 };
    }, position);
  }

  /** Drags a post-it to a position on the spectrum, or to "tray", by finger or mouse. */
  async drag(aspect, to, how) {
    const from = await this.tab.eval((a) => H.point(H.button(a, false)), aspect);
    assert.ok(from, `the post-it "${aspect}" is on the screen`);
    const target =
      to === "tray" ? await this.tab.eval(() => {
        const r = H.region("Post-its").getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }) : await this.pointAt(to);
    if (how === "touch") await this.tab.touchDrag(from, target);
    else await this.tab.mouseDrag(from, target);
  }

  /** The number of post-its on this pair's spectrum. */
  spectrumCount() {
    return this.tab.eval(() => H.region("Spectrum").querySelectorAll("button, [role=button]").length);
  }

  phaseNotice() {
    return textOf(this.tab, ".phase-notice");
  }
}

export class Projector {
  constructor(tab) {
    this.tab = tab;
  }

  /** One aspect's row: its dots' positions (sorted), its count line and its median. */
  row(aspect) {
    return this.tab.eval((aspect) => {
      const row = [...document.querySelectorAll(".aspect-row")].find((r) =>
        [...r.querySelectorAll("*")].some((el) => el.children.length === 0 && H.norm(el.textContent) === aspect),
      );
      if (!row) return null;
      return {
        dots: [...row.querySelectorAll(".dot")].map((d) => Number(d.getAttribute("data-position"))).sort((a, b) => a - b),
        count: H.norm(row.querySelector(".count")?.textContent),
        median: row.querySelector(".median") ? Number(row.querySelector(".median").getAttribute("data-value")) : null,
      };
    }, aspect);
  }

  async waitForRow(aspect, check, what) {
    let row;
    try {
      return await until(async () => {
        row = await this.row(aspect);
        return row && check(row) && row;
      }, `the projector's "${aspect}" row: ${what}`);
    } catch (e) {
      throw new Error(`${e.message}; the row: ${JSON.stringify(row)}`);
    }
  }
}
