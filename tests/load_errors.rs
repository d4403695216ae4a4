//! Each kind of bad ruleset gives a message that names the file, the line and the problem.
//! Table-driven: a small valid ruleset, one edit per case, the line and words expected.

mod common;

use common::line_of;
use threshold_widget::engine::load::load_str;

const VALID: &str = include_str!("fixtures/testshire.toml");

/// (what is wrong, text to replace, replacement, text on the line the error must name, words of the message)
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "unterminated string",
        "text = \"Attends school\"",
        "text = \"Attends school",
        "text = \"Attends school",
        "string",
    ),
    (
        "unknown field",
        "name = \"Level 1 Universal\"",
        "name = \"Level 1 Universal\"\ncolour = \"red\"",
        "colour",
        "unknown field `colour`",
    ),
    (
        "missing field",
        "text = \"Attends school\"\n",
        "",
        "[[indicators]]",
        "missing field `text`",
    ),
    (
        "unknown urgency",
        "urgency = \"urgent\"",
        "urgency = \"soonish\"",
        "soonish",
        "unknown variant `soonish`",
    ),
    (
        "wrong type",
        "date = \"June 2019\"",
        "date = 2008",
        "date = 2008",
        "invalid type",
    ),
    (
        "duplicate level id",
        "id = \"level-2\"",
        "id = \"level-1\" # again",
        "# again",
        "duplicate level id `level-1`",
    ),
    (
        "duplicate indicator id",
        "id = \"i-two\"",
        "id = \"i-one\" # again",
        "# again",
        "duplicate indicator id `i-one`",
    ),
    (
        "indicator with a missing level",
        "level = \"level-2\"\ntext = \"Misses",
        "level = \"level-9\"\ntext = \"Misses",
        "level-9",
        "points to level `level-9`, which is not defined",
    ),
    (
        "level with no route",
        "when = { levels = [\"level-1\", \"level-2\"] }",
        "when = { levels = [\"level-2\"] }",
        "id = \"level-1\"",
        "level `level-1` has no route",
    ),
    (
        "empty text",
        "text = \"Attends school\"",
        "text = \"  \"",
        "text = \"  \"",
        "indicator text is empty",
    ),
    (
        "phone that is not a number",
        "phone = \"01709 336080\"",
        "phone = \"call us\"",
        "call us",
        "is not a phone number",
    ),
    (
        "javascript: as a phone",
        "phone = \"01709 336080\"",
        "phone = \"javascript:alert(1)\"",
        "javascript:",
        "is not a phone number",
    ),
    (
        "route that never applies",
        "when = { context = [\"crime\"] }",
        "when = { }",
        "when = { }",
        "never applies",
    ),
    (
        "route to an unknown level",
        "levels = [\"level-1\", \"level-2\"] }",
        "levels = [\"level-1\", \"level-2\", \"level-7\"] }",
        "level-7",
        "level `level-7` is not defined",
    ),
    (
        "no 999 when in danger",
        "when = { danger = [\"yes\"] }",
        "when = { danger = [\"no\"] }",
        "[[routes]]",
        "no emergency route with phone 999",
    ),
    (
        "no route for not sure",
        "danger = [\"not-sure\"], ",
        "",
        "[[routes]]",
        "not sure whether the child is in immediate danger",
    ),
    (
        "consent for an unknown level",
        "basis = { document = \"Consent\" }\nwhen = { levels = [\"level-2\"] }",
        "basis = { document = \"Consent\" }\nwhen = { levels = [\"level-8\"] }",
        "level-8",
        "level `level-8` is not defined",
    ),
    (
        "badly formed id",
        "id = \"i-one\"",
        "id = \"I One\"",
        "I One",
        "must be 1 to 64 lowercase letters",
    ),
    (
        "replaced by an unknown route",
        "replaced_by = \"front-door\"",
        "replaced_by = \"nowhere\"",
        "nowhere",
        "replaced_by `nowhere`, which is not defined",
    ),
    (
        "area that is not the file name",
        "area = \"testshire\"",
        "area = \"elsewhere\"",
        "area = \"elsewhere\"",
        "does not match the file name `testshire.toml`",
    ),
    (
        "a control character",
        "Talk to your lead.",
        "Talk to\\u0007 your lead.",
        "Talk to",
        "contains a control character",
    ),
    (
        "a machine date that is not a date",
        "dated = \"2019-06\"",
        "dated = \"June 2019\"",
        "dated = \"June 2019\"",
        "must be a date as YYYY-MM",
    ),
    (
        "a rule with no condition",
        "when = { levels = [\"level-3\"] }",
        "when = {}",
        "when = {}",
        "gives no condition",
    ),
    (
        "an unknown rule effect",
        "effect = \"consider-next-level\"",
        "effect = \"escalate\"",
        "escalate",
        "unknown variant `escalate`",
    ),
    (
        "refer-now without a route",
        "route = \"front-door\"\n",
        "",
        "effect = \"refer-now\"",
        "refer-now but names no `route`",
    ),
    (
        "a rule naming an unknown route",
        "route = \"front-door\"",
        "route = \"nowhere\"",
        "route = \"nowhere\"",
        "route `nowhere`, which is not defined",
    ),
    (
        "a route on a rule that is not refer-now",
        "effect = \"consider-next-level\"",
        "effect = \"consider-next-level\"\nroute = \"school\"",
        "route = \"school\"",
        "only a refer-now rule names a `route`",
    ),
    (
        "min_domains when no indicator has a domain",
        "min_ticked = 2",
        "min_domains = 2",
        "min_domains = 2",
        "no indicator has a `domain`",
    ),
    (
        "the next level from the top level",
        "when = { levels = [\"level-2\"], min_ticked = 2 }",
        "when = { levels = [\"level-3\"], min_ticked = 2 }",
        "when = { levels = [\"level-3\"], min_ticked = 2 }",
        "only applies at the top level",
    ),
    (
        "route with no basis",
        "source = \"Contacts\"\nbasis = { document = \"Contacts\" }\nwhen = { danger = [\"yes\"] }",
        "source = \"Contacts\" # police\nwhen = { danger = [\"yes\"] }",
        "# police",
        "route `police` has no `basis`: on the line below `source`, write `basis = { document =",
    ),
    (
        "consent note with no basis",
        "source = \"Consent\"\nbasis = { document = \"Consent\" }",
        "source = \"Consent\" # here",
        "# here",
        "consent note `ask-family` has no `basis`",
    ),
    (
        "rule with no basis",
        "source = \"Thresholds\"\nbasis = { document = \"Thresholds\" }",
        "source = \"Thresholds\" # here",
        "# here",
        "rule `tried-early-help` has no `basis`",
    ),
    (
        "reminder with no basis",
        "source = \"Introduction\"\nbasis = { document = \"Introduction\" }",
        "source = \"Introduction\" # here",
        "# here",
        "reminder has no `basis`",
    ),
    (
        "interpretation with no reason",
        "basis = { document = \"Consent\" }",
        "basis = { interpretation = \" \" }",
        "interpretation = \" \"",
        "must name the section, the national guidance or the reason",
    ),
    (
        "unknown basis",
        "basis = { document = \"Consent\" }",
        "basis = { hunch = \"yes\" }",
        "hunch",
        "unknown variant `hunch`",
    ),
    (
        "level with no kind",
        "name = \"Level 2 Targeted\"\nkind = \"early-help\"",
        "name = \"Level 2 Targeted\"",
        "Level 2 Targeted",
        "level `level-2` has no `kind`: below its `name`, write `kind = `",
    ),
    (
        "levels whose kinds go down the scale",
        "kind = \"early-help\"",
        "kind = \"looked-after\"",
        "kind = \"child-protection\"",
        "level `level-3` is of kind `ChildProtection` but comes after a level of kind `LookedAfter`",
    ),
    (
        "contacts_checked not a month",
        "source_file = \"testshire.txt\"",
        "source_file = \"testshire.txt\"\ncontacts_checked = \"spring 2025\"",
        "spring 2025",
        "contacts_checked `spring 2025` must be the month the contacts were last checked, as YYYY-MM",
    ),
    (
        "escalation link not https",
        "[[levels]]",
        "[guidance.escalation]\ntext = \"Talk to your manager.\"\nsource = \"Disagreement\"\nbasis = { document = \"Disagreement\" }\nlink = \"http://example.org/escalation\"\n\n[[levels]]",
        "http://example.org",
        "escalation link `http://example.org/escalation` must be an https:// address",
    ),
    (
        "a kind no level has",
        "when = { levels = [\"level-2\"] }",
        "when = { kinds = [\"looked-after\"] }",
        "looked-after",
        "no level has kind `LookedAfter`, so this entry never applies",
    ),
    (
        "allocated social worker route that never applies to an open case",
        "allocated_social_worker = true\nwhen = { context = [\"has-social-worker\"] }",
        "allocated_social_worker = true\nwhen = { levels = [\"level-3\"] }",
        "allocated_social_worker = true",
        "its `when.context` must include \"has-social-worker\"",
    ),
    (
        "a route brought by an indicator the ruleset does not have",
        "when = { context = [\"crime\"] }",
        "when = { context = [\"crime\"], indicators = [\"i-one\", \"i-nine\"] }",
        "i-nine",
        "indicator `i-nine` is not defined in [[indicators]]: use the `id` of one of this ruleset's indicators",
    ),
    (
        "a straight double quote inside a text",
        "text = \"Attends school\"",
        "text = \"Attends \"good\" school\"",
        "Attends \"good\"",
        "a straight double quote (\") inside a text ends it early: inside the text use single quotes ('like this') or curly quotes, or write \\\"",
    ),
    (
        "curly quotes from a word processor around a text",
        "text = \"Attends school\"",
        "text = \u{201c}Attends school\u{201d}",
        "\u{201c}Attends school",
        "a text must start and end with straight quotes, \"like this\"; curly quotes inside it are fine",
    ),
    (
        "an apostrophe inside a text in single quotes",
        "text = \"Attends school\"",
        "text = 'Attends the child's school'",
        "child's",
        "a text in single quotes cannot hold an apostrophe or a single quote: put the text in double quotes",
    ),
    (
        "a phone number without quotes",
        "phone = \"01709 336080\"",
        "phone = 01709336080",
        "phone = 01709336080",
        "write the number in quotes, e.g. `phone = \"01709 336080\"`; if the document gives no number, leave `phone` out and say where to find the number in `find_details`",
    ),
    (
        "a phone field with words in it says what to do instead",
        "phone = \"101\"",
        "phone = \"ask at reception\"",
        "ask at reception",
        "is not a phone number (digits and spaces, 3 to 15 digits): if the document gives no number, leave `phone` out and say where to find the number in `find_details`",
    ),
    (
        "a level no indicator and no rule can reach",
        "description = \"Significant harm.\"",
        "description = \"Significant harm.\"\n\n[[levels]]\nid = \"level-4\"\nname = \"Level 4 Looked after\"\nkind = \"looked-after\"\ndescription = \"In care.\"\n\n[[routes]]\nid = \"care-team\"\nname = \"Care team\"\nurgency = \"urgent\"\naction = \"Contact the care team.\"\nsource = \"Contacts\"\nbasis = { document = \"Contacts\" }\nwhen = { levels = [\"level-4\"] }",
        "id = \"level-4\"",
        "level `level-4` can never be shown: no indicator has `level = \"level-4\"` and no rule leads to it; add the document's indicators for this level",
    ),
    (
        "a route only for a level no answer reaches",
        "description = \"Significant harm.\"",
        "description = \"Significant harm.\"\n\n[[levels]]\nid = \"level-4\"\nname = \"Level 4 Looked after\"\nkind = \"looked-after\"\ndescription = \"In care.\"\n\n[[routes]]\nid = \"care-team\"\nname = \"Care team\"\nurgency = \"urgent\"\naction = \"Contact the care team.\"\nsource = \"Contacts\"\nbasis = { document = \"Contacts\" }\nwhen = { levels = [\"level-4\"] }",
        "id = \"care-team\"",
        "route `care-team` is never shown: no answer to the questions and no ticks bring it; change its `when`",
    ),
    (
        "a route link that is not https",
        "action = \"Call 999.\"",
        "action = \"Call 999.\"\nlink = \"http://police.example.org.uk/report\"",
        "link = \"http://",
        "route `police` link `http://police.example.org.uk/report` must be an https:// address (no spaces, quotes or angle brackets): copy the address the document gives, starting https://, or leave `link` out",
    ),
    (
        "a route link that is a script",
        "action = \"Call 999.\"",
        "action = \"Call 999.\"\nlink = \"javascript:alert(1)\"",
        "javascript:",
        "route `police` link `javascript:alert(1)` must be an https:// address",
    ),
    (
        "a further source document with an http link",
        "source_file = \"testshire.txt\"",
        "source_file = \"testshire.txt\"\n\n[[provenance.documents]]\ntitle = \"Testshire escalation policy\"\ndate = \"2020\"\nlink = \"http://testshire.example/escalation\"",
        "link = \"http://testshire",
        "provenance document link `http://testshire.example/escalation` must be an https:// address",
    ),
    (
        "a further source document without its title",
        "source_file = \"testshire.txt\"",
        "source_file = \"testshire.txt\"\n\n[[provenance.documents]]\ndate = \"2020\"",
        "[[provenance.documents]]",
        "missing field `title`",
    ),
    (
        "an empty next step",
        "description = \"Early help.\"",
        "description = \"Early help.\"\nnext_steps = [\"Start an Early Help Assessment.\", \" \"]",
        "next_steps",
        "level next step is empty",
    ),
    (
        "an empty incomplete marker on a level",
        "description = \"Early help.\"",
        "description = \"Early help.\"\nincomplete = \"\"",
        "incomplete = \"\"",
        "level incomplete is empty",
    ),
    (
        "an empty incomplete marker on the ruleset",
        "source_file = \"testshire.txt\"",
        "source_file = \"testshire.txt\"\nincomplete = \"  \"",
        "incomplete = \"  \"",
        "provenance incomplete is empty",
    ),
    (
        "an empty covers",
        "source_file = \"testshire.txt\"",
        "source_file = \"testshire.txt\"\ncovers = \"\"",
        "covers = \"\"",
        "provenance covers is empty",
    ),
    (
        "a route always replaced by another",
        "when = { context = [\"crime\"] }",
        "when = { danger = [\"yes\"] }\nreplaced_by = \"police\"",
        "id = \"police-101\"",
        "route `police-101` is never shown: no answer to the questions and no ticks bring it (whenever it applies, `police` applies too and replaces it)",
    ),
];

#[test]
fn curly_quotes_inside_a_text_are_fine() {
    let text = VALID.replacen(
        "text = \"Attends school\"",
        "text = \"Attends \u{201c}good\u{201d} school, it\u{2019}s said\"",
        1,
    );
    let r = load_str("rulesets/testshire.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        r.indicators[0].text,
        "Attends \u{201c}good\u{201d} school, it\u{2019}s said"
    );
}

#[test]
fn every_unknown_field_and_every_other_problem_at_once() {
    // Three kinds of mistake: unknown fields (in a table and in an inline table), a level
    // that does not exist, a phone that is not a number.
    let text = VALID
        .replacen(
            "name = \"Level 1 Universal\"",
            "name = \"Level 1 Universal\"\ncolour = \"red\"",
            1,
        )
        .replacen(
            "when = { levels = [\"level-2\"] }",
            "when = { levels = [\"level-2\"], colour = \"x\" }",
            1,
        )
        .replacen(
            "text = \"Misses appointments\"",
            "text = \"Misses appointments\"\nshade = 3",
            1,
        )
        .replacen(
            "level = \"level-2\"\ntext = \"Misses",
            "level = \"level-9\"\ntext = \"Misses",
            1,
        )
        .replacen("phone = \"101\"", "phone = \"one oh one\"", 1);
    let e = load_str("rulesets/testshire.toml", &text).unwrap_err();
    let found: Vec<(usize, &str)> = e
        .problems
        .iter()
        .map(|p| (p.line, p.message.as_str()))
        .collect();
    let expect = [
        (line_of(&text, "colour = \"red\""), "unknown field `colour`"),
        (line_of(&text, "shade = 3"), "unknown field `shade`"),
        (line_of(&text, "level-9"), "points to level `level-9`"),
        (line_of(&text, "one oh one"), "is not a phone number"),
        (line_of(&text, "colour = \"x\""), "unknown field `colour`"),
    ];
    for (line, words) in expect {
        assert!(
            found.iter().any(|(l, m)| *l == line && m.contains(words)),
            "no `{words}` at line {line}:\n{e}"
        );
    }
    assert_eq!(e.problems.len(), expect.len(), "{e}");
    let lines: Vec<usize> = found.iter().map(|(l, _)| *l).collect();
    assert!(lines.is_sorted(), "in file order: {lines:?}");
}

#[test]
fn the_valid_ruleset_loads() {
    let r = load_str("rulesets/testshire.toml", VALID).unwrap();
    assert_eq!(r.levels.len(), 3);
}

#[test]
fn each_kind_of_bad_input_names_its_line_and_problem() {
    let mut wrong = Vec::new();
    for (what, from, to, line_needle, words) in CASES {
        assert!(
            VALID.contains(from),
            "case `{what}`: `{from}` is not in the valid ruleset"
        );
        let text = VALID.replacen(from, to, 1);
        let expected_line = line_of(&text, line_needle);
        match load_str("rulesets/testshire.toml", &text) {
            Ok(_) => wrong.push(format!("{what}: loaded without complaint")),
            Err(e) => {
                let shown = e.to_string();
                let hit = e.problems.iter().find(|p| p.message.contains(words));
                match hit {
                    None => wrong.push(format!("{what}: no problem says `{words}`; got:\n{shown}")),
                    Some(p) if p.line != expected_line => wrong.push(format!(
                        "{what}: reported at line {}, expected line {expected_line}: {shown}",
                        p.line
                    )),
                    Some(_)
                        if !shown
                            .contains(&format!("rulesets/testshire.toml:{expected_line}:")) =>
                    {
                        wrong.push(format!(
                            "{what}: the message does not start with file:line: {shown}"
                        ))
                    }
                    Some(_) => {}
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cases wrong:\n{}",
        wrong.len(),
        wrong.join("\n\n")
    );
}

#[test]
fn validation_reports_every_problem_at_once_in_line_order() {
    let text = VALID
        .replacen("id = \"i-two\"", "id = \"i-one\"", 1)
        .replacen("phone = \"01709 336080\"", "phone = \"ring us\"", 1)
        .replacen("description = \"Early help.\"", "description = \"\"", 1);
    let e = load_str("rulesets/testshire.toml", &text).unwrap_err();
    let messages: Vec<&str> = e.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(e.problems.len(), 3, "{messages:?}");
    let lines: Vec<usize> = e.problems.iter().map(|p| p.line).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted, "problems are listed in file order");
    assert!(
        e.problems.iter().all(|p| p.path.is_some()),
        "each validation problem names its place: {messages:?}"
    );
}

#[test]
fn a_missing_file_says_it_cannot_be_read() {
    let e = threshold_widget::engine::load::load_file(std::path::Path::new(
        "rulesets/no-such-area.toml",
    ))
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("rulesets/no-such-area.toml:0:0: cannot read the file"),
        "{e}"
    );
}

#[test]
fn a_ruleset_too_large_to_check_for_reach_says_so_instead_of_hanging() {
    // 500 more levels, each with an indicator and all brought by one route: valid, but
    // running the engine over every answer at every level would take too long in a browser.
    let mut text = VALID.to_owned();
    let mut levels = Vec::new();
    for n in 0..500 {
        text.push_str(&format!("\n[[levels]]\nid = \"extra-{n}\"\nname = \"Extra {n}\"\nkind = \"looked-after\"\ndescription = \"More.\"\n\n[[indicators]]\nid = \"x-{n}\"\nlevel = \"extra-{n}\"\ntext = \"Extra need {n}\"\nsection = \"Extra\"\n"));
        levels.push(format!("\"extra-{n}\""));
    }
    text.push_str(&format!("\n[[routes]]\nid = \"extra-route\"\nname = \"Extra\"\nurgency = \"urgent\"\naction = \"Call.\"\nsource = \"Contacts\"\nbasis = {{ document = \"Contacts\" }}\nwhen = {{ levels = [{}] }}\n", levels.join(", ")));
    let started = std::time::Instant::now();
    let e = load_str("rulesets/testshire.toml", &text).unwrap_err();
    assert!(
        e.problems.iter().any(|p| p.message.starts_with(
            "the ruleset is too large to check that every level and route can be reached"
        )),
        "{e}"
    );
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}
