use super::browser;
use crate::engine::Ruleset;
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
