use crate::engine::{dial_digits, RouteCard, Urgency};
use leptos::prelude::*;

/// One contact route, styled by urgency, with a screen-reader prefix as on NHS care cards.
#[component]
pub fn RouteCardView(card: RouteCard) -> impl IntoView {
    let r = card.route;
    let class = match r.urgency {
        Urgency::Emergency => "route route--emergency",
        Urgency::Urgent => "route route--urgent",
        Urgency::NonUrgent => "route route--non-urgent",
    };
    let call = r.phone.clone().map(|phone| {
        let href = format!("tel:{}", dial_digits(&phone));
        view! { <a class="call" href=href>"Call " {phone}</a> }
    });
    let then = r.then.clone().map(|t| view! { <p>{t}</p> });
    let find = r
        .find_details
        .clone()
        .map(|t| view! { <p class="find-details">{t}</p> });
    let because = card
        .because
        .iter()
        .map(|b| view! { <li>{b.describe()}</li> })
        .collect_view();
    view! {
        <li class=class data-testid="route">
            <p class="urgency" aria-hidden="true">{r.urgency.label()}</p>
            <h3 class="route-name"><span class="visually-hidden">{r.urgency.label()} ": "</span>{r.name.clone()}</h3>
            <p>{r.action.clone()}</p>
            {call}
            {then}
            {find}
            <details class="because">
                <summary>"Why this route"</summary>
                <ul>{because}</ul>
                <p class="cite">"Source: " {r.source.clone()}</p>
            </details>
        </li>
    }
}
