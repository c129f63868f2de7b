//! Feature extraction for the sentiment model: tokens, clause scope, finance rules, modifiers.
//!
//! Training (`crates/train`) and scoring call the same [`extract`], so the features the
//! weights were learned on are exactly the features they are applied to.
//!
//! Every feature has a string key (looked up in the model), a value (±1 times the modifiers
//! that apply: negation flips, hedges and concessions damp, intensifiers amplify) and an
//! anchor (the tokens its contribution is attributed to in the explanation).
//!
//! Feature families (key prefixes):
//! - `c:` word stem in the target's scope (its own clause, plus clauses that continue it);
//!   words in another clause with another subject ("Gold rises as Rupee falls") emit nothing
//!   for the target but the out-of-scope lexicon and rule features below;
//! - `x:` extra copy of `c:` when the target is not the subject of its clause (an object, the
//!   subject of a passive verb, or a bystander);
//! - `r:` the first two content words right after the target (its predicate);
//! - `l:` the word right before the target ("acquisition of X");
//! - `b:` in-scope bigram of stems;
//! - `R:md` finance rule: a direction verb applied to a financial metric, valued
//!   metric polarity × direction ("loss narrowed" = +1, "profit fell" = −1);
//! - `R:rating` finance rule: an analyst upgrade (+1) or downgrade (−1);
//! - `R:dir` a direction verb not tied to a metric ("Gold rises"), valued ±1;
//! - `L:c` / `L:o` hand-written finance lexicon, in and out of scope;
//!
//! A procedural statement (meeting, webcast, payment date) with no polar word has all its
//! features damped, so it stays Neutral.

use crate::analysis::Span;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// FNV-1a: a fast hasher for the short string keys of the model and word lists.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A hash map keyed with [`Fnv`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A word or punctuation token of a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// First byte, local to the sentence.
    pub start: usize,
    /// One past the last byte, local to the sentence.
    pub end: usize,
    /// Stemmed lower-case key (`<n>` for numbers; the character itself for punctuation).
    pub stem: String,
    /// Lower-case surface form.
    pub lower: String,
    /// Whether the surface form starts with an upper-case letter.
    pub capital: bool,
    /// Whether this is a word (not punctuation).
    pub word: bool,
}

/// A feature's model key, kept as token references so scoring builds no strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A fixed key such as `R:md`.
    Fixed(&'static str),
    /// A family prefix and the stem of one token, e.g. `c:` + `rise`.
    Stem(&'static str, usize),
    /// The bigram `b:<stem a> <stem b>` of two tokens.
    Bigram(usize, usize),
}

impl Key {
    /// Writes the key text into `buf` (cleared first).
    pub fn write(&self, tokens: &[Token], buf: &mut String) {
        buf.clear();
        match *self {
            Key::Fixed(k) => buf.push_str(k),
            Key::Stem(prefix, i) => {
                buf.push_str(prefix);
                buf.push_str(&tokens[i].stem);
            }
            Key::Bigram(a, b) => {
                buf.push_str("b:");
                buf.push_str(&tokens[a].stem);
                buf.push(' ');
                buf.push_str(&tokens[b].stem);
            }
        }
    }

    /// The key text as a new string (for training).
    pub fn text(&self, tokens: &[Token]) -> String {
        let mut s = String::new();
        self.write(tokens, &mut s);
        s
    }
}

/// One feature occurrence.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// Model key, e.g. `c:rise`.
    pub key: Key,
    /// Feature value (±1 times modifiers).
    pub value: f32,
    /// First token the contribution is attributed to.
    pub first: usize,
    /// Last token (inclusive); equal to `first` for single words.
    pub last: usize,
    /// Second token for bigrams (the contribution is split evenly between `first` and this).
    pub split: Option<usize>,
}

/// Splits a sentence into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let (_, cj) = chars[j];
                if cj.is_alphanumeric() {
                    j += 1;
                } else if matches!(cj, '\'' | '’' | '&' | '.' | ',')
                    && j + 1 < chars.len()
                    && chars[j + 1].1.is_alphanumeric()
                    && (cj != ','
                        || (chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit()))
                    && (cj != '.'
                        || chars[j + 1].1.is_ascii_digit()
                        || chars[j - 1].1.is_uppercase())
                {
                    j += 2;
                } else {
                    break;
                }
            }
            let end = if j < chars.len() {
                chars[j].0
            } else {
                text.len()
            };
            let surface = &text[start..end];
            let lower = surface.to_lowercase().replace('’', "'");
            let stem = if lower.chars().any(|c| c.is_ascii_digit()) {
                "<n>".to_owned()
            } else {
                stem(&lower)
            };
            out.push(Token {
                start,
                end,
                stem,
                lower,
                capital: c.is_uppercase(),
                word: true,
            });
            i = j;
        } else {
            let joins_words = matches!(c, '-' | '/')
                && i > 0
                && chars[i - 1].1.is_alphanumeric()
                && i + 1 < chars.len()
                && chars[i + 1].1.is_alphanumeric();
            if !c.is_whitespace() && !joins_words {
                let end = start + c.len_utf8();
                out.push(Token {
                    start,
                    end,
                    stem: c.to_string(),
                    lower: c.to_string(),
                    capital: false,
                    word: false,
                });
            }
            i += 1;
        }
    }
    out
}

/// A crude, deterministic suffix stemmer (shared by training and scoring).
pub fn stem(lower: &str) -> String {
    let w = lower.strip_suffix("'s").unwrap_or(lower);
    let w = w.strip_suffix('\'').unwrap_or(w);
    if let Some(s) = irregular(w) {
        return s.to_owned();
    }
    if w.len() < 4 || !w.is_ascii() || KEEP.contains(&w) {
        return w.to_owned();
    }
    let mut s: String = if let Some(b) = w.strip_suffix("ies").filter(|b| b.len() >= 2) {
        format!("{b}y")
    } else if let Some(b) = w.strip_suffix("ied").filter(|b| b.len() >= 2) {
        format!("{b}y")
    } else if let Some(b) = w.strip_suffix("ing").filter(|b| b.len() >= 3) {
        b.to_owned()
    } else if let Some(b) = w.strip_suffix("ed").filter(|b| b.len() >= 3) {
        b.to_owned()
    } else if let Some(b) = w
        .strip_suffix("es")
        .filter(|b| b.len() >= 3 && !b.ends_with('s'))
    {
        format!("{b}e")
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w[..w.len() - 1].to_owned()
    } else {
        w.to_owned()
    };
    if s.len() >= 4 && s.ends_with('e') {
        s.pop();
    }
    let b = s.as_bytes();
    if b.len() >= 4 {
        let (x, y) = (b[b.len() - 2], b[b.len() - 1]);
        if x == y && !b"aeioulsfz".contains(&y) {
            s.pop();
        }
    }
    s
}

const KEEP: &[&str] = &[
    "news", "series", "plus", "status", "bonus", "chaos", "crisis", "basis", "less", "loss",
    "gross", "us", "this", "has", "was", "does", "ties", "sales", "bias", "yes", "gas",
];

fn irregular(w: &str) -> Option<&'static str> {
    Some(match w {
        "rose" | "risen" | "rising" | "rises" | "rise" => "rise",
        "fell" | "fallen" | "falling" | "falls" | "fall" => "fall",
        "grew" | "grown" | "growing" | "grows" | "grow" => "grow",
        "sank" | "sunk" | "sinking" | "sinks" | "sink" => "sink",
        "slid" | "sliding" | "slides" | "slide" => "slide",
        "lost" | "loses" | "losing" | "lose" => "lose",
        "beat" | "beats" | "beaten" | "beating" => "beat",
        "cut" | "cuts" | "cutting" => "cut",
        "shed" | "sheds" | "shedding" => "shed",
        "hit" | "hits" | "hitting" => "hit",
        "led" | "leads" | "leading" | "lead" => "lead",
        "won" | "wins" | "winning" | "win" => "win",
        "took" | "taken" | "takes" | "taking" | "take" => "take",
        "saw" | "seen" | "sees" | "seeing" | "see" => "see",
        "sold" | "sells" | "selling" | "sell" => "sell",
        "bought" | "buys" | "buying" | "buy" => "buy",
        "paid" | "pays" | "paying" | "pay" => "pay",
        "went" | "gone" | "goes" | "going" | "go" => "go",
        "wrote" | "written" | "writes" | "write" => "write",
        "shrank" | "shrunk" | "shrinks" | "shrinking" | "shrink" => "shrink",
        "soared" | "soars" | "soaring" | "soar" => "soar",
        "rallies" | "rallied" | "rallying" | "rally" => "rally",
        "earnings" => "earnings",
        "higher" => "higher",
        "lower" | "lowered" | "lowers" | "lowering" => "lower",
        _ => return None,
    })
}

/// Metrics that are good when they go up (+1) or bad when they go up (−1).
const GOOD_METRICS: &[&str] = &[
    "profit",
    "profits",
    "revenue",
    "revenues",
    "sales",
    "earnings",
    "income",
    "margin",
    "margins",
    "ebitda",
    "eps",
    "dividend",
    "dividends",
    "guidance",
    "outlook",
    "forecast",
    "forecasts",
    "demand",
    "orders",
    "bookings",
    "volume",
    "volumes",
    "output",
    "production",
    "exports",
    "growth",
    "net",
    "rating",
    "ratings",
    "target",
    "targets",
    "share",
    "shares",
    "stock",
    "stocks",
    "valuation",
    "payout",
    "buyback",
    "subscribers",
    "users",
    "deliveries",
    "shipments",
    "traffic",
    "jobs",
    "cash",
    "reserves",
    "deposits",
    "turnover",
    "price",
    "prices",
    "estimate",
    "estimates",
    "stake",
    "capacity",
    "investment",
    "market",
    "index",
    "gdp",
    "economy",
    "confidence",
    "spending",
    "payrolls",
    "hiring",
    "rupee",
    "dollar",
    "premium",
    "premiums",
    "yield",
    "returns",
    "return",
    "nav",
    "inflows",
    "wealth",
    "value",
];
const BAD_METRICS: &[&str] = &[
    "loss",
    "losses",
    "debt",
    "debts",
    "deficit",
    "costs",
    "cost",
    "expenses",
    "expense",
    "npa",
    "npas",
    "delinquencies",
    "provisions",
    "impairment",
    "writedown",
    "writedowns",
    "inflation",
    "unemployment",
    "jobless",
    "layoffs",
    "churn",
    "liabilities",
    "borrowings",
    "leverage",
    "risk",
    "risks",
    "fears",
    "concerns",
    "worries",
    "pressure",
    "headwinds",
    "defaults",
    "arrears",
    "claims",
    "outflows",
    "shortfall",
    "slippages",
    "volatility",
    "uncertainty",
    "burden",
    "dues",
    "bankruptcies",
];
const UP: &[&str] = &[
    "rise",
    "rose",
    "risen",
    "rising",
    "rises",
    "up",
    "jump",
    "jumps",
    "jumped",
    "climb",
    "climbs",
    "climbed",
    "increase",
    "increased",
    "increases",
    "grew",
    "grow",
    "grows",
    "widen",
    "widened",
    "widens",
    "surge",
    "surged",
    "surges",
    "soar",
    "soared",
    "soars",
    "higher",
    "expand",
    "expanded",
    "expands",
    "gain",
    "gains",
    "gained",
    "double",
    "doubled",
    "doubles",
    "triple",
    "tripled",
    "boost",
    "boosted",
    "boosts",
    "raise",
    "raised",
    "raises",
    "lift",
    "lifted",
    "lifts",
    "hike",
    "hiked",
    "hikes",
    "advance",
    "advanced",
    "improve",
    "improved",
    "improves",
    "accelerate",
    "accelerated",
    "strengthen",
    "strengthened",
    "zoom",
    "zooms",
    "rally",
    "rallied",
    "rallies",
    "spurt",
    "top",
    "tops",
    "topped",
    "exceed",
    "exceeded",
    "exceeds",
    "reinstate",
    "reinstated",
    "restore",
    "restored",
    "resume",
    "resumed",
    "rebound",
    "rebounded",
    "beat",
    "beats",
    "surpass",
    "surpassed",
    "recover",
    "recovered",
    "recovers",
    "swell",
    "swelled",
    "balloon",
    "ballooned",
];
const DOWN: &[&str] = &[
    "fall",
    "fell",
    "falls",
    "fallen",
    "down",
    "decline",
    "declined",
    "declines",
    "drop",
    "dropped",
    "drops",
    "narrow",
    "narrowed",
    "narrows",
    "shrink",
    "shrank",
    "shrinks",
    "slump",
    "slumped",
    "slumps",
    "lower",
    "lowered",
    "lowers",
    "plunge",
    "plunged",
    "plunges",
    "decrease",
    "decreased",
    "decreases",
    "halve",
    "halved",
    "slide",
    "slid",
    "slides",
    "cut",
    "cuts",
    "reduce",
    "reduced",
    "reduces",
    "trim",
    "trimmed",
    "trims",
    "dip",
    "dipped",
    "dips",
    "sink",
    "sank",
    "sinks",
    "tumble",
    "tumbled",
    "tumbles",
    "slip",
    "slipped",
    "slips",
    "shed",
    "sheds",
    "weaken",
    "weakened",
    "weakens",
    "suspend",
    "suspended",
    "suspends",
    "scrap",
    "scrapped",
    "halt",
    "halted",
    "halts",
    "omit",
    "omitted",
    "slash",
    "slashed",
    "slashes",
    "contract",
    "contracted",
    "crash",
    "crashed",
    "erode",
    "eroded",
    "ease",
    "eased",
    "eases",
    "withdraw",
    "withdrew",
    "withdrawn",
    "plummet",
    "plummeted",
    "miss",
    "missed",
    "misses",
    "wipe",
    "wiped",
    "shave",
    "shaved",
    "pare",
    "pared",
    "tank",
    "tanked",
    "collapse",
    "collapsed",
];

/// Analyst rating actions.
const UPGRADES: &[&str] = &["upgrade", "upgrades", "upgraded", "upgrading"];
const DOWNGRADES: &[&str] = &["downgrade", "downgrades", "downgraded", "downgrading"];

/// Hand-written finance lexicon (our own lists). Multi-word entries match consecutive words.
const LEX_POS: &[&str] = &[
    "beat",
    "beats",
    "beating",
    "outperform",
    "outperformed",
    "outperforms",
    "upgrade",
    "upgraded",
    "upgrades",
    "record high",
    "all-time high",
    "surge",
    "surged",
    "soar",
    "soared",
    "rally",
    "rallied",
    "jump",
    "jumped",
    "gain",
    "gains",
    "gained",
    "rise",
    "rose",
    "rises",
    "climb",
    "climbed",
    "boost",
    "boosted",
    "strong",
    "robust",
    "solid",
    "upbeat",
    "bullish",
    "optimistic",
    "buy",
    "overweight",
    "profitable",
    "profitability",
    "win",
    "wins",
    "won",
    "award",
    "awarded",
    "approval",
    "approved",
    "approves",
    "clears",
    "cleared",
    "nod",
    "expansion",
    "expand",
    "expands",
    "growth",
    "rebound",
    "rebounded",
    "recovery",
    "recover",
    "recovered",
    "higher",
    "exceeded",
    "exceeds",
    "exceed",
    "topped",
    "tops",
    "better",
    "improve",
    "improved",
    "improvement",
    "upside",
    "breakthrough",
    "milestone",
    "partnership",
    "buyback",
    "acquire",
    "wins contract",
    "secures",
    "secured",
    "bags",
    "launch",
    "launches",
    "positive",
    "attractive",
    "momentum",
    "outperformance",
    "accretive",
    "raised",
    "raises",
    "hike",
    "hikes",
    "unveils",
    "tailwind",
    "tailwinds",
    "resilient",
    "surpass",
    "surpassed",
    "doubled",
    "strength",
    "favourable",
    "favorable",
    "upgrade to buy",
    "turned a profit",
    "swung to a profit",
    "returned to profit",
    "return to profit",
    "back in the black",
    "outpaced",
    "outpace",
    "strongest",
    "best",
    "ahead of expectations",
    "above expectations",
    "above estimates",
    "better than expected",
    "special dividend",
    "new high",
    "52-week high",
];
const LEX_NEG: &[&str] = &[
    "miss",
    "missed",
    "misses",
    "downgrade",
    "downgraded",
    "downgrades",
    "fall",
    "fell",
    "falls",
    "drop",
    "dropped",
    "drops",
    "decline",
    "declined",
    "declines",
    "slump",
    "slumped",
    "plunge",
    "plunged",
    "tumble",
    "tumbled",
    "slide",
    "slid",
    "sink",
    "sank",
    "weak",
    "weaker",
    "weakness",
    "bearish",
    "pessimistic",
    "sell",
    "underweight",
    "underperform",
    "underperformed",
    "lawsuit",
    "sued",
    "sues",
    "probe",
    "investigation",
    "penalty",
    "penalties",
    "fined",
    "fraud",
    "bankruptcy",
    "bankrupt",
    "default",
    "defaults",
    "recall",
    "recalls",
    "layoffs",
    "job cuts",
    "lays off",
    "fell short",
    "falls short",
    "short of",
    "warning",
    "warns",
    "warned",
    "profit warning",
    "concern",
    "concerns",
    "fears",
    "fear",
    "worries",
    "worry",
    "crisis",
    "slowdown",
    "recession",
    "headwinds",
    "headwind",
    "pressure",
    "lower",
    "losses",
    "loss",
    "disappoint",
    "disappointed",
    "disappoints",
    "disappointing",
    "disappointment",
    "delay",
    "delayed",
    "delays",
    "halt",
    "halted",
    "suspend",
    "suspended",
    "suspends",
    "scrap",
    "scrapped",
    "cancel",
    "cancelled",
    "canceled",
    "breach",
    "outage",
    "downturn",
    "volatile",
    "volatility",
    "selloff",
    "sell-off",
    "plummet",
    "plummeted",
    "crash",
    "crashed",
    "slowing",
    "slower",
    "worse",
    "worst",
    "risk",
    "risks",
    "threat",
    "threatens",
    "uncertainty",
    "blow",
    "hit",
    "hurt",
    "hurts",
    "dent",
    "dented",
    "drag",
    "drags",
    "dragged",
    "tariff",
    "tariffs",
    "sanction",
    "sanctions",
    "ban",
    "banned",
    "strike",
    "resign",
    "resigns",
    "resigned",
    "exit",
    "exits",
    "writedown",
    "write-down",
    "impairment",
    "negative",
    "cut",
    "cuts",
    "slash",
    "slashed",
    "low",
    "lows",
    "record low",
    "52-week low",
    "antitrust",
    "violation",
    "violations",
    "allegations",
    "accused",
    "charges",
    "charged",
    "subpoena",
    "shortfall",
    "deficit",
    "glut",
    "overhang",
    "swung to a loss",
    "turned to a loss",
    "in the red",
    "going concern",
    "delisted",
    "delisting",
    "chapter 11",
    "insolvency",
    "liquidation",
    "liquidate",
    "restatement",
    "class action",
    "guilty",
    "below expectations",
    "below estimates",
    "worse than expected",
    "weakest",
    "closures",
    "shortages",
    "shortage",
    "unwind",
    "blocked",
    "blocks",
    "rejected",
    "rejects",
];

/// Function words: no unigram feature (they still take part in bigrams such as "to buy").
const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "of", "to", "in", "for", "on", "its", "it", "is", "was", "has",
    "have", "had", "be", "by", "with", "at", "from", "that", "this", "which", "who", "or", "their",
    "his", "her", "are", "were", "been", "into", "than", "also", "so", "s",
];

/// Domain phrases with no polarity of their own (their words emit no feature).
const LEX_ZERO: &[&str] = &[
    "sell short",
    "selling short",
    "sold short",
    "short selling",
    "short interest",
    "short position",
    "short positions",
    "short term",
    "short-term",
    "tax rate",
    "tax liability",
    "deferred tax",
    "crude oil",
    "share count",
    "per share",
    "record date",
    "holders of record",
    "shareholders of record",
];

/// Words that are not negative by themselves in finance (no unigram feature is emitted).
const DOMAIN_NEUTRAL: &[&str] = &[
    "liability",
    "liabilities",
    "tax",
    "taxes",
    "taxation",
    "crude",
    "share",
    "shares",
    "short",
    "shorts",
    "fine",
    "charge",
    "cancer",
    "debt",
    "vice",
    "mine",
    "mining",
    "oil",
    "gas",
    "interest",
    "capital",
    "bear",
    "bull",
    "stock",
    "stocks",
    "company",
    "firm",
    "bank",
];

const NEGATORS: &[&str] = &[
    "not", "no", "never", "without", "fail", "fails", "failed", "unable", "neither", "nor", "lack",
    "lacks", "lacked", "cannot",
];
const HEDGES: &[&str] = &[
    "could",
    "may",
    "might",
    "possibly",
    "potentially",
    "potential",
    "likely",
    "would",
    "reportedly",
    "rumoured",
    "rumored",
    "considering",
    "weighs",
    "mulls",
    "plans",
    "seeks",
    "expects",
    "expected",
    "if",
    "unless",
    "whether",
    "speculation",
];
const INTENSIFIERS: &[&str] = &[
    "sharply",
    "sharp",
    "steep",
    "steeply",
    "significantly",
    "strongly",
    "heavily",
    "massive",
    "huge",
    "very",
    "deeply",
    "substantially",
    "sharpest",
    "biggest",
    "extremely",
    "highly",
    "dramatically",
    "record",
    "soaring",
    "plunging",
    "hugely",
    "severely",
    "severe",
];
const DIMINISHERS: &[&str] = &[
    "slightly",
    "marginally",
    "modestly",
    "tad",
    "bit",
    "somewhat",
    "mildly",
    "little",
    "flat",
    "flattish",
    "muted",
];
/// Words that start a clause (and end the previous one).
const CLAUSE_WORDS: &[&str] = &[
    "as",
    "while",
    "whereas",
    "but",
    "although",
    "though",
    "despite",
    "however",
    "yet",
    "even",
    "nevertheless",
    "nonetheless",
    "notwithstanding",
    "amid",
    "amidst",
];
/// Clause openers that make the clause a concession (damped, still in scope).
const CONCESSIVE: &[&str] = &["although", "though", "despite", "notwithstanding", "even"];
/// Clause openers after which the previous clause is damped ("…, but the stock fell").
const ADVERSATIVE: &[&str] = &["but", "however", "yet", "nevertheless", "nonetheless"];
/// Function words skipped when looking for a clause's subject.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "shares", "stock", "of", "in",
];
/// Words that mark a procedural statement (meetings, calls, filings, payment dates).
const PROCEDURAL: &[&str] = &[
    "meeting",
    "agm",
    "egm",
    "conference",
    "webcast",
    "presentation",
    "scheduled",
    "payable",
    "keynote",
    "replay",
    "unveil",
    "headquartered",
    "employees",
];
/// Damping of every feature when the target is a bystander: the agent acting on another named
/// party ("HSBC upgrades Tata Power") or the source quoted ("…: Morgan Stanley").
pub const BYSTANDER_SCALE: f32 = 0.3;
/// Damping of every feature of a procedural statement.
pub const PROCEDURAL_SCALE: f32 = 0.25;

/// Damping of a hedged clause.
pub const HEDGE_SCALE: f32 = 0.5;
/// Damping of a concessive or contrasted clause.
pub const CONTRAST_SCALE: f32 = 0.5;
/// Amplification by an intensifier.
pub const INTENSIFIER_SCALE: f32 = 1.5;
/// Damping by a diminisher.
pub const DIMINISHER_SCALE: f32 = 0.5;
/// Negation scope in tokens after the negator.
pub const NEGATION_SCOPE: usize = 3;
/// Maximum distance between a metric and its direction verb.
pub const METRIC_WINDOW: usize = 4;

struct Sets {
    good: FastMap<String, ()>,
    bad: FastMap<String, ()>,
    up: FastMap<String, ()>,
    down: FastMap<String, ()>,
    neutral: FastMap<String, ()>,
    lex: FastMap<Vec<String>, f32>,
    lex_max: usize,
}

fn stems(words: &[&str]) -> FastMap<String, ()> {
    words.iter().map(|w| (stem(w), ())).collect()
}

fn sets() -> &'static Sets {
    static SETS: OnceLock<Sets> = OnceLock::new();
    SETS.get_or_init(|| {
        let mut lex = FastMap::default();
        let mut lex_max = 1;
        for (list, pol) in [(LEX_POS, 1.0f32), (LEX_NEG, -1.0), (LEX_ZERO, 0.0)] {
            for entry in list {
                let key: Vec<String> = tokenize(entry)
                    .into_iter()
                    .filter(|t| t.word)
                    .map(|t| t.stem)
                    .collect();
                lex_max = lex_max.max(key.len());
                lex.insert(key, pol);
            }
        }
        Sets {
            good: stems(GOOD_METRICS),
            bad: stems(BAD_METRICS),
            up: stems(UP),
            down: stems(DOWN),
            neutral: stems(DOMAIN_NEUTRAL),
            lex,
            lex_max,
        }
    })
}

fn is(list: &[&str], t: &Token) -> bool {
    t.word && list.contains(&t.lower.as_str())
}

fn negator(t: &Token) -> bool {
    is(NEGATORS, t) || (t.word && (t.lower.ends_with("n't") || t.lower.ends_with("n’t")))
}

fn boundary(t: &Token) -> bool {
    if t.word {
        CLAUSE_WORDS.contains(&t.lower.as_str())
    } else {
        matches!(
            t.stem.as_str(),
            "," | ";" | ":" | "(" | ")" | "!" | "?" | "—" | "–" | "|" | "-" | "\""
        )
    }
}

/// Per-token analysis shared by all feature families.
struct Layout {
    clause: Vec<usize>,
    in_scope: Vec<bool>,
    target: Vec<bool>,
    flip: Vec<f32>,
    scale: Vec<f32>,
    subject: bool,
    passive: bool,
}

fn layout(tokens: &[Token], targets: &[Span]) -> Layout {
    let n = tokens.len();
    // Tokens overlapping a target span: one sweep over both sorted lists (linear).
    let mut sorted: Vec<Span> = targets.to_vec();
    crate::order::sort_by_key(&mut sorted, |s| (s.start, s.end));
    let mut target = vec![false; n];
    let mut reach = 0usize;
    let mut spans = sorted.iter().peekable();
    for (i, t) in tokens.iter().enumerate() {
        // `reach` is the furthest end of the spans starting before this token ends.
        while let Some(s) = spans.peek() {
            if s.start < t.end {
                if s.end > s.start {
                    reach = reach.max(s.end);
                }
                spans.next();
            } else {
                break;
            }
        }
        target[i] = reach > t.start;
    }
    // Clauses: split at boundary tokens.
    let mut clause = vec![0usize; n];
    let mut starts: Vec<usize> = vec![0];
    for i in 0..n {
        if boundary(&tokens[i]) && i > 0 && *starts.last().unwrap_or(&0) != i {
            starts.push(i);
        }
        clause[i] = starts.len() - 1;
    }
    let nclauses = starts.len();
    // A clause holding only names (a list item such as "Infosys," ) joins the next one.
    let mut merged: Vec<usize> = (0..nclauses).collect();
    let mut has_lower = vec![false; nclauses];
    for (i, t) in tokens.iter().enumerate() {
        if t.word && !t.capital && !target[i] && t.stem != "<n>" && !is(CLAUSE_WORDS, t) {
            has_lower[clause[i]] = true;
        }
    }
    for c in (0..nclauses.saturating_sub(1)).rev() {
        if !has_lower[c] {
            merged[c] = merged[c + 1];
        }
    }
    for c in clause.iter_mut() {
        *c = merged[*c];
    }
    // Clause properties.
    let mut opener: Vec<Option<&str>> = vec![None; nclauses];
    let mut new_subject = vec![false; nclauses];
    let mut seen = vec![false; nclauses];
    for (i, t) in tokens.iter().enumerate() {
        let c = clause[i];
        if seen[c] {
            continue;
        }
        if !t.word || is(CLAUSE_WORDS, t) {
            if t.word && opener[c].is_none() {
                opener[c] = CLAUSE_WORDS.iter().copied().find(|w| *w == t.lower);
            }
            continue;
        }
        if is(DETERMINERS, t) {
            continue;
        }
        seen[c] = true;
        new_subject[c] = (t.capital || t.stem == "<n>") && !target[i];
    }
    let target_clauses: Vec<bool> = {
        let mut v = vec![false; nclauses];
        for i in 0..n {
            if target[i] {
                v[clause[i]] = true;
            }
        }
        v
    };
    let any_target = target_clauses.iter().any(|&b| b);
    let scoped: Vec<bool> = (0..nclauses)
        .map(|c| !any_target || target_clauses[c] || !new_subject[c])
        .collect();
    // Subject role: the target is the first content word of its clause.
    let subject = {
        let mut role = true;
        if let Some(first_t) = target.iter().position(|&b| b) {
            let c = clause[first_t];
            role = !tokens[..first_t].iter().enumerate().any(|(i, t)| {
                clause[i] == c && t.word && !is(DETERMINERS, t) && !is(CLAUSE_WORDS, t)
            });
        }
        role
    };
    let bystander = agent(tokens, &target, &clause) || attribution(tokens, &target);
    let passive = passive(tokens, &target);
    let subject = subject && !bystander && !passive;
    // Modifiers.
    let mut flip = vec![1.0f32; n];
    let mut scale = vec![1.0f32; n];
    if bystander {
        for x in scale.iter_mut() {
            *x *= BYSTANDER_SCALE;
        }
    }
    if procedural(tokens) {
        for x in scale.iter_mut() {
            *x *= PROCEDURAL_SCALE;
        }
    }
    // Concessive clauses are damped; so is everything before an adversative clause (once,
    // however many follow). Computed per clause, then applied once per token.
    let mut clause_scale = vec![1.0f32; nclauses];
    let mut later = 1.0f32;
    for c in (0..nclauses).rev() {
        clause_scale[c] *= later;
        match opener[c] {
            Some(w) if CONCESSIVE.contains(&w) => clause_scale[c] *= CONTRAST_SCALE,
            Some(w) if ADVERSATIVE.contains(&w) && c > 0 => later = CONTRAST_SCALE,
            _ => {}
        }
    }
    for i in 0..n {
        scale[i] *= clause_scale[clause[i]];
    }
    // A hedge damps the rest of its clause, once (clause ids never decrease along the
    // sentence).
    let mut hedge = 1.0f32;
    for i in 0..n {
        if i > 0 && clause[i] != clause[i - 1] {
            hedge = 1.0;
        }
        scale[i] *= hedge;
        if is(HEDGES, &tokens[i]) {
            hedge = HEDGE_SCALE;
        }
    }
    for i in 0..n {
        let t = &tokens[i];
        if negator(t) {
            let mut k = 0;
            let mut j = i + 1;
            while j < n && k < NEGATION_SCOPE && clause[j] == clause[i] {
                if tokens[j].word {
                    flip[j] = -flip[j];
                    k += 1;
                }
                j += 1;
            }
        } else if is(INTENSIFIERS, t) || is(DIMINISHERS, t) {
            let f = if is(INTENSIFIERS, t) {
                INTENSIFIER_SCALE
            } else {
                DIMINISHER_SCALE
            };
            for j in [i.wrapping_sub(1), i + 1] {
                if j < n && clause[j] == clause[i] && tokens[j].word {
                    scale[j] *= f;
                }
            }
        }
    }
    let in_scope = (0..n).map(|i| scoped[clause[i]]).collect();
    Layout {
        clause,
        in_scope,
        target,
        flip,
        scale,
        subject,
        passive,
    }
}

/// Whether the target acts on another named party ("HSBC upgrades Tata Power", "Microsoft buys
/// Activision"): the sentiment is then mostly about the other party.
fn agent(tokens: &[Token], target: &[bool], clause: &[usize]) -> bool {
    let Some(last) = target.iter().rposition(|&b| b) else {
        return false;
    };
    let mut words = (last + 1..tokens.len())
        .take_while(|&k| clause[k] == clause[last])
        .filter(|&k| tokens[k].word && !is(&["the", "a", "an", "its", "stake", "in"], &tokens[k]));
    match (words.next(), words.next()) {
        (Some(v), Some(o)) => {
            !tokens[v].capital
                && !target[v]
                && tokens[o].capital
                && !target[o]
                && !is(DETERMINERS, &tokens[v])
        }
        _ => false,
    }
}

/// Whether the target is only the source of the sentence: named after its last colon
/// ("…: Morgan Stanley") or right after "says"/"according to".
fn attribution(tokens: &[Token], target: &[bool]) -> bool {
    let Some(first) = target.iter().position(|&b| b) else {
        return false;
    };
    let last_colon = tokens.iter().rposition(|t| t.stem == ":");
    if let Some(c) = last_colon {
        if c < first && tokens[..c].iter().filter(|t| t.word).count() >= 3 {
            return true;
        }
    }
    tokens[..first]
        .iter()
        .rev()
        .filter(|t| t.word)
        .take(2)
        .any(|t| is(&["says", "said", "according", "per", "told"], t))
}

/// Whether the target is the subject of a passive verb ("Acme was upgraded"): it is then the
/// party acted on, like an object, and its right-context features do not apply.
fn passive(tokens: &[Token], target: &[bool]) -> bool {
    let Some(last) = target.iter().rposition(|&b| b) else {
        return false;
    };
    let mut words = tokens[last + 1..].iter().filter(|t| t.word);
    match (words.next(), words.next()) {
        (Some(aux), Some(verb)) => {
            is(
                &[
                    "was", "were", "is", "are", "been", "be", "gets", "got", "get",
                ],
                aux,
            ) && (verb.lower.ends_with("ed")
                || is(
                    &[
                        "cut", "hit", "sold", "won", "given", "taken", "seen", "held",
                    ],
                    verb,
                ))
        }
        _ => false,
    }
}

/// Whether the sentence is a procedural statement (a meeting, call, webcast or payment date)
/// with no finance-polar word: all its features are then damped.
fn procedural(tokens: &[Token]) -> bool {
    let s = sets();
    tokens.iter().any(|t| is(PROCEDURAL, t))
        && !tokens.iter().any(|t| {
            t.word
                && (s.lex.contains_key(std::slice::from_ref(&t.stem))
                    || s.up.contains_key(&t.stem)
                    || s.down.contains_key(&t.stem))
        })
}

/// Extracts the features of `sentence` toward the target mentioned at `targets` (spans local
/// to the sentence; empty = the whole sentence is in scope).
pub fn extract(sentence: &str, targets: &[Span]) -> (Vec<Token>, Vec<Feature>) {
    let tokens = tokenize(sentence);
    let feats = extract_tokens(&tokens, targets);
    (tokens, feats)
}

fn push(out: &mut Vec<Feature>, key: Key, value: f32, first: usize, last: usize) {
    if value != 0.0 {
        out.push(Feature {
            key,
            value,
            first,
            last,
            split: None,
        });
    }
}

/// Extracts features from already tokenised text.
pub fn extract_tokens(tokens: &[Token], targets: &[Span]) -> Vec<Feature> {
    let s = sets();
    let n = tokens.len();
    let lay = layout(tokens, targets);
    let mut out = Vec::with_capacity(n * 4);
    let content = |i: usize| tokens[i].word && !lay.target[i] && tokens[i].stem != "<n>";
    let m = |i: usize| lay.flip[i] * lay.scale[i];

    // Finance rule: direction × metric, nearest metric in the same clause.
    let mut consumed = vec![false; n];
    let mut negated_by: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        if negator(&tokens[i]) {
            let mut k = 0;
            let mut j = i + 1;
            while j < n && k < NEGATION_SCOPE && lay.clause[j] == lay.clause[i] {
                if tokens[j].word {
                    negated_by[j] = Some(i);
                    k += 1;
                }
                j += 1;
            }
        }
    }
    for i in 0..n {
        if !content(i) {
            continue;
        }
        // "record" works as an upward direction only right before its metric ("record
        // revenue", "record loss"), never as "recorded" or "of record".
        let record = tokens[i].lower == "record";
        let dir = if s.up.contains_key(&tokens[i].stem) || record {
            1.0
        } else if s.down.contains_key(&tokens[i].stem) {
            -1.0
        } else {
            continue;
        };
        let window = if record { 3 } else { METRIC_WINDOW };
        let mut best: Option<(usize, f32)> = None;
        for d in 1..=window {
            for j in [i.wrapping_sub(d), i + d] {
                if best.is_some()
                    || j >= n
                    || (record && j < i)
                    || lay.clause[j] != lay.clause[i]
                    || !content(j)
                {
                    continue;
                }
                if consumed[j] {
                    continue;
                }
                let st = &tokens[j].stem;
                if s.good.contains_key(st) {
                    best = Some((j, 1.0));
                } else if s.bad.contains_key(st) {
                    best = Some((j, -1.0));
                }
            }
        }
        if let Some((j, pol)) = best {
            consumed[i] = true;
            consumed[j] = true;
            let (a, b) = (i.min(j), i.max(j));
            let a = negated_by[i].map_or(a, |g| g.min(a));
            let key = if lay.in_scope[i] { "R:md" } else { "R:md_o" };
            push(&mut out, Key::Fixed(key), pol * dir * m(i), a, b);
        }
    }

    // Finance rule: an analyst rating action (sign of the action, toward the rated party).
    for i in 0..n {
        if !content(i) || consumed[i] {
            continue;
        }
        let pol = if is(UPGRADES, &tokens[i]) {
            1.0
        } else if is(DOWNGRADES, &tokens[i]) {
            -1.0
        } else {
            continue;
        };
        consumed[i] = true;
        let first = negated_by[i].map_or(i, |g| g.min(i));
        let key = if lay.in_scope[i] {
            "R:rating"
        } else {
            "R:rating_o"
        };
        push(&mut out, Key::Fixed(key), pol * m(i), first, i);
    }

    // Lexicon (longest match first).
    // Word tokens and their stems, so that phrase keys are slices (no allocation per lookup).
    let word_idx: Vec<usize> = (0..n).filter(|&k| tokens[k].word).collect();
    let word_stems: Vec<String> = word_idx.iter().map(|&k| tokens[k].stem.clone()).collect();
    let mut p = 0; // first entry of `word_idx` at or after `i`
    let mut i = 0;
    while i < n {
        while p < word_idx.len() && word_idx[p] < i {
            p += 1;
        }
        let mut matched = 0;
        for len in (1..=s.lex_max).rev() {
            if i + len > n || (i..i + len).any(|k| !content(k) && tokens[k].word) {
                continue;
            }
            let end = (p + len).min(word_idx.len());
            let words: &[usize] = &word_idx[p..end];
            if words.len() < len
                || words.iter().any(|&k| k >= i + 3 * len)
                || words.iter().any(|&k| !content(k))
            {
                continue;
            }
            if let Some(&pol) = s.lex.get(&word_stems[p..end]) {
                let last = *words.last().unwrap_or(&i);
                if words.iter().any(|&k| consumed[k] && len == 1) {
                    break;
                }
                if pol == 0.0 {
                    // A domain phrase with no polarity: its words emit nothing.
                    for &k in words {
                        consumed[k] = true;
                    }
                } else {
                    let fam = if lay.in_scope[i] { "L:c" } else { "L:o" };
                    let first = negated_by[i].map_or(i, |g| g.min(i));
                    push(&mut out, Key::Fixed(fam), pol * m(i), first, last);
                }
                matched = last + 1 - i;
                break;
            }
        }
        i += matched.max(1);
    }

    // Direction verbs not tied to a metric: the target itself rose or fell ("Gold rises").
    for i in 0..n {
        if !content(i) || consumed[i] {
            continue;
        }
        let dir = if s.up.contains_key(&tokens[i].stem) {
            1.0
        } else if s.down.contains_key(&tokens[i].stem) {
            -1.0
        } else {
            continue;
        };
        let key = if lay.in_scope[i] { "R:dir" } else { "R:dir_o" };
        let first = negated_by[i].map_or(i, |g| g.min(i));
        push(&mut out, Key::Fixed(key), dir * m(i), first, i);
    }

    // Unigrams (scoped), right/left context of the target, role copies.
    let first_target = lay.target.iter().position(|&b| b);
    let last_target = lay.target.iter().rposition(|&b| b);
    let mut right_left = 2usize;
    for i in 0..n {
        if !content(i) || consumed[i] {
            continue;
        }
        let t = &tokens[i];
        if s.neutral.contains_key(&t.stem) || is(FUNCTION_WORDS, t) {
            continue;
        }
        let first = negated_by[i].map_or(i, |g| g.min(i));
        if lay.in_scope[i] {
            push(&mut out, Key::Stem("c:", i), m(i), first, i);
            if !lay.subject {
                push(&mut out, Key::Stem("x:", i), m(i), first, i);
            }
            if let Some(lt) = last_target {
                if i > lt && right_left > 0 && !lay.passive && lay.clause[i] == lay.clause[lt] {
                    right_left -= 1;
                    push(&mut out, Key::Stem("r:", i), m(i), first, i);
                }
            }
        }
    }
    if let Some(ft) = first_target {
        if let Some(p) = (0..ft).rev().find(|&k| tokens[k].word && !lay.target[k]) {
            if p + 3 >= ft {
                push(&mut out, Key::Stem("l:", p), 1.0, p, p);
            }
        }
    }

    // Bigrams in scope.
    let words: Vec<usize> = (0..n).filter(|&k| tokens[k].word).collect();
    for w in words.windows(2) {
        let (a, b) = (w[0], w[1]);
        if lay.target[a] || lay.target[b] || lay.clause[a] != lay.clause[b] {
            continue;
        }
        if !lay.in_scope[a] || b != a + 1 || consumed[a] || consumed[b] {
            continue;
        }
        let v = lay.scale[b];
        if v != 0.0 {
            out.push(Feature {
                key: Key::Bigram(a, b),
                value: v,
                first: a,
                last: a,
                split: Some(b),
            });
        }
    }

    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stemmer_conflates_inflections() {
        assert_eq!(stem("rose"), stem("rising"));
        assert_eq!(stem("jumped"), stem("jumps"));
        assert_eq!(stem("narrowed"), stem("narrows"));
        assert_eq!(stem("slipped"), stem("slips"));
        assert_eq!(stem("news"), "news");
        assert_eq!(stem("microsoft's"), "microsoft");
    }

    #[test]
    fn tokenizer_keeps_numbers_and_abbreviations_whole() {
        let toks = tokenize("U.S. sales rose 2,500 units, didn't they?");
        let words: Vec<&str> = toks
            .iter()
            .filter(|t| t.word)
            .map(|t| t.lower.as_str())
            .collect();
        assert_eq!(
            words,
            ["u.s", "sales", "rose", "2,500", "units", "didn't", "they"]
        );
    }
}
