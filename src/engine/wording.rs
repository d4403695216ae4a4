//! Fixed words the page and the printed summary both say. One place each, so the two cannot
//! drift: a component or the summary uses these constants rather than its own copy.

/// Shown (and printed) while the danger question is unanswered.
pub const DANGER_UNANSWERED: &str =
    "You have not answered whether the child is in immediate danger. If they are, call 999 now.";

/// The last line of every view that cannot show an outcome (a failed load, a broken site
/// ruleset): the 999 number and what to do instead.
pub const CANNOT_HELP_FALLBACK: &str = "If a child is in immediate danger, call 999. Otherwise follow your organisation's safeguarding procedures and talk to your designated safeguarding lead.";
