//! Stage 4: score a sentence toward a target, as an exact sum of cue contributions.
//!
//! Foundation version: a tiny hand lexicon. The sentiment issue replaces it with the trained
//! model. The contract stays: `score = tanh(bias + Σ cue.weight)`.

use crate::analysis::{Cue, Label, Scored, Span};

const LEXICON: &[(&str, f32)] = &[
    ("rose", 0.6),
    ("gain", 0.5),
    ("gains", 0.5),
    ("jumped", 0.8),
    ("beat", 0.7),
    ("record", 0.5),
    ("fell", -0.6),
    ("loss", -0.5),
    ("slid", -0.7),
    ("missed", -0.7),
    ("cut", -0.4),
    ("risk", -0.3),
    ("replacements", -0.3),
    ("rival", -0.2),
    ("invested", 0.3),
    ("growth", 0.4),
    ("tension", -0.4),
];

/// Model bias (part of every raw score).
pub const BIAS: f32 = 0.0;

/// Scores `sentence` (which starts at byte `base` of the document) toward the target mentioned
/// at `targets` (spans local to the sentence); with no targets, scores the whole sentence.
pub fn score_sentence(sentence: &str, base: usize, _targets: &[Span]) -> Scored {
    let mut cues = Vec::new();
    let mut offset = 0;
    for word in sentence.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let token = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let lower = token.to_lowercase();
        if let Some((_, w)) = LEXICON.iter().find(|(k, _)| *k == lower) {
            cues.push(Cue {
                text: token.to_owned(),
                weight: *w,
                start: base + offset,
                end: base + offset + token.len(),
            });
        }
        offset += word.len();
    }
    finish(BIAS, cues)
}

/// Builds a [`Scored`] from a bias and cues: the one place the squash is applied.
pub fn finish(bias: f32, cues: Vec<Cue>) -> Scored {
    let raw = bias + cues.iter().map(|c| c.weight).sum::<f32>();
    let score = raw.tanh().clamp(-1.0, 1.0);
    Scored {
        score,
        label: Label::from_score(score),
        bias,
        raw,
        cues,
    }
}
