"""The Excel monitor: the targets of one organisation and year out to Excel and back in.

The import format is the export format. A file is checked as a whole before anything is
written: every error names its sheet, row and column, in Dutch. Only when there are none are
the changed rows written, in one transaction, through
:func:`woonafspraken.agreements.services.record_measurement` — the same service as the web
form — with the file name as the source in the history. Values are read, never evaluated:
a formula where a value belongs is refused.

Also here: the CSV of all targets and measurements of a cycle (open data).
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from woonafspraken import formulas, uploads, verdicts
from woonafspraken.accounts import access
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements import services
from woonafspraken.agreements.models import Cycle, Measurement, Target
from woonafspraken.agreements.templatetags.woon import norm_text

FORMAT = "woonafspraken-monitor"
FORMAT_VERSION = 1
MAX_FILE_SIZE = 10 * 1024 * 1024
MAX_ROWS = 100_000
MAX_UNPACKED_SIZE = 200 * 1024 * 1024  # a full 100,000-row monitor is about 150 MB
MAX_ERRORS = 1000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET = "Monitor"
INFO_SHEET = "Uitleg"
META_SHEET = "Metadata"
JOINT = "joint"
UPLOAD_KIND = uploads.Kind(
    "xlsx",
    max_size=MAX_FILE_SIZE,
    max_unpacked=MAX_UNPACKED_SIZE,
    max_entries=uploads.XLSX.max_entries,
    required_parts=uploads.XLSX.required_parts,
    extensions=uploads.XLSX.extensions,
)
ENERGY_LABEL = "energy_label"


@dataclass(frozen=True)
class Column:
    key: str
    header: Any  # lazy text: the header follows the language of the export
    width: int
    editable: bool = False

    @property
    def letter(self) -> str:
        return get_column_letter(COLUMNS.index(self) + 1)


COLUMNS: tuple[Column, ...] = (
    Column("target", gettext_lazy("Norm-id"), 9),
    Column("theme", gettext_lazy("Thema"), 22),
    Column("agreement", gettext_lazy("Afspraak"), 9),
    Column("title", gettext_lazy("Titel afspraak"), 40),
    Column("indicator", gettext_lazy("Indicator"), 36),
    Column("unit", gettext_lazy("Eenheid"), 12),
    Column("party", gettext_lazy("Partij"), 24),
    Column("year", gettext_lazy("Jaar"), 7),
    Column("applies_to", gettext_lazy("Norm geldt voor"), 15),
    Column("norm", gettext_lazy("Norm"), 22),
    Column("current", gettext_lazy("Huidige waarde"), 14),
    Column("version", gettext_lazy("Versie"), 8),
    Column("value", gettext_lazy("Waarde"), 14, editable=True),
    Column("source", gettext_lazy("Bron"), 30, editable=True),
    Column("note", gettext_lazy("Toelichting"), 44, editable=True),
)
COL = {c.key: c for c in COLUMNS}
INDEX = {c.key: i for i, c in enumerate(COLUMNS)}

UNIT_LABELS = {
    "percentage": gettext_lazy("percentage"),
    "count": gettext_lazy("aantal"),
    "euro": gettext_lazy("euro"),
    ENERGY_LABEL: gettext_lazy("energielabel"),
}


# --- What a file covers ------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The targets of one cycle, one year and one organisation (``None``: the joint ones)."""

    cycle: Cycle
    year: int
    organisation: Organisation | None

    @property
    def organisation_key(self) -> str:
        return str(self.organisation.pk) if self.organisation else JOINT

    @property
    def organisation_name(self) -> str:
        return self.organisation.name if self.organisation else _("gezamenlijk")


def scope_for(cycle: Cycle, year: Any, organisation: Any) -> Scope:
    """The scope a request asks for; ``organisation`` is an id or ``"joint"``.

    Raises :class:`ValidationError` with a Dutch message for a year outside the period or an
    organisation that is not a party.
    """
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError(_("Kies een jaar.")) from None
    if not (cycle.start_year <= year <= cycle.end_year):
        raise ValidationError(
            _("Kies een jaar binnen de looptijd %(period)s.") % {"period": cycle.period_label}
        )
    if str(organisation).strip() in ("", JOINT):
        return Scope(cycle, year, None)
    try:
        organisation_id = int(organisation)
    except (TypeError, ValueError):
        raise ValidationError(_("Kies een organisatie.")) from None
    party = cycle.parties.filter(pk=organisation_id).first()
    if party is None:
        raise ValidationError(_("Deze organisatie is geen partij in deze prestatieafspraken."))
    return Scope(cycle, year, party)


def may_upload(user: Any, cycle: Cycle) -> bool:
    """Whether ``user`` may deliver figures for any scope of ``cycle``: checked before a file
    is read at all (which rows the user may change is checked row by row)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return access.is_coordinator(user, cycle) or bool(
        access.organisations_entering_for(user, cycle)
    )


def can_import(user: Any, scope: Scope) -> bool:
    """Whether ``user`` may deliver the figures of ``scope`` (rows are checked one by one too)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if scope.organisation is None:
        return access.is_coordinator(user, scope.cycle)
    allowed = access.organisations_entering_for(user, scope.cycle)
    return any(o.pk == scope.organisation.pk for o in allowed)


def scope_targets(scope: Scope) -> list[Target]:
    targets = (
        Target.objects.select_related("indicator", "party", "agreement__theme")
        .filter(agreement__theme__cycle=scope.cycle)
        .filter(Q(year=scope.year) | Q(year__isnull=True))
    )
    if scope.organisation is None:
        targets = targets.filter(party__isnull=True)
    else:
        targets = targets.filter(party=scope.organisation)
    return list(targets.order_by("agreement__theme__order", "agreement__order", "order", "id"))


def _measurements(cycle: Cycle, year: int) -> dict[int, Measurement]:
    rows = Measurement.objects.filter(target__agreement__theme__cycle=cycle, year=year)
    return {m.target_id: m for m in rows}


MEASUREMENT_FIELDS = ("target_id", "value", "label", "source", "note", "version")
TARGET_FIELDS = (
    "pk",
    "party_id",
    "year",
    "indicator__unit",
    "indicator__name",
    "agreement__number",
    "agreement__title",
)


def _shown(measurement: Any) -> str:
    if measurement is None:
        return ""
    if measurement.label:
        return measurement.label
    return "" if measurement.value is None else f"{measurement.value.normalize():f}"


def filename_for(scope: Scope) -> str:
    who = scope.organisation.slug if scope.organisation else "gezamenlijk"
    return f"monitor-{slugify(scope.cycle.title) or scope.cycle.pk}-{scope.year}-{who}.xlsx"


# --- Export ---------------------------------------------------------------------------------

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
EDITABLE_FILL = PatternFill("solid", fgColor="FFF7D6")
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")


def _cell(ws: Any, value: Any, *, text: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    if text:
        formulas.as_text(cell)  # text that starts with '=' stays text, never a formula
    return cell


def _validations() -> dict[str, DataValidation]:
    def numeric(kind: str, prompt: str, **bounds: Any) -> DataValidation:
        dv = DataValidation(
            type=kind,
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorTitle=_("Ongeldige waarde"),
            promptTitle=_("Waarde"),
            prompt=prompt,
            **bounds,
        )
        dv.error = prompt
        return dv

    labels = DataValidation(
        type="list",
        formula1='"' + ",".join(verdicts.LABELS) + '"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=_("Ongeldig energielabel"),
        error=_("Kies een energielabel uit de lijst: A++++ tot en met G."),
        promptTitle=_("Energielabel"),
        prompt=_("Kies een energielabel uit de lijst: A++++ tot en met G."),
    )
    return {
        "percentage": numeric(
            "decimal",
            _("Een percentage tussen 0 en 100, zonder %-teken, hoogstens twee decimalen."),
            operator="between",
            formula1="0",
            formula2="100",
        ),
        "count": numeric(
            "whole",
            _("Een aantal: een heel getal van 0 of meer."),
            operator="greaterThanOrEqual",
            formula1="0",
        ),
        "euro": numeric(
            "decimal",
            _("Een bedrag in euro, hoogstens twee decimalen."),
            operator="between",
            formula1=str(-services.MAX_VALUE),
            formula2=str(services.MAX_VALUE),
        ),
        ENERGY_LABEL: labels,
    }


def export_monitor(scope: Scope) -> bytes:
    """The monitor of ``scope`` as an xlsx file: locked except for value, source and note."""
    targets = scope_targets(scope)
    measurements = _measurements(scope.cycle, scope.year)
    wb = Workbook(write_only=True)
    wb.security = WorkbookProtection(lockStructure=True)
    ws = wb.create_sheet(SHEET)
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # people may still widen columns and rows
    ws.protection.formatRows = False
    ws.freeze_panes = "B2"
    for column in COLUMNS:
        ws.column_dimensions[column.letter].width = column.width
    validations = _validations()
    for dv in validations.values():
        ws.data_validations.append(dv)
    header = []
    for column in COLUMNS:
        cell = _cell(ws, str(column.header), text=True)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
        header.append(cell)
    ws.append(header)
    runs: dict[str, list[list[int]]] = {unit: [] for unit in validations}
    period = scope.cycle.period_label
    for row_number, target in enumerate(targets, start=2):
        unit = target.indicator.unit
        m = measurements.get(target.pk)
        current: Any = None
        if m is not None:
            current = m.label or m.value
        values: dict[str, Any] = {
            "target": target.pk,
            "theme": target.agreement.theme.name,
            "agreement": target.agreement.number,
            "title": target.agreement.title,
            "indicator": target.indicator.name,
            "unit": str(UNIT_LABELS.get(unit, unit)),
            "party": target.party.name if target.party else _("gezamenlijk"),
            "year": scope.year,
            "applies_to": str(target.year) if target.year else _("looptijd %(p)s") % {"p": period},
            "norm": norm_text(target),
            "current": current,
            "version": m.version if m else 0,
            "value": current,
            "source": (m.source or None) if m else None,
            "note": (m.note or None) if m else None,
        }
        row = []
        for column in COLUMNS:
            cell = _cell(ws, values[column.key], text=True)
            if column.editable:
                cell.protection = UNLOCKED
                cell.fill = EDITABLE_FILL
                if column.key == "note":
                    cell.alignment = WRAP
            row.append(cell)
        ws.append(row)
        unit_runs = runs.get(unit)
        if unit_runs is not None:
            if unit_runs and unit_runs[-1][1] == row_number - 1:
                unit_runs[-1][1] = row_number
            else:
                unit_runs.append([row_number, row_number])
    letter = COL["value"].letter
    for unit, spans in runs.items():
        for first, last in spans:
            validations[unit].add(f"{letter}{first}:{letter}{last}")
    _info_sheet(wb, scope, len(targets))
    _meta_sheet(wb, scope)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _info_sheet(wb: Workbook, scope: Scope, count: int) -> None:
    ws = wb.create_sheet(INFO_SHEET)
    ws.protection.sheet = True
    ws.column_dimensions["A"].width = 110
    lines = [
        _("Monitor %(title)s — %(year)s — %(who)s")
        % {"title": scope.cycle.title, "year": scope.year, "who": scope.organisation_name},
        "",
        _("Vul op het blad ‘Monitor’ per norm de kolommen Waarde, Bron en Toelichting in."),
        _("Alle andere cellen zijn beveiligd; wijzig ze niet en voeg geen rijen of kolommen toe."),
        _("Een percentage vult u in als getal tussen 0 en 100 (11 betekent 11 %)."),
        _("Een energielabel kiest u uit de lijst (A++++ tot en met G)."),
        _("Formules worden niet geaccepteerd: vul alleen waarden in."),
        _("Lever het bestand weer in via Woonafspraken (pagina Monitor of de API)."),
        _("Bij het inlezen wordt eerst alles gecontroleerd; bij een fout wordt niets opgeslagen."),
        "",
        _("Aantal normen in dit bestand: %(n)s") % {"n": count},
    ]
    for line in lines:
        ws.append([_cell(ws, line, text=True)])


def _meta_sheet(wb: Workbook, scope: Scope) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
    rows = [
        ("format", FORMAT),
        ("format_version", FORMAT_VERSION),
        ("cycle", scope.cycle.pk),
        ("year", scope.year),
        ("organisation", scope.organisation_key),
        ("cycle_title", scope.cycle.title),
        ("organisation_name", scope.organisation_name),
        ("exported_at", timezone.now().isoformat(timespec="seconds")),
    ]
    for key, value in rows:
        ws.append([_cell(ws, key, text=True), _cell(ws, value, text=True)])


# --- Import ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RowError:
    """One reason to refuse a file, with where it is (``None`` where it does not apply)."""

    sheet: str | None
    row: int | None
    column: str | None
    message: str

    @property
    def column_name(self) -> str | None:
        if self.sheet != SHEET or not self.column:
            return None
        for c in COLUMNS:
            if c.letter == self.column:
                return str(c.header)
        return None

    @property
    def location(self) -> str:
        parts = []
        if self.sheet:
            parts.append(_("blad ‘%(s)s’") % {"s": self.sheet})
        if self.row:
            parts.append(_("rij %(r)s") % {"r": self.row})
        if self.column:
            name = self.column_name
            parts.append(
                _("kolom %(c)s (%(n)s)") % {"c": self.column, "n": name}
                if name
                else _("kolom %(c)s") % {"c": self.column}
            )
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location
        return f"{where[:1].upper()}{where[1:]}: {self.message}" if where else self.message

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "columnName": self.column_name,
            "message": self.message,
        }


class MonitorRejected(Exception):
    """The file is refused; nothing was written."""

    def __init__(self, errors: list[RowError], total: int | None = None) -> None:
        super().__init__("; ".join(str(e) for e in errors[:3]))
        self.errors = errors
        self.total = total if total is not None else len(errors)


@dataclass(frozen=True)
class Change:
    """One row that changes a measurement (or records a first one)."""

    row: int
    target_id: int
    agreement_number: str
    agreement_title: str
    indicator: str
    unit: str
    year: int
    value: str  # as passed on to record_measurement: a plain number or a label
    source: str
    note: str
    expected_version: int
    old: dict[str, str] | None

    @property
    def new(self) -> dict[str, str]:
        return {"value": self.value, "source": self.source, "note": self.note}


@dataclass
class Plan:
    """A checked file: what it would change. Produced by :func:`read_monitor`."""

    scope: Scope
    filename: str
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    applied: bool = False

    @property
    def created(self) -> int:
        return sum(1 for c in self.changes if c.old is None)

    @property
    def changed(self) -> int:
        return sum(1 for c in self.changes if c.old is not None)

    def summary(self) -> dict[str, Any]:
        return {
            "file": self.filename,
            "cycle": self.scope.cycle.pk,
            "year": self.scope.year,
            "organisation": (
                {"id": self.scope.organisation.pk, "name": self.scope.organisation.name}
                if self.scope.organisation
                else None
            ),
            "applied": self.applied,
            "rows": len(self.changes) + self.unchanged,
            "created": self.created,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "changes": [
                {
                    "row": c.row,
                    "target": c.target_id,
                    "agreement": c.agreement_number,
                    "indicator": c.indicator,
                    "year": c.year,
                    "old": c.old,
                    "new": c.new,
                }
                for c in self.changes
            ],
        }


def clean_filename(name: str | None) -> str:
    """The base name of an uploaded file, safe to show and to store as a source."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:120] or "monitor.xlsx"


class _Errors:
    def __init__(self) -> None:
        self.items: list[RowError] = []
        self.total = 0

    def add(self, sheet: str | None, row: int | None, column: str | None, message: str) -> None:
        self.total += 1
        if len(self.items) < MAX_ERRORS:
            self.items.append(RowError(sheet, row, column, message))

    def reject(self) -> MonitorRejected:
        items = sorted(self.items, key=lambda e: (e.sheet or "", e.row or 0, e.column or ""))
        if self.total > len(items):
            items.append(
                RowError(
                    None,
                    None,
                    None,
                    _("En nog %(n)s fouten; verbeter eerst de fouten hierboven.")
                    % {"n": self.total - len(items)},
                )
            )
        return MonitorRejected(items, self.total)

    def __bool__(self) -> bool:
        return self.total > 0


def _file_error(message: str) -> MonitorRejected:
    return MonitorRejected([RowError(None, None, None, message)])


def _check_package(data: bytes) -> None:
    """Refuse what is not a plain xlsx package before any spreadsheet code reads it."""
    if len(data) > MAX_FILE_SIZE:
        raise _file_error(
            _("Het bestand is groter dan %(mb)s MB (%(size)s MB). Lever minder rijen per bestand.")
            % {"mb": MAX_FILE_SIZE // (1024 * 1024), "size": f"{len(data) / 1024 / 1024:.1f}"}
        )
    try:
        uploads.check(data, kind=UPLOAD_KIND)
    except uploads.UploadRejected as rejected:
        raise _file_error(rejected.message) from None


def _meta(wb: Any) -> dict[str, Any]:
    ws = wb[META_SHEET]
    meta: dict[str, Any] = {}
    for row in ws.iter_rows(min_row=1, max_row=50, max_col=2, values_only=True):
        if row and row[0] is not None:
            meta[str(row[0])] = row[1] if len(row) > 1 else None
    return meta


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _scope_of(meta: dict[str, Any], cycle: Cycle, errors: _Errors) -> Scope | None:
    if meta.get("format") != FORMAT:
        errors.add(META_SHEET, None, None, _("Dit is geen monitor van Woonafspraken."))
        return None
    if _int(meta.get("format_version")) != FORMAT_VERSION:
        errors.add(
            META_SHEET,
            None,
            None,
            _("Deze monitor heeft een verouderde opmaak. Download de monitor opnieuw."),
        )
        return None
    if _int(meta.get("cycle")) != cycle.pk:
        errors.add(
            META_SHEET,
            None,
            None,
            _(
                "Dit bestand hoort bij andere prestatieafspraken (‘%(title)s’). Download de "
                "monitor van ‘%(this)s’."
            )
            % {"title": str(meta.get("cycle_title") or meta.get("cycle"))[:120], "this": cycle},
        )
        return None
    organisation = str(meta.get("organisation") or "").strip()
    if not organisation:
        errors.add(META_SHEET, None, None, _("Het bestand noemt geen organisatie."))
        return None
    try:
        return scope_for(cycle, _int(meta.get("year")), organisation)
    except ValidationError as exc:
        errors.add(META_SHEET, None, None, " ".join(exc.messages))
        return None


def _headers_in_every_language() -> list[tuple[str, ...]]:
    known = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            known.append(tuple(str(c.header) for c in COLUMNS))
    return known


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def _number(cell: Any, unit: str) -> Decimal:
    """The number in a value cell, or :class:`ValueError` with a Dutch message."""
    value = cell.value
    if isinstance(value, bool):
        raise ValueError(_("‘%(v)s’ is geen getal.") % {"v": "WAAR" if value else "ONWAAR"})
    if isinstance(value, datetime | date | time | timedelta):
        raise ValueError(_("Een datum of tijd is geen getal. Vul een getal in."))
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
        if "%" in str(getattr(cell, "number_format", "") or ""):
            number *= 100  # Excel keeps '11 %' as 0.11 in a percent-formatted cell
    else:
        try:
            number = services.parse_value(str(value))
        except ValidationError as exc:
            raise ValueError(" ".join(exc.messages)) from None
    try:
        number = services.parse_value(number)  # a Decimal: range and decimals, no re-reading
    except ValidationError as exc:
        raise ValueError(" ".join(exc.messages)) from None
    if unit == "percentage" and not (0 <= number <= 100):
        raise ValueError(_("Een percentage ligt tussen 0 en 100 (11 betekent 11 %)."))
    if unit == "count" and (number < 0 or number != number.to_integral()):
        raise ValueError(_("Een aantal is een heel getal van 0 of meer."))
    return number


def _label(cell: Any) -> str:
    value = cell.value
    if not isinstance(value, str):
        raise ValueError(_("Vul een energielabel in (A++++ tot en met G), geen getal."))
    text = "".join(value.split()).upper()
    try:
        verdicts.parse_label(text)
    except ValueError:
        raise ValueError(
            _("‘%(v)s’ is geen energielabel. Gebruik A++++ tot en met G.") % {"v": value[:20]}
        ) from None
    return text


def _rows(ws: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    width = len(COLUMNS)
    count = 0
    for number, cells in enumerate(ws.iter_rows(min_row=2, max_col=width), start=2):
        cells = tuple(cells) + (None,) * (width - len(cells))
        if all(c is None or c.value in (None, "") for c in cells):
            continue
        count += 1
        if count > MAX_ROWS:  # the file as a whole is refused; row errors do not matter
            raise _too_many_rows(number)
        yield number, cells


def _too_many_rows(row: int) -> MonitorRejected:
    message = _("Het bestand heeft meer dan %(n)s rijen. Lever minder rijen per bestand.") % {
        "n": f"{MAX_ROWS:,}".replace(",", ".")
    }
    return MonitorRejected([RowError(SHEET, row, None, message)])


def read_monitor(
    user: Any, cycle: Cycle, data: bytes, filename: str, watch: uploads.Watch | None = None
) -> Plan:
    """Check a filled-in monitor completely and return what it would change.

    Raises :class:`MonitorRejected` listing every error; writes nothing. ``watch`` is told the
    rows done between rows (progress) and stops the reading past its deadline
    (:class:`woonafspraken.uploads.TimeUp`).
    """
    watch = watch or uploads.Watch()
    filename = clean_filename(filename)
    watch.tick()
    _check_package(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception:  # openpyxl raises many kinds of errors for a damaged file
        raise _file_error(
            _("Het bestand kan niet als Excel-werkmap worden gelezen. Is het beschadigd?")
        ) from None
    try:
        return _read(user, cycle, wb, filename, watch)
    finally:
        wb.close()


def _read(user: Any, cycle: Cycle, wb: Any, filename: str, watch: uploads.Watch) -> Plan:
    errors = _Errors()
    for name in (SHEET, META_SHEET):
        if name not in wb.sheetnames:
            errors.add(
                name,
                None,
                None,
                _("Het blad ‘%(s)s’ ontbreekt. Gebruik de monitor zoals u die heeft gedownload.")
                % {"s": name},
            )
    if errors:
        raise errors.reject()
    scope = _scope_of(_meta(wb), cycle, errors)
    if scope is None:
        raise errors.reject()
    if not can_import(user, scope):
        if not getattr(user, "is_authenticated", False):
            raise PermissionDenied(_("Log in om cijfers in te leveren."))
        errors.add(
            META_SHEET,
            None,
            None,
            _("U mag geen cijfers inleveren voor %(who)s.") % {"who": scope.organisation_name},
        )
        raise errors.reject()
    ws = wb[SHEET]
    if (ws.max_row or 0) > MAX_ROWS + 1:
        raise _too_many_rows(ws.max_row)
    header = next(ws.iter_rows(min_row=1, max_row=1, max_col=len(COLUMNS), values_only=True), ())
    header = tuple(_text(v) for v in header) + ("",) * (len(COLUMNS) - len(header))
    if header not in _headers_in_every_language():
        for column, found in zip(COLUMNS, header, strict=True):
            if found != str(column.header):
                errors.add(
                    SHEET,
                    1,
                    column.letter,
                    _(
                        "Hier hoort de kop ‘%(want)s’ te staan, niet ‘%(got)s’. Voeg geen "
                        "kolommen toe en verplaats ze niet."
                    )
                    % {"want": column.header, "got": found[:40]},
                )
        raise errors.reject()
    checker = _RowChecker(user, scope, errors)
    plan = Plan(scope, filename)
    total = ws.max_row or 0
    for number, cells in _rows(ws):
        watch.tick(number, total)
        change = checker.check(number, cells)
        if change is True:
            plan.unchanged += 1
        elif isinstance(change, Change):
            plan.changes.append(change)
    checker.finish()
    if errors:
        raise errors.reject()
    return plan


def _value_of(cells: tuple[Any, ...], key: str) -> Any:
    cell = cells[INDEX[key]]
    return None if cell is None else cell.value


def _is_empty(cell: Any) -> bool:
    return cell is None or cell.value is None or _text(cell.value) == ""


class _RowChecker:
    """Checks the rows of one file against its scope; collects every error."""

    def __init__(self, user: Any, scope: Scope, errors: _Errors) -> None:
        self.user, self.scope, self.errors = user, scope, errors
        # Light rows, not model instances: a file may hold 100,000 rows.
        in_scope = Target.objects.filter(agreement__theme__cycle=scope.cycle).filter(
            Q(year=scope.year) | Q(year__isnull=True)
        )
        if scope.organisation is None:
            in_scope = in_scope.filter(party__isnull=True)
        else:
            in_scope = in_scope.filter(party=scope.organisation)
        self.targets = {t.pk: t for t in in_scope.values_list(*TARGET_FIELDS, named=True)}
        self.measurements = {
            m.target_id: m
            for m in Measurement.objects.filter(
                target__in=in_scope.values("pk"), year=scope.year
            ).values_list(*MEASUREMENT_FIELDS, named=True)
        }
        self.seen: dict[int, int] = {}
        self.unknown: list[tuple[int, int]] = []  # (row, id) of ids outside this file's scope
        self.allowed: dict[int | None, bool] = {}

    def may_record(self, target: Any) -> bool:
        """The access helper's decision for the target's party.

        :func:`access.can_record_measurement` decides on the party of a target, and every row
        of a file has the same party, so one decision per party serves the whole file; the
        service checks each row again when it writes.
        """
        if target.party_id not in self.allowed:
            stand_in = Target(pk=target.pk, party_id=target.party_id, year=target.year)
            self.allowed[target.party_id] = access.can_record_measurement(
                self.user, stand_in, self.scope.cycle
            )
        return self.allowed[target.party_id]

    def finish(self) -> None:
        """Explain the ids that are not in this file's scope: other party, year or cycle."""
        self.errors.total += max(0, len(self.unknown) - MAX_ERRORS)
        ids = [target_id for _row, target_id in self.unknown[:MAX_ERRORS]]
        found = (
            Target.objects.filter(agreement__theme__cycle=self.scope.cycle)
            .select_related("party")
            .in_bulk(ids)
        )
        scope = self.scope
        for row, target_id in self.unknown[:MAX_ERRORS]:
            target = found.get(target_id)
            if target is None:
                self.fail(
                    row,
                    "target",
                    _("Norm %(id)s hoort niet bij deze prestatieafspraken.") % {"id": target_id},
                )
            elif target.party_id != (scope.organisation.pk if scope.organisation else None):
                self.fail(
                    row,
                    "target",
                    _(
                        "Norm %(id)s is van %(other)s, niet van %(who)s; die kunt u hier niet "
                        "inleveren."
                    )
                    % {
                        "id": target.pk,
                        "other": target.party.name
                        if target.party
                        else _("de partijen gezamenlijk"),
                        "who": scope.organisation_name,
                    },
                )
            else:
                self.fail(
                    row,
                    "target",
                    _("Norm %(id)s geldt voor %(y)s, niet voor %(year)s.")
                    % {"id": target.pk, "y": target.year, "year": scope.year},
                )

    def fail(self, row: int, key: str, message: str) -> None:
        self.errors.add(SHEET, row, COL[key].letter, message)

    def check(self, row: int, cells: tuple[Any, ...]) -> Change | bool | None:
        """A :class:`Change`, ``True`` for an unchanged row, ``None`` after recording errors."""
        before = self.errors.total
        if self._formulas(row, cells):
            return None
        target = self._target(row, cells)
        if target is None:
            return None
        version = _int(_value_of(cells, "version"))
        if version is None and _value_of(cells, "version") in (None, ""):
            version = 0
        if version is None or version < 0:
            self.fail(row, "version", _("De versie is geen geheel getal. Wijzig die niet."))
            return None
        source = _text(_value_of(cells, "source"))
        note = _text(_value_of(cells, "note"))
        if len(source) > 300:
            self.fail(row, "source", _("De bron is te lang (hoogstens 300 tekens)."))
        if len(note) > 5000:
            self.fail(row, "note", _("De toelichting is te lang (hoogstens 5000 tekens)."))
        existing = self.measurements.get(target.pk)
        value_cell = cells[INDEX["value"]]
        if _is_empty(value_cell):
            self._empty(row, existing, source or note)
            return None if self.errors.total > before else True
        unit = target.indicator__unit
        try:
            if unit == ENERGY_LABEL:
                value = _label(value_cell)
            else:
                value = format(_number(value_cell, unit).normalize(), "f")
        except ValueError as exc:
            self.fail(row, "value", str(exc))
            return None
        if self.errors.total > before:
            return None
        if existing is not None and _same(existing, unit, value, source, note):
            return True
        if version != (existing.version if existing else 0):
            self.fail(
                row,
                "value",
                _(
                    "Deze waarde is gewijzigd nadat het bestand werd gedownload (nu: %(v)s). "
                    "Download de monitor opnieuw en vul uw wijziging daarin in."
                )
                % {"v": _shown(existing) or "—"},
            )
            return None
        old = (
            {"value": _shown(existing), "source": existing.source, "note": existing.note}
            if existing
            else None
        )
        return Change(
            row,
            target.pk,
            target.agreement__number,
            target.agreement__title,
            target.indicator__name,
            unit,
            self.scope.year,
            value,
            source,
            note,
            version,
            old,
        )

    def _formulas(self, row: int, cells: tuple[Any, ...]) -> bool:
        found = False
        for key in ("target", "version", "value", "source", "note"):
            cell = cells[INDEX[key]]
            if cell is not None and cell.data_type == "f":
                found = True
                self.fail(
                    row,
                    key,
                    _(
                        "Hier staat een formule (%(f)s). Formules worden niet uitgerekend of "
                        "overgenomen; vul de waarde zelf in."
                    )
                    % {"f": str(cell.value)[:40]},
                )
        return found

    def _target(self, row: int, cells: tuple[Any, ...]) -> Any:
        """The row's target if it belongs to this file and the user may fill it in."""
        raw = _value_of(cells, "target")
        target_id = _int(raw)
        if target_id is None:
            if raw in (None, ""):
                self.fail(row, "target", _("De norm-id ontbreekt."))
            else:
                self.fail(
                    row,
                    "target",
                    _("Norm %(id)s hoort niet bij deze prestatieafspraken.")
                    % {"id": str(raw)[:20]},
                )
            return None
        target = self.targets.get(target_id)
        if target is None:
            self.unknown.append((row, target_id))  # explained in finish()
            return None
        if target.pk in self.seen:
            self.fail(
                row,
                "target",
                _("Norm %(id)s staat ook al in rij %(row)s.")
                % {"id": target.pk, "row": self.seen[target.pk]},
            )
            return None
        self.seen[target.pk] = row
        if not self.may_record(target):
            self.fail(row, "target", _("U mag voor deze norm geen realisatie vastleggen."))
            return None
        return target

    def _empty(self, row: int, existing: Any, has_text: bool) -> None:
        if existing is not None:
            self.fail(
                row,
                "value",
                _(
                    "De waarde is leeg, maar er is al %(v)s vastgelegd. Een waarde wissen kan "
                    "niet met dit bestand; laat de waarde staan."
                )
                % {"v": _shown(existing)},
            )
        elif has_text:
            self.fail(
                row,
                "value",
                _("Vul een waarde in: een bron of toelichting zonder waarde slaan we niet op."),
            )


def _same(m: Any, unit: str, value: str, source: str, note: str) -> bool:
    if unit == ENERGY_LABEL:
        same_value = m.label == value
    else:
        same_value = m.value is not None and Decimal(m.value) == Decimal(value)
    return same_value and m.source.strip() == source and m.note.strip() == note


def apply_monitor(user: Any, plan: Plan) -> Plan:
    """Write every change of ``plan`` in one transaction, or none of them."""
    channel = f"excel:{plan.filename}"
    letter = COL["value"].letter
    with transaction.atomic():
        targets = Target.objects.in_bulk([c.target_id for c in plan.changes])
        for change in plan.changes:
            target = targets.get(change.target_id)
            if target is None:
                raise MonitorRejected(
                    [RowError(SHEET, change.row, letter, _("Deze norm bestaat niet meer."))]
                )
            try:
                services.record_measurement(
                    user,
                    target,
                    value=change.value if change.unit == ENERGY_LABEL else Decimal(change.value),
                    year=change.year,
                    note=change.note,
                    source=change.source,
                    expected_version=change.expected_version,
                    channel=channel,
                )
            except ValidationError as exc:
                raise MonitorRejected(
                    [RowError(SHEET, change.row, letter, " ".join(exc.messages))]
                ) from None
            except services.Conflict as exc:
                raise MonitorRejected([RowError(SHEET, change.row, letter, exc.message)]) from None
            except PermissionDenied as exc:
                raise MonitorRejected([RowError(SHEET, change.row, letter, str(exc))]) from None
    plan.applied = True
    return plan


def import_monitor(
    user: Any, cycle: Cycle, data: bytes, filename: str, watch: uploads.Watch | None = None
) -> Plan:
    """Check the whole file, then write its changes in one transaction."""
    return apply_monitor(user, read_monitor(user, cycle, data, filename, watch))


# --- CSV (open data) ------------------------------------------------------------------------

CSV_COLUMNS = (
    "cycle_id",
    "theme",
    "agreement_number",
    "agreement_title",
    "target_id",
    "indicator",
    "unit",
    "party_id",
    "party",
    "target_year",
    "period_start",
    "period_end",
    "norm_kind",
    "norm_value",
    "norm_low",
    "norm_high",
    "norm_label",
    "norm_tolerance",
    "norm_text",
    "measurement_year",
    "value",
    "label",
    "source",
    "note",
    "recorded_at",
    "version",
)


def _plain(value: Decimal | None) -> str:
    return "" if value is None else f"{Decimal(value).normalize():f}"


def _safe(text: str) -> str:
    """Free text that a spreadsheet would take for a formula gets a leading apostrophe."""
    return str(formulas.for_csv(text))


def csv_rows(cycle: Cycle) -> Iterable[list[str]]:
    """All targets of ``cycle`` with their measurements: one line per measurement."""
    yield list(CSV_COLUMNS)
    targets = (
        Target.objects.select_related("indicator", "party", "agreement__theme")
        .filter(agreement__theme__cycle=cycle)
        .prefetch_related("measurements")
        .order_by("agreement__theme__order", "agreement__order", "order", "id")
    )
    for t in targets:
        base = [
            str(cycle.pk),
            _safe(t.agreement.theme.name),
            _safe(t.agreement.number),
            _safe(t.agreement.title),
            str(t.pk),
            _safe(t.indicator.name),
            t.indicator.unit,
            str(t.party_id or ""),
            _safe(t.party.name) if t.party else "",
            str(t.year or ""),
            str(cycle.start_year),
            str(cycle.end_year),
            t.kind,
            _plain(t.value),
            _plain(t.low),
            _plain(t.high),
            t.label,
            _plain(t.tolerance),
            norm_text(t),
        ]
        measurements = sorted(t.measurements.all(), key=lambda m: m.year)
        if not measurements:
            yield [*base, "", "", "", "", "", "", ""]
        for m in measurements:
            yield [
                *base,
                str(m.year),
                _plain(m.value),
                m.label,
                _safe(m.source),
                _safe(m.note),
                m.recorded_at.isoformat(timespec="seconds") if m.recorded_at else "",
                str(m.version),
            ]


def targets_csv(cycle: Cycle) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(csv_rows(cycle))
    return out.getvalue()
