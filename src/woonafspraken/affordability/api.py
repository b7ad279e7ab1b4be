"""API v1: huurtoeslag, rent class and rule parameters (read-only, open to everyone)."""

from typing import Any

from django.http import HttpRequest

from woonafspraken.api.framework import TITLES, Problem, endpoint
from woonafspraken.rules import RulesError, parameters_with_sources, rent_class

from . import inputs


def _check(read: inputs.Inputs) -> None:
    if read.errors:
        messages = list(read.errors.values())
        raise Problem(
            400,
            TITLES[400],
            " ".join(messages),
            invalidParams=[{"name": n, "reason": m} for n, m in read.errors.items()],
        )


@endpoint("GET")
def huurtoeslag(request: HttpRequest) -> dict[str, Any]:
    read = inputs.read(request.GET, inputs.HUURTOESLAG_REQUIRED, inputs.HUURTOESLAG_OPTIONAL)
    result = inputs.compute_huurtoeslag(read)
    _check(read)
    assert result is not None
    return inputs.huurtoeslag_json(result)


@endpoint("GET")
def rent_class_view(request: HttpRequest) -> dict[str, Any]:
    read = inputs.read(request.GET, ("year", "rent"))
    _check(read)
    try:
        result = rent_class(**read.values)
    except RulesError as exc:
        raise Problem(400, TITLES[400], exc.message) from None
    data = result.to_dict()
    return {"rent_class": data.pop("code"), **data}


@endpoint("GET")
def rule_parameters(request: HttpRequest) -> dict[str, Any]:
    read = inputs.read(request.GET, ("year",))
    _check(read)
    try:
        return parameters_with_sources(read.values["year"])
    except RulesError as exc:
        raise Problem(400, TITLES[400], exc.message) from None
