use super::area_picker::{AreaPicker, Choice};
use super::areas::{AreaState, RulesetSource};
use super::browser;
use super::examples::{self, ReadingCache};
use super::failure::CannotHelp;
use super::indicator_list::IndicatorList;
use super::outcome_panel::OutcomePanel;
use super::provenance::Provenance;
use super::questions::{ContextQuestions, SafetyQuestion};
use super::summary::SummaryPanel;
use leptos::prelude::*;
use std::sync::Arc;
use threshold_widget::catalogue;
use threshold_widget::engine::settings::{FirstShown, Settings};
use threshold_widget::engine::{evaluate, Answers, AreaId, Outcome, Ruleset};

/// The whole widget for one area at a time.
///
/// `settings` are the site's (see engine::settings), `problems` the settings it could not
/// apply, `loader` where the ruleset loader is (for the site's own ruleset), `search` where the
/// search module is.
#[component]
pub fn App(
    settings: Settings,
    problems: Vec<String>,
    loader: Option<String>,
    search: Option<String>,
) -> impl IntoView {
    #[cfg(feature = "test-hooks")]
    if browser::test_failure().as_deref() == Some("panic") {
        panic!("test-hooks: a panic on purpose");
    }
    let first = match settings.first_shown() {
        FirstShown::SiteRuleset => Choice::Site,
        FirstShown::Area(id) => {
            Choice::Bundled(catalogue::choose(id.as_ref().map(AreaId::as_str)).id)
        }
    };
    let picker = settings.shows_picker();
    let site_path = settings.ruleset.clone();
    let choice = RwSignal::new(first);
    let answers = RwSignal::new(Answers::default());
    let query = RwSignal::new(String::new());
    let high_visibility = RwSignal::new(settings.high_visibility);
    let reading: ReadingCache = RwSignal::new(None);
    Effect::new(move |_| {
        browser::set_widget_attribute("data-contrast", high_visibility.get().then_some("high"));
    });

    // The default area is inside the wasm and shows at once; another area, or the site's own
    // ruleset, loads when chosen. A failure is reported, never shown as an empty page.
    let source = RulesetSource::new(choice, site_path.clone(), loader);

    // Leaving the page, coming back to it from the back/forward cache, or "Exit this page"
    // clears every answer.
    browser::on_leaving(move || {
        answers.set(Answers::default());
        query.set(String::new());
    });

    let choose = move |c: Choice| {
        choice.set(c);
        answers.set(Answers::default());
        query.set(String::new());
        if let Choice::Bundled(id) = c {
            browser::set_area_in_url(id);
        }
    };
    // The site's own ruleset in the picker: by its partnership's name once loaded.
    let site_name = site_path.as_ref().map(|_| source.site_name());
    let settings_problems = (!problems.is_empty()).then(|| {
        view! {
            <div class="notice" role="note" data-testid="settings-problems">
                <p><strong>"Some settings of this page were not applied"</strong></p>
                <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            </div>
        }
    });

    view! {
        <div class="masthead">
            <h1>"Levels of need: what to do next"</h1>
            <div class="masthead-controls">
                {picker.then(|| view! { <AreaPicker choice=choice site=site_name on_choose=choose /> })}
                <button
                    type="button"
                    class="secondary contrast-toggle"
                    aria-pressed=move || if high_visibility.get() { "true" } else { "false" }
                    on:click=move |_| high_visibility.update(|on| *on = !*on)
                >
                    "High visibility"
                </button>
            </div>
        </div>
        {settings_problems}
        {move || match source.state() {
            AreaState::Loading => view! {
                <p class="loading" role="status">
                    {move || match choice.get() {
                        Choice::Site => "Loading this site\u{2019}s ruleset\u{2026}".to_owned(),
                        Choice::Bundled(id) => format!("Loading the {} guidance\u{2026}", catalogue::find(id).map_or("", |a| a.partnership)),
                    }}
                </p>
            }.into_any(),
            AreaState::Failed(failure) => view! {
                <CannotHelp failure=failure picker=picker try_again=move || source.refetch() />
            }.into_any(),
            AreaState::Ready(rs) => {
                browser::apply_exit_page(rs.exit_page.as_ref());
                let outcome = Memo::new({
                    let rs = rs.clone();
                    move |_| answers.with(|a| evaluate(&rs, a))
                });
                // The first screen (999, the questions) mounts first; the indicators, the
                // result with the summary, and the worked examples are parts of the wasm of
                // their own, asked for once the first screen is painted (`fetch_parts`) and
                // each mounted in a later task once its file has arrived, so the first load
                // and the start-up task are shorter (README, "Performance").
                let later = RwSignal::new(false);
                browser::after_paint(move || { later.try_set(true); });
                // How many of the result and the examples have mounted: the indicators say
                // "all rows drawn" only once both have, so a test or script that waits for it
                // finds the whole page.
                let mounted = RwSignal::new(0u8);
                // The default area's worked examples, a file of their own (see `below_part`).
                let reading_file = match choice.get_untracked() {
                    Choice::Bundled(id) => {
                        catalogue::find(id).and_then(|a| a.reading_to_fetch())
                    }
                    Choice::Site => None,
                };
                let rest_mounted = Signal::derive(move || {
                    mounted.get() >= 2 && (reading_file.is_none() || reading.with(Option::is_some))
                });
                let result = {
                    let rs = rs.clone();
                    move || later.get().then(|| {
                        let part = result_part(rs.clone(), answers, query, outcome);
                        Suspend::new(async move {
                            let view = part.await;
                            mounted.update(|n| *n += 1);
                            view
                        })
                    })
                };
                let below = {
                    let rs = rs.clone();
                    move || later.get().then(|| {
                        if let Some(file) = reading_file {
                            examples::fetch_reading(file, reading);
                        }
                        let part = below_part(rs.clone(), reading_file, reading);
                        Suspend::new(async move {
                            let view = part.await;
                            mounted.update(|n| *n += 1);
                            view
                        })
                    })
                };
                view! {
                    <Provenance ruleset=rs.clone() />
                    <div class="layout" data-area=rs.area.to_string()>
                        <form class="questions" on:submit=|ev| ev.prevent_default()>
                            <SafetyQuestion answers=answers />
                            <ContextQuestions ruleset=rs.clone() answers=answers />
                            {
                                let rs = rs.clone();
                                let search = search.clone();
                                move || later.get().then(|| Suspend::new(indicator_part(rs.clone(), answers, query, search.clone(), rest_mounted)))
                            }
                        </form>
                        <div class="result">{result}</div>
                    </div>
                    {below}
                    // Last, so that in a partnership's page (sticky inside the widget) it stays
                    // in view down to the widget's end, worked examples included.
                    <a class="level-peek" href="#outcome">
                        "Likely level: " <strong>{move || outcome.with(|o| o.level.name.clone())}</strong>
                        <span class="peek-action">"What to do \u{2193}"</span>
                    </a>
                }.into_any()
            }
        }}
    }
}

/// Fetches every part of the page's wasm at once, whether or not this visit needs it yet: a
/// page that opened on a failure, or on the site's own ruleset, and then lost the network
/// still shows the default area, which is inside the wasm (README, "Performance").
pub fn fetch_parts() {
    leptos::task::spawn_local(__preload_indicator_part());
    leptos::task::spawn_local(__preload_result_part());
    leptos::task::spawn_local(__preload_below_part());
}

/// The result: the outcome panel, "Start again" and the summary. A part of the page's wasm
/// of its own (`#[lazy]`, split by scripts/bin/wasm-bindgen), fetched after the first screen,
/// so the first load does not carry it (README, "Performance").
#[leptos::lazy]
fn result_part(
    ruleset: Arc<Ruleset>,
    answers: RwSignal<Answers>,
    query: RwSignal<String>,
    outcome: Memo<Outcome>,
) -> AnyView {
    let start_again = move |_| {
        answers.set(Answers::default());
        query.set(String::new());
        browser::focus("danger-yes");
    };
    view! {
        <OutcomePanel outcome=outcome />
        <button type="button" class="start-again" on:click=start_again>
            "Start again"
        </button>
        <SummaryPanel ruleset=ruleset answers=answers outcome=outcome />
    }
    .into_any()
}

/// The indicators, with their search: a part of its own, asked for once the first screen is painted
/// (the 999 line and the danger question come first; see `result_part`).
#[leptos::lazy]
fn indicator_part(
    ruleset: Arc<Ruleset>,
    answers: RwSignal<Answers>,
    query: RwSignal<String>,
    search: Option<String>,
    rest_mounted: Signal<bool>,
) -> AnyView {
    view! { <IndicatorList ruleset=ruleset answers=answers query=query search=search rest_mounted=rest_mounted /> }
        .into_any()
}

/// The worked examples and prompts, below the layout: a part of its own. The default area's
/// are a file of their own (`reading_file`, fetched into `reading` once the first screen is
/// painted), so the first load does not carry them (README, "Performance").
#[leptos::lazy]
fn below_part(
    ruleset: Arc<Ruleset>,
    reading_file: Option<&'static str>,
    reading: ReadingCache,
) -> AnyView {
    examples::reading(ruleset, reading_file, reading)
}
