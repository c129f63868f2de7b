//! The linker's token-trie alias matcher finds exactly the matches of a leftmost-longest
//! Aho-Corasick automaton (the `aho-corasick` crate) over the same patterns, on the committed
//! corpora and on random token sequences made of pattern tokens.

use aho_corasick::{AhoCorasick, MatchKind};
use news_impact_engine::universe::{normalize_into, universe};
use proptest::prelude::*;
use std::sync::OnceLock;

fn reference() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&universe().pattern_texts)
            .expect("the patterns build")
    })
}

fn normalized(text: &str) -> String {
    let (mut out, mut s, mut e) = (String::new(), Vec::new(), Vec::new());
    normalize_into(text, 0, &mut out, &mut s, &mut e);
    out
}

/// Matches as (pattern, start, end).
type Found = Vec<(usize, usize, usize)>;

/// The matches of the trie and of the reference automaton on a normalised text.
fn both(norm: &str) -> (Found, Found) {
    let expected = reference()
        .find_iter(norm)
        .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
        .collect();
    let (mut ids, mut out) = (Vec::new(), Vec::new());
    universe().aliases.find_into(norm, &mut ids, &mut out);
    let got = out.iter().map(|m| (m.pattern, m.start, m.end)).collect();
    (got, expected)
}

#[test]
fn same_matches_as_aho_corasick_on_the_corpora() {
    let corpora = [
        include_str!("data/mentions.jsonl"),
        include_str!("data/sentiment_test.jsonl"),
        include_str!("../../../bench/headlines.txt"),
        include_str!("../../../www/articles/default.json"),
    ];
    let mut matches = 0;
    for corpus in corpora {
        for line in corpus.lines() {
            let norm = normalized(line);
            let (got, expected) = both(&norm);
            assert_eq!(got, expected, "{line}");
            matches += got.len();
        }
    }
    assert!(
        matches > 1000,
        "the corpora exercise the matcher ({matches} matches)"
    );
}

/// Random text pieces: a whole pattern, a prefix of a pattern, a pattern's last tokens, or a
/// word in no pattern, so that long patterns, their prefixes and their overlaps all occur.
fn piece(pattern: usize, cut: usize, kind: u8) -> String {
    let texts = &universe().pattern_texts;
    let toks: Vec<&str> = texts[pattern % texts.len()].split_whitespace().collect();
    let k = 1 + cut % toks.len().max(1);
    match kind % 4 {
        0 => toks.join("  "),
        1 => toks[..k.min(toks.len())].join("  "),
        2 => toks[toks.len().saturating_sub(k)..].join("  "),
        _ => ["the", "and", "rose", "zzz", "inc", "group"][cut % 6].to_owned(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]
    #[test]
    fn same_matches_as_aho_corasick_on_random_texts(
        picks in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<u8>()), 0..12)
    ) {
        let pieces: Vec<String> = picks.iter().map(|&(p, c, k)| piece(p, c, k)).collect();
        let norm = format!("  {}  ", pieces.join("  "));
        let (got, expected) = both(&norm);
        prop_assert_eq!(got, expected, "{}", norm);
    }
}
