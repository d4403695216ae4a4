//! Which "Exit this page" destination wins: the site's `exit-page` setting, the area's
//! `exit_page`, or the page's own default (`engine::settings::exit_destination`).

use threshold_widget::engine::settings::{
    exit_destination, read_settings, ExitDestination, ExitSetting,
};
use threshold_widget::engine::ExitPage;

const SITE: &str = "https://www.example.org.uk/neutral";
const AREA: &str = "https://www.bbc.co.uk/news";

#[test]
fn precedence_table() {
    use ExitDestination::{Off, PageDefault, To};
    let site_to = ExitSetting::To(SITE.into());
    let area_to = ExitPage {
        enabled: true,
        url: Some(AREA.into()),
    };
    let area_on_no_url = ExitPage {
        enabled: true,
        url: None,
    };
    let area_off = ExitPage {
        enabled: false,
        url: Some(AREA.into()),
    };
    let table: [(&ExitSetting, Option<&ExitPage>, ExitDestination); 12] = [
        (&ExitSetting::Default, None, PageDefault),
        (&ExitSetting::Default, Some(&area_on_no_url), PageDefault),
        (&ExitSetting::Default, Some(&area_to), To(AREA.into())),
        (&ExitSetting::Default, Some(&area_off), Off),
        (&site_to, None, To(SITE.into())),
        (&site_to, Some(&area_on_no_url), To(SITE.into())),
        // The area's own page is more specific than the site's.
        (&site_to, Some(&area_to), To(AREA.into())),
        (&site_to, Some(&area_off), Off),
        // Off by the site stays off whatever the area says.
        (&ExitSetting::Off, None, Off),
        (&ExitSetting::Off, Some(&area_on_no_url), Off),
        (&ExitSetting::Off, Some(&area_to), Off),
        (&ExitSetting::Off, Some(&area_off), Off),
    ];
    for (site, area, expected) in table {
        assert_eq!(
            exit_destination(site, area),
            expected,
            "site {site:?}, area {area:?}"
        );
    }
}

#[test]
fn from_the_settings_as_a_site_writes_them() {
    let (s, problems) = read_settings([("exit-page", "off")], &["rotherham"]);
    assert!(problems.is_empty());
    assert_eq!(exit_destination(&s.exit_page, None), ExitDestination::Off);
    // A rejected address leaves the default in place, never a half-applied one.
    let (s, problems) = read_settings([("exit-page", "javascript:alert(1)")], &["rotherham"]);
    assert_eq!(problems.len(), 1);
    assert_eq!(
        exit_destination(&s.exit_page, None),
        ExitDestination::PageDefault
    );
}
