//! The ruleset loader for the browser: a separate wasm module the page imports only when a
//! partnership points the widget at a ruleset file on its own site (`ruleset=` setting).
//! It runs the engine's own loader and validator, so the browser reports the same problems,
//! with the same lines, as `threshold-widget check`; a ruleset that passes is handed back
//! packed, exactly as build.rs packs the bundled ones (related indicators resolved, so it
//! links the stemmer and thesaurus; the page's first load does not).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

/// The packed ruleset, or every problem as `file:line:column: message` lines.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub fn load_ruleset(file: &str, text: &str) -> Result<Vec<u8>, String> {
    let mut ruleset =
        threshold_widget::engine::load::load_site_ruleset(file, text).map_err(|e| e.to_string())?;
    threshold_widget::engine::search::resolve_related(
        &mut ruleset,
        &threshold_widget::catalogue::thesaurus(),
    );
    postcard::to_allocvec(&ruleset)
        .map_err(|e| format!("{file}: the ruleset could not be packed ({e})"))
}

fn main() {}
