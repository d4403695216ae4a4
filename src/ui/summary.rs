use super::browser;
use leptos::prelude::*;
use std::sync::Arc;
use threshold_widget::engine::{summary, Answers, Outcome, Ruleset};

/// The answers and outcome as a record with no names or other details: shown, printed on
/// its own (the print stylesheet hides everything else), or copied as plain text.
#[component]
pub fn SummaryPanel(
    ruleset: Arc<Ruleset>,
    answers: RwSignal<Answers>,
    outcome: Memo<Outcome>,
) -> impl IntoView {
    let record = Memo::new(move |_| answers.with(|a| outcome.with(|o| summary(&ruleset, a, o))));
    let copied = RwSignal::new(None::<&'static str>);
    // A new answer makes an earlier "Copied" untrue.
    Effect::new(move |_| {
        record.track();
        copied.set(None);
    });
    let copy = move |_| {
        let text = record.with_untracked(|r| r.to_string());
        leptos::task::spawn_local(async move {
            copied.set(Some(if browser::copy_text(&text).await {
                "Copied. Paste it into the referral form."
            } else {
                "This browser did not allow copying. Select the summary below and copy it."
            }));
        });
    };
    view! {
        <section class="summary" aria-labelledby="summary-heading" data-testid="summary">
            <h2 id="summary-heading">"Summary to print or copy"</h2>
            <p class="hint summary-hint">"Your answers and the likely outcome, with no names or other details."</p>
            <div class="summary-actions">
                <button type="button" class="secondary" on:click=move |_| browser::print()>"Print summary"</button>
                <button type="button" class="secondary" on:click=copy>"Copy as text"</button>
            </div>
            <p class="copy-status" aria-live="polite">{move || copied.get()}</p>
            <div class="summary-body">
                {move || record.with(|r| r.sections.iter().map(|s| view! {
                    <h3>{s.heading.clone()}</h3>
                    <ul>{s.lines.iter().map(|l| view! { <li>{l.clone()}</li> }).collect_view()}</ul>
                }).collect_view())}
            </div>
        </section>
    }
}
