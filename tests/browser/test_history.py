import pytest

from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_cycle_history_is_accessible_and_narrows_by_kind(page, live_server, maastricht):
    base = live_server.url
    login(page, base, "woonpunt")
    page.goto(f"{base}/cycli/{maastricht.pk}/")
    page.click("text=Wijzigingen")
    assert "Wijzigingen in" in page.inner_text("h1")
    assert "Afspraak aangemaakt" in page.inner_text("table")
    assert_accessible(page)
    page.click("text=Evaluaties")
    assert page.get_attribute("main [aria-current=page]", "href") == "?soort=evaluaties"
    assert "Afspraak aangemaakt" not in page.inner_text("main")
    assert_accessible(page)
