import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium: Playwright cannot download its own browser on these machines, and the
// network is closed, so background networking must be off.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./tests/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  // One retry: these machines are shared and noisy, and a test that passes only on its retry
  // is listed as "flaky" in the output, where it is seen and fixed.
  retries: 1,
  reporter: [["list"]],
  use: {
    baseURL: process.env.BASE_URL ?? "http://127.0.0.1:3000",
    launchOptions: chromium,
    trace: "retain-on-failure",
  },
  projects: [
    { name: "chromium", testIgnore: /compare\.spec\.ts/, use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    // Signed-in "Start from an earlier workshop" (templates, accessibility) gives the newest
    // workshops their template ids, after which two workshops' aspects match only by those
    // ids, no longer by their words: the comparison of aspects matched by their words runs
    // after every other test, so no such listing can happen between its set-up and its checks.
    {
      name: "across-sites",
      testMatch: /compare\.spec\.ts/,
      dependencies: ["chromium"],
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
    },
  ],
});
