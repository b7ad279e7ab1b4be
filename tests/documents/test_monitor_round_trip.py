from decimal import Decimal

import pytest

from tests.conftest import target_of
from woonafspraken.agreements import services
from woonafspraken.agreements.models import Measurement
from woonafspraken.audit.models import AuditEntry
from woonafspraken.documents import monitor

from .xlsx import edit, export, open_book, row_of, save, state


def test_changing_one_value_changes_that_value_and_the_history_names_the_file(maastricht, user):
    data = edit(export(maastricht), {("Nieuwbouw", "value"): 11, ("Nieuwbouw", "source"): "DVI"})
    measurements_before, history_before = state()

    plan = monitor.import_monitor(user("woonpunt"), maastricht, data, "C:\\Users\\wp\\monitor.xlsx")

    target = target_of(maastricht, "Nieuwbouw", "woonpunt")
    m = Measurement.objects.get(target=target, year=2017)
    assert (m.value, m.source, m.version) == (Decimal("11.00"), "DVI", 1)
    assert (plan.created, plan.changed, plan.unchanged) == (1, 0, 3)
    entry = AuditEntry.objects.latest("id")
    assert entry.source == "excel:monitor.xlsx"
    assert entry.actor.username == "woonpunt" and entry.new["value"] == "11.00"
    measurements_after, history_after = state()
    assert history_after == history_before + 1
    assert [r for r in measurements_after if r[0] != m.pk] == measurements_before


def test_exporting_and_importing_unchanged_changes_nothing(maastricht, user):
    for who, username in (("woonpunt", "woonpunt"), (monitor.JOINT, "gemeente-maastricht")):
        before = state()
        plan = monitor.import_monitor(
            user(username), maastricht, export(maastricht, who), "ongewijzigd.xlsx"
        )
        assert plan.changes == [] and plan.unchanged > 0
        assert state() == before


def test_a_coordinator_corrects_a_joint_figure_and_sees_old_and_new(maastricht, user):
    data = edit(export(maastricht, monitor.JOINT), {("Eigen inplaatsing", "value"): "12,5"})
    plan = monitor.import_monitor(user("gemeente-maastricht"), maastricht, data, "joint.xlsx")
    [change] = plan.changes
    assert change.old["value"] == "11" and change.value == "12.5"
    m = Measurement.objects.get(target=target_of(maastricht, "Eigen inplaatsing"), year=2017)
    assert (m.value, m.version) == (Decimal("12.50"), 2)
    assert plan.summary()["changes"][0]["old"]["value"] == "11"


def test_a_changed_note_alone_is_a_change(maastricht, user):
    data = edit(export(maastricht, monitor.JOINT), {("Aanbodmodel", "note"): "Bron: jaarverslag"})
    plan = monitor.import_monitor(user("gemeente-maastricht"), maastricht, data, "note.xlsx")
    assert plan.changed == 1
    m = Measurement.objects.get(target=target_of(maastricht, "Aanbodmodel"), year=2017)
    assert (m.value, m.note) == (Decimal("54.00"), "Bron: jaarverslag")


def test_a_percentage_typed_with_a_percent_sign_in_excel_means_that_percentage(maastricht, user):
    wb = open_book(export(maastricht, monitor.JOINT))
    ws = wb[monitor.SHEET]
    cell = ws.cell(row_of(ws, "Aanbodmodel"), monitor.INDEX["value"] + 1)
    cell.value = 0.56  # what Excel stores when someone types 56% into the cell
    cell.number_format = "0%"
    monitor.import_monitor(user("gemeente-maastricht"), maastricht, save(wb), "pct.xlsx")
    m = Measurement.objects.get(target=target_of(maastricht, "Aanbodmodel"), year=2017)
    assert m.value == Decimal("56.00")


def test_a_label_is_recorded_from_the_list(maastricht, user):
    data = edit(export(maastricht, "servatius"), {("Energielabel", "value"): "a"})
    monitor.import_monitor(user("servatius"), maastricht, data, "labels.xlsx")
    m = Measurement.objects.get(target=target_of(maastricht, "Energielabel", "servatius"))
    assert (m.label, m.year) == ("A", 2017)


def test_a_value_changed_by_someone_else_after_the_download_is_a_conflict(maastricht, user):
    data = edit(export(maastricht, monitor.JOINT), {("Eigen inplaatsing", "value"): 9})
    target = target_of(maastricht, "Eigen inplaatsing")
    services.record_measurement(
        user("gemeente-maastricht"), target, value=10, expected_version=1, channel="web"
    )
    before = state()
    with pytest.raises(monitor.MonitorRejected) as caught:
        monitor.import_monitor(user("gemeente-maastricht"), maastricht, data, "oud.xlsx")
    [error] = caught.value.errors
    assert (error.sheet, error.column) == ("Monitor", "M")
    assert "gewijzigd nadat het bestand werd gedownload" in error.message
    assert "nu: 10" in error.message
    assert state() == before


def test_rows_of_a_file_for_a_later_year_are_recorded_in_that_year(maastricht, user):
    data = edit(export(maastricht, "maasvallei", 2018), {("Renovatie", "value"): 70})
    monitor.import_monitor(user("maasvallei"), maastricht, data, "2018.xlsx")
    m = Measurement.objects.get(target=target_of(maastricht, "Renovatie", "maasvallei"))
    assert (m.year, m.value) == (2018, 70)


def test_a_file_exported_in_english_comes_back_in_dutch(maastricht, user):
    from django.utils import translation

    with translation.override("en"):
        data = export(maastricht)
    assert open_book(data)[monitor.SHEET]["A1"].value == "Target id"
    data = edit(data, {("Sloop", "value"): 40})
    plan = monitor.import_monitor(user("woonpunt"), maastricht, data, "english.xlsx")
    assert plan.created == 1


def test_checking_a_file_costs_a_fixed_number_of_queries(maastricht, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = edit(export(maastricht), {("Sloop", "value"): 40, ("Renovatie", "value"): 90})
    woonpunt = user("woonpunt")
    with CaptureQueriesContext(connection) as queries:
        plan = monitor.read_monitor(woonpunt, maastricht, data, "q.xlsx")
    assert len(plan.changes) == 2
    assert len(queries) <= 6, [q["sql"] for q in queries]
