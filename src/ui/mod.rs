//! The page: Leptos components that hold the answers in signals and render the engine's
//! outcome. Nothing here decides anything about a child; that is the engine's job.

mod app;
mod area_picker;
mod areas;
mod browser;
mod examples;
mod indicator_list;
mod outcome_panel;
mod questions;
mod route_card;

pub use app::App;

/// Installs the panic message, mounts the widget and marks the page ready.
pub fn start() {
    browser::install_panic_message();
    let Some(root) = browser::element_by_id("app") else {
        return;
    };
    root.set_inner_html("");
    leptos::mount::mount_to(root.clone(), App).forget();
    let _ = root.set_attribute("data-ready", "true");
}
