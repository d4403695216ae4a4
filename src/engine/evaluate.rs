//! `evaluate(ruleset, answers) -> Outcome`: the likely level, the routes and the reasons.
//!
//! Pure and deterministic: the page only renders what this returns.

use super::model::{
    Applies, Basis, ConsentNote, ContextTrigger, Danger, Guidance, Indicator, IndicatorId, Level,
    LevelId, LevelKind, Route, RouteId, Rule, RuleEffect, RuleId, Ruleset, Urgency,
};
use std::collections::BTreeSet;

/// "Does the child already have a social worker?" (`yes`, `no`, `not-sure` in a scenario file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
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
    /// "Has early help been tried without the situation improving?"
    pub early_help_not_improved: Option<bool>,
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
    /// A ticked indicator that brings a route or note by itself (`when.indicators`).
    Ticked {
        id: IndicatorId,
        text: String,
    },
    /// A partnership rule fired; the text says what it did.
    Rule {
        id: RuleId,
        summary: String,
    },
}

impl Reason {
    /// One line a practitioner can read ([`super::wording::describe_reason`]).
    pub fn describe(&self) -> String {
        super::wording::describe_reason(self)
    }
}

/// The likely level, in the partnership's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LikelyLevel {
    /// 0 = the lowest level of the scale.
    pub rank: usize,
    pub id: LevelId,
    pub name: String,
    pub description: String,
    /// The level's next steps, in the document's words.
    pub next_steps: Vec<String>,
    /// Why the transcription of this level is incomplete, when it is.
    pub incomplete: Option<String>,
}

/// A route to show, with why it applies.
#[derive(Debug, Clone, PartialEq)]
pub struct RouteCard {
    pub route: Route,
    pub because: Vec<Reason>,
}

/// A partnership rule that fired, with what it did and the document's words behind it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiredRule {
    pub id: RuleId,
    pub effect: RuleEffect,
    /// What the rule did, in one line, e.g. "Consider Level 4 Acute."
    pub summary: String,
    /// The document's words the rule rests on.
    pub text: String,
    pub source: String,
    /// Whose guidance the rule is.
    pub basis: Option<Basis>,
}

impl FiredRule {
    fn reason(&self) -> Reason {
        Reason::Rule {
            id: self.id.clone(),
            summary: self.summary.clone(),
        }
    }
}

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub level: LikelyLevel,
    /// What produced the level: the ticked indicators at the likely level, in document order.
    pub reasons: Vec<Reason>,
    /// Ticked indicators below the likely level, for the full picture.
    pub also_ticked: Vec<Reason>,
    /// Partnership rules that fired, in file order. A `consider-next-level` rule is advice:
    /// the level above stays the likely level.
    pub rules: Vec<FiredRule>,
    /// The level whose routes are shown: the likely level, or the next one up when a
    /// `next-level-routes` rule fired.
    pub route_level: LevelId,
    /// Most urgent first; 999 first whenever the child is in immediate danger.
    pub routes: Vec<RouteCard>,
    /// What to tell the family.
    pub consent: Vec<ConsentNote>,
    /// The danger question has not been answered yet.
    pub danger_unanswered: bool,
    /// Always shown: a guide, not a substitute for judgement; escalation where the document
    /// gives it, from the first level above universal up.
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
    if answers.early_help_not_improved == Some(true) {
        out.push(ContextTrigger::EarlyHelpNotImproved);
    }
    out
}

/// Whether a rule's conditions all hold. `at_level` are the ticked indicators at the likely
/// level.
fn rule_holds(
    rule: &Rule,
    level: &Level,
    context: &[ContextTrigger],
    at_level: &[&Indicator],
) -> bool {
    let when = &rule.when;
    let domains: Vec<&str> = at_level
        .iter()
        .filter_map(|i| i.domain.as_deref())
        .collect();
    let distinct = domains
        .iter()
        .enumerate()
        .filter(|(n, d)| !domains[..*n].contains(d))
        .count();
    !when.is_empty()
        && ((when.levels.is_empty() && when.kinds.is_empty())
            || when.levels.contains(&level.id)
            || level.kind.is_some_and(|k| when.kinds.contains(&k)))
        && when.context.iter().all(|t| context.contains(t))
        && when
            .min_ticked
            .is_none_or(|n| at_level.len() >= usize::from(n))
        && when.min_domains.is_none_or(|n| distinct >= usize::from(n))
}

/// The one-line summary of what a fired rule does.
fn rule_summary(rule: &Rule, ruleset: &Ruleset, next: Option<&Level>) -> String {
    let next_name = next.map_or("the next level", |l| l.name.as_str());
    match rule.effect {
        RuleEffect::NextLevelRoutes => format!("The routes for {next_name} apply."),
        RuleEffect::ConsiderNextLevel => format!("Consider {next_name}."),
        RuleEffect::ReferNow => {
            let route = rule
                .route
                .as_ref()
                .and_then(|r| ruleset.route(r))
                .map_or("the referral route", |r| r.name.as_str());
            format!("Refer now: {route}.")
        }
    }
}

/// Why `when` applies to these answers; empty when it does not. `ticked` are all the
/// ticked indicators, in file order.
fn route_reasons(
    when: &Applies,
    danger: Option<Danger>,
    level: &Level,
    context: &[ContextTrigger],
    ticked: &[&Indicator],
) -> Vec<Reason> {
    let mut because = Vec::new();
    if let Some(d) = danger.filter(|d| when.danger.contains(d)) {
        because.push(Reason::Danger(d));
    }
    if when.names_level(level) {
        because.push(Reason::Level(level.name.clone()));
    }
    for t in context.iter().filter(|t| when.context.contains(t)) {
        because.push(Reason::Context(*t));
    }
    for i in ticked.iter().filter(|i| when.indicators.contains(&i.id)) {
        because.push(Reason::Ticked {
            id: i.id.clone(),
            text: i.text.clone(),
        });
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
    let all_ticked: Vec<&Indicator> = ticked.iter().map(|(_, i)| *i).collect();

    let at_level: Vec<&Indicator> = ticked
        .iter()
        .filter(|(r, _)| *r == rank)
        .map(|(_, i)| *i)
        .collect();
    let next = ruleset.levels.get(rank + 1);
    let fired: Vec<(&Rule, FiredRule)> = ruleset
        .rules
        .iter()
        .filter(|rule| rule_holds(rule, level, &context, &at_level))
        .map(|rule| {
            (
                rule,
                FiredRule {
                    id: rule.id.clone(),
                    effect: rule.effect,
                    summary: rule_summary(rule, ruleset, next),
                    text: rule.text.clone(),
                    source: rule.source.clone(),
                    basis: rule.basis.clone(),
                },
            )
        })
        .collect();
    let raised = fired
        .iter()
        .find(|(r, _)| r.effect == RuleEffect::NextLevelRoutes)
        .filter(|_| next.is_some());
    let route_level = match raised {
        Some(_) => &ruleset.levels[rank + 1],
        None => level,
    };
    let refer_now: Vec<(&RouteId, Reason)> = fired
        .iter()
        .filter(|(r, _)| r.effect == RuleEffect::ReferNow)
        .filter_map(|(r, f)| Some((r.route.as_ref()?, f.reason())))
        .collect();

    let matched: Vec<RouteCard> = ruleset
        .routes
        .iter()
        .filter_map(|route| {
            let mut because = route_reasons(
                &route.when,
                answers.danger,
                route_level,
                &context,
                &all_ticked,
            );
            if let Some((_, f)) = raised.filter(|_| route.when.names_level(route_level)) {
                because.push(f.reason());
            }
            because.extend(
                refer_now
                    .iter()
                    .filter(|(id, _)| **id == route.id)
                    .map(|(_, reason)| reason.clone()),
            );
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
    // An open case: referrals go to the allocated social worker, so that route comes before
    // every referral route (999 and the other emergency routes still come first).
    let open_case = context.contains(&ContextTrigger::HasSocialWorker);
    // Among routes of equal urgency: the allocated social worker on an open case, those
    // brought by immediate danger, then those a refer-now rule brings, then file order.
    let priority = |c: &RouteCard| {
        if open_case && c.route.allocated_social_worker {
            0
        } else if c.because.contains(&Reason::Danger(Danger::Yes)) {
            1
        } else if refer_now.iter().any(|(id, _)| **id == c.route.id) {
            2
        } else {
            3
        }
    };
    let mut routes = Vec::with_capacity(matched.len());
    for urgency in [Urgency::Emergency, Urgency::Urgent, Urgency::NonUrgent] {
        for rank in 0..4 {
            routes.extend(
                matched
                    .iter()
                    .filter(|c| c.route.urgency == urgency && priority(c) == rank && !covered(c))
                    .cloned(),
            );
        }
    }

    let consent = ruleset
        .consent
        .iter()
        .filter(|n| {
            !route_reasons(&n.when, answers.danger, route_level, &context, &all_ticked).is_empty()
        })
        .cloned()
        .collect();

    // Escalation (professional disagreement) is shown from the first level above universal.
    let mut guidance = ruleset.guidance.clone();
    let first_help = ruleset
        .levels
        .iter()
        .position(|l| l.kind != Some(LevelKind::Universal))
        .unwrap_or(0);
    if ruleset.rank(&route_level.id).unwrap_or(rank) < first_help {
        guidance.escalation = None;
    }

    Outcome {
        level: LikelyLevel {
            rank,
            id: level.id.clone(),
            name: level.name.clone(),
            description: level.description.clone(),
            next_steps: level.next_steps.clone(),
            incomplete: level.incomplete.clone(),
        },
        reasons,
        also_ticked,
        rules: fired.into_iter().map(|(_, f)| f).collect(),
        route_level: route_level.id.clone(),
        routes,
        consent,
        danger_unanswered: answers.danger.is_none(),
        guidance,
    }
}
