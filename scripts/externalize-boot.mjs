// Trunk post-build hook: moves the inline <script type="module"> that starts the wasm app into a
// file named by its content hash, with a sub-resource integrity hash, so that a
// Content-Security-Policy without 'unsafe-inline' lets it run.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("externalize-boot: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
  process.exit(1);
}
const indexPath = join(dir, "index.html");
const html = readFileSync(indexPath, "utf8");
const inline = /<script type="module"([^>]*)>([\s\S]*?)<\/script>/g;
let count = 0;
const out = html.replace(inline, (whole, attrs, body) => {
  if (/\bsrc=/.test(attrs)) return whole;
  count += 1;
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const name = `boot-${hash}.js`;
  writeFileSync(join(dir, name), body);
  const integrity = "sha384-" + createHash("sha384").update(body).digest("base64");
  return `<script type="module" src="./${name}" integrity="${integrity}" crossorigin="anonymous"></script>`;
});
if (count === 0) {
  console.error("externalize-boot: no inline module script found in index.html");
  process.exit(1);
}
writeFileSync(indexPath, out);
console.log(`externalize-boot: moved ${count} inline script(s) into files`);

// The service worker's precache list must include the file written above, so it is built after.
await import("./build-sw.mjs");
