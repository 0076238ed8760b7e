//! Published file -> validated `City`, collecting every problem with where it is.
//!
//! One bad record never hides the others: a record with an error is left out and named; a record
//! with a warning is kept with the offending field ignored.

use super::decode::FORMAT_VERSION;
use super::living::Area;
use super::model::{City, Facts, LatLng, Place, Source};
use super::read_living::read_costs;
pub use super::read_living::MAX_AREA_POSITIONS;
use super::problem::{Expected, Issue, Problem, Severity, Where};
use super::fields::{clip, is_full_date, is_slug, Fields};
use serde_json::value::RawValue;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

/// The largest file the app reads, in bytes.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;
/// The most features the app reads.
pub const MAX_FEATURES: usize = 200_000;
/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest other text, in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// The longest id, in characters.
pub const MAX_ID_CHARS: usize = 80;

/// A validated city and every problem found on the way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Validated {
    pub city: City,
    pub problems: Vec<Problem>,
}

impl Validated {
    /// Problems that left a record or source out.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity >= Severity::Error)
    }
}

/// A file of `bytes` bytes, more than `MAX_FILE_BYTES`.
pub(super) fn too_large(bytes: usize) -> Problem {
    fatal(Issue::TooLarge { bytes, max_bytes: MAX_FILE_BYTES })
}

fn fatal(issue: Issue) -> Problem {
    Problem { location: Where::File, field: String::new(), issue, severity: Severity::Fatal }
}

/// Reads raw bytes: checks size and UTF-8, skips a byte-order mark, then validates.
pub fn validate_bytes(bytes: &[u8]) -> Result<Validated, Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(bytes.len()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => validate_str(text),
        Err(e) => {
            let at = e.valid_up_to();
            // The line too: an editor goes to a line, not to a byte.
            let line = bytes.get(..at).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1;
            Err(fatal(Issue::NotUtf8 { byte_offset: at, line }))
        }
    }
}

/// Reads the text of a data file.
pub fn validate_str(text: &str) -> Result<Validated, Problem> {
    if text.len() > MAX_FILE_BYTES {
        return Err(fatal(Issue::TooLarge { bytes: text.len(), max_bytes: MAX_FILE_BYTES }));
    }
    let mut problems = Vec::new();
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            problems.push(Problem {
                location: Where::File,
                field: String::new(),
                issue: Issue::ByteOrderMark,
                severity: Severity::Warning,
            });
            rest
        }
        None => text,
    };
    let mut out = match split(text) {
        Some(parts) => {
            let features = &parts.features;
            let read = validate_parts(parts.kind.as_ref(), parts.meta.as_ref(), parts.crs.as_ref(), features.len(), &mut |i| {
                // Inside the root object and its features array.
                features.get(i).and_then(|raw| parse_part(raw, 2)).map(Cow::Owned)
            })?;
            match read {
                Some(read) => read,
                None => validate_tree(text)?,
            }
        }
        None => validate_tree(text)?,
    };
    problems.append(&mut out.problems);
    out.problems = problems;
    Ok(out)
}

/// serde_json's column counts bytes; an editor's "go to line and column" counts characters, and a
/// line of Japanese has three bytes a character: column 104 pointed past a mistake at 52. The
/// characters of line `line` (1-based) that start before byte `column`.
pub fn char_column(text: &str, line: usize, column: usize) -> usize {
    let Some(l) = text.split('\n').nth(line.saturating_sub(1)) else { return column };
    l.char_indices().take_while(|(i, _)| *i < column).count()
}

/// Reads the file as one JSON tree: the slow path, and the one that names a syntax error exactly
/// as serde_json finds it, with its line and column.
fn validate_tree(text: &str) -> Result<Validated, Problem> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        // serde_json says column 0 for the very start of a line; columns here are 1-based.
        fatal(Issue::NotJson { line: e.line(), column: char_column(text, e.line(), e.column()).max(1), detail: e.to_string() })
    })?;
    let obj = root.as_object().ok_or_else(|| fatal(Issue::NotFeatureCollection))?;
    let features = match obj.get("features") {
        Some(Value::Array(f)) => f,
        _ => return Err(fatal(Issue::NotFeatureCollection)),
    };
    let read = validate_parts(obj.get("type"), obj.get("meta"), obj.get("crs"), features.len(), &mut |i| {
        features.get(i).map(Cow::Borrowed)
    })?;
    // Every feature is at hand here, so the reading cannot stop early.
    read.ok_or_else(|| fatal(Issue::NotFeatureCollection))
}

/// A FeatureCollection's parts, found without building the file's JSON tree: each feature is
/// parsed, read and dropped on its own, so a file of 100,000 places never holds its whole tree
/// (about ten times the file's size) at once, and the short-lived trees stay in the allocator's
/// cache. Measured natively on 100,000 synthetic places: 845 -> 575 ms.
struct Parts<'t> {
    kind: Option<Value>,
    meta: Option<Value>,
    crs: Option<Value>,
    features: Vec<&'t RawValue>,
}

/// The root object's members in file order, duplicates included, each as its text.
struct Members<'t>(Vec<(String, &'t RawValue)>);

impl<'de: 't, 't> serde::Deserialize<'de> for Members<'t> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'t>(std::marker::PhantomData<&'t ()>);
        impl<'de: 't, 't> serde::de::Visitor<'de> for Visit<'t> {
            type Value = Members<'t>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Members<'t>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// The fast path. `None` whenever the file is anything but a readable object with a features
/// array: the slow path then reads it whole and names the problem as it always has. Every member
/// is parsed (only `features` item by item), so this never accepts a file that reading it whole
/// would refuse.
fn split(text: &str) -> Option<Parts<'_>> {
    let Members(members) = serde_json::from_str(text).ok()?;
    let (mut kind, mut meta, mut crs, mut features) = (None, None, None, None);
    for (key, raw) in members {
        match key.as_str() {
            // As in a JSON tree, the last of duplicate members counts.
            "type" => kind = Some(parse_part(raw, 1)?),
            "meta" => meta = Some(parse_part(raw, 1)?),
            "crs" => crs = Some(parse_part(raw, 1)?),
            "features" => {
                if let Some(earlier) = features.replace(raw) {
                    parse_part(earlier, 1)?;
                }
            }
            _ => {
                parse_part(raw, 1)?;
            }
        }
    }
    let features: Vec<&RawValue> = serde_json::from_str(features?.get()).ok()?;
    Some(Parts { kind, meta, crs, features })
}

/// The name in a `crs` member (GeoJSON 2008: `{"type": "name", "properties": {"name": ...}}`)
/// when it is not longitude and latitude in WGS 84 (OGC's CRS84, or EPSG 4326, which GDAL writes
/// in longitude, latitude order too). RFC 7946 has no `crs`; one that says WGS 84 is harmless.
fn projected_crs(crs: &Value) -> Option<String> {
    let name = crs.pointer("/properties/name").and_then(Value::as_str)?.trim();
    let wgs84 = name.is_empty() || name.ends_with("CRS84") || name.ends_with(":4326");
    (!wgs84).then(|| clip(name))
}

/// The deepest nesting serde_json reads (its recursion limit): `[` 127 times is read, 128 is not.
const MAX_NESTING: usize = 127;

/// How many arrays and objects deep a value goes (0 for a number, a string, a bool or null).
fn nesting(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(nesting).max().unwrap_or(0),
        Value::Object(members) => 1 + members.values().map(nesting).max().unwrap_or(0),
        _ => 0,
    }
}

/// Parses one part of the file, found `outer` arrays and objects deep; `None` where reading the
/// whole file as one tree would fail (serde_json's nesting limit counts from the file's root).
fn parse_part(raw: &RawValue, outer: usize) -> Option<Value> {
    parse_text(raw.get(), outer)
}

/// `parse_part` for a part's text.
pub(super) fn parse_text(text: &str, outer: usize) -> Option<Value> {
    let value: Value = serde_json::from_str(text).ok()?;
    (outer + nesting(&value) <= MAX_NESTING).then_some(value)
}

/// Validates a FeatureCollection's members. `feature(i)` gives feature `i`, or `None` to give up
/// (the fast path met a part it cannot read); then the result is `Ok(None)`.
/// (`dyn`: one copy of this code for both paths, not one per closure type.)
fn validate_parts<'v>(
    kind: Option<&Value>,
    meta: Option<&Value>,
    crs: Option<&Value>,
    count: usize,
    feature: &mut dyn FnMut(usize) -> Option<Cow<'v, Value>>,
) -> Result<Option<Validated>, Problem> {
    let mut reader = Reader::begin(kind, meta, count)?;
    for index in 0..count {
        let Some(feature) = feature(index) else { return Ok(None) };
        reader.feature(index, &feature);
    }
    Ok(Some(reader.end(meta, crs)))
}

/// Reads a FeatureCollection's features one at a time, in file order, once its `type` and `meta`
/// are known: for a whole file (`validate_parts`) or as the file arrives (`super::stream`).
pub(super) struct Reader {
    city: City,
    problems: Vec<Problem>,
    ids: Ids,
    /// Looked up once per place and figure: a set, so a file of many places and sources stays fast.
    sources: HashSet<String>,
}

impl Reader {
    /// Checks the collection's type, the number of features (where known: 0 lets any through)
    /// and its meta; a problem that stops the whole file is `Err`.
    pub(super) fn begin(kind: Option<&Value>, meta: Option<&Value>, count: usize) -> Result<Reader, Problem> {
        if kind.and_then(Value::as_str) != Some("FeatureCollection") {
            return Err(fatal(Issue::NotFeatureCollection));
        }
        if count > MAX_FEATURES {
            return Err(fatal(Issue::TooManyFeatures { count, max: MAX_FEATURES }));
        }
        let mut problems = Vec::new();
        let mut city = City { version: FORMAT_VERSION, ..City::default() };
        super::fields::reset_suggestions();
        read_meta(meta, &mut city, &mut problems)?;
        let sources = city.sources.iter().map(|s| s.id.clone()).collect();
        city.places.reserve(count);
        Ok(Reader { city, problems, ids: Ids::default(), sources })
    }

    /// Reads feature `index`.
    pub(super) fn feature(&mut self, index: usize, feature: &Value) {
        let mut rec = Record::new(index, &mut self.problems);
        let read = match is_area(feature) {
            true => rec.area(feature, &self.sources).map(Read::Area),
            false => rec.place(feature, &self.sources).map(Read::Place),
        };
        let Some(read) = read else { return };
        let (id, kept) = match &read {
            Read::Place(p) => (&p.id, Kept::Place(self.city.places.len())),
            Read::Area(a) => (&a.id, Kept::Area(self.city.areas.len())),
        };
        let city = &self.city;
        let kept_id = |at| match at {
            Kept::Place(i) => city.places.get(i).map(|p| p.id.as_str()),
            Kept::Area(i) => city.areas.get(i).map(|a| a.id.as_str()),
        };
        if let Some(first) = self.ids.first_or_insert(id, index, kept, kept_id) {
            rec.error("properties.id", Issue::DuplicateId { first_index: first });
            return;
        }
        match read {
            Read::Place(p) => self.city.places.push(p),
            Read::Area(a) => self.city.areas.push(a),
        }
    }

    /// Reads the costs in `meta`, after the features (so their problems come last).
    pub(super) fn end(mut self, meta: Option<&Value>, crs: Option<&Value>) -> Validated {
        if let Some(costs) = meta.and_then(|m| m.get("costs")) {
            self.city.costs = read_costs(costs, &self.sources, &mut self.problems);
        }
        if let Some(name) = crs.and_then(projected_crs) {
            self.problems.insert(0, Problem { location: Where::File, field: "crs".into(), issue: Issue::ProjectedCrs { name }, severity: Severity::Warning });
        }
        // Without meta no source is known: the file's one line says how much that leaves out (each
        // record and figure is still named below it, so that nothing is left out without a word).
        if meta.is_none() {
            let count = |error: bool| {
                self.problems.iter().filter(|p| matches!(p.issue, Issue::UnknownSource { .. }) && (p.severity == Severity::Error) == error).count()
            };
            let (places, figures) = (count(true), count(false));
            if let Some(p) = self.problems.iter_mut().find(|p| matches!(p.issue, Issue::MetaMissing { .. })) {
                p.issue = Issue::MetaMissing { places, figures };
            }
        }
        // A file without a single place would publish an empty map: the very file a failed
        // export leaves (QGIS 3.22's "Save Features As…" writes no feature of this format).
        if self.city.places.is_empty() {
            self.problems.push(Problem { location: Where::File, field: "features".into(), issue: Issue::NoPlaces, severity: Severity::Error });
        }
        Validated { city: self.city, problems: self.problems }
    }
}

/// The ids read so far, for the check that each is read once. Each is found by its hash and
/// compared with the id kept in the city, so no id is copied: a copy of each was as many strings
/// to free at the end (100,000 in the bench's largest file, about 100 ms of a phone's time).
#[derive(Default)]
struct Ids {
    /// An id's hash: the index of the feature it came from, and where it is kept in the city.
    by_hash: HashMap<u64, (usize, Kept)>,
    /// Ids whose hash another id already has (by chance or by a crafted file): the index of the
    /// feature each came from.
    collided: HashMap<String, usize>,
}

#[derive(Clone, Copy)]
enum Kept {
    Place(usize),
    Area(usize),
}

impl Ids {
    /// The index of the feature that first had `id`; or `None`, and `id` is noted as read from
    /// feature `index` and about to be kept at `kept`. `kept_id` gives the id kept at a spot in
    /// the city (`None` for a spot not filled yet).
    fn first_or_insert<'c>(
        &mut self,
        id: &str,
        index: usize,
        kept: Kept,
        kept_id: impl FnOnce(Kept) -> Option<&'c str>,
    ) -> Option<usize> {
        use std::collections::hash_map::Entry;
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        let hash = BuildHasherDefault::<DefaultHasher>::default().hash_one(id);
        let (first, at) = match self.by_hash.entry(hash) {
            Entry::Vacant(slot) => {
                slot.insert((index, kept));
                return None;
            }
            Entry::Occupied(slot) => *slot.get(),
        };
        if kept_id(at) == Some(id) {
            return Some(first);
        }
        match self.collided.entry(id.to_owned()) {
            Entry::Occupied(slot) => Some(*slot.get()),
            Entry::Vacant(slot) => {
                slot.insert(index);
                None
            }
        }
    }
}

// One value per record, read and moved on at once: a Box would add an allocation per record.
#[allow(clippy::large_enum_variant)]
enum Read {
    Place(Place),
    Area(Area),
}

/// An area is a feature whose `properties.kind` is `"area"`.
fn is_area(feature: &Value) -> bool {
    feature.pointer("/properties/kind").and_then(Value::as_str).map(str::trim) == Some("area")
}

fn read_meta(meta: Option<&Value>, city: &mut City, problems: &mut Vec<Problem>) -> Result<(), Problem> {
    let file_problem = |field: &str, issue, severity| Problem {
        location: Where::File,
        field: field.to_owned(),
        issue,
        severity,
    };
    let Some(meta) = meta else {
        problems.push(file_problem("meta", Issue::MetaMissing { places: 0, figures: 0 }, Severity::Error));
        return Ok(());
    };
    let Some(meta) = meta.as_object() else {
        problems.push(file_problem("meta", Issue::WrongType { expected: Expected::Object }, Severity::Error));
        return Ok(());
    };
    match meta.get("version") {
        None => problems.push(file_problem("meta.version", Issue::Missing, Severity::Warning)),
        Some(v) => match v.as_u64() {
            Some(n) if n == u64::from(FORMAT_VERSION) => {}
            Some(n) if n > u64::from(FORMAT_VERSION) => {
                return Err(Problem {
                    field: "meta.version".into(),
                    ..fatal(Issue::UnsupportedVersion { found: n, supported: FORMAT_VERSION })
                });
            }
            // A number beyond u64, or a float above the supported version, is still a newer version.
            None if v.as_f64().is_some_and(|f| f > f64::from(FORMAT_VERSION)) => {
                return Err(Problem {
                    field: "meta.version".into(),
                    ..fatal(Issue::UnsupportedVersion { found: u64::MAX, supported: FORMAT_VERSION })
                });
            }
            Some(_) | None if v.is_number() => problems.push(file_problem(
                "meta.version",
                Issue::InvalidVersion { found: clip(&v.to_string()) },
                Severity::Warning,
            )),
            _ => problems.push(file_problem(
                "meta.version",
                Issue::WrongType { expected: Expected::Integer },
                Severity::Warning,
            )),
        },
    }
    match meta.get("updated") {
        Some(Value::String(s)) if is_full_date(s) => city.updated = s.clone(),
        Some(Value::String(s)) => problems.push(file_problem(
            "meta.updated",
            Issue::InvalidDate { found: clip(s) },
            Severity::Warning,
        )),
        Some(_) => problems.push(file_problem(
            "meta.updated",
            Issue::WrongType { expected: Expected::String },
            Severity::Warning,
        )),
        None => problems.push(file_problem("meta.updated", Issue::Missing, Severity::Warning)),
    }
    for key in meta.keys() {
        if !matches!(key.as_str(), "version" | "updated" | "sources" | "costs") {
            problems.push(file_problem(&format!("meta.{}", clip(key)), Issue::UnknownField, Severity::Warning));
        }
    }
    match meta.get("sources") {
        Some(Value::Object(sources)) => {
            for (id, value) in sources {
                if let Some(source) = read_source(id, value, problems) {
                    city.sources.push(source);
                }
            }
        }
        Some(_) => problems.push(file_problem(
            "meta.sources",
            Issue::WrongType { expected: Expected::Object },
            Severity::Error,
        )),
        None => problems.push(file_problem("meta.sources", Issue::Missing, Severity::Error)),
    }
    Ok(())
}

fn read_source(id: &str, value: &Value, problems: &mut Vec<Problem>) -> Option<Source> {
    let mut f = Fields { location: Where::Source(clip(id)), prefix: "", problems };
    if !is_slug(id) {
        f.error("", Issue::InvalidId);
        return None;
    }
    let Some(obj) = value.as_object() else {
        f.error("", Issue::WrongType { expected: Expected::Object });
        return None;
    };
    f.unknown_fields(obj, &["title", "url", "publisher", "license", "as_of"]);
    let title = f.required_text(obj, "title", MAX_NAME_CHARS)?;
    let url = f.optional_url(obj, "url");
    let publisher = f.optional_text(obj, "publisher", MAX_NAME_CHARS);
    let license = f.optional_string(obj, "license", MAX_NAME_CHARS);
    let as_of = f.optional_date(obj, "as_of");
    Some(Source { id: id.to_owned(), title, url, publisher, license, as_of })
}

/// What `Record::begin` found.
pub(super) struct Begun<'v> {
    pub(super) obj: &'v serde_json::Map<String, Value>,
    pub(super) props: &'v serde_json::Map<String, Value>,
    pub(super) id: Option<String>,
    pub(super) is_feature: bool,
}

/// Reads the fields of one record (a feature), reporting each problem against it.
pub(super) struct Record<'p> {
    pub(super) index: usize,
    pub(super) id: Option<String>,
    pub(super) problems: &'p mut Vec<Problem>,
}

impl<'p> Record<'p> {
    fn new(index: usize, problems: &'p mut Vec<Problem>) -> Self {
        Record { index, id: None, problems }
    }

    pub(super) fn fields(&mut self, prefix: &'static str) -> Fields<'_> {
        Fields {
            location: Where::Record { index: self.index, id: self.id.clone() },
            prefix,
            problems: self.problems,
        }
    }

    pub(super) fn error(&mut self, field: &str, issue: Issue) {
        self.fields("").error(field, issue);
    }

    /// The start of every record, place or area: the feature and its properties as objects, the
    /// id (read first, so that every later problem names the record by it) and whether the
    /// feature says it is a Feature. `None`, reported, when there are no properties to read.
    pub(super) fn begin<'v>(&mut self, feature: &'v Value) -> Option<Begun<'v>> {
        let Some(obj) = feature.as_object() else {
            self.error("", Issue::WrongType { expected: Expected::Object });
            return None;
        };
        let props = match obj.get("properties") {
            Some(Value::Object(p)) => p,
            Some(_) => {
                self.error("properties", Issue::WrongType { expected: Expected::Object });
                return None;
            }
            None => {
                self.error("properties", Issue::Missing);
                return None;
            }
        };
        let id = self.fields("properties.").required_string(props, "id", MAX_ID_CHARS);
        if let Some(id) = &id {
            self.id = Some(id.clone());
        }
        let is_feature = obj.get("type").and_then(Value::as_str) == Some("Feature");
        if !is_feature {
            self.error("type", Issue::NotAFeature);
        }
        Some(Begun { obj, props, id, is_feature })
    }

    fn place(&mut self, feature: &Value, sources: &HashSet<String>) -> Option<Place> {
        let Begun { obj, props, id, is_feature } = self.begin(feature)?;
        let location = self.point(obj.get("geometry"));

        let mut f = self.fields("properties.");
        f.unknown_fields(
            props,
            &[
                "id", "kind", "name", "description", "address", "url", "source",
                "location_precision", "location_basis", "facts",
            ],
        );
        if let Some(id) = &id {
            if !is_slug(id) {
                f.error("id", Issue::InvalidId);
            }
        }
        let kind = f.required_enum(props, "kind", |found| Issue::UnknownKind { found });
        let name = f.required_text(props, "name", MAX_NAME_CHARS);
        let description = f.optional_text(props, "description", MAX_TEXT_CHARS);
        let address = f.optional_text(props, "address", MAX_TEXT_CHARS);
        let url = f.optional_url(props, "url");
        let source = f.required_source(props, sources);
        let precision = f.optional_enum(props, "location_precision", |found| Issue::UnknownPrecision { found });
        let location_basis = f.optional_text(props, "location_basis", MAX_TEXT_CHARS);
        let facts = match props.get("facts") {
            None | Some(Value::Null) => Facts::default(),
            Some(Value::Object(facts)) => {
                let place_source = source.as_deref().unwrap_or("");
                self.fields("properties.facts.").facts(facts, sources, place_source)
            }
            Some(found) => {
                // Named as JSON in text where a tool saved it so: QGIS and table editors do.
                self.fields("properties.").warn("facts", super::problem::not_an_object(found, Expected::Object));
                Facts::default()
            }
        };
        let (id, kind, name, source, location) = (id?, kind?, name?, source?, location?);
        if !is_slug(&id) || !is_feature {
            return None;
        }
        Some(Place {
            id,
            kind,
            name,
            description,
            address,
            url,
            source,
            location,
            precision,
            location_basis,
            facts,
        })
    }

    pub(super) fn point(&mut self, geometry: Option<&Value>) -> Option<LatLng> {
        let geometry = match geometry {
            None | Some(Value::Null) => {
                self.error("geometry", Issue::Missing);
                return None;
            }
            Some(Value::Object(g)) => g,
            Some(_) => {
                self.error("geometry", Issue::WrongType { expected: Expected::Object });
                return None;
            }
        };
        match geometry.get("type") {
            Some(Value::String(t)) if t == "Point" => {}
            Some(Value::String(other)) => {
                self.error("geometry.type", Issue::UnsupportedGeometry { found: clip(other) });
                return None;
            }
            None | Some(Value::Null) => {
                self.error("geometry.type", Issue::Missing);
                return None;
            }
            Some(_) => {
                self.error("geometry.type", Issue::WrongType { expected: Expected::String });
                return None;
            }
        }
        let coords = match geometry.get("coordinates") {
            Some(Value::Array(c)) if (2..=3).contains(&c.len()) => c,
            Some(_) => {
                self.error("geometry.coordinates", Issue::WrongType { expected: Expected::Coordinates });
                return None;
            }
            None => {
                self.error("geometry.coordinates", Issue::Missing);
                return None;
            }
        };
        let (Some(lng), Some(lat)) = (coords[0].as_f64(), coords[1].as_f64()) else {
            self.error("geometry.coordinates", super::problem::not_numbers(&[&coords[0], &coords[1]], Expected::Coordinates));
            return None;
        };
        match check_position(lat, lng) {
            None => {
                let at = LatLng { lat, lng };
                // In Japan but not in Nagaoka: a slipped digit (37.45 typed 36.45) or a place of a
                // neighbouring town. Kept, as it may be meant, and named, as it most often is not.
                if !super::geo::NEAR_NAGAOKA.contains(at) {
                    self.fields("").warn("geometry.coordinates", Issue::OutsideNagaoka);
                }
                Some(at)
            }
            Some(issue) => {
                self.error("geometry.coordinates", issue);
                None
            }
        }
    }
}

/// `None` when the position is fine; otherwise what is wrong with it.
pub(super) fn check_position(lat: f64, lng: f64) -> Option<Issue> {
    let in_japan = |lat: f64, lng: f64| (20.0..=46.5).contains(&lat) && (122.0..=154.0).contains(&lng);
    if !lat.is_finite() || !lng.is_finite() {
        Some(Issue::NotFinite)
    } else if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lng) {
        Some(if in_japan(lng, lat) { Issue::LooksSwapped } else { Issue::OutOfRange })
    } else if in_japan(lat, lng) {
        None
    } else if in_japan(lng, lat) {
        Some(Issue::LooksSwapped)
    } else {
        Some(Issue::OutsideJapan)
    }
}

#[cfg(test)]
mod tests {
    use super::{Ids, Kept};
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};

    /// Two different ids with one hash are both read, and a repeat of either is still found. A
    /// real collision of 64-bit hashes cannot be written down, so one is made: the hash of "b"
    /// is noted as if it were the hash of "a".
    #[test]
    fn ids_with_the_same_hash_are_told_apart() {
        let places = ["a", "b"];
        let areas = ["c"];
        let kept_id = |at| match at {
            Kept::Place(i) => places.get(i).copied(),
            Kept::Area(i) => areas.get(i).copied(),
        };
        let mut ids = Ids::default();
        let hash_b = BuildHasherDefault::<DefaultHasher>::default().hash_one("b");
        ids.by_hash.insert(hash_b, (0, Kept::Place(0)));
        assert_eq!(ids.first_or_insert("b", 1, Kept::Place(1), kept_id), None, "b is new: its hash was a's");
        assert_eq!(ids.first_or_insert("b", 2, Kept::Place(2), kept_id), Some(1), "b again");
        assert_eq!(ids.first_or_insert("c", 3, Kept::Area(0), kept_id), None, "c is new");
        assert_eq!(ids.first_or_insert("c", 4, Kept::Place(2), kept_id), Some(3), "c again");
    }
}
