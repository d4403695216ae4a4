use super::area_picker::{AreaPicker, Choice};
use super::areas::{self, AreaState};
use super::browser;
use super::examples::{Prompts, WorkedExamples};
use super::indicator_list::IndicatorList;
use super::outcome_panel::OutcomePanel;
use super::questions::{ContextQuestions, SafetyQuestion};
use super::site_ruleset;
use super::summary::SummaryPanel;
use crate::catalogue;
use crate::engine::settings::{FirstShown, Settings};
use crate::engine::{evaluate, Answers, Ruleset};
use leptos::prelude::*;
use std::sync::Arc;

/// The whole widget for one area at a time.
///
/// `settings` are the site's (see engine::settings), `problems` the settings it could not
/// apply, `loader` where the ruleset loader is (for the site's own ruleset).
#[component]
pub fn App(settings: Settings, problems: Vec<String>, loader: Option<String>) -> impl IntoView {
    #[cfg(feature = "test-hooks")]
    if browser::test_failure().as_deref() == Some("panic") {
        panic!("test-hooks: a panic on purpose");
    }
    let first = match settings.first_shown() {
        FirstShown::SiteRuleset => Choice::Site,
        FirstShown::Area(id) => Choice::Bundled(catalogue::choose(id.as_deref()).id),
    };
    let picker = settings.shows_picker();
    let site_path = settings.ruleset.clone();
    let choice = RwSignal::new(first);
    let answers = RwSignal::new(Answers::default());
    let query = RwSignal::new(String::new());
    let high_visibility = RwSignal::new(settings.high_visibility);
    Effect::new(move |_| {
        browser::set_widget_attribute("data-contrast", high_visibility.get().then_some("high"));
    });

    // Bumped when a fetched area arrives, and by "Try again".
    let arrivals = RwSignal::new(0u32);
    // The default area is inside the wasm and shows at once; another area is fetched from
    // the site when chosen. A failure is reported, never shown as an empty page.
    let state = {
        let site_path = site_path.clone();
        move || -> AreaState {
            arrivals.track();
            let arrived = move || arrivals.update(|n| *n += 1);
            match (choice.get(), &site_path) {
                (Choice::Site, Some(path)) => site_ruleset::state(path, loader.as_deref(), arrived),
                (Choice::Site, None) => {
                    AreaState::Failed("This site has no ruleset of its own.".into())
                }
                (Choice::Bundled(id), _) => match catalogue::find(id) {
                    Some(bundled) => areas::state(bundled, arrived),
                    None => {
                        AreaState::Failed(format!("The area \u{201c}{id}\u{201d} is not bundled."))
                    }
                },
            }
        }
    };
    let try_again = move || {
        match choice.get_untracked() {
            Choice::Site => site_ruleset::forget_failure(),
            Choice::Bundled(id) => {
                if let Some(bundled) = catalogue::find(id) {
                    areas::forget_failure(bundled);
                }
            }
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
    let choose = move |c: Choice| {
        choice.set(c);
        answers.set(Answers::default());
        query.set(String::new());
        if let Choice::Bundled(id) = c {
            browser::set_area_in_url(id);
        }
    };
    // The site's own ruleset in the picker: by its partnership's name once loaded.
    let site_name = site_path.as_ref().map(|_| {
        Signal::derive(move || {
            arrivals.track();
            site_ruleset::partnership().map_or_else(
                || "This site's ruleset".to_owned(),
                |p| format!("{p} (this site's ruleset)"),
            )
        })
    });
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
        {move || match state() {
            AreaState::Loading => view! {
                <p class="loading" role="status">
                    {move || match choice.get() {
                        Choice::Site => "Loading this site\u{2019}s ruleset\u{2026}".to_owned(),
                        Choice::Bundled(id) => format!("Loading the {} guidance\u{2026}", catalogue::find(id).map_or("", |a| a.partnership)),
                    }}
                </p>
            }.into_any(),
            AreaState::Failed(problem) => view! {
                <div class="failure" role="alert">
                    <h2>"This checker cannot be used right now"</h2>
                    <p>{problem}</p>
                    <p>{crate::engine::wording::CANNOT_HELP_FALLBACK}</p>
                    <button type="button" on:click=move |_| try_again()>"Try again"</button>
                </div>
            }.into_any(),
            AreaState::Invalid { file, problems } => view! {
                <div class="failure" role="alert" data-testid="site-ruleset-problems">
                    <h2>"This site\u{2019}s ruleset has problems"</h2>
                    <p>"The partnership\u{2019}s own ruleset, " <code>{file}</code> ", cannot be used until these are fixed:"</p>
                    <ul class="problems">{problems.into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}</ul>
                    {picker.then(|| view! { <p>"The bundled areas still work: choose one under \u{201c}Area\u{201d} above."</p> })}
                    <p>{crate::engine::wording::CANNOT_HELP_FALLBACK}</p>
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
                            <SummaryPanel ruleset=rs.clone() answers=answers outcome=outcome />
                        </div>
                    </div>
                    <WorkedExamples ruleset=rs.clone() />
                    <Prompts ruleset=rs />
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
