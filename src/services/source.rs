//! Where the article comes from (inline `article`, a `src` URL, paste or drop, or the default)
//! and turning it into something the view can show: safe blocks plus the engine's analysis.

use crate::options::WidgetOptions;
use crate::services::fetch::{LoadError, MAX_BYTES, TIMEOUT_MS};
use crate::services::sanitize::{sanitize_article, SafeBlock};
use crate::services::slice::{Slicer, Ticket};
use crate::state::Action;
use news_impact_engine::{
    parse_any_noting, parse_input_noting, Analysis, Analyzer, Article, Skipped,
};
use std::rc::Rc;

/// The article the widget should show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The article compiled into the bundle.
    Default,
    /// Inline JSON (the `article` option); it wins over `src`.
    Inline(String),
    /// A URL to fetch (the `src` option, or `?src=` on the page).
    Url(String),
}

/// Picks the source from the options: `article`, else `src`, else the default article.
pub fn resolve(options: &WidgetOptions) -> Source {
    match (&options.article, &options.src) {
        (Some(json), _) if !json.trim().is_empty() => Source::Inline(json.clone()),
        (_, Some(src)) if !src.trim().is_empty() => Source::Url(src.trim().to_owned()),
        _ => Source::Default,
    }
}

/// The request time-out: the `timeout_ms` option (a test and embedding knob), else 15 s.
pub fn timeout(options: &WidgetOptions) -> u32 {
    options
        .timeout_ms
        .filter(|ms| *ms > 0)
        .unwrap_or(TIMEOUT_MS)
}

/// An article ready to show: sanitised, with its safe body blocks and the engine's analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    /// The sanitised article (its body is the blocks' texts).
    pub article: Rc<Article>,
    /// The body as safe blocks, for the article view.
    pub blocks: Rc<Vec<SafeBlock>>,
    /// The engine's analysis of exactly that text.
    pub analysis: Rc<Analysis>,
}

/// Sanitises and analyses one article; `None` if `ticket` went stale before the analysis ended.
pub async fn prepare(article: &Article, ticket: &Ticket) -> Option<Result<Prepared, LoadError>> {
    let (safe, blocks) = match sanitize_article(article) {
        Ok(parts) => parts,
        Err(err) => return Some(Err(LoadError::from(err))),
    };
    let analysis = analyze_in_slices(&safe, ticket).await?;
    Some(Ok(assemble(safe, blocks, analysis)))
}

/// Texts shorter than this (bytes) are analysed in one go: slicing would only delay them.
pub const SLICED_FROM_BYTES: usize = 64 * 1024;

/// Bytes of text in an article's title and body.
fn text_bytes(article: &Article) -> usize {
    let body = article
        .body
        .as_ref()
        .map_or(0, |b| b.paragraphs().iter().map(|p| p.len()).sum::<usize>());
    article.title.len() + body
}

/// Runs the engine on `article`; a long text a slice at a time, giving the browser a turn between
/// slices so that it does not freeze the page. `None` (work abandoned) once `ticket` is stale.
pub async fn analyze_in_slices(article: &Article, ticket: &Ticket) -> Option<Analysis> {
    if !ticket.resume() {
        return None;
    }
    if text_bytes(article) < SLICED_FROM_BYTES {
        return Some(news_impact_engine::analyze(article));
    }
    // Reading and sanitising the input had this task, normalising and segmenting it get the
    // next one, and the slices start after that.
    let mut slicer = Slicer::default();
    slicer.yield_now().await;
    let mut analyzer = Analyzer::new(article);
    slicer.yield_now().await;
    loop {
        if !ticket.resume() {
            return None;
        }
        if !analyzer.step() {
            break;
        }
        slicer.pause().await;
    }
    let analysis = analyzer.finish();
    // Showing the result gets a task of its own.
    slicer.yield_now().await;
    ticket.resume().then_some(analysis)
}

/// Pairs a sanitised article and its blocks with the engine's analysis of it.
pub fn assemble(safe: Article, mut blocks: Vec<SafeBlock>, analysis: Analysis) -> Prepared {
    #[cfg(feature = "fault-injection")]
    crate::guard::faults::trigger(&safe.title, crate::guard::faults::PANIC_IN_ANALYSIS);
    #[cfg(feature = "fault-injection")]
    crate::guard::faults::trigger(&safe.title, crate::guard::faults::ABORT_IN_ANALYSIS);
    // The view lays block i over analysis paragraph i + 1; should the engine ever split or drop
    // paragraphs differently, fall back to plain paragraphs from the analysis itself.
    let aligned = analysis.paragraphs.len() == blocks.len() + 1
        && blocks
            .iter()
            .zip(analysis.paragraphs.iter().skip(1))
            .all(|(b, p)| analysis.text.get(p.start..p.end) == Some(b.text.as_str()));
    if !aligned {
        blocks = crate::services::sanitize::plain_blocks(
            analysis
                .paragraphs
                .iter()
                .skip(1)
                .filter_map(|p| analysis.text.get(p.start..p.end)),
        );
    }
    Prepared {
        article: Rc::new(safe),
        blocks: Rc::new(blocks),
        analysis: Rc::new(analysis),
    }
}

/// Articles read from a source, with a note of the items of a list that were left out.
pub type Loaded = (Vec<Article>, Option<Skipped>);

/// Reads pasted text or a dropped file's content: JSON of any accepted shape, or plain text.
pub fn read_local(text: &str) -> Result<Loaded, LoadError> {
    if text.len() > MAX_BYTES {
        return Err(LoadError::TooLarge { limit: MAX_BYTES });
    }
    Ok(parse_input_noting(text)?)
}

/// Whether a dropped file is one the widget reads, by name or media type.
pub fn accepts_file(name: &str, media_type: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".json")
        || lower.ends_with(".txt")
        || media_type == "application/json"
        || media_type == "text/plain"
}

/// Checks that a resolved URL is one the widget may fetch.
pub fn check_scheme(original: &str, resolved: &str) -> Result<(), LoadError> {
    let lower = resolved.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        Ok(())
    } else {
        Err(LoadError::BadUrl {
            url: original.to_owned(),
            reason: "only http and https URLs can be loaded".into(),
        })
    }
}

/// Loads the articles of a source (several for a feed); only a URL touches the network.
pub async fn load(
    source: &Source,
    timeout_ms: u32,
    controller: &web_sys::AbortController,
) -> Result<Loaded, LoadError> {
    match source {
        Source::Url(src) => {
            #[cfg(target_arch = "wasm32")]
            {
                let url = absolute(src)?;
                let text = crate::services::fetch::fetch_text(&url, timeout_ms, controller).await?;
                Ok(parse_any_noting(&text)?)
            }
            #[cfg(not(target_arch = "wasm32"))]
            {
                let _ = (timeout_ms, controller);
                Err(LoadError::Network { url: src.clone() })
            }
        }
        other => load_local(other),
    }
}

/// Loads a source that needs no network (inline or default); a URL is an error here.
pub fn load_local(source: &Source) -> Result<Loaded, LoadError> {
    match source {
        Source::Default => Ok(parse_any_noting(crate::DEFAULT_ARTICLE)?),
        Source::Inline(json) => Ok(parse_any_noting(json)?),
        Source::Url(src) => Err(LoadError::Network { url: src.clone() }),
    }
}

/// Resolves `src` against the document's base URL and checks its scheme.
#[cfg(target_arch = "wasm32")]
fn absolute(src: &str) -> Result<String, LoadError> {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let url = web_sys::Url::new_with_base(src, &base)
        .map_err(|_| LoadError::BadUrl {
            url: src.to_owned(),
            reason: "it is not a valid URL".into(),
        })?
        .href();
    check_scheme(src, &url)?;
    Ok(url)
}

/// The state action for a load's outcome: show the first article that prepares (keeping the
/// whole feed for the picker when there are several), or fail with a specific message; `None` if
/// `ticket` went stale meanwhile (a newer load owns the widget).
pub async fn outcome(result: Result<Loaded, LoadError>, ticket: &Ticket) -> Option<Action> {
    let (articles, skipped) = match result {
        Ok(loaded) => loaded,
        Err(err) => return Some(failed(&err)),
    };
    let feed = Rc::new(articles);
    let mut first_err = None;
    for i in 0..feed.len() {
        match pick(&feed, i, ticket).await? {
            Action::Show {
                prepared,
                feed,
                picked,
                ..
            } => {
                // The reader is told which items of the list are missing, and why.
                let note = skipped.map(|s| Rc::from(s.to_string()));
                return Some(Action::Show {
                    prepared,
                    feed,
                    picked,
                    note,
                });
            }
            err => {
                first_err.get_or_insert(err);
            }
        }
    }
    Some(first_err.unwrap_or_else(|| failed(&LoadError::Empty)))
}

/// The action showing article `i` of a feed; `None` if `ticket` went stale meanwhile.
pub async fn pick(feed: &Rc<Vec<Article>>, i: usize, ticket: &Ticket) -> Option<Action> {
    let Some(article) = feed.get(i) else {
        return Some(failed(&LoadError::Empty));
    };
    Some(match prepare(article, ticket).await? {
        Ok(prepared) => Action::Show {
            prepared: Rc::new(prepared),
            feed: (feed.len() > 1).then(|| feed.clone()),
            picked: i,
            note: None,
        },
        Err(err) => failed(&err),
    })
}

/// A `Failed` action carrying the error's code and message.
pub fn failed(err: &LoadError) -> Action {
    Action::Failed(err.code().to_owned(), err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use news_impact_engine::parse_any;

    #[test]
    fn inline_article_wins_then_src_then_default() {
        let mut o = WidgetOptions::default();
        assert_eq!(resolve(&o), Source::Default);
        o.src = Some(" https://a.example/x.json ".into());
        assert_eq!(resolve(&o), Source::Url("https://a.example/x.json".into()));
        o.article = Some("{}".into());
        assert_eq!(resolve(&o), Source::Inline("{}".into()));
        assert_eq!(timeout(&o), 15_000);
        o.timeout_ms = Some(300);
        assert_eq!(timeout(&o), 300);
    }

    #[tokio::test]
    async fn default_article_prepares_with_one_block_per_paragraph() {
        let (articles, _) = load_local(&Source::Default).unwrap();
        let p = prepare(&articles[0], &Ticket::standalone())
            .await
            .unwrap()
            .unwrap();
        assert!(!p.blocks.is_empty());
        assert_eq!(p.analysis.paragraphs.len(), p.blocks.len() + 1);
        for (i, b) in p.blocks.iter().enumerate() {
            let span = p.analysis.paragraphs[i + 1];
            assert_eq!(&p.analysis.text[span.start..span.end], b.text);
        }
    }

    #[tokio::test]
    async fn outcomes_show_feeds_and_fail_with_messages() {
        let json = r#"[{"title":"One","body":"First."},{"title":"Two","summary":"Second."}]"#;
        let ticket = Ticket::standalone();
        match outcome(Ok((parse_any(json).unwrap(), None)), &ticket)
            .await
            .unwrap()
        {
            Action::Show {
                feed,
                picked,
                prepared,
                note,
            } => {
                assert_eq!(note, None, "nothing was left out");
                assert_eq!(feed.map(|f| f.len()), Some(2));
                assert_eq!(picked, 0);
                assert_eq!(prepared.article.title, "One");
            }
            other => panic!("{other:?}"),
        }
        match outcome(Err(LoadError::Timeout { after_ms: 300 }), &ticket)
            .await
            .unwrap()
        {
            Action::Failed(code, msg) => {
                assert_eq!(code, "timeout");
                assert!(msg.contains("300 ms"), "{msg}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn a_feed_pick_keeps_the_feed_while_the_pick_is_analysed() {
        use crate::state::{Phase, State};
        use yew::Reducible;
        let json = r#"[{"title":"One","body":"First."},{"title":"Two","summary":"Second."}]"#;
        let ticket = Ticket::standalone();
        let shown = outcome(Ok((parse_any(json).unwrap(), None)), &ticket)
            .await
            .unwrap();
        let state = Rc::new(State::default()).reduce(shown);
        let feed = state
            .feed
            .clone()
            .expect("a feed of two is kept for the picker");
        // Picking the second article: the skeleton shows, the picker stays with it selected.
        let picking = state.reduce(Action::Picking(1));
        assert_eq!(picking.phase, Phase::Loading);
        assert_eq!(picking.feed.as_ref().map(|f| f.len()), Some(2));
        assert_eq!(picking.picked, 1);
        let done = picking.reduce(pick(&feed, 1, &ticket).await.unwrap());
        match &done.phase {
            Phase::Ready { article, .. } => assert_eq!(article.title, "Two"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            (done.picked, done.feed.as_ref().map(|f| f.len())),
            (1, Some(2))
        );
        // A paste, drop or new source drops the feed when it starts loading.
        assert!(done.reduce(Action::Loading).feed.is_none());
    }

    #[tokio::test]
    async fn items_a_list_leaves_out_are_noted_and_the_note_outlives_a_pick() {
        use crate::state::State;
        use yew::Reducible;
        let json = r#"[{"title":"One","body":"First."},{"title":5,"body":"x"},{"title":"Two","body":"Second."}]"#;
        let ticket = Ticket::standalone();
        let shown = outcome(read_local(json), &ticket).await.unwrap();
        let state = Rc::new(State::default()).reduce(shown);
        let note = state.note.clone().expect("the unreadable item is noted");
        assert!(note.starts_with("1 of 3 items could not be read"), "{note}");
        assert!(
            note.contains("item 2") && note.contains("`[1].title`"),
            "{note}"
        );
        assert_eq!(state.feed.as_ref().map(|f| f.len()), Some(2));
        let feed = state.feed.clone().unwrap();
        let picked = state
            .reduce(Action::Picking(1))
            .reduce(pick(&feed, 1, &ticket).await.unwrap());
        assert_eq!(
            picked.note,
            Some(note),
            "a pick from the same list keeps the note"
        );
        assert_eq!(
            picked.reduce(Action::Loading).note,
            None,
            "a new load clears it"
        );
    }

    #[tokio::test]
    async fn a_superseded_load_is_abandoned_and_shows_nothing() {
        let loads = crate::services::slice::Loads::default();
        let old = loads.next();
        let _newer = loads.next();
        let json = r#"{"title":"Apple beats estimates","body":"Apple rose."}"#;
        assert!(outcome(Ok((parse_any(json).unwrap(), None)), &old)
            .await
            .is_none());
        let article = Article::from_json(json).unwrap();
        assert!(analyze_in_slices(&article, &old).await.is_none());
    }

    #[tokio::test]
    async fn a_long_text_analysed_in_slices_gets_the_engines_analysis() {
        let short = &load_local(&Source::Default).unwrap().0[0];
        let body: Vec<String> = (0..40)
            .flat_map(|_| {
                short
                    .body
                    .as_ref()
                    .map(|b| b.paragraphs())
                    .unwrap_or_default()
            })
            .map(str::to_owned)
            .collect();
        let long = Article {
            title: short.title.clone(),
            body: Some(news_impact_engine::article::Body::Paragraphs(body)),
            ..Article::default()
        };
        let expected = news_impact_engine::analyze(&long);
        assert!(expected.text.len() > SLICED_FROM_BYTES);
        let sliced = analyze_in_slices(&long, &Ticket::standalone()).await;
        assert_eq!(sliced, Some(expected));
    }

    #[test]
    fn local_input_and_files() {
        assert_eq!(read_local("Title\nBody.").unwrap().0[0].title, "Title");
        assert_eq!(read_local("{").unwrap_err().code(), "invalid-json");
        assert!(accepts_file("feed.JSON", ""));
        assert!(accepts_file("notes.txt", ""));
        assert!(!accepts_file("page.html", "text/html"));
        assert_eq!(
            check_scheme("javascript:alert(1)", "javascript:alert(1)")
                .unwrap_err()
                .code(),
            "bad-url"
        );
    }
}
