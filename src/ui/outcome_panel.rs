use super::route_card::RouteCardView;
use leptos::prelude::*;
use threshold_widget::engine::wording;
use threshold_widget::engine::{
    Basis, ConsentNote, FiredRule, Guidance, LikelyLevel, Outcome, Reason, RuleEffect,
};

/// The live result: likely level, what to do (routes by urgency), why, the level's
/// description, what to tell the family, and the reminder. What to do comes first.
/// Each part re-renders only when its own data changes, so a screen reader hears what
/// changed in the status region rather than the whole panel again.
#[component]
pub fn OutcomePanel(outcome: Memo<Outcome>) -> impl IntoView {
    let unanswered = Memo::new(move |_| outcome.with(|o| o.danger_unanswered));
    let level = Memo::new(move |_| outcome.with(|o| o.level.clone()));
    let reasons = Memo::new(move |_| outcome.with(|o| (o.reasons.clone(), o.also_ticked.clone())));
    let routes = Memo::new(move |_| outcome.with(|o| o.routes.clone()));
    let rules = Memo::new(move |_| outcome.with(|o| o.rules.clone()));
    let consent_notes = Memo::new(move |_| outcome.with(|o| o.consent.clone()));
    let guidance = Memo::new(move |_| outcome.with(|o| o.guidance.clone()));
    view! {
        <section id="outcome" class="outcome" role="status" aria-atomic="false" aria-labelledby="outcome-heading">
            <h2 id="outcome-heading">"Likely level of need"</h2>
            <Show when=move || unanswered.get()>
                <p class="warning">{threshold_widget::engine::wording::DANGER_UNANSWERED}</p>
            </Show>
            <p class="likely-level" data-testid="likely-level">{move || level.with(|l| l.name.clone())}</p>
            {move || level.with(incomplete_notice)}
            {move || rules.with(|r| (!r.is_empty()).then(|| view! {
                <ul class="rules">{r.iter().map(rule_summary).collect_view()}</ul>
            }))}
            <h3>"What to do now"</h3>
            // Keyed by route: a card stays in place (an open "Why this route" stays open) when
            // others come or go, and re-renders only when its own content changes.
            <ol class="routes">
                <For
                    each=move || routes.with(|r| r.iter().map(|c| c.route.id.clone()).collect::<Vec<_>>())
                    key=|id| id.clone()
                    children=move |id| {
                        let card = Memo::new(move |_| routes.with(|r| r.iter().find(|c| c.route.id == id).cloned()));
                        move || card.get().map(|card| view! { <RouteCardView card=card /> })
                    }
                />
            </ol>
            {move || level.with(next_steps)}
            <h3>"Why"</h3>
            {move || reasons.with(|(why, also)| view! {
                <ul class="reasons">{why.iter().map(quote).collect_view()}</ul>
                {move || rules.with(|r| (!r.is_empty()).then(|| view! {
                    <ul class="reasons rule-texts">{r.iter().map(rule_text).collect_view()}</ul>
                }))}
                {(!also.is_empty()).then(|| view! {
                    <details class="also">
                        <summary>"Also ticked, at lower levels"</summary>
                        <ul>{also.iter().map(quote).collect_view()}</ul>
                    </details>
                })}
            })}
            <h3>"About this level"</h3>
            <p class="level-description">{move || level.with(|l| l.description.clone())}</p>
            {move || consent_notes.with(|c| consent(c))}
            {move || guidance.with(reminder)}
        </section>
    }
}

/// A notice when the likely level's transcription is incomplete.
fn incomplete_notice(l: &LikelyLevel) -> impl IntoView {
    l.incomplete.as_deref().map(|why| {
        super::provenance::text_line(
            "notice notice--incomplete",
            "level-incomplete",
            wording::incomplete_level(&l.name, why),
        )
    })
}

/// The likely level's own next steps, in the document's words.
fn next_steps(l: &LikelyLevel) -> impl IntoView {
    (!l.next_steps.is_empty()).then(|| {
        view! {
            <h3>{wording::NEXT_STEPS_HEADING}</h3>
            <ul class="next-steps" data-testid="next-steps">
                {l.next_steps.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
            </ul>
        }
    })
}

fn quote(reason: &Reason) -> AnyView {
    match reason {
        Reason::Indicator {
            text,
            level_name,
            section,
            ..
        } => view! {
            <li>
                <q>{text.clone()}</q>
                <span class="cite">" (" {level_name.clone()} "; " {section.clone()} ")"</span>
            </li>
        }
        .into_any(),
        other => view! { <li>{other.describe()}</li> }.into_any(),
    }
}

/// A partnership rule that fired, next to the level: what it does, in one line.
fn rule_summary(fired: &FiredRule) -> impl IntoView {
    let kind = match fired.effect {
        RuleEffect::ConsiderNextLevel => "rule rule--consider",
        RuleEffect::NextLevelRoutes => "rule rule--next-level",
        RuleEffect::ReferNow => "rule rule--refer-now",
    };
    view! { <li class=kind data-testid="rule" data-rule=fired.id.to_string()><strong>{fired.summary.clone()}</strong></li> }
}

/// A partnership rule that fired, under "Why": the document's words behind it.
fn rule_text(fired: &FiredRule) -> impl IntoView {
    view! {
        <li>
            {fired.summary.clone()} " " <q>{fired.text.clone()}</q>
            <span class="cite">" (" {fired.source.clone()} ")"</span>
            {basis_note(fired.basis.as_ref())}
        </li>
    }
}

fn consent(notes: &[ConsentNote]) -> AnyView {
    if notes.is_empty() {
        return ().into_any();
    }
    let notes = notes
        .iter()
        .map(|n| view! { <li>{n.text.clone()} <span class="cite">" (" {n.source.clone()} ")"</span>{basis_note(n.basis.as_ref())}</li> })
        .collect_view();
    view! {
        <h3>"What to tell the family"</h3>
        <ul class="consent">{notes}</ul>
    }
    .into_any()
}

fn reminder(g: &Guidance) -> AnyView {
    let r = &g.reminder;
    let escalation = g.escalation.as_ref().map(|e| {
        let link = e
            .link
            .clone()
            .map(|href| view! { " " <a href=href>"Escalation policy"</a> });
        view! {
            <p data-testid="escalation">{e.text.clone()} <span class="cite">" (" {e.source.clone()} ")"</span>{link}{basis_note(e.basis.as_ref())}</p>
        }
    });
    view! {
        <div class="reminder">
            <p>
                <strong>{wording::GUIDE_NOTICE_LEAD} " "</strong>
                {wording::GUIDE_NOTICE_REST} " "
                {r.text.clone()} <span class="cite">" (" {r.source.clone()} ")"</span>
                {basis_note(r.basis.as_ref())}
            </p>
            {escalation}
        </div>
    }
    .into_any()
}

/// " Not in the partnership's document: ..." after guidance that is not the document's.
fn basis_note(basis: Option<&Basis>) -> Option<impl IntoView> {
    let note = basis?.notice()?;
    Some(view! { <span class="basis">" " {note}</span> })
}
