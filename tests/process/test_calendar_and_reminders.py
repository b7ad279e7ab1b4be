"""Legal milestones, the iCalendar feed, and reminder mail with frozen dates."""

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from tests.process.conftest import DAY, to_decision, walk
from woonafspraken.audit.models import AuditEntry
from woonafspraken.process import ical, services
from woonafspraken.process.models import Milestone, ReminderSent

AMS = datetime.timezone(datetime.timedelta(hours=2))


def test_the_legal_milestones_are_filled_in(maastricht: Any, user: Any) -> None:
    services.fill_legal_milestones(maastricht, 2019)
    walk(maastricht, user("beheer"), "bids")
    walk(
        maastricht, user("beheer"), "negotiation", at=datetime.datetime(2019, 9, 2, 10, tzinfo=AMS)
    )
    services.fill_legal_milestones(maastricht, 2019)  # idempotent
    got = {
        m.kind: (m.starts_on, m.ends_on, m.legal, m.editable) for m in maastricht.milestones.all()
    }
    assert got == {
        "bids_due": (datetime.date(2019, 7, 1), None, True, False),
        "dispute_window": (datetime.date(2019, 7, 1), datetime.date(2020, 1, 29), True, False),
        "dispute_possible": (datetime.date(2020, 3, 2), None, True, False),
    }


def test_a_coordinator_moves_practice_dates_but_never_legal_ones(
    maastricht: Any, user: Any
) -> None:
    legal = services.fill_legal_milestones(maastricht, 2019)[0]
    coordinator = user("gemeente-maastricht")
    practice = services.add_milestone(
        coordinator, maastricht, kind="decision", title="Besluitvorming", starts_on=DAY
    )
    services.update_milestone(coordinator, practice, starts_on=datetime.date(2019, 11, 20))
    with pytest.raises(ValidationError, match="wettelijke"):
        services.update_milestone(coordinator, legal, starts_on=datetime.date(2019, 6, 1))
    with pytest.raises(PermissionDenied):
        services.update_milestone(user("woonpunt"), practice, starts_on=DAY)


def _practice_milestone(client: Any, maastricht: Any, user: Any) -> Milestone:
    """A practice milestone on ``DAY``, and its coordinator logged in."""
    coordinator = user("gemeente-maastricht")
    client.force_login(coordinator)
    return services.add_milestone(
        coordinator, maastricht, kind="decision", title="Besluitvorming", starts_on=DAY
    )


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        (
            {"starts_on": "abc", "ends_on": "31-02-2020"},
            ["Van: Vul een datum in", "Tot en met: Deze"],
        ),
        ({"starts_on": "", "ends_on": ""}, ["Van: "]),
        ({"starts_on": "20-11-2019", "ends_on": "1 nov 2019"}, ["vóór de begindatum"]),
    ],
)
def test_a_wrong_move_of_a_milestone_tells_everything_and_moves_nothing(
    client: Any, maastricht: Any, user: Any, data: dict[str, str], messages: list[str]
) -> None:
    practice = _practice_milestone(client, maastricht, user)
    before = AuditEntry.objects.count()
    response = client.post(f"/mijlpalen/{practice.pk}/verplaatsen/", data, follow=True)
    said = " ".join(str(m) for m in response.context["messages"])
    assert said.startswith("Niet gelukt:")
    assert all(m in said for m in messages), said
    practice.refresh_from_db()
    assert (practice.starts_on, practice.ends_on, AuditEntry.objects.count()) == (DAY, None, before)


def test_a_milestone_moves_to_a_date_typed_the_dutch_way(
    client: Any, maastricht: Any, user: Any
) -> None:
    practice = _practice_milestone(client, maastricht, user)
    client.post(
        f"/mijlpalen/{practice.pk}/verplaatsen/",
        {"starts_on": "20 november 2019", "ends_on": "2019-11-22"},
    )
    practice.refresh_from_db()
    assert (practice.starts_on, practice.ends_on) == (
        datetime.date(2019, 11, 20),
        datetime.date(2019, 11, 22),
    )


def test_the_calendar_feed_follows_rfc_5545(client: Any, maastricht: Any, user: Any) -> None:
    services.fill_legal_milestones(maastricht, 2019)
    services.add_milestone(
        user("gemeente-maastricht"),
        maastricht,
        kind="council_letter",
        title="Raadsinformatiebrief; prestatieafspraken, bijlagen en een heel lange titel "
        "die gevouwen moet worden",
        starts_on=datetime.date(2019, 12, 2),
    )
    response = client.get(f"/cycli/{maastricht.pk}/agenda.ics")
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    lines = body.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in body.replace(b"\r\n", b"")
    unfolded = body.decode().replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20190701" in unfolded
    assert "DTEND;VALUE=DATE:20200130" in unfolded  # 29 January inclusive
    assert "Raadsinformatiebrief\\; prestatieafspraken\\, bijlagen" in unfolded
    assert unfolded.count("BEGIN:VEVENT") == 3
    assert unfolded.count("UID:milestone-") == 3 and "DTSTAMP:" in unfolded
    api = client.get(f"/api/v1/cycles/{maastricht.pk}/calendar.ics")
    assert api.status_code == 200 and api.content.count(b"BEGIN:VEVENT") == 3


def test_folding_never_splits_a_character() -> None:
    folded = ical.fold("SUMMARY:" + "é" * 80)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "é" * 80


@pytest.fixture
def deciding(maastricht: Any, user: Any) -> Any:
    for party in maastricht.parties.all():
        for membership in party.memberships.select_related("user"):
            membership.user.email = f"{membership.user.username}@example.org"
            membership.user.save()
    to_decision(maastricht, user("beheer"))
    services.add_milestone(
        user("gemeente-maastricht"),
        maastricht,
        kind="decision",
        title="Besluitvorming",
        starts_on=datetime.date(2019, 11, 1),
        ends_on=datetime.date(2019, 11, 30),
    )
    return maastricht


def _run(today: str, capture: Any) -> None:
    with capture(execute=True):
        call_command("send_reminders", f"--today={today}")


def test_reminders_go_once_to_exactly_the_parties_that_owe_an_approval(
    deciding: Any, user: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    woonpunt = deciding.parties.get(slug="woonpunt")
    services.approve_cycle(user("woonpunt"), deciding, woonpunt, "raad_van_bestuur", DAY)
    _run("2019-11-10", django_capture_on_commit_callbacks)  # 20 days before: nothing yet
    assert mailoutbox == []
    _run("2019-11-16", django_capture_on_commit_callbacks)  # 14 days before
    owing = {"servatius", "maasvallei", "woonbelang", "servaassleutel", "woonvallei"}
    assert sorted(m.to[0].split("@")[0] for m in mailoutbox) == sorted(owing)
    assert all(len(m.to) == 1 for m in mailoutbox)
    assert "Herinnering" in mailoutbox[0].subject
    _run("2019-11-17", django_capture_on_commit_callbacks)  # again: nothing new
    assert len(mailoutbox) == 5
    servatius = deciding.parties.get(slug="servatius")
    services.approve_cycle(user("servatius"), deciding, servatius, "raad_van_bestuur", DAY)
    _run("2019-11-28", django_capture_on_commit_callbacks)  # 3 days before
    assert len(mailoutbox) == 9
    _run("2019-12-02", django_capture_on_commit_callbacks)  # after the deadline
    assert len(mailoutbox) == 13
    assert mailoutbox[-1].subject.startswith("Verlopen")
    _run("2019-12-03", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 13
    assert ReminderSent.objects.count() == 13


def test_reminders_in_monitoring_go_to_parties_missing_this_years_figures(
    maastricht: Any, user: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    for membership in maastricht.parties.get(slug="servatius").memberships.select_related("user"):
        membership.user.email = "servatius@example.org"
        membership.user.save()
    type(maastricht).objects.filter(pk=maastricht.pk).update(phase="monitoring")
    Milestone.objects.create(
        cycle=maastricht, kind="evaluation", title="Evaluatie", starts_on=datetime.date(2018, 3, 1)
    )
    _run("2018-02-20", django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["servatius@example.org"]]
    _run("2018-02-21", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1


def test_bid_reminders_go_only_to_corporations_that_have_not_submitted(
    maastricht: Any, user: Any, mailoutbox: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from woonafspraken.governance import services as governance

    for party in maastricht.parties.all():
        for membership in party.memberships.select_related("user"):
            membership.user.email = f"{membership.user.username}@example.org"
            membership.user.save()
    Milestone.objects.create(
        cycle=maastricht,
        kind="bids_due",
        title="Bod uiterlijk 1 juli",
        starts_on=datetime.date(2017, 7, 1),
        legal=True,
    )
    woonpunt = maastricht.parties.get(slug="woonpunt")
    bid = governance.start_bid(user("woonpunt"), maastricht, woonpunt, year=2017)
    governance.submit_bid(user("woonpunt"), bid)
    servatius = maastricht.parties.get(slug="servatius")
    governance.start_bid(user("servatius"), maastricht, servatius, year=2017)  # a draft still owes
    _run("2017-06-20", django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mailoutbox) == [
        "maasvallei@example.org",
        "servatius@example.org",
    ]
    assert "het bod van Servatius" in next(m.body for m in mailoutbox if "servatius" in m.to[0])
    _run("2017-06-21", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2


def test_a_coordinator_moves_a_practice_milestone_on_the_process_page(
    client: Any, maastricht: Any, user: Any
) -> None:
    practice = services.add_milestone(
        user("gemeente-maastricht"),
        maastricht,
        kind="negotiation",
        title="Onderhandelingen",
        starts_on=datetime.date(2017, 9, 1),
        ends_on=datetime.date(2017, 10, 31),
    )
    client.force_login(user("gemeente-maastricht"))
    page = client.get(f"/cycli/{maastricht.pk}/proces/").content.decode()
    assert f"/mijlpalen/{practice.pk}/verplaatsen/" in page
    client.post(
        f"/mijlpalen/{practice.pk}/verplaatsen/",
        {"starts_on": "2017-09-15", "ends_on": "2017-11-15"},
    )
    practice.refresh_from_db()
    assert (practice.starts_on, practice.ends_on) == (
        datetime.date(2017, 9, 15),
        datetime.date(2017, 11, 15),
    )
    response = client.post(
        f"/mijlpalen/{practice.pk}/verplaatsen/", {"starts_on": "morgen"}, follow=True
    )
    assert "Van: Vul een datum in als dag-maand-jaar" in response.content.decode()
    practice.refresh_from_db()
    assert practice.starts_on == datetime.date(2017, 9, 15)


def test_a_corporation_cannot_move_a_milestone(client: Any, maastricht: Any, user: Any) -> None:
    practice = services.add_milestone(
        user("gemeente-maastricht"),
        maastricht,
        kind="decision",
        title="Besluitvorming",
        starts_on=datetime.date(2017, 11, 1),
    )
    client.force_login(user("woonpunt"))
    response = client.post(f"/mijlpalen/{practice.pk}/verplaatsen/", {"starts_on": "2017-12-01"})
    assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.starts_on == datetime.date(2017, 11, 1)


def test_legal_milestones_read_in_the_readers_language(maastricht: Any, client: Any) -> None:
    services.fill_legal_milestones(maastricht, 2019)
    dutch = client.get(f"/cycli/{maastricht.pk}/proces/").content.decode()
    assert "Bod van de corporaties uiterlijk 1 juli 2019" in dutch
    client.cookies["woonafspraken_language"] = "en"
    english = client.get(f"/cycli/{maastricht.pk}/proces/").content.decode()
    assert "Bod van de corporaties" not in english
    assert "1 July 2019" in english
