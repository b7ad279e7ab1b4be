"""Dispute points on the web: every party's position per point, each party writing its own."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from woonafspraken.accounts.models import Organisation, Role
from woonafspraken.accounts.services import ensure_membership
from woonafspraken.audit.models import AuditEntry
from woonafspraken.process import services
from woonafspraken.process.models import DisputePoint, DisputePosition


def party(cycle: Any, slug: str) -> Any:
    return cycle.parties.get(slug=slug)


@pytest.fixture
def point(maastricht: Any, user: Any) -> DisputePoint:
    return services.add_dispute_point(
        user("gemeente-maastricht"),
        maastricht,
        subject="Aantal nieuwe sociale huurwoningen",
        description="Per jaar, vanaf 2020.",
        positions={party(maastricht, "gemeente-maastricht"): "Minstens 200 per jaar."},
    )


@pytest.fixture
def outsider(db: Any) -> Any:
    return get_user_model().objects.create_user("buiten", "buiten@example.org", "demo")


def position_of(point: DisputePoint, slug: str) -> str | None:
    found = DisputePosition.objects.filter(point=point, organisation__slug=slug).first()
    return found.position if found else None


def say(client: Any, point: DisputePoint, organisation: Any, text: str) -> Any:
    return client.post(
        f"/geschilpunten/{point.pk}/standpunt/",
        {"organisation": organisation.pk, "position": text},
        follow=True,
    )


# --- Reading -------------------------------------------------------------------------------


def test_a_party_sees_every_point_with_every_partys_position(
    client: Any, maastricht: Any, point: DisputePoint, user: Any
) -> None:
    client.force_login(user("woonbelang"))
    page = client.get(f"/cycli/{maastricht.pk}/geschilpunten/").content.decode()
    assert "Aantal nieuwe sociale huurwoningen" in page
    assert "Per jaar, vanaf 2020." in page
    assert "Minstens 200 per jaar." in page
    for organisation in maastricht.parties.all():
        assert organisation.name in page
    assert page.count("(geen standpunt opgegeven)") == maastricht.parties.count() - 1


def test_a_party_gets_a_form_for_its_own_position_only(
    client: Any, maastricht: Any, point: DisputePoint, user: Any
) -> None:
    client.force_login(user("woonpunt"))
    page = client.get(f"/cycli/{maastricht.pk}/geschilpunten/").content.decode()
    woonpunt, servatius = party(maastricht, "woonpunt"), party(maastricht, "servatius")
    assert f'for="pos-{point.pk}-{woonpunt.pk}"' in page
    assert f'for="pos-{point.pk}-{servatius.pk}"' not in page


def test_the_process_page_links_to_the_dispute_points(
    client: Any, maastricht: Any, point: DisputePoint, user: Any
) -> None:
    client.force_login(user("servatius"))
    page = client.get(f"/cycli/{maastricht.pk}/proces/?deel=geschil").content.decode()
    assert f'href="/cycli/{maastricht.pk}/geschilpunten/"' in page
    assert "Geschilpunten en standpunten (1 punt)" in page


def test_non_parties_get_403_and_anonymous_visitors_are_sent_to_log_in(
    client: Any, maastricht: Any, point: DisputePoint, outsider: Any
) -> None:
    path = f"/cycli/{maastricht.pk}/geschilpunten/"
    assert client.get(path).status_code == 302
    client.force_login(outsider)
    assert client.get(path).status_code == 403
    assert (
        "geschilpunten"
        not in client.get(f"/cycli/{maastricht.pk}/proces/?deel=geschil").content.decode()
    )


# --- Adding a point ------------------------------------------------------------------------


def test_a_party_adds_a_point_with_its_own_position_and_the_audit_has_it(
    client: Any, maastricht: Any, user: Any
) -> None:
    client.force_login(user("woonpunt"))
    woonpunt = party(maastricht, "woonpunt")
    response = client.post(
        f"/cycli/{maastricht.pk}/geschilpunten/",
        {
            "subject": "Huurverhoging 2020",
            "description": "Inflatievolgend of lager?",
            f"position-{woonpunt.pk}": "Inflatievolgend.",
        },
        follow=True,
    )
    assert "Het geschilpunt is vastgelegd" in response.content.decode()
    added = DisputePoint.objects.get(cycle=maastricht, subject="Huurverhoging 2020")
    assert position_of(added, "woonpunt") == "Inflatievolgend."
    entry = AuditEntry.objects.get(action="process.dispute_point.created", object_id=added.pk)
    assert entry.actor == user("woonpunt")
    assert entry.new["positions"] == {"Woonpunt": "Inflatievolgend."}


def test_a_point_without_a_subject_is_refused_in_dutch_and_nothing_is_added(
    client: Any, maastricht: Any, user: Any
) -> None:
    client.force_login(user("woonpunt"))
    response = client.post(
        f"/cycli/{maastricht.pk}/geschilpunten/", {"subject": "   "}, follow=True
    )
    assert "Geef het geschilpunt een onderwerp" in response.content.decode()
    assert not DisputePoint.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="process.dispute").exists()


def test_a_non_party_may_not_add_a_point(client: Any, maastricht: Any, outsider: Any) -> None:
    client.force_login(outsider)
    response = client.post(f"/cycli/{maastricht.pk}/geschilpunten/", {"subject": "Iets"})
    assert response.status_code == 403
    assert not DisputePoint.objects.exists()


def test_a_point_cannot_carry_the_position_of_another_party(maastricht: Any, user: Any) -> None:
    with pytest.raises(PermissionDenied, match="Alleen Woonpunt zelf"):
        services.add_dispute_point(
            user("gemeente-maastricht"),
            maastricht,
            subject="Sloop",
            positions={party(maastricht, "woonpunt"): "Niet slopen."},
        )
    assert not DisputePoint.objects.exists()


# --- A party's own position ----------------------------------------------------------------


def test_a_party_adds_its_own_position_and_the_audit_has_it(
    client: Any, maastricht: Any, point: DisputePoint, user: Any
) -> None:
    client.force_login(user("woonpunt"))
    response = say(client, point, party(maastricht, "woonpunt"), "Hoogstens 60 per jaar.")
    assert "Het standpunt van Woonpunt is opgeslagen" in response.content.decode()
    assert position_of(point, "woonpunt") == "Hoogstens 60 per jaar."
    entry = AuditEntry.objects.get(action="process.dispute_position.created")
    assert (entry.old["position"], entry.new["position"]) == (None, "Hoogstens 60 per jaar.")
    assert entry.actor == user("woonpunt")


def test_a_party_changes_its_own_position_and_the_audit_has_old_and_new(
    client: Any, maastricht: Any, point: DisputePoint, user: Any
) -> None:
    client.force_login(user("gemeente-maastricht"))
    say(client, point, party(maastricht, "gemeente-maastricht"), "Minstens 150 per jaar.")
    assert position_of(point, "gemeente-maastricht") == "Minstens 150 per jaar."
    entry = AuditEntry.objects.get(action="process.dispute_position.changed")
    assert entry.old["position"] == "Minstens 200 per jaar."
    assert entry.new["position"] == "Minstens 150 per jaar."


def test_saving_the_same_position_again_writes_nothing(
    client: Any, maastricht: Any, point: DisputePoint, user: Any
) -> None:
    client.force_login(user("gemeente-maastricht"))
    before = AuditEntry.objects.count()
    say(client, point, party(maastricht, "gemeente-maastricht"), "Minstens 200 per jaar.")
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("username", ["woonpunt", "gemeente-maastricht", "woonbelang"])
def test_a_party_may_not_write_another_partys_position(
    client: Any, maastricht: Any, point: DisputePoint, user: Any, username: str
) -> None:
    client.force_login(user(username))
    before = AuditEntry.objects.count()
    response = say(client, point, party(maastricht, "servatius"), "Wij slopen meer.")
    assert response.status_code == 403
    assert position_of(point, "servatius") is None
    assert AuditEntry.objects.count() == before


def test_a_non_party_may_not_write_a_position(
    client: Any, maastricht: Any, point: DisputePoint, outsider: Any
) -> None:
    client.force_login(outsider)
    response = say(client, point, party(maastricht, "woonpunt"), "Iets.")
    assert response.status_code == 403
    assert position_of(point, "woonpunt") is None


def test_a_read_only_member_may_not_write_its_partys_position(
    client: Any, maastricht: Any, point: DisputePoint, outsider: Any, user: Any
) -> None:
    ensure_membership(user("beheer"), outsider, party(maastricht, "woonpunt"), Role.VIEWER)
    client.force_login(outsider)
    response = say(client, point, party(maastricht, "woonpunt"), "Wij bouwen minder.")
    assert response.status_code == 403
    assert position_of(point, "woonpunt") is None


def test_a_read_only_member_may_not_add_a_point(
    client: Any, maastricht: Any, outsider: Any, user: Any
) -> None:
    ensure_membership(user("beheer"), outsider, party(maastricht, "woonpunt"), Role.VIEWER)
    client.force_login(outsider)
    page = client.get(f"/cycli/{maastricht.pk}/geschilpunten/")
    assert page.status_code == 200
    assert b'name="subject"' not in page.content
    response = client.post(f"/cycli/{maastricht.pk}/geschilpunten/", {"subject": "Sloop"})
    assert response.status_code == 403
    assert not DisputePoint.objects.exists()


def test_an_administrator_may_write_any_partys_position(
    client: Any, maastricht: Any, point: DisputePoint, user: Any
) -> None:
    client.force_login(user("beheer"))
    say(client, point, party(maastricht, "servatius"), "Zoals besproken op 3 oktober.")
    assert position_of(point, "servatius") == "Zoals besproken op 3 oktober."
    assert AuditEntry.objects.get(action="process.dispute_position.created").actor == user("beheer")


def test_an_empty_position_is_refused_in_dutch_and_changes_nothing(
    client: Any, maastricht: Any, point: DisputePoint, user: Any
) -> None:
    client.force_login(user("gemeente-maastricht"))
    before = AuditEntry.objects.count()
    response = say(client, point, party(maastricht, "gemeente-maastricht"), "  ")
    assert "Vul het standpunt van Gemeente Maastricht in" in response.content.decode()
    assert position_of(point, "gemeente-maastricht") == "Minstens 200 per jaar."
    assert AuditEntry.objects.count() == before


def test_a_position_for_an_organisation_that_is_not_a_party_is_refused_in_dutch(
    client: Any, maastricht: Any, point: DisputePoint, user: Any
) -> None:
    other = Organisation.objects.create(name="Zorggroep Zuid", slug="zorggroep", kind="other")
    client.force_login(user("beheer"))
    response = say(client, point, other, "Wij willen meer zorgwoningen.")
    assert "Zorggroep Zuid is geen partij in deze cyclus" in response.content.decode()
    assert not DisputePosition.objects.filter(organisation=other).exists()


# --- Bad input: every problem at once, nothing written -------------------------------------


def _said(response: Any) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_a_wrong_point_is_told_in_full_at_once_and_nothing_is_added(
    client: Any, maastricht: Any, user: Any
) -> None:
    own = party(maastricht, "gemeente-maastricht")
    client.force_login(user("gemeente-maastricht"))
    before = (DisputePoint.objects.count(), AuditEntry.objects.count())
    response = client.post(
        f"/cycli/{maastricht.pk}/geschilpunten/",
        {"subject": "x" * 301, "description": "y" * 20001, f"position-{own.pk}": "z" * 20001},
        follow=True,
    )
    said = _said(response)
    assert "Het onderwerp is te lang (hoogstens 300 tekens)." in said
    assert "Omschrijving: " in said and f"{own.name}: " in said
    assert (DisputePoint.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("organisation", ["abc", "", "99999999999999999999", "-1"])
def test_a_position_for_a_junk_party_is_a_message_not_an_error(
    client: Any, point: DisputePoint, user: Any, organisation: str
) -> None:
    client.force_login(user("gemeente-maastricht"))
    before = AuditEntry.objects.count()
    response = client.post(
        f"/geschilpunten/{point.pk}/standpunt/",
        {"organisation": organisation, "position": "x" * 20001, "version": "v" * 65},
        follow=True,
    )
    said = _said(response)
    assert response.status_code == 200
    assert "Kies de partij van dit standpunt." in said
    assert "Standpunt: " in said  # the too long text is told at the same time
    assert AuditEntry.objects.count() == before
