"""Trigger words that tell no happening of their own, whatever their row (``NOT_HAPPENINGS``):
a participle that names a party by its status ("the jailed drug lord"), a standing stance ("he
has always denied"), a cumulative toll ("the insurgency has killed 4,000"), a flight from
fighting, a span of many ("weeks of protests"), a measure or a pattern ("the rate of attacks"),
the time since a happening, and a party named by what backs it, by what it has done or by a
verb form hung on its noun ("Iran-backed militias", "Turkey, which has backed rebels", "members
of a kidnapping gang", "the militants behind the killing", "messages Volker provided"), a
question ("Animals or pets allowed?") and a word of a name ("the Committee to Protect
Journalists"). ``SentenceCoder`` builds no draft for such a trigger.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from ..lexicon import actor_words, coder_words, plover_types
from ..resolve.actor_phrase import sector_index
from ..resolve.words import singular
from . import syntax
from .match import lemma_of
from .tables import Tables, TriggerRow, load_tables


def _status_word(t: Token, row: TriggerRow) -> bool:
    """"the jailed drug lord", "a detained activist", "a football player accused of killing a
    man": a participle that names a party by the state it is in (held before the noun, accused
    after it) tells no happening."""
    if t.tag_ != "VBN" or t.head.pos_ not in ("NOUN", "PROPN"):
        return False
    if row.type == "COERCE":
        return t.dep_ == "amod"
    return row.type == "ACCUSE" and t.dep_ == "acl" and t.i > t.head.i and not syntax.in_title(t)


def _people_by_their_state(t: Token, row: TriggerRow) -> bool:
    """"evacuated the wounded", "the detained were freed": a participle standing as a noun after
    "the" names the people in that state, not a happening."""
    del row  # the rules of NOT_HAPPENINGS share one signature
    return t.tag_ == "VBN" and t.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and \
        any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)


# Heads that an act noun before them only sorts into a kind: armed units and their gear.
_KIND_OF_UNIT = frozenset({"force", "troop", "unit", "squad", "brigade", "battalion", "vehicle",
                           "craft", "boat", "ship"})


# Heads that an act noun before them sorts into a kind of body of people or of its tokens
# ("a new protest group in the state", "protest leaders", "protest songs").
_KIND_OF_BODY = frozenset({"group", "movement", "leader", "organiser", "organizer", "song",
                           "slogan", "banner", "placard", "vote"})


def _kind_of_weapon_or_unit(t: Token, row: TriggerRow) -> bool:
    """"attack helicopters", "assault rifles", "invasion forces", "a protest group": an act noun
    in front of a weapon, an armed unit or a body of people says what kind it is, not that the
    act happened."""
    del row  # the rules of NOT_HAPPENINGS share one signature
    head = t.head
    return t.pos_ == "NOUN" and t.dep_ in ("compound", "nmod") and head.pos_ == "NOUN" and (
        lemma_of(head) in _KIND_OF_UNIT or lemma_of(head) in _KIND_OF_BODY
        or load_tables().in_class("weapon", lemma_of(head)))


# Verbs of getting away from something ("fled the fighting").
_FLEE = frozenset({"flee", "escape"})


def _fled_from(t: Token, row: TriggerRow) -> bool:
    """"hundreds of thousands of people who fled the fighting around the city", "families
    escaping the violence": what people flee is the setting of their flight (told, if at all,
    where it happens), not a happening told here."""
    del row  # the rules of NOT_HAPPENINGS share one signature
    if t.pos_ != "NOUN":
        return False
    verb = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "from" else t.head
    return t.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB" and lemma_of(verb) in _FLEE


# Spans of time long enough to hold many happenings ("weeks of protests").
_LONG_SPANS = frozenset({"week", "month", "year", "decade"})


def _span_of_many(t: Token, row: TriggerRow) -> bool:
    """"The handover has drawn weeks of protests", "after months of fighting", "after more than
    a week of unrest": happenings counted by the weeks they filled are many, none of them told
    here."""
    del row  # the rules of NOT_HAPPENINGS share one signature
    # (a noun, or a gerund: "after three years of fighting insurgents")
    named = (t.pos_ == "NOUN" and t.dep_ == "pobj") or (t.tag_ == "VBG" and t.dep_ == "pcomp")
    return named and t.head.lower_ == "of" and \
        t.head.head.pos_ == "NOUN" and lemma_of(t.head.head) in _LONG_SPANS


# Nouns that measure how many happenings there are ("the rate of assaults", "a rise in attacks").
_MEASURES = frozenset({"rate", "number", "level", "incidence", "frequency", "statistic",
                       "figure", "proportion", "share", "percentage"})
_TRENDS = frozenset({"rise", "increase", "decline", "decrease", "drop", "fall", "surge",
                     "spike", "uptick", "jump", "growth"})
# Nouns that make happenings a habit ("a pattern of unlawful killings", "a history of attacks").
_HABITS = frozenset({"pattern", "history", "practice", "culture"})


def _measured(t: Token, row: TriggerRow) -> bool:
    """"The rates of sex assault and murder nearly doubled", "the number of attacks on
    journalists", "a rise in attacks on clinics", "stepped up strikes on oil fields", "a
    pattern of unlawful killings": happenings counted as a measure, a trend or a habit are
    many, none of them told here."""
    del row  # the rules of NOT_HAPPENINGS share one signature
    if t.pos_ != "NOUN":
        return False
    top = t
    while top.dep_ == "conj" and top.head.pos_ == "NOUN":
        top = top.head  # "rates of sex assault and murder": both
    if top.dep_ == "dobj" and t.tag_ == "NNS" and _grows(top.head):
        return True  # "Ankara has stepped up strikes on oil fields"
    if top.dep_ != "pobj":
        return False
    prep, noun = top.head.lower_, top.head.head
    return noun.pos_ == "NOUN" and (
        (prep == "of" and lemma_of(noun) in _MEASURES | _HABITS) or
        (prep == "in" and lemma_of(noun) in _TRENDS))


# Verbs that make their plural object a trend ("intensified attacks", "stepped up strikes").
_GROWING = frozenset({"intensify", "escalate", "increase", "redouble", "expand"})
_GROWING_WITH_UP = frozenset({"step", "ramp"})


def _grows(verb: Token) -> bool:
    lemma = lemma_of(verb)
    return lemma in _GROWING or (lemma in _GROWING_WITH_UP and any(
        c.dep_ == "prt" and c.lower_ == "up" for c in verb.children))


# Adverbs that make a statement a standing position: "has always denied", "has long accused".
_STANDING = frozenset({"always", "long"})


def _standing(t: Token, row: TriggerRow) -> bool:
    """"He has always denied the allegations", "Kyiv has long accused Moscow of ...": a
    position held over time, not a statement made (PLOVER codes statements as they are made)."""
    return row.type in plover_types("verbal") and t.pos_ == "VERB" and any(
        c.dep_ == "advmod" and c.lower_ in _STANDING for c in t.children)


_YEAR = re.compile(r"(?:19|20)\d\d")


def _cumulative_toll(t: Token, row: TriggerRow) -> bool:
    return row.type == "ASSAULT" and cumulative(t)


def cumulative_toll_words(sent: Span, tables: Tables) -> set[int]:
    """The words of the sentence's cumulative tolls (``cumulative``): their counts are no toll
    of an event told before."""
    return {x.i for t in sent if tables.casualty(lemma_of(t)) and cumulative(t) for x in t.subtree}


# A span of days or weeks up to the story ("in recent days", "over the past two weeks").
_RECENT_SPAN = re.compile(r"(?:in|over|during) (?:the )?(?:recent|past|last) (?:(?:few|several|"
                          r"\w+|\d+) )?(?:days|weeks|months)|in recent (?:days|weeks|months)",
                          re.IGNORECASE)


def cumulative(t: Token) -> bool:
    """"The insurgency, which began in 2017, has killed more than 4,000 people", "More than
    6,000 people have been killed since the conflict broke out in 2017", "13 peacekeepers have
    been killed in the fighting in recent days": a toll over the years of a conflict or over
    the days up to the story, told in the present perfect, counts many happenings and is none
    of them."""
    if t.pos_ != "VERB" or not syntax.present_perfect(t):
        return False
    subject = syntax.subject(t)
    if subject is not None and lemma_of(subject) in coder_words("conflict-noun"):
        return True
    if load_tables().casualty(lemma_of(t)) and any(
            x.dep_ == "prep" and _RECENT_SPAN.fullmatch(" ".join(w.text for w in x.subtree))
            for x in t.subtree):
        return True  # ("have been killed in the fighting in recent days": many days' dead)
    since = [c for c in t.children if c.lower_ == "since" or (
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children))]
    return any(_YEAR.fullmatch(x.text) or lemma_of(x) in coder_words("conflict-noun")
               for c in since for x in c.subtree)


def _backed_party(t: Token, row: TriggerRow) -> bool:
    """"M23 rebels backed by Rwandan troops entered Goma", "Iran-backed militias": a party
    described by who backs it is a standing alliance, not an act of support told."""
    return row.type == "SUPPORT" and t.tag_ == "VBN" and t.dep_ in ("acl", "amod") and \
        t.head.pos_ in ("NOUN", "PROPN") and not any(c.dep_ in ("aux", "auxpass")
                                                     for c in t.children)


def _behind_it(t: Token, row: TriggerRow) -> bool:
    """"the militants behind the killing of 26 men", "the group behind last year's bombing": a
    happening named to say who a party is tells no happening of its own."""
    del row  # the rules of NOT_HAPPENINGS share one signature
    prep = t.head
    # (the parser often hangs "behind" on the verb: the noun right before it is the party)
    return t.pos_ == "NOUN" and t.dep_ == "pobj" and prep.lower_ == "behind" and \
        prep.i > 0 and t.doc[prep.i - 1].pos_ in ("NOUN", "PROPN")


def _describes_party(t: Token, row: TriggerRow) -> bool:
    """"Turkey, which has backed rebels fighting Assad for much of the war": a participle of
    fighting that describes a party (a sector word) says who the party is, not a fight told."""
    head = t.head
    return row.type == "ASSAULT" and t.tag_ == "VBG" and t.dep_ == "acl" and \
        head.pos_ == "NOUN" and any((w,) in sector_index()
                                    for w in (singular(head.lower_), head.lemma_.lower()))


def _relative_description(t: Token, row: TriggerRow) -> bool:
    """"the senator, who denies the charges, left the court", "residents who had backed
    a self-defence group", "farmers whose leaders had backed the plan": a relative clause whose
    pronoun is (or owns) its subject, in the simple present or the past perfect, says who the
    party is or what it had done before the story; it tells no happening of its own (headlines
    tell the news in the present: not there)."""
    del row  # the rules of NOT_HAPPENINGS share one signature
    if t.dep_ != "relcl" or t.pos_ != "VERB" or syntax.in_title(t):
        return False
    subj = syntax.child(t, "nsubj", "nsubjpass")
    if subj is None or not (subj.tag_ in ("WDT", "WP") or any(
            c.tag_ == "WP$" for c in subj.children)):
        return False
    aux = [c for c in t.children if c.dep_ in ("aux", "auxpass")]
    simple_present = t.tag_ in ("VBZ", "VBP") and not aux
    past_perfect = t.tag_ == "VBN" and any(c.lower_ == "had" for c in aux)
    return simple_present or past_perfect


def _names_a_party(t: Token, row: TriggerRow) -> bool:
    """"members of a kidnapping gang": a verb form the parser hangs as a compound on a noun
    names what that noun is known for, not a happening told."""
    del row  # the rules of NOT_HAPPENINGS share one signature
    return t.pos_ == "VERB" and t.dep_ == "compound" and t.head.pos_ == "NOUN"


def _modal_as_noun(t: Token, row: TriggerRow) -> bool:
    """"a must-win game", "a must-have for students", "a must read": a modal joined by a hyphen
    to the word after it, or after an article, makes a modifier or a noun, not a demand."""
    if row.pos != "AUX":
        return False
    hyphened = not t.whitespace_ and t.i + 1 < len(t.doc) and t.doc[t.i + 1].text in ("-", "\u2011")
    return hyphened or (t.i > 0 and t.doc[t.i - 1].lower_ in actor_words("determiner"))


def _modal_perfect(t: Token, row: TriggerRow) -> bool:
    """"the prize should have gone to Fleabag", "a report should have been taken", "they must
    have known": a modal with "have" and a participle judges or guesses the past; it demands
    nothing."""
    if row.pos != "AUX" or t.dep_ != "aux":
        return False
    verb = t.head
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.i > t.i for c in verb.children)


# Nouns that name when a span began ("since the start of the invasion").
_SPAN_STARTS = frozenset({"start", "beginning", "outbreak", "onset", "launch", "end"})


def _time_since(t: Token, row: TriggerRow) -> bool:
    """"dozens of exchanges since the start of the full-scale invasion in February 2022", "the
    worst violence since the coup": a happening named as the start of a span is a time, not a
    happening the story tells."""
    del row  # the rules of NOT_HAPPENINGS share one signature
    if t.pos_ != "NOUN" or t.dep_ != "pobj":
        return False
    prep = t.head
    if prep.lower_ == "of" and lemma_of(prep.head) in _SPAN_STARTS and prep.head.dep_ == "pobj":
        prep = prep.head.head
    return prep.lower_ == "since"


def _asked(t: Token, row: TriggerRow) -> bool:
    """"Animals or pets allowed?", "'Are people to suspend their lives for that long?' he
    said": a word of a question asks, it does not tell (but "a reporter asked her, 'Did you
    ...?'": the asking is told before the quoted question)."""
    del row  # the rules of NOT_HAPPENINGS share one signature
    for x in t.sent:
        if x.i <= t.i:
            continue
        if x.is_quote:
            return False
        if x.text == "?":
            return True
    return False


_RELATIVE_WORDS = frozenset({"WDT", "WP", "WP$", "WRB"})


def _contact_clause(t: Token, row: TriggerRow) -> bool:
    """"text messages Volker provided to lawmakers", "the threat he has been warning about",
    "a disaster many blame on corruption": a relative clause joined to its noun without a
    relative word, dated by no words of its own, says what the noun is; it tells no happening.
    An act of force so told stays ("the man police shot was taken to hospital"), and so does
    one the clause dates ("the agreement the two nations signed earlier this year")."""
    if t.dep_ != "relcl" or t.pos_ != "VERB" or row.type in plover_types("material") or \
            syntax.in_title(t):
        return False
    noun, subj = t.head, syntax.child(t, "nsubj")
    if subj is None or not noun.i < subj.i < t.i:
        return False
    between = t.doc[noun.i + 1:t.i]
    if any(x.tag_ in _RELATIVE_WORDS or x.lower_ == "that" for x in between):
        return False
    return not any(x.ent_type_ in ("DATE", "TIME") for x in t.subtree)


# Entity labels of names that may hold a word of an act ("Committee to Protect Journalists").
_NAMES = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC", "LAW"})


def _in_a_name(t: Token, row: TriggerRow) -> bool:
    """"NASA's Volatiles Investigating Polar Exploration Rover", "the Committee to Protect
    Journalists": a capitalised word inside a name, in running text (not a title, whose words
    are all capitalised), is part of the name."""
    del row  # the rules of NOT_HAPPENINGS share one signature
    return t.ent_type_ in _NAMES and t.text[:1].isupper() and t.i != t.sent.start and \
        not syntax.in_title(t)


# Words that tell no happening of their own, whatever their row: the trigger's drafts are not
# built when one of these holds.
NoHappening = Callable[[Token, TriggerRow], bool]
NOT_HAPPENINGS: tuple[NoHappening, ...] = (
    _status_word, _people_by_their_state, _kind_of_weapon_or_unit, _standing, _cumulative_toll,
    _fled_from, _span_of_many, _measured, _time_since, _backed_party, _names_a_party,
    _describes_party, _modal_as_noun, _modal_perfect, _asked, _in_a_name, _relative_description,
    _contact_clause, _behind_it)
