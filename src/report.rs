//! The reviewer's report of a ruleset (`threshold-widget summary`, `make summary`): what a
//! reviewer checks against the document. Native only: it is not compiled into the page.

use crate::engine::{Indicator, Ruleset};

/// What a reviewer checks against the document: counts by level and by domain, and
/// every indicator rebuilt from garbled text. Plain text, one fact per line.
pub fn summary(ruleset: &Ruleset) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let count =
        |pred: &dyn Fn(&Indicator) -> bool| ruleset.indicators.iter().filter(|i| pred(i)).count();
    let _ = writeln!(
        out,
        "{}: {} levels, {} indicators ({} reconstructed), {} routes, {} rules, {} consent notes, {} worked examples",
        ruleset.area,
        ruleset.levels.len(),
        ruleset.indicators.len(),
        count(&|i| i.reconstructed),
        ruleset.routes.len(),
        ruleset.rules.len(),
        ruleset.consent.len(),
        ruleset.examples.len()
    );
    for level in &ruleset.levels {
        let _ = writeln!(
            out,
            "  level {}: {}",
            level.name,
            count(&|i| i.level == level.id)
        );
    }
    if ruleset.uses_domains() {
        for (domain, items) in ruleset.indicator_groups() {
            let _ = write!(out, "  domain {domain}: {}", items.len());
            for level in &ruleset.levels {
                let n = items.iter().filter(|i| i.level == level.id).count();
                let _ = write!(out, "; {} {n}", level.id);
            }
            out.push('\n');
        }
    }
    for i in ruleset.indicators.iter().filter(|i| i.reconstructed) {
        let _ = writeln!(out, "  reconstructed {} ({}): {}", i.id, i.level, i.text);
    }
    out
}
