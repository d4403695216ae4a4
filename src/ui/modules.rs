//! The widget's on-demand wasm modules (the ruleset loader, the search engine): each is a
//! file of the widget's own site, named by `data-loader` / `data-search` on `#app` and
//! imported the first time it is needed, so it weighs nothing on the first load.

use super::browser;
use threshold_widget::engine::search::{self, Listing};
use threshold_widget::engine::Ruleset;
use wasm_bindgen::prelude::*;

// One snippet for every call into the modules (wasm-bindgen makes a file of each
// `inline_js`, and each file is a request of the first load).
#[wasm_bindgen(inline_js = "export async function import_module(js, wasm) {
  const m = await import(js);
  await m.default({ module_or_path: wasm });
  return m;
}
export function make_searcher(m, texts, keywords) { return new m.Searcher(texts, keywords); }
export function run_search(s, query) { return s.search(query); }
export function load_ruleset(m, file, text) { return m.load_ruleset(file, text); }")]
extern "C" {
    /// The module's exports once its wasm is ready; an Error if either file could not be
    /// fetched.
    #[wasm_bindgen(catch)]
    async fn import_module(js: &str, wasm: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    fn make_searcher(
        module: &JsValue,
        texts: js_sys::Array,
        keywords: js_sys::Array,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    fn run_search(searcher: &JsValue, query: &str) -> Result<JsValue, JsValue>;
    /// The ruleset loader's packed ruleset; throws the problems as a string.
    #[wasm_bindgen(catch)]
    pub fn load_ruleset(module: &JsValue, file: &str, text: &str) -> Result<JsValue, JsValue>;
}

/// Imports the module whose JS glue is `glue` (relative to the widget; its wasm is beside
/// it); `None` when this copy of the widget has no such module or it could not be fetched.
pub async fn import(glue: Option<&str>) -> Option<JsValue> {
    let glue = glue?;
    let wasm = glue.strip_suffix(".js")?.to_owned() + "_bg.wasm";
    let (js, wasm) = (browser::widget_url(glue)?, browser::widget_url(&wasm)?);
    import_module(&js, &wasm).await.ok()
}

/// The search module's index of this ruleset's indicators (`module` is the imported search
/// module); `None` if it could not be made (the page then keeps its literal matching).
pub fn new_searcher(module: &JsValue, ruleset: &Ruleset) -> Option<JsValue> {
    let (texts, keywords) = (js_sys::Array::new(), js_sys::Array::new());
    for ind in &ruleset.indicators {
        texts.push(&JsValue::from_str(&ind.text));
        keywords.push(&JsValue::from_str(&search::keyword_lines(&ind.keywords)));
    }
    make_searcher(module, texts, keywords).ok()
}

/// What `query` shows, from the search module.
pub fn search(searcher: &JsValue, query: &str) -> Option<Listing> {
    let packed = run_search(searcher, query).ok()?;
    postcard::from_bytes(&js_sys::Uint8Array::new(&packed).to_vec()).ok()
}
