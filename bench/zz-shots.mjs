import { chromium } from "playwright-core";
import { startServer } from "../tests/e2e/harness.mjs";
const TILE = /cyberjapandata\.gsi\.go\.jp|tile\.openstreetmap\.org/;
const srv = await startServer();
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
async function shot(name, path, opts, act) {
  const ctx = await browser.newContext({ ...opts });
  await ctx.route(TILE, (r) => r.fulfill({ status: 200, contentType: "image/png", body: Buffer.alloc(0) }));
  const page = await ctx.newPage();
  await page.goto(srv.url + path);
  await page.waitForTimeout(2500);
  if (act) await act(page);
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: false });
  await ctx.close();
}
const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };
await shot("phone-start", "/?lang=en", phone);
await shot("phone-details", "/?lang=en&place=diaplaza-nagaoka-offices", phone, async (p) => { await p.locator("dl.details__facts").scrollIntoViewIfNeeded(); });
await shot("kiosk-details", "/?mode=kiosk&lang=en", { viewport: { width: 1920, height: 1080 }, hasTouch: true }, async (p) => {
  await p.getByRole("button", { name: "Start in English" }).click();
  await p.getByRole("region", { name: "Places" }).getByRole("button", { name: /NaDeC BASE/ }).first().click();
  await p.waitForTimeout(800);
  await p.locator("dl.details__facts").scrollIntoViewIfNeeded();
});
await shot("embed-360", "/?mode=embed&lang=en", { viewport: { width: 360, height: 450 } });
await shot("laptop-layers", "/?lang=en", { viewport: { width: 1366, height: 768 } }, async (p) => { await p.locator(".leaflet-control-layers").hover(); await p.waitForTimeout(300); });
await shot("laptop-sources", "/?lang=en&area=area-tochio", { viewport: { width: 1366, height: 768 } }, async (p) => { await p.locator(".support__companies summary").scrollIntoViewIfNeeded(); });
await browser.close(); await srv.close();
