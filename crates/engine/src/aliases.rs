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
    /// Token of up to eight bytes, packed by [`pack`] → token id.
    short: IdMap,
    /// Longer token text → token id.
    long: HashMap<Box<str>, u32, FxBuildHasher>,
    /// (node, token id) → child node, keyed `node << 32 | token`; node 0 is the root.
    edges: IdMap,
    /// The root's child for each token id (`u32::MAX`: no pattern starts with the token). Ids
    /// past its end start no pattern: natively the tokens that start one are given the first
    /// ids, so that the table is small and another token is skipped without reading it.
    roots: Vec<u32>,
    /// The pattern that ends at each node (`u32::MAX`: none; half the size of `Option<u32>`).
    ends: Vec<u32>,
    /// Per token id, the word-list bits given by [`Aliases::mark_words`], and [`FOLLOWS`].
    marks: Vec<u8>,
}

/// The bit of a token's marks saying that some pattern has the token after its first: a
/// token without it continues no match, found without probing the large edge table.
const FOLLOWS: u8 = 0x80;

/// Whether [`FOLLOWS`] is set and read (native only: in the wasm bundle its code costs more
/// than the time it saves; the edge table gives the same answers).
const FOLLOWS_ON: bool = !cfg!(target_arch = "wasm32");

/// A token of up to eight bytes as one integer (its bytes little-endian, so the length is
/// implied: no token byte is 0). Longer tokens are not packed.
pub fn pack(tok: &[u8]) -> Option<u64> {
    (tok.len() <= 8).then(|| tok.iter().rev().fold(0u64, |k, &b| k << 8 | u64::from(b)))
}

/// Open-addressing hash map from `u64` keys to `u32` values (never `u32::MAX`, which marks an
/// empty slot), at most half full: a lookup is a multiply, a shift and usually one probe.
#[derive(Debug, Default)]
struct IdMap {
    /// (key, value) slots; a power-of-two count.
    slots: Vec<(u64, u32)>,
    /// Occupied slots.
    len: usize,
    /// 64 minus the base-2 logarithm of the slot count.
    shift: u32,
}

impl IdMap {
    /// The slot a key's probe starts at.
    fn home(&self, key: u64) -> usize {
        // Fibonacci hashing: the top bits of the product depend on every bit of the key.
        let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        // (The shift is below 64: 0 for an empty table, whose every lookup misses.)
        h.wrapping_shr(self.shift) as usize
    }

    /// The value of `key`, or `u32::MAX`.
    #[inline]
    fn get(&self, key: u64) -> u32 {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.home(key);
        while let Some(&(k, v)) = self.slots.get(i) {
            if v == u32::MAX || k == key {
                return v;
            }
            i = (i + 1) & mask;
        }
        u32::MAX
    }

    /// Sizes an empty map for `entries` keys without growing.
    fn reserve_empty(&mut self, entries: usize) {
        if self.len == 0 {
            self.slots = vec![(0, u32::MAX); (2 * entries + 2).next_power_of_two()];
            self.shift = 64 - self.slots.len().trailing_zeros();
        }
    }

    /// The value of `key`, inserting `value` (not `u32::MAX`) first when it has none.
    fn get_or_insert(&mut self, key: u64, value: u32) -> u32 {
        if 2 * (self.len + 1) > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![(0, u32::MAX); (4 * (self.len + 1)).next_power_of_two().max(16)];
            self.shift = 64 - self.slots.len().trailing_zeros();
            self.len = 0;
            for (k, v) in old.into_iter().filter(|s| s.1 != u32::MAX) {
                self.get_or_insert(k, v);
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(key);
        loop {
            let slot = &mut self.slots[i];
            if slot.1 == u32::MAX {
                *slot = (key, value);
                self.len += 1;
                return value;
            }
            if slot.0 == key {
                return slot.1;
            }
            i = (i + 1) & mask;
        }
    }
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
            long: HashMap::with_capacity_and_hasher(n / 4, FxBuildHasher),
            ends: Vec::with_capacity(2 * n + 1),
            ..Aliases::default()
        };
        a.ends.push(u32::MAX);
        // (Native builds only, for wasm size: there every token has a root entry.)
        if FOLLOWS_ON {
            // (Sized for the universe: a third of a new token and 1.4 edges a pattern; no rehashing.)
            a.short.reserve_empty(n / 2);
            a.edges.reserve_empty(3 * n / 2);
            for p in patterns {
                if let Some((_, tok)) = tokens(p.as_ref()).next() {
                    a.intern(tok);
                }
            }
        }
        let firsts = a.short.len + a.long.len();
        for (i, p) in patterns.iter().enumerate() {
            let mut node = 0u32;
            let mut any = false;
            for (_, tok) in tokens(p.as_ref()) {
                let t = a.intern(tok);
                if FOLLOWS_ON && any {
                    if a.marks.len() <= t as usize {
                        a.marks.resize(t as usize + 1, 0);
                    }
                    a.marks[t as usize] |= FOLLOWS;
                }
                any = true;
                let next_node = a.ends.len() as u32;
                node = a
                    .edges
                    .get_or_insert(u64::from(node) << 32 | u64::from(t), next_node);
                if node == next_node {
                    a.ends.push(u32::MAX);
                }
            }
            if any && a.ends[node as usize] == u32::MAX {
                a.ends[node as usize] = i as u32;
            }
        }
        let tokens = if FOLLOWS_ON {
            firsts
        } else {
            a.short.len + a.long.len()
        };
        a.roots = (0..tokens as u32)
            .map(|t| a.edges.get(u64::from(t)))
            .collect();
        a
    }

    /// Gives each of `words` (normalised tokens) a token id if it has none, and sets `bit`
    /// (below [`FOLLOWS`]) in its [`Aliases::marks`]: list membership then costs one table read per token. A
    /// token in no pattern starts and continues no match, so matches stay the same.
    pub fn mark_words(&mut self, words: &[&str], bit: u8) {
        for w in words {
            // (A token in no pattern has no root entry: `find_ids` skips it.)
            let t = self.intern(w) as usize;
            if self.marks.len() <= t {
                self.marks.resize(t + 1, 0);
            }
            self.marks[t] |= bit;
        }
    }

    /// The id of a normalised token, given the next free id first if it has none.
    fn intern(&mut self, tok: &str) -> u32 {
        let fresh = (self.short.len + self.long.len()) as u32;
        match pack(tok.as_bytes()) {
            Some(key) => self.short.get_or_insert(key, fresh),
            None => *self.long.entry(tok.into()).or_insert(fresh),
        }
    }

    /// The word-list bits of a token id ([`Aliases::mark_words`]); 0 for `u32::MAX`.
    #[inline]
    pub fn marks(&self, id: u32) -> u8 {
        self.marks.get(id as usize).copied().unwrap_or(0) & !FOLLOWS
    }

    /// The id of a normalised token packed by [`pack`], or `u32::MAX` when no pattern or
    /// marked word has it.
    #[inline]
    pub fn short_id(&self, key: u64) -> u32 {
        self.short.get(key)
    }

    /// The id of a normalised token, or `u32::MAX` when no pattern or marked word has it.
    pub fn token_id(&self, tok: &str) -> u32 {
        match pack(tok.as_bytes()) {
            Some(key) => self.short.get(key),
            None => self.long.get(tok).copied().unwrap_or(u32::MAX),
        }
    }

    /// Non-overlapping leftmost-longest matches over the token ids `id(0)`, …, `id(n - 1)`
    /// (`u32::MAX`: a token in no pattern), in order: `found(first, last, pattern)` with the
    /// first and last token index of each.
    #[inline]
    pub fn find_ids(
        &self,
        n: usize,
        id: impl Fn(usize) -> u32,
        mut found: impl FnMut(usize, usize, u32),
    ) {
        let mut i = 0;
        while i < n {
            // The first step from the root by table (most tokens start no pattern).
            let Some(&(mut node)) = self.roots.get(id(i) as usize).filter(|&&r| r != u32::MAX)
            else {
                i += 1;
                continue;
            };
            let mut best: Option<(u32, usize)> = None;
            if let Some(&p) = self.ends.get(node as usize).filter(|&&p| p != u32::MAX) {
                best = Some((p, i));
            }
            for j in i + 1..n {
                let t = id(j);
                // A token in no pattern, or only ever first, continues no path (no need to
                // look it up).
                let continues = if FOLLOWS_ON {
                    self.marks.get(t as usize).copied().unwrap_or(0) & FOLLOWS != 0
                } else {
                    t != u32::MAX
                };
                if !continues {
                    break;
                }
                let next = self.edges.get(u64::from(node) << 32 | u64::from(t));
                if next == u32::MAX {
                    break;
                }
                node = next;
                if let Some(&p) = self.ends.get(node as usize).filter(|&&p| p != u32::MAX) {
                    best = Some((p, j));
                }
            }
            match best {
                Some((p, j)) => {
                    found(i, j, p);
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }

    /// Non-overlapping leftmost-longest matches in a normalised text, in order. `ids` is a
    /// scratch buffer.
    pub fn find_into(&self, text: &str, ids: &mut Vec<(usize, usize, u32)>, out: &mut Vec<Match>) {
        ids.clear();
        ids.extend(tokens(text).map(|(start, tok)| (start, start + tok.len(), self.token_id(tok))));
        let ids = &*ids;
        self.find_ids(
            ids.len(),
            |j| ids[j].2,
            |i, j, p| {
                out.push(Match {
                    pattern: p as usize,
                    start: ids[i].0 - 1,
                    end: ids[j].1 + 1,
                })
            },
        );
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

    #[test]
    fn matches_are_the_leftmost_longest_pattern_runs() {
        // Tokens first in one pattern and later in another, tokens only ever first, marked
        // words in no pattern: the matcher agrees with a plain search at every position.
        let pats = [
            " bank  of  america ",
            " america ",
            " of ",
            " bank ",
            " apple ",
            " apple  bank ",
            " the  apple  maker ",
            " maker  of  chips ",
        ];
        let mut a = Aliases::new(&pats);
        a.mark_words(&["rose", "maker"], 1);
        let split = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        let pat_toks: Vec<Vec<String>> = pats.iter().map(|p| split(p)).collect();
        let words = [
            "bank", "of", "america", "apple", "the", "maker", "chips", "rose", "x",
        ];
        // Every text of four words from the list (a counter in base 9).
        for n in 0..9usize.pow(4) {
            let toks: Vec<&str> = (0..4).map(|k| words[n / 9usize.pow(k) % 9]).collect();
            let text = format!("  {}  ", toks.join("  "));
            let mut want = Vec::new();
            let mut i = 0;
            while i < toks.len() {
                let best = (0..pat_toks.len())
                    .filter(|&p| {
                        let pt = &pat_toks[p];
                        toks.len() - i >= pt.len() && toks[i..].iter().zip(pt).all(|(a, b)| a == b)
                    })
                    .max_by_key(|&p| (pat_toks[p].len(), std::cmp::Reverse(p)));
                match best {
                    Some(p) => {
                        want.push((p, format!(" {} ", pat_toks[p].join("  "))));
                        i += pat_toks[p].len();
                    }
                    None => i += 1,
                }
            }
            let got: Vec<(usize, String)> = find(&a, &text)
                .into_iter()
                .map(|(p, t)| (p, t.to_owned()))
                .collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
