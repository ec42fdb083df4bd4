"""Real-news scores (evaluation/realnews.py): duplicates, background, tempting sentences, lead
recall, loose type matching, and the agreement of two annotators. Texts are our own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsevents.evaluation.agreement import agreement
from newsevents.evaluation.gold import GoldDoc, read_gold
from newsevents.evaluation.outcome import DocOutcome
from newsevents.evaluation.quality import check_floors
from newsevents.evaluation.realnews import realnews_report
from newsevents.evaluation.scoring import locate, match_document
from newsevents.records import Article, Rejected, Result

BODY = ("Police arrested six protesters outside the ministry in Lusaka on Monday. "
        "Officers detained the six after a march on the ministry turned tense. "
        "In 2016 the same square saw riots that left two people dead. "
        "Shares of the copper miner plunged 9 per cent on Monday.")
SENTENCES = [s + "." for s in BODY.rstrip(".").split(". ")]


def _pred(sentence: str, type_: str = "COERCE", modality: str = "factual",
          acled: str | None = "Arrests") -> dict[str, Any]:
    span = locate(sentence, BODY)
    assert span is not None
    return {"type": type_, "modality": modality,
            "acled": {"event_type": "Strategic developments", "sub_event_type": acled}
            if acled else None,
            "actor": [{"country": "ZMB", "sector": "COP"}],
            "recipient": [{"country": "ZMB", "sector": "CVL"}],
            "location": {"name": "Lusaka", "country": "ZMB", "admin1": "Lusaka",
                         "precision": "city", "lat": -15.4, "lon": 28.3},
            "date": {"start": "2024-03-04", "end": "2024-03-04", "precision": "day"},
            "evidence": {"sentence": sentence, "start": span[0], "end": span[1]}}


GOLD_EVENT = {**_pred(SENTENCES[0]), "mentions": [SENTENCES[1]], "lead": True, "optional": False}
NON_EVENTS = ({"sentence": SENTENCES[2], "cause": "background"},
              {"sentence": SENTENCES[3], "cause": "misread"})


def _outcome(preds: list[dict[str, Any]]) -> DocOutcome:
    gold = GoldDoc(id="zm", raw=Rejected("zm", "", "ingest", "empty", ""), events=(GOLD_EVENT,),
                   non_events=NON_EVENTS)
    result = Result(article=Article(id="a", doc_id="zm", source_uri="", body=BODY))
    score = match_document(preds, gold.events, BODY)
    return DocOutcome(gold, result, "Arrests", preds, score.pairs)


def test_a_second_mention_of_a_matched_happening_is_a_duplicate() -> None:
    report = realnews_report([_outcome([_pred(SENTENCES[0]), _pred(SENTENCES[1])])])
    assert report["event_precision"] == 0.5
    assert report["event_recall"] == 1.0
    assert report["duplicate_share"] == 0.5
    assert report["duplicates_per_article"] == 1.0  # one duplicate in the one article
    assert report["lead_recall"] == 1.0
    assert report["all_fields_accuracy"] == 1.0


def test_background_marked_historical_is_set_aside_and_current_is_counted() -> None:
    marked = realnews_report([_outcome([_pred(SENTENCES[0]),
                                        _pred(SENTENCES[2], "ASSAULT", "historical")])])
    assert marked["predicted_background_marked"] == 1
    assert marked["event_precision"] == 1.0
    assert marked["background_share"] == 0.0
    current = realnews_report([_outcome([_pred(SENTENCES[0]), _pred(SENTENCES[2], "ASSAULT")])])
    assert current["background_share"] == 0.5
    assert (current["background_per_article"], marked["background_per_article"]) == (1.0, 0.0)
    assert current["false_positives_by_cause"] == {"background": 1}


def test_misread_words_count_under_their_cause_and_a_missed_lead_lowers_lead_recall() -> None:
    report = realnews_report([_outcome([_pred(SENTENCES[3], "ASSAULT")])])
    assert report["false_positives_by_cause"] == {"misread": 1}
    assert report["event_precision"] == 0.0
    assert report["lead_recall"] == 0.0


def test_a_wrong_type_pairs_loosely_so_type_accuracy_reads_it() -> None:
    report = realnews_report([_outcome([_pred(SENTENCES[0], "PROTEST", acled="Peaceful protest")])])
    assert report["event_recall"] == 0.0  # strict matching needs the type
    assert report["type_accuracy"] == 0.0
    assert report["acled_accuracy"] == 0.0
    right = realnews_report([_outcome([_pred(SENTENCES[0])])])
    assert right["type_accuracy"] == 1.0 and right["acled_accuracy"] == 1.0


def test_shares_are_ceilings_in_the_quality_gate() -> None:
    assert check_floors({"x_duplicate_share": 0.04}, {"x_duplicate_share": 0.05}) == []
    assert check_floors({"x_duplicate_share": 0.06}, {"x_duplicate_share": 0.05})
    assert check_floors({"x_duplicates_per_article": 0.3}, {"x_duplicates_per_article": 0.2})
    assert check_floors({"x_duplicates_per_article": 0.1}, {"x_duplicates_per_article": 0.2}) == []
    assert check_floors({"x_recall": 0.04}, {"x_recall": 0.05})


def _gold_line(doc_id: str, events: list[dict[str, Any]]) -> str:
    return json.dumps({"id": doc_id, "text": BODY, "events": events})


def test_agreement_scores_the_second_annotator_against_the_first(tmp_path: Path) -> None:
    first_events = [GOLD_EVENT, {**_pred(SENTENCES[2], "ASSAULT"), "optional": False}]
    second_events = [{**GOLD_EVENT, "type": "COERCE"},
                     {**_pred(SENTENCES[2], "PROTEST"), "optional": False}]
    (tmp_path / "a.jsonl").write_text(_gold_line("d1", first_events) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(_gold_line("d1", second_events) + "\n"
                                      + _gold_line("other", []) + "\n", encoding="utf-8")
    result = agreement(list(read_gold(tmp_path / "a.jsonl")), list(read_gold(tmp_path / "b.jsonl")))
    assert result["documents"] == 1
    assert result["event"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert result["type_agreement"] == 0.5


def test_gold_sources_may_be_gzipped_pages_in_their_own_encoding(tmp_path: Path) -> None:
    import gzip

    page = ("<html><head><meta charset='windows-1252'><title>Caf\xe9 raid</title></head><body>"
            "<article><p>" + "Police raided a caf\xe9 in Lyon on Friday and held two men. " * 5
            + "</p></article></body></html>")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(page.encode("windows-1252")))
    (tmp_path / "g.jsonl").write_text(json.dumps({
        "id": "lyon", "source": "page.html.gz", "published": "2024-05-03",
        "non_events": [{"sentence": "x", "cause": "generic"}]}) + "\n", encoding="utf-8")
    doc = next(read_gold(tmp_path / "g.jsonl"))
    assert not isinstance(doc.raw, Rejected)
    assert "café" in doc.raw.text
    assert doc.raw.published == "2024-05-03"
    assert doc.non_events == ({"sentence": "x", "cause": "generic"},)


def test_per_gold_shares_count_every_gold_event_and_do_not_fall_with_a_wrong_match() -> None:
    """A match whose place is wrong lowers the per-pair place rate, never the share of the gold
    coded with its place right."""
    from newsevents.evaluation.runner import fields_per_gold

    right = _outcome([_pred(SENTENCES[0])])
    missed = _outcome([])
    wrong_place = _pred(SENTENCES[0])
    wrong_place["location"] = {"name": "Ndola", "country": "ZMB", "admin1": "Copperbelt",
                               "precision": "city", "lat": -12.96, "lon": 28.64}
    wrong = _outcome([wrong_place])
    before = [right, missed]
    after = [right, wrong]
    assert realnews_report(before)["location_accuracy"] == 1.0
    assert realnews_report(after)["location_accuracy"] == 0.5
    assert fields_per_gold(before, ("location",)) == {"location": 0.5}
    assert fields_per_gold(after, ("location",)) == {"location": 0.5}
    assert realnews_report(before)["all_fields_per_gold"] == 0.5
    assert realnews_report(after)["all_fields_per_gold"] == 0.5
