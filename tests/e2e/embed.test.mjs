// The map in an iframe on another origin: it fits, does not take the host's scrolling, and talks
// only to the host origin it was built to trust (http://localhost:47811 in the test build).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, eventually, launch, openPage, startServer } from "./harness.mjs";

const TRUSTED_PORT = 47811;

function hostServer(port) {
  const server = createServer(async (req, res) => {
    const name = new URL(req.url, "http://x").pathname.slice(1) || "embed-host.html";
    try {
      const body = await readFile(join(ROOT, "tests", "e2e", "host", name.replace(/[^a-z.-]/g, "")));
      res.writeHead(200, { "content-type": name.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  // A port already taken fails the run at once (it waited for ever).
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok(server));
  });
}

let app, trusted, stranger, browser;
before(async () => {
  app = await startServer();
  trusted = await hostServer(TRUSTED_PORT);
  stranger = await hostServer(0);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await app?.close();
  trusted?.close();
  stranger?.close();
});

const hostUrl = (origin, { w = 600, h = 450, query = "lang=en&data=fixtures/valid-3.geojson" } = {}) =>
  `${origin}/embed-host.html?w=${w}&h=${h}&app=${encodeURIComponent(`${app.url}/?mode=embed&${query}`)}`;
const TRUSTED = `http://localhost:${TRUSTED_PORT}`;

async function openHost(url, options, list = "Places") {
  const session = await openPage(browser, { viewport: { width: 1000, height: 700 }, ...options });
  await session.page.goto(url);
  const frame = session.page.frameLocator("#map");
  await frame.getByRole("list", { name: list }).getByRole("button").first().waitFor();
  return { ...session, frame };
}

test("the embed fits 600 x 450 and 320 x 480 without horizontal scrolling", async () => {
  for (const [w, h] of [[600, 450], [320, 480]]) {
    const { page, context, frame } = await openHost(hostUrl(TRUSTED, { w, h }));
    const inner = page.frames().find((f) => f.url().startsWith(app.url));
    const { scrollWidth, clientWidth } = await inner.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    assert.ok(scrollWidth <= clientWidth, `${w}x${h}: ${scrollWidth} > ${clientWidth}`);
    // Every kind's box keeps its size, also where its name wraps (KOSEN at 600 px).
    const boxes = await inner.evaluate(() =>
      [...document.querySelectorAll(".kind-filter input")].map((b) => Math.round(b.getBoundingClientRect().width)),
    );
    assert.equal(boxes.length, 7);
    assert.deepEqual(new Set(boxes).size, 1, `${w}x${h}: kind boxes of ${boxes.join(", ")} px`);
    const link = frame.getByRole("link", { name: "Open the full map" });
    assert.equal(await link.getAttribute("target"), "_blank");
    assert.doesNotMatch(await link.getAttribute("href"), /mode=embed/);
    await context.close();
  }
  // In Japanese, a long name kept whole as one phrase (東急エージェンシー 長岡技術科学大学内オフィス)
  // ran 7 px past its row in a 600 px frame's sidebar.
  const { page, context } = await openHost(hostUrl(TRUSTED, { w: 600, h: 450, query: "lang=ja" }), {}, "場所の一覧");
  const inner = page.frames().find((f) => f.url().startsWith(app.url));
  const over = await inner.evaluate(() =>
    [...document.querySelectorAll(".place-list__item")]
      .filter((row) => row.scrollWidth > row.clientWidth + 1)
      .map((row) => `${row.querySelector(".place-list__name")?.textContent}: ${row.scrollWidth} > ${row.clientWidth}`),
  );
  assert.deepEqual(over, [], "every name fits its row");
  await context.close();
});

test("the host hears ready, height and selection events", async () => {
  const { page, context, frame } = await openHost(hostUrl(TRUSTED));
  await page.waitForFunction(() => window.mapMessages.some((m) => m.type === "ready"));
  await frame.getByRole("button", { name: /Test University/ }).first().click();
  await page.waitForFunction(() => window.mapMessages.some((m) => m.type === "selection"));
  const messages = await page.evaluate(() => window.mapMessages);
  assert.deepEqual(messages.find((m) => m.type === "ready"), { protocol: "nagaoka-map", version: 1, type: "ready", lang: "en" });
  assert.equal(messages.find((m) => m.type === "height").px, 450);
  assert.deepEqual(messages.filter((m) => m.type === "selection").map((m) => m.place), ["test-university"]);
  await context.close();
});

test("commands from the trusted host work", async () => {
  const { page, context, frame } = await openHost(hostUrl(TRUSTED));
  await page.waitForFunction(() => window.mapMessages.some((m) => m.type === "ready"));
  await page.evaluate(() => window.sendToMap({ type: "select", place: "test-station" }));
  await frame.getByRole("region", { name: "Test Station" }).waitFor();
  // A place the data does not have is ignored like any unknown command: the selection, the
  // address and what the host hears stay as they were.
  const inner = page.frames().find((f) => f.url().startsWith(app.url));
  await page.evaluate(() => window.sendToMap({ type: "select", place: "no-such-place" }));
  await page.evaluate(() => window.sendToMap({ type: "setFilters", q: "" }));
  await frame.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor();
  assert.equal(await frame.getByRole("region", { name: "Test Station" }).count(), 1);
  assert.match(inner.url(), /place=test-station/);
  assert.deepEqual((await page.evaluate(() => window.mapMessages)).filter((m) => m.type === "selection").map((m) => m.place), ["test-station"]);
  await page.evaluate(() => window.sendToMap({ type: "setFilters", q: "university" }));
  await frame.locator(".place-list__count", { hasText: /^1 of 3 places$/ }).waitFor();
  await page.evaluate(() => window.sendToMap({ type: "setLang", lang: "ja" }));
  await frame.locator(".place-list__count", { hasText: /^3件中1件$/ }).waitFor();
  // The visitor's own switch is told to the host, which may follow it.
  await frame.getByRole("button", { name: "English" }).click();
  await page.waitForFunction(() => window.mapMessages.some((m) => m.type === "lang" && m.lang === "en"));
  assert.deepEqual((await page.evaluate(() => window.mapMessages)).filter((m) => m.type === "lang").map((m) => m.lang), ["ja", "en"]);
  await context.close();
});

// The host is told to send its commands as soon as it hears `ready`, which comes before the data:
// a place it asks for then is checked against the data once that arrives. An id the data lacks was
// chosen at once: it went into the frame's address and back to the host as the selection.
test("a place the host asks for before the data arrives is chosen if the data has it, else ignored", async () => {
  for (const [place, shown] of [["no-such-place", null], ["test-station", "Test Station"]]) {
    const session = await openPage(browser, { viewport: { width: 1000, height: 700 } });
    const { page, context } = session;
    let release;
    const held = new Promise((ok) => (release = ok));
    await context.route("**/fixtures/valid-3.geojson", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(hostUrl(TRUSTED));
    await page.waitForFunction(() => window.mapMessages.some((m) => m.type === "ready"));
    await page.evaluate((place) => window.sendToMap({ type: "select", place }), place);
    const frame = page.frameLocator("#map");
    await frame.getByText("Loading").first().waitFor();
    release();
    await frame.getByRole("list", { name: "Places" }).getByRole("button").first().waitFor();
    const inner = page.frames().find((f) => f.url().startsWith(app.url));
    if (shown) {
      await frame.getByRole("region", { name: shown }).waitFor();
      await eventually(async () => assert.match(inner.url(), new RegExp(`place=${place}`)));
      await eventually(async () => assert.deepEqual((await page.evaluate(() => window.mapMessages)).filter((m) => m.type === "selection").map((m) => m.place), [place]));
    } else {
      await page.evaluate(() => window.sendToMap({ type: "setFilters", q: "" }));
      await frame.locator(".place-list__count", { hasText: /^3 of 3 places$/ }).waitFor();
      assert.doesNotMatch(inner.url(), /place=/, "the unknown id is not in the frame's address");
      assert.deepEqual((await page.evaluate(() => window.mapMessages)).filter((m) => m.type === "selection"), [], "nothing chosen is told to the host");
      assert.equal(await frame.getByText(/not found|no longer/i).count(), 0, "no “not found” panel");
    }
    await context.close();
  }
});

test("a place chosen by the host neither scrolls the host page nor takes its focus", async () => {
  // The frame is below the fold, the visitor is reading the host's text.
  const { page, context, frame } = await openHost(hostUrl(TRUSTED));
  await page.waitForFunction(() => window.mapMessages.some((m) => m.type === "ready"));
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  await page.evaluate(() => window.sendToMap({ type: "select", place: "test-station" }));
  await frame.getByRole("region", { name: "Test Station" }).waitFor();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.scrollY), 0, "the host page stays where the visitor is");
  assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), "IFRAME", "focus stays on the host page");
  // Chosen inside the frame, the place's heading takes the focus as before.
  await frame.getByRole("list", { name: "Places" }).getByRole("button", { name: /Test University/ }).click();
  const heading = frame.getByRole("heading", { name: "Test University" });
  await heading.waitFor();
  await eventuallyFocused(heading);
  await context.close();
});

// With the real data the list is long: the place opened below the panel's fold (at y = 581 in a
// 450 px frame, 822 in a 480 px one), and the visitor saw only its marker. The frame's own panel
// now brings it up; the host page still stays where it is.
test("a place the host chooses, or the frame's address names, opens in sight in the frame's panel", async () => {
  for (const [w, h, query, command] of [
    [600, 450, "lang=en", { type: "select", place: "kita-nagaoka-station" }],
    [320, 480, "lang=ja&place=nagaoka-station", null],
  ]) {
    const { page, context, frame } = await openHost(hostUrl(TRUSTED, { w, h, query }), {}, query.includes("ja") ? "場所の一覧" : "Places");
    await page.waitForFunction(() => window.mapMessages.some((m) => m.type === "ready"));
    if (command) await page.evaluate((c) => window.sendToMap(c), command);
    await frame.locator("section.details").waitFor();
    const inner = page.frames().find((f) => f.url().startsWith(app.url));
    await eventually(async () => {
      const { top, panelTop, panelBottom } = await inner.evaluate(() => {
        const d = document.querySelector("section.details");
        let box = d.parentElement;
        while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
        const r = box.getBoundingClientRect();
        return { top: d.getBoundingClientRect().top, panelTop: Math.max(r.top, 0), panelBottom: Math.min(r.bottom, innerHeight) };
      });
      assert.ok(top >= panelTop - 1 && top <= panelTop + 24 && top < panelBottom - 40, `${w}×${h} ${query}: the place's panel at ${top}, its box ${panelTop}–${panelBottom}`);
    });
    assert.equal(await page.evaluate(() => window.scrollY), 0, "the host page stays where the visitor is");
    assert.notEqual(await page.evaluate(() => document.activeElement?.tagName), "IFRAME", "focus stays on the host page");
    await context.close();
  }
});

// Leaflet focuses the map on a first press, and its focus scrolled the host page to the frame
// (130 px at 1,000 × 700 here, the frame half below the fold).
test("a first press on the map, with the frame half below the host's fold, leaves the host page where it is", async () => {
  const { page, context, frame } = await openHost(hostUrl(TRUSTED));
  await page.evaluate(() => window.scrollTo(0, 600));
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => window.scrollY);
  const inner = page.frames().find((f) => f.url().startsWith(app.url));
  // An empty spot of the map (no marker, no control), in the part of the frame in the window.
  const spot = await inner.evaluate(() => {
    const c = document.querySelector(".leaflet-container").getBoundingClientRect();
    for (let y = c.top + 20; y < c.bottom - 20; y += 15) {
      for (let x = c.left + 20; x < c.right - 20; x += 15) {
        const el = document.elementFromPoint(x, y);
        if (el && el.closest(".leaflet-container") && !el.closest(".leaflet-marker-pane, .leaflet-control, .leaflet-overlay-pane path")) return { x, y };
      }
    }
    return null;
  });
  assert.ok(spot, "an empty spot on the map");
  const frameBox = await page.locator("#map").boundingBox();
  const at = { x: frameBox.x + 1 + spot.x, y: frameBox.y + 1 + spot.y };
  assert.ok(at.y < 700, `the spot is in the host's window: ${at.y}`);
  await page.mouse.click(at.x, at.y);
  await eventually(async () => assert.equal(await inner.evaluate(() => document.activeElement?.classList.contains("leaflet-container")), true, "the map has the focus"));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.scrollY), before, "the host page did not move");
  // The zoom buttons give the focus back to the map after a click too (242 px at 1,280 × 800).
  await inner.evaluate(() => document.activeElement?.blur());
  assert.equal(await inner.evaluate(() => document.activeElement === document.body), true, "the map has let the focus go");
  await page.evaluate(() => window.scrollTo(0, 600));
  await page.waitForTimeout(300);
  const again = await page.evaluate(() => window.scrollY);
  const plus = await inner.evaluate(() => {
    const r = document.querySelector(".leaflet-control-zoom-in").getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  assert.ok(frameBox.y + 1 + plus.y < 700, "the + button is in the host's window");
  await page.mouse.click(frameBox.x + 1 + plus.x, frameBox.y + 1 + plus.y);
  await eventually(async () => assert.equal(await inner.evaluate(() => document.activeElement?.classList.contains("leaflet-container")), true, "the map has the focus after +"));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.scrollY), again, "the host page did not move for +");
  await context.close();
});

test("choices and in-page links inside the frame add nothing to the host page's history: its Back leaves the page", async () => {
  const { page, context, frame } = await openHost(hostUrl(TRUSTED, { w: 320, h: 480 }));
  await page.waitForFunction(() => window.mapMessages.some((m) => m.type === "ready"));
  const length = await page.evaluate(() => history.length);
  const list = frame.getByRole("list", { name: "Places" });
  await list.getByRole("button", { name: /Test University/ }).click();
  await frame.getByRole("region", { name: "Test University" }).waitFor();
  await list.getByRole("button", { name: /Test Station/ }).click();
  await frame.getByRole("region", { name: "Test Station" }).waitFor();
  const link = frame.getByRole("link", { name: /^Show on the map/ });
  await link.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  await link.click();
  const inner = page.frames().find((f) => f.url().startsWith(app.url));
  await eventually(async () => assert.equal(await inner.evaluate(() => document.activeElement?.id), "map-region"));
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, "the host page stays where it was");
  assert.equal(await page.evaluate(() => history.length), length, "the host's history is as it was");
  // The frame's address still follows the view, for a reload and "Open the full map".
  assert.match(inner.url(), /place=test-station/);
  assert.doesNotMatch(inner.url(), /#/);
  await context.close();
});

test("choosing an area inside the frame scrolls the frame's panel, never the host page", async () => {
  const { page, context, frame } = await openHost(hostUrl(TRUSTED, { query: "lang=en" }));
  // The frame in view a little below the host window's top, as a reader scrolled to it.
  await page.evaluate(() => window.scrollTo(0, 800));
  const before = await page.evaluate(() => window.scrollY);
  await frame.getByRole("link", { name: "Areas and living costs", exact: true }).click();
  await page.waitForTimeout(300);
  const afterLink = await page.evaluate(() => window.scrollY);
  await frame.getByRole("button", { name: "Tochio", exact: true }).click();
  const heading = frame.getByRole("heading", { name: /A month in Tochio and in Tokyo's 23 wards/ });
  await eventuallyFocused(heading);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.scrollY), afterLink, "the host page did not move");
  assert.equal(afterLink, before, "nor did the link to the areas move it");
  // The month's heading is at the top of the frame's panel, in sight.
  const inner = page.frames().find((f) => f.url().startsWith(app.url));
  const { top, panelTop } = await inner.evaluate(() => {
    const h = document.querySelector("#budget-heading");
    let box = h.parentElement;
    while (box && box.scrollHeight <= box.clientHeight) box = box.parentElement;
    return { top: h.getBoundingClientRect().top, panelTop: box.getBoundingClientRect().top };
  });
  // Just below it: a margin keeps its focus ring in sight (cut off at the edge before).
  assert.ok(top >= panelTop + 4 && top <= panelTop + 24, `the heading at the panel's top, its ring in sight: ${top} vs ${panelTop}`);
  await context.close();
});

async function eventuallyFocused(locator) {
  for (let i = 0; i < 50; i++) {
    if (await locator.evaluate((el) => el === document.activeElement)) return;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.fail("the heading has the focus");
}

test("on a phone, one finger over the embedded map scrolls the host page and says two fingers move the map", async () => {
  const { page, context, frame } = await openHost(hostUrl(TRUSTED, { w: 360, h: 450 }), {
    viewport: { width: 390, height: 700 },
    hasTouch: true,
    isMobile: true,
  });
  const map = frame.getByRole("region", { name: "Map of Nagaoka" });
  await page.evaluate(() => document.getElementById("map").scrollIntoView());
  const box = await map.boundingBox();
  const scrolled = await page.evaluate(() => window.scrollY);
  const cdp = await context.newCDPSession(page);
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  const touch = (type, points) => cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points.map(([px, py], id) => ({ x: px, y: py, id })) });
  await touch("touchStart", [[x, y]]);
  for (let d = 10; d <= 120; d += 10) await touch("touchMove", [[x, y - d]]);
  await touch("touchEnd", []);
  await map.getByRole("status").filter({ hasText: "Use two fingers to move the map" }).waitFor();
  assert.ok((await page.evaluate(() => window.scrollY)) > scrolled, "the host page scrolled");
  await context.close();
});

test("the same commands from another origin change nothing", async () => {
  const origin = `http://127.0.0.1:${stranger.address().port}`;
  const session = await openPage(browser, { viewport: { width: 1000, height: 700 } });
  // The map does not even try to post to a host it does not trust: no console warnings.
  const warnings = [];
  session.page.on("console", (m) => {
    if (/postMessage/.test(m.text())) warnings.push(m.text());
  });
  await session.page.goto(hostUrl(origin));
  const frame = session.page.frameLocator("#map");
  await frame.getByRole("list", { name: "Places" }).getByRole("button").first().waitFor();
  const { page, context } = session;
  await page.evaluate(() => {
    window.sendToMap({ type: "select", place: "test-station" });
    window.sendToMap({ type: "setFilters", q: "university" });
    window.sendToMap({ type: "setLang", lang: "ja" });
  });
  await page.waitForTimeout(1000);
  assert.equal(await frame.getByRole("region", { name: "Test Station" }).count(), 0);
  assert.equal(await frame.locator(".place-list__count").innerText(), "3 of 3 places");
  assert.deepEqual(await page.evaluate(() => window.mapMessages), [], "nothing is posted to an untrusted host");
  assert.deepEqual(warnings, []);
  await context.close();
});

for (const [w, h] of [[600, 450], [360, 450]]) {
  test(`the wheel over the embed scrolls the page; Ctrl + wheel zooms the map (${w} x ${h})`, async () => {
    // A frame narrower than 34rem stacks the map over the list: its own page must not scroll
    // either, or the wheel over the map scrolls the frame instead of the host page.
    const { page, context, frame } = await openHost(hostUrl(TRUSTED, { w, h }));
    await page.evaluate(() => window.scrollTo(0, 600));
    const inner = page.frames().find((f) => f.url().startsWith(app.url));
    const own = await inner.evaluate(() => ({ scroll: document.scrollingElement.scrollHeight, frame: document.scrollingElement.clientHeight }));
    assert.ok(own.scroll <= own.frame + 1, `the frame's own page does not scroll: ${JSON.stringify(own)}`);
    const zoomOf = () => inner.evaluate(() => new URL(location.href).searchParams.get("view")?.split(",")[2]);
    const zoomBefore = await zoomOf();
    const scrollBefore = await page.evaluate(() => window.scrollY);
    const map = await frame.locator(".map__canvas").boundingBox();
    await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(500);
    assert.ok((await page.evaluate(() => window.scrollY)) > scrollBefore, "the page scrolled");
    assert.equal(await zoomOf(), zoomBefore, "the map did not zoom");
    await frame.getByText("Hold Ctrl").waitFor();
    const moved = await frame.locator(".map__canvas").boundingBox();
    await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height / 2);
    const scrollAfter = await page.evaluate(() => window.scrollY);
    await page.keyboard.down("Control");
    await page.mouse.wheel(0, -100);
    await page.keyboard.up("Control");
    await page.waitForTimeout(800);
    assert.notEqual(await zoomOf(), zoomBefore, "Ctrl + wheel zoomed the map");
    assert.equal(await page.evaluate(() => window.scrollY), scrollAfter, "and did not scroll the page");
    if (w < 544) {
      // The list is all there, in its own scrolling box.
      const overflow = await inner.evaluate(() => getComputedStyle(document.querySelector(".sidebar")).overflowY);
      assert.equal(overflow, "auto");
      assert.equal(await frame.getByRole("list", { name: "Places" }).getByRole("button").count(), 3);
    }
    await context.close();
  });
}

test("a wide frame gives the sidebar room: a place's title and facts are not a word a line", async () => {
  const { page, context, frame } = await openHost(hostUrl(TRUSTED, { w: 1000, h: 700, query: "lang=en&place=nagaoka-university-of-technology" }));
  const title = frame.locator("#details-title");
  await title.waitFor();
  const inner = page.frames().find((f) => f.url().startsWith(app.url));
  const width = await inner.evaluate(() => document.querySelector(".sidebar").getBoundingClientRect().width);
  assert.ok(width >= 320, `the sidebar is ${width} px of a 1000 px frame`);
  // "Nagaoka University of Technology" in at most three lines (it stood a word a line), none past its box.
  const [height, line, overflow] = await title.evaluate((h) => [h.getBoundingClientRect().height, parseFloat(getComputedStyle(h).lineHeight), h.scrollWidth - h.clientWidth]);
  assert.ok(height <= line * 3 + 1, `the title takes ${height} px at ${line} px a line`);
  assert.ok(overflow <= 0, `the title runs ${overflow} px out of its box`);
  await context.close();
});
