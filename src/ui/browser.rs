//! The few places the UI touches the browser directly: where the widget is mounted (its own
//! page, `embed.html` in a frame, or a shadow root in a partnership's page), the address
//! bar, focus, the clock, fetching the site's own files, the frame's height, the panic
//! message and waiting for the first paint. No data about a child passes through here.

use std::cell::RefCell;
use threshold_widget::engine::settings::{
    exit_destination, ExitDestination, ExitSetting, Settings, SETTING_NAMES,
};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, ShadowRoot};

/// How the widget is on the page.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// index.html, the widget's own page.
    Page,
    /// embed.html inside a partnership's `<iframe>`.
    Frame,
    /// Mounted by widget.js into `<div data-threshold-widget>` of a partnership's page.
    Script,
}

/// Where the widget lives: the element to render into, how it is on the page, and the
/// site's settings as name/value pairs (the element carrying its theme and state attributes,
/// `<html>` or the host element, is kept in `WIDGET`).
pub struct Mount {
    pub app: HtmlElement,
    pub mode: Mode,
    pub settings: Vec<(String, String)>,
}

thread_local! {
    /// The shadow root in script mode, where the widget's ids live.
    static SHADOW: RefCell<Option<ShadowRoot>> = const { RefCell::new(None) };
    /// `<html>`, or the host element in script mode.
    static WIDGET: RefCell<Option<HtmlElement>> = const { RefCell::new(None) };
    /// The folder of the widget's files, when it is not the page's own (script mode).
    static BASE: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The site's `exit-page` setting, for [`apply_exit_page`].
    static SITE_EXIT: RefCell<ExitSetting> = const { RefCell::new(ExitSetting::Default) };
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Finds where to mount: `#app` of the widget's own page, or else the first
/// `[data-threshold-widget]` element whose shadow root widget.js has prepared.
pub fn find_mount() -> Option<Mount> {
    let document = document()?;
    if let Some(app) = document.get_element_by_id("app") {
        let html: HtmlElement = document.document_element()?.dyn_into().ok()?;
        let mode = if html.get_attribute("data-embed").as_deref() == Some("frame") {
            Mode::Frame
        } else {
            Mode::Page
        };
        let search = web_sys::window()?.location().search().ok()?;
        let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
        let settings = SETTING_NAMES
            .iter()
            .filter_map(|n| params.get(n).map(|v| (n.to_string(), v)))
            .collect();
        WIDGET.with(|w| *w.borrow_mut() = Some(html));
        return Some(Mount {
            app: app.dyn_into().ok()?,
            mode,
            settings,
        });
    }
    let host: HtmlElement = document
        .query_selector("[data-threshold-widget]")
        .ok()??
        .dyn_into()
        .ok()?;
    let shadow = host.shadow_root()?;
    let app: HtmlElement = shadow.get_element_by_id("app")?.dyn_into().ok()?;
    let settings = SETTING_NAMES
        .iter()
        .filter_map(|n| {
            host.get_attribute(&format!("data-{n}"))
                .map(|v| (n.to_string(), v))
        })
        .collect();
    BASE.with(|b| *b.borrow_mut() = app.get_attribute("data-base"));
    SHADOW.with(|s| *s.borrow_mut() = Some(shadow));
    WIDGET.with(|w| *w.borrow_mut() = Some(host));
    Some(Mount {
        app,
        mode: Mode::Script,
        settings,
    })
}

/// An element of the widget by id: in the page, or in the shadow root in script mode.
pub fn element_by_id(id: &str) -> Option<HtmlElement> {
    let found = match SHADOW.with(|s| s.borrow().clone()) {
        Some(shadow) => shadow.get_element_by_id(id),
        None => document()?.get_element_by_id(id),
    };
    found?.dyn_into().ok()
}

fn query_all(selector: &str) -> Vec<Element> {
    let list = match SHADOW.with(|s| s.borrow().clone()) {
        Some(shadow) => shadow.query_selector_all(selector),
        None => match document() {
            Some(d) => d.query_selector_all(selector),
            None => return Vec::new(),
        },
    };
    let Ok(list) = list else { return Vec::new() };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// Sets (or with `None` removes) an attribute of the widget's element (`<html>` or the host),
/// where the stylesheet and web/exit-this-page.js read the widget's state.
pub fn set_widget_attribute(name: &str, value: Option<&str>) {
    WIDGET.with(|w| {
        if let Some(w) = w.borrow().as_ref() {
            let _ = match value {
                Some(v) => w.set_attribute(name, v),
                None => w.remove_attribute(name),
            };
        }
    });
}

/// A page address relative to the widget's files (the page's own folder, or in script mode
/// the folder widget.js came from).
pub fn widget_url(relative: &str) -> Option<String> {
    let base = BASE
        .with(|b| b.borrow().clone())
        .or_else(|| document()?.base_uri().ok()?)?;
    web_sys::Url::new_with_base(relative, &base)
        .ok()
        .map(|u| u.href())
}

/// A path the partnership's page gives (its `ruleset` setting), resolved against that page;
/// `None` unless it is on the page's own origin.
pub fn same_origin_url(path: &str) -> Option<String> {
    let document = document()?;
    let url = web_sys::Url::new_with_base(path, &document.base_uri().ok()??).ok()?;
    let own = web_sys::window()?.location().origin().ok()?;
    (url.origin() == own).then(|| url.href())
}

/// The site's settings that shape the page before anything renders: theme, high visibility
/// at the start, and where "Exit this page" goes.
pub fn apply_site_settings(settings: &Settings) {
    WIDGET.with(|w| {
        let Some(w) = w.borrow().clone() else { return };
        let style = w.style();
        if let Some(c) = &settings.brand_colour {
            let _ = style.set_property("--tw-brand", c);
            let _ = style.set_property("--tw-non-urgent", c);
        }
        if let Some(f) = &settings.font {
            let _ = style.set_property("--tw-font", f);
        }
    });
    SITE_EXIT.with(|e| *e.borrow_mut() = settings.exit_page.clone());
    show_exit(&exit_destination(&settings.exit_page, None));
}

/// In a frame, tells the parent page the height of the content whenever it changes, so the
/// `<iframe>` can be sized without a scrollbar: a bare number, sent only to `origin`.
pub fn report_height_to(origin: String) {
    use wasm_bindgen::closure::Closure;
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(parent) = window.parent().ok().flatten() else {
        return;
    };
    if parent == window {
        return;
    }
    let Some(body) = document().and_then(|d| d.body()) else {
        return;
    };
    let measured = body.clone();
    let last = std::cell::Cell::new(-1.0);
    let on_resize = Closure::<dyn FnMut()>::new(move || {
        let height = measured.get_bounding_client_rect().height().ceil();
        if height != last.get() {
            last.set(height);
            let _ = parent.post_message(&JsValue::from_f64(height), &origin);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&body);
        std::mem::forget(observer);
    }
    on_resize.forget();
}

/// The failure a browser test asks for with `?tw-fail=`; only in the test-hooks build.
#[cfg(feature = "test-hooks")]
pub fn test_failure() -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("tw-fail")
}

/// Puts the chosen area in the address (keeping the site's other settings), so the link can
/// be shared; never in script mode, where the address is the partnership's page.
pub fn set_area_in_url(area: &str) {
    if SHADOW.with(|s| s.borrow().is_some()) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    let location = window.location();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default())
    else {
        return;
    };
    params.set("area", area);
    let path = location.pathname().unwrap_or_default();
    let query: String = params.to_string().into();
    let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}?{query}")));
}

/// The bytes of one of the widget's own files, by a path relative to its folder.
pub async fn fetch_bytes(path: &str) -> Result<Vec<u8>, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let url = widget_url(path).ok_or("not an address")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
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
pub fn this_month() -> threshold_widget::engine::YearMonth {
    let now = js_sys::Date::new_0();
    threshold_widget::engine::YearMonth {
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

/// "Exit this page" for the area now shown: the engine's one answer from the site's setting
/// and the area's `exit_page` ([`exit_destination`]).
pub fn apply_exit_page(area: Option<&threshold_widget::engine::ExitPage>) {
    let site = SITE_EXIT.with(|e| e.borrow().clone());
    show_exit(&exit_destination(&site, area));
}

/// Applies an exit destination: `data-exit-page-area="off"` on the widget's element when it
/// is off (what the stylesheet and web/exit-this-page.js read; `data-exit-page` is left to the
/// site's own HTML), and the links' `href`, back to the page's own (kept in `data-default-href`
/// the first time) for the default.
fn show_exit(destination: &ExitDestination) {
    let off = *destination == ExitDestination::Off;
    set_widget_attribute("data-exit-page-area", off.then_some("off"));
    for link in query_all("[data-exit-this-page]") {
        let default = match link.get_attribute("data-default-href") {
            Some(d) => d,
            None => {
                let d = link.get_attribute("href").unwrap_or_default();
                let _ = link.set_attribute("data-default-href", &d);
                d
            }
        };
        let href = match destination {
            ExitDestination::To(url) => url.as_str(),
            ExitDestination::Off | ExitDestination::PageDefault => &default,
        };
        let _ = link.set_attribute("href", href);
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

/// Opens the browser's print dialogue (the print stylesheet shows only the summary).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Puts `text` on the clipboard; false if the browser refuses.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Runs `f` once the page has painted the frame after this task (a task queued from the next
/// animation frame), or after 250 ms if no frame comes (a tab opened in the background).
/// What the first screen does not need waits for it, so its first paint (the masthead, the
/// 999 line, the danger question) is not behind the parts' requests (README, "Performance").
pub fn after_paint(f: impl FnOnce() + 'static) {
    use leptos::prelude::{request_animation_frame, set_timeout};
    use std::{cell::Cell, rc::Rc, time::Duration};
    let once = Rc::new(Cell::new(Some(f)));
    fn run(once: Rc<Cell<Option<impl FnOnce()>>>) {
        if let Some(f) = once.take() {
            f();
        }
    }
    let from_frame = once.clone();
    request_animation_frame(move || set_timeout(move || run(from_frame), Duration::ZERO));
    set_timeout(move || run(once), Duration::from_millis(250));
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The Prioritized Task Scheduling API's `scheduler.postTask`; an error where the browser
    /// has no `scheduler` (Safari).
    #[wasm_bindgen(js_namespace = scheduler, js_name = postTask, catch)]
    fn post_task(callback: &JsValue, options: &JsValue) -> Result<JsValue, JsValue>;
}

/// Runs `f` in a task of its own at background priority, where the browser can (Chromium,
/// Firefox: `scheduler.postTask`), so that a keystroke or a tick waiting behind it is handled
/// first; elsewhere (Safari) in a task queued by `setTimeout(f, 0)`. For work the page can do
/// late, such as showing the rest of the rows a cleared search brings back (README,
/// "Performance").
pub fn background_task(f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"priority".into(), &"background".into());
    if post_task(&callback, &options).is_err() {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(callback.unchecked_ref());
        }
    }
}

/// Lays out the page now, once the reactive updates already queued have written the DOM (a
/// future spawned after them runs after them): work done in a background task then pays for
/// its own style and layout there, instead of leaving it to whatever comes next, such as the
/// practitioner's next keystroke.
pub fn lay_out_after_updates() {
    wasm_bindgen_futures::spawn_local(async {
        if let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            let _ = body.get_bounding_client_rect();
        }
    });
}
