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
//! - `T:subject` / `T:object` / `T:passive` / `T:agent` / `T:source` the target's role (one
//!   per sentence with a target, value 1, anchored to the target's first mention);
//!
//! A procedural statement (meeting, webcast, payment date) with no polar word has all its
//! features damped, so it stays Neutral.

use crate::analysis::Span;
use std::sync::OnceLock;

/// A hash map with the fast, non-cryptographic `rustc-hash` hasher, for the short string and
/// integer keys of the model and the word lists (none of them comes from a stranger in a way
/// that could be aimed at collisions to any effect beyond a slower lookup).
pub type FastMap<K, V> = std::collections::HashMap<K, V, rustc_hash::FxBuildHasher>;

/// Id of a stem that is in no word list, lexicon phrase or model key.
pub const NONE: u32 = u32::MAX;

/// Bit flags of a token's lower-case surface form (set once, at tokenisation).
mod lf {
    pub const NEGATOR: u32 = 1;
    pub const HEDGE: u32 = 1 << 1;
    pub const INTENSIFIER: u32 = 1 << 2;
    pub const DIMINISHER: u32 = 1 << 3;
    pub const CLAUSE: u32 = 1 << 4;
    pub const CONCESSIVE: u32 = 1 << 5;
    pub const ADVERSATIVE: u32 = 1 << 6;
    pub const DETERMINER: u32 = 1 << 7;
    pub const PROCEDURAL: u32 = 1 << 8;
    pub const FUNCTION: u32 = 1 << 9;
    pub const UPGRADE: u32 = 1 << 10;
    pub const DOWNGRADE: u32 = 1 << 11;
    pub const AGENT_SKIP: u32 = 1 << 12;
    pub const SAYS: u32 = 1 << 13;
    pub const AUX: u32 = 1 << 14;
    pub const PASSIVE_VERB: u32 = 1 << 15;
    pub const RECORD: u32 = 1 << 16;
    pub const ENDS_ED: u32 = 1 << 17;
    pub const NUMBER: u32 = 1 << 18;
    pub const BOUNDARY: u32 = 1 << 19;
    pub const COLON: u32 = 1 << 20;
}

/// Bit flags of a token's stem (set once, at tokenisation).
mod sf {
    pub const GOOD: u32 = 1;
    pub const BAD: u32 = 1 << 1;
    pub const UP: u32 = 1 << 2;
    pub const DOWN: u32 = 1 << 3;
    pub const NEUTRAL: u32 = 1 << 4;
    pub const LEX_ONE: u32 = 1 << 5;
    pub const LEX_START: u32 = 1 << 6;
    /// Bit `LEX_LEN << (k - 1)` is set when a lexicon phrase of `k` words starts with the
    /// stem (k ≤ 8), so that the phrase lengths no phrase has are never looked up.
    pub const LEX_LEN: u32 = 1 << 8;
}

/// A word or punctuation token of a sentence, with its word-list flags resolved.
// (32 bytes natively: a power-of-two size is cheaper to index in the scorer's sweeps; the
// wasm build skips the alignment, for bundle size.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), repr(align(32)))]
pub struct Token {
    /// First byte, local to the sentence (32 bits, as in [`Tokens::stems`]: a smaller token is
    /// faster to sweep).
    pub start: u32,
    /// One past the last byte, local to the sentence.
    pub end: u32,
    /// Whether the surface form starts with an upper-case letter.
    pub capital: bool,
    /// Whether this is a word (not punctuation).
    pub word: bool,
    /// Whether this is a word of ASCII letters and digits only (one linker token).
    pub(crate) plain: bool,
    /// Flags of the lower-case surface form (`lf`).
    lf: u32,
    /// Flags of the stem (`sf`).
    sf: u32,
    /// The stem's id in the [`Vocab`] (its weights in a model), or [`NONE`].
    pub id: u32,
    /// A plain word's alias token id for the linker ([`crate::aliases::Aliases::token_id`] of
    /// its lower-case form; native builds only), else [`NONE`].
    pub(crate) alias: u32,
}

impl Token {
    fn has(&self, flag: u32) -> bool {
        self.lf & flag != 0
    }
    fn stem_has(&self, flag: u32) -> bool {
        self.sf & flag != 0
    }
}

/// A tokenised sentence: its tokens and one buffer holding all their stems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tokens {
    /// The tokens, in order.
    pub list: Vec<Token>,
    /// Stems of all tokens, concatenated (empty when made by [`tokenize_ids`]).
    stems: String,
    /// Each token's stem as a byte range in `stems` (empty when made by [`tokenize_ids`]; kept
    /// out of [`Token`], which scoring sweeps).
    stem_ranges: Vec<(u32, u32)>,
    /// The `lf` flags of all words, or-ed (a rule whose flag no word has is skipped).
    lf_any: u32,
    /// The `sf` flags of all words, or-ed.
    sf_any: u32,
}

impl Tokens {
    /// The stem of token `i` (`<n>` for numbers; the character itself for punctuation; empty
    /// for tokens made by [`tokenize_ids`]).
    pub fn stem(&self, i: usize) -> &str {
        let (a, b) = self.stem_ranges.get(i).copied().unwrap_or_default();
        self.stems.get(a as usize..b as usize).unwrap_or_default()
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether there is no token.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// Model key families keyed by one token's stem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// `c:` stem in the target's scope.
    Scope = 0,
    /// `x:` in-scope stem when the target is not the subject.
    Object = 1,
    /// `r:` word right after the target.
    Right = 2,
    /// `l:` word right before the target.
    Left = 3,
}

impl Family {
    /// The key prefix of the family.
    pub fn prefix(self) -> &'static str {
        ["c:", "x:", "r:", "l:"][self as usize]
    }

    /// The family of a key prefix.
    pub fn from_prefix(prefix: &str) -> Option<Family> {
        Some(match prefix {
            "c:" => Family::Scope,
            "x:" => Family::Object,
            "r:" => Family::Right,
            "l:" => Family::Left,
            _ => return None,
        })
    }
}

/// The fixed feature keys (rules, lexicon, target roles), so that scoring looks their weights
/// up by index rather than by hashing their text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixed {
    /// `R:md`: direction × metric, in scope.
    Md,
    /// `R:md_o`: direction × metric, out of scope.
    MdO,
    /// `R:rating`: an analyst rating action, in scope.
    Rating,
    /// `R:rating_o`: an analyst rating action, out of scope.
    RatingO,
    /// `L:c`: a lexicon phrase in scope.
    LexC,
    /// `L:o`: a lexicon phrase out of scope.
    LexO,
    /// `R:dir`: a direction verb not tied to a metric, in scope.
    Dir,
    /// `R:dir_o`: a direction verb not tied to a metric, out of scope.
    DirO,
    /// `T:source`: the target is the quoted source.
    Source,
    /// `T:agent`: the target acts on another named party.
    Agent,
    /// `T:passive`: the target is the subject of a passive verb.
    Passive,
    /// `T:subject`: the target is the subject.
    Subject,
    /// `T:object`: the target is an object or a bystander.
    Object,
}

impl Fixed {
    /// Every fixed key, in index order.
    pub const ALL: [Fixed; 13] = [
        Fixed::Md,
        Fixed::MdO,
        Fixed::Rating,
        Fixed::RatingO,
        Fixed::LexC,
        Fixed::LexO,
        Fixed::Dir,
        Fixed::DirO,
        Fixed::Source,
        Fixed::Agent,
        Fixed::Passive,
        Fixed::Subject,
        Fixed::Object,
    ];

    /// The key text, as written in the model.
    pub fn text(self) -> &'static str {
        [
            "R:md",
            "R:md_o",
            "R:rating",
            "R:rating_o",
            "L:c",
            "L:o",
            "R:dir",
            "R:dir_o",
            "T:source",
            "T:agent",
            "T:passive",
            "T:subject",
            "T:object",
        ][self as usize]
    }
}

/// A feature's model key, kept as token references so scoring builds no strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A fixed key such as `R:md`.
    Fixed(Fixed),
    /// A family and the stem of one token, e.g. `c:` + `rise`.
    Stem(Family, usize),
    /// The bigram `b:<stem a> <stem b>` of two tokens.
    Bigram(usize, usize),
}

impl Key {
    /// The key text (for training and reports).
    pub fn text(&self, tokens: &Tokens) -> String {
        match *self {
            Key::Fixed(k) => k.text().to_owned(),
            Key::Stem(fam, i) => format!("{}{}", fam.prefix(), tokens.stem(i)),
            Key::Bigram(a, b) => format!("b:{} {}", tokens.stem(a), tokens.stem(b)),
        }
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

/// What the vocabulary knows about one string: as a lower-case word and as a stem.
#[derive(Debug, Clone, Copy)]
struct Entry {
    lf: u32,
    sf: u32,
    id: u32,
}

/// Word-list flags of lower-case words and stems, the lexicon phrases, and stem ids.
///
/// Built once from the word lists below plus (for a model) the stems of its keys, so that a
/// token needs at most two hash lookups, and features are matched by flags and ids.
#[derive(Debug, Clone, Default)]
pub struct Vocab {
    map: FastMap<Box<str>, Entry>,
    /// Number of stem ids handed out.
    ids: u32,
    /// Lexicon phrases by their stem ids packed into one key ([`lex_key`]), with their
    /// polarity.
    lex: FastMap<u128, f32>,
    lex_max: usize,
    /// Changes (to a number no other vocabulary has had) whenever a word is added or changed,
    /// so that the word cache of [`tokenize`] is only reused with the contents it was made of.
    serial: u64,
}

impl Vocab {
    fn entry(&mut self, s: &str) -> &mut Entry {
        static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        self.serial = SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.map.entry(s.into()).or_insert(Entry {
            lf: 0,
            sf: 0,
            id: NONE,
        })
    }

    /// The id of stem `s`, handing out a new one if it has none.
    pub fn intern(&mut self, s: &str) -> u32 {
        let next = self.ids;
        let e = self.entry(s);
        if e.id == NONE {
            e.id = next;
        }
        let id = e.id;
        if id == next {
            self.ids += 1;
        }
        id
    }

    /// The id of stem `s`, if it has one.
    pub fn id(&self, s: &str) -> Option<u32> {
        self.map.get(s).map(|e| e.id).filter(|&id| id != NONE)
    }

    /// Number of stem ids handed out (ids are `0..len`).
    pub fn len(&self) -> u32 {
        self.ids
    }

    /// Whether no stem id has been handed out.
    pub fn is_empty(&self) -> bool {
        self.ids == 0
    }

    /// The vocabulary of the word lists and lexicon alone.
    pub fn lists() -> Vocab {
        let mut v = Vocab::default();
        let lower: &[(&[&str], u32)] = &[
            (NEGATORS, lf::NEGATOR),
            (HEDGES, lf::HEDGE),
            (INTENSIFIERS, lf::INTENSIFIER),
            (DIMINISHERS, lf::DIMINISHER),
            (CLAUSE_WORDS, lf::CLAUSE),
            (CONCESSIVE, lf::CONCESSIVE),
            (ADVERSATIVE, lf::ADVERSATIVE),
            (DETERMINERS, lf::DETERMINER),
            (PROCEDURAL, lf::PROCEDURAL),
            (FUNCTION_WORDS, lf::FUNCTION),
            (UPGRADES, lf::UPGRADE),
            (DOWNGRADES, lf::DOWNGRADE),
            (AGENT_SKIP, lf::AGENT_SKIP),
            (SAYS, lf::SAYS),
            (AUX, lf::AUX),
            (PASSIVE_VERBS, lf::PASSIVE_VERB),
            (&["record"], lf::RECORD),
        ];
        for (list, flag) in lower {
            for w in *list {
                v.entry(w).lf |= flag;
            }
        }
        let stems: &[(&[&str], u32)] = &[
            (GOOD_METRICS, sf::GOOD),
            (BAD_METRICS, sf::BAD),
            (UP, sf::UP),
            (DOWN, sf::DOWN),
            (DOMAIN_NEUTRAL, sf::NEUTRAL),
        ];
        let mut buf = String::new();
        for (list, flag) in stems {
            for w in *list {
                buf.clear();
                stem_into(w, &mut buf);
                v.entry(&buf).sf |= flag;
            }
        }
        for (list, pol) in [(LEX_POS, 1.0f32), (LEX_NEG, -1.0), (LEX_ZERO, 0.0)] {
            for phrase in list {
                let toks = tokenize_with(phrase, None, true);
                let words: Vec<usize> = (0..toks.len()).filter(|&i| toks.list[i].word).collect();
                let mut key = Vec::with_capacity(words.len());
                for (k, &i) in words.iter().enumerate() {
                    let stem = toks.stem(i).to_owned();
                    let id = v.intern(&stem);
                    let e = v.entry(&stem);
                    if k == 0 {
                        e.sf |= sf::LEX_START | sf::LEX_LEN << (words.len() - 1).min(7);
                    }
                    if words.len() == 1 {
                        e.sf |= sf::LEX_ONE;
                    }
                    key.push(id);
                }
                v.lex_max = v.lex_max.max(key.len());
                if let Some(key) = lex_key(&key) {
                    v.lex.insert(key, pol);
                }
            }
        }
        v
    }

    /// The shared vocabulary of the word lists (for training, which needs no model ids).
    pub fn shared() -> &'static Vocab {
        static VOCAB: OnceLock<Vocab> = OnceLock::new();
        VOCAB.get_or_init(Vocab::lists)
    }
}

/// Splits a sentence into tokens, resolving each word's flags and stem id in `vocab`.
pub fn tokenize(text: &str, vocab: &Vocab) -> Tokens {
    tokenize_with(text, Some(vocab), true)
}

/// [`tokenize`] without the stem texts: every token's flags and stem id, which is all that
/// scoring reads ([`Tokens::stem`] is empty for these tokens; [`Key::text`] needs [`tokenize`]).
pub fn tokenize_ids(text: &str, vocab: &Vocab) -> Tokens {
    tokenize_with(text, Some(vocab), false)
}

fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|s| s.chars().next()),
        None => None,
    }
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

/// [`BYTE_CLASS`] bit of an ASCII upper-case letter.
const UPPER: u8 = 1;
/// [`BYTE_CLASS`] bit of a byte of a non-ASCII character.
const NON_ASCII: u8 = 2;
/// [`BYTE_CLASS`] bit of an ASCII digit.
const DIGIT: u8 = 4;
/// [`BYTE_CLASS`] bit of an ASCII letter or digit.
const ALNUM: u8 = 8;
/// What the word scan and the lower-casing of a word need to know about each byte.
const BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if b >= 128 {
            NON_ASCII
        } else if (b as u8).is_ascii_uppercase() {
            UPPER | ALNUM
        } else if (b as u8).is_ascii_digit() {
            DIGIT | ALNUM
        } else if (b as u8).is_ascii_lowercase() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Splits `text` into tokens; `keep` keeps the stem texts (else only a word's scratch stem
/// while it is resolved).
fn tokenize_with(text: &str, vocab: Option<&Vocab>, keep: bool) -> Tokens {
    // The thread's word cache, if it was made with this vocabulary (else a fresh one). Native
    // builds only: in the wasm bundle its code would cost more than the time it saves there.
    let mut cache = vocab.filter(|_| WORD_CACHE_ON).map(|v| {
        let key = v.serial;
        WORD_CACHE
            .with(|c| c.take())
            .filter(|c| c.vocab == key)
            .unwrap_or_else(|| {
                Box::new(WordCache {
                    vocab: key,
                    index: FastMap::default(),
                    short: ShortIndex::default(),
                    words: Vec::new(),
                    lower: String::new(),
                    stem: String::new(),
                    lists: Vec::new(),
                })
            })
    });
    // (A token per four bytes, plus two, is enough for almost every sentence.)
    let size = text.len() / 4 + 2;
    // A token list handed back by [`recycle`], if there is one.
    let list = match cache.as_mut().and_then(|c| c.lists.pop()) {
        Some(mut list) => {
            list.reserve(size);
            list
        }
        None => Vec::with_capacity(size),
    };
    let mut out = Tokens {
        list,
        stems: String::with_capacity(if keep { text.len() } else { 0 }),
        stem_ranges: Vec::with_capacity(if keep { size } else { 0 }),
        lf_any: 0,
        sf_any: 0,
    };
    let mut lower_buf = cache
        .as_mut()
        .map(|c| std::mem::take(&mut c.lower))
        .unwrap_or_default();
    // Where a word's stem is made when the stem texts are not kept.
    let mut stem_buf = cache
        .as_mut()
        .map(|c| std::mem::take(&mut c.stem))
        .unwrap_or_default();
    let mut i = 0;
    let bytes = text.as_bytes();
    while let Some(&first) = bytes.get(i) {
        // An ASCII space (most separators) makes no token.
        if first == b' ' {
            i += 1;
            continue;
        }
        let start = i;
        // The first character, and whether it starts a word (ASCII by table).
        let (c, starts_word) = if first < 0x80 {
            (char::from(first), BYTE_CLASS[first as usize] & ALNUM != 0)
        } else {
            let Some(c) = char_at(text, i) else {
                break;
            };
            (c, c.is_alphanumeric())
        };
        if starts_word {
            let mut j = i + c.len_utf8();
            // The leading run of ASCII letters and digits (most words), classed as it is read.
            let mut class;
            (j, class) = ascii_run(bytes, j, BYTE_CLASS[first as usize]);
            let run = j;
            // A space or the end of the text ends the word (the usual case); anything else
            // may continue it.
            while !matches!(bytes.get(j), None | Some(b' ')) {
                // ASCII letters and digits (the common case), byte by byte.
                while bytes.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                    j += 1;
                }
                let Some(cj) = char_at(text, j) else {
                    break;
                };
                let next = j + cj.len_utf8();
                if cj.is_alphanumeric() {
                    j = next;
                    continue;
                }
                let joined = matches!(cj, '\'' | '’' | '&' | '.' | ',')
                    && match (char_before(text, j), char_at(text, next)) {
                        (Some(p), Some(n)) if n.is_alphanumeric() => {
                            (cj != ',' || (p.is_ascii_digit() && n.is_ascii_digit()))
                                && (cj != '.' || n.is_ascii_digit() || p.is_uppercase())
                        }
                        _ => false,
                    };
                if joined {
                    j = next + char_at(text, next).map_or(0, char::len_utf8);
                } else {
                    break;
                }
            }
            let surface = || text.get(start..j).unwrap_or_default();
            // Whether the word has upper-case letters, digits, non-ASCII (an ASCII word with
            // no capital, the usual case, is its own lower-case form): known from the run
            // unless the word went on past it.
            if j != run {
                class = surface()
                    .bytes()
                    .fold(0u8, |m, b| m | BYTE_CLASS[b as usize]);
            }
            let a = out.stems.len();
            // (Lower-casing neither makes nor removes an ASCII digit.)
            let number = class & DIGIT != 0;
            // A short ASCII word is remembered by its bytes as written, packed in one integer
            // (no string hashing or comparison, no lower-casing: "Rose" and "rose" are two
            // entries that resolve alike); numbers, which rarely repeat, are not.
            let short = match &cache {
                Some(_) if class & (NON_ASCII | DIGIT) == 0 => short_key(bytes, start, j),
                _ => None,
            };
            let known = match (&cache, short) {
                (Some(c), Some(k)) => c
                    .short
                    .get(k)
                    .and_then(|s| Some((c, s, c.short.slots.get(s)?))),
                _ => None,
            };
            // (A word made of the leading ASCII run only: letters and digits.)
            let plain = first < 0x80 && j == run;
            let (lf, sf, id, alias) = match known {
                Some((c, s, w)) => {
                    if keep {
                        let word = c.short.words.get(s).and_then(|&k| c.words.get(k as usize));
                        out.stems.push_str(word.map_or("", |w| &w.stem));
                    }
                    (w.lf, w.sf, w.id, w.alias)
                }
                None => {
                    let surface = surface();
                    let lower: &str = if class & (UPPER | NON_ASCII) == 0 {
                        surface
                    } else {
                        lower_buf.clear();
                        if class & NON_ASCII == 0 {
                            lower_buf.push_str(surface);
                            lower_buf.make_ascii_lowercase();
                        } else {
                            lower_buf.push_str(&surface.to_lowercase().replace('’', "'"));
                        }
                        &lower_buf
                    };
                    // A longer word seen before (with this vocabulary, on this thread) is
                    // resolved with one lookup of its lower-case text.
                    let known = match (&cache, number, short) {
                        (Some(c), false, None) => {
                            c.index.get(lower).and_then(|&k| c.words.get(k as usize))
                        }
                        _ => None,
                    };
                    // (Not cached for a longer word: a non-ASCII word may have made its entry.)
                    let alias = if plain && LINK_ALIASES {
                        crate::universe::universe().aliases.token_id(lower)
                    } else {
                        NONE
                    };
                    if let Some(w) = known {
                        if keep {
                            out.stems.push_str(&w.stem);
                        }
                        (w.lf, w.sf, w.id, alias)
                    } else {
                        let (stems, at) = if keep || cache.is_none() {
                            (&mut out.stems, a)
                        } else {
                            stem_buf.clear();
                            (&mut stem_buf, 0)
                        };
                        let (lf, sf, id) = resolve(lower, number, vocab, stems, at);
                        if let (Some(c), false) = (cache.as_mut(), number) {
                            if c.words.len() >= WORD_CACHE_MAX {
                                c.words.clear();
                                c.index.clear();
                                c.short.clear();
                            }
                            let stem = stems.get(at..).unwrap_or_default().into();
                            let k = c.words.len() as u32;
                            c.words.push(Resolved { stem, lf, sf, id });
                            match short {
                                Some(key) => c.short.insert(
                                    ShortSlot {
                                        key,
                                        lf,
                                        sf,
                                        id,
                                        alias,
                                    },
                                    k,
                                ),
                                None => {
                                    c.index.insert(lower.into(), k);
                                }
                            }
                        }
                        // (Without a cache the stem went to the token stems: taken back out.)
                        if !keep {
                            out.stems.truncate(a);
                        }
                        (lf, sf, id, alias)
                    }
                }
            };
            if keep {
                out.stem_ranges.push((a as u32, out.stems.len() as u32));
            }
            out.lf_any |= lf;
            out.sf_any |= sf;
            out.list.push(Token {
                start: start as u32,
                end: j as u32,
                capital: if first < 0x80 {
                    first.is_ascii_uppercase()
                } else {
                    c.is_uppercase()
                },
                word: true,
                plain,
                lf,
                sf,
                id,
                alias,
            });
            // (The space after a word, if any, makes no token: skipped here. Native only, like
            // the word cache, for bundle size.)
            i = j + usize::from(WORD_CACHE_ON && bytes.get(j) == Some(&b' '));
        } else {
            let next = i + c.len_utf8();
            let joins_words = matches!(c, '-' | '/')
                && char_before(text, i).is_some_and(char::is_alphanumeric)
                && char_at(text, next).is_some_and(char::is_alphanumeric);
            if !c.is_whitespace() && !joins_words {
                if keep {
                    let a = out.stems.len() as u32;
                    out.stems.push(c);
                    out.stem_ranges.push((a, out.stems.len() as u32));
                }
                let lf = match c {
                    ':' => lf::BOUNDARY | lf::COLON,
                    ',' | ';' | '(' | ')' | '!' | '?' | '—' | '–' | '|' | '-' | '"' => {
                        lf::BOUNDARY
                    }
                    _ => 0,
                };
                out.list.push(Token {
                    start: start as u32,
                    end: next as u32,
                    capital: false,
                    word: false,
                    plain: false,
                    lf,
                    sf: 0,
                    id: NONE,
                    alias: NONE,
                });
            }
            i = next;
        }
    }
    if let Some(mut c) = cache {
        c.lower = lower_buf;
        c.stem = stem_buf;
        WORD_CACHE.with(|slot| slot.set(Some(c)));
    }
    out
}

/// The end of the run of ASCII letters and digits from `bytes[j]` on, and `class` or-ed with
/// their [`BYTE_CLASS`] bits. (Not inlined: in the tokenizer's loop the two would live on the
/// stack, a load and a store per byte.)
#[inline(never)]
fn ascii_run(bytes: &[u8], mut j: usize, mut class: u8) -> (usize, u8) {
    while let Some(&b) = bytes.get(j) {
        let bc = BYTE_CLASS[b as usize];
        if bc & ALNUM == 0 {
            break;
        }
        class |= bc;
        j += 1;
    }
    (j, class)
}

/// The bytes of the ASCII word `bytes[start..end]` as written, if it has at most 16, packed
/// into one integer (zero padded: a word holds no NUL byte, so different words get different
/// keys).
fn short_key(bytes: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end.checked_sub(start).filter(|&n| n <= 16)?;
    // Sixteen bytes read at once where the text has them, masked to the word.
    let key = match bytes
        .get(start..start + 16)
        .and_then(|b| <[u8; 16]>::try_from(b).ok())
    {
        Some(block) => u128::from_le_bytes(block) & KEY_MASK[len],
        None => {
            let mut block = [0u8; 16];
            block
                .get_mut(..len)?
                .copy_from_slice(bytes.get(start..end)?);
            u128::from_le_bytes(block)
        }
    };
    Some(key)
}

/// `KEY_MASK[n]` keeps the first `n` bytes of a little-endian 16-byte block.
const KEY_MASK: [u128; 17] = {
    let mut t = [u128::MAX; 17];
    let mut n = 0;
    while n < 16 {
        t[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// Slots of [`ShortIndex`] (a power of two well above [`WORD_CACHE_MAX`]).
const SHORT_SLOTS: usize = 1 << 15;

/// Short-word keys ([`short_key`]) → entries of the word cache: an open-addressed table with
/// linear probing (a zero key marks an empty slot), cheaper than a general hash map here. A
/// slot holds what a token takes from its entry, so that a word seen before costs one read of
/// one cache line (the entry itself, for its stem text, only when stems are kept).
#[derive(Debug, Default)]
struct ShortIndex {
    slots: Vec<ShortSlot>,
    /// Each slot's entry in the word cache's `words`.
    words: Vec<u32>,
}

/// A slot of [`ShortIndex`]: a word's key and the flags and ids of its entry (32 bytes).
#[derive(Debug, Clone, Copy, Default)]
struct ShortSlot {
    key: u128,
    lf: u32,
    sf: u32,
    id: u32,
    /// The alias token id of a plain word (see [`Token::alias`]); a short word's slot is
    /// made and found by the same bytes, so it is plain exactly when the word is.
    alias: u32,
}

impl ShortIndex {
    /// The first slot probed for `key`.
    fn slot(key: u128) -> usize {
        let h =
            (key as u64 ^ ((key >> 64) as u64).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - SHORT_SLOTS.trailing_zeros())) as usize
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn find(&self, key: u128) -> usize {
        let mut s = Self::slot(key);
        // (The table never fills: it holds at most `WORD_CACHE_MAX` keys.)
        while let Some(slot) = self.slots.get(s) {
            if slot.key == key || slot.key == 0 {
                break;
            }
            s = (s + 1) & (SHORT_SLOTS - 1);
        }
        s
    }

    /// The slot of `key`, if it is in the table.
    fn get(&self, key: u128) -> Option<usize> {
        let mut s = Self::slot(key);
        loop {
            match self.slots.get(s) {
                Some(slot) if slot.key == key => return Some(s),
                Some(slot) if slot.key != 0 => s = (s + 1) & (SHORT_SLOTS - 1),
                _ => return None,
            }
        }
    }

    /// Sets the entry of `slot.key` (not zero): `slot`, and its index `word` in `words`.
    fn insert(&mut self, slot: ShortSlot, word: u32) {
        if self.slots.is_empty() {
            self.slots = vec![ShortSlot::default(); SHORT_SLOTS];
            self.words = vec![0; SHORT_SLOTS];
        }
        let s = self.find(slot.key);
        if let (Some(k), Some(v)) = (self.slots.get_mut(s), self.words.get_mut(s)) {
            (*k, *v) = (slot, word);
        }
    }

    /// Empties the table.
    fn clear(&mut self) {
        self.slots.fill(ShortSlot::default());
    }
}

/// Appends the stem of the lower-case word `lower` to `stems` (which held `at` bytes before)
/// and returns its `lf` and `sf` flags and stem id in `vocab`.
fn resolve(
    lower: &str,
    number: bool,
    vocab: Option<&Vocab>,
    stems: &mut String,
    at: usize,
) -> (u32, u32, u32) {
    if number {
        stems.push_str("<n>");
    } else {
        stem_into(lower, stems);
    }
    let mut lf = 0;
    if number {
        lf |= lf::NUMBER;
    }
    if lower.ends_with("ed") {
        lf |= lf::ENDS_ED;
    }
    if lower.ends_with("n't") {
        lf |= lf::NEGATOR;
    }
    let (mut sf, mut id) = (0, NONE);
    if let Some(v) = vocab {
        let stem = stems.get(at..).unwrap_or_default();
        let e = v.map.get(lower);
        lf |= e.map_or(0, |e| e.lf);
        let s = if stem == lower { e } else { v.map.get(stem) };
        if let Some(s) = s {
            (sf, id) = (s.sf, s.id);
        }
    }
    (lf, sf, id)
}

/// What tokenising one lower-case word resolved to: its stem, flags and stem id.
#[derive(Debug)]
struct Resolved {
    stem: Box<str>,
    lf: u32,
    sf: u32,
    id: u32,
}

/// Words already resolved with one vocabulary (identified by its serial number).
#[derive(Debug)]
struct WordCache {
    vocab: u64,
    /// Word → its entry in `words` (a map type the engine has anyway, for wasm size).
    index: FastMap<Box<str>, u32>,
    /// The same for ASCII words of at most 16 bytes, keyed by [`short_key`].
    short: ShortIndex,
    words: Vec<Resolved>,
    /// The buffer for a word's lower-case form, kept from one sentence to the next.
    lower: String,
    /// The buffer for a word's stem when the stem texts are not kept.
    stem: String,
    /// Token lists handed back by [`recycle`], for the next sentences.
    lists: Vec<Vec<Token>>,
}

/// Token lists [`recycle`] keeps per thread (a few sentences' worth: enough for headlines and
/// short articles, without holding on to a long article's memory).
const SPARE_LISTS: usize = 8;

/// Largest token list (in tokens) [`recycle`] keeps (a very long sentence's list is let go).
const SPARE_LIST_MAX: usize = 256;

/// Hands a sentence's tokens back once they are no longer needed, so that a later
/// tokenisation on this thread reuses their list instead of allocating one.
pub fn recycle(tokens: Tokens) {
    if !WORD_CACHE_ON {
        return;
    }
    WORD_CACHE.with(|slot| {
        if let Some(mut c) = slot.take() {
            if c.lists.len() < SPARE_LISTS && tokens.list.capacity() <= SPARE_LIST_MAX {
                let mut list = tokens.list;
                list.clear();
                c.lists.push(list);
            }
            slot.set(Some(c));
        }
    });
}

/// Words remembered per thread before the cache starts afresh (bounds its memory).
const WORD_CACHE_MAX: usize = 20_000;

/// Whether [`tokenize`] remembers words (not in the size-bound wasm build).
const WORD_CACHE_ON: bool = !cfg!(target_arch = "wasm32");

/// Whether tokens carry their linker alias ids ([`Token::alias`]), so that the linker reads a
/// sentence's tokens instead of scanning it again (native only, like the word cache).
pub(crate) const LINK_ALIASES: bool = WORD_CACHE_ON;

thread_local! {
    /// The word cache of the last tokenisation on this thread.
    static WORD_CACHE: std::cell::Cell<Option<Box<WordCache>>> = const { std::cell::Cell::new(None) };
}

/// A crude, deterministic suffix stemmer (shared by training and scoring).
pub fn stem(lower: &str) -> String {
    let mut out = String::new();
    stem_into(lower, &mut out);
    out
}

/// Appends the stem of `lower` to `out` (see [`stem`]).
fn stem_into(lower: &str, out: &mut String) {
    let w = lower.strip_suffix("'s").unwrap_or(lower);
    let w = w.strip_suffix('\'').unwrap_or(w);
    if let Some(s) = irregular(w) {
        out.push_str(s);
        return;
    }
    if w.len() < 4 || !w.is_ascii() || KEEP.contains(&w) {
        out.push_str(w);
        return;
    }
    let from = out.len();
    if let Some(b) = w.strip_suffix("ies").filter(|b| b.len() >= 2) {
        out.push_str(b);
        out.push('y');
    } else if let Some(b) = w.strip_suffix("ied").filter(|b| b.len() >= 2) {
        out.push_str(b);
        out.push('y');
    } else if let Some(b) = w.strip_suffix("ing").filter(|b| b.len() >= 3) {
        out.push_str(b);
    } else if let Some(b) = w.strip_suffix("ed").filter(|b| b.len() >= 3) {
        out.push_str(b);
    } else if let Some(b) = w
        .strip_suffix("es")
        .filter(|b| b.len() >= 3 && !b.ends_with('s'))
    {
        out.push_str(b);
        out.push('e');
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        out.push_str(&w[..w.len() - 1]);
    } else {
        out.push_str(w);
    }
    if out.len() - from >= 4 && out.ends_with('e') {
        out.pop();
    }
    let b = &out.as_bytes()[from..];
    if b.len() >= 4 {
        let (x, y) = (b[b.len() - 2], b[b.len() - 1]);
        if x == y && !b"aeioulsfz".contains(&y) {
            out.pop();
        }
    }
}

/// Words skipped between an agent and the party it acts on ("buys *a stake in* X").
const AGENT_SKIP: &[&str] = &["the", "a", "an", "its", "stake", "in"];
/// Words that introduce a quoted source ("…, says Morgan Stanley").
const SAYS: &[&str] = &["says", "said", "according", "per", "told"];
/// Auxiliaries of a passive ("was upgraded").
const AUX: &[&str] = &[
    "was", "were", "is", "are", "been", "be", "gets", "got", "get",
];
/// Past participles of a passive that do not end in -ed.
const PASSIVE_VERBS: &[&str] = &[
    "cut", "hit", "sold", "won", "given", "taken", "seen", "held",
];

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
    "lacks", "lacked", "cannot", "unlikely",
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

fn negator(t: &Token) -> bool {
    t.word && t.has(lf::NEGATOR)
}

fn boundary(t: &Token) -> bool {
    t.has(lf::BOUNDARY | lf::CLAUSE)
}

/// Reusable per-sentence buffers, so that scoring many sentences allocates once.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Per token, its layout and rule state (one packed array rather than a list per fact).
    st: Vec<St>,
    clauses: Vec<ClauseInfo>,
    spans: Vec<Span>,
    /// The candidate bit sets of the unigram and bigram features (see [`Cand`]).
    cand: Cand,
}

/// Bit sets of tokens (bit `i` for token `i`; read only for sentences of at most 64 tokens, in
/// native builds, see [`BITSETS`]) from which the unigram and bigram candidates follow without
/// a per-token test: built along the layout and the rules.
#[derive(Debug, Clone, Copy, Default)]
struct Cand {
    /// Content words whose stem is weighed in a unigram family ([`tb::UNI`]).
    uni: u64,
    /// Words, not of the target, whose stem starts a weighed bigram.
    first: u64,
    /// Words, not of the target, whose stem ends a weighed bigram.
    second: u64,
    /// Tokens that start another clause than the token before them (after merging).
    starts: u64,
    /// Tokens used by a rule ([`tb::CONSUMED`]).
    consumed: u64,
    /// Tokens out of the target's scope ([`tb::OUT`]).
    out: u64,
    /// Content words whose stem is a direction (`sf::UP`, `sf::DOWN`) or that are "record"
    /// (`lf::RECORD`): the candidates of the metric and direction rules.
    rules: u64,
    /// Words whose stem starts a lexicon phrase (`sf::LEX_START`).
    lex: u64,
}

/// The bit of token `i` in a [`Cand`] set (wrapping past 64 tokens, where the sets are not
/// read).
fn bit(i: usize) -> u64 {
    1 << (i % 64)
}

/// Takes the lowest set bit out of `set`: its index, or `None` when `set` is empty (the bits of
/// a set are visited in order this way).
#[inline]
pub(crate) fn pop_lowest(set: &mut u64) -> Option<usize> {
    (*set != 0).then(|| {
        let i = set.trailing_zeros() as usize;
        *set &= *set - 1;
        i
    })
}

/// The layout and rule state of one token.
#[derive(Debug, Clone, Copy, PartialEq)]
struct St {
    /// Its clause (merged, once [`layout`] has merged the clauses holding only names).
    clause: u32,
    /// The negator whose scope holds it, or [`NONE`].
    neg: u32,
    /// Its modifier scale (bystander, procedural, contrast, hedge, intensifier).
    scale: f32,
    /// Bit flags (`tb`).
    bits: u32,
}

/// The state bits of a content word not yet used by a rule (the bits of `FREE` equal to
/// `tb::CONTENT`).
const FREE: u32 = tb::CONTENT | tb::CONSUMED;

/// Bit flags of a token's [`St`].
mod tb {
    /// A word (not punctuation).
    pub const WORD: u32 = 1;
    /// Part of a target mention.
    pub const TARGET: u32 = 1 << 1;
    /// A word that is neither a target word nor a number (the rules match only these).
    pub const CONTENT: u32 = 1 << 2;
    /// Used up by a rule (a metric and its direction, a rating, a domain phrase).
    pub const CONSUMED: u32 = 1 << 3;
    /// Negated (an odd number of times).
    pub const FLIP: u32 = 1 << 4;
    /// Out of the target's scope (a clause about another subject).
    pub const OUT: u32 = 1 << 5;
    /// A stem that is neither neutral nor a function word, with a `c:`, `x:` or `r:` weight
    /// (a unigram candidate when it is a free content word in scope).
    pub const UNI: u32 = 1 << 6;
    /// Where the stem's weighed-feature bits (see [`super::extract_weighed`]) start.
    pub const WEIGHED: u32 = 24;
    /// The stem is the first stem of some bigram key.
    pub const BIGRAM_FIRST: u32 = (super::BIGRAM_FIRST as u32) << WEIGHED;
    /// The stem is the second stem of some bigram key.
    pub const BIGRAM_SECOND: u32 = (super::BIGRAM_SECOND as u32) << WEIGHED;
}

impl St {
    fn has(&self, bit: u32) -> bool {
        self.bits & bit != 0
    }

    /// The modifier of the token's features: its scale, negated when it is flipped.
    fn m(&self) -> f32 {
        if self.has(tb::FLIP) {
            -self.scale
        } else {
            self.scale
        }
    }

    /// The first token a feature ending at token `a` is attributed to: its negator, if any.
    fn first(&self, a: usize) -> usize {
        (self.neg as usize).min(a)
    }
}

/// Per-clause facts used by the layout.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct ClauseInfo {
    merged: usize,
    /// Bit flags (`cf`).
    facts: u32,
    scale: f32,
}

/// Bit flags of a clause's facts.
mod cf {
    /// It holds a lower-case content word.
    pub const HAS_LOWER: u32 = 1;
    /// Its first content word has been seen.
    pub const SEEN: u32 = 1 << 1;
    /// Its first content word is a name or number other than the target.
    pub const NEW_SUBJECT: u32 = 1 << 2;
    /// It holds a target word.
    pub const HAS_TARGET: u32 = 1 << 3;
    /// It opens with a clause word (before its first content word).
    pub const OPENER: u32 = 1 << 4;
    /// The opening clause word is concessive (the same bit as in `lf`).
    pub const CONCESSIVE: u32 = super::lf::CONCESSIVE;
    /// The opening clause word is adversative (the same bit as in `lf`).
    pub const ADVERSATIVE: u32 = super::lf::ADVERSATIVE;
    /// The facts of the opening clause word.
    pub const OPENING: u32 = OPENER | CONCESSIVE | ADVERSATIVE;
}

impl ClauseInfo {
    /// Takes in the facts of the clause that follows this one (merged into one clause).
    fn absorb(&mut self, next: &ClauseInfo) {
        self.facts |= next.facts & cf::HAS_TARGET;
        if self.facts & cf::SEEN == 0 {
            if self.facts & cf::OPENER == 0 {
                self.facts |= next.facts & cf::OPENING;
            }
            self.facts |= next.facts & (cf::SEEN | cf::NEW_SUBJECT);
        }
    }
}

/// Sentence-level facts of the layout (per-token ones are in [`Scratch`]).
struct Layout {
    subject: bool,
    passive: bool,
    /// The target acts on another named party ("HSBC upgrades Tata Power").
    agent: bool,
    /// The target is only the quoted source ("…: Morgan Stanley").
    source: bool,
    /// The first token of the target, if any.
    first: Option<usize>,
    /// The last token of the target, if any.
    last: Option<usize>,
}

/// The first pass of [`layout`]: fills the per-token state and the clauses (split at boundary
/// tokens) with their facts: whether they hold a lower-case word or a target word, their
/// opening clause word and whether their first content word is a new subject (a name or
/// number that is not the target). Returns the first and last target tokens and the last
/// colon (`usize::MAX` for none). `TARGETED` is whether there are target spans at all. Each
/// token's state also gets the weighed-feature bits of its stem (`weighed`, all of them when
/// `None`; see [`extract_weighed`]).
fn first_pass<const TARGETED: bool>(
    tokens: &[Token],
    spans: &[Span],
    st: &mut Vec<St>,
    clauses: &mut Vec<ClauseInfo>,
    weighed: Option<&[u8]>,
    cand: &mut Cand,
) -> (usize, usize, usize) {
    // Token indices, `usize::MAX` for none (fewer live values in the loop than options).
    let (mut first_t, mut last_t, mut last_colon) = (usize::MAX, usize::MAX, usize::MAX);
    let mut reach = 0usize;
    let mut k = 0;
    let mut current = 0u32;
    let mut facts = 0u32;
    let (mut uni_set, mut first_set, mut second_set, mut starts) = (0u64, 0u64, 0u64, 0u64);
    let (mut rules, mut lex) = (0u64, 0u64);
    for (i, t) in tokens.iter().enumerate() {
        // `reach` is the furthest end of the spans starting before this token ends.
        while let Some(sp) = spans.get(k).filter(|_| TARGETED) {
            if sp.start < t.end as usize {
                if sp.end > sp.start {
                    reach = reach.max(sp.end);
                }
                k += 1;
            } else {
                break;
            }
        }
        let is_target = TARGETED && reach > t.start as usize;
        if is_target {
            first_t = first_t.min(i);
            last_t = i;
            facts |= cf::HAS_TARGET;
        }
        if boundary(t) {
            if t.has(lf::COLON) {
                last_colon = i;
            }
            if i > 0 {
                clauses.push(ClauseInfo {
                    merged: current as usize,
                    facts,
                    scale: 1.0,
                });
                current += 1;
                facts = 0;
                starts |= bit(i);
            }
        }
        let content = t.word && !is_target && !t.has(lf::NUMBER);
        if content && !t.capital && !t.has(lf::CLAUSE) {
            facts |= cf::HAS_LOWER;
        }
        if facts & cf::SEEN == 0 {
            if !t.word || t.has(lf::CLAUSE) {
                if t.word && facts & cf::OPENER == 0 {
                    facts |= cf::OPENER | (t.lf & (cf::CONCESSIVE | cf::ADVERSATIVE));
                }
            } else if !t.has(lf::DETERMINER) {
                facts |= cf::SEEN;
                if (t.capital || t.has(lf::NUMBER)) && !is_target {
                    facts |= cf::NEW_SUBJECT;
                }
            }
        }
        // (Only the bit-set path reads these; the wasm build leaves them out.)
        let w = match weighed {
            _ if !BITSETS => 0,
            Some(w) => w.get(t.id as usize).map_or(0, |&b| b),
            None => u8::MAX,
        };
        let uni = (t.sf & sf::NEUTRAL == 0) & (t.lf & lf::FUNCTION == 0) & (w & UNI_FAMILIES != 0);
        let bits = (u32::from(t.word) * tb::WORD)
            | (u32::from(is_target) * tb::TARGET)
            | (u32::from(content) * tb::CONTENT)
            | (u32::from(uni) * tb::UNI)
            | u32::from(w) << tb::WEIGHED;
        if BITSETS {
            let on = |mask: u32, want: u32| u64::from(bits & mask == want) << (i % 64);
            uni_set |= on(tb::CONTENT | tb::UNI, tb::CONTENT | tb::UNI);
            let (f, s) = (tb::BIGRAM_FIRST, tb::BIGRAM_SECOND);
            first_set |= on(tb::WORD | tb::TARGET | f, tb::WORD | f);
            second_set |= on(tb::WORD | tb::TARGET | s, tb::WORD | s);
            let rule = (t.sf & (sf::UP | sf::DOWN)) | (t.lf & lf::RECORD) != 0;
            rules |= u64::from(content & rule) << (i % 64);
            lex |= u64::from(t.word & (t.sf & sf::LEX_START != 0)) << (i % 64);
        }
        st.push(St {
            clause: current,
            neg: NONE,
            scale: 1.0,
            bits,
        });
    }
    clauses.push(ClauseInfo {
        merged: current as usize,
        facts,
        scale: 1.0,
    });
    if BITSETS {
        *cand = Cand {
            uni: uni_set,
            first: first_set,
            second: second_set,
            starts,
            consumed: 0,
            out: 0,
            rules,
            lex,
        };
    }
    (first_t, last_t, last_colon)
}

/// The weighed-feature bits of the unigram families (`c:`, `x:`, `r:`).
const UNI_FAMILIES: u8 =
    1 << Family::Scope as u8 | 1 << Family::Object as u8 | 1 << Family::Right as u8;

fn layout(all: &Tokens, targets: &[Span], s: &mut Scratch, weighed: Option<&[u8]>) -> Layout {
    let tokens = &all.list[..];
    let n = tokens.len();
    // Target spans in order (copied and sorted only when they are not already).
    let key = |s: &Span| (s.start, s.end);
    let spans: &[Span] = if targets.is_sorted_by_key(key) {
        targets
    } else {
        s.spans.clear();
        s.spans.extend_from_slice(targets);
        crate::order::sort_by_key(&mut s.spans, key);
        &s.spans
    };
    // One pass: the tokens overlapping a target span (a sweep over both sorted lists), the
    // clauses and their facts.
    s.st.clear();
    s.clauses.clear();
    // (Compiled twice: without targets, the sweep and the target facts are left out.)
    let (first_t, last_t, last_colon) = if spans.is_empty() {
        first_pass::<false>(
            tokens,
            spans,
            &mut s.st,
            &mut s.clauses,
            weighed,
            &mut s.cand,
        )
    } else {
        first_pass::<true>(
            tokens,
            spans,
            &mut s.st,
            &mut s.clauses,
            weighed,
            &mut s.cand,
        )
    };
    let some = |i: usize| (i != usize::MAX).then_some(i);
    let (first_t, last_t, last_colon) = (some(first_t), some(last_t), some(last_colon));
    let st = &mut s.st[..n];
    let nclauses = s.clauses.len();
    let cl = &mut s.clauses;
    // A clause holding only names (a list item such as "Infosys," ) joins the next one, which
    // then has the facts of both (in order).
    let mut merges = false;
    for c in (0..nclauses.saturating_sub(1)).rev() {
        if cl[c].facts & cf::HAS_LOWER == 0 {
            cl[c].merged = cl[c + 1].merged;
            merges = true;
        }
    }
    if merges {
        let mut c = 0;
        while c < nclauses {
            let m = cl[c].merged;
            if m > c && m < nclauses {
                let mut acc = cl[c];
                for next in &cl[c + 1..=m] {
                    acc.absorb(next);
                }
                for part in &mut cl[c..m] {
                    part.facts &= !cf::OPENING;
                }
                cl[m].facts = acc.facts;
                c = m + 1;
            } else {
                c += 1;
            }
        }
        for x in st.iter_mut() {
            x.clause = cl
                .get(x.clause as usize)
                .map_or(x.clause, |c| c.merged as u32);
        }
        // A clause start merged into the clause before it starts none.
        let mut starts = if BITSETS { s.cand.starts } else { 0 };
        while let Some(i) = pop_lowest(&mut starts) {
            if let (Some(a), Some(b)) = (st.get(i.wrapping_sub(1)), st.get(i)) {
                if a.clause == b.clause {
                    s.cand.starts &= !bit(i);
                }
            }
        }
    }
    let st = &mut st[..];
    let any_target = first_t.is_some();
    // Subject role: the target is the first content word of its clause.
    let subject = match first_t {
        Some(first_t) => {
            let c = st[first_t].clause;
            !tokens[..first_t].iter().zip(&st[..first_t]).any(|(t, x)| {
                t.word && !t.has(lf::DETERMINER) && !t.has(lf::CLAUSE) && x.clause == c
            })
        }
        None => true,
    };
    let is_agent = agent(tokens, st, last_t);
    let source = attribution(tokens, first_t, last_colon);
    let bystander = is_agent || source;
    let passive = passive(tokens, last_t);
    let subject = subject && !bystander && !passive;
    // Modifiers.
    let mut base = 1.0f32;
    if bystander {
        base *= BYSTANDER_SCALE;
    }
    if procedural(all) {
        base *= PROCEDURAL_SCALE;
    }
    // Concessive clauses are damped; so is everything before an adversative clause (once,
    // however many follow). Computed per clause, then applied once per token with the scope.
    let mut later = 1.0f32;
    let mut damped = false;
    for c in (0..nclauses).rev() {
        cl[c].scale *= later;
        let opener = cl[c].facts;
        if opener & cf::CONCESSIVE != 0 {
            cl[c].scale *= CONTRAST_SCALE;
        } else if opener & cf::ADVERSATIVE != 0 && c > 0 {
            later = CONTRAST_SCALE;
        }
        damped |= cl[c].scale != 1.0;
    }
    // Whether some clause is about another subject (out of the target's scope; only a
    // clause some token is in counts in the pass below, so this may say yes needlessly).
    let any_out = any_target
        && cl
            .iter()
            .any(|c| c.facts & (cf::HAS_TARGET | cf::NEW_SUBJECT) == cf::NEW_SUBJECT);
    // (With no clause out of scope, no damping and a base of 1, every token is in scope with
    // scale 1 already.)
    if any_out || damped || base != 1.0 {
        let cl = &cl[..];
        for (i, x) in st.iter_mut().enumerate() {
            if let Some(info) = cl.get(x.clause as usize) {
                // (Times 1 when the clause is not damped: the same as not multiplying.)
                x.scale = base * info.scale;
                if any_target && info.facts & (cf::HAS_TARGET | cf::NEW_SUBJECT) == cf::NEW_SUBJECT
                {
                    x.bits |= tb::OUT;
                    if BITSETS {
                        s.cand.out |= bit(i);
                    }
                }
            }
        }
    }
    if all.lf_any & (lf::HEDGE | lf::NEGATOR | lf::INTENSIFIER | lf::DIMINISHER) != 0 {
        modifiers(tokens, st, all.lf_any);
    }
    Layout {
        subject,
        passive,
        agent: is_agent,
        source,
        first: first_t,
        last: last_t,
    }
}

/// The word modifiers of the layout: hedges damp the rest of their clause, negators flip the
/// next words of theirs, intensifiers and diminishers scale their neighbours.
fn modifiers(tokens: &[Token], st: &mut [St], lf_any: u32) {
    let n = tokens.len().min(st.len());
    // A hedge damps the rest of its clause, once (clause ids never decrease along the
    // sentence).
    if lf_any & lf::HEDGE != 0 {
        let mut hedge = 1.0f32;
        for i in 0..n {
            if i > 0 && st[i].clause != st[i - 1].clause {
                hedge = 1.0;
            }
            st[i].scale *= hedge;
            if tokens[i].word && tokens[i].has(lf::HEDGE) {
                hedge = HEDGE_SCALE;
            }
        }
    }
    if lf_any & (lf::NEGATOR | lf::INTENSIFIER | lf::DIMINISHER) != 0 {
        for i in 0..n {
            let t = &tokens[i];
            if negator(t) {
                let mut k = 0;
                let mut j = i + 1;
                while j < n && k < NEGATION_SCOPE && st[j].clause == st[i].clause {
                    if tokens[j].word {
                        st[j].bits ^= tb::FLIP;
                        st[j].neg = i as u32;
                        k += 1;
                    }
                    j += 1;
                }
            } else if t.word && t.has(lf::INTENSIFIER | lf::DIMINISHER) {
                let f = if t.has(lf::INTENSIFIER) {
                    INTENSIFIER_SCALE
                } else {
                    DIMINISHER_SCALE
                };
                for j in [i.wrapping_sub(1), i + 1] {
                    if j < n && st[j].clause == st[i].clause && tokens[j].word {
                        st[j].scale *= f;
                    }
                }
            }
        }
    }
}

/// Whether the target acts on another named party ("HSBC upgrades Tata Power", "Microsoft buys
/// Activision"): the sentiment is then mostly about the other party.
fn agent(tokens: &[Token], st: &[St], last: Option<usize>) -> bool {
    let Some(last) = last else {
        return false;
    };
    let Some(c) = st.get(last).map(|x| x.clause) else {
        return false;
    };
    let mut words = (last + 1..tokens.len().min(st.len()))
        .take_while(|&k| st[k].clause == c)
        .filter(|&k| tokens[k].word && !tokens[k].has(lf::AGENT_SKIP));
    match (words.next(), words.next()) {
        (Some(v), Some(o)) => {
            !tokens[v].capital
                && !st[v].has(tb::TARGET)
                && tokens[o].capital
                && !st[o].has(tb::TARGET)
                && !tokens[v].has(lf::DETERMINER)
        }
        _ => false,
    }
}

/// Whether the target is only the source of the sentence: named after the last colon
/// (`last_colon`; "…: Morgan Stanley") or right after "says"/"according to".
fn attribution(tokens: &[Token], first: Option<usize>, last_colon: Option<usize>) -> bool {
    let Some(first) = first else {
        return false;
    };
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
        .any(|t| t.has(lf::SAYS))
}
/// Whether the target is the subject of a passive verb ("Acme was upgraded"): it is then the
/// party acted on, like an object, and its right-context features do not apply.
fn passive(tokens: &[Token], last: Option<usize>) -> bool {
    let Some(last) = last else {
        return false;
    };
    let mut words = tokens[last + 1..].iter().filter(|t| t.word);
    match (words.next(), words.next()) {
        (Some(aux), Some(verb)) => aux.has(lf::AUX) && verb.has(lf::ENDS_ED | lf::PASSIVE_VERB),
        _ => false,
    }
}

/// Whether the sentence is a procedural statement (a meeting, call, webcast or payment date)
/// with no finance-polar word: all its features are then damped.
fn procedural(tokens: &Tokens) -> bool {
    tokens.lf_any & lf::PROCEDURAL != 0 && tokens.sf_any & (sf::LEX_ONE | sf::UP | sf::DOWN) == 0
}

/// Tokenises `sentence` with the word lists alone and extracts its features toward the target
/// mentioned at `targets` (spans local to the sentence; empty = the whole sentence is in
/// scope). Used by training; scoring reuses tokens and buffers through [`extract_tokens`].
pub fn extract(sentence: &str, targets: &[Span]) -> (Tokens, Vec<Feature>) {
    let tokens = tokenize(sentence, Vocab::shared());
    let mut feats = Vec::new();
    extract_tokens(
        &tokens,
        Vocab::shared(),
        targets,
        &mut Scratch::default(),
        &mut feats,
    );
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

/// Most words in a lexicon phrase (a unit test checks that every phrase fits).
const LEX_WORDS: usize = 4;

/// The filler of the unused places of a lexicon key: neither a stem id (there are far fewer)
/// nor [`NONE`] (which words outside the vocabulary have).
const LEX_PAD: u32 = NONE - 1;

/// The lexicon key of a phrase: its stem ids packed into one integer (a fixed-size key hashes
/// and compares without a loop), or `None` for a phrase of more than [`LEX_WORDS`] words. The
/// unused places hold [`LEX_PAD`], so phrases of different lengths never share a key, and a
/// word with no id ([`NONE`]) matches no phrase.
fn lex_key(ids: &[u32]) -> Option<u128> {
    if ids.len() > LEX_WORDS {
        return None;
    }
    let id = |k: usize| u128::from(ids.get(k).copied().unwrap_or(LEX_PAD));
    Some(id(0) | id(1) << 32 | id(2) << 64 | id(3) << 96)
}

/// The lexicon rule (longest match first, keyed by stem ids): a feature per polar phrase, and
/// the words of domain phrases with no polarity marked as used.
fn lexicon(
    toks: &[Token],
    st: &mut [St],
    vocab: &Vocab,
    out: &mut Vec<Feature>,
    consumed: &mut u64,
    set: Option<u64>,
) {
    // Every phrase tried from token `i` on starts with the first word `w` at or after `i`.
    let mut key = [NONE; 8];
    // The positions of the words of a candidate phrase.
    let mut at = [0usize; 8];
    // The phrase lengths looked up (bit `len - 1`).
    let lens_kept = (1u32 << vocab.lex_max.min(key.len())) - 1;
    let n = toks.len().min(st.len());
    let mut i = 0;
    let mut w = 0;
    // Each word that starts a phrase (`t.word` is the `WORD` bit of its state), in order
    // (the set bits of `set`, when given).
    let mut rest = set.unwrap_or(0);
    loop {
        if set.is_some() {
            let Some(next) = pop_lowest(&mut rest) else {
                break;
            };
            w = next;
        } else {
            let Some(next) = toks[w.min(n)..n]
                .iter()
                .position(|t| t.sf & sf::LEX_START != 0 && t.word)
            else {
                break;
            };
            w += next;
        }
        let Some(starts) = toks.get(w).map(|t| t.sf) else {
            break;
        };
        if w < i {
            w += 1;
            continue;
        }
        // When no phrase starts with a word, nothing matches from `i` up to it: `i` is past
        // the last word before `w` (all of them start no phrase).
        if let Some(last) = (i..w).rev().find(|&k| toks[k].word) {
            i = last + 1;
        }
        while i <= w {
            // The lengths of the phrases starting with this word, longest first (no other
            // length can match).
            let mut lens = (starts / sf::LEX_LEN) & lens_kept;
            let mut matched = 0;
            while lens != 0 {
                let len = (u32::BITS - lens.leading_zeros()) as usize;
                lens &= !(1 << (len - 1));
                if i + len > n
                    || (i..i + len).any(|k| st[k].bits & (tb::WORD | tb::CONTENT) == tb::WORD)
                {
                    continue;
                }
                // The phrase's words: the `len` words from `w`, all content words, all before
                // token `i + 3 * len`.
                let mut found = 0;
                for k in w..n.min(i + 3 * len) {
                    if st[k].has(tb::WORD) {
                        if !st[k].has(tb::CONTENT) || found == len {
                            break;
                        }
                        at[found] = k;
                        key[found] = toks[k].id;
                        found += 1;
                    }
                }
                if found < len {
                    continue;
                }
                let ws = &at[..len];
                if let Some(&pol) = lex_key(&key[..len]).and_then(|k| vocab.lex.get(&k)) {
                    let last = *ws.last().unwrap_or(&i);
                    if len == 1 && ws.iter().any(|&k| st[k].has(tb::CONSUMED)) {
                        break;
                    }
                    if pol == 0.0 {
                        // A domain phrase with no polarity: its words emit nothing.
                        for &k in ws {
                            st[k].bits |= tb::CONSUMED;
                            if BITSETS {
                                *consumed |= bit(k);
                            }
                        }
                    } else {
                        let x = st[i];
                        let fam = if !x.has(tb::OUT) {
                            Fixed::LexC
                        } else {
                            Fixed::LexO
                        };
                        push(out, Key::Fixed(fam), pol * x.m(), x.first(i), last);
                    }
                    matched = last + 1 - i;
                    break;
                }
            }
            i += matched.max(1);
        }
        w += 1;
    }
}

/// Extracts the features of already tokenised text into `out` (cleared first), using the
/// lexicon of `vocab` (the one the tokens were made with) and the buffers of `scratch`.
pub fn extract_tokens(
    tokens: &Tokens,
    vocab: &Vocab,
    targets: &[Span],
    scratch: &mut Scratch,
    out: &mut Vec<Feature>,
) {
    extract_into(tokens, vocab, targets, scratch, out, None, BITSETS);
}

/// Bit of a stem id in a model's table of weighed stems (see [`extract_weighed`]): the stem is
/// the first stem of some bigram key. (Bit `1 << family` says the model weighs the stem in
/// that [`Family`].)
pub const BIGRAM_FIRST: u8 = 1 << 4;
/// Bit of a stem id in a model's table of weighed stems: the second stem of some bigram key.
pub const BIGRAM_SECOND: u8 = 1 << 5;

/// [`extract_tokens`] for scoring: without the stem and bigram features that the model gives
/// no weight, which contribute exact zeros (so leaving them out changes no sum). `weighed`
/// holds, per stem id, the bits of the families it has weights in and [`BIGRAM_FIRST`],
/// [`BIGRAM_SECOND`] (ids past its end, such as [`NONE`], have none).
pub fn extract_weighed(
    tokens: &Tokens,
    vocab: &Vocab,
    targets: &[Span],
    scratch: &mut Scratch,
    out: &mut Vec<Feature>,
    weighed: &[u8],
) {
    extract_into(tokens, vocab, targets, scratch, out, Some(weighed), BITSETS);
}

/// [`extract_tokens`], leaving out the stem and bigram features without weight when given the
/// table of weighed stems.
fn extract_into(
    tokens: &Tokens,
    vocab: &Vocab,
    targets: &[Span],
    scratch: &mut Scratch,
    out: &mut Vec<Feature>,
    weighed: Option<&[u8]>,
    bitsets: bool,
) {
    out.clear();
    let toks = &tokens.list[..];
    let n = toks.len();
    let lay = layout(tokens, targets, scratch, weighed);
    let Scratch { st, cand, .. } = scratch;
    // Cut to `n`, so that indexing by a token index needs no check.
    let st = &mut st[..n];

    // Finance rule: direction × metric, nearest metric in the same clause. (Each rule is
    // skipped when no word of the sentence has its flags.)
    let directions = tokens.sf_any & (sf::UP | sf::DOWN) != 0;
    let metric_rule = (directions || tokens.lf_any & lf::RECORD != 0)
        && tokens.sf_any & (sf::GOOD | sf::BAD) != 0;
    // (Jumping from one direction word or "record" to the next.)
    // (Or, with the bit sets, from one content word among them to the next.)
    let sets = BITSETS && bitsets && n <= 64;
    let mut next = if metric_rule { 0 } else { n };
    let mut set = if metric_rule { cand.rules } else { 0 };
    loop {
        let i = if sets {
            let Some(i) = pop_lowest(&mut set) else {
                break;
            };
            i
        } else {
            let Some(k) = toks[next.min(n)..]
                .iter()
                .position(|t| t.lf & lf::RECORD != 0 || t.sf & (sf::UP | sf::DOWN) != 0)
            else {
                break;
            };
            next + k
        };
        next = i + 1;
        let Some(&t) = toks.get(i) else {
            break;
        };
        // "record" works as an upward direction only right before its metric ("record
        // revenue", "record loss"), never as "recorded" or "of record".
        let record = t.has(lf::RECORD);
        if !st[i].has(tb::CONTENT) {
            continue;
        }
        let dir = if t.stem_has(sf::UP) || record {
            1.0
        } else {
            -1.0
        };
        let window = if record { 3 } else { METRIC_WINDOW };
        let clause = st[i].clause;
        // The nearest metric (the earlier one first at equal distance).
        let mut best: Option<(usize, f32)> = None;
        'window: for d in 1..=window {
            for j in [i.wrapping_sub(d), i + d] {
                if j >= n
                    || (record && j < i)
                    || st[j].clause != clause
                    || st[j].bits & FREE != tb::CONTENT
                {
                    continue;
                }
                if toks[j].stem_has(sf::GOOD) {
                    best = Some((j, 1.0));
                    break 'window;
                } else if toks[j].stem_has(sf::BAD) {
                    best = Some((j, -1.0));
                    break 'window;
                }
            }
        }
        if let Some((j, pol)) = best {
            st[i].bits |= tb::CONSUMED;
            st[j].bits |= tb::CONSUMED;
            if BITSETS {
                cand.consumed |= bit(i) | bit(j);
            }
            let (a, b) = (i.min(j), i.max(j));
            let x = st[i];
            let key = if !x.has(tb::OUT) {
                Fixed::Md
            } else {
                Fixed::MdO
            };
            push(out, Key::Fixed(key), pol * dir * x.m(), x.first(a), b);
        }
    }

    // Finance rule: an analyst rating action (sign of the action, toward the rated party).
    let ratings = tokens.lf_any & (lf::UPGRADE | lf::DOWNGRADE) != 0;
    for i in (0..n).filter(|_| ratings) {
        if st[i].bits & FREE != tb::CONTENT {
            continue;
        }
        let pol = if toks[i].has(lf::UPGRADE) {
            1.0
        } else if toks[i].has(lf::DOWNGRADE) {
            -1.0
        } else {
            continue;
        };
        st[i].bits |= tb::CONSUMED;
        if BITSETS {
            cand.consumed |= bit(i);
        }
        let x = st[i];
        let key = if !x.has(tb::OUT) {
            Fixed::Rating
        } else {
            Fixed::RatingO
        };
        push(out, Key::Fixed(key), pol * x.m(), x.first(i), i);
    }

    // Lexicon (longest match first), keyed by stem ids.
    if tokens.sf_any & sf::LEX_START != 0 {
        let set = sets.then_some(cand.lex);
        lexicon(toks, st, vocab, out, &mut cand.consumed, set);
    }

    // Direction verbs not tied to a metric: the target itself rose or fell ("Gold rises").
    // (With the bit sets, only the content words among them not used by a rule.)
    let mut set = if directions {
        cand.rules & !cand.consumed
    } else {
        0
    };
    let mut next = if directions { 0 } else { n };
    loop {
        let i = if sets {
            let Some(i) = pop_lowest(&mut set) else {
                break;
            };
            i
        } else {
            next += 1;
            next - 1
        };
        if i >= n {
            break;
        }
        if !toks[i].stem_has(sf::UP | sf::DOWN) || st[i].bits & FREE != tb::CONTENT {
            continue;
        }
        let dir = if toks[i].stem_has(sf::UP) { 1.0 } else { -1.0 };
        let x = st[i];
        let key = if !x.has(tb::OUT) {
            Fixed::Dir
        } else {
            Fixed::DirO
        };
        push(out, Key::Fixed(key), dir * x.m(), x.first(i), i);
    }

    if sets {
        weighed_bitsets(toks, st, *cand, &lay, out);
    } else {
        weighed_plain(toks, st, &lay, out, weighed);
    }
}

/// Whether extraction takes the unigram and bigram candidates of sentences of at most 64
/// tokens from bit sets built along the layout ([`Cand`], [`weighed_bitsets`]; native builds)
/// or tests them one token at a time ([`weighed_plain`]; longer sentences, and the wasm build,
/// where the bit sets cost code size). Both give the same features in the same order.
const BITSETS: bool = !cfg!(target_arch = "wasm32");

/// The unigram (`c:`, `x:`, `r:`), left-context, role and bigram features, one token at a
/// time (see [`BITSETS`]).
fn weighed_plain(
    toks: &[Token],
    st: &[St],
    lay: &Layout,
    out: &mut Vec<Feature>,
    weighed: Option<&[u8]>,
) {
    let n = toks.len().min(st.len());
    let (toks, st) = (&toks[..n], &st[..n]);
    // Which features of a token's stem the model weighs (all of them, with no model).
    let weight_bits =
        |t: &Token| weighed.map_or(u8::MAX, |w| w.get(t.id as usize).map_or(0, |&b| b));

    // Unigrams (scoped), right/left context of the target, role copies.
    let last_target = lay.last;
    let right_clause = last_target.filter(|_| !lay.passive).map(|lt| st[lt].clause);
    let mut right_left = 2usize;
    for (i, (t, x)) in toks.iter().zip(st.iter()).enumerate() {
        if x.bits & (FREE | tb::OUT) != tb::CONTENT
            || t.stem_has(sf::NEUTRAL)
            || t.has(lf::FUNCTION)
        {
            continue;
        }
        let w = weight_bits(t);
        // Right context (counted even when left out: the next words are not right context).
        let right = match (last_target, right_clause) {
            (Some(lt), Some(c)) => i > lt && right_left > 0 && x.clause == c,
            _ => false,
        };
        if right {
            right_left -= 1;
        }
        push_unigram(out, i, x, w, lay.subject, right);
    }
    push_left_and_role(out, st, lay, |p| weight_bits(&toks[p]));

    // Bigrams in scope: two adjacent words of one clause, neither a target word nor used by a
    // rule.
    for (a, pair) in st.windows(2).enumerate() {
        let (x, y) = (pair[0], pair[1]);
        if x.bits & (tb::WORD | tb::TARGET | tb::CONSUMED | tb::OUT) != tb::WORD
            || y.bits & (tb::WORD | tb::TARGET | tb::CONSUMED) != tb::WORD
            || x.clause != y.clause
            || weight_bits(&toks[a]) & BIGRAM_FIRST == 0
            || weight_bits(&toks[a + 1]) & BIGRAM_SECOND == 0
        {
            continue;
        }
        push_bigram(out, a, y.scale);
    }
}

/// The unigram features of candidate token `i` (its state `x`, its stem's weighed bits `w`):
/// in scope, as an object when the target is not the sentence's subject, and as right context
/// when `right`.
fn push_unigram(out: &mut Vec<Feature>, i: usize, x: &St, w: u8, subject: bool, right: bool) {
    let (m, first) = (x.m(), x.first(i));
    if w & 1 << Family::Scope as u8 != 0 {
        push(out, Key::Stem(Family::Scope, i), m, first, i);
    }
    if !subject && w & 1 << Family::Object as u8 != 0 {
        push(out, Key::Stem(Family::Object, i), m, first, i);
    }
    if right && w & 1 << Family::Right as u8 != 0 {
        push(out, Key::Stem(Family::Right, i), m, first, i);
    }
}

/// The left-context feature (the last word before the target, within three tokens, when
/// `weight_bits` of it has the left family) and the target's role, anchored to its first
/// mention: the model learns how far each role moves a sentence toward Neutral (a regulator
/// acting, a quoted source).
fn push_left_and_role(
    out: &mut Vec<Feature>,
    st: &[St],
    lay: &Layout,
    weight_bits: impl Fn(usize) -> u8,
) {
    let Some(ft) = lay.first else {
        return;
    };
    if let Some(p) = (0..ft)
        .rev()
        .find(|&k| st[k].bits & (tb::WORD | tb::TARGET) == tb::WORD)
    {
        if p + 3 >= ft && weight_bits(p) & 1 << Family::Left as u8 != 0 {
            push(out, Key::Stem(Family::Left, p), 1.0, p, p);
        }
    }
    let end = (ft..st.len())
        .take_while(|&k| st[k].has(tb::TARGET))
        .last()
        .unwrap_or(ft);
    let role = if lay.source {
        Fixed::Source
    } else if lay.agent {
        Fixed::Agent
    } else if lay.passive {
        Fixed::Passive
    } else if lay.subject {
        Fixed::Subject
    } else {
        Fixed::Object
    };
    push(out, Key::Fixed(role), 1.0, ft, end);
}

/// The bigram feature of tokens `a` and `a + 1`, valued at the second one's scale (none at 0).
fn push_bigram(out: &mut Vec<Feature>, a: usize, value: f32) {
    if value != 0.0 {
        out.push(Feature {
            key: Key::Bigram(a, a + 1),
            value,
            first: a,
            last: a,
            split: Some(a + 1),
        });
    }
}

/// The unigram, left-context, role and bigram features of a sentence of at most 64 tokens,
/// their candidates taken from the bit sets of `cand` (no per-token test, see [`BITSETS`]) and
/// visited in order.
fn weighed_bitsets(toks: &[Token], st: &[St], cand: Cand, lay: &Layout, out: &mut Vec<Feature>) {
    let n = toks.len().min(st.len()).min(64);
    let (toks, st) = (&toks[..n], &st[..n]);
    // Which features of a token's stem the model weighs (all of them, with no model; kept in
    // its state by the first pass).
    let weight_bits = |x: &St| (x.bits >> tb::WEIGHED) as u8;

    // Unigrams (scoped), right/left context of the target, role copies. A candidate is a
    // content word not used by a rule, in scope, neither neutral nor a function word, which
    // the model weighs. Bigrams: two adjacent words of one clause, neither a target word nor
    // used by a rule, the first in scope.
    let free = !cand.consumed & !cand.out;
    let uni = cand.uni & free;
    let bi = cand.first & free & (cand.second & !cand.consumed & !cand.starts) >> 1;
    let last_target = lay.last;
    // Right context: the first two unigram candidates after the target in its clause (clause
    // ids never decrease along the sentence), weighed or not; none for a passive target.
    let (mut r1, mut r2) = (usize::MAX, usize::MAX);
    if let Some(lt) = last_target.filter(|_| !lay.passive) {
        let c = st[lt].clause;
        for i in lt + 1..n {
            let (t, x) = (&toks[i], &st[i]);
            if x.clause != c {
                break;
            }
            if x.bits & (FREE | tb::OUT) == tb::CONTENT
                && !t.stem_has(sf::NEUTRAL)
                && !t.has(lf::FUNCTION)
            {
                if r1 == usize::MAX {
                    r1 = i;
                } else {
                    r2 = i;
                    break;
                }
            }
        }
    }
    {
        let mut mask = uni;
        while let Some(i) = pop_lowest(&mut mask) {
            let Some(&x) = st.get(i) else {
                break;
            };
            push_unigram(out, i, &x, weight_bits(&x), lay.subject, i == r1 || i == r2);
        }
    }
    push_left_and_role(out, st, lay, |p| weight_bits(&st[p]));

    // Bigrams in scope (their bit sets made with the unigrams').
    {
        let mut mask = bi;
        while let Some(a) = pop_lowest(&mut mask) {
            let Some(y) = st.get(a + 1) else {
                break;
            };
            push_bigram(out, a, y.scale);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lexicon_phrase_has_a_key_of_its_own() {
        // Phrases longer than `LEX_WORDS` would have no key (and never match).
        let mut keys = std::collections::HashSet::new();
        let mut phrases = 0;
        for phrase in LEX_POS.iter().chain(LEX_NEG).chain(LEX_ZERO) {
            let toks = tokenize_with(phrase, None, true);
            let words = toks.list.iter().filter(|t| t.word).count();
            assert!(words <= LEX_WORDS, "{phrase}: {words} words");
            phrases += 1;
            let v = Vocab::shared();
            let ids: Vec<u32> = (0..toks.len())
                .filter(|&i| toks.list[i].word)
                .map(|i| v.id(toks.stem(i)).unwrap_or(NONE))
                .collect();
            assert!(ids.iter().all(|&id| id != NONE && id < LEX_PAD), "{phrase}");
            keys.insert(ids.clone());
            // Found under its key; a shorter or longer run of the same words is another key.
            assert!(
                lex_key(&ids).is_some_and(|k| v.lex.contains_key(&k)),
                "{phrase}"
            );
            assert_ne!(lex_key(&ids), lex_key(&ids[..ids.len() - 1]));
            let mut longer = ids.clone();
            longer.push(NONE);
            assert!(
                lex_key(&longer).is_none_or(|k| !v.lex.contains_key(&k)),
                "{phrase}"
            );
        }
        assert!(phrases > 100);
        assert_eq!(keys.len(), Vocab::shared().lex.len());
    }

    #[test]
    fn the_untargeted_first_pass_is_the_targeted_one_without_spans() {
        for text in [
            "Although sales rose, Acme, Beta: the outlook was cut (again)",
            "Shares of Zento may not recover; however, analysts said 3 things",
            "",
        ] {
            let tokens = tokenize(text, Vocab::shared());
            let run = |targeted: bool| {
                let (mut st, mut clauses) = (Vec::new(), Vec::new());
                let found = if targeted {
                    first_pass::<true>(
                        &tokens.list,
                        &[],
                        &mut st,
                        &mut clauses,
                        None,
                        &mut Cand::default(),
                    )
                } else {
                    first_pass::<false>(
                        &tokens.list,
                        &[],
                        &mut st,
                        &mut clauses,
                        None,
                        &mut Cand::default(),
                    )
                };
                (found, st, clauses)
            };
            let plain = run(false);
            assert_eq!(plain, run(true), "{text}");
            assert_eq!(plain.1.len(), tokens.len());
        }
    }

    #[test]
    fn bit_set_extraction_equals_the_plain_one() {
        let long = (0..70)
            .map(|k| {
                [
                    "profit", "rose", "Acme", "not", "weak", "but", "shares", "of",
                ][k % 8]
            })
            .collect::<Vec<_>>()
            .join(" ");
        // 64 tokens: the longest sentence the bit sets take.
        let exact = (0..64)
            .map(|k| {
                [
                    "Acme", "profit", "rose", "sharply", "but", "weak", "shares", "fell",
                ][k % 8]
            })
            .collect::<Vec<_>>()
            .join(" ");
        let texts = [
            "Acme profit rises 5% as Beta shares fall; analysts upgrade Acme",
            "Although sales rose, Acme, Beta: the outlook was cut (again)",
            "Shares of Zento may not recover; however, analysts said 3 things",
            "Acme is acquired by Beta, which reported a record loss",
            "Gold rises as Rupee falls, while Acme shares weaken on short interest",
            "Acme, Beta, Gamma: short term profit growth beats estimates but margins shrink",
            "HSBC upgrades Acme; Acme net loss narrows, revenue jumps",
            "Acme Beta while profit rose, Gamma as margins fell",
            long.as_str(),
            exact.as_str(),
            "",
        ];
        // And the benchmark headlines, each toward its first capitalised word after the first.
        let headlines = include_str!("../../../../bench/headlines.txt");
        let vocab = Vocab::shared();
        // Every weight present (training), and tables where some stems lack some families.
        let tables: Vec<Vec<u8>> = (1..4u32)
            .map(|m| {
                (0..vocab.len())
                    .map(|id| (id.wrapping_mul(37 * m) >> 2) as u8)
                    .collect()
            })
            .collect();
        for text in texts.into_iter().chain(headlines.lines()) {
            let tokens = tokenize(text, vocab);
            let mut targets = vec![Vec::new()];
            let named = text.find("Acme").map(|at| (at, 4)).or_else(|| {
                let t = tokens.list.iter().skip(1).find(|t| t.capital)?;
                Some((t.start as usize, (t.end - t.start) as usize))
            });
            if let Some((at, len)) = named {
                targets.push(vec![Span {
                    start: at,
                    end: at + len,
                }]);
            }
            for spans in &targets {
                for weighed in [None]
                    .into_iter()
                    .chain(tables.iter().map(|t| Some(&t[..])))
                {
                    let run = |bitsets: bool| {
                        let mut out = Vec::new();
                        let mut scratch = Scratch::default();
                        extract_into(
                            &tokens,
                            vocab,
                            spans,
                            &mut scratch,
                            &mut out,
                            weighed,
                            bitsets,
                        );
                        out
                    };
                    let plain = run(false);
                    assert_eq!(run(true), plain, "{text} {spans:?}");
                }
            }
        }
    }

    #[test]
    fn long_sentences_keep_every_unigram_and_bigram_in_order() {
        // 150 made-up lower-case words (past the 64 tokens the bit sets take): with every
        // weight present (training), each is a `c:` feature and each adjacent pair a bigram.
        let words: Vec<String> = (0..150)
            .map(|k| {
                format!(
                    "q{}{}",
                    (b'a' + (k / 26) as u8) as char,
                    (b'a' + (k % 26) as u8) as char
                )
            })
            .collect();
        let (tokens, feats) = extract(&words.join(" "), &[]);
        assert_eq!(tokens.len(), 150);
        let unigrams: Vec<usize> = feats
            .iter()
            .filter_map(|f| match f.key {
                Key::Stem(Family::Scope, i) => Some(i),
                _ => None,
            })
            .collect();
        let bigrams: Vec<(usize, usize)> = feats
            .iter()
            .filter_map(|f| match f.key {
                Key::Bigram(a, b) => Some((a, b)),
                _ => None,
            })
            .collect();
        assert_eq!(unigrams, (0..150).collect::<Vec<_>>());
        assert_eq!(bigrams, (0..149).map(|a| (a, a + 1)).collect::<Vec<_>>());
    }

    #[test]
    fn stemmer_conflates_inflections() {
        assert_eq!(stem("rose"), stem("rising"));
        assert_eq!(stem("jumped"), stem("jumps"));
        assert_eq!(stem("narrowed"), stem("narrows"));
        assert_eq!(stem("slipped"), stem("slips"));
        assert_eq!(stem("news"), "news");
        assert_eq!(stem("microsoft's"), "microsoft");
    }

    fn roles(text: &str, target: &str) -> Vec<(String, String)> {
        let spans = crate::score::find_target(text, target);
        let (tokens, feats) = extract(text, &spans);
        feats
            .iter()
            .map(|f| (f.key.text(&tokens), f))
            .filter(|(k, _)| k.starts_with("T:"))
            .map(|(k, f)| {
                let (a, b) = (tokens.list[f.first].start, tokens.list[f.last].end);
                (k, text[a as usize..b as usize].to_owned())
            })
            .collect()
    }

    #[test]
    fn the_target_role_is_one_feature_on_its_first_mention() {
        let role = |text: &str, target: &str| roles(text, target);
        assert_eq!(
            role("Tata Power jumps after the upgrade", "Tata Power"),
            [("T:subject".to_owned(), "Tata Power".to_owned())]
        );
        assert_eq!(
            role("HSBC upgrades Tata Power", "HSBC"),
            [("T:agent".to_owned(), "HSBC".to_owned())]
        );
        assert_eq!(
            role("Buy the stock on dips: Morgan Stanley", "Morgan Stanley")[0].0,
            "T:source"
        );
        assert_eq!(
            role("Acme was downgraded by Citi", "Acme")[0].0,
            "T:passive"
        );
        assert_eq!(role("Investors cheer Acme, Acme rallies", "Acme").len(), 1);
        assert_eq!(role("Investors cheer Acme", "Acme")[0].0, "T:object");
        assert!(role("Shares rose", "Acme").is_empty(), "no target, no role");
    }

    #[test]
    fn remembered_words_follow_the_vocabulary_they_were_resolved_with() {
        let plain = Vocab::lists();
        let mut extended = plain.clone();
        let id = extended.intern("zorbex");
        let ids = |v: &Vocab| tokenize("zorbex rose", v).list[0].id;
        // Alternating vocabularies on one thread: each call sees its own vocabulary's ids.
        assert_eq!(ids(&plain), NONE);
        assert_eq!(ids(&extended), id);
        assert_eq!(ids(&plain), NONE);
        // A vocabulary changed after a word was remembered is not answered from memory.
        let mut grown = plain.clone();
        assert_eq!(ids(&grown), NONE);
        let id = grown.intern("zorbex");
        assert_eq!(ids(&grown), id);
    }

    #[test]
    fn tokens_without_stems_have_the_same_flags_and_ids() {
        let model = crate::score::model();
        let lines = include_str!("../../../../bench/headlines.txt");
        let extra = "Ünïcode Straße rose 2,500%: U.S. didn't — it’s “odd”. CAPS and MiXeD";
        for text in lines.lines().chain([extra]) {
            // Twice each, so that both the first resolution and the remembered word are seen.
            for _ in 0..2 {
                let (full, ids) = (tokenize(text, &model.vocab), model.tokenize(text));
                assert_eq!(ids.list, full.list, "{text:?}");
                assert_eq!((ids.lf_any, ids.sf_any), (full.lf_any, full.sf_any));
                assert!((0..ids.len()).all(|i| ids.stem(i).is_empty()));
            }
        }
    }

    #[test]
    fn remembered_words_give_the_stems_and_ids_of_their_first_resolution() {
        // A fresh vocabulary (its own serial number): the first sentence resolves its words,
        // the repeat finds them remembered (short words by their bytes).
        let v = Vocab::lists();
        let text = "Shares rose; shares ROSE and Rose rose again, tumbling sharply on earnings";
        let first = tokenize(text, &v);
        let again = tokenize(text, &v);
        assert_eq!(again, first);
        // (Each word's stem is that of its lower-case form, however it was written.)
        for (i, t) in again.list.iter().enumerate().filter(|(_, t)| t.word) {
            let word = text[t.start as usize..t.end as usize].to_lowercase();
            assert_eq!(again.stem(i), stem(&word), "{word}");
        }
        assert!(again.len() > 10);
    }

    #[test]
    fn recycled_token_lists_give_the_same_tokens() {
        let model = crate::score::model();
        let lines: Vec<&str> = include_str!("../../../../bench/headlines.txt")
            .lines()
            .take(50)
            .collect();
        let fresh: Vec<Tokens> = lines.iter().map(|l| model.tokenize(l)).collect();
        // Long and short lists handed back, then reused for other sentences (in reverse order).
        fresh.iter().cloned().for_each(recycle);
        for (line, want) in lines.iter().zip(&fresh).rev() {
            let got = model.tokenize(line);
            assert_eq!(&got, want, "{line:?}");
            recycle(got);
        }
    }

    #[test]
    fn short_keys_pack_the_word_as_written() {
        let packed = |w: &str| {
            let mut b = [0u8; 16];
            b[..w.len()].copy_from_slice(w.as_bytes());
            u128::from_le_bytes(b)
        };
        let text = "AZaz@[`{ Rose ROSE rose NVIDIA's Q3 AT&T x Sixteen-LetterZZ SeventeenLetterzzz";
        let bytes = text.as_bytes();
        // Every word and every tail of one (the last ones too near the end for a 16-byte read).
        for (start, c) in text.char_indices().filter(|&(_, c)| c != ' ') {
            let end = text[start..].find(' ').map_or(text.len(), |n| start + n);
            let w = &text[start..end];
            let want = (w.len() <= 16).then(|| packed(w));
            assert_eq!(short_key(bytes, start, end), want, "{w:?} from {c:?}");
        }
        assert_ne!(short_key(bytes, 9, 13), short_key(bytes, 19, 23));
    }

    #[test]
    fn tokenizer_keeps_numbers_and_abbreviations_whole() {
        let text = "U.S. sales rose 2,500 units, didn't they?";
        let toks = tokenize(text, Vocab::shared());
        let words: Vec<&str> = toks
            .list
            .iter()
            .filter(|t| t.word)
            .map(|t| &text[t.start as usize..t.end as usize])
            .collect();
        assert_eq!(
            words,
            ["U.S", "sales", "rose", "2,500", "units", "didn't", "they"]
        );
        let stems: Vec<&str> = (0..toks.len()).map(|i| toks.stem(i)).collect();
        assert_eq!(stems[4], "<n>", "numbers share one stem");
        assert_eq!(stems[7], "didn't");
    }
}
