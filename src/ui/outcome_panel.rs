use super::route_card::RouteCardView;
use crate::engine::{Outcome, Reason};
use leptos::prelude::*;

/// The live result: likely level, why, routes by urgency, what to tell the family, reminder.
#[component]
pub fn OutcomePanel(outcome: Memo<Outcome>) -> impl IntoView {
    view! {
        <section class="outcome" role="status" aria-labelledby="outcome-heading">
            <h2 id="outcome-heading">"Likely level of need"</h2>
            {move || outcome.with(render)}
        </section>
    }
}

fn quote(reason: &Reason) -> AnyView {
    match reason {
        Reason::Indicator { text, level_name, section, .. } => view! {
            <li>
                <q>{text.clone()}</q>
                <span class="cite">" (" {level_name.clone()} "; " {section.clone()} ")"</span>
            </li>
        }
        .into_any(),
        other => view! { <li>{other.describe()}</li> }.into_any(),
    }
}

fn render(o: &Outcome) -> impl IntoView {
    let unanswered = o.danger_unanswered.then(|| {
        view! { <p class="warning">"You have not answered whether the child is in immediate danger. If they are, call 999 now."</p> }
    });
    let reasons = o.reasons.iter().map(quote).collect_view();
    let also = (!o.also_ticked.is_empty()).then(|| {
        let items = o.also_ticked.iter().map(quote).collect_view();
        view! {
            <details class="also">
                <summary>"Also ticked, at lower levels"</summary>
                <ul>{items}</ul>
            </details>
        }
    });
    let routes = o.routes.iter().cloned().map(|card| view! { <RouteCardView card=card /> }).collect_view();
    let consent = (!o.consent.is_empty()).then(|| {
        let notes = o
            .consent
            .iter()
            .map(|n| view! { <li>{n.text.clone()} <span class="cite">" (" {n.source.clone()} ")"</span></li> })
            .collect_view();
        view! {
            <h3>"What to tell the family"</h3>
            <ul class="consent">{notes}</ul>
        }
    });
    let reminder = &o.guidance.reminder;
    let escalation = o.guidance.escalation.as_ref().map(|e| {
        view! { <p>{e.text.clone()} <span class="cite">" (" {e.source.clone()} ")"</span></p> }
    });
    view! {
        {unanswered}
        <p class="likely-level" data-testid="likely-level">{o.level.name.clone()}</p>
        <p class="level-description">{o.level.description.clone()}</p>
        <h3>"Why"</h3>
        <ul class="reasons">{reasons}</ul>
        {also}
        <h3>"What to do now"</h3>
        <ol class="routes">{routes}</ol>
        {consent}
        <div class="reminder">
            <p>
                <strong>"This is a guide. "</strong>
                "It does not replace your professional judgement or a conversation with your designated safeguarding lead. "
                {reminder.text.clone()} <span class="cite">" (" {reminder.source.clone()} ")"</span>
            </p>
            {escalation}
        </div>
    }
}
