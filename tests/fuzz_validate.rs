//! Property test of the validator on generated input: mutations of the shipped data file, of the
//! fixtures and of the hostile files (byte flips, inserted JSON fragments, truncation, splices of
//! two files, values replaced by random values of random types and lengths, deep nesting, unicode
//! edge cases). Every input must be read without a panic, and what is read must hold the
//! invariants the app relies on (see `examine` and `check_validated`).
//!
//! The generator is a seeded xorshift: with the same seed and the same seed files, a run gives the
//! same inputs on every machine.
//!
//! * `FUZZ_ITERATIONS` — how many inputs (default 20,000);
//! * `FUZZ_SEED` — the seed (decimal or 0x hex; default below);
//! * `FUZZ_FROM` — the first input number, to run again a slice of an earlier run;
//! * `FUZZ_THREADS` — worker threads (default: the number of CPUs, at most 8). The inputs do not
//!   depend on it: input `i` is generated from the seed and `i` alone.
//!
//! An input that breaks an invariant not already shown by a file in `tests/hostile/found/` is
//! shrunk and written there, named by its hash, and the test fails. `every_found_input_holds`
//! replays every file in that directory.

use nagaoka_map::domain::stream::StreamValidator;
use nagaoka_map::domain::{validate_bytes, Issue, Lang, Problem, Severity, Validated, Where};
use nagaoka_map::i18n::describe_problem;
use serde_json::{Map, Number, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Instant;

const DEFAULT_ITERATIONS: u64 = 20_000;
const DEFAULT_SEED: u64 = 0x6e61_6761_6f6b_6101;
/// Stack of each worker: the 1 MiB a wasm32 module gets by default.
const STACK_BYTES: usize = 1024 * 1024;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn found_dir() -> PathBuf {
    root().join("tests/hostile/found")
}

// ---------------------------------------------------------------------------------------------
// Random numbers

fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// xorshift64*.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        Rng(splitmix(seed ^ splitmix(stream)) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `num` times in `den`.
    fn chance(&mut self, num: u64, den: u64) -> bool {
        self.next() % den < num
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// Dictionaries

const KEYS: &[&str] = &[
    "type", "features", "meta", "version", "updated", "sources", "title", "url", "publisher", "license",
    "as_of", "geometry", "coordinates", "properties", "id", "kind", "name", "description", "address",
    "source", "location_precision", "location_basis", "facts", "students", "international_students",
    "founded", "opened", "value", "estimate", "basis", "ja", "en", "fr", "", " id", "ID", "__proto__",
    "constructor", "bbox", "crs",
];

const STRINGS: &[&str] = &[
    "", " ", "\t", "Feature", "FeatureCollection", "Point", "Polygon", "point", "feature", "office",
    "coworking", "university", "kosen", "vocational_school", "station", "public_facility", "castle",
    "Office", "exact", "building", "town", "approximate", "s", "test-source", "gsi-shelters-2025",
    "good-a", "good-b", "a--b", "-a", "a-", "A", "1", "2020", "2020-02", "2020-02-29", "2021-02-29",
    "2020-02-30", "2020-04-31", "2020-13-01", "2020-00", "0000", "9999-12-31", "2026-11-25",
    "https://example.org/", "https://", "https:///x", "http://example.org/", "javascript:alert(1)",
    "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "//example.org",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\u{feff}", "\u{200b}", "\u{202e}",
    "\u{2066}", "\0", "\u{1b}[31m", "\n", "\r\n", "😀", "🇯🇵", "👩‍💻", "e\u{301}", "\u{3000}", "\u{a0}",
    "Ａ", "長岡", "ﾅｶﾞｵｶ", "\u{fffd}", "\u{10ffff}", "\u{7f}", "\u{85}", "\u{2028}",
];

const EDGE_CHARS: &[char] = &[
    '\0', '\u{1}', '\u{7}', '\u{8}', '\t', '\n', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{a0}', '\u{ad}',
    '\u{300}', '\u{200b}', '\u{200c}', '\u{200d}', '\u{200e}', '\u{202a}', '\u{202e}', '\u{2028}',
    '\u{2029}', '\u{2060}', '\u{2066}', '\u{3000}', '\u{feff}', '\u{fffd}', '\u{ffff}', '\u{1f600}',
    '\u{10ffff}', '"', '\\', '<', '>', '&', '\'', '-', 'A', 'ｱ',
];

/// Numbers as JSON text, some of them out of what JSON or f64 can hold.
const NUMBER_TEXTS: &[&str] = &[
    "0", "-0", "1", "-1", "1.5", "2", "0.1", "1e308", "-1e308", "1e400", "-1e400", "1e-400", "5e-324",
    "4294967295", "4294967296", "18446744073709551615", "18446744073709551616", "-9223372036854775808",
    "999", "1000", "2100", "2101", "20", "46.5", "46.50001", "122", "154", "154.0001", "138.85", "37.45",
    "90", "-90", "180", "-180", "90.000001", "1E2", "00", "01", "-", "1.", ".5", "+1", "0x10", "NaN",
    "Infinity", "-Infinity", "1e", "1e+", "123456789012345678901234567890",
];

const FRAGMENTS: &[&str] = &[
    "null", "true", "false", "0", "-", "\"", "\\", "\\u", "\\ud800", "\\udc00", "\"\\ud83d\\ude00\"", "{",
    "}", "[", "]", ",", ":", "{}", "[]", "\"\"", ",,", "[[[[[[[[", "]]]]]]]]", "{\"type\":\"Point\"}",
    "{\"type\":\"Feature\"}", "\"javascript:alert(1)\"", "1e400", "NaN", "//", "/*", "\u{feff}",
    "\"id\":\"good-a\",", "\"kind\":\"office\",", "\"source\":\"s\",", "\"coordinates\":[37.45,138.85],",
    "\"geometry\":null,", "\"type\":\"Feature\",", "\"version\":2,",
];

/// Byte strings that are not UTF-8 or are UTF-8 at its edges.
const RAW_BYTES: &[&[u8]] = &[
    b"\xff", b"\xfe\xff", b"\xef\xbb\xbf", b"\xc0\xaf", b"\xc3", b"\xe3\x81", b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80", b"\x80", b"\xef\xbf\xbf", b"\xf4\x8f\xbf\xbf", b"\x00",
    b"\x1b", b"\r", b"\xe2\x80\xae",
];

/// Lengths around the limits of the validator.
const LENGTHS: &[usize] = &[0, 1, 2, 59, 60, 61, 79, 80, 81, 199, 200, 201, 319, 320, 321, 3999, 4000, 4001];

// ---------------------------------------------------------------------------------------------
// Seeds

struct Corpus {
    /// Whole files: the shipped data, the fixtures and the hostile files.
    files: Vec<Seed>,
    /// Small files built from the meta and a few features of the files above, mixed.
    small: Vec<Seed>,
}

/// A seed file and, when it is JSON, its tree.
struct Seed {
    bytes: Vec<u8>,
    tree: Option<Value>,
}

impl Seed {
    fn new(bytes: Vec<u8>) -> Self {
        let tree = serde_json::from_slice(&bytes).ok();
        Seed { bytes, tree }
    }
}

fn read_dir_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.expect("directory entry").path())
            .filter(|p| p.is_file())
            .filter(|p| !matches!(p.file_name().and_then(|n| n.to_str()), Some("README.md" | ".gitkeep")))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

fn corpus() -> Corpus {
    let mut files = vec![Seed::new(std::fs::read(root().join("data/nagaoka.geojson")).expect("data file"))];
    for dir in ["tests/fixtures", "tests/hostile"] {
        for path in read_dir_files(&root().join(dir)) {
            files.push(Seed::new(std::fs::read(path).expect("seed file")));
        }
    }
    let mut metas = Vec::new();
    let mut features = Vec::new();
    for seed in &files {
        let Some(Value::Object(obj)) = &seed.tree else { continue };
        if let Some(meta) = obj.get("meta") {
            metas.push(meta.clone());
        }
        if let Some(Value::Array(f)) = obj.get("features") {
            features.extend(f.iter().cloned());
        }
    }
    let mut rng = Rng::new(DEFAULT_SEED, u64::MAX);
    let mut small = Vec::new();
    for _ in 0..400 {
        let meta = rng.pick(&metas).clone();
        let picked: Vec<Value> = (0..1 + rng.below(4)).map(|_| rng.pick(&features).clone()).collect();
        let mut doc = Map::new();
        doc.insert("type".into(), "FeatureCollection".into());
        doc.insert("meta".into(), meta);
        doc.insert("features".into(), Value::Array(picked));
        let text = if rng.chance(1, 2) { serde_json::to_vec_pretty(&doc) } else { serde_json::to_vec(&doc) };
        small.push(Seed::new(text.expect("serialises")));
    }
    Corpus { files, small }
}

// ---------------------------------------------------------------------------------------------
// Generation

fn random_char(rng: &mut Rng) -> char {
    match rng.below(4) {
        0 => *rng.pick(EDGE_CHARS),
        1 => char::from(b'a' + rng.below(26) as u8),
        2 => *rng.pick(&['-', '0', '7', ' ', '.', ':', '/']),
        _ => loop {
            let limit = if rng.chance(1, 2) { 0x3100 } else { 0x11_0000 };
            if let Some(c) = char::from_u32(rng.below(limit) as u32) {
                break c;
            }
        },
    }
}

fn random_string(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 | 1 => rng.pick(STRINGS).to_string(),
        2 => {
            let unit = rng.pick(STRINGS).to_string();
            let unit = if unit.is_empty() { "x".to_owned() } else { unit };
            let len = *rng.pick(LENGTHS);
            unit.chars().cycle().take(len).collect()
        }
        _ => {
            let len = if rng.chance(1, 8) { *rng.pick(LENGTHS) } else { rng.below(16) };
            (0..len).map(|_| random_char(rng)).collect()
        }
    }
}

fn random_number(rng: &mut Rng) -> Value {
    match rng.below(4) {
        0 => Value::from(rng.next() as i64),
        1 => Value::from(rng.below(3000) as i64 - 500),
        2 => Number::from_f64(f64::from_bits(rng.next())).map_or(Value::Null, Value::Number),
        _ => {
            let text = *rng.pick(NUMBER_TEXTS);
            serde_json::from_str(text).unwrap_or(Value::from(0.5))
        }
    }
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth > 3 { 4 } else { 7 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.chance(1, 2)),
        2 => random_number(rng),
        3 => Value::String(random_string(rng)),
        4 => Value::Array((0..rng.below(4)).map(|_| random_value(rng, depth + 1)).collect()),
        5 => {
            let mut m = Map::new();
            for _ in 0..rng.below(4) {
                m.insert(rng.pick(KEYS).to_string(), random_value(rng, depth + 1));
            }
            Value::Object(m)
        }
        _ => {
            // Something shaped like the data: a text, a figure or a point.
            match rng.below(3) {
                0 => serde_json::json!({"ja": random_string(rng), "en": random_string(rng)}),
                1 => serde_json::json!({"value": random_number(rng), "as_of": random_string(rng), "source": random_string(rng)}),
                _ => serde_json::json!({"type": "Point", "coordinates": [random_number(rng), random_number(rng)]}),
            }
        }
    }
}

/// Paths to every node of a JSON value.
#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn paths(v: &Value, prefix: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(prefix.clone());
    match v {
        Value::Array(a) => {
            for (i, item) in a.iter().enumerate() {
                prefix.push(Step::Index(i));
                paths(item, prefix, out);
                prefix.pop();
            }
        }
        Value::Object(m) => {
            for (k, item) in m {
                prefix.push(Step::Key(k.clone()));
                paths(item, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn count_nodes(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(count_nodes).sum(),
        Value::Object(m) => m.values().map(count_nodes).sum(),
        _ => 0,
    }
}

/// The path to node number `k` in pre-order (`k` counts down to it).
fn nth_path(v: &Value, k: &mut usize, prefix: &mut Vec<Step>) -> Option<Vec<Step>> {
    if *k == 0 {
        return Some(prefix.clone());
    }
    *k -= 1;
    match v {
        Value::Array(a) => a.iter().enumerate().find_map(|(i, item)| {
            prefix.push(Step::Index(i));
            let found = nth_path(item, k, prefix);
            prefix.pop();
            found
        }),
        Value::Object(m) => m.iter().find_map(|(key, item)| {
            prefix.push(Step::Key(key.clone()));
            let found = nth_path(item, k, prefix);
            prefix.pop();
            found
        }),
        _ => None,
    }
}

fn node<'v>(v: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    let mut cur = v;
    for step in path {
        cur = match (step, cur) {
            (Step::Key(k), Value::Object(m)) => m.get_mut(k)?,
            (Step::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn mutate_string(rng: &mut Rng, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    match rng.below(6) {
        0 => {
            let at = rng.below(chars.len() + 1);
            chars.insert(at, random_char(rng));
        }
        1 => return s.to_uppercase(),
        2 => return format!("{}{s}{}", rng.pick(&[" ", "\t", "\u{3000}", "\u{feff}", "\n"]), rng.pick(&["", " ", "\u{200b}"])),
        3 => {
            let len = *rng.pick(LENGTHS);
            let base = if s.is_empty() { "x" } else { s };
            return base.chars().cycle().take(len).collect();
        }
        4 if !chars.is_empty() => {
            let at = rng.below(chars.len());
            chars.truncate(at);
        }
        _ => return random_string(rng),
    }
    chars.into_iter().collect()
}

/// A placeholder string in a mutated tree, to be replaced in the text by `inner` nested `depth` deep
/// (built in the text: a tree that deep would overflow the stack when serialised or dropped).
struct Nest {
    mark: String,
    depth: usize,
    inner: String,
}

/// Mutates the JSON tree; `nests` collects placeholders to be replaced by deep nesting in the text.
fn mutate_tree(rng: &mut Rng, doc: &mut Value, nests: &mut Vec<Nest>) {
    let mut k = rng.below(count_nodes(doc));
    let path = nth_path(doc, &mut k, &mut Vec::new()).expect("the node exists");
    let parent_path = &path[..path.len().saturating_sub(1)];
    match rng.below(10) {
        0 | 1 => {
            if let Some(n) = node(doc, &path) {
                *n = random_value(rng, 0);
            }
        }
        2 => {
            // Remove the node from its parent.
            if let (Some(last), Some(parent)) = (path.last().cloned(), node(doc, parent_path)) {
                match (last, parent) {
                    (Step::Key(k), Value::Object(m)) => {
                        m.remove(&k);
                    }
                    (Step::Index(i), Value::Array(a)) if i < a.len() => {
                        a.remove(i);
                    }
                    _ => {}
                }
            }
        }
        3 => {
            // Add or rename a member; duplicate or swap an element.
            if let Some(n) = node(doc, &path) {
                match n {
                    Value::Object(m) => {
                        let key = rng.pick(KEYS).to_string();
                        if rng.chance(1, 2) && !m.is_empty() {
                            let old = m.keys().nth(rng.below(m.len())).cloned().expect("a key");
                            let v = m.remove(&old).expect("present");
                            m.insert(key, v);
                        } else {
                            m.insert(key, random_value(rng, 1));
                        }
                    }
                    Value::Array(a) if !a.is_empty() => {
                        let i = rng.below(a.len());
                        if rng.chance(1, 2) {
                            let copy = a[i].clone();
                            a.insert(rng.below(a.len() + 1), copy);
                        } else {
                            let j = rng.below(a.len());
                            a.swap(i, j);
                        }
                    }
                    other => *other = Value::Array(vec![other.take()]),
                }
            }
        }
        4 | 5 => {
            if let Some(n) = node(doc, &path) {
                match n {
                    Value::String(s) => *s = mutate_string(rng, s),
                    Value::Number(_) => *n = random_number(rng),
                    Value::Bool(b) => *n = Value::String(b.to_string()),
                    Value::Null => *n = Value::String(random_string(rng)),
                    Value::Array(a) => {
                        a.reverse();
                    }
                    Value::Object(m) => {
                        if let Some(k) = m.keys().nth(rng.below(m.len().max(1))).cloned() {
                            if let Some(v) = m.get_mut(&k) {
                                *v = match v {
                                    Value::String(s) => Value::String(mutate_string(rng, s)),
                                    _ => random_value(rng, 1),
                                };
                            }
                        }
                    }
                }
            }
        }
        6 => {
            // A number written as a string, or a string holding a number.
            if let Some(n) = node(doc, &path) {
                *n = match n {
                    Value::Number(x) => Value::String(x.to_string()),
                    Value::String(s) => serde_json::from_str(s.trim()).unwrap_or(Value::String(s.clone())),
                    _ => Value::String(n.to_string()),
                };
            }
        }
        7 => {
            // Deep nesting around a node, put into the text after serialisation.
            if let Some(n) = node(doc, &path) {
                let mark = format!("\u{1}nest{}\u{1}", nests.len());
                let inner = serde_json::to_string(n).expect("serialises");
                let depth = *rng.pick(&[1, 2, 60, 120, 123, 124, 125, 126, 127, 128, 129, 200, 1000, 10_000]);
                *n = Value::String(mark.clone());
                nests.push(Nest { mark, depth, inner });
            }
        }
        _ => {
            // Two features share an id, or a feature's id is one of a source.
            if let Some(Value::Array(features)) = doc.get_mut("features") {
                if features.len() >= 2 {
                    let (a, b) = (rng.below(features.len()), rng.below(features.len()));
                    let id = features[a].pointer("/properties/id").cloned().unwrap_or(Value::Null);
                    if let Some(target) = features[b].pointer_mut("/properties/id") {
                        *target = id;
                    }
                }
            }
        }
    }
}

/// Serialises a mutated tree, putting deep nesting where the tree has placeholders.
fn serialise(rng: &mut Rng, doc: &Value, nests: &[Nest]) -> Vec<u8> {
    let mut text = if rng.chance(1, 3) { serde_json::to_string_pretty(doc) } else { serde_json::to_string(doc) }
        .expect("serialises");
    // Innermost last: a later placeholder may sit inside an earlier one's `inner`.
    for nest in nests.iter().rev() {
        let quoted = serde_json::to_string(&nest.mark).expect("serialises");
        let nested = format!("{}{}{}", "[".repeat(nest.depth), nest.inner, "]".repeat(nest.depth));
        text = text.replacen(&quoted, &nested, 1);
    }
    text.into_bytes()
}

fn mutate_bytes(rng: &mut Rng, input: &mut Vec<u8>, corpus: &Corpus) {
    let len = input.len();
    let at = |rng: &mut Rng| rng.below(len + 1);
    match rng.below(11) {
        0 => {
            for _ in 0..1 + rng.below(8) {
                if !input.is_empty() {
                    let i = rng.below(input.len());
                    input[i] ^= 1 << rng.below(8);
                }
            }
        }
        1 => {
            if !input.is_empty() {
                let i = rng.below(input.len());
                input[i] = *rng.pick(b"\x00\xff\x80\xc0\"\\{}[],:0-e.");
            }
        }
        2 => {
            let i = at(rng);
            let fragment = rng.pick(FRAGMENTS).as_bytes();
            input.splice(i..i, fragment.iter().copied());
        }
        3 => {
            let i = at(rng);
            let raw = *rng.pick(RAW_BYTES);
            input.splice(i..i, raw.iter().copied());
        }
        4 => {
            let i = at(rng);
            let span = if rng.chance(1, 4) { 4096 } else { 64 };
            let end = (i + 1 + rng.below(span)).min(len);
            input.drain(i.min(end)..end);
        }
        5 => {
            if len > 0 {
                let i = rng.below(len);
                let end = (i + 1 + rng.below(256)).min(len);
                let copy = input[i..end].to_vec();
                let to = at(rng);
                input.splice(to..to, copy);
            }
        }
        6 => input.truncate(at(rng)),
        7 => {
            // Splice: the head of this input and the tail of another file.
            let other = &if rng.chance(1, 2) { rng.pick(&corpus.small) } else { rng.pick(&corpus.files) }.bytes;
            let cut = at(rng);
            let from = rng.below(other.len() + 1);
            input.truncate(cut);
            input.extend_from_slice(&other[from..]);
        }
        8 => {
            // Replace a number in the text by another, maybe one JSON or f64 cannot hold.
            let digits: Vec<usize> = input.iter().enumerate().filter(|(_, b)| b.is_ascii_digit()).map(|(i, _)| i).collect();
            if !digits.is_empty() {
                let start = *rng.pick(&digits);
                let mut end = start;
                while end < input.len() && matches!(input[end], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
                    end += 1;
                }
                input.splice(start..end, rng.pick(NUMBER_TEXTS).bytes());
            }
        }
        9 => {
            // Deep nesting in the text, balanced or not.
            let depth = *rng.pick(&[64, 127, 128, 129, 500, 10_000]);
            let i = at(rng);
            input.splice(i..i, std::iter::repeat_n(*rng.pick(b"[{"), depth));
            if rng.chance(3, 4) {
                let j = rng.below(input.len() + 1).max(i + depth);
                input.splice(j..j, std::iter::repeat_n(b']', depth));
            }
        }
        _ => {
            if rng.chance(1, 2) {
                input.splice(0..0, b"\xef\xbb\xbf".iter().copied());
            } else {
                input.extend_from_slice(rng.pick(FRAGMENTS).as_bytes());
            }
        }
    }
}

/// Input number `i` of the run with `seed`.
fn generate(corpus: &Corpus, seed: u64, i: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed, i);
    let generated;
    let base: &Seed = match rng.below(100) {
        0..=59 => rng.pick(&corpus.small),
        60..=96 => {
            // Whole files, mostly the small ones.
            let f = rng.pick(&corpus.files);
            if f.bytes.len() > 40_000 && rng.chance(7, 8) {
                rng.pick(&corpus.small)
            } else {
                f
            }
        }
        _ => {
            generated = Seed::new(serde_json::to_vec(&random_value(&mut rng, 0)).expect("serialises"));
            &generated
        }
    };
    // Mostly changes to the tree, which keep the text JSON and so reach the checks of each field;
    // then for some inputs, changes to the bytes.
    let (tree_ops, byte_ops) = match rng.below(100) {
        0..=64 => (1 + rng.below(4), 0),
        65..=84 => (1 + rng.below(3), 1),
        _ => (0, 1 + rng.below(3)),
    };
    let mut input = match (&base.tree, tree_ops) {
        (Some(tree), 1..) => {
            let mut doc = tree.clone();
            let mut nests = Vec::new();
            for _ in 0..tree_ops {
                mutate_tree(&mut rng, &mut doc, &mut nests);
            }
            serialise(&mut rng, &doc, &nests)
        }
        (None, 1..) => {
            let mut input = base.bytes.clone();
            mutate_bytes(&mut rng, &mut input, corpus);
            input
        }
        _ => base.bytes.clone(),
    };
    for _ in 0..byte_ops {
        mutate_bytes(&mut rng, &mut input, corpus);
    }
    input
}

// ---------------------------------------------------------------------------------------------
// Invariants

/// One broken invariant: `kind` names the invariant (the same for every input that breaks it the
/// same way), `detail` says where.
#[derive(Clone, Debug)]
struct Violation {
    kind: String,
    detail: String,
}

fn v(kind: impl Into<String>, detail: impl Into<String>) -> Violation {
    Violation { kind: kind.into(), detail: detail.into() }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and a day the month has.
fn is_calendar_date(s: &str, full: bool) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten();
    if full && parts.len() != 3 {
        return false;
    }
    let Some(year) = parts.first().and_then(|y| num(y, 4)) else { return false };
    let month = match parts.get(1) {
        None => return parts.len() == 1,
        Some(m) => match num(m, 2) {
            Some(m) if (1..=12).contains(&m) => m,
            _ => return false,
        },
    };
    let Some(day) = parts.get(2) else { return parts.len() == 2 };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    parts.len() == 3 && num(day, 2).is_some_and(|d| (1..=days).contains(&d))
}

fn check_text(out: &mut Vec<Violation>, what: &str, text: &nagaoka_map::domain::Localized, max: usize) {
    if text.ja.is_none() && text.en.is_none() {
        out.push(v("kept text has no language", what));
    }
    for s in [&text.ja, &text.en].into_iter().flatten() {
        if s.is_empty() || s.trim() != s {
            out.push(v("kept text is empty or not trimmed", format!("{what}: {s:?}")));
        }
        if s.chars().count() > max {
            out.push(v("kept text is too long", what));
        }
    }
}

fn is_https(url: &str) -> bool {
    url.strip_prefix("https://").is_some_and(|rest| !rest.is_empty() && !rest.starts_with(['/', '?', '#']))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\')
}

fn check_problem(out: &mut Vec<Violation>, p: &Problem) {
    for lang in Lang::ALL {
        let text = describe_problem(p, lang);
        if text.trim().is_empty() {
            out.push(v("empty message", format!("{lang}: {p:?}")));
            continue;
        }
        if let Where::Record { index, .. } = &p.location {
            if !text.contains(&format!("features[{index}]")) {
                out.push(v("message does not name its record", format!("{lang}: {text}")));
            }
        }
        if !p.field.is_empty() && !text.contains(&p.field) {
            out.push(v("message does not name its field", format!("{lang}: {text}")));
        }
        if text.chars().any(char::is_control) {
            out.push(v("message has a control character", format!("{lang}: {text:?}")));
        }
    }
}

/// The id a feature would be kept under (trimmed), if it has one.
fn feature_id(feature: &Value) -> Option<&str> {
    feature.get("properties")?.get("id")?.as_str().map(str::trim)
}

fn check_validated(out: &mut Vec<Violation>, bytes: &[u8], v_: &Validated) {
    let city = &v_.city;
    // Sources.
    let mut source_ids = BTreeSet::new();
    for s in &city.sources {
        if !is_slug(&s.id) || !source_ids.insert(s.id.as_str()) {
            out.push(v("kept source has a bad or repeated id", format!("{:?}", s.id)));
        }
        check_text(out, "source title", &s.title, 200);
        if let Some(p) = &s.publisher {
            check_text(out, "source publisher", p, 200);
        }
        if s.url.as_deref().is_some_and(|u| !is_https(u)) {
            out.push(v("kept link is not https", format!("{:?}", s.url)));
        }
        if s.as_of.as_deref().is_some_and(|d| !is_calendar_date(d, false)) {
            out.push(v("kept date is not a calendar date", format!("source {} as_of {:?}", s.id, s.as_of)));
        }
    }
    if !city.updated.is_empty() && !is_calendar_date(&city.updated, true) {
        out.push(v("kept date is not a calendar date", format!("updated {:?}", city.updated)));
    }
    // Places.
    let mut ids = BTreeSet::new();
    for p in &city.places {
        if !is_slug(&p.id) || !ids.insert(p.id.as_str()) {
            out.push(v("kept place has a bad or repeated id", format!("{:?}", p.id)));
        }
        if p.kind.as_str().parse::<nagaoka_map::domain::PlaceKind>() != Ok(p.kind) {
            out.push(v("kept place has no kind", &p.id));
        }
        check_text(out, "name", &p.name, 200);
        for (what, t) in [("description", &p.description), ("address", &p.address), ("location_basis", &p.location_basis)] {
            if let Some(t) = t {
                check_text(out, what, t, 4000);
            }
        }
        if !in_japan(p.location.lat, p.location.lng) {
            out.push(v("kept place is not in Japan", format!("{} {:?}", p.id, p.location)));
        }
        if p.url.as_deref().is_some_and(|u| !is_https(u)) {
            out.push(v("kept link is not https", format!("{} {:?}", p.id, p.url)));
        }
        if city.source(&p.source).is_none() {
            out.push(v("kept place cites a source that is not kept", format!("{} {}", p.id, p.source)));
        }
        let f = &p.facts;
        let figures: [(&str, Option<(&str, &str)>); 4] = [
            ("students", f.students.as_ref().map(|x| (x.source.as_str(), x.as_of.as_str()))),
            ("international_students", f.international_students.as_ref().map(|x| (x.source.as_str(), x.as_of.as_str()))),
            ("founded", f.founded.as_ref().map(|x| (x.source.as_str(), x.as_of.as_str()))),
            ("opened", f.opened.as_ref().map(|x| (x.source.as_str(), x.as_of.as_str()))),
        ];
        for (name, fig) in figures {
            if let Some((source, as_of)) = fig {
                if city.source(source).is_none() {
                    out.push(v("kept figure cites a source that is not kept", format!("{} {name}", p.id)));
                }
                if !is_calendar_date(as_of, false) {
                    out.push(v("kept date is not a calendar date", format!("{} {name} as_of {as_of:?}", p.id)));
                }
            }
        }
        if let Some(opened) = &f.opened {
            if !is_calendar_date(&opened.value, false) {
                out.push(v("kept date is not a calendar date", format!("{} opened {:?}", p.id, opened.value)));
            }
        }
        if f.founded.as_ref().is_some_and(|y| !(1000..=2100).contains(&y.value)) {
            out.push(v("kept year is out of range", &p.id));
        }
    }
    // Problems.
    for p in &v_.problems {
        check_problem(out, p);
        if p.severity == Severity::Fatal {
            out.push(v("fatal problem in a file that was read", format!("{p:?}")));
        }
    }
    // Each record is kept exactly when it has no error.
    let text = std::str::from_utf8(bytes).expect("a read file is UTF-8");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let features = match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(mut root)) => match root.remove("features") {
            Some(Value::Array(f)) => f,
            _ => return out.push(v("a file without a features array was read", "")),
        },
        _ => return out.push(v("a file that is not a JSON object was read", "")),
    };
    let mut errors: BTreeMap<usize, Vec<&Problem>> = BTreeMap::new();
    for p in &v_.problems {
        if let Where::Record { index, .. } = p.location {
            if index >= features.len() {
                out.push(v("problem names a record that does not exist", format!("{p:?}")));
            } else if p.severity >= Severity::Error {
                errors.entry(index).or_default().push(p);
            }
        }
    }
    // Places and areas share one id space; either kind of record counts as kept.
    let kept: HashMap<&str, ()> =
        city.places.iter().map(|p| p.id.as_str()).chain(city.areas.iter().map(|a| a.id.as_str())).map(|id| (id, ())).collect();
    for (i, feature) in features.iter().enumerate() {
        if !errors.contains_key(&i) && !feature_id(feature).is_some_and(|id| kept.contains_key(id)) {
            out.push(v("record left out without an error", format!("features[{i}]")));
        }
    }
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in features.iter().enumerate() {
        if let Some(id) = feature_id(f) {
            by_id.entry(id).or_default().push(i);
        }
    }
    for p in &city.places {
        // The record this place came from: one with its id, its kind and its position.
        let from = |i: &usize| {
            let f = &features[*i];
            let coords = f.pointer("/geometry/coordinates");
            f.pointer("/properties/kind").and_then(Value::as_str).map(str::trim) == Some(p.kind.as_str())
                && coords.and_then(|c| c.get(0)).and_then(Value::as_f64) == Some(p.location.lng)
                && coords.and_then(|c| c.get(1)).and_then(Value::as_f64) == Some(p.location.lat)
        };
        let candidates: Vec<usize> = by_id.get(p.id.as_str()).into_iter().flatten().copied().filter(from).collect();
        if candidates.iter().all(|i| errors.contains_key(i)) {
            // Which of the candidates was kept cannot always be told, so the kind does not name the
            // field; the detail names the fields of each candidate.
            let fields: Vec<String> = candidates
                .iter()
                .map(|i| format!("features[{i}]: {}", errors[i].iter().map(|e| e.field.as_str()).collect::<Vec<_>>().join(", ")))
                .collect();
            out.push(v("record kept despite an error", format!("{} ({})", p.id, fields.join("; "))));
        }
    }
}

/// Japan's box: latitude 20–46.5, longitude 122–154.
fn in_japan(lat: f64, lng: f64) -> bool {
    lat.is_finite() && lng.is_finite() && (20.0..=46.5).contains(&lat) && (122.0..=154.0).contains(&lng)
}

fn panic_text(e: &(dyn std::any::Any + Send)) -> String {
    e.downcast_ref::<String>().cloned().or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string())).unwrap_or_default()
}

/// What became of one input.
enum Outcome {
    Read { problems: usize, places: usize },
    Refused(&'static str),
    Panicked,
}

fn issue_name(issue: &Issue) -> &'static str {
    match issue {
        Issue::NotUtf8 { .. } => "NotUtf8",
        Issue::NotJson { .. } => "NotJson",
        Issue::TooLarge { .. } => "TooLarge",
        Issue::NotFeatureCollection => "NotFeatureCollection",
        Issue::TooManyFeatures { .. } => "TooManyFeatures",
        Issue::UnsupportedVersion { .. } => "UnsupportedVersion",
        _ => "other",
    }
}

/// Validates `bytes` and checks every invariant on the outcome.
fn examine(bytes: &[u8]) -> (Outcome, Vec<Violation>) {
    let mut out = Vec::new();
    let outcome = match catch_unwind(AssertUnwindSafe(|| validate_bytes(bytes))) {
        Ok(o) => o,
        Err(e) => {
            let text = panic_text(&*e);
            let kind: String = text.chars().filter(|c| !c.is_ascii_digit()).take(80).collect();
            return (Outcome::Panicked, vec![v(format!("panic: {kind}"), text)]);
        }
    };
    // The same file read as it arrives, in chunks of a size chosen by its content.
    let chunk = (fnv1a(bytes) % 61 + 1) as usize;
    let streamed = catch_unwind(AssertUnwindSafe(|| {
        let mut stream = StreamValidator::new();
        for piece in bytes.chunks(chunk) {
            stream.push(piece);
        }
        stream.finish(0).0
    }));
    match streamed {
        Ok(streamed) if streamed == outcome => {}
        Ok(_) => out.push(v("read as it arrives, the file gives another result", format!("chunks of {chunk} bytes"))),
        Err(e) => out.push(v("panic while reading the file as it arrives", panic_text(&*e))),
    }
    match &outcome {
        Err(p) => {
            check_problem(&mut out, p);
            let name = issue_name(&p.issue);
            if p.severity != Severity::Fatal || p.location != Where::File || name == "other" {
                out.push(v("a file that was not read has a problem that is not fatal", format!("{p:?}")));
            }
            (Outcome::Refused(name), out)
        }
        Ok(validated) => {
            let checked = catch_unwind(AssertUnwindSafe(|| {
                let mut inner = Vec::new();
                check_validated(&mut inner, bytes, validated);
                inner
            }));
            match checked {
                Ok(mut inner) => out.append(&mut inner),
                Err(e) => out.push(v("panic while describing a problem", panic_text(&*e))),
            }
            (Outcome::Read { problems: validated.problems.len(), places: validated.city.places.len() }, out)
        }
    }
}

/// Every invariant `bytes` breaks.
fn violations(bytes: &[u8]) -> Vec<Violation> {
    examine(bytes).1
}

// ---------------------------------------------------------------------------------------------
// Keeping what is found

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn breaks_any(bytes: &[u8], kinds: &BTreeSet<String>) -> bool {
    violations(bytes).iter().any(|x| kinds.contains(&x.kind))
}

/// Removes members, elements and then bytes while the input still breaks one of `kinds`.
fn shrink(bytes: &[u8], kinds: &BTreeSet<String>) -> Vec<u8> {
    let mut best = bytes.to_vec();
    let mut budget = 4_000;
    if let Ok(mut doc) = serde_json::from_slice::<Value>(bytes) {
        let mut progress = true;
        while progress && budget > 0 {
            progress = false;
            let mut all = Vec::new();
            paths(&doc, &mut Vec::new(), &mut all);
            for path in all.iter().skip(1) {
                if budget == 0 {
                    break;
                }
                budget -= 1;
                let mut trial = doc.clone();
                let (last, parent) = path.split_last().expect("not the root");
                let removed = match (last, node(&mut trial, parent)) {
                    (Step::Key(k), Some(Value::Object(m))) => m.remove(k).is_some(),
                    (Step::Index(i), Some(Value::Array(a))) if *i < a.len() => {
                        a.remove(*i);
                        true
                    }
                    _ => false,
                };
                if removed {
                    let text = serde_json::to_vec_pretty(&trial).expect("serialises");
                    if breaks_any(&text, kinds) {
                        doc = trial;
                        best = text;
                        progress = true;
                        break;
                    }
                }
            }
        }
    }
    let mut chunk = (best.len() / 2).max(1);
    while budget > 0 {
        let mut i = 0;
        let mut progress = false;
        while i < best.len() && budget > 0 {
            budget -= 1;
            let end = (i + chunk).min(best.len());
            let mut trial = best[..i].to_vec();
            trial.extend_from_slice(&best[end..]);
            if breaks_any(&trial, kinds) {
                best = trial;
                progress = true;
            } else {
                i += chunk;
            }
        }
        if !progress {
            if chunk == 1 {
                break;
            }
            chunk /= 2;
        }
    }
    best
}

/// The invariants already shown by the files in `tests/hostile/found/`.
fn known_kinds() -> BTreeSet<String> {
    read_dir_files(&found_dir())
        .iter()
        .flat_map(|path| violations(&std::fs::read(path).expect("found file")))
        .map(|x| x.kind)
        .collect()
}

fn env_u64(name: &str) -> Option<u64> {
    let s = std::env::var(name).ok()?;
    let s = s.trim().replace('_', "");
    match s.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => s.parse().ok(),
    }
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn generated_inputs_hold_every_invariant() {
    let iterations = env_u64("FUZZ_ITERATIONS").unwrap_or(DEFAULT_ITERATIONS);
    let seed = env_u64("FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let from = env_u64("FUZZ_FROM").unwrap_or(0);
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let threads = env_u64("FUZZ_THREADS").map_or(cpus, |n| n.max(1) as usize);
    let corpus = corpus();
    let known = known_kinds();
    let started = Instant::now();

    let (read, refused, problems, places, known_hits) =
        (AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0), AtomicU64::new(0));
    let refusals: Mutex<BTreeMap<&str, u64>> = Mutex::new(BTreeMap::new());
    // Inputs that broke each invariant already shown in found/.
    let by_kind: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new());
    // New kinds of violation: kind -> (input number, input, detail).
    let new: Mutex<Found> = Mutex::new(BTreeMap::new());

    std::thread::scope(|scope| {
        for t in 0..threads {
            let (corpus, known, new, refusals, by_kind) = (&corpus, &known, &new, &refusals, &by_kind);
            let (read, refused, problems, places, known_hits) = (&read, &refused, &problems, &places, &known_hits);
            std::thread::Builder::new()
                .stack_size(STACK_BYTES)
                .spawn_scoped(scope, move || {
                    let mut i = from + t as u64;
                    while i < from + iterations {
                        let input = generate(corpus, seed, i);
                        let (outcome, found) = examine(&input);
                        match outcome {
                            Outcome::Read { problems: n, places: k } => {
                                read.fetch_add(1, Ordering::Relaxed);
                                problems.fetch_add(n as u64, Ordering::Relaxed);
                                places.fetch_add(k as u64, Ordering::Relaxed);
                            }
                            Outcome::Refused(name) => {
                                refused.fetch_add(1, Ordering::Relaxed);
                                *refusals.lock().unwrap().entry(name).or_default() += 1;
                            }
                            Outcome::Panicked => {}
                        }
                        if !found.is_empty() {
                            known_hits.fetch_add(found.iter().any(|x| known.contains(&x.kind)) as u64, Ordering::Relaxed);
                            let kinds: BTreeSet<&str> = found.iter().filter(|x| known.contains(&x.kind)).map(|x| x.kind.as_str()).collect();
                            let mut by_kind = by_kind.lock().unwrap();
                            for kind in kinds {
                                *by_kind.entry(kind.to_owned()).or_default() += 1;
                            }
                            let mut new = new.lock().unwrap();
                            for x in found.iter().filter(|x| !known.contains(&x.kind)) {
                                new.entry(x.kind.clone()).or_insert_with(|| (format!("input {i} (seed {seed:#x})"), input.clone(), x.detail.clone()));
                            }
                        }
                        i += threads as u64;
                    }
                })
                .expect("worker starts");
        }
    });

    let elapsed = started.elapsed();
    let new = new.into_inner().unwrap();
    println!(
        "fuzz: {iterations} inputs (seed {seed:#x}, from {from}, {threads} threads) in {:.1} s, {:.0}/s: \
         {} read ({} problems, {} places kept), {} refused {:?}; {} broke an invariant already in found/ {:?}, {} new",
        elapsed.as_secs_f64(),
        iterations as f64 / elapsed.as_secs_f64(),
        read.load(Ordering::Relaxed),
        problems.load(Ordering::Relaxed),
        places.load(Ordering::Relaxed),
        refused.load(Ordering::Relaxed),
        refusals.into_inner().unwrap(),
        known_hits.load(Ordering::Relaxed),
        by_kind.into_inner().unwrap(),
        new.len(),
    );

    keep_new(new);
}

/// Inputs that broke a kind of invariant not shown in found/: kind -> (which input, input, detail).
type Found = BTreeMap<String, (String, Vec<u8>, String)>;

/// Shrinks each input that breaks a new kind of invariant, writes it to `tests/hostile/found/` and
/// fails, saying what broke.
fn keep_new(new: Found) {
    let mut report = Vec::new();
    for (kind, (which, input, detail)) in &new {
        let small = shrink(input, &BTreeSet::from([kind.clone()]));
        let name = format!("{:016x}.bin", fnv1a(&small));
        std::fs::create_dir_all(found_dir()).expect("found/ can be created");
        std::fs::write(found_dir().join(&name), &small).expect("found input is written");
        report.push(format!("{kind}\n    {which}, kept as tests/hostile/found/{name} ({} bytes)\n    {detail}", small.len()));
    }
    assert!(report.is_empty(), "{} new kinds of broken invariant:\n{}", report.len(), report.join("\n"));
}

/// The corpus kept for the coverage-guided fuzzer (`fuzz/corpus/validate`, or the directory in
/// `FUZZ_CORPUS`), checked against every invariant here, which are more than the fuzz target checks.
#[test]
fn the_fuzzer_corpus_breaks_no_new_invariant() {
    let dir = std::env::var_os("FUZZ_CORPUS").map_or_else(|| root().join("fuzz/corpus/validate"), PathBuf::from);
    let known = known_kinds();
    let mut new = Found::new();
    let files = read_dir_files(&dir);
    for path in &files {
        let input = std::fs::read(path).expect("corpus file");
        for x in violations(&input).into_iter().filter(|x| !known.contains(&x.kind)) {
            new.entry(x.kind).or_insert_with(|| (path.display().to_string(), input.clone(), x.detail));
        }
    }
    println!("{}: {} inputs, {} new kinds of broken invariant", dir.display(), files.len(), new.len());
    keep_new(new);
}

#[test]
fn every_found_input_holds() {
    let mut failures = Vec::new();
    let files = read_dir_files(&found_dir());
    for path in &files {
        let bytes = std::fs::read(path).expect("found file");
        let found = violations(&bytes);
        if !found.is_empty() {
            let name = path.file_name().unwrap().to_string_lossy();
            let lines: Vec<String> = found.iter().map(|x| format!("{}: {}", x.kind, x.detail)).collect();
            failures.push(format!("{name}:\n    {}", lines.join("\n    ")));
        }
    }
    assert!(failures.is_empty(), "{} of {} inputs in tests/hostile/found/ still fail:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn the_generator_is_deterministic_and_varied() {
    let corpus = corpus();
    let a: Vec<Vec<u8>> = (0..200).map(|i| generate(&corpus, DEFAULT_SEED, i)).collect();
    let b: Vec<Vec<u8>> = (0..200).map(|i| generate(&corpus, DEFAULT_SEED, i)).collect();
    assert_eq!(a, b, "the same seed gives the same inputs");
    let distinct: BTreeSet<u64> = a.iter().map(|x| fnv1a(x)).collect();
    assert!(distinct.len() > 190, "only {} distinct inputs of 200", distinct.len());
    let read = a.iter().filter(|x| validate_bytes(x).is_ok()).count();
    assert!((20..=180).contains(&read), "{read} of 200 inputs are read: the mutations are too weak or too strong");
}

#[test]
fn the_invariant_checks_catch_what_they_should() {
    // A good file holds every invariant.
    let good = std::fs::read(root().join("tests/fixtures/valid-3.geojson")).expect("fixture");
    let found = violations(&good);
    assert!(found.is_empty(), "{found:?}");
    // The calendar check.
    for (s, full, ok) in [
        ("2020", false, true),
        ("2020-02", false, true),
        ("2020-02-29", false, true),
        ("2021-02-29", false, false),
        ("2020-04-31", false, false),
        ("2020-13", false, false),
        ("2020", true, false),
        ("2026-11-25", true, true),
    ] {
        assert_eq!(is_calendar_date(s, full), ok, "{s}");
    }
    assert!(is_https("https://example.org/x") && !is_https("https:///x") && !is_https("http://x"));
}

