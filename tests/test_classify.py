"""The sentence classifier: features, corpus checks, the encoder, the shipped model, and the
gate through which it judges the rules' events. Sentences are our own."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsevents.classify.corpus import read_examples
from newsevents.classify.features import terms, tfidf_rows
from newsevents.classify.model import SentenceScores
from newsevents.coder import model_gate
from newsevents.errors import GoldFileError
from newsevents.records import Acled, DateSpan, Event, Evidence


def test_terms_are_words_numbers_as_shapes_and_pairs() -> None:
    assert terms("Gunmen killed 12 villagers") == [
        "gunmen", "killed", "<num>", "villagers", "gunmen killed", "killed <num>",
        "<num> villagers"]


def test_tfidf_matches_scikit_learn_sublinear_weighting() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = ["Troops shelled the town", "Protesters marched on the town hall hall",
             "Shares plunged"]
    vec = TfidfVectorizer(analyzer=terms, sublinear_tf=True)
    expected = vec.fit_transform(texts).toarray()
    vocab = {t: int(i) for t, i in vec.vocabulary_.items()}
    rows = tfidf_rows(texts, vocab, vec.idf_)
    for i, (cols, weights) in enumerate(rows):
        got = np.zeros(len(vocab))
        got[cols] = weights
        assert np.allclose(got, expected[i], atol=1e-6)


def _write(tmp_path: Path, rec: dict[str, Any]) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("bad, message", [
    ({"text": "x", "event": True, "plover": "FIGHT", "temporal": "current"}, "PLOVER type"),
    ({"text": "x", "event": True, "plover": "ASSAULT", "acled": "Shootout",
      "temporal": "current"}, "unknown ACLED"),
    ({"text": "x", "event": "yes", "temporal": "current"}, "true or false"),
    ({"text": "x", "event": False, "temporal": "later"}, "temporal"),
    ({"text": " ", "event": False, "temporal": "current"}, "non-empty"),
])
def test_a_bad_corpus_line_names_its_file_and_line(tmp_path: Path, bad: dict[str, Any],
                                                    message: str) -> None:
    path = _write(tmp_path, bad)
    with pytest.raises(GoldFileError, match=rf"c\.jsonl:1: .*{message}"):
        list(read_examples(path))


def test_every_committed_corpus_line_is_valid() -> None:
    root = Path(__file__).resolve().parents[1] / "corpus"
    files = sorted(root.glob("*/*.jsonl"))
    assert files, "corpus/train and corpus/heldout hold the training text"
    count = sum(1 for path in files for _ in read_examples(path))
    assert count >= 8000


# --------------------------------------------------------------------------- the gate


class FixedModel:
    """Stands in for the sentence model: fixed scores per sentence."""

    def __init__(self, scores: dict[str, SentenceScores]) -> None:
        self.scores = scores

    def predict(self, texts: list[str]) -> list[SentenceScores]:
        return [self.scores[t] for t in texts]


def _scores(event: float, temporal: str = "current", acled: str = "none",
            p_acled: float = 0.9) -> SentenceScores:
    rest = (1 - p_acled) / 2
    return SentenceScores(event=event, temporal={temporal: 0.9, "current" if temporal !=
                                                 "current" else "future": 0.1},
                          plover={"ASSAULT": 0.7, "COERCE": 0.3},
                          acled={acled: p_acled, "Other": rest, "Attack": rest})


def _event(sentence: str, acled: Acled | None = None, modality: str = "factual") -> Event:
    return Event(event_id=sentence[:8], article_id="a", type="ASSAULT",
                 evidence=Evidence(sentence=sentence, start=0, end=len(sentence), rule="lexicon:x"),
                 acled=acled, modality=modality)



def test_the_gate_drops_what_the_model_reads_as_no_event_and_names_why() -> None:
    kept_s, dropped_s = "Rebels shelled the market.", "The striker shot wide in the final."
    model = FixedModel({kept_s: _scores(0.9, acled="Shelling/artillery/missile attack"),
                        dropped_s: _scores(0.02)})
    kept, dropped = model_gate.review([_event(kept_s), _event(dropped_s)], model, drop_below=0.2)
    assert [e.evidence.sentence for e in kept] == [kept_s]
    assert [(d.event.evidence.sentence, d.reason) for d in dropped] == [
        (dropped_s, "model-not-event")]
    assert kept[0].scores is not None and kept[0].scores["event"] == 0.9


def test_the_gate_keeps_everything_when_dropping_is_off() -> None:
    s = "The striker shot wide in the final."
    kept, dropped = model_gate.review([_event(s)], FixedModel({s: _scores(0.02)}))
    assert len(kept) == 1 and not dropped


def _statement(sentence: str, rule: str = "lexicon:x") -> Event:
    return replace(_event(sentence), type="REQUEST",
                   evidence=Evidence(sentence=sentence, start=0, end=len(sentence), rule=rule))


def test_with_the_talk_setting_the_gate_drops_statements_the_model_reads_as_talk() -> None:
    likely, hidden, attack, denies = (
        "He is likely to ask lawmakers about the call.",
        "A refugee, who asked not to be identified, described the camp.",
        "Rebels are expected to attack the town.",
        "Islamabad denies the claim.")
    model = FixedModel({likely: _scores(0.01, temporal="future"),
                        hidden: _scores(0.07, temporal="negated"),
                        attack: _scores(0.01, temporal="future"),
                        denies: _scores(0.02, temporal="generic")})
    events = [_statement(likely), _statement(hidden), _event(attack),
              _statement(denies, rule="lexicon:x+present-tense")]
    kept, dropped = model_gate.review(events, model, talk_below=0.2)
    # violence is the other setting's to drop; a statement in the present is talk of today
    assert [e.evidence.sentence for e in kept] == [attack, denies]
    assert [(d.event.evidence.sentence, d.reason) for d in dropped] == [
        (likely, "model-not-said"), (hidden, "model-not-said")]
    kept, dropped = model_gate.review(events, model)
    assert len(kept) == 4 and not dropped


def test_the_talk_setting_keeps_what_is_told_as_done_though_the_model_reads_it_as_ahead() -> None:
    # "ahead of the 2020 vote": the vote is ahead, the hearing was held
    held, refused = ("The committee concluded its hearing ahead of the vote.",
                     "A refugee, who asked not to be identified, described the camp.")
    model = FixedModel({held: _scores(0.03, temporal="future"),
                        refused: _scores(0.03, temporal="negated")})
    kept, dropped = model_gate.review(
        [_statement(held, rule="lexicon:x+past-tense"),
         _statement(refused, rule="lexicon:x+past-tense")], model, talk_below=0.2)
    assert [e.evidence.sentence for e in kept] == [held]
    assert [d.event.evidence.sentence for d in dropped] == [refused]


def test_the_talk_setting_keeps_statements_the_model_reads_as_news_or_in_the_present_perfect(
        ) -> None:
    said, has_said = "The minister urged calm.", "The minister has urged calm."
    model = FixedModel({said: _scores(0.05), has_said: _scores(0.05, temporal="generic")})
    kept, dropped = model_gate.review(
        [_statement(said), _statement(has_said, rule="lexicon:x+present-perfect")], model,
        talk_below=0.2)
    assert len(kept) == 2 and not dropped


def test_a_statement_told_in_the_present_is_marked_so_for_the_talk_setting() -> None:
    # the model reads "denies" as habitual; the mark keeps it from the talk setting's drop
    from newsevents.ingest import document_from_text
    from newsevents.options import load_options
    from newsevents.pipeline import process_one

    def rules(text: str) -> list[tuple[str, str, list[str]]]:
        result = process_one(document_from_text(text, published="2024-05-06"),
                             load_options().replace(min_words=1))
        return [(e.type, e.evidence.trigger, e.evidence.rule.split("+")) for e in result.events]

    (kind, trigger, marks), = rules("Islamabad denies the charge.")
    assert (kind, trigger) == ("REJECT", "denies") and "present-tense" in marks
    (kind, trigger, marks), = rules("Islamabad denied the charge on Monday.")
    assert (kind, trigger) == ("REJECT", "denied") and "present-tense" not in marks


def test_the_label_reads_the_model_where_the_story_first_told_the_happening() -> None:
    # "Police arrested six people Monday during a drug raid" (read: no ACLED event), then
    # "Officers later arrested Jane Roe" (read: an arrest): the happening's evidence is the
    # named telling, but the news is told, and read, in the lead
    from newsevents.coder.ranking import document_label

    lead, named = "Police arrested six people during a drug raid.", "Officers arrested Jane Roe."
    model = FixedModel({lead: _scores(0.9, acled="none", p_acled=0.9),
                        named: _scores(0.9, acled="Arrests", p_acled=0.9)})
    told_first = Evidence(sentence=lead, start=0, end=len(lead), trigger="arrested")
    arrest = replace(_event(named, Acled("Strategic developments", "Arrests")), type="COERCE",
                     evidence=Evidence(sentence=named, start=60, end=60 + len(named),
                                       rule="lexicon:x"),
                     mentions=(told_first,))
    kept, _ = model_gate.review([arrest], model)
    assert kept[0].scores is not None and kept[0].scores["first_told"]["acled"]["none"] == 0.9
    assert document_label(kept) == "none"
    kept, _ = model_gate.review([replace(arrest, mentions=())], model)
    assert "first_told" not in (kept[0].scores or {})
    assert document_label(kept) == "Arrests"


def test_the_gate_marks_background_and_sets_the_acled_sub_type_with_named_rules() -> None:
    bg, strike = "In 2014 the army shelled the town.", "Jets bombed the depot on Monday."
    model = FixedModel({bg: _scores(0.8, temporal="background"),
                        strike: _scores(0.95, acled="Air/drone strike")})
    rules_acled = Acled("Explosions/Remote violence", "Shelling/artillery/missile attack")
    kept, _ = model_gate.review([_event(bg), _event(strike, rules_acled)], model)
    assert kept[0].modality == "historical"
    assert kept[0].evidence.rule == "lexicon:x+model-background"
    assert kept[1].acled == Acled("Explosions/Remote violence", "Air/drone strike")
    assert kept[1].evidence.rule == "lexicon:x+model-acled"


def test_background_by_the_model_is_undated_unless_its_words_date_it() -> None:
    undated, dated = "Rebels attacked the village.", "Rebels attacked the village in March 2019."
    model = FixedModel({s: _scores(0.8, temporal="background") for s in (undated, dated)})
    day = DateSpan(start="2024-05-12", end="2024-05-12", precision="day", text="")
    march = DateSpan(start="2019-03-01", end="2019-03-31", precision="month",
                     text="in March 2019")
    kept, _ = model_gate.review([replace(_event(undated), date=day),
                                 replace(_event(dated), date=march)], model)
    assert [e.modality for e in kept] == ["historical", "historical"]
    assert kept[0].date == DateSpan()
    assert kept[1].date == march


def test_across_acled_types_the_event_keeps_the_rules_reading_and_the_label_reads_the_model(
        ) -> None:
    from newsevents.coder.ranking import document_label

    s = "Police fired on marchers in the square."
    rules_acled = Acled("Battles", "Armed clash")
    kept, _ = model_gate.review([_event(s, rules_acled)],
                                FixedModel({s: _scores(0.9, acled="Excessive force against "
                                                       "protesters")}))
    assert kept[0].acled == rules_acled
    assert document_label(kept) == "Excessive force against protesters"


def test_the_model_alone_names_no_weapon_the_text_does_not() -> None:
    # "suffocation" after air strikes read as gas: a chemical weapon needs its own words
    from newsevents.coder.ranking import document_label

    s = "Patients suffered injuries from flying glass and suffocation after the air strikes."
    rules_acled = Acled("Explosions/Remote violence", "Air/drone strike")
    kept, _ = model_gate.review([_event(s, rules_acled)],
                                FixedModel({s: _scores(0.9, acled="Chemical weapon")}))
    assert kept[0].acled == rules_acled and kept[0].evidence.rule == "lexicon:x"
    assert document_label(kept) == "Air/drone strike"


def test_the_gate_leaves_the_rules_reading_when_the_model_is_unsure() -> None:
    s = "Fighters clashed near the bridge."
    model = FixedModel({s: _scores(0.6, acled="Attack", p_acled=0.4)})
    rules_acled = Acled("Battles", "Armed clash")
    kept, _ = model_gate.review([_event(s, rules_acled)], model)
    assert kept[0].acled == rules_acled
    assert kept[0].evidence.rule == "lexicon:x"


def test_an_armed_groups_violence_is_never_made_a_riot_by_the_model() -> None:
    from newsevents.coder.ranking import document_label
    from newsevents.records import Actor

    s = "Gunmen stormed the market and shot traders."
    model = FixedModel({s: _scores(0.9, acled="Mob violence")})
    rules_acled = Acled("Violence against civilians", "Attack")
    gang = replace(_event(s, rules_acled), actor=(Actor(text="gunmen", sector="UAF"),))
    kept, _ = model_gate.review([gang], model)
    assert document_label(kept) == "Attack"
    crowd = replace(_event(s, rules_acled), actor=(Actor(text="a crowd", sector="CVL"),))
    kept, _ = model_gate.review([crowd], model)
    assert document_label(kept) == "Mob violence"


def test_the_shipped_model_reads_plain_cases() -> None:
    from newsevents.classify.model import shared_model

    model = shared_model()
    strike, match = model.predict([
        "Warplanes struck a fuel depot outside the city on Tuesday, killing four guards.",
        "The home side crushed their rivals 5-0 on Saturday night.",
    ])
    assert strike.event > 0.5 > match.event
    assert strike.top("plover")[0] == "ASSAULT"
    assert strike.top("acled")[0] == "Air/drone strike"
    total = sum(strike.acled.values())
    assert abs(total - 1.0) < 1e-5
    assert replace(strike).summary()["event"] == round(strike.event, 3)


def test_the_encoder_gives_unit_vectors_close_for_paraphrases() -> None:
    from newsevents.classify.encoder import shared_encoder

    a, b, c = shared_encoder().encode(["Troops shelled the village at dawn.",
                                       "Artillery pounded the village early in the morning.",
                                       "The bakery sold out of bread."])
    assert abs(float(np.linalg.norm(a)) - 1.0) < 1e-4
    assert float(a @ b) > float(a @ c) + 0.2


@pytest.mark.slow
def test_training_is_reproducible_from_the_corpus(tmp_path: Path) -> None:
    """`make train` on the same corpus gives the same model, byte for byte (fixed seeds)."""
    from newsevents.classify.train import train

    root = Path(__file__).resolve().parents[1] / "corpus" / "train"
    lines = [line for path in sorted(root.glob("*.jsonl"))
             for line in path.read_text("utf-8").splitlines()]
    by_type: dict[str, list[str]] = {}
    for line in lines:
        rec = json.loads(line)
        # written sentences and article sentences of each type: the typing heads learn from
        # the first only
        by_type.setdefault(f'{rec["plover"]} {"article" in rec}', []).append(line)
    sample = [line for group in by_type.values() for line in group[:6]]
    small = tmp_path / "corpus" / "train"
    small.mkdir(parents=True)
    (small / "sample.jsonl").write_text("\n".join(sample) + "\n", encoding="utf-8")
    first = train(tmp_path / "corpus", tmp_path / "a", tmp_path / "cache.npz")
    second = train(tmp_path / "corpus", tmp_path / "b", tmp_path / "cache.npz")
    assert first.hash == second.hash
    assert (tmp_path / "a" / "sentence-model.npz").read_bytes() == \
        (tmp_path / "b" / "sentence-model.npz").read_bytes()
    scores = first.predict(["Police fired tear gas at marchers in the capital on Friday."])[0]
    assert 0.0 <= scores.event <= 1.0


def test_the_model_drops_sports_prose_inside_articles_not_a_single_sentence(tmp_path: Path) -> None:
    """A match report's "fired a shot that killed off the visitors" is no attack: the model drops
    it inside an article (model-not-event) when sentence_model_drop is set, but not a sentence
    coded alone, which a person picked as news; with the default 0 the rules' event stays."""
    from click.testing import CliRunner

    from newsevents.cli import cli

    one = "Striker Tom Keller fired a shot that killed off the visitors in the 89th minute."
    two = " ".join([one, "The home side now lead the table by four points.",
                    "Their coach praised the defence after the match.",
                    "The visitors had won their previous three games.",
                    "A crowd of 21,000 watched the game in light rain.",
                    "The two sides meet again in the cup next month."])

    def events(text: str, *extra: str) -> list[dict[str, Any]]:
        result = CliRunner().invoke(cli, ["code", text, "--json", *extra])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.output.splitlines() if line.strip()]

    gate = tmp_path / "gate.toml"
    gate.write_text("sentence_model_drop = 0.15\n", encoding="utf-8")
    assert [e["type"] for e in events(one, "--config", str(gate))] == ["ASSAULT"]
    assert "ASSAULT" not in [e["type"] for e in events(two, "--config", str(gate))]
    assert "ASSAULT" in [e["type"] for e in events(two)]  # the default keeps the rules' events


def test_the_model_reads_a_sentence_as_a_reader_sees_it() -> None:
    """Line breaks and a closing quote mark the segmenter left at a sentence's start do not
    change what the model reads."""
    from newsevents.classify.model import prose, shared_model

    clean = "Officers arrested the suspect in the hallway and carried the child to safety."
    messy = '"\n\n' + clean.replace(" in the ", " in\nthe ") + "\n\n"
    assert prose(messy) == clean
    assert prose('"We will not leave," the mayor said.') == '"We will not leave," the mayor said.'
    a, b = shared_model().predict([clean, messy])
    assert a.event == b.event and a.temporal == b.temporal
