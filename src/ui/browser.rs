//! The few places the UI touches the browser directly: the address bar, focus and the
//! panic message. No data about a child passes through here.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

pub fn element_by_id(id: &str) -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into()
        .ok()
}

/// The `?area=` of the page's address.
pub fn area_in_url() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("area")
}

/// Puts the chosen area (and nothing else) in the address, so the link can be shared.
pub fn set_area_in_url(area: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let _ = history.replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some(&format!("{path}?area={area}")),
    );
}

pub fn focus(id: &str) {
    if let Some(el) = element_by_id(id) {
        let _ = el.focus();
    }
}

/// On a panic, show the static "something went wrong" message that index.html holds
/// (with the 999 line above it), instead of a frozen or blank page.
pub fn install_panic_message() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        if let Some(app) = element_by_id("app") {
            let _ = app.set_attribute("hidden", "");
        }
        if let Some(msg) = element_by_id("app-failed") {
            let _ = msg.remove_attribute("hidden");
        }
    }));
}
