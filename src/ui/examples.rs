use super::browser;
use leptos::prelude::*;
use std::sync::Arc;
use threshold_widget::catalogue::{self, ReadingParts};
use threshold_widget::engine::model::{PromptGroup, WorkedExample};
use threshold_widget::engine::Ruleset;

/// The default area's worked examples and questions to think about, once fetched (kept for the
/// visit): `None` until then, or why they could not be had.
pub type ReadingCache = RwSignal<Option<Result<Arc<ReadingParts>, String>>>;

/// Fetches the default area's reading file into `cache`, unless it is there already.
pub fn fetch_reading(file: &'static str, cache: ReadingCache) {
    if cache.with_untracked(Option::is_some) {
        return;
    }
    leptos::task::spawn_local(async move {
        let parts = browser::fetch_bytes(file).await.and_then(|bytes| {
            catalogue::unpack_reading(&bytes)
                .map_err(|e| format!("the file could not be read: {e}"))
        });
        cache.try_set(Some(parts.map(Arc::new)));
    });
}

/// The area's worked examples and questions to think about: from its ruleset, or for the
/// default area, which the page's wasm carries without them, from their own file (`file`,
/// fetched into `cache` once the page is painted).
pub fn reading(ruleset: Arc<Ruleset>, file: Option<&'static str>, cache: ReadingCache) -> AnyView {
    if file.is_none() {
        return view! {
            {worked_examples(&ruleset, &ruleset.examples)}
            {prompts(&ruleset.prompts)}
        }
        .into_any();
    }
    (move || {
        cache.with(|c| match c {
            None => ().into_any(),
            Some(Ok(parts)) => view! {
                {worked_examples(&ruleset, &parts.0)}
                {prompts(&parts.1)}
            }
            .into_any(),
            Some(Err(why)) => view! {
                <p class="notice" role="note" data-testid="reading-failed">
                    "The document\u{2019}s worked examples could not be loaded (" {why.clone()} "). Reload the page to try again."
                </p>
            }
            .into_any(),
        })
    })
    .into_any()
}

/// The document's worked case examples, to read.
fn worked_examples(ruleset: &Ruleset, examples: &[WorkedExample]) -> impl IntoView {
    (!examples.is_empty()).then(|| {
        let items = examples
            .iter()
            .map(|ex| {
                let level = ruleset
                    .level(&ex.level)
                    .map(|l| l.name.clone())
                    .unwrap_or_default();
                let sections = ex
                    .sections
                    .iter()
                    .map(|s| {
                        let paras = s
                            .paragraphs
                            .iter()
                            .map(|p| view! { <p>{p.clone()}</p> })
                            .collect_view();
                        view! { <h3>{s.heading.clone()}</h3> {paras} }
                    })
                    .collect_view();
                view! {
                    <details class="example">
                        <summary>{ex.title.clone()} ": " {level}</summary>
                        {sections}
                    </details>
                }
            })
            .collect_view();
        view! {
            <section class="examples" aria-labelledby="examples-heading">
                <h2 id="examples-heading">"Worked examples from the document"</h2>
                {items}
            </section>
        }
    })
}

/// Questions to think about before you decide (e.g. Signs of Safety).
fn prompts(prompts: &[PromptGroup]) -> impl IntoView {
    (!prompts.is_empty()).then(|| {
        let groups = prompts
            .iter()
            .map(|g| {
                let qs = g
                    .questions
                    .iter()
                    .map(|q| view! { <li>{q.clone()}</li> })
                    .collect_view();
                view! {
                    <details class="prompts">
                        <summary>{g.heading.clone()}</summary>
                        <ul>{qs}</ul>
                        <p class="cite">"Source: " {g.source.clone()}</p>
                    </details>
                }
            })
            .collect_view();
        view! {
            <section class="questions-to-consider" aria-labelledby="prompts-heading">
                <h2 id="prompts-heading">"Questions to think about"</h2>
                {groups}
            </section>
        }
    })
}
