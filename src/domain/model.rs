//! The validated model of the city: what the rest of the app works with.
//! Everything here has passed `validate`; nothing here touches the browser.

use super::living::{Area, Costs};
use std::fmt;
use std::str::FromStr;

/// The interface and data languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Picks a language from a BCP 47 tag such as `en-GB` or `ja-JP`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        primary.parse().ok()
    }
}

impl FromStr for Lang {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "ja" => Ok(Lang::Ja),
            "en" => Ok(Lang::En),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text in Japanese and English. At least one of the two is present (validation enforces it).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Localized {
    pub ja: Option<String>,
    pub en: Option<String>,
}

/// A text picked for a language, and whether it had to fall back to the other language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Picked<'a> {
    pub text: &'a str,
    /// The language the text is actually in.
    pub lang: Lang,
    /// True when the wanted language was missing and the other one is shown.
    pub is_fallback: bool,
}

impl Localized {
    pub fn new(ja: &str, en: &str) -> Self {
        Localized { ja: Some(ja.to_owned()), en: Some(en.to_owned()) }
    }

    fn in_lang(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Ja => self.ja.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    /// The text in `lang`, else in the other language (English missing shows Japanese, and back).
    pub fn pick(&self, lang: Lang) -> Picked<'_> {
        if let Some(text) = self.in_lang(lang) {
            return Picked { text, lang, is_fallback: false };
        }
        let other = match lang {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        };
        Picked { text: self.in_lang(other).unwrap_or(""), lang: other, is_fallback: true }
    }

    /// Shorthand for the picked text alone.
    pub fn get(&self, lang: Lang) -> &str {
        self.pick(lang).text
    }
}

/// True for the characters of written Japanese: kana, kanji, Japanese punctuation and full-width
/// forms.
fn is_japanese_char(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}' // punctuation, 々, 〆
        | '\u{3040}'..='\u{30FF}' // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}' // katakana extensions
        | '\u{3400}'..='\u{4DBF}' // kanji, extension A
        | '\u{4E00}'..='\u{9FFF}' // kanji
        | '\u{F900}'..='\u{FAFF}' // compatibility kanji
        | '\u{FF00}'..='\u{FFEF}' // full-width and half-width forms
        | '\u{20000}'..='\u{2FFFF}') // rarer kanji
}

/// Splits a text in another language into its runs, marking the runs written in Japanese, so that
/// a Japanese name quoted in an English text ("the point of “城内町二丁目” (Jonai-cho)") can carry
/// its own `lang` and is read by a Japanese voice (WCAG 3.1.2). Two Japanese runs with only
/// punctuation or digits between them ("{上越線,越後線}") are one run. Concatenated, the runs are
/// the text.
pub fn japanese_runs(text: &str) -> Vec<(bool, &str)> {
    let mut runs: Vec<(bool, &str)> = Vec::new();
    // Byte ranges of the Japanese runs, before merging across punctuation.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_japanese_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in spans {
        match merged.last_mut() {
            Some(last) if text[last.1..s].chars().all(|c| !c.is_alphabetic() && !c.is_whitespace()) => last.1 = e,
            _ => merged.push((s, e)),
        }
    }
    let mut at = 0;
    for (s, e) in merged {
        if s > at {
            runs.push((false, &text[at..s]));
        }
        runs.push((true, &text[s..e]));
        at = e;
    }
    if at < text.len() || runs.is_empty() {
        runs.push((false, &text[at..]));
    }
    runs
}

/// A closed set of place kinds. The same string is the data value, the URL value and the CSS class.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceKind {
    Office,
    Coworking,
    University,
    Kosen,
    VocationalSchool,
    Station,
    PublicFacility,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 7] = [
        PlaceKind::Office,
        PlaceKind::Coworking,
        PlaceKind::University,
        PlaceKind::Kosen,
        PlaceKind::VocationalSchool,
        PlaceKind::Station,
        PlaceKind::PublicFacility,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Office => "office",
            PlaceKind::Coworking => "coworking",
            PlaceKind::University => "university",
            PlaceKind::Kosen => "kosen",
            PlaceKind::VocationalSchool => "vocational_school",
            PlaceKind::Station => "station",
            PlaceKind::PublicFacility => "public_facility",
        }
    }
}

impl FromStr for PlaceKind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        PlaceKind::ALL.into_iter().find(|k| k.as_str() == s).ok_or(())
    }
}

impl fmt::Display for PlaceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How exactly a coordinate marks the place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LocationPrecision {
    /// The point of the place itself, from a survey-grade source.
    Exact,
    /// A point on the building or its lot.
    Building,
    /// A point for the town or chōme the address names; the place may be a kilometre or more away.
    Town,
    /// A rough position; the basis says how it was found.
    Approximate,
}

impl LocationPrecision {
    pub const ALL: [LocationPrecision; 4] = [
        LocationPrecision::Exact,
        LocationPrecision::Building,
        LocationPrecision::Town,
        LocationPrecision::Approximate,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LocationPrecision::Exact => "exact",
            LocationPrecision::Building => "building",
            LocationPrecision::Town => "town",
            LocationPrecision::Approximate => "approximate",
        }
    }
}

impl FromStr for LocationPrecision {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        LocationPrecision::ALL.into_iter().find(|k| k.as_str() == s).ok_or(())
    }
}

/// A WGS 84 position in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLng {
    pub lat: f64,
    pub lng: f64,
}

/// A figure with where it comes from. `source` is a key of `City::sources`.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure<T> {
    pub value: T,
    pub source: String,
    /// The date the figure describes, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: String,
    /// True when the figure is an estimate; `basis` says how it was made.
    pub estimate: bool,
    pub basis: Option<Localized>,
}

/// Typed facts about a place. Each one is optional and carries its own source.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Facts {
    /// Enrolled students (head count).
    pub students: Option<Figure<u32>>,
    /// Enrolled international students (head count).
    pub international_students: Option<Figure<u32>>,
    /// Year founded.
    pub founded: Option<Figure<i32>>,
    /// Date it opened at this place (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub opened: Option<Figure<String>>,
    /// Stations only: the fastest Shinkansen time to Tokyo, minutes.
    pub tokyo_minutes: Option<Figure<u32>>,
}

/// One place on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Unique slug, e.g. `nagaoka-university-of-technology`.
    pub id: String,
    pub kind: PlaceKind,
    pub name: Localized,
    pub description: Option<Localized>,
    pub address: Option<Localized>,
    /// Always an `https:` URL.
    pub url: Option<String>,
    /// Key of the source in `City::sources`.
    pub source: String,
    pub location: LatLng,
    pub precision: Option<LocationPrecision>,
    pub location_basis: Option<Localized>,
    pub facts: Facts,
}

/// A source the data cites.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: Localized,
    /// Always an `https:` URL when present.
    pub url: Option<String>,
    pub publisher: Option<Localized>,
    pub license: Option<String>,
    /// The date the source describes or was read, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: Option<String>,
}

/// The whole validated data file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct City {
    pub version: u32,
    /// The date the file was last updated, `YYYY-MM-DD`.
    pub updated: String,
    /// Sources in file order.
    pub sources: Vec<Source>,
    pub places: Vec<Place>,
    /// Areas in file order.
    pub areas: Vec<Area>,
    pub costs: Costs,
}

impl City {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.places.iter().find(|p| p.id == id)
    }

    pub fn area(&self, id: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// Whether a place or an area has this id (they share the shortlist and never repeat ids).
    pub fn has(&self, id: &str) -> bool {
        self.place(id).is_some() || self.area(id).is_some()
    }
}
