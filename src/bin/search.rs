//! The search engine for the browser: a separate wasm module the page imports only when the
//! search box is first used, so the stemmer, the thesaurus and the index stay out of the
//! first load (README, "Performance"). It runs the engine's own search
//! (`engine::search::Index`) over the indicators the page hands it and answers each query
//! with what the page draws of the engine's `Results` (`Listing`: which show, the words to
//! mark, the "matches ... as ..." notes), packed (postcard), for the page to render. Nothing leaves
//! the device: the page and this module share the tab, not a network.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::wasm_bindgen;

/// One ruleset's indicators, indexed.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
pub struct Searcher {
    index: threshold_widget::engine::search::Index,
    texts: Vec<String>,
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen]
impl Searcher {
    /// `texts[i]` is indicator i's text; `keywords[i]` its `keywords`, as
    /// `search::keyword_lines` writes them.
    #[wasm_bindgen(constructor)]
    pub fn new(texts: Vec<String>, keywords: Vec<String>) -> Searcher {
        let index = threshold_widget::engine::search::Index::of_lines(
            &texts,
            &keywords,
            &threshold_widget::catalogue::thesaurus(),
        );
        Searcher { index, texts }
    }

    /// What `query` shows, as the page draws it (marks and notes), packed.
    pub fn search(&self, query: &str) -> Vec<u8> {
        let listing = self.index.search(query).listing(|i| &self.texts[i]);
        postcard::to_allocvec(&listing).unwrap_or_default()
    }
}

fn main() {}
