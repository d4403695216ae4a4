//! Every phone number in a route's text becomes a `tel:` link (engine::phone_parts), and
//! nothing that is not one does.

use threshold_widget::engine::phone_parts;

/// The numbers found in `text`, as shown and as dialled.
fn numbers(text: &str) -> Vec<(String, String)> {
    phone_parts(text)
        .into_iter()
        .filter_map(|p| p.dial.map(|d| (p.text, d)))
        .collect()
}

#[test]
fn numbers_in_sentences_are_found_and_nothing_else() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "Contact the MASH on 01709 336080.",
            &[("01709 336080", "01709336080")],
        ),
        (
            "call the police on 999 (in an emergency only)",
            &[("999", "999")],
        ),
        ("Call 999 or 101 now", &[("999", "999"), ("101", "101")]),
        (
            "Out of hours: 0845 607 2000, or 01905 768020",
            &[
                ("0845 607 2000", "08456072000"),
                ("01905 768020", "01905768020"),
            ],
        ),
        ("NHS 111", &[("111", "111")]),
        ("Section 47, Children Act 1989, within 48 hours", &[]),
        ("Level 4 1 2", &[]),
        ("ref A999 and 9991 and 999a", &[]),
        ("page 12 345 678", &[]),
    ];
    for (text, expected) in cases {
        let found = numbers(text);
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(found, expected, "{text}");
    }
}

#[test]
fn the_parts_put_back_together_are_the_text() {
    for text in [
        "Contact the MASH on 01709 336080.",
        "999",
        "no numbers",
        "",
        "Call 999 or 101 now; 0845 607 2000.",
    ] {
        let joined: String = phone_parts(text).into_iter().map(|p| p.text).collect();
        assert_eq!(joined, text);
    }
}

/// Over every bundled route: each number the route's own `phone` field gives, when its action
/// text quotes it, is found there.
#[test]
fn every_routes_own_number_is_found_in_its_action() {
    for ruleset in common::all_rulesets() {
        let area = ruleset.area.as_str();
        for route in &ruleset.routes {
            let Some(phone) = &route.phone else { continue };
            if !route.action.contains(phone.as_str()) {
                continue;
            }
            let dials: Vec<String> = numbers(&route.action).into_iter().map(|(_, d)| d).collect();
            assert!(
                dials.contains(&threshold_widget::engine::dial_digits(phone)),
                "{area}: {} quotes {phone} in {:?}",
                route.id,
                route.action
            );
        }
    }
}

mod common;
