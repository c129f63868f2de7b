//! The widget's state: what is loaded and what the reader has selected, changed by actions.

use crate::services::source::Prepared;
use news_impact_engine::{Analysis, Article};
use std::rc::Rc;
use yew::Reducible;

/// What the widget is showing.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Waiting for an article.
    Loading,
    /// An article and its analysis.
    Ready {
        /// The article as given.
        article: Rc<Article>,
        /// The engine's analysis of it.
        analysis: Rc<Analysis>,
    },
    /// Something went wrong; the message says what.
    Failed {
        /// Short machine code.
        code: String,
        /// Message for the reader.
        message: String,
    },
}

/// The whole widget state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Current phase.
    pub phase: Phase,
    /// Id of the expanded entity row, if any.
    pub expanded: Option<String>,
    /// The shown article's body as safe blocks (set when loaded through `Action::Show`).
    pub blocks: Option<Rc<Vec<crate::services::sanitize::SafeBlock>>>,
    /// All articles of a multi-article feed, for the picker.
    pub feed: Option<Rc<Vec<Article>>>,
    /// Index of the shown article in `feed`.
    pub picked: usize,
}

impl Default for State {
    fn default() -> Self {
        State {
            phase: Phase::Loading,
            expanded: None,
            blocks: None,
            feed: None,
            picked: 0,
        }
    }
}

/// Things that change the state.
#[derive(Debug, Clone)]
pub enum Action {
    /// An article was analysed.
    Loaded(Rc<Article>, Rc<Analysis>),
    /// Loading or analysis failed.
    Failed(String, String),
    /// Expand or collapse an entity row.
    Toggle(String),
    /// A load (or retry) started: show the loading skeleton.
    Start,
    /// A sanitised, analysed article to show, with the feed it came from (if several).
    Show {
        /// The article, its safe blocks and analysis.
        prepared: Rc<Prepared>,
        /// Every article of the feed, when there are several.
        feed: Option<Rc<Vec<Article>>>,
        /// Which one is shown.
        picked: usize,
    },
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loaded(article, analysis) => {
                next.phase = Phase::Ready { article, analysis };
                next.blocks = None;
                next.expanded = None;
            }
            Action::Failed(code, message) => next.phase = Phase::Failed { code, message },
            Action::Start => {
                next.phase = Phase::Loading;
                next.feed = None;
                next.blocks = None;
            }
            Action::Show {
                prepared,
                feed,
                picked,
            } => {
                next.phase = Phase::Ready {
                    article: prepared.article.clone(),
                    analysis: prepared.analysis.clone(),
                };
                next.blocks = Some(prepared.blocks.clone());
                next.feed = feed;
                next.picked = picked;
                next.expanded = None;
            }
            Action::Toggle(id) => {
                next.expanded = if next.expanded.as_deref() == Some(id.as_str()) {
                    None
                } else {
                    Some(id)
                };
            }
        }
        Rc::new(next)
    }
}
