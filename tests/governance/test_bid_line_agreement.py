"""A bid line becomes a concept agreement in one step, with the cycle's themes offered."""

from typing import Any

from django.urls import reverse

from tests.agreements.cast import Cast, build, new_cycle
from woonafspraken.agreements import services as agreement_services
from woonafspraken.agreements.models import Agreement
from woonafspraken.governance import services


def _bid_line(cast: Cast) -> Any:
    m = cast.maastricht
    cycle = new_cycle(
        m, cast.corporation, m.tenants, title="Prestatieafspraken 2020", start=2020, end=2024
    )
    bid = services.start_bid(cast.corporation_staff, cycle, cast.corporation, year=2019)
    item = services.add_bid_item(
        cast.corporation_staff,
        bid,
        item={"section": "a", "description": "Nieuwbouw sociale huur", "planned": [10, 20]},
    )
    services.submit_bid(cast.corporation_staff, bid)
    return cycle, item


def test_the_page_offers_the_cycles_themes_and_makes_the_agreement(db: Any, client: Any) -> None:
    cast = build()
    cycle, item = _bid_line(cast)
    m = cast.maastricht
    theme = agreement_services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    other = new_cycle(m, title="Ander", start=2020, end=2020)
    foreign = agreement_services.add_theme(m.coordinator, other, name="Elders")
    indicator = agreement_services.add_indicator(
        m.coordinator, m.municipality, name="Opgeleverd", unit="count"
    )
    client.force_login(m.coordinator)
    url = reverse("governance:bid_item_agreement", args=[item.pk])
    form = client.get(url).context["form"]
    assert list(form.fields["theme"].queryset) == [theme]
    wrong = client.post(url, {"theme": foreign.pk, "kind": "min"})
    assert wrong.status_code == 400
    assert "theme" in wrong.context["form"].errors
    assert not Agreement.objects.exists()
    response = client.post(url, {"theme": theme.pk, "kind": "min", "indicator": indicator.pk})
    agreement = Agreement.objects.get()
    assert response.url == reverse("agreement", args=[agreement.pk])
    item.refresh_from_db()
    assert item.agreement == agreement
    assert agreement.number == "1.1"
    # the bid of 2019 plans 2020 and 2021; both lie in the cycle
    assert list(agreement.targets.values_list("year", flat=True)) == [2020, 2021]
    bid_page = client.get(reverse("governance:bid", args=[item.bid_id])).content.decode()
    assert "Werd afspraak" in bid_page


def test_a_cycle_without_themes_says_so_instead_of_failing(db: Any, client: Any) -> None:
    cast = build()
    _, item = _bid_line(cast)
    client.force_login(cast.maastricht.coordinator)
    page = client.get(reverse("governance:bid_item_agreement", args=[item.pk]))
    assert page.status_code == 200
    assert "Voeg eerst een thema toe." in page.content.decode()


def test_a_new_bid_defaults_to_the_cycles_year(db: Any, client: Any) -> None:
    cast = build()
    cycle, _ = _bid_line(cast)
    client.force_login(cast.corporation_staff)
    page = client.get(reverse("governance:bids", args=[cycle.pk]))
    assert page.context["form"]["year"].value() == 2020
