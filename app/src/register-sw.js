// Registers the service worker (sw.js) on the pairs' pages and tells it what the page loaded,
// so a pair's board can be reopened while the Wi-Fi is down. Inlined in every page with the
// response's nonce (site::REGISTER_SW), so it costs no request of its own.
"use strict";

// Only pairs need it: the facilitator's and researchers' screens are used online.
const pairPage = location.pathname === "/join" || location.pathname.startsWith("/pair/");
if ("serviceWorker" in navigator && pairPage) {
  const report = async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (!worker) return;
    const urls = performance
      .getEntriesByType("resource")
      .map((entry) => new URL(entry.name))
      .filter((url) => url.origin === location.origin && url.pathname.startsWith("/pkg/"))
      .map((url) => url.pathname);
    worker.postMessage({ type: "cache-page", page: location.pathname + location.search, urls });
  };
  navigator.serviceWorker.register("/sw.js").catch((e) => console.warn("service worker not registered", e));
  // After the page (and its WebAssembly) loaded, and again after in-app navigations, which
  // change the address without loading a page (joining opens the board this way): the worker
  // copies those files from the browser's HTTP cache, so nothing competes with the page.
  window.addEventListener("load", () => setTimeout(report, 1000));
  if ("navigation" in window) {
    navigation.addEventListener("navigatesuccess", () => setTimeout(report, 500));
  }
}
