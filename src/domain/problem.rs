//! Problems found while reading a data file, each naming where it is and what is wrong.

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something was ignored (a field, a translation); the record still shows.
    Warning,
    /// The record (or source) was left out; the others still show.
    Error,
    /// The file as a whole cannot be read.
    Fatal,
}

/// Which part of the file a problem is in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Where {
    File,
    /// A source in `meta.sources`, by id.
    Source(String),
    /// A feature, by its position in `features` (0-based) and its id when it has one.
    Record { index: usize, id: Option<String> },
    /// A support scheme in `meta.costs.support`, by position (0-based).
    Support(usize),
}

/// What kind of value a field should hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Object,
    Array,
    String,
    Text,
    Integer,
    Number,
    Bool,
    Coordinates,
}

impl Expected {
    pub fn as_str(self) -> &'static str {
        match self {
            Expected::Object => "object",
            Expected::Array => "array",
            Expected::String => "string",
            Expected::Text => "{ja, en} text",
            Expected::Integer => "whole number",
            Expected::Number => "number",
            Expected::Bool => "true/false",
            Expected::Coordinates => "[longitude, latitude]",
        }
    }

    /// The English name with its article: "an object", "a string", …
    pub fn with_article(self) -> String {
        match self {
            Expected::Object | Expected::Array => format!("an {}", self.as_str()),
            Expected::Bool | Expected::Coordinates => self.as_str().to_owned(),
            _ => format!("a {}", self.as_str()),
        }
    }
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum Issue {
    /// The bytes are not UTF-8 text; the offset is of the first bad byte.
    NotUtf8 { byte_offset: usize, line: usize },
    /// The file starts with a byte-order mark, which was skipped.
    ByteOrderMark,
    /// The file's `crs` member names a coordinate system other than longitude and latitude in
    /// WGS 84 (a GIS export in a plane rectangular system): its numbers are read as degrees all
    /// the same, so every place is named as out of range; this says why.
    ProjectedCrs { name: String },
    /// The text is not JSON; line and column are 1-based.
    NotJson { line: usize, column: usize, detail: String },
    /// The file is larger than the app reads.
    TooLarge { bytes: usize, max_bytes: usize },
    NotFeatureCollection,
    TooManyFeatures { count: usize, max: usize },
    /// The file's format version is newer than this app reads.
    UnsupportedVersion { found: u64, supported: u32 },
    Missing,
    WrongType { expected: Expected },
    Empty,
    TooLong { chars: usize, max: usize },
    InvalidId,
    DuplicateId { first_index: usize },
    UnknownKind { found: String },
    UnknownPrecision { found: String },
    /// `nearest`: a listed source one or two letters away, the likely one meant.
    UnknownSource { found: String, nearest: Option<String> },
    UnknownField,
    NotHttps { found: String },
    InvalidDate { found: String },
    NotFinite,
    OutOfRange,
    LooksSwapped,
    OutsideJapan,
    /// In Japan, but outside the box of Nagaoka's outline (a warning: the place is kept).
    OutsideNagaoka,
    UnsupportedGeometry { found: String },
    MissingTranslation,
    NegativeOrTooLarge,
    /// A feature whose `type` is not `"Feature"`.
    NotAFeature,
    /// A format version that is not a positive whole number.
    InvalidVersion { found: String },
    /// A number outside the range the field allows.
    NumberOutOfRange { min: i64, max: i64 },
    /// A polygon ring that is not closed or has fewer than 4 positions.
    BadRing,
    /// A polygon ring that crosses itself: its centre by area fell outside the ring's own box.
    CrossedRing,
    /// An area boundary with more positions than the app draws.
    TooManyPositions { max: usize },
    /// Text holding a JSON object where the object itself belongs: QGIS and the table editors of
    /// other tools save nested members so.
    JsonInText { expected: Expected },
    /// Text as a table shows an object ("en: Nagaoka Station, ja: 長岡駅", "students: "): an export
    /// of displayed values wrote it, and the values inside are lost.
    DisplayedText { expected: Expected },
    /// The file has no `meta` member (a tool that keeps only the features dropped it), so no
    /// source is known: `places` records and `figures` figures that name one were left out (each
    /// is named by a problem of its own too).
    MetaMissing { places: usize, figures: usize },
    /// No place could be read: the map would be empty. A failed export writes such a file.
    NoPlaces,
}

/// The issue for a value of the wrong type where an object is expected: text that holds a JSON
/// object is named as such, so that an editor knows what the tool they saved with did.
pub fn not_an_object(found: &serde_json::Value, expected: Expected) -> Issue {
    let holds_object = found.as_str().is_some_and(|s| {
        let s = s.trim();
        s.starts_with('{') && serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(s).is_ok()
    });
    if holds_object {
        return Issue::JsonInText { expected };
    }
    if found.as_str().is_some_and(|s| looks_displayed(s, expected)) {
        return Issue::DisplayedText { expected };
    }
    Issue::WrongType { expected }
}

/// Whether `s` reads as a table's display of an object: "key: value" pairs joined by ", ", with
/// the keys `ja` and `en` where a text is expected, and lower-case names where another object is.
fn looks_displayed(s: &str, expected: Expected) -> bool {
    let Some((first, _)) = s.trim_start().split_once(':') else { return false };
    match expected {
        Expected::Text => matches!(first, "ja" | "en"),
        Expected::Object => !first.is_empty() && first.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
        _ => false,
    }
}

/// The issue for a value of the wrong type where numbers belong: text holding them ("52800",
/// `["138.85", "37.45"]`, as a spreadsheet or QGIS saves a column it took for text) is named as
/// such, so that the editor knows to take the quotes away.
pub fn not_numbers(found: &[&serde_json::Value], expected: Expected) -> Issue {
    let numeric = |v: &&serde_json::Value| v.as_str().is_some_and(|s| super::number::parse_f64(s.trim()).is_some_and(f64::is_finite));
    if !found.is_empty() && found.iter().all(numeric) { Issue::JsonInText { expected } } else { Issue::WrongType { expected } }
}

/// One problem: where, which field (a JSON path such as `properties.name.en`), what, how bad.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub location: Where,
    pub field: String,
    pub issue: Issue,
    pub severity: Severity,
}

/// Problems that say the same thing (the same field, issue and severity) of several records,
/// shown as one: a file saved by a tool that adds a field to every record (QGIS's `fid`) had one
/// line per record, and the one problem of another kind was lost among them.
#[derive(Debug, PartialEq)]
pub struct ProblemGroup<'a> {
    /// The first of the group's problems, in file order.
    pub first: &'a Problem,
    /// Where each of them is, in file order; one entry for a problem alone.
    pub places: Vec<&'a Where>,
}

/// How many of the latest groups with the same field and severity a problem is compared with.
const GROUP_LOOKBACK: usize = 8;

/// Groups the problems about records that are alike; every other problem stands alone. Groups are
/// in the order of their first problem. A problem joins one of the latest groups of its field and
/// severity whose issue is the same, so the work stays linear however many problems differ (a
/// duplicate id names its first record, different for each). Issues are compared as values, not
/// by their debug text, which would have put every issue's formatting code into the wasm.
pub fn group_problems(problems: &[Problem]) -> Vec<ProblemGroup<'_>> {
    let mut groups: Vec<ProblemGroup<'_>> = Vec::new();
    let mut by_key: std::collections::HashMap<(Severity, &str), Vec<usize>> = std::collections::HashMap::new();
    for p in problems {
        if matches!(p.location, Where::Record { .. }) {
            let candidates = by_key.entry((p.severity, p.field.as_str())).or_default();
            let same = candidates.iter().rev().take(GROUP_LOOKBACK).copied().find(|&i| groups[i].first.issue == p.issue);
            if let Some(i) = same {
                groups[i].places.push(&p.location);
                continue;
            }
            candidates.push(groups.len());
        }
        groups.push(ProblemGroup { first: p, places: vec![&p.location] });
    }
    groups
}
