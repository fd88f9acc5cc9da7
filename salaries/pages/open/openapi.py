"""The API's OpenAPI 3.1 description, served at /api/v1/openapi.json.

The estimate's choices (education levels, employers, places …) are listed from the tables,
so the description names exactly the answers the API takes today.
"""

from django.conf import settings

from salaries.pages.forms import EstimatorForm
from salaries.pay.estimator import MAX_YEARS, Tables

TEXT = {"type": "string"}
TEXT_OR_NULL = {"type": ["string", "null"]}
NUMBER = {"type": "number"}
MONEY_TEXT = {"type": "string", "description": "As the site shows it, such as $45,930."}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(properties: dict, required: list[str] | None = None, **extra) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
        **extra,
    }


def json_content(schema: dict) -> dict:
    return {"application/json": {"schema": schema}}


ETAG_HEADER = {
    "ETag": {
        "description": "Changes whenever an editor changes the data; send it back in "
        "If-None-Match to get 304 while nothing has changed.",
        "schema": TEXT,
    }
}
IF_NONE_MATCH = {
    "name": "If-None-Match",
    "in": "header",
    "required": False,
    "description": "An ETag from an earlier answer.",
    "schema": TEXT,
}
NOT_MODIFIED = {"description": "Not modified since the ETag sent in If-None-Match."}


def ok(description: str, schema: dict) -> dict:
    return {"description": description, "headers": ETAG_HEADER, "content": json_content(schema)}


def failure(description: str) -> dict:
    return {"description": description, "content": json_content(ref("Error"))}


def schemas() -> dict:
    figure = obj(
        {
            "name": {**TEXT, "description": "The placeholder name, as in {{ name }}."},
            "label": TEXT,
            "value": {**TEXT, "description": "The figure as the site shows it."},
            "period": {**TEXT, "description": "The date the source describes: May 2024."},
            "period_date": {**TEXT_OR_NULL, "format": "date"},
            "grade": {"type": "string", "enum": ["published", "reported", "estimate"]},
            "grade_text": TEXT,
            "source": {**TEXT, "description": "The source's short name."},
            "publisher": TEXT,
            "source_title": TEXT,
            "source_url": {**TEXT, "description": "Where the publisher gives the figure."},
            "read_in": {**TEXT, "description": "For a reported figure: where it was read."},
            "date_read": {
                **TEXT_OR_NULL,
                "format": "date",
                "description": "The day the figure was read at its address, or else the day "
                "its source's row was last saved here.",
            },
            "licence": TEXT,
            "overdue_since": {
                **TEXT_OR_NULL,
                "format": "date",
                "description": "Set when a newer edition was due then and is not on file.",
            },
            "page": {**TEXT, "format": "uri"},
            "citation": TEXT,
        }
    )
    change = obj(
        {
            "id": {"type": "integer"},
            "date": {**TEXT, "format": "date-time"},
            "name": TEXT,
            "label": TEXT,
            "old": TEXT,
            "new": TEXT,
            "reason": TEXT,
            "correction": {"type": "boolean"},
            "source": TEXT,
            "source_name": TEXT,
            "period": TEXT,
            "page": {"type": ["string", "null"], "format": "uri"},
        }
    )
    source = obj({"slug": TEXT, "name": TEXT, "as_of": {**TEXT, "format": "date"}, "address": TEXT})
    low_typical_high = obj({"low": NUMBER, "typical": NUMBER, "high": NUMBER})
    step = obj(
        {
            "step": {"type": "integer"},
            "label": TEXT,
            "text": {**TEXT, "description": "What the step does, in words."},
            "kind": {
                "type": "string",
                "enum": ["start", "amount", "percent", "scale", "bound", "hourly"],
            },
            "low": NUMBER,
            "typical": NUMBER,
            "high": NUMBER,
            "shown": obj({"low": MONEY_TEXT, "typical": MONEY_TEXT, "high": MONEY_TEXT}),
            "percent": {"type": "object", "additionalProperties": TEXT},
            "source": {"oneOf": [ref("Source"), {"type": "null"}]},
        }
    )
    estimate = obj(
        {
            "profile": obj(
                {
                    "years": {"type": "integer"},
                    "education": TEXT,
                    "certifications": {"type": "array", "items": TEXT},
                    "skills": {"type": "array", "items": TEXT},
                    "employer": TEXT,
                    "location": TEXT,
                    "contribution": {"type": ["number", "null"]},
                }
            ),
            "place": TEXT,
            "range": obj(
                {
                    "low": {"type": "integer"},
                    "typical": {"type": "integer"},
                    "high": {"type": "integer"},
                    "text": TEXT,
                    "high_is_open": {"type": "boolean"},
                }
            ),
            "hourly": low_typical_high,
            "percentile": obj(
                {
                    "value": {"type": ["integer", "null"]},
                    "side": {"type": "string", "enum": ["below", "within", "above"]},
                    "text": TEXT,
                }
            ),
            "where": TEXT,
            "release": obj({"period": TEXT, "provenance": TEXT, "published": {"type": "boolean"}}),
            "steps": {"type": "array", "items": ref("Step")},
            "sources": {"type": "array", "items": ref("Source")},
        }
    )
    return {
        "Figure": figure,
        "FigureDetail": {
            "allOf": [
                ref("Figure"),
                obj({"changes": {"type": "array", "items": ref("Change")}}),
            ]
        },
        "FigureList": obj(
            {"count": {"type": "integer"}, "figures": {"type": "array", "items": ref("Figure")}}
        ),
        "Change": change,
        "ChangePage": obj(
            {
                "page": {"type": "integer"},
                "pages": {"type": "integer"},
                "count": {"type": "integer"},
                "next": {"type": ["string", "null"], "format": "uri"},
                "previous": {"type": ["string", "null"], "format": "uri"},
                "changes": {"type": "array", "items": ref("Change")},
            }
        ),
        "Source": source,
        "Step": step,
        "Estimate": estimate,
        "Error": obj(
            {
                "error": obj(
                    {
                        "status": {"type": "integer"},
                        "message": TEXT,
                        "fields": {
                            "type": "object",
                            "additionalProperties": {"type": "array", "items": TEXT},
                        },
                        "parameter": TEXT,
                    },
                    required=["status", "message"],
                )
            }
        ),
    }


def choices(form: EstimatorForm, name: str) -> list[str]:
    field = form.fields.get(name)
    if field is None:
        return []
    values = []
    for value, label in field.choices:
        if isinstance(label, list | tuple):  # a group of choices
            values.extend(str(v) for v, _ in label)
        else:
            values.append(str(value))
    return values


def estimate_parameters(tables: Tables | None) -> list[dict]:
    form = EstimatorForm(tables=tables) if tables is not None and tables.is_complete else None

    def one_of(name: str) -> dict:
        listed = choices(form, name) if form is not None else []
        return {"type": "string", "enum": listed} if listed else TEXT

    def parameter(name: str, description: str, schema: dict, **extra) -> dict:
        return {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": schema,
            **extra,
        }

    return [
        parameter(
            "years",
            f"Whole years of experience, 0 to {MAX_YEARS}.",
            {"type": "integer", "minimum": 0, "maximum": MAX_YEARS},
        ),
        parameter("education", "Highest education, by its short name.", one_of("education")),
        parameter(
            "certifications",
            "Certifications held; repeat the parameter for each.",
            {"type": "array", "items": one_of("certifications")},
            style="form",
            explode=True,
        ),
        parameter(
            "skills",
            "Skills; repeat the parameter for each.",
            {"type": "array", "items": one_of("skills")},
            style="form",
            explode=True,
        ),
        parameter("employer", "Employer type, by its short name.", one_of("employer")),
        parameter(
            "location",
            "A state, DC or a metropolitan area, by its short name (ohio, columbus-oh); "
            "there are hundreds, so they are not listed here.",
            {**TEXT, "examples": ["united-states", "ohio", "columbus-oh"]},
        ),
        parameter(
            "contribution",
            "Your 401(k) contribution, % of salary (0 to 100, two decimals at most).",
            {"type": "number", "minimum": 0, "maximum": 100},
        ),
    ]


def document(*, tables: Tables | None = None) -> dict:
    json_ok = {"304": NOT_MODIFIED}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "PT Care Coordinator Guide API",
            "version": "1.0.0",
            "summary": "The guide's figures, their change log and salary estimates, read only.",
            "description": "Every figure the guide shows with its source, period, grade and "
            "licence; every change to one, with the reason; and the salary estimator's "
            "itemised arithmetic. Answers carry an ETag; errors are JSON with a message.",
            "license": {"name": "CC BY 4.0", "identifier": "CC-BY-4.0"},
        },
        "servers": [{"url": settings.SITE_URL}],
        "paths": {
            "/api/v1/figures/": {
                "get": {
                    "operationId": "listFigures",
                    "summary": "Every figure the site shows",
                    "parameters": [IF_NONE_MATCH],
                    "responses": {"200": ok("The figures.", ref("FigureList")), **json_ok},
                }
            },
            "/api/v1/figures/{name}/": {
                "get": {
                    "operationId": "getFigure",
                    "summary": "One figure, with its newest changes",
                    "parameters": [
                        {
                            "name": "name",
                            "in": "path",
                            "required": True,
                            "description": "The placeholder name, such as bls.latest.a_median.",
                            "schema": TEXT,
                        },
                        IF_NONE_MATCH,
                    ],
                    "responses": {
                        "200": ok("The figure.", ref("FigureDetail")),
                        **json_ok,
                        "404": failure("No figure has this name."),
                    },
                }
            },
            "/api/v1/changes/": {
                "get": {
                    "operationId": "listChanges",
                    "summary": "The change log, newest first, 50 a page",
                    "parameters": [
                        {
                            "name": "page",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1},
                        },
                        IF_NONE_MATCH,
                    ],
                    "responses": {
                        "200": ok("One page of changes.", ref("ChangePage")),
                        **json_ok,
                        "400": failure("The page is not a whole number."),
                        "404": failure("The log has no such page."),
                    },
                }
            },
            "/api/v1/estimate": {
                "get": {
                    "operationId": "estimate",
                    "summary": "A salary estimate, itemised, as the estimator page gives it",
                    "description": "The estimator's own query names; an answer left out takes "
                    "the estimator's default.",
                    "parameters": [*estimate_parameters(tables), IF_NONE_MATCH],
                    "responses": {
                        "200": ok("The estimate.", ref("Estimate")),
                        **json_ok,
                        "400": failure("An answer could not be used: see fields."),
                        "503": failure("The salary tables are not loaded yet."),
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "operationId": "openapi",
                    "summary": "This description",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3.1",
                            "content": {"application/json": {"schema": {"type": "object"}}},
                        }
                    },
                }
            },
        },
        "components": {"schemas": schemas()},
    }
