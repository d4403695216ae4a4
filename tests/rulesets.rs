//! Every bundled ruleset loads with no problem, packs for the page and unpacks unchanged,
//! and quotes only phone numbers its source document publishes.

mod common;

use threshold_widget::catalogue;

#[test]
fn every_bundled_ruleset_loads_without_problems() {
    let files = common::ruleset_files();
    assert!(!files.is_empty());
    for f in files {
        common::load(&f);
    }
}

/// The packed bundle is the TOML file's ruleset, with each indicator's related indicators
/// resolved (so the page shows them without the search module).
#[test]
fn the_packed_bundle_is_the_same_ruleset_as_the_toml() {
    assert_eq!(catalogue::AREAS.len(), common::ruleset_files().len());
    for area in catalogue::AREAS {
        let packed = area
            .ruleset()
            .expect("the native build embeds every area")
            .expect("the bundle unpacks");
        let mut expected = common::area(area.id);
        threshold_widget::engine::search::resolve_related(&mut expected, &catalogue::thesaurus());
        assert_eq!(packed, expected, "{} differs after packing", area.id);
    }
}

#[test]
fn the_committed_json_schema_matches_the_model() {
    let committed = std::fs::read_to_string(common::root().join("rulesets/ruleset.schema.json"))
        .unwrap_or_default();
    assert!(
        committed == threshold_widget::schema::json_schema(),
        "rulesets/ruleset.schema.json is out of date: run `make schema`"
    );
}

#[test]
fn every_ruleset_points_editors_at_the_schema() {
    for f in common::ruleset_files() {
        let first = std::fs::read_to_string(&f)
            .unwrap()
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned();
        assert_eq!(first, "#:schema ./ruleset.schema.json", "{}", f.display());
    }
}

#[test]
fn the_default_area_is_bundled_and_unknown_areas_fall_back_to_it() {
    assert_eq!(catalogue::choose(None).id, catalogue::DEFAULT_AREA);
    assert_eq!(
        catalogue::choose(Some("atlantis")).id,
        catalogue::DEFAULT_AREA
    );
    assert_eq!(catalogue::choose(Some("rotherham")).id, "rotherham");
    let file = std::fs::read_to_string(common::root().join("rulesets/default-area")).unwrap();
    assert_eq!(
        catalogue::DEFAULT_AREA,
        file.trim(),
        "rulesets/default-area names it"
    );
}

/// `pack` (Trunk's post-build hook) writes the site file of every area but the default,
/// which is inside the page's wasm: shipping it too would only add bytes. Of the default, it
/// writes only the worked examples and questions to think about, which the wasm leaves out.
#[test]
fn pack_writes_every_area_but_the_default() {
    let dir = std::env::temp_dir().join(format!("tw-pack-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let written = catalogue::write_files(&dir).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir.join("areas"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let default = catalogue::find(catalogue::DEFAULT_AREA).unwrap();
    let reading = default
        .reading
        .as_ref()
        .expect("the default area has a reading file");
    let reading_bytes = std::fs::read(dir.join(reading.file)).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let mut expected: Vec<String> = catalogue::AREAS
        .iter()
        .filter(|a| a.id != catalogue::DEFAULT_AREA)
        .map(|a| a.file)
        .chain([reading.file])
        .map(|f| f.trim_start_matches("areas/").to_owned())
        .collect();
    expected.sort();
    assert!(expected.len() > 1, "there are areas besides the default");
    assert_eq!(names, expected);
    assert_eq!(written.len(), expected.len());
    let default_files: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with(&format!("{}-", catalogue::DEFAULT_AREA)))
        .collect();
    assert_eq!(
        default_files,
        [&reading.file.trim_start_matches("areas/").to_owned()],
        "of the default area, only its reading file"
    );
    // Nothing of the document is lost: the file holds the default area's own worked examples
    // and questions to think about, all of them.
    let whole = default.ruleset().unwrap().unwrap();
    let (examples, prompts) = catalogue::unpack_reading(&reading_bytes).unwrap();
    assert!(!examples.is_empty() && !prompts.is_empty());
    assert_eq!((examples, prompts), (whole.examples, whole.prompts));
    assert!(catalogue::AREAS
        .iter()
        .all(|a| a.reading.is_none() || a.id == catalogue::DEFAULT_AREA));
    // Natively the default area is whole, so nothing is to fetch (the page's wasm fetches it).
    assert_eq!(default.reading_to_fetch(), None);
}

/// A number we cannot trace to the partnership's own document must not ship. The one
/// exception is 999, the national emergency number every ruleset must give: where the
/// document does not print it, the route must say its source is national guidance.
#[test]
fn every_phone_number_appears_in_the_source_document() {
    for r in common::all_rulesets() {
        let Some(text) = common::sources_of(&r) else {
            return;
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for route in &r.routes {
            if let Some(phone) = &route.phone {
                if phone == "999" && !text.contains("999") {
                    assert!(
                        route.source.to_lowercase().contains("national"),
                        "{}: route `{}` gives 999, which {} does not print, without saying its source is national guidance",
                        r.area,
                        route.id,
                        r.provenance.source_file
                    );
                    continue;
                }
                assert!(
                    text.contains(phone.as_str()),
                    "{}: route `{}` number {phone} is not in {}",
                    r.area,
                    route.id,
                    r.provenance.source_file
                );
            }
        }
    }
}

/// Milton Keynes lists its indicators by the Assessment Framework domains of its tables:
/// every indicator sits in one of them, every domain has indicators at some level, and the
/// counts and rebuilt items are printed for a reviewer (`cargo test -- --nocapture`, or
/// `make summary`).
#[test]
fn milton_keynes_indicators_sit_in_the_assessment_framework_domains() {
    const DOMAINS: [&str; 13] = [
        "Health",
        "Emotional development",
        "Behavioural development",
        "Identity and self-esteem",
        "Family and social relationships",
        "Self-care skills and independence",
        "Learning",
        "Basic care, safety and protection",
        "Emotional warmth and stability",
        "Guidance, boundaries and stimulation",
        "Family functioning and well-being",
        "Housing, work and income",
        "Social and community including education",
    ];
    let mk = common::area("milton-keynes");
    let outside: Vec<_> = mk
        .indicators
        .iter()
        .filter(|i| !i.domain.as_deref().is_some_and(|d| DOMAINS.contains(&d)))
        .map(|i| format!("{} ({:?})", i.id, i.domain))
        .collect();
    assert!(outside.is_empty(), "not in a domain: {outside:?}");
    let groups: Vec<String> = mk.indicator_groups().into_iter().map(|(d, _)| d).collect();
    assert_eq!(groups, DOMAINS, "each domain, in the document's order");
    assert!(
        mk.indicators.iter().any(|i| i.reconstructed),
        "the garbled tables give rebuilt items, marked"
    );
    print!("{}", threshold_widget::report::summary(&mk));
}

/// Every route, rule, consent note and guidance text of every bundled ruleset says whose
/// guidance it is, and the basis agrees with its `source`: an item whose source calls it
/// national or implied is not marked as the document's, and a national basis is one the
/// source calls national. (An interpretation may rest on a document section: the basis is
/// the finer statement, e.g. Rochdale's count of three ticks.)
#[test]
fn every_bundled_item_has_a_basis_that_agrees_with_its_source() {
    use threshold_widget::engine::Basis;
    let mut wrong = Vec::new();
    let mut non_document = 0;
    for r in common::all_rulesets() {
        let g = &r.guidance;
        let mut items: Vec<(String, &str, Option<&Basis>)> = vec![(
            "guidance.reminder".into(),
            g.reminder.source.as_str(),
            g.reminder.basis.as_ref(),
        )];
        if let Some(e) = &g.escalation {
            items.push(("guidance.escalation".into(), &e.source, e.basis.as_ref()));
        }
        items.extend(r.routes.iter().map(|x| {
            (
                format!("route {}", x.id),
                x.source.as_str(),
                x.basis.as_ref(),
            )
        }));
        items.extend(r.rules.iter().map(|x| {
            (
                format!("rule {}", x.id),
                x.source.as_str(),
                x.basis.as_ref(),
            )
        }));
        items.extend(r.consent.iter().map(|x| {
            (
                format!("consent {}", x.id),
                x.source.as_str(),
                x.basis.as_ref(),
            )
        }));
        for (what, source, basis) in items {
            let s = source.to_lowercase();
            let national =
                s.contains("national guidance") || s.contains("national emergency number");
            let not_document =
                national || s.starts_with("implied") || s.starts_with("not from the document");
            match basis {
                None => wrong.push(format!("{}: {what} has no basis", r.area)),
                Some(Basis::Document(_)) if not_document => wrong.push(format!(
                    "{}: {what} is marked as the document's, but its source says: {source}",
                    r.area
                )),
                Some(Basis::National(_)) if !national => wrong.push(format!(
                    "{}: {what} is marked as national guidance, but its source does not say so: {source}",
                    r.area
                )),
                Some(Basis::National(_) | Basis::Interpretation(_)) => non_document += 1,
                Some(Basis::Document(_)) => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        non_document > 0,
        "some bundled guidance is not the documents'"
    );
}
