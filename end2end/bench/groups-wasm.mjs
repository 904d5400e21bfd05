// How long the opinion groups of the biggest room take in the browser: the 300-pair × 8-aspect
// room of `app/examples/groups_bench.rs`, grouped by the same `opinion_groups` the projector
// runs, compiled as the app's WebAssembly is (profile `wasm-release`), timed in Debian's
// Chromium with `performance.now()`. Not a test (no test asserts a time); run it and read:
//
//   cargo build -p groups-wasm --target wasm32-unknown-unknown --profile wasm-release
//   cd end2end && node bench/groups-wasm.mjs ../target/wasm32-unknown-unknown/wasm-release/groups_wasm.wasm
//
// The module is the benchmark crate `bench/groups-wasm` with the app linked in; the app's own
// browser entry points come along and import wasm-bindgen's glue, which the timed function never
// calls, so every import is given a function that throws if it ever is.
import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";

const RUNS = 15;
const path = process.argv[2];
if (!path) {
  console.error("usage: node bench/groups-wasm.mjs PATH/groups_wasm.wasm");
  process.exit(2);
}
const bytes = [...readFileSync(path)];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
const page = await browser.newPage();
const results = await page.evaluate(
  async ({ bytes, runs }) => {
    const module = await WebAssembly.compile(new Uint8Array(bytes));
    const imports = {};
    for (const { module: from, name, kind } of WebAssembly.Module.imports(module)) {
      imports[from] ??= {};
      if (kind !== "function") throw new Error(`unexpected import ${from}.${name} (${kind})`);
      imports[from][name] = () => {
        throw new Error(`${from}.${name} called`);
      };
    }
    const { exports } = await WebAssembly.instantiate(module, imports);
    const rooms = [
      { name: "four camps", seed: 1, centres: 4 },
      { name: "uniform noise", seed: 2, centres: 1 },
    ];
    const out = [];
    for (const room of rooms) {
      const found = exports.groups_300x8(room.seed, room.centres);
      const times = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        exports.groups_300x8(room.seed, room.centres);
        times.push(performance.now() - start);
      }
      times.sort((a, b) => a - b);
      out.push({ ...room, found, median: times[Math.floor(runs / 2)], slowest: times[runs - 1] });
    }
    return out;
  },
  { bytes, runs: RUNS },
);
await browser.close();
console.log(`Chromium ${browser.version()}, ${RUNS} runs each, 300 pairs × 8 aspects (room drawing included)`);
for (const r of results) {
  const found = r.found ? `k = ${r.found}` : "no groups";
  console.log(`opinion_groups, ${r.name}: median ${r.median.toFixed(1)} ms, slowest ${r.slowest.toFixed(1)} ms (${found})`);
}
