//! The few places the UI touches the browser directly: the address bar, focus, the clock,
//! fetching the site's own area files and the panic message. No data about a child passes
//! through here.

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

/// The failure a browser test asks for with `?tw-fail=`; only in the test-hooks build.
#[cfg(feature = "test-hooks")]
pub fn test_failure() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("tw-fail")
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

/// The bytes of one of the site's own files, by a path relative to the page.
pub async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(path))
        .await
        .map_err(|_| "the network request failed".to_owned())?
        .dyn_into()
        .map_err(|_| "not a response".to_owned())?;
    if !response.ok() {
        return Err(format!("the server answered {}", response.status()));
    }
    let body = response.array_buffer().map_err(|_| "no body".to_owned())?;
    let buffer = JsFuture::from(body)
        .await
        .map_err(|_| "the download did not finish".to_owned())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// This month, from the device's clock, for the staleness notices.
pub fn this_month() -> crate::engine::YearMonth {
    let now = js_sys::Date::new_0();
    crate::engine::YearMonth {
        year: now.get_full_year() as i32,
        month: now.get_month() + 1,
    }
}

/// Calls `clear` when the page is left or comes back from the back/forward cache, and when
/// "Exit this page" (web/exit-this-page.js) asks, so no answer outlives the visit.
pub fn on_leaving(clear: impl Fn() + Clone + 'static) {
    let on_exit = clear.clone();
    leptos::prelude::window_event_listener_untyped("threshold-widget:clear", move |_| on_exit());
    let on_hide = clear.clone();
    leptos::prelude::window_event_listener_untyped("pagehide", move |_| on_hide());
    leptos::prelude::window_event_listener_untyped("pageshow", move |ev| {
        let persisted = js_sys::Reflect::get(&ev, &"persisted".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        if persisted {
            clear();
        }
    });
}

/// Points "Exit this page" at the area's own destination, or turns it off for the area; with
/// no setting, the site's default (the links' href in index.html) stands.
pub fn apply_exit_page(exit: Option<&crate::engine::ExitPage>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let off = exit.is_some_and(|e| !e.enabled);
        let _ = if off {
            root.set_attribute("data-exit-page-area", "off")
        } else {
            root.remove_attribute("data-exit-page-area")
        };
    }
    let Ok(links) = document.query_selector_all("[data-exit-this-page]") else {
        return;
    };
    for i in 0..links.length() {
        let Some(link) = links
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let default = match link.get_attribute("data-site-href") {
            Some(d) => d,
            None => {
                let d = link.get_attribute("href").unwrap_or_default();
                let _ = link.set_attribute("data-site-href", &d);
                d
            }
        };
        let url = exit.and_then(|e| e.url.as_deref()).unwrap_or(&default);
        let _ = link.set_attribute("href", url);
    }
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
