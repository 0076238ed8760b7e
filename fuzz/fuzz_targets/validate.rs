//! Any bytes through `validate_bytes`: no panic, no hang, and what is read holds the invariants
//! that the app relies on. (Invariants the validator is known to break, listed in
//! `tests/hostile/found/README.md`, are left to `tests/fuzz_validate.rs` so that the fuzzer can
//! look past them.)

#![no_main]

use libfuzzer_sys::fuzz_target;
use nagaoka_map::domain::{validate_bytes, Lang, Severity, Where};
use nagaoka_map::i18n::describe_problem;
use std::collections::HashSet;

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

fn is_https(url: &str) -> bool {
    url.strip_prefix("https://").is_some_and(|rest| !rest.is_empty() && !rest.starts_with(['/', '?', '#']))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\')
}

fuzz_target!(|bytes: &[u8]| {
    let validated = match validate_bytes(bytes) {
        Err(p) => {
            assert_eq!((p.location.clone(), p.severity), (Where::File, Severity::Fatal));
            for lang in Lang::ALL {
                assert!(!describe_problem(&p, lang).is_empty());
            }
            return;
        }
        Ok(v) => v,
    };
    let city = &validated.city;
    let mut sources = HashSet::new();
    for s in &city.sources {
        assert!(is_slug(&s.id) && sources.insert(s.id.as_str()), "source id {:?}", s.id);
        assert!(s.title.ja.is_some() || s.title.en.is_some());
        assert!(s.url.as_deref().is_none_or(is_https), "{:?}", s.url);
    }
    let mut ids = HashSet::new();
    for p in &city.places {
        assert!(is_slug(&p.id) && ids.insert(p.id.as_str()), "place id {:?}", p.id);
        for name in [&p.name.ja, &p.name.en].into_iter().flatten() {
            assert!(!name.is_empty() && name.trim() == name && name.chars().count() <= 200, "{name:?}");
        }
        assert!(p.name.ja.is_some() || p.name.en.is_some());
        let (lat, lng) = (p.location.lat, p.location.lng);
        assert!(lat.is_finite() && lng.is_finite() && (20.0..=46.5).contains(&lat) && (122.0..=154.0).contains(&lng));
        assert!(p.url.as_deref().is_none_or(is_https), "{:?}", p.url);
        assert!(sources.contains(p.source.as_str()), "{}", p.source);
        for fig_source in [
            p.facts.students.as_ref().map(|f| &f.source),
            p.facts.international_students.as_ref().map(|f| &f.source),
            p.facts.founded.as_ref().map(|f| &f.source),
            p.facts.opened.as_ref().map(|f| &f.source),
        ]
        .into_iter()
        .flatten()
        {
            assert!(sources.contains(fig_source.as_str()), "{fig_source}");
        }
    }
    for p in &validated.problems {
        assert_ne!(p.severity, Severity::Fatal);
        for lang in Lang::ALL {
            let text = describe_problem(p, lang);
            assert!(!text.is_empty());
            if let Where::Record { index, .. } = p.location {
                assert!(text.contains(&format!("features[{index}]")), "{text}");
            }
            assert!(p.field.is_empty() || text.contains(&p.field), "{text}");
        }
    }
});
