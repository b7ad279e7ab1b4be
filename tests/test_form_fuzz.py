"""No input reaches a 500 (issue 15, point 7): every write address of the web, enumerated from
the URL patterns like the permission sweep, gets hostile values in every field a form of the
site uses, from people who pass the permission checks (so the fields are really read). The API
has its own fuzz test (tests/api/test_fuzz.py)."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.test_permission_sweep import FORM, WRITES, _urls

FIELDS = sorted(
    {
        *FORM,
        *[
            "organisation",
            "cycle",
            "theme",
            "indicator",
            "party",
            "target",
            "agreement",
            "lead_organisation",
            "lead_party",
            "project_leader",
            "member_organisations",
            "involved_parties",
            "decided_on",
            "decision_body",
            "starts_on",
            "ends_on",
            "low",
            "high",
            "label",
            "tolerance",
            "start_year",
            "end_year",
            "section",
            "description",
            "postcode",
            "planned_1",
            "planned_2",
            "due_date",
            "owner_organisation",
            "owner_person",
            "subject",
            "resolution",
            "agenda",
            "minutes",
            "email",
            "first_name",
            "last_name",
            "username",
            "parties",
            "format",
            "next",
            "action",
            "source",
            "token",
            "goal",
            "up",
            "file",
        ],
    }
)
HOSTILE = {
    "letters": "abc",
    "negative": "-1",
    "huge": "9" * 40,
    "empty": "",
    "nul": "a\x00b",
    "bad_date": "2017-13-45",
    "overflow": "1e309",
}
WEB_WRITES = [(route, name) for route, name in WRITES if not route.startswith("api/")]


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE.keys())
def test_no_hostile_field_value_gives_a_server_error(maastricht: Any, value: str) -> None:
    clients = []
    for username in ("beheer", "gemeente-maastricht", "woonpunt"):
        client = Client(raise_request_exception=False)
        client.force_login(get_user_model().objects.get(username=username))
        clients.append((username, client))
    data = {field: value for field in FIELDS}
    failures = []
    for route, name in WEB_WRITES:
        for url in _urls(route):
            for username, client in clients:
                response = client.post(url, data)
                if response.status_code >= 500:
                    exc = getattr(response, "exc_info", None)
                    failures.append((username, url, name, repr(exc[1]) if exc else ""))
    assert failures == [], "\n".join(map(str, failures))
