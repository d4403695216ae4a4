//! Runs every `tests/scenarios/<area>.toml` against `rulesets/<area>.toml` (see
//! `src/scenarios.rs` for the file format and the coverage it demands).

mod common;

use std::collections::BTreeSet;
use threshold_widget::scenarios;

#[test]
fn every_scenario_file_passes_and_covers_its_ruleset() {
    let dir = common::root().join("tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut failures = Vec::new();
    let mut areas_with_scenarios = BTreeSet::new();

    for file in &files {
        let area = file.file_stem().unwrap().to_string_lossy().to_string();
        let name = format!("{area}.toml");
        let ruleset = common::area(&area);
        let (count, problems) =
            scenarios::run(&ruleset, &name, &std::fs::read_to_string(file).unwrap());
        failures.extend(problems);
        areas_with_scenarios.insert(area);
        println!("{name}: {count} scenarios");
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

/// The engine's rules on the made-up test area, in the same format as the bundled areas'
/// scenarios (they were a table of tuples in tests/engine_rules.rs).
#[test]
fn the_test_area_scenarios_pass_and_cover_it() {
    let dir = common::root().join("tests/fixtures");
    let ruleset = common::load(&dir.join("testshire.toml"));
    let name = "testshire.scenarios.toml";
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let (count, problems) = scenarios::run(&ruleset, name, &text);
    assert!(
        problems.is_empty(),
        "{} scenario problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // Every case of the former tables: 15 rules, 3 consent notes, 5 partnership rules.
    assert_eq!(count, 23, "{name}: a scenario went missing");
}
