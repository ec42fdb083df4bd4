"""Rules around counts that ``quantities`` applies: numbers that are not counts (years, dates,
labels, money, phone and ID numbers), the thing a counted noun is counted as, death tolls, and
the zero counts of "no one was hurt" / "no casualties".

Tables: ``number_labels.tsv``, ``quantity_items.tsv`` (second column), ``quantity_phrases.tsv``.
"""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .tables import read_table

_MONTH_NAMES = frozenset(
    [m.lower() for m in calendar.month_name if m]
    + [m.lower() for m in calendar.month_abbr if m]
    + [m.lower() + "." for m in calendar.month_abbr if m] + ["sept", "sept."])
# Words before a four-digit number that make it a year: "a 2015 agreement", "in 2020".
_YEAR_BEFORE = frozenset({"a", "an", "in", "since", "by", "until", "till", "of", "from",
                          "before", "after", "during", "through", "throughout", "circa"})
_PERCENT = frozenset({"%", "percent", "pct", "per"})


@dataclass(frozen=True)
class Phrase:
    kind: str
    words: str
    item: str | None
    statuses: tuple[str, ...]  # empty = the status comes from the verb
    ref: str


@functools.lru_cache(maxsize=1)
def _labels() -> dict[str, tuple[str, str]]:
    return {row.get(0): (row.get(1), row.ref) for row in read_table("number_labels.tsv")}


@functools.lru_cache(maxsize=1)
def item_aliases() -> dict[str, tuple[str, str]]:
    """Counted thing -> (what it is counted as, table row): "member of family" -> person."""
    return {row.get(0): (row.get(1), row.ref) for row in read_table("quantity_items.tsv")
            if row.get(1)}


@functools.lru_cache(maxsize=1)
def phrases() -> dict[str, dict[str, Phrase]]:
    out: dict[str, dict[str, Phrase]] = {}
    for row in read_table("quantity_phrases.tsv"):
        item = row.get(2)
        statuses = row.get(3)
        phrase = Phrase(row.get(0), row.get(1), None if item in ("", "-") else item,
                        () if statuses in ("", "-") else tuple(statuses.split("|")), row.ref)
        out.setdefault(phrase.kind, {})[phrase.words] = phrase
    return out


def _is_year(tok: Token, item: Token | None) -> bool:
    text = tok.text
    if not (len(text) == 4 and text.isdigit() and 1900 <= int(text) <= 2100):
        return False
    prev = tok.nbor(-1).lower_ if tok.i > 0 else ""
    if prev in _YEAR_BEFORE or tok.ent_type_ == "DATE":
        return True
    # A count above one takes a plural noun: "2015 agreement" is a year, "2015 agreements" a count.
    return item is not None and item.tag_ == "NN"


def not_a_count(doc: Doc | Span, i: int, item: Token | None) -> str | None:
    """Why the number starting at token ``i`` of ``doc`` counts nothing, or None when it may be a
    count. ``item`` is the noun it would count."""
    tok = doc[i]
    whole = tok.doc
    k = tok.i
    prev = whole[k - 1] if k > 0 else None
    nxt = whole[k + 1] if k + 1 < len(whole) else None
    if _is_year(tok, item):
        return "year"
    if tok.text.isdigit() and 1 <= int(tok.text) <= 31 and (
            (nxt is not None and nxt.lower_ in _MONTH_NAMES)
            or (prev is not None and prev.lower_ in _MONTH_NAMES)
            or (k > 1 and prev is not None and prev.lower_ == "of"
                and whole[k - 2].lower_ in _MONTH_NAMES)):
        return "date"
    if len(tok.text) > 1 and tok.text[0] == "0" and tok.text.replace(":", "").isdigit():
        return "code"  # "0800", "06:04": leading zeros belong to codes, phones and times
    if ":" in tok.text:
        return "time"
    if tok.text.isdigit() and ((nxt is not None and nxt.text.isdigit())
                               or (prev is not None and prev.text.isdigit())):
        return "code"  # digit groups side by side: a phone or an ID number
    if "-" in tok.text and sum(part.isdigit() for part in tok.text.split("-")) >= 3:
        return "code"
    if nxt is not None and nxt.lower_ in _PERCENT:
        return "percent"
    if prev is not None and prev.lower_ in _labels():
        kind, _ = _labels()[prev.lower_]
        # "Route 66" names; but "a total of ... number" never precedes a count directly.
        return kind
    if prev is not None and prev.text.endswith(tuple("$€£¥₹")) and not prev.text.isalnum():
        return "currency"
    return None


def counted_as(item_tok: Token, item: str) -> tuple[str, str | None]:
    """What the item is counted as: "members of one family" are people. Returns (item, rule)."""
    aliases = item_aliases()
    if item in aliases:
        return aliases[item][0], f"item:{aliases[item][1]}"
    for prep in item_tok.children:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj":
                key = f"{item} of {obj.lemma_.lower()}"
                if key in aliases:
                    return aliases[key][0], f"item:{aliases[key][1]}"
    return item, None


def toll_for(num_tok: Token) -> Phrase | None:
    """The toll a number is said of: "the death toll rose to 40", "a death toll of 40", "officials
    put the death toll at 40"."""
    tolls = phrases().get("toll", {})
    cur = num_tok
    for _ in range(4):
        candidates = [cur] + [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        for cand in candidates:
            if cand.lemma_.lower() != "toll" or cand is num_tok:
                continue
            mods = [c.lower_ for c in cand.children if c.dep_ in ("compound", "amod")]
            for mod in mods:
                if f"{mod} toll" in tolls:
                    return tolls[f"{mod} toll"]
            return tolls.get("toll")
        if cur.head is cur:
            break
        cur = cur.head
    return None


def zero_phrases(doc: Doc | Span) -> list[tuple[Token, Token, Phrase, str | None]]:
    """(first token, last token, phrase, status or None) for every "no one was hurt" and "no
    casualties" in ``doc``; a None status means the caller reads it from the verb."""
    table = phrases()
    nouns = table.get("zero_noun", {})
    subjects = table.get("zero_subject", {})
    reports = table.get("report", {})
    out: list[tuple[Token, Token, Phrase, str | None]] = []
    tokens = list(doc)
    for n, tok in enumerate(tokens):
        low = tok.lower_
        # "no one", "no-one", "nobody", "none": the verb they are subject of says what did not happen
        words = None
        last = tok
        if low == "no" and n + 1 < len(tokens):
            two = f"no {tokens[n + 1].lower_}"
            three = f"no - {tokens[n + 2].lower_}" if n + 2 < len(tokens) else ""
            if two in subjects:
                words, last = two, tokens[n + 1]
            elif three in subjects and tokens[n + 1].text == "-":
                words, last = three, tokens[n + 2]
        elif low in subjects:
            words = low
        if words is not None:
            head = last if last.dep_ in ("nsubj", "nsubjpass") else tok
            if head.dep_ in ("nsubj", "nsubjpass"):
                out.append((tok, last, subjects[words], None))
            continue
        if low not in ("no", "zero") or tok.dep_ != "det":
            continue
        noun = tok.head
        targets = [noun] + [c for c in noun.children if c.dep_ == "conj"]
        if noun.lemma_.lower() in reports:
            targets = [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of"
                       for o in p.children if o.dep_ == "pobj"]
            targets += [c for t in list(targets) for c in t.children if c.dep_ == "conj"]
        for target in targets:
            lemma = target.lemma_.lower()
            key = lemma
            of = [o for p in target.children if p.dep_ == "prep" and p.lower_ == "of"
                  for o in p.children if o.dep_ == "pobj"]
            if of and f"{lemma} of {of[0].lemma_.lower()}" in nouns:
                key = f"{lemma} of {of[0].lemma_.lower()}"
            if key in nouns:
                phrase = nouns[key]
                for status in phrase.statuses:
                    out.append((tok, of[0] if key != lemma else target, phrase, status))
    return out
