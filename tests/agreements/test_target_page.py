"""A norm changed on its own page (indicator, party, year, kind, numbers), and archived when
it has figures: it keeps its history but counts nowhere; without figures it may go."""

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from woonafspraken.agreements import services
from woonafspraken.agreements.models import Cycle, Measurement, Target
from woonafspraken.audit.models import AuditEntry
from woonafspraken.process.rules import CycleLocked

from .cast import Cast, new_cycle


def _set_up(cast: Cast) -> tuple[Any, Target, Any]:
    m = cast.maastricht
    cycle = new_cycle(m, cast.corporation, m.tenants, end=2021)
    theme = services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    agreement = services.add_agreement(m.coordinator, theme, title="Bouwen", kind="result")
    indicator = services.add_indicator(m.coordinator, m.municipality, name="Gebouwd", unit="count")
    target = services.add_target(
        m.coordinator,
        agreement,
        indicator=indicator,
        kind="min",
        party=cast.corporation,
        year=2019,
        value=10,
    )
    client = Client()
    client.force_login(m.coordinator)
    return agreement, target, client


def test_a_norm_is_changed_whole_on_its_page_with_every_error_at_once(cast: Cast) -> None:
    _, target, client = _set_up(cast)
    url = reverse("change_target", args=[target.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"]["value"].value() == "10"
    wrong = client.post(
        url,
        {
            "indicator": target.indicator_id,
            "kind": "range",
            "low": "abc",
            "year": "1990",
            "version": target.version,
        },
    )
    assert wrong.status_code == 400
    assert {"low", "high", "year"} <= set(wrong.context["form"].errors)
    assert Target.objects.get().kind == "min"
    ok = client.post(
        url,
        {
            "indicator": target.indicator_id,
            "party": "",
            "year": "2020",
            "kind": "range",
            "low": "8",
            "high": "12,5",
            "note": "Bandbreedte afgesproken",
            "version": target.version,
        },
    )
    assert ok.status_code == 302
    changed = Target.objects.get()
    assert (changed.party, changed.year, changed.kind) == (None, 2020, "range")
    assert (changed.low, changed.high) == (Decimal("8"), Decimal("12.5"))
    assert AuditEntry.objects.filter(action="agreements.target.changed").exists()


def test_a_norm_with_figures_is_archived_not_deleted_and_counts_nowhere(cast: Cast) -> None:
    agreement, target, client = _set_up(cast)
    services.record_measurement(cast.corporation_staff, target, value=11, year=2019)
    action = reverse("target_action", args=[target.pk])
    refused = client.post(action, {"action": "delete"}, follow=True)
    assert "Archiveer de norm" in refused.content.decode()
    assert Target.objects.filter(pk=target.pk).exists()

    client.post(action, {"action": "archive"})
    assert not agreement.targets.exists()  # counts nowhere: not on the page, nor in a verdict
    assert Target.all_objects.get(pk=target.pk).archived
    assert Measurement.objects.filter(target_id=target.pk).exists()  # the figures stay
    page = client.get(reverse("agreement", args=[agreement.pk])).content.decode()
    assert "Gearchiveerde normen" in page
    assert client.get(reverse("change_target", args=[target.pk])).status_code == 200

    client.post(action, {"action": "restore"})
    assert agreement.targets.get().pk == target.pk
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"agreements.target.archived", "agreements.target.restored"} <= actions


def test_a_norm_without_figures_may_go_and_a_closed_cycle_refuses_both(cast: Cast) -> None:
    agreement, target, client = _set_up(cast)
    Cycle.objects.filter(pk=agreement.theme.cycle_id).update(phase="closed")
    response = client.post(
        reverse("target_action", args=[target.pk]), {"action": "archive"}, follow=True
    )
    assert "Deze cyclus is afgesloten" in response.content.decode()
    with pytest.raises(CycleLocked):
        services.archive_target(cast.maastricht.coordinator, target)
    assert not Target.all_objects.get(pk=target.pk).archived
    Cycle.objects.filter(pk=agreement.theme.cycle_id).update(phase="preparation")
    client.post(reverse("target_action", args=[target.pk]), {"action": "delete"})
    assert not Target.all_objects.exists()


def test_another_municipality_cannot_open_the_norm_page(cast: Cast) -> None:
    _, target, _ = _set_up(cast)
    outsider = Client()
    outsider.force_login(cast.heerlen.coordinator)
    assert outsider.get(reverse("change_target", args=[target.pk])).status_code in (403, 404)
    assert outsider.post(
        reverse("target_action", args=[target.pk]), {"action": "archive"}
    ).status_code in (403, 404)
    assert not Target.all_objects.get(pk=target.pk).archived
