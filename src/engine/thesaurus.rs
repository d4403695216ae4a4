//! The safeguarding thesaurus: groups of words practitioners use for one concern, shared by
//! every area (`rulesets/thesaurus.toml`). It only widens what a search shows: it never adds
//! an indicator, changes a text or touches a level.
//!
//! `build.rs` reads and checks the file with [`load_str`] and packs the [`Thesaurus`] with
//! postcard, so the page needs no TOML parser for it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

/// Every group, in file order, and the British/American spellings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Thesaurus {
    pub groups: Vec<Group>,
    /// `(american, british)` parts of words: both sides are written the British way.
    pub spellings: Vec<(String, String)>,
    /// Words that need not be found when the query has others ("and", "mum", "his").
    pub optional: Vec<String>,
}

/// Words for one concern.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// The concern the group is about, e.g. "domestic abuse".
    pub concern: String,
    /// Words and phrases; "self-harm", "self harm" and "selfharm" are the same entry.
    pub words: Vec<String>,
    /// Acronyms ("DV"): matched as whole words only, never as the start of a longer word.
    pub acronyms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    spellings: BTreeMap<String, String>,
    #[serde(default)]
    group: Vec<RawGroup>,
    #[serde(default)]
    optional: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    concern: Spanned<String>,
    #[serde(default)]
    words: Vec<Spanned<String>>,
    #[serde(default)]
    acronyms: Vec<Spanned<String>>,
    /// Words also in another group, each with the reason it is in both.
    #[serde(default)]
    shared: BTreeMap<String, String>,
}

/// Reads and checks the thesaurus; every problem as `file:line:column: message`.
pub fn load_str(file: &str, text: &str) -> Result<Thesaurus, Vec<String>> {
    let at = |offset: usize| {
        let (l, c) = super::load::line_col(text, offset);
        format!("{file}:{l}:{c}")
    };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let place = e.span().map_or(format!("{file}:1:1"), |s| at(s.start));
        vec![format!("{place}: {}", e.message())]
    })?;
    let mut problems = Vec::new();
    // Which groups each word (by its matching key) is in, and whether any of them says why.
    let mut seen: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (g, group) in raw.group.iter().enumerate() {
        if group.concern.get_ref().trim().is_empty() {
            problems.push(format!(
                "{}: group {} names no concern: say what it is about in `concern`",
                at(group.concern.span().start),
                g + 1
            ));
        }
        if group.words.is_empty() && group.acronyms.is_empty() {
            problems.push(format!(
                "{}: group `{}` is empty: give it `words` (or remove it)",
                at(group.concern.span().start),
                group.concern.get_ref()
            ));
        }
        let mut in_group = std::collections::BTreeSet::new();
        for w in group.words.iter().chain(&group.acronyms) {
            let key = super::search::key(w.get_ref());
            if key.is_empty() {
                problems.push(format!(
                    "{}: an empty word in group `{}`",
                    at(w.span().start),
                    group.concern.get_ref()
                ));
            } else if !in_group.insert(key.clone()) {
                problems.push(format!(
                    "{}: `{}` is twice in group `{}`",
                    at(w.span().start),
                    w.get_ref(),
                    group.concern.get_ref()
                ));
            } else {
                seen.entry(key).or_default().push((g, w.span().start));
            }
        }
        for (word, why) in &group.shared {
            if why.trim().is_empty() {
                problems.push(format!(
                    "{}: group `{}` shares `{word}` with no reason: say why it is in both",
                    at(group.concern.span().start),
                    group.concern.get_ref()
                ));
            }
        }
    }
    for (key, places) in &seen {
        if places.len() < 2 {
            continue;
        }
        let explained = places.iter().any(|&(g, _)| {
            raw.group[g]
                .shared
                .iter()
                .any(|(w, why)| super::search::key(w) == *key && !why.trim().is_empty())
        });
        if !explained {
            let names: Vec<&str> = places
                .iter()
                .map(|&(g, _)| raw.group[g].concern.get_ref().as_str())
                .collect();
            problems.push(format!(
                "{}: `{key}` is in more than one group ({}) with no reason: add it to one group's `shared` with why, or keep it in one group",
                at(places[1].1),
                names.join(", ")
            ));
        }
    }
    for (us, uk) in &raw.spellings {
        if us.is_empty()
            || uk.is_empty()
            || !us.chars().chain(uk.chars()).all(|c| c.is_ascii_lowercase())
        {
            problems.push(format!(
                "{file}: spelling `{us}` = `{uk}` must be two non-empty lowercase words"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Thesaurus {
        groups: raw
            .group
            .into_iter()
            .map(|g| Group {
                concern: g.concern.into_inner(),
                words: g.words.into_iter().map(Spanned::into_inner).collect(),
                acronyms: g.acronyms.into_iter().map(Spanned::into_inner).collect(),
            })
            .collect(),
        spellings: raw.spellings.into_iter().collect(),
        optional: raw.optional.iter().map(|w| super::search::key(w)).collect(),
    })
}
