"""Editing a meeting's agenda and minutes on the meeting page, without overwriting a change
made by someone else in the meantime."""

import datetime

from woonafspraken.accounts.services import ensure_membership
from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance import services
from woonafspraken.governance.models import Meeting

from .conftest import messages_of, org, refused_with, sent_to_login


def _shown_version(client, meeting):
    return client.get(f"/vergaderingen/{meeting.pk}/").context["version"]


def _edit(client, meeting, version, **fields):
    data = {
        "date": "2019-09-10",
        "agenda": "1. Opening\n2. Splitsen",
        "minutes": "Afgesproken: notitie over splitsen.",
        "version": version,
    }
    data.update(fields)
    return client.post(f"/vergaderingen/{meeting.pk}/bewerken/", data)


def test_the_coordinator_edits_the_agenda_and_the_minutes(meeting, user, client):
    client.force_login(user("gemeente-maastricht"))
    response = _edit(client, meeting, _shown_version(client, meeting))
    assert response["Location"] == f"/vergaderingen/{meeting.pk}/"
    assert messages_of(response) == ["Agenda en verslag opgeslagen."]
    meeting.refresh_from_db()
    assert meeting.agenda == "1. Opening\n2. Splitsen"
    assert meeting.minutes == "Afgesproken: notitie over splitsen."


def test_editing_a_meeting_is_in_the_audit_history(meeting, user, client):
    client.force_login(user("gemeente-maastricht"))
    _edit(client, meeting, _shown_version(client, meeting))
    entry = AuditEntry.objects.get(action="governance.meeting.changed")
    assert entry.actor == user("gemeente-maastricht")
    assert entry.old["minutes"] == ""
    assert entry.new["minutes"] == "Afgesproken: notitie over splitsen."


def test_the_meeting_page_shows_the_labelled_edit_form_with_the_current_texts(
    meeting, user, client
):
    client.force_login(user("gemeente-maastricht"))
    page = client.get(f"/vergaderingen/{meeting.pk}/").content.decode()
    assert '<label class="utrecht-form-label" for="edit-agenda">' in page
    assert 'id="edit-agenda">\n1. Opening</textarea>' in page
    assert f'name="version" value="{services.meeting_version(meeting)}"' in page


def test_a_coordinator_of_the_lead_organisation_may_edit_the_meeting(meeting, user, client):
    ensure_membership(user("beheer"), user("maasvallei"), org("maasvallei"), "coordinator")
    client.force_login(user("maasvallei"))
    _edit(client, meeting, _shown_version(client, meeting), minutes="Door de trekker.")
    meeting.refresh_from_db()
    assert meeting.minutes == "Door de trekker."


def test_an_edit_on_a_stale_page_is_refused_with_a_clear_message(meeting, user, client):
    client.force_login(user("gemeente-maastricht"))
    stale = _shown_version(client, meeting)
    services.update_meeting(user("beheer"), meeting, changes={"minutes": "Verslag van beheer."})
    response = _edit(client, meeting, stale)
    assert response.status_code == 409
    assert (
        "Iemand anders heeft deze vergadering intussen gewijzigd. Uw wijziging is niet "
        "opgeslagen: bekijk de nieuwe agenda en het nieuwe verslag en breng uw wijziging "
        "opnieuw aan."
    ) in response.content.decode()


def test_a_refused_edit_shows_the_typed_text_again_beside_the_saved_one(meeting, user, client):
    client.force_login(user("gemeente-maastricht"))
    stale = _shown_version(client, meeting)
    services.update_meeting(user("beheer"), meeting, changes={"minutes": "Verslag van beheer."})
    response = _edit(client, meeting, stale, minutes="Mijn eigen verslag.")
    assert response.status_code == 409
    page = response.content.decode()
    assert ">\nMijn eigen verslag.</textarea>" in page
    assert "Verslag van beheer." in page
    assert 'id="edit-draft-note"' in page
    fresh = services.meeting_version(Meeting.objects.get(pk=meeting.pk))
    assert f'name="version" value="{fresh}"' in page  # saving again is a deliberate choice


def test_a_refused_bad_date_keeps_the_typed_text_too(meeting, user, client):
    client.force_login(user("gemeente-maastricht"))
    response = _edit(client, meeting, _shown_version(client, meeting), date="31-02-2026")
    page = refused_with(response, "Deze datum bestaat niet.")
    assert ">\nAfgesproken: notitie over splitsen.</textarea>" in page
    meeting.refresh_from_db()
    assert meeting.minutes == ""


def test_an_edit_on_a_stale_page_keeps_the_other_persons_change(meeting, user, client):
    client.force_login(user("gemeente-maastricht"))
    stale = _shown_version(client, meeting)
    services.update_meeting(user("beheer"), meeting, changes={"minutes": "Verslag van beheer."})
    _edit(client, meeting, stale)
    meeting.refresh_from_db()
    assert meeting.minutes == "Verslag van beheer."
    assert meeting.agenda == "1. Opening"
    assert AuditEntry.objects.filter(action="governance.meeting.changed").count() == 1


def test_an_edit_without_the_version_it_was_made_on_is_refused(meeting, user, client):
    client.force_login(user("gemeente-maastricht"))
    _edit(client, meeting, "")
    meeting.refresh_from_db()
    assert meeting.minutes == ""


def test_a_second_edit_from_a_fresh_page_succeeds(meeting, user, client):
    client.force_login(user("gemeente-maastricht"))
    _edit(client, meeting, _shown_version(client, meeting))
    _edit(client, meeting, _shown_version(client, meeting), minutes="Aangevuld.")
    meeting.refresh_from_db()
    assert meeting.minutes == "Aangevuld."


def test_a_date_is_read_as_people_type_it(meeting, user, client):
    client.force_login(user("gemeente-maastricht"))
    _edit(client, meeting, _shown_version(client, meeting), date="1-10-2019")
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2019, 10, 1)


def test_a_bad_date_gives_a_clear_message_and_changes_nothing(meeting, user, client):
    client.force_login(user("gemeente-maastricht"))
    logged = AuditEntry.objects.count()
    response = _edit(client, meeting, _shown_version(client, meeting), date="september")
    refused_with(response, "Vul een datum in als dag-maand-jaar, bijvoorbeeld 20-11-2019.")
    assert AuditEntry.objects.count() == logged
    meeting.refresh_from_db()
    assert (meeting.date, meeting.minutes) == (datetime.date(2019, 9, 10), "")


def test_the_meeting_page_offers_no_edit_form_to_a_tenant_organisation(meeting, user, client):
    client.force_login(user("woonbelang"))
    page = client.get(f"/vergaderingen/{meeting.pk}/").content.decode()
    assert "/bewerken/" not in page


def test_a_tenant_organisation_may_not_edit_a_meeting(meeting, user, client):
    client.force_login(user("woonbelang"))
    response = _edit(client, meeting, services.meeting_version(meeting))
    assert response.status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""


def test_a_corporation_may_not_edit_a_meeting(meeting, user, client):
    client.force_login(user("woonpunt"))
    response = _edit(client, meeting, services.meeting_version(meeting))
    assert response.status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""


def test_an_anonymous_visitor_may_not_edit_a_meeting(meeting, client):
    assert sent_to_login(_edit(client, meeting, services.meeting_version(meeting)))
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""
