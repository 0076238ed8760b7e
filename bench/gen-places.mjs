// Synthetic places for the bench, in the format of data/nagaoka.geojson (format version 1).
//
//   node bench/gen-places.mjs 10000 100000      writes bench/data/synthetic-<N>.geojson when missing
//                                                or written by another version of this file
//   node bench/gen-places.mjs --force 10000      writes it anyway
//
// The output depends only on N and this file: a seeded PRNG (mulberry32), no clock, no locale, so
// the same N gives a byte-identical file. A stamp file beside each output holds the SHA-256 of this
// file, the seed and N; a different stamp means the file is written again.
//
// Places: ids `synthetic-000123`, the seven kinds, names made of two words, a kind noun and the
// number (e.g. "Sakura Kita Office 123" / "桜北オフィス 123"), one source, coordinates inside
// Nagaoka's bounding box (lng 138.64–139.12, lat 37.18–37.71): most around a few town centres,
// the rest spread evenly. One feature per line keeps a 100,000-place file under the app's 32 MiB limit.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
export const DATA_DIR = join(HERE, "data");
const SEED = 0x4e6167; // "Nag"

export const BBOX = { west: 138.64, east: 139.12, south: 37.18, north: 37.71 };
export const KINDS = ["office", "coworking", "university", "kosen", "vocational_school", "station", "public_facility"];
// Roughly the shares of a real city: many offices and public buildings, few universities.
const KIND_WEIGHTS = [30, 8, 3, 1, 6, 7, 45];
const KIND_NOUNS = {
  office: ["Office", "オフィス"],
  coworking: ["Coworking", "コワーキング"],
  university: ["University", "大学"],
  kosen: ["KOSEN", "高専"],
  vocational_school: ["Vocational School", "専門学校"],
  station: ["Station", "駅"],
  public_facility: ["Public Facility", "公共施設"],
};
// [English, Japanese] word pairs for names.
const WORDS = [
  ["Aoba", "青葉"], ["Sakura", "桜"], ["Midori", "緑"], ["Hikari", "光"], ["Kita", "北"],
  ["Minami", "南"], ["Higashi", "東"], ["Nishi", "西"], ["Chuo", "中央"], ["Kawa", "川"],
  ["Yama", "山"], ["Mori", "森"], ["Hana", "花"], ["Sora", "空"], ["Umi", "海"],
  ["Shinano", "信濃"], ["Echigo", "越後"], ["Yukiguni", "雪国"], ["Hanabi", "花火"], ["Kome", "米"],
  ["Tsubaki", "椿"], ["Matsu", "松"], ["Take", "竹"], ["Ume", "梅"], ["Asahi", "朝日"],
  ["Yuhi", "夕日"], ["Ishi", "石"], ["Ta", "田"], ["Hara", "原"], ["Oka", "丘"],
  ["Miyuki", "深雪"], ["Tochio", "栃尾"],
];
// Centres of the towns the places crowd around: [lat, lng, spread in degrees].
const CENTRES = [
  [37.4475, 138.8513, 0.025], // Nagaoka Station
  [37.4238, 138.7779, 0.015], // Kamitomioka
  [37.4874, 138.9891, 0.012], // Tochio
  [37.3154, 138.7985, 0.012], // Ojiya side / Kawaguchi road
  [37.5536, 138.7660, 0.010], // Yoita
  [37.6432, 138.7681, 0.010], // Teradomari
];

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
const round6 = (x) => Math.round(x * 1e6) / 1e6;

/** The GeoJSON text of `n` synthetic places. */
export function generate(n) {
  const rand = mulberry32(SEED ^ n);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const totalWeight = KIND_WEIGHTS.reduce((a, b) => a + b, 0);
  const pickKind = () => {
    let r = rand() * totalWeight;
    for (let i = 0; i < KINDS.length; i++) {
      r -= KIND_WEIGHTS[i];
      if (r < 0) return KINDS[i];
    }
    return KINDS[KINDS.length - 1];
  };
  // Box-Muller, one value per call.
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const meta = {
    version: 1,
    updated: "2026-01-01",
    sources: {
      "synthetic-bench": {
        title: { ja: "ベンチマーク用の合成データ", en: "Synthetic places for the benchmark" },
        publisher: { ja: "長岡 移住マップ", en: "Nagaoka relocation map" },
        license: "CC0 1.0",
        as_of: "2026-01-01",
      },
    },
  };
  const lines = [];
  for (let i = 1; i <= n; i++) {
    const kind = pickKind();
    let lat, lng;
    if (rand() < 0.7) {
      const [clat, clng, spread] = pick(CENTRES);
      lat = clat + gauss() * spread;
      lng = clng + gauss() * spread * 1.25;
    } else {
      lat = BBOX.south + rand() * (BBOX.north - BBOX.south);
      lng = BBOX.west + rand() * (BBOX.east - BBOX.west);
    }
    lat = round6(clamp(lat, BBOX.south, BBOX.north));
    lng = round6(clamp(lng, BBOX.west, BBOX.east));
    const [w1en, w1ja] = pick(WORDS);
    const [w2en, w2ja] = pick(WORDS);
    const [nounEn, nounJa] = KIND_NOUNS[kind];
    const num = String(i).padStart(6, "0");
    const feature = {
      type: "Feature",
      geometry: { type: "Point", coordinates: [lng, lat] },
      properties: {
        id: `synthetic-${num}`,
        kind,
        name: { ja: `${w1ja}${w2ja}${nounJa} ${i}`, en: `${w1en} ${w2en} ${nounEn} ${i}` },
        source: "synthetic-bench",
      },
    };
    lines.push(JSON.stringify(feature));
  }
  return (
    `{"type":"FeatureCollection",\n"meta":${JSON.stringify(meta)},\n"features":[\n` + lines.join(",\n") + "\n]}\n"
  );
}

export function dataPath(n) {
  return join(DATA_DIR, `synthetic-${n}.geojson`);
}

function stampOf(n) {
  const self = readFileSync(fileURLToPath(import.meta.url));
  return createHash("sha256").update(self).update(`\0${SEED}\0${n}`).digest("hex");
}

/** Writes the file for `n` places if it is missing or stale; returns { path, written }. */
export function ensurePlaces(n, { force = false } = {}) {
  const path = dataPath(n);
  const stampPath = path + ".stamp";
  const stamp = stampOf(n);
  const fresh =
    !force && existsSync(path) && existsSync(stampPath) && readFileSync(stampPath, "utf8").trim() === stamp;
  if (fresh) return { path, written: false };
  mkdirSync(DATA_DIR, { recursive: true });
  const tmp = path + ".tmp";
  writeFileSync(tmp, generate(n));
  renameSync(tmp, path);
  writeFileSync(stampPath, stamp + "\n");
  return { path, written: true };
}

if (resolve(process.argv[1] ?? "") === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const sizes = args.filter((a) => !a.startsWith("--")).map(Number);
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 200000)) {
    console.error("usage: node bench/gen-places.mjs [--force] N...   (1 <= N <= 200000)");
    process.exit(2);
  }
  for (const n of sizes) {
    const { path, written } = ensurePlaces(n, { force });
    console.log(`${written ? "wrote" : "up to date"}: ${path}`);
  }
}
