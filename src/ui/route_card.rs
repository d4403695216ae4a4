use leptos::prelude::*;
use threshold_widget::engine::{dial_digits, phone_parts, RouteCard, Urgency};

/// One contact route, styled by urgency, with a screen-reader prefix as on NHS care cards.
#[component]
pub fn RouteCardView(card: RouteCard) -> impl IntoView {
    let r = card.route;
    let class = match r.urgency {
        Urgency::Emergency => "route route--emergency",
        Urgency::Urgent => "route route--urgent",
        Urgency::NonUrgent => "route route--non-urgent",
    };
    let call = r.phone.clone().map(call_link);
    let link = r.link.clone().map(|href| {
        let label = threshold_widget::engine::wording::link_label(&href);
        view! { <p><a class="route-link" href=href>{label}</a></p> }
    });
    let then = r.then.as_deref().map(|t| view! { <p>{linked(t)}</p> });
    let find = r
        .find_details
        .as_deref()
        .map(|t| view! { <p class="find-details">{linked(t)}</p> });
    // Guidance that is not the partnership's document says so (national, or this guide's reading).
    let basis = r
        .basis
        .as_ref()
        .and_then(|b| b.notice())
        .map(|n| view! { <p class="basis" data-testid="basis">{linked(&n)}</p> });
    let because = card
        .because
        .iter()
        .map(|b| view! { <li>{b.describe()}</li> })
        .collect_view();
    view! {
        <li class=class data-testid="route">
            <p class="urgency" aria-hidden="true">{r.urgency.label()}</p>
            <h3 class="route-name"><span class="visually-hidden">{r.urgency.label()} ": "</span>{r.name.clone()}</h3>
            <p>{linked(&r.action)}</p>
            {call}
            {link}
            {then}
            {find}
            <details class="because">
                <summary>"Why this route"</summary>
                <ul>{because}</ul>
                {basis}
                <p class="cite">"Source: " {linked(&r.source)}</p>
            </details>
        </li>
    }
}

/// "Call" and the route's number, a `tel:` link (route cards, the search's "Not sure?").
pub fn call_link(phone: String) -> impl IntoView {
    let href = format!("tel:{}", dial_digits(&phone));
    view! { <a class="call" href=href>"Call " {phone}</a> }
}

/// The ruleset's text, with every phone number in it a `tel:` link, so each can be tapped.
pub fn linked(text: &str) -> impl IntoView {
    phone_parts(text)
        .into_iter()
        .map(|part| match part.dial {
            Some(dial) => view! { <a href=format!("tel:{dial}")>{part.text}</a> }.into_any(),
            None => part.text.into_any(),
        })
        .collect_view()
}
