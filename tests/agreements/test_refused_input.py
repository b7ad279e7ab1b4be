"""What people send is read through Django forms: an unknown button, a junk version of the
page and a year outside the cycle are refused aloud, every problem at once, and nothing
changes (no record, no history entry)."""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from woonafspraken.agreements import services
from woonafspraken.agreements.models import Agreement, Assessment, Measurement, Target, Theme
from woonafspraken.audit.models import AuditEntry

from .cast import Cast, logged_in, new_cycle

UNKNOWN = "Deze handeling bestaat niet."
STALE = "Deze pagina is verouderd."
OUTSIDE = "Het jaar ligt buiten de looptijd van deze afspraken (2019–2020)."


def _set_up(cast: Cast) -> tuple[Client, Theme, Agreement, Target]:
    m = cast.maastricht
    cycle = new_cycle(m, cast.corporation, m.tenants, end=2020)
    theme = services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    services.add_theme(m.coordinator, cycle, name="Betaalbaarheid")
    agreement = services.add_agreement(m.coordinator, theme, title="Bouwen", kind="result")
    indicator = services.add_indicator(m.coordinator, m.municipality, name="Gebouwd", unit="count")
    target = services.add_target(
        m.coordinator, agreement, indicator=indicator, kind="min", party=cast.corporation, value=10
    )
    return logged_in(m.coordinator), theme, agreement, target


def _state() -> tuple[Any, ...]:
    """Everything the refused posts could have changed."""
    return (
        list(Theme.objects.order_by("pk").values_list("pk", "order", "archived")),
        list(Agreement.objects.values_list("pk", "archived", "title", "version")),
        list(Target.all_objects.values_list("pk", "archived", "value", "version")),
        Measurement.objects.count(),
        Assessment.objects.count(),
        AuditEntry.objects.count(),
    )


@pytest.mark.parametrize("sent", [{"action": "sideways"}, {"action": ""}, {}])
def test_an_unknown_button_is_refused_with_a_400_and_changes_nothing(
    cast: Cast, sent: dict[str, str]
) -> None:
    client, theme, agreement, target = _set_up(cast)
    before = _state()
    for name, pk, back in (
        ("theme_action", theme.pk, reverse("cycle_setup", args=[theme.cycle_id])),
        ("agreement_action", agreement.pk, reverse("agreement", args=[agreement.pk])),
        ("target_action", target.pk, reverse("change_target", args=[target.pk])),
    ):
        response = client.post(reverse(name, args=[pk]), sent)
        assert response.status_code == 400, name
        html = response.content.decode()
        assert UNKNOWN in html and f'href="{back}' in html, name
    # until now an unknown button on an agreement brought it back (archived=False) unasked
    assert _state() == before


def test_an_unknown_button_is_refused_in_english_for_an_english_reader(cast: Cast) -> None:
    client, _, agreement, _ = _set_up(cast)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    before = _state()
    response = client.post(reverse("agreement_action", args=[agreement.pk]), {"action": "x"})
    assert response.status_code == 400
    assert "This action does not exist." in response.content.decode()
    assert _state() == before


def test_the_buttons_still_do_what_they_say(cast: Cast) -> None:
    client, _, agreement, target = _set_up(cast)
    client.post(reverse("agreement_action", args=[agreement.pk]), {"action": "archive"})
    assert Agreement.objects.get(pk=agreement.pk).archived
    client.post(reverse("agreement_action", args=[agreement.pk]), {"action": "restore"})
    assert not Agreement.objects.get(pk=agreement.pk).archived
    client.post(reverse("target_action", args=[target.pk]), {"action": "archive"})
    assert Target.all_objects.get(pk=target.pk).archived


def _agreement_form(agreement: Agreement, **changes: Any) -> dict[str, Any]:
    return {
        "number": agreement.number,
        "title": agreement.title,
        "text": agreement.text,
        "kind": agreement.kind,
        "version": agreement.version,
        **changes,
    }


@pytest.mark.parametrize("version", ["abc", "-1", "9" * 40, "1e309"])
def test_a_junk_version_on_the_change_pages_is_an_old_page_every_error_at_once(
    cast: Cast, version: str
) -> None:
    client, _, agreement, target = _set_up(cast)
    before = _state()
    response = client.post(
        reverse("change_agreement", args=[agreement.pk]),
        _agreement_form(agreement, title="", version=version),
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"title", "version"}
    assert STALE in response.content.decode()  # a hidden field's error is shown too
    response = client.post(
        reverse("change_target", args=[target.pk]),
        {"indicator": target.indicator_id, "kind": "min", "value": "", "version": version},
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"value", "version"}
    assert STALE in response.content.decode()
    assert _state() == before


def test_the_change_page_sends_its_version_through_the_form_and_a_conflict_keeps_the_input(
    cast: Cast,
) -> None:
    client, _, agreement, _ = _set_up(cast)
    url = reverse("change_agreement", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert f'name="version" value="{agreement.version}"' in page
    seen = agreement.version
    services.update_agreement(
        cast.maastricht.coordinator,
        agreement,
        changes={"title": "Bouwen, bouwen"},
        expected_version=seen,
    )
    stale = client.post(url, _agreement_form(agreement, title="Mijn titel", version=seen))
    assert stale.status_code == 400
    html = stale.content.decode()
    assert "intussen gewijzigd" in html and 'value="Mijn titel"' in html
    assert Agreement.objects.get(pk=agreement.pk).title == "Bouwen, bouwen"
    # saving again, now knowing the current version, replaces it deliberately
    current = Agreement.objects.get(pk=agreement.pk).version
    assert f'name="version" value="{current}"' in html
    again = client.post(url, _agreement_form(agreement, title="Mijn titel", version=current))
    assert again.status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).title == "Mijn titel"


@pytest.mark.parametrize("year", ["2018", "2021", "abc", "9" * 40])
def test_a_figure_or_evaluation_for_a_year_outside_the_cycle_is_refused(
    cast: Cast, year: str
) -> None:
    m = cast.maastricht
    _, _, agreement, target = _set_up(cast)
    before = _state()
    staff = logged_in(cast.corporation_staff)
    response = staff.post(
        reverse("record_measurement", args=[target.pk]),
        {"year": year, "value": "veel", "version": 0},
        follow=True,
    )
    said = " ".join(str(m) for m in response.context["messages"])
    assert OUTSIDE in said and "‘veel’ is geen getal" in said  # every problem at once
    assert response.redirect_chain[-1][0].endswith("?year=2019")
    response = logged_in(m.coordinator).post(
        reverse("record_assessment", args=[agreement.pk]),
        {"year": year, "status": "on_track", "version": 0},
        follow=True,
    )
    assert OUTSIDE in " ".join(str(m) for m in response.context["messages"])
    response = staff.post(reverse("my_input", args=[agreement.theme.cycle_id]), {"year": year})
    assert response.status_code == 400
    assert OUTSIDE in response.content.decode()
    assert _state() == before


def test_a_figure_is_recorded_for_the_year_of_the_page(cast: Cast) -> None:
    _, _, _, target = _set_up(cast)
    staff = logged_in(cast.corporation_staff)
    response = staff.post(
        reverse("record_measurement", args=[target.pk]), {"year": "2020", "value": "12"}
    )
    assert response["Location"].endswith("?year=2020")
    assert Measurement.objects.get(target=target).year == 2020
