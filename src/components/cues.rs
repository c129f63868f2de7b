//! Cue words: their tint classes, tooltips, and a sentence rendered with its cues tinted.

use crate::components::format;
use news_impact_engine::analysis::Cue;
use yew::prelude::*;

/// Tint step boundaries on |weight|: below the first is step 1, below the second step 2,
/// anything larger step 3.
pub const TINT_STEPS: [f32; 2] = [0.3, 0.7];

/// The CSS class tinting a cue by the sign and size of its weight: `ni-cue-pos-1..3`,
/// `ni-cue-neg-1..3`, or `ni-cue-zero` for a cue that contributes nothing.
pub fn cue_class(weight: f32) -> &'static str {
    let size = weight.abs();
    if !size.is_finite() || size < 1e-4 {
        return "ni-cue-zero";
    }
    let step = if size < TINT_STEPS[0] {
        0
    } else if size < TINT_STEPS[1] {
        1
    } else {
        2
    };
    if weight > 0.0 {
        ["ni-cue-pos-1", "ni-cue-pos-2", "ni-cue-pos-3"][step]
    } else {
        ["ni-cue-neg-1", "ni-cue-neg-2", "ni-cue-neg-3"][step]
    }
}

/// The tooltip of a cue (whose text is `text`): its exact contribution to the raw score.
pub fn cue_title(cue: &Cue, text: &str) -> String {
    let direction = if cue.weight > 0.0 {
        "raises"
    } else if cue.weight < 0.0 {
        "lowers"
    } else {
        "does not move"
    };
    format!(
        "\u{201C}{}\u{201D} {} the raw score by {}",
        text,
        direction,
        format::weight(cue.weight)
    )
}

/// One tinted cue (whose whole text is `cue_text`), showing `text`.
pub fn cue_span(cue: &Cue, cue_text: &str, text: &str) -> Html {
    html! {
        <span class={classes!("ni-cue", cue_class(cue.weight))} title={cue_title(cue, cue_text)}>{ text.to_owned() }</span>
    }
}

/// Renders `text` (which starts at byte `base` of the analysis text) with `cues` (absolute
/// offsets, in text order) tinted, in one linear pass. Cues outside the text, overlapping an
/// earlier cue or off a character boundary are left untinted.
pub fn tinted(text: &str, base: usize, cues: &[Cue]) -> Html {
    let mut out: Vec<Html> = Vec::with_capacity(cues.len() * 2 + 1);
    let mut cursor = 0;
    for cue in cues {
        let (Some(start), Some(end)) = (cue.start.checked_sub(base), cue.end.checked_sub(base))
        else {
            continue;
        };
        if start < cursor
            || end <= start
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        if start > cursor {
            out.push(Html::from(text[cursor..start].to_owned()));
        }
        out.push(cue_span(cue, &text[start..end], &text[start..end]));
        cursor = end;
    }
    if cursor < text.len() {
        out.push(Html::from(text[cursor..].to_owned()));
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tint_class_follows_sign_and_size() {
        assert_eq!(cue_class(0.1), "ni-cue-pos-1");
        assert_eq!(cue_class(0.5), "ni-cue-pos-2");
        assert_eq!(cue_class(0.9), "ni-cue-pos-3");
        assert_eq!(cue_class(-0.1), "ni-cue-neg-1");
        assert_eq!(cue_class(-0.5), "ni-cue-neg-2");
        assert_eq!(cue_class(-2.0), "ni-cue-neg-3");
        assert_eq!(cue_class(0.0), "ni-cue-zero");
        assert_eq!(cue_class(f32::NAN), "ni-cue-zero");
    }

    #[test]
    fn tooltip_gives_the_signed_contribution() {
        let cue = Cue {
            weight: -0.7,
            start: 0,
            end: 4,
        };
        assert_eq!(
            cue_title(&cue, "slid"),
            "\u{201C}slid\u{201D} lowers the raw score by \u{2212}0.70"
        );
    }
}
