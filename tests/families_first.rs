//! Ready for the Families First rewrite: level kinds, a single Family Help level, versions,
//! contacts checked, superseded documents, and escalation from the first level above
//! universal. The decisions are the engine's; these tests run them natively.

mod common;

use threshold_widget::engine::load::load_str;
use threshold_widget::engine::{
    evaluate, summary, Answers, Danger, LevelKind, Provenance, Ruleset, YearMonth,
};
use threshold_widget::scenarios;

fn fixture(name: &str) -> (String, String) {
    let path = common::root().join("tests/fixtures").join(name);
    (
        path.display().to_string(),
        std::fs::read_to_string(&path).unwrap(),
    )
}

fn families_first() -> Ruleset {
    common::load(&common::root().join("tests/fixtures/browser/test-families-first.toml"))
}

fn ym(text: &str) -> YearMonth {
    YearMonth::parse(text).unwrap()
}

#[test]
fn a_families_first_ruleset_checks_evaluates_and_passes_its_scenarios() {
    let r = families_first();
    let kinds: Vec<_> = r.levels.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            Some(LevelKind::Universal),
            Some(LevelKind::FamilyHelp),
            Some(LevelKind::ChildProtection)
        ]
    );
    let (_, text) = fixture("test-families-first.scenarios.toml");
    let (count, problems) = scenarios::run(&r, "test-families-first.scenarios.toml", &text);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(count, 7);
}

#[test]
fn every_bundled_level_has_a_kind_and_the_kinds_climb_the_scale() {
    for r in common::all_rulesets() {
        let order: Vec<u8> = r
            .levels
            .iter()
            .map(|l| l.kind.expect("validate requires a kind").order())
            .collect();
        assert!(
            order.windows(2).all(|w| w[0] <= w[1]),
            "{}: {order:?}",
            r.area
        );
        assert_eq!(r.levels[0].kind, Some(LevelKind::Universal), "{}", r.area);
    }
}

#[test]
fn escalation_shows_from_the_first_level_above_universal_where_the_document_gives_it() {
    for r in common::all_rulesets() {
        for (rank, level) in r.levels.iter().enumerate() {
            // Tick one indicator at this level, if the level has one.
            let Some(ind) = r.indicators.iter().find(|i| i.level == level.id) else {
                continue;
            };
            let mut a = Answers {
                danger: Some(Danger::No),
                ..Answers::default()
            };
            a.tick(&ind.id, true);
            let o = evaluate(&r, &a);
            assert_eq!(o.level.rank, rank);
            let expected =
                r.guidance.escalation.is_some() && level.kind != Some(LevelKind::Universal);
            assert_eq!(
                o.guidance.escalation.is_some(),
                expected,
                "{} at {}: escalation shown?",
                r.area,
                level.id
            );
        }
    }
    // The documents that give a disagreement procedure; the others invent none.
    let with: Vec<String> = common::all_rulesets()
        .into_iter()
        .filter(|r| r.guidance.escalation.is_some())
        .map(|r| r.area.to_string())
        .collect();
    assert_eq!(with, ["milton-keynes", "rochdale"]);
}

fn provenance() -> Provenance {
    families_first().provenance
}

#[test]
fn contacts_checked_more_than_twelve_months_ago_brings_a_notice() {
    let mut p = provenance();
    p.contacts_checked = Some("2025-10".into());
    let notices = |p: &Provenance, today| p.staleness(ym(today));
    let says_contacts = |n: &[String]| {
        n.iter()
            .any(|n| n.contains("contacts here were last checked in October 2025"))
    };
    assert!(
        !says_contacts(&notices(&p, "2026-10")),
        "12 months: no notice"
    );
    assert!(says_contacts(&notices(&p, "2026-11")), "13 months: notice");
    p.contacts_checked = None;
    assert!(
        !says_contacts(&notices(&p, "2030-01")),
        "not given: no notice"
    );
}

#[test]
fn a_superseded_ruleset_says_the_partnership_has_a_newer_document_first() {
    let mut p = provenance();
    assert!(
        p.staleness(ym("2026-12")).is_empty(),
        "a current document has no notice"
    );
    p.superseded = Some("Testshire Families First threshold guidance, 2027".into());
    p.contacts_checked = Some("2020-01".into());
    let notices = p.staleness(ym("2026-12"));
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(
        notices[0].starts_with("The Testshire partnership has published a newer document (Testshire Families First threshold guidance, 2027)"),
        "{notices:?}"
    );
}

#[test]
fn the_summary_records_when_the_contacts_were_checked_and_the_version() {
    let r = families_first();
    let a = Answers {
        danger: Some(Danger::No),
        ..Answers::default()
    };
    let text = summary(&r, &a, &evaluate(&r, &a)).to_string();
    assert!(
        text.contains("- Ruleset version 2; contacts last checked September 2026."),
        "{text}"
    );
    // A route that is not the document's says so in the summary too.
    let danger = Answers {
        danger: Some(Danger::Yes),
        ..Answers::default()
    };
    let text = summary(&r, &danger, &evaluate(&r, &danger)).to_string();
    assert!(
        text.contains("Call 999 if the child is in immediate danger. Phone: 999. (Not in the partnership's document: national guidance (999).)"),
        "{text}"
    );
}

#[test]
fn a_ruleset_without_kinds_is_refused_with_the_line_to_fix() {
    let (file, text) = fixture("browser/test-families-first.toml");
    let broken = text.replacen("kind = \"family-help\"\n", "", 1);
    let e = load_str(&file, &broken).unwrap_err();
    let line = common::line_of(&broken, "name = \"Family Help\"");
    assert!(
        e.problems
            .iter()
            .any(|p| p.line == line && p.message.contains("level `family-help` has no `kind`")),
        "{e}"
    );
}
