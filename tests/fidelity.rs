//! Findings of the fidelity review (`../shared/reviews/fidelity-2026-12-01.md`) that are about
//! wording, which a scenario cannot see: text said to be the document's is the document's, and
//! an item rebuilt from a garbled table is not cut short without a "…". Reads the text from
//! `../shared/sources/`; says so and passes when that folder is absent.

mod common;

use threshold_widget::engine::Ruleset;

/// Text as compared: no `**bold**` or `<i>` markers, straight quotes, single spaces (tabs and
/// line ends kept, since they separate the columns of an extracted table).
fn normalise(text: &str) -> String {
    let text = text
        .replace("**", "")
        .replace("<i>", "")
        .replace("</i>", "")
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

fn one_line(text: &str) -> String {
    normalise(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Consent notes that do not say they are from outside the document, quoted word for word
/// (case aside: a sentence may start where the document's starts mid-line).
fn consent_not_verbatim(ruleset: &Ruleset, text: &str) -> Vec<String> {
    let text = normalise(text).to_lowercase();
    ruleset
        .consent
        .iter()
        .filter(|n| {
            !n.source.contains("National guidance") && !n.source.contains("not the document")
        })
        .filter(|n| !text.contains(&one_line(&n.text).to_lowercase()))
        .map(|n| {
            format!(
                "consent `{}`: \u{201c}{}\u{201d} is not in the document",
                n.id, n.text
            )
        })
        .collect()
}

#[test]
fn consent_notes_said_to_be_the_documents_are_its_words() {
    // Review H4: `be-open` had "Be honest" for the document's "Being honest".
    let mut wrong = Vec::new();
    for area in ["rotherham", "milton-keynes"] {
        let Some(text) = common::source(&format!("{area}.txt")) else {
            return;
        };
        wrong.extend(consent_not_verbatim(&common::area(area), &text));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn milton_keynes_items_found_whole_in_the_text_are_not_cut_short() {
    // Review M2: an item that stops where its cell goes on ("…appearance" + "/self-esteem/…")
    // drops the document's words without showing it; a cut must be marked with "…".
    let Some(text) = common::source("milton-keynes.txt") else {
        return;
    };
    let text = normalise(&text);
    let mut wrong = Vec::new();
    for i in &common::area("milton-keynes").indicators {
        let item = one_line(&i.text);
        if item.contains('\u{2026}') {
            continue;
        }
        let Some(at) = text.find(&item) else {
            continue;
        };
        let rest = text[at + item.len()..].trim_start_matches(['.', ';']);
        let mut next = rest.chars();
        let ends_cell = match (next.next(), next.next()) {
            (None, _) | (Some('\t' | '\n' | '\r'), _) => true,
            // The next item of the same column starts with a capital (or a tab, or the end).
            (Some(' '), second) => second.is_none_or(|c| !c.is_lowercase()),
            _ => false,
        };
        if !ends_cell {
            wrong.push(format!(
                "`{}`: \u{201c}{}\u{201d} goes on in the document as \u{201c}{}\u{201d}",
                i.id,
                i.text,
                rest.chars().take(40).collect::<String>()
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn trafford_disability_alone_is_no_indicator() {
    // Review T2: the document gives "He/she is disabled" (trafford.txt:17) as part of the legal
    // definition of a child in need and at no tier; as a tick it alone led to a MARAT referral.
    let t = common::area("trafford");
    let found: Vec<_> = t
        .indicators
        .iter()
        .filter(|i| one_line(&i.text).trim_end_matches('.') == "He/she is disabled")
        .map(|i| format!("`{}` at `{}`", i.id, i.level))
        .collect();
    assert!(found.is_empty(), "{}", found.join(", "));
}

/// Who a ruleset says its guidance covers, and each level's next steps, are shown as the
/// document's: they must be its words, found whole in the text (case aside).
#[test]
fn covers_and_next_steps_are_the_documents_words() {
    let mut wrong = Vec::new();
    let mut seen = 0;
    for r in common::all_rulesets() {
        let Some(text) = common::sources_of(&r) else {
            continue;
        };
        let text = one_line(&text).to_lowercase();
        let quoted = r.provenance.covers.iter().map(|c| ("covers", c)).chain(
            r.levels
                .iter()
                .flat_map(|l| l.next_steps.iter().map(|s| ("next step", s))),
        );
        for (what, words) in quoted {
            seen += 1;
            if !text.contains(&one_line(words).to_lowercase()) {
                wrong.push(format!(
                    "{}: {what} `{words}` is not in {}",
                    r.area, r.provenance.source_file
                ));
            }
        }
    }
    assert!(seen > 0, "no bundled ruleset says whom it covers");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
