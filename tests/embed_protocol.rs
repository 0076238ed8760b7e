//! The host <-> map message protocol: well-formed version 1 commands only.

use nagaoka_map::domain::embed_protocol::{event_json, parse_command, Command, Event};
use nagaoka_map::domain::model::{Lang, PlaceKind};
use serde_json::json;

fn cmd(v: serde_json::Value) -> Option<Command> {
    parse_command(&v)
}

#[test]
fn reads_each_command() {
    let base = |t: &str| json!({"protocol": "nagaoka-map", "version": 1, "type": t});
    let mut select = base("select");
    select["place"] = json!("nagaoka-station");
    assert_eq!(cmd(select), Some(Command::Select(Some("nagaoka-station".into()))));
    let mut clear = base("select");
    clear["place"] = json!(null);
    assert_eq!(cmd(clear), Some(Command::Select(None)));
    let mut lang = base("setLang");
    lang["lang"] = json!("en");
    assert_eq!(cmd(lang), Some(Command::SetLang(Lang::En)));
    let mut filters = base("setFilters");
    filters["q"] = json!("駅");
    filters["kinds"] = json!(["station", "office"]);
    assert_eq!(cmd(filters), Some(Command::SetFilters { q: "駅".into(), kinds: [PlaceKind::Station, PlaceKind::Office].into() }));
}

#[test]
fn ignores_anything_else() {
    for bad in [
        json!("select"),
        json!({"type": "select", "place": "x"}),
        json!({"protocol": "other", "version": 1, "type": "select", "place": "x"}),
        json!({"protocol": "nagaoka-map", "version": 2, "type": "select", "place": "x"}),
        json!({"protocol": "nagaoka-map", "version": 1, "type": "navigate", "url": "https://evil.example"}),
        json!({"protocol": "nagaoka-map", "version": 1, "type": "select", "place": "<script>"}),
        json!({"protocol": "nagaoka-map", "version": 1, "type": "select", "place": 3}),
        json!({"protocol": "nagaoka-map", "version": 1, "type": "setLang", "lang": "fr"}),
        json!({"protocol": "nagaoka-map", "version": 1, "type": "setFilters", "kinds": ["castle"]}),
        json!({"protocol": "nagaoka-map", "version": 1, "type": "setFilters", "q": 5}),
    ] {
        assert_eq!(cmd(bad.clone()), None, "{bad}");
    }
}

#[test]
fn writes_events_with_protocol_and_version() {
    assert_eq!(
        event_json(&Event::Selection { place: Some("a".into()) }),
        json!({"protocol": "nagaoka-map", "version": 1, "type": "selection", "place": "a"})
    );
    assert_eq!(event_json(&Event::Ready { lang: Lang::Ja })["lang"], json!("ja"));
    assert_eq!(event_json(&Event::Height { px: 450 })["px"], json!(450));
    assert_eq!(event_json(&Event::Lang { lang: Lang::En }), json!({"protocol": "nagaoka-map", "version": 1, "type": "lang", "lang": "en"}));
}
