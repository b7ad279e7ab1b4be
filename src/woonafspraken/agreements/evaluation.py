"""Computed verdicts for targets, from prefetched model rows.

Thin adapter between the models and the pure :mod:`woonafspraken.verdicts` module: it never
queries the database itself, so pages cost a fixed number of queries. Callers prefetch
``targets__measurements`` (see :func:`woonafspraken.agreements.selectors`).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from woonafspraken import verdicts

from .models import Cycle, Measurement, Target


@dataclass(frozen=True)
class Evaluated:
    target: Target
    year: int
    realised: Decimal | str | None
    result: verdicts.Result
    measurement: Measurement | None  # the measurement of ``year`` itself, if any
    combined: bool = False  # realised value combined from the parties' figures

    @property
    def verdict(self) -> str:
        return self.result.verdict

    @property
    def margin(self) -> Decimal | None:
        return self.result.margin


def norm_of(target: Target) -> verdicts.Norm:
    """The pure norm of ``target``; only the fields its kind uses are passed on."""
    kind = target.kind
    return verdicts.Norm(
        kind=kind,  # type: ignore[arg-type]
        value=target.value if kind in ("min", "max", "exact") else None,
        low=target.low if kind == "range" else None,
        high=target.high if kind == "range" else None,
        label=(target.label or None) if kind == "label_at_least" else None,
        tolerance=(target.tolerance or Decimal(0)) if kind == "exact" else Decimal(0),
    )


def _measurements(target: Target) -> list[Measurement]:
    return list(target.measurements.all())


def _own(target: Target, year: int) -> Measurement | None:
    return next((m for m in _measurements(target) if m.year == year), None)


def _combined(target: Target, year: int, siblings: Iterable[Target]) -> Decimal | None:
    figures = []
    for sibling in siblings:
        if sibling.party_id is None or sibling.indicator_id != target.indicator_id:
            continue
        if sibling.year != target.year:
            continue
        m = _own(sibling, year)
        if m is None or m.value is None:
            return None  # a missing party figure means no combined figure
        figures.append(verdicts.PartyFigure(m.value, m.numerator, m.denominator))
    if not figures:
        return None
    return verdicts.combine(figures, target.indicator.aggregation)  # type: ignore[arg-type]


def evaluate(target: Target, year: int, cycle: Cycle, siblings: Iterable[Target] = ()) -> Evaluated:
    """The verdict of ``target`` as it stands in ``year``."""
    norm = norm_of(target)
    own = _own(target, target.year or year)
    is_label = target.indicator.unit == "energy_label"
    if target.year is not None or is_label:
        if is_label:
            labelled = [m for m in _measurements(target) if m.label and m.year <= year]
            latest = max(labelled, key=lambda m: m.year) if labelled else None
            realised: Decimal | str | None = latest.label if latest else None
        else:
            realised = own.value if own else None
        combined = False
        if realised is None and target.party_id is None:
            realised = _combined(target, target.year or year, siblings)
            combined = realised is not None
        return Evaluated(target, year, realised, verdicts.judge(norm, realised), own, combined)
    yearly = {
        m.year: m.value
        for m in _measurements(target)
        if m.value is not None and cycle.start_year <= m.year <= year
    }
    result = verdicts.judge_cumulative(norm, yearly, cycle.start_year, cycle.end_year, year)
    total = sum(yearly.values(), Decimal(0)) if yearly else None
    return Evaluated(target, year, total, result, _own(target, year))


def evaluate_agreement_targets(targets: list[Target], year: int, cycle: Cycle) -> list[Evaluated]:
    return [evaluate(t, year, cycle, targets) for t in targets]


def summarise(evaluated: Iterable[Evaluated]) -> dict[str, int]:
    counts = {code: 0 for code in ("met", "on_track", "behind", "not_met", "no_data")}
    for e in evaluated:
        counts[e.verdict] += 1
    return counts
