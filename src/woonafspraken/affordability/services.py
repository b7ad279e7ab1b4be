"""Saving a budget comparison with a cycle as an analysis."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts import access
from woonafspraken.audit.services import log_action
from woonafspraken.rules import SEED_BUDGET_TABLE

from .models import Analysis


def seed_table_data() -> dict[str, Any]:
    """The seed's table exactly as recorded: its own figures, no inputs behind them."""
    t = SEED_BUDGET_TABLE
    return {
        "columns": list(t.columns),
        "rows": [{"label": r.household, "amounts": [str(a) for a in r.amounts]} for r in t.rows],
        "note": f"{t.basis}. {t.note}",
        "inputs": [],
    }


def comparison_data(example: Any) -> dict[str, Any]:
    """A worked-out comparison (``rules.extramuralisatie_2026``) with its stated inputs."""
    c = example.comparison
    return {
        "columns": list(c.columns),
        "rows": [{"label": r.label, "amounts": [str(a) for a in r.amounts]} for r in c.rows],
        "note": example.note,
        "inputs": [
            {
                "label": i.label,
                "value": str(i.value),
                "unit": i.unit,
                "assumption": bool(i.assumption),
                "basis": i.basis,
            }
            for i in example.inputs
        ],
    }


@transaction.atomic
def save_analysis(
    actor: Any, cycle: Any, *, title: str, kind: str, data: dict[str, Any], source: str = ""
) -> Analysis:
    access.require(
        access.is_admin(actor) or access.is_party_member(actor, cycle),
        _("Alleen partijen van deze cyclus kunnen er een analyse bij bewaren."),
    )
    title = (title or "").strip()
    if not title or len(title) > 300:
        raise ValidationError(_("Geef de analyse een titel (hoogstens 300 tekens)."))
    if kind not in Analysis.Kind.values:
        raise ValidationError(_("Onbekende soort analyse."))
    analysis = Analysis.objects.create(
        cycle=cycle,
        title=title,
        kind=kind,
        data=data,
        source=source[:300],
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    log_action(
        "affordability.analysis.saved",
        actor=actor,
        obj=analysis,
        new={"title": title, "kind": kind},
        cycle_id=cycle.pk,
    )
    return analysis


SEED_TITLE = "Vrij te besteden budget ouderen voor en na extramuralisatie (bron)"
EXAMPLE_TITLE = "Dezelfde huishoudens zelfstandig in 2026 (berekend)"


def load_demo(admin: Any, cycle: Any) -> None:
    """The seed's table as a recorded analysis and the 2026 worked example beside it."""
    from woonafspraken.rules import extramuralisatie_2026

    if cycle.analyses.exists():
        return
    save_analysis(
        admin,
        cycle,
        title=SEED_TITLE,
        kind="recorded",
        data=seed_table_data(),
        source="Prestatieafspraken Maastricht, dia Wonen en Zorg",
    )
    save_analysis(
        admin,
        cycle,
        title=EXAMPLE_TITLE,
        kind="computed",
        data=comparison_data(extramuralisatie_2026()),
        source="woonafspraken.rules, huurtoeslag 2026",
    )
