"""Reminder mail before (14 and 3 days) and after each deadline, to parties that still owe.

What is owed: in the preparation and bids phases, each corporation's bid (deadline: the
bids-due milestone, 1 July); in the decision phase, an approval (deadline: the decision or signing
milestone); in the monitoring phase, the measurements for the current year (deadline: the
evaluation milestone). Each (milestone, organisation, kind) is mailed once, recorded in
:class:`~.models.ReminderSent`.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from woonafspraken.accounts.models import Membership, Organisation, Role
from woonafspraken.agreements.models import Cycle, Measurement, Target
from woonafspraken.background import enqueue_on_commit

from . import tasks, workflow
from .models import Approval, Milestone, ReminderSent

BEFORE_14 = "before_14"
BEFORE_3 = "before_3"
OVERDUE = "overdue"

BID_ROLES = (Role.CONTRIBUTOR, Role.COORDINATOR, Role.SIGNATORY)

OWES = {
    # phase: (milestone kinds whose date is the deadline, what is owed, roles that get the mail)
    workflow.PREPARATION: ((Milestone.Kind.BIDS_DUE,), "bid", BID_ROLES),
    workflow.BIDS: ((Milestone.Kind.BIDS_DUE,), "bid", BID_ROLES),
    workflow.DECISION: (
        (Milestone.Kind.DECISION, Milestone.Kind.SIGNING),
        "approval",
        (Role.SIGNATORY,),
    ),
    workflow.MONITORING: (
        (Milestone.Kind.EVALUATION,),
        "measurements",
        (Role.CONTRIBUTOR, Role.COORDINATOR),
    ),
}


@dataclass
class Due:
    milestone: Milestone
    organisation: Organisation
    kind: str
    owed: str
    recipients: list[str]


def reminder_kind(deadline: datetime.date, today: datetime.date) -> str | None:
    """Which reminder is due on ``today``; a missed day still gets the latest one once."""
    if today > deadline:
        return OVERDUE
    if today >= deadline - datetime.timedelta(days=3):
        return BEFORE_3
    if today >= deadline - datetime.timedelta(days=14):
        return BEFORE_14
    return None


def _owing_approval(cycle: Cycle) -> list[Organisation]:
    done = set(
        Approval.objects.filter(cycle=cycle, amendment__isnull=True).values_list(
            "organisation_id", flat=True
        )
    )
    return [p for p in cycle.parties.all() if p.pk not in done]


def _owing_bid(cycle: Cycle) -> list[Organisation]:
    """Corporations of the cycle that have not submitted their bid (a draft is still owed)."""
    from woonafspraken.governance.models import Bid

    submitted = set(
        Bid.objects.filter(cycle=cycle, status=Bid.Status.SUBMITTED).values_list(
            "corporation_id", flat=True
        )
    )
    return [
        p
        for p in cycle.parties.all()
        if p.kind == Organisation.Kind.CORPORATION and p.pk not in submitted
    ]


def _owing_measurements(cycle: Cycle, year: int) -> list[Organisation]:
    if not (cycle.start_year <= year <= cycle.end_year):
        return []
    targets = Target.objects.filter(agreement__theme__cycle=cycle, party__isnull=False).filter(
        year__in=[year]
    ) | Target.objects.filter(agreement__theme__cycle=cycle, party__isnull=False, year__isnull=True)
    measured = set(
        Measurement.objects.filter(target__in=targets, year=year).values_list(
            "target_id", flat=True
        )
    )
    owing = {t.party_id for t in targets if t.pk not in measured}
    return [p for p in cycle.parties.all() if p.pk in owing]


def due(today: datetime.date) -> list[Due]:
    found: list[Due] = []
    cycles = Cycle.objects.filter(phase__in=list(OWES)).prefetch_related("parties")
    for cycle in cycles:
        kinds, owed, roles = OWES[cycle.phase]
        milestones = list(cycle.milestones.filter(kind__in=kinds))
        if not milestones:
            continue
        if owed == "approval":
            owing = _owing_approval(cycle)
        elif owed == "bid":
            owing = _owing_bid(cycle)
        else:
            owing = _owing_measurements(cycle, today.year)
        sent = set(
            ReminderSent.objects.filter(milestone__in=milestones).values_list(
                "milestone_id", "organisation_id", "kind"
            )
        )
        for milestone in milestones:
            kind = reminder_kind(milestone.deadline, today)
            if kind is None:
                continue
            for organisation in owing:
                if (milestone.pk, organisation.pk, kind) in sent:
                    continue
                recipients = sorted(
                    {
                        m.user.email
                        for m in Membership.objects.filter(
                            organisation=organisation, role__in=roles, user__is_active=True
                        ).select_related("user")
                        if m.user.email
                    }
                )
                if recipients:
                    found.append(Due(milestone, organisation, kind, owed, recipients))
    return found


def reminder_sentence(owed: str, organisation: str, deadline: datetime.date, kind: str) -> str:
    """What the reminder says is missing; the mail and the *Mijn taken* page share it."""
    when = date_format(deadline, "j F Y")
    what = {
        "approval": _("de goedkeuring van %(org)s"),
        "bid": _("het bod van %(org)s"),
        "measurements": _("de realisaties van %(org)s over dit jaar"),
    }[owed] % {"org": organisation}
    if kind == OVERDUE:
        lead = _("De datum %(when)s is voorbij en %(what)s ontbreekt nog.")
    else:
        lead = _("Vóór %(when)s is %(what)s nodig; die ontbreekt nog.")
    return lead % {"when": when, "what": what}


def _message(item: Due) -> tuple[str, str]:
    m = item.milestone
    if item.kind == OVERDUE:
        subject = _("Verlopen: %(title)s") % {"title": m.title}
    else:
        subject = _("Herinnering: %(title)s") % {"title": m.title}
    body = "\n\n".join(
        [
            _("Beste collega,"),
            reminder_sentence(item.owed, item.organisation.name, m.deadline, item.kind),
            _("Het gaat om: %(cycle)s.") % {"cycle": m.cycle.title},
            _("Met vriendelijke groet,\nWoonafspraken"),
        ]
    )
    return subject, body


def send_reminders(today: datetime.date) -> list[Due]:
    """Send every reminder due on ``today``; returns what was sent."""
    sent: list[Due] = []
    with override("nl"):
        for item in due(today):
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(
                        milestone=item.milestone,
                        organisation=item.organisation,
                        kind=item.kind,
                        owed=item.owed,
                        sent_on=today,
                        recipients=", ".join(item.recipients),
                    )
                    subject, body = _message(item)
                    enqueue_on_commit(tasks.send_reminder_mail, subject, body, item.recipients)
            except IntegrityError:
                continue  # another run sent it already
            sent.append(item)
    return sent
