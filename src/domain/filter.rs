//! Search and facets: which places match a text and a set of kinds.
//!
//! Matching folds the differences a Japanese reader does not count as differences: full-width and
//! half-width forms, hiragana and katakana, and letter case (「ながおか」 finds 「ナガオカ」,
//! 「ｎｕｔ」 finds "NUT").

use super::model::{City, Lang, Place, PlaceKind};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Half-width katakana U+FF66..=U+FF9D as full-width katakana, in code point order.
const HALF_KATAKANA: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

fn voiced(c: char) -> Option<char> {
    // カ..ト and ハ..ホ take the voiced mark as the next code point; ウ becomes ヴ.
    match c {
        'ウ' => Some('ヴ'),
        'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ' | 'ツ' | 'テ' | 'ト' | 'ハ'
        | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => char::from_u32(c as u32 + 1),
        _ => None,
    }
}

fn semi_voiced(c: char) -> Option<char> {
    match c {
        'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ' => char::from_u32(c as u32 + 2),
        _ => None,
    }
}

/// Folds text for matching: NFKC-like width folding, katakana to hiragana, lower case,
/// runs of white space to one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_into(&mut out, text);
    out
}

/// `normalize`, appended to `out` (which is empty or ends with a line break).
fn normalize_into(out: &mut String, text: &str) {
    let start = out.len();
    out.reserve(text.len());
    let mut last_space = true;
    let mut rest = text;
    loop {
        // A run of ASCII that folds to itself (no capitals, no spaces or controls) is copied whole.
        let run = rest.bytes().take_while(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase()).count();
        if run > 0 {
            out.push_str(&rest[..run]);
            last_space = false;
            rest = &rest[run..];
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        rest = chars.as_str();
        // The rest of ASCII needs none of the folding below: lower case and white space only, as
        // the general path would do them.
        if c.is_ascii() {
            if c.is_ascii_whitespace() || c == '\u{0B}' {
                if !last_space {
                    out.push(' ');
                }
                last_space = true;
            } else {
                last_space = false;
                out.push(c.to_ascii_lowercase());
            }
            continue;
        }
        let c = match c as u32 {
            // Full-width ASCII.
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            // Half-width katakana and their sound marks.
            0xFF66..=0xFF9D => HALF_KATAKANA.chars().nth((c as u32 - 0xFF66) as usize).unwrap_or(c),
            0xFF9E | 0xFF9F => {
                let mark = c as u32 == 0xFF9E;
                let prev = if out.len() > start { out.pop() } else { None };
                let combined = prev.map(|prev| {
                    let kata = hiragana_to_katakana(prev);
                    let joined = if mark { voiced(kata) } else { semi_voiced(kata) };
                    match joined {
                        Some(j) => katakana_to_hiragana(j),
                        None => {
                            out.push(prev);
                            '\u{0}'
                        }
                    }
                });
                match combined {
                    Some('\u{0}') | None => continue,
                    Some(j) => j,
                }
            }
            _ => c,
        };
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        let c = katakana_to_hiragana(c);
        // Kana and kanji (U+3040..=U+9FFF) have no case: no lookup in the case tables.
        if ('\u{3040}'..='\u{9FFF}').contains(&c) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if out.len() > start && out.ends_with(' ') {
        out.pop();
    }
}

fn katakana_to_hiragana(c: char) -> char {
    match c as u32 {
        0x30A1..=0x30F6 => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

fn hiragana_to_katakana(c: char) -> char {
    match c as u32 {
        0x3041..=0x3096 => char::from_u32(c as u32 + 0x60).unwrap_or(c),
        _ => c,
    }
}

/// What the user asked for: a text and the kinds to show (empty = every kind).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub kinds: BTreeSet<PlaceKind>,
}

/// The folded text of every place, built once per data file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchIndex {
    haystacks: Vec<String>,
}

/// The folded texts of a place, one line each (a word never matches across two texts).
fn haystack(p: &Place) -> String {
    texts_haystack([Some(&p.name), p.description.as_ref(), p.address.as_ref()].into_iter().flatten())
}

/// The areas (indices into `city.areas`, in data order) whose name or description holds every
/// word of `text`, folded as the places' search folds it; none for an empty text. A mover types
/// the neighbourhood they have in mind ("栃尾", "Miyauchi"), which is an area, not a place.
pub fn matching_areas(city: &City, text: &str) -> Vec<usize> {
    let folded = normalize(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return Vec::new();
    }
    city.areas
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            let hay = texts_haystack([Some(&a.name), a.description.as_ref()].into_iter().flatten());
            words.iter().all(|w| hay.contains(w))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The folded texts, both languages of each, one line each.
fn texts_haystack<'a>(texts: impl IntoIterator<Item = &'a super::Localized>) -> String {
    let mut hay = String::new();
    for text in texts {
        for lang in Lang::ALL {
            if let Some(t) = match lang {
                Lang::Ja => &text.ja,
                Lang::En => &text.en,
            } {
                if !hay.is_empty() {
                    hay.push('\n');
                }
                normalize_into(&mut hay, t);
            }
        }
    }
    hay
}

impl SearchIndex {
    pub fn new(city: &City) -> Self {
        SearchIndex { haystacks: city.places.iter().map(haystack).collect() }
    }

    /// Folds up to `step` more places of `city` (whose first places it already holds); whether
    /// it now holds them all.
    pub fn extend(&mut self, city: &City, step: usize) -> bool {
        let from = self.haystacks.len();
        let to = city.places.len().min(from.saturating_add(step));
        self.haystacks.extend(city.places.get(from..to).unwrap_or_default().iter().map(haystack));
        self.haystacks.len() >= city.places.len()
    }

    /// Whether place `index` contains every word of the folded query `words`.
    fn matches_words(&self, index: usize, words: &[&str]) -> bool {
        let hay = &self.haystacks[index];
        words.iter().all(|w| hay.contains(w))
    }

    /// Indices (into `city.places`) of the places that match, in data order.
    pub fn filter(&self, city: &City, query: &Query) -> Vec<usize> {
        with_kinds(city, &self.text_hits(&normalize(&query.text), None), &query.kinds)
    }

    /// For each kind, how many places match the text (whatever kinds are chosen), in `PlaceKind::ALL` order.
    pub fn kind_counts(&self, city: &City, text: &str) -> Vec<(PlaceKind, usize)> {
        count_kinds(city, &self.text_hits(&normalize(text), None))
    }

    /// The places whose text holds every word of the folded text `folded`, in data order: among
    /// `within` when given (an earlier result that holds every match), else among all places.
    pub fn text_hits(&self, folded: &str, within: Option<&[usize]>) -> Vec<usize> {
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        match within {
            Some(earlier) => earlier.iter().copied().filter(|&i| self.matches_words(i, &words)).collect(),
            None => (0..self.haystacks.len()).filter(|&i| self.matches_words(i, &words)).collect(),
        }
    }
}

/// The places of `hits` whose kind is chosen (every kind when `kinds` is empty).
pub fn with_kinds(city: &City, hits: &[usize], kinds: &BTreeSet<PlaceKind>) -> Vec<usize> {
    if kinds.is_empty() {
        return hits.to_vec();
    }
    hits.iter().copied().filter(|&i| city.places.get(i).is_some_and(|p| kinds.contains(&p.kind))).collect()
}

/// How many places of `hits` there are of each kind, in `PlaceKind::ALL` order.
pub fn count_kinds(city: &City, hits: &[usize]) -> Vec<(PlaceKind, usize)> {
    let mut counts = [0usize; PlaceKind::ALL.len()];
    for p in hits.iter().filter_map(|&i| city.places.get(i)) {
        if let Some(slot) = PlaceKind::ALL.iter().position(|k| *k == p.kind) {
            counts[slot] += 1;
        }
    }
    PlaceKind::ALL.iter().copied().zip(counts).collect()
}

/// The text searches along one line of typing, each extending the one before. A longer text
/// only narrows: every word of it holds a word of the shorter one (the last word grew, or words
/// were added), so its matches are searched among the shorter text's, not among every place.
/// Deleting back finds the earlier result again. With 100,000 places, each keystroke after the
/// first searches a few thousand texts instead of all of them.
#[derive(Clone, Debug, Default)]
pub struct SearchTrail {
    steps: Vec<(String, Arc<Vec<usize>>)>,
}

/// The most steps a trail keeps; a longer line of typing starts again from the oldest kept.
const MAX_STEPS: usize = 32;

impl SearchTrail {
    /// The places whose text matches `text`, in data order.
    pub fn search(&mut self, index: &SearchIndex, text: &str) -> Arc<Vec<usize>> {
        let folded = normalize(text);
        while self.steps.last().is_some_and(|(earlier, _)| !folded.starts_with(earlier.as_str())) {
            self.steps.pop();
        }
        if let Some((earlier, hits)) = self.steps.last() {
            if *earlier == folded {
                return hits.clone();
            }
        }
        let hits = Arc::new(index.text_hits(&folded, self.steps.last().map(|(_, h)| h.as_slice())));
        if self.steps.len() == MAX_STEPS {
            self.steps.remove(0);
        }
        self.steps.push((folded, hits.clone()));
        hits
    }
}

/// Search over one data file's places: the index, built a step at a time ahead of need (`warm`)
/// or at once by the first search that needs it, and the trail of the searches typed.
#[derive(Clone, Debug, Default)]
pub struct Searcher {
    index: SearchIndex,
    trail: SearchTrail,
    /// Every place, the result of an empty search.
    all: Option<Arc<Vec<usize>>>,
}

impl Searcher {
    /// The places of `city` whose text matches `text`, in data order. An empty text matches
    /// every place and needs no index, so the first screen never waits for one.
    pub fn search(&mut self, city: &City, text: &str) -> Arc<Vec<usize>> {
        if normalize(text).is_empty() {
            return self.all.get_or_insert_with(|| Arc::new((0..city.places.len()).collect())).clone();
        }
        self.index.extend(city, usize::MAX);
        self.trail.search(&self.index, text)
    }

    /// Folds up to `step` more places ahead of the first search; whether the index is complete.
    pub fn warm(&mut self, city: &City, step: usize) -> bool {
        self.index.extend(city, step)
    }
}
