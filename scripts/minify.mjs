// Trunk post-build step (called by externalize-boot.mjs): minifies the app's style sheets, the
// wasm's JS glue and Leaflet's style sheet with esbuild, and renews the integrity hashes that
// index.html holds for the style sheets. Every byte of these is in every visitor's first load; the
// comments that explain the style sheets stay in style/, the glue's names stay the same (it is an
// ES module: its exports are kept). Trunk's own minifier fails on the glue and rewrites the start-up
// links (docs/performance.md, 2026-11-26), so it stays off.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transform } from "esbuild";

/** Minifies the files of the build in `dir` in place; returns index.html's text with new hashes. */
export async function minifyBuild(dir, html) {
  const sri = (body) => "sha384-" + createHash("sha384").update(body).digest("base64");
  const report = [];
  async function minify(rel, loader) {
    const path = join(dir, rel);
    const before = readFileSync(path, "utf8");
    // The browsers the app supports (docs/deployment.md): nothing newer is lowered, nothing dropped.
    const { code } = await transform(before, { loader, minify: true, legalComments: "inline", charset: "utf8", ...(loader === "js" ? { format: "esm" } : {}) });
    writeFileSync(path, code);
    report.push(`${rel} ${before.length} -> ${code.length}`);
    return code;
  }
  for (const name of readdirSync(dir)) {
    // Trunk writes its hash without leading zeros: 15 digits or fewer now and then (a sheet whose
    // hash began with 0 was left as written, comments and all).
    if (/^[\w-]+-[0-9a-f]{1,16}\.css$/.test(name)) {
      const code = await minify(name, "css");
      // Trunk's link to the sheet carries a hash of its old text; the browser would refuse the new.
      const link = new RegExp(`(<link rel="stylesheet" href="\\./${name.replace(/[.]/g, "\\.")}" integrity=")[^"]+(")`);
      if (!link.test(html)) throw new Error(`minify: no link with an integrity hash for ${name} in index.html`);
      html = html.replace(link, `$1${sri(code)}$2`);
    } else if (/^nagaoka-map-[0-9a-f]+\.js$/.test(name)) {
      await minify(name, "js");
    }
  }
  if (existsSync(join(dir, "vendor/leaflet/leaflet.css"))) await minify("vendor/leaflet/leaflet.css", "css");
  console.log(`minify: ${report.join(", ")}`);
  return html;
}
