"""The home page, the main menu and the lists behind it: accessible, and fit a phone."""

import pytest

from tests.browser.conftest import assert_accessible, login

PAGES = ("/", "/cycli/", "/themas/", "/documenten/")


def _fits(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.browser
@pytest.mark.parametrize("who", ["anonymous", "woonpunt"])
def test_home_and_menu_pages_are_accessible_and_fit_390_px(page, live_server, maastricht, who):
    base = live_server.url
    if who != "anonymous":
        login(page, base, who)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        for path in PAGES:
            page.goto(base + path)
            assert_accessible(page)
            assert _fits(page), f"{path} is wider than {width} px"
    page.goto(base + "/")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Cycli").click()
    assert page.url == base + "/cycli/"
