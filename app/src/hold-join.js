// The join page, with script but before the page's WebAssembly has made it ready: "Join"
// pressed then would post the plain form at once, leave the page and throw away the
// WebAssembly still arriving, which the board's page would then fetch again (≈ 200 KiB more
// on the venue's Wi-Fi, and the live board later). So the press waits, up to HOLD_MS, for the
// page to be ready (the form's `data-ready`, set once the page's code runs), then submits the
// form again for the page's own join, which opens the board without leaving the page. If the
// page is not ready by then (a very slow link, a browser that cannot run it), the plain form is
// posted after all. Without JavaScript none of this runs: the plain form posts at once.
// Inlined in every page with the response's nonce (site::HOLD_JOIN); it acts on /join only.
"use strict";

const HOLD_MS = 6000;
if (location.pathname === "/join") {
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || form.id !== "join-form" || form.hasAttribute("data-ready")) return;
      event.preventDefault();
      // Pressed again while waiting: still one join.
      if (form.hasAttribute("data-held")) return;
      form.setAttribute("data-held", "");
      const button = event.submitter;
      if (button) button.setAttribute("aria-busy", "true");
      const since = Date.now();
      const wait = () => {
        if (form.hasAttribute("data-ready")) {
          form.removeAttribute("data-held");
          if (button) button.removeAttribute("aria-busy");
          form.requestSubmit(button);
        } else if (Date.now() - since >= HOLD_MS) {
          HTMLFormElement.prototype.submit.call(form);
        } else {
          setTimeout(wait, 50);
        }
      };
      wait();
    },
    true,
  );
}
