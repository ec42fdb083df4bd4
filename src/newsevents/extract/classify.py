"""Paragraph-level boilerplate classification with shallow features.

Two uses: the HTML path only asks "is this paragraph page furniture (a call to action, a photo
credit, a share prompt)?" because trafilatura has already found the article element; the plain-text
path also has to find the article among menus, link lists and footers, so it scores every paragraph
as prose or not and keeps the densest run of prose (see ``body_window``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tables import call_to_action_index, stopwords

# Weak call-to-action words decide only short paragraphs (up to SHORT_WORDS words, and not a
# sentence, or up to TINY_WORDS); longer ones need a strong pattern (a donation appeal in a 60-word
# paragraph still has one), so news prose that happens to say "subscribe" or "Facebook" is kept.
# Past STRONG_MAX_WORDS even a strong pattern is taken for a quotation inside the story.
SHORT_WORDS = 12
STRONG_MAX_WORDS = 150
# A block of boilerplate of one category (an appeal box) spans at most this many paragraphs between
# its two strong markers; everything inside goes with it. Only boxes that carry prose of their own
# count: two "Related:" links around paragraphs do not make those paragraphs a box.
BLOCK_SPAN = 6
BLOCK_CATEGORIES = frozenset({"donation", "newsletter", "subscribe", "notification", "login"})
TINY_WORDS = 6

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|co\.uk)\b|@\w{3,}")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’)\]]*$")


@dataclass(frozen=True)
class Features:
    words: int
    stop_density: float
    ends_sentence: bool
    urlish: bool
    upper_ratio: float
    separators: int  # "|", "•", "·", "»", ">" used as menu separators


@dataclass(frozen=True)
class Verdict:
    reason: str  # "" when kept
    detail: str = ""


def features(text: str) -> Features:
    words = _WORD.findall(text)
    n = len(words)
    stops = sum(1 for w in words if w.lower() in stopwords())
    letters = [c for c in text if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return Features(
        words=n,
        stop_density=stops / n if n else 0.0,
        ends_sentence=bool(_SENTENCE_END.search(text.strip())),
        urlish=bool(_URLISH.search(text)),
        upper_ratio=upper / len(letters) if letters else 0.0,
        separators=sum(text.count(s) for s in ("|", "•", "·", "»", " > ")),
    )


def _scan(text: str, n: int) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """(first strong hit, first weak hit) as (category, matched text). Paragraphs longer than
    STRONG_MAX_WORDS are not scanned: no pattern may decide them."""
    if n > STRONG_MAX_WORDS:
        return None, None
    weak_hit: tuple[str, str] | None = None
    for entry in call_to_action_index().candidates(text.lower()):
        if not entry.strong and (weak_hit is not None or n > SHORT_WORDS):
            continue
        m = entry.pattern.search(text)
        if not m:
            continue
        if entry.strong:
            return (entry.category, m.group(0)), weak_hit
        weak_hit = (entry.category, m.group(0))
    return None, weak_hit


def _decide(text: str, n: int, strong: tuple[str, str] | None,
            weak: tuple[str, str] | None) -> tuple[str, str] | None:
    if strong:
        return strong
    if weak and (n <= TINY_WORDS or not _SENTENCE_END.search(text.strip())):
        return weak
    return None


def call_to_action_category(text: str) -> tuple[str, str] | None:
    """(category, matched text) of the call-to-action pattern that decides ``text``: strong
    patterns up to STRONG_MAX_WORDS words, weak ones only in short non-sentences and tiny labels."""
    n = len(_WORD.findall(text))
    strong, weak = _scan(text, n)
    return _decide(text, n, strong, weak)


def furniture_verdicts(paragraphs: list[str]) -> list[Verdict]:
    """Call-to-action verdict per paragraph, plus the appeal-block rule: paragraphs lying between
    two strongly marked paragraphs of the same category (within BLOCK_SPAN) belong to that box."""
    verdicts: list[Verdict] = []
    strong: list[str | None] = []
    for p in paragraphs:
        n = len(_WORD.findall(p))
        strong_hit, weak_hit = _scan(p, n)
        hit = _decide(p, n, strong_hit, weak_hit)
        verdicts.append(Verdict(f"boilerplate:{hit[0]}", f"matched {hit[1]!r}") if hit else Verdict(""))
        strong.append(strong_hit[0] if strong_hit else None)
    marked = [i for i, c in enumerate(strong) if c]
    for a_pos, a in enumerate(marked):
        for b in marked[a_pos + 1:]:
            if b - a > BLOCK_SPAN:
                break
            if strong[a] != strong[b] or strong[a] not in BLOCK_CATEGORIES:
                continue
            for k in range(a + 1, b):
                if not verdicts[k].reason:
                    verdicts[k] = Verdict(f"boilerplate:{strong[a]}",
                                          f"inside a {strong[a]} block, paragraphs {a + 1}-{b + 1}")
    return verdicts


# Documents whose longer paragraphs (menus left out) have a stopword density below this are not
# English: their paragraphs are judged on length and punctuation alone. English news prose runs
# at 0.35-0.5; German or Spanish text reaches about 0.1 with our English list.
ENGLISH_DOC_STOP_DENSITY = 0.2
_LONG_PARAGRAPH_WORDS = 10


def document_is_english_like(all_features: list[Features]) -> bool:
    long = [f for f in all_features if f.words >= _LONG_PARAGRAPH_WORDS] or all_features
    words = sum(f.words for f in long)
    stops = sum(f.stop_density * f.words for f in long)
    return words > 0 and stops / words >= ENGLISH_DOC_STOP_DENSITY


def prose_score(f: Features, english: bool = True) -> float:
    """Positive for running prose, negative for labels, menus and link lists; roughly in words."""
    if f.words == 0:
        return -1.0
    if f.separators >= 2 or (f.urlish and f.words < 12):
        return -float(f.words) - 2.0
    prose = _english_prose(f) if english else _foreign_prose(f)
    if prose is not None:
        return prose
    if f.upper_ratio > 0.6 and f.words < 10:
        return -3.0
    # Short lines (sub-headings, captions, menu entries) cost a little: a run of them between two
    # stretches of prose is bridged, a long menu is not.
    return -1.5 - 0.1 * f.words


def _english_prose(f: Features) -> float | None:
    """The score of English prose (stopwords, length, a closing stop), or None when it is not."""
    looks_prose = f.stop_density >= 0.22 and f.words >= 8
    if looks_prose and (f.ends_sentence or f.words >= 20):
        return float(f.words)
    if f.words >= 30 and f.stop_density >= 0.15:
        return float(f.words) * 0.5
    if f.words >= 12 and f.stop_density >= 0.15 and f.ends_sentence:
        # a news lead is dense with names and numbers ("Russian drones struck the port of Odesa
        # overnight, killing two people, the regional governor said.": one word in five a
        # stopword); a full sentence of that length is still prose, if less surely
        return float(f.words) * 0.5
    return None


def _foreign_prose(f: Features) -> float | None:
    """Prose of another language is judged on length and punctuation alone."""
    return float(f.words) if f.words >= 10 and (f.ends_sentence or f.words >= 25) else None
