// Trunk post-build hook: writes sw.js with the list of files to precache (the app shell, wasm,
// Leaflet and the data file), named by a hash of their contents so a new build replaces the cache.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("build-sw: TRUNK_STAGING_DIR is not set (run me as a Trunk hook)");
  process.exit(1);
}
const files = [];
(function walk(d) {
  for (const name of readdirSync(d)) {
    const path = join(d, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(relative(dir, path).split("\\").join("/"));
  }
})(dir);
const wanted = files
  .filter((f) => f !== "sw.js" && !f.endsWith(".map") && !f.endsWith(".schema.json"))
  .filter((f) => !f.startsWith("vendor/leaflet/") || /leaflet\.(js|css)$|images\/.*\.png$/.test(f))
  .sort();
const hash = createHash("sha256");
for (const f of wanted) hash.update(f).update(readFileSync(join(dir, f)));
const version = hash.digest("hex").slice(0, 16);
const urls = ["./", ...wanted.map((f) => `./${f}`)];
const template = readFileSync(new URL("./sw-template.js", import.meta.url), "utf8");
writeFileSync(join(dir, "sw.js"), template.replace("__VERSION__", version).replace("__PRECACHE__", JSON.stringify(urls, null, 2)));
console.log(`build-sw: sw.js precaches ${urls.length} files (version ${version})`);
