//! The rules of ARCHITECTURE.md ("How a level and a route are worked out") on the made-up
//! Testshire ruleset, where a scenario cannot say it: the wording of reasons and rules,
//! unknown ticks, groups, search, staleness, and variants of the ruleset. Which level, routes, rules and consent notes each answer
//! gives is in `tests/fixtures/testshire.scenarios.toml`, run by `tests/scenarios.rs`.

mod common;

use common::answers;
use threshold_widget::engine::load::load_str;
use threshold_widget::engine::{
    evaluate, search, Danger, IndicatorId, Known, Outcome, Reason, Ruleset,
};

fn testshire() -> Ruleset {
    load_str("testshire.toml", include_str!("fixtures/testshire.toml")).unwrap()
}

fn route_ids(o: &Outcome) -> Vec<&str> {
    o.routes.iter().map(|c| c.route.id.as_str()).collect()
}

#[test]
fn reasons_quote_the_ticked_indicators_at_the_level_with_their_section() {
    let o = evaluate(
        &testshire(),
        &answers(Some(Danger::No), &["i-one", "i-two", "i-two-b"]),
    );
    let quoted: Vec<(String, String, String)> = o
        .reasons
        .iter()
        .map(|r| match r {
            Reason::Indicator {
                text,
                level_name,
                section,
                ..
            } => (text.clone(), level_name.clone(), section.clone()),
            other => panic!("unexpected reason {other:?}"),
        })
        .collect();
    assert_eq!(
        quoted,
        vec![
            (
                "Misses appointments".into(),
                "Level 2 Targeted".into(),
                "Level 2".into()
            ),
            (
                "Parents struggle with routines".into(),
                "Level 2 Targeted".into(),
                "Level 2".into()
            ),
        ]
    );
    assert_eq!(
        o.also_ticked.len(),
        1,
        "the level 1 tick is listed as also ticked"
    );
    assert!(o.reasons[0]
        .describe()
        .contains("\u{201c}Misses appointments\u{201d}"));
}

#[test]
fn nothing_ticked_says_so_and_none_of_these_is_remembered() {
    let r = testshire();
    let o = evaluate(&r, &answers(Some(Danger::No), &[]));
    assert_eq!(
        o.reasons,
        vec![Reason::NothingTicked {
            none_of_these: false
        }]
    );
    let mut a = answers(Some(Danger::No), &[]);
    a.set_none_of_these(true);
    assert_eq!(
        evaluate(&r, &a).reasons,
        vec![Reason::NothingTicked {
            none_of_these: true
        }]
    );
}

#[test]
fn none_of_these_is_exclusive() {
    let mut a = answers(None, &["i-one", "i-three"]);
    a.set_none_of_these(true);
    assert!(
        a.ticked.is_empty(),
        "ticking None of these clears the indicators"
    );
    a.tick(&IndicatorId::from("i-two"), true);
    assert!(
        !a.none_of_these,
        "ticking an indicator clears None of these"
    );
    a.tick(&IndicatorId::from("i-two"), false);
    assert!(a.ticked.is_empty());
}

#[test]
fn each_route_card_says_why_it_is_there() {
    let mut a = answers(Some(Danger::Yes), &["i-three"]);
    a.social_worker = Some(Known::Yes);
    let o = evaluate(&testshire(), &a);
    let police = &o.routes[0];
    assert_eq!(police.because, vec![Reason::Danger(Danger::Yes)]);
    let front = o
        .routes
        .iter()
        .find(|c| c.route.id.as_str() == "front-door")
        .unwrap();
    assert_eq!(
        front.because,
        vec![
            Reason::Danger(Danger::Yes),
            Reason::Level("Level 3 Acute".into()),
            Reason::Rule {
                id: "refer-at-top".into(),
                summary: "Refer now: Front door.".into()
            }
        ]
    );
    assert!(o.routes.iter().all(|c| !c.because.is_empty()));
}

/// Testshire with a route and a consent note that one indicator brings by itself
/// (`when.indicators`), as Trafford's significant-harm referral does (fidelity review T3).
fn testshire_with_tick_route() -> Ruleset {
    let text = format!(
        "{}{}",
        include_str!("fixtures/testshire.toml"),
        r#"
[[routes]]
id = "routines-help"
name = "Parenting help"
urgency = "urgent"
action = "Ask for parenting help now."
source = "Contacts"
basis = { document = "Contacts" }
when = { indicators = ["i-two-b"] }

[[consent]]
id = "routines-consent"
text = "Talk to the parents about routines."
source = "Consent"
basis = { document = "Consent" }
when = { indicators = ["i-two-b"] }
"#
    );
    load_str("testshire.toml", &text).unwrap()
}

#[test]
fn a_route_can_be_brought_by_one_ticked_indicator_whatever_the_level_or_danger() {
    let r = testshire_with_tick_route();
    for (danger, ticked) in [
        (Some(Danger::No), &["i-two-b"][..]),
        (None, &["i-two-b"][..]),
        (Some(Danger::No), &["i-two-b", "i-three"][..]),
        (Some(Danger::Yes), &["i-one", "i-two-b"][..]),
    ] {
        let o = evaluate(&r, &answers(danger, ticked));
        let card = o
            .routes
            .iter()
            .find(|c| c.route.id.as_str() == "routines-help")
            .unwrap_or_else(|| {
                panic!(
                    "{danger:?} {ticked:?}: no routines-help in {:?}",
                    route_ids(&o)
                )
            });
        assert_eq!(
            card.because,
            vec![Reason::Ticked {
                id: IndicatorId("i-two-b".into()),
                text: "Parents struggle with routines".into()
            }],
            "{danger:?} {ticked:?}"
        );
        assert_eq!(
            card.because[0].describe(),
            "You ticked \u{201c}Parents struggle with routines\u{201d}."
        );
        assert!(o.consent.iter().any(|c| c.id == "routines-consent"));
    }
    // Near misses: another tick at the same level, or nothing ticked, does not bring it.
    for (danger, ticked) in [
        (Some(Danger::No), &["i-two"][..]),
        (Some(Danger::No), &[][..]),
        (Some(Danger::Yes), &["i-two", "i-three"][..]),
    ] {
        let o = evaluate(&r, &answers(danger, ticked));
        assert!(
            !route_ids(&o).contains(&"routines-help"),
            "{danger:?} {ticked:?}: {:?}",
            route_ids(&o)
        );
        assert!(o.consent.iter().all(|c| c.id != "routines-consent"));
    }
    // Danger still puts 999 first.
    let o = evaluate(&r, &answers(Some(Danger::Yes), &["i-two-b"]));
    assert_eq!(route_ids(&o)[0], "police");
}

#[test]
fn the_reminder_is_always_in_the_outcome_and_unanswered_danger_is_flagged() {
    let r = testshire();
    let o = evaluate(&r, &answers(None, &[]));
    assert!(o.danger_unanswered);
    assert_eq!(o.guidance.reminder.text, "This is only a guide.");
    assert!(!evaluate(&r, &answers(Some(Danger::No), &[])).danger_unanswered);
}

#[test]
fn a_tick_the_ruleset_does_not_know_is_ignored() {
    let o = evaluate(
        &testshire(),
        &answers(Some(Danger::No), &["no-such-indicator"]),
    );
    assert_eq!(o.level.id, "level-1");
}

#[test]
fn indicators_are_grouped_by_level_unless_the_document_uses_domains() {
    let mut r = testshire();
    let headings: Vec<String> = r.indicator_groups().into_iter().map(|(h, _)| h).collect();
    assert_eq!(
        headings,
        ["Level 1 Universal", "Level 2 Targeted", "Level 3 Acute"]
    );
    r.indicators[0].domain = Some("Health".into());
    r.indicators[3].domain = Some("Health".into());
    let groups = r.indicator_groups();
    assert_eq!(groups[0].0, "Health");
    assert_eq!(groups[0].1.len(), 2);
}

#[test]
fn search_matches_every_word_ignoring_case_and_punctuation() {
    let cases = [
        ("Who are aged 16 plus and are homeless", "", true),
        ("Who are aged 16 plus and are homeless", "HOMELESS", true),
        ("Who are aged 16 plus and are homeless", "16 homeless", true),
        ("Who are aged 16 plus and are homeless", "home", true),
        (
            "Who are aged 16 plus and are homeless",
            "homeless 17",
            false,
        ),
        (
            "Low level self- harm or substance misuse",
            "self-harm",
            true,
        ),
        (
            "At medium risk of child sexual exploitation or are going \"missing\"",
            "missing",
            true,
        ),
        (
            "Disabilities (low level) non complex health needs",
            "mental",
            false,
        ),
    ];
    for (text, query, expected) in cases {
        assert_eq!(
            search::matches(text, query),
            expected,
            "{query:?} in {text:?}"
        );
    }
}

fn fired(o: &Outcome) -> Vec<&str> {
    o.rules.iter().map(|r| r.id.as_str()).collect()
}

/// Which rules fire and the routes they give are scenarios (`tests/fixtures/
/// testshire.scenarios.toml`); these check what the page says about them.
#[test]
fn early_help_tried_without_improvement_moves_the_routes_up_a_level_not_the_level() {
    let r = testshire();
    let mut a = answers(Some(Danger::No), &["i-two"]);
    a.early_help_not_improved = Some(true);
    let o = evaluate(&r, &a);
    assert_eq!(fired(&o), ["tried-early-help"]);
    assert_eq!(o.route_level, "level-3");
    assert!(
        o.routes[0]
            .because
            .iter()
            .any(|b| b.describe() == "The routes for Level 3 Acute apply."),
        "the route card says the rule brought it: {:?}",
        o.routes[0].because
    );
    assert_eq!(
        o.rules[0].text,
        "Early help has been tried and things have not improved."
    );
}

#[test]
fn several_needs_at_a_level_give_advice_to_consider_the_next_level() {
    let o = evaluate(
        &testshire(),
        &answers(Some(Danger::No), &["i-two", "i-two-b"]),
    );
    assert_eq!(fired(&o), ["several-needs"]);
    assert_eq!(o.rules[0].summary, "Consider Level 3 Acute.");
}

#[test]
fn refer_now_puts_its_route_first_after_the_emergency() {
    let mut a = answers(Some(Danger::No), &["i-three"]);
    a.crime = Some(true);
    let o = evaluate(&testshire(), &a);
    assert_eq!(fired(&o), ["refer-at-top"]);
    assert_eq!(o.rules[0].summary, "Refer now: Front door.");
}

#[test]
fn needs_across_domains_count_distinct_domains_at_the_likely_level() {
    let text = include_str!("fixtures/testshire.toml").replace(
        "when = { levels = [\"level-2\"], min_ticked = 2 }",
        "when = { min_domains = 2 }",
    ) + r#"
[[indicators]]
id = "d-health"
level = "level-2"
text = "Missed health checks"
section = "Table"
domain = "Health"

[[indicators]]
id = "d-health-b"
level = "level-2"
text = "Untreated dental decay"
section = "Table"
domain = "Health"

[[indicators]]
id = "d-housing"
level = "level-2"
text = "Overcrowded housing"
section = "Table"
domain = "Housing"
"#;
    let r = load_str("testshire.toml", &text).unwrap();
    let same = evaluate(&r, &answers(Some(Danger::No), &["d-health", "d-health-b"]));
    assert!(fired(&same).is_empty(), "two needs in one domain");
    let across = evaluate(&r, &answers(Some(Danger::No), &["d-health", "d-housing"]));
    assert_eq!(fired(&across), ["several-needs"]);
}

#[test]
fn staleness_notices_follow_the_review_date_and_the_age_of_the_document() {
    use threshold_widget::engine::YearMonth;
    let p = testshire().provenance; // dated 2019-06, review by 2021-06
    let at = |s: &str| p.staleness(YearMonth::parse(s).unwrap());
    assert!(at("2020-01").is_empty(), "{:?}", at("2020-01"));
    let overdue = at("2021-07");
    assert_eq!(overdue.len(), 1);
    assert!(
        overdue[0].contains("due for review in June 2021"),
        "{overdue:?}"
    );
    let old = at("2022-06");
    assert_eq!(old.len(), 2, "{old:?}");
    assert!(
        old[1].contains("dates from June 2019, 3 years ago"),
        "{old:?}"
    );
    assert_eq!(at("2022-05").len(), 1, "not yet 3 years old");
    let undated = threshold_widget::engine::Provenance {
        dated: None,
        review_by: None,
        ..p.clone()
    };
    let notices = undated.staleness(YearMonth::parse("2026-11").unwrap());
    assert_eq!(notices.len(), 1);
    assert!(
        notices[0].starts_with("The document gives no date."),
        "{notices:?}"
    );

    assert_eq!(
        YearMonth::parse("2008-05"),
        Some(YearMonth {
            year: 2008,
            month: 5
        })
    );
    assert!(YearMonth::parse("2024-01-12").is_some());
    for bad in [
        "May 2008",
        "2008",
        "2008-13",
        "2008-5",
        "2008-05-40",
        "2008-05-01-02",
    ] {
        assert!(YearMonth::parse(bad).is_none(), "{bad}");
    }
}
