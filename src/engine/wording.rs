//! Fixed words the page and the printed summary both say. One place each, so the two cannot
//! drift: a component or the summary uses these constants rather than its own copy.

use super::evaluate::Reason;
use super::model::{ContextTrigger, Danger, SourceDocument};
use super::search::How;

/// Shown (and printed) while the danger question is unanswered.
pub const DANGER_UNANSWERED: &str =
    "You have not answered whether the child is in immediate danger. If they are, call 999 now.";

/// The last line of every view that cannot show an outcome (a failed load, a broken site
/// ruleset): the 999 number and what to do instead.
pub const CANNOT_HELP_FALLBACK: &str = "If a child is in immediate danger, call 999. Otherwise follow your organisation's safeguarding procedures and talk to your designated safeguarding lead.";

/// The page's own reminder, shown with every outcome and printed in the summary: its bold
/// lead, then the rest.
pub const GUIDE_NOTICE_LEAD: &str = "This is a guide.";
pub const GUIDE_NOTICE_REST: &str = "It does not replace your professional judgement or a conversation with your designated safeguarding lead.";
/// [`GUIDE_NOTICE_LEAD`] and [`GUIDE_NOTICE_REST`] as one line.
pub const GUIDE_NOTICE: &str = "This is a guide. It does not replace your professional judgement or a conversation with your designated safeguarding lead.";

/// Whom the guidance covers, near the document's title.
pub fn covers(who: &str) -> String {
    format!("It covers {who}.")
}

/// The other documents a ruleset is transcribed from, after the first: " Also title (date)."
/// for each; empty when there are none.
pub fn other_documents(documents: &[SourceDocument]) -> String {
    documents
        .iter()
        .map(|d| format!(" Also {} ({}).", d.title, d.date))
        .collect()
}

/// The heading of a level's next steps (the document's own), under the likely level.
pub const NEXT_STEPS_HEADING: &str = "Next steps at this level";

/// The notice at the top when the ruleset's transcription is incomplete.
pub fn incomplete_ruleset(why: &str) -> String {
    format!("This guide does not hold all of the document. {why}")
}

/// The notice in the outcome when the likely level's transcription is incomplete.
pub fn incomplete_level(level_name: &str, why: &str) -> String {
    format!("This guide does not hold all of the document for {level_name}: {why} Check the document itself before you rely on this level.")
}

/// The text of a route's link: where it goes, so nobody follows a link blind.
pub fn link_label(url: &str) -> String {
    let host = url
        .strip_prefix("https://")
        .and_then(|rest| rest.split(['/', '?', '#']).next())
        .unwrap_or(url);
    format!("Go to {host}")
}

/// A ticked indicator quoted with its level: `Level 3: “text”`, on the page (as a reason)
/// and in the summary (as an answer).
pub fn quoted_indicator(level_name: &str, text: &str) -> String {
    format!("{level_name}: \u{201c}{text}\u{201d}")
}

/// The quiet note under an indicator found by another word than the one typed (the notes of
/// `search::notes`, at most three): `matches “bruise” as “injuries”`; `None` when every match
/// was the typed word.
pub fn match_note(notes: &[(String, String, How)]) -> Option<String> {
    let parts: Vec<String> = notes
        .iter()
        .take(3)
        .map(|(typed, word, how)| match how {
            How::Keyword => format!("\u{201c}{typed}\u{201d} (a search word for this indicator)"),
            How::Typo => format!("\u{201c}{typed}\u{201d} as \u{201c}{word}\u{201d} (spelling)"),
            _ => format!("\u{201c}{typed}\u{201d} as \u{201c}{word}\u{201d}"),
        })
        .collect();
    (!parts.is_empty()).then(|| format!("matches {}", parts.join("; ")))
}

/// How a reason reads, on the page (under "Why" and on a route card) and wherever else it
/// is shown: one line a practitioner can read.
pub fn describe_reason(reason: &Reason) -> String {
    match reason {
        Reason::Danger(Danger::Yes) => "You said the child is in immediate danger.".into(),
        Reason::Danger(Danger::NotSure) => {
            "You are not sure whether the child is in immediate danger.".into()
        }
        Reason::Danger(Danger::No) => "You said the child is not in immediate danger.".into(),
        Reason::Indicator {
            text, level_name, ..
        } => quoted_indicator(level_name, text),
        Reason::NothingTicked {
            none_of_these: true,
        } => "You said none of the indicators apply.".into(),
        Reason::NothingTicked {
            none_of_these: false,
        } => "No indicator is ticked.".into(),
        Reason::Level(name) => format!("The likely level is {name}."),
        Reason::Context(ContextTrigger::Crime) => {
            "You believe a crime may have been committed and the child is not in immediate danger."
                .into()
        }
        Reason::Context(ContextTrigger::HasSocialWorker) => {
            "The child already has a social worker.".into()
        }
        Reason::Context(ContextTrigger::SocialWorkerUnsure) => {
            "You are not sure whether the child is known to children's social care.".into()
        }
        Reason::Context(ContextTrigger::EarlyHelpNotImproved) => {
            "Early help has been tried and the situation has not improved.".into()
        }
        Reason::Ticked { text, .. } => format!("You ticked \u{201c}{text}\u{201d}."),
        Reason::Rule { summary, .. } => summary.clone(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_match_note_says_how_each_word_matched() {
        use super::{match_note, How};
        let note = |n: &[(&str, &str, How)]| {
            let n: Vec<(String, String, How)> = n
                .iter()
                .map(|(t, w, h)| (t.to_string(), w.to_string(), *h))
                .collect();
            match_note(&n)
        };
        assert_eq!(note(&[]), None);
        assert_eq!(
            note(&[("bruise", "injuries", How::Thesaurus)]).as_deref(),
            Some("matches \u{201c}bruise\u{201d} as \u{201c}injuries\u{201d}")
        );
        assert_eq!(
            note(&[
                ("neglet", "neglect", How::Typo),
                ("mfh", "MFH", How::Keyword),
                ("a", "b", How::Stem),
                ("c", "d", How::Stem),
            ])
            .as_deref(),
            Some("matches \u{201c}neglet\u{201d} as \u{201c}neglect\u{201d} (spelling); \u{201c}mfh\u{201d} (a search word for this indicator); \u{201c}a\u{201d} as \u{201c}b\u{201d}")
        );
    }

    use super::*;

    #[test]
    fn the_guide_notice_is_its_two_parts() {
        assert_eq!(
            GUIDE_NOTICE,
            format!("{GUIDE_NOTICE_LEAD} {GUIDE_NOTICE_REST}")
        );
    }

    #[test]
    fn a_link_label_names_the_host() {
        assert_eq!(
            link_label("https://www.example.org.uk/marf?x=1"),
            "Go to www.example.org.uk"
        );
        assert_eq!(link_label("https://example.org"), "Go to example.org");
    }

    #[test]
    fn every_999_line_names_999() {
        assert!(DANGER_UNANSWERED.contains("call 999"));
        assert!(CANNOT_HELP_FALLBACK.contains("call 999"));
    }
}
