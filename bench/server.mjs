// The bench's static server on 127.0.0.1: the built app (dist/) at `/`, the synthetic data
// (bench/data/) at `/bench-data/`, and the plain-JavaScript reference page at `/reference/` with its
// Leaflet and Leaflet.markercluster from bench/node_modules. Everything is on one origin, so both
// pages may load any of the data files with `?data=`.
//
// Text, wasm and data are sent gzip-compressed (level 9, compressed once and kept in memory) when
// the browser accepts it, as a static host with precompressed files would; the network emulation
// then throttles the compressed bytes, which is what a visitor downloads.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { gzipSync, constants as zc } from "node:zlib";
import { extname, join, normalize, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "..");
const BENCH = join(ROOT, "bench");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".geojson": "application/geo+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".geojson", ".svg"]);

// Longest prefix first. The app's directory may be a copy of dist/ (see run.mjs).
const MOUNTS = [
  ["/reference/vendor/leaflet/", join(BENCH, "node_modules", "leaflet", "dist")],
  ["/reference/vendor/markercluster/", join(BENCH, "node_modules", "leaflet.markercluster", "dist")],
  ["/reference/", join(BENCH, "reference")],
  ["/bench-data/", join(BENCH, "data")],
  ["/", join(ROOT, "dist")],
];

/** Serves the app from `dir` instead of dist/. */
export function setAppDir(dir) {
  MOUNTS[MOUNTS.length - 1][1] = dir;
}

/** Maps a URL path to a file, or null when it lies outside every mount. */
export function fileFor(pathname) {
  const mount = MOUNTS.find(([p]) => pathname.startsWith(p));
  if (!mount) return null;
  const [prefix, dir] = mount;
  let rel = normalize(pathname.slice(prefix.length));
  if (rel.startsWith("..") || rel.includes("\0")) return null;
  if (rel === "" || rel === "." || rel.endsWith("/")) rel = join(rel, "index.html");
  return join(dir, rel);
}

/** Starts the server on a free loopback port; returns { url, close }. */
export async function startServer() {
  const cache = new Map(); // path -> { mtimeMs, body, gz }
  async function load(path) {
    const st = await stat(path);
    if (!st.isFile()) throw new Error("not a file");
    const hit = cache.get(path);
    if (hit && hit.mtimeMs === st.mtimeMs) return hit;
    const body = await readFile(path);
    const gz = COMPRESSIBLE.has(extname(path)) ? gzipSync(body, { level: zc.Z_BEST_COMPRESSION }) : null;
    const entry = { mtimeMs: st.mtimeMs, body, gz };
    cache.set(path, entry);
    return entry;
  }
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = fileFor(decodeURIComponent(new URL(req.url, "http://x").pathname));
    } catch {
      path = null;
    }
    try {
      if (!path) throw new Error("outside");
      const { body, gz } = await load(path);
      const useGzip = gz && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
      const headers = {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        "cache-control": "no-cache",
        "x-content-type-options": "nosniff",
        vary: "accept-encoding",
      };
      if (useGzip) headers["content-encoding"] = "gzip";
      const out = useGzip ? gz : body;
      headers["content-length"] = out.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : out);
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("not found");
    }
  });
  // Keep-alive sockets would hold close() open.
  const sockets = new Set();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}
