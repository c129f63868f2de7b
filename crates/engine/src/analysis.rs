//! The analysis: the engine's output contract, serialised as the analysis JSON.
//!
//! All `start`/`end` offsets are UTF-8 byte offsets into [`Analysis::text`], the normalised
//! article text (title, a blank line, then the paragraphs separated by blank lines).

use serde::{Deserialize, Serialize};

/// The five Alpha Vantage sentiment bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Label {
    /// score ≤ -0.35
    Bearish,
    /// -0.35 < score ≤ -0.15
    #[serde(rename = "Somewhat-Bearish")]
    SomewhatBearish,
    /// -0.15 < score < 0.15
    Neutral,
    /// 0.15 ≤ score < 0.35
    #[serde(rename = "Somewhat-Bullish")]
    SomewhatBullish,
    /// score ≥ 0.35
    Bullish,
}

impl Label {
    /// Bands a score with the Alpha Vantage thresholds.
    pub fn from_score(score: f32) -> Label {
        if score <= -0.35 {
            Label::Bearish
        } else if score <= -0.15 {
            Label::SomewhatBearish
        } else if score < 0.15 {
            Label::Neutral
        } else if score < 0.35 {
            Label::SomewhatBullish
        } else {
            Label::Bullish
        }
    }

    /// The label as it appears in JSON and in `data-label`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Bearish => "Bearish",
            Label::SomewhatBearish => "Somewhat-Bearish",
            Label::Neutral => "Neutral",
            Label::SomewhatBullish => "Somewhat-Bullish",
            Label::Bullish => "Bullish",
        }
    }

    /// All labels, from most bearish to most bullish.
    pub const ALL: [Label; 5] = [
        Label::Bearish,
        Label::SomewhatBearish,
        Label::Neutral,
        Label::SomewhatBullish,
        Label::Bullish,
    ];
}

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A listed company.
    Public,
    /// A company with no listing (`symbol` is null).
    Private,
    /// A stock index such as the S&P 500.
    Index,
    /// A commodity such as gold or crude oil.
    Commodity,
    /// A currency such as the yen.
    Currency,
    /// A crypto asset such as Bitcoin.
    Crypto,
}

/// A half-open byte range into [`Analysis::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// How a mention was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionVia {
    /// The company's name or a strong alias.
    Name,
    /// A ticker in ticker context (cashtag, exchange-qualified, …).
    Ticker,
    /// A brand or product of the company (weak evidence).
    Brand,
    /// One of the company's executives (weak evidence).
    Executive,
    /// A pronoun or descriptor such as "the company" (coreference).
    Coref,
}

/// One place an entity is mentioned.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// First byte of the mention.
    pub start: usize,
    /// One past the last byte of the mention.
    pub end: usize,
    /// Index into [`Analysis::sentences`].
    pub sentence: usize,
    /// How it was recognised.
    pub via: MentionVia,
}

/// A word or phrase that moved a score, with its exact additive contribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cue {
    /// The cue as it appears in the text.
    pub text: String,
    /// Its contribution to the raw (pre-squash) score.
    pub weight: f32,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A scored piece of text: `score = squash(bias + Σ cue.weight)` exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// Final score in [-1, 1].
    pub score: f32,
    /// Alpha Vantage band of `score`.
    pub label: Label,
    /// The constant part of the raw score (the model biases, combined as in `score::Model`).
    pub bias: f32,
    /// Raw score before squashing: `bias + Σ cues[i].weight`.
    pub raw: f32,
    /// The cues, in text order.
    pub cues: Vec<Cue>,
}

/// A sentence of the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Paragraph index: 0 is the title, 1.. the body paragraphs.
    pub paragraph: usize,
    /// The sentence scored without a target (for the "explain" view).
    pub sentiment: Scored,
}

/// A sentence that is evidence for one entity, scored toward that entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// Index into [`Analysis::sentences`].
    pub sentence: usize,
    /// The sentence text.
    pub text: String,
    /// First byte of the sentence.
    pub start: usize,
    /// One past the last byte of the sentence.
    pub end: usize,
    /// Weight of this sentence in the entity's aggregate score.
    pub weight: f32,
    /// The sentence scored toward the entity.
    #[serde(flatten)]
    pub sentiment: Scored,
}

/// One company or asset the article affects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityImpact {
    /// Stable id: the ticker, `priv:<slug>` or the asset id.
    pub id: String,
    /// Ticker or asset symbol; `null` for a private company.
    pub symbol: Option<String>,
    /// Display name.
    pub name: String,
    /// What kind of entity it is.
    pub kind: Kind,
    /// Aggregate sentiment toward the entity in [-1, 1].
    pub score: f32,
    /// Alpha Vantage band of `score`.
    pub label: Label,
    /// How much the article is about this entity, in (0, 1].
    pub relevance: f32,
    /// Number of mentions (coreference included).
    pub mentions: usize,
    /// Where it is mentioned.
    pub spans: Vec<Mention>,
    /// The evidence sentences, strongest first.
    pub evidence: Vec<Evidence>,
}

/// The overall impact line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overall {
    /// Overall score in [-1, 1].
    pub score: f32,
    /// Alpha Vantage band of `score`.
    pub label: Label,
    /// One generated sentence, e.g. "Mixed: bearish for MSFT, bullish for NVDA".
    pub summary: String,
}

/// The full analysis of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The overall impact.
    pub overall: Overall,
    /// Entities, most relevant first.
    pub entities: Vec<EntityImpact>,
    /// The normalised article text all offsets point into.
    pub text: String,
    /// Paragraph spans: index 0 is the title.
    pub paragraphs: Vec<Span>,
    /// Sentences in order.
    pub sentences: Vec<Sentence>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_alpha_vantage_thresholds() {
        assert_eq!(Label::from_score(-1.0), Label::Bearish);
        assert_eq!(Label::from_score(-0.35), Label::Bearish);
        assert_eq!(Label::from_score(-0.34), Label::SomewhatBearish);
        assert_eq!(Label::from_score(-0.15), Label::SomewhatBearish);
        assert_eq!(Label::from_score(-0.14), Label::Neutral);
        assert_eq!(Label::from_score(0.149), Label::Neutral);
        assert_eq!(Label::from_score(0.15), Label::SomewhatBullish);
        assert_eq!(Label::from_score(0.349), Label::SomewhatBullish);
        assert_eq!(Label::from_score(0.35), Label::Bullish);
    }

    #[test]
    fn labels_serialise_with_hyphens() {
        let json = serde_json::to_string(&Label::ALL).unwrap();
        assert_eq!(
            json,
            r#"["Bearish","Somewhat-Bearish","Neutral","Somewhat-Bullish","Bullish"]"#
        );
    }
}
