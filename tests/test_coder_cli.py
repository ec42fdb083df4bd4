"""`newsevents code`: the whole pipeline on a short text, printed with its supporting words."""

from __future__ import annotations

import json

from click.testing import CliRunner

from newsevents.cli import cli

TEXT = ("Police arrested 40 protesters in Minsk on Saturday, a rights group said. "
        "The protesters had marched against the election result.")


def test_code_prints_every_field() -> None:
    result = CliRunner().invoke(cli, ["code", TEXT, "--published", "2024-03-04T10:00:00+03:00"],
                                standalone_mode=False)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("document label: ")
    for label in ("trigger", "actor", "recipient", "location", "date", "quantities",
                  "fatalities", "attribution", "modality", "evidence", "event id"):
        assert f"\n    {label:<11} " in out
    assert "COERCE/arrest" in out
    assert '"arrested"' in out and "[arrested]" in out
    assert "2024-03-02" in out  # "on Saturday" before a Monday publication


def test_code_json_lines_are_events() -> None:
    result = CliRunner().invoke(cli, ["code", TEXT, "--json"], standalone_mode=False)
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines()]
    assert events and all(e["evidence"]["sentence"] in TEXT for e in events)
    assert {"COERCE", "PROTEST"} <= {e["type"] for e in events}


def test_code_rejects_empty_text() -> None:
    result = CliRunner().invoke(cli, ["code", "  "])
    assert result.exit_code == 2
