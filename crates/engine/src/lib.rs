//! news-impact engine: article → normalize → segment → link entities → score → aggregate → analysis.
//!
//! Every stage is a pure function in its own module; [`analyze`] chains them.

pub mod aggregate;
pub mod aliases;
pub mod analysis;
pub mod article;
pub mod error;
pub mod formats;
pub mod limits;
pub mod link;
pub mod normalize;
pub mod order;
pub mod score;
pub mod segment;
pub mod universe;

pub use analysis::{Analysis, Label};
pub use article::Article;
pub use error::ArticleError;
pub use formats::{parse_any, parse_input};

use analysis::{Sentence, Span};

/// Runs the whole pipeline on an article.
pub fn analyze(article: &Article) -> Analysis {
    let doc = normalize::normalize(article);
    let spans = segment::segment(&doc);
    let linked = link::link(&doc, &spans, &article.tickers);
    // Each sentence is tokenised once, then scored on its own and toward every entity in it.
    let model = score::model();
    let tokens: Vec<score::features::Tokens> = spans
        .iter()
        .map(|s| model.tokenize(&doc.text[s.start..s.end]))
        .collect();
    let mut scorer = score::Scorer::new(model);
    let sentences: Vec<Sentence> = spans
        .iter()
        .zip(&tokens)
        .map(|(s, t)| Sentence {
            start: s.start,
            end: s.end,
            paragraph: s.paragraph,
            sentiment: scorer.score(&doc.text[s.start..s.end], t, s.start, &[]),
        })
        .collect();
    let mut entities = aggregate::entity_impacts(&doc, &spans, &tokens, &mut scorer, linked);
    aggregate::order_by_impact(&mut entities);
    entities.truncate(limits::MAX_ENTITIES);
    for e in &mut entities {
        e.evidence.truncate(limits::MAX_EVIDENCE);
    }
    let scores: Vec<_> = sentences.iter().map(|s| &s.sentiment).collect();
    let overall = aggregate::overall(&entities, &scores);
    Analysis {
        overall,
        entities,
        paragraphs: doc
            .paragraphs
            .iter()
            .map(|p| Span {
                start: p.start,
                end: p.end,
            })
            .collect(),
        text: doc.text,
        sentences,
    }
}

/// Parses schema-v1 JSON and analyses it.
pub fn analyze_json(json: &str) -> Result<Analysis, ArticleError> {
    Article::from_json(json).map(|a| analyze(&a))
}
