//! The page's questions (`engine::questions`): which each bundled area asks, and that the
//! summary prints exactly the questions the page asks, in the page's words.

mod common;

use common::{all_rulesets, area};
use threshold_widget::engine::questions::{questions, Question};
use threshold_widget::engine::{evaluate, summary, Answers};

#[test]
fn each_bundled_area_asks_danger_first_then_the_context_its_routes_use() {
    use Question::*;
    let table: &[(&str, &[Question])] = &[
        ("milton-keynes", &[Danger, SocialWorker, EarlyHelp]),
        ("rochdale", &[Danger, EarlyHelp]),
        ("rotherham", &[Danger, Crime, SocialWorker, EarlyHelp]),
        ("trafford", &[Danger, SocialWorker]),
        ("worcestershire", &[Danger, SocialWorker, EarlyHelp]),
    ];
    for (id, expected) in table {
        assert_eq!(questions(&area(id)), *expected, "{id}");
    }
    // The table covers every bundled area.
    let mut bundled: Vec<String> = all_rulesets().iter().map(|r| r.area.to_string()).collect();
    bundled.sort();
    let listed: Vec<&str> = table.iter().map(|(id, _)| *id).collect();
    assert_eq!(bundled, listed);
}

#[test]
fn the_summary_prints_the_questions_asked_and_no_other() {
    for ruleset in all_rulesets() {
        let mut answers = Answers::default();
        for q in Question::ALL {
            q.choose(&mut answers, 0);
        }
        let record = summary(&ruleset, &answers, &evaluate(&ruleset, &answers));
        let lines = &record
            .sections
            .iter()
            .find(|s| s.heading == "Your answers")
            .expect("a Your answers section")
            .lines;
        let asked = questions(&ruleset);
        for q in Question::ALL {
            let printed = lines.iter().filter(|l| l.starts_with(q.text())).count();
            let expected = usize::from(asked.contains(&q));
            assert_eq!(
                printed, expected,
                "{}: {:?} printed {printed} times",
                ruleset.area, q
            );
        }
        // In the page's order, with the answer after the question.
        let firsts: Vec<&str> = lines.iter().take(asked.len()).map(String::as_str).collect();
        let wanted: Vec<String> = asked.iter().map(|q| format!("{} Yes", q.text())).collect();
        assert_eq!(firsts, wanted, "{}", ruleset.area);
    }
}

#[test]
fn an_unanswered_danger_question_is_printed_as_not_answered_and_others_are_left_out() {
    let rotherham = area("rotherham");
    let answers = Answers::default();
    let record = summary(&rotherham, &answers, &evaluate(&rotherham, &answers));
    let lines = &record
        .sections
        .iter()
        .find(|s| s.heading == "Your answers")
        .unwrap()
        .lines;
    assert_eq!(lines[0], "Is the child in immediate danger? Not answered");
    for q in [Question::Crime, Question::SocialWorker, Question::EarlyHelp] {
        assert!(!lines.iter().any(|l| l.starts_with(q.text())), "{q:?}");
    }
}
