//! An area's ruleset for the page: unpacked from the wasm for the default area, fetched once
//! from the page's own origin for the others and kept in memory for the visit. The request
//! names only the area's file; nothing about a child is in it.

use super::browser;
use crate::catalogue::{self, BundledArea};
use crate::engine::Ruleset;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// What the page can show for an area right now.
#[derive(Clone)]
pub enum AreaState {
    Loading,
    Ready(Arc<Ruleset>),
    Failed(String),
    /// A site's own ruleset that does not pass the checks: every problem, with its line.
    Invalid {
        file: String,
        problems: Vec<String>,
    },
}

thread_local! {
    static DONE: RefCell<HashMap<&'static str, Result<Arc<Ruleset>, String>>> = RefCell::new(HashMap::new());
    static PENDING: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) };
}

fn unpack(area: &BundledArea, bytes: &[u8]) -> Result<Arc<Ruleset>, String> {
    catalogue::unpack(bytes)
        .map(Arc::new)
        .map_err(|e| format!("The {} guidance could not be read ({e}).", area.partnership))
}

/// The area's state; starts fetching it (once) if it is neither embedded nor fetched yet,
/// and calls `arrived` when the fetch ends, however it ends.
pub fn state(area: &'static BundledArea, arrived: impl Fn() + 'static) -> AreaState {
    if let Some(done) = DONE.with(|d| d.borrow().get(area.id).cloned()) {
        return match done {
            Ok(r) => AreaState::Ready(r),
            Err(e) => AreaState::Failed(e),
        };
    }
    if let Some(bytes) = area.embedded {
        #[cfg(feature = "test-hooks")]
        let bytes: &[u8] = if browser::test_failure().as_deref() == Some("unpack") {
            b"not a packed ruleset"
        } else {
            bytes
        };
        let result = unpack(area, bytes);
        DONE.with(|d| d.borrow_mut().insert(area.id, result.clone()));
        return match result {
            Ok(r) => AreaState::Ready(r),
            Err(e) => AreaState::Failed(e),
        };
    }
    let started = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        let new = !p.contains(&area.id);
        if new {
            p.push(area.id);
        }
        new
    });
    if started {
        wasm_bindgen_futures::spawn_local(async move {
            let result = match browser::fetch_bytes(area.file).await {
                Ok(bytes) => unpack(area, &bytes),
                Err(e) => Err(format!(
                    "The {} guidance could not be loaded ({e}). Check your connection and try again.",
                    area.partnership
                )),
            };
            DONE.with(|d| d.borrow_mut().insert(area.id, result));
            PENDING.with(|p| p.borrow_mut().retain(|id| *id != area.id));
            arrived();
        });
    }
    AreaState::Loading
}

/// Forgets a failed load so the next `state` tries again.
pub fn forget_failure(area: &'static BundledArea) {
    DONE.with(|d| {
        let mut d = d.borrow_mut();
        if d.get(area.id).is_some_and(|r| r.is_err()) {
            d.remove(area.id);
        }
    });
}
