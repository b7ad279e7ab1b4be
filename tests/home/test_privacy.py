"""Visitors without an account read what is published, with organisation names only."""

import datetime

from woonafspraken.agreements.models import Cycle
from woonafspraken.governance import services as governance
from woonafspraken.governance.models import Body


def _meeting(user):
    body = Body.objects.first()
    meeting = governance.add_meeting(
        user("beheer"),
        body,
        date=datetime.date(2026, 3, 1),
        agenda="Woningbouwprogramma",
        minutes="Mevrouw Jansen vraagt naar de wachtlijst.",
    )
    governance.add_action_item(
        user("beheer"), meeting, description="Wachtlijst uitzoeken", owner_person=user("woonpunt")
    )
    return meeting


def test_visitors_see_the_agenda_but_no_minutes_action_items_or_history(client, maastricht, user):
    meeting = _meeting(user)
    html = client.get(f"/vergaderingen/{meeting.pk}/").content.decode()
    assert "Woningbouwprogramma" in html
    assert "Mevrouw Jansen" not in html
    assert "Wachtlijst uitzoeken" not in html
    assert "Historie" not in html


def test_parties_see_minutes_and_action_items(client, maastricht, user):
    meeting = _meeting(user)
    client.force_login(user("woonbelang"))
    html = client.get(f"/vergaderingen/{meeting.pk}/").content.decode()
    assert "Mevrouw Jansen" in html and "Wachtlijst uitzoeken" in html


def test_the_action_item_overview_needs_an_account(client, maastricht):
    assert client.get("/actiepunten/").status_code == 302


def test_the_change_history_names_no_one_to_visitors(client, maastricht, user):
    person = user("gemeente-maastricht")
    person.first_name, person.last_name = "Jolanda", "de Vries"
    person.save()
    cycle = Cycle.objects.get(pk=maastricht.pk)
    html = client.get(f"/cycli/{cycle.pk}/wijzigingen/").content.decode()
    assert ">Wie<" not in html and "gemeente-maastricht" not in html
    client.force_login(person)
    html = client.get(f"/cycli/{cycle.pk}/wijzigingen/").content.decode()
    assert ">Wie<" in html


def test_a_party_that_may_not_enter_a_figure_is_told_who_does(client, maastricht, user):
    from tests.conftest import target_of

    target = target_of(maastricht, "Aanbodmodel")
    client.force_login(user("woonbelang"))
    html = client.get(f"/afspraken/{target.agreement_id}/?year=2017").content.decode()
    assert "De gemeente vult dit in" in html
    assert f'action="/normen/{target.pk}/realisatie/"' not in html
    client.force_login(user("gemeente-maastricht"))
    html = client.get(f"/afspraken/{target.agreement_id}/?year=2017").content.decode()
    assert f'action="/normen/{target.pk}/realisatie/"' in html
