//! Areas of the city and the living-cost figures for them, for the whole city and for Tokyo.
//! Everything here has passed `validate`; each figure carries its source and as-of date.

use super::model::{Figure, LatLng, Localized, LocationPrecision};
use std::fmt;
use std::str::FromStr;

/// Implements `as_str`, `ALL`, `FromStr` and `Display` for a closed set whose string is the data
/// value, the URL value, the CSS class and the catalog key at once.
macro_rules! closed_set {
    ($name:ident { $($variant:ident => $s:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }
        impl FromStr for $name {
            type Err = ();
            fn from_str(s: &str) -> Result<Self, ()> {
                $name::ALL.iter().copied().find(|k| k.as_str() == s).ok_or(())
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// The city's own description of an area's character (シティ, タウン, 産業, 田園, 中山間, シーサイド).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AreaType {
    City,
    Town,
    Industrial,
    Rural,
    Hilly,
    Seaside,
}
closed_set!(AreaType {
    City => "city", Town => "town", Industrial => "industrial", Rural => "rural", Hilly => "hilly", Seaside => "seaside"
});

/// Dwelling size bands, as rent surveys group them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Layout {
    /// 1R / 1K, up to about 30 m².
    Studio,
    /// 1LDK to 2DK, about 30–50 m².
    #[default]
    OneLdk,
    /// 2LDK to 3DK, about 50–70 m².
    TwoLdk,
    /// 3LDK and larger, over about 70 m².
    ThreeLdk,
}
closed_set!(Layout { Studio => "studio", OneLdk => "1ldk", TwoLdk => "2ldk", ThreeLdk => "3ldk" });

/// Who moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Household {
    #[default]
    Single,
    Couple,
    /// A couple with children.
    Family,
}
closed_set!(Household { Single => "single", Couple => "couple", Family => "family" });

impl Household {
    /// The layout to start from; the user can change it. A remote worker needs a room to work
    /// in besides the living room, so even a single person starts from 1LDK.
    pub fn usual_layout(self) -> Layout {
        match self {
            Household::Single | Household::Couple => Layout::OneLdk,
            Household::Family => Layout::TwoLdk,
        }
    }
}

/// What a one-time support payment is counted per.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SupportPer {
    Household,
    Child,
    Person,
    Company,
}
closed_set!(SupportPer { Household => "household", Child => "child", Person => "person", Company => "company" });

/// A figure that depends on a key (a layout, a household), each key with its own source.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyed<K, T> {
    pub entries: Vec<(K, Figure<T>)>,
}

impl<K, T> Default for Keyed<K, T> {
    fn default() -> Self {
        Keyed { entries: Vec::new() }
    }
}

impl<K: PartialEq + Copy, T> Keyed<K, T> {
    pub fn get(&self, key: K) -> Option<&Figure<T>> {
        self.entries.iter().find(|(k, _)| *k == key).map(|(_, f)| f)
    }
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Figures about a place to live: an area, the whole city or Tokyo's 23 wards. Money is integer
/// yen; monthly figures are per month.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Measures {
    /// Residents (head count).
    pub population: Option<Figure<u32>>,
    /// Land area in km².
    pub area_km2: Option<Figure<f64>>,
    /// Monthly rent by layout, yen.
    pub rent_yen: Keyed<Layout, u32>,
    /// Monthly rent of private rented housing per tatami (1.62 m²), yen: one series for every city.
    pub rent_yen_per_tatami: Option<Figure<u32>>,
    /// Land price, yen per m².
    pub land_price_yen_per_m2: Option<Figure<u32>>,
    /// Snowfall over a winter (cumulative), cm.
    pub snowfall_cm: Option<Figure<u32>>,
    /// Deepest snow cover in a winter, cm.
    pub snow_depth_cm: Option<Figure<u32>>,
    /// Days with snow on the ground in a winter.
    pub snow_cover_days: Option<Figure<f64>>,
    /// Electricity, gas, other fuel and water, monthly yen, by household.
    pub utilities_yen: Keyed<Household, u32>,
    /// Heating fuel (kerosene), monthly yen averaged over the year, by household.
    pub heating_yen: Keyed<Household, u32>,
    /// Owning and running one car, monthly yen.
    pub car_yen: Option<Figure<u32>>,
    /// Local public transport for one commuter, monthly yen.
    pub local_transport_yen: Option<Figure<u32>>,
    /// One round trip to Tokyo by Shinkansen, yen.
    pub tokyo_round_trip_yen: Option<Figure<u32>>,
}

/// One area of the city: the old city centre or a former municipality.
#[derive(Clone, Debug, PartialEq)]
pub struct Area {
    /// Unique slug, e.g. `tochio`.
    pub id: String,
    pub name: Localized,
    pub description: Option<Localized>,
    pub area_type: Option<AreaType>,
    /// Key of the source of the area record (name, point, type) in `City::sources`.
    pub source: String,
    /// The representative point: the area's given point or its polygon's centre.
    pub centre: LatLng,
    pub precision: Option<LocationPrecision>,
    pub location_basis: Option<Localized>,
    /// Outer rings (first) and holes of each polygon, when the file gives the boundary.
    pub shape: Vec<Vec<Vec<LatLng>>>,
    pub measures: Measures,
}

/// One-time money for people who move, or for companies that open an office.
#[derive(Clone, Debug, PartialEq)]
pub struct Support {
    pub id: String,
    pub name: Localized,
    /// The most it pays, yen.
    pub amount_yen: Figure<u32>,
    pub per: SupportPer,
    /// The households it is for; empty when it is for companies.
    pub households: Vec<Household>,
    pub conditions: Localized,
    /// Always an `https:` URL.
    pub url: Option<String>,
}

/// City-wide and Tokyo figures and the support schemes, from the file's `meta.costs`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Costs {
    /// Figures for the whole city, used where an area has none of its own.
    pub city: Measures,
    /// Tokyo's 23 wards.
    pub tokyo: Measures,
    pub support: Vec<Support>,
    /// Notes that belong with the comparison (e.g. that two rent series differ).
    pub notes: Vec<Localized>,
}

/// A figure the area layer can colour areas by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum AreaMeasure {
    #[default]
    LandPrice,
    SnowDays,
    Population,
    Density,
}
closed_set!(AreaMeasure { LandPrice => "land_price", SnowDays => "snow_days", Population => "population", Density => "density" });

/// A measure's value for an area with the figure (or figures) it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct MeasureValue<'a> {
    pub value: f64,
    /// The figure's as-of date and source (for density, the population's).
    pub as_of: &'a str,
    pub source: &'a str,
    /// Whether it is an estimate, and the note on how it was found (none for density).
    pub estimate: bool,
    pub basis: Option<&'a Localized>,
}

impl<'a> MeasureValue<'a> {
    /// A figure of the data as it stands.
    pub fn of_figure<T: Copy + Into<f64>>(f: &'a Figure<T>) -> MeasureValue<'a> {
        MeasureValue { value: f.value.into(), as_of: &f.as_of, source: &f.source, estimate: f.estimate, basis: f.basis.as_ref() }
    }
}

impl AreaMeasure {
    /// The area's value, or `None` where the data has no figure. Density is people per km², from
    /// the area's population and land area (both as the data gives them, possibly of different years).
    pub fn of<'a>(self, m: &'a Measures) -> Option<MeasureValue<'a>> {
        fn from<T: Copy + Into<f64>>(f: &Option<Figure<T>>) -> Option<MeasureValue<'_>> {
            f.as_ref().map(MeasureValue::of_figure)
        }
        match self {
            AreaMeasure::LandPrice => from(&m.land_price_yen_per_m2),
            AreaMeasure::SnowDays => from(&m.snow_cover_days),
            AreaMeasure::Population => from(&m.population),
            AreaMeasure::Density => {
                let (p, a) = (m.population.as_ref()?, m.area_km2.as_ref()?);
                (a.value > 0.0).then(|| MeasureValue {
                    value: f64::from(p.value) / a.value,
                    as_of: &p.as_of,
                    source: &p.source,
                    estimate: p.estimate || a.estimate,
                    basis: None,
                })
            }
        }
    }
}

/// Number of colour classes on the area layer.
pub const CLASSES: usize = 5;

/// The smallest and the largest of `values`; `None` for none. The ends of the colour classes.
pub fn value_range(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    values.into_iter().fold(None, |acc, v| Some(acc.map_or((v, v), |(lo, hi): (f64, f64)| (lo.min(v), hi.max(v)))))
}

/// The ends of the colour scale for `values`: from 0 (or the smallest value, if one is below 0)
/// to the largest. Every measure is an amount, and a scale from the smallest value made 46 and 53
/// snow days the lightest and the darkest colour: the city centre looked the snowiest of all.
pub fn scale_range(values: impl IntoIterator<Item = f64>) -> Option<(f64, f64)> {
    value_range(values.into_iter().filter(|v| v.is_finite())).map(|(lo, hi)| (lo.min(0.0), hi))
}

/// The colour class (0 = lowest, `CLASSES - 1` = highest) of each value, in proportion along
/// `scale_range`. `None` stays `None` (no figure).
pub fn classes(values: &[Option<f64>]) -> Vec<Option<usize>> {
    let Some((lo, hi)) = scale_range(values.iter().flatten().copied()) else { return vec![None; values.len()] };
    values
        .iter()
        .map(|v| {
            v.filter(|v| v.is_finite()).map(|v| match hi > lo {
                true => (((v - lo) / (hi - lo)) * (CLASSES - 1) as f64).round() as usize,
                false => CLASSES / 2,
            })
        })
        .collect()
}
