"""Ordinary inputs that used to stop a run or be counted wrongly: each is processed or becomes one
rejected row, the other documents are stored, and the summary and exit code say so."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner, Result

from newsevents.cli import cli
from newsevents.store import open_store
from test_cli_process import ARTICLE_A, ARTICLE_B


def _jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _process(tmp_path: Path, *inputs: Path) -> tuple[Result, str]:
    db = str(tmp_path / "ev.db")
    result = CliRunner().invoke(cli, ["process", *map(str, inputs), "--db", db, "--quiet"])
    return result, db


def _stored_doc_ids(db: str) -> list[str]:
    with open_store(db, create=False) as store:
        return sorted(r[0] for r in store.db.fetchall("SELECT doc_id FROM article_docs"))


def _rejections(db: str) -> dict[str, tuple[str, str]]:
    with open_store(db, create=False) as store:
        return {r.doc_id: (r.stage, r.reason) for r in store.rejected()}


def test_nul_character_is_counted_as_rejected(tmp_path: Path) -> None:
    source = _jsonl(tmp_path / "in.jsonl", {"id": "good", "text": ARTICLE_A},
                    {"id": "nul", "text": ARTICLE_B.replace("Sunday", "Sun\x00day")})
    result, db = _process(tmp_path, source)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("2 documents: 1 articles (1 new, 0 already stored), 1 rejected;")
    assert "store/nul_character" in result.output
    assert f"  {source}#2  store/nul_character: text cannot be stored (NUL byte or unpaired surrogate)" in lines
    assert _stored_doc_ids(db) == ["good"]
    assert _rejections(db) == {"nul": ("store", "nul_character")}


def _articles(db: str) -> dict[str, object]:
    with open_store(db, create=False) as store:
        ids = [r[0] for r in store.db.fetchall("SELECT id FROM articles")]
        return {a.doc_id: a for a in map(store.get_article, ids)}


def test_published_dates_in_other_forms_are_read_or_warned(tmp_path: Path) -> None:
    today = dt.datetime.now(dt.UTC).date()
    body = ARTICLE_A
    records = [
        {"id": "rfc", "text": body, "published": "Tue, 11 Feb 2025 08:00:00 GMT"},
        {"id": "words", "text": body.replace("Nairobi", "Mombasa"), "published": "11 February 2025"},
        {"id": "yesterday", "text": body.replace("Nairobi", "Kisumu"), "published": "yesterday"},
        {"id": "year", "text": body.replace("Nairobi", "Nakuru"), "published": "2025"},
        {"id": "no-such-day", "text": body.replace("Nairobi", "Eldoret"), "published": "2025-02-30"},
        {"id": "iso", "text": body.replace("Nairobi", "Thika"), "published": "2024-06-25T18:00:00+03:00"},
    ]
    result, db = _process(tmp_path, _jsonl(tmp_path / "dates.jsonl", *records))
    assert result.exit_code == 0, result.output
    articles = _articles(db)
    assert {doc: a.published for doc, a in articles.items()} == {
        "rfc": "2025-02-11T08:00:00+00:00",
        "words": "2025-02-11",
        "yesterday": (today - dt.timedelta(days=1)).isoformat(),
        "year": None,
        "no-such-day": None,
        "iso": "2024-06-25T18:00:00+03:00",
    }
    warned = {doc: [(w.stage, w.reason) for w in a.warnings] for doc, a in articles.items() if a.warnings}
    assert warned == {
        "yesterday": [("ingest", "relative_date")],
        "year": [("ingest", "partial_date")],
        "no-such-day": [("ingest", "bad_date")],
    }
    assert "'2025-02-30'" in articles["no-such-day"].warnings[0].message
    assert "ingest/bad_date" in result.output  # the summary counts warnings too
    shown = CliRunner().invoke(cli, ["show", articles["no-such-day"].id, "--db", db])
    assert "warning    ingest/bad_date: published '2025-02-30' is not a date; left empty" in shown.output.splitlines()


def test_code_reads_a_relative_published_and_refuses_a_bad_one() -> None:
    text = "Police arrested ten protesters in Nairobi on Monday."
    ok = CliRunner().invoke(cli, ["code", text, "--published", "yesterday", "--json"])
    assert ok.exit_code == 0, ok.output
    assert [json.loads(line)["type"] for line in ok.stdout.splitlines()] == ["COERCE"]
    assert ok.stderr.startswith("note: published 'yesterday' read as ")
    bad = CliRunner().invoke(cli, ["code", text, "--published", "2025-02-30"])
    assert bad.exit_code == 2
    assert "--published" in bad.output and "'2025-02-30'" in bad.output
    assert "Traceback" not in bad.output


def test_lone_surrogate_is_an_unencodable_text_rejection(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    good = json.dumps({"id": "good", "text": ARTICLE_A})
    bad = json.dumps({"id": "surrogate", "text": ARTICLE_B}).replace("Sunday", "Sun\\ud800day")
    source.write_text(good + "\n" + bad + "\n", encoding="utf-8")
    result, db = _process(tmp_path, source)
    assert result.exit_code == 1, result.output
    assert _stored_doc_ids(db) == ["good"]
    assert _rejections(db) == {"surrogate": ("ingest", "unencodable_text")}
    assert "U+D800" in result.output


def _long_text(paragraphs: int) -> str:
    para = ("On day {i} of the talks, delegates from the two governments met again in the capital to "
            "discuss the exchange of prisoners, the reopening of the border crossing and the grain "
            "shipments that had been held up since the spring, officials said.")
    return "Long record of the talks\n\n" + "\n\n".join(para.format(i=i) for i in range(paragraphs))


def test_text_over_max_chars_is_rejected_too_long(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "long.txt").write_text(_long_text(5500), encoding="utf-8")  # 1.3 MB, under max_bytes
    assert (folder / "long.txt").stat().st_size < 5_000_000
    result, db = _process(tmp_path, folder)
    assert result.exit_code == 1, result.output
    assert _stored_doc_ids(db) == ["a", "b"]
    assert _rejections(db) == {"long": ("extract", "too_long")}
    assert "extract/too_long: body has 1329" in result.output and "over max_chars=200000" in result.output


def test_long_body_is_parsed_in_pieces_that_join_back_exactly(opts) -> None:
    from newsevents.analyse import parse

    text = _long_text(12)
    [whole] = parse([text], opts.spacy_model, 1)
    [joined] = parse([text], opts.spacy_model, 1, piece_chars=700)
    assert joined.text == text
    assert [s.text for s in joined.sents][:3] == [s.text for s in whole.sents][:3]
    assert len(list(joined.sents)) == len(list(whole.sents))
    assert [t.dep_ for t in joined][:40] == [t.dep_ for t in whole][:40]


def test_lone_surrogate_from_python_and_the_command_line() -> None:
    import newsevents

    text = "Police arrested ten protesters in Nairobi on Monday, officials said \ud800 later."
    assert newsevents.process(text) == []
    [result] = newsevents.process_batch([{"text": text}])
    assert (result.rejected.stage, result.rejected.reason) == ("ingest", "unencodable_text")
    coded = CliRunner().invoke(cli, ["code", text])
    assert coded.exit_code == 1
    assert "rejected at ingest: unencodable_text: text holds an unpaired surrogate U+D800" in coded.output


def test_eval_goes_through_documents_that_used_to_end_it(tmp_path: Path) -> None:
    gold = _jsonl(
        tmp_path / "gold.jsonl",
        {"id": "isis", "published": "Tue, 11 Feb 2025 08:00:00 GMT", "events": [{"type": "COERCE"}],
         "text": "Iraqi troops detained three members of Islamic State (ISIS) in Nineveh province."},
        {"id": "shabaab", "published": "yesterday", "events": [{"type": "COERCE"}],
         "text": "Kenyan police arrested four members of al-Shabaab (AS) in Garissa county."},
        {"id": "nairobi", "published": "2025-02-30", "text": ARTICLE_A, "events": [{"type": "PROTEST"}]},
    )
    result = CliRunner().invoke(cli, ["eval", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["documents"] == 3 and not report["rejected"]
    assert report["events"]["matched"] == 3
