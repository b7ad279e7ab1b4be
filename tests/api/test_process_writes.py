"""The planning and the dispute points written through the API, as on the process pages: the
same services (access, audit), every problem in the input at once, nothing saved on an error.

A date the law fixes is neither moved nor removed (409), a resolved point is not resolved
again (409), a position someone else changed meanwhile is not overwritten (409). Dispute
points are for the parties only: anybody else gets the 404 of a cycle that does not exist.
"""

import datetime
from typing import Any

import pytest
from django.test import Client

from tests.agreements.cast import Cast, build, new_cycle
from tests.api.test_setup_api import Api
from woonafspraken.agreements import services as agreements
from woonafspraken.agreements.models import Cycle
from woonafspraken.audit.models import AuditEntry
from woonafspraken.process import services
from woonafspraken.process.models import DisputePoint, DisputePosition, Milestone

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(db: Any) -> Cast:
    return build()


def _cycle(cast: Cast) -> Cycle:
    """Maastricht's agreements for 2020 (made in 2019), with the corporation and the tenants."""
    m = cast.maastricht
    return new_cycle(m, cast.corporation, m.tenants, title="Afspraken 2020", start=2020, end=2020)


def _audit(action: str, obj: Any) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, object_id=str(obj.pk)))


def _process_audit() -> int:
    """Entries the process writes (a token's creation is in the history too)."""
    return AuditEntry.objects.filter(action__startswith="process.").count()


def _names(problem: dict[str, Any]) -> set[str]:
    return {p["name"] for p in problem["invalidParams"]}


def _delete(api: Api, url: str) -> Any:
    return api.client.delete(f"/api/v1/{url}")


# --- The planning ----------------------------------------------------------------------------


def test_a_coordinator_plans_through_the_api(cast: Cast) -> None:
    cycle = _cycle(cast)
    coordinator = cast.maastricht.coordinator
    api = Api(coordinator)

    added = api.send(
        "post",
        f"cycles/{cycle.pk}/milestones",
        {"kind": "decision", "start": "2019-11-01", "end": "2019-11-30"},
        201,
    )
    assert (added["title"], added["legal"], added["editable"]) == ("besluitvorming", False, True)
    decision = Milestone.objects.get(pk=added["id"], cycle=cycle)
    assert (decision.starts_on, decision.ends_on) == (
        datetime.date(2019, 11, 1),
        datetime.date(2019, 11, 30),
    )
    [created] = _audit("process.milestone.created", decision)
    assert created.actor == coordinator

    moved = api.send(
        "patch",
        f"milestones/{decision.pk}",
        {"start": "2019-11-04", "title": "Collegebesluit"},
        200,
    )
    assert (moved["title"], moved["start"], moved["end"]) == (
        "Collegebesluit",
        "2019-11-04",
        "2019-11-30",
    )
    api.send("patch", f"milestones/{decision.pk}", {"end": None}, 200)
    decision.refresh_from_db()
    assert (decision.title, decision.starts_on, decision.ends_on) == (
        "Collegebesluit",
        datetime.date(2019, 11, 4),
        None,
    )
    assert len(_audit("process.milestone.changed", decision)) == 2

    for _ in range(2):  # twice: the same dates, nothing doubled
        planning = api.send("post", f"cycles/{cycle.pk}/legal-milestones", {"year": 2019}, 200)
    assert [(x["kind"], x["start"], x["legal"]) for x in planning["results"]] == [
        ("bids_due", "2019-07-01", True),
        ("dispute_window", "2019-07-01", True),
        ("decision", "2019-11-04", False),
    ]
    legal = Milestone.objects.get(cycle=cycle, kind="bids_due")
    assert len(_audit("process.milestone.created", legal)) == 1

    # The law's dates stay where they are: a conflict with what the milestone is, not bad input.
    refused = api.send("patch", f"milestones/{legal.pk}", {"start": "2019-06-01"}, 409)
    assert refused["detail"] == "Een wettelijke datum kan niet worden verschoven."
    kept = _delete(api, f"milestones/{legal.pk}")
    assert kept.status_code == 409
    assert kept.json()["detail"] == "Een wettelijke datum blijft in de planning staan."
    legal.refresh_from_db()
    assert legal.starts_on == datetime.date(2019, 7, 1)
    assert _audit("process.milestone.changed", legal) == []
    assert _audit("process.milestone.removed", legal) == []

    gone = _delete(api, f"milestones/{decision.pk}")
    assert gone.status_code == 204
    assert not Milestone.objects.filter(pk=decision.pk).exists()
    assert len(_audit("process.milestone.removed", decision)) == 1
    listed = api.get(f"cycles/{cycle.pk}/milestones")["results"]
    assert [x["kind"] for x in listed] == ["bids_due", "dispute_window"]


def _signing(cast: Cast, cycle: Cycle) -> Milestone:
    """The signing on 1 December 2019, planned by Maastricht's coordinator."""
    return services.add_milestone(
        cast.maastricht.coordinator,
        cycle,
        kind="signing",
        title="",
        starts_on=datetime.date(2019, 12, 1),
    )


def test_wrong_planning_input_names_every_field_and_writes_nothing(cast: Cast) -> None:
    cycle = _cycle(cast)
    m = cast.maastricht
    signing = _signing(cast, cycle)
    before = _process_audit()
    api = Api(m.coordinator)

    wrong = api.send(
        "post",
        f"cycles/{cycle.pk}/milestones",
        {"kind": "bids_due", "title": "x" * 201, "start": "2019-02-31", "end": "morgen"},
        400,
    )
    assert _names(wrong) == {"kind", "title", "start", "end"}
    backwards = api.send(
        "post",
        f"cycles/{cycle.pk}/milestones",
        {"kind": "decision", "start": "2019-11-30", "end": "2019-11-01"},
        400,
    )
    assert backwards["invalidParams"] == [
        {"name": "end", "reason": "De einddatum ligt vóór de begindatum."}
    ]
    moved = api.send(
        "patch",
        f"milestones/{signing.pk}",
        {"start": "gisteren", "end": "2019-13-01", "title": ""},
        400,
    )
    assert _names(moved) == {"start", "end", "title"}
    far = api.send("post", f"cycles/{cycle.pk}/legal-milestones", {"year": 2010}, 400)
    assert far["invalidParams"] == [
        {"name": "year", "reason": "Kies een jaar van 2015 tot en met 2020."}
    ]

    assert list(Milestone.objects.filter(cycle=cycle)) == [signing]
    signing.refresh_from_db()
    assert (signing.title, signing.starts_on, signing.ends_on) == (
        "ondertekening",
        datetime.date(2019, 12, 1),
        None,
    )
    assert _process_audit() == before


def test_only_the_municipalitys_coordinator_plans(cast: Cast) -> None:
    cycle = _cycle(cast)
    m = cast.maastricht
    signing = _signing(cast, cycle)
    before = _process_audit()
    new = {"kind": "decision", "start": "2019-11-01"}
    # The corporation and the municipality's project leader see the cycle: refused (403).
    # Heerlen's coordinator does not see it: as if it did not exist (404).
    for person, status in (
        (cast.corporation_staff, 403),
        (m.leader, 403),
        (cast.heerlen.coordinator, 404),
    ):
        api = Api(person)
        api.send("post", f"cycles/{cycle.pk}/milestones", new, status)
        api.send("patch", f"milestones/{signing.pk}", {"start": "2019-12-02"}, status)
        assert _delete(api, f"milestones/{signing.pk}").status_code == status
        api.send("post", f"cycles/{cycle.pk}/legal-milestones", {"year": 2019}, status)
    anonymous = Client().post(
        f"/api/v1/cycles/{cycle.pk}/milestones", new, content_type="application/json"
    )
    assert anonymous.status_code == 404

    assert list(Milestone.objects.filter(cycle=cycle)) == [signing]
    signing.refresh_from_db()
    assert signing.starts_on == datetime.date(2019, 12, 1)
    assert _process_audit() == before


def test_a_published_cycle_is_still_planned_by_its_own_municipality_only(cast: Cast) -> None:
    cycle = _cycle(cast)
    agreements.set_publication(cast.maastricht.coordinator, cycle, published=True)
    refused = Api(cast.heerlen.coordinator, language="en").send(
        "post", f"cycles/{cycle.pk}/milestones", {"kind": "decision", "start": "2019-11-01"}, 403
    )
    assert refused["detail"] == "Only a coordinator of the municipality may change the schedule."
    assert not Milestone.objects.filter(cycle=cycle).exists()


# --- Dispute points --------------------------------------------------------------------------


def _point(cast: Cast, cycle: Cycle) -> DisputePoint:
    m = cast.maastricht
    return services.add_dispute_point(
        m.coordinator,
        cycle,
        subject="Aantal nieuwe sociale huurwoningen",
        positions={m.gemeente: "Minstens 200 per jaar."},
    )


def test_parties_record_and_settle_a_dispute_point_through_the_api(cast: Cast) -> None:
    cycle = _cycle(cast)
    m, corporation = cast.maastricht, cast.corporation
    municipality = Api(m.coordinator)

    made = municipality.send(
        "post",
        f"cycles/{cycle.pk}/dispute-points",
        {
            "subject": "Aantal nieuwe sociale huurwoningen",
            "description": "Per jaar, vanaf 2020.",
            "positions": [{"organisation": m.gemeente.pk, "position": "Minstens 200 per jaar."}],
        },
        201,
    )
    point = DisputePoint.objects.get(pk=made["id"], cycle=cycle)
    assert (point.subject, point.description, point.is_open) == (
        "Aantal nieuwe sociale huurwoningen",
        "Per jaar, vanaf 2020.",
        True,
    )
    assert [(p.organisation, p.position) for p in point.positions.all()] == [
        (m.gemeente, "Minstens 200 per jaar.")
    ]
    assert len(_audit("process.dispute_point.created", point)) == 1
    stated = {p["organisation"]["id"]: p["position"] for p in made["positions"]}
    assert stated == {
        m.gemeente.pk: "Minstens 200 per jaar.",
        corporation.pk: None,
        m.tenants.pk: None,
    }
    assert made["open"] is True and made["resolvedAt"] is None

    # The corporation reads the points and states its own position with the version it saw.
    staff = Api(cast.corporation_staff)
    [listed] = staff.get(f"cycles/{cycle.pk}/dispute-points")["results"]
    seen = next(p for p in listed["positions"] if p["organisation"]["id"] == corporation.pk)
    url = f"dispute-points/{point.pk}/positions/{corporation.pk}"
    body = {"position": "Hoogstens 60 per jaar.", "version": seen["version"]}
    answer = staff.send("put", url, body, 200)
    assert answer["position"] == "Hoogstens 60 per jaar."
    position = DisputePosition.objects.get(point=point, organisation=corporation)
    assert position.position == "Hoogstens 60 per jaar."
    [entry] = _audit("process.dispute_position.created", position)
    assert entry.actor == cast.corporation_staff

    # Sent again with the version from before: someone changed it meanwhile, nothing written.
    stale = staff.send("put", url, {"position": "Hoogstens 80.", "version": seen["version"]}, 409)
    assert stale["current"] == {"position": "Hoogstens 60 per jaar."}
    position.refresh_from_db()
    assert position.position == "Hoogstens 60 per jaar."
    assert _audit("process.dispute_position.changed", position) == []
    changed = staff.send(
        "put", url, {"position": "Hoogstens 80.", "version": answer["version"]}, 200
    )
    assert changed["position"] == "Hoogstens 80."
    assert len(_audit("process.dispute_position.changed", position)) == 1

    settled = municipality.send(
        "post", f"dispute-points/{point.pk}/resolution", {"resolution": "Samen 120 per jaar."}, 200
    )
    assert (settled["open"], settled["resolution"]) == (False, "Samen 120 per jaar.")
    assert settled["resolvedAt"]
    point.refresh_from_db()
    assert (point.is_open, point.resolution) == (False, "Samen 120 per jaar.")
    [resolved] = _audit("process.dispute_point.resolved", point)
    assert resolved.source == "api"

    again = municipality.send(
        "post", f"dispute-points/{point.pk}/resolution", {"resolution": "Toch anders."}, 409
    )
    assert again["detail"] == "Dit geschilpunt is al opgelost."
    point.refresh_from_db()
    assert point.resolution == "Samen 120 per jaar."
    assert len(_audit("process.dispute_point.resolved", point)) == 1


def test_wrong_dispute_input_names_every_field_and_writes_nothing(cast: Cast) -> None:
    cycle = _cycle(cast)
    m = cast.maastricht
    point = _point(cast, cycle)
    before = _process_audit()
    api = Api(m.coordinator)

    wrong = api.send(
        "post",
        f"cycles/{cycle.pk}/dispute-points",
        {
            "subject": "x" * 301,
            "positions": [
                {"organisation": cast.heerlen.gemeente.pk, "position": ""},
                {"organisation": 10**12},
            ],
        },
        400,
    )
    assert _names(wrong) == {
        "subject",
        "positions[0].organisation",
        "positions[0].position",
        "positions[1].organisation",
        "positions[1].position",
    }
    twice = api.send(
        "post",
        f"cycles/{cycle.pk}/dispute-points",
        {
            "subject": "Huren",
            "positions": [
                {"organisation": m.gemeente.pk, "position": "Omlaag."},
                {"organisation": m.gemeente.pk, "position": "Gelijk."},
            ],
        },
        400,
    )
    assert twice["invalidParams"] == [
        {"name": "positions", "reason": "Geef per partij één standpunt."}
    ]
    url = f"dispute-points/{point.pk}/positions/{m.gemeente.pk}"
    empty = api.send("put", url, {"position": "", "version": "v" * 65}, 400)
    assert _names(empty) == {"position", "version"}
    blank = api.send("post", f"dispute-points/{point.pk}/resolution", {"resolution": ""}, 400)
    assert _names(blank) == {"resolution"}

    assert list(DisputePoint.objects.filter(cycle=cycle)) == [point]
    point.refresh_from_db()
    assert point.is_open
    assert [p.position for p in point.positions.all()] == ["Minstens 200 per jaar."]
    assert _process_audit() == before


def test_dispute_points_are_for_the_parties_and_each_writes_its_own(cast: Cast) -> None:
    cycle = _cycle(cast)
    m = cast.maastricht
    point = _point(cast, cycle)
    agreements.set_publication(m.coordinator, cycle, published=True)  # still not for others
    before = _process_audit()
    new = {"subject": "Huren", "positions": []}
    own = f"dispute-points/{point.pk}/positions/{m.gemeente.pk}"

    # Not a party: the same 404 as for a point that does not exist, also without a token.
    outsider = Api(cast.heerlen.coordinator, language="en")
    assert outsider.client.get(f"/api/v1/cycles/{cycle.pk}/dispute-points").status_code == 404
    outsider.send("post", f"cycles/{cycle.pk}/dispute-points", new, 404)
    hidden = outsider.send("put", own, {"position": "Nee."}, 404)
    assert hidden["detail"] == (
        "This point of dispute does not exist (or you are not a party in this cycle)."
    )
    outsider.send("post", f"dispute-points/{point.pk}/resolution", {"resolution": "Ja."}, 404)
    assert Client().get(f"/api/v1/cycles/{cycle.pk}/dispute-points").status_code == 404

    # A party writes only its own position, and only the municipality's coordinator settles.
    staff = Api(cast.corporation_staff)
    staff.send("put", own, {"position": "Hoogstens 60."}, 403)
    staff.send("post", f"dispute-points/{point.pk}/resolution", {"resolution": "Ja."}, 403)
    staff.send(
        "put",
        f"dispute-points/{point.pk}/positions/{cast.heerlen.gemeente.pk}",
        {"position": "Hoogstens 60."},
        404,
    )
    # The project leader is a party but writes for nobody.
    Api(m.leader).send("post", f"cycles/{cycle.pk}/dispute-points", new, 403)

    assert list(DisputePoint.objects.filter(cycle=cycle)) == [point]
    assert [p.position for p in point.positions.all()] == ["Minstens 200 per jaar."]
    point.refresh_from_db()
    assert point.is_open
    assert _process_audit() == before
