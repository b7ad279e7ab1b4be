"""The real-estate pipeline of a cycle: new build, renovation and demolition per corporation.

Pure domain code: standard library and :mod:`woonafspraken.verdicts` only, no Django import.
The selector (:func:`woonafspraken.agreements.selectors.pipeline_tables`) turns model rows
into the plain inputs below; the page shows the :class:`KindTable` rows this module returns.

Which indicators
    Indicators have no slug; their name is unique. :data:`INDICATOR_NAMES` maps each kind of
    the pipeline to the indicator name the Maastricht demo creates (``agreements/demo.py``,
    ``INDICATORS``); a test keeps the two in step. An indicator with another name is not part
    of the pipeline.

Which targets
    Only period targets (no year) of one corporation count: the multi-year commitments such as
    "new build 2017–2021: at least 60". Joint targets and targets for one year are left to the
    agreement pages. When a corporation has more than one period target for a kind, the first
    one given counts (the selector gives them in the order of the agreements).
    An energy-label norm (``label_at_least``) does not add up over years: ``ValueError``.

Per corporation and kind (:class:`Row`)
    * ``realised``: the measurement of each year of the period (``None``: none recorded).
    * ``cumulative``: the sum of the measurements from the first year of the period up to and
      including ``as_of_year``; ``None`` when there is none in that window.
    * ``remaining``: what is still to go to reach the norm, never below 0:
      ``value - cumulative`` for min, max and exact (for max this is the room left under the
      ceiling); for a range ``low - cumulative`` with ``remaining_high = high - cumulative``
      (both at least 0). ``None`` without a norm or without a cumulative figure.
    * ``result``: :func:`woonafspraken.verdicts.judge_cumulative` over the period as it stands
      in ``as_of_year`` (``on_track`` / ``behind`` during the period, ``met`` / ``not_met``
      from the last year on, ``no_data`` without measurements); ``None`` without a norm.
    * ``planned``: per year of the period, the number planned in the newest submitted bid that
      gives a number for that year (a bid of year Y plans Y+1 … Y+5; the numbers of the bid's
      items are added up). ``planned_bid_years`` lists the years of the bids used.
      Bids plan new build and purchase (section a of a bid, see :data:`BID_SECTIONS`); they
      have no section for renovation or demolition, so those rows never have a plan.

Chart path (:class:`PathPoint`, one per year, all corporations together)
    The expected cumulative path is linear: the sum of the norms (for a range its low, and the
    sum with its high as ``expected_high``) x (years elapsed / years in the period), rounded
    to 0.1, as in :func:`woonafspraken.documents.charts.path`. ``realised`` is the
    cumulative total of the measurements; ``None`` until the first measurement and after
    ``as_of_year``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, get_args

from woonafspraken import verdicts

PipelineKind = Literal["new_build", "renovation", "demolition"]
PIPELINE_KINDS: tuple[PipelineKind, ...] = get_args(PipelineKind)

INDICATOR_NAMES: dict[PipelineKind, str] = {
    "new_build": "Nieuwbouw (woningen)",
    "renovation": "Renovatie (woningen)",
    "demolition": "Sloop (woningen)",
}
"""The indicator (by its unique name) that measures each kind of the pipeline."""

BID_SECTIONS: dict[str, PipelineKind] = {"a": "new_build"}
"""The section of a bid (Btiv 2015 art. 39) that plans each kind: a = new build and purchase."""

_ONE_DECIMAL = Decimal("0.1")


def kind_of_indicator(name: str) -> PipelineKind | None:
    """The kind of the pipeline an indicator measures, or ``None`` when it is not part of it."""
    for kind, indicator_name in INDICATOR_NAMES.items():
        if indicator_name == name:
            return kind
    return None


def default_as_of(start_year: int, end_year: int, this_year: int) -> int:
    """The year the page shows the stand of by default: this year, within the period."""
    return min(max(this_year, start_year), end_year)


@dataclass(frozen=True)
class Corporation:
    id: int
    name: str


@dataclass(frozen=True)
class PeriodTarget:
    """A corporation's norm over the whole period, with its measurements per year."""

    kind: PipelineKind
    corporation_id: int
    norm: verdicts.Norm
    yearly: Mapping[int, Decimal]  # year -> realised value; years without a value are left out
    agreement_id: int | None = None


@dataclass(frozen=True)
class PlannedItem:
    """One item of a submitted bid: numbers for the years after the bid's year."""

    kind: PipelineKind
    corporation_id: int
    bid_year: int
    planned: tuple[int | None, ...]  # for bid_year + 1, bid_year + 2, ...


@dataclass(frozen=True)
class Row:
    corporation: Corporation
    norm: verdicts.Norm | None
    agreement_id: int | None
    realised: tuple[Decimal | None, ...]  # per year of the period
    cumulative: Decimal | None
    remaining: Decimal | None
    remaining_high: Decimal | None  # only for a range norm
    result: verdicts.Result | None  # None: no norm for this corporation
    planned: tuple[int | None, ...]  # per year of the period
    planned_bid_years: tuple[int, ...]

    @property
    def has_plan(self) -> bool:
        return any(number is not None for number in self.planned)


@dataclass(frozen=True)
class PathPoint:
    year: int
    expected_low: Decimal | None
    expected_high: Decimal | None
    realised: Decimal | None


@dataclass(frozen=True)
class KindTable:
    kind: PipelineKind
    years: tuple[int, ...]
    as_of_year: int
    rows: tuple[Row, ...]
    path: tuple[PathPoint, ...]

    @property
    def has_norms(self) -> bool:
        return any(row.norm is not None for row in self.rows)

    @property
    def has_plans(self) -> bool:
        return any(row.has_plan for row in self.rows)


def _cumulative(yearly: Mapping[int, Decimal], start_year: int, last_year: int) -> Decimal | None:
    counted = [amount for year, amount in yearly.items() if start_year <= year <= last_year]
    if not counted:
        return None
    return sum(counted, Decimal(0))


def _remaining(
    norm: verdicts.Norm, cumulative: Decimal | None
) -> tuple[Decimal | None, Decimal | None]:
    if cumulative is None:
        return None, None
    zero = Decimal(0)
    if norm.kind == "range":
        assert norm.low is not None and norm.high is not None
        return max(norm.low - cumulative, zero), max(norm.high - cumulative, zero)
    assert norm.value is not None
    return max(norm.value - cumulative, zero), None


def _planned(
    items: Sequence[PlannedItem], years: Sequence[int]
) -> tuple[tuple[int | None, ...], tuple[int, ...]]:
    """Per year, the summed numbers of the newest bid that gives a number for that year."""
    by_bid: dict[int, dict[int, int]] = {}
    for item in items:
        numbers = by_bid.setdefault(item.bid_year, {})
        for offset, number in enumerate(item.planned, start=1):
            if number is not None:
                year = item.bid_year + offset
                numbers[year] = numbers.get(year, 0) + number
    planned: list[int | None] = []
    used: set[int] = set()
    newest_first = sorted(by_bid, reverse=True)
    for year in years:
        bid_year = next((b for b in newest_first if year in by_bid[b]), None)
        if bid_year is None:
            planned.append(None)
        else:
            planned.append(by_bid[bid_year][year])
            used.add(bid_year)
    return tuple(planned), tuple(sorted(used))


def _row(
    corporation: Corporation,
    target: PeriodTarget | None,
    items: Sequence[PlannedItem],
    years: Sequence[int],
    as_of_year: int,
) -> Row:
    planned, bid_years = _planned(items, years)
    if target is None:
        return Row(
            corporation=corporation,
            norm=None,
            agreement_id=None,
            realised=tuple(None for _ in years),
            cumulative=None,
            remaining=None,
            remaining_high=None,
            result=None,
            planned=planned,
            planned_bid_years=bid_years,
        )
    start_year, end_year = years[0], years[-1]
    result = verdicts.judge_cumulative(target.norm, target.yearly, start_year, end_year, as_of_year)
    cumulative = _cumulative(target.yearly, start_year, min(as_of_year, end_year))
    remaining, remaining_high = _remaining(target.norm, cumulative)
    return Row(
        corporation=corporation,
        norm=target.norm,
        agreement_id=target.agreement_id,
        realised=tuple(target.yearly.get(year) for year in years),
        cumulative=cumulative,
        remaining=remaining,
        remaining_high=remaining_high,
        result=result,
        planned=planned,
        planned_bid_years=bid_years,
    )


def _path(
    targets: Iterable[PeriodTarget], years: Sequence[int], as_of_year: int
) -> tuple[PathPoint, ...]:
    norms = [t.norm for t in targets]
    low_total = sum(((n.low if n.kind == "range" else n.value) or 0 for n in norms), Decimal(0))
    high_total = sum(((n.high if n.kind == "range" else n.value) or 0 for n in norms), Decimal(0))
    has_range = any(n.kind == "range" for n in norms)
    yearly_total: dict[int, Decimal] = {}
    for target in targets:
        for year, amount in target.yearly.items():
            yearly_total[year] = yearly_total.get(year, Decimal(0)) + amount
    points: list[PathPoint] = []
    total, seen = Decimal(0), False
    for elapsed, year in enumerate(years, start=1):
        share = Decimal(elapsed) / Decimal(len(years))
        low = (low_total * share).quantize(_ONE_DECIMAL) if norms else None
        high = (high_total * share).quantize(_ONE_DECIMAL) if has_range else None
        realised = None
        if year <= as_of_year:
            if year in yearly_total:
                total += yearly_total[year]
                seen = True
            realised = total if seen else None
        points.append(PathPoint(year, low, high, realised))
    return tuple(points)


def build(
    corporations: Sequence[Corporation],
    targets: Sequence[PeriodTarget],
    planned: Sequence[PlannedItem],
    start_year: int,
    end_year: int,
    as_of_year: int,
) -> tuple[KindTable, ...]:
    """One table per kind of the pipeline, one row per corporation (in the order given)."""
    if start_year > end_year:
        raise ValueError(
            f"Het beginjaar ({start_year}) ligt na het eindjaar ({end_year}) van de periode."
        )
    known = {c.id for c in corporations}
    for target in targets:
        if target.corporation_id not in known:
            raise ValueError(
                f"De norm voor {target.kind} hoort bij corporatie {target.corporation_id}, "
                "die niet in de lijst van corporaties staat."
            )
    years = tuple(range(start_year, end_year + 1))
    tables = []
    for kind in PIPELINE_KINDS:
        chosen: dict[int, PeriodTarget] = {}
        for target in targets:
            if target.kind == kind:
                chosen.setdefault(target.corporation_id, target)
        rows = tuple(
            _row(
                corporation,
                chosen.get(corporation.id),
                [p for p in planned if p.kind == kind and p.corporation_id == corporation.id],
                years,
                as_of_year,
            )
            for corporation in corporations
        )
        path = _path(list(chosen.values()), years, as_of_year)
        tables.append(KindTable(kind, years, as_of_year, rows, path))
    return tuple(tables)
