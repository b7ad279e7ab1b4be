"""The Excel bid template imports back; one bad row changes nothing and names the row."""

import io

import pytest
from openpyxl import load_workbook

from woonafspraken.audit.models import AuditEntry
from woonafspraken.governance import excel, services
from woonafspraken.governance.models import BidItem, PolicyDocument

from .conftest import maastricht_municipality, woonpunt_bid


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
    errors = [str(e) for e in rejected.value.errors]
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
    assert [str(e) for e in rejected.value.errors] == [
        "Blad ‘Regels’, rij 4, kolom C (Postcode (4 cijfers)): Onderdeel c (verkoop en "
        "liberalisatie) vraagt een postcode."
    ]


def test_a_file_that_is_not_excel_is_refused(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    with pytest.raises(excel.BidImportRejected) as rejected:
        excel.import_bid(user("woonpunt"), bid, b"no excel")
    assert [str(e) for e in rejected.value.errors] == ["Dit is geen Excel-bestand (.xlsx)."]


def test_the_template_of_another_bid_is_refused(maastricht, user):
    first = woonpunt_bid(maastricht, user)
    second = woonpunt_bid(maastricht, user, year=2017)
    with pytest.raises(excel.BidImportRejected, match="ander bod"):
        excel.import_bid(user("woonpunt"), second, excel.export_bid(first))


def _upload(client, bid, data, run):
    upload = io.BytesIO(data)
    upload.name = "bod.xlsx"
    with run(execute=True):
        response = client.post(f"/biedingen/{bid.pk}/excel/inlezen/", {"file": upload})
    assert response.status_code == 302
    return response.url


def test_the_upload_page_shows_every_error_and_saves_nothing(
    maastricht, user, client, django_capture_on_commit_callbacks
):
    bid = woonpunt_bid(maastricht, user)
    wb = _workbook(bid)
    wb[excel.ITEM_SHEET].append(["x", "", None])
    client.force_login(user("woonpunt"))
    before = AuditEntry.objects.count()
    url = _upload(client, bid, _bytes(wb), django_capture_on_commit_callbacks)
    page = client.get(url).content.decode()
    assert "Er is niets opgeslagen: 2 fouten" in page
    assert page.count('class="utrecht-table__row upload-error"') == 2
    assert '<td class="utrecht-table__cell">A (Onderdeel (a–f))</td>' in page
    assert '<td class="utrecht-table__cell">B (Omschrijving)</td>' in page
    assert "Vul een omschrijving in." in page
    assert 'id="confirm-upload"' not in page
    assert bid.items.count() == 2
    assert AuditEntry.objects.count() == before
    assert "governance.bid_errors" not in dict(client.session.items())


def test_upload_previews_the_lines_and_writes_them_after_confirming(
    maastricht, user, client, django_capture_on_commit_callbacks
):
    bid = woonpunt_bid(maastricht, user)
    wb = _workbook(bid)
    wb[excel.ITEM_SHEET].append(["f", "Studentenwoningen", None, 40, 40, None, None, None])
    client.force_login(user("woonpunt"))
    url = _upload(client, bid, _bytes(wb), django_capture_on_commit_callbacks)
    page = client.get(url).content.decode()
    assert page.count('class="utrecht-table__row bid-line"') == 3
    assert "Studentenwoningen" in page
    assert bid.items.count() == 2, "the preview writes nothing"
    response = client.post(url)
    assert response.status_code == 302 and response.url == f"/biedingen/{bid.pk}/"
    assert bid.items.count() == 3
    entry = AuditEntry.objects.latest("id")
    assert entry.action == "governance.bid.changed" and entry.source == "excel"
    assert client.post(url).status_code == 302  # a second confirm writes nothing more
    assert AuditEntry.objects.latest("id").pk == entry.pk


def test_a_slow_bid_file_stops_at_its_deadline_and_writes_nothing(
    maastricht, user, client, settings, django_capture_on_commit_callbacks
):
    settings.UPLOAD_PARSE_SECONDS = 0
    bid = woonpunt_bid(maastricht, user)
    client.force_login(user("woonpunt"))
    before = AuditEntry.objects.count()
    url = _upload(client, bid, excel.export_bid(bid), django_capture_on_commit_callbacks)
    assert "Het lezen duurde langer dan 0 seconden" in client.get(url).content.decode()
    assert AuditEntry.objects.count() == before


def _goal(user, title="Genoeg sociale huur", theme="Betaalbaarheid"):
    document = services.create_policy_document(
        user("gemeente-maastricht"),
        maastricht_municipality(),
        kind=PolicyDocument.Kind.WOONVISIE,
        title="Woonvisie 2025",
        year=2025,
    )
    return services.add_goal(user("gemeente-maastricht"), document, theme_name=theme, title=title)


def test_the_goal_of_each_line_goes_out_and_comes_back(maastricht, user):
    goal = _goal(user)
    bid = woonpunt_bid(maastricht, user)
    first = bid.items.order_by("order").first()
    BidItem.objects.filter(pk=first.pk).update(goal=goal)
    wb = _workbook(bid)
    sheet = wb[excel.ITEM_SHEET]
    assert sheet["I1"].value == "Beleidsdoel" and sheet["I2"].value == "Genoeg sociale huur"
    assert wb[excel.GOAL_SHEET]["B2"].value == "Genoeg sociale huur"
    sheet["I3"] = "betaalbaarheid ·  genoeg sociale huur"  # theme and title, any case
    excel.import_bid(user("woonpunt"), bid, _bytes(wb))
    assert [i.goal for i in bid.items.order_by("order")] == [goal, goal]


def test_an_unknown_goal_is_refused_with_its_row_and_column(maastricht, user):
    _goal(user)
    bid = woonpunt_bid(maastricht, user)
    wb = _workbook(bid)
    wb[excel.ITEM_SHEET]["I3"] = "Meer koopwoningen"
    before = list(BidItem.objects.values_list("pk", "goal"))
    with pytest.raises(excel.BidImportRejected) as rejected:
        excel.import_bid(user("woonpunt"), bid, _bytes(wb))
    [error] = rejected.value.errors
    assert (error.sheet, error.row, error.column) == ("Regels", 3, "I")
    assert str(error).startswith("Blad ‘Regels’, rij 3, kolom I (Beleidsdoel): ‘Meer koopwoningen’")
    assert list(BidItem.objects.values_list("pk", "goal")) == before


def test_a_template_from_before_the_goal_column_still_reads(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    wb = _workbook(bid)
    wb[excel.ITEM_SHEET].delete_cols(9)
    excel.import_bid(user("woonpunt"), bid, _bytes(wb))
    assert bid.items.count() == 2


def test_only_the_corporation_may_import_into_its_bid(maastricht, user):
    from django.core.exceptions import PermissionDenied

    bid = woonpunt_bid(maastricht, user)
    with pytest.raises(PermissionDenied):
        excel.import_bid(user("gemeente-maastricht"), bid, excel.export_bid(bid))
