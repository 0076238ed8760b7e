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
    /// City-wide and Tokyo living-cost figures and the support schemes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub costs: Option<PublishedCosts>,
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

/// One place (a Point) or one area (a Point, Polygon or MultiPolygon).
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct PublishedFeature {
    #[serde(rename = "type")]
    pub kind: FeatureTag,
    pub geometry: PublishedGeometry,
    pub properties: PublishedProperties,
}

/// A place, or an area when `kind` is `"area"`.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(untagged)]
// One value per record, read and moved on at once: a Box would add an allocation per record.
#[allow(clippy::large_enum_variant)]
pub enum PublishedProperties {
    Place(PublishedPlace),
    Area(PublishedArea),
}

/// Places are points; areas may also be polygons. Positions are `[longitude, latitude]` in WGS 84
/// degrees (RFC 7946 order); rings are closed (first position = last) and have 4 or more positions.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(tag = "type")]
pub enum PublishedGeometry {
    Point { coordinates: [f64; 2] },
    /// Areas only: the outer ring, then any holes.
    Polygon { coordinates: Vec<Vec<[f64; 2]>> },
    /// Areas only.
    MultiPolygon { coordinates: Vec<Vec<Vec<[f64; 2]>>> },
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
    /// Stations only: the fastest Shinkansen time to Tokyo, minutes. Marks the Shinkansen station.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokyo_minutes: Option<PublishedFigure<u32>>,
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

/// The properties of an area of the city (the old centre or a former municipality).
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedArea {
    /// Unique slug among places and areas.
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$"), length(max = 80)))]
    pub id: String,
    pub kind: AreaTag,
    pub name: PublishedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<PublishedText>,
    /// The city's own area type, where it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_type: Option<PublishedAreaType>,
    /// Id of a source in `meta.sources` for the record itself; each figure may cite its own.
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_precision: Option<PublishedPrecision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location_basis: Option<PublishedText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figures: Option<PublishedMeasures>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AreaTag {
    Area,
}

/// シティ, タウン, 産業 (industrial), 田園 (rural), 中山間 (hilly), シーサイド (seaside).
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PublishedAreaType {
    City,
    Town,
    Industrial,
    Rural,
    Hilly,
    Seaside,
}

/// Figures about a place to live. Money is integer yen; every figure has its as-of date, and its
/// source (required in `meta.costs`, else defaulting to the area's).
#[derive(Serialize, Deserialize, Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedMeasures {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<PublishedFigure<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_km2: Option<PublishedFigure<f64>>,
    /// Monthly rent by layout: `studio` (1R/1K), `1ldk` (1LDK–2DK), `2ldk` (2LDK–3DK), `3ldk`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rent_yen: Option<BTreeMap<PublishedLayout, PublishedFigure<u32>>>,
    /// Monthly rent of private rented housing per tatami, from a survey that covers every city alike.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rent_yen_per_tatami: Option<PublishedFigure<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub land_price_yen_per_m2: Option<PublishedFigure<u32>>,
    /// Snowfall over one winter, cm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snowfall_cm: Option<PublishedFigure<u32>>,
    /// Deepest snow cover of a winter, cm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snow_depth_cm: Option<PublishedFigure<u32>>,
    /// Days with snow on the ground in a winter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snow_cover_days: Option<PublishedFigure<f64>>,
    /// Monthly electricity, gas, other fuel and water, by household.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utilities_yen: Option<BTreeMap<PublishedHousehold, PublishedFigure<u32>>>,
    /// Heating fuel (kerosene), monthly average over the year, by household.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heating_yen: Option<BTreeMap<PublishedHousehold, PublishedFigure<u32>>>,
    /// Owning and running one car, monthly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub car_yen: Option<PublishedFigure<u32>>,
    /// Local public transport for one commuter, monthly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_transport_yen: Option<PublishedFigure<u32>>,
    /// One round trip to Tokyo by Shinkansen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokyo_round_trip_yen: Option<PublishedFigure<u32>>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub enum PublishedLayout {
    #[serde(rename = "studio")]
    Studio,
    #[serde(rename = "1ldk")]
    OneLdk,
    #[serde(rename = "2ldk")]
    TwoLdk,
    #[serde(rename = "3ldk")]
    ThreeLdk,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PublishedHousehold {
    Single,
    Couple,
    Family,
}

/// `meta.costs`: figures for the whole city and for Tokyo's 23 wards, and support schemes.
#[derive(Serialize, Deserialize, Debug, Clone, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedCosts {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<PublishedMeasures>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokyo: Option<PublishedMeasures>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub support: Option<Vec<PublishedSupport>>,
    /// Notes shown with the comparison, e.g. where two figures come from different series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<PublishedText>>,
}

/// One-time money for movers or companies.
#[derive(Serialize, Deserialize, Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PublishedSupport {
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = "^[a-z0-9]+(-[a-z0-9]+)*$"), length(max = 80)))]
    pub id: String,
    pub name: PublishedText,
    /// The most it pays, yen; `source` is required.
    pub amount_yen: PublishedFigure<u32>,
    pub per: PublishedSupportPer,
    /// Households it is for; leave out for company schemes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub households: Option<Vec<PublishedHousehold>>,
    pub conditions: PublishedText,
    /// `https:` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(regex(pattern = "^https://")))]
    pub url: Option<String>,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PublishedSupportPer {
    Household,
    Child,
    Person,
    Company,
}
