//! The validator on good, broken and hostile files: every problem is named, every good record kept.

use nagaoka_map::domain::decode::{PublishedFile, PublishedProperties};
use nagaoka_map::domain::model::{LocationPrecision, PlaceKind};
use nagaoka_map::domain::problem::Expected;
use nagaoka_map::domain::{validate_bytes, validate_str, Issue, Lang, Problem, Severity, Validated, Where};
use nagaoka_map::i18n::describe_problem;
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).expect("fixture exists")
}

fn ok(text: &str) -> Validated {
    match validate_str(text) {
        Ok(v) => v,
        Err(p) => panic!("file-level problem: {}", describe_problem(&p, Lang::En)),
    }
}

/// A one-source file around the given features.
fn file_with(features: Vec<Value>) -> String {
    json!({
        "type": "FeatureCollection",
        "meta": {"version": 1, "updated": "2026-11-25", "sources": {"s": {"title": {"ja": "出典", "en": "Source"}}}},
        "features": features,
    })
    .to_string()
}

fn place(id: &str) -> Value {
    json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [138.85, 37.45]},
        "properties": {"id": id, "kind": "office", "name": {"ja": "事務所", "en": "Office"}, "source": "s"}
    })
}

fn with(mut feature: Value, pointer: &str, value: Value) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("pointer has a parent");
    let target = feature.pointer_mut(parent).and_then(Value::as_object_mut).expect("parent is an object");
    if value.is_null() {
        target.remove(key);
    } else {
        target.insert(key.to_owned(), value);
    }
    feature
}

/// Validates one modified place beside a good one; returns the problems of the modified one.
fn problems_of(feature: Value) -> (Vec<Problem>, usize) {
    let v = ok(&file_with(vec![place("good"), feature]));
    assert!(v.city.place("good").is_some(), "the good record always stays");
    let mine = v.problems.into_iter().filter(|p| matches!(p.location, Where::Record { index: 1, .. })).collect();
    (mine, v.city.places.len())
}

fn single(feature: Value) -> (Problem, usize) {
    let (mut problems, kept) = problems_of(feature);
    assert_eq!(problems.len(), 1, "exactly one problem: {problems:?}");
    (problems.remove(0), kept)
}

#[test]
fn a_valid_file_has_every_place_and_no_problem() {
    let v = ok(&fixture("valid-3.geojson"));
    assert!(v.problems.is_empty(), "{:?}", v.problems);
    assert_eq!(v.city.places.len(), 3);
    assert_eq!(v.city.sources.len(), 1);
    let station = v.city.place("test-station").expect("station");
    assert_eq!(station.kind, PlaceKind::Station);
    assert_eq!(station.precision, Some(LocationPrecision::Building));
    assert_eq!(station.url.as_deref(), Some("https://example.org/station"));
    assert!((station.location.lat - 37.44968).abs() < 1e-9 && (station.location.lng - 138.85472).abs() < 1e-9);
    let uni = v.city.place("test-university").expect("university");
    let students = uni.facts.students.as_ref().expect("students");
    assert_eq!((students.value, students.as_of.as_str(), students.source.as_str()), (2391, "2014", "test-source"));
    assert_eq!(uni.facts.founded.as_ref().map(|f| f.value), Some(1976));
}

#[test]
fn two_invalid_records_are_named_and_the_others_kept() {
    let v = ok(&fixture("invalid-2.geojson"));
    let ids: Vec<_> = v.city.places.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["test-station", "test-university"]);
    assert_eq!(v.problems.len(), 2, "{:?}", v.problems);
    let p0 = &v.problems[0];
    assert_eq!(p0.location, Where::Record { index: 1, id: Some("bad-kind".into()) });
    assert_eq!(p0.field, "properties.kind");
    assert_eq!(p0.issue, Issue::UnknownKind { found: "castle".into() });
    assert_eq!(p0.severity, Severity::Error);
    let p1 = &v.problems[1];
    assert_eq!(p1.location, Where::Record { index: 3, id: Some("bad-coords".into()) });
    assert_eq!((p1.field.as_str(), &p1.issue), ("geometry.coordinates", &Issue::LooksSwapped));
    let en = describe_problem(p0, Lang::En);
    assert!(en.contains("features[1]") && en.contains("bad-kind") && en.contains("properties.kind") && en.contains("castle"), "{en}");
    let ja = describe_problem(p1, Lang::Ja);
    assert!(ja.contains("features[3]") && ja.contains("bad-coords") && ja.contains("経度"), "{ja}");
}

#[test]
fn a_broken_file_says_where_it_breaks() {
    let err = validate_str(&fixture("malformed.geojson")).expect_err("not JSON");
    assert!(matches!(err.issue, Issue::NotJson { line: 2, .. }), "{err:?}");
    assert_eq!(err.severity, Severity::Fatal);
    assert!(describe_problem(&err, Lang::En).contains("line 2"));
    assert!(describe_problem(&err, Lang::Ja).contains("2行"));
}

#[test]
fn a_future_format_version_is_refused_with_the_version() {
    let err = validate_str(&fixture("future-version.geojson")).expect_err("newer version");
    assert_eq!(err.issue, Issue::UnsupportedVersion { found: 2, supported: 1 });
    assert!(describe_problem(&err, Lang::En).contains("version 2"));
}

#[test]
fn markup_is_kept_as_text_and_script_links_are_dropped() {
    let v = ok(&fixture("hostile-markup.geojson"));
    let p = v.city.place("hostile-markup").expect("kept");
    assert_eq!(p.name.get(Lang::En), "<script>alert('x')</script>Office");
    assert_eq!(p.url, None);
    assert_eq!(v.problems.len(), 1);
    assert_eq!(v.problems[0].issue, Issue::NotHttps { found: "javascript:alert(1)".into() });
    assert_eq!(v.problems[0].severity, Severity::Warning);
}

#[test]
fn a_missing_translation_falls_back_to_the_other_language() {
    let v = ok(&fixture("one-language.geojson"));
    assert_eq!(v.city.places.len(), 2);
    let en_only = v.city.place("english-only").expect("kept");
    let picked = en_only.name.pick(Lang::Ja);
    assert_eq!((picked.text, picked.lang, picked.is_fallback), ("English Only Office", Lang::En, true));
    let ja_only = v.city.place("japanese-only").expect("kept");
    let picked = ja_only.name.pick(Lang::En);
    assert_eq!((picked.text, picked.lang, picked.is_fallback), ("日本語だけの事務所", Lang::Ja, true));
    assert!(!ja_only.name.pick(Lang::Ja).is_fallback);
    let fields: Vec<_> = v.problems.iter().map(|p| (p.field.as_str(), p.severity)).collect();
    assert_eq!(fields, [("properties.name.ja", Severity::Warning), ("properties.name.en", Severity::Warning)]);
}

#[test]
fn each_kind_of_record_error_is_caught() {
    let cases: Vec<(Value, &str, Issue)> = vec![
        (with(place("x"), "/properties/id", Value::Null), "properties.id", Issue::Missing),
        (with(place("x"), "/properties/id", json!("Not A Slug")), "properties.id", Issue::InvalidId),
        (with(place("x"), "/properties/id", json!(7)), "properties.id", Issue::WrongType { expected: Expected::String }),
        (with(place("x"), "/properties/kind", Value::Null), "properties.kind", Issue::Missing),
        (with(place("x"), "/properties/name", Value::Null), "properties.name", Issue::Missing),
        (with(place("x"), "/properties/name", json!("plain")), "properties.name", Issue::WrongType { expected: Expected::Text }),
        (with(place("x"), "/properties/name", json!({})), "properties.name", Issue::Empty),
        (with(place("x"), "/properties/name", json!({"en": "x".repeat(201)})), "properties.name.en", Issue::TooLong { chars: 201, max: 200 }),
        (with(place("x"), "/properties/name", json!({"ja": " "})), "properties.name.ja", Issue::Empty),
        (with(place("x"), "/properties/source", json!("nowhere")), "properties.source", Issue::UnknownSource { found: "nowhere".into(), nearest: None }),
        (with(place("x"), "/properties/source", Value::Null), "properties.source", Issue::Missing),
        (with(place("x"), "/geometry", Value::Null), "geometry", Issue::Missing),
        (with(place("x"), "/geometry/type", json!("Polygon")), "geometry.type", Issue::UnsupportedGeometry { found: "Polygon".into() }),
        (with(place("x"), "/geometry/coordinates", json!([138.85])), "geometry.coordinates", Issue::WrongType { expected: Expected::Coordinates }),
        (with(place("x"), "/geometry/coordinates", json!(["138.85", 37.45])), "geometry.coordinates", Issue::WrongType { expected: Expected::Coordinates }),
        (with(place("x"), "/geometry/coordinates", json!([138.85, 137.45])), "geometry.coordinates", Issue::OutOfRange),
        (with(place("x"), "/geometry/coordinates", json!([-0.12, 51.5])), "geometry.coordinates", Issue::OutsideJapan),
        (with(place("x"), "/geometry/coordinates", json!([37.45, 138.85])), "geometry.coordinates", Issue::LooksSwapped),
        (with(place("x"), "/properties", json!([])), "properties", Issue::WrongType { expected: Expected::Object }),
    ];
    for (feature, field, issue) in cases {
        let (problem, kept) = single(feature);
        assert_eq!((problem.field.as_str(), &problem.issue), (field, &issue));
        assert_eq!(problem.severity, Severity::Error, "{field}");
        assert_eq!(kept, 1, "the bad record is left out: {field}");
    }
}

#[test]
fn field_level_problems_keep_the_record() {
    let cases: Vec<(Value, &str, Issue)> = vec![
        (with(place("x"), "/properties/url", json!("http://example.org")), "properties.url", Issue::NotHttps { found: "http://example.org".into() }),
        (with(place("x"), "/properties/url", json!("data:text/html,<b>x</b>")), "properties.url", Issue::NotHttps { found: "data:text/html,<b>x</b>".into() }),
        (with(place("x"), "/properties/name/en", json!("x".repeat(201))), "properties.name.en", Issue::TooLong { chars: 201, max: 200 }),
        (with(place("x"), "/properties/color", json!("red")), "properties.color", Issue::UnknownField),
        (with(place("x"), "/properties/location_precision", json!("perfect")), "properties.location_precision", Issue::UnknownPrecision { found: "perfect".into() }),
        (with(place("x"), "/properties/description", json!({"ja": "x".repeat(4001)})), "properties.description.ja", Issue::TooLong { chars: 4001, max: 4000 }),
        (with(place("x"), "/properties/facts", json!({"students": {"value": -3, "as_of": "2020"}})), "properties.facts.students.value", Issue::NegativeOrTooLarge),
        (with(place("x"), "/properties/facts", json!({"students": {"value": 10}})), "properties.facts.students.as_of", Issue::Missing),
        (with(place("x"), "/properties/facts", json!({"founded": {"value": 1976, "as_of": "sometime"}})), "properties.facts.founded.as_of", Issue::InvalidDate { found: "sometime".into() }),
        (with(place("x"), "/properties/facts", json!({"opened": {"value": 2023, "as_of": "2023"}})), "properties.facts.opened.value", Issue::WrongType { expected: Expected::String }),
        (with(place("x"), "/properties/facts", json!({"students": {"value": 1, "as_of": "2020", "source": "nope"}})), "properties.facts.students.source", Issue::UnknownSource { found: "nope".into(), nearest: None }),
        (with(place("x"), "/properties/facts", json!({"staff": {"value": 1, "as_of": "2020"}})), "properties.facts.staff", Issue::UnknownField),
    ];
    for (feature, field, issue) in cases {
        let (problem, kept) = single(feature);
        assert_eq!((problem.field.as_str(), &problem.issue), (field, &issue));
        assert_eq!(problem.severity, Severity::Warning, "{field}");
        assert_eq!(kept, 2, "the record stays: {field}");
    }
}

#[test]
fn a_duplicate_id_names_the_first_and_keeps_it() {
    let v = ok(&file_with(vec![place("same"), place("other"), place("same")]));
    assert_eq!(v.city.places.len(), 2);
    assert_eq!(v.problems.len(), 1);
    assert_eq!(v.problems[0].location, Where::Record { index: 2, id: Some("same".into()) });
    assert_eq!(v.problems[0].issue, Issue::DuplicateId { first_index: 0 });
}

#[test]
fn every_problem_of_a_record_is_reported_not_just_the_first() {
    let bad = with(with(with(place("x"), "/properties/kind", json!("castle")), "/properties/source", json!("nope")), "/geometry", Value::Null);
    let (problems, kept) = problems_of(bad);
    let fields: Vec<_> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["geometry", "properties.kind", "properties.source"]);
    assert!(problems.iter().all(|p| p.location == Where::Record { index: 1, id: Some("x".into()) }));
    assert_eq!(kept, 1);
}

#[test]
fn file_level_problems() {
    let not_fc = validate_str(r#"{"type": "Feature"}"#).expect_err("not a collection");
    assert_eq!(not_fc.issue, Issue::NotFeatureCollection);
    let array = validate_str("[]").expect_err("not an object");
    assert_eq!(array.issue, Issue::NotFeatureCollection);
    let bad_utf8 = validate_bytes(b"{\"type\": \"Feature\xff\"}").expect_err("not UTF-8");
    assert_eq!(bad_utf8.issue, Issue::NotUtf8 { byte_offset: 17, line: 1 });
    // Where an editor goes: the line, and how to save the file.
    let later = validate_bytes(b"{\n\n  \"type\": \"\x83\x41\"}").expect_err("Shift_JIS");
    assert_eq!(later.issue, Issue::NotUtf8 { byte_offset: 14, line: 3 });
    assert!(describe_problem(&later, Lang::Ja).contains("3行目") && describe_problem(&later, Lang::Ja).contains("UTF-8 にして保存"));
    assert!(describe_problem(&later, Lang::En).contains("line 3") && describe_problem(&later, Lang::En).contains("save it as UTF-8"));
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(matches!(validate_str(&deep).expect_err("too deep").issue, Issue::NotJson { .. }));
    let bom = ok(&format!("\u{feff}{}", file_with(vec![place("a")])));
    assert_eq!(bom.city.places.len(), 1);
    assert_eq!(bom.problems[0].issue, Issue::ByteOrderMark);
    let no_meta = ok(r#"{"type": "FeatureCollection", "features": []}"#);
    assert_eq!((no_meta.problems[0].field.as_str(), &no_meta.problems[0].issue), ("meta", &Issue::MetaMissing { places: 0, figures: 0 }));
    // A file without a place would publish an empty map.
    assert_eq!((no_meta.problems[1].field.as_str(), &no_meta.problems[1].issue, no_meta.problems[1].severity), ("features", &Issue::NoPlaces, Severity::Error));
    // The message tells the editor which tools drop it and what to do, in both languages.
    assert!(describe_problem(&no_meta.problems[0], Lang::En).contains("paste the meta block back"));
    assert!(describe_problem(&no_meta.problems[0], Lang::Ja).contains("meta ブロックをコピーして貼り付けて"));
}

#[test]
fn nested_members_saved_as_text_are_named_as_such() {
    // QGIS writes nested members as text holding JSON; a plain word stays a wrong type.
    let name_as_text = with(place("a"), "/properties/name", json!(r#"{"ja":"事務所","en":"Office"}"#));
    let figure_as_text = with(place("b"), "/properties/facts", json!({"founded": r#" {"value": 1976, "source": "s"}"#}));
    let plain = with(place("c"), "/properties/name", json!("Office"));
    let v = ok(&file_with(vec![name_as_text, figure_as_text, plain]));
    let issue_of = |index: usize, field: &str| {
        v.problems
            .iter()
            .find(|p| p.location == Where::Record { index, id: Some(["a", "b", "c"][index].to_owned()) } && p.field == field)
            .map(|p| p.issue.clone())
    };
    assert_eq!(issue_of(0, "properties.name"), Some(Issue::JsonInText { expected: Expected::Text }));
    assert_eq!(issue_of(1, "properties.facts.founded"), Some(Issue::JsonInText { expected: Expected::Object }));
    assert_eq!(issue_of(2, "properties.name"), Some(Issue::WrongType { expected: Expected::Text }));
    let named = v.problems.iter().find(|p| p.issue == Issue::JsonInText { expected: Expected::Text }).expect("named");
    assert!(describe_problem(named, Lang::En).contains("without the quotes around it"));
    assert!(describe_problem(named, Lang::Ja).contains("前後の引用符を外し"));
    // The place whose name is text is left out; the one with a broken figure stays, without it.
    assert_eq!(v.city.places.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), vec!["b"]);
    // The whole `facts` member of a place saved as text is named the same way.
    let facts_as_text = with(place("d"), "/properties/facts", json!(r#"{"founded": {"value": 1976, "source": "s"}}"#));
    let v = ok(&file_with(vec![facts_as_text]));
    assert_eq!(v.problems.iter().map(|p| (p.field.as_str(), p.issue.clone())).collect::<Vec<_>>(), vec![("properties.facts", Issue::JsonInText { expected: Expected::Object })]);
}

#[test]
fn members_exported_as_a_table_shows_them_are_named_as_such() {
    // An export of "displayed values" writes an object as the attribute table shows it: the
    // values inside are gone, and the message says where to take them from.
    let name = with(place("a"), "/properties/name", json!("en: Nagaoka Station, ja: 長岡駅"));
    let facts = with(place("b"), "/properties/facts", json!("students: "));
    let figure = with(place("c"), "/properties/facts", json!({"founded": "value: 1976, as_of: 2020"}));
    let word = with(place("d"), "/properties/name", json!("Station: the old one"));
    let v = ok(&file_with(vec![name, facts, figure, word]));
    let issue_of = |index: usize, field: &str| {
        v.problems
            .iter()
            .find(|p| p.location == Where::Record { index, id: Some(["a", "b", "c", "d"][index].to_owned()) } && p.field == field)
            .map(|p| p.issue.clone())
    };
    assert_eq!(issue_of(0, "properties.name"), Some(Issue::DisplayedText { expected: Expected::Text }));
    assert_eq!(issue_of(1, "properties.facts"), Some(Issue::DisplayedText { expected: Expected::Object }));
    assert_eq!(issue_of(2, "properties.facts.founded"), Some(Issue::DisplayedText { expected: Expected::Object }));
    // A name that only has a colon in it is no table's display.
    assert_eq!(issue_of(3, "properties.name"), Some(Issue::WrongType { expected: Expected::Text }));
    let named = v.problems.iter().find(|p| p.issue == Issue::DisplayedText { expected: Expected::Text }).expect("named");
    assert!(describe_problem(named, Lang::En).contains("take this member from the previous version"), "{}", describe_problem(named, Lang::En));
    assert!(describe_problem(named, Lang::Ja).contains("以前の版のファイルからこの項目をコピーして戻して"));
}

#[test]
fn a_bad_source_is_named_and_its_places_left_out() {
    let text = json!({
        "type": "FeatureCollection",
        "meta": {"version": 1, "updated": "2026-11-25", "sources": {
            "s": {"title": {"en": "Source"}, "url": "javascript:alert(1)"},
            "Bad Id": {"title": {"en": "x"}},
            "t": {"publisher": {"en": "no title"}}
        }},
        "features": [place("a"), with(place("b"), "/properties/source", json!("t"))],
    })
    .to_string();
    let v = ok(&text);
    assert_eq!(v.city.sources.len(), 1);
    assert_eq!(v.city.sources[0].url, None);
    assert_eq!(v.city.places.len(), 1);
    let issues: Vec<_> = v.problems.iter().map(|p| (&p.location, p.field.as_str(), &p.issue)).collect();
    assert!(issues.contains(&(&Where::Source("Bad Id".into()), "", &Issue::InvalidId)), "{issues:?}");
    assert!(issues.contains(&(&Where::Source("t".into()), "title", &Issue::Missing)), "{issues:?}");
    assert!(issues.iter().any(|(_, f, i)| *f == "url" && matches!(i, Issue::NotHttps { .. })), "{issues:?}");
}

#[test]
fn the_shipped_data_is_valid_strictly_and_bilingual() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/nagaoka.geojson")).expect("data file");
    let v = ok(&text);
    let messages: Vec<_> = v.problems.iter().map(|p| describe_problem(p, Lang::En)).collect();
    assert!(messages.is_empty(), "{messages:#?}");
    assert!(v.city.places.len() >= 20, "the city has its places");
    for p in &v.city.places {
        assert!(p.name.ja.is_some() && p.name.en.is_some(), "{} has both names", p.id);
    }
    // The old city and the ten former municipalities, each named in both languages.
    assert_eq!(v.city.areas.len(), 11);
    for a in &v.city.areas {
        assert!(a.name.ja.is_some() && a.name.en.is_some(), "{} has both names", a.id);
    }
    let strict: PublishedFile = serde_json::from_str(&text).expect("the published types decode the file strictly");
    assert_eq!(strict.features.len(), v.city.places.len() + v.city.areas.len());
    let areas = strict.features.iter().filter(|f| matches!(f.properties, PublishedProperties::Area(_))).count();
    assert_eq!(areas, v.city.areas.len(), "areas decode as areas, not as places");
}

#[test]
fn the_published_schema_is_generated_from_the_types() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/nagaoka.schema.json")).expect("schema file");
    let generated = nagaoka_map::domain::schema::schema_json();
    assert_eq!(committed.trim_end(), generated.trim_end(), "run `cargo run --bin schema > data/nagaoka.schema.json`");
}

#[test]
fn a_hand_editors_json_mistake_is_named_with_its_likely_cause_in_both_languages() {
    let good = file_with(vec![place("a")]);
    // A comma after the last member of `name`, as a hand edit leaves it.
    let trailing = good.replacen(r#""en":"Office""#, r#""en":"Office","#, 1);
    assert_ne!(trailing, good, "the fixture was changed");
    let p = validate_str(&trailing).expect_err("not JSON");
    assert!(describe_problem(&p, Lang::En).contains("a comma stands just before a closing }"), "{}", describe_problem(&p, Lang::En));
    assert!(describe_problem(&p, Lang::Ja).contains("余分なカンマ"), "{}", describe_problem(&p, Lang::Ja));
    // A full-width colon, as a Japanese input method types it.
    let colon = good.replacen(r#""kind":"office""#, "\"kind\"：\"office\"", 1);
    let p = validate_str(&colon).expect_err("not JSON");
    assert!(describe_problem(&p, Lang::En).contains("full-width ："), "{}", describe_problem(&p, Lang::En));
    // An empty file: columns are 1-based, never 0.
    let p = validate_str("").expect_err("empty");
    assert!(matches!(p.issue, Issue::NotJson { line: 1, column: 1, .. }), "{:?}", p.issue);
    assert!(describe_problem(&p, Lang::En).contains("the file ends too early"));
}

#[test]
fn a_date_with_slashes_says_how_to_write_it_and_that_the_figure_is_not_shown() {
    let opened = json!({"opened": {"value": "2023-07-22", "as_of": "2025/10/27", "source": "s"}});
    let v = ok(&file_with(vec![with(place("a"), "/properties/facts", opened)]));
    let p = v.problems.iter().find(|p| p.field.ends_with("opened.as_of")).expect("the date is named");
    assert_eq!(p.issue, Issue::InvalidDate { found: "2025/10/27".into() });
    let en = describe_problem(p, Lang::En);
    assert!(en.contains("write it as 2025-10-27") && en.ends_with("The figure is not shown."), "{en}");
    let ja = describe_problem(p, Lang::Ja);
    assert!(ja.contains("2025-10-27 と書いてください") && ja.ends_with("この数値は表示しません。"), "{ja}");
    assert!(v.city.places[0].facts.opened.is_none(), "and it is not shown");
    // A field of its own, not part of a figure, is still "ignored".
    let url = ok(&file_with(vec![with(place("b"), "/properties/url", json!("http://example.org/"))]));
    assert!(describe_problem(&url.problems[0], Lang::En).ends_with("It is ignored."), "{}", describe_problem(&url.problems[0], Lang::En));
}

#[test]
fn numbers_saved_as_text_are_named_so_the_quotes_can_go() {
    let coords = with(place("a"), "/geometry/coordinates", json!(["138.848863", "37.448397"]));
    let students = with(place("b"), "/properties/kind", json!("university"));
    let students = with(students, "/properties/facts", json!({"students": {"value": "1200", "as_of": "2025", "source": "s"}}));
    let v = ok(&file_with(vec![coords, students, place("c")]));
    let issue = |field: &str| v.problems.iter().find(|p| p.field == field).map(|p| p.issue.clone());
    assert_eq!(issue("geometry.coordinates"), Some(Issue::JsonInText { expected: Expected::Coordinates }));
    assert_eq!(issue("properties.facts.students.value"), Some(Issue::JsonInText { expected: Expected::Integer }));
    let said = describe_problem(v.problems.iter().find(|p| p.field == "properties.facts.students.value").expect("named"), Lang::En);
    assert!(said.contains("without the quotes around it"), "{said}");
    // Words are still the wrong type, not numbers in quotes.
    let words = ok(&file_with(vec![with(place("d"), "/geometry/coordinates", json!(["east", "north"]))]));
    assert_eq!(words.problems[0].issue, Issue::WrongType { expected: Expected::Coordinates });
}

#[test]
fn alike_problems_of_many_records_are_one_line_naming_the_first_few() {
    use nagaoka_map::domain::problem::group_problems;
    use nagaoka_map::i18n::describe_group;
    // A tool that adds `fid` to every record, and one record with a real mistake among them.
    let mut features: Vec<Value> = (0..8).map(|i| with(place(&format!("p{i}")), "/properties/fid", json!(i))).collect();
    features[4] = with(features[4].clone(), "/properties/kind", json!("shop"));
    let v = ok(&file_with(features));
    assert_eq!(v.problems.len(), 9, "each record's fid and the bad kind: {:?}", v.problems);
    let groups = group_problems(&v.problems);
    assert_eq!(groups.len(), 2, "the fids are one group, the kind alone");
    let fid = groups.iter().find(|g| g.places.len() > 1).expect("a group of fids");
    assert_eq!(fid.places.len(), 8);
    let en = describe_group(fid, Lang::En);
    assert!(en.starts_with("8 places, field properties.fid: is not a field of format version 1. It is ignored in each."), "{en}");
    assert!(en.contains("features[0] (id “p0”); features[1] (id “p1”)"), "{en}");
    assert!(en.ends_with(", and 3 more)"), "{en}");
    assert!(!en.contains("p7"), "only the first five are named: {en}");
    let ja = describe_group(fid, Lang::Ja);
    assert!(ja.starts_with("8件の場所の properties.fid は形式バージョン1の項目ではありません（対象：features[0]"), "{ja}");
    assert!(ja.ends_with("ほか3件）。どの場所でもこの項目は無視します。"), "{ja}");
    // A group of one is the problem's own sentence.
    let alone = groups.iter().find(|g| g.places.len() == 1).expect("the kind");
    assert_eq!(describe_group(alone, Lang::En), describe_problem(alone.first, Lang::En));
}

/// A slipped digit (37.45 typed 36.45) puts a place in Japan but far from Nagaoka: the editor is
/// told, in both languages, and the place is kept, as a place of a neighbouring town may be meant.
/// A place on the city's edge is not named.
#[test]
fn a_place_outside_nagaoka_is_kept_with_a_warning() {
    let v = ok(&file_with(vec![
        place("in-town"),
        with(place("slipped"), "/geometry/coordinates", json!([138.85, 36.45])),
        with(place("tokyo"), "/geometry/coordinates", json!([139.767, 35.681])),
        // The outline's own south-west and north-east corners.
        with(place("edge-sw"), "/geometry/coordinates", json!([138.644, 37.17648])),
        with(place("edge-ne"), "/geometry/coordinates", json!([139.12407, 37.71023])),
    ]));
    let ids: Vec<_> = v.city.places.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["in-town", "slipped", "tokyo", "edge-sw", "edge-ne"]);
    let named: Vec<_> = v
        .problems
        .iter()
        .map(|p| match &p.location {
            Where::Record { id: Some(id), .. } => (id.as_str(), p.field.as_str(), p.issue.clone(), p.severity),
            other => panic!("unexpected problem at {other:?}"),
        })
        .collect();
    assert_eq!(
        named,
        [
            ("slipped", "geometry.coordinates", Issue::OutsideNagaoka, Severity::Warning),
            ("tokyo", "geometry.coordinates", Issue::OutsideNagaoka, Severity::Warning),
        ]
    );
    let en = describe_problem(&v.problems[0], Lang::En);
    assert!(en.contains("slipped") && en.contains("outside Nagaoka"), "{en}");
    // It is kept, and the message says so: "It is ignored" said the opposite of what happens.
    assert!(en.ends_with("The place is shown where the numbers put it."), "{en}");
    let ja = describe_problem(&v.problems[0], Lang::Ja);
    assert!(ja.contains("slipped") && ja.contains("長岡市の範囲"), "{ja}");
    assert!(ja.ends_with("入力された位置のまま地図に表示します。") && !ja.contains("無視"), "{ja}");
}

#[test]
fn every_column_on_every_record_with_null_where_empty_is_the_same_file() {
    // QGIS and GDAL write each column on every record, `null` where the record has none: an area
    // gets a place's `url` and `facts`, a place an area's `figures`. Null holds nothing, so the
    // file means what it meant.
    let shipped: Value = serde_json::from_str(&std::fs::read_to_string(format!(
        "{}/data/nagaoka.geojson",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("the data file"))
    .expect("JSON");
    let before = ok(&shipped.to_string());
    let mut gis = shipped.clone();
    let features = gis["features"].as_array_mut().expect("features");
    let columns: std::collections::BTreeSet<String> =
        features.iter().flat_map(|f| f["properties"].as_object().expect("properties").keys().cloned()).collect();
    assert!(columns.contains("figures") && columns.contains("url"), "areas and places have columns of their own");
    let mut filled = 0;
    for f in features.iter_mut() {
        let props = f["properties"].as_object_mut().expect("properties");
        for c in &columns {
            if !props.contains_key(c) {
                props.insert(c.clone(), Value::Null);
                filled += 1;
            }
        }
    }
    assert!(filled > 50, "many empty cells: {filled}");
    let after = ok(&gis.to_string());
    assert_eq!(after.problems, before.problems);
    assert_eq!(after.city.places.len(), before.city.places.len());
    // A real value under a name the format does not have is still named.
    features_mut(&mut gis)[0]["properties"]["colour"] = json!("red");
    let named = ok(&gis.to_string());
    assert_eq!(named.problems.len(), before.problems.len() + 1);
    assert_eq!(named.problems.last().map(|p| p.issue.clone()), Some(Issue::UnknownField));
}

fn features_mut(file: &mut Value) -> &mut Vec<Value> {
    file["features"].as_array_mut().expect("features")
}

#[test]
fn a_json_mistake_on_a_line_of_japanese_is_named_at_its_character_column() {
    // An editor's "go to line and column" counts characters: the same mistake after three kanji
    // and after three letters is at the same column.
    let line = |name: &str| {
        format!("{{\"type\": \"FeatureCollection\",\n  \"note\": {{\"ja\": \"{name}\"\", \"en\": \"x\"}},\n  \"features\": []}}")
    };
    let at = |text: &str| match validate_str(text) {
        Err(Problem { issue: Issue::NotJson { line, column, .. }, .. }) => (line, column),
        other => panic!("not named as JSON: {other:?}"),
    };
    let kanji = at(&line("長岡駅"));
    assert_eq!(kanji, at(&line("abc")));
    // The stray quote is the 23rd character of line 2; the reader stops at it or just after.
    assert_eq!(kanji.0, 2);
    assert!((23..=24).contains(&kanji.1), "{kanji:?}");
    assert_eq!(nagaoka_map::domain::validate::char_column("a\n長岡x", 2, 7), 3);
}

#[test]
fn a_file_in_another_coordinate_system_is_named_once_at_the_top() {
    // GDAL's GeoJSON in Japan Plane Rectangular CS VIII: each place is out of range too, and this
    // says why and how to export again.
    let crs = |name: &str| json!({"type": "name", "properties": {"name": name}});
    let file = |c: Value| {
        let mut f: Value = serde_json::from_str(&file_with(vec![place("a")])).expect("JSON");
        f["crs"] = c;
        f.to_string()
    };
    let v = ok(&file(crs("urn:ogc:def:crs:EPSG::6675")));
    assert_eq!(v.problems.first().map(|p| (p.field.as_str(), p.issue.clone())), Some(("crs", Issue::ProjectedCrs { name: "urn:ogc:def:crs:EPSG::6675".into() })));
    let en = describe_problem(&v.problems[0], Lang::En);
    // The command that converts it: QGIS 3.22 cannot export this format (its nested members).
    assert!(en.contains("ogr2ogr -t_srs EPSG:4326 -lco RFC7946=YES"), "{en}");
    assert!(describe_problem(&v.problems[0], Lang::Ja).contains("ogr2ogr -t_srs EPSG:4326 -lco RFC7946=YES"));
    // WGS 84 in either of its names, or no name, is no problem.
    for c in [crs("urn:ogc:def:crs:OGC:1.3:CRS84"), crs("EPSG:4326"), json!({"type": "name"})] {
        assert_eq!(ok(&file(c.clone())).problems, vec![], "{c}");
    }
    // The app's reader, which takes the file as it arrives, says the same.
    let text = file(crs("EPSG:6675"));
    let mut stream = nagaoka_map::domain::stream::StreamValidator::new();
    for chunk in text.as_bytes().chunks(7) {
        stream.push(chunk);
    }
    let (read, _) = stream.finish(0);
    assert_eq!(read.expect("read").problems[0].issue, Issue::ProjectedCrs { name: "EPSG:6675".into() });
}

#[test]
fn a_slip_in_a_source_id_is_named_with_the_id_meant() {
    let file = |cited: &str| {
        let mut f: Value = serde_json::from_str(&file_with(vec![with(place("a"), "/properties/source", json!(cited))])).expect("JSON");
        f["meta"]["sources"]["gsi-shelters-2025"] = json!({"title": {"ja": "避難所", "en": "Shelters"}});
        f["meta"]["sources"]["city-stats-2024"] = json!({"title": {"ja": "統計", "en": "Statistics"}});
        ok(&f.to_string()).problems
    };
    let p = file("gsi-shelter-2025");
    assert_eq!(p[0].issue, Issue::UnknownSource { found: "gsi-shelter-2025".into(), nearest: Some("gsi-shelters-2025".into()) });
    assert!(describe_problem(&p[0], Lang::En).contains("did you mean “gsi-shelters-2025”?"));
    assert!(describe_problem(&p[0], Lang::Ja).contains("「gsi-shelters-2025」の誤りではありませんか"));
    // Nothing close: no guess.
    assert_eq!(file("osm")[0].issue, Issue::UnknownSource { found: "osm".into(), nearest: None });
    assert_eq!(file("city-stats-2020-annual")[0].issue, Issue::UnknownSource { found: "city-stats-2020-annual".into(), nearest: None });
}

#[test]
fn a_file_of_many_wrong_source_ids_gets_a_bounded_number_of_suggestions() {
    // Each suggestion looks through every source: a file of 1,000 sources and thousands of near
    // misses kept the validator (and a phone's page) busy for minutes. The first 200 wrong ids of
    // a file get one; the rest are named without.
    let places: Vec<Value> = (0..300).map(|i| with(place(&format!("p{i}")), "/properties/source", json!(format!("gsi-shelter-{i:04}")))).collect();
    let mut f: Value = serde_json::from_str(&file_with(places)).expect("JSON");
    for i in 0..300 {
        f["meta"]["sources"][format!("gsi-shelters-{i:04}")] = json!({"title": {"ja": "避難所", "en": "Shelters"}});
    }
    let text = f.to_string();
    for _ in 0..2 {
        // Each reading of a file starts with its own allowance.
        let p = ok(&text).problems;
        let suggested = p.iter().filter(|p| matches!(&p.issue, Issue::UnknownSource { nearest: Some(_), .. })).count();
        let named = p.iter().filter(|p| matches!(&p.issue, Issue::UnknownSource { .. })).count();
        assert_eq!((suggested, named), (200, 300));
        assert_eq!(p[0].issue, Issue::UnknownSource { found: "gsi-shelter-0000".into(), nearest: Some("gsi-shelters-0000".into()) });
    }
}
