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

#[cfg(test)]
mod tests {
    use crate::engine::load::load_file;

    #[test]
    fn counts_each_level_and_lists_every_rebuilt_indicator() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rulesets/milton-keynes.toml");
        let r = load_file(&path).unwrap_or_else(|e| panic!("{e}"));
        let report = super::summary(&r);
        let first = report.lines().next().unwrap();
        assert!(
            first.starts_with(&format!(
                "milton-keynes: {} levels, {} indicators",
                r.levels.len(),
                r.indicators.len()
            )),
            "{first}"
        );
        for level in &r.levels {
            let n = r.indicators.iter().filter(|i| i.level == level.id).count();
            assert!(
                report.contains(&format!("  level {}: {n}\n", level.name)),
                "{}",
                level.name
            );
        }
        let rebuilt = r.indicators.iter().filter(|i| i.reconstructed).count();
        assert!(rebuilt > 0);
        assert_eq!(
            report
                .lines()
                .filter(|l| l.starts_with("  reconstructed "))
                .count(),
            rebuilt
        );
        assert!(
            report.contains("  domain "),
            "milton-keynes groups by domain"
        );
    }
}
