"""An archived organisation keeps the links it had, but is offered nowhere new: not as a party
of a cycle, a lead of a theme or agreement, nor as the party of a norm; and a copy of last
year leaves it behind."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from woonafspraken.accounts import services as accounts
from woonafspraken.agreements import services
from woonafspraken.agreements.models import Target

from .cast import Cast, logged_in, new_cycle


def _led_by_an_old_corporation(cast: Cast, *, end_year: int, involved: list[Any]) -> Any:
    """A 2019 cycle whose theme and agreement an old corporation leads (the agreement also
    involves ``involved``), and an indicator; the corporation is then archived."""
    m = cast.maastricht
    old = accounts.create_organisation(
        m.admin, m.municipality, kind="corporation", name="Oude Woningstichting"
    )
    cycle = new_cycle(m, cast.corporation, old, end=end_year)
    theme = services.add_theme(m.coordinator, cycle, name="Nieuwbouw", lead_organisation=old)
    agreement = services.add_agreement(
        m.coordinator, theme, title="Bouwen", lead_party=old, involved=[old, *involved]
    )
    indicator = services.add_indicator(m.coordinator, m.municipality, name="Gebouwd", unit="count")
    return old, cycle, theme, agreement, indicator


def _offered(client: Client, page: str, pk: int, field: str, form: str = "form") -> Any:
    """What the field ``field`` of a set-up page offers to choose from."""
    return client.get(reverse(page, args=[pk])).context[form].fields[field].queryset


def test_an_archived_organisation_is_offered_nowhere_and_refused_by_the_services(
    cast: Cast,
) -> None:
    m = cast.maastricht
    old, cycle, theme, agreement, indicator = _led_by_an_old_corporation(
        cast, end_year=2020, involved=[]
    )
    accounts.archive_organisation(m.admin, old)
    old.refresh_from_db()

    client = logged_in(m.coordinator)
    assert old not in _offered(client, "create_cycle", m.municipality.pk, "parties")
    # still a party of this cycle: it stays ticked
    assert old in _offered(client, "cycle_setup", cycle.pk, "parties", form="cycle_form")
    for field in ("lead_party", "involved_parties"):
        assert old not in _offered(client, "create_agreement", cycle.pk, field)
    assert old not in _offered(client, "create_target", agreement.pk, "party")
    other = services.add_theme(m.coordinator, cycle, name="Betaalbaarheid")
    assert old not in _offered(client, "edit_theme", other.pk, "lead_organisation")
    # the theme that already has it as lead keeps it, and saves unchanged
    assert old in _offered(client, "edit_theme", theme.pk, "lead_organisation")
    services.update_theme(m.coordinator, theme, name="Nieuwbouw 2", lead_organisation=old)

    with pytest.raises(ValidationError) as exc:
        services.create_cycle(
            m.coordinator,
            municipality=m.municipality,
            title="Prestatieafspraken 2021",
            start_year=2021,
            end_year=2021,
            parties=[m.gemeente, old],
        )
    assert "Oude Woningstichting" in exc.value.message_dict["parties"][0]
    with pytest.raises(ValidationError) as exc:
        services.update_theme(m.coordinator, other, name="Betaalbaarheid", lead_organisation=old)
    assert "lead_organisation" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.add_agreement(m.coordinator, other, title="Nieuw", lead_party=old)
    assert "lead_party" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.add_target(
            m.coordinator, agreement, indicator=indicator, kind="min", party=old, value=3
        )
    assert "party" in exc.value.message_dict
    assert not Target.objects.exists()


def test_a_copy_of_last_year_leaves_an_archived_party_behind_and_says_so(cast: Cast) -> None:
    m = cast.maastricht
    old, cycle, _theme, agreement, indicator = _led_by_an_old_corporation(
        cast, end_year=2022, involved=[cast.corporation]
    )
    for party in (old, cast.corporation):
        services.add_target(
            m.coordinator,
            agreement,
            indicator=indicator,
            kind="min",
            party=party,
            year=2020,
            value=3,
        )
    accounts.archive_organisation(m.admin, old)
    response = logged_in(m.coordinator).post(
        reverse("copy_cycle", args=[m.municipality.pk]),
        {
            "source": cycle.pk,
            "title": "Prestatieafspraken 2020",
            "start_year": 2020,
            "end_year": 2022,
        },
        follow=True,
    )
    assert "Gearchiveerde organisaties bleven achter: Oude Woningstichting." in (
        response.content.decode()
    )
    copy = response.context["cycle"]
    assert old not in copy.parties.all()
    new_theme = copy.themes.get()
    assert new_theme.lead_organisation is None
    new_agreement = new_theme.agreements.get()
    assert new_agreement.lead_party is None
    assert list(new_agreement.involved_parties.all()) == [cast.corporation]
    assert [t.party for t in new_agreement.targets.all()] == [cast.corporation]
