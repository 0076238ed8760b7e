//! The JSON Schema of the published file, generated from `decode`'s types (native builds only).

use super::decode::PublishedFile;

/// The schema as pretty-printed JSON.
pub fn schema_json() -> String {
    let mut schema = schemars::schema_for!(PublishedFile);
    schema.insert("$id".into(), "nagaoka.schema.json".into());
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
