//! Stage 5: combine sentence scores into per-entity impacts and the overall line.
//!
//! An entity's score is the weighted mean of its evidence sentences' scores toward it. A
//! sentence's weight is 2 in the title and 1 elsewhere. The overall score is the
//! relevance-weighted mean of the entity scores (or the mean sentence score when there are no
//! entities).

use crate::analysis::{EntityImpact, Evidence, Label, Overall, Scored, Span};
use crate::link::LinkedEntity;
use crate::normalize::Document;
use crate::score::score_sentence;
use crate::segment::SentenceSpan;

/// Weight of a title sentence relative to a body sentence.
pub const TITLE_WEIGHT: f32 = 2.0;

/// Builds each entity's impact from its evidence sentences.
pub fn entity_impacts(
    doc: &Document,
    sentences: &[SentenceSpan],
    linked: Vec<LinkedEntity>,
) -> Vec<EntityImpact> {
    linked
        .into_iter()
        .map(|entity| {
            let mut evidence: Vec<Evidence> = Vec::new();
            for m in &entity.mentions {
                if evidence.last().is_some_and(|e| e.sentence == m.sentence) {
                    continue;
                }
                let s = sentences[m.sentence];
                let targets: Vec<Span> = entity
                    .mentions
                    .iter()
                    .filter(|o| o.sentence == m.sentence)
                    .map(|o| Span {
                        start: o.start - s.start,
                        end: o.end - s.start,
                    })
                    .collect();
                let text = &doc.text[s.start..s.end];
                let sentiment = score_sentence(text, s.start, &targets);
                let weight = if s.paragraph == 0 { TITLE_WEIGHT } else { 1.0 };
                evidence.push(Evidence {
                    sentence: m.sentence,
                    text: text.to_owned(),
                    start: s.start,
                    end: s.end,
                    weight,
                    sentiment,
                });
            }
            let score = weighted_mean(evidence.iter().map(|e| (e.sentiment.score, e.weight)));
            evidence.sort_by(|a, b| {
                (b.sentiment.score.abs() * b.weight)
                    .total_cmp(&(a.sentiment.score.abs() * a.weight))
            });
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
        })
        .collect()
}

/// The overall score and its one-line summary.
pub fn overall(entities: &[EntityImpact], sentence_scores: &[&Scored]) -> Overall {
    let score = if entities.is_empty() {
        weighted_mean(sentence_scores.iter().map(|s| (s.score, 1.0)))
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

/// "Mixed: bearish for MSFT, bullish for NVDA" and the like.
pub fn summary(label: Label, entities: &[EntityImpact]) -> String {
    let tag = |e: &EntityImpact| e.symbol.clone().unwrap_or_else(|| e.name.clone());
    let bulls: Vec<String> = entities
        .iter()
        .filter(|e| e.score >= 0.15)
        .take(3)
        .map(tag)
        .collect();
    let bears: Vec<String> = entities
        .iter()
        .filter(|e| e.score <= -0.15)
        .take(3)
        .map(tag)
        .collect();
    if entities.is_empty() {
        return format!(
            "{}: no listed companies or market assets found",
            label.as_str()
        );
    }
    match (bulls.is_empty(), bears.is_empty()) {
        (false, false) => format!(
            "Mixed: bearish for {}, bullish for {}",
            bears.join(", "),
            bulls.join(", ")
        ),
        (false, true) => format!("{}: bullish for {}", label.as_str(), bulls.join(", ")),
        (true, false) => format!("{}: bearish for {}", label.as_str(), bears.join(", ")),
        (true, true) => format!(
            "Neutral for {}",
            entities
                .iter()
                .take(3)
                .map(tag)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn weighted_mean(items: impl Iterator<Item = (f32, f32)>) -> f32 {
    let (sum, weight) = items.fold((0.0, 0.0), |(s, w), (x, wx)| (s + x * wx, w + wx));
    if weight > 0.0 {
        (sum / weight).clamp(-1.0, 1.0)
    } else {
        0.0
    }
}
