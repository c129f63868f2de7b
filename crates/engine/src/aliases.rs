//! Alias matching for the linker: a trie over whole tokens, leftmost-longest.
//!
//! Alias patterns and sentences are normalised the same way ([`crate::universe::normalize_into`]):
//! tokens separated by two spaces, patterns written with one space at each end (`" apple  inc "`).
//! So every match starts and ends on token boundaries, and leftmost-longest matching over bytes
//! is the same as leftmost-longest matching over tokens. A trie keyed by interned tokens needs no
//! failure links: over the universe's ~4,100 patterns it builds in about 0.5 ms natively, where
//! the Aho-Corasick automaton took about 9 ms (and most of the widget's first-analysis time in
//! the browser), and a search walks at most the longest pattern's token count from each token. `tests/aliases_equivalence.rs` checks that it finds exactly the matches of
//! the `aho-corasick` crate's leftmost-longest automaton.

use rustc_hash::FxBuildHasher;
use std::collections::HashMap;

/// One match: the pattern and its byte range in the normalised text, including the single space
/// before the first token and after the last one (as the pattern text is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    /// Index of the pattern, in the order the patterns were given.
    pub pattern: usize,
    /// First byte (the space before the first token).
    pub start: usize,
    /// One past the last byte (the space after the last token).
    pub end: usize,
}

/// Leftmost-longest matcher over token sequences.
#[derive(Debug, Default)]
pub struct Aliases {
    /// Token text → token id.
    tokens: HashMap<Box<str>, u32, FxBuildHasher>,
    /// (node, token id) → child node; node 0 is the root.
    edges: HashMap<(u32, u32), u32, FxBuildHasher>,
    /// The pattern that ends at each node, if any.
    ends: Vec<Option<u32>>,
}

/// The tokens of a normalised text, with their byte ranges.
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        let start = i;
        while bytes.get(i).is_some_and(|&b| b != b' ') {
            i += 1;
        }
        // Both ends are at a space or an end of the text, so on character boundaries.
        (i > start).then(|| (start, text.get(start..i).unwrap_or_default()))
    })
}

impl Aliases {
    /// Builds the matcher over normalised pattern texts; pattern `i` is reported as `i`. A
    /// pattern with no token never matches; a repeated pattern keeps its first index.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Aliases {
        let n = patterns.len();
        let mut a = Aliases {
            tokens: HashMap::with_capacity_and_hasher(n, FxBuildHasher),
            edges: HashMap::with_capacity_and_hasher(2 * n, FxBuildHasher),
            ends: Vec::with_capacity(2 * n + 1),
        };
        a.ends.push(None);
        for (i, p) in patterns.iter().enumerate() {
            let mut node = 0u32;
            let mut any = false;
            for (_, tok) in tokens(p.as_ref()) {
                any = true;
                let t = match a.tokens.get(tok) {
                    Some(&t) => t,
                    None => {
                        let t = a.tokens.len() as u32;
                        a.tokens.insert(tok.into(), t);
                        t
                    }
                };
                let next_node = a.ends.len() as u32;
                node = *a.edges.entry((node, t)).or_insert(next_node);
                if node == next_node {
                    a.ends.push(None);
                }
            }
            if any && a.ends[node as usize].is_none() {
                a.ends[node as usize] = Some(i as u32);
            }
        }
        a
    }

    /// Non-overlapping leftmost-longest matches in a normalised text, in order. `ids` is a
    /// scratch buffer.
    pub fn find_into(&self, text: &str, ids: &mut Vec<(usize, usize, u32)>, out: &mut Vec<Match>) {
        ids.clear();
        ids.extend(tokens(text).map(|(start, tok)| {
            let id = self.tokens.get(tok).copied().unwrap_or(u32::MAX);
            (start, start + tok.len(), id)
        }));
        let mut i = 0;
        while i < ids.len() {
            let mut node = 0u32;
            let mut best: Option<(u32, usize)> = None;
            for (j, &(_, _, t)) in ids.iter().enumerate().skip(i) {
                // A token in no pattern continues no path (no need to look it up).
                if t == u32::MAX {
                    break;
                }
                let Some(&next) = self.edges.get(&(node, t)) else {
                    break;
                };
                node = next;
                if let Some(p) = self.ends[node as usize] {
                    best = Some((p, j));
                }
            }
            match best {
                Some((p, j)) => {
                    out.push(Match {
                        pattern: p as usize,
                        start: ids[i].0 - 1,
                        end: ids[j].1 + 1,
                    });
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(a: &Aliases, text: &str) -> Vec<(usize, &'static str)> {
        let (mut ids, mut out) = (Vec::new(), Vec::new());
        a.find_into(text, &mut ids, &mut out);
        out.iter()
            .map(|m| (m.pattern, &*Box::leak(text[m.start..m.end].into())))
            .collect()
    }

    #[test]
    fn longest_match_wins_and_matches_do_not_overlap() {
        let a = Aliases::new(&[
            " coca  cola ",
            " coca  cola  europacific  partners ",
            " cola ",
        ]);
        assert_eq!(
            find(
                &a,
                "  coca  cola  europacific  partners  and  coca  cola  cola  "
            ),
            vec![
                (1, " coca  cola  europacific  partners "),
                (0, " coca  cola "),
                (2, " cola "),
            ]
        );
        // A prefix of a longer pattern that is not itself a pattern matches nothing.
        assert_eq!(find(&a, "  coca  "), vec![]);
        assert_eq!(find(&a, "  coca  colas  "), vec![]);
    }
}
