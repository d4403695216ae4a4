//! The browser-test areas made from overlays of the made-up test area
//! (`tests/fixtures/browser/<area>.overlay.toml` onto `tests/fixtures/testshire.toml`, merged
//! by `tests/fixtures/overlay.rs` as `build.rs` does for `make dist-test`): each loads and
//! checks, keeps every decision of the test area, and carries every value of its overlay.

mod common;

#[path = "fixtures/overlay.rs"]
mod overlay;

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use threshold_widget::engine::load::load_file;
use threshold_widget::engine::Ruleset;
use threshold_widget::scenarios;
use toml::{Table, Value};

fn overlays() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/browser")
        .unwrap()
        .map(|e| PathBuf::from("tests/fixtures/browser").join(e.unwrap().file_name()))
        .filter(|p| overlay::is_overlay(p))
        .collect();
    files.sort();
    files
}

/// Each overlay merged and written as build.rs writes it, then loaded from that file.
fn made() -> Vec<(PathBuf, Ruleset)> {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("tw-fixtures-{}-{call}", std::process::id()));
    let made = overlays()
        .into_iter()
        .map(|o| {
            let file = overlay::write(&o, &dir).unwrap_or_else(|e| panic!("{e}"));
            let ruleset = load_file(&file).unwrap_or_else(|e| panic!("{}: {e}", o.display()));
            (o, ruleset)
        })
        .collect();
    let _ = std::fs::remove_dir_all(&dir);
    made
}

#[test]
fn every_overlay_makes_an_area_that_loads_and_checks() {
    let made = made();
    let areas: Vec<&str> = made.iter().map(|(_, r)| r.area.as_str()).collect();
    assert_eq!(
        areas,
        [
            "test-exit-custom",
            "test-exit-off",
            "test-format",
            "test-markup",
            "test-superseded"
        ],
        "the browser tests open these areas"
    );
    for (o, r) in &made {
        assert_eq!(
            Some(r.area.as_str()),
            overlay::area_of(o),
            "{}",
            o.display()
        );
    }
}

/// The overlays change words and settings, never a decision: the test area's scenarios
/// pass on each made area (with its own `area`).
#[test]
fn every_made_area_keeps_the_test_areas_decisions() {
    let text = std::fs::read_to_string("tests/fixtures/testshire.scenarios.toml").unwrap();
    for (o, r) in made() {
        let text = text.replace(
            "area = \"testshire\"",
            &format!("area = \"{}\"", r.area.as_str()),
        );
        let (count, problems) = scenarios::run(&r, &o.display().to_string(), &text);
        assert!(count > 0);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

/// Every key the overlay sets has the overlay's value in the made area, entries of arrays of
/// tables matched by `id`; every other key keeps the test area's value.
#[test]
fn every_made_area_is_the_test_area_with_its_overlay_and_nothing_else() {
    let base: Table = std::fs::read_to_string(overlay::BASE)
        .unwrap()
        .parse()
        .unwrap();
    for o in overlays() {
        let overlay: Table = std::fs::read_to_string(&o).unwrap().parse().unwrap();
        let made: Table = overlay::apply(
            &std::fs::read_to_string(overlay::BASE).unwrap(),
            &o.display().to_string(),
            &std::fs::read_to_string(&o).unwrap(),
        )
        .unwrap()
        .parse()
        .unwrap();
        let mut wrong = Vec::new();
        compare(&o.display().to_string(), &base, &overlay, &made, &mut wrong);
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}

/// Walks `made`, checking each value against the overlay where it sets one, else the base.
fn compare(at: &str, base: &Table, overlay: &Table, made: &Table, wrong: &mut Vec<String>) {
    let keys: BTreeSet<&String> = base
        .keys()
        .chain(overlay.keys())
        .chain(made.keys())
        .collect();
    for key in keys {
        let at = format!("{at}.{key}");
        match (base.get(key), overlay.get(key), made.get(key)) {
            (_, _, None) => wrong.push(format!("{at} is missing")),
            (Some(Value::Table(b)), Some(Value::Table(o)), Some(Value::Table(m))) => {
                compare(&at, b, o, m, wrong)
            }
            (Some(Value::Array(b)), Some(Value::Array(o)), Some(Value::Array(m)))
                if b.iter().all(|e| e.get("id").is_some()) =>
            {
                compare_by_id(&at, b, o, m, wrong)
            }
            (_, Some(o), Some(m)) if o != m => {
                wrong.push(format!("{at} is {m}, the overlay says {o}"))
            }
            (Some(b), None, Some(m)) if b != m => {
                wrong.push(format!("{at} is {m}, the test area says {b}"))
            }
            (None, None, Some(m)) => wrong.push(format!("{at} = {m} is in neither file")),
            _ => {}
        }
    }
}

/// An array of tables: the base's entries in order, then the overlay's new ids; each entry
/// compared with the base's and the overlay's entry of the same `id`.
fn compare_by_id(
    at: &str,
    base: &[Value],
    overlay: &[Value],
    made: &[Value],
    wrong: &mut Vec<String>,
) {
    let ids = |v: &[Value]| v.iter().map(|e| e.get("id").cloned()).collect::<Vec<_>>();
    let mut expected = ids(base);
    expected.extend(
        ids(overlay)
            .into_iter()
            .filter(|id| !ids(base).contains(id)),
    );
    if ids(made) != expected {
        wrong.push(format!("{at}: ids {:?}, expected {expected:?}", ids(made)));
        return;
    }
    let entry = |v: &[Value], id: Option<&Value>| -> Table {
        v.iter()
            .find(|e| e.get("id") == id)
            .and_then(Value::as_table)
            .cloned()
            .unwrap_or_default()
    };
    for m in made {
        let id = m.get("id");
        let at = format!("{at}[{}]", id.unwrap());
        let m = m.as_table().expect("an entry with an id is a table");
        compare(&at, &entry(base, id), &entry(overlay, id), m, wrong);
    }
}

#[test]
fn a_broken_overlay_is_named_with_its_line() {
    let base = std::fs::read_to_string(overlay::BASE).unwrap();
    let e = overlay::apply(
        &base,
        "tests/fixtures/browser/x.overlay.toml",
        "area = \"x\"\n[provenance\n",
    )
    .unwrap_err();
    assert!(
        e.starts_with("tests/fixtures/browser/x.overlay.toml: "),
        "{e}"
    );
    assert!(e.contains("line 2"), "{e}");
}
