//! An entity's evidence: each sentence with its own score toward the entity and its cue words
//! tinted. Selecting a sentence scrolls the article to it.

use crate::components::cues::tinted;
use crate::components::format;
use crate::state::Shared;
use news_impact_engine::Analysis;
use yew::prelude::*;

/// Props of [`EvidenceList`].
#[derive(Properties, PartialEq)]
pub struct EvidenceListProps {
    /// The analysis.
    pub analysis: Shared<Analysis>,
    /// Index of the entity into `Analysis::entities`.
    pub entity: usize,
    /// DOM id of the list (the row's `aria-controls`).
    pub id: String,
    /// The selected sentence, if any.
    #[prop_or_default]
    pub selected: Option<usize>,
    /// Called with a sentence index when an evidence sentence is chosen.
    #[prop_or_default]
    pub on_select: Callback<usize>,
}

/// Evidence sentences shown before "show all".
pub const FIRST_SHOWN: usize = 3;

/// The evidence list.
#[function_component(EvidenceList)]
pub fn evidence_list(props: &EvidenceListProps) -> Html {
    let all = use_state(|| false);
    let Some(entity) = props.analysis.entities.get(props.entity) else {
        return Html::default();
    };
    let tag = entity.symbol.clone().unwrap_or_else(|| entity.name.clone());
    if entity.evidence.is_empty() {
        return html! { <p class="ni-ev-none" id={props.id.clone()}>{ "No scored sentences." }</p> };
    }
    let total = entity.evidence.len();
    // Keep the selected sentence visible even when it is past the first few.
    let selected_pos = props
        .selected
        .and_then(|s| entity.evidence.iter().position(|e| e.sentence == s));
    let shown = if *all {
        total
    } else {
        FIRST_SHOWN
            .max(selected_pos.map_or(0, |p| p + 1))
            .min(total)
    };
    let toggle_all = {
        let all = all.clone();
        Callback::from(move |_: MouseEvent| all.set(!*all))
    };
    html! {
        <>
        <ol class="ni-evidence" part="evidence" id={props.id.clone()} aria-label={format!("Evidence for {tag}")}>
            { for entity.evidence.iter().take(shown).map(|ev| {
                let s = &ev.sentiment;
                let sentence = ev.sentence;
                let onclick = props.on_select.reform(move |_: MouseEvent| sentence);
                let current = props.selected == Some(sentence);
                let title_sentence = props.analysis.sentences.get(sentence).is_some_and(|x| x.paragraph == 0);
                html! {
                    <li class="ni-ev-item" data-label={s.label.as_str()}>
                        <button type="button" class="ni-ev" data-sentence={sentence.to_string()}
                            aria-current={current.then_some("true")} {onclick}
                            title="Show this sentence in the article">
                            <span class="ni-ev-text">{ tinted(ev.text(&props.analysis.text), ev.start, &s.cues) }</span>
                            <span class="ni-ev-meta">
                                <span class="ni-ev-score" data-label={s.label.as_str()}>
                                    <span class="ni-icon" aria-hidden="true">{ format::label_icon(s.label) }</span>
                                    { format!(" {} {}", format::label_text(s.label), format::score(s.score)) }
                                </span>
                                if title_sentence { <span class="ni-ev-tag">{ "headline, counts double" }</span> }
                                if !s.cues.is_empty() {
                                    <span class="ni-ev-math">
                                        { format!("raw {} = bias {} + {} cue{}", format::score(s.raw), format::score(s.bias),
                                            s.cues.len(), if s.cues.len() == 1 { "" } else { "s" }) }
                                    </span>
                                }
                            </span>
                        </button>
                    </li>
                }
            }) }
        </ol>
        if total > FIRST_SHOWN {
            <button type="button" class="ni-more ni-ev-more" aria-expanded={(*all).to_string()}
                aria-controls={props.id.clone()} onclick={toggle_all}>
                { if *all { "Show fewer sentences".to_owned() } else { format!("Show all {total} sentences") } }
            </button>
        }
        </>
    }
}
