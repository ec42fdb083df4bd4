"""Event coding over one parsed article: triggers -> coded, explained Events.

Steps (each event's ``evidence.rule`` names the lexicon row and every extra rule that fired):
1. every token is looked up in the trigger lexicon (``match.find_row``: lemma, part of speech,
   the row's conditions; modal "must" is a trigger of its own: "X said Y must ..." = REQUEST);
2. triggers that are only part of another event are dropped: a trigger noun that is the object
   of a trigger verb ("launched an attack"; but "condemned the arrest" keeps the arrest), the
   complement of a request, rejection, threat, agreement or consultation ("blocked efforts to
   tighten sanctions"), purposes ("sent troops to fight"), a second verb of the same type
   ("intercepted and destroyed"; "killed when gunmen stormed" lends its place, date, attacker),
   casualty participles ("..., killing 15"), conditions ("if it is attacked") and what another
   event only fears ("concern that Russia may offer");
3. each remaining trigger gets its roles (``roles``), mode and ACLED type (``acled``), places
   (one event per place when the text lists several), date, quantities, fatalities (``slots``),
   attribution and modality (``context``);
4. document rules: an ASSAULT with no actor of its own takes the actor (and date and source) of
   the latest earlier ASSAULT in its paragraph ("drone debris damaged houses" after "Russia
   launched drones"); a follow-up with no actor, recipient or place is folded into that event
   as counts ("31 drones were intercepted"); counts and "no casualties" in a sentence without
   an event go to the latest event of the paragraph; future cooperation becomes AGREE, future
   or conditional harm THREATEN, refused cooperation REJECT; parties without a country take the
   one country their sentence names; a repeat of an event already coded (same type, parties,
   source and counts) is dropped, lending its place; an attack stopped in its own sentence is
   Disrupted weapons use; a deployment abroad addresses the state where it stands; when a
   clause pairs each of its places with its own count ("400 in X and 56 in Y"), each place's
   event keeps its own count; the event's own dead and wounded are its fatalities, not counts;
   later tellings of one happening merge into the first, kept as its ``mentions``
   (``happenings``); an event its sentence does not place takes the town of the paragraph's
   latest placed event when its parties are of that country.

Roles beyond the lexicon: an agentless passive arrest, charge, sentence or deportation is by
the police (courts, for legal acts) of the place's country, else of the story's own country
(``home-authority``); a passive casualty verb takes its doer from "by X" on the attack its
clause tells (``deed-agent``) before any actor carried over from an earlier sentence.

Dates: a date expression in the trigger's clause (else elsewhere in the sentence outside other
events' clauses); with none, the article's publication day (news copy reports the day's
events; an ASSAULT inheriting its actor also inherits its date); historical events without a
date expression get an unknown date. A bare weekday told of a happening still ahead is the
next such day. Modality is judged against the dateline's day when the body has one (it beats
a publication date read from the page; rule ``story-day-from-dateline``): a day over two
weeks before it is background (``historical``).

Confidence and salience (the ranking behind the document label) are in ``ranking``.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..records import (
    Actor,
    Article,
    DateMention,
    DateSpan,
    Event,
    Evidence,
    Fatalities,
    Mentions,
    Place,
    PlaceMention,
    Quantity,
)
from ..resolve.tables import country_name
from . import acled as acled_mod
from . import context, document, front, happenings, slots, syntax
from .absorbed import absorbed
from .draft import SPLIT_TYPES, Draft
from .match import MatchContext, find_row, lemma_of
from .ranking import confidence, document_label, rank, salience
from .roles import (
    ActorFinder,
    Found,
    find_role,
    home_authority,
    is_mutual,
    place_authority,
    with_other_side,
)
from .tables import Tables, TriggerRow, load_tables

VERBAL = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "AGREE", "CONCEDE"})
DOMESTIC = frozenset({"CONCEDE", "COERCE"})
CONFLICTUAL = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
LOCATED_BY_RECIPIENT = frozenset({"ASSAULT"})
MOVEMENT = frozenset({"AID", "MOBILIZE", "CONSULT", "RETREAT"})
DEPLOYMENT = frozenset({"MOBILIZE"})
TARGETS_ARE_PLACES = frozenset({"ASSAULT", "COERCE", "PROTEST"})
FIRST_PERSON = frozenset({"we", "i", "us", "our", "my"})


def _paragraph_starts(article: Article) -> list[int]:
    starts, pos = [], 0
    for para in article.body.split("\n\n"):
        starts.append(pos)
        pos += len(para) + 2
    return starts


def _paragraph_of(offset: int, starts: list[int]) -> int:
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


def _attached_to(x: Token, t: Token) -> bool:
    """False when ``x`` sits in a relative, adverbial or complement clause that does not
    contain ``t`` (its date or place belongs to that clause's own happening)."""
    for n in [x, *x.ancestors]:
        finite = any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in n.children)
        clause = n.dep_ in ("relcl", "ccomp") or (n.dep_ in ("advcl", "acl") and finite)
        if clause and not (n.left_edge.i <= t.i <= n.right_edge.i):
            return False
    return True


def _own_side(actor: Found, recipient: Found) -> bool:
    """The recipient phrase is the actor itself, or the actor's own ("its forces")."""
    if set(actor.tokens) & set(recipient.tokens):
        return True
    mine = {a.country for a in actor.actors if a.country}
    theirs = {a.country for a in recipient.actors if a.country}
    return bool(mine) and theirs <= mine and any(
        x.dep_ == "poss" and x.lower_ in ("its", "their") for x in recipient.tokens)


def _codable(d: Draft) -> bool:
    """PLOVER needs a participant; a violent or protest event may be known only by its place."""
    if d.actor or d.recipient:
        return True
    return d.type in TARGETS_ARE_PLACES and d.modality in ("factual", "historical")


def country_name_of(country: str) -> str:
    return country_name(country) or country


def _place_from_country(country: str) -> Place:
    name = country_name_of(country)
    return Place(text=name, name=name, country=country, precision="country")


class _Coder:
    def __init__(self, doc: Doc, article: Article, mentions: Mentions, tables: Tables) -> None:
        self.doc, self.article, self.mentions, self.tables = doc, article, mentions, tables
        self.finder = ActorFinder(doc, mentions, frozenset(tables.classes.get("civilian", {})),
                                  frozenset(tables.cues.get("pair", {})))
        self.published = slots.published_day(article.published)
        self.light = frozenset(tables.cues.get("light", {}))
        self.ctx = MatchContext(tables, self._role_countries, self._subject_sectors)
        self.paragraphs = _paragraph_starts(article)
        self.parts: dict[int, list[Token]] = {}
        self.finder.dateline_end = document.dateline_end(article.body)
        first_end = self.paragraphs[1] if len(self.paragraphs) > 1 else len(article.body)
        self.main = document.home_countries(mentions, first_end)
        self.dateline = document.dateline_place(article.body, mentions)
        self.story_day = document.dateline_day(mentions, self.finder.dateline_end) or self.published
        self.home = document.story_country(self.dateline, self.main)

    def _role_countries(self, t: Token, row: TriggerRow, which: str) -> set[str]:
        found = find_role(self.finder, t, row, which, self.light)
        return {a.country for a in found.actors if a.country}

    def _subject_sectors(self, t: Token) -> set[str]:
        subj = syntax.subject(t)
        if subj is None:
            return set()
        return {a.sector for a in self.finder.phrase(subj).actors if a.sector}

    def sentence_drafts(self, sent: object) -> list[Draft]:
        rows: dict[int, TriggerRow] = {}
        for t in sent:  # type: ignore[attr-defined]
            row = find_row(t, self.ctx)
            if row is not None:
                rows[t.i] = row
        kept = {i: row for i, row in rows.items()
                if not absorbed(self.doc[i], row, rows, self.tables)}
        # a same-type clause folded into its head ("were killed when gunmen stormed a village
        # in Plateau state overnight") lends the head its words: place, date, attacker
        self.parts = {}
        for i, row in rows.items():
            t = self.doc[i]
            if i not in kept and t.dep_ in ("conj", "advcl") and t.head.i in kept and \
                    kept[t.head.i].type == row.type:
                self.parts.setdefault(t.head.i, []).append(t)
        clauses = {i: set(x.i for x in slots.clause_tokens(self.doc[i])) for i in kept}
        drafts: list[Draft] = []
        for i, row in kept.items():
            t = self.doc[i]
            others = set().union(*(c for j, c in clauses.items() if j != i)) - clauses[i]
            built = self.build(t, row, others)
            embedded = any(a.i in rows for a in syntax.ancestors_in_sentence(t))
            # what another event fears or discusses ("concern that Russia may offer") is not
            # a happening of its own
            drafts.extend(d for d in built if _codable(d) and not (
                embedded and d.modality == "hypothetical") and not context.conditional(t))
        document.mark_crowd_violence(drafts)
        return document.merge_same_happening(drafts, self.tables)

    def _event_dates(self, tokens: list[Token]) -> list[DateMention]:
        """Date words of the event, leaving out the dateline's ("SRINAGAR, May 8 (Agency) -"):
        that is the day the story was filed, not the day of its happenings. Unless the dateline
        and the publication date disagree: the other date words ("on Wednesday") were resolved
        against the publication date, so the dateline's own day is the surer one then."""
        found = slots.dates_in(tokens, self.mentions)
        if self.story_day is None or self.published is None or \
                abs((self.story_day - self.published).days) > 1:
            return found
        return [d for d in found if d.start >= self.finder.dateline_end]

    def report_tokens(self, t: Token) -> set[int]:
        """The words of the reporting verbs of ``t``'s sentence ("X said on Friday"), outside
        ``t``'s own phrase: their dates are when it was told, not when it happened."""
        say = self.tables.cues.get("say", {})
        own = {x.i for x in t.subtree}
        out: set[int] = set()
        for s in t.sent:
            if s.i == t.i or s.pos_ not in ("VERB", "AUX") or lemma_of(s) not in say:
                continue
            words = {x.i for x in slots.clause_tokens(s)}
            if t.i not in words:
                out |= words - own
        return out

    def deed_agent(self, t: Token) -> Found | None:
        """"was killed in shelling by government forces": a passive casualty verb with no agent
        of its own is done by the doer named for the attack its clause tells ("by X" on a
        noun of attack or a weapon), not by a party carried over from an earlier sentence (the
        phrase may hang on a coordinated verb: "was killed and another wounded in shelling by")."""
        if not syntax.is_passive(t) and t.tag_ != "VBN":
            return None
        for x in t.subtree:
            if x.dep_ != "pobj" or x.head.lower_ != "by" or x.head.head.i == t.i:
                continue
            deed = x.head.head
            words = (lemma_of(deed), deed.lower_)  # a gerund ("in shelling by") counts as a noun
            if (deed.pos_ == "NOUN" or deed.tag_ == "VBG") and any(
                    (w, "NOUN") in self.tables.triggers or self.tables.in_class("weapon", w)
                    for w in words):
                found = self.finder.phrase(x)
                if any(a.country or a.sector for a in found.actors):
                    return Found(found.actors, found.tokens, "deed-agent")
        return None

    def later_party(self, t: Token, actor: Found) -> Found:
        """No recipient from the grammar: the first party of another country named inside the
        trigger's phrase or clause ("refusing to lift the curfew on Palestinians")."""
        mine = {a.country for a in actor.actors if a.country}
        taken = {x.i for x in actor.tokens}
        sub = [x for x in t.subtree if x.i > t.i and x.i not in taken]
        if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "dobj":
            # a noun object often loses its own prepositional phrase to the parser ("support
            # \"for the fight of Russia's military\""): read on to the end of its clause
            sub += [x for x in t.head.subtree if x.i > t.right_edge.i and x.i not in taken]
        for m in self.finder.mentions_over(sub):
            if m.actor.country and m.actor.country not in mine:
                return Found((m.actor,), tuple(x for x in sub if m.start <= x.idx < m.end),
                             "later-party")
        return Found((), (), "")

    def build(self, t: Token, row: TriggerRow, others: set[int]) -> list[Draft]:
        tables = self.tables
        actor = find_role(self.finder, t, row, "actor", self.light)
        recipient = find_role(self.finder, t, row, "recipient", self.light)
        named = recipient  # the other side the trigger's own words name (not a later party)
        clause = slots.clause_tokens(t)
        for part in self.parts.get(t.i, []):
            clause = sorted(set(clause) | set(slots.clause_tokens(part)), key=lambda x: x.i)
            if not actor.actors:
                part_row = find_row(part, self.ctx)
                if part_row is not None:
                    actor = find_role(self.finder, part, part_row, "actor", self.light)
        obj = syntax.direct_object(t) if row.pos == "VERB" else None
        if obj is not None:  # the object may sit on a coordinated verb ("intercepted and destroyed")
            clause = sorted(set(clause) | set(obj.subtree), key=lambda x: x.i)
        gov = syntax.governor_verb(t) if row.pos == "NOUN" else None
        if gov is not None and lemma_of(gov) in self.light:
            clause = sorted(set(clause) | set(slots.clause_tokens(gov)), key=lambda x: x.i)
        if row.pos == "NOUN" and t.dep_ in ("nsubj", "nsubjpass"):
            # "a protest ... turned violent": what the sentence says of its subject
            said = [x for c in t.head.children if c.dep_ in ("acomp", "oprd", "attr", "advmod")
                    for x in c.subtree]
            clause = sorted(set(clause) | set(said), key=lambda x: x.i)
        mode: str | None = None if row.mode == "-" else row.mode
        if row.mode.startswith("*"):
            mode = acled_mod.weapon_mode(clause, tables) or (row.mode[1:] or None)
        exclude = {x.i for x in actor.tokens}
        if row.type not in TARGETS_ARE_PLACES | MOVEMENT:
            exclude |= {x.i for x in recipient.tokens}
        report = self.report_tokens(t)
        free = [x for x in t.sent if x.i not in others and x.i not in report and _attached_to(x, t)]
        where = clause if row.type not in VERBAL else slots.adjunct_tokens(gov or t)
        if row.pos == "NOUN" and t.dep_ in ("nsubj", "nsubjpass"):
            where = where + slots.adjunct_tokens(t.head)  # "A blast tore through X in Y"
        places = slots.places_in(where, self.mentions, exclude,
                                 row.type in MOVEMENT or row.type == "ASSAULT")
        if not places and (gov or t).dep_ == "ROOT":
            # "Meeting Choe in Moscow, Lavrov hailed ...": the setting of the main clause
            places = slots.places_in(slots.adjunct_tokens(gov or t, with_clauses=True),
                                     self.mentions, exclude, False)
        if not places:
            # "A car bomb exploded next to a vehicle carrying workers on the outskirts of
            # Manbij": a setting told further down the sentence, outside other events' clauses
            places = slots.places_in(free, self.mentions, exclude, False)
        if not places and row.type in TARGETS_ARE_PLACES:
            # "shelled the Dniprovskyi district of Kherson city", "hit the Ryazan oil refinery":
            # the target names the place
            places = slots.places_within(recipient.tokens, self.mentions)
        picked = slots.pick_places(places, split=row.type in SPLIT_TYPES)
        content = _promised(t, row)
        dates = self._event_dates([x for x in clause if x.i not in content])
        if not dates:  # a date elsewhere in the sentence, outside other events' clauses
            dates = self._event_dates([x for x in free if x.i not in content])
        if dates:
            date = dates[0].date
        else:
            # "the air force said in a report on Friday morning": the day of the telling bounds
            # the happening but is not its date, so it stays a fallback that context (the
            # attack this one follows) may replace
            told = slots.dates_in([self.doc[i] for i in sorted(report)], self.mentions)
            date = told[0].date if told else slots.default_date(self.published)
        quantities = slots.quantities_in(clause, self.mentions, tables)
        # casualty counts anywhere in the sentence outside other events' clauses ("..., killing
        # 14 people") belong to this event
        casualties = [q for q in slots.quantities_in(free, self.mentions, tables)
                      if q.status in ("killed", "injured") and q not in quantities]
        fat = slots.fatalities(quantities + casualties, list(t.sent), tables)
        attr = context.attribution(t, self.finder, tables)
        speaker_subj = syntax.subject(gov if gov is not None else t) if row.pos != "AUX" else None
        if row.type == "ASSAULT" and actor.actors and not any(
                a.country or a.sector for a in actor.actors) and any(
                tables.in_class("weapon", lemma_of(x)) or (lemma_of(x), "NOUN") in tables.triggers
                for x in actor.tokens):
            # "the strike killed ...", "a drone hit ...": the weapon is not the attacker
            actor = Found((), (), "")
        if row.type == "ASSAULT" and not actor.actors:
            actor = self.deed_agent(t) or actor
        if row.type == "ASSAULT" and not any(a.country for a in actor.actors):
            origin = document.origin_actor(t, self.mentions)
            if origin is not None:  # "rockets were fired from northern Gaza"
                actor = Found(tuple(replace(a, country=origin.country) for a in actor.actors)
                              or (origin,), actor.tokens, "origin-place")
        if not actor.actors:
            actor = place_authority(t, row, picked, self.doc.text) if picked else actor
        if not actor.actors and not picked:
            actor = home_authority(t, row, self.home)
        if not actor.actors and attr.source_actor is not None and (any(
                x.lower_ in FIRST_PERSON for x in actor.tokens) or (
                speaker_subj is not None and speaker_subj.lower_ in FIRST_PERSON)):
            actor = Found((attr.source_actor,), actor.tokens, "speaker")  # "we will ...", said X
        if recipient.actors and row.type != "ASSAULT" and _own_side(actor, recipient):
            # "Israel is opposed to ...": the parser's object is the actor itself; "strengthened
            # its forces in Lebanon", "urged its citizens": the actor's own people are not the
            # other side: a party of another country further on is
            later = self.later_party(t, actor)
            if later.actors or set(actor.tokens) & set(recipient.tokens):
                recipient = later
        if row.type != "ASSAULT" and not any(a.country for a in recipient.actors):
            later = self.later_party(t, actor)
            if later.actors or not recipient.actors:
                recipient = later if later.actors else recipient
        if actor.actors and recipient.actors:
            mine = {a.country for a in actor.actors if a.country}
            rest = tuple(a for a in recipient.actors if a.country not in mine)
            if rest:  # "ties between Moscow and Pyongyang" hailed by Moscow: the other side
                recipient = Found(rest, recipient.tokens, recipient.rule)
        # background and future are judged against the article's own date: its dateline's
        # day beats a publication date read from the page (a site's date bar may be late)
        modality = context.modality(t, tables, date, self.story_day, bool(dates))
        date = slots.weekday_ahead(date, modality, self.published)
        if is_mutual(row) and modality in ("factual", "historical"):
            # "X telephoned Y": both sides consult; a promised meeting is the promiser's alone
            actor = with_other_side(actor, named)
        if modality == "historical" and not dates:
            date = DateSpan()
        para = _paragraph_of(t.idx, self.paragraphs)
        rules = [row.rule]
        if self.story_day != self.published and date.start:
            rules.append("story-day-from-dateline")
        for f, name in ((actor, "actor"), (recipient, "recipient")):
            if f.rule:
                rules.append(f"{name}={f.rule}")
        base = Draft(token=t, row=row, type=row.type, mode=mode, contexts=row.contexts,
                     actor=actor.actors, recipient=recipient.actors, actor_tokens=actor.tokens,
                     recipient_tokens=recipient.tokens, clause=clause, place=None, date=date,
                     date_from_text=bool(dates), quantities=quantities, fatalities=fat,
                     attribution=attr, modality=modality, paragraph=para, rules=rules,
                     acled_code=row.acled)
        if not picked:
            return [base]
        if len(picked) == 1:
            return [replace(base, place=picked[0])]
        counted = slots.counts_by_place(clause, picked, quantities, self.mentions)
        return [replace(base, place=p, rules=[*rules, "one-event-per-place"],
                        quantities=counted.get(id(p), quantities))
                for p in picked]


def _fold(drafts: list[Draft], mentions: Mentions, tables: Tables) -> list[Draft]:
    """Document rules of step 4 (see module docstring)."""
    out: list[Draft] = []
    for d in drafts:
        if d.type == "ASSAULT" and document.fold_outcome(
                next((o for o in reversed(out) if o.type == "ASSAULT"), None), d, tables):
            continue
        same = next((o for o in out if o.key == d.key), None)
        if same is not None:  # told again: keep the first telling, complete its place
            if same.place is None and d.place is not None:
                same.place = d.place
                same.rules.append(f"place-from-repeat:{d.row.rule}")
            continue
        prev = next((o for o in reversed(out) if o.type == d.type == "ASSAULT"
                     and o.paragraph == d.paragraph and o.actor), None)
        if prev is not None and document.same_side(prev.actor, d.recipient):
            # "police fired tear gas ... one police officer was killed in the clashes": the
            # victims' own side is not their attacker; the latest earlier attack by another
            # party is
            prev = next((o for o in reversed(out) if o.type == "ASSAULT" and o.actor and
                         not document.same_side(o.actor, d.recipient)), None)
        if prev is not None and not d.actor_countries and not d.recipient and d.place is None:
            # the whole follow-up sentence counts the same weapons ("31 drones were intercepted,
            # 14 were jammed")
            items = {q.item for q in prev.quantities}
            more = slots.quantities_in(list(d.token.sent), mentions, tables)
            prev.quantities.extend(q for q in [*d.quantities, *more]
                                   if q not in prev.quantities and q.item in items)
            prev.rules.append(f"folded:{d.row.rule}")
            if d.acled_code != "disrupt":
                continue
            # an interception told on its own ("Two were intercepted") is also an event of
            # its own: Disrupted weapons use, with the parties of the attack it stopped
        if prev is not None and d.type == "ASSAULT" and not d.actor_countries:
            d.actor = prev.actor
            d.crowd = d.crowd or prev.crowd
            d.inherited = True
            d.rules.append("actor-from-previous-assault")
            if not d.date_from_text:
                d.date = prev.date
            if d.attribution.stance == "reported" and not d.attribution.source:
                d.attribution = prev.attribution
        out.append(d)
    return out


def _fill_from_sentence_country(d: Draft, mentions: Mentions) -> None:
    """Parties without a country in a sentence that names exactly one country ("prisoners
    rioted at a jail in Dili") are of that country, as PLOVER codes domestic actors; not when
    that country is the other side of the event ("Western leaders ... the North Korean ...")."""
    sent = d.token.sent
    s, e = sent.start_char, sent.end_char
    named = {m.place.country for m in mentions.places if s <= m.start < e and m.place.country}
    named |= {m.actor.country for m in mentions.actors if s <= m.start < e and m.actor.country
              and len(m.actor.country) == 3 and m.actor.country not in ("IGO", "NGO", "IMG")}
    if len(named) != 1:
        return
    home = next(iter(named))
    if not d.recipient and d.type in DOMESTIC | {"PROTEST"}:
        # protests, concessions and repression address the government of the country
        d.recipient = (Actor(text=home, name=country_name_of(home), country=home, sector="GOV",
                             kind="state"),)
        d.rules.append("recipient-is-home-government")
    for role, other in (("actor", d.recipient), ("recipient", d.actor)):
        if home in {a.country for a in other}:
            continue
        parties = getattr(d, role)
        if any(a.country is None for a in parties):
            setattr(d, role, tuple(replace(a, country=home) if a.country is None else a
                                   for a in parties))
            d.rules.append(f"{role}-country-from-sentence")


def _fill_recipient_country(d: Draft) -> None:
    """Parties named without a country ("opposition groups", "a residential block") belong to
    the country where the event happens (PLOVER codes domestic actors by their country)."""
    if d.place is None or not d.place.place.country:
        return
    home = d.place.place.country
    d.recipient = tuple(replace(a, country=home) if a.country is None else a for a in d.recipient)
    d.actor = tuple(replace(a, country=home) if a.country is None and a.sector != "CVL" and
                    a.kind != "person" else a for a in d.actor)
    if not d.recipient and d.type in DOMESTIC:
        d.recipient = (Actor(text=d.place.place.text, name=d.place.place.name, country=home,
                             kind="state"),)
        d.rules.append("recipient-from-place")


# A source of these sectors named without a country ("the Interior Ministry said", "police
# said") is the state's own where the event happens, else the story's country.
STATE_SOURCES = frozenset({"GOV", "MIL", "COP", "JUD", "SPY", "LEG"})


def _fill_source_country(d: Draft, place: Place | None, home: str | None) -> None:
    """A local source ("residents said") is of the event's place; an official source without a
    country is of the place's state, else of the story's own country (``source-country``)."""
    source = d.attribution.source_actor
    if source is None or source.country:
        return
    country = place.country if place is not None and place.country else None
    if context.is_local_source(d.attribution):
        pass
    elif source.sector in STATE_SOURCES:
        country = country or home
        if country and len(country) == 3 and country not in document.NON_STATES:
            d.rules.append("source-country")
        else:
            country = None
    else:
        country = None
    if country:
        d.attribution = replace(d.attribution, source_actor=replace(source, country=country))


def _leftovers(coder: _Coder, sent: object, drafts: list[Draft]) -> None:
    """Counts and "no casualties" of a sentence with no event of its own belong to the latest
    event of the same paragraph; a death or injury toll ("Officials put the death toll at 20")
    to the first attack of the last sentences (in wire copy every sentence is a paragraph)."""
    tokens = list(sent)  # type: ignore[call-overload]
    para = _paragraph_of(tokens[0].idx, coder.paragraphs)
    found = slots.quantities_in(tokens, coder.mentions, coder.tables)
    # the first attack within reach: a toll sums up the happening the story opened with, not
    # a detail told after it ("The gunmen went from house to house, shooting residents")
    attack = next((d for d in drafts if d.type == "ASSAULT"
                   and document.within_reach(d.token, tokens[0])), None)
    if attack is not None:
        _fill_toll(attack, found)
    target = next((d for d in reversed(drafts) if d.paragraph == para), None)
    if target is None:
        return
    items = {q.item for q in target.quantities}
    for q in found:
        if q.item in items and q not in target.quantities:
            target.quantities.append(q)
            target.rules.append("counts-from-next-sentence")
    zero = slots.no_casualties(tokens, coder.tables)
    if zero is not None:
        target.fatalities = slots.fill_missing(target.fatalities, slots.zero_toll(zero))
        target.rules.append("no-casualties-sentence")


def _fill_toll(d: Draft, found: list[Quantity]) -> None:
    filled = slots.fill_missing(d.fatalities, slots.counted_toll(found))
    if filled != (d.fatalities or Fatalities()):
        d.fatalities = filled
        d.rules.append("toll-from-next-sentence")


def _future_types(d: Draft) -> None:
    """PLOVER codes intentions by what they promise: cooperation announced for the future is
    AGREE, harm announced for the future is THREATEN (both keep modality "future": what is
    promised or threatened lies ahead), and cooperation refused or failed is REJECT (factual). (The PLOVER manual would keep future
    RETREAT/CONCEDE as they are; the PLOVER gold records code them AGREE, which we follow.)"""
    if d.modality == "future" and d.type in COOPERATIVE | {"RETREAT", "CONCEDE"}:
        d.rules.append(f"future-{d.type}-is-AGREE")
        d.type, d.mode, d.acled_code = "AGREE", None, "-"
    elif d.modality == "future" and d.type in CONFLICTUAL:
        d.rules.append(f"future-{d.type}-is-THREATEN")
        d.type, d.acled_code = "THREATEN", "-"
    if d.modality in ("future", "hypothetical") and d.type != "THREATEN":
        cond = context.condition_of(d.token)
        # "will withdraw its force unless ...", "may halt sanctions if ...": a conditional
        # harm is a threat
        if cond == "unless" or (cond == "if" and d.type in CONFLICTUAL | {"SANCTION"}):
            d.rules.append(f"conditional-{d.type}-is-THREATEN")
            d.type, d.mode, d.acled_code = "THREATEN", None, "-"
    elif d.modality == "negated" and d.type in COOPERATIVE | {"AGREE", "RETREAT", "CONCEDE"} \
            and d.actor:
        d.rules.append(f"negated-{d.type}-is-REJECT")
        d.type, d.mode, d.modality, d.acled_code = "REJECT", None, "factual", "-"


def _counted(d: Draft) -> tuple[Quantity, ...]:
    """The event's counts; its own dead and wounded are told once, as fatalities (a count of
    killed people in another clause of the sentence is not a count of this event either)."""
    if d.fatalities is None:
        return tuple(d.quantities)
    return tuple(q for q in d.quantities if q.status not in ("killed", "injured"))


def _mentions(d: Draft, article: Article) -> tuple[Evidence, ...]:
    """Every telling of the event's happening: its own sentence first, then the merged ones
    (a telling in the headline or standfirst has offsets into that part)."""
    out: list[Evidence] = []
    for t in [d.token, *d.told]:
        ev = front.evidence_of(t, article.body)
        if ev not in out:
            out.append(ev)
    return tuple(out)


def _front_drafts(parts: tuple[front.FrontPart, ...], article: Article,
                  tables: Tables) -> tuple[list[Draft], PlaceMention | None]:
    """The drafts of the headline and standfirst, and the standfirst's dateline town."""
    drafts: list[Draft] = []
    dateline = None
    for part in parts:
        part.doc.user_data[front.PART_KEY] = part.name
        coder = _Coder(part.doc, front.part_article(article, part.doc.text), part.mentions,
                       tables)
        for sent in part.doc.sents:
            if not front.copies_body(sent.text, article.body):
                drafts.extend(coder.sentence_drafts(sent))
        dateline = dateline or coder.dateline
    return drafts, dateline


def code_article(doc: Doc, article: Article, mentions: Mentions,
                 provenance: dict[str, str],
                 parts: tuple[front.FrontPart, ...] = ()) -> list[Event]:
    """The article's events; ``parts`` are its parsed headline and standfirst (``front``)."""
    tables = load_tables()
    coder = _Coder(doc, article, mentions, tables)
    front_drafts, front_dateline = _front_drafts(parts, article, tables)
    if coder.dateline is None and front_dateline is not None:
        # "HANOI, Vietnam (AP) -" opening the standfirst is the story's dateline
        coder.dateline = front_dateline
        coder.home = document.story_country(front_dateline, coder.main)
    by_part = {"body": mentions, **{p.name: p.mentions for p in parts}}
    drafts: list[Draft] = []
    for sent in doc.sents:
        found = coder.sentence_drafts(sent)
        if found:
            drafts.extend(found)
        else:
            _leftovers(coder, sent, drafts)
    drafts = _fold(drafts, mentions, tables)
    document.disrupted_parties(drafts)
    drafts = happenings.merge_happenings(drafts)
    happenings.place_from_paragraph(drafts)
    lead = document.lead_sentence(drafts)
    drafts = front.merge_front(front_drafts, drafts)
    sentence_index = {s.start: i for i, s in enumerate(doc.sents)}
    dateline = coder.dateline
    events: list[Event] = []
    for d in drafts:
        _future_types(d)
        _fill_recipient_country(d)
        _fill_from_sentence_country(d, by_part[front.part_of(d.token)])
        document.fill_domestic(d, coder.main)
        place = d.place.place if d.place else None
        if not d.actor and d.type == "ASSAULT" and place is not None and place.country:
            # ACLED's convention for attacks nobody is named for: an unidentified armed group
            # of the country where it happened
            d.actor = (Actor(text="unidentified armed group",
                             name=f"Unidentified Armed Group ({country_name_of(place.country)})",
                             country=place.country, kind="group"),)
            d.rules.append("actor-unidentified")
        if not d.actor and d.type == "PROTEST" and place is not None and place.country and \
                len(place.country) == 3 and place.country not in document.NON_STATES:
            # ACLED's convention: the demonstrators of the country where they gather
            d.actor = (Actor(text="protesters", name=f"Protesters ({country_name_of(place.country)})",
                             country=place.country, sector="CVL", kind="group"),)
            d.rules.append("actor-protesters")
        if place is not None and not place.country and place.text.lower().startswith("the ") \
                and dateline is not None and d.modality == "factual":
            # "HANOI (AP) - ... accused China of coercion in the South China Sea": a sea or a
            # vague region named in passing (no country; "the ...", unlike an unknown town) is
            # not where it happened; the dateline's town is
            place = None
            d.rules.append("dateline-over-countryless-place")
        if place is None and dateline is not None and d.modality == "factual":
            # the dateline's town, unless the event's parties are all of other countries
            # ("CAIRO (Agency) - Israeli strikes on Gaza ...")
            parties = {a.country for a in (*d.actor, *d.recipient)
                       if a.country and len(a.country) == 3 and a.country not in ("IGO", "NGO")}
            if not parties or dateline.place.country in parties:
                place = dateline.place
                d.rules.append("place-from-dateline")
        if place is None and d.type in LOCATED_BY_RECIPIENT and d.modality == "factual":
            countries = [a.country for a in d.recipient if a.country and len(a.country) == 3
                         and a.country not in ("IGO", "NGO")]
            if countries:
                place = _place_from_country(countries[0])
                d.rules.append("place-from-recipient")
        if d.type in DEPLOYMENT and place is not None and place.country and \
                len(place.country) == 3 and place.country not in d.actor_countries and \
                not any(a.country for a in d.recipient):
            # "troops stayed on alert in the West Bank": a deployment abroad addresses the
            # state where it stands
            name = country_name_of(place.country)
            d.recipient = (Actor(text=place.text, name=name, country=place.country,
                                 kind="state"),)
            d.rules.append("recipient-from-deployment-place")
        _fill_source_country(d, place, coder.home)
        killed = d.fatalities.killed if d.fatalities else None
        acled = acled_mod.acled_for(d.acled_code, d.mode, d.actor, d.recipient, d.recipient_tokens,
                                    d.clause, d.type, killed, tables, d.actor_tokens,
                                    crowd=d.crowd)
        evidence = replace(front.evidence_of(d.token, article.body), rule="+".join(d.rules))
        start, end = evidence.start, evidence.end
        place_key = f"{place.geonameid or place.name}" if place else ""
        if evidence.part != "body":
            place_key = f"{evidence.part}:{place_key}"
        conf = confidence(d)
        # the headline and standfirst tell the story's news: as its first sentence
        index = 0 if front.told_in_front(d) else sentence_index.get(d.token.sent.start, 0)
        events.append(Event(
            event_id=Event.id_for(article.id, start, end, d.type, f"{place_key}@{d.token.idx}"),
            article_id=article.id, type=d.type,
            evidence=evidence,
            mode=acled_mod.plover_mode(d.mode), contexts=d.contexts, acled=acled,
            actor=d.actor, recipient=d.recipient, location=place, date=d.date,
            quantities=_counted(d), fatalities=d.fatalities, attribution=d.attribution,
            modality=d.modality, confidence=conf,
            salience=salience(d, acled, len(coder.paragraphs), conf, lead, index),
            provenance=dict(provenance), mentions=_mentions(d, article),
        ))
    return document.disrupted_launches(events, tables)


__all__ = ["code_article", "document_label", "rank"]
