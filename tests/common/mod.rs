//! Helpers shared by the native test files.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use threshold_widget::engine::load::load_file;
use threshold_widget::engine::{Answers, Danger, IndicatorId, Ruleset};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every bundled ruleset file, sorted.
pub fn ruleset_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("rulesets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter(|p| !p.ends_with("thesaurus.toml"))
        .collect();
    files.sort();
    files
}

pub fn load(path: &Path) -> Ruleset {
    load_file(path).unwrap_or_else(|e| panic!("{e}"))
}

pub fn area(id: &str) -> Ruleset {
    load(&root().join("rulesets").join(format!("{id}.toml")))
}

pub fn all_rulesets() -> Vec<Ruleset> {
    ruleset_files().iter().map(|p| load(p)).collect()
}

/// The 1-based line of `text` holding `needle`, where a test expects its error.
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map(|i| i + 1)
        .unwrap_or_else(|| panic!("`{needle}` is not in the edited text"))
}

/// Answers with the danger question answered (or not) and these indicators ticked.
pub fn answers(danger: Option<Danger>, ticked: &[&str]) -> Answers {
    let mut a = Answers {
        danger,
        ..Answers::default()
    };
    for t in ticked {
        a.tick(&IndicatorId::from(*t), true);
    }
    a
}

/// The text of every source file a ruleset was transcribed from (its document's and its
/// further documents'), one after the other; `None` (saying "skipped") when
/// `../shared/sources/` is absent. A file it names that is not there fails the test.
pub fn sources_of(r: &Ruleset) -> Option<String> {
    let dir = root().join("../shared/sources");
    if !dir.is_dir() {
        println!("skipped: {} is absent", dir.display());
        return None;
    }
    let texts: Vec<String> = r
        .provenance
        .source_files()
        .map(|f| {
            std::fs::read_to_string(dir.join(f))
                .unwrap_or_else(|e| panic!("{}: source {f} unreadable: {e}", r.area))
        })
        .collect();
    Some(texts.join("\n"))
}

/// A source document's text from `../shared/sources/`, or `None` (saying "skipped") when that
/// folder is absent.
pub fn source(file: &str) -> Option<String> {
    let path = root().join("../shared/sources").join(file);
    if !path.is_file() {
        println!("skipped: {} is absent", path.display());
        return None;
    }
    Some(std::fs::read_to_string(path).unwrap())
}
