"""Write use cases of an import: start it, read it (in the background), apply what was accepted.

Nothing about the cycle changes until :func:`apply_import`: the upload only stores the file
(after the project's upload gate, :func:`woonafspraken.uploads.check`, accepted it) and the
reading only stores proposed items. Applying creates the accepted themes, agreements and norms
through the agreements services, in one transaction; the services' own audit entry of each
creation names the file it was imported from.
"""

import logging
import time
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken import uploads, verdicts
from woonafspraken.accounts import access
from woonafspraken.accounts.models import Organisation, Role
from woonafspraken.agreements import services as agreements
from woonafspraken.agreements.models import Cycle, Indicator
from woonafspraken.audit import presentation
from woonafspraken.audit.services import log_action
from woonafspraken.background import enqueue_on_commit
from woonafspraken.recognition import Party, Proposal, reading, recognise

from .models import ImportJob, ProposedItem

logger = logging.getLogger(__name__)

MAX_SIZE = reading.MAX_SIZE

# What the upload gate lets through for an import: a Word file or a PDF, each up to MAX_SIZE.
# A Word file may not unpack beyond 200 MB, nor to more than 200 times its packed size.
WORD = uploads.Kind(
    "docx",
    max_size=MAX_SIZE,
    max_unpacked=reading.MAX_UNPACKED,
    max_entries=uploads.DOCX.max_entries,
    required_parts=uploads.DOCX.required_parts,
    extensions=uploads.DOCX.extensions,
    max_ratio=reading.MAX_RATIO,
)
PDF = uploads.Kind("pdf", max_size=MAX_SIZE, extensions=uploads.PDF.extensions)

# The gate's reasons, told in the import's own words where it has them (see refusal_message).
GATE_CODES = {
    "too_large": "size",
    "wrong_type": "type",
    "old_format": "old_word",
    "encrypted": "password",
    "macro": "macro",
    "too_many_entries": "zip_bomb",
    "unpacked_too_large": "zip_bomb",
    "compression_ratio": "zip_bomb",
    "damaged": "corrupt",
}


class Refused(Exception):
    """The upload is not accepted; ``message`` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refusal_message(code: str) -> str:
    """What a person is told when a file is refused or could not be read."""
    messages = {
        "size": _("Het bestand is groter dan %(mb)s MB. Lever een kleiner bestand in.")
        % {"mb": MAX_SIZE // (1024 * 1024)},
        "type": _(
            "Dit is geen Word-bestand (.docx) of PDF. Lever de afspraken in een van die twee in."
        ),
        "old_word": _(
            "Dit is een oud Word-bestand (.doc). Sla het in Word op als Word-document (.docx)."
        ),
        "password": _(
            "Het bestand is beveiligd met een wachtwoord. Sla het zonder wachtwoord op en lever "
            "het opnieuw in."
        ),
        "macro": _(
            "Het bestand bevat macro’s (.docm). Macro’s worden niet geaccepteerd: sla het op als "
            "gewoon Word-document (.docx)."
        ),
        "zip_bomb": _(
            "Het bestand is uitgepakt veel te groot om veilig te lezen. Lever het document "
            "opnieuw op als gewoon Word-document of PDF."
        ),
        "corrupt": _("Het bestand is beschadigd en kan niet gelezen worden."),
        "no_text": _(
            "Deze PDF bevat geen tekst om te lezen, alleen afbeeldingen (een scan). Lever het "
            "Word-bestand in of een PDF met tekst; tekstherkenning (OCR) doen we niet."
        ),
        "time": _(
            "Het lezen duurde te lang en is gestopt. Lever het document in delen in, of als "
            "Word-bestand."
        ),
        "nothing": _("In het document zijn geen thema’s of afspraken gevonden."),
        "error": _(
            "Het lezen is mislukt door een fout in Woonafspraken, niet in uw bestand. Probeer "
            "het later opnieuw; de beheerder kan zien wat er misging."
        ),
    }
    return messages.get(code, messages["corrupt"])


def check_upload(upload: Any, filename: str = "", permitted: Any = True) -> tuple[str, bytes]:
    """The kind (``docx`` or ``pdf``) and the bytes of an upload the gate let through.

    ``upload`` is an uploaded file or its bytes. Raises :class:`Refused` (in the import's
    words) when the gate refuses it, ``PermissionDenied`` when ``permitted`` says no.
    """
    try:
        data = uploads.check(upload, kind=(WORD, PDF), permitted=permitted, filename=filename)
    except uploads.UploadRejected as rejected:
        code = GATE_CODES.get(rejected.code)
        raise Refused(refusal_message(code) if code else rejected.message) from None
    return ("pdf" if data.startswith(b"%PDF-") else "docx"), data


def can_import(user: Any, cycle: Cycle) -> bool:
    """A coordinator of the municipality that is a party of ``cycle`` (or an administrator)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if access.is_admin(user):
        return True
    return any(
        p.kind == Organisation.Kind.MUNICIPALITY and access.has_role(user, p.pk, Role.COORDINATOR)
        for p in cycle.parties.all()
    )


def _require(user: Any, cycle: Cycle) -> None:
    access.require(
        can_import(user, cycle),
        _("Alleen een coördinator van de gemeente mag afspraken importeren."),
    )
    if cycle.phase != Cycle.Phase.PREPARATION:
        raise ValidationError(
            _("Afspraken importeren kan alleen in prestatieafspraken in voorbereiding.")
        )


@transaction.atomic
def start_import(actor: Any, cycle: Cycle, upload: Any, filename: str = "") -> ImportJob:
    """Keep an uploaded file (an ``UploadedFile`` or bytes) and queue its reading."""
    _require(actor, cycle)
    filename = filename or getattr(upload, "name", "") or ""
    kind, data = check_upload(upload, filename, permitted=lambda: can_import(actor, cycle))
    job = ImportJob.objects.create(
        cycle=cycle, filename=filename[:255], kind=kind, content=data, uploaded_by=actor
    )
    log_action(
        "importing.job.created",
        actor=actor,
        obj=job,
        new={"filename": job.filename},
        source=channel(job),
        cycle_id=cycle.pk,
    )
    from .tasks import read_import

    enqueue_on_commit(read_import, job.pk)
    return job


def _parties(cycle: Cycle) -> list[Party]:
    parties = []
    for p in cycle.parties.all():
        aliases = ("gemeente",) if p.kind == Organisation.Kind.MUNICIPALITY else ()
        parties.append(Party(str(p.pk), p.name, aliases))
    return parties


def _finish(job_id: int, **fields: Any) -> None:
    ImportJob.objects.filter(pk=job_id).update(content=b"", finished_at=timezone.now(), **fields)


def read_job(job_id: int) -> str:
    """Read the file of job ``job_id`` into proposed items; returns the job's new status."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.READING, started_at=timezone.now()
    )
    if not claimed:
        return ""
    job = ImportJob.objects.select_related("cycle").get(pk=job_id)
    limit = float(getattr(settings, "IMPORT_TIME_LIMIT", 60))
    shown = [-1]

    def progress(done: int, total: int) -> None:
        percent = int(80 * done / max(total, 1))
        if percent >= shown[0] + 5:
            shown[0] = percent
            ImportJob.objects.filter(pk=job_id).update(progress=percent)

    try:
        blocks = reading.read(
            bytes(job.content), job.filename, progress=progress, deadline=time.monotonic() + limit
        )
        cycle = job.cycle
        proposal = recognise(
            blocks,
            _parties(cycle),
            years=(cycle.start_year, cycle.end_year),
            indicators=Indicator.objects.values_list("name", flat=True),
        )
        if not proposal.themes:
            _finish(job_id, status=ImportJob.Status.FAILED, error_code="nothing")
            return ImportJob.Status.FAILED
        with transaction.atomic():
            _store(job, proposal)
            _finish(
                job_id, status=ImportJob.Status.PROPOSED, progress=100, title=proposal.title[:300]
            )
    except reading.Refused as exc:
        _finish(job_id, status=ImportJob.Status.FAILED, error_code=exc.code)
        return ImportJob.Status.FAILED
    except Exception:
        # Our fault, not the file's: say so on the page instead of reading for ever.
        logger.exception("Import %s could not be read", job_id)
        _finish(job_id, status=ImportJob.Status.FAILED, error_code="error")
        return ImportJob.Status.FAILED
    return ImportJob.Status.PROPOSED


def expire_if_stuck(job: ImportJob) -> ImportJob:
    """A job still reading long after the time limit (its worker stopped): failed, ``time``."""
    limit = float(getattr(settings, "IMPORT_TIME_LIMIT", 60))
    if (
        job.status == ImportJob.Status.READING
        and job.started_at is not None
        and (timezone.now() - job.started_at).total_seconds() > 2 * limit + 60
    ):
        ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READING).update(
            status=ImportJob.Status.FAILED,
            error_code="time",
            content=b"",
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
    return job


def _store(job: ImportJob, proposal: Proposal) -> None:
    """The proposal as rows: one insert per level, whatever the document's length."""
    parties = {str(p.pk): p for p in job.cycle.parties.all()}

    def party(key: str | None) -> Organisation | None:
        return parties.get(key) if key else None

    # The order of the document: a theme, its first agreement, that one's norms, and so on.
    orders: dict[int, int] = {}
    order = 0
    for theme in proposal.themes:
        order += 1
        orders[id(theme)] = order
        for agreement in theme.agreements:
            order += 1
            orders[id(agreement)] = order
            order += len(agreement.norms)
    themes = [
        ProposedItem(
            job=job,
            level=ProposedItem.Level.THEME,
            order=orders[id(theme)],
            name=theme.name[:300],
            lead=party(theme.lead),
            project_leader=theme.project_leader[:200],
            source=theme.source,
        )
        for theme in proposal.themes
    ]
    ProposedItem.objects.bulk_create(themes)  # sets each row's pk (SQLite ≥ 3.35, PostgreSQL)
    agreements = [
        (
            ProposedItem(
                job=job,
                level=ProposedItem.Level.AGREEMENT,
                parent=theme_item,
                order=orders[id(agreement)],
                number=agreement.number[:20],
                name=agreement.title[:300],
                text=agreement.text,
                agreement_kind=agreement.kind,
                lead=party(agreement.lead),
                source=agreement.source,
            ),
            agreement,
        )
        for theme, theme_item in zip(proposal.themes, themes, strict=True)
        for agreement in theme.agreements
    ]
    ProposedItem.objects.bulk_create([item for item, _ in agreements])
    involved = ProposedItem.involved.through
    norms = []
    links = []
    for item, agreement in agreements:
        links += [
            involved(proposeditem_id=item.pk, organisation_id=parties[k].pk)
            for k in dict.fromkeys(agreement.parties)
            if k in parties
        ]
        for number, norm in enumerate(agreement.norms, start=1):
            norms.append(
                ProposedItem(
                    job=job,
                    level=ProposedItem.Level.NORM,
                    parent=item,
                    order=item.order + number,
                    indicator=norm.indicator[:200],
                    unit=norm.unit,
                    party=party(norm.party),
                    year=norm.year,
                    norm_kind=norm.kind,
                    value=norm.value,
                    low=norm.low,
                    high=norm.high,
                    label=norm.label[:8],
                    tolerance=norm.tolerance,
                    note=norm.note,
                    source=norm.source,
                )
            )
    involved.objects.bulk_create(links)
    ProposedItem.objects.bulk_create(norms, batch_size=500)


def check_norm(kind: str, value: Any, low: Any, high: Any, label: str, tolerance: Any) -> None:
    """Raises ``ValueError`` (a Dutch message) when the figures make no norm of ``kind``."""
    verdicts.Norm(
        kind=kind,  # type: ignore[arg-type]
        value=value if kind in ("min", "max", "exact") else None,
        low=low if kind == "range" else None,
        high=high if kind == "range" else None,
        label=(label or None) if kind == "label_at_least" else None,
        tolerance=(tolerance or Decimal(0)) if kind == "exact" else Decimal(0),
    )


UNIT_OF_KIND = {"label_at_least": Indicator.Unit.ENERGY_LABEL}


def _indicator(actor: Any, cycle: Any, item: ProposedItem, source: str) -> Indicator:
    """The indicator a norm of the document names: one the municipality already has (its own
    or a shared one), else a new indicator of the municipality's own, made through the same
    service as on the indicators page, so that it is in the history and can be changed."""
    from django.db.models import F, Q

    existing = Indicator.objects.filter(
        Q(municipality_id=cycle.municipality_id) | Q(municipality__isnull=True),
        name__iexact=item.indicator.strip(),
    ).order_by(F("municipality_id").asc(nulls_last=True))  # its own before a shared one
    found = existing.first()
    if found is not None:
        return found
    unit = UNIT_OF_KIND.get(item.norm_kind, item.unit or Indicator.Unit.COUNT)
    aggregation = (
        Indicator.Aggregation.SUM if unit == Indicator.Unit.COUNT else Indicator.Aggregation.NONE
    )
    return agreements.add_indicator(
        actor,
        cycle.municipality,
        name=item.indicator.strip(),
        unit=unit,
        aggregation=aggregation,
        channel=source,
    )


class ItemError(Exception):
    """An accepted item could not be created; nothing was created."""

    def __init__(self, item: ProposedItem, message: str) -> None:
        super().__init__(message)
        self.item = item
        self.message = message


def channel(job: ImportJob) -> str:
    """How the history records a creation from ``job``: shown as "geïmporteerd uit <file>"."""
    return f"{presentation.IMPORT_CHANNEL}{job.filename}"


@transaction.atomic
def apply_import(actor: Any, job: ImportJob) -> dict[str, int]:
    """Create the accepted items of ``job`` (as saved by the review page); returns counts."""
    job = ImportJob.objects.select_for_update().select_related("cycle").get(pk=job.pk)
    cycle = job.cycle
    _require(actor, cycle)
    if job.status != ImportJob.Status.PROPOSED:
        raise ValidationError(_("Deze import is al overgenomen of kan niet worden overgenomen."))
    items = list(
        job.items.select_related("lead", "party").prefetch_related("involved").order_by("order")
    )
    created: dict[int, Any] = {}
    counts = {"themes": 0, "agreements": 0, "norms": 0}
    next_order = (cycle.themes.order_by("-order").values_list("order", flat=True).first() or 0) + 1
    agreement_order: dict[int, int] = {}
    source = channel(job)
    for item in items:
        if not item.accepted:
            continue
        try:
            if item.level == ProposedItem.Level.THEME:
                theme = agreements.add_theme(
                    actor,
                    cycle,
                    name=item.name[:120],
                    order=next_order,
                    lead_organisation=item.lead,
                    project_leader_name=item.project_leader,
                    channel=source,
                )
                next_order += 1
                created[item.pk] = theme
                counts["themes"] += 1
            elif item.level == ProposedItem.Level.AGREEMENT:
                parent = created.get(item.parent_id or 0)
                if parent is None:
                    continue  # its theme was dropped
                agreement_order[parent.pk] = agreement_order.get(parent.pk, 0) + 1
                agreement = agreements.add_agreement(
                    actor,
                    parent,
                    number=item.number,
                    title=item.name,
                    text=item.text,
                    kind=item.agreement_kind or "effort",
                    lead_party=item.lead,
                    involved=list(item.involved.all()),
                    order=agreement_order[parent.pk],
                    channel=source,
                )
                created[item.pk] = agreement
                counts["agreements"] += 1
            else:
                parent = created.get(item.parent_id or 0)
                if parent is None:
                    continue  # its agreement was dropped
                target = agreements.add_target(
                    actor,
                    parent,
                    indicator=_indicator(actor, cycle, item, source),
                    kind=item.norm_kind,
                    party=item.party,
                    year=item.year,
                    value=item.value,
                    low=item.low,
                    high=item.high,
                    label=item.label,
                    tolerance=item.tolerance,
                    note=item.note,
                    order=item.order,
                    channel=source,
                )
                created[item.pk] = target
                counts["norms"] += 1
        except ValidationError as exc:
            raise ItemError(item, " ".join(exc.messages)) from None
    for item in items:
        if item.pk in created:
            item.created_id = created[item.pk].pk
    ProposedItem.objects.bulk_update([i for i in items if i.pk in created], ["created_id"])
    job.status = ImportJob.Status.APPLIED
    job.applied_at = timezone.now()
    job.save(update_fields=["status", "applied_at"])
    log_action(
        "importing.job.applied",
        actor=actor,
        obj=job,
        new={"filename": job.filename, **counts},
        source=source,
        cycle_id=cycle.pk,
    )
    return counts
