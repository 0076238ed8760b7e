// Accessible to everyone: axe finds nothing in either language, a keyboard alone does everything
// with the focus always visible, markers are named buttons, touch targets are 44 px, reduced motion
// stops the map's animations, and counts and errors are announced.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { PNG } from "pngjs";
import { browser, eventually, keepLeafletMap, openPage, regions, ROOT, server, shippedPlaces, sleep, useServerAndBrowser } from "./harness.mjs";

useServerAndBrowser();

const SHIPPED = shippedPlaces();
const UI = {
  en: { list: "Places", map: "Map of Nagaoka", search: /^Search places/, close: "Close", office: /^Office [\d,]+$/ },
  ja: { list: "場所の一覧", map: "長岡市の地図", search: /^場所を検索/, close: "閉じる", office: /^オフィス [\d,]+$/ },
};
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function open(path, options) {
  const session = await openPage(browser, options);
  if (path) await session.page.goto(server.url + path);
  return session;
}

/** Runs axe on the whole page (nothing excluded) and returns its violations. */
async function axe(page) {
  // Let the map finish drawing and any animation settle, so axe sees a still page.
  await sleep(500);
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations;
}

/** Violations as text a developer can act on: rule, help, and every node's target and summary. */
function report(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    ${n.target.join(" >> ")}\n      ${(n.failureSummary ?? "").replaceAll("\n", "\n      ")}`)
        .join("\n");
      return `  ${v.id} (${v.impact}): ${v.help} [${v.helpUrl}]\n${nodes}`;
    })
    .join("\n");
}

async function assertNoViolations(page, what) {
  const violations = await axe(page);
  assert.equal(violations.length, 0, `axe found ${violations.length} kind(s) of violation in ${what}:\n${report(violations)}`);
}

// ---------------------------------------------------------------------------------------------
// 9. axe, in both languages, in each state.

for (const lang of ["ja", "en"]) {
  test(`axe: no violations on the first view with the real data (${lang})`, async () => {
    const { page, context } = await open(`/?lang=${lang}`);
    await regions(page, UI[lang]).listItems.first().waitFor();
    assert.equal(await regions(page, UI[lang]).listItems.count(), SHIPPED.features.length);
    await assertNoViolations(page, `the first view (${lang})`);
    await context.close();
  });

  test(`axe: no violations in a filtered view, a search and one kind (${lang})`, async () => {
    const q = lang === "ja" ? "長岡" : "nagaoka";
    const { page, context } = await open(`/?lang=${lang}&q=${encodeURIComponent(q)}&kinds=office`);
    const r = regions(page, UI[lang]);
    await r.listItems.first().waitFor();
    assert.ok((await r.listItems.count()) < SHIPPED.features.length, "the view is filtered");
    assert.equal(await page.getByRole("checkbox", { name: UI[lang].office }).isChecked(), true);
    await assertNoViolations(page, `a filtered view (${lang})`);
    // And with nothing matching: the "no place matches" message and the clear button.
    await page.getByRole("searchbox", { name: UI[lang].search }).fill("zzzzzz");
    await eventually(async () => assert.equal(await r.listItems.count(), 0));
    await assertNoViolations(page, `a view where nothing matches (${lang})`);
    await context.close();
  });

  test(`axe: no violations with a place's details open (${lang})`, async () => {
    const { page, context } = await open(`/?lang=${lang}&place=nagaoka-university-of-technology`);
    await regions(page, UI[lang]).listItems.first().waitFor();
    await page.locator("section.details").waitFor();
    await assertNoViolations(page, `the details of a place (${lang})`);
    await context.close();
  });

  test(`axe: no violations in the error state, data 404 (${lang})`, async () => {
    const { page, context } = await open(null);
    await page.route("**/data/nagaoka.geojson", (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.goto(`${server.url}/?lang=${lang}`);
    await page.getByRole("alert").waitFor();
    await assertNoViolations(page, `the load error (${lang})`);
    await context.close();
  });
}

// ---------------------------------------------------------------------------------------------
// 10–11. The keyboard alone.

/** What has focus, and whether a sighted keyboard user can see where it is. */
async function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { none: true };
    const describe = (e) =>
      `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : ""}` +
      ` “${(e.getAttribute("aria-label") ?? e.textContent ?? "").trim().slice(0, 60)}”`;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
    const r = el.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    const inViewport = x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
    const hit = inViewport ? document.elementFromPoint(x, y) : null;
    return {
      none: false,
      what: describe(el),
      role: el.getAttribute("role") ?? el.tagName.toLowerCase(),
      name: (el.getAttribute("aria-label") ?? el.textContent ?? "").trim(),
      inMarkerPane: !!el.closest(".leaflet-marker-pane"),
      isSearch: el.matches('input[type="search"]'),
      isListItem: el.matches(".place-list__item"),
      visible: outline || shadow,
      style: `outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow}`,
      obscured: !hit || !(hit === el || el.contains(hit)),
      coveredBy: hit && hit !== el && !el.contains(hit) ? describe(hit) : inViewport ? null : `nothing: its centre (${Math.round(x)}, ${Math.round(y)}) is off screen`,
    };
  });
}

/** Presses Tab once and checks the focus is visible and not hidden; returns the focus state. */
async function tab(page, problems, key = "Tab") {
  await page.keyboard.press(key);
  const f = await focusState(page);
  if (!f.none) {
    if (!f.visible) problems.push(`no visible focus on ${f.what} (${f.style})`);
    if (f.obscured) problems.push(`focus hidden: ${f.what} is under ${f.coveredBy}`);
  }
  return f;
}

// The areas and their costs were 18 Tabs away on a laptop, through every marker; and on a phone,
// choosing another area from the distances was ten swipes back up.
test("a second skip link leads to the areas and costs, and the distances lead back up to choose another area", async () => {
  for (const [lang, skip] of [["en", "Skip to areas and living costs"], ["ja", "地域と暮らしの費用へ移動"]]) {
    const { page, context } = await open(`/?lang=${lang}`, { viewport: { width: 1366, height: 768 } });
    await page.locator(".place-list__item").first().waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const link = page.getByRole("link", { name: skip });
    assert.equal(await link.evaluate((el) => el === document.activeElement), true, "the second Tab reaches it");
    assert.ok((await link.boundingBox()).y >= 0, "and it shows when focused");
    await page.keyboard.press("Enter");
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), "living-heading"));
    // Below the top of what scrolls it, with room for its focus ring (it was flush, the ring under the header).
    await eventually(async () => {
      const gap = await page.evaluate(() => {
        const h = document.getElementById("living-heading");
        let box = h.parentElement;
        while (box && !(box.scrollHeight > box.clientHeight && /auto|scroll/.test(getComputedStyle(box).overflowY))) box = box.parentElement;
        return h.getBoundingClientRect().top - (box ? box.getBoundingClientRect().top : 0);
      });
      assert.ok(gap >= 6, `the heading ${gap} px below the top of its scroller`);
    });
    await context.close();
  }
  for (const [lang, back, area] of [["en", "Choose another area", "Teradomari"], ["ja", "ほかの地域を選ぶ", "寺泊地域"]]) {
    const { page, context } = await open(`/?lang=${lang}&area=area-teradomari`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const up = page.getByRole("link", { name: back, exact: true });
    await up.waitFor();
    await up.scrollIntoViewIfNeeded();
    const caption = page.locator("#areas-caption");
    await eventually(async () => assert.ok((await caption.boundingBox()).y < -844, "the areas' table is far above"));
    await up.tap();
    await eventually(async () => {
      const box = await caption.boundingBox();
      assert.ok(box.y >= 0 && box.y < 200, `the table of areas is in view: ${box.y}`);
    });
    // Where a finger chooses the next one.
    await page.getByRole("table").filter({ has: caption }).getByRole("button", { name: area, exact: true }).waitFor();
    await context.close();
  }
});

test("keyboard only: Tab to the search, type, Tab to the results, Enter opens, Escape closes and focus returns", async () => {
  const { page, context } = await open("/?lang=en");
  const r = regions(page);
  await r.listItems.first().waitFor();
  await sleep(500);
  const problems = [];
  let presses = 0;
  let f = { none: true };
  while (!f.isSearch && presses < 150) {
    f = await tab(page, problems);
    presses += 1;
  }
  assert.ok(f.isSearch, `the search box is reached by Tab (gave up after ${presses} presses)`);
  console.log(`# Tab presses from the top of the page to the search box: ${presses}`);
  await page.keyboard.type("nagaoka");
  await eventually(async () => assert.match(await page.getByRole("status").filter({ hasText: "places" }).innerText(), /^\d+ of 45 places$/));
  let toList = 0;
  while (!f.isListItem && toList < 30) {
    f = await tab(page, problems);
    toList += 1;
  }
  assert.ok(f.isListItem, "the results are reached by Tab");
  console.log(`# Tab presses from the search box to the first result: ${toList}`);
  const first = f.name;
  // Move through a few results, then back one with Shift+Tab.
  f = await tab(page, problems);
  f = await tab(page, problems);
  assert.ok(f.isListItem && f.name !== first, "Tab moves through the results");
  f = await tab(page, problems, "Shift+Tab");
  assert.ok(f.isListItem, "Shift+Tab moves back through the results");
  const chosen = f.name;
  await page.keyboard.press("Enter");
  const details = page.locator("section.details");
  await details.waitFor();
  const title = (await details.getByRole("heading", { level: 2 }).innerText()).trim();
  assert.ok(chosen.startsWith(title), `Enter opened the place chosen: “${title}” from “${chosen}”`);
  const inDetails = await page.evaluate(() => !!document.activeElement?.closest("section.details"));
  assert.ok(inDetails, "focus moves into the details");
  const opened = await focusState(page);
  if (!opened.visible) problems.push(`no visible focus in the details just opened: ${opened.what} (${opened.style})`);
  if (opened.obscured) problems.push(`focus hidden in the details: ${opened.what} is under ${opened.coveredBy}`);
  // Tab from the details' heading reaches its Close button, visibly; Escape works from there.
  const close = await tab(page, problems);
  assert.equal(close.name, "Close", `Tab from the heading reaches Close: ${close.what}`);
  await page.keyboard.press("Escape");
  await details.waitFor({ state: "detached" });
  const back = await focusState(page);
  assert.ok(back.isListItem && back.name === chosen, `focus returns to the list item: ${back.what}`);
  assert.ok(back.visible, `the returned focus is visible (${back.style})`);
  assert.deepEqual(problems, [], `focus problems on the way:\n${problems.join("\n")}`);
  await context.close();
});

// A marker reached with Tab makes Leaflet pan to it. The redraw that the pan asks for can run
// between two of the marker's focus listeners (the browser runs microtasks after each one), and
// took the marker away with its handlers: the browser then called the app's dropped listener and
// the crash page covered the map (a keyboard user on a phone, 4 runs in 10). Here a listener that
// runs first moves the map away at once, so that the redraw always comes at that moment.
test("a marker taken away while it is being focused stops nothing, and the keyboard stays on the map", async () => {
  const { page, context, errors } = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await keepLeafletMap(page);
  await page.goto(`${server.url}/?lang=en`);
  const r = regions(page);
  await r.markers.first().waitFor();
  await sleep(800);
  const first = await page.evaluate(() => {
    const pane = document.querySelector(".leaflet-marker-pane");
    window.__moved = 0;
    // Before the marker's own listeners (capture, on its pane): the whole view goes 500 km north,
    // where no place is.
    pane.addEventListener(
      "focus",
      () => {
        if (window.__moved++) return;
        const map = window.__testMap;
        const c = map.getCenter();
        map.setView([c.lat + 5, c.lng], map.getZoom(), { animate: false });
      },
      true,
    );
    window.__testMap.getContainer().focus();
    return pane.firstElementChild.getAttribute("aria-label");
  });
  // The browser's own Tab, not element.focus(): only an event the browser dispatches runs the
  // microtasks between its listeners.
  await page.keyboard.press("Tab");
  await sleep(1000);
  const after = await page.evaluate(() => ({
    moved: window.__moved,
    crash: !!document.querySelector(".crash"),
    markers: document.querySelectorAll(".leaflet-marker-pane > *").length,
    active: document.activeElement === window.__testMap.getContainer() ? "map" : document.activeElement === document.body ? "body" : document.activeElement.getAttribute("aria-label") ?? document.activeElement.tagName,
  }));
  assert.equal(after.moved, 1, `Tab focused a marker (${first}) and the map moved away from it`);
  assert.equal(after.markers, 0, "the focused marker was taken away with the others");
  assert.equal(after.crash, false, "no crash page");
  assert.deepEqual(errors, [], "no error on the page");
  assert.equal(after.active, "map", "the keyboard is on the map, where Tab goes on to its markers, not at the page's start");
  await context.close();
});

// A place opened from a link keeps the link's view, where its marker can hold its neighbours under a
// "+21", named "… · 21 places here; zoom in": pressing it did nothing.
test("the chosen place's marker, pressed again, zooms in until only its own building is under it", async () => {
  const { page, context } = await open("/?lang=en&place=diaplaza-nagaoka-offices&view=37.45,138.85,10");
  const chosen = page.locator('.leaflet-marker-pane [aria-current="true"]');
  await chosen.waitFor();
  await sleep(800);
  const zoomOf = () => page.evaluate(() => Number(new URL(location.href).searchParams.get("view")?.split(",")[2]));
  const before = { more: Number(await chosen.getAttribute("data-more")), zoom: await zoomOf(), title: await chosen.getAttribute("title") };
  assert.ok(before.more > 2, `the chosen marker holds neighbours: ${JSON.stringify(before)}`);
  assert.match(before.title, /places here; zoom in/);
  await chosen.focus();
  await page.keyboard.press("Enter");
  await eventually(async () => {
    const now = { more: Number((await chosen.getAttribute("data-more")) ?? 0), zoom: await zoomOf() };
    assert.ok(now.zoom > before.zoom, `zoomed in: ${JSON.stringify(now)} from ${JSON.stringify(before)}`);
    // DiaPlaza Nagaoka holds three records of the data in one building: no zoom parts those.
    assert.ok(now.more <= 2, `only its own building under it: ${JSON.stringify(now)}`);
  });
  assert.equal(await page.locator("section.details").count(), 1, "the place stays open");
  await context.close();
});

// A row's name and kind were read back to back: "Nagaoka Station Station", 「長岡駅 駅」. The kind is
// now in brackets for the ear (the browser may put spaces inside them: both rows are flex items).
test("a list row and a distance row are named as the marker is: the place, then its kind in brackets", async () => {
  for (const [lang, name, kind] of [["en", "Nagaoka Station", "Station"], ["ja", "長岡駅", "駅"]]) {
    const { page, context } = await open(`/?lang=${lang}&area=area-nagaoka`);
    const r = regions(page, UI[lang]);
    await r.listItems.first().waitFor();
    const full = new RegExp(`^${name} \\(\\s*${kind}\\s*\\)$`);
    await eventually(async () => assert.equal(await r.list.getByRole("button", { name: full }).count(), 1, `${lang}: the list row is named ${full}`));
    const around = page.locator("table.around");
    await around.waitFor();
    assert.equal(await around.getByRole("rowheader", { name: full }).count(), 1, `${lang}: the distance row is named ${full}`);
    // What the eye reads is unchanged.
    assert.equal(await r.list.getByRole("button", { name: full }).locator(".place-list__kind").innerText(), kind);
    await context.close();
  }
});

// Each of these buttons goes away when pressed (or is drawn anew), and the focus fell to the page's
// body: the next Tab started again from the top.
test("a button that goes when pressed leaves the focus on the page: the last shortlist ×, a missing place's Close, the distances' points", async () => {
  const active = (page) => page.evaluate(() => ({ id: document.activeElement?.id ?? "", cls: document.activeElement?.className ?? "", body: document.activeElement === document.body }));
  {
    const { page, context } = await open("/?lang=en&shortlist=nagaoka-station");
    const remove = page.getByRole("button", { name: /^Remove Nagaoka Station from the shortlist/ });
    await remove.focus();
    await page.keyboard.press("Enter");
    await remove.waitFor({ state: "detached" });
    await eventually(async () => assert.equal((await active(page)).id, "place-list-title", "the last item's ×: focus on the list of places"));
    await context.close();
  }
  {
    const { page, context } = await open("/?lang=en&place=no-such-place");
    const close = page.locator(".details__missing").getByRole("button", { name: "Close" });
    await close.focus();
    await page.keyboard.press("Enter");
    await close.waitFor({ state: "detached" });
    await eventually(async () => assert.equal((await active(page)).id, "place-list-title", "a missing place's Close: focus on the list of places"));
    await context.close();
  }
  {
    const { page, context } = await open("/?lang=en&area=area-tochio", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const centre = page.getByRole("button", { name: "Measure from the map's centre" });
    await centre.focus();
    await page.keyboard.press("Enter");
    const back = page.getByRole("button", { name: "Back to the area's centre" });
    await back.waitFor();
    const inView = () => page.evaluate(() => {
      const r = document.activeElement.getBoundingClientRect();
      return r.top >= -1 && r.bottom <= innerHeight + 1;
    });
    await eventually(async () => {
      assert.match((await active(page)).cls, /around__centre/, "Measure from the map's centre keeps the focus");
      assert.equal(await inView(), true, "and is in view");
    });
    await back.focus();
    await page.keyboard.press("Enter");
    await back.waitFor({ state: "detached" });
    await eventually(async () => {
      assert.match((await active(page)).cls, /around__centre/, "Back to the area's centre: focus on the button that stays");
      assert.equal(await inView(), true, "in view");
    });
    await context.close();
  }
});

test("markers are reached with Tab and each is a button with a name", async () => {
  const { page, context } = await open("/?lang=en");
  const r = regions(page);
  await r.listItems.first().waitFor();
  await r.markers.first().waitFor();
  await sleep(500);
  // Every marker is a keyboard-focusable button with a non-empty accessible name.
  const total = await page.locator(".leaflet-marker-pane > *").count();
  assert.ok(total > 0);
  assert.equal(await r.markers.count(), total, "every marker is a button");
  assert.equal(await r.map.locator(".leaflet-marker-pane").getByRole("button", { name: /\S/ }).count(), total, "every marker has a name");
  const tabbable = await page.locator(".leaflet-marker-pane > *").evaluateAll((els) => els.filter((e) => e.tabIndex >= 0).length);
  assert.equal(tabbable, total, "every marker takes focus");
  // From the top of the page, Tab reaches the markers and then each of them in turn.
  const problems = [];
  let f = { none: true };
  let presses = 0;
  while (!f.inMarkerPane && presses < 20) {
    f = await tab(page, problems);
    presses += 1;
  }
  assert.ok(f.inMarkerPane, `Tab reaches a marker (${presses} presses)`);
  // Each marker focused is counted on the element itself (two places may share a name), so a
  // marker visited twice while another is skipped is caught, not only the number of stops.
  const countVisit = () => page.evaluate(() => {
    const el = document.activeElement;
    el.dataset.visits = String(Number(el.dataset.visits ?? 0) + 1);
  });
  let stops = 0;
  while (f.inMarkerPane && stops <= total) {
    assert.equal(f.role, "button", f.what);
    assert.ok(f.name.length > 0, `a named marker: ${f.what}`);
    await countVisit();
    stops += 1;
    f = await tab(page, problems);
  }
  const visits = await page.locator(".leaflet-marker-pane > *").evaluateAll((els) => els.map((e) => `${e.getAttribute("aria-label")}: ${e.dataset.visits ?? 0}`));
  assert.equal(visits.length, total, "the markers stayed the same while Tab went through them");
  assert.deepEqual(visits.filter((v) => !v.endsWith(": 1")), [], "Tab visits every marker once");
  // Enter on a marker opens its place; on a cluster it zooms in.
  await page.keyboard.press("Shift+Tab");
  const last = await focusState(page);
  assert.ok(last.inMarkerPane, last.what);
  const zoom = () => Number(new URL(page.url()).searchParams.get("view")?.split(",")[2]);
  const before = zoom();
  await page.keyboard.press("Enter");
  if (/places here/.test(last.name)) {
    await eventually(async () => assert.ok(zoom() > before, `Enter on “${last.name}” zooms in`));
  } else {
    await page.locator("section.details").waitFor();
  }
  // (Whether a focused marker can be seen is checked on the keyboard journey above.)
  await context.close();
});

/**
 * Whether the markers stand in the page in reading order: rows from the top (a row holds the
 * markers whose centres are less than a marker's height, 44 px, below its highest one), each row
 * from left to right. Returns the names out of order, or an empty list.
 */
async function outOfReadingOrder(page) {
  return page.locator(".leaflet-marker-pane > *").evaluateAll((els) => {
    const at = els.map((e, i) => {
      const r = e.getBoundingClientRect();
      return { i, x: r.left + r.width / 2, y: r.top + r.height / 2, name: e.getAttribute("aria-label") };
    });
    const byHeight = [...at].sort((a, b) => a.y - b.y || a.x - b.x);
    const wanted = [];
    while (byHeight.length) {
      const top = byHeight[0].y;
      let n = 1;
      while (n < byHeight.length && byHeight[n].y - top <= 44) n += 1;
      wanted.push(...byHeight.splice(0, n).sort((a, b) => a.x - b.x || a.y - b.y));
    }
    return wanted.flatMap((m, k) => (m.i === k ? [] : [`${k}: wanted “${m.name}”, page has “${at[k].name}”`]));
  });
}

test("Tab takes the markers as the eye reads the map, after a zoom and a pan too, and a marker keeps its focus when the map moves", async () => {
  const { page, context } = await open("/?lang=en");
  const r = regions(page);
  await r.listItems.first().waitFor();
  await r.markers.first().waitFor();
  await sleep(500);
  // The keyboard comes to the map (the markers are put in order as it does, and while it is there).
  const onMap = () => page.evaluate(() => document.activeElement.classList.contains("leaflet-container"));
  for (let i = 0; i < 30 && !(await onMap()); i += 1) await page.keyboard.press("Tab");
  assert.equal(await onMap(), true, "Tab reaches the map");
  assert.deepEqual(await outOfReadingOrder(page), [], "at the first view");
  // Zoom in and pan with the keyboard: clusters part and new markers come into view.
  for (const key of ["+", "+", "ArrowLeft", "ArrowLeft", "ArrowUp", "-", "ArrowRight"]) {
    await page.keyboard.press(key);
    await sleep(700);
    assert.deepEqual(await outOfReadingOrder(page), [], `after ${key}`);
  }
  // A marker at the map's edge, reached with Tab, is brought inside: the map moves and the
  // markers are drawn again, and the focus stays on it. The first marker in Tab order whose centre
  // is within 60 px of the map's edge (the app brings a focused marker 60 px inside) is the one;
  // the keyboard pans the map until there is such a marker, with none before it in Tab order.
  const nearEdge = () => page.locator(".leaflet-marker-pane > *").evaluateAll((els) => {
    const box = els[0].closest(".leaflet-container").getBoundingClientRect();
    // How far a marker's centre is inside the map's edge (below 0: outside).
    const depth = (e) => {
      const b = e.getBoundingClientRect();
      const [x, y] = [b.left + b.width / 2, b.top + b.height / 2];
      return Math.min(x - box.left, box.right - x, y - box.top, box.bottom - y);
    };
    // The first that focus would move the map for; taken when it is well within that band, so
    // that the move is plain to see.
    const at = els.findIndex((e) => depth(e) < 60);
    return at < 0 || depth(els[at]) > 40 ? null : { at, name: els[at].getAttribute("aria-label") };
  });
  let edge = await nearEdge();
  for (let i = 0; i < 8 && !edge; i += 1) {
    await page.keyboard.press("ArrowRight");
    await sleep(700);
    edge = await nearEdge();
  }
  assert.ok(edge, "a marker near the map's edge");
  const center = () => page.evaluate(() => {
    const b = document.querySelector(".leaflet-map-pane").getBoundingClientRect();
    return `${Math.round(b.left)},${Math.round(b.top)}`;
  });
  const before = await center();
  // Tab from the map to that marker.
  for (let i = 0; i <= edge.at; i += 1) await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), edge.name, "Tab reaches the marker at the edge");
  await sleep(800);
  assert.notEqual(await center(), before, "the map moved to bring the marker inside");
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), edge.name, "the focused marker keeps the focus");
  const inside = await page.evaluate(() => {
    const el = document.activeElement;
    const [m, b] = [el.closest(".leaflet-container").getBoundingClientRect(), el.getBoundingClientRect()];
    return b.left >= m.left && b.right <= m.right && b.top >= m.top && b.bottom <= m.bottom;
  });
  assert.ok(inside, "the focused marker is now wholly inside the map");
  assert.deepEqual(await outOfReadingOrder(page), [], "after the map moved to the focused marker");
  // Tab from it goes to the next marker in reading order.
  const order = await page.locator(".leaflet-marker-pane > *").evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")));
  const at = order.indexOf(edge.name);
  assert.ok(at >= 0, `the focused marker is still drawn: ${order.join(", ")}`);
  if (at + 1 < order.length) {
    await page.keyboard.press("Tab");
    await sleep(800);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), order[at + 1], "Tab goes to the next marker in reading order");
  } else {
    // The last marker: Tab leaves the map's markers.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => !!document.activeElement?.closest(".leaflet-marker-pane")), false, "Tab leaves the last marker");
  }
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// 12. Touch targets.

/** Every target smaller than 44×44 CSS px among buttons, checkbox labels, the search box, list items and markers. */
async function smallTargets(page) {
  return page.evaluate(() => {
    const visible = (e) => {
      const s = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      return s.visibility !== "hidden" && s.display !== "none" && r.width > 0 && r.height > 0;
    };
    const targets = new Set([
      ...document.querySelectorAll('button, [role="button"], input[type="search"], summary, a.jump-link, .support a'),
      ...[...document.querySelectorAll('input[type="checkbox"], input[type="radio"]')].map((c) => c.closest("label") ?? c),
    ]);
    const out = [];
    for (const e of targets) {
      if (!visible(e)) continue;
      const r = e.getBoundingClientRect();
      // Half a pixel of slack for sub-pixel layout; a real shortfall is whole pixels.
      if (r.width < 43.5 || r.height < 43.5) {
        const name = (e.getAttribute("aria-label") ?? e.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
        out.push(`${e.tagName.toLowerCase()}.${String(e.className).trim().split(/\s+/).join(".")} “${name}”: ${r.width.toFixed(1)}×${r.height.toFixed(1)}`);
      }
    }
    return out;
  });
}

for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
  test(`touch targets are at least 44×44 CSS px (${viewport.width}×${viewport.height})`, async () => {
    const small = [];
    {
      // The first view, filtered (the clear button shows), with a place open (its close button).
      // An area is chosen too (its support schemes' links), and the map's layer choices are open.
      const { page, context } = await open("/?lang=en&q=nagaoka&place=nagaoka-station&area=area-tochio", { viewport });
      await regions(page).listItems.first().waitFor();
      await page.locator("section.details").waitFor();
      await page.locator(".leaflet-control-layers").hover();
      await page.locator(".leaflet-control-layers-expanded").waitFor();
      await sleep(500);
      assert.ok((await page.getByRole("button", { name: "Clear search and kinds" }).count()) === 1);
      assert.ok((await page.locator(".support a").count()) > 0, "the support schemes' links are there");
      small.push(...(await smallTargets(page)));
      await context.close();
    }
    {
      // A long list: the "Show N more" button.
      const { page, context } = await open("/?lang=ja&data=fixtures/many-250.geojson", { viewport });
      await page.getByRole("button", { name: /^さらに/ }).waitFor();
      await sleep(500);
      small.push(...(await smallTargets(page)));
      await context.close();
    }
    {
      // The load error: the Retry button.
      const { page, context } = await open(null, { viewport });
      await page.route("**/data/nagaoka.geojson", (route) => route.fulfill({ status: 404, body: "not found" }));
      await page.goto(`${server.url}/?lang=en`);
      await page.getByRole("alert").waitFor();
      await sleep(300);
      small.push(...(await smallTargets(page)));
      await context.close();
    }
    const unique = [...new Set(small)];
    assert.deepEqual(unique, [], `targets smaller than 44×44:\n${unique.join("\n")}`);
  });
}

// ---------------------------------------------------------------------------------------------
// 13. Reduced motion.

/** Watches the map for Leaflet's animation classes while `act` runs; returns those seen. */
async function animationClassesDuring(page, act) {
  await page.evaluate(() => {
    window.__animSeen = new Set();
    const note = (el) => {
      for (const c of el.classList) if (/^leaflet-(pan|zoom)-anim$/.test(c)) window.__animSeen.add(c);
    };
    window.__animObserver = new MutationObserver((records) => records.forEach((rec) => note(rec.target)));
    window.__animObserver.observe(document.querySelector(".leaflet-container"), { attributes: true, attributeFilter: ["class"], subtree: true });
  });
  await act();
  await sleep(800);
  return page.evaluate(() => {
    window.__animObserver.disconnect();
    return [...window.__animSeen];
  });
}

/** Ways a user moves the map; each is watched on its own. */
function mapMoves(page) {
  const r = regions(page);
  return [
    ["choosing a place in the list (the map pans to it)", () => r.listItems.filter({ hasText: "Nagaoka Institute of Design" }).click()],
    ["the Zoom in button", () => r.map.getByRole("button", { name: "Zoom in", exact: true }).click()],
    ["an arrow key on the map", async () => {
      await page.locator(".leaflet-container").focus();
      await page.keyboard.press("ArrowRight");
    }],
    ["choosing another place in the list", () => r.listItems.filter({ hasText: "Nagaoka Station" }).first().click()],
  ];
}

async function stillMoving(page) {
  return page.evaluate(() => {
    const out = [];
    const zero = (v) => v.split(",").every((d) => parseFloat(d) === 0);
    for (const el of document.querySelectorAll("*")) {
      for (const pseudo of [null, "::before", "::after"]) {
        const s = getComputedStyle(el, pseudo);
        if (!zero(s.transitionDuration) || !zero(s.animationDuration)) {
          out.push(`${el.tagName.toLowerCase()}.${String(el.className).trim().split(/\s+/).join(".")}${pseudo ?? ""}: transition ${s.transitionDuration}, animation ${s.animationDuration}`);
        }
      }
    }
    return out;
  });
}

test("reduced motion: no transitions or animations anywhere, and no Leaflet fade or zoom animation", async () => {
  const { page, context } = await open("/?lang=en&place=nagaoka-station", { reducedMotion: "reduce" });
  const r = regions(page);
  await r.listItems.first().waitFor();
  await r.markers.first().waitFor();
  await page.locator("section.details").waitFor();
  await sleep(500);
  const container = page.locator(".leaflet-container");
  // Leaflet adds leaflet-fade-anim only when fadeAnimation is on, and leaflet-zoom-anim while a
  // zoom animates.
  assert.doesNotMatch(await container.getAttribute("class"), /leaflet-fade-anim/, "fade animation is off");
  const zooming = await animationClassesDuring(page, () => r.map.getByRole("button", { name: "Zoom in", exact: true }).click());
  assert.ok(!zooming.includes("leaflet-zoom-anim"), `the Zoom in button jumps: ${zooming}`);
  const moving = await stillMoving(page);
  assert.deepEqual(moving, [], `elements that still move:\n${moving.join("\n")}`);
  await context.close();
});

test("reduced motion: the map jumps instead of gliding when it pans", async () => {
  const { page, context } = await open("/?lang=en", { reducedMotion: "reduce" });
  const r = regions(page);
  await r.listItems.first().waitFor();
  await r.markers.first().waitFor();
  await sleep(500);
  const animated = [];
  for (const [what, act] of mapMoves(page)) {
    const seen = await animationClassesDuring(page, act);
    if (seen.length) animated.push(`${what}: ${seen.join(", ")}`);
  }
  assert.deepEqual(animated, [], `Leaflet still animates the map (its animation class was seen while the map moved):\n${animated.join("\n")}`);
  await context.close();
});

test("without reduced motion the map does animate (so the check above can fail)", async () => {
  const { page, context } = await open("/?lang=en", { reducedMotion: "no-preference" });
  const r = regions(page);
  await r.listItems.first().waitFor();
  await r.markers.first().waitFor();
  assert.match(await page.locator(".leaflet-container").getAttribute("class"), /leaflet-fade-anim/);
  await sleep(500);
  const seen = [];
  for (const [, act] of mapMoves(page)) seen.push(...(await animationClassesDuring(page, act)));
  assert.ok(seen.includes("leaflet-pan-anim") && seen.includes("leaflet-zoom-anim"), `Leaflet's animation classes were seen: ${seen}`);
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// 14. Live regions.

test("the result count is a status that updates in place on search, in both languages", async () => {
  for (const [lang, q, re] of [["en", "station", /^(\d+) of 45 places$/], ["ja", "駅", /^45件中(\d+)件$/]]) {
    const { page, context } = await open(`/?lang=${lang}`);
    await regions(page, UI[lang]).listItems.first().waitFor();
    const status = page.getByRole("status").filter({ hasText: re });
    await status.waitFor();
    const role = await status.evaluate((el) => el.getAttribute("role") ?? "");
    const live = await status.evaluate((el) => el.getAttribute("aria-live") ?? "");
    assert.ok(role === "status" || live === "polite", "role=status or aria-live=polite");
    assert.notEqual(live, "off");
    // Mark the element: a live region is announced only if it stays and its content changes.
    await status.evaluate((el) => (el.dataset.testMark = "kept"));
    assert.equal(Number((await status.innerText()).match(re)[1]), 45);
    await page.getByRole("searchbox", { name: UI[lang].search }).fill(q);
    await eventually(async () => assert.notEqual(Number((await status.innerText()).match(re)[1]), 45));
    assert.equal(await status.getAttribute("data-test-mark"), "kept", "the same live region, updated in place");
    assert.equal(await status.evaluate((el) => !!el.closest('[aria-hidden="true"]') || !el.checkVisibility()), false, "the status is not hidden");
    await context.close();
  }
});

test("a load error is an alert, in both languages", async () => {
  for (const [lang, heading] of [["en", "The data could not be loaded"], ["ja", "データを読み込めませんでした"]]) {
    const { page, context } = await open(null);
    await page.route("**/data/nagaoka.geojson", (route) => route.fulfill({ status: 404, body: "not found" }));
    await page.goto(`${server.url}/?lang=${lang}`);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    const text = await alert.innerText();
    assert.ok(text.includes(heading), text);
    assert.match(text, /404/);
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// Readable on every screen.

test("a place's facts stay readable beside long labels: on a phone, a laptop and a kiosk, in both languages", async () => {
  // The English label "How the location was found" took 251 px and left the values a few
  // letters per line on a phone (“Cowor / king”), and ran them off a kiosk's panel.
  const screens = [
    ["/?lang=en&place=diaplaza-nagaoka-offices", { width: 390, height: 844 }],
    ["/?lang=ja&place=diaplaza-nagaoka-offices", { width: 390, height: 844 }],
    ["/?lang=en&place=diaplaza-nagaoka-offices", { width: 1366, height: 768 }],
    ["/?mode=kiosk&lang=en&place=nadec-base", { width: 1920, height: 1080 }],
  ];
  for (const [path, viewport] of screens) {
    const { page, context } = await open(path, { viewport });
    const facts = page.locator("section.details dl.details__facts");
    await facts.waitFor();
    const layout = await facts.evaluate((dl) => {
      const panel = dl.closest("section.details");
      const box = dl.getBoundingClientRect();
      return {
        panel: { scroll: panel.scrollWidth, client: panel.clientWidth },
        right: Math.max(...[...dl.children].map((c) => c.getBoundingClientRect().right)) - box.right,
        narrow: [...dl.querySelectorAll("dd")]
          .map((dd) => [dd.previousElementSibling?.textContent.trim(), dd.getBoundingClientRect().width / box.width])
          .filter(([, share]) => share < 0.5),
      };
    });
    const where = `${path} at ${viewport.width}×${viewport.height}`;
    assert.deepEqual(layout.narrow, [], `${where}: every value has at least half the list's width`);
    assert.ok(layout.right <= 1, `${where}: nothing runs past the list's right edge (${layout.right} px)`);
    assert.ok(layout.panel.scroll <= layout.panel.client + 1, `${where}: the panel does not scroll sideways: ${JSON.stringify(layout.panel)}`);
    await context.close();
  }
});

test("on a phone the page below the map shows from the start, so a finger there scrolls the page", async () => {
  // With the map filling the screen below the header, one finger anywhere but the 74 px header
  // moved the map, and the search, the list and the budget were out of reach.
  for (const lang of ["ja", "en"]) {
    const { page, context } = await open(`/?lang=${lang}`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await regions(page, lang === "ja" ? { list: "場所の一覧", map: "長岡市の地図" } : undefined).listItems.first().waitFor();
    const map = await page.locator(".map").boundingBox();
    const search = await page.getByRole("searchbox").boundingBox();
    assert.ok(map.height >= 320, `${lang}: the map keeps a usable height (${map.height} px)`);
    assert.ok(map.y + map.height <= 844 - 150, `${lang}: at least 150 px of the page show below the map (map ends at ${map.y + map.height})`);
    assert.ok(search.y + search.height <= 844, `${lang}: the search box is on the first screen (${search.y})`);
    await context.close();
  }
});

test("switching the language with a place open leaves focus on the language button and the page where it was", async () => {
  // The panel drawn anew in the other language took focus to its new heading, and the page
  // jumped from the top to the details (scrollY 0 → 1014 on a phone).
  const { page, context } = await open("/?lang=ja&place=diaplaza-nagaoka-offices", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const details = page.locator("section.details");
  await details.waitFor();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), "details-title", "opening a place focuses its heading"));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole("button", { name: "English" }).click();
  await eventually(async () => assert.equal(await page.locator("html").getAttribute("lang"), "en"));
  await page.getByRole("heading", { name: /DiaPlaza Nagaoka/ }).waitFor();
  await sleep(500);
  const after = await page.evaluate(() => ({ y: window.scrollY, focus: document.activeElement?.className }));
  assert.ok(after.y < 5, `the page stayed at the top (scrollY ${after.y})`);
  assert.match(after.focus, /lang-switch/, "focus stays on the language button");
  // Opening another place still takes focus to its heading.
  await regions(page).listItems.filter({ hasText: "NaDeC BASE" }).first().click();
  await page.getByRole("heading", { name: /NaDeC BASE/ }).waitFor();
  await eventually(async () => {
    const [id, text] = await page.evaluate(() => [document.activeElement?.id, document.activeElement?.textContent ?? ""]);
    assert.equal(id, "details-title", "the new place's heading has focus");
    assert.match(text, /NaDeC BASE/);
  });
  await context.close();
});

// What a screen reader is told when the language changes: every live region whose text changed.
// It was three at once (the count, and each fare stepper's bare "not given" and "0"); one says it
// now, the count in the new language. A stepper says its label with its value when pressed.
// What a screen reader is told: from `watchLive` on, the text of every live region each time it
// changed (a region that changes to the same text twice is heard once). `heardLive` waits out the
// count's pause (700 ms in src/components/place_list.rs) and a margin first.
const watchLive = (page) =>
  page.evaluate(() => {
    window.__said = [];
    const live = (el) => {
      const a = el.closest("[aria-live]");
      if (a) return a.getAttribute("aria-live") !== "off" ? a : null;
      return el.closest('[role=status], [role=alert], [role=log], output');
    };
    window.__observer?.disconnect();
    window.__observer = new MutationObserver((records) => {
      for (const r of records) {
        const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        const region = node && live(node);
        const text = region && region.textContent.trim();
        if (text && window.__said.at(-1) !== `${region.className}: ${text}`) window.__said.push(`${region.className}: ${text}`);
      }
    });
    window.__observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
const heardLive = async (page) => {
  await sleep(1500);
  return page.evaluate(() => [...new Set(window.__said)]);
};

// Said at every change, a query typed a letter at a time queued a count per letter behind the
// letters' own echo. The count is said once typing pauses; the visible count follows at once.
test("a query typed letter by letter is announced once, with its final count, in both languages", async () => {
  for (const [lang, q, re] of [["en", "station", /^(\d+) of 45 places$/], ["ja", "nut", /^45件中(\d+)件$/]]) {
    const { page, context } = await open(`/?lang=${lang}`);
    await regions(page, UI[lang]).listItems.first().waitFor();
    await sleep(1000);
    await watchLive(page);
    const box = page.getByRole("searchbox", { name: UI[lang].search });
    const seen = new Set();
    // A letter every 150 ms or so: a quick typist's pace.
    for (const letter of q) {
      await box.press(letter);
      await sleep(150);
      seen.add((await page.locator(".place-list__count").innerText()).trim());
    }
    assert.ok(seen.size >= 2, `the visible count changed as the letters came: ${[...seen]}`);
    const heard = await heardLive(page);
    const counts = heard.filter((h) => re.test(h.replace(/^[^:]*: /, "")));
    assert.equal(counts.length, 1, `one count said: ${JSON.stringify(heard)}`);
    const visible = (await page.locator(".place-list__count").innerText()).trim();
    assert.equal(counts[0].replace(/^[^:]*: /, ""), visible, "the count said is the one shown");
    await context.close();
  }
});

test("switching the language is announced once, and a stepper says what it counts", async () => {
  const { page, context } = await open("/?lang=en&area=area-tochio", { viewport: { width: 1366, height: 768 } });
  await page.locator("#budget-heading").waitFor();
  await regions(page).listItems.first().waitFor();
  // Past the first count's own pause (700 ms), so that only the switch is heard.
  await sleep(1500);
  const watch = () => watchLive(page);
  const said = () => heardLive(page);
  await watch();
  await page.getByRole("button", { name: "日本語" }).click();
  await eventually(async () => assert.equal(await page.locator("html").getAttribute("lang"), "ja"));
  const onSwitch = await said();
  assert.equal(onSwitch.length, 1, `one announcement on the switch: ${JSON.stringify(onSwitch)}`);
  assert.match(onSwitch[0], /件/, "the count, in Japanese");
  // A stepper's press: its label and its value, in the page's language.
  await watch();
  const trips = page.getByRole("group", { name: /東京/ }).first();
  await trips.getByRole("button", { name: /増やす|多く/ }).click();
  const onPress = await said();
  assert.equal(onPress.length, 1, JSON.stringify(onPress));
  const label = await trips.locator(".stepper__label").innerText();
  assert.ok(onPress[0].includes(label) && /\d/.test(onPress[0]), `the press says "${label}" and the number: ${onPress[0]}`);
  await context.close();
});

test("Back closes a place and focus returns to the list row it was opened from", async () => {
  const { page, context } = await open("/?lang=en");
  const r = regions(page);
  const row = r.listItems.filter({ hasText: "NaDeC BASE" }).first();
  await row.click();
  await page.getByRole("heading", { name: /NaDeC BASE/ }).waitFor();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), "details-title"));
  await page.goBack();
  await page.locator("section.details").waitFor({ state: "detached" });
  await eventually(async () => {
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      return { tag: el?.tagName, inList: !!el?.closest(".place-list"), text: el?.textContent ?? "" };
    });
    assert.deepEqual([focus.tag, focus.inList], ["BUTTON", true], `focus is on the row again, not on the page: ${JSON.stringify(focus).slice(0, 200)}`);
    assert.match(focus.text, /NaDeC BASE/);
  });
  await context.close();
});

test("focus follows the keyboard: Clear search goes back to the search box, and choosing an area to its month", async () => {
  for (const lang of ["en", "ja"]) {
    const { page, context } = await open(`/?lang=${lang}&q=Miyauchi`, { viewport: { width: 1366, height: 768 } });
    const clear = page.getByRole("button", { name: lang === "en" ? "Clear search and kinds" : /検索条件/ });
    await clear.focus();
    await page.keyboard.press("Enter");
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), "search", `${lang}: focus is on the search box`));
    // An area chosen from the table with the keyboard: focus goes to its month, on screen.
    const area = page.getByRole("button", { name: lang === "en" ? "Nakanoshima" : "中之島地域", exact: true });
    await area.focus();
    await page.keyboard.press("Enter");
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), "budget-heading", `${lang}: focus is on the month`));
    const box = await page.locator("#budget-heading").boundingBox();
    assert.ok(box.y >= 0 && box.y < 768, `${lang}: the month's heading is on screen (${box.y})`);
    await context.close();
  }
});

test("the selected place's marker says it is the current one, and markers keep their colours in forced colours", async () => {
  const { page, context } = await open("/?lang=en&place=nagaoka-station", { viewport: { width: 1366, height: 768 } });
  await page.locator("section.details").waitFor();
  const current = page.locator(".leaflet-marker-pane [aria-current=true]");
  await eventually(async () => assert.equal(await current.count(), 1));
  assert.match(await current.getAttribute("aria-label"), /Nagaoka Station/);
  assert.equal(await page.locator(".leaflet-marker-pane [aria-current]").count(), 1, "only the selected one");
  const colours = () =>
    page.evaluate(() => ({
      cluster: getComputedStyle(document.querySelector(".cluster-marker span")).backgroundColor,
      place: getComputedStyle(document.querySelector(".place-marker:not(.place-marker--selected)"), "::after").backgroundColor,
    }));
  const normal = await colours();
  await page.emulateMedia({ forcedColors: "active" });
  await sleep(300);
  assert.deepEqual(await colours(), normal, "a cluster's disc and a kind's colour stay");
  await context.close();
});

// Seven kinds told apart by colour alone: to a protanope KOSEN's dot and a station's differ by ΔE
// 1.9 (WCAG 1.4.1). With every kind given one colour, each marker and each key in the kinds' box
// must still look unlike every other kind's, and the key must look like the map's marker. The
// marks at their first size (7 px) differed by 36 pixels at the closest pair, too little to see
// under a colour-vision audit; at 12 px, by 74.
test("each kind of place has its own mark as well as its colour, on the map and in the kinds' key", async () => {
  const { page, context } = await open("/?lang=en", { viewport: { width: 1366, height: 768 } });
  await regions(page).listItems.first().waitFor();
  const marker = page.locator(".leaflet-marker-pane .place-marker").first();
  await marker.waitFor();
  await page.addStyleTag({ content: "* { --kind-color: #555555 !important; }" });
  const kinds = ["office", "coworking", "university", "kosen", "vocational_school", "station", "public_facility"];
  // A copy of a real marker for each kind, on a plain ground, drawn by the page's own rules.
  await page.evaluate((kinds) => {
    const real = document.querySelector(".leaflet-marker-pane .place-marker");
    const ground = document.createElement("div");
    ground.id = "ground";
    Object.assign(ground.style, { position: "fixed", inset: "0", background: "#ffffff", zIndex: "9999" });
    kinds.forEach((kind, i) => {
      const copy = real.cloneNode(true);
      copy.className = `place-marker kind-${kind}`;
      copy.removeAttribute("style");
      Object.assign(copy.style, { position: "absolute", left: `${20 + i * 60}px`, top: "20px", width: "44px", height: "44px" });
      copy.dataset.kind = kind;
      delete copy.dataset.more;
      ground.append(copy);
    });
    document.body.append(ground);
  }, kinds);
  const pixels = async (locator) => PNG.sync.read(await locator.screenshot({ animations: "disabled" }));
  const differ = (a, b) => {
    let n = 0;
    for (let i = 0; i < Math.min(a.data.length, b.data.length); i += 4) {
      if (Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]) > 60) n++;
    }
    return n;
  };
  const onMap = [];
  for (const kind of kinds) onMap.push(await pixels(page.locator(`#ground [data-kind="${kind}"]`)));
  await page.evaluate(() => document.getElementById("ground").remove());
  for (let i = 0; i < kinds.length; i++) {
    for (let j = i + 1; j < kinds.length; j++) {
      assert.ok(differ(onMap[i], onMap[j]) >= 50, `on the map, ${kinds[i]} and ${kinds[j]} look alike in one colour`);
    }
  }
  const inKey = [];
  for (const kind of kinds) {
    const mark = page.locator(`.kind-filter.kind-${kind} .kind-mark`);
    assert.equal(await mark.getAttribute("aria-hidden"), "true", "the key's mark is for the eye: the box's name says the kind");
    inKey.push(await pixels(mark));
  }
  for (let i = 0; i < kinds.length; i++) {
    for (let j = i + 1; j < kinds.length; j++) {
      assert.ok(differ(inKey[i], inKey[j]) >= 30, `in the key, ${kinds[i]} and ${kinds[j]} look alike in one colour`);
    }
  }
  // The key shows the map's mark: its drawn shape is the marker's, whatever their sizes.
  const images = await page.evaluate((kinds) => kinds.map((kind) => {
    const key = getComputedStyle(document.querySelector(`.kind-filter.kind-${kind} .kind-mark`)).backgroundImage;
    const probe = document.createElement("div");
    probe.className = `place-marker kind-${kind}`;
    document.body.append(probe);
    const map = getComputedStyle(probe, "::after").backgroundImage;
    probe.remove();
    return { key, map };
  }), kinds);
  for (const [i, { key, map }] of images.entries()) {
    assert.match(map, /^url\(/, `${kinds[i]}'s marker has a mark`);
    assert.equal(key, map, `${kinds[i]}'s key and marker share their mark`);
  }
  await context.close();
});

test("focus stays where the keyboard is: Enter on a cluster leaves it on the map, and removing a shortlist item on the next one", async () => {
  const { page, context } = await open("/?lang=en&shortlist=nagaoka-station,nadec-base,nagaoka-university-of-technology", { viewport: { width: 1366, height: 768 } });
  const r = regions(page);
  const cluster = r.markers.and(page.locator(".cluster-marker")).first();
  await cluster.waitFor();
  await cluster.focus();
  await page.keyboard.press("Enter");
  await eventually(async () =>
    assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("leaflet-container")), true, "focus is on the map after the zoom"),
  );
  const shortlist = page.getByRole("region", { name: /Shortlist \(3\)/ });
  const removes = shortlist.getByRole("button", { name: /^Remove/ });
  await removes.nth(1).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("region", { name: /Shortlist \(2\)/ }).waitFor();
  await eventually(async () =>
    assert.match(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName), /^Remove .*Nagaoka University of Technology/),
  );
  // The last one: focus goes to the one before it.
  await page.keyboard.press("Enter");
  await page.getByRole("region", { name: /Shortlist \(1\)/ }).waitFor();
  await eventually(async () =>
    assert.match(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.tagName), /^Remove .*Nagaoka Station/),
  );
  await context.close();
});

test("the base-map menu closes on Escape and when Tab leaves it, and Stop comparing leaves focus on the areas", async () => {
  const { page, context } = await open("/?lang=en&compare=area-tochio,area-oguni", { viewport: { width: 1366, height: 768 } });
  await regions(page).listItems.first().waitFor();
  const menu = page.locator(".leaflet-control-layers");
  const expanded = () => menu.evaluate((el) => el.classList.contains("leaflet-control-layers-expanded"));
  await page.getByRole("button", { name: "Base maps" }).focus();
  await page.keyboard.press("Enter");
  await eventually(async () => assert.equal(await expanded(), true, "Enter opens the menu"));
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.type), "radio", "focus is on the map in force, not lost with the hidden button"));
  // The choices are a named group, and the button says it opens something.
  const group = page.getByRole("radiogroup", { name: "Base maps" });
  assert.equal(await group.getByRole("radio").count(), 2, "both base maps in the named group");
  await page.keyboard.press("Escape");
  await eventually(async () => assert.equal(await expanded(), false, "Escape closes it"));
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), "Base maps", "focus is back on its button");
  assert.equal(await page.getByRole("button", { name: "Base maps", expanded: false }).count(), 1, "the button says its menu is closed");
  await page.keyboard.press("Enter");
  await eventually(async () => assert.equal(await expanded(), true));
  for (let i = 0; i < 6 && (await menu.evaluate((el) => el.contains(document.activeElement))); i++) await page.keyboard.press("Tab");
  await eventually(async () => assert.equal(await expanded(), false, "Tab out of the menu closes it"));
  // Stop comparing: the table and its button go; focus goes to the areas' first Compare box.
  const stop = page.getByRole("button", { name: "Stop comparing" });
  await stop.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("table", { name: "Compare areas" }).waitFor({ state: "detached" });
  await eventually(async () =>
    assert.match(await page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.closest("label")?.textContent ?? ""), /Compare /),
  );
  await context.close();
});

test("the map's own keyboard stop is named, says what its keys do, and follows the language", async () => {
  const { page, context } = await open("/?lang=en", { viewport: { width: 1366, height: 768 } });
  await regions(page).listItems.first().waitFor();
  const stop = page.locator(".leaflet-container");
  await eventually(async () => assert.equal(await stop.getAttribute("tabindex"), "0", "Leaflet makes the map a keyboard stop"));
  const named = page.getByRole("group", { name: /^Map: the arrow keys move it, \+ and − zoom/ });
  await eventually(async () => assert.equal(await named.count(), 1, "the stop is a group named with its keys"));
  assert.equal(await named.evaluate((el) => el.classList.contains("leaflet-container")), true);
  await page.getByRole("button", { name: "日本語" }).click();
  await eventually(async () => assert.equal(await page.getByRole("group", { name: /^地図。矢印キーで地図を動かし/ }).count(), 1, "renamed in Japanese"));
  assert.equal(await named.count(), 0);
  // The base maps' group too (its menu closed, it is read from the page's tree, not the roles).
  assert.equal(await page.locator(".leaflet-control-layers-base").getAttribute("aria-label"), "背景地図");
  await context.close();
});

test("Japanese quoted in an English text is marked lang=ja, in the details and the sources", async () => {
  const { page, context } = await open("/?lang=en&place=diaplaza-nagaoka-offices", { viewport: { width: 1366, height: 768 } });
  const details = page.locator(".details");
  await details.waitFor();
  const quoted = details.locator('span[lang="ja"]', { hasText: "城内町二丁目" });
  await eventually(async () => assert.equal(await quoted.count() >= 1, true, "the town's name in the location's basis is marked"));
  assert.equal(await quoted.first().evaluate((el) => el.parentElement.closest("[lang]").getAttribute("lang")), "en", "inside an English text");
  assert.equal((await quoted.first().textContent()).trim(), "城内町二丁目", "only the Japanese run is marked");
  await page.getByText("Sources and attribution").click();
  const title = page.locator(".sources__list").locator('span[lang="ja"]', { hasText: "新潟県/長岡市" });
  await eventually(async () => assert.equal(await title.count() >= 1, true, "a source's title with a Japanese file name is marked"));
  // In Japanese, nothing is marked twice.
  await page.goto(server.url + "/?lang=ja&place=diaplaza-nagaoka-offices");
  await page.locator(".details").first().waitFor();
  assert.equal(await page.locator('span[lang="ja"] span[lang="ja"]').count(), 0);
  await context.close();
});

test("a table's scroll wrapper is a Tab stop only while the table is wider than it", async () => {
  const { page, context } = await open("/?lang=en&area=area-tochio&compare=area-tochio,area-oguni,area-yoita", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await regions(page).listItems.first().waitFor();
  await page.getByRole("table", { name: "Compare areas" }).waitFor();
  const state = () =>
    page.$$eval(".table-scroll", (els) =>
      Object.fromEntries(
        els.map((e) => {
          const label = e.dataset.labelledby;
          const region = e.getAttribute("role") === "region" && e.getAttribute("aria-labelledby") === label;
          const bare = !e.hasAttribute("role") && !e.hasAttribute("aria-labelledby");
          if (!region && !bare) return [label, { half: true }];
          return [label, { stop: e.getAttribute("tabindex") === "0", region, scrolls: e.scrollWidth > e.clientWidth + 1 }];
        }),
      ),
    );
  await eventually(async () => {
    const s = await state();
    assert.deepEqual(Object.keys(s).sort(), ["areas-caption", "around-heading", "budget-heading", "compare-heading"]);
    // A stop is a named region (a focused element needs a name); a wrapper that fits is neither,
    // or its table's name was heard three times, and each table was a landmark.
    for (const [name, { stop, region, scrolls }] of Object.entries(s)) {
      assert.equal(stop, scrolls, `${name}: a Tab stop ${stop}, scrolls ${scrolls}`);
      assert.equal(region, scrolls, `${name}: a region ${region}, scrolls ${scrolls}`);
    }
    assert.equal(s["budget-heading"].stop, false, "the budget fits a phone and is no Tab stop");
    assert.equal(s["compare-heading"].stop, false, "three areas fit a phone too");
  });
  // A table wider than its box (a long word in a narrow panel): the box becomes a stop.
  await page.addStyleTag({ content: "table.compare { min-width: 60rem; }" });
  await eventually(async () => {
    const s = await state();
    assert.deepEqual(s["compare-heading"], { stop: true, region: true, scrolls: true }, "a keyboard can stop there to scroll it, and hears what it is");
  });
  await assertNoViolations(page, "the areas with a comparison on a phone");
  await context.close();
});

test("a laptop zoomed to 200 %: the map leaves the search in view, and the wheel over it scrolls the page", async () => {
  // 1366 x 768 at 200 % is a 683 x 384 page.
  const { page, context } = await open("/?lang=en", { viewport: { width: 683, height: 384 } });
  await regions(page).listItems.first().waitFor();
  const map = await page.locator(".map").boundingBox();
  assert.ok(map.y + map.height <= 384 - 64, `the map ends at ${map.y + map.height} px of 384`);
  const zoomOf = () => page.evaluate(() => new URL(location.href).searchParams.get("view")?.split(",")[2] ?? "start");
  await mapSettledQuiet(page);
  const zoomBefore = await zoomOf();
  await page.mouse.move(map.x + map.width / 2, map.y + map.height / 2);
  await page.mouse.wheel(0, 200);
  await page.waitForTimeout(600);
  assert.ok((await page.evaluate(() => window.scrollY)) > 0, "the page scrolled");
  assert.equal(await zoomOf(), zoomBefore, "the map did not zoom");
  // Ctrl + wheel zooms.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(200);
  const now = await page.locator(".map").boundingBox();
  await page.mouse.move(now.x + now.width / 2, now.y + now.height / 2);
  await page.keyboard.down("Control");
  await page.mouse.wheel(0, -100);
  await page.keyboard.up("Control");
  await eventually(async () => assert.notEqual(await zoomOf(), zoomBefore, "Ctrl + wheel zoomed the map"));
  // Side by side again, the wheel zooms the map as on any desktop map.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  const wide = await page.locator(".map").boundingBox();
  const zoomWide = await zoomOf();
  await page.mouse.move(wide.x + wide.width / 2, wide.y + wide.height / 2);
  await page.mouse.wheel(0, -200);
  await eventually(async () => assert.notEqual(await zoomOf(), zoomWide, "the wheel zooms a map beside the list"));
  await context.close();
});

async function mapSettledQuiet(page) {
  await page.waitForTimeout(800);
}

test("Japanese breaks between phrases, and a word of a short label is not split", async () => {
  const { page, context } = await open("/?lang=ja", { viewport: { width: 320, height: 568 }, isMobile: true });
  await regions(page, UI.ja).listItems.first().waitFor();
  const tagline = page.locator(".app-header__tagline");
  assert.equal(await tagline.evaluate((el) => getComputedStyle(el).wordBreak), "auto-phrase");
  // Each line of the tagline starts at a phrase: never inside コワーキングスペース, and 駅 is never alone.
  const lines = await tagline.evaluate((el) => {
    const range = document.createRange();
    const text = el.firstChild;
    const out = [];
    let top = null;
    for (let i = 0; i < text.length; i++) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const y = Math.round(range.getBoundingClientRect().top);
      if (y !== top) out.push("");
      top = y;
      out[out.length - 1] += text.data[i];
    }
    return out;
  });
  assert.ok(lines.length >= 2, `the tagline wraps at 320 px: ${JSON.stringify(lines)}`);
  for (const line of lines.slice(1)) assert.ok(!/^(ワーキング|ーキング|キング|ング|グ|スペース|ペース|ース|ス)/.test(line), `a line starts inside a word: ${JSON.stringify(lines)}`);
  assert.ok(lines.every((l) => l.replace(/[・、。]/g, "").length > 1), `a character alone on a line: ${JSON.stringify(lines)}`);
  await context.close();
});

test("a marker's focus ring stands out over the area layer's colours: dark between two white rings", async () => {
  const { page, context } = await open("/?lang=en&layer=population");
  await page.locator("path.area-symbol").first().waitFor();
  await page.locator(".leaflet-marker-pane > *").first().waitFor();
  let ring = null;
  for (let i = 0; i < 30 && !ring; i++) {
    await page.keyboard.press("Tab");
    ring = await page.evaluate(() => {
      const el = document.activeElement;
      return el?.closest(".leaflet-marker-pane") ? getComputedStyle(el).boxShadow : null;
    });
  }
  assert.ok(ring, "Tab reaches a marker");
  // An orange ring alone measured 1.0:1 against the darkest area colour.
  assert.match(ring, /rgb\(255, 255, 255\)[^,]*,\s*rgb\(26, 26, 26\)[^,]*,\s*rgb\(255, 255, 255\)/);
  await context.close();
});

/** WCAG contrast of two computed colours ("rgb(…)" or "#rrggbb"). */
function contrast(a, b) {
  const rgb = (c) => (c.startsWith("#") ? [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) : c.match(/[\d.]+/g).slice(0, 3).map(Number));
  const lum = (c) => {
    const [r, g, b] = rgb(c).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

// A colour-vision audit found meaning carried by colour, or lost on it: the chosen area's orange
// ring was 1.0:1 on the darkest class, "no figure" was a grey among greys, the circles were paler
// than their key, the header's focus ring 1.3:1 on its blue, the chosen row of areas 1.08:1.
test("the area layer, its key and the page's rings do not rest on colour alone", async () => {
  const { page, context } = await open("/?lang=en&layer=density&area=area-nagaoka", { viewport: { width: 1366, height: 768 } });
  const chosen = page.locator("path.area-symbol--chosen");
  await chosen.waitFor();
  const look = await page.evaluate(() => {
    const style = (el) => getComputedStyle(el);
    const chosen = document.querySelector("path.area-symbol--chosen");
    const halo = document.querySelector("path.area-halo");
    const box = (el) => el?.getBoundingClientRect();
    const none = document.querySelector("path.area-class-none");
    const classed = document.querySelector("path.area-symbol.area-class-2");
    const swatch = document.querySelector(".legend .swatch.area-class-2");
    return {
      ring: style(chosen).stroke,
      fill: style(chosen).fill,
      dark: chosen.classList.contains("area-class-4"),
      halo: halo && { stroke: style(halo).stroke, fill: style(halo).fill },
      boxes: [box(chosen), box(halo)].map((b) => b && { x: b.x + b.width / 2, y: b.y + b.height / 2, r: b.width / 2 }),
      map: style(document.querySelector(".leaflet-container")).backgroundColor,
      noneDash: none && style(none).strokeDasharray,
      noneSwatch: style(document.querySelector(".legend .swatch.area-class-none")).borderStyle,
      opacity: classed && style(classed).fillOpacity,
      classFill: classed && style(classed).fill,
      swatchFill: swatch && style(swatch).backgroundColor,
    };
  });
  assert.ok(look.dark, "Nagaoka is in the darkest class of density");
  assert.ok(contrast(look.ring, look.fill) >= 3, `the chosen ring against its own fill: ${contrast(look.ring, look.fill).toFixed(2)}:1`);
  assert.ok(look.halo, "a second ring outside it");
  assert.ok(contrast(look.halo.stroke, look.ring) >= 3 && contrast(look.halo.stroke, look.map) >= 3, "the outer ring shows against the inner one and the map");
  const [a, b] = look.boxes;
  assert.ok(Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1 && b.r > a.r, `around the chosen circle: ${JSON.stringify(look.boxes)}`);
  assert.notEqual(look.noneDash, "none", "a circle with no figure is dashed");
  assert.equal(look.noneSwatch, "dashed", "and so is its key");
  assert.equal(Number(look.opacity), 1, "a circle is as opaque as its key's dot");
  assert.equal(look.classFill, look.swatchFill, "of the same colour");
  // The chosen row of the areas' table: a dark bar and a bold name beside the tint.
  const row = await page.locator(".area-row--chosen > :first-child").evaluate((el) => ({ shadow: getComputedStyle(el).boxShadow, weight: getComputedStyle(el.querySelector(".link-button") ?? el).fontWeight }));
  assert.match(row.shadow, /inset/, "a bar at the chosen row's start");
  assert.ok(Number(row.weight) >= 700, "its name bold");
  // The language button's ring on the header's blue.
  const header = await page.locator(".app-header").evaluate((el) => getComputedStyle(el).backgroundColor);
  const lang = page.locator(".lang-switch");
  await lang.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const ring = await lang.evaluate((el) => getComputedStyle(el).outlineColor);
  assert.ok(contrast(ring, header) >= 3, `the header's focus ring: ${contrast(ring, header).toFixed(2)}:1`);
  // On paper no focus ring is printed around what had the focus.
  await page.emulateMedia({ media: "print" });
  assert.equal(await lang.evaluate((el) => getComputedStyle(el).outlineStyle), "none", "no ring on paper");
  await page.emulateMedia({ media: "screen" });
  await context.close();
  // A frame's link at its very top keeps its ring inside the frame, in a colour seen on the blue.
  const embed = await open("/?mode=embed&lang=en", { viewport: { width: 600, height: 450 } });
  const full = embed.page.locator(".full-map-link");
  await full.waitFor();
  await full.focus();
  await embed.page.keyboard.press("Shift+Tab");
  await embed.page.keyboard.press("Tab");
  const f = await full.evaluate((el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return { offset: parseFloat(s.outlineOffset), width: parseFloat(s.outlineWidth), rectTop: r.top, colour: s.outlineColor, bg: getComputedStyle(el.closest(".app-header")).backgroundColor };
  });
  assert.ok(f.rectTop - f.offset - f.width >= 0 || f.offset <= -f.width, `the ring's top is inside the frame: ${JSON.stringify(f)}`);
  assert.ok(contrast(f.colour, f.bg) >= 3, `on the blue: ${contrast(f.colour, f.bg).toFixed(2)}:1`);
  await embed.context.close();
});

test("quoted words of the other language carry their lang in the credits, and the search box's name is its label alone", async () => {
  for (const [lang, other, word] of [["en", "ja", "地理院タイル"], ["ja", "en", "OpenStreetMap"]]) {
    const { page, context } = await open(`/?lang=${lang}`);
    await page.locator(".sources summary").click();
    const marked = page.locator(`.sources__tiles span[lang=${other}]`);
    await marked.first().waitFor();
    assert.ok((await marked.allInnerTexts()).some((t) => t.includes(word)), `${word} is marked ${other}`);
    const label = lang === "en" ? "Search places" : "場所を検索";
    assert.equal(await page.getByRole("searchbox", { name: label, exact: true }).count(), 1, "the hint is its description, not its name");
    await context.close();
  }
});

test("a QR code is named once: its image, not its caption as well", async () => {
  const { page, context } = await open("/?lang=en&shortlist=nagaoka-station", { viewport: { width: 1366, height: 768 } });
  const code = page.locator(".shortlist__qr svg[role=img]");
  await code.waitFor();
  const tree = await page.locator(".shortlist__qr").ariaSnapshot();
  const name = await code.getAttribute("aria-label");
  const said = tree.split(name).length - 1;
  assert.equal(said, 1, `the code's words are read ${said} times:\n${tree}`);
  await context.close();
});

test("a link that opens a new tab says so in its name, in both languages, and a kiosk's link says it shows a QR code", async () => {
  for (const [lang, words] of [["en", " (opens in a new tab)"], ["ja", "（新しいタブで開きます）"]]) {
    const { page, context } = await open(`/?lang=${lang}&place=nagaoka-university-of-technology`, { viewport: { width: 1366, height: 768 } });
    await page.locator(".details a[target=_blank]").first().waitFor();
    await page.locator(".sources summary").click();
    await page.locator(".sources__item a").first().waitFor();
    // Every new-tab link the app draws (Leaflet's attribution is the tile providers' own line).
    const links = page.locator("a[target=_blank]:not(.leaflet-control-attribution a)");
    const count = await links.count();
    assert.ok(count >= 3, `${lang}: links in the details and the sources (${count})`);
    for (let i = 0; i < count; i++) {
      const link = links.nth(i);
      const name = await link.evaluate((a) => a.textContent);
      assert.ok(name.endsWith(words), `${lang}: "${name}" says it opens a new tab`);
      assert.equal(await link.locator(".new-tab").getAttribute("aria-hidden"), "true", "the glyph is not read");
      const box = await link.locator(".visually-hidden").boundingBox();
      assert.ok(box.width <= 1 && box.height <= 1, "the words are for a screen reader only");
    }
    await context.close();
  }
  // A kiosk opens no tab: its links show a QR code, and say so, to the eye and in their names.
  for (const [lang, start, words] of [["en", "Start in English", " (shows a QR code for your phone)"], ["ja", "日本語ではじめる", "（スマートフォン用のQRコードを表示）"]]) {
    const { page, context } = await open("/?mode=kiosk", { viewport: { width: 1366, height: 768 } });
    const welcome = page.getByRole("dialog", { name: /Work, study and live in Nagaoka|長岡で働く・学ぶ・暮らす/ });
    await welcome.getByRole("button", { name: start }).click();
    await welcome.waitFor({ state: "detached" });
    await page.locator(".sources summary").click();
    const link = page.locator(".sources__item a").first();
    await link.waitFor();
    const name = await link.evaluate((a) => a.textContent);
    assert.doesNotMatch(name, /new tab|新しいタブ/, `${lang}: a kiosk's link shows a code, not a tab`);
    assert.ok(name.endsWith(words), `${lang}: "${name}" says it shows a QR code`);
    const badge = link.locator(".qr-note");
    assert.equal(await badge.getAttribute("aria-hidden"), "true", "the badge is for the eye");
    assert.equal((await badge.innerText()).trim(), "QR");
    assert.ok((await badge.boundingBox()).width > 8, "the badge is seen");
    // And the tap does show one.
    await link.click();
    await page.getByRole("dialog", { name: lang === "en" ? "Scan to open the website on your phone" : "読み取ると、スマートフォンでこのウェブサイトを開けます" }).waitFor();
    await context.close();
  }
});

test("a table cell laid out as a card is named by its content: its column's label is for the eye only", async () => {
  const { page, context } = await open("/?lang=en&area=area-koshiji", { viewport: { width: 1280, height: 800 } });
  const table = page.locator("table.areas").first();
  await table.waitFor();
  const snapshot = await table.ariaSnapshot();
  // "Area type no figure in the data" read the column's header a second time in every cell.
  const cells = snapshot.split("\n").filter((l) => /^\s*- '?cell /.test(l));
  assert.ok(cells.length > 10, snapshot.slice(0, 300));
  const labels = ["Area type", "Population", "Land area", "Land price", "Snow days"];
  const repeated = cells.filter((l) => labels.some((label) => l.includes(`cell "${label} `)));
  assert.deepEqual(repeated, []);
  // The label still shows on screen.
  const shown = await page.locator(".areas td[data-label]").first().evaluate((td) => getComputedStyle(td, "::before").content);
  assert.ok(shown.includes('"Area type"'), `the first cell's label is drawn: ${shown}`);
  await context.close();
});

test("the map's drawings stay hidden from screen readers after a failed load, and the distances' place column has a header", async () => {
  const { page, context } = await open("/?lang=en", { viewport: { width: 1280, height: 800 } });
  await page.route("**/data/nagaoka.geojson", (route) => route.fulfill({ status: 500, body: "" }));
  await page.reload();
  await page.locator(".notice--error").waitFor({ timeout: 20_000 });
  await page.locator(".city-outline").first().waitFor({ state: "attached" });
  // Every drawing of the map is inside something hidden from the accessibility tree.
  const exposed = await page.evaluate(() => [...document.querySelectorAll(".leaflet-container svg")].filter((svg) => !svg.closest("[aria-hidden=true]")).length);
  assert.equal(exposed, 0, "no drawing is read as an unnamed image");
  await context.close();

  const second = await open("/?lang=en&area=area-koshiji", { viewport: { width: 1280, height: 800 } });
  const table = second.page.locator("table.around");
  await table.waitFor();
  const headers = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => th.textContent.trim()));
  assert.equal(headers[0], "Place");
  assert.ok(headers.every((h) => h.length > 0), JSON.stringify(headers));
  await second.context.close();
});
