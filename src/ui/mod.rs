//! The page: Leptos components that hold the answers in signals and render the engine's
//! outcome. Nothing here decides anything about a child; that is the engine's job.

mod app;
mod area_picker;
mod areas;
mod browser;
mod examples;
mod failure;
mod indicator_list;
mod modules;
mod outcome_panel;
mod provenance;
mod questions;
mod route_card;
mod site_ruleset;
mod summary;

pub use app::App;

use threshold_widget::catalogue::AREAS;
use threshold_widget::engine::settings::read_settings;

/// Finds where the widget goes (its own page, a frame, or a partnership's element), applies
/// the site's settings, mounts the widget and marks it ready.
pub fn start() {
    browser::install_panic_message();
    let Some(mount) = browser::find_mount() else {
        return;
    };
    let bundled: Vec<&str> = AREAS.iter().map(|a| a.id).collect();
    let (settings, problems) = read_settings(
        mount.settings.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        &bundled,
    );
    browser::apply_site_settings(&settings);
    if mount.mode == browser::Mode::Frame {
        if let Some(origin) = settings.parent_origin.clone() {
            browser::report_height_to(origin);
        }
    }
    let loader = mount.app.get_attribute("data-loader");
    let search = mount.app.get_attribute("data-search");
    let root = mount.app.clone();
    root.set_inner_html("");
    let problems: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    leptos::mount::mount_to(root.clone(), move || {
        leptos::view! { <App settings=settings problems=problems loader=loader search=search /> }
    })
    .forget();
    let _ = root.set_attribute("data-ready", "true");
    browser::after_paint(app::fetch_parts);
}
