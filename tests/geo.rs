//! Distances, projection and clustering on worked examples.

use nagaoka_map::domain::cluster::{cluster, MapItem, NO_CLUSTER_ZOOM};
use nagaoka_map::domain::geo::{distance_m, project, Bounds};
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
    let out = cluster(points.clone(), 10.0, WORLD, 60.0);
    assert_eq!(out.len(), 2, "{out:?}");
    let MapItem::Cluster { count, center, bounds } = &out[0] else { panic!("first is a cluster: {out:?}") };
    assert_eq!(*count, 2);
    assert!((center.lat - (STATION.lat + 0.00025)).abs() < 1e-9);
    assert!(bounds.contains(STATION) && bounds.contains(near));
    assert_eq!(out[1], MapItem::Place(2));
    let all = cluster(points, NO_CLUSTER_ZOOM, WORLD, 60.0);
    assert_eq!(all, vec![MapItem::Place(0), MapItem::Place(1), MapItem::Place(2)]);
}

#[test]
fn only_places_in_view_are_drawn_and_every_one_is_counted_once() {
    let points: Vec<_> = (0..1000)
        .map(|i| (i, LatLng { lat: 37.2 + (i % 50) as f64 * 0.01, lng: 138.6 + (i / 50) as f64 * 0.025 }))
        .collect();
    let view = Bounds { south: 37.2, west: 138.6, north: 37.3, east: 138.7 };
    let inside = points.iter().filter(|(_, p)| view.contains(*p)).count();
    let out = cluster(points, 11.0, view, 60.0);
    let total: usize = out.iter().map(|m| match m { MapItem::Place(_) => 1, MapItem::Cluster { count, .. } => *count }).sum();
    assert_eq!(total, inside);
    assert!(out.len() < inside, "some clustering happened");
}
