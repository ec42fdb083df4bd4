"""Counts in the text, attached to the thing counted and to what happened to it.

"Russia launched three missiles and 48 drones ... One missile and 31 drones were intercepted"
gives (3, missile, launched), (48, drone, launched), (1, missile, intercepted),
(31, drone, intercepted). The number is read from digits or words, the item is the noun the
number counts (singular), and the status comes from the verb that governs that noun
(``quantity_status``, through ``quantity_verbs.tsv``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..lexicon import count_qualifiers, count_words
from ..records import Quantity, QuantityMention
from .actors import singular
from .quantity_rules import Phrase, counted_as, not_a_count, phrases, toll_for, zero_phrases
from .quantity_status import status_for, status_word
from .tables import read_table


@dataclass(frozen=True)
class TotalCheck:
    """Parts of a whole checked against the whole ("48 drones: 31 intercepted, 14 jammed, 3
    diverted" adds up to 48)."""

    item: str
    total: int
    total_status: str | None
    parts: tuple[tuple[str, int], ...]  # (status, count)
    parts_sum: int
    consistent: bool


@functools.lru_cache(maxsize=1)
def _numbers() -> dict[str, tuple[int, str, str | None]]:
    out = {}
    for row in read_table("numbers.tsv"):
        out[row.get(0)] = (int(row.get(1)), row.get(2), row.get(3) or None)
    return out


@functools.lru_cache(maxsize=1)
def _compound_items() -> frozenset[str]:
    return frozenset(row.get(0) for row in read_table("quantity_items.tsv"))


_DIGITS = re.compile(r"^\d{1,3}(?:[,\u202f ]\d{3})+$|^\d+$|^\d+\.\d+$")


@functools.lru_cache(maxsize=1 << 14)  # asked of every token of every story
def number_value(text: str) -> int | float | None:
    """The value of one number token: "10,000", "48", "1.5", "forty-eight", "three"."""
    t = text.lower().replace("\u2009", "").strip()
    if _DIGITS.match(t):
        cleaned = re.sub(r"[,\u202f ]", "", t)
        return float(cleaned) if "." in cleaned else int(cleaned)
    parts = t.split("-")
    words = _numbers()
    if all(p in words and words[p][1] == "unit" for p in parts) and t not in ("a", "an", "no"):
        return sum(words[p][0] for p in parts)
    return None


def _is_number(tok: Token) -> bool:
    if tok.lower_ in ("a", "an", "no", "one") and tok.pos_ == "DET":
        return False
    return number_value(tok.text) is not None or (
        tok.lower_ in _numbers() and _numbers()[tok.lower_][1] == "scale")


@dataclass
class _Num:
    start: int  # token index of the first token (qualifier included)
    end: int  # token index after the last number token
    last: int  # token index of the last number token
    count: int
    high: int | None
    qualifier: str | None
    rule: str


def _read_number(doc: Doc | Span, i: int) -> tuple[int, int] | None:
    """A number starting at token i: returns (value, index after it). Handles "1.5 million",
    "forty-eight", "two hundred thousand"."""
    value: float | None = None
    j = i
    while j < len(doc):
        step = _number_step(doc, j, value)
        if step is None:
            break
        value, j = step
    if value is None:
        return None
    return round(value), j


def _number_step(doc: Doc | Span, j: int, value: float | None) -> tuple[float, int] | None:
    """The number read so far with token ``j`` added, and the token to read next; None when
    token ``j`` is no part of it."""
    tok = doc[j]
    v = number_value(tok.text)
    words = _numbers()
    low = tok.lower_
    if v is not None and value is None:
        return _tens_and_units(doc, j, v)
    if low in words and words[low][1] == "scale":
        # "two hundred", "1.5 million"; "hundred people": a scale word alone counts once
        return (value * words[low][0] if value is not None else words[low][0]), j + 1
    if low == "and" and value is not None:
        return _and_units(doc, j, value)
    return None


def _tens_and_units(doc: Doc | Span, j: int, v: float) -> tuple[float, int]:
    """"Forty-eight" may come as three tokens: forty, -, eight."""
    if j + 2 < len(doc) and doc[j + 1].text == "-" and v % 10 == 0 and 20 <= v < 100:
        unit = number_value(doc[j + 2].text)
        if unit is not None and 0 < unit < 10:
            return v + unit, j + 3
    return v, j + 1


def _and_units(doc: Doc | Span, j: int, value: float) -> tuple[float, int] | None:
    """"two hundred and fifty": the units after a hundred or more."""
    if j + 1 >= len(doc) or value < 100 or doc[j + 1].lower_ in ("one", "a"):
        return None
    nxt = number_value(doc[j + 1].text)
    if nxt is not None and nxt < 100:
        return value + nxt, j + 2
    return None


@functools.lru_cache(maxsize=1)
def _vague_words() -> frozenset[str]:
    return frozenset(word for word, (_value, kind, _qual) in _numbers().items() if kind == "vague")


def _is_vague(word: str) -> bool:
    return word in _vague_words()


_Step = tuple[_Num | None, int]  # the number read at a token (if any), and the token to read next


def _vague_at(doc: Doc | Span, i: int, tok: Token) -> _Step | None:
    """Vague magnitudes: "thousands of troops", "tens of thousands of people"."""
    low = tok.lower_
    n = len(doc)
    if not _is_vague(low) or i + 1 >= n or doc[i + 1].lower_ != "of":
        return None
    if i >= 2 and doc[i - 1].lower_ == "of" and _is_vague(doc[i - 2].lower_):
        return None, i + 1  # "thousands" of "tens of thousands": read with "tens"
    count, _kind, qual = _numbers()[low]
    if i + 3 < n and _is_vague(doc[i + 2].lower_) and doc[i + 3].lower_ == "of":
        outer = _numbers()[doc[i + 2].lower_]
        return _Num(i, i + 3, i + 2, count * outer[0], None, outer[2], f"vague:{low}"), i + 4
    return _Num(i, i + 1, i, count, None, qual, f"vague:{low}"), i + 2


def _listed_a_at(doc: Doc | Span, i: int, tok: Token) -> _Step | None:
    """"a child and two women": "a" counts one where its noun is listed with a counted noun."""
    noun = tok.head
    if tok.lower_ in ("a", "an") and tok.dep_ == "det" and _listed_with_count(noun) \
            and not _told_by(noun) and not any(c.dep_ == "nummod" for c in noun.children):
        return _Num(i, i + 1, i, 1, None, None, "number:a+listed"), i + 1
    return None


def _number_at(doc: Doc | Span, i: int, tok: Token) -> _Step:
    """A number in digits or words, with its range and qualifier. Numbers inside money, percent
    and time expressions count no item; DATE is not excluded here because the small model tags
    "Forty-eight rockets" as a date: the item filter (count_words' not-item list, DATE-tagged
    nouns) drops real dates."""
    if not _is_number(tok) or tok.ent_type_ in ("TIME", "MONEY", "PERCENT"):
        return None, i + 1
    read = _read_number(doc, i)
    if read is None:
        return None, i + 1
    count, high, j = _range_of(doc, i, *read)
    qualifier, start, rule = _qualifier_before(doc, i)
    if i >= 1 and doc[i - 1].lower_ == "between" and high is not None:
        start = i - 1
    return _Num(start, j, j - 1, count, high, qualifier, rule), j


def _range_of(doc: Doc | Span, i: int, count: int, j: int) -> tuple[int, int | None, int]:
    """Ranges: "20 to 30", "20-30", "between 20 and 30": (low, high or None, index after)."""
    between = i >= 1 and doc[i - 1].lower_ == "between"
    high = None
    if j + 1 < len(doc) and (doc[j].lower_ in ("to", "-", "–", "or")
                             or (between and doc[j].lower_ == "and")) and _is_number(doc[j + 1]):
        other = _read_number(doc, j + 1)
        if other is not None and other[0] > count:
            high, j = other
    if high is None:
        hyphened = _hyphen_range(doc[i].text)
        if hyphened is not None:
            count, high = hyphened
    return count, high, j


def _hyphen_range(text: str) -> tuple[int, int] | None:
    """"20-30" written as one token."""
    parts = text.split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts) and int(parts[1]) > int(parts[0]):
        return int(parts[0]), int(parts[1])
    return None


def _qualifier_before(doc: Doc | Span, i: int) -> tuple[str | None, int, str]:
    """(qualifier, first token, rule) of the count_qualifiers.tsv words before token ``i``: the
    first row that matches."""
    for words_q, qual in count_qualifiers():
        k = len(words_q)
        if i - k >= 0 and tuple(t.lower_ for t in doc[i - k:i]) == words_q \
                and not (k == 1 and doc[i - 1].dep_ == "prep"):
            return qual, i - k, "qualifier:" + " ".join(words_q)
    return None, i, "number"


def _numbers_in(doc: Doc | Span) -> list[_Num]:
    """Every number of ``doc`` that may be a count, in text order: vague magnitudes, "a" listed
    with counted nouns, then numbers in digits or words."""
    found: list[_Num] = []
    i = 0
    n = len(doc)
    vague = _vague_words()
    while i < n:
        tok = doc[i]
        low = tok.lower_
        step = None
        if low in vague:
            step = _vague_at(doc, i, tok)
        elif low in ("a", "an"):
            step = _listed_a_at(doc, i, tok)
        num, i = step if step is not None else _number_at(doc, i, tok)
        if num is not None:
            found.append(num)
    return found


def _listed_with_count(noun: Token) -> bool:
    """True when ``noun`` is coordinated with a noun that has a number ("a child and two women")."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return False
    def counted(t: Token) -> bool:
        return any(c.dep_ == "nummod" and c.pos_ == "NUM" for c in t.children)
    conj = [c for c in noun.children if c.dep_ == "conj"]
    if noun.dep_ == "conj":
        conj.append(noun.head)
    return any(counted(c) for c in conj)


def _item_for(doc: Doc | Span, num: _Num) -> Token | None:
    """The noun a number counts: the next noun within a few words ("48 drones", "three aviation
    missiles" -> missiles, "thousands of troops")."""
    n = len(doc)
    offset = doc[0].i if isinstance(doc, Span) and n else 0
    j = num.end
    if j < n and doc[j].lower_ == "of":
        j += 1
        if j < n and doc[j].lower_ in ("the", "these", "those", "its", "their"):
            j += 1  # "23 of the 30 drones"
    limit = min(n, j + 5)
    while j < limit:
        tok = doc[j]
        if tok.pos_ in ("NOUN", "PROPN"):
            head = tok.head.i - offset
            if tok.dep_ == "compound" and j < head < n:
                j = head
                continue
            return tok
        if tok.pos_ in ("ADJ", "NUM", "ADV") or (tok.pos_ == "VERB" and tok.dep_ == "amod") \
                or tok.text in ("-",):
            j += 1
            continue
        break
    return None


def _item_text(tok: Token) -> str:
    """The counted thing in singular form; a modifier is kept only where the pair is a thing of
    its own in quantity_items.tsv ("artillery shell", "air defence system")."""
    base = singular(tok.text)
    if tok.pos_ == "NOUN" and tok.tag_ == "NNS" and tok.lemma_:
        base = tok.lemma_.lower()
    if base == "people":
        base = "person"
    modifiers: list[Token] = []
    stack = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    while stack:
        m = stack.pop()
        modifiers.append(m)
        stack.extend(c for c in m.children if c.dep_ == "compound" and c.i < m.i)
    modifiers.sort(key=lambda t: t.i)
    words = [m.lower_ for m in modifiers]
    for k in range(len(words)):
        full = " ".join(words[k:] + [base])
        if full in _compound_items():
            return full
    return base


def parse_quantities(doc: Doc | Span) -> list[QuantityMention]:
    """Every count in ``doc`` (a Doc, or a Span such as one sentence) with its item, status and
    qualifier; offsets are the Doc's character offsets (article body offsets in the pipeline).
    "No one was hurt" and "no casualties" give counts of zero people."""
    out: list[QuantityMention] = []
    previous: QuantityMention | None = None
    counted_items: set[int] = set()
    for num in _numbers_in(doc):
        mention = _count_of(doc, num, previous, counted_items)
        if mention is not None:
            out.append(mention)
            previous = mention
    out.extend(_zero_counts(doc))
    out.extend(_single_victims(doc, counted_items))
    out.sort(key=lambda m: m.start)
    out.extend(_pronoun_tolls(doc, out))
    out.sort(key=lambda m: m.start)
    return out


def _count_of(doc: Doc | Span, num: _Num, previous: QuantityMention | None,
              counted_items: set[int]) -> QuantityMention | None:
    """The count a number makes, if any; ``counted_items`` gets the noun it counts."""
    item_tok = _item_for(doc, num)
    # Years, dates, labels, codes and sums of money count nothing ("a 2015 peace agreement").
    if not num.rule.startswith("vague") \
            and not_a_count(doc, _first_number_index(doc, num), item_tok) is not None:
        return None
    if item_tok is None:
        return _itemless_count(doc, num, previous)
    return _item_count(doc, num, item_tok, counted_items, previous)


def _itemless_count(doc: Doc | Span, num: _Num,
                    previous: QuantityMention | None) -> QuantityMention | None:
    """A number with no noun after it: "12 people were killed and more than 40 wounded" reuses
    the item before it in the same sentence (the status comes from the word after it), else a
    toll ("the death toll rose to 40"), else people counted by what befell them ("40 dead")."""
    found = _elliptic(doc, num, previous)
    if found is None:
        found = _toll(doc, num)
    if found is None:
        found = _bare(doc, num)
    if found is None:
        found = _casualty_object(doc, num, previous)
    return found


def _item_count(doc: Doc | Span, num: _Num, item_tok: Token, counted_items: set[int],
                previous: QuantityMention | None) -> QuantityMention | None:
    """The count of the noun ``item_tok``, with what it is counted as and what befell it."""
    item = _item_text(item_tok)
    if item in count_words("not-item") \
            or item_tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
        return None
    # "seven members of one family": the family says whose members, it is not counted itself.
    if item_tok.dep_ == "pobj" and item_tok.head.lower_ == "of" \
            and item_tok.head.head.i in counted_items:
        return None
    counted_items.add(item_tok.i)
    same = _same_item(item, item_tok, previous)
    item, item_rule = same if same is not None else counted_as(item_tok, item)
    part = _part_of(item_tok)
    if part is not None:
        item_rule = f"{item_rule}+{part}" if item_rule else part
    status = status_for(_counted_word(doc, num, item_tok))
    offset = doc[0].i if isinstance(doc, Span) and len(doc) else 0
    text = doc[num.start:item_tok.i - offset + 1].text
    q = Quantity(count=num.count, item=item, status=status[0] if status else None,
                 count_high=num.high, qualifier=num.qualifier, text=text)
    rule = num.rule + (f"+{item_rule}" if item_rule else "") + (f"+{status[1]}" if status else "")
    return QuantityMention(doc[num.start].idx, item_tok.idx + len(item_tok.text), q, rule)


def _counted_word(doc: Doc | Span, num: _Num, item_tok: Token) -> Token:
    """The word whose verb says what befell the count: the noun, or the number itself when the
    noun hangs from it by "of" ("one of its soldiers was killed": the "one" was)."""
    number = doc[num.last]
    if item_tok.dep_ == "pobj" and item_tok.head.lower_ == "of" and item_tok.head.head == number:
        return number
    return item_tok


def _same_item(item: str, item_tok: Token,
               previous: QuantityMention | None) -> tuple[str, str] | None:
    """"killed two soldiers and wounded three others": the others are more of the thing counted
    before them in the sentence, else people (count_words.tsv's list same-item)."""
    if item not in count_words("same-item"):
        return None
    if previous is not None and previous.start >= item_tok.sent.start_char \
            and previous.quantity.item:
        return previous.quantity.item, "same-item:previous"
    return "person", "same-item:person"


def _part_of(item_tok: Token) -> str | None:
    """"killing five people, including two children": a count under a part-of preposition
    (count_words.tsv's list part-of) attached to another noun is a part of that count, told
    again, not more of them (the coder leaves it out of the toll by this rule's name)."""
    parts = count_words("part-of")
    prep = item_tok.head
    if item_tok.dep_ == "pobj" and prep.lower_ in parts \
            and prep.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
        return f"{PART_OF}:{prep.lower_}"
    # "nine were injured, among them a 12-year-old girl": whatever the parse makes of it
    left = item_tok.left_edge.i
    doc = item_tok.doc
    if left >= 2 and doc[left - 1].lower_ in ("them", "whom") and doc[left - 2].lower_ in parts:
        return f"{PART_OF}:{doc[left - 2].lower_}+{doc[left - 1].lower_}"
    return None


# The rule name of a count that is a part of another (see ``_part_of``).
PART_OF = "part-of"


def _casualty_object(doc: Doc | Span, num: _Num,
                     previous: QuantityMention | None) -> QuantityMention | None:
    """"killing 7 civilians and injuring 12", "wounded 110", "5 killed as ...": a number with no
    noun that a verb of killing or hurting takes as its object counts people (or the thing
    counted before it in the sentence, when that was killed or hurt too)."""
    tok = doc[num.last]
    if not (tok.dep_ in ("dobj", "obj", "nsubjpass") or _headline_passive(tok)) or _says_none(tok):
        return None
    status = status_word(tok.head)
    if status is None or status[0] not in _CASUALTY_STATUSES or _either_or(tok.head):
        return None
    item = "person"
    if previous is not None and previous.start >= tok.sent.start_char \
            and previous.quantity.status in _CASUALTY_STATUSES and previous.quantity.item:
        item = previous.quantity.item
    q = Quantity(count=num.count, item=item, status=status[0], count_high=num.high,
                 qualifier=num.qualifier, text=doc[num.start:num.end].text)
    return QuantityMention(doc[num.start].idx, tok.idx + len(tok.text), q,
                           f"{num.rule}+casualty-object+{status[1]}")


def _headline_passive(tok: Token) -> bool:
    """"5 killed as gunmen attack bus": a headline leaves out the passive's auxiliary, and the
    parser reads the number as the subject of the participle."""
    verb = tok.head
    return tok.dep_ == "nsubj" and verb.tag_ == "VBN" and tok.i < verb.i and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def _either_or(verb: Token) -> bool:
    """"killing or wounding 50": the count is of both fates together, neither one's toll."""
    first = verb.head if verb.dep_ == "conj" else verb
    return any(c.dep_ == "cc" and c.lower_ == "or" for c in first.children)


def _says_none(tok: Token) -> bool:
    """"No one was killed": the "one" of a zero phrase (``_zero_counts`` counts it) is none."""
    return tok.i > 0 and f"{tok.doc[tok.i - 1].lower_} {tok.lower_}" in phrases().get(
        "zero_subject", {})


def _pronoun_tolls(doc: Doc | Span, found: list[QuantityMention]) -> list[QuantityMention]:
    """"intercepted a vehicle carrying 13 suspected gang members, pulled them out and burned them
    to death": people counted earlier in the sentence, with nothing said of them yet, take what
    the verb of "them" says happened to them."""
    people = {"person", "member", *phrases().get("one", {})}  # the "one" words are persons
    out: list[QuantityMention] = []
    for tok in doc:
        if tok.lower_ != "them" or _role_of(tok) not in _VICTIM_ROLES:
            continue
        status = status_for(tok)
        if status is None or status[0] not in _CASUALTY_STATUSES:
            continue
        sent = tok.sent
        earlier = [m for m in found if sent.start_char <= m.start and m.end <= tok.idx
                   and m.quantity.item in people
                   and m.quantity.status not in _CASUALTY_STATUSES]
        # a sentence whose toll is told already (or told by an earlier "them") is not counted
        # again: "shot them and burned them to death" is one toll
        if not earlier or any(m.quantity.status == status[0] for m in (*found, *out)
                              if sent.start_char <= m.start < sent.end_char):
            continue
        q = replace(earlier[-1].quantity, item="person", status=status[0])
        out.append(QuantityMention(earlier[-1].start, earlier[-1].end, q,
                                   f"{earlier[-1].rule}+pronoun:{status[1]}"))
    return out


_CASUALTY_STATUSES = frozenset({"killed", "injured"})
# The person undergoes the verb: its object, passive subject, or a prepositional object.
_VICTIM_ROLES = frozenset({"dobj", "nsubjpass", "pobj"})


def _role_of(tok: Token) -> str:
    """The dependency of ``tok``, or of the first conjunct it is coordinated with."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "by":
        return "agent"  # "was shot by a sniper": the doer
    return tok.dep_


def _single_victims(doc: Doc | Span, counted: set[int]) -> list[QuantityMention]:
    """"killing a 64-year-old man": one person, when the governing verb says killed or hurt."""
    words = phrases().get("one", {})
    out: list[QuantityMention] = []
    for tok in doc:
        if tok.i in counted or not _undergoes(tok) or _told_by(tok) or _part_of(tok):
            continue  # "a police officer shot dead a driver": the officer did it
        one = _one_person(tok, words) or _one_more(tok)
        status = status_for(tok) if one is not None else None
        if one is None or status is None or status[0] not in _CASUALTY_STATUSES:
            continue
        first, item, rule = one
        q = Quantity(count=1, item=item, status=status[0], text=tok.doc[first.i:tok.i + 1].text)
        out.append(QuantityMention(first.idx, tok.idx + len(tok.text), q, f"{rule}+{status[1]}"))
    return out


def _undergoes(tok: Token) -> bool:
    """``tok`` is the one a verb befalls: its object, passive subject or prepositional object;
    or the subject of a verb of dying ("a man died"), or of a passive whose auxiliary is left
    out ("one soldier was killed and another wounded")."""
    role = _role_of(tok)
    if role in _VICTIM_ROLES:
        return True
    if role != "nsubj":
        return False
    verb = tok.head
    if verb.lemma_.lower() in count_words("victim-subject"):
        return True
    return verb.tag_ == "VBN" and verb.dep_ == "conj" and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


def _told_by(tok: Token) -> bool:
    """"killing 100 people, a security source and a resident said": the nouns right before a
    verb of saying (count_words.tsv's list report-verb) are its speakers, whatever the parse."""
    nxt = tok.right_edge.i + 1
    return nxt < len(tok.doc) and tok.doc[nxt].pos_ == "VERB" \
        and tok.doc[nxt].lemma_.lower() in count_words("report-verb")


def _one_more(tok: Token) -> tuple[Token, str, str] | None:
    """"another (was) wounded", "wounding a third": one more person than those told before."""
    more = count_words("one-more")
    if tok.lower_ not in more:
        return None
    if tok.pos_ == "PRON" or (tok.pos_ in ("NOUN", "ADJ") and any(
            c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)):
        return tok.doc[tok.left_edge.i], "person", f"one-more:{tok.lower_}"
    return None


def _one_person(tok: Token, words: dict[str, Phrase]) -> tuple[Token, str, str] | None:
    """(first token, item, rule) when the noun ``tok`` names one person: "a man", "another man",
    "his partner", a person's name."""
    phrase = words.get(tok.lemma_.lower())
    det = next((c for c in tok.children if c.dep_ == "det"
                and c.lower_ in ("a", "an", *count_words("one-more"))), None)
    if det is None and tok.dep_ == "conj":
        # "shot dead a former combatant and his partner": a second person named with a
        # possessive beside the first is one more
        possessives = count_words("possessive")
        det = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in possessives),
                   None)
    if phrase is not None and phrase.item is not None and det is not None:
        return det, phrase.item, f"one:{phrase.words}:{phrase.ref}"
    if tok.ent_type_ == "PERSON" and tok.head.ent_type_ != "PERSON":
        # "killing student coordinator Abu Sayed": a named victim is one person
        return tok.doc[tok.left_edge.i], "person", "one:named"
    return None


def _first_number_index(doc: Doc | Span, num: _Num) -> int:
    """Index of the first number token of ``num`` (after its qualifier or "between")."""
    i = num.start
    while i < num.last and not _is_number(doc[i]):
        i += 1
    return i


def _toll(doc: Doc | Span, num: _Num) -> QuantityMention | None:
    """"The death toll rose to 40": a count of people said of a toll."""
    tok = doc[num.last]
    phrase = toll_for(tok)
    if phrase is None or phrase.item is None or not phrase.statuses:
        return None
    first = doc[num.start]
    q = Quantity(count=num.count, item=phrase.item, status=phrase.statuses[0],
                 count_high=num.high, qualifier=num.qualifier, text=doc[num.start:num.end].text)
    return QuantityMention(first.idx, tok.idx + len(tok.text), q,
                           f"{num.rule}+toll:{phrase.words}:{phrase.ref}")


def _bare(doc: Doc | Span, num: _Num) -> QuantityMention | None:
    """"leaving at least 40 dead": people counted by what happened to them."""
    n = len(doc)
    if num.end >= n:
        return None
    word = doc[num.end]
    phrase = phrases().get("bare", {}).get(word.lower_)
    if phrase is None or phrase.item is None or not phrase.statuses:
        return None
    first = doc[num.start]
    q = Quantity(count=num.count, item=phrase.item, status=phrase.statuses[0],
                 count_high=num.high, qualifier=num.qualifier, text=doc[num.start:num.end + 1].text)
    return QuantityMention(first.idx, word.idx + len(word.text), q,
                           f"{num.rule}+bare:{phrase.words}:{phrase.ref}")


def _zero_counts(doc: Doc | Span) -> list[QuantityMention]:
    """"No one was hurt", "nobody was killed or injured", "no casualties": counts of zero."""
    out: list[QuantityMention] = []
    for first, last, phrase, status in zero_phrases(doc):
        if status is not None:
            found, end = [(status, "")], last
        else:
            read = _zero_statuses(first, last)
            if read is None:
                continue
            found, end = read
        text_end = end.idx + len(end.text)
        text = first.doc.text[first.idx:text_end]
        for st, ref in found:
            q = Quantity(count=0, item=phrase.item or "person", status=st, count_high=None,
                         qualifier=None, text=text)
            rule = f"zero:{phrase.words}:{phrase.ref}" + (f"+{ref}" if ref else "")
            out.append(QuantityMention(first.idx, text_end, q, rule))
    return out


def _zero_statuses(first: Token, last: Token) -> tuple[list[tuple[str, str]], Token] | None:
    """The casualty statuses of the verb a "no one" is subject of and of its coordinated verbs,
    with the last token of the phrase they make; None when they say no casualty."""
    verb = last.head if last.dep_ in ("nsubj", "nsubjpass") else first.head
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj"]
    found = [word for v in verbs
             if (word := status_word(v)) is not None and word[0] in ("killed", "injured")]
    if not found:
        return None
    end_tok = max(verbs, key=lambda t: t.i)
    return found, end_tok if end_tok.i > last.i else last


def _elliptic(doc: Doc | Span, num: _Num, previous: QuantityMention | None) -> QuantityMention | None:
    if previous is None or num.end >= len(doc):
        return None
    k = num.end
    while k + 1 < len(doc) and doc[k].lower_ in ("were", "was", "are", "is", "have", "has", "had",
                                                   "been", "being", "reportedly", "also"):
        k += 1
    nxt = doc[k]
    if nxt.sent.start != doc[num.start].sent.start or previous.start < nxt.sent.start_char:
        return None
    status = status_word(nxt)
    if status is None:
        return None
    q = Quantity(count=num.count, item=previous.quantity.item, status=status[0],
                 count_high=num.high, qualifier=num.qualifier,
                 text=doc[num.start:k + 1].text)
    return QuantityMention(doc[num.start].idx, nxt.idx + len(nxt.text), q,
                           f"{num.rule}+elliptic+{status[1]}")


def check_totals(quantities: list[QuantityMention] | list[Quantity]) -> list[TotalCheck]:
    """Where a count of items with a status (launched) is followed by counts of the same item
    with other statuses (intercepted, jammed, diverted...), check the parts add up to the whole.

    Parts are counted once per status (the first count of each), so a repeated total does not
    inflate the sum."""
    qs = [q.quantity if isinstance(q, QuantityMention) else q for q in quantities]
    checks: list[TotalCheck] = []
    for i, whole in enumerate(qs):
        if whole.status not in ("launched", "deployed", "fired"):
            continue
        parts: dict[str, int] = {}
        for later in qs[i + 1:]:
            if later.item != whole.item:
                continue
            if later.status == whole.status:
                break
            if later.status and later.status not in parts:
                parts[later.status] = later.count
        if len(parts) < 2:
            continue
        total = sum(parts.values())
        checks.append(TotalCheck(whole.item, whole.count, whole.status, tuple(parts.items()),
                                 total, total == whole.count))
    return checks
