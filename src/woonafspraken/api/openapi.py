"""The OpenAPI 3 document of API v1, served at ``/api/v1/openapi.json``.

Kept by hand beside the views; ``tests/api/test_openapi.py`` checks that every route of
``api/urls.py`` is described here and that responses match the documented fields.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .framework import respond

PROBLEM = {"$ref": "#/components/responses/Problem"}


def _list_of(ref: str) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["count", "results"],
        "properties": {
            "count": {"type": "integer"},
            "next": {"type": ["string", "null"], "format": "uri"},
            "previous": {"type": ["string", "null"], "format": "uri"},
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}},
        },
    }


def _ok(schema: dict[str, Any], media: str = "application/json") -> dict[str, Any]:
    return {
        "description": "OK",
        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
        "content": {media: {"schema": schema}},
    }


PAGE_PARAMS = [
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
    {
        "name": "pageSize",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 500},
    },
]
CYCLE_PARAM = {"name": "cycle", "in": "query", "required": True, "schema": {"type": "integer"}}
YEAR_PARAM = {"name": "year", "in": "query", "schema": {"type": "integer"}}

PATHS: dict[str, Any] = {
    "/cycles": {
        "get": {
            "operationId": "listCycles",
            "summary": "Prestatieafspraken (cycli) die u mag zien; gepubliceerde voor iedereen",
            "parameters": PAGE_PARAMS,
            "responses": {"200": _ok(_list_of("Cycle")), "400": PROBLEM},
        }
    },
    "/cycles/{id}": {
        "get": {
            "operationId": "getCycle",
            "summary": "Eén cyclus met partijen en thema's",
            "parameters": [
                {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "responses": {"200": _ok({"$ref": "#/components/schemas/Cycle"}), "404": PROBLEM},
        }
    },
    "/agreements": {
        "get": {
            "operationId": "listAgreements",
            "summary": "Afspraken van een cyclus met hun evaluatie in een jaar",
            "parameters": [CYCLE_PARAM, YEAR_PARAM, *PAGE_PARAMS],
            "responses": {"200": _ok(_list_of("Agreement")), "400": PROBLEM, "404": PROBLEM},
        }
    },
    "/targets": {
        "get": {
            "operationId": "listTargets",
            "summary": "Normen met realisatie, oordeel en marge",
            "description": "Zonder `year` wordt een jaarnorm in zijn eigen jaar beoordeeld en een "
            "norm over de looptijd aan het eind ervan.",
            "parameters": [CYCLE_PARAM, YEAR_PARAM, *PAGE_PARAMS],
            "responses": {"200": _ok(_list_of("Target")), "400": PROBLEM, "404": PROBLEM},
        }
    },
    "/measurements": {
        "post": {
            "operationId": "recordMeasurement",
            "summary": "Realisatie vastleggen of corrigeren (token)",
            "security": [{"token": []}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {"$ref": "#/components/schemas/MeasurementInput"}
                    }
                },
            },
            "responses": {
                "201": _ok({"$ref": "#/components/schemas/Measurement"}),
                "200": _ok({"$ref": "#/components/schemas/Measurement"}),
                "400": PROBLEM,
                "401": PROBLEM,
                "403": PROBLEM,
                "404": PROBLEM,
                "409": PROBLEM,
            },
        }
    },
}

NUMBER_OR_NULL = {"type": ["number", "null"]}
REF = {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}}

SCHEMAS: dict[str, Any] = {
    "Cycle": {
        "type": "object",
        "required": ["id", "title", "municipality", "period", "published"],
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "municipality": {
                "type": "object",
                "properties": {"cbsCode": {"type": "string"}, "name": {"type": "string"}},
            },
            "period": {
                "type": "object",
                "properties": {"start": {"type": "integer"}, "end": {"type": "integer"}},
            },
            "published": {"type": "boolean"},
            "parties": {"type": "array", "items": REF},
            "themes": {"type": "array", "items": {"$ref": "#/components/schemas/Theme"}},
        },
    },
    "Theme": {
        "type": "object",
        "required": ["id", "name", "order", "leadOrganisation", "projectLeader", "assignments"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "order": {"type": "integer"},
            "leadOrganisation": {"oneOf": [REF, {"type": "null"}]},
            "projectLeader": {"type": "string"},
            "assignments": {
                "type": "array",
                "description": "bestuursopdrachten van het thema, met hun conclusies op volgorde",
                "items": {"$ref": "#/components/schemas/ThemeAssignment"},
            },
        },
    },
    "ThemeAssignment": {
        "type": "object",
        "required": ["id", "year", "title", "text", "findings"],
        "properties": {
            "id": {"type": "integer"},
            "year": {"type": "integer"},
            "title": {"type": "string"},
            "text": {"type": "string", "description": "de opdracht; leeg als die niet bekend is"},
            "findings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "text", "source"],
                    "properties": {
                        "id": {"type": "integer"},
                        "text": {"type": "string"},
                        "source": {"type": "string"},
                    },
                },
            },
        },
    },
    "Agreement": {
        "type": "object",
        "required": ["id", "number", "title", "kind", "theme"],
        "properties": {
            "id": {"type": "integer"},
            "number": {"type": "string"},
            "title": {"type": "string"},
            "text": {"type": "string"},
            "kind": {"enum": ["effort", "result"]},
            "theme": REF,
            "leadParty": {"oneOf": [REF, {"type": "null"}]},
            "involvedParties": {"type": "array", "items": REF},
            "assessment": {
                "type": ["object", "null"],
                "properties": {
                    "year": {"type": "integer"},
                    "status": {
                        "enum": [
                            "achieved",
                            "on_track",
                            "attention",
                            "unclear",
                            "not_achieved",
                            "dropped",
                        ]
                    },
                    "explanation": {"type": "string"},
                    "version": {"type": "integer"},
                },
            },
        },
    },
    "Target": {
        "type": "object",
        "required": [
            "id",
            "agreement",
            "theme",
            "indicator",
            "party",
            "year",
            "norm",
            "realised",
            "verdict",
            "margin",
        ],
        "properties": {
            "id": {"type": "integer"},
            "agreement": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "number": {"type": "string"},
                    "title": {"type": "string"},
                },
            },
            "theme": REF,
            "indicator": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "unit": {"enum": ["percentage", "count", "euro", "energy_label"]},
                },
            },
            "party": {
                "oneOf": [REF, {"type": "null"}],
                "description": "null: de partijen gezamenlijk",
            },
            "year": {
                "type": ["integer", "null"],
                "description": "null: de hele looptijd (zie period)",
            },
            "period": {"type": ["object", "null"]},
            "norm": {
                "type": "object",
                "required": ["kind"],
                "properties": {
                    "kind": {"enum": ["min", "max", "exact", "range", "label_at_least"]},
                    "value": NUMBER_OR_NULL,
                    "low": NUMBER_OR_NULL,
                    "high": NUMBER_OR_NULL,
                    "tolerance": NUMBER_OR_NULL,
                    "label": {"type": "string"},
                },
            },
            "asOf": {"type": "integer"},
            "realised": {"type": ["number", "string", "null"]},
            "verdict": {"enum": ["met", "not_met", "on_track", "behind", "no_data"]},
            "margin": {
                **NUMBER_OR_NULL,
                "description": "realisatie min norm, in de eenheid van de indicator",
            },
            "expected": NUMBER_OR_NULL,
            "version": {
                "type": "integer",
                "description": "versie van de realisatie in asOf (0: nog geen)",
            },
        },
    },
    "MeasurementInput": {
        "type": "object",
        "required": ["target", "value"],
        "properties": {
            "target": {"type": "integer"},
            "value": {"type": ["number", "string"], "description": "getal, of energielabel"},
            "year": {"type": "integer", "description": "verplicht bij een norm over de looptijd"},
            "note": {"type": "string"},
            "source": {"type": "string"},
            "version": {
                "type": "integer",
                "description": "de versie die u zag; 0 voor een nieuwe waarde",
            },
        },
    },
    "Measurement": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "target": {"type": "integer"},
            "year": {"type": "integer"},
            "value": {"type": ["number", "string", "null"]},
            "note": {"type": "string"},
            "source": {"type": "string"},
            "version": {"type": "integer"},
            "recordedAt": {"type": "string", "format": "date-time"},
            "verdict": {"type": "string"},
            "margin": NUMBER_OR_NULL,
        },
    },
    "Problem": {
        "type": "object",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "instance": {"type": "string"},
        },
    },
}

EXTRA_PATHS: list[dict[str, Any]] = []  # other apps add their paths here
EXTRA_SCHEMAS: dict[str, Any] = {}


def build() -> dict[str, Any]:
    paths = dict(PATHS)
    for extra in EXTRA_PATHS:
        paths.update(extra)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Woonafspraken API",
            "version": settings.API_VERSION,
            "description": "Prestatieafspraken, normen, realisaties en evaluaties. Gepubliceerde "
            "gegevens zijn zonder token leesbaar (open data); schrijven vraagt een token.",
            "license": {"name": "EUPL-1.2", "identifier": "EUPL-1.2"},
            "contact": {"name": "Woonafspraken"},
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "schemas": {**SCHEMAS, **EXTRA_SCHEMAS},
            "securitySchemes": {
                "token": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": "‘Token <token>’; maak er een met `woonafspraken createtoken`",
                }
            },
            "headers": {
                "API-Version": {"schema": {"type": "string"}, "description": "Versie van de API"}
            },
            "responses": {
                "Problem": {
                    "description": "Fout (RFC 9457)",
                    "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
                    "content": {
                        "application/problem+json": {
                            "schema": {"$ref": "#/components/schemas/Problem"}
                        }
                    },
                }
            },
        },
    }


def document(request: HttpRequest) -> HttpResponse:
    return respond(build(), content_type="application/vnd.oai.openapi+json")
