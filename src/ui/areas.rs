//! The page's one ruleset source: whichever the practitioner chooses (the default area,
//! inside the wasm; another bundled area, fetched once from the page's own origin; or the
//! site's own ruleset, see `site_ruleset`) comes through the same async derived value, and
//! what has loaded is kept for the visit. A request names only the file; nothing about a
//! child is in it.

use super::area_picker::Choice;
use super::browser;
use super::site_ruleset;
use crate::catalogue::{self, BundledArea};
use crate::engine::Ruleset;
use leptos::prelude::*;
use std::sync::Arc;

/// Why a ruleset cannot be shown.
#[derive(Clone)]
pub enum Failure {
    /// It cannot be had right now (not fetched, unreadable, not bundled): why, in a sentence.
    Unavailable(String),
    /// A site's own ruleset that does not pass the checks: every problem, with its line.
    Invalid { file: String, problems: Vec<String> },
}

/// What the page can show for the chosen ruleset right now.
#[derive(Clone)]
pub enum AreaState {
    Loading,
    Ready(Arc<Ruleset>),
    Failed(Failure),
}

type Loaded = Result<Arc<Ruleset>, Failure>;

/// The chosen ruleset, loading as the choice changes.
///
/// Built on Leptos' `AsyncDerived` rather than `LocalResource`: both re-run an async function
/// when the signals it reads change, but `LocalResource` always waits a tick before it
/// resolves (for hydration), so even the embedded default area would flash "Loading"; an
/// `AsyncDerived` whose future is ready at once has its value at once.
#[derive(Clone, Copy)]
pub struct RulesetSource {
    /// The last ruleset loaded, with the choice and attempt it was loaded for.
    loaded: AsyncDerived<(Choice, u32, Loaded), LocalStorage>,
    choice: RwSignal<Choice>,
    /// Bumped by "Try again": the same choice loads again (the refetch).
    attempt: RwSignal<u32>,
    /// The site ruleset's partnership, once it has loaded, for the picker.
    site_partnership: RwSignal<Option<String>>,
}

impl RulesetSource {
    /// `site` is the site's own ruleset (the `ruleset` setting), `loader` the ruleset loader.
    pub fn new(choice: RwSignal<Choice>, site: Option<String>, loader: Option<String>) -> Self {
        let attempt = RwSignal::new(0u32);
        let site_partnership = RwSignal::new(None);
        // Rulesets that loaded, kept for the visit; a failure is not kept, so it is retried.
        let kept: StoredValue<Vec<(Choice, Arc<Ruleset>)>, LocalStorage> =
            StoredValue::new_local(Vec::new());
        let loaded = AsyncDerived::new_unsync(move || {
            let (chosen, tried) = (choice.get(), attempt.get());
            let (site, loader) = (site.clone(), loader.clone());
            async move {
                let earlier = kept
                    .with_value(|k| k.iter().find(|(c, _)| *c == chosen).map(|(_, r)| r.clone()));
                if let Some(r) = earlier {
                    return (chosen, tried, Ok(r));
                }
                let result = load(chosen, site.as_deref(), loader.as_deref()).await;
                if let Ok(r) = &result {
                    kept.update_value(|k| k.push((chosen, r.clone())));
                    if chosen == Choice::Site {
                        site_partnership.set(Some(r.provenance.partnership.clone()));
                    }
                }
                (chosen, tried, result)
            }
        });
        Self {
            loaded,
            choice,
            attempt,
            site_partnership,
        }
    }

    /// The chosen ruleset's state (reactive): loading until what has loaded is for the
    /// current choice and attempt, so another area's ruleset is never shown for this one.
    pub fn state(&self) -> AreaState {
        let (choice, attempt) = (self.choice.get(), self.attempt.get());
        match self.loaded.get() {
            Some((c, a, result)) if c == choice && a == attempt => match result {
                Ok(r) => AreaState::Ready(r),
                Err(f) => AreaState::Failed(f),
            },
            _ => AreaState::Loading,
        }
    }

    /// "Try again": loads the current choice again.
    pub fn refetch(&self) {
        self.attempt.update(|n| *n += 1);
    }

    /// The site's own ruleset in the picker: by its partnership's name once it has loaded.
    pub fn site_name(&self) -> Signal<String> {
        let partnership = self.site_partnership;
        Signal::derive(move || {
            partnership.with(|p| match p {
                Some(p) => format!("{p} (this site's ruleset)"),
                None => "This site's ruleset".to_owned(),
            })
        })
    }
}

async fn load(choice: Choice, site: Option<&str>, loader: Option<&str>) -> Loaded {
    match (choice, site) {
        (Choice::Site, Some(path)) => site_ruleset::load(path, loader).await,
        (Choice::Site, None) => Err(Failure::Unavailable(
            "This site has no ruleset of its own.".into(),
        )),
        (Choice::Bundled(id), _) => match catalogue::find(id) {
            Some(area) => bundled(area).await,
            None => Err(Failure::Unavailable(format!(
                "The area \u{201c}{id}\u{201d} is not bundled."
            ))),
        },
    }
}

/// A bundled area: unpacked from the wasm (ready at once, no await) or fetched.
async fn bundled(area: &'static BundledArea) -> Loaded {
    let bytes = match area.embedded {
        #[cfg(feature = "test-hooks")]
        Some(_) if browser::test_failure().as_deref() == Some("unpack") => {
            b"not a packed ruleset".to_vec()
        }
        Some(bytes) => return unpack(area, bytes),
        None => browser::fetch_bytes(area.file).await.map_err(|e| {
            Failure::Unavailable(format!(
                "The {} guidance could not be loaded ({e}). Check your connection and try again.",
                area.partnership
            ))
        })?,
    };
    unpack(area, &bytes)
}

fn unpack(area: &BundledArea, bytes: &[u8]) -> Loaded {
    catalogue::unpack(bytes).map(Arc::new).map_err(|e| {
        Failure::Unavailable(format!(
            "The {} guidance could not be read ({e}).",
            area.partnership
        ))
    })
}
