use crate::engine::{search, Answers, Indicator, IndicatorId, Ruleset};
use leptos::prelude::*;
use std::collections::{BTreeSet, HashMap};
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
    // Paint the first screen first: the page, with the danger question, mounts with the group
    // headings only; each group's rows are drawn in a task of their own after it, so no
    // start-up task is long on a slow phone (README, "Performance").
    let ticked = ticked_signals(&ruleset, answers);
    let groups = ruleset.indicator_groups();
    let drawn = RwSignal::new(0usize);
    if !groups.is_empty() {
        draw_later(drawn, groups.len());
    }
    let groups = groups
        .into_iter()
        .enumerate()
        .map(|(g, (heading, items))| {
            let group_texts: Vec<String> = items.iter().map(|i| i.text.clone()).collect();
            let group_hidden = move || query.with(|q| !group_texts.iter().any(|t| search::matches(t, q)));
            let items: Vec<(Indicator, Option<String>, RwSignal<bool>)> =
                items.into_iter().map(|ind| (ind.clone(), level_of(ind), ticked[&ind.id])).collect();
            let visible = Memo::new(move |_| drawn.get() > g);
            let rows = move || {
                visible.get().then(|| {
                    items
                        .iter()
                        .map(|(ind, level, ticked)| indicator_row(ind, level.clone(), *ticked, answers, query))
                        .collect_view()
                })
            };
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

/// One signal per indicator, whether it is ticked, kept in step with the answers by one effect
/// that sets only the signals of the indicators whose tick changed: a tick re-renders its own
/// row, not every row (Milton Keynes has 201).
fn ticked_signals(
    ruleset: &Ruleset,
    answers: RwSignal<Answers>,
) -> Arc<HashMap<IndicatorId, RwSignal<bool>>> {
    let first = answers.with_untracked(|a| a.ticked.clone());
    let signals: Arc<HashMap<IndicatorId, RwSignal<bool>>> = Arc::new(
        ruleset
            .indicators
            .iter()
            .map(|i| (i.id.clone(), RwSignal::new(first.contains(&i.id))))
            .collect(),
    );
    let each = signals.clone();
    Effect::new(move |before: Option<BTreeSet<IndicatorId>>| {
        let now = answers.with(|a| a.ticked.clone());
        let before = before.unwrap_or_else(|| first.clone());
        for id in now.symmetric_difference(&before) {
            if let Some(s) = each.get(id) {
                s.set(now.contains(id));
            }
        }
        now
    });
    signals
}

/// Draws one more group of rows in each task until `count` are drawn; stops if the list has
/// gone (another area was chosen).
fn draw_later(drawn: RwSignal<usize>, count: usize) {
    set_timeout(
        move || {
            let more = drawn.try_update(|n| {
                *n += 1;
                *n < count
            });
            if more == Some(true) {
                draw_later(drawn, count);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// One tickable indicator; hidden (but still ticked) when the search does not match it.
fn indicator_row(
    ind: &Indicator,
    level: Option<String>,
    ticked: RwSignal<bool>,
    answers: RwSignal<Answers>,
    query: RwSignal<String>,
) -> impl IntoView {
    let id = ind.id.clone();
    let dom_id = format!("ind-{id}");
    let hidden = {
        let text = ind.text.clone();
        move || query.with(|q| !search::matches(&text, q))
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
                prop:checked=ticked
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
