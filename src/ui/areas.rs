//! The page's one ruleset source: whichever the practitioner chooses (the default area,
//! inside the wasm; another bundled area, fetched once from the page's own origin; or the
//! site's own ruleset, see `site_ruleset`) comes through the same path, a load (a signal
//! and, unless it is inside the wasm, a task) per ruleset, and what has loaded is kept for
//! the visit. A request names only the file; nothing about a child is in it.

use super::area_picker::Choice;
use super::browser;
use super::site_ruleset;
use leptos::prelude::*;
use std::sync::Arc;
use threshold_widget::catalogue::{self, BundledArea};
use threshold_widget::engine::Ruleset;

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
/// Each ruleset chosen during the visit gets one load: a signal with what it gave, kept once
/// loaded and loaded again on "Try again". An embedded area is unpacked at once, so the
/// default area never flashes "Loading"; any other is fetched in a task of its own, so a slow
/// fetch never holds up another area. A signal and a task rather than Leptos'
/// `AsyncDerived`, which did the same for 7.5 KB more of the first load (README,
/// "Performance").
#[derive(Clone, Copy)]
pub struct RulesetSource {
    choice: RwSignal<Choice>,
    loads: StoredValue<Vec<Load>, LocalStorage>,
    /// Where the site's own ruleset and the ruleset loader are.
    paths: StoredValue<(Option<String>, Option<String>), LocalStorage>,
    /// The owner the loads belong to (the widget's), not the view that first asks for one.
    owner: StoredValue<Owner, LocalStorage>,
    /// The site ruleset's partnership, once it has loaded, for the picker.
    site_partnership: RwSignal<Option<String>>,
}

/// One ruleset's load: what it gave, for which attempt.
#[derive(Clone, Copy)]
struct Load {
    choice: Choice,
    /// Bumped by "Try again".
    attempt: RwSignal<u32>,
    /// What the load gave, with the attempt it was for.
    loaded: RwSignal<Option<(u32, Loaded)>>,
}

impl RulesetSource {
    /// `site` is the site's own ruleset (the `ruleset` setting), `loader` the ruleset loader.
    pub fn new(choice: RwSignal<Choice>, site: Option<String>, loader: Option<String>) -> Self {
        let source = Self {
            choice,
            loads: StoredValue::new_local(Vec::new()),
            paths: StoredValue::new_local((site, loader)),
            owner: StoredValue::new_local(Owner::current().unwrap_or_default()),
            site_partnership: RwSignal::new(None),
        };
        // The first choice starts now: the embedded default is ready before the first render.
        source.load(choice.get_untracked());
        source
    }

    /// The chosen ruleset's state (reactive): loading until its current attempt has ended.
    pub fn state(&self) -> AreaState {
        let load = self.load(self.choice.get());
        let attempt = load.attempt.get();
        match load.loaded.get() {
            Some((a, Ok(r))) if a == attempt => AreaState::Ready(r),
            Some((a, Err(f))) if a == attempt => AreaState::Failed(f),
            _ => AreaState::Loading,
        }
    }

    /// "Try again": loads the current choice again.
    pub fn refetch(&self) {
        let load = self.load(self.choice.get_untracked());
        load.attempt.update(|n| *n += 1);
        self.start(load);
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

    /// The load of `choice`, started the first time it is asked for.
    fn load(&self, choice: Choice) -> Load {
        let known = self
            .loads
            .with_value(|loads| loads.iter().find(|l| l.choice == choice).copied());
        if let Some(load) = known {
            return load;
        }
        let load = self.owner.with_value(|owner| {
            owner.with(|| Load {
                choice,
                attempt: RwSignal::new(0),
                loaded: RwSignal::new(None),
            })
        });
        self.loads.update_value(|loads| loads.push(load));
        self.start(load);
        load
    }

    /// Runs `load`'s current attempt: at once for an embedded area, otherwise in a task.
    fn start(&self, load: Load) {
        let tried = load.attempt.get_untracked();
        if let Choice::Bundled(id) = load.choice {
            if let Some(result) = catalogue::find(id).and_then(embedded) {
                load.loaded.set(Some((tried, result)));
                return;
            }
        }
        let (site, loader) = self.paths.get_value();
        let site_partnership = self.site_partnership;
        leptos::task::spawn_local(async move {
            let result = fetch(load.choice, site.as_deref(), loader.as_deref()).await;
            if let (Choice::Site, Ok(r)) = (load.choice, &result) {
                site_partnership.try_set(Some(r.provenance.partnership.clone()));
            }
            // A later "Try again" has its own task; this one's answer is then out of date.
            if load.attempt.try_get_untracked() == Some(tried) {
                load.loaded.try_set(Some((tried, result)));
            }
        });
    }
}

/// A ruleset that is not inside the wasm: a bundled area's file or the site's own ruleset.
async fn fetch(choice: Choice, site: Option<&str>, loader: Option<&str>) -> Loaded {
    match (choice, site) {
        (Choice::Site, Some(path)) => site_ruleset::load(path, loader).await,
        (Choice::Site, None) => Err(Failure::Unavailable(
            "This site has no ruleset of its own.".into(),
        )),
        (Choice::Bundled(id), _) => match catalogue::find(id) {
            Some(area) => {
                let bytes = browser::fetch_bytes(area.file).await.map_err(|e| {
                    Failure::Unavailable(format!(
                        "The {} guidance could not be loaded ({e}). Check your connection and try again.",
                        area.partnership
                    ))
                })?;
                unpack(area, &bytes)
            }
            None => Err(Failure::Unavailable(format!(
                "The area \u{201c}{id}\u{201d} is not bundled."
            ))),
        },
    }
}

/// A bundled area inside the wasm, unpacked; `None` if it is a file of the site instead.
fn embedded(area: &'static BundledArea) -> Option<Loaded> {
    let bytes = area.embedded?;
    #[cfg(feature = "test-hooks")]
    if browser::test_failure().as_deref() == Some("unpack") {
        return Some(unpack(area, b"not a packed ruleset"));
    }
    Some(unpack(area, bytes))
}

fn unpack(area: &BundledArea, bytes: &[u8]) -> Loaded {
    catalogue::unpack(bytes).map(Arc::new).map_err(|e| {
        Failure::Unavailable(format!(
            "The {} guidance could not be read ({e}).",
            area.partnership
        ))
    })
}
