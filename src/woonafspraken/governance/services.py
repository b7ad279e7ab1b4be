"""Write use cases for governance, policy and bids: the only code that changes these models.

Every function checks access through :mod:`.access`, runs in one transaction and writes one
audit entry through :func:`woonafspraken.audit.services.log_action`.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken import versions
from woonafspraken.accounts import access as accounts_access
from woonafspraken.accounts.access import require
from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.agreements import services as agreement_services
from woonafspraken.agreements.models import Agreement, Cycle, Indicator, Target, Theme
from woonafspraken.agreements.services import Conflict
from woonafspraken.audit.services import log_action
from woonafspraken.process import locks
from woonafspraken.process.rules import ensure_editable

from . import access
from .models import (
    BID_YEARS,
    ActionItem,
    Bid,
    BidItem,
    BidSection,
    Body,
    Decision,
    GoalLink,
    Meeting,
    PolicyDocument,
    PolicyGoal,
    Section,
)

# --- Governance --------------------------------------------------------------------------------


def _body_state(body: Body) -> dict[str, Any]:
    return {
        "kind": body.kind,
        "name": body.name,
        "theme": body.theme_name,
        "lead": body.lead_organisation.name if body.lead_organisation else None,
    }


@transaction.atomic
def create_body(
    actor: Any,
    municipality: Municipality,
    *,
    kind: str,
    name: str,
    theme_name: str = "",
    theme: Theme | None = None,
    lead_organisation: Organisation | None = None,
    member_organisations: list[Organisation] | None = None,
    member_people: list[Any] | None = None,
    order: int | None = None,
) -> Body:
    """Set up a body; without ``order`` it comes after the municipality's other bodies."""
    require(
        access.can_manage_governance(actor, municipality.pk),
        _("Alleen een coördinator van de gemeente of een beheerder mag een overleg instellen."),
    )
    if kind not in Body.Kind.values:
        raise ValidationError(_("Kies een geldige soort overleg."))
    name = _clean_text(name, _("de naam"), required=True, limit=200)
    # One body set-up per municipality at a time, so two people choosing the same name at
    # once get the message below rather than a database error.
    Municipality.objects.select_for_update().get(pk=municipality.pk)
    if Body.objects.filter(municipality=municipality, name=name).exists():
        raise ValidationError(
            _("Er is in deze gemeente al een overleg met de naam ‘%(name)s’.") % {"name": name}
        )
    theme_name = _clean_text(theme_name or (theme.name if theme else ""), _("het thema"), limit=120)
    if theme is not None and theme.cycle.municipality_id != municipality.pk:
        raise ValidationError(_("Kies een thema uit een cyclus van deze gemeente."))
    if lead_organisation is not None:
        _check_organisations(municipality.pk, [lead_organisation], _("De trekker"))
    _check_organisations(municipality.pk, member_organisations or [], _("Een lid"))
    if order is None:
        last = Body.objects.filter(municipality=municipality).aggregate(last=Max("order"))["last"]
        order = (last or 0) + 1
    body = Body(
        municipality=municipality,
        kind=kind,
        name=name,
        theme_name=theme_name,
        theme=theme,
        lead_organisation=lead_organisation,
        order=order,
    )
    body.full_clean(exclude=["municipality", "theme", "lead_organisation"])
    body.save()
    body.member_organisations.set(member_organisations or [])
    body.member_people.set(member_people or [])
    log_action("governance.body.created", actor=actor, obj=body, new=_body_state(body))
    return body


def _check_organisations(
    municipality_id: int, organisations: list[Organisation], label: str
) -> None:
    for organisation in organisations:
        if organisation.municipality_id != municipality_id:
            raise ValidationError(
                _("%(label)s moet een organisatie uit deze gemeente zijn (niet %(org)s).")
                % {"label": label, "org": organisation.name}
            )


def body_members_version(body: Body) -> str:
    """The version of a body's member list, sent back by the members form."""
    return versions.fingerprint(_members_state(body))


def _members_state(body: Body) -> dict[str, Any]:
    return {
        "organisations": sorted(o.name for o in body.member_organisations.all()),
        "people": sorted(p.pk for p in body.member_people.all()),
    }


@transaction.atomic
def update_body_members(
    actor: Any,
    body: Body,
    *,
    member_organisations: list[Organisation],
    member_people: list[Any] | None = None,
    expected_version: str | None = None,
) -> Body:
    """Replace the members. With ``expected_version`` (:func:`body_members_version` when the
    form was shown) a list someone else changed meanwhile is not overwritten."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    require(access.can_manage_body(actor, body), _("U mag dit overleg niet wijzigen."))
    _check_organisations(body.municipality_id, member_organisations, _("Een lid"))
    if expected_version is not None and expected_version != body_members_version(body):
        raise Conflict(
            _(
                "Iemand anders heeft de leden van dit overleg intussen gewijzigd. Er is niets "
                "opgeslagen; bekijk de huidige leden en kies opnieuw."
            ),
            current=_members_state(body),
        )
    old = sorted(o.name for o in body.member_organisations.all())
    body.member_organisations.set(member_organisations)
    if member_people is not None:
        body.member_people.set(member_people)
    log_action(
        "governance.body.members_changed",
        actor=actor,
        obj=body,
        old={"organisations": old},
        new={"organisations": sorted(o.name for o in member_organisations)},
    )
    return body


def _clean_text(value: Any, label: str, *, required: bool = False, limit: int = 20000) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError(_("Vul %(label)s in.") % {"label": label})
    if len(text) > limit:
        raise ValidationError(
            _("%(label)s is te lang (hoogstens %(limit)s tekens).")
            % {"label": label, "limit": limit}
        )
    return text


def _meeting_state(m: Meeting) -> dict[str, Any]:
    return {"date": m.date.isoformat(), "agenda": m.agenda, "minutes": m.minutes}


def meeting_version(meeting: Meeting) -> str:
    """A fingerprint of what a meeting says now. A form sends back the version it showed, so an
    edit made on a stale page is refused instead of silently overwriting someone else's."""
    state = json.dumps(_meeting_state(meeting), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(state.encode()).hexdigest()[:16]


@transaction.atomic
def add_meeting(
    actor: Any, body: Body, *, date: datetime.date, agenda: str = "", minutes: str = ""
) -> Meeting:
    require(access.can_manage_body(actor, body), _("U mag voor dit overleg niets vastleggen."))
    if not isinstance(date, datetime.date):
        raise ValidationError(_("Vul een geldige datum in."))
    meeting = Meeting.objects.create(
        body=body,
        date=date,
        agenda=_clean_text(agenda, _("de agenda")),
        minutes=_clean_text(minutes, _("het verslag")),
    )
    log_action("governance.meeting.created", actor=actor, obj=meeting, new=_meeting_state(meeting))
    return meeting


@transaction.atomic
def update_meeting(
    actor: Any,
    meeting: Meeting,
    *,
    changes: dict[str, Any],
    expected_version: str | None = None,
) -> Meeting:
    """Change date, agenda and/or minutes. With ``expected_version`` (from
    :func:`meeting_version` when the form was shown) the change is refused if the meeting was
    changed in the meantime."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    require(access.can_manage_body(actor, meeting.body), _("U mag deze vergadering niet wijzigen."))
    if expected_version is not None and expected_version != meeting_version(meeting):
        raise ValidationError(
            _(
                "Iemand anders heeft deze vergadering intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen: bekijk de nieuwe agenda en het nieuwe verslag en breng uw wijziging "
                "opnieuw aan."
            )
        )
    unknown = set(changes) - {"date", "agenda", "minutes"}
    if unknown:
        raise ValidationError(_("Onbekende velden: %(f)s") % {"f": ", ".join(sorted(unknown))})
    old = _meeting_state(meeting)
    if "date" in changes:
        if not isinstance(changes["date"], datetime.date):
            raise ValidationError(_("Vul een geldige datum in."))
        meeting.date = changes["date"]
    if "agenda" in changes:
        meeting.agenda = _clean_text(changes["agenda"], _("de agenda"))
    if "minutes" in changes:
        meeting.minutes = _clean_text(changes["minutes"], _("het verslag"))
    meeting.save()
    log_action(
        "governance.meeting.changed", actor=actor, obj=meeting, old=old, new=_meeting_state(meeting)
    )
    return meeting


@transaction.atomic
def add_decision(
    actor: Any, meeting: Meeting, *, text: str, agreements: list[Agreement] | None = None
) -> Decision:
    require(
        access.can_manage_body(actor, meeting.body),
        _("U mag bij deze vergadering niets vastleggen."),
    )
    agreements = agreements or []
    municipality_id = meeting.body.municipality_id
    for agreement in agreements:
        if agreement.theme.cycle.municipality_id != municipality_id:
            raise ValidationError(_("Een besluit kan alleen afspraken van deze gemeente noemen."))
    decision = Decision.objects.create(
        meeting=meeting, text=_clean_text(text, _("het besluit"), required=True)
    )
    decision.agreements.set(agreements)
    log_action(
        "governance.decision.created",
        actor=actor,
        obj=decision,
        new={"text": decision.text, "agreements": [a.pk for a in agreements]},
    )
    return decision


def _item_state(item: ActionItem) -> dict[str, Any]:
    return {
        "description": item.description,
        "owner_organisation": item.owner_organisation.name if item.owner_organisation else None,
        "owner_person": str(item.owner_person) if item.owner_person else None,
        "due_date": item.due_date.isoformat() if item.due_date else None,
        "status": item.status,
    }


@transaction.atomic
def add_action_item(
    actor: Any,
    meeting: Meeting,
    *,
    description: str,
    owner_organisation: Organisation | None = None,
    owner_person: Any = None,
    due_date: datetime.date | None = None,
) -> ActionItem:
    require(
        access.can_manage_body(actor, meeting.body),
        _("U mag bij deze vergadering niets vastleggen."),
    )
    item = ActionItem.objects.create(
        meeting=meeting,
        description=_clean_text(description, _("de omschrijving"), required=True, limit=5000),
        owner_organisation=owner_organisation,
        owner_person=owner_person,
        due_date=due_date,
    )
    log_action("governance.action_item.created", actor=actor, obj=item, new=_item_state(item))
    return item


def action_item_version(item: ActionItem) -> str:
    """The version of an action item, sent back by its status form."""
    return versions.fingerprint(_item_state(item))


@transaction.atomic
def update_action_item(
    actor: Any, item: ActionItem, *, status: str, expected_version: str | None = None
) -> ActionItem:
    """Set the status. With ``expected_version`` (:func:`action_item_version` when the row
    was shown) an item someone else changed meanwhile is not overwritten."""
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("meeting__body__municipality", "owner_organisation", "owner_person")
        .get(pk=item.pk)
    )
    require(access.can_update_action_item(actor, item), _("U mag dit actiepunt niet wijzigen."))
    if status not in ActionItem.Status.values:
        raise ValidationError(_("Kies een geldige status."))
    old = _item_state(item)
    if expected_version is not None and expected_version != versions.fingerprint(old):
        raise Conflict(
            _(
                "Iemand anders heeft dit actiepunt intussen gewijzigd (nu: %(status)s). Er is "
                "niets opgeslagen; kies de status opnieuw als die nog moet veranderen."
            )
            % {"status": item.get_status_display()},
            current=old,
        )
    item.status = status
    item.save(update_fields=["status"])
    log_action(
        "governance.action_item.changed", actor=actor, obj=item, old=old, new=_item_state(item)
    )
    return item


# --- Policy ------------------------------------------------------------------------------------


@transaction.atomic
def create_policy_document(
    actor: Any, municipality: Municipality, *, kind: str, title: str, year: int
) -> PolicyDocument:
    require(
        access.can_manage_governance(actor, municipality.pk),
        _("Alleen een coördinator van de gemeente of een beheerder mag beleid vastleggen."),
    )
    if kind not in PolicyDocument.Kind.values:
        raise ValidationError(_("Kies woonvisie of volkshuisvestingsprogramma."))
    title = _clean_text(title, _("de titel"), required=True, limit=200)
    if isinstance(year, bool) or not isinstance(year, int) or not (1990 <= year <= 2100):
        raise ValidationError(_("Vul een geldig jaar in (bijvoorbeeld 2018)."))
    document = PolicyDocument(municipality=municipality, kind=kind, title=title, year=year)
    document.full_clean(exclude=["municipality"])
    document.save()
    log_action(
        "governance.policy_document.created",
        actor=actor,
        obj=document,
        new={"kind": kind, "title": title, "year": year},
    )
    return document


@transaction.atomic
def add_goal(
    actor: Any,
    document: PolicyDocument,
    *,
    theme_name: str,
    title: str,
    text: str = "",
    order: int | None = None,
    measure: str = "",
    minimum_share: Decimal | None = None,
) -> PolicyGoal:
    """Add a goal under a theme; without ``order`` it comes after the document's goals.

    A goal with a ``measure`` (e.g. the share of affordable homes in the planned new build)
    and a ``minimum_share`` is checked against the municipality's housing data on its page.
    """
    require(
        access.can_manage_governance(actor, document.municipality_id),
        _("Alleen een coördinator van de gemeente of een beheerder mag beleid vastleggen."),
    )
    theme_name = _clean_text(theme_name, _("het thema"), required=True, limit=200)
    title = _clean_text(title, _("de titel"), required=True, limit=300)
    text = _clean_text(text, _("de toelichting"))
    if order is None:
        order = (document.goals.aggregate(last=Max("order"))["last"] or 0) + 1
    goal = PolicyGoal(document=document, theme_name=theme_name, title=title, text=text, order=order)
    _set_measure(goal, measure, minimum_share)
    goal.full_clean(exclude=["document"])
    goal.save()
    log_action(
        "governance.policy_goal.created",
        actor=actor,
        obj=goal,
        new={
            "theme": theme_name,
            "title": title,
            "text": text,
            **(_measure_state(goal) if goal.measure else {}),
        },
    )
    return goal


def _set_measure(goal: PolicyGoal, measure: str, minimum_share: Decimal | None) -> None:
    if measure not in PolicyGoal.Measure.values:
        raise ValidationError(_("Kies een geldige toets."))
    if measure and minimum_share is None:
        raise ValidationError(_("Vul in hoeveel procent ten minste gehaald moet worden."))
    if minimum_share is not None and not Decimal(0) <= minimum_share <= Decimal(100):
        raise ValidationError(_("Het percentage ligt tussen 0 en 100."))
    goal.measure = measure
    goal.minimum_share = minimum_share if measure else None


def _measure_state(goal: PolicyGoal) -> dict[str, str]:
    return {"measure": goal.measure, "minimum_share": str(goal.minimum_share or "")}


@transaction.atomic
def set_goal_measure(
    actor: Any, goal: PolicyGoal, *, measure: str, minimum_share: Decimal | None
) -> PolicyGoal:
    """Make a goal checkable against the housing data (or no longer: ``measure=""``)."""
    require(
        access.can_manage_governance(actor, goal.document.municipality_id),
        _("Alleen een coördinator van de gemeente of een beheerder mag beleid vastleggen."),
    )
    old = _measure_state(goal)
    _set_measure(goal, measure, minimum_share)
    goal.full_clean(exclude=["document"])
    goal.save(update_fields=["measure", "minimum_share"])
    log_action(
        "governance.policy_goal.measure_set",
        actor=actor,
        obj=goal,
        old=old,
        new=_measure_state(goal),
    )
    return goal


def _check_link(actor: Any, goal: PolicyGoal, agreement: Agreement) -> Cycle:
    cycle = agreement.theme.cycle
    require(
        accounts_access.can_edit_agreements(actor, cycle),
        _("Alleen een coördinator mag afspraken aan beleidsdoelen koppelen."),
    )
    if cycle.municipality_id != goal.document.municipality_id:
        raise ValidationError(_("Deze afspraak hoort bij een andere gemeente dan dit doel."))
    return cycle


@transaction.atomic
def link_goal(actor: Any, goal: PolicyGoal, agreement: Agreement) -> GoalLink:
    cycle = _check_link(actor, goal, agreement)
    link, created = GoalLink.objects.get_or_create(goal=goal, agreement=agreement)
    if created:
        log_action(
            "governance.goal.linked",
            actor=actor,
            obj=link,
            new={"goal": goal.title, "agreement": str(agreement)},
            cycle_id=cycle.pk,
            agreement_id=agreement.pk,
        )
    return link


@transaction.atomic
def unlink_goal(actor: Any, goal: PolicyGoal, agreement: Agreement) -> bool:
    cycle = _check_link(actor, goal, agreement)
    link = GoalLink.objects.filter(goal=goal, agreement=agreement).first()
    if link is None:
        return False
    log_action(
        "governance.goal.unlinked",
        actor=actor,
        obj=link,
        old={"goal": goal.title, "agreement": str(agreement)},
        cycle_id=cycle.pk,
        agreement_id=agreement.pk,
    )
    link.delete()
    return True


# --- Bids --------------------------------------------------------------------------------------

POSTCODE = re.compile(r"[1-9]\d{3}")


@dataclass
class FieldError:
    """One problem in one field of one item (``index`` counts from 0, None for the bid)."""

    index: int | None
    field: str
    message: str


class BidRejected(Exception):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


def _planned_value(raw: Any) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise ValueError
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip().replace(".", "") if isinstance(raw, str) else str(raw)
    if not re.fullmatch(r"\d{1,9}", text):
        raise ValueError
    return int(text)


def check_item(
    index: int, raw: dict[str, Any], goals: dict[int, PolicyGoal] | None = None
) -> tuple[dict[str, Any], list[FieldError]]:
    """Check one bid item as the API or the Excel import gives it; collect every problem.

    With ``goals`` (:func:`bid_goals`, the policy goals of the bid's municipality) the row's
    optional ``goal`` (a goal or its id) is checked too and always part of the result."""
    errors: list[FieldError] = []
    section = str(raw.get("section") or "").strip().lower()
    if section not in Section.values:
        errors.append(FieldError(index, "section", _("Kies een onderdeel a tot en met f.")))
    description = str(raw.get("description") or "").strip()
    if not description:
        errors.append(FieldError(index, "description", _("Vul een omschrijving in.")))
    elif len(description) > 300:
        errors.append(
            FieldError(
                index, "description", _("De omschrijving is te lang (hoogstens 300 tekens).")
            )
        )
    postcode = str(raw.get("postcode") or "").strip()
    if isinstance(raw.get("postcode"), float | int) and not isinstance(raw.get("postcode"), bool):
        postcode = str(int(raw["postcode"]))
    if postcode and not POSTCODE.fullmatch(postcode):
        errors.append(
            FieldError(
                index,
                "postcode",
                _("‘%(value)s’ is geen postcode van 4 cijfers (bijvoorbeeld 6211).")
                % {"value": postcode[:10]},
            )
        )
    elif not postcode and section == Section.STOCK:
        errors.append(
            FieldError(
                index, "postcode", _("Onderdeel c (verkoop en liberalisatie) vraagt een postcode.")
            )
        )
    planned_raw = raw.get("planned") or []
    if not isinstance(planned_raw, list | tuple) or len(planned_raw) > BID_YEARS:
        errors.append(
            FieldError(index, "planned", _("Geef hoogstens vijf jaarcijfers op, één per jaar."))
        )
        planned_raw = []
    planned: list[int | None] = []
    for position in range(BID_YEARS):
        value = planned_raw[position] if position < len(planned_raw) else None
        try:
            planned.append(_planned_value(value))
        except ValueError:
            errors.append(
                FieldError(
                    index,
                    f"planned_{position + 1}",
                    _("‘%(value)s’ is geen aantal. Gebruik een heel getal van 0 of meer.")
                    % {"value": str(value)[:20]},
                )
            )
            planned.append(None)
    clean = {
        "section": section,
        "description": description,
        "postcode": postcode,
        **{f"planned_{i + 1}": v for i, v in enumerate(planned)},
    }
    if goals is not None:
        clean["goal"], goal_error = _checked_goal(raw.get("goal"), goals)
        if goal_error:
            errors.append(FieldError(index, "goal", goal_error))
    return clean, errors


def bid_goals(bid: Bid) -> dict[int, PolicyGoal]:
    """The policy goals a line of ``bid`` may serve: those of the bid's municipality."""
    return {
        goal.pk: goal
        for goal in PolicyGoal.objects.filter(document__municipality_id=bid.cycle.municipality_id)
    }


def _checked_goal(value: Any, goals: dict[int, PolicyGoal]) -> tuple[PolicyGoal | None, str]:
    if value is None or value == "":
        return None, ""
    if isinstance(value, PolicyGoal):
        pk: Any = value.pk
    elif isinstance(value, int) and not isinstance(value, bool):
        pk = value
    elif isinstance(value, str) and value.strip().isdigit():
        pk = int(value.strip())
    else:
        pk = None
    goal = goals.get(pk) if pk is not None else None
    if goal is None:
        return None, _("Kies een beleidsdoel van de gemeente van dit bod.")
    return goal, ""


def check_sections(sections: Any) -> tuple[dict[str, str], list[FieldError]]:
    if sections is None:
        return {}, []
    if not isinstance(sections, dict):
        return {}, [FieldError(None, "sections", _('Geef de teksten als {"a": "…", …}.'))]
    errors = []
    clean = {}
    for key, text in sections.items():
        letter = str(key).strip().lower()
        if letter not in Section.values:
            errors.append(
                FieldError(None, "sections", _("Onbekend onderdeel ‘%(s)s’.") % {"s": str(key)[:5]})
            )
            continue
        value = str(text or "").strip()
        if len(value) > 20000:
            errors.append(FieldError(None, letter, _("Deze tekst is te lang.")))
            continue
        clean[letter] = value
    return clean, errors


def _bid_state(bid: Bid) -> dict[str, Any]:
    """The whole bid as the history keeps it: every text in full and every row, so any
    change can be shown and taken back."""
    return {
        "status": bid.status,
        "submitted_at": bid.submitted_at.isoformat() if bid.submitted_at else None,
        "sections": {s.section: s.text for s in bid.sections.all()},
        "items": [
            _bid_item_state(i) for i in bid.items.select_related("goal").order_by("order", "pk")
        ],
    }


def bid_section_versions(bid: Bid) -> dict[str, str]:
    """The version of each text of the bid, by section letter (empty texts too)."""
    texts = {s.section: s.text for s in bid.sections.all()}
    return {letter: versions.text_version(texts.get(letter)) for letter in Section.values}


@transaction.atomic
def start_bid(actor: Any, cycle: Cycle, corporation: Organisation, *, year: int) -> Bid:
    require(
        access.can_start_bid(actor, cycle, corporation),
        _("Alleen de corporatie zelf mag haar bod opstellen."),
    )
    ensure_editable(cycle, locks.BIDS)
    if not (2000 <= int(year) <= 2100):
        raise ValidationError(_("Kies een geldig jaar."))
    if Bid.objects.filter(cycle=cycle, corporation=corporation, year=year).exists():
        raise ValidationError(
            _("Er is al een bod van %(c)s voor %(y)s.") % {"c": corporation.name, "y": year}
        )
    bid = Bid.objects.create(cycle=cycle, corporation=corporation, year=year)
    log_action(
        "governance.bid.created",
        actor=actor,
        obj=bid,
        new={"corporation": corporation.name, "year": year},
        cycle_id=cycle.pk,
    )
    return bid


@transaction.atomic
def save_bid_content(
    actor: Any,
    bid: Bid,
    *,
    sections: dict[str, Any] | None,
    items: list[dict[str, Any]] | None,
    channel: str = "web",
    expected_versions: dict[str, str] | None = None,
) -> Bid:
    """Replace the texts given in ``sections`` and (when ``items`` is not None) all items.

    Every item is checked first; one problem anywhere raises :class:`BidRejected` with all of
    them and nothing changes. ``expected_versions`` (from :func:`bid_section_versions` when the
    form was shown) protects texts others changed meanwhile: a text the caller left as it was
    is not written, and a text both changed raises :class:`Conflict` (nothing is written).
    """
    bid = Bid.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=bid.pk)
    require(access.can_edit_bid(actor, bid), _("U mag dit bod niet (meer) wijzigen."))
    ensure_editable(bid.cycle, locks.BIDS)
    clean_sections, errors = check_sections(sections)
    clean_items = []
    if items is not None:
        goals = bid_goals(bid)
        if not isinstance(items, list):
            errors.append(FieldError(None, "items", _("Geef de regels als een lijst.")))
            items = []
        for index, raw in enumerate(items):
            if not isinstance(raw, dict):
                errors.append(FieldError(index, "item", _("Een regel is een object.")))
                continue
            clean, item_errors = check_item(index, raw, goals)
            clean_items.append(clean)
            errors.extend(item_errors)
    if errors:
        raise BidRejected(errors)
    old = _bid_state(bid)
    if expected_versions is not None:
        clean_sections = _unconflicted(clean_sections, old["sections"], expected_versions)
    for letter, text in clean_sections.items():
        BidSection.objects.update_or_create(bid=bid, section=letter, defaults={"text": text})
    if items is not None:
        bid.items.all().delete()
        BidItem.objects.bulk_create(
            BidItem(bid=bid, order=order, **clean) for order, clean in enumerate(clean_items)
        )
    log_action(
        "governance.bid.changed",
        actor=actor,
        obj=bid,
        old=old,
        new=_bid_state(bid),
        source=channel,
        cycle_id=bid.cycle_id,
    )
    return bid


def _unconflicted(
    posted: dict[str, str], current: dict[str, str], seen: dict[str, str]
) -> dict[str, str]:
    """The posted texts to write: those the caller changed, if nobody else changed them."""
    write, clashes = {}, []
    for letter, text in posted.items():
        now = current.get(letter, "")
        expected = seen.get(letter)
        if expected is None or text == now:
            write[letter] = text
        elif versions.text_version(text) == expected:
            continue  # left as the caller saw it: keep what is stored now
        elif versions.text_version(now) == expected:
            write[letter] = text
        else:
            clashes.append(letter)
    if clashes:
        raise Conflict(
            _(
                "Iemand anders heeft intussen dezelfde tekst gewijzigd (onderdeel %(letters)s). "
                "Er is niets opgeslagen; uw tekst staat hieronder nog."
            )
            % {"letters": ", ".join(clashes)},
            current={letter: current.get(letter, "") for letter in clashes},
        )
    return write


def bid_item_version(item: BidItem) -> str:
    """The version of one bid row, sent back by its edit and remove forms."""
    return versions.fingerprint(_bid_item_state(item))


def _bid_item_state(item: BidItem) -> dict[str, Any]:
    state = {
        "bid_id": item.bid_id,  # so the bid's page finds the history of a removed row too
        "section": item.section,
        "description": item.description,
        "postcode": item.postcode,
        "planned": item.planned,
    }
    if item.goal_id is not None:  # the title, as a reader of the history knows the goal
        state["goal"] = item.goal.title if item.goal else None
    return state


def _locked_editable_bid(actor: Any, bid_id: int) -> Bid:
    bid = Bid.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=bid_id)
    require(access.can_edit_bid(actor, bid), _("U mag dit bod niet (meer) wijzigen."))
    ensure_editable(bid.cycle, locks.BIDS)
    return bid


def _checked_item(bid: Bid, raw: dict[str, Any]) -> dict[str, Any]:
    clean, errors = check_item(0, raw, bid_goals(bid))
    if errors:
        raise BidRejected(errors)
    return clean


@transaction.atomic
def add_bid_item(actor: Any, bid: Bid, *, item: dict[str, Any], channel: str = "web") -> BidItem:
    """Add one row to a draft bid, checked as the API and the Excel import check a row."""
    bid = _locked_editable_bid(actor, bid.pk)
    clean = _checked_item(bid, item)
    last = bid.items.aggregate(last=Max("order"))["last"]
    row = BidItem.objects.create(bid=bid, order=0 if last is None else last + 1, **clean)
    log_action(
        "governance.bid_item.created",
        actor=actor,
        obj=row,
        new=_bid_item_state(row),
        source=channel,
        cycle_id=bid.cycle_id,
    )
    return row


def _locked_item(actor: Any, item: BidItem, expected_version: str | None = None) -> BidItem:
    bid = _locked_editable_bid(actor, item.bid_id)
    row = BidItem.objects.filter(pk=item.pk, bid=bid).first()
    if row is None:
        raise ValidationError(
            _("Deze regel bestaat niet meer; misschien is het bod opnieuw ingelezen.")
        )
    row.bid = bid
    if expected_version is not None and expected_version != bid_item_version(row):
        raise Conflict(
            _(
                "Iemand anders heeft deze regel intussen gewijzigd. Er is niets opgeslagen; "
                "bekijk de regel zoals die nu is en breng uw wijziging opnieuw aan."
            ),
            current=_bid_item_state(row),
        )
    return row


@transaction.atomic
def update_bid_item(
    actor: Any,
    item: BidItem,
    *,
    changes: dict[str, Any],
    channel: str = "web",
    expected_version: str | None = None,
) -> BidItem:
    """Replace one row of a draft bid with ``changes`` (the whole row, checked as on import).
    With ``expected_version`` (:func:`bid_item_version`) a row changed meanwhile is kept."""
    row = _locked_item(actor, item, expected_version)
    clean = _checked_item(row.bid, changes)
    old = _bid_item_state(row)
    for field, value in clean.items():
        setattr(row, field, value)
    row.save(update_fields=list(clean))
    log_action(
        "governance.bid_item.changed",
        actor=actor,
        obj=row,
        old=old,
        new=_bid_item_state(row),
        source=channel,
        cycle_id=row.bid.cycle_id,
    )
    return row


@transaction.atomic
def remove_bid_item(
    actor: Any, item: BidItem, *, channel: str = "web", expected_version: str | None = None
) -> None:
    row = _locked_item(actor, item, expected_version)
    log_action(
        "governance.bid_item.deleted",
        actor=actor,
        obj=row,
        old=_bid_item_state(row),
        source=channel,
        cycle_id=row.bid.cycle_id,
    )
    row.delete()


@transaction.atomic
def submit_bid(actor: Any, bid: Bid, *, channel: str = "web") -> Bid:
    """Submit the bid with a timestamp; after 1 July it is accepted but flagged as late."""
    bid = Bid.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=bid.pk)
    require(access.can_edit_bid(actor, bid), _("U mag dit bod niet indienen."))
    ensure_editable(bid.cycle, locks.BIDS)
    bid.status = Bid.Status.SUBMITTED
    bid.submitted_at = timezone.now()
    bid.save(update_fields=["status", "submitted_at"])
    log_action(
        "governance.bid.submitted",
        actor=actor,
        obj=bid,
        old={"status": "draft"},
        new={"status": bid.status, "submitted_at": bid.submitted_at.isoformat(), "late": bid.late},
        source=channel,
        cycle_id=bid.cycle_id,
    )
    return bid


@transaction.atomic
def turn_item_into_agreement(
    actor: Any,
    item: BidItem,
    *,
    theme: Theme,
    indicator: Indicator | None = None,
    number: str = "",
    kind: str = Target.Kind.MIN,
) -> Agreement:
    """One step from a bid line to a concept agreement in one of the cycle's themes, linked
    back to the line. With an indicator, every planned number inside the cycle's period becomes
    a target for that year for the bidding corporation; a line that names a policy goal links the
    agreement to that goal. Only a coordinator of the cycle may do
    this (checked by :func:`woonafspraken.agreements.services.add_agreement`); all problems are
    reported at once, per field, and nothing is written."""
    item = (
        BidItem.objects.select_for_update(of=("self",))
        .select_related("bid__cycle", "bid__corporation")
        .get(pk=item.pk)
    )
    bid = item.bid
    cycle = bid.cycle
    accounts_access.require(
        accounts_access.can_edit_agreements(actor, cycle),
        _("Alleen een coördinator van de cyclus maakt afspraken van een bod."),
    )
    errors: dict[str, list[str]] = {}
    if item.agreement_id is not None:
        errors.setdefault("__all__", []).append(_("Van deze regel is al een afspraak gemaakt."))
    if theme.cycle_id != cycle.pk or theme.archived:
        errors.setdefault("theme", []).append(_("Kies een thema van deze cyclus."))
    if kind not in (Target.Kind.MIN, Target.Kind.MAX, Target.Kind.EXACT):
        errors.setdefault("kind", []).append(_("Kies minimaal, maximaal of precies."))
    if indicator is not None and (
        indicator.unit != Indicator.Unit.COUNT
        or indicator.municipality_id not in (None, cycle.municipality_id)
    ):
        errors.setdefault("indicator", []).append(
            _("Kies een indicator die aantallen telt, van deze gemeente.")
        )
    if errors:
        raise ValidationError(errors)
    text = item.get_section_display()
    if item.postcode:
        text += " · " + _("postcode %(p)s") % {"p": item.postcode}
    agreement = agreement_services.add_agreement(
        actor,
        theme,
        number=number,
        title=item.description,
        text=_("Uit het bod %(bid)s, %(section)s.") % {"bid": bid, "section": text},
        kind=Agreement.Kind.RESULT,
        lead_party=bid.corporation,
        involved=[bid.corporation],
    )
    if indicator is not None:
        for order, (year, value) in enumerate(item.planned_by_year(), start=1):
            if value is None or not (cycle.start_year <= year <= cycle.end_year):
                continue
            agreement_services.add_target(
                actor,
                agreement,
                indicator=indicator,
                kind=kind,
                party=bid.corporation,
                year=year,
                value=value,
                note=_("Gepland in het bod %(bid)s.") % {"bid": bid},
                order=order,
            )
    item.agreement = agreement
    item.save(update_fields=["agreement"])
    if item.goal_id is not None:
        # The line served a policy goal: the agreement made of it serves the same goal.
        link_goal(
            actor, PolicyGoal.objects.select_related("document").get(pk=item.goal_id), agreement
        )
    log_action(
        "governance.bid_item.agreement_created",
        actor=actor,
        obj=item,
        new={"agreement": agreement.pk, "number": agreement.number},
        cycle_id=cycle.pk,
        agreement_id=agreement.pk,
    )
    return agreement
