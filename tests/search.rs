//! Search: the terms of `tests/search_terms.toml` (100 % recall, precision), properties of
//! matching (a literal word always finds its indicator, the thesaurus only widens), and the
//! checks of `rulesets/thesaurus.toml`.

mod common;

use proptest::prelude::*;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use threshold_widget::engine::search::{
    highlight, keyword_lines, literal_results, matches, notes, pieces, resolve_related, How, Index,
};
use threshold_widget::engine::thesaurus::{self, Thesaurus};
use threshold_widget::engine::Ruleset;

fn thesaurus() -> Thesaurus {
    let file = common::root().join("rulesets/thesaurus.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    thesaurus::load_str("rulesets/thesaurus.toml", &text)
        .unwrap_or_else(|e| panic!("{}", e.join("\n")))
}

#[derive(Deserialize)]
struct Terms {
    term: Vec<Term>,
}

#[derive(Deserialize)]
struct Term {
    area: String,
    query: String,
    kind: String,
    shows: Vec<String>,
    #[serde(default)]
    hides: Vec<String>,
}

fn terms() -> Vec<Term> {
    let text = std::fs::read_to_string(common::root().join("tests/search_terms.toml")).unwrap();
    toml::from_str::<Terms>(&text).unwrap().term
}

fn areas() -> BTreeMap<String, (Ruleset, Index)> {
    let t = thesaurus();
    common::ruleset_files()
        .iter()
        .map(|f| {
            let r = common::load(f);
            let ix = Index::new(&r, &t);
            (r.area.to_string(), (r, ix))
        })
        .collect()
}

/// Where the indicator `id` is in the ruleset (its row, and its place in the results).
fn at(r: &Ruleset, id: &str) -> usize {
    r.indicators
        .iter()
        .position(|i| i.id.as_str() == id)
        .unwrap_or_else(|| panic!("{}: no indicator {id}", r.area))
}

fn shown_ids(r: &Ruleset, ix: &Index, query: &str) -> Vec<String> {
    let res = ix.search(query);
    r.indicators
        .iter()
        .enumerate()
        .filter(|(i, _)| res.is_shown(*i))
        .map(|(_, ind)| ind.id.to_string())
        .collect()
}

#[test]
fn every_term_shows_its_indicators_and_not_the_ones_it_must_not() {
    let areas = areas();
    let terms = terms();
    assert!(terms.len() >= 100, "only {} terms", terms.len());
    let kinds: HashSet<&str> = terms.iter().map(|t| t.kind.as_str()).collect();
    for k in ["everyday", "literal", "acronym", "misspelling"] {
        assert!(kinds.contains(k), "no {k} term");
    }
    let covered: HashSet<&str> = terms.iter().map(|t| t.area.as_str()).collect();
    assert_eq!(covered.len(), areas.len(), "every area has terms");
    let mut failures = Vec::new();
    let mut found = 0;
    let mut wanted = 0;
    for t in &terms {
        let (r, ix) = areas
            .get(&t.area)
            .unwrap_or_else(|| panic!("no area {}", t.area));
        for id in t.shows.iter().chain(&t.hides) {
            assert!(
                r.indicators.iter().any(|i| i.id.as_str() == id),
                "{}: no indicator {id}",
                t.area
            );
        }
        let shown = shown_ids(r, ix, &t.query);
        for id in &t.shows {
            wanted += 1;
            if shown.contains(id) {
                found += 1;
            } else {
                failures.push(format!(
                    "{} {:?} ({}) does not show {id}",
                    t.area, t.query, t.kind
                ));
            }
        }
        for id in &t.hides {
            if shown.contains(id) {
                failures.push(format!(
                    "{} {:?} shows {id}, which it must not",
                    t.area, t.query
                ));
            }
        }
    }
    println!("recall {found}/{wanted}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_everyday_term_shows_more_than_a_third_of_an_area() {
    let areas = areas();
    let mut failures = Vec::new();
    for t in terms()
        .iter()
        .filter(|t| t.kind == "everyday" || t.kind == "acronym")
    {
        let (r, ix) = &areas[&t.area];
        let n = ix.search(&t.query).count();
        // Every area has at least 12 indicators, so a third is at least 4.
        if n * 3 > r.indicators.len() {
            failures.push(format!(
                "{} {:?} shows {n} of {}",
                t.area,
                t.query,
                r.indicators.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn matches_say_how_and_highlight_the_documents_words() {
    let areas = areas();
    let (r, ix) = &areas["milton-keynes"];
    let i = at(r, "l4-unexplained-injuries");
    let text = &r.indicators[i].text;
    let res = ix.search("bruise");
    let hits = res.shown[i]
        .as_ref()
        .expect("bruise shows unexplained injuries");
    assert_eq!(
        highlight(text, hits),
        [("Unexplained ", false), ("injuries", true)]
    );
    assert_eq!(
        notes(text, hits),
        [("bruise".to_owned(), "injuries".to_owned(), How::Thesaurus)]
    );

    let res = ix.search("injury");
    let hits = res.shown[i].as_ref().unwrap();
    assert_eq!(
        notes(text, hits)[0].2,
        How::Stem,
        "injury is another form of injuries"
    );

    let res = ix.search("unexplaned");
    let hits = res.shown[i].as_ref().unwrap();
    assert_eq!(
        notes(text, hits),
        [("unexplaned".to_owned(), "Unexplained".to_owned(), How::Typo)]
    );

    let (r2, ix2) = &areas["rotherham"];
    let da = at(r2, "l3-domestic-abuse");
    let res = ix2.search("Domestic Violence");
    let text2 = &r2.indicators[da].text;
    let n = notes(text2, res.shown[da].as_ref().unwrap());
    assert_eq!(
        n[0].0, "domestic violence",
        "the phrase as typed, in one note"
    );
    assert_eq!(n.len(), 1, "{n:?}");

    // The literal word: highlighted, no note.
    let res = ix.search("unexplained");
    let hits = res.shown[i].as_ref().unwrap();
    assert!(notes(text, hits).is_empty());
    assert_eq!(highlight(text, hits)[0], ("Unexplained", true));
}

/// What the search module hands the page (`Listing`) is what the page draws: the same rows,
/// the same marks and the note worded; the page only cuts the text at the marks.
#[test]
fn the_listing_the_page_draws_is_the_results() {
    let areas = areas();
    let (r, ix) = &areas["milton-keynes"];
    let text = |i: usize| r.indicators[i].text.as_str();
    let i = at(r, "l4-unexplained-injuries");
    for q in ["bruise", "unexplained", "zebra crossing", ""] {
        let res = ix.search(q);
        let listing = res.listing(text);
        assert_eq!(listing.count(), res.count(), "{q}");
        assert_eq!(listing.nearest, res.nearest, "{q}");
        for (j, hits) in res.shown.iter().enumerate() {
            let row = &listing.rows[j];
            assert_eq!(row.is_some(), hits.is_some(), "{q}: {j}");
            if let (Some(row), Some(hits)) = (row, hits) {
                assert_eq!(
                    pieces(text(j), &row.marks),
                    highlight(text(j), hits),
                    "{q}: {j}"
                );
            }
        }
    }
    let bruise = ix.search("bruise").listing(text);
    let row = bruise.rows[i].as_ref().unwrap();
    assert_eq!(
        row.note.as_deref(),
        Some("matches \u{201c}bruise\u{201d} as \u{201c}injuries\u{201d}")
    );
    let unexplained = ix.search("unexplained").listing(text);
    assert_eq!(
        unexplained.rows[i].as_ref().unwrap().note,
        None,
        "a literal word needs no note"
    );
    // A mark that is not in the text (a text changed under the module) is left out, not a panic.
    assert_eq!(
        pieces("Unexplained injuries", &[(12, 20), (30, 40)]),
        [("Unexplained ", false), ("injuries", true)]
    );
}

#[test]
fn hyphens_spaces_case_and_spellings_are_the_same_word() {
    let areas = areas();
    let (r, ix) = &areas["rotherham"];
    let target = "l2-low-level-self-harm-substance-misuse";
    for q in [
        "self-harm",
        "self harm",
        "selfharm",
        "SELF HARM",
        "Self-Harm",
    ] {
        assert!(shown_ids(r, ix, q).contains(&target.to_owned()), "{q}");
    }
    let (r, ix) = &areas["rochdale"];
    for q in ["behavior", "behaviour", "Behavioural"] {
        assert!(
            shown_ids(r, ix, q).contains(&"l4-severe-disruptive-behaviour".to_owned()),
            "{q}"
        );
    }
    // An American spelling is the same word, not a typo: a literal match of "behaviour".
    let i = at(r, "l4-severe-disruptive-behaviour");
    let text = &r.indicators[i].text;
    let res = ix.search("behavior");
    let hits = res.shown[i].as_ref().unwrap();
    let word = |h: &threshold_widget::engine::search::Hit| h.span.clone().map(|s| &text[s]);
    assert!(
        hits.iter()
            .any(|h| word(h) == Some("behaviour") && h.how == How::Literal),
        "{hits:?}"
    );
    assert!(
        !notes(text, hits).iter().any(|n| n.1 == "behaviour"),
        "no note for the same word"
    );
}

#[test]
fn nothing_matches_gives_the_nearest_indicators() {
    let areas = areas();
    let (r, ix) = &areas["rochdale"];
    let res = ix.search("homeless zebra");
    assert_eq!(res.count(), 0);
    assert!(!res.nearest.is_empty());
    let homeless = at(r, "l3-homeless");
    assert!(
        res.nearest.contains(&homeless),
        "the indicator matching one of the two words"
    );
    assert!(ix.search("zebra").nearest.is_empty());
    assert!(
        ix.search("homeless").nearest.is_empty(),
        "nearest only when nothing shows"
    );
}

/// Typing starts with one letter: "d" and "do" are only the start of "domestic", so they
/// leave the list as it is (no "No indicators match" for a moment, and no redraw of
/// most rows at each first letter); the third letter filters. A short whole word of the
/// documents ("GP") or an acronym ("DV") filters at once.
#[test]
fn the_first_letters_of_a_word_leave_the_list_as_it_is() {
    let areas = areas_once();
    let (r, ix) = &areas["milton-keynes"];
    let all = r.indicators.len();
    for typed in ["d", "do", "D", " d ", "s h"] {
        let res = ix.search(typed);
        assert_eq!(res.count(), all, "{typed:?} leaves every indicator shown");
        assert!(
            res.shown.iter().flatten().all(Vec::is_empty),
            "{typed:?}: nothing lit"
        );
        assert_eq!(
            literal_results(r, typed).count(),
            all,
            "{typed:?}: the page's literal matching too"
        );
    }
    // Two letters that begin no word are no word being typed: nothing matches, as before.
    assert_eq!(ix.search("zx").count(), 0);
    assert_eq!(
        literal_results(r, "DV").count(),
        0,
        "without the module, an acronym that is no word of the texts finds nothing (the help shows)"
    );
    let dom = ix.search("dom").count();
    assert!(dom > 0 && dom < all, "the third letter filters: {dom}");
    assert_eq!(
        shown_ids(r, ix, "self h"),
        shown_ids(r, ix, "self"),
        "a first letter of a second word does not filter yet"
    );
    assert!(shown_ids(r, ix, "DV").contains(&"l4-chronic-domestic-abuse".to_owned()));
    assert!(ix.search("DV").count() < all);
    let (r, ix) = &areas["trafford"];
    let res = ix.search("GP");
    assert!(
        res.count() < r.indicators.len(),
        "a two-letter word filters"
    );
    assert!(res
        .shown
        .iter()
        .flatten()
        .flatten()
        .any(|h| h.span.is_some()));
}

#[test]
fn related_indicators_share_a_concern_at_another_level_and_explicit_links_win() {
    let areas = areas();
    let (r, ix) = &areas["rochdale"];
    let pos = |id: &str| at(r, id);
    let episodes = pos("l2-episodes-missing-from-home");
    let related = ix.related(episodes);
    assert!(related.contains(&pos("l3-regularly-missing-from-home")));
    assert!(related.contains(&pos("l4-persistently-missing-long-periods")));
    for &j in related {
        assert_ne!(
            r.indicators[j].level, r.indicators[episodes].level,
            "other levels only"
        );
    }
    let ranks: Vec<usize> = related
        .iter()
        .map(|&j| r.rank(&r.indicators[j].level).unwrap())
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "lowest level first");

    let mut r2 = r.clone();
    r2.indicators[episodes].related = vec!["l5-abandoned".into()];
    let ix2 = Index::new(&r2, &thesaurus());
    assert_eq!(ix2.related(episodes), [pos("l5-abandoned")]);
    // Resolving for the packed ruleset keeps them too.
    resolve_related(&mut r2, &thesaurus());
    assert_eq!(r2.indicators[episodes].related, ["l5-abandoned"]);
}

/// The page shows related indicators from the packed ruleset, without the search engine:
/// every bundled area as packed by build.rs carries exactly the engine's related indicators.
#[test]
fn packed_areas_carry_the_engines_related_indicators() {
    let areas = areas();
    for area in threshold_widget::catalogue::AREAS {
        let Some((r, ix)) = areas.get(area.id) else {
            continue;
        };
        let packed = area.ruleset().expect("embedded natively").unwrap();
        let mut with_related = 0;
        for (i, ind) in packed.indicators.iter().enumerate() {
            let engine: Vec<&str> = ix
                .related(i)
                .iter()
                .map(|&j| r.indicators[j].id.as_str())
                .collect();
            let shown: Vec<&str> = ind.related.iter().map(|id| id.as_str()).collect();
            assert_eq!(shown, engine, "{}: {}", area.id, ind.id);
            with_related += usize::from(!engine.is_empty());
        }
        assert!(
            with_related > 0,
            "{}: some indicators have related ones",
            area.id
        );
    }
}

/// The search module gets only the texts and each indicator's keywords as one string
/// (`search::keyword_lines`, as the page sends them); its index answers every term of the
/// file, and local keywords (one with a space), exactly as the engine's index does.
#[test]
fn the_search_modules_index_answers_as_the_engines() {
    let t = thesaurus();
    let mut areas = areas();
    let (r, _) = areas.get_mut("trafford").unwrap();
    r.indicators[0].keywords = vec!["Zebrafish".into(), "county fair".into()];
    let ix = Index::new(r, &t);
    areas.get_mut("trafford").unwrap().1 = ix;
    for (query, area) in terms()
        .into_iter()
        .map(|term| (term.query, term.area))
        .chain([
            ("zebrafish".into(), "trafford".into()),
            ("county fair".into(), "trafford".into()),
        ])
    {
        let (r, ix) = &areas[&area];
        let texts: Vec<String> = r.indicators.iter().map(|i| i.text.clone()).collect();
        let keywords: Vec<String> = r
            .indicators
            .iter()
            .map(|i| keyword_lines(&i.keywords))
            .collect();
        let module = Index::of_lines(&texts, &keywords, &t);
        assert_eq!(module.search(&query), ix.search(&query), "{query}");
    }
    let (r, ix) = &areas["trafford"];
    assert!(ix.search("zebrafish").is_shown(0), "{}", r.indicators[0].id);
}

/// Until the search module answers, the page matches literally: what `matches` says.
#[test]
fn the_pages_literal_results_are_literal_matching() {
    let areas = areas();
    let (r, _) = &areas["milton-keynes"];
    for q in ["", "domestic", "Domestic Abuse", "self-harm", "bruise"] {
        let res = literal_results(r, q);
        for (i, ind) in r.indicators.iter().enumerate() {
            assert_eq!(res.is_shown(i), matches(&ind.text, q), "{q}: {}", ind.id);
        }
    }
    assert!(literal_results(r, "domestic").count() > 0);
}

#[test]
fn keywords_widen_the_search_and_say_so() {
    let areas = areas();
    let (r, _) = &areas["trafford"];
    let mut r = r.clone();
    assert!(shown_ids(&r, &Index::new(&r, &thesaurus()), "zebrafish").is_empty());
    r.indicators[0].keywords = vec!["Zebrafish".into()];
    let ix = Index::new(&r, &thesaurus());
    let res = ix.search("zebrafish");
    assert_eq!(res.count(), 1);
    let hits = res.shown[0].as_ref().unwrap();
    assert_eq!(hits[0].how, How::Keyword);
    assert_eq!(hits[0].span, None, "nothing to highlight in the text");

    // A keyword of two words is found by typing them, as one keyword.
    r.indicators[0].keywords = vec!["County fair".into()];
    let ix = Index::new(&r, &thesaurus());
    for typed in ["county fair", "County-Fair", "countyfair"] {
        let res = ix.search(typed);
        assert_eq!(res.count(), 1, "{typed:?}");
        let hits = res.shown[0].as_ref().unwrap();
        assert!(
            hits.iter()
                .any(|h| h.how == How::Keyword && h.word == "County fair"),
            "{typed:?}: {hits:?}"
        );
    }
}

/// A match is read as the document's phrase: "bruise" finds "Non-accidental injury" as one
/// phrase, one mark and one note, and a word found as itself lights no other word of its
/// thesaurus group beside it ("injury" does not light "Non-accidental").
#[test]
fn a_phrase_of_the_document_is_one_mark_and_a_word_lights_only_itself() {
    let areas = areas_once();
    let (r, ix) = &areas["milton-keynes"];
    let i = at(r, "l4-non-accidental-injury");
    let text = &r.indicators[i].text;
    let res = ix.search("bruise");
    let hits = res.shown[i].as_ref().expect("bruise shows it");
    assert_eq!(highlight(text, hits), [("Non-accidental injury", true)]);
    assert_eq!(
        notes(text, hits),
        [(
            "bruise".to_owned(),
            "Non-accidental injury".to_owned(),
            How::Thesaurus
        )]
    );
    let res = ix.search("injury");
    let hits = res.shown[i].as_ref().expect("injury shows it");
    assert_eq!(
        highlight(text, hits),
        [("Non-accidental ", false), ("injury", true)]
    );
    assert!(
        notes(text, hits).is_empty(),
        "the word itself needs no note"
    );
}

#[test]
fn related_ids_must_exist() {
    let mut r = common::area("trafford");
    r.indicators[0].related = vec!["no-such-indicator".into()];
    let problems = threshold_widget::engine::validate::validate(&r);
    assert!(
        problems
            .iter()
            .any(|p| p.path.to_string() == "indicators[0].related[0]"
                && p.message.contains("no-such-indicator")),
        "{problems:?}"
    );
    r.indicators[0].related = vec![r.indicators[1].id.clone()];
    assert!(threshold_widget::engine::validate::validate(&r).is_empty());
}

#[test]
fn the_thesaurus_file_is_checked() {
    let t = thesaurus();
    assert!(t.groups.len() >= 30);
    for g in &t.groups {
        assert!(!g.concern.trim().is_empty());
        assert!(
            !g.words.is_empty() || !g.acronyms.is_empty(),
            "{}",
            g.concern
        );
    }
    let acronyms: HashSet<String> = t
        .groups
        .iter()
        .flat_map(|g| g.acronyms.iter().map(|a| a.to_lowercase()))
        .collect();
    for a in [
        "dv", "da", "cse", "cce", "cp", "cin", "lac", "cla", "sen", "send", "ehcp", "neet", "fgm",
        "uasc",
    ] {
        assert!(acronyms.contains(a), "acronym {a}");
    }
    let bad = |text: &str| thesaurus::load_str("t.toml", text).unwrap_err().join("\n");
    let e = bad("[[group]]\nconcern = \"x\"\nwords = []\n");
    assert!(e.contains("t.toml:2:") && e.contains("empty"), "{e}");
    let e = bad("[[group]]\nconcern = \"a\"\nwords = [\"hit\"]\n[[group]]\nconcern = \"b\"\nwords = [\"Hit\"]\n");
    assert!(
        e.contains("t.toml:6:") && e.contains("more than one group"),
        "{e}"
    );
    let ok = "[[group]]\nconcern = \"a\"\nwords = [\"hit\"]\nshared = { hit = \"because\" }\n[[group]]\nconcern = \"b\"\nwords = [\"hit\"]\n";
    assert!(thesaurus::load_str("t.toml", ok).is_ok());
    let e = bad("[[group]]\nconcern = \"a\"\nwords = [\"self-harm\", \"self harm\"]\n");
    assert!(e.contains("twice"), "{e}");
    let e = bad("[[group]]\nconcern = \"a\"\nwordz = [\"x\"]\n");
    assert!(e.starts_with("t.toml:3:"), "{e}");
}

/// A word of some indicator of some area, and a query made of other words.
fn word_of(
    areas: &BTreeMap<String, (Ruleset, Index)>,
    a: usize,
    i: usize,
    w: usize,
) -> Option<(String, usize, String)> {
    let (area, (r, _)) = areas.iter().nth(a % areas.len())?;
    let ind = &r.indicators[i % r.indicators.len()];
    let words: Vec<&str> = ind
        .text
        .split(|c: char| c.is_ascii() && !c.is_ascii_alphanumeric())
        .filter(|w| w.chars().any(|c| c.is_ascii_alphanumeric()))
        .collect();
    let word = words.get(w % words.len().max(1))?;
    Some((area.clone(), i % r.indicators.len(), (*word).to_owned()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_literal_word_of_any_indicator_finds_it(a in 0usize..5, i in 0usize..400, w in 0usize..40, upper in any::<bool>()) {
        let areas = areas_once();
        if let Some((area, i, word)) = word_of(areas, a, i, w) {
            let (_, ix) = &areas[&area];
            let q = if upper { word.to_uppercase() } else { word.clone() };
            prop_assert!(ix.search(&q).is_shown(i), "{area} {q:?}");
            prop_assert!(ix.literal(&q).is_shown(i), "{area} {q:?} literally");
        }
    }

    #[test]
    fn the_thesaurus_only_widens(a in 0usize..5, picks in proptest::collection::vec((0usize..400, 0usize..40), 1..3), typed in "[a-z]{0,6}") {
        let areas = areas_once();
        let mut query = Vec::new();
        let mut area = String::new();
        for (i, w) in picks {
            if let Some((ar, _, word)) = word_of(areas, a, i, w) {
                area = ar;
                query.push(word);
            }
        }
        query.push(typed);
        let q = query.join(" ");
        let (r, ix) = &areas[&area];
        let wide = ix.search(&q);
        let exact = ix.literal(&q);
        for i in 0..r.indicators.len() {
            prop_assert!(!exact.is_shown(i) || wide.is_shown(i), "{area} {q:?} lost {}", r.indicators[i].id);
        }
    }
}

fn areas_once() -> &'static BTreeMap<String, (Ruleset, Index)> {
    static AREAS: std::sync::OnceLock<BTreeMap<String, (Ruleset, Index)>> =
        std::sync::OnceLock::new();
    AREAS.get_or_init(areas)
}

#[test]
fn search_finds_the_same_in_ruleset_order_and_leaves_texts_and_levels_alone() {
    let areas = areas();
    for (r, ix) in areas.values() {
        let before = r.clone();
        let res = ix.search("abuse");
        assert_eq!(res.shown.len(), r.indicators.len());
        assert_eq!(r, &before);
    }
}

/// For writing terms: `SEARCH_PROBE='rochdale:weed;rotherham:DV' cargo test --test search probe -- --ignored --nocapture`.
#[test]
#[ignore]
fn probe() {
    let areas = areas();
    for pair in std::env::var("SEARCH_PROBE").unwrap_or_default().split(';') {
        let Some((area, q)) = pair.split_once(':') else {
            continue;
        };
        let (r, ix) = &areas[area];
        let ids = shown_ids(r, ix, q);
        println!(
            "{area} {q:?}: {} of {}: {}",
            ids.len(),
            r.indicators.len(),
            ids.join(" ")
        );
    }
}

#[test]
fn the_no_match_route_is_each_areas_own_route_for_not_sure() {
    use threshold_widget::engine::search::consultation_route;
    use threshold_widget::engine::{Danger, Urgency};
    for (area, (r, _)) in areas() {
        let route =
            consultation_route(&r).unwrap_or_else(|| panic!("{area} has no not-sure route"));
        assert!(route.when.danger.contains(&Danger::NotSure), "{area}");
        assert_ne!(
            route.urgency,
            Urgency::Emergency,
            "{area}: not the 999 route"
        );
        println!("{area}: {} {:?}", route.name, route.phone);
    }
}

/// For the report: engine time per keystroke on Milton Keynes, natively (release: add --release).
#[test]
#[ignore]
fn keystroke_time() {
    let areas = areas();
    let (_, ix) = &areas["milton-keynes"];
    let mut n = 0;
    let t = std::time::Instant::now();
    for q in [
        "domestic abuse",
        "county lines",
        "bruising",
        "neglet",
        "self harm",
        "zebra crossing",
    ] {
        for k in 1..=q.len() {
            std::hint::black_box(ix.search(&q[..k]));
            n += 1;
        }
    }
    println!(
        "{n} keystrokes, {:.2} ms each",
        t.elapsed().as_secs_f64() * 1000.0 / n as f64
    );
}
