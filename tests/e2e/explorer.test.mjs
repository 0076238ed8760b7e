// The explorer in a real browser: search that folds kana, width and case; map, list and counts that
// always agree; a URL for every view that reproduces it, with Back and Forward through selections;
// Japanese and English throughout, with numbers formatted per language; a long list paged.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { browser, dateWords, eventually, mapSettled, openPage, regions, ROOT, server, shippedPlaces, sleep, useServerAndBrowser, waitForTally } from "./harness.mjs";

useServerAndBrowser();

const SHIPPED = shippedPlaces();
const KINDS = ["office", "coworking", "university", "kosen", "vocational_school", "station", "public_facility"];
const KIND_NAMES = {
  en: {
    office: "Office",
    coworking: "Coworking or rental office",
    university: "University",
    kosen: "KOSEN (college of technology)",
    vocational_school: "Vocational school",
    station: "Station",
    public_facility: "Public facility",
  },
  ja: {
    office: "オフィス",
    coworking: "コワーキング・貸しオフィス",
    university: "大学",
    kosen: "高専（高等専門学校）",
    vocational_school: "専門学校",
    station: "駅",
    public_facility: "公共施設",
  },
};
const UI = {
  en: { list: "Places", map: "Map of Nagaoka", search: /^Search places/, title: "Nagaoka relocation map", switchTo: "日本語" },
  ja: { list: "場所の一覧", map: "長岡市の地図", search: /^場所を検索/, title: "長岡 移住マップ", switchTo: "English" },
};

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function open(path, options) {
  const session = await openPage(browser, options);
  if (path) await session.page.goto(server.url + path);
  return session;
}

/** The "N of M places" / 「M件中N件」 text on screen. A screen reader hears it from a status once
 * it has stood still (a11y.test.mjs, "live regions"). */
function countStatus(page) {
  return page.locator(".place-list__count").filter({ hasText: /of [\d,]+ places$|^[\d,]+件中[\d,]+件$/ });
}
function parseCount(text, lang) {
  const m = lang === "en" ? text.match(/^([\d,]+) of ([\d,]+) places$/) : text.match(/^([\d,]+)件中([\d,]+)件$/);
  assert.ok(m, `a result count: ${JSON.stringify(text)}`);
  const [a, b] = [Number(m[1].replaceAll(",", "")), Number(m[2].replaceAll(",", ""))];
  return lang === "en" ? { shown: a, total: b } : { shown: b, total: a };
}
const searchBox = (page, lang = "en") => page.getByRole("searchbox", { name: UI[lang].search });
const kindBox = (page, kind, lang = "en") =>
  page.getByRole("checkbox", { name: new RegExp(`^${escapeRe(KIND_NAMES[lang][kind])} [\\d,]+$`) });

/** The count a kind checkbox shows, read from its accessible name ("Office 6"). */
async function kindCount(page, kind, lang = "en") {
  const snap = await kindBox(page, kind, lang).ariaSnapshot();
  const m = snap.match(/"[^"]* ([\d,]+)"/);
  assert.ok(m, `a count in ${snap}`);
  return Number(m[1].replaceAll(",", ""));
}
async function checkedKinds(page, lang = "en") {
  const out = [];
  for (const k of KINDS) if (await kindBox(page, k, lang).isChecked()) out.push(k);
  return out;
}

/** Names and kind labels of the list rows, as shown. */
async function listRows(page, lang = "en") {
  return regions(page, UI[lang]).listItems.evaluateAll((els) =>
    els.map((e) => ({
      name: e.querySelector(".place-list__name")?.textContent ?? "",
      kind: e.querySelector(".place-list__kind")?.textContent ?? "",
    })),
  );
}

/** Folds like the app promises to (width, kana, case, white space): the test's own oracle. */
function fold(s) {
  return s
    .normalize("NFKC")
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
/** The features of `doc` a search for `q` among `kinds` (empty = all) should show. */
function expected(doc, q, kinds = []) {
  const words = fold(q).split(" ").filter(Boolean);
  return doc.features.filter(({ properties: p }) => {
    if (kinds.length && !kinds.includes(p.kind)) return false;
    const hay = [p.name, p.description, p.address]
      .filter(Boolean)
      .flatMap((t) => [t.ja, t.en])
      .filter(Boolean)
      .map(fold)
      .join("\n");
    return words.every((w) => hay.includes(w));
  });
}

async function search(page, text, lang = "en") {
  await searchBox(page, lang).fill(text);
}

/**
 * Waits until the list, the count and the map all show `n` places; returns the rows. The map draws
 * only the places in view, so `map: false` skips it where the view is not the whole city.
 */
async function expectShown(page, n, lang = "en", { map = true } = {}) {
  const r = regions(page, UI[lang]);
  await eventually(async () => assert.equal(await r.listItems.count(), Math.min(n, 100)));
  await eventually(async () => assert.equal(parseCount(await countStatus(page).innerText(), lang).shown, n));
  if (!map) return listRows(page, lang);
  const tally = await waitForTally(r.markers, n);
  assert.equal(tally.total, n, `the map accounts for ${n} places (places in clusters count): ${JSON.stringify(tally)}`);
  return listRows(page, lang);
}

function queryOf(url) {
  return new URL(url).searchParams;
}
function viewOf(url) {
  const v = queryOf(url).get("view");
  assert.ok(v, `the URL has a view: ${url}`);
  const [lat, lng, zoom] = v.split(",").map(Number);
  return { lat, lng, zoom };
}
/** Waits until the address bar stops changing for `quiet` ms; returns it. */
async function settledUrl(page, quiet = 700, ms = 10_000) {
  const end = Date.now() + ms;
  let last = page.url();
  let since = Date.now();
  while (Date.now() < end) {
    await sleep(100);
    const now = page.url();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quiet) {
      return now;
    }
  }
  return last;
}

// ---------------------------------------------------------------------------------------------
// 1. Search folding.

test("search folds kana, width and case: ながおか, ﾅｶﾞｵｶ and ナガオカ find the same places, ｎｕｔ finds NUT", async () => {
  const { page, context, errors } = await open("/?lang=ja&data=fixtures/kana-width.geojson");
  const r = regions(page, UI.ja);
  await r.listItems.first().waitFor();
  assert.equal(await r.listItems.count(), 5);
  const names = async () => (await listRows(page, "ja")).map((row) => row.name).sort();
  const KANA = ["ながおかカレッジ", "ナガオカ中央駅", "ナガオカ駅前オフィス"].sort();
  for (const q of ["ながおか", "ﾅｶﾞｵｶ", "ナガオカ"]) {
    await search(page, q, "ja");
    await expectShown(page, 3, "ja");
    assert.deepEqual(await names(), KANA, `「${q}」 finds the places named in kana`);
    assert.equal(await countStatus(page).innerText(), "5件中3件");
  }
  // The place written in kanji (長岡) is not a kana match.
  assert.ok(!(await names()).includes("長岡ホール"));
  for (const q of ["ｎｕｔ", "NUT", "nut", "Ｎｕｔ"]) {
    await search(page, q, "ja");
    await expectShown(page, 1, "ja");
    assert.deepEqual(await names(), ["NUTコワーキングラボ"], `「${q}」 finds NUT`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("search matches descriptions and addresses in both languages, whatever the interface language", async () => {
  for (const lang of ["ja", "en"]) {
    const { page, context } = await open(`/?lang=${lang}&data=fixtures/kana-width.geojson`);
    await regions(page, UI[lang]).listItems.first().waitFor();
    const station = lang === "ja" ? "ナガオカ中央駅" : "Central Station";
    const hall = lang === "ja" ? "長岡ホール" : "Hall of Long Hills";
    const cases = [
      ["屋上", station], // Japanese description
      ["ROOFTOP", station], // English description, other case
      ["ｒｏｏｆｔｏｐ　ｇａｒｄｅｎ", station], // full-width letters and an ideographic space
      ["千秋", hall], // Japanese address
      ["senshu", hall], // English address
      ["コンサート", null], // matches nothing
    ];
    for (const [q, name] of cases) {
      await search(page, q, lang);
      const rows = await expectShown(page, name ? 1 : 0, lang);
      assert.deepEqual(rows.map((row) => row.name), name ? [name] : [], `${lang}: 「${q}」`);
    }
    if (lang === "en") {
      // Nothing matches: the list says so.
      assert.ok(await page.getByText("No place matches the search and the kinds chosen.").isVisible());
    }
    await context.close();
  }
});

test("the real data: “station” in English and 「駅」 in Japanese find what the data says", async () => {
  for (const [lang, q] of [["en", "station"], ["en", "STATION"], ["ja", "駅"], ["en", "千秋"], ["ja", "senshu"]]) {
    const { page, context } = await open(`/?lang=${lang}`);
    await regions(page, UI[lang]).listItems.first().waitFor();
    await search(page, q, lang);
    const want = expected(SHIPPED, q);
    assert.ok(want.length > 0 && want.length < SHIPPED.features.length, `the query ${q} is a real filter`);
    const rows = await expectShown(page, want.length, lang);
    const pick = (t) => t[lang] ?? t.ja ?? t.en;
    assert.deepEqual(rows.map((row) => row.name), want.map((f) => pick(f.properties.name)), `${lang}: ${q}`);
    assert.equal(parseCount(await countStatus(page).innerText(), lang).total, SHIPPED.features.length);
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 2. Map, list and counts agree.

test("map, list, count text and kind counts agree after searching and toggling kinds", async () => {
  const { page, context, errors } = await open("/?lang=en");
  const r = regions(page);
  await r.listItems.first().waitFor();
  await expectShown(page, SHIPPED.features.length);
  for (const k of KINDS) {
    assert.equal(await kindCount(page, k), expected(SHIPPED, "", [k]).length, `count of ${k} with no search`);
  }

  await search(page, "nagaoka");
  const all = expected(SHIPPED, "nagaoka");
  await expectShown(page, all.length);
  for (const k of KINDS) {
    await eventually(async () => assert.equal(await kindCount(page, k), expected(SHIPPED, "nagaoka", [k]).length, `count of ${k}`));
  }

  // Uncheck two kinds: the rest stay, and the counts beside the boxes still sum to what is shown.
  await kindBox(page, "station").setChecked(false);
  await kindBox(page, "public_facility").setChecked(false);
  const rest = ["office", "coworking", "university", "kosen", "vocational_school"];
  assert.deepEqual(await checkedKinds(page), rest);
  const restMatches = expected(SHIPPED, "nagaoka", rest);
  let sum = 0;
  for (const k of rest) sum += await kindCount(page, k);
  assert.equal(sum, restMatches.length, "the checked kinds' counts sum to the places shown");
  const rows = await expectShown(page, restMatches.length);
  assert.ok(rows.every((row) => !["Station", "Public facility"].includes(row.kind)), JSON.stringify(rows));

  // Only one kind at a time: its count is exactly the rows of that kind.
  for (const k of KINDS) {
    const count = await kindCount(page, k);
    await kindBox(page, k).setChecked(true);
    for (const other of KINDS) if (other !== k) await kindBox(page, other).setChecked(false);
    assert.deepEqual(await checkedKinds(page), [k]);
    const shown = await expectShown(page, count);
    assert.ok(shown.every((row) => row.kind === KIND_NAMES.en[k]), `${k}: ${JSON.stringify(shown)}`);
    assert.equal(count, expected(SHIPPED, "nagaoka", [k]).length);
    if (count === 0) assert.ok(await page.getByText("No place matches the search and the kinds chosen.").isVisible());
  }

  // Clearing brings everything back.
  await page.getByRole("button", { name: "Clear search and kinds" }).click();
  await expectShown(page, SHIPPED.features.length);
  assert.equal(await searchBox(page).inputValue(), "");
  assert.deepEqual(await checkedKinds(page), KINDS);
  assert.deepEqual(errors, []);
  await context.close();
});

// ---------------------------------------------------------------------------------------------
// 3–5. URLs.

test("a URL for every view: search, kinds, place and map view reopen as they were", async () => {
  const { page, context } = await open("/?lang=en");
  const r = regions(page);
  await r.listItems.first().waitFor();
  await search(page, "nagaoka");
  await kindBox(page, "station").setChecked(false);
  const want = expected(SHIPPED, "nagaoka", KINDS.filter((k) => k !== "station"));
  await expectShown(page, want.length);
  await r.listItems.filter({ hasText: "Nagaoka Lyric Hall" }).click();
  await page.getByRole("region", { name: "Nagaoka Lyric Hall" }).waitFor();
  await settledUrl(page);
  // Zoom in with the map's own button, then drag the map.
  const before = viewOf(await settledUrl(page));
  await r.map.getByRole("button", { name: "Zoom in", exact: true }).click();
  await eventually(async () => assert.equal(viewOf(page.url()).zoom, before.zoom + 1));
  const box = await r.map.boundingBox();
  const [x, y] = [box.x + box.width * 0.3, box.y + box.height * 0.8];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 120, y - 90, { steps: 8 });
  await page.mouse.up();
  const url = await settledUrl(page);
  const q = queryOf(url);
  assert.equal(q.get("lang"), "en", url);
  assert.equal(q.get("q"), "nagaoka", url);
  assert.deepEqual(q.get("kinds")?.split(",").sort(), KINDS.filter((k) => k !== "station").sort(), url);
  assert.equal(q.get("place"), "nagaoka-lyric-hall", url);
  const view = viewOf(url);
  assert.equal(view.zoom, before.zoom + 1, url);
  assert.ok(Math.abs(view.lat - before.lat) > 1e-4 || Math.abs(view.lng - before.lng) > 1e-4, `the drag moved the view: ${url}`);
  const markerNames = () => r.markers.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")).sort());
  const onMap = await markerNames();
  assert.ok(onMap.includes("Nagaoka Lyric Hall (Public facility)"), "the selected place is on the map");
  await context.close();

  // A fresh page in another browser language.
  const fresh = await open(null, { locale: "ja-JP" });
  await fresh.page.goto(url);
  const f = regions(fresh.page);
  await f.listItems.first().waitFor();
  await fresh.page.getByRole("region", { name: "Nagaoka Lyric Hall" }).waitFor();
  await expectShown(fresh.page, want.length, "en", { map: false });
  assert.equal(await searchBox(fresh.page).inputValue(), "nagaoka");
  assert.deepEqual(await checkedKinds(fresh.page), KINDS.filter((k) => k !== "station"));
  assert.equal(await f.listItems.filter({ hasText: "Nagaoka Lyric Hall" }).getAttribute("aria-current"), "true");
  const again = viewOf(await settledUrl(fresh.page));
  assert.ok(Math.abs(again.lat - view.lat) < 2e-4 && Math.abs(again.lng - view.lng) < 2e-4 && again.zoom === view.zoom,
    `the map view came back: wanted ${JSON.stringify(view)}, got ${JSON.stringify(again)}`);
  assert.equal(await fresh.page.locator("html").getAttribute("lang"), "en");
  // The same markers and clusters as on the page the URL was copied from.
  await eventually(async () => assert.deepEqual(await f.markers.evaluateAll((els) => els.map((e) => e.getAttribute("aria-label")).sort()), onMap));
  await fresh.context.close();
});

test("Back and Forward step through the places chosen", async () => {
  const { page, context } = await open("/?lang=en");
  const r = regions(page);
  await r.listItems.first().waitFor();
  const details = (name) => page.getByRole("region", { name });
  const A = "Nagaoka Station";
  const B = "Nagaoka Lyric Hall";
  const openDetails = () => page.locator("section.details");
  await r.listItems.filter({ hasText: A }).first().click();
  await details(A).waitFor();
  await settledUrl(page);
  await r.listItems.filter({ hasText: B }).click();
  await details(B).waitFor();
  assert.equal(queryOf(await settledUrl(page)).get("place"), "nagaoka-lyric-hall");

  await page.goBack();
  await details(A).waitFor({ timeout: 5000 });
  assert.equal(await details(B).count(), 0, "B's details are closed");
  assert.equal(queryOf(await settledUrl(page)).get("place"), "nagaoka-station");
  assert.equal(await r.listItems.filter({ hasText: A }).first().getAttribute("aria-current"), "true");

  await page.goBack();
  // The message is read without waiting: a locator's innerText waited for a heading that had
  // gone by then, used up the whole retry time on the first try, and failed a page that was right.
  await eventually(async () => assert.equal(await openDetails().count(), 0,
    `no details after going back past the first choice; still open: “${await page.evaluate(() => document.querySelector("section.details h2")?.textContent ?? "")}”, ` +
    `URL ${page.url()}`));
  assert.equal(queryOf(await settledUrl(page)).get("place"), null);
  assert.equal(await r.list.locator('[aria-current="true"]').count(), 0);

  await page.goForward();
  await details(A).waitFor({ timeout: 5000 });
  assert.equal(queryOf(await settledUrl(page)).get("place"), "nagaoka-station");

  // Forward once more still reaches B: going back did not cut the history short.
  await page.goForward();
  await details(B).waitFor({ timeout: 5000 });
  await context.close();
});

test("the search waits while a Japanese IME composes, and follows a phone keyboard's Latin composition at once", async () => {
  const { page, context } = await open("/?lang=ja", { viewport: { width: 1280, height: 800 } });
  await page.locator(".place-list__item").first().waitFor();
  const count = page.locator(".place-list__count");
  const all = (await count.innerText()).trim();
  const cdp = await context.newCDPSession(page);
  await page.locator("#search").focus();
  // Romaji typed into an IME: kana and half-typed letters, none of them the search yet.
  const seen = new Set();
  for (const text of ["ｎ", "な", "なｇ", "なが", "ながお", "ながおｋ", "ながおか"]) {
    await cdp.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
    await page.waitForTimeout(120);
    seen.add((await count.innerText()).trim());
  }
  assert.deepEqual([...seen], [all], "the list and its count stay as they were while composing");
  assert.doesNotMatch(page.url(), /[?&]q=/, "no half-typed text in the address");
  // The converted word is chosen: now it is searched.
  await cdp.send("Input.insertText", { text: "長岡" });
  await eventually(async () => assert.notEqual((await count.innerText()).trim(), all));
  await eventually(async () => assert.match(decodeURIComponent(page.url()), /[?&]q=長岡/));
  // Latin letters composed by a phone's keyboard are searched letter by letter, as typed.
  await page.locator("#search").fill("");
  await eventually(async () => assert.equal((await count.innerText()).trim(), all));
  await cdp.send("Input.imeSetComposition", { text: "stati", selectionStart: 5, selectionEnd: 5 });
  await eventually(async () => assert.notEqual((await count.innerText()).trim(), all));
  await cdp.send("Input.insertText", { text: "station" });
  await eventually(async () => assert.match(page.url(), /[?&]q=station/));
  await context.close();
});

test("an in-page link scrolls to its target and gives it the focus, and adds nothing to the address or the history", async () => {
  const { page, context } = await open("/?lang=en", { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const r = regions(page);
  await r.listItems.first().waitFor();
  await r.listItems.filter({ hasText: "Nagaoka Station" }).first().click();
  await page.locator("section.details").waitFor();
  const before = await settledUrl(page);
  const length = await page.evaluate(() => history.length);
  // The map is far above, out of sight on a phone, once the place's details are read.
  const link = page.getByRole("link", { name: /^Show on the map/ });
  await link.click();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), "map-region"));
  const box = await page.locator("#map-region").boundingBox();
  assert.ok(box && box.y > -2 && box.y < 844 / 2, `the map is in view, its top at ${box?.y}`);
  assert.equal(await page.evaluate(() => history.length), length, "no history entry");
  assert.equal(await settledUrl(page), before, "the address is as it was, without #map-region");
  // Back goes to the view before the place, as it did before the link was followed.
  await page.goBack();
  await eventually(async () => assert.equal(await page.locator("section.details").count(), 0));
  await context.close();
});

test("Back brings back the map's view that its entry kept, even where the place alone would be shown closer", async () => {
  const { page, context } = await open("/?lang=en", { viewport: { width: 1280, height: 800 } });
  const r = regions(page);
  await r.listItems.first().waitFor();
  await r.listItems.filter({ hasText: "NaDeC BASE" }).first().click();
  await page.locator("section.details").waitFor();
  await settledUrl(page);
  // An area chosen moves the map away from the place; the entry keeps both.
  await page.getByRole("button", { name: "Teradomari", exact: true }).click();
  const kept = await settledUrl(page, 1000);
  assert.equal(queryOf(kept).get("area"), "area-teradomari");
  assert.equal(queryOf(kept).get("place"), "nadec-base");
  await r.listItems.filter({ hasText: "Nagaoka Station" }).first().click();
  await settledUrl(page);
  await page.getByRole("button", { name: "Zoom out" }).click();
  await settledUrl(page, 1000);
  await page.goBack();
  const back = await settledUrl(page, 1000);
  assert.equal(queryOf(back).get("place"), "nadec-base");
  const [want, got] = [viewOf(kept), viewOf(back)];
  assert.ok(Math.abs(want.lat - got.lat) < 1e-4 && Math.abs(want.lng - got.lng) < 1e-4 && want.zoom === got.zoom, `the entry's view ${JSON.stringify(want)}, not ${JSON.stringify(got)}`);
  await context.close();
});

test("closed when what opened it is gone, a place gives the focus to its row again, else to the list's heading; a cluster clicked gives it to the map", async () => {
  const { page, context } = await open("/?lang=en", { viewport: { width: 1280, height: 800 } });
  const r = regions(page);
  await r.listItems.first().waitFor();
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return el === document.body ? "body" : el.dataset.place ? `row ${el.dataset.place}` : el.id || el.className;
  });
  // The language switched while the place was open: the list's rows are drawn anew.
  await r.listItems.filter({ hasText: "Nagaoka Station" }).first().click();
  await page.locator("section.details").waitFor();
  await page.getByRole("button", { name: "日本語" }).click();
  await page.locator("html[lang=ja]").waitFor();
  await page.locator("section.details").getByRole("button").first().focus();
  await page.keyboard.press("Escape");
  await eventually(async () => assert.equal(await focused(), "row nagaoka-station"));
  await page.getByRole("button", { name: "English" }).click();
  await page.locator("html[lang=en]").waitFor();
  // The row filtered out by a search while the place was open.
  await r.listItems.filter({ hasText: "Saiwai Plaza" }).first().click();
  await page.locator("section.details").waitFor();
  await page.getByRole("searchbox").fill("station");
  await page.locator("section.details").getByRole("button", { name: "Close" }).click();
  await eventually(async () => assert.equal(await focused(), "place-list-title"));
  await context.close();
  // A cluster clicked zooms in and is redrawn away: the focus is on the map, not the page's start.
  const fresh = await open("/?lang=en", { viewport: { width: 1280, height: 800 } });
  await fresh.page.locator(".leaflet-marker-pane > .cluster-marker").first().click();
  await eventually(async () => assert.match(await fresh.page.evaluate(() => document.activeElement.className), /leaflet-container/));
  await fresh.context.close();
});

test("unknown and malformed parameters are ignored and the rest is honoured", async () => {
  {
    const { page, context, errors } = await open("/?lang=en&kinds=office,castle&view=999,1,1&zzz=1&q=diaplaza", { locale: "ja-JP" });
    await regions(page).listItems.first().waitFor();
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Nagaoka relocation map");
    assert.equal(await searchBox(page).inputValue(), "diaplaza");
    assert.deepEqual(await checkedKinds(page), ["office"]);
    const want = expected(SHIPPED, "diaplaza", ["office"]);
    assert.ok(want.length > 0 && want.length < expected(SHIPPED, "diaplaza").length, "kinds=office narrows the search");
    await expectShown(page, want.length);
    assert.equal(await countStatus(page).innerText(), `${want.length} of ${SHIPPED.features.length} places`);
    assert.ok((await listRows(page)).every((row) => row.kind === "Office"));
    // The broken view is dropped: the map shows Nagaoka.
    const v = viewOf(await settledUrl(page));
    assert.ok(v.lat > 37.1 && v.lat < 37.8 && v.lng > 138.5 && v.lng < 139.2, JSON.stringify(v));
    assert.equal(queryOf(page.url()).get("kinds"), "office");
    assert.deepEqual(errors, []);
    await context.close();
  }
  {
    // An unknown language falls back to the browser's; a place id that is not a slug, an empty
    // kinds list and a view that is not numbers are ignored; the search still applies.
    const { page, context } = await open("/?lang=fr&place=Not%20A%20Slug&kinds=&view=abc,def,ghi&q=%E9%A7%85", { locale: "ja-JP" });
    await regions(page, UI.ja).listItems.first().waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "ja");
    assert.equal(await searchBox(page, "ja").inputValue(), "駅");
    assert.deepEqual(await checkedKinds(page, "ja"), KINDS);
    await expectShown(page, expected(SHIPPED, "駅").length, "ja");
    assert.equal(await page.locator("section.details").count(), 0);
    await context.close();
  }
  {
    // A place id that is a slug but not in the data opens nothing and breaks nothing, and says
    // that the link's place is not in the data; Close clears it from the address.
    const { page, context, errors } = await open("/?lang=en&place=no-such-place&q=station");
    await regions(page).listItems.first().waitFor();
    await expectShown(page, expected(SHIPPED, "station").length);
    assert.equal(await page.locator("section.details").count(), 0);
    const missing = page.locator(".details__missing");
    await missing.waitFor();
    assert.match(await missing.innerText(), new RegExp(`The place in this link \\(“no-such-place”\\) is not in the data \\(updated ${dateWords(SHIPPED.meta.updated)}\\)`));
    await missing.getByRole("button", { name: "Close" }).click();
    await eventually(async () => assert.equal(new URL(page.url()).searchParams.get("place"), null));
    assert.equal(await missing.count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 6. Language.

test("?lang= wins over the browser language", async () => {
  for (const [path, locale, lang] of [["/?lang=en", "ja-JP", "en"], ["/?lang=ja", "en-US", "ja"]]) {
    const { page, context } = await open(path, { locale });
    await regions(page, UI[lang]).listItems.first().waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), lang, `${path} in ${locale}`);
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), UI[lang].title);
    await context.close();
  }
});

test("without ?lang= the browser language decides: en-US English, ja-JP and fr-FR Japanese", async () => {
  for (const [locale, lang] of [["en-US", "en"], ["ja-JP", "ja"], ["fr-FR", "ja"]]) {
    const { page, context } = await open("/", { locale });
    await regions(page, UI[lang]).listItems.first().waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), lang, locale);
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), UI[lang].title, locale);
    assert.equal(await page.title(), UI[lang].title, locale);
    assert.equal(queryOf(await settledUrl(page)).get("lang"), lang, `the URL records the language: ${page.url()}`);
    await context.close();
  }
});

// The interface texts on the first screen and in the details panel, from src/i18n/{en,ja}.rs.
const INTERFACE = {
  en: ["Nagaoka relocation map", "Offices, coworking spaces, universities and stations of Nagaoka, Niigata", "Search places",
    "Name, address or description, in Japanese or English", "Kinds of place", "Places", "Sources and attribution",
    ...Object.values(KIND_NAMES.en)],
  // (The tagline's word joiners, U+2060, keep 大学・駅 on one line.)
  ja: ["長岡 移住マップ", "新潟県長岡市のオフィス・コワーキングスペース・大学\u2060・\u2060駅", "場所を検索", "名称・住所・説明（日本語・英語）",
    "場所の種類", "場所の一覧", "出典・著作権表示", ...Object.values(KIND_NAMES.ja)],
  details: { en: ["Kind", "Address", "Source", "Close", "Students"], ja: ["種類", "住所", "出典", "閉じる", "学生数"] },
};

/** What a user sees or hears outside data text: visible text, and accessible names and titles. */
async function interfaceText(page) {
  return page.evaluate(() => {
    const texts = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder]")) {
      for (const a of ["aria-label", "title", "placeholder"]) if (el.getAttribute(a)) texts.push(el.getAttribute(a));
    }
    return texts.join("\n");
  });
}

test("the language button switches <html lang> and every interface text, and back", async () => {
  const { page, context, errors } = await open("/?lang=ja&data=fixtures/valid-3.geojson", { locale: "ja-JP" });
  await regions(page, UI.ja).listItems.first().waitFor();
  const check = async (lang) => {
    const other = lang === "en" ? "ja" : "en";
    assert.equal(await page.locator("html").getAttribute("lang"), lang);
    assert.equal(await page.title(), UI[lang].title);
    await page.getByRole("heading", { level: 1, name: UI[lang].title }).waitFor();
    await regions(page, UI[lang]).map.waitFor();
    await regions(page, UI[lang]).list.waitFor();
    await searchBox(page, lang).waitFor();
    await countStatus(page).filter({ hasText: lang === "en" ? "3 of 3 places" : "3件中3件" }).waitFor();
    for (const k of KINDS) await kindBox(page, k, lang).waitFor();
    // Details labels, in a place's panel.
    const item = regions(page, UI[lang]).listItems.filter({ hasText: lang === "en" ? "Test University" : "テスト大学" });
    await item.click();
    const details = page.locator("section.details");
    await details.waitFor();
    const text = await details.innerText();
    for (const label of INTERFACE.details[lang].filter((l) => l !== "Address" && l !== "住所")) {
      assert.ok(text.includes(label), `${lang}: the details show “${label}”: ${text}`);
    }
    const all = await interfaceText(page);
    for (const s of INTERFACE[lang]) assert.ok(all.includes(s), `${lang}: “${s}” is shown`);
    for (const s of [...INTERFACE[other], ...INTERFACE.details[other].filter((l) => l.length > 2)]) {
      // Whole words only: "Places" must not match inside another word.
      const re = new RegExp(`(^|[^A-Za-z])${escapeRe(s)}($|[^A-Za-z])`);
      assert.ok(!re.test(all), `${lang}: the ${other} text “${s}” is gone`);
    }
    assert.equal(await page.getByRole("button", { name: UI[lang].switchTo }).getAttribute("lang"), other,
      "the switch names the other language in that language, marked as such");
    await details.getByRole("button", { name: lang === "en" ? "Close" : "閉じる" }).click();
    await details.waitFor({ state: "detached" });
  };
  await check("ja");
  await page.getByRole("button", { name: "English" }).click();
  await check("en");
  assert.equal(queryOf(await settledUrl(page)).get("lang"), "en");
  await page.getByRole("button", { name: "日本語" }).click();
  await check("ja");
  assert.equal(queryOf(await settledUrl(page)).get("lang"), "ja");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the language button's name stays on one line beside the header's text, on a phone and in an embed", async () => {
  // On a 390 px phone the English tagline squeezed the button until 「日本語」 stood one
  // character per line, in a button 80 px tall.
  for (const [lang, width, mode] of [["en", 390, ""], ["en", 320, ""], ["ja", 320, ""], ["en", 320, "&mode=embed"]]) {
    const { page, context } = await open(`/?lang=${lang}${mode}&data=fixtures/valid-3.geojson`, { viewport: { width, height: 700 } });
    const button = page.getByRole("button", { name: UI[lang].switchTo, exact: true });
    await regions(page, UI[lang]).listItems.first().waitFor();
    const box = await button.evaluate((b) => {
      const range = document.createRange();
      range.selectNodeContents(b);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      const r = b.getBoundingClientRect();
      return { lines: lines.size, height: r.height, right: r.right, overflow: b.scrollWidth > b.clientWidth };
    });
    const where = `${lang}, ${width} px${mode ? ", embedded" : ""}`;
    assert.equal(box.lines, 1, `${where}: the button's name is on one line: ${JSON.stringify(box)}`);
    assert.ok(box.height <= 48, `${where}: the button is one line tall: ${JSON.stringify(box)}`);
    assert.ok(!box.overflow && box.right <= width, `${where}: the button is whole on screen: ${JSON.stringify(box)}`);
    const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(pageOverflow, 0, `${where}: nothing to scroll sideways`);
    await context.close();
  }
});

test("the map's own controls speak the chosen language too: base layers, zoom buttons, markers", async () => {
  const { page, context } = await open("/?lang=ja&data=fixtures/valid-3.geojson&view=37.449,138.852,16", { locale: "ja-JP" });
  await regions(page, UI.ja).map.getByRole("button", { name: "テスト駅 (駅)" }).waitFor();
  const problems = [];
  const controls = async (lang) => {
    const layers = (await page.locator(".leaflet-control-layers-base").textContent()).trim();
    const [gsi, other] = lang === "en" ? ["GSI pale map", "地理院タイル（淡色地図）"] : ["地理院タイル（淡色地図）", "GSI pale map"];
    if (!layers.includes(gsi) || layers.includes(other)) problems.push(`${lang}: the base layers are named “${layers}”`);
    // Leaflet's zoom and layer buttons come with English names ("Layers" has none of ours); each
    // must carry the chosen language's name, as its accessible name and as its tooltip.
    const wanted = lang === "en" ? ["Zoom in", "Zoom out", "Base maps"] : ["拡大", "縮小", "背景地図"];
    const map = regions(page, UI[lang]).map;
    for (const [selector, name] of [[".leaflet-control-zoom-in", wanted[0]], [".leaflet-control-zoom-out", wanted[1]], [".leaflet-control-layers-toggle", wanted[2]]]) {
      const button = map.locator(selector);
      const said = await button.evaluate((e) => [e.getAttribute("aria-label"), e.getAttribute("title")].join(" / "));
      if (said !== `${name} / ${name}`) problems.push(`${lang}: ${selector} is named “${said}”, not “${name}”`);
      if ((await map.getByRole("button", { name, exact: true }).count()) !== 1) problems.push(`${lang}: no button named “${name}”`);
    }
  };
  await controls("ja");
  await page.getByRole("button", { name: "English" }).click();
  const en = regions(page);
  await en.map.getByRole("button", { name: "Test Station (Station)" }).waitFor();
  assert.equal(await en.map.getByRole("button", { name: "テスト駅 (駅)" }).count(), 0, "markers are renamed");
  await controls("en");
  await page.getByRole("button", { name: "日本語" }).click();
  await regions(page, UI.ja).map.getByRole("button", { name: "テスト駅 (駅)" }).waitFor();
  await controls("ja");
  assert.deepEqual(problems, [], `map controls not in the chosen language:\n${problems.join("\n")}`);
  await context.close();
});

test("a name missing in the chosen language shows the other one, marked with a note and its lang", async () => {
  for (const [lang, shown, note, textLang] of [
    ["en", "日本語だけの事務所", "(in Japanese only)", "ja"],
    ["ja", "English Only Office", "（英語のみ）", "en"],
  ]) {
    const { page, context } = await open(`/?lang=${lang}&data=fixtures/one-language.geojson`);
    const r = regions(page, UI[lang]);
    await r.listItems.first().waitFor();
    await r.listItems.filter({ hasText: shown }).click();
    const details = page.locator("section.details");
    await details.waitFor();
    const title = details.getByRole("heading", { level: 2 });
    const titleText = await title.innerText();
    assert.ok(titleText.includes(shown) && titleText.includes(note), `${lang}: ${titleText}`);
    assert.ok(await title.getByText(note).isVisible(), `${lang}: the note is visible`);
    const nameLang = await title.getByText(shown, { exact: true }).evaluate((el) => el.closest("[lang]")?.getAttribute("lang"));
    assert.equal(nameLang, textLang, `${lang}: the fallback name is marked lang=${textLang}`);
    // The note itself is in the interface language.
    const noteLang = await title.getByText(note).evaluate((el) => el.closest("[lang]")?.getAttribute("lang"));
    assert.equal(noteLang, lang);
    // The name that exists in this language has no note.
    const other = lang === "en" ? "English Only Office" : "日本語だけの事務所";
    await r.listItems.filter({ hasText: other }).click();
    await page.getByRole("region", { name: other, exact: true }).waitFor();
    assert.ok(!(await details.innerText()).includes(note));
    await context.close();
  }
});

test("a name missing in the chosen language carries its own lang in the list too", async () => {
  for (const [lang, shown, textLang] of [["en", "日本語だけの事務所", "ja"], ["ja", "English Only Office", "en"]]) {
    const { page, context } = await open(`/?lang=${lang}&data=fixtures/one-language.geojson`);
    const r = regions(page, UI[lang]);
    await r.listItems.first().waitFor();
    const nameLang = await r.listItems.filter({ hasText: shown }).getByText(shown, { exact: true })
      .evaluate((el) => el.closest("[lang]")?.getAttribute("lang"));
    assert.equal(nameLang, textLang, `${lang}: the list row for “${shown}” should be marked lang=${textLang} but is read as ${nameLang}`);
    await context.close();
  }
});

// ---------------------------------------------------------------------------------------------
// 7. Numbers.

test("numbers and dates are formatted per language: 2,391 students / 2,391人, 1976 / 1976年, 27 October 2025 / 2025年10月27日", async () => {
  for (const [lang, uni, students, founded, count, asOf] of [
    ["en", "Test University", /Students\s+2,391(?![\d人])/, /Founded\s+1976(?![\d年])/, "3 of 3 places", /As of 27 October 2025/],
    ["ja", "テスト大学", /学生数\s+2,391人/, /創立\s+1976年/, "3件中3件", /2025年10月27日時点/],
  ]) {
    const { page, context } = await open(`/?lang=${lang}&data=fixtures/valid-3.geojson`);
    const r = regions(page, UI[lang]);
    await r.listItems.filter({ hasText: uni }).click();
    const details = page.getByRole("region", { name: uni });
    await details.waitFor();
    const text = await details.innerText();
    assert.match(text, students, `${lang}: ${text}`);
    assert.match(text, founded, `${lang}: ${text}`);
    assert.doesNotMatch(text, /2391/);
    // A date in words: a hyphen in 「2025-10-27時点」 is where a narrow cell broke it.
    assert.match(text, asOf, `${lang}: ${text}`);
    assert.doesNotMatch(text, /2025-10-27/);
    assert.equal(await countStatus(page).innerText(), count);
    await context.close();
  }
});

test("a figure and its as-of note read as separate words", async () => {
  const runTogether = [];
  for (const [lang, uni, label] of [["en", "Test University", "Students"], ["ja", "テスト大学", "学生数"]]) {
    const { page, context } = await open(`/?lang=${lang}&data=fixtures/valid-3.geojson`);
    await regions(page, UI[lang]).listItems.filter({ hasText: uni }).click();
    const details = page.getByRole("region", { name: uni });
    await details.waitFor();
    const text = await details.innerText();
    const line = text.split("\n")[text.split("\n").indexOf(label) + 1];
    // "2,391As of 2014" runs the number into its note; a space (or a line) keeps them apart.
    if (!/^2,391人?\s/.test(line)) runTogether.push(`${lang}: “${line}”`);
    await context.close();
  }
  assert.deepEqual(runTogether, [], `the figure runs into its note:\n${runTogether.join("\n")}`);
});

// ---------------------------------------------------------------------------------------------
// 8. A long list, a page at a time.

/** The generator of tests/fixtures/many-250.geojson: 250 places inside Nagaoka, every kind. */
function manyPlaces(n = 250) {
  let seed = 20261125;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const round6 = (v) => Math.round(v * 1e6) / 1e6;
  const features = [];
  for (let i = 1; i <= n; i++) {
    const num = String(i).padStart(3, "0");
    features.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: [round6(138.7 + next() * 0.35), round6(37.25 + next() * 0.4)] },
      properties: {
        id: `generated-place-${num}`,
        kind: KINDS[(i - 1) % KINDS.length],
        name: { ja: `生成地点${num}`, en: `Generated place ${num}` },
        source: "test-source",
      },
    });
  }
  const doc = {
    type: "FeatureCollection",
    meta: {
      version: 1,
      updated: "2026-11-25",
      sources: { "test-source": { title: { ja: "テスト用の出典", en: "Test source" }, license: "CC BY 4.0", as_of: "2025-10-27" } },
    },
    features,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

test("tests/fixtures/many-250.geojson is what its generator makes, inside Nagaoka", () => {
  const file = readFileSync(join(ROOT, "tests", "fixtures", "many-250.geojson"), "utf8");
  assert.equal(file, manyPlaces());
  const doc = JSON.parse(file);
  assert.equal(new Set(doc.features.map((f) => f.properties.id)).size, 250);
  for (const f of doc.features) {
    const [lng, lat] = f.geometry.coordinates;
    assert.ok(lng >= 138.64 && lng <= 139.12 && lat >= 37.18 && lat <= 37.71, f.properties.id);
  }
});

test("more than 100 matches: “Show N more” adds rows until all are listed, and a new search starts over", async () => {
  const { page, context, errors } = await open("/?lang=en&data=fixtures/many-250.geojson");
  const r = regions(page);
  await r.listItems.first().waitFor();
  assert.equal(await page.getByText(/problems? (was|were) found/).count(), 0, "the fixture is valid");
  assert.equal(await countStatus(page).innerText(), "250 of 250 places");
  assert.equal(await r.listItems.count(), 100);
  assert.equal((await waitForTally(r.markers, 250)).total, 250, "the map has all 250, whatever the list shows");
  const more = page.getByRole("button", { name: /^Show [\d,]+ more$/ });
  assert.equal(await more.innerText(), "Show 100 more");
  // From the keyboard: focus goes to the first row added, not left on the button below them.
  await more.focus();
  await page.keyboard.press("Enter");
  await eventually(async () => assert.equal(await r.listItems.count(), 200));
  await eventually(async () => assert.match(await page.evaluate(() => document.activeElement?.textContent ?? ""), /Generated place 101/));
  assert.equal(await page.evaluate(() => document.activeElement?.closest("li") === document.querySelector(".place-list__items > li:nth-child(101)")), true);
  assert.equal(await more.innerText(), "Show 50 more");
  await more.click();
  await eventually(async () => assert.equal(await r.listItems.count(), 250));
  assert.equal(await more.count(), 0, "no button once everything is listed");
  const names = await listRows(page);
  assert.equal(names.at(-1).name, "Generated place 250");
  assert.equal(new Set(names.map((n) => n.name)).size, 250);

  // 99 matches (生成地点001–099): no button. Then everything again: back to the first page.
  await search(page, "生成地点0");
  await expectShown(page, 99);
  assert.equal(await more.count(), 0);
  await search(page, "");
  await eventually(async () => assert.equal(await countStatus(page).innerText(), "250 of 250 places"));
  await eventually(async () => assert.equal(await r.listItems.count(), 100));
  assert.equal(await more.innerText(), "Show 100 more");

  // Japanese counts the same way.
  await page.getByRole("button", { name: "日本語" }).click();
  await page.getByRole("button", { name: "さらに100件表示" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

/** Web Mercator pixel position of a place at `zoom` (Leaflet's default projection, 256 px tiles). */
function worldPx(lat, lng, zoom) {
  const scale = 256 * 2 ** zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  return { x: ((lng + 180) / 360) * scale, y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale };
}

test("a search that changes the clusters moves their markers: each stands at one of its places, is named with its count and zooms to its own places", async () => {
  const { page, context, errors } = await open("/?lang=en&data=fixtures/many-250.geojson");
  const r = regions(page);
  assert.equal((await waitForTally(r.markers, 250)).total, 250);
  const places = JSON.parse(readFileSync(join(ROOT, "tests", "fixtures", "many-250.geojson"), "utf8")).features;
  await search(page, "生成地点0");
  await expectShown(page, 99);
  await settledUrl(page);
  // From here every cluster must change: 生成地点1 (100–199) shares no place with 生成地点0
  // (001–099), so no old cluster's position or zoom target is right any more.
  // The cluster elements before and after, by identity: markers are also moved within the pane
  // to keep Tab in reading order, which a record of DOM insertions would count as new ones.
  await page.evaluate(() => {
    window.__clustersBefore = new Set(document.querySelectorAll(".leaflet-marker-pane > .cluster-marker"));
  });
  await search(page, "生成地点1");
  await expectShown(page, 100);
  const churn = await page.evaluate(() => {
    const now = new Set(document.querySelectorAll(".leaflet-marker-pane > .cluster-marker"));
    const before = window.__clustersBefore;
    return { added: [...now].filter((n) => !before.has(n)).length, removed: [...before].filter((n) => !now.has(n)).length };
  });
  assert.ok(Math.min(churn.added, churn.removed) === 0, `cluster markers were replaced instead of moved: ${JSON.stringify(churn)}`);

  const matching = places.filter((f) => /^Generated place 1\d\d$/.test(f.properties.name.en));
  assert.equal(matching.length, 100);
  const view = viewOf(await settledUrl(page));
  const box = await page.locator(".leaflet-container").boundingBox();
  const centre = worldPx(view.lat, view.lng, view.zoom);
  const onScreen = (f) => {
    const [lng, lat] = f.geometry.coordinates;
    const w = worldPx(lat, lng, view.zoom);
    return { x: box.x + box.width / 2 + (w.x - centre.x), y: box.y + box.height / 2 + (w.y - centre.y) };
  };
  const clusters = r.markers.and(page.locator(".cluster-marker"));
  const n = await clusters.count();
  assert.ok(n >= 2, `the search leaves clusters to check (${n})`);
  let target = null;
  for (let i = 0; i < n; i++) {
    const el = clusters.nth(i);
    const label = await el.getAttribute("aria-label");
    const count = Number(label.match(/^(\d+) places here \(.+\); zoom in$/)?.[1]);
    assert.ok(count >= 2, `a cluster is named with its count: “${label}”`);
    assert.equal(await el.innerText(), String(count), "its number is its count");
    const b = await el.boundingBox();
    const at = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    const own = matching.find((f) => {
      const p = onScreen(f);
      return Math.abs(p.x - at.x) <= 3 && Math.abs(p.y - at.y) <= 3;
    });
    assert.ok(own, `cluster ${i} (“${label}”) stands at one of the places found, not where an old cluster stood`);
    if (!target || count > target.count) target = { i, count, own };
  }
  // Its zoom target is its own places: clicking it shows the place it stands at, closer.
  await clusters.nth(target.i).click();
  await eventually(async () => assert.ok(viewOf(page.url()).zoom > view.zoom, "the click zooms in"));
  const after = viewOf(await settledUrl(page));
  const centreAfter = worldPx(after.lat, after.lng, after.zoom);
  const [lng, lat] = target.own.geometry.coordinates;
  const p = worldPx(lat, lng, after.zoom);
  assert.ok(
    Math.abs(p.x - centreAfter.x) <= box.width / 2 && Math.abs(p.y - centreAfter.y) <= box.height / 2,
    `after the click the view holds the cluster's place ${target.own.properties.id}`,
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test("a starred place says it is in the shortlist, and a computer offers the shortlist's code for a phone", async () => {
  for (const [lang, added, share, add, remove] of [
    ["en", "✓ In your shortlist", "Open it on your phone, or share it", "Add to shortlist", "Remove from shortlist"],
    ["ja", "✓ 候補リストに追加済み", "スマートフォンで開く・共有する", "候補に追加", "候補から削除"],
  ]) {
    const { page, context } = await open(`/?lang=${lang}&place=nagaoka-station`, { viewport: { width: 1366, height: 768 } });
    const star = page.locator(".details__star");
    await star.waitFor();
    const said = page.locator(".details__starred");
    assert.equal((await said.innerText()).trim(), "", "nothing is said before");
    assert.equal(await said.getAttribute("role"), "status", "what is said is announced");
    // The button says what a tap does: add, then remove; its name says what it stars too.
    assert.equal((await star.innerText()).trim(), `☆ ${add}`);
    const place = lang === "en" ? "Nagaoka Station" : "長岡駅";
    assert.equal(await star.getAttribute("aria-label"), lang === "en" ? `${add}: ${place}` : `${place}を${add}`);
    await star.click();
    await eventually(async () => assert.equal((await said.innerText()).trim(), added));
    assert.equal((await star.innerText()).trim(), `★ ${remove}`);
    await page.getByRole("heading", { name: share, exact: true }).waitFor();
    const code = page.locator(".shortlist__qr svg[role=img]");
    assert.equal(await code.isVisible(), true, `${lang}: the code shows on a computer`);
    assert.match(await code.getAttribute("data-url"), /shortlist=nagaoka-station/);
    await star.click();
    await eventually(async () => assert.equal((await said.innerText()).trim(), "", "unstarred, it says nothing"));
    assert.equal((await star.innerText()).trim(), `☆ ${add}`);
    await context.close();
  }
  // On a phone, the link alone: a phone does not scan its own screen, and the heading does not
  // send it to "your phone".
  for (const [lang, heading] of [["en", "Keep it or share it"], ["ja", "保存する・共有する"]]) {
    const { page, context } = await open(`/?lang=${lang}&shortlist=nagaoka-station`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.locator(".shortlist__link").waitFor();
    assert.equal(await page.locator(".shortlist__qr svg").isVisible(), false);
    assert.equal(await page.getByRole("heading", { name: heading, exact: true }).count(), 1, `${lang}: the phone's heading`);
    await context.close();
  }
});

// A cluster was named by its count alone ("18 places here; zoom in"): nothing said whether it was
// worth zooming into. Its name now counts its kinds; across the whole city, every place is counted
// once, under its own kind, in a cluster's name or as a marker of its own.
test("a cluster's name says what it holds: its kinds, each with its count, in both languages", async () => {
  for (const lang of ["en", "ja"]) {
    const { page, context } = await open(`/?lang=${lang}`, { viewport: { width: 1366, height: 768 } });
    const r = regions(page, lang === "ja" ? { list: UI.ja.list, map: UI.ja.map } : {});
    await r.listItems.first().waitFor();
    await mapSettled(page);
    const names = KIND_NAMES[lang];
    const byName = Object.fromEntries(Object.entries(names).map(([k, v]) => [v, k]));
    const counted = Object.fromEntries(KINDS.map((k) => [k, 0]));
    const markers = await page.locator(".leaflet-marker-pane > *").evaluateAll((els) =>
      els.map((e) => ({ cluster: e.classList.contains("cluster-marker"), label: e.getAttribute("aria-label"), kind: [...e.classList].find((c) => c.startsWith("kind-"))?.slice(5) })),
    );
    let clusters = 0;
    for (const m of markers) {
      if (!m.cluster) {
        counted[m.kind] += 1;
        continue;
      }
      clusters += 1;
      const pattern = lang === "en" ? /^(\d+) places here \((.+)\); zoom in$/ : /^この付近に(\d+)件（(.+)）。押すと拡大します$/;
      const [, total, list] = m.label.match(pattern) ?? [];
      assert.ok(list, `a cluster named with its kinds: “${m.label}”`);
      const parts = list.split(lang === "en" ? ", " : "、").map((p) => {
        const [, name, n] = p.match(lang === "en" ? /^(.+) (\d+)$/ : /^(.+?)(\d+)$/);
        assert.ok(byName[name], `a kind's name: “${name}” in “${m.label}”`);
        return [byName[name], Number(n)];
      });
      assert.equal(parts.reduce((s, [, n]) => s + n, 0), Number(total), `its kinds add up to its count: “${m.label}”`);
      assert.deepEqual(parts.map(([, n]) => n), parts.map(([, n]) => n).sort((a, b) => b - a), "the most numerous first");
      for (const [kind, n] of parts) counted[kind] += n;
    }
    assert.ok(clusters >= 2, `the whole city's view has clusters (${clusters})`);
    const wanted = Object.fromEntries(KINDS.map((k) => [k, SHIPPED.features.filter((f) => f.properties.kind === k).length]));
    assert.deepEqual(counted, wanted, "every place counted once, under its own kind");
    await context.close();
  }
});

test("a phone that opens a shortlist's link with a place finds the way from the place down to the shortlist", async () => {
  for (const [lang, label] of [["en", "Shortlist (2)"], ["ja", "候補リスト（2）"]]) {
    const { page, context } = await open(`/?lang=${lang}&place=nagaoka-station&shortlist=nadec-base,nagaoka-station`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const details = page.locator("section.details");
    await details.waitFor();
    const heading = page.locator("#shortlist-title");
    await eventually(async () => assert.ok((await heading.boundingBox()).y > 844, "the shortlist starts below the screen"));
    // Named by its words: the arrow is for the eye ("down arrow" read aloud said nothing).
    const jump = details.getByRole("link", { name: label, exact: true });
    assert.match(await jump.innerText(), /↓$/);
    await jump.click();
    await eventually(async () => {
      const box = await heading.boundingBox();
      assert.ok(box.y >= 0 && box.y + box.height <= 844, `the shortlist is in view: ${box.y}`);
    });
    // And back: the entry of the place already open leads up to its details. It did nothing (the
    // place was chosen already), the commonest case after a kiosk's take-home code.
    const title = page.locator("#details-title");
    await eventually(async () => assert.ok((await title.boundingBox()).y < 0, "the details are above, out of sight"));
    await page.locator(".shortlist__open", { hasText: lang === "en" ? "Nagaoka Station" : "長岡駅" }).tap();
    await eventually(async () => {
      const box = await title.boundingBox();
      assert.ok(box.y >= 0 && box.y + box.height <= 844, `the place's details are in view: ${box.y}`);
      assert.equal(await page.evaluate(() => document.activeElement?.id), "details-title", "and have the focus");
    });
    await context.close();
  }
  // An area already chosen: its entry leads to its month.
  const { page, context } = await open("/?lang=en&area=area-tochio&shortlist=area-tochio,nadec-base", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const month = page.locator('#budget-heading[data-area="area-tochio"]');
  await month.waitFor();
  const entry = page.locator(".shortlist__open", { hasText: "Tochio" });
  await entry.scrollIntoViewIfNeeded();
  await eventually(async () => {
    const box = await month.boundingBox();
    assert.ok(box.y + box.height < 0 || box.y > 844, `the month is out of sight: ${box.y}`);
  });
  await entry.tap();
  await eventually(async () => {
    const box = await month.boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 844, `the area's month is in view: ${box.y}`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), "budget-heading");
  });
  await context.close();
});

test("on a phone a place's details lead back up to the map, which shows it; a laptop has the map beside them", async () => {
  for (const [lang, label] of [["en", "Show on the map"], ["ja", "地図で見る"]]) {
    const { page, context } = await open(`/?lang=${lang}&place=nadec-base`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const details = page.locator("section.details");
    await details.waitFor();
    const map = page.locator("#map-region");
    await eventually(async () => assert.ok((await map.boundingBox()).y + (await map.boundingBox()).height < 0, "the map is above, out of sight"));
    await details.getByRole("link", { name: label }).click();
    await eventually(async () => {
      const box = await map.boundingBox();
      assert.ok(box.y > -2 && box.y < 200, `the map is in view: ${box.y}`);
    });
    // The chosen place's marker is on it, in view.
    const marker = page.locator(".leaflet-marker-pane [aria-current=true], .leaflet-marker-pane .place-marker--selected").first();
    await eventually(async () => {
      const m = await marker.boundingBox();
      assert.ok(m && m.y >= 0 && m.y < 844, "the place's marker is in view");
    });
    await context.close();
  }
  const { page, context } = await open("/?lang=en&place=nadec-base", { viewport: { width: 1366, height: 768 } });
  await page.locator("section.details").waitFor();
  assert.equal(await page.getByRole("link", { name: "Show on the map" }).isVisible(), false);
  await context.close();
});

test("a full shortlist says so beside the star of a place it cannot take, in both languages", async () => {
  const ids = SHIPPED.features.map((f) => f.properties.id);
  const kept = ids.slice(0, 30);
  const other = ids[30];
  assert.ok(other, "the shipped data has more than 30 places");
  for (const [lang, full, add] of [
    ["en", "The shortlist is full (30 places): remove one to add this one.", "Add to shortlist"],
    ["ja", "候補リストはいっぱいです（30か所まで）。追加するには、どれかを外してください。", "候補に追加"],
  ]) {
    const { page, context } = await open(`/?lang=${lang}&shortlist=${kept.join(",")}&place=${other}`, { viewport: { width: 1366, height: 768 } });
    const star = page.locator(".details__star");
    await star.waitFor();
    const said = page.locator(".details__starred");
    await eventually(async () => assert.equal((await said.innerText()).trim(), full));
    assert.equal(await star.getAttribute("aria-disabled"), "true", `${lang}: the star says it cannot add`);
    assert.equal((await star.innerText()).trim(), `☆ ${add}`);
    // Pressed anyway (a tap does not ask whether a button is aria-disabled): nothing is added.
    await star.click({ force: true });
    // Nothing may happen, so there is nothing to wait for: a second is longer than any of the
    // app's paths from a press to the address (the next frame, or an idle moment of up to 1 s).
    await page.waitForTimeout(1_200);
    assert.doesNotMatch(decodeURIComponent(page.url()), new RegExp(`shortlist=[^&]*${other}`), "the place was not added");
    assert.equal((await star.innerText()).trim(), `☆ ${add}`, "the star still offers to add");
    assert.equal((await said.innerText()).trim(), full, "the line still says the shortlist is full");
    // Room again: one removed from the shortlist, the star adds and the line says so.
    const removeName = lang === "en" ? /^Remove .* from the shortlist$/ : /を候補から削除$/;
    await page.locator(".shortlist").getByRole("button", { name: removeName }).first().click();
    await eventually(async () => assert.equal(await star.getAttribute("aria-disabled"), null));
    assert.equal((await said.innerText()).trim(), "");
    await star.click();
    await eventually(async () => assert.match((await said.innerText()).trim(), /^✓ /));
    await context.close();
  }
});

test("a link made with other data: ids this data lacks take no room, are said and can be removed; a code too long says so", async () => {
  // 30 places removed since (long ids, as a city's might be): the shortlist's 30 taken, and more
  // characters than a QR code holds.
  const gone = Array.from({ length: 30 }, (_, i) => `former-place-${String(i).padStart(2, "0")}-${"x".repeat(60)}`);
  const place = SHIPPED.features[0].properties.id;
  const { page, context } = await open(`/?lang=en&shortlist=${gone.join(",")}&place=${place}&compare=gone-a,gone-b,gone-c`, { viewport: { width: 1366, height: 768 } });
  const star = page.locator(".details__star");
  await star.waitFor();
  const shortlist = page.locator(".shortlist");
  await shortlist.getByText("30 places in this shortlist are not in the data", { exact: false }).waitFor();
  assert.equal(await star.getAttribute("aria-disabled"), null, "the star can add: unknown ids take no room");
  // The code cannot hold the address: said, with the address, instead of an empty space.
  await shortlist.getByText("This address is too long for a QR code", { exact: false }).waitFor();
  assert.match(await shortlist.locator(".qr__url").innerText(), /former-place-29/);
  // The comparison's three unknown areas leave every box free.
  const boxes = page.locator(".compare-box");
  assert.ok(await boxes.count() > 0);
  assert.equal(await page.locator(".compare-box[aria-disabled=true]").count(), 0, "no compare box is off");
  // Starring makes room by dropping the unknown ids.
  await star.click();
  await eventually(async () => assert.match(decodeURIComponent(page.url()), new RegExp(`shortlist=${place}(&|$)`)));
  assert.equal(await shortlist.getByText("not in the data", { exact: false }).count(), 0);
  await context.close();

  // The same in Japanese, removed by the button, and the focus goes to the list's heading.
  const ja = await open(`/?lang=ja&shortlist=${gone.slice(0, 2).join(",")}`, { viewport: { width: 1366, height: 768 } });
  const note = ja.page.locator(".shortlist__unknown");
  await note.getByText("候補リストのうち2件はデータ", { exact: false }).waitFor();
  await note.getByRole("button", { name: "これらを候補から削除" }).click();
  await eventually(async () => assert.equal(await ja.page.locator(".shortlist").count(), 0));
  await eventually(async () => assert.equal(await ja.page.evaluate(() => document.activeElement?.id), "place-list-title"));
  assert.doesNotMatch(ja.page.url(), /shortlist=/);
  await ja.context.close();
});

test("a place chosen from the list is shown on its own: the map zooms in until no neighbour hides under it", async () => {
  const { page, context } = await open("/?lang=en");
  const list = page.getByRole("list", { name: "Places" });
  await list.getByRole("button").first().waitFor();
  const item = list.getByRole("button", { name: /NaDeC BASE/ });
  await item.click();
  await page.getByRole("region", { name: /NaDeC BASE/ }).waitFor();
  const chosen = page.locator('.leaflet-marker-pane [aria-current="true"]');
  await eventually(async () => {
    assert.equal(await chosen.count(), 1);
    assert.equal(await chosen.getAttribute("data-more"), null, "no +N: every neighbour has a marker of its own");
  });
  const zoom = Number(new URL(page.url()).searchParams.get("view").split(",")[2]);
  assert.ok(zoom <= 16, `zoomed in no further than needed: ${zoom}`);
  await context.close();
});

test("a place opened on a phone shows its panel from the top, Close button included", async () => {
  const { page, context } = await open("/?lang=ja", { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const item = page.getByRole("list", { name: "場所の一覧" }).getByRole("button").nth(8);
  await item.scrollIntoViewIfNeeded();
  await item.tap();
  const panel = page.locator("section.details");
  await panel.waitFor();
  await eventually(async () => {
    const top = await panel.evaluate((el) => el.getBoundingClientRect().top);
    const close = await panel.getByRole("button", { name: "閉じる" }).boundingBox();
    assert.ok(top >= -1 && close.y >= 0, `the panel's top at ${top} px, its Close button at ${close.y} px`);
  });
  await context.close();
});

test("a place opened from a shared link is at the top of a laptop's sidebar, not at its foot", async () => {
  const { page, context } = await open("/?lang=ja&place=nagaoka-university-of-technology", { viewport: { width: 1366, height: 768 } });
  const heading = page.locator("#details-title");
  await heading.waitFor();
  await eventually(async () => {
    const [top, sidebarTop] = await heading.evaluate((h) => [h.getBoundingClientRect().top, h.closest(".sidebar").getBoundingClientRect().top]);
    assert.ok(top - sidebarTop < 120, `the place's title stands ${top - sidebarTop} px below the sidebar's top`);
  });
  await context.close();
});
