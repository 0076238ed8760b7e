//! The query string <-> typed view state.
//!
//! Unknown or malformed parameters are ignored one by one; the rest of the URL is still honoured.

use super::costs::{Assumptions, MAX_CHILDREN, MAX_OWN_FARE_THOUSANDS, MAX_TOKYO_TRIPS};
use super::living::{AreaMeasure, Household, Layout};
use super::fields::is_slug;
use super::model::{Lang, LatLng, PlaceKind};
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

/// How the app is being used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Browser,
    Kiosk,
    Embed,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Browser => "browser",
            Mode::Kiosk => "kiosk",
            Mode::Embed => "embed",
        }
    }
}

impl FromStr for Mode {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        [Mode::Browser, Mode::Kiosk, Mode::Embed].into_iter().find(|m| m.as_str() == s).ok_or(())
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The map's centre and zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MapView {
    pub lat: f64,
    pub lng: f64,
    pub zoom: f64,
}

impl MapView {
    /// `lat,lng,zoom`, e.g. `37.4462,138.8513,12`; `None` unless all three are sensible.
    pub fn parse(s: &str) -> Option<MapView> {
        let mut it = s.split(',').map(|p| super::number::parse_f64(p.trim()).filter(|v| v.is_finite()));
        let (lat, lng, zoom) = (it.next()??, it.next()??, it.next()??);
        if it.next().is_some() || !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lng) || !(0.0..=20.0).contains(&zoom) {
            return None;
        }
        Some(MapView { lat, lng, zoom })
    }

    /// Five decimals (about a metre) and whole or half zooms, so URLs stay short.
    pub fn to_param(self) -> String {
        let zoom = (self.zoom * 2.0).round() / 2.0;
        format!("{:.5},{:.5},{}", self.lat, self.lng, zoom)
    }
}

/// What the URL says about the view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ViewState {
    /// `lang=ja|en`.
    pub lang: Option<Lang>,
    /// `data=URL`: another data file (the app checks its origin against the allow-list).
    pub data: Option<String>,
    /// `place=ID`: the selected place.
    pub place: Option<String>,
    /// `mode=browser|kiosk|embed`.
    pub mode: Option<Mode>,
    /// `q=TEXT`: the search text.
    pub q: String,
    /// `kinds=office,coworking`: the kinds shown (none = every kind).
    pub kinds: BTreeSet<PlaceKind>,
    /// `view=LAT,LNG,ZOOM`: the map view.
    pub view: Option<MapView>,
    /// `shortlist=ID,ID`: places starred to take home.
    pub shortlist: Vec<String>,
    /// `area=ID`: the area whose costs are shown.
    pub area: Option<String>,
    /// `layer=land_price|snow_days|population|density`: what the area layer shows.
    pub layer: Option<AreaMeasure>,
    /// `budget=couple,2ldk,car,trips4,fare14`: the choices behind the month's budget (see
    /// `parse_budget`).
    pub budget: Assumptions,
    /// `compare=ID,ID`: the areas compared side by side.
    pub compare: Vec<String>,
    /// `from=LAT,LNG`: the point tapped on the map to measure distances from, with an area
    /// chosen (a shared link lost it).
    pub from: Option<LatLng>,
}

/// `lat,lng` in degrees; `None` unless both are numbers in range.
pub fn parse_point(s: &str) -> Option<LatLng> {
    let mut it = s.split(',').map(|p| super::number::parse_f64(p.trim()).filter(|v| v.is_finite()));
    let (lat, lng) = (it.next()??, it.next()??);
    (it.next().is_none() && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lng)).then_some(LatLng { lat, lng })
}

/// The most places a shortlist holds (and a QR code carries).
pub const MAX_SHORTLIST: usize = 30;
/// The most areas compared at once.
pub const MAX_COMPARE: usize = 3;

/// Reads `budget=`: words apart by commas, each on its own, over the defaults. A household
/// (`single`, `couple`, `family`), a layout (`studio`, `1ldk`, `2ldk`, `3ldk`), `kids2`, `car` or
/// `nocar`, `pass` or `nopass`, `trips4` (round trips to Tokyo a month), `fare14` (the user's own
/// round-trip fare, thousands of yen). An unknown word or a number out of range is ignored.
pub fn parse_budget(value: &str) -> Assumptions {
    let mut a = Assumptions::default();
    let (mut layout, mut kids) = (None, None);
    let number = |word: &str, prefix: &str, max: u8| word.strip_prefix(prefix).and_then(|n| n.parse::<u8>().ok()).filter(|n| *n <= max);
    for word in value.split(',').map(str::trim) {
        match word {
            "car" => a.car = true,
            "nocar" => a.car = false,
            "pass" => a.transit_pass = true,
            "nopass" => a.transit_pass = false,
            _ => {
                if let Ok(h) = word.parse::<Household>() {
                    a = a.for_household(h);
                } else if let Ok(l) = word.parse::<Layout>() {
                    layout = Some(l);
                } else if let Some(n) = number(word, "kids", MAX_CHILDREN) {
                    kids = Some(n);
                } else if let Some(n) = number(word, "trips", MAX_TOKYO_TRIPS) {
                    a.tokyo_trips = n;
                } else if let Some(n) = number(word, "fare", MAX_OWN_FARE_THOUSANDS) {
                    a.own_fare_thousands = n;
                }
            }
        }
    }
    a.layout = layout.unwrap_or(a.layout);
    // Children belong to a family, and a family has at least one.
    if a.household == Household::Family {
        a.children = kids.unwrap_or(a.children).max(1);
    }
    a
}

/// Writes `budget=`'s value: only what differs from the defaults; `None` for the defaults.
pub fn budget_param(a: &Assumptions) -> Option<String> {
    let d = Assumptions::default();
    let usual = d.for_household(a.household);
    let mut words = Vec::new();
    if a.household != d.household {
        words.push(a.household.as_str().to_owned());
    }
    if a.layout != usual.layout {
        words.push(a.layout.as_str().to_owned());
    }
    if a.children != usual.children {
        words.push(format!("kids{}", a.children));
    }
    if a.car != d.car {
        words.push(if a.car { "car" } else { "nocar" }.to_owned());
    }
    if a.transit_pass != d.transit_pass {
        words.push(if a.transit_pass { "pass" } else { "nopass" }.to_owned());
    }
    if a.tokyo_trips != d.tokyo_trips {
        words.push(format!("trips{}", a.tokyo_trips));
    }
    if a.own_fare_thousands != d.own_fare_thousands {
        words.push(format!("fare{}", a.own_fare_thousands));
    }
    (!words.is_empty()).then(|| words.join(","))
}


/// Decodes `application/x-www-form-urlencoded` text: `+` is a space, `%XX` a byte.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes a value for a query string (RFC 3986 unreserved characters stay as they are).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl ViewState {
    /// The tapped point that counts: only with its area, as on screen.
    pub fn from_point(&self) -> Option<LatLng> {
        self.from.filter(|_| self.area.is_some())
    }

    /// Reads a query string, with or without its leading `?`.
    pub fn parse(query: &str) -> ViewState {
        let mut state = ViewState::default();
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode_component(value);
            match key {
                // A tag as a page writes its own (`ja-JP`, `en-GB`, `JA`): a city's template that
                // filled in its page's language got the browser's instead, silently.
                "lang" => state.lang = Lang::from_tag(&value).or(state.lang),
                "data" if !value.is_empty() => state.data = Some(value),
                "place" if is_slug(&value) => state.place = Some(value),
                "mode" => state.mode = value.parse().ok().or(state.mode),
                "q" => state.q = value.trim().chars().take(200).collect(),
                "kinds" => state.kinds = value.split(',').filter_map(|k| k.parse().ok()).collect(),
                "view" => state.view = MapView::parse(&value).or(state.view),
                "from" => state.from = parse_point(&value).or(state.from),
                "area" if is_slug(&value) => state.area = Some(value),
                "layer" => state.layer = value.parse().ok().or(state.layer),
                "budget" => state.budget = parse_budget(&value),
                "compare" => {
                    state.compare.clear();
                    for id in value.split(',').filter(|id| is_slug(id)) {
                        if !state.compare.iter().any(|s| s == id) && state.compare.len() < MAX_COMPARE {
                            state.compare.push(id.to_owned());
                        }
                    }
                }
                "shortlist" => {
                    state.shortlist.clear();
                    for id in value.split(',').filter(|id| is_slug(id)) {
                        if !state.shortlist.iter().any(|s| s == id) && state.shortlist.len() < MAX_SHORTLIST {
                            state.shortlist.push(id.to_owned());
                        }
                    }
                }
                _ => {}
            }
        }
        state
    }

    /// Writes the state as a query string with a leading `?`, or an empty string.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(lang) = self.lang {
            parts.push(format!("lang={lang}"));
        }
        if let Some(mode) = self.mode {
            parts.push(format!("mode={mode}"));
        }
        if let Some(data) = &self.data {
            parts.push(format!("data={}", encode_component(data)));
        }
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode_component(&self.q)));
        }
        if !self.kinds.is_empty() {
            let kinds: Vec<_> = self.kinds.iter().map(|k| k.as_str()).collect();
            parts.push(format!("kinds={}", kinds.join(",")));
        }
        if let Some(place) = &self.place {
            parts.push(format!("place={}", encode_component(place)));
        }
        if let Some(view) = self.view {
            parts.push(format!("view={}", view.to_param()));
        }
        if !self.shortlist.is_empty() {
            parts.push(format!("shortlist={}", self.shortlist.join(",")));
        }
        if let Some(area) = &self.area {
            parts.push(format!("area={}", encode_component(area)));
        }
        if let Some(layer) = self.layer {
            parts.push(format!("layer={layer}"));
        }
        if let Some(budget) = budget_param(&self.budget) {
            parts.push(format!("budget={budget}"));
        }
        if !self.compare.is_empty() {
            parts.push(format!("compare={}", self.compare.join(",")));
        }
        if let Some(p) = self.from {
            parts.push(format!("from={:.5},{:.5}", p.lat, p.lng));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// The language to start in: the URL's, else the browser's first supported one, else Japanese.
pub fn initial_lang(url_lang: Option<Lang>, browser_tags: &[String]) -> Lang {
    url_lang
        .or_else(|| browser_tags.iter().find_map(|t| Lang::from_tag(t)))
        .unwrap_or(Lang::Ja)
}

/// Whether a data file at `origin` may be loaded by a page at `page_origin`.
/// `allowed` is the build-time allow-list of extra origins such as `https://opendata.example.jp`.
pub fn data_origin_allowed(origin: &str, page_origin: &str, allowed: &[&str]) -> bool {
    origin == page_origin || allowed.iter().any(|a| a.trim_end_matches('/') == origin)
}

/// The link a kiosk visitor takes home: the public app at `base` with the language, the selected
/// place, the shortlist, the chosen and compared areas and the data file, and nothing else (no
/// kiosk mode, no search text, and nothing about the visitor: not the household, car or fare
/// chosen for the budget).
pub fn handoff_url(base: &str, state: &ViewState) -> String {
    let phone = ViewState {
        lang: state.lang,
        // Only `mode=browser` goes to the phone: a kiosk build opens in kiosk mode without a
        // `mode`, so its take-home link names the browser's (`take_home_url`).
        mode: state.mode.filter(|m| *m == Mode::Browser),
        data: state.data.clone(),
        place: state.place.clone(),
        shortlist: state.shortlist.clone(),
        area: state.area.clone(),
        compare: state.compare.clone(),
        ..ViewState::default()
    };
    format!("{base}{}", phone.to_query())
}
