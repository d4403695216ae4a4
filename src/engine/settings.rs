//! A site's settings for an embedded widget: from the `data-*` attributes of the element it
//! is mounted in, or from the query of `embed.html` / `index.html`. Each setting is checked
//! here, natively tested; a bad one is reported and left at its default, never half applied.
//!
//! | setting | value | effect |
//! |---|---|---|
//! | `area` | a bundled area id | the area shown first; the picker stays |
//! | `fixed-area` | an area id | only that area, no picker |
//! | `ruleset` | a path on the site, e.g. `/safeguarding/levels.toml` | the site's own ruleset, loaded and checked in the browser |
//! | `exit-page` | `off`, or an `https://` address | "Exit this page" off, or where it goes |
//! | `brand-colour` | `#rgb` or `#rrggbb`, contrast at least 4.5:1 with white | links, buttons, outline |
//! | `font` | a font stack, e.g. `"Arial", sans-serif` | the widget's font |
//! | `high-visibility` | `on` | starts in high-visibility mode (a user can still switch it) |
//! | `parent-origin` | e.g. `https://www.partnership.org.uk` | `embed.html` only: the one origin told the frame's height |

use super::model::{is_safe_link, AreaId, ExitPage};

/// Where "Exit this page" goes for this site.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ExitSetting {
    /// The destination in the page (the neutral default), or the area's own.
    #[default]
    Default,
    Off,
    To(String),
}

/// Where "Exit this page" goes, all things considered: the one answer the page applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExitDestination {
    /// No button, no skip link, no Shift shortcut.
    Off,
    /// The page's own destination: the `href` the page shell gives its exit links (a
    /// neutral page, <https://www.bbc.co.uk/weather> as GOV.UK suggests).
    PageDefault,
    /// This `https://` address.
    To(String),
}

/// Which "Exit this page" destination wins, from the site's `exit-page` setting and the
/// area's `exit_page`: off if either turns it off; else the area's own address, else the
/// site's, else the page's default. (A site's `<html data-exit-page="off">` in its own
/// HTML is read by the page shell directly and also turns it off.)
pub fn exit_destination(site: &ExitSetting, area: Option<&ExitPage>) -> ExitDestination {
    match (site, area) {
        (ExitSetting::Off, _) => ExitDestination::Off,
        (_, Some(ExitPage { enabled: false, .. })) => ExitDestination::Off,
        (_, Some(ExitPage { url: Some(url), .. })) => ExitDestination::To(url.clone()),
        (ExitSetting::To(url), _) => ExitDestination::To(url.clone()),
        (ExitSetting::Default, _) => ExitDestination::PageDefault,
    }
}

/// Every setting, each valid or at its default.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub area: Option<AreaId>,
    pub fixed_area: Option<AreaId>,
    pub ruleset: Option<String>,
    pub exit_page: ExitSetting,
    pub brand_colour: Option<String>,
    pub font: Option<String>,
    pub high_visibility: bool,
    pub parent_origin: Option<String>,
}

/// What the widget shows first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FirstShown {
    /// The site's own ruleset (the `ruleset` setting).
    SiteRuleset,
    /// A bundled area; `None` is the default area.
    Area(Option<AreaId>),
}

impl Settings {
    /// The site's own ruleset when it has one; otherwise the fixed area, the chosen area, or
    /// the default, in that order.
    pub fn first_shown(&self) -> FirstShown {
        match (&self.ruleset, &self.fixed_area) {
            (Some(_), _) => FirstShown::SiteRuleset,
            (None, Some(id)) => FirstShown::Area(Some(id.clone())),
            (None, None) => FirstShown::Area(self.area.clone()),
        }
    }

    /// The area picker shows unless the site fixes the area.
    pub fn shows_picker(&self) -> bool {
        self.fixed_area.is_none()
    }
}

/// A setting that was not applied, and why, for the site's web team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingProblem {
    pub setting: &'static str,
    pub message: String,
}

impl std::fmt::Display for SettingProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.setting, self.message)
    }
}

/// The setting names, as query keys; as attributes they take a `data-` prefix.
pub const SETTING_NAMES: [&str; 8] = [
    "area",
    "fixed-area",
    "ruleset",
    "exit-page",
    "brand-colour",
    "font",
    "high-visibility",
    "parent-origin",
];

/// Reads settings from name/value pairs; unknown names are ignored (a page's query may carry
/// anything). `bundled` are the area ids this build has. A later pair overrides an earlier.
pub fn read_settings<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    bundled: &[&str],
) -> (Settings, Vec<SettingProblem>) {
    let mut s = Settings::default();
    let mut problems = Vec::new();
    let mut problem =
        |setting: &'static str, message: String| problems.push(SettingProblem { setting, message });
    let mut fixed = None;
    for (name, value) in pairs {
        let value = value.trim();
        match name {
            "area" => match bundled.contains(&value) {
                true => s.area = Some(value.into()),
                false => problem("area", unknown_area(value, bundled)),
            },
            "fixed-area" if is_area_id(value) => fixed = Some(AreaId::from(value)),
            "fixed-area" => problem("fixed-area", format!("\u{201c}{value}\u{201d} is not an area id (lower-case letters, digits and hyphens).")),
            "ruleset" => match ruleset_path(value) {
                Ok(path) => s.ruleset = Some(path),
                Err(message) => problem("ruleset", message),
            },
            "exit-page" if value == "off" => s.exit_page = ExitSetting::Off,
            "exit-page" if is_safe_link(value) => s.exit_page = ExitSetting::To(value.to_owned()),
            "exit-page" => problem("exit-page", format!("\u{201c}{value}\u{201d} is neither \u{201c}off\u{201d} nor an https:// address.")),
            "brand-colour" => match brand_colour(value) {
                Ok(c) => s.brand_colour = Some(c),
                Err(message) => problem("brand-colour", message),
            },
            "font" if is_font_stack(value) => s.font = Some(value.to_owned()),
            "font" => problem("font", "a font stack is font names in quotes or plain words, separated by commas (at most 200 characters).".to_owned()),
            "high-visibility" if value == "on" || value == "off" => s.high_visibility = value == "on",
            "high-visibility" => problem("high-visibility", format!("\u{201c}{value}\u{201d} is neither \u{201c}on\u{201d} nor \u{201c}off\u{201d}.")),
            "parent-origin" => match origin(value) {
                Some(o) => s.parent_origin = Some(o),
                None => problem("parent-origin", format!("\u{201c}{value}\u{201d} is not an origin such as https://www.example.org.uk (no path; http only for localhost).")),
            },
            _ => {}
        }
    }
    // A fixed area is a bundled one, or the area of the site's own ruleset (known once loaded).
    if let Some(id) = fixed {
        if bundled.contains(&id.as_str()) || s.ruleset.is_some() {
            s.fixed_area = Some(id);
        } else {
            problem("fixed-area", unknown_area(id.as_str(), bundled));
        }
    }
    (s, problems)
}

fn unknown_area(value: &str, bundled: &[&str]) -> String {
    format!(
        "\u{201c}{value}\u{201d} is not an area of this widget; it has {}.",
        bundled.join(", ")
    )
}

fn is_area_id(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A ruleset file on the site: a path, an https:// address, or the authoring page's blob:
/// URL (the page checks it is the page's own origin, as its Content-Security-Policy does).
fn ruleset_path(value: &str) -> Result<String, String> {
    let bad = value.is_empty()
        || value.len() > 2000
        || value.starts_with("//")
        || value
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c));
    let scheme = value
        .split_once(':')
        .filter(|(s, _)| !s.contains('/'))
        .map(|(s, _)| s.to_ascii_lowercase());
    match scheme.as_deref() {
        _ if bad => Err(format!(
            "\u{201c}{value}\u{201d} is not a path to a file on this site."
        )),
        None => Ok(value.to_owned()),
        Some("https") if is_safe_link(value) => Ok(value.to_owned()),
        // The authoring page's preview (author.html): text made in this browser, which the
        // page still accepts only from its own origin.
        Some("blob") if is_blob_of_a_site(value) => Ok(value.to_owned()),
        Some(_) => Err(format!(
            "\u{201c}{value}\u{201d} is not a path to a file on this site."
        )),
    }
}

/// `blob:https://host/uuid` (or `blob:http://`): a blob an http(s) page of that origin made.
fn is_blob_of_a_site(value: &str) -> bool {
    value
        .get(5..)
        .is_some_and(|inner| inner.starts_with("http://") || is_safe_link(inner))
}

/// `#rgb` or `#rrggbb`, lower-cased, dark enough for white text and for links on white.
fn brand_colour(value: &str) -> Result<String, String> {
    let hex = value
        .strip_prefix('#')
        .filter(|h| (h.len() == 3 || h.len() == 6) && h.chars().all(|c| c.is_ascii_hexdigit()));
    let Some(hex) = hex else {
        return Err(format!(
            "\u{201c}{value}\u{201d} is not a colour such as #1d4f91."
        ));
    };
    let full: String = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex.to_owned()
    };
    let nibble = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
    let bytes = full.as_bytes();
    let channel = |i: usize| nibble(bytes[i]) * 16 + nibble(bytes[i + 1]);
    let ratio = contrast_with_white(channel(0), channel(2), channel(4));
    if ratio < 4.5 {
        // Tenths by integer arithmetic: float formatting would add 10 KB to the page's wasm.
        let tenths = (ratio * 10.0) as u32;
        let ratio = format!("{}.{}", tenths / 10, tenths % 10);
        return Err(format!(
            "{value} has a contrast of {ratio}:1 with white; links and the white text on buttons need at least 4.5:1 (WCAG 1.4.3), so the default colour is used."
        ));
    }
    Ok(format!("#{}", full.to_ascii_lowercase()))
}

/// WCAG 2 contrast ratio of an sRGB colour with white.
pub fn contrast_with_white(r: u8, g: u8, b: u8) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    1.05 / (luminance + 0.05)
}

fn is_font_stack(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 200
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || " ,-_'\"".contains(c))
        && value.split(',').all(|name| !name.trim().is_empty())
}

/// `scheme://host[:port]`, lower-cased: https, or http for localhost and 127.0.0.1 (testing).
fn origin(value: &str) -> Option<String> {
    let value = value.to_ascii_lowercase();
    let (scheme, rest) = value.split_once("://")?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()) => {
            (h, Some(p))
        }
        Some(_) => return None,
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let local = host == "localhost" || host == "127.0.0.1";
    let ok = host_ok && port.is_none_or(|p| p.parse::<u16>().is_ok_and(|n| n > 0));
    match scheme {
        "https" if ok => Some(value.clone()),
        "http" if ok && local => Some(value.clone()),
        _ => None,
    }
}
