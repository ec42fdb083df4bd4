"""The memo that stands in for the attribute ruler and the lemmatizer gives every token the part
of speech, morphology and lemma the two components give it, also where a rule reads a
neighbour ("there is", "gonna", "y'all"), and stays bounded."""

from __future__ import annotations

import spacy

from newsevents import token_attributes
from newsevents.analyse import load_model
from newsevents.options import load_options

TEXTS = [
    "There is a curfew in the city. There's no water, and there were riots on Monday.",
    "\"We ain't gonna leave,\" a resident said. Y'all got ta go, let's go, c'mon.",
    "Police arrested 12 protesters in Tbilisi on Saturday; the interior ministry said they were "
    "detained for disobeying orders.\n\nStaff Reports\n\nThe blotter is as follows:",
    "Rebels shelled the town overnight, killing three civilians, officials said on Sunday.",
]


def _readings(doc: spacy.tokens.Doc) -> list[tuple[str, str, str, str]]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_the_memo_reads_every_token_as_the_components_do() -> None:
    name = load_options().spacy_model
    ours = load_model(name)
    assert token_attributes.NAME in ours.pipe_names
    assert not set(token_attributes.REPLACES) & set(ours.pipe_names)
    theirs = spacy.load(name)
    for _ in range(2):  # the second pass reads everything from the memo
        for ours_doc, theirs_doc in zip(ours.pipe(TEXTS), theirs.pipe(TEXTS), strict=True):
            assert _readings(ours_doc) == _readings(theirs_doc)
    assert ours.get_pipe(token_attributes.NAME).memo


def test_the_pair_words_come_from_the_rules_and_a_longer_rule_is_refused() -> None:
    two = [{"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {}, "index": 0},
           {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {}}]
    assert token_attributes.pair_words(two) == (frozenset({"gon"}), frozenset({"na", "is", "was"}))
    three = [{"patterns": [[{"LOWER": "a"}, {"LOWER": "b"}, {"LOWER": "c"}]], "attrs": {}}]
    assert token_attributes.pair_words(three) is None
    unnamed = [{"patterns": [[{"TAG": "NN"}, {"LOWER": {"REGEX": "^x"}}]], "attrs": {}}]
    assert token_attributes.pair_words(unnamed) is None


def test_the_memo_is_emptied_when_full(monkeypatch) -> None:
    nlp = load_model(load_options().spacy_model)
    memo = nlp.get_pipe(token_attributes.NAME)
    nlp(TEXTS[3])
    monkeypatch.setattr(token_attributes, "MEMO_MAX", 20)
    doc = nlp("Gunmen torched granaries near Kidal, and herders fled eastwards, elders said.")
    assert len(memo.memo) <= len(doc)  # emptied, then filled with this text's readings only
    assert [t.lemma_ for t in doc][:3] == ["gunman", "torch", "granary"]
