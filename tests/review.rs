//! The decision table (`engine::review`): for every bundled area it covers every level,
//! route and rule, and agrees with the area's scenarios (`tests/scenarios/<area>.toml`).

mod common;

use serde::Deserialize;
use threshold_widget::engine::evaluate;
use threshold_widget::engine::review::{decision_table, markdown};
use threshold_widget::scenarios::ScenarioFile;

/// The expectations of a scenario the table must agree with (the runner reads the rest).
#[derive(Deserialize)]
struct Expected {
    scenario: Vec<ExpectedScenario>,
}

#[derive(Deserialize)]
struct ExpectedScenario {
    name: String,
    level: String,
    routes: Option<Vec<String>>,
    first_route: Option<String>,
    #[serde(default)]
    has_routes: Vec<String>,
    #[serde(default)]
    lacks_routes: Vec<String>,
}

#[test]
fn the_table_covers_every_level_route_and_rule_of_each_area() {
    let mut wrong = Vec::new();
    for ruleset in common::all_rulesets() {
        let area = ruleset.area.clone();
        let table = decision_table(&ruleset);
        let text = markdown(&ruleset, &table);
        for level in &ruleset.levels {
            if !table.rows.iter().any(|r| r.key.level == level.id) {
                wrong.push(format!("{area}: no row at level `{}`", level.id));
            }
            if !text.contains(&format!("### {} (`{}`", level.name, level.id)) {
                wrong.push(format!(
                    "{area}: the Markdown has no section for level `{}`",
                    level.id
                ));
            }
        }
        for route in &ruleset.routes {
            if !table
                .rows
                .iter()
                .any(|r| r.route_ids().contains(&route.id.as_str()))
            {
                wrong.push(format!("{area}: no row shows route `{}`", route.id));
            }
            if !text.contains(&format!("### {} (`{}`)", route.name, route.id)) {
                wrong.push(format!(
                    "{area}: the Markdown does not describe route `{}`",
                    route.id
                ));
            }
        }
        for rule in &ruleset.rules {
            if !table
                .rows
                .iter()
                .any(|r| r.outcome.rules.iter().any(|f| f.id == rule.id))
            {
                wrong.push(format!("{area}: no row fires rule `{}`", rule.id));
            }
            if !text.contains(&format!("### `{}`\n\n- Fires when: ", rule.id)) {
                wrong.push(format!(
                    "{area}: the Markdown does not say when rule `{}` fires",
                    rule.id
                ));
            }
        }
        // Every row is what the engine says for its answers, and 999 comes first on danger.
        for row in &table.rows {
            if evaluate(&ruleset, &row.answers) != row.outcome {
                wrong.push(format!(
                    "{area}: a row is not the engine's outcome for its answers"
                ));
            }
            if row.key.danger == Some(threshold_widget::engine::Danger::Yes)
                && row
                    .outcome
                    .routes
                    .first()
                    .and_then(|c| c.route.phone.as_deref())
                    != Some("999")
            {
                wrong.push(format!(
                    "{area}: a danger row does not start with 999: {:?}",
                    row.route_ids()
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_table_agrees_with_every_scenario() {
    let mut wrong = Vec::new();
    let mut checked = 0;
    for ruleset in common::all_rulesets() {
        let area = ruleset.area.clone();
        let path = common::root().join(format!("tests/scenarios/{area}.toml"));
        let text = std::fs::read_to_string(&path).unwrap();
        let file: ScenarioFile = toml::from_str(&text).unwrap();
        let expected: Expected = toml::from_str(&text).unwrap();
        let table = decision_table(&ruleset);
        for (s, e) in file.scenario.iter().zip(&expected.scenario) {
            let answers = s.answers(&ruleset).unwrap();
            let Some(row) = table.row_for(&ruleset, &answers) else {
                wrong.push(format!(
                    "{area}: `{}`: no row of the table has these answers",
                    e.name
                ));
                continue;
            };
            checked += 1;
            let routes = row.route_ids();
            let engine = evaluate(&ruleset, &answers);
            let engine_routes: Vec<&str> =
                engine.routes.iter().map(|c| c.route.id.as_str()).collect();
            let mut say = |what: String| wrong.push(format!("{area}: `{}`: {what}", e.name));
            if row.key.level.as_str() != e.level {
                say(format!(
                    "the row is at level `{}`, the scenario expects `{}`",
                    row.key.level, e.level
                ));
            }
            if routes != engine_routes {
                say(format!(
                    "the row's routes {routes:?} differ from the engine's {engine_routes:?}"
                ));
            }
            if row
                .outcome
                .rules
                .iter()
                .map(|r| &r.id)
                .ne(engine.rules.iter().map(|r| &r.id))
                || row
                    .outcome
                    .consent
                    .iter()
                    .map(|c| &c.id)
                    .ne(engine.consent.iter().map(|c| &c.id))
            {
                say("the row's rules or consent notes differ from the engine's".into());
            }
            if let Some(exact) = &e.routes {
                if routes != *exact {
                    say(format!(
                        "the row gives {routes:?}, the scenario expects {exact:?}"
                    ));
                }
            }
            if let Some(first) = &e.first_route {
                if routes.first() != Some(&first.as_str()) {
                    say(format!(
                        "the row starts with {:?}, the scenario expects `{first}`",
                        routes.first()
                    ));
                }
            }
            for r in &e.has_routes {
                if !routes.contains(&r.as_str()) {
                    say(format!("the row lacks `{r}`: {routes:?}"));
                }
            }
            for r in &e.lacks_routes {
                if routes.contains(&r.as_str()) {
                    say(format!(
                        "the row has `{r}`, which the scenario says is not shown"
                    ));
                }
            }
        }
    }
    assert!(checked > 50, "only {checked} scenarios checked");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_review_command_prints_the_table() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_threshold-widget"))
        .args(["review", "rulesets/rotherham.toml"])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("# Decision table: Rotherham (`rotherham`)"),
        "{text}"
    );
    assert!(text.contains("| Yes | "), "a row for immediate danger");
    assert!(
        text.contains("1. Police 999 (emergency"),
        "999 first in a danger row"
    );
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_threshold-widget"))
        .args(["review", "rulesets/no-such-area.toml"])
        .current_dir(common::root())
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr)
        .contains("no-such-area.toml:0:0: cannot read the file"));
}
