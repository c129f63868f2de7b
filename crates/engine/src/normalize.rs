//! Stage 1: turn an [`Article`] into one clean text with paragraph spans.
//!
//! White space runs become one space, control and invisible format characters are dropped,
//! and the title becomes paragraph 0. Every later offset points into [`Document::text`].

use crate::analysis::Span;
use crate::article::Article;

/// Separator placed between paragraphs in [`Document::text`].
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// The normalised article.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Title and paragraphs joined by [`PARAGRAPH_SEPARATOR`].
    pub text: String,
    /// Paragraph spans; index 0 is the title.
    pub paragraphs: Vec<Span>,
}

impl Document {
    /// The text of paragraph `i`.
    pub fn paragraph(&self, i: usize) -> &str {
        let span = self.paragraphs[i];
        &self.text[span.start..span.end]
    }
}

/// Normalises an article: title first, then each non-empty body paragraph.
pub fn normalize(article: &Article) -> Document {
    let body = article
        .body
        .as_ref()
        .map(|b| b.paragraphs())
        .unwrap_or_default();
    // Sized once: cleaning never lengthens a paragraph.
    let size = body
        .iter()
        .fold(article.title.len(), |n, p| n + 2 + p.len());
    let doc = Document {
        text: String::with_capacity(size),
        paragraphs: Vec::with_capacity(1 + body.len()),
    };
    fill(doc, &article.title, body.iter().copied())
}

/// Normalises a title and a sequence of paragraphs.
pub fn normalize_parts<'a>(title: &str, paragraphs: impl IntoIterator<Item = &'a str>) -> Document {
    fill(Document::default(), title, paragraphs)
}

/// Appends the title and the paragraphs to `doc`.
fn fill<'a>(
    mut doc: Document,
    title: &str,
    paragraphs: impl IntoIterator<Item = &'a str>,
) -> Document {
    push_paragraph(&mut doc, title, true);
    for p in paragraphs {
        push_paragraph(&mut doc, p, false);
    }
    doc
}

fn push_paragraph(doc: &mut Document, raw: &str, always: bool) {
    // Cleaned straight into the document; taken back out if it comes out empty.
    let mark = doc.text.len();
    if !doc.paragraphs.is_empty() {
        doc.text.push_str(PARAGRAPH_SEPARATOR);
    }
    let start = doc.text.len();
    clean_into(raw, &mut doc.text);
    if doc.text.len() == start && !always {
        doc.text.truncate(mark);
        return;
    }
    doc.paragraphs.push(Span {
        start,
        end: doc.text.len(),
    });
}

/// Collapses white space and removes characters that carry no visible text.
pub fn clean_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    clean_into(raw, &mut out);
    out
}

/// Appends [`clean_text`] of `raw` to `out`.
fn clean_into(raw: &str, out: &mut String) {
    // Already clean (visible ASCII and single inner spaces, the usual headline): copied whole.
    if is_clean(raw.as_bytes()) {
        out.push_str(raw);
        return;
    }
    clean_slow(raw, out);
}

/// [`clean_into`] without the already-clean shortcut.
fn clean_slow(raw: &str, out: &mut String) {
    out.reserve(raw.len());
    let base = out.len();
    let mut pending_space = false;
    let bytes = raw.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // A run of visible ASCII (the common case) is copied in one go.
        if b.is_ascii_graphic() {
            let start = i;
            while bytes.get(i).is_some_and(u8::is_ascii_graphic) {
                i += 1;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push_str(raw.get(start..i).unwrap_or_default());
            continue;
        }
        // ASCII spaces and controls need no decoding either (`char::is_whitespace` and
        // `is_control` on ASCII).
        if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            pending_space = out.len() > base;
            i += 1;
            continue;
        }
        if b.is_ascii_control() {
            i += 1;
            continue;
        }
        let Some(c) = raw.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        if c.is_whitespace() {
            pending_space = out.len() > base;
        } else if is_invisible(c) {
            continue;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
}

/// Whether `bytes` is visible ASCII with single inner spaces and none at either end (what
/// [`clean_text`] leaves as it is). Tested 16 byte pairs at a time without early exit (which
/// the compiler vectorises), the last block overlapping the one before; a text shorter than a
/// block is padded with a letter, which changes neither test.
fn is_clean(bytes: &[u8]) -> bool {
    const BLOCK: usize = 16;
    // (Native only: without vector instructions the wasm build gains nothing from blocks, and
    // their code would cost bundle size.)
    if cfg!(target_arch = "wasm32") {
        return is_clean_plain(bytes);
    }
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return true;
    };
    let mut padded = [b'a'; BLOCK + 1];
    let bytes = match padded.get_mut(..bytes.len()) {
        Some(head) => {
            head.copy_from_slice(bytes);
            &padded[..]
        }
        None => bytes,
    };
    let block = |k: usize| {
        bytes
            .get(k..k + BLOCK + 1)
            .and_then(|b| <&[u8; BLOCK + 1]>::try_from(b).ok())
            .is_some_and(clean_block)
    };
    let n = bytes.len();
    let mut ok = true;
    let mut k = 0;
    while k + BLOCK < n {
        ok &= block(k);
        k += BLOCK;
    }
    ok & block(n - BLOCK - 1) & (b' '..=b'~').contains(&last) & (first != b' ') & (last != b' ')
}

/// [`is_clean`] as two plain folds over the bytes (the same answer; the wasm build's test).
fn is_clean_plain(bytes: &[u8]) -> bool {
    let single_spaced = bytes
        .iter()
        .zip(bytes.get(1..).unwrap_or_default())
        .fold(true, |ok, (&a, &b)| ok & (a != b' ' || b != b' '));
    let visible = bytes
        .iter()
        .fold(true, |ok, &b| ok & (b' '..=b'~').contains(&b));
    visible && single_spaced && bytes.first() != Some(&b' ') && bytes.last() != Some(&b' ')
}

/// Whether the first 16 bytes of `b` are visible and none of them is a space followed by a
/// space. (Not inlined: inside the caller's loop the compiler would vectorise across blocks.)
#[inline(never)]
fn clean_block(b: &[u8; 17]) -> bool {
    let (a, next) = (&b[..16], &b[1..]);
    a.iter().zip(next).fold(true, |ok, (&x, &y)| {
        ok & (b' '..=b'~').contains(&x) & ((x != b' ') | (y != b' '))
    })
}

fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{2060}'
                | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{00AD}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_paragraph_zero_and_spans_point_into_text() {
        let doc = normalize_parts("  A  title ", ["first\n line", "", "second"]);
        assert_eq!(doc.text, "A title\n\nfirst line\n\nsecond");
        assert_eq!(doc.paragraphs.len(), 3);
        assert_eq!(doc.paragraph(0), "A title");
        assert_eq!(doc.paragraph(1), "first line");
        assert_eq!(doc.paragraph(2), "second");
    }

    #[test]
    fn the_clean_test_agrees_with_cleaning_at_every_length_and_position() {
        // Texts of every length around the 16-byte blocks, with one defect (a double space, a
        // tab, a leading or trailing space, a non-ASCII letter, a control) at every position:
        // taken as clean exactly when visible ASCII, singly spaced and trimmed, and then left
        // unchanged by the general path.
        for n in 0..50 {
            let base: String = (0..n).map(|i| if i % 5 == 4 { ' ' } else { 'x' }).collect();
            let mut texts = vec![base.clone()];
            for at in 0..n {
                for defect in ["  ", "\t", " ", "é", "\u{7f}"] {
                    let mut t = base.clone();
                    t.replace_range(at..at + 1, defect);
                    texts.push(t);
                }
            }
            for t in texts {
                let b = t.as_bytes();
                let want = b.iter().all(|c| (b' '..=b'~').contains(c))
                    && !t.contains("  ")
                    && !t.starts_with(' ')
                    && !t.ends_with(' ');
                assert_eq!(is_clean(b), want, "{t:?}");
                assert_eq!(is_clean_plain(b), want, "{t:?}");
                if want {
                    // What is taken as clean is what the general path leaves as it is.
                    let mut out = String::new();
                    clean_slow(&t, &mut out);
                    assert_eq!(out, t);
                }
            }
        }
    }

    #[test]
    fn invisible_characters_are_removed() {
        assert_eq!(
            clean_text("\u{FEFF}Ap\u{200B}ple\u{0000} rose"),
            "Apple rose"
        );
        assert_eq!(clean_text("👩\u{200D}💻 ok"), "👩\u{200D}💻 ok");
        // Clean text is kept as it is; anything else falls back to the full cleaning.
        assert_eq!(
            clean_text("Acme rose 5% (NYSE: ACM)."),
            "Acme rose 5% (NYSE: ACM)."
        );
        assert_eq!(clean_text("a  b"), "a b");
        assert_eq!(clean_text(" a b"), "a b");
        assert_eq!(clean_text("a b "), "a b");
        // Every ASCII space character folds into one space; other controls vanish.
        assert_eq!(clean_text("\ta\u{000B}\u{000C}b\u{007F}c\r\n d "), "a bc d");
    }
}
