//! The page's radio groups, rendered from the engine's questions (`engine::questions`): which
//! are asked, their words and options are decided there, as the summary prints them.

use leptos::prelude::*;
use std::sync::Arc;
use threshold_widget::engine::questions::{questions, Question};
use threshold_widget::engine::{Answers, Ruleset};

/// One question as a radio group; option ids are `<name>-<label>`.
#[component]
fn RadioGroup(question: Question, answers: RwSignal<Answers>) -> impl IntoView {
    let name = question.name();
    let legend_id = format!("{name}-legend");
    let labelled_by = legend_id.clone();
    let options = question
        .options()
        .iter()
        .enumerate()
        .map(|(i, label)| {
            let id = question.option_id(label);
            let checked = move || answers.with(|a| question.selected(a) == Some(i));
            let pick = move |_| answers.update(|a| question.choose(a, i));
            view! {
                <div class="choice">
                    <input type="radio" name=name id=id.clone() prop:checked=checked on:change=pick />
                    <label for=id>{*label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="question" role="radiogroup" aria-labelledby=labelled_by>
            <legend id=legend_id>{question.text()}</legend>
            <div class="choices">{options}</div>
        </fieldset>
    }
}

/// "Is the child in immediate danger?", always first.
#[component]
pub fn SafetyQuestion(answers: RwSignal<Answers>) -> impl IntoView {
    view! { <RadioGroup question=Question::Danger answers=answers /> }
}

/// Questions that change the route, not the level; only those the area's routes use.
#[component]
pub fn ContextQuestions(ruleset: Arc<Ruleset>, answers: RwSignal<Answers>) -> impl IntoView {
    questions(&ruleset)
        .into_iter()
        .filter(|q| *q != Question::Danger)
        .map(|q| view! { <RadioGroup question=q answers=answers /> })
        .collect_view()
}
