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
from importlib import resources
from pathlib import Path
from typing import IO, Any

import pycountry

from .errors import InputError
from .records import Actor
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

_TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "year": 3, "unknown": 3}
_GEO_PRECISION = {"point": 1, "city": 1, "admin2": 2, "admin1": 2, "country": 3, "unknown": 3}
# Rows per Parquet row group: bounds the memory the writer holds.
PARQUET_CHUNK = 2000


def _table(name: str) -> dict[str, str]:
    text = resources.files("newsevents.data").joinpath("store", name).read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return {r[0]: r[1] for r in rows[1:]}  # first row is the header


@functools.lru_cache(maxsize=1)
def inter_of_sector() -> dict[str, str]:
    return _table("acled_inter.tsv")


@functools.lru_cache(maxsize=1)
def disorder_of_type() -> dict[str, str]:
    return _table("acled_disorder.tsv")


@functools.lru_cache(maxsize=512)
def _country(alpha3: str) -> tuple[str, str]:
    """(ISO numeric code, name) for an ISO alpha-3 code; empty for IGO/NGO and unknown codes."""
    found = pycountry.countries.get(alpha_3=alpha3)
    if found is None:
        return "", ""
    return str(int(found.numeric)), found.name


def _name(actor: Actor) -> str:
    return actor.name or actor.text


def _inter(actors: tuple[Actor, ...]) -> str:
    return inter_of_sector().get(actors[0].sector or "", "") if actors else ""


def acled_row(row: EventRow) -> dict[str, Any]:
    """One event in ACLED's CSV columns (plus ours); see docs/store.md for each mapping."""
    e = row.event
    loc = e.location
    iso, country = _country(loc.country) if loc and loc.country else ("", "")
    inter1, inter2 = _inter(e.actor), _inter(e.recipient)
    acled_type = e.acled.event_type if e.acled else ""
    violent = acled_type in ("Battles", "Explosions/Remote violence", "Violence against civilians")
    tags = [f"stance: {e.attribution.stance}", f"modality: {e.modality}"]
    if e.attribution.source:
        tags.append(f"source: {e.attribution.source}")
    return {
        "event_id_cnty": e.event_id,
        "event_date": (e.date.start or "")[:10],
        "year": (e.date.start or "")[:4],
        "time_precision": _TIME_PRECISION.get(e.date.precision, 3),
        "disorder_type": disorder_of_type().get(acled_type, ""),
        "event_type": acled_type,
        "sub_event_type": e.acled.sub_event_type if e.acled else "",
        "actor1": _name(e.actor[0]) if e.actor else "",
        "assoc_actor_1": "; ".join(_name(a) for a in e.actor[1:]),
        "inter1": inter1,
        "actor2": _name(e.recipient[0]) if e.recipient else "",
        "assoc_actor_2": "; ".join(_name(a) for a in e.recipient[1:]),
        "inter2": inter2,
        "interaction": f"{inter1}-{inter2}" if inter1 and inter2 else inter1 or "",
        "civilian_targeting": "Civilian targeting" if violent and inter2 == "Civilians" else "",
        "iso": iso,
        "region": "",
        "country": country,
        "admin1": (loc.admin1 or "") if loc else "",
        "admin2": "",
        "admin3": "",
        "location": (loc.name or loc.text) if loc else "",
        "latitude": loc.lat if loc and loc.lat is not None else "",
        "longitude": loc.lon if loc and loc.lon is not None else "",
        "geo_precision": _GEO_PRECISION.get(loc.precision, 3) if loc else "",
        "source": row.outlet or "",
        "source_scale": "",
        "notes": e.evidence.sentence,
        "fatalities": (e.fatalities.killed or 0) if e.fatalities else 0,
        "tags": "; ".join(tags),
        "timestamp": int(dt.datetime.fromisoformat(row.stored).timestamp()),
        "plover_type": e.type,
        "plover_mode": e.mode or "",
        "actor1_country": ";".join(a.country or "" for a in e.actor),
        "actor2_country": ";".join(a.country or "" for a in e.recipient),
        "stance": e.attribution.stance,
        "claimed_by": e.attribution.source or "",
        "modality": e.modality,
        "confidence": e.confidence,
        "trigger": e.evidence.trigger,
        "cluster_id": e.cluster_id or "",
        "article_id": e.article_id,
        "url": row.url or "",
        "reviewed": row.review or "",
    }


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
        props = {k: v for k, v in acled_row(row).items() if k not in ("latitude", "longitude")}
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


_NUMERIC = {"latitude", "longitude", "confidence"}
_INTEGER = {"time_precision", "geo_precision", "fatalities", "timestamp"}


def write_parquet(rows: Iterable[EventRow], path: str | Path) -> int:
    """The CSV columns (typed) plus the full JSON record, written in row groups."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError("Parquet export needs pyarrow: pip install 'newsevents[parquet]'") from exc

    def kind(col: str) -> Any:
        if col in _NUMERIC:
            return pa.float64()
        if col in _INTEGER:
            return pa.int64()
        return pa.string()

    schema = pa.schema([(c, kind(c)) for c in CSV_COLUMNS] + [("record_json", pa.string())])

    def value(col: str, v: Any) -> Any:
        if v == "" and col in _NUMERIC | _INTEGER:
            return None
        return v if col in _NUMERIC | _INTEGER else str(v)

    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        for chunk in _chunks(rows, PARQUET_CHUNK):
            columns: dict[str, list[Any]] = {c: [] for c in schema.names}
            for row in chunk:
                flat = acled_row(row)
                for c in CSV_COLUMNS:
                    columns[c].append(value(c, flat[c]))
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
    if fmt == "training":
        return _write_text(write_training, store.reviewed_sentences(f), out)
    rows = store.query_rows(f)
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise InputError("Parquet is binary: give an output file (-o FILE)")
        return write_parquet(rows, out)
    return _write_text(_TEXT_WRITERS[fmt], rows, out)


def _write_text(writer: Callable[[Any, IO[str]], int], items: Iterable[Any], out: IO[str] | str | Path) -> int:
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as handle:
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
