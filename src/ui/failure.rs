use super::areas::Failure;
use leptos::prelude::*;
use threshold_widget::engine::wording::CANNOT_HELP_FALLBACK;

/// Why the chosen ruleset cannot be used, and what to do instead (999 and the usual
/// procedures): the one view of every failure to load, read or check a ruleset.
///
/// `picker` says whether the area picker shows (then the bundled areas are another way on);
/// `try_again` loads the ruleset again, offered when the failure may pass (a connection).
#[component]
pub fn CannotHelp(
    failure: Failure,
    picker: bool,
    try_again: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    match failure {
        Failure::Unavailable(problem) => view! {
            <div class="failure" role="alert">
                <h2>"This checker cannot be used right now"</h2>
                <p>{problem}</p>
                <p>{CANNOT_HELP_FALLBACK}</p>
                <button type="button" on:click=move |_| try_again()>"Try again"</button>
            </div>
        }
        .into_any(),
        Failure::Invalid { file, problems } => view! {
            <div class="failure" role="alert" data-testid="site-ruleset-problems">
                <h2>"This site\u{2019}s ruleset has problems"</h2>
                <p>"The partnership\u{2019}s own ruleset, " <code>{file}</code> ", cannot be used until these are fixed:"</p>
                <ul class="problems">{problems.into_iter().map(|p| view! { <li><code>{p}</code></li> }).collect_view()}</ul>
                {picker.then(|| view! { <p>"The bundled areas still work: choose one under \u{201c}Area\u{201d} above."</p> })}
                <p>{CANNOT_HELP_FALLBACK}</p>
            </div>
        }
        .into_any(),
    }
}
