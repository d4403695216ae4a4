//! Checks that need the engine: a level the widget can never show and a route no answer
//! brings. Found by running the engine over the decision table's answer space (`review`).

use super::model::{RuleEffect, Ruleset};
use super::review::{decision_table, rows_to_try};
use super::validate::{Diagnostic, Path};

/// Most work worth doing: rows to try times the items each evaluation looks at. A bundled
/// ruleset needs under 100 000 (Milton Keynes: 192 rows of about 230 items); a file that
/// needs more than this is not a partnership's document but a mistake or an attack.
pub const MAX_WORK: usize = 5_000_000;

/// Adds the reach problems to `found`, only when `found` is empty: the engine needs a
/// ruleset with no other problem.
pub fn check(ruleset: &Ruleset, found: &mut Vec<Diagnostic>) {
    if found.is_empty() {
        found.extend(unreachable(ruleset));
    }
}

/// Levels no indicator or rule can bring, and routes no answer brings.
pub fn unreachable(ruleset: &Ruleset) -> Vec<Diagnostic> {
    let root = Path::default();
    let rows = rows_to_try(ruleset);
    let items = ruleset.levels.len()
        + ruleset.indicators.len()
        + ruleset.routes.len()
        + ruleset.consent.len()
        + ruleset.rules.len();
    if rows.saturating_mul(items) > MAX_WORK {
        return vec![Diagnostic {
            path: root.key("levels"),
            message: format!("the ruleset is too large to check that every level and route can be reached ({rows} combinations of answers over {items} items): a partnership's ruleset has a few levels and routes and at most a few hundred indicators"),
        }];
    }
    let table = decision_table(ruleset);
    let mut found = Vec::new();
    for (i, level) in ruleset.levels.iter().enumerate() {
        let name = level.name.as_str();
        let reached = table.rows.iter().any(|r| {
            r.outcome.level.id == level.id.as_str()
                || r.outcome.route_level == name
                || (r.outcome.level.rank + 1 == i
                    && r.outcome
                        .rules
                        .iter()
                        .any(|f| f.effect != RuleEffect::ReferNow))
        });
        if !reached {
            found.push(Diagnostic {
                path: root.key("levels").index(i).key("id"),
                message: format!("level `{}` can never be shown: no indicator has `level = \"{}\"` and no rule leads to it; add the document's indicators for this level (or, if the transcription does not have them yet, say so in `provenance.notes`), or remove the level", level.id, level.id),
            });
        }
    }
    for (i, route) in ruleset.routes.iter().enumerate() {
        if !table
            .rows
            .iter()
            .any(|r| r.outcome.routes.iter().any(|c| c.route.id == route.id))
        {
            let why = match &route.replaced_by {
                Some(other) => {
                    format!(" (whenever it applies, `{other}` applies too and replaces it)")
                }
                None => String::new(),
            };
            found.push(Diagnostic {
                path: root.key("routes").index(i).key("id"),
                message: format!("route `{}` is never shown: no answer to the questions and no ticks bring it{why}; change its `when` so that it applies to a level, a danger answer or a context answer the page asks, or remove it", route.id),
            });
        }
    }
    found
}
