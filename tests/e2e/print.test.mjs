// Paper: a mover prints what they found. The map goes across the page keeping its view, the
// screen's controls stay off the paper, outside links print their address, and a QR code leads
// back to the same view.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browser, eventually, mapSettled, openPage, regions, server, shippedPlaces, useServerAndBrowser } from "./harness.mjs";

useServerAndBrowser();

/** Where the station's marker is against the middle of the map, measured in the same task as the
 * print event: the browser lays the page out for paper right after `beforeprint`, before any
 * observer or task of the page could run. */
/** Asserts that two addresses of the app show the same view: the same parameters, and the map's
 * centre within a pixel or two (Leaflet keeps the centre to the pixel when the map's size changes). */
function assertSameView(actual, expected) {
  const a = new URL(actual);
  const e = new URL(expected);
  assert.equal(a.origin + a.pathname, e.origin + e.pathname);
  const params = (u) => [...u.searchParams].filter(([k]) => k !== "view").sort().join("&");
  assert.equal(params(a), params(e));
  const [alat, alng, az] = (a.searchParams.get("view") ?? "").split(",").map(Number);
  const [elat, elng, ez] = (e.searchParams.get("view") ?? "").split(",").map(Number);
  assert.equal(az, ez, "the same zoom");
  const pixel = 360 / 256 / 2 ** ez;
  assert.ok(Math.abs(alat - elat) <= 2 * pixel && Math.abs(alng - elng) <= 2 * pixel, `${actual} shows the view of ${expected}`);
}

function printEventAndMeasure(page, event) {
  return page.evaluate((event) => {
    window.dispatchEvent(new Event(event));
    const box = document.querySelector(".map__canvas").getBoundingClientRect();
    const marker = [...document.querySelectorAll(".leaflet-marker-icon")].find((m) =>
      (m.getAttribute("aria-label") ?? "").startsWith("Nagaoka Station ("),
    );
    const m = marker.getBoundingClientRect();
    return {
      width: box.width,
      height: box.height,
      dx: m.x + m.width / 2 - (box.x + box.width / 2),
      dy: m.y + m.height / 2 - (box.y + box.height / 2),
    };
  }, event);
}

test("on paper the map keeps its view across the page, the screen's controls go, link addresses print, and a QR code opens the same view", async () => {
  const { page, context, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 800 } });
  const station = shippedPlaces().features.find((f) => f.properties.id === "nagaoka-station");
  const [lng, lat] = station.geometry.coordinates;
  await page.goto(`${server.url}/?lang=en&view=${lat},${lng},17`);
  await regions(page).markers.and(page.getByRole("button", { name: /^Nagaoka Station \(/ })).waitFor();
  await mapSettled(page);
  // The sources are not opened on screen: they print all the same (a print had none of them,
  // no data date and no map credit unless the panel had been opened).
  assert.equal(await page.locator(".sources__item").count(), 0, "the panel is folded, its list not built");
  const screen = await page.locator(".map__canvas").boundingBox();

  const paper = await printEventAndMeasure(page, "beforeprint");
  // 17 cm by 11 cm at 96 CSS px to the inch, less than an A4 or Letter page's width.
  assert.ok(Math.abs(paper.width - 642.5) < 3 && Math.abs(paper.height - 415.7) < 3, `the map is ${paper.width} x ${paper.height} px for paper`);
  assert.ok(paper.width < screen.width - 50, "the paper size differs from the screen's, so the check below can fail");
  assert.ok(Math.abs(paper.dx) <= 3 && Math.abs(paper.dy) <= 3, `on paper the station is ${paper.dx.toFixed(1)}, ${paper.dy.toFixed(1)} px from the centre`);

  await page.emulateMedia({ media: "print" });
  // The QR code of this view: the address bar holds the view, so the code holds the same address.
  const code = page.locator(".print-code svg");
  await code.waitFor();
  assertSameView(await code.getAttribute("data-url"), await page.evaluate(() => location.href));
  assert.match(await code.getAttribute("data-url"), /[?&]view=/);
  assert.equal(await code.getAttribute("role"), "img");
  assert.match(await code.getAttribute("aria-label"), /^Scan to open this view/);
  // What only works on a screen is not printed.
  for (const selector of [".leaflet-control-zoom", ".leaflet-control-layers", ".lang-switch", ".skip-link"]) {
    assert.ok(await page.locator(selector).first().isHidden(), `${selector} is not on paper`);
  }
  // The sidebar is no scroll box on paper: everything in it prints.
  assert.equal(await page.locator(".sidebar").evaluate((el) => getComputedStyle(el).overflowY), "visible");
  // Each outside link is followed by its address.
  const source = page.locator(".print-sources .sources__item a[href^='https:']").first();
  await source.waitFor();
  assert.ok(await source.isVisible(), "the sources are on paper");
  assert.match(await page.locator(".print-sources").innerText(), /^Sources and attribution\s+Data updated/);
  assert.match(await page.locator(".print-sources").innerText(), /Geospatial Information Authority/, "the map's credit is on paper");
  assert.ok(await page.locator(".sources").isHidden(), "the folded panel's bare heading is not");
  const after = await source.evaluate((a) => ({ href: a.getAttribute("href"), content: getComputedStyle(a, "::after").content }));
  assert.ok(after.content.includes(after.href), `the link prints its address: ${after.content}`);

  // Back on screen: the map has its full size again and still the same centre; the code is gone.
  await page.emulateMedia({ media: "screen" });
  const back = await printEventAndMeasure(page, "afterprint");
  assert.ok(Math.abs(back.width - screen.width) < 2, `the map is ${back.width} px wide again`);
  assert.ok(Math.abs(back.dx) <= 3 && Math.abs(back.dy) <= 3, `on screen the station is ${back.dx.toFixed(1)}, ${back.dy.toFixed(1)} px from the centre`);
  await eventually(async () => assert.equal(await page.locator(".print-code svg").count(), 0, "the QR code is only for paper"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("printing for real (to a PDF) shows the QR code of the selected place's view in Japanese, and takes it away after", async () => {
  const { page, context, errors } = await openPage(browser, { locale: "ja-JP" });
  await page.goto(`${server.url}/?lang=ja&place=nagaoka-station`);
  await page.locator(".details").waitFor();
  await page.evaluate(() => {
    window.__printed = null;
    new MutationObserver(() => {
      const svg = document.querySelector(".print-code svg");
      if (svg && !window.__printed) window.__printed = { url: svg.getAttribute("data-url"), label: svg.getAttribute("aria-label"), width: svg.getAttribute("width"), modules: Number(svg.getAttribute("viewBox").split(" ")[2]) };
      const date = document.querySelector(".print-code .print-date");
      if (date && !window.__date) window.__date = date.textContent;
      const sources = document.querySelectorAll(".print-sources .sources__item").length;
      if (sources) window.__sources = Math.max(window.__sources ?? 0, sources);
    }).observe(document.body, { subtree: true, childList: true });
  });
  const pdf = await page.pdf({ format: "A4" });
  assert.ok(pdf.length > 10_000, "a PDF was made");
  const printed = await page.evaluate(() => window.__printed);
  assert.ok(printed, "the QR code was there while the page printed");
  assertSameView(printed.url, await page.evaluate(() => location.href));
  assert.match(printed.url, /[?&]place=nagaoka-station/);
  assert.match(printed.label, /^読み取ると/);
  // Millimetres, by its modules: a fixed 2.6 cm square left a long address's modules at 0.22 mm.
  const mm = Number(printed.width.replace(/mm$/, ""));
  assert.match(printed.width, /^[\d.]+mm$/);
  assert.ok(mm >= 26 && mm / printed.modules >= 0.44, `${printed.width} for ${printed.modules} modules`);
  assert.equal(await page.evaluate(() => window.__sources), Object.keys(shippedPlaces().meta.sources).length, "every source on paper");
  // The day it was printed, in the page's language: figures with "as of" dates said nothing of
  // when their view was taken.
  const today = await page.evaluate(() => { const d = new Date(); return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日印刷`; });
  assert.equal(await page.evaluate(() => window.__date), today);
  await eventually(async () => assert.equal(await page.locator(".print-code svg").count(), 0));
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("printing")), false);
  assert.deepEqual(errors, []);
  await context.close();
});

// A shortlist's long address made a code of over 100 modules, squeezed into 2.6 cm: 0.22 mm a
// module, which a phone's camera could not read from the paper.
test("a long view's printed QR code grows with its modules instead of shrinking them, and no button prints", async () => {
  const { page, context } = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 800 } });
  const ids = shippedPlaces().features.map((f) => f.properties.id).filter((id) => !id.startsWith("area-")).slice(0, 25);
  await page.goto(`${server.url}/?lang=en&shortlist=${ids.join(",")}&place=${ids[0]}&area=area-tochio&compare=area-nagaoka,area-tochio`);
  await page.locator(".details").waitFor();
  await page.locator("#around-heading").waitFor();
  const onScreen = await page.locator(".button").evaluateAll((els) => els.filter((e) => e.checkVisibility()).map((e) => e.textContent.trim()));
  assert.ok(onScreen.length >= 3, `buttons on screen: ${onScreen}`);
  await page.emulateMedia({ media: "print" });
  // Buttons do nothing on paper ("Stop comparing", "Measure from the map's centre", a stepper's
  // − and +): they printed.
  const onPaper = await page.locator(".button, input[type=range]").evaluateAll((els) => els.filter((e) => e.checkVisibility()).map((e) => e.textContent.trim() || e.getAttribute("aria-label")));
  assert.deepEqual(onPaper, [], "no button on paper");
  // An area's name is a button on screen and no link on paper: it printed blue and underlined.
  const name = page.locator(".areas .link-button").first();
  assert.equal(await name.evaluate((el) => getComputedStyle(el).textDecorationLine), "none");
  await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
  const code = page.locator(".print-code svg");
  await code.waitFor();
  const { width, modules, box } = await code.evaluate((svg) => ({ width: svg.getAttribute("width"), modules: Number(svg.getAttribute("viewBox").split(" ")[2]), box: svg.getBoundingClientRect().width }));
  const mm = Number(width.replace(/mm$/, ""));
  assert.ok(modules > 80, `a long address: ${modules} modules`);
  assert.ok(mm / modules >= 0.44, `${width} for ${modules} modules`);
  // Drawn at that size (96 px to the inch): nothing in the page's style squeezes it.
  assert.ok(Math.abs(box - (mm / 25.4) * 96) < 2, `drawn ${box} px wide for ${width}`);
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  await context.close();
});

test("an embed prints as the host page shows it: its frame keeps the map and list side by side, with no paper layout of its own", async () => {
  const { page, context, errors } = await openPage(browser, { locale: "en-US", viewport: { width: 600, height: 450 } });
  await page.goto(`${server.url}/?lang=en&mode=embed`);
  await regions(page).markers.first().waitFor();
  await mapSettled(page);
  const screen = await page.locator(".map__canvas").boundingBox();
  await page.emulateMedia({ media: "print" });
  const paper = await printEventAndMeasureBox(page);
  assert.ok(Math.abs(paper.width - screen.width) < 2 && Math.abs(paper.height - screen.height) < 2, `the map is ${paper.width} x ${paper.height} px, as on screen (${screen.width} x ${screen.height})`);
  assert.equal(await page.locator(".print-code svg").count(), 0, "no QR code inside the host's page");
  const sidebar = await page.locator(".sidebar").boundingBox();
  assert.ok(sidebar.x >= screen.x + screen.width - 1, "the list stays beside the map");
  await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
  assert.deepEqual(errors, []);
  await context.close();
});

/** The map's box, measured in the same task as the `beforeprint` event. */
function printEventAndMeasureBox(page) {
  return page.evaluate(() => {
    window.dispatchEvent(new Event("beforeprint"));
    const box = document.querySelector(".map__canvas").getBoundingClientRect();
    return { width: box.width, height: box.height };
  });
}
