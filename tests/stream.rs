//! Validation while the file arrives gives what validating the whole file gives, however the file
//! is cut into chunks, and reads a well-formed file's features before its last byte.

use nagaoka_map::domain::stream::StreamValidator;
use nagaoka_map::domain::{validate_bytes, Issue, Problem, Validated};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn streamed(bytes: &[u8], chunk: usize) -> (Result<Validated, Problem>, Option<Vec<u8>>) {
    let mut stream = StreamValidator::new();
    for piece in bytes.chunks(chunk.max(1)) {
        stream.push(piece);
    }
    stream.finish(usize::MAX)
}

/// Every chunking of `bytes` gives `validate_bytes`'s result and the same bytes back.
fn same_as_whole(name: &str, bytes: &[u8]) {
    let whole = validate_bytes(bytes);
    let mut sizes = vec![1, 2, 3, 5, 7, 13, 64, 1000, 4096, 65536, bytes.len().max(1)];
    if bytes.len() > 200_000 {
        // One byte at a time is slow for a large file and shows nothing a few bytes at a time do not.
        sizes.retain(|&s| s >= 7);
    }
    for size in sizes {
        let (result, back) = streamed(bytes, size);
        assert_eq!(back.as_deref(), Some(bytes), "{name}: the bytes come back whole (chunks of {size})");
        assert_eq!(result, whole, "{name}: chunks of {size} bytes");
    }
}

#[test]
fn the_shipped_file_and_every_fixture_read_alike_in_any_chunks() {
    let mut files = vec![root().join("data/nagaoka.geojson")];
    for dir in ["tests/fixtures", "tests/hostile", "tests/hostile/found"] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else { continue };
        for entry in entries.flatten() {
            if entry.path().is_file() {
                files.push(entry.path());
            }
        }
    }
    assert!(files.len() > 8, "the fixtures are found: {}", files.len());
    for path in files {
        let bytes = std::fs::read(&path).expect("readable");
        same_as_whole(&path.display().to_string(), &bytes);
    }
}

#[test]
fn the_shipped_file_is_read_before_its_last_byte() {
    let bytes = std::fs::read(root().join("data/nagaoka.geojson")).expect("readable");
    let whole = validate_bytes(&bytes).expect("the shipped file is read");
    let features = whole.city.places.len() + whole.city.areas.len();
    let mut stream = StreamValidator::new();
    // All but the file's closing bracket and newline: every feature is complete.
    let cut = bytes.iter().rposition(|&b| b == b']').expect("a features array");
    for piece in bytes[..=cut].chunks(4096) {
        stream.push(piece);
    }
    assert_eq!(stream.features_read(), features, "every feature was read as it arrived");
    stream.push(&bytes[cut + 1..]);
    let (result, back) = stream.finish(bytes.len() - 1);
    assert_eq!(result, Ok(whole));
    assert_eq!(back, None, "a file larger than the caller keeps is not given back");
}

const META: &str = r#""meta":{"version":1,"updated":"2026-11-25","sources":{"s":{"title":{"ja":"出典","en":"Source"}}}}"#;

fn place(id: &str, name: &str) -> String {
    format!(
        r#"{{"type":"Feature","geometry":{{"type":"Point","coordinates":[138.85,37.45]}},"properties":{{"id":"{id}","kind":"office","name":{{"ja":"{name}","en":"{name}"}},"source":"s"}}}}"#
    )
}

fn collection(members: &[&str]) -> Vec<u8> {
    format!("{{{}}}", members.join(",")).into_bytes()
}

#[test]
fn files_off_the_usual_shape_read_as_whole_files_do() {
    let a = place("a", "A");
    let b = place("b", r#"B \"quoted\" \\ back\/slash \u00e9"#);
    let features = format!(r#""features":[{a},{b}]"#);
    let kind = r#""type":"FeatureCollection""#;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("usual order", collection(&[kind, META, &features])),
        ("features first", collection(&[&features, META, kind])),
        ("meta last", collection(&[kind, &features, META])),
        ("no meta", collection(&[kind, &features])),
        ("no type", collection(&[META, &features])),
        ("no features", collection(&[kind, META])),
        ("empty features", collection(&[kind, META, r#""features":[]"#])),
        ("features not an array", collection(&[kind, META, r#""features":{}"#])),
        ("features twice", collection(&[kind, META, &features, &features])),
        ("type twice", collection(&[kind, META, kind, &features])),
        ("type after features, twice", collection(&[kind, META, &features, kind])),
        ("another member", collection(&[kind, r#""name":"x""#, META, r#""bbox":[1,2,3,4]"#, &features, r#""n":-1.5e3"#])),
        ("a duplicate id", collection(&[kind, META, &format!(r#""features":[{a},{a}]"#)])),
        ("a trailing comma in features", collection(&[kind, META, &format!(r#""features":[{a},]"#)])),
        ("a trailing comma in the root", format!("{{{kind},{META},{features},}}").into_bytes()),
        ("a wrong type", collection(&[r#""type":"Feature""#, META, &features])),
        ("a newer version", collection(&[kind, &META.replace(r#""version":1"#, r#""version":2"#), &features])),
        ("whitespace everywhere", format!(" \n{{ \t{kind} ,\r\n{META} , \"features\" : [ {a} ,\n {b} ] }} \n").into_bytes()),
        ("garbage after the root", format!("{{{kind},{META},{features}}} x").into_bytes()),
        ("a second root", format!("{{{kind},{META},{features}}}{{}}").into_bytes()),
        ("truncated", collection(&[kind, META, &features])[..200].to_vec()),
        ("a byte-order mark", [b"\xef\xbb\xbf".as_slice(), &collection(&[kind, META, &features])].concat()),
        ("not UTF-8 in a name", collection(&[kind, META, &place("c", "\u{fffd}")]).iter().flat_map(|&b| if b == 0xef { vec![0xff] } else { vec![b] }).collect()),
        ("a bare scalar feature", collection(&[kind, META, r#""features":[1,"x",null]"#])),
        ("an unbalanced feature", collection(&[kind, META, r#""features":[{"a":[}]"#])),
        ("not an object", b"[1,2]".to_vec()),
        ("empty", Vec::new()),
        ("deep", collection(&[kind, META, &format!(r#""features":[{}{}]"#, "[".repeat(130), "]".repeat(130))])),
    ];
    for (name, bytes) in cases {
        same_as_whole(name, &bytes);
    }
}

#[test]
fn too_many_features_are_named_as_the_whole_file_names_them() {
    let features = vec!["{}"; nagaoka_map::domain::validate::MAX_FEATURES + 1].join(",");
    let bytes = format!(r#"{{"type":"FeatureCollection",{META},"features":[{features}]}}"#).into_bytes();
    let (result, _) = streamed(&bytes, 65536);
    assert!(matches!(result, Err(Problem { issue: Issue::TooManyFeatures { .. }, .. })), "{result:?}");
    assert_eq!(result, validate_bytes(&bytes));
}
