use crate::engine::{Answers, ContextTrigger, Danger, Known, Ruleset};
use leptos::prelude::*;
use std::sync::Arc;

/// One option of a radio group.
struct Choice {
    label: &'static str,
    checked: Signal<bool>,
    pick: Callback<()>,
}

fn choice(
    answers: RwSignal<Answers>,
    label: &'static str,
    is: impl Fn(&Answers) -> bool + Send + Sync + 'static,
    set: impl Fn(&mut Answers) + Send + Sync + 'static,
) -> Choice {
    Choice {
        label,
        checked: Signal::derive(move || answers.with(&is)),
        pick: Callback::new(move |()| answers.update(&set)),
    }
}

/// "Yes" and "No" for a yes/no answer, read by `get` and written through `field`.
fn yes_no(
    answers: RwSignal<Answers>,
    get: fn(&Answers) -> Option<bool>,
    field: fn(&mut Answers) -> &mut Option<bool>,
) -> Vec<Choice> {
    [(true, "Yes"), (false, "No")]
        .into_iter()
        .map(|(v, label)| {
            choice(
                answers,
                label,
                move |a| get(a) == Some(v),
                move |a| *field(a) = Some(v),
            )
        })
        .collect()
}

/// A question answered by one of a few options; option ids are `<name>-<label>`.
#[component]
fn RadioGroup(name: &'static str, legend: &'static str, choices: Vec<Choice>) -> impl IntoView {
    let legend_id = format!("{name}-legend");
    let labelled_by = legend_id.clone();
    let options = choices
        .into_iter()
        .map(|c| {
            let id = format!("{name}-{}", c.label.to_ascii_lowercase().replace(' ', "-"));
            view! {
                <div class="choice">
                    <input type="radio" name=name id=id.clone() prop:checked=c.checked on:change=move |_| c.pick.run(()) />
                    <label for=id>{c.label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="question" role="radiogroup" aria-labelledby=labelled_by>
            <legend id=legend_id>{legend}</legend>
            <div class="choices">{options}</div>
        </fieldset>
    }
}

/// "Is the child in immediate danger?", always first.
#[component]
pub fn SafetyQuestion(answers: RwSignal<Answers>) -> impl IntoView {
    let choices = Danger::ALL
        .into_iter()
        .map(|d| {
            choice(
                answers,
                d.label(),
                move |a| a.danger == Some(d),
                move |a| a.danger = Some(d),
            )
        })
        .collect();
    view! { <RadioGroup name="danger" legend="Is the child in immediate danger?" choices=choices /> }
}

/// Questions that change the route, not the level; only those the area's routes use.
#[component]
pub fn ContextQuestions(ruleset: Arc<Ruleset>, answers: RwSignal<Answers>) -> impl IntoView {
    let crime = ruleset.context_used(ContextTrigger::Crime).then(|| {
        let choices = yes_no(answers, |a| a.crime, |a| &mut a.crime);
        view! { <RadioGroup name="crime" legend="Do you believe a crime may have been committed?" choices=choices /> }
    });
    let asks_social_worker = ruleset.context_used(ContextTrigger::HasSocialWorker)
        || ruleset.context_used(ContextTrigger::SocialWorkerUnsure);
    let social_worker = asks_social_worker.then(|| {
        let choices = Known::ALL
            .into_iter()
            .map(|k| choice(answers, k.label(), move |a| a.social_worker == Some(k), move |a| a.social_worker = Some(k)))
            .collect();
        view! { <RadioGroup name="social-worker" legend="Does the child already have a social worker?" choices=choices /> }
    });
    let early_help = ruleset.context_used(ContextTrigger::EarlyHelpNotImproved).then(|| {
        let choices = yes_no(
            answers,
            |a| a.early_help_not_improved,
            |a| &mut a.early_help_not_improved,
        );
        view! { <RadioGroup name="early-help" legend="Has early help been tried without the situation improving?" choices=choices /> }
    });
    view! { {crime} {social_worker} {early_help} }
}
