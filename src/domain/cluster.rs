//! Grid clustering of the places in view, so that a map of 100,000 places draws a few hundred markers.
//!
//! Points are bucketed into square cells of `cell_px` screen pixels at the current zoom; a cell
//! with one place shows the place, a cell with more shows a cluster at their centroid. Only places
//! inside the (padded) view are looked at, so the work follows what is on screen.

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
    /// Several places close together on screen.
    Cluster { count: usize, center: LatLng, bounds: Bounds },
}

struct Cell {
    first: usize,
    count: usize,
    lat_sum: f64,
    lng_sum: f64,
    bounds: Bounds,
}

/// Clusters `points` (index, position) that fall inside `view` at `zoom`. The order of the result
/// follows the first place of each cell in `points` order, so it is stable for the same input.
pub fn cluster(points: impl IntoIterator<Item = (usize, LatLng)>, zoom: f64, view: Bounds, cell_px: f64) -> Vec<MapItem> {
    let no_cluster = zoom >= NO_CLUSTER_ZOOM;
    let mut cells: HashMap<(i64, i64), usize> = HashMap::new();
    let mut acc: Vec<Cell> = Vec::new();
    let mut singles = Vec::new();
    for (index, p) in points {
        if !view.contains(p) {
            continue;
        }
        if no_cluster {
            singles.push(MapItem::Place(index));
            continue;
        }
        let (x, y) = project(p, zoom);
        let key = ((x / cell_px).floor() as i64, (y / cell_px).floor() as i64);
        match cells.get(&key) {
            Some(&slot) => {
                let c = &mut acc[slot];
                c.count += 1;
                c.lat_sum += p.lat;
                c.lng_sum += p.lng;
                c.bounds.extend(p);
            }
            None => {
                cells.insert(key, acc.len());
                acc.push(Cell { first: index, count: 1, lat_sum: p.lat, lng_sum: p.lng, bounds: Bounds::around(p) });
            }
        }
    }
    if no_cluster {
        return singles;
    }
    acc.into_iter()
        .map(|c| match c.count {
            1 => MapItem::Place(c.first),
            n => MapItem::Cluster {
                count: n,
                center: LatLng { lat: c.lat_sum / n as f64, lng: c.lng_sum / n as f64 },
                bounds: c.bounds,
            },
        })
        .collect()
}
