// Discretion Spectrum service worker: lets a pair's tablet reopen its board while the venue
// Wi-Fi is down. The board itself comes back from localStorage (last known state and queued
// changes, see app/src/live.rs); this worker only makes the page and its code load offline.
//
// It never downloads the app a second time, and never competes with the page for the venue's
// Wi-Fi while a pair joins: installing fetches nothing. Once it controls the page, it keeps
// what passes through it; what the page loaded before that (the page is not controlled on its
// first load) the page reports after it is interactive, and the worker copies it from the
// browser's HTTP cache, where those immutable files already are.
//
// - /pkg/* (content-hashed WebAssembly, JavaScript, CSS): cache first; a name never changes
//   content, so a cached copy is always right.
// - Pages a pair uses (/join, /pair/{code}): network first, the copy kept for when the network
//   is gone or too slow; an unknown /pair/ page falls back to any kept board page, which
//   renders the same until the browser reads the device's pair (the board the server drew
//   for the pair is taken out of the kept copy: keptCopy).
// - Icons and the manifest: the cached copy at once, refreshed behind it.
// - Everything else (the API, the websocket, downloads, the console): not touched.
"use strict";

const CACHE = "ds-shell-v1";
const NETWORK_WAIT_MS = 4000;
// Served from the cache first and refreshed behind it, once fetched through the worker.
const STATIC = ["/favicon.svg", "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png", "/icons/apple-touch-icon.png"];

async function cachePage(cache, url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (response.ok) await cache.put(url, await keptCopy(url, response));
}

// The copy of a page kept here. A board's page drawn for its pair (the board's cookie) holds
// the pair's post-its between two marks (app/src/components/board/before_code.rs): they are
// taken out, so this cache holds no pair's data and every board page it keeps renders the same
// until the browser reads the pair from the device's storage.
async function keptCopy(path, response) {
  if (!path.startsWith("/pair/")) return response;
  const html = (await response.text()).replace(/<!--ds-drawn-->[\s\S]*?<!--\/ds-drawn-->/g, "");
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.delete("content-encoding");
  return new Response(html, { status: response.status, statusText: response.statusText, headers });
}

// Files the page loaded before the worker controlled it: from the HTTP cache (immutable,
// cached for a year), so nothing crosses the network again unless the browser dropped them.
async function cacheMissing(cache, urls) {
  await Promise.all(
    [...new Set(urls)].map(async (url) => {
      if (await cache.match(url)) return;
      try {
        const response = await fetch(url, { cache: "force-cache" });
        if (response.ok) await cache.put(url, response);
      } catch (_) {
        // Offline or gone: the next page load asks again.
      }
    }),
  );
}

// Nothing is fetched here: the page is still loading its own files on the same Wi-Fi.
self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

// A page lists what it loaded (its scripts, the WebAssembly and its chunks) and its own
// address, so a board reached without a full page load can be reopened offline too.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache-page") return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const urls = (data.urls || []).filter((u) => typeof u === "string" && u.startsWith("/pkg/"));
      await cacheMissing(cache, urls);
      // A board's own address (reached without a page load when joining) is kept here, once.
      if (typeof data.page === "string" && /^\/pair\/[^/?#]+$/.test(data.page) && !(await cache.match(data.page))) {
        try {
          await cachePage(cache, data.page);
        } catch (_) {
          // Offline now: the generic pair page still serves it.
        }
      }
    })(),
  );
});

function isPairPage(path) {
  return path === "/join" || path.startsWith("/join?") || /^\/pair\/[^/?#]+$/.test(path);
}

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("network too slow")), ms));
}

async function pageFromNetworkOrCache(request) {
  const url = new URL(request.url);
  const path = url.pathname + url.search;
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(path, await keptCopy(path, response.clone()));
    return response;
  });
  try {
    return await Promise.race([network, timeout(NETWORK_WAIT_MS)]);
  } catch (_) {
    const cached =
      (await cache.match(path)) ||
      (await cache.match(url.pathname, { ignoreSearch: true })) ||
      (url.pathname.startsWith("/pair/") ? await anyBoardPage(cache) : undefined);
    if (cached) return cached;
    // Nothing kept: wait for the network after all (it may just be slow).
    return network;
  }
}

// Any board page kept on this device: each renders the same until the browser reads the pair.
async function anyBoardPage(cache) {
  const board = (await cache.keys()).find((r) => /^\/pair\/[^/?#]+$/.test(new URL(r.url).pathname));
  return board ? cache.match(board) : undefined;
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function cachedThenRefreshed(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  const refreshed = fetch(request)
    .then(async (response) => {
      if (response.ok) await cache.put(request, response.clone());
      return response;
    })
    .catch(() => cached);
  return cached || refreshed;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/pkg/")) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate" && isPairPage(url.pathname + url.search)) {
    event.respondWith(pageFromNetworkOrCache(request));
  } else if (STATIC.includes(url.pathname)) {
    event.respondWith(cachedThenRefreshed(request));
  }
});
