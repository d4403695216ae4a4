use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let app = document().get_element_by_id("app").expect("#app");
    app.set_inner_html("");
    leptos::mount::mount_to(app.clone().unchecked_into(), || {
        let count = RwSignal::new(0);
        view! {
            <button on:click=move |_| count.update(|n| *n += 1)>{move || count.get()}</button>
            {(0..200).map(|i| view! { <label><input type="checkbox" />{format!("Item {i}")}</label> }).collect_view()}
        }
    })
    .forget();
    let _ = app.set_attribute("data-ready", "true");
}
