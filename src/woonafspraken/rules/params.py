"""Yearly figures (limits, huurtoeslag parameters, AOW), read from ``parameters/<year>.toml``.

Each figure in a file carries its value, its source and a tag (OFFICIAL / SECTOR /
SECONDARY) as given in ``domain/RULES.md``. A figure without a source is simply absent from
the file; asking for it raises ``UnknownParameter`` with a Dutch reason. Nothing is guessed.

Use ``parameters(year)`` in calculations (cached) and ``parameters_with_sources(year)`` to
publish the figures with their sources.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal, get_args, overload

from woonafspraken.rules._common import gettext_noop, to_jsonable
from woonafspraken.rules.errors import (
    InvalidInput,
    ParameterFileError,
    UnknownParameter,
    UnknownYear,
)

Tag = Literal["OFFICIAL", "SECTOR", "SECONDARY"]
TAGS: tuple[str, ...] = get_args(Tag)

_PER_MONTH = "euro per maand"
_PER_YEAR = "euro per jaar"
_EURO = "euro"
_PERCENT = "procent"


@dataclass(frozen=True)
class Figure:
    """One figure of one year, with where it comes from."""

    name: str
    label: str
    unit: str
    value: Decimal
    tag: Tag
    tag_basis: str
    source: str
    verification: str = ""
    note: str = ""


class _Known:
    """Declares a figure the rules know about; reading it on a ``Parameters`` gives its value.

    Reading a figure that has no source for the year raises ``UnknownParameter``.
    """

    def __init__(self, label: str, unit: str) -> None:
        self.label = label
        self.unit = unit
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, objtype: type | None = None) -> _Known: ...

    @overload
    def __get__(self, obj: Parameters, objtype: type | None = None) -> Decimal: ...

    def __get__(self, obj: Parameters | None, objtype: type | None = None) -> _Known | Decimal:
        if obj is None:
            return self
        return obj.value(self.name)


@dataclass(frozen=True)
class Parameters:
    """All figures of one year that have a source. Attribute access gives a figure's value."""

    year: int
    figures: Mapping[str, Figure]

    # Limits per year (RULES.md, "Limits per year").
    daeb_income_limit_single = _Known(
        gettext_noop("DAEB-inkomensgrens eenpersoonshuishouden"), _PER_YEAR
    )
    daeb_income_limit_multi = _Known(
        gettext_noop("DAEB-inkomensgrens meerpersoonshuishouden"), _PER_YEAR
    )
    huurtoeslag_max_rent = _Known(
        gettext_noop(
            "maximale huurgrens huurtoeslag (DAEB-huurgrens; tot en met 2024 de liberalisatiegrens)"
        ),
        _PER_MONTH,
    )
    kwaliteitskortingsgrens = _Known(
        gettext_noop("kwaliteitskortingsgrens (ook de jongerenhuurgrens)"), _PER_MONTH
    )
    aftoppingsgrens_low = _Known(gettext_noop("aftoppingsgrens laag (1 of 2 personen)"), _PER_MONTH)
    aftoppingsgrens_high = _Known(
        gettext_noop("aftoppingsgrens hoog (3 of meer personen)"), _PER_MONTH
    )
    huurtoeslag_asset_limit = _Known(
        gettext_noop("vermogensgrens huurtoeslag per persoon (met partner het dubbele)"), _EURO
    )
    passend_income_limit_single = _Known(
        gettext_noop("inkomensgrens passend toewijzen, eenpersoonshuishouden"), _PER_YEAR
    )
    passend_income_limit_multi = _Known(
        gettext_noop("inkomensgrens passend toewijzen, meerpersoonshuishouden"), _PER_YEAR
    )
    passend_income_limit_single_pension_age = _Known(
        gettext_noop("inkomensgrens passend toewijzen, eenpersoonshuishouden op AOW-leeftijd"),
        _PER_YEAR,
    )
    passend_income_limit_multi_pension_age = _Known(
        gettext_noop("inkomensgrens passend toewijzen, meerpersoonshuishouden op AOW-leeftijd"),
        _PER_YEAR,
    )
    regulated_middle_rent_upper_limit = _Known(
        gettext_noop("bovengrens gereguleerde middenhuur (186 WWS-punten)"), _PER_MONTH
    )

    # Reformed huurtoeslag from 2026 (RULES.md, "Huurtoeslag from 1 January 2026").
    huurtoeslag_youth_rent_cap = _Known(
        gettext_noop("maximale rekenhuur huurtoeslag als alle bewoners 18 tot en met 20 jaar zijn"),
        _PER_MONTH,
    )
    huurtoeslag_basishuur_single = _Known(
        gettext_noop("basishuur huurtoeslag, eenpersoonshuishouden"), _PER_MONTH
    )
    huurtoeslag_basishuur_multi = _Known(
        gettext_noop("basishuur huurtoeslag, meerpersoonshuishouden"), _PER_MONTH
    )
    huurtoeslag_rate_a = _Known(
        gettext_noop("vergoeding huurtoeslag deel A (basishuur tot kwaliteitskortingsgrens)"),
        _PERCENT,
    )
    huurtoeslag_rate_b = _Known(
        gettext_noop("vergoeding huurtoeslag deel B (kwaliteitskortingsgrens tot aftoppingsgrens)"),
        _PERCENT,
    )
    huurtoeslag_rate_c = _Known(
        gettext_noop("vergoeding huurtoeslag deel C (aftoppingsgrens tot maximale huurgrens)"),
        _PERCENT,
    )
    huurtoeslag_ijkpunt_single = _Known(
        gettext_noop("inkomens-ijkpunt afbouw huurtoeslag, eenpersoonshuishouden"), _PER_YEAR
    )
    huurtoeslag_ijkpunt_multi = _Known(
        gettext_noop("inkomens-ijkpunt afbouw huurtoeslag, meerpersoonshuishouden"), _PER_YEAR
    )
    huurtoeslag_phase_out_pct_single = _Known(
        gettext_noop("afbouwpercentage huurtoeslag boven het ijkpunt, eenpersoonshuishouden"),
        _PERCENT,
    )
    huurtoeslag_phase_out_pct_multi = _Known(
        gettext_noop("afbouwpercentage huurtoeslag boven het ijkpunt, meerpersoonshuishouden"),
        _PERCENT,
    )
    huurtoeslag_children_income_exemption = _Known(
        gettext_noop("vrijgesteld inkomen van kinderen jonger dan 23 (huurtoeslag)"), _PER_YEAR
    )

    # AOW (RULES.md, "State pension (AOW), full, per month").
    aow_single_gross_january = _Known(
        gettext_noop("AOW alleenstaande, bruto per maand (januari)"), _PER_MONTH
    )
    aow_single_net_january = _Known(
        gettext_noop("AOW alleenstaande, netto per maand (januari)"), _PER_MONTH
    )
    aow_partner_gross_january = _Known(
        gettext_noop("AOW per partner, bruto per maand (januari)"), _PER_MONTH
    )
    aow_partner_net_january = _Known(
        gettext_noop("AOW per partner, netto per maand (januari)"), _PER_MONTH
    )
    aow_single_gross_july = _Known(
        gettext_noop("AOW alleenstaande, bruto per maand (juli)"), _PER_MONTH
    )
    aow_single_net_july = _Known(
        gettext_noop("AOW alleenstaande, netto per maand (juli)"), _PER_MONTH
    )
    aow_partner_gross_july = _Known(
        gettext_noop("AOW per partner, bruto per maand (juli)"), _PER_MONTH
    )
    aow_partner_net_july = _Known(
        gettext_noop("AOW per partner, netto per maand (juli)"), _PER_MONTH
    )

    def value(self, name: str) -> Decimal:
        """The value of a figure; ``UnknownParameter`` when the year has no source for it."""
        figure = self.figures.get(name)
        if figure is None:
            known = KNOWN_FIGURES.get(name)
            if known is None:
                raise KeyError(name)
            raise UnknownParameter(name, known.label, self.year)
        return figure.value

    def has(self, name: str) -> bool:
        return name in self.figures


#: Every figure the rules know about, by name, with its Dutch label and unit.
KNOWN_FIGURES: Mapping[str, _Known] = MappingProxyType(
    {name: item for name, item in vars(Parameters).items() if isinstance(item, _Known)}
)

_FILE_NAME = re.compile(r"^(\d{4})\.toml$")
_REQUIRED_KEYS = frozenset({"value", "tag", "tag_basis", "source"})
_OPTIONAL_KEYS = frozenset({"verification", "note"})


def known_years() -> tuple[int, ...]:
    """The years that have a parameter file, ascending."""
    folder = resources.files("woonafspraken.rules").joinpath("parameters")
    years = []
    for entry in folder.iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            years.append(int(match.group(1)))
    return tuple(sorted(years))


def check_year(year: object) -> int:
    """Check that ``year`` is a whole number (the calendar year)."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidInput("year", "Het jaar moet een heel getal zijn, bijvoorbeeld 2026.")
    return year


@functools.cache
def parameters(year: int) -> Parameters:
    """The figures of ``year`` (cached). ``UnknownYear`` when there is no file for it."""
    year = check_year(year)
    years = known_years()
    if year not in years:
        raise UnknownYear(year, years)
    text = (
        resources.files("woonafspraken.rules")
        .joinpath("parameters", f"{year}.toml")
        .read_text(encoding="utf-8")
    )
    return parse_parameters(text, year)


def parse_parameters(text: str, year: int) -> Parameters:
    """Read and check the text of a parameter file. ``ParameterFileError`` when malformed."""
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise ParameterFileError(f"Parameterbestand {year}: geen geldige TOML ({error}).") from None
    if data.get("year") != year:
        raise ParameterFileError(
            f"Parameterbestand {year}: het veld 'year' moet {year} zijn, niet {data.get('year')!r}."
        )
    figures: dict[str, Figure] = {}
    for name, entry in data.items():
        if name == "year":
            continue
        figures[name] = _parse_figure(year, name, entry)
    return Parameters(year=year, figures=MappingProxyType(figures))


def _parse_figure(year: int, name: str, entry: object) -> Figure:
    where = f"Parameterbestand {year}, cijfer '{name}'"
    known = KNOWN_FIGURES.get(name)
    if known is None:
        raise ParameterFileError(f"{where}: onbekend cijfer.")
    if not isinstance(entry, dict):
        raise ParameterFileError(f"{where}: verwacht een tabel met value, tag, tag_basis, source.")
    keys = set(entry)
    if missing := _REQUIRED_KEYS - keys:
        raise ParameterFileError(f"{where}: ontbrekende velden {sorted(missing)}.")
    if unknown := keys - _REQUIRED_KEYS - _OPTIONAL_KEYS:
        raise ParameterFileError(f"{where}: onbekende velden {sorted(unknown)}.")
    raw = entry["value"]
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
        raise ParameterFileError(f"{where}: de waarde moet een getal zijn.")
    value = Decimal(raw)
    if value < 0:
        raise ParameterFileError(f"{where}: de waarde mag niet negatief zijn.")
    tag = entry["tag"]
    if tag not in TAGS:
        raise ParameterFileError(f"{where}: tag moet een van {', '.join(TAGS)} zijn.")
    texts: dict[str, str] = {}
    for key in ("tag_basis", "source", "verification", "note"):
        item = entry.get(key, "")
        if not isinstance(item, str):
            raise ParameterFileError(f"{where}: '{key}' moet tekst zijn.")
        texts[key] = item.strip()
    if not texts["source"]:
        raise ParameterFileError(f"{where}: de bron ontbreekt.")
    if tag == "SECONDARY" and not texts["verification"]:
        raise ParameterFileError(
            f"{where}: een SECONDARY-cijfer moet de stand van de verificatie vermelden."
        )
    return Figure(
        name=name,
        label=known.label,
        unit=known.unit,
        value=value,
        tag=tag,
        tag_basis=texts["tag_basis"],
        source=texts["source"],
        verification=texts["verification"],
        note=texts["note"],
    )


def parameters_with_sources(year: int) -> dict[str, Any]:
    """The figures of ``year`` as JSON-ready data, each with label, unit, source and tag.

    ``missing`` lists the figures the rules know about that have no source for this year, so
    that a reader sees what cannot be calculated. Values are exact decimal strings.
    """
    params = parameters(year)
    figures = {}
    for name, figure in params.figures.items():
        item = to_jsonable(figure)
        item["value"] = f"{figure.value:f}"
        del item["name"]
        figures[name] = item
    missing = [
        {"name": name, "label": known.label, "unit": known.unit}
        for name, known in KNOWN_FIGURES.items()
        if name not in params.figures
    ]
    return {"year": params.year, "figures": figures, "missing": missing}
