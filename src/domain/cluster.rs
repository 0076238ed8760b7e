//! Clustering of the places in view, so that a map of 100,000 places draws a few hundred markers
//! and no two markers overlap.
//!
//! Greedy distance clustering on the screen plane at the current zoom: each place joins the nearest
//! marker already placed within `radius_px` of it (measured as the larger of the horizontal and
//! vertical distances, since markers are squares), or becomes a new marker. Markers stand at the
//! place that started them, so any two markers are at least `radius_px` apart on one axis: with a
//! radius larger than a marker, square touch targets never cover each other. A grid of `radius_px` cells finds
//! the neighbours, so the work is linear in the places in view.

use super::geo::{project, Bounds};
use super::model::LatLng;
use std::collections::HashMap;

/// From this zoom on, every place is shown on its own.
pub const NO_CLUSTER_ZOOM: f64 = 17.0;

/// One marker to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum MapItem {
    /// A single place, by its index in the place list.
    Place(usize),
    /// Several places close together on screen, shown at `center` (the first of them).
    /// `pinned` when it holds the pinned (selected) place.
    Cluster { count: usize, center: LatLng, bounds: Bounds, pinned: bool },
}

struct Seed {
    first: usize,
    at: LatLng,
    x: f64,
    y: f64,
    count: usize,
    bounds: Bounds,
}

/// Clusters `points` (index, position) that fall inside `view` at `zoom`. The result follows the
/// order of `points`, so it is the same for the same input. A `pinned` place (the selected one)
/// is placed first, so it is shown at its own position: alone, or as the cluster that holds it.
pub fn cluster(
    points: impl IntoIterator<Item = (usize, LatLng)>,
    zoom: f64,
    view: Bounds,
    radius_px: f64,
    pinned: Option<usize>,
) -> Vec<MapItem> {
    let mut points: Vec<(usize, LatLng)> = points.into_iter().filter(|(_, p)| view.contains(*p)).collect();
    if let Some(at) = pinned.and_then(|pin| points.iter().position(|(i, _)| *i == pin)) {
        let first = points.remove(at);
        points.insert(0, first);
    }
    let in_view = points.into_iter();
    if zoom >= NO_CLUSTER_ZOOM {
        return in_view.map(|(i, _)| MapItem::Place(i)).collect();
    }
    let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    let mut seeds: Vec<Seed> = Vec::new();
    for (index, p) in in_view {
        let (x, y) = project(p, zoom);
        let (cx, cy) = ((x / radius_px).floor() as i64, (y / radius_px).floor() as i64);
        let mut nearest: Option<(f64, usize)> = None;
        for gx in cx - 1..=cx + 1 {
            for gy in cy - 1..=cy + 1 {
                for &s in grid.get(&(gx, gy)).map(Vec::as_slice).unwrap_or(&[]) {
                    let d = (seeds[s].x - x).abs().max((seeds[s].y - y).abs());
                    if d < radius_px && nearest.is_none_or(|(best, _)| d < best) {
                        nearest = Some((d, s));
                    }
                }
            }
        }
        match nearest {
            Some((_, s)) => {
                seeds[s].count += 1;
                seeds[s].bounds.extend(p);
            }
            None => {
                grid.entry((cx, cy)).or_default().push(seeds.len());
                seeds.push(Seed { first: index, at: p, x, y, count: 1, bounds: Bounds::around(p) });
            }
        }
    }
    seeds
        .into_iter()
        .map(|s| match s.count {
            1 => MapItem::Place(s.first),
            count => MapItem::Cluster { count, center: s.at, bounds: s.bounds, pinned: Some(s.first) == pinned },
        })
        .collect()
}
