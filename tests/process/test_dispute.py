"""The dispute dossier (Rtiv 2015 art. 19a–19d): refused outside its window, complete inside."""

import datetime
import io
import re
from typing import Any

import pytest

from tests.process.conftest import walk
from woonafspraken.governance import services as governance
from woonafspraken.process import documents, services

AMS = datetime.timezone(datetime.timedelta(hours=2))


@pytest.fixture
def stalled(maastricht: Any, user: Any) -> Any:
    services.fill_legal_milestones(maastricht, 2019)
    walk(maastricht, user("beheer"), "bids")
    woonpunt = maastricht.parties.get(slug="woonpunt")
    bid = governance.start_bid(user("woonpunt"), maastricht, woonpunt, year=2019)
    governance.add_bid_item(
        user("woonpunt"),
        bid,
        item={"section": "a", "description": "Nieuwbouw", "postcode": "", "planned": [20, 20]},
    )
    governance.submit_bid(user("woonpunt"), bid)
    servatius = maastricht.parties.get(slug="servatius")
    governance.start_bid(user("servatius"), maastricht, servatius, year=2019)  # a draft
    walk(
        maastricht, user("beheer"), "negotiation", at=datetime.datetime(2019, 7, 2, 10, tzinfo=AMS)
    )
    coordinator = user("gemeente-maastricht")
    visie = governance.create_policy_document(
        coordinator, maastricht.municipality, kind="woonvisie", title="Woonvisie 2018", year=2018
    )
    governance.add_goal(
        coordinator, visie, theme_name="Betaalbaarheid", title="Genoeg sociale huurwoningen"
    )
    governance.create_policy_document(  # after the cycle: not what the dispute rests on
        coordinator, maastricht.municipality, kind="woonvisie", title="Woonvisie 2030", year=2030
    )
    gemeente = maastricht.parties.get(slug="gemeente-maastricht")
    woonpunt = maastricht.parties.get(slug="woonpunt")
    point = services.add_dispute_point(
        user("gemeente-maastricht"),
        maastricht,
        subject="Aantal nieuwe sociale huurwoningen",
        positions={gemeente: "Minstens 200 per jaar."},
    )
    services.set_dispute_position(user("woonpunt"), point, woonpunt, "Hoogstens 60 per jaar.")
    return maastricht


def _text(content: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def test_the_dossier_is_refused_outside_1_july_to_29_january(stalled: Any) -> None:
    with pytest.raises(documents.DisputeRefused, match="tussen 1 juli en 29 januari"):
        documents.dossier(stalled, datetime.date(2020, 3, 1))


def test_the_dossier_is_refused_before_six_months_of_negotiation(stalled: Any) -> None:
    with pytest.raises(documents.DisputeRefused, match="zes maanden"):
        documents.dossier(stalled, datetime.date(2019, 12, 1))


def test_the_dossier_is_refused_once_signed(stalled: Any) -> None:
    type(stalled).objects.filter(pk=stalled.pk).update(phase="signed")
    stalled.refresh_from_db()
    with pytest.raises(documents.DisputeRefused, match="onderhandeld"):
        documents.dossier(stalled, datetime.date(2020, 1, 20))


def test_inside_the_window_the_word_dossier_holds_every_part_rtiv_asks_for(stalled: Any) -> None:
    text = _text(documents.dispute_docx(documents.dossier(stalled, datetime.date(2020, 1, 20))))
    assert "Geschil artikel 44 Woningwet" in text
    assert "20 januari 2020" in text
    for party in stalled.parties.all():
        assert party.name in text
    assert "Aantal nieuwe sociale huurwoningen" in text
    assert "Minstens 200 per jaar." in text and "Hoogstens 60 per jaar." in text
    assert "(geen standpunt opgegeven)" in text  # parties that gave none are named too
    assert "Woonvisie 2018 (woonvisie, 2018)" in text
    assert "Betaalbaarheid: Genoeg sociale huurwoningen" in text
    assert "Woonvisie 2030" not in text
    assert "Bod van de corporaties uiterlijk 1 juli 2019" in text
    assert re.search(r"Bod 2019 van Woonpunt, ingediend op \d+ \w+ \d{4}: 1 regel$", text, re.M)
    assert "Servatius, ingediend" not in text  # a draft is not on record
    assert "onderhandeling" in text and "2 juli 2019" in text


def test_inside_the_window_the_dossier_is_also_a_pdf(stalled: Any) -> None:
    pdf = documents.dispute_pdf(documents.dossier(stalled, datetime.date(2020, 1, 20)))
    assert pdf.startswith(b"%PDF-")
