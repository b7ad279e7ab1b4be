"""A housing table (CSV or Excel) as an upload job: read in the background, then confirmed.

The checked rows wait, compressed, in the job (``staged``) until the user confirms; the
preview shows how many rows for which years, which sets they replace and the first rows.
"""

import datetime
import json
import zlib
from decimal import Decimal
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext as _

from woonafspraken import uploads
from woonafspraken.accounts import access
from woonafspraken.accounts.models import Municipality
from woonafspraken.uploadjobs.models import UploadJob
from woonafspraken.uploadjobs.registry import Handler, Problem, Reading, Rejected

from . import services, tables
from .models import Table

KIND = "housing"
SAMPLE = 10


def _staged(rows: list[dict[str, Any]]) -> bytes:
    keys = list(rows[0]) if rows else []
    table = {"keys": keys, "rows": [[row.get(k) for k in keys] for row in rows]}
    return zlib.compress(json.dumps(table, default=str, separators=(",", ":")).encode())


def _unstaged(table: str, data: bytes) -> list[dict[str, Any]]:
    found = json.loads(zlib.decompress(data))
    model = services.ROW_MODELS[table]
    decimal = {f.attname for f in model._meta.concrete_fields if isinstance(f, models.DecimalField)}
    keys = found["keys"]
    rows = []
    for values in found["rows"]:
        row = dict(zip(keys, values, strict=True))
        for key in decimal.intersection(row):
            if row[key] is not None:
                row[key] = Decimal(row[key])
        rows.append(row)
    return rows


def job_params(
    cycle: Any,
    *,
    table: str,
    source: str,
    source_date: datetime.date,
    fictional: bool,
    replace: bool,
) -> dict[str, Any]:
    """What a housing job keeps to read and apply its file (the page and the API alike)."""
    return {
        "cycle": cycle.pk,
        "municipality": cycle.municipality_id,
        "table": table,
        "source": source.strip(),
        "source_date": source_date.isoformat(),
        "fictional": fictional,
        "replace": replace,
    }


class HousingUpload(Handler):
    kind = KIND
    preview_template = "housing/_import_job_preview.html"

    def _municipality(self, job: UploadJob) -> Municipality | None:
        return Municipality.objects.filter(pk=job.params["municipality"]).first()

    def title(self, job: UploadJob) -> str:
        return _("Woongegevens")

    def may_use(self, user: Any, job: UploadJob) -> bool:
        return access.can_manage_housing_data(user, job.params["municipality"])

    def parse(self, job: UploadJob, data: bytes, watch: uploads.Watch) -> Reading:
        municipality = self._municipality(job)
        if municipality is None:
            raise Rejected([Problem(_("Deze gemeente bestaat niet meer."))])
        table = job.params["table"]
        parsed = tables.parse_file(table, job.filename, data, municipality.cbs_code, watch)
        if parsed.errors:
            raise Rejected(
                [
                    Problem(e.message_in(_), None, e.line, e.column or None)
                    for e in parsed.errors[:1000]
                ],
                len(parsed.errors),
            )
        replaced = (
            services.replaced_by(municipality, table, parsed.years)
            if job.params.get("replace")
            else []
        )
        sample = list(tables.export_values(table, municipality.cbs_code, parsed.rows[:SAMPLE]))
        return Reading(
            {
                "table": table,
                "table_label": str(Table(table).label),
                "rows": len(parsed.rows),
                "years": sorted(parsed.years),
                "replaces": [str(d) for d in replaced],
                "headers": [str(h) for h in sample[0]],
                "sample": [[str(v) for v in row] for row in sample[1:]],
            },
            _staged(parsed.rows),
        )

    def apply(self, actor: Any, job: UploadJob) -> str:
        municipality = self._municipality(job)
        if municipality is None:
            raise Rejected([Problem(_("Deze gemeente bestaat niet meer."))])
        params = job.params
        result = services.import_rows(
            actor,
            municipality,
            params["table"],
            rows=_unstaged(params["table"], bytes(job.staged)),
            source=params["source"],
            source_date=datetime.date.fromisoformat(params["source_date"]),
            fictional=params.get("fictional", False),
            replace=params.get("replace", True),
        )
        return _("%(n)s regels ingelezen in ‘%(set)s’.") % {
            "n": result.dataset.rows_count,
            "set": result.dataset,
        }

    def back_url(self, job: UploadJob) -> str:
        return reverse("housing:data", args=[job.params["cycle"]])
