"""OpenAPI paths of the documents endpoints, merged into ``/api/v1/openapi.json``.

:class:`~woonafspraken.documents.apps.DocumentsConfig` appends :data:`PATHS` to
``woonafspraken.api.openapi.EXTRA_PATHS`` and :data:`SCHEMAS` to ``EXTRA_SCHEMAS``.
"""

from typing import Any

from .models import DocumentRequest
from .monitor import CSV_COLUMNS, MAX_FILE_SIZE, MAX_ROWS, XLSX_CONTENT_TYPE
from .reports import DOCX_CONTENT_TYPE, FORMATS, KINDS, PDF_CONTENT_TYPE
from .services import MAX_WAITING_ANONYMOUS, MAX_WAITING_PER_USER

PROBLEM = {"$ref": "#/components/responses/Problem"}
ID_PARAM = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
API_VERSION = {"API-Version": {"$ref": "#/components/headers/API-Version"}}
MEDIA = {"pdf": PDF_CONTENT_TYPE, "docx": DOCX_CONTENT_TYPE}
IMPORT_PROBLEM = {
    "description": "Het bestand is geweigerd; er is niets opgeslagen. `errors` noemt elke fout "
    "met blad, rij en kolom.",
    "headers": API_VERSION,
    "content": {
        "application/problem+json": {"schema": {"$ref": "#/components/schemas/MonitorProblem"}}
    },
}

PATHS: dict[str, Any] = {
    "/cycles/{id}/monitor": {
        "get": {
            "operationId": "downloadMonitor",
            "summary": "Excel-monitor van een organisatie voor een jaar (xlsx)",
            "description": "Eén rij per norm met de huidige waarde; alleen de kolommen Waarde, "
            "Bron en Toelichting zijn te bewerken. Lever het ingevulde bestand in met POST.",
            "parameters": [
                ID_PARAM,
                {"name": "year", "in": "query", "required": True, "schema": {"type": "integer"}},
                {
                    "name": "organisation",
                    "in": "query",
                    "required": True,
                    "description": "id van een partij, of `joint` voor de gezamenlijke normen",
                    "schema": {"type": "string"},
                },
            ],
            "responses": {
                "200": {
                    "description": "OK",
                    "headers": API_VERSION,
                    "content": {
                        XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}
                    },
                },
                "400": PROBLEM,
                "404": PROBLEM,
            },
        },
        "post": {
            "operationId": "uploadMonitor",
            "summary": "Ingevulde Excel-monitor inleveren (token)",
            "description": "Eerst wordt het hele bestand gecontroleerd; alleen zonder fouten "
            "worden de gewijzigde rijen in één keer opgeslagen, met de bestandsnaam als bron in "
            f"de historie. Hoogstens {MAX_FILE_SIZE // (1024 * 1024)} MB en {MAX_ROWS} rijen; "
            "geen macro's, geen formules in te bewerken cellen. De bestandsnaam kan mee in "
            '`Content-Disposition: attachment; filename="…"`.',
            "security": [{"token": []}],
            "parameters": [ID_PARAM],
            "requestBody": {
                "required": True,
                "content": {
                    XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}},
                    "multipart/form-data": {
                        "schema": {
                            "type": "object",
                            "required": ["file"],
                            "properties": {"file": {"type": "string", "format": "binary"}},
                        }
                    },
                },
            },
            "responses": {
                "200": {
                    "description": "Opgeslagen; een overzicht van de wijzigingen",
                    "headers": API_VERSION,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/MonitorImport"}
                        }
                    },
                },
                "400": IMPORT_PROBLEM,
                "401": PROBLEM,
                "404": PROBLEM,
                "413": IMPORT_PROBLEM,
                "415": PROBLEM,
            },
        },
    },
    "/cycles/{id}/targets.csv": {
        "get": {
            "operationId": "downloadTargetsCsv",
            "summary": "Alle normen en realisaties van een cyclus als CSV (open data)",
            "description": "UTF-8, komma als scheidingsteken, punt als decimaalteken; één regel "
            "per realisatie (een norm zonder realisatie: één regel met lege realisatie). "
            "Kolommen: " + ", ".join(f"`{c}`" for c in CSV_COLUMNS) + ".",
            "parameters": [ID_PARAM],
            "responses": {
                "200": {
                    "description": "OK",
                    "headers": API_VERSION,
                    "content": {"text/csv": {"schema": {"type": "string"}}},
                },
                "404": PROBLEM,
            },
        }
    },
}


def _document(operation: str, summary: str, formats: tuple[str, ...], year: bool) -> Any:
    params: list[dict[str, Any]] = [ID_PARAM]
    if year:
        params.append(
            {"name": "year", "in": "query", "required": True, "schema": {"type": "integer"}}
        )
    params.append(
        {"name": "format", "in": "query", "schema": {"enum": list(formats), "default": formats[0]}}
    )
    return {
        "get": {
            "operationId": operation,
            "summary": summary,
            "description": "Wordt direct gemaakt, in deze aanvraag. Een groot document (veel "
            "afspraken, vooral als PDF) kan langer duren dan een client of proxy wacht; vraag "
            "het dan aan met `POST /cycles/{id}/document-requests` en download het als het "
            "klaar is.",
            "parameters": params,
            "responses": {
                "200": {
                    "description": "OK",
                    "headers": API_VERSION,
                    "content": {
                        MEDIA[f]: {"schema": {"type": "string", "format": "binary"}}
                        for f in formats
                    },
                },
                "400": PROBLEM,
                "404": PROBLEM,
            },
        }
    }


PATHS.update(
    {
        "/cycles/{id}/documents/agreements": _document(
            "getAgreementsDocument",
            "De afspraken als document, met ondertekening per partij (PDF of Word)",
            ("pdf", "docx"),
            year=False,
        ),
        "/cycles/{id}/documents/evaluation": _document(
            "getEvaluationDocument",
            "Evaluatie van een jaar: per thema elke afspraak met status, normen en oordeel",
            ("pdf", "docx"),
            year=True,
        ),
        "/cycles/{id}/documents/council-letter": _document(
            "getCouncilLetter",
            "Concept-raadsinformatiebrief over de evaluatie van een jaar (Word)",
            ("docx",),
            year=True,
        ),
    }
)

DOCUMENT_REQUEST = {"$ref": "#/components/schemas/DocumentRequest"}
REQUEST_ID_PARAM = {
    "name": "id",
    "in": "path",
    "required": True,
    "description": "id van het documentverzoek",
    "schema": {"type": "integer"},
}


PATHS.update(
    {
        "/cycles/{id}/document-requests": {
            "post": {
                "operationId": "requestDocument",
                "summary": "Een document laten maken in de achtergrond (PDF of Word)",
                "description": "Voor documenten die te groot zijn om direct te downloaden. Het "
                "antwoord is het documentverzoek; `Location` wijst naar de status. Vraag die op "
                "tot `status` `ready` (download via `download`) of `failed` (reden in `error`) "
                "is. Wie de cyclus mag zien, mag een document laten maken; een gepubliceerde "
                "cyclus ook zonder token. Er wachten hoogstens "
                f"{MAX_WAITING_PER_USER} documenten per gebruiker tegelijk, en "
                f"{MAX_WAITING_ANONYMOUS} voor alle bezoekers zonder token samen; daarboven "
                "volgt 429. Een document wordt een week bewaard.",
                "parameters": [ID_PARAM],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/DocumentRequestInput"}
                        }
                    },
                },
                "responses": {
                    "202": {
                        "description": "Aangenomen; het document wordt gemaakt (of is al klaar)",
                        "headers": {
                            **API_VERSION,
                            "Location": {
                                "description": "Adres van het documentverzoek (de status)",
                                "schema": {"type": "string", "format": "uri"},
                            },
                        },
                        "content": {"application/json": {"schema": DOCUMENT_REQUEST}},
                    },
                    "400": PROBLEM,
                    "401": PROBLEM,
                    "404": PROBLEM,
                    "429": {
                        "description": "Er wachten al te veel documenten; er is niets opgeslagen. "
                        "Probeer het na `Retry-After` seconden opnieuw.",
                        "headers": {
                            **API_VERSION,
                            "Retry-After": {"schema": {"type": "integer"}},
                        },
                        "content": {
                            "application/problem+json": {
                                "schema": {"$ref": "#/components/schemas/Problem"}
                            }
                        },
                    },
                },
            }
        },
        "/document-requests/{id}": {
            "get": {
                "operationId": "getDocumentRequest",
                "summary": "De status van een documentverzoek",
                "description": "Voor iedereen die de cyclus van het verzoek mag zien.",
                "parameters": [REQUEST_ID_PARAM],
                "responses": {
                    "200": {
                        "description": "OK",
                        "headers": API_VERSION,
                        "content": {"application/json": {"schema": DOCUMENT_REQUEST}},
                    },
                    "404": PROBLEM,
                },
            }
        },
        "/document-requests/{id}/download": {
            "get": {
                "operationId": "downloadRequestedDocument",
                "summary": "Het gemaakte document downloaden",
                "description": "Alleen als `status` `ready` is; anders 409 met in `detail` of "
                "het document nog wordt gemaakt of dat het maken is mislukt.",
                "parameters": [REQUEST_ID_PARAM],
                "responses": {
                    "200": {
                        "description": "Het document, als bijlage met bestandsnaam",
                        "headers": {
                            **API_VERSION,
                            "Content-Disposition": {"schema": {"type": "string"}},
                        },
                        "content": {
                            media: {"schema": {"type": "string", "format": "binary"}}
                            for media in MEDIA.values()
                        },
                    },
                    "404": PROBLEM,
                    "409": PROBLEM,
                },
            }
        },
    }
)

_CHANGE_VALUES = {
    "type": "object",
    "properties": {
        "value": {"type": "string"},
        "source": {"type": "string"},
        "note": {"type": "string"},
    },
}

SCHEMAS: dict[str, Any] = {
    "DocumentRequestInput": {
        "type": "object",
        "required": ["kind"],
        "properties": {
            "kind": {"enum": list(KINDS)},
            "format": {
                "enum": list(MEDIA),
                "description": "Standaard het eerste mogelijke formaat: "
                + "; ".join(f"{kind}: {', '.join(fmts)}" for kind, fmts in FORMATS.items()),
            },
            "year": {
                "type": "integer",
                "description": "Verplicht voor `evaluation` en `council-letter`: een jaar "
                "binnen de looptijd. Bij `agreements` genegeerd.",
            },
        },
    },
    "DocumentRequest": {
        "type": "object",
        "required": [
            "id",
            "cycle",
            "kind",
            "format",
            "year",
            "status",
            "requestedAt",
            "finishedAt",
            "error",
            "download",
        ],
        "properties": {
            "id": {"type": "integer"},
            "cycle": {"type": "integer"},
            "kind": {"enum": list(KINDS)},
            "format": {"enum": list(MEDIA)},
            "year": {"type": ["integer", "null"], "description": "null bij `agreements`"},
            "status": {"enum": list(DocumentRequest.Status.values)},
            "requestedAt": {"type": "string", "format": "date-time"},
            "finishedAt": {"type": ["string", "null"], "format": "date-time"},
            "error": {
                "type": ["string", "null"],
                "description": "Waarom het maken is mislukt (alleen bij `failed`)",
            },
            "download": {
                "type": ["string", "null"],
                "format": "uri",
                "description": "Adres van het document (alleen bij `ready`)",
            },
        },
    },
    "MonitorImport": {
        "type": "object",
        "required": ["file", "rows", "created", "changed", "unchanged", "changes"],
        "properties": {
            "file": {"type": "string"},
            "cycle": {"type": "integer"},
            "year": {"type": "integer"},
            "organisation": {
                "type": ["object", "null"],
                "description": "null: de gezamenlijke normen",
            },
            "applied": {"type": "boolean"},
            "rows": {"type": "integer"},
            "created": {"type": "integer"},
            "changed": {"type": "integer"},
            "unchanged": {"type": "integer"},
            "changes": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "row": {"type": "integer"},
                        "target": {"type": "integer"},
                        "agreement": {"type": "string"},
                        "indicator": {"type": "string"},
                        "year": {"type": "integer"},
                        "old": {"oneOf": [_CHANGE_VALUES, {"type": "null"}]},
                        "new": _CHANGE_VALUES,
                    },
                },
            },
        },
    },
    "MonitorProblem": {
        "allOf": [
            {"$ref": "#/components/schemas/Problem"},
            {
                "type": "object",
                "required": ["errors"],
                "properties": {
                    "errorCount": {"type": "integer"},
                    "errors": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["sheet", "row", "column", "message"],
                            "properties": {
                                "sheet": {"type": ["string", "null"]},
                                "row": {"type": ["integer", "null"]},
                                "column": {"type": ["string", "null"]},
                                "columnName": {"type": ["string", "null"]},
                                "message": {"type": "string"},
                            },
                        },
                    },
                },
            },
        ]
    },
}
