//! Entity-level precision and recall of the linker on the labelled mention corpus.

use news_impact_engine::{link, normalize, segment};
use std::collections::BTreeSet;

/// The labelled corpus: one JSON object per line, `{"text": ..., "entities": [ids]}`.
pub const CORPUS: &str = include_str!("../data/mentions.jsonl");

/// Counts over the corpus, plus the lines the linker got wrong.
#[derive(Debug, Default)]
pub struct Report {
    /// Labelled lines.
    pub lines: usize,
    /// Correct (line, entity) pairs.
    pub tp: usize,
    /// Predicted pairs not in the labels.
    pub fp: usize,
    /// Labelled pairs not predicted.
    pub fn_: usize,
    /// (text, missed ids, spurious ids) for every imperfect line.
    pub errors: Vec<(String, Vec<String>, Vec<String>)>,
}

impl Report {
    /// tp / (tp + fp).
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }

    /// tp / (tp + fn).
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

/// Links every line as the body of an untitled article and compares entity id sets.
pub fn evaluate(corpus: &str) -> Report {
    let mut r = Report::default();
    for line in corpus.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
        let text = v["text"].as_str().expect("text").to_owned();
        let gold: BTreeSet<String> = v["entities"]
            .as_array()
            .expect("entities")
            .iter()
            .map(|x| x.as_str().expect("id").to_owned())
            .collect();
        let doc = normalize::normalize_parts("", [text.as_str()]);
        let spans = segment::segment(&doc);
        let got: BTreeSet<String> = link::link(&doc, &spans, &[])
            .into_iter()
            .map(|e| e.id.into_owned())
            .collect();
        r.lines += 1;
        r.tp += gold.intersection(&got).count();
        let missed: Vec<String> = gold.difference(&got).cloned().collect();
        let spurious: Vec<String> = got.difference(&gold).cloned().collect();
        r.fn_ += missed.len();
        r.fp += spurious.len();
        if !missed.is_empty() || !spurious.is_empty() {
            r.errors.push((text, missed, spurious));
        }
    }
    r
}
