// The bench: measures the built app (dist/) beside the plain-JavaScript reference page
// (bench/reference/) in Debian's Chromium, prints a table and writes bench/results/latest.json.
// Started by ./scripts/bench, which builds the app and installs the bench's packages first.
//
//   node bench/run.mjs [--runs N] [--large-runs N] [--sizes real,10000,100000] [--skip-lighthouse]
//                      [--lighthouse-runs N] [--timeout SECONDS] [--max-minutes M]
//
// What each figure means and how it is measured: docs/performance.md.
import { chromium } from "playwright-core";
import { spawn, execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
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
    else if (flag === "-h" || flag === "--help") usage();
    else usage(`unknown option ${a}`);
  }
  for (const s of o.sizes) {
    if (s !== "real" && !/^[1-9][0-9]*$/.test(s)) usage(`--sizes: "${s}" is neither "real" nor a number`);
    if (s !== "real" && Number(s) > 200000) usage(`--sizes: ${s} is more than the app reads (200,000)`);
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
      "                       [--lighthouse-runs N] [--timeout SECONDS] [--max-minutes M]\n" +
      "  --runs N            runs per page at each size below 100,000 places (default 5)\n" +
      "  --large-runs N      runs per page at 100,000 places or more (default 3)\n" +
      "  --timeout S         limit for one page load, in seconds (default 60)\n" +
      "  --max-minutes M     the whole bench stops after M minutes (default 40)",
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
      const name = await withTimeout(item.evaluate(nameOfItem), left(), "reading the first list item");
      await withTimeout(page.evaluate((n) => window.__bench.watchRegion(n), name), left(), "watching for the details");
      await item.click({ timeout: left() });
      await page.getByRole("region", { name, exact: true }).waitFor({ timeout: left() });
      await page.waitForFunction(() => window.__bench.regionAt !== null, null, { timeout: left(), polling: 50 });
      await page.waitForFunction(() => window.__bench.firstMarkerAt !== null, null, { timeout: left(), polling: 50 });
      result.firstItem = name;
    } catch (e) {
      result.status = "timeout";
      result.error = String(e.message || e).split("\n")[0];
    }
    recording = false;
    try {
      Object.assign(result, await withTimeout(page.evaluate(() => window.__bench.timings()), 10_000, "timings"));
    } catch {}
    if (result.status !== "ok") {
      result.errors = errors;
      if (collectBytes) result.requests = await describeRequests(requests);
      return result;
    }

    // --- memory after load
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

    // --- keystrokes in the search box, then the kind filter
    const interactionEnd = Date.now() + INTERACTION_BUDGET_MS;
    try {
      // Let the selection's pan/zoom and re-clustering finish first.
      await withTimeout(page.evaluate(() => window.__bench.quiet(500, 10_000)), 15_000, "waiting for quiet");
      result.search = await measureTyping(page, dataset(size).query, interactionEnd);
      result.filter = await measureFilter(page, interactionEnd);
    } catch (e) {
      result.interactionError = String(e.message || e).split("\n")[0];
    }
    result.errors = errors;
    if (collectBytes) result.requests = await describeRequests(requests);
    return result;
  } finally {
    await closeContext(context);
  }
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
  const label = (await box.evaluate((el) => el.labels?.[0]?.textContent || el.getAttribute("aria-label") || "")).trim();
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

const compressedCache = new Map();
function sizesOf(path) {
  if (compressedCache.has(path)) return compressedCache.get(path);
  const body = readFileSync(path);
  const out = {
    raw: body.length,
    gzip: gzipSync(body, { level: zc.Z_BEST_COMPRESSION }).length,
    brotli: brotliCompressSync(body, {
      params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length,
  };
  compressedCache.set(path, out);
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

/** Medians over the runs of one page at one size; "timeout"/"n/a" where a figure is missing. */
function summarize(runs) {
  const ok = runs.filter((r) => r.status === "ok");
  const timeouts = runs.filter((r) => r.status === "timeout").length;
  const med = (f) => (ok.length ? median(ok.map(f)) : timeouts ? "timeout" : null);
  const s = {
    runs: runs.length,
    ok: ok.length,
    timeouts,
    fcp: med((r) => r.fcp),
    dataEnd: med((r) => r.dataEnd),
    firstMarker: ok.length ? median(ok.map((r) => r.firstMarker)) : firstReached(runs, "firstMarker"),
    interactive: med((r) => r.interactive),
    markerAfterData: med((r) => (r.firstMarker != null && r.dataEnd != null ? r.firstMarker - r.dataEnd : null)),
    interactiveAfterData: med((r) => (r.interactive != null && r.dataEnd != null ? r.interactive - r.dataEnd : null)),
    jsHeap: med((r) => r.jsHeap),
    wasmMemory: med((r) => r.wasmMemory),
    memory: med((r) => (r.jsHeap != null ? r.jsHeap + (r.wasmMemory || 0) : null)),
    domNodes: med((r) => r.domNodes),
    errors: [...new Set(runs.flatMap((r) => r.errors || []))].slice(0, 10),
  };
  s.search = interactionSummary(ok, "search", timeouts);
  s.filter = interactionSummary(ok, "filter", timeouts);
  return s;
}
// A run that timed out may still have shown a marker.
function firstReached(runs, key) {
  const v = runs.map((r) => r[key]).filter((x) => typeof x === "number");
  return v.length ? median(v) : runs.length ? "timeout" : null;
}
function interactionSummary(okRuns, key, timeouts) {
  if (okRuns.length === 0) return { status: timeouts ? "timeout" : "n/a" };
  const all = okRuns.map((r) => r[key]).filter(Boolean);
  const na = all.find((x) => x.status.startsWith("n/a"));
  if (na) return { status: na.status };
  const samples = all.flatMap((x) => (x.samples || []).filter((s) => s.status === "ok").map((s) => s.ms));
  const bad = all.find((x) => x.status !== "ok");
  return {
    status: bad ? bad.status : "ok",
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: samples.length ? Math.max(...samples) : null,
  };
}

// ---------------------------------------------------------------- the table

const isNum = (x) => typeof x === "number" && Number.isFinite(x);
const fmtMs = (x) => (isNum(x) ? `${Math.round(x).toLocaleString("en-US")} ms` : x ?? "–");
const fmtKB = (x) => (isNum(x) ? `${(x / 1000).toFixed(1)} kB` : x ?? "–");
const fmtMB = (x) => (isNum(x) ? `${(x / 1e6).toFixed(1)} MB` : x ?? "–");
const fmtInt = (x) => (isNum(x) ? Math.round(x).toLocaleString("en-US") : x ?? "–");
const ratio = (a, b) => (isNum(a) && isNum(b) && b > 0 ? `${(a / b).toFixed(2)}x` : "–");

function table(rows, header) {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => String(r[i] ?? "").length)));
  const numeric = (c) => /^[–\d.,\s]+(ms|kB|MB|x)?$|^timeout$|^n\/a/.test(String(c));
  const line = (r) =>
    r.map((c, i) => (i > 0 && numeric(c) ? String(c ?? "").padStart(widths[i]) : String(c ?? "").padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function sizeTable(size, res) {
  const o = res.ours;
  const r = res.reference;
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
  rows.push(["first contentful paint", fmtMs(o.summary.fcp), fmtMs(r.summary.fcp), ratio(o.summary.fcp, r.summary.fcp)]);
  rows.push(["data file received", fmtMs(o.summary.dataEnd), fmtMs(r.summary.dataEnd), ratio(o.summary.dataEnd, r.summary.dataEnd)]);
  rows.push(row("first marker on screen", (p) => p.summary.firstMarker, fmtMs));
  rows.push(row("  after the data arrived", (p) => p.summary.markerAfterData, fmtMs));
  rows.push(row("list answers input", (p) => p.summary.interactive, fmtMs));
  rows.push(row("  after the data arrived", (p) => p.summary.interactiveAfterData, fmtMs));
  const inter = (p, k, q) => (p.summary[k].status === "ok" ? p.summary[k][q] : p.summary[k].status);
  rows.push(row("keystroke p50", (p) => inter(p, "search", "p50"), fmtMs));
  rows.push(row("keystroke p95", (p) => inter(p, "search", "p95"), fmtMs));
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

function budgets(results, lhOurs) {
  const out = [];
  const add = (name, size, value, pass, detail = "") =>
    out.push({ name, size, value, status: pass === null ? "n/a" : pass ? "pass" : "FAIL", detail });
  const real = results.real;
  if (real) {
    const gz = real.ours.bytes?.total?.gzip;
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
  for (const [size, res] of Object.entries(results)) {
    const a = res.ours.summary.firstMarker;
    const b = res.reference.summary.firstMarker;
    add("first marker no slower than the reference", size, `${fmtMs(a)} vs ${fmtMs(b)}`, isNum(a) && isNum(b) ? a <= b : a === "timeout" ? false : null);
  }
  for (const [size, res] of Object.entries(results)) {
    if (size === "real" || Number(size) < 100000) continue;
    const o = res.ours.summary;
    const r = res.reference.summary;
    const bad = (x) => (x === "timeout" ? false : null);
    add("interactive within 2 s (from navigation start)", size, fmtMs(o.interactive), isNum(o.interactive) ? o.interactive <= 2000 : bad(o.interactive),
      isNum(o.dataEnd) ? `the data file alone arrives at ${fmtMs(o.dataEnd)}` : "");
    add("interactive within 2 s of the data arriving", size, fmtMs(o.interactiveAfterData), isNum(o.interactiveAfterData) ? o.interactiveAfterData <= 2000 : bad(o.interactiveAfterData));
    const p95 = o.search.status === "ok" ? o.search.p95 : o.search.status;
    add("keystroke p95 <= 16 ms", size, fmtMs(p95), isNum(p95) ? p95 <= 16 : bad(p95));
    const oc = o.markerAfterData;
    const rc = r.markerAfterData;
    add("clustering (data to first marker) >= 3x faster than the reference", size, `${fmtMs(oc)} vs ${fmtMs(rc)}`, isNum(oc) && isNum(rc) ? oc * 3 <= rc : bad(oc));
    const ok50 = o.search.status === "ok" ? o.search.p50 : o.search.status;
    const rk50 = r.search.status === "ok" ? r.search.p50 : r.search.status;
    add("search (keystroke p50) >= 3x faster than the reference", size, `${fmtMs(ok50)} vs ${fmtMs(rk50)}`, isNum(ok50) && isNum(rk50) ? ok50 * 3 <= rk50 : bad(ok50));
    const of = o.filter.status === "ok" ? o.filter.p50 : o.filter.status;
    const rf = r.filter.status === "ok" ? r.filter.p50 : r.filter.status;
    add("kind filter >= 3x faster than the reference", size, `${fmtMs(of)} vs ${fmtMs(rf)}`, isNum(of) && isNum(rf) ? of * 3 <= rf : bad(of));
    add("memory (JS heap + wasm) <= the reference's", size, `${fmtMB(o.memory)} vs ${fmtMB(r.memory)}`, isNum(o.memory) && isNum(r.memory) ? o.memory <= r.memory : bad(o.memory));
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
  const watchdog = setTimeout(() => {
    log(`the bench ran longer than ${opts.maxMinutes} minutes and stops; results so far are in ${RESULTS}/partial.json`);
    process.exit(3);
  }, opts.maxMinutes * 60_000);
  watchdog.unref();

  if (!existsSync(join(ROOT, "dist", "index.html"))) throw new Error("dist/index.html is missing: build the app first (./scripts/bench does)");
  // A copy of the build, so that a rebuild while the bench runs cannot change what it measures.
  const appDir = mkdtempSync(join(tmpdir(), "nagaoka-bench-"));
  process.on("exit", () => rmSync(appDir, { recursive: true, force: true }));
  cpSync(join(ROOT, "dist"), appDir, { recursive: true, filter: (src) => !src.includes("/.stage") });
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
          if (stopped[p.id]) continue;
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

    await browser.close();
    browser = null;

    if (opts.lighthouse) {
      for (const p of PAGES) {
        const all = [];
        for (let i = 0; i < opts.lighthouseRuns; i++) {
          log(`Lighthouse (mobile), ${p.label}, run ${i + 1}/${opts.lighthouseRuns}`);
          const r = await lighthouse(server.url + p.url("real"), join(RESULTS, `lighthouse-${p.id}-${i + 1}.json`));
          if (r.status !== "ok") log(`  ${r.status}: ${r.stderr ?? ""}`.slice(0, 500));
          all.push(r);
        }
        const ok = all.filter((r) => r.status === "ok");
        let lh = all[0];
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

  const measured = Object.fromEntries(Object.entries(out.sizes).filter(([, v]) => v.ours.summary));
  out.budgets = budgets(measured, out.sizes.real?.ours?.lighthouse);
  out.seconds = Math.round((Date.now() - startedAt) / 1000);
  writeFileSync(join(RESULTS, "latest.json"), JSON.stringify(out, null, 2) + "\n");

  // --- print
  const m = out.machine;
  console.log(`\nBench of ${m.commit}${m.appSourcesChanged ? " (with uncommitted changes to the app)" : ""}, ${m.date}`);
  console.log(`${m.nproc} cores (${m.cpu}), ${m.chromium}, Node ${m.node}`);
  console.log(
    `CPU slowed ${CPU_SLOWDOWN}x, network ${NETWORK.latency} ms latency and ${((NETWORK.downloadThroughput * 8) / 1024 / 1024).toFixed(1)} Mbps, ` +
      `viewport ${VIEWPORT.width}x${VIEWPORT.height}; medians over the runs; times from navigation start`,
  );
  for (const [size, res] of Object.entries(measured)) {
    console.log("\n" + sizeTable(size, res));
  }
  if (measured.real) {
    for (const p of PAGES) {
      const files = measured.real[p.id].files;
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
  console.log("\nBudgets");
  console.log(
    table(
      out.budgets.map((b) => [b.status, b.name, b.size === "real" ? "real" : Number(b.size).toLocaleString("en-US"), String(b.value), b.detail]),
      ["", "budget", "size", "measured (app vs reference)", ""],
    ),
  );
  for (const [size, res] of Object.entries(measured)) {
    for (const p of PAGES) {
      const errs = res[p.id].summary.errors;
      if (errs.length) console.log(`\nConsole errors, ${p.label}, ${dataset(size).label}:\n  ${errs.join("\n  ")}`);
    }
  }
  console.log(`\nWritten: ${join(RESULTS, "latest.json")} (${out.seconds} s)`);
}

main().catch((e) => {
  console.error("[bench] error:", e.stack || e);
  process.exit(1);
});
