"""One event per happening: the drafts of one article that tell the same happening again (the
lead, then the body; "six people were arrested", then "one of them was arrested at ...") merge
into the first telling, which keeps every telling as a mention and the most specific value of
each field (a place over none, the finer place, a date from the text over the publication day
and the finer of two that overlap,
a party with a country over one without, the counts it lacks).

Two drafts tell one happening when they have the same type, modality and ACLED reading, their
parties do not name different countries, their places and their dates from the text do not
differ, neither is told in a clause its sentence puts before the other ("Clashes erupted after
gunmen killed a commander"), something ties them (both name the place, or both name the day),
they do not introduce
two different individuals as the recipient, by name or age ("X was arrested ...", "Y, 30, was
arrested ..."; "a man" and "a passenger" cannot be told apart; "Demario Jackson" and "Jackson"
are one, whose tellings need only dates that overlap, even a day told from another: "the day
after the shooting"), and
their tolls agree. A toll that
differs is merged only when different sources give it: the event is then ``disputed`` and keeps
the lower toll (ACLED keeps the lowest until corroborated); each source stays in the mentions.
(Sources of one side giving different tolls are most often counting different parts: not merged.)

The engine's repeat rule reads the dates the same way (``dates_contradict``: two spans the text
gives that share no day are two happenings; ``finer_date``: the telling dated more finely is the
main one), and ``tolls.fold_outcome`` folds a second count of the dead with ``dispute_toll``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from ..lexicon import coder_words, mode_acled, plover_types
from ..records import DATE_PRECISIONS, Actor, Fatalities
from ..resolve.date_scan import ANAPHORIC_DAY
from .draft import Draft, take_parties
from .match import lemma_of
from .slots import PRECISION_RANK, vague_place
from .syntax import (
    age,
    ancestors_in_sentence,
    core_tokens,
    definite,
    direct_object,
    is_passive,
    named_person,
    new_subject,
    other_time_clauses,
    own_details,
    passive_subject,
    past_heading,
    subheading,
    subject,
    told_one_before_the_other,
)
from .tables import load_tables


def countries(actors: tuple[Actor, ...]) -> frozenset[str]:
    return frozenset(a.country for a in actors if a.country)


def parties_agree(a: tuple[Actor, ...], b: tuple[Actor, ...]) -> bool:
    """Two sides name the same countries, or one of them names none."""
    ca, cb = countries(a), countries(b)
    return not ca or not cb or ca == cb


def _new_individual(tokens: tuple[Token, ...]) -> str | None:
    """The words of a recipient that introduces one new individual, by a name or an age ("Corey
    Inman", "a male juvenile, 16"); None for a group ("six people"), a reference back ("the man",
    "he") or a bare description ("a man", "a passenger")."""
    tokens = _name_words(tokens)
    heads = [t for t in tokens if t.head not in tokens or t.head.i == t.i]
    if len(heads) != 1 or not tokens:
        return None
    head = heads[0]
    if head.tag_ in ("NNS", "NNPS") or tokens[0].lower_ in coder_words("anaphoric-start") or \
            any(t.like_num and t.dep_ == "nummod" for t in tokens):
        return None
    if not any(t.pos_ == "PROPN" or age(t) is not None for t in tokens):
        return None  # "a man", "a passenger": one person told of twice cannot be told apart
    return " ".join(t.lower_ for t in tokens)


def anchored(a: Draft, b: Draft) -> bool:
    """Something positive ties two tellings together: the same town or region, the same day
    named, the same act told again of a party the later telling refers back to ("A second
    suspect turned himself in Monday", then "The man turned himself in at 1:36 p.m."), or done
    to one named person ("arrested Webb", "Officers arrested Webb in the hallway")."""
    if a.place is not None and b.place is not None and "country" not in (
            a.place.place.precision, b.place.place.precision):
        return True  # (and they agree: checked before); a whole country ties nothing
    return (a.date_from_text and b.date_from_text) or _told_again_of(a, b) or \
        same_named_person(a, b) or _same_count_told_again(a, b)


def _told_again_of(a: Draft, b: Draft) -> bool:
    if a.token.doc is not b.token.doc or a.token.lemma_ != b.token.lemma_:
        return False
    later = b if b.token.i > a.token.i else a
    tokens = later.recipient_tokens
    return bool(tokens) and tokens[0].lower_ in coder_words("anaphoric-start")


def _count_of_object(t: Token) -> str | None:
    obj = direct_object(t) if t.pos_ == "VERB" else None
    if obj is None:
        return None
    return next((c.lower_ for c in obj.children if c.dep_ == "nummod"), None)


def _same_count_told_again(a: Draft, b: Draft) -> bool:
    """"after Turkish forces shot down two Syrian government warplanes", then "On Sunday it
    shot down two Syrian planes": the same act, by the same side, to the same number of
    things (the parties agree: checked before) is one act told twice."""
    if a.token.doc is not b.token.doc or a.token.lemma_ != b.token.lemma_:
        return False
    count = _count_of_object(a.token)
    return count is not None and count == _count_of_object(b.token)


def _places_agree(a: Draft, b: Draft) -> bool:
    if a.place is None or b.place is None:
        return True
    pa, pb = a.place.place, b.place.place
    if vague_place(pa) or vague_place(pb):
        return True  # "on a San Francisco Bay Area train": says no more than no place
    if (pa.geonameid, pa.name) == (pb.geonameid, pb.name):
        return True
    # "in Syria" and "in Idlib" may tell one place; a region and a town in it do not ("strikes
    # across the Gaza Strip killed 23", "a strike on a house in Deir al-Balah": the town's is one
    # of the region's happenings)
    return pa.country == pb.country and "country" in (pa.precision, pb.precision)


def _dates_agree(a: Draft, b: Draft) -> bool:
    """The texts give one date, or none; of one named person, dates that overlap ("last week",
    "the day after the April 8 shooting")."""
    if same_named_person(a, b):
        return not dates_contradict(a, b)
    return not (a.date_from_text and b.date_from_text and a.date.start != b.date.start)


def _span(d: Draft) -> tuple[str, str] | None:
    start, end = d.date.start, d.date.end or d.date.start
    return (start[:10], end[:10]) if start and end else None


def dates_contradict(a: Draft, b: Draft) -> bool:
    """Both texts date their telling, and the spans share no day ("on Monday" and "on
    Wednesday"; not "last week" and "on April 8", which falls in it): two happenings."""
    sa, sb = _span(a), _span(b)
    if not (a.date_from_text and b.date_from_text and sa and sb):
        return False
    return sa[1] < sb[0] or sb[1] < sa[0]


def _date_rank(d: Draft) -> int:
    """How finely the text dates the telling (0: a day)."""
    precision = d.date.precision
    return DATE_PRECISIONS.index(precision) if precision in DATE_PRECISIONS else len(
        DATE_PRECISIONS)


def finer_date(a: Draft, b: Draft) -> bool:
    """Both texts date the happening, ``a``'s more finely than ``b``'s ("on April 8" over
    "last week"). (A telling the text does not date may be of another happening of the type:
    "Israel denies targeting civilians", then "Israel has blocked aid since 2 March".)"""
    return a.date_from_text and b.date_from_text and _date_rank(a) < _date_rank(b)


def _tolls(a: Draft, b: Draft) -> str:
    """"same" when the tolls do not conflict, "disputed" when sources of different countries
    give different tolls, "different" otherwise (two tolls told by one side: two counts)."""
    if not tolls_clash(a.fatalities, b.fatalities):
        return "same"
    sides = [x.attribution.source_actor.country if x.attribution.source_actor else None
             for x in (a, b)]
    return "disputed" if all(sides) and sides[0] != sides[1] else "different"


def _comparable(a: Draft, b: Draft, need_anchor: bool) -> bool:
    """Two drafts of one type, modality reading and ACLED reading (a headline tells a past
    happening in the present, "Man stabbed on train": its factual reading yields to the body's
    background one)."""
    modality_ok = a.modality == b.modality or ({a.modality, b.modality} == {
        "factual", "historical"} and (not need_anchor or _undated_retelling(a, b)))
    return a.type == b.type and modality_ok and (a.acled_code == "disrupt") == (
        b.acled_code == "disrupt") and a.token != b.token and not (
            need_anchor and battle_and_remote(a, b)) and not two_acts(a, b)
    # (a headline tells the whole story)


def two_acts(a: Draft, b: Draft) -> bool:
    """"called in the army ... and suspended mobile internet", "arrested 400 protesters": an
    arrest and a restriction are two acts of coercion, where two tellings of one attack may
    name two weapons; "a jury convicted Webb" and "Webb was sentenced" are two steps of a
    court, each told by a verb of its own."""
    if a.type == "SANCTION" and a.token.pos_ == b.token.pos_ == "VERB":
        return lemma_of(a.token) != lemma_of(b.token)
    return a.type == "COERCE" and bool(a.mode) and bool(b.mode) and a.mode != b.mode


# ACLED's event types of fighting face to face and of striking from afar
_BATTLE, _REMOTE = "Battles", "Explosions/Remote violence"


def battle_and_remote(a: Draft, b: Draft) -> bool:
    """"troops battled inside the town", then "jets bombed rebel positions during the battle":
    a strike from afar and a battle, each told by a verb of its own, are two happenings (ACLED
    codes each), however close ("fighting raged" after a shelling may be the shelling's
    fighting told as a whole)."""
    return a.token.pos_ == b.token.pos_ == "VERB" and \
        {_acled_type(a), _acled_type(b)} == {_BATTLE, _REMOTE}


def _acled_type(d: Draft) -> str | None:
    """The ACLED event type of the draft's code, or of its weapon's mode when the code is to be
    derived ("*"); a taking of ground ("*territory") is a battle, whichever side takes it."""
    code = mode_acled().get(d.mode or "") if d.acled_code == "*" else d.acled_code
    if code == "*territory":
        code = "gov_regain"
    found = load_tables().acled.get(code or "-")
    return found[0] if found else None


def _undated_retelling(a: Draft, b: Draft) -> bool:
    """"the July 21 shooting of Nurudeen Thomas", then "Thomas was found fatally wounded": a
    telling the text gives no date of its own, done to the person a dated background telling
    names, is that happening told again (its factual reading only lacks the date)."""
    factual = a if a.modality == "factual" else b
    return not factual.date_from_text and same_named_person(a, b)


def _patient(d: Draft) -> tuple[Token, ...]:
    """The words of whom the act is done to: the recipient's, else (a party the dictionaries
    cannot read, "A male juvenile, 16, was arrested") the trigger's object phrase."""
    if d.recipient_tokens or d.token.pos_ != "VERB":
        return d.recipient_tokens
    obj = direct_object(d.token)
    return tuple(core_tokens(past_heading(obj))) if obj is not None else ()


def two_individuals(a: Draft, b: Draft) -> bool:
    """"X was arrested ...", "Y was arrested ...": one arrest each ("Demario Aundre Jackson"
    and "Jackson" are one)."""
    pa, pb = _new_individual(_patient(a)), _new_individual(_patient(b))
    return bool(pa and pb and pa != pb) and not same_named_person(a, b)


# Entity labels of names that are no person ("Kyiv", "Hamas").
_NOT_PERSONS = frozenset({"GPE", "LOC", "FAC", "NORP", "ORG"})


def same_named_person(a: Draft, b: Draft) -> bool:
    """Both tellings name one person as whom the act was done to: the shorter name is the end
    of the longer ("Jackson", "Demario Aundre Jackson")."""
    patients = sorted((_patient(d) for d in (a, b)),
                      key=lambda p: sum(t.pos_ == "PROPN" for t in p))
    names = [[t.lower_ for t in p if t.pos_ == "PROPN"] for p in patients]
    if not all(names) or names[1][-len(names[0]):] != names[0]:
        return False
    short, long_ = patients
    # the parser may read a bare surname that is also a town as a place ("Medina had been
    # arrested"): the longer telling, read as a person's full name, says who it is
    full_person = len(names[1]) > len(names[0]) and all(
        t.ent_type_ == "PERSON" for t in long_ if t.pos_ == "PROPN")
    return not any(t.ent_type_ in _NOT_PERSONS for t in long_) and (
        full_person or not any(t.ent_type_ in _NOT_PERSONS for t in short))


def names_lead_individual(first: Draft, later: Draft) -> bool:
    """The story's first paragraph introduces its recipient by a description ("Marshals have
    arrested a university football player ...") or counts them ("Police arrested six people
    Monday"), and a later telling names one person ("agents took Dijon Williams into custody at
    a Lawrenceville home Monday"): news names in the body whom the lead describes, so the two
    may tell one happening though nothing else ties them yet (the lead's place comes from the
    dateline, later)."""
    if first.paragraph != 0 or later.paragraph == 0:
        return False
    named, described = later.recipient_tokens, _patient(first)
    ages = {_age(named), _age(described)}
    return (_indefinite(described) or _counted_group(described)) and \
        _new_individual(named) is not None and _a_person(_name_words(named)) and \
        (None in ages or len(ages) == 1)  # "A male juvenile, 15," is not "Corey Madsen, 41,"


def _age(tokens: tuple[Token, ...]) -> str | None:
    """The age a phrase gives its person ("Darnell Weeks, 52,")."""
    return next((a for t in tokens if (a := age(t)) is not None), None)


def _a_person(tokens: tuple[Token, ...]) -> bool:
    """A proper name of a person, every word of it a name (``syntax.named_person``)."""
    return bool(tokens) and all(t.pos_ == "PROPN" for t in tokens) and any(
        named_person(t) for t in tokens)


def _region_holds(a: Draft, b: Draft) -> bool:
    """The places agree, or one is the region the other's town is in (the lead's "Marshals in
    Georgia", the body's "a Lawrenceville home")."""
    if a.place is None or b.place is None or _places_agree(a, b):
        return True
    pa, pb = a.place.place, b.place.place
    region, town = (pa, pb) if pa.precision == "admin1" else (pb, pa)
    return region.precision == "admin1" and region.country == town.country and \
        region.admin1 is not None and region.admin1 == town.admin1


def _without_place(d: Draft) -> Draft:
    return replace(d, place=None)


def _indefinite(tokens: tuple[Token, ...]) -> bool:
    """The phrase is (or modifies) a noun with "a" or "an": "a Georgetown University football
    player" (whose mention may be only "Georgetown University")."""
    if not tokens:
        return False
    head = next((t for t in tokens if t.head.i == t.i or t.head not in tokens), tokens[0])
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i != head.i:
        head = head.head
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)


def _name_words(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """The name a recipient phrase starts with, without what follows it ("Elizabeth A. Burton,
    32, of 1119 Eighth St." is "Elizabeth A. Burton")."""
    end = next((i for i, t in enumerate(tokens) if t.pos_ != "PROPN"), len(tokens))
    return tokens[:end] if end else tokens


def _counted_group(tokens: tuple[Token, ...]) -> bool:
    """A number of people the lead counts ("Police arrested six people Monday"): the body names
    them one by one, and its first named telling is the lead's."""
    if not tokens:
        return False
    head = next((t for t in tokens if t.head.i == t.i or t.head not in tokens), tokens[0])
    return head.tag_ == "NNS" and any(c.dep_ == "nummod" for c in head.children)


def _one_of_many(first: Draft, later: Draft) -> bool:
    """"Russia attacked with 112 drones ... In Kharkiv, a drone struck a building": the later
    telling brings in as a new one ("a", "another") one of a number the first counted."""
    subj = new_subject(later.token)
    if subj is None:
        return False
    kind = lemma_of(subj)
    return any(q.count is not None and q.count > 1 and q.item == kind for q in first.quantities)


def same_happening(a: Draft, b: Draft, need_anchor: bool = True) -> bool:
    """``a`` and ``b`` tell one happening (see the module doc); ``need_anchor=False`` drops the
    need for a shared town or day (a headline tells the story's own happening)."""
    if not _comparable(a, b, need_anchor):
        return False
    if not (parties_agree(a.actor, b.actor) and parties_agree(a.recipient, b.recipient)):
        return False
    if any(ANAPHORIC_DAY.fullmatch(d.date.text.strip()) for d in (a, b)) and \
            not same_named_person(a, b):
        return False  # "The same day, gunmen ...": the telling of another happening of that day
    if need_anchor and two_individuals(a, b):  # (a headline's "Man" is the body's "a man")
        return False
    if a.token.doc is b.token.doc and (told_as_next(a) or told_as_next(b)):
        return False  # "Iwaya later met Premier Li Qiang": a meeting after the one told before
    if a.token.doc is b.token.doc and told_one_before_the_other(a.token, b.token):
        return False
    if a.token.doc is b.token.doc and _one_of_many(*sorted((a, b), key=lambda d: d.token.i)):
        return False
    return _places_agree(a, b) and _dates_agree(a, b) and _tolls(a, b) != "different" and (
        not need_anchor or anchored(a, b))


# Nouns of what follows a happening: "in the wake of X", "in the aftermath of X".
_AFTER_NOUNS = frozenset({"wake", "aftermath"})


def at_another_time(t: Token) -> bool:
    """"youths set cars on fire following the fatal police shooting of a teenager", "as the
    nation faces a reckoning in the wake of the police killing of George Floyd": a trigger that
    a preposition of time (or "in the wake of") puts before the act of its sentence is another
    happening."""
    if t.dep_ != "pobj":
        return False
    prep = t.head
    return prep.lower_ in coder_words("other-time-mark") or (
        prep.lower_ == "of" and prep.head.lower_ in _AFTER_NOUNS)


def told_as_next(d: Draft) -> bool:
    """The trigger is told as what came after ("later met", "subsequently arrested"), or a
    statement as one more ("also called on", "further urged"); not after the verb it is joined
    to in its own sentence ("conducted a traffic stop and later arrested X": later than the
    stop, which may be the happening told before)."""
    t = d.token
    if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX") and t.head.i < t.i:
        return False
    statement = d.type in plover_types("verbal")
    return any(c.dep_ == "advmod" and (c.lower_ in coder_words("next-mark") or (
        statement and c.lower_ in coder_words("more-mark"))) for c in t.children)


def _finer_place(keep: Draft, other: Draft) -> bool:
    if other.place is None:
        return False
    return keep.place is None or PRECISION_RANK.get(
        other.place.place.precision or "unknown", 5) < PRECISION_RANK.get(
        keep.place.place.precision or "unknown", 5)


def _take_toll(keep: Draft, other: Draft) -> None:
    """Tolls from different sides that differ: the lower one, ``disputed``; else the killed
    and injured ``keep`` lacks."""
    if _tolls(keep, other) == "disputed":
        dispute_toll(keep, other)
    elif other.fatalities is not None:
        old = keep.fatalities or Fatalities()
        new = other.fatalities
        keep.fatalities = Fatalities(
            killed=old.killed if old.killed is not None else new.killed,
            injured=old.injured if old.injured is not None else new.injured)


def absorb(keep: Draft, other: Draft, rule: str = "same-happening") -> None:
    """``keep`` takes from ``other`` what it lacks or what ``other`` knows more precisely."""
    if rule.endswith("front"):
        _absorb_front(keep, other, rule)
        return
    take_parties(keep, other)
    if _finer_place(keep, other):
        keep.place = other.place
    if other.token.sent == keep.token.sent and \
            other.token.i in other_time_clauses(keep.token):
        pass  # "marches in Mendoza, where staff have held strikes since August": not its date
    elif other.modality == "future" and keep.modality != "future":
        pass  # "a lockdown that will come into force later this week": when it starts, not the order
    elif (not keep.date_from_text and other.date_from_text) or (
            keep.date_from_text and other.date_from_text and not dates_contradict(keep, other)
            and _date_rank(other) < _date_rank(keep)):
        keep.date, keep.date_from_text = other.date, True  # the finer date of the two
    _take_toll(keep, other)
    # new lists: drafts split per place share their lists with their siblings
    keep.quantities = [*keep.quantities, *(q for q in other.quantities
                                           if q not in keep.quantities)]
    tell(keep, other, rule)


def _absorb_front(keep: Draft, other: Draft, rule: str) -> None:
    """A headline's words are few and its parties and places read without context: the body's
    telling takes from it only what it lacks (a party, a place, a toll)."""
    if not keep.actor and other.actor:
        keep.actor, keep.actor_tokens = other.actor, other.actor_tokens
    if not keep.recipient and other.recipient:
        keep.recipient, keep.recipient_tokens = other.recipient, other.recipient_tokens
    if keep.place is None and other.place is not None:
        keep.place = other.place
    keep.fatalities = keep.fatalities or other.fatalities
    tell(keep, other, rule)


def tell(keep: Draft, other: Draft, rule: str) -> None:
    """``other`` is one more telling of ``keep``'s happening: a mention of it."""
    keep.told = [*keep.told, *(t for t in [other.token, *other.told] if t not in keep.told)]
    keep.rules = [*keep.rules, f"{rule}:{other.row.rule}"]


def tolls_clash(a: Fatalities | None, b: Fatalities | None) -> bool:
    """Both tolls give the killed (or the injured), and the numbers differ."""
    fa, fb = a or Fatalities(), b or Fatalities()
    return any(x is not None and y is not None and x != y
               for x, y in ((fa.killed, fb.killed), (fa.injured, fb.injured)))


def dispute_toll(keep: Draft, other: Draft) -> None:
    """``other`` gives ``keep``'s happening another toll: ``keep`` keeps the lower one (ACLED
    keeps the lowest until it is corroborated) and is ``disputed``; ``other``'s telling, with
    its source, stays as a mention (``tell``)."""
    keep.fatalities = _lower_toll(keep.fatalities, other.fatalities)
    keep.attribution = replace(keep.attribution, stance="disputed")
    keep.rules.append("disputed-toll")


def _lower_toll(a: Fatalities | None, b: Fatalities | None) -> Fatalities:
    a, b = a or Fatalities(), b or Fatalities()

    def low(x: int | None, y: int | None) -> int | None:
        return min(v for v in (x, y) if v is not None) if x is not None or y is not None else None

    return Fatalities(killed=low(a.killed, b.killed), injured=low(a.injured, b.injured))


def merge_happenings(drafts: list[Draft]) -> list[Draft]:
    """Fold every later telling of a happening into its first telling (see module doc); a
    definite event noun with nothing of its own refers back to the latest earlier telling
    (``_told_before``); a telling that names whom the lead only described takes the lead's
    place as the main one (``names_lead_individual``: its words name the person, and often the
    day and the town), as does the telling in the paragraph under a subheading (``_titles``) and
    one told in a main clause where the first told it in passing (``_in_passing``)."""
    out: list[Draft] = []
    for d in drafts:
        sub = next((o for o in out if _titles(o, d)), None)
        if sub is not None:
            absorb(d, sub, rule="subheading")
            out[out.index(sub)] = d
            continue
        first = next((o for o in out if same_happening(o, d)), None)
        if first is not None and ((_in_passing(first) and not _in_passing(d))
                                  or _names_sides_first_did_not(d, first)):
            absorb(d, first)
            out[out.index(first)] = d
            continue
        if first is not None:
            absorb(first, d)
            continue
        told = _told_before(d, out)
        if told is not None:
            tell(told, d, "refers-back")
            continue
        lead = next((o for o in out if names_lead_individual(o, d) and _region_holds(o, d)
                     and same_happening(_without_place(o), d, need_anchor=False)), None)
        if lead is None:
            out.append(d)
        else:
            absorb(d, lead, rule="names-lead")
            out[out.index(lead)] = d
    return _told_later(out)


def _told_later(out: list[Draft]) -> list[Draft]:
    """"The Chronicle says he was arrested a block away", told first (a live blog puts its
    newest entry on top), and "transit officers were able to apprehend a suspect" below it: an
    act done to a pronoun that no earlier telling names is the next telling of that act."""
    kept: list[Draft] = []
    for i, d in enumerate(out):
        later = next((o for o in out[i + 1:] if o.type == d.type and o.modality == d.modality
                      and o.token.doc is d.token.doc and o.token.i > d.token.i), None) \
            if d.token.pos_ == "VERB" and _done_to_someone_named_before(d) else None
        if later is None:
            kept.append(d)
        else:
            tell(later, d, "refers-on")
    return kept


# The words of a clause that tells another act's time or cause: "when", "after" ("traded threats
# after Turkish forces shot down two planes").
_PASSING_MARKS = frozenset({"when", "after"})


def _names_sides_first_did_not(d: Draft, first: Draft) -> bool:
    """"clashes were continuing in the town", then "Turkish drones had been striking Syrian
    army positions there": a telling that names neither side yields the lead to a later
    sentence's that names both, the better evidence of who did what to whom (within one
    sentence the first telling is its main clause)."""
    return not first.actor and not first.recipient and bool(d.actor) and bool(d.recipient) \
        and first.token.sent != d.token.sent


def _in_passing(d: Draft) -> bool:
    """Told in a relative clause of a noun ("a stabbing that killed a passenger may have
    occurred after ...") or in a "when" or "after" clause of another act ("prosecutors released the
    footage when officers found her and arrested Webb"): a telling in passing, where another
    tells the happening itself ("a man has been stabbed to death on a train", "Officers
    arrested Webb in the hallway") as the better evidence."""
    for t in [d.token, *ancestors_in_sentence(d.token)]:
        if t.dep_ == "relcl" or (t.dep_ == "advcl" and any(
                c.lower_ in _PASSING_MARKS and c.dep_ in ("advmod", "mark") and c.i < t.i
                for c in t.subtree)):
            return True
        if t.dep_ not in ("conj", "relcl", "advcl"):
            return False
    return False


def _titles(sub: Draft, d: Draft) -> bool:
    """``sub`` is told in a subheading of the body ("SAD delegation meets Maharashtra CM") and
    ``d`` in the paragraph under it: the paragraph tells the subheading's happening, and its
    telling is the main one (a subheading has no place or day of its own, as a headline)."""
    return sub.paragraph == d.paragraph - 1 and sub.token.doc is d.token.doc and \
        subheading(sub.token.sent) and same_happening(_without_place(sub), d, need_anchor=False)


def _refers_back(d: Draft) -> bool:
    """"arrested the day after the shooting", "since the attack": an event noun with a definite
    article and nothing of its own (no date, place or number) names a happening told before; the
    place and date of its sentence are another happening's."""
    t = d.token
    if t.pos_ == "VERB":
        return _done_to_someone_named_before(d) or _done_by_a_happening_told_before(d) or \
            _control_of_what_told_before(d)
    if t.pos_ != "NOUN" or not definite(t):
        return False
    return not own_details(t)


def _done_by_a_happening_told_before(d: Draft) -> bool:
    """"The shelling damaged a gurdwara and several homes": an act whose subject is a definite
    noun of an event of its own type, on no day of its own, tells more of the happening that
    noun refers back to."""
    subj = subject(d.token)
    if subj is None or subj.pos_ != "NOUN" or d.date_from_text or not definite(subj):
        return False
    rows = load_tables().triggers.get((subj.lemma_.lower(), "NOUN"), ())
    return any(r.type == d.type for r in rows)


def _control_of_what_told_before(d: Draft) -> bool:
    """"Government forces entered the town ... rebels were trying to regain control": control
    taken or regained, of no place named and on no day of its own, is of the ground a telling
    before fought over."""
    obj = direct_object(d.token)
    return obj is not None and lemma_of(obj) == "control" and d.place is None and \
        not d.date_from_text and not any(c.dep_ == "prep" for c in obj.children)


def _done_to_someone_named_before(d: Draft) -> bool:
    """"The Chronicle says he was arrested a block away": an act done to a pronoun, on no day of
    its own, is told again of someone the story has named; the same act told of them before is
    that happening."""
    if not is_passive(d.token) or d.date_from_text:
        return False
    patient = passive_subject(d.token)
    return patient is not None and patient.tag_ == "PRP" and patient.lower_ != "it"


def _told_before(d: Draft, out: list[Draft]) -> Draft | None:
    """The latest earlier telling of the happening ``d`` refers back to, if ``d`` does."""
    if not _refers_back(d):
        return None
    return next((o for o in reversed(out) if _same_kind(o, d) and o.modality == d.modality
                 and o.token.doc is d.token.doc and o.token.i < d.token.i), None)


def _same_kind(a: Draft, b: Draft) -> bool:
    """Of one PLOVER type, or of one ACLED event type ("burned them to death", then "the
    lynching": a riot's violence both, though PLOVER codes a mob's act as a protest)."""
    if a.type == b.type:
        return True
    acled = load_tables().acled
    kind_a, kind_b = acled.get(a.acled_code), acled.get(b.acled_code)
    return kind_a is not None and kind_b is not None and kind_a[0] == kind_b[0]
