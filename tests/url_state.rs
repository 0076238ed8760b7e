//! The query string <-> view state, and the language and data-origin rules.

use nagaoka_map::domain::model::PlaceKind;
use nagaoka_map::domain::url_state::{data_origin_allowed, decode_component, initial_lang, MapView, Mode, ViewState};
use nagaoka_map::domain::Lang;

#[test]
fn reads_each_parameter_and_ignores_bad_ones() {
    let s = ViewState::parse("?lang=en&place=nagaoka-station&data=https%3A%2F%2Fexample.org%2Fd.geojson");
    assert_eq!(s.lang, Some(Lang::En));
    assert_eq!(s.place.as_deref(), Some("nagaoka-station"));
    assert_eq!(s.data.as_deref(), Some("https://example.org/d.geojson"));

    let s = ViewState::parse("lang=fr&place=<script>&zoom=%%&&=x&lang");
    assert_eq!(s, ViewState::default());

    let s = ViewState::parse("?lang=xx&lang=ja&place=Bad%20Id&unknown=1");
    assert_eq!((s.lang, s.place), (Some(Lang::Ja), None));
}

#[test]
fn writes_what_it_reads() {
    let s = ViewState { lang: Some(Lang::En), data: Some("a b&c.geojson".into()), place: Some("x-1".into()), ..Default::default() };
    let q = s.to_query();
    assert_eq!(q, "?lang=en&data=a%20b%26c.geojson&place=x-1");
    assert_eq!(ViewState::parse(&q), s);
    assert_eq!(ViewState::default().to_query(), "");
}

#[test]
fn decodes_form_encoding_and_keeps_broken_escapes() {
    assert_eq!(decode_component("a+b%20c"), "a b c");
    assert_eq!(decode_component("%E9%95%B7%E5%B2%A1"), "長岡");
    assert_eq!(decode_component("100%"), "100%");
    assert_eq!(decode_component("%zz"), "%zz");
}

#[test]
fn language_comes_from_the_url_then_the_browser_then_japanese() {
    let browser = vec!["fr-FR".to_owned(), "en-GB".to_owned()];
    assert_eq!(initial_lang(Some(Lang::Ja), &browser), Lang::Ja);
    assert_eq!(initial_lang(None, &browser), Lang::En);
    assert_eq!(initial_lang(None, &["de".to_owned()]), Lang::Ja);
    assert_eq!(initial_lang(None, &[]), Lang::Ja);
    assert_eq!(Lang::from_tag("ja-JP"), Some(Lang::Ja));
    // The address's `lang` takes a tag as a host page writes its own, and writes back the short one.
    for (tag, lang) in [("ja-JP", Lang::Ja), ("JA", Lang::Ja), ("en-GB", Lang::En), ("en_US", Lang::En)] {
        let s = ViewState::parse(&format!("?lang={tag}"));
        assert_eq!(s.lang, Some(lang), "{tag}");
        assert_eq!(s.to_query(), format!("?lang={lang}"));
    }
    assert_eq!(ViewState::parse("?lang=fr-FR").lang, None);
}

#[test]
fn data_may_come_only_from_this_site_or_the_allow_list() {
    let page = "https://map.example.jp";
    assert!(data_origin_allowed("https://map.example.jp", page, &[]));
    assert!(!data_origin_allowed("https://evil.example", page, &[]));
    assert!(data_origin_allowed("https://opendata.example.jp", page, &["https://opendata.example.jp/"]));
    assert!(!data_origin_allowed("http://opendata.example.jp", page, &["https://opendata.example.jp"]));
}

#[test]
fn search_kinds_view_and_mode_round_trip() {
    let s = ViewState {
        lang: Some(Lang::Ja),
        mode: Some(Mode::Kiosk),
        q: "長岡 駅&".into(),
        kinds: [PlaceKind::Station, PlaceKind::Office].into(),
        place: Some("nagaoka-station".into()),
        view: Some(MapView { lat: 37.446194, lng: 138.85125, zoom: 13.0 }),
        data: None,
        shortlist: Vec::new(),
        area: None,
        layer: None,
        ..ViewState::default()
    };
    let q = s.to_query();
    assert_eq!(q, "?lang=ja&mode=kiosk&q=%E9%95%B7%E5%B2%A1%20%E9%A7%85%26&kinds=office,station&place=nagaoka-station&view=37.44619,138.85125,13");
    let back = ViewState::parse(&q);
    assert_eq!((back.q.as_str(), &back.kinds, back.mode), ("長岡 駅&", &s.kinds, Some(Mode::Kiosk)));
    assert_eq!(back.view, Some(MapView { lat: 37.44619, lng: 138.85125, zoom: 13.0 }));
}

#[test]
fn malformed_view_kinds_and_mode_are_ignored_alone() {
    let s = ViewState::parse("?view=91,138,12&kinds=office,castle,,station&mode=tv&lang=en&q=%E9%A7%85");
    assert_eq!(s.view, None);
    assert_eq!(s.kinds, [PlaceKind::Office, PlaceKind::Station].into());
    assert_eq!((s.mode, s.lang, s.q.as_str()), (None, Some(Lang::En), "駅"));
    assert_eq!(MapView::parse("37.4,138.8,NaN"), None);
    assert_eq!(MapView::parse("37.4,138.8,12,1"), None);
    assert_eq!(MapView::parse("37.4,138.8"), None);
}

#[test]
fn area_and_layer_round_trip_and_bad_values_are_ignored() {
    use nagaoka_map::domain::living::AreaMeasure;
    let s = ViewState::parse("?area=area-tochio&layer=snow_days");
    assert_eq!((s.area.as_deref(), s.layer), (Some("area-tochio"), Some(AreaMeasure::SnowDays)));
    assert_eq!(s.to_query(), "?area=area-tochio&layer=snow_days");
    let bad = ViewState::parse("?area=<script>&layer=rainbows&lang=en");
    assert_eq!((bad.area, bad.layer, bad.lang), (None, None, Some(Lang::En)));
}

#[test]
fn the_months_choices_and_the_compared_areas_round_trip() {
    use nagaoka_map::domain::costs::Assumptions;
    use nagaoka_map::domain::living::{Household, Layout};
    // The defaults write nothing.
    assert_eq!(ViewState::parse("?lang=en").to_query(), "?lang=en");
    let s = ViewState::parse("?budget=family,kids2,3ldk,car,nopass,trips4,fare14&compare=area-tochio,area-oguni");
    let want = Assumptions {
        household: Household::Family,
        layout: Layout::ThreeLdk,
        children: 2,
        car: true,
        transit_pass: false,
        tokyo_trips: 4,
        own_fare_thousands: 14,
    };
    assert_eq!(s.budget, want);
    assert_eq!(s.compare, ["area-tochio", "area-oguni"]);
    assert_eq!(ViewState::parse(&s.to_query()), s, "what is written reads back the same: {}", s.to_query());
    // A household's usual layout and child count are not written.
    let couple = ViewState::parse("?budget=couple");
    assert_eq!((couple.budget.household, couple.budget.layout), (Household::Couple, Household::Couple.usual_layout()));
    assert_eq!(couple.to_query(), "?budget=couple");
}

#[test]
fn a_bad_word_in_the_budget_or_a_bad_compared_area_is_ignored_alone() {
    use nagaoka_map::domain::costs::{Assumptions, MAX_TOKYO_TRIPS};
    use nagaoka_map::domain::living::Household;
    let s = ViewState::parse(&format!("?budget=couple,trips{},fare999,kids-1,rainbow,car&compare=area-a,<b>,area-a,area-b,area-c,area-d&lang=ja", MAX_TOKYO_TRIPS as u32 + 1));
    let d = Assumptions::default();
    assert_eq!(s.budget, Assumptions { household: Household::Couple, car: true, ..d.for_household(Household::Couple) });
    assert_eq!(s.compare, ["area-a", "area-b", "area-c"], "slugs only, once each, three at most");
    assert_eq!(s.lang, Some(Lang::Ja));
    // Children only with a family, and a family has at least one.
    assert_eq!(ViewState::parse("?budget=single,kids3").budget.children, 0);
    assert_eq!(ViewState::parse("?budget=family,kids0").budget.children, 1);
}

#[test]
fn a_point_tapped_to_measure_from_round_trips_and_a_bad_one_is_ignored() {
    use nagaoka_map::domain::LatLng;
    let s = ViewState::parse("?area=area-tochio&from=37.45123,138.85678");
    assert_eq!(s.from, Some(LatLng { lat: 37.45123, lng: 138.85678 }));
    assert_eq!(ViewState::parse(&s.to_query()), s);
    assert!(s.to_query().ends_with("&from=37.45123,138.85678"), "{}", s.to_query());
    for bad in ["from=37.4", "from=91,138", "from=37,181", "from=a,b", "from=37,138,3", "from=NaN,1"] {
        let v = ViewState::parse(&format!("?area=x&{bad}&lang=en"));
        assert_eq!(v.from, None, "{bad}");
        assert_eq!(v.lang, Some(nagaoka_map::domain::Lang::En), "the rest is honoured: {bad}");
    }
    // A take-home link carries no tapped point: it may be where the visitor lives.
    let phone = nagaoka_map::domain::url_state::handoff_url("https://x/", &s);
    assert!(!phone.contains("from="), "{phone}");
}
