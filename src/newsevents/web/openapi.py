"""The OpenAPI 3.1 document of the JSON API, built from the parameter table (params.py) so the
document and the parser cannot disagree. ``tests/test_web_api.py`` checks that every API route
is described."""

from __future__ import annotations

from typing import Any

from .. import __version__
from .params import EVENT_PARAMS, MAP_PARAMS, PAGE_PARAMS, Param

_KIND = {"string": {"type": "string"}, "integer": {"type": "integer"}, "number": {"type": "number"},
         "boolean": {"type": "boolean"}, "date": {"type": "string", "format": "date"}}


def _param(p: Param) -> dict[str, Any]:
    schema: dict[str, Any] = dict(_KIND[p.kind])
    if p.enum:
        schema["enum"] = list(p.enum)
    return {"name": p.name, "in": "query", "required": False, "description": p.help, "schema": schema}


def _path(name: str, help_: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": help_, "schema": {"type": "string"}}


def _ok(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"200": {"description": description,
                    "content": {"application/json": {"schema": schema or {"type": "object"}}}},
            "400": {"$ref": "#/components/responses/BadRequest"}}


def _get(summary: str, params: list[dict[str, Any]], description: str) -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": params, "responses": _ok(description)}}


def _post(summary: str, params: list[dict[str, Any]], body: dict[str, Any]) -> dict[str, Any]:
    return {"post": {
        "summary": summary, "parameters": params, "security": [{"token": []}],
        "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
        "responses": {**_ok("the new state"),
                      "401": {"description": "no or wrong token"},
                      "403": {"description": "read-only server, or a cross-origin request"},
                      "404": {"description": "unknown event or article"},
                      "413": {"description": "body over the size limit"},
                      "415": {"description": "not JSON"}},
    }}


def document() -> dict[str, Any]:
    filters = [_param(p) for p in EVENT_PARAMS]
    paging = [_param(p) for p in PAGE_PARAMS]
    event_id = _path("event_id", "event id")
    reviewer = {"type": "string", "description": "who reviews (1-64 letters, digits, spaces, . @ ' - _)"}
    note = {"type": "string", "maxLength": 500}
    return {
        "openapi": "3.1.0",
        "info": {"title": "newsevents analyst's desk", "version": __version__,
                 "description": "Events coded from news, with their evidence, for a map, a timeline "
                                "and review. Writes need the token `newsevents serve` prints."},
        "paths": {
            "/api/meta": _get("Vocabularies, versions, whether this client may write", [], "settings"),
            "/api/events": _get("One page of events, filtered and sorted", filters + paging,
                                "{total, page, per_page, pages, events}"),
            "/api/events/{event_id}": _get(
                "One event: record (reviewed values), field words, body with evidence marks, "
                "cluster sources, review and audit", [event_id], "the event"),
            "/api/events/{event_id}/review": _post(
                "Accept, correct or reject an event", [event_id],
                {"type": "object", "required": ["action", "reviewer"], "properties": {
                    "action": {"enum": ["accept", "correct", "reject"]}, "reviewer": reviewer,
                    "changes": {"type": "object", "description":
                                "for correct: editable fields in the event record's shape "
                                "(type, mode, contexts, acled, actor, recipient, location, date, "
                                "quantities, fatalities, attribution, modality)"},
                    "note": note}}),
            "/api/articles/{article_id}": _get(
                "An article: metadata, links, body with evidence marks, events, dropped parts",
                [_path("article_id", "article id or unique prefix")], "the article"),
            "/api/articles/{article_id}/events": _post(
                "Add an event the coder missed: the sentence around start..end is its evidence",
                [_path("article_id", "article id")],
                {"type": "object", "required": ["start", "end", "reviewer", "fields"], "properties": {
                    "start": {"type": "integer"}, "end": {"type": "integer"}, "reviewer": reviewer,
                    "fields": {"type": "object", "description": "type (required), trigger, and any "
                               "editable field"}, "note": note}}),
            "/api/map": _get("Events on a grid: count per type in each cell (server-side clustering)",
                             filters + [_param(p) for p in MAP_PARAMS], "{zoom, cell_degrees, cells, placed, unplaced}"),
            "/api/timeline": _get("Events per day (or month) and type", filters + [{
                "name": "bucket", "in": "query", "required": False, "description": "day, month or auto",
                "schema": {"type": "string", "enum": ["auto", "day", "month"]}}], "{bucket, series, types}"),
            "/api/facets": _get("Most frequent values of type, country, stance, modality, ACLED "
                                "sub-type and review status", filters, "{facet: [[value, count]]}"),
            "/api/actors/{key}": _get("An actor (normalised name): totals and how it is written",
                                      [_path("key", "actor name")] + filters, "summary"),
            "/api/countries/{key}": _get("A country (ISO3): totals, roles", [_path("key", "ISO3")] + filters, "summary"),
            "/api/places/{key}": _get("A place (location name): totals", [_path("key", "place name")] + filters, "summary"),
            "/api/audit": _get("The review audit log, newest first", paging[2:] + [{
                "name": "event_id", "in": "query", "required": False, "schema": {"type": "string"},
                "description": "entries of one event"}], "{total, entries}"),
        },
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer",
                                          "description": "the token printed by newsevents serve"}},
            "responses": {"BadRequest": {"description": "a parameter or payload the API cannot use",
                                         "content": {"application/json": {"schema": {
                                             "type": "object", "properties": {"error": {"type": "string"}}}}}}},
        },
    }
