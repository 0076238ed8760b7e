//! The data file as published: GeoJSON (RFC 7946) with a `meta` member, format version 1.
//!
//! These types are the reference shape of the file. The JSON Schema in `data/` is generated from
//! them (`cargo run --bin schema`), and a test checks that the shipped file decodes into them
//! strictly. Reading a file for the app goes through `validate`, which walks the same fields one by
//! one so that it can report every problem instead of stopping at the first.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// The format version this app reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The whole file: a GeoJSON FeatureCollection with a `meta` foreign member.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(not(target_arch = "wasm32"), schemars(title = "Nagaoka relocation map data, format version 1"))]
pub struct PublishedFile {
    #[serde(rename = "type")]
    pub kind: FeatureCollectionTag,
    pub meta: PublishedMeta,
    pub features: Vec<PublishedFeature>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub enum FeatureCollectionTag {
    FeatureCollection,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub enum FeatureTag {
    Feature,
}

/// About the file: its format version, when it was updated and every source it cites.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedMeta {
    /// Format version; this app reads version 1.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1, max = 1)))]
    pub version: u32,
    /// Date of the last update, `YYYY-MM-DD`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$")))]
    pub updated: String,
    /// Every source the file cites, by id.
    pub sources: BTreeMap<String, PublishedSource>,
}

/// A cited source.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedSource {
    pub title: PublishedText,
    /// `https:` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = "^https://")))]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<PublishedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The date the source describes or was read: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = r"^\d{4}(-\d{2}(-\d{2})?)?$")))]
    pub as_of: Option<String>,
}

/// Text in Japanese and English; at least one of the two.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedText {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// One place: a GeoJSON Point Feature.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct PublishedFeature {
    #[serde(rename = "type")]
    pub kind: FeatureTag,
    pub geometry: PublishedGeometry,
    pub properties: PublishedPlace,
}

/// Version 1 places are points. Later versions may add polygons for areas.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(tag = "type")]
pub enum PublishedGeometry {
    /// `[longitude, latitude]` in WGS 84 degrees (RFC 7946 order).
    Point { coordinates: [f64; 2] },
}

/// The properties of a place.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedPlace {
    /// Unique slug: lower-case letters, digits and single hyphens.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$"), length(max = 80)))]
    pub id: String,
    pub kind: PublishedKind,
    pub name: PublishedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<PublishedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<PublishedText>,
    /// The place's own web page, `https:` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = "^https://")))]
    pub url: Option<String>,
    /// Id of a source in `meta.sources`.
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_precision: Option<PublishedPrecision>,
    /// How the coordinate was found (which record of which data set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_basis: Option<PublishedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<PublishedFacts>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PublishedKind {
    Office,
    Coworking,
    University,
    Kosen,
    VocationalSchool,
    Station,
    PublicFacility,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PublishedPrecision {
    Exact,
    Building,
    Town,
    Approximate,
}

/// Typed facts; each one carries its own as-of date and, if it differs from the place's, its source.
#[derive(Serialize, Deserialize, Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedFacts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub students: Option<PublishedFigure<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub international_students: Option<PublishedFigure<u32>>,
    /// Year founded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<PublishedFigure<i32>>,
    /// Date opened here: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened: Option<PublishedFigure<String>>,
}

/// A figure with its as-of date, an optional source (default: the place's) and estimate flag.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedFigure<T> {
    pub value: T,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = r"^\d{4}(-\d{2}(-\d{2})?)?$")))]
    pub as_of: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<bool>,
    /// How an estimate was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<PublishedText>,
}
