"""Write use cases for agreements: the only code that changes these models.

Every function checks permission through :mod:`woonafspraken.accounts.access`, runs in one
transaction, locks the row it changes, refuses stale edits (optimistic locking on
``version``) and writes one audit entry with the old and the new values.
"""

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken import numerals, verdicts, versions
from woonafspraken.accounts import access
from woonafspraken.audit.services import log_action
from woonafspraken.process import locks
from woonafspraken.process.rules import ensure_editable, is_frozen

from . import evaluation
from .models import (
    Agreement,
    Assessment,
    Cycle,
    Finding,
    Indicator,
    Measurement,
    Target,
    Theme,
    ThemeAssignment,
)

MAX_VALUE = Decimal("999999999999.99")


class Conflict(Exception):
    """Someone else changed the object since the caller loaded it."""

    def __init__(self, message: str, current: dict[str, Any]) -> None:
        super().__init__(message)
        self.message = message
        self.current = current


def cycle_of_target(target: Target) -> Cycle:
    return target.agreement.theme.cycle


def parse_value(raw: Any) -> Decimal:
    """A number as people type it in Dutch: ``11``, ``11,5``, ``19.648``; refuses the rest.

    Pages read the reader's own language first (:func:`woonafspraken.forms.read_number`)
    and pass a Decimal; texts that reach this point (imports, the API) are read the Dutch
    way, and one that could mean two numbers is refused with a question.
    """
    if isinstance(raw, bool) or raw is None:
        raise ValidationError(_("Vul een getal in."), code="invalid")
    if isinstance(raw, int | Decimal):
        value = Decimal(raw)  # a JSON number: no Dutch reading of separators
        if not value.is_finite() or abs(value) > MAX_VALUE:
            raise ValidationError(_("Dit getal is te groot."), code="invalid")
        if value != value.quantize(Decimal("0.01")):
            raise ValidationError(_("Gebruik hoogstens twee decimalen."), code="invalid")
        return value
    try:
        value = numerals.parse_number(str(raw), "nl")
    except numerals.NumberError as exc:
        raise ValidationError(numerals.message(exc, "nl"), code="invalid") from None
    if abs(value) > MAX_VALUE:
        raise ValidationError(_("Dit getal is te groot."), code="invalid")
    return value


def _plain(value: Decimal | None) -> str | None:
    """A stored amount as text with its two decimals, whether read back or just parsed."""
    return None if value is None else f"{Decimal(value).quantize(Decimal('0.01')):f}"


def _measurement_state(m: Measurement | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "year": m.year,
        "value": _plain(m.value),
        "label": m.label,
        "source": m.source,
        "note": m.note,
        "version": m.version,
    }


@transaction.atomic
def record_measurement(
    actor: Any,
    target: Target,
    *,
    value: Any,
    year: int | None = None,
    note: str = "",
    source: str = "",
    expected_version: int | None = None,
    channel: str = "web",
) -> Measurement:
    """Record or correct the realised value of ``target`` in ``year``.

    ``expected_version`` is the version the caller saw (0 or ``None``: it saw no value). If the
    stored value changed since, :class:`Conflict` is raised and nothing is written.
    """
    target = (
        Target.objects.select_for_update(of=("self",))
        .select_related("agreement__theme__cycle", "indicator")
        .get(pk=target.pk)
    )
    cycle = cycle_of_target(target)
    access.require(
        access.can_record_measurement(actor, target, cycle),
        _("U mag voor deze norm geen realisatie vastleggen."),
    )
    ensure_editable(cycle, locks.FIGURES)
    year = target.year or year
    if year is None or not (cycle.start_year <= year <= cycle.end_year):
        raise ValidationError(
            _("Kies een jaar binnen de looptijd %(period)s.") % {"period": cycle.period_label},
            code="year",
        )
    if target.year is not None and year != target.year:
        raise ValidationError(_("Deze norm geldt alleen voor %(year)s.") % {"year": target.year})
    label = ""
    number: Decimal | None = None
    if target.indicator.unit == "energy_label":
        try:
            verdicts.parse_label(str(value))
        except ValueError:
            raise ValidationError(
                _("‘%(value)s’ is geen energielabel. Gebruik A++++ tot en met G.")
                % {"value": str(value)[:20]}
            ) from None
        label = str(value).strip().upper()
    else:
        number = parse_value(value)
        if target.indicator.unit == "percentage" and not (0 <= number <= 100):
            raise ValidationError(_("Een percentage ligt tussen 0 en 100."))
        if target.indicator.unit == "count" and (number < 0 or number != number.to_integral()):
            raise ValidationError(_("Een aantal is een heel getal van 0 of meer."))
    note = (note or "").strip()
    if len(note) > 5000:
        raise ValidationError(_("De toelichting is te lang (hoogstens 5000 tekens)."))
    existing = Measurement.objects.select_for_update().filter(target=target, year=year).first()
    seen = expected_version or 0
    current = existing.version if existing else 0
    if seen != current:
        raise Conflict(
            _(
                "Iemand anders heeft deze waarde intussen gewijzigd. Bekijk de huidige waarde "
                "en voer uw wijziging opnieuw in."
            ),
            current=_measurement_state(existing) or {},
        )
    old = _measurement_state(existing)
    now = timezone.now()
    if existing is None:
        measurement = Measurement(target=target, year=year, version=1)
        action = "agreements.measurement.created"
    else:
        measurement = existing
        measurement.version += 1
        action = "agreements.measurement.changed"
    measurement.value = number
    measurement.label = label
    measurement.note = note
    measurement.source = (source or "").strip()[:300]
    measurement.recorded_by = actor if getattr(actor, "pk", None) else None
    measurement.recorded_at = now
    measurement.save()
    log_action(
        action,
        actor=actor,
        obj=measurement,
        old=old,
        new=_measurement_state(measurement),
        source=channel,
        cycle_id=cycle.pk,
        agreement_id=target.agreement_id,
    )
    return measurement


def _assessment_state(a: Assessment | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"year": a.year, "status": a.status, "explanation": a.explanation, "version": a.version}


def contradictions(agreement: Agreement, year: int, status: str) -> list[evaluation.Evaluated]:
    """Targets of ``agreement`` whose computed verdict in ``year`` contradicts ``status``."""
    cycle = agreement.theme.cycle
    targets = list(
        agreement.targets.select_related("indicator", "party").prefetch_related("measurements")
    )
    relevant = [t for t in targets if t.year in (None, year)]
    evaluated = evaluation.evaluate_agreement_targets(relevant, year, cycle)
    return [e for e in evaluated if verdicts.contradicts(status, e.verdict)]  # type: ignore[arg-type]


@transaction.atomic
def record_assessment(
    actor: Any,
    agreement: Agreement,
    *,
    year: int,
    status: str,
    explanation: str = "",
    expected_version: int | None = None,
    channel: str = "web",
) -> Assessment:
    agreement = (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("theme__cycle")
        .get(pk=agreement.pk)
    )
    cycle = agreement.theme.cycle
    access.require(
        access.can_assess(actor, agreement, cycle),
        _("U mag deze afspraak niet beoordelen."),
    )
    ensure_editable(cycle, locks.EVALUATIONS)
    if status not in Assessment.Status.values:
        raise ValidationError(_("Kies een geldige status."), code="status")
    if not (cycle.start_year <= year <= cycle.end_year):
        raise ValidationError(
            _("Kies een jaar binnen de looptijd %(period)s.") % {"period": cycle.period_label}
        )
    explanation = (explanation or "").strip()
    if len(explanation) > 10000:
        raise ValidationError(_("De toelichting is te lang (hoogstens 10000 tekens)."))
    if not explanation and contradictions(agreement, year, status):
        raise ValidationError(
            _(
                "Deze status spreekt de cijfers tegen (zie het oordeel bij de normen). "
                "Licht toe waarom u toch voor deze status kiest."
            ),
            code="explanation_required",
        )
    existing = Assessment.objects.select_for_update().filter(agreement=agreement, year=year).first()
    seen = expected_version or 0
    if seen != (existing.version if existing else 0):
        raise Conflict(
            _(
                "Iemand anders heeft deze evaluatie intussen gewijzigd. Bekijk de huidige "
                "versie en voer uw wijziging opnieuw in."
            ),
            current=_assessment_state(existing) or {},
        )
    old = _assessment_state(existing)
    if existing is None:
        assessment = Assessment(agreement=agreement, year=year, version=1)
        action = "agreements.assessment.created"
    else:
        assessment = existing
        assessment.version += 1
        action = "agreements.assessment.changed"
    assessment.status = status
    assessment.explanation = explanation
    assessment.updated_by = actor if getattr(actor, "pk", None) else None
    assessment.updated_at = timezone.now()
    assessment.save()
    log_action(
        action,
        actor=actor,
        obj=assessment,
        old=old,
        new=_assessment_state(assessment),
        source=channel,
        cycle_id=cycle.pk,
        agreement_id=agreement.pk,
    )
    return assessment


AGREEMENT_FIELDS = ("number", "title", "text", "kind", "start_year", "end_year")
AGREEMENT_CHANGES = (*AGREEMENT_FIELDS, "lead_party", "involved_parties", "indicators")


@transaction.atomic
def update_agreement(
    actor: Any,
    agreement: Agreement,
    *,
    changes: dict[str, Any],
    expected_version: int,
    channel: str = "web",
) -> Agreement:
    """Change the fields named in ``changes`` of an agreement the caller saw at
    ``expected_version``; ``lead_party`` and ``involved_parties`` take organisations."""
    agreement = _locked_agreement(actor, agreement)
    unknown = set(changes) - set(AGREEMENT_CHANGES)
    if unknown:
        raise ValidationError(_("Onbekende velden: %(f)s") % {"f": ", ".join(sorted(unknown))})
    old = _agreement_state(agreement)
    if expected_version != agreement.version:
        raise Conflict(_("Iemand anders heeft deze afspraak intussen gewijzigd."), current=old)
    merged = {f: getattr(agreement, f) for f in AGREEMENT_FIELDS}
    merged.update({f: v for f, v in changes.items() if f in AGREEMENT_FIELDS})
    lead = changes.get("lead_party", agreement.lead_party)
    involved = changes.get("involved_parties")
    errors = Errors()
    clean = _check_agreement(
        errors,
        agreement.theme,
        lead_party=lead,
        involved=list(involved) if involved is not None else [],
        exclude=agreement.pk,
        current=frozenset(
            {agreement.lead_party_id} | {p.pk for p in agreement.involved_parties.all()}
        )
        - {None},
        **merged,
    )
    if not clean["number"]:
        errors.add("number", _("Een afspraak heeft een nummer."))
    indicators = changes.get("indicators")
    if indicators is not None:
        _check_followed(errors, agreement.theme.cycle, indicators, agreement)
    errors.raise_any()
    for field_name, value in clean.items():
        setattr(agreement, field_name, value)
    agreement.lead_party = lead
    agreement.version += 1
    agreement.save()
    if involved is not None:
        agreement.involved_parties.set(involved)
    if indicators is not None:
        agreement.indicators.set(indicators)
    log_action(
        "agreements.agreement.changed",
        actor=actor,
        obj=agreement,
        old=old,
        new=_agreement_state(agreement),
        source=channel,
        cycle_id=agreement.theme.cycle_id,
        agreement_id=agreement.pk,
    )
    return agreement


def _target_state(t: Target) -> dict[str, Any]:
    return {
        "indicator": t.indicator.name,
        "party": t.party.name if t.party else None,
        "year": t.year,
        "kind": t.kind,
        "value": _plain(t.value),
        "low": _plain(t.low),
        "high": _plain(t.high),
        "label": t.label,
        "tolerance": _plain(t.tolerance),
        "version": t.version,
    }


def _check_norm(target: Target) -> None:
    try:
        evaluation.norm_of(target)
    except ValueError as exc:
        raise ValidationError(verdicts.message(exc, _), code="norm") from None


# --- Setting up a cycle: used by coordinators (and the demo loader, acting as one) -----------

YEAR_RANGE = (2000, 2100)


class Errors:
    """Every problem of one input, per field, raised at once so a form shows them all."""

    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.by_field.setdefault(field, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def raise_any(self) -> None:
        if self.by_field:
            raise ValidationError({f: list(m) for f, m in self.by_field.items()})


def _text(raw: Any, field: str, errors: Errors, *, limit: int, required: str = "") -> str:
    text = str(raw or "").strip()
    if not text and required:
        errors.add(field, required)
    if len(text) > limit:
        errors.add(field, _("Dit is te lang (hoogstens %(n)s tekens).") % {"n": limit})
    return text


def _year(raw: Any, field: str, errors: Errors, *, required: bool = True) -> int | None:
    if raw in (None, ""):
        if required:
            errors.add(field, _("Vul een jaar in, bijvoorbeeld 2020."))
        return None
    try:
        year = int(raw)
    except (TypeError, ValueError):
        errors.add(field, _("Vul een jaar in, bijvoorbeeld 2020."))
        return None
    low, high = YEAR_RANGE
    if not (low <= year <= high):
        errors.add(
            field, _("Kies een jaar tussen %(low)s en %(high)s.") % {"low": low, "high": high}
        )
        return None
    return year


def _archived_newcomers(organisations: list[Any], already: set[int]) -> list[str]:
    """Names of archived organisations in ``organisations`` that are not already linked: an
    archived organisation keeps the links it had, but gets no new ones."""
    return [
        o.name
        for o in organisations
        if o is not None and o.archived_at is not None and o.pk not in already
    ]


def _refuse_archived(errors: "Errors", field: str, names: list[str]) -> None:
    if names:
        errors.add(
            field,
            _("Gearchiveerd, dus niet meer te kiezen: %(names)s.") % {"names": ", ".join(names)},
        )


def _require_set_up(actor: Any, municipality_id: int) -> None:
    access.require(
        access.can_start_cycle(actor, municipality_id),
        _("Alleen een coördinator of beheerder van deze gemeente mag dit inrichten."),
    )


def _cycle_state(cycle: Cycle) -> dict[str, Any]:
    return {
        "title": cycle.title,
        "description": cycle.description,
        "period": cycle.period_label,
        "parties": sorted(p.name for p in cycle.parties.all()),
        "published": cycle.published,
    }


def _check_cycle(
    errors: Errors,
    municipality: Any,
    *,
    title: Any,
    start_year: Any,
    end_year: Any,
    parties: list[Any],
    description: Any,
    exclude: int | None = None,
    current: frozenset[int] = frozenset(),
) -> tuple[str, int | None, int | None, str]:
    title = _text(title, "title", errors, limit=200, required=_("Geef de cyclus een titel."))
    start = _year(start_year, "start_year", errors)
    end = _year(end_year, "end_year", errors)
    if start is not None and end is not None and end < start:
        errors.add("end_year", _("Het laatste jaar ligt vóór het eerste jaar."))
    same = Cycle.objects.filter(municipality=municipality, title__iexact=title).exclude(pk=exclude)
    if title and same.exists():
        errors.add("title", _("Deze gemeente heeft al een cyclus met deze titel."))
    if not parties:
        errors.add("parties", _("Kies de partijen die de afspraken maken."))
    elif not any(p.kind == "municipality" for p in parties):
        errors.add("parties", _("De gemeente zelf is een van de partijen."))
    _refuse_archived(errors, "parties", _archived_newcomers(parties, set(current)))
    description = _text(description, "description", errors, limit=10000)
    return title, start, end, description


@transaction.atomic
def create_cycle(
    actor: Any,
    *,
    municipality: Any,
    title: str,
    start_year: int,
    end_year: int,
    parties: list[Any],
    description: str = "",
    published: bool = False,
    channel: str = "web",
) -> Cycle:
    """A new cycle in the phase *voorbereiding*, with its parties and nothing else yet."""
    _require_set_up(actor, municipality.pk)
    errors = Errors()
    title, start, end, description = _check_cycle(
        errors,
        municipality,
        title=title,
        start_year=start_year,
        end_year=end_year,
        parties=parties,
        description=description,
    )
    errors.raise_any()
    assert start is not None and end is not None
    cycle = Cycle.objects.create(
        municipality=municipality,
        title=title,
        start_year=start,
        end_year=end,
        description=description,
        published=published,
    )
    cycle.parties.set(parties)
    log_action(
        "agreements.cycle.created",
        actor=actor,
        obj=cycle,
        new=_cycle_state(cycle),
        source=channel,
        cycle_id=cycle.pk,
    )
    return cycle


@transaction.atomic
def update_cycle(
    actor: Any,
    cycle: Cycle,
    *,
    title: str,
    start_year: int,
    end_year: int,
    parties: list[Any],
    description: str = "",
    channel: str = "web",
) -> Cycle:
    """Change a cycle's title, period, parties or description while its phase allows it."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    _require_set_up(actor, cycle.municipality_id)
    ensure_editable(cycle, locks.SETUP)
    errors = Errors()
    title, start, end, description = _check_cycle(
        errors,
        cycle.municipality,
        title=title,
        start_year=start_year,
        end_year=end_year,
        parties=parties,
        description=description,
        exclude=cycle.pk,
        current=frozenset(p.pk for p in cycle.parties.all()),
    )
    if start is not None and end is not None:
        outside = Target.objects.filter(agreement__theme__cycle=cycle, year__isnull=False).exclude(
            year__range=(start, end)
        )
        if outside.exists():
            errors.add(
                "end_year",
                _("Er zijn normen voor jaren buiten deze looptijd; pas die eerst aan."),
            )
    leaving = {p.pk for p in cycle.parties.all()} - {p.pk for p in parties}
    if leaving and Target.objects.filter(agreement__theme__cycle=cycle, party__in=leaving).exists():
        errors.add("parties", _("Een partij met eigen normen kan niet uit de cyclus."))
    errors.raise_any()
    assert start is not None and end is not None
    old = _cycle_state(cycle)
    cycle.title, cycle.start_year, cycle.end_year = title, start, end
    cycle.description = description
    cycle.save(update_fields=["title", "start_year", "end_year", "description"])
    cycle.parties.set(parties)
    cycle.__dict__.pop("_party_ids", None)
    new = _cycle_state(cycle)
    if new != old:
        log_action(
            "agreements.cycle.changed",
            actor=actor,
            obj=cycle,
            old=old,
            new=new,
            source=channel,
            cycle_id=cycle.pk,
        )
    return cycle


@transaction.atomic
def set_publication(actor: Any, cycle: Cycle, *, published: bool, channel: str = "web") -> Cycle:
    """Open a cycle to everyone, visitors without an account included (the published data,
    with organisation names only), or withdraw that. The municipality decides when; it is not
    bound to the phase, so a closed cycle can still be published. Both are in the history."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    _require_set_up(actor, cycle.municipality_id)
    if cycle.published == bool(published):
        return cycle
    cycle.published = bool(published)
    cycle.save(update_fields=["published"])
    log_action(
        "agreements.cycle.published" if cycle.published else "agreements.cycle.unpublished",
        actor=actor,
        obj=cycle,
        old={"published": not cycle.published},
        new={"published": cycle.published},
        source=channel,
        cycle_id=cycle.pk,
    )
    return cycle


@dataclass
class CopyReport:
    """What a copy of last year's cycle brought along, and what it left behind."""

    parties: list[str] = dataclasses.field(default_factory=list)
    themes: list[str] = dataclasses.field(default_factory=list)
    project_leaders: int = 0
    agreements: list[str] = dataclasses.field(default_factory=list)
    targets: int = 0
    ended: list[str] = dataclasses.field(
        default_factory=list
    )  # agreements that ended before the new period
    archived: list[str] = dataclasses.field(default_factory=list)  # parties left behind

    def as_data(self) -> dict[str, Any]:
        return {
            "parties": self.parties,
            "themes": self.themes,
            "projectLeaders": self.project_leaders,
            "agreements": self.agreements,
            "targets": self.targets,
            "ended": self.ended,
        }


@transaction.atomic
def copy_cycle(
    actor: Any,
    source: Cycle,
    *,
    title: str,
    start_year: int,
    end_year: int,
    description: str = "",
    channel: str = "web",
) -> tuple[Cycle, CopyReport]:
    """*Kopieer van vorig jaar*: a new cycle with the parties, themes (with their lead and
    project leader) and the multi-year agreements of ``source`` still running in the new
    period, with their targets for the years of that period. Figures, evaluations,
    approvals, bids, minutes and archived themes or agreements stay behind."""
    source = Cycle.objects.select_related("municipality").get(pk=source.pk)
    _require_set_up(actor, source.municipality_id)
    # archived organisations stay behind, and with them their leads and norms
    every_party = list(source.parties.all())
    parties = [p for p in every_party if p.archived_at is None]
    kept = {p.pk for p in parties}
    cycle = create_cycle(
        actor,
        municipality=source.municipality,
        title=title,
        start_year=start_year,
        end_year=end_year,
        parties=parties,
        description=description,
        channel=channel,
    )
    cycle.copied_from = source
    cycle.save(update_fields=["copied_from"])
    report = CopyReport(
        parties=[p.name for p in parties],
        archived=[p.name for p in every_party if p.pk not in kept],
    )
    themes = source.themes.filter(archived=False).prefetch_related(
        "agreements__involved_parties",
        "agreements__indicators",
        "agreements__targets",
    )
    for theme in themes:
        lead_kept = theme.lead_organisation_id in kept
        copy = Theme.objects.create(
            cycle=cycle,
            name=theme.name,
            order=theme.order,
            lead_organisation_id=theme.lead_organisation_id if lead_kept else None,
            project_leader_id=theme.project_leader_id if lead_kept else None,
            project_leader_name=theme.project_leader_name if lead_kept else "",
            description=theme.description,
        )
        report.themes.append(copy.name)
        report.project_leaders += bool(copy.project_leader_id or copy.project_leader_name)
        for agreement in theme.agreements.all():
            if agreement.archived:
                continue
            if agreement.runs_until(source) < cycle.start_year:
                report.ended.append(f"{agreement.number} {agreement.title}")
                continue
            report.targets += _copy_agreement(agreement, copy, cycle, kept)
            report.agreements.append(f"{agreement.number} {agreement.title}")
    log_action(
        "agreements.cycle.copied",
        actor=actor,
        obj=cycle,
        new={"from": source.title, **report.as_data()},
        source=channel,
        cycle_id=cycle.pk,
    )
    return cycle, report


def _copy_agreement(agreement: Agreement, theme: Theme, cycle: Cycle, parties: set[int]) -> int:
    """Copy ``agreement`` into ``theme`` with what concerns ``parties`` (the new cycle's);
    returns how many targets came along."""
    copy = Agreement.objects.create(
        theme=theme,
        number=agreement.number,
        title=agreement.title,
        text=agreement.text,
        kind=agreement.kind,
        lead_party_id=agreement.lead_party_id if agreement.lead_party_id in parties else None,
        start_year=agreement.start_year,
        end_year=agreement.end_year,
        order=agreement.order,
    )
    copy.involved_parties.set([p for p in agreement.involved_parties.all() if p.pk in parties])
    copy.indicators.set(agreement.indicators.all())
    targets = [
        Target(
            agreement=copy,
            indicator_id=t.indicator_id,
            party_id=t.party_id,
            year=t.year,
            kind=t.kind,
            value=t.value,
            low=t.low,
            high=t.high,
            label=t.label,
            tolerance=t.tolerance,
            note=t.note,
            order=t.order,
        )
        for t in agreement.targets.all()
        if (t.year is None or cycle.start_year <= t.year <= cycle.end_year)
        and (t.party_id is None or t.party_id in parties)
    ]
    Target.objects.bulk_create(targets)
    return len(targets)


# --- Themes ---------------------------------------------------------------------------------


def _theme_state(theme: Theme) -> dict[str, Any]:
    return {
        "name": theme.name,
        "order": theme.order,
        "lead": theme.lead_organisation.name if theme.lead_organisation else "",
        "project_leader": theme.project_leader_label,
        "description": theme.description,
        "archived": theme.archived,
    }


def _check_theme(
    errors: Errors,
    cycle: Cycle,
    *,
    name: Any,
    lead_organisation: Any,
    project_leader: Any,
    description: Any,
    exclude: int | None = None,
    current_lead: int | None = None,
) -> tuple[str, str]:
    name = _text(name, "name", errors, limit=120, required=_("Geef het thema een naam."))
    if name and cycle.themes.filter(name__iexact=name).exclude(pk=exclude).exists():
        errors.add("name", _("Deze cyclus heeft al een thema met deze naam."))
    if lead_organisation is not None and lead_organisation.pk not in access.party_ids(cycle):
        errors.add("lead_organisation", _("De trekker is een partij in deze cyclus."))
    _refuse_archived(
        errors,
        "lead_organisation",
        _archived_newcomers([lead_organisation], {current_lead} if current_lead else set()),
    )
    if project_leader is not None:
        if lead_organisation is None:
            errors.add(
                "project_leader", _("Kies eerst de trekker; de projectleider hoort daarbij.")
            )
        elif not access.has_membership(project_leader, lead_organisation.pk):
            errors.add(
                "project_leader",
                _("%(person)s werkt niet bij %(org)s, de trekker van dit thema.")
                % {
                    "person": project_leader.get_full_name() or project_leader.get_username(),
                    "org": lead_organisation.name,
                },
            )
    description = _text(description, "description", errors, limit=10000)
    return name, description


@transaction.atomic
def add_theme(
    actor: Any,
    cycle: Cycle,
    *,
    name: str,
    order: int | None = None,
    lead_organisation: Any = None,
    project_leader: Any = None,
    project_leader_name: str = "",
    description: str = "",
    channel: str = "web",
) -> Theme:
    """A theme at the end of the cycle's themes (or at ``order``)."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    access.require(access.can_edit_agreements(actor, cycle), _("U mag deze cyclus niet wijzigen."))
    ensure_editable(cycle, locks.SETUP)
    errors = Errors()
    name, description = _check_theme(
        errors,
        cycle,
        name=name,
        lead_organisation=lead_organisation,
        project_leader=project_leader,
        description=description,
    )
    errors.raise_any()
    if order is None:
        last = cycle.themes.aggregate(last=Max("order"))["last"]
        order = (last or 0) + 1
    theme = Theme.objects.create(
        cycle=cycle,
        name=name,
        order=order,
        lead_organisation=lead_organisation,
        project_leader=project_leader,
        project_leader_name=(project_leader_name or "").strip()[:200],
        description=description,
    )
    log_action(
        "agreements.theme.created",
        actor=actor,
        obj=theme,
        new=_theme_state(theme),
        source=channel,
        cycle_id=cycle.pk,
    )
    return theme


def _locked_theme(actor: Any, theme: Theme) -> Theme:
    theme = (
        Theme.objects.select_for_update(of=("self",))
        .select_related("cycle", "lead_organisation", "project_leader")
        .get(pk=theme.pk)
    )
    access.require(
        access.can_edit_agreements(actor, theme.cycle), _("U mag dit thema niet wijzigen.")
    )
    ensure_editable(theme.cycle, locks.SETUP)
    return theme


def theme_version(theme: Theme) -> str:
    """The version of a theme, sent back by its form (themes have no version column)."""
    return versions.fingerprint(_theme_state(theme))


@transaction.atomic
def update_theme(
    actor: Any,
    theme: Theme,
    *,
    name: str,
    lead_organisation: Any = None,
    project_leader: Any = None,
    description: str = "",
    channel: str = "web",
    expected_version: str | None = None,
) -> Theme:
    """Rename a theme or change its lead, project leader or description. With
    ``expected_version`` (:func:`theme_version` when the form was shown) a theme someone
    else changed meanwhile is not overwritten: :class:`Conflict`, nothing written."""
    theme = _locked_theme(actor, theme)
    if expected_version is not None and expected_version != theme_version(theme):
        raise Conflict(
            _(
                "Iemand anders heeft dit thema intussen gewijzigd. Er is niets opgeslagen; uw "
                "invoer staat hieronder nog. Sla opnieuw op om de huidige versie te vervangen."
            ),
            current=_theme_state(theme),
        )
    errors = Errors()
    name, description = _check_theme(
        errors,
        theme.cycle,
        name=name,
        lead_organisation=lead_organisation,
        project_leader=project_leader,
        description=description,
        exclude=theme.pk,
        current_lead=theme.lead_organisation_id,
    )
    errors.raise_any()
    old = _theme_state(theme)
    theme.name, theme.description = name, description
    theme.lead_organisation, theme.project_leader = lead_organisation, project_leader
    if project_leader is not None:
        theme.project_leader_name = ""
    theme.save()
    new = _theme_state(theme)
    if new != old:
        log_action(
            "agreements.theme.changed",
            actor=actor,
            obj=theme,
            old=old,
            new=new,
            source=channel,
            cycle_id=theme.cycle_id,
        )
    return theme


@transaction.atomic
def move_theme(actor: Any, theme: Theme, *, up: bool, channel: str = "web") -> Theme:
    """Swap ``theme`` with the theme before (``up``) or after it in the cycle's order."""
    theme = _locked_theme(actor, theme)
    themes = list(Theme.objects.select_for_update().filter(cycle_id=theme.cycle_id))
    themes.sort(key=lambda t: (t.order, t.pk))
    index = next(i for i, t in enumerate(themes) if t.pk == theme.pk)
    other = index - 1 if up else index + 1
    if not (0 <= other < len(themes)):
        return theme
    themes[index], themes[other] = themes[other], themes[index]
    old = [t.name for t in sorted(themes, key=lambda t: (t.order, t.pk))]
    for order, t in enumerate(themes, start=1):
        if t.order != order:
            t.order = order
            t.save(update_fields=["order"])
    log_action(
        "agreements.theme.moved",
        actor=actor,
        obj=theme,
        old={"order": old},
        new={"order": [t.name for t in themes]},
        source=channel,
        cycle_id=theme.cycle_id,
    )
    return next(t for t in themes if t.pk == theme.pk)


@transaction.atomic
def archive_theme(
    actor: Any, theme: Theme, *, archived: bool = True, channel: str = "web"
) -> Theme:
    """Archive a theme (it stays in the history and in signed versions) or bring it back."""
    theme = _locked_theme(actor, theme)
    if theme.archived == archived:
        return theme
    theme.archived = archived
    theme.save(update_fields=["archived"])
    log_action(
        "agreements.theme.archived" if archived else "agreements.theme.restored",
        actor=actor,
        obj=theme,
        old={"archived": not archived},
        new={"archived": archived},
        source=channel,
        cycle_id=theme.cycle_id,
    )
    return theme


@transaction.atomic
def delete_theme(actor: Any, theme: Theme, *, channel: str = "web") -> None:
    """Delete a theme that has no history of its own yet; otherwise refuse and offer archiving."""
    theme = _locked_theme(actor, theme)
    if theme.agreements.exists() or theme.assignments.exists():
        raise ValidationError(
            _(
                "Dit thema heeft afspraken of bestuursopdrachten en dus een geschiedenis; "
                "verwijderen kan niet. Archiveer het thema: dan blijft de geschiedenis bewaard."
            ),
            code="has_history",
        )
    log_action(
        "agreements.theme.deleted",
        actor=actor,
        obj=theme,
        old=_theme_state(theme),
        source=channel,
        cycle_id=theme.cycle_id,
    )
    theme.delete()


# --- Agreements -----------------------------------------------------------------------------


def _check_followed(
    errors: Errors, cycle: Cycle, indicators: list[Any], agreement: Agreement | None = None
) -> None:
    """The indicators an agreement follows (without a norm): the municipality's own or shared
    ones, not archived unless the agreement already follows them."""
    current = set(agreement.indicators.values_list("pk", flat=True)) if agreement else set()
    for indicator in indicators:
        if indicator.municipality_id not in (None, cycle.municipality_id):
            errors.add("indicators", _("Kies indicatoren van deze gemeente."))
        elif indicator.archived and indicator.pk not in current:
            message = _("%(name)s is gearchiveerd en kan niet worden gevolgd.")
            errors.add("indicators", message % {"name": indicator.name})


def _check_agreement(
    errors: Errors,
    theme: Theme,
    *,
    number: str,
    title: Any,
    text: Any,
    kind: Any,
    lead_party: Any,
    involved: list[Any],
    start_year: Any,
    end_year: Any,
    exclude: int | None = None,
    current: frozenset[int] = frozenset(),
) -> dict[str, Any]:
    cycle = theme.cycle
    number = _text(number, "number", errors, limit=20)
    if number and theme.agreements.filter(number__iexact=number).exclude(pk=exclude).exists():
        errors.add("number", _("Dit thema heeft al een afspraak met dit nummer."))
    title = _text(title, "title", errors, limit=300, required=_("Geef de afspraak een titel."))
    text = _text(text, "text", errors, limit=20000)
    if kind not in Agreement.Kind.values:
        errors.add("kind", _("Kies inspanningsafspraak of resultaatafspraak."))
    parties = access.party_ids(cycle)
    if lead_party is not None and lead_party.pk not in parties:
        errors.add("lead_party", _("De trekker is een partij in deze cyclus."))
    strangers = [p.name for p in involved if p.pk not in parties]
    if strangers:
        errors.add(
            "involved_parties",
            _("Geen partij in deze cyclus: %(names)s.") % {"names": ", ".join(strangers)},
        )
    _refuse_archived(errors, "lead_party", _archived_newcomers([lead_party], set(current)))
    _refuse_archived(errors, "involved_parties", _archived_newcomers(involved, set(current)))
    start = _year(start_year, "start_year", errors, required=False)
    end = _year(end_year, "end_year", errors, required=False)
    if start is not None and not (cycle.start_year <= start <= cycle.end_year):
        errors.add(
            "start_year",
            _("Een afspraak begint binnen de looptijd %(period)s.")
            % {"period": cycle.period_label},
        )
    if end is not None and end < (start or cycle.start_year):
        errors.add("end_year", _("Het laatste jaar ligt vóór het eerste jaar."))
    return {
        "number": number,
        "title": title,
        "text": text,
        "kind": kind,
        "start_year": start,
        "end_year": end,
    }


def next_agreement_number(theme: Theme) -> str:
    """``<theme order>.<n>``: the next free number in the theme, as the demo numbers them."""
    taken = set(theme.agreements.values_list("number", flat=True))
    n = theme.agreements.count() + 1
    while f"{theme.order}.{n}" in taken:
        n += 1
    return f"{theme.order}.{n}"


@transaction.atomic
def add_agreement(
    actor: Any,
    theme: Any,
    *,
    number: str = "",
    title: str,
    text: str = "",
    kind: str = "effort",
    lead_party: Any = None,
    involved: list[Any] | None = None,
    order: int | None = None,
    indicators: list[Any] | None = None,
    start_year: int | None = None,
    end_year: int | None = None,
    channel: str = "web",
) -> Agreement:
    """A new (concept) agreement in ``theme``; without a number it gets the next free one."""
    theme = Theme.objects.select_related("cycle").get(pk=theme.pk)
    cycle = Cycle.objects.select_for_update().get(pk=theme.cycle_id)
    theme.cycle = cycle
    access.require(access.can_edit_agreements(actor, cycle), _("U mag deze cyclus niet wijzigen."))
    ensure_editable(cycle, locks.TEXTS)
    errors = Errors()
    if theme.archived:
        errors.add("theme", _("Dit thema is gearchiveerd; kies een ander thema."))
    clean = _check_agreement(
        errors,
        theme,
        number=number,
        title=title,
        text=text,
        kind=kind,
        lead_party=lead_party,
        involved=involved or [],
        start_year=start_year,
        end_year=end_year,
    )
    _check_followed(errors, cycle, indicators or [])
    errors.raise_any()
    clean["number"] = clean["number"] or next_agreement_number(theme)
    if order is None:
        order = (theme.agreements.aggregate(last=Max("order"))["last"] or 0) + 1
    agreement = Agreement.objects.create(theme=theme, lead_party=lead_party, order=order, **clean)
    agreement.involved_parties.set(involved or [])
    agreement.indicators.set(indicators or [])
    log_action(
        "agreements.agreement.created",
        actor=actor,
        obj=agreement,
        new=_agreement_state(agreement),
        source=channel,
        cycle_id=cycle.pk,
        agreement_id=agreement.pk,
    )
    return agreement


def _agreement_state(a: Agreement) -> dict[str, Any]:
    """The agreement as its history keeps it: parties by name for the reader, and by id
    (hidden on the history page) so that a restore finds them again after a rename."""
    involved = sorted(a.involved_parties.all(), key=lambda p: (p.name, p.pk))
    return {
        **{f: getattr(a, f) for f in AGREEMENT_FIELDS},
        "lead_party": a.lead_party.name if a.lead_party else None,
        "involved_parties": [p.name for p in involved],
        "lead_party_id": a.lead_party_id,
        "involved_party_ids": [p.pk for p in involved],
        "indicators": sorted(i.name for i in a.indicators.all()),
        "archived": a.archived,
        "version": a.version,
    }


def _locked_agreement(actor: Any, agreement: Agreement, area: str = locks.TEXTS) -> Agreement:
    agreement = (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("theme__cycle", "lead_party")
        .get(pk=agreement.pk)
    )
    access.require(
        access.can_edit_agreements(actor, agreement.theme.cycle),
        _("U mag deze afspraak niet wijzigen."),
    )
    ensure_editable(agreement.theme.cycle, area)
    return agreement


@transaction.atomic
def archive_agreement(
    actor: Any, agreement: Agreement, *, archived: bool = True, channel: str = "web"
) -> Agreement:
    agreement = _locked_agreement(actor, agreement)
    if agreement.archived == archived:
        return agreement
    old = _agreement_state(agreement)
    agreement.archived = archived
    agreement.version += 1
    agreement.save(update_fields=["archived", "version"])
    log_action(
        "agreements.agreement.archived" if archived else "agreements.agreement.restored",
        actor=actor,
        obj=agreement,
        old=old,
        new=_agreement_state(agreement),
        source=channel,
        cycle_id=agreement.theme.cycle_id,
        agreement_id=agreement.pk,
    )
    return agreement


def agreement_has_history(agreement: Agreement) -> bool:
    """Figures, evaluations, or a signature: then the agreement is archived, never deleted."""
    if Measurement.objects.filter(target__agreement=agreement).exists():
        return True
    if agreement.assessments.exists():
        return True
    return is_frozen(agreement.theme.cycle)


@transaction.atomic
def delete_agreement(actor: Any, agreement: Agreement, *, channel: str = "web") -> None:
    agreement = _locked_agreement(actor, agreement)
    if agreement_has_history(agreement):
        raise ValidationError(
            _(
                "Deze afspraak heeft realisaties, evaluaties of een handtekening en dus een "
                "geschiedenis; verwijderen kan niet. Archiveer de afspraak: dan blijft de "
                "geschiedenis bewaard."
            ),
            code="has_history",
        )
    log_action(
        "agreements.agreement.deleted",
        actor=actor,
        obj=agreement,
        old=_agreement_state(agreement),
        source=channel,
        cycle_id=agreement.theme.cycle_id,
    )
    agreement.delete()


# --- Targets --------------------------------------------------------------------------------


def _number_or_none(raw: Any, field: str, errors: Errors) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        return parse_value(raw)
    except ValidationError as exc:
        for message in exc.messages:
            errors.add(field, message)
        return None


@transaction.atomic
def add_target(
    actor: Any,
    agreement: Agreement,
    *,
    indicator: Any,
    kind: str,
    party: Any = None,
    year: int | None = None,
    value: Any = None,
    low: Any = None,
    high: Any = None,
    label: str = "",
    tolerance: Any = 0,
    note: str = "",
    order: int | None = None,
    channel: str = "web",
) -> Target:
    """A norm for ``indicator``, for ``party`` (or all jointly), in ``year`` (or cumulative)."""
    agreement = Agreement.objects.select_related("theme__cycle").get(pk=agreement.pk)
    cycle = agreement.theme.cycle
    access.require(access.can_edit_agreements(actor, cycle), _("U mag deze cyclus niet wijzigen."))
    ensure_editable(cycle, locks.TARGETS)
    errors = Errors()
    if indicator is None:
        errors.add("indicator", _("Kies een indicator."))
    elif indicator.municipality_id not in (None, cycle.municipality_id):
        errors.add("indicator", _("Deze indicator hoort bij een andere gemeente."))
    if kind not in Target.Kind.values:
        errors.add("kind", _("Kies een soort norm."))
    if year is not None and not (cycle.start_year <= year <= cycle.end_year):
        errors.add(
            "year",
            _("Kies een jaar binnen de looptijd %(period)s.") % {"period": cycle.period_label},
        )
    if party is not None and party.pk not in access.party_ids(cycle):
        errors.add("party", _("Deze organisatie is geen partij in deze cyclus."))
    _refuse_archived(errors, "party", _archived_newcomers([party], set()))
    numbers = {
        name: _number_or_none(raw, name, errors)
        for name, raw in (("value", value), ("low", low), ("high", high))
    }
    tolerance_value = _number_or_none(tolerance or 0, "tolerance", errors) or Decimal(0)
    label = str(label or "").strip().upper()
    note = _text(note, "note", errors, limit=5000)
    errors.raise_any()
    if order is None:
        order = (agreement.targets.aggregate(last=Max("order"))["last"] or 0) + 1
    target = Target(
        agreement=agreement,
        indicator=indicator,
        kind=kind,
        party=party,
        year=year,
        label=label,
        tolerance=tolerance_value,
        note=note,
        order=order,
        **numbers,
    )
    _check_norm(target)
    target.save()
    log_action(
        "agreements.target.created",
        actor=actor,
        obj=target,
        new=_target_state(target),
        source=channel,
        cycle_id=cycle.pk,
        agreement_id=agreement.pk,
    )
    return target


@transaction.atomic
def delete_target(actor: Any, target: Target, *, channel: str = "web") -> None:
    """Remove a norm without figures; a norm with figures has a history and stays."""
    target = (
        Target.all_objects.select_for_update(of=("self",))
        .select_related("agreement__theme__cycle", "indicator", "party")
        .get(pk=target.pk)
    )
    cycle = cycle_of_target(target)
    access.require(access.can_edit_agreements(actor, cycle), _("U mag deze norm niet wijzigen."))
    ensure_editable(cycle, locks.TARGETS)
    if target.measurements.exists():
        raise ValidationError(
            _(
                "Voor deze norm zijn al realisaties vastgelegd; verwijderen kan niet. Archiveer "
                "de norm: de realisaties en de geschiedenis blijven dan bewaard."
            ),
            code="has_history",
        )
    log_action(
        "agreements.target.deleted",
        actor=actor,
        obj=target,
        old=_target_state(target),
        source=channel,
        cycle_id=cycle.pk,
        agreement_id=target.agreement_id,
    )
    target.delete()


# --- Indicators -----------------------------------------------------------------------------


def indicator_state(i: Indicator) -> dict[str, Any]:
    """What an indicator says: in its history, its version and the API."""
    return {
        "name": i.name,
        "unit": i.unit,
        "direction": i.direction,
        "aggregation": i.aggregation,
        "source": i.source,
        "description": i.description,
        "archived": i.archived,
    }


def _check_indicator(
    errors: Errors,
    municipality: Any,
    *,
    name: Any,
    unit: Any,
    direction: Any,
    aggregation: Any,
    source: Any,
    description: Any,
    exclude: int | None = None,
) -> dict[str, Any]:
    name = _text(name, "name", errors, limit=200, required=_("Geef de indicator een naam."))
    same = Indicator.objects.filter(name__iexact=name).filter(
        Q(municipality=municipality) | Q(municipality__isnull=True)
    )
    if name and same.exclude(pk=exclude).exists():
        errors.add("name", _("Er is al een indicator met deze naam."))
    if unit not in Indicator.Unit.values:
        errors.add("unit", _("Kies een eenheid."))
    if direction not in Indicator.Direction.values:
        errors.add("direction", _("Kies een richting."))
    if aggregation not in Indicator.Aggregation.values:
        errors.add("aggregation", _("Kies hoe de cijfers van de partijen samengaan."))
    return {
        "name": name,
        "unit": unit,
        "direction": direction,
        "aggregation": aggregation,
        "source": _text(source, "source", errors, limit=300),
        "description": _text(description, "description", errors, limit=5000),
    }


@transaction.atomic
def add_indicator(
    actor: Any,
    municipality: Any,
    *,
    name: str,
    unit: str,
    direction: str = Indicator.Direction.NEUTRAL,
    aggregation: str = Indicator.Aggregation.SUM,
    source: str = "",
    description: str = "",
    channel: str = "web",
) -> Indicator:
    """An indicator of ``municipality``'s own; its name is unique in that municipality."""
    _require_set_up(actor, municipality.pk)
    errors = Errors()
    clean = _check_indicator(
        errors,
        municipality,
        name=name,
        unit=unit,
        direction=direction,
        aggregation=aggregation,
        source=source,
        description=description,
    )
    errors.raise_any()
    indicator = Indicator.objects.create(municipality=municipality, **clean)
    log_action(
        "agreements.indicator.created",
        actor=actor,
        obj=indicator,
        new=indicator_state(indicator),
        source=channel,
    )
    return indicator


def indicator_version(indicator: Indicator) -> str:
    """The version of an indicator, sent back by a client (indicators have no version column)."""
    return versions.fingerprint(indicator_state(indicator))


@transaction.atomic
def update_indicator(
    actor: Any,
    indicator: Indicator,
    *,
    name: str,
    unit: str,
    direction: str,
    aggregation: str,
    source: str = "",
    description: str = "",
    archived: bool = False,
    channel: str = "web",
    expected_version: str | None = None,
) -> Indicator:
    """Change a municipality's own indicator; its unit stays once norms use it. With
    ``expected_version`` (:func:`indicator_version` when it was read) an indicator someone
    else changed meanwhile is not overwritten: :class:`Conflict`, nothing written."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    if indicator.municipality_id is None:
        raise PermissionDenied(_("Een gedeelde indicator wijzigt alleen de leverancier."))
    _require_set_up(actor, indicator.municipality_id)
    if expected_version is not None and expected_version != indicator_version(indicator):
        raise Conflict(
            _("Iemand anders heeft deze indicator intussen gewijzigd."),
            current={**indicator_state(indicator), "version": indicator_version(indicator)},
        )
    errors = Errors()
    clean = _check_indicator(
        errors,
        indicator.municipality,
        name=name,
        unit=unit,
        direction=direction,
        aggregation=aggregation,
        source=source,
        description=description,
        exclude=indicator.pk,
    )
    used = indicator.targets.exists()
    if used and clean["unit"] != indicator.unit:
        errors.add("unit", _("Normen gebruiken deze indicator al; de eenheid blijft."))
    if used and clean["aggregation"] != indicator.aggregation:
        errors.add("aggregation", _("Normen gebruiken deze indicator al; dit blijft zoals het is."))
    errors.raise_any()
    old = indicator_state(indicator)
    for name_, value in clean.items():
        setattr(indicator, name_, value)
    indicator.archived = archived
    indicator.save()
    new = indicator_state(indicator)
    if new != old:
        log_action(
            "agreements.indicator.changed",
            actor=actor,
            obj=indicator,
            old=old,
            new=new,
            source=channel,
        )
    return indicator


TARGET_FIELDS = (
    "indicator",
    "party",
    "year",
    "kind",
    "value",
    "low",
    "high",
    "label",
    "tolerance",
    "note",
)


def _check_target_place(
    errors: Errors, target: Target, cycle: Cycle, changes: dict[str, Any]
) -> None:
    """The indicator, party and year a changed norm moves to must fit the cycle."""
    if "indicator" in changes:
        indicator = changes["indicator"]
        if indicator is None:
            errors.add("indicator", _("Kies een indicator."))
        elif indicator.municipality_id not in (None, cycle.municipality_id):
            errors.add("indicator", _("Deze indicator hoort bij een andere gemeente."))
    if "party" in changes:
        party = changes["party"]
        if party is not None and party.pk not in access.party_ids(cycle):
            errors.add("party", _("Deze organisatie is geen partij in deze cyclus."))
        _refuse_archived(errors, "party", _archived_newcomers([party], {target.party_id} - {None}))
    year = changes.get("year")
    if year is not None and not (cycle.start_year <= int(year) <= cycle.end_year):
        errors.add(
            "year",
            _("Kies een jaar binnen de looptijd %(period)s.") % {"period": cycle.period_label},
        )


def _locked_target(actor: Any, target: Target) -> Target:
    """The norm (archived or not), locked, after the access and phase checks."""
    target = (
        Target.all_objects.select_for_update(of=("self",))
        .select_related("agreement__theme__cycle", "indicator", "party")
        .get(pk=target.pk)
    )
    cycle = cycle_of_target(target)
    access.require(access.can_edit_agreements(actor, cycle), _("U mag deze norm niet wijzigen."))
    ensure_editable(cycle, locks.TARGETS)
    return target


@transaction.atomic
def archive_target(
    actor: Any, target: Target, *, archived: bool = True, channel: str = "web"
) -> Target:
    """An archived norm keeps its figures and history but no longer counts: not on the
    agreement's page, in the verdicts, the documents or a copy to next year."""
    target = _locked_target(actor, target)
    if target.archived != archived:
        target.archived = archived
        target.version += 1
        target.save(update_fields=["archived", "version"])
        log_action(
            "agreements.target.archived" if archived else "agreements.target.restored",
            actor=actor,
            obj=target,
            old={"archived": not archived},
            new={"archived": archived},
            source=channel,
            cycle_id=target.agreement.theme.cycle_id,
            agreement_id=target.agreement_id,
        )
    return target


@transaction.atomic
def update_target(
    actor: Any,
    target: Target,
    *,
    changes: dict[str, Any],
    expected_version: int,
    channel: str = "web",
) -> Target:
    target = _locked_target(actor, target)
    cycle = cycle_of_target(target)
    unknown = set(changes) - set(TARGET_FIELDS)
    if unknown:
        raise ValidationError(_("Onbekende velden: %(f)s") % {"f": ", ".join(sorted(unknown))})
    old = _target_state(target)
    if expected_version != target.version:
        raise Conflict(_("Iemand anders heeft deze norm intussen gewijzigd."), current=old)
    errors = Errors()
    _check_target_place(errors, target, cycle, changes)
    errors.raise_any()
    for field, raw in changes.items():
        if field in ("value", "low", "high"):
            raw = None if raw in (None, "") else parse_value(raw)
        elif field == "tolerance":
            raw = parse_value(raw or 0)
        setattr(target, field, raw)
    _check_norm(target)
    target.version += 1
    target.save()
    log_action(
        "agreements.target.changed",
        actor=actor,
        obj=target,
        old=old,
        new=_target_state(target),
        source=channel,
        cycle_id=cycle.pk,
        agreement_id=target.agreement_id,
    )
    return target


# --- Board assignments (bestuursopdrachten) of a theme and their findings (conclusies) ------

ASSIGNMENT_YEARS = (1900, 2100)
MAX_FINDING = 2000
MAX_ASSIGNMENT_TEXT = 10000


def _require_theme_editor(actor: Any, cycle: Cycle, message: str) -> None:
    """The one check for assignments and findings: as for agreements, a coordinator of the
    cycle while it is not signed (or an amendment being applied)."""
    access.require(access.can_edit_agreements(actor, cycle), message)
    ensure_editable(cycle, locks.TEXTS)


def plain_text(raw: Any) -> str:
    """``raw`` as stripped text; a control character no one types (NUL) is refused, not
    stored: PostgreSQL cannot hold it and SQLite would keep it silently."""
    text = str(raw or "").strip()
    if "\x00" in text:
        raise ValidationError(
            _("De tekst bevat een onzichtbaar teken (NUL) dat niet kan worden opgeslagen."),
            code="null_characters_not_allowed",
        )
    return text


def _required_text(raw: Any, *, empty: str, limit: int, too_long: str) -> str:
    text = plain_text(raw)
    if not text:
        raise ValidationError(empty, code="required")
    if len(text) > limit:
        raise ValidationError(too_long % {"n": limit}, code="max_length")
    return text


def _source(raw: Any) -> str:
    source = plain_text(raw)
    if len(source) > 300:
        raise ValidationError(_("De bron is te lang (hoogstens 300 tekens)."), code="max_length")
    return source


def _assignment_state(a: ThemeAssignment) -> dict[str, Any]:
    return {
        "theme": a.theme.name,
        "year": a.year,
        "title": a.title,
        "text": a.text,
        "version": a.version,
    }


def _finding_state(f: Finding) -> dict[str, Any]:
    return {
        "assignment": f.assignment.title,
        "text": f.text,
        "source": f.source,
        "version": f.version,
    }


@transaction.atomic
def add_assignment(
    actor: Any,
    theme: Theme,
    *,
    year: int | None,
    title: str,
    text: str = "",
    channel: str = "web",
) -> ThemeAssignment:
    """Record a board assignment for ``theme``; its findings are added one by one."""
    theme = Theme.objects.select_for_update(of=("self",)).select_related("cycle").get(pk=theme.pk)
    cycle = theme.cycle
    _require_theme_editor(
        actor, cycle, _("U mag de bestuursopdrachten van dit thema niet wijzigen.")
    )
    low, high = ASSIGNMENT_YEARS
    if year is None or isinstance(year, bool) or not (low <= year <= high):
        raise ValidationError(
            _("Vul een jaar in tussen %(low)s en %(high)s, bijvoorbeeld 2016.")
            % {"low": low, "high": high},
            code="year",
        )
    title = _required_text(
        title,
        empty=_("Vul een titel in, bijvoorbeeld ‘Bestuursopdracht 2016’."),
        limit=200,
        too_long=_("De titel is te lang (hoogstens %(n)s tekens)."),
    )
    text = str(text or "").strip()
    if len(text) > MAX_ASSIGNMENT_TEXT:
        raise ValidationError(
            _("De opdracht is te lang (hoogstens %(n)s tekens).") % {"n": MAX_ASSIGNMENT_TEXT}
        )
    last = theme.assignments.order_by("-order").values_list("order", flat=True).first()
    assignment = ThemeAssignment.objects.create(
        theme=theme, year=year, title=title, text=text, order=(last or 0) + 1, version=1
    )
    log_action(
        "agreements.assignment.created",
        actor=actor,
        obj=assignment,
        new=_assignment_state(assignment),
        source=channel,
        cycle_id=cycle.pk,
    )
    return assignment


@transaction.atomic
def add_finding(
    actor: Any,
    assignment: ThemeAssignment,
    *,
    text: str,
    source: str = "",
    channel: str = "web",
) -> Finding:
    """Add a finding at the end of ``assignment``'s findings."""
    assignment = (
        ThemeAssignment.objects.select_for_update(of=("self",))
        .select_related("theme__cycle")
        .get(pk=assignment.pk)
    )
    cycle = assignment.theme.cycle
    _require_theme_editor(
        actor, cycle, _("U mag de conclusies van deze bestuursopdracht niet wijzigen.")
    )
    text = _required_text(
        text,
        empty=_("Vul de conclusie in."),
        limit=MAX_FINDING,
        too_long=_("De conclusie is te lang (hoogstens %(n)s tekens)."),
    )
    last = assignment.findings.order_by("-order").values_list("order", flat=True).first()
    finding = Finding.objects.create(
        assignment=assignment, text=text, source=_source(source), order=(last or 0) + 1
    )
    log_action(
        "agreements.finding.created",
        actor=actor,
        obj=finding,
        new=_finding_state(finding),
        source=channel,
        cycle_id=cycle.pk,
    )
    return finding


def _locked_finding(finding: Finding) -> Finding:
    return (
        Finding.objects.select_for_update(of=("self",))
        .select_related("assignment__theme__cycle")
        .get(pk=finding.pk)
    )


def _check_finding_version(finding: Finding, expected_version: int | None) -> None:
    if expected_version != finding.version:
        raise Conflict(
            _(
                "Iemand anders heeft deze conclusie intussen gewijzigd. Bekijk de huidige "
                "tekst en voer uw wijziging opnieuw in."
            ),
            current=_finding_state(finding),
        )


@transaction.atomic
def update_finding(
    actor: Any,
    finding: Finding,
    *,
    text: str,
    source: str = "",
    expected_version: int | None,
    channel: str = "web",
) -> Finding:
    """Correct the text or source of a finding the caller saw at ``expected_version``."""
    finding = _locked_finding(finding)
    cycle = finding.assignment.theme.cycle
    _require_theme_editor(actor, cycle, _("U mag deze conclusie niet wijzigen."))
    text = _required_text(
        text,
        empty=_("Vul de conclusie in; wilt u haar weghalen, kies dan ‘Verwijderen’."),
        limit=MAX_FINDING,
        too_long=_("De conclusie is te lang (hoogstens %(n)s tekens)."),
    )
    source = _source(source)
    _check_finding_version(finding, expected_version)
    old = _finding_state(finding)
    if (text, source) == (finding.text, finding.source):
        return finding  # nothing changed: no new version, no audit entry
    finding.text = text
    finding.source = source
    finding.version += 1
    finding.save()
    log_action(
        "agreements.finding.changed",
        actor=actor,
        obj=finding,
        old=old,
        new=_finding_state(finding),
        source=channel,
        cycle_id=cycle.pk,
    )
    return finding


@transaction.atomic
def remove_finding(
    actor: Any,
    finding: Finding,
    *,
    expected_version: int | None,
    channel: str = "web",
) -> None:
    """Remove a finding; the history keeps its last text."""
    finding = _locked_finding(finding)
    cycle = finding.assignment.theme.cycle
    _require_theme_editor(actor, cycle, _("U mag deze conclusie niet verwijderen."))
    _check_finding_version(finding, expected_version)
    log_action(
        "agreements.finding.deleted",
        actor=actor,
        obj=finding,
        old=_finding_state(finding),
        source=channel,
        cycle_id=cycle.pk,
    )
    finding.delete()
