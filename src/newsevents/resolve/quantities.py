"""Counts in the text, attached to the thing counted and to what happened to it.

"Russia launched three missiles and 48 drones ... One missile and 31 drones were intercepted"
gives (3, missile, launched), (48, drone, launched), (1, missile, intercepted),
(31, drone, intercepted). The number is read from digits or words, the item is the noun the
number counts (singular), and the status comes from the verb that governs that noun
(``quantity_verbs.tsv``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..records import Quantity, QuantityMention
from .actors import singular
from .quantity_rules import counted_as, not_a_count, phrases, toll_for, zero_phrases
from .tables import read_table

# Qualifier words before a number, longest first; the value is the Quantity.qualifier.
QUALIFIERS: tuple[tuple[tuple[str, ...], str | None], ...] = (
    (("a", "total", "of"), None),
    (("at", "least"), "at least"),
    (("more", "than"), "more than"),
    (("up", "to"), "up to"),
    (("as", "many", "as"), "up to"),
    (("no", "fewer", "than"), "at least"),
    (("no", "less", "than"), "at least"),
    (("over",), "more than"),
    (("about",), "about"),
    (("around",), "about"),
    (("some",), "about"),
    (("roughly",), "about"),
    (("approximately",), "about"),
    (("nearly",), "about"),
    (("almost",), "about"),
    (("estimated",), "about"),
    (("an", "estimated"), "about"),
)
# A noun a count cannot count: these make the number a date, an age, a time or a money sum.
NOT_ITEMS = frozenset({"year", "month", "week", "day", "hour", "minute", "second", "percent",
                       "%", "time", "am", "pm", "a.m.", "p.m.", "dollar", "euro", "pound", "cent",
                       "mile", "kilometer", "kilometre", "km", "meter", "metre", "degree", "kg",
                       "ton", "tonne", "point", "other", "type", "kind", "more", "most", "total",
                       "part", "side", "hundred", "thousand", "million", "billion", "dozen",
                       "half", "third", "quarter", "number", "way"})


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
def _verbs() -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = {}
    for row in read_table("quantity_verbs.tsv"):
        out.setdefault(row.get(0), []).append((row.get(1), row.get(2), row.ref))
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
    tokens = doc
    value: float | None = None
    j = i
    words = _numbers()
    while j < len(tokens):
        tok = tokens[j]
        v = number_value(tok.text)
        low = tok.lower_
        if v is not None and value is None:
            value = v
            # "Forty-eight" may come as three tokens: forty, -, eight
            if j + 2 < len(tokens) and tokens[j + 1].text == "-" and v % 10 == 0 and 20 <= v < 100:
                unit = number_value(tokens[j + 2].text)
                if unit is not None and 0 < unit < 10:
                    value = v + unit
                    j += 3
                    continue
        elif low in words and words[low][1] == "scale" and value is not None:
            value *= words[low][0]
        elif low in words and words[low][1] == "scale" and value is None:
            # "hundred people": a scale word alone counts once
            value = words[low][0]
        elif low == "and" and value is not None and j + 1 < len(tokens) \
                and number_value(tokens[j + 1].text) is not None and value >= 100 \
                and tokens[j + 1].lower_ not in ("one", "a"):
            nxt = number_value(tokens[j + 1].text)
            if nxt is not None and nxt < 100:
                value += nxt
                j += 2
                continue
            break
        else:
            break
        j += 1
    if value is None:
        return None
    return round(value), j


def _numbers_in(doc: Doc | Span) -> list[_Num]:
    found: list[_Num] = []
    words = _numbers()
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        low = tok.lower_
        # Vague magnitudes: "thousands of troops", "tens of thousands of people"
        if low in words and words[low][1] == "vague" and i + 1 < n and doc[i + 1].lower_ == "of":
            count, qual = words[low][0], words[low][2]
            start = i
            if i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in words \
                    and words[doc[i - 2].lower_][1] == "vague":
                i += 1
                continue
            if i + 2 < n and doc[i + 2].lower_ in words and words[doc[i + 2].lower_][1] == "vague" \
                    and i + 3 < n and doc[i + 3].lower_ == "of":
                count *= words[doc[i + 2].lower_][0]
                qual = words[doc[i + 2].lower_][2]
                found.append(_Num(start, i + 3, i + 2, count, None, qual, f"vague:{low}"))
                i += 4
                continue
            found.append(_Num(start, i + 1, i, count, None, qual, f"vague:{low}"))
            i += 2
            continue
        # "a child and two women": "a" counts one where its noun is listed with a counted noun.
        if low in ("a", "an") and tok.dep_ == "det" and _listed_with_count(tok.head):
            found.append(_Num(i, i + 1, i, 1, None, None, "number:a+listed"))
            i += 1
            continue
        # Numbers inside money, percent and time expressions count no item; DATE is not excluded
        # here because the small model tags "Forty-eight rockets" as a date: the item filter
        # (NOT_ITEMS, DATE-tagged nouns) drops real dates.
        if not _is_number(tok) or tok.ent_type_ in ("TIME", "MONEY", "PERCENT"):
            i += 1
            continue
        read = _read_number(doc, i)
        if read is None:
            i += 1
            continue
        count, j = read
        high = None
        # Ranges: "20 to 30", "20-30", "between 20 and 30"
        between = i >= 1 and doc[i - 1].lower_ == "between"
        if j + 1 < n and (doc[j].lower_ in ("to", "-", "–", "or") or (between and doc[j].lower_ == "and")) \
                and _is_number(doc[j + 1]):
            other = _read_number(doc, j + 1)
            if other is not None and other[0] > count:
                high, j = other
        if "-" in tok.text and high is None:
            parts = tok.text.split("-")
            if len(parts) == 2 and all(p.isdigit() for p in parts) and int(parts[1]) > int(parts[0]):
                count, high = int(parts[0]), int(parts[1])
        qualifier, start = None, i
        rule = "number"
        for words_q, qual in QUALIFIERS:
            k = len(words_q)
            if i - k >= 0 and tuple(t.lower_ for t in doc[i - k:i]) == words_q \
                    and not (k == 1 and doc[i - 1].dep_ == "prep"):
                qualifier, start = qual, i - k
                rule = "qualifier:" + " ".join(words_q)
                break
        if i >= 1 and doc[i - 1].lower_ == "between" and high is not None:
            start = i - 1
        found.append(_Num(start, j, j - 1, count, high, qualifier, rule))
        i = j
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


def _lemma_candidates(tok: Token) -> list[str]:
    """spaCy's small model tags some participles as adjectives ("were jammed" -> ADJ "jammed");
    try the lemma, then the word with its -ed ending removed."""
    low = tok.lower_
    out = [tok.lemma_.lower(), low]
    if low.endswith("ed"):
        out += [low[:-2], low[:-1], low[:-3]]
    return out


def _to_death(tok: Token) -> bool:
    """"burned them to death", "beaten to death": whatever the verb, the victims died."""
    return any(c.dep_ == "prep" and c.lower_ == "to" and
               any(g.lemma_.lower() == "death" for g in c.children) for c in tok.children)


def _status_word(tok: Token) -> tuple[str, str] | None:
    if tok.pos_ in ("VERB", "AUX") and _to_death(tok):
        return "killed", f"to-death:{tok.lemma_.lower()}"
    verbs = _verbs()
    particles = {c.lower_ for c in tok.children} | (
        {tok.nbor(1).lower_} if tok.i + 1 < len(tok.doc) else set())
    lemmas = _lemma_candidates(tok)
    if lemmas[0] == "shoot" and "down" in particles:
        lemmas.insert(0, "shoot_down")
    elif lemmas[0] == "shoot" and "dead" in particles:
        lemmas.insert(0, "shoot_dead")
    for cand in lemmas:
        for prep_needed, status, ref in verbs.get(cand, []):
            if not prep_needed:
                return status, f"{ref}:{cand}"
    return None


_RESULT_WORDS = frozenset({"dead", "injured", "wounded", "homeless", "displaced"})


def _status_for(item: Token) -> tuple[str, str] | None:
    """Status from the verb governing the counted noun, walking up conjunctions and prepositions:
    "One missile and 31 drones were intercepted", "a total of 83 drones" under "destroyed"."""
    verbs = _verbs()
    # "30 drones launched by Russia": a participle on the noun itself is the most specific.
    for child in item.children:
        if child.dep_ in ("acl", "relcl") and child.i > item.i:
            found = _status_word(child)
            if found is not None:
                return found[0], found[1] + ":participle"
    tok = item
    relation = item.dep_
    for _ in range(6):
        relation = tok.dep_
        if tok.dep_ in ("conj", "appos", "compound", "nummod", "amod") and tok.head is not tok:
            tok = tok.head
            continue
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
            prep = tok.head
            # "a total of 83 drones" climbs to "total"; "over four regions" says where, not
            # what happened to the regions.
            if prep.lower_ == "of" and prep.head.pos_ == "NUM":
                return None  # "18 of 20 missiles": what happened is said of the 18
            if prep.lower_ == "of" and prep.head.pos_ in ("NOUN", "PRON", "ADJ"):
                tok = prep.head
                continue
            return None
        tok = tok.head if tok.head is not tok else tok
        break
    verb = tok
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX", "ADJ"):
            break
        if verb.head is verb:
            break
        verb = verb.head
    # "left 34 people dead", "shot dead 8 villagers": the result word says what happened.
    result_words = [c for c in list(verb.children) + list(item.children)
                    if c.lower_ in _RESULT_WORDS and c.i != item.i
                    and c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "advmod", "amod", "dep")]
    for word in result_words:
        found = _status_word(word)
        if found is not None:
            return found[0], found[1] + ":result"
    candidates = [verb]
    if verb.lemma_ == "be":
        # "14 drones were jammed" parsed as be + adjective complement
        candidates = [c for c in verb.children if c.dep_ in ("acomp", "attr")] + candidates
        # "two women were among the dead": the group they are among says what happened.
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "among":
                for obj in prep.children:
                    found = _status_word(obj) if obj.dep_ == "pobj" else None
                    if found is not None:
                        return found[0], found[1] + ":among"
    # "intercepted and destroyed 83 drones": the first verb of a coordination reads first.
    # ... unless the first verb has an object of its own ("fired tear gas and detained 14").
    # Only for a shared object: "8 were shot down and two drones were jammed" has its own verb.
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and relation in ("dobj", "obj", "pobj") \
            and not any(c.dep_ in ("dobj", "obj") for c in verb.head.children):
        candidates.insert(0, verb.head)
    for v in candidates:
        if v.pos_ in ("VERB", "AUX") and _to_death(v):
            return "killed", f"to-death:{v.lemma_.lower()}"
        lemma = next((c for c in _lemma_candidates(v) if c in verbs), v.lemma_.lower())
        if lemma == "shoot" and any(c.lower_ == "down" for c in v.children):
            lemma = "shoot_down"
        elif lemma == "shoot" and any(c.lower_ == "dead" for c in v.children):
            lemma = "shoot_dead"
        for prep_needed, status, ref in verbs.get(lemma, []):
            if not prep_needed:
                return status, f"{ref}:{lemma}"
            preps = {c.lower_ for c in v.children if c.dep_ in ("prep", "advmod", "prt")}
            if prep_needed in preps:
                return status, f"{ref}:{lemma} {prep_needed}"
    return None


def parse_quantities(doc: Doc | Span) -> list[QuantityMention]:
    """Every count in ``doc`` (a Doc, or a Span such as one sentence) with its item, status and
    qualifier; offsets are the Doc's character offsets (article body offsets in the pipeline).
    "No one was hurt" and "no casualties" give counts of zero people."""
    out: list[QuantityMention] = []
    offset = doc[0].i if isinstance(doc, Span) and len(doc) else 0
    previous: QuantityMention | None = None
    counted_items: set[int] = set()
    for num in _numbers_in(doc):
        item_tok = _item_for(doc, num)
        # Years, dates, labels, codes and sums of money count nothing ("a 2015 peace agreement").
        if not num.rule.startswith("vague") \
                and not_a_count(doc, _first_number_index(doc, num), item_tok) is not None:
            continue
        if item_tok is None:
            # "12 people were killed and more than 40 wounded": the count reuses the item before
            # it in the same sentence, the status comes from the word after it.
            elliptic = _elliptic(doc, num, previous)
            if elliptic is None:
                elliptic = _toll(doc, num)
            if elliptic is None:
                elliptic = _bare(doc, num)
            if elliptic is not None:
                out.append(elliptic)
                previous = elliptic
            continue
        item = _item_text(item_tok)
        if item in NOT_ITEMS or item_tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT"):
            continue
        # "seven members of one family": the family says whose members, it is not counted itself.
        if item_tok.dep_ == "pobj" and item_tok.head.lower_ == "of" \
                and item_tok.head.head.i in counted_items:
            continue
        counted_items.add(item_tok.i)
        item, item_rule = counted_as(item_tok, item)
        status = _status_for(item_tok)
        first = doc[num.start]
        last_tok = item_tok
        start_char = first.idx
        end_char = last_tok.idx + len(last_tok.text)
        text = doc[num.start:item_tok.i - offset + 1].text
        q = Quantity(count=num.count, item=item, status=status[0] if status else None,
                     count_high=num.high, qualifier=num.qualifier, text=text)
        rule = num.rule + (f"+{item_rule}" if item_rule else "") + (f"+{status[1]}" if status else "")
        previous = QuantityMention(start_char, end_char, q, rule)
        out.append(previous)
    out.extend(_zero_counts(doc))
    out.extend(_single_victims(doc, counted_items))
    out.sort(key=lambda m: m.start)
    out.extend(_pronoun_tolls(doc, out))
    out.sort(key=lambda m: m.start)
    return out


def _pronoun_tolls(doc: Doc | Span, found: list[QuantityMention]) -> list[QuantityMention]:
    """"intercepted a vehicle carrying 13 suspected gang members, pulled them out and burned them
    to death": people counted earlier in the sentence, with nothing said of them yet, take what
    the verb of "them" says happened to them."""
    people = {"person", "member", *phrases().get("one", {})}  # the "one" words are persons
    out: list[QuantityMention] = []
    for tok in doc:
        if tok.lower_ != "them" or _role_of(tok) not in _VICTIM_ROLES:
            continue
        status = _status_for(tok)
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
_POSSESSIVES = frozenset({"his", "her", "their"})
# The person undergoes the verb: its object, passive subject, or a prepositional object.
_VICTIM_ROLES = frozenset({"dobj", "nsubjpass", "pobj"})


def _role_of(tok: Token) -> str:
    """The dependency of ``tok``, or of the first conjunct it is coordinated with."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "by":
        return "agent"  # "was shot by a sniper": the doer
    return tok.dep_


def _single_victims(doc: Doc | Span, counted: set[int]) -> list[QuantityMention]:
    """"killing a 64-year-old man": one person, when the governing verb says killed or hurt."""
    words = phrases().get("one", {})
    out: list[QuantityMention] = []
    for tok in doc:
        if tok.i in counted or _role_of(tok) not in _VICTIM_ROLES:
            continue  # "a police officer shot dead a driver": the officer did it
        phrase = words.get(tok.lemma_.lower())
        det = next((c for c in tok.children if c.dep_ == "det" and c.lower_ in ("a", "an")), None)
        if det is None and tok.dep_ == "conj":
            # "shot dead a former combatant and his partner": a second person named with a
            # possessive beside the first is one more
            det = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in _POSSESSIVES),
                       None)
        if phrase is not None and phrase.item is not None and det is not None:
            first, item, rule = det, phrase.item, f"one:{phrase.words}:{phrase.ref}"
        elif tok.ent_type_ == "PERSON" and tok.head.ent_type_ != "PERSON":
            # "killing student coordinator Abu Sayed": a named victim is one person
            first, item, rule = tok.doc[tok.left_edge.i], "person", "one:named"
        else:
            continue
        status = _status_for(tok)
        if status is None or status[0] not in _CASUALTY_STATUSES:
            continue
        q = Quantity(count=1, item=item, status=status[0], text=tok.doc[first.i:tok.i + 1].text)
        out.append(QuantityMention(first.idx, tok.idx + len(tok.text), q, f"{rule}+{status[1]}"))
    return out


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
        item = phrase.item or "person"
        if status is not None:
            found = [(status, "")]
        else:
            # The status comes from the verb the "no one" is subject of, and its coordinated verbs.
            verb = last.head if last.dep_ in ("nsubj", "nsubjpass") else first.head
            found = []
            for v in [verb] + [c for c in verb.children if c.dep_ == "conj"]:
                word = _status_word(v)
                if word is not None and word[0] in ("killed", "injured"):
                    found.append(word)
            if not found:
                continue
            end_tok = max([verb] + [c for c in verb.children if c.dep_ == "conj"], key=lambda t: t.i)
            last = end_tok if end_tok.i > last.i else last
        text_end = last.idx + len(last.text)
        text = first.doc.text[first.idx:text_end]
        for st, ref in found:
            q = Quantity(count=0, item=item, status=st, count_high=None, qualifier=None, text=text)
            out.append(QuantityMention(first.idx, text_end, q, f"zero:{phrase.words}:{phrase.ref}" + (f"+{ref}" if ref else "")))
    return out


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
    status = _status_word(nxt)
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
