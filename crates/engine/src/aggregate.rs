//! Stage 5: combine sentence scores into per-entity impacts and the overall line.
//!
//! # Entity score
//! Every sentence that mentions an entity — by name, ticker, brand, executive or through
//! coreference ("the company", "its") — is evidence for it, and is scored *toward that entity*:
//! the mention spans in the sentence are the targets of [`Scorer::score_spans`], so "Nvidia jumped
//! while AMD slid" is bullish evidence for NVDA and bearish evidence for AMD.
//!
//! The entity's score is the weighted mean of its evidence scores, where a sentence's weight is
//! the product of
//! - **position**: [`TITLE_WEIGHT`] for the title, [`LEAD_WEIGHT`] for the first body
//!   paragraph, 1 elsewhere (news puts what matters first);
//! - **how directly it names the entity**: 1 for a name or ticker, [`WEAK_WEIGHT`] for a brand
//!   or an executive, [`COREF_WEIGHT`] when the entity is only reached through coreference
//!   (the strongest mention in the sentence counts);
//! - **salience of the sentence**: `STRENGTH_FLOOR + |score|`, so a clearly bullish or bearish
//!   sentence outweighs a neutral passing mention instead of being diluted by it (the floor
//!   keeps a run of neutral mentions able to pull a lone weak signal back toward Neutral).
//!
//! # Order
//! Entities are listed by impact: `relevance + IMPACT_ORDER_WEIGHT · |score|` ([`order_by_impact`]),
//! so among entities the article is about to a similar degree, the one it moves most comes first,
//! while the entity the article is mostly about still leads (relevance spans (0, 1], the impact
//! term at most [`IMPACT_ORDER_WEIGHT`]).
//!
//! # Overall score
//! The relevance-weighted mean of the entity scores (relevance comes from linking), or the mean
//! sentence score when the article names no entity. The summary line names the most affected
//! entities: "Mixed: bearish for MSFT, bullish for NVDA".

use crate::analysis::{EntityImpact, Evidence, Label, Mention, MentionVia, Overall, Scored, Span};
use crate::link::LinkedEntity;
use crate::normalize::Document;
use crate::score::features::Tokens;
use crate::score::Scorer;
use crate::segment::SentenceSpan;

/// Weight of a title sentence.
pub const TITLE_WEIGHT: f32 = 2.0;
/// Weight of a sentence in the first body paragraph.
pub const LEAD_WEIGHT: f32 = 1.25;
/// Weight of a sentence that names the entity only by a brand or an executive.
pub const WEAK_WEIGHT: f32 = 0.7;
/// Weight of a sentence that reaches the entity only through coreference.
pub const COREF_WEIGHT: f32 = 0.6;
/// Floor of the salience factor `STRENGTH_FLOOR + |score|`.
pub const STRENGTH_FLOOR: f32 = 0.25;
/// Score magnitude from which an entity counts as bullish or bearish in the summary.
pub const SUMMARY_BAND: f32 = 0.15;
/// Entities named per side in the summary line.
pub const SUMMARY_MAX: usize = 3;

fn via_weight(via: MentionVia) -> f32 {
    match via {
        MentionVia::Name | MentionVia::Ticker => 1.0,
        MentionVia::Brand | MentionVia::Executive => WEAK_WEIGHT,
        MentionVia::Coref => COREF_WEIGHT,
    }
}

/// Builds each entity's impact from its evidence sentences.
///
/// The score uses every evidence sentence; the list keeps the strongest
/// [`crate::limits::MAX_EVIDENCE`].
pub fn entity_impacts(
    doc: &Document,
    sentences: &[SentenceSpan],
    tokens: &[Tokens],
    scorer: &mut Scorer,
    linked: Vec<LinkedEntity>,
) -> Vec<EntityImpact> {
    linked
        .into_iter()
        .map(|entity| entity_impact(doc, sentences, tokens, scorer, entity))
        .collect()
}

/// Builds one entity's impact: its evidence sentences scored toward it, strongest first (the
/// [`crate::limits::MAX_EVIDENCE`] strongest kept).
pub fn entity_impact(
    doc: &Document,
    sentences: &[SentenceSpan],
    tokens: &[Tokens],
    scorer: &mut Scorer,
    entity: LinkedEntity,
) -> EntityImpact {
    let evidence = evidence_for(doc, sentences, tokens, scorer, &entity);
    let score = weighted_mean(evidence.iter().map(|e| (e.sentiment.score, e.weight)));
    let mut evidence = evidence;
    crate::order::sort_by(&mut evidence, |a, b| {
        (b.sentiment.score.abs() * b.weight)
            .total_cmp(&(a.sentiment.score.abs() * a.weight))
            .then(a.sentence.cmp(&b.sentence))
    });
    evidence.truncate(crate::limits::MAX_EVIDENCE);
    EntityImpact {
        id: entity.id,
        symbol: entity.symbol,
        name: entity.name,
        kind: entity.kind,
        score,
        label: Label::from_score(score),
        relevance: entity.relevance,
        mentions: entity.mentions.len(),
        spans: entity.mentions,
        evidence,
    }
}

/// Scores every sentence that mentions `entity` toward it (one pass over its mentions).
fn evidence_for(
    doc: &Document,
    sentences: &[SentenceSpan],
    tokens: &[Tokens],
    scorer: &mut Scorer,
    entity: &LinkedEntity,
) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = Vec::new();
    // A sentence's target spans: on the stack when few (the usual case), else in a list.
    let mut few = [Span { start: 0, end: 0 }; 8];
    let mut many: Vec<Span> = Vec::new();
    let mut i = 0;
    // Linking lists mentions in document order, but coreference may append late; group by
    // sentence regardless (n log n).
    // (Copied only when out of order: usually they are not.)
    let key = |m: &Mention| (m.sentence, m.start);
    let sorted;
    let mentions: &[Mention] = if entity.mentions.is_sorted_by_key(key) {
        &entity.mentions
    } else {
        let mut copy = entity.mentions.clone();
        crate::order::sort_by_key(&mut copy, key);
        sorted = copy;
        &sorted
    };
    while i < mentions.len() {
        let sentence = mentions[i].sentence;
        let mut j = i;
        while j < mentions.len() && mentions[j].sentence == sentence {
            j += 1;
        }
        let group = &mentions[i..j];
        i = j;
        let Some(s) = sentences.get(sentence).copied() else {
            continue;
        };
        if doc.text.get(s.start..s.end).is_none() {
            continue;
        }
        let spans = group
            .iter()
            .filter(|m| m.start >= s.start && m.end <= s.end && m.start <= m.end)
            .map(|m| Span {
                start: m.start - s.start,
                end: m.end - s.start,
            });
        let targets: &[Span] = if group.len() <= few.len() {
            let mut k = 0;
            for (slot, span) in few.iter_mut().zip(spans) {
                *slot = span;
                k += 1;
            }
            &few[..k]
        } else {
            many.clear();
            many.extend(spans);
            &many
        };
        let Some(toks) = tokens.get(sentence) else {
            continue;
        };
        let sentiment = scorer.score_spans(toks, s.start, targets);
        let position = match s.paragraph {
            0 => TITLE_WEIGHT,
            1 => LEAD_WEIGHT,
            _ => 1.0,
        };
        let via = group
            .iter()
            .map(|m| via_weight(m.via))
            .fold(0.0f32, f32::max);
        let weight = position * via * (STRENGTH_FLOOR + sentiment.score.abs());
        out.push(Evidence {
            sentence,
            start: s.start,
            end: s.end,
            weight,
            sentiment,
        });
    }
    out
}

/// The overall score and its one-line summary.
pub fn overall<'a>(
    entities: &[EntityImpact],
    sentence_scores: impl IntoIterator<Item = &'a Scored>,
) -> Overall {
    let score = if entities.is_empty() {
        weighted_mean(sentence_scores.into_iter().map(|s| (s.score, 1.0)))
    } else {
        weighted_mean(entities.iter().map(|e| (e.score, e.relevance)))
    };
    let label = Label::from_score(score);
    Overall {
        score,
        label,
        summary: summary(label, entities),
    }
}

fn tag(e: &EntityImpact) -> &str {
    e.symbol.as_deref().unwrap_or(&e.name)
}

/// Appends the tags of `entities` joined as "A", "A and B", "A, B and C".
fn join_into(out: &mut String, entities: &Top) {
    let n = entities.list().count();
    for (i, e) in entities.list().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == n { " and " } else { ", " });
        }
        out.push_str(tag(e));
    }
}

/// Up to [`SUMMARY_MAX`] entities, kept in place (no list allocated per summary).
struct Top<'a> {
    items: [Option<&'a EntityImpact>; SUMMARY_MAX],
}

impl<'a> Top<'a> {
    /// The first [`SUMMARY_MAX`] of `entities`.
    fn first(entities: &'a [EntityImpact]) -> Top<'a> {
        let mut top = Top {
            items: [None; SUMMARY_MAX],
        };
        for (slot, e) in top.items.iter_mut().zip(entities) {
            *slot = Some(e);
        }
        top
    }

    /// The entities kept, in order.
    fn list(&self) -> impl Iterator<Item = &'a EntityImpact> + '_ {
        self.items.iter().map_while(|e| *e)
    }

    /// Whether none is kept.
    fn is_empty(&self) -> bool {
        self.items[0].is_none()
    }
}

/// The most affected entities on one side, strongest impact (|score| × relevance) first: the
/// first [`SUMMARY_MAX`] of a stable sort, kept by insertion (each entity goes after those that
/// do not order after it).
fn side(entities: &[EntityImpact], bullish: bool) -> Top<'_> {
    let after = |a: &EntityImpact, b: &EntityImpact| {
        (b.score.abs() * b.relevance)
            .total_cmp(&(a.score.abs() * a.relevance))
            .then(a.id.cmp(&b.id))
            .is_gt()
    };
    let mut top = Top {
        items: [None; SUMMARY_MAX],
    };
    for e in entities.iter().filter(|e| {
        if bullish {
            e.score >= SUMMARY_BAND
        } else {
            e.score <= -SUMMARY_BAND
        }
    }) {
        let at = top.items.iter().position(|k| k.is_none_or(|k| after(k, e)));
        if let Some(at) = at {
            top.items[at..].rotate_right(1);
            top.items[at] = Some(e);
        }
    }
    top
}

/// One generated sentence naming the overall label and the most affected entities:
/// - "Mixed: bearish for MSFT, bullish for NVDA" when both sides are present;
/// - "Bullish for NVDA and AMD" when the overall label agrees with the only side;
/// - "Neutral overall, but bearish for MSFT" when one entity moves against a neutral whole;
/// - "Neutral for MSFT, NVDA and OpenAI" when nothing moves;
/// - "Neutral: no listed companies or market assets found" with no entities.
pub fn summary(label: Label, entities: &[EntityImpact]) -> String {
    let mut out = String::with_capacity(64);
    if entities.is_empty() {
        out.push_str(label.as_str());
        out.push_str(": no listed companies or market assets found");
        return out;
    }
    let bulls = side(entities, true);
    let bears = side(entities, false);
    let overall_bullish = matches!(label, Label::Bullish | Label::SomewhatBullish);
    let overall_bearish = matches!(label, Label::Bearish | Label::SomewhatBearish);
    match (bulls.is_empty(), bears.is_empty()) {
        (false, false) => {
            out.push_str("Mixed: bearish for ");
            join_into(&mut out, &bears);
            out.push_str(", bullish for ");
            join_into(&mut out, &bulls);
        }
        (false, true) if overall_bullish => {
            out.push_str(label.as_str());
            out.push_str(" for ");
            join_into(&mut out, &bulls);
        }
        (true, false) if overall_bearish => {
            out.push_str(label.as_str());
            out.push_str(" for ");
            join_into(&mut out, &bears);
        }
        (false, true) => {
            out.push_str(label.as_str());
            out.push_str(" overall, but bullish for ");
            join_into(&mut out, &bulls);
        }
        (true, false) => {
            out.push_str(label.as_str());
            out.push_str(" overall, but bearish for ");
            join_into(&mut out, &bears);
        }
        (true, true) => {
            let first = Top::first(entities);
            out.push_str("Neutral for ");
            join_into(&mut out, &first);
        }
    }
    out
}

fn weighted_mean(items: impl Iterator<Item = (f32, f32)>) -> f32 {
    let (sum, weight) = items.fold((0.0, 0.0), |(s, w), (x, wx)| (s + x * wx, w + wx));
    if weight > 0.0 {
        (sum / weight).clamp(-1.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Kind, Mention};

    fn impact(id: &str, score: f32, relevance: f32) -> EntityImpact {
        EntityImpact {
            id: id.to_owned().into(),
            symbol: Some(id.to_owned().into()),
            name: id.to_owned().into(),
            kind: Kind::Public,
            score,
            label: Label::from_score(score),
            relevance,
            mentions: 1,
            spans: Vec::new(),
            evidence: Vec::new(),
        }
    }

    #[test]
    fn summary_names_both_sides_when_mixed() {
        let e = [impact("MSFT", -0.4, 0.9), impact("NVDA", 0.5, 0.6)];
        assert_eq!(
            summary(Label::Neutral, &e),
            "Mixed: bearish for MSFT, bullish for NVDA"
        );
    }

    #[test]
    fn neutral_overall_with_one_bearish_entity_reads_sensibly() {
        let e = [
            impact("AAPL", 0.0, 1.0),
            impact("MSFT", -0.3, 0.2),
            impact("GOOGL", 0.05, 0.5),
        ];
        assert_eq!(
            summary(Label::Neutral, &e),
            "Neutral overall, but bearish for MSFT"
        );
    }

    #[test]
    fn agreeing_side_uses_the_overall_label_and_strongest_first() {
        let e = [impact("AMD", 0.2, 0.5), impact("NVDA", 0.6, 1.0)];
        assert_eq!(summary(Label::Bullish, &e), "Bullish for NVDA and AMD");
    }

    #[test]
    fn each_side_names_the_strongest_three_in_sorted_order() {
        let e = [
            impact("E", 0.2, 0.5),
            impact("B", 0.4, 0.5),
            impact("A", 0.4, 0.5),
            impact("C", 0.8, 0.25),
            impact("D", -0.9, 1.0),
            impact("F", 0.9, 0.9),
            impact("G", 0.1, 1.0),
        ];
        // The stable sort by impact (ties by id) that the summary promises, cut to three.
        let mut want: Vec<&EntityImpact> = e.iter().filter(|x| x.score >= SUMMARY_BAND).collect();
        want.sort_by(|a, b| {
            (b.score.abs() * b.relevance)
                .total_cmp(&(a.score.abs() * a.relevance))
                .then(a.id.cmp(&b.id))
        });
        want.truncate(SUMMARY_MAX);
        let got: Vec<&str> = side(&e, true).list().map(|x| x.id.as_ref()).collect();
        let want: Vec<&str> = want.iter().map(|x| x.id.as_ref()).collect();
        assert_eq!(got, want);
        assert_eq!(got, ["F", "A", "B"]);
        let bears: Vec<&str> = side(&e, false).list().map(|x| x.id.as_ref()).collect();
        assert_eq!(bears, ["D"]);
    }

    #[test]
    fn nothing_moving_is_neutral_for_the_top_entities() {
        let e = [impact("A", 0.0, 1.0), impact("B", 0.1, 0.5)];
        assert_eq!(summary(Label::Neutral, &e), "Neutral for A and B");
        assert!(summary(Label::Neutral, &[]).contains("no listed companies"));
    }

    fn doc_and_spans(title: &str, body: &[&str]) -> (Document, Vec<SentenceSpan>) {
        let doc = crate::normalize::normalize_parts(title, body.iter().copied());
        let spans = crate::segment::segment(&doc);
        (doc, spans)
    }

    fn entity(doc: &Document, spans: &[SentenceSpan], name: &str, via: MentionVia) -> LinkedEntity {
        let mentions = doc
            .text
            .match_indices(name)
            .map(|(i, m)| Mention {
                start: i,
                end: i + m.len(),
                sentence: spans
                    .iter()
                    .position(|s| s.start <= i && i < s.end)
                    .unwrap(),
                via,
            })
            .collect();
        LinkedEntity {
            id: name.to_owned().into(),
            symbol: Some(name.to_owned().into()),
            name: name.to_owned().into(),
            kind: Kind::Public,
            relevance: 1.0,
            mentions,
        }
    }

    fn impacts(
        doc: &Document,
        spans: &[SentenceSpan],
        linked: Vec<LinkedEntity>,
    ) -> Vec<EntityImpact> {
        let model = crate::score::model();
        let tokens: Vec<Tokens> = spans
            .iter()
            .map(|s| model.tokenize(&doc.text[s.start..s.end]))
            .collect();
        entity_impacts(doc, spans, &tokens, &mut Scorer::new(model), linked)
    }

    #[test]
    fn each_entity_is_scored_toward_itself_in_a_shared_sentence() {
        let (doc, spans) = doc_and_spans("Nvidia jumped while AMD slid", &[]);
        let linked = vec![
            entity(&doc, &spans, "Nvidia", MentionVia::Name),
            entity(&doc, &spans, "AMD", MentionVia::Name),
        ];
        let out = impacts(&doc, &spans, linked);
        assert!(out[0].score > 0.0, "NVDA {}", out[0].score);
        assert!(out[1].score < 0.0, "AMD {}", out[1].score);
    }

    #[test]
    fn a_sentence_naming_the_entity_many_times_is_scored_toward_every_mention() {
        // Ten mentions in one sentence: more than the few kept on the stack.
        let title = "Acme rose, Acme rose, Acme rose, Acme rose, Acme rose, Acme fell, Acme fell, \
                     Acme fell, Acme fell, and Acme slid";
        let (doc, spans) = doc_and_spans(title, &[]);
        let e = entity(&doc, &spans, "Acme", MentionVia::Name);
        assert_eq!(e.mentions.len(), 10);
        let targets: Vec<Span> = e
            .mentions
            .iter()
            .map(|m| Span {
                start: m.start,
                end: m.end,
            })
            .collect();
        let out = impacts(&doc, &spans, vec![e]);
        let direct = crate::score::score_sentence(&doc.text, 0, &targets);
        assert_eq!(out[0].evidence[0].sentiment.score, direct.score);
        assert_eq!(out[0].evidence[0].sentiment.cues.len(), direct.cues.len());
    }

    #[test]
    fn title_and_polar_sentences_outweigh_neutral_body_mentions() {
        let (doc, spans) = doc_and_spans(
            "Acme shares plunged after the company cut its guidance",
            &["Acme is based in Ohio. Acme has 400 employees. Acme was founded in 1950."],
        );
        let linked = vec![entity(&doc, &spans, "Acme", MentionVia::Name)];
        let out = impacts(&doc, &spans, linked);
        let e = &out[0];
        assert_eq!(e.evidence.len(), 4);
        assert_eq!(
            e.evidence[0].sentence, 0,
            "the title is the strongest evidence"
        );
        let title = e.evidence[0].sentiment.score;
        assert!(title < -0.15);
        // Weighted toward the title: far more bearish than the plain mean of the four.
        let plain: f32 = e.evidence.iter().map(|x| x.sentiment.score).sum::<f32>() / 4.0;
        assert!(e.score < plain, "{} vs {plain}", e.score);
        assert!(e.label != Label::Neutral);
    }

    #[test]
    fn one_evidence_per_sentence_even_with_out_of_order_mentions() {
        let (doc, spans) = doc_and_spans("Acme rose", &["Acme fell. Then Acme and Acme rose."]);
        let mut e = entity(&doc, &spans, "Acme", MentionVia::Name);
        // Interleave: sentence 2, 1, 2, 0.
        e.mentions = vec![e.mentions[2], e.mentions[1], e.mentions[3], e.mentions[0]];
        let out = impacts(&doc, &spans, vec![e]);
        let mut sentences: Vec<usize> = out[0].evidence.iter().map(|x| x.sentence).collect();
        sentences.sort_unstable();
        assert_eq!(sentences, vec![0, 1, 2]);
        assert_eq!(out[0].mentions, 4);
    }

    #[test]
    fn coreference_evidence_counts_less_than_a_named_mention() {
        let (doc, spans) = doc_and_spans("Report", &["Acme rose. It fell."]);
        let mut e = entity(&doc, &spans, "Acme", MentionVia::Name);
        let it = doc.text.find("It").unwrap();
        e.mentions.push(Mention {
            start: it,
            end: it + 2,
            sentence: 2,
            via: MentionVia::Coref,
        });
        let out = impacts(&doc, &spans, vec![e]);
        let w = |s: usize| out[0].evidence.iter().find(|x| x.sentence == s).unwrap();
        let (named, coref) = (w(1), w(2));
        assert!(
            named.weight / (STRENGTH_FLOOR + named.sentiment.score.abs())
                > coref.weight / (STRENGTH_FLOOR + coref.sentiment.score.abs())
        );
    }
}

/// Weight of `|score|` against relevance in the panel order.
pub const IMPACT_ORDER_WEIGHT: f32 = 0.25;

/// Sorts entities by `relevance + IMPACT_ORDER_WEIGHT · |score|`, highest first (stable).
pub fn order_by_impact(entities: &mut [EntityImpact]) {
    let key = |e: &EntityImpact| e.relevance + IMPACT_ORDER_WEIGHT * e.score.abs();
    entities.sort_by(|a, b| key(b).total_cmp(&key(a)));
}

#[cfg(test)]
mod order_tests {
    use super::*;
    use crate::analysis::{Kind, Label};

    fn entity(id: &str, relevance: f32, score: f32) -> EntityImpact {
        EntityImpact {
            id: id.to_owned().into(),
            symbol: Some(id.to_owned().into()),
            name: id.to_owned().into(),
            kind: Kind::Public,
            score,
            label: Label::from_score(score),
            relevance,
            mentions: 1,
            spans: vec![],
            evidence: vec![],
        }
    }

    #[test]
    fn strong_impact_breaks_near_ties_but_the_main_subject_leads() {
        let mut list = vec![
            entity("QUIET", 0.30, 0.0),
            entity("MAIN", 0.90, 0.0),
            entity("MOVED", 0.28, -0.8),
        ];
        order_by_impact(&mut list);
        let ids: Vec<&str> = list.iter().map(|e| e.id.as_ref()).collect();
        assert_eq!(ids, ["MAIN", "MOVED", "QUIET"]);
    }
}
