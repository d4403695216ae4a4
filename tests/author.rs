//! The authoring page's wasm (src/bin/author.rs), run natively: for one table of bad files,
//! its `check` gives exactly the problems `threshold-widget check` prints and the site's
//! own-ruleset path gives (the loader wasm's `load_site_ruleset`); its template checks clean
//! and is no real partnership; its scenario runner and "Save this as a scenario" agree with
//! `threshold-widget scenarios`.

#[allow(dead_code)]
#[path = "../src/bin/author.rs"]
mod author;

use std::process::Command;
use threshold_widget::engine::load::load_site_ruleset;

const VALID: &str = include_str!("fixtures/testshire.toml");
const SCENARIOS: &str = include_str!("fixtures/testshire.scenarios.toml");

/// Edits to the valid fixture: (text to replace, replacement).
type Edits = &'static [(&'static str, &'static str)];

/// (what is wrong, edits, how many problems)
const BAD_FILES: &[(&str, Edits, usize)] = &[
    (
        "three different mistakes",
        &[
            (
                "name = \"Level 1 Universal\"",
                "name = \"Level 1 Universal\"\ncolour = \"red\"",
            ),
            (
                "level = \"level-2\"\ntext = \"Misses",
                "level = \"level-9\"\ntext = \"Misses",
            ),
            (
                "phone = \"01709 336080\"\naction = \"Refer",
                "phone = \"call us\"\naction = \"Refer",
            ),
        ],
        3,
    ),
    (
        "the new fields' checks: an http link, an empty next step, an empty covers",
        &[
            (
                "action = \"Call 999.\"",
                "action = \"Call 999.\"\nlink = \"http://police.example/report\"",
            ),
            (
                "description = \"Early help.\"",
                "description = \"Early help.\"\nnext_steps = [\"\"]",
            ),
            (
                "source_file = \"testshire.txt\"",
                "source_file = \"testshire.txt\"\ncovers = \" \"",
            ),
        ],
        3,
    ),
    (
        "curly quotes around a text",
        &[(
            "text = \"Attends school\"",
            "text = \u{201c}Attends school\u{201d}",
        )],
        1,
    ),
    (
        "a straight quote inside a text",
        &[(
            "text = \"Attends school\"",
            "text = \"Attends \"school\" daily\"",
        )],
        1,
    ),
    (
        "a phone number without quotes",
        &[("phone = \"101\"", "phone = 101")],
        1,
    ),
    (
        "a level no route serves",
        &[(
            "when = { levels = [\"level-1\", \"level-2\"] }",
            "when = { levels = [\"level-2\"] }",
        )],
        1,
    ),
    (
        "no 999 route",
        &[(
            "when = { danger = [\"yes\"] }\n",
            "when = { levels = [\"level-3\"] }\n",
        )],
        1,
    ),
    ("an empty file", &[], 1),
];

fn bad_file(edits: &[(&str, &str)]) -> String {
    if edits.is_empty() {
        return String::new();
    }
    let mut text = VALID.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "fixture lacks {from:?}");
        text = text.replacen(from, to, 1);
    }
    text
}

/// What `threshold-widget check testshire.toml` prints for `text`, one problem a line.
fn cli_check(text: &str) -> Vec<String> {
    cli_check_as("testshire.toml", text)
}

/// What `threshold-widget check FILE` prints for `text` written at `file` (a path relative
/// to a fresh folder), one problem a line.
fn cli_check_as(file: &str, text: &str) -> Vec<String> {
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("tw-author-{}-{call}", std::process::id()));
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_threshold-widget"))
        .args(["check", file])
        .current_dir(&dir)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    if out.status.success() {
        return Vec::new();
    }
    String::from_utf8(out.stderr)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_authoring_page_the_command_line_and_the_sites_own_ruleset_give_the_same_problems() {
    for (what, edits, count) in BAD_FILES {
        let text = bad_file(edits);
        let page = author::check("testshire.toml", &text);
        assert_eq!(page.len(), *count, "{what}: {page:#?}");
        for p in &page {
            assert!(
                p.starts_with("testshire.toml:")
                    && p.split(':').nth(1).unwrap().parse::<usize>().is_ok(),
                "{what}: {p} names no line"
            );
        }
        assert_eq!(page, cli_check(&text), "{what}: the command line differs");
        let site: Vec<String> = load_site_ruleset("testshire.toml", &text)
            .unwrap_err()
            .to_string()
            .lines()
            .map(str::to_owned)
            .collect();
        assert_eq!(page, site, "{what}: the widget's own-ruleset path differs");
    }
    assert_eq!(author::check("testshire.toml", VALID), Vec::<String>::new());
}

#[test]
fn the_three_mistakes_are_each_on_their_own_line_with_what_to_do() {
    let text = bad_file(BAD_FILES[0].1);
    let problems = author::check("levels.toml", &text);
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap()
    };
    let expect = [
        (line_of("colour"), "unknown field `colour`"),
        (line_of("level-9"), "level `level-9`"),
        (line_of("call us"), "not a phone number"),
    ];
    for ((line, words), p) in expect.iter().zip(&problems) {
        assert!(
            p.starts_with(&format!("levels.toml:{line}:")),
            "{p} is not on line {line}"
        );
        assert!(p.contains(words), "{p} lacks {words:?}");
    }
}

#[test]
fn the_template_checks_clean_reaches_every_level_and_is_no_real_partnership() {
    assert_eq!(
        author::check("levels.toml", author::TEMPLATE),
        Vec::<String>::new()
    );
    let ruleset = load_site_ruleset("levels.toml", author::TEMPLATE).unwrap();
    assert!(ruleset.provenance.partnership.contains("template"));
    // No phone number but the national 999.
    let phones: Vec<&str> = ruleset
        .routes
        .iter()
        .filter_map(|r| r.phone.as_deref())
        .collect();
    assert_eq!(phones, ["999"]);
    let digits = author::TEMPLATE
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() >= 5)
        .collect::<Vec<_>>();
    assert_eq!(
        digits,
        Vec::<&str>::new(),
        "a number that looks like a phone number"
    );
    let review = author::review("levels.toml", author::TEMPLATE).unwrap();
    for level in &ruleset.levels {
        assert!(review.contains(&format!("### {} (`{}`", level.name, level.id)));
    }
    assert!(!review.contains("No answer gives this level"));
}

#[test]
fn scenarios_pass_and_fail_per_scenario_with_the_difference() {
    let lines = author::run_scenarios("testshire.toml", VALID, "t.scenarios.toml", SCENARIOS);
    assert!(lines.iter().all(|l| l.starts_with("pass\t")), "{lines:#?}");
    assert!(lines.len() > 5);

    // Change what one scenario expects: it fails with the difference, the others pass.
    let first = SCENARIOS
        .lines()
        .find(|l| l.starts_with("name = "))
        .unwrap()
        .trim_start_matches("name = ")
        .trim_matches('"')
        .to_owned();
    let broken = SCENARIOS.replacen("level = \"level-", "level = \"level-9", 1);
    let lines = author::run_scenarios("testshire.toml", VALID, "t.scenarios.toml", &broken);
    let fails: Vec<&String> = lines.iter().filter(|l| l.starts_with("fail\t")).collect();
    assert_eq!(fails.len(), 1, "{lines:#?}");
    assert!(
        fails[0].starts_with(&format!("fail\t{first}\tlevel is `")),
        "{}",
        fails[0]
    );
    assert!(fails[0].contains("expected `level-9"), "{}", fails[0]);
}

#[test]
fn a_saved_scenario_passes_and_says_what_the_engine_shows() {
    let checked: Vec<String> = ["danger-not-sure", "crime-yes", "ind-i-two", "ind-i-two-b"]
        .map(String::from)
        .to_vec();
    let text =
        author::add_scenario("testshire.toml", VALID, "", "two needs, a crime", checked).unwrap();
    assert!(text.starts_with("area = \"testshire\"\n"), "{text}");
    assert!(
        text.contains("name = \"two needs, a crime\"\ndanger = \"not-sure\"\ncrime = true\n"),
        "{text}"
    );
    assert!(
        text.contains("ticked = [\"i-two\", \"i-two-b\"]\nlevel = \"level-2\"\n"),
        "{text}"
    );
    let lines = author::run_scenarios("testshire.toml", VALID, "t.scenarios.toml", &text);
    assert!(
        lines.contains(&"pass\ttwo needs, a crime".to_owned()),
        "{lines:#?}"
    );
    // A name with quotes stays one TOML string.
    let again = author::add_scenario("testshire.toml", VALID, &text, "say \"hi\"", vec![]).unwrap();
    let lines = author::run_scenarios("testshire.toml", VALID, "t.scenarios.toml", &again);
    assert!(lines.contains(&"pass\tsay \"hi\"".to_owned()), "{lines:#?}");
}

/// The file-name rule is the bundled rulesets' (README, "Write a ruleset"): `check` wants a
/// file in `rulesets/` named after its area, and takes any other file under any name, as the
/// page and the widget's own-ruleset path do.
#[test]
fn the_command_line_wants_the_area_as_the_file_name_only_for_bundled_rulesets() {
    assert_eq!(cli_check_as("levels.toml", VALID), Vec::<String>::new());
    assert_eq!(
        cli_check_as("safeguarding/levels.toml", VALID),
        Vec::<String>::new()
    );
    assert_eq!(author::check("levels.toml", VALID), Vec::<String>::new());
    let bundled = cli_check_as("rulesets/levels.toml", VALID);
    assert_eq!(bundled.len(), 1, "{bundled:#?}");
    assert!(
        bundled[0].starts_with("rulesets/levels.toml:")
            && bundled[0].contains("area `testshire` does not match the file name `levels.toml`"),
        "{bundled:#?}"
    );
    assert_eq!(
        cli_check_as("rulesets/testshire.toml", VALID),
        Vec::<String>::new()
    );
}
