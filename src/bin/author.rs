//! The authoring page's wasm (`author.html`): the engine's own loader, validator, decision
//! table and scenario runner, so a partnership checks, signs off and tests its ruleset in
//! the browser with the same code as `threshold-widget check`, `review` and `scenarios`.
//! The page's script only renders what these return. Built by scripts/build-author.mjs.
//!
//! Natively the same functions are tested against the command line (tests/author.rs).

use threshold_widget::engine::load::load_site_ruleset;
use threshold_widget::engine::questions::questions;
use threshold_widget::engine::{evaluate, review, Answers, Ruleset};

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

/// The template for a new partnership: made-up names, no number but 999; it checks clean.
pub const TEMPLATE: &str = include_str!("../../docs/template.toml");

/// The template ruleset's text.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn template() -> String {
    TEMPLATE.to_owned()
}

/// Every problem of the ruleset `text` as `file:line:column: message` lines, none when it
/// checks clean. A site's ruleset: its file may have any name (README, "Your own ruleset").
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn check(file: &str, text: &str) -> Vec<String> {
    match load_site_ruleset(file, text) {
        Ok(_) => Vec::new(),
        Err(e) => e.to_string().lines().map(str::to_owned).collect(),
    }
}

/// The decision table to sign off, as `threshold-widget review` prints it (Markdown), or the
/// problems that stop the ruleset from loading.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn review(file: &str, text: &str) -> Result<String, String> {
    let ruleset = load_site_ruleset(file, text).map_err(|e| e.to_string())?;
    let table = review::decision_table(&ruleset);
    Ok(review::markdown(&ruleset, &table))
}

/// Runs the scenario file against the ruleset, as `threshold-widget scenarios` does. One line
/// per result, fields separated by tabs: `pass\tNAME`, `fail\tNAME\tDIFFERENCE` (one line per
/// difference) and `file\tMESSAGE` for what concerns the whole file (a syntax error, a level
/// no scenario reaches, a ruleset that does not load).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn run_scenarios(
    ruleset_file: &str,
    ruleset_text: &str,
    scenario_file: &str,
    scenario_text: &str,
) -> Vec<String> {
    let ruleset = match load_site_ruleset(ruleset_file, ruleset_text) {
        Ok(r) => r,
        Err(e) => {
            return std::iter::once(format!(
                "file\t{ruleset_file} has problems, so its scenarios cannot run: see the problems list"
            ))
            .chain(e.to_string().lines().map(|l| format!("file\t{l}")))
            .collect();
        }
    };
    let (_, failures) = threshold_widget::scenarios::run(&ruleset, scenario_file, scenario_text);
    let names = scenario_names(scenario_text);
    let mut lines = Vec::new();
    let mut claimed = vec![false; failures.len()];
    for name in &names {
        let prefix = format!("{scenario_file}: \"{name}\": ");
        let mut failed = false;
        for (i, f) in failures.iter().enumerate() {
            if let Some(diff) = f.strip_prefix(&prefix) {
                lines.push(format!("fail\t{name}\t{diff}"));
                claimed[i] = true;
                failed = true;
            }
        }
        if !failed {
            lines.push(format!("pass\t{name}"));
        }
    }
    for (f, claimed) in failures.iter().zip(claimed) {
        if !claimed {
            lines.push(format!("file\t{f}"));
        }
    }
    lines
}

/// The scenarios' names in file order; none when the file does not parse (the runner reports
/// why).
fn scenario_names(text: &str) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Names {
        #[serde(default)]
        scenario: Vec<Named>,
    }
    #[derive(serde::Deserialize)]
    struct Named {
        name: String,
    }
    toml::from_str::<Names>(text)
        .map(|n| n.scenario.into_iter().map(|s| s.name).collect())
        .unwrap_or_default()
}

/// The area id of a ruleset that checks clean, for the embed snippet.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn area(file: &str, text: &str) -> Option<String> {
    load_site_ruleset(file, text)
        .ok()
        .map(|r| r.area.as_str().to_owned())
}

/// `scenarios` with a `[[scenario]]` added for the answers given in the preview (and an
/// `area = ...` line first when it has none yet). `checked` are the ids of the preview's
/// checked inputs (the DOM contract: `danger-yes`, `social-worker-not-sure`,
/// `ind-<indicator id>`, `none-of-these`). The scenario expects what the engine shows for
/// those answers: the level and the routes in order.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen)]
pub fn add_scenario(
    file: &str,
    text: &str,
    scenarios: &str,
    name: &str,
    checked: Vec<String>,
) -> Result<String, String> {
    let ruleset = load_site_ruleset(file, text).map_err(|e| e.to_string())?;
    let answers = answers_from_ids(&ruleset, &checked);
    let outcome = evaluate(&ruleset, &answers);
    let mut out = scenarios.trim_end().to_owned();
    let has_area = scenarios
        .lines()
        .any(|l| l.trim_start().starts_with("area") && l.contains('='));
    if !has_area {
        let area = format!("area = \"{}\"", ruleset.area);
        out = if out.is_empty() {
            area
        } else {
            format!("{area}\n{out}")
        };
    }
    out += &format!("\n\n[[scenario]]\nname = {}\n", toml_string(name));
    if let Some(d) = answers.danger {
        out += &format!("danger = \"{}\"\n", kebab(d.label()));
    }
    if let Some(c) = answers.crime {
        out += &format!("crime = {c}\n");
    }
    if let Some(k) = answers.social_worker {
        out += &format!("social_worker = \"{}\"\n", kebab(k.label()));
    }
    if let Some(e) = answers.early_help_not_improved {
        out += &format!("early_help_not_improved = {e}\n");
    }
    if answers.none_of_these {
        out += "none_of_these = true\n";
    }
    // In file order, so the scenario reads like the document.
    let ticked: Vec<String> = ruleset
        .indicators
        .iter()
        .filter(|i| answers.ticked.contains(&i.id))
        .map(|i| format!("\"{}\"", i.id))
        .collect();
    if !ticked.is_empty() {
        out += &format!("ticked = [{}]\n", ticked.join(", "));
    }
    out += &format!("level = \"{}\"\n", outcome.level.id);
    let routes: Vec<String> = outcome
        .routes
        .iter()
        .map(|c| format!("\"{}\"", c.route.id))
        .collect();
    out += &format!("routes = [{}]\n", routes.join(", "));
    Ok(out)
}

fn answers_from_ids(ruleset: &Ruleset, checked: &[String]) -> Answers {
    let is_checked = |id: &str| checked.iter().any(|c| c == id);
    let mut answers = Answers::default();
    for q in questions(ruleset) {
        for (i, label) in q.options().iter().enumerate() {
            if is_checked(&q.option_id(label)) {
                q.choose(&mut answers, i);
            }
        }
    }
    for ind in &ruleset.indicators {
        if is_checked(&format!("ind-{}", ind.id)) {
            answers.tick(&ind.id, true);
        }
    }
    if is_checked("none-of-these") {
        answers.set_none_of_these(true);
    }
    answers
}

/// "Not sure" -> "not-sure", as the scenario format spells answers.
fn kebab(label: &str) -> String {
    label.to_ascii_lowercase().replace(' ', "-")
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[allow(dead_code)]
fn main() {}
