"""Write use cases of the process: phase changes, approvals, amendments, milestones, disputes.

Each checks permission, runs in one transaction, locks the cycle and writes one audit entry.
"""

import copy
import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken import versions
from woonafspraken.accounts import access
from woonafspraken.accounts.models import Organisation, Role
from woonafspraken.agreements import services as agreement_services
from woonafspraken.agreements.evaluation import norm_of
from woonafspraken.agreements.models import Agreement, Cycle, Target
from woonafspraken.agreements.services import Conflict
from woonafspraken.audit.services import log_action

from . import locks, rules, workflow
from .models import (
    Amendment,
    Approval,
    DisputePoint,
    DisputePosition,
    Milestone,
    PhaseChange,
    SignedVersion,
    legal_title,
)


class ProcessConflict(Exception):
    """The cycle is not in a state that allows this (HTTP 409)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def phase_label(phase: str) -> str:
    return str(dict(Cycle.Phase.choices).get(phase, phase))


def _locked(cycle: Cycle) -> Cycle:
    return Cycle.objects.select_for_update().get(pk=cycle.pk)


def _record_phase(
    actor: Any,
    cycle: Cycle,
    to: str,
    note: str,
    *,
    automatic: bool = False,
    at: datetime.datetime | None = None,
) -> PhaseChange:
    old = cycle.phase
    change = PhaseChange.objects.create(
        cycle=cycle,
        from_phase=old,
        to_phase=to,
        changed_by=actor if getattr(actor, "pk", None) else None,
        changed_at=at or timezone.now(),
        note=note,
        automatic=automatic,
    )
    cycle.phase = to
    cycle.save(update_fields=["phase"])
    log_action(
        "process.cycle.phase_changed",
        actor=actor,
        obj=cycle,
        old={"phase": old},
        new={"phase": to, "note": note, "automatic": automatic},
        cycle_id=cycle.pk,
    )
    if to == workflow.NEGOTIATION and cycle.milestones.filter(legal=True).exists():
        _six_months_milestone(cycle, timezone.localdate(change.changed_at))
    return change


@transaction.atomic
def change_phase(
    actor: Any, cycle: Cycle, to: str, note: str = "", *, at: datetime.datetime | None = None
) -> PhaseChange:
    """Move ``cycle`` to phase ``to`` as :data:`workflow.TRANSITIONS` allows for ``actor``.

    ``at`` records a change made earlier (the demo, an import); it may not lie in the future.
    """
    cycle = _locked(cycle)
    if to not in workflow.PHASES:
        raise ValidationError(_("Onbekende fase: %(p)s.") % {"p": to})
    role = workflow.required_role(cycle.phase, to)
    if role is None:
        raise ProcessConflict(
            _("Van de fase ‘%(a)s’ kan de cyclus niet naar ‘%(b)s’.")
            % {"a": phase_label(cycle.phase), "b": phase_label(to)}
        )
    if role == workflow.AUTOMATIC:
        raise ProcessConflict(
            _("De fase ‘%(b)s’ volgt vanzelf zodra alle partijen hebben goedgekeurd.")
            % {"b": phase_label(to)}
        )
    if role == workflow.MUNICIPAL_ADMIN:
        access.require(
            workflow.may_change(actor, cycle, to),
            _("Alleen een beheerder van de gemeente mag een afgesloten cyclus heropenen."),
        )
    access.require(
        workflow.may_change(actor, cycle, to),
        _("Alleen een coördinator van de gemeente mag de fase van deze cyclus wijzigen."),
    )
    note = (note or "").strip()
    if workflow.needs_reason(cycle.phase, to) and not note:
        raise ValidationError(
            {"note": _("Geef de reden op; die blijft in de geschiedenis van de cyclus staan.")},
            code="reason_required",
        )
    if at is not None and at > timezone.now():
        raise ValidationError(_("Een faseovergang kan niet in de toekomst liggen."))
    return _record_phase(actor, cycle, to, note[:2000], at=at)


# --- Signing -------------------------------------------------------------------------------


def is_signatory(user: Any, organisation: Organisation) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return access.has_role(user, organisation.pk, Role.SIGNATORY)


def _check_approval_input(
    actor: Any, cycle: Cycle, organisation: Organisation, decision_body: str, decided_on: Any
) -> None:
    if organisation.pk not in access.party_ids(cycle):
        raise ValidationError(_("Deze organisatie is geen partij in deze cyclus."))
    access.require(
        is_signatory(actor, organisation),
        _("Alleen een ondertekenaar van %(org)s mag voor deze organisatie goedkeuren.")
        % {"org": organisation.name},
    )
    if decision_body not in Approval.DecisionBody.values:
        raise ValidationError(_("Kies een geldig besluitorgaan."))
    if not isinstance(decided_on, datetime.date):
        raise ValidationError(_("Vul de besluitdatum in (jjjj-mm-dd)."))
    if decided_on > timezone.localdate():
        raise ValidationError(_("De besluitdatum ligt in de toekomst."))


def _new_approval(
    actor: Any,
    cycle: Cycle,
    organisation: Organisation,
    decision_body: str,
    decided_on: datetime.date,
    document: Any,
    note: str,
    amendment: Amendment | None,
) -> Approval:
    approval = Approval(
        cycle=cycle,
        organisation=organisation,
        decision_body=decision_body,
        signatory=actor,
        decided_on=decided_on,
        amendment=amendment,
        note=(note or "")[:300],
    )
    if document:
        approval.document = document
    approval.full_clean(exclude=["cycle", "organisation", "signatory", "amendment"])
    approval.save()
    log_action(
        "process.amendment.approved" if amendment else "process.cycle.approved",
        actor=actor,
        obj=approval,
        new={
            "organisation": organisation.name,
            "decision_body": decision_body,
            "decided_on": decided_on.isoformat(),
            "amendment": amendment.pk if amendment else None,
        },
        cycle_id=cycle.pk,
    )
    return approval


@transaction.atomic
def approve_cycle(
    actor: Any,
    cycle: Cycle,
    organisation: Organisation,
    decision_body: str,
    decided_on: datetime.date,
    *,
    document: Any = None,
    note: str = "",
) -> Approval:
    """Record ``organisation``'s approval; the last one signs the cycle."""
    cycle = _locked(cycle)
    _check_approval_input(actor, cycle, organisation, decision_body, decided_on)
    if cycle.phase != workflow.DECISION:
        raise ProcessConflict(
            _("Goedkeuren kan alleen in de fase besluitvorming; deze cyclus is in de fase ‘%(p)s’.")
            % {"p": phase_label(cycle.phase)}
        )
    blockers = signing_blockers(cycle)
    if blockers:
        raise ProcessConflict(" ".join(blockers))
    if cycle.approvals.filter(amendment__isnull=True, organisation=organisation).exists():
        raise ProcessConflict(
            _("%(org)s heeft deze prestatieafspraken al goedgekeurd.") % {"org": organisation.name}
        )
    approval = _new_approval(
        actor, cycle, organisation, decision_body, decided_on, document, note, None
    )
    approved = set(
        cycle.approvals.filter(amendment__isnull=True).values_list("organisation_id", flat=True)
    )
    if approved >= access.party_ids(cycle):
        _record_phase(
            actor,
            cycle,
            workflow.SIGNED,
            _("Alle partijen hebben goedgekeurd."),
            automatic=True,
        )
        SignedVersion.objects.create(
            cycle=cycle, snapshot=snapshot(cycle), created_at=timezone.now()
        )
    return approval


def signing_blockers(cycle: Cycle) -> list[str]:
    """Why ``cycle`` cannot be signed yet, in the words the page shows; empty when it can."""
    blockers = []
    if not Agreement.objects.filter(theme__cycle=cycle, archived=False).exists():
        blockers.append(
            _("Er zijn nog geen afspraken: wat niet is afgesproken, kan niet worden ondertekend.")
        )
    open_points = [p.subject for p in cycle.dispute_points.all() if p.is_open]
    if open_points:
        blockers.append(
            _("Er staan nog geschilpunten open: %(points)s. Los ze eerst op.")
            % {"points": "; ".join(open_points)}
        )
    return blockers


def missing_approvals(cycle: Cycle, amendment: Amendment | None = None) -> list[Organisation]:
    done = set(
        Approval.objects.filter(cycle=cycle, amendment=amendment).values_list(
            "organisation_id", flat=True
        )
    )
    return [p for p in cycle.parties.order_by("name") if p.pk not in done]


def norm_text(t: Target) -> str:
    def n(v: Any) -> str:
        return "" if v is None else f"{v.normalize():f}".replace(".", ",")

    kind = t.kind
    if kind == "range":
        return f"{n(t.low)}–{n(t.high)}"
    if kind == "label_at_least":
        return _("label %(l)s of beter") % {"l": t.label}
    if kind == "min":
        return _("minimaal %(v)s") % {"v": n(t.value)}
    if kind == "max":
        return _("maximaal %(v)s") % {"v": n(t.value)}
    return _("%(v)s (marge %(m)s)") % {"v": n(t.value), "m": n(t.tolerance)}


def snapshot(cycle: Cycle) -> dict[str, Any]:
    """The agreements with their targets as plain data, as they stand now."""
    agreements = (
        Agreement.objects.filter(theme__cycle=cycle)
        .select_related("theme")
        .prefetch_related("targets__indicator", "targets__party")
        .order_by("theme__order", "order", "id")
    )
    themes: list[dict[str, Any]] = []
    for a in agreements:
        if not themes or themes[-1]["name"] != a.theme.name:
            themes.append({"name": a.theme.name, "agreements": []})
        themes[-1]["agreements"].append(
            {
                "id": a.pk,
                "number": a.number,
                "title": a.title,
                "text": a.text,
                "version": a.version,
                "targets": [
                    {
                        "id": t.pk,
                        "indicator": t.indicator.name,
                        "party": t.party.name if t.party else _("gezamenlijk"),
                        "year": t.year,
                        "norm": norm_text(t),
                    }
                    for t in a.targets.all()
                ],
            }
        )
    return {
        "cycle": cycle.title,
        "period": cycle.period_label,
        "parties": [p.name for p in cycle.parties.order_by("name")],
        "themes": themes,
    }


# --- Amendments ----------------------------------------------------------------------------

AMENDABLE = {"agreement": ("title", "text"), "target": ("value", "low", "high", "label")}


def _current(obj_type: str, obj: Any, field: str) -> str:
    value = getattr(obj, field)
    if value is None:
        return ""
    if obj_type == "target" and field in ("value", "low", "high"):
        return f"{value.normalize():f}"
    return str(value)


def _clean_new(obj_type: str, field: str, raw: Any) -> str:
    """The proposed value as it will be stored: numbers in one notation, text stripped.
    A page passes a number it read the reader's way as a Decimal."""
    if obj_type == "target" and field in ("value", "low", "high") and isinstance(raw, Decimal):
        return f"{agreement_services.parse_value(raw).normalize():f}"
    new = str(raw if raw is not None else "").strip()
    if obj_type == "target" and field in ("value", "low", "high") and new:
        return f"{agreement_services.parse_value(new).normalize():f}"
    if obj_type == "target" and field == "label":
        return new.upper()
    if obj_type == "agreement" and field == "title" and not new:
        raise ValidationError(_("Een afspraak heeft een titel nodig."))
    return new


def _amended_norm(target: Target, fields: dict[str, str]) -> str:
    """The norm of ``target`` once ``fields`` are applied, checked as the norm editor checks it."""
    amended = copy.copy(target)
    for field, new in fields.items():
        if field == "label":
            amended.label = new
        else:
            setattr(amended, field, agreement_services.parse_value(new) if new else None)
    try:
        norm_of(amended)
    except ValueError as exc:
        raise ValidationError(
            _("De nieuwe norm voor %(t)s klopt niet: %(e)s") % {"t": target, "e": exc}
        ) from None
    return norm_text(amended)


@transaction.atomic
def propose_amendment(
    actor: Any, cycle: Cycle, description: str, changes: list[dict[str, Any]]
) -> Amendment:
    """A coordinator proposes changes to a signed cycle's agreements and target norms.

    Each change is ``{object, id, field, new}``; it is checked now (a number, a valid norm) so
    that the last approval cannot fail. Changes that keep the current value are left out.
    """
    cycle = _locked(cycle)
    access.require(
        access.can_edit_agreements(actor, cycle),
        _("Alleen een coördinator mag een wijzigingsvoorstel indienen."),
    )
    if not rules.is_frozen(cycle):
        raise ValidationError(
            _("Deze prestatieafspraken zijn nog niet ondertekend; wijzig de afspraak zelf.")
        )
    description = (description or "").strip()
    if not description:
        raise ValidationError(_("Beschrijf het wijzigingsvoorstel."))
    clean: list[dict[str, Any]] = []
    targets: dict[int, tuple[Target, dict[str, str]]] = {}
    for change in changes or []:
        obj_type, field = change.get("object"), change.get("field")
        if obj_type not in AMENDABLE or field not in AMENDABLE[obj_type]:
            raise ValidationError(_("Dit onderdeel kan een amendement niet wijzigen."))
        if obj_type == "agreement":
            obj: Any = Agreement.objects.filter(pk=change.get("id"), theme__cycle=cycle).first()
        else:
            obj = (
                Target.objects.filter(pk=change.get("id"), agreement__theme__cycle=cycle)
                .select_related("indicator", "party")
                .first()
            )
        if obj is None:
            raise ValidationError(_("Dit onderdeel hoort niet bij deze prestatieafspraken."))
        new = _clean_new(obj_type, field, change.get("new"))
        old = _current(obj_type, obj, field)
        if new == old:
            continue
        if obj_type == "target":
            targets.setdefault(obj.pk, (obj, {}))[1][field] = new
        clean.append(
            {
                "object": obj_type,
                "id": obj.pk,
                "label": str(obj),
                "field": field,
                "old": old,
                "new": new,
            }
        )
    if not clean:
        raise ValidationError(_("Het wijzigingsvoorstel bevat geen wijziging."))
    for target, fields in targets.values():
        old_norm, new_norm = norm_text(target), _amended_norm(target, fields)
        for c in clean:
            if c["object"] == "target" and c["id"] == target.pk:
                c["old_norm"], c["new_norm"] = old_norm, new_norm
    amendment = Amendment.objects.create(
        cycle=cycle,
        description=description,
        changes=clean,
        proposed_by=actor,
        proposed_at=timezone.now(),
    )
    log_action(
        "process.amendment.proposed",
        actor=actor,
        obj=amendment,
        new={"description": description, "changes": clean},
        cycle_id=cycle.pk,
    )
    return amendment


@transaction.atomic
def approve_amendment(
    actor: Any,
    amendment: Amendment,
    organisation: Organisation,
    decision_body: str,
    decided_on: datetime.date,
    *,
    document: Any = None,
    note: str = "",
) -> Approval:
    amendment = Amendment.objects.select_for_update().select_related("cycle").get(pk=amendment.pk)
    cycle = _locked(amendment.cycle)
    _check_approval_input(actor, cycle, organisation, decision_body, decided_on)
    if amendment.status != Amendment.Status.PROPOSED:
        raise ProcessConflict(_("Dit amendement is al vastgesteld."))
    if amendment.approvals.filter(organisation=organisation).exists():
        raise ProcessConflict(
            _("%(org)s heeft dit amendement al goedgekeurd.") % {"org": organisation.name}
        )
    approval = _new_approval(
        actor, cycle, organisation, decision_body, decided_on, document, note, amendment
    )
    if not missing_approvals(cycle, amendment):
        _apply(amendment, cycle)
    return approval


def _apply(amendment: Amendment, cycle: Cycle) -> None:
    """Every party approved: make the changes through the normal services."""
    editor = amendment.proposed_by
    grouped: dict[tuple[str, int], dict[str, str]] = {}
    for change in amendment.changes:
        grouped.setdefault((change["object"], change["id"]), {})[change["field"]] = change["new"]
    with rules.applying_amendment(cycle):
        for (obj_type, pk), fields in grouped.items():
            # one update per object, so that a range moves low and high at once
            if obj_type == "agreement":
                agreement = Agreement.objects.get(pk=pk)
                agreement_services.update_agreement(
                    editor,
                    agreement,
                    changes=fields,
                    expected_version=agreement.version,
                    channel=f"amendement {amendment.pk}",
                )
            else:
                target = Target.objects.get(pk=pk)
                agreement_services.update_target(
                    editor,
                    target,
                    changes=fields,
                    expected_version=target.version,
                    channel=f"amendement {amendment.pk}",
                )
    amendment.status = Amendment.Status.ADOPTED
    amendment.adopted_at = timezone.now()
    amendment.save(update_fields=["status", "adopted_at"])
    SignedVersion.objects.create(
        cycle=cycle, amendment=amendment, snapshot=snapshot(cycle), created_at=timezone.now()
    )
    log_action(
        "process.amendment.adopted",
        actor=editor,
        obj=amendment,
        new={"changes": amendment.changes},
        cycle_id=cycle.pk,
    )


# --- Calendar ------------------------------------------------------------------------------


def negotiation_started(cycle: Cycle) -> datetime.date | None:
    change = (
        PhaseChange.objects.filter(cycle=cycle, to_phase=workflow.NEGOTIATION)
        .order_by("changed_at", "id")
        .first()
    )
    return timezone.localdate(change.changed_at) if change else None


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _six_months_milestone(cycle: Cycle, started: datetime.date | None = None) -> None:
    started = started or negotiation_started(cycle)
    if started is None:
        return
    if Milestone.objects.filter(cycle=cycle, kind=Milestone.Kind.DISPUTE_POSSIBLE).exists():
        return
    Milestone.objects.create(
        cycle=cycle,
        kind=Milestone.Kind.DISPUTE_POSSIBLE,
        title=legal_title(Milestone.Kind.DISPUTE_POSSIBLE, started.year) or "",
        starts_on=add_months(started, 6),
        legal=True,
        editable=False,
        basis="Woningwet art. 44 lid 4",
    )


@transaction.atomic
def fill_legal_milestones(cycle: Cycle, year: int) -> list[Milestone]:
    """The dates the law fixes for the agreements made in ``year`` (idempotent)."""
    legal = [
        (
            Milestone.Kind.BIDS_DUE,
            legal_title(Milestone.Kind.BIDS_DUE, year),
            datetime.date(year, 7, 1),
            None,
            "Woningwet art. 43; Btiv 2015 art. 39",
        ),
        (
            Milestone.Kind.DISPUTE_WINDOW,
            legal_title(Milestone.Kind.DISPUTE_WINDOW, year),
            datetime.date(year, 7, 1),
            datetime.date(year + 1, 1, 29),
            "Rtiv 2015 art. 19a–19d",
        ),
    ]
    made = []
    for kind, title, starts_on, ends_on, basis in legal:
        milestone, _created = Milestone.objects.update_or_create(
            cycle=cycle,
            kind=kind,
            legal=True,
            defaults={
                "title": title,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "editable": False,
                "basis": basis,
            },
        )
        made.append(milestone)
    _six_months_milestone(cycle)
    return made


def _require_planner(actor: Any, cycle: Cycle) -> None:
    access.require(
        workflow.is_municipal_coordinator(actor, cycle),
        _("Alleen een coördinator van de gemeente mag de planning wijzigen."),
    )


@transaction.atomic
def plan_legal_milestones(actor: Any, cycle: Cycle, year: int) -> list[Milestone]:
    """A coordinator puts the dates the law fixes for agreements made in ``year`` in the
    cycle's planning (again: the same dates, nothing doubled)."""
    _require_planner(actor, cycle)
    if not isinstance(year, int) or not cycle.start_year - 5 <= year <= cycle.end_year:
        raise ValidationError(
            {
                "year": _("Kies een jaar van %(a)s tot en met %(b)s.")
                % {"a": cycle.start_year - 5, "b": cycle.end_year}
            }
        )
    before = set(Milestone.objects.filter(cycle=cycle).values_list("pk", flat=True))
    made = fill_legal_milestones(cycle, year)
    for milestone in made:
        if milestone.pk not in before:
            log_action(
                "process.milestone.created",
                actor=actor,
                obj=milestone,
                new={
                    "kind": milestone.kind,
                    "title": milestone.title,
                    "starts_on": str(milestone.starts_on),
                    "ends_on": str(milestone.ends_on),
                },
                cycle_id=cycle.pk,
            )
    return made


PRACTICE_KINDS = (
    Milestone.Kind.NEGOTIATION,
    Milestone.Kind.DECISION,
    Milestone.Kind.SIGNING,
    Milestone.Kind.COUNCIL_LETTER,
    Milestone.Kind.EVALUATION,
)


#: The code of the refusal to move or remove a date the law fixes (the API answers 409).
FIXED_BY_LAW = "fixed_by_law"


def _check_dates(starts_on: Any, ends_on: Any) -> None:
    if not isinstance(starts_on, datetime.date):
        raise ValidationError({"starts_on": _("Vul een datum in (jjjj-mm-dd).")})
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("De einddatum ligt vóór de begindatum.")})


@transaction.atomic
def add_milestone(
    actor: Any,
    cycle: Cycle,
    *,
    kind: str,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
) -> Milestone:
    _require_planner(actor, cycle)
    if kind not in PRACTICE_KINDS:
        raise ValidationError(_("Wettelijke data vult Woonafspraken zelf in."))
    _check_dates(starts_on, ends_on)
    title = (title or "").strip()[:200] or str(Milestone.Kind(kind).label)
    milestone = Milestone.objects.create(
        cycle=cycle, kind=kind, title=title, starts_on=starts_on, ends_on=ends_on
    )
    log_action(
        "process.milestone.created",
        actor=actor,
        obj=milestone,
        new={"kind": kind, "title": title, "starts_on": str(starts_on), "ends_on": str(ends_on)},
        cycle_id=cycle.pk,
    )
    return milestone


@transaction.atomic
def update_milestone(
    actor: Any,
    milestone: Milestone,
    *,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    title: str | None = None,
) -> Milestone:
    milestone = Milestone.objects.select_for_update().select_related("cycle").get(pk=milestone.pk)
    _require_planner(actor, milestone.cycle)
    if milestone.legal or not milestone.editable:
        raise ValidationError(
            _("Een wettelijke datum kan niet worden verschoven."), code=FIXED_BY_LAW
        )
    _check_dates(starts_on, ends_on)
    old = {
        "title": milestone.title,
        "starts_on": str(milestone.starts_on),
        "ends_on": str(milestone.ends_on),
    }
    milestone.starts_on, milestone.ends_on = starts_on, ends_on
    if title:
        milestone.title = title.strip()[:200]
    milestone.save()
    log_action(
        "process.milestone.changed",
        actor=actor,
        obj=milestone,
        old=old,
        new={"title": milestone.title, "starts_on": str(starts_on), "ends_on": str(ends_on)},
        cycle_id=milestone.cycle_id,
    )
    return milestone


@transaction.atomic
def remove_milestone(actor: Any, milestone: Milestone) -> None:
    """A coordinator takes a practice milestone out of the planning; the law's dates stay."""
    milestone = Milestone.objects.select_for_update().select_related("cycle").get(pk=milestone.pk)
    _require_planner(actor, milestone.cycle)
    if milestone.legal or not milestone.editable:
        raise ValidationError(
            _("Een wettelijke datum blijft in de planning staan."), code=FIXED_BY_LAW
        )
    log_action(
        "process.milestone.removed",
        actor=actor,
        obj=milestone,
        old={
            "title": milestone.title,
            "starts_on": str(milestone.starts_on),
            "ends_on": str(milestone.ends_on),
        },
        cycle_id=milestone.cycle_id,
    )
    milestone.delete()


# --- Disputes ------------------------------------------------------------------------------


def may_state_position(user: Any, cycle: Cycle, organisation: Organisation) -> bool:
    """A member of a party who may write for it (not a read-only viewer) writes that party's
    position; an administrator may for any party.

    Coordinators write only for their own organisation, as with measurements and approvals:
    in a dispute the parties stand against each other.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if organisation.pk not in access.party_ids(cycle):
        return False
    if access.is_admin(user):
        return True
    return access.has_role(
        user, organisation.pk, Role.CONTRIBUTOR, Role.COORDINATOR, Role.SIGNATORY
    )


def positions_writable_by(user: Any, cycle: Cycle) -> list[Organisation]:
    """The parties whose position ``user`` may write, in the order the dossier names them."""
    return [p for p in cycle.parties.order_by("kind", "name") if may_state_position(user, cycle, p)]


def _check_position(actor: Any, cycle: Cycle, organisation: Organisation, text: str) -> str:
    if organisation.pk not in access.party_ids(cycle):
        raise ValidationError(
            _("%(org)s is geen partij in deze cyclus.") % {"org": organisation.name}
        )
    access.require(
        may_state_position(actor, cycle, organisation),
        _("Alleen %(org)s zelf mag het standpunt van %(org)s vastleggen.")
        % {"org": organisation.name},
    )
    text = agreement_services.plain_text(text)
    if not text:
        raise ValidationError(_("Vul het standpunt van %(org)s in.") % {"org": organisation.name})
    return text


@transaction.atomic
def add_dispute_point(
    actor: Any,
    cycle: Cycle,
    *,
    subject: str,
    description: str = "",
    positions: dict[Organisation, str] | None = None,
) -> DisputePoint:
    """A party records a point of dispute, with the positions it may write (see above)."""
    cycle = _locked(cycle)
    require_party(actor, cycle)
    rules.ensure_editable(cycle, locks.DOCUMENTS)
    access.require(
        bool(positions_writable_by(actor, cycle)),
        _("Alleen wie voor een partij mag schrijven, legt een geschilpunt vast."),
    )
    subject = agreement_services.plain_text(subject)
    description = agreement_services.plain_text(description)
    if not subject:
        raise ValidationError(_("Geef het geschilpunt een onderwerp."))
    if len(subject) > 300:
        raise ValidationError(_("Het onderwerp is te lang (hoogstens 300 tekens)."))
    clean = {
        organisation: _check_position(actor, cycle, organisation, text)
        for organisation, text in (positions or {}).items()
    }
    point = DisputePoint.objects.create(
        cycle=cycle,
        subject=subject,
        description=(description or "").strip(),
        order=cycle.dispute_points.count() + 1,
    )
    for organisation, text in clean.items():
        DisputePosition.objects.create(point=point, organisation=organisation, position=text)
    log_action(
        "process.dispute_point.created",
        actor=actor,
        obj=point,
        new={
            "subject": point.subject,
            "description": point.description,
            "positions": {o.name: t for o, t in clean.items()},
        },
        cycle_id=cycle.pk,
    )
    return point


@transaction.atomic
def set_dispute_position(
    actor: Any,
    point: DisputePoint,
    organisation: Organisation,
    position: str,
    *,
    expected_version: str | None = None,
) -> DisputePosition:
    """Add or change ``organisation``'s position on ``point``; one audit entry, old → new.

    With ``expected_version`` (:func:`woonafspraken.versions.text_version` of the position the
    form showed) a position someone else changed meanwhile is not overwritten.
    """
    point = DisputePoint.objects.select_for_update().select_related("cycle").get(pk=point.pk)
    cycle = point.cycle
    require_party(actor, cycle)
    rules.ensure_editable(cycle, locks.DOCUMENTS)
    text = _check_position(actor, cycle, organisation, position)
    current = DisputePosition.objects.filter(point=point, organisation=organisation).first()
    old = current.position if current else None
    if (
        expected_version is not None
        and text != (old or "")
        and expected_version != versions.text_version(old)
    ):
        raise Conflict(
            _(
                "Iemand anders heeft het standpunt van %(org)s intussen gewijzigd. Uw tekst is "
                "niet opgeslagen en staat hieronder nog; vergelijk hem met het huidige standpunt."
            )
            % {"org": organisation.name},
            current={"position": old or ""},
        )
    if current is None:
        current = DisputePosition.objects.create(
            point=point, organisation=organisation, position=text
        )
    elif old == text:
        return current
    else:
        current.position = text
        current.save(update_fields=["position"])
    log_action(
        "process.dispute_position.created" if old is None else "process.dispute_position.changed",
        actor=actor,
        obj=current,
        old={"point": point.subject, "organisation": organisation.name, "position": old},
        new={"point": point.subject, "organisation": organisation.name, "position": text},
        cycle_id=cycle.pk,
    )
    return current


@transaction.atomic
def resolve_dispute_point(
    actor: Any, point: DisputePoint, *, resolution: str, channel: str = "web"
) -> DisputePoint:
    """The parties agreed on ``point``: a coordinator of the municipality records how."""
    point = DisputePoint.objects.select_for_update().select_related("cycle").get(pk=point.pk)
    cycle = point.cycle
    access.require(
        workflow.is_municipal_coordinator(actor, cycle),
        _("Alleen een coördinator van de gemeente legt vast dat een geschilpunt is opgelost."),
    )
    rules.ensure_editable(cycle, locks.DOCUMENTS)
    if not point.is_open:
        raise ProcessConflict(_("Dit geschilpunt is al opgelost."))
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": _("Beschrijf hoe de partijen het punt oplosten.")})
    point.resolution = resolution[:10000]
    point.resolved_at = timezone.now()
    point.save(update_fields=["resolution", "resolved_at"])
    log_action(
        "process.dispute_point.resolved",
        actor=actor,
        obj=point,
        new={"subject": point.subject, "resolution": point.resolution},
        source=channel,
        cycle_id=cycle.pk,
    )
    return point


def require_party(actor: Any, cycle: Cycle) -> None:
    if not (access.is_party_member(actor, cycle) or access.is_admin(actor)):
        raise PermissionDenied(_("Alleen partijen van deze cyclus hebben toegang."))
