use super::browser;
use crate::engine::{wording, Ruleset};
use leptos::prelude::*;
use std::sync::Arc;

/// Which document this area's answers come from, and whether it may be out of date.
#[component]
pub fn Provenance(ruleset: Arc<Ruleset>) -> impl IntoView {
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
    // Honest about what is missing: at the top, before the reader relies on it.
    let incomplete = p.incomplete.clone().map(|why| {
        view! {
            <div class="notice notice--incomplete" data-testid="incomplete-notice">
                <p><strong>{wording::INCOMPLETE_RULESET}</strong> " " {why}</p>
            </div>
        }
    });
    let covers = p
        .covers
        .clone()
        .map(|c| view! { <p class="covers" data-testid="covers">{wording::COVERS_LEAD} {c} "."</p> });
    let also = p
        .documents
        .iter()
        .map(|d| {
            let title = match d.link.clone() {
                Some(href) => view! { <a href=href><cite>{d.title.clone()}</cite></a> }.into_any(),
                None => view! { <cite>{d.title.clone()}</cite> }.into_any(),
            };
            view! { <span>" Also " {title} " (" {d.date.clone()} ")."</span> }
        })
        .collect_view();
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
            {incomplete}
            {stale}
            <p>
                "Based on " <cite>{p.title.clone()}</cite> " (" {p.partnership.clone()} ", "
                {p.date.clone()} {review} ")."
                {also}
            </p>
            {covers}
            {notes}
        </section>
    }
}
