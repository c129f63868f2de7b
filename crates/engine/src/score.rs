//! Stage 4: score a sentence toward a target, as an exact sum of cue contributions.
//!
//! The model has two linear scores over the features of [`features::extract_tokens`]: a
//! polarity `p` and a neutral margin that `|p|` must beat (see [`Model`]). They are combined into
//! one raw score so that each feature still has one contribution, `score = tanh(raw)` (applied
//! only in [`finish`]). Each feature's contribution is attributed to the words it came from;
//! words linked by a rule (a metric and its direction verb, a negator and the word it flips, a
//! lexicon phrase) are merged into one phrase cue. So every cue's `weight` is its actual
//! contribution and `raw == bias + Σ cue.weight` exactly.
//!
//! The weights (`data/model.txt`) are trained on SEntFiN by `crates/train` (see
//! `data/MODEL.md`), scaled so that the Alpha Vantage neutral band (|score| < 0.15) is the
//! model's neutral class.

pub mod features;

use crate::analysis::{Cue, Label, Scored, Span};
use features::{Family, FastMap, Feature, Fixed, Key, Scratch, Tokens, Vocab};
use std::sync::OnceLock;

/// The trained model, as committed text (`key<TAB>integer weight[<TAB>integer weight]` lines).
pub const MODEL_TEXT: &str = include_str!("../data/model.txt");

/// The two weights of one feature.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Weight {
    /// Weight in the polarity score `p` (times the feature value).
    pub polarity: f32,
    /// Weight in the neutral margin `M` (times the absolute feature value).
    pub neutral: f32,
}

/// The raw score at the edge of the Neutral band: `atanh(0.15)`.
pub const BAND_RAW: f32 = 0.151_140_44;

/// A parsed model: two linear scores over the same features, indexed for scoring without
/// building key strings.
///
/// `p = bias + Σ polarity × value` says which way a sentence leans; `M = neutral_bias +
/// BAND_RAW + Σ neutral × |value|` is the margin `|p|` must beat for the sentence to be polar
/// at all (a negated or hedged word keeps the sign of its neutral weight). They are combined
/// into one raw score, `raw = p − sign(p)·λ·(M − BAND_RAW)` with `λ = min(1, |p| / M)` (`λ = 1`
/// when `M ≤ 0`): beyond the margin, `raw = sign(p)·(BAND_RAW + |p| − M)` (polar); inside it,
/// `raw = p·BAND_RAW / M` (Neutral, still leaning the way of `p`). Either way `raw = s·p` for one
/// factor `s = raw / p ≥ 0` per sentence, how decisive the statement is; each feature's
/// contribution is reported as `s·polarity·value` and the bias as `s·bias`, so the explanation
/// stays an exact sum and every cue keeps the direction of its words (for `s` above
/// `MAX_SCALE`, each feature's own share `polarity·value − sign(p)·λ·neutral·|value|` and the
/// bias `bias − sign(p)·λ·neutral_bias` instead, also exact). A model with no neutral
/// weights and `neutral_bias == 0` is the plain linear model `raw = p`.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Bias of the polarity score `p`.
    pub bias: f32,
    /// Bias of the neutral margin, `M − BAND_RAW` for a sentence with no features.
    pub neutral_bias: f32,
    /// Word lists, lexicon and the ids of the stems the weights refer to.
    vocab: Vocab,
    /// Weights of the stem families (`c:`, `x:`, `r:`, `l:`) by stem id.
    unigrams: Vec<[Weight; 4]>,
    /// Weights of bigrams by the pair of stem ids.
    bigrams: FastMap<u64, Weight>,
    /// Weights of the fixed keys (`R:md`, `L:c`, …).
    fixed: FastMap<Box<str>, Weight>,
    /// The weights of the [`Fixed`] keys features are extracted with, by index (zero when the
    /// model has no such key).
    fixed_by_index: [Weight; Fixed::ALL.len()],
    /// Per stem id, which of its stem and bigram features have weights (see
    /// [`features::extract_weighed`]).
    weighed: Vec<u8>,
}

/// A model key as written in `model.txt`, split into its family.
enum KeyText<'a> {
    /// `c:rise`: a stem family and the stem.
    Stem(Family, &'a str),
    /// `b:cut guidanc`: the two stems of a bigram.
    Bigram(&'a str, &'a str),
    /// Any other key (`R:md`, `L:c`, `T:subject`).
    Fixed(&'a str),
}

impl<'a> KeyText<'a> {
    /// Splits a key into its family.
    fn of(key: &'a str) -> KeyText<'a> {
        if let Some(fam) = key.get(..2).and_then(Family::from_prefix) {
            KeyText::Stem(fam, &key[2..])
        } else if let Some((a, b)) = key.strip_prefix("b:").and_then(|r| r.split_once(' ')) {
            KeyText::Bigram(a, b)
        } else {
            KeyText::Fixed(key)
        }
    }
}

fn pair(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

impl Model {
    /// Parses the model text format: a `unit <f32>` line, a `bias <int>` line, an optional
    /// `neutral <int>` line, then `key<TAB>int[<TAB>int]` lines (polarity weight, then the
    /// neutral weight when it is not zero), sorted, with each key front-coded: a digit counting
    /// the characters it shares with the previous key, then the rest of it (`c:rise`, `c:risk`
    /// are written `0c:rise`, `5k`). Weights are `int × unit`. Unknown or malformed lines are
    /// skipped.
    pub fn parse(text: &str) -> Model {
        let mut unit = 1.0f32;
        let mut bias_units = 0i64;
        let mut neutral_units = 0i64;
        let mut m = Model {
            vocab: Vocab::lists(),
            ..Model::default()
        };
        let mut prev = String::new();
        let mut entries: Vec<(u32, Option<Family>, u32, Weight)> = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some((coded, vals)) = line.split_once('\t') {
                let mut chars = coded.chars();
                let Some(keep) = chars.next().and_then(|c| c.to_digit(10)) else {
                    continue;
                };
                let cut = prev
                    .char_indices()
                    .nth(keep as usize)
                    .map_or(prev.len(), |(i, _)| i);
                prev.truncate(cut);
                prev.push_str(chars.as_str());
                let (p, q) = vals.split_once('\t').unwrap_or((vals, "0"));
                let (Ok(p), Ok(q)) = (p.parse::<i64>(), q.parse::<i64>()) else {
                    continue;
                };
                let v = Weight {
                    polarity: p as f32,
                    neutral: q as f32,
                };
                match KeyText::of(&prev) {
                    KeyText::Stem(fam, stem) => {
                        entries.push((m.vocab.intern(stem), Some(fam), 0, v));
                    }
                    KeyText::Bigram(a, b) => {
                        entries.push((m.vocab.intern(a), None, m.vocab.intern(b), v));
                    }
                    KeyText::Fixed(key) => {
                        m.fixed.insert(key.into(), v);
                    }
                }
            } else if let Some(u) = line.strip_prefix("unit ") {
                unit = parse_decimal(u).unwrap_or(1.0);
            } else if let Some(b) = line.strip_prefix("bias ") {
                bias_units = b.trim().parse().unwrap_or(0);
            } else if let Some(b) = line.strip_prefix("neutral ") {
                neutral_units = b.trim().parse().unwrap_or(0);
            }
        }
        m.unigrams = vec![[Weight::default(); 4]; m.vocab.len() as usize];
        for (a, fam, b, v) in entries {
            match fam {
                Some(fam) => m.unigrams[a as usize][fam as usize] = v,
                None => {
                    m.bigrams.insert(pair(a, b), v);
                }
            }
        }
        let scale = |w: &mut Weight| {
            w.polarity *= unit;
            w.neutral *= unit;
        };
        m.unigrams.iter_mut().flatten().for_each(scale);
        m.bigrams.values_mut().for_each(scale);
        m.fixed.values_mut().for_each(scale);
        for f in Fixed::ALL {
            m.fixed_by_index[f as usize] = m.fixed.get(f.text()).copied().unwrap_or_default();
        }
        let zero = |w: &Weight| w.polarity == 0.0 && w.neutral == 0.0;
        m.weighed = m
            .unigrams
            .iter()
            .map(|w| {
                (0..4)
                    .filter(|&f| !zero(&w[f]))
                    .fold(0u8, |b, f| b | 1 << f)
            })
            .collect();
        for &k in m.bigrams.keys() {
            let (a, b) = ((k >> 32) as usize, (k & u64::from(u32::MAX)) as usize);
            if let Some(bits) = m.weighed.get_mut(a) {
                *bits |= features::BIGRAM_FIRST;
            }
            if let Some(bits) = m.weighed.get_mut(b) {
                *bits |= features::BIGRAM_SECOND;
            }
        }
        m.bias = bias_units as f32 * unit;
        m.neutral_bias = neutral_units as f32 * unit;
        m
    }

    /// The weight of a feature key of `tokens` (made with this model's vocabulary).
    #[inline]
    pub fn weight(&self, key: &Key, tokens: &Tokens) -> Option<Weight> {
        let id = |i: usize| tokens.list[i].id;
        match *key {
            Key::Fixed(k) => Some(self.fixed_by_index[k as usize]),
            Key::Stem(fam, i) => self.unigrams.get(id(i) as usize).map(|w| w[fam as usize]),
            // A stem in no model key has id NONE: no bigram to look up.
            Key::Bigram(a, b) if id(a) == features::NONE || id(b) == features::NONE => None,
            Key::Bigram(a, b) => self.bigrams.get(&pair(id(a), id(b))).copied(),
        }
    }

    /// The weights of a key given as text (`c:rise`, `b:cut guidanc`, `R:md`), if it has any.
    pub fn weight_of(&self, key: &str) -> Option<Weight> {
        let w = match KeyText::of(key) {
            KeyText::Stem(fam, stem) => {
                self.unigrams.get(self.vocab.id(stem)? as usize)?[fam as usize]
            }
            KeyText::Bigram(a, b) => *self
                .bigrams
                .get(&pair(self.vocab.id(a)?, self.vocab.id(b)?))?,
            KeyText::Fixed(key) => *self.fixed.get(key)?,
        };
        (w != Weight::default()).then_some(w)
    }

    /// Number of non-zero weights.
    pub fn len(&self) -> usize {
        let set = |w: &&Weight| **w != Weight::default();
        let unigrams = self.unigrams.iter().flatten().filter(set).count();
        unigrams + self.bigrams.len() + self.fixed.len()
    }

    /// Whether the model has no weight.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Tokenises a sentence with this model's vocabulary (done once per sentence, however
    /// many targets it is scored toward), without the stem texts scoring does not read.
    pub fn tokenize(&self, sentence: &str) -> Tokens {
        features::tokenize_ids(sentence, &self.vocab)
    }

    /// Scores a sentence with this model (see [`score_sentence`]).
    pub fn score(&self, sentence: &str, base: usize, targets: &[Span]) -> Scored {
        Scorer::new(self).score_spans(&self.tokenize(sentence), base, targets)
    }
}

/// The per-sentence buffers of a [`Scorer`].
#[derive(Debug, Default)]
struct Buffers {
    scratch: Scratch,
    feats: Vec<Feature>,
    parts: Vec<(f32, f32)>,
    /// Per token, its contributions and one past the furthest last token of the phrase links
    /// starting there (or [`NO_LINK`]); back to `(0.0, NO_LINK)` everywhere once a call is
    /// done.
    per_token: Vec<(f32, u32)>,
    /// Per 64 tokens, the bit set of the tokens some phrase link starts at.
    starts: Vec<u64>,
}

thread_local! {
    /// Buffers of the last scorer dropped on this thread, handed to the next one, so that
    /// analysing many short articles (headlines) does not allocate them afresh each time.
    static SPARE: std::cell::Cell<Option<Box<Buffers>>> = const { std::cell::Cell::new(None) };
}

/// Scores tokenised sentences with a model, reusing its buffers from one sentence to the next.
#[derive(Debug)]
pub struct Scorer<'m> {
    model: &'m Model,
    /// Always `Some` until the scorer is dropped (then handed on, without allocating a
    /// replacement).
    buf: Option<Box<Buffers>>,
}

impl Drop for Scorer<'_> {
    fn drop(&mut self) {
        let buf = self.buf.take();
        SPARE.with(|spare| spare.set(buf));
    }
}

impl<'m> Scorer<'m> {
    /// A scorer for `model` (with the buffers of a previous scorer, when there is one).
    pub fn new(model: &'m Model) -> Scorer<'m> {
        let buf = SPARE.with(|spare| spare.take()).unwrap_or_default();
        Scorer {
            model,
            buf: Some(buf),
        }
    }

    /// Scores a sentence (tokenised by [`Model::tokenize`] into `tokens`, starting at byte
    /// `base` of the document) toward the target mentioned at `targets`.
    pub fn score_spans(&mut self, tokens: &Tokens, base: usize, targets: &[Span]) -> Scored {
        let buf = &mut **self.buf.get_or_insert_with(Box::default);
        let vocab = &self.model.vocab;
        let weighed = &self.model.weighed;
        features::extract_weighed(
            tokens,
            vocab,
            targets,
            &mut buf.scratch,
            &mut buf.feats,
            weighed,
        );
        self.explain(tokens, base)
    }

    /// Scores the features in the buffers (extracted from `tokens`) and explains the score by
    /// cues.
    fn explain(&mut self, tokens: &Tokens, base: usize) -> Scored {
        let model = self.model;
        let Buffers {
            feats,
            parts,
            per_token,
            starts,
            ..
        } = &mut **self.buf.get_or_insert_with(Box::default);
        let n = tokens.len();
        // First pass: both scores, and each feature's (polarity, neutral) contribution.
        parts.clear();
        let (mut p, mut q) = (model.bias, model.neutral_bias);
        parts.extend(feats.iter().map(|f| {
            let w = model.weight(&f.key, tokens).unwrap_or_default();
            let part = (w.polarity * f.value, w.neutral * f.value.abs());
            p += part.0;
            q += part.1;
            part
        }));
        // raw = p − sign(p)·λ·q: λ < 1 only inside the neutral margin, where it leaves
        // raw = p·BAND_RAW / M (the sign of p, below the band edge). Either way raw = s·p for
        // one factor s per sentence (how decisive the statement is), and that is how it is
        // explained when s is moderate: every polarity contribution and the bias scaled by s.
        // Each cue then keeps the direction of its word ("rises" always pushes up), and the
        // words that only set the margin (a scheduled meeting, a quoted source) act through s.
        // When s is large (p near 0 but the margin negative: raw does not shrink with p), the
        // scaled cues would be huge and cancel out; there each feature is credited with its
        // own share instead, polarity·value − sign(p)·λ·neutral·|value|. Both sum exactly.
        let sign = if p > 0.0 {
            1.0
        } else if p < 0.0 {
            -1.0
        } else {
            0.0
        };
        let margin = q + BAND_RAW;
        let lambda = if margin > p.abs() {
            p.abs() / margin
        } else {
            1.0
        };
        let raw = p - sign * lambda * q;
        let scale = if p != 0.0 { raw / p } else { 1.0 };
        let scaled = (0.0..=MAX_SCALE).contains(&scale);
        let pull = sign * lambda;
        // Per token: the contributions attributed to it, and one past the furthest last token
        // of the phrase links (intervals of tokens whose contributions form one cue) starting
        // there, so that the intervals merge in order with no sort. Only the entries of the
        // tokens some link starts at (the set bits of `starts`, the tokens contributions are
        // attributed to) are written, and only they are read, each reset as it is read (so
        // that every entry is (0, NO_LINK) between calls).
        if per_token.len() < n {
            per_token.resize(n, (0.0, NO_LINK));
        }
        starts.clear();
        starts.resize(n.div_ceil(64), 0);
        let mut links = 0;
        let mut add = |per_token: &mut [(f32, u32)], a: usize, b: usize, c: f32| {
            if let (Some(t), Some(word)) = (per_token.get_mut(a), starts.get_mut(a / 64)) {
                *word |= 1 << (a % 64);
                t.0 += c;
                // (`NO_LINK` is below every end.)
                t.1 = t.1.max((b as u32).saturating_add(1));
                links += 1;
            }
        };
        for (f, &(pp, qq)) in feats.iter().zip(parts.iter()) {
            let c = if scaled { scale * pp } else { pp - pull * qq };
            if c == 0.0 {
                continue;
            }
            match f.split {
                Some(b) => {
                    add(per_token, f.first, f.first, c * 0.5);
                    add(per_token, b, b, c * 0.5);
                }
                None => add(per_token, f.first, f.last, c),
            }
        }
        let mut cues = Vec::with_capacity(links);
        // The sum of the cue weights, added in the order `finish` would add them and from the
        // value an `f32` sum starts at (−0.0, so that a sentence with no cue keeps the sign of
        // its bias bit for bit).
        let mut total: f32 = std::iter::empty::<f32>().sum();
        // One cue per merged interval (overlapping intervals merge, in order of their first
        // token), unless its contributions cancel out. Its weight is the sum of the
        // contributions of the tokens links start at in it (the others have none: adding
        // their zeros would change no non-zero sum), in order.
        let mut emit = |(a, b): (usize, usize), weight: f32| {
            if weight != 0.0 {
                if let (Some(s), Some(e)) = (tokens.list.get(a), tokens.list.get(b)) {
                    total += weight;
                    cues.push(Cue {
                        weight,
                        start: base + s.start as usize,
                        end: base + e.end as usize,
                    });
                }
            }
        };
        // The interval being merged (`a == usize::MAX`: none yet) and its weight so far, from
        // the tokens links start at, in order (the set bits of `starts`).
        let (mut a, mut b) = (usize::MAX, 0);
        let mut weight = 0.0f32;
        for (w, &word) in starts.iter().enumerate() {
            let mut bits = word;
            while let Some(bit) = features::pop_lowest(&mut bits) {
                let a2 = w * 64 + bit;
                let (c, end) = per_token
                    .get_mut(a2)
                    .map_or((0.0, NO_LINK), |t| std::mem::replace(t, (0.0, NO_LINK)));
                let b2 = (end as usize).saturating_sub(1);
                if a != usize::MAX && a2 <= b {
                    b = b.max(b2);
                    weight += c;
                } else {
                    if a != usize::MAX {
                        emit((a, b), weight);
                    }
                    (a, b) = (a2, b2);
                    // (The same bits as a sum's start plus `c`: −0.0 + c is c.)
                    weight = c;
                }
            }
        }
        if a != usize::MAX {
            emit((a, b), weight);
        }
        let bias = if scaled {
            scale * model.bias
        } else {
            model.bias - pull * model.neutral_bias
        };
        finish_summed(bias, cues, total)
    }
}

/// No phrase link starts at this token (see [`Buffers::per_token`]).
const NO_LINK: u32 = 0;

/// Largest sentence factor `s = raw / p` explained by scaling every polarity contribution (see
/// [`Scorer::score_spans`]); beyond it each feature is credited with its own share.
const MAX_SCALE: f32 = 8.0;

/// Parses a plain decimal number ("0.005", "-2", "+1.5"; no exponent) as `f32`.
///
/// Used instead of `str::parse::<f32>`, whose correctly-rounded parser brings about 20 KB of
/// tables into the wasm bundle when this is its only caller (see BENCHMARKS.md, size).
pub fn parse_decimal(text: &str) -> Option<f32> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if (int.is_empty() && frac.is_empty())
        || frac.len() > 18
        || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut mantissa = 0f64;
    for b in int.bytes().chain(frac.bytes()) {
        mantissa = mantissa * 10.0 + f64::from(b - b'0');
    }
    let value = mantissa / 10f64.powi(frac.len() as i32);
    Some(if negative { -value } else { value } as f32)
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

/// Locates a target given by name: its exact occurrences ([`find_target`]) or, failing that,
/// the longest leading part of the name that occurs ("Tata Motors Ltd" → "Tata Motors",
/// "IndiGos" is not shortened below a word). Empty when nothing matches: the caller then scores
/// the whole text.
pub fn locate_target(text: &str, target: &str) -> Vec<Span> {
    let exact = find_target(text, target);
    if !exact.is_empty() {
        return exact;
    }
    let words: Vec<&str> = target.split_whitespace().collect();
    for len in (1..words.len()).rev() {
        let part = words[..len].join(" ");
        let trimmed = part.trim_end_matches(|c: char| !c.is_alphanumeric());
        if trimmed.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
            break;
        }
        let spans = find_target(text, trimmed);
        if !spans.is_empty() {
            return spans;
        }
    }
    Vec::new()
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
    let total = cues.iter().map(|c| c.weight).sum::<f32>();
    finish_summed(bias, cues, total)
}

/// [`finish`] given the sum of the cue weights (`cues.iter().map(|c| c.weight).sum()`, the
/// same additions in the same order).
fn finish_summed(bias: f32, cues: Vec<Cue>, total: f32) -> Scored {
    let raw = bias + total;
    let score = raw.tanh().clamp(-1.0, 1.0);
    Scored {
        score,
        label: Label::from_score(score),
        bias,
        raw,
        cues,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_parsing_matches_the_standard_parser() {
        for text in [
            "0.005", "1", "-2", "+1.5", "0.1", "12.375", "0.0001", " 3.25 ", "7.",
        ] {
            assert_eq!(
                parse_decimal(text),
                text.trim().parse::<f32>().ok(),
                "{text}"
            );
        }
        for bad in ["", ".", "-", "1e-3", "0x10", "1.2.3", "abc", "1,5"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }

    fn toward(text: &str, target: &str) -> Scored {
        let spans = find_target(text, target);
        assert!(!spans.is_empty(), "{target} not in {text}");
        score_sentence(text, 0, &spans)
    }

    fn whole(text: &str) -> Scored {
        score_sentence(text, 0, &[])
    }

    #[test]
    fn target_dependence_gold_and_rupee() {
        let t = "Gold rises as Rupee falls";
        assert!(toward(t, "Gold").score >= 0.15, "{:?}", toward(t, "Gold"));
        assert!(
            toward(t, "Rupee").score <= -0.15,
            "{:?}",
            toward(t, "Rupee")
        );
    }

    #[test]
    fn target_dependence_nvidia_and_amd() {
        let t = "Nvidia jumped while AMD slid";
        assert!(toward(t, "Nvidia").score >= 0.15);
        assert!(toward(t, "AMD").score <= -0.15);
    }

    #[test]
    fn target_dependence_across_a_comma_and_but() {
        let t = "Pepsi raised its outlook, but Coca-Cola cut its forecast";
        assert!(toward(t, "Pepsi").score > 0.0);
        assert!(toward(t, "Coca-Cola").score < 0.0);
    }

    #[test]
    fn direction_verbs_follow_metric_polarity() {
        assert!(whole("Net sales rose 12%").score >= 0.15);
        assert!(whole("Operating loss narrowed").score >= 0.15);
        assert!(whole("Net loss widened to $40 million").score <= -0.15);
        assert!(whole("Quarterly profit fell 20%").score <= -0.15);
        // The rule is one phrase cue, not two unrelated words.
        let t = "The operating loss narrowed";
        let s = whole(t);
        assert!(s
            .cues
            .iter()
            .any(|c| c.text(t) == "loss narrowed" && c.weight > 0.0));
    }

    #[test]
    fn finance_events_have_their_sign() {
        assert!(whole("Acme beat analysts' estimates").score >= 0.15);
        assert!(whole("Acme missed analysts' estimates").score <= -0.15);
        assert!(whole("Quarterly profit fell short of estimates").score <= -0.15);
        assert!(whole("Acme raised its full-year guidance").score >= 0.15);
        assert!(whole("Acme cut its full-year guidance").score <= -0.15);
        assert!(toward("Acme was upgraded to buy at Citi", "Acme").score >= 0.15);
        assert!(toward("Acme was downgraded to sell at Citi", "Acme").score <= -0.15);
        assert!(whole("Acme suspended its dividend").score <= -0.15);
        assert!(whole("Acme announced 2,000 job cuts").score <= -0.15);
        assert!(whole("Acme posted record quarterly revenue").score >= 0.15);
    }

    #[test]
    fn negation_flips() {
        let plain = whole("The results disappointed investors");
        let not = "The results did not disappoint investors";
        let negated = whole(not);
        assert!(plain.score < 0.0);
        assert!(negated.score > 0.0, "{negated:?}");
        assert!(whole("Acme failed to meet expectations").score <= -0.15);
        assert!(whole("Shares are unlikely to rise").score <= -0.15);
        assert!(whole("Shares are likely to rise").score >= 0.15);
        let cue = negated
            .cues
            .iter()
            .find(|c| c.text(not).contains("disappoint"))
            .unwrap();
        assert!(
            cue.text(not).starts_with("not"),
            "negator and word form one cue: {cue:?}"
        );
    }

    #[test]
    fn contrast_weights_the_main_clause() {
        assert!(whole("Although revenue rose, the stock fell").score < 0.0);
        assert!(whole("Revenue rose, but the stock fell").score < 0.0);
        assert!(whole("Although revenue fell, the stock rose").score > 0.0);
    }

    #[test]
    fn hedges_damp_but_keep_the_sign() {
        let firm = whole("Acme faces a fine over its pricing");
        let hedged = whole("Acme could face a fine over its pricing");
        assert!(hedged.score < 0.0, "{hedged:?}");
        assert!(hedged.score.abs() < firm.score.abs() || firm.score >= 0.0);
        let f = whole("Shares fell");
        let h = whole("Shares may fall");
        assert!(h.score < 0.0 && h.score > f.score);
    }

    #[test]
    fn intensifiers_amplify() {
        assert!(whole("Shares fell sharply").score < whole("Shares fell").score);
        assert!(whole("Shares fell slightly").score > whole("Shares fell").score);
    }

    #[test]
    fn domain_words_are_not_negative_by_themselves() {
        for t in [
            "The company recorded a tax liability",
            "Crude is shipped to the refinery",
            "Each share carries one vote",
            "The fund may sell short",
        ] {
            let s = whole(t);
            assert_eq!(s.label, Label::Neutral, "{t}: {s:?}");
            for w in ["tax", "liability", "Crude", "share", "short"] {
                assert!(
                    !s.cues.iter().any(|c| c.text(t) == w && c.weight < 0.0),
                    "{w} in {t} is a negative cue"
                );
            }
        }
    }

    #[test]
    fn procedural_statements_are_neutral() {
        for t in [
            "Acme will hold its annual meeting on December 5",
            "The company will host a webcast at 8 a.m. Eastern time",
            "The dividend is payable on March 15 to holders of record",
        ] {
            assert_eq!(whole(t).label, Label::Neutral, "{t}: {:?}", whole(t));
        }
    }

    #[test]
    fn cues_have_absolute_spans_and_exact_sum() {
        let base = 1000;
        let text = "Acme's operating loss narrowed sharply while Beta slid";
        let s = score_sentence(text, base, &find_target(text, "Acme"));
        assert!(!s.cues.is_empty());
        for c in &s.cues {
            assert!(c.start >= base && c.end <= base + text.len(), "{c:?}");
        }
        let sum: f32 = s.bias + s.cues.iter().map(|c| c.weight).sum::<f32>();
        assert_eq!(s.raw, sum);
        assert_eq!(s.score, sum.tanh());
        // Cues never overlap and come in text order.
        for w in s.cues.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
    }

    #[test]
    fn find_target_is_case_insensitive_on_word_boundaries() {
        let spans = find_target("AMDOCS rose; amd fell; AMD's chips", "AMD");
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0], Span { start: 13, end: 16 });
        assert!(find_target("anything", "  ").is_empty());
        // Case folding that changes byte lengths falls back to exact matching.
        assert_eq!(find_target("İstanbul Acme", "Acme").len(), 1);
    }

    #[test]
    fn locate_target_falls_back_to_the_leading_words_of_the_name() {
        let t = "Tata Motors shares fell 4%";
        assert_eq!(
            locate_target(t, "Tata Motors Ltd"),
            find_target(t, "Tata Motors")
        );
        assert_eq!(
            locate_target(t, "tata motors"),
            find_target(t, "Tata Motors")
        );
        assert!(locate_target(t, "Infosys Ltd").is_empty());
        assert!(
            locate_target(t, "Ta X").is_empty(),
            "no match on fragments under 3 chars"
        );
    }

    #[test]
    fn leaving_out_unweighed_features_changes_no_score() {
        let model = model();
        let mut scorer = Scorer::new(model);
        let mut left_out = 0;
        for (text, target) in [
            (
                "Zentrova shares jumped after the quarterly update",
                "Zentrova",
            ),
            (
                "Halvex cut its outlook, but Brimco raised its dividend",
                "Brimco",
            ),
            (
                "Halvex cut its outlook, but Brimco raised its dividend",
                "Halvex",
            ),
            ("Analysts at Morvane upgraded Quillon to buy", "Quillon"),
            (
                "The regulator fined Ostrel over misleading claims: report",
                "Ostrel",
            ),
            ("Net loss at Parvio did not widen as feared", "Parvio"),
            ("Plenty of zorbic flimwax here", "flimwax"),
        ] {
            let tokens = model.tokenize(text);
            for targets in [find_target(text, target), Vec::new()] {
                let fast = scorer.score_spans(&tokens, 7, &targets);
                // Every feature, weighed or not, through the same explanation.
                let buf = scorer.buf.as_deref_mut().unwrap();
                let weighed = buf.feats.len();
                features::extract_tokens(
                    &tokens,
                    &model.vocab,
                    &targets,
                    &mut buf.scratch,
                    &mut buf.feats,
                );
                left_out += buf.feats.len() - weighed;
                let full = scorer.explain(&tokens, 7);
                assert_eq!(fast, full, "{text} / {targets:?}");
                assert_eq!(fast.raw.to_bits(), full.raw.to_bits(), "{text}");
            }
        }
        assert!(left_out > 0, "the sentences have features of unknown stems");
    }

    #[test]
    fn a_reused_scorer_scores_each_sentence_as_if_it_were_the_first() {
        // Long and short sentences, with and without a target, in both orders on one scorer:
        // nothing of one call's per-token buffers leaks into the next.
        let model = model();
        let cases = [
            (
                "Acme's operating loss narrowed sharply while Beta slid on weak demand",
                "Beta",
            ),
            ("Gold rises", "Gold"),
            (
                "Halvex cut its outlook, but Brimco raised its dividend",
                "Brimco",
            ),
            ("Net loss at Parvio did not widen as feared", "Parvio"),
            ("Shares fell", "Shares"),
        ];
        let run = |order: Vec<(&'static str, &'static str)>| {
            let mut scorer = Scorer::new(model);
            let mut out = Vec::new();
            for (text, target) in order {
                let tokens = model.tokenize(text);
                for targets in [Vec::new(), find_target(text, target)] {
                    let scored = scorer.score_spans(&tokens, 3, &targets);
                    out.push(((text, targets.len()), scored));
                }
            }
            out
        };
        let forward = run(cases.to_vec());
        let mut backward = run(cases.iter().rev().copied().collect());
        assert!(forward.iter().any(|(_, s)| s.cues.len() > 1));
        backward.sort_by_key(|(k, _)| *k);
        let mut sorted = forward.clone();
        sorted.sort_by_key(|(k, _)| *k);
        assert_eq!(sorted, backward);
    }

    #[test]
    fn model_parses_units_and_bias() {
        let m =
            Model::parse("# c\nunit 0.5\nbias -2\n0c:rise\t4\n5k\t-2\nbad line\n0é\t1\n1a\t1\n");
        assert_eq!(m.bias, -1.0);
        let polarity = |k: &str| m.weight_of(k).map(|w| w.polarity);
        assert_eq!(polarity("c:rise"), Some(2.0));
        assert_eq!(polarity("c:risk"), Some(-1.0));
        assert_eq!(polarity("éa"), Some(0.5));
        assert_eq!(m.neutral_bias, 0.0);
        assert_eq!(m.len(), 4);
        assert!(model().len() > 1000, "the trained model is embedded");
    }

    #[test]
    fn neutral_margin_gates_polarity_and_stays_an_exact_sum() {
        // p: zorb +1, blah −1; q: 0.5 base, quix +2 (a word that marks neutral statements).
        let m = Model::parse(
            "unit 0.1\nbias 0\nneutral 5\n0blah\t-10\n0c:blah\t-10\n2quix\t0\t20\n2zorb\t10\n",
        );
        let exact = |s: &Scored| {
            let sum = s.bias + s.cues.iter().map(|c| c.weight).sum::<f32>();
            assert_eq!(s.raw, sum, "{s:?}");
        };
        // |p| = 1 beats M = 0.5 + BAND_RAW: polar, raw = sign(p)·(BAND_RAW + |p| − M).
        let pos = m.score("zorb", 0, &[]);
        exact(&pos);
        assert!((pos.raw - 0.5).abs() < 1e-6, "{pos:?}");
        assert_eq!(pos.label, Label::Bullish);
        let neg = m.score("blah", 0, &[]);
        exact(&neg);
        assert!((neg.raw + 0.5).abs() < 1e-6, "{neg:?}");
        assert_eq!(neg.label, Label::Bearish);
        // M = 2.5 + BAND_RAW beats |p| = 1: Neutral (leaning positive). The neutral word acts
        // through the statement's scale, not as a cue: the direction word keeps its sign and
        // carries the whole (small) lean.
        let gated = m.score("zorb quix", 0, &[]);
        exact(&gated);
        let lean = BAND_RAW / (2.5 + BAND_RAW);
        assert!((gated.raw - lean).abs() < 1e-6, "{gated:?}");
        assert_eq!(gated.label, Label::Neutral);
        assert!(
            gated.cues.iter().all(|c| c.text("zorb quix") != "quix"),
            "{gated:?}"
        );
        let zorb = gated
            .cues
            .iter()
            .find(|c| c.text("zorb quix") == "zorb")
            .unwrap();
        assert!((zorb.weight - lean).abs() < 1e-6, "{gated:?}");
        let gated = m.score("blah quix", 0, &[]);
        exact(&gated);
        assert!(gated.cues.iter().all(|c| c.weight < 0.0), "{gated:?}");
    }
}
