"""What a person must do now, from their roles: the *Mijn taken* page.

One query per kind of task, whatever the number of cycles, targets or meetings.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from woonafspraken.accounts import access
from woonafspraken.accounts.models import Municipality, Organisation, Role
from woonafspraken.agreements.models import Agreement, Assessment, Cycle, Measurement, Target
from woonafspraken.governance.models import ActionItem, Bid, Meeting
from woonafspraken.process import reminders, workflow
from woonafspraken.process.models import Approval, DisputePoint, DisputePosition, Milestone

ENTER_ROLES = {Role.CONTRIBUTOR, Role.COORDINATOR}
BID_ROLES = set(reminders.BID_ROLES)
DECISION_BODIES = {
    Organisation.Kind.MUNICIPALITY: Approval.DecisionBody.COLLEGE_BW,
    Organisation.Kind.CORPORATION: Approval.DecisionBody.RAAD_VAN_BESTUUR,
    Organisation.Kind.TENANT_ORGANISATION: Approval.DecisionBody.BESTUUR_HUURDERSORGANISATIE,
}


@dataclass
class Task:
    group: str  # figures, approvals, bids, evaluations, meetings, actions, disputes
    title: str
    url: str
    cycle: str = ""
    deadline: datetime.date | None = None
    reminder: str = ""
    overdue: bool = False
    detail: str = ""


@dataclass
class Tasks:
    items: list[Task] = field(default_factory=list)

    def add(self, task: Task) -> None:
        self.items.append(task)

    def group(self, name: str) -> list[Task]:
        return [t for t in self.items if t.group == name]


def _deadline(cycle: Cycle, kinds: tuple[str, ...]) -> datetime.date | None:
    dates = [m.deadline for m in cycle.milestones.all() if m.kind in kinds]
    return min(dates) if dates else None


def _remind(task: Task, owed: str, organisation: str, today: datetime.date) -> Task:
    if task.deadline is not None:
        kind = reminders.reminder_kind(task.deadline, today)
        if kind is not None:
            task.reminder = reminders.reminder_sentence(owed, organisation, task.deadline, kind)
            task.overdue = kind == reminders.OVERDUE
    return task


def monitoring_year(cycle: Cycle, today: datetime.date) -> int:
    """The year whose figures are asked now: this year, or the period's last year."""
    return max(cycle.start_year, min(cycle.end_year, today.year))


def my_cycles(user: Any) -> list[Cycle]:
    """The cycles in which one of the user's organisations is a party."""
    organisation_ids = list(access.roles(user))
    if not organisation_ids:
        return []
    return list(
        Cycle.objects.filter(parties__in=organisation_ids)
        .distinct()
        .select_related("municipality")
        .prefetch_related(
            "parties", Prefetch("milestones", queryset=Milestone.objects.order_by("starts_on"))
        )
        .order_by("-start_year", "title")
    )


def tasks_for(user: Any, today: datetime.date) -> Tasks:
    tasks = Tasks()
    roles = access.roles(user)
    cycles = my_cycles(user)
    names = {p.pk: p.name for c in cycles for p in c.parties.all()}
    kinds = {p.pk: p.kind for c in cycles for p in c.parties.all()}
    _figures(tasks, user, roles, cycles, names, today)
    _approvals(tasks, roles, cycles, names, kinds, today)
    _bids(tasks, roles, cycles, names, today)
    _evaluations(tasks, user, cycles, today)
    _disputes(tasks, roles, cycles, names)
    _meetings(tasks, user, roles, today)
    _action_items(tasks, user, roles, today)
    return tasks


def _figures(
    tasks: Tasks,
    user: Any,
    roles: dict[int, set[str]],
    cycles: list[Cycle],
    names: dict[int, str],
    today: datetime.date,
) -> None:
    entering = {pid for pid, rs in roles.items() if rs & ENTER_ROLES}
    monitored = [c for c in cycles if c.phase in (workflow.MONITORING, workflow.EVALUATION)]
    if not entering or not monitored:
        return
    condition = Q()
    for cycle in monitored:
        year = monitoring_year(cycle, today)
        mine = Q(party_id__in=entering & access.party_ids(cycle))
        if access.is_coordinator(user, cycle):
            mine |= Q(party__isnull=True)
        condition |= Q(agreement__theme__cycle=cycle) & (Q(year=year) | Q(year__isnull=True)) & mine
    measured = Measurement.objects.filter(target=OuterRef("pk")).filter(
        _year_condition(monitored, today)
    )
    open_count: dict[tuple[int, int | None], int] = {}
    for key in (
        Target.objects.filter(condition)
        .annotate(done=Exists(measured))
        .filter(done=False)
        .values_list("agreement__theme__cycle_id", "party_id")
    ):
        open_count[key] = open_count.get(key, 0) + 1
    by_pk = {c.pk: c for c in monitored}
    for (cycle_id, party_id), n in sorted(open_count.items(), key=lambda kv: kv[0][0]):
        cycle = by_pk[cycle_id]
        year = monitoring_year(cycle, today)
        party = names.get(party_id, "") if party_id else _("alle partijen samen")
        task = Task(
            "figures",
            ngettext(
                "%(n)s realisatie van %(party)s over %(year)s invullen",
                "%(n)s realisaties van %(party)s over %(year)s invullen",
                n,
            )
            % {"n": n, "party": party, "year": year},
            reverse("my_input", args=[cycle.pk]) + f"?year={year}",
            cycle.title,
            _deadline(cycle, (Milestone.Kind.EVALUATION,)),
        )
        tasks.add(_remind(task, "measurements", party, today) if party_id else task)


def _year_condition(cycles: list[Cycle], today: datetime.date) -> Q:
    condition = Q()
    for cycle in cycles:
        condition |= Q(target__agreement__theme__cycle=cycle, year=monitoring_year(cycle, today))
    return condition


def _approvals(
    tasks: Tasks,
    roles: dict[int, set[str]],
    cycles: list[Cycle],
    names: dict[int, str],
    kinds: dict[int, str],
    today: datetime.date,
) -> None:
    signing = {pid for pid, rs in roles.items() if Role.SIGNATORY in rs}
    deciding = [c for c in cycles if c.phase == workflow.DECISION]
    if not signing or not deciding:
        return
    done = set(
        Approval.objects.filter(cycle__in=deciding, amendment__isnull=True).values_list(
            "cycle_id", "organisation_id"
        )
    )
    for cycle in deciding:
        for pid in sorted(signing & access.party_ids(cycle)):
            if (cycle.pk, pid) in done:
                continue
            task = Task(
                "approvals",
                _("Goedkeuring van %(org)s vastleggen") % {"org": names[pid]},
                reverse("cycle_process", args=[cycle.pk]) + "#goedkeuren",
                cycle.title,
                _deadline(cycle, (Milestone.Kind.DECISION, Milestone.Kind.SIGNING)),
                detail=_("Na het besluit van: %(body)s.")
                % {"body": DECISION_BODIES.get(kinds[pid], Approval.DecisionBody.OTHER).label},
            )
            tasks.add(_remind(task, "approval", names[pid], today))


def _bids(
    tasks: Tasks,
    roles: dict[int, set[str]],
    cycles: list[Cycle],
    names: dict[int, str],
    today: datetime.date,
) -> None:
    bidding = [c for c in cycles if c.phase in (workflow.PREPARATION, workflow.BIDS)]
    mine = {pid for pid, rs in roles.items() if rs & BID_ROLES}
    if not bidding or not mine:
        return
    corporations = {
        p.pk for c in bidding for p in c.parties.all() if p.kind == Organisation.Kind.CORPORATION
    }
    submitted = set(
        Bid.objects.filter(cycle__in=bidding, status=Bid.Status.SUBMITTED).values_list(
            "cycle_id", "corporation_id"
        )
    )
    for cycle in bidding:
        for pid in sorted(mine & corporations & access.party_ids(cycle)):
            if (cycle.pk, pid) in submitted:
                continue
            task = Task(
                "bids",
                _("Het bod van %(org)s indienen") % {"org": names[pid]},
                reverse("governance:bids", args=[cycle.pk]),
                cycle.title,
                _deadline(cycle, (Milestone.Kind.BIDS_DUE,)),
            )
            tasks.add(_remind(task, "bid", names[pid], today))


def _evaluations(tasks: Tasks, user: Any, cycles: list[Cycle], today: datetime.date) -> None:
    evaluating = [c for c in cycles if c.phase == workflow.EVALUATION]
    if not evaluating:
        return
    roles = access.roles(user)
    contributing = [pid for pid, rs in roles.items() if Role.CONTRIBUTOR in rs]
    coordinated = [c for c in evaluating if access.is_coordinator(user, c)]
    condition = Q(theme__cycle__in=coordinated) | Q(
        theme__cycle__in=evaluating, lead_party_id__in=contributing
    )
    assessed = Assessment.objects.filter(agreement=OuterRef("pk")).filter(
        _assessment_year(evaluating, today)
    )
    counts: dict[int, int] = {}
    for cycle_id in (
        Agreement.objects.filter(condition)
        .annotate(done=Exists(assessed))
        .filter(done=False)
        .values_list("theme__cycle_id", flat=True)
    ):
        counts[cycle_id] = counts.get(cycle_id, 0) + 1
    for cycle in evaluating:
        n = counts.get(cycle.pk)
        if not n:
            continue
        year = monitoring_year(cycle, today)
        tasks.add(
            Task(
                "evaluations",
                ngettext(
                    "%(n)s afspraak over %(year)s beoordelen",
                    "%(n)s afspraken over %(year)s beoordelen",
                    n,
                )
                % {"n": n, "year": year},
                reverse("cycle", args=[cycle.pk]) + f"?year={year}",
                cycle.title,
                _deadline(cycle, (Milestone.Kind.EVALUATION,)),
            )
        )


def _assessment_year(cycles: list[Cycle], today: datetime.date) -> Q:
    condition = Q()
    for cycle in cycles:
        condition |= Q(agreement__theme__cycle=cycle, year=monitoring_year(cycle, today))
    return condition


def _disputes(
    tasks: Tasks, roles: dict[int, set[str]], cycles: list[Cycle], names: dict[int, str]
) -> None:
    speaking = {pid for pid, rs in roles.items() if rs & {Role.COORDINATOR, Role.SIGNATORY}}
    if not speaking or not cycles:
        return
    answered = DisputePosition.objects.filter(point=OuterRef("pk"), organisation_id__in=speaking)
    points = (
        DisputePoint.objects.filter(cycle__in=cycles)
        .annotate(answered=Exists(answered))
        .filter(answered=False)
        .select_related("cycle")
        .order_by("cycle_id", "order", "id")
    )
    for point in points:
        tasks.add(
            Task(
                "disputes",
                _("Standpunt geven over: %(subject)s") % {"subject": point.subject},
                reverse("dispute_points", args=[point.cycle_id]) + f"#punt-{point.pk}",
                point.cycle.title,
            )
        )


def _meetings(tasks: Tasks, user: Any, roles: dict[int, set[str]], today: datetime.date) -> None:
    meetings = (
        Meeting.objects.filter(date__gte=today)
        .filter(Q(body__member_people=user) | Q(body__member_organisations__in=list(roles)))
        .distinct()
        .select_related("body")
        .order_by("date", "id")[:5]
    )
    for meeting in meetings:
        tasks.add(
            Task(
                "meetings",
                meeting.body.name,
                reverse("governance:meeting", args=[meeting.pk]),
                deadline=meeting.date,
            )
        )


def _action_items(
    tasks: Tasks, user: Any, roles: dict[int, set[str]], today: datetime.date
) -> None:
    items = (
        ActionItem.objects.filter(status=ActionItem.Status.OPEN)
        .filter(
            Q(owner_person=user) | Q(owner_person__isnull=True, owner_organisation__in=list(roles))
        )
        .select_related("meeting__body")
        .order_by("due_date", "id")[:20]
    )
    for item in items:
        tasks.add(
            Task(
                "actions",
                str(item),
                reverse("governance:meeting", args=[item.meeting_id]) + f"#action-item-{item.pk}",
                item.meeting.body.name,
                item.due_date,
                overdue=item.is_overdue(today),
            )
        )


def public_start(name: str = "") -> QuerySet[Municipality]:
    """Municipalities with their published cycles, for visitors without an account; with
    ``name``, only those whose name contains it."""
    qs = Municipality.objects.filter(cycles__published=True)
    if name:
        qs = qs.filter(name__icontains=name)
    return (
        qs.distinct()
        .prefetch_related(
            Prefetch(
                "cycles",
                queryset=Cycle.objects.filter(published=True).order_by("-start_year", "title"),
                to_attr="published_cycles",
            )
        )
        .order_by("name")
    )
