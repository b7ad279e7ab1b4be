"""Phases lock what they say: the table in ``process.locks``, checked by every write."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from tests.agreements.cast import Cast, build, new_cycle
from woonafspraken.agreements import services
from woonafspraken.agreements.models import Agreement, Cycle, Measurement, Target
from woonafspraken.process import locks, rules, workflow
from woonafspraken.process import services as process_services
from woonafspraken.process.models import PhaseChange


def test_the_table_covers_every_phase_and_area() -> None:
    assert set(locks.TABLE) == set(workflow.PHASES)
    for phase in workflow.PHASES:
        assert set(locks.TABLE[phase]) == set(locks.AREAS)
    assert all(v == locks.LOCKED for v in locks.TABLE["closed"].values())
    assert locks.rule("signed", locks.TEXTS) == locks.AMENDMENT
    assert locks.rule("monitoring", locks.FIGURES) == locks.OPEN
    assert locks.may_change("signed", locks.TARGETS, amending=True)
    assert not locks.may_change("closed", locks.TARGETS, amending=True)


@pytest.fixture
def cast(db: Any) -> Cast:
    return build()


def _closed_cycle(cast: Cast) -> tuple[Cycle, Agreement, Target]:
    m = cast.maastricht
    cycle = new_cycle(m, cast.corporation)
    theme = services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    agreement = services.add_agreement(m.coordinator, theme, title="Bouwen", kind="result")
    indicator = services.add_indicator(
        m.coordinator, m.municipality, name="Opgeleverd", unit="count"
    )
    target = services.add_target(
        m.coordinator,
        agreement,
        indicator=indicator,
        kind="min",
        party=cast.corporation,
        year=2019,
        value=10,
    )
    Cycle.objects.filter(pk=cycle.pk).update(phase="closed")
    cycle.refresh_from_db()
    return cycle, agreement, target


def test_every_write_to_a_closed_cycle_is_refused_and_changes_nothing(cast: Cast) -> None:
    cycle, agreement, target = _closed_cycle(cast)
    m = cast.maastricht
    writes = [
        lambda: services.record_measurement(cast.corporation_staff, target, value=11),
        lambda: services.record_assessment(m.coordinator, agreement, year=2019, status="achieved"),
        lambda: services.update_target(
            m.coordinator, target, changes={"value": "12"}, expected_version=target.version
        ),
        lambda: services.update_agreement(
            m.coordinator, agreement, changes={"title": "X"}, expected_version=agreement.version
        ),
        lambda: services.add_agreement(m.coordinator, agreement.theme, title="Nieuw"),
        lambda: services.add_theme(m.coordinator, cycle, name="Nieuw thema"),
        lambda: services.archive_agreement(m.coordinator, agreement),
        lambda: services.add_assignment(m.coordinator, agreement.theme, year=2019, title="Opdr"),
    ]
    for write in writes:
        with pytest.raises(rules.CycleLocked, match="afgesloten"):
            write()
    assert not Measurement.objects.exists()
    assert Agreement.objects.get(pk=agreement.pk).title == "Bouwen"
    assert Target.objects.get(pk=target.pk).value == 10


def test_after_signing_texts_change_only_by_amendment_but_figures_go_on(cast: Cast) -> None:
    cycle, agreement, target = _closed_cycle(cast)
    Cycle.objects.filter(pk=cycle.pk).update(phase="monitoring")
    m = cast.maastricht
    with pytest.raises(rules.CycleLocked, match="amendement"):
        services.update_agreement(
            m.coordinator, agreement, changes={"title": "X"}, expected_version=agreement.version
        )
    services.record_measurement(cast.corporation_staff, target, value=11)
    with rules.applying_amendment(cycle):
        services.update_agreement(
            m.coordinator, agreement, changes={"title": "X"}, expected_version=agreement.version
        )


def test_reopening_needs_a_municipal_admin_and_a_reason_and_stays_in_the_history(
    cast: Cast,
) -> None:
    cycle, _, target = _closed_cycle(cast)
    m, h = cast.maastricht, cast.heerlen
    with pytest.raises(PermissionDenied):
        process_services.change_phase(m.coordinator, cycle, "evaluation", "Correctie")
    with pytest.raises(PermissionDenied):
        process_services.change_phase(h.admin, cycle, "evaluation", "Correctie")
    with pytest.raises(ValidationError) as exc:
        process_services.change_phase(m.admin, cycle, "evaluation", "  ")
    assert "note" in exc.value.message_dict
    assert Cycle.objects.get(pk=cycle.pk).phase == "closed"
    process_services.change_phase(m.admin, cycle, "evaluation", "Cijfer 2019 was fout")
    services.record_measurement(cast.corporation_staff, target, value=11)
    process_services.change_phase(m.coordinator, cycle, "closed", "Gecorrigeerd")
    changes = list(
        PhaseChange.objects.filter(cycle=cycle).values_list(
            "from_phase", "to_phase", "changed_by__username", "note"
        )
    )
    assert changes == [
        ("closed", "evaluation", "admin-maastricht", "Cijfer 2019 was fout"),
        ("evaluation", "closed", "coord-maastricht", "Gecorrigeerd"),
    ]


def test_a_write_on_a_closed_cycle_reads_as_a_dutch_message_on_the_web(cast: Cast) -> None:
    _, _, target = _closed_cycle(cast)
    client = Client()
    client.force_login(cast.corporation_staff)
    response = client.post(
        reverse("record_measurement", args=[target.pk]),
        {"value": "11", "year": "2019"},
        follow=True,
    )
    assert "Deze cyclus is afgesloten: de realisaties liggen vast" in response.content.decode()
    assert not Measurement.objects.exists()


def test_a_closed_cycle_refuses_every_bid_write_on_the_services_and_the_web(cast: Cast) -> None:
    from woonafspraken.governance import services as bids
    from woonafspraken.governance.models import Bid, BidItem

    cycle, _, _ = _closed_cycle(cast)
    Cycle.objects.filter(pk=cycle.pk).update(phase="bids")
    cycle.refresh_from_db()
    staff, corporation = cast.corporation_staff, cast.corporation
    bid = bids.start_bid(staff, cycle, corporation, year=2019)
    line = bids.add_bid_item(
        staff, bid, item={"section": "a", "description": "Nieuwbouw", "planned": [4]}
    )
    Cycle.objects.filter(pk=cycle.pk).update(phase="closed")
    cycle.refresh_from_db()
    writes = [
        lambda: bids.start_bid(staff, cycle, corporation, year=2020),
        lambda: bids.save_bid_content(staff, bid, sections={"a": "Anders"}, items=None),
        lambda: bids.add_bid_item(staff, bid, item={"section": "a", "description": "Meer"}),
        lambda: bids.update_bid_item(
            staff, line, changes={"section": "a", "description": "Anders", "planned": [1]}
        ),
        lambda: bids.remove_bid_item(staff, line),
        lambda: bids.submit_bid(staff, bid),
    ]
    for write in writes:
        with pytest.raises(rules.CycleLocked, match="de biedingen liggen vast"):
            write()
    assert Bid.objects.get().status == Bid.Status.DRAFT
    assert list(BidItem.objects.values_list("description", flat=True)) == ["Nieuwbouw"]

    client = Client()
    client.force_login(staff)
    for name, data, status in (
        ("governance:submit_bid", {}, 200),  # a message on the bid page
        # a form comes back with the refusal above it and what was typed in it
        ("governance:add_bid_item", {"section": "a", "description": "Meer"}, 400),
        ("governance:save_bid_texts", {"section-a": "Anders"}, 400),
    ):
        response = client.post(reverse(name, args=[bid.pk]), data, follow=True)
        assert response.status_code == status
        assert "Deze cyclus is afgesloten: de biedingen liggen vast" in response.content.decode()
    assert Bid.objects.get().status == Bid.Status.DRAFT
    assert BidItem.objects.count() == 1
