"""The ``drop_one_sided`` setting (on by default): in an article, an event the coder can name one
side of only is dropped, except the news itself, parties acting together, ACLED-scope events,
acts done to no one, inquiries and denials; off, or in a short note, the rules keep them all."""

from __future__ import annotations

from newsevents.coder.one_sided import one_sided
from newsevents.ingest import document_from_text
from newsevents.options import load_options
from newsevents.pipeline import process_one
from newsevents.records import Actor, Event, Evidence
from test_coder_support import nlp

# Our own story: six sentences or more, so an article. Its lead names both sides.
STORY = (
    "Police in Lagos arrested two journalists on Monday. "
    "The governor firmly opposes intimidation of reporters by anyone. "
    "The army denied any wrongdoing on Tuesday. "
    "Nigeria and Benin agreed on Tuesday to share patrols on their border. "
    "The police are investigating the complaint. "
    "The union also called for an end to the harassment. "
    "The arrests drew wide attention across the country."
)


def _events(text: str, **settings: object) -> list[tuple[str, str]]:
    opts = load_options().replace(min_words=1, **settings)
    result = process_one(document_from_text(text, published="2024-05-06"), opts)
    assert result.rejected is None
    return [(e.type, e.evidence.trigger) for e in result.events]


def test_one_sided_talk_is_dropped_from_an_article() -> None:
    kept = _events(STORY)
    every = _events(STORY, drop_one_sided=False)
    talk = ("REQUEST", "called")  # the union's call names no one it is addressed to
    assert talk in every
    assert talk not in kept
    assert len(kept) < len(every)


def test_the_news_and_what_needs_no_second_side_stay() -> None:
    kept = _events(STORY)
    assert ("COERCE", "arrested") in kept  # the lead, both sides named
    assert ("REJECT", "denied") in kept  # a denial answers a claim left unnamed
    assert ("AGREE", "agreed") in kept  # parties acting together are both sides
    assert ("ACCUSE", "investigating") in kept  # an inquiry addresses no one


def test_the_lead_is_kept_with_one_side() -> None:
    # the first sentence with an event is the story's news: kept whatever the coder names of it
    text = "The union called on Monday for an end to the harassment of reporters. " + STORY
    assert ("REQUEST", "called") in _events(text)


def test_a_short_note_keeps_the_rules_events() -> None:
    note = ("Police arrested two journalists in Lagos on Monday. The union called for an end "
            "to the harassment.")
    assert ("REQUEST", "called") in _events(note)


def test_an_act_done_to_no_one_needs_no_recipient() -> None:
    """``one_sided`` in plover_types.tsv: a truce declared, troops deployed."""
    text = "The council declared a truce in the capital on Wednesday."
    doc = nlp()(text)

    def event(type_: str) -> Event:
        return Event(event_id="e", article_id="a", type=type_,
                     evidence=Evidence(sentence=text, start=0, end=len(text), trigger="declared"),
                     actor=(Actor(text="The council"),))

    assert not one_sided(event("RETREAT"), doc)
    assert one_sided(event("REQUEST"), doc)


# Our own story again: an article, with acts told as not happening and a demand not to act.
NEGATED = (
    "Police in Lagos arrested two journalists on Monday. "
    "The journalists did not attack anyone, their lawyer said. "
    "The union said there were no protests in the city after the arrests. "
    "The governor should not punish reporters for their work, the union said. "
    "The police are investigating the complaint. "
    "The arrests drew wide attention across the country."
)


def test_an_act_told_as_not_happening_is_dropped_from_an_article() -> None:
    kept = _events(NEGATED)
    every = _events(NEGATED, drop_negated=False)
    assert ("COERCE", "arrested") in kept
    negated = [e for e in every if e not in kept]
    assert negated, every  # the attack and the protests that did not happen
    assert all(t in ("ASSAULT", "PROTEST") for t, _ in negated), negated
