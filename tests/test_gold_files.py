"""Reading gold files (inline text, `source` files and JSONL records) and PLOVER conversion."""

from __future__ import annotations

import json

import pytest

from newsevents.errors import GoldFileError
from newsevents.evaluation.gold import read_gold
from newsevents.evaluation.plover import record_to_gold
from newsevents.records import RawDocument, Rejected


def _write(path, lines):
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_inline_text_and_source_file_and_batch_record(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text("Police detained twelve people.", encoding="utf-8")
    _write(tmp_path / "articles" / "batch.jsonl", [
        {"id": "r1", "text": "Talks resumed in Doha.", "url": "https://example.org/1"},
        {"id": "r2", "html": "<html><body><p>Aid arrived.</p></body></html>"},
    ])
    gold = _write(tmp_path / "gold.jsonl", [
        {"id": "inline", "text": "Crowds marched in Lima.", "published": "2024-05-01T10:00:00-05:00",
         "label": "Peaceful protest", "events": [{"type": "PROTEST"}]},
        {"id": "file", "source": "articles/a.txt", "events": []},
        {"id": "rec", "source": "articles/batch.jsonl#r2", "published": "2024-01-02T00:00:00Z"},
    ])
    docs = list(read_gold(gold))
    assert [d.id for d in docs] == ["inline", "file", "rec"]
    assert docs[0].raw.text == "Crowds marched in Lima."
    assert docs[0].label == "Peaceful protest"
    assert docs[0].events == ({"type": "PROTEST"},)
    assert docs[1].raw.text == "Police detained twelve people."
    assert isinstance(docs[2].raw, RawDocument)
    assert docs[2].raw.content_type == "html"
    assert docs[2].raw.published == "2024-01-02T00:00:00Z"


@pytest.mark.parametrize("line, message", [
    ("not json", "not valid JSON"),
    ('{"text": "no id"}', "string 'id'"),
    ('{"id": "x", "events": {"type": "AID"}}', "list of objects"),
    ('{"id": "x"}', "give 'text', 'html' or 'source'"),
    ('{"id": "x", "source": "missing.txt"}', "cannot read source"),
    ('{"id": "x", "source": "b.jsonl#nope"}', "not found"),
])
def test_bad_gold_lines_name_the_line(tmp_path, line, message):
    (tmp_path / "b.jsonl").write_text('{"id": "yes", "text": "x"}\n', encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=message) as info:
        list(read_gold(gold))
    assert "gold.jsonl" in str(info.value)


def test_missing_gold_file(tmp_path):
    with pytest.raises(GoldFileError, match="cannot read gold file"):
        list(read_gold(tmp_path / "absent.jsonl"))


def test_empty_batch_record_is_rejected_not_raised(tmp_path):
    _write(tmp_path / "b.jsonl", [{"id": "r", "text": ""}])
    gold = _write(tmp_path / "g.jsonl", [{"id": "g", "source": "b.jsonl#r"}])
    (doc,) = read_gold(gold)
    assert isinstance(doc.raw, Rejected)
    assert doc.raw.reason == "empty"


@pytest.mark.parametrize("record, expected", [
    ({"id": "a", "event": "DEMAND", "text": "t", "source": [{"actorText": "x", "code": "BDI/MIL"}],
      "target": ""},
     {"type": "REQUEST", "actor": [{"text": "x", "country": "BDI", "sector": "MIL"}]}),
    ({"id": "b", "event": "DISAPPROVE", "text": "t", "source": [{"actorText": "x", "code": "JAP"}],
      "target": [{"actorText": "y", "code": "USA", "sector": "GOV"}]},
     {"type": "ACCUSE", "mode": "disapprove",
      "actor": [{"text": "x", "country": "JPN", "sector": None}],
      "recipient": [{"text": "y", "country": "USA", "sector": "GOV"}]}),
    ({"id": "c", "event": "FIGHT", "mode": "heavy-weapons", "text": "t",
      "source": [{"actorText": "x", "code": "IGO", "sector": "***"}]},
     {"type": "ASSAULT", "mode": "heavy-weapons", "actor": [{"text": "x", "country": "IGO", "sector": None}]}),
    ({"id": "d", "event": "AGREE", "text": "t", "source": None, "target": None},
     {"type": "AGREE"}),
    ({"id": "f", "event": "AID", "text": "t", "source": [{"actorText": "x", "code": "ITL"}],
      "target": [{"actorText": "y", "code": "VTN"}]},
     {"type": "AID", "actor": [{"text": "x", "country": "ITA", "sector": None}],
      "recipient": [{"text": "y", "country": "VNM", "sector": None}]}),
    ({"id": "e", "event": "PROTEST", "text": "t", "source": [{"actorText": "x", "code": "ALB",
                                                              "sector": "CVLalb"}]},
     {"type": "PROTEST", "actor": [{"text": "x", "country": "ALB", "sector": "CVL"}]}),
])
def test_plover_record_to_gold(record, expected):
    gold = record_to_gold(record)
    assert gold["id"] == record["id"]
    assert gold["text"] == "t"
    assert gold["events"] == [expected]
