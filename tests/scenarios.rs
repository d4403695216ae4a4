//! Runs every `tests/scenarios/<area>.toml` against `rulesets/<area>.toml`.
//! A scenario file also has to cover its ruleset: every level reached, every route shown,
//! every worked example landing at the level the document gives it.

mod common;

use serde::Deserialize;
use std::collections::BTreeSet;
use threshold_widget::engine::{
    evaluate, Answers, Danger, IndicatorId, Known, Outcome, Reason, Ruleset,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    area: String,
    scenario: Vec<Scenario>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scenario {
    name: String,
    /// The worked example of the ruleset this scenario ticks as its story describes.
    example: Option<String>,
    danger: Option<Danger>,
    crime: Option<bool>,
    social_worker: Option<String>,
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
}

impl Scenario {
    fn answers(&self, ruleset: &Ruleset) -> Result<Answers, String> {
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
    fn check(&self, outcome: &Outcome) -> Vec<String> {
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
        if let Some(expected) = &self.consent {
            let shown: Vec<&str> = outcome.consent.iter().map(|c| c.id.as_str()).collect();
            if shown != *expected {
                wrong.push(format!(
                    "consent notes are {shown:?}, expected {expected:?}"
                ));
            }
        }
        wrong
    }
}

#[test]
fn every_scenario_file_passes_and_covers_its_ruleset() {
    let dir = common::root().join("tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut areas_with_scenarios = BTreeSet::new();

    for file in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let parsed: ScenarioFile = toml::from_str(&std::fs::read_to_string(file).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let ruleset = common::area(&parsed.area);
        areas_with_scenarios.insert(parsed.area.clone());

        let mut levels_reached = BTreeSet::new();
        let mut routes_shown = BTreeSet::new();
        let mut examples_checked = BTreeSet::new();
        for s in &parsed.scenario {
            let answers = match s.answers(&ruleset) {
                Ok(a) => a,
                Err(e) => {
                    failures.push(format!("{name}: \"{}\": {e}", s.name));
                    continue;
                }
            };
            let outcome = evaluate(&ruleset, &answers);
            for w in s.check(&outcome) {
                failures.push(format!("{name}: \"{}\": {w}", s.name));
            }
            levels_reached.insert(outcome.level.id.clone());
            routes_shown.extend(outcome.routes.iter().map(|c| c.route.id.to_string()));
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
        for ex in &ruleset.examples {
            if !examples_checked.contains(&ex.id) {
                failures.push(format!(
                    "{name}: worked example `{}` has no scenario",
                    ex.id
                ));
            }
        }
        println!("{name}: {} scenarios", parsed.scenario.len());
    }

    for ruleset in common::all_rulesets() {
        if !areas_with_scenarios.contains(ruleset.area.as_str()) {
            failures.push(format!(
                "rulesets/{}.toml has no tests/scenarios/{}.toml",
                ruleset.area, ruleset.area
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} scenario problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
