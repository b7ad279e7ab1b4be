"""What the numbers say: a norm plus measurements gives a verdict and a margin.

Pure domain code: standard library only, no Django import. People's assessment
status (``achieved``, ``on_track`` ...) is set by people and kept apart from the
verdicts computed here; :func:`contradicts` tells when the two disagree, so the
interface can ask for an explanation.

Kinds of norm (``Norm.kind``)
    ``min``             met when realised >= value
    ``max``             met when realised <= value
    ``exact``           met when |realised - value| <= tolerance
    ``range``           met when low <= realised <= high
    ``label_at_least``  met when the realised energy label is at least as good as the
                        required one ("A/B" means "B or better")

Margin
    The signed distance realised - norm, in the indicator's unit:

    * ``min``, ``max``, ``exact``: realised - value (max 10, realised 11 -> +1;
      min 45, realised 54 -> +9). For ``exact`` the norm is met when
      |margin| <= tolerance, so a met exact norm may have a non-zero margin.
    * ``range``: 0 inside the range (bounds included), realised - low below it
      (negative), realised - high above it (positive).
    * ``label_at_least``: rank(realised) - rank(required) in label steps; positive
      means better than required.

Edge cases, as decided
    * Only ``None`` means "no measurement" (``no_data``, margin ``None``). An empty
      string is not a missing measurement but an invalid label: ``ValueError``.
    * A numeric norm only accepts a ``Decimal``; any string (also "11" or "11,5")
      is rejected with ``ValueError``: parsing user input belongs to forms and
      imports. A label norm only accepts a string (anything else: ``ValueError``).
      For a numeric norm a ``float``, ``int`` or other type raises ``TypeError``;
      NaN and infinities raise ``ValueError``.
    * A realised label written as "A/B" counts as its worst part (B).
    * A ``Norm`` holds only the fields of its kind: ``value`` for min/max/exact,
      ``low`` and ``high`` for range, ``label`` for label_at_least, and a
      ``tolerance`` other than 0 only for exact. Any other field set, a missing
      field, low > high, an unknown label or a negative tolerance raises
      ``ValueError`` with a Dutch message. low == high is allowed.

Energy labels
    :data:`LABELS` lists them best first. :func:`parse_label` returns a rank where
    higher is better: G = 0, F = 1, ..., A = 6, A+ = 7, ..., A++++ = 10. Case and
    spaces are ignored ("a+", " B ", "A / B"). "X/Y" means "the worse of X and Y or
    better", so it ranks as its worst part.

Cumulative targets (:func:`judge_cumulative`)
    A norm over the period start_year..end_year (both included) is judged against
    the sum of the yearly measurements.

    * Only years with start_year <= year <= min(as_of_year, end_year) count; years
      before the period, after the period and after as_of_year are ignored.
    * A year without a measurement adds nothing; it is not filled in. If no year in
      that window has a measurement the result is ``no_data`` (this includes an
      as_of_year before the period starts).
    * From as_of_year >= end_year on, the total is judged with :func:`judge`:
      ``met`` / ``not_met``, margin as for a single figure, ``expected`` is None.
      ``steps`` are then not used.
    * During the period the expected cumulative value is the linear path
      value x (as_of_year - start_year + 1) / (end_year - start_year + 1), or
      ``steps[as_of_year]`` when ``steps`` is given (a year missing from ``steps``
      raises ``ValueError``; steps are not interpolated).

      - ``min``: on_track when cumulative >= expected.
      - ``exact``: on_track when expected - tolerance <= cumulative <=
        value + tolerance. With tolerance 0 this is "on or above the path"; the
        upper bound says the final value can no longer be met once it is passed.
      - ``max``: on_track when cumulative <= value (the ceiling is not yet passed).
        The margin still compares with the path, so a positive margin while
        on_track means "ahead of the pace, ceiling not yet reached".
      - ``range``: the path is that of ``low`` (``steps`` give the low path);
        on_track when low_path <= cumulative <= high. ``expected`` is the low path.
      - margin = cumulative - expected; for ``range``: cumulative - low_path below
        the path, 0 within, cumulative - high above ``high``.
    * ``label_at_least`` is not cumulative: ``judge_cumulative`` raises
      ``ValueError``; judge the latest label with :func:`judge` instead.
    * start_year > end_year raises ``ValueError``.

Joint figures (:func:`combine`)
    * ``sum``: the sum of the parties' values; ``None`` when there are none.
    * ``weighted_share``: 100 x sum(numerator) / sum(denominator), only when every
      figure has both and the summed denominator is positive; otherwise ``None``
      (also when there are no figures). Whether ``value`` agrees with its own
      numerator and denominator is not checked.
    * ``none``: always ``None``: only a joint measurement counts.

Contradictions (:func:`contradicts`)
    achieved contradicts not_met and behind; not_achieved contradicts met; on_track
    contradicts not_met. Nothing else contradicts: no_data never does, and
    attention, unclear and dropped never do. Unknown codes raise ``ValueError``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, get_args

Kind = Literal["min", "max", "exact", "range", "label_at_least"]
VerdictCode = Literal["met", "not_met", "on_track", "behind", "no_data"]
Status = Literal["achieved", "on_track", "attention", "unclear", "not_achieved", "dropped"]
Aggregation = Literal["sum", "weighted_share", "none"]

KINDS: tuple[Kind, ...] = get_args(Kind)
VERDICT_CODES: tuple[VerdictCode, ...] = get_args(VerdictCode)
STATUSES: tuple[Status, ...] = get_args(Status)
AGGREGATIONS: tuple[Aggregation, ...] = get_args(Aggregation)

LABELS: tuple[str, ...] = ("A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G")
"""Energy labels, best first."""

_RANKS: dict[str, int] = {label: len(LABELS) - 1 - index for index, label in enumerate(LABELS)}


def gettext_noop(text: str) -> str:
    """Marks ``text`` for the translation catalogue; here it stays Dutch (see :func:`message`)."""
    return text


class _Words(str):
    """A message parameter that is itself a catalogue text, translated with its message."""


class NormError(ValueError):
    """A norm that makes no sense. ``str(error)`` is Dutch; :func:`message` words it for a
    reader of another language, given that language's ``gettext``."""

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = params
        super().__init__(template % params)


def message(error: Exception, translate: Callable[[str], str] | None = None) -> str:
    """``error`` in words: a :class:`NormError` through ``translate`` (Django's ``gettext``
    in the web layer), its parameters that are catalogue texts too; anything else as is."""
    if translate is None or not isinstance(error, NormError):
        return str(error)
    params = {
        name: translate(value) if isinstance(value, _Words) else value
        for name, value in error.params.items()
    }
    return translate(error.template) % params


_KIND_LABELS: dict[str, str] = {
    "min": _Words(gettext_noop("minimaal")),
    "max": _Words(gettext_noop("maximaal")),
    "exact": _Words(gettext_noop("precies")),
    "range": _Words(gettext_noop("bandbreedte")),
    "label_at_least": _Words(gettext_noop("energielabel minimaal")),
}

_FIELDS_BY_KIND: dict[str, frozenset[str]] = {
    "min": frozenset({"value"}),
    "max": frozenset({"value"}),
    "exact": frozenset({"value", "tolerance"}),
    "range": frozenset({"low", "high"}),
    "label_at_least": frozenset({"label"}),
}

_FIELD_LABELS: dict[str, str] = {
    "value": _Words(gettext_noop("waarde")),
    "low": _Words(gettext_noop("ondergrens")),
    "high": _Words(gettext_noop("bovengrens")),
    "label": _Words(gettext_noop("label")),
    "tolerance": _Words(gettext_noop("marge")),
}

_CONTRADICTIONS: frozenset[tuple[str, str]] = frozenset(
    {
        ("achieved", "not_met"),
        ("achieved", "behind"),
        ("not_achieved", "met"),
        ("on_track", "not_met"),
    }
)


def parse_label(text: str) -> int:
    """Return the rank of an energy label; higher is better (G = 0, A++++ = 10).

    "A/B" means "B or better" and ranks as B: the worst of its parts.
    """
    if not isinstance(text, str):
        raise TypeError(f"Een energielabel moet tekst zijn, niet {type(text).__name__}.")
    cleaned = "".join(text.split()).upper()
    if not cleaned:
        raise NormError(gettext_noop("Geen energielabel opgegeven."))
    ranks: list[int] = []
    for part in cleaned.split("/"):
        rank = _RANKS.get(part)
        if rank is None:
            raise NormError(
                gettext_noop(
                    "Onbekend energielabel: ‘%(text)s’. Geldige labels: %(labels)s, of twee "
                    "labels met een schuine streep zoals ‘A/B’."
                ),
                text=text,
                labels=", ".join(LABELS),
            )
        ranks.append(rank)
    return min(ranks)


def _check_decimal(number: object, what: str) -> Decimal:
    if not isinstance(number, Decimal):
        raise TypeError(f"De {what} moet een Decimal zijn, niet {type(number).__name__}.")
    if not number.is_finite():
        raise ValueError(f"De {what} moet een eindig getal zijn, niet {number}.")
    return number


@dataclass(frozen=True)
class Norm:
    """The norm of a target: what counts as met."""

    kind: Kind
    value: Decimal | None = None  # min, max, exact
    low: Decimal | None = None  # range
    high: Decimal | None = None  # range
    label: str | None = None  # label_at_least, e.g. "B" or "A/B"
    tolerance: Decimal = Decimal(0)  # exact

    def __post_init__(self) -> None:
        if self.kind not in _FIELDS_BY_KIND:
            raise NormError(
                gettext_noop("Onbekende soort norm: ‘%(kind)s’. Kies uit: %(kinds)s."),
                kind=self.kind,
                kinds=", ".join(KINDS),
            )
        kind_name = _KIND_LABELS[self.kind]
        allowed = _FIELDS_BY_KIND[self.kind]
        present = {
            "value": self.value is not None,
            "low": self.low is not None,
            "high": self.high is not None,
            "label": self.label is not None,
            "tolerance": self.tolerance != 0,
        }
        for field in ("value", "low", "high", "label", "tolerance"):
            if field != "tolerance" and field in allowed and not present[field]:
                raise NormError(
                    gettext_noop("Een norm ‘%(kind)s’ heeft een %(field)s nodig."),
                    kind=kind_name,
                    field=_FIELD_LABELS[field],
                )
            if field not in allowed and present[field]:
                raise NormError(
                    gettext_noop("Een norm ‘%(kind)s’ heeft geen %(field)s; laat die leeg."),
                    kind=kind_name,
                    field=_FIELD_LABELS[field],
                )
        for field in ("value", "low", "high"):
            number = getattr(self, field)
            if number is not None:
                _check_decimal(number, _FIELD_LABELS[field] + " van de norm")
        _check_decimal(self.tolerance, "marge van de norm")
        if self.tolerance < 0:
            raise NormError(
                gettext_noop("De marge mag niet negatief zijn (nu %(tolerance)s)."),
                tolerance=self.tolerance,
            )
        if self.low is not None and self.high is not None and self.low > self.high:
            raise NormError(
                gettext_noop("De ondergrens (%(low)s) is hoger dan de bovengrens (%(high)s)."),
                low=self.low,
                high=self.high,
            )
        if self.label is not None:
            parse_label(self.label)


@dataclass(frozen=True)
class Result:
    """A computed verdict with its signed margin in the indicator's unit."""

    verdict: VerdictCode
    margin: Decimal | None  # signed, in the indicator's unit; None for no_data
    expected: Decimal | None = None  # expected cumulative value on the path (during the period)


@dataclass(frozen=True)
class PartyFigure:
    """One party's measured figure, with numerator and denominator for shares."""

    value: Decimal
    numerator: Decimal | None = None
    denominator: Decimal | None = None


NO_DATA = Result(verdict="no_data", margin=None)


def _range_margin(realised: Decimal, low: Decimal, high: Decimal) -> Decimal:
    if realised < low:
        return realised - low
    if realised > high:
        return realised - high
    return Decimal(0)


def _judge_number(norm: Norm, realised: Decimal) -> Result:
    if norm.kind == "range":
        assert norm.low is not None and norm.high is not None
        margin = _range_margin(realised, norm.low, norm.high)
        return Result("met" if margin == 0 else "not_met", margin)
    assert norm.value is not None
    margin = realised - norm.value
    if norm.kind == "min":
        met = margin >= 0
    elif norm.kind == "max":
        met = margin <= 0
    else:  # exact
        met = abs(margin) <= norm.tolerance
    return Result("met" if met else "not_met", margin)


def judge(norm: Norm, realised: Decimal | str | None) -> Result:
    """Judge one realised figure (or energy label) against a norm."""
    if realised is None:
        return NO_DATA
    if norm.kind == "label_at_least":
        if not isinstance(realised, str):
            raise ValueError(
                f"Een norm 'energielabel minimaal' verwacht een energielabel, "
                f"geen getal ({realised})."
            )
        assert norm.label is not None
        steps = parse_label(realised) - parse_label(norm.label)
        return Result("met" if steps >= 0 else "not_met", Decimal(steps))
    if isinstance(realised, str):
        raise ValueError(
            f"Een norm '{_KIND_LABELS[norm.kind]}' verwacht een getal, geen tekst ({realised!r})."
        )
    return _judge_number(norm, _check_decimal(realised, "gerealiseerde waarde"))


def _expected(
    target: Decimal,
    start_year: int,
    end_year: int,
    as_of_year: int,
    steps: Mapping[int, Decimal] | None,
) -> Decimal:
    if steps is None:
        elapsed = as_of_year - start_year + 1
        length = end_year - start_year + 1
        return target * elapsed / length
    if as_of_year not in steps:
        raise ValueError(
            f"Er is geen tussenstap opgegeven voor {as_of_year}; "
            f"wel voor: {', '.join(str(year) for year in sorted(steps)) or 'geen enkel jaar'}."
        )
    return _check_decimal(steps[as_of_year], f"tussenstap voor {as_of_year}")


def judge_cumulative(
    norm: Norm,
    yearly: Mapping[int, Decimal],
    start_year: int,
    end_year: int,
    as_of_year: int,
    steps: Mapping[int, Decimal] | None = None,
) -> Result:
    """Judge a target over the years start_year..end_year against summed measurements."""
    if norm.kind == "label_at_least":
        raise ValueError(
            "Een norm 'energielabel minimaal' telt niet op over jaren; "
            "beoordeel het laatst gemeten label."
        )
    if start_year > end_year:
        raise ValueError(
            f"Het beginjaar ({start_year}) ligt na het eindjaar ({end_year}) van de periode."
        )
    last_year = min(as_of_year, end_year)
    counted = [
        _check_decimal(amount, f"gerealiseerde waarde voor {year}")
        for year, amount in yearly.items()
        if start_year <= year <= last_year
    ]
    if not counted:
        return NO_DATA
    cumulative = sum(counted, Decimal(0))
    if as_of_year >= end_year:
        return _judge_number(norm, cumulative)

    if norm.kind == "range":
        assert norm.low is not None and norm.high is not None
        low_path = _expected(norm.low, start_year, end_year, as_of_year, steps)
        margin = _range_margin(cumulative, low_path, norm.high)
        return Result("on_track" if margin == 0 else "behind", margin, low_path)

    assert norm.value is not None
    expected = _expected(norm.value, start_year, end_year, as_of_year, steps)
    if norm.kind == "min":
        on_track = cumulative >= expected
    elif norm.kind == "max":
        on_track = cumulative <= norm.value
    else:  # exact
        on_track = expected - norm.tolerance <= cumulative <= norm.value + norm.tolerance
    return Result("on_track" if on_track else "behind", cumulative - expected, expected)


def combine(figures: Sequence[PartyFigure], aggregation: Aggregation) -> Decimal | None:
    """Add up the parties' figures into one joint figure, as the indicator says."""
    if aggregation == "sum":
        if not figures:
            return None
        return sum((figure.value for figure in figures), Decimal(0))
    if aggregation == "weighted_share":
        numerators: list[Decimal] = []
        denominators: list[Decimal] = []
        for figure in figures:
            if figure.numerator is None or figure.denominator is None:
                return None
            numerators.append(figure.numerator)
            denominators.append(figure.denominator)
        total = sum(denominators, Decimal(0))
        if total <= 0:
            return None
        return 100 * sum(numerators, Decimal(0)) / total
    if aggregation == "none":
        return None
    raise ValueError(
        f"Onbekende manier van optellen: {aggregation!r}. Kies uit: {', '.join(AGGREGATIONS)}."
    )


def contradicts(status: Status, verdict: VerdictCode) -> bool:
    """Whether people's status contradicts the computed verdict (then explain why)."""
    if status not in STATUSES:
        raise ValueError(f"Onbekende status: {status!r}. Kies uit: {', '.join(STATUSES)}.")
    if verdict not in VERDICT_CODES:
        raise ValueError(f"Onbekend oordeel: {verdict!r}. Kies uit: {', '.join(VERDICT_CODES)}.")
    return (status, verdict) in _CONTRADICTIONS
