// Service worker of the Nagaoka map: the app works offline after one visit.
// Built by scripts/build-sw.mjs, which fills in the precache list below.
const VERSION = "__VERSION__";
const PRECACHE = `nagaoka-map-${VERSION}`;
const DATA_CACHE = "nagaoka-map-data";
// "-2": the tiles kept before were opaque answers, failed ones among them; a new name lets the
// activation below delete them.
const TILE_CACHE = "nagaoka-map-tiles-2";
const PRECACHE_URLS = __PRECACHE__;
// Tiles already shown are kept for reuse, up to this many (the providers ask for moderate use).
const MAX_TILES = 400;
const TILE_HOSTS = ["cyberjapandata.gsi.go.jp", "tile.openstreetmap.org"];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(PRECACHE).then((cache) => cache.addAll(PRECACHE_URLS)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("nagaoka-map-") && k !== PRECACHE && k !== DATA_CACHE && k !== TILE_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function trimTiles(cache) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_TILES))) await cache.delete(key);
}

// Data files: the network first, so that a file the city has just published shows on the next
// reload; the last copy when the network fails, or when it has not answered within
// DATA_WAIT_MS (a fair's Wi-Fi that hangs), while the fetch goes on and refreshes the copy. The
// copy is the last one fetched through this worker or, before any (the first visit reads its
// data before the worker is installed), the one precached with the build.
const DATA_WAIT_MS = 4000;
// A response worth keeping as the copy: a success that is not a web page (a station's Wi-Fi
// answers every request with its login page, status 200; kept, it became the offline copy, and
// offline the app said the data file was not valid JSON).
// Nor one that a redirect brought from another origin: the app refuses it, and kept under this
// site's address it would have been served offline as this site's own.
const keepable = (response) =>
  response.ok && !/text\/html/i.test(response.headers.get("content-type") || "") && !(response.redirected && new URL(response.url).origin !== self.location.origin);
// The local time, "YYYY-MM-DD HH:MM", as the app writes its own dates.
const stamp = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")} ${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
// A response with one more header.
async function withHeader(response, name, value) {
  const headers = new Headers(response.headers);
  headers.set(name, value);
  return new Response(await response.blob(), { status: response.status, statusText: response.statusText, headers });
}
// Kept as the copy, with when it was saved (which the app shows when it has to use the copy),
// if it reads as a collection with its meta and features: a publish that broke (a file cut short, an export
// that wrote no feature) was kept, and offline the map showed its error instead of the last good
// data. The app checks every field of what it is given; this only keeps out what cannot be data.
async function keepCopy(cache, request, response) {
  const text = await response.text();
  try {
    const file = JSON.parse(text);
    const collection = file?.type === "FeatureCollection" && file.meta !== null && typeof file.meta === "object";
    if (!collection || !Array.isArray(file.features) || file.features.length === 0) return false;
  } catch {
    return false;
  }
  const headers = new Headers(response.headers);
  headers.set("x-nagaoka-saved-at", stamp(new Date()));
  await cache.put(request, new Response(text, { status: response.status, statusText: response.statusText, headers }));
  return true;
}
async function networkFirst(event) {
  const cache = await caches.open(DATA_CACHE);
  // Whether the page was given the copy because the network was slow: when the file lands after
  // all, the page is told, and reads it (the copy then is the file just fetched). A file the
  // city had just published showed only at the next reload, under "could not be fetched".
  let servedCopy = false;
  const tell = async () => (await self.clients.get(event.clientId))?.postMessage({ type: "nagaoka-map:data-fresh" });
  const fresh = fetch(event.request).then((response) => {
    if (keepable(response)) {
      const kept = keepCopy(cache, event.request, response.clone()).then((ok) => (ok && servedCopy ? tell() : undefined));
      event.waitUntil(kept.catch(() => undefined));
    }
    return response;
  });
  event.waitUntil(fresh.catch(() => undefined));
  // The copy says it is one (x-nagaoka-copy: when it was saved, empty for the build's own).
  const copy = async () => {
    const hit = (await cache.match(event.request)) || (await caches.match(event.request, { cacheName: PRECACHE }));
    return hit && withHeader(hit, "x-nagaoka-copy", hit.headers.get("x-nagaoka-saved-at") || "");
  };
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, DATA_WAIT_MS);
  });
  try {
    const first = await Promise.race([fresh, slow]);
    // A server error or a login page: the copy, if there is one, rather than an empty map.
    if (first && keepable(first)) return first;
    if (first) return (await copy()) || first;
    const saved = await copy();
    servedCopy = Boolean(saved);
    return saved || (await fresh);
  } catch (error) {
    return (await copy()) || Promise.reject(error);
  } finally {
    clearTimeout(timer);
  }
}

async function tile(event) {
  const cache = await caches.open(TILE_CACHE);
  const cached = await cache.match(event.request);
  if (cached) return cached;
  // Asked with CORS (both hosts answer with it), so that the answer's status can be read: a
  // failed tile (a 404, a provider's 429) kept as an opaque answer stayed blank for good. Where
  // the answer has no CORS (a cache in between that dropped it), the page's own request is sent,
  // and that tile is not kept.
  let response;
  try {
    response = await fetch(event.request.url, { mode: "cors", credentials: "omit" });
  } catch {
    return fetch(event.request);
  }
  // Kept in the background, and a failure to keep it (storage full) never fails the tile the
  // network gave.
  if (response.ok) {
    event.waitUntil(
      cache
        .put(event.request, response.clone())
        .then(() => trimTiles(cache))
        .catch(() => undefined),
    );
  }
  return response;
}

// The page itself: the network first (a new build shows at once), the cached copy when offline
// or when the network has not answered within PAGE_WAIT_MS: a connection that is up but answers
// nothing (a train between stations) kept a returning visitor on a white page for as long as it
// hung, with the whole app in the cache.
const PAGE_WAIT_MS = 4000;
async function page(event) {
  const cached = async () => {
    const cache = await caches.open(PRECACHE);
    return (await cache.match("./index.html")) || (await cache.match("./"));
  };
  const fresh = fetch(event.request);
  event.waitUntil(fresh.catch(() => undefined));
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, PAGE_WAIT_MS);
  });
  try {
    const first = await Promise.race([fresh, slow]);
    if (first) return first;
    return (await cached()) || (await fresh);
  } catch (error) {
    return (await cached()) || Promise.reject(error);
  } finally {
    clearTimeout(timer);
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (TILE_HOSTS.includes(url.hostname)) return event.respondWith(tile(event));
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") return event.respondWith(page(event));
  if (url.pathname.endsWith(".geojson")) return event.respondWith(networkFirst(event));
  event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
});
