//! The postMessage protocol between the map in an iframe and its host page, version 1.
//!
//! Every message is an object `{"protocol": "nagaoka-map", "version": 1, "type": …}`. The map sends
//! `ready`, `height`, `selection` and `lang`; the host may send `select`, `setLang` and `setFilters`.
//! Anything else — another protocol, another version, an unknown type, a malformed field — is
//! ignored. Which origins may talk to the map is decided by the app, not here.

use super::fields::is_slug;
use super::model::{Lang, PlaceKind};
use serde_json::{json, Value};
use std::collections::BTreeSet;

pub const PROTOCOL: &str = "nagaoka-map";
pub const VERSION: u64 = 1;

/// A command from the host page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// Select a place by id, or clear the selection.
    Select(Option<String>),
    SetLang(Lang),
    /// Set the search text and the kinds shown (empty = every kind).
    SetFilters { q: String, kinds: BTreeSet<PlaceKind> },
}

/// An event for the host page.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Ready { lang: Lang },
    Selection { place: Option<String> },
    /// The visitor switched the language inside the frame (a host that follows it can too).
    Lang { lang: Lang },
    /// The height the map would like, in CSS pixels.
    Height { px: u32 },
}

/// Reads a command; `None` for anything that is not a well-formed version 1 command.
pub fn parse_command(message: &Value) -> Option<Command> {
    let obj = message.as_object()?;
    if obj.get("protocol")?.as_str()? != PROTOCOL || obj.get("version")?.as_u64()? != VERSION {
        return None;
    }
    match obj.get("type")?.as_str()? {
        "select" => match obj.get("place")? {
            Value::Null => Some(Command::Select(None)),
            Value::String(id) if is_slug(id) => Some(Command::Select(Some(id.clone()))),
            _ => None,
        },
        "setLang" => obj.get("lang")?.as_str()?.parse().ok().map(Command::SetLang),
        "setFilters" => {
            let q = match obj.get("q") {
                None => String::new(),
                Some(v) => v.as_str()?.chars().take(200).collect(),
            };
            let kinds = match obj.get("kinds") {
                None => BTreeSet::new(),
                Some(v) => v.as_array()?.iter().map(|k| k.as_str()?.parse().ok()).collect::<Option<_>>()?,
            };
            Some(Command::SetFilters { q, kinds })
        }
        _ => None,
    }
}

/// The JSON of an event, ready to post.
pub fn event_json(event: &Event) -> Value {
    let mut v = match event {
        Event::Ready { lang } => json!({"type": "ready", "lang": lang.as_str()}),
        Event::Selection { place } => json!({"type": "selection", "place": place}),
        Event::Lang { lang } => json!({"type": "lang", "lang": lang.as_str()}),
        Event::Height { px } => json!({"type": "height", "px": px}),
    };
    // Each `v` above is an object literal, so these insert (indexing a non-object would panic).
    v["protocol"] = json!(PROTOCOL);
    v["version"] = json!(VERSION);
    v
}
