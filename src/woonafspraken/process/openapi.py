"""OpenAPI paths of the process endpoints, merged into ``/api/v1/openapi.json``."""

from typing import Any

PROBLEM = {"$ref": "#/components/responses/Problem"}
ID_PARAM = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
API_VERSION = {"API-Version": {"$ref": "#/components/headers/API-Version"}}


def _ok(
    schema: dict[str, Any], media: str = "application/json", status: str = "OK"
) -> dict[str, Any]:
    return {"description": status, "headers": API_VERSION, "content": {media: {"schema": schema}}}


PATHS: dict[str, Any] = {
    "/cycles/{id}/milestones": {
        "get": {
            "operationId": "listMilestones",
            "summary": "Mijlpalen van een cyclus (wettelijke en praktijkdata)",
            "parameters": [ID_PARAM],
            "responses": {
                "200": _ok(
                    {
                        "type": "object",
                        "properties": {
                            "results": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/Milestone"},
                            }
                        },
                    }
                ),
                "404": PROBLEM,
            },
        }
    },
    "/cycles/{id}/calendar.ics": {
        "get": {
            "operationId": "cycleCalendar",
            "summary": "De mijlpalen als iCalendar-agenda (RFC 5545)",
            "parameters": [ID_PARAM],
            "responses": {"200": _ok({"type": "string"}, "text/calendar"), "404": PROBLEM},
        }
    },
    "/cycles/{id}/approvals": {
        "get": {
            "operationId": "listApprovals",
            "summary": "Goedkeuringen per partij en wie nog moet goedkeuren",
            "parameters": [ID_PARAM],
            "responses": {
                "200": _ok(
                    {
                        "type": "object",
                        "properties": {
                            "phase": {"type": "string"},
                            "results": {
                                "type": "array",
                                "items": {"$ref": "#/components/schemas/Approval"},
                            },
                            "missing": {"type": "array", "items": {"type": "object"}},
                        },
                    }
                ),
                "404": PROBLEM,
            },
        },
        "post": {
            "operationId": "approveCycle",
            "summary": "Goedkeuren namens een partij (alleen een ondertekenaar van die partij)",
            "description": "Als de laatste partij goedkeurt, wordt de cyclus ondertekend.",
            "security": [{"token": []}],
            "parameters": [ID_PARAM],
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "required": ["organisation", "decision_body", "decided_on"],
                            "properties": {
                                "organisation": {"type": "integer"},
                                "decision_body": {
                                    "type": "string",
                                    "enum": [
                                        "college_bw",
                                        "raad_van_bestuur",
                                        "bestuur_huurdersorganisatie",
                                        "other",
                                    ],
                                },
                                "decided_on": {"type": "string", "format": "date"},
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": _ok({"$ref": "#/components/schemas/Approval"}, status="Vastgelegd"),
                "400": PROBLEM,
                "401": PROBLEM,
                "403": PROBLEM,
                "404": PROBLEM,
                "409": PROBLEM,
            },
        },
    },
}

SCHEMAS: dict[str, Any] = {
    "Milestone": {
        "type": "object",
        "required": ["id", "kind", "title", "start", "end", "legal", "editable"],
        "properties": {
            "id": {"type": "integer"},
            "kind": {"type": "string"},
            "title": {"type": "string"},
            "start": {"type": "string", "format": "date"},
            "end": {"type": ["string", "null"], "format": "date"},
            "legal": {"type": "boolean"},
            "editable": {"type": "boolean"},
            "basis": {"type": "string"},
        },
    },
    "Approval": {
        "type": "object",
        "required": ["id", "organisation", "decisionBody", "signatory", "decidedOn"],
        "properties": {
            "id": {"type": "integer"},
            "organisation": {"type": "object"},
            "decisionBody": {"type": "string"},
            "signatory": {"type": "string"},
            "decidedOn": {"type": "string", "format": "date"},
            "amendment": {"type": ["integer", "null"]},
        },
    },
}
