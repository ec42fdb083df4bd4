"""Exports of stored events: CSV in ACLED-like columns, JSON Lines, GeoJSON, Parquet; and the
reviewed sentences as labelled training examples (``training``).

Every writer consumes ``Store.query_rows`` one row at a time (the store streams from the
database), so memory stays flat however large the database is. docs/store.md documents the CSV
columns one by one.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

import pycountry

from . import lexicon
from .errors import InputError
from .records import Actor, Event, Place
from .store import EventFilter, EventRow, Store

FORMATS = ("csv", "jsonl", "geojson", "parquet", "training")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
# Our own fields after ACLED's, so nothing the coder knows is lost in a CSV.
EXTRA_COLUMNS = (
    "plover_type", "plover_mode", "actor1_country", "actor2_country", "stance", "claimed_by",
    "modality", "confidence", "trigger", "cluster_id", "article_id", "url", "reviewed",
)
CSV_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

# Column types, shared by every format: CSV writes them as text (empty where unknown), GeoJSON as
# JSON numbers and strings (null where unknown), Parquet as typed columns (null where unknown).
INTEGER_COLUMNS = frozenset({"year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"})
FLOAT_COLUMNS = frozenset({"latitude", "longitude", "confidence"})
DATE_COLUMNS = frozenset({"event_date"})
TEXT_COLUMNS = frozenset(CSV_COLUMNS) - INTEGER_COLUMNS - FLOAT_COLUMNS - DATE_COLUMNS

_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "year": 3, "unknown": 3}
_GEO_PRECISION = {"point": 1, "city": 1, "admin2": 2, "admin1": 2, "country": 3, "unknown": 3}
# Rows per Parquet row group: bounds the memory the writer holds.
PARQUET_CHUNK = 2000


def _table(name: str) -> dict[str, str]:
    return {row.fields[0]: row.fields[1] for row in lexicon.rows(name)}


@functools.lru_cache(maxsize=1)
def inter_of_sector() -> dict[str, str]:
    return _table("acled_inter.tsv")


@functools.lru_cache(maxsize=1)
def disorder_of_type() -> dict[str, str]:
    return _table("acled_disorder.tsv")


@functools.lru_cache(maxsize=512)
def _country(alpha3: str) -> tuple[int | None, str | None]:
    """(ISO numeric code, name) for an ISO alpha-3 code; None for IGO/NGO and unknown codes."""
    found = pycountry.countries.get(alpha_3=alpha3)
    if found is None:
        return None, None
    return int(found.numeric), found.name


def _name(actor: Actor) -> str:
    return actor.name or actor.text


def _inter(actors: tuple[Actor, ...]) -> str | None:
    return inter_of_sector().get(actors[0].sector or "") if actors else None


def _joined(values: list[str], sep: str) -> str | None:
    return sep.join(values) if values else None


def acled_values(row: EventRow) -> dict[str, Any]:
    """One event in ACLED's columns (plus ours), typed (see INTEGER_COLUMNS, ...); None where
    unknown. docs/store.md describes each mapping. Keys in CSV_COLUMNS order."""
    e = row.event
    day = e.date.start[:10] if e.date.start else None
    acled_type = e.acled.event_type if e.acled else None
    return {
        "event_id_cnty": e.event_id,
        "event_date": day,
        "year": int(day[:4]) if day else None,
        "time_precision": _TIME_PRECISION.get(e.date.precision, 3),
        "disorder_type": disorder_of_type().get(acled_type or ""),
        "event_type": acled_type,
        "sub_event_type": e.acled.sub_event_type if e.acled else None,
        **_actor_values(e),
        **_place_values(e.location),
        "source": row.outlet or None,
        "source_scale": None,
        "notes": e.evidence.sentence,
        "fatalities": (e.fatalities.killed or 0) if e.fatalities else 0,
        "tags": "; ".join(_tags(e)),
        "timestamp": int(dt.datetime.fromisoformat(row.stored).timestamp()),
        **_own_values(row),
    }


def _actor_values(e: Event) -> dict[str, Any]:
    """actor1 .. civilian_targeting."""
    inter1, inter2 = _inter(e.actor), _inter(e.recipient)
    violent = e.acled is not None and e.acled.event_type in _VIOLENT
    return {
        "actor1": _name(e.actor[0]) if e.actor else None,
        "assoc_actor_1": _joined([_name(a) for a in e.actor[1:]], "; "),
        "inter1": inter1,
        "actor2": _name(e.recipient[0]) if e.recipient else None,
        "assoc_actor_2": _joined([_name(a) for a in e.recipient[1:]], "; "),
        "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else inter1,
        "civilian_targeting": "Civilian targeting" if violent and inter2 == "Civilians" else None,
    }


def _place_values(loc: Place | None) -> dict[str, Any]:
    """iso .. geo_precision."""
    if loc is None:
        return {"iso": None, "region": None, "country": None, "admin1": None, "admin2": None,
                "admin3": None, "location": None, "latitude": None, "longitude": None,
                "geo_precision": None}
    iso, country = _country(loc.country) if loc.country else (None, None)
    return {
        "iso": iso,
        "region": None,
        "country": country,
        "admin1": loc.admin1 or None,
        "admin2": None,
        "admin3": None,
        "location": loc.name or loc.text,
        "latitude": loc.lat,
        "longitude": loc.lon,
        "geo_precision": _GEO_PRECISION.get(loc.precision, 3),
    }


def _tags(e: Event) -> list[str]:
    tags = [f"stance: {e.attribution.stance}", f"modality: {e.modality}"]
    if e.attribution.source:
        tags.append(f"source: {e.attribution.source}")
    return tags


def _own_values(row: EventRow) -> dict[str, Any]:
    """The columns after ACLED's (EXTRA_COLUMNS)."""
    e = row.event
    return {
        "plover_type": e.type,
        "plover_mode": e.mode,
        "actor1_country": _joined([a.country or "" for a in e.actor], ";"),
        "actor2_country": _joined([a.country or "" for a in e.recipient], ";"),
        "stance": e.attribution.stance,
        "claimed_by": e.attribution.source,
        "modality": e.modality,
        "confidence": e.confidence,
        "trigger": e.evidence.trigger or None,
        "cluster_id": e.cluster_id,
        "article_id": e.article_id,
        "url": row.url,
        "reviewed": row.review,
    }


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection"):
# "=HYPERLINK(...)" in a page's site name would run when the export is opened.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A text value as a CSV cell: a leading quote keeps a spreadsheet from reading it as a
    formula. Only text goes through here; numbers (a negative longitude) stay numbers."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def acled_row(row: EventRow) -> dict[str, str]:
    """One event as CSV cells: empty where unknown, text cells escaped (``csv_cell``)."""
    return {k: csv_cell(v) if k in TEXT_COLUMNS else ("" if v is None else str(v))
            for k, v in acled_values(row).items()}


def write_csv(rows: Iterable[EventRow], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(acled_row(row))
        n += 1
    return n


def full_record(row: EventRow) -> dict[str, Any]:
    """The event record (spec/EVENTS.md shape) plus the article facts a reader needs."""
    data = row.event.to_dict()
    data["article"] = {"publisher": row.publisher, "outlet": row.outlet, "headline": row.headline,
                       "url": row.url, "published": row.published}
    data["duplicate"] = row.duplicate
    data["reviewed"] = row.review is not None
    data["review"] = row.review
    return data


def write_jsonl(rows: Iterable[EventRow], out: IO[str]) -> int:
    n = 0
    for row in rows:
        out.write(json.dumps(full_record(row), ensure_ascii=False) + "\n")
        n += 1
    return n


def write_geojson(rows: Iterable[EventRow], out: IO[str]) -> int:
    """A FeatureCollection of points (events without coordinates are left out), written feature
    by feature."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for row in rows:
        loc = row.event.location
        if loc is None or loc.lat is None or loc.lon is None:
            continue
        props = acled_values(row)
        feature = {
            "type": "Feature",
            "id": row.event.event_id,
            "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
            "properties": props,
        }
        out.write(("" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_parquet(rows: Iterable[EventRow], path: str | Path) -> int:
    """The CSV columns, typed (integers, floats, a date, text; null where unknown), plus the full
    JSON record, written in row groups."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError("Parquet export needs pyarrow: pip install 'newsevents[parquet]'") from exc

    def kind(col: str) -> Any:
        if col in FLOAT_COLUMNS:
            return pa.float64()
        if col in INTEGER_COLUMNS:
            return pa.int64()
        if col in DATE_COLUMNS:
            return pa.date32()
        return pa.string()

    schema = pa.schema([(c, kind(c)) for c in CSV_COLUMNS] + [("record_json", pa.string())])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for chunk in _chunks(rows, PARQUET_CHUNK):
            columns: dict[str, list[Any]] = {c: [] for c in schema.names}
            for row in chunk:
                values = acled_values(row)
                for c in CSV_COLUMNS:
                    v = values[c]
                    columns[c].append(dt.date.fromisoformat(v) if c in DATE_COLUMNS and v else v)
                columns["record_json"].append(json.dumps(full_record(row), ensure_ascii=False))
            writer.write_table(pa.table(columns, schema=schema))
            n += len(chunk)
    return n


def _chunks(rows: Iterable[EventRow], size: int) -> Iterator[list[EventRow]]:
    chunk: list[EventRow] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_TEXT_WRITERS: dict[str, Callable[[Iterable[EventRow], IO[str]], int]] = {
    "csv": write_csv, "jsonl": write_jsonl, "geojson": write_geojson,
}


def export(store: Store, fmt: str, out: IO[str] | str | Path, f: EventFilter = EventFilter()) -> int:
    """Write the events ``f`` selects in format ``fmt`` to ``out`` (a text stream or a path);
    returns the number of events written."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: choose {', '.join(FORMATS)}")
    if fmt == "parquet" and not isinstance(out, (str, Path)):
        raise InputError("Parquet is binary: give an output file (-o FILE)")
    if isinstance(out, (str, Path)):
        _check_writable(Path(out))
    if fmt == "training":
        # a reviewed background sentence teaches the classifier what background is
        return _write_text(write_training,
                           store.reviewed_sentences(replace(f, include_historical=True)), out)
    rows = store.query_rows(f)
    if fmt == "parquet":
        assert isinstance(out, (str, Path))
        return write_parquet(rows, out)
    return _write_text(_TEXT_WRITERS[fmt], rows, out)


def _write_text(writer: Callable[[Any, IO[str]], int], items: Iterable[Any], out: IO[str] | str | Path) -> int:
    if isinstance(out, (str, Path)):
        try:
            handle = open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise InputError(f"cannot write {out}: {exc.strerror or exc}") from exc
        with handle:
            return writer(items, handle)
    return writer(items, out)


def write_training(examples: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Reviewed sentences as JSON Lines in the training corpus's format (store/review.py builds
    each example), so analysts' corrections can retrain the classifier."""
    n = 0
    for example in examples:
        out.write(json.dumps(example, ensure_ascii=False) + "\n")
        n += 1
    return n


def _check_writable(path: Path) -> None:
    """Before any row is read: a mistyped folder is the user's error (exit 2), said plainly."""
    folder = path.parent
    if not folder.is_dir():
        raise InputError(f"cannot write {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise InputError(f"cannot write {path}: it is a folder")
