//! Checks a ruleset for every problem at once, so an author fixes them in one pass.
//!
//! Each problem carries the path of the offending value (e.g. `indicators[3].level`);
//! the loader turns that path into a line of the file.

use super::model::{
    is_safe_link, Applies, Basis, Cited, ContextTrigger, Danger, LevelKind, RuleEffect, Ruleset,
    Urgency,
};
use super::phone::{dial_digits, is_phone_number};
use super::provenance::YearMonth;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// One step of a path into the ruleset document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(&'static str),
    Index(usize),
}

/// Where a problem is, as a path into the document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Path(pub Vec<Step>);

impl Path {
    pub fn key(&self, key: &'static str) -> Path {
        let mut steps = self.0.clone();
        steps.push(Step::Key(key));
        Path(steps)
    }

    pub fn index(&self, index: usize) -> Path {
        let mut steps = self.0.clone();
        steps.push(Step::Index(index));
        Path(steps)
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// One problem found in a ruleset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: Path,
    pub message: String,
}

/// Longest text a ruleset field may hold; longer is a paste gone wrong.
pub const MAX_TEXT: usize = 4000;

struct Checker {
    found: Vec<Diagnostic>,
}

impl Checker {
    fn problem(&mut self, path: Path, message: impl Into<String>) {
        self.found.push(Diagnostic {
            path,
            message: message.into(),
        });
    }

    fn text(&mut self, path: Path, value: &str, what: &str) {
        if value.trim().is_empty() {
            self.problem(path, format!("{what} is empty"));
        } else if value.chars().count() > MAX_TEXT {
            self.problem(path, format!("{what} is longer than {MAX_TEXT} characters"));
        } else if value.chars().any(|c| c.is_control() && c != '\n') {
            self.problem(path, format!("{what} contains a control character"));
        }
    }

    fn id(&mut self, path: Path, value: &str, seen: &mut HashSet<String>, what: &str) {
        let well_formed = !value.is_empty()
            && value.len() <= 64
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !value.starts_with('-');
        if !well_formed {
            self.problem(
                path,
                format!("{what} id `{value}` must be 1 to 64 lowercase letters, digits or hyphens"),
            );
        } else if !seen.insert(value.to_owned()) {
            self.problem(path, format!("duplicate {what} id `{value}`"));
        }
    }

    /// Every route, rule, consent note and guidance text says whose guidance it is. `at` is
    /// the item; a missing basis is reported on its `source` line, which it goes below.
    fn basis(&mut self, at: Path, basis: Option<&Basis>, what: &str) {
        match basis {
            None => self.problem(
                at.key("source"),
                format!("{what} has no `basis`: on the line below `source`, write `basis = {{ document = \"the section\" }}`, `basis = {{ national = \"Working Together 2023\" }}` (or \"999\", \"KCSIE\"), or `basis = {{ interpretation = \"one line saying why\" }}`"),
            ),
            Some(b) if b.detail().trim().is_empty() || b.detail().contains('\n') || b.detail().chars().count() > 300 => self.problem(
                at.key("basis"),
                format!("{what} `basis` must name the section, the national guidance or the reason, on one line of at most 300 characters"),
            ),
            Some(_) => {}
        }
    }

    fn cited(&mut self, at: Path, cited: &Cited, what: &str) {
        self.text(at.key("text"), &cited.text, &format!("{what} text"));
        self.text(at.key("source"), &cited.source, &format!("{what} source"));
        self.basis(at.clone(), cited.basis.as_ref(), what);
        self.link(at.key("link"), cited.link.as_deref(), what);
    }

    /// A `link` the page shows as a link: `https://` only, so never `http:` or `javascript:`.
    fn link(&mut self, path: Path, link: Option<&str>, what: &str) {
        if let Some(link) = link.filter(|l| !is_safe_link(l)) {
            self.problem(
                path,
                format!("{what} link `{link}` must be an https:// address (no spaces, quotes or angle brackets): copy the address the document gives, starting https://, or leave `link` out"),
            );
        }
    }

    /// A `kinds` entry that no level of the ruleset has would never match.
    fn kinds(&mut self, path: Path, kinds: &[LevelKind], have: &HashSet<LevelKind>) {
        for (i, kind) in kinds.iter().enumerate() {
            if !have.contains(kind) {
                self.problem(
                    path.index(i),
                    format!("no level has kind `{kind:?}`, so this entry never applies"),
                );
            }
        }
    }

    fn applies(
        &mut self,
        path: Path,
        when: &Applies,
        levels: &HashSet<String>,
        indicators: &HashSet<String>,
    ) {
        if when.is_empty() {
            self.problem(
                path.clone(),
                "`when` names no danger answer, level, context or indicator, so it never applies",
            );
        }
        for (i, id) in when.indicators.iter().enumerate() {
            if !indicators.contains(id.as_str()) {
                self.problem(
                    path.key("indicators").index(i),
                    format!("indicator `{id}` is not defined in [[indicators]]: use the `id` of one of this ruleset's indicators, or remove it"),
                );
            }
        }
        for (i, level) in when.levels.iter().enumerate() {
            if !levels.contains(level.as_str()) {
                self.problem(
                    path.key("levels").index(i),
                    format!("level `{level}` is not defined in [[levels]]"),
                );
            }
        }
    }
}

/// What later sections are checked against: the ids and kinds the ruleset defines.
struct Defined {
    levels: HashSet<String>,
    kinds: HashSet<LevelKind>,
    indicators: HashSet<String>,
    routes: HashSet<String>,
}

/// Every problem in the ruleset; empty means it is fit to ship. One check per section, in
/// file order, each adding its problems; later sections check references against what the
/// earlier ones define.
pub fn validate(ruleset: &Ruleset) -> Vec<Diagnostic> {
    let mut c = Checker { found: Vec::new() };
    check_area(&mut c, ruleset);
    check_provenance(&mut c, ruleset);
    check_guidance(&mut c, ruleset);
    let levels = check_levels(&mut c, ruleset);
    let mut d = Defined {
        kinds: ruleset.levels.iter().filter_map(|l| l.kind).collect(),
        indicators: check_indicators(&mut c, ruleset, &levels),
        levels,
        routes: HashSet::new(),
    };
    d.routes = check_routes(&mut c, ruleset, &d);
    check_every_level_routed(&mut c, ruleset);
    check_danger_routes(&mut c, ruleset);
    check_consent(&mut c, ruleset, &d);
    check_examples(&mut c, ruleset, &d);
    check_exit_page(&mut c, ruleset);
    check_rules(&mut c, ruleset, &d);
    check_prompts(&mut c, ruleset);

    // An id names one thing: scenarios, reasons and the page refer to items by id alone.
    c.found.extend(shared_ids(ruleset));
    super::reach::check(ruleset, &mut c.found);
    c.found
}

/// `area`: a well-formed id.
fn check_area(c: &mut Checker, ruleset: &Ruleset) {
    let root = Path::default();
    let mut area_seen = HashSet::new();
    c.id(
        root.key("area"),
        ruleset.area.as_str(),
        &mut area_seen,
        "area",
    );
}

/// `[provenance]`: its texts, and dates that read as dates.
fn check_provenance(c: &mut Checker, ruleset: &Ruleset) {
    let root = Path::default();
    let p = &ruleset.provenance;
    let prov = root.key("provenance");
    c.text(
        prov.key("partnership"),
        &p.partnership,
        "provenance partnership",
    );
    c.text(prov.key("title"), &p.title, "provenance title");
    c.text(prov.key("date"), &p.date, "provenance date");
    c.text(
        prov.key("source_file"),
        &p.source_file,
        "provenance source_file",
    );
    if let Some(review) = &p.review_date {
        c.text(prov.key("review_date"), review, "provenance review_date");
    }
    for (key, value) in [("dated", &p.dated), ("review_by", &p.review_by)] {
        if let Some(v) = value.as_deref().filter(|v| YearMonth::parse(v).is_none()) {
            c.problem(
                prov.key(key),
                format!("provenance {key} `{v}` must be a date as YYYY-MM or YYYY-MM-DD"),
            );
        }
    }
    for (i, note) in p.notes.iter().enumerate() {
        c.text(prov.key("notes").index(i), note, "provenance note");
    }
    for (key, value) in [("covers", &p.covers), ("incomplete", &p.incomplete)] {
        if let Some(v) = value {
            c.text(prov.key(key), v, &format!("provenance {key}"));
        }
    }
    for (i, doc) in p.documents.iter().enumerate() {
        let at = prov.key("documents").index(i);
        c.text(at.key("title"), &doc.title, "provenance document title");
        c.text(at.key("date"), &doc.date, "provenance document date");
        if let Some(file) = &doc.source_file {
            c.text(
                at.key("source_file"),
                file,
                "provenance document source_file",
            );
        }
        c.link(at.key("link"), doc.link.as_deref(), "provenance document");
    }

    if let Some(v) = p
        .contacts_checked
        .as_deref()
        .filter(|v| v.len() != 7 || YearMonth::parse(v).is_none())
    {
        c.problem(
            prov.key("contacts_checked"),
            format!("provenance contacts_checked `{v}` must be the month the contacts were last checked, as YYYY-MM"),
        );
    }
    for (key, value) in [
        ("version", &p.version),
        ("supersedes", &p.supersedes),
        ("superseded", &p.superseded),
    ] {
        if let Some(v) = value {
            c.text(prov.key(key), v, &format!("provenance {key}"));
        }
    }
}

/// `[guidance]`: the reminder and the escalation, cited, with a basis and safe links.
fn check_guidance(c: &mut Checker, ruleset: &Ruleset) {
    let root = Path::default();
    let guidance = root.key("guidance");
    c.cited(
        guidance.key("reminder"),
        &ruleset.guidance.reminder,
        "reminder",
    );
    if let Some(esc) = &ruleset.guidance.escalation {
        c.cited(guidance.key("escalation"), esc, "escalation");
    }
}

/// `[[levels]]`: at least two, ids, texts, and kinds that never go down the scale. Returns
/// the level ids.
fn check_levels(c: &mut Checker, ruleset: &Ruleset) -> HashSet<String> {
    let root = Path::default();
    let mut level_ids = HashSet::new();
    if ruleset.levels.len() < 2 {
        c.problem(
            root.key("levels"),
            "a ruleset needs at least two [[levels]], lowest first",
        );
    }
    for (i, level) in ruleset.levels.iter().enumerate() {
        let at = root.key("levels").index(i);
        c.id(at.key("id"), level.id.as_str(), &mut level_ids, "level");
        c.text(at.key("name"), &level.name, "level name");
        c.text(
            at.key("description"),
            &level.description,
            "level description",
        );
        for (n, step) in level.next_steps.iter().enumerate() {
            c.text(at.key("next_steps").index(n), step, "level next step");
        }
        if let Some(why) = &level.incomplete {
            c.text(at.key("incomplete"), why, "level incomplete");
        }
        match level.kind {
            None => c.problem(
                at.key("name"),
                format!("level `{}` has no `kind`: below its `name`, write `kind = ` one of \"universal\", \"early-help\", \"family-help\", \"child-in-need\", \"child-protection\", \"looked-after\"", level.id),
            ),
            Some(kind) => {
                let below = ruleset.levels[..i]
                    .iter()
                    .filter_map(|l| l.kind)
                    .find(|k| k.order() > kind.order());
                if let Some(higher) = below {
                    c.problem(
                        at.key("kind"),
                        format!("level `{}` is of kind `{kind:?}` but comes after a level of kind `{higher:?}`: levels go from universal up to child protection and looked after", level.id),
                    );
                }
            }
        }
    }

    level_ids
}

/// `[[indicators]]`: ids, texts, their level, no repeated text at a level, keywords and
/// related indicators. Returns the indicator ids.
fn check_indicators(
    c: &mut Checker,
    ruleset: &Ruleset,
    level_ids: &HashSet<String>,
) -> HashSet<String> {
    let root = Path::default();
    let mut indicator_ids = HashSet::new();
    let mut indicator_texts = HashSet::new();
    for (i, ind) in ruleset.indicators.iter().enumerate() {
        let at = root.key("indicators").index(i);
        c.id(
            at.key("id"),
            ind.id.as_str(),
            &mut indicator_ids,
            "indicator",
        );
        c.text(at.key("text"), &ind.text, "indicator text");
        c.text(at.key("section"), &ind.section, "indicator section");
        if let Some(domain) = &ind.domain {
            c.text(at.key("domain"), domain, "indicator domain");
        }
        if !level_ids.contains(ind.level.as_str()) {
            c.problem(
                at.key("level"),
                format!(
                    "indicator `{}` points to level `{}`, which is not defined in [[levels]]",
                    ind.id, ind.level
                ),
            );
        }
        if !ind.text.trim().is_empty()
            && !indicator_texts.insert((ind.level.clone(), ind.text.trim().to_lowercase()))
        {
            c.problem(
                at.key("text"),
                format!(
                    "indicator `{}` repeats the text of another indicator at the same level",
                    ind.id
                ),
            );
        }
    }
    for (i, ind) in ruleset.indicators.iter().enumerate() {
        let at = root.key("indicators").index(i);
        for (k, word) in ind.keywords.iter().enumerate() {
            c.text(at.key("keywords").index(k), word, "indicator keyword");
        }
        for (k, other) in ind.related.iter().enumerate() {
            if !indicator_ids.contains(other.as_str()) || other == &ind.id {
                c.problem(
                    at.key("related").index(k),
                    format!("indicator `{}` is related to `{other}`, which is not another indicator of this ruleset", ind.id),
                );
            }
        }
    }
    if ruleset.indicators.is_empty() {
        c.problem(
            root.key("indicators"),
            "a ruleset needs at least one [[indicators]] entry",
        );
    }

    indicator_ids
}

/// `[[routes]]`: ids, texts, basis, the allocated social worker's route, phone numbers,
/// `when` and `replaced_by`. Returns the route ids.
fn check_routes(c: &mut Checker, ruleset: &Ruleset, d: &Defined) -> HashSet<String> {
    let root = Path::default();
    let mut route_ids = HashSet::new();
    for (i, route) in ruleset.routes.iter().enumerate() {
        let at = root.key("routes").index(i);
        c.id(at.key("id"), route.id.as_str(), &mut route_ids, "route");
        c.text(at.key("name"), &route.name, "route name");
        c.text(at.key("action"), &route.action, "route action");
        c.text(at.key("source"), &route.source, "route source");
        c.basis(
            at.clone(),
            route.basis.as_ref(),
            &format!("route `{}`", route.id),
        );
        if route.allocated_social_worker
            && (!route
                .when
                .context
                .contains(&ContextTrigger::HasSocialWorker)
                || route.urgency != Urgency::Urgent)
        {
            c.problem(
                at.key("allocated_social_worker"),
                format!("route `{}` is the allocated social worker's, so it must be `urgency = \"urgent\"` and its `when.context` must include \"has-social-worker\"", route.id),
            );
        }
        for (key, value) in [("then", &route.then), ("find_details", &route.find_details)] {
            if let Some(v) = value {
                c.text(at.key(key), v, &format!("route {key}"));
            }
        }
        c.link(
            at.key("link"),
            route.link.as_deref(),
            &format!("route `{}`", route.id),
        );
        if let Some(phone) = &route.phone {
            if !is_phone_number(phone) {
                c.problem(at.key("phone"), format!("route `{}` phone `{phone}` is not a phone number (digits and spaces, 3 to 15 digits)", route.id));
            }
        }
        c.applies(at.key("when"), &route.when, &d.levels, &d.indicators);
        c.kinds(at.key("when").key("kinds"), &route.when.kinds, &d.kinds);
    }
    for (i, route) in ruleset.routes.iter().enumerate() {
        if let Some(other) = &route.replaced_by {
            let at = root.key("routes").index(i).key("replaced_by");
            if other == &route.id {
                c.problem(
                    at,
                    format!("route `{}` cannot be replaced by itself", route.id),
                );
            } else if !route_ids.contains(other.as_str()) {
                c.problem(
                    at,
                    format!(
                        "route `{}` is replaced_by `{other}`, which is not defined in [[routes]]",
                        route.id
                    ),
                );
            }
        }
    }

    route_ids
}

/// Every level has a route, by its id or its kind.
fn check_every_level_routed(c: &mut Checker, ruleset: &Ruleset) {
    let root = Path::default();
    // Sets built once, so that no check is quadratic in a (hostile) file of thousands of items.
    let routed: HashSet<&str> = ruleset
        .routes
        .iter()
        .flat_map(|r| r.when.levels.iter().map(|l| l.as_str()))
        .collect();
    let routed_kinds: HashSet<LevelKind> = ruleset
        .routes
        .iter()
        .flat_map(|r| r.when.kinds.iter().copied())
        .collect();
    for (i, level) in ruleset.levels.iter().enumerate() {
        if !routed.contains(level.id.as_str())
            && !level.kind.is_some_and(|k| routed_kinds.contains(&k))
        {
            c.problem(
                root.key("levels").index(i).key("id"),
                format!(
                    "level `{}` has no route: add it (or its kind) to some route's `when.levels` (`when.kinds`)",
                    level.id
                ),
            );
        }
    }
}

/// 999 when the child is in immediate danger, and a route when the practitioner is not sure.
fn check_danger_routes(c: &mut Checker, ruleset: &Ruleset) {
    let root = Path::default();
    let danger_first = ruleset.routes.iter().any(|r| {
        r.when.danger.contains(&Danger::Yes)
            && r.urgency == Urgency::Emergency
            && r.phone.as_deref().map(dial_digits).as_deref() == Some("999")
    });
    if !danger_first {
        c.problem(root.key("routes"), "no emergency route with phone 999 applies when the child is in immediate danger (`when.danger = [\"yes\"]`)");
    }
    if !ruleset
        .routes
        .iter()
        .any(|r| r.when.danger.contains(&Danger::NotSure))
    {
        c.problem(root.key("routes"), "no route applies when the practitioner is not sure whether the child is in immediate danger (`when.danger = [\"not-sure\"]`)");
    }
}

/// `[[consent]]`: ids, texts, basis and `when`.
fn check_consent(c: &mut Checker, ruleset: &Ruleset, d: &Defined) {
    let root = Path::default();
    let mut consent_ids = HashSet::new();
    for (i, note) in ruleset.consent.iter().enumerate() {
        let at = root.key("consent").index(i);
        c.id(at.key("id"), note.id.as_str(), &mut consent_ids, "consent");
        c.text(at.key("text"), &note.text, "consent text");
        c.text(at.key("source"), &note.source, "consent source");
        c.basis(
            at.clone(),
            note.basis.as_ref(),
            &format!("consent note `{}`", note.id),
        );
        c.applies(at.key("when"), &note.when, &d.levels, &d.indicators);
        c.kinds(at.key("when").key("kinds"), &note.when.kinds, &d.kinds);
    }
}

/// `[[examples]]`: ids, titles, their level, sections.
fn check_examples(c: &mut Checker, ruleset: &Ruleset, d: &Defined) {
    let root = Path::default();
    let mut example_ids = HashSet::new();
    for (i, ex) in ruleset.examples.iter().enumerate() {
        let at = root.key("examples").index(i);
        c.id(at.key("id"), ex.id.as_str(), &mut example_ids, "example");
        c.text(at.key("title"), &ex.title, "example title");
        if !d.levels.contains(ex.level.as_str()) {
            c.problem(
                at.key("level"),
                format!(
                    "example `{}` is at level `{}`, which is not defined in [[levels]]",
                    ex.id, ex.level
                ),
            );
        }
        if ex.sections.is_empty() {
            c.problem(
                at.key("sections"),
                format!("example `{}` has no sections", ex.id),
            );
        }
        for (j, section) in ex.sections.iter().enumerate() {
            let s = at.key("sections").index(j);
            c.text(
                s.key("heading"),
                &section.heading,
                "example section heading",
            );
            for (k, para) in section.paragraphs.iter().enumerate() {
                c.text(s.key("paragraphs").index(k), para, "example paragraph");
            }
        }
    }
}

/// `exit_page`: an https:// address when enabled.
fn check_exit_page(c: &mut Checker, ruleset: &Ruleset) {
    let root = Path::default();
    if let Some(exit) = &ruleset.exit_page {
        let at = root.key("exit_page");
        match (&exit.url, exit.enabled) {
            (Some(url), _) if !is_safe_link(url) => c.problem(
                at.key("url"),
                format!("exit_page url `{url}` must be an https:// address (no spaces, quotes or angle brackets)"),
            ),
            (None, true) => c.problem(at, "exit_page is enabled but gives no `url`"),
            _ => {}
        }
    }
}

/// `[[rules]]`: ids, texts, basis, conditions that can hold, and the route of a refer-now.
fn check_rules(c: &mut Checker, ruleset: &Ruleset, d: &Defined) {
    let root = Path::default();
    let mut rule_ids = HashSet::new();
    let uses_domains = ruleset.uses_domains();
    let top = ruleset.levels.last().map(|l| &l.id);
    for (i, rule) in ruleset.rules.iter().enumerate() {
        let at = root.key("rules").index(i);
        c.id(at.key("id"), rule.id.as_str(), &mut rule_ids, "rule");
        c.text(at.key("text"), &rule.text, "rule text");
        c.text(at.key("source"), &rule.source, "rule source");
        c.basis(
            at.clone(),
            rule.basis.as_ref(),
            &format!("rule `{}`", rule.id),
        );
        let when = &rule.when;
        if when.is_empty() {
            c.problem(
                at.key("when"),
                format!("rule `{}`: `when` gives no condition (levels, context, min_ticked or min_domains), so it would always fire", rule.id),
            );
        }
        c.kinds(at.key("when").key("kinds"), &when.kinds, &d.kinds);
        for (j, level) in when.levels.iter().enumerate() {
            if !d.levels.contains(level.as_str()) {
                c.problem(
                    at.key("when").key("levels").index(j),
                    format!("level `{level}` is not defined in [[levels]]"),
                );
            }
        }
        if when.min_ticked == Some(0) || when.min_domains == Some(0) {
            c.problem(
                at.key("when"),
                format!(
                    "rule `{}`: min_ticked and min_domains must be at least 1",
                    rule.id
                ),
            );
        }
        if when.min_domains.is_some() && !uses_domains {
            c.problem(
                at.key("when").key("min_domains"),
                format!(
                    "rule `{}` uses min_domains, but no indicator has a `domain`",
                    rule.id
                ),
            );
        }
        let raises = matches!(
            rule.effect,
            RuleEffect::NextLevelRoutes | RuleEffect::ConsiderNextLevel
        );
        if raises && (ruleset.levels.len() < 2 || top.is_some_and(|t| when.levels == [t.clone()])) {
            c.problem(
                at.key("when").key("levels"),
                format!("rule `{}` points to the next level, but it only applies at the top level, which has none above it", rule.id),
            );
        }
        match (&rule.route, rule.effect) {
            (None, RuleEffect::ReferNow) => c.problem(
                at.key("effect"),
                format!("rule `{}` is refer-now but names no `route`", rule.id),
            ),
            (Some(_), RuleEffect::NextLevelRoutes | RuleEffect::ConsiderNextLevel) => c.problem(
                at.key("route"),
                format!("rule `{}`: only a refer-now rule names a `route`", rule.id),
            ),
            (Some(route), _) if !d.routes.contains(route.as_str()) => c.problem(
                at.key("route"),
                format!(
                    "rule `{}` refers to route `{route}`, which is not defined in [[routes]]",
                    rule.id
                ),
            ),
            _ => {}
        }
    }
}

/// `[[prompts]]`: headings, sources and questions.
fn check_prompts(c: &mut Checker, ruleset: &Ruleset) {
    let root = Path::default();
    for (i, group) in ruleset.prompts.iter().enumerate() {
        let at = root.key("prompts").index(i);
        c.text(at.key("heading"), &group.heading, "prompt heading");
        c.text(at.key("source"), &group.source, "prompt source");
        if group.questions.is_empty() {
            c.problem(at.key("questions"), "prompt group has no questions");
        }
        for (j, q) in group.questions.iter().enumerate() {
            c.text(at.key("questions").index(j), q, "prompt question");
        }
    }
}

/// Ids used by more than one kind of item (level, indicator, route, consent note, example,
/// rule): one problem at each later use, naming the kind that used it first. The same id
/// twice in one section is the per-section "duplicate ... id" problem instead.
pub fn shared_ids(ruleset: &Ruleset) -> Vec<Diagnostic> {
    let root = Path::default();
    let sections: [(&'static str, &str, &str, Vec<&str>); 6] = [
        (
            "levels",
            "level",
            "a level",
            ruleset.levels.iter().map(|l| l.id.as_str()).collect(),
        ),
        (
            "indicators",
            "indicator",
            "an indicator",
            ruleset.indicators.iter().map(|i| i.id.as_str()).collect(),
        ),
        (
            "routes",
            "route",
            "a route",
            ruleset.routes.iter().map(|r| r.id.as_str()).collect(),
        ),
        (
            "consent",
            "consent note",
            "a consent note",
            ruleset.consent.iter().map(|c| c.id.as_str()).collect(),
        ),
        (
            "examples",
            "example",
            "an example",
            ruleset.examples.iter().map(|e| e.id.as_str()).collect(),
        ),
        (
            "rules",
            "rule",
            "a rule",
            ruleset.rules.iter().map(|r| r.id.as_str()).collect(),
        ),
    ];
    let mut first_use: HashMap<&str, (&str, &str)> = HashMap::new();
    let mut found = Vec::new();
    for (key, kind, a_kind, ids) in &sections {
        for (i, id) in ids.iter().enumerate() {
            match first_use.get(id) {
                None if !id.is_empty() => {
                    first_use.insert(id, (kind, a_kind));
                }
                Some((owner, a_owner)) if owner != kind => found.push(Diagnostic {
                    path: root.key(key).index(i).key("id"),
                    message: format!("{kind} id `{id}` is already used by {a_owner}"),
                }),
                _ => {}
            }
        }
    }
    found
}
