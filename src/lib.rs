//! threshold-widget: a safeguarding partnership's levels-of-need document as a private,
//! in-browser check. `engine` decides; the page's `ui` (src/ui/, a module of the page's bin,
//! src/main.rs, so its `#[lazy]` parts are not linked into the other wasm modules) renders.

pub mod catalogue;
pub mod engine;
#[cfg(not(target_arch = "wasm32"))]
pub mod report;
pub mod scenarios;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
