"""The bundled examples end to end: processed into a store, and scored against their gold file.

The thresholds are the quality floors of quality-floors.json for the examples, so `make test`
catches a regression on a machine without ../shared too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import cli

PROJECT = Path(__file__).resolve().parents[1]
FLOORS = json.loads((PROJECT / "quality-floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report() -> dict:
    result = CliRunner().invoke(cli, ["eval", str(PROJECT / "examples" / "gold" / "examples.gold.jsonl"),
                                      "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_every_example_is_coded(report):
    assert report["documents"] == 15
    assert report["rejected"] == {}
    assert report["events"]["predicted"] > report["events"]["gold"] / 2


def test_extraction_checks_all_pass(report):
    assert report["article"]["failed"] == []
    assert report["article"]["accuracy"] >= FLOORS["examples_article_checks"]


def test_events_and_fields_hold_their_floors(report):
    assert report["events"]["f1"] >= FLOORS["examples_event_f1"]
    assert report["field_accuracy"] >= FLOORS["examples_field_accuracy"]


def test_document_labels_hold_their_floor(report):
    assert report["labels"]["n"] == 15
    assert report["labels"]["accuracy"] >= FLOORS["examples_label_accuracy"]


def test_process_then_query_the_examples(tmp_path):
    db = str(tmp_path / "ev.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["process", str(PROJECT / "examples" / "articles"), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("15 documents: 15 articles (15 new, 0 already stored), 0 rejected; ")
    strikes = runner.invoke(cli, ["events", "--db", db, "--acled-sub-type", "Air/drone strike",
                                  "--format", "json"])
    assert strikes.exit_code == 0, strikes.output
    records = [json.loads(line) for line in strikes.output.splitlines()]
    assert records and all(r["acled"]["sub_event_type"] == "Air/drone strike" for r in records)
    assert {"UKR", "PSE"} & {(r.get("location") or {}).get("country") for r in records}
