use super::area_picker::AreaPicker;
use super::areas::{self, AreaState};
use super::browser;
use super::examples::{Prompts, WorkedExamples};
use super::indicator_list::IndicatorList;
use super::outcome_panel::OutcomePanel;
use super::questions::{ContextQuestions, SafetyQuestion};
use crate::catalogue;
use crate::engine::{evaluate, Answers, Ruleset};
use leptos::prelude::*;
use std::sync::Arc;

/// The whole widget for one area at a time.
#[component]
pub fn App() -> impl IntoView {
    #[cfg(feature = "test-hooks")]
    if browser::test_failure().as_deref() == Some("panic") {
        panic!("test-hooks: a panic on purpose");
    }
    let area = RwSignal::new(catalogue::choose(browser::area_in_url().as_deref()).id);
    let answers = RwSignal::new(Answers::default());
    let query = RwSignal::new(String::new());

    // Bumped when a fetched area arrives, and by "Try again".
    let arrivals = RwSignal::new(0u32);
    // The default area is inside the wasm and shows at once; another area is fetched from
    // the site when chosen. A failure is reported, never shown as an empty page.
    let state = move || -> AreaState {
        arrivals.track();
        let id = area.get();
        match catalogue::find(id) {
            Some(bundled) => areas::state(bundled, move || arrivals.update(|n| *n += 1)),
            None => AreaState::Failed(format!("The area \u{201c}{id}\u{201d} is not bundled.")),
        }
    };
    let try_again = move || {
        if let Some(bundled) = catalogue::find(area.get_untracked()) {
            areas::forget_failure(bundled);
        }
        arrivals.update(|n| *n += 1);
    };

    // Leaving the page, coming back to it from the back/forward cache, or "Exit this page"
    // clears every answer.
    browser::on_leaving(move || {
        answers.set(Answers::default());
        query.set(String::new());
    });

    let start_again = move || {
        answers.set(Answers::default());
        query.set(String::new());
        browser::focus("danger-yes");
    };
    let choose_area = move |id: &'static str| {
        area.set(id);
        answers.set(Answers::default());
        query.set(String::new());
        browser::set_area_in_url(id);
    };

    view! {
        <header class="masthead">
            <h1>"Levels of need: what to do next"</h1>
            <AreaPicker area=area on_choose=choose_area />
        </header>
        {move || match state() {
            AreaState::Loading => view! {
                <p class="loading" role="status">
                    "Loading the " {move || catalogue::find(area.get()).map_or("", |a| a.partnership)} " guidance\u{2026}"
                </p>
            }.into_any(),
            AreaState::Failed(problem) => view! {
                <div class="failure" role="alert">
                    <h2>"This checker cannot be used right now"</h2>
                    <p>{problem}</p>
                    <p>"If a child is in immediate danger, call 999. Otherwise follow your organisation's safeguarding procedures and talk to your designated safeguarding lead."</p>
                    <button type="button" on:click=move |_| try_again()>"Try again"</button>
                </div>
            }.into_any(),
            AreaState::Ready(rs) => {
                browser::apply_exit_page(rs.exit_page.as_ref());
                let outcome = Memo::new({
                    let rs = rs.clone();
                    move |_| answers.with(|a| evaluate(&rs, a))
                });
                view! {
                    <Provenance ruleset=rs.clone() />
                    <div class="layout" data-area=rs.area.to_string()>
                        <form class="questions" on:submit=|ev| ev.prevent_default()>
                            <SafetyQuestion answers=answers />
                            <ContextQuestions ruleset=rs.clone() answers=answers />
                            <IndicatorList ruleset=rs.clone() answers=answers query=query />
                        </form>
                        <div class="result">
                            <OutcomePanel outcome=outcome />
                            <button type="button" class="start-again" on:click=move |_| start_again()>
                                "Start again"
                            </button>
                        </div>
                    </div>
                    <a class="level-peek" href="#outcome">
                        "Likely level: " <strong>{move || outcome.with(|o| o.level.name.clone())}</strong>
                        <span class="peek-action">"What to do \u{2193}"</span>
                    </a>
                    <WorkedExamples ruleset=rs.clone() />
                    <Prompts ruleset=rs />
                }.into_any()
            }
        }}
    }
}

/// Which document this area's answers come from, and whether it may be out of date.
#[component]
fn Provenance(ruleset: Arc<Ruleset>) -> impl IntoView {
    let p = &ruleset.provenance;
    let review = p
        .review_date
        .clone()
        .map(|d| view! { <span>", review date " {d}</span> });
    let notices = p.staleness(browser::this_month());
    let stale = (!notices.is_empty()).then(|| {
        let items = notices
            .into_iter()
            .map(|n| view! { <p>{n}</p> })
            .collect_view();
        view! {
            <div class="notice notice--stale" data-testid="stale-notice">
                <p><strong>"Check before you rely on this"</strong></p>
                {items}
            </div>
        }
    });
    // How the document was transcribed: for readers who want it, folded away.
    let notes = (!p.notes.is_empty()).then(|| {
        let items = p
            .notes
            .iter()
            .map(|n| view! { <li>{n.clone()}</li> })
            .collect_view();
        view! {
            <details class="transcription-notes">
                <summary>"About this transcription"</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    view! {
        <section class="provenance" aria-label="Source document">
            {stale}
            <p>
                "Based on " <cite>{p.title.clone()}</cite> " (" {p.partnership.clone()} ", "
                {p.date.clone()} {review} ")."
                <span class="source-file">" Transcribed from " {p.source_file.clone()} "."</span>
            </p>
            {notes}
        </section>
    }
}
