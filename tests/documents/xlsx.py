"""Helpers that make and change real monitor files, the way a person would in Excel."""

import io
import zipfile
from typing import Any

from openpyxl import Workbook, load_workbook

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Cycle, Measurement
from woonafspraken.audit.models import AuditEntry
from woonafspraken.documents import monitor


def export(cycle: Cycle, organisation: str = "woonpunt", year: int = 2017) -> bytes:
    key = (
        monitor.JOINT
        if organisation == monitor.JOINT
        else Organisation.objects.get(slug=organisation).pk
    )
    return monitor.export_monitor(monitor.scope_for(cycle, year, key))


def open_book(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def save(wb: Any) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(ws: Any, indicator_prefix: str) -> int:
    for row in range(2, ws.max_row + 1):
        if str(ws.cell(row, monitor.INDEX["indicator"] + 1).value).startswith(indicator_prefix):
            return row
    raise AssertionError(f"no row for {indicator_prefix}")


def edit(data: bytes, changes: dict[tuple[str, str], Any]) -> bytes:
    """Set cells: ``{(indicator prefix, column key): value}`` on the Monitor sheet."""
    wb = open_book(data)
    ws = wb[monitor.SHEET]
    for (indicator, key), value in changes.items():
        ws.cell(row_of(ws, indicator), monitor.INDEX[key] + 1).value = value
    return save(wb)


def with_extra_file(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr(name, content)
    return out.getvalue()


def with_content_types(data: bytes, change: Any) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = change(content)
            dst.writestr(item, content)
    return out.getvalue()


def many_rows(data: bytes, count: int) -> bytes:
    """The same monitor with ``count`` (nearly empty) data rows, written in streaming mode."""
    source = open_book(data)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(monitor.SHEET)
    rows = list(source[monitor.SHEET].iter_rows(values_only=True))
    ws.append(rows[0])
    for n in range(count):
        ws.append([100000 + n])  # a row counts as soon as one cell is filled
    meta = wb.create_sheet(monitor.META_SHEET)
    for row in source[monitor.META_SHEET].iter_rows(values_only=True):
        meta.append(row)
    return save(wb)


def state() -> tuple[list[tuple[Any, ...]], int]:
    """Everything an import could change: the measurements and the length of the history."""
    measurements = list(
        Measurement.objects.order_by("pk").values_list(
            "pk", "target_id", "year", "value", "label", "source", "note", "version"
        )
    )
    return measurements, AuditEntry.objects.count()
