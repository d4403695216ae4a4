//! Indicator search that forgives form: case, hyphens and spaces ("self-harm" = "self harm" =
//! "selfharm"), inflections (the Snowball English stemmer), British and American spellings,
//! one typo in a word of 5 letters or more, and the safeguarding thesaurus (a word typed
//! finds the indicators that use another word of its group). Every query word (or thesaurus
//! phrase) must be found in an indicator for it to show, and each result says which words of
//! the indicator matched and how, so the page can highlight them.
//!
//! The thesaurus and `keywords` only widen: a search shows at least what literal matching
//! shows ([`Index::literal`]), never adds an indicator and never changes a text or level.
//! ASCII case folding is enough for the documents' English and keeps Unicode tables out of
//! the page's bundle.

use super::model::{IndicatorId, Ruleset};
use super::thesaurus::Thesaurus;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ops::Range;

/// The matching key of a word or phrase: its ASCII letters and digits, lower-cased, with
/// everything else (spaces, hyphens, apostrophes) dropped: "Self-harm" -> "selfharm".
pub fn key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The words of a text with their byte ranges, split on ASCII punctuation and spaces (other
/// characters, curly apostrophes included, stay inside words and are dropped by [`key`]).
fn spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let sep = c.is_ascii() && !c.is_ascii_alphanumeric();
        match (sep, start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out.retain(|r| !key(&text[r.clone()]).is_empty());
    out
}

/// How a query word found an indicator's word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum How {
    /// The word itself (or the start of it, as one types).
    Literal,
    /// Another form of the same word: "bruises" finds "bruising".
    Stem,
    /// One letter wrong, missing, extra or swapped, in a word of 5 letters or more.
    Typo,
    /// Another word of the same thesaurus group: "bruise" finds "injuries".
    Thesaurus,
    /// A word the ruleset lists in the indicator's `keywords` (not shown in its text).
    Keyword,
}

/// One matched word of an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    /// The query word or phrase as typed (lower-cased).
    pub typed: String,
    /// Byte range of the matched words in the indicator's text; `None` for a keyword.
    pub span: Option<Range<usize>>,
    /// The keyword that matched (empty for a word of the text: see `span`).
    pub word: String,
    pub how: How,
}

/// What a query shows. In the browser it crosses from the search module to the page packed
/// (postcard), so it derives serde.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Results {
    /// For each indicator, in ruleset order: `Some(hits)` when it shows (no hits for an
    /// empty query), `None` when it is hidden.
    pub shown: Vec<Option<Vec<Hit>>>,
    /// When nothing shows: the indicators that match the most query words (at most 5).
    pub nearest: Vec<usize>,
}

impl Results {
    pub fn count(&self) -> usize {
        self.shown.iter().filter(|s| s.is_some()).count()
    }
    pub fn is_shown(&self, i: usize) -> bool {
        self.shown.get(i).is_some_and(Option::is_some)
    }

    /// What the page draws of these results; `text(i)` is indicator i's text. The search
    /// module works this out, so the first load holds no code to merge spans or word notes.
    pub fn listing<'a>(&self, text: impl Fn(usize) -> &'a str) -> Listing {
        Listing {
            rows: (self.shown.iter().enumerate())
                .map(|(i, hits)| {
                    hits.as_ref().map(|hits| Marked {
                        marks: marks(text(i), hits),
                        note: super::wording::match_note(&notes(text(i), hits)),
                    })
                })
                .collect(),
            nearest: self.nearest.clone(),
        }
    }
}

/// What a query shows, as the page draws it (from [`Results::listing`]; in the browser it
/// crosses from the search module to the page packed, with postcard).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Listing {
    /// For each indicator, in ruleset order: `Some` when it shows, `None` when it is hidden.
    pub rows: Vec<Option<Marked>>,
    /// When nothing shows: the indicators that match the most query words (at most 5).
    pub nearest: Vec<usize>,
}

impl Listing {
    pub fn count(&self) -> usize {
        self.rows.iter().filter(|s| s.is_some()).count()
    }
    pub fn is_shown(&self, i: usize) -> bool {
        self.rows.get(i).is_some_and(Option::is_some)
    }
}

/// How a shown indicator is drawn: the byte ranges of its text to highlight (in order, apart)
/// and the quiet note of how it matched ("matches \u{201c}bruise\u{201d} as ...").
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Marked {
    pub marks: Vec<(usize, usize)>,
    pub note: Option<String>,
}

/// A word or adjacent words of the ruleset's indicators, or of the thesaurus.
#[derive(Debug, Clone)]
struct Term {
    key: String,
    stem: String,
    /// Number of words joined; only single words match by prefix or typo.
    words: usize,
}

struct Token {
    vocab: usize,
    /// Where it is in the text, or which of the indicator's `keywords` it is.
    span: Result<Range<usize>, usize>,
}

/// A query unit: one word, or a thesaurus phrase typed as several words.
struct Unit {
    /// As typed, lower-cased, words separated by one space.
    typed: String,
    key: String,
    stem: String,
    acronym: bool,
    /// A word like "and" or "mum": it need not be found when the query has other words.
    optional: bool,
}

/// Greatest number of related indicators derived for one indicator.
pub const MAX_RELATED: usize = 6;

/// A ruleset's indicators prepared for searching, with the shared thesaurus.
pub struct Index {
    spellings: Vec<(String, String)>,
    vocab: Vec<Term>,
    by_key: HashMap<String, usize>,
    indicators: Vec<Vec<Token>>,
    /// Per thesaurus group: its terms, and the vocabulary entries that are one of them.
    groups: Vec<(Vec<Term>, Vec<usize>)>,
    acronyms: Vec<String>,
    optional: Vec<String>,
    keywords: Vec<Vec<String>>,
    related: Vec<Vec<usize>>,
}

/// A query word shorter than this is matched as a whole word only, and one that is no word
/// of the indicators or the thesaurus is not used yet (see [`Index::search`]).
const SHORT: usize = 3;

/// Longest phrase, in words, matched as one (indicator word runs and thesaurus phrases).
const PHRASE: usize = 4;

/// What the index needs of one indicator: its text and its `keywords`.
pub struct Item<'a> {
    pub text: &'a str,
    pub keywords: &'a [String],
}

impl Index {
    /// The index of a ruleset's indicators, with their related indicators derived.
    pub fn new(ruleset: &Ruleset, thesaurus: &Thesaurus) -> Index {
        let items = ruleset.indicators.iter().map(|ind| Item {
            text: &ind.text,
            keywords: &ind.keywords,
        });
        let mut ix = Index::of(items, thesaurus);
        ix.related = ix.derive_related(ruleset);
        ix
    }

    /// The search module's index: each indicator's text, and its keywords as one string
    /// ([`keyword_lines`]), as the page hands them over.
    pub fn of_lines(texts: &[String], keywords: &[String], thesaurus: &Thesaurus) -> Index {
        let keywords: Vec<Vec<String>> = keywords
            .iter()
            .map(|k| k.lines().map(str::to_owned).collect())
            .collect();
        let items = texts
            .iter()
            .zip(&keywords)
            .map(|(text, keywords)| Item { text, keywords });
        Index::of(items, thesaurus)
    }

    /// The index of some indicators' texts and keywords, for searching only (no related
    /// indicators: those are resolved when a ruleset is packed, see [`resolve_related`]).
    pub fn of<'a>(items: impl IntoIterator<Item = Item<'a>>, thesaurus: &Thesaurus) -> Index {
        let mut ix = Index {
            spellings: thesaurus.spellings.clone(),
            vocab: Vec::new(),
            by_key: HashMap::new(),
            indicators: Vec::new(),
            groups: Vec::new(),
            acronyms: Vec::new(),
            optional: thesaurus.optional.clone(),
            keywords: Vec::new(),
            related: Vec::new(),
        };
        // Each distinct word is spelt and stemmed once (the stemmer is most of the start-up
        // cost); a phrase's key and stem are its words' joined.
        let mut seen: HashMap<&str, (String, String)> = HashMap::new();
        for ind in items {
            let text = ind.text;
            let words = spans(text);
            for r in &words {
                let w = &text[r.clone()];
                if !seen.contains_key(w) {
                    let t = ix.term(std::iter::once(w));
                    seen.insert(w, (t.key, t.stem));
                }
            }
            let words: Vec<(Range<usize>, &(String, String))> = words
                .into_iter()
                .map(|r| {
                    let w = &seen[&text[r.clone()]];
                    (r, w)
                })
                .collect();
            let mut tokens = Vec::new();
            for n in 1..=PHRASE {
                for w in words.windows(n) {
                    let span = w[0].0.start..w[n - 1].0.end;
                    let term = Term {
                        key: w.iter().map(|(_, (k, _))| k.as_str()).collect(),
                        stem: w.iter().map(|(_, (_, s))| s.as_str()).collect(),
                        words: n,
                    };
                    tokens.push(Token {
                        vocab: ix.intern(term),
                        span: Ok(span),
                    });
                }
            }
            for (k, kw) in ind.keywords.iter().enumerate() {
                let term = ix.term(spans(kw).into_iter().map(|r| &kw[r]));
                if !term.key.is_empty() {
                    tokens.push(Token {
                        vocab: ix.intern(term),
                        span: Err(k),
                    });
                }
            }
            ix.indicators.push(tokens);
            ix.keywords.push(ind.keywords.to_vec());
        }
        let mut by_stem: HashMap<String, Vec<usize>> = HashMap::new();
        for (v, term) in ix.vocab.iter().enumerate() {
            by_stem.entry(term.stem.clone()).or_default().push(v);
        }
        for g in &thesaurus.groups {
            let terms: Vec<Term> = g
                .words
                .iter()
                .chain(&g.acronyms)
                .map(|w| ix.term(spans(w).into_iter().map(|r| &w[r])))
                .collect();
            let mut members: Vec<usize> = terms
                .iter()
                .flat_map(|t| {
                    let by_key = ix.by_key.get(&t.key).copied();
                    let by_stem = by_stem.get(&t.stem).into_iter().flatten().copied();
                    by_key.into_iter().chain(by_stem)
                })
                .collect();
            members.sort_unstable();
            members.dedup();
            ix.groups.push((terms, members));
            ix.acronyms.extend(g.acronyms.iter().map(|a| key(a)));
        }
        ix
    }

    /// A word written the British way.
    fn spell(&self, word: &str) -> String {
        let mut w = key(word);
        for (us, uk) in &self.spellings {
            if w.contains(us.as_str()) && !w.contains(uk.as_str()) {
                w = w.replace(us.as_str(), uk);
            }
        }
        w
    }

    fn term<'a>(&self, words: impl Iterator<Item = &'a str>) -> Term {
        let stemmer = rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English);
        let (mut k, mut s, mut n) = (String::new(), String::new(), 0);
        for w in words {
            let w = self.spell(w);
            s.push_str(&stemmer.stem(&w));
            k.push_str(&w);
            n += 1;
        }
        Term {
            key: k,
            stem: s,
            words: n,
        }
    }

    fn intern(&mut self, term: Term) -> usize {
        if let Some(&v) = self.by_key.get(&term.key) {
            return v;
        }
        self.vocab.push(term.clone());
        self.by_key.insert(term.key, self.vocab.len() - 1);
        self.vocab.len() - 1
    }

    /// The query's units: thesaurus phrases typed as several words ("county lines") are one.
    fn units(&self, query: &str) -> Vec<Unit> {
        let words: Vec<&str> = spans(query).into_iter().map(|r| &query[r]).collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let mut n = (2..=PHRASE.min(words.len() - i))
                .rev()
                .find(|&n| {
                    let t = self.term(words[i..i + n].iter().copied());
                    self.groups
                        .iter()
                        .any(|(terms, _)| terms.iter().any(|g| g.key == t.key))
                })
                .unwrap_or(1);
            n = n.max(1);
            let t = self.term(words[i..i + n].iter().copied());
            out.push(Unit {
                typed: words[i..i + n].join(" ").to_ascii_lowercase(),
                acronym: self.acronyms.contains(&t.key),
                optional: self.optional.contains(&t.key),
                key: t.key,
                stem: t.stem,
            });
            i += n;
        }
        out
    }

    /// True when a short `key` is a word still being typed: one letter, or the start of a
    /// word of the indicators that is no whole word of them or of the thesaurus.
    fn is_typing(&self, key: &str) -> bool {
        let whole = || {
            self.by_key.contains_key(key)
                || self
                    .groups
                    .iter()
                    .any(|(terms, _)| terms.iter().any(|t| t.key == key))
        };
        let begins = || {
            self.vocab
                .iter()
                .any(|v| v.words == 1 && v.key.starts_with(key))
        };
        key.len() < 2 || (!whole() && begins())
    }

    /// How each vocabulary entry matches a unit (`None`: it does not).
    fn matched(&self, u: &Unit, widen: bool) -> Vec<Option<How>> {
        let exact_only = u.acronym || u.key.len() < SHORT;
        let mut found: Vec<Option<How>> = self
            .vocab
            .iter()
            .map(|v| {
                if v.key == u.key || (!exact_only && v.words == 1 && v.key.starts_with(&u.key)) {
                    Some(How::Literal)
                } else if !widen {
                    None
                } else if v.stem == u.stem {
                    Some(How::Stem)
                } else if v.words == 1 && typo(&u.key, &v.key) {
                    Some(How::Typo)
                } else {
                    None
                }
            })
            .collect();
        if widen {
            for (terms, members) in &self.groups {
                let in_group = terms.iter().any(|t| {
                    t.key == u.key || t.stem == u.stem || (t.words == 1 && typo(&u.key, &t.key))
                });
                if in_group {
                    for &v in members {
                        found[v].get_or_insert(How::Thesaurus);
                    }
                }
            }
        }
        found
    }

    /// Every indicator the query shows, with its matched words.
    pub fn search(&self, query: &str) -> Results {
        self.run(query, true)
    }

    /// Literal matching only (no stems, typos, thesaurus or keywords): each query word is a
    /// word of the indicator or the start of one.
    pub fn literal(&self, query: &str) -> Results {
        self.run(query, false)
    }

    fn run(&self, query: &str, widen: bool) -> Results {
        let mut units = self.units(query);
        // One letter (the "s" of "child's" is no word to search for), or two that are no
        // word but the start of one ("do" on the way to "domestic"), do not filter yet: the list stays as it was, with no "No indicators match" on the way to a
        // word that is there, and no redraw of most rows at each of the first letters.
        units.retain(|u| u.key.len() >= SHORT || u.acronym || !self.is_typing(&u.key));
        if units.iter().all(|u| u.optional) {
            units.iter_mut().for_each(|u| u.optional = false);
        }
        let required = units.iter().filter(|u| !u.optional).count();
        let n = self.indicators.len();
        if units.is_empty() {
            return Results {
                shown: vec![Some(Vec::new()); n],
                nearest: Vec::new(),
            };
        }
        let per_unit: Vec<Vec<Option<How>>> =
            units.iter().map(|u| self.matched(u, widen)).collect();
        let mut shown = Vec::with_capacity(n);
        let mut scores = Vec::with_capacity(n);
        for (i, tokens) in self.indicators.iter().enumerate() {
            let mut hits = Vec::new();
            let mut found = vec![false; units.len()];
            for (u, (matched, found)) in units.iter().zip(per_unit.iter().zip(&mut found)) {
                let before = hits.len();
                for t in tokens {
                    let Some(how) = matched[t.vocab] else {
                        continue;
                    };
                    let (span, how, word) = match &t.span {
                        Ok(r) => (Some(r.clone()), how, String::new()),
                        Err(k) if widen => (None, How::Keyword, self.keywords[i][*k].clone()),
                        Err(_) => continue,
                    };
                    hits.push(Hit {
                        typed: u.typed.clone(),
                        span,
                        word,
                        how,
                    });
                }
                // The word itself, or a form of it, is there: other words of its thesaurus
                // group in the same indicator would only be noise ("injury" lighting
                // "Non-accidental" beside "injury").
                let mine = &mut hits[before..];
                if mine
                    .iter()
                    .any(|h| matches!(h.how, How::Literal | How::Stem | How::Typo))
                {
                    let kept: Vec<Hit> = mine
                        .iter()
                        .filter(|h| h.how != How::Thesaurus)
                        .cloned()
                        .collect();
                    hits.truncate(before);
                    hits.extend(kept);
                }
                *found |= hits.len() > before;
            }
            if widen {
                self.keyword_phrases(i, tokens, &units, &mut found, &mut hits);
            }
            let found_units = units
                .iter()
                .zip(&found)
                .filter(|(u, f)| **f && !u.optional)
                .count();
            scores.push(found_units);
            shown.push((found_units == required).then_some(hits));
        }
        let mut results = Results {
            shown,
            nearest: Vec::new(),
        };
        if results.count() == 0 {
            let mut order: Vec<usize> = (0..n).filter(|&i| scores[i] > 0).collect();
            order.sort_by_key(|&i| std::cmp::Reverse(scores[i]));
            order.truncate(5);
            results.nearest = order;
        }
        results
    }

    /// A local keyword of several words ("county fair") typed as its words: the query words
    /// that spell it, one after another, are found in indicator `i` as that keyword.
    fn keyword_phrases(
        &self,
        i: usize,
        tokens: &[Token],
        units: &[Unit],
        found: &mut [bool],
        hits: &mut Vec<Hit>,
    ) {
        for t in tokens {
            let (Err(k), term) = (&t.span, &self.vocab[t.vocab]) else {
                continue;
            };
            if term.words < 2 {
                continue;
            }
            for start in 0..units.len() {
                let mut key = String::new();
                for end in start..units.len() {
                    key.push_str(&units[end].key);
                    if key.len() >= term.key.len() {
                        if key == term.key {
                            found[start..=end].iter_mut().for_each(|f| *f = true);
                            let typed: Vec<&str> = units[start..=end]
                                .iter()
                                .map(|u| u.typed.as_str())
                                .collect();
                            hits.push(Hit {
                                typed: typed.join(" "),
                                span: None,
                                word: self.keywords[i][*k].clone(),
                                how: How::Keyword,
                            });
                        }
                        break;
                    }
                }
            }
        }
    }

    /// The related indicators of indicator `i` (by position), lowest level first.
    pub fn related(&self, i: usize) -> &[usize] {
        self.related.get(i).map_or(&[], Vec::as_slice)
    }

    /// Explicit `related` ids win; otherwise the indicators at other levels that share a
    /// thesaurus concern (found through words and their stems), most shared first.
    fn derive_related(&self, ruleset: &Ruleset) -> Vec<Vec<usize>> {
        let position: HashMap<&IndicatorId, usize> = ruleset
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (&ind.id, i))
            .collect();
        // Which groups each vocabulary entry is in, then each indicator's groups.
        let mut in_groups: Vec<Vec<usize>> = vec![Vec::new(); self.vocab.len()];
        for (g, (_, members)) in self.groups.iter().enumerate() {
            for &v in members {
                in_groups[v].push(g);
            }
        }
        let concerns: Vec<Vec<usize>> = self
            .indicators
            .iter()
            .map(|tokens| {
                let mut gs: Vec<usize> = tokens
                    .iter()
                    .flat_map(|t| in_groups[t.vocab].iter().copied())
                    .collect();
                gs.sort_unstable();
                gs.dedup();
                gs
            })
            .collect();
        let rank = |i: usize| ruleset.rank(&ruleset.indicators[i].level).unwrap_or(0);
        (0..ruleset.indicators.len())
            .map(|i| {
                let ind = &ruleset.indicators[i];
                let mut out: Vec<usize> = if ind.related.is_empty() {
                    let mut scored: Vec<(usize, usize)> = (0..ruleset.indicators.len())
                        .filter(|&j| ruleset.indicators[j].level != ind.level)
                        .map(|j| {
                            let shared = concerns[j]
                                .iter()
                                .filter(|g| concerns[i].contains(g))
                                .count();
                            (j, shared)
                        })
                        .filter(|&(_, s)| s > 0)
                        .collect();
                    scored.sort_by_key(|&(j, s)| (std::cmp::Reverse(s), j));
                    scored.truncate(MAX_RELATED);
                    scored.into_iter().map(|(j, _)| j).collect()
                } else {
                    ind.related
                        .iter()
                        .filter_map(|id| position.get(id).copied())
                        .collect()
                };
                out.sort_by_key(|&j| (rank(j), j));
                out
            })
            .collect()
    }
}

/// Sets each indicator's `related` to what the page shows under "Same concern at other
/// levels": its explicit `related` ids when it has them, otherwise those derived from the
/// thesaurus ([`Index::related`]), lowest level first. Run when a ruleset is packed for the
/// page (`build.rs`, the ruleset loader), so the page shows them without the search engine,
/// which it fetches only when the search box is used.
pub fn resolve_related(ruleset: &mut Ruleset, thesaurus: &Thesaurus) {
    let ix = Index::new(ruleset, thesaurus);
    let ids: Vec<Vec<IndicatorId>> = (0..ruleset.indicators.len())
        .map(|i| {
            ix.related(i)
                .iter()
                .map(|&j| ruleset.indicators[j].id.clone())
                .collect()
        })
        .collect();
    for (ind, related) in ruleset.indicators.iter_mut().zip(ids) {
        ind.related = related;
    }
}

/// An indicator's `keywords` as one string for the search module (one per line), read back
/// by [`Index::of_lines`].
pub fn keyword_lines(keywords: &[String]) -> String {
    keywords.join("\n")
}

/// Literal matching of every indicator, for the page while the search module loads: each
/// shows (without highlighting) when [`matches`] its text.
pub fn literal_results(ruleset: &Ruleset, query: &str) -> Listing {
    // As the search module does: one letter, or two that are no word of any indicator but
    // the start of one, do not filter yet.
    let words: Vec<&str> = spans(query)
        .into_iter()
        .map(|r| &query[r])
        .filter(|w| {
            let k = key(w);
            let words = || {
                ruleset
                    .indicators
                    .iter()
                    .flat_map(|ind| spans(&ind.text).into_iter().map(|r| key(&ind.text[r])))
            };
            let typing =
                k.len() < 2 || (!words().any(|w| w == k) && words().any(|w| w.starts_with(&k)));
            k.len() >= SHORT || !typing
        })
        .collect();
    let query = words.join(" ");
    Listing {
        rows: ruleset
            .indicators
            .iter()
            .map(|ind| matches(&ind.text, &query).then(Marked::default))
            .collect(),
        nearest: Vec::new(),
    }
}

/// True when `a` and `b` (both 5 letters or more) differ by one letter wrong, missing,
/// extra, or two neighbours swapped.
fn typo(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() < 5 || b.len() < 5 || a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let s = a[p..]
        .iter()
        .rev()
        .zip(b[p..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ra, rb) = (a.len() - p - s, b.len() - p - s);
    match (ra, rb) {
        (1, 1) | (0, 1) | (1, 0) => true,
        (2, 2) => a[p] == b[p + 1] && a[p + 1] == b[p],
        _ => false,
    }
}

/// The byte ranges of `text` to highlight for `hits`, in order: matched spans merged, and
/// words next to each other ("Non-accidental injury") one mark.
pub fn marks(text: &str, hits: &[Hit]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = hits
        .iter()
        .filter_map(|h| h.span.as_ref().map(|r| (r.start, r.end)))
        .collect();
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 || only_space(&text[last.1..start]) => {
                last.1 = last.1.max(end)
            }
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// The text cut into pieces, `true` for a piece to highlight (`marks` as [`marks`] gives
/// them); a range that is not in the text is left out.
pub fn pieces<'a>(text: &'a str, marks: &[(usize, usize)]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(start, end) in marks {
        if let (Some(before), Some(mark)) = (text.get(at..start), text.get(start..end)) {
            out.push((before, false));
            out.push((mark, true));
            at = end;
        }
    }
    out.push((&text[at..], false));
    out.retain(|(piece, _)| !piece.is_empty());
    out
}

/// The text cut into pieces, `true` for a piece to highlight (matched spans merged).
pub fn highlight<'a>(text: &'a str, hits: &[Hit]) -> Vec<(&'a str, bool)> {
    pieces(text, &marks(text, hits))
}

/// True for the gap between two words that are read as one phrase: spaces only.
fn only_space(gap: &str) -> bool {
    !gap.is_empty() && gap.bytes().all(|b| b == b' ')
}

/// The quiet notes for hits that are not literal: `("bruise", "injuries")`, one per
/// indicator word, in text order.
pub fn notes(text: &str, hits: &[Hit]) -> Vec<(String, String, How)> {
    let mut out: Vec<(String, String, How)> = Vec::new();
    // Where the last note's words are in the text, to join the next word beside them.
    let mut last: Option<Range<usize>> = None;
    // In text order (hits without a span last), equal starts in the order of `hits`.
    let mut order: Vec<(usize, usize)> = hits
        .iter()
        .enumerate()
        .filter(|(_, h)| h.how != How::Literal)
        .map(|(i, h)| (h.span.as_ref().map_or(usize::MAX, |r| r.start), i))
        .collect();
    order.sort_unstable();
    for h in order.into_iter().map(|(_, i)| &hits[i]) {
        // A literal hit on the same words needs no note.
        if hits
            .iter()
            .any(|o| o.how == How::Literal && o.span.is_some() && o.span == h.span)
        {
            continue;
        }
        // Words of one match next to each other are one note: "bruise" as "Non-accidental
        // injury", not as "Non-accidental" and as "injury".
        if let (Some(r), Some(p), Some(note)) = (&h.span, &last, out.last_mut()) {
            if note.0 == h.typed
                && note.2 == h.how
                && p.end <= r.start
                && only_space(&text[p.end..r.start])
            {
                note.1 = text[p.start..r.end].to_owned();
                last = Some(p.start..r.end);
                continue;
            }
        }
        let word = match &h.span {
            Some(r) => text[r.clone()].to_owned(),
            None => h.word.clone(),
        };
        if !out.iter().any(|(_, w, _)| key(w) == key(&word)) {
            out.push((h.typed.clone(), word, h.how));
            last = h.span.clone();
        }
    }
    // A phrase's note covers the notes of its own words.
    let all = out.clone();
    out.retain(|(_, w, _)| {
        !all.iter()
            .any(|(_, o, _)| o.len() > w.len() && key(o).contains(&key(w)))
    });
    out
}

/// Literal matching of one text (no thesaurus): every query word is a word of the text or
/// the start of one, ignoring case and punctuation. An empty query matches everything.
pub fn matches(text: &str, query: &str) -> bool {
    let words: Vec<String> = spans(text).into_iter().map(|r| key(&text[r])).collect();
    let joined: Vec<String> = words.windows(2).map(|w| w.concat()).collect();
    spans(query).into_iter().all(|r| {
        let q = key(&query[r]);
        words.iter().any(|w| w.starts_with(&q)) || joined.contains(&q)
    })
}

/// The route to offer when a search finds nothing ("Not sure? Call the MASH on ..."): the
/// ruleset's own route for a practitioner who is not sure, not the emergency one when
/// there is another, so the page never makes up a number.
pub fn consultation_route(ruleset: &Ruleset) -> Option<&super::model::Route> {
    let not_sure = || {
        ruleset
            .routes
            .iter()
            .filter(|r| r.when.danger.contains(&super::model::Danger::NotSure))
    };
    not_sure()
        .find(|r| r.urgency != super::model::Urgency::Emergency)
        .or_else(|| not_sure().next())
}
