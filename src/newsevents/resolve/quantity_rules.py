"""Rules around counts that ``quantities`` applies: numbers that are not counts (years, dates,
labels, money, phone and ID numbers), the thing a counted noun is counted as, death tolls, and
the zero counts of "no one was hurt" / "no casualties".

Tables: ``number_labels.tsv``, ``quantity_items.tsv`` (second column), ``quantity_phrases.tsv``,
and the lists month, year-before, percent and street of ``count_words.tsv``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..lexicon import count_words
from .tables import read_table


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
    if prev in count_words("year-before") or tok.ent_type_ == "DATE":
        return True
    # A count above one takes a plural noun: "2015 agreement" is a year, "2015 agreements" a count.
    return item is not None and item.tag_ == "NN"


@dataclass(frozen=True)
class _NumberAt:
    """A number token with its neighbours in the whole document and the noun it would count."""

    tok: Token
    prev: Token | None
    nxt: Token | None
    item: Token | None


def _year_number(at: _NumberAt) -> str | None:
    return "year" if _is_year(at.tok, at.item) else None


def _day_of_month(at: _NumberAt) -> str | None:
    """"3 November", "November 3", "the 3rd of November"."""
    tok, prev, nxt = at.tok, at.prev, at.nxt
    if not (tok.text.isdigit() and 1 <= int(tok.text) <= 31):
        return None
    months = count_words("month")
    if (nxt is not None and nxt.lower_ in months) \
            or (prev is not None and prev.lower_ in months) \
            or (tok.i > 1 and prev is not None and prev.lower_ == "of"
                and tok.doc[tok.i - 2].lower_ in months):
        return "date"
    return None


def _zero_led_code(at: _NumberAt) -> str | None:
    """"0800", "06:04": leading zeros belong to codes, phones and times."""
    text = at.tok.text
    return "code" if len(text) > 1 and text[0] == "0" and text.replace(":", "").isdigit() else None


def _clock_time(at: _NumberAt) -> str | None:
    return "time" if ":" in at.tok.text else None


def _digit_groups(at: _NumberAt) -> str | None:
    """Digit groups side by side: a phone or an ID number."""
    if at.tok.text.isdigit() and ((at.nxt is not None and at.nxt.text.isdigit())
                                  or (at.prev is not None and at.prev.text.isdigit())):
        return "code"
    return None


def _dashed_code(at: _NumberAt) -> str | None:
    """"12-345-678", "a 1-6-2 run": three digit groups or more joined by dashes, in one token
    or in several."""
    text = at.tok.text
    if "-" in text and sum(part.isdigit() for part in text.split("-")) >= 3:
        return "code"
    return "code" if _dashed_run(at.tok) >= 3 else None


def _dashed_run(tok: Token) -> int:
    """How many digit groups the dashes around ``tok`` join ("1 - 6 - 2": three)."""
    doc = tok.doc
    first = tok.i
    while first >= 2 and doc[first - 1].text == "-" and doc[first - 2].text.isdigit():
        first -= 2
    last = tok.i
    while last + 2 < len(doc) and doc[last + 1].text == "-" and doc[last + 2].text.isdigit():
        last += 2
    return (last - first) // 2 + 1


def _percent(at: _NumberAt) -> str | None:
    return "percent" if at.nxt is not None and at.nxt.lower_ in count_words("percent") else None


def _labelled_number(at: _NumberAt) -> str | None:
    """"Route 66", "Resolution 2334": the kind of number_labels.tsv's word before it."""
    labels = _labels()
    if at.prev is None or at.prev.lower_ not in labels:
        return None
    kind, _ = labels[at.prev.lower_]
    return kind


def _currency(at: _NumberAt) -> str | None:
    prev = at.prev
    if prev is not None and prev.text.endswith(tuple("$€£¥₹")) and not prev.text.isalnum():
        return "currency"
    return None


def _street_word(tok: Token) -> bool:
    return tok.lower_ in count_words("street") or tok.lower_.rstrip(".") in count_words("street")


def _street_address(at: _NumberAt) -> str | None:
    """"1119 Eighth St.", "10 Downing Street", "the 400 block of Main Street": a number before a
    street's name (capitalised words, ordinals) and the word that ends it is a house number."""
    doc, k = at.tok.doc, at.tok.i
    if at.nxt is not None and at.nxt.lower_ == "block" and k + 2 < len(doc) \
            and doc[k + 2].lower_ == "of":
        return "address"
    for named, tok in enumerate(doc[k + 1:k + 5]):
        if named and _street_word(tok):
            return "address"
        if not (tok.is_title or tok.ent_type_ == "ORDINAL" or tok.text[:1].isdigit()):
            return None
    return None


def _hyphened_measure(at: _NumberAt) -> str | None:
    """"a five-storey building", "a three-day strike": a number joined by a hyphen to the word
    after it measures the noun, it does not count it."""
    doc, k = at.tok.doc, at.tok.i
    if at.nxt is None or at.nxt.text != "-" or k + 2 >= len(doc) or not doc[k + 2].is_alpha:
        return None
    return "measure" if doc[k + 2].pos_ != "NUM" else None


def _age_beside_name(at: _NumberAt) -> str | None:
    """"Demario Jackson, 30, was arrested": a number between commas after a name is an age."""
    tok, prev, nxt = at.tok, at.prev, at.nxt
    if prev is None or nxt is None or prev.text != "," or nxt.text not in (",", ")") \
            or tok.i < 2 or not tok.text.isdigit() or int(tok.text) > 120:
        return None
    return "age" if tok.doc[tok.i - 2].ent_type_ == "PERSON" else None


# Why a number counts nothing, in the order asked: the first that says so names the reason.
_NOT_A_COUNT: tuple[Callable[[_NumberAt], str | None], ...] = (
    _year_number, _day_of_month, _zero_led_code, _clock_time, _digit_groups, _dashed_code,
    _percent, _labelled_number, _currency, _street_address, _hyphened_measure, _age_beside_name)


def not_a_count(doc: Doc | Span, i: int, item: Token | None) -> str | None:
    """Why the number starting at token ``i`` of ``doc`` counts nothing, or None when it may be a
    count. ``item`` is the noun it would count."""
    tok = doc[i]
    whole = tok.doc
    k = tok.i
    at = _NumberAt(tok, whole[k - 1] if k > 0 else None,
                   whole[k + 1] if k + 1 < len(whole) else None, item)
    for rule in _NOT_A_COUNT:
        reason = rule(at)
        if reason is not None:
            return reason
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
        if cur.head.i == cur.i:
            break
        cur = cur.head
    return None


_SUBJECT = ("nsubj", "nsubjpass")
_ZeroPhrase = tuple[Token, Token, Phrase, str | None]


def zero_phrases(doc: Doc | Span) -> list[_ZeroPhrase]:
    """(first token, last token, phrase, status or None) for every "no one was hurt" and "no
    casualties" in ``doc``; a None status means the caller reads it from the verb."""
    table = phrases()
    subjects = table.get("zero_subject", {})
    out: list[_ZeroPhrase] = []
    tokens = list(doc)
    for n, tok in enumerate(tokens):
        low = tok.lower_
        if low not in ("no", "zero") and low not in subjects:
            continue  # (no zero phrase starts here: the cheap test first, on every token)
        found = _zero_subject(tokens, n, subjects)
        out.extend(found if found is not None else _zero_nouns(tok, table))
    return out


def _zero_subject(tokens: list[Token], n: int,
                  subjects: dict[str, Phrase]) -> list[_ZeroPhrase] | None:
    """"no one", "no-one", "nobody", "none" at token ``n``: the verb they are subject of says what
    did not happen (empty when they are no subject); None when no such words stand there."""
    found = _zero_subject_words(tokens, n, subjects)
    if found is None:
        return None
    words, last = found
    tok = tokens[n]
    head = last if last.dep_ in _SUBJECT else tok
    return [(tok, last, subjects[words], None)] if head.dep_ in _SUBJECT else []


def _zero_subject_words(tokens: list[Token], n: int,
                        subjects: dict[str, Phrase]) -> tuple[str, Token] | None:
    """The zero_subject row at token ``n`` and its last token."""
    tok = tokens[n]
    if tok.lower_ == "no" and n + 1 < len(tokens):
        two = f"no {tokens[n + 1].lower_}"
        if two in subjects:
            return two, tokens[n + 1]
        three = f"no - {tokens[n + 2].lower_}" if n + 2 < len(tokens) else ""
        if three in subjects and tokens[n + 1].text == "-":
            return three, tokens[n + 2]
        return None
    return (tok.lower_, tok) if tok.lower_ in subjects else None


def _zero_nouns(det: Token, table: dict[str, dict[str, Phrase]]) -> list[_ZeroPhrase]:
    """"no casualties", "zero deaths", "no reports of injuries": each zero_noun row that the
    determiner ``det`` says none of."""
    if det.lower_ not in ("no", "zero") or det.dep_ != "det":
        return []
    nouns = table.get("zero_noun", {})
    out: list[_ZeroPhrase] = []
    for target in _zero_targets(det.head, table.get("report", {})):
        out.extend(_zero_noun(det, target, nouns))
    return out


def _of_objects(tok: Token) -> list[Token]:
    """The objects of ``tok``'s "of" ("reports of injuries" -> injuries)."""
    return [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children if o.dep_ == "pobj"]


def _zero_targets(noun: Token, reports: dict[str, Phrase]) -> list[Token]:
    """The noun a "no" determines and its conjuncts; after a report word ("no reports of
    injuries") the nouns reported on instead."""
    if noun.lemma_.lower() not in reports:
        return [noun] + [c for c in noun.children if c.dep_ == "conj"]
    targets = _of_objects(noun)
    return targets + [c for t in targets for c in t.children if c.dep_ == "conj"]


def _zero_noun(det: Token, target: Token, nouns: dict[str, Phrase]) -> list[_ZeroPhrase]:
    """One zero per status of the zero_noun row of ``target`` ("death", "member of staff")."""
    lemma = target.lemma_.lower()
    of = _of_objects(target)
    if of and f"{lemma} of {of[0].lemma_.lower()}" in nouns:
        phrase, last = nouns[f"{lemma} of {of[0].lemma_.lower()}"], of[0]
    elif lemma in nouns:
        phrase, last = nouns[lemma], target
    else:
        return []
    return [(det, last, phrase, status) for status in phrase.statuses]
