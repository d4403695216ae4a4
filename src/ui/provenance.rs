use super::browser;
use leptos::prelude::*;
use std::sync::Arc;
use threshold_widget::engine::{wording, Ruleset};

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
    // Plain text where it can be: every view type costs the page's wasm.
    let incomplete = p.incomplete.as_deref().map(|why| {
        text_line(
            "notice notice--incomplete",
            "incomplete-notice",
            wording::incomplete_ruleset(why),
        )
    });
    let covers = p
        .covers
        .as_deref()
        .map(|c| text_line("covers", "covers", wording::covers(c)));
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
                {p.date.clone()} {review} ")." {wording::other_documents(&p.documents)}
            </p>
            {covers}
            {notes}
        </section>
    }
}

/// A paragraph of plain text. One view type for every such line keeps the page's wasm small.
pub(super) fn text_line(class: &'static str, testid: &'static str, text: String) -> impl IntoView {
    view! { <p class=class data-testid=testid>{text}</p> }
}
