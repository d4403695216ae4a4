//! The bundled areas: the one place that knows which rulesets ship. `build.rs` validated and
//! packed each file of `rulesets/`, so adding an area is adding its file.
//!
//! In the browser the default area is inside the wasm and every other area is a file of the
//! site (`file`), fetched from the page's own origin when it is chosen; natively every area
//! is embedded, and `write_files` writes those site files.

use crate::engine::model::{PromptGroup, WorkedExample};
use crate::engine::Ruleset;

/// One bundled ruleset, packed at build time.
pub struct BundledArea {
    pub id: &'static str,
    pub partnership: &'static str,
    /// The packed ruleset's path in the site, named by its content hash.
    pub file: &'static str,
    /// The packed ruleset, when it is inside this binary.
    pub embedded: Option<&'static [u8]>,
    /// The default area's worked examples and questions to think about, a file of their own:
    /// the page's wasm carries the default area without them (only the part below the result
    /// shows them), and fetches this file for that part. `None` for every other area.
    pub reading: Option<Reading>,
}

/// A site file with an area's worked examples and questions to think about.
pub struct Reading {
    /// Its path in the site, named by its content hash.
    pub file: &'static str,
    /// Its bytes, when they are inside this binary (the native build, which writes the file).
    pub packed: Option<&'static [u8]>,
}

/// What a [`Reading`] file holds: the area's worked examples and its questions to think about.
pub type ReadingParts = (Vec<WorkedExample>, Vec<PromptGroup>);

// `AREAS` and `DEFAULT_AREA` (from `rulesets/default-area`).
include!(concat!(env!("OUT_DIR"), "/areas.rs"));

impl BundledArea {
    /// Unpacks the embedded ruleset: `None` if it is a separate file in this build.
    pub fn ruleset(&self) -> Option<Result<Ruleset, postcard::Error>> {
        self.embedded.map(unpack)
    }

    /// The [`Reading`] file to fetch for this area's worked examples and questions to think
    /// about: `Some` only when this binary's copy of the area leaves them out (the default
    /// area in the page's wasm).
    pub fn reading_to_fetch(&self) -> Option<&'static str> {
        let reading = self.reading.as_ref()?;
        (self.embedded.is_some() && reading.packed.is_none()).then_some(reading.file)
    }
}

/// Unpacks a ruleset packed by `build.rs`; fails only if the bytes are not one.
pub fn unpack(bytes: &[u8]) -> Result<Ruleset, postcard::Error> {
    postcard::from_bytes(bytes)
}

/// Unpacks a [`Reading`] file packed by `build.rs`; fails only if the bytes are not one.
pub fn unpack_reading(bytes: &[u8]) -> Result<ReadingParts, postcard::Error> {
    postcard::from_bytes(bytes)
}

/// Writes every embedded area but the default as its site file under `dir` (for the native
/// build, which embeds them all), and the default area's [`Reading`] file; the page's wasm has
/// the rest of the default area inside, so it never fetches that one. Returns the paths
/// written.
#[cfg(not(target_arch = "wasm32"))]
pub fn write_files(dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut written = Vec::new();
    let files = AREAS.iter().flat_map(|area| {
        let reading = area
            .reading
            .as_ref()
            .and_then(|r| Some((r.file, r.packed?)));
        let whole = area.embedded.filter(|_| area.id != DEFAULT_AREA);
        whole
            .map(|bytes| (area.file, bytes))
            .into_iter()
            .chain(reading)
    });
    for (file, bytes) in files {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// The bundled area with this id.
pub fn find(id: &str) -> Option<&'static BundledArea> {
    AREAS.iter().find(|a| a.id == id)
}

/// The area for an `?area=` value: that area if bundled, otherwise the default.
pub fn choose(requested: Option<&str>) -> &'static BundledArea {
    requested
        .and_then(find)
        .or_else(|| find(DEFAULT_AREA))
        .or_else(|| AREAS.first())
        .expect("at least one ruleset is bundled")
}

/// The shared search thesaurus, checked and packed by `build.rs` from
/// `rulesets/thesaurus.toml` (always inside the binary: a few KB).
pub fn thesaurus() -> crate::engine::thesaurus::Thesaurus {
    postcard::from_bytes(include_bytes!(concat!(env!("OUT_DIR"), "/thesaurus.bin")))
        .unwrap_or_default()
}
