use crate::engine::{search, Answers, Indicator, Ruleset};
use leptos::prelude::*;
use std::sync::Arc;

/// The indicators, grouped, with a search field and an exclusive "None of these".
#[component]
pub fn IndicatorList(
    ruleset: Arc<Ruleset>,
    answers: RwSignal<Answers>,
    query: RwSignal<String>,
) -> impl IntoView {
    let total = ruleset.indicators.len();
    let texts: Vec<String> = ruleset.indicators.iter().map(|i| i.text.clone()).collect();
    let matching = move || query.with(|q| texts.iter().filter(|t| search::matches(t, q)).count());

    // Grouped by domain, each row says its level; grouped by level, the heading does.
    let by_domain = ruleset.uses_domains();
    let level_of = |ind: &Indicator| {
        by_domain
            .then(|| ruleset.level(&ind.level).map(|l| l.name.clone()))
            .flatten()
    };
    let groups = ruleset
        .indicator_groups()
        .into_iter()
        .enumerate()
        .map(|(g, (heading, items))| {
            let group_texts: Vec<String> = items.iter().map(|i| i.text.clone()).collect();
            let group_hidden = move || query.with(|q| !group_texts.iter().any(|t| search::matches(t, q)));
            let rows = items.into_iter().map(|ind| indicator_row(ind, level_of(ind), answers, query)).collect_view();
            view! {
                <fieldset class="indicator-group" hidden=group_hidden aria-labelledby=format!("group-{g}")>
                    <legend id=format!("group-{g}")>{heading}</legend>
                    {rows}
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <section class="indicators" aria-labelledby="indicators-heading">
            <h2 id="indicators-heading">"What have you seen or heard?"</h2>
            <p class="hint">
                "Tick every indicator that matches. The document's own words are used"
                {ruleset.indicators.iter().any(|i| i.reconstructed).then_some(
                    "; where the document's text was damaged, the wording was rebuilt from what remains and is marked \u{201c}rebuilt\u{201d}"
                )}
                "."
            </p>
            <div class="search">
                <label for="indicator-search">"Search indicators"</label>
                <input
                    type="search"
                    id="indicator-search"
                    autocomplete="off"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
                <p class="search-count" aria-live="polite">
                    {move || {
                        let n = matching();
                        if query.with(|q| q.trim().is_empty()) {
                            format!("{total} indicators")
                        } else if n == 0 {
                            "No indicators match your search.".to_owned()
                        } else {
                            format!("{n} of {total} indicators match")
                        }
                    }}
                </p>
            </div>
            {groups}
            <div class="indicator none-of-these">
                <input
                    type="checkbox"
                    id="none-of-these"
                    prop:checked=move || answers.with(|a| a.none_of_these)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        answers.update(|a| a.set_none_of_these(on))
                    }
                />
                <label for="none-of-these">"None of these"</label>
            </div>
        </section>
    }
}

/// One tickable indicator; hidden (but still ticked) when the search does not match it.
fn indicator_row(
    ind: &Indicator,
    level: Option<String>,
    answers: RwSignal<Answers>,
    query: RwSignal<String>,
) -> impl IntoView {
    let id = ind.id.clone();
    let dom_id = format!("ind-{id}");
    let hidden = {
        let text = ind.text.clone();
        move || query.with(|q| !search::matches(&text, q))
    };
    let checked = {
        let id = id.clone();
        move || answers.with(|a| a.ticked.contains(&id))
    };
    // The checkbox is named by the indicator's text alone; its level and a "rebuilt" mark
    // are its description.
    let tags_id = format!("{dom_id}-tags");
    let described = (level.is_some() || ind.reconstructed).then(|| tags_id.clone());
    let level = level.map(|l| view! { <span class="tag">{l}</span> });
    let rebuilt = ind
        .reconstructed
        .then(|| view! { <span class="tag tag--rebuilt">"rebuilt"</span> });
    view! {
        <div class="indicator" hidden=hidden>
            <input
                type="checkbox"
                id=dom_id.clone()
                aria-describedby=described
                prop:checked=checked
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    answers.update(|a| a.tick(&id, on))
                }
            />
            <div class="indicator-text">
                <label for=dom_id>{ind.text.clone()}</label>
                " "
                <span id=tags_id>{level} {rebuilt}</span>
            </div>
        </div>
    }
}
