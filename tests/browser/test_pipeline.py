import pytest

from tests.browser.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_vastgoed_page_opens_from_the_cycle_page_and_is_accessible(
    page, live_server, maastricht
):
    base = live_server.url
    login(page, base, "gemeente-maastricht")
    page.goto(f"{base}/cycli/{maastricht.pk}/")
    page.get_by_role("link", name="Vastgoed: nieuwbouw, renovatie en sloop").click()
    page.wait_for_url(f"{base}/cycli/{maastricht.pk}/vastgoed/")
    assert "Vastgoed in" in page.inner_text("h1")
    assert "377–497" in page.inner_text("#pipeline-demolition")
    assert page.locator("figure img").count() == 3
    assert_accessible(page)
