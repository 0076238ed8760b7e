//! Validation while the file arrives: each feature is read as soon as its last byte is in, so a
//! large file is read during its download instead of after it.
//!
//! A file of 100,000 places takes about 14 s to download on a phone's link, and its validation
//! took about 4 s of a phone's time after that. Read chunk by chunk, the main thread does that
//! work while it waits for the network anyway, and little is left once the last byte is in.
//!
//! The result is always the one `validate_bytes` gives for the whole file. The stream takes only
//! the shape of a well-formed file (an object whose `type` and `meta` come before its `features`
//! array, each member once, nothing but whitespace between the parts); anything else (a byte-order
//! mark, a syntax error, a part that is not UTF-8, a duplicate member, a file too large) is
//! left to `validate_bytes` on the whole file at the end, so that every message stays as it is.

use super::problem::Problem;
use super::validate::{parse_text, too_large, validate_bytes, Reader, Validated, MAX_FEATURES, MAX_FILE_BYTES};
use serde_json::Value;

/// Where the scan is in the file.
#[derive(Clone, Copy, PartialEq, Debug)]
enum At {
    /// Before the root object.
    Start,
    /// Inside the root object, before a member's key; `first`: before its first member.
    Key { first: bool },
    /// Inside a key.
    KeyText,
    /// After a key, before its colon.
    Colon,
    /// After a colon, before the member's value.
    Value,
    /// Inside a member's value.
    Member,
    /// Inside the features array, before an element; `first`: before its first element.
    Element { first: bool },
    /// Inside an element.
    ElementText,
    /// After an element, before `,` or `]`.
    AfterElement,
    /// After a member, before `,` or `}`.
    AfterMember,
    /// After the root object: only whitespace may follow.
    Done,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Shape {
    /// An object or an array: ends where its brackets balance.
    Nested,
    /// A string: ends at its closing quote.
    Text,
    /// A number, `true`, `false` or `null` (or something broken): ends before `,` `}` `]` or space.
    Scalar,
}

/// The scan of one value (or key), which may span several chunks.
#[derive(Clone, Copy, Debug)]
struct Scan {
    start: usize,
    shape: Shape,
    depth: u32,
    in_text: bool,
    escaped: bool,
}

impl Scan {
    /// Starts a value (or key) at `pos`, its first byte (not whitespace); returns the scan and
    /// where it goes on from: past an opening bracket or quote, at a scalar's first byte.
    fn start(first: u8, pos: usize) -> (Scan, usize) {
        let (shape, depth, in_text) = match first {
            b'{' | b'[' => (Shape::Nested, 1, false),
            b'"' => (Shape::Text, 0, true),
            _ => (Shape::Scalar, 0, false),
        };
        let next = if shape == Shape::Scalar { pos } else { pos + 1 };
        (Scan { start: pos, shape, depth, in_text, escaped: false }, next)
    }

    /// Moves `pos` through `buf`; true once the value has ended (at `pos`, exclusive).
    fn run(&mut self, buf: &[u8], pos: &mut usize) -> bool {
        if self.shape == Shape::Scalar {
            while let Some(&b) = buf.get(*pos) {
                if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                    return true;
                }
                *pos += 1;
            }
            return false;
        }
        while *pos < buf.len() {
            if self.in_text {
                if self.escaped {
                    // The byte after a backslash is escaped, whatever it is (it may be this
                    // chunk's first).
                    self.escaped = false;
                    *pos += 1;
                    continue;
                }
                // Skip to the next quote or backslash: the bulk of a file is text.
                let rest = &buf[*pos..];
                let Some(skip) = rest.iter().position(|&b| b == b'"' || b == b'\\') else {
                    *pos = buf.len();
                    return false;
                };
                *pos += skip + 1;
                if rest[skip] == b'\\' {
                    self.escaped = true;
                    continue;
                }
                self.in_text = false;
                if self.shape == Shape::Text {
                    return true;
                }
                continue;
            }
            let b = buf[*pos];
            *pos += 1;
            match b {
                b'"' => {
                    self.in_text = true;
                }
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        return true;
                    }
                }
                _ => {}
            }
        }
        false
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Validates a data file fed to it in chunks. `finish` gives what `validate_bytes` gives.
///
/// The chunks are kept as they came, for the end; the scan works on a window that holds only the
/// part it has not finished with (at most about one feature and one chunk), so a large file is
/// never copied into one growing buffer (at 100,000 places, that buffer's doublings left about
/// 45 MB more wasm memory behind).
pub struct StreamValidator {
    chunks: Vec<Vec<u8>>,
    total: usize,
    /// The bytes from offset `base` on.
    window: Vec<u8>,
    base: usize,
    /// The scan's offset in the file.
    pos: usize,
    at: At,
    scan: Option<Scan>,
    key: String,
    kind: Option<Value>,
    meta: Option<Value>,
    crs: Option<Value>,
    seen_kind: bool,
    seen_meta: bool,
    seen_features: bool,
    /// Set once `type` and `meta` are in and the features begin.
    reader: Option<Reader>,
    /// Features that came before `type` or `meta`, read at the end.
    pending: Vec<String>,
    count: usize,
    /// The file left the shape the stream takes: `finish` reads it whole.
    off_track: bool,
}

impl Default for StreamValidator {
    fn default() -> Self {
        Self::new()
    }
}

impl StreamValidator {
    pub fn new() -> Self {
        StreamValidator {
            chunks: Vec::new(),
            total: 0,
            window: Vec::new(),
            base: 0,
            pos: 0,
            at: At::Start,
            scan: None,
            key: String::new(),
            kind: None,
            meta: None,
            crs: None,
            seen_kind: false,
            seen_meta: false,
            seen_features: false,
            reader: None,
            pending: Vec::new(),
            count: 0,
            off_track: false,
        }
    }

    /// How many features have been read so far; 0 while they wait for `type` and `meta`, or
    /// once the stream has left the file to `finish`.
    pub fn features_read(&self) -> usize {
        match (&self.reader, self.off_track) {
            (Some(_), false) => self.count,
            _ => 0,
        }
    }

    /// Whether more bytes have come than a data file may have: the file is refused whatever
    /// follows, so the rest need not be read at all.
    pub fn over_limit(&self) -> bool {
        self.total > MAX_FILE_BYTES
    }

    /// Takes the next chunk of the file and reads every feature it completes.
    pub fn push(&mut self, chunk: &[u8]) {
        self.total += chunk.len();
        if self.over_limit() {
            // Refused at the end by its size alone: the bytes are not needed.
            self.leave();
            self.chunks = Vec::new();
            return;
        }
        self.chunks.push(chunk.to_vec());
        if self.off_track {
            return;
        }
        self.window.extend_from_slice(chunk);
        self.run();
        // Let go of what the scan has finished with.
        if self.off_track {
            return;
        }
        // The scan never goes past the window's end, nor back before its start.
        let keep = self.scan.map_or(self.pos, |scan| scan.start.min(self.pos));
        let done = keep.saturating_sub(self.base).min(self.window.len());
        self.window.drain(..done);
        self.base += done;
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.window.get(at.checked_sub(self.base)?).copied()
    }

    /// Gives up the stream: `finish` reads the whole file.
    fn leave(&mut self) {
        self.off_track = true;
        self.window = Vec::new();
        self.reader = None;
        self.pending = Vec::new();
        self.kind = None;
        self.meta = None;
    }

    fn run(&mut self) {
        while !self.off_track {
            if matches!(self.at, At::KeyText | At::Member | At::ElementText) {
                let Some(scan) = self.scan.as_mut() else {
                    self.leave();
                    return;
                };
                let mut at = self.pos - self.base;
                let ended = scan.run(&self.window, &mut at);
                self.pos = self.base + at;
                if !ended {
                    return;
                }
                let (start, end) = (scan.start, self.pos);
                self.scan = None;
                match self.at {
                    At::KeyText => self.key_done(start, end),
                    At::Member => self.member_done(start, end),
                    _ => self.element_done(start, end),
                }
                continue;
            }
            // The other places expect a structural byte, after any whitespace.
            while self.byte(self.pos).is_some_and(is_space) {
                self.pos += 1;
            }
            let Some(b) = self.byte(self.pos) else { return };
            let here = self.pos;
            self.pos += 1;
            self.at = match (self.at, b) {
                (At::Start, b'{') => At::Key { first: true },
                (At::Key { .. }, b'"') => {
                    self.begin(b, here);
                    At::KeyText
                }
                (At::Key { first: true }, b'}') => At::Done,
                (At::Colon, b':') => At::Value,
                (At::Value, b'[') if self.key == "features" => self.features_begin(),
                (At::Value, _) => {
                    self.begin(b, here);
                    At::Member
                }
                (At::Element { first: true }, b']') => At::AfterMember,
                (At::Element { .. }, _) => {
                    self.begin(b, here);
                    At::ElementText
                }
                (At::AfterElement, b',') => At::Element { first: false },
                (At::AfterElement, b']') => At::AfterMember,
                (At::AfterMember, b',') => At::Key { first: false },
                (At::AfterMember, b'}') => At::Done,
                _ => {
                    self.leave();
                    return;
                }
            };
        }
    }

    /// Starts scanning the value (or key) whose first byte `b` is at `here`.
    fn begin(&mut self, b: u8, here: usize) {
        let (scan, next) = Scan::start(b, here);
        self.scan = Some(scan);
        self.pos = next;
    }

    fn text(&self, start: usize, end: usize) -> Option<&str> {
        std::str::from_utf8(self.window.get(start.checked_sub(self.base)?..end.checked_sub(self.base)?)?).ok()
    }

    fn key_done(&mut self, start: usize, end: usize) {
        match self.text(start, end).and_then(|t| serde_json::from_str::<String>(t).ok()) {
            Some(key) => {
                self.key = key;
                self.at = At::Colon;
            }
            None => self.leave(),
        }
    }

    fn member_done(&mut self, start: usize, end: usize) {
        // As the whole-file path does: every member is parsed, one level inside the root.
        let Some(value) = self.text(start, end).and_then(|t| parse_text(t, 1)) else {
            self.leave();
            return;
        };
        let once = match self.key.as_str() {
            "type" => !std::mem::replace(&mut self.seen_kind, true) && self.kind.replace(value).is_none(),
            "meta" => !std::mem::replace(&mut self.seen_meta, true) && self.meta.replace(value).is_none(),
            "crs" => {
                self.crs = Some(value);
                true
            }
            // `features` that is not an array.
            "features" => false,
            _ => true,
        };
        if once {
            self.at = At::AfterMember;
        } else {
            self.leave();
        }
    }

    fn features_begin(&mut self) -> At {
        if std::mem::replace(&mut self.seen_features, true) {
            self.leave();
            return At::Start;
        }
        if self.seen_kind && self.seen_meta {
            match Reader::begin(self.kind.as_ref(), self.meta.as_ref(), 0) {
                Ok(reader) => self.reader = Some(reader),
                Err(_) => self.leave(),
            }
        }
        At::Element { first: true }
    }

    fn element_done(&mut self, start: usize, end: usize) {
        let index = self.count;
        self.count += 1;
        if self.count > MAX_FEATURES {
            self.leave();
            return;
        }
        self.at = At::AfterElement;
        if self.reader.is_none() {
            match self.text(start, end) {
                Some(text) => {
                    let text = text.to_owned();
                    self.pending.push(text);
                }
                None => self.leave(),
            }
            return;
        }
        // Two levels inside the root: the root object and the features array.
        let feature = self.text(start, end).and_then(|t| parse_text(t, 2));
        match (feature, self.reader.as_mut()) {
            (Some(feature), Some(reader)) => reader.feature(index, &feature),
            _ => self.leave(),
        }
    }

    /// The result for the whole file, and its bytes when there are at most `keep` of them (the
    /// app keeps a small file as its last good copy, and no large one).
    pub fn finish(mut self, keep: usize) -> (Result<Validated, Problem>, Option<Vec<u8>>) {
        if self.total > MAX_FILE_BYTES {
            return (Err(too_large(self.total)), None);
        }
        while !self.off_track && self.at == At::Done {
            match self.byte(self.pos) {
                Some(b) if is_space(b) => self.pos += 1,
                Some(_) => self.leave(),
                None => break,
            }
        }
        if !self.off_track && self.at == At::Done && self.seen_features {
            if let Some(read) = self.read_rest() {
                let bytes = (self.total <= keep).then(|| self.chunks.concat());
                return (Ok(read), bytes);
            }
        }
        let bytes = std::mem::take(&mut self.chunks).concat();
        let result = validate_bytes(&bytes);
        (result, (bytes.len() <= keep).then_some(bytes))
    }

    /// The end of a file that kept the stream's shape: the features that waited, then the costs.
    fn read_rest(&mut self) -> Option<Validated> {
        let mut reader = match self.reader.take() {
            Some(reader) => reader,
            None => Reader::begin(self.kind.as_ref(), self.meta.as_ref(), 0).ok()?,
        };
        for (index, text) in std::mem::take(&mut self.pending).iter().enumerate() {
            let feature = parse_text(text, 2)?;
            reader.feature(index, &feature);
        }
        Some(reader.end(self.meta.as_ref(), self.crs.as_ref()))
    }
}
