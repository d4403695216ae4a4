//! The engine: ruleset model, loading, validation and evaluation.
//! Plain Rust with no Leptos and no web-sys, so all of it is tested natively.

pub mod evaluate;
pub mod load;
pub mod model;
pub mod phone;
pub mod provenance;
pub mod questions;
pub mod reach;
pub mod review;
pub mod search;
pub mod settings;
pub mod summary;
pub mod thesaurus;
pub mod validate;
pub mod wording;

pub use evaluate::{evaluate, Answers, FiredRule, Known, LikelyLevel, Outcome, Reason, RouteCard};
pub use model::*;
pub use phone::{dial_digits, is_phone_number, phone_parts, TextPart};
pub use provenance::{YearMonth, CONTACTS_STALE_AFTER_MONTHS, STALE_AFTER_YEARS};
pub use summary::{summary, Summary, SummarySection};
