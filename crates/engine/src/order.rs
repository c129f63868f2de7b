//! One shared sort for the engine and the widget, to keep the wasm bundle small.
//!
//! Each `sort_by`/`sort_by_key` call with its own element type or closure instantiates the
//! whole standard-library sort (1.5–5 KB of wasm each). These helpers sort a list of indices
//! with a comparator behind `&dyn Fn`, so the standard sort is instantiated once, and then move
//! the elements into that order. They are stable, like `slice::sort_by`.

use std::cmp::Ordering;

/// Indices `0..len` in the stable order `cmp` gives (the one standard-sort instantiation).
fn order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..len).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Whether `0..len` is already in the order `cmp` gives (no neighbours out of order), in which
/// case a stable sort leaves it as it is. (Not inlined: one copy for every element type.)
#[inline(never)]
fn in_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> bool {
    (1..len).all(|i| cmp(i - 1, i) != Ordering::Greater)
}

/// Lists up to this long are ordered in a stack buffer by insertion sort (no allocation).
const SMALL: usize = 24;

/// Fills `idx` (a prefix of `0..len`'s room) with `0..idx.len()` in the stable order `cmp`
/// gives, by insertion sort (for short lists, where it beats the general sort).
fn order_small(idx: &mut [usize], cmp: &dyn Fn(usize, usize) -> Ordering) {
    for i in 0..idx.len() {
        idx[i] = i;
        let mut j = i;
        // Moving only past greater elements keeps equal ones in their order (stable).
        while j > 0 && cmp(idx[j - 1], i) == Ordering::Greater {
            idx[j] = idx[j - 1];
            j -= 1;
        }
        idx[j] = i;
    }
}

/// Sorts `items` stably with the comparator `cmp` (same result as `items.sort_by(cmp)`).
pub fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let mut small = [0usize; SMALL];
    let mut large: Vec<usize>;
    let idx: &mut [usize] = {
        let view: &[T] = items;
        let at = |a: usize, b: usize| match (view.get(a), view.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        };
        // Lists are often sorted already (candidates, cue spans): then nothing to allocate.
        if in_order(view.len(), &at) {
            return;
        }
        // (Native builds only: in the wasm bundle every element type would carry its own copy
        // of this path, for little gain there.)
        let small = small
            .get_mut(..view.len())
            .filter(|_| !cfg!(target_arch = "wasm32"));
        match small {
            Some(idx) => {
                order_small(idx, &at);
                idx
            }
            None => {
                large = order(view.len(), &at);
                &mut large
            }
        }
    };
    // Position `i` must receive the element now at `idx[i]`: follow each cycle of that
    // permutation with swaps (linear), marking placed positions with `idx[p] = p`. `idx` is a
    // permutation of `0..len`, so every index below is in range.
    for start in 0..idx.len() {
        let mut cur = start;
        loop {
            let next = idx[cur];
            idx[cur] = cur;
            if next == start || next == cur {
                break;
            }
            items.swap(cur, next);
            cur = next;
        }
    }
}

/// Sorts `items` stably by `key` (same result as `items.sort_by_key(key)`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in ascending order (same result as `items.sort()`).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `len` pseudo-random (key, position) pairs with keys below `keys`: many equal keys, so
    /// that stability shows in the position.
    fn pairs(seed: u32, len: usize, keys: u32) -> Vec<(u32, usize)> {
        let mut x = seed;
        (0..len)
            .map(|i| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((x >> 16) % keys, i)
            })
            .collect()
    }

    #[test]
    fn matches_the_standard_stable_sort() {
        let items = pairs(12345, 500, 17);
        let mut want = items.clone();
        want.sort_by_key(|p| p.0);
        let mut got = items.clone();
        sort_by_key(&mut got, |p| p.0);
        assert_eq!(got, want);
        let mut want = items.clone();
        want.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1).reverse()));
        let mut got = items.clone();
        sort_by(&mut got, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1).reverse()));
        assert_eq!(got, want);
        let mut want = items.clone();
        want.sort();
        let mut got = items;
        sort(&mut got);
        assert_eq!(got, want);
    }

    #[test]
    fn lists_around_the_small_size_sort_like_the_standard_sort() {
        for len in 2..=2 * SMALL + 1 {
            let items = pairs(99 + len as u32, len, 5);
            let mut want = items.clone();
            want.sort_by_key(|p| p.0);
            let mut got = items;
            sort_by_key(&mut got, |p| p.0);
            assert_eq!(got, want, "length {len}");
        }
    }

    #[test]
    fn short_lists_are_left_alone() {
        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
        let mut one = vec!["a".to_owned()];
        sort(&mut one);
        assert_eq!(one, ["a"]);
    }
}
