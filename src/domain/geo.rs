//! Geometry on the sphere and on the Web Mercator plane that Leaflet draws on.

use super::model::LatLng;
use std::f64::consts::PI;

/// Mean earth radius in metres (IUGG).
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Great-circle distance in metres (haversine).
pub fn distance_m(a: LatLng, b: LatLng) -> f64 {
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dlat = la2 - la1;
    let dlng = (b.lng - a.lng).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlng / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

/// A latitude/longitude box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

/// The bounding box of the city's outline, `data/base/nagaoka-outline.geojson` (a test holds the
/// two together): the view of a map with no places to fit, when the data file did not load.
pub const CITY_OUTLINE_BOUNDS: Bounds = Bounds { south: 37.17648, west: 138.644, north: 37.71023, east: 139.12407 };

/// The box of the city's outline and about 1 km around it: a place on the border is inside.
pub const NEAR_NAGAOKA: Bounds = Bounds {
    south: CITY_OUTLINE_BOUNDS.south - 0.01,
    west: CITY_OUTLINE_BOUNDS.west - 0.01,
    north: CITY_OUTLINE_BOUNDS.north + 0.01,
    east: CITY_OUTLINE_BOUNDS.east + 0.01,
};

/// Where the map first goes: the places in and near Nagaoka. A place far outside (a slipped
/// digit, which the validator names) would otherwise shrink the city to a corner of every
/// visitor's first view; it is still on the map. All places when none is near.
pub fn first_view(places: impl IntoIterator<Item = LatLng> + Clone) -> Option<Bounds> {
    Bounds::of(places.clone().into_iter().filter(|p| NEAR_NAGAOKA.contains(*p))).or_else(|| Bounds::of(places))
}

impl Bounds {
    /// The smallest bounds holding every point; `None` for none.
    pub fn of(points: impl IntoIterator<Item = LatLng>) -> Option<Bounds> {
        let mut it = points.into_iter();
        let mut b = Bounds::around(it.next()?);
        it.for_each(|p| b.extend(p));
        Some(b)
    }

    pub fn around(p: LatLng) -> Bounds {
        Bounds { south: p.lat, west: p.lng, north: p.lat, east: p.lng }
    }

    pub fn extend(&mut self, p: LatLng) {
        self.south = self.south.min(p.lat);
        self.north = self.north.max(p.lat);
        self.west = self.west.min(p.lng);
        self.east = self.east.max(p.lng);
    }

    pub fn contains(&self, p: LatLng) -> bool {
        (self.south..=self.north).contains(&p.lat) && (self.west..=self.east).contains(&p.lng)
    }

    /// The box grown by `fraction` of its size on every side.
    pub fn padded(&self, fraction: f64) -> Bounds {
        let dy = (self.north - self.south) * fraction;
        let dx = (self.east - self.west) * fraction;
        Bounds { south: self.south - dy, west: self.west - dx, north: self.north + dy, east: self.east + dx }
    }
}

/// Web Mercator pixel coordinates at `zoom` (256-pixel tiles), as Leaflet's EPSG:3857 uses.
pub fn project(p: LatLng, zoom: f64) -> (f64, f64) {
    project_scaled(p, zoom_scale(zoom))
}

/// 256 × 2^zoom. Exact for whole and half zooms; without `powf`, which LLVM turns into `exp2`
/// and its 4 kB table in the wasm.
pub fn zoom_scale(zoom: f64) -> f64 {
    let whole = zoom.floor();
    let frac = zoom - whole;
    let part = if frac == 0.0 {
        1.0
    } else if frac == 0.5 {
        std::f64::consts::SQRT_2
    } else {
        (frac * std::f64::consts::LN_2).exp()
    };
    256.0 * 2f64.powi(whole as i32) * part
}

/// `project` with the zoom's scale (256 × 2^zoom) worked out once by the caller, for many points.
pub fn project_scaled(p: LatLng, scale: f64) -> (f64, f64) {
    let lat = p.lat.clamp(-85.051_128_78, 85.051_128_78).to_radians();
    let x = (p.lng + 180.0) / 360.0 * scale;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0 * scale;
    (x, y)
}

/// Signed area (in square degrees) and centroid of a closed ring, by the shoelace formula on the
/// longitude/latitude plane: fine for the size of a city.
fn ring_area_centroid(ring: &[LatLng]) -> (f64, LatLng) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for w in ring.windows(2) {
        let cross = w[0].lng * w[1].lat - w[1].lng * w[0].lat;
        a += cross;
        cx += (w[0].lng + w[1].lng) * cross;
        cy += (w[0].lat + w[1].lat) * cross;
    }
    let a = a / 2.0;
    if a.abs() < 1e-12 {
        let n = ring.len().max(1) as f64;
        let lat = ring.iter().map(|p| p.lat).sum::<f64>() / n;
        let lng = ring.iter().map(|p| p.lng).sum::<f64>() / n;
        return (0.0, LatLng { lat, lng });
    }
    (a, LatLng { lat: cy / (6.0 * a), lng: cx / (6.0 * a) })
}

/// The centre of a (multi)polygon: the centroid of its largest outer ring. `None` when there are
/// no rings.
pub fn polygon_centre(polygons: &[Vec<Vec<LatLng>>]) -> Option<LatLng> {
    polygons
        .iter()
        .filter_map(|rings| rings.first())
        .map(|outer| ring_area_centroid(outer))
        .max_by(|a, b| a.0.abs().total_cmp(&b.0.abs()))
        .map(|(_, c)| c)
}

/// Whether `p` lies inside the polygon (outer ring first, then holes), by ray casting.
pub fn polygon_contains(rings: &[Vec<LatLng>], p: LatLng) -> bool {
    let inside = |ring: &[LatLng]| {
        let mut c = false;
        for w in ring.windows(2) {
            let (a, b) = (w[0], w[1]);
            if (a.lat > p.lat) != (b.lat > p.lat) && p.lng < (b.lng - a.lng) * (p.lat - a.lat) / (b.lat - a.lat) + a.lng {
                c = !c;
            }
        }
        c
    };
    match rings.split_first() {
        Some((outer, holes)) => inside(outer) && !holes.iter().any(|h| inside(h)),
        None => false,
    }
}
