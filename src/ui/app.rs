use super::area_picker::AreaPicker;
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
    let area = RwSignal::new(catalogue::choose(browser::area_in_url().as_deref()).id);
    let answers = RwSignal::new(Answers::default());
    let query = RwSignal::new(String::new());

    // Unpacked again only when the area changes. A bundle that will not unpack is
    // reported, never shown as an empty page.
    let ruleset = move || -> Result<Arc<Ruleset>, String> {
        let id = area.get();
        catalogue::find(id)
            .ok_or_else(|| format!("The area \u{201c}{id}\u{201d} is not bundled."))?
            .ruleset()
            .map(Arc::new)
            .map_err(|e| format!("The {id} ruleset could not be read ({e})."))
    };

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
        {move || match ruleset() {
            Err(problem) => view! {
                <div class="failure" role="alert">
                    <h2>"This checker cannot be used right now"</h2>
                    <p>{problem}</p>
                    <p>"If a child is in immediate danger, call 999. Otherwise follow your organisation's safeguarding procedures and talk to your designated safeguarding lead."</p>
                </div>
            }.into_any(),
            Ok(rs) => {
                let outcome = Memo::new({
                    let rs = rs.clone();
                    move |_| answers.with(|a| evaluate(&rs, a))
                });
                view! {
                    <Provenance ruleset=rs.clone() />
                    <div class="layout">
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

/// Which document this area's answers come from.
#[component]
fn Provenance(ruleset: Arc<Ruleset>) -> impl IntoView {
    let p = &ruleset.provenance;
    let review = p
        .review_date
        .clone()
        .map(|d| view! { <span>", review date " {d}</span> });
    let notes = p
        .notes
        .iter()
        .map(|n| view! { <p class="notice">{n.clone()}</p> })
        .collect_view();
    view! {
        <section class="provenance" aria-label="Source document">
            <p>
                "Based on " <cite>{p.title.clone()}</cite> " (" {p.partnership.clone()} " safeguarding partnership, "
                {p.date.clone()} {review} ")."
                <span class="source-file">" Transcribed from " {p.source_file.clone()} "."</span>
            </p>
            {notes}
        </section>
    }
}
