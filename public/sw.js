// Discretion Spectrum service worker: lets a pair's tablet reopen its board while the venue
// Wi-Fi is down. The board itself comes back from localStorage (last known state and queued
// changes, see app/src/live.rs); this worker only makes the page and its code load offline.
//
// - /pkg/* (content-hashed WebAssembly, JavaScript, CSS): cache first; a name never changes
//   content, so a cached copy is always right.
// - Pages a pair uses (/join, /pair/{code}): network first, the copy kept for when the network
//   is gone or too slow; an unknown /pair/ page falls back to the generic pair page, which
//   renders the same until the browser reads the device's pair.
// - Icons and the manifest: the cached copy at once, refreshed behind it.
// - Everything else (the API, the websocket, downloads, the console): not touched.
"use strict";

const CACHE = "ds-shell-v1";
const PAIR_SHELL = "/pair/_";
const NETWORK_WAIT_MS = 4000;
// Kept at install (small: what the pair's page itself links to) ...
const PRECACHE = ["/register-sw.js", "/favicon.svg"];
// ... and, like them, served from the cache first and refreshed behind it once fetched.
const STATIC = [...PRECACHE, "/manifest.webmanifest", "/icons/icon-192.png", "/icons/icon-512.png", "/icons/apple-touch-icon.png"];

// The /pkg/ files a page links to (modulepreload, preload, stylesheet, hydration script).
function pkgUrls(html) {
  return [...html.matchAll(/\/pkg\/[A-Za-z0-9._~-]+/g)].map((m) => m[0]);
}

async function cachePage(cache, url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!response.ok) return [];
  const html = await response.clone().text();
  await cache.put(url, response);
  return pkgUrls(html);
}

async function cacheMissing(cache, urls) {
  await Promise.all(
    [...new Set(urls)].map(async (url) => {
      if (await cache.match(url)) return;
      try {
        const response = await fetch(url);
        if (response.ok) await cache.put(url, response);
      } catch (_) {
        // Offline or gone: the next page load asks again.
      }
    }),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const pkg = [...(await cachePage(cache, "/join")), ...(await cachePage(cache, PAIR_SHELL))];
      await cacheMissing(cache, [...PRECACHE, ...pkg]);
      await self.skipWaiting();
    })(),
  );
});

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
      // /join is kept at install; a board's own address is kept here.
      if (typeof data.page === "string" && /^\/pair\/[^/?#]+$/.test(data.page)) {
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
    if (response.ok) await cache.put(path, response.clone());
    return response;
  });
  try {
    return await Promise.race([network, timeout(NETWORK_WAIT_MS)]);
  } catch (_) {
    const cached =
      (await cache.match(path)) ||
      (await cache.match(url.pathname, { ignoreSearch: true })) ||
      (url.pathname.startsWith("/pair/") ? await cache.match(PAIR_SHELL) : undefined);
    if (cached) return cached;
    // Nothing kept: wait for the network after all (it may just be slow).
    return network;
  }
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
