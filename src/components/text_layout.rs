//! Splits the article text into render pieces at every paragraph, sentence, mention and cue
//! boundary, in one pass over the sorted boundaries (O(n log n) for n spans, never quadratic).
//!
//! Offsets are UTF-8 byte offsets into `Analysis::text`; spans that are empty, out of range or
//! off a character boundary are dropped, so slicing can never panic.

use news_impact_engine::Analysis;

/// A run of text with constant marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index into `Analysis::entities` of the entity mentioned here, if any.
    pub entity: Option<usize>,
    /// `(sentence, cue)` indices into `Analysis::sentences[s].sentiment.cues`, if this is a cue
    /// and cues are shown.
    pub cue: Option<(usize, usize)>,
}

/// Consecutive pieces of one sentence (or of text between sentences, `sentence: None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Index into `Analysis::sentences`.
    pub sentence: Option<usize>,
    /// The pieces in order.
    pub pieces: Vec<Piece>,
}

/// One paragraph's runs; paragraph 0 is the title.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// Index into `Analysis::paragraphs`.
    pub index: usize,
    /// The runs in order.
    pub runs: Vec<Run>,
}

/// A span with what it marks.
#[derive(Debug, Clone, Copy)]
struct Mark {
    start: usize,
    end: usize,
    id: usize,
    cue: usize,
}

fn valid(text: &str, start: usize, end: usize) -> bool {
    start < end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Walks marks sorted by start, keeping those that cover the current position.
struct Sweep {
    marks: Vec<Mark>,
    next: usize,
    active: Vec<Mark>,
}

impl Sweep {
    fn new(mut marks: Vec<Mark>) -> Sweep {
        news_impact_engine::order::sort_by_key(&mut marks, |m| (m.start, m.end));
        Sweep {
            marks,
            next: 0,
            active: Vec::new(),
        }
    }

    /// Moves to `pos`: drops marks that ended, adds marks that started. Returns the innermost
    /// (latest-starting) active mark.
    fn at(&mut self, pos: usize) -> Option<Mark> {
        self.active.retain(|m| m.end > pos);
        while let Some(m) = self.marks.get(self.next) {
            if m.start > pos {
                break;
            }
            if m.end > pos {
                self.active.push(*m);
            }
            self.next += 1;
        }
        self.active.iter().max_by_key(|m| m.start).copied()
    }

    fn boundaries(&self, out: &mut Vec<usize>) {
        for m in &self.marks {
            out.push(m.start);
            out.push(m.end);
        }
    }
}

/// Lays out the whole article. With `cues`, each sentence's own cues become pieces too.
pub fn layout(a: &Analysis, cues: bool) -> Vec<Paragraph> {
    let text = a.text.as_str();
    let paragraphs = Sweep::new(
        a.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.start <= p.end && p.end <= text.len())
            .filter(|(_, p)| text.is_char_boundary(p.start) && text.is_char_boundary(p.end))
            .map(|(i, p)| Mark {
                start: p.start,
                end: p.end,
                id: i,
                cue: 0,
            })
            .collect(),
    );
    let sentences = Sweep::new(
        a.sentences
            .iter()
            .enumerate()
            .filter(|(_, s)| valid(text, s.start, s.end))
            .map(|(i, s)| Mark {
                start: s.start,
                end: s.end,
                id: i,
                cue: 0,
            })
            .collect(),
    );
    let mentions = Sweep::new(
        a.entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.spans.iter().map(move |m| (i, m)))
            .filter(|(_, m)| valid(text, m.start, m.end))
            .map(|(i, m)| Mark {
                start: m.start,
                end: m.end,
                id: i,
                cue: 0,
            })
            .collect(),
    );
    let cue_marks = if cues {
        a.sentences
            .iter()
            .enumerate()
            .flat_map(|(s, sent)| {
                sent.sentiment
                    .cues
                    .iter()
                    .enumerate()
                    .map(move |(c, cue)| (s, c, cue))
            })
            .filter(|(_, _, cue)| valid(text, cue.start, cue.end))
            .map(|(s, c, cue)| Mark {
                start: cue.start,
                end: cue.end,
                id: s,
                cue: c,
            })
            .collect()
    } else {
        Vec::new()
    };
    let cue_sweep = Sweep::new(cue_marks);

    let mut bounds = Vec::new();
    for sweep in [&paragraphs, &sentences, &mentions, &cue_sweep] {
        sweep.boundaries(&mut bounds);
    }
    news_impact_engine::order::sort(&mut bounds);
    bounds.dedup();

    let (mut paragraphs, mut sentences, mut mentions, mut cue_sweep) =
        (paragraphs, sentences, mentions, cue_sweep);
    let mut out: Vec<Paragraph> = Vec::with_capacity(a.paragraphs.len());
    for pair in bounds.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let para = paragraphs.at(start);
        let sentence = sentences.at(start).map(|m| m.id);
        let entity = mentions.at(start).map(|m| m.id);
        let cue = cue_sweep.at(start).map(|m| (m.id, m.cue));
        let Some(para) = para else { continue };
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        if out.last().is_none_or(|p| p.index != para.id) {
            out.push(Paragraph {
                index: para.id,
                runs: Vec::new(),
            });
        }
        let runs = &mut out.last_mut().expect("pushed above").runs;
        if runs.last().is_none_or(|r| r.sentence != sentence) {
            runs.push(Run {
                sentence,
                pieces: Vec::new(),
            });
        }
        let pieces = &mut runs.last_mut().expect("pushed above").pieces;
        match pieces.last_mut() {
            Some(last) if last.end == start && last.entity == entity && last.cue == cue => {
                last.end = end;
            }
            _ => pieces.push(Piece {
                start,
                end,
                entity,
                cue,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use news_impact_engine::{analyze, Article};

    fn article(title: &str, body: &str) -> Analysis {
        let json = serde_json::json!({"title": title, "body": body}).to_string();
        analyze(&Article::from_json(&json).expect("valid article"))
    }

    fn concat(a: &Analysis, paragraphs: &[Paragraph]) -> Vec<String> {
        paragraphs
            .iter()
            .map(|p| {
                p.runs
                    .iter()
                    .flat_map(|r| r.pieces.iter())
                    .map(|x| &a.text[x.start..x.end])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn pieces_rebuild_every_paragraph_exactly() {
        let a = article(
            "Nvidia jumped while Microsoft slid",
            "Microsoft fell. Nvidia rose on record growth.\n\nSoftBank gained — ünïcødé 🚀 too.",
        );
        for cues in [false, true] {
            let layout = layout(&a, cues);
            let expected: Vec<String> = a
                .paragraphs
                .iter()
                .map(|p| a.text[p.start..p.end].to_owned())
                .collect();
            assert_eq!(concat(&a, &layout), expected);
        }
    }

    #[test]
    fn mentions_are_marked_with_their_entity() {
        let a = article("Nvidia jumped", "Microsoft fell and Nvidia rose.");
        let layout = layout(&a, false);
        let marked: Vec<(String, String)> = layout
            .iter()
            .flat_map(|p| p.runs.iter().flat_map(|r| r.pieces.iter()))
            .filter_map(|x| {
                x.entity.map(|e| {
                    (
                        a.text[x.start..x.end].to_owned(),
                        a.entities[e].id.to_string(),
                    )
                })
            })
            .collect();
        assert!(
            marked.contains(&("Nvidia".into(), "NVDA".into())),
            "{marked:?}"
        );
        assert!(
            marked.contains(&("Microsoft".into(), "MSFT".into())),
            "{marked:?}"
        );
        assert_eq!(
            marked.len(),
            a.entities.iter().map(|e| e.spans.len()).sum::<usize>()
        );
    }

    #[test]
    fn cues_only_appear_when_asked_and_point_at_their_words() {
        let a = article("Nvidia jumped", "Microsoft slid.");
        let without = layout(&a, false);
        assert!(without
            .iter()
            .flat_map(|p| &p.runs)
            .flat_map(|r| &r.pieces)
            .all(|x| x.cue.is_none()));
        let with = layout(&a, true);
        let cue_words: Vec<&str> = with
            .iter()
            .flat_map(|p| &p.runs)
            .flat_map(|r| &r.pieces)
            .filter(|x| x.cue.is_some())
            .map(|x| &a.text[x.start..x.end])
            .collect();
        assert_eq!(cue_words, ["jumped", "slid"]);
    }

    #[test]
    fn runs_follow_sentences() {
        let a = article("Title here", "One rose. Two fell.");
        let layout = layout(&a, false);
        let body = &layout[1];
        let sentences: Vec<Option<usize>> = body.runs.iter().map(|r| r.sentence).collect();
        assert_eq!(sentences, [Some(1), None, Some(2)]);
    }

    #[test]
    fn bad_offsets_are_dropped_not_sliced() {
        let mut a = article("Ünïcødé Nvidia", "Nvidia rose.");
        a.entities[0].spans[0].start = 1; // inside "Ü"
        a.entities[0]
            .spans
            .push(news_impact_engine::analysis::Mention {
                start: 5,
                end: 9999,
                sentence: 0,
                via: news_impact_engine::analysis::MentionVia::Name,
            });
        a.sentences[0]
            .sentiment
            .cues
            .push(news_impact_engine::analysis::Cue {
                weight: 1.0,
                start: 9,
                end: 3,
            });
        let layout = layout(&a, true);
        let text: Vec<String> = concat(&a, &layout);
        assert_eq!(text[0], "Ünïcødé Nvidia");
    }
}
