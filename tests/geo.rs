//! Distances, projection and clustering on worked examples.

use nagaoka_map::domain::cluster::{cluster, cluster_projected, MapItem, NO_CLUSTER_ZOOM, TAGS};
use nagaoka_map::domain::geo::{distance_m, project, project_scaled, Bounds};
use nagaoka_map::domain::LatLng;

const STATION: LatLng = LatLng { lat: 37.44968, lng: 138.85472 };
const NUT: LatLng = LatLng { lat: 37.423877, lng: 138.777854 };
const WORLD: Bounds = Bounds { south: -85.0, west: -180.0, north: 85.0, east: 180.0 };

#[test]
fn distance_between_nagaoka_station_and_nut() {
    // About 7.4 km as the crow flies (checked against an independent haversine calculation).
    let d = distance_m(STATION, NUT);
    assert!((7_350.0..7_500.0).contains(&d), "{d}");
    assert_eq!(distance_m(STATION, STATION), 0.0);
    // One degree of latitude is about 111.2 km.
    let deg = distance_m(LatLng { lat: 37.0, lng: 138.0 }, LatLng { lat: 38.0, lng: 138.0 });
    assert!((deg - 111_195.0).abs() < 50.0, "{deg}");
}

#[test]
fn projection_matches_web_mercator() {
    assert_eq!(project(LatLng { lat: 0.0, lng: 0.0 }, 0.0), (128.0, 128.0));
    let (x, y) = project(LatLng { lat: 0.0, lng: 180.0 }, 1.0);
    assert!((x - 512.0).abs() < 1e-9 && (y - 256.0).abs() < 1e-9);
    let (_, top) = project(LatLng { lat: 85.051_128_78, lng: 0.0 }, 0.0);
    assert!(top.abs() < 1e-6);
}

#[test]
fn nearby_places_cluster_when_zoomed_out_and_split_when_zoomed_in() {
    let near = LatLng { lat: STATION.lat + 0.0005, lng: STATION.lng };
    let points = vec![(0, STATION), (1, near), (2, NUT)];
    let out = cluster(points.clone(), 10.0, WORLD, 52.0, None);
    assert_eq!(out.len(), 2, "{out:?}");
    let MapItem::Cluster { count, center, bounds, pinned, .. } = &out[0] else { panic!("first is a cluster: {out:?}") };
    assert_eq!(*count, 2);
    assert_eq!(*center, STATION, "a cluster stands at the place that started it");
    assert!(!pinned);
    assert!(bounds.contains(STATION) && bounds.contains(near));
    assert_eq!(out[1], MapItem::Place(2));
    let all = cluster(points.clone(), NO_CLUSTER_ZOOM, WORLD, 60.0, None);
    assert_eq!(all, vec![MapItem::Place(0), MapItem::Place(1), MapItem::Place(2)]);
    // Pinned, the second place starts the cluster and the cluster says it holds it.
    let pinned = cluster(points, 10.0, WORLD, 52.0, Some(1));
    assert!(matches!(&pinned[0], MapItem::Cluster { count: 2, center, pinned: true, .. } if *center == near), "{pinned:?}");
}

/// A cluster counts its places by kind (its tag), for its name: "18 places here (Public facility 9,
/// Station 6, Office 3)". A tag past the last counts as the last.
#[test]
fn a_cluster_counts_its_places_by_their_tags() {
    let points: Vec<_> = (0..300)
        .map(|i| {
            let p = LatLng { lat: 37.40 + (i % 20) as f64 * 0.003, lng: 138.80 + (i / 20) as f64 * 0.004 };
            (i, p, project_scaled(p, 1.0), (i % 3) as u8 * if i == 7 { 40 } else { 1 })
        })
        .collect();
    let tag = |i: usize| if i == 7 { TAGS - 1 } else { i % 3 };
    let view = Bounds { south: 37.3, west: 138.7, north: 37.6, east: 138.9 };
    let out = cluster_projected(points.clone(), 11.0, view, 60.0, None);
    let mut clusters = 0;
    let mut seen = [0u32; TAGS];
    for item in &out {
        match item {
            MapItem::Place(i) => seen[tag(*i)] += 1,
            MapItem::Cluster { count, tally, .. } => {
                clusters += 1;
                assert_eq!(tally.iter().sum::<u32>() as usize, *count, "{tally:?} adds up to {count}");
                for (t, n) in tally.iter().enumerate() {
                    seen[t] += n;
                }
            }
        }
    }
    assert!(clusters > 0, "some clustering happened");
    let mut wanted = [0u32; TAGS];
    for i in 0..300 {
        wanted[tag(i)] += 1;
    }
    assert_eq!(seen, wanted, "every place counted once, under its own tag");
}

#[test]
fn only_places_in_view_are_drawn_and_every_one_is_counted_once() {
    let points: Vec<_> = (0..1000)
        .map(|i| (i, LatLng { lat: 37.2 + (i % 50) as f64 * 0.01, lng: 138.6 + (i / 50) as f64 * 0.025 }))
        .collect();
    let view = Bounds { south: 37.2, west: 138.6, north: 37.3, east: 138.7 };
    let inside = points.iter().filter(|(_, p)| view.contains(*p)).count();
    let out = cluster(points, 11.0, view, 60.0, None);
    let total: usize = out.iter().map(|m| match m { MapItem::Place(_) => 1, MapItem::Cluster { count, .. } => *count }).sum();
    assert_eq!(total, inside);
    assert!(out.len() < inside, "some clustering happened");
}

#[test]
fn no_two_markers_are_closer_than_the_radius() {
    use nagaoka_map::domain::geo::project;
    let points: Vec<_> = (0..3000)
        .map(|i| {
            let t = i as f64;
            (i, LatLng { lat: 37.3 + (t * 0.618_034).fract() * 0.3, lng: 138.7 + (t * 0.414_214).fract() * 0.35 })
        })
        .collect();
    let view = Bounds { south: 37.0, west: 138.0, north: 38.0, east: 139.5 };
    for zoom in [10.0, 12.0, 14.0, 16.0] {
        let out = cluster(points.clone(), zoom, view, 52.0, Some(7));
        let at: Vec<_> = out
            .iter()
            .map(|m| match m {
                MapItem::Place(i) => project(points[*i].1, zoom),
                MapItem::Cluster { center, .. } => project(*center, zoom),
            })
            .collect();
        for a in 0..at.len() {
            for b in a + 1..at.len() {
                // Square targets do not overlap when they are apart on either axis.
                let d = (at[a].0 - at[b].0).abs().max((at[a].1 - at[b].1).abs());
                assert!(d >= 52.0 - 1e-9, "zoom {zoom}: markers {a} and {b} are {d} px apart");
            }
        }
        let total: usize = out.iter().map(|m| match m { MapItem::Place(_) => 1, MapItem::Cluster { count, .. } => *count }).sum();
        assert_eq!(total, points.len());
    }
}

/// The map clusters with every place's position projected once at scale 1 and multiplied by the
/// zoom's scale on each redraw (`cluster_projected`); that is the same number, to the last bit, as
/// projecting at the zoom's scale, so the markers are the same as `cluster` draws.
#[test]
fn a_position_projected_once_and_scaled_is_the_position_projected_at_the_scale() {
    let mut seed: u64 = 11;
    for _ in 0..20_000 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let (a, b) = ((seed >> 11) as f64 / (1u64 << 53) as f64, (seed >> 7 & 0xffff) as f64 / 65_535.0);
        let p = LatLng { lat: -89.0 + a * 178.0, lng: -180.0 + b * 360.0 };
        let (ux, uy) = project_scaled(p, 1.0);
        for zoom in [0.0, 5.0, 10.0, 11.5, 13.25, 16.0, 18.0] {
            let scale = 256.0 * 2f64.powf(zoom);
            let (x, y) = project_scaled(p, scale);
            assert_eq!(((ux * scale).to_bits(), (uy * scale).to_bits()), (x.to_bits(), y.to_bits()), "{p:?} at zoom {zoom}");
        }
    }
}

/// A screen-sized view keeps its seeds in a flat grid, a world-sized one in a map of cells: the
/// two must cluster the same points the same way, up to the view's very edges.
#[test]
fn a_screen_sized_view_clusters_as_a_world_sized_one() {
    let city = Bounds { south: 37.30, west: 138.70, north: 37.60, east: 139.00 };
    // Deterministic points over the city, with some on its edges.
    let mut points = Vec::new();
    let mut seed: u64 = 7;
    for i in 0..3_000 {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let (a, b) = ((seed >> 11) as f64 / (1u64 << 53) as f64, (seed >> 7 & 0xffff) as f64 / 65_535.0);
        let p = match i % 100 {
            0 => LatLng { lat: city.south, lng: city.west + b * 0.3 },
            1 => LatLng { lat: city.north, lng: city.east },
            _ => LatLng { lat: city.south + a * 0.3, lng: city.west + b * 0.3 },
        };
        points.push((i, p));
    }
    for zoom in [10.0, 12.0, 13.5, 16.0] {
        for pinned in [None, Some(500)] {
            let flat = cluster(points.clone(), zoom, city, 44.0, pinned);
            let sparse = cluster(points.clone(), zoom, WORLD, 44.0, pinned);
            assert_eq!(flat, sparse, "zoom {zoom}, pinned {pinned:?}");
            let placed: usize = flat.iter().map(|m| match m { MapItem::Place(_) => 1, MapItem::Cluster { count, .. } => *count }).sum();
            assert_eq!(placed, points.len(), "zoom {zoom}: every point is on the map once");
        }
    }
}

#[test]
fn the_city_bounds_are_those_of_the_shipped_outline() {
    use nagaoka_map::domain::geo::CITY_OUTLINE_BOUNDS;
    let text = std::fs::read_to_string(format!("{}/data/base/nagaoka-outline.geojson", env!("CARGO_MANIFEST_DIR"))).expect("the outline ships");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("the outline is JSON");
    let mut b = Bounds { south: f64::MAX, west: f64::MAX, north: f64::MIN, east: f64::MIN };
    fn walk(v: &serde_json::Value, b: &mut Bounds) {
        match v.as_array() {
            Some(pair) if pair.len() == 2 && pair.iter().all(serde_json::Value::is_number) => {
                let (lng, lat) = (pair[0].as_f64().unwrap_or(f64::NAN), pair[1].as_f64().unwrap_or(f64::NAN));
                b.south = b.south.min(lat);
                b.north = b.north.max(lat);
                b.west = b.west.min(lng);
                b.east = b.east.max(lng);
            }
            Some(items) => items.iter().for_each(|x| walk(x, b)),
            None => {}
        }
    }
    for f in doc["features"].as_array().expect("features") {
        walk(&f["geometry"]["coordinates"], &mut b);
    }
    assert_eq!(b, CITY_OUTLINE_BOUNDS);
}

/// The zoom's scale without `powf` (whose `exp2` brings a 4 kB table into the wasm): exactly
/// 256 × 2^zoom at whole and half zooms, the map's own steps, and within a few parts in 10^16
/// between them, so clustering and projection, which both use it, agree with Leaflet.
#[test]
fn zoom_scale_is_256_times_two_to_the_zoom() {
    use nagaoka_map::domain::geo::zoom_scale;
    for half_steps in 0..=44 {
        let z = f64::from(half_steps) / 2.0;
        assert_eq!(zoom_scale(z).to_bits(), (256.0 * 2f64.powf(z)).to_bits(), "zoom {z}");
    }
    for k in 0..=22_000 {
        let z = f64::from(k) / 1000.0;
        let want = 256.0 * 2f64.powf(z);
        assert!(((zoom_scale(z) - want) / want).abs() < 4.0 * f64::EPSILON, "zoom {z}: {} vs {want}", zoom_scale(z));
    }
}

#[test]
fn the_first_view_leaves_out_a_place_far_from_nagaoka_unless_every_place_is() {
    use nagaoka_map::domain::geo::{first_view, NEAR_NAGAOKA};
    let station = LatLng { lat: 37.4478, lng: 138.8545 };
    let kosen = LatLng { lat: 37.4267, lng: 138.8178 };
    // 37.45 typed 36.45: 110 km south, in Gunma.
    let slipped = LatLng { lat: 36.4478, lng: 138.8545 };
    assert!(!NEAR_NAGAOKA.contains(slipped) && NEAR_NAGAOKA.contains(station));
    let view = first_view([station, kosen, slipped]).expect("a view");
    assert_eq!(view, Bounds::of([station, kosen]).expect("bounds"));
    // Only far places: the map still goes to them rather than nowhere.
    assert_eq!(first_view([slipped]), Bounds::of([slipped]));
    assert_eq!(first_view(std::iter::empty::<LatLng>()), None);
}

#[test]
fn the_zoom_that_parts_a_pinned_place_from_its_neighbours_is_the_first_that_clusters_it_alone() {
    use nagaoka_map::domain::cluster::zoom_to_stand_alone;
    let world = |_| Bounds { south: 37.0, west: 138.0, north: 38.0, east: 140.0 };
    let places = [STATION, NUT, LatLng { lat: 37.4480, lng: 138.8560 }];
    let zoom = zoom_to_stand_alone(STATION, places[1..].iter().copied(), 10.0, 16.0, 52.0).expect("parted by 16");
    assert!(zoom > 10.0 && zoom.fract() == 0.0, "{zoom}");
    let alone_at = |z: f64| {
        cluster(places.iter().copied().enumerate(), z, world(z), 52.0, Some(0))
            .iter()
            .any(|item| matches!(item, MapItem::Place(0)))
    };
    assert!(alone_at(zoom), "the pinned place is a marker of its own at {zoom}");
    assert!(!alone_at(zoom - 1.0), "and one zoom less still holds a neighbour");
    // Already alone: the zoom stays.
    assert_eq!(zoom_to_stand_alone(STATION, [NUT], 14.0, 16.0, 52.0), Some(14.0));
    // Two places in one building never part: no zoom is asked for.
    assert_eq!(zoom_to_stand_alone(STATION, [STATION], 10.0, 16.0, 52.0), None);
}
