"""``make screenshots``: the key pages at 1280 and 390 px, as a visitor and as each role.

Runs only when ``WOONAFSPRAKEN_SCREENSHOTS`` names the folder to write to (the Makefile sets
``docs/screenshots``); the README shows two of them.
"""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import login
from woonafspraken import demo
from woonafspraken.agreements.models import Cycle

FOLDER = os.environ.get("WOONAFSPRAKEN_SCREENSHOTS", "")
ROLES = ["anonymous", "gemeente-maastricht", "woonpunt", "woonbelang"]
WIDTHS = (1280, 390)


def _pages(cycle: Cycle) -> dict[str, str]:
    theme = cycle.themes.order_by("order", "id").first()
    lead = theme.lead_organisation if theme else None
    return {
        "start": "/",
        "cycle": f"/cycli/{cycle.pk}/",
        "theme": f"/themas/{theme.pk}/" if theme else "/themas/",
        "process": f"/cycli/{cycle.pk}/proces/",
        "calculator": "/rekenhulp/",
        "organisation": f"/organisaties/{lead.pk}/" if lead else "/",
        "national": "/landelijk/",
    }


@pytest.mark.browser
@pytest.mark.skipif(not FOLDER, reason="make screenshots sets WOONAFSPRAKEN_SCREENSHOTS")
@pytest.mark.parametrize("role", ROLES)
def test_save_the_key_pages(page, live_server, db, role):
    demo.load()
    cycle = Cycle.objects.get(title="Prestatieafspraken 2017")
    folder = Path(FOLDER)
    folder.mkdir(parents=True, exist_ok=True)
    if role != "anonymous":
        login(page, live_server.url, role)
    for name, path in _pages(cycle).items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(live_server.url + path)
            page.screenshot(path=str(folder / f"{role}-{name}-{width}.png"), full_page=False)
