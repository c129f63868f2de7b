//! The widget's state: what is loaded and what the reader has selected, changed by actions.

use crate::options::Theme;
use crate::services::sanitize::SafeBlock;
use crate::services::source::Prepared;
use news_impact_engine::{Analysis, Article};
use std::rc::Rc;
use yew::Reducible;

/// A shared value compared by identity, so props holding a large analysis diff in O(1).
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

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

/// The evidence sentence the reader selected; `seq` changes on every selection so that
/// selecting the same sentence again scrolls to it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Index into `Analysis::sentences`.
    pub sentence: usize,
    /// Increases with every selection.
    pub seq: u32,
}

/// The whole widget state.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Current phase.
    pub phase: Phase,
    /// Id of the expanded entity row, if any.
    pub expanded: Option<String>,
    /// Id of the entity whose mentions are highlighted (row hovered or focused).
    pub highlight: Option<String>,
    /// The selected evidence sentence.
    pub selected: Option<Selection>,
    /// Whether cue words are tinted in the whole article.
    pub explain: bool,
    /// Theme chosen in the widget, overriding the host's option.
    pub theme: Option<Theme>,
    /// Whether low-relevance rows are shown.
    pub show_all: bool,
    /// Number of retries asked for; effects that load the article depend on it.
    pub attempt: u32,
    /// The shown article's body as safe blocks, aligned with the analysis paragraphs 1.. (set
    /// by `Action::Show`).
    pub blocks: Option<Shared<Vec<SafeBlock>>>,
    /// All articles of a multi-article feed, for the picker.
    pub feed: Option<Rc<Vec<Article>>>,
    /// Index of the shown article in `feed`.
    pub picked: usize,
    /// Items of the loaded list that could not be read (how many, and why the first failed).
    pub note: Option<Rc<str>>,
}

impl Default for State {
    fn default() -> Self {
        State {
            phase: Phase::Loading,
            expanded: None,
            highlight: None,
            selected: None,
            explain: false,
            theme: None,
            show_all: false,
            attempt: 0,
            blocks: None,
            feed: None,
            picked: 0,
            note: None,
        }
    }
}

/// Things that change the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Loading (again) has started.
    Loading,
    /// Article `i` of the current feed was picked: it is being analysed (the feed and its
    /// picker stay, with the new pick selected).
    Picking(usize),
    /// An article was analysed.
    Loaded(Rc<Article>, Rc<Analysis>),
    /// Loading or analysis failed: code and message.
    Failed(String, String),
    /// The reader asked to try again after a failure.
    Retry,
    /// Expand or collapse an entity row.
    Toggle(String),
    /// Expand an entity row (collapsing any other), e.g. from a mention in the article.
    Expand(String),
    /// Highlight an entity's mentions in the article, or none.
    Highlight(Option<String>),
    /// Select an evidence sentence: the article scrolls to it and highlights it.
    Select(usize),
    /// Switch the "explain" tint of the whole article.
    ToggleExplain,
    /// Set the "explain" tint (from the host's option).
    SetExplain(bool),
    /// Override the theme (None follows the host's option).
    SetTheme(Option<Theme>),
    /// Show or collapse the low-relevance rows.
    ShowAll(bool),
    /// A sanitised, analysed article to show, with the feed it came from (if several).
    Show {
        /// The article, its safe blocks and analysis.
        prepared: Rc<Prepared>,
        /// Every article of the feed, when there are several.
        feed: Option<Rc<Vec<Article>>>,
        /// Which one is shown.
        picked: usize,
        /// What the loaded list left out, for a new load (`None` from a pick: the note stays).
        note: Option<Rc<str>>,
    },
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Loading => {
                next.phase = Phase::Loading;
                next.feed = None;
                next.blocks = None;
                next.note = None;
            }
            Action::Picking(i) => {
                next.phase = Phase::Loading;
                next.picked = i;
                next.blocks = None;
            }
            Action::Show {
                prepared,
                feed,
                picked,
                note,
            } => {
                // A new load cleared the note when it started; a pick from the feed keeps it.
                if note.is_some() {
                    next.note = note;
                }
                next.phase = Phase::Ready {
                    article: prepared.article.clone(),
                    analysis: prepared.analysis.clone(),
                };
                next.blocks = Some(Shared(prepared.blocks.clone()));
                next.feed = feed;
                next.picked = picked;
                next.expanded = None;
                next.highlight = None;
                next.selected = None;
                next.show_all = false;
            }
            Action::Loaded(article, analysis) => {
                next.blocks = None;
                next.phase = Phase::Ready { article, analysis };
                next.expanded = None;
                next.highlight = None;
                next.selected = None;
                next.show_all = false;
            }
            Action::Failed(code, message) => next.phase = Phase::Failed { code, message },
            Action::Retry => {
                next.phase = Phase::Loading;
                next.attempt = next.attempt.wrapping_add(1);
            }
            Action::Toggle(id) => {
                next.expanded = if next.expanded.as_deref() == Some(id.as_str()) {
                    None
                } else {
                    Some(id)
                };
            }
            Action::Expand(id) => next.expanded = Some(id),
            Action::Highlight(id) => {
                if next.highlight == id {
                    return self;
                }
                next.highlight = id;
            }
            Action::Select(sentence) => {
                let seq = next.selected.map_or(0, |s| s.seq.wrapping_add(1));
                next.selected = Some(Selection { sentence, seq });
            }
            Action::ToggleExplain => next.explain = !next.explain,
            Action::SetExplain(on) => next.explain = on,
            Action::SetTheme(theme) => next.theme = theme,
            Action::ShowAll(on) => next.show_all = on,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(actions: impl IntoIterator<Item = Action>) -> Rc<State> {
        actions
            .into_iter()
            .fold(Rc::new(State::default()), |s, a| s.reduce(a))
    }

    #[test]
    fn toggle_expands_one_row_at_a_time() {
        let s = run([Action::Toggle("MSFT".into())]);
        assert_eq!(s.expanded.as_deref(), Some("MSFT"));
        let s = s.reduce(Action::Toggle("NVDA".into()));
        assert_eq!(s.expanded.as_deref(), Some("NVDA"));
        let s = s.reduce(Action::Toggle("NVDA".into()));
        assert_eq!(s.expanded, None);
    }

    #[test]
    fn selecting_the_same_sentence_again_is_a_new_selection() {
        let s = run([Action::Select(3)]);
        let first = s.selected.unwrap();
        let s = s.reduce(Action::Select(3));
        let second = s.selected.unwrap();
        assert_eq!(first.sentence, second.sentence);
        assert_ne!(
            first.seq, second.seq,
            "a repeated selection must scroll again"
        );
    }

    #[test]
    fn retry_goes_back_to_loading_and_counts() {
        let s = run([Action::Failed("syntax".into(), "bad".into()), Action::Retry]);
        assert_eq!(s.phase, Phase::Loading);
        assert_eq!(s.attempt, 1);
    }

    #[test]
    fn unchanged_highlight_keeps_the_same_state() {
        let s = run([Action::Highlight(Some("MSFT".into()))]);
        let again = Rc::clone(&s).reduce(Action::Highlight(Some("MSFT".into())));
        assert!(Rc::ptr_eq(&s, &again), "no re-render for a repeated hover");
    }
}
