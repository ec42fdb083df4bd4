"""The scorer of shared/spec/EVENTS.md, on hand-made predictions and gold events."""

from __future__ import annotations

import pytest

from newsevents.evaluation.scoring import (
    check_article,
    haversine_km,
    locate,
    location_agrees,
    match_document,
    score_fields,
    score_labels,
)

BODY = (
    "Rebels shelled the town of Kidal on Tuesday, officials said.\n\n"
    "Houses in Gao, Mopti and Timbuktu regions were damaged by the blasts.\n\n"
    "The army said it had repelled the attack \u201cwithin hours.\u201d"
)


@pytest.mark.parametrize("snippet, expected", [
    ("Rebels shelled the town", (0, 23)),
    ("rebels SHELLED the town", (0, 23)),
    ("repelled the attack \"within hours.\"", (BODY.index("repelled"), len(BODY))),
    ("Houses in  Gao,\nMopti", (BODY.index("Houses"), BODY.index("Houses") + 20)),
    ("no such words here", None),
    ("", None),
])
def test_locate(snippet, expected):
    assert locate(snippet, BODY) == expected


def test_haversine_known_distance():
    # Kyiv to Lviv is about 470 km.
    assert 460 < haversine_km(50.45, 30.52, 49.84, 24.03) < 480


@pytest.mark.parametrize("pred, gold, agrees", [
    (None, None, True),
    ({"country": "MLI", "precision": "country"}, None, False),
    (None, {"country": "MLI", "precision": "country"}, False),
    ({"country": "MLI", "precision": "country"}, {"country": "MLI", "precision": "country"}, True),
    ({"country": "MLI", "admin1": "Gao", "precision": "admin1"},
     {"country": "MLI", "precision": "country"}, False),
    ({"country": "UKR", "admin1": "Poltava Oblast", "precision": "admin1"},
     {"country": "UKR", "admin1": "Poltava", "precision": "admin1"}, True),
    ({"country": "RUS", "admin1": "Stavropol Krai", "precision": "admin1"},
     {"country": "RUS", "admin1": "Stavropol", "precision": "admin1"}, True),
    ({"country": "UKR", "admin1": "Kyiv City", "precision": "admin1"},
     {"country": "UKR", "admin1": "Kyiv Oblast", "precision": "admin1"}, True),
    ({"country": "UKR", "admin1": "Odesa", "precision": "admin1"},
     {"country": "UKR", "admin1": "Kherson", "precision": "admin1"}, False),
    ({"country": "RUS", "lat": 55.75, "lon": 37.62, "precision": "city"},
     {"country": "RUS", "lat": 55.7558, "lon": 37.6173, "precision": "city"}, True),
    ({"country": "RUS", "lat": 59.93, "lon": 30.36, "precision": "city"},
     {"country": "RUS", "lat": 55.7558, "lon": 37.6173, "precision": "city"}, False),
    ({"country": "RUS", "precision": "city"},
     {"country": "RUS", "lat": 55.7558, "lon": 37.6173, "precision": "city"}, False),
    ({"country": "USA", "lat": 55.75, "lon": 37.62, "precision": "city"},
     {"country": "RUS", "lat": 55.7558, "lon": 37.6173, "precision": "city"}, False),
])
def test_location_agrees(pred, gold, agrees):
    assert location_agrees(pred, gold) is agrees


def _event(type_, start, end, **fields):
    return {"type": type_, "evidence": {"sentence": BODY[start:end], "start": start, "end": end},
            **fields}


S1 = (0, BODY.index("\n\n"))
S2 = (S1[1] + 2, BODY.index("\n\n", S1[1] + 2))


def test_one_event_per_place_is_matched_by_location():
    places = ["Gao", "Mopti", "Timbuktu"]
    golds = [{"type": "ASSAULT", "evidence": {"sentence": "Houses in Gao, Mopti"},
              "location": {"country": "MLI", "admin1": p, "precision": "admin1"}} for p in places]
    # Predictions in reverse order: the matcher must pair by location, not by position.
    preds = [_event("ASSAULT", *S2, location={"country": "MLI", "admin1": p, "precision": "admin1"})
             for p in reversed(places)]
    score = match_document(preds, golds, BODY)
    assert len(score.pairs) == 3
    for pi, gi in score.pairs:
        assert preds[pi]["location"]["admin1"] == golds[gi]["location"]["admin1"]


@pytest.mark.parametrize("pred, matched", [
    (_event("ASSAULT", *S1, actor=[{"country": "MLI"}]), True),
    (_event("PROTEST", *S1, actor=[{"country": "MLI"}]), False),  # wrong type
    (_event("ASSAULT", *S1, actor=[{"country": "NER"}]), False),  # actor countries disjoint
    (_event("ASSAULT", *S2, actor=[{"country": "MLI"}]), False),  # evidence elsewhere
    (_event("ASSAULT", *S1, actor=[{"country": "MLI"}, {"country": "NER"}]), True),
])
def test_match_conditions(pred, matched):
    gold = {"type": "ASSAULT", "actor": [{"country": "MLI"}],
            "evidence": {"sentence": "shelled the town of Kidal"}}
    assert bool(match_document([pred], [gold], BODY).pairs) is matched


def test_gold_without_type_matches_on_acled_sub_event():
    gold = {"acled": {"sub_event_type": "Shelling/artillery/missile attack"},
            "evidence": {"sentence": "shelled the town"}}
    pred = _event("ASSAULT", *S1, acled={"event_type": "Explosions/Remote violence",
                                         "sub_event_type": "Shelling/artillery/missile attack"})
    assert match_document([pred], [gold], BODY).pairs == [(0, 0)]


def test_optional_gold_neither_required_nor_false_positive():
    golds = [{"type": "ASSAULT", "evidence": {"sentence": "shelled the town"}},
             {"type": "ACCUSE", "optional": True, "evidence": {"sentence": "repelled the attack"}}]
    preds = [_event("ASSAULT", *S1), _event("ACCUSE", S2[1] + 2, len(BODY))]
    score = match_document(preds, golds, BODY)
    assert (score.gold_required, score.gold_optional) == (1, 1)
    assert (score.matched_required, score.matched_predicted) == (1, 2)


def test_evidence_found_by_words_when_body_differs():
    gold = {"type": "ASSAULT", "evidence": {"sentence": "Rebels shelled the town of Kidal"}}
    pred = {"type": "ASSAULT", "evidence": {"sentence": "Rebels shelled the town of Kidal on Tuesday."}}
    assert match_document([pred], [gold], "").pairs == [(0, 0)]


@pytest.mark.parametrize("field, pred_value, gold_value, credit", [
    ("type", "ASSAULT", "assault", 1.0),
    ("mode", None, None, 1.0),
    ("mode", "aerial", "drone", 0.0),
    ("actor", [{"country": "RUS"}], [{"country": "RUS"}, {"country": "CHN"}], 2 / 3),
    ("actor", [], [], 1.0),
    ("actor", [{"country": None, "sector": "GOV"}], [{"country": None, "sector": "GOV"}], 1.0),
    ("recipient", [{"country": "USA"}], [{"country": "UKR"}], 0.0),
    ("date", {"start": "2024-11-01", "end": "2024-11-01"}, {"start": "2024-11-01", "end": "2024-11-01"}, 1.0),
    ("date", {"start": "2024-10-31", "end": "2024-11-01"}, {"start": "2024-11-01", "end": "2024-11-01"}, 0.0),
    ("quantities", [{"count": 48, "item": "drone", "status": "launched"}],
     [{"count": 48, "item": "drone", "status": "launched"}, {"count": 3, "item": "missile", "status": "launched"}],
     2 / 3),
    ("fatalities", {"killed": 0, "injured": 0}, {"killed": 0, "injured": 0}, 1.0),
    ("fatalities", {"killed": 2, "injured": None}, {"killed": 2, "injured": 5}, 0.5),
    ("fatalities", None, {"killed": 0}, 0.0),
    ("attribution", {"stance": "claimed", "source_actor": {"country": "UKR"}},
     {"stance": "claimed", "source_actor": {"country": "UKR"}}, 1.0),
    ("attribution", {"stance": "reported"}, {"stance": "claimed", "source_actor": {"country": "UKR"}}, 0.0),
    ("attribution", {"stance": "claimed"}, {"stance": "claimed", "source_actor": {"country": "UKR"}}, 0.5),
    ("acled", {"sub_event_type": "Air/drone strike"}, {"sub_event_type": "air/drone strike"}, 1.0),
    ("contexts", ["military"], ["military", "diplomatic"], 2 / 3),
    ("modality", "factual", "hypothetical", 0.0),
])
def test_field_credit(field, pred_value, gold_value, credit):
    tally = score_fields([({field: pred_value}, {field: gold_value})])[field]
    assert tally.judged == 1
    assert tally.credit == pytest.approx(credit)


def test_fields_not_given_by_gold_are_not_judged():
    tallies = score_fields([({"type": "AID", "mode": "x"}, {"type": "AID"})])
    assert tallies["type"].judged == 1
    assert tallies["mode"].judged == 0


def test_label_scores():
    pairs = [("Air/drone strike", "Air/drone strike"), ("none", "Air/drone strike"),
             ("Peaceful protest", "Peaceful protest"), ("Arrests", "none")]
    scores = score_labels(pairs)
    assert scores["accuracy"] == 0.5
    # air: P 1 R .5 F .667; peaceful: 1; none: 0; arrests: 0 -> macro .4167
    assert scores["macro_f1"] == pytest.approx(0.4167, abs=1e-4)
    # weighted by gold support: air 2, peaceful 1, none 1 -> (.667*2 + 1 + 0) / 4
    assert scores["weighted_f1"] == pytest.approx(0.5833, abs=1e-4)


def test_article_checks():
    article = {"headline": "Talks in Moscow", "byline": "The Associated Press",
               "published": "2024-11-01T06:04:00-04:00", "body": "First words here. Last words."}
    expected = {"headline": "talks in moscow", "byline": "The Associated Press",
                "published": "2024-11-01T06:04:00-04:00", "body_starts_with": "First words",
                "body_ends_with": "Last words.", "boilerplate_must_not_appear": ["Your support", "Last"]}
    checks = check_article(article, expected)
    assert checks == {"headline": True, "byline": True, "published": True,
                      "body_starts_with": True, "body_ends_with": True,
                      "absent:Your support": True, "absent:Last": False}


def test_article_check_published_offset_must_agree():
    checks = check_article({"published": "2024-11-01T06:04:00+00:00", "body": ""},
                           {"published": "2024-11-01T06:04:00-04:00"})
    assert checks == {"published": False}
