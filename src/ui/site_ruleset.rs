//! A partnership's own ruleset, published on its site (the `ruleset` setting): fetched from
//! the page's own origin, then loaded and checked by the separate ruleset-loader wasm (the
//! engine's own loader and validator), which the page imports only now. `areas` keeps it for
//! the visit.

use super::areas::Failure;
use super::browser;
use super::modules;
use std::sync::Arc;
use threshold_widget::catalogue;
use threshold_widget::engine::Ruleset;

/// The site's ruleset at `path`, checked by the loader at `loader`.
pub async fn load(path: &str, loader: Option<&str>) -> Result<Arc<Ruleset>, Failure> {
    let failed = |why: String| Failure::Unavailable(format!("This site's ruleset ({path}) {why}"));
    let Some(url) = browser::same_origin_url(path) else {
        return Err(failed(
            "is not on this site, so the widget does not load it.".into(),
        ));
    };
    if loader.is_none() {
        return Err(failed(
            "cannot be checked: this copy of the widget has no ruleset loader.".into(),
        ));
    }
    let text = match browser::fetch_bytes(&url).await {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => return Err(failed("is not UTF-8 text.".into())),
        },
        Err(e) => return Err(failed(format!("could not be loaded ({e})."))),
    };
    let file = path.rsplit('/').next().unwrap_or(path).to_owned();
    let Some(module) = modules::import(loader).await else {
        return Err(failed("could not be checked: the ruleset loader did not load. Check your connection and try again.".into()));
    };
    match modules::load_ruleset(&module, &file, &text) {
        Ok(packed) => {
            let bytes = js_sys::Uint8Array::new(&packed).to_vec();
            catalogue::unpack(&bytes)
                .map(Arc::new)
                .map_err(|e| failed(format!("could not be read ({e}).")))
        }
        Err(e) => match e.as_string() {
            Some(problems) => Err(Failure::Invalid {
                file,
                problems: problems.lines().map(str::to_owned).collect(),
            }),
            None => Err(failed(
                "could not be checked: the ruleset loader failed.".into(),
            )),
        },
    }
}
