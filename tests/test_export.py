"""Exports: CSV in ACLED-like columns, JSON Lines, GeoJSON, Parquet; streaming."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from newsevents import export
from newsevents.errors import InputError
from newsevents.records import Event
from newsevents.store import EventFilter, open_store
from test_store_data import (  # noqa: F401  (store_url is a fixture)
    store_url,
    strike_result,
    syndicated_copy,
    talks_result,
)


@pytest.fixture
def filled(store_url: str) -> str:
    with open_store(store_url) as store:
        store.write_batch([strike_result(), talks_result(),
                           syndicated_copy("copy", "Paper B", "Share this story with your friends.")], "r1")
    return store_url


def test_csv_has_acled_columns_and_mapping(filled: str) -> None:
    buf = io.StringIO()
    with open_store(filled) as store:
        n = export.export(store, "csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert n == len(rows) == 5  # the syndicated copy's repeats are not exported twice
    header = buf.getvalue().splitlines()[0].split(",")
    assert tuple(header[: len(export.ACLED_COLUMNS)]) == export.ACLED_COLUMNS
    strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert {k: strike[k] for k in ("event_date", "year", "time_precision", "disorder_type", "event_type",
                                   "actor1", "inter1", "actor2", "inter2", "interaction",
                                   "civilian_targeting", "iso", "country", "admin1", "location",
                                   "latitude", "longitude", "geo_precision", "source", "fatalities",
                                   "plover_type", "stance")} == {
        "event_date": "2024-11-01", "year": "2024", "time_precision": "1",
        "disorder_type": "Political violence", "event_type": "Explosions/Remote violence",
        "actor1": "Russian armed forces", "inter1": "State forces", "actor2": "civilians",
        "inter2": "Civilians", "interaction": "State forces-Civilians",
        "civilian_targeting": "Civilian targeting", "iso": "804", "country": "Ukraine",
        "admin1": "Kyiv City", "location": "Kyiv", "latitude": "50.45", "longitude": "30.52",
        "geo_precision": "1", "source": "Daily Courier", "fatalities": "2", "plover_type": "ASSAULT",
        "stance": "reported"}
    consult = next(r for r in rows if r["plover_type"] == "CONSULT")
    assert consult["event_type"] == "" and consult["fatalities"] == "0" and consult["geo_precision"] == "2"
    assert int(consult["timestamp"]) > 1_700_000_000


def test_jsonl_is_full_records(filled: str) -> None:
    buf = io.StringIO()
    with open_store(filled) as store:
        export.export(store, "jsonl", buf, EventFilter(include_duplicates=True))
        stored = {e.event_id: e for e in store.query_events(EventFilter(include_duplicates=True))}
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert len(lines) == 8
    for data in lines:
        article = data.pop("article")
        assert set(article) == {"publisher", "outlet", "headline", "url", "published"}
        data.pop("duplicate")
        assert Event.from_dict(data) == stored[data["event_id"]]


def test_geojson_is_valid_feature_collection(filled: str, tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    with open_store(filled) as store:
        n = export.export(store, "geojson", path)
    data = json.loads(path.read_text("utf-8"))
    assert data["type"] == "FeatureCollection" and len(data["features"]) == n == 5
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["event_id_cnty"] == feature["id"]
        assert (feature["properties"]["longitude"], feature["properties"]["latitude"]) == (lon, lat)
    kyiv = [f for f in data["features"] if f["properties"]["location"] == "Kyiv"]
    assert kyiv and kyiv[0]["geometry"]["coordinates"] == [30.52, 50.45]


def test_empty_geojson_is_still_valid(store_url: str) -> None:
    buf = io.StringIO()
    with open_store(store_url) as store:
        assert export.export(store, "geojson", buf) == 0
    assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_parquet_reads_back(filled: str, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    with open_store(filled) as store:
        assert export.export(store, "parquet", path) == 5
    table = pq.read_table(path)
    assert table.num_rows == 5
    assert table.column_names == list(export.CSV_COLUMNS) + ["record_json"]
    rows = table.to_pylist()
    strike = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert strike["latitude"] == 50.45 and strike["fatalities"] == 2 and strike["time_precision"] == 1
    assert json.loads(strike["record_json"])["type"] == "ASSAULT"
    with open_store(filled) as store, pytest.raises(InputError, match="output file"):
        export.export(store, "parquet", io.StringIO())


def test_unknown_format(filled: str) -> None:
    with open_store(filled) as store, pytest.raises(InputError, match="unknown export format"):
        export.export(store, "xlsx", io.StringIO())


def test_tables_have_rows() -> None:
    assert export.inter_of_sector()["MIL"] == "State forces"
    assert export.inter_of_sector()["CVL"] == "Civilians"
    assert export.disorder_of_type()["Protests"] == "Demonstrations"
    assert set(export.disorder_of_type()) == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests",
        "Strategic developments"}


class _Sink(io.StringIO):
    """Counts what is written and keeps nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.size = 0

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)


def test_export_memory_does_not_grow_with_the_database(tmp_path: Path) -> None:
    """The exporter's peak memory stays well under the size of what it writes: rows are
    fetched in chunks and written one by one, never all held."""
    import tracemalloc

    from test_store_data import STRIKE_STORY

    path = str(tmp_path / "big.db")
    with open_store(path) as store:
        batch = [strike_result(STRIKE_STORY + f"\n\nCorrection number {i} was appended to this story later.",
                               f"d{i}") for i in range(800)]
        store.write_batch(batch, "r1")
        del batch
        sink = _Sink()
        tracemalloc.start()
        n = export.export(store, "jsonl", sink, EventFilter(include_duplicates=True))
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert n == 2400
    assert peak * 3 < sink.size, f"export peak {peak} bytes for {sink.size} bytes written"
