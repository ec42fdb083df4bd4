"""Review of coded events: accept, correct, reject, or add an event the coder missed.

A reviewed value replaces the coded one in ``events`` (columns and ``record_json``), so every
filter, map, list and export sees what the analyst decided. ``event_reviews`` keeps the coder's
original record and the latest status; ``review_audit`` keeps every change, one row per field,
with who, when, the value before and the value after. Each call is one transaction.

Payloads come from people (the web app), so they are checked here against the record shape of
``records.py`` and the vocabularies of spec/EVENTS.md before anything is written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..records import (
    DATE_PRECISIONS,
    MODALITIES,
    PLACE_PRECISIONS,
    PLOVER_TYPES,
    STANCES,
    Event,
    Evidence,
    Record,
)
from . import rows
from .backend import Backend
from .event_writes import insert_event, write_event_parts
from .filters import EventFilter, where_clause
from .linking import link_event

ACTIONS = ("accept", "correct", "reject")
STATUS_OF = {"accept": "accepted", "correct": "corrected", "reject": "rejected", "add": "added"}
# Fields a reviewer may change. The evidence span, ids, cluster and provenance identify the event
# and where it came from; a wrong sentence is a rejected event plus an added one.
EDITABLE = ("type", "mode", "contexts", "acled", "actor", "recipient", "location", "date",
            "quantities", "fatalities", "attribution", "modality")
# Bounds on what one person types into one field; longer text is a mistake or an attack.
MAX_TEXT = 500
MAX_ITEMS = 20
_REVIEWER = re.compile(r"^[\w .@'-]{1,64}$")


class ReviewError(InputError):
    """A review that cannot be applied: unknown event, bad field, bad value."""


class UnknownEvent(ReviewError):
    """No event (or article) with that id."""


@dataclass(frozen=True)
class AuditEntry:
    audit_id: int
    event_id: str
    action: str
    field: str | None
    reviewer: str
    at: str
    before: Any
    after: Any
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _now() -> str:
    # Microseconds: several reviews in one second still sort in the order they were made.
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def check_reviewer(who: str) -> str:
    who = (who or "").strip()
    if not _REVIEWER.match(who):
        raise ReviewError("reviewer: 1 to 64 letters, digits, spaces or . @ ' - _")
    return who


# --------------------------------------------------------------------------- payload checks


def _check_value(hint: Any, value: Any, path: str) -> None:
    """``value`` (plain JSON) fits the record type ``hint``; raises ReviewError naming the path."""
    if value is None:
        if type(None) in typing.get_args(hint):
            return
        raise ReviewError(f"{path}: a value is required")
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union or str(origin) == "<class 'types.UnionType'>":
        inner = [a for a in args if a is not type(None)]
        _check_value(inner[0], value, path)
        return
    if origin in (tuple, list):
        if not isinstance(value, list) or len(value) > MAX_ITEMS:
            raise ReviewError(f"{path}: a list of at most {MAX_ITEMS} items")
        for i, item in enumerate(value):
            _check_value(args[0], item, f"{path}[{i}]")
        return
    if isinstance(hint, type) and issubclass(hint, Record):
        _check_record(hint, value, path)
        return
    if hint is str:
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            raise ReviewError(f"{path}: text of at most {MAX_TEXT} characters")
        return
    if hint is int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10**9:
            raise ReviewError(f"{path}: a whole number from 0")
        return
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            raise ReviewError(f"{path}: a number")
        return
    raise ReviewError(f"{path}: cannot be edited")


def _check_record(cls: type[Record], value: Any, path: str) -> None:
    if not isinstance(value, dict):
        raise ReviewError(f"{path}: an object")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    unknown = sorted(set(value) - names)
    if unknown:
        raise ReviewError(f"{path}: unknown field {unknown[0]!r} (known: {', '.join(sorted(names))})")
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in value:
            _check_value(hints[f.name], value[f.name], f"{path}.{f.name}")
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise ReviewError(f"{path}.{f.name}: a value is required")


def _check_vocabulary(data: Mapping[str, Any]) -> None:
    """The closed vocabularies of spec/EVENTS.md."""
    def one_of(value: Any, allowed: tuple[str, ...], path: str) -> None:
        if value is not None and value not in allowed:
            raise ReviewError(f"{path}: {value!r} is not one of {', '.join(allowed)}")

    one_of(data.get("type"), PLOVER_TYPES, "type")
    one_of(data.get("modality"), MODALITIES, "modality")
    one_of((data.get("attribution") or {}).get("stance"), STANCES, "attribution.stance")
    one_of((data.get("date") or {}).get("precision"), DATE_PRECISIONS, "date.precision")
    place = data.get("location") or {}
    one_of(place.get("precision"), PLACE_PRECISIONS, "location.precision")
    if place.get("lat") is not None and not -90 <= place["lat"] <= 90:
        raise ReviewError("location.lat: from -90 to 90")
    if place.get("lon") is not None and not -180 <= place["lon"] <= 180:
        raise ReviewError("location.lon: from -180 to 180")
    for field in ("start", "end"):
        day = (data.get("date") or {}).get(field)
        if day:
            try:
                dt.date.fromisoformat(day[:10])
            except ValueError as exc:
                raise ReviewError(f"date.{field}: an ISO date (YYYY-MM-DD)") from exc


def check_changes(changes: Any) -> dict[str, Any]:
    """The changes of a correction, checked: known editable fields with values of the right shape."""
    if not isinstance(changes, dict) or not changes:
        raise ReviewError("changes: an object with at least one field")
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ReviewError(f"changes: {unknown[0]!r} cannot be edited (editable: {', '.join(EDITABLE)})")
    hints = typing.get_type_hints(Event)
    for name, value in changes.items():
        _check_value(hints[name], value, name)
    _check_vocabulary(changes)
    return dict(changes)


def _event_from(data: dict[str, Any]) -> Event:
    try:
        return Event.from_dict(data)
    except (TypeError, ValueError) as exc:  # a shape the checks above let through
        raise ReviewError(f"the corrected event is not valid: {exc}") from exc


# --------------------------------------------------------------------------- writing


def _audit(db: Backend, event_id: str, action: str, field: str | None, who: str, at: str,
           before: Any, after: Any, note: str | None) -> None:
    db.execute(
        "INSERT INTO review_audit (event_id, action, field, reviewer, at, before_json, after_json, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (event_id, action, field, who, at, rows.dumps(before), rows.dumps(after), note),
    )


def _set_status(db: Backend, event_id: str, status: str, who: str, at: str, original: str | None) -> None:
    db.execute("UPDATE events SET review = ? WHERE event_id = ?", (status, event_id))
    # The first review keeps the coder's record; later reviews only move the status.
    db.execute(
        "INSERT INTO event_reviews (event_id, status, reviewer, reviewed_at, original_json)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET status = excluded.status,"
        " reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at",
        (event_id, status, who, at, original),
    )


_KEEP = ("event_id", "article_id", "run_id", "created", "cluster_id", "duplicate", "dedup_key", "place_key")


def _rewrite(db: Backend, event: Event, kept: Mapping[str, Any]) -> None:
    """Replace an event's columns, record, actors and quantities with ``event``'s."""

    values = dict(zip(rows.EVENT_COLUMNS, rows.event_row(
        event, kept["run_id"], kept["created"], kept["cluster_id"], bool(kept["duplicate"]),
        kept["dedup_key"], kept["place_key"])))
    columns = [c for c in rows.EVENT_COLUMNS if c not in _KEEP]
    db.execute(
        f"UPDATE events SET {', '.join(f'{c} = ?' for c in columns)} WHERE event_id = ?",
        [values[c] for c in columns] + [event.event_id],
    )
    db.execute("DELETE FROM event_actors WHERE event_id = ?", (event.event_id,))
    db.execute("DELETE FROM event_quantities WHERE event_id = ?", (event.event_id,))
    write_event_parts(db, event)


def review_event(db: Backend, event_id: str, action: str, who: str,
                 changes: Any = None, note: str | None = None) -> str:
    """Accept, correct or reject one event; returns its new review status."""
    if action not in ACTIONS:
        raise ReviewError(f"action {action!r}: choose {', '.join(ACTIONS)}")
    who = check_reviewer(who)
    if note is not None and (not isinstance(note, str) or len(note) > MAX_TEXT):
        raise ReviewError(f"note: text of at most {MAX_TEXT} characters")
    checked = check_changes(changes) if action == "correct" else None
    if action != "correct" and changes:
        raise ReviewError(f"{action} takes no changes (use correct)")
    at = _now()
    with db.transaction():
        row = db.fetchone(
            f"SELECT record_json, review, {', '.join(_KEEP)} FROM events WHERE event_id = ?",
            (event_id,),
        )
        if row is None:
            raise UnknownEvent(f"no event {event_id!r}")
        record_json, old_status = row[0], row[1]
        kept = dict(zip(_KEEP, row[2:]))
        status = STATUS_OF[action]
        if old_status == "added" and action != "reject":
            status = "added"  # an added event stays an analyst's event when corrected
        if checked is None:
            _audit(db, event_id, action, "review", who, at, old_status, status, note)
        else:
            before = json.loads(record_json)
            after = {**before, **checked}
            changed = [k for k in EDITABLE if k in checked and before.get(k) != after.get(k)]
            if not changed:
                raise ReviewError("the correction changes nothing")
            event = _event_from(after)
            for name in changed:
                _audit(db, event_id, action, name, who, at, before.get(name), after.get(name), note)
            _rewrite(db, event, kept)
        _set_status(db, event_id, status, who, at, record_json)
    return status


_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s)|\n")


def sentence_span(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence(s) holding body[start:end]: a marked phrase grows to whole sentences, so an
    added event's evidence is a sentence like the coder's."""
    if not 0 <= start < end <= len(body):
        raise ReviewError(f"span {start}..{end} is outside the article body (0..{len(body)})")
    left = 0
    for m in _SENTENCE_END.finditer(body, 0, start):
        left = m.end()
    after = _SENTENCE_END.search(body, max(end - 1, start))
    right = after.end() if after else len(body)
    while left < right and body[left].isspace():
        left += 1
    while right > left and body[right - 1].isspace():
        right -= 1
    return left, right


def add_event(db: Backend, article_id: str, start: int, end: int, who: str,
              fields: Any, note: str | None = None) -> str:
    """Add an event the coder missed: the sentence around body[start:end] becomes its evidence.
    ``fields`` holds ``type`` (required) and any editable field; returns the new event id."""

    who = check_reviewer(who)
    if not isinstance(fields, dict) or "type" not in fields:
        raise ReviewError("fields: an object with at least a type")
    trigger = fields.get("trigger", "")
    if not isinstance(trigger, str) or len(trigger) > MAX_TEXT:
        raise ReviewError(f"trigger: text of at most {MAX_TEXT} characters")
    checked = check_changes({k: v for k, v in fields.items() if k != "trigger"})
    if checked.get("type") is None:
        raise ReviewError("type: a PLOVER type is required")
    at = _now()
    with db.transaction():
        row = db.fetchone("SELECT body, duplicate_of FROM articles WHERE id = ?", (article_id,))
        if row is None:
            raise UnknownEvent(f"no article {article_id!r}")
        body, duplicate_of = row
        s, e = sentence_span(body, int(start), int(end))
        event_id = Event.id_for(article_id, s, e, checked["type"], "review")
        if db.fetchone("SELECT 1 FROM events WHERE event_id = ?", (event_id,)):
            raise ReviewError(f"this sentence already has an added {checked['type']} event ({event_id})")
        evidence = Evidence(sentence=body[s:e], start=s, end=e, trigger=trigger, rule=f"review:{who}")
        data = {**checked, "event_id": event_id, "article_id": article_id,
                "evidence": evidence.to_dict(), "confidence": 1.0,
                "provenance": {"review": "added", "reviewer": who, "at": at}}
        event = _event_from(data)
        insert_event(db, event, None, at, link_event(db, event, duplicate_of))
        _audit(db, event_id, "add", "review", who, at, None, "added", note)
        _set_status(db, event_id, "added", who, at, None)
    return event_id


# --------------------------------------------------------------------------- reading


def audit(db: Backend, event_id: str | None = None, limit: int = 100, offset: int = 0) -> list[AuditEntry]:
    """Audit rows, newest first; of one event when ``event_id`` is given."""
    where, params = ("WHERE event_id = ?", [event_id]) if event_id else ("", [])
    found = db.fetchall(
        "SELECT audit_id, event_id, action, field, reviewer, at, before_json, after_json, note"
        f" FROM review_audit {where} ORDER BY audit_id DESC LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)],
    )
    return [
        AuditEntry(int(r[0]), r[1], r[2], r[3], r[4], r[5],
                   json.loads(r[6]) if r[6] is not None else None,
                   json.loads(r[7]) if r[7] is not None else None, r[8])
        for r in found
    ]


def audit_count(db: Backend, event_id: str | None = None) -> int:
    where, params = ("WHERE event_id = ?", [event_id]) if event_id else ("", [])
    row = db.fetchone(f"SELECT COUNT(*) FROM review_audit {where}", params)
    return int(row[0]) if row else 0


def review_of(db: Backend, event_id: str) -> dict[str, Any] | None:
    """The latest status, who and when, and the coder's original record (None for an added event)."""
    row = db.fetchone(
        "SELECT status, reviewer, reviewed_at, original_json FROM event_reviews WHERE event_id = ?",
        (event_id,),
    )
    if row is None:
        return None
    return {"status": row[0], "reviewer": row[1], "reviewed_at": row[2],
            "original": json.loads(row[3]) if row[3] else None}


# The training corpus's temporal labels for our modalities.
TEMPORAL_OF_MODALITY = {"factual": "current", "historical": "background", "future": "future",
                        "hypothetical": "hypothetical", "negated": "negated"}


def reviewed_sentences(db: Backend, f: EventFilter = EventFilter()) -> Iterator[dict[str, Any]]:
    """Each sentence holding a reviewed event, as one labelled example of the training corpus.

    A sentence with a kept reviewed event (accepted, corrected, added) is a positive example with
    that event's labels (the most confident when there are several). A sentence whose every
    event was rejected is a negative. A sentence with a rejected event beside events nobody
    reviewed is left out: those may be right, so the sentence has no sure label.
    """
    f = dataclasses.replace(f, include_rejected=True, include_duplicates=True, limit=None)
    where, params = where_clause(f, db)
    reviewed_here = (
        "EXISTS (SELECT 1 FROM events s WHERE s.article_id = e.article_id"
        " AND s.ev_start = e.ev_start AND s.ev_end = e.ev_end AND s.review IS NOT NULL)"
    )
    where = f"{where} AND {reviewed_here}" if where else f" WHERE {reviewed_here}"
    sql = (
        "SELECT e.article_id, e.ev_start, e.ev_end, e.sentence, e.review, e.record_json, r.reviewer"
        " FROM events e JOIN articles a ON a.id = e.article_id"
        " LEFT JOIN event_reviews r ON r.event_id = e.event_id"
        f"{where} ORDER BY a.seq, e.ev_start, e.ev_end, e.event_id"
    )
    group: list[tuple[Any, ...]] = []
    for row in db.stream(sql, params):
        if group and row[:3] != group[0][:3]:
            if (example := _example(group)) is not None:
                yield example
            group = []
        group.append(row)
    if group and (example := _example(group)) is not None:
        yield example


def _example(group: list[tuple[Any, ...]]) -> dict[str, Any] | None:
    article_id, start, end, sentence = group[0][:4]
    kept = [r for r in group if r[4] in ("accepted", "corrected", "added")]
    if not kept and any(r[4] is None for r in group):
        return None
    labelled = max(kept, key=lambda r: json.loads(r[5]).get("confidence", 0.0)) if kept else None
    reviewers = [r[6] for r in (kept or group) if r[6]]
    example: dict[str, Any] = {
        "id": f"review-{article_id[:12]}-{start}-{end}",
        "text": sentence,
        "event": labelled is not None,
        "plover": None, "mode": None, "acled": None, "temporal": "current", "style": "reviewed",
        "region": None, "hard": False, "kind": "sentence", "source": "reviewed",
        "writer": f"review:{reviewers[0] if reviewers else 'unknown'}",
    }
    if labelled is not None:
        record = json.loads(labelled[5])
        example.update(
            plover=record.get("type"), mode=record.get("mode"),
            acled=(record.get("acled") or {}).get("sub_event_type"),
            temporal=TEMPORAL_OF_MODALITY.get(record.get("modality", "factual"), "current"),
            region=(record.get("location") or {}).get("country"),
        )
    return example
