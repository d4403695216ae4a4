//! Scenario files: answers and the outcome the document leads to, run against a ruleset.
//! Used by `tests/scenarios.rs` and by `threshold-widget scenarios RULESET SCENARIOS`.
//!
//! A scenario file also has to cover its ruleset: every level reached, every route shown,
//! every rule fired, every worked example landing at the level the document gives it.

use crate::engine::{evaluate, Answers, Danger, IndicatorId, Known, Outcome, Reason, Ruleset};
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub area: String,
    pub scenario: Vec<Scenario>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// The worked example of the ruleset this scenario ticks as its story describes.
    example: Option<String>,
    danger: Option<Danger>,
    crime: Option<bool>,
    social_worker: Option<String>,
    early_help_not_improved: Option<bool>,
    #[serde(default)]
    ticked: Vec<String>,
    #[serde(default)]
    none_of_these: bool,
    // expectations
    level: String,
    routes: Option<Vec<String>>,
    first_route: Option<String>,
    #[serde(default)]
    has_routes: Vec<String>,
    #[serde(default)]
    lacks_routes: Vec<String>,
    /// Exactly the indicators quoted as the reason for the level.
    reasons: Option<Vec<String>>,
    /// Exactly the consent notes shown.
    consent: Option<Vec<String>>,
    /// Exactly the partnership rules that fire, in file order.
    rules: Option<Vec<String>>,
    /// Whether the escalation (professional disagreement) guidance is shown.
    escalation: Option<bool>,
}

impl Scenario {
    pub fn answers(&self, ruleset: &Ruleset) -> Result<Answers, String> {
        let mut answers = Answers {
            danger: self.danger,
            crime: self.crime,
            social_worker: match self.social_worker.as_deref() {
                None => None,
                Some("yes") => Some(Known::Yes),
                Some("no") => Some(Known::No),
                Some("not-sure") => Some(Known::NotSure),
                Some(other) => {
                    return Err(format!(
                        "social_worker `{other}` is not yes, no or not-sure"
                    ))
                }
            },
            early_help_not_improved: self.early_help_not_improved,
            ..Answers::default()
        };
        for id in &self.ticked {
            let id = IndicatorId(id.clone());
            if ruleset.indicator(&id).is_none() {
                return Err(format!(
                    "ticks `{id}`, which is not an indicator of the ruleset"
                ));
            }
            answers.tick(&id, true);
        }
        answers.set_none_of_these(self.none_of_these);
        Ok(answers)
    }

    /// Every way the outcome differs from what the scenario expects.
    pub fn check(&self, outcome: &Outcome) -> Vec<String> {
        let mut wrong = Vec::new();
        let routes: Vec<&str> = outcome.routes.iter().map(|c| c.route.id.as_str()).collect();
        if outcome.level.id != self.level {
            wrong.push(format!(
                "level is `{}`, expected `{}`",
                outcome.level.id, self.level
            ));
        }
        if let Some(expected) = &self.routes {
            if routes != *expected {
                wrong.push(format!("routes are {routes:?}, expected {expected:?}"));
            }
        }
        if let Some(first) = &self.first_route {
            if routes.first() != Some(&first.as_str()) {
                wrong.push(format!(
                    "first route is {:?}, expected `{first}`",
                    routes.first()
                ));
            }
        }
        for r in &self.has_routes {
            if !routes.contains(&r.as_str()) {
                wrong.push(format!("route `{r}` is missing from {routes:?}"));
            }
        }
        for r in &self.lacks_routes {
            if routes.contains(&r.as_str()) {
                wrong.push(format!("route `{r}` should not be in {routes:?}"));
            }
        }
        if let Some(expected) = &self.reasons {
            let quoted: BTreeSet<&str> = outcome
                .reasons
                .iter()
                .filter_map(|r| match r {
                    Reason::Indicator { id, .. } => Some(id.as_str()),
                    _ => None,
                })
                .collect();
            let expected: BTreeSet<&str> = expected.iter().map(String::as_str).collect();
            if quoted != expected {
                wrong.push(format!("reasons quote {quoted:?}, expected {expected:?}"));
            }
        }
        if let Some(expected) = &self.rules {
            let fired: Vec<&str> = outcome.rules.iter().map(|r| r.id.as_str()).collect();
            if fired != *expected {
                wrong.push(format!("rules fired are {fired:?}, expected {expected:?}"));
            }
        }
        if let Some(expected) = &self.consent {
            let shown: Vec<&str> = outcome.consent.iter().map(|c| c.id.as_str()).collect();
            if shown != *expected {
                wrong.push(format!(
                    "consent notes are {shown:?}, expected {expected:?}"
                ));
            }
        }
        if let Some(expected) = self.escalation {
            let shown = outcome.guidance.escalation.is_some();
            if shown != expected {
                wrong.push(format!("escalation shown is {shown}, expected {expected}"));
            }
        }
        wrong
    }
}

/// Runs a scenario file's text against `ruleset`: every problem, each prefixed with
/// `file_name` and the scenario's name, plus the number of scenarios.
pub fn run(ruleset: &Ruleset, file_name: &str, text: &str) -> (usize, Vec<String>) {
    let name = file_name;
    let parsed: ScenarioFile = match toml::from_str(text) {
        Ok(p) => p,
        Err(e) => return (0, vec![format!("{name}: {e}")]),
    };
    let mut failures = Vec::new();
    if parsed.area != ruleset.area.as_str() {
        failures.push(format!(
            "{name}: area is `{}` but the ruleset is `{}`",
            parsed.area, ruleset.area
        ));
    }
    let mut levels_reached = BTreeSet::new();
    let mut routes_shown = BTreeSet::new();
    let mut rules_fired = BTreeSet::new();
    let mut examples_checked = BTreeSet::new();
    for s in &parsed.scenario {
        let answers = match s.answers(ruleset) {
            Ok(a) => a,
            Err(e) => {
                failures.push(format!("{name}: \"{}\": {e}", s.name));
                continue;
            }
        };
        let outcome = evaluate(ruleset, &answers);
        for w in s.check(&outcome) {
            failures.push(format!("{name}: \"{}\": {w}", s.name));
        }
        levels_reached.insert(outcome.level.id.clone());
        routes_shown.extend(outcome.routes.iter().map(|c| c.route.id.to_string()));
        rules_fired.extend(outcome.rules.iter().map(|r| r.id.clone()));
        if let Some(ex) = &s.example {
            match ruleset.examples.iter().find(|e| &e.id == ex) {
                Some(e) if e.level.as_str() == s.level => {
                    examples_checked.insert(ex.clone());
                }
                Some(e) => failures.push(format!(
                    "{name}: \"{}\": the document puts example `{ex}` at `{}`, not `{}`",
                    s.name, e.level, s.level
                )),
                None => failures.push(format!(
                    "{name}: \"{}\": no worked example `{ex}` in the ruleset",
                    s.name
                )),
            }
        }
    }
    for level in &ruleset.levels {
        if !levels_reached.contains(level.id.as_str()) {
            failures.push(format!("{name}: no scenario reaches level `{}`", level.id));
        }
    }
    for route in &ruleset.routes {
        if !routes_shown.contains(route.id.as_str()) {
            failures.push(format!("{name}: no scenario shows route `{}`", route.id));
        }
    }
    for rule in &ruleset.rules {
        if !rules_fired.contains(&rule.id) {
            failures.push(format!("{name}: no scenario fires rule `{}`", rule.id));
        }
    }
    for ex in &ruleset.examples {
        if !examples_checked.contains(&ex.id) {
            failures.push(format!(
                "{name}: worked example `{}` has no scenario",
                ex.id
            ));
        }
    }
    (parsed.scenario.len(), failures)
}
