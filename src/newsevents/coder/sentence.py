"""Steps 1 to 3 of the engine over one parsed text (the body, or a headline or standfirst):
each sentence's triggers, less those that are only part of another event (``absorbed``), each
made into drafts with its roles, mode, places, date, counts, attribution and modality (the
rules beyond the lexicon are in ``build_rules``)."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..lexicon import pair_nouns, plover_types
from ..records import Article, DateMention, DateSpan, Fatalities, Mentions, PlaceMention, Quantity
from ..resolve.places import capital_longitude
from . import acled as acled_mod
from . import build_rules, context, document, slots, strict_happenings, syntax
from .absorbed import absorbed
from .build_rules import Parties, Setting
from .draft import Draft
from .match import MatchContext, find_row, lemma_of
from .no_happening import NOT_HAPPENINGS
from .roles import ActorFinder, Found, find_role, is_mutual, with_other_side
from .tables import Tables, TriggerRow


def paragraph_starts(article: Article) -> list[int]:
    starts, pos = [], 0
    for para in article.body.split("\n\n"):
        starts.append(pos)
        pos += len(para) + 2
    return starts


def paragraph_of(offset: int, starts: list[int]) -> int:
    idx = 0
    for i, s in enumerate(starts):
        if s <= offset:
            idx = i
    return idx


def _promised(t: Token, row: TriggerRow) -> set[int]:
    """What an agreement promises ("agreed to hold talks early next year"): its date is when
    the promise falls due, not when the agreement was made."""
    if row.type != "AGREE":
        return set()
    return {x.i for c in t.children if c.dep_ == "xcomp" for x in c.subtree}


def relative_clause(t: Token) -> Token | None:
    """The relative clause ``t`` sits in ("a riot-control agent whose use is banned"), if any."""
    return next((a for a in [t, *t.ancestors] if a.dep_ == "relcl"), None)


def _attached_to(x: Token, t: Token) -> bool:
    """False when ``x`` sits in a relative, adverbial or complement clause that does not
    contain ``t`` (its date or place belongs to that clause's own happening), unless the
    relative clause tells of ``t`` itself ("the riots that rocked Delhi last month"), or the
    clause tells what was going on as ``t`` happened ("grabbed the girl as she was walking down
    6th Avenue on Saturday": that day and street are the grab's)."""
    for n in [x, *x.ancestors]:
        dep = n.dep_  # (each attribute read looks the label up in spaCy's string store)
        clause = dep in ("relcl", "ccomp") or (dep in ("advcl", "acl") and _finite(n))
        if clause and not (n.left_edge.i <= t.i <= n.right_edge.i) and not (
                dep == "relcl" and syntax.tells_of_itself(n, t)) and not _meanwhile(n, t):
            return False
    return True


def _meanwhile(clause: Token, t: Token) -> bool:
    """An "as" or "while" clause of ``t``'s verb in the progressive ("as she was walking")."""
    return clause.dep_ == "advcl" and clause.head.i == t.i and clause.tag_ == "VBG" and \
        any(c.dep_ == "mark" and c.lower_ in ("as", "while") for c in clause.children) and \
        any(c.dep_ == "aux" and c.lemma_ == "be" for c in clause.children)


def according_words(t: Token) -> set[int]:
    """The words of the "according to" phrases of ``t``'s sentence that do not hold ``t`` ("...,
    according to the US government", "according to a statement from the army in Bamako"): the
    source and where it speaks from, not the happening's date or place."""
    out: set[int] = set()
    for s in t.sent:
        if s.lower_ == "according" and any(c.lower_ == "to" for c in s.children):
            words = {x.i for x in s.subtree}
            if t.i not in words:
                out |= words
    return out


def _finite(n: Token) -> bool:
    """The clause of ``n`` has a subject or a subordinating word of its own."""
    return any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in n.children)


# Auxiliaries of a clause told as ahead, possible or wished, not as going on.
_NOT_GOING_ON = frozenset({"will", "wo", "'ll", "would", "shall", "should", "could", "might",
                           "may", "must", "can", "ca"})


# Words that end a span ("until 2028", "through May 26"), before a date or as its first word.
_SPAN_END_WORDS = ("until", "till", "through", "thru")
_SPAN_END = re.compile(r"\b(?:" + "|".join(_SPAN_END_WORDS) + r")\s*$", re.IGNORECASE)


def _years_of_other_nouns(t: Token) -> list[Token]:
    """"a hearing ahead of the 2020 vote", "arrested a suspect in the 2016 attacks": a year said
    of another noun than the trigger dates that noun's happening, not the event's. So does a
    year in a noun's phrase ("the release of the files in 2010") for a trigger told in the
    present ("the government is seeking his extradition over the release ..."): what goes on
    now was not done then."""
    present = syntax.told_in_present(t)
    return [x for x in t.sent if len(x.text) == 4 and x.text.isdigit() and (
        (x.dep_ == "nummod" and x.head.pos_ == "NOUN" and x.head.ent_type_ != "DATE"
         and x.head.i != t.i)
        or (present and x.dep_ == "pobj" and x.head.dep_ == "prep"
            and x.head.head.pos_ in ("NOUN", "PROPN") and x.head.head.i != t.i))]


def _span_end(text: str, date: DateMention) -> bool:
    """"until 2028", "till next year", "rules extended through May 26": the mention or the word
    before it bounds a span."""
    return bool(_SPAN_END.search(text[max(0, date.start - 8):date.start])) or \
        date.date.text.lower().split(" ", 1)[0] in _SPAN_END_WORDS


def _going_on(doc: Doc, date: DateMention) -> bool:
    """The verb a date hangs on tells what was going on ("who were digging", "demanding"): a
    progressive or a participle, neither negated nor ahead."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return False
    verb = next((a for a in [span.root, *span.root.ancestors] if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and verb.tag_ == "VBG" and not any(
        c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _NOT_GOING_ON) for c in verb.children)


def _codable(d: Draft) -> bool:
    """PLOVER needs a participant; a violent or protest event may be known only by its place,
    and so may a measure taking effect ("restrictions will come into force in Bhagalpur": its
    place's people are under it)."""
    if d.actor or d.recipient:
        return True
    return (d.type in plover_types("targets_places") and d.modality in ("factual", "historical")) \
        or "inforce" in d.row.when


def _verb_dates_first(t: Token, dates: list[DateMention]) -> list[DateMention]:
    """The clause's dates, those that date the trigger itself first: a date inside another noun's
    phrase dates that noun ("a suspect in a shooting last week turned himself in Monday": the
    shooting was last week, the surrender Monday)."""
    if len(dates) < 2:
        return dates

    def of_a_noun(d: DateMention) -> bool:
        span = t.doc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            return False
        between = itertools.takewhile(lambda a: a.i != t.i, span.root.ancestors)
        return any(a.pos_ in ("NOUN", "PROPN") and not span.start <= a.i < span.end
                   for a in between)
    return sorted(dates, key=of_a_noun)


def _noun_before(clause: Token) -> Token | None:
    """"testified about a July 10 meeting at the White House when Sondland told ...": the
    parser hangs the "when" clause on the verb; the noun phrase right before it is the one
    whose moment it tells."""
    i = clause.left_edge.i - 1
    while i >= clause.sent.start and clause.doc[i].is_punct:
        i -= 1
    if i < clause.sent.start or clause.doc[i].pos_ not in ("NOUN", "PROPN"):
        return None
    top = syntax.phrase_top(clause.doc[i])
    return top if top.pos_ == "NOUN" else None


def _joined(clause: list[Token], more: list[Token]) -> list[Token]:
    return sorted(set(clause) | set(more), key=lambda x: x.i)


def _clause_extras(t: Token, row: TriggerRow, gov: Token | None,
                   light: frozenset[str]) -> list[list[Token]]:
    """Words that belong to the trigger's clause beyond its own phrase."""
    extras = []
    obj = syntax.direct_object(t) if row.pos == "VERB" else None
    if obj is not None:  # the object may sit on a coordinated verb ("intercepted and destroyed")
        extras.append(list(obj.subtree))
    if gov is not None and lemma_of(gov) in light:
        extras.append(slots.clause_tokens(gov))
    if row.pos == "NOUN" and t.dep_ in ("nsubj", "nsubjpass"):
        # "a protest ... turned violent": what the sentence says of its subject
        extras.append([x for c in t.head.children if c.dep_ in ("acomp", "oprd", "attr", "advmod")
                       for x in c.subtree])
        if "inforce" in row.when:  # "In Bhagalpur, the restrictions will come into force"
            extras.append(slots.clause_tokens(t.head))
    return extras


def _mode(row: TriggerRow, clause: list[Token], tables: Tables) -> str | None:
    """The row's mode; a ``*`` mode is read from the weapon words of the clause, with what a
    participle tells of a weapon in it ("grenades filled with a choking agent")."""
    mode: str | None = None if row.mode == "-" else row.mode
    if row.mode.startswith("*"):
        told = [x for w in clause if tables.in_class("weapon", w.lemma_.lower())
                for c in w.children if c.dep_ == "acl" and c.tag_ == "VBN" for x in c.subtree]
        mode = acled_mod.weapon_mode(clause + told, tables) or (row.mode[1:] or None)
    return mode


def _excluded(row: TriggerRow, actor: Found, recipient: Found) -> set[int]:
    """The words of the parties: their places are not where it happened (except a target's,
    or a movement's destination)."""
    exclude = {x.i for x in actor.tokens}
    if row.type not in plover_types("targets_places") | plover_types("movement"):
        exclude |= {x.i for x in recipient.tokens}
    return exclude


# The prepositions that give what a protest is about ("rallied against corruption").
_PROTEST_CAUSE = frozenset({"against", "over"})


def _cause_words(t: Token, row: TriggerRow) -> set[int]:
    """"rallied in central Belgrade against ... the canopy collapse in Novi Sad": what a protest
    is about is not where it happened."""
    if row.type != "PROTEST":
        return set()
    return {x.i for c in t.children if c.dep_ == "prep" and c.lower_ in _PROTEST_CAUSE
            for x in c.subtree}


def _speaker(t: Token, row: TriggerRow, gov: Token | None) -> Token | None:
    return syntax.subject(gov if gov is not None else t) if row.pos != "AUX" else None


def _per_place(base: Draft, picked: list[PlaceMention], mentions: Mentions) -> list[Draft]:
    """One draft per place when the text lists several; each keeps its own count when its
    clause pairs each place with one ("400 in X and 56 in Y")."""
    if not picked:
        return [base]
    if len(picked) == 1:
        rules = [*base.rules, slots.AIR_SPACE] if picked[0].rule == slots.AIR_SPACE else base.rules
        return [replace(base, place=picked[0], rules=rules)]
    counted = slots.counts_by_place(base.clause, picked, base.quantities, mentions)
    return [replace(base, place=p, rules=[*base.rules, "one-event-per-place"],
                    quantities=counted.get(id(p), base.quantities))
            for p in picked]


# What an event of a type does to the things a count in its sentence counts, outside the
# clause of its trigger ("adopted a package of sanctions, blacklisting 189 tankers": the
# blacklisted tankers are the sanctions' own count).
OWN_STATUS = {"SANCTION": "sanctioned"}


class SentenceCoder:
    """Codes one parsed text sentence by sentence; holds what its sentences share (the
    story's dateline, day and countries)."""

    def __init__(self, doc: Doc, article: Article, mentions: Mentions, tables: Tables, *,
                 strict: bool = False) -> None:
        self.doc, self.article, self.mentions, self.tables = doc, article, mentions, tables
        self.strict = strict  # the setting of ``strict_happenings``
        self.finder = ActorFinder(doc, mentions, frozenset(tables.classes.get("civilian", {})),
                                  pair_nouns("as_head"), tables.attack_nouns)
        self.published = slots.published_day(article.published)
        self.light = frozenset(tables.cues.get("light", {}))
        self.ctx = MatchContext(tables, self._role_countries, self._subject_sectors)
        self.paragraphs = paragraph_starts(article)
        self.parts: dict[int, list[Token]] = {}
        self.attacks: dict[int, set[int]] = {}  # the sentence's kept attack -> its clause's words
        self.finder.dateline_end = document.dateline_end(article.body)
        # the lead a dateline opens (the dateline is a sentence of its own: ``paragraph_breaks``)
        self.sentences = document.story_sentences(doc, self.finder.dateline_end)
        self.dated_lead = self.sentences[0] if self.sentences and self.finder.dateline_end \
            else None
        first_end = self.paragraphs[1] if len(self.paragraphs) > 1 else len(article.body)
        self.main = document.home_countries(
            mentions, first_end, [sent.start_char for sent in doc.sents],
            document.outlet_country(article.canonical_url or article.url))
        self.dateline = document.dateline_place(article.body, mentions)
        self.story_day = document.dateline_day(mentions, self.finder.dateline_end) or self.published
        self.home = document.story_country(self.dateline, self.main)

    @functools.cached_property
    def undated_day(self) -> dt.date | None:
        """The day an event the text does not date is of: the publication day where the story
        happens (its dateline's town, else its home country's capital; read once the engine
        has settled the dateline), else the publisher's."""
        lon = self.dateline.place.lon if self.dateline is not None else None
        if lon is None and self.home is not None:
            lon = capital_longitude(self.home)
        return slots.day_at(self.article.published, lon) or self.published

    def _role_countries(self, t: Token, row: TriggerRow, which: str) -> set[str]:
        found = find_role(self.finder, t, row, which, self.light)
        return {a.country for a in found.actors if a.country}

    def _subject_sectors(self, t: Token) -> set[str]:
        subj = syntax.subject(t)
        if subj is None:
            return set()
        # "demonstrators protesting election results in Monrovia": a subject phrase that holds
        # the trigger is not read into (its town is no government)
        return {a.sector for a in self.finder.phrase(subj, deep=not syntax.holds(subj, t)).actors
                if a.sector}

    def sentence_drafts(self, sent: Span) -> list[Draft]:
        """The drafts of one sentence's triggers (steps 1 to 3)."""
        rows: dict[int, TriggerRow] = {}
        for t in sent:
            row = find_row(t, self.ctx)
            if row is not None:
                rows[t.i] = row
        kept = {i: row for i, row in rows.items()
                if not absorbed(self.doc[i], row, rows, self.tables)}
        self.parts = self._parts(rows, kept)
        clauses = {i: set(x.i for x in slots.clause_tokens(self.doc[i])) for i in kept}
        self.attacks = {i: c for i, c in clauses.items() if kept[i].type == "ASSAULT"}
        drafts: list[Draft] = []
        for i, row in kept.items():
            others = set().union(*(c for j, c in clauses.items() if j != i)) - clauses[i]
            drafts.extend(self._kept_drafts(self.doc[i], row, rows, others))
        document.mark_crowd_violence(drafts)
        return document.merge_same_happening(drafts, self.tables)

    def _parts(self, rows: dict[int, TriggerRow],
               kept: dict[int, TriggerRow]) -> dict[int, list[Token]]:
        """A same-type clause folded into its head ("were killed when gunmen stormed a village
        in Plateau state overnight") lends the head its words: place, date, attacker."""
        parts: dict[int, list[Token]] = {}
        for i, row in rows.items():
            t = self.doc[i]
            if i not in kept and t.dep_ in ("conj", "advcl") and t.head.i in kept and \
                    kept[t.head.i].type == row.type:
                parts.setdefault(t.head.i, []).append(t)
        return parts

    def _kept_drafts(self, t: Token, row: TriggerRow, rows: dict[int, TriggerRow],
                     others: set[int]) -> list[Draft]:
        """The trigger's codable drafts; what another event fears or discusses ("concern that
        Russia may offer") is not a happening of its own."""
        embedded = any(a.i in rows for a in syntax.ancestors_in_sentence(t))
        if any(rule(t, row) for rule in NOT_HAPPENINGS) or (
                self.strict and any(rule(t, row) for rule in strict_happenings.NOT_HAPPENINGS)):
            return []
        return [d for d in self.build(t, row, others) if _codable(d) and not (
            self.strict and any(rule(d) for rule in strict_happenings.NOT_EVENTS)) and not (
            embedded and d.modality == "hypothetical") and not context.conditional(t)]

    def _nested(self, t: Token, row: TriggerRow) -> set[int]:
        """The words of the clauses of the sentence's attacks of another type than ``t``'s
        that do not hold ``t`` ("arrested a player accused of killing a man in Washington"): an
        attack's place is its own. (A clause of the same type tells the same happening: "during a
        raid on Tamboul, fighters raped ...".)"""
        if row.type == "ASSAULT":
            return set()
        return set().union(*(c - {t.i} for c in self.attacks.values() if t.i not in c))

    def _date_words(self, t: Token) -> list[Token]:
        """The words of the date mentions over ``t`` ("in the 2016" for "2016")."""
        spans = [(d.start, d.end) for d in slots.dates_in([t], self.mentions)]
        return [x for x in t.sent if any(s <= x.idx < e for s, e in spans)]

    def _event_dates(self, tokens: list[Token]) -> list[DateMention]:
        """Date words of the event, leaving out the dateline's ("SRINAGAR, May 8 (Agency) -"):
        that is the day the story was filed, not the day of its happenings. Unless the dateline
        and the publication date disagree: the other date words ("on Wednesday") were resolved
        against the publication date, so the dateline's own day is the surer one then. Nor a
        span's end ("would not open talks until 2028"): it says when something stops, not when
        the act was."""
        found = [d for d in slots.dates_in(tokens, self.mentions)
                 if not _span_end(self.doc.text, d)]
        if self.story_day is None or self.published is None or \
                abs((self.story_day - self.published).days) > 1:
            return self._dateline_dates(tokens) + found
        return [d for d in found if d.start >= self.finder.dateline_end]

    def _dateline_dates(self, tokens: list[Token]) -> list[DateMention]:
        """The dateline's date words, for words of the lead: the dateline is a sentence of its
        own to the parser (``paragraph_breaks``), but it dates the lead it opens."""
        lead = self.dated_lead
        if lead is None or not any(lead.start <= t.i < lead.end for t in tokens):
            return []
        return [d for d in self.mentions.dates if d.end <= self.finder.dateline_end]

    def report_tokens(self, t: Token) -> set[int]:
        """The words of the reporting verbs of ``t``'s sentence ("X said on Friday"), outside
        ``t``'s own phrase: their dates are when it was told, not when it happened."""
        say = self.tables.cues.get("say", {})
        own = {x.i for x in t.subtree}
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
            # "a source reported 6 people killed": the noun a participle is said of is its own
            own |= {x.i for x in syntax.core_tokens(t.head)}
        out: set[int] = set()
        for s in t.sent:
            if s.i == t.i or s.pos_ not in ("VERB", "AUX") or lemma_of(s) not in say:
                continue
            words = {x.i for x in slots.clause_tokens(s)}
            if t.i not in words:
                out |= words - own
        return out

    def _clause(self, t: Token, row: TriggerRow, gov: Token | None,
                actor: Found) -> tuple[list[Token], Found]:
        """The trigger's clause with its parts' clauses (a part lends its attacker to a trigger
        without one) and the words of ``_clause_extras``."""
        clause = slots.clause_tokens(t)
        for part in self.parts.get(t.i, []):
            clause = _joined(clause, slots.clause_tokens(part))
            if not actor.actors:
                actor = self._part_actor(part, actor)
        for extra in _clause_extras(t, row, gov, self.light):
            clause = _joined(clause, extra)
        return clause, actor

    def _part_actor(self, part: Token, actor: Found) -> Found:
        part_row = find_row(part, self.ctx)
        if part_row is None:
            return actor
        return find_role(self.finder, part, part_row, "actor", self.light)

    def _dates(self, t: Token, row: TriggerRow, clause: list[Token], free: list[Token],
               report: set[int], others: set[int]) -> tuple[list[DateMention], DateSpan]:
        """The date words of the event (its clause's, else the rest of its sentence's) and its
        date: theirs, else the day of the telling, else the publication day."""
        content = _promised(t, row)
        content |= {x.i for y in _years_of_other_nouns(t) for x in self._date_words(y)}
        # (nor the relative clauses that tell of a noun: "Mendoza, where staff have held strikes
        # since August": August dates the strikes, not the marches; "The man, who fled on
        # Friday, was later charged": Friday dates the flight)
        told_of = syntax.other_time_clauses(t)
        dates = _verb_dates_first(t, self._event_dates([x for x in clause if x.i not in content
                                                        and x.i not in told_of]))
        if not dates:  # a date elsewhere in the sentence, outside other events' clauses
            dates = self._event_dates([x for x in free if x.i not in content
                                       and x.i not in told_of])
        if not dates:
            dates = self._head_dates(t, report) or self._moment_dates(t, report) or \
                self._only_date(t, content | report | others | told_of)
        if dates and self._takes_effect_later(t, row, dates[0]):
            dates = []
        if dates:
            return dates, dates[0].date
        # "the air force said in a report on Friday morning": the day of the telling bounds
        # the happening but is not its date, so it stays a fallback that context (the attack
        # this one follows) may replace
        told = slots.dates_in([self.doc[i] for i in sorted(report)], self.mentions)
        return dates, told[0].date if told else slots.default_date(self.undated_day)

    def _takes_effect_later(self, t: Token, row: TriggerRow, date: DateMention) -> bool:
        """"ordered a lockdown from July 10", "imposed a curfew starting Friday": a measure
        decreed in the past tense whose date lies after publication is decreed now; "the
        lockdown will begin on Thursday" (an ``inforce`` row) is imposed now: the date says
        when it takes effect, not when the act was."""
        if "inforce" in row.when and t.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in t.head.children):
            return True
        start = date.date.start
        if not start or self.published is None:
            return False
        return t.pos_ == "NOUN" and syntax.told_in_past(t) and \
            dt.date.fromisoformat(start[:10]) > self.published

    def _head_dates(self, t: Token, report: set[int]) -> list[DateMention]:
        """"raided the town on Sunday, looting shops and setting fire to a church": a
        participle that goes on from another verb happened when that verb's act did."""
        head = t.head
        if t.tag_ != "VBG" or t.dep_ not in ("advcl", "conj") or head.pos_ != "VERB":
            return []
        words = [x for x in slots.clause_tokens(head) if x.i not in report]
        return _verb_dates_first(head, self._event_dates(words))

    def _moment_dates(self, t: Token, report: set[int]) -> list[DateMention]:
        """"a July 10 meeting at the White House when Sondland told officials ...": a "when"
        clause on a noun tells what happened at that noun's moment; the noun's own date words
        date it."""
        for a in [t, *syntax.ancestors_in_sentence(t)]:
            if a.dep_ not in ("relcl", "advcl", "acl") or not any(
                    c.lower_ == "when" and c.dep_ in ("advmod", "mark") for c in a.children):
                continue
            noun = a.head if a.head.pos_ == "NOUN" else _noun_before(a)
            if noun is None:
                continue
            words = [x for x in noun.subtree if x.i not in report
                     and not a.left_edge.i <= x.i <= a.right_edge.i]
            return _verb_dates_first(noun, self._event_dates(words))
        return []

    def _only_date(self, t: Token, skip: set[int]) -> list[DateMention]:
        """"opened fire on residents who were digging trenches on Saturday", "fired at students
        demanding an end to quotas in Dhaka on Thursday": the one day a sentence names, outside
        its reporting clause and its other events, in a clause of something going on at the
        time, dates its event too. Not a clause of another act ("Heyward, who lobbied for a
        ban on Thursday, did not reply"; "Hill, who will testify Thursday"), and not when the
        sentence names two days."""
        found = [d for d in self._event_dates([x for x in t.sent if x.i not in skip])
                 if d.date.precision == "day"]
        if len({d.date.start for d in found}) != 1 or not _going_on(t.doc, found[0]):
            return []
        return found[:1]

    def _counts(self, t: Token, type_: str, clause: list[Token], free: list[Token],
                within: Token | None) -> tuple[list[Quantity], Fatalities | None]:
        """The clause's counts, and the fatalities from them and from casualty counts anywhere
        in the sentence outside other events' clauses ("..., killing 14 people"); only inside
        the relative clause ``within`` when the trigger is in one ("No one was killed ..., a
        riot-control agent whose use in war is banned": the toll is not the ban's). Counts
        there of what the event itself does (``OWN_STATUS``: "adopted sanctions, blacklisting
        189 tankers") are its own too."""
        words = list(t.sent) if within is None else list(within.subtree)
        if within is not None:
            free = [x for x in free if within.left_edge.i <= x.i <= within.right_edge.i]
        quantities = slots.quantities_in(clause, self.mentions, self.tables)
        free_counts = [q for q in slots.quantities_in(free, self.mentions, self.tables)
                       if q not in quantities]
        casualties = [q for q in free_counts if q.status in ("killed", "injured")]
        own = OWN_STATUS.get(type_)
        quantities += [q for q in free_counts if own and q.status == own]
        return quantities, slots.fatalities(quantities + casualties, words, self.tables)

    def _rules(self, row: TriggerRow, date: DateSpan, actor: Found, recipient: Found) -> list[str]:
        rules = [row.rule]
        if self.story_day != self.published and date.start:
            rules.append("story-day-from-dateline")
        for f, name in ((actor, "actor"), (recipient, "recipient")):
            if f.rule:
                rules.append(f"{name}={f.rule}")
        return rules

    def build(self, t: Token, row: TriggerRow, others: set[int]) -> list[Draft]:
        """The drafts of one trigger (``others``: the words of the sentence's other events'
        clauses); one per place when its clause lists several."""
        actor = find_role(self.finder, t, row, "actor", self.light)
        recipient = find_role(self.finder, t, row, "recipient", self.light)
        named = recipient  # the other side the trigger's own words name (not a later party)
        gov = syntax.governor_verb(t) if row.pos == "NOUN" else None
        clause, actor = self._clause(t, row, gov, actor)
        mode = _mode(row, clause, self.tables)
        nested = self._nested(t, row)
        according = according_words(t)  # the source's words: neither its date nor its place
        exclude = _excluded(row, actor, recipient) | nested | _cause_words(t, row) | according
        report = self.report_tokens(t) | according
        free = [x for x in t.sent if x.i not in others and x.i not in report and _attached_to(x, t)]
        places = build_rules.places_of(Setting(t, row, gov, clause, free, exclude,
                                               recipient.tokens, self.mentions, actor.tokens,
                                               self.finder.dateline_end))
        picked = slots.air_space(slots.pick_places(
            places, split=row.type in plover_types("split_by_place"), text=self.finder.text), t)
        # an attack's date is its own, as its place is ("arrested a student accused of killing a
        # man in Washington last month": last month dates the killing)
        dates, date = self._dates(t, row, [x for x in clause if x.i not in nested], free, report,
                                  others)
        if dates:
            date = slots.weekend_behind(date, t, self.published)
        # an attack's toll may be told in a clause of no event of its own ("..., while another
        # man was hurt"), though its dates and places are that clause's; not in one told as
        # before it ("after a teenager died in police custody")
        earlier = syntax.earlier_clauses(t)
        loose = [x for x in t.sent if x.i not in others and x.i not in report
                 and x.i not in earlier]
        quantities, fat = self._counts(t, row.type, clause,
                                       loose if row.type == "ASSAULT" else free,
                                       relative_clause(t) if row.type != "ASSAULT" else None)
        attr = context.attribution(t, self.finder, self.tables)
        parties = Parties(t, row, self.finder, self.tables, self.mentions, self.finder.text, picked,
                          attr, _speaker(t, row, gov), self.home)
        actor = build_rules.actor_of(parties, actor)
        recipient = build_rules.recipient_of(parties, actor, recipient)
        # background and future are judged against the article's own date: its dateline's
        # day beats a publication date read from the page (a site's date bar may be late)
        modality = context.modality(t, self.tables, date, self.story_day, bool(dates))
        if dates:  # not the day of the telling ("said on Monday they would ..."): that is past
            date = slots.month_day_ahead(slots.weekday_ahead(date, modality, self.published),
                                         modality, self.published)
        if is_mutual(row) and modality in ("factual", "historical"):
            # "X telephoned Y": both sides consult; a promised meeting is the promiser's alone
            actor = with_other_side(actor, named)
        if modality == "historical" and not dates:
            date = DateSpan()
        base = Draft(token=t, row=row, type=row.type, mode=mode, contexts=row.contexts,
                     actor=actor.actors, recipient=recipient.actors, actor_tokens=actor.tokens,
                     recipient_tokens=recipient.tokens, clause=clause, place=None, date=date,
                     date_from_text=bool(dates), quantities=quantities, fatalities=fat,
                     attribution=attr, modality=modality,
                     paragraph=paragraph_of(t.idx, self.paragraphs),
                     rules=self._rules(row, date, actor, recipient), acled_code=row.acled)
        return _per_place(base, picked, self.mentions)


__all__ = ["SentenceCoder", "paragraph_of", "paragraph_starts"]
