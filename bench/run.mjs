// The bench: measures the built app (dist/) beside the plain-JavaScript reference page
// (bench/reference/) in Debian's Chromium, prints a table and writes bench/results/latest.json.
// With --soak it also measures the kiosk's memory over many visitors and idle resets.
// Started by ./scripts/bench, which builds the app and installs the bench's packages first.
//
//   node bench/run.mjs [--runs N] [--large-runs N] [--sizes real,10000,100000] [--skip-lighthouse]
//                      [--lighthouse-runs N] [--pages ours,reference] [--timeout SECONDS] [--max-minutes M]
//                      [--soak [N]] [--soak-every N] [--soak-only] [--soak-heap FILE] [--app-dir DIR]
//
// What each figure means and how it is measured: docs/performance.md.
import { chromium } from "playwright-core";
import { spawn, execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve as resolvePath } from "node:path";
import { brotliCompressSync, gzipSync, constants as zc } from "node:zlib";
import { ROOT, fileFor, setAppDir, startServer } from "./server.mjs";
import { dataPath, ensurePlaces } from "./gen-places.mjs";

const BENCH = join(ROOT, "bench");
const RESULTS = join(BENCH, "results");
const CHROME = process.env.CHROME_PATH || "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

// ---------------------------------------------------------------- options

function parseArgs(argv) {
  const o = {
    runs: 5,
    largeRuns: 3,
    sizes: ["real", "10000", "100000"],
    lighthouse: true,
    lighthouseRuns: 3,
    timeoutS: 60,
    maxMinutes: 40,
    pages: ["ours", "reference"],
    soak: 0,
    soakEvery: 50,
    soakOnly: false,
    soakHeap: null,
    appDir: null,
  };
  const need = (i) => {
    if (i + 1 >= argv.length) usage(`${argv[i]} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes("=") ? a.split(/=(.*)/s) : [a, null];
    const value = () => (inline !== null ? inline : need(i++));
    if (flag === "--runs") o.runs = int(value(), flag);
    else if (flag === "--large-runs") o.largeRuns = int(value(), flag);
    else if (flag === "--lighthouse-runs") o.lighthouseRuns = int(value(), flag);
    else if (flag === "--timeout") o.timeoutS = int(value(), flag);
    else if (flag === "--max-minutes") o.maxMinutes = int(value(), flag);
    else if (flag === "--sizes") o.sizes = value().split(",").map((s) => s.trim()).filter(Boolean);
    else if (flag === "--skip-lighthouse") o.lighthouse = false;
    else if (flag === "--pages") o.pages = value().split(",").map((s) => s.trim()).filter(Boolean);
    else if (flag === "--soak") {
      // The number is optional: `--soak` alone runs 200 cycles.
      if (inline !== null) o.soak = int(inline, flag);
      else if (/^[0-9]+$/.test(argv[i + 1] ?? "")) o.soak = int(argv[++i], flag);
      else o.soak = 200;
    } else if (flag === "--soak-every") o.soakEvery = int(value(), flag);
    else if (flag === "--soak-only") o.soakOnly = true;
    else if (flag === "--soak-heap") o.soakHeap = resolvePath(value());
    else if (flag === "--app-dir") o.appDir = resolvePath(value());
    else if (flag === "-h" || flag === "--help") usage();
    else usage(`unknown option ${a}`);
  }
  for (const s of o.sizes) {
    if (s !== "real" && !/^[1-9][0-9]*$/.test(s)) usage(`--sizes: "${s}" is neither "real" nor a number`);
    if (s !== "real" && Number(s) > 200000) usage(`--sizes: ${s} is more than the app reads (200,000)`);
  }
  if (o.soakOnly) {
    o.sizes = [];
    o.lighthouse = false;
    if (!o.soak) o.soak = 200;
  }
  return o;
}
function int(v, flag) {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) usage(`${flag} needs a whole number >= 1`);
  return n;
}
function usage(message) {
  if (message) console.error(`bench: ${message}`);
  console.error(
    "usage: ./scripts/bench [--runs N] [--large-runs N] [--sizes real,10000,100000] [--skip-lighthouse]\n" +
      "                       [--lighthouse-runs N] [--pages ours,reference] [--timeout SECONDS] [--max-minutes M]\n" +
      "                       [--soak [N]] [--soak-every N] [--soak-only] [--soak-heap FILE] [--app-dir DIR]\n" +
      "  --runs N            runs per page at each size below 100,000 places (default 5)\n" +
      "  --large-runs N      runs per page at 100,000 places or more (default 3)\n" +
      "  --lighthouse-runs N Lighthouse runs per page, the median performance score counts (default 3)\n" +
      "  --pages LIST        which pages to measure: ours (the app), reference (default both)\n" +
      "  --timeout S         limit for one page load, in seconds (default 60)\n" +
      "  --max-minutes M     the whole bench stops after M minutes (default 40)\n" +
      "  --soak [N]          also run the kiosk soak: N visitor and idle-reset cycles (default 200)\n" +
      "  --soak-every N      measure memory every N cycles of the soak (default 50)\n" +
      "  --soak-only         only the kiosk soak (200 cycles unless --soak N); the other figures of\n" +
      "                      bench/results/latest.json are kept\n" +
      "  --soak-heap FILE    after the soak, write a V8 heap snapshot to FILE (open it in DevTools'\n" +
      "                      Memory panel to see what holds on to what)\n" +
      "  --app-dir DIR       measure the build in DIR instead of dist/",
  );
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));
const LOAD_TIMEOUT_MS = opts.timeoutS * 1000;
const KEY_TIMEOUT_MS = 20_000; // one keystroke or filter click
const INTERACTION_BUDGET_MS = 120_000; // all keystrokes and clicks of one run
const QUIET_MS = 300; // the DOM must stay unchanged this long after an input
// CDP Network.emulateNetworkConditions values of Lighthouse's mobile profile (150 ms, 1.6 Mbps).
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (1.6 * 1024 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;
const VIEWPORT = { width: 412, height: 823 }; // Lighthouse's mobile screen (Moto G Power)
const TILE_HOSTS = /cyberjapandata\.gsi\.go\.jp|tile\.openstreetmap\.org/;
const isNum = (x) => typeof x === "number" && Number.isFinite(x);
const BLANK_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);
const IN_PAGE = readFileSync(join(BENCH, "in-page.js"), "utf8");

const log = (...a) => console.error("[bench]", ...a);
const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

class Timeout extends Error {}
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, fail) => {
      timer = setTimeout(() => fail(new Timeout(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- the pages

/** Where each size's data lives, as a same-origin path, and the query typed into the search box. */
function dataset(size) {
  if (size === "real") return { label: "real data", path: "/data/nagaoka.geojson", query: "station" };
  return { label: `${Number(size).toLocaleString("en-US")} places`, path: `/bench-data/synthetic-${size}.geojson`, query: "sakura" };
}

const PAGES = [
  {
    id: "ours",
    label: "app (Rust/wasm)",
    // The real data is the app's default file; other files come with ?data=.
    url: (size) => (size === "real" ? "/?lang=en" : `/?lang=en&data=${encodeURIComponent(dataset(size).path)}`),
  },
  {
    id: "reference",
    label: "reference (plain JS)",
    url: (size) => `/reference/?lang=en&data=${encodeURIComponent(dataset(size).path)}`,
  },
];

// The same locators for both pages: the list by role and name, its items are buttons.
const placeList = (page) => page.getByRole("list", { name: "Places" });
const searchBox = (page) => page.getByRole("searchbox").or(page.getByRole("textbox", { name: /Search/i })).first();
// The first list item's place name: its first child element that names it, else its text.
const nameOfItem = (button) => {
  const part = button.querySelector("[class*=name]") || button;
  return part.textContent.replace(/\s+/g, " ").trim();
};

// ---------------------------------------------------------------- one run

let browser;
async function launchBrowser() {
  browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS, timeout: 60_000 });
}

async function closeContext(context) {
  try {
    await withTimeout(context.close(), 15_000, "closing the page");
  } catch {
    log("the page did not close; restarting the browser");
    try {
      await withTimeout(browser.close(), 15_000, "closing the browser");
    } catch {
      try {
        browser.process?.()?.kill("SIGKILL");
      } catch {}
    }
    await launchBrowser();
  }
}

/**
 * One load of one page in a fresh context (no cache) with the CPU slowed 4x and a mobile network:
 * load timings, memory, then keystrokes and filter clicks. `collectBytes` also lists what the page
 * requested up to the moment it answered input.
 */
async function measureRun(pageDef, size, { collectBytes, server }) {
  const url = server.url + pageDef.url(size);
  const result = { status: "ok" };
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1.75,
    isMobile: true,
    locale: "en-US",
  });
  try {
    await context.route(TILE_HOSTS, (route) => route.fulfill({ status: 200, contentType: "image/png", body: BLANK_PNG }));
    await context.addInitScript(IN_PAGE);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e).slice(0, 300)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text().slice(0, 300));
    });
    const requests = [];
    let recording = true;
    page.on("request", (r) => {
      if (recording) requests.push(r);
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", NETWORK);
    await cdp.send("Performance.enable");

    // --- load: first marker, and the first list item answering a click
    const started = Date.now();
    const left = () => Math.max(1, LOAD_TIMEOUT_MS - (Date.now() - started));
    try {
      await page.goto(url, { waitUntil: "commit", timeout: left() });
      const item = placeList(page).getByRole("button").first();
      await item.waitFor({ state: "visible", timeout: left() });
      const name = await item.evaluate(nameOfItem, null, { timeout: left() });
      await withTimeout(page.evaluate((n) => window.__bench.watchRegion(n), name), left(), "watching for the details");
      await item.click({ timeout: left() });
      await page.getByRole("region", { name, exact: true }).waitFor({ timeout: left() });
      await page.waitForFunction(() => window.__bench.regionAt !== null, null, { timeout: left(), polling: 50 });
      await page.waitForFunction(() => window.__bench.firstMarkerAt !== null, null, { timeout: left(), polling: 50 });
      result.firstItem = name;
    } catch (e) {
      result.status = "timeout";
      result.waited = Date.now() - started;
      result.error = String(e.message || e).split("\n")[0];
    }
    recording = false;
    try {
      Object.assign(result, await withTimeout(page.evaluate(() => window.__bench.timings()), 10_000, "timings"));
    } catch {
      // The page is still busy: when the data file arrived is known from the network all the same.
      result.dataEnd = networkDataEnd(requests);
    }
    if (result.status !== "ok") {
      result.errors = errors;
      if (collectBytes) result.requests = await describeRequests(requests);
      return result;
    }

    result.phases = { load: Date.now() - started };
    // --- memory after load
    const memoryStarted = Date.now();
    try {
      await withTimeout(cdp.send("HeapProfiler.collectGarbage"), 30_000, "garbage collection");
      const heap = await withTimeout(cdp.send("Runtime.getHeapUsage"), 10_000, "heap usage");
      const { metrics } = await withTimeout(cdp.send("Performance.getMetrics"), 10_000, "metrics");
      const metric = (n) => metrics.find((m) => m.name === n)?.value ?? null;
      result.jsHeap = heap.usedSize;
      result.wasmMemory = await withTimeout(page.evaluate(() => window.__bench.wasmBytes()), 10_000, "wasm memory");
      result.domNodes = metric("Nodes");
      result.taskSeconds = metric("TaskDuration");
      result.scriptSeconds = metric("ScriptDuration");
    } catch (e) {
      result.memoryError = String(e.message || e).split("\n")[0];
    }

    result.phases.memory = Date.now() - memoryStarted;
    // --- keystrokes in the search box, then the kind filter
    const interactionStarted = Date.now();
    const interactionEnd = Date.now() + INTERACTION_BUDGET_MS;
    try {
      // Let the selection's pan/zoom and re-clustering finish first.
      await withTimeout(page.evaluate(() => window.__bench.quiet(500, 10_000)), 15_000, "waiting for quiet");
      result.search = await measureTyping(page, dataset(size).query, interactionEnd);
      result.filter = await measureFilter(page, interactionEnd);
    } catch (e) {
      result.interactionError = String(e.message || e).split("\n")[0];
    }
    result.phases.interaction = Date.now() - interactionStarted;
    result.errors = errors;
    if (collectBytes) result.requests = await describeRequests(requests);
    return result;
  } finally {
    await closeContext(context);
  }
}

/** When the data file had arrived, from the browser's network events (ms after the page's request). */
function networkDataEnd(requests) {
  const doc = requests.find((r) => r.resourceType() === "document");
  const data = requests.find((r) => /\.geojson(\?|$)/.test(new URL(r.url()).pathname));
  if (!doc || !data) return null;
  const t = data.timing();
  if (!(t.responseEnd > 0)) return null;
  return t.startTime + t.responseEnd - doc.timing().startTime;
}

/** One input: arm the in-page watcher, act, wait until the DOM is quiet again. */
async function timeInput(page, act, deadline) {
  const remaining = Math.min(KEY_TIMEOUT_MS, deadline - Date.now());
  if (remaining <= 0) return { status: "timeout" };
  await withTimeout(page.evaluate(() => window.__bench.arm()), remaining, "arming");
  await act(remaining);
  return withTimeout(
    page.evaluate(([q, t]) => window.__bench.settled(q, t), [QUIET_MS, remaining]),
    remaining + 5_000,
    "waiting for the page to settle",
  );
}

async function measureTyping(page, query, deadline) {
  const box = searchBox(page);
  if ((await box.count()) === 0) return { status: "n/a (no search box)" };
  await box.click({ timeout: KEY_TIMEOUT_MS });
  await box.fill("", { timeout: KEY_TIMEOUT_MS });
  const keys = [...query, ...[...query].map(() => "Backspace")];
  const samples = [];
  for (const key of keys) {
    const r = await timeInput(page, () => page.keyboard.press(key), deadline);
    samples.push({ key, ...r });
    if (r.status !== "ok") return { status: r.status, samples };
  }
  return { status: "ok", query, samples };
}

async function measureFilter(page, deadline) {
  const office = page.getByRole("checkbox", { name: /^Office/i });
  const box = (await office.count()) > 0 ? office.first() : page.getByRole("checkbox").first();
  if ((await box.count()) === 0) return { status: "n/a (no kind filter)" };
  const label = (
    await box.evaluate((el) => el.labels?.[0]?.textContent || el.getAttribute("aria-label") || "", null, { timeout: KEY_TIMEOUT_MS })
  ).trim();
  const samples = [];
  for (const action of ["off", "on"]) {
    const r = await timeInput(page, (t) => box.click({ timeout: t }), deadline);
    samples.push({ action, ...r });
    if (r.status !== "ok") return { status: r.status, label, samples };
  }
  return { status: "ok", label, samples };
}

// ---------------------------------------------------------------- bytes

function category(pathname) {
  if (pathname.includes("/vendor/")) return "Leaflet";
  if (pathname.endsWith(".wasm")) return "wasm";
  if (/\.m?js$/.test(pathname)) return "JS";
  if (pathname.endsWith(".css")) return "CSS";
  if (pathname.endsWith("/") || pathname.endsWith(".html")) return "HTML";
  if (/\.(geo)?json$/.test(pathname)) return "data";
  return "other";
}

// Compressed sizes, kept on disk by the content's SHA-256: brotli at quality 11 takes about a
// minute for the 25 MB file of 100,000 places.
const SIZE_CACHE_PATH = join(RESULTS, "compressed-sizes.json");
let sizeCache = null;
function sizesOf(path) {
  if (sizeCache === null) {
    try {
      sizeCache = JSON.parse(readFileSync(SIZE_CACHE_PATH, "utf8"));
    } catch {
      sizeCache = {};
    }
  }
  const body = readFileSync(path);
  const key = createHash("sha256").update(body).digest("hex");
  if (sizeCache[key]) return sizeCache[key];
  const out = {
    raw: body.length,
    gzip: gzipSync(body, { level: zc.Z_BEST_COMPRESSION }).length,
    brotli: brotliCompressSync(body, {
      params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
  sizeCache[key] = out;
  try {
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(SIZE_CACHE_PATH, JSON.stringify(sizeCache, null, 1) + "\n");
  } catch {}
  return out;
}

/** The requests of the first load (tiles excluded), with their files' sizes raw, gzip and brotli. */
async function describeRequests(requests) {
  const seen = new Set();
  const files = [];
  for (const r of requests) {
    const u = new URL(r.url());
    if (TILE_HOSTS.test(u.hostname) || u.protocol === "data:") continue;
    if (u.hostname !== "127.0.0.1" || seen.has(u.pathname)) continue;
    seen.add(u.pathname);
    const path = fileFor(decodeURIComponent(u.pathname));
    let sizes = { raw: null, gzip: null, brotli: null };
    try {
      if (path) sizes = sizesOf(path);
    } catch {}
    let transferred = null;
    try {
      const s = await withTimeout(r.sizes(), 5_000, "request sizes");
      transferred = s.responseBodySize + s.responseHeadersSize;
    } catch {}
    files.push({ path: u.pathname, type: r.resourceType(), category: category(u.pathname), ...sizes, transferred });
  }
  return files;
}

function byteTotals(files) {
  const totals = {};
  for (const f of files || []) {
    for (const key of [f.category, "total"]) {
      const t = (totals[key] ??= { raw: 0, gzip: 0, brotli: 0, transferred: 0, files: 0 });
      t.raw += f.raw ?? 0;
      t.gzip += f.gzip ?? 0;
      t.brotli += f.brotli ?? 0;
      t.transferred += f.transferred ?? 0;
      t.files += 1;
    }
  }
  return totals;
}

// ---------------------------------------------------------------- Lighthouse

let lighthouseChild = null;
process.on("exit", () => {
  if (lighthouseChild) {
    try {
      process.kill(-lighthouseChild.pid, "SIGKILL");
    } catch {}
  }
});

function lighthouse(url, outPath) {
  const cli = join(BENCH, "node_modules", "lighthouse", "cli", "index.js");
  const args = [
    cli,
    url,
    "--output=json",
    `--output-path=${outPath}`,
    "--quiet",
    "--only-categories=performance,accessibility,best-practices,seo",
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run",
    "--blocked-url-patterns=*cyberjapandata.gsi.go.jp*",
    "--blocked-url-patterns=*tile.openstreetmap.org*",
    "--max-wait-for-load=60000",
  ];
  return new Promise((resolve) => {
    // Its own process group, so that a stuck run can be ended with the Chromium it started.
    const child = spawn(process.execPath, args, {
      env: { ...process.env, CHROME_PATH: CHROME },
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
    });
    lighthouseChild = child;
    let stderr = "";
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-2000)));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, 240_000);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      lighthouseChild = null;
      if (code !== 0) return resolve({ status: signal ? "timeout" : `failed (${code})`, stderr: stderr.trim() });
      try {
        const lhr = JSON.parse(readFileSync(outPath, "utf8"));
        const scores = {};
        const failing = {};
        for (const [id, cat] of Object.entries(lhr.categories)) {
          scores[id] = cat.score === null ? null : Math.round(cat.score * 100);
          failing[id] = cat.auditRefs
            .filter((ref) => ref.weight > 0)
            .map((ref) => lhr.audits[ref.id])
            .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative")
            .map((a) => ({ id: a.id, score: a.score, title: a.title, value: a.displayValue ?? null }));
        }
        const metric = (id) => lhr.audits[id]?.numericValue ?? null;
        resolve({
          status: "ok",
          scores,
          failing,
          metrics: {
            fcp: metric("first-contentful-paint"),
            lcp: metric("largest-contentful-paint"),
            tbt: metric("total-blocking-time"),
            cls: metric("cumulative-layout-shift"),
            si: metric("speed-index"),
          },
          runWarnings: lhr.runWarnings,
        });
      } catch (e) {
        resolve({ status: `unreadable report (${e.message})` });
      }
    });
  });
}

// ---------------------------------------------------------------- kiosk soak

// A day at a fair: visitor after visitor uses the kiosk and walks away, and the kiosk resets itself.
// Memory must stay flat over the resets. The idle time runs on Playwright's controlled clock, so a
// reset takes milliseconds instead of 90 s.
const SOAK_IDLE_S = 10; // the shortest idle time the app accepts (`?idle=10` to 3600)
const SOAK_PATH = `/?mode=kiosk&idle=${SOAK_IDLE_S}`;
const SOAK_VIEWPORT = { width: 1920, height: 1080 }; // a landscape touch screen
const SOAK_STEP_MS = 20_000; // one tap, or the reset, and what it shows
// The kind filters the visitors switch off, one per visitor in turn, by their names in both languages.
const SOAK_KINDS = [
  { en: "Office", ja: "オフィス" },
  { en: "University", ja: "大学" },
  { en: "Station", ja: "駅" },
  { en: "Public facility", ja: "公共施設" },
  { en: "Coworking space", ja: "コワーキングスペース" },
];
const SOAK_TEXT = {
  en: { start: "Start in English", list: "Places", star: "Add to shortlist", close: "Close", shortlist: /^Shortlist \(1\)$/, switchTo: "日本語" },
  ja: { start: "日本語ではじめる", list: "場所の一覧", star: "候補に追加", close: "閉じる", shortlist: /^候補リスト \(1\)$/, switchTo: "English" },
};
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * One visitor, by touch: leaves the welcome view in a language, switches a kind filter off, opens a
 * place from the list, stars it, closes it and opens it again from the shortlist (with its QR
 * code), switches the language, and walks away until the idle reset has brought the welcome view back.
 */
async function soakVisitor(page, n) {
  const lang = n % 2 === 0 ? "en" : "ja";
  const other = lang === "en" ? "ja" : "en";
  const T = SOAK_TEXT[lang];
  const step = { timeout: SOAK_STEP_MS };
  const welcome = page.getByRole("dialog", { name: /Work, study and live in Nagaoka/ });
  await welcome.getByRole("button", { name: T.start, exact: true }).tap(step);
  await welcome.waitFor({ state: "detached", ...step });

  const kind = SOAK_KINDS[n % SOAK_KINDS.length][lang];
  await page.getByRole("checkbox", { name: new RegExp(`^${escapeRe(kind)}`) }).tap(step);
  await page.getByRole("checkbox", { name: new RegExp(`^${escapeRe(kind)}`), checked: false }).waitFor(step);

  const items = page.getByRole("list", { name: T.list }).getByRole("button");
  await items.first().waitFor(step);
  const item = items.nth((n * 7) % (await items.count()));
  const name = await item.evaluate(nameOfItem, null, step);
  await item.tap(step);
  const details = page.getByRole("region", { name, exact: true });
  await details.waitFor(step);
  await details.getByRole("button", { name: T.star }).tap(step);
  await details.getByRole("button", { name: T.star, pressed: true }).waitFor(step);

  const shortlist = page.getByRole("region", { name: T.shortlist });
  await shortlist.getByRole("img").waitFor(step);
  await details.getByRole("button", { name: T.close, exact: true }).tap(step);
  await details.waitFor({ state: "detached", ...step });
  await shortlist.getByRole("button", { name, exact: true }).tap(step);
  await details.waitFor(step);

  await page.getByRole("button", { name: T.switchTo, exact: true }).tap(step);
  await page.getByRole("region", { name: SOAK_TEXT[other].shortlist }).getByRole("img").waitFor(step);

  await page.clock.runFor((SOAK_IDLE_S + 1) * 1000);
  await welcome.waitFor(step);
  await page.getByRole("region", { name: /^(Shortlist|候補リスト)/ }).waitFor({ state: "detached", ...step });
  const url = page.url();
  if (/[?&](shortlist|place|kinds)=/.test(url)) throw new Error(`after the reset the address still holds the visitor's choices: ${url}`);
}

/** Memory and object counts after two forced garbage collections. */
async function soakSample(page, cdp, cycle, startedAt) {
  await withTimeout(page.evaluate(() => window.__bench.quiet(300, 5_000)), 15_000, "waiting for quiet");
  // The second collection also takes what the finalizers of the first one released (wasm-bindgen
  // frees Rust objects from a FinalizationRegistry).
  for (let k = 0; k < 2; k++) {
    await withTimeout(cdp.send("HeapProfiler.collectGarbage"), 30_000, "garbage collection");
    await sleep(200);
  }
  const heap = await withTimeout(cdp.send("Runtime.getHeapUsage"), 10_000, "heap usage");
  const { metrics } = await withTimeout(cdp.send("Performance.getMetrics"), 10_000, "metrics");
  const metric = (n) => metrics.find((m) => m.name === n)?.value ?? null;
  const inPage = await withTimeout(
    page.evaluate(() => ({
      wasmMemory: window.__bench.wasmBytes(),
      elements: document.getElementsByTagName("*").length,
      leafletLayers: window.__bench.leafletLayers(),
    })),
    10_000,
    "in-page counts",
  );
  return {
    cycle,
    seconds: Math.round((Date.now() - startedAt) / 1000),
    jsHeap: heap.usedSize,
    blinkHeap: isNum(heap.embedderHeapUsedSize) ? heap.embedderHeapUsedSize : null,
    wasmMemory: inPage.wasmMemory,
    domNodes: metric("Nodes"),
    elements: inPage.elements,
    listeners: metric("JSEventListeners"),
    leafletLayers: inPage.leafletLayers,
  };
}

const SOAK_FIGURES = [
  ["jsHeap", "JS heap (V8, used)", "bytes"],
  ["blinkHeap", "Blink heap (DOM and other C++ objects)", "bytes"],
  ["wasmMemory", "wasm memory (linear, high-water mark)", "bytes"],
  ["domNodes", "DOM nodes (Blink count, detached included)", "count"],
  ["elements", "elements in the document", "count"],
  ["listeners", "JS event listeners", "count"],
  ["leafletLayers", "Leaflet layers on the map", "count"],
];

/** Least-squares slope of value over cycle, per 100 cycles. */
function slopePer100(points) {
  if (points.length < 2) return null;
  const mx = points.reduce((a, [x]) => a + x, 0) / points.length;
  const my = points.reduce((a, [, y]) => a + y, 0) / points.length;
  const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  if (sxx === 0) return null;
  return (points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0) / sxx) * 100;
}

/**
 * Per figure: first and last value, the change between them, and the growth per 100 cycles after
 * the warm-up (the least-squares slope over the samples from the first one after cycle 0 on), which
 * leaves out what the first visitor allocates once (lazy initialisation, compiled code, caches).
 */
function soakSummary(samples) {
  const out = {};
  const warm = samples.filter((s) => s.cycle > 0);
  for (const [key] of SOAK_FIGURES) {
    const all = samples.filter((s) => isNum(s[key]));
    if (all.length === 0) continue;
    const first = all[0];
    const last = all[all.length - 1];
    const after = warm.filter((s) => isNum(s[key])).map((s) => [s.cycle, s[key]]);
    out[key] = {
      first: first[key],
      last: last[key],
      change: last[key] - first[key],
      perHundredCycles: slopePer100(after),
      perHundredFrom: after.length ? after[0][0] : null,
      perHundredTo: after.length ? after[after.length - 1][0] : null,
    };
  }
  return out;
}

/**
 * The soak in one fresh context: a sample after the load, then one every `soakEvery` cycles and
 * after the last. `progress(result)` is called after each cycle.
 */
async function runSoak(server, progress) {
  const result = {
    status: "ok",
    url: SOAK_PATH,
    cycles: opts.soak,
    every: opts.soakEvery,
    idleSeconds: SOAK_IDLE_S,
    viewport: SOAK_VIEWPORT,
    completed: 0,
    samples: [],
    cycleMs: [],
  };
  const startedAt = Date.now();
  const context = await browser.newContext({
    viewport: SOAK_VIEWPORT,
    hasTouch: true,
    locale: "ja-JP",
    // The service worker would answer requests past the tile stubs; the page's memory is the point.
    serviceWorkers: "block",
  });
  const errors = [];
  try {
    await context.route(TILE_HOSTS, (route) => route.fulfill({ status: 200, contentType: "image/png", body: BLANK_PNG }));
    await context.addInitScript(IN_PAGE);
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(String(e).slice(0, 300)));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text().slice(0, 300));
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await page.clock.install();
    await page.goto(server.url + SOAK_PATH, { timeout: LOAD_TIMEOUT_MS });
    await page.getByRole("dialog", { name: /Work, study and live in Nagaoka/ }).waitFor({ timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction(() => document.querySelector(".leaflet-marker-pane > *") !== null, null, { timeout: LOAD_TIMEOUT_MS });
    const sample = async (cycle) => {
      const s = await soakSample(page, cdp, cycle, startedAt);
      result.samples.push(s);
      log(
        `kiosk soak, cycle ${cycle}/${opts.soak}: JS heap ${fmtMB2(s.jsHeap)}, wasm ${fmtMB2(s.wasmMemory)}, ` +
          `${fmtInt(s.domNodes)} DOM nodes, ${fmtInt(s.leafletLayers)} Leaflet layers (${s.seconds} s)`,
      );
    };
    await sample(0);
    for (let n = 1; n <= opts.soak; n++) {
      const t = Date.now();
      try {
        await soakVisitor(page, n - 1);
      } catch (e) {
        result.status = "error";
        result.failedCycle = n;
        result.error = String(e.message || e).split("\n")[0];
        log(`kiosk soak, cycle ${n}: ${result.error}`);
        break;
      }
      result.cycleMs.push(Date.now() - t);
      result.completed = n;
      if (n % opts.soakEvery === 0 || n === opts.soak) await sample(n);
      progress(result);
    }
    if (opts.soakHeap) await writeHeapSnapshot(cdp, opts.soakHeap);
  } catch (e) {
    result.status = "error";
    result.error = String(e.message || e).split("\n")[0];
    log(`kiosk soak: ${result.error}`);
  } finally {
    result.errors = [...new Set(errors)].slice(0, 10);
    await closeContext(context);
  }
  result.seconds = Math.round((Date.now() - startedAt) / 1000);
  result.cycleMedianMs = median(result.cycleMs);
  result.cycleP95Ms = percentile(result.cycleMs, 95);
  result.summary = soakSummary(result.samples);
  return result;
}

/** Writes a V8 heap snapshot of the page, after a collection, to `file`. */
async function writeHeapSnapshot(cdp, file) {
  const chunks = [];
  const onChunk = (e) => chunks.push(e.chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", onChunk);
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", onChunk);
  writeFileSync(file, chunks.join(""));
  log(`kiosk soak: heap snapshot written to ${file}`);
}

const fmtMB2 = (x) => (isNum(x) ? `${(x / 1e6).toFixed(2)} MB` : x ?? "–");
const fmtSignedKB = (x) =>
  isNum(x) ? `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(x / 1000).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} kB` : "–";
const fmtSignedInt = (x) => (isNum(x) ? `${x > 0 ? "+" : x < 0 ? "−" : ""}${Math.abs(Math.round(x)).toLocaleString("en-US")}` : "–");

function soakTable(soak) {
  const cols = soak.samples.map((s) => `cycle ${s.cycle}`);
  const s0 = soak.summary;
  const anyKey = Object.values(s0)[0];
  const perLabel = anyKey && anyKey.perHundredFrom !== null ? `per 100 cycles (${anyKey.perHundredFrom}–${anyKey.perHundredTo})` : "per 100 cycles";
  const rows = SOAK_FIGURES.filter(([key]) => s0[key]).map(([key, label, unit]) => {
    const fmt = unit === "bytes" ? fmtMB2 : fmtInt;
    const grow = unit === "bytes" ? fmtSignedKB : fmtSignedInt;
    return [label, ...soak.samples.map((s) => fmt(s[key])), grow(s0[key].change), grow(s0[key].perHundredCycles)];
  });
  return table(rows, ["kiosk soak", ...cols, "change", perLabel]);
}

// ---------------------------------------------------------------- statistics

const median = (xs) => {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
// Nearest-rank percentile.
const percentile = (xs, p) => {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))];
};

// A figure is a number (ms, bytes), or { gt: n } when the run timed out before it: "more than n".
const isGt = (x) => x !== null && typeof x === "object" && typeof x.gt === "number";

/** Median of figures some of which may be lower bounds (a timed-out run sorts after every number). */
function medianOf(values) {
  const v = values.filter((x) => isNum(x) || isGt(x));
  if (v.length === 0) return null;
  const key = (x) => (isGt(x) ? [1, x.gt] : [0, x]);
  v.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
  const lo = v[Math.floor((v.length - 1) / 2)];
  const hi = v[Math.floor(v.length / 2)];
  if (isNum(lo) && isNum(hi)) return (lo + hi) / 2;
  if (isGt(lo)) return lo;
  return { gt: Math.max(lo, hi.gt) };
}

/** The load figures of one run; a run that timed out gives lower bounds for what it did not reach. */
function runFigures(r) {
  const bound = (x) => (isNum(x) ? x : r.status === "timeout" && isNum(r.waited) ? { gt: r.waited } : null);
  const after = (x) => {
    if (!isNum(r.dataEnd)) return null;
    if (isNum(x)) return x - r.dataEnd;
    return r.status === "timeout" && isNum(r.waited) ? { gt: Math.max(0, r.waited - r.dataEnd) } : null;
  };
  return {
    fcp: r.fcp,
    appStart: r.appStart,
    appMounted: r.appMounted,
    dataFetched: r.dataFetched,
    dataValidated: r.dataValidated,
    dataStart: r.dataStart,
    dataEnd: r.dataEnd,
    firstMarker: bound(r.firstMarker),
    interactive: bound(r.interactive),
    markerAfterData: after(r.firstMarker),
    interactiveAfterData: after(r.interactive),
  };
}

/** Medians over the runs of one page at one size. */
function summarize(runs) {
  const ok = runs.filter((r) => r.status === "ok");
  const timeouts = runs.filter((r) => r.status === "timeout").length;
  const figures = runs.map(runFigures);
  const load = (k) => medianOf(figures.map((f) => f[k]));
  const med = (f) => (ok.length ? median(ok.map(f)) : timeouts ? "timeout" : null);
  const s = {
    runs: runs.length,
    ok: ok.length,
    timeouts,
    fcp: load("fcp"),
    appStart: load("appStart"),
    appMounted: load("appMounted"),
    dataFetched: load("dataFetched"),
    dataValidated: load("dataValidated"),
    dataStart: load("dataStart"),
    dataEnd: load("dataEnd"),
    firstMarker: load("firstMarker"),
    interactive: load("interactive"),
    markerAfterData: load("markerAfterData"),
    interactiveAfterData: load("interactiveAfterData"),
    jsHeap: med((r) => r.jsHeap),
    wasmMemory: med((r) => r.wasmMemory),
    memory: med((r) => (r.jsHeap != null ? r.jsHeap + (r.wasmMemory || 0) : null)),
    domNodes: med((r) => r.domNodes),
    errors: [...new Set(runs.flatMap((r) => r.errors || []))].slice(0, 10),
  };
  // The spread over the runs that reached each point.
  for (const k of ["firstMarker", "interactive", "markerAfterData", "interactiveAfterData"]) {
    const v = figures.map((f) => f[k]).filter(isNum);
    s[`${k}Range`] = v.length ? [Math.min(...v), Math.max(...v)] : null;
  }
  s.search = interactionSummary(ok, "search", timeouts);
  s.filter = interactionSummary(ok, "filter", timeouts);
  return s;
}
function interactionSummary(okRuns, key, timeouts) {
  if (okRuns.length === 0) return { status: timeouts ? "n/a (did not load)" : "n/a" };
  const all = okRuns.map((r) => r[key]).filter(Boolean);
  const na = all.find((x) => x.status.startsWith("n/a"));
  if (na) return { status: na.status };
  const ok = all.flatMap((x) => (x.samples || []).filter((s) => s.status === "ok"));
  const samples = ok.map((s) => s.ms);
  const painted = ok.map((s) => s.paintedMs).filter(isNum);
  const bad = all.find((x) => x.status !== "ok");
  return {
    status: bad ? bad.status : "ok",
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: samples.length ? Math.max(...samples) : null,
    paintedP50: percentile(painted, 50),
    paintedP95: percentile(painted, 95),
  };
}

// ---------------------------------------------------------------- the table

const fmtMs = (x) =>
  isNum(x) ? `${Math.round(x).toLocaleString("en-US")} ms` : isGt(x) ? `> ${Math.round(x.gt).toLocaleString("en-US")} ms` : x ?? "–";
const fmtKB = (x) =>
  isNum(x) ? `${(x / 1000).toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 })} kB` : x ?? "–";
const fmtMB = (x) => (isNum(x) ? `${(x / 1e6).toFixed(1)} MB` : x ?? "–");
const fmtInt = (x) => (isNum(x) ? Math.round(x).toLocaleString("en-US") : x ?? "–");
const ratio = (a, b) => {
  if (isNum(a) && isNum(b) && b > 0) return `${(a / b).toFixed(2)}x`;
  if (isNum(a) && isGt(b) && b.gt > 0) return `< ${(a / b.gt).toFixed(2)}x`;
  if (isGt(a) && isNum(b) && b > 0) return `> ${(a.gt / b).toFixed(2)}x`;
  return "–";
};

function table(rows, header) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? "").length)));
  const numeric = (c) => /^[+−]?[–\d.,\s]+(ms|kB|MB|x)?$|^timeout$|^n\/a/.test(String(c));
  const line = (r) =>
    r.map((c, i) => (i > 0 && numeric(c) ? String(c ?? "").padStart(widths[i]) : String(c ?? "").padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function sizeTable(size, res) {
  const empty = { runs: 0, ok: 0, timeouts: 0, search: { status: "–" }, filter: { status: "–" } };
  const o = { ...res.ours, summary: res.ours.summary ?? empty };
  const r = { ...res.reference, summary: res.reference.summary ?? empty };
  const ob = o.bytes?.total;
  const rb = r.bytes?.total;
  const row = (label, get, fmt) => {
    const a = get(o);
    const b = get(r);
    return [label, fmt(a), fmt(b), ratio(a, b)];
  };
  const rows = [];
  rows.push(["first load, raw", fmtKB(ob?.raw), fmtKB(rb?.raw), ratio(ob?.raw, rb?.raw)]);
  rows.push(["first load, gzip", fmtKB(ob?.gzip), fmtKB(rb?.gzip), ratio(ob?.gzip, rb?.gzip)]);
  rows.push(["first load, brotli", fmtKB(ob?.brotli), fmtKB(rb?.brotli), ratio(ob?.brotli, rb?.brotli)]);
  rows.push(row("first contentful paint", (p) => p.summary.fcp, fmtMs));
  rows.push(row("data file requested", (p) => p.summary.dataStart, fmtMs));
  rows.push(row("data file received", (p) => p.summary.dataEnd, fmtMs));
  // The app's own marks: where its time goes between the wasm and the first marker.
  rows.push(row("app code started (wasm ready)", (p) => p.summary.appStart, fmtMs));
  rows.push(row("app mounted", (p) => p.summary.appMounted, fmtMs));
  rows.push(row("data text in the app", (p) => p.summary.dataFetched, fmtMs));
  rows.push(row("data validated", (p) => p.summary.dataValidated, fmtMs));
  rows.push(row("first marker on screen", (p) => p.summary.firstMarker, fmtMs));
  rows.push(row("  after the data arrived", (p) => p.summary.markerAfterData, fmtMs));
  rows.push(row("list answers input", (p) => p.summary.interactive, fmtMs));
  rows.push(row("  after the data arrived", (p) => p.summary.interactiveAfterData, fmtMs));
  const inter = (p, k, q) => (p.summary[k].status === "ok" ? p.summary[k][q] : p.summary[k].status);
  rows.push(row("keystroke p50", (p) => inter(p, "search", "p50"), fmtMs));
  rows.push(row("keystroke p95", (p) => inter(p, "search", "p95"), fmtMs));
  rows.push(row("keystroke to painted, p50", (p) => inter(p, "search", "paintedP50"), fmtMs));
  rows.push(row("keystroke to painted, p95", (p) => inter(p, "search", "paintedP95"), fmtMs));
  rows.push(row("kind filter (median)", (p) => inter(p, "filter", "p50"), fmtMs));
  rows.push(row("JS heap after load", (p) => p.summary.jsHeap, fmtMB));
  rows.push(row("wasm memory", (p) => p.summary.wasmMemory, fmtMB));
  rows.push(row("JS heap + wasm memory", (p) => p.summary.memory, fmtMB));
  rows.push(row("DOM nodes", (p) => p.summary.domNodes, fmtInt));
  const lh = (p) => p.lighthouse;
  if (lh(o) || lh(r)) {
    for (const cat of ["performance", "accessibility", "best-practices", "seo"]) {
      const get = (p) => (lh(p)?.status === "ok" ? lh(p).scores[cat] : lh(p)?.status ?? null);
      rows.push([`Lighthouse ${cat}`, fmtInt(get(o)), fmtInt(get(r)), ratio(get(o), get(r))]);
    }
  }
  const runsNote = (p) => `${p.summary.ok}/${p.summary.runs} runs${p.summary.timeouts ? `, ${p.summary.timeouts} timed out` : ""}`;
  rows.push(["runs completed", runsNote(o), runsNote(r), ""]);
  return table(rows, [`${dataset(size).label}`, "app", "reference", "app/ref"]);
}

function bytesTable(files) {
  const rows = files.map((f) => [f.path, f.category, fmtKB(f.raw), fmtKB(f.gzip), fmtKB(f.brotli), fmtKB(f.transferred)]);
  const totals = byteTotals(files);
  for (const [k, t] of Object.entries(totals).sort(([a], [b]) => (a === "total") - (b === "total"))) {
    rows.push([k === "total" ? "TOTAL" : `all ${k}`, "", fmtKB(t.raw), fmtKB(t.gzip), fmtKB(t.brotli), fmtKB(t.transferred)]);
  }
  return table(rows, ["file requested", "kind", "raw", "gzip -9", "brotli 11", "sent"]);
}

// ---------------------------------------------------------------- budgets

/** value <= limit: true, false, or null when it cannot be told. */
function atMost(value, limit) {
  if (isNum(value)) return value <= limit;
  if (isGt(value)) return value.gt >= limit ? false : null;
  return null;
}
/** ours is at least `factor` times faster (smaller) than ref: true, false, or null when it cannot be told. */
function fasterBy(ours, ref, factor) {
  if (isNum(ours) && isNum(ref)) return ours * factor <= ref;
  if (isNum(ours) && isGt(ref)) return ours * factor <= ref.gt ? true : null;
  if (isGt(ours) && isNum(ref)) return ours.gt * factor >= ref ? false : null;
  return null;
}
const interaction = (summary, key, q) => (summary[key].status === "ok" ? summary[key][q] : summary[key].status);

function budgets(results, lhOurs) {
  const out = [];
  const add = (name, size, value, pass, detail = "") =>
    out.push({ name, size, value, status: pass === null ? "n/a" : pass ? "pass" : "FAIL", detail });
  const vs = (a, b, fmt) => `${fmt(a)} vs ${fmt(b)}`;
  const real = results.find(([size]) => size === "real")?.[1];
  if (real?.ours?.bytes) {
    const gz = real.ours.bytes.total?.gzip;
    add("first load <= 180 kB gzip (tiles excluded)", "real", fmtKB(gz), isNum(gz) ? gz <= 180_000 : null);
  }
  if (lhOurs?.status === "ok") {
    const s = lhOurs.scores;
    add("Lighthouse mobile performance >= 95", "real", s.performance, s.performance >= 95);
    add("Lighthouse mobile accessibility = 100", "real", s.accessibility, s.accessibility === 100);
    add("Lighthouse mobile best practices = 100", "real", s["best-practices"], s["best-practices"] === 100);
  } else if (lhOurs) {
    add("Lighthouse mobile scores", "real", lhOurs.status, null);
  }
  for (const [size, res] of results) {
    const a = res.ours.summary?.firstMarker;
    const b = res.reference.summary?.firstMarker;
    if (a == null && b == null) continue;
    add("first marker no slower than the reference", size, vs(a, b, fmtMs), fasterBy(a, b, 1));
  }
  for (const [size, res] of results) {
    if (size === "real" || Number(size) < 100000 || !res.ours.summary) continue;
    const o = res.ours.summary;
    const r = res.reference.summary ?? { search: { status: "n/a" }, filter: { status: "n/a" } };
    const refNote = r.ok === 0 && r.timeouts ? `the reference did not load within ${opts.timeoutS} s` : "";
    add("interactive within 2 s (from navigation start)", size, fmtMs(o.interactive), atMost(o.interactive, 2000),
      isNum(o.dataEnd) ? `the data file alone arrives at ${fmtMs(o.dataEnd)}` : "");
    add("interactive within 2 s of the data arriving", size, fmtMs(o.interactiveAfterData), atMost(o.interactiveAfterData, 2000));
    add("keystroke p95 <= 16 ms", size, fmtMs(interaction(o, "search", "p95")), atMost(interaction(o, "search", "p95"), 16));
    add("clustering (data to first marker) >= 3x faster than the reference", size,
      vs(o.markerAfterData, r.markerAfterData, fmtMs), fasterBy(o.markerAfterData, r.markerAfterData, 3));
    const os = interaction(o, "search", "p50");
    const rs = interaction(r, "search", "p50");
    add("search (keystroke p50) >= 3x faster than the reference", size, vs(os, rs, fmtMs), fasterBy(os, rs, 3), isNum(rs) ? "" : refNote);
    const of = interaction(o, "filter", "p50");
    const rf = interaction(r, "filter", "p50");
    add("kind filter >= 3x faster than the reference", size, vs(of, rf, fmtMs), fasterBy(of, rf, 3), isNum(rf) ? "" : refNote);
    add("memory (JS heap + wasm) <= the reference's", size, vs(o.memory, r.memory, fmtMB),
      isNum(o.memory) && isNum(r.memory) ? o.memory <= r.memory : null, isNum(r.memory) ? "" : refNote);
  }
  return out;
}

// ---------------------------------------------------------------- machine

function machine() {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: "utf8", timeout: 10_000, stdio: ["ignore", "pipe", "ignore"] }).trim();
    } catch {
      return null;
    }
  };
  const dirty = sh("git", ["-C", ROOT, "status", "--porcelain", "--", "src", "index.html", "style", "Cargo.toml", "Cargo.lock"]);
  return {
    date: new Date().toISOString(),
    nproc: sh("nproc", []) ?? String(cpus().length),
    cpu: cpus()[0]?.model ?? null,
    memory: sh("free", ["-h"]) ?? `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    chromium: sh(CHROME, ["--version"]),
    node: process.version,
    commit: sh("git", ["-C", ROOT, "rev-parse", "--short", "HEAD"]),
    loadAverageAtStart: loadavg().map((x) => Number(x.toFixed(2))),
    appSourcesChanged: dirty === null ? null : dirty.length > 0,
  };
}

// ---------------------------------------------------------------- main

async function prepareData(sizes) {
  for (const size of sizes) {
    if (size === "real") continue;
    const { path, written } = ensurePlaces(Number(size));
    if (!written) continue;
    log(`generated ${path}; checking it with the validator`);
    const v = spawnSync("cargo", ["run", "-q", "--bin", "validate", "--", path], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 600_000,
    });
    const out = (v.stdout || "").trim();
    if (v.error || v.status === null) {
      log(`could not run the validator (${v.error?.message ?? "stopped"}); going on`);
    } else if (v.status !== 0 || !/ 0 errors, 0 warnings$/.test(out.split("\n").pop())) {
      throw new Error(`the validator found problems in ${path}:\n${out}\n${v.stderr || ""}`);
    }
  }
}

async function main() {
  const startedAt = Date.now();
  // The machine's load while the bench runs (the bench itself counts too): other work on the
  // machine slows both pages and widens the spread of the figures.
  const loadSamples = [];
  const sampler = setInterval(() => loadSamples.push(loadavg()[0]), 15_000);
  sampler.unref();
  const watchdog = setTimeout(() => {
    log(`the bench ran longer than ${opts.maxMinutes} minutes and stops; results so far are in ${RESULTS}/partial.json`);
    process.exit(3);
  }, opts.maxMinutes * 60_000);
  watchdog.unref();

  const build = opts.appDir ?? join(ROOT, "dist");
  if (!existsSync(join(build, "index.html"))) {
    throw new Error(`${join(build, "index.html")} is missing: build the app first (./scripts/bench does)`);
  }
  // A copy of the build, so that a rebuild while the bench runs cannot change what it measures.
  const appDir = mkdtempSync(join(tmpdir(), "nagaoka-bench-"));
  process.on("exit", () => rmSync(appDir, { recursive: true, force: true }));
  cpSync(build, appDir, { recursive: true, filter: (src) => !src.includes("/.stage") });
  setAppDir(appDir);
  await prepareData(opts.sizes);
  mkdirSync(RESULTS, { recursive: true });
  const server = await startServer();
  log(`serving on ${server.url}`);
  await launchBrowser();

  const out = { machine: machine(), options: opts, conditions: { cpuSlowdown: CPU_SLOWDOWN, network: NETWORK, viewport: VIEWPORT, quietMs: QUIET_MS, loadTimeoutMs: LOAD_TIMEOUT_MS }, sizes: {} };
  const savePartial = () => writeFileSync(join(RESULTS, "partial.json"), JSON.stringify(out, null, 2) + "\n");

  try {
    for (const size of opts.sizes) {
      const runs = Number(size) >= 100000 ? opts.largeRuns : opts.runs;
      const res = (out.sizes[size] = {});
      for (const p of PAGES) res[p.id] = { url: p.url(size), runs: [] };
      const stopped = {};
      for (let i = 0; i < runs; i++) {
        // Alternate the order, so that neither page always runs on a warmer machine.
        const order = i % 2 === 0 ? PAGES : [...PAGES].reverse();
        for (const p of order) {
          if (stopped[p.id] || !opts.pages.includes(p.id)) continue;
          const t = Date.now();
          let r;
          try {
            r = await measureRun(p, size, { collectBytes: i === 0, server });
          } catch (e) {
            r = { status: "error", error: String(e.message || e).split("\n")[0] };
          }
          res[p.id].runs.push(r);
          log(
            `${dataset(size).label}, ${p.label}, run ${i + 1}/${runs}: ${r.status}` +
              (isNum(r.firstMarker) ? `, first marker ${fmtMs(r.firstMarker)}` : "") +
              (isNum(r.interactive) ? `, answers input ${fmtMs(r.interactive)}` : "") +
              ` (${((Date.now() - t) / 1000).toFixed(0)} s)`,
          );
          if (r.status !== "ok") {
            // A page that timed out once would time out again: its remaining runs are skipped.
            stopped[p.id] = true;
            if (r.error) log(`  ${r.error}`);
          }
          savePartial();
        }
      }
      for (const p of PAGES) {
        const entry = res[p.id];
        const withBytes = entry.runs.find((r) => r.requests);
        entry.files = withBytes?.requests ?? null;
        entry.bytes = entry.files ? byteTotals(entry.files) : null;
        entry.summary = summarize(entry.runs);
      }
    }

    if (opts.soak) {
      log(`kiosk soak: ${opts.soak} visitor and idle-reset cycles, memory every ${opts.soakEvery}`);
      // The build measured: with --app-dir, not necessarily that of the commit in `machine`.
      out.soak = { machine: machine(), build: build };
      const soak = await runSoak(server, (partial) => {
        out.soak = { ...out.soak, ...partial };
        if (partial.completed % 10 === 0) savePartial();
      });
      out.soak = { ...out.soak, ...soak };
      out.soak.machine.loadAverageAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
      savePartial();
    }

    await browser.close();
    browser = null;

    if (opts.lighthouse) {
      // In rounds, the pages taking turns (and which goes first alternating), so that neither is
      // always the one measured right after the page runs above, or in the same minutes of a
      // busy machine: the first Lighthouse runs after them scored lowest.
      const pages = PAGES.filter((p) => opts.pages.includes(p.id));
      const all = Object.fromEntries(pages.map((p) => [p.id, []]));
      for (let i = 0; i < opts.lighthouseRuns; i++) {
        for (const p of i % 2 ? [...pages].reverse() : pages) {
          log(`Lighthouse (mobile), ${p.label}, run ${i + 1}/${opts.lighthouseRuns}`);
          const r = await lighthouse(server.url + p.url("real"), join(RESULTS, `lighthouse-${p.id}-${i + 1}.json`));
          if (r.status !== "ok") log(`  ${r.status}: ${r.stderr ?? ""}`.slice(0, 500));
          else log(`  performance ${r.scores.performance}`);
          all[p.id].push(r);
        }
      }
      for (const p of pages) {
        const ok = all[p.id].filter((r) => r.status === "ok");
        let lh = all[p.id][0];
        if (ok.length) {
          // The run with the median performance score stands for all of them.
          lh = [...ok].sort((a, b) => a.scores.performance - b.scores.performance)[Math.floor((ok.length - 1) / 2)];
          lh = { ...lh, performanceScores: ok.map((r) => r.scores.performance) };
        }
        if (!out.sizes.real) out.sizes.real = { ours: { summary: null }, reference: { summary: null } };
        out.sizes.real[p.id].lighthouse = lh;
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    await server.close();
  }

  // In the order asked for ("real" first), which an object's integer-like keys would not keep.
  const measured = opts.sizes
    .map((size) => [size, out.sizes[size]])
    .filter(([, v]) => v && (v.ours.summary || v.reference.summary));
  out.budgets = budgets(measured, out.sizes.real?.ours?.lighthouse);
  out.seconds = Math.round((Date.now() - startedAt) / 1000);
  out.machine.loadAverageAtEnd = loadavg().map((x) => Number(x.toFixed(2)));
  clearInterval(sampler);
  out.machine.loadAverageDuringRun = loadSamples.length
    ? { mean: Number((loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length).toFixed(2)), max: Number(Math.max(...loadSamples).toFixed(2)) }
    : null;
  // Only the soak ran: the load figures of the last run stay. No soak ran: the last soak's figures
  // stay (with their own date and build).
  let last = null;
  try {
    last = JSON.parse(readFileSync(join(RESULTS, "latest.json"), "utf8"));
  } catch {}
  let written = out;
  if (opts.soakOnly && last) written = { ...last, soak: out.soak };
  else if (!opts.soak && last?.soak) written = { ...out, soak: last.soak };
  writeFileSync(join(RESULTS, "latest.json"), JSON.stringify(written, null, 2) + "\n");

  // --- print
  const m = out.machine;
  const what = opts.appDir
    ? `the build in ${opts.appDir} (repository at ${m.commit})`
    : `${m.commit}${m.appSourcesChanged ? " (with uncommitted changes to the app)" : ""}`;
  console.log(`\nBench of ${what}, ${m.date}`);
  console.log(`${m.nproc} cores (${m.cpu}), ${m.chromium}, Node ${m.node}`);
  console.log(
    `Load average (1 min): ${m.loadAverageAtStart[0]} at the start` +
      (m.loadAverageDuringRun ? `, ${m.loadAverageDuringRun.mean} on average and ${m.loadAverageDuringRun.max} at most during the run` : "") +
      `, ${m.loadAverageAtEnd[0]} at the end`,
  );
  if (measured.length) {
    console.log(
      `CPU slowed ${CPU_SLOWDOWN}x, network ${NETWORK.latency} ms latency and ${((NETWORK.downloadThroughput * 8) / 1024 / 1024).toFixed(1)} Mbps, ` +
        `viewport ${VIEWPORT.width}x${VIEWPORT.height}; medians over the runs; times from navigation start`,
    );
  }
  for (const [size, res] of measured) {
    console.log("\n" + sizeTable(size, res));
  }
  if (out.sizes.real?.ours?.summary) {
    for (const p of PAGES) {
      const files = out.sizes.real[p.id].files;
      if (files) console.log(`\nFirst load of the ${p.label}, real data (what the page requested, tiles excluded)\n` + bytesTable(files));
    }
  }
  for (const p of PAGES) {
    const lh = out.sizes.real?.[p.id]?.lighthouse;
    if (lh?.status !== "ok") continue;
    const notes = Object.entries(lh.failing)
      .flatMap(([cat, list]) => list.map((a) => `  ${cat}: ${a.id}${a.value ? ` (${a.value})` : ""}`));
    if (notes.length) console.log(`\nLighthouse audits below full marks, ${p.label}:\n${notes.join("\n")}`);
  }
  if (!opts.soakOnly) {
    console.log("\nBudgets");
    console.log(
      table(
        out.budgets.map((b) => [b.status, b.name, b.size === "real" ? "real" : Number(b.size).toLocaleString("en-US"), String(b.value), b.detail]),
        ["", "budget", "size", "measured (app vs reference)", ""],
      ),
    );
  }
  for (const [size, res] of measured) {
    for (const p of PAGES) {
      const errs = res[p.id].summary?.errors ?? [];
      if (errs.length) console.log(`\nConsole errors, ${p.label}, ${dataset(size).label}:\n  ${errs.join("\n  ")}`);
    }
  }
  const soak = out.soak;
  if (soak) {
    console.log(
      `\nKiosk soak (${soak.url}, ${soak.viewport.width}x${soak.viewport.height} touch screen, no CPU or network slowdown): ` +
        `${soak.completed}/${soak.cycles} visitor and idle-reset cycles in ${soak.seconds} s, ` +
        `${fmtMs(soak.cycleMedianMs)} per cycle (median), ${fmtMs(soak.cycleP95Ms)} (p95); ` +
        `memory after two forced garbage collections`,
    );
    if (soak.samples.length) console.log(soakTable(soak));
    if (soak.status !== "ok") console.log(`The soak stopped${soak.failedCycle ? ` in cycle ${soak.failedCycle}` : ""}: ${soak.error}`);
    if (soak.errors.length) console.log(`Console errors during the soak:\n  ${soak.errors.join("\n  ")}`);
  }
  console.log(`\nWritten: ${join(RESULTS, "latest.json")} (${out.seconds} s)`);
}

main().catch((e) => {
  console.error("[bench] error:", e.stack || e);
  process.exit(1);
});
