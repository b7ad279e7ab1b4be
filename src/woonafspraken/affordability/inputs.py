"""Reading the calculator's query parameters, shared by the API and the calculator page.

Every problem is reported per field with a Dutch message; the rules package checks the
amounts themselves (negative, text, more than two decimals) and the year.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from woonafspraken.rules import (
    HuurtoeslagResult,
    InvalidInput,
    RulesError,
    huurtoeslag,
    parameters_with_sources,
)
from woonafspraken.rules._common import to_household_size, to_money

#: Field name → Dutch label, in the order of the form.
LABELS = {
    "year": "het jaar",
    "household_size": "de huishoudgrootte",
    "partner": "partner",
    "all_occupants_18_to_20": "alle bewoners 18 tot en met 20 jaar",
    "income": "het inkomen",
    "assets": "het vermogen",
    "children_income": "het inkomen van de kinderen",
    "rent": "de huur",
}
#: Field name → the label the calculator page shows, in the reader's language.
PAGE_LABELS = {
    "year": gettext_lazy("Jaar"),
    "household_size": gettext_lazy("Aantal personen in het huishouden"),
    "income": gettext_lazy("Toetsingsinkomen per jaar (euro)"),
    "assets": gettext_lazy("Vermogen (euro)"),
    "children_income": gettext_lazy("Inkomen van de kinderen onder 23 per jaar (euro)"),
    "rent": gettext_lazy("Kale huur per maand (euro)"),
}
MONEY_FIELDS = ("rent", "income", "assets", "children_income")
FLAG_FIELDS = ("partner", "all_occupants_18_to_20")

#: The figures of a year that the 2026 huurtoeslag uses (see ``rules.huurtoeslag``).
HUURTOESLAG_FIGURES = (
    "huurtoeslag_max_rent",
    "huurtoeslag_youth_rent_cap",
    "kwaliteitskortingsgrens",
    "aftoppingsgrens_low",
    "aftoppingsgrens_high",
    "huurtoeslag_basishuur_single",
    "huurtoeslag_basishuur_multi",
    "huurtoeslag_rate_a",
    "huurtoeslag_rate_b",
    "huurtoeslag_rate_c",
    "huurtoeslag_ijkpunt_single",
    "huurtoeslag_ijkpunt_multi",
    "huurtoeslag_phase_out_pct_single",
    "huurtoeslag_phase_out_pct_multi",
    "huurtoeslag_children_income_exemption",
    "huurtoeslag_asset_limit",
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


@dataclass
class Inputs:
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)


def read(
    query: Mapping[str, str],
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
    *,
    decimal_comma: bool = False,
) -> Inputs:
    """Read ``required`` and ``optional`` fields from a query; collect Dutch errors per field.

    Integers (``year``, ``household_size``) must be whole numbers; yes/no fields must be
    ``true`` or ``false`` (absent means no); amounts are passed on as text for the rules to
    check. ``decimal_comma`` also accepts ``600,50`` (for the page, not the API).
    On the page (``decimal_comma``) numbers are read as the reader types them in their own
    language (``19.648``, ``€ 1.234,50``, ``12,5``; :func:`woonafspraken.forms.read_number`),
    every field's problem is shown at once and the messages are in the reader's language.
    """
    result = Inputs()
    if decimal_comma:
        _read_page(query, required, optional, result)
        return result
    for name in (*required, *optional):
        raw = (query.get(name) or "").strip()
        label = LABELS.get(name, name)
        if name in FLAG_FIELDS:
            if raw in ("", "false"):
                result.values[name] = False
            elif raw == "true":
                result.values[name] = True
            else:
                result.error(name, f"{_cap(label)}: gebruik ‘true’ of ‘false’ (ingevoerd: {raw}).")
            continue
        if raw == "":
            if name in required:
                result.error(name, f"Vul {label} in; dit gegeven is verplicht.")
            elif name in MONEY_FIELDS:
                result.values[name] = "0"
            continue
        if name in ("year", "household_size"):
            try:
                result.values[name] = int(raw)
            except ValueError:
                result.error(name, f"{_cap(label)} moet een geheel getal zijn (ingevoerd: {raw}).")
            continue
        if decimal_comma and "," in raw and "." not in raw:
            raw = raw.replace(",", ".")
        result.values[name] = raw
    return result


def _read_page(
    query: Mapping[str, str], required: tuple[str, ...], optional: tuple[str, ...], result: Inputs
) -> None:
    from woonafspraken.forms import read_number

    for name in (*required, *optional):
        raw = (query.get(name) or "").strip()
        if name in FLAG_FIELDS:
            result.values[name] = raw == "true"
            continue
        if raw == "":
            if name in required:
                result.error(name, f"Vul {LABELS[name]} in; dit gegeven is verplicht.")
            elif name in MONEY_FIELDS:
                result.values[name] = Decimal(0)
            continue
        whole = name in ("year", "household_size")
        try:
            value = read_number(raw, places=2, whole=whole)
        except ValidationError as exc:
            result.error(name, f"{PAGE_LABELS.get(name, name)}: {' '.join(exc.messages)}")
            continue
        # the rules' own checks, here per field so that every problem shows at once
        try:
            if name == "household_size":
                to_household_size(int(value))
            elif name in MONEY_FIELDS:
                to_money(name, LABELS[name], value)
        except InvalidInput as exc:
            result.error(name, exc.message)
            continue
        result.values[name] = int(value) if whole else value


def rules_error(inputs: Inputs, exc: RulesError) -> None:
    """Put a rules error on the field it concerns (the year when it names none)."""
    name = exc.field if isinstance(exc, InvalidInput) else "year"
    inputs.error(name if name in LABELS else "year", exc.message)


HUURTOESLAG_REQUIRED = ("year", "household_size", "rent", "income")
HUURTOESLAG_OPTIONAL = ("assets", "partner", "all_occupants_18_to_20", "children_income")


def compute_huurtoeslag(inputs: Inputs) -> HuurtoeslagResult | None:
    """The huurtoeslag for read inputs, or None with the errors added to ``inputs``."""
    if inputs.errors:
        return None
    try:
        return huurtoeslag(**inputs.values)
    except RulesError as exc:
        rules_error(inputs, exc)
        return None


def huurtoeslag_json(result: HuurtoeslagResult) -> dict[str, Any]:
    """The API answer for a huurtoeslag result (exact amounts as decimal strings)."""
    data = result.to_dict()
    figures = parameters_with_sources(result.year)["figures"]
    return {
        "amount": result.amount,
        "eligible": result.eligible,
        "reason": result.reason,
        "parts": {"a": data["part_a"], "b": data["part_b"], "c": data["part_c"]},
        "phase_out": data["phase_out"],
        "rekenhuur": data["rekenhuur"],
        "basishuur": data["basishuur"],
        "explanation": data["explanation"],
        "parameters": {
            "year": result.year,
            "sources": {name: figures[name] for name in HUURTOESLAG_FIGURES if name in figures},
        },
    }
