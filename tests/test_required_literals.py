"""The required-literal prefilter of the call-to-action scan (extract/literal_prefix.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.extract.required_literals import required_literals
from newsevents.extract.tables import call_to_action

CASES = [
    (r"\bsubscribe to (?:\S+ ){0,3}newsletters?\b", {"subsc"}),
    (r"^Dear (?:reader|friend)s?", {"dear "}),
    (r"^(?=.{0,30}$)about (?:the )?author\s*$", {"about"}),
    # The longest literals win, wherever they are in the top-level sequence.
    (r"^(?:read|see) (?:more|also)\b", {" more", " also"}),
    (r"don['’]t miss", {"t mis"}),
    (r"^[^.]{0,80}\bgetty images\b", {"getty"}),
    (r"^\d+\s+comments?$", {"comme"}),
    # An optional part is read both ways; a string containing another is redundant.
    (r"^(?:tags?|topics?|filed under)\s*:", {"tag", "topic", "filed"}),
    (r"\((?:ap|afp)(?: images)?\s*/", {"(ap", "(afp"}),
    (r"\bopt-?in\b", {"opt-i", "optin"}),
    (r"^(?:about |posted )?\d+ hours ago", {" hour"}),
    # Nothing usable: a case-sensitive part, literals that are too short.
    (r"(?-i:[A-Z]{3,})\s*$", None),
    (r"\b(?:x|twitter)\b", None),
]


@pytest.mark.parametrize("pattern,expected", CASES)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    got = required_literals(pattern)
    assert (None if got is None else set(got)) == expected


WORDS = ["Subscribe", "to", "our", "newsletter", "read", "more", "Tags:", "(AP", "Photo/",
         "Don’t", "miss", "dear", "reader", "cookies", "share", "this", "story", "the", "mayor"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
def test_literals_never_hide_a_match_of_any_table_row(words: list[str]) -> None:
    text = " ".join(words)
    lowered = text.lower()
    for entry in call_to_action():
        if entry.pattern.search(text) and entry.literals is not None:
            assert any(p in lowered for p in entry.literals), entry.pattern.pattern


def test_most_table_rows_have_literals() -> None:
    # The prefilter only pays when most rows can use it.
    rows = call_to_action()
    assert sum(1 for e in rows if e.literals is not None) >= 0.8 * len(rows)
