"""Taking a change back from the history page: the old value of one history entry is written
again through the ordinary service of that object, so the same permission check, lock and
conflict detection apply, and the restore is itself an audited change (via ``restore``).

Restorable are corrections of agreements, targets (norms), figures (measurements),
evaluations (assessments) and themes: the history keeps their full old values.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

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


@transaction.atomic
def restore(actor: Any, entry: AuditEntry) -> Any:
    """Write the old value of ``entry`` again. Raises ``ValidationError`` when that is not
    possible, ``PermissionDenied`` like the service it uses, ``services.Conflict`` never (the
    version is the current one: a restore is a deliberate choice seen on the page)."""
    if not restorable(entry):
        raise ValidationError(_("Deze wijziging kan niet worden teruggezet."))
    old: dict[str, Any] = entry.old  # type: ignore[assignment]
    kind = entry.object_type
    if kind == "agreements.measurement":
        m = Measurement.objects.select_related("target").filter(pk=entry.object_id).first()
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
        a = Assessment.objects.select_related("agreement").filter(pk=entry.object_id).first()
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
        t = Target.objects.filter(pk=entry.object_id).first()
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
    if kind == "agreements.agreement":
        ag = Agreement.objects.filter(pk=entry.object_id).first()
        if ag is None:
            raise _gone()
        changes = {f: old[f] for f in services.AGREEMENT_FIELDS if f in old}
        return services.update_agreement(
            actor, ag, changes=changes, expected_version=ag.version, channel=CHANNEL
        )
    theme = (
        Theme.objects.select_related("lead_organisation", "project_leader")
        .filter(pk=entry.object_id)
        .first()
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
