use leptos::prelude::*;
use std::sync::Arc;
use threshold_widget::engine::Ruleset;

/// The document's worked case examples, to read.
#[component]
pub fn WorkedExamples(ruleset: Arc<Ruleset>) -> impl IntoView {
    (!ruleset.examples.is_empty()).then(|| {
        let items = ruleset
            .examples
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
#[component]
pub fn Prompts(ruleset: Arc<Ruleset>) -> impl IntoView {
    (!ruleset.prompts.is_empty()).then(|| {
        let groups = ruleset
            .prompts
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
