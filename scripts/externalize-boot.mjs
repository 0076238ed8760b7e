// Trunk post-build hook: moves the inline <script type="module"> that starts the wasm app into a
// file named by its content hash, with a sub-resource integrity hash, so that a
// Content-Security-Policy without 'unsafe-inline' lets it run.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minifyBuild } from "./minify.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("externalize-boot: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
  process.exit(1);
}
const indexPath = join(dir, "index.html");
// First the style sheets and the glue are minified (their integrity hashes renewed in the page).
const html = await minifyBuild(dir, readFileSync(indexPath, "utf8"));
const inline = /<script type="module"([^>]*)>([\s\S]*?)<\/script>/g;
let count = 0;
// The app's code is asked for only once the page's frame (index.html) has painted. Trunk preloads
// the wasm and its JS from <head>, where on a slow link they share the bandwidth with the frame's
// styles, and Lighthouse then counts the frame's paint as waiting for them (its largest paint was
// put at 3.0 s, after the wasm). The JS glue is imported dynamically, so the module graph does not
// fetch it at parse time; the wasm keeps its integrity hash, now on the fetch itself. Waiting
// ends at the first paint or after 100 ms, whichever comes first: a hidden iframe may never paint.
// The paint is seen by a PerformanceObserver, not by requestAnimationFrame, which a page's fake
// clock (the browser tests') would hold back.
// The script itself is `async`: a module script is otherwise deferred until the document has
// parsed and every deferred script before it (Leaflet, 43 kB) has downloaded and run, which held
// the wasm back by 300 to 600 ms on a slow link. The JS glue and the wasm are asked for together,
// and the app starts only once the document is ready, so Leaflet has run by then.
const links = {};
const html2 = html.replace(/\s*<link rel="(modulepreload|preload)" href="\.\/(nagaoka-map-[0-9a-f]+(?:_bg\.wasm|\.js))"([^>]*)>/g, (_whole, _rel, file, attrs) => {
  const integrity = /integrity="([^"]+)"/.exec(attrs)?.[1];
  links[file.endsWith(".wasm") ? "wasm" : "js"] = { file, integrity };
  return "";
});
if (!links.wasm || !links.js) {
  console.error("externalize-boot: Trunk's preload links for the app's JS and wasm were not found");
  process.exit(1);
}
// The bundled data file is asked for together with the app's code, not after the app has
// started, and preloaded so that the app's own fetch takes the response. Only when the page has no
// \`data\` parameter: this was a static preload in index.html, which a page opened with \`?data=\`
// downloaded for nothing (30 kB of gzip sharing the link with the wasm). A \`?data=\` file is not
// preloaded: it may be large (25 MB at 100,000 places), and sharing the link with it put the
// app's start 1.4 s later on the bench's network for 0.3 s sooner data (docs/performance.md).
const DATA_PRELOAD = `if (!new URLSearchParams(location.search).has("data")) {
  const link = document.createElement("link");
  link.rel = "preload";
  link.as = "fetch";
  link.crossOrigin = "anonymous";
  link.href = "data/nagaoka.geojson";
  document.head.append(link);
}`;
// The frame's "Loading the map…" in the page's language: \`?lang=\`, else the browser's first of
// Japanese and English, else Japanese, as the app chooses (src/app.rs). The app replaces the frame.
const BOOT_LANG = `{
  const asked = new URLSearchParams(location.search).get("lang");
  const browser = (navigator.languages || [navigator.language]).map((l) => String(l).slice(0, 2)).find((l) => l === "ja" || l === "en");
  document.documentElement.lang = asked === "en" || asked === "ja" ? asked : browser || "ja";
  document.documentElement.classList.add("boot-lang");
}`;
// The app's code did not arrive (the connection dropped during the wasm, the largest file): the
// frame says so, with a button to load the page again, instead of staying empty for good.
const BOOT_FAILED = `  const failed = document.querySelector(".boot__failed");
  if (failed) {
    if (typeof WebAssembly !== "object") {
      for (const p of failed.querySelectorAll(".boot__why")) p.hidden = true;
      for (const p of failed.querySelectorAll(".boot__no-wasm")) p.hidden = false;
    }
    failed.hidden = false;
    document.querySelector(".boot__status")?.remove();
    failed.querySelector("button")?.addEventListener("click", () => location.reload());
  }`;
function deferred(body) {
  const m = /^\s*import init, \* as bindings from '\.\/(nagaoka-map-[0-9a-f]+\.js)';\s*const wasm = await init\(\{ module_or_path: '\.\/(nagaoka-map-[0-9a-f]+_bg\.wasm)' \}\);([\s\S]*)$/.exec(body);
  if (!m || m[1] !== links.js.file || m[2] !== links.wasm.file) {
    console.error("externalize-boot: Trunk's start-up script has a form this hook does not know:\n" + body);
    process.exit(1);
  }
  return `${DATA_PRELOAD}
${BOOT_LANG}
try {
await new Promise((go) => {
  new PerformanceObserver(() => go()).observe({ type: "paint", buffered: true });
  setTimeout(go, 100);
});
const code = fetch('./${m[2]}', { integrity: ${JSON.stringify(links.wasm.integrity ?? "")} });
// A failed fetch is reported by the app's start below; if the glue's import fails first, nobody
// awaits it, and it must not be logged as an unhandled rejection on top of the import's error.
code.catch(() => {});
const bindings = await import('./${m[1]}');
// Leaflet, a deferred script, runs just before DOMContentLoaded, after the document's readyState
// has turned "interactive": waiting only while it was "loading" let the app start before a slow
// leaflet.js had run, and its map failed for good. Without Leaflet by then (it failed to load),
// the wait ends with the page's load, and the app says the map could not be loaded.
if (!window.L && document.readyState !== "complete") {
  await new Promise((go) => {
    document.addEventListener("DOMContentLoaded", go, { once: true });
    window.addEventListener("load", go, { once: true });
  });
}
const wasm = await bindings.default({ module_or_path: code });${m[3]}
} catch (error) {
${BOOT_FAILED}
  throw error;
}`;
}
const out = html2.replace(inline, (whole, attrs, body) => {
  if (/\bsrc=/.test(attrs)) return whole;
  body = deferred(body);
  count += 1;
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(dir, name), body);
  const integrity = "sha384-" + createHash("sha384").update(body).digest("base64");
  return `<script type="module" async src="./${name}" integrity="${integrity}" crossorigin="anonymous"></script>`;
});
if (count === 0) {
  console.error("externalize-boot: no inline module script found in index.html");
  process.exit(1);
}
writeFileSync(indexPath, out);
console.log(`externalize-boot: moved ${count} inline script(s) into files`);

// The service worker's precache list must include the file written above, so it is built after.
await import("./build-sw.mjs");
