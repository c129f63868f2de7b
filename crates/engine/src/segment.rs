//! Stage 2: split each paragraph of a [`Document`] into sentences.
//!
//! Uses the Unicode sentence boundaries of `unicode-segmentation`, then re-joins breaks that
//! follow a known abbreviation ("U.S.", "Inc.", "Corp.", "Mr.") so that names stay whole.

use crate::normalize::Document;
use unicode_segmentation::UnicodeSegmentation;

/// A sentence's place in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    /// First byte (into [`Document::text`]).
    pub start: usize,
    /// One past the last byte, trailing white space excluded.
    pub end: usize,
    /// Paragraph index; 0 is the title.
    pub paragraph: usize,
}

/// Words that end with a period but do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "plc", "llc", "bros", "mr", "mrs", "ms", "dr", "prof", "st", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs",
    "approx", "est", "dept", "gov", "sen", "rep", "gen", "jr", "sr", "u.s", "u.k", "e.u", "u.n",
    "a.m", "p.m", "s.a", "n.v", "l.p", "ag", "e.g", "i.e", "etc", "fig", "ft", "mt",
];

/// Splits every paragraph into sentences.
pub fn segment(doc: &Document) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    for (paragraph, span) in doc.paragraphs.iter().enumerate() {
        let text = &doc.text[span.start..span.end];
        let mut pending: Option<usize> = None;
        for (offset, piece) in text.split_sentence_bound_indices() {
            let start = pending.take().unwrap_or(offset);
            let end = offset + piece.trim_end().len();
            if end > start
                && ends_with_abbreviation(&text[start..end])
                && offset + piece.len() < text.len()
            {
                pending = Some(start);
                continue;
            }
            push(&mut out, text, span.start, start, end, paragraph);
        }
        if let Some(start) = pending {
            push(
                &mut out,
                text,
                span.start,
                start,
                text.trim_end().len(),
                paragraph,
            );
        }
    }
    out
}

fn push(
    out: &mut Vec<SentenceSpan>,
    text: &str,
    base: usize,
    start: usize,
    end: usize,
    paragraph: usize,
) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    if end > start + lead {
        out.push(SentenceSpan {
            start: base + start + lead,
            end: base + end,
            paragraph,
        });
    }
}

/// True when the sentence ends in "<abbreviation>." or a single capital initial ("J.").
fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(body) = sentence.strip_suffix('.') else {
        return false;
    };
    let word = body
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_parts;

    fn sentences(title: &str, body: &[&str]) -> Vec<String> {
        let doc = normalize_parts(title, body.iter().copied());
        segment(&doc)
            .iter()
            .map(|s| doc.text[s.start..s.end].to_owned())
            .collect()
    }

    #[test]
    fn splits_sentences_and_keeps_title_separate() {
        let got = sentences("Big day", &["Shares rose. Then they fell! Why?"]);
        assert_eq!(
            got,
            vec!["Big day", "Shares rose.", "Then they fell!", "Why?"]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        let got = sentences(
            "T",
            &["Apple Inc. said U.S. sales rose. Mr. Cook was pleased."],
        );
        assert_eq!(
            got,
            vec![
                "T",
                "Apple Inc. said U.S. sales rose.",
                "Mr. Cook was pleased."
            ]
        );
    }

    #[test]
    fn spans_carry_the_paragraph() {
        let doc = normalize_parts("T", ["One. Two.", "Three."]);
        let paras: Vec<usize> = segment(&doc).iter().map(|s| s.paragraph).collect();
        assert_eq!(paras, vec![0, 1, 1, 2]);
    }
}
