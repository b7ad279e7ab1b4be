"""A cycle without agreements, or with an open point of dispute, cannot be signed; the page
says why. The decision body defaults by the kind of party."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.agreements.cast import Cast, build, new_cycle
from woonafspraken.accounts.services import ensure_membership
from woonafspraken.agreements import services as agreement_services
from woonafspraken.agreements.templatetags.woon import shown_verdict
from woonafspraken.process import services

DAY = datetime.date(2019, 11, 15)


@pytest.fixture
def cast(db: Any) -> Cast:
    return build()


def _in_decision(cast: Cast) -> Any:
    m = cast.maastricht
    cycle = new_cycle(m, cast.corporation)
    for to in ("bids", "negotiation", "decision"):
        services.change_phase(m.coordinator, cycle, to, "")
    ensure_membership(m.admin, m.admin, m.gemeente, "signatory")
    m.admin = type(m.admin).objects.get(pk=m.admin.pk)  # roles are cached per user object
    cycle.refresh_from_db()
    return cycle


def test_a_cycle_without_agreements_cannot_be_signed_and_the_page_says_why(cast: Cast) -> None:
    cycle = _in_decision(cast)
    m = cast.maastricht
    with pytest.raises(services.ProcessConflict, match="nog geen afspraken"):
        services.approve_cycle(m.admin, cycle, m.gemeente, "college_bw", DAY)
    client = Client()
    client.force_login(m.coordinator)
    page = client.get(reverse("cycle_process", args=[cycle.pk])).content.decode()
    assert "Ondertekenen kan nog niet" in page
    assert "nog geen afspraken" in page


def test_an_open_point_of_dispute_blocks_signing_until_it_is_resolved(cast: Cast) -> None:
    cycle = _in_decision(cast)
    m = cast.maastricht
    theme = agreement_services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    agreement_services.add_agreement(m.coordinator, theme, title="Bouwen")
    point = services.add_dispute_point(
        m.coordinator,
        cycle,
        subject="Aantal sociale huurwoningen",
        positions={m.gemeente: "Meer bouwen"},
    )
    with pytest.raises(services.ProcessConflict, match="Aantal sociale huurwoningen"):
        services.approve_cycle(m.admin, cycle, m.gemeente, "college_bw", DAY)
    services.resolve_dispute_point(m.coordinator, point, resolution="Compromis: 40 per jaar")
    approval = services.approve_cycle(m.admin, cycle, m.gemeente, "college_bw", DAY)
    assert approval.organisation == m.gemeente


def test_the_coordinator_resolves_a_point_on_the_web_and_signing_is_open_again(
    cast: Cast,
) -> None:
    cycle = _in_decision(cast)
    m = cast.maastricht
    theme = agreement_services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    agreement_services.add_agreement(m.coordinator, theme, title="Bouwen")
    point = services.add_dispute_point(
        m.coordinator, cycle, subject="Aantal sociale huurwoningen", positions={}
    )
    url = reverse("resolve_dispute", args=[point.pk])
    points = reverse("dispute_points", args=[cycle.pk])

    # A party that does not run the cycle sees no form and may not resolve.
    corporation = Client()
    corporation.force_login(cast.corporation_staff)
    assert url not in corporation.get(points).content.decode()
    assert corporation.post(url, {"resolution": "Opgelost"}).status_code == 403

    coordinator = Client()
    coordinator.force_login(m.coordinator)
    page = coordinator.get(points).content.decode()
    assert url in page and "staat de ondertekening in de weg" in page
    empty = coordinator.post(url, {"resolution": "  "}, follow=True).content.decode()
    assert "Beschrijf hoe de partijen het punt oplosten." in empty
    point.refresh_from_db()
    assert point.is_open

    done = coordinator.post(url, {"resolution": "Compromis: 40 per jaar"}, follow=True)
    assert "is opgelost" in done.content.decode()
    assert "Compromis: 40 per jaar" in done.content.decode()
    point.refresh_from_db()
    assert not point.is_open and point.resolution == "Compromis: 40 per jaar"
    again = coordinator.post(url, {"resolution": "Nog eens"}, follow=True).content.decode()
    assert "al opgelost" in again
    history = coordinator.get(reverse("cycle_history", args=[cycle.pk]) + "?soort=proces")
    assert "Compromis: 40 per jaar" in history.content.decode()
    assert services.approve_cycle(m.admin, cycle, m.gemeente, "college_bw", DAY)


def test_the_decision_body_defaults_by_the_kind_of_party(cast: Cast) -> None:
    cycle = _in_decision(cast)
    m = cast.maastricht
    theme = agreement_services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    agreement_services.add_agreement(m.coordinator, theme, title="Bouwen")
    client = Client()
    client.force_login(m.admin)
    page = client.get(reverse("cycle_process", args=[cycle.pk])).content.decode()
    assert '<option value="college_bw" selected>' in page


def test_reopening_without_a_reason_shows_the_error_beside_the_field(cast: Cast) -> None:
    cycle = _in_decision(cast)
    type(cycle).objects.filter(pk=cycle.pk).update(phase="closed")
    client = Client()
    client.force_login(cast.maastricht.admin)
    response = client.post(
        reverse("change_phase", args=[cycle.pk]), {"to": "evaluation", "note": ""}
    )
    assert response.status_code == 400
    assert "Geef de reden op" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.phase == "closed"


class _Evaluated:
    def __init__(self, year: int, verdict: str, measurement: Any = None) -> None:
        self.year, self.verdict, self.measurement = year, verdict, measurement


def test_a_year_to_come_is_not_yet_due_never_not_met() -> None:
    assert shown_verdict(_Evaluated(2031, "not_met"), this_year=2030) == "not_due"
    assert shown_verdict(_Evaluated(2031, "no_data"), this_year=2030) == "not_due"
    assert shown_verdict(_Evaluated(2030, "no_data"), this_year=2030) == "no_data"
    assert shown_verdict(_Evaluated(2029, "not_met"), this_year=2030) == "not_met"
