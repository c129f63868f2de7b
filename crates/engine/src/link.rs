//! Stage 3: find the companies and assets an article mentions, where, and how relevant each is.
//!
//! # Recognition
//! Each sentence is normalised (lower case, diacritics folded, punctuation, dashes and
//! possessive `'s` turned into token breaks; see [`crate::universe::normalize_into`]) with a
//! byte map back to the original text, and matched once, leftmost-longest, against every alias,
//! brand, executive, blocking phrase and coreference descriptor of the universe (a token trie,
//! [`crate::aliases`]), so the longest name wins ("Coca-Cola Europacific Partners" over
//! "Coca-Cola") and the whole pass is linear in the text.
//!
//! * **Names** (strong aliases) must be capitalised as names are (an all-caps alias such as
//!   `IBM` must be all caps in the text); assets ("gold", "the dollar") need no capital.
//! * **Weak names** that are common words (Apple, Target, Block, Shell, Visa, Gap, Snap,
//!   Ford; "Dow", "Nasdaq", "oil" for assets) need context: a following verb or noun of
//!   company (market) news ("Target raised", "Apple's", "shares"), a preceding cue ("shares
//!   of", "rival"), a list neighbour that is itself accepted ("Apple, Target and Gap rose"),
//!   a strong mention of the same entity elsewhere in the article, or a publisher hint.
//!   Blocking phrases ("price target", "shell company", "gold standard") consume the text
//!   so the word inside them links nothing.
//! * **Tickers** only in ticker context (HARD_CASES R1): cashtags (`$AAPL`, `$BRK.B`),
//!   exchange-qualified forms (`(NASDAQ: MSFT)`, `NYSE:KO`, `TYO: 9984`, `HKEX: 700`),
//!   Reuters codes (`(AAPL.O)`, `(7203.T)`), a parenthesised ticker right after a name
//!   (`Ford (F)`), or a bare upper-case ticker that is not an English word and not a common
//!   acronym when it has four letters or more (`NVDA`), sits next to a price or percent
//!   (`AMD +3.1%`), or is one the publisher tagged. Bare tickers are never taken from an
//!   all-caps sentence. All share classes and listings map to one entity (GOOG → GOOGL,
//!   BRK-A → BRK.B, SFTBY → 9984.T). The SEC second tier resolves only cashtags and
//!   exchange-qualified forms.
//! * **Brands and executives** (AWS, "Satya Nadella") are weak evidence: they attribute a
//!   sentence to a company that the article names (or that the publisher tagged), and they
//!   create an entity on their own only when nothing in the article names any entity.
//!   An executive linked to several companies (Elon Musk) never creates one.
//! * **Coreference**: "the company", "the firm", "the chipmaker", "the bank", "the Japanese
//!   group" and the like resolve to the most recent compatible company in the paragraph
//!   (earlier in the same sentence first, then the previous sentences, the subject — first
//!   mention — of a sentence first); "the iPhone maker" / "the ChatGPT maker" resolve through
//!   the brand; "its" in a sentence that names nothing resolves when the previous sentence
//!   with companies names exactly one. Coreference never creates an entity.
//!
//! Hints (publisher-tagged tickers) permit weak names, bare tickers and brands of the
//! tagged entities; they are not entities by themselves.
//!
//! # Relevance
//! For an entity with `m` mentions (coreference included) in `k` of the article's `n`
//! sentences, first mentioned in sentence `f`:
//!
//! `relevance = 0.05 + 0.30·title + 0.25·m/m_max + 0.25·k/n + 0.15·(1 − f/n)`
//!
//! where `title` is 1 when the title mentions it and `m_max` is the largest mention count
//! in the article; the value is halved when all its mentions are weak (brands,
//! executives), and clamped to [0.01, 1]. Entities are returned most relevant first.

use crate::aliases::Aliases;
use crate::analysis::{Kind, Mention, MentionVia};
use crate::normalize::Document;
use crate::score::features::{Token, Tokens};
use crate::segment::SentenceSpan;
use crate::universe::{self, Descriptor, LinkToken, Strength, Universe};
use rustc_hash::FxBuildHasher;

/// Hash set with the fast `rustc-hash` hasher (small integer keys).
type HashSet<T> = std::collections::HashSet<T, FxBuildHasher>;

/// An entity found in the document, before sentiment.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedEntity {
    /// Stable id: ticker, `priv:<slug>` or asset id.
    pub id: std::borrow::Cow<'static, str>,
    /// Ticker or asset symbol; `None` for private companies.
    pub symbol: Option<std::borrow::Cow<'static, str>>,
    /// Display name.
    pub name: std::borrow::Cow<'static, str>,
    /// Entity kind.
    pub kind: Kind,
    /// Relevance in (0, 1].
    pub relevance: f32,
    /// Mentions in document order.
    pub mentions: Vec<Mention>,
}

/// Words after a weak company name that show it is the company ("Target raised").
#[rustfmt::skip]
const CORP_NEXT: &[&str] = &[
    "s", "said", "says", "say", "reported", "reports", "posted", "posts", "raised", "raises",
    "lifted", "lifts", "cut", "cuts", "lowered", "lowers", "beat", "beats", "missed", "misses",
    "topped", "tops", "announced", "announces", "plans", "planned", "expects", "expected",
    "agreed", "agrees", "shares", "share", "stock", "stocks", "inc", "corp", "co", "ceo",
    "chief", "executives", "rose", "rises", "fell", "falls", "jumped", "jumps", "slid",
    "slides", "gained", "gains", "dropped", "drops", "surged", "surges", "tumbled", "tumbles",
    "climbed", "climbs", "sank", "sinks", "rallied", "rallies", "slumped", "slumps", "soared",
    "soars", "plunged", "plunges", "declined", "declines", "advanced", "advances", "added",
    "lost", "reached", "launched", "launches", "unveiled", "unveils", "sued", "shareholders",
    "investors", "earnings", "revenue", "revenues", "sales", "profit", "profits", "quarterly",
    "results", "stores", "customers", "employees", "workers", "boosted", "boosts", "warned",
    "warns", "forecast", "forecasts", "reaffirmed", "confirmed", "hired", "named", "appointed",
    "filed", "bought", "buys", "acquired", "acquires", "sold", "sells", "stake", "board",
    "management", "executive", "spokesperson", "spokesman", "spokeswoman", "guidance",
    "outlook", "dividend", "buyback", "valuation", "ipo", "slashed", "trimmed", "hiked",
    "delivered", "shipped", "recalled", "disclosed", "confirmed", "denied", "declined",
    "settled", "agreed", "opened", "closed", "shut", "laid", "is", "was", "has", "had", "will",
    "would", "slipped", "slips", "edged", "eased", "retreated", "rebounded", "recovered",
    "outperformed", "underperformed", "led", "lagged", "trailed", "traded", "trades",
    "surpassed", "overtook", "supplier", "suppliers", "partner", "partners", "rival",
    "rivals", "spokesperson", "analysts", "bonds", "unit", "division", "subsidiary",
    "released", "releases", "introduced", "debuted", "rolled", "valued",
    "names", "weighs", "weighed", "leads", "drags", "dragged", "tops", "hits", "sinks",
];

/// Words before a weak company name that show it is the company ("shares of Target").
#[rustfmt::skip]
const CORP_PREV: &[&str] = &[
    "of", "in", "rival", "rivals", "retailer", "retailers", "including", "like", "versus", "vs",
    "peer", "peers", "competitor", "competitors", "giant", "owner", "automaker", "carmaker",
    "lender", "insurer", "at", "from", "with", "for", "against", "and", "than", "maker", "on",
    "while", "whereas",
];

/// Words after a weak asset name that show it is the market asset ("the Dow fell").
#[rustfmt::skip]
const ASSET_NEXT: &[&str] = &[
    "rose", "rises", "rise", "fell", "falls", "fall", "gained", "gains", "gain", "dropped",
    "drops", "slid", "slides", "jumped", "jumps", "surged", "surges", "tumbled", "tumbles",
    "climbed", "climbs", "sank", "sinks", "rallied", "rallies", "slumped", "slumps", "soared",
    "soars", "plunged", "plunges", "declined", "declines", "advanced", "advances", "added",
    "lost", "slipped", "slips", "edged", "eased", "eases", "firmed", "firms", "hit", "hits",
    "touched", "closed", "ended", "finished", "opened", "futures", "prices", "price", "index",
    "points", "was", "is", "traded", "trades", "benchmark", "composite", "recovered",
    "rebounded", "rebounds", "retreated",
    "closes", "ends", "opens", "tops", "inches", "nears", "crosses", "breaches", "tests",
    "reclaims", "extends", "snaps", "posts", "notches", "sheds", "adds", "holds", "steadies",
    "recovers", "dips", "dipped", "logs", "scales", "hovers", "hovered", "trims", "pares",
    "erases", "loses", "plummets", "skids", "tanks", "spikes", "zooms", "recoups", "wobbles",
    "struggles", "settles", "settled", "finishes", "market", "markets", "slump", "rally",
    "demand", "supply", "output", "production", "exports", "imports", "at", "seen", "likely",
    "could", "may", "will", "stocks", "shares", "up", "down", "higher", "lower", "flat",
];

/// Words before a weak asset name that show it is the market asset ("benchmark Nifty").
#[rustfmt::skip]
const ASSET_PREV: &[&str] = &[
    "the", "benchmark", "broader", "spot", "of", "in", "and", "while", "as", "global",
    "cheap", "cheaper", "falling", "rising", "lifts", "hits", "drags", "pushes",
];

/// Nouns after "the X" that make "the X maker" a reference to X's company.
const MAKER: &[&str] = &[
    "maker",
    "owner",
    "parent",
    "operator",
    "developer",
    "creator",
];

/// [`Aliases::marks`] bit of the words of [`CORP_NEXT`].
const IN_CORP_NEXT: u8 = 1;
/// [`Aliases::marks`] bit of the words of [`CORP_PREV`].
const IN_CORP_PREV: u8 = 2;
/// [`Aliases::marks`] bit of the words of [`ASSET_NEXT`].
const IN_ASSET_NEXT: u8 = 4;
/// [`Aliases::marks`] bit of the words of [`ASSET_PREV`].
const IN_ASSET_PREV: u8 = 8;
/// [`Aliases::marks`] bit of the words of [`MAKER`].
const IN_MAKER: u8 = 16;

/// Gives the context-word lists' words token ids and list bits in the alias matcher, so
/// the linker tests a neighbouring token's membership by its id (universe build only).
pub(crate) fn mark_context_words(a: &mut Aliases) {
    a.mark_words(CORP_NEXT, IN_CORP_NEXT);
    a.mark_words(CORP_PREV, IN_CORP_PREV);
    a.mark_words(ASSET_NEXT, IN_ASSET_NEXT);
    a.mark_words(ASSET_PREV, IN_ASSET_PREV);
    a.mark_words(MAKER, IN_MAKER);
}

/// Upper-case tokens that are common acronyms, never bare tickers.
const ACRONYMS: &[&str] = &[
    "AI", "IPO", "CEO", "CFO", "COO", "CTO", "GDP", "EPS", "EV", "EVS", "ETF", "IT", "US", "USA",
    "UK", "EU", "FDA", "SEC", "FED", "FOMC", "IMF", "ECB", "BOJ", "BOE", "PBOC", "RBI", "PMI",
    "CPI", "PPI", "PCE", "API", "AGI", "LLM", "ESG", "TV", "PC", "OK", "AM", "PM", "ONE", "NEW",
    "ALL", "NOW", "KEY", "ON", "OPEN", "REIT", "LNG", "EBITDA", "YOY", "QOQ", "ARPU", "NYSE",
    "NASDAQ", "OTC", "ADR", "ADRS", "SPAC", "FY", "GAAP", "CAGR", "ROI", "ROE", "AUM", "NAV",
    "OPEC", "DOJ", "FTC", "EPA", "FAA", "NATO", "HR", "PR", "IR", "Q1", "Q2", "Q3", "Q4", "H1",
    "H2", "CEOS", "SAAS", "GPU", "GPUS", "CPU", "AWS", "A", "I", "II", "III",
];

/// Exchange codes before a colon, with the listing suffix their tickers take.
const EXCHANGES: &[(&str, &str)] = &[
    ("NASDAQ", ""),
    ("NYSE", ""),
    ("NYSEARCA", ""),
    ("AMEX", ""),
    ("CBOE", ""),
    ("BATS", ""),
    ("OTC", ""),
    ("OTCQX", ""),
    ("OTCQB", ""),
    ("OTCMKTS", ""),
    ("TSE", ".T"),
    ("TYO", ".T"),
    ("JPX", ".T"),
    ("HKEX", ".HK"),
    ("HKG", ".HK"),
    ("SEHK", ".HK"),
    ("LSE", ".L"),
    ("LON", ".L"),
    ("XETRA", ".DE"),
    ("ETR", ".DE"),
    ("FRA", ".DE"),
    ("EPA", ".PA"),
    ("SIX", ".SW"),
    ("SWX", ".SW"),
    ("NSE", ".NS"),
    ("BSE", ".BO"),
    ("KRX", ".KS"),
    ("KOSPI", ".KS"),
    ("TWSE", ".TW"),
    ("TPE", ".TW"),
    ("ASX", ".AX"),
    ("TSX", ".TO"),
    ("AMS", ".AS"),
    ("SHE", ".SZ"),
    ("SZSE", ".SZ"),
    ("SHA", ".SS"),
    ("TADAWUL", ".SR"),
];

/// Reuters instrument-code suffixes of US listings (`AAPL.O`, `KO.N`).
const US_RIC: &[&str] = &["O", "OQ", "N", "K", "A", "P", "PK", "Z"];

/// How a candidate mention counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Creates the entity.
    Strong,
    /// A weak name; `true` when local context confirms it.
    Weak(bool),
    /// Brand or executive evidence; `true` when it also passed its context check.
    Evidence(bool),
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Cand {
    targets: &'static [u32],
    start: usize,
    end: usize,
    via: MentionVia,
    class: Class,
    asset: bool,
}

#[derive(Debug, Clone, Copy)]
enum CorefKind {
    Descriptor(Descriptor),
    Its,
}

#[derive(Debug, Clone, Copy)]
struct CorefCand {
    start: usize,
    end: usize,
    kind: CorefKind,
}

/// Links entities in `doc`; `hints` are publisher-tagged symbols.
pub fn link(doc: &Document, sentences: &[SentenceSpan], hints: &[String]) -> Vec<LinkedEntity> {
    let mut candidates = Candidates::new(hints, sentences.len());
    candidates.add(doc, sentences);
    resolve(doc, sentences, candidates)
}

/// The first, sentence-local half of linking: each sentence's candidate mentions, found sentence
/// by sentence in document order (so a long text can be linked a slice at a time).
#[derive(Debug, Default)]
pub struct Candidates {
    /// Candidate mentions of the sentences seen so far, sentence after sentence.
    cands: Vec<Cand>,
    /// Their coreference candidates, likewise.
    corefs: Vec<CorefCand>,
    /// Where each sentence's candidates and coreference candidates end in the two lists.
    ends: Vec<(usize, usize)>,
    /// Entities the publisher tagged.
    hinted: HashSet<u32>,
}

impl Candidates {
    /// No sentences yet; `hints` are publisher-tagged symbols, `sentences` how many will come.
    pub fn new(hints: &[String], sentences: usize) -> Self {
        let u = universe::universe();
        // The lists of the last article linked on this thread, emptied.
        let mut c = SPARE.with(|spare| {
            let mut buf = spare.take();
            let lists = buf.as_mut().map(|b| std::mem::take(&mut b.lists));
            spare.set(buf);
            lists.unwrap_or_default()
        });
        c.cands.clear();
        c.corefs.clear();
        c.ends.clear();
        c.ends.reserve(sentences);
        // (The last article's set, emptied and refilled: most articles have no hints.)
        c.hinted.clear();
        c.hinted
            .extend(hints.iter().filter_map(|h| lookup(u, h.trim())));
        c
    }

    /// How many sentences have been seen.
    pub fn sentences_seen(&self) -> usize {
        self.ends.len()
    }

    /// Finds the candidates of `sentences`, the next sentences of `doc` in order.
    pub fn add(&mut self, doc: &Document, sentences: &[SentenceSpan]) {
        self.add_with(doc, sentences, None);
    }

    /// [`Candidates::add`] given each sentence's scorer tokens (`tokens[k]` those of
    /// `sentences[k]`), which the linker then reads instead of scanning the text again.
    pub fn add_tokenized(&mut self, doc: &Document, sentences: &[SentenceSpan], tokens: &[Tokens]) {
        self.add_with(doc, sentences, Some(tokens));
    }

    /// [`Candidates::add`], with the sentences' tokens if they are known.
    fn add_with(&mut self, doc: &Document, sentences: &[SentenceSpan], tokens: Option<&[Tokens]>) {
        let u = universe::universe();
        let ids = handles(u);
        // The buffers of the previous call on this thread, if any (many short articles in a row
        // then allocate them once).
        let mut buf = SPARE.with(|spare| spare.take()).unwrap_or_default();
        for (k, s) in sentences.iter().enumerate() {
            let text = doc.text.get(s.start..s.end).unwrap_or("");
            let tokens = tokens.and_then(|t| t.get(k)).map(|t| t.list.as_slice());
            sentence_candidates(
                u,
                ids,
                (text, tokens),
                s.start,
                &self.hinted,
                &mut buf,
                &mut self.corefs,
            );
            self.cands.extend_from_slice(&buf.cands);
            self.ends.push((self.cands.len(), self.corefs.len()));
        }
        SPARE.with(|spare| spare.set(Some(buf)));
    }
}

/// The second half of linking, over the whole document: accepts weak names with document
/// context, then resolves mentions and coreference in document order. `candidates` must cover
/// every sentence of `sentences`.
pub fn resolve(
    doc: &Document,
    sentences: &[SentenceSpan],
    mut candidates: Candidates,
) -> Vec<LinkedEntity> {
    // The recycled buffers, as in `Candidates::add`; the lists go back with them.
    let mut buf = SPARE.with(|spare| spare.take()).unwrap_or_default();
    // (Native builds only, for wasm size: the general path gives the same empty answer.)
    let found = if candidates.cands.is_empty() && !cfg!(target_arch = "wasm32") {
        // Coreference resolves only to entities that candidates name: nothing links.
        Vec::new()
    } else {
        resolve_lists(doc, sentences, &mut candidates, &mut buf)
    };
    buf.lists = candidates;
    SPARE.with(|spare| spare.set(Some(buf)));
    found
}

/// Hands an entity list [`resolve`] returned back to this thread's linker (its entities
/// dropped), for the next article's entities: analysing many short articles in a row then
/// allocates it once.
pub fn recycle(mut found: Vec<LinkedEntity>) {
    found.clear();
    // (A long article's list is let go rather than kept; a list never allocated is no use.)
    if found.capacity() > 64 || found.capacity() == 0 {
        return;
    }
    SPARE.with(|spare| {
        let mut buf = spare.take();
        if let Some(b) = buf.as_mut() {
            b.found = found;
        }
        spare.set(buf);
    });
}

/// [`resolve`] without its shortcut for an article with no candidate.
fn resolve_lists(
    doc: &Document,
    sentences: &[SentenceSpan],
    lists: &mut Candidates,
    buf: &mut Buffers,
) -> Vec<LinkedEntity> {
    let u = universe::universe();
    let (cands, corefs, hinted) = (&mut lists.cands, &lists.corefs, &lists.hinted);
    // Each sentence's range in `cands` and in `corefs`.
    let ends = &lists.ends;
    let ranges = |k: usize| {
        let (a, b) = (k.checked_sub(1).map_or((0, 0), |p| ends[p]), ends[k]);
        (a.0..b.0, a.1..b.1)
    };
    // Entities the article names strongly (names, tickers, "the X maker", weak names with
    // local context), marked in `marks`.
    // (The recycled lists, borrowed in place.)
    let Buffers {
        marks,
        weak_only,
        recent,
        last_companies,
        accepted,
        coref_mentions,
        picked,
        order,
        next,
        ..
    } = buf;
    marks.next_article(u.entities.len());
    let mut nothing_named = true;
    for c in cands.iter() {
        if matches!(c.class, Class::Strong | Class::Weak(true)) {
            for &t in c.targets {
                marks.set_strong(t);
                nothing_named = false;
            }
        }
    }
    // Weak names: accepted with document context, hints or an accepted list neighbour.
    for k in 0..ends.len() {
        let (range, _) = ranges(k);
        let sc = &mut cands[range];
        for c in sc.iter_mut() {
            if let Class::Weak(false) = c.class {
                if c.targets
                    .iter()
                    .any(|&t| marks.strong(t) || hinted.contains(&t))
                {
                    c.class = Class::Weak(true);
                }
            }
        }
        propagate_lists(doc, sc);
        for c in sc.iter() {
            if let Class::Weak(true) = c.class {
                for &t in c.targets {
                    marks.set_strong(t);
                    nothing_named = false;
                }
            }
        }
    }

    // Final pass in document order: accepted mentions and coreference.
    // (A recycled list if there is one; sized as a first push would size it, without the
    // growth path.)
    // (Native builds only, for wasm size: the browser never hands a list back.)
    let mut found = if cfg!(target_arch = "wasm32") {
        Vec::with_capacity(4)
    } else {
        std::mem::take(&mut buf.found)
    };
    found.reserve(4);
    // (Lists kept in the recycled buffers, emptied.)
    weak_only.clear();
    recent.clear();
    last_companies.clear();
    let mut paragraph = usize::MAX;
    for (si, s) in sentences.iter().enumerate().take(ends.len()) {
        let (cr, rr) = ranges(si);
        let (sc, sr) = (&cands[cr], &corefs[rr]);
        if s.paragraph != paragraph {
            paragraph = s.paragraph;
            recent.clear();
            last_companies.clear();
        }
        accepted.clear();
        for c in sc {
            let weak_evidence = matches!(c.class, Class::Evidence(_));
            picked.clear();
            match c.class {
                Class::Strong | Class::Weak(true) => picked.extend_from_slice(c.targets),
                Class::Weak(false) => {}
                Class::Evidence(ctx) => {
                    picked.extend(
                        c.targets
                            .iter()
                            .copied()
                            .filter(|&t| marks.strong(t) || hinted.contains(&t)),
                    );
                    if picked.is_empty() && nothing_named && ctx && c.targets.len() == 1 {
                        picked.extend_from_slice(c.targets);
                    }
                }
            }
            // A name shared by several entities (rare) is taken only where one is named.
            if picked.len() > 1 && !weak_evidence {
                let mut named = picked.iter().copied().filter(|&t| marks.strong(t));
                let (one, more) = (named.next(), named.next());
                picked.clear();
                if let (Some(e), None) = (one, more) {
                    picked.push(e);
                }
            }
            for &t in picked.iter() {
                accepted.push((c.start, c.end, t, c.via, weak_evidence));
            }
        }
        // Coreference, in text order, against mentions earlier in this sentence and then the
        // recent entities of the paragraph.
        let named_here = !accepted.is_empty();
        coref_mentions.clear();
        let mut its_done = false;
        for cr in sr {
            match cr.kind {
                CorefKind::Descriptor(d) => {
                    // Bounded look-back keeps a pathological one-sentence text linear.
                    let before = accepted
                        .iter()
                        .take_while(|a| a.1 <= cr.start)
                        .take(16)
                        .map(|a| a.2)
                        .chain(recent.iter().copied());
                    let mut pick = None;
                    for e in before {
                        if compatible(u, e, d) {
                            pick = Some(e);
                            break;
                        }
                    }
                    if let Some(e) = pick {
                        coref_mentions.push((cr.start, cr.end, e));
                    }
                }
                CorefKind::Its => {
                    if !named_here
                        && !its_done
                        && coref_mentions.is_empty()
                        && last_companies.len() == 1
                    {
                        coref_mentions.push((cr.start, cr.end, last_companies[0]));
                        its_done = true;
                    }
                }
            }
        }
        let all = &mut *accepted;
        all.extend(
            coref_mentions
                .iter()
                .map(|&(a, b, e)| (a, b, e, MentionVia::Coref, false)),
        );
        // (A list of one or none is in order: no call.)
        if all.len() > 1 {
            crate::order::sort_by_key(all, |m| (m.0, m.1));
        }
        order.clear();
        marks.next_sentence();
        for &(start, end, e, via, weak) in all.iter() {
            if marks.add_to_order(e) {
                order.push(e);
            }
            let i = match marks.slot(e) {
                Some(i) => i,
                None => {
                    let ent = &u.entities[e as usize];
                    found.push(LinkedEntity {
                        id: std::borrow::Cow::Borrowed(ent.id),
                        symbol: ent.symbol.map(std::borrow::Cow::Borrowed),
                        name: std::borrow::Cow::Borrowed(ent.name),
                        kind: ent.kind,
                        relevance: 0.0,
                        mentions: Vec::with_capacity(4),
                    });
                    weak_only.push(true);
                    marks.set_slot(e, found.len() - 1);
                    found.len() - 1
                }
            };
            if !weak && via != MentionVia::Coref {
                weak_only[i] = false;
            }
            let mentions = &mut found[i].mentions;
            if mentions
                .last()
                .is_some_and(|m| m.start == start && m.end == end)
            {
                continue;
            }
            mentions.push(Mention {
                start,
                end,
                sentence: si,
                via,
            });
        }
        if !order.is_empty() {
            recent.retain(|&e| !marks.in_order(e));
            next.clear();
            next.extend_from_slice(order);
            next.extend(recent.iter().copied());
            next.truncate(8);
            std::mem::swap(recent, next);
            let company = |e: &u32| u.entities[*e as usize].is_company();
            if order.iter().any(company) {
                last_companies.clear();
                last_companies.extend(order.iter().copied().filter(company));
            }
        }
    }
    relevance(&mut found, weak_only, sentences);
    found
}

/// Per-entity marks of one article, in a table indexed by entity that is not cleared between
/// articles: a mark counts only when its stamp is the current article's (or sentence's).
#[derive(Default)]
struct Marks {
    /// Per entity: [article stamp when named strongly, article stamp of the slot, the slot,
    /// sentence stamp when in the sentence's order].
    at: Vec<[u32; 4]>,
    /// The current article's stamp.
    article: u32,
    /// The current sentence's stamp.
    sentence: u32,
}

impl Marks {
    /// Starts an article over `entities` entities.
    fn next_article(&mut self, entities: usize) {
        if self.at.len() < entities {
            self.at.resize(entities, [0; 4]);
        }
        self.article = self.article.wrapping_add(1);
        if self.article == 0 {
            self.at.fill([0; 4]);
            (self.article, self.sentence) = (1, 1);
        }
        // (Stamp 0 is the cleared table's: never current.)
        self.sentence = self.sentence.max(1);
    }

    /// Starts a sentence.
    fn next_sentence(&mut self) {
        self.sentence = self.sentence.wrapping_add(1);
        if self.sentence == 0 {
            self.at.iter_mut().for_each(|m| m[3] = 0);
            self.sentence = 1;
        }
    }

    /// Whether the article names `e` strongly.
    fn strong(&self, e: u32) -> bool {
        self.at
            .get(e as usize)
            .is_some_and(|m| m[0] == self.article)
    }

    /// Marks `e` as named strongly.
    fn set_strong(&mut self, e: u32) {
        if let Some(m) = self.at.get_mut(e as usize) {
            m[0] = self.article;
        }
    }

    /// The position of `e` in the output, if it has one.
    fn slot(&self, e: u32) -> Option<usize> {
        let m = self.at.get(e as usize)?;
        (m[1] == self.article).then_some(m[2] as usize)
    }

    /// Records the position of `e` in the output.
    fn set_slot(&mut self, e: u32, i: usize) {
        if let Some(m) = self.at.get_mut(e as usize) {
            (m[1], m[2]) = (self.article, i as u32);
        }
    }

    /// Whether `e` is in the sentence's order.
    fn in_order(&self, e: u32) -> bool {
        self.at
            .get(e as usize)
            .is_some_and(|m| m[3] == self.sentence)
    }

    /// Puts `e` in the sentence's order; false when it already was.
    fn add_to_order(&mut self, e: u32) -> bool {
        match self.at.get_mut(e as usize) {
            Some(m) if m[3] != self.sentence => {
                m[3] = self.sentence;
                true
            }
            _ => false,
        }
    }
}

thread_local! {
    /// Sentence buffers kept from one [`link`] call to the next on this thread.
    static SPARE: std::cell::Cell<Option<Box<Buffers>>> = const { std::cell::Cell::new(None) };
}

/// Per-entity one-element slices, so candidates can borrow `&'static [u32]` targets.
fn handles(u: &'static Universe) -> &'static [u32] {
    use std::sync::OnceLock;
    static IDS: OnceLock<Vec<u32>> = OnceLock::new();
    IDS.get_or_init(|| (0..u.entities.len() as u32).collect())
}

fn one(ids: &'static [u32], e: u32) -> &'static [u32] {
    let i = e as usize;
    ids.get(i..i + 1).unwrap_or(&[])
}

fn compatible(u: &Universe, e: u32, d: Descriptor) -> bool {
    let ent = &u.entities[e as usize];
    ent.is_company()
        && (d.sectors.is_empty() || d.sectors.contains(&ent.sector))
        && (d.country.is_empty() || d.country == ent.country)
}

/// Reusable buffers for the normalised sentence and its offset map.
#[derive(Default)]
struct Buffers {
    norm: String,
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// The tokens of the sentence.
    toks: Vec<LinkToken>,
    /// Alias matches: (first token, last token, pattern).
    matches: Vec<(usize, usize, u32)>,
    /// The accepted mentions of one sentence: (start, end, entity, via, weak evidence).
    accepted: Vec<(usize, usize, u32, MentionVia, bool)>,
    /// The coreference mentions of one sentence: (start, end, entity).
    coref_mentions: Vec<(usize, usize, u32)>,
    /// The entities one candidate is taken for.
    picked: Vec<u32>,
    /// The entities of one sentence, in order of first mention.
    order: Vec<u32>,
    /// The next list of recent entities, being built.
    next: Vec<u32>,
    /// Per-entity marks of the article being resolved.
    marks: Marks,
    /// Whether each linked entity has only weak evidence so far.
    weak_only: Vec<bool>,
    /// Recent entities of the paragraph, most recent first.
    recent: Vec<u32>,
    /// The companies of the last sentence that named any.
    last_companies: Vec<u32>,
    /// The spans a sentence's names and ticker forms already take (for bare tickers).
    taken: Vec<(usize, usize)>,
    /// The candidates of one sentence, being found.
    cands: Vec<Cand>,
    /// The lists of the last article resolved, kept for the next.
    lists: Candidates,
    /// An empty list for the entities of the next article resolved (see [`recycle`]).
    found: Vec<LinkedEntity>,
}

fn sentence_candidates(
    u: &'static Universe,
    ids: &'static [u32],
    (text, tokens): (&str, Option<&[Token]>),
    base: usize,
    hinted: &HashSet<u32>,
    buf: &mut Buffers,
    corefs: &mut Vec<CorefCand>,
) {
    // The scorer's tokens when they are given and serve (else a scan of the text).
    let shared = tokens.and_then(|t| {
        universe::link_tokens_from(text, base, &u.aliases, t, &mut buf.norm, &mut buf.toks)
    });
    let scan = match shared {
        Some(scan) => scan,
        None => universe::link_tokens(
            text,
            base,
            &u.aliases,
            &mut buf.norm,
            (&mut buf.starts, &mut buf.ends),
            &mut buf.toks,
        ),
    };
    let (norm, toks) = (buf.norm.as_str(), buf.toks.as_slice());
    buf.cands.clear();
    buf.matches.clear();
    let matches = &mut buf.matches;
    u.aliases.find_ids(
        toks.len(),
        |j| toks[j].id,
        |i, j, p| matches.push((i, j, p)),
    );
    // Whether a token is "the" (in its normalised form; the shared scan leaves `norm` empty,
    // the tokens' ranges then being in the ASCII `text`, which lower-cases to it).
    let is_the = |t: &LinkToken| {
        let range = t.ns as usize..t.ne as usize;
        match shared {
            Some(_) => text
                .get(range)
                .is_some_and(|w| w.eq_ignore_ascii_case("the")),
            None => norm.get(range) == Some("the"),
        }
    };
    for &(m0, last, pattern) in buf.matches.iter() {
        let Some(p) = u.patterns.get(pattern as usize) else {
            continue;
        };
        // (A `skip_the` pattern starts with "the".)
        let from = m0 + usize::from(p.skip_the);
        if from > last {
            continue;
        }
        let (Some(a), Some(z)) = (toks.get(from), toks.get(last)) else {
            continue;
        };
        let (os, oe) = (a.os as usize, z.oe as usize);
        let orig = text.get(os - base..oe - base).unwrap_or("");
        match p.strength {
            Strength::Blocker => {}
            Strength::Its => {
                if orig == "its" || orig == "Its" {
                    corefs.push(CorefCand {
                        start: os,
                        end: oe,
                        kind: CorefKind::Its,
                    });
                }
            }
            Strength::Descriptor(d) => {
                // "the Bank of Japan" is a name, not a descriptor.
                let noun_capitalised = orig
                    .rsplit(|c: char| !c.is_alphanumeric())
                    .next()
                    .and_then(|w| w.chars().next())
                    .is_some_and(char::is_uppercase);
                if !noun_capitalised {
                    corefs.push(CorefCand {
                        start: os,
                        end: oe,
                        kind: CorefKind::Descriptor(d),
                    });
                }
            }
            _ => {
                let Some(&first) = p.targets.first() else {
                    continue;
                };
                let asset = !u.entities[first as usize].is_company();
                if !case_ok(orig, p, asset) {
                    continue;
                }
                // The tokens around the whole match (its "the" included).
                let prev = m0.checked_sub(1).and_then(|k| toks.get(k));
                let next = toks.get(last + 1);
                let mut via = match p.strength {
                    Strength::Brand | Strength::WeakBrand => MentionVia::Brand,
                    Strength::Executive => MentionVia::Executive,
                    _ => MentionVia::Name,
                };
                // Context words count only when nothing but spaces (or the possessive
                // apostrophe) separates them from the name: "Bullish, says X" is not
                // "Bullish says".
                let tight = |a: u32, b: u32| {
                    text.get(a as usize - base..b as usize - base)
                        .is_some_and(|g| g.chars().all(|c| c == ' ' || c == '\'' || c == '’'))
                };
                // The context-word lists a neighbouring token is in ([`mark_context_words`]).
                let in_lists = |t: &LinkToken| u.aliases.marks(t.id);
                let next_w = next.filter(|t| tight(oe as u32, t.os)).map(in_lists);
                let prev_w = prev.filter(|t| tight(t.oe, os as u32)).map(in_lists);
                let ctx = || {
                    if asset {
                        next_w.is_some_and(|m| m & IN_ASSET_NEXT != 0)
                            || prev_w.is_some_and(|m| m & IN_ASSET_PREV != 0)
                    } else {
                        next_w.is_some_and(|m| m & IN_CORP_NEXT != 0)
                            || prev_w.is_some_and(|m| m & IN_CORP_PREV != 0)
                            || appositive(text.get(oe - base..).unwrap_or(""))
                            || next_is_move(text.get(oe - base..).unwrap_or(""))
                    }
                };
                let mut class = match p.strength {
                    Strength::Name => Class::Strong,
                    Strength::WeakName => Class::Weak(ctx()),
                    Strength::Brand | Strength::Executive => Class::Evidence(true),
                    _ => Class::Evidence(ctx()),
                };
                let targets: &'static [u32] = if p.targets.len() == 1 {
                    one(ids, first)
                } else {
                    // Multi-target patterns live as long as the universe.
                    let pat: &'static universe::Pattern = &u.patterns[pattern as usize];
                    &pat.targets
                };
                let (mut start, mut end) = (os, oe);
                // "the iPhone maker", "the Google parent": a reference to the company.
                if !asset && targets.len() == 1 {
                    if let (Some(pv), Some(nx)) = (prev, next) {
                        if is_the(pv) && in_lists(nx) & IN_MAKER != 0 {
                            start = pv.os as usize;
                            end = nx.oe as usize;
                            via = MentionVia::Coref;
                            class = Class::Strong;
                        }
                    }
                }
                buf.cands.push(Cand {
                    targets,
                    start,
                    end,
                    via,
                    class,
                    asset,
                });
            }
        }
    }
    ticker_candidates(u, text, base, hinted, buf, scan);
    // (Most sentences have one candidate or none: no call.)
    if buf.cands.len() > 1 {
        crate::order::sort_by_key(&mut buf.cands, |c| (c.start, c.end));
    }
}

/// "Visa, the payments network, …", "Gap, which owns Old Navy, …": an appositive that
/// describes a business marks the name before it as the company.
fn appositive(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(", ") else {
        return false;
    };
    const NOUNS: &[&str] = &[
        "company",
        "maker",
        "retailer",
        "network",
        "group",
        "bank",
        "giant",
        "firm",
        "operator",
        "owner",
        "chain",
        "carrier",
        "provider",
        "producer",
        "lender",
        "insurer",
        "developer",
        "platform",
        "brand",
        "chipmaker",
        "automaker",
        "drugmaker",
        "conglomerate",
        "business",
        "owns",
        "makes",
        "runs",
        "sells",
        "operates",
    ];
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(7)
        .any(|w| NOUNS.contains(&w) || w.ends_with("maker"))
}

/// Case rule: an all-caps alias must be all caps in the text; a company, brand or person
/// name must start with a capital (unless the alias itself starts lower-case, like iPhone).
fn case_ok(orig: &str, p: &universe::Pattern, asset: bool) -> bool {
    if p.all_caps {
        return !orig.chars().any(char::is_lowercase);
    }
    let canonical = p.canonical;
    if asset {
        // "gold", "the dollar" may be lower case; "Nifty", "Brent" are names.
        return match (canonical.chars().next(), orig.chars().next()) {
            (Some(c), Some(o)) if c.is_uppercase() => o.is_uppercase(),
            _ => true,
        };
    }
    match (canonical.chars().next(), orig.chars().next()) {
        (Some(c), _) if c.is_lowercase() => true,
        (_, Some(o)) => o.is_uppercase() || o.is_numeric(),
        _ => false,
    }
}

/// A weak name next to an accepted mention in a list ("Apple, Target and Gap") is accepted.
fn propagate_lists(doc: &Document, cands: &mut [Cand]) {
    let joins = |a: &Cand, b: &Cand| -> bool {
        let gap = doc.text.get(a.end..b.start).unwrap_or("x");
        a.asset == b.asset
            && gap
                .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
                .all(|w| w.is_empty() || matches!(w, "and" | "or" | "&" | "s" | "'s" | "’s"))
    };
    let ok = |c: &Cand| matches!(c.class, Class::Strong | Class::Weak(true));
    for i in 1..cands.len() {
        if cands[i].class == Class::Weak(false)
            && ok(&cands[i - 1])
            && joins(&cands[i - 1], &cands[i])
        {
            cands[i].class = Class::Weak(true);
        }
    }
    for i in (0..cands.len().saturating_sub(1)).rev() {
        if cands[i].class == Class::Weak(false)
            && ok(&cands[i + 1])
            && joins(&cands[i], &cands[i + 1])
        {
            cands[i].class = Class::Weak(true);
        }
    }
}

/// Sorted intervals with running maximum ends: "does [start, end) overlap any?" in
/// logarithmic time.
struct Cover<'a> {
    /// (start, furthest end of this span and all before it).
    spans: &'a [(usize, usize)],
}

impl<'a> Cover<'a> {
    /// Takes spans sorted by start; each end is replaced by the furthest end so far (in place,
    /// so that no list is allocated).
    fn new(spans: &'a mut [(usize, usize)]) -> Self {
        let mut m = 0;
        for s in spans.iter_mut() {
            m = m.max(s.1);
            s.1 = m;
        }
        Cover { spans }
    }

    fn overlaps(&self, start: usize, end: usize) -> bool {
        let i = self.spans.partition_point(|s| s.0 < end);
        i > 0 && self.spans[i - 1].1 > start
    }
}

fn is_ticker_char(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit()
}

/// A ticker at the start of `s`: `[A-Z0-9]{1,6}` plus an optional `.X`/`-X`/`/X` class or
/// listing suffix of up to three characters, not followed by a letter or digit. Returns its
/// byte length.
fn ticker_at(s: &str) -> Option<usize> {
    let head = s
        .bytes()
        .take(7)
        .take_while(|&b| is_ticker_char(b as char))
        .count();
    if head == 0 || head > 6 {
        return None;
    }
    let mut len = head;
    let rest = &s[head..];
    if let Some(sep) = rest.chars().next().filter(|c| matches!(c, '.' | '-' | '/')) {
        let suffix = rest[1..]
            .bytes()
            .take_while(|&b| is_ticker_char(b as char))
            .count();
        if (1..=3).contains(&suffix) {
            let after = rest[1 + suffix..].chars().next();
            if !after.is_some_and(char::is_alphanumeric) {
                len += sep.len_utf8() + suffix;
            }
        }
    }
    let after = s[len..].chars().next();
    (!after.is_some_and(char::is_alphanumeric)).then_some(len)
}

fn lookup(u: &Universe, t: &str) -> Option<u32> {
    u.tickers.get(universe::key_form(t).as_ref()).copied()
}

/// Adds the ticker candidates of a sentence `text` at offset `base` to `buf.cands`, given its
/// tokens `buf.toks` and what their scan found.
fn ticker_candidates(
    u: &'static Universe,
    text: &str,
    base: usize,
    hinted: &HashSet<u32>,
    buf: &mut Buffers,
    scan: universe::Scan,
) {
    let ids = handles(u);
    let (cands, taken) = (&mut buf.cands, &mut buf.taken);
    // (Native builds only, for wasm size: the byte scan finds the same bare tickers.)
    let ascii_tokens = (scan.ascii && !cfg!(target_arch = "wasm32")).then_some(&buf.toks);
    let mut found: Vec<(usize, usize, u32)> = Vec::new();
    let prev_char = |i: usize| text.get(..i).and_then(|h| h.chars().next_back());
    // Which of the three markers below occur (found while tokenising; most sentences have
    // none). `scan(bit)` is the text to search for a marker: empty when it does not occur.
    let marks = scan.markers;
    let scan = |bit: u8| if marks & bit != 0 { text } else { "" };
    // (Most sentences have no marker: then no searcher is set up.)
    if marks != 0 {
        // Cashtags.
        for (i, _) in scan(1).match_indices('$') {
            if prev_char(i).is_some_and(char::is_alphanumeric) {
                continue;
            }
            let rest = &text[i + 1..];
            if !rest.starts_with(|c: char| c.is_ascii_uppercase()) {
                continue;
            }
            if let Some(len) = ticker_at(rest) {
                let tok = &rest[..len];
                let e = lookup(u, tok).or_else(|| tok.find('.').and_then(|d| lookup(u, &tok[..d])));
                if let Some(e) = e {
                    found.push((i, i + 1 + len, e));
                }
            }
        }
        // Exchange-qualified: "NASDAQ: MSFT", "NYSE American: X", "TYO: 9984".
        for (i, _) in scan(2).match_indices(':') {
            let head = text[..i].trim_end();
            let mut words = head.rsplit(|c: char| !c.is_alphanumeric());
            let Some(mut w) = words.next() else { continue };
            if matches!(w, "American" | "Arca" | "GS" | "GM" | "CM" | "MKTS") {
                if let Some(w0) = words.next() {
                    w = w0;
                }
            }
            // Byte offset of the exchange word inside `text` (a sub-slice of it).
            let wstart = w.as_ptr() as usize - text.as_ptr() as usize;
            let upper = w.to_ascii_uppercase();
            let Some(&(_, suffix)) = EXCHANGES.iter().find(|(x, _)| *x == upper) else {
                continue;
            };
            let rest = &text[i + 1..];
            let skip = rest.len() - rest.trim_start().len();
            let rest = &rest[skip..];
            let Some(len) = ticker_at(rest) else { continue };
            let tok = &rest[..len];
            let e = if suffix.is_empty() {
                lookup(u, tok)
            } else if tok.bytes().all(|b| b.is_ascii_digit()) {
                let padded = match suffix {
                    ".HK" => format!("{tok:0>4}"),
                    _ => tok.to_owned(),
                };
                lookup(u, &format!("{padded}{suffix}"))
            } else {
                lookup(u, &format!("{tok}{suffix}")).or_else(|| lookup(u, tok))
            };
            if let Some(e) = e {
                found.push((wstart, i + 1 + skip + len, e));
            }
        }
        // Parenthesised: Reuters codes "(AAPL.O)", "(7203.T)" and plain "(F)" after a name.
        for (i, _) in scan(4).match_indices('(') {
            let rest = &text[i + 1..];
            let Some(close) = rest
                .char_indices()
                .take(14)
                .find(|&(_, c)| c == ')')
                .map(|(j, _)| j)
            else {
                continue;
            };
            let inner = &rest[..close];
            if ticker_at(inner) != Some(inner.len()) {
                continue;
            }
            let e = if let Some((sym, suf)) = inner.split_once('.') {
                if US_RIC.contains(&suf) {
                    lookup(u, sym)
                } else {
                    lookup(u, inner).or_else(|| lookup(u, sym))
                }
            } else {
                lookup(u, inner)
            };
            let Some(e) = e else { continue };
            let ent = &u.entities[e as usize];
            if ent.second_tier && !inner.contains('.') {
                continue;
            }
            // "Ford (F)": a name of the same company (even a weak one) right before it.
            let near = cands.partition_point(|c| c.start < base + i);
            let named_here = cands[near.saturating_sub(3)..near].iter().any(|c| {
                c.targets.contains(&e)
                    && c.end <= base + i
                    && text.get(c.end - base..i).is_some_and(|g| {
                        g.trim().is_empty() || g.trim() == "Inc." || g.trim() == "Corp."
                    })
            });
            let plain = !inner.contains('.');
            if plain && (ACRONYMS.contains(&inner) || ent.ticker_is_word) && !named_here {
                continue;
            }
            found.push((i + 1, i + 1 + close, e));
        }
    }
    // Bare upper-case tickers in safe context, outside every span already taken (by names and
    // the ticker forms above: the list is built when a bare ticker first needs it).
    let ticker_forms = found.len();
    let mut taken_built = false;
    // (Bare tickers are never taken from an all-caps sentence: tested only when one is found.)
    let mut all_caps = None;
    let mut bare = |start: usize| {
        let Some(len) = text.get(start..).and_then(ticker_at) else {
            return;
        };
        let tok = &text[start..start + len];
        let end = start + len;
        let before = prev_char(start);
        let after = text[end..].chars().next();
        if before.is_some_and(|c| matches!(c, '$' | '-' | '&' | '/' | '.' | '('))
            || after.is_some_and(|c| matches!(c, '-' | '&' | '/' | ')'))
        {
            return;
        }
        // (The cheap tests first: the taken spans and the acronym list are looked at only
        // for a known ticker that would otherwise be taken.)
        let Some(e) = lookup(u, tok) else { return };
        let ent = &u.entities[e as usize];
        if ent.second_tier || ent.kind != Kind::Public || len < 2 {
            return;
        }
        let letters = tok.bytes().filter(u8::is_ascii_uppercase).count();
        let ok = (letters >= 4 && !ent.ticker_is_word)
            || next_is_price(&text[end..])
            || (hinted.contains(&e) && !ent.ticker_is_word);
        if !ok {
            return;
        }
        if !taken_built {
            taken.clear();
            taken.extend(
                cands
                    .iter()
                    .map(|c| (c.start - base, c.end - base))
                    .chain(found[..ticker_forms].iter().map(|f| (f.0, f.1))),
            );
            crate::order::sort(taken);
            Cover::new(taken);
            taken_built = true;
        }
        // (`taken` now holds each span's running maximum end.)
        if (Cover { spans: taken }).overlaps(start, end) || ACRONYMS.contains(&tok) {
            return;
        }
        if !*all_caps.get_or_insert_with(|| is_all_caps(text)) {
            found.push((start, end, e));
        }
    };
    // A bare ticker starts at an ASCII capital after no alphanumeric character. (The starts
    // inside a ticker found earlier follow `.`, `-` or `/` and are rejected above, so every
    // start can be tried on its own.) In an ASCII text these are the tokens that start with a
    // capital: a capital after `&`, inside a token, is rejected too. A capital followed by a
    // small letter ("Apple") starts no ticker ([`LinkToken::capital`]).
    let bytes = text.as_bytes();
    let capital = |i: usize| {
        bytes.get(i).is_some_and(u8::is_ascii_uppercase)
            && !bytes.get(i + 1).is_some_and(u8::is_ascii_lowercase)
    };
    match ascii_tokens {
        Some(toks) => {
            for t in toks.iter().filter(|t| t.capital) {
                bare(t.os as usize - base);
            }
        }
        None => {
            for i in 0..bytes.len() {
                if capital(i) && !prev_char(i).is_some_and(char::is_alphanumeric) {
                    bare(i);
                }
            }
        }
    }
    // Ticker forms replace any name match they overlap ("NASDAQ: MSFT" is not the Nasdaq
    // index).
    if !found.is_empty() {
        let mut spans: Vec<(usize, usize)> =
            found.iter().map(|f| (base + f.0, base + f.1)).collect();
        crate::order::sort(&mut spans);
        let cover = Cover::new(&mut spans);
        cands.retain(|c| !cover.overlaps(c.start, c.end));
    }
    for &(s, e, ent) in &found {
        let (s, e) = (base + s, base + e);
        cands.push(Cand {
            targets: one(ids, ent),
            start: s,
            end: e,
            via: MentionVia::Ticker,
            class: Class::Strong,
            asset: false,
        });
    }
}

/// True when the text after a token starts with a price or a percent change
/// ("+2.3%", " -1%", " $412.10", " (+3%)", " up 2%").
fn next_is_price(rest: &str) -> bool {
    let r = rest.trim_start();
    let r = r.strip_prefix('(').unwrap_or(r);
    let r = r
        .strip_prefix("up ")
        .or_else(|| r.strip_prefix("down "))
        .unwrap_or(r);
    let r = r.trim_start_matches(['+', '-', '−', '–', '$']);
    r.starts_with(|c: char| c.is_ascii_digit())
}

/// True when a percent move follows directly ("Apple 3.8% loss", "Target -2%").
fn next_is_move(rest: &str) -> bool {
    let r = rest.trim_start_matches(' ');
    let r = r.trim_start_matches(['+', '-', '−', '–']);
    let digits = r
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(r.len());
    digits > 0 && r[digits..].starts_with('%')
}

/// A sentence written in capitals (a shouting headline): bare tickers are not trusted there.
fn is_all_caps(text: &str) -> bool {
    // (The ASCII count is native-only, for wasm size: the count by characters agrees.)
    if !cfg!(target_arch = "wasm32") && text.is_ascii() {
        let upper = text.bytes().filter(u8::is_ascii_uppercase).count();
        let lower = text.bytes().filter(u8::is_ascii_lowercase).count();
        return upper >= 6 && lower * 5 < upper;
    }
    is_all_caps_by_chars(text)
}

/// [`is_all_caps`] counting characters (any text).
fn is_all_caps_by_chars(text: &str) -> bool {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in text.chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper >= 6 && lower * 5 < upper
}

fn relevance(found: &mut [LinkedEntity], weak_only: &[bool], sentences: &[SentenceSpan]) {
    let n = sentences.len().max(1) as f32;
    let max_mentions = found.iter().map(|e| e.mentions.len()).max().unwrap_or(1) as f32;
    for (e, &weak) in found.iter_mut().zip(weak_only) {
        let title = e
            .mentions
            .iter()
            .any(|m| sentences.get(m.sentence).is_some_and(|s| s.paragraph == 0));
        // Runs of mentions in one sentence (what `dedup` of their sentences leaves).
        let distinct = e
            .mentions
            .iter()
            .zip(e.mentions.iter().skip(1))
            .filter(|(a, b)| a.sentence != b.sentence)
            .count()
            + usize::from(!e.mentions.is_empty());
        let first = e.mentions.first().map_or(0, |m| m.sentence) as f32;
        let mut r = 0.05
            + 0.30 * f32::from(u8::from(title))
            + 0.25 * e.mentions.len() as f32 / max_mentions.max(1.0)
            + 0.25 * distinct as f32 / n
            + 0.15 * (1.0 - first / n);
        if weak {
            r *= 0.5;
        }
        e.relevance = r.clamp(0.01, 1.0);
    }
    let first = |e: &LinkedEntity| e.mentions.first().map_or(0, |m| m.start);
    if found.len() < 2 {
        return;
    }
    crate::order::sort_by(found, |a, b| {
        b.relevance
            .total_cmp(&a.relevance)
            .then_with(|| first(a).cmp(&first(b)))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_parts;
    use crate::segment::segment;

    #[test]
    fn linking_from_the_scorer_tokens_finds_what_the_scan_finds() {
        let model = crate::score::model();
        let mut linked_any = 0;
        for title in [
            "The iPhone maker said demand held up. The Google parent and THE Google parent rose.",
            "Apple rose; the iPhone maker's rival Samsung fell. THE IPHONE MAKER slid.",
            "AT&T and P&G climbed, S&P 500 up 1,000 points; Johnson & Johnson&Co flat.",
            "U.S. stocks: NVDA (NASDAQ: NVDA) and $AAPL rallied, the Google parent too.",
            "Berkshire's Buffett bought Coca-Cola shares; JPMorgan's Dimon and Exxon-Mobil.",
            "Nestlé's shares rose after L’Oréal results.",
            "",
        ] {
            let doc = normalize_parts(title, ["Tesla's deliveries beat. Microsoft fell 2.5%."]);
            let spans = segment(&doc);
            let scanned = link(&doc, &spans, &[]);
            let tokens: Vec<_> = spans
                .iter()
                .map(|s| model.tokenize(&doc.text[s.start..s.end]))
                .collect();
            let mut candidates = Candidates::new(&[], spans.len());
            candidates.add_tokenized(&doc, &spans, &tokens);
            assert_eq!(resolve(&doc, &spans, candidates), scanned, "{title:?}");
            linked_any += scanned.len();
        }
        assert!(linked_any > 10);
    }

    fn run(title: &str, body: &[&str], hints: &[&str]) -> (Document, Vec<LinkedEntity>) {
        let doc = normalize_parts(title, body.iter().copied());
        let spans = segment(&doc);
        let hints: Vec<String> = hints.iter().map(|h| h.to_string()).collect();
        let linked = link(&doc, &spans, &hints);
        (doc, linked)
    }

    fn ids(text: &str) -> Vec<String> {
        let mut v: Vec<String> = run("", &[text], &[])
            .1
            .into_iter()
            .map(|e| e.id.into_owned())
            .collect();
        v.sort();
        v
    }

    fn has(text: &str, want: &[&str]) {
        let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        want.sort();
        assert_eq!(ids(text), want, "{text}");
    }

    #[test]
    fn an_article_with_only_coreference_candidates_links_nothing() {
        // `resolve` answers such an article at once (natively); the general path must agree.
        let doc = normalize_parts(
            "",
            ["The company said its profit rose.", "Its shares fell."],
        );
        let spans = segment(&doc);
        let mut c = Candidates::new(&[], spans.len());
        c.add(&doc, &spans);
        assert!(c.cands.is_empty() && c.corefs.len() >= 2, "{:?}", c.corefs);
        let mut buf = Buffers::default();
        assert!(resolve_lists(&doc, &spans, &mut c, &mut buf).is_empty());
    }

    #[test]
    fn context_word_marks_are_list_membership() {
        let a = &universe::universe().aliases;
        let lists = [
            (CORP_NEXT, IN_CORP_NEXT),
            (CORP_PREV, IN_CORP_PREV),
            (ASSET_NEXT, IN_ASSET_NEXT),
            (ASSET_PREV, IN_ASSET_PREV),
            (MAKER, IN_MAKER),
        ];
        // Every list word, and words in no list (some of them alias tokens).
        let others = [
            "apple",
            "inc",
            "the",
            "bank",
            "zzzz",
            "executives",
            "spokespeople",
        ];
        let words = lists.iter().flat_map(|l| l.0.iter()).chain(others.iter());
        for w in words {
            let m = a.marks(a.token_id(w));
            for (list, bit) in lists {
                assert_eq!(m & bit != 0, list.contains(w), "{w} in list {bit}");
            }
        }
        assert_eq!(a.marks(u32::MAX), 0);
    }

    #[test]
    fn all_caps_ascii_count_agrees_with_the_count_by_characters() {
        for text in [
            "ALL-TIME HIGH FOR STOCKS AS COST FEARS EASE",
            "NVDA UP 3% ON AI",
            "Nvidia up 3% on AI demand",
            "ABCDEF ghij",
            "ABCDEFGHIJKL m",
            "ABCDE",
            "",
        ] {
            assert_eq!(is_all_caps(text), is_all_caps_by_chars(text), "{text}");
        }
        assert!(is_all_caps("ALL-TIME HIGH FOR STOCKS"));
        assert!(!is_all_caps("Nvidia up 3% on AI demand"));
    }

    #[test]
    fn entity_marks_last_one_article_even_when_stamps_wrap() {
        let mut m = Marks::default();
        m.next_article(10);
        m.set_strong(3);
        m.set_slot(4, 2);
        m.next_sentence();
        assert!(m.add_to_order(5) && !m.add_to_order(5) && m.in_order(5));
        assert!(m.strong(3) && !m.strong(4) && m.slot(4) == Some(2) && m.slot(3).is_none());
        m.next_sentence();
        assert!(!m.in_order(5));
        m.next_article(10);
        assert!(!m.strong(3) && m.slot(4).is_none());
        // Out-of-range entities are never marked (and never panic).
        m.set_strong(99);
        assert!(!m.strong(99) && !m.add_to_order(99));
        // Stamps wrapping around start from a cleared table.
        m.set_strong(1);
        (m.article, m.sentence) = (u32::MAX, u32::MAX);
        m.set_strong(2);
        m.set_slot(2, 0);
        m.next_sentence();
        m.add_to_order(2);
        m.next_article(10);
        assert!(!m.strong(1) && !m.strong(2) && m.slot(2).is_none() && !m.in_order(2));
    }

    #[test]
    fn bare_tickers_from_ascii_tokens_match_the_byte_scan() {
        // An ASCII sentence takes its bare-ticker starts from its tokens (natively); the byte
        // scan of other texts must find the same tickers in it.
        let u = universe::universe();
        let mut buf = Buffers::default();
        let hinted: HashSet<u32> = [lookup(u, "CRM"), lookup(u, "KO")]
            .into_iter()
            .flatten()
            .collect();
        let mut found = 0;
        for text in [
            "Movers: NVDA +3.2%, AMD -1.5%, CRM (F) BRK.B AT&T X&AB.C and NVDA/AMD.",
            "NVDA-AMD $NVDA .NVDA (NVDA) NVDA) 3NVDA NVDAx KO up 2% TSLA TSLA",
            "ALL CAPS HEADLINE SAYS NVDA UP 3%",
            "xNVDA A.NVDA &NVDA NVDA& GOOG. BRK-B/C TSLA. (NASDAQ: MSFT) $AAPL",
            "",
        ] {
            let scan = universe::link_tokens(
                text,
                5,
                &u.aliases,
                &mut buf.norm,
                (&mut buf.starts, &mut buf.ends),
                &mut buf.toks,
            );
            assert!(scan.ascii);
            let mut both = Vec::new();
            for ascii in [true, false] {
                buf.cands.clear();
                let scan = universe::Scan { ascii, ..scan };
                ticker_candidates(u, text, 5, &hinted, &mut buf, scan);
                both.push(buf.cands.clone());
            }
            assert_eq!(both[0], both[1], "{text}");
            found += both[0].len();
        }
        // (The cases above do find tickers.)
        assert!(found >= 8, "{found}");
    }

    #[test]
    fn r1_words_and_acronyms_are_not_tickers() {
        has(
            "All three indexes rose as it is clear a strategist sees now as the key moment.",
            &[],
        );
        has("IT SPENDING IS ON THE RISE NOW, SAYS ONE KEY ANALYST", &[]);
        has("AI demand and the IPO pipeline lifted sentiment.", &[]);
        has(
            "A CAT and a T-bill walked into a bar; F-150 sales were flat.",
            &[],
        );
        has("ALL-TIME HIGH FOR STOCKS AS COST FEARS EASE", &[]);
    }

    #[test]
    fn r1_ticker_context_is_accepted() {
        has(
            "$AAPL and $TSLA rallied while $5 billion left bond funds.",
            &["AAPL", "TSLA"],
        );
        has(
            "Microsoft Corp (NASDAQ: MSFT) and Coca-Cola (NYSE:KO) reported.",
            &["KO", "MSFT"],
        );
        has("Shares of Apple (AAPL.O) rose.", &["AAPL"]);
        has(
            "Toyota Motor (7203.T) and SoftBank (TYO: 9984) moved.",
            &["9984.T", "TM"],
        );
        has("Movers: NVDA +3.2%, AMD -1.5%.", &["AMD", "NVDA"]);
        has("Ford (F) sold more trucks.", &["F"]);
        // A second-tier small cap resolves only through a cashtag.
        let small = ids("$SOUN jumped");
        assert_eq!(small.len(), 1, "{small:?}");
    }

    #[test]
    fn r5_share_classes_and_listings_map_to_one_entity() {
        let (_, linked) = run(
            "",
            &["$GOOG and $GOOGL both rose; BRK.A and $BRK-B too, and SFTBY."],
            &[],
        );
        let got: Vec<(&str, usize)> = linked.iter().map(|e| (&*e.id, e.mentions.len())).collect();
        assert!(got.contains(&("GOOGL", 2)), "{got:?}");
        assert!(got.iter().any(|g| g.0 == "BRK.B"), "{got:?}");
        assert!(got.iter().any(|g| g.0 == "9984.T"), "{got:?}");
    }

    #[test]
    fn r2_longest_match_wins() {
        has(
            "Coca-Cola Europacific Partners raised its outlook.",
            &["CCEP"],
        );
        has("Snap-on beat estimates.", &["SNA"]);
        has(
            "Coca-Cola and Honeywell Aerospace both gained.",
            &["HONA", "KO"],
        );
    }

    #[test]
    fn r3_weak_aliases_need_company_context() {
        has("Target raised its forecast.", &["TGT"]);
        has("Analysts lifted their price target on the stock.", &[]);
        has("The fund bought a shell company in Delaware.", &[]);
        has("Shell said output would rise.", &["SHEL"]);
        has("Apple, Target and Gap rose.", &["AAPL", "GAP", "TGT"]);
        has("The apple harvest was late and the gap widened.", &[]);
        has("Visa and Mastercard processed more payments.", &["MA", "V"]);
    }

    #[test]
    fn r4_agency_and_index_names_are_not_companies() {
        has("(Reuters) - The Dow fell 300 points.", &["IDX:DJI"]);
        has("Dow Inc. cut its dividend.", &["DOW"]);
        has("The stock trades on Nasdaq: AAPL.", &["AAPL"]);
        has(
            "The S&P 500 and the Nasdaq closed higher.",
            &["IDX:IXIC", "IDX:SPX"],
        );
    }

    #[test]
    fn generic_words_renames_and_word_like_private_names() {
        // HARD_CASES 36, 42: bare generic forms link nothing.
        has(
            "Fidelity said fees would fall; the Delta variant spread.",
            &[],
        );
        has("United and American said bookings rose.", &[]);
        has(
            "Fidelity Investments and Delta Air Lines both commented.",
            &["DAL", "priv:fmr"],
        );
        // 38: an old name still in use maps to today's company.
        has("Facebook rolled out a new feed.", &["META"]);
        // 40: word-like private names need context, and lower case never links.
        has(
            "Stripe said volume rose; the ramp was steep.",
            &["priv:stripe"],
        );
        // 41: a person listed with no company links nothing.
        has("Jerome Powell spoke on Tuesday.", &[]);
    }

    #[test]
    fn possessives_and_diacritics_are_normalised() {
        has("Microsoft's cloud grew.", &["MSFT"]);
        has(
            "L’Oréal’s sales and Nestle's margins improved.",
            &["NESN.SW", "OR.PA"],
        );
    }

    #[test]
    fn mention_spans_point_at_the_original_text() {
        let (doc, linked) = run("Nestlé’s chief", &["Shares of Nestlé rose."], &[]);
        let e = &linked[0];
        for m in &e.mentions {
            assert_eq!(&doc.text[m.start..m.end], "Nestlé");
        }
        assert_eq!(e.mentions.len(), 2);
    }

    #[test]
    fn brands_and_executives_are_weak_evidence() {
        // Alone, a brand creates its company.
        has("AWS outages disrupted websites.", &["AMZN"]);
        // Next to a named company, an executive of an unnamed one creates nothing.
        has("Satya Nadella spoke while Nvidia rose.", &["NVDA"]);
        // With the company named, the executive's sentence is evidence for it.
        let (_, linked) = run(
            "",
            &["Microsoft rose.", "Satya Nadella said demand was strong."],
            &[],
        );
        let msft = linked.iter().find(|e| e.id == "MSFT").unwrap();
        assert_eq!(msft.mentions.len(), 2);
        assert_eq!(msft.mentions[1].via, MentionVia::Executive);
        // An executive of several companies never creates one.
        has("Elon Musk posted again.", &[]);
    }

    #[test]
    fn coreference_resolves_to_the_recent_compatible_company() {
        let (doc, linked) = run(
            "",
            &["Nvidia posted record sales. The chipmaker also lifted guidance. Its shares rose."],
            &[],
        );
        let nvda = &linked[0];
        let vias: Vec<MentionVia> = nvda.mentions.iter().map(|m| m.via).collect();
        assert_eq!(
            vias,
            vec![MentionVia::Name, MentionVia::Coref, MentionVia::Coref]
        );
        assert_eq!(
            &doc.text[nvda.mentions[1].start..nvda.mentions[1].end],
            "The chipmaker"
        );
        // "the bank" does not resolve to a chipmaker.
        let (_, linked) = run("", &["Intel fell. The bank said nothing."], &[]);
        assert_eq!(linked[0].mentions.len(), 1);
        // "the iPhone maker" is Apple.
        has("The iPhone maker said demand held up.", &["AAPL"]);
        // "its" after a sentence naming two companies is ambiguous.
        let (_, linked) = run("", &["Intel and AMD fell. Its outlook was cut."], &[]);
        assert!(linked.iter().all(|e| e.mentions.len() == 1));
        // Coreference does not cross paragraphs.
        let (_, linked) = run("", &["Intel fell.", "The company said nothing."], &[]);
        assert_eq!(linked[0].mentions.len(), 1);
    }

    #[test]
    fn non_equity_assets_are_linked_with_their_kind() {
        let (_, linked) = run(
            "",
            &["Gold rose as the rupee fell; Brent crude and Bitcoin slipped."],
            &[],
        );
        let got: Vec<(&str, Kind)> = linked.iter().map(|e| (&*e.id, e.kind)).collect();
        for want in [
            ("CMD:GOLD", Kind::Commodity),
            ("FX:INR", Kind::Currency),
            ("CMD:BRENT", Kind::Commodity),
            ("CRYPTO:BTC", Kind::Crypto),
        ] {
            assert!(got.contains(&want), "{got:?}");
        }
        has("It was a billion-dollar gold standard of a deal.", &[]);
    }

    #[test]
    fn private_companies_have_no_symbol() {
        let (_, linked) = run("", &["OpenAI and Anthropic raised money."], &[]);
        assert!(linked
            .iter()
            .all(|e| e.symbol.is_none() && e.kind == Kind::Private));
        assert_eq!(linked.len(), 2);
    }

    #[test]
    fn hints_permit_bare_tickers_but_are_not_entities() {
        let (_, linked) = run("", &["CRM slipped after the call."], &["CRM"]);
        assert_eq!(linked.len(), 1);
        let (_, linked) = run("", &["CRM slipped after the call."], &[]);
        assert!(linked.is_empty());
        let (_, linked) = run("", &["Markets were quiet."], &["MSFT"]);
        assert!(linked.is_empty());
    }

    #[test]
    fn relevance_ranks_the_main_entity_first() {
        let (_, linked) = run(
            "Nvidia beats forecasts",
            &[
                "Nvidia posted record revenue. The chipmaker said demand was strong.",
                "Rival AMD also rose, and Intel was flat.",
            ],
            &[],
        );
        assert_eq!(linked[0].id, "NVDA");
        assert!(linked
            .iter()
            .all(|e| e.relevance > 0.0 && e.relevance <= 1.0));
        assert!(linked.windows(2).all(|w| w[0].relevance >= w[1].relevance));
    }

    #[test]
    fn random_junk_never_panics_and_spans_stay_on_char_boundaries() {
        // Deterministic pseudo-random strings over pieces that exercise every scanner.
        const PIECES: &[&str] = &[
            "A",
            "a",
            "$",
            "(",
            ")",
            ":",
            ".",
            "-",
            "’",
            "'",
            "é",
            "İ",
            " ",
            "NYSE",
            "KO",
            "T",
            "the ",
            "its ",
            "Apple",
            "Target",
            "NASDAQ",
            "%",
            "+",
            "1",
            "👩‍💻",
            "\u{0301}",
            ",",
            "BRK",
            "/",
            "the chipmaker ",
            "Gold",
            "\n\n",
            "O)",
            "(AAPL",
            ".T",
            "Satya Nadella",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let paragraphs: Vec<&str> = text.split("\n\n").collect();
            let (doc, linked) = run("", &paragraphs, &["KO", "T"]);
            for m in linked.iter().flat_map(|e| &e.mentions) {
                assert!(m.start < m.end && m.end <= doc.text.len(), "{text:?}");
                assert!(doc.text.is_char_boundary(m.start) && doc.text.is_char_boundary(m.end));
            }
            assert!(linked
                .iter()
                .all(|e| e.relevance > 0.0 && e.relevance <= 1.0));
        }
    }

    #[test]
    fn odd_input_never_panics_and_spans_stay_on_char_boundaries() {
        for text in [
            "",
            "$",
            "$$$",
            "(",
            "()",
            "(NASDAQ:",
            "NYSE:",
            "é$Ü(A.",
            "👩‍💻 $AAPL)",
            "İstanbul’s",
            "the",
            "its",
            "ＡＡＰＬ",
            "\u{0301}Apple",
            "A.B.C.D.E.F.G.H.",
            "(1234567890123)",
            "NYSE—American: KO",
            "ÉNYSE: KO",
            "éAAPL +3%",
            "Ünïcödé (ÄÄPL.O) Nestlé’s",
        ] {
            let (doc, linked) = run(text, &[text, text], &[text]);
            for m in linked.iter().flat_map(|e| &e.mentions) {
                assert!(m.start < m.end && m.end <= doc.text.len());
                assert!(doc.text.is_char_boundary(m.start) && doc.text.is_char_boundary(m.end));
            }
        }
    }
}
