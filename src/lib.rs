//! threshold-widget: a safeguarding partnership's levels-of-need document as a private,
//! in-browser check. `engine` decides; `ui` (browser only) renders.

pub mod catalogue;
pub mod engine;
#[cfg(not(target_arch = "wasm32"))]
pub mod report;
pub mod scenarios;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
#[cfg(target_arch = "wasm32")]
pub mod ui;
