//! Typed readers for the fields of one JSON object, each reporting what is wrong where.

use super::model::{Facts, Figure, Localized};
use std::collections::HashSet;
use super::problem::{Expected, Issue, Problem, Severity, Where};
use super::validate::{MAX_ID_CHARS, MAX_TEXT_CHARS};
use serde_json::{Map, Value};
use std::str::FromStr;

/// The longest piece of a bad value quoted back in a message, in characters.
const QUOTE_CHARS: usize = 60;

/// A bad value shortened for quoting in a message.
/// Control characters become U+FFFD, so a quoted value cannot break a line or a terminal.
pub fn clip(s: &str) -> String {
    // A bidi override quoted in a message turned the rest of the message around, so invisible
    // format characters are shown as the replacement mark, as control characters are.
    let printable = |c: char| if c.is_control() || is_format(c) { '\u{FFFD}' } else { c };
    let mut out: String = s.chars().take(QUOTE_CHARS).map(printable).collect();
    if s.chars().count() > QUOTE_CHARS {
        out.push('…');
    }
    out
}

/// Lower-case ASCII letters and digits in groups joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID_CHARS
        && s.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn valid_ymd(parts: &[&str]) -> bool {
    let num = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    let Some(year) = parts.first() else { return false };
    if !num(year, 4) {
        return false;
    }
    let month = match parts.get(1) {
        None => return parts.len() == 1,
        Some(m) if num(m, 2) => m.parse::<u32>().unwrap_or(0),
        Some(_) => return false,
    };
    if !(1..=12).contains(&month) {
        return false;
    }
    match parts.get(2) {
        None => parts.len() == 2,
        Some(d) if num(d, 2) && parts.len() == 3 => {
            let day = d.parse::<u32>().unwrap_or(0);
            let y = year.parse::<u32>().unwrap_or(0);
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            (1..=days).contains(&day)
        }
        Some(_) => false,
    }
}

/// `YYYY-MM-DD`.
pub fn is_full_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 3 && valid_ymd(&parts)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn is_partial_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    valid_ymd(&parts)
}

/// Unicode's invisible format characters (general category Cf): bidi marks and overrides, zero
/// widths, the soft hyphen, the byte-order mark, tags.
pub fn is_format(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891 | 0x8E2 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF
        | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
}

/// An `https:` URL whose address reads as what it opens: a host (letters, digits, `-` and `.`,
/// or a bracketed IPv6 address), an optional port, and no white space, control or invisible
/// format characters anywhere. No user name before the host either: in
/// `https://city.example@elsewhere.example/` the text names one site and the link opens
/// another, and a right-to-left override made `…\u{202E}gpj.exe` read as "…exe.jpg". An address
/// a browser cannot open (`https://:443/`) was a dead link, without a word.
pub fn is_https_url(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("https://") else { return false };
    if s.chars().any(|c| c.is_whitespace() || c.is_control() || is_format(c) || c == '\\') {
        return false;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return false;
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((addr, after)) if !addr.is_empty() && addr.chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') => {
                (addr, after.strip_prefix(':'))
            }
            _ => return false,
        },
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    // Letters of any script are left to the browser's own reading of the name (an IDN); ASCII
    // is held to letters, digits and `-` (without the Unicode letter tables, which the page would carry).
    let label_ok = |label: &str| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || !c.is_ascii());
    let host_ok = !host.is_empty()
        && (authority.starts_with('[') || host.strip_suffix('.').unwrap_or(host).split('.').all(label_ok));
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u32>().is_ok_and(|n| n <= 65535));
    host_ok && port_ok
}

/// How many suggestions one file gets (`nearest_id`): each looks through every source, and a file
/// of 1,000 sources and 2,000 records naming unknown ones kept the validator busy for 18 s
/// natively, and would keep a phone's page for minutes.
const SUGGESTIONS_PER_FILE: u32 = 200;

thread_local! {
    /// Suggestions left for the file being read on this thread (one file is read at a time on
    /// a thread: the page's, or each of the validator's and the tests').
    static SUGGESTIONS_LEFT: std::cell::Cell<u32> = const { std::cell::Cell::new(SUGGESTIONS_PER_FILE) };
}

/// A new file's reading begins: it gets its own suggestions.
pub(super) fn reset_suggestions() {
    SUGGESTIONS_LEFT.set(SUGGESTIONS_PER_FILE);
}

/// The listed id one or two edits from `found` (a slip: "gsi-shelter-2025" for "gsi-shelters-2025"),
/// if exactly one is nearest. Looked for only among a file's usual number of sources, and for the
/// first `SUGGESTIONS_PER_FILE` wrong ids of a file, so that a hostile file of many sources and
/// many wrong ones stays fast.
pub fn nearest_id(found: &str, ids: &HashSet<String>) -> Option<String> {
    if ids.len() > 1000 || found.len() > 64 {
        return None;
    }
    let left = SUGGESTIONS_LEFT.get();
    if left == 0 {
        return None;
    }
    SUGGESTIONS_LEFT.set(left - 1);
    // The same id but for case or an invisible character ("S", "s\u{feff}" for "s").
    let plain = |s: &str| s.chars().filter(|c| !c.is_control() && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{FEFF}')).flat_map(char::to_lowercase).collect::<String>();
    let wanted = plain(found);
    if let Some(id) = ids.iter().find(|id| plain(id) == wanted) {
        return Some(clip(id));
    }
    // Otherwise a slip of a letter or two, in an id long enough for that to mean something (an
    // id longer or shorter by more than two is more than two edits away).
    let len = found.chars().count();
    let mut best: Option<(usize, &String)> = None;
    let mut tie = false;
    for id in ids.iter().filter(|id| id.len() <= 64 && len >= 4 && id.chars().count().abs_diff(len) <= 2) {
        let d = edit_distance(found, id);
        if d * 3 > len {
            continue;
        }
        match best {
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tie = true,
            _ if d <= 2 => {
                best = Some((d, id));
                tie = false;
            }
            _ => {}
        }
    }
    best.filter(|_| !tie).map(|(_, id)| clip(id))
}

/// Levenshtein distance in characters, up to 2; any larger distance is 3.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
        // Only slips of one or two count: once every cell is past 2, so is the distance.
        if row.iter().all(|&d| d > 2) {
            return 3;
        }
    }
    row[b.len()]
}

/// Reads fields of one object; problems go to `problems` under `location` and `prefix`.
pub struct Fields<'p> {
    pub location: Where,
    pub prefix: &'static str,
    pub problems: &'p mut Vec<Problem>,
}

impl Fields<'_> {
    fn push(&mut self, field: &str, issue: Issue, severity: Severity) {
        let field = match (self.prefix, field) {
            (p, "") => p.trim_end_matches('.').to_owned(),
            (p, f) => format!("{p}{f}"),
        };
        self.problems.push(Problem { location: self.location.clone(), field, issue, severity });
    }

    /// A problem that leaves the record out.
    pub fn error(&mut self, field: &str, issue: Issue) {
        self.push(field, issue, Severity::Error);
    }

    /// A problem that leaves only the field out.
    pub fn warn(&mut self, field: &str, issue: Issue) {
        self.push(field, issue, Severity::Warning);
    }

    /// Warns of each member not in `known`. A member that is `null` holds nothing, so none is
    /// named: GIS tools write every column on every record, `null` where a record has none (an
    /// area's `url` on every area, a place's `figures` on every place).
    pub fn unknown_fields(&mut self, obj: &Map<String, Value>, known: &[&str]) {
        for (key, value) in obj {
            if !value.is_null() && !known.contains(&key.as_str()) {
                self.warn(&clip(key), Issue::UnknownField);
            }
        }
    }

    /// A trimmed, non-empty string of at most `max` characters; reports with `report`.
    fn string_with(&mut self, v: &Value, field: &str, max: usize, required: bool) -> Option<String> {
        let report = |f: &mut Self, issue| if required { f.error(field, issue) } else { f.warn(field, issue) };
        let Some(s) = v.as_str() else {
            report(self, Issue::WrongType { expected: Expected::String });
            return None;
        };
        let s = s.trim();
        let chars = s.chars().count();
        if s.is_empty() {
            report(self, Issue::Empty);
            None
        } else if chars > max {
            report(self, Issue::TooLong { chars, max });
            None
        } else {
            Some(s.to_owned())
        }
    }

    pub fn required_string(&mut self, obj: &Map<String, Value>, key: &str, max: usize) -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => {
                self.error(key, Issue::Missing);
                None
            }
            Some(v) => self.string_with(v, key, max, true),
        }
    }

    pub fn optional_string(&mut self, obj: &Map<String, Value>, key: &str, max: usize) -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => self.string_with(v, key, max, false),
        }
    }

    fn text_with(&mut self, v: &Value, key: &str, max: usize, required: bool) -> Option<Localized> {
        let Some(obj) = v.as_object() else {
            let issue = crate::domain::problem::not_an_object(v, Expected::Text);
            if required { self.error(key, issue) } else { self.warn(key, issue) }
            return None;
        };
        for k in obj.keys().filter(|k| !matches!(k.as_str(), "ja" | "en")) {
            self.warn(&format!("{key}.{}", clip(k)), Issue::UnknownField);
        }
        // Problems of each language go to a scratch list first: they leave out only that language
        // unless no language is left, and then they leave out the text (and a required one, its record).
        let mut scratch = Vec::new();
        let mut langs = Fields { location: self.location.clone(), prefix: self.prefix, problems: &mut scratch };
        let present = |lang: &str| !matches!(obj.get(lang), None | Some(Value::Null));
        let mut one = |lang: &str| match obj.get(lang) {
            None | Some(Value::Null) => None,
            Some(v) => langs.string_with(v, &format!("{key}.{lang}"), max, false),
        };
        let (ja, en) = (one("ja"), one("en"));
        let survived = ja.is_some() || en.is_some();
        for mut p in scratch {
            if required && !survived {
                p.severity = Severity::Error;
            }
            self.problems.push(p);
        }
        if !survived {
            if !present("ja") && !present("en") {
                if required { self.error(key, Issue::Empty) } else { self.warn(key, Issue::Empty) }
            }
            return None;
        }
        if required {
            for (lang, text) in [("ja", &ja), ("en", &en)] {
                if text.is_none() && !present(lang) {
                    self.warn(&format!("{key}.{lang}"), Issue::MissingTranslation);
                }
            }
        }
        Some(Localized { ja, en })
    }

    /// `{ja, en}` text with at least one language; a missing translation is a warning.
    pub fn required_text(&mut self, obj: &Map<String, Value>, key: &str, max: usize) -> Option<Localized> {
        match obj.get(key) {
            None | Some(Value::Null) => {
                self.error(key, Issue::Missing);
                None
            }
            Some(v) => self.text_with(v, key, max, true),
        }
    }

    pub fn optional_text(&mut self, obj: &Map<String, Value>, key: &str, max: usize) -> Option<Localized> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => self.text_with(v, key, max, false),
        }
    }

    /// The record's `source`: required, and one of `sources`; an error leaves the record out.
    pub fn required_source(&mut self, obj: &Map<String, Value>, sources: &HashSet<String>) -> Option<String> {
        let s = self.required_string(obj, "source", super::validate::MAX_ID_CHARS)?;
        if sources.contains(&s) {
            return Some(s);
        }
        self.error("source", Issue::UnknownSource { found: clip(&s), nearest: nearest_id(&s, sources) });
        None
    }

    /// An `https:` URL; anything else (`javascript:`, `data:`, `http:`) is dropped with a warning.
    pub fn optional_url(&mut self, obj: &Map<String, Value>, key: &str) -> Option<String> {
        let url = self.optional_string(obj, key, MAX_TEXT_CHARS)?;
        if is_https_url(&url) {
            Some(url)
        } else {
            self.warn(key, Issue::NotHttps { found: clip(&url) });
            None
        }
    }

    pub fn optional_date(&mut self, obj: &Map<String, Value>, key: &str) -> Option<String> {
        let s = self.optional_string(obj, key, 10)?;
        if is_partial_date(&s) {
            Some(s)
        } else {
            self.warn(key, Issue::InvalidDate { found: clip(&s) });
            None
        }
    }

    pub fn required_enum<T: FromStr>(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        unknown: impl Fn(String) -> Issue,
    ) -> Option<T> {
        let s = self.required_string(obj, key, MAX_ID_CHARS * 4)?;
        s.parse().ok().or_else(|| {
            self.error(key, unknown(clip(&s)));
            None
        })
    }

    pub fn optional_enum<T: FromStr>(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        unknown: impl Fn(String) -> Issue,
    ) -> Option<T> {
        let s = self.optional_string(obj, key, MAX_ID_CHARS * 4)?;
        s.parse().ok().or_else(|| {
            self.warn(key, unknown(clip(&s)));
            None
        })
    }

    /// The typed facts of a place; a bad fact is left out with a warning.
    pub fn facts(&mut self, obj: &Map<String, Value>, sources: &HashSet<String>, place_source: &str) -> Facts {
        self.unknown_fields(obj, &["students", "international_students", "founded", "opened", "tokyo_minutes"]);
        let count = |v: &Value| match v.as_u64() {
            Some(n) => u32::try_from(n).map_err(|_| Issue::NegativeOrTooLarge),
            None if v.as_i64().is_some() => Err(Issue::NegativeOrTooLarge),
            None if v.is_number() && v.as_f64().is_some_and(|f| f.fract() == 0.0) => Err(Issue::NegativeOrTooLarge),
            None => Err(Issue::WrongType { expected: Expected::Integer }),
        };
        let year = |v: &Value| match v.as_i64() {
            Some(y) if (1000..=2100).contains(&y) => Ok(y as i32),
            Some(_) => Err(Issue::NumberOutOfRange { min: 1000, max: 2100 }),
            None if v.is_number() && v.as_f64().is_some_and(|f| f.fract() == 0.0) => Err(Issue::NumberOutOfRange { min: 1000, max: 2100 }),
            None => Err(Issue::WrongType { expected: Expected::Integer }),
        };
        let date = |v: &Value| match v.as_str() {
            Some(s) if is_partial_date(s) => Ok(s.to_owned()),
            Some(s) => Err(Issue::InvalidDate { found: clip(s) }),
            None => Err(Issue::WrongType { expected: Expected::String }),
        };
        Facts {
            students: self.figure(obj, "students", sources, place_source, count),
            international_students: self.figure(obj, "international_students", sources, place_source, count),
            founded: self.figure(obj, "founded", sources, place_source, year),
            opened: self.figure(obj, "opened", sources, place_source, date),
            tokyo_minutes: self.figure(obj, "tokyo_minutes", sources, place_source, count),
        }
    }

    pub fn figure<T>(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        sources: &HashSet<String>,
        place_source: &str,
        read: impl Fn(&Value) -> Result<T, Issue>,
    ) -> Option<Figure<T>> {
        self.figure_at(obj, key, key, sources, place_source, read)
    }

    /// A figure read from `obj[key]` and reported as `path`. `place_source` is the source a figure
    /// without its own falls back to; where it is empty, each figure must name its source.
    pub fn figure_at<T>(
        &mut self,
        obj: &Map<String, Value>,
        key: &str,
        path: &str,
        sources: &HashSet<String>,
        place_source: &str,
        read: impl Fn(&Value) -> Result<T, Issue>,
    ) -> Option<Figure<T>> {
        let found = obj.get(key)?;
        // Problems name the figure by its path from here on.
        let key = path;
        let fig = match found {
            Value::Object(fig) => fig,
            Value::Null => return None,
            _ => {
                self.warn(key, crate::domain::problem::not_an_object(found, Expected::Object));
                return None;
            }
        };
        for k in fig.keys().filter(|k| !matches!(k.as_str(), "value" | "as_of" | "source" | "estimate" | "basis")) {
            self.warn(&format!("{key}.{}", clip(k)), Issue::UnknownField);
        }
        let value = match fig.get("value") {
            None | Some(Value::Null) => {
                self.warn(&format!("{key}.value"), Issue::Missing);
                return None;
            }
            Some(v) => match read(v) {
                Ok(value) => value,
                Err(Issue::WrongType { expected: expected @ (Expected::Integer | Expected::Number) }) => {
                    self.warn(&format!("{key}.value"), super::problem::not_numbers(&[v], expected));
                    return None;
                }
                Err(issue) => {
                    self.warn(&format!("{key}.value"), issue);
                    return None;
                }
            },
        };
        let as_of = match fig.get("as_of") {
            None | Some(Value::Null) => {
                self.warn(&format!("{key}.as_of"), Issue::Missing);
                return None;
            }
            Some(Value::String(s)) if is_partial_date(s) => s.clone(),
            Some(Value::String(s)) => {
                self.warn(&format!("{key}.as_of"), Issue::InvalidDate { found: clip(s) });
                return None;
            }
            Some(_) => {
                self.warn(&format!("{key}.as_of"), Issue::WrongType { expected: Expected::String });
                return None;
            }
        };
        let source = match fig.get("source") {
            None | Some(Value::Null) if place_source.is_empty() => {
                self.warn(&format!("{key}.source"), Issue::Missing);
                return None;
            }
            None | Some(Value::Null) => place_source.to_owned(),
            Some(Value::String(s)) if sources.contains(s) => s.clone(),
            Some(Value::String(s)) => {
                self.warn(&format!("{key}.source"), Issue::UnknownSource { found: clip(s), nearest: nearest_id(s, sources) });
                return None;
            }
            Some(_) => {
                self.warn(&format!("{key}.source"), Issue::WrongType { expected: Expected::String });
                return None;
            }
        };
        let estimate = match fig.get("estimate") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.warn(&format!("{key}.estimate"), Issue::WrongType { expected: Expected::Bool });
                return None;
            }
        };
        let basis = self.optional_text(fig, "basis", MAX_TEXT_CHARS);
        Some(Figure { value, source, as_of, estimate, basis })
    }
}
