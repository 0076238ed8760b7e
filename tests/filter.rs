//! Search that a Japanese reader finds natural, and kind facets whose counts agree with the results.

use nagaoka_map::domain::filter::{normalize, Query, SearchIndex};
use nagaoka_map::domain::model::PlaceKind;
use nagaoka_map::domain::validate_str;
use std::collections::BTreeSet;

#[test]
fn folds_width_kana_and_case() {
    assert_eq!(normalize("ナガオカ"), normalize("ながおか"));
    assert_eq!(normalize("ｎｕｔ"), "nut");
    assert_eq!(normalize("NUT"), "nut");
    assert_eq!(normalize("ﾅｶﾞｵｶ"), normalize("ながおか"));
    assert_eq!(normalize("ﾊﾟﾝ"), normalize("パン"));
    assert_eq!(normalize("ｳﾞ"), normalize("ヴ"));
    assert_eq!(normalize("Ａｏｒｅ　長岡"), "aore 長岡");
    assert_eq!(normalize("  a \t b  "), "a b");
    assert_eq!(normalize("ﾞ"), "", "a lone sound mark disappears");
    assert_eq!(normalize("ａﾞ"), "a", "a sound mark after a letter is dropped");
}

/// ASCII takes a short path through the folding; it must fold as the general rules say: the
/// letters to lower case, every white space character (the vertical tab included) to one space,
/// everything else kept.
#[test]
fn ascii_folds_as_the_general_rules() {
    for b in 0u8..=0x7f {
        let c = char::from(b);
        let text = format!("A{c}B{c}{c}C");
        let want = if c.is_whitespace() {
            "a b c".to_owned()
        } else {
            let l: String = c.to_lowercase().collect();
            format!("a{l}b{l}{l}c")
        };
        assert_eq!(normalize(&text), want, "U+{b:04X}");
        assert_eq!(normalize(&format!("{c}ｶﾞ")), normalize(&format!("{c}ガ")), "U+{b:04X} before a sound mark");
    }
}

/// Kana and kanji skip the case tables too: none of them has a lower case.
#[test]
fn kana_and_kanji_have_no_case() {
    for c in ('\u{3040}'..='\u{9FFF}').filter(|c| !('\u{30A1}'..='\u{30F6}').contains(c)) {
        let lower: String = c.to_lowercase().collect();
        assert_eq!(lower, c.to_string(), "U+{:04X}", c as u32);
        if !c.is_whitespace() {
            assert_eq!(normalize(&c.to_string()), lower, "U+{:04X}", c as u32);
        }
    }
}

fn city() -> nagaoka_map::domain::City {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid-3.geojson")).expect("fixture");
    validate_str(&text).expect("valid").city
}

fn ids(city: &nagaoka_map::domain::City, found: &[usize]) -> Vec<String> {
    found.iter().map(|&i| city.places[i].id.clone()).collect()
}

#[test]
fn searches_names_descriptions_and_addresses_in_both_languages() {
    let city = city();
    let index = SearchIndex::new(&city);
    let search = |text: &str| ids(&city, &index.filter(&city, &Query { text: text.into(), kinds: BTreeSet::new() }));
    assert_eq!(search(""), ["test-station", "test-university", "test-coworking"]);
    assert_eq!(search("ｕｎｉｖｅｒｓｉｔｙ"), ["test-university"]);
    assert_eq!(search("てすと駅"), ["test-station"], "hiragana finds katakana");
    assert_eq!(search("shinkansen"), ["test-station"], "the description counts");
    assert_eq!(search("城内町"), ["test-station"], "the address counts");
    assert_eq!(search("test cow"), ["test-coworking"], "every word must match");
    assert!(search("osaka").is_empty());
}

#[test]
fn kinds_filter_and_counts_agree() {
    let city = city();
    let index = SearchIndex::new(&city);
    let kinds: BTreeSet<_> = [PlaceKind::Station, PlaceKind::Coworking].into();
    let found = index.filter(&city, &Query { text: "test".into(), kinds });
    assert_eq!(ids(&city, &found), ["test-station", "test-coworking"]);
    let counts = index.kind_counts(&city, "test");
    assert_eq!(counts.len(), PlaceKind::ALL.len());
    for (kind, n) in counts {
        let only: BTreeSet<_> = [kind].into();
        assert_eq!(index.filter(&city, &Query { text: "test".into(), kinds: only }).len(), n, "{kind}");
    }
}

/// Typing narrows from the last result and deleting finds the earlier one again; every step must
/// give what a search from scratch gives.
#[test]
fn a_trail_of_keystrokes_gives_what_a_fresh_search_gives() {
    use nagaoka_map::domain::filter::SearchTrail;
    let city = city();
    let index = SearchIndex::new(&city);
    let fresh = |text: &str| index.filter(&city, &Query { text: text.into(), kinds: BTreeSet::new() });
    let mut trail = SearchTrail::default();
    let typed = ["", "t", "te", "tes", "test", "test ", "test c", "test cow", "test co", "test ", "test", "te", "tesx", "te", "", "ナ", "ナガ", "ながお", "x", "ｔｅｓｔ"];
    for text in typed {
        assert_eq!(*trail.search(&index, text), fresh(text), "after typing {text:?}");
    }
}

/// The searcher builds its index in steps ahead of need, or at once when a search comes first;
/// either way every search gives what a search from scratch gives, and an empty search needs
/// no index at all.
#[test]
fn a_searcher_warmed_in_steps_or_not_gives_what_a_fresh_search_gives() {
    use nagaoka_map::domain::filter::Searcher;
    let city = city();
    let index = SearchIndex::new(&city);
    let fresh = |text: &str| index.filter(&city, &Query { text: text.into(), kinds: BTreeSet::new() });
    let typed = ["", "t", "te", "test c", "", "  ", "ナガ", "univ", "x"];
    for warm_steps in [0, 1, 2, 10] {
        let mut searcher = Searcher::default();
        let mut done = false;
        for _ in 0..warm_steps {
            done = searcher.warm(&city, 1);
        }
        assert_eq!(done, warm_steps >= city.places.len(), "{warm_steps} steps of one place");
        for text in typed {
            assert_eq!(*searcher.search(&city, text), fresh(text), "after {warm_steps} steps, typing {text:?}");
            assert!(searcher.warm(&city, 1) || text.trim().is_empty(), "a search completes the index");
        }
    }
}

#[test]
fn a_neighbourhood_typed_in_the_search_finds_its_area_in_either_language_and_width() {
    use nagaoka_map::domain::filter::matching_areas;
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/nagaoka.geojson")).expect("shipped data");
    let v = nagaoka_map::domain::validate_str(&text).expect("the shipped file reads");
    let city = &v.city;
    let ids = |q: &str| matching_areas(city, q).into_iter().map(|i| city.areas[i].id.clone()).collect::<Vec<_>>();
    assert_eq!(ids("栃尾"), ["area-tochio"]);
    assert_eq!(ids("Tochio"), ["area-tochio"]);
    assert_eq!(ids("ｔｏｃｈｉｏ"), ["area-tochio"], "full width folds");
    // A quarter named only in an area's description: the former city's brewing quarter.
    assert_eq!(ids("宮内"), ["area-nagaoka"]);
    assert_eq!(ids("miyauchi"), ["area-nagaoka"]);
    assert!(ids("").is_empty() && ids("   ").is_empty(), "no text, no areas");
    assert!(ids("no such neighbourhood").is_empty());
}
