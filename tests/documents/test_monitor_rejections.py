"""Every way a file is refused: nothing is written and the message says where."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements import services
from woonafspraken.documents import monitor

from .xlsx import (
    edit,
    export,
    many_rows,
    open_book,
    save,
    state,
    with_content_types,
    with_extra_file,
)


def _refused(user, cycle, data, username="woonpunt"):
    before = state()
    with pytest.raises(monitor.MonitorRejected) as caught:
        monitor.import_monitor(user(username), cycle, data, "ingeleverd.xlsx")
    assert state() == before, "a refused file must write nothing"
    return caught.value.errors


def test_a_file_that_is_not_a_spreadsheet_is_refused(maastricht, user):
    [error] = _refused(user, maastricht, b"Norm-id;Waarde\n4;11\n")
    assert "geen Excel-bestand (.xlsx)" in error.message
    assert (error.sheet, error.row, error.column) == (None, None, None)


def test_a_zip_that_is_not_a_workbook_is_refused(maastricht, user):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hallo")
    [error] = _refused(user, maastricht, out.getvalue())
    assert "geen Excel-bestand" in error.message


def test_a_damaged_workbook_is_refused(maastricht, user):
    data = export(maastricht)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            dst.writestr(item, b"<kapot" if item.filename == "xl/workbook.xml" else content)
    [error] = _refused(user, maastricht, out.getvalue())
    assert "niet als Excel-werkmap worden gelezen" in error.message


def test_an_old_xls_file_is_refused_with_advice(maastricht, user):
    [error] = _refused(user, maastricht, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    assert ".xls" in error.message and "Sla het op" in error.message


def test_a_macro_workbook_is_refused(maastricht, user):
    data = edit(export(maastricht), {("Nieuwbouw", "value"): 11})
    [error] = _refused(user, maastricht, with_extra_file(data, "xl/vbaProject.bin", b"\0" * 64))
    assert "macro" in error.message


def test_a_workbook_declared_as_macro_enabled_is_refused(maastricht, user):
    data = edit(export(maastricht), {("Nieuwbouw", "value"): 11})
    xlsm = with_content_types(
        data,
        lambda c: c.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        ),
    )
    [error] = _refused(user, maastricht, xlsm)
    assert "macro" in error.message


def test_a_file_over_ten_megabytes_is_refused(maastricht, user):
    [error] = _refused(user, maastricht, b"PK\x03\x04" + b"\0" * (10 * 1024 * 1024))
    assert "groter dan 10 MB" in error.message


def test_more_than_a_hundred_thousand_rows_are_refused(maastricht, user):
    errors = _refused(user, maastricht, many_rows(export(maastricht), monitor.MAX_ROWS + 1))
    assert len(errors) == 1
    assert errors[0].sheet == "Monitor" and "meer dan 100.000 rijen" in errors[0].message


def test_a_formula_in_a_value_cell_is_refused_and_never_evaluated(maastricht, user):
    data = edit(
        export(maastricht),
        {("Nieuwbouw", "value"): "=5+6", ("Renovatie", "note"): '=HYPERLINK("http://x")'},
    )
    errors = _refused(user, maastricht, data)
    assert [(e.sheet, e.row, e.column) for e in errors] == [
        ("Monitor", 3, "M"),
        ("Monitor", 4, "O"),
    ]
    assert "formule" in errors[0].message and "=5+6" in errors[0].message
    assert str(errors[0]).startswith("Blad ‘Monitor’, rij 3, kolom M (Waarde): ")


def test_values_of_the_wrong_type_are_refused_and_every_error_is_listed(maastricht, user):
    data = edit(
        export(maastricht),
        {
            ("Energielabel", "value"): 3,
            ("Nieuwbouw", "value"): "veel",
            ("Renovatie", "value"): 12.5,
            ("Sloop", "value"): -4,
        },
    )
    errors = _refused(user, maastricht, data)
    assert [(e.row, e.column) for e in errors] == [(2, "M"), (3, "M"), (4, "M"), (5, "M")]
    assert "geen getal" in errors[0].message  # a number where a label belongs
    assert "‘veel’ is geen getal" in errors[1].message
    assert "heel getal" in errors[2].message and "heel getal" in errors[3].message


def test_a_percentage_above_a_hundred_is_refused(maastricht, user):
    data = edit(export(maastricht, monitor.JOINT), {("Aanbodmodel", "value"): 154})
    [error] = _refused(user, maastricht, data, "gemeente-maastricht")
    assert error.column == "M" and "tussen 0 en 100" in error.message


def test_a_date_or_yes_no_is_not_a_number(maastricht, user):
    import datetime

    data = edit(
        export(maastricht),
        {("Nieuwbouw", "value"): datetime.date(2017, 1, 1), ("Renovatie", "value"): True},
    )
    errors = _refused(user, maastricht, data)
    assert "datum" in errors[0].message and "WAAR" in errors[1].message


def test_clearing_a_recorded_value_is_refused(maastricht, user):
    data = edit(export(maastricht, monitor.JOINT), {("Aanbodmodel", "value"): None})
    [error] = _refused(user, maastricht, data, "gemeente-maastricht")
    assert error.column == "M" and "wissen" in error.message


def test_a_target_of_another_organisation_is_refused(maastricht, user):
    servatius_target = services.Target.objects.get(
        agreement__theme__cycle=maastricht,
        party__slug="servatius",
        indicator__name__startswith="Nieuwbouw",
    )
    data = edit(export(maastricht), {("Nieuwbouw", "target"): servatius_target.pk})
    [error] = _refused(user, maastricht, data)
    assert (error.row, error.column) == (3, "A")
    assert "is van Servatius, niet van Woonpunt" in error.message


def test_a_target_of_another_cycle_is_refused(maastricht, user):
    admin = user("beheer")
    parties = list(maastricht.parties.all())
    other = services.create_cycle(
        admin,
        municipality=maastricht.municipality,
        title="Andere afspraken",
        start_year=2017,
        end_year=2018,
        parties=parties,
    )
    theme = services.add_theme(admin, other, name="Thema", order=1)
    agreement = services.add_agreement(admin, theme, number="1.1", title="Afspraak")
    indicator = services.Target.objects.filter(indicator__unit="count").first().indicator
    foreign = services.add_target(
        admin,
        agreement,
        indicator=indicator,
        kind="min",
        value=1,
        year=2017,
        party=Organisation.objects.get(slug="woonpunt"),
    )
    data = edit(export(maastricht), {("Nieuwbouw", "target"): foreign.pk})
    [error] = _refused(user, maastricht, data)
    assert (error.row, error.column) == (3, "A")
    assert "hoort niet bij deze prestatieafspraken" in error.message
    # and the other cycle's own file does not go into this cycle either
    [error] = _refused(user, maastricht, export(other))
    assert error.sheet == "Metadata" and "andere prestatieafspraken" in error.message


def test_another_organisations_file_is_refused(maastricht, user):
    data = edit(export(maastricht, "servatius"), {("Nieuwbouw", "value"): 80})
    [error] = _refused(user, maastricht, data, "woonpunt")
    assert error.sheet == "Metadata" and "U mag geen cijfers inleveren voor Servatius" in (
        error.message
    )


def test_joint_targets_are_only_for_a_coordinator(maastricht, user):
    data = edit(export(maastricht, monitor.JOINT), {("Aanbodmodel", "value"): 50})
    [error] = _refused(user, maastricht, data, "woonpunt")
    assert "gezamenlijk" in error.message


def test_a_moved_column_is_refused_at_the_header(maastricht, user):
    wb = open_book(export(maastricht))
    ws = wb[monitor.SHEET]
    ws["M1"], ws["N1"] = ws["N1"].value, ws["M1"].value
    errors = _refused(user, maastricht, save(wb))
    assert [(e.row, e.column) for e in errors] == [(1, "M"), (1, "N")]


def test_a_duplicated_row_is_refused(maastricht, user):
    wb = open_book(edit(export(maastricht), {("Nieuwbouw", "value"): 11}))
    ws = wb[monitor.SHEET]
    for column in range(1, len(monitor.COLUMNS) + 1):
        ws.cell(6, column).value = ws.cell(3, column).value
    [error] = _refused(user, maastricht, save(wb))
    assert (error.row, error.column) == (6, "A") and "ook al in rij 3" in error.message


def test_a_workbook_without_the_monitor_sheets_is_refused(maastricht, user):
    wb = Workbook()
    wb.active["A1"] = "Norm-id"
    errors = _refused(user, maastricht, save(wb))
    assert {e.sheet for e in errors} == {"Monitor", "Metadata"}
    assert all("ontbreekt" in e.message for e in errors)
