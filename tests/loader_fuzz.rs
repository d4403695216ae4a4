//! Fuzzing the ruleset loader: whatever the text, `load_str` returns (it never panics) and
//! every problem it reports names a real place in that text.
//!
//! The contract, checked by `assert_places` on every result:
//! - `Ok`, or `Err` with at least one problem, each with a non-empty message;
//! - every problem has `1 <= line <= L`, where `L` is the number of `\n` in the text plus 1
//!   (`text.lines().count() + 1` at most): the line after a final newline counts, so
//!   "unexpected end of file" still has a place, and an empty text has line 1;
//! - every problem has `1 <= column <= C + 1`, where `C` is the number of characters on
//!   that line (without its `\n`);
//! - problems are listed in file order (line, then column).
//!
//! Line 0 is never given by `load_str`; only `load_file` uses it, when the file cannot be read
//! (tests/load_errors.rs).

mod common;

use proptest::prelude::*;
use proptest::sample::Index;
use std::sync::OnceLock;
use threshold_widget::engine::load::{load_str, LoadError, MAX_NESTING};
use threshold_widget::engine::Ruleset;

/// Runs the loader and checks the contract above; the error message says what broke it.
fn check(file: &str, text: &str) -> Result<Option<Ruleset>, String> {
    let result = load_str(file, text);
    match result {
        Ok(r) => Ok(Some(r)),
        Err(e) => assert_places(text, &e).map(|()| None),
    }
}

fn assert_places(text: &str, e: &LoadError) -> Result<(), String> {
    let lines: Vec<&str> = text.split('\n').collect();
    let shown = e.to_string();
    if e.problems.is_empty() {
        return Err("an error with no problems".to_owned());
    }
    for p in &e.problems {
        if p.message.trim().is_empty() {
            return Err(format!("a problem with no message: {p:?}"));
        }
        if p.line < 1 || p.line > lines.len() {
            return Err(format!(
                "line {} is outside 1..={} for problem {p:?}",
                p.line,
                lines.len()
            ));
        }
        let chars = lines[p.line - 1].chars().count();
        if p.column < 1 || p.column > chars + 1 {
            return Err(format!(
                "column {} is outside 1..={} on line {} for problem {p:?}",
                p.column,
                chars + 1,
                p.line
            ));
        }
    }
    if !e
        .problems
        .windows(2)
        .all(|w| (w[0].line, w[0].column) <= (w[1].line, w[1].column))
    {
        return Err(format!("problems not in file order:\n{shown}"));
    }
    Ok(())
}

/// Pieces of TOML syntax and keys of the ruleset model.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    // syntax
    "[[", "]]", "[", "]", "=", " = ", "\"", "'", "\"\"\"", "'''", "{", "}", ",", ".", "\n",
    "\r\n", "\r", " ", "\t", "#", "\\", "\\u", "\\U0010FFFF", "\\n", "\\\"", "\u{feff}",
    "\u{0}", "\u{7}", "é", "’", "🦀", "\u{200b}",
    // keys of the model
    "area", "provenance", "partnership", "title", "date", "dated", "review_date",
    "review_by", "source_file", "notes", "guidance", "reminder", "escalation", "text",
    "source", "levels", "indicators", "routes", "consent", "examples", "prompts", "rules",
    "exit_page", "enabled", "url", "id", "name", "description", "level", "section", "domain",
    "reconstructed", "urgency", "phone", "action", "then", "find_details", "when", "danger",
    "context", "replaced_by", "effect", "route", "min_ticked", "min_domains", "sections",
    "heading", "paragraphs", "questions", "guidance.reminder", "provenance.notes",
    "next_steps", "incomplete", "covers", "documents", "provenance.documents", "link",
    "javascript:alert(1)", "https://", "http://",
];

/// Values, mostly ones some field of the model could hold, so that edits reach the validator.
#[rustfmt::skip]
const VALUES: &[&str] = &[
    "\"testshire\"", "\"level-1\"", "\"level-2\"", "\"level-3\"", "\"police\"",
    "\"front-door\"", "\"i-one\"", "\"school\"", "\"ask-family\"", "\"yes\"", "\"not-sure\"",
    "\"emergency\"", "\"urgent\"", "\"non-urgent\"", "\"999\"", "\"101\"", "\"refer-now\"",
    "\"consider-next-level\"", "\"crime\"", "\"2019-06\"", "\"2019-13\"",
    "\"https://example.org/\"", "\"javascript:alert(1)\"", "\"\"", "\" \"", "\"\\u0007\"",
    "\"<b>x</b>\"", "\"Ünïcödé ’ 🦀\"", "[]", "[\"level-1\"]", "[\"level-9\"]", "[\"yes\"]",
    "{}", "{ levels = [\"level-1\"] }", "{ danger = [\"yes\"] }", "{ enabled = true }", "true",
    "false", "0", "1", "-1", "65536", "99999999999999999999", "1.5", "nan", "inf",
    "1979-05-27", "1979-05-27T07:32:00Z", "07:32:00", "0x1F", "1_000", "x", "level-1",
];

/// A value of `VALUES` that is a string, the type of most fields.
fn string_value() -> impl Strategy<Value = &'static str> {
    let strings: Vec<&'static str> = VALUES
        .iter()
        .copied()
        .filter(|v| v.starts_with('"'))
        .collect();
    prop::sample::select(strings)
}

fn piece() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        3 => prop::sample::select(TOKENS),
        1 => prop::sample::select(VALUES),
    ]
}

fn token_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|t| t.concat())
}

/// Lines shaped like a ruleset (headers and `key = value`), so more texts reach the
/// deserialiser and the validator than with a plain token soup.
fn shaped_text() -> impl Strategy<Value = String> {
    let header = prop::sample::select(TOKENS).prop_map(|k| format!("[[{k}]]\n"));
    let table = prop::sample::select(TOKENS).prop_map(|k| format!("[{k}]\n"));
    let value = prop_oneof![
        3 => prop::sample::select(VALUES).prop_map(str::to_owned),
        1 => prop::collection::vec(piece(), 1..4).prop_map(|v| v.concat()),
    ];
    let pair = (prop::sample::select(TOKENS), value).prop_map(|(k, v)| format!("{k} = {v}\n"));
    let line = prop_oneof![1 => header, 1 => table, 4 => pair];
    prop::collection::vec(line, 0..40).prop_map(|l| l.concat())
}

/// The fixture and every bundled ruleset, with the name each is loaded under.
fn sources() -> &'static [(String, String)] {
    static ALL: OnceLock<Vec<(String, String)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let fixture = common::root().join("tests/fixtures/testshire.toml");
        std::iter::once(fixture)
            .chain(common::ruleset_files())
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                let name = format!("rulesets/{}", p.file_name().unwrap().to_string_lossy());
                (name, text)
            })
            .collect()
    })
}

/// One change to a text; positions are picked in proportion to its length.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteRange(Index, usize),
    DeleteLine(Index),
    DuplicateLine(Index),
    SwapLines(Index, Index),
    InsertToken(Index, &'static str),
    Truncate(Index),
    /// On a `key = value` line, a new value: mostly reaches the validator.
    SetValue(Index, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => (any::<Index>(), 1usize..200).prop_map(|(at, n)| Mutation::DeleteRange(at, n)),
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => any::<Index>().prop_map(Mutation::DuplicateLine),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (any::<Index>(), piece()).prop_map(|(at, t)| Mutation::InsertToken(at, t)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        3 => (any::<Index>(), prop::sample::select(VALUES))
            .prop_map(|(at, v)| Mutation::SetValue(at, v)),
    ]
}

/// A byte offset in `text` on a character boundary, picked by `at`.
fn offset(text: &str, at: &Index) -> usize {
    text.floor_char_boundary(at.index(text.len() + 1))
}

fn apply(text: &str, m: &Mutation) -> String {
    match m {
        Mutation::DeleteRange(at, n) => {
            let start = offset(text, at);
            let end = text.floor_char_boundary((start + n).min(text.len()));
            format!("{}{}", &text[..start], &text[end..])
        }
        Mutation::DeleteLine(at) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                lines.remove(at.index(lines.len()));
            }
            lines.concat()
        }
        Mutation::DuplicateLine(at) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let i = at.index(lines.len());
                lines.insert(i, lines[i]);
            }
            lines.concat()
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
            if !lines.is_empty() {
                let (i, j) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(i, j);
            }
            lines.concat()
        }
        Mutation::InsertToken(at, token) => {
            let i = offset(text, at);
            format!("{}{token}{}", &text[..i], &text[i..])
        }
        Mutation::Truncate(at) => text[..offset(text, at)].to_owned(),
        Mutation::SetValue(at, value) => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let pairs: Vec<usize> = (0..lines.len())
                .filter(|&i| lines[i].contains(" = "))
                .collect();
            if pairs.is_empty() {
                return text.to_owned();
            }
            let i = pairs[at.index(pairs.len())];
            let key = lines[i].split(" = ").next().unwrap_or_default();
            let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            out[i] = format!("{key} = {value}\n");
            out.concat()
        }
    }
}

/// `PROPTEST_CASES` when set (for a longer run), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(2000),
        // A failure prints its shrunk input; no regression files are written into tests/.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_unicode_never_panics_and_names_real_lines(text in any::<String>()) {
        check("rulesets/testshire.toml", &text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn toml_token_soup_never_panics_and_names_real_lines(text in token_text()) {
        check("rulesets/testshire.toml", &text).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn ruleset_shaped_lines_never_panic_and_name_real_lines(text in shaped_text()) {
        check("rulesets/testshire.toml", &text).map_err(TestCaseError::fail)?;
    }
}

/// Text nested `depth` deep, or a key of `depth` parts, after some blank lines.
fn deep_text(blank_lines: usize, kind: u8, depth: usize, closed: bool) -> String {
    let mut text = "\n".repeat(blank_lines);
    let (open, close) = match kind {
        0 => ("[", "]"),
        1 => ("{ a = ", " }"),
        _ => ("a.", ""),
    };
    match kind {
        0 | 1 => text.push_str("x = "),
        3 => text.push('['),
        _ => {}
    }
    text.push_str(&open.repeat(depth));
    text.push_str(if kind >= 2 { "a" } else { "1" });
    if closed {
        text.push_str(&close.repeat(depth));
    }
    text.push_str(if kind == 3 {
        "]\n"
    } else if kind == 2 {
        " = 1\n"
    } else {
        "\n"
    });
    text
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(300),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Around the nesting limit of the loader (64) and of the toml crate (80): arrays, inline
    /// tables, dotted keys and dotted table headers.
    #[test]
    fn deep_texts_never_panic_and_name_real_lines(
        blank_lines in 0usize..3,
        kind in 0u8..4,
        depth in 0usize..200,
        closed in any::<bool>(),
    ) {
        let text = deep_text(blank_lines, kind, depth, closed);
        check("rulesets/testshire.toml", &text).map_err(TestCaseError::fail)?;
        let e = load_str("rulesets/testshire.toml", &text).unwrap_err();
        let too_deep = if kind < 2 { depth > MAX_NESTING } else { depth >= MAX_NESTING };
        let said = e.problems[0].message.contains("nested more than")
            || e.problems[0].message.contains("dotted key has more than");
        prop_assert_eq!(said, too_deep, "{}", e);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(600),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Each case: one of the valid rulesets with one to four random edits.
    #[test]
    fn mutated_rulesets_never_panic_and_name_real_lines(
        source in any::<Index>(),
        edits in prop::collection::vec(mutation(), 1..5),
    ) {
        let (name, valid) = &sources()[source.index(sources().len())];
        let text = edits.iter().fold(valid.clone(), |t, m| apply(&t, m));
        check(name, &text).map_err(TestCaseError::fail)?;
    }

    /// Each case: one of the valid rulesets with one to three values changed, which mostly
    /// still parses, so the validator's problems and their lines are exercised.
    #[test]
    fn rulesets_with_new_values_never_panic_and_name_real_lines(
        source in any::<Index>(),
        edits in prop::collection::vec((any::<Index>(), string_value()), 1..4),
    ) {
        let (name, valid) = &sources()[source.index(sources().len())];
        let text = edits
            .into_iter()
            .fold(valid.clone(), |t, (at, v)| apply(&t, &Mutation::SetValue(at, v)));
        check(name, &text).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn the_sources_load_unchanged() {
    assert_eq!(sources().len(), 1 + common::ruleset_files().len());
    for (name, text) in sources() {
        if let Err(e) = load_str(name, text) {
            panic!("{e}");
        }
    }
}

/// Cutting the fixture after each of its lines: every prefix gives a result that keeps the
/// contract, the empty one and the one that stops inside the first table are refused, and the
/// whole file loads.
#[test]
fn every_line_prefix_of_the_fixture_keeps_the_contract() {
    let (name, text) = &sources()[0];
    let ends: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .chain(std::iter::once(text.len()))
        .collect();
    let mut loaded = 0;
    let mut wrong = Vec::new();
    for end in &ends {
        let prefix = &text[..*end];
        match check(name, prefix) {
            Ok(Some(r)) => {
                loaded += 1;
                assert_eq!(r.area.as_str(), "testshire");
            }
            Ok(None) => {}
            Err(why) => wrong.push(format!("prefix of {end} bytes: {why}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        load_str(name, "").is_err() && load_str(name, &text[..ends[8]]).is_err(),
        "a ruleset cut short at the start is refused"
    );
    assert!(load_str(name, text).is_ok());
    assert!(
        loaded >= 1 && loaded < ends.len() / 2,
        "{loaded} prefixes loaded"
    );
}
