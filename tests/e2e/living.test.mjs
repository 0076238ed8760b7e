// Areas and living costs in a real browser: the area layer and its table, a month's budget beside
// Tokyo's with sources in view, one-time support, two or three areas side by side, and distances
// and times from an area or from a point tapped on the map. Expected figures are computed here from
// the shipped data file, so a wrong sum, a wrong fallback or a lost source fails the test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { browser, dateWords, eventually, mapSettled, openPage, ROOT, server, useServerAndBrowser } from "./harness.mjs";

useServerAndBrowser();

const DATA = JSON.parse(readFileSync(join(ROOT, "data", "nagaoka.geojson"), "utf8"));
const AREAS = DATA.features.filter((f) => f.properties.kind === "area");
const COSTS = DATA.meta.costs;
const area = (id) => AREAS.find((a) => a.properties.id === id);
const yenEn = (n) => `¥${n.toLocaleString("en-US")}`;
const yenJa = (n) => `${n.toLocaleString("en-US")}円`;

async function open(path, options) {
  const session = await openPage(browser, { viewport: { width: 1280, height: 900 }, ...options });
  await session.page.goto(server.url + path);
  await session.page.getByRole("table", { name: /Figures by area|地域の数値/ }).waitFor();
  return session;
}

function budgetTable(page) {
  return page.getByRole("table", { name: /A month in|の1か月/ });
}

/** The text of the budget cell for a line (`data-line`) on one side (1 = Nagaoka, 2 = Tokyo). */
async function cell(page, line, side) {
  return budgetTable(page).locator(`tr[data-line="${line}"] td`).nth(side - 1).innerText();
}

test("every area is in the table with its figures, sources and dates, in both languages", async () => {
  for (const lang of ["en", "ja"]) {
    const { page, context, errors } = await open(`/?lang=${lang}`);
    const table = page.getByRole("table", { name: lang === "en" ? "Figures by area" : "地域の数値" });
    const rows = table.locator("tbody tr");
    // The rows come a task after the table (the panel is drawn in slices).
    await eventually(async () => assert.equal(await rows.count(), AREAS.length));
    for (const a of AREAS) {
      const row = rows.filter({ has: page.getByRole("button", { name: a.properties.name[lang], exact: true }) });
      assert.equal(await row.count(), 1, `${a.properties.name[lang]} has a row`);
      const land = a.properties.figures.land_price_yen_per_m2;
      if (land) {
        const text = await row.innerText();
        const shown = lang === "en" ? yenEn(land.value) : yenJa(land.value);
        assert.ok(text.includes(`${shown}/m²`), `${a.properties.id}: land price ${shown} in "${text}"`);
        assert.ok(text.includes(dateWords(land.as_of, lang)), "with its as-of date");
        const source = DATA.meta.sources[land.source].title[lang];
        assert.ok(text.includes(source), "and its source");
      }
    }
    const seaside = rows.filter({ has: page.getByRole("button", { name: area("area-teradomari").properties.name[lang] }) });
    assert.match(await seaside.innerText(), lang === "en" ? /Seaside/ : /シーサイド/);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("the area layer colours areas by the chosen measure, says what grey means, and can be switched off", async () => {
  const { page, context } = await open("/?lang=en");
  const symbols = page.locator("path.area-symbol");
  assert.equal(await symbols.count(), 0, "off until asked for");
  await page.getByRole("radio", { name: "Land price (yen/m²)" }).check();
  await eventually(async () => assert.equal(await symbols.count(), AREAS.length));
  assert.match(page.url(), /layer=land_price/);
  const withPrice = AREAS.filter((a) => a.properties.figures.land_price_yen_per_m2).length;
  assert.equal(await page.locator("path.area-symbol:not(.area-class-none)").count(), withPrice);
  // Classes in proportion from 0 to the highest land price, which gets the darkest.
  const prices = AREAS.map((a) => a.properties.figures.land_price_yen_per_m2?.value).filter((v) => v !== undefined);
  const top = Math.max(...prices);
  // Each area's own symbol has its class: the symbols from west to east are the areas' points
  // from west to east, so a class drawn on the wrong area is caught, not only the mix of classes.
  const wanted = [...AREAS]
    .sort((a, b) => a.geometry.coordinates[0] - b.geometry.coordinates[0])
    .map((a) => {
      const p = a.properties.figures.land_price_yen_per_m2?.value;
      return `${a.properties.id}: ${p === undefined ? "none" : Math.round((p / top) * 4)}`;
    });
  const drawn = await symbols.evaluateAll((paths) =>
    paths
      .map((p) => ({ x: p.getBoundingClientRect().left + p.getBoundingClientRect().width / 2, c: /area-class-(\w+)/.exec(p.getAttribute("class"))?.[1] }))
      .sort((a, b) => a.x - b.x)
      .map((p) => p.c),
  );
  assert.deepEqual(drawn, wanted.map((w) => w.split(": ")[1]), `classes west to east, wanted ${wanted.join(", ")}`);
  // How many areas the grey stands for: with most without a figure, the coloured few are not
  // the whole story.
  const without = AREAS.filter((a) => a.properties.figures.land_price_yen_per_m2 === undefined).length;
  assert.ok(without > 0, "some areas have no land price in the shipped data");
  // No-break spaces inside the brackets: it broke there, "(9" / "of 11 areas)".
  assert.ok((await page.locator(".legend").innerText()).includes(`grey, dashed: no figure (${without}\u00a0of\u00a0${AREAS.length}\u00a0areas)`), await page.locator(".legend").innerText());
  await page.getByRole("radio", { name: "Off" }).check();
  await eventually(async () => assert.equal(await symbols.count(), 0));
  assert.doesNotMatch(page.url(), /layer=/);
  await context.close();
});

test("a couple with a car in Tochio: each line with its source, gaps said, totals right, beside Tokyo", async () => {
  const { page, context } = await open("/?lang=en");
  await page.getByRole("button", { name: "Tochio", exact: true }).click();
  await budgetTable(page).waitFor();
  assert.match(await page.getByRole("heading", { name: /A month in Tochio and in Tokyo's 23 wards/ }).innerText(), /Tochio/);
  assert.match(page.url(), /area=area-tochio/);
  await page.getByRole("radio", { name: "Couple" }).check();
  await page.getByRole("checkbox", { name: "Own a car" }).check();
  await page.getByRole("checkbox", { name: /train or bus pass/ }).uncheck();
  const city = COSTS.city;
  const tokyo = COSTS.tokyo;
  const rent = city.rent_yen["1ldk"];
  const rentText = await cell(page, "rent", 1);
  assert.ok(rentText.includes(yenEn(rent.value)), rentText);
  assert.ok(rentText.includes(dateWords(rent.as_of)) && rentText.includes(DATA.meta.sources[rent.source].title.en), "source in view");
  assert.match(rentText, /same figure for every area/, "Tochio has no rent of its own: the city's stands in, and says so");
  assert.ok((await cell(page, "rent", 2)).includes(yenEn(tokyo.rent_yen["1ldk"].value)));
  // The two rents come from different surveys and years: said beside them, not only at the foot.
  assert.notEqual(rent.source, tokyo.rent_yen["1ldk"].source);
  assert.match(await cell(page, "rent", 2), /another survey or date than the figure beside it: not like for like/);
  // Utilities come from one survey and month on both sides: nothing to say.
  assert.equal(city.utilities_yen.couple.source, tokyo.utilities_yen.couple.source);
  assert.doesNotMatch(await cell(page, "utilities", 2), /not like for like/);
  assert.doesNotMatch(await cell(page, "rent", 1), /not like for like/, "said once, on the Tokyo side");
  assert.match(await cell(page, "heating", 2), /no figure in the data/, "Tokyo heating has no figure: said, not guessed");
  assert.match(await cell(page, "car", 1), /estimate/, "the car line is an estimate and says so");
  // The Shinkansen fare is not in the data: the line says so.
  assert.match(await cell(page, "tokyo_trips", 1), /no figure in the data/);
  const here = rent.value + city.utilities_yen.couple.value + city.heating_yen.couple.value + city.car_yen.value;
  const there = tokyo.rent_yen["1ldk"].value + tokyo.utilities_yen.couple.value;
  const foot = budgetTable(page).locator("tfoot");
  assert.equal(await foot.locator('[data-total="here"]').innerText(), yenEn(here));
  assert.equal(await foot.locator('[data-total="tokyo"]').innerText(), yenEn(there));
  // Each side's own total names the lines it leaves out: Tochio the fare, Tokyo heating and car.
  assert.match(await foot.locator('[data-total="here"]').locator("xpath=..").innerText(), /not in the total, no figure: Shinkansen to Tokyo$/);
  assert.match(await foot.locator('[data-total="tokyo"]').locator("xpath=..").innerText(), /not in the total, no figure: Heating kerosene \(monthly average\); Car$/);
  // The same lines on both sides: Tokyo's missing heating and car, and Tochio's missing fare,
  // leave those lines out of both sides; the pass, a cost on neither side now, is not counted;
  // nor is rent, whose two figures come from different surveys and years (the cell above says
  // so). The bold total held both rents, the pair its own cells call not like for like. That
  // total comes first: the sides' own totals compare different lines.
  const rows = foot.locator("tr");
  assert.match(await rows.nth(0).innerText(), /^The same lines on both sides\s+only the 1 line that compares like for like\s+Rent is not in it/);
  // Each side's own total holds different lines: said in its label, not only in grey below it.
  assert.match(await rows.nth(1).innerText(), /^Each side's total of the lines it has \(different lines: not comparable\)/);
  assert.equal(await foot.locator('[data-total="here-same"]').innerText(), yenEn(city.utilities_yen.couple.value));
  assert.equal(await foot.locator('[data-total="tokyo-same"]').innerText(), yenEn(tokyo.utilities_yen.couple.value));
  const weight = (key) => foot.locator(`[data-total="${key}"]`).evaluate((el) => Number(getComputedStyle(el).fontWeight));
  assert.ok((await weight("here-same")) > (await weight("here")), "the comparable total stands out, the other does not");
  // An assumption changes a line: the pass back on adds Tokyo's commuter pass.
  await page.getByRole("checkbox", { name: /train or bus pass/ }).check();
  await eventually(async () =>
    assert.equal(await foot.locator('[data-total="tokyo"]').innerText(), yenEn(there + tokyo.local_transport_yen.value)),
  );
  await context.close();
});

// A single person's studio in an area with no figure for it: no line has a figure on both
// sides. The rows said "¥0" against "¥0" "for 1 line" (two lines that are a cost on neither side
// were counted), and a total of ¥0 for the area, as if living there cost nothing.
test("with no line comparable and no figure on a side, no total says ¥0", async () => {
  for (const lang of ["en", "ja"]) {
    const { page, context } = await open(`/?lang=${lang}&area=area-yamakoshi&budget=single,studio,nocar,nopass,trips0`);
    const foot = budgetTable(page).locator("tfoot");
    await foot.waitFor();
    const text = await foot.innerText();
    assert.doesNotMatch(text, /[¥￥]0(?!\d)|(?<![\d,])0円/, `${lang}: ${text}`);
    assert.match(text, lang === "en" ? /no line compares like for like/ : /そのまま比べられる項目はありません/);
    // Nothing compares, which is not a missing figure.
    assert.match(await foot.locator('[data-total="here-same"]').innerText(), lang === "en" ? /^nothing to compare$/ : /^比べられる項目なし$/);
    await context.close();
  }
});

test("yen are written the Japanese way in Japanese, and trips step without a keyboard", async () => {
  const { page, context } = await open("/?lang=ja&area=area-nagaoka");
  await budgetTable(page).waitFor();
  await page.getByRole("radio", { name: "夫婦・カップル" }).check();
  const rent = COSTS.city.rent_yen["1ldk"].value;
  assert.ok((await cell(page, "rent", 1)).includes(yenJa(rent)));
  const trips = page.getByRole("group", { name: "東京への往復回数（月）" });
  const value = trips.locator("output");
  assert.equal(await value.innerText(), "2");
  await trips.getByRole("button", { name: "増やす" }).click();
  assert.equal(await value.innerText(), "3");
  for (let i = 0; i < 2; i++) await trips.getByRole("button", { name: "減らす" }).click();
  assert.equal(await value.innerText(), "1");
  // With the keyboard to the limit: the button says it can go no further and keeps the focus
  // (a disabled button dropped it to the page's body).
  const fewer = trips.getByRole("button", { name: "減らす" });
  await fewer.focus();
  await page.keyboard.press("Enter");
  assert.equal(await value.innerText(), "0");
  assert.equal(await fewer.getAttribute("aria-disabled"), "true", "never below zero");
  assert.equal(await fewer.evaluate((b) => b === document.activeElement), true, "the focus stays");
  await page.keyboard.press("Enter");
  assert.equal(await value.innerText(), "0");
  assert.match(await cell(page, "tokyo_trips", 1), /なし/);
  await context.close();
});

// The data describes every area in the city's words (hills, heavy snow, the sea) and the page
// showed it nowhere: for Oguni, whose snow has no figure, it was the only word on its snow.
// After the month's figures: Nagaoka's few lines filled a 450 px frame's whole panel above them.
test("a chosen area is described in the city's words after its month's figures, in both languages", async () => {
  const oguni = DATA.features.find((f) => f.properties.id === "area-oguni").properties;
  assert.ok(oguni.description?.en && oguni.description?.ja, "the shipped data describes Oguni");
  for (const lang of ["en", "ja"]) {
    const { page, context } = await open(`/?lang=${lang}&area=area-oguni`);
    await page.locator("#budget-heading").waitFor();
    const about = page.locator(".budget-panel .budget__about");
    assert.equal((await about.innerText()).trim(), oguni.description[lang]);
    const after = await about.evaluate((p) => !!(document.querySelector("table.budget").compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING));
    assert.ok(after, "after the month's table");
    await context.close();
  }
});

test("with no fare in the data, the mover's own Shinkansen fare fills the line, marked as theirs", async () => {
  const { page, context } = await open("/?lang=en&area=area-nagaoka");
  await budgetTable(page).waitFor();
  assert.equal(COSTS.city.tokyo_round_trip_yen, undefined, "the shipped data has no fare (if it gains one, this test changes)");
  assert.match(await cell(page, "tokyo_trips", 1), /no figure in the data/);
  const fare = page.getByRole("group", { name: /Your Shinkansen round-trip fare/ });
  assert.equal(await fare.locator("output").innerText(), "not given");
  const foot = budgetTable(page).locator("tfoot");
  const before = Number((await foot.locator('[data-total="here"]').innerText()).replace(/[^\d]/g, ""));
  // The buttons stay where the finger is while the value changes from words to a figure.
  const more = fare.getByRole("button", { name: "More" });
  const at = await more.boundingBox();
  for (let i = 0; i < 3; i++) await more.click();
  assert.equal(await fare.locator("output").innerText(), "¥3,000");
  // Across the row (clicking may scroll the panel, which moves it down or up alike).
  assert.ok(Math.abs((await more.boundingBox()).x - at.x) < 0.5, "the + button did not move along its row");
  // Two trips a month by default: 2 × ¥3,000.
  const line = await cell(page, "tokyo_trips", 1);
  assert.match(line, /¥6,000 \(¥3,000 × 2 round trips\)/);
  assert.match(line, /your own figure/);
  assert.equal(await foot.locator('[data-total="here"]').innerText(), `¥${(before + 6000).toLocaleString("en-US")}`);
  // A slider gets to a real fare in one move; its keys step by ¥1,000 and say the amount.
  const slider = page.getByRole("slider", { name: /Your Shinkansen round-trip fare/ });
  assert.equal(await slider.getAttribute("aria-valuetext"), "¥3,000", "the slider follows the buttons");
  const track = await slider.boundingBox();
  await page.mouse.click(track.x + track.width / 3, track.y + track.height / 2);
  const dragged = Number((await fare.locator("output").innerText()).replace(/[^\d]/g, ""));
  assert.ok(dragged >= 17000 && dragged <= 23000, `a third of the way is about ¥20,000: ${dragged}`);
  await slider.focus();
  // Each key's value is drawn after the key's own task: read when it has come.
  const shows = (text) => eventually(async () => assert.equal(await fare.locator("output").innerText(), text));
  await page.keyboard.press("End");
  await shows("¥60,000");
  await page.keyboard.press("ArrowLeft");
  await shows("¥59,000");
  assert.equal(await slider.getAttribute("aria-valuetext"), "¥59,000");
  await page.keyboard.press("Home");
  await shows("not given");
  await context.close();
});

test("one-time support follows the household, apart from the monthly costs, with its conditions", async () => {
  const { page, context } = await open("/?lang=en&area=area-yoita");
  const panel = page.locator("section.budget-panel");
  await budgetTable(page).waitFor();
  const single = COSTS.support.find((s) => s.id === "iju-shienkin-single");
  assert.ok((await panel.innerText()).includes(`${single.name.en} up to ${yenEn(single.amount_yen.value)}`));
  await page.getByRole("radio", { name: "Family with children" }).check();
  const text = await panel.innerText();
  for (const id of ["iju-shienkin-household", "kosodate-iju-shienkin"]) {
    const s = COSTS.support.find((x) => x.id === id);
    assert.ok(text.includes(`${s.name.en} up to ${yenEn(s.amount_yen.value)}`), `${id} shown`);
    assert.ok(text.includes(s.conditions.en.slice(0, 40)), `${id} conditions shown`);
  }
  assert.ok(!text.includes(single.name.en), "the single-person scheme is gone for a family");
  const companies = page.getByRole("group").filter({ hasText: "Support for companies that open an office" });
  await page.getByText("Support for companies that open an office").click();
  assert.match(await panel.innerText(), /Subsidy for telework satellite offices up to ¥22,500,000/);
  assert.equal(await companies.count(), 1, "the companies' support is a group of its own");
  // Apart from the monthly costs: no one-time scheme is a line of the month's table.
  const month = await budgetTable(page).innerText();
  for (const s of COSTS.support) {
    assert.ok(!month.includes(s.name.en), `${s.id} is a line of the month's table`);
  }
  await context.close();
});

test("on a phone a support scheme's conditions read as even lines, with its website link below them", async () => {
  for (const lang of ["ja", "en"]) {
    const { page, context } = await open(`/?lang=${lang}&area=area-yoita`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await budgetTable(page).waitFor();
    const items = await page.locator("section.budget-panel ul.support").first().locator(":scope > li").evaluateAll((lis) =>
      lis.map((li) => {
        const p = li.querySelector(".support__conditions");
        const range = document.createRange();
        range.selectNodeContents(p);
        // The tops of the paragraph's lines, from its text's boxes.
        const tops = [...new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)))].sort((a, b) => a - b);
        const gaps = tops.slice(1).map((t, i) => t - tops[i]);
        const link = li.querySelector("a");
        return {
          text: p.textContent.slice(0, 30),
          lineHeight: parseFloat(getComputedStyle(p).lineHeight),
          gaps,
          link: link && { top: link.getBoundingClientRect().top, height: link.getBoundingClientRect().height, below: link.getBoundingClientRect().top >= p.getBoundingClientRect().bottom - 0.5 },
        };
      }),
    );
    assert.ok(items.length >= 1 && items.some((i) => i.link), `${lang}: schemes with links: ${JSON.stringify(items)}`);
    for (const i of items) {
      assert.ok(i.gaps.length >= 1, `${lang} "${i.text}": the conditions take more than one line on a phone`);
      for (const g of i.gaps) assert.ok(g <= i.lineHeight + 1, `${lang} "${i.text}": lines ${JSON.stringify(i.gaps)} px apart, line height ${i.lineHeight}`);
      if (i.link) {
        assert.ok(i.link.below, `${lang} "${i.text}": the link stands below the conditions`);
        assert.ok(i.link.height >= 44, `${lang} "${i.text}": the link keeps a 44 px target (${i.link.height})`);
      }
    }
    await context.close();
  }
});

test("two or three areas side by side, with distances to the station, a university and a workplace", async () => {
  const { page, context } = await open("/?lang=en");
  for (const name of ["Teradomari", "Tochio", "Kawaguchi"]) {
    await page.getByRole("checkbox", { name: `Compare ${name}` }).check();
  }
  // A fourth is off, says why to a screen reader (its description) and stays reachable by Tab.
  const fourth = page.getByRole("checkbox", { name: "Compare Yoita" });
  await eventually(async () => assert.equal(await fourth.getAttribute("aria-disabled"), "true", "three at most"));
  await page.getByText("Three areas is the most: untick one to add another.").waitFor();
  assert.match(await fourth.evaluate((box) => document.getElementById(box.getAttribute("aria-describedby"))?.textContent ?? ""), /Three areas is the most/);
  assert.equal(await fourth.evaluate((box) => box.disabled), false, "not disabled: Tab still reaches it");
  // Pressed anyway (a tap does not ask whether a box is aria-disabled).
  await fourth.click({ force: true });
  await page.waitForTimeout(200);
  assert.equal(await fourth.isChecked(), false, "a press adds nothing");
  assert.doesNotMatch(decodeURIComponent(page.url()), /compare=[^&]*yoita/);
  const table = page.getByRole("table", { name: "Compare areas" });
  await table.waitFor();
  const head = await table.locator("thead").innerText();
  assert.match(head, /Teradomari[\s\S]*Tochio[\s\S]*Kawaguchi/);
  const text = await table.innerText();
  assert.match(text, /Seaside/);
  // A straight line, said in the cell: the times are worked out on roads, the distance is not.
  assert.match(text, /To Nagaoka Station \(Shinkansen\)\s+Nagaoka Station · Straight line 2\d\.\d km · Car \d+ min/);
  assert.match(text, /Nearest university or KOSEN/);
  assert.match(text, /Nearest office or coworking space/);
  await page.getByRole("button", { name: "Stop comparing" }).click();
  await table.waitFor({ state: "detached" });
  await context.close();
});

function haversineM(a, b) {
  const r = 6_371_008.8, rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad, dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

test("getting around: nearest first with walking, cycling and driving times, and the way to Tokyo", async () => {
  const { page, context } = await open("/?lang=en&area=area-teradomari");
  const table = page.getByRole("table", { name: /Getting around from Teradomari/ });
  await table.waitFor();
  const from = area("area-teradomari").geometry.coordinates;
  // Every kind: the area's own branch office (a public facility) is where its distances start.
  const kinds = new Set(["office", "coworking", "university", "kosen", "vocational_school", "station", "public_facility"]);
  const nearest = DATA.features
    .filter((f) => kinds.has(f.properties.kind))
    .map((f) => ({ name: f.properties.name.en, m: haversineM(from, f.geometry.coordinates) }))
    .sort((a, b) => a.m - b.m);
  const first = table.locator("tbody tr").first();
  const cells = await first.locator("td").allInnerTexts();
  assert.match(await first.locator("th").innerText(), new RegExp(nearest[0].name));
  // Roads at 1.3 × the straight line; 80 m/min walking, 250 m/min cycling, 500 m/min driving.
  const mins = (speed) => Math.max(1, Math.ceil((nearest[0].m * 1.3) / speed));
  assert.deepEqual(cells, [`${(nearest[0].m / 1000).toFixed(1)} km`, ...[80, 250, 500].map((s) => {
    const m = mins(s);
    if (m < 60) return `${m} min`;
    return m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
  })]);
  const station = DATA.features.find((f) => f.properties.facts?.tokyo_minutes);
  const carToStation = Math.ceil((haversineM(from, station.geometry.coordinates) * 1.3) / 500);
  assert.match(await page.locator(".to-tokyo").innerText(), new RegExp(`about ${carToStation} min by car to Nagaoka Station, then 90 min by Shinkansen`));
  // A tap on the map measures from that point instead.
  // A tap on the map measures from that point instead, marks the point and says so over the map.
  const map = page.getByRole("region", { name: "Map of Nagaoka" });
  assert.equal(await page.locator(".area-point").count(), 0);
  await map.click({ position: { x: 60, y: 700 } });
  await page.getByRole("table", { name: /Getting around from the point chosen on the map/ }).waitFor();
  await map.getByRole("status").filter({ hasText: "Getting around now measures from the point you tapped" }).waitFor();
  // The link beside the month leads to the table from the point, and says so.
  await page.getByRole("link", { name: "Getting around from the point chosen on the map" }).waitFor();
  const mapBox = await map.boundingBox();
  const dot = await page.locator(".area-point").boundingBox();
  assert.ok(Math.abs(dot.x + dot.width / 2 - (mapBox.x + 60)) < 3 && Math.abs(dot.y + dot.height / 2 - (mapBox.y + 700)) < 3, "the point is marked where it was tapped");
  // The point is in the address: a shared link measures from it too.
  await eventually(async () => assert.match(page.url(), /&from=\d+\.\d{5},\d+\.\d{5}$/));
  const shared = await open(page.url().slice(server.url.length));
  await shared.page.getByRole("table", { name: /Getting around from the point chosen on the map/ }).waitFor();
  await shared.page.locator(".area-point").waitFor();
  await shared.context.close();
  await page.getByRole("button", { name: "Back to the area's centre" }).click();
  await table.waitFor();
  assert.equal(await page.locator(".area-point").count(), 0, "the mark goes with the point");
  await eventually(async () => assert.doesNotMatch(page.url(), /from=/));
  // Without a pointer: the map's centre, from a button.
  await page.getByRole("button", { name: "Measure from the map's centre" }).focus();
  await page.keyboard.press("Enter");
  await page.getByRole("table", { name: /Getting around from the point chosen on the map/ }).waitFor();
  const centre = await page.locator(".area-point").boundingBox();
  const canvas = await map.locator(".leaflet-container").boundingBox();
  assert.ok(Math.abs(centre.x + centre.width / 2 - (canvas.x + canvas.width / 2)) < 3, "marked at the map's centre");
  await context.close();
});

test("a family's month says rent is not in the comparable total, and compares rent in one survey", async () => {
  const city = COSTS.city.rent_yen_per_tatami;
  const tokyo = COSTS.tokyo.rent_yen_per_tatami;
  const pct = Math.round((city.value * 100) / tokyo.value);
  for (const [lang, notIn, label, ratio, yen] of [
    ["en", "Rent is not in it: see rent in one survey below.", /^Rent in one survey/, `Nagaoka's rent is ${pct}% of Tokyo's`, yenEn],
    ["ja", "家賃は含みません。家賃の比較は、下の「同じ調査で比べた家賃」をご覧ください。", /^同じ調査で比べた家賃/, `長岡市の家賃は東京23区の${pct}%`, yenJa],
  ]) {
    // A family's 2LDK has no Nagaoka figure: the comparable total holds no rent.
    const { page, context } = await open(`/?lang=${lang}&area=area-tochio&budget=family,kids2`);
    const foot = budgetTable(page).locator("tfoot");
    await foot.waitFor();
    const same = foot.locator("tr.budget__same");
    assert.ok((await same.innerText()).includes(notIn), `${lang}: ${await same.innerText()}`);
    const row = foot.locator("tr.budget__tatami");
    const text = await row.innerText();
    assert.match(text, label);
    assert.ok(text.includes(ratio), text);
    assert.ok(text.includes(yen(city.value)) && text.includes(yen(tokyo.value)), text);
    // One survey and month for both: its date and source once, in the row's header.
    assert.ok(text.includes(DATA.meta.sources[city.source].title[lang]), "source in view");
    assert.equal(text.split(DATA.meta.sources[city.source].title[lang]).length, 2, "the source once");
    assert.ok(text.includes(dateWords(city.as_of, lang)), "its date");
    await context.close();
  }
  // A single person's 1LDK has rent on both sides, from different surveys and years: not in
  // the comparable total either.
  const { page, context } = await open("/?lang=en&area=area-tochio");
  const foot = budgetTable(page).locator("tfoot");
  await foot.locator("tr.budget__tatami").waitFor();
  assert.notEqual(COSTS.city.rent_yen["1ldk"].source, COSTS.tokyo.rent_yen["1ldk"].source);
  assert.match(await foot.locator("tr.budget__same").innerText(), /Rent is not in it/);
  await context.close();
});

test("from an outlying area the distances keep the nearest of every kind, and all of them are a button away", async () => {
  const { page, context } = await open("/?lang=en&area=area-oguni");
  const table = page.getByRole("table", { name: /Getting around from Oguni/ });
  await table.waitFor();
  const from = area("area-oguni").geometry.coordinates;
  const kinds = ["office", "coworking", "university", "kosen", "vocational_school", "station", "public_facility"];
  const places = DATA.features
    .filter((f) => kinds.includes(f.properties.kind))
    .map((f) => ({ name: f.properties.name.en, kind: f.properties.kind, m: haversineM(from, f.geometry.coordinates) }))
    .sort((a, b) => a.m - b.m);
  assert.ok(places.slice(0, 12).every((p) => p.kind !== "coworking"), "the twelve nearest hold no coworking space");
  const names = async () => (await table.locator("tbody th button").allInnerTexts()).map((t) => t.trim());
  const shown = await names();
  for (const kind of kinds) {
    const first = places.find((p) => p.kind === kind);
    if (first) assert.ok(shown.includes(first.name), `the nearest ${kind}, ${first.name}, is listed`);
  }
  assert.ok(shown.length < places.length);
  await page.getByText("Shown: the 12 nearest, and the nearest of each kind not among them.").waitFor();
  // The area's own branch office first, at 0 km: where the distances are measured from.
  assert.match(shown[0], /Oguni/);
  const more = page.getByRole("button", { name: `Show all ${places.length} places` });
  await more.focus();
  const at = (await more.boundingBox()).y;
  await page.keyboard.press("Enter");
  await eventually(async () => assert.equal((await names()).length, places.length));
  const fewer = page.getByRole("button", { name: "Show the nearest only" });
  await eventually(async () => assert.ok(await fewer.evaluate((el) => el === document.activeElement), "the focus stays on the button"));
  // Above the table, the button stays where it was pressed: below it, it went 3,000 px down.
  const now = (await fewer.boundingBox()).y;
  assert.ok(Math.abs(now - at) < 2, `the button did not move: ${at} -> ${now}`);
  await fewer.click();
  await eventually(async () => assert.equal((await names()).length, shown.length));
  await context.close();
});

test("a neighbourhood typed in the search offers its area, whose month and distances come into view", async () => {
  for (const [lang, query, hit, heading] of [
    ["ja", "栃尾", "栃尾地域：暮らしの費用と各地への距離", /栃尾地域と東京23区の1か月/],
    ["en", "Miyauchi", "Nagaoka (former city): a month's costs and getting around", /A month in Nagaoka \(former city\)/],
  ]) {
    const { page, context } = await open(`/?lang=${lang}`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const search = page.getByRole("searchbox");
    await search.fill(query.slice(0, 1));
    await page.waitForTimeout(300);
    assert.equal(await page.locator(".area-hits").count(), 0, "one character offers no area");
    await search.fill(query);
    const list = page.getByRole("list", { name: lang === "ja" ? "検索に合う地域" : "Areas that match the search" });
    await list.getByRole("button", { name: hit }).click();
    const h = page.getByRole("heading", { name: heading });
    await eventually(async () => {
      assert.ok(await h.evaluate((el) => el === document.activeElement), "the month's heading has the focus");
      const box = await h.boundingBox();
      assert.ok(box.y >= -1 && box.y < 844, `in view: ${box.y}`);
    });
    await eventually(async () => assert.match(page.url(), /area=area-/));
    // The search has done its work: cleared, so that every place the area's distances list is
    // on the map when opened.
    assert.equal(await search.inputValue(), "");
    await context.close();
  }
});

test("a ticked Compare box links down to the comparison", async () => {
  const { page, context } = await open("/?lang=en");
  const row = page.getByRole("row").filter({ has: page.getByRole("checkbox", { name: "Compare Tochio" }) });
  assert.equal(await row.getByRole("link", { name: "See the comparison" }).count(), 0);
  await page.getByRole("checkbox", { name: "Compare Tochio" }).check();
  const link = row.getByRole("link", { name: "See the comparison" });
  await link.click();
  const heading = page.getByRole("heading", { name: "Compare areas" });
  await eventually(async () => {
    const box = await heading.boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 900, "the comparison is in view");
  });
  await context.close();
});

test("an area tapped on the map is chosen and its budget comes into view", async () => {
  const { page, context } = await open("/?lang=en&layer=population");
  const symbols = page.locator("path.area-symbol");
  await eventually(async () => assert.equal(await symbols.count(), AREAS.length));
  // The symbol of Yamakoshi: find it by its position on the map.
  // Positions once the map has settled (it fits the city, then learns its final size).
  const centres = () => page.evaluate(() =>
    [...document.querySelectorAll("path.area-symbol")].map((p) => {
      const r = p.getBoundingClientRect();
      return { x: Math.round(r.x + r.width / 2), y: Math.round(r.y + r.height / 2), r: r.height / 2 };
    }),
  );
  let box = await centres();
  for (let i = 0; i < 30; i++) {
    await new Promise((ok) => setTimeout(ok, 200));
    const again = await centres();
    if (JSON.stringify(again) === JSON.stringify(box)) break;
    box = again;
  }
  const index = AREAS.findIndex((a) => a.properties.id === "area-yamakoshi");
  // The markers stay on top of the area symbols: a marker at a symbol's centre opens its place
  // (or zooms, for a cluster); the ring around it chooses the area.
  const onTop = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest(".leaflet-marker-icon") !== null, box[index]);
  assert.ok(onTop, "a marker stands at the symbol's centre, above it");
  await page.mouse.click(box[index].x, box[index].y + box[index].r - 4);
  await page.getByRole("heading", { name: /A month in Yamakoshi/ }).waitFor();
  assert.match(page.url(), /area=area-yamakoshi/);
  assert.doesNotMatch(page.url(), /place=/, "the ring chose the area, not a place");
  await eventually(async () => assert.ok(await page.locator("#budget-heading").isVisible()));
  assert.equal(await page.locator("path.area-symbol--chosen").count(), 1);
  // And a click on a place marker that stands on an area's symbol opens that place.
  const all = await centres();
  const onMarker = await page.evaluate(
    (points) => points.findIndex(({ x, y }) => document.elementFromPoint(x, y)?.closest(".place-marker") != null),
    all,
  );
  assert.ok(onMarker >= 0, "some area's office is a place marker on its symbol");
  await page.mouse.click(all[onMarker].x, all[onMarker].y);
  await eventually(async () => assert.match(page.url(), /place=/));
  await page.locator("section.details").waitFor();
  await context.close();
});

test("the city outline is drawn from our own origin even with no map tiles at all", async () => {
  const session = await openPage(browser, { viewport: { width: 1000, height: 700 } });
  await session.context.route(/cyberjapandata|openstreetmap/, (route) => route.abort());
  await session.page.goto(server.url + "/?lang=en");
  await eventually(async () => assert.ok((await session.page.locator("path.city-outline").count()) >= 1));
  // The boundary data's required attribution is in the Sources panel.
  await session.page.getByText("Sources and attribution").click();
  assert.match(await session.page.locator(".sources__tiles").last().innerText(), /出典:国土数値情報\(行政区域データ\)\(国土交通省\)を加工して作成/);
  await session.context.close();
});

test("an outline that comes before the data is drawn under the places, and nothing stops", async () => {
  // The map takes its first view from the data. Held back here until the outline is in, the data
  // comes to a map whose outline was added before it had a view: Leaflet draws such a layer only
  // once the map has one, so nothing may touch the outline's path before that.
  const { page, context, errors } = await openPage(browser, { viewport: { width: 1000, height: 700 } });
  let outlineServed;
  const outlineDone = new Promise((ok) => (outlineServed = ok));
  await page.route("**/data/base/nagaoka-outline.geojson", async (route) => {
    await route.continue();
    outlineServed();
  });
  await page.route("**/data/nagaoka.geojson", async (route) => {
    await outlineDone;
    // Time for the app to read the outline and add it to the map.
    await new Promise((ok) => setTimeout(ok, 500));
    await route.continue();
  });
  await page.goto(server.url + "/?lang=en");
  await page.getByRole("list", { name: "Places" }).getByRole("button").first().waitFor();
  await eventually(async () => assert.ok((await page.locator("path.city-outline").count()) >= 1));
  // Under the markers and the areas: in a pane below Leaflet's overlay and marker panes.
  assert.deepEqual(errors, []);
  const z = await page.locator("path.city-outline").first().evaluate((p) => Number(getComputedStyle(p.closest(".leaflet-pane:not(.leaflet-map-pane)")).zIndex));
  assert.ok(z > 200 && z < 400, `the outline's pane is above the tiles and below the overlays: ${z}`);
  await context.close();
});

test("axe finds nothing in the areas, budget and comparison, in both languages", async () => {
  for (const lang of ["en", "ja"]) {
    // With a search that offers an area above the places.
    const q = encodeURIComponent(lang === "en" ? "Tochio" : "栃尾");
    const { page, context } = await open(`/?lang=${lang}&area=area-tochio&layer=land_price&q=${q}`);
    await page.locator(".area-hits").waitFor();
    await page.locator("input.compare-box").nth(0).check();
    await page.locator("input.compare-box").nth(1).check();
    await budgetTable(page).waitFor();
    await mapSettled(page);
    const { violations } = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], lang);
    await context.close();
  }
});

test("kiosk: the next visitor sees no area, layer, comparison, assumptions, opened section or scroll of the last", async () => {
  const session = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
  const { page } = session;
  await page.clock.install();
  await page.goto(server.url + "/?mode=kiosk");
  const welcome = page.getByRole("dialog", { name: /Work, study and live in Nagaoka/ });
  await welcome.getByRole("button", { name: "Start in English" }).click();
  await page.getByRole("button", { name: "Tochio", exact: true }).click();
  await page.getByRole("radio", { name: "Snow days (Dec–Mar)" }).check();
  await page.getByRole("checkbox", { name: "Compare Yoita" }).check();
  await page.getByRole("radio", { name: "Family with children" }).check();
  await page.getByRole("table", { name: /A month in Tochio/ }).waitFor();
  assert.equal(page.url(), server.url + "/?mode=kiosk", "a kiosk's address keeps nothing of the visitor");
  // What the visitor opened and scrolled belongs to no shared state: the screen is built anew.
  const sources = page.locator("details.sources");
  await sources.locator("summary").click();
  assert.equal(await sources.evaluate((d) => d.open), true);
  const scrolled = await page.locator(".sidebar").evaluate((s) => {
    s.scrollTop = 300;
    return s.scrollTop;
  });
  assert.ok(scrolled > 0, "the sidebar scrolls (else its reset below proves nothing)");
  await page.clock.runFor(106_000);
  await page.getByRole("dialog", { name: /長岡で働く・学ぶ・暮らす/ }).waitFor();
  await welcome.getByRole("button", { name: "Start in English" }).click();
  assert.doesNotMatch(page.url(), /area=|layer=/);
  assert.equal(await page.getByRole("table", { name: /A month in Nagaoka \(whole city\)/ }).count(), 1);
  assert.ok(await page.getByRole("radio", { name: "Single" }).isChecked());
  assert.ok(await page.getByRole("radio", { name: "Off" }).isChecked());
  assert.equal(await page.getByRole("table", { name: "Compare areas" }).count(), 0);
  assert.equal(await page.locator("details.sources").evaluate((d) => d.open), false, "the sources are folded again");
  assert.equal(await page.locator(".sidebar").evaluate((s) => s.scrollTop), 0, "the sidebar is back at its top");
  await session.context.close();
});

test("an area starred at the kiosk goes home in the QR code, and opens chosen on the phone", async () => {
  const session = await openPage(browser, { locale: "en-US", viewport: { width: 1280, height: 900 } });
  const { page } = session;
  await page.goto(server.url + "/?mode=kiosk");
  await page.getByRole("dialog", { name: /Work, study and live in Nagaoka/ }).getByRole("button", { name: "Start in English" }).click();
  await page.getByRole("button", { name: "Oguni", exact: true }).click();
  await budgetTable(page).waitFor();
  await page.locator("section.budget-panel").getByRole("button", { name: "Add to shortlist" }).click();
  // Two areas side by side go home too (the README says so; the code dropped them).
  for (const name of ["Oguni", "Tochio"]) await page.getByRole("checkbox", { name: `Compare ${name}` }).check();
  await page.getByRole("table", { name: "Compare areas" }).waitFor();
  const shortlist = page.getByRole("region", { name: /Shortlist \(1\)/ });
  assert.match(await shortlist.innerText(), /Oguni/);
  const qr = shortlist.getByRole("img", { name: /Scan with your phone/ });
  await qr.scrollIntoViewIfNeeded();
  const png = PNG.sync.read(await qr.screenshot());
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(found, "the QR code decodes");
  assert.equal(found.data, `${server.url}/?lang=en&shortlist=area-oguni&area=area-oguni&compare=area-oguni,area-tochio`);
  const phone = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await phone.page.goto(found.data);
  await phone.page.getByRole("heading", { name: /A month in Oguni/ }).waitFor();
  await phone.page.getByRole("table", { name: "Compare areas" }).waitFor();
  assert.match(await phone.page.getByRole("region", { name: /Shortlist \(1\)/ }).innerText(), /Oguni/);
  await phone.context.close();
  await session.context.close();
});

test("the areas panel scrolls inside the sidebar: the page itself does not grow (an embed's host keeps its wheel)", async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 600, height: 450 }]) {
    const { page, context } = await open("/?lang=en&area=area-tochio&mode=embed", { viewport });
    await budgetTable(page).waitFor();
    const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, inner: innerHeight }));
    assert.ok(scroll <= inner, `${viewport.width}×${viewport.height}: the document is ${scroll} px tall in a ${inner} px window`);
    await context.close();
  }
});

test("every area's figures and its compare box fit the sidebar and a phone, each with its column's name", async () => {
  for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
    const { page, context } = await open("/?lang=en", { viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
    const table = page.getByRole("table", { name: "Figures by area" });
    const fit = await table.evaluate((t) => {
      const box = t.closest(".table-scroll");
      const right = box.getBoundingClientRect().right;
      const cells = [...t.querySelectorAll("tbody th, tbody td")];
      return {
        sideways: box.scrollWidth - box.clientWidth,
        outside: cells.filter((c) => c.getBoundingClientRect().right > right + 0.5).length,
        cells: cells.length,
      };
    });
    assert.equal(fit.sideways, 0, `${viewport.width} px: nothing to scroll sideways`);
    assert.equal(fit.outside, 0, `${viewport.width} px: no cell of ${fit.cells} past the edge`);
    const tochio = table.getByRole("row").filter({ has: page.getByRole("button", { name: "Tochio", exact: true }) });
    const shown = await tochio.evaluate((row) =>
      [...row.querySelectorAll("td")].map((td) => getComputedStyle(td, "::before").content).join(" "),
    );
    for (const label of ["Area type", "Population", "Land area", "Land price", "Snow days"]) {
      assert.ok(shown.includes(`"${label}"`), `labelled: ${label} in ${shown}`);
    }
    const box = tochio.getByRole("checkbox", { name: "Compare Tochio" });
    const seen = await box.boundingBox();
    assert.ok(seen && seen.width >= 44 && seen.height >= 44, "the compare box is a whole touch target");
    await box.check();
    assert.equal(await box.isChecked(), true);
    await context.close();
  }
});

test("on a phone the layer's choices stand one per line, and a missing figure reads the same in every column", async () => {
  const { page, context } = await open("/?lang=en", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const choices = page.getByRole("group", { name: "Colour the areas on the map by" }).getByRole("radio");
  const boxes = await choices.evaluateAll((radios) => radios.map((r) => r.closest("label").getBoundingClientRect().toJSON()));
  assert.ok(boxes.length >= 3, "several choices");
  for (const [i, b] of boxes.entries()) {
    assert.equal(Math.round(b.left), Math.round(boxes[0].left), `choice ${i + 1} starts where the first does`);
    if (i > 0) assert.ok(b.top >= boxes[i - 1].bottom - 0.5, `choice ${i + 1} is below choice ${i}`);
  }
  // The shipped data has areas without an area type, a population or a land price.
  const table = page.getByRole("table", { name: "Figures by area" });
  const looks = await table.evaluate((t) =>
    [...t.querySelectorAll("tbody td")]
      .filter((td) => td.textContent.trim().startsWith("no figure in the data"))
      .map((td) => `${td.dataset.label}: ${getComputedStyle(td.querySelector("*") ?? td).fontStyle}`),
  );
  assert.ok(looks.some((l) => l.startsWith("Area type")), `an area type is missing in the data: ${looks}`);
  assert.deepEqual(looks.filter((l) => !l.endsWith("italic")), [], "every missing figure in italics");
  await context.close();
});

test("on a phone every stepper's label keeps room to be read: at most three lines", async () => {
  const { page, context } = await open("/?lang=en", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.getByRole("button", { name: "More" }).first().waitFor();
  const labels = await page.locator(".stepper__label").evaluateAll((els) =>
    els.map((el) => ({ text: el.textContent, lines: Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)) })),
  );
  assert.ok(labels.length >= 2, `steppers shown: ${JSON.stringify(labels)}`);
  for (const l of labels) assert.ok(l.lines <= 3, `"${l.text}" takes ${l.lines} lines`);
  await context.close();
});

test("on a phone the month's top links down to the distances from the area", async () => {
  const { page, context } = await open("/?lang=en&area=area-teradomari", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await page.getByRole("table", { name: /Getting around from Teradomari/ }).waitFor();
  const jump = page.getByRole("link", { name: "Getting around from Teradomari" });
  await jump.scrollIntoViewIfNeeded();
  await jump.tap();
  await eventually(async () => {
    const top = await page.locator("#around-heading").evaluate((h) => h.getBoundingClientRect().top);
    assert.ok(top >= -1 && top < 844 / 2, `the distances' heading is at the top of the screen: ${top}`);
  });
  await context.close();
});

// Choosing an area brings its month into view, below the assumptions: a couple had to scroll
// back up some 660 px on a phone to say they were two.
test("on a phone the month's top links back up to its assumptions, which take the focus", async () => {
  for (const [lang, name, couple] of [["en", "Change the household, layout or car", "Couple"], ["ja", "世帯・間取り・車などを変える", "夫婦・カップル"]]) {
    const { page, context } = await open(`/?lang=${lang}&area=area-tochio`, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await budgetTable(page).waitFor();
    const jump = page.getByRole("link", { name, exact: true });
    await jump.scrollIntoViewIfNeeded();
    const before = await page.locator("#assumptions").evaluate((f) => f.getBoundingClientRect().top);
    assert.ok(before < 0, `${lang}: the assumptions are above the screen when the link is in it: ${before}`);
    await jump.tap();
    await eventually(async () => {
      const top = await page.locator("#assumptions").evaluate((f) => f.getBoundingClientRect().top);
      assert.ok(top >= -1 && top < 844 / 2, `${lang}: the assumptions at the top of the screen: ${top}`);
      assert.equal(await page.evaluate(() => document.activeElement?.id), "assumptions");
    });
    await page.getByRole("radio", { name: couple }).check();
    await eventually(async () => assert.match(page.url(), /budget=couple/));
    await context.close();
  }
});

test("choosing an area is a step in the history: Back returns to the place before it", async () => {
  const { page, context } = await open("/?lang=en");
  await page.getByRole("list", { name: "Places" }).getByRole("button").first().click();
  await eventually(async () => assert.match(page.url(), /place=/));
  // The place, not the view: the map is still moving to the place and writes its view as it does.
  const place = () => new URL(page.url()).searchParams.get("place");
  const before = place();
  await page.getByRole("button", { name: "Tochio", exact: true }).first().click();
  await budgetTable(page).waitFor();
  await eventually(async () => assert.match(page.url(), /area=area-tochio/));
  await page.getByRole("table", { name: /A month in Tochio/ }).waitFor();
  await page.goBack();
  await eventually(async () => {
    assert.equal(place(), before);
    assert.doesNotMatch(page.url(), /area=/);
  });
  await page.getByRole("table", { name: /A month in Nagaoka \(whole city\)/ }).waitFor();
  await page.goForward();
  await page.getByRole("table", { name: /A month in Tochio/ }).waitFor();
  await context.close();
});

test("the month's choices and the compared areas are in the address: a reload or a shared link shows the same month", async () => {
  const { page, context } = await open("/?lang=en&area=area-tochio");
  await budgetTable(page).waitFor();
  await page.getByRole("radio", { name: "Couple" }).check();
  await page.getByRole("checkbox", { name: "Own a car" }).check();
  await page.getByRole("checkbox", { name: /train or bus pass/ }).uncheck();
  for (const name of ["Tochio", "Oguni"]) await page.getByRole("checkbox", { name: `Compare ${name}` }).check();
  await eventually(async () => assert.match(page.url(), /budget=couple,car,nopass/));
  assert.match(page.url(), /compare=area-tochio,area-oguni/);
  const total = await budgetTable(page).locator("tfoot").innerText();
  const compared = await page.getByRole("table", { name: "Compare areas" }).locator("thead").innerText();
  const shared = page.url();
  // The link opened elsewhere: a new page in a fresh context.
  const other = await open(shared.slice(server.url.length));
  await budgetTable(other.page).waitFor();
  assert.ok(await other.page.getByRole("radio", { name: "Couple" }).isChecked());
  assert.ok(await other.page.getByRole("checkbox", { name: "Own a car" }).isChecked());
  assert.ok(!(await other.page.getByRole("checkbox", { name: /train or bus pass/ }).isChecked()));
  assert.equal(await budgetTable(other.page).locator("tfoot").innerText(), total, "the same totals");
  assert.equal(await other.page.getByRole("table", { name: "Compare areas" }).locator("thead").innerText(), compared);
  await other.context.close();
  // Back to the usual month: the address says nothing of it again.
  await page.getByRole("radio", { name: "Single" }).check();
  await page.getByRole("checkbox", { name: "Own a car" }).uncheck();
  await page.getByRole("checkbox", { name: /train or bus pass/ }).check();
  await eventually(async () => assert.doesNotMatch(page.url(), /budget=/));
  await context.close();
});

test("the comparison never cuts a word or a figure in two, on a phone or a laptop", async () => {
  // With a fixed layout and breaks anywhere it read "¥52,80 / 0", "Terado / mari", "Shinka / nsen".
  for (const viewport of [{ width: 320, height: 640 }, { width: 1366, height: 768 }]) {
    const { page, context } = await open("/?lang=en&compare=area-teradomari,area-nagaoka,area-kawaguchi", { viewport });
    const table = page.getByRole("table", { name: "Compare areas" });
    await table.waitFor();
    const broken = await table.evaluate((t) => {
      const out = [];
      const walker = document.createTreeWalker(t, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        // Words: a line may still break after a dash or a slash ("(1LDK– / 2DK)").
        for (const m of n.data.matchAll(/[^\s\u2013\u2014\/-]+/g)) {
          const r = document.createRange();
          r.setStart(n, m.index);
          r.setEnd(n, m.index + m[0].length);
          if (new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1) out.push(m[0]);
        }
      }
      return out;
    });
    assert.deepEqual(broken, [], `${viewport.width} px: words cut across lines`);
    // Whatever does not fit scrolls inside the table's box, never the page sideways.
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
    await context.close();
  }
});

// In Japanese a place's name has no spaces: 「東急エージェンシー長岡技術科学大学内オフィス」 kept its
// column wide and pushed the third area off a phone's screen.
test("three areas compared fit a phone in Japanese too", async () => {
  const { page, context } = await open("/?lang=ja&area=area-tochio&compare=area-tochio,area-oguni,area-yoita", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const compare = page.getByRole("table", { name: "地域を比べる" });
  await compare.waitFor();
  const [scroll, client] = await compare.locator("xpath=..").evaluate((el) => [el.scrollWidth, el.clientWidth]);
  assert.ok(scroll <= client + 1, `the comparison: ${scroll} px wide in ${client} px`);
  await context.close();
});

test("three areas compared and the distances' four columns fit the sidebar and a small phone, each figure labelled", async () => {
  const path = "/?lang=en&area=area-tochio&compare=area-nagaoka,area-tochio,area-teradomari";
  for (const viewport of [{ width: 1366, height: 768 }, { width: 320, height: 568 }]) {
    const { page, context } = await open(path, { viewport });
    const compare = page.getByRole("table", { name: "Compare areas" });
    await compare.waitFor();
    const around = page.locator("table.around");
    await around.waitFor();
    for (const [what, table, columns] of [["the comparison", compare, ["Nagaoka (former city)", "Tochio", "Teradomari"]], ["the distances", around, ["Straight line", "Walk", "Bicycle", "Car"]]]) {
      const box = table.locator("xpath=..");
      const [scroll, client] = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      assert.ok(scroll <= client + 1, `${what} at ${viewport.width} px: ${scroll} px wide in ${client} px`);
      // Every cell is inside its box and names its column.
      const cells = await table.locator("tbody td").evaluateAll((tds) =>
        tds.map((td) => ({ label: td.dataset.label, right: td.getBoundingClientRect().right, edge: td.closest(".table-scroll").getBoundingClientRect().right })),
      );
      assert.ok(cells.length >= columns.length * 3, `${what}: ${cells.length} cells`);
      for (const c of cells) assert.ok(c.right <= c.edge + 1, `${what}: a "${c.label}" cell ends at ${c.right}, past ${c.edge}`);
      assert.deepEqual([...new Set(cells.map((c) => c.label))], columns, `${what}: each cell is labelled with its column`);
    }
    await context.close();
  }
});

test("a chosen area is ringed on the map with the colour layer off, and brought into view", async () => {
  const { page, context } = await open("/?lang=en", { viewport: { width: 1080, height: 1920 } });
  assert.equal(await page.locator(".area-symbol").count(), 0, "no layer, no area: nothing drawn");
  await page.getByRole("button", { name: "Tochio", exact: true }).click();
  const ring = page.locator(".area-symbol--ring");
  await eventually(async () => assert.equal(await ring.count(), 1, "the chosen area is ringed"));
  await eventually(async () => {
    const [r, map] = [await ring.boundingBox(), await page.locator(".map").boundingBox()];
    assert.ok(r.x >= map.x && r.x + r.width <= map.x + map.width && r.y >= map.y && r.y + r.height <= map.y + map.height, `the ring ${JSON.stringify(r)} is inside the map ${JSON.stringify(map)}`);
  });
  // Another area moves the ring; with a layer on, the symbols take over.
  await page.getByRole("button", { name: "Oguni", exact: true }).click();
  await eventually(async () => assert.equal(await ring.count(), 1));
  await context.close();
  // Zoomed in on a street (after a cluster or a place), the ring stood alone on a blank square:
  // the map steps back to show the area with the land around it.
  const zoomed = await open("/?lang=en&view=37.4474,138.8512,17", { viewport: { width: 1280, height: 800 } });
  await zoomed.page.getByRole("button", { name: "Tochio", exact: true }).click();
  await eventually(async () => {
    const zoom = Number(new URL(zoomed.page.url()).searchParams.get("view")?.split(",")[2]);
    assert.ok(zoom <= 12, `zoomed out to the area: ${zoom}`);
    const [r, map] = [await zoomed.page.locator(".area-symbol--ring").boundingBox(), await zoomed.page.locator(".map").boundingBox()];
    assert.ok(r && r.x >= map.x && r.x + r.width <= map.x + map.width && r.y >= map.y && r.y + r.height <= map.y + map.height, "the ring is in the map");
  });
  await zoomed.context.close();
});

// Every figure with its date and source, and the note on how it was found, wherever it stands:
// the support amounts (one not confirmed for Nagaoka) were shown flat, the rent in the comparison
// without a date, the land area without anything (an estimate looked exact), a land price read as
// an area's average though it is one survey point, and the Shinkansen's time with no source.
test("support amounts, compared rents, land areas, land prices and the time to Tokyo show their dates, sources and notes", async () => {
  const title = (id) => DATA.meta.sources[id].title.en;
  {
    const { page, context } = await open("/?lang=en&area=area-kawaguchi&budget=family,kids2,car");
    const support = page.locator("ul.support").first();
    await support.waitFor();
    for (const s of COSTS.support.filter((x) => x.households?.includes("family"))) {
      const item = support.locator("li").filter({ hasText: s.name.en });
      const text = await item.innerText();
      assert.ok(text.includes(`As of ${dateWords(s.amount_yen.as_of)}`), `${s.id}: its date in "${text}"`);
      assert.ok(text.includes(title(s.amount_yen.source)), `${s.id}: its source in "${text}"`);
      if (s.amount_yen.basis) assert.ok(text.includes(s.amount_yen.basis.en), `${s.id}: its note in "${text}"`);
    }
    // The land price's note, and the land area's date and source, with "estimate" where it is one.
    const table = page.getByRole("table", { name: "Figures by area" });
    const nagaoka = area("area-nagaoka").properties.figures;
    const row = table.locator("tbody tr").filter({ has: page.getByRole("button", { name: area("area-nagaoka").properties.name.en, exact: true }) });
    const land = await row.locator("td").nth(3).innerText();
    assert.ok(land.includes(nagaoka.land_price_yen_per_m2.basis.en), `the land price's note in "${land}"`);
    const size = await row.locator("td").nth(2).innerText();
    assert.ok(size.includes(`As of ${dateWords(nagaoka.area_km2.as_of)}`) && size.includes(title(nagaoka.area_km2.source)), size);
    const guessed = area("area-nakanoshima").properties;
    const rough = table.locator("tbody tr").filter({ has: page.getByRole("button", { name: guessed.name.en, exact: true }) });
    assert.match(await rough.locator("td").nth(2).innerText(), new RegExp(`${guessed.figures.area_km2.value} km² \\(estimate\\)`));
    // The way to Tokyo, with the Shinkansen time's source.
    const station = DATA.features.find((f) => f.properties.facts?.tokyo_minutes);
    const minutes = station.properties.facts.tokyo_minutes;
    const toTokyo = await page.locator(".to-tokyo").innerText();
    assert.ok(toTokyo.includes(title(minutes.source ?? station.properties.source)), toTokyo);
    await context.close();
  }
  {
    const { page, context } = await open("/?lang=en&compare=area-nagaoka,area-yamakoshi");
    const rent = COSTS.city.rent_yen["1ldk"];
    const compare = page.getByRole("table", { name: /side by side|Compare/ });
    await compare.waitFor();
    const row = compare.locator("tr").filter({ hasText: /^Rent/ });
    const text = await row.innerText();
    assert.ok(text.includes(`As of ${dateWords(rent.as_of)}`) && text.includes(title(rent.source)), text);
    // The source once, across the row; each area's cell with its date.
    assert.equal(text.split(title(rent.source)).length, 2, `the source once: ${text}`);
    for (const td of await row.locator("td").all()) assert.match(await td.innerText(), new RegExp(`As of ${dateWords(rent.as_of)}`));
    await context.close();
  }
  {
    // An opening day in words, once: "2012-04-01 As of 1 April 2012" said it twice, once as code.
    const aore = DATA.features.find((f) => f.properties.id === "aore-nagaoka").properties;
    const { page, context } = await open("/?lang=en&place=aore-nagaoka");
    const details = page.getByRole("region", { name: aore.name.en });
    await details.waitFor();
    const text = await details.innerText();
    const opened = dateWords(aore.facts.opened.value);
    assert.match(text, new RegExp(`Opened here\\s+${opened}`), text);
    assert.ok(!text.includes(aore.facts.opened.value) && !text.includes(`As of ${opened}`), text);
    await context.close();
  }
});

// The colours of a layer ran from "low" to "high": density, shown nowhere else, had no figure at
// all. The legend's ends are the smallest and the largest value, in figures.
test("the layer's legend gives its two ends in figures", async () => {
  const densities = AREAS.map((a) => a.properties.figures)
    .filter((f) => f.population && f.area_km2 && f.area_km2.value > 0)
    .map((f) => f.population.value / f.area_km2.value);
  const { page, context } = await open("/?lang=en&layer=density");
  const legend = page.locator(".legend");
  await legend.waitFor();
  const words = (v) => `${Math.round(v).toLocaleString("en-US")} people/km²`;
  // The scale starts at nought: every measure is an amount.
  assert.equal(await legend.locator(".legend__low").innerText(), words(0));
  assert.equal(await legend.locator(".legend__high").innerText(), words(Math.max(...densities)));
  await context.close();
  // Wrapped, the key kept its words with the wrong dots: the high end fell beside the grey dot
  // ("733 = grey"), or the grey dot stayed by the high end with its words on the next line. The
  // high end stays on the line of the darkest dot, and "no figure" has a line of its own.
  for (const [width, height] of [[390, 844], [1366, 768], [1080, 1920]]) {
    for (const [lang, layer] of [["en", "density"], ["ja", "density"], ["en", "land_price"], ["ja", "population"]]) {
      const { page, context } = await open(`/?lang=${lang}&layer=${layer}`, { viewport: { width, height } });
      const legend = page.locator(".legend");
      await legend.waitFor();
      const at = await legend.evaluate((el) => {
        const top = (sel) => el.querySelector(sel).getBoundingClientRect();
        const dots = [...el.querySelectorAll(".legend__scale .swatch")].map((d) => d.getBoundingClientRect());
        return { low: top(".legend__low"), high: top(".legend__high"), darkest: dots.at(-1), grey: top(".swatch.area-class-none"), words: top(".legend__none span:last-child"), scaleBottom: Math.max(...dots.map((d) => d.bottom)), legendRight: el.getBoundingClientRect().right };
      });
      const where = `${width}x${height} ${lang} ${layer}`;
      const middle = (r) => r.top + r.height / 2;
      assert.ok(Math.abs(middle(at.high) - middle(at.darkest)) < 4, `${where}: the high end beside the darkest dot`);
      assert.ok(at.grey.top >= at.scaleBottom, `${where}: the grey dot below the scale`);
      assert.ok(Math.abs(middle(at.grey) - middle(at.words)) < 12, `${where}: the grey dot beside its words`);
      assert.ok(at.high.right <= at.legendRight + 1, `${where}: the key stays in its box`);
      // Off a kiosk (whose type is larger), the scale is one line: its low end beside its dots.
      if (width !== 1080) assert.ok(Math.abs(middle(at.low) - middle(at.darkest)) < 4, `${where}: the scale on one line`);
      await context.close();
    }
  }
});

// The chosen area is the current one. Its button was a toggle ("pressed") that pressing again did
// not undo; a screen reader said "toggle button, not pressed" for every area.
test("an area's button in the table says it is the current one, not a toggle", async () => {
  const { page, context } = await open("/?lang=en");
  const table = page.getByRole("table", { name: "Figures by area" });
  const tochio = table.getByRole("button", { name: area("area-tochio").properties.name.en, exact: true });
  await tochio.click();
  await eventually(async () => assert.equal(await tochio.getAttribute("aria-current"), "true"));
  await tochio.click();
  assert.equal(await tochio.getAttribute("aria-current"), "true", "pressed again, still the current one");
  assert.equal(await table.locator("[aria-pressed]").count(), 0, "no toggle buttons");
  assert.equal(await table.locator('[aria-current="true"]').count(), 1, "one current area");
  await context.close();
});
