"""Write use cases for agreements: the only code that changes these models.

Every function checks permission through :mod:`woonafspraken.accounts.access`, runs in one
transaction, locks the row it changes, refuses stale edits (optimistic locking on
``version``) and writes one audit entry with the old and the new values.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken import numerals, verdicts
from woonafspraken.accounts import access
from woonafspraken.audit.services import log_action
from woonafspraken.process.rules import ensure_editable

from . import evaluation
from .models import (
    Agreement,
    Assessment,
    Cycle,
    Finding,
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


AGREEMENT_FIELDS = ("number", "title", "text", "kind")


@transaction.atomic
def update_agreement(
    actor: Any,
    agreement: Agreement,
    *,
    changes: dict[str, Any],
    expected_version: int,
    channel: str = "web",
) -> Agreement:
    agreement = (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("theme__cycle")
        .get(pk=agreement.pk)
    )
    cycle = agreement.theme.cycle
    access.require(
        access.can_edit_agreements(actor, cycle), _("U mag deze afspraak niet wijzigen.")
    )
    ensure_editable(cycle)
    unknown = set(changes) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError(_("Onbekende velden: %(f)s") % {"f": ", ".join(sorted(unknown))})
    old = {f: getattr(agreement, f) for f in AGREEMENT_FIELDS}
    if expected_version != agreement.version:
        raise Conflict(
            _("Iemand anders heeft deze afspraak intussen gewijzigd."),
            current={**old, "version": agreement.version},
        )
    for field, value in changes.items():
        setattr(agreement, field, value)
    agreement.full_clean(exclude=["theme", "lead_party"])
    agreement.version += 1
    agreement.save()
    log_action(
        "agreements.agreement.changed",
        actor=actor,
        obj=agreement,
        old={**old, "version": agreement.version - 1},
        new={**{f: getattr(agreement, f) for f in AGREEMENT_FIELDS}, "version": agreement.version},
        source=channel,
        cycle_id=cycle.pk,
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
        raise ValidationError(str(exc), code="norm") from None


# --- Setting up a cycle: used by coordinators (and the demo loader, acting as one) -----------


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
) -> Cycle:
    access.require(
        access.can_start_cycle(actor, getattr(municipality, "pk", None)),
        _("Alleen een coördinator of beheerder mag een cyclus aanmaken."),
    )
    if end_year < start_year:
        raise ValidationError(_("Het laatste jaar ligt vóór het eerste jaar."))
    cycle = Cycle.objects.create(
        municipality=municipality,
        title=title,
        start_year=start_year,
        end_year=end_year,
        description=description,
        published=published,
    )
    cycle.parties.set(parties)
    log_action(
        "agreements.cycle.created",
        actor=actor,
        obj=cycle,
        new={"title": title, "period": cycle.period_label, "parties": [p.name for p in parties]},
        cycle_id=cycle.pk,
    )
    return cycle


@transaction.atomic
def add_theme(
    actor: Any,
    cycle: Cycle,
    *,
    name: str,
    order: int,
    lead_organisation: Any = None,
    project_leader: str = "",
) -> Any:
    access.require(access.can_edit_agreements(actor, cycle), _("U mag deze cyclus niet wijzigen."))
    theme = cycle.themes.create(
        name=name, order=order, lead_organisation=lead_organisation, project_leader=project_leader
    )
    log_action(
        "agreements.theme.created",
        actor=actor,
        obj=theme,
        new={"name": name, "lead": str(lead_organisation or "")},
        cycle_id=cycle.pk,
    )
    return theme


@transaction.atomic
def add_agreement(
    actor: Any,
    theme: Any,
    *,
    number: str,
    title: str,
    text: str = "",
    kind: str = "effort",
    lead_party: Any = None,
    involved: list[Any] | None = None,
    order: int = 0,
    indicators: list[Any] | None = None,
) -> Agreement:
    cycle = theme.cycle
    access.require(access.can_edit_agreements(actor, cycle), _("U mag deze cyclus niet wijzigen."))
    ensure_editable(cycle)
    agreement = Agreement(
        theme=theme,
        number=number,
        title=title,
        text=text,
        kind=kind,
        lead_party=lead_party,
        order=order,
    )
    agreement.full_clean(exclude=["theme", "lead_party"])
    agreement.save()
    agreement.involved_parties.set(involved or [])
    agreement.indicators.set(indicators or [])
    log_action(
        "agreements.agreement.created",
        actor=actor,
        obj=agreement,
        new={f: getattr(agreement, f) for f in AGREEMENT_FIELDS},
        cycle_id=cycle.pk,
        agreement_id=agreement.pk,
    )
    return agreement


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
    order: int = 0,
) -> Target:
    cycle = agreement.theme.cycle
    access.require(access.can_edit_agreements(actor, cycle), _("U mag deze cyclus niet wijzigen."))
    ensure_editable(cycle)
    if year is not None and not (cycle.start_year <= year <= cycle.end_year):
        raise ValidationError(
            _("Kies een jaar binnen de looptijd %(period)s.") % {"period": cycle.period_label}
        )
    if party is not None and party.pk not in access.party_ids(cycle):
        raise ValidationError(_("Deze organisatie is geen partij in deze cyclus."))
    target = Target(
        agreement=agreement,
        indicator=indicator,
        kind=kind,
        party=party,
        year=year,
        value=None if value is None else parse_value(value),
        low=None if low is None else parse_value(low),
        high=None if high is None else parse_value(high),
        label=label,
        tolerance=parse_value(tolerance),
        note=note,
        order=order,
    )
    _check_norm(target)
    target.save()
    log_action(
        "agreements.target.created",
        actor=actor,
        obj=target,
        new=_target_state(target),
        cycle_id=cycle.pk,
        agreement_id=agreement.pk,
    )
    return target


TARGET_FIELDS = ("kind", "value", "low", "high", "label", "tolerance", "note")


@transaction.atomic
def update_target(
    actor: Any,
    target: Target,
    *,
    changes: dict[str, Any],
    expected_version: int,
    channel: str = "web",
) -> Target:
    target = (
        Target.objects.select_for_update(of=("self",))
        .select_related("agreement__theme__cycle", "indicator", "party")
        .get(pk=target.pk)
    )
    cycle = cycle_of_target(target)
    access.require(access.can_edit_agreements(actor, cycle), _("U mag deze norm niet wijzigen."))
    ensure_editable(cycle)
    unknown = set(changes) - set(TARGET_FIELDS)
    if unknown:
        raise ValidationError(_("Onbekende velden: %(f)s") % {"f": ", ".join(sorted(unknown))})
    old = _target_state(target)
    if expected_version != target.version:
        raise Conflict(_("Iemand anders heeft deze norm intussen gewijzigd."), current=old)
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
    ensure_editable(cycle)


def _required_text(raw: Any, *, empty: str, limit: int, too_long: str) -> str:
    text = str(raw or "").strip()
    if not text:
        raise ValidationError(empty, code="required")
    if len(text) > limit:
        raise ValidationError(too_long % {"n": limit}, code="max_length")
    return text


def _source(raw: Any) -> str:
    source = str(raw or "").strip()
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
