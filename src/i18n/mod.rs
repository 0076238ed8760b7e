//! The Japanese and English message catalogs.
//!
//! A catalog is a struct with one field per message, so a message missing from either language is a
//! compile error, not a blank on screen. Messages that take values are functions.

mod en;
mod ja;
mod living;
mod problems;

pub use living::{living, yen, Living};

use crate::domain::model::{Lang, LocationPrecision, PlaceKind};

pub use problems::{describe_group, describe_problem};

/// Every interface text, in one language.
pub struct Catalog {
    pub app_title: &'static str,
    pub app_tagline: &'static str,
    pub loading: &'static str,
    pub map_label: &'static str,
    pub list_label: &'static str,
    pub close: &'static str,
    pub retry: &'static str,
    pub language: &'static str,
    /// The name of the other language, in that language, for the switch.
    pub other_language: &'static str,
    pub base_gsi: &'static str,
    pub base_osm: &'static str,
    pub address: &'static str,
    pub source: &'static str,
    /// A date of the data ("2024", "2021-03", "2026-11-25") in words: "March 2021" / 「2021年3月」.
    pub date: fn(&str) -> String,
    /// "As of {date}" / 「{date}時点」, the date in words: the word goes before the date in English and
    /// after it in Japanese.
    pub as_of: fn(&str) -> String,
    /// A note in brackets after a value: " (estimate)" / 「（推計）」, full-width in Japanese.
    /// Between two sentences, or a figure and what it counts: a space in English, none in Japanese.
    pub gap: &'static str,
    /// Between a label and its value: ": " / "：".
    pub colon: &'static str,
    pub aside: fn(&str) -> String,
    pub website: &'static str,
    pub kind: &'static str,
    pub location: &'static str,
    pub location_basis: &'static str,
    pub estimate: &'static str,
    /// Shown beside a text shown in the other language because its translation is missing.
    pub untranslated: &'static str,
    /// Read after a link that opens in a new tab (its glyph is hidden from screen readers).
    pub new_tab: &'static str,
    /// What a kiosk's link to another site says of it, for a screen reader.
    pub qr_link: &'static str,
    /// In a place's details where the map is above the panel: up to the map.
    pub show_on_map: &'static str,
    pub problems_heading: &'static str,
    pub load_failed_heading: &'static str,
    /// The data on screen is a saved copy: when it was saved, or not known.
    pub saved_copy: fn(&str) -> String,
    pub saved_copy_undated: &'static str,
    /// In the map's box when the map itself could not start.
    pub map_failed: &'static str,
    /// A link's place that is not in the data: its id, and the data's date.
    pub place_not_found: fn(&str, &str) -> String,
    /// While the data file loads with a saved copy on screen.
    pub saved_while_loading: fn(&str) -> String,
    /// In the sidebar, in place of empty filters, list and costs, when no data has loaded.
    pub nothing_loaded: &'static str,
    pub students: &'static str,
    pub international_students: &'static str,
    pub founded: &'static str,
    pub opened: &'static str,
    pub tokyo_minutes: &'static str,
    pub details_label: &'static str,
    pub data_updated: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub kinds_legend: &'static str,
    pub no_results: &'static str,
    pub clear_filters: &'static str,
    pub sources_heading: &'static str,
    pub publisher: &'static str,
    pub license: &'static str,
    pub map_tiles: &'static str,
    pub boundary_data: &'static str,
    pub open_full_map: &'static str,
    pub wheel_hint: &'static str,
    pub two_finger_hint: &'static str,
    pub point_hint: &'static str,
    pub shortlist_heading: &'static str,
    /// A link from a place's details down to the shortlist, with its count.
    pub shortlist_jump: fn(usize) -> String,
    pub shortlist_empty: &'static str,
    pub shortlist_add: &'static str,
    pub shortlist_unstar: &'static str,
    /// A star button's name: what it does (`shortlist_add` or `shortlist_unstar`) to which place,
    /// in the language's order.
    pub star_named: fn(&str, &str) -> String,
    pub shortlist_link: &'static str,
    pub take_home: &'static str,
    /// Outside a kiosk, over the shortlist's link (and its code, on a computer).
    pub share_heading: &'static str,
    /// The same heading where no code is shown (a phone, a touch screen): the link only.
    pub keep_heading: &'static str,
    /// Beside the star of a place in the shortlist: what pressing it did.
    pub shortlist_in: &'static str,
    /// Beside the star of a place not in a full shortlist: why pressing it adds nothing.
    pub shortlist_full: fn(usize) -> String,
    pub scan_hint: &'static str,
    /// Under the QR code that only a printed page shows.
    pub print_code: &'static str,
    /// The day a page was printed, from a `YYYY-MM-DD` date: on paper, how old its figures' view is.
    pub printed_on: fn(&str) -> String,
    pub open_link_qr: &'static str,
    pub still_there: &'static str,
    pub continue_label: &'static str,
    pub offline: &'static str,
    pub shortlist_remove: fn(&str) -> String,
    /// Ids in the shortlist that the data on screen lacks (a link made with other data), and its date.
    pub shortlist_unknown: fn(usize, &str) -> String,
    pub shortlist_remove_unknown: &'static str,
    /// Where a QR code would stand when the address is more than a code holds.
    pub qr_too_long: &'static str,
    pub resets_in: fn(u32) -> String,
    /// The map's own keyboard stop: its name says what the keys do there.
    pub map_keys: &'static str,
    pub zoom_in: &'static str,
    pub zoom_out: &'static str,
    pub base_layers: &'static str,
    pub skip_to_search: &'static str,
    /// The second skip link's words: down to the areas and their costs.
    pub skip_to_living: &'static str,
    pub place_count: fn(usize) -> String,
    /// "12 of 45 places".
    pub result_count: fn(usize, usize) -> String,
    pub show_more: fn(usize) -> String,
    /// The accessible name of a cluster marker.
    pub cluster_label: fn(usize) -> String,
    /// A cluster's name with what it holds: its count, and its kinds with theirs ("Station 6").
    pub cluster_kinds_label: fn(usize, &[(&str, u32)]) -> String,
    pub problem_count: fn(usize) -> String,
    /// `problem_count` when not one place could be shown.
    pub problem_count_none_shown: fn(usize) -> String,
    pub load_failed: fn(&str) -> String,
    pub reason_network: &'static str,
    pub reason_status: fn(u16) -> String,
    pub reason_timeout: fn(u32) -> String,
    pub reason_origin: fn(&str) -> String,
    pub reason_bad_url: fn(&str) -> String,
    pub stale_notice: fn(&str) -> String,
    pub kind_name: fn(PlaceKind) -> &'static str,
    pub precision_name: fn(LocationPrecision) -> &'static str,
    pub year: fn(i32) -> String,
    pub people: fn(u32) -> String,
}

/// The catalog for a language.
pub fn t(lang: Lang) -> &'static Catalog {
    match lang {
        Lang::Ja => &ja::JA,
        Lang::En => &en::EN,
    }
}

/// The year, month and day of a date of the data (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real day),
/// or `None` for anything else, which is then shown as it is.
fn date_parts(s: &str) -> Option<(&str, Option<u32>, Option<u32>)> {
    if !crate::domain::fields::is_partial_date(s) {
        return None;
    }
    let mut parts = s.split('-');
    let year = parts.next()?;
    let month = parts.next().and_then(|m| m.parse().ok());
    let day = parts.next().and_then(|d| d.parse().ok());
    Some((year, month, day))
}

/// 「2026年11月25日」, 「2021年3月」, 「2024年」. No hyphen for a narrow cell to break the date at.
fn date_ja(s: &str) -> String {
    match date_parts(s) {
        Some((y, Some(m), Some(d))) => format!("{y}年{m}月{d}日"),
        Some((y, Some(m), None)) => format!("{y}年{m}月"),
        Some((y, _, _)) => format!("{y}年"),
        None => s.to_owned(),
    }
}

/// "25 November 2026", "March 2021", "2024": the month's name, which neither order of numbers
/// (day/month or month/day) leaves in doubt.
fn date_en(s: &str) -> String {
    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let month = |m: u32| MONTHS.get(m.wrapping_sub(1) as usize).copied().unwrap_or("");
    match date_parts(s) {
        Some((y, Some(m), Some(d))) => format!("{d} {} {y}", month(m)),
        Some((y, Some(m), None)) => format!("{} {y}", month(m)),
        Some((y, _, _)) => y.to_owned(),
        None => s.to_owned(),
    }
}

/// Groups digits in threes: 12345 -> "12,345".
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(1000), "1,000");
        assert_eq!(group_digits(1234567), "1,234,567");
    }

    #[test]
    fn japanese_writes_large_sums_in_man_and_moments_in_words() {
        let up_to = super::living::living(Lang::Ja).up_to;
        assert_eq!(up_to(600_000), "最大60万円");
        assert_eq!(up_to(22_500_000), "最大2,250万円");
        assert_eq!(up_to(81_500), "最大8万1,500円");
        assert_eq!(up_to(9_800), "最大9,800円");
        assert_eq!((super::living::living(Lang::En).up_to)(600_000), "up to ¥600,000");
        assert_eq!((t(Lang::Ja).stale_notice)("2026-11-27 14:05"), "最新のデータを読み込めなかったため、2026年11月27日 14:05に読み込んだデータを表示しています。");
        // Whatever the worker's header holds is shown as it is.
        assert_eq!((t(Lang::Ja).saved_while_loading)("soon"), "最新のデータを読み込むまでの間、soonに読み込んだデータを表示しています。");
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(date_ja("2026-11-25"), "2026年11月25日");
        assert_eq!(date_ja("2021-03"), "2021年3月");
        assert_eq!(date_ja("2024"), "2024年");
        assert_eq!(date_en("2026-11-05"), "5 November 2026");
        assert_eq!(date_en("2021-03"), "March 2021");
        assert_eq!(date_en("2021-12"), "December 2021");
        assert_eq!(date_en("2024"), "2024");
        assert_eq!((t(Lang::Ja).as_of)("2021-03"), "2021年3月時点");
        assert_eq!((t(Lang::En).as_of)("2021-03"), "As of March 2021");
        // Not a date of the data: shown as it is, not guessed at.
        for odd in ["2021-13", "2021-02-30", "soon", "", "2021-3"] {
            assert_eq!(date_ja(odd), odd);
            assert_eq!(date_en(odd), odd);
        }
    }

    #[test]
    fn every_kind_has_a_distinct_name_in_each_language() {
        for lang in Lang::ALL {
            let names: std::collections::HashSet<_> =
                PlaceKind::ALL.iter().map(|k| (t(lang).kind_name)(*k)).collect();
            assert_eq!(names.len(), PlaceKind::ALL.len(), "{lang}");
        }
    }
}
