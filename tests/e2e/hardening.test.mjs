// Broken networks and a strict Content-Security-Policy: every failure is named, retried where it
// may pass, and never blanks a map that had data.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { DIST, ROOT, eventually, launch, openPage, regions, sleep, startServer } from "./harness.mjs";

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: https://cyberjapandata.gsi.go.jp https://tile.openstreetmap.org; connect-src 'self'; " +
  "frame-ancestors 'self'; base-uri 'self'; form-action 'none'; object-src 'none'";

let server, strict, browser;
before(async () => {
  server = await startServer();
  strict = await startServer({ headers: { "content-security-policy": CSP } });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await strict?.close();
});

const VALID = readFileSync(join(ROOT, "tests", "fixtures", "valid-3.geojson"));
const DATA = "**/fixtures/valid-3.geojson";
const PATH = "/?lang=en&data=fixtures/valid-3.geojson";

test("a server error is retried with backoff and then named", async () => {
  const { page, context } = await openPage(browser);
  await page.clock.install();
  let calls = 0;
  await page.route(DATA, (route) => {
    calls += 1;
    return route.fulfill({ status: 500, body: "oops" });
  });
  await page.goto(server.url + PATH);
  await page.waitForFunction(() => true);
  // Three tries: at once, after 1 s and after 3 s more. Each is counted before the clock reaches
  // the next, so a retry at once (no backoff) fails here, not only a retry that never comes.
  await eventually(async () => assert.equal(calls, 1, "the first try"));
  await page.clock.runFor(900);
  assert.equal(calls, 1, "no second try before 1 s");
  await page.clock.runFor(200);
  await eventually(async () => assert.equal(calls, 2, "the second try, after 1 s"));
  await page.clock.runFor(2_800);
  assert.equal(calls, 2, "no third try before 3 s more");
  await page.clock.runFor(300);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /HTTP status 500/);
  assert.equal(calls, 3);
  await context.close();
});

test("a transient failure that passes loads the data without an error", async () => {
  const { page, context } = await openPage(browser);
  await page.clock.install();
  let calls = 0;
  await page.route(DATA, (route) => {
    calls += 1;
    return calls === 1 ? route.abort("connectionreset") : route.fulfill({ status: 200, body: VALID, contentType: "application/geo+json" });
  });
  await page.goto(server.url + PATH);
  await page.clock.runFor(1_100);
  await regions(page).listItems.first().waitFor();
  assert.equal(await regions(page).listItems.count(), 3);
  assert.equal(await page.getByRole("alert").count(), 0);
  await context.close();
});

test("a hung connection times out with a message", async () => {
  const { page, context } = await openPage(browser);
  await page.clock.install();
  await page.route(DATA, () => {}); // never answers
  await page.goto(server.url + PATH);
  // The app starts after the page's first paint; its timers exist only once it has mounted (and
  // removed the page's frame).
  await page.locator("#boot").waitFor({ state: "detached" });
  for (const ms of [20_100, 1_000, 20_100, 3_000, 20_100]) await page.clock.runFor(ms);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /Nothing arrived for 20 seconds/);
  await context.close();
});

test("a slow response still loads", async () => {
  const { page, context } = await openPage(browser);
  await page.route(DATA, async (route) => {
    await new Promise((ok) => setTimeout(ok, 2_000));
    await route.fulfill({ status: 200, body: VALID, contentType: "application/geo+json" });
  });
  await page.goto(server.url + PATH);
  await regions(page).listItems.first().waitFor();
  assert.equal(await regions(page).listItems.count(), 3);
  await context.close();
});

test("a truncated body and a web page instead of data are named", async () => {
  for (const [body, type, expected] of [
    [VALID.subarray(0, 200), "application/geo+json", /not valid JSON/],
    ["<!doctype html><title>Moved</title>", "text/html", /not valid JSON at line 1, column 1/],
    // Saved as Shift_JIS: 長岡 is 0x92 0xB7 0x89 0xAA. Read as bytes, the file is named as not
    // UTF-8 with where, instead of being read with its names garbled.
    [Buffer.concat([VALID.subarray(0, 40), Buffer.from([0x92, 0xb7, 0x89, 0xaa]), VALID.subarray(40)]), "application/geo+json", /not UTF-8 text \(line 3, byte 41\): save it as UTF-8/],
  ]) {
    const { page, context } = await openPage(browser);
    await page.route(DATA, (route) => route.fulfill({ status: 200, body, contentType: type }));
    await page.goto(server.url + PATH);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.innerText(), expected);
    await context.close();
  }
});

test("a data file on another loopback port, not on the allow list, is refused and named", async () => {
  // A loopback address that looks local but is another origin: the page refuses it before
  // fetching. (An allowed host that sends no CORS header is the test further down.)
  const other = server.url.replace("127.0.0.1", "localhost");
  const { page, context } = await openPage(browser);
  await page.goto(`${server.url}/?lang=en&data=${encodeURIComponent(other + "/fixtures/valid-3.geojson")}`);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /is not allowed/);
  await context.close();
});

// A redirect took the address's check with it: an open redirect on this site (or on an allowed
// host) brought a file from any origin that allows CORS, and the map showed it under the city's
// address. The origin the file came from in the end is checked too.
test("a data address on this site that redirects to an origin not on the allow list is refused and named", async () => {
  // Another origin (another port) that hands the file to anyone (CORS `*`).
  let served = 0;
  const elsewhere = createServer((req, res) => {
    served += 1;
    res.writeHead(200, { "content-type": "application/geo+json", "access-control-allow-origin": "*", "cache-control": "no-store" });
    res.end(VALID);
  });
  await new Promise((ok) => elsewhere.listen(0, "127.0.0.1", ok));
  const other = `http://127.0.0.1:${elsewhere.address().port}`;
  const { page, context } = await openPage(browser);
  try {
    await page.route("**/go/elsewhere.geojson", (route) =>
      route.fulfill({ status: 302, headers: { location: `${other}/valid-3.geojson`, "cache-control": "no-store" } }),
    );
    await page.goto(`${server.url}/?lang=en&data=${encodeURIComponent("/go/elsewhere.geojson")}`);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.ok(served > 0, "the redirect was followed and answered: the refusal is the app's own");
    const text = await alert.innerText();
    assert.match(text, /is not allowed/, text);
    assert.ok(text.includes(other), `the origin named: ${text}`);
    assert.equal(await regions(page).listItems.count(), 0, "none of its places shown");
  } finally {
    await context.close();
    elsewhere.close();
  }
});

test("the data failing after a first visit: the last good data stays with its time, and Retry recovers", async () => {
  const { page, context } = await openPage(browser);
  await page.goto(server.url + PATH);
  await regions(page).listItems.first().waitFor();
  await context.setOffline(true);
  await page.reload().catch(() => {});
  // The page itself cannot load offline without a service worker; go back online for the shell
  // and fail only the data, as a flaky venue network does.
  await context.setOffline(false);
  await page.route(DATA, (route) => route.abort("internetdisconnected"));
  await page.clock.install();
  await page.goto(server.url + PATH);
  await page.clock.runFor(1_100);
  await page.clock.runFor(3_100);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.innerText(), /network could not be reached/);
  assert.match(await alert.innerText(), /Showing the data loaded at \d{4}-\d\d-\d\d \d\d:\d\d/);
  assert.equal(await regions(page).listItems.count(), 3, "the last good data is on screen");
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
  // A Retry that fails again: the focus waits on the loading line, then is on the new Retry
  // (it fell to the page's body with the old button).
  await alert.getByRole("button", { name: "Retry" }).focus();
  await page.keyboard.press("Enter");
  await page.clock.runFor(1_100);
  await page.clock.runFor(3_100);
  await alert.waitFor();
  await eventually(async () => assert.equal(await focused(), "Retry"));
  await page.unroute(DATA);
  await page.keyboard.press("Enter");
  await alert.waitFor({ state: "detached" });
  assert.equal(await regions(page).listItems.count(), 3);
  // Loaded: the focus goes to the list of places.
  await eventually(async () => assert.equal(await focused(), "Places"));
  await context.close();
});

/** Opens the app with its data file held back until the returned function is called; returns
 * once the app has started and mounted its search while the data is still on its way. */
async function openWithDataHeld(page) {
  let release;
  const held = new Promise((go) => (release = go));
  await page.route(DATA, async (route) => {
    await held;
    await route.fulfill({ status: 200, contentType: "application/geo+json", body: VALID });
  });
  await page.goto(server.url + PATH);
  await page.getByRole("searchbox").waitFor();
  await page.getByText("Loading").first().waitFor();
  return release;
}

// On a first visit the service worker's install downloads and stores every file of the app;
// registered at the start, that ran while the app read the data file and drew its first markers.
// It is registered once the data has loaded (or failed to).
test("the service worker is registered only after the data has loaded, and then keeps the app", async () => {
  const { page, context, errors } = await openPage(browser, { serviceWorkers: "allow" });
  const registrations = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
  const release = await openWithDataHeld(page);
  // Registration waits for an idle moment of up to a second (src/offline.rs): a registration at
  // start would only show after that, so the check waits past it with the data still held.
  await sleep(1_500);
  assert.equal(await registrations(), 0, "no service worker while the data loads");
  release();
  await regions(page).listItems.first().waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  assert.equal(await registrations(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

// A browser without service workers for the page (plain http from a machine on a fair's network,
// some private windows) has no `navigator.serviceWorker`: the app works online only. Asking it
// to register threw through the app's code, and the crash page covered the map a second later.
test("without service workers the app keeps working: no crash once the data has loaded", async () => {
  const { page, context, errors } = await openPage(browser, { serviceWorkers: "allow" });
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "serviceWorker", { get: () => undefined, configurable: true });
  });
  await page.goto(server.url + PATH);
  const r = regions(page);
  await r.listItems.first().waitFor();
  // Past the idle moment (up to 1 s) at which the worker would be registered.
  await sleep(2_500);
  assert.equal(await page.getByText("Something went wrong").count(), 0, "no crash page");
  await r.listItems.first().click();
  await page.locator("section.details").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

// On a slow phone the data takes seconds; the filters and the list are on screen before it.
// Each kind counted 0 and the list said "0 of 0 places", as if the city had none.
test("while the data loads, no kind counts 0 and the list counts nothing", async () => {
  const { page, context } = await openPage(browser);
  const release = await openWithDataHeld(page);
  const counts = () => page.locator(".kind-filter__count").allInnerTexts();
  assert.equal((await counts()).length, 7);
  assert.deepEqual((await counts()).filter((c) => c !== ""), [], "no count before the data");
  const listCount = page.locator(".place-list__count");
  assert.equal(await listCount.innerText(), "");
  assert.equal(await page.locator(".place-list").getAttribute("aria-busy"), "true");
  release();
  await regions(page).listItems.first().waitFor();
  assert.equal(await listCount.innerText(), "3 of 3 places");
  assert.ok((await counts()).every((c) => /^\d+$/.test(c)), `a count for every kind: ${await counts()}`);
  assert.equal(await page.locator(".place-list").getAttribute("aria-busy"), "false");
  await context.close();
});

/** Serves the build on loopback; `special(rel, res)` answers a path itself when it returns true. */
async function siteServer(special) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".geojson": "application/geo+json", ".png": "image/png" };
  const srv = createServer(async (req, res) => {
    let rel = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^\/+/, "");
    if (rel === "" || rel.startsWith("..")) rel = "index.html";
    if (await special(rel, res)) return;
    try {
      const body = await readFile(join(DIST, rel));
      res.writeHead(200, { "content-type": types[extname(rel)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => srv.listen(0, "127.0.0.1", ok));
  return { url: `http://127.0.0.1:${srv.address().port}`, close: () => new Promise((ok) => srv.close(ok)) };
}

/** A site publishing valid-3's three places (`file.body`), `four`: the same file with a fourth
 * place, "Test New Place", to publish next, and a page with service workers allowed. */
async function publishing() {
  const three = JSON.parse(VALID);
  const four = structuredClone(three);
  four.features.push({
    ...structuredClone(three.features[2]),
    properties: { ...structuredClone(three.features[2].properties), id: "test-new-place", name: { ja: "新しい場所", en: "Test New Place" } },
  });
  const file = { body: JSON.stringify(three) };
  const site = await publishingServer(file);
  return { four, file, site, ...(await openPage(browser, { serviceWorkers: "allow" })) };
}

/** Opens `site` and reloads it once the service worker controls the page: a visit through the
 * worker, so that it holds a copy of the data file (the three places of valid-3). */
async function visitThroughWorker(page, site) {
  await page.goto(site.url + "/?lang=en");
  await page.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  await page.reload();
  await page.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor();
}

/** Serves the build, with `/data/nagaoka.geojson` taken from `file.body` at each request (the city
 * publishing a new file), sent with `no-cache` as docs/deployment.md asks. */
function publishingServer(file) {
  return siteServer((rel, res) => {
    // A connection that is up but answers nothing.
    if (rel === "index.html" && file.hangPage) return true;
    if (rel !== "data/nagaoka.geojson") return false;
    // A station's Wi-Fi that answers everything with its login page.
    if (file.portal) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<html><body>Free Wi-Fi: please log in</body></html>");
      return true;
    }
    // A slow server: the file after `file.delayMs`.
    const send = () => {
      res.writeHead(200, { "content-type": "application/geo+json", "cache-control": "no-cache" });
      res.end(file.body);
    };
    if (file.delayMs) setTimeout(send, file.delayMs);
    else send();
    return true;
  });
}

test("a data file the city has just published shows on the first reload, also with the service worker, and stays offline", async () => {
  const { four, file, site, page, context, errors } = await publishing();
  try {
    await visitThroughWorker(page, site);
    file.body = JSON.stringify(four);
    await page.reload();
    await page.locator(".place-list__count", { hasText: /^4 of 4 places$/ }).waitFor({ timeout: 10_000 });
    assert.equal(await regions(page).listItems.filter({ hasText: "Test New Place" }).count(), 1);
    // And the worker's copy is the new file: offline, the same four.
    await context.setOffline(true);
    await page.reload();
    await page.locator(".place-list__count", { hasText: /^4 of 4 places$/ }).waitFor();
    assert.equal(await page.getByRole("alert").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await site.close();
  }
});

test("a file published while the server is slow shows as soon as it lands, without another reload", async () => {
  const { four, file, site, page, context } = await publishing();
  try {
    await visitThroughWorker(page, site);
    // Published, and the server takes 6 s: past the worker's wait, so the page gets the copy.
    file.body = JSON.stringify(four);
    file.delayMs = 6000;
    await page.reload();
    await page.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor();
    // The file lands in the worker: the page reads it by itself.
    await page.locator(".place-list__count", { hasText: /^4 of 4 places$/ }).waitFor({ timeout: 20_000 });
    assert.equal(await regions(page).listItems.filter({ hasText: "Test New Place" }).count(), 1);
  } finally {
    await context.close();
    await site.close();
  }
});

test("a broken or empty file published after a good one never replaces the last good data, on screen or offline", async () => {
  const good = JSON.parse(VALID);
  const empty = { ...structuredClone(good), features: [] };
  const noMeta = structuredClone(good);
  delete noMeta.meta;
  const file = { body: JSON.stringify(good) };
  const site = await publishingServer(file);
  const { page, context } = await openPage(browser, { serviceWorkers: "allow" });
  const saved = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("last-good")).map((k) => localStorage.getItem(k)).join(""));
  try {
    await visitThroughWorker(page, site);
    const before = await saved();
    assert.ok(before.includes("test-university"), "the good file is kept");
    for (const [body, says] of [
      [JSON.stringify(empty), /holds no place: the map would be empty/],
      [JSON.stringify(noMeta), /meta: is missing, so no source is known and the 3 records/],
      [JSON.stringify(good).slice(0, 700), /not valid JSON/],
    ]) {
      file.body = body;
      await page.reload();
      // The last good places stay, and the failure is named.
      await page.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor();
      await eventually(async () => assert.match(await page.locator(".notice--error").innerText(), says));
      assert.equal(await saved(), before, "the saved copy is still the good file");
      // Offline, the worker's copy is the good file too: its places, and no error.
      await context.setOffline(true);
      await page.reload();
      await page.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor();
      assert.equal(await page.locator(".notice--error").count(), 0, `offline after ${says}: the good copy, not the broken one`);
      await context.setOffline(false);
    }
  } finally {
    await context.close();
    await site.close();
  }
});

test("a file whose every place was left out says so, with its problems open, in both languages", async () => {
  // QGIS dropped `meta`: every record names a source the file no longer lists.
  const noMeta = JSON.parse(VALID);
  delete noMeta.meta;
  for (const [lang, words] of [["en", /\d+ problems were found in the data, and none of its places can be shown\./], ["ja", /表示できる場所がひとつもありません/]]) {
    const { page, context } = await openPage(browser);
    await page.route(DATA, (route) => route.fulfill({ status: 200, contentType: "application/geo+json", body: JSON.stringify(noMeta) }));
    await page.goto(server.url + PATH.replace("lang=en", `lang=${lang}`));
    const notice = page.locator("details.notice--warning");
    await notice.waitFor();
    assert.match(await notice.locator("summary").innerText(), words);
    assert.equal(await notice.evaluate((d) => d.open), true, "the problems are open to read");
    assert.match(await notice.innerText(), lang === "en" ? /paste the meta block back/ : /meta ブロックをコピーして貼り付けて/);
    await context.close();
  }
});

// The bundled data file is asked for together with the app's code (a preload from the start-up
// script), not after the app has started; a page opened with ?data= never downloads it.
test("the bundled data file is asked for with the app's code, and ?data= never downloads it", async () => {
  for (const [path, file] of [["/?lang=en", "/data/nagaoka.geojson"], [PATH, "/fixtures/valid-3.geojson"]]) {
    const { page, context, errors } = await openPage(browser);
    const order = [];
    page.on("request", (r) => {
      const p = new URL(r.url()).pathname;
      if (/\.(geojson|wasm)$/.test(p) && !p.includes("/base/")) order.push(p);
    });
    await page.route(DATA, (route) => route.fulfill({ status: 200, contentType: "application/geo+json", body: VALID }));
    await page.goto(server.url + path);
    await regions(page).listItems.first().waitFor();
    const seen = order.join(", ");
    assert.equal(order.filter((p) => p.endsWith(".geojson")).length, 1, `${path}: one data file, once: ${seen}`);
    assert.ok(order.includes(file), `${path}: ${file} is loaded: ${seen}`);
    if (file === "/data/nagaoka.geojson") {
      assert.ok(order.indexOf(file) < order.findIndex((p) => p.endsWith(".wasm")), `${path}: asked for before the app's code: ${seen}`);
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("under a strict Content-Security-Policy the app runs with no violation", async () => {
  const { page, context, errors } = await openPage(browser);
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await page.goto(strict.url + "/?lang=en");
  const r = regions(page);
  await r.listItems.first().waitFor();
  const firstName = await r.listItems.first().locator(".place-list__name").innerText();
  await r.listItems.first().click();
  await page.getByRole("region", { name: firstName }).waitFor();
  await page.getByRole("searchbox").fill("station");
  await page.waitForTimeout(300);
  // The living-cost side too: an area's month, the area layer, two areas compared (laid out in
  // two columns: a style attribute for that was refused here) and a shortlist with its code.
  await page.goto(strict.url + "/?lang=en&area=area-yoita&layer=land_price&compare=area-tochio,area-yoita&shortlist=area-tochio");
  const compare = page.getByRole("table", { name: "Compare areas" });
  await compare.waitFor();
  await page.locator(".shortlist .qr__code").waitFor();
  const tracks = await compare.locator("tbody tr").first().evaluate((tr) => getComputedStyle(tr).gridTemplateColumns.split(" ").length);
  assert.equal(tracks, 2, "two areas, two columns");
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a crash shows a friendly page with a reload link and logs the detail", async () => {
  const { page, context, errors } = await openPage(browser);
  await page.goto(server.url + PATH);
  await regions(page).listItems.first().waitFor();
  const here = await page.evaluate(() => {
    const href = location.href;
    try {
      window.wasmBindings.crash_for_test();
    } catch {
      // The wasm trap after the panic hook surfaces here as an exception.
    }
    return href;
  });
  const alert = page.getByRole("alert").filter({ hasText: "Something went wrong" });
  await alert.waitFor();
  assert.match(await alert.innerText(), /問題が発生しました/);
  const reload = alert.getByRole("link", { name: /Reload/ });
  assert.equal(await reload.getAttribute("href"), here, "the reload link keeps the view");
  assert.ok(errors.some((e) => /crash requested by crash_for_test/.test(e)), "the detail is in the console");
  // Nothing of the dead app is reached behind it: Tab from the link stays off the app.
  assert.deepEqual(
    await page.evaluate(() => [...document.querySelectorAll("header, main")].map((el) => !!el.closest("[inert]"))),
    [true, true],
    "the app behind is inert: out of the accessibility tree and of Tab's reach",
  );
  await reload.focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest("header, main")), false, "Tab does not reach the app behind");
  await reload.click();
  await regions(page).listItems.first().waitFor();
  await context.close();
});

test("an exception that escapes through the app's code shows the friendly page, not a half-working screen", async () => {
  const { page, context, errors } = await openPage(browser);
  // Leaflet throws inside a call the app makes once, with nothing to retry it: drawing the city's
  // outline. Before, the app went on with whatever that task had left half done; when other tasks
  // were waiting behind it, they never ran, and the screen stayed at "Loading the data…".
  await page.addInitScript(() => {
    let leaflet;
    Object.defineProperty(window, "L", {
      configurable: true,
      get: () => leaflet,
      set(value) {
        leaflet = value;
        value.Polygon.prototype.addTo = function () {
          throw new Error("the outline failed for the test");
        };
      },
    });
  });
  await page.goto(server.url + PATH);
  const alert = page.getByRole("alert").filter({ hasText: "Something went wrong" });
  await alert.waitFor();
  assert.match(await alert.innerText(), /問題が発生しました/);
  assert.equal(await alert.getByRole("link", { name: /Reload/ }).count(), 1);
  assert.ok(errors.some((e) => /the outline failed for the test/.test(e)), "the detail is in the console");
  await context.close();
});

test("an error a script throws on its own, outside the app's code, leaves the app as it was", async () => {
  const { page, context, errors } = await openPage(browser);
  await page.goto(server.url + PATH);
  const r = regions(page);
  await r.listItems.first().waitFor();
  await page.evaluate(() => {
    setTimeout(() => {
      throw new Error("thrown outside the app");
    });
    Promise.reject(new Error("rejected outside the app"));
  });
  await page.waitForFunction(() => true);
  const second = (await r.listItems.nth(1).innerText()).split("\n")[0];
  await r.listItems.nth(1).click();
  await page.getByRole("region", { name: second }).waitFor();
  assert.equal(await page.getByRole("alert").filter({ hasText: "Something went wrong" }).count(), 0);
  assert.ok(errors.some((e) => /thrown outside the app/.test(e)), "the error did happen");
  await context.close();
});

test("an allowed data host that refuses cross-origin reads is named as a network failure", async () => {
  // The test build allows http://localhost:47812 (scripts/test); this server sends no CORS header.
  const { createServer } = await import("node:http");
  const refusing = createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/geo+json" });
    res.end(VALID);
  });
  await new Promise((ok) => refusing.listen(47812, "127.0.0.1", ok));
  try {
    const { page, context } = await openPage(browser);
    await page.clock.install();
    await page.goto(`${server.url}/?lang=en&data=${encodeURIComponent("http://localhost:47812/data.geojson")}`);
    await page.clock.runFor(1_100);
    await page.clock.runFor(3_100);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.innerText(), /Could not load the data from http:\/\/localhost:47812\/data\.geojson/);
    assert.match(await alert.innerText(), /network could not be reached, or the server refused/);
    await context.close();
  } finally {
    await new Promise((ok) => refusing.close(ok));
  }
});

test("a data file larger than any allowed is refused without being downloaded whole", async () => {
  // An allowed host that never stops sending: the app stops reading once the limit is passed.
  const { createServer } = await import("node:http");
  let sent = 0;
  let closed = false;
  const endless = createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/geo+json", "access-control-allow-origin": "*" });
    const spaces = Buffer.alloc(1 << 20, 0x20);
    res.write('{"type": "FeatureCollection", "features": [');
    const more = () => {
      // At most 400 MiB, so that the test ends whatever the app does.
      while (!closed && sent < 400 * 2 ** 20) {
        sent += spaces.length;
        if (!res.write(spaces)) return res.once("drain", more);
      }
      res.end();
    };
    res.on("close", () => (closed = true));
    more();
  });
  await new Promise((ok) => endless.listen(47812, "127.0.0.1", ok));
  try {
    const { page, context } = await openPage(browser);
    await page.goto(`${server.url}/?lang=en&data=${encodeURIComponent("http://localhost:47812/huge.geojson")}`);
    const notice = page.getByText(/more than the 33,554,432 bytes this app reads/);
    await notice.waitFor({ timeout: 60_000 });
    await eventually(() => assert.ok(closed, "the app closed the download"), 10_000);
    // The network runs ahead of the reading (the browser's and the system's buffers): past the
    // 32 MiB limit, but nowhere near the 400 MiB a download to the end would be.
    assert.ok(sent < 200 * 2 ** 20, `stopped soon after the 32 MiB limit: ${(sent / 2 ** 20).toFixed(0)} MiB sent`);
    await context.close();
  } finally {
    closed = true;
    endless.closeAllConnections?.();
    await new Promise((ok) => endless.close(ok));
  }
});

test("the same problem in many records is one line of the notice, naming the records, in both languages", async () => {
  // QGIS adds `fid` to every record it saves.
  const withFid = JSON.parse(VALID);
  withFid.features.forEach((f, i) => (f.properties.fid = i + 1));
  const n = withFid.features.length;
  for (const [lang, summary, line] of [
    ["en", new RegExp(`^${n} problems were found in the data`), new RegExp(`^${n} places, field properties\\.fid: is not a field of format version 1\\. It is ignored in each\\. \\(features\\[0\\]`)],
    ["ja", new RegExp(`^データに${n}件の問題が見つかりました`), new RegExp(`^${n}件の場所の properties\\.fid は形式バージョン1の項目ではありません（対象：features\\[0\\]`)],
  ]) {
    const { page, context } = await openPage(browser);
    await page.route(DATA, (route) => route.fulfill({ status: 200, contentType: "application/geo+json", body: JSON.stringify(withFid) }));
    await page.goto(server.url + PATH.replace("lang=en", `lang=${lang}`));
    const notice = page.locator("details.notice--warning");
    await notice.waitFor();
    assert.match(await notice.locator("summary").innerText(), summary, "the summary still counts every problem");
    await notice.locator("summary").click();
    const items = notice.locator("li");
    assert.equal(await items.count(), 1, "one line for the one problem");
    assert.match(await items.first().innerText(), line);
    await context.close();
  }
});

test("a failed file's long address wraps in its notice on a small phone: the page never scrolls sideways", async () => {
  // Not found; a name with no place to break a line (underscores, no hyphens or slashes).
  const long = "fixtures/nagaoka_city_relocation_map_data_file_published_20261126_final_version.geojson";
  for (const lang of ["en", "ja"]) {
    const { page, context } = await openPage(browser, { viewport: { width: 320, height: 568 }, isMobile: true, hasTouch: true });
    await page.goto(`${server.url}/?lang=${lang}&data=${encodeURIComponent(long)}`);
    await page.locator(".notice--error").waitFor();
    const [scroll, client] = await page.evaluate(() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]);
    assert.ok(scroll <= client, `${lang}: the page is ${scroll} px wide on a ${client} px screen`);
    await context.close();
  }
});

test("an open list of many problems scrolls in its own box: the map and the list keep their room", async () => {
  // Twenty records, each with a different mistake in a different field, so that none group.
  const doc = JSON.parse(VALID);
  const base = doc.features[0];
  doc.features = Array.from({ length: 20 }, (_, i) => {
    const f = structuredClone(base);
    f.properties.id = `place-${i}`;
    f.properties[`extra_${i}`] = i;
    return f;
  });
  const { page, context } = await openPage(browser, { viewport: { width: 1366, height: 768 } });
  await page.route(DATA, (route) => route.fulfill({ status: 200, contentType: "application/geo+json", body: JSON.stringify(doc) }));
  await page.goto(server.url + PATH);
  const notice = page.locator("details.notice--warning");
  await notice.waitFor();
  await notice.locator("summary").click();
  assert.equal(await notice.locator("li").count(), 20);
  const list = notice.locator(".notice__list");
  const [scroll, client] = await list.evaluate((el) => [el.scrollHeight, el.clientHeight]);
  assert.ok(scroll > client, `the list scrolls in its box (${scroll} in ${client} px)`);
  assert.equal(await list.getAttribute("tabindex"), "0", "and a keyboard can stop there to scroll it");
  const map = await page.locator(".map").boundingBox();
  assert.ok(map.height >= 300, `the map keeps ${map.height} px`);
  await context.close();
});

test("places that all stand at one point, or a file of one place, show on the map and bring nothing down", async () => {
  const doc = JSON.parse(VALID);
  const base = doc.features[0];
  for (const n of [20, 1]) {
    const file = { ...doc, features: Array.from({ length: n }, (_, i) => ({ ...structuredClone(base), properties: { ...base.properties, id: `same-point-${i}` } })) };
    const { page, context } = await openPage(browser, { viewport: { width: 1366, height: 768 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.route(DATA, (route) => route.fulfill({ status: 200, contentType: "application/geo+json", body: JSON.stringify(file) }));
    await page.goto(server.url + PATH);
    await regions(page).listItems.first().waitFor();
    assert.equal(await regions(page).listItems.count(), n);
    await eventually(async () => assert.ok((await page.locator(".leaflet-marker-pane > *").count()) >= 1, "a marker stands there"));
    await page.waitForTimeout(800);
    assert.equal(await page.locator(".crash").count(), 0, `${n} place(s) at one point: the page is still there`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("with no data at all, the map shows the whole city and the sidebar says in one line why it is empty", async () => {
  for (const [lang, words] of [["en", /nothing to show until the data loads/], ["ja", /データを読み込めていないため、表示できる内容がありません/]]) {
    const { page, context } = await openPage(browser, { viewport: { width: 1366, height: 768 } });
    await page.route(DATA, (route) => route.fulfill({ status: 200, contentType: "application/geo+json", body: "{ not json" }));
    await page.goto(server.url + PATH.replace("lang=en", `lang=${lang}`));
    await page.locator(".notice--error").waitFor();
    const empty = page.locator(".sidebar__empty");
    await empty.waitFor();
    assert.match(await empty.innerText(), words);
    for (const gone of [".filters", ".place-list", ".living"]) {
      assert.equal(await page.locator(gone).first().isVisible().catch(() => false), false, `${lang}: ${gone} is not shown`);
    }
    // The whole outline is in the map's box.
    await page.locator(".city-outline").first().waitFor();
    await eventually(async () => {
      const map = await page.locator(".map").boundingBox();
      const outline = await page.locator(".city-outline").evaluateAll((paths) => {
        const r = paths.map((p) => p.getBoundingClientRect());
        return { left: Math.min(...r.map((x) => x.left)), top: Math.min(...r.map((x) => x.top)), right: Math.max(...r.map((x) => x.right)), bottom: Math.max(...r.map((x) => x.bottom)) };
      });
      assert.ok(outline.left >= map.x && outline.right <= map.x + map.width && outline.top >= map.y && outline.bottom <= map.y + map.height, `${lang}: the outline ${JSON.stringify(outline)} is inside the map ${JSON.stringify(map)}`);
    });
    // The data comes: everything is back.
    await page.unroute(DATA);
    await page.getByRole("button", { name: lang === "en" ? "Retry" : "再読み込み" }).click();
    await regions(page, lang === "en" ? undefined : { list: "場所の一覧", map: "長岡市の地図" }).listItems.first().waitFor();
    assert.equal(await empty.count(), 0);
    await context.close();
  }
});

test("with the service worker, a page that hangs opens from the cache, and a Wi-Fi login page is never kept as the data", async () => {
  const file = { body: VALID.toString() };
  const site = await publishingServer(file);
  const { page, context, errors } = await openPage(browser, { serviceWorkers: "allow" });
  try {
    await visitThroughWorker(page, site);
    // The login page answers the data file: the saved copy shows, and no error about JSON.
    file.portal = true;
    await page.reload();
    await page.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor();
    assert.equal(await page.locator(".notice--error").count(), 0, "no error: the worker answered with its copy");
    // Offline afterwards, the copy is still the data file, not the login page.
    await context.setOffline(true);
    await page.reload();
    await page.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor();
    assert.equal(await page.locator(".notice--error").count(), 0, "offline: the copy, not a page of HTML");
    await context.setOffline(false);
    file.portal = false;
    // The network is up but answers nothing: the app opens from the cache after a few seconds.
    file.hangPage = true;
    const started = Date.now();
    await page.goto(site.url + "/?lang=en", { waitUntil: "commit", timeout: 15_000 });
    await page.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor({ timeout: 15_000 });
    assert.ok(Date.now() - started < 12_000, `the app opened after ${Date.now() - started} ms`);
    assert.deepEqual(errors.filter((e) => !/Failed to fetch/.test(e)), []);
  } finally {
    await context.close();
    await site.close();
  }
});

test("the frame says the map is loading from the first paint, and if the app's code never arrives, says so with a way to retry", async () => {
  for (const lang of ["en", "ja"]) {
    const { page, context } = await openPage(browser);
    let release;
    const held = new Promise((go) => (release = go));
    let fail = true;
    await page.route("**/*_bg.wasm", async (route) => {
      await held;
      return fail ? route.abort("connectionreset") : route.continue();
    });
    await page.goto(`${server.url}/?lang=${lang}`);
    const status = page.locator(".boot__status");
    await status.waitFor();
    assert.equal((await status.innerText()).trim(), lang === "en" ? "Loading the map…" : "地図を読み込んでいます…", "in the page's language only");
    assert.equal((await page.locator("#boot .app-header__title").innerText()).trim(), lang === "en" ? "Nagaoka relocation map" : "長岡 移住マップ", "the frame's title too");
    release();
    const failed = page.locator(".boot__failed");
    await failed.waitFor({ state: "visible" });
    assert.match(await failed.innerText(), lang === "en" ? /^The map could not be loaded\. Check the connection and try again\.\s+Reload$/ : /^地図を読み込めませんでした。[\s\S]*再読み込み$/);
    assert.equal(await status.count(), 0);
    // The connection is back: the button loads the page again, and the app starts.
    fail = false;
    await page.getByRole("button", { name: lang === "en" ? "Reload" : "再読み込み" }).click();
    await regions(page, lang === "en" ? undefined : { list: "場所の一覧", map: "長岡市の地図" }).listItems.first().waitFor();
    await context.close();
  }
});

// A browser that runs no WebAssembly (turned off, as by an iPhone's Lockdown Mode) was told to
// check its connection, which was fine.
test("where WebAssembly is turned off, the frame says so instead of blaming the connection", async () => {
  for (const [lang, words] of [["en", /^The map cannot run in this browser: WebAssembly is turned off here/], ["ja", /^このブラウザでは WebAssembly が無効になっているため/]]) {
    const { page, context } = await openPage(browser, { locale: lang === "en" ? "en-GB" : "ja-JP" });
    await page.addInitScript(() => {
      delete window.WebAssembly;
    });
    await page.goto(`${server.url}/?lang=${lang}`);
    const failed = page.locator(".boot__failed");
    await failed.waitFor({ state: "visible" });
    const text = await failed.innerText();
    assert.match(text, words);
    assert.doesNotMatch(text, lang === "en" ? /connection/ : /接続/, "the connection is not blamed");
    await context.close();
  }
});

test("a returning visitor whose data file stalls sees the saved copy within seconds, marked as such", async () => {
  const { page, context } = await openPage(browser);
  await page.goto(server.url + PATH);
  await regions(page).listItems.first().waitFor();
  // Kept as the last good copy a task after the screen has it.
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith("nagaoka-map:last-good:")));
  await page.route(DATA, () => {}); // never answers
  const started = Date.now();
  await page.reload();
  await regions(page).listItems.first().waitFor({ timeout: 12_000 });
  assert.ok(Date.now() - started < 10_000, `the saved copy showed after ${Date.now() - started} ms`);
  assert.match(await page.locator(".status-bar__live").innerText(), /^Showing the data loaded at \d{4}-\d\d-\d\d \d\d:\d\d while the latest copy loads\.$/);
  await context.close();
});

test("a data file that trickles in over more than 20 seconds still loads: only a wait with nothing arriving times out", async () => {
  // 25 s for the whole file, a piece a second: no gap of 20 s, but longer than 20 s in all.
  const body = Buffer.from(VALID);
  const pieces = 25;
  const site = await siteServer(async (rel, res) => {
    if (rel !== "fixtures/valid-3.geojson") return false;
    res.writeHead(200, { "content-type": "application/geo+json", "cache-control": "no-store" });
    const size = Math.ceil(body.length / pieces);
    for (let i = 0; i < pieces; i++) {
      res.write(body.subarray(i * size, (i + 1) * size));
      await new Promise((go) => setTimeout(go, 1_000));
    }
    res.end();
    return true;
  });
  const { page, context } = await openPage(browser);
  try {
    await page.goto(site.url + PATH);
    await page.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor({ timeout: 40_000 });
    assert.equal(await page.locator(".notice--error").count(), 0);
  } finally {
    await context.close();
    await site.close();
  }
});

test("if Leaflet's file does not arrive, the map's box says so and the list still has every place", async () => {
  for (const [lang, words] of [["en", /^The map could not be loaded\. Every place is in the list/], ["ja", /^地図を読み込めませんでした。場所はすべて一覧でご覧いただけます/]]) {
    const { page, context } = await openPage(browser);
    await page.route("**/vendor/leaflet/leaflet.js", (route) => route.abort("connectionreset"));
    await page.goto(server.url + PATH.replace("lang=en", `lang=${lang}`));
    const note = page.locator(".map__failed");
    await note.waitFor();
    assert.match(await note.innerText(), words);
    await regions(page, lang === "en" ? undefined : { list: "場所の一覧", map: "長岡市の地図" }).listItems.first().waitFor();
    assert.equal(await regions(page, lang === "en" ? undefined : { list: "場所の一覧", map: "長岡市の地図" }).listItems.count(), 3);
    await context.close();
  }
});

test("offline, the worker's saved copy says it is one and from when; back online, the new data comes by itself", async () => {
  const { four, file, site, page, context } = await publishing();
  try {
    await visitThroughWorker(page, site);
    assert.equal(await page.locator(".notice--info").count(), 0, "from the network: nothing to say");
    await context.setOffline(true);
    await page.reload();
    await page.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor();
    const note = page.locator(".notice--info");
    await note.waitFor();
    assert.match(await note.innerText(), /^The latest data could not be fetched: showing the data saved at \d{4}-\d\d-\d\d \d\d:\d\d\./);
    // The city publishes meanwhile; the connection comes back, and the open tab gets it.
    file.body = JSON.stringify(four);
    await context.setOffline(false);
    await page.locator(".place-list__count", { hasText: /^4 of 4 places$/ }).waitFor({ timeout: 15_000 });
    await eventually(async () => assert.equal(await note.count(), 0, "the note goes with the copy"));
  } finally {
    await context.close();
    await site.close();
  }
});

test("without JavaScript the frame says, in both languages, that the map needs it, and claims no loading", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url + "/?lang=en");
  const sidebar = page.locator("#boot .sidebar");
  const text = await sidebar.innerText();
  assert.match(text, /この地図を使うには JavaScript を有効にしてください。/);
  assert.match(text, /This map needs JavaScript\./);
  assert.equal(await page.locator(".boot__status").isVisible(), false, "nothing is loading");
  assert.match(await page.locator("#boot .app-header__title").innerText(), /長岡 移住マップ\s+Nagaoka relocation map/);
  await context.close();
});
