"""`newsevents process` and `newsevents eval` end to end, through the real pipeline."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsevents.cli import cli

ARTICLE_A = """Police detain dozens at fuel price protest in Nairobi

Kenyan police fired tear gas and detained 37 people on Tuesday as several thousand protesters
marched through central Nairobi against a rise in fuel prices, officials said.

The demonstrators, many of them students and motorcycle taxi drivers, gathered near parliament
before officers moved in to disperse the crowd. A police spokesman said the arrested protesters
would appear in court on Wednesday.

Opposition leaders condemned the arrests and called on the government to reverse the tax increase
that pushed up pump prices last month.
"""

ARTICLE_B = """Rebels attack army post in eastern Congo

Rebel fighters attacked an army post near the town of Rutshuru in North Kivu province on Sunday,
killing four soldiers, a military spokesman said on Monday.

The army said its troops repelled the assault after several hours of fighting and that two rebels
were captured. Residents said hundreds of families fled towards Goma during the clashes.
"""


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_process_stores_and_reruns_add_nothing(tmp_path, inputs):
    db = str(tmp_path / "ev.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["process", str(inputs), "--db", db, "--quiet"])
    assert first.exit_code == 1, first.output  # one document was rejected
    head = first.output.splitlines()[0]
    assert head.startswith("3 documents: 2 articles (2 new, 0 already stored), 1 rejected; ")
    assert "ingest/empty" in first.output
    listed = runner.invoke(cli, ["events", "--db", db, "--format", "json"])
    assert listed.exit_code == 0, listed.output
    events = [json.loads(line) for line in listed.output.splitlines()]  # one JSON record a line
    assert events, "the two articles report events"
    assert {"PROTEST", "ASSAULT"} <= {e["type"] for e in events}

    again = runner.invoke(cli, ["process", str(inputs), "--db", db, "--quiet"])
    assert again.output.splitlines()[0] == (
        "3 documents: 2 articles (0 new, 2 already stored), 1 rejected; 0 new events in " + db)
    relisted = [json.loads(line) for line in
                runner.invoke(cli, ["events", "--db", db, "--format", "json"]).output.splitlines()]
    assert sorted(e["event_id"] for e in relisted) == sorted(e["event_id"] for e in events)


def test_the_python_api_stores_a_run_as_the_cli_does(tmp_path, inputs):
    """``newsevents.run`` (``runner.run``) is `newsevents process`: the same events, the same
    summary, recorded with the run."""
    import newsevents
    from newsevents.errors import InputError
    from newsevents.store import open_store

    cli_db, api_db = str(tmp_path / "cli.db"), str(tmp_path / "api.db")
    assert CliRunner().invoke(cli, ["process", str(inputs), "--db", cli_db, "--quiet"]).exit_code == 1
    batches = []
    summary = newsevents.run([inputs], api_db, on_batch=lambda batch, outcome: batches.append(len(batch)))
    assert batches == [3]
    assert (summary.documents, summary.articles, summary.new_articles) == (3, 2, 2)
    assert dict(summary.rejected) == {"ingest/empty": 1}
    assert summary.events_by_type and summary.new_events == sum(summary.events_by_type.values())

    def stored(db):
        with open_store(db, read_only=True) as store:
            events = sorted((e.event_id, json.dumps(e.to_dict(), sort_keys=True)) for e in store.query_events())
            return events, [(r["inputs"], r["summary"]) for r in store.runs()]

    cli_events, cli_runs = stored(cli_db)
    api_events, api_runs = stored(api_db)
    assert api_events == cli_events and len(api_events) == summary.new_events
    assert api_runs == cli_runs == [([str(inputs)], summary.as_dict())]
    # An open store works too, and a second run adds nothing.
    with open_store(api_db) as store:
        again = newsevents.run([str(inputs)], store)
    assert (again.new_articles, again.known_articles, again.new_events) == (0, 2, 0)
    with pytest.raises(InputError, match="no such file"):
        newsevents.run([tmp_path / "missing"], api_db)


def test_process_without_inputs_is_a_usage_error():
    result = CliRunner().invoke(cli, ["process"])
    assert result.exit_code == 2
    assert "give at least one PATH" in result.output


def test_eval_reports_and_saves_predictions(tmp_path):
    gold = tmp_path / "g.jsonl"
    gold.write_text(json.dumps({
        "id": "nairobi", "text": ARTICLE_A, "published": "2024-06-25T18:00:00+03:00",
        "label": "Protest with intervention",
        "events": [{"type": "PROTEST", "evidence": {"sentence": "several thousand protesters"}}],
    }) + "\n", encoding="utf-8")
    saved = tmp_path / "pred.jsonl"
    result = CliRunner().invoke(cli, ["eval", str(gold), "--json", "--save-predictions", str(saved)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 1
    assert report["events"]["gold"] == 1
    assert report["labels"]["n"] == 1
    (line,) = [json.loads(x) for x in saved.read_text(encoding="utf-8").splitlines()]
    assert set(line) >= {"id", "label", "article", "events"}
    assert line["id"] == "nairobi"
    assert line["article"]["body"].startswith("Kenyan police")
