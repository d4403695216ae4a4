//! `evaluate(ruleset, answers) -> Outcome`: the likely level, the routes and the reasons.
//!
//! Pure and deterministic: the page only renders what this returns.

use super::model::{
    Applies, ConsentNote, ContextTrigger, Danger, Guidance, Indicator, IndicatorId, Level, Route,
    Ruleset, Urgency,
};
use std::collections::BTreeSet;

/// "Does the child already have a social worker?"
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Known {
    Yes,
    No,
    NotSure,
}

impl Known {
    pub const ALL: [Known; 3] = [Known::Yes, Known::No, Known::NotSure];

    pub fn label(self) -> &'static str {
        match self {
            Known::Yes => "Yes",
            Known::No => "No",
            Known::NotSure => "Not sure",
        }
    }
}

/// What the practitioner has said; nothing here identifies a child.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    pub danger: Option<Danger>,
    /// "Do you believe a crime may have been committed?"
    pub crime: Option<bool>,
    pub social_worker: Option<Known>,
    pub ticked: BTreeSet<IndicatorId>,
    /// The exclusive "None of these" box.
    pub none_of_these: bool,
}

impl Answers {
    /// Ticks or unticks an indicator; ticking one clears "None of these".
    pub fn tick(&mut self, id: &IndicatorId, on: bool) {
        if on {
            self.ticked.insert(id.clone());
            self.none_of_these = false;
        } else {
            self.ticked.remove(id);
        }
    }

    /// "None of these" is exclusive: ticking it clears every indicator.
    pub fn set_none_of_these(&mut self, on: bool) {
        self.none_of_these = on;
        if on {
            self.ticked.clear();
        }
    }
}

/// Why something is in the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The answer to the immediate danger question.
    Danger(Danger),
    /// A ticked indicator, quoted with its level and section.
    Indicator {
        id: IndicatorId,
        text: String,
        level_name: String,
        section: String,
    },
    /// Nothing ticked: needs met by universal services.
    NothingTicked {
        none_of_these: bool,
    },
    /// The likely level, by its name.
    Level(String),
    Context(ContextTrigger),
}

impl Reason {
    /// One line a practitioner can read.
    pub fn describe(&self) -> String {
        match self {
            Reason::Danger(Danger::Yes) => "You said the child is in immediate danger.".into(),
            Reason::Danger(Danger::NotSure) => "You are not sure whether the child is in immediate danger.".into(),
            Reason::Danger(Danger::No) => "You said the child is not in immediate danger.".into(),
            Reason::Indicator { text, level_name, .. } => format!("{level_name}: \u{201c}{text}\u{201d}"),
            Reason::NothingTicked { none_of_these: true } => "You said none of the indicators apply.".into(),
            Reason::NothingTicked { none_of_these: false } => "No indicator is ticked.".into(),
            Reason::Level(name) => format!("The likely level is {name}."),
            Reason::Context(ContextTrigger::Crime) => "You believe a crime may have been committed and the child is not in immediate danger.".into(),
            Reason::Context(ContextTrigger::HasSocialWorker) => "The child already has a social worker.".into(),
            Reason::Context(ContextTrigger::SocialWorkerUnsure) => "You are not sure whether the child is known to children's social care.".into(),
        }
    }
}

/// The likely level, in the partnership's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LikelyLevel {
    /// 0 = the lowest level of the scale.
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub description: String,
}

/// A route to show, with why it applies.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteCard {
    pub route: Route,
    pub because: Vec<Reason>,
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub level: LikelyLevel,
    /// What produced the level: the ticked indicators at the likely level, in document order.
    pub reasons: Vec<Reason>,
    /// Ticked indicators below the likely level, for the full picture.
    pub also_ticked: Vec<Reason>,
    /// Most urgent first; 999 first whenever the child is in immediate danger.
    pub routes: Vec<RouteCard>,
    /// What to tell the family.
    pub consent: Vec<ConsentNote>,
    /// The danger question has not been answered yet.
    pub danger_unanswered: bool,
    /// Always shown: a guide, not a substitute for judgement; escalation where given.
    pub guidance: Guidance,
}

/// The context triggers the answers switch on.
fn context_triggers(answers: &Answers) -> Vec<ContextTrigger> {
    let mut out = Vec::new();
    if answers.crime == Some(true) && answers.danger != Some(Danger::Yes) {
        out.push(ContextTrigger::Crime);
    }
    match answers.social_worker {
        Some(Known::Yes) => out.push(ContextTrigger::HasSocialWorker),
        Some(Known::NotSure) => out.push(ContextTrigger::SocialWorkerUnsure),
        _ => {}
    }
    out
}

/// Why `when` applies to these answers; empty when it does not.
fn route_reasons(
    when: &Applies,
    danger: Option<Danger>,
    level: &Level,
    context: &[ContextTrigger],
) -> Vec<Reason> {
    let mut because = Vec::new();
    if let Some(d) = danger.filter(|d| when.danger.contains(d)) {
        because.push(Reason::Danger(d));
    }
    if when.levels.contains(&level.id) {
        because.push(Reason::Level(level.name.clone()));
    }
    for t in context.iter().filter(|t| when.context.contains(t)) {
        because.push(Reason::Context(*t));
    }
    because
}

/// The outcome for these answers. `ruleset` must be valid (`validate` found no problem):
/// every bundled ruleset is, since the build refuses any other.
pub fn evaluate(ruleset: &Ruleset, answers: &Answers) -> Outcome {
    let ticked: Vec<_> = ruleset
        .indicators
        .iter()
        .filter(|i| answers.ticked.contains(&i.id))
        .filter_map(|i| Some((ruleset.rank(&i.level)?, i)))
        .collect();
    let rank = ticked.iter().map(|(r, _)| *r).max().unwrap_or(0);
    let level = &ruleset.levels[rank];
    let quote = |i: &Indicator| Reason::Indicator {
        id: i.id.clone(),
        text: i.text.clone(),
        level_name: ruleset
            .level(&i.level)
            .map_or_else(String::new, |l| l.name.clone()),
        section: i.section.clone(),
    };

    let mut reasons: Vec<Reason> = ticked
        .iter()
        .filter(|(r, _)| *r == rank)
        .map(|(_, i)| quote(i))
        .collect();
    if ticked.is_empty() {
        reasons.push(Reason::NothingTicked {
            none_of_these: answers.none_of_these,
        });
    }
    // Highest first, document order within a level.
    let also_ticked = (0..rank)
        .rev()
        .flat_map(|r| ticked.iter().filter(move |(tr, _)| *tr == r))
        .map(|(_, i)| quote(i))
        .collect();

    let context = context_triggers(answers);

    let matched: Vec<RouteCard> = ruleset
        .routes
        .iter()
        .filter_map(|route| {
            let because = route_reasons(&route.when, answers.danger, level, &context);
            (!because.is_empty()).then(|| RouteCard {
                route: route.clone(),
                because,
            })
        })
        .collect();
    // A route covered by another route in the outcome gives way to it.
    let covered = |c: &RouteCard| {
        c.route
            .replaced_by
            .as_ref()
            .is_some_and(|r| matched.iter().any(|m| &m.route.id == r))
    };
    let by_danger = |c: &RouteCard| c.because.contains(&Reason::Danger(Danger::Yes));
    // Most urgent first; among equals, routes brought by immediate danger, then file order.
    let mut routes = Vec::with_capacity(matched.len());
    for urgency in [Urgency::Emergency, Urgency::Urgent, Urgency::NonUrgent] {
        for danger_first in [true, false] {
            routes.extend(
                matched
                    .iter()
                    .filter(|c| {
                        c.route.urgency == urgency && by_danger(c) == danger_first && !covered(c)
                    })
                    .cloned(),
            );
        }
    }

    let consent = ruleset
        .consent
        .iter()
        .filter(|n| !route_reasons(&n.when, answers.danger, level, &context).is_empty())
        .cloned()
        .collect();

    Outcome {
        level: LikelyLevel {
            rank,
            id: level.id.to_string(),
            name: level.name.clone(),
            description: level.description.clone(),
        },
        reasons,
        also_ticked,
        routes,
        consent,
        danger_unanswered: answers.danger.is_none(),
        guidance: ruleset.guidance.clone(),
    }
}
