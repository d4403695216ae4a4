use leptos::prelude::*;
use threshold_widget::catalogue::AREAS;

/// Which ruleset the page shows: a bundled area, or the site's own ruleset.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Choice {
    Bundled(&'static str),
    Site,
}

const SITE_VALUE: &str = "this-site";

/// The partnership whose document to use; a bundled area's choice is also `?area=` in the
/// address. `site` names the site's own ruleset when the page has one.
#[component]
pub fn AreaPicker(
    choice: RwSignal<Choice>,
    site: Option<Signal<String>>,
    on_choose: impl Fn(Choice) + Send + Sync + 'static,
) -> impl IntoView {
    let site_option = site.map(|name| {
        view! { <option value=SITE_VALUE selected=move || choice.get() == Choice::Site>{move || name.get()}</option> }
    });
    let options = AREAS
        .iter()
        .map(|a| view! { <option value=a.id selected=move || choice.get() == Choice::Bundled(a.id)>{a.partnership}</option> })
        .collect_view();
    view! {
        <div class="area-picker">
            <label for="area">"Area"</label>
            <select
                id="area"
                prop:value=move || match choice.get() {
                    Choice::Bundled(id) => id,
                    Choice::Site => SITE_VALUE,
                }
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    if chosen == SITE_VALUE {
                        on_choose(Choice::Site);
                    } else if let Some(a) = AREAS.iter().find(|a| a.id == chosen) {
                        on_choose(Choice::Bundled(a.id));
                    }
                }
            >
                {site_option}
                {options}
            </select>
        </div>
    }
}
