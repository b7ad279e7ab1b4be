"""The Excel bid template as an upload job: read in the background, previewed, confirmed."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from woonafspraken import uploads
from woonafspraken.uploadjobs.models import UploadJob
from woonafspraken.uploadjobs.registry import Handler, Problem, Rejected

from . import access, excel, services
from .models import Bid, Section

KIND = "bid"


def _rejected(exc: excel.BidImportRejected) -> Rejected:
    return Rejected([Problem(e.message, e.sheet, e.row, e.column, e.header) for e in exc.errors])


class BidUpload(Handler):
    kind = KIND
    preview_template = "governance/_bid_job_preview.html"

    def _bid(self, job: UploadJob) -> Bid | None:
        return (
            Bid.objects.select_related("cycle__municipality", "corporation")
            .filter(pk=job.params["bid"])
            .first()
        )

    def title(self, job: UploadJob) -> str:
        bid = self._bid(job)
        if bid is None:
            return _("Bod")
        return _("Bod %(c)s %(y)s") % {"c": bid.corporation.name, "y": bid.year}

    def may_use(self, user: Any, job: UploadJob) -> bool:
        bid = self._bid(job)
        return bid is not None and access.can_edit_bid(user, bid)

    def parse(self, job: UploadJob, data: bytes, watch: uploads.Watch) -> dict[str, Any]:
        bid = self._bid(job)
        if bid is None or not access.can_edit_bid(job.owner, bid):
            raise Rejected([Problem(_("U mag dit bod niet (meer) wijzigen."))])
        try:
            sections, items = excel.read_bid(bid, data, watch)
        except excel.BidImportRejected as exc:
            raise _rejected(exc) from None
        goals = services.bid_goals(bid)
        labels = dict(Section.choices)
        return {
            "sections": sections,
            "items": [
                {
                    **item,
                    "section": str(item["section"] or "").strip().lower(),
                    "section_label": str(labels.get(str(item["section"]).strip().lower(), "")),
                    "planned": [_plain(v) for v in item["planned"]],
                    "postcode": _plain(item["postcode"]),
                    "description": str(item["description"] or "").strip(),
                    "goal_title": goals[item["goal"]].title if item["goal"] else "",
                }
                for item in items
            ],
            "years": bid.planned_years,
        }

    def apply(self, actor: Any, job: UploadJob) -> str:
        bid = self._bid(job)
        if bid is None:
            raise Rejected([Problem(_("Dit bod bestaat niet meer."))])
        keys = ("section", "description", "postcode", "planned", "goal", "row")
        items = [{k: item[k] for k in keys} for item in job.preview["items"]]
        try:
            excel.save(actor, bid, job.preview["sections"], items)
        except excel.BidImportRejected as exc:
            raise _rejected(exc) from None
        return _("Het bod is ingelezen.")

    def back_url(self, job: UploadJob) -> str:
        return reverse("governance:bid", kwargs={"pk": job.params["bid"]})


def _plain(value: Any) -> Any:
    """A cell's value as JSON keeps it: whole numbers as numbers, anything else as text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return str(value)
