//! The ruleset: one partnership's levels of need, indicators, routes and guidance, as plain data.
//!
//! The same types are read from TOML by `load` (native) and unpacked from the compact form
//! that `build.rs` bundles into the page, so every field must survive both (no `flatten`,
//! no `untagged`, no `skip_serializing_if`).

use serde::{Deserialize, Serialize};
use std::fmt;

pub use super::provenance::{Provenance, SourceDocument};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
        #[serde(transparent)]
        pub struct $name(pub String);

        /// As the string: `"level-3"`, so messages that list ids read as the file does.
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// A partnership area, e.g. `rotherham`; equals the ruleset's file name.
    AreaId
);
id_type!(
    /// A level of need, e.g. `level-3`.
    LevelId
);
id_type!(
    /// One indicator (descriptor) of the document.
    IndicatorId
);
id_type!(
    /// One contact route.
    RouteId
);
id_type!(
    /// One partnership rule.
    RuleId
);
id_type!(
    /// One consent note ("what to tell the family").
    ConsentId
);
id_type!(
    /// One worked example (case study) of the document.
    ExampleId
);

/// Everything the widget knows about one partnership.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Ruleset {
    /// Must equal the file name without `.toml`.
    pub area: AreaId,
    pub provenance: Provenance,
    pub guidance: Guidance,
    /// From lowest (universal) to highest (acute); the order is the scale.
    pub levels: Vec<Level>,
    pub indicators: Vec<Indicator>,
    /// Listed in the order to show routes of equal urgency.
    pub routes: Vec<Route>,
    #[serde(default)]
    pub consent: Vec<ConsentNote>,
    #[serde(default)]
    pub examples: Vec<WorkedExample>,
    #[serde(default)]
    pub prompts: Vec<PromptGroup>,
    /// Partnership rules, in the closed vocabulary of [`RuleEffect`].
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Where "Exit this page" goes for this area; the site's default when absent.
    #[serde(default)]
    pub exit_page: Option<ExitPage>,
}

/// The "Exit this page" control: a neutral page to leave to, or turned off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExitPage {
    /// `false` hides the button and the Shift shortcut for this area.
    pub enabled: bool,
    /// An `https://` address of a neutral page (required when enabled).
    #[serde(default)]
    pub url: Option<String>,
}

/// An address safe to leave to: `https://`, a host, no spaces, quotes or angle brackets.
pub fn is_safe_link(url: &str) -> bool {
    url.strip_prefix("https://").is_some_and(|rest| {
        rest.split('/').next().is_some_and(|host| !host.is_empty())
            && url.len() <= 2000
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c))
    })
}

/// Text shown with every outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Guidance {
    /// This is a guide, not a substitute for professional judgement or a talk with the DSL.
    pub reminder: Cited,
    /// What to do if you disagree with a decision, where the document says.
    #[serde(default)]
    pub escalation: Option<Cited>,
}

/// A passage with the place it comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Cited {
    pub text: String,
    /// The section of the document, or a plain statement that it is not from the document.
    pub source: String,
    /// Whose guidance this is: the document's, national, or this ruleset's reading.
    #[serde(default)]
    pub basis: Option<Basis>,
    /// An `https://` address of the partnership's published policy (e.g. its escalation
    /// procedure), shown as a link.
    #[serde(default)]
    pub link: Option<String>,
}

/// Whose guidance an item is, so that the page can say when it is not the partnership's
/// document: `basis = { document = "para 13" }`, `{ national = "Working Together 2023" }`
/// or `{ interpretation = "why this reading" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// The partnership's document says it; the text names the section.
    Document(String),
    /// National guidance, not the document: e.g. "999", "Working Together 2023", "KCSIE".
    National(String),
    /// This ruleset's reading where the document is silent or unclear: one line saying why.
    Interpretation(String),
}

impl Basis {
    /// The text inside: the section, the guidance named, or the reason.
    pub fn detail(&self) -> &str {
        match self {
            Basis::Document(s) | Basis::National(s) | Basis::Interpretation(s) => s,
        }
    }

    /// What the page says under the item when it is not the partnership's document; `None`
    /// for the document's own guidance.
    pub fn notice(&self) -> Option<String> {
        match self {
            Basis::Document(_) => None,
            Basis::National(g) => Some(format!(
                "Not in the partnership's document: national guidance ({g})."
            )),
            Basis::Interpretation(why) => Some(format!(
                "Not in the partnership's document: this guide's reading ({why})."
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: LevelId,
    /// The document's own name, e.g. "Level 3 Complex".
    pub name: String,
    /// What kind of level it is, whatever the document calls it (required: see `validate`).
    #[serde(default)]
    pub kind: Option<LevelKind>,
    pub description: String,
    /// What to do next at this level, in the document's words, shown when it is the likely
    /// level.
    #[serde(default)]
    pub next_steps: Vec<String>,
    /// The transcription of this level is known to be incomplete (e.g. its indicators are
    /// lost from the source): why, shown as a notice when it is the likely level.
    #[serde(default)]
    pub incomplete: Option<String>,
}

/// The kind of a level, so that rules and checks need not know the document's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum LevelKind {
    /// Needs met by universal services.
    Universal,
    /// Targeted or early help below statutory social care.
    EarlyHelp,
    /// Families First "Family Help": targeted early help and child-in-need work in one level.
    FamilyHelp,
    /// A child in need, Children Act 1989 section 17.
    ChildInNeed,
    /// Child protection: significant harm, section 47.
    ChildProtection,
    /// Looked after by the local authority.
    LookedAfter,
}

impl LevelKind {
    /// Position on the national scale; a ruleset's levels never go down it. Family Help
    /// takes in early help and child in need, so it sits with them.
    pub fn order(self) -> u8 {
        match self {
            LevelKind::Universal => 0,
            LevelKind::EarlyHelp | LevelKind::FamilyHelp => 1,
            LevelKind::ChildInNeed => 2,
            LevelKind::ChildProtection => 3,
            LevelKind::LookedAfter => 4,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: IndicatorId,
    pub level: LevelId,
    /// The document's own words.
    pub text: String,
    /// Where in the document it is listed.
    pub section: String,
    /// Assessment Framework domain, where the document groups by domain.
    #[serde(default)]
    pub domain: Option<String>,
    /// Rebuilt from text that PDF extraction garbled.
    #[serde(default)]
    pub reconstructed: bool,
    /// Search words local to this partnership, not in the text (the shared thesaurus,
    /// `rulesets/thesaurus.toml`, has the common ones). They only widen the search.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Ids of indicators of the same concern at other levels, shown under "Same concern at
    /// other levels"; when given they replace the links derived from the thesaurus. A packed
    /// ruleset (for the page) holds the resolved list here, explicit or derived
    /// (`search::resolve_related`).
    #[serde(default)]
    pub related: Vec<IndicatorId>,
}

/// How soon a route must be used; routes are shown most urgent first (the order below).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    Emergency,
    Urgent,
    NonUrgent,
}

impl Urgency {
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Emergency => "Emergency",
            Urgency::Urgent => "Urgent",
            Urgency::NonUrgent => "Non-urgent",
        }
    }
}

/// A contact route: who to contact, how, and when it applies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Route {
    pub id: RouteId,
    pub name: String,
    pub urgency: Urgency,
    /// What to do, in the document's words where it gives them.
    pub action: String,
    /// A number the document publishes; never one it does not.
    #[serde(default)]
    pub phone: Option<String>,
    /// The follow-up after the call, e.g. the referral form.
    #[serde(default)]
    pub then: Option<String>,
    /// Where to find contact details the document does not give.
    #[serde(default)]
    pub find_details: Option<String>,
    pub source: String,
    /// Whose guidance this route is (required: see `validate`).
    #[serde(default)]
    pub basis: Option<Basis>,
    /// The child's allocated social worker: when the practitioner says the child has one,
    /// this route comes before every referral route (after 999 when there is danger).
    #[serde(default)]
    pub allocated_social_worker: bool,
    pub when: Applies,
    /// Drop this route when that one is also in the outcome (it covers this one).
    #[serde(default)]
    pub replaced_by: Option<RouteId>,
    /// An `https://` address the document gives for this route (e.g. its online form),
    /// shown as a link on the route card.
    #[serde(default)]
    pub link: Option<String>,
}

/// When a route or a consent note applies: any one match is enough.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Applies {
    #[serde(default)]
    pub danger: Vec<Danger>,
    #[serde(default)]
    pub levels: Vec<LevelId>,
    /// The likely level is of one of these kinds, whatever the document calls it.
    #[serde(default)]
    pub kinds: Vec<LevelKind>,
    #[serde(default)]
    pub context: Vec<ContextTrigger>,
    /// One of these indicators is ticked, whatever the likely level.
    #[serde(default)]
    pub indicators: Vec<IndicatorId>,
}

impl Applies {
    pub fn is_empty(&self) -> bool {
        self.danger.is_empty()
            && self.levels.is_empty()
            && self.kinds.is_empty()
            && self.context.is_empty()
            && self.indicators.is_empty()
    }

    /// Whether `level` is named in `levels`, or is of a kind named in `kinds`.
    pub fn names_level(&self, level: &Level) -> bool {
        self.levels.contains(&level.id) || level.kind.is_some_and(|k| self.kinds.contains(&k))
    }
}

/// The answer to "Is the child in immediate danger?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Danger {
    Yes,
    No,
    NotSure,
}

impl Danger {
    pub const ALL: [Danger; 3] = [Danger::Yes, Danger::No, Danger::NotSure];

    pub fn label(self) -> &'static str {
        match self {
            Danger::Yes => "Yes",
            Danger::No => "No",
            Danger::NotSure => "Not sure",
        }
    }
}

/// Context answers the engine understands; they change routes, never the level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ContextTrigger {
    /// A crime may have been committed and the child is not in immediate danger.
    Crime,
    /// The child already has an allocated social worker.
    HasSocialWorker,
    /// The practitioner is not sure whether the child is known to social care.
    SocialWorkerUnsure,
    /// Early help has been tried and the situation has not improved.
    EarlyHelpNotImproved,
}

/// A partnership rule: when its conditions hold, it does one thing the engine understands,
/// and the outcome says so with the document's words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: RuleId,
    pub effect: RuleEffect,
    /// The document's own words this rule rests on.
    pub text: String,
    pub source: String,
    /// Whose guidance this rule is (required: see `validate`).
    #[serde(default)]
    pub basis: Option<Basis>,
    pub when: RuleWhen,
    /// The route a `refer-now` rule brings first; only for `refer-now`.
    #[serde(default)]
    pub route: Option<RouteId>,
}

/// What a rule does. Rules never lower the level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RuleEffect {
    /// Routes and consent notes are those of the next level up; the level shown stays.
    NextLevelRoutes,
    /// Advice to consider the next level up; the level shown stays.
    ConsiderNextLevel,
    /// The rule's route is shown first after the emergency routes.
    ReferNow,
}

/// When a rule fires: every condition given must hold, and at least one must be given.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RuleWhen {
    /// The likely level is one of these.
    #[serde(default)]
    pub levels: Vec<LevelId>,
    /// The likely level is of one of these kinds (with `levels`: either will do).
    #[serde(default)]
    pub kinds: Vec<LevelKind>,
    /// Every one of these context answers is given.
    #[serde(default)]
    pub context: Vec<ContextTrigger>,
    /// At least this many indicators are ticked at the likely level.
    #[serde(default)]
    pub min_ticked: Option<u16>,
    /// The ticks at the likely level span at least this many domains.
    #[serde(default)]
    pub min_domains: Option<u16>,
}

impl RuleWhen {
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
            && self.kinds.is_empty()
            && self.context.is_empty()
            && self.min_ticked.is_none()
            && self.min_domains.is_none()
    }
}

/// What to tell the family, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsentNote {
    pub id: ConsentId,
    pub text: String,
    pub source: String,
    /// Whose guidance this note is (required: see `validate`).
    #[serde(default)]
    pub basis: Option<Basis>,
    pub when: Applies,
}

/// A case study from the document, kept as readable content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WorkedExample {
    pub id: ExampleId,
    pub title: String,
    pub level: LevelId,
    pub sections: Vec<ExampleSection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExampleSection {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// Questions to think about, e.g. the Signs of Safety questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PromptGroup {
    pub heading: String,
    pub questions: Vec<String>,
    pub source: String,
}

impl Ruleset {
    pub fn level(&self, id: &LevelId) -> Option<&Level> {
        self.levels.iter().find(|l| &l.id == id)
    }

    /// Position of a level on the scale, 0 = lowest.
    pub fn rank(&self, id: &LevelId) -> Option<usize> {
        self.levels.iter().position(|l| &l.id == id)
    }

    pub fn indicator(&self, id: &IndicatorId) -> Option<&Indicator> {
        self.indicators.iter().find(|i| &i.id == id)
    }

    pub fn route(&self, id: &RouteId) -> Option<&Route> {
        self.routes.iter().find(|r| &r.id == id)
    }

    /// Indicators as the page lists them: by domain where the document groups them by domain,
    /// otherwise by level, each group in document order.
    pub fn indicator_groups(&self) -> Vec<(String, Vec<&Indicator>)> {
        if self.uses_domains() {
            let mut groups: Vec<(String, Vec<&Indicator>)> = Vec::new();
            for ind in &self.indicators {
                let heading = ind.domain.as_deref().unwrap_or("Other");
                match groups.iter_mut().find(|(h, _)| h == heading) {
                    Some((_, items)) => items.push(ind),
                    None => groups.push((heading.to_owned(), vec![ind])),
                }
            }
            return groups;
        }
        self.levels
            .iter()
            .map(|l| {
                (
                    l.name.clone(),
                    self.indicators
                        .iter()
                        .filter(|i| i.level == l.id)
                        .collect::<Vec<_>>(),
                )
            })
            .filter(|(_, items)| !items.is_empty())
            .collect()
    }

    /// The context triggers some route or note of this ruleset uses: only these are asked.
    pub fn context_used(&self, trigger: ContextTrigger) -> bool {
        self.routes
            .iter()
            .any(|r| r.when.context.contains(&trigger))
            || self
                .consent
                .iter()
                .any(|c| c.when.context.contains(&trigger))
            || self.rules.iter().any(|r| r.when.context.contains(&trigger))
    }

    /// Whether the indicators are grouped by Assessment Framework domain.
    pub fn uses_domains(&self) -> bool {
        self.indicators.iter().any(|i| i.domain.is_some())
    }
}
