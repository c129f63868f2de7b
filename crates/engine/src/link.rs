//! Stage 3: find the companies and assets an article mentions, and how relevant each is.
//!
//! Foundation version: exact, case-sensitive matching of a small name table with an
//! Aho-Corasick automaton. The entity-linking issue replaces the table with the full universe.

use crate::analysis::{Kind, Mention, MentionVia};
use crate::normalize::Document;
use crate::segment::SentenceSpan;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

/// An entity found in the document, before sentiment.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedEntity {
    /// Stable id: ticker, `priv:<slug>` or asset id.
    pub id: String,
    /// Ticker or asset symbol; `None` for private companies.
    pub symbol: Option<String>,
    /// Display name.
    pub name: String,
    /// Entity kind.
    pub kind: Kind,
    /// Relevance in (0, 1].
    pub relevance: f32,
    /// Mentions in document order.
    pub mentions: Vec<Mention>,
}

struct Entry {
    id: &'static str,
    symbol: Option<&'static str>,
    name: &'static str,
    kind: Kind,
}

const TABLE: &[(&str, Entry)] = &[
    (
        "Microsoft",
        Entry {
            id: "MSFT",
            symbol: Some("MSFT"),
            name: "Microsoft",
            kind: Kind::Public,
        },
    ),
    (
        "Nvidia",
        Entry {
            id: "NVDA",
            symbol: Some("NVDA"),
            name: "Nvidia",
            kind: Kind::Public,
        },
    ),
    (
        "OpenAI",
        Entry {
            id: "priv:openai",
            symbol: None,
            name: "OpenAI",
            kind: Kind::Private,
        },
    ),
    (
        "SoftBank",
        Entry {
            id: "9984.T",
            symbol: Some("9984.T"),
            name: "SoftBank Group",
            kind: Kind::Public,
        },
    ),
    (
        "Meta",
        Entry {
            id: "META",
            symbol: Some("META"),
            name: "Meta Platforms",
            kind: Kind::Public,
        },
    ),
];

fn automaton() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(TABLE.iter().map(|(alias, _)| *alias))
            .expect("static alias table builds")
    })
}

/// Links entities in `doc`; `hints` are publisher-tagged symbols.
pub fn link(doc: &Document, sentences: &[SentenceSpan], _hints: &[String]) -> Vec<LinkedEntity> {
    let mut found: Vec<LinkedEntity> = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        let text = &doc.text[sentence.start..sentence.end];
        for m in automaton().find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let entry = &TABLE[m.pattern().as_usize()].1;
            let mention = Mention {
                start: sentence.start + m.start(),
                end: sentence.start + m.end(),
                sentence: index,
                via: MentionVia::Name,
            };
            match found.iter_mut().find(|e| e.id == entry.id) {
                Some(e) => e.mentions.push(mention),
                None => found.push(LinkedEntity {
                    id: entry.id.to_owned(),
                    symbol: entry.symbol.map(str::to_owned),
                    name: entry.name.to_owned(),
                    kind: entry.kind,
                    relevance: 0.0,
                    mentions: vec![mention],
                }),
            }
        }
    }
    let total: usize = found.iter().map(|e| e.mentions.len()).sum();
    for e in &mut found {
        e.relevance = (e.mentions.len() as f32 / total.max(1) as f32).clamp(0.01, 1.0);
    }
    found.sort_by(|a, b| b.relevance.total_cmp(&a.relevance));
    found
}
