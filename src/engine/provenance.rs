//! Where a ruleset comes from: the document, its dates and versions, and the notices the page
//! shows when it may be out of date (undated, past review, old, superseded, contacts not
//! checked for a year). "Today" is passed in: the engine reads no clock.

use serde::{Deserialize, Serialize};

/// Where the ruleset comes from, shown on the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub partnership: String,
    pub title: String,
    /// The document's date as it gives it, or "undated".
    pub date: String,
    /// The document's date, machine-readable: `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub dated: Option<String>,
    #[serde(default)]
    pub review_date: Option<String>,
    /// When the document is due for review, machine-readable: `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub review_by: Option<String>,
    /// The file in `shared/sources/` this ruleset was transcribed from: for the project's
    /// own provenance checks, never shown on the page (the page names the document).
    pub source_file: String,
    /// Anything a reader should know about the transcription.
    #[serde(default)]
    pub notes: Vec<String>,
    /// This ruleset's own version, e.g. "2" or "2027.1".
    #[serde(default)]
    pub version: Option<String>,
    /// The document (or ruleset version) this one replaces, as its title and date.
    #[serde(default)]
    pub supersedes: Option<String>,
    /// When the routes' contacts were last checked with the partnership: `YYYY-MM`.
    #[serde(default)]
    pub contacts_checked: Option<String>,
    /// The partnership has published a newer document: its title and date as published.
    #[serde(default)]
    pub superseded: Option<String>,
    /// Who the guidance covers, in the document's words (e.g. "all children and young
    /// people from conception to the age of 18 years"), shown near the title.
    #[serde(default)]
    pub covers: Option<String>,
    /// The transcription as a whole is known to be incomplete: why, shown as a notice at the
    /// top of the page.
    #[serde(default)]
    pub incomplete: Option<String>,
    /// Other documents this ruleset is also transcribed from, after the one named above.
    #[serde(default)]
    pub documents: Vec<SourceDocument>,
}

/// A further document a ruleset is transcribed from: `[[provenance.documents]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    pub title: String,
    /// Its date as it gives it, or "undated".
    pub date: String,
    /// The file in `shared/sources/` it was transcribed from (provenance checks only).
    #[serde(default)]
    pub source_file: Option<String>,
    /// Where the partnership publishes it: an `https://` address, listed in the decision
    /// table (the page names the document by its title and date).
    #[serde(default)]
    pub link: Option<String>,
}

/// A document older than this many years gets a notice that it may be out of date.
pub const STALE_AFTER_YEARS: i32 = 3;

/// Contacts last checked more than this many months ago get a notice.
pub const CONTACTS_STALE_AFTER_MONTHS: i32 = 12;

/// A year and month, from `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn parse(text: &str) -> Option<YearMonth> {
        let mut parts = text.split('-');
        let (y, m) = (parts.next()?, parts.next()?);
        let day_ok = match parts.next() {
            None => true,
            Some(d) => d.len() == 2 && d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)),
        };
        let year = y.parse::<i32>().ok().filter(|_| y.len() == 4)?;
        let month = m
            .parse::<u32>()
            .ok()
            .filter(|n| m.len() == 2 && (1..=12).contains(n))?;
        (day_ok && parts.next().is_none()).then_some(YearMonth { year, month })
    }

    /// "October 2023".
    pub fn display(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS.get(self.month as usize - 1).copied().unwrap_or("");
        format!("{month} {}", self.year)
    }

    /// Months since year 0, to compare two dates.
    pub fn months(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }
}

impl Provenance {
    /// Every file of `shared/sources/` this ruleset was transcribed from: the document's,
    /// then the further documents' that name one. For the project's provenance checks.
    pub fn source_files(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.source_file.as_str()).chain(
            self.documents
                .iter()
                .filter_map(|d| d.source_file.as_deref()),
        )
    }

    /// When the contacts were last checked, when the ruleset says and the date reads.
    pub fn contacts_checked(&self) -> Option<YearMonth> {
        self.contacts_checked.as_deref().and_then(YearMonth::parse)
    }

    /// Notices to show because of the document's age, as of `today`: undated, past its
    /// review date, or older than [`STALE_AFTER_YEARS`].
    pub fn staleness(&self, today: YearMonth) -> Vec<String> {
        let mut notices = Vec::new();
        if let Some(newer) = &self.superseded {
            notices.push(format!(
                "The {} partnership has published a newer document ({newer}). This guide still follows the older one: check the new document before you act.",
                self.partnership
            ));
        }
        if let Some(checked) = self.contacts_checked() {
            if today.months() - checked.months() > CONTACTS_STALE_AFTER_MONTHS {
                notices.push(format!(
                    "The contacts here were last checked in {}, over a year ago. Check them with the {} partnership.",
                    checked.display(),
                    self.partnership
                ));
            }
        }
        if self.dated.is_none() {
            notices.push(format!(
                "The document gives no date. Check with the {} partnership that this guidance is still current.",
                self.partnership
            ));
        }
        if let Some(due) = self.review_by.as_deref().and_then(YearMonth::parse) {
            if due < today {
                let when = self.review_date.as_deref().unwrap_or("its review date");
                notices.push(format!(
                    "This document was due for review in {when} and the review date has passed. Check with the {} partnership that this guidance is still current.",
                    self.partnership
                ));
            }
        }
        if let Some(dated) = self.dated.as_deref().and_then(YearMonth::parse) {
            let years = (today.months() - dated.months()) / 12;
            if years >= STALE_AFTER_YEARS {
                notices.push(format!(
                    "This document dates from {}, {years} years ago. Its services, procedures and phone numbers may have changed: check them with the {} partnership.",
                    dated.display(),
                    self.partnership
                ));
            }
        }
        notices
    }
}
