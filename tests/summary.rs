//! The print/copy summary: built only from the ruleset, the answers and fixed wording, on the
//! bundled rulesets.

mod common;

use common::{all_rulesets, answers, area, root};
use threshold_widget::engine::{
    evaluate, summary, Answers, Danger, IndicatorId, Known, Ruleset, Summary,
};

fn summarise(ruleset: &Ruleset, a: &Answers) -> Summary {
    summary(ruleset, a, &evaluate(ruleset, a))
}

fn section<'a>(s: &'a Summary, heading: &str) -> Option<&'a Vec<String>> {
    s.sections
        .iter()
        .find(|x| x.heading == heading)
        .map(|x| &x.lines)
}

fn headings(s: &Summary) -> Vec<&str> {
    s.sections.iter().map(|x| x.heading.as_str()).collect()
}

/// The ruleset's own file, for "is this from the document?" checks.
fn source_text(ruleset: &Ruleset) -> String {
    std::fs::read_to_string(
        root()
            .join("rulesets")
            .join(format!("{}.toml", ruleset.area)),
    )
    .unwrap()
}

fn position(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in the summary:\n{text}"))
}

const ROTHERHAM_L4: &str = "l4-non-accidental-injuries";

#[test]
fn rotherham_danger_and_a_level_4_indicator() {
    let r = area("rotherham");
    let ind = r
        .indicator(&IndicatorId::from(ROTHERHAM_L4))
        .unwrap_or_else(|| panic!("{ROTHERHAM_L4} is not in rotherham.toml"));
    let text = summarise(&r, &answers(Some(Danger::Yes), &[ROTHERHAM_L4])).to_string();
    println!("{text}");

    assert!(text.starts_with("Levels of need: summary\n\nOutcome\n- "));
    assert!(text.contains("Likely level of need: Level 4 Acute"));
    let police = position(&text, "Emergency: Police. ");
    let emergency = position(&text, "999");
    let mash = position(&text, "01709 336080");
    assert!(
        police < emergency && emergency < mash,
        "999 must come before the MASH:\n{text}"
    );
    assert!(text.contains("Urgent: Multi-Agency Safeguarding Hub (MASH). "));
    assert!(text.contains("Then complete the Multi-Agency Referral Form (MARF)."));
    assert!(text.contains(&format!("Level 4 Acute: \u{201c}{}\u{201d}", ind.text)));
    assert!(text.contains("Is the child in immediate danger? Yes"));
    assert!(text.contains(
        "Where a child may be at risk of significant harm you do not need the family's consent"
    ));
    assert!(text.contains(&r.provenance.title));
    assert!(text.contains(&r.guidance.reminder.text));
    assert!(text.contains("This is a guide."));
    assert_eq!(
        headings(&summarise(&r, &answers(Some(Danger::Yes), &[ROTHERHAM_L4]))),
        [
            "Outcome",
            "What to do now",
            "Your answers",
            "What to tell the family",
            "Source"
        ]
    );
    // Plain text: "- " bullets, blank lines between sections, nothing else.
    for line in text.lines().skip(1) {
        assert!(
            line.is_empty() || line.starts_with("- ") || !line.contains(['<', '*', '#', '`']),
            "unexpected line: {line}"
        );
    }
    assert!(!text.ends_with('\n'));
    assert!(!text.contains("\n\n\n"));
}

#[test]
fn context_answers_appear_only_when_given() {
    let r = area("rotherham");
    let questions = [
        "Do you believe a crime may have been committed?",
        "Does the child already have a social worker?",
        "Has early help been tried without the situation improving?",
    ];
    let bare = summarise(&r, &answers(Some(Danger::No), &[]));
    let bare_answers = section(&bare, "Your answers").unwrap();
    for q in questions {
        assert!(
            !bare_answers.iter().any(|l| l.contains(q)),
            "{q} was not answered but is in the summary"
        );
    }

    let mut a = answers(Some(Danger::No), &[]);
    a.crime = Some(true);
    let s = summarise(&r, &a);
    let lines = section(&s, "Your answers").unwrap();
    assert!(lines.contains(&format!("{} Yes", questions[0])));
    assert!(!lines.iter().any(|l| l.contains(questions[1])));
    assert!(!lines.iter().any(|l| l.contains(questions[2])));
    // The 101 route the answer brings is in "What to do now", with its number.
    assert!(section(&s, "What to do now")
        .unwrap()
        .iter()
        .any(|l| l.contains("Phone: 101.")));

    a.crime = Some(false);
    a.social_worker = Some(Known::NotSure);
    a.early_help_not_improved = Some(true);
    let s = summarise(&r, &a);
    let lines = section(&s, "Your answers").unwrap();
    assert!(lines.contains(&format!("{} No", questions[0])));
    assert!(lines.contains(&format!("{} Not sure", questions[1])));
    assert!(lines.contains(&format!("{} Yes", questions[2])));

    // A question the area does not ask stays out even if an answer is set.
    let t = area("trafford");
    let mut a = answers(Some(Danger::No), &[]);
    a.crime = Some(true);
    a.social_worker = Some(Known::Yes);
    let s = summarise(&t, &a);
    let lines = section(&s, "Your answers").unwrap();
    assert!(!lines.iter().any(|l| l.contains(questions[0])));
    assert!(lines.contains(&format!("{} Yes", questions[1])));
}

#[test]
fn none_of_these_and_nothing_ticked() {
    let r = area("rotherham");
    let mut a = answers(Some(Danger::No), &[]);
    a.set_none_of_these(true);
    let s = summarise(&r, &a);
    let lines = section(&s, "Your answers").unwrap();
    assert_eq!(
        lines,
        &[
            "Is the child in immediate danger? No".to_owned(),
            "None of these".to_owned()
        ]
    );
    assert!(section(&s, "Outcome")
        .unwrap()
        .contains(&"Likely level of need: Level 1 Universal".to_owned()));

    let s = summarise(&r, &answers(None, &[]));
    let lines = section(&s, "Your answers").unwrap();
    assert_eq!(
        lines,
        &[
            "Is the child in immediate danger? Not answered".to_owned(),
            "No indicator ticked".to_owned()
        ]
    );
    assert!(section(&s, "Outcome")
        .unwrap()
        .iter()
        .any(|l| l.contains("If they are, call 999 now.")));
}

#[test]
fn routes_of_the_next_level_are_named() {
    let r = area("rotherham");
    let l2 = r
        .indicators
        .iter()
        .find(|i| i.level.as_str() == "level-2")
        .unwrap();
    let mut a = answers(Some(Danger::No), &[l2.id.as_str()]);
    a.early_help_not_improved = Some(true);
    let o = evaluate(&r, &a);
    assert_ne!(
        o.route_level, o.level.id,
        "the rule should raise the routes"
    );
    let s = summary(&r, &a, &o);
    let lines = section(&s, "Outcome").unwrap();
    assert_eq!(lines[0], "Likely level of need: Level 2 Vulnerable");
    assert!(lines.contains(&"The routes for Level 3 Complex apply.".to_owned()));
    assert!(lines.contains(&"The routes below are those for Level 3 Complex.".to_owned()));
}

/// A few answer sets per ruleset: each level's first indicator with each danger answer, every
/// indicator at once, "None of these", and the context answers.
fn answer_sets(r: &Ruleset) -> Vec<Answers> {
    let mut sets = Vec::new();
    for level in &r.levels {
        let Some(first) = r.indicators.iter().find(|i| i.level == level.id) else {
            continue;
        };
        for d in [
            None,
            Some(Danger::Yes),
            Some(Danger::No),
            Some(Danger::NotSure),
        ] {
            sets.push(answers(d, &[first.id.as_str()]));
        }
    }
    let all: Vec<&str> = r.indicators.iter().map(|i| i.id.as_str()).collect();
    sets.push(answers(Some(Danger::Yes), &all));
    let mut none = answers(Some(Danger::No), &[]);
    none.set_none_of_these(true);
    sets.push(none);
    for known in Known::ALL {
        let mut a = answers(Some(Danger::No), &all[..all.len().min(3)]);
        a.crime = Some(true);
        a.social_worker = Some(known);
        a.early_help_not_improved = Some(true);
        sets.push(a);
    }
    sets
}

#[test]
fn every_ruleset_summary_keeps_numbers_and_words() {
    let rulesets = all_rulesets();
    assert_eq!(rulesets.len(), 5);
    for r in &rulesets {
        let file = source_text(r);
        for a in answer_sets(r) {
            let o = evaluate(r, &a);
            let s = summary(r, &a, &o);
            let text = s.to_string();
            let ctx = format!("{} {a:?}", r.area);
            assert!(text.starts_with("Levels of need: summary\n\n"), "{ctx}");
            assert_eq!(
                section(&s, "Outcome").unwrap()[0],
                format!("Likely level of need: {}", o.level.name),
                "{ctx}"
            );
            // Every route, in order, with its phone number exactly as the ruleset gives it.
            let routes = section(&s, "What to do now").unwrap();
            assert_eq!(routes.len(), o.routes.len(), "{ctx}");
            for (line, card) in routes.iter().zip(&o.routes) {
                assert!(
                    line.starts_with(&format!(
                        "{}: {}",
                        card.route.urgency.label(),
                        card.route.name
                    )),
                    "{ctx}: {line}"
                );
                if let Some(phone) = &card.route.phone {
                    assert!(line.contains(&format!("Phone: {phone}.")), "{ctx}: {line}");
                    assert!(text.contains(phone.as_str()), "{ctx}: {phone}");
                }
            }
            if a.danger == Some(Danger::Yes) {
                assert!(routes[0].starts_with("Emergency: "), "{ctx}");
                assert!(routes[0].contains("999"), "{ctx}");
            }
            // Every ticked indicator verbatim, in document order, and nothing else ticked.
            let ticked: Vec<_> = r
                .indicators
                .iter()
                .filter(|i| a.ticked.contains(&i.id))
                .collect();
            let mut at = 0;
            for i in &ticked {
                assert!(text.contains(i.text.as_str()), "{ctx}: {}", i.text);
                let quoted = format!("\u{201c}{}\u{201d}", i.text);
                let found = text[at..]
                    .find(&quoted)
                    .unwrap_or_else(|| panic!("{ctx}: out of document order: {}", i.text));
                at += found + quoted.len();
            }
            let answer_lines = section(&s, "Your answers").unwrap();
            let indicator_lines = answer_lines
                .iter()
                .filter(|l| l.contains('\u{201c}'))
                .count();
            assert_eq!(indicator_lines, ticked.len(), "{ctx}");
            // Consent notes, verbatim.
            for note in &o.consent {
                assert!(text.contains(note.text.as_str()), "{ctx}: {}", note.text);
            }
            assert_eq!(
                section(&s, "What to tell the family").is_some(),
                !o.consent.is_empty(),
                "{ctx}"
            );
            // No markup unless the document's own text has it.
            for line in text.lines() {
                if line.contains('<') {
                    assert!(file.contains('<'), "{ctx}: markup in {line}");
                }
            }
            // No number that is neither in the ruleset nor the page's fixed "call 999".
            for digits in text
                .split(|c: char| !c.is_ascii_digit())
                .filter(|d| !d.is_empty())
            {
                assert!(
                    digits == "999" || file.contains(digits),
                    "{ctx}: {digits} is not in the ruleset"
                );
            }
            // Source: the document's provenance and its reminder.
            let source = section(&s, "Source").unwrap();
            assert!(source[0].contains(&r.provenance.title), "{ctx}");
            assert!(source[0].contains(&r.provenance.partnership), "{ctx}");
            assert!(source[0].contains(&r.provenance.date), "{ctx}");
            assert!(
                source.iter().any(|l| l.contains(&r.guidance.reminder.text)),
                "{ctx}"
            );
        }
    }
}

#[test]
fn summary_depends_only_on_the_answers() {
    for r in all_rulesets() {
        let sets = answer_sets(&r);
        for a in &sets {
            let first = summarise(&r, a);
            let again = summarise(&r, &a.clone());
            assert_eq!(first, again, "{}", r.area);
            assert_eq!(first.to_string(), again.to_string(), "{}", r.area);
        }
        // Two different tick sets give different "Your answers".
        let ids: Vec<&str> = r.indicators.iter().map(|i| i.id.as_str()).collect();
        assert!(ids.len() >= 2, "{}", r.area);
        let one = summarise(&r, &answers(Some(Danger::No), &ids[..1]));
        let other = summarise(&r, &answers(Some(Danger::No), &ids[1..2]));
        assert_ne!(
            section(&one, "Your answers"),
            section(&other, "Your answers"),
            "{}",
            r.area
        );
        // Nothing from the "Your answers" of one check leaks into another's.
        let other_text = other.to_string();
        let first_text = &r.indicators[0].text;
        if !r.indicators[1].text.contains(first_text.as_str()) {
            assert!(!other_text.contains(first_text.as_str()), "{}", r.area);
        }
    }
}

/// The page's notices that a transcription is incomplete go into the printed or copied
/// record too, in the document's own words: the level's (Milton Keynes' Universal) and the
/// ruleset's (Trafford's missing appendices); an area without one has none.
#[test]
fn incomplete_transcriptions_are_in_the_summary() {
    let outcome_lines = |id: &str| {
        let r = area(id);
        let mut a = answers(Some(Danger::No), &[]);
        a.set_none_of_these(true);
        let lines = section(&summarise(&r, &a), "Outcome").unwrap().clone();
        (r, lines)
    };
    let notices = |lines: &[String]| -> Vec<String> {
        lines
            .iter()
            .filter(|l| l.starts_with("This guide does not hold all of the document"))
            .cloned()
            .collect()
    };

    let (mk, lines) = outcome_lines("milton-keynes");
    let why = mk.levels[0]
        .incomplete
        .clone()
        .expect("Universal is marked incomplete");
    let found = notices(&lines);
    assert_eq!(found.len(), 1, "{lines:#?}");
    assert!(
        found[0].contains("for Universal") && found[0].contains(&why),
        "{found:?}"
    );

    let (trafford, lines) = outcome_lines("trafford");
    let why = trafford
        .provenance
        .incomplete
        .clone()
        .expect("Trafford is marked incomplete");
    assert!(
        notices(&lines).iter().any(|l| l.ends_with(&why)),
        "{lines:#?}"
    );

    let (_, lines) = outcome_lines("rotherham");
    assert!(notices(&lines).is_empty(), "{lines:#?}");
}
