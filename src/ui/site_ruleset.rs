//! A partnership's own ruleset, published on its site (the `ruleset` setting): fetched from
//! the page's own origin, then loaded and checked by the separate ruleset-loader wasm (the
//! engine's own loader and validator), which the page imports only now. Kept for the visit.

use super::areas::AreaState;
use super::browser;
use crate::catalogue;
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(
    inline_js = "export async function load_with(loader, wasm, file, text) {
  const m = await import(loader);
  await m.default({ module_or_path: wasm });
  return m.load_ruleset(file, text);
}"
)]
extern "C" {
    /// The packed ruleset; throws the problems as a string, or an Error if the loader itself
    /// could not be fetched.
    #[wasm_bindgen(catch)]
    async fn load_with(
        loader: &str,
        wasm: &str,
        file: &str,
        text: &str,
    ) -> Result<JsValue, JsValue>;
}

thread_local! {
    static DONE: RefCell<Option<AreaState>> = const { RefCell::new(None) };
    static PENDING: RefCell<bool> = const { RefCell::new(false) };
}

/// The site ruleset's state; starts loading it once, and calls `arrived` when that ends.
pub fn state(path: &str, loader: Option<&str>, arrived: impl Fn() + 'static) -> AreaState {
    if let Some(done) = DONE.with(|d| d.borrow().clone()) {
        return done;
    }
    if PENDING.with(|p| p.replace(true)) {
        return AreaState::Loading;
    }
    let path = path.to_owned();
    let loader = loader.map(str::to_owned);
    wasm_bindgen_futures::spawn_local(async move {
        let result = load(&path, loader.as_deref()).await;
        DONE.with(|d| *d.borrow_mut() = Some(result));
        PENDING.with(|p| *p.borrow_mut() = false);
        arrived();
    });
    AreaState::Loading
}

/// Forgets a failed load so the next `state` tries again.
pub fn forget_failure() {
    DONE.with(|d| {
        let mut d = d.borrow_mut();
        if !matches!(*d, Some(AreaState::Ready(_))) {
            *d = None;
        }
    });
}

/// The ruleset's partnership, once it has loaded.
pub fn partnership() -> Option<String> {
    DONE.with(|d| match d.borrow().as_ref() {
        Some(AreaState::Ready(r)) => Some(r.provenance.partnership.clone()),
        _ => None,
    })
}

async fn load(path: &str, loader: Option<&str>) -> AreaState {
    let failed = |why: String| AreaState::Failed(format!("This site's ruleset ({path}) {why}"));
    let Some(url) = browser::same_origin_url(path) else {
        return failed("is not on this site, so the widget does not load it.".into());
    };
    let Some((loader, wasm)) = loader.and_then(|l| {
        let wasm = l.strip_suffix(".js")?.to_owned() + "_bg.wasm";
        Some((browser::widget_url(l)?, browser::widget_url(&wasm)?))
    }) else {
        return failed("cannot be checked: this copy of the widget has no ruleset loader.".into());
    };
    let text = match browser::fetch_bytes(&url).await {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => return failed("is not UTF-8 text.".into()),
        },
        Err(e) => return failed(format!("could not be loaded ({e}).")),
    };
    let file = path.rsplit('/').next().unwrap_or(path).to_owned();
    match load_with(&loader, &wasm, &file, &text).await {
        Ok(packed) => {
            let bytes = js_sys::Uint8Array::new(&packed).to_vec();
            match catalogue::unpack(&bytes) {
                Ok(r) => AreaState::Ready(Arc::new(r)),
                Err(e) => failed(format!("could not be read ({e}).")),
            }
        }
        Err(e) => match e.as_string() {
            Some(problems) => AreaState::Invalid {
                file,
                problems: problems.lines().map(str::to_owned).collect(),
            },
            None => failed("could not be checked: the ruleset loader did not load. Check your connection and try again.".into()),
        },
    }
}
