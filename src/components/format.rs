//! Text formatting shared by the components: scores, labels, kinds and dates.

use news_impact_engine::analysis::Kind;
use news_impact_engine::Label;

/// A score with an explicit sign and two decimals, using a true minus sign ("−0.21", "+0.42").
pub fn score(value: f32) -> String {
    let v = if value.is_finite() { value } else { 0.0 };
    let text = format!("{:.2}", v.abs());
    if text == "0.00" {
        "0.00".to_owned()
    } else if v < 0.0 {
        format!("\u{2212}{text}")
    } else {
        format!("+{text}")
    }
}

/// A cue weight with an explicit sign and a true minus sign: two decimals, three below 0.01, so
/// a cue that moves the score never reads as zero ("+0.42", "−0.004", "−<0.001").
pub fn weight(value: f32) -> String {
    let v = if value.is_finite() { value } else { 0.0 };
    let a = v.abs();
    if a == 0.0 || a >= 0.01 {
        return score(v);
    }
    let text = if a >= 0.001 {
        format!("{a:.3}")
    } else {
        "<0.001".to_owned()
    };
    let sign = if v < 0.0 { '\u{2212}' } else { '+' };
    format!("{sign}{text}")
}

/// A label for reading ("Somewhat bearish"); `Label::as_str` stays the machine form.
pub fn label_text(label: Label) -> &'static str {
    match label {
        Label::Bearish => "Bearish",
        Label::SomewhatBearish => "Somewhat bearish",
        Label::Neutral => "Neutral",
        Label::SomewhatBullish => "Somewhat bullish",
        Label::Bullish => "Bullish",
    }
}

/// The icon that goes with a label, so that colour never carries the meaning alone.
pub fn label_icon(label: Label) -> &'static str {
    match label {
        Label::Bearish => "\u{25BC}\u{25BC}",
        Label::SomewhatBearish => "\u{25BC}",
        Label::Neutral => "\u{25C6}",
        Label::SomewhatBullish => "\u{25B2}",
        Label::Bullish => "\u{25B2}\u{25B2}",
    }
}

/// The kind badge text, or `None` for a listed company (the common case needs no badge).
pub fn kind_badge(kind: Kind) -> Option<&'static str> {
    match kind {
        Kind::Public => None,
        Kind::Private => Some("private"),
        Kind::Index => Some("index"),
        Kind::Commodity => Some("commodity"),
        Kind::Currency => Some("currency"),
        Kind::Crypto => Some("crypto"),
    }
}

/// The machine name of a kind, as in the analysis JSON (`data-kind`).
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Public => "public",
        Kind::Private => "private",
        Kind::Index => "index",
        Kind::Commodity => "commodity",
        Kind::Currency => "currency",
        Kind::Crypto => "crypto",
    }
}

/// "1 mention" / "3 mentions".
pub fn mentions(count: usize) -> String {
    if count == 1 {
        "1 mention".to_owned()
    } else {
        format!("{count} mentions")
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Formats an RFC 3339 time readably in the publisher's own offset:
/// `2025-05-12T09:30:00-04:00` → `May 12, 2025, 09:30 UTC−04:00`. Anything that is not
/// RFC 3339 is returned as given.
pub fn date(raw: &str) -> String {
    parse_rfc3339(raw.trim()).unwrap_or_else(|| raw.trim().to_owned())
}

fn parse_rfc3339(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, _second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let zone = match rest {
        "Z" | "z" => "UTC".to_owned(),
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => '+',
                b'-' => '\u{2212}',
                _ => return None,
            };
            let off = rest.get(1..)?;
            let ob = off.as_bytes();
            if ob.len() != 5
                || ob[2] != b':'
                || !off
                    .bytes()
                    .enumerate()
                    .all(|(i, c)| i == 2 || c.is_ascii_digit())
            {
                return None;
            }
            if off == "00:00" {
                "UTC".to_owned()
            } else {
                format!("UTC{sign}{off}")
            }
        }
    };
    let month_name = MONTHS[month as usize - 1];
    Some(format!(
        "{month_name} {day}, {year}, {hour:02}:{minute:02} {zone}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_cue_weights_never_read_as_zero() {
        assert_eq!(weight(0.4249), "+0.42");
        assert_eq!(weight(-0.0042), "\u{2212}0.004");
        assert_eq!(weight(-0.0004), "\u{2212}<0.001");
        assert_eq!(weight(0.0), "0.00");
        assert_eq!(weight(f32::NAN), "0.00");
    }

    #[test]
    fn scores_have_a_sign_and_a_true_minus() {
        assert_eq!(score(0.4249), "+0.42");
        assert_eq!(score(-0.21), "\u{2212}0.21");
        assert_eq!(score(-0.001), "0.00");
        assert_eq!(score(f32::NAN), "0.00");
    }

    #[test]
    fn rfc3339_dates_read_naturally_in_their_own_offset() {
        assert_eq!(
            date("2025-05-12T09:30:00-04:00"),
            "May 12, 2025, 09:30 UTC\u{2212}04:00"
        );
        assert_eq!(date("2024-12-01T23:05:09.123Z"), "Dec 1, 2024, 23:05 UTC");
        assert_eq!(
            date("2024-01-31T08:00:00+05:30"),
            "Jan 31, 2024, 08:00 UTC+05:30"
        );
    }

    #[test]
    fn non_rfc3339_dates_are_shown_as_given() {
        assert_eq!(date("yesterday"), "yesterday");
        assert_eq!(date("2025-13-12T09:30:00Z"), "2025-13-12T09:30:00Z");
        assert_eq!(date("2025-05-12T09:30:00"), "2025-05-12T09:30:00");
        assert_eq!(date("2025-05-12T09:30:00é"), "2025-05-12T09:30:00é");
    }

    #[test]
    fn every_label_has_its_own_icon() {
        let icons: std::collections::HashSet<_> =
            Label::ALL.iter().map(|l| label_icon(*l)).collect();
        assert_eq!(icons.len(), Label::ALL.len());
    }
}
