"""Norms in a sentence or a table cell: ``minimaal 45 %``, ``maximaal 10 %``, ``ten minste 300
woningen``, ``377–497`` (every kind of dash), ``label B``, ``A/B``.

Running text yields only norms that say which way they point (a qualifier, a range or a label):
a bare figure in a sentence is as often a realisation ("In 2017 54%") as a demand. In a table
cell a bare figure is a norm of kind ``exact``, as the agreements document writes it.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from .model import Norm
from .numbers import NUMBER, parse_number

# Every dash a document may put between two figures: hyphen-minus, hyphen, non-breaking hyphen,
# figure dash, en dash, em dash, horizontal bar, minus sign, small and full-width hyphen-minus.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH = f"[{re.escape(DASHES)}]"
LABEL = r"A\+{0,4}|[B-G]|A"
_LABEL_PAIR = rf"(?:{LABEL})(?:\s*/\s*(?:{LABEL}))?"

_NUM = rf"(?<![\d.,/{re.escape(DASHES)}])(?:{NUMBER})(?![\d]|[.,/]\d)"
_NUM_HI = rf"(?<![\d.,/])(?:{NUMBER})(?![\d]|[.,/]\d|{_DASH}\d)"
_UNIT = r"(?:\s*(?P<{name}>%|procent\b|euro\b))?"

_MIN = (
    r"minimaal|minimum\s+van|min\.|minstens|ten\s+minste|tenminste|op\s+zijn\s+minst|"
    r"niet\s+minder\s+dan|meer\s+dan|≥|>="
)
_MAX = (
    r"maximaal|maximum\s+van|max\.|hoogstens|ten\s+hoogste|niet\s+meer\s+dan|minder\s+dan|"
    r"≤|<="
)

_QUALIFIED = re.compile(
    rf"(?:(?P<min>{_MIN})|(?P<max>{_MAX}))\s*(?P<euro>€\s*)?(?P<n>{_NUM})" + _UNIT.format(name="u"),
    re.IGNORECASE,
)
_AFTER = re.compile(
    rf"(?P<euro>€\s*)?(?P<n>{_NUM})"
    + _UNIT.format(name="u")
    + r"(?:\s+\w+){0,2}?\s+of\s+(?:(?P<min>meer|hoger)|(?P<max>minder|lager))\b",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"(?:(?P<between>tussen)\s+)?(?P<euro>€\s*)?(?P<lo>{_NUM})"
    + _UNIT.format(name="u1")
    + rf"\s*(?:{_DASH}|\s(?:tot\s+en\s+met|t/m|tot|à|en)\s)\s*(?:€\s*)?(?P<hi>{_NUM_HI})"
    + _UNIT.format(name="u2"),
    re.IGNORECASE,
)
_LABELLED = re.compile(
    rf"(?:energie)?label(?:s)?\s+(?:(?:van\s+)?(?:minimaal|minstens|ten\s+minste)\s+)?"
    rf"(?P<l>{_LABEL_PAIR})(?![\w+/])",
    re.IGNORECASE,
)
_LABEL_CELL = re.compile(
    rf"\s*(?:(?:minimaal|minstens|ten\s+minste)\s+)?(?:energie)?(?:label\s+)?"
    rf"(?P<l>{_LABEL_PAIR})(?:\s+of\s+beter)?\s*",
    re.IGNORECASE,
)
_BARE = re.compile(rf"\s*(?P<euro>€\s*)?(?P<n>{_NUM})" + _UNIT.format(name="u") + r"\s*")
_MARGIN = re.compile(
    rf"\s*(?P<euro>€\s*)?(?P<n>{_NUM})" + _UNIT.format(name="u") + r"\s*\(\s*(?:marge|margin)\s+"
    rf"(?:€\s*)?(?P<t>{_NUM})(?:\s*%)?\s*\)\s*",
    re.IGNORECASE,
)
_COUNT_WORD = re.compile(r"\s*(?:sociale\s+)?(?:huur)?(?:woningen|wooneenheden|eenheden|vhe)\b")


@dataclass(frozen=True)
class Found:
    """A norm with where it stands in the text it was found in."""

    norm: Norm
    start: int
    end: int


def _unit(match: re.Match[str], *groups: str) -> str:
    units = [(match.group(g) or "").lower() for g in groups]
    if match.groupdict().get("euro") or "euro" in units:
        return "euro"
    if "%" in units or "procent" in units:
        return "percentage"
    return "count"


def _label(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def _is_year(value: Decimal) -> bool:
    return value == value.to_integral() and 1900 <= value <= 2100


def find_all(text: str) -> list[Found]:
    """Every norm that states its direction in ``text``, in reading order, none overlapping."""
    candidates: list[Found] = []
    for m in _LABELLED.finditer(text):
        norm = Norm(kind="label_at_least", unit="energy_label", label=_label(m.group("l")))
        candidates.append(Found(norm, m.start(), m.end()))
    for m in _RANGE.finditer(text):
        low, high = parse_number(m.group("lo")), parse_number(m.group("hi"))
        unit = _unit(m, "u1", "u2")
        if unit == "count" and _is_year(low) and _is_year(high):
            continue  # "2017–2021" is a period, not a norm
        if low > high:
            continue
        if not m.group("between") and re.match(r"\s(?:en)\s", text[m.end("lo") : m.start("hi")]):
            continue  # "45 en 50" without "tussen" is a list, not a range
        candidates.append(Found(Norm(kind="range", unit=unit, low=low, high=high), *m.span()))
    for pattern in (_QUALIFIED, _AFTER):
        for m in pattern.finditer(text):
            kind = "min" if m.group("min") else "max"
            unit = _unit(m, "u")
            value = parse_number(m.group("n"))
            candidates.append(Found(Norm(kind=kind, unit=unit, value=value), *m.span()))
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start)))
    chosen: list[Found] = []
    for found in candidates:
        if chosen and found.start < chosen[-1].end:
            continue
        chosen.append(found)
    return chosen


def find_norms(text: str) -> list[Norm]:
    """The norms in ``text`` (see :func:`find_all`), each with ``text`` as its source."""
    norms = []
    for found in find_all(text):
        found.norm.source = text.strip()
        norms.append(found.norm)
    return norms


def norm_of_cell(text: str, *, label_row: bool = False) -> Norm | None:
    """The norm a table cell holds, or ``None``.

    A cell holds one norm: a qualified figure, a range, a label (a bare ``B`` only in a row or
    column about labels; ``A/B`` always), a bare figure (kind ``exact``), or a figure with a
    margin as Woonafspraken writes it: ``12 (marge 1)``.
    """
    cell = " ".join(text.split())
    if not cell or cell in {"—", "-", "–", "n.v.t.", "nvt"}:
        return None
    m = _LABEL_CELL.fullmatch(cell)
    if m and (label_row or "/" in m.group("l") or "label" in cell.lower()):
        return Norm(kind="label_at_least", unit="energy_label", label=_label(m.group("l")))
    m = _MARGIN.fullmatch(cell)
    if m:
        return Norm(
            kind="exact",
            unit=_unit(m, "u"),
            value=parse_number(m.group("n")),
            tolerance=parse_number(m.group("t")),
        )
    m = _BARE.fullmatch(_COUNT_WORD.sub("", cell))
    if m:
        return Norm(kind="exact", unit=_unit(m, "u"), value=parse_number(m.group("n")))
    found = find_all(cell)
    if len(found) == 1:
        return found[0].norm
    return None
