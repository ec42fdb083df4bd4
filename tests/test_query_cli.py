"""`newsevents events / show / stats / export` on a tiny database of hand-made records."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.cli.query_cmd import mark_evidence
from newsevents.store import open_store
from test_store_data import strike_result, syndicated_copy, talks_result


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "events.db")
    with open_store(path) as store:
        store.write_batch([strike_result(), talks_result(),
                           syndicated_copy("copy", "Paper B", "Share this story with your friends.")], "r1")
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), env={"COLUMNS": "200"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_events_table_exact(db: str) -> None:
    out = run("events", "--db", db, "--type", "ASSAULT")
    assert [line.rstrip() for line in out.splitlines()] == [
        "date         type      mode    actor                            recipient             location"
        "               acled sub-type     stance                 trigger   article",
        "─" * 169,
        "2024-11-01   ASSAULT   drone   Russian armed forces (RUS MIL)   civilians (UKR CVL)   Kyiv, Kyiv City, UKR"
        "   Air/drone strike   reported               struck    0e31f0cb",
        "2024-11-01   ASSAULT           Russian armed forces (RUS MIL)   civilians (UKR CVL)   Kyiv, Kyiv City, UKR"
        "                      denied (the Kremlin)   hit       0e31f0cb",
        "2 events",
    ]


def test_events_csv_exact(db: str) -> None:
    out = run("events", "--db", db, "--country", "UKR", "--since", "2024-11-01", "--format", "csv",
              "--limit", "2")
    assert out.splitlines() == [
        "date,type,mode,actor,recipient,location,acled_sub-type,stance,trigger,article,event_id,confidence",
        "2024-11-01,ASSAULT,drone,Russian armed forces (RUS MIL),civilians (UKR CVL),\"Kyiv, Kyiv City, UKR\","
        "Air/drone strike,reported,struck,0e31f0cb,e884405fe7f1269a,0.8",
        "2024-11-01,COERCE,interception,Ukrainian air force (UKR MIL),,\"Kyiv, Kyiv City, UKR\","
        "Disrupted weapons use,claimed (Ukraine's air force),shot down,0e31f0cb,6faa3b218ba1883b,0.7",
    ]


def test_events_json_and_duplicates_flag(db: str) -> None:
    plain = [json.loads(line) for line in run("events", "--db", db, "--format", "json").splitlines()]
    every = [json.loads(line) for line in
             run("events", "--db", db, "--format", "json", "--include-duplicates").splitlines()]
    assert len(plain) == 5 and len(every) == 8
    assert {e["type"] for e in plain} == {"ASSAULT", "COERCE", "CONSULT", "AGREE"}
    assert sum(e["duplicate"] for e in every) == 3
    claimed = run("events", "--db", db, "--format", "json", "--stance", "claimed", "--actor-country", "ukr")
    assert [json.loads(x)["attribution"]["source"] for x in claimed.splitlines()] == ["Ukraine's air force"]


def test_stats_exact(db: str) -> None:
    assert run("stats", "--db", db).splitlines() == [
        "type     events", "-------  ------", "ASSAULT       2", "AGREE         1", "COERCE        1",
        "CONSULT       1", "total 5"]
    assert run("stats", "--db", db, "--by", "day").splitlines() == [
        "day         events", "----------  ------", "2024-10-15       1", "2024-11-01       3",
        "2024-11-15       1", "total 5"]
    assert run("stats", "--db", db, "--by", "country", "--modality", "factual").splitlines() == [
        "country  events", "-------  ------", "UKR           3", "total 3"]


def test_show_marks_evidence_and_lists_fields(db: str) -> None:
    out = run("show", "0e31f0cb", "--db", db)
    assert out.startswith("article    0e31f0cb202b5dac\nheadline   Drones hit Kyiv homes overnight\n")
    assert ("[[1: Drones launched by Russian forces struck apartment blocks in Kyiv overnight, "
            "officials said.]]") in out
    assert "[[3: The Kremlin denied targeting homes" in out
    assert "\n[1] ASSAULT/drone  ACLED: Explosions/Remote violence / Air/drone strike\n" in out
    assert "    fatalities  killed 2\n" in out
    assert '    attribution denied by "the Kremlin"' in out
    assert '    trigger     "struck"' in out
    assert "(1 other article: reported by Daily Courier and AP, denied by the Kremlin)" in out
    assert "copied by  " in out
    talks = run("show", "b89b323f", "--db", db)
    assert "dropped parts (1)\n  boilerplate:newsletter: Subscribe to our newsletter" in talks
    missing = CliRunner().invoke(cli, ["show", "ffffffff", "--db", db])
    assert missing.exit_code == 2 and "no article 'ffffffff'" in missing.output


def test_mark_evidence_shares_and_nests_markers() -> None:
    r = strike_result()
    assert r.article is not None
    e1 = r.events[0]
    import dataclasses

    twin = dataclasses.replace(e1, event_id="x")
    marked = mark_evidence(r.article.body, [e1, twin])
    assert marked.startswith("[[1,2: Drones launched")
    assert marked.count("[[") == marked.count("]]") == 1


def test_missing_database_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "error: database file not found" in result.output
    proc = subprocess.run([sys.executable, "-m", "newsevents", "stats", "--db", str(tmp_path / "none.db")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "database file not found" in proc.stderr
    assert not (tmp_path / "none.db").exists()


def test_export_command_writes_file(db: str, tmp_path: Path) -> None:
    target = tmp_path / "out.geojson"
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "geojson", "-o", str(target),
                                      "--type", "CONSULT"])
    assert result.exit_code == 0 and "1 events written" in result.output
    data = json.loads(target.read_text("utf-8"))
    assert [f["properties"]["plover_type"] for f in data["features"]] == ["CONSULT"]
    piped = run("export", "--db", db, "--format", "jsonl")
    assert len(piped.splitlines()) == 5
    no_file = CliRunner().invoke(cli, ["export", "--db", db, "--format", "parquet"])
    assert no_file.exit_code != 0


def _with_background(path: str) -> None:
    """The talks story with its first meeting recoded as background retold for context."""
    import dataclasses

    talks = talks_result("talks-2")
    first, second = talks.events
    past = dataclasses.replace(first, modality="historical")
    with open_store(path) as store:
        store.write_batch([dataclasses.replace(talks, events=(past, second))], "r2")


def test_background_is_left_out_of_lists_stats_and_exports_unless_asked(tmp_path: Path) -> None:
    path = str(tmp_path / "events.db")
    _with_background(path)
    listed = [json.loads(x)["modality"] for x in run("events", "--db", path, "--format", "json").splitlines()]
    assert listed == ["future"]
    assert "CONSULT" not in run("stats", "--db", path, "--by", "type")
    every = [json.loads(x)["modality"]
             for x in run("events", "--db", path, "--format", "json", "--include-historical").splitlines()]
    assert sorted(every) == ["future", "historical"]
    asked = run("events", "--db", path, "--format", "json", "--modality", "historical").splitlines()
    assert [json.loads(x)["type"] for x in asked] == ["CONSULT"]
    out = tmp_path / "all.jsonl"
    run("export", "--db", path, "--format", "jsonl", "-o", str(out), "--include-historical")
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    with open_store(path, read_only=True) as store:  # an article's own page shows all its events
        article_id = next(iter(store.query_events())).article_id
        assert len(store.article_events(article_id)) == 2
