//! Kiosk idle timing, the take-home link and its QR code.

use nagaoka_map::domain::kiosk::{IdlePhase, IdleRule};
use nagaoka_map::domain::qr::{qr_svg, QUIET_ZONE};
use nagaoka_map::domain::url_state::{handoff_url, Mode, ViewState};
use nagaoka_map::domain::Lang;

#[test]
fn idle_time_runs_from_active_through_a_countdown_to_reset() {
    let rule = IdleRule::default();
    // 20 s to answer the warning (WCAG 2.2.1).
    assert_eq!((rule.timeout_s, rule.warn_s), (90, 20));
    assert_eq!(rule.phase(0), IdlePhase::Active);
    assert_eq!(rule.phase(69_999), IdlePhase::Active);
    assert_eq!(rule.phase(70_000), IdlePhase::Warning { seconds_left: 20 });
    assert_eq!(rule.phase(80_500), IdlePhase::Warning { seconds_left: 10 });
    assert_eq!(rule.phase(89_001), IdlePhase::Warning { seconds_left: 1 });
    assert_eq!(rule.phase(90_000), IdlePhase::Reset);
    assert_eq!(IdleRule::from_seconds(30), Some(IdleRule { timeout_s: 30, warn_s: 20 }));
    assert_eq!(IdleRule::from_seconds(45), Some(IdleRule { timeout_s: 45, warn_s: 20 }));
    assert_eq!(IdleRule::from_seconds(12), Some(IdleRule { timeout_s: 12, warn_s: 4 }), "a quick test's reset");
    assert_eq!(IdleRule::from_seconds(5), None);
    assert_eq!(IdleRule::from_seconds(4000), None);
}

#[test]
fn the_take_home_link_carries_the_shortlist_and_view_but_no_kiosk_mode() {
    let state = ViewState {
        lang: Some(Lang::En),
        mode: Some(Mode::Kiosk),
        shortlist: vec!["nagaoka-station".into(), "nadec-base".into()],
        place: Some("nadec-base".into()),
        q: "ignored on the phone".into(),
        // The visitor's household and car stay at the kiosk: the code carries nothing about them.
        budget: nagaoka_map::domain::url_state::parse_budget("family,kids2,car"),
        compare: vec!["area-tochio".into()],
        ..Default::default()
    };
    let url = handoff_url("https://map.example.jp/app/", &state);
    assert_eq!(url, "https://map.example.jp/app/?lang=en&place=nadec-base&shortlist=nagaoka-station,nadec-base&compare=area-tochio");
    let back = ViewState::parse(url.split_once('?').map(|(_, q)| q).unwrap_or(""));
    assert_eq!(back.shortlist, state.shortlist);
    assert_eq!(back.mode, None);
    // A kiosk build names the browser's mode for the phone, and only that mode goes through.
    let browser = ViewState { mode: Some(Mode::Browser), ..state.clone() };
    assert_eq!(
        handoff_url("https://map.example.jp/app/", &browser),
        "https://map.example.jp/app/?lang=en&mode=browser&place=nadec-base&shortlist=nagaoka-station,nadec-base&compare=area-tochio"
    );
    let embed = ViewState { mode: Some(Mode::Embed), ..state };
    assert!(!handoff_url("https://x/", &embed).contains("mode="));
}

#[test]
fn the_shortlist_parameter_keeps_only_valid_unique_ids() {
    let s = ViewState::parse("?shortlist=a,Bad%20Id,b,a,,c");
    assert_eq!(s.shortlist, ["a", "b", "c"]);
}

#[test]
fn a_qr_code_is_a_square_with_a_quiet_zone() {
    let qr = qr_svg("https://map.example.jp/?lang=en&shortlist=nagaoka-station").expect("fits");
    // Version 3 or 4 for ~60 characters at medium correction: 29 or 33 modules, plus the quiet zone.
    assert!([29 + 2 * QUIET_ZONE, 33 + 2 * QUIET_ZONE].contains(&qr.size), "{}", qr.size);
    assert!(qr.path.starts_with(&format!("M{QUIET_ZONE} {QUIET_ZONE}h1v1h-1z")), "the finder pattern's corner is dark");
    assert!(qr_svg(&"x".repeat(5000)).is_none());
}
