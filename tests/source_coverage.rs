//! The documents whose indicator lists extract cleanly (Rochdale, Rotherham): every bullet of
//! every list appears, in the document's words, as an indicator at the list's level. Reads
//! the text from `../shared/sources/`; says so and passes when that folder is absent.

mod common;

use threshold_widget::engine::Ruleset;

/// A list item as the document prints it, without its bullet, trailing `;`/`.` and spacing.
fn clean(item: &str) -> String {
    let item = item.trim().trim_start_matches(['•', '-']).trim();
    let item = item.trim_end_matches([';', '.']).trim_end();
    item.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The document has `levels` lists holding `items` bullets in all, and each bullet is an
/// indicator of the area at its list's level.
fn assert_covered(area: &str, lists: &[Vec<String>], levels: usize, items: usize) {
    assert_eq!(lists.len(), levels, "{area}: one list per level");
    assert_eq!(
        lists.iter().map(Vec::len).sum::<usize>(),
        items,
        "{area}: the document's {items} bullets"
    );
    let wrong = missing(&common::area(area), lists);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every (list rank, item) pair missing from the ruleset, or at the wrong level.
fn missing(ruleset: &Ruleset, lists: &[Vec<String>]) -> Vec<String> {
    let mut wrong = Vec::new();
    for (rank, items) in lists.iter().enumerate() {
        let level = &ruleset.levels[rank];
        for item in items {
            match ruleset.indicators.iter().find(|i| clean(&i.text) == *item) {
                None => wrong.push(format!(
                    "{}: \u{201c}{item}\u{201d} is not an indicator",
                    level.name
                )),
                Some(i) if i.level != level.id => wrong.push(format!(
                    "{}: \u{201c}{item}\u{201d} is indicator `{}` at `{}`",
                    level.name, i.id, i.level
                )),
                Some(_) => {}
            }
        }
    }
    wrong
}

#[test]
fn every_rochdale_indicator_bullet_is_an_indicator_at_its_level() {
    let Some(text) = common::source("rochdale.txt") else {
        return;
    };
    // Section 4: "Every Child - Level N" headings, each followed by its bullets, up to section 5.
    let start = text.find("Every Child - Level 1").unwrap();
    let end = start + text[start..].find("5. Advice and Guidance").unwrap();
    let section = &text[start..end];
    let mut lists: Vec<Vec<String>> = Vec::new();
    for line in section.lines() {
        if line.starts_with("Every Child - Level ") {
            lists.push(Vec::new());
        } else if line.trim_start().starts_with('•') {
            lists.last_mut().unwrap().push(clean(line));
        }
    }
    assert_covered("rochdale", &lists, 5, 82);
}

#[test]
fn every_rotherham_example_indicator_is_an_indicator_at_its_level() {
    let Some(text) = common::source("rotherham.txt") else {
        return;
    };
    // Each "Example Indicators" heading is followed by one level's "- " list, in level order.
    let mut lists: Vec<Vec<String>> = Vec::new();
    let mut in_list = false;
    for line in text.lines() {
        if line.trim() == "Example Indicators" {
            lists.push(Vec::new());
            in_list = true;
        } else if in_list && line.starts_with("- ") {
            lists.last_mut().unwrap().push(clean(line));
        } else if in_list && !line.trim().is_empty() {
            in_list = false;
        }
    }
    assert_covered("rotherham", &lists, 4, 31);
}
