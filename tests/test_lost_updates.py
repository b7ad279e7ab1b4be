"""No silent lost update (issue 15, point 5): each form sends back the version it showed;
a second person saving over a record that changed meanwhile gets a clear Dutch message,
nothing of the first change is overwritten, and what the second person typed is shown again.

Built as people do it: the page is read (the version comes from the page itself), someone
else saves, then the stale form is sent.
"""

import re
from typing import Any

import pytest
from django.test import Client

from tests.governance.conftest import org, woonpunt_bid
from woonafspraken.agreements import services as agreement_services
from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance import demo as governance_demo
from woonafspraken.governance import services as governance_services
from woonafspraken.governance.models import ActionItem, BidItem, BidSection, Body
from woonafspraken.process import services as process_services
from woonafspraken.process.models import DisputePosition


def hidden(page: str, name: str, after: str = "") -> str:
    """The value of the hidden field ``name`` (the first after the text ``after``)."""
    start = page.index(after) if after else 0
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page[start:])
    assert found, name
    return found.group(1)


def logged_in(user: Any, username: str) -> Client:
    client = Client()
    client.force_login(user(username))
    return client


# --- Theme ---------------------------------------------------------------------------------


def test_a_stale_theme_form_is_refused_and_keeps_the_input(maastricht, user):
    theme = maastricht.themes.order_by("order").first()
    client = logged_in(user, "gemeente-maastricht")
    url = f"/themas/{theme.pk}/bewerken/"
    page = client.get(url).content.decode()
    seen = hidden(page, "version")
    agreement_services.update_theme(
        user("beheer"), theme, name="Door een ander hernoemd", description="Nieuw"
    )
    response = client.post(url, {"name": "Mijn naam", "description": "Mijn tekst", "version": seen})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Iemand anders heeft dit thema intussen gewijzigd" in html
    assert "Mijn tekst" in html  # the input is still there
    theme.refresh_from_db()
    assert theme.name == "Door een ander hernoemd"
    # Saving again, now knowing the current version, replaces it deliberately.
    again = client.post(
        url, {"name": "Mijn naam", "description": "Mijn tekst", "version": hidden(html, "version")}
    )
    assert again.status_code == 302
    theme.refresh_from_db()
    assert theme.name == "Mijn naam"


# --- Bids ----------------------------------------------------------------------------------


@pytest.fixture
def bid(maastricht: Any, user: Any) -> Any:
    return woonpunt_bid(maastricht, user)


def _texts_form(page: str) -> dict[str, str]:
    data = {}
    for letter in "abcdef":
        if f'name="version-{letter}"' in page:
            data[f"version-{letter}"] = hidden(page, f"version-{letter}")
            data[f"section-{letter}"] = ""
    return data


def test_bid_texts_both_changed_are_refused_and_the_typed_text_comes_back(bid, user):
    client = logged_in(user, "woonpunt")
    page = client.get(f"/biedingen/{bid.pk}/").content.decode()
    form = _texts_form(page)
    form["section-a"] = "Nieuwbouw in Maastricht-West."  # unchanged
    governance_services.save_bid_content(
        user("woonpunt"), bid, sections={"a": "Tekst van een collega."}, items=None
    )
    form["section-a"] = "Mijn eigen versie."
    response = client.post(f"/biedingen/{bid.pk}/teksten/", form, follow=True)
    html = response.content.decode()
    assert "Iemand anders heeft intussen dezelfde tekst gewijzigd" in html
    assert "Mijn eigen versie." in html and "Tekst van een collega." in html
    assert BidSection.objects.get(bid=bid, section="a").text == "Tekst van een collega."


def test_a_text_left_alone_does_not_overwrite_a_colleagues_change(bid, user):
    client = logged_in(user, "woonpunt")
    page = client.get(f"/biedingen/{bid.pk}/").content.decode()
    form = _texts_form(page)
    form["section-a"] = "Nieuwbouw in Maastricht-West."  # as shown, not touched
    governance_services.save_bid_content(
        user("woonpunt"), bid, sections={"a": "Tekst van een collega."}, items=None
    )
    form["section-b"] = "Mijn tekst bij b."
    response = client.post(f"/biedingen/{bid.pk}/teksten/", form, follow=True)
    assert "Teksten van het bod opgeslagen" in response.content.decode()
    texts = dict(BidSection.objects.filter(bid=bid).values_list("section", "text"))
    assert texts["a"] == "Tekst van een collega." and texts["b"] == "Mijn tekst bij b."


def test_the_bid_history_keeps_every_text_in_full(bid, user):
    governance_services.save_bid_content(
        user("woonpunt"), bid, sections={"a": "Een heel andere tekst."}, items=None
    )
    entry = AuditEntry.objects.filter(action="governance.bid.changed").order_by("-seq").first()
    assert entry.old["sections"]["a"] == "Nieuwbouw in Maastricht-West."
    assert entry.new["sections"]["a"] == "Een heel andere tekst."
    assert [i["description"] for i in entry.new["items"]] == ["Nieuwbouw sociale huur", "Verkoop"]


def _row_form(item: BidItem, version: str, **fields: str) -> dict[str, str]:
    data = {
        "section": item.section,
        "description": item.description,
        "postcode": item.postcode,
        "version": version,
        **{f"planned_{i}": "" if v is None else str(v) for i, v in enumerate(item.planned, 1)},
    }
    data.update(fields)
    return data


def test_a_stale_bid_row_is_neither_changed_nor_removed(bid, user):
    item = bid.items.get(section="a")
    client = logged_in(user, "woonpunt")
    page = client.get(f"/biedingen/{bid.pk}/").content.decode()
    seen = hidden(page, "version", after=f"/biedingregels/{item.pk}/")
    governance_services.update_bid_item(
        user("woonpunt"),
        item,
        changes={"section": "a", "description": "Door een collega", "planned": [1]},
    )
    response = client.post(
        f"/biedingregels/{item.pk}/", _row_form(item, seen, description="Mijn regel"), follow=True
    )
    assert "Iemand anders heeft deze regel intussen gewijzigd" in response.content.decode()
    response = client.post(f"/biedingregels/{item.pk}/verwijderen/", {"version": seen}, follow=True)
    assert "Iemand anders heeft deze regel intussen gewijzigd" in response.content.decode()
    assert BidItem.objects.get(pk=item.pk).description == "Door een collega"


# --- Governance ----------------------------------------------------------------------------


@pytest.fixture
def governance(maastricht: Any, user: Any) -> Any:
    governance_demo.load(user("beheer"))
    return maastricht


def test_a_stale_action_item_status_is_refused(governance, user):
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    meeting = governance_services.add_meeting(
        user("gemeente-maastricht"), body, date=__import__("datetime").date(2019, 9, 10)
    )
    item = governance_services.add_action_item(
        user("gemeente-maastricht"),
        meeting,
        description="Huurverhoging nagaan",
        owner_organisation=org("maasvallei"),
    )
    client = logged_in(user, "maasvallei")
    page = client.get(f"/vergaderingen/{meeting.pk}/").content.decode()
    seen = hidden(page, "version", after=f"/actiepunten/{item.pk}/status/")
    governance_services.update_action_item(user("gemeente-maastricht"), item, status="dropped")
    response = client.post(
        f"/actiepunten/{item.pk}/status/",
        {"status": "done", "version": seen},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "Iemand anders heeft dit actiepunt intussen gewijzigd" in html
    assert ActionItem.objects.get(pk=item.pk).status == "dropped"


def test_a_stale_member_list_is_refused(governance, user):
    body = Body.objects.get(name="Werkgroep Betaalbaarheid")
    client = logged_in(user, "gemeente-maastricht")
    page = client.get(f"/overleg/{body.pk}/").content.decode()
    seen = hidden(page, "version", after=f"/overleg/{body.pk}/leden/")
    governance_services.update_body_members(
        user("gemeente-maastricht"), body, member_organisations=[org("woonpunt")]
    )
    response = client.post(
        f"/overleg/{body.pk}/leden/",
        {"member_organisations": [org("servatius").pk], "version": seen},
        follow=True,
    )
    assert "Iemand anders heeft de leden van dit overleg intussen gewijzigd" in (
        response.content.decode()
    )
    assert [o.slug for o in body.member_organisations.all()] == ["woonpunt"]


# --- Dispute positions ---------------------------------------------------------------------


def test_a_stale_dispute_position_is_refused_and_the_text_comes_back(maastricht, user):
    gemeente = maastricht.parties.get(slug="gemeente-maastricht")
    point = process_services.add_dispute_point(
        user("gemeente-maastricht"),
        maastricht,
        subject="Aantal nieuwe sociale huurwoningen",
        description="Per jaar.",
        positions={gemeente: "Minstens 200 per jaar."},
    )
    client = logged_in(user, "gemeente-maastricht")
    page = client.get(f"/cycli/{maastricht.pk}/geschilpunten/").content.decode()
    seen = hidden(page, "version", after=f'name="organisation" value="{gemeente.pk}"')
    process_services.set_dispute_position(
        user("gemeente-maastricht"), point, gemeente, "Minstens 250 per jaar."
    )
    response = client.post(
        f"/geschilpunten/{point.pk}/standpunt/",
        {"organisation": gemeente.pk, "position": "Minstens 180 per jaar.", "version": seen},
        follow=True,
    )
    html = response.content.decode()
    assert "Iemand anders heeft het standpunt van Gemeente Maastricht intussen gewijzigd" in html
    assert "Minstens 180 per jaar." in html and "Minstens 250 per jaar." in html
    assert DisputePosition.objects.get(point=point, organisation=gemeente).position == (
        "Minstens 250 per jaar."
    )


# --- Indicator -----------------------------------------------------------------------------


def test_a_stale_indicator_form_is_refused_and_keeps_the_input(maastricht, user):
    coordinator = user("gemeente-maastricht")
    indicator = agreement_services.add_indicator(
        coordinator, maastricht.municipality, name="Wooncoaches", unit="count"
    )
    client = logged_in(user, "gemeente-maastricht")
    url = f"/indicatoren/{indicator.pk}/wijzigen/"
    seen = hidden(client.get(url).content.decode(), "version")
    agreement_services.update_indicator(
        coordinator,
        indicator,
        name="Wooncoaches",
        unit="count",
        direction="higher",
        aggregation="sum",
        source="CBS",
    )
    form = {"name": "Wooncoaches", "unit": "count", "direction": "neutral", "aggregation": "sum"}
    response = client.post(url, {**form, "source": "Eigen telling", "version": seen})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Iemand anders heeft deze indicator intussen gewijzigd" in html
    assert "Eigen telling" in html  # the input is still there
    indicator.refresh_from_db()
    assert (indicator.source, indicator.direction) == ("CBS", "higher")
    # Saving again, now knowing the current version, replaces it deliberately.
    again = client.post(
        url, {**form, "source": "Eigen telling", "version": hidden(html, "version")}
    )
    assert again.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.source, indicator.direction) == ("Eigen telling", "neutral")
