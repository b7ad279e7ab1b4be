"""The set-up pages: Django forms that show every error beside its field and write nothing,
and that one municipality's people never see another's set-up."""

from typing import Any

from django.test import Client
from django.urls import reverse

from woonafspraken.agreements import services
from woonafspraken.agreements.models import Agreement, Cycle, Target, Theme

from .cast import Cast, logged_in


def _new_cycle(cast: Cast, client: Client, **fields: Any) -> Any:
    m = cast.maastricht
    data = {
        "title": "Prestatieafspraken 2019",
        "start_year": "2019",
        "end_year": "2019",
        "parties": [m.gemeente.pk, cast.corporation.pk, m.tenants.pk],
        "description": "",
        **fields,
    }
    return client.post(reverse("create_cycle", args=[m.municipality.pk]), data)


def test_a_coordinator_creates_a_cycle_then_a_theme_on_the_web(cast: Cast) -> None:
    client = logged_in(cast.maastricht.coordinator)
    page = client.get(reverse("setup_home"))
    assert "Kopieer van vorig jaar" in page.content.decode()
    response = _new_cycle(cast, client)
    cycle = Cycle.objects.get()
    assert response.url == reverse("cycle_setup", args=[cycle.pk])
    response = client.post(
        reverse("cycle_setup", args=[cycle.pk]),
        {
            "form": "theme",
            "theme-name": "Betaalbaarheid",
            "theme-lead_organisation": cast.maastricht.gemeente.pk,
            "theme-project_leader": cast.maastricht.leader.pk,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("cycle_setup", args=[cycle.pk])).content.decode()
    assert "Betaalbaarheid" in page
    assert "Lea Leider Maastricht" in page


def test_a_wrong_cycle_form_shows_all_errors_in_dutch_and_writes_nothing(cast: Cast) -> None:
    client = logged_in(cast.maastricht.coordinator)
    response = _new_cycle(cast, client, title="", start_year="2021", end_year="twintig", parties=[])
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) == {"title", "end_year", "parties"}
    page = response.content.decode()
    assert "Er is niets opgeslagen" in page
    for message in form.errors["title"]:  # beside its field, in Dutch
        assert message in page
    assert not Cycle.objects.exists()


def test_the_service_refusal_comes_back_beside_the_field(cast: Cast) -> None:
    client = logged_in(cast.maastricht.coordinator)
    _new_cycle(cast, client)
    response = _new_cycle(cast, client, title="prestatieafspraken 2019")
    assert response.status_code == 400
    assert "al een cyclus met deze titel" in " ".join(response.context["form"].errors["title"])
    assert Cycle.objects.count() == 1


def test_another_municipality_cannot_see_or_change_the_set_up(cast: Cast) -> None:
    client = logged_in(cast.maastricht.coordinator)
    _new_cycle(cast, client)
    cycle = Cycle.objects.get()
    intruder = logged_in(cast.heerlen.coordinator)
    m = cast.maastricht.municipality
    for url in (
        reverse("create_cycle", args=[m.pk]),
        reverse("copy_cycle", args=[m.pk]),
        reverse("indicators", args=[m.pk]),
        reverse("cycle_setup", args=[cycle.pk]),
        reverse("create_agreement", args=[cycle.pk]),
    ):
        assert intruder.get(url).status_code == 403, url
    response = intruder.post(
        reverse("cycle_setup", args=[cycle.pk]), {"form": "theme", "theme-name": "Stiekem"}
    )
    assert response.status_code == 403
    assert not Theme.objects.exists()
    home = intruder.get(reverse("setup_home")).content.decode()
    assert "Maastricht" not in home


def test_copy_page_offers_last_year_and_reports_what_came_along(cast: Cast) -> None:
    client = logged_in(cast.maastricht.coordinator)
    _new_cycle(cast, client)
    m = cast.maastricht
    source = Cycle.objects.get()
    services.add_theme(
        m.coordinator,
        source,
        name="Nieuwbouw",
        lead_organisation=m.gemeente,
        project_leader=m.leader,
    )
    form = client.get(reverse("copy_cycle", args=[m.municipality.pk])).context["form"]
    assert form.initial["start_year"] == 2020
    response = client.post(
        reverse("copy_cycle", args=[m.municipality.pk]),
        {
            "source": source.pk,
            "title": "Prestatieafspraken 2020",
            "start_year": 2020,
            "end_year": 2020,
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Gekopieerd van Prestatieafspraken 2019: 3 partijen, 1 thema" in page
    assert "Meegekomen uit vorig jaar" in page


def test_an_agreement_and_a_norm_are_added_on_the_web(cast: Cast) -> None:
    m = cast.maastricht
    client = logged_in(m.coordinator)
    _new_cycle(cast, client, end_year="2021")
    cycle = Cycle.objects.get()
    theme = services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    indicator = services.add_indicator(
        m.coordinator, m.municipality, name="Opgeleverd", unit="count"
    )
    response = client.post(
        reverse("create_agreement", args=[cycle.pk]),
        {
            "theme": theme.pk,
            "title": "Bouwen",
            "kind": "result",
            "involved_parties": [cast.corporation.pk],
        },
    )
    agreement = Agreement.objects.get()
    assert response.url == reverse("agreement", args=[agreement.pk])
    url = reverse("create_target", args=[agreement.pk])
    wrong = client.post(url, {"indicator": indicator.pk, "kind": "range", "low": "1"})
    assert wrong.status_code == 400
    assert set(wrong.context["form"].errors) == {"high"}
    ok = client.post(
        url,
        {
            "indicator": indicator.pk,
            "kind": "min",
            "value": "12,0",
            "party": cast.corporation.pk,
            "year": "2020",
        },
    )
    assert ok.status_code == 302
    target = Target.objects.get()
    assert (target.year, target.party, int(target.value)) == (2020, cast.corporation, 12)


def test_indicators_page_refuses_a_duplicate_beside_the_name(cast: Cast) -> None:
    m = cast.maastricht
    client = logged_in(m.coordinator)
    url = reverse("indicators", args=[m.municipality.pk])
    data = {"name": "Wachttijd", "unit": "count", "direction": "lower", "aggregation": "sum"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "name": "wachttijd"})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors


def test_themes_are_renamed_reordered_and_archived_on_the_web_and_agreements_archived(
    cast: Cast,
) -> None:
    m = cast.maastricht
    client = logged_in(m.coordinator)
    _new_cycle(cast, client)
    cycle = Cycle.objects.get()
    first = services.add_theme(m.coordinator, cycle, name="Nieuwbouw")
    second = services.add_theme(m.coordinator, cycle, name="Betaalbaarheid")
    agreement = services.add_agreement(m.coordinator, first, title="Bouwen")

    renamed = client.post(
        reverse("edit_theme", args=[first.pk]),
        {"name": "Nieuwbouw en transformatie", "lead_organisation": cast.corporation.pk},
    )
    assert renamed.status_code == 302
    duplicate = client.post(reverse("edit_theme", args=[first.pk]), {"name": "betaalbaarheid"})
    assert duplicate.status_code == 400 and "name" in duplicate.context["form"].errors

    action = reverse("theme_action", args=[second.pk])
    client.post(action, {"action": "up"})
    assert list(cycle.themes.order_by("order").values_list("name", flat=True)) == [
        "Betaalbaarheid",
        "Nieuwbouw en transformatie",
    ]
    refused = client.post(
        reverse("theme_action", args=[first.pk]), {"action": "delete"}, follow=True
    )
    assert "Archiveer het thema" in refused.content.decode()
    client.post(reverse("theme_action", args=[first.pk]), {"action": "archive"})
    assert Theme.objects.get(pk=first.pk).archived
    form = client.get(reverse("create_agreement", args=[cycle.pk])).context["form"]
    assert list(form.fields["theme"].queryset) == [Theme.objects.get(pk=second.pk)]
    client.post(reverse("theme_action", args=[first.pk]), {"action": "restore"})
    assert not Theme.objects.get(pk=first.pk).archived

    client.post(reverse("agreement_action", args=[agreement.pk]), {"action": "archive"})
    assert Agreement.objects.get(pk=agreement.pk).archived
    client.post(reverse("theme_action", args=[second.pk]), {"action": "delete"})
    assert not Theme.objects.filter(pk=second.pk).exists()  # no history: it may go
