"""Taking a change back from the history page: the old value of one history entry is written
again through the ordinary service of that object, so the same permission check, lock and
conflict detection apply, and the restore is itself an audited change (via ``restore``).

Restorable are corrections of agreements, targets (norms), figures (measurements),
evaluations (assessments) and themes: the history keeps their full old values. An agreement's
lead and involved parties come back too when they still can: a party that was archived
meanwhile (and is no longer on the agreement), is no longer a party of the cycle or no longer
exists is left out, and :class:`Restored` names it.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.audit.models import AuditEntry

from . import services
from .models import Agreement, Assessment, Measurement, Target, Theme

CHANNEL = "restore"
CHANGED = {
    "agreements.agreement": "agreements.agreement.changed",
    "agreements.target": "agreements.target.changed",
    "agreements.measurement": "agreements.measurement.changed",
    "agreements.assessment": "agreements.assessment.changed",
    "agreements.theme": "agreements.theme.changed",
}
NUMBERS = ("value", "low", "high", "tolerance")


@dataclass
class Restored:
    """What a restore wrote, and the old parties it could not put back (each with why)."""

    obj: Any
    left_out: list[str] = field(default_factory=list)


def restorable(entry: AuditEntry) -> bool:
    """Whether the entry changed a value that can be put back (it has a full old value)."""
    return CHANGED.get(entry.object_type) == entry.action and isinstance(entry.old, dict)


def _number(raw: Any) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        raise ValidationError(_("Deze oude waarde kan niet worden teruggezet.")) from None


def _gone() -> ValidationError:
    return ValidationError(_("Dit onderdeel bestaat niet meer; er is niets teruggezet."))


def _refs(old: dict[str, Any], ids: str, names: str, cycle_parties: Any) -> list[Any]:
    """(id, name) of each party the old state names under ``names``. Entries written before
    the history kept ids name the parties only: those are found by name among the cycle's
    parties (id None when that finds none, or more than one)."""
    named = old.get(names)
    named = [named] if isinstance(named, str) else list(named or [])
    if ids in old:
        kept = old[ids] if isinstance(old[ids], list) else [old[ids]]
        return list(zip(kept, named, strict=False))
    found = {n: [p.pk for p in cycle_parties if p.name == n] for n in named}
    return [(found[n][0] if len(found[n]) == 1 else None, n) for n in named]


def _old_parties(agreement: Agreement, old: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The old lead and involved parties as ``update_agreement`` changes, without those that
    cannot come back; and the names of those, each with why."""
    cycle_parties = list(agreement.theme.cycle.parties.all())
    party_ids = {p.pk for p in cycle_parties}
    on_it_now = {agreement.lead_party_id} | {p.pk for p in agreement.involved_parties.all()}
    lead = _refs(old, "lead_party_id", "lead_party", cycle_parties)
    involved = _refs(old, "involved_party_ids", "involved_parties", cycle_parties)
    existing = Organisation.objects.in_bulk([pk for pk, _name in lead + involved if pk])
    left_out: list[str] = []

    def usable(pk: int | None, name: str) -> Organisation | None:
        found = existing.get(pk) if pk else None
        if found is None:
            reason = _("niet meer te vinden")
        elif pk not in party_ids:
            reason = _("geen partij meer in deze cyclus")
        elif found.archived_at is not None and pk not in on_it_now:
            reason = _("gearchiveerd")
        else:
            return found
        left_out.append(f"{name} ({reason})")
        return None

    changes: dict[str, Any] = {}
    if "lead_party" in old:
        back = [usable(*ref) for ref in lead]
        if not lead or back[0] is not None:  # an old lead that cannot come back: the lead stays
            changes["lead_party"] = back[0] if back else None
    if "involved_parties" in old:
        back = [usable(*ref) for ref in involved]
        changes["involved_parties"] = [p for p in back if p is not None]
    return changes, left_out


@transaction.atomic
def restore(actor: Any, entry: AuditEntry) -> Restored:
    """Write the old value of ``entry`` again. Raises ``ValidationError`` when that is not
    possible, ``PermissionDenied`` like the service it uses, ``services.Conflict`` never (the
    version is the current one: a restore is a deliberate choice seen on the page)."""
    if not restorable(entry):
        raise ValidationError(_("Deze wijziging kan niet worden teruggezet."))
    old: dict[str, Any] = entry.old  # type: ignore[assignment]
    if entry.object_type == "agreements.agreement":
        agreement = Agreement.objects.select_related("theme__cycle").filter(pk=entry.object_id)
        found = agreement.first()
        if found is None:
            raise _gone()
        changes, left_out = _old_parties(found, old)
        changes |= {f: old[f] for f in services.AGREEMENT_FIELDS if f in old}
        written = services.update_agreement(
            actor, found, changes=changes, expected_version=found.version, channel=CHANNEL
        )
        return Restored(written, left_out)
    return Restored(_restore_value(actor, entry.object_type, entry.object_id, old))


def _restore_value(actor: Any, kind: str, pk: Any, old: dict[str, Any]) -> Any:
    """A figure, evaluation, norm or theme back to ``old``."""
    if kind == "agreements.measurement":
        m = Measurement.objects.select_related("target").filter(pk=pk).first()
        if m is None:
            raise _gone()
        value = old.get("label") or _number(old.get("value"))
        return services.record_measurement(
            actor,
            m.target,
            value=value,
            year=old.get("year"),
            note=old.get("note") or "",
            source=old.get("source") or "",
            expected_version=m.version,
            channel=CHANNEL,
        )
    if kind == "agreements.assessment":
        a = Assessment.objects.select_related("agreement").filter(pk=pk).first()
        if a is None:
            raise _gone()
        return services.record_assessment(
            actor,
            a.agreement,
            year=old["year"],
            status=old["status"],
            explanation=old.get("explanation") or "",
            expected_version=a.version,
            channel=CHANNEL,
        )
    if kind == "agreements.target":
        t = Target.objects.filter(pk=pk).first()
        if t is None:
            raise _gone()
        changes = {
            f: (_number(old[f]) if f in NUMBERS else old[f])
            for f in ("kind", "value", "low", "high", "label", "tolerance")
            if f in old
        }
        if changes.get("tolerance") is None:
            changes.pop("tolerance", None)
        return services.update_target(
            actor, t, changes=changes, expected_version=t.version, channel=CHANNEL
        )
    theme = (
        Theme.objects.select_related("lead_organisation", "project_leader").filter(pk=pk).first()
    )
    if theme is None:
        raise _gone()
    return services.update_theme(
        actor,
        theme,
        name=old.get("name") or theme.name,
        lead_organisation=theme.lead_organisation,
        project_leader=theme.project_leader,
        description=old.get("description") or "",
        channel=CHANNEL,
    )
