//! A site's settings for an embedded widget (src/engine/settings.rs): each one valid, or
//! reported by name and left at its default.

use threshold_widget::engine::settings::{read_settings, ExitSetting, FirstShown, Settings};

const BUNDLED: [&str; 2] = ["rotherham", "rochdale"];

fn read(pairs: &[(&str, &str)]) -> (Settings, Vec<String>) {
    let (s, problems) = read_settings(pairs.iter().copied(), &BUNDLED);
    (s, problems.iter().map(|p| p.to_string()).collect())
}

#[test]
fn valid_settings_are_applied() {
    let (s, problems) = read(&[
        ("area", "rochdale"),
        ("exit-page", "https://www.bbc.co.uk/news"),
        ("brand-colour", "#6A1B9A"),
        ("font", "\"Open Sans\", Arial, sans-serif"),
        ("high-visibility", "on"),
        ("parent-origin", "https://www.Partnership.org.uk"),
        ("ruleset", "/safeguarding/levels.toml"),
        ("utm_source", "newsletter"),
    ]);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(s.area.as_ref().map(|a| a.as_str()), Some("rochdale"));
    assert_eq!(
        s.exit_page,
        ExitSetting::To("https://www.bbc.co.uk/news".into())
    );
    assert_eq!(s.brand_colour.as_deref(), Some("#6a1b9a"));
    assert_eq!(s.font.as_deref(), Some("\"Open Sans\", Arial, sans-serif"));
    assert!(s.high_visibility);
    assert_eq!(
        s.parent_origin.as_deref(),
        Some("https://www.partnership.org.uk")
    );
    assert_eq!(s.ruleset.as_deref(), Some("/safeguarding/levels.toml"));
}

#[test]
fn nothing_set_means_every_default() {
    let (s, problems) = read(&[]);
    assert_eq!(s, Settings::default());
    assert!(problems.is_empty());
}

/// Each bad value: the setting it names, and a word of the message.
#[test]
fn bad_values_are_reported_and_not_applied() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "area",
            "atlantis",
            "not an area of this widget; it has rotherham, rochdale",
        ),
        ("fixed-area", "atlantis", "not an area of this widget"),
        ("fixed-area", "Rotherham!", "not an area id"),
        ("exit-page", "http://www.bbc.co.uk", "https://"),
        ("exit-page", "javascript:alert(1)", "https://"),
        ("brand-colour", "#ffdd00", "contrast of 1.3:1"),
        ("brand-colour", "red", "not a colour"),
        ("brand-colour", "#12345", "not a colour"),
        ("font", "x;}body{display:none", "font stack"),
        ("font", "Arial,,", "font stack"),
        ("high-visibility", "yes", "neither"),
        (
            "parent-origin",
            "https://www.example.org/page",
            "not an origin",
        ),
        ("parent-origin", "http://www.example.org", "not an origin"),
        ("parent-origin", "*", "not an origin"),
        ("ruleset", "javascript:alert(1)", "not a path"),
        ("ruleset", "//evil.example/levels.toml", "not a path"),
        ("ruleset", "data:text/plain,x", "not a path"),
        ("ruleset", "blob:null/1b6e", "not a path"),
        ("ruleset", "blob:javascript:alert(1)", "not a path"),
    ];
    for (name, value, expected) in cases {
        let (s, problems) = read(&[(name, value)]);
        assert_eq!(s, Settings::default(), "{name}={value} must not be applied");
        assert_eq!(problems.len(), 1, "{name}={value}: {problems:?}");
        assert!(
            problems[0].starts_with(&format!("{name}: ")),
            "{problems:?}"
        );
        assert!(
            problems[0].contains(expected),
            "{name}={value}: {problems:?} lacks {expected:?}"
        );
    }
}

#[test]
fn a_fixed_area_is_bundled_or_the_sites_own_ruleset() {
    let (s, problems) = read(&[("fixed-area", "rotherham")]);
    assert_eq!(
        (s.fixed_area.as_ref().map(|a| a.as_str()), problems.len()),
        (Some("rotherham"), 0)
    );
    // The site's ruleset names its area inside the file, known only once it is loaded.
    let (s, problems) = read(&[("fixed-area", "our-area"), ("ruleset", "levels.toml")]);
    assert_eq!(
        (s.fixed_area.as_ref().map(|a| a.as_str()), problems.len()),
        (Some("our-area"), 0)
    );
}

#[test]
fn http_is_allowed_for_a_local_parent_only() {
    for (value, ok) in [
        ("http://127.0.0.1:8081", true),
        ("http://localhost", true),
        ("https://a.example:443", true),
        ("https://a.example:0", false),
        ("https://a.example:99999", false),
        ("https://.example", false),
        ("http://192.168.1.2", false),
    ] {
        let (s, _) = read(&[("parent-origin", value)]);
        assert_eq!(s.parent_origin.is_some(), ok, "{value}");
    }
}

#[test]
fn brand_colours_at_the_contrast_limit() {
    // The default brand blue and a dark grey pass; mid grey (#777, 4.48:1) just fails.
    for (colour, ok) in [
        ("#1d4f91", true),
        ("#595959", true),
        ("#777", false),
        ("#767676", true),
    ] {
        let (s, _) = read(&[("brand-colour", colour)]);
        assert_eq!(s.brand_colour.is_some(), ok, "{colour}");
    }
}

#[test]
fn what_shows_first_and_whether_the_picker_shows() {
    let first = |pairs: &[(&str, &str)]| {
        let (s, _) = read(pairs);
        (s.first_shown(), s.shows_picker())
    };
    assert_eq!(first(&[]), (FirstShown::Area(None), true));
    assert_eq!(
        first(&[("area", "rochdale")]),
        (FirstShown::Area(Some("rochdale".into())), true)
    );
    // A fixed area wins over a chosen one, and hides the picker.
    assert_eq!(
        first(&[("area", "rochdale"), ("fixed-area", "rotherham")]),
        (FirstShown::Area(Some("rotherham".into())), false)
    );
    // The site's own ruleset comes first; the bundled areas stay in the picker unless fixed.
    assert_eq!(
        first(&[("area", "rochdale"), ("ruleset", "levels.toml")]),
        (FirstShown::SiteRuleset, true)
    );
    assert_eq!(
        first(&[("ruleset", "levels.toml"), ("fixed-area", "our-area")]),
        (FirstShown::SiteRuleset, false)
    );
}

#[test]
fn the_authoring_pages_preview_names_its_ruleset_by_a_blob_url() {
    // author.html hands the widget the text being edited as a blob: URL of its own origin;
    // the page then fetches it only if that origin is its own (browser::same_origin_url).
    for url in [
        "blob:http://127.0.0.1:8080/0b1c5a7e-8a9f-4e0c-9a57-2f1d7e6c3b21",
        "blob:https://widget.example.org.uk/0b1c5a7e-8a9f-4e0c-9a57-2f1d7e6c3b21",
    ] {
        let (s, problems) = read(&[("ruleset", url), ("fixed-area", "our-area")]);
        assert_eq!(problems, Vec::<String>::new(), "{url}");
        assert_eq!(s.ruleset.as_deref(), Some(url));
    }
}
