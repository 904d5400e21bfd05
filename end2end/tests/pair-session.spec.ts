// A pair's tablet through a session: phases, writing a post-it, the sheet (notes and "can't
// place"), and the room revealed behind the pair's own post-its.
import { expect, test, type Page } from "@playwright/test";
import { NewWorkshopForm, PairScreen, TABLET } from "./pages";

const ASPECT = "Supporting carers and family members";
const HOLDING = /^"Holding" patients/;

/** Sends one facilitator control over the console's own socket protocol, from the console page. */
async function control(console: Page, control: object): Promise<string> {
  const secret = console.url().split("/f/")[1];
  return console.evaluate(
    ([secret, control]) =>
      new Promise<string>((resolve) => {
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
    [secret, control] as const,
  );
}

test("a pair writes a post-it, keeps notes, can't place one, and sees the room once revealed", async ({ browser, page }) => {
  const form = new NewWorkshopForm(page);
  await form.open();
  const console = await form.create("Pair session", "Site 3");
  const code = await console.code();
  const [, pair] = await PairScreen.join(browser, code, "Pair S", TABLET);
  const [, other] = await PairScreen.join(browser, code, "Pair T");

  // Joining: nothing can be placed yet, and the board says why.
  await expect(pair.page.locator(".session-bar")).toContainText("Phase: Joining");
  await expect(pair.phaseNotice).toHaveText("Placing has not started yet: the facilitator will start it.");
  await pair.postIt(ASPECT).focus();
  await pair.page.keyboard.press("Space");
  await expect(pair.page.getByRole("alert")).toContainText("Placing has not started yet");
  expect(await control(page, { action: "set_phase", phase: "placing" })).toBe("ack");
  await expect(pair.phaseNotice).toHaveText("");

  // A post-it of the pair's own, in the tray at once, marked as theirs.
  await pair.addPostIt("Time for our own supervision");
  await expect(pair.postIt("Time for our own supervision")).toHaveAttribute("aria-label", /written by you/);
  await expect(pair.status).toHaveText("Saved");

  // A tap opens the sheet; notes are saved and shown again next time.
  await pair.openSheet("Time for our own supervision");
  await pair.fillSheet({ intended: "Less burnout", unintended: "Fewer patients seen" });
  await pair.save();
  await expect(pair.postIt("Time for our own supervision")).toBeFocused();
  await expect(pair.postIt("Time for our own supervision")).toHaveAttribute("aria-label", /— notes, written by you,/);
  await pair.openSheet("Time for our own supervision");
  await expect(pair.sheet.getByLabel("Intended outcome", { exact: true })).toHaveValue("Less burnout");
  // The sheet takes the focus as it opens (Escape then closes it, as on a keyboard).
  await expect(pair.sheet.getByLabel("Intended outcome", { exact: true })).toBeFocused();
  await pair.page.keyboard.press("Escape");
  await expect(pair.sheet).toBeHidden();
  await expect(pair.status).toHaveText("Saved");

  // Enter (not holding) opens the sheet too; "can't place" moves it to its own area.
  await pair.postIt('"Holding" patients').focus();
  await pair.page.keyboard.press("Enter");
  await pair.fillSheet({ intended: "", unintended: "", cantPlace: "Depends on the GP practice" });
  await pair.save();
  await expect(pair.cantPlace.getByRole("button", { name: HOLDING })).toBeVisible();
  await expect(pair.cantPlace).toContainText("Depends on the GP practice");
  await expect(pair.status).toHaveText("Saved");

  // Placing by keyboard still works: Space, arrows, Enter drops.
  await pair.postIt(ASPECT).focus();
  await pair.page.keyboard.press("Space");
  await pair.page.keyboard.press("Shift+ArrowRight");
  await pair.page.keyboard.press("Enter");
  await expect(pair.status).toHaveText("Saved");
  expect(await pair.placedPosition(ASPECT)).toBe(60);
  await other.postIt(ASPECT).focus();
  await other.page.keyboard.press("Space");
  await other.page.keyboard.press("Shift+ArrowLeft");
  await other.page.keyboard.press("Shift+ArrowLeft");
  await other.page.keyboard.press("Enter");
  await expect(other.status).toHaveText("Saved");

  // Reveal: placing pauses, the room shows behind the selected post-it.
  expect(await control(page, { action: "set_phase", phase: "reveal" })).toBe("ack");
  await expect(pair.phaseNotice).toHaveText("The facilitator has paused placing while the room discusses.");
  await pair.postIt(ASPECT).focus();
  await expect(pair.spectrum.locator(".room-dot")).toHaveAttribute("data-position", "30");
  await expect(pair.spectrum.locator(".room-median")).toHaveAttribute("data-position", "45");
  await pair.page.keyboard.press("Space");
  await expect(pair.page.getByRole("alert")).toContainText("paused placing");
  expect(await pair.placedPosition(ASPECT)).toBe(60);
  // Notes can still be written, but "can't place" waits for placing.
  await pair.page.keyboard.press("Enter");
  await expect(pair.sheet.getByLabel("Can't place / it depends", { exact: true })).toBeDisabled();
  await pair.fillSheet({ intended: "Carers feel heard", unintended: "Longer waits" });
  await pair.save();
  await expect(pair.status).toHaveText("Saved");

  // Second round: the first-round positions carry over, with a hint.
  expect(await control(page, { action: "set_phase", phase: "second_round" })).toBe("ack");
  await expect(pair.page.getByText("Second round: move your post-its if the discussion changed your mind.")).toBeVisible();
  await expect(pair.spectrum.getByRole("button", { name: new RegExp("^" + ASPECT) })).toHaveAttribute("data-position", "60");

  // Closed: read-only, with thanks.
  expect(await control(page, { action: "set_phase", phase: "closed" })).toBe("ack");
  await expect(pair.phaseNotice).toHaveText("The workshop is closed. Thank you!");
  await expect(pair.page.getByRole("button", { name: "Add a post-it" })).toHaveCount(0);
});
