//! The order of the map's markers in the page, which is the order Tab takes them in.

/// The order a sighted reader takes markers in: rows from the top, each from left to right.
/// `points` are screen positions (x to the right, y down); a row holds the points no more than
/// `row_px` below its highest one. Returns the points' indices in that order. The map's markers
/// are put in the page in this order, so that Tab goes across the map as the eye does: in the
/// order they were added, it jumped about the city and, after a pan, to the newest ones.
pub fn reading_order(points: &[(f64, f64)], row_px: f64) -> Vec<usize> {
    let mut by_height: Vec<usize> = (0..points.len()).collect();
    by_height.sort_by(|&a, &b| points[a].1.total_cmp(&points[b].1).then(points[a].0.total_cmp(&points[b].0)));
    let mut order = Vec::with_capacity(points.len());
    let mut rest = by_height.as_slice();
    while let Some(&first) = rest.first() {
        let top = points[first].1;
        // The first point is always in its row (a NaN height compares with nothing).
        let len = 1 + rest[1..].iter().take_while(|&&i| points[i].1 - top <= row_px).count();
        let (row, after) = rest.split_at(len);
        let mut row = row.to_vec();
        row.sort_by(|&a, &b| points[a].0.total_cmp(&points[b].0).then(points[a].1.total_cmp(&points[b].1)));
        order.extend(row);
        rest = after;
    }
    order
}

/// Which markers can stay where they are while the rest are moved into reading order. `now`
/// holds, in the page's current order, each marker's place in the wanted order; the answer says,
/// for each of them, whether it stays. As many stay as can (the longest run already in order),
/// and always `pinned` (a position in `now`): the marker with the keyboard's focus, which a move
/// would take the focus from.
pub fn stay_in_place(now: &[usize], pinned: Option<usize>) -> Vec<bool> {
    let mut stays = vec![false; now.len()];
    match pinned.filter(|&p| p < now.len()) {
        Some(p) => {
            let f = now[p];
            stays[p] = true;
            let before: Vec<usize> = (0..p).filter(|&i| now[i] < f).collect();
            let after: Vec<usize> = (p + 1..now.len()).filter(|&i| now[i] > f).collect();
            for part in [before, after] {
                let values: Vec<usize> = part.iter().map(|&i| now[i]).collect();
                for k in longest_increasing(&values) {
                    stays[part[k]] = true;
                }
            }
        }
        None => {
            for k in longest_increasing(now) {
                stays[k] = true;
            }
        }
    }
    stays
}

/// The positions of one longest strictly increasing run in `values` (patience sorting).
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    // tails[l]: the position of the smallest last value of a run of length l + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let l = tails.partition_point(|&t| values[t] < v);
        previous[i] = l.checked_sub(1).map(|k| tails[k]);
        if l == tails.len() {
            tails.push(i);
        } else {
            tails[l] = i;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(i) = at {
        run.push(i);
        at = previous[i];
    }
    run.reverse();
    run
}
