//! A partnership's own ruleset, published on its site (the `ruleset` setting): fetched from
//! the page's own origin, then loaded and checked by the separate ruleset-loader wasm (the
//! engine's own loader and validator), which the page imports only now. `areas` keeps it for
//! the visit.

use super::areas::Failure;
use super::browser;
use crate::catalogue;
use crate::engine::Ruleset;
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

/// The site's ruleset at `path`, checked by the loader at `loader`.
pub async fn load(path: &str, loader: Option<&str>) -> Result<Arc<Ruleset>, Failure> {
    let failed = |why: String| Failure::Unavailable(format!("This site's ruleset ({path}) {why}"));
    let Some(url) = browser::same_origin_url(path) else {
        return Err(failed(
            "is not on this site, so the widget does not load it.".into(),
        ));
    };
    let Some((loader, wasm)) = loader.and_then(|l| {
        let wasm = l.strip_suffix(".js")?.to_owned() + "_bg.wasm";
        Some((browser::widget_url(l)?, browser::widget_url(&wasm)?))
    }) else {
        return Err(failed(
            "cannot be checked: this copy of the widget has no ruleset loader.".into(),
        ));
    };
    let text = match browser::fetch_bytes(&url).await {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => return Err(failed("is not UTF-8 text.".into())),
        },
        Err(e) => return Err(failed(format!("could not be loaded ({e})."))),
    };
    let file = path.rsplit('/').next().unwrap_or(path).to_owned();
    match load_with(&loader, &wasm, &file, &text).await {
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
            None => Err(failed("could not be checked: the ruleset loader did not load. Check your connection and try again.".into())),
        },
    }
}
