//! The markers' order in the page: reading order, moving as few as can be.

use nagaoka_map::domain::order::{reading_order, stay_in_place};

#[test]
fn markers_are_read_in_rows_from_the_top_each_from_the_left() {
    // Two rows: a marker 10 px lower on the left is still read before one on the right.
    let points = [(300.0, 10.0), (100.0, 20.0), (200.0, 200.0), (50.0, 190.0), (500.0, 0.0)];
    assert_eq!(reading_order(&points, 44.0), vec![1, 0, 4, 3, 2]);
    // A lower point more than a row below the row's top starts the next row.
    let points = [(0.0, 0.0), (300.0, 30.0), (10.0, 60.0)];
    assert_eq!(reading_order(&points, 44.0), vec![0, 1, 2]);
    assert_eq!(reading_order(&points, 20.0), vec![0, 1, 2]);
    let points = [(300.0, 0.0), (0.0, 30.0), (10.0, 60.0)];
    assert_eq!(reading_order(&points, 20.0), vec![0, 1, 2]);
    assert_eq!(reading_order(&points, 44.0), vec![1, 0, 2]);
    assert_eq!(reading_order(&[], 44.0), Vec::<usize>::new());
    // Every index once, whatever the input (NaN included).
    let points = [(f64::NAN, 1.0), (1.0, f64::NAN), (2.0, 2.0), (0.0, 0.0)];
    let mut order = reading_order(&points, 44.0);
    order.sort_unstable();
    assert_eq!(order, vec![0, 1, 2, 3]);
}

/// Applies `stay_in_place` as the map does: the markers that do not stay are moved, from the last
/// wanted to the first, before the next wanted one. Returns the page's order after.
fn apply(now: &[usize], pinned: Option<usize>) -> (Vec<usize>, usize) {
    let stays = stay_in_place(now, pinned);
    let mut page: Vec<usize> = now.to_vec();
    let n = now.len();
    let mut moved = 0;
    for want in (0..n).rev() {
        let at = now.iter().position(|&v| v == want).unwrap_or(usize::MAX);
        if stays.get(at).copied().unwrap_or(true) {
            continue;
        }
        moved += 1;
        page.retain(|&v| v != want);
        let to = if want + 1 < n { page.iter().position(|&v| v == want + 1).unwrap_or(page.len()) } else { page.len() };
        page.insert(to, want);
    }
    (page, moved)
}

#[test]
fn markers_already_in_order_stay_and_the_focused_one_never_moves() {
    assert_eq!(stay_in_place(&[0, 1, 2, 3], None), vec![true; 4]);
    assert_eq!(apply(&[0, 1, 2, 3], None), (vec![0, 1, 2, 3], 0));
    // One new marker added at the end that belongs first: only it moves.
    assert_eq!(apply(&[1, 2, 3, 0], None), (vec![0, 1, 2, 3], 1));
    // The focused marker (position 3, wanted first) stays; the three others move around it.
    let stays = stay_in_place(&[1, 2, 3, 0], Some(3));
    assert_eq!(stays, vec![false, false, false, true]);
    assert_eq!(apply(&[1, 2, 3, 0], Some(3)), (vec![0, 1, 2, 3], 3));
    assert_eq!(stay_in_place(&[], None), Vec::<bool>::new());
    assert_eq!(stay_in_place(&[0], Some(5)), vec![true]);
}

#[test]
fn every_order_ends_in_reading_order_with_the_fewest_moves() {
    // Every order of up to 7 markers, with and without each focused one: the result is always
    // the wanted order, the focused marker never moves, and without focus as few move as can
    // (n minus the longest run already in order, found here by trying every subset).
    fn permutations(n: usize) -> Vec<Vec<usize>> {
        if n == 0 {
            return vec![vec![]];
        }
        let mut all = Vec::new();
        for p in permutations(n - 1) {
            for at in 0..=p.len() {
                let mut q = p.clone();
                q.insert(at, n - 1);
                all.push(q);
            }
        }
        all
    }
    for n in 0..=7 {
        for now in permutations(n) {
            let want: Vec<usize> = (0..n).collect();
            let longest = (0u32..1 << n)
                .filter(|mask| {
                    let kept: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).map(|i| now[i]).collect();
                    kept.windows(2).all(|w| w[0] < w[1])
                })
                .map(u32::count_ones)
                .max()
                .unwrap_or(0) as usize;
            let (page, moved) = apply(&now, None);
            assert_eq!(page, want, "{now:?}");
            assert_eq!(moved, n - longest, "{now:?}");
            for p in 0..n {
                let stays = stay_in_place(&now, Some(p));
                assert!(stays[p], "{now:?} focus at {p}");
                let (page, _) = apply(&now, Some(p));
                assert_eq!(page, want, "{now:?} focus at {p}");
            }
        }
    }
}
