// The pages run under a strict Content-Security-Policy: scripts only from the server or with
// this response's nonce. A page that the policy broke would not hydrate; this test also
// listens for any violation the browser reports while a facilitator and a tablet work.
import { expect, test, type Page } from "@playwright/test";
import { NewWorkshopForm, PairScreen, TABLET } from "./pages";

/** Collects every Content-Security-Policy violation the page reports. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) seen.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  return seen;
}

test("every page carries a strict policy with its own nonce, and the app works under it", async ({ browser, page }) => {
  const violations = await watchViolations(page);
  for (const path of ["/", "/join", "/new", "/research"]) {
    const response = (await page.goto(path))!;
    const csp = (await response.allHeaders())["content-security-policy"];
    expect(csp, path).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // Every inline script of the page carries this response's nonce; no other nonce works.
    const html = await response.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length, path).toBeGreaterThan(0);
    for (const attributes of inline) expect(attributes, path).toContain(`nonce="${nonce}"`);
    expect((await response.allHeaders())["permissions-policy"], path).toContain("camera=()");
  }
  // The app under the policy: a console creates a workshop, a tablet joins and places.
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Under the policy", "Site 9");
  const code = await console.code();
  await console.startPlacing();
  const [tablet, pair] = await PairScreen.join(browser, code, "Pair P", TABLET);
  const tabletViolations = await watchViolations(pair.page);
  await pair.page.reload();
  await expect(pair.status).toHaveText("Saved");
  await pair.mouseDrag("Where people are seen", 40);
  await expect(pair.status).toHaveText("Saved");
  const placed = await pair.placedPosition("Where people are seen");
  expect(placed).toBeGreaterThan(35);
  expect(placed).toBeLessThan(45);
  expect(violations).toEqual([]);
  expect(tabletViolations).toEqual([]);
  await tablet.close();
});
