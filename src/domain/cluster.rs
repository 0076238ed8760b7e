//! Clustering of the places in view, so that a map of 100,000 places draws a few hundred markers
//! and no two markers overlap.
//!
//! Greedy distance clustering on the screen plane at the current zoom: each place joins the nearest
//! marker already placed within `radius_px` of it (measured as the larger of the horizontal and
//! vertical distances, since markers are squares), or becomes a new marker. Markers stand at the
//! place that started them, so any two markers are at least `radius_px` apart on one axis: with a
//! radius larger than a marker, square touch targets never cover each other. A grid of `radius_px` cells finds
//! the neighbours, so the work is linear in the places in view.

use super::geo::{project_scaled, Bounds};
use super::model::LatLng;
use std::collections::HashMap;

/// From this zoom on, every place is shown on its own.
pub const NO_CLUSTER_ZOOM: f64 = 17.0;

/// How many tags (kinds of place) a cluster counts its places by; a tag is below this.
pub const TAGS: usize = 8;

/// One marker to draw.
#[derive(Clone, Debug, PartialEq)]
pub enum MapItem {
    /// A single place, by its index in the place list.
    Place(usize),
    /// Several places close together on screen, shown at `center` (the first of them).
    /// `pinned` when it holds the pinned (selected) place.
    /// `tally` counts its places by their tag (the kind of place, for its name).
    Cluster { count: usize, center: LatLng, bounds: Bounds, pinned: bool, tally: [u32; TAGS] },
}

struct Seed {
    first: usize,
    at: LatLng,
    x: f64,
    y: f64,
    count: usize,
    bounds: Bounds,
    tally: [u32; TAGS],
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
    let points = points.into_iter().map(|(i, p)| (i, p, project_scaled(p, 1.0), 0));
    cluster_projected(points, zoom, view, radius_px, pinned)
}

/// `cluster` for points that come with their Web Mercator position at scale 1 (`project_scaled(p,
/// 1.0)`), worked out once per data file: a redraw then multiplies instead of taking a tangent, a
/// cosine and a logarithm of every place in view. The result is the same as `cluster`'s, since
/// `project_scaled` scales last. Each point's last field is its tag (below `TAGS`, or counted as
/// the last), by which a cluster counts its places.
pub fn cluster_projected(
    points: impl IntoIterator<Item = (usize, LatLng, (f64, f64), u8)>,
    zoom: f64,
    view: Bounds,
    radius_px: f64,
    pinned: Option<usize>,
) -> Vec<MapItem> {
    let mut points: Vec<(usize, LatLng, (f64, f64), u8)> = points.into_iter().filter(|(_, p, _, _)| view.contains(*p)).collect();
    if let Some(at) = pinned.and_then(|pin| points.iter().position(|(i, _, _, _)| *i == pin)) {
        let first = points.remove(at);
        points.insert(0, first);
    }
    let in_view = points.into_iter();
    if zoom >= NO_CLUSTER_ZOOM {
        return in_view.map(|(i, _, _, _)| MapItem::Place(i)).collect();
    }
    let scale = super::geo::zoom_scale(zoom);
    let mut grid = Grid::new(view, scale, radius_px);
    let mut seeds: Vec<Seed> = Vec::new();
    for (index, p, (ux, uy), tag) in in_view {
        let tag = usize::from(tag).min(TAGS - 1);
        let (x, y) = (ux * scale, uy * scale);
        let (cx, cy) = ((x / radius_px).floor() as i64, (y / radius_px).floor() as i64);
        let mut nearest: Option<(f64, usize)> = None;
        for gx in cx - 1..=cx + 1 {
            for gy in cy - 1..=cy + 1 {
                for &s in grid.get(gx, gy) {
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
                seeds[s].tally[tag] += 1;
                seeds[s].bounds.extend(p);
            }
            None => {
                grid.push(cx, cy, seeds.len());
                let mut tally = [0; TAGS];
                tally[tag] = 1;
                seeds.push(Seed { first: index, at: p, x, y, count: 1, bounds: Bounds::around(p), tally });
            }
        }
    }
    seeds
        .into_iter()
        .map(|s| match s.count {
            1 => MapItem::Place(s.first),
            count => MapItem::Cluster { count, center: s.at, bounds: s.bounds, pinned: Some(s.first) == pinned, tally: s.tally },
        })
        .collect()
}

/// The seeds by grid cell. The view of a screen at any zoom is a few hundred cells (a 4K kiosk's
/// about ten thousand), held in one flat list: at 100,000 places, hashing each cell looked up
/// nine times per place was a quarter of the clustering's time. A view far larger than a screen
/// (only tests ask for one) falls back to a map of the cells in use.
enum Grid {
    Flat { cells: Vec<Vec<usize>>, x0: i64, y0: i64, cols: i64, rows: i64 },
    Sparse(HashMap<(i64, i64), Vec<usize>>),
}

/// The most cells the flat grid holds: 4 MB of empty lists at most.
const MAX_FLAT_CELLS: i64 = 1 << 18;

impl Grid {
    fn new(view: Bounds, scale: f64, radius_px: f64) -> Grid {
        let (xa, ya) = project_scaled(LatLng { lat: view.north, lng: view.west }, scale);
        let (xb, yb) = project_scaled(LatLng { lat: view.south, lng: view.east }, scale);
        let cell = |v: f64| (v / radius_px).floor();
        let (x0, x1) = (cell(xa.min(xb)), cell(xa.max(xb)));
        let (y0, y1) = (cell(ya.min(yb)), cell(ya.max(yb)));
        // One cell of margin on each side, for the neighbours of the cells at the edges.
        let (cols, rows) = (x1 - x0 + 3.0, y1 - y0 + 3.0);
        if cols.is_finite() && rows.is_finite() && cols * rows <= MAX_FLAT_CELLS as f64 {
            let (cols, rows) = (cols as i64, rows as i64);
            let cells = vec![Vec::new(); (cols * rows) as usize];
            Grid::Flat { cells, x0: x0 as i64 - 1, y0: y0 as i64 - 1, cols, rows }
        } else {
            Grid::Sparse(HashMap::new())
        }
    }

    /// Where cell (cx, cy) is in the flat list; `None` outside it.
    fn slot(x0: i64, y0: i64, cols: i64, rows: i64, cx: i64, cy: i64) -> Option<usize> {
        let (c, r) = (cx - x0, cy - y0);
        ((0..cols).contains(&c) && (0..rows).contains(&r)).then(|| (c * rows + r) as usize)
    }

    fn get(&self, cx: i64, cy: i64) -> &[usize] {
        match self {
            Grid::Flat { cells, x0, y0, cols, rows } => Grid::slot(*x0, *y0, *cols, *rows, cx, cy)
                .and_then(|i| cells.get(i))
                .map_or(&[], Vec::as_slice),
            Grid::Sparse(map) => map.get(&(cx, cy)).map_or(&[], Vec::as_slice),
        }
    }

    fn push(&mut self, cx: i64, cy: i64, seed: usize) {
        match self {
            Grid::Flat { cells, x0, y0, cols, rows } => {
                // Every point is inside the view, so its cell is in the list; were one not, it
                // would still be drawn, as a marker no later neighbour joins.
                if let Some(cell) = Grid::slot(*x0, *y0, *cols, *rows, cx, cy).and_then(|i| cells.get_mut(i)) {
                    cell.push(seed);
                }
            }
            Grid::Sparse(map) => map.entry((cx, cy)).or_default().push(seed),
        }
    }
}

/// The smallest zoom, from `from` up to `max` in whole steps, at which no place of `others` is
/// within `radius_px` of `at` on screen (measured as `cluster` does), so that a marker pinned at
/// `at` stands alone instead of holding its neighbours under a "+N"; `from` itself when it
/// already does. `None` when even `max` leaves one with it (places in one building).
pub fn zoom_to_stand_alone(at: LatLng, others: impl IntoIterator<Item = LatLng>, from: f64, max: f64, radius_px: f64) -> Option<f64> {
    let (x, y) = project_scaled(at, 1.0);
    // The nearest neighbour's distance at scale 1: the zoom that parts it parts every other.
    let nearest = others
        .into_iter()
        .map(|p| {
            let (px, py) = project_scaled(p, 1.0);
            (px - x).abs().max((py - y).abs())
        })
        .fold(f64::INFINITY, f64::min);
    let apart = |zoom: f64| nearest * super::geo::zoom_scale(zoom) > radius_px;
    if apart(from) {
        return Some(from);
    }
    let mut zoom = from.floor() + 1.0;
    while zoom <= max {
        if apart(zoom) {
            return Some(zoom);
        }
        zoom += 1.0;
    }
    None
}
