"""Any change of an agreement, norm, figure, evaluation or theme can be taken back from the
cycle's history page (issue 15, point 5); the restore goes through the object's own service
(permission, lock, version) and is itself a change in the history."""

from decimal import Decimal
from typing import Any

from django.test import Client

from tests.conftest import target_of
from woonafspraken.agreements import services
from woonafspraken.agreements.models import Measurement
from woonafspraken.audit.models import AuditEntry


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
    client = Client()
    client.force_login(user("woonpunt"))
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
    client = Client()
    client.force_login(coordinator)
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
    client = Client()
    client.force_login(user("woonpunt"))
    assert f"/wijzigingen/{created.pk}/terugzetten/" not in _history(client, maastricht)
    response = client.post(f"/wijzigingen/{created.pk}/terugzetten/", follow=True)
    assert "kan niet worden teruggezet" in response.content.decode()
