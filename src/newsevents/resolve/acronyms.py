"""Acronyms an article defines: "the paramilitary Rapid Support Forces (RSF)".

News spells a body out once, its acronym in brackets after it, and uses the acronym from then
on. The acronym means, in that article, what the words before the bracket mean, whatever else it
may stand for elsewhere ("RSF" is also Reporters Without Borders). The words count as the
acronym's when their capitalised initials are its letters, in order or not (the Azawad
Liberation Front is "FLA" after its French name). Some stories spell the name out and use the
acronym later without the brackets ("the paramilitary Rapid Support Forces shelled the camp ...
The RSF denied ..."): ``spelled_acronyms`` finds those names.
"""

from __future__ import annotations

import re

# Capitalised words (with the small words names hold) right before a bracketed acronym.
_DEFINED = re.compile(
    r"(?P<name>(?:[A-Z][\w'’.-]*\s+(?:(?:of|for|and|the|de|du|la|al)\s+)*){1,7})"
    r"\((?P<acronym>[A-Z][A-Z0-9]{1,5})\)")
_SMALL_WORDS = frozenset({"of", "for", "and", "the", "de", "du", "la", "al"})


def defined_acronyms(text: str) -> dict[str, str]:
    """Acronym -> the name it is defined for in ``text`` (the first definition wins)."""
    out: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        acronym = m.group("acronym")
        name = _name_of(m.group("name").split(), acronym)
        if name is not None:
            out.setdefault(acronym, name)
    return out


def _name_of(words: list[str], acronym: str) -> str | None:
    """The last words before the bracket whose capital initials are the acronym's letters."""
    letters = sorted(ch for ch in acronym if ch.isalpha())
    capitals = [i for i, w in enumerate(words) if w.lower() not in _SMALL_WORDS]
    if len(capitals) < len(letters):
        return None
    start = capitals[len(capitals) - len(letters)]
    if sorted(words[i][0] for i in capitals[-len(letters):]) != letters:
        return None
    return " ".join(words[start:])


# An acronym used on its own: three to five capitals (two-letter ones, "US", "UN", are too
# often other things' initials to bind to a name the article spells).
_USED = re.compile(r"\b[A-Z]{3,5}\b")
_SMALL = r"(?:(?:of|for|and|the|de|du|la|al)\s+)*"


def spelled_acronyms(text: str) -> dict[str, str]:
    """Acronym -> the last name spelled out before its first use whose capitalised words'
    initials are its letters in order ("Rapid Support Forces" before "RSF")."""
    out: dict[str, str] = {}
    for m in _USED.finditer(text):
        acronym = m.group(0)
        if acronym in out:
            continue
        pattern = rf"\s+{_SMALL}".join(rf"{letter}[\w'’-]*" for letter in acronym)
        found = list(re.finditer(rf"\b{pattern}\b", text[:m.start()]))
        if found:
            out[acronym] = found[-1].group(0)
    return out
