"""OpenAPI description of the affordability endpoints (added to API v1 in ``apps.ready``)."""

from typing import Any

PROBLEM = {"$ref": "#/components/responses/Problem"}
DECIMAL = {"type": "string", "description": "exact bedrag in euro, als tekst (bijv. ‘66.17’)"}


def _q(name: str, schema: dict[str, Any], required: bool = False, description: str = "") -> Any:
    item: dict[str, Any] = {"name": name, "in": "query", "required": required, "schema": schema}
    if description:
        item["description"] = description
    return item


def _ok(ref: str) -> dict[str, Any]:
    return {
        "description": "OK",
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


YEAR = _q("year", {"type": "integer"}, True, "jaar van de regels (huurtoeslag: alleen 2026)")
AMOUNT = {"type": "string", "pattern": r"^\d+(\.\d{1,2})?$"}
FLAG = {"type": "string", "enum": ["true", "false"], "default": "false"}

PATHS: dict[str, Any] = {
    "/huurtoeslag": {
        "get": {
            "operationId": "calculateHuurtoeslag",
            "summary": "Huurtoeslag per maand voor een huishouden (regels 2026), per deel",
            "parameters": [
                YEAR,
                _q("household_size", {"type": "integer", "minimum": 1}, True),
                _q("rent", AMOUNT, True, "kale huur per maand"),
                _q("income", AMOUNT, True, "toetsingsinkomen per jaar"),
                _q("assets", AMOUNT, description="vermogen van het huishouden"),
                _q("partner", FLAG),
                _q("all_occupants_18_to_20", FLAG),
                _q("children_income", AMOUNT, description="inkomen van de kinderen per jaar"),
            ],
            "responses": {"200": _ok("Huurtoeslag"), "400": PROBLEM},
        }
    },
    "/rent-class": {
        "get": {
            "operationId": "getRentClass",
            "summary": "Huurklasse (VERA) van een kale huur in een jaar",
            "parameters": [YEAR, _q("rent", AMOUNT, True, "kale huur per maand")],
            "responses": {"200": _ok("RentClass"), "400": PROBLEM},
        }
    },
    "/rule-parameters": {
        "get": {
            "operationId": "getRuleParameters",
            "summary": "De cijfers van een jaar met hun bron",
            "parameters": [YEAR],
            "responses": {"200": _ok("RuleParameters"), "400": PROBLEM},
        }
    },
}

SCHEMAS: dict[str, Any] = {
    "Huurtoeslag": {
        "type": "object",
        "required": ["amount", "eligible", "reason", "parts", "phase_out", "parameters"],
        "properties": {
            "amount": {"type": "integer", "description": "hele euro's per maand"},
            "eligible": {"type": "boolean"},
            "reason": {"type": "string"},
            "parts": {
                "type": "object",
                "properties": {"a": DECIMAL, "b": DECIMAL, "c": DECIMAL},
            },
            "phase_out": {**DECIMAL, "description": "afbouw per maand, afgerond op centen"},
            "rekenhuur": DECIMAL,
            "basishuur": DECIMAL,
            "explanation": {"type": "array", "items": {"type": "string"}},
            "parameters": {
                "type": "object",
                "properties": {"year": {"type": "integer"}, "sources": {"type": "object"}},
            },
        },
    },
    "RentClass": {
        "type": "object",
        "required": ["rent_class"],
        "properties": {
            "rent_class": {"enum": ["cheap", "affordable", "expensive", "above_limit"]},
            "label": {"type": "string"},
            "year": {"type": "integer"},
            "rent": DECIMAL,
            "reason": {"type": "string"},
        },
    },
    "RuleParameters": {
        "type": "object",
        "required": ["year", "figures", "missing"],
        "properties": {
            "year": {"type": "integer"},
            "figures": {"type": "object"},
            "missing": {"type": "array", "items": {"type": "object"}},
        },
    },
}
