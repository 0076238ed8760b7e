// Touch gestures on the kiosk's map, with real touch events (CDP Input.dispatchTouchEvent) on a
// touch screen: one finger drags the map along, two fingers spreading apart zoom in where they are,
// and pinching them together zooms back out. What the map shows is read from the map's `data-view`,
// which holds what the address's `view=` would (a kiosk's address keeps nothing of a visitor).
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser, eventually, openPage, regions, server, useServerAndBrowser } from "./harness.mjs";

useServerAndBrowser();

const KIOSK = "/?mode=kiosk&data=fixtures/valid-3.geojson";

/** The map's view: { lat, lng, zoom }, or null. */
async function viewOf(page) {
  const value = await page.locator(".map").getAttribute("data-view");
  if (!value) return null;
  const [lat, lng, zoom] = value.split(",").map(Number);
  return { lat, lng, zoom };
}

/** Web Mercator pixel coordinates of a point at a zoom, as Leaflet's default CRS computes them. */
function toPixels({ lat, lng }, zoom) {
  const scale = 256 * 2 ** zoom;
  const phi = (lat * Math.PI) / 180;
  return {
    x: (scale * (lng + 180)) / 360,
    y: (scale * (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI)) / 2,
  };
}
/** A kiosk on a touch screen, past the welcome view (by a tap), with the map settled. */
async function openTouchKiosk() {
  const session = await openPage(browser, { viewport: { width: 1280, height: 900 }, hasTouch: true, isMobile: true });
  const { page, context } = session;
  await page.goto(server.url + KIOSK);
  const welcome = page.getByRole("dialog", { name: /Work, study and live in Nagaoka/ });
  await welcome.getByRole("button", { name: "Start in English" }).tap();
  await welcome.waitFor({ state: "detached" });
  const r = regions(page);
  await r.listItems.first().waitFor();
  await r.markers.first().waitFor();
  // The view stops changing once the map has fitted the places.
  let last = null;
  await eventually(async () => {
    const now = (await viewOf(page));
    const same = now && last && now.lat === last.lat && now.lng === last.lng && now.zoom === last.zoom;
    last = now;
    assert.ok(same, `the map settles (view ${JSON.stringify(now)})`);
  });
  const canvas = r.map.locator(".leaflet-container");
  const box = await canvas.boundingBox();
  const cdp = await context.newCDPSession(page);
  return { ...session, r, box, cdp };
}

/**
 * One gesture: the fingers touch down at `from` (one point per finger), slide to `to` in `steps`
 * moves, rest there for 200 ms (so that the map does not glide on after the fingers lift) and lift.
 */
async function gesture(page, cdp, from, to, steps = 12) {
  const points = (t) =>
    from.map(([x, y], id) => ({
      x: Math.round(x + (to[id][0] - x) * t),
      y: Math.round(y + (to[id][1] - y) * t),
      id,
      radiusX: 4,
      radiusY: 4,
      force: 1,
    }));
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: points(0) });
  for (let i = 1; i <= steps; i++) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: points(i / steps) });
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(200);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
}

/** Waits until the address shows a view other than `before`, then until it stops changing. */
async function nextView(page, before) {
  let last = null;
  return eventually(async () => {
    const now = (await viewOf(page));
    assert.ok(now, "the address has a view");
    assert.ok(now.lat !== before.lat || now.lng !== before.lng || now.zoom !== before.zoom, "the view changed");
    const same = last && now.lat === last.lat && now.lng === last.lng && now.zoom === last.zoom;
    last = now;
    assert.ok(same, "the view has settled");
    return now;
  });
}

test("one finger drags the kiosk's map along with it", async () => {
  const { page, context, errors, box, cdp } = await openTouchKiosk();
  const before = (await viewOf(page));
  const scrolled = () => page.evaluate(() => [document.scrollingElement.scrollLeft, document.scrollingElement.scrollTop]);
  const scrollBefore = await scrolled();
  const start = [box.x + box.width / 2 + 150, box.y + box.height / 2 + 100];
  // Left by 240 px and up by 160 px: the map shows what lay to the east and to the south.
  const end = [start[0] - 240, start[1] - 160];
  await gesture(page, cdp, [start], [end]);
  const after = await nextView(page, before);

  assert.equal(after.zoom, before.zoom, "a drag does not zoom");
  const p0 = toPixels(before, before.zoom);
  const p1 = toPixels(after, after.zoom);
  const moved = { x: p1.x - p0.x, y: p1.y - p0.y };
  assert.ok(
    Math.abs(moved.x - 240) <= 3 && Math.abs(moved.y - 160) <= 3,
    `the map moved with the finger: its centre moved ${moved.x.toFixed(1)} px right and ${moved.y.toFixed(1)} px down, the finger 240 px left and 160 px up`,
  );
  assert.deepEqual(await scrolled(), scrollBefore, "the page itself did not scroll");
  assert.deepEqual(errors, []);
  await context.close();
});

/** The centre of the place marker named `name`, on screen. */
async function markerAt(r, name) {
  const box = await r.markers.and(r.map.page().getByRole("button", { name, exact: true })).boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test("two fingers spreading apart zoom the kiosk's map in where they are, and pinching zooms out", async () => {
  const { page, context, errors, r, box, cdp } = await openTouchKiosk();
  // A place marker (not a cluster), brought towards the middle with one finger, so that both
  // fingers stay on the map around it.
  const name = await r.markers.and(page.locator(".place-marker")).first().getAttribute("aria-label");
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const at = await markerAt(r, name);
  const dragged = (await viewOf(page));
  await gesture(page, cdp, [[at.x, at.y]], [[centre.x - 60, centre.y + 40]]);
  const before = await nextView(page, dragged);
  const mid = await markerAt(r, name);

  // From 100 px apart to 400 px apart around the marker: four times the distance, two zoom levels.
  const near = [[mid.x - 50, mid.y], [mid.x + 50, mid.y]];
  const far = [[mid.x - 200, mid.y], [mid.x + 200, mid.y]];
  await gesture(page, cdp, near, far);
  const zoomed = await nextView(page, before);
  assert.equal(zoomed.zoom, before.zoom + 2, `spreading two fingers to four times their distance zooms in two levels (from ${before.zoom})`);
  // The place between the fingers stays between them.
  await eventually(async () => {
    const now = await markerAt(r, name);
    assert.ok(
      Math.hypot(now.x - mid.x, now.y - mid.y) <= 4,
      `${name} stays between the fingers at (${mid.x}, ${mid.y}); it is at (${now.x.toFixed(1)}, ${now.y.toFixed(1)})`,
    );
  });

  await gesture(page, cdp, far, near);
  const back = await nextView(page, zoomed);
  assert.equal(back.zoom, before.zoom, "pinching the fingers back together zooms back out");
  await eventually(async () => {
    const now = await markerAt(r, name);
    assert.ok(Math.hypot(now.x - mid.x, now.y - mid.y) <= 4, `${name} is still between the fingers after zooming out`);
  });
  assert.deepEqual(errors, []);
  await context.close();
});
