//! Stage 4: score a sentence toward a target, as an exact sum of cue contributions.
//!
//! The model is linear: `raw = bias + Σ weight(feature) × value(feature)` over the features of
//! [`features::extract`], and `score = tanh(raw)` (applied only in [`finish`]). Each feature's
//! contribution is attributed to the words it came from; words linked by a rule (a metric and
//! its direction verb, a negator and the word it flips, a lexicon phrase) are merged into one
//! phrase cue. So every cue's `weight` is its actual contribution and
//! `raw == bias + Σ cue.weight` exactly.
//!
//! The weights (`data/model.txt`) are trained on SEntFiN by `crates/train` (see
//! `data/MODEL.md`), scaled so that the Alpha Vantage neutral band (|score| < 0.15) is the
//! model's neutral class.

pub mod features;

use crate::analysis::{Cue, Label, Scored, Span};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The trained model, as committed text (`key<TAB>integer weight` lines).
pub const MODEL_TEXT: &str = include_str!("../data/model.txt");

/// A parsed linear model.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Bias term of the raw score.
    pub bias: f32,
    /// Feature weights by key.
    pub weights: HashMap<Box<str>, f32>,
}

impl Model {
    /// Parses the model text format: a `unit <f32>` line, a `bias <int>` line, then
    /// `key<TAB>int` lines; weights are `int × unit`. Unknown or malformed lines are skipped.
    pub fn parse(text: &str) -> Model {
        let mut unit = 1.0f32;
        let mut bias_units = 0i64;
        let mut weights = HashMap::new();
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some((key, val)) = line.split_once('\t') {
                if let Ok(v) = val.parse::<i64>() {
                    weights.insert(key.into(), v as f32);
                }
            } else if let Some(u) = line.strip_prefix("unit ") {
                unit = u.trim().parse().unwrap_or(1.0);
            } else if let Some(b) = line.strip_prefix("bias ") {
                bias_units = b.trim().parse().unwrap_or(0);
            }
        }
        for w in weights.values_mut() {
            *w *= unit;
        }
        Model {
            bias: bias_units as f32 * unit,
            weights,
        }
    }

    /// Scores a sentence with this model (see [`score_sentence`]).
    pub fn score(&self, sentence: &str, base: usize, targets: &[Span]) -> Scored {
        let (tokens, feats) = features::extract(sentence, targets);
        let n = tokens.len();
        let mut per_token = vec![0.0f32; n];
        // Phrase links: intervals of tokens whose contributions form one cue.
        let mut intervals: Vec<(usize, usize)> = Vec::with_capacity(feats.len());
        for f in &feats {
            let Some(&w) = self.weights.get(f.key.as_str()) else {
                continue;
            };
            let c = w * f.value;
            if c == 0.0 {
                continue;
            }
            match f.split {
                Some(b) => {
                    per_token[f.first] += c * 0.5;
                    per_token[b] += c * 0.5;
                    intervals.push((f.first, f.first));
                    intervals.push((b, b));
                }
                None => {
                    per_token[f.first] += c;
                    intervals.push((f.first, f.last));
                }
            }
        }
        intervals.sort_unstable();
        let mut cues = Vec::new();
        let mut iter = intervals.into_iter().peekable();
        while let Some((a, mut b)) = iter.next() {
            while let Some(&(a2, b2)) = iter.peek() {
                if a2 <= b {
                    b = b.max(b2);
                    iter.next();
                } else {
                    break;
                }
            }
            let weight: f32 = per_token[a..=b].iter().sum();
            if weight != 0.0 {
                let (s, e) = (tokens[a].start, tokens[b].end);
                cues.push(Cue {
                    text: sentence.get(s..e).unwrap_or_default().to_owned(),
                    weight,
                    start: base + s,
                    end: base + e,
                });
            }
        }
        finish(self.bias, cues)
    }
}

/// The embedded model, parsed once.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::parse(MODEL_TEXT))
}

/// Scores `sentence` (which starts at byte `base` of the document) toward the target mentioned
/// at `targets` (spans local to the sentence); with no targets, scores the whole sentence.
pub fn score_sentence(sentence: &str, base: usize, targets: &[Span]) -> Scored {
    model().score(sentence, base, targets)
}

/// Finds the case-insensitive occurrences of `target` in `text`, as target spans.
///
/// Matches must start and end on word boundaries ("AMD" does not match inside "AMDOCS").
pub fn find_target(text: &str, target: &str) -> Vec<Span> {
    let needle = target.trim();
    if needle.is_empty() {
        return Vec::new();
    }
    let lower_text = text.to_lowercase();
    let lower_needle = needle.to_lowercase();
    // Lower-casing can change byte lengths; only search when it does not.
    if lower_text.len() != text.len() || lower_needle.len() != needle.len() {
        return find_exact(text, needle);
    }
    find_exact(&lower_text, &lower_needle)
}

fn find_exact(hay: &str, needle: &str) -> Vec<Span> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    hay.match_indices(needle)
        .filter(|(i, m)| {
            !word(hay[..*i].chars().next_back()) && !word(hay[i + m.len()..].chars().next())
        })
        .map(|(i, m)| Span {
            start: i,
            end: i + m.len(),
        })
        .collect()
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
