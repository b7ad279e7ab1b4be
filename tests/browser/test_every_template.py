"""axe-core on every page template, as a visitor and as a person of each kind of party.

The pages are found as a reader finds them: following the links from the home page (the crawl
of ``tests/test_crawl.py``), keeping the first page of each template. Each is opened in
Chromium, checked with axe (WCAG 2.1 A and AA) and then narrowed to 390 px, where it must not
scroll sideways. One page per template keeps the run short on a small machine.
"""

import json
from collections import Counter
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.browser.conftest import axe_violations, login
from tests.test_crawl import DOWNLOADS, SKIP, kind_of, read
from woonafspraken import demo
from woonafspraken.login import secondfactor

# a visitor, and one person of each kind of party: municipality, corporation, tenants; the
# administrator sees the set-up pages besides
ROLES = ["anonymous", "gemeente-maastricht", "woonpunt", "woonbelang", "beheer"]
START = ["/", "/cycli/", "/themas/", "/overleg/", "/documenten/", "/rekenhulp/", "/beleid/"]
MAX_PAGES = 150
PER_KIND = 2


def pages_per_template(client: Client) -> dict[str, str]:
    """The first page (URL) of each template a reader reaches by clicking."""
    queue, seen = list(START), set()
    kinds: Counter[str] = Counter()
    found: dict[str, str] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        names = [t.name for t in response.templates if t.name and not t.name.startswith("_")]
        template = next((n for n in names if "/_" not in n), url)
        found.setdefault(template, url)
        _text, links = read(response.content.decode())
        for href in links:
            parts = urlsplit(urldefrag(href)[0])
            if parts.netloc or not parts.path.startswith("/"):
                continue
            path = parts.path
            if path.startswith(SKIP) or path.endswith(DOWNLOADS) or path in seen:
                continue
            kind = kind_of(path)
            if kinds[kind] >= PER_KIND:
                continue
            kinds[kind] += 1
            queue.append(path)
    return found


def _fits(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", ROLES)
def test_every_template_passes_axe_and_fits_a_phone(page, live_server, role):
    demo.load()
    client = Client()
    if role != "anonymous":
        client.force_login(get_user_model().objects.get(username=role))
        session = client.session
        session[secondfactor.SESSION_KEY] = secondfactor.NONE
        session.save()
        login(page, live_server.url, role)
    templates = pages_per_template(client)
    assert len(templates) >= 10, templates  # the crawl really found the pages
    # pages reached only through a link in a page's text, such as an organisation's name
    assert "agreements/organisation_detail.html" in templates, templates
    problems = {}
    for template, url in sorted(templates.items()):
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server.url + url)
        found = axe_violations(page)
        page.set_viewport_size({"width": 390, "height": 900})
        if not _fits(page):
            found.append({"id": "wider than 390 px"})
        if found:
            problems[f"{template} ({url})"] = found
    assert not problems, json.dumps(problems, indent=1)
