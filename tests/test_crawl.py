"""Every page, as every role: no server error, no words meant for developers, money in the
reader's notation, and no person's name for anonymous visitors.

The crawl follows the links a reader can click, starting from the home page, and visits at
most a few pages of each kind (``/afspraken/<id>/`` is one kind), so it covers every page
template without visiting every agreement.
"""

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from woonafspraken import demo
from woonafspraken.accounts.models import Organisation

ROLES = [
    "anonymous",
    "gemeente-maastricht",
    "college-maastricht",
    "woonpunt",
    "woonbelang",
    "beheer",
]

# Words that only make sense to the people who built the tool.
DEVELOPER_WORDS = [
    "seed",
    "Seed",
    "RULES.md",
    "SECONDARY",
    "PRIMARY",
    "TERTIARY",
    "Traceback",
    "onderdelen:",
    "sections:",
    "None",
    "True",
    "False",
    "nan",
    "{{",
    "{%",
    "%(",
]
FILE_NAME = re.compile(r"\b[\w-]+\.(?:md|py|toml|json|yaml|yml|csv|html)\b")
ISO_MOMENT = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}|\b)")
MONEY_NOT_DUTCH = re.compile(r"€\s?(?:\d{1,3}(?:,\d{3})+|\d+\.\d{2}\b|\d{4,})")
MONEY_NOT_ENGLISH = re.compile(r"€\s?(?:\d{1,3}(?:\.\d{3})+|\d+,\d{2}\b|\d{4,})")

SKIP = (
    "/static/",
    "/admin/",
    "/api/",
    "/i18n/",
    "/accounts/logout/",
    "/media/",
)
DOWNLOADS = (".pdf", ".docx", ".xlsx", ".csv", ".ics", ".json", ".svg", ".png")
PER_KIND = 2
MAX_PAGES = 160


class _Reader(HTMLParser):
    """Visible text and links of a page (no scripts, styles or attribute values)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def kind_of(path: str) -> str:
    return re.sub(r"\d+", "#", path)


def read(html: str) -> tuple[str, list[str]]:
    reader = _Reader()
    reader.feed(html)
    return " ".join(" ".join(reader.text).split()), reader.links


def problems_on(text: str, language: str, anonymous: bool, names: list[str]) -> list[str]:
    found = []
    for word in DEVELOPER_WORDS:
        if (
            re.search(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text)
            if word[0].isalnum()
            else word in text
        ):
            found.append(f"developer word {word!r}")
    found += [f"file name {m!r}" for m in FILE_NAME.findall(text)]
    found += [f"ISO date {m!r}" for m in ISO_MOMENT.findall(text)]
    wrong = MONEY_NOT_DUTCH if language == "nl" else MONEY_NOT_ENGLISH
    found += [f"money {m!r}" for m in wrong.findall(text)]
    if anonymous:
        found += [
            f"person {n!r}" for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)
        ]
    return found


def crawl(client: Client, language: str, anonymous: bool, names: list[str]) -> dict[str, list[str]]:
    client.cookies["woonafspraken_language"] = language
    queue = ["/", "/cycli/", "/themas/", "/overleg/", "/documenten/", "/rekenhulp/", "/beleid/"]
    seen: set[str] = set()
    kinds: Counter[str] = Counter()
    report: dict[str, list[str]] = {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            report[url] = [f"status {response.status_code}"]
            continue
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        text, links = read(response.content.decode())
        found = problems_on(text, language, anonymous, names)
        if found:
            report[url] = found
        for href in links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/"):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query.startswith("year=") else "")
            if path.startswith(SKIP) or parts.path.endswith(DOWNLOADS) or path in seen:
                continue
            kind = kind_of(parts.path)
            if kinds[kind] >= PER_KIND:
                continue
            kinds[kind] += 1
            queue.append(path)
    return report


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        demo.load()
        User = get_user_model()
        # A person with a name, as real people have: it must never reach anonymous pages.
        for user in User.objects.all():
            if not user.first_name:
                user.first_name, user.last_name = "Jolanda", f"de Vries-{user.username}"
                user.save(update_fields=["first_name", "last_name"])
        yield
        # the module's data stays for its tests only
        from django.core.management import call_command

        call_command("flush", interactive=False, verbosity=0)


# Every role in Dutch; English for a visitor and for a party (the pages are the same).
RUNS = [(role, "nl") for role in ROLES] + [("anonymous", "en"), ("woonpunt", "en")]


@pytest.mark.django_db
@pytest.mark.parametrize("role,language", RUNS)
def test_every_page_reads_like_the_municipalitys_own(demo_data, role, language):
    User = get_user_model()
    client = Client()
    if role != "anonymous":
        client.force_login(User.objects.get(username=role))
    # A username that is also an organisation's code cannot be told apart from it; the
    # full names (every demo person has one here) and the other usernames can.
    codes = set(Organisation.objects.values_list("slug", flat=True)) | {"beheer"}
    names = []
    for user in User.objects.all():
        names.append(user.get_full_name())
        if user.username not in codes:
            names.append(user.username)
    report = crawl(client, language, role == "anonymous", names)
    assert not report, "\n".join(f"{url}: {', '.join(p)}" for url, p in report.items())
