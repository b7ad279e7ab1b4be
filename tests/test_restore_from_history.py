"""Any change of an agreement, norm, figure, evaluation or theme can be taken back from the
cycle's history page (issue 15, point 5); the restore goes through the object's own service
(permission, lock, version) and is itself a change in the history."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tests.agreements.cast import build, logged_in, new_cycle
from tests.conftest import target_of
from woonafspraken.accounts import services as accounts
from woonafspraken.agreements import services
from woonafspraken.agreements.models import Agreement, Measurement
from woonafspraken.audit.models import AuditEntry
from woonafspraken.audit.services import log_action


def _history(client: Client, cycle: Any) -> str:
    return client.get(f"/cycli/{cycle.pk}/wijzigingen/").content.decode()


def _last(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).order_by("-seq").first()


def test_a_corrected_figure_is_put_back_from_the_history_page(maastricht, user):
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    first = services.record_measurement(user("woonpunt"), target, value=25, year=2017)
    services.record_measurement(
        user("woonpunt"), target, value=40, year=2017, expected_version=first.version
    )
    change = _last("agreements.measurement.changed")
    client = logged_in(user("woonpunt"))
    assert f"/wijzigingen/{change.pk}/terugzetten/" in _history(client, maastricht)
    response = client.post(f"/wijzigingen/{change.pk}/terugzetten/", follow=True)
    assert "De oude waarde is teruggezet" in response.content.decode()
    assert Measurement.objects.get(pk=first.pk).value == 25
    restored = _last("agreements.measurement.changed")
    assert restored.source == "restore" and restored.pk != change.pk
    assert "teruggezet uit de geschiedenis" in _history(client, maastricht)


def test_a_changed_norm_and_theme_are_put_back(maastricht, user):
    coordinator = user("gemeente-maastricht")
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    before = (target.kind, target.value)
    services.update_target(
        coordinator, target, changes={"value": Decimal("999")}, expected_version=target.version
    )
    theme = maastricht.themes.order_by("order").first()
    old_name = theme.name
    services.update_theme(coordinator, theme, name="Tijdelijke naam", description="")
    client = logged_in(coordinator)
    for action in ("agreements.target.changed", "agreements.theme.changed"):
        response = client.post(f"/wijzigingen/{_last(action).pk}/terugzetten/", follow=True)
        assert "De oude waarde is teruggezet" in response.content.decode()
    target.refresh_from_db()
    theme.refresh_from_db()
    assert (target.kind, target.value) == before
    assert theme.name == old_name


def test_someone_without_the_right_cannot_restore_and_nothing_changes(maastricht, user):
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    first = services.record_measurement(user("woonpunt"), target, value=25, year=2017)
    services.record_measurement(
        user("woonpunt"), target, value=40, year=2017, expected_version=first.version
    )
    change = _last("agreements.measurement.changed")
    count = AuditEntry.objects.count()
    client = Client()
    assert client.post(f"/wijzigingen/{change.pk}/terugzetten/").status_code == 302  # log in
    client.force_login(user("servatius"))  # another corporation
    assert client.post(f"/wijzigingen/{change.pk}/terugzetten/").status_code == 403
    assert Measurement.objects.get(pk=first.pk).value == 40
    assert AuditEntry.objects.count() == count


def test_a_new_entry_has_nothing_to_put_back(maastricht, user):
    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    services.record_measurement(user("woonpunt"), target, value=25, year=2017)
    created = _last("agreements.measurement.created")
    client = logged_in(user("woonpunt"))
    assert f"/wijzigingen/{created.pk}/terugzetten/" not in _history(client, maastricht)
    response = client.post(f"/wijzigingen/{created.pk}/terugzetten/", follow=True)
    assert "kan niet worden teruggezet" in response.content.decode()


# --- An agreement's parties ------------------------------------------------------------------


@pytest.fixture
def parties_changed(db: Any) -> dict[str, Any]:
    """An agreement led by the corporation with the tenants and a care partner involved; then
    the coordinator made the municipality the lead, dropped the care partner and renamed it."""
    cast = build()
    m = cast.maastricht
    care = accounts.create_organisation(m.admin, m.municipality, kind="other", name="Zorgpartner")
    cycle = new_cycle(m, cast.corporation, m.tenants, care)
    theme = services.add_theme(m.coordinator, cycle, name="Wonen met zorg")
    agreement = services.add_agreement(
        m.coordinator,
        theme,
        title="Zorgwoningen",
        lead_party=cast.corporation,
        involved=[m.tenants, care],
    )
    services.update_agreement(
        m.coordinator,
        agreement,
        changes={"title": "Anders", "lead_party": m.gemeente, "involved_parties": [m.tenants]},
        expected_version=agreement.version,
    )
    return {"cast": cast, "m": m, "care": care, "cycle": cycle, "agreement": agreement}


def _restore_last_change(client: Client) -> str:
    change = _last("agreements.agreement.changed")
    return client.post(f"/wijzigingen/{change.pk}/terugzetten/", follow=True).content.decode()


def test_a_restored_agreement_gets_its_parties_back_and_that_is_a_change_itself(
    parties_changed: dict[str, Any],
) -> None:
    w = parties_changed
    client = logged_in(w["m"].coordinator)
    page = _restore_last_change(client)
    assert "De oude waarde is teruggezet" in page and "weggelaten" not in page
    agreement = Agreement.objects.get(pk=w["agreement"].pk)
    assert agreement.title == "Zorgwoningen"
    assert agreement.lead_party == w["cast"].corporation
    assert set(agreement.involved_parties.all()) == {w["m"].tenants, w["care"]}
    restored = _last("agreements.agreement.changed")
    assert restored.source == "restore"
    assert (restored.old["lead_party"], restored.new["lead_party"]) == (
        "Gemeente Maastricht",
        "Woonstichting Zuid",
    )
    assert restored.new["involved_party_ids"] == [w["m"].tenants.pk, w["care"].pk]
    history = _history(client, w["cycle"])
    assert "involved_party_ids" not in history and "lead_party_id" not in history


def test_a_party_archived_meanwhile_is_named_and_the_rest_comes_back(
    parties_changed: dict[str, Any],
) -> None:
    w = parties_changed
    accounts.archive_organisation(w["m"].admin, w["care"])
    client = logged_in(w["m"].coordinator)
    page = _restore_last_change(client)
    assert "De oude waarde is teruggezet" in page
    assert "Zorgpartner (gearchiveerd)" in page
    agreement = Agreement.objects.get(pk=w["agreement"].pk)
    assert (agreement.title, agreement.lead_party) == ("Zorgwoningen", w["cast"].corporation)
    assert list(agreement.involved_parties.all()) == [w["m"].tenants]


def test_an_entry_from_before_the_ids_finds_the_parties_by_name(
    parties_changed: dict[str, Any],
) -> None:
    """Entries written before the history kept party ids name the parties only."""
    w = parties_changed
    agreement = Agreement.objects.get(pk=w["agreement"].pk)
    names_only = {
        "title": "Zorgwoningen",
        "lead_party": "Woonstichting Zuid",
        "involved_parties": ["Huurders Maastricht", "Opgeheven stichting", "Zorgpartner"],
    }
    log_action(
        "agreements.agreement.changed",
        actor=w["m"].coordinator,
        obj=agreement,
        old=names_only,
        new={"title": agreement.title},
        source="web",
        cycle_id=w["cycle"].pk,
        agreement_id=agreement.pk,
    )
    client = logged_in(w["m"].coordinator)
    page = _restore_last_change(client)
    assert "Opgeheven stichting (niet meer te vinden)" in page
    agreement.refresh_from_db()
    assert agreement.lead_party == w["cast"].corporation
    assert set(agreement.involved_parties.all()) == {w["m"].tenants, w["care"]}


def test_no_one_without_the_right_restores_the_parties(parties_changed: dict[str, Any]) -> None:
    w = parties_changed
    count = AuditEntry.objects.count()
    client = logged_in(w["cast"].corporation_staff)
    change = _last("agreements.agreement.changed")
    assert client.post(f"/wijzigingen/{change.pk}/terugzetten/").status_code == 403
    assert Agreement.objects.get(pk=w["agreement"].pk).lead_party == w["m"].gemeente
    assert AuditEntry.objects.count() == count
