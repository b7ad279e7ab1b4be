"""The public page of an organisation: what it is, whom it belongs with, what it holds.

Anyone may read it; a visitor sees published cycles and no people, a party logged in sees the
project leaders too. The organisation names on the cycle, theme and agreement pages lead here.
"""

from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.agreements.test_themes_list import _lead_with_leader
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Cycle, Indicator, Measurement, Target


def _org(slug: str) -> Organisation:
    return Organisation.objects.get(slug=slug)


def _page(client: Any, organisation: Organisation, query: str = "") -> str:
    response = client.get(f"/organisaties/{organisation.pk}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_tenant_organisation_and_its_corporation_link_to_each_other(client, maastricht):
    tenants = _org("woonbelang")
    corporation = tenants.corporations.get()
    assert f'href="/organisaties/{corporation.pk}/">{corporation.name}<' in _page(client, tenants)
    assert f'href="/organisaties/{tenants.pk}/">{tenants.name}<' in _page(client, corporation)
    assert "woningcorporatie" in _page(client, corporation).lower()


def test_a_visitor_sees_published_cycles_and_no_people(client, maastricht, user):
    theme, leader = _lead_with_leader(maastricht, user("gemeente-maastricht"))
    lead = theme.lead_organisation
    hidden = Cycle.objects.create(
        municipality=maastricht.municipality,
        title="Concept prestatieafspraken 2030",
        start_year=2030,
        end_year=2031,
        published=False,
    )
    hidden.parties.add(lead)
    page = _page(client, lead, f"?cyclus={maastricht.pk}")
    assert maastricht.title in page and hidden.title not in page
    assert f'href="/themas/{theme.pk}/' in page and theme.name in page
    assert "Petra Projectleider" not in page
    assert "beheer/organisaties" not in page  # nobody to manage it for
    # the unpublished cycle cannot be chosen either
    assert hidden.title not in _page(client, lead, f"?cyclus={hidden.pk}")

    client.force_login(leader)  # a person of the organisation: its concept cycle too
    page = _page(client, lead, f"?cyclus={hidden.pk}")
    assert hidden.title in page and "Petra Projectleider" in _page(client, lead)


def test_the_page_lists_the_organisations_norms_with_their_verdict(client, maastricht):
    target = (
        Target.objects.filter(agreement__theme__cycle=maastricht, party__isnull=False)
        .select_related("agreement", "party")
        .first()
    )
    page = _page(client, target.party, f"?cyclus={maastricht.pk}&year=2017")
    assert f'href="/afspraken/{target.agreement.pk}/?year=2017"' in page
    assert target.indicator.name in page
    assert 'class="verdict verdict-' in page


def test_the_manager_of_an_organisation_gets_a_link_to_its_management_page(
    client, maastricht, user
):
    woonpunt = _org("woonpunt")
    client.force_login(user("beheer"))
    assert f'href="/beheer/organisaties/{woonpunt.pk}/"' in _page(client, woonpunt)


def test_organisation_names_on_the_cycle_theme_and_agreement_pages_are_links(client, maastricht):
    agreement = Agreement.objects.filter(
        theme__cycle=maastricht, lead_party__isnull=False, targets__party__isnull=False
    ).first()
    lead = agreement.lead_party
    link = f'href="/organisaties/{lead.pk}/"'
    assert link in client.get(f"/cycli/{maastricht.pk}/").content.decode()
    assert link in client.get(f"/themas/{agreement.theme_id}/").content.decode()
    assert link in client.get(f"/afspraken/{agreement.pk}/").content.decode()
    theme_lead = agreement.theme.lead_organisation
    assert f'href="/organisaties/{theme_lead.pk}/"' in client.get("/themas/").content.decode()


def _count(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_with_more_agreements_and_norms(client, maastricht):
    woonpunt = _org("woonpunt")
    path = f"/organisaties/{woonpunt.pk}/?cyclus={maastricht.pk}&year=2018"
    client.get(path)  # warm caches (content types, sessions)
    before = _count(client, path)
    theme = maastricht.themes.first()
    indicator = Indicator.objects.filter(unit="count").first()
    for n in range(6):
        agreement = Agreement.objects.create(
            theme=theme, number=f"9.{n}", title=f"Extra {n}", lead_party=woonpunt
        )
        agreement.involved_parties.add(_org("servatius"))
        for year in (2017, 2018):
            target = Target.objects.create(
                agreement=agreement,
                indicator=indicator,
                party=woonpunt,
                year=year,
                kind="min",
                value=Decimal(10),
            )
            Measurement.objects.create(
                target=target, year=year, value=Decimal(12), recorded_at=timezone.now()
            )
    assert _count(client, path) == before
    assert "Extra 5" in client.get(path).content.decode()


def test_the_cycle_api_names_the_project_leader_only_to_a_client_with_a_token(
    client, maastricht, user, token_client
):
    theme, _leader = _lead_with_leader(maastricht, user("gemeente-maastricht"))

    def leader(c: Any) -> str:
        themes = c.get(f"/api/v1/cycles/{maastricht.pk}").json()["themes"]
        return next(t["projectLeader"] for t in themes if t["id"] == theme.pk)

    assert leader(client) == ""
    assert leader(token_client("woonpunt")) == "Petra Projectleider"
