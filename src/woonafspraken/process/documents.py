"""The signed version as PDF (with its SHA-256) and the dispute dossier as Word and PDF."""

import datetime
import hashlib
import io
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from woonafspraken.agreements.models import Cycle
from woonafspraken.documents.reports import pdf_of

from . import services, workflow
from .models import DisputePoint, PhaseChange, SignedVersion

DISPUTE_HEADING = "Geschil artikel 44 Woningwet"


def signed_pdf(version: SignedVersion) -> SignedVersion:
    """Make the PDF of ``version`` once; later calls return the same bytes and fingerprint.
    This is the signed record: it names who signed for each party."""
    if version.pdf:
        return version
    content = pdf_of(_signed_html(version, people=True))
    version.pdf = content
    version.sha256 = hashlib.sha256(content).hexdigest()
    version.save(update_fields=["pdf", "sha256"])
    return version


def public_signed_pdf(version: SignedVersion) -> bytes:
    """The public copy of the signed version, for visitors who are not logged in (AVG): the
    same stored data (agreements, parties, decision bodies and dates) without the names of who
    signed, and a line citing the fingerprint of the record the parties hold.

    Made on demand and never stored, so the record stays the one signed document with a
    fingerprint and nothing about it changes; the copy makes its record first when there is
    none yet, because it cites that record's fingerprint."""
    record = signed_pdf(version)
    return pdf_of(_signed_html(record, people=False))


def _signed_html(version: SignedVersion, *, people: bool) -> str:
    return render_to_string(
        "process/signed_print.html",
        {
            "version": version,
            "data": version.snapshot,
            "approvals": _approvals(version),
            "people": people,
        },
    )


def _approvals(version: SignedVersion) -> list[Any]:
    qs = version.cycle.approvals.select_related("organisation", "signatory")
    return list(qs.filter(amendment=version.amendment))


# --- Dispute dossier (Rtiv 2015 art. 19a–19d) ---------------------------------------------


class DisputeRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def in_dispute_window(day: datetime.date) -> bool:
    """1 July up to and including 29 January."""
    return (day.month, day.day) >= (7, 1) or (day.month, day.day) <= (1, 29)


def check_dispute(cycle: Cycle, today: datetime.date) -> None:
    if not in_dispute_window(today):
        raise DisputeRefused(
            _(
                "Een geschil over prestatieafspraken die nog niet zijn gemaakt kan alleen "
                "tussen 1 juli en 29 januari worden voorgelegd (Rtiv 2015 art. 19a). Vandaag "
                "(%(d)s) valt daarbuiten."
            )
            % {"d": date_format(today, "j F Y")}
        )
    if cycle.phase not in (workflow.NEGOTIATION, workflow.DECISION):
        raise DisputeRefused(
            _(
                "Een geschil kan alleen zolang er onderhandeld wordt en nog niet is ondertekend; "
                "deze cyclus is in de fase ‘%(p)s’."
            )
            % {"p": services.phase_label(cycle.phase)}
        )
    started = services.negotiation_started(cycle)
    if started is None or today < services.add_months(started, 6):
        raise DisputeRefused(
            _(
                "Een geschil kan pas als er zes maanden is onderhandeld zonder resultaat "
                "(Woningwet art. 44 lid 4)%(since)s."
            )
            % {
                "since": ""
                if started is None
                else _(": dat is op %(d)s")
                % {"d": date_format(services.add_months(started, 6), "j F Y")}
            }
        )


@dataclass
class Dossier:
    cycle: Cycle
    date: datetime.date
    parties: list[Any]
    points: list[DisputePoint]
    policy: list[tuple[str, list[str]]]  # each policy document with its goals
    bids: list[str]
    history: list[PhaseChange]
    milestones: list[Any] = field(default_factory=list)


def bids_of(cycle: Cycle) -> list[str]:
    """The bids the corporations submitted in this cycle (from the bid register), after the
    date the law set for them."""
    from woonafspraken.governance.models import Bid

    lines = [
        f"{m.display_title} ({date_format(m.starts_on, 'j F Y')})"
        for m in cycle.milestones.filter(kind="bids_due")
    ]
    submitted = (
        Bid.objects.filter(cycle=cycle, status=Bid.Status.SUBMITTED)
        .select_related("corporation")
        .annotate(lines=Count("items"))
        .order_by("year", "corporation__name")
    )
    for bid in submitted:
        lines.append(
            ngettext(
                "Bod %(year)s van %(corporation)s, ingediend op %(day)s: %(n)s regel",
                "Bod %(year)s van %(corporation)s, ingediend op %(day)s: %(n)s regels",
                bid.lines,
            )
            % {
                "year": bid.year,
                "corporation": bid.corporation.name,
                "day": date_format(timezone.localtime(bid.submitted_at), "j F Y"),
                "n": bid.lines,
            }
        )
    return lines


def policy_of(cycle: Cycle) -> list[tuple[str, list[str]]]:
    """The municipality's housing policy up to the cycle's last year (woonvisie,
    volkshuisvestingsprogramma), newest first, each with its goals."""
    from woonafspraken.governance.models import PolicyDocument

    documents = PolicyDocument.objects.filter(
        municipality_id=cycle.municipality_id, year__lte=cycle.end_year
    ).prefetch_related("goals")
    return [
        (
            f"{document.title} ({document.get_kind_display()}, {document.year})",
            [f"{goal.theme_name}: {goal.title}" for goal in document.goals.all()],
        )
        for document in documents
    ]


def dossier(cycle: Cycle, today: datetime.date) -> Dossier:
    check_dispute(cycle, today)
    return Dossier(
        cycle=cycle,
        date=today,
        parties=list(cycle.parties.order_by("kind", "name")),
        points=list(
            cycle.dispute_points.prefetch_related("positions__organisation").order_by("order")
        ),
        policy=policy_of(cycle),
        bids=bids_of(cycle),
        history=list(cycle.phase_changes.select_related("changed_by")),
        milestones=list(cycle.milestones.all()),
    )


def _position_rows(d: Dossier, point: DisputePoint) -> list[tuple[str, str]]:
    given = {p.organisation_id: p.position for p in point.positions.all()}
    return [
        (party.name, given.get(party.pk, _("(geen standpunt opgegeven)"))) for party in d.parties
    ]


def dispute_docx(d: Dossier) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(DISPUTE_HEADING, level=0)
    doc.add_paragraph(_("Datum: %(d)s") % {"d": date_format(d.date, "j F Y")})
    doc.add_paragraph(
        _(
            "Verzoek aan de Minister om een uitspraak (Woningwet art. 44 lid 4; "
            "Rtiv 2015 art. 19a–19d) over: %(c)s."
        )
        % {"c": d.cycle.title}
    )
    doc.add_heading(_("Partijen"), level=1)
    for party in d.parties:
        doc.add_paragraph(f"{party.name} ({party.get_kind_display()})", style="List Bullet")
    doc.add_heading(_("Geschilpunten en standpunten"), level=1)
    if not d.points:
        doc.add_paragraph(_("Er zijn nog geen geschilpunten vastgelegd."))
    for number, point in enumerate(d.points, start=1):
        doc.add_heading(f"{number}. {point.subject}", level=2)
        if point.description:
            doc.add_paragraph(point.description)
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text = _("Partij")
        table.rows[0].cells[1].text = _("Standpunt")
        for name, position in _position_rows(d, point):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = name, position
    doc.add_heading(_("Woonvisie of volkshuisvestingsbeleid"), level=1)
    for title, goals in d.policy:
        doc.add_paragraph(title)
        for goal in goals:
            doc.add_paragraph(goal, style="List Bullet")
    if not d.policy:
        doc.add_paragraph(_("De gemeente heeft geen woonvisie vastgelegd."))
    doc.add_heading(_("Biedingen"), level=1)
    for bid in d.bids or [_("Er zijn geen biedingen vastgelegd.")]:
        doc.add_paragraph(bid, style="List Bullet")
    doc.add_heading(_("Verloop van de onderhandelingen"), level=1)
    for change in d.history:
        doc.add_paragraph(_history_line(change), style="List Bullet")
    if not d.history:
        doc.add_paragraph(_("Geen faseovergangen vastgelegd."))
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _history_line(change: PhaseChange) -> str:
    when = date_format(timezone.localtime(change.changed_at), "j F Y")
    old, new = services.phase_label(change.from_phase), services.phase_label(change.to_phase)
    line = f"{when}: {old} → {new}"
    if change.note:
        line += f" — {change.note}"
    return line


def dispute_pdf(d: Dossier) -> bytes:
    html = render_to_string(
        "process/dispute_print.html",
        {
            "d": d,
            "heading": DISPUTE_HEADING,
            "points": [(p, _position_rows(d, p)) for p in d.points],
            "history": [_history_line(c) for c in d.history],
        },
    )
    return pdf_of(html)
