"""Reads for pages and API, each a fixed number of queries whatever the amount of data."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from woonafspraken import pipeline
from woonafspraken.accounts import access
from woonafspraken.accounts.models import Municipality, Organisation
from woonafspraken.audit.models import AuditEntry

from . import evaluation
from .models import (
    Agreement,
    Assessment,
    Cycle,
    Indicator,
    Measurement,
    Target,
    Theme,
    ThemeAssignment,
)


def visible_cycles(user: Any) -> QuerySet[Cycle]:
    qs = Cycle.objects.select_related("municipality")
    if access.is_admin(user):
        return qs
    member_of = list(access.roles(user))
    coordinated = access.coordinated_municipality_ids(user)
    # The same rule as access.can_view_cycle, as a query filter.
    return qs.filter(
        Q(published=True) | Q(parties__in=member_of) | Q(municipality_id__in=coordinated)
    ).distinct()


def targets_queryset() -> QuerySet[Target]:
    return Target.objects.select_related("indicator", "party").prefetch_related(
        Prefetch("measurements", queryset=Measurement.objects.order_by("year"))
    )


def agreements_queryset(year: int) -> QuerySet[Agreement]:
    return Agreement.objects.select_related("lead_party", "theme").prefetch_related(
        Prefetch(
            "assessments",
            queryset=Assessment.objects.filter(year=year).select_related("updated_by"),
            to_attr="year_assessments",
        ),
        Prefetch("targets", queryset=targets_queryset()),
        "involved_parties",
        "indicators",
    )


@dataclass
class AgreementRow:
    agreement: Agreement
    assessment: Assessment | None
    evaluated: list[evaluation.Evaluated]
    contradicted: bool = False


@dataclass
class ThemeBlock:
    theme: Theme
    rows: list[AgreementRow] = field(default_factory=list)

    @property
    def status_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            key = row.assessment.status if row.assessment else "none"
            counts[key] = counts.get(key, 0) + 1
        return counts


def agreement_row(agreement: Agreement, year: int, cycle: Cycle) -> AgreementRow:
    from woonafspraken import verdicts

    targets = [t for t in agreement.targets.all() if t.year in (None, year)]
    evaluated = evaluation.evaluate_agreement_targets(targets, year, cycle)
    assessment = agreement.year_assessments[0] if agreement.year_assessments else None  # type: ignore[attr-defined]
    contradicted = bool(
        assessment and any(verdicts.contradicts(assessment.status, e.verdict) for e in evaluated)  # type: ignore[arg-type]
    )
    return AgreementRow(agreement, assessment, evaluated, contradicted)


def themes_with_assignments() -> QuerySet[Theme]:
    """Themes with their board assignments and findings: two queries, however many."""
    return Theme.objects.select_related(
        "cycle", "lead_organisation", "project_leader"
    ).prefetch_related(
        Prefetch("assignments", queryset=ThemeAssignment.objects.prefetch_related("findings"))
    )


def theme_blocks(cycle: Cycle, year: int, theme_id: int | None = None) -> list[ThemeBlock]:
    themes = cycle.themes.select_related("lead_organisation", "project_leader").prefetch_related(
        Prefetch("agreements", queryset=agreements_queryset(year).filter(archived=False))
    )
    themes = themes.filter(pk=theme_id) if theme_id is not None else themes.filter(archived=False)
    return [
        ThemeBlock(theme, [agreement_row(a, year, cycle) for a in theme.agreements.all()])
        for theme in themes
    ]


def status_summary(blocks: list[ThemeBlock]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for block in blocks:
        for key, n in block.status_counts.items():
            counts[key] = counts.get(key, 0) + n
    return counts


def verdict_summary(blocks: list[ThemeBlock]) -> dict[str, int]:
    return evaluation.summarise(e for b in blocks for r in b.rows for e in r.evaluated)


def status_bars(blocks: list[ThemeBlock], year: int) -> Any:
    """The agreements' statuses per theme as a chart with its table
    (:class:`woonafspraken.documents.charts.Bars`)."""
    from woonafspraken.documents.charts import Bars

    categories = [(str(code), str(label)) for code, label in Assessment.Status.choices]
    categories.append(("none", _("nog niet beoordeeld")))
    rows = [b.theme.name for b in blocks]
    counts = {(b.theme.name, code): n for b in blocks for code, n in b.status_counts.items() if n}
    title = _("Afspraken per thema naar status, %(year)s") % {"year": year}
    return Bars(title, rows, categories, counts, _("Thema"))


def verdict_bars(blocks: list[ThemeBlock], year: int) -> Any:
    """The norms' verdicts per party (or all parties together) as a chart with its table."""
    from woonafspraken.agreements.templatetags.woon import verdict_label
    from woonafspraken.documents.charts import Bars

    codes = ("met", "on_track", "behind", "not_met", "no_data")
    together = _("alle partijen samen")
    counts: dict[tuple[str, str], int] = {}
    rows: list[str] = []
    for e in (e for b in blocks for r in b.rows for e in r.evaluated):
        row = e.target.party.name if e.target.party_id else together
        if row not in rows:
            rows.append(row)
        counts[(row, e.verdict)] = counts.get((row, e.verdict), 0) + 1
    rows.sort(key=lambda name: (name == together, name))
    title = _("Normen per partij naar oordeel, %(year)s") % {"year": year}
    return Bars(title, rows, [(c, verdict_label(c)) for c in codes], counts, _("Partij"))


#: At most this many key figures on a cycle's overview and in the evaluation.
KEY_FIGURES = 6


def key_figures(blocks: list[ThemeBlock], year: int) -> list[Any]:
    """The key figures of ``year`` as small charts with their tables
    (:class:`woonafspraken.documents.charts.KeyFigure`).

    The rule: every indicator with a numeric norm (not an energy label) and a realised figure
    in ``year``, in the order of the themes and agreements, at most :data:`KEY_FIGURES`; one
    chart per indicator (period norms and yearly norms apart), a bar per party. Reads only the
    evaluated rows already in ``blocks``: no queries.
    """
    from woonafspraken.agreements.templatetags.woon import amount, norm_text, verdict_label
    from woonafspraken.documents.charts import KeyFigure, KeyRow

    groups: dict[tuple[int, bool], list[evaluation.Evaluated]] = {}
    for e in (e for b in blocks for r in b.rows for e in r.evaluated):
        target = e.target
        if target.kind not in ("min", "max", "exact", "range"):
            continue
        if target.indicator.unit == "energy_label" or isinstance(e.realised, str):
            continue
        if e.realised is None:
            continue
        key = (target.indicator_id, target.year is None)
        if key not in groups:
            if len(groups) == KEY_FIGURES:
                continue
            groups[key] = []
        groups[key].append(e)
    together = _("gezamenlijk")
    figures = []
    for (_indicator, period), evaluated in groups.items():
        indicator = evaluated[0].target.indicator
        if period:
            note = _("gerealiseerd t/m %(year)s tegen de norm voor de looptijd") % {"year": year}
        else:
            note = _("%(year)s: gerealiseerd tegen de norm") % {"year": year}
        rows = []
        for e in evaluated:
            t = e.target
            low = t.low if t.kind == "range" else t.value
            high = t.high if t.kind == "range" else None
            rows.append(
                KeyRow(
                    party=t.party.name if t.party_id else together,
                    low=low,
                    high=high,
                    realised=Decimal(e.realised),  # type: ignore[arg-type]
                    norm_text=norm_text(t),
                    realised_text=amount(e.realised, indicator.unit),
                    verdict=verdict_label(e.verdict),
                )
            )
        figures.append(KeyFigure(indicator.name, note, rows))
    return figures


def history(agreement: Agreement, limit: int = 200) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(agreement_id=agreement.pk).select_related("actor")[:limit]
    )


def default_year(cycle: Cycle, requested: Any) -> int:
    """The year a page shows: the requested one if it lies in the period, else the first."""
    try:
        year = int(requested)
    except (TypeError, ValueError):
        return cycle.start_year
    return year if cycle.start_year <= year <= cycle.end_year else cycle.start_year


def open_targets_for(user: Any, cycle: Cycle, year: int) -> list[evaluation.Evaluated]:
    """Targets the user may fill in for ``year`` that still lack a value (*Mijn invoer*)."""
    organisation_ids = [o.pk for o in access.organisations_entering_for(user, cycle)]
    condition = Q(party_id__in=organisation_ids)
    if access.is_coordinator(user, cycle):
        condition |= Q(party__isnull=True)
    targets = (
        targets_queryset()
        .select_related("agreement__theme")
        .filter(agreement__theme__cycle=cycle)
        .filter(Q(year=year) | Q(year__isnull=True))
        .filter(condition)
        .order_by("agreement__theme__order", "agreement__order", "order", "id")
    )
    result = []
    for target in targets:
        if any(m.year == year for m in target.measurements.all()):
            continue
        result.append(evaluation.evaluate(target, year, cycle))
    return result


def pipeline_tables(user: Any, cycle: Cycle, as_of_year: int) -> tuple[pipeline.KindTable, ...]:
    """New build, renovation and demolition per corporation (the *Vastgoed* page).

    The corporations' period targets of the pipeline's indicators with their measurements, and
    the items of the submitted bids ``user`` may see, in a fixed number of queries.
    """
    from woonafspraken.governance.models import Bid  # governance builds on agreements
    from woonafspraken.governance.selectors import visible_bids

    corporations = {
        o.pk: pipeline.Corporation(o.pk, o.name)
        for o in cycle.parties.filter(kind=Organisation.Kind.CORPORATION)
    }
    rows = (
        targets_queryset()
        .filter(
            agreement__theme__cycle=cycle,
            indicator__name__in=list(pipeline.INDICATOR_NAMES.values()),
            party__kind=Organisation.Kind.CORPORATION,
            year__isnull=True,
        )
        .exclude(kind=Target.Kind.LABEL_AT_LEAST)
        .order_by("agreement__theme__order", "agreement__order", "order", "id")
    )
    targets = []
    for target in rows:
        kind = pipeline.kind_of_indicator(target.indicator.name)
        party = target.party
        assert kind is not None and party is not None
        corporations.setdefault(party.pk, pipeline.Corporation(party.pk, party.name))
        yearly = {m.year: m.value for m in target.measurements.all() if m.value is not None}
        targets.append(
            pipeline.PeriodTarget(
                kind, party.pk, evaluation.norm_of(target), yearly, target.agreement_id
            )
        )
    planned = []
    for bid in visible_bids(user, cycle):
        if bid.status != Bid.Status.SUBMITTED:
            continue  # a corporation's own draft is not a plan yet
        for item in bid.items.all():
            kind = pipeline.BID_SECTIONS.get(item.section)
            if kind is None:
                continue
            corporations.setdefault(
                bid.corporation_id, pipeline.Corporation(bid.corporation_id, bid.corporation.name)
            )
            planned.append(
                pipeline.PlannedItem(kind, bid.corporation_id, bid.year, tuple(item.planned))
            )
    return pipeline.build(
        sorted(corporations.values(), key=lambda c: c.name),
        targets,
        planned,
        cycle.start_year,
        cycle.end_year,
        as_of_year,
    )


def municipalities_to_set_up(user: Any) -> list[Municipality]:
    """The municipalities whose cycles and indicators ``user`` may set up."""
    if not getattr(user, "is_authenticated", False):
        return []
    everything = Municipality.objects.order_by("name")
    if user.is_superuser:
        return list(everything)
    return [
        m
        for m in everything.filter(organisations__kind="municipality").distinct()
        if access.can_start_cycle(user, m.pk)
    ]


def setup_themes(cycle: Cycle) -> list[Theme]:
    """The cycle's themes, archived ones too, with what the set-up page shows of each."""
    return list(
        cycle.themes.select_related("lead_organisation", "project_leader")
        .annotate(agreement_count=Count("agreements"))
        .order_by("archived", "order", "id")
    )


def indicators_of(municipality: Municipality) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
        .annotate(target_count=Count("targets"))
        .order_by("archived", "name")
    )


# --- The public page of an organisation ------------------------------------------------------


@dataclass
class OrganisationRow:
    """An agreement the organisation holds in a year: its part, the status, its own norms."""

    agreement: Agreement
    leads: bool
    assessment: Assessment | None
    evaluated: list[evaluation.Evaluated]


def organisation_cycles(user: Any, organisation: Organisation) -> QuerySet[Cycle]:
    """The cycles ``organisation`` takes part in that ``user`` may see, newest first."""
    return visible_cycles(user).filter(parties=organisation).order_by("-start_year", "title")


def related_organisations(organisation: Organisation) -> list[Organisation]:
    """A tenant organisation's corporations, or the tenant organisations of a corporation."""
    if organisation.kind == Organisation.Kind.TENANT_ORGANISATION:
        related = organisation.corporations.all()
    elif organisation.kind == Organisation.Kind.CORPORATION:
        related = organisation.represented_by.all()
    else:
        return []
    return list(related.filter(archived_at__isnull=True).order_by("name"))


def led_themes(cycle: Cycle, organisation: Organisation) -> QuerySet[Theme]:
    return cycle.themes.filter(lead_organisation=organisation, archived=False).select_related(
        "project_leader"
    )


def held_agreements(cycle: Cycle, organisation: Organisation, year: int) -> QuerySet[Agreement]:
    """The agreements of ``cycle`` that ``organisation`` leads, is involved in or has a norm in
    (each once, in the cycle's order), read with what :func:`organisation_rows` needs."""
    holds = (
        Q(lead_party=organisation)
        | Q(involved_parties=organisation)
        | Q(targets__party=organisation, targets__archived=False)
    )
    ids = Agreement.objects.filter(theme__cycle=cycle, archived=False).filter(holds).values("pk")
    return agreements_queryset(year).filter(pk__in=ids, theme__archived=False)


def organisation_rows(
    agreements: Any, organisation: Organisation, year: int, cycle: Cycle
) -> list[OrganisationRow]:
    """Per agreement (of one page) the organisation's own norms with their verdict in ``year``."""
    rows = []
    for agreement in agreements:
        row = agreement_row(agreement, year, cycle)
        own = [e for e in row.evaluated if e.target.party_id == organisation.pk]
        rows.append(
            OrganisationRow(
                agreement, agreement.lead_party_id == organisation.pk, row.assessment, own
            )
        )
    return rows
