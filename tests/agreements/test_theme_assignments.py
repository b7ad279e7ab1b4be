"""Themes carry board assignments (bestuursopdrachten) and their findings (conclusies)."""

import html
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.process.conftest import approve_all, to_decision
from woonafspraken.accounts.services import ensure_membership
from woonafspraken.agreements import demo, services
from woonafspraken.agreements.models import Agreement, Finding, ThemeAssignment
from woonafspraken.audit import presentation
from woonafspraken.audit.models import AuditEntry

BETAALBAARHEID = [
    "Prognose sociale doelgroep en sociale huurwoningen 2016–2021–2026 (met een dip)",
    "Kloof arm/rijk",
    "Scheefwoners goedkoop & duur",
    "Ontwikkeling woonlasten",
    "Daling goedkoopste woningen",
    "Ontwikkelingen 2012–2015",
]
WONEN_EN_ZORG = [
    "Extramuralisatie resulteert in hogere kosten (betaalbaarheid)",
    "Groeiende vraag, in theorie voldoende aanbod, maar 66%: betaalbaarheid, spreiding, "
    "zorgscheefwoners, ongeschikte woning & wil vaak niet verhuizen",
    "Weinig doorstroom",
]
FROZEN = "ondertekend; wijzig ze via een wijzigingsvoorstel"
COORDINATOR = "gemeente-maastricht"


def _page(client: Any, theme: Any) -> str:
    response = client.get(f"/themas/{theme.pk}/?year=2017")
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def _said(client: Any, url: str, data: dict[str, Any]) -> str:
    """Send a form of the theme page; what the page then says in its messages."""
    response = client.post(url, data, follow=True)
    return " ".join(str(m) for m in response.context["messages"])


def _counts() -> tuple[int, int, int]:
    return ThemeAssignment.objects.count(), Finding.objects.count(), AuditEntry.objects.count()


@pytest.fixture
def betaalbaarheid(maastricht: Any) -> Any:
    return maastricht.themes.get(name="Betaalbaarheid")


@pytest.fixture
def assignment(betaalbaarheid: Any) -> ThemeAssignment:
    return betaalbaarheid.assignments.get()


# --- The demo ------------------------------------------------------------------------------


def test_the_demo_shows_the_seeds_findings_on_the_betaalbaarheid_theme_page(client, betaalbaarheid):
    page = _page(client, betaalbaarheid)
    heading = page.index("Bestuursopdracht 2016: belangrijkste conclusies")
    positions = [page.index(text) for text in BETAALBAARHEID]
    assert heading < positions[0] and positions == sorted(positions)
    first_agreement = page.index(betaalbaarheid.agreements.order_by("order").first().title)
    assert positions[-1] < first_agreement  # the findings come above the agreements
    assert "Extramuralisatie" not in page  # a Wonen en Zorg finding, see ADR 0003
    assert demo.SEED in page  # each finding names its source


def test_the_demo_gives_wonen_en_zorg_its_own_findings(client, maastricht):
    theme = maastricht.themes.get(name="Wonen en Zorg")
    assignment = theme.assignments.get()
    assert (assignment.year, assignment.title) == (2016, "Bestuursopdracht 2016")
    assert [f.text for f in assignment.findings.all()] == WONEN_EN_ZORG
    page = _page(client, theme)
    assert all(text in page for text in WONEN_EN_ZORG)


def test_themes_without_assignments_show_no_empty_section_to_readers(client, maastricht):
    page = _page(client, maastricht.themes.get(name="Duurzaamheid"))
    assert "belangrijkste conclusies" not in page
    assert 'id="bestuursopdrachten"' not in page


def test_the_api_gives_each_theme_its_assignments_with_findings(client, maastricht):
    themes = client.get(f"/api/v1/cycles/{maastricht.pk}").json()["themes"]
    by_name = {t["name"]: t for t in themes}
    [assignment] = by_name["Betaalbaarheid"]["assignments"]
    assert (assignment["year"], assignment["title"]) == (2016, "Bestuursopdracht 2016")
    assert [f["text"] for f in assignment["findings"]] == BETAALBAARHEID
    assert by_name["Duurzaamheid"]["assignments"] == []


# --- A coordinator adds, corrects and removes ------------------------------------------------


def test_a_coordinator_adds_an_assignment_and_a_finding_and_both_are_in_the_history(
    client, maastricht, user
):
    theme = maastricht.themes.get(name="Veiligheid & Leefbaarheid")
    client.force_login(user(COORDINATOR))
    said = _said(
        client,
        f"/themas/{theme.pk}/bestuursopdrachten/",
        {"year": "2017", "assignment_year": "2016", "title": "Bestuursopdracht 2016"},
    )
    assert "Bestuursopdracht opgeslagen." in said
    assignment = theme.assignments.get()
    said = _said(
        client,
        f"/bestuursopdrachten/{assignment.pk}/conclusies/",
        {"year": "2017", "text": "Veiligheid als kernthema", "source": "Werkgroep V&L"},
    )
    assert "Conclusie toegevoegd." in said
    page = _page(client, theme)
    assert "Bestuursopdracht 2016: belangrijkste conclusies" in page
    assert "Veiligheid als kernthema" in page and "Werkgroep V&L" in page

    created = AuditEntry.objects.get(
        action="agreements.assignment.created", object_id=str(assignment.pk)
    )
    assert created.cycle_id == maastricht.pk and created.actor == user(COORDINATOR)
    assert presentation.action_label(created.action) == "bestuursopdracht vastgelegd"
    rows = {c.label: c.new for c in presentation.changes(created)}
    assert rows["titel"] == "Bestuursopdracht 2016" and rows["jaar"] == "2016"
    assert rows["thema"] == "Veiligheid & Leefbaarheid"

    finding = assignment.findings.get()
    added = AuditEntry.objects.get(action="agreements.finding.created", object_id=str(finding.pk))
    assert added.cycle_id == maastricht.pk
    assert presentation.action_label(added.action) == "conclusie toegevoegd"
    rows = {c.label: c.new for c in presentation.changes(added)}
    assert rows == {
        "bestuursopdracht": "Bestuursopdracht 2016",
        "tekst": "Veiligheid als kernthema",
        "bron": "Werkgroep V&L",
    }


def test_a_coordinator_corrects_a_finding_and_the_history_shows_old_and_new(
    client, assignment, user
):
    finding = assignment.findings.get(text="Kloof arm/rijk")
    client.force_login(user(COORDINATOR))
    said = _said(
        client,
        f"/conclusies/{finding.pk}/wijzigen/",
        {"year": "2017", "text": "Kloof tussen arm en rijk", "source": "", "version": "1"},
    )
    assert "Conclusie opgeslagen." in said
    finding.refresh_from_db()
    assert (finding.text, finding.source, finding.version) == ("Kloof tussen arm en rijk", "", 2)
    entry = AuditEntry.objects.get(action="agreements.finding.changed")
    assert presentation.action_label(entry.action) == "conclusie gewijzigd"
    rows = {c.label: (c.old, c.new) for c in presentation.changes(entry)}
    assert rows["tekst"] == ("Kloof arm/rijk", "Kloof tussen arm en rijk")
    assert rows["bron"][1] == "—"
    assert "bestuursopdracht" not in rows  # unchanged fields are not shown


def test_a_stale_correction_is_refused_and_changes_nothing(client, assignment, user):
    finding = assignment.findings.get(text="Kloof arm/rijk")
    services.update_finding(user(COORDINATOR), finding, text="Kloof arm / rijk", expected_version=1)
    before = _counts()
    client.force_login(user(COORDINATOR))
    said = _said(
        client,
        f"/conclusies/{finding.pk}/wijzigen/",
        {"year": "2017", "text": "Iets anders", "version": "1"},
    )
    assert "Iemand anders heeft deze conclusie intussen gewijzigd" in said
    finding.refresh_from_db()
    assert (finding.text, finding.version) == ("Kloof arm / rijk", 2)
    assert _counts() == before


def test_a_coordinator_removes_a_finding_and_the_history_keeps_its_text(client, assignment, user):
    finding = assignment.findings.get(text="Daling goedkoopste woningen")
    client.force_login(user(COORDINATOR))
    said = _said(
        client,
        f"/conclusies/{finding.pk}/wijzigen/",
        {"year": "2017", "remove": "1", "version": "1"},
    )
    assert "Conclusie verwijderd." in said
    assert not Finding.objects.filter(pk=finding.pk).exists()
    entry = AuditEntry.objects.get(action="agreements.finding.deleted")
    assert presentation.action_label(entry.action) == "conclusie verwijderd"
    assert {c.label: c.old for c in presentation.changes(entry)}["tekst"] == (
        "Daling goedkoopste woningen"
    )
    assert "Daling goedkoopste woningen" not in _page(client, assignment.theme)


def test_new_findings_come_last_in_order(assignment, user):
    services.add_finding(user(COORDINATOR), assignment, text="Nog een conclusie")
    assert list(assignment.findings.values_list("text", flat=True)) == [
        *BETAALBAARHEID,
        "Nog een conclusie",
    ]


# --- Who may --------------------------------------------------------------------------------


ACCOUNTS = [
    "gemeente-maastricht",
    "woonpunt",
    "servatius",
    "maasvallei",
    "woonbelang",
    "servaassleutel",
    "woonvallei",
    "beheer",
    None,
]
EDIT = {"gemeente-maastricht", "beheer"}


@pytest.mark.parametrize("name", ACCOUNTS)
def test_adding_a_finding_is_allowed_exactly_for_coordinators_and_admins(assignment, user, name):
    actor = AnonymousUser() if name is None else user(name)
    call = lambda: services.add_finding(actor, assignment, text="Nieuw")  # noqa: E731
    if name in EDIT:
        assert call().text == "Nieuw"
    else:
        with pytest.raises(PermissionDenied):
            call()
        assert not assignment.findings.filter(text="Nieuw").exists()


@pytest.mark.parametrize("name", ["woonpunt", "woonbelang", None])
def test_contributors_tenant_organisations_and_visitors_cannot_change_anything(
    client, assignment, user, name
):
    if name:
        client.force_login(user(name))
    finding = assignment.findings.first()
    page = _page(client, assignment.theme)
    assert "Kloof arm/rijk" in page
    assert "Conclusie toevoegen" not in page and "Bestuursopdracht toevoegen" not in page
    before = _counts()
    posts = [
        (f"/themas/{assignment.theme_id}/bestuursopdrachten/", {"assignment_year": "2016"}),
        (f"/bestuursopdrachten/{assignment.pk}/conclusies/", {"text": "Nieuw"}),
        (f"/conclusies/{finding.pk}/wijzigen/", {"text": "Anders", "version": "1"}),
        (f"/conclusies/{finding.pk}/wijzigen/", {"remove": "1", "version": "1"}),
    ]
    for path, data in posts:
        assert client.post(path, {"title": "X", **data}).status_code == 403
    assert _counts() == before
    finding.refresh_from_db()
    assert (finding.text, finding.version) == (BETAALBAARHEID[0], 1)


def test_visitors_of_an_unpublished_cycle_get_404(client, maastricht, assignment):
    type(maastricht).objects.filter(pk=maastricht.pk).update(published=False)
    before = _counts()
    path = f"/bestuursopdrachten/{assignment.pk}/conclusies/"
    assert client.post(path, {"text": "Nieuw"}).status_code == 404
    assert client.get(f"/themas/{assignment.theme_id}/").status_code == 404
    assert _counts() == before


# --- Bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, message",
    [
        ({"assignment_year": "2016", "title": "  "}, "Vul een titel in"),
        ({"assignment_year": "", "title": "Bestuursopdracht"}, "Vul een jaar in"),
        ({"assignment_year": "twintig", "title": "Bestuursopdracht"}, "Vul een jaar in"),
        ({"assignment_year": "16", "title": "Bestuursopdracht"}, "Vul een jaar in"),
    ],
)
def test_an_assignment_without_a_title_or_year_gives_a_dutch_message_and_changes_nothing(
    client, betaalbaarheid, user, data, message
):
    client.force_login(user(COORDINATOR))
    before = _counts()
    said = _said(
        client, f"/themas/{betaalbaarheid.pk}/bestuursopdrachten/", {"year": "2017", **data}
    )
    assert said.startswith("Niet opgeslagen:") and message in said
    assert _counts() == before


def test_an_empty_finding_gives_a_dutch_message_and_changes_nothing(client, assignment, user):
    client.force_login(user(COORDINATOR))
    before = _counts()
    said = _said(
        client,
        f"/bestuursopdrachten/{assignment.pk}/conclusies/",
        {"year": "2017", "text": " \n ", "source": "ergens"},
    )
    assert "Niet opgeslagen: Vul de conclusie in." in said
    finding = assignment.findings.first()
    said = _said(
        client, f"/conclusies/{finding.pk}/wijzigen/", {"year": "2017", "text": "", "version": "1"}
    )
    assert "Vul de conclusie in; wilt u haar weghalen, kies dan ‘Verwijderen’." in said
    finding.refresh_from_db()
    assert (finding.text, finding.version) == (BETAALBAARHEID[0], 1)
    assert _counts() == before


def test_a_wrong_assignment_is_told_in_full_at_once_and_changes_nothing(
    client, betaalbaarheid, user
):
    client.force_login(user(COORDINATOR))
    before = _counts()
    said = _said(
        client,
        f"/themas/{betaalbaarheid.pk}/bestuursopdrachten/",
        {"year": "abc", "assignment_year": "abc", "title": "", "text": "x" * 10001},
    )
    assert "Vul een jaar in tussen 1900 en 2100" in said
    assert "Vul een titel in" in said
    assert "De opdracht is te lang (hoogstens 10000 tekens)." in said
    assert _counts() == before


def test_a_wrong_finding_is_told_in_full_at_once_and_changes_nothing(client, assignment, user):
    client.force_login(user(COORDINATOR))
    finding = assignment.findings.first()
    before = _counts()
    said = _said(
        client,
        f"/conclusies/{finding.pk}/wijzigen/",
        {"year": "2017", "text": "x" * 2001, "source": "y" * 301, "version": "abc"},
    )
    assert "De conclusie is te lang (hoogstens 2000 tekens)." in said
    assert "De bron is te lang (hoogstens 300 tekens)." in said
    assert "Deze pagina is verouderd." in said
    said = _said(client, f"/conclusies/{finding.pk}/wijzigen/", {"remove": "1", "version": "abc"})
    assert said.startswith("Niet opgeslagen: Deze pagina is verouderd.")
    finding.refresh_from_db()
    assert (finding.text, finding.version) == (BETAALBAARHEID[0], 1)
    assert _counts() == before


def test_removing_a_finding_asks_nothing_of_the_text_it_showed(client, assignment, user):
    client.force_login(user(COORDINATOR))
    finding = assignment.findings.first()
    said = _said(
        client,
        f"/conclusies/{finding.pk}/wijzigen/",
        {"year": "2017", "text": "x" * 2001, "remove": "1", "version": "1"},
    )
    assert said == "Conclusie verwijderd."
    assert not Finding.objects.filter(pk=finding.pk).exists()


def test_a_too_long_finding_or_source_is_refused(assignment, user):
    with pytest.raises(ValidationError, match="te lang"):
        services.add_finding(user(COORDINATOR), assignment, text="x" * 2001)
    with pytest.raises(ValidationError, match="bron is te lang"):
        services.add_finding(user(COORDINATOR), assignment, text="kort", source="x" * 301)


# --- A signed cycle is frozen ----------------------------------------------------------------


@pytest.fixture
def signed(maastricht: Any, user: Any) -> Any:
    college = get_user_model().objects.create_user("college", "college@example.org", "demo")
    gemeente = maastricht.parties.get(slug="gemeente-maastricht")
    ensure_membership(user("beheer"), college, gemeente, "signatory")
    to_decision(maastricht, user("beheer"))
    approve_all(maastricht)
    maastricht.refresh_from_db()
    assert maastricht.phase == "signed"
    return maastricht


def test_in_a_signed_cycle_assignments_and_findings_are_frozen_like_agreements(
    client, signed, user
):
    coordinator = user(COORDINATOR)
    theme = signed.themes.get(name="Betaalbaarheid")
    assignment = theme.assignments.get()
    finding = assignment.findings.first()
    agreement = Agreement.objects.filter(theme=theme).first()
    with pytest.raises(ValidationError, match=FROZEN):
        services.update_agreement(
            coordinator, agreement, changes={"title": "x"}, expected_version=agreement.version
        )
    before = _counts()
    for call in (
        lambda: services.add_assignment(coordinator, theme, year=2018, title="Nieuw"),
        lambda: services.add_finding(coordinator, assignment, text="Nieuw"),
        lambda: services.update_finding(coordinator, finding, text="Anders", expected_version=1),
        lambda: services.remove_finding(coordinator, finding, expected_version=1),
    ):
        with pytest.raises(ValidationError, match=FROZEN) as refused:
            call()
        assert refused.value.code == "frozen"
    client.force_login(coordinator)
    said = _said(
        client,
        f"/bestuursopdrachten/{assignment.pk}/conclusies/",
        {"year": "2017", "text": "Nieuw"},
    )
    assert FROZEN in said
    assert _counts() == before


# --- Queries ---------------------------------------------------------------------------------


def _count(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", [COORDINATOR, None])
def test_the_theme_page_costs_the_same_queries_with_more_assignments_and_findings(
    client, maastricht, betaalbaarheid, user, name
):
    if name:
        client.force_login(user(name))
    paths = [f"/themas/{betaalbaarheid.pk}/?year=2017", f"/api/v1/cycles/{maastricht.pk}"]
    for path in paths:
        client.get(path)  # warm caches (content types, sessions)
    before = {p: _count(client, p) for p in paths}
    for year in (2017, 2018):
        extra = services.add_assignment(
            user(COORDINATOR), betaalbaarheid, year=year, title=f"Opdracht {year}"
        )
        for i in range(5):
            services.add_finding(user(COORDINATOR), extra, text=f"Conclusie {i}", source="bron")
    assert {p: _count(client, p) for p in paths} == before
    assert "Opdracht 2018: belangrijkste conclusies" in _page(client, betaalbaarheid)


def test_a_new_finding_shows_in_the_cycle_history(client, maastricht, assignment, user):
    services.add_finding(user("gemeente-maastricht"), assignment, text="Weinig doorstroming")
    client.force_login(user("woonpunt"))
    html = client.get(f"/cycli/{maastricht.pk}/wijzigingen/?soort=afspraken").content.decode()
    assert "Conclusie toegevoegd" in html
    assert "Weinig doorstroming" in html
