//! Hostile rulesets: each is refused with a message that names its file and line, before it can
//! slow the loader down, overflow its stack or put an unsafe link on the page. Table-driven like
//! tests/load_errors.rs: the small valid ruleset, one edit per case, the line and words expected.
//!
//! Markup in a text is not refused: it is shown as text (see
//! `markup_in_a_text_loads_and_is_kept_exactly`).

mod common;

use common::line_of;

use std::time::{Duration, Instant};
use threshold_widget::engine::load::{load_str, LoadError, MAX_FILE_BYTES, MAX_NESTING};
use threshold_widget::engine::validate::{shared_ids, MAX_TEXT};
use threshold_widget::engine::Ruleset;

const VALID: &str = include_str!("fixtures/testshire.toml");
const FILE: &str = "rulesets/testshire.toml";
const AREA: &str = "area = \"testshire\"";
const PHONE: &str = "phone = \"01709 336080\"";

/// One hostile edit of the valid ruleset.
struct Case {
    what: &'static str,
    /// Text of the valid ruleset to replace (its first occurrence).
    from: &'static str,
    to: String,
    /// Text on the line the problem must name.
    line: String,
    /// Words the problem's message must contain.
    words: String,
}

fn case(what: &'static str, from: &'static str, to: String, line: &str, words: &str) -> Case {
    Case {
        what,
        from,
        to,
        line: line.to_owned(),
        words: words.to_owned(),
    }
}

/// A route whose phone is `phone` (as written in TOML).
fn phone(what: &'static str, phone: &str) -> Case {
    let line = format!("phone = \"{phone}\"");
    case(what, PHONE, line.clone(), &line, "is not a phone number")
}

/// An exit page going to `url` (as written in TOML), on the line after `area`.
fn exit_url(what: &'static str, url: &str) -> Case {
    let line = format!("exit_page = {{ enabled = true, url = \"{url}\" }}");
    case(
        what,
        AREA,
        format!("{AREA}\n{line}"),
        &line,
        "must be an https:// address",
    )
}

fn cases() -> Vec<Case> {
    let huge = "x".repeat(MAX_TEXT + 1);
    let too_long = format!("is longer than {MAX_TEXT} characters");
    let deep = format!("nested more than {MAX_NESTING} deep");
    let dotted = format!("dotted key has more than {MAX_NESTING} parts");
    vec![
        // Huge texts.
        case(
            "a text one character over the limit",
            "text = \"Attends school\"",
            format!("text = \"{huge}\""),
            "text = \"xxxxxxxx",
            &format!("indicator text {too_long}"),
        ),
        case(
            "a text over the limit in characters, not bytes",
            "action = \"Call 999.\"",
            format!("action = \"{}\"", "é".repeat(MAX_TEXT + 1)),
            "action = \"ééé",
            &format!("route action {too_long}"),
        ),
        // Deep nesting: refused before parsing, at the first bracket too deep.
        case(
            "100 000 nested arrays",
            AREA,
            format!("{AREA}\nx = {}", "[".repeat(100_000)),
            "x = [[[",
            &deep,
        ),
        case(
            "100 000 nested inline tables",
            AREA,
            format!("{AREA}\nx = {}", "{ a = ".repeat(100_000)),
            "x = { a = { a = ",
            &deep,
        ),
        case(
            "deep nesting inside a real field, closed again",
            "when = { levels = [\"level-2\"] }",
            format!(
                "when = {{ levels = {}\"level-2\"{} }}",
                "[".repeat(10_000),
                "]".repeat(10_000)
            ),
            "when = { levels = [[[",
            &deep,
        ),
        case(
            "one level deeper than the limit",
            AREA,
            format!(
                "{AREA}\nx = {}1{}",
                "[".repeat(MAX_NESTING + 1),
                "]".repeat(MAX_NESTING + 1)
            ),
            "x = [[[",
            &deep,
        ),
        case(
            "a dotted key of 100 000 parts",
            AREA,
            format!("{AREA}\n{}a = 1", "a.".repeat(99_999)),
            "a.a.a.a.",
            &dotted,
        ),
        case(
            "a table header of 100 parts",
            AREA,
            format!("{AREA}\n[{}a]", "a.".repeat(99)),
            "[a.a.a.",
            &dotted,
        ),
        case(
            "an array-of-tables header of 100 parts",
            AREA,
            format!("{AREA}\n[[{}a]]", "\"a\".".repeat(99)),
            "[[\"a\".\"a\".",
            &dotted,
        ),
        // Phones a `tel:` link could be abused with, or that are not phone numbers.
        phone("a javascript: phone", "javascript:alert(1)"),
        phone("a phone with markup", "999<script>"),
        phone("a phone with brackets", "+44 (0) 1709"),
        phone("a tel: phone", "tel:999"),
        phone("a phone with a right-to-left override", "999\\u202E"),
        phone("a phone in Arabic-Indic digits", "٩٩٩"),
        phone("a phone of two digits", "12"),
        phone("a phone of sixteen digits", "1234 5678 9012 3456"),
        // Exit pages that are not a plain https:// address.
        exit_url("a javascript: exit page", "javascript:alert(1)"),
        exit_url("a JavaScript: exit page", "JaVaScRiPt:alert(1)"),
        exit_url(
            "a data: exit page",
            "data:text/html,<script>alert(1)</script>",
        ),
        exit_url("an http:// exit page", "http://example.org/"),
        exit_url(
            "an exit page that closes the attribute",
            "https://example.org/\\\" onmouseover=\\\"alert(1)",
        ),
        exit_url(
            "an exit page with a single quote",
            "https://example.org/' onmouseover='alert(1)",
        ),
        exit_url("an exit page with markup", "https://example.org/<script>"),
        exit_url("an exit page with no host", "https://"),
        exit_url("a protocol-relative exit page", "//evil.example/"),
        exit_url("an exit page after a space", " https://example.org/"),
        exit_url("an exit page with a NUL", "https://example.org/\\u0000"),
        exit_url(
            "an exit page with a line separator",
            "https://example.org/\\u2028",
        ),
        exit_url(
            "an exit page over 2000 characters",
            &format!("https://example.org/{}", "a".repeat(2000)),
        ),
        case(
            "an exit page turned on with no address",
            AREA,
            format!("{AREA}\nexit_page = {{ enabled = true }}"),
            "exit_page = { enabled = true }",
            "exit_page is enabled but gives no `url`",
        ),
    ]
}

/// Why `result` is not a refusal naming `words` at line `line` of `FILE`, if it is not.
fn refusal_problem(result: Result<Ruleset, LoadError>, line: usize, words: &str) -> Option<String> {
    let e = match result {
        Ok(_) => return Some("loaded without complaint".to_owned()),
        Err(e) => e,
    };
    let shown: String = e.to_string().chars().take(2000).collect();
    match e.problems.iter().find(|p| p.message.contains(words)) {
        None => Some(format!("no problem says `{words}`; got:\n{shown}")),
        Some(p) if p.line != line => Some(format!(
            "reported at line {}, expected line {line}: {shown}",
            p.line
        )),
        Some(_) if !shown.contains(&format!("{FILE}:{line}:")) => Some(format!(
            "the message does not start with file:line: {shown}"
        )),
        Some(_) => None,
    }
}

#[test]
fn each_hostile_ruleset_is_refused_naming_its_line() {
    let mut wrong = Vec::new();
    let all = cases();
    for c in &all {
        assert!(
            VALID.contains(c.from),
            "case `{}`: `{}` is not in the valid ruleset",
            c.what,
            c.from
        );
        let text = VALID.replacen(c.from, &c.to, 1);
        let line = line_of(&text, &c.line);
        if let Some(why) = refusal_problem(load_str(FILE, &text), line, &c.words) {
            wrong.push(format!("{}: {why}", c.what));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases wrong:\n{}",
        wrong.len(),
        all.len(),
        wrong.join("\n\n")
    );
}

#[test]
fn texts_and_exit_pages_at_the_limits_load() {
    let text = VALID
        .replacen(
            "text = \"Attends school\"",
            &format!("text = \"{}\"", "é".repeat(MAX_TEXT)),
            1,
        )
        .replacen(
            AREA,
            "area = \"testshire\"\nexit_page = { enabled = true, url = \"https://www.bbc.co.uk/weather?a=1&b=2#x\" }",
            1,
        );
    let r = load_str(FILE, &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.indicators[0].text.chars().count(), MAX_TEXT);
    let off = VALID.replacen(
        AREA,
        "area = \"testshire\"\nexit_page = { enabled = false }",
        1,
    );
    load_str(FILE, &off).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_file_over_the_size_limit_is_refused_at_line_1_before_parsing() {
    // Not TOML at all: had it been parsed, the problem would be a syntax error.
    let mut text = String::from("this is [[ not \"TOML\n");
    text.push_str(&"x".repeat(MAX_FILE_BYTES + 1 - text.len()));
    assert_eq!(text.len(), MAX_FILE_BYTES + 1);
    let e = load_str(FILE, &text).unwrap_err();
    assert_eq!(e.problems.len(), 1, "{e}");
    let p = &e.problems[0];
    assert_eq!((p.line, p.column, p.path.as_deref()), (1, 1, None), "{e}");
    assert!(
        p.message.contains("too large")
            && p.message.contains(&format!("{} bytes", MAX_FILE_BYTES + 1))
            && p.message
                .contains(&format!("{MAX_FILE_BYTES} bytes (2 MB)")),
        "{e}"
    );
    assert!(e
        .to_string()
        .starts_with(&format!("{FILE}:1:1: the file is too large")));

    // A valid ruleset padded with a comment to exactly the limit loads.
    let mut at_limit = format!("{VALID}\n#");
    at_limit.push_str(&"x".repeat(MAX_FILE_BYTES - at_limit.len()));
    assert_eq!(at_limit.len(), MAX_FILE_BYTES);
    load_str(FILE, &at_limit).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn nesting_up_to_the_limit_is_left_to_the_parser() {
    let arrays = VALID.replacen(
        AREA,
        &format!(
            "{AREA}\nx = {}1{}",
            "[".repeat(MAX_NESTING),
            "]".repeat(MAX_NESTING)
        ),
        1,
    );
    let dotted = VALID.replacen(
        AREA,
        &format!("{AREA}\n{}a = 1", "a.".repeat(MAX_NESTING - 1)),
        1,
    );
    for text in [arrays, dotted] {
        let e = load_str(FILE, &text).unwrap_err();
        let shown = e.to_string();
        assert!(
            shown.contains("unknown field `x`") || shown.contains("unknown field `a`"),
            "{shown}"
        );
        assert!(
            !shown.contains("nested") && !shown.contains("dotted"),
            "{shown}"
        );
    }
}

#[test]
fn brackets_in_strings_and_comments_are_not_nesting() {
    let brackets = "[{".repeat(100);
    let text = VALID
        .replacen(
            AREA,
            &format!("{AREA}\n# {brackets}.{}", ".".repeat(100)),
            1,
        )
        .replacen(
            "text = \"Attends school\"",
            &format!("text = \"{brackets} \\\" {brackets}\""),
            1,
        )
        .replacen(
            "text = \"Misses appointments\"",
            &format!("text = '{brackets}'"),
            1,
        )
        .replacen(
            "description = \"Early help.\"",
            &format!("description = \"\"\"\n{brackets}\n\"{brackets}\"\"\"\"\""),
            1,
        )
        .replacen(
            "description = \"Significant harm.\"",
            &format!("description = '''{brackets}\n''{}'''", ".".repeat(100)),
            1,
        );
    let r = load_str(FILE, &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.indicators[0].text, format!("{brackets} \" {brackets}"));
    assert_eq!(r.indicators[1].text, brackets);
    assert_eq!(
        r.levels[1].description,
        format!("{brackets}\n\"{brackets}\"\"")
    );
    assert_eq!(
        r.levels[2].description,
        format!("{brackets}\n''{}", ".".repeat(100))
    );
}

/// A file of about 1.5 MB with 20 000 problems: each is reported at its own line, and the
/// lines are found in one pass (a scan per problem took 50 s in a debug build).
#[test]
fn thousands_of_problems_in_a_big_file_are_each_placed_quickly() {
    let n = 20_000;
    let mut text = VALID.to_owned();
    for i in 0..n {
        text.push_str(&format!(
            "\n[[indicators]]\nid = \"x-{i}\"\nlevel = \"nope\"\ntext = \"t{i}\"\nsection = \"s\"\n"
        ));
    }
    let start = Instant::now();
    let e = load_str(FILE, &text).unwrap_err();
    let took = start.elapsed();
    assert_eq!(e.problems.len(), n, "{}", e.problems[0].message);
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "level = \"nope\"")
        .map(|(i, _)| i + 1)
        .collect();
    let reported: Vec<usize> = e.problems.iter().map(|p| p.line).collect();
    assert_eq!(reported, lines);
    assert!(
        took < Duration::from_secs(10),
        "took {took:?} to place {n} problems"
    );
}

#[test]
fn markup_in_a_text_loads_and_is_kept_exactly() {
    // Markup is not refused: a document may quote `<` or `&`, and the page shows every text as
    // text. Escaping it is the UI's job (Leptos text nodes), tested in the browser
    // (tests/browser); here the loader only has to keep the text exactly as written.
    let img = "<img src=x onerror=alert(1)>";
    let script = "</script><script>alert(1)</script>";
    let name = "<b>Level 1</b> & \"co\" 'x' `y`";
    let text = VALID
        .replacen("text = \"Attends school\"", &format!("text = \"{img}\""), 1)
        .replacen("action = \"Call 999.\"", &format!("action = '{script}'"), 1)
        .replacen(
            "name = \"Level 1 Universal\"",
            "name = \"<b>Level 1</b> & \\\"co\\\" 'x' `y`\"",
            1,
        );
    let r = load_str(FILE, &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.indicators[0].text, img);
    assert_eq!(r.routes[0].action, script);
    assert_eq!(r.levels[0].name, name);
}

/// (what, text to replace, replacement with a `# clash` comment, path, message)
const SHARED_IDS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "a route with a level's id",
        "id = \"police\"",
        "id = \"level-1\" # clash",
        "routes[0].id",
        "route id `level-1` is already used by a level",
    ),
    (
        "an indicator with a level's id",
        "id = \"i-three\"",
        "id = \"level-3\" # clash",
        "indicators[3].id",
        "indicator id `level-3` is already used by a level",
    ),
    (
        "a consent note with an indicator's id",
        "id = \"ask-family\"",
        "id = \"i-one\" # clash",
        "consent[0].id",
        "consent note id `i-one` is already used by an indicator",
    ),
    (
        "a rule with a route's id",
        "id = \"several-needs\"",
        "id = \"front-door\" # clash",
        "rules[1].id",
        "rule id `front-door` is already used by a route",
    ),
    (
        "an example with a consent note's id",
        "# Partnership rules",
        "[[examples]]\nid = \"no-delay\" # clash\ntitle = \"A case\"\nlevel = \"level-1\"\n[[examples.sections]]\nheading = \"What happened\"\nparagraphs = [\"Something.\"]\n\n# Partnership rules",
        "examples[0].id",
        "example id `no-delay` is already used by a consent note",
    ),
];

#[test]
fn an_id_used_by_two_kinds_of_item_is_found() {
    let mut wrong = Vec::new();
    for (what, from, to, path, words) in SHARED_IDS {
        assert!(
            VALID.contains(from),
            "case `{what}`: `{from}` is not in the valid ruleset"
        );
        let text = VALID.replacen(from, to, 1);
        let ruleset: Ruleset = toml::from_str(&text).unwrap();
        let found: Vec<String> = shared_ids(&ruleset)
            .iter()
            .map(|d| format!("{}: {}", d.path, d.message))
            .collect();
        if found != [format!("{path}: {words}")] {
            wrong.push(format!("{what}: found {found:?}"));
        }
        // The loader refuses it at the clashing line.
        let result = load_str(FILE, &text);
        if let Some(why) = refusal_problem(result, line_of(&text, "# clash"), words) {
            wrong.push(format!("{what}: {why}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn an_id_repeated_in_one_section_is_only_the_duplicate_problem() {
    let text = VALID.replacen("id = \"police-101\"", "id = \"police\"", 1);
    let ruleset: Ruleset = toml::from_str(&text).unwrap();
    assert!(shared_ids(&ruleset).is_empty());
    let e = load_str(FILE, &text).unwrap_err();
    assert!(e.to_string().contains("duplicate route id `police`"), "{e}");
}

#[test]
fn bundled_rulesets_share_no_ids_across_sections() {
    let found: Vec<String> = common::all_rulesets()
        .iter()
        .flat_map(|r| {
            shared_ids(r)
                .into_iter()
                .map(|d| format!("{}: {}: {}", r.area, d.path, d.message))
        })
        .collect();
    assert!(found.is_empty(), "{found:?}");
}
