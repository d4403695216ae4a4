//! The decision table a policy officer signs off: what the widget says for each level and
//! each answer to the danger and context questions, worked out by running [`evaluate`] over
//! that answer space, not from what the author meant. `threshold-widget review FILE` prints
//! it as Markdown ([`markdown`]); `reach` uses the same rows to find levels and routes that
//! no answer can bring.

use super::evaluate::{evaluate, Answers, Known, Outcome};
use super::model::{
    Applies, Basis, ContextTrigger, Danger, IndicatorId, LevelId, Rule, RuleEffect, RuleId,
    RuleWhen, Ruleset,
};
use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;

/// What ticks can change beyond the likely level: an indicator that brings a route or a
/// consent note by itself, or the counts a rule asks for (`min_ticked`, `min_domains`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TickFeature {
    /// This indicator is ticked, and some route or consent note names it in `when.indicators`.
    Ticked(IndicatorId),
    /// The ticks at the likely level meet this rule's `min_ticked` / `min_domains`.
    Counts(RuleId),
}

/// Everything the outcome's routes, consent notes, rules and escalation depend on: two
/// answers with the same key get the same of all four.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RowKey {
    pub level: LevelId,
    pub danger: Option<Danger>,
    /// Only when the page asks the question; `false` otherwise.
    pub crime: bool,
    /// Only when the page asks the question; `None` otherwise or when not answered.
    pub social_worker: Option<Known>,
    pub early_help_not_improved: bool,
    pub ticks: BTreeSet<TickFeature>,
}

/// Which context questions the page asks for this ruleset (only those some item uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Questions {
    pub crime: bool,
    pub social_worker: bool,
    pub early_help: bool,
}

impl Questions {
    pub fn of(ruleset: &Ruleset) -> Questions {
        Questions {
            crime: ruleset.context_used(ContextTrigger::Crime),
            social_worker: ruleset.context_used(ContextTrigger::HasSocialWorker)
                || ruleset.context_used(ContextTrigger::SocialWorkerUnsure),
            early_help: ruleset.context_used(ContextTrigger::EarlyHelpNotImproved),
        }
    }
}

/// One line of the table: answers that lead to one outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: RowKey,
    /// The answers the engine was run with (the fewest ticks that give this key).
    pub answers: Answers,
    /// What the engine said.
    pub outcome: Outcome,
}

impl Row {
    pub fn route_ids(&self) -> Vec<&str> {
        self.outcome
            .routes
            .iter()
            .map(|c| c.route.id.as_str())
            .collect()
    }
}

/// The table for one ruleset.
#[derive(Debug, Clone, PartialEq)]
pub struct DecisionTable {
    pub questions: Questions,
    /// By level (lowest first), then ticks, then danger and context answers.
    pub rows: Vec<Row>,
}

impl DecisionTable {
    /// The row for these answers: the same routes, consent notes, rules and escalation.
    pub fn row_for(&self, ruleset: &Ruleset, answers: &Answers) -> Option<&Row> {
        let key = row_key(ruleset, self.questions, answers);
        self.rows.iter().find(|r| r.key == key)
    }
}

fn route_indicators(ruleset: &Ruleset) -> BTreeSet<&IndicatorId> {
    let whens = ruleset
        .routes
        .iter()
        .map(|r| &r.when)
        .chain(ruleset.consent.iter().map(|c| &c.when));
    whens.flat_map(|w: &Applies| w.indicators.iter()).collect()
}

fn counts_rule(when: &RuleWhen) -> bool {
    when.min_ticked.is_some() || when.min_domains.is_some()
}

/// The key of these answers: the likely level, the answers to the questions asked, and
/// the [`TickFeature`]s that hold.
pub fn row_key(ruleset: &Ruleset, questions: Questions, answers: &Answers) -> RowKey {
    let outcome = evaluate(ruleset, answers);
    key_of(ruleset, questions, answers, &outcome)
}

fn key_of(ruleset: &Ruleset, q: Questions, answers: &Answers, outcome: &Outcome) -> RowKey {
    let level = outcome.level.id.clone();
    let at_level: Vec<_> = ruleset
        .indicators
        .iter()
        .filter(|i| i.level == level && answers.ticked.contains(&i.id))
        .collect();
    let domains: HashSet<&str> = at_level
        .iter()
        .filter_map(|i| i.domain.as_deref())
        .collect();
    let mut ticks: BTreeSet<TickFeature> = route_indicators(ruleset)
        .into_iter()
        .filter(|i| answers.ticked.contains(*i))
        .map(|i| TickFeature::Ticked(i.clone()))
        .collect();
    for rule in ruleset.rules.iter().filter(|r| counts_rule(&r.when)) {
        let w = &rule.when;
        if w.min_ticked
            .is_none_or(|n| at_level.len() >= usize::from(n))
            && w.min_domains
                .is_none_or(|n| domains.len() >= usize::from(n))
        {
            ticks.insert(TickFeature::Counts(rule.id.clone()));
        }
    }
    RowKey {
        level,
        danger: answers.danger,
        crime: q.crime && answers.crime == Some(true),
        social_worker: if q.social_worker {
            answers.social_worker.filter(|k| *k != Known::No)
        } else {
            None
        },
        early_help_not_improved: q.early_help && answers.early_help_not_improved == Some(true),
        ticks,
    }
}

/// The tick sets to try at one level: the fewest ticks that put the likely level there,
/// enough ticks for each rule's counts, and each combination of the indicators that bring a
/// route by themselves.
fn tick_sets(ruleset: &Ruleset, rank: usize) -> Vec<BTreeSet<IndicatorId>> {
    let level = &ruleset.levels[rank].id;
    let special = route_indicators(ruleset);
    let plain: Vec<_> = ruleset
        .indicators
        .iter()
        .filter(|i| &i.level == level && !special.contains(&i.id))
        .collect();
    // One per domain first, so that a few ticks span as many domains as they can.
    let mut spread = Vec::new();
    let mut seen = HashSet::new();
    for i in &plain {
        if seen.insert(i.domain.as_deref()) {
            spread.push(*i);
        }
    }
    for i in &plain {
        if !spread.iter().any(|s| s.id == i.id) {
            spread.push(*i);
        }
    }
    let mut counts: BTreeSet<usize> = BTreeSet::from([usize::from(rank > 0)]);
    for rule in ruleset.rules.iter().filter(|r| counts_rule(&r.when)) {
        let w = &rule.when;
        let n = w.min_ticked.max(w.min_domains).map_or(0, usize::from);
        counts.insert(n.min(spread.len()));
    }
    let ranks: Vec<Option<usize>> = ruleset
        .indicators
        .iter()
        .map(|i| ruleset.rank(&i.level))
        .collect();
    let optional: Vec<&IndicatorId> = ruleset
        .indicators
        .iter()
        .zip(&ranks)
        .filter(|(i, r)| special.contains(&i.id) && r.is_some_and(|r| r <= rank))
        .map(|(i, _)| &i.id)
        .collect();
    let subsets: Vec<Vec<&IndicatorId>> = if optional.len() <= 4 {
        (0..1usize << optional.len())
            .map(|mask| {
                (0..optional.len())
                    .filter(|b| mask & (1 << b) != 0)
                    .map(|b| optional[b])
                    .collect()
            })
            .collect()
    } else {
        std::iter::once(Vec::new())
            .chain(optional.iter().map(|i| vec![*i]))
            .chain(std::iter::once(optional.clone()))
            .collect()
    };
    let mut sets = Vec::new();
    for n in counts {
        for extra in &subsets {
            let mut set: BTreeSet<IndicatorId> =
                spread.iter().take(n).map(|i| i.id.clone()).collect();
            set.extend(extra.iter().map(|i| (*i).clone()));
            sets.push(set);
        }
    }
    sets
}

/// Every answer to the danger question and to the context questions the page asks.
fn answer_space(q: Questions) -> Vec<Answers> {
    let dangers = [
        None,
        Some(Danger::Yes),
        Some(Danger::No),
        Some(Danger::NotSure),
    ];
    let crimes: &[Option<bool>] = if q.crime {
        &[None, Some(true)]
    } else {
        &[None]
    };
    let workers: &[Option<Known>] = if q.social_worker {
        &[None, Some(Known::Yes), Some(Known::NotSure)]
    } else {
        &[None]
    };
    let helps: &[Option<bool>] = if q.early_help {
        &[None, Some(true)]
    } else {
        &[None]
    };
    let mut out = Vec::new();
    for danger in dangers {
        for &crime in crimes {
            for &social_worker in workers {
                for &early_help_not_improved in helps {
                    out.push(Answers {
                        danger,
                        crime,
                        social_worker,
                        early_help_not_improved,
                        ..Answers::default()
                    });
                }
            }
        }
    }
    out
}

/// How many rows [`decision_table`] would try at most, to refuse a hostile file before the
/// work rather than after it.
pub fn rows_to_try(ruleset: &Ruleset) -> usize {
    let q = Questions::of(ruleset);
    let answers = 4
        * (1 + usize::from(q.crime))
        * (1 + 2 * usize::from(q.social_worker))
        * (1 + usize::from(q.early_help));
    let special = route_indicators(ruleset).len();
    let subsets = if special <= 4 {
        1 << special
    } else {
        special + 2
    };
    let counts = 1 + ruleset
        .rules
        .iter()
        .filter(|r| counts_rule(&r.when))
        .count();
    ruleset.levels.len() * answers * subsets * counts
}

/// Runs the engine over every level and every answer. `ruleset` must be valid (no problem
/// from `validate`), as for [`evaluate`].
pub fn decision_table(ruleset: &Ruleset) -> DecisionTable {
    let questions = Questions::of(ruleset);
    let mut seen = HashSet::new();
    let mut rows = Vec::new();
    let space = answer_space(questions);
    for rank in 0..ruleset.levels.len() {
        for ticked in tick_sets(ruleset, rank) {
            for base in &space {
                let answers = Answers {
                    ticked: ticked.clone(),
                    ..base.clone()
                };
                let outcome = evaluate(ruleset, &answers);
                if outcome.level.rank != rank {
                    continue; // another level's row
                }
                let key = key_of(ruleset, questions, &answers, &outcome);
                if seen.insert(key.clone()) {
                    rows.push(Row {
                        key,
                        answers,
                        outcome,
                    });
                }
            }
        }
    }
    DecisionTable { questions, rows }
}

/// "document: Section 4", "national guidance: 999", "this guide's reading: why".
/// "- Source: ...; basis: ..." for a route, rule or consent note.
fn source_line(out: &mut String, source: &str, basis: Option<&Basis>) {
    let _ = writeln!(out, "- Source: {source}; basis: {}", basis_words(basis));
}

pub fn basis_words(basis: Option<&Basis>) -> String {
    match basis {
        Some(Basis::Document(s)) => format!("the document: {s}"),
        Some(Basis::National(s)) => format!("national guidance: {s}"),
        Some(Basis::Interpretation(s)) => format!("this guide's reading: {s}"),
        None => "no basis given".to_owned(),
    }
}

/// The basis in a table cell: the routes section below gives it in full.
fn basis_short(basis: Option<&Basis>) -> String {
    match basis {
        Some(Basis::Document(_)) => "document".to_owned(),
        Some(Basis::National(s)) => format!("national: {s}"),
        Some(Basis::Interpretation(_)) => "this guide's reading".to_owned(),
        None => "no basis".to_owned(),
    }
}

fn context_words(t: ContextTrigger) -> &'static str {
    match t {
        ContextTrigger::Crime => "a crime may have been committed (and no immediate danger)",
        ContextTrigger::HasSocialWorker => "the child has a social worker",
        ContextTrigger::SocialWorkerUnsure => "not sure whether the child is known to social care",
        ContextTrigger::EarlyHelpNotImproved => "early help tried without improvement",
    }
}

fn level_name(ruleset: &Ruleset, id: &LevelId) -> String {
    ruleset
        .level(id)
        .map_or_else(|| id.to_string(), |l| l.name.clone())
}

fn indicator_words(ruleset: &Ruleset, id: &IndicatorId) -> String {
    ruleset
        .indicator(id)
        .map_or_else(|| id.to_string(), |i| format!("\u{201c}{}\u{201d}", i.text))
}

/// When a route or consent note applies, in words: any one is enough.
pub fn applies_words(ruleset: &Ruleset, when: &Applies) -> String {
    let mut any = Vec::new();
    for d in &when.danger {
        any.push(format!("danger answered \u{201c}{}\u{201d}", d.label()));
    }
    for l in &when.levels {
        any.push(format!("likely level {}", level_name(ruleset, l)));
    }
    for k in &when.kinds {
        any.push(format!("a level of kind `{k:?}`"));
    }
    for t in &when.context {
        any.push(context_words(*t).to_owned());
    }
    for i in &when.indicators {
        any.push(format!("{} ticked", indicator_words(ruleset, i)));
    }
    any.join("; or ")
}

/// What makes a rule fire, in words: every condition must hold.
pub fn rule_when_words(ruleset: &Ruleset, rule: &Rule) -> String {
    let w = &rule.when;
    let mut all = Vec::new();
    let mut levels: Vec<String> = w.levels.iter().map(|l| level_name(ruleset, l)).collect();
    levels.extend(w.kinds.iter().map(|k| format!("a level of kind `{k:?}`")));
    if !levels.is_empty() {
        all.push(format!("the likely level is {}", levels.join(" or ")));
    }
    for t in &w.context {
        all.push(context_words(*t).to_owned());
    }
    if let Some(n) = w.min_ticked {
        all.push(format!(
            "at least {n} indicators ticked at the likely level"
        ));
    }
    if let Some(n) = w.min_domains {
        all.push(format!(
            "the ticks at the likely level span at least {n} domains"
        ));
    }
    all.join(", and ")
}

fn effect_words(ruleset: &Ruleset, rule: &Rule) -> String {
    match rule.effect {
        RuleEffect::NextLevelRoutes => {
            "the routes and consent notes of the next level up (the level shown stays)".into()
        }
        RuleEffect::ConsiderNextLevel => {
            "advice to consider the next level up (the level shown stays)".into()
        }
        RuleEffect::ReferNow => {
            let route = rule
                .route
                .as_ref()
                .and_then(|r| ruleset.route(r))
                .map_or_else(|| "its route".to_owned(), |r| r.name.clone());
            format!("refer now: {route}, first after the emergency routes")
        }
    }
}

/// A Markdown table cell: no pipes or newlines.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn answer_cells(q: Questions, row: &Row) -> Vec<String> {
    let yes_no = |b: bool| if b { "Yes" } else { "No / not answered" }.to_owned();
    let mut cells = vec![row
        .key
        .danger
        .map_or("Not answered", |d| d.label())
        .to_owned()];
    if q.crime {
        cells.push(yes_no(row.key.crime));
    }
    if q.social_worker {
        cells.push(
            row.key
                .social_worker
                .map_or("No / not answered", |k| k.label())
                .to_owned(),
        );
    }
    if q.early_help {
        cells.push(yes_no(row.key.early_help_not_improved));
    }
    cells
}

fn ticks_cell(ruleset: &Ruleset, row: &Row) -> String {
    let level = &row.key.level;
    let at_level = row
        .answers
        .ticked
        .iter()
        .filter(|i| ruleset.indicator(i).is_some_and(|i| &i.level == level))
        .count();
    let mut parts = vec![match at_level {
        0 => "nothing at this level".to_owned(),
        1 => "one indicator at this level".to_owned(),
        n => format!("{n} indicators at this level"),
    }];
    for f in &row.key.ticks {
        match f {
            TickFeature::Ticked(i) => parts.push(format!("{} ticked", indicator_words(ruleset, i))),
            TickFeature::Counts(rule) => parts.push(format!("enough for rule `{rule}`")),
        }
    }
    cell(&parts.join("; "))
}

/// The table as Markdown, for a policy officer to read against the document and sign off.
pub fn markdown(ruleset: &Ruleset, table: &DecisionTable) -> String {
    let q = table.questions;
    let p = &ruleset.provenance;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Decision table: {} (`{}`)\n",
        p.partnership, ruleset.area
    );
    let _ = writeln!(out, "Document: {}, {}.", p.title, p.date);
    for d in &p.documents {
        let link = d
            .link
            .as_deref()
            .map_or_else(String::new, |l| format!(" <{l}>"));
        let _ = writeln!(out, "Also from: {}, {}.{link}", d.title, d.date);
    }
    if let Some(c) = &p.covers {
        let _ = writeln!(out, "Covers: {c}.");
    }
    if let Some(why) = &p.incomplete {
        let _ = writeln!(
            out,
            "\n**Incomplete transcription** (a notice at the top of the page): {why}"
        );
    }
    if let Some(v) = &p.version {
        let _ = writeln!(out, "Ruleset version: {v}.");
    }
    let _ = writeln!(
        out,
        "\nWorked out by running the widget's engine over every level and every answer to the \
         questions the page asks ({} rows). Each row is what the widget shows for those answers: \
         the routes in order (most urgent first), the consent notes, the partnership rules that \
         fire and whether the escalation guidance is shown. Check each against the document \
         before signing off.\n",
        table.rows.len()
    );
    let mut heads = vec!["Immediate danger?"];
    if q.crime {
        heads.push("Crime may have been committed?");
    }
    if q.social_worker {
        heads.push("Has a social worker?");
    }
    if q.early_help {
        heads.push("Early help tried, not improved?");
    }
    let tick_column = table.rows.iter().any(|r| !r.key.ticks.is_empty());
    if tick_column {
        heads.push("Ticks");
    }
    heads.extend([
        "Routes, in order",
        "Consent notes",
        "Rules fired",
        "Escalation",
    ]);

    let _ = writeln!(out, "## Levels\n");
    for (rank, level) in ruleset.levels.iter().enumerate() {
        let kind = level
            .kind
            .map_or_else(String::new, |k| format!(", kind `{k:?}`"));
        let _ = writeln!(out, "### {} (`{}`{kind})\n", level.name, level.id);
        let _ = writeln!(out, "{}\n", level.description.trim());
        if let Some(why) = &level.incomplete {
            let _ = writeln!(
                out,
                "**Incomplete transcription** (a notice with this level's outcome): {why}\n"
            );
        }
        if !level.next_steps.is_empty() {
            let _ = writeln!(out, "Next steps shown with this level:\n");
            for step in &level.next_steps {
                let _ = writeln!(out, "- {}", step.trim());
            }
            out.push('\n');
        }
        let count = ruleset
            .indicators
            .iter()
            .filter(|i| i.level == level.id)
            .count();
        let rows: Vec<&Row> = table
            .rows
            .iter()
            .filter(|r| r.key.level == level.id)
            .collect();
        if rows.is_empty() {
            let _ = writeln!(
                out,
                "No answer gives this level as the likely level ({count} indicators).\n"
            );
            continue;
        }
        let how = if rank == 0 {
            format!("nothing ticked, or only its indicators ({count})")
        } else {
            format!("ticking any of its indicators ({count}), and none higher")
        };
        let _ = writeln!(out, "Reached by {how}.\n");
        let _ = writeln!(out, "| {} |", heads.join(" | "));
        let _ = writeln!(out, "|{}", "---|".repeat(heads.len()));
        for row in rows {
            let mut cells = answer_cells(q, row);
            if tick_column {
                cells.push(ticks_cell(ruleset, row));
            }
            let routes: Vec<String> = row
                .outcome
                .routes
                .iter()
                .enumerate()
                .map(|(n, c)| {
                    let phone = c
                        .route
                        .phone
                        .as_deref()
                        .map_or_else(String::new, |p| format!(" {p}"));
                    format!(
                        "{}. {}{phone} ({}; {})",
                        n + 1,
                        c.route.name,
                        c.route.urgency.label().to_lowercase(),
                        basis_short(c.route.basis.as_ref())
                    )
                })
                .collect();
            cells.push(cell(&routes.join("<br>")));
            let consent: Vec<&str> = row.outcome.consent.iter().map(|c| c.id.as_str()).collect();
            cells.push(if consent.is_empty() {
                "none".into()
            } else {
                cell(&consent.join(", "))
            });
            let rules: Vec<String> = row
                .outcome
                .rules
                .iter()
                .map(|r| format!("`{}`: {}", r.id, r.summary))
                .collect();
            cells.push(if rules.is_empty() {
                "none".into()
            } else {
                cell(&rules.join("<br>"))
            });
            let shown = row.outcome.guidance.escalation.is_some();
            cells.push(if shown { "shown" } else { "not shown" }.into());
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
        out.push('\n');
    }

    let shown_in = |pred: &dyn Fn(&Row) -> bool| table.rows.iter().filter(|r| pred(r)).count();
    let _ = writeln!(out, "## Routes\n");
    for route in &ruleset.routes {
        let n = shown_in(&|r| r.outcome.routes.iter().any(|c| c.route.id == route.id));
        let _ = writeln!(out, "### {} (`{}`)\n", route.name, route.id);
        let _ = writeln!(out, "- Urgency: {}", route.urgency.label().to_lowercase());
        if let Some(phone) = &route.phone {
            let _ = writeln!(out, "- Phone: {phone}");
        }
        let _ = writeln!(out, "- What to do: {}", route.action.trim());
        if let Some(then) = &route.then {
            let _ = writeln!(out, "- Then: {}", then.trim());
        }
        if let Some(find) = &route.find_details {
            let _ = writeln!(out, "- Finding the details: {}", find.trim());
        }
        if let Some(link) = &route.link {
            let _ = writeln!(out, "- Link: <{link}>");
        }
        source_line(&mut out, &route.source, route.basis.as_ref());
        let _ = writeln!(
            out,
            "- Applies when: {}",
            applies_words(ruleset, &route.when)
        );
        if let Some(other) = &route.replaced_by {
            let _ = writeln!(out, "- Gives way to `{other}` when both apply");
        }
        let _ = writeln!(out, "- Shown in {n} of {} rows\n", table.rows.len());
    }

    let _ = writeln!(out, "## Partnership rules\n");
    if ruleset.rules.is_empty() {
        let _ = writeln!(out, "None.\n");
    }
    for rule in &ruleset.rules {
        let n = shown_in(&|r| r.outcome.rules.iter().any(|f| f.id == rule.id));
        let _ = writeln!(out, "### `{}`\n", rule.id);
        let _ = writeln!(out, "- Fires when: {}", rule_when_words(ruleset, rule));
        let _ = writeln!(out, "- Does: {}", effect_words(ruleset, rule));
        let _ = writeln!(
            out,
            "- The document's words: \u{201c}{}\u{201d}",
            rule.text.trim()
        );
        source_line(&mut out, &rule.source, rule.basis.as_ref());
        let _ = writeln!(out, "- Fires in {n} of {} rows\n", table.rows.len());
    }

    let _ = writeln!(out, "## Consent notes\n");
    if ruleset.consent.is_empty() {
        let _ = writeln!(out, "None.\n");
    }
    for note in &ruleset.consent {
        let n = shown_in(&|r| r.outcome.consent.iter().any(|c| c.id == note.id));
        let _ = writeln!(out, "### `{}`\n", note.id);
        let _ = writeln!(out, "- Says: \u{201c}{}\u{201d}", note.text.trim());
        source_line(&mut out, &note.source, note.basis.as_ref());
        let _ = writeln!(
            out,
            "- Applies when: {}",
            applies_words(ruleset, &note.when)
        );
        let _ = writeln!(out, "- Shown in {n} of {} rows\n", table.rows.len());
    }

    let g = &ruleset.guidance;
    let _ = writeln!(out, "## Guidance\n");
    let _ = writeln!(
        out,
        "- Reminder, shown with every result: \u{201c}{}\u{201d} (source: {}; basis: {})",
        g.reminder.text.trim(),
        g.reminder.source,
        basis_words(g.reminder.basis.as_ref())
    );
    match &g.escalation {
        Some(e) => {
            let n = shown_in(&|r| r.outcome.guidance.escalation.is_some());
            let _ = writeln!(
                out,
                "- Escalation (professional disagreement), shown in {n} of {} rows: \u{201c}{}\u{201d} (source: {}; basis: {})",
                table.rows.len(),
                e.text.trim(),
                e.source,
                basis_words(e.basis.as_ref())
            );
        }
        None => {
            let _ = writeln!(out, "- Escalation: the ruleset gives none.");
        }
    }
    out
}
