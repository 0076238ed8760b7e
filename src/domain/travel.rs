//! Getting around: straight-line distances turned into estimated travel times, and the nearest
//! places first. These are estimates, and the screens say so with the figures used here.

use super::geo::distance_m;
use super::living::Area;
use super::model::{City, LatLng, Place, PlaceKind};

/// Ways to get about town.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Travel {
    Walk,
    Bike,
    Car,
}

impl Travel {
    pub const ALL: [Travel; 3] = [Travel::Walk, Travel::Bike, Travel::Car];

    pub fn as_str(self) -> &'static str {
        match self {
            Travel::Walk => "walk",
            Travel::Bike => "bike",
            Travel::Car => "car",
        }
    }

    /// Average speed in metres per minute. Walking is the 80 m a minute that Japanese property
    /// listings use (不動産の表示に関する公正競争規約); cycling 250 m/min (15 km/h) and driving
    /// 500 m/min (30 km/h, town traffic and lights) are this app's assumptions.
    pub fn metres_per_minute(self) -> f64 {
        match self {
            Travel::Walk => 80.0,
            Travel::Bike => 250.0,
            Travel::Car => 500.0,
        }
    }
}

/// Roads are longer than the straight line; this factor (an assumption, typical of towns) turns
/// a straight-line distance into a route length.
pub const DETOUR_FACTOR: f64 = 1.3;

/// Estimated minutes for a straight-line distance, rounded up, at least 1.
pub fn minutes(straight_m: f64, travel: Travel) -> u32 {
    let route = straight_m.max(0.0) * DETOUR_FACTOR;
    ((route / travel.metres_per_minute()).ceil() as u32).max(1)
}

/// A place and how far it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Reach<'a> {
    pub place: &'a Place,
    /// Straight-line distance, metres.
    pub distance_m: f64,
}

impl Reach<'_> {
    pub fn minutes(&self, travel: Travel) -> u32 {
        minutes(self.distance_m, travel)
    }
}

/// Places of the given kinds (all when `kinds` is empty), nearest first.
pub fn nearest<'a>(city: &'a City, from: LatLng, kinds: &[PlaceKind]) -> Vec<Reach<'a>> {
    let mut out: Vec<Reach<'a>> = city
        .places
        .iter()
        .filter(|p| kinds.is_empty() || kinds.contains(&p.kind))
        .map(|place| Reach { place, distance_m: distance_m(from, place.location) })
        .collect();
    out.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m).then_with(|| a.place.id.cmp(&b.place.id)));
    out
}

/// The `rows` nearest of `found` (nearest first, as `nearest` gives them), and the nearest of
/// each kind that is not among them: from an outlying area the twelve nearest were all stations
/// and offices, and the nearest coworking space, the question a mover asks, was not listed.
pub fn nearest_and_each_kind(found: Vec<Reach<'_>>, rows: usize) -> Vec<Reach<'_>> {
    let mut seen: Vec<PlaceKind> = Vec::new();
    found
        .into_iter()
        .enumerate()
        .filter(|(i, r)| {
            let first = !seen.contains(&r.place.kind);
            if first {
                seen.push(r.place.kind);
            }
            *i < rows || first
        })
        .map(|(_, r)| r)
        .collect()
}

/// The way to Tokyo: the Shinkansen station (a station with a Tokyo time) and the time to it.
#[derive(Clone, Debug, PartialEq)]
pub struct ToTokyo<'a> {
    pub station: Reach<'a>,
    /// The fastest Shinkansen time from the station, minutes.
    pub shinkansen_minutes: u32,
}

impl ToTokyo<'_> {
    /// Door to Tokyo: the estimated time to the station by `travel` plus the Shinkansen.
    pub fn total_minutes(&self, travel: Travel) -> u32 {
        self.station.minutes(travel).saturating_add(self.shinkansen_minutes)
    }
}

/// The nearest station that the data marks with a Shinkansen time to Tokyo.
pub fn to_tokyo(city: &City, from: LatLng) -> Option<ToTokyo<'_>> {
    nearest(city, from, &[PlaceKind::Station]).into_iter().find_map(|station| {
        let shinkansen_minutes = station.place.facts.tokyo_minutes.as_ref()?.value;
        Some(ToTokyo { station, shinkansen_minutes })
    })
}

/// What the comparison shows about an area.
#[derive(Clone, Debug, PartialEq)]
pub struct AreaReach<'a> {
    pub to_tokyo: Option<ToTokyo<'a>>,
    pub university: Option<Reach<'a>>,
    pub workplace: Option<Reach<'a>>,
}

/// Distances from an area's centre to the Shinkansen station, the nearest university (or KOSEN)
/// and the nearest office or coworking space.
pub fn area_reach<'a>(city: &'a City, area: &Area) -> AreaReach<'a> {
    let first = |kinds: &[PlaceKind]| nearest(city, area.centre, kinds).into_iter().next();
    AreaReach {
        to_tokyo: to_tokyo(city, area.centre),
        university: first(&[PlaceKind::University, PlaceKind::Kosen]),
        workplace: first(&[PlaceKind::Office, PlaceKind::Coworking]),
    }
}
