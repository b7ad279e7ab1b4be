"""The transition table, walked for every phase × target phase × role."""

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction

from woonafspraken.accounts.services import ensure_membership
from woonafspraken.audit.models import AuditEntry
from woonafspraken.process import services, workflow
from woonafspraken.process.models import PhaseChange

ROLES = [
    # name, username (None: anonymous; "corp-coordinator": made here), may it make hand changes
    ("anonymous", None, False),
    ("municipal coordinator", "gemeente-maastricht", True),
    ("administrator", "beheer", True),
    ("corporation signatory", "woonpunt", False),
    ("tenant organisation signatory", "woonbelang", False),
    ("corporation coordinator", "corp-coordinator", False),
]


class _Undo(Exception):
    pass


@pytest.mark.parametrize(("role", "username", "may"), ROLES, ids=[r[0] for r in ROLES])
def test_every_transition_is_allowed_exactly_as_the_table_says(
    maastricht: Any, user: Any, role: str, username: str | None, may: bool
) -> None:
    if username == "corp-coordinator":
        actor = get_user_model().objects.create_user("corp-coordinator")
        ensure_membership(
            user("beheer"), actor, maastricht.parties.get(slug="servatius"), "coordinator"
        )
    elif username is None:
        actor = AnonymousUser()
    else:
        actor = user(username)
    for current in workflow.PHASES:
        for to in workflow.PHASES:
            type(maastricht).objects.filter(pk=maastricht.pk).update(phase=current)
            maastricht.refresh_from_db()
            rule = workflow.TRANSITIONS.get((current, to))
            expected = (rule == workflow.COORDINATOR and may) or (
                rule == workflow.MUNICIPAL_ADMIN and username == "beheer"
            )
            try:
                with transaction.atomic():
                    change = services.change_phase(actor, maastricht, to, "walk")
                    assert expected, f"{role}: {current} → {to} should be refused"
                    assert (change.from_phase, change.to_phase) == (current, to)
                    assert type(maastricht).objects.get(pk=maastricht.pk).phase == to
                    assert AuditEntry.objects.filter(
                        action="process.cycle.phase_changed", object_id=str(maastricht.pk)
                    ).exists()
                    raise _Undo
            except _Undo:
                pass
            except (services.ProcessConflict, PermissionDenied):
                assert not expected, f"{role}: {current} → {to} should be allowed"
            assert type(maastricht).objects.get(pk=maastricht.pk).phase == current


def test_signed_is_never_reached_by_hand(maastricht: Any, user: Any) -> None:
    type(maastricht).objects.filter(pk=maastricht.pk).update(phase="decision")
    maastricht.refresh_from_db()
    with pytest.raises(services.ProcessConflict, match="vanzelf"):
        services.change_phase(user("beheer"), maastricht, "signed")


def test_phase_history_is_append_only(maastricht: Any, user: Any) -> None:
    change = services.change_phase(user("gemeente-maastricht"), maastricht, "bids", "start")
    assert change.changed_by == user("gemeente-maastricht")
    assert change.note == "start"
    with pytest.raises(ValueError):
        change.save()
    assert PhaseChange.objects.filter(cycle=maastricht).count() == 1


def test_the_process_page_offers_only_the_allowed_next_phases(
    client: Any, maastricht: Any, user: Any
) -> None:
    client.force_login(user("gemeente-maastricht"))
    page = client.get(f"/cycli/{maastricht.pk}/proces/").content.decode()
    assert 'value="bids"' in page
    assert 'value="signed"' not in page
    client.force_login(user("woonpunt"))
    page = client.get(f"/cycli/{maastricht.pk}/proces/").content.decode()
    assert 'name="to"' not in page


def test_a_phase_change_through_the_page_is_recorded(
    client: Any, maastricht: Any, user: Any
) -> None:
    client.force_login(user("gemeente-maastricht"))
    client.post(f"/cycli/{maastricht.pk}/proces/fase/", {"to": "bids", "note": "bod gevraagd"})
    maastricht.refresh_from_db()
    assert maastricht.phase == "bids"
    page = client.get(f"/cycli/{maastricht.pk}/proces/?deel=geschiedenis").content.decode()
    assert "bod gevraagd" in page


def test_the_process_page_opens_on_the_part_of_the_current_phase_with_one_tab_per_part(
    client: Any, maastricht: Any, user: Any
) -> None:
    html = client.get(f"/cycli/{maastricht.pk}/proces/").content.decode()
    # the demo cycle is in preparation: planning first, the other parts one click away
    assert 'id="planning"' in html and 'id="goedkeuren"' not in html
    assert f'href="/cycli/{maastricht.pk}/proces/?deel=planning" aria-current="page"' in html
    for part in ("goedkeuren", "uitvoering", "geschil", "geschiedenis"):
        assert f'href="/cycli/{maastricht.pk}/proces/?deel={part}"' in html
    # a visitor gets no forms, but is told who acts
    assert "<form" not in html.split('class="section-tabs"')[1]
    assert "De coördinator van de gemeente verplaatst de mijlpalen" in html
    approvals = client.get(f"/cycli/{maastricht.pk}/proces/?deel=goedkeuren").content.decode()
    assert (
        'id="goedkeuren"' in approvals and "Goedkeuren kan in de fase besluitvorming" in approvals
    )


def test_a_coordinator_gets_the_planning_forms_a_contributor_only_the_explanation(
    client: Any, maastricht: Any, user: Any
) -> None:
    client.force_login(user("gemeente-maastricht"))
    page = client.get(f"/cycli/{maastricht.pk}/proces/?deel=planning").content.decode()
    assert 'id="phase-form"' in page and "De coördinator van de gemeente verplaatst" not in page
    client.force_login(user("woonpunt"))
    page = client.get(f"/cycli/{maastricht.pk}/proces/?deel=planning").content.decode()
    assert "De coördinator van de gemeente verplaatst" in page
    assert 'id="phase-form"' not in page and "zet de cyclus in de volgende fase" in page
