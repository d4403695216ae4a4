//! The format's later fields: next steps and an "incomplete transcription" marker per level,
//! a link on a route, who the guidance covers, further source documents and an incomplete
//! marker on the whole ruleset. What the engine gives the page for each, what the decision
//! table says, that they survive packing for the page, and that files without them load as
//! before. The ruleset is the browser-test area `test-format` (an overlay of testshire).

mod common;

#[allow(dead_code)] // only `apply` and `BASE` are used here
#[path = "fixtures/overlay.rs"]
mod overlay;

use common::answers;
use threshold_widget::engine::load::load_str;
use threshold_widget::engine::{evaluate, review, Danger, Ruleset};

const OVERLAY: &str = "tests/fixtures/browser/test-format.overlay.toml";

fn format_area() -> Ruleset {
    let base = std::fs::read_to_string(overlay::BASE).unwrap();
    let text = overlay::apply(&base, OVERLAY, &std::fs::read_to_string(OVERLAY).unwrap()).unwrap();
    load_str("test-format.toml", &text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_likely_levels_next_steps_come_with_the_outcome_in_the_documents_order() {
    let r = format_area();
    let at_2 = evaluate(&r, &answers(Some(Danger::No), &["i-two"]));
    assert_eq!(at_2.level.id, "level-2");
    assert_eq!(
        at_2.level.next_steps,
        [
            "Talk to the family about an Early Help Assessment.",
            "Agree a lead practitioner."
        ]
    );
    // Another level's next steps are not this outcome's.
    let at_3 = evaluate(&r, &answers(Some(Danger::No), &["i-two", "i-three"]));
    assert_eq!(at_3.level.id, "level-3");
    assert!(at_3.level.next_steps.is_empty());
}

#[test]
fn an_incomplete_level_says_so_only_when_it_is_the_likely_level() {
    let r = format_area();
    let at_3 = evaluate(&r, &answers(Some(Danger::Yes), &["i-three"]));
    assert_eq!(
        at_3.level.incomplete.as_deref(),
        Some("The indicators for this level are lost from the source; only its description is known.")
    );
    let at_1 = evaluate(&r, &answers(Some(Danger::No), &[]));
    assert_eq!(at_1.level.id, "level-1");
    assert_eq!(at_1.level.incomplete, None);
}

#[test]
fn a_routes_link_comes_with_its_card() {
    let r = format_area();
    let o = evaluate(&r, &answers(Some(Danger::No), &["i-two"]));
    let card = o
        .routes
        .iter()
        .find(|c| c.route.id == "early-help")
        .expect("level 2 brings early help");
    assert_eq!(
        card.route.link.as_deref(),
        Some("https://testshire.example/early-help-form")
    );
}

#[test]
fn the_decision_table_lists_next_steps_incomplete_markers_links_covers_and_documents() {
    let r = format_area();
    let md = review::markdown(&r, &review::decision_table(&r));
    let section = |from: &str, to: &str| {
        let start = md
            .find(from)
            .unwrap_or_else(|| panic!("no `{from}` in\n{md}"));
        let end = md[start..].find(to).map_or(md.len(), |e| start + e);
        md[start..end].to_owned()
    };
    let head = section("# Decision table", "## Levels");
    assert!(head.contains(
        "Covers: children and young people aged 0 to 18, including unborn and newly born babies."
    ));
    assert!(head.contains("Also from: Testshire escalation policy, March 2020. <https://testshire.example/escalation>"));
    assert!(head.contains(
        "**Incomplete transcription** (a notice at the top of the page): The appendix of threshold criteria is not in the source."
    ));
    let level_2 = section("### Level 2 Targeted", "### Level 3");
    assert!(level_2.contains("Next steps shown with this level:\n\n- Talk to the family about an Early Help Assessment.\n- Agree a lead practitioner.\n"), "{level_2}");
    let level_3 = section("### Level 3 Acute", "## Routes");
    assert!(level_3.contains("**Incomplete transcription** (a notice with this level's outcome): The indicators for this level are lost"), "{level_3}");
    assert!(!level_3.contains("Next steps"));
    let early_help = section("### Early help (`early-help`)", "\n### ");
    assert!(early_help.contains("- Link: <https://testshire.example/early-help-form>"));
}

#[test]
fn the_new_fields_survive_packing_for_the_page() {
    let r = format_area();
    let packed = postcard::to_allocvec(&r).unwrap();
    let back: Ruleset = postcard::from_bytes(&packed).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.provenance.documents.len(), 1);
    assert!(back.provenance.covers.is_some());
}

#[test]
fn a_file_without_the_new_fields_loads_as_before() {
    let r = common::load(&common::root().join(overlay::BASE));
    let p = &r.provenance;
    assert_eq!(
        (&p.covers, &p.incomplete, p.documents.len()),
        (&None, &None, 0)
    );
    assert!(r
        .levels
        .iter()
        .all(|l| l.next_steps.is_empty() && l.incomplete.is_none()));
    assert!(r.routes.iter().all(|route| route.link.is_none()));
}
