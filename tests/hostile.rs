//! Hostile and broken data files: every file in `tests/hostile/` has its exact expected outcome
//! here, and every problem found in them is described, naming its record and field, in both
//! languages. Files too large to keep in the repository are built in memory.
//!
//! `tests/hostile/found/` holds inputs that showed a defect in the validator; the tests at the end
//! of this file say what each one should do. They fail until the validator is fixed.

use nagaoka_map::domain::model::LocationPrecision;
use nagaoka_map::domain::problem::Expected;
use nagaoka_map::domain::validate::{MAX_FEATURES, MAX_FILE_BYTES};
use nagaoka_map::domain::{validate_bytes, validate_str, Issue, Lang, Problem, Severity, Validated, Where};
use nagaoka_map::i18n::describe_problem;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const MIN_FILES: usize = 40;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap_or_else(|e| panic!("tests/hostile/{name}: {e}"))
}

fn read_found(name: &str) -> Vec<u8> {
    read(&format!("found/{name}"))
}

// ---------------------------------------------------------------------------------------------
// Expectations

/// One expected problem.
#[derive(Clone, Debug, PartialEq)]
struct P {
    location: Where,
    field: &'static str,
    issue: Issue,
    severity: Severity,
}

impl P {
    fn matches(&self, p: &Problem) -> bool {
        self.location == p.location && self.field == p.field && self.issue == p.issue && self.severity == p.severity
    }
}

fn record(index: usize, id: &str) -> Where {
    Where::Record { index, id: (!id.is_empty()).then(|| id.to_owned()) }
}

/// A problem that leaves record `index` (with `id`, or "" when it has none) out.
fn err(index: usize, id: &str, field: &'static str, issue: Issue) -> P {
    P { location: record(index, id), field, issue, severity: Severity::Error }
}

/// A problem that leaves a field of record `index` out but keeps the record.
fn warn(index: usize, id: &str, field: &'static str, issue: Issue) -> P {
    P { location: record(index, id), field, issue, severity: Severity::Warning }
}

fn file_err(field: &'static str, issue: Issue) -> P {
    P { location: Where::File, field, issue, severity: Severity::Error }
}

fn file_warn(field: &'static str, issue: Issue) -> P {
    P { location: Where::File, field, issue, severity: Severity::Warning }
}

fn source_err(id: &str, field: &'static str, issue: Issue) -> P {
    P { location: Where::Source(id.to_owned()), field, issue, severity: Severity::Error }
}

fn source_warn(id: &str, field: &'static str, issue: Issue) -> P {
    P { location: Where::Source(id.to_owned()), field, issue, severity: Severity::Warning }
}

/// What reading a file must give.
enum Expect {
    /// Nothing is read: one file-level problem.
    Fatal(Issue),
    /// Nothing is read because the text is not JSON: where, and a phrase of the parser's reason.
    NotJson { line: usize, column: usize, reason: &'static str },
    /// The file is read: exactly these problems (in any order) and exactly these places, in order.
    Read { problems: Vec<P>, kept: &'static [&'static str] },
}

use Expect::{Fatal, NotJson, Read};

fn not_string() -> Issue {
    Issue::WrongType { expected: Expected::String }
}
fn not_text() -> Issue {
    Issue::WrongType { expected: Expected::Text }
}
fn not_object() -> Issue {
    Issue::WrongType { expected: Expected::Object }
}
fn not_integer() -> Issue {
    Issue::WrongType { expected: Expected::Integer }
}
fn not_coordinates() -> Issue {
    Issue::WrongType { expected: Expected::Coordinates }
}
/// Numbers saved as text ("1200"): named so, so that the editor takes the quotes away.
fn text_integer() -> Issue {
    Issue::JsonInText { expected: Expected::Integer }
}
fn text_coordinates() -> Issue {
    Issue::JsonInText { expected: Expected::Coordinates }
}
fn kind(found: &str) -> Issue {
    Issue::UnknownKind { found: found.to_owned() }
}
fn source(found: &str) -> Issue {
    Issue::UnknownSource { found: found.to_owned(), nearest: None }
}
fn not_https(found: &str) -> Issue {
    Issue::NotHttps { found: found.to_owned() }
}
fn date(found: &str) -> Issue {
    Issue::InvalidDate { found: found.to_owned() }
}
fn geometry(found: &str) -> Issue {
    Issue::UnsupportedGeometry { found: found.to_owned() }
}
fn too_long(chars: usize, max: usize) -> Issue {
    Issue::TooLong { chars, max }
}

const COORDS: &str = "geometry.coordinates";
const STUDENTS: &str = "properties.facts.students.value";
const STUDENTS_AS_OF: &str = "properties.facts.students.as_of";

/// The expected outcome of every file in `tests/hostile/`.
fn expectations() -> Vec<(&'static str, Expect)> {
    vec![
        // --- Not a data file at all -----------------------------------------------------------
        ("empty-file.geojson", NotJson { line: 1, column: 1, reason: "EOF while parsing" }),
        ("whitespace-only.geojson", NotJson { line: 3, column: 2, reason: "EOF while parsing" }),
        ("null.json", Fatal(Issue::NotFeatureCollection)),
        ("array-root.json", Fatal(Issue::NotFeatureCollection)),
        ("string-root.json", Fatal(Issue::NotFeatureCollection)),
        ("features-not-array.geojson", Fatal(Issue::NotFeatureCollection)),
        ("features-missing.geojson", Fatal(Issue::NotFeatureCollection)),
        ("type-lowercase.geojson", Fatal(Issue::NotFeatureCollection)),
        ("future-version.geojson", Fatal(Issue::UnsupportedVersion { found: 2, supported: 1 })),
        ("far-future-version.geojson", Fatal(Issue::UnsupportedVersion { found: 4_294_967_296, supported: 1 })),
        // --- Bytes that are not UTF-8 text -----------------------------------------------------
        ("invalid-utf8.geojson", Fatal(Issue::NotUtf8 { byte_offset: 687, line: 48 })),
        ("invalid-utf8-overlong.geojson", Fatal(Issue::NotUtf8 { byte_offset: 687, line: 48 })),
        ("invalid-utf8-surrogate.geojson", Fatal(Issue::NotUtf8 { byte_offset: 687, line: 48 })),
        ("truncated-utf8.geojson", Fatal(Issue::NotUtf8 { byte_offset: 477, line: 35 })),
        ("utf16le-bom.geojson", Fatal(Issue::NotUtf8 { byte_offset: 0, line: 1 })),
        // --- Text that is not JSON --------------------------------------------------------------
        ("bom-only.geojson", NotJson { line: 1, column: 1, reason: "EOF while parsing" }),
        ("double-bom.geojson", NotJson { line: 1, column: 1, reason: "expected value" }),
        ("trailing-garbage.json", NotJson { line: 37, column: 1, reason: "trailing characters" }),
        ("two-documents.json", NotJson { line: 37, column: 1, reason: "trailing characters" }),
        ("trailing-comma.json", NotJson { line: 1, column: 53, reason: "trailing comma" }),
        ("comments.json", NotJson { line: 1, column: 1, reason: "expected value" }),
        ("single-quotes.json", NotJson { line: 1, column: 2, reason: "key must be a string" }),
        ("nan-literal.json", NotJson { line: 1, column: 110, reason: "expected value" }),
        ("number-overflow.json", NotJson { line: 21, column: 10, reason: "number out of range" }),
        ("lone-surrogate.geojson", NotJson { line: 48, column: 19, reason: "hex escape" }),
        ("deep-nesting.json", NotJson { line: 52, column: 137, reason: "recursion limit exceeded" }),
        // --- The file as a whole ---------------------------------------------------------------
        ("bom.geojson", Read { problems: vec![file_warn("", Issue::ByteOrderMark)], kept: &["good-a", "good-b"] }),
        ("empty-features.geojson", Read { problems: vec![file_err("features", Issue::NoPlaces)], kept: &[] }),
        (
            "meta-missing.geojson",
            Read {
                problems: vec![
                    // The file's line counts what it leaves out; each record is still named.
                    file_err("meta", Issue::MetaMissing { places: 2, figures: 0 }),
                    err(0, "good-a", "properties.source", source("s")),
                    err(1, "good-b", "properties.source", source("s")),
                    file_err("features", Issue::NoPlaces),
                ],
                kept: &[],
            },
        ),
        (
            "meta-wrong-type.geojson",
            Read {
                problems: vec![file_err("meta", not_object()), err(0, "good-a", "properties.source", source("s")), file_err("features", Issue::NoPlaces)],
                kept: &[],
            },
        ),
        (
            "meta-updated-wrong.geojson",
            Read {
                problems: vec![file_warn("meta.version", not_integer()), file_warn("meta.updated", not_string())],
                kept: &["good-a"],
            },
        ),
        (
            "sources-not-object.geojson",
            Read {
                problems: vec![file_err("meta.sources", not_object()), err(0, "good-a", "properties.source", source("s")), file_err("features", Issue::NoPlaces)],
                kept: &[],
            },
        ),
        (
            "sources-broken.geojson",
            Read {
                problems: vec![
                    source_err("-leading-hyphen", "", Issue::InvalidId),
                    source_warn("bad-url", "title.en", Issue::MissingTranslation),
                    source_warn("bad-url", "url", not_https("ftp://example.org")),
                    source_err("empty-title", "title", Issue::Empty),
                    source_warn("good", "title.ja", Issue::MissingTranslation),
                    source_err("not-object", "", not_object()),
                    source_err("string-title", "title", not_text()),
                    err(1, "uses-not-object", "properties.source", source("not-object")),
                    err(2, "uses-empty-title", "properties.source", source("empty-title")),
                    err(3, "uses-string-title", "properties.source", source("string-title")),
                ],
                kept: &["uses-good", "uses-bad-url"],
            },
        ),
        (
            "duplicate-keys.json",
            Read {
                problems: vec![
                    source_warn("s", "title.ja", Issue::MissingTranslation),
                    warn(1, "good-b", "properties.name.ja", Issue::MissingTranslation),
                ],
                kept: &["second", "good-b"],
            },
        ),
        (
            "extra-fields.geojson",
            Read {
                problems: vec![
                    file_warn("meta.author", Issue::UnknownField),
                    source_warn("s", "notes", Issue::UnknownField),
                    warn(0, "extras", "properties.color", Issue::UnknownField),
                    warn(0, "extras", "properties.marker-symbol", Issue::UnknownField),
                    warn(0, "extras", "properties.name.fr", Issue::UnknownField),
                    warn(0, "extras", "properties.facts.staff", Issue::UnknownField),
                    warn(0, "extras", "properties.facts.students.note", Issue::UnknownField),
                ],
                kept: &["extras", "good-b"],
            },
        ),
        (
            "nesting-within-limit.geojson",
            Read {
                problems: vec![warn(1, "nested-within-limit", "properties.extra", Issue::UnknownField)],
                kept: &["good-a", "nested-within-limit"],
            },
        ),
        // --- Records ---------------------------------------------------------------------------
        (
            "feature-not-object.geojson",
            Read { problems: (0..5).map(|i| err(i, "", "", not_object())).collect(), kept: &["good-a"] },
        ),
        (
            "missing-fields.geojson",
            Read {
                problems: vec![
                    file_warn("meta.version", Issue::Missing),
                    file_warn("meta.updated", Issue::Missing),
                    err(1, "", "properties", Issue::Missing),
                    err(2, "", "properties", not_object()),
                    err(3, "", "properties.id", Issue::Missing),
                    err(4, "no-kind", "properties.kind", Issue::Missing),
                    err(5, "no-name", "properties.name", Issue::Missing),
                    err(6, "no-source", "properties.source", Issue::Missing),
                    err(7, "no-geometry", "geometry", Issue::Missing),
                    err(8, "null-geometry", "geometry", Issue::Missing),
                    err(9, "no-geometry-type", "geometry.type", Issue::Missing),
                    err(10, "no-coordinates", COORDS, Issue::Missing),
                    err(11, "", "properties", Issue::Missing),
                    err(12, "empty-name", "properties.name", Issue::Empty),
                ],
                kept: &["good-a", "good-b"],
            },
        ),
        (
            "wrong-type-name.geojson",
            Read {
                problems: vec![
                    err(1, "name-string", "properties.name", not_text()),
                    err(2, "name-number", "properties.name", not_text()),
                    err(3, "name-array", "properties.name", not_text()),
                    warn(4, "name-lang-number", "properties.name.ja", not_string()),
                    err(5, "name-both-wrong", "properties.name.ja", not_string()),
                    err(5, "name-both-wrong", "properties.name.en", not_string()),
                ],
                kept: &["good-a", "name-lang-number", "good-b"],
            },
        ),
        (
            "duplicate-ids.geojson",
            Read {
                problems: vec![
                    err(1, "good-a", "properties.id", Issue::DuplicateId { first_index: 0 }),
                    err(3, "later", COORDS, Issue::OutsideJapan),
                    err(5, "good-b", "properties.id", Issue::DuplicateId { first_index: 2 }),
                ],
                kept: &["good-a", "good-b", "later"],
            },
        ),
        (
            "unknown-kind.geojson",
            Read {
                problems: vec![
                    err(1, "castle", "properties.kind", kind("castle")),
                    err(2, "capital", "properties.kind", kind("Office")),
                    err(4, "hyphen", "properties.kind", kind("vocational-school")),
                    err(5, "empty-kind", "properties.kind", Issue::Empty),
                    err(6, "number-kind", "properties.kind", not_string()),
                    err(7, "null-kind", "properties.kind", Issue::Missing),
                ],
                kept: &["good-a", "padded", "vocational"],
            },
        ),
        (
            "unknown-source.geojson",
            Read {
                problems: vec![
                    source_err("Bad Id", "", Issue::InvalidId),
                    source_err("t", "title", Issue::Missing),
                    err(1, "nowhere", "properties.source", source("nowhere")),
                    err(2, "upper-case", "properties.source", Issue::UnknownSource { found: "S".into(), nearest: Some("s".into()) }),
                    err(3, "empty-source", "properties.source", Issue::Empty),
                    err(4, "uses-bad-id", "properties.source", source("Bad Id")),
                    err(5, "uses-untitled", "properties.source", source("t")),
                    warn(6, "fact-source", "properties.facts.students.source", source("elsewhere")),
                    err(7, "number-source", "properties.source", not_string()),
                ],
                kept: &["good-a", "fact-source"],
            },
        ),
        (
            "geometry-polygon.geojson",
            Read {
                problems: vec![
                    err(1, "polygon", "geometry.type", geometry("Polygon")),
                    err(2, "line", "geometry.type", geometry("LineString")),
                    err(3, "multipoint", "geometry.type", geometry("MultiPoint")),
                    err(4, "collection", "geometry.type", geometry("GeometryCollection")),
                    err(5, "lower-case-point", "geometry.type", geometry("point")),
                    err(6, "wkt-string", "geometry", not_object()),
                ],
                kept: &["good-a", "good-b"],
            },
        ),
        // --- Coordinates -----------------------------------------------------------------------
        (
            "coords-swapped.geojson",
            Read {
                problems: vec![
                    err(1, "swapped-nagaoka", COORDS, Issue::LooksSwapped),
                    err(2, "swapped-tokyo", COORDS, Issue::LooksSwapped),
                    err(3, "swapped-sapporo", COORDS, Issue::LooksSwapped),
                ],
                kept: &["good-a", "with-altitude", "good-b"],
            },
        ),
        (
            "coords-nan-string.geojson",
            Read {
                problems: ["nan-string", "infinity-string", "null-longitude", "coords-object", "coords-string", "coords-empty", "coords-four", "coords-nested"]
                    .iter()
                    .enumerate()
                    .map(|(i, id)| err(i + 1, id, COORDS, not_coordinates()))
                    .collect(),
                kept: &["good-a", "good-b"],
            },
        ),
        (
            "coords-out-of-range.geojson",
            Read {
                problems: vec![
                    err(1, "longitude-200", COORDS, Issue::OutOfRange),
                    err(2, "latitude-minus-95", COORDS, Issue::OutOfRange),
                    err(3, "north-pole", COORDS, Issue::OutsideJapan),
                    err(4, "both-huge", COORDS, Issue::OutOfRange),
                    err(5, "swapped-and-out", COORDS, Issue::LooksSwapped),
                ],
                kept: &["good-a", "good-b"],
            },
        ),
        (
            "outside-japan.geojson",
            Read {
                problems: vec![
                    err(1, "london", COORDS, Issue::OutsideJapan),
                    err(2, "null-island", COORDS, Issue::OutsideJapan),
                    err(3, "southern-mirror", COORDS, Issue::OutsideJapan),
                    // Japan's corners are in Japan, far from Nagaoka: kept, and named.
                    warn(4, "corner-south-west", COORDS, Issue::OutsideNagaoka),
                    warn(5, "corner-north-east", COORDS, Issue::OutsideNagaoka),
                    err(6, "just-west", COORDS, Issue::OutsideJapan),
                    err(7, "just-north", COORDS, Issue::OutsideJapan),
                ],
                kept: &["good-a", "corner-south-west", "corner-north-east", "good-b"],
            },
        ),
        (
            "numbers-as-strings.geojson",
            Read {
                problems: vec![
                    file_warn("meta.version", not_integer()),
                    err(0, "string-coords", COORDS, text_coordinates()),
                    warn(1, "string-students", STUDENTS, text_integer()),
                    warn(2, "string-founded", "properties.facts.founded.value", text_integer()),
                ],
                kept: &["string-students", "string-founded", "good-b"],
            },
        ),
        (
            "huge-numbers.geojson",
            Read {
                problems: vec![
                    warn(0, "students-1e20", STUDENTS, Issue::NegativeOrTooLarge),
                    warn(1, "students-u64-max", STUDENTS, Issue::NegativeOrTooLarge),
                    warn(2, "students-past-u64", STUDENTS, Issue::NegativeOrTooLarge),
                    err(3, "coords-1e308", COORDS, Issue::OutOfRange),
                    warn(5, "founded-minus-1e300", "properties.facts.founded.value", Issue::NumberOutOfRange { min: 1000, max: 2100 }),
                    err(7, "subnormal", COORDS, Issue::OutsideJapan),
                ],
                kept: &["students-1e20", "students-u64-max", "students-past-u64", "long-digits", "founded-minus-1e300", "exponents"],
            },
        ),
        // --- Facts and dates -------------------------------------------------------------------
        (
            "negative-students.geojson",
            Read {
                problems: vec![
                    warn(0, "negative", STUDENTS, Issue::NegativeOrTooLarge),
                    warn(1, "over-u32", STUDENTS, Issue::NegativeOrTooLarge),
                    warn(3, "string-count", "properties.facts.international_students.value", text_integer()),
                    warn(4, "negative-international", "properties.facts.international_students.value", Issue::NegativeOrTooLarge),
                    warn(5, "founded-2101", "properties.facts.founded.value", Issue::NumberOutOfRange { min: 1000, max: 2100 }),
                ],
                kept: &["negative", "over-u32", "u32-max", "string-count", "negative-international", "founded-2101", "zero"],
            },
        ),
        (
            "bad-dates.geojson",
            Read {
                problems: vec![
                    file_warn("meta.updated", date("2026-13-01")),
                    source_warn("s", "title.ja", Issue::MissingTranslation),
                    source_warn("s", "as_of", date("yesterday")),
                    warn(0, "month-13", STUDENTS_AS_OF, date("2020-13")),
                    warn(1, "no-hyphens", STUDENTS_AS_OF, date("20200101")),
                    warn(2, "one-digit", STUDENTS_AS_OF, date("2020-1-1")),
                    warn(3, "full-width", STUDENTS_AS_OF, date("２０２０")),
                    warn(4, "number-date", STUDENTS_AS_OF, not_string()),
                    warn(5, "month-zero", STUDENTS_AS_OF, date("2020-00-10")),
                    warn(6, "day-32", STUDENTS_AS_OF, date("2020-12-32")),
                    warn(7, "timestamp", "properties.facts.founded.as_of", date("2020-01-01T00:00:00Z")),
                    warn(8, "opened-number", "properties.facts.opened.value", not_string()),
                ],
                kept: &["month-13", "no-hyphens", "one-digit", "full-width", "number-date", "month-zero", "day-32", "timestamp", "opened-number", "last-day"],
            },
        ),
        // --- Long text -------------------------------------------------------------------------
        (
            "huge-string.geojson",
            Read {
                problems: vec![
                    warn(1, "long-description", "properties.description.ja", too_long(4001, 4000)),
                    warn(2, "long-name-one", "properties.name.ja", too_long(201, 200)),
                    err(3, "long-name-both", "properties.name.ja", too_long(201, 200)),
                    err(3, "long-name-both", "properties.name.en", too_long(201, 200)),
                    err(4, "", "properties.id", too_long(81, 80)),
                    warn(
                        5,
                        "long-key",
                        "properties.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk…",
                        Issue::UnknownField,
                    ),
                    warn(6, "long-url", "properties.url", too_long(4020, 4000)),
                    err(7, "long-kind", "properties.kind", too_long(321, 320)),
                ],
                kept: &["good-a", "long-description", "long-name-one", "long-key", "long-url", "good-b"],
            },
        ),
        // --- Markup, links and odd characters --------------------------------------------------
        (
            "html-in-every-field.geojson",
            Read {
                problems: vec![
                    err(1, "<b>x</b>", "properties.id", Issue::InvalidId),
                    err(2, "markup-in-kind", "properties.kind", kind("<script>office</script>")),
                ],
                kept: &["markup-everywhere", "good-b"],
            },
        ),
        (
            "javascript-url.geojson",
            Read {
                problems: vec![
                    source_warn("s", "url", not_https("javascript:alert(document.domain)")),
                    warn(0, "js-lower", "properties.url", not_https("javascript:alert(1)")),
                    warn(1, "js-upper", "properties.url", not_https("JAVASCRIPT:alert(1)")),
                    warn(2, "js-padded", "properties.url", not_https("javascript:alert(1)")),
                    warn(3, "js-tab", "properties.url", not_https("java\u{FFFD}script:alert(1)")),
                    warn(4, "js-entity", "properties.url", not_https("javascript&colon;alert(1)")),
                    warn(5, "https-then-newline", "properties.url", not_https("https://example.org\u{FFFD}javascript:alert(1)")),
                    warn(6, "plain-http", "properties.url", not_https("http://example.org/")),
                    warn(7, "protocol-relative", "properties.url", not_https("//evil.example/")),
                    warn(8, "https-no-host", "properties.url", not_https("https:///path")),
                    warn(9, "https-backslash", "properties.url", not_https("https:\\\\evil.example")),
                ],
                kept: &[
                    "js-lower", "js-upper", "js-padded", "js-tab", "js-entity", "https-then-newline", "plain-http",
                    "protocol-relative", "https-no-host", "https-backslash", "https-ok",
                ],
            },
        ),
        (
            "data-url.geojson",
            Read {
                problems: vec![
                    warn(0, "data-html", "properties.url", not_https("data:text/html,<script>alert(1)</script>")),
                    warn(1, "data-base64", "properties.url", not_https("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")),
                    warn(2, "data-svg", "properties.url", not_https("data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' o…")),
                    warn(3, "vbscript", "properties.url", not_https("vbscript:msgbox(1)")),
                    warn(4, "file-url", "properties.url", not_https("file:///etc/passwd")),
                    warn(5, "blob-url", "properties.url", not_https("blob:https://example.org/0b3c")),
                ],
                kept: &["data-html", "data-base64", "data-svg", "vbscript", "file-url", "blob-url", "good-b"],
            },
        ),
        (
            "control-chars.geojson",
            Read {
                problems: vec![
                    err(1, "bell\u{7}", "properties.id", Issue::InvalidId),
                    err(2, "nul-kind", "properties.kind", kind("office\u{FFFD}")),
                    warn(3, "nul-url", "properties.url", not_https("https://example.org/\u{FFFD}")),
                ],
                kept: &["control-in-name", "nul-url", "padded-name", "good-b"],
            },
        ),
        (
            "rtl-override.geojson",
            Read {
                problems: vec![
                    err(1, "rlo-id\u{202e}", "properties.id", Issue::InvalidId),
                    err(2, "rlo-kind", "properties.kind", kind("\u{fffd}eciffo")), // quoted with the override shown, not obeyed
                ],
                kept: &["rlo-name", "good-b"],
            },
        ),
        (
            "zero-width.geojson",
            Read {
                problems: vec![
                    err(1, "blank-name", "properties.name.ja", Issue::Empty),
                    err(1, "blank-name", "properties.name.en", Issue::Empty),
                    err(2, "good\u{200b}", "properties.id", Issue::InvalidId),
                    err(3, "zero-width-kind", "properties.kind", kind("office\u{fffd}")), // the invisible joiner shown: "office" alone looked right
                    err(4, "bom-in-source", "properties.source", Issue::UnknownSource { found: "s\u{fffd}".into(), nearest: Some("s".into()) }),
                ],
                kept: &["zero-width-in-name", "good-b"],
            },
        ),
        (
            "emoji-names.geojson",
            Read {
                problems: vec![
                    warn(1, "emoji-200", "properties.name.ja", Issue::MissingTranslation),
                    warn(2, "emoji-201", "properties.name.en", too_long(201, 200)),
                    err(4, "🏢", "properties.id", Issue::InvalidId),
                ],
                kept: &["emoji", "emoji-200", "emoji-201", "flags"],
            },
        ),
        // --- Everything at once ----------------------------------------------------------------
        (
            "many-problems.geojson",
            Read {
                problems: vec![
                    err(0, "everything-wrong", "geometry.type", geometry("Polygon")),
                    warn(0, "everything-wrong", "properties.color", Issue::UnknownField),
                    err(0, "everything-wrong", "properties.kind", kind("castle")),
                    warn(0, "everything-wrong", "properties.name.fr", Issue::UnknownField),
                    err(0, "everything-wrong", "properties.name", Issue::Empty),
                    warn(0, "everything-wrong", "properties.description.ja", too_long(4001, 4000)),
                    warn(0, "everything-wrong", "properties.url", not_https("javascript:alert(1)")),
                    err(0, "everything-wrong", "properties.source", source("nowhere")),
                    warn(0, "everything-wrong", "properties.location_precision", Issue::UnknownPrecision { found: "perfect".into() }),
                    warn(0, "everything-wrong", STUDENTS, Issue::NegativeOrTooLarge),
                    warn(0, "everything-wrong", "properties.facts.founded", not_object()),
                    warn(1, "warnings-only", "properties.color", Issue::UnknownField),
                    warn(1, "warnings-only", "properties.name.en", Issue::Empty),
                    warn(1, "warnings-only", "properties.description.en", not_string()),
                    warn(1, "warnings-only", "properties.url", not_https("http://example.org")),
                    warn(1, "warnings-only", "properties.location_precision", Issue::UnknownPrecision { found: "perfect".into() }),
                    warn(1, "warnings-only", STUDENTS_AS_OF, Issue::Missing),
                    warn(1, "warnings-only", "properties.facts.founded", not_object()),
                    warn(1, "warnings-only", "properties.facts.opened.as_of", date("soon")),
                ],
                kept: &["warnings-only", "good-a"],
            },
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// Checks shared by every case

/// Every problem is described in both languages, naming its record (or source) and its field.
fn check_description(p: &Problem) -> Result<(), String> {
    for lang in Lang::ALL {
        let text = describe_problem(p, lang);
        if text.trim().is_empty() {
            return Err(format!("empty {lang} description of {p:?}"));
        }
        let place = match &p.location {
            Where::File => None,
            Where::Source(id) => Some(id.clone()),
            Where::Record { index, .. } => Some(format!("features[{index}]")),
            Where::Support(index) => Some(format!("meta.costs.support[{index}]")),
        };
        if let Some(place) = place {
            if !text.contains(&place) {
                return Err(format!("the {lang} description does not name {place}: {text}"));
            }
        }
        if let Where::Record { id: Some(id), .. } = &p.location {
            // Messages show control characters as U+FFFD (they must not reach a terminal).
            let shown: String = id.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect();
            if !text.contains(shown.as_str()) {
                return Err(format!("the {lang} description does not name the id {id}: {text}"));
            }
        }
        if !p.field.is_empty() && !text.contains(&p.field) {
            return Err(format!("the {lang} description does not name the field {}: {text}", p.field));
        }
    }
    Ok(())
}

fn show(p: &Problem) -> String {
    format!("{:?} {:?} {:?} {:?}", p.location, p.field, p.issue, p.severity)
}

fn show_expected(p: &P) -> String {
    format!("{:?} {:?} {:?} {:?}", p.location, p.field, p.issue, p.severity)
}

/// Compares an outcome with its expectation; `Err` says every difference.
fn compare(outcome: &Result<Validated, Problem>, expect: &Expect) -> Result<(), String> {
    let mut wrong = Vec::new();
    match (outcome, expect) {
        (Err(p), Fatal(issue)) => {
            if &p.issue != issue {
                wrong.push(format!("expected the file-level problem {issue:?}, got {}", show(p)));
            }
        }
        (Err(p), NotJson { line, column, reason }) => match &p.issue {
            Issue::NotJson { line: l, column: c, detail } if (l, c) == (line, column) && detail.contains(reason) => {}
            _ => wrong.push(format!("expected NotJson at {line}:{column} ({reason}), got {}", show(p))),
        },
        (Err(p), Read { .. }) => wrong.push(format!("expected the file to be read, got {}", show(p))),
        (Ok(v), Fatal(_) | NotJson { .. }) => wrong.push(format!(
            "expected a file-level problem, but the file was read: {:?}",
            v.problems.iter().map(show).collect::<Vec<_>>()
        )),
        (Ok(v), Read { problems, kept }) => {
            let kept_ids: Vec<&str> = v.city.places.iter().map(|p| p.id.as_str()).collect();
            if kept_ids != *kept {
                wrong.push(format!("kept {kept_ids:?}, expected {kept:?}"));
            }
            for p in &v.problems {
                if !problems.iter().any(|e| e.matches(p)) {
                    wrong.push(format!("unexpected problem: {}", show(p)));
                }
            }
            for e in problems {
                if !v.problems.iter().any(|p| e.matches(p)) {
                    wrong.push(format!("missing problem: {}", show_expected(e)));
                }
            }
            if v.problems.len() != problems.len() {
                wrong.push(format!("{} problems, expected {}", v.problems.len(), problems.len()));
            }
        }
    }
    let all: Vec<&Problem> = match outcome {
        Err(p) => vec![p],
        Ok(v) => v.problems.iter().collect(),
    };
    for p in all {
        if let Err(e) = check_description(p) {
            wrong.push(e);
        }
        let file_level = matches!(p.severity, Severity::Fatal);
        if file_level != outcome.is_err() || (file_level && p.location != Where::File) {
            wrong.push(format!("a fatal problem must come alone, at file level: {}", show(p)));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("\n    "))
    }
}

/// The regular files directly in `tests/hostile/` (not `found/`).
fn hostile_files() -> BTreeSet<String> {
    std::fs::read_dir(dir())
        .expect("tests/hostile exists")
        .map(|e| e.expect("directory entry"))
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| e.file_name().into_string().expect("file names are UTF-8"))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The corpus

#[test]
fn every_hostile_file_gives_its_expected_outcome() {
    let mut failures = Vec::new();
    for (name, expect) in expectations() {
        let outcome = validate_bytes(&read(name));
        if let Err(e) = compare(&outcome, &expect) {
            failures.push(format!("{name}:\n    {e}"));
        }
    }
    assert!(failures.is_empty(), "{} of the hostile files went wrong:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_hostile_file_has_an_expectation_and_there_are_enough() {
    let files = hostile_files();
    let table = expectations();
    let named: BTreeSet<String> = table.iter().map(|(n, _)| (*n).to_owned()).collect();
    assert_eq!(named.len(), table.len(), "a file is named twice in the table");
    let unexpected: Vec<_> = files.difference(&named).collect();
    assert!(unexpected.is_empty(), "files in tests/hostile/ without an expectation: {unexpected:?}");
    let absent: Vec<_> = named.difference(&files).collect();
    assert!(absent.is_empty(), "expectations for files that are not in tests/hostile/: {absent:?}");
    assert!(files.len() >= MIN_FILES, "only {} hostile files; at least {MIN_FILES} are wanted", files.len());
}

#[test]
fn hostile_files_are_small() {
    for name in hostile_files() {
        let len = std::fs::metadata(dir().join(&name)).expect("metadata").len();
        assert!(len <= 32 * 1024, "tests/hostile/{name} is {len} bytes; build large cases in memory");
    }
}

#[test]
fn the_byte_and_text_readers_agree_on_every_utf8_file() {
    for (name, _) in expectations() {
        let bytes = read(name);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            assert_eq!(validate_bytes(&bytes), validate_str(text), "{name}");
        }
    }
}

fn place<'v>(v: &'v Validated, id: &str) -> &'v nagaoka_map::domain::Place {
    v.city.place(id).unwrap_or_else(|| panic!("{id} is kept"))
}

fn read_ok(name: &str) -> Validated {
    validate_bytes(&read(name)).unwrap_or_else(|p| panic!("{name}: {}", describe_problem(&p, Lang::En)))
}

#[test]
fn markup_in_every_text_field_is_kept_verbatim_as_text() {
    let v = read_ok("html-in-every-field.geojson");
    let p = place(&v, "markup-everywhere");
    assert_eq!(p.name.ja.as_deref(), Some("<img src=x onerror=alert(1)>事務所"));
    assert_eq!(p.name.en.as_deref(), Some("<script>alert('x')</script>Office"));
    let description = p.description.as_ref().expect("description");
    assert_eq!(description.ja.as_deref(), Some("<b>太字</b>&amp;&lt;"), "entities are not decoded either");
    assert_eq!(description.en.as_deref(), Some("\"><svg/onload=alert(1)>"));
    let address = p.address.as_ref().expect("address");
    assert_eq!(address.ja.as_deref(), Some("<a href=\"javascript:alert(1)\">住所</a>"));
    assert_eq!(address.en.as_deref(), Some("{{constructor.constructor('alert(1)')()}}"));
    let basis = p.location_basis.as_ref().expect("location basis");
    assert_eq!((basis.ja.as_deref(), basis.en.as_deref()), (Some("<style>*{display:none}</style>"), Some("${alert(1)}")));
    assert_eq!(p.url.as_deref(), Some("https://example.org/?q=<script>alert(1)</script>"), "an https link is kept as written");
    let students = p.facts.students.as_ref().expect("students");
    assert_eq!(students.basis.as_ref().and_then(|b| b.en.as_deref()), Some("<iframe src=javascript:alert(1)></iframe>"));
    let s = v.city.source("s").expect("source");
    assert_eq!((s.title.ja.as_deref(), s.title.en.as_deref()), (Some("<h1>出典</h1>"), Some("<marquee>Source</marquee>")));
    assert_eq!(s.publisher.as_ref().and_then(|p| p.en.as_deref()), Some("<a href=\"javascript:alert(1)\">Publisher</a>"));
    assert_eq!(s.license.as_deref(), Some("<blink>CC BY 4.0</blink>"));
    assert_eq!(s.url.as_deref(), Some("https://example.org/<script>"));
}

#[test]
fn javascript_and_data_links_are_dropped_and_https_kept() {
    for name in ["javascript-url.geojson", "data-url.geojson"] {
        let v = read_ok(name);
        for p in &v.city.places {
            match p.id.as_str() {
                "https-ok" => assert_eq!(p.url.as_deref(), Some("https://example.org/ok")),
                _ => assert_eq!(p.url, None, "{name}: {}", p.id),
            }
        }
        assert!(v.city.sources.iter().all(|s| s.url.as_deref().is_none_or(|u| u.starts_with("https://"))));
        for p in v.problems.iter().filter(|p| p.field.ends_with("url")) {
            assert!(matches!(p.issue, Issue::NotHttps { .. }) && p.severity == Severity::Warning, "{p:?}");
        }
    }
}

#[test]
fn the_first_of_duplicate_ids_is_kept_with_its_own_fields() {
    let v = read_ok("duplicate-ids.geojson");
    assert_eq!(place(&v, "good-a").name.en.as_deref(), Some("Office"));
    assert_eq!(place(&v, "good-b").kind.as_str(), "university");
    // A broken record does not claim its id: the next good one with the same id is kept.
    assert_eq!(place(&v, "later").name.en.as_deref(), Some("Later"));
}

#[test]
fn with_duplicate_keys_the_last_one_wins() {
    let v = read_ok("duplicate-keys.json");
    let second = place(&v, "second");
    assert_eq!(second.kind.as_str(), "office");
    assert_eq!(second.name.en.as_deref(), Some("Office"));
    let b = place(&v, "good-b");
    assert_eq!((b.location.lng, b.location.lat), (138.8, 37.4));
}

#[test]
fn white_space_is_trimmed_and_other_characters_kept() {
    let v = read_ok("control-chars.geojson");
    let padded = place(&v, "padded-name");
    assert_eq!((padded.name.ja.as_deref(), padded.name.en.as_deref()), (Some("事務所"), Some("Office")));
    let control = place(&v, "control-in-name");
    assert_eq!(control.name.en.as_deref(), Some("Office\0\u{7}"));
    assert_eq!(place(&v, "nul-url").url, None);

    let v = read_ok("unknown-kind.geojson");
    assert_eq!(place(&v, "padded").kind.as_str(), "office");
    assert_eq!(place(&v, "vocational").kind.as_str(), "vocational_school");

    let v = read_ok("zero-width.geojson");
    let zw = place(&v, "zero-width-in-name");
    assert_eq!(zw.name.ja.as_deref(), Some("事\u{200b}務所"));
    assert_eq!(zw.name.en.as_deref(), Some("Off\u{200d}ice\u{2060}"));

    let v = read_ok("rtl-override.geojson");
    assert_eq!(place(&v, "rlo-name").name.en.as_deref(), Some("\u{202e}gnp.exe"));

    let v = read_ok("emoji-names.geojson");
    assert_eq!(place(&v, "emoji").name.en.as_deref(), Some("🏢 Office 👩‍💻"));
    assert_eq!(place(&v, "emoji-200").name.en.as_ref().map(|n| n.chars().count()), Some(200));
    assert_eq!(place(&v, "flags").name.ja.as_ref().map(|n| n.chars().count()), Some(200));
    let long = place(&v, "emoji-201");
    assert_eq!((long.name.ja.as_deref(), long.name.en.as_deref()), (Some("事務所"), None));
}

#[test]
fn numbers_at_the_edges() {
    let v = read_ok("negative-students.geojson");
    assert_eq!(place(&v, "u32-max").facts.students.as_ref().map(|s| s.value), Some(u32::MAX));
    let zero = place(&v, "zero");
    assert_eq!(zero.facts.students.as_ref().map(|s| s.value), Some(0));
    assert_eq!(zero.facts.founded.as_ref().map(|s| s.value), Some(1000));
    assert!(place(&v, "negative").facts.students.is_none());

    let v = read_ok("huge-numbers.geojson");
    let exp = place(&v, "exponents").location;
    assert!((exp.lng - 138.85).abs() < 1e-9 && (exp.lat - 37.45).abs() < 1e-9, "{exp:?}");
    assert!((place(&v, "long-digits").location.lng - 138.85).abs() < 1e-9);

    let v = read_ok("outside-japan.geojson");
    let sw = place(&v, "corner-south-west").location;
    assert_eq!((sw.lat, sw.lng), (20.0, 122.0), "the edges of the box are inside");

    let v = read_ok("coords-swapped.geojson");
    let alt = place(&v, "with-altitude").location;
    assert_eq!((alt.lat, alt.lng), (37.45, 138.85), "a third position (altitude) is ignored");
}

#[test]
fn dates_and_facts_keep_what_is_good() {
    let v = read_ok("bad-dates.geojson");
    assert_eq!(v.city.updated, "", "a bad update date is ignored");
    assert_eq!(v.city.source("s").and_then(|s| s.as_of.clone()), None);
    let last = place(&v, "last-day");
    assert_eq!(last.facts.students.as_ref().map(|s| s.as_of.as_str()), Some("2020-12-31"));
    assert_eq!(last.facts.opened.as_ref().map(|s| s.value.as_str()), Some("2023-04"));
    assert!(place(&v, "month-13").facts.students.is_none());

    let v = read_ok("many-problems.geojson");
    let w = place(&v, "warnings-only");
    assert_eq!((w.name.ja.as_deref(), w.name.en.as_deref()), (Some("事務所"), None));
    assert_eq!(w.url, None);
    assert_eq!(w.precision, None::<LocationPrecision>);
    assert!(w.facts.students.is_none() && w.facts.founded.is_none() && w.facts.opened.is_none());
    assert_eq!(w.description.as_ref().map(|d| (d.ja.as_deref(), d.en.as_deref())), Some((Some("説明"), None)));
}

// ---------------------------------------------------------------------------------------------
// Large inputs, built in memory

const META: &str = r#"{"version": 1, "updated": "2026-11-25", "sources": {"s": {"title": {"ja": "出典", "en": "Source"}}}}"#;

fn feature(id: &str, extra_properties: &str) -> String {
    format!(
        r#"{{"type": "Feature", "geometry": {{"type": "Point", "coordinates": [138.85, 37.45]}},
            "properties": {{"id": "{id}", "kind": "office", "name": {{"ja": "事務所", "en": "Office"}}, "source": "s"{extra_properties}}}}}"#
    )
}

fn file(features: &[String]) -> String {
    format!(r#"{{"type": "FeatureCollection", "meta": {META}, "features": [{}]}}"#, features.join(",\n"))
}

fn expect_ok(outcome: Result<Validated, Problem>, what: &str) -> Validated {
    outcome.unwrap_or_else(|p| panic!("{what}: {}", describe_problem(&p, Lang::En)))
}

#[test]
fn a_20_mb_description_is_too_long_and_the_record_is_kept() {
    const MB20: usize = 20 * 1024 * 1024;
    let long = "x".repeat(MB20);
    let text = file(&[
        feature("long-description", &format!(r#", "description": {{"ja": "{long}", "en": "Short"}}"#)),
        feature("good-b", ""),
    ]);
    assert!(text.len() > MB20 && text.len() < MAX_FILE_BYTES);
    let v = expect_ok(validate_bytes(text.as_bytes()), "20 MB description");
    drop(text);
    let ids: Vec<_> = v.city.places.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["long-description", "good-b"]);
    assert_eq!(v.problems.len(), 1, "{:?}", v.problems);
    let p = &v.problems[0];
    let expected = warn(0, "long-description", "properties.description.ja", too_long(MB20, 4000));
    assert!(expected.matches(p), "{}", show(p));
    check_description(p).unwrap();
    let d = v.city.places[0].description.as_ref().expect("the English description stays");
    assert_eq!((d.ja.as_deref(), d.en.as_deref()), (None, Some("Short")));
}

#[test]
fn a_20_mb_name_or_key_is_named_without_quoting_it_whole() {
    const MB20: usize = 20 * 1024 * 1024;
    let long = "名".repeat(MB20 / 3);
    // The second "name" replaces the one `feature` writes (the last of duplicate keys wins).
    let text = file(&[
        feature("long-name", &format!(r#", "name": {{"ja": "{long}"}}"#)),
        feature("good-b", ""),
    ]);
    let v = expect_ok(validate_str(&text), "20 MB name");
    assert_eq!(v.city.places.len(), 1);
    let p = &v.problems[0];
    assert!(err(0, "long-name", "properties.name.ja", too_long(MB20 / 3, 200)).matches(p), "{}", show(p));
    for lang in Lang::ALL {
        assert!(describe_problem(p, lang).len() < 1000, "the message does not quote the text");
    }

    let key = "k".repeat(MB20);
    let text = file(&[feature("long-key", &format!(r#", "{key}": 1"#))]);
    let v = expect_ok(validate_str(&text), "20 MB key");
    assert_eq!(v.city.places.len(), 1);
    assert_eq!(v.problems.len(), 1);
    assert_eq!(v.problems[0].field.chars().count(), "properties.".len() + 61, "the key is clipped");
    check_description(&v.problems[0]).unwrap();
}

#[test]
fn a_33_mb_file_is_refused_before_it_is_parsed() {
    let mut bytes = file(&[feature("good-a", "")]).into_bytes();
    bytes.resize(33 * 1024 * 1024, b' ');
    let p = validate_bytes(&bytes).expect_err("too large");
    assert_eq!(p.issue, Issue::TooLarge { bytes: 33 * 1024 * 1024, max_bytes: MAX_FILE_BYTES });
    assert_eq!((p.location.clone(), p.severity), (Where::File, Severity::Fatal));
    check_description(&p).unwrap();
    assert!(describe_problem(&p, Lang::En).contains("34,603,008"), "{}", describe_problem(&p, Lang::En));
    // Invalid bytes do not matter: size is checked first.
    bytes[0] = 0xff;
    assert!(matches!(validate_bytes(&bytes).expect_err("too large").issue, Issue::TooLarge { .. }));
    let text = String::from_utf8(vec![b' '; MAX_FILE_BYTES + 1]).unwrap();
    assert_eq!(validate_str(&text).expect_err("too large").issue, Issue::TooLarge { bytes: MAX_FILE_BYTES + 1, max_bytes: MAX_FILE_BYTES });
}

#[test]
fn a_file_of_exactly_the_largest_size_is_read() {
    let mut bytes = file(&[feature("good-a", "")]).into_bytes();
    bytes.resize(MAX_FILE_BYTES, b' ');
    let v = expect_ok(validate_bytes(&bytes), "exactly the limit");
    assert_eq!(v.city.places.len(), 1);
    bytes.push(b' ');
    assert!(matches!(validate_bytes(&bytes).expect_err("one byte over").issue, Issue::TooLarge { .. }));
}

#[test]
fn nesting_10000_levels_deep_is_refused_without_overflowing_the_stack() {
    let arrays = format!("{}0{}", "[".repeat(10_000), "]".repeat(10_000));
    let objects = format!("{}0{}", r#"{"a":"#.repeat(10_000), "}".repeat(10_000));
    for (what, deep) in [("arrays", arrays), ("objects", objects)] {
        // At the root, and inside a property of an otherwise good record.
        for text in [deep.clone(), file(&[feature("deep", &format!(r#", "extra": {deep}"#))])] {
            let p = validate_str(&text).expect_err(what);
            match &p.issue {
                Issue::NotJson { detail, .. } => assert!(detail.contains("recursion limit"), "{what}: {detail}"),
                other => panic!("{what}: {other:?}"),
            }
            check_description(&p).unwrap();
        }
    }
}

#[test]
fn too_many_features_are_refused_and_the_limit_itself_is_read() {
    let zeros = |n: usize| format!(r#"{{"type": "FeatureCollection", "features": [{}0]}}"#, "0,".repeat(n - 1));
    let p = validate_str(&zeros(MAX_FEATURES + 1)).expect_err("too many");
    assert_eq!(p.issue, Issue::TooManyFeatures { count: MAX_FEATURES + 1, max: MAX_FEATURES });
    check_description(&p).unwrap();
    let v = expect_ok(validate_str(&zeros(MAX_FEATURES)), "at the limit");
    assert!(v.city.places.is_empty());
    let records = v.problems.iter().filter(|p| matches!(p.location, Where::Record { .. })).count();
    assert_eq!(records, MAX_FEATURES, "every record is named");
}

// ---------------------------------------------------------------------------------------------
// Defects found in the validator (inputs kept in tests/hostile/found/). These fail until fixed.

fn found_ok(name: &str) -> Validated {
    validate_bytes(&read_found(name)).unwrap_or_else(|p| panic!("{name}: {}", describe_problem(&p, Lang::En)))
}

/// A record whose `type` is missing or is not "Feature" gets an Error ("This place is not shown")
/// and is shown all the same.
#[test]
fn found_a_feature_that_is_not_a_feature_is_reported_as_left_out_but_kept() {
    let v = found_ok("feature-type-not-feature-kept-with-error.geojson");
    let kept: BTreeSet<&str> = v.city.places.iter().map(|p| p.id.as_str()).collect();
    for p in &v.problems {
        if let (Where::Record { id: Some(id), .. }, Severity::Error) = (&p.location, p.severity) {
            assert!(!kept.contains(id.as_str()), "{id}: “{}” yet it is kept", describe_problem(p, Lang::En));
        }
    }
    for p in v.problems.iter().filter(|p| p.field == "type") {
        assert_ne!(p.issue, not_object(), "“type” should be the string \"Feature\", not an object");
    }
    // Each record that is not a Feature is named, as an error, and left out; the good one is kept.
    for id in ["type-missing", "type-place", "type-lower-case", "type-number"] {
        let named = v.problems.iter().any(|p| {
            p.issue == Issue::NotAFeature
                && p.severity == Severity::Error
                && matches!(&p.location, Where::Record { id: Some(at), .. } if at == id)
        });
        assert!(named, "{id}: no “not a Feature” error: {:?}", v.problems);
        assert!(!kept.contains(id), "{id} is shown");
    }
    assert!(kept.contains("good-a"), "the good record is left out: {kept:?}");
}

/// A figure's `source` that is not a string is ignored without a word, and the figure is credited to
/// the place's own source; an `estimate` that is not true/false is read as false without a word.
#[test]
fn found_a_figure_source_or_estimate_of_the_wrong_type_is_silently_accepted() {
    let v = found_ok("figure-source-and-estimate-of-wrong-type-accepted.geojson");
    let fields: Vec<(&str, &str)> = v
        .problems
        .iter()
        .map(|p| match &p.location {
            Where::Record { id: Some(id), .. } => (id.as_str(), p.field.as_str()),
            _ => ("", p.field.as_str()),
        })
        .collect();
    for (id, field) in [
        ("source-number", "properties.facts.students.source"),
        ("source-object", "properties.facts.students.source"),
        ("estimate-string", "properties.facts.students.estimate"),
    ] {
        assert!(fields.contains(&(id, field)), "no problem named for {id} {field}: {fields:?}");
    }
}

/// `opened` with a string that is not a date says “should be a string”.
#[test]
fn found_an_opened_value_that_is_not_a_date_is_said_not_to_be_a_string() {
    let v = found_ok("opened-not-a-date-said-to-be-not-a-string.geojson");
    const OPENED: &str = "properties.facts.opened.value";
    exactly(&v.problems, &[warn(0, "opened-month-zero", OPENED, date("2023-00")), warn(1, "opened-word", OPENED, date("soon"))]);
}

/// The problems are exactly `expected` (in any order): what a file is told is named for what it is,
/// not merely no longer named wrong.
fn exactly(problems: &[Problem], expected: &[P]) {
    assert_eq!(problems.len(), expected.len(), "{problems:?}");
    for e in expected {
        assert!(problems.iter().any(|p| e.matches(p)), "{e:?} is not among {problems:?}");
    }
}

/// `2020-02-30`, `2021-02-29`, `1976-04-31`, `2025-06-31` are taken as dates.
#[test]
fn found_impossible_calendar_dates_are_accepted() {
    let v = found_ok("impossible-calendar-dates-accepted.geojson");
    let dates: Vec<String> = v
        .problems
        .iter()
        .filter_map(|p| match &p.issue {
            Issue::InvalidDate { found } => Some(found.clone()),
            _ => None,
        })
        .collect();
    for bad in ["2026-02-30", "2025-06-31", "2020-02-30", "2021-02-29", "1976-04-31"] {
        assert!(dates.iter().any(|d| d == bad), "{bad} is not reported: {:?}", v.problems);
    }
}

/// A format version above u64::MAX is read as version 1 (with a type warning) instead of refused.
#[test]
fn found_a_version_beyond_u64_is_read_as_version_1() {
    let outcome = validate_bytes(&read_found("version-beyond-u64-read-as-version-1.geojson"));
    assert!(
        matches!(&outcome, Err(p) if matches!(p.issue, Issue::UnsupportedVersion { .. })),
        "a newer version must be refused: {outcome:?}"
    );
}

/// Version 0 is said to be “not a whole number”.
#[test]
fn found_version_0_is_said_not_to_be_a_whole_number() {
    let v = found_ok("version-0-said-to-be-not-a-whole-number.geojson");
    let said: Vec<&Issue> = v.problems.iter().filter(|p| p.field == "meta.version").map(|p| &p.issue).collect();
    for issue in &said {
        assert_ne!(**issue, not_integer(), "{issue:?}");
    }
    // It is named for what it is: a version that does not exist.
    assert!(
        said.iter().any(|i| matches!(i, Issue::InvalidVersion { found } if found == "0")),
        "version 0 is accepted without a word: {said:?}"
    );
}

/// 1.5 students and a foundation year of 999 are called “negative or too large”.
#[test]
fn found_a_fraction_or_a_small_year_is_called_negative_or_too_large() {
    let v = found_ok("fraction-and-small-year-said-to-be-negative-or-too-large.geojson");
    for p in &v.problems {
        let en = describe_problem(p, Lang::En);
        assert!(!en.contains("negative or too large"), "{en}");
    }
    exactly(
        &v.problems,
        &[
            warn(0, "students-fraction", "properties.facts.students.value", not_integer()),
            warn(1, "founded-999", "properties.facts.founded.value", Issue::NumberOutOfRange { min: 1000, max: 2100 }),
        ],
    );
}

/// A geometry `type` that is a number is said to be missing.
#[test]
fn found_a_geometry_type_that_is_a_number_is_said_to_be_missing() {
    let v = found_ok("geometry-type-number-said-to-be-missing.geojson");
    exactly(&v.problems, &[err(1, "geometry-type-number", "geometry.type", not_string())]);
}

/// Messages quote ids and values with their control characters (new lines, escape sequences), so a
/// data file can forge lines or terminal sequences in the output of `validate`.
#[test]
fn found_messages_quote_control_characters_raw() {
    let v = found_ok("control-chars-in-messages.geojson");
    assert_eq!(v.problems.len(), 3);
    for p in &v.problems {
        for lang in Lang::ALL {
            let text = describe_problem(p, lang);
            assert!(!text.chars().any(char::is_control), "{text:?}");
        }
    }
}

/// “should be a object”.
#[test]
fn found_english_messages_say_a_object() {
    let v = found_ok("a-object-in-english-messages.geojson");
    let en = describe_problem(&v.problems[0], Lang::En);
    assert!(!en.contains(" a object"), "{en}");
}


/// Links whose address reads as another site, or as nothing a browser can open: dropped with the
/// link warning, as a `javascript:` one is. Every link of the shipped data still passes.
#[test]
fn links_that_misstate_where_they_go_or_cannot_open_are_refused() {
    use nagaoka_map::domain::fields::{clip, is_https_url};
    for bad in [
        "https://example.org/\u{202E}gpj.exe",
        "https://city.example@elsewhere.example/",
        "https://@/",
        "https://:443/",
        "https://exa\u{200B}mple.org/",
        "https://example.org/\u{AD}x",
        "https://\u{FEFF}example.org/",
        "https://example.org/\u{E0041}",
        "https://example..org/",
        "https://example.org:99999/",
        "https://example.org:/",
        "https://[zz]/",
        "https://ex ample.org/",
    ] {
        assert!(!is_https_url(bad), "{bad:?}");
    }
    for good in [
        "https://example.org",
        "https://example.org/",
        "https://www.city.nagaoka.niigata.jp/sangyou/cate08/ijyu-shien.html",
        "https://example.org:8443/a?b=c#d",
        "https://[2001:db8::1]/",
        "https://長岡.example/",
        "https://example.org./x",
        "https://example.org/path@with-at",
    ] {
        assert!(is_https_url(good), "{good:?}");
    }
    // A warning quoting such an address keeps its own words in order, and says why an https:
    // address was refused ("not an https: link" was untrue of it).
    assert_eq!(clip("a\u{202E}bc"), "a\u{FFFD}bc");
    let said = |found: &str, lang: Lang| {
        let p = Problem { location: Where::File, field: "url".to_owned(), issue: Issue::NotHttps { found: found.to_owned() }, severity: Severity::Warning };
        describe_problem(&p, lang)
    };
    assert!(said("https://a@b.example/", Lang::En).contains("does not read as what it opens"), "{}", said("https://a@b.example/", Lang::En));
    assert!(said("https://a@b.example/", Lang::Ja).contains("開く先のとおりに読めない"), "{}", said("https://a@b.example/", Lang::Ja));
    assert!(said("http://example.org/", Lang::En).contains("is not an https: link"));
    // Every link the city's file has.
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/nagaoka.geojson")).expect("the shipped data");
    let mut links = 0;
    for (i, _) in text.match_indices("\"https://") {
        let end = text[i + 1..].find('"').map(|e| i + 1 + e).expect("a closed string");
        let url = &text[i + 1..end];
        assert!(is_https_url(url), "{url}");
        links += 1;
    }
    assert!(links > 40, "{links} links read");
}
