use crate::catalogue::AREAS;
use leptos::prelude::*;

/// The partnership whose document to use; its choice is also `?area=` in the address.
#[component]
pub fn AreaPicker(
    area: RwSignal<&'static str>,
    on_choose: impl Fn(&'static str) + Send + Sync + 'static,
) -> impl IntoView {
    let options = AREAS
        .iter()
        .map(|a| view! { <option value=a.id selected=move || area.get() == a.id>{a.partnership}</option> })
        .collect_view();
    view! {
        <div class="area-picker">
            <label for="area">"Area"</label>
            <select
                id="area"
                prop:value=move || area.get()
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    if let Some(a) = AREAS.iter().find(|a| a.id == chosen) {
                        on_choose(a.id);
                    }
                }
            >
                {options}
            </select>
        </div>
    }
}
