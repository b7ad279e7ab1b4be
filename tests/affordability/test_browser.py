"""The calculator in real Chromium, checked with axe-core."""

from typing import Any

import pytest

from tests.browser.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_calculator_in_browser(page: Any, live_server: Any) -> None:
    page.goto(f"{live_server.url}/rekenhulp/")
    assert_accessible(page)
    page.fill("#id_household_size", "1")
    page.fill("#id_income", "20000")
    page.fill("#id_rent", "600")
    page.select_option("#id_year", "2026")
    page.click("form.utrecht-form button[type=submit]")
    # A 295.68 + B 66.17 + C 0 = 361.85 → rounded down: € 361
    assert "€ 361 per maand" in page.inner_text("#huurtoeslag-amount")
    assert page.locator("#rent-class").inner_text().startswith("betaalbaar")
    assert_accessible(page)
    page.fill("#id_rent", "-5")
    page.click("form.utrecht-form button[type=submit]")
    assert "mag niet negatief" in page.inner_text("#error-rent")
    assert_accessible(page)
