"""The ``strict_happenings`` setting (off by default): a verb in the simple present outside the
titles, a warning that threatens nothing, the recognition of a fact and an act of will done by
a thing are no events; its
exceptions stay events; off, the rules keep every one of them."""

from __future__ import annotations

import pytest

from newsevents.ingest import document_from_text
from newsevents.options import load_options
from newsevents.pipeline import process_one


def _triggers(text: str, strict: bool) -> list[tuple[str, str]]:
    opts = load_options().replace(min_words=1, strict_happenings=strict)
    result = process_one(document_from_text(text, published="2024-05-06"), opts)
    assert result.rejected is None
    return [(e.type, e.evidence.trigger) for e in result.events]


@pytest.mark.parametrize(("text", "event"), [
    # habitual-present: what a party does as a rule, sells or is like
    ("Docker provides binaries for manual installation of the engine.", ("AID", "provides")),
    ("Island Line does not offer toilet facilities on its replacement buses.",
     ("REJECT", "offer")),
    # recognised-fact: to recognise that something is so acknowledges a fact
    ("Kenya's coach recognized that his team's hopes were slim.", ("SUPPORT", "recognized")),
    # done-by-a-thing: an act of will whose subject is a thing
    ("The new device provided clinicians with quick results.", ("AID", "provided")),
    ("The new law allowed thousands of refugees to stay in the country.",
     ("CONCEDE", "allowed")),
    # forceless-warning: a warning of what may happen, or advice, is no threat
    ("Aid agencies warned on Monday that thousands face famine.", ("THREATEN", "warned")),
    ("Grayling warned on Monday against a one-size-fits-all approach.", ("THREATEN", "warned")),
    ("Officials warned people to stay away from infected areas.", ("THREATEN", "warned")),
])
def test_strict_drops_what_the_default_keeps(text: str, event: tuple[str, str]) -> None:
    assert event in _triggers(text, strict=False)
    assert event not in _triggers(text, strict=True)


@pytest.mark.parametrize(("text", "event"), [
    # a denial, and a statement someone is said to make, are told in the present as they stand
    ("Assange denies the allegations.", ("REJECT", "denies")),
    ("The Palestinians reject the proposed changes, their chief negotiator said.",
     ("REJECT", "reject")),
    # the past is no habit
    ("Police arrested three men in Lagos on Monday.", ("COERCE", "arrested")),
    # a forceful warning is a threat: of what will be done, against a course, of retaliation
    ("The minister warned that Iran would retaliate against any strike.",
     ("THREATEN", "warned")),
    ("He warned Russia against an invasion of Ukraine.", ("THREATEN", "warned")),
    ("The army warned people in the north to move south or risk being targeted.",
     ("THREATEN", "warned")),
    ("The army warned of retaliation if the rebels attacked.", ("THREATEN", "warned")),
    # the recognition of a party is support
    ("Kenya recognized the new government of Somaliland on Monday.", ("SUPPORT", "recognized")),
    # people or a body named by a common noun are parties, not things
    ("The allies offered new talks to Serbia on Monday.", ("AGREE", "offered")),
    ("The donors provided tents to the camp on Monday.", ("AID", "provided")),
    ("The city agreed to pay the families on Monday.", ("AGREE", "agreed")),
])
def test_strict_keeps_events(text: str, event: tuple[str, str]) -> None:
    assert event in _triggers(text, strict=True)


def test_a_headline_tells_its_news_in_the_present() -> None:
    text = ("Police arrest three in Lagos\n\nPolice in Lagos said on Monday they were holding "
            "three men over the theft of a generator.")
    assert ("COERCE", "arrest") in _triggers(text, strict=True)
