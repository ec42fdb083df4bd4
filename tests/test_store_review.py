"""Review in the store: accept, correct, reject, add; the audit table; reviewed values in queries,
exports and the training export. Runs on SQLite and, with NEWSEVENTS_TEST_PG, on PostgreSQL."""

from __future__ import annotations

import io
import json
import sqlite3

import pytest

from newsevents import export
from newsevents.store import SCHEMA_VERSION, EventFilter, open_store
from newsevents.store.review import ReviewError, UnknownEvent, sentence_span
from test_store_data import (  # noqa: F401
    store_url,
    strike_result,
    talks_result,
)


def _filled(url: str):
    store = open_store(url)
    run = store.start_run(__import__("newsevents.options", fromlist=["load_options"]).load_options(), [])
    store.write_batch([strike_result(), talks_result()], run)
    return store


def _ids(store, **kw) -> list[str]:
    return [e.event_id for e in store.query_events(EventFilter(**kw))]


def test_accept_marks_reviewed_and_audits(store_url):
    with _filled(store_url) as store:
        first = next(store.query_events())
        assert store.review_event(first.event_id, "accept", "ana") == "accepted"
        rows = {r.event.event_id: r for r in store.query_rows()}
        assert rows[first.event_id].review == "accepted"
        entry, = store.audit(first.event_id)
        assert (entry.action, entry.field, entry.reviewer, entry.before, entry.after) == (
            "accept", "review", "ana", None, "accepted")
        assert store.review_of(first.event_id)["original"]["event_id"] == first.event_id


def test_correct_changes_values_everywhere_and_keeps_original(store_url):
    with _filled(store_url) as store:
        strike = next(e for e in store.query_events() if e.type == "ASSAULT")
        changes = {"type": "COERCE", "mode": None,
                   "actor": [{"text": "unknown drones", "name": "unknown", "country": None}],
                   "fatalities": {"killed": 3, "injured": 5}}
        assert store.review_event(strike.event_id, "correct", "bo", changes, note="toll updated") == "corrected"
        assert strike.event_id in _ids(store, type="COERCE")
        assert strike.event_id not in _ids(store, type="ASSAULT")
        assert strike.event_id not in _ids(store, actor_country="RUS")  # actor rows were rewritten
        after = next(e for e in store.query_events() if e.event_id == strike.event_id)
        assert after.fatalities.killed == 3 and after.actor[0].text == "unknown drones"
        assert after.cluster_id == strike.cluster_id  # identity fields are kept
        fields = sorted(a.field for a in store.audit(strike.event_id))
        assert fields == ["actor", "fatalities", "mode", "type"]
        by_field = {a.field: a for a in store.audit(strike.event_id)}
        assert (by_field["type"].before, by_field["type"].after) == ("ASSAULT", "COERCE")
        assert by_field["type"].note == "toll updated"
        assert store.review_of(strike.event_id)["original"]["type"] == "ASSAULT"
        buf = io.StringIO()
        export.export(store, "jsonl", buf)
        records = {json.loads(line)["event_id"]: json.loads(line) for line in buf.getvalue().splitlines()}
        assert records[strike.event_id]["type"] == "COERCE" and records[strike.event_id]["reviewed"] is True
        assert sum(r["reviewed"] for r in records.values()) == 1


def test_reject_leaves_exports_unless_asked(store_url):
    with _filled(store_url) as store:
        victim = _ids(store)[0]
        store.review_event(victim, "reject", "ana")
        assert victim not in _ids(store)
        assert victim in _ids(store, include_rejected=True)
        buf = io.StringIO()
        n = export.export(store, "csv", buf)
        assert victim not in buf.getvalue() and n == len(_ids(store))
        header = buf.getvalue().splitlines()[0].split(",")
        assert header[-1] == "reviewed"
        # accepting a rejected event brings it back
        store.review_event(victim, "accept", "bo")
        assert victim in _ids(store)
        assert [a.after for a in store.audit(victim)] == ["accepted", "rejected"]


@pytest.mark.parametrize("changes, message", [
    ({"type": "BOMB"}, "type"),
    ({"event_id": "x"}, "cannot be edited"),
    ({"location": {"text": "Kyiv", "lat": 120.0}}, "lat"),
    ({"location": {"name": "no text"}}, "location.text"),
    ({"actor": [{"text": "a", "colour": "red"}]}, "unknown field"),
    ({"fatalities": {"killed": -1}}, "whole number"),
    ({"date": {"start": "yesterday"}}, "ISO date"),
    ({"modality": "maybe"}, "modality"),
    ({"mode": "x" * 600}, "at most"),
    ({}, "at least one"),
])
def test_bad_corrections_are_refused_and_write_nothing(changes, message):
    with open_store(":memory:") as store:
        run = store.start_run(__import__("newsevents.options", fromlist=["load_options"]).load_options(), [])
        store.write_batch([strike_result()], run)
        event_id = _ids(store)[0]
        with pytest.raises(ReviewError, match=message):
            store.review_event(event_id, "correct", "ana", changes)
        assert store.audit() == [] and store.review_of(event_id) is None


def test_refusals():
    with open_store(":memory:") as store:
        run = store.start_run(__import__("newsevents.options", fromlist=["load_options"]).load_options(), [])
        store.write_batch([strike_result()], run)
        event_id = _ids(store)[0]
        with pytest.raises(UnknownEvent):
            store.review_event("nope", "accept", "ana")
        with pytest.raises(ReviewError, match="reviewer"):
            store.review_event(event_id, "accept", "<script>")
        with pytest.raises(ReviewError, match="action"):
            store.review_event(event_id, "delete", "ana")
        with pytest.raises(ReviewError, match="changes nothing"):
            store.review_event(event_id, "correct", "ana", {"type": "ASSAULT"})


def test_add_event_marks_the_sentence(store_url):
    with _filled(store_url) as store:
        article = store.get_article(strike_result().article.id)
        phrase = "Rescue crews worked"
        start = article.body.index(phrase)
        event_id = store.add_event(article.id, start + 3, start + len(phrase), "ana",
                                   {"type": "AID", "trigger": "worked",
                                    "location": {"text": "Kyiv", "lat": 50.45, "lon": 30.52, "country": "UKR"}})
        added = next(e for e in store.query_events(EventFilter(type="AID")))
        assert added.event_id == event_id
        assert added.evidence.sentence == (
            "Rescue crews worked through the morning to clear rubble from the damaged buildings.")
        assert article.body[added.evidence.start:added.evidence.end] == added.evidence.sentence
        assert added.evidence.rule == "review:ana" and added.confidence == 1.0
        assert {r.event.event_id: r.review for r in store.query_rows()}[event_id] == "added"
        assert event_id in [e.event_id for e in store.query_events(EventFilter(search="rubble"))]
        with pytest.raises(ReviewError, match="already has"):
            store.add_event(article.id, start, start + 5, "ana", {"type": "AID"})
        with pytest.raises(UnknownEvent):
            store.add_event("nope", 0, 5, "ana", {"type": "AID"})
        # correcting an added event keeps it an analyst's event
        assert store.review_event(event_id, "correct", "bo", {"type": "COOPERATE"}) == "added"


def test_sentence_span_grows_to_whole_sentences():
    body = "First one. Second one here! Third.\n\nNew paragraph without end"
    assert body[slice(*sentence_span(body, 13, 15))] == "Second one here!"
    assert body[slice(*sentence_span(body, 2, 20))] == "First one. Second one here!"
    assert body[slice(*sentence_span(body, 40, 45))] == "New paragraph without end"
    with pytest.raises(ReviewError):
        sentence_span(body, 5, 500)


def test_training_export(store_url):
    with _filled(store_url) as store:
        events = list(store.query_events())
        strike, claim, denial = [e for e in events if e.article_id == strike_result().article.id]
        store.review_event(strike.event_id, "correct", "ana", {"mode": "aerial"})
        store.review_event(claim.event_id, "reject", "bo")
        talks = next(e for e in events if e.type == "CONSULT")
        store.review_event(talks.event_id, "reject", "bo")
        buf = io.StringIO()
        n = export.export(store, "training", buf)
        lines = [json.loads(line) for line in buf.getvalue().splitlines()]
        assert n == len(lines) == 3
        by_text = {x["text"]: x for x in lines}
        pos = by_text[strike.evidence.sentence]
        assert pos == {
            "id": pos["id"], "text": strike.evidence.sentence, "event": True, "plover": "ASSAULT",
            "mode": "aerial", "acled": "Air/drone strike", "temporal": "current", "style": "reviewed",
            "region": "UKR", "hard": False, "kind": "sentence", "source": "reviewed", "writer": "review:ana",
        }
        neg = by_text[claim.evidence.sentence]
        assert neg["event"] is False and neg["plover"] is None and neg["writer"] == "review:bo"
        assert by_text[talks.evidence.sentence]["event"] is False
        assert denial.evidence.sentence not in by_text  # never reviewed


def test_training_skips_sentence_with_unreviewed_events():
    with open_store(":memory:") as store:
        run = store.start_run(__import__("newsevents.options", fromlist=["load_options"]).load_options(), [])
        store.write_batch([strike_result()], run)
        strike = _ids(store)[0]
        article = store.get_article(strike_result().article.id)
        sentence = article.body.split("\n\n")[0]
        store.add_event(article.id, 0, 5, "ana", {"type": "PROTEST"})  # same sentence, second event
        store.review_event(strike, "reject", "bo")
        lines = [json.loads(x) for x in _training(store)]
        assert [(x["text"], x["event"], x["plover"]) for x in lines] == [(sentence, True, "PROTEST")]


def _training(store) -> list[str]:
    buf = io.StringIO()
    export.export(store, "training", buf)
    return buf.getvalue().splitlines()


def test_migration_adds_review_to_a_version_2_database(tmp_path):
    path = str(tmp_path / "old.db")
    from newsevents.store.backend import SqliteBackend
    from newsevents.store.schema import migrate

    db = SqliteBackend(path)
    migrate(db, target=2)
    db.close()
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION  # review is v3; v4 (input hashes) follows
    conn = sqlite3.connect(path)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(events_flat)")]
    assert columns[-2:] == ["article_id", "review"]
    conn.close()
