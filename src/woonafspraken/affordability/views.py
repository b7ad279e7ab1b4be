"""The calculator page (rekenhulp): huurtoeslag, rent class, target group, passend toewijzen."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from woonafspraken.rules import (
    SEED_BUDGET_TABLE,
    RulesError,
    extramuralisatie_2026,
    known_years,
    passend_toewijzen,
    rent_class,
    target_group,
)
from woonafspraken.rules._common import euro

from . import inputs

FIELDS = (*inputs.HUURTOESLAG_REQUIRED, *inputs.HUURTOESLAG_OPTIONAL)


def _other(call: Any, *args: Any) -> Any:
    """A secondary result, or its Dutch reason when the rules cannot give it this year."""
    try:
        return {"result": call(*args), "error": ""}
    except RulesError as exc:
        return {"result": None, "error": exc.message}


def calculator(request: HttpRequest) -> HttpResponse:
    submitted = "rent" in request.GET or "income" in request.GET
    values = {name: request.GET.get(name, "") for name in FIELDS}
    values["year"] = values["year"] or "2026"
    values["household_size"] = values["household_size"] or "1"
    context: dict[str, Any] = {
        "values": values,
        "years": known_years(),
        "errors": {},
        "submitted": submitted,
    }
    if submitted:
        read = inputs.read(
            request.GET,
            inputs.HUURTOESLAG_REQUIRED,
            inputs.HUURTOESLAG_OPTIONAL,
            decimal_comma=True,
        )
        result = inputs.compute_huurtoeslag(read)
        context["errors"] = read.errors
        if result is not None:
            year, size = result.year, result.household_size
            context.update(
                result=result,
                rent_class=_other(rent_class, year, result.rent),
                target_group=_other(target_group, year, result.income, size),
                passend=_other(passend_toewijzen, year, size, result.income, result.rent),
            )
    example = extramuralisatie_2026()
    context.update(
        seed=SEED_BUDGET_TABLE,
        example=example,
        example_rows=[
            (row.label, [euro(a) for a in row.amounts]) for row in example.comparison.rows
        ],
    )
    return render(request, "affordability/calculator.html", context)
