//! `summary(ruleset, answers, outcome) -> Summary`: what a practitioner prints or pastes into
//! a referral form.
//!
//! Built only from the ruleset's own text, the answers to the page's fixed questions and the
//! fixed wording below: no names, no identifiers, no free text, no date or time of the check.
//! The plain-text form (`Display`) is what goes to the clipboard.

use super::evaluate::{Answers, Outcome};
use super::model::Ruleset;
use super::questions::{questions, Question};
use super::wording;
use std::fmt;

/// The whole summary: its sections in order, each only when it has something to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub sections: Vec<SummarySection>,
}

/// One part of the summary: a heading and its lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummarySection {
    pub heading: String,
    pub lines: Vec<String>,
}

/// The first line of the plain-text summary.
pub const SUMMARY_TITLE: &str = "Levels of need: summary";

/// Text from the ruleset on one line: line breaks become spaces, nothing else changes.
fn one_line(text: &str) -> String {
    if text.contains(['\n', '\r']) {
        text.split(['\n', '\r'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        text.to_owned()
    }
}

fn section(heading: &str, lines: Vec<String>) -> Option<SummarySection> {
    (!lines.is_empty()).then(|| SummarySection {
        heading: heading.to_owned(),
        lines,
    })
}

fn outcome_lines(ruleset: &Ruleset, outcome: &Outcome) -> Vec<String> {
    let mut lines = vec![format!(
        "Likely level of need: {}",
        one_line(&outcome.level.name)
    )];
    if outcome.danger_unanswered {
        lines.push(wording::DANGER_UNANSWERED.to_owned());
    }
    // The page's notices that the transcription is incomplete go with the record too.
    if let Some(why) = &outcome.level.incomplete {
        lines.push(wording::incomplete_level(
            &one_line(&outcome.level.name),
            &one_line(why),
        ));
    }
    if let Some(why) = &ruleset.provenance.incomplete {
        lines.push(wording::incomplete_ruleset(&one_line(why)));
    }
    lines.extend(outcome.rules.iter().map(|r| one_line(&r.summary)));
    if outcome.route_level != outcome.level.id {
        let name = ruleset
            .level(&outcome.route_level)
            .map_or_else(|| outcome.route_level.to_string(), |l| one_line(&l.name));
        lines.push(format!("The routes below are those for {name}."));
    }
    lines
}

fn route_lines(outcome: &Outcome) -> Vec<String> {
    outcome
        .routes
        .iter()
        .map(|card| {
            let r = &card.route;
            let mut line = format!(
                "{}: {}. {}",
                r.urgency.label(),
                one_line(&r.name),
                one_line(&r.action)
            );
            if let Some(phone) = &r.phone {
                line.push_str(&format!(" Phone: {}.", one_line(phone)));
            }
            for extra in [&r.then, &r.find_details].into_iter().flatten() {
                line.push(' ');
                line.push_str(&one_line(extra));
            }
            if let Some(note) = r.basis.as_ref().and_then(|b| b.notice()) {
                line.push_str(&format!(" ({})", one_line(&note)));
            }
            line
        })
        .collect()
}

fn answer_lines(ruleset: &Ruleset, answers: &Answers) -> Vec<String> {
    // The questions the page asks for this area: danger always ("Not answered" when it is
    // not), the others only when answered.
    let mut lines: Vec<String> = questions(ruleset)
        .into_iter()
        .filter_map(|q| match (q, q.answer(answers)) {
            (_, Some(a)) => Some(format!("{} {a}", q.text())),
            (Question::Danger, None) => Some(format!("{} Not answered", q.text())),
            (_, None) => None,
        })
        .collect();
    let ticked: Vec<String> = ruleset
        .indicators
        .iter()
        .filter(|i| answers.ticked.contains(&i.id))
        .map(|i| {
            let level = ruleset
                .level(&i.level)
                .map_or_else(|| i.level.to_string(), |l| one_line(&l.name));
            let rebuilt = if i.reconstructed {
                " (wording rebuilt from damaged text in the document)"
            } else {
                ""
            };
            format!(
                "{}{rebuilt}",
                wording::quoted_indicator(&level, &one_line(&i.text))
            )
        })
        .collect();
    if ticked.is_empty() {
        lines.push(
            if answers.none_of_these {
                "None of these"
            } else {
                "No indicator ticked"
            }
            .to_owned(),
        );
    }
    lines.extend(ticked);
    lines
}

fn family_lines(outcome: &Outcome) -> Vec<String> {
    outcome
        .consent
        .iter()
        .map(|n| format!("{} ({})", one_line(&n.text), one_line(&n.source)))
        .collect()
}

fn source_lines(ruleset: &Ruleset, outcome: &Outcome) -> Vec<String> {
    let p = &ruleset.provenance;
    let review = p
        .review_date
        .as_deref()
        .map_or_else(String::new, |d| format!(", review date {}", one_line(d)));
    let g = &outcome.guidance;
    let mut lines = vec![format!(
        "Based on {} ({}, {}{review}).",
        one_line(&p.title),
        one_line(&p.partnership),
        one_line(&p.date)
    )];
    let version = p.version.as_deref().map(one_line);
    let checked = p.contacts_checked().map(|m| m.display());
    lines.extend(match (version, checked) {
        (Some(v), Some(c)) => Some(format!("Ruleset version {v}; contacts last checked {c}.")),
        (Some(v), None) => Some(format!("Ruleset version {v}.")),
        (None, Some(c)) => Some(format!("Contacts last checked {c}.")),
        (None, None) => None,
    });
    if let Some(newer) = &p.superseded {
        lines.push(format!(
            "The partnership has published a newer document: {}.",
            one_line(newer)
        ));
    }
    lines.push(wording::GUIDE_NOTICE.to_owned());
    lines.push(format!(
        "{} ({})",
        one_line(&g.reminder.text),
        one_line(&g.reminder.source)
    ));
    if let Some(e) = &g.escalation {
        let link = e
            .link
            .as_deref()
            .map_or_else(String::new, |l| format!(" Policy: {l}"));
        lines.push(format!(
            "If you disagree with a decision: {} ({}){link}",
            one_line(&e.text),
            one_line(&e.source)
        ));
    }
    lines
}

/// The summary of one check: the outcome, what to do, the answers, what to tell the family
/// and the source. `outcome` is `evaluate(ruleset, answers)`.
pub fn summary(ruleset: &Ruleset, answers: &Answers, outcome: &Outcome) -> Summary {
    let sections = [
        section("Outcome", outcome_lines(ruleset, outcome)),
        section("What to do now", route_lines(outcome)),
        section("Your answers", answer_lines(ruleset, answers)),
        section("What to tell the family", family_lines(outcome)),
        section("Source", source_lines(ruleset, outcome)),
    ];
    Summary {
        sections: sections.into_iter().flatten().collect(),
    }
}

impl fmt::Display for Summary {
    /// Plain text for the clipboard: the title, then each section's heading and its lines
    /// as "- " bullets, a blank line between sections, no trailing newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(SUMMARY_TITLE)?;
        for s in &self.sections {
            write!(f, "\n\n{}", s.heading)?;
            for line in &s.lines {
                write!(f, "\n- {line}")?;
            }
        }
        Ok(())
    }
}
