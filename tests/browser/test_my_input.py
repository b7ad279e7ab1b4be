import pytest

from tests.browser.conftest import assert_accessible, login
from tests.conftest import target_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_woonpunt_fills_in_a_missing_value_and_sees_the_verdict_change(
    page, live_server, maastricht
):
    base = live_server.url
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    agreement_url = f"{base}/afspraken/{target.agreement_id}/?year=2017"
    cell = f"#target-{target.pk}-2017 [data-verdict]"

    login(page, base, "woonpunt")
    page.goto(agreement_url)
    assert page.get_attribute(cell, "data-verdict") == "no_data"

    page.goto(f"{base}/cycli/{maastricht.pk}/mijn-invoer/?year=2017")
    assert_accessible(page)
    page.fill(f"#value-{target.pk}", "12")
    page.fill(f"#source-{target.pk}", "jaarverslag 2017")
    page.click("text=Alles opslaan")
    assert "1 realisatie(s) opgeslagen" in page.inner_text(".messages")
    # the value is no longer missing
    assert page.locator(f"#value-{target.pk}").count() == 0

    page.goto(agreement_url)
    assert page.get_attribute(cell, "data-verdict") == "on_track"
    assert "jaarverslag 2017" in page.inner_text("#history")


def test_a_bad_value_in_my_input_says_why_and_saves_nothing(page, live_server, maastricht):
    base = live_server.url
    new_build = target_of(maastricht, "Nieuwbouw", "woonpunt")
    renovation = target_of(maastricht, "Renovatie", "woonpunt")
    login(page, base, "woonpunt")
    page.goto(f"{base}/cycli/{maastricht.pk}/mijn-invoer/?year=2017")
    page.fill(f"#value-{new_build.pk}", "12")
    page.fill(f"#value-{renovation.pk}", "veel")
    page.click("text=Alles opslaan")
    assert "Er is niets opgeslagen" in page.inner_text(".messages")
    assert "is geen getal" in page.inner_text(f"#error-{renovation.pk}")
    assert page.input_value(f"#value-{new_build.pk}") == "12"
    assert not new_build.measurements.exists()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/cycli/{cycle}/?year=2017",
        "/themas/{theme}/?year=2017",
        "/afspraken/{agreement}/?year=2017",
        "/accounts/login/",
        "/analyses/{analysis}/",
        "/rekenhulp/",
    ],
)
def test_main_pages_have_no_serious_accessibility_violations(page, live_server, maastricht, path):
    theme = maastricht.themes.get(name="Beschikbaarstelling")
    agreement = target_of(maastricht, "Eigen inplaatsing").agreement
    analysis = maastricht.analyses.first()
    url = path.format(
        cycle=maastricht.pk, theme=theme.pk, agreement=agreement.pk, analysis=analysis.pk
    )
    page.goto(live_server.url + url)
    assert_accessible(page)
    login(page, live_server.url, "gemeente-maastricht")
    page.goto(live_server.url + url)
    assert_accessible(page)


def test_the_language_switch_shows_english(page, live_server, maastricht):
    page.goto(f"{live_server.url}/cycli/{maastricht.pk}/")
    page.click("a[hreflang=en]")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.endswith(f"/cycli/{maastricht.pk}/")
    assert "Themes" in page.inner_text("main")
    assert_accessible(page)
    page.click("a[hreflang=nl]")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert "Thema" in page.inner_text("main")
