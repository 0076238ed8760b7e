// Shared set-up for the browser tests: a static server on loopback for the built app (dist/, or
// the directory in NAGAOKA_DIST) and the fixtures, and Debian's Chromium driven by Playwright. Map
// tiles never reach the network: they are answered with a blank tile, as the app must work without them.
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join, normalize, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..", "..");
/** The build under test: dist/, unless NAGAOKA_DIST names another directory (a copy of a build). */
export const DIST = process.env.NAGAOKA_DIST ? resolve(process.env.NAGAOKA_DIST) : join(ROOT, "dist");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};
// A 1x1 transparent PNG.
const BLANK_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
export const TILE_HOSTS = /cyberjapandata\.gsi\.go\.jp|tile\.openstreetmap\.org/;

/** Serves the build (`DIST`) at `/` and `tests/fixtures/` at `/fixtures/` on 127.0.0.1, on a free port. */
export async function startServer({ headers = {} } = {}) {
  const mounts = [
    ["/fixtures/", join(ROOT, "tests", "fixtures")],
    ["/", DIST],
  ];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const [prefix, dir] = mounts.find(([p]) => path.startsWith(p));
    let rel = normalize(path.slice(prefix.length));
    if (rel.startsWith("..")) rel = "";
    if (rel === "" || rel === "." || rel.endsWith("/")) rel = join(rel, "index.html");
    try {
      const body = await readFile(join(dir, rel));
      res.writeHead(200, { "content-type": TYPES[extname(rel)] ?? "application/octet-stream", ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** The file's server and browser, set by `useServerAndBrowser` (live bindings for the importer). */
export let server, browser;

/**
 * Starts a server of the built app and a browser before a test file's tests, and closes both
 * after them; the file imports `server` and `browser` from here.
 */
export function useServerAndBrowser() {
  before(async () => {
    server = await startServer();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
}

/**
 * A new page with tiles stubbed, collecting console errors and uncaught exceptions. `hasTouch` and
 * `isMobile` make a touch screen (Playwright's context options of the same names).
 */
export async function openPage(
  browser,
  {
    locale = "en-US",
    viewport = { width: 1280, height: 800 },
    reducedMotion = "no-preference",
    serviceWorkers = "block",
    hasTouch = false,
    isMobile = false,
  } = {},
) {
  // Service workers are blocked unless a test is about them: requests a worker makes itself
  // would bypass the tests' page.route() stubs.
  const context = await browser.newContext({ locale, viewport, reducedMotion, serviceWorkers, hasTouch, isMobile });
  await context.route(TILE_HOSTS, (route) =>
    // With CORS, as both tile hosts answer (the service worker asks for tiles with CORS).
    route.fulfill({ status: 200, contentType: "image/png", headers: { "access-control-allow-origin": "*" }, body: BLANK_PNG }),
  );
  const page = await context.newPage();
  const errors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  return { context, page, errors, dialogs };
}

/** The places list and the markers inside the map region, found by role and name. */
export function regions(page, { list = "Places", map = "Map of Nagaoka" } = {}) {
  const listRegion = page.getByRole("list", { name: list });
  const mapRegion = page.getByRole("region", { name: map });
  return {
    list: listRegion,
    listItems: listRegion.getByRole("button"),
    map: mapRegion,
    markers: mapRegion.locator(".leaflet-marker-pane").getByRole("button"),
  };
}

/** How many places the map shows: single place markers, and the places inside cluster markers. */
export async function markerTally(markers) {
  const labels = await markers.evaluateAll((els) =>
    els.map((el) => [el.classList.contains("cluster-marker"), el.getAttribute("aria-label") ?? ""]),
  );
  let places = 0;
  let clustered = 0;
  for (const [isCluster, label] of labels) {
    if (isCluster) clustered += Number(label.match(/\d[\d,]*/)[0].replaceAll(",", ""));
    else places += 1;
  }
  return { places, clustered, total: places + clustered, clusters: labels.filter(([c]) => c).length };
}

/** Waits (up to `ms`) until the map accounts for `total` places; returns the last tally. */
export async function waitForTally(markers, total, ms = 10_000) {
  const end = Date.now() + ms;
  let tally = await markerTally(markers);
  while (tally.total !== total && Date.now() < end) {
    await new Promise((ok) => setTimeout(ok, 100));
    tally = await markerTally(markers);
  }
  return tally;
}

/** Waits `ms` milliseconds of real time. */
/**
 * Keeps the page's Leaflet map as `window.__testMap`, from before the app's script runs: Leaflet's
 * script ends with `window.L = …`, and at that moment an init hook on L.Map is added.
 */
export async function keepLeafletMap(page) {
  await page.addInitScript(() => {
    Object.defineProperty(window, "L", {
      configurable: true,
      get: () => undefined,
      set: (value) => {
        Object.defineProperty(window, "L", { value, writable: true, configurable: true, enumerable: true });
        value.Map.addInitHook(function () {
          window.__testMap = this;
        });
      },
    });
  });
}

export const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

/** Retries `check` (which throws while not yet true) until it passes or `ms` have gone by. */
export async function eventually(check, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
}

/** The shipped data file with only its places (its areas are not on the list or the markers). */
export function shippedPlaces() {
  const doc = JSON.parse(readFileSync(join(ROOT, "data", "nagaoka.geojson"), "utf8"));
  return { ...doc, features: doc.features.filter((f) => f.properties.kind !== "area") };
}

/**
 * Waits until the map has stopped moving: no zoom or pan animation, and the markers where they
 * are for `quietMs`. Markers are re-clustered when a move ends, so an audit of the map before that
 * sees the clusters of the old zoom at the new scale.
 */
export async function mapSettled(page, quietMs = 300, timeout = 15_000) {
  // Each call starts its own watch: a second call on the same page saw the first's quiet time.
  const call = `${Date.now()}-${Math.random()}`;
  await page.waitForFunction(
    ({ quiet, call }) => {
      const map = document.querySelector(".leaflet-container");
      if (!map) return false;
      // Leaflet marks a zoom animation on its map pane, inside the container.
      const busy = map.querySelector(".leaflet-zoom-anim, .leaflet-pan-anim") !== null;
      const where = [...document.querySelectorAll(".leaflet-marker-pane > *")].map((e) => e.style.transform).join("|");
      const now = performance.now();
      if (window.__mapSettled?.call !== call) window.__mapSettled = { call, where: null, since: now };
      const seen = window.__mapSettled;
      if (busy || where !== seen.where) {
        seen.where = where;
        seen.since = now;
        return false;
      }
      return now - seen.since >= quiet;
    },
    { quiet: quietMs, call },
    { timeout, polling: 50 },
  );
}

/** A date of the data in words, as the app writes it: 2026-11-05 -> "5 November 2026" /
 * 「2026年11月5日」, 2021-03 -> "March 2021" / 「2021年3月」, 2024 -> "2024" / 「2024年」. */
export function dateWords(iso, lang = "en") {
  const [y, m, d] = iso.split("-").map(Number);
  if (lang === "ja") return `${y}年` + (m ? `${m}月` : "") + (d ? `${d}日` : "");
  const month = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1];
  return [d, month, y].filter((part) => part !== undefined).join(" ");
}
