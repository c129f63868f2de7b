//! Stage 2: split each paragraph of a [`Document`] into sentences.
//!
//! Uses the Unicode sentence boundaries of `unicode-segmentation`, then re-joins breaks that
//! follow a known abbreviation ("U.S.", "Inc.", "Corp.", "Mr.") so that names stay whole.
//!
//! A Unicode sentence boundary (UAX #29) can only follow a sentence terminator or a paragraph
//! separator, and the rules that decide it look back one character before the terminator and
//! forward to the next letter. So the segmenter runs only on those short windows around
//! candidate characters ([`boundaries`]), not over every character of the text: same
//! boundaries (tested against the whole-text segmenter), several times faster.

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

/// Whether a sentence boundary may follow `c` (a terminator, separator or any other non-ASCII
/// punctuation; letters, digits and spaces never end a sentence).
fn candidate(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, '.' | '!' | '?' | '\n' | '\r')
    } else {
        !c.is_alphanumeric()
            && (!c.is_whitespace() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}'))
    }
}

/// ASCII bytes that can never start a sentence boundary (all but `.`, `!`, `?`, `\n`, `\r`).
const PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = !matches!(b as u8, b'.' | b'!' | b'?' | b'\n' | b'\r');
        b += 1;
    }
    t
};

/// Length of the leading run of [`PLAIN`] bytes: 16 bytes at a time while a whole block is
/// plain (a test without early exit, which the compiler vectorises), then byte by byte (the
/// same count: `plain_runs_stop_at_the_first_candidate_byte` compares the two).
fn plain_run(bytes: &[u8]) -> usize {
    // A byte's distance (xor) to each candidate byte, and its top bit cleared-or-not: zero
    // somewhere in the block if and only if it holds a candidate. (Minima of xors and an
    // all-non-zero fold, so that the compiler makes plain vector code with a byte-mask test
    // of it, not a horizontal minimum.)
    let distance = |b: u8| {
        (b ^ b'.')
            .min(b ^ b'!')
            .min(b ^ b'?')
            .min(b ^ b'\n')
            .min(b ^ b'\r')
            .min(!b & 0x80)
    };
    let mut n = 0;
    // (Native only: without vector instructions the wasm build gains nothing from blocks, and
    // their unrolled code would cost bundle size.)
    let blocks = if cfg!(target_arch = "wasm32") {
        &[]
    } else {
        bytes
    };
    for block in blocks.chunks_exact(16) {
        if !block.iter().fold(true, |ok, &b| ok & (distance(b) != 0)) {
            break;
        }
        n += 16;
    }
    n + bytes[n..]
        .iter()
        .take_while(|&&b| PLAIN[b as usize])
        .count()
}

/// Whether [`boundaries`] skips the windows whose answer the rules give directly (a period
/// before a digit or a lower-case letter, or between letters). Native only, for bundle size:
/// the wasm build asks the segmenter, whose answer is the same (the boundaries are tested
/// against the whole-text segmenter).
const SHORTCUTS: bool = !cfg!(target_arch = "wasm32");

/// Appends to `out` the byte offsets inside `text` (excluding 0 and the end) where a Unicode
/// sentence boundary falls, running the segmenter only on windows that reach from the
/// character before a candidate to the next letter.
pub fn boundaries(text: &str, out: &mut Vec<usize>) {
    let bytes = text.as_bytes();
    let char_at = |i: usize| text.get(i..).and_then(|rest| rest.chars().next());
    let mut i = 0usize;
    let mut prev = 0usize;
    while let Some(&b) = bytes.get(i) {
        // Most characters are ASCII and no candidate: skipped in one run, a table look-up
        // each (the byte before the next candidate is then ASCII, so `prev` is just before it).
        if PLAIN[b as usize] {
            i += plain_run(&bytes[i..]);
            prev = i - 1;
            continue;
        }
        // The most common boundary, "word. Next": an ASCII terminator, spaces, then an ASCII
        // capital. No rule joins across that (UAX #29 SB11: break after the spaces), whatever
        // precedes the terminator, so the window's one boundary is known without the segmenter.
        if matches!(b, b'.' | b'!' | b'?') {
            // A terminator followed only by terminators and spaces up to the end of the text
            // (a headline's final "."): the one boundary is the end (UAX #29 SB8a-SB11 keep
            // terminators and spaces together), which is not reported.
            if bytes[i..]
                .iter()
                .all(|&c| matches!(c, b'.' | b'!' | b'?' | b' '))
            {
                break;
            }
            let mut j = i + 1;
            while bytes.get(j) == Some(&b' ') {
                j += 1;
            }
            if j > i + 1 && bytes.get(j).is_some_and(u8::is_ascii_uppercase) {
                out.push(j);
                prev = j;
                i = j + 1;
                continue;
            }
            // No boundary in the window of a period before (spaces and) a lower-case letter
            // (SB8), nor of one between two letters ("U.S", SB7).
            let between_letters = j == i + 1
                && i > 0
                && prev + 1 == i
                && bytes[prev].is_ascii_alphabetic()
                && bytes.get(j).is_some_and(u8::is_ascii_uppercase);
            if SHORTCUTS
                && b == b'.'
                && (bytes.get(j).is_some_and(u8::is_ascii_lowercase) || between_letters)
            {
                prev = j;
                i = j + 1;
                continue;
            }
        }
        // A period before a digit ("3.5"): no rule breaks there (UAX #29 SB6), and a boundary
        // can only follow a candidate, so a window reaching the next letter over no other
        // candidate has no boundary at all.
        if SHORTCUTS && b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            let rest = &bytes[i + 1..];
            match rest
                .iter()
                .position(|&c| !PLAIN[c as usize] || c.is_ascii_alphabetic())
            {
                None => break,
                Some(k) if rest[k].is_ascii_alphabetic() => {
                    prev = i + 1 + k;
                    i = prev + 1;
                    continue;
                }
                Some(_) => {}
            }
        }
        let Some(c) = char_at(i) else {
            break;
        };
        if !candidate(c) {
            prev = i;
            i += c.len_utf8();
            continue;
        }
        let start = prev;
        let mut end = text.len();
        // The window reaches the next letter (included); scanning resumes after it.
        let mut j = i + c.len_utf8();
        i = text.len();
        while let Some(d) = char_at(j) {
            if d.is_alphabetic() {
                end = j + d.len_utf8();
                prev = j;
                i = end;
                break;
            }
            j += d.len_utf8();
        }
        let window = &text[start..end];
        out.extend(
            window
                .split_sentence_bound_indices()
                .map(|(k, _)| start + k)
                .filter(|&k| k > start),
        );
    }
}

/// Splits every paragraph into sentences.
pub fn segment(doc: &Document) -> Vec<SentenceSpan> {
    let mut out = Vec::with_capacity(doc.paragraphs.len());
    segment_into(doc, &mut out);
    out
}

/// Appends the sentences of [`segment`] to `out` (a list kept from an earlier article, so that
/// many short ones in a row do not allocate it each time).
pub fn segment_into(doc: &Document, out: &mut Vec<SentenceSpan>) {
    out.reserve(doc.paragraphs.len());
    // Interior boundaries only (a paragraph with none, such as a headline, allocates nothing).
    let mut cuts = Vec::new();
    for (paragraph, span) in doc.paragraphs.iter().enumerate() {
        let text = &doc.text[span.start..span.end];
        let mut pending: Option<usize> = None;
        cuts.clear();
        boundaries(text, &mut cuts);
        if cuts.is_empty() {
            // One sentence (a headline, usually): no abbreviation can join it to a next one.
            push(out, text, span.start, 0, text.trim_end().len(), paragraph);
            continue;
        }
        let (mut from, end) = (0, [text.len()]);
        let pieces = cuts.iter().chain(&end).filter_map(|&to| {
            let piece = (to > from).then(|| (from, &text[from..to]));
            from = to;
            piece
        });
        for (offset, piece) in pieces {
            let start = pending.take().unwrap_or(offset);
            let end = offset + piece.trim_end().len();
            // (The paragraph's last piece, such as a headline's only one, is never joined to
            // the next: tested first, so that its final word is not looked up.)
            if offset + piece.len() < text.len()
                && end > start
                && ends_with_abbreviation(&text[start..end])
            {
                pending = Some(start);
                continue;
            }
            push(out, text, span.start, start, end, paragraph);
        }
        if let Some(start) = pending {
            push(
                out,
                text,
                span.start,
                start,
                text.trim_end().len(),
                paragraph,
            );
        }
    }
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
    if word.is_ascii() {
        // Same as comparing the lower-cased word, without allocating it.
        return ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
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

    /// The boundaries of the whole-text segmenter, for comparison.
    fn reference(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices()
            .map(|(k, _)| k)
            .filter(|&k| k > 0)
            .collect()
    }

    fn windowed(text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        boundaries(text, &mut out);
        out
    }

    #[test]
    fn windowed_boundaries_match_the_whole_text_segmenter() {
        for text in [
            "Shares rose. Then they fell! Why? Because.",
            "U.S. sales rose 2.5% to $1.2 billion. e.g. this. Mr. Cook (CEO.) spoke.",
            "He said \"no.\" Then left. She said “yes.” Then stayed. ‘Fine.’ ok.",
            "Wait... what?! Really?? «Oui.» Non. 価格は上昇した。次に下落した。 End",
            "Trailing space. ",
            "a.b.c. d. E. 3. 4.5 x.Y",
            "Line one\nLine two\r\nLine three\u{2029}Four\u{85}five",
            "Dash — then. Ellipsis… Next. Bang‼ Next. Q⁇ Next",
            "",
            ".",
            "?!",
            " . A",
            "A. B. C.D. E!  F?   G .H ,. I",
            "U.S. Treasury yields rose. Mr. Smith said so.  Then (he left). Next",
            "Sales fell 2.5%. Profit rose! Why? Costs. \nNew line. Él habló. ¿Qué? Sí. É",
            "Quote.\" Next. Paren.) Next. Dots... Next. Space . Next. Tab.\tNext",
            "Ends here.",
            "Ends here?! ",
            "Ends here . . ",
            "U.S.",
            "Up 3.5.",
            "Wow!! ?",
            "Done.. 5",
            "Done. \"",
            "Done.\n",
            "Up 3.5% to 4.2. Next",
            "v1.2.3 ok. 3.5",
            "Rose 2.5%! Then 3.5é. 1.5… Next 7.5",
            "Sales 3.25bn. Up 1.5% (2.5.) X",
            "a. b U.S. stocks e.g. this x.y A.b ?. x . x Mr. smith 3.U 3. u",
            ".a",
            ". b",
            "A.B",
            "A.B.",
            "(U.S.) a. B",
        ] {
            assert_eq!(windowed(text), reference(text), "{text:?}");
        }
        // The benchmark headlines run together as sentences of one text.
        let headlines = include_str!("../../../bench/headlines.txt");
        for sep in [". ", "! ", "? ", ".  ", " . "] {
            let text = headlines.lines().collect::<Vec<_>>().join(sep);
            assert_eq!(windowed(&text), reference(&text), "joined with {sep:?}");
        }
        for line in headlines.lines() {
            assert_eq!(windowed(line), reference(line), "{line:?}");
        }
    }

    #[test]
    fn plain_runs_stop_at_the_first_candidate_byte() {
        let bytewise = |b: &[u8]| b.iter().take_while(|&&c| PLAIN[c as usize]).count();
        let long = "a".repeat(40);
        for stop in ["", ".", "!", "?", "\n", "\r", "é", "x"] {
            for n in [0, 1, 15, 16, 17, 31, 32, 33, 40] {
                let text = format!("{}{stop}tail.", &long[..n]);
                assert_eq!(
                    plain_run(text.as_bytes()),
                    bytewise(text.as_bytes()),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn spans_carry_the_paragraph() {
        let doc = normalize_parts("T", ["One. Two.", "Three."]);
        let paras: Vec<usize> = segment(&doc).iter().map(|s| s.paragraph).collect();
        assert_eq!(paras, vec![0, 1, 1, 2]);
    }
}
