//! Search and facets: which places match a text and a set of kinds.
//!
//! Matching folds the differences a Japanese reader does not count as differences: full-width and
//! half-width forms, hiragana and katakana, and letter case (「ながおか」 finds 「ナガオカ」,
//! 「ｎｕｔ」 finds "NUT").

use super::model::{City, Lang, Place, PlaceKind};
use std::collections::BTreeSet;

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
    let mut last_space = true;
    for c in text.chars() {
        let c = match c as u32 {
            // Full-width ASCII.
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            // Half-width katakana and their sound marks.
            0xFF66..=0xFF9D => HALF_KATAKANA.chars().nth((c as u32 - 0xFF66) as usize).unwrap_or(c),
            0xFF9E | 0xFF9F => {
                let mark = c as u32 == 0xFF9E;
                let combined = out.pop().map(|prev| {
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
        out.extend(c.to_lowercase());
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
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

fn haystack(p: &Place) -> String {
    let mut parts = Vec::new();
    for text in [Some(&p.name), p.description.as_ref(), p.address.as_ref()].into_iter().flatten() {
        for lang in Lang::ALL {
            if let Some(t) = match lang {
                Lang::Ja => &text.ja,
                Lang::En => &text.en,
            } {
                parts.push(normalize(t));
            }
        }
    }
    parts.join("\n")
}

impl SearchIndex {
    pub fn new(city: &City) -> Self {
        SearchIndex { haystacks: city.places.iter().map(haystack).collect() }
    }

    /// Whether place `index` contains every word of the folded query `words`.
    fn matches_words(&self, index: usize, words: &[&str]) -> bool {
        let hay = &self.haystacks[index];
        words.iter().all(|w| hay.contains(w))
    }

    /// Indices (into `city.places`) of the places that match, in data order.
    pub fn filter(&self, city: &City, query: &Query) -> Vec<usize> {
        let folded = normalize(&query.text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        city.places
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                (query.kinds.is_empty() || query.kinds.contains(&p.kind)) && self.matches_words(*i, &words)
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// For each kind, how many places match the text (whatever kinds are chosen), in `PlaceKind::ALL` order.
    pub fn kind_counts(&self, city: &City, text: &str) -> Vec<(PlaceKind, usize)> {
        let folded = normalize(text);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let mut counts = [0usize; PlaceKind::ALL.len()];
        for (i, p) in city.places.iter().enumerate() {
            if self.matches_words(i, &words) {
                if let Some(slot) = PlaceKind::ALL.iter().position(|k| *k == p.kind) {
                    counts[slot] += 1;
                }
            }
        }
        PlaceKind::ALL.iter().copied().zip(counts).collect()
    }
}
