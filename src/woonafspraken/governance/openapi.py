"""OpenAPI paths and schemas for governance and bids, added to the API document at start-up."""

from typing import Any

from woonafspraken.api.openapi import PAGE_PARAMS, PROBLEM, _list_of, _ok

REF = {
    "type": ["object", "null"],
    "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
}
ID_PARAM = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}

PATHS: dict[str, Any] = {
    "/bodies": {
        "get": {
            "operationId": "listBodies",
            "summary": "Overleggen (bestuurlijk overleg, projectleidersoverleg, werkgroepen)",
            "description": "Openbaar voor een gemeente met gepubliceerde prestatieafspraken; "
            "anders alleen voor leden van organisaties in die gemeente.",
            "parameters": PAGE_PARAMS,
            "responses": {"200": _ok(_list_of("Body")), "400": PROBLEM},
        }
    },
    "/meetings": {
        "get": {
            "operationId": "listMeetings",
            "summary": "Vergaderingen met besluiten en actiepunten",
            "parameters": [
                {"name": "body", "in": "query", "schema": {"type": "integer"}},
                *PAGE_PARAMS,
            ],
            "responses": {"200": _ok(_list_of("Meeting")), "400": PROBLEM},
        }
    },
    "/cycles/{id}/bids": {
        "get": {
            "operationId": "listCycleBids",
            "summary": "Biedingen van een cyclus die u mag zien",
            "description": "Een bod ziet altijd de eigen corporatie; na indienen ook de gemeente "
            "en de eigen huurdersorganisatie; vanaf de onderhandelingsfase alle partijen.",
            "parameters": [ID_PARAM, *PAGE_PARAMS],
            "responses": {"200": _ok(_list_of("Bid")), "404": PROBLEM},
        }
    },
    "/bids": {
        "post": {
            "operationId": "saveBid",
            "summary": "Het bod van de eigen corporatie opslaan of indienen (token)",
            "security": [{"token": []}],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/BidInput"}}
                },
            },
            "responses": {
                "201": _ok({"$ref": "#/components/schemas/Bid"}),
                "200": _ok({"$ref": "#/components/schemas/Bid"}),
                "400": PROBLEM,
                "401": PROBLEM,
                "403": PROBLEM,
                "404": PROBLEM,
                "409": PROBLEM,
            },
        }
    },
}

PLANNED = {"type": "array", "maxItems": 5, "items": {"type": ["integer", "null"], "minimum": 0}}
SECTIONS = {
    "type": "object",
    "description": "Tekst per onderdeel a–f (Btiv 2015 art. 39)",
    "propertyNames": {"enum": ["a", "b", "c", "d", "e", "f"]},
    "additionalProperties": {"type": "string"},
}
ITEM_INPUT = {
    "type": "object",
    "required": ["section", "description"],
    "properties": {
        "section": {"enum": ["a", "b", "c", "d", "e", "f"]},
        "description": {"type": "string", "maxLength": 300},
        "postcode": {"type": ["string", "null"], "pattern": "^[1-9][0-9]{3}$"},
        "planned": PLANNED,
    },
}

SCHEMAS: dict[str, Any] = {
    "Body": {
        "type": "object",
        "required": ["id", "name", "kind", "municipality", "leadOrganisation", "members"],
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "kind": {"enum": ["board", "project_leaders", "working_group"]},
            "municipality": {
                "type": "object",
                "properties": {"cbsCode": {"type": "string"}, "name": {"type": "string"}},
            },
            "theme": {"type": ["string", "null"]},
            "themeId": {"type": ["integer", "null"]},
            "leadOrganisation": REF,
            "members": {"type": "array", "items": REF},
        },
    },
    "Meeting": {
        "type": "object",
        "required": ["id", "body", "date", "decisions", "actionItems"],
        "properties": {
            "id": {"type": "integer"},
            "body": REF,
            "date": {"type": "string", "format": "date"},
            "agenda": {"type": "string"},
            "minutes": {"type": "string"},
            "decisions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "text": {"type": "string"},
                        "agreements": {"type": "array", "items": {"type": "integer"}},
                    },
                },
            },
            "actionItems": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "integer"},
                        "description": {"type": "string"},
                        "ownerOrganisation": REF,
                        "ownerPerson": {"type": ["string", "null"]},
                        "dueDate": {"type": ["string", "null"], "format": "date"},
                        "status": {"enum": ["open", "done", "dropped"]},
                        "overdue": {"type": "boolean"},
                    },
                },
            },
        },
    },
    "Bid": {
        "type": "object",
        "required": ["id", "cycle", "corporation", "year", "status", "sections", "items"],
        "properties": {
            "id": {"type": "integer"},
            "cycle": {"type": "integer"},
            "corporation": REF,
            "year": {"type": "integer"},
            "status": {"enum": ["draft", "submitted"]},
            "due": {"type": "string", "format": "date"},
            "submittedAt": {"type": ["string", "null"], "format": "date-time"},
            "late": {"type": "boolean"},
            "plannedYears": {"type": "array", "items": {"type": "integer"}},
            "sections": SECTIONS,
            "items": {
                "type": "array",
                "items": {
                    **ITEM_INPUT,
                    "properties": {
                        "id": {"type": "integer"},
                        **ITEM_INPUT["properties"],
                        "agreement": {"type": ["integer", "null"]},
                    },
                },
            },
        },
    },
    "BidInput": {
        "type": "object",
        "required": ["cycle", "year"],
        "properties": {
            "cycle": {"type": "integer"},
            "corporation": {
                "type": "integer",
                "description": "Nodig als u voor meer dan één corporatie een bod mag doen.",
            },
            "year": {"type": "integer"},
            "sections": SECTIONS,
            "items": {"type": "array", "items": ITEM_INPUT, "description": "Vervangt alle regels."},
            "submit": {"type": "boolean", "description": "Meteen indienen."},
        },
    },
}
