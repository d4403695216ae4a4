//! Invariants that hold for every bundled ruleset and any answers (ARCHITECTURE.md, "How a level and a route are worked out").

mod common;

use proptest::prelude::*;
use std::sync::OnceLock;
use threshold_widget::engine::{
    dial_digits, evaluate, Answers, Danger, Known, RuleEffect, Ruleset, Urgency,
};

fn rulesets() -> &'static [Ruleset] {
    static ALL: OnceLock<Vec<Ruleset>> = OnceLock::new();
    ALL.get_or_init(common::all_rulesets)
}

fn danger() -> impl Strategy<Value = Option<Danger>> {
    prop_oneof![
        Just(None),
        Just(Some(Danger::Yes)),
        Just(Some(Danger::No)),
        Just(Some(Danger::NotSure))
    ]
}

fn known() -> impl Strategy<Value = Option<Known>> {
    prop_oneof![
        Just(None),
        Just(Some(Known::Yes)),
        Just(Some(Known::No)),
        Just(Some(Known::NotSure))
    ]
}

/// A ruleset index and answers over its indicators (a bitmask of ticks).
fn case() -> impl Strategy<Value = (usize, Answers, Vec<bool>)> {
    (0..rulesets().len()).prop_flat_map(|i| {
        let n = rulesets()[i].indicators.len();
        (
            Just(i),
            danger(),
            proptest::option::of(any::<bool>()),
            known(),
            proptest::option::of(any::<bool>()),
            proptest::collection::vec(any::<bool>(), n),
            proptest::collection::vec(any::<bool>(), n),
        )
            .prop_map(move |(i, danger, crime, sw, early_help, ticks, more)| {
                let r = &rulesets()[i];
                let mut a = Answers {
                    danger,
                    crime,
                    social_worker: sw,
                    early_help_not_improved: early_help,
                    ..Answers::default()
                };
                for (ind, on) in r.indicators.iter().zip(&ticks) {
                    a.tick(&ind.id, *on);
                }
                (i, a, more)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn ticking_more_never_lowers_the_level((i, answers, more) in case()) {
        let r = &rulesets()[i];
        let before = evaluate(r, &answers).level.rank;
        let mut wider = answers.clone();
        for (ind, on) in r.indicators.iter().zip(&more) {
            if *on { wider.tick(&ind.id, true); }
        }
        prop_assert!(evaluate(r, &wider).level.rank >= before);
    }

    #[test]
    fn immediate_danger_always_puts_999_first((i, mut answers, _more) in case()) {
        let r = &rulesets()[i];
        answers.danger = Some(Danger::Yes);
        let o = evaluate(r, &answers);
        let first = &o.routes.first().expect("danger always gives a route").route;
        prop_assert_eq!(first.urgency, Urgency::Emergency);
        prop_assert_eq!(first.phone.as_deref().map(dial_digits), Some("999".to_owned()));
        // ... followed by the area's urgent referral route (ARCHITECTURE.md, "How a level and a route are worked out", rule 1).
        prop_assert!(
            o.routes.iter().any(|c| c.route.urgency == Urgency::Urgent),
            "{}: immediate danger gives no urgent referral route after 999", r.area
        );
    }

    #[test]
    fn every_outcome_has_a_route_and_the_reminder((i, answers, _more) in case()) {
        let r = &rulesets()[i];
        let o = evaluate(r, &answers);
        prop_assert!(!o.routes.is_empty());
        prop_assert!(!o.guidance.reminder.text.is_empty());
        prop_assert!(o.routes.windows(2).all(|w| w[0].route.urgency <= w[1].route.urgency), "routes ordered by urgency");
    }

    #[test]
    fn not_sure_about_danger_is_never_silent((i, mut answers, _more) in case()) {
        let r = &rulesets()[i];
        answers.danger = Some(Danger::NotSure);
        let o = evaluate(r, &answers);
        prop_assert!(o.routes.iter().any(|c| c.route.urgency <= Urgency::Urgent));
    }

    #[test]
    fn context_answers_never_change_the_level((i, answers, _more) in case()) {
        let r = &rulesets()[i];
        let bare = Answers { crime: None, social_worker: None, early_help_not_improved: None, ..answers.clone() };
        prop_assert_eq!(evaluate(r, &answers).level, evaluate(r, &bare).level);
    }

    #[test]
    fn partnership_rules_never_lower_the_routes_and_explain_themselves((i, answers, _more) in case()) {
        let r = &rulesets()[i];
        let o = evaluate(r, &answers);
        let route_rank = r.levels.iter().position(|l| l.id == o.route_level).unwrap();
        prop_assert!(route_rank == o.level.rank || route_rank == o.level.rank + 1);
        let raised = o.rules.iter().any(|f| f.effect == RuleEffect::NextLevelRoutes);
        let has_next = o.level.rank + 1 < r.levels.len();
        prop_assert_eq!(route_rank > o.level.rank, raised && has_next);
        for f in &o.rules {
            prop_assert!(!f.text.is_empty() && !f.summary.is_empty());
        }
    }

    #[test]
    fn an_open_case_puts_the_allocated_social_worker_before_any_referral_route((i, mut answers, _more) in case()) {
        let r = &rulesets()[i];
        answers.social_worker = Some(Known::Yes);
        let o = evaluate(r, &answers);
        let ids: Vec<&str> = o.routes.iter().map(|c| c.route.id.as_str()).collect();
        let first_sw = o.routes.iter().position(|c| c.route.allocated_social_worker);
        // Every area that has the route shows it whenever the child has a social worker.
        prop_assert_eq!(first_sw.is_some(), r.routes.iter().any(|r| r.allocated_social_worker), "{}: {:?}", r.area, ids);
        if let Some(sw) = first_sw {
            // Only emergency routes (999) come before it; every other route comes after.
            prop_assert!(o.routes[..sw].iter().all(|c| c.route.urgency == Urgency::Emergency), "{}: {:?}", r.area, ids);
            if answers.danger == Some(Danger::Yes) {
                prop_assert_eq!(o.routes[0].route.phone.as_deref().map(dial_digits), Some("999".to_owned()));
            }
        }
    }

    #[test]
    fn the_same_answers_always_give_the_same_outcome((i, answers, _more) in case()) {
        let r = &rulesets()[i];
        prop_assert_eq!(evaluate(r, &answers), evaluate(r, &answers.clone()));
    }
}
