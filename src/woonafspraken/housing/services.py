"""Write use cases of housing data: import a table (all or nothing), delete a set, save the
prognosis scenario. Each checks access, runs in one transaction and writes the audit log."""

from __future__ import annotations

import datetime
import operator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from woonafspraken import uploads
from woonafspraken.accounts import access
from woonafspraken.accounts.models import Municipality
from woonafspraken.agreements.models import Cycle
from woonafspraken.audit.services import log_action

from . import tables
from .models import (
    CareRow,
    CostRow,
    Dataset,
    HouseholdRow,
    LettingRow,
    ProjectRow,
    Scenario,
    StockRow,
)

ROW_MODELS: dict[str, Any] = {
    "stock": StockRow,
    "households": HouseholdRow,
    "lettings": LettingRow,
    "costs": CostRow,
    "care": CareRow,
    "projects": ProjectRow,
}
BATCH = 5000
#: The upload gate's kind for each file type an import takes (by the file name's ending).
UPLOAD_KINDS = {".csv": uploads.CSV, ".xlsx": uploads.XLSX}


class ImportRefused(ValidationError):
    """The file has errors: nothing was written. ``errors`` holds every row error."""

    def __init__(self, errors: list[tables.RowError]) -> None:
        self.errors = errors
        super().__init__(
            _("Het bestand is niet ingelezen: %(n)s fout(en); er is niets opgeslagen.")
            % {"n": len(errors)}
        )


@dataclass(frozen=True)
class ImportResult:
    dataset: Dataset
    replaced: list[str]


def import_table(
    actor: Any,
    municipality: Municipality,
    table: str,
    *,
    filename: str,
    data: Any,
    source: str,
    source_date: datetime.date,
    fictional: bool = False,
    note: str = "",
    replace: bool = True,
    watch: uploads.Watch | None = None,
) -> ImportResult:
    """Check every row of the file, then write it all in one transaction (or nothing).

    With ``replace`` the earlier sets of the same table that cover any of the file's years
    are deleted, so a new delivery replaces the old one instead of adding to it.

    ``data`` (bytes or an uploaded file) passes the upload gate (:func:`uploads.check`: size,
    type by content, an Excel file's package) before anything parses it; a file the gate
    refuses raises a ``ValidationError`` whose ``code`` is the gate's (e.g. ``too_large``).
    ``watch`` (:class:`uploads.Watch`) stops a reading past its deadline: ``uploads.TimeUp``.
    """
    content = check_upload(actor, municipality, table, filename=filename, data=data, source=source)
    parsed = tables.parse_file(table, filename, content, municipality.cbs_code, watch)
    if parsed.errors:
        raise ImportRefused(parsed.errors)
    return _write(
        actor, municipality, table, parsed, source.strip(), source_date, fictional, note, replace
    )


def check_upload(
    actor: Any, municipality: Municipality, table: str, *, filename: str, data: Any, source: str
) -> bytes:
    """The upload gate for a housing table: permission, table, source, then the file's bytes.

    A file the gate refuses raises a ``ValidationError`` whose ``code`` is the gate's.
    """
    _check_request(actor, municipality, table, source)
    name = (filename or "").lower()
    kind = next((k for end, k in UPLOAD_KINDS.items() if name.endswith(end)), None)
    if kind is None:
        raise ValidationError(_("Kies een .csv- of .xlsx-bestand."), code="wrong_type")
    try:
        return uploads.check(data, kind=kind, filename=name)
    except uploads.UploadRejected as rejected:
        raise ValidationError(rejected.message, code=rejected.code) from None


def _check_request(actor: Any, municipality: Municipality, table: str, source: str) -> None:
    access.require(
        access.can_manage_housing_data(actor, municipality.pk),
        _("U mag geen woongegevens van deze gemeente inlezen."),
    )
    if table not in tables.SPECS:
        raise ValidationError(_("Onbekende tabel."))
    if not (source or "").strip():
        raise ValidationError(_("Vermeld de bron van de cijfers."))


def replaced_by(municipality: Municipality, table: str, years: set[int]) -> list[Dataset]:
    """The sets of ``table`` an import of ``years`` replaces."""
    return list(
        Dataset.objects.filter(
            municipality=municipality,
            table=table,
            pk__in=ROW_MODELS[table].objects.filter(year__in=years).values("dataset_id"),
        )
    )


def import_rows(
    actor: Any,
    municipality: Municipality,
    table: str,
    *,
    rows: list[dict[str, Any]],
    source: str,
    source_date: datetime.date,
    fictional: bool = False,
    note: str = "",
    replace: bool = True,
) -> ImportResult:
    """Write rows :func:`tables.parse_file` found without errors, all or nothing."""
    _check_request(actor, municipality, table, source)
    parsed = tables.Parsed(rows, [], {row["year"] for row in rows})
    return _write(
        actor, municipality, table, parsed, source.strip(), source_date, fictional, note, replace
    )


@transaction.atomic
def _write(
    actor: Any,
    municipality: Municipality,
    table: str,
    parsed: tables.Parsed,
    source: str,
    source_date: datetime.date,
    fictional: bool,
    note: str,
    replace: bool,
) -> ImportResult:
    model = ROW_MODELS[table]
    replaced = []
    if replace:
        overlapping = Dataset.objects.filter(
            pk__in=[d.pk for d in replaced_by(municipality, table, parsed.years)]
        )
        for old in overlapping:
            replaced.append(str(old))
            log_action(
                "housing.dataset.replaced",
                actor=actor,
                obj=old,
                old={"table": table, "source": old.source, "rows": old.rows_count},
            )
        overlapping.delete()
    dataset = Dataset.objects.create(
        municipality=municipality,
        table=table,
        source=source[:300],
        source_date=source_date,
        fictional=fictional,
        note=note,
        rows_count=len(parsed.rows),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _insert(model, dataset, parsed.rows)
    log_action(
        "housing.dataset.imported",
        actor=actor,
        obj=dataset,
        new={
            "table": table,
            "source": dataset.source,
            "rows": dataset.rows_count,
            "years": sorted(parsed.years),
            "fictional": fictional,
        },
        source=source,
    )
    return ImportResult(dataset, replaced)


def _insert(model: Any, dataset: Dataset, rows: list[dict[str, Any]]) -> None:
    """Write the checked rows with one prepared INSERT per batch.

    The rows are plain values the parser already checked and converted (int, str, bool,
    Decimal, None), so they go to the database driver as they are: building a model
    instance per row (``bulk_create``) took about three times as long as parsing the file.
    The parser gives every row the same keys, so the values are picked in one step and the
    columns no row has take their default; a row that lacks a key is read field by field.
    """
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_default() for f in fields}
    defaults["dataset_id"] = dataset.pk
    given = [f.attname for f in fields if f.attname in rows[0]]
    filled = [f.attname for f in fields if f.attname not in rows[0]]
    order = given + filled
    columns = {f.attname: f.column for f in fields}
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(columns[name]) for name in order),
        ", ".join(["%s"] * len(order)),
    )
    constant = tuple(defaults[name] for name in filled)
    pick = operator.itemgetter(*given) if len(given) > 1 else None

    def values(row: dict[str, Any]) -> tuple[Any, ...]:
        try:
            if pick is not None:
                return pick(row) + constant  # type: ignore[no-any-return]
        except KeyError:
            pass
        return tuple(row.get(name, defaults[name]) for name in order)

    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, [values(row) for row in rows[start : start + BATCH]])


@transaction.atomic
def delete_dataset(actor: Any, dataset: Dataset) -> None:
    access.require(
        access.can_manage_housing_data(actor, dataset.municipality_id),
        _("U mag geen woongegevens van deze gemeente verwijderen."),
    )
    log_action(
        "housing.dataset.deleted",
        actor=actor,
        obj=dataset,
        old={"table": dataset.table, "source": dataset.source, "rows": dataset.rows_count},
    )
    dataset.delete()


def export_table(dataset: Dataset, fmt: str) -> tuple[bytes, str, str]:
    """The set in its import layout: (content, content type, file name)."""
    spec = tables.SPECS[dataset.table]
    model = ROW_MODELS[dataset.table]
    fields = ["year", *(c.field for c in spec.columns)]
    rows = model.objects.filter(dataset=dataset).order_by("id").values(*fields).iterator()
    values = tables.export_values(dataset.table, dataset.municipality.cbs_code, rows)
    name = f"{spec.filename}-{dataset.municipality.cbs_code}-{dataset.pk}"
    if fmt == "xlsx":
        return (
            tables.to_xlsx(values, spec.filename),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            name + ".xlsx",
        )
    return tables.to_csv(values), "text/csv; charset=utf-8", name + ".csv"


SCENARIO_FIELDS = (
    "base_year",
    "end_year",
    "household_growth",
    "income_shift",
    "reliance",
    "new_build_per_year",
    "sales_per_year",
    "demolition_per_year",
    "liberalisation_per_year",
)


@transaction.atomic
def save_scenario(actor: Any, cycle: Cycle, **values: Any) -> Scenario:
    """Save the prognosis's scenario parameters with the cycle (coordinators)."""
    access.require(
        access.is_coordinator(actor, cycle),
        _("Alleen de coördinatoren van deze cyclus kunnen het scenario wijzigen."),
    )
    if values["end_year"] < values["base_year"]:
        raise ValidationError(_("Het eindjaar ligt vóór het basisjaar."))
    scenario = Scenario.objects.filter(cycle=cycle).first()
    old = None
    if scenario is None:
        scenario = Scenario(cycle=cycle)
    else:
        old = {f: str(getattr(scenario, f)) for f in SCENARIO_FIELDS}
    for name in SCENARIO_FIELDS:
        setattr(scenario, name, values[name])
    scenario.full_clean()
    scenario.save()
    log_action(
        "housing.scenario.saved",
        actor=actor,
        obj=scenario,
        old=old,
        new={f: str(getattr(scenario, f)) for f in SCENARIO_FIELDS},
        cycle_id=cycle.pk,
    )
    return scenario
