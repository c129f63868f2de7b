//! The analysis: the engine's output contract, serialised as the analysis JSON.
//!
//! All `start`/`end` offsets are UTF-8 byte offsets into [`Analysis::text`], the normalised
//! article text (title, a blank line, then the paragraphs separated by blank lines).

use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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
///
/// Its text is the document's `start..end` ([`Cue::text`]); the JSON has it as a `text` field.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Cue {
    /// Its contribution to the raw (pre-squash) score.
    pub weight: f32,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A scored piece of text: `score = squash(bias + Σ cue.weight)` exactly.
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
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
///
/// Its text is the document's `start..end` ([`Evidence::text`]); the JSON has it as a `text`
/// field.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Evidence {
    /// Index into [`Analysis::sentences`].
    pub sentence: usize,
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EntityImpact {
    /// Stable id: the ticker, `priv:<slug>` or the asset id (borrowed from the universe).
    pub id: Cow<'static, str>,
    /// Ticker or asset symbol; `null` for a private company.
    pub symbol: Option<Cow<'static, str>>,
    /// Display name.
    pub name: Cow<'static, str>,
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
#[derive(Debug, Clone, PartialEq, Deserialize)]
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

impl Cue {
    /// The cue as it appears in `doc`, the document text its offsets point into (empty if they
    /// do not fit it).
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        doc.get(self.start..self.end).unwrap_or_default()
    }
}

impl Evidence {
    /// The sentence text, cut from `doc`, the document text its offsets point into (empty if
    /// they do not fit it).
    pub fn text<'a>(&self, doc: &'a str) -> &'a str {
        doc.get(self.start..self.end).unwrap_or_default()
    }
}

/// A part of an analysis with the document text its cue and evidence texts are cut from, to
/// serialise that part alone exactly as it appears in the analysis JSON (`WithText(&a.text,
/// &a.entities[..])`, `WithText(&a.text, &a.sentences[i])`).
#[derive(Debug, Clone, Copy)]
pub struct WithText<'a, T: ?Sized>(
    /// The document text ([`Analysis::text`]) the part's offsets point into.
    pub &'a str,
    /// The part.
    pub &'a T,
);

impl<T> Serialize for WithText<'_, [T]>
where
    for<'b> WithText<'b, T>: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.1.iter().map(|x| WithText(self.0, x)))
    }
}

impl Serialize for WithText<'_, Cue> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.1;
        let mut s = serializer.serialize_struct("Cue", 4)?;
        s.serialize_field("text", c.text(self.0))?;
        s.serialize_field("weight", &c.weight)?;
        s.serialize_field("start", &c.start)?;
        s.serialize_field("end", &c.end)?;
        s.end()
    }
}

/// Serialises the fields of a [`Scored`] into a struct being written (the sentence's
/// `sentiment` object, or the evidence object it is flattened into).
fn scored_fields<S: SerializeStruct>(s: &mut S, doc: &str, x: &Scored) -> Result<(), S::Error> {
    s.serialize_field("score", &x.score)?;
    s.serialize_field("label", &x.label)?;
    s.serialize_field("bias", &x.bias)?;
    s.serialize_field("raw", &x.raw)?;
    s.serialize_field("cues", &WithText(doc, &x.cues[..]))
}

impl Serialize for WithText<'_, Scored> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Scored", 5)?;
        scored_fields(&mut s, self.0, self.1)?;
        s.end()
    }
}

impl Serialize for WithText<'_, Sentence> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let x = self.1;
        let mut s = serializer.serialize_struct("Sentence", 4)?;
        s.serialize_field("start", &x.start)?;
        s.serialize_field("end", &x.end)?;
        s.serialize_field("paragraph", &x.paragraph)?;
        s.serialize_field("sentiment", &WithText(self.0, &x.sentiment))?;
        s.end()
    }
}

impl Serialize for WithText<'_, Evidence> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let x = self.1;
        let mut s = serializer.serialize_struct("Evidence", 10)?;
        s.serialize_field("sentence", &x.sentence)?;
        s.serialize_field("text", x.text(self.0))?;
        s.serialize_field("start", &x.start)?;
        s.serialize_field("end", &x.end)?;
        s.serialize_field("weight", &x.weight)?;
        scored_fields(&mut s, self.0, &x.sentiment)?;
        s.end()
    }
}

impl Serialize for WithText<'_, EntityImpact> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let x = self.1;
        let mut s = serializer.serialize_struct("EntityImpact", 10)?;
        s.serialize_field("id", &x.id)?;
        s.serialize_field("symbol", &x.symbol)?;
        s.serialize_field("name", &x.name)?;
        s.serialize_field("kind", &x.kind)?;
        s.serialize_field("score", &x.score)?;
        s.serialize_field("label", &x.label)?;
        s.serialize_field("relevance", &x.relevance)?;
        s.serialize_field("mentions", &x.mentions)?;
        s.serialize_field("spans", &x.spans)?;
        s.serialize_field("evidence", &WithText(self.0, &x.evidence[..]))?;
        s.end()
    }
}

/// The analysis JSON: every cue and evidence with its `text`, cut from [`Analysis::text`].
impl Serialize for Analysis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let doc = &self.text[..];
        let mut s = serializer.serialize_struct("Analysis", 5)?;
        s.serialize_field("overall", &self.overall)?;
        s.serialize_field("entities", &WithText(doc, &self.entities[..]))?;
        s.serialize_field("text", doc)?;
        s.serialize_field("paragraphs", &self.paragraphs)?;
        s.serialize_field("sentences", &WithText(doc, &self.sentences[..]))?;
        s.end()
    }
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
    fn json_gives_cue_and_evidence_texts_cut_from_the_document() {
        let article = crate::Article::from_json(
            r#"{"title": "Nvidia jumped while AMD slid",
                "body": ["Shares of Nvidia rose 4% after strong results."]}"#,
        )
        .unwrap();
        let a = crate::analyze(&article);
        let json = serde_json::to_value(&a).unwrap();
        let cut = |v: &serde_json::Value| {
            let (start, end) = (v["start"].as_u64().unwrap(), v["end"].as_u64().unwrap());
            a.text[start as usize..end as usize].to_owned()
        };
        let mut cues = 0;
        for s in json["sentences"].as_array().unwrap() {
            for c in s["sentiment"]["cues"].as_array().unwrap() {
                assert_eq!(c["text"].as_str().unwrap(), cut(c));
                cues += 1;
            }
        }
        let entities = json["entities"].as_array().unwrap();
        assert!(!entities.is_empty() && cues > 0, "{json}");
        for e in entities {
            for ev in e["evidence"].as_array().unwrap() {
                assert_eq!(ev["text"].as_str().unwrap(), cut(ev));
                for c in ev["cues"].as_array().unwrap() {
                    assert_eq!(c["text"].as_str().unwrap(), cut(c));
                }
            }
        }
        // A part serialised alone reads as it does inside the whole.
        let alone = serde_json::to_value(WithText(&a.text, &a.entities[..])).unwrap();
        assert_eq!(alone, json["entities"]);
        let one = serde_json::to_value(WithText(&a.text, &a.sentences[1])).unwrap();
        assert_eq!(one, json["sentences"][1]);
        // Field order of an evidence object: its own fields, then its score's.
        let ev = serde_json::to_string(&WithText(&a.text, &a.entities[0].evidence[0])).unwrap();
        let keys = [
            "sentence", "text", "start", "end", "weight", "score", "label", "bias", "raw", "cues",
        ];
        let at: Vec<usize> = keys
            .iter()
            .map(|k| ev.find(&format!("\"{k}\":")).unwrap())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{ev}");
    }

    #[test]
    fn a_cue_off_the_document_has_empty_text() {
        let cue = Cue {
            weight: 1.0,
            start: 2,
            end: 40,
        };
        assert_eq!(cue.text("Ünï"), "", "past the end");
        let doc = "a plain ASCII document of more than forty bytes";
        assert_eq!(cue.text(doc), &doc[2..40]);
        let inside = Cue { start: 1, ..cue };
        assert_eq!(
            inside.text("Ünïcødé and more text, well past forty bytes"),
            ""
        );
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
