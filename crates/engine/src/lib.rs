//! news-impact engine: article → normalize → segment → link entities → score → aggregate → analysis.
//!
//! Every stage is a pure function in its own module; [`analyze`] chains them.

pub mod aggregate;
pub mod aliases;
pub mod analysis;
pub mod article;
pub mod error;
pub mod formats;
pub mod limits;
pub mod link;
pub mod normalize;
pub mod order;
pub mod score;
pub mod segment;
pub mod universe;

pub use analysis::{Analysis, Label};
pub use article::Article;
pub use error::ArticleError;
pub use formats::{parse_any, parse_any_noting, parse_input, parse_input_noting, Skipped};

use analysis::Sentence;

/// Runs the whole pipeline on an article.
pub fn analyze(article: &Article) -> Analysis {
    Analyzer::new(article).finish()
}

/// Sentences scored per [`Analyzer::step`] (a few milliseconds of work in the browser).
const SENTENCES_PER_STEP: usize = 256;
/// Entities aggregated per [`Analyzer::step`].
const ENTITIES_PER_STEP: usize = 4;

/// The pipeline run a slice at a time, so that a page can stay responsive while a long text is
/// analysed: [`Analyzer::new`] normalises and segments, each [`Analyzer::step`] then does the
/// next slice of linking (candidates sentence by sentence, then their resolution over the whole
/// document), sentence scoring and per-entity aggregation, in that order, and
/// [`Analyzer::finish`] does whatever is left and returns the analysis. The result is the same
/// however the work is sliced: [`analyze`] is `Analyzer::new(article).finish()`.
pub struct Analyzer {
    /// The normalised article.
    doc: normalize::Document,
    /// Its sentences.
    spans: Vec<segment::SentenceSpan>,
    /// Candidate mentions of the sentences linked so far.
    candidates: Option<link::Candidates>,
    /// Entities found, once linked, last first; popped into `entities` as they are aggregated.
    linked: Option<Vec<link::LinkedEntity>>,
    /// Each sentence's tokens (tokenised once, used by both scoring passes).
    tokens: Vec<score::features::Tokens>,
    /// Sentences scored on their own so far.
    sentences: Vec<Sentence>,
    /// Entities aggregated so far.
    entities: Vec<analysis::EntityImpact>,
    /// The sentiment scorer and its buffers.
    scorer: score::Scorer<'static>,
}

/// Whether analyzers hand their sentence and token lists on to the next one (native only: the
/// browser analyses one article at a time, and the code would cost bundle size).
const REUSE: bool = !cfg!(target_arch = "wasm32");

/// Largest sentence count whose lists an analyzer hands on (bounds the memory kept).
const SPARE_MAX: usize = 1024;

thread_local! {
    /// The sentence and token lists of the last analyzer dropped on this thread (emptied), for
    /// the next one: analysing many short articles in a row then allocates them once.
    static SPARE: std::cell::Cell<(Vec<segment::SentenceSpan>, Vec<score::features::Tokens>)> =
        const { std::cell::Cell::new((Vec::new(), Vec::new())) };
}

impl Drop for Analyzer {
    fn drop(&mut self) {
        if !REUSE {
            return;
        }
        let mut spans = std::mem::take(&mut self.spans);
        let mut tokens = std::mem::take(&mut self.tokens);
        tokens.drain(..).for_each(score::features::recycle);
        // The entity list goes back to the linker (with any entity left dropped: an unfinished
        // analysis).
        link::recycle(self.linked.take().unwrap_or_default());
        // (A long article's lists are let go rather than kept for the next one.)
        if spans.capacity() <= SPARE_MAX && tokens.capacity() <= SPARE_MAX {
            spans.clear();
            SPARE.with(|spare| spare.set((spans, tokens)));
        }
    }
}

impl Analyzer {
    /// Starts an analysis: normalises and segments the article (both cheap, linear passes).
    pub fn new(article: &Article) -> Self {
        let doc = normalize::normalize(article);
        let (mut spans, mut tokens) = if REUSE {
            SPARE.with(|spare| spare.take())
        } else {
            Default::default()
        };
        segment::segment_into(&doc, &mut spans);
        tokens.reserve(spans.len());
        Analyzer {
            tokens,
            sentences: Vec::with_capacity(spans.len()),
            candidates: Some(link::Candidates::new(&article.tickers, spans.len())),
            doc,
            spans,
            linked: None,
            entities: Vec::new(),
            scorer: score::Scorer::new(score::model()),
        }
    }

    /// Does the next slice of work; `false` once only [`Analyzer::finish`] is left to call.
    pub fn step(&mut self) -> bool {
        if self.linked.is_none() {
            let seen = self.candidates.as_ref().map_or(0, |c| c.sentences_seen());
            if seen < self.spans.len() {
                self.add_candidates(SENTENCES_PER_STEP);
            } else {
                self.resolve();
            }
            return true;
        }
        if self.sentences.len() < self.spans.len() {
            self.score_sentences(SENTENCES_PER_STEP);
            return true;
        }
        self.aggregate(ENTITIES_PER_STEP) > 0
    }

    /// Tokenises the sentences before `end` that are not tokenised yet. Each sentence is
    /// tokenised once, then read by the linker (native builds) and by both scoring passes.
    fn tokenize_to(&mut self, end: usize) {
        let model = score::model();
        for s in self.spans.get(self.tokens.len()..end).unwrap_or_default() {
            let text = self.doc.text.get(s.start..s.end).unwrap_or_default();
            self.tokens.push(model.tokenize(text));
        }
    }

    /// Finds the candidate mentions of the next `limit` sentences not yet seen (natively from
    /// their tokens, which the scorer uses later).
    fn add_candidates(&mut self, limit: usize) {
        let done = self.candidates.as_ref().map_or(0, |c| c.sentences_seen());
        let end = done + limit.min(self.spans.len().saturating_sub(done));
        // (In the wasm build tokens carry no alias ids, and the linker scans the text itself.)
        if score::features::LINK_ALIASES {
            self.tokenize_to(end);
        }
        let candidates = self.candidates.get_or_insert_with(Default::default);
        let Some(next) = self.spans.get(done..end).filter(|s| !s.is_empty()) else {
            return;
        };
        if score::features::LINK_ALIASES {
            let tokens = self.tokens.get(done..end).unwrap_or_default();
            candidates.add_tokenized(&self.doc, next, tokens);
        } else {
            candidates.add(&self.doc, next);
        }
    }

    /// Resolves the candidates of all sentences (all seen) into the linked entities.
    fn resolve(&mut self) {
        let candidates = self.candidates.take().unwrap_or_default();
        let mut linked = link::resolve(&self.doc, &self.spans, candidates);
        self.entities.reserve(linked.len());
        // (Reversed, so that popping takes them in order.)
        linked.reverse();
        self.linked = Some(linked);
    }

    /// Scores the next `limit` sentences not yet scored.
    fn score_sentences(&mut self, limit: usize) {
        let done = self.sentences.len();
        let end = done + limit.min(self.spans.len().saturating_sub(done));
        // (Natively every sentence was tokenised for linking already.)
        self.tokenize_to(end);
        let spans = self.spans.get(done..end).unwrap_or_default();
        let tokens = self.tokens.get(done..end).unwrap_or_default();
        for (s, tokens) in spans.iter().zip(tokens) {
            self.sentences.push(Sentence {
                start: s.start,
                end: s.end,
                paragraph: s.paragraph,
                sentiment: self.scorer.score_spans(tokens, s.start, &[]),
            });
        }
    }

    /// Aggregates the next `limit` linked entities; how many there were.
    fn aggregate(&mut self, limit: usize) -> usize {
        let Some(linked) = &mut self.linked else {
            return 0;
        };
        let mut aggregated = 0;
        while aggregated < limit {
            let Some(entity) = linked.pop() else {
                break;
            };
            let impact = aggregate::entity_impact(
                &self.doc,
                &self.spans,
                &self.tokens,
                &mut self.scorer,
                entity,
            );
            self.entities.push(impact);
            aggregated += 1;
        }
        aggregated
    }

    /// Does whatever work is left and returns the analysis.
    pub fn finish(mut self) -> Analysis {
        // The phases left, each over everything it has left to do (the same work as steps).
        if self.linked.is_none() {
            self.add_candidates(usize::MAX);
            self.resolve();
        }
        self.score_sentences(usize::MAX);
        self.aggregate(usize::MAX);
        let mut entities = std::mem::take(&mut self.entities);
        aggregate::order_by_impact(&mut entities);
        // (Each entity's evidence is already cut to `limits::MAX_EVIDENCE` by `entity_impact`.)
        entities.truncate(limits::MAX_ENTITIES);
        let scores = self.sentences.iter().map(|s| &s.sentiment);
        let overall = aggregate::overall(&entities, scores);
        Analysis {
            overall,
            entities,
            paragraphs: std::mem::take(&mut self.doc.paragraphs),
            text: std::mem::take(&mut self.doc.text),
            sentences: std::mem::take(&mut self.sentences),
        }
    }
}

/// Parses schema-v1 JSON and analyses it.
pub fn analyze_json(json: &str) -> Result<Analysis, ArticleError> {
    Article::from_json(json).map(|a| analyze(&a))
}
