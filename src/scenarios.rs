//! Scenario files: answers and the outcome the document leads to, run against a ruleset.
//! Used by `tests/scenarios.rs`, `threshold-widget scenarios RULESET SCENARIOS` and the
//! authoring page (`src/bin/author.rs`).
//!
//! A scenario file also has to cover its ruleset: every level reached, every route shown,
//! every rule fired, every worked example landing at the level the document gives it.

use crate::engine::load::line_col;
use crate::engine::{
    evaluate, Answers, AreaId, ConsentId, Danger, ExampleId, IndicatorId, Known, LevelId, Outcome,
    Reason, RouteId, RuleId, Ruleset,
};
use serde::Deserialize;
use std::collections::BTreeSet;

/// A scenario file: `area = "..."` and its `[[scenario]]` tables, read by serde; a wrong key,
/// type or answer is reported as `file:line:column: message`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub area: AreaId,
    pub scenario: Vec<Scenario>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// The worked example of the ruleset this scenario ticks as its story describes.
    example: Option<ExampleId>,
    danger: Option<Danger>,
    crime: Option<bool>,
    /// `"yes"`, `"no"` or `"not-sure"`.
    social_worker: Option<Known>,
    early_help_not_improved: Option<bool>,
    #[serde(default)]
    ticked: Vec<IndicatorId>,
    #[serde(default)]
    none_of_these: bool,
    // expectations
    level: LevelId,
    routes: Option<Vec<RouteId>>,
    first_route: Option<RouteId>,
    #[serde(default)]
    has_routes: Vec<RouteId>,
    #[serde(default)]
    lacks_routes: Vec<RouteId>,
    /// Exactly the indicators quoted as the reason for the level.
    reasons: Option<Vec<IndicatorId>>,
    /// Exactly the consent notes shown.
    consent: Option<Vec<ConsentId>>,
    /// Exactly the partnership rules that fire, in file order.
    rules: Option<Vec<RuleId>>,
    /// Whether the escalation (professional disagreement) guidance is shown.
    escalation: Option<bool>,
}

impl Scenario {
    pub fn answers(&self, ruleset: &Ruleset) -> Result<Answers, String> {
        let mut answers = Answers {
            danger: self.danger,
            crime: self.crime,
            social_worker: self.social_worker,
            early_help_not_improved: self.early_help_not_improved,
            ..Answers::default()
        };
        for id in &self.ticked {
            if ruleset.indicator(id).is_none() {
                return Err(format!(
                    "ticks `{id}`, which is not an indicator of the ruleset"
                ));
            }
            answers.tick(id, true);
        }
        answers.set_none_of_these(self.none_of_these);
        Ok(answers)
    }

    /// Every way the outcome differs from what the scenario expects.
    pub fn check(&self, outcome: &Outcome) -> Vec<String> {
        let mut wrong = Vec::new();
        let routes: Vec<&RouteId> = outcome.routes.iter().map(|c| &c.route.id).collect();
        if outcome.level.id != self.level {
            wrong.push(format!(
                "level is `{}`, expected `{}`",
                outcome.level.id, self.level
            ));
        }
        if let Some(expected) = &self.routes {
            if !routes.iter().copied().eq(expected) {
                wrong.push(format!("routes are {routes:?}, expected {expected:?}"));
            }
        }
        if let Some(first) = &self.first_route {
            if routes.first() != Some(&first) {
                wrong.push(format!(
                    "first route is {:?}, expected `{first}`",
                    routes.first()
                ));
            }
        }
        for r in &self.has_routes {
            if !routes.contains(&r) {
                wrong.push(format!("route `{r}` is missing from {routes:?}"));
            }
        }
        for r in &self.lacks_routes {
            if routes.contains(&r) {
                wrong.push(format!("route `{r}` should not be in {routes:?}"));
            }
        }
        if let Some(expected) = &self.reasons {
            let quoted: BTreeSet<&IndicatorId> = outcome
                .reasons
                .iter()
                .filter_map(|r| match r {
                    Reason::Indicator { id, .. } => Some(id),
                    _ => None,
                })
                .collect();
            let expected: BTreeSet<&IndicatorId> = expected.iter().collect();
            if quoted != expected {
                wrong.push(format!("reasons quote {quoted:?}, expected {expected:?}"));
            }
        }
        if let Some(expected) = &self.rules {
            let fired: Vec<&RuleId> = outcome.rules.iter().map(|r| &r.id).collect();
            if !fired.iter().copied().eq(expected) {
                wrong.push(format!("rules fired are {fired:?}, expected {expected:?}"));
            }
        }
        if let Some(expected) = &self.consent {
            let shown: Vec<&ConsentId> = outcome.consent.iter().map(|c| &c.id).collect();
            if !shown.iter().copied().eq(expected) {
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
        Err(e) => {
            // An error with no place is put at the start, as the ruleset loader does.
            let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
            let message = e.message().trim_end();
            return (0, vec![format!("{name}:{line}:{column}: {message}")]);
        }
    };
    let mut failures = Vec::new();
    if parsed.area != ruleset.area {
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
        routes_shown.extend(outcome.routes.iter().map(|c| c.route.id.clone()));
        rules_fired.extend(outcome.rules.iter().map(|r| r.id.clone()));
        if let Some(ex) = &s.example {
            match ruleset.examples.iter().find(|e| &e.id == ex) {
                Some(e) if e.level == s.level => {
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

#[cfg(test)]
mod tests {
    use super::run;
    use crate::engine::load::load_file;

    fn testshire() -> crate::engine::Ruleset {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/testshire.toml");
        load_file(&path).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_wrong_answer_or_key_is_reported_with_its_file_line_and_column() {
        let r = testshire();
        let text = "area = \"testshire\"\n\n[[scenario]]\nname = \"x\"\nsocial_worker = \"maybe\"\nlevel = \"level-1\"\n";
        let (count, problems) = run(&r, "s.toml", text);
        assert_eq!(count, 0);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("s.toml:5:17: unknown variant `maybe`"),
            "{}",
            problems[0]
        );
        assert!(problems[0].contains("`not-sure`"), "{}", problems[0]);

        let text = "area = \"testshire\"\n\n[[scenario]]\nname = \"x\"\nlevel = \"level-1\"\nfirst_rout = \"a\"\n";
        let (_, problems) = run(&r, "s.toml", text);
        assert!(
            problems[0].starts_with("s.toml:6:1: unknown field `first_rout`"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_tick_of_an_indicator_the_ruleset_lacks_names_the_scenario() {
        let r = testshire();
        let text = "area = \"testshire\"\n\n[[scenario]]\nname = \"ghost\"\nticked = [\"no-such\"]\nlevel = \"level-1\"\n";
        let (_, problems) = run(&r, "s.toml", text);
        assert!(
            problems.contains(
                &"s.toml: \"ghost\": ticks `no-such`, which is not an indicator of the ruleset"
                    .to_owned()
            ),
            "{problems:?}"
        );
    }
}
