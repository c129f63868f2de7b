//! The score as a diverging SVG bar from -1 to 1: the bar grows left (bearish) or right
//! (bullish) from the centre line. Geometry is in SVG attributes, never in `style`.

use crate::components::format;
use yew::prelude::*;

/// Width of the bar's viewBox; the centre line is at half of it.
pub const BAR_WIDTH: f32 = 100.0;
/// Height of the bar's viewBox.
pub const BAR_HEIGHT: f32 = 12.0;

/// The bar's rectangle for a score: `(x, width)` in viewBox units. Scores are clamped to
/// [-1, 1]; a non-finite score draws nothing.
pub fn geometry(score: f32) -> (f32, f32) {
    let s = if score.is_finite() {
        score.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let half = BAR_WIDTH / 2.0;
    let width = s.abs() * half;
    let x = if s < 0.0 { half - width } else { half };
    (x, width)
}

/// Props of [`ScoreBar`].
#[derive(Properties, PartialEq)]
pub struct ScoreBarProps {
    /// The score in [-1, 1].
    pub score: f32,
}

/// The diverging bar.
#[function_component(ScoreBar)]
pub fn score_bar(props: &ScoreBarProps) -> Html {
    let (x, width) = geometry(props.score);
    let sign = if props.score < 0.0 {
        "ni-bar-neg"
    } else {
        "ni-bar-pos"
    };
    let view_box = format!("0 0 {BAR_WIDTH} {BAR_HEIGHT}");
    let mid = (BAR_WIDTH / 2.0).to_string();
    html! {
        <svg class="ni-bar" viewBox={view_box} preserveAspectRatio="none" role="img" focusable="false"
            aria-label={format!("score {} on a scale from \u{2212}1 to +1", format::score(props.score))}>
            <rect class="ni-bar-track" x="0" y="3" width={BAR_WIDTH.to_string()} height="6" rx="3" />
            <rect class={classes!("ni-bar-fill", sign)} x={format!("{x:.2}")} y="2"
                width={format!("{width:.2}")} height="8" rx="1" />
            <line class="ni-bar-mid" x1={mid.clone()} x2={mid} y1="0" y2={BAR_HEIGHT.to_string()} />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positive_scores_grow_right_from_the_centre() {
        assert_eq!(geometry(0.5), (50.0, 25.0));
        assert_eq!(geometry(1.0), (50.0, 50.0));
    }

    #[test]
    fn negative_scores_grow_left_from_the_centre() {
        assert_eq!(geometry(-0.5), (25.0, 25.0));
        assert_eq!(geometry(-1.0), (0.0, 50.0));
    }

    #[test]
    fn out_of_range_scores_are_clamped_and_nan_draws_nothing() {
        assert_eq!(geometry(3.0), (50.0, 50.0));
        assert_eq!(geometry(-3.0), (0.0, 50.0));
        assert_eq!(geometry(f32::NAN), (50.0, 0.0));
    }
}
