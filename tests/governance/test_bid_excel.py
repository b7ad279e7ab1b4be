"""The Excel bid template imports back; one bad row changes nothing and names the row."""

import io

import pytest
from openpyxl import load_workbook

from woonafspraken.governance import excel
from woonafspraken.governance.models import BidItem

from .conftest import woonpunt_bid


def _workbook(bid):
    return load_workbook(io.BytesIO(excel.export_bid(bid)))


def _bytes(wb):
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_template_round_trips_the_bid_unchanged(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    before = list(bid.items.values_list("section", "description", "postcode", "planned_1"))
    excel.import_bid(user("woonpunt"), bid, excel.export_bid(bid))
    after = list(bid.items.values_list("section", "description", "postcode", "planned_1"))
    assert after == before
    assert bid.sections.get(section="a").text == "Nieuwbouw in Maastricht-West."


def test_an_edited_template_replaces_texts_and_items(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    wb = _workbook(bid)
    wb[excel.TEXT_SHEET]["C7"] = "Studenten en ouderen."
    wb[excel.ITEM_SHEET].append(["f", "Studentenwoningen", None, 40, 40, None, None, None])
    excel.import_bid(user("woonpunt"), bid, _bytes(wb))
    assert bid.sections.get(section="f").text == "Studenten en ouderen."
    assert bid.items.count() == 3
    assert bid.items.get(section="f").planned == [40, 40, None, None, None]


def test_a_workbook_with_one_bad_row_changes_nothing_and_names_the_row(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    wb = _workbook(bid)
    sheet = wb[excel.ITEM_SHEET]
    sheet.append(["a", "Nieuwbouw Noord", None, 5, 5, 5, 5, 5])
    sheet.append(["c", "Liberalisatie", "62A1", 2, "veel", None, None, None])  # row 5
    sheet["B2"] = "Nieuwbouw sociale huur (gewijzigd)"
    before = list(BidItem.objects.values_list("pk", "description"))
    with pytest.raises(excel.BidImportRejected) as rejected:
        excel.import_bid(user("woonpunt"), bid, _bytes(wb))
    errors = rejected.value.errors
    assert len(errors) == 2
    assert errors[0].startswith("Blad ‘Regels’, rij 5, kolom C (Postcode (4 cijfers))")
    assert "geen postcode van 4 cijfers" in errors[0]
    assert errors[1].startswith("Blad ‘Regels’, rij 5, kolom E (2018)")
    assert list(BidItem.objects.values_list("pk", "description")) == before


def test_a_sale_without_postcode_is_refused_with_its_place(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    wb = _workbook(bid)
    wb[excel.ITEM_SHEET].append(["c", "Verkoop zonder wijk", None, 1])
    with pytest.raises(excel.BidImportRejected) as rejected:
        excel.import_bid(user("woonpunt"), bid, _bytes(wb))
    assert rejected.value.errors == [
        "Blad ‘Regels’, rij 4, kolom C (Postcode (4 cijfers)): Onderdeel c (verkoop en "
        "liberalisatie) vraagt een postcode."
    ]


def test_a_file_that_is_not_excel_is_refused(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    with pytest.raises(excel.BidImportRejected) as rejected:
        excel.import_bid(user("woonpunt"), bid, b"no excel")
    assert rejected.value.errors == ["Dit is geen Excel-bestand (.xlsx)."]


def test_the_template_of_another_bid_is_refused(maastricht, user):
    first = woonpunt_bid(maastricht, user)
    second = woonpunt_bid(maastricht, user, year=2017)
    with pytest.raises(excel.BidImportRejected, match="ander bod"):
        excel.import_bid(user("woonpunt"), second, excel.export_bid(first))


def test_the_upload_page_shows_every_error_and_saves_nothing(maastricht, user, client):
    bid = woonpunt_bid(maastricht, user)
    wb = _workbook(bid)
    wb[excel.ITEM_SHEET].append(["x", "", None])
    client.force_login(user("woonpunt"))
    upload = io.BytesIO(_bytes(wb))
    upload.name = "bod.xlsx"
    response = client.post(f"/biedingen/{bid.pk}/excel/inlezen/", {"file": upload}, follow=True)
    page = response.content.decode()
    assert "Er is niets ingelezen" in page
    assert "rij 4, kolom A" in page
    assert "rij 4, kolom B" in page
    assert bid.items.count() == 2


def test_only_the_corporation_may_import_into_its_bid(maastricht, user):
    from django.core.exceptions import PermissionDenied

    bid = woonpunt_bid(maastricht, user)
    with pytest.raises(PermissionDenied):
        excel.import_bid(user("gemeente-maastricht"), bid, excel.export_bid(bid))
