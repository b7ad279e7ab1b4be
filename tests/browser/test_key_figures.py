import pytest

from tests.browser.conftest import assert_accessible
from tests.documents.test_charts import _record_new_build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_key_figures_on_the_cycle_overview_are_accessible_and_fit_a_phone(
    page, live_server, maastricht, user
):
    _record_new_build(maastricht, user)
    page.goto(f"{live_server.url}/cycli/{maastricht.pk}/?year=2018")
    section = page.locator("section[aria-labelledby=key-figures-heading]")
    assert "Kerncijfers 2018" in section.inner_text()
    assert section.locator("figure img[alt^='Grafiek: Nieuwbouw']").count() == 1
    section.locator("details summary").first.click()  # the table, one click away
    assert "Servatius" in section.locator("table").first.inner_text()
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
