//! Component tests: each component rendered to HTML natively with Yew's server renderer.

use crate::components::article_view::{ArticleView, ArticleViewProps};
use crate::components::entity_row::{EntityRow, EntityRowProps};
use crate::components::error_state::{ErrorState, ErrorStateProps};
use crate::components::impact_panel::{ImpactPanel, ImpactPanelProps, LOW_RELEVANCE};
use crate::state::Shared;
use news_impact_engine::analysis::Cue;
use news_impact_engine::{analyze, Analysis, Article, Label};
use yew::prelude::*;
use yew::LocalServerRenderer;

fn article(json: serde_json::Value) -> (Shared<Article>, Shared<Analysis>) {
    let article = Article::from_json(&json.to_string()).expect("valid article");
    let analysis = analyze(&article);
    (Shared::from(article), Shared::from(analysis))
}

fn sample() -> (Shared<Article>, Shared<Analysis>) {
    article(serde_json::json!({
        "title": "Nvidia jumped while Microsoft slid",
        "body": "OpenAI raised money. Nvidia beat estimates.\n\nMicrosoft missed its target.",
        "source": "Desk", "published_at": "2025-05-12T09:30:00-04:00"
    }))
}

fn index_of(a: &Analysis, id: &str) -> usize {
    a.entities
        .iter()
        .position(|e| e.id == id)
        .expect("entity found")
}

async fn row(analysis: Shared<Analysis>, index: usize, expanded: bool) -> String {
    LocalServerRenderer::<EntityRow>::with_props(EntityRowProps {
        analysis,
        index,
        expanded,
        highlighted: false,
        selected: None,
        on_toggle: Callback::noop(),
        on_highlight: Callback::noop(),
        on_select: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn a_row_is_a_list_item_with_symbol_and_label_hooks() {
    let (_, a) = sample();
    let i = index_of(&a, "NVDA");
    let html = row(a.clone(), i, false).await;
    let label = a.entities[i].label.as_str();
    assert!(html.starts_with("<li"), "{html}");
    assert!(html.contains(r#"data-symbol="NVDA""#), "{html}");
    assert!(html.contains(&format!(r#"data-label="{label}""#)), "{html}");
    assert!(html.contains(r#"aria-expanded="false""#));
    assert!(
        !html.contains("ni-evidence"),
        "collapsed rows show no evidence"
    );
    assert!(!html.contains("style="), "no style attributes");
}

#[tokio::test]
async fn a_private_company_row_uses_its_id_and_a_badge() {
    let (_, a) = sample();
    let i = index_of(&a, "priv:openai");
    let html = row(a, i, false).await;
    assert!(html.contains(r#"data-symbol="priv:openai""#), "{html}");
    assert!(
        html.contains(r#"<span class="ni-kind">private</span>"#),
        "{html}"
    );
}

#[tokio::test]
async fn the_bar_is_drawn_from_the_centre_by_svg_attributes() {
    let (_, a) = sample();
    let mut a = (*a).clone();
    let i = index_of(&a, "MSFT");
    a.entities[i].score = -0.5;
    a.entities[i].label = Label::from_score(-0.5);
    let html = row(Shared::from(a), i, false).await;
    assert!(
        html.contains(r#"<rect x="25.00" y="2" width="25.00" height="8" rx="1" class="ni-bar-fill ni-bar-neg">"#),
        "{html}"
    );
    assert!(html.contains("\u{2212}0.50"));
}

#[tokio::test]
async fn an_expanded_row_lists_its_evidence_with_tinted_cues() {
    let (_, a) = sample();
    let mut a = (*a).clone();
    let i = index_of(&a, "NVDA");
    // Give the first evidence sentence one strong positive and one mild negative cue.
    let ev = &mut a.entities[i].evidence[0];
    let text = ev.text(&a.text).to_owned();
    let word = text.split(' ').next().unwrap().to_owned();
    let last = text
        .rsplit(' ')
        .next()
        .unwrap()
        .trim_end_matches('.')
        .to_owned();
    let last_start = ev.start + text.rfind(&last).unwrap();
    ev.sentiment.cues = vec![
        Cue {
            weight: 0.9,
            start: ev.start,
            end: ev.start + word.len(),
        },
        Cue {
            weight: -0.2,
            start: last_start,
            end: last_start + last.len(),
        },
    ];
    let evidence = a.entities[i].evidence.len();
    let html = row(Shared::from(a), i, true).await;
    assert!(html.contains(r#"aria-expanded="true""#));
    assert!(html.contains(r#"class="ni-evidence""#), "{html}");
    assert!(
        html.contains(&format!(
            r#"<span title="“{word}” raises the raw score by +0.90" class="ni-cue ni-cue-pos-3">{word}</span>"#
        )),
        "{html}"
    );
    assert!(
        html.contains(&format!(r#"<span title="“{last}” lowers the raw score by −0.20" class="ni-cue ni-cue-neg-1">{last}</span>"#)),
        "{html}"
    );
    let items = html.matches(r#"class="ni-ev-item""#).count();
    let buttons = html.matches(r#"class="ni-ev""#).count();
    assert_eq!(items, evidence.min(3), "{html}");
    assert_eq!(buttons, items, "every evidence item is a button");
}

#[tokio::test]
async fn an_empty_analysis_says_what_was_searched() {
    let (_, a) = article(serde_json::json!({
        "title": "Rain expected", "body": "Bring an umbrella. It will clear later."
    }));
    let html = LocalServerRenderer::<ImpactPanel>::with_props(ImpactPanelProps {
        analysis: a,
        expanded: None,
        highlight: None,
        selected: None,
        show_all: false,
        tickers: vec![],
        dispatch: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await;
    assert!(
        html.contains("No listed companies or market assets found"),
        "{html}"
    );
    assert!(
        html.contains("Searched 3 sentences in 2 paragraphs"),
        "{html}"
    );
    assert!(!html.contains("<ul"), "no empty list");
}

#[tokio::test]
async fn the_article_marks_every_mention_and_formats_the_byline() {
    let (art, a) = sample();
    let mentions: usize = a.entities.iter().map(|e| e.spans.len()).sum();
    let highlight = Some("MSFT".to_owned());
    let msft = a
        .entities
        .iter()
        .find(|e| e.id == "MSFT")
        .unwrap()
        .spans
        .len();
    let html = LocalServerRenderer::<ArticleView>::with_props(ArticleViewProps {
        article: art,
        analysis: a,
        highlight,
        selected: None,
        explain: false,
        on_explain: Callback::noop(),
        on_mention: Callback::noop(),
        on_hover: Callback::noop(),
        blocks: None,
    })
    .hydratable(false)
    .render()
    .await;
    assert_eq!(html.matches("<mark ").count(), mentions, "{html}");
    assert_eq!(
        html.matches("ni-mention ni-mention-on").count(),
        msft,
        "{html}"
    );
    assert!(html.contains("<h1 part=\"title\" class=\"ni-title\">"));
    assert!(
        html.contains("May 12, 2025, 09:30 UTC\u{2212}04:00"),
        "{html}"
    );
    assert!(!html.contains("ni-cue"), "no tint without explain");
}

#[tokio::test]
async fn the_error_state_is_an_alert_with_a_retry() {
    let html = LocalServerRenderer::<ErrorState>::with_props(ErrorStateProps {
        code: "syntax".into(),
        message: "Could not read the article: line 2, column 9".into(),
        on_retry: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await;
    assert!(html.contains(r#"role="alert""#));
    assert!(html.contains("line 2, column 9"));
    assert!(html.contains(">Try again</button>"));
}

#[tokio::test]
async fn the_app_starts_with_a_skeleton_and_a_live_region() {
    use crate::app::{App, AppProps};
    use crate::options::{Layout, Theme, WidgetOptions};
    let options = WidgetOptions {
        theme: Theme::Dark,
        layout: Layout::Compact,
        ..WidgetOptions::default()
    };
    let html = LocalServerRenderer::<App>::with_props(AppProps {
        options: options.into(),
        host: None,
    })
    .hydratable(false)
    .render()
    .await;
    assert!(html.contains(r#"aria-busy="true""#), "{html}");
    assert!(html.contains(r#"aria-live="polite""#), "{html}");
    assert!(html.contains(r#"data-layout="compact""#), "{html}");
    assert!(html.contains("ni-theme-dark"), "{html}");
}

#[tokio::test]
async fn many_entities_keep_strong_signals_and_collapse_neutral_low_relevance_rows() {
    let (_, a) = sample();
    let mut a = (*a).clone();
    let template = a.entities[0].clone();
    a.entities = (0..30)
        .map(|i| {
            let mut e = template.clone();
            e.id = format!("T{i}").into();
            e.symbol = Some(format!("T{i}").into());
            e.relevance = 1.0 - i as f32 / 30.0 * 0.99; // 1.0 down to ~0.04
            e.score = if i % 7 == 6 { -0.5 } else { 0.0 };
            e.label = Label::from_score(e.score);
            e
        })
        .collect();
    let expected_hidden = a
        .entities
        .iter()
        .enumerate()
        .filter(|(i, e)| *i >= 3 && e.relevance < LOW_RELEVANCE && e.label == Label::Neutral)
        .count();
    assert!(
        expected_hidden > 0,
        "the fixture must have rows to collapse"
    );
    let render = |show_all: bool, a: Shared<Analysis>| async move {
        LocalServerRenderer::<ImpactPanel>::with_props(ImpactPanelProps {
            analysis: a,
            expanded: None,
            highlight: None,
            selected: None,
            show_all,
            tickers: vec![],
            dispatch: Callback::noop(),
        })
        .hydratable(false)
        .render()
        .await
    };
    let a = Shared::from(a);
    let collapsed = render(false, a.clone()).await;
    let rows = collapsed.matches("<li part=\"row\" data-symbol=").count();
    assert_eq!(rows, 30 - expected_hidden, "{collapsed}");
    assert!(collapsed.contains(&format!("Show {expected_hidden} more")));
    assert!(
        collapsed.contains(r#"data-symbol="T27""#),
        "a bearish low-relevance row stays"
    );
    let order: Vec<usize> = collapsed
        .match_indices("<li part=\"row\" data-symbol=\"T")
        .map(|(at, _)| {
            let rest = &collapsed[at + "<li part=\"row\" data-symbol=\"T".len()..];
            rest[..rest.find('"').unwrap()].parse().unwrap()
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "engine order kept: {order:?}"
    );
    let expanded = render(true, a).await;
    assert_eq!(
        expanded.matches("<li part=\"row\" data-symbol=").count(),
        30
    );
    assert!(expanded.contains(">Show fewer</button>"));
}
