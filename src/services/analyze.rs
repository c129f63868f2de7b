//! Runs the engine on article JSON and turns the outcome into a state action.

use crate::state::Action;
use news_impact_engine::{analyze, Article};
use std::rc::Rc;

/// Parses and analyses article JSON; errors become a `Failed` action with a specific message.
pub fn analyze_json(json: &str) -> Action {
    match Article::from_json(json) {
        Ok(article) => {
            let analysis = analyze(&article);
            Action::Loaded(Rc::new(article), Rc::new(analysis))
        }
        Err(err) => Action::Failed(
            err.code().to_owned(),
            format!("Could not read the article: {err}"),
        ),
    }
}
