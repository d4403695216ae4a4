use super::modules;
use super::route_card::{call_link, linked};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use threshold_widget::engine::search::{self, Listing, Marked};
use threshold_widget::engine::{Answers, Indicator, IndicatorId, Ruleset};

/// The indicators, grouped, with a search field and an exclusive "None of these".
/// The engine's search decides what shows and why; this only renders it. The search engine
/// is a module of its own (`search`, its JS glue), fetched after the first screen; until it
/// answers, the box matches the document's words literally.
#[component]
pub fn IndicatorList(
    ruleset: Arc<Ruleset>,
    answers: RwSignal<Answers>,
    query: RwSignal<String>,
    search: Option<String>,
    // Whether the rest of the page (the result, the examples) has mounted: "all" waits for it.
    rest_mounted: Signal<bool>,
) -> impl IntoView {
    let total = ruleset.indicators.len();
    let searcher = RwSignal::new_local(None::<wasm_bindgen::JsValue>);
    let results: Memo<Listing> = {
        let ruleset = ruleset.clone();
        Memo::new(move |_| {
            query.with(|q| {
                searcher
                    .with(|s| s.as_ref().and_then(|s| modules::search(s, q)))
                    .unwrap_or_else(|| search::literal_results(&ruleset, q))
            })
        })
    };
    // The module is fetched with the page's other files, once the rows are drawn (so no
    // request ever follows from what the practitioner does); its index is built when the
    // search box is first used, so that work is not in the start-up either.
    // `None` while it is on its way; `Some(None)` if it could not be had.
    let module = RwSignal::new_local(None::<Option<wasm_bindgen::JsValue>>);
    let wanted = RwSignal::new(false);
    Effect::new({
        let ruleset = ruleset.clone();
        move |_| {
            if wanted.get() && searcher.with_untracked(Option::is_none) {
                module.with(|m| {
                    if let Some(s) = m
                        .iter()
                        .flatten()
                        .find_map(|m| modules::new_searcher(m, &ruleset))
                    {
                        searcher.set(Some(s));
                    }
                })
            }
        }
    });
    let open_search = move || {
        if !wanted.get_untracked() {
            wanted.set(true);
        }
    };
    // For tests and scripts: "literal" until the search module has loaded, "loaded" once it
    // has, "full" once its index of this ruleset is built (the box has been used),
    // "unavailable" if it could not be fetched (the box stays literal).
    let engine = move || match (
        searcher.with(Option::is_some),
        module.with(|m| m.as_ref().map(Option::is_some)),
    ) {
        (true, _) => "full",
        (false, Some(true)) => "loaded",
        (false, Some(false)) => "unavailable",
        (false, None) => "literal",
    };
    // Grouped by domain, each row says its level; grouped by level, the heading does.
    let by_domain = ruleset.uses_domains();
    let level_name = |ind: &Indicator| ruleset.level(&ind.level).map(|l| l.name.clone());
    let position = |ind: &Indicator| {
        ruleset
            .indicators
            .iter()
            .position(|i| std::ptr::eq(i, ind))
            .unwrap_or(0)
    };
    let groups = ruleset.indicator_groups();
    // Each row's part of the results (shown, and its marks and note; when nothing matches, the nearest
    // indicators show too), in signals of its own, set only when they change: a keystroke
    // touches the rows whose part changed, not all 201 of Milton Keynes.
    let in_page_order: Vec<usize> = groups
        .iter()
        .flat_map(|(_, items)| items.iter().map(|i| position(i)))
        .collect();
    let (rows, revealing) = row_signals(total, in_page_order, results);

    // Paint the first screen first: the page, with the danger question, mounts with the group
    // headings only; each group's rows are drawn in a task of their own after it, so no
    // start-up task is long on a slow phone (README, "Performance").
    let ticked = ticked_signals(&ruleset, answers);
    let drawn = RwSignal::new(0usize);
    let group_count = groups.len();
    let fetch_module = move || {
        spawn_local(async move {
            let m = modules::import(search.as_deref()).await;
            module.try_set(Some(m));
        })
    };
    if group_count > 0 {
        draw_later(drawn, group_count, fetch_module);
    } else {
        fetch_module();
    }
    // For tests and scripts that read the rows: "all" once every group's rows are drawn,
    // every row the search shows is shown, and the rest of the page has mounted.
    let rows_drawn = move || {
        if drawn.get() >= group_count && !revealing.get() && rest_mounted.get() {
            "all"
        } else {
            "some"
        }
    };
    let groups = groups
        .into_iter()
        .enumerate()
        .map(|(g, (heading, items))| {
            let members: Vec<RowPart> = items.iter().map(|i| rows[position(i)]).collect();
            let group_hidden = move || !members.iter().any(|row| row.shown.get());
            type Row = (Indicator, Option<String>, Vec<(String, String)>, RwSignal<bool>, RowPart);
            let items: Vec<Row> = items
                .into_iter()
                .map(|ind| {
                    let i = position(ind);
                    // Resolved when the ruleset was packed (explicit, or from the thesaurus).
                    let related: Vec<(String, String)> = ind
                        .related
                        .iter()
                        .filter_map(|id| ruleset.indicator(id))
                        .map(|other| (level_name(other).unwrap_or_default(), other.text.clone()))
                        .collect();
                    let level = by_domain.then(|| level_name(ind)).flatten();
                    (ind.clone(), level, related, ticked[&ind.id], rows[i])
                })
                .collect();
            let shown = Memo::new(move |_| drawn.get() > g);
            let rows = move || {
                shown.get().then(|| {
                    items
                        .iter()
                        .map(|(ind, level, related, ticked, part)| {
                            indicator_row(ind, level.clone(), related.clone(), *ticked, *part, answers)
                        })
                        .collect_view()
                })
            };
            // The rows are in a box of their own, not the fieldset's own children: Chromium
            // lays out every child of a fieldset again when one of them is hidden or shown (a
            // trace: 445 objects for one row of a group of 35, against 11 in a box), and a
            // keystroke hides most rows (README, "Performance").
            view! {
                <fieldset class="indicator-group" hidden=group_hidden aria-labelledby=format!("group-{g}")>
                    <legend id=format!("group-{g}")>{heading}</legend>
                    <div class="indicator-rows">{rows}</div>
                </fieldset>
            }
        })
        .collect_view();

    let no_match = no_match_help(&ruleset, by_domain, query, results);

    view! {
        <section class="indicators" data-rows=rows_drawn aria-labelledby="indicators-heading">
            <h2 id="indicators-heading">"What have you seen or heard?"</h2>
            <p class="hint">
                "Tick every indicator that matches. The document's own words are used"
                {ruleset.indicators.iter().any(|i| i.reconstructed).then_some(
                    "; where the document's text was damaged, the wording was rebuilt from what remains and is marked \u{201c}rebuilt\u{201d}"
                )}
                "."
            </p>
            <div class="search" data-search=engine>
                <label for="indicator-search">"Search indicators"</label>
                <p class="hint" id="indicator-search-hint">"Your own words work too, for example \u{201c}DV\u{201d} or \u{201c}truanting\u{201d}."</p>
                <input
                    type="search"
                    id="indicator-search"
                    autocomplete="off"
                    aria-describedby="indicator-search-hint"
                    prop:value=move || query.get()
                    on:focus=move |_| open_search()
                    on:input=move |ev| {
                        open_search();
                        query.set(event_target_value(&ev))
                    }
                />
                <p class="search-count" aria-live="polite">
                    {move || {
                        let n = results.with(Listing::count);
                        // A first letter filters nothing yet (the engine's choice): all show.
                        if n == total || query.with(|q| q.trim().is_empty()) {
                            format!("{total} indicators")
                        } else if n == 0 {
                            "No indicators match your search.".to_owned()
                        } else {
                            format!("{n} of {total} indicators match")
                        }
                    }}
                </p>
            </div>
            {no_match}
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

/// When a search finds nothing: say so, say the nearest are shown, offer every indicator,
/// and the area's own route for someone who is not sure.
fn no_match_help(
    ruleset: &Ruleset,
    by_domain: bool,
    query: RwSignal<String>,
    results: Memo<Listing>,
) -> impl IntoView {
    let route = search::consultation_route(ruleset).map(|r| {
        let call = r
            .phone
            .clone()
            .map(|phone| view! { " " {call_link(phone)} });
        let action = linked(&r.action);
        view! {
            <p class="consult" data-testid="consultation-route">
                <strong>"Not sure? " {r.name.clone()} ": "</strong>
                {action}
                {call}
            </p>
        }
    });
    let hidden = move || query.with(|q| q.trim().is_empty()) || results.with(|r| r.count() > 0);
    let nearest = move || {
        if results.with(|r| r.nearest.is_empty()) {
            "No indicator uses those words. The list is not exhaustive: your concern may still matter."
        } else {
            "No indicator has all of those words. The nearest indicators (matching some of them) are shown below."
        }
    };
    let all = if by_domain {
        "Show all indicators by domain"
    } else {
        "Show all indicators by level"
    };
    view! {
        <div class="no-match" hidden=hidden data-testid="no-match">
            <p>{nearest}</p>
            <p>
                <button type="button" class="link-button" on:click=move |_| query.set(String::new())>
                    {all}
                </button>
            </p>
            {route}
        </div>
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

/// What one row shows, each part in a signal of its own: whether it is shown, and its
/// marks and note (none when hidden or when the query is empty). Showing or hiding a row
/// then touches its `hidden` attribute only, not its text.
#[derive(Clone, Copy)]
struct RowPart {
    shown: RwSignal<bool>,
    marked: RwSignal<Marked>,
}

/// Rows shown in one task when a search shows many at once (clearing it shows all 201 of
/// Milton Keynes): the first screenful at once, the rest in the tasks after, top first, so
/// no keystroke waits for the style and layout of every row (README, "Performance").
const REVEAL_PER_TASK: usize = 12;

/// One [`RowPart`] per row, kept in step with the results by one effect that sets only the
/// parts that changed: a keystroke touches the rows whose part changed, not all 201 of
/// Milton Keynes. Rows to hide are hidden at once; rows to show are shown in page order
/// (`order`), [`REVEAL_PER_TASK`] per task. The signal is true while some are still to show.
fn row_signals(
    count: usize,
    order: Vec<usize>,
    results: Memo<Listing>,
) -> (Arc<Vec<RowPart>>, RwSignal<bool>) {
    let part = |r: &Listing, i: usize| -> (bool, Marked) {
        let shown = r.is_shown(i) || r.nearest.contains(&i);
        let marked = match r.rows.get(i) {
            Some(Some(marked)) if shown => marked.clone(),
            _ => Marked::default(),
        };
        (shown, marked)
    };
    let signals: Arc<Vec<RowPart>> = Arc::new(results.with_untracked(|r| {
        (0..count)
            .map(|i| {
                let (shown, marked) = part(r, i);
                RowPart {
                    shown: RwSignal::new(shown),
                    marked: RwSignal::new(marked),
                }
            })
            .collect()
    }));
    let revealing = RwSignal::new(false);
    // Bumped by every new result, so an unfinished reveal of older results stops.
    let generation = StoredValue::new(0u32);
    let each = signals.clone();
    Effect::new(move |_| {
        let to_show: Vec<RowPart> = results.with(|r| {
            order
                .iter()
                .filter_map(|&i| {
                    let row = each[i];
                    let (shown, marked) = part(r, i);
                    if row.marked.with_untracked(|before| *before != marked) {
                        row.marked.set(marked);
                    }
                    match (row.shown.get_untracked(), shown) {
                        (true, false) => {
                            row.shown.set(false);
                            None
                        }
                        (false, true) => Some(row),
                        _ => None,
                    }
                })
                .collect()
        });
        generation.update_value(|g| *g += 1);
        reveal(
            to_show,
            false,
            generation.get_value(),
            generation,
            revealing,
        );
    });
    (signals, revealing)
}

/// Shows the first [`REVEAL_PER_TASK`] of `rows` now and the rest in later tasks (at background
/// priority, each laying out its own rows: `later`), unless newer results have come
/// (`generation` moved on).
fn reveal(
    mut rows: Vec<RowPart>,
    later: bool,
    mine: u32,
    generation: StoredValue<u32>,
    revealing: RwSignal<bool>,
) {
    if generation.try_get_value() != Some(mine) {
        return;
    }
    let rest = rows.split_off(rows.len().min(REVEAL_PER_TASK));
    for row in rows {
        row.shown.try_set(true);
    }
    // A task of rows shown after the first lays them out itself, so their layout is not left to
    // the next keystroke.
    if later {
        super::browser::lay_out_after_updates();
    }
    let more = !rest.is_empty();
    if revealing.try_get_untracked() != Some(more) {
        revealing.try_set(more);
    }
    if more {
        // At background priority: a keystroke typed meanwhile is handled before the rest of
        // the rows, and makes them stale.
        super::browser::background_task(move || reveal(rest, true, mine, generation, revealing));
    }
}

/// Draws one more group of rows in each task until `count` are drawn, then calls `done`;
/// stops if the list has gone (another area was chosen).
fn draw_later(drawn: RwSignal<usize>, count: usize, done: impl FnOnce() + 'static) {
    set_timeout(
        move || match drawn.try_update(|n| {
            *n += 1;
            *n < count
        }) {
            Some(true) => draw_later(drawn, count, done),
            Some(false) => done(),
            None => {}
        },
        std::time::Duration::ZERO,
    );
}

/// One tickable indicator; hidden (but still ticked) when the search does not show it.
fn indicator_row(
    ind: &Indicator,
    level: Option<String>,
    related: Vec<(String, String)>,
    ticked: RwSignal<bool>,
    mine: RowPart,
    answers: RwSignal<Answers>,
) -> impl IntoView {
    let id = ind.id.clone();
    let dom_id = format!("ind-{id}");
    let hidden = move || !mine.shown.get();
    let text = ind.text.clone();
    let label = move || {
        mine.marked.with(|m| match &m.marks {
            marks if !marks.is_empty() => search::pieces(&text, marks)
                .into_iter()
                .map(|(piece, on)| {
                    if on {
                        view! { <mark>{piece.to_owned()}</mark> }.into_any()
                    } else {
                        piece.to_owned().into_any()
                    }
                })
                .collect_view()
                .into_any(),
            _ => text.clone().into_any(),
        })
    };
    let note = move || {
        mine.marked
            .with(|m| m.note.clone())
            .map(|n| view! { <span class="match-note">{n}</span> })
    };
    // The checkbox is named by the indicator's text alone; its level and a "rebuilt" mark
    // are its description. Each tag is an element of its own, with no wrapper: every element
    // of a row is multiplied by 201 on Milton Keynes (README, "Performance").
    let level_id = format!("{dom_id}-level");
    let rebuilt_id = format!("{dom_id}-rebuilt");
    let described = [
        level.is_some().then_some(level_id.as_str()),
        ind.reconstructed.then_some(rebuilt_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let level = level.map(|l| view! { " " <span class="tag" id=level_id>{l}</span> });
    let rebuilt = ind
        .reconstructed
        .then(|| view! { " " <span class="tag tag--rebuilt" id=rebuilt_id>"rebuilt"</span> });
    // A disclosure button (WAI-ARIA's disclosure pattern), not `<details>`: one element, where
    // a `<details>` with its `<summary>` lays out as six boxes, on 167 of Milton Keynes' rows.
    // The list is drawn when it is opened, not with the row: most are never opened, and
    // Milton Keynes' lists would otherwise add about 2,000 elements to the page
    // (README, "Performance").
    let related = (!related.is_empty()).then(|| {
        let open = RwSignal::new(false);
        let items = move || {
            open.get().then(|| {
                let items = related
                    .iter()
                    .map(|(level, text)| {
                        view! { <li><span class="tag">{level.clone()}</span> " " {text.clone()}</li> }
                    })
                    .collect_view();
                view! { <ul class="related-list">{items}</ul> }
            })
        };
        view! {
            <button
                type="button"
                class="link-button related"
                data-testid="related"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Same concern at other levels"
            </button>
            {items}
        }
    });
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
                <label for=dom_id>{label}</label>
                {level}
                {rebuilt}
                {note}
                {related}
            </div>
        </div>
    }
}
