//! Property test: the windowed sentence boundaries equal those of the whole-text segmenter.

use news_impact_engine::segment::boundaries;
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Characters that exercise the sentence rules: terminators, closers, spaces, separators,
/// digits, upper and lower case, other scripts and combining marks.
const ALPHABET: &[char] = &[
    'a', 'b', 'Z', 'Q', 'é', 'É', '3', '0', ' ', ' ', '\u{a0}', '.', '.', '!', '?', ',', ';', ':',
    '"', '\'', '(', ')', '“', '”', '‘', '’', '«', '»', '…', '—', '-', '。', '‼', '⁇', '\n', '\r',
    '\u{85}', '\u{2029}', '\u{301}', '\u{ad}', '価', 'ж', 'Ж', '٫', '؟', '।',
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]
    #[test]
    fn windowed_boundaries_equal_whole_text_boundaries(
        picks in proptest::collection::vec(0..ALPHABET.len(), 0..60)
    ) {
        let text: String = picks.iter().map(|&i| ALPHABET[i]).collect();
        let whole: Vec<usize> = text
            .split_sentence_bound_indices()
            .map(|(k, _)| k)
            .filter(|&k| k > 0)
            .collect();
        let mut windowed = Vec::new();
        boundaries(&text, &mut windowed);
        prop_assert_eq!(windowed, whole, "{:?}", text);
    }
}
