"""Where, when and how many: location, date, quantities and fatalities of one trigger, from the
resolver's mentions inside the trigger's clause."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Token

from ..lexicon import coder_words, count_words, place_words
from ..records import (
    DateMention,
    DateSpan,
    Fatalities,
    Mentions,
    Place,
    PlaceMention,
    Quantity,
    QuantityMention,
)
from ..resolve.place_scan import AREA_AROUND, COMPASS_WORDS
from ..resolve.places import get_gazetteer, region_words
from ..resolve.quantities import PART_OF
from ..resolve.tables import country_name
from . import syntax
from .match import lemma_of
from .tables import Tables

PRECISION_RANK = {"point": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4, "unknown": 5}
CLAUSE_BREAKS = ("ccomp", "advcl", "parataxis", "relcl", "acl")
AIR_SPACE = "air-space"  # the rule of a country placed for the regions over which weapons were stopped


def clause_tokens(t: Token) -> list[Token]:
    """``t`` and its dependents, without embedded clauses of their own (a root verb's "said"
    complement or a coordinated second verb are other events)."""
    out = [t]
    stack = [c for c in t.children]
    while stack:
        c = stack.pop()
        if c.dep_ in CLAUSE_BREAKS or (c.dep_ == "conj" and c.pos_ == "VERB"):
            continue
        out.append(c)
        stack.extend(c.children)
    return sorted(out, key=lambda x: x.i)


def phrase_tokens(g: Token) -> list[Token]:
    """``g``'s noun phrase with its prepositional phrases ("a mosque in Peshawar") but without
    the clauses inside it."""
    out = [g]
    for c in g.children:
        if c.dep_ not in syntax.CLAUSAL:
            out.extend(phrase_tokens(c))
    return out


def adjunct_tokens(t: Token, with_clauses: bool = False) -> list[Token]:
    """The prepositional adjuncts of ``t`` ("in Moscow", "on Friday"), not its arguments; with
    ``with_clauses``, also those of its subjectless participle clauses ("Meeting X in Moscow,")."""
    out: list[Token] = []
    heads = [t]
    if with_clauses:
        heads += [c for c in t.children if c.dep_ in ("advcl", "csubj") and not any(
            g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)]
    for h in heads:
        for c in h.children:
            if c.dep_ == "npadvmod":
                out.append(c)
            elif c.dep_ == "prep":
                out.append(c)
                for g in c.children:
                    if g.dep_ == "pobj":
                        out.extend(phrase_tokens(g))
    return sorted(set(out), key=lambda x: x.i)


class _Spans:
    """The character spans of some words, and their outer bounds: a mention outside the bounds
    (most of an article's mentions, for the words of one clause or sentence) is ruled out
    without a scan of the words."""

    def __init__(self, tokens: Iterable[Token]) -> None:
        self.spans = [(t.idx, t.idx + len(t)) for t in tokens]
        self.low = min((s for s, _ in self.spans), default=0)
        self.high = max((e for _, e in self.spans), default=0)

    def over(self, start: int, end: int) -> bool:
        """Some word overlaps the characters ``start:end``."""
        return start < self.high and end > self.low and \
            any(start < e and end > s for s, e in self.spans)




# Units of distance that say where a place lies from another ("20 km from Goma").
_DISTANCE = frozenset({"km", "kilometres", "kilometers", "kilometre", "kilometer", "miles",
                       "mile", "metres", "meters"})


def _prep_kind(prep: Token, preps: frozenset[str]) -> str | None:
    """What a preposition over a name says of it: "where" (the place of the event), "from"
    (a town the place is told from), "of" (the name belongs to a noun: climb to it) or None."""
    word = prep.lower_
    if word in ("at", "over") and prep.head.pos_ == "ADJ":
        return None  # ("protesters angry at the fall of Goma": what they feel about)
    if word in preps:
        return "where"
    if word == "of" and prep.head.dep_ == "prep" and prep.head.lower_ in preps:
        return "where"  # "outside of Basra"
    if word == "of" and prep.head.lower_ in COMPASS_WORDS:
        return "from"  # "on a road east of Qamishli"
    if word == "from" and any(c.dep_ == "npadvmod" and c.lower_ in _DISTANCE
                              for c in prep.children):
        return "where"  # "about 20 km from the town of Tillaberi"
    if word == "of" and prep.head.pos_ in ("NOUN", "PROPN"):
        return "of"  # "near the town of X", "in a suburb of X"
    return None


def _told_as(t: Token, preps: frozenset[str]) -> str | None:
    """"where" or "from" (``_prep_kind``) for a name's word, climbing its noun phrase."""
    cur = t
    for _ in range(6):
        if cur.dep_ == "pobj":
            kind = _prep_kind(cur.head, preps)
            if kind != "of":
                return kind
            cur = cur.head.head
            continue
        if cur.dep_ not in ("compound", "nmod", "amod", "conj", "appos", "det", "poss"):
            return None
        if cur.dep_ in ("poss", "compound", "nmod") and \
                cur.head.lemma_.lower() in place_words("history-noun"):
            return None  # ("the largest protests in Serbia's recent history": when, not where)
        cur = cur.head
    return None


def places_in(tokens: list[Token], mentions: Mentions, exclude: set[int],
              directional: bool = False) -> list[PlaceMention]:
    """Places named where the clause says the event happened: under a locative preposition
    ("in Poltava region", "at Ukraine"; also "to Moscow" for visits and deployments), or as a
    sentence-opening "In the Bryansk region,"; never the words of an actor. A town the place
    is told from ("east of Qamishli") counts when the clause names no place itself (not in
    "the Tarmiyah district north of Baghdad")."""
    preps = coder_words("locative") | coder_words("directional") if directional \
        else coder_words("locative")
    kinds = {t.i: _told_as(t, preps) for t in tokens if t.i not in exclude}
    for kind in ("where", "from"):
        spans = _Spans([t for t in tokens if kinds.get(t.i) == kind])
        found = [p for p in mentions.places if spans.over(p.start, p.end)]
        if found:
            return found
    return []


def air_space(picked: list[PlaceMention], t: Token) -> list[PlaceMention]:
    """"Russia launched 17 drones, and 14 were destroyed over the Odesa, Mykolaiv and Kharkiv
    regions": the regions over which weapons were stopped in the air are the air space of one
    attack, which ACLED codes once, in their country, not once per region."""
    countries = {p.place.country for p in picked}
    if len(picked) < 2 or len(countries) != 1 or None in countries:
        return picked  # (most triggers: the sentence's words are not read for them)
    over = _Spans([x for c in t.sent if c.dep_ == "prep" and c.lower_ == "over" and
                   _stopped_in_air(c.head) for x in c.subtree])
    if not all(over.over(p.start, p.end) for p in picked):
        return picked
    return [PlaceMention(start=picked[0].start, end=picked[-1].end, rule=AIR_SPACE,
                         place=country_place(picked[0].place.country or ""))]


def country_place(country: str) -> Place:
    """A whole country as an event's place, named as the country table names it, at its centre
    (GeoNames): a state the size of a city (Hong Kong) is placed in that city."""
    name = country_name(country) or country
    return get_gazetteer().country_place(name, country)


def _stopped_in_air(head: Token) -> bool:
    """An interception verb, or its object ("destroyed 30 drones over ...", as parsed)."""
    verb = head.head if head.dep_ == "dobj" else head
    return verb.lemma_.lower() in coder_words("interception-verb")


def places_within(tokens: tuple[Token, ...] | list[Token], mentions: Mentions) -> list[PlaceMention]:
    """Places below country level named inside ``tokens`` (a target: "the Ryazan oil refinery")."""
    spans = _Spans(tokens)
    return [p for p in mentions.places if spans.over(p.start, p.end)
            and p.place.precision not in ("country", "unknown")]


def vague_place(place: Place) -> bool:
    """A sea or a vague region named in passing ("the South China Sea", "the Black Sea", "a
    San Francisco Bay Area train"): no country, and named with "the" or as the area around a
    town, unlike a town the gazetteer does not know."""
    words = place.text.lower().split()
    return not place.country and bool(words) and (words[0] == "the" or words[-1] in AREA_AROUND)


def contains(unit: PlaceMention, other: PlaceMention) -> bool:
    """``unit`` is a region or country ``other`` lies in (the same, told again, counts)."""
    u, o = unit.place, other.place
    if u.precision not in ("country", "admin1", "admin2") or u.country != o.country:
        return False
    return u.precision == "country" or (u.admin1 is not None and u.admin1 == o.admin1)


def _unit_after(unit: PlaceMention, other: PlaceMention, text: str) -> bool:
    """"near Djibo, Soum province", "Pahalgam, Anantnag district": a unit named by a region word
    right after a place and a comma (one the gazetteer does not know, or one it read as a town
    of the same country) is the unit that place lies in."""
    words = unit.place.text.split()
    return unit.place.country in (None, other.place.country) and len(words) > 1 and \
        words[-1].lower() in region_words() and other.end <= unit.start and \
        text[other.end:unit.start].strip() == ","


def _part_of_town(part: PlaceMention, town: PlaceMention, text: str) -> bool:
    """"the Shejaiya neighbourhood of Gaza City": a place the gazetteer does not know, named
    before "<part> of" a known town, lies in that town, which is the place to tell."""
    if part.place.country is not None or town.place.country is None or part.end > town.start:
        return False
    between = text[part.end:town.start].split()
    return _part_of_between(between[:2]) and (len(between) == 2 or (
        len(between) == 3 and between[2].lower() == "the"))


def _part_of_between(words: list[str]) -> bool:
    """The words between two places are "<part of a town> of" ("neighbourhood of", "suburb
    of")."""
    return len(words) == 2 and words[0].lower() in place_words("part-of-town") and \
        words[1].lower() == "of"


def _without_containing_units(picked: list[PlaceMention], text: str) -> list[PlaceMention]:
    """"on the outskirts of Barsalogho, Sanmatenga province, Centre-Nord region", "in Idlib,
    Syria": a place told with the units it lies in is one place, the finest of them ("in
    Poltava, Cherkasy and Kyiv regions" are three)."""
    def rank(m: PlaceMention) -> int:
        return PRECISION_RANK.get(m.place.precision or "unknown", 5)
    return [m for i, m in enumerate(picked) if not any(
        j != i and ((contains(m, o) and (rank(o) < rank(m) or (rank(o) == rank(m) and j < i)))
                    or _unit_after(m, o, text) or _part_of_town(m, o, text)
                    or _town_of_part(m, o, text))
        for j, o in enumerate(picked))]


def _town_of_part(town: PlaceMention, part: PlaceMention, text: str) -> bool:
    """"the Paris suburb of Nanterre": a town named before "<part> of" another place is the
    town that place lies in, not a place of its own."""
    if town.place.country is None or town.place.country != part.place.country or \
            town.end > part.start:
        return False
    return _part_of_between(text[town.end:part.start].split())


def pick_places(found: list[PlaceMention], split: bool, text: str) -> list[PlaceMention]:
    """The most specific places named; all of them when the text lists several of the same
    precision for one happening ("in Poltava, Cherkasy and Kyiv regions") and ``split``, each
    told with the units it lies in only once (``text``: the body, which those units follow)."""
    if not found:
        return []
    best = min(PRECISION_RANK.get(p.place.precision, 5) for p in found)
    if split:  # every named place below country level is its own event
        top = [p for p in found if p.place.precision != "country"] or found
        # ... but not a site no gazetteer knows beside a place it does ("the Baisaran meadow
        # above Pahalgam")
        top = [p for p in top if p.place.precision != "unknown"] or top
        # ... but not a sea or a vague region beside a place of a country ("the Black Sea port
        # of Odesa")
        top = [p for p in top if not vague_place(p.place)] or top
        # ... but not the region around a named town ("Deir al-Balah, in the centre of the
        # Gaza Strip"): per country, the finest precision named
        finest: dict[str | None, int] = {}
        for p in top:
            rank = PRECISION_RANK.get(p.place.precision, 5)
            finest[p.place.country] = min(rank, finest.get(p.place.country, rank))
        top = [p for p in top if PRECISION_RANK.get(p.place.precision, 5) ==
               finest[p.place.country]]
    else:
        top = [p for p in found if PRECISION_RANK.get(p.place.precision, 5) == best]
    uniq: list[PlaceMention] = []
    for p in top:
        if all((q.place.geonameid, q.place.name) != (p.place.geonameid, p.place.name) for q in uniq):
            uniq.append(p)
    return _without_containing_units(uniq, text) if split else uniq[:1]


def dates_in(tokens: list[Token], mentions: Mentions) -> list[DateMention]:
    spans = _Spans(tokens)
    return [d for d in mentions.dates if spans.over(d.start, d.end)]


def published_day(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.datetime.fromisoformat(published).date()
    except ValueError:
        return dt.date.fromisoformat(published[:10])


# Copy is filed some hours after what it reports: a story out at 02:54 in Hong Kong tells of the
# evening before
FILING_LAG = dt.timedelta(hours=6)


def day_at(published: str | None, lon: float | None) -> dt.date | None:
    """The publication day where the story happens: the publication instant, ``FILING_LAG``
    before, read at the solar time of longitude ``lon`` (an hour for every 15 degrees; civil
    zones differ by an hour or so, which matters only near midnight). None when the publication gives no time
    and offset, or the place no longitude: a story filed in Delhi at 10:18 on Wednesday tells
    of Tuesday evening in Washington."""
    if not published or lon is None:
        return None
    try:
        instant = dt.datetime.fromisoformat(published)
    except ValueError:
        return None
    if instant.tzinfo is None or len(published) <= 10:
        return None
    zone = dt.timezone(dt.timedelta(hours=max(-12, min(14, round(lon / 15)))))
    return (instant.astimezone(zone) - FILING_LAG).date()


def default_date(published: dt.date | None) -> DateSpan:
    """No date words: news copy reports the day's happenings, so the publication day (where the
    story happens, when the publication's time and the story's place tell it: ``day_at``; else
    in the publisher's own time zone) is taken, with precision "day" and an empty text."""
    if published is None:
        return DateSpan()
    day = published.isoformat()
    return DateSpan(start=day, end=day, precision="day", text="")




def weekday_ahead(date: DateSpan, modality: str, published: dt.date | None) -> DateSpan:
    """A bare weekday ("on Thursday") resolves to the latest such day on or before publication,
    as past-tense news means; told of a happening still ahead ("are due to meet on Thursday",
    "will vote on Friday"), it is the next such day after publication."""
    words = (date.text or "").lower().split()
    if modality != "future" or published is None or not date.start or date.precision != "day" \
            or not any(w in coder_words("weekday") for w in words) or \
            any(w in ("last", "next", "this", "past") for w in words):
        return date
    start = dt.date.fromisoformat(date.start[:10])
    if start >= published:
        return date
    ahead = (start + dt.timedelta(days=7)).isoformat()
    return replace(date, start=ahead, end=ahead)


def weekend_behind(date: DateSpan, t: Token, published: dt.date | None) -> DateSpan:
    """"This weekend" reads as the coming weekend, but told on a Monday of a happening done
    ("soldiers cleared barricades this weekend", "were arrested this weekend") it is the one
    just past."""
    words = (date.text or "").lower().split()
    if published is None or not date.start or "weekend" not in words or "next" in words \
            or "coming" in words or not syntax.told_as_done(t):
        return date
    start = dt.date.fromisoformat(date.start[:10])
    if start <= published:
        return date
    end = dt.date.fromisoformat((date.end or date.start)[:10])
    week = dt.timedelta(days=7)
    return replace(date, start=(start - week).isoformat(), end=(end - week).isoformat())


def month_day_ahead(date: DateSpan, modality: str, published: dt.date | None) -> DateSpan:
    """A day named by month and day without a year ("is scheduled for Feb. 14" in a November
    story) resolves to the latest such day on or before publication; told of a happening still
    ahead, it is the coming one."""
    text = date.text or ""
    if modality != "future" or published is None or not date.start or date.precision != "day" \
            or re.search(r"\b\d{4}\b", text) or not re.search(r"\d", text):
        return date
    start = dt.date.fromisoformat(date.start[:10])
    end = dt.date.fromisoformat((date.end or date.start)[:10])
    if start >= published:
        return date
    try:
        return replace(date, start=start.replace(year=start.year + 1).isoformat(),
                       end=end.replace(year=end.year + 1).isoformat())
    except ValueError:  # 29 February has no next year's
        return date


def quantities_in(tokens: list[Token], mentions: Mentions, tables: Tables) -> list[Quantity]:
    spans = _Spans(tokens)
    by_offset = {t.idx: t for t in tokens}
    out = []
    for q in mentions.quantities:
        if not spans.over(q.start, q.end) or tables.in_class("terrain", q.quantity.item):
            continue
        quantity = q.quantity
        if quantity.status is None and not _part_of_another(q):
            status = _status_from_verb(q.start, by_offset, tokens, tables, quantity.item or "")
            if status:
                quantity = Quantity(count=quantity.count, item=quantity.item, status=status,
                                    count_high=quantity.count_high, qualifier=quantity.qualifier,
                                    text=quantity.text)
        out.append(quantity)
    return out


def _part_of_another(q: QuantityMention) -> bool:
    """"killing five people, including two children": the resolver's rule ``part-of`` marks a
    count told again as part of another; the verb's status is the whole's, not added to it."""
    return f"+{PART_OF}:" in q.rule


def _status_from_verb(start: int, by_offset: dict[int, Token], tokens: list[Token],
                      tables: Tables, item: str = "") -> str | None:
    """What the governing verb did to the counted items; verbs of attack say so only of
    weapons ("attacked with 112 drones": launched; "shot down two missiles": intercepted)."""
    tok = next((t for t in tokens if t.idx <= start < t.idx + len(t) + 1), None)
    statuses = tables.classes.get("status", {})
    weapon_statuses = tables.classes.get("weapon_status", {})
    is_weapon = bool(item) and tables.in_class("weapon", item.split()[-1])
    cur = tok
    for _ in range(5):
        if cur is None:
            return None
        if cur.pos_ == "VERB" and lemma_of(cur) in statuses:
            return statuses[lemma_of(cur)]
        if cur.pos_ == "VERB" and is_weapon and lemma_of(cur) in weapon_statuses:
            return weapon_statuses[lemma_of(cur)]
        if cur.pos_ == "VERB":
            # the first verb up is the count's own: "no one was killed, but hundreds of
            # families fled" says nothing of the families' death
            return None
        cur = cur.head if cur.head.i != cur.i else None
    return None


def counted_toll(quantities: list[Quantity]) -> Fatalities:
    """The dead and wounded people counted among ``quantities`` (None where nobody is counted);
    animals and land (count_words.tsv's list non-human) are no fatalities."""
    people = [q for q in quantities if _human(q.item)]
    # (a zero count, "no one was killed", is told by ``no_casualties`` of its own sentence's
    # event: as a toll it would go to the first attack within reach, not the one it is said of)
    return Fatalities(killed=sum(q.count for q in people if q.status == "killed") or None,
                      injured=sum(q.count for q in people if q.status == "injured") or None)


def _human(item: str | None) -> bool:
    return not item or item.split()[-1] not in count_words("non-human")


def zero_toll(zero: str | None) -> Fatalities:
    """The zeros a "no casualties" reading (see ``no_casualties``) stands for. "Nobody was hurt"
    says nobody was killed either: news copy tells a death before it tells that the rest were
    unhurt, and a death told anywhere in the sentence is counted first (``fill_missing``)."""
    return Fatalities(killed=0 if zero in ("killed", "injured", "both") else None,
                      injured=0 if zero in ("injured", "both") else None)


def fill_missing(old: Fatalities | None, new: Fatalities) -> Fatalities:
    """``old`` with the counts it lacks taken from ``new``."""
    old = old or Fatalities()
    return Fatalities(killed=old.killed if old.killed is not None else new.killed,
                      injured=old.injured if old.injured is not None else new.injured)


def fatalities(quantities: list[Quantity], sentence: list[Token], tables: Tables) -> Fatalities | None:
    found = fill_missing(counted_toll(quantities), zero_toll(no_casualties(sentence, tables)))
    return None if found == Fatalities() else found


def no_casualties(sentence: list[Token], tables: Tables) -> str | None:
    """"No casualties were reported", "no one was hurt": which counts the text says are zero."""
    words = tables.cues.get("nocasualty", {})
    for t in sentence:
        lem = lemma_of(t)
        if lem in words and any(c.lower_ in ("no", "zero") for c in t.children):
            return words[lem]
        # "nobody was hurt", "none died", "no one was killed" (the parser hangs "no" on "one")
        who = t.head if t.lower_ == "no" and t.head.lower_ == "one" else t
        if t.lower_ in ("no", "nobody", "none") and tables.casualty(who.head.lemma_.lower()):
            return "killed" if who.head.lemma_.lower() in tables.cues.get("killed", {}) else "injured"
    return None


_Mark = tuple[int, Quantity | None, PlaceMention | None]  # offset, and a count or a place there


def counts_by_place(clause: list[Token], picked: list[PlaceMention], quantities: list[Quantity],
                    mentions: Mentions) -> dict[int, list[Quantity]]:
    """"arrested 400 protesters in X and 56 in Y": when every count of a clause that
    lists one place each is followed by its own place, each place gets its own count (the
    elliptical "56" counts the same items as the count before it)."""
    marks = _count_marks(clause, quantities, mentions)
    marks += _elliptical_counts(clause, marks)
    marks += [(p.start, None, p) for p in picked]
    marks.sort(key=lambda m: m[0])
    out: dict[int, list[Quantity]] = {}
    pending: list[Quantity] = []
    for _, q, p in marks:
        if q is not None:
            pending.append(q)
        elif p is not None and pending:
            out[id(p)] = pending
            pending = []
    if pending or len(out) != len(picked):
        return {}  # counts and places do not pair up: every place keeps all counts
    return out


def _count_marks(clause: list[Token], quantities: list[Quantity],
                 mentions: Mentions) -> list[_Mark]:
    """Where in the clause each of the event's counts is told."""
    marks: list[_Mark] = []
    for qm in mentions.quantities:
        if any(x.idx <= qm.start < x.idx + len(x) for x in clause):
            same = next((q for q in quantities if (q.count, q.item) ==
                         (qm.quantity.count, qm.quantity.item)), None)
            if same is not None:
                marks.append((qm.start, same, None))
    return marks


def _elliptical_counts(clause: list[Token], marks: list[_Mark]) -> list[_Mark]:
    """"... 400 protesters in X and 56 in Y": a bare number joined to a count counts the same
    items as the count told before it."""
    covered = {m[0] for m in marks}
    added: list[_Mark] = []
    for x in clause:
        if not (x.like_num and x.dep_ in ("conj", "appos") and x.head.pos_ in ("VERB", "NOUN")
                and x.idx not in covered):
            continue
        prev = [(start, q) for start, q, _ in marks + added if start < x.idx and q is not None]
        if not prev:
            continue
        last = max(prev, key=lambda m: m[0])[1]
        try:
            count = int(x.text.replace(",", ""))
        except ValueError:
            continue
        added.append((x.idx, replace(last, count=count, qualifier=None, text=x.text), None))
    return added
