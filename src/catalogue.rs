//! The bundled areas: the one place that knows which rulesets ship. `build.rs` validated and
//! packed each file of `rulesets/`, so adding an area is adding its file.

use crate::engine::Ruleset;

/// One bundled ruleset, packed at build time.
pub struct BundledArea {
    pub id: &'static str,
    pub partnership: &'static str,
    packed: &'static [u8],
}

include!(concat!(env!("OUT_DIR"), "/areas.rs"));

/// The area shown when the page's address names none (or one we do not have).
pub const DEFAULT_AREA: &str = "rotherham";

impl BundledArea {
    /// Unpacks the ruleset; fails only if the bundle is corrupt.
    pub fn ruleset(&self) -> Result<Ruleset, postcard::Error> {
        postcard::from_bytes(self.packed)
    }
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
