"""The Excel monitor as an upload job: read in the background, previewed, then confirmed."""

import dataclasses
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from woonafspraken import uploads
from woonafspraken.agreements.models import Cycle
from woonafspraken.uploadjobs.models import UploadJob
from woonafspraken.uploadjobs.registry import Handler, Problem, Rejected

from . import monitor

KIND = "monitor"


def _problems(rejected: monitor.MonitorRejected) -> Rejected:
    return Rejected(
        [Problem(e.message, e.sheet, e.row, e.column, e.column_name) for e in rejected.errors],
        rejected.total,
    )


class MonitorUpload(Handler):
    kind = KIND
    preview_template = "documents/_monitor_job_preview.html"

    def _cycle(self, job: UploadJob) -> Cycle | None:
        return Cycle.objects.select_related("municipality").filter(pk=job.params["cycle"]).first()

    def title(self, job: UploadJob) -> str:
        return _("Monitor in Excel")

    def may_use(self, user: Any, job: UploadJob) -> bool:
        cycle = self._cycle(job)
        return cycle is not None and monitor.may_upload(user, cycle)

    def parse(self, job: UploadJob, data: bytes, watch: uploads.Watch) -> dict[str, Any]:
        cycle = self._cycle(job)
        if cycle is None:
            raise Rejected([Problem(_("Deze prestatieafspraken bestaan niet meer."))])
        try:
            plan = monitor.read_monitor(job.owner, cycle, data, job.filename, watch)
        except monitor.MonitorRejected as rejected:
            raise _problems(rejected) from None
        return {
            "year": plan.scope.year,
            "organisation": plan.scope.organisation_key,
            "organisation_name": str(plan.scope.organisation_name),
            "filename": plan.filename,
            "created": plan.created,
            "changed": plan.changed,
            "unchanged": plan.unchanged,
            "changes": [dataclasses.asdict(c) for c in plan.changes],
        }

    def can_apply(self, job: UploadJob) -> bool:
        return bool(job.preview.get("changes"))

    def apply(self, actor: Any, job: UploadJob) -> str:
        cycle = self._cycle(job)
        preview = job.preview
        if cycle is None:
            raise Rejected([Problem(_("Deze prestatieafspraken bestaan niet meer."))])
        scope = monitor.scope_for(cycle, preview["year"], preview["organisation"])
        plan = monitor.Plan(
            scope,
            preview["filename"],
            changes=[monitor.Change(**c) for c in preview["changes"]],
            unchanged=preview["unchanged"],
        )
        try:
            monitor.apply_monitor(actor, plan)
        except monitor.MonitorRejected as rejected:
            raise _problems(rejected) from None
        return _(
            "Opgeslagen uit %(file)s: %(created)s nieuwe en %(changed)s gewijzigde waarde(n); "
            "%(unchanged)s rij(en) ongewijzigd."
        ) % {
            "file": plan.filename,
            "created": plan.created,
            "changed": plan.changed,
            "unchanged": plan.unchanged,
        }

    def back_url(self, job: UploadJob) -> str:
        year = job.preview.get("year") or job.params.get("year") or ""
        url = reverse("documents:monitor", args=[job.params["cycle"]])
        return f"{url}?year={year}" if year else url
