"""A municipality decides when its cycle is open to everyone (issue 11's open data starts
here): on the set-up page and through ``PATCH /cycles/{id}``, in any phase, in the history."""

import json
from typing import Any

from django.test import Client

from woonafspraken.accounts import services as accounts
from woonafspraken.agreements.models import Cycle
from woonafspraken.audit.models import AuditEntry

from .cast import Cast, logged_in, new_cycle


def _publish_on_the_web(client: Client, cycle: Cycle, value: bool) -> Any:
    return client.post(
        f"/cycli/{cycle.pk}/inrichten/",
        {"form": "publication", "publication-published": "True" if value else "False"},
    )


def test_a_coordinator_publishes_and_withdraws_a_cycle_on_the_set_up_page(cast: Cast) -> None:
    m = cast.maastricht
    cycle = new_cycle(m, cast.corporation)
    visitor = Client()
    assert visitor.get(f"/cycli/{cycle.pk}/").status_code == 404
    coordinator = logged_in(m.coordinator)
    page = coordinator.get(f"/cycli/{cycle.pk}/inrichten/").content.decode()
    assert "nog niet openbaar" in page and "Openbaar maken" in page

    response = _publish_on_the_web(coordinator, cycle, True)
    assert response.status_code == 302, response.content.decode()[:2000]
    cycle.refresh_from_db()
    assert cycle.published
    shown = visitor.get(f"/cycli/{cycle.pk}/")
    assert shown.status_code == 200
    assert cycle.title in shown.content.decode()
    assert (
        "Niet meer openbaar maken"
        in coordinator.get(f"/cycli/{cycle.pk}/inrichten/").content.decode()
    )

    _publish_on_the_web(coordinator, cycle, False)
    cycle.refresh_from_db()
    assert not cycle.published
    assert visitor.get(f"/cycli/{cycle.pk}/").status_code == 404
    actions = AuditEntry.objects.filter(
        cycle_id=cycle.pk,
        action__in=["agreements.cycle.published", "agreements.cycle.unpublished"],
    ).order_by("pk")
    assert list(actions.values_list("action", flat=True)) == [
        "agreements.cycle.published",
        "agreements.cycle.unpublished",
    ]
    history = coordinator.get(f"/cycli/{cycle.pk}/wijzigingen/").content.decode()
    assert "Openbaar gemaakt" in history and "Niet meer openbaar:" in history


def test_only_those_who_run_the_cycle_may_publish_it(cast: Cast) -> None:
    m, h = cast.maastricht, cast.heerlen
    cycle = new_cycle(m, cast.corporation)
    for person in (m.leader, cast.corporation_staff, h.coordinator):
        response = _publish_on_the_web(logged_in(person), cycle, True)
        assert response.status_code == 403, person.username
    cycle.refresh_from_db()
    assert not cycle.published
    assert not AuditEntry.objects.filter(action="agreements.cycle.published").exists()


def test_a_closed_cycle_can_still_be_published_but_not_changed(cast: Cast) -> None:
    m = cast.maastricht
    cycle = new_cycle(m, cast.corporation)
    Cycle.objects.filter(pk=cycle.pk).update(phase="closed")
    api = Client(HTTP_AUTHORIZATION=f"Token {accounts.create_token(m.coordinator)}")

    def patch(body: dict[str, Any]) -> Any:
        return api.patch(
            f"/api/v1/cycles/{cycle.pk}", data=json.dumps(body), content_type="application/json"
        )

    # A change of the title with it: the closed cycle refuses, and the publication is not
    # made either (all or nothing).
    refused = patch({"title": "Andere titel", "published": True})
    assert refused.status_code == 409, refused.content.decode()
    cycle.refresh_from_db()
    assert (cycle.title, cycle.published) == ("Prestatieafspraken 2019", False)

    done = patch({"published": True})
    assert done.status_code == 200, done.content.decode()
    assert done.json()["published"] is True
    assert Client().get(f"/api/v1/cycles/{cycle.pk}").status_code == 200

    bad = patch({"published": "misschien"})
    assert bad.status_code == 400
    assert [p["name"] for p in bad.json()["invalidParams"]] == ["published"]
    cycle.refresh_from_db()
    assert cycle.published


def test_the_api_refuses_publication_by_a_corporation(cast: Cast) -> None:
    cycle = new_cycle(cast.maastricht, cast.corporation)
    api = Client(HTTP_AUTHORIZATION=f"Token {accounts.create_token(cast.corporation_staff)}")
    response = api.patch(
        f"/api/v1/cycles/{cycle.pk}",
        data=json.dumps({"published": True}),
        content_type="application/json",
    )
    assert response.status_code == 403
    cycle.refresh_from_db()
    assert not cycle.published
