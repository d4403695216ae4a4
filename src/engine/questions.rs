//! The page's fixed questions: which a ruleset asks (danger always, first; a context question
//! only when some route, consent note or rule of the ruleset uses its answer), their wording
//! and options, and how an answer is read and written. The page's radio groups and the
//! printed summary both come from here, so they cannot ask or print different things.

use super::evaluate::{Answers, Known};
use super::model::{ContextTrigger, Danger, Ruleset};

/// One of the page's questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Question {
    /// "Is the child in immediate danger?", always asked, always first.
    Danger,
    /// Asked when the ruleset uses [`ContextTrigger::Crime`].
    Crime,
    /// Asked when the ruleset uses [`ContextTrigger::HasSocialWorker`] or
    /// [`ContextTrigger::SocialWorkerUnsure`].
    SocialWorker,
    /// Asked when the ruleset uses [`ContextTrigger::EarlyHelpNotImproved`].
    EarlyHelp,
}

const YES_NO: &[&str] = &["Yes", "No"];
const YES_NO_NOT_SURE: &[&str] = &["Yes", "No", "Not sure"];

impl Question {
    /// Every question, in the order the page asks them.
    pub const ALL: [Question; 4] = [
        Question::Danger,
        Question::Crime,
        Question::SocialWorker,
        Question::EarlyHelp,
    ];

    /// The radio group's `name`; each option's id is `<name>-<label>` (lower case, hyphens).
    pub fn name(self) -> &'static str {
        match self {
            Question::Danger => "danger",
            Question::Crime => "crime",
            Question::SocialWorker => "social-worker",
            Question::EarlyHelp => "early-help",
        }
    }

    /// The question as the page asks it and the summary prints it.
    pub fn text(self) -> &'static str {
        match self {
            Question::Danger => "Is the child in immediate danger?",
            Question::Crime => "Do you believe a crime may have been committed?",
            Question::SocialWorker => "Does the child already have a social worker?",
            Question::EarlyHelp => "Has early help been tried without the situation improving?",
        }
    }

    /// The options' labels, in order.
    pub fn options(self) -> &'static [&'static str] {
        match self {
            Question::Danger | Question::SocialWorker => YES_NO_NOT_SURE,
            Question::Crime | Question::EarlyHelp => YES_NO,
        }
    }

    /// The id of option `label`: `danger-not-sure`.
    pub fn option_id(self, label: &str) -> String {
        format!(
            "{}-{}",
            self.name(),
            label.to_ascii_lowercase().replace(' ', "-")
        )
    }

    /// Whether the page asks this question for `ruleset`.
    pub fn asked(self, ruleset: &Ruleset) -> bool {
        let uses = |t| ruleset.context_used(t);
        match self {
            Question::Danger => true,
            Question::Crime => uses(ContextTrigger::Crime),
            Question::SocialWorker => {
                uses(ContextTrigger::HasSocialWorker) || uses(ContextTrigger::SocialWorkerUnsure)
            }
            Question::EarlyHelp => uses(ContextTrigger::EarlyHelpNotImproved),
        }
    }

    /// The index in [`Question::options`] of the answer given, if any.
    pub fn selected(self, answers: &Answers) -> Option<usize> {
        let yes_no = |b: Option<bool>| b.map(|b| if b { 0 } else { 1 });
        match self {
            Question::Danger => answers
                .danger
                .and_then(|d| Danger::ALL.iter().position(|x| *x == d)),
            Question::Crime => yes_no(answers.crime),
            Question::SocialWorker => answers
                .social_worker
                .and_then(|k| Known::ALL.iter().position(|x| *x == k)),
            Question::EarlyHelp => yes_no(answers.early_help_not_improved),
        }
    }

    /// The label of the answer given, if any.
    pub fn answer(self, answers: &Answers) -> Option<&'static str> {
        self.selected(answers)
            .and_then(|i| self.options().get(i).copied())
    }

    /// Records option `index` as the answer; an index out of range changes nothing.
    pub fn choose(self, answers: &mut Answers, index: usize) {
        let yes_no = (index < 2).then_some(index == 0);
        match self {
            Question::Danger => {
                if let Some(d) = Danger::ALL.get(index) {
                    answers.danger = Some(*d);
                }
            }
            Question::Crime => {
                if yes_no.is_some() {
                    answers.crime = yes_no;
                }
            }
            Question::SocialWorker => {
                if let Some(k) = Known::ALL.get(index) {
                    answers.social_worker = Some(*k);
                }
            }
            Question::EarlyHelp => {
                if yes_no.is_some() {
                    answers.early_help_not_improved = yes_no;
                }
            }
        }
    }
}

/// The questions the page asks for `ruleset`, in order: danger first, then each context
/// question the ruleset's routes, consent notes or rules use.
pub fn questions(ruleset: &Ruleset) -> Vec<Question> {
    Question::ALL
        .into_iter()
        .filter(|q| q.asked(ruleset))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_option_round_trips_through_the_answers() {
        for q in Question::ALL {
            for (i, label) in q.options().iter().enumerate() {
                let mut a = Answers::default();
                assert_eq!(q.answer(&a), None);
                q.choose(&mut a, i);
                assert_eq!(q.selected(&a), Some(i), "{q:?} {label}");
                assert_eq!(q.answer(&a), Some(*label));
                // No other question is answered by it.
                for other in Question::ALL.into_iter().filter(|o| *o != q) {
                    assert_eq!(other.selected(&a), None, "{q:?} answered {other:?}");
                }
            }
            let mut a = Answers::default();
            q.choose(&mut a, q.options().len());
            assert_eq!(
                a,
                Answers::default(),
                "{q:?}: an unknown option changed the answers"
            );
        }
    }

    #[test]
    fn labels_match_the_engine_answers() {
        let danger: Vec<&str> = Danger::ALL.iter().map(|d| d.label()).collect();
        assert_eq!(Question::Danger.options(), danger.as_slice());
        let known: Vec<&str> = Known::ALL.iter().map(|k| k.label()).collect();
        assert_eq!(Question::SocialWorker.options(), known.as_slice());
        assert_eq!(Question::Danger.option_id("Not sure"), "danger-not-sure");
    }
}
