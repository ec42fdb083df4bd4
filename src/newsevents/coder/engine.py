"""Event coding over one parsed article: triggers -> coded, explained Events.

Steps (each event's ``evidence.rule`` names the lexicon row and every extra rule that fired):
1. every token is looked up in the trigger lexicon (``match.find_row``: lemma, part of speech,
   the row's conditions; modal "must" is a trigger of its own: "X said Y must ..." = REQUEST);
2. triggers that are only part of another event are dropped: the offence an arrest or charge
   is for, named as a kind ("arrested for aggravated assault"), a trigger noun that is the object
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
   as counts ("31 drones were intercepted"); the police's response told right after a protest,
   aimed at no one its own words name ("Police fired tear gas; 1 protester was killed"), is
   that protest's intervention and toll, as are arrests of people no name sets apart told with
   a protest or riot or just after it, on its days; counts and "no casualties" in a sentence without
   an event go to the latest event of the paragraph; future cooperation becomes AGREE, future
   or conditional harm THREATEN, refused cooperation REJECT; parties without a country take the
   one country their sentence names; a repeat of an event already coded (same type, parties,
   source and counts, on no other day) is dropped, lending its place, unless it dates the
   happening more finely: it is then the event's main telling (``repeat-dated``); an attack
   stopped in its own sentence is Disrupted weapons use; a deployment abroad addresses the
   state where it stands; when a clause pairs each of its places with its own count ("400 in
   X and 56 in Y"), each place's event keeps its own count; the event's own dead and wounded
   are its fatalities, not counts; later tellings of one happening merge into the first, kept
   as its ``mentions`` (``happenings``; a subheading's happening takes the telling of the
   paragraph under it as its main one); an event its sentence does not place takes the town
   of the paragraph's latest placed event when its parties are of that country; an event still
   unplaced takes the dateline's town when its parties are local, and a story with no dateline
   lends the town of its headline, else of its first sentence, instead
   (``place-from-story-town``).

Roles beyond the lexicon: an agentless passive arrest, charge, sentence, deportation or
quarantine is by the police (courts, for legal acts; the government, for measures other than
arrests and deportations) of the place's country, else of the story's own country
(``home-authority``); a passive casualty verb takes its doer from "by X" on the attack its
clause tells (``deed-agent``) before any actor carried over from an earlier sentence.

Dates: a date expression in the trigger's clause (else elsewhere in the sentence outside other
events' clauses; a "when" clause on a noun takes the noun's date: "the March 3 ceasefire, when
rebels released 40 prisoners"); with none, the day of a dated heading opening its paragraph ("March 3:
ARRESTS - ...", ``date-from-heading``), else the day the story gave the latest earlier factual
event of its type unless it is told in the present (``date-from-earlier-telling``), else the
date of an act told by a verb joined to its own ("were charged and arrested":
``date-of-joined-act``), else,
for an act told in the simple past, the one past day of the last two weeks that the sentence
before it names (``day-of-sentence-before``), else, for a statement or a decision told in the
simple past, the past day the lead gives its telling ("said Thursday": ``day-of-lead``), else the
article's publication day (news copy reports the day's events; an ASSAULT inheriting its actor
also inherits its date); historical events without a
date expression get an unknown date. A bare weekday told of a happening still ahead is the
next such day, and "this weekend" told of a happening done the weekend just past. Modality is
judged against the dateline's day when the body has one (it beats a publication date read from
the page; rule ``story-day-from-dateline``): a day over two weeks before it is background
(``historical``).

Where the steps live: 1 to 3 in ``sentence`` (its rules beyond the lexicon in ``build_rules``,
step 2 in ``absorbed``); the folding rules of step 4 here, the other document rules in
``document`` and ``happenings``, the last rules over each event and its record in ``finish``;
the draft itself in ``draft``. Confidence and salience (the ranking behind the document label)
are in ``ranking``.
"""


from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..lexicon import coder_words
from ..records import Article, Event, Fatalities, Mentions, PlaceMention, Quantity
from ..resolve.place_scan import is_sure_town
from ..resolve.places import get_gazetteer
from . import document, finish, front, happenings, slots, stance, surroundings, syntax, tolls
from .draft import Draft
from .match import lemma_of
from .no_happening import cumulative_toll_words
from .ranking import document_label, rank, told_by_another
from .sentence import SentenceCoder, paragraph_of, relative_clause
from .tables import Tables, load_tables


def _latest_assault(out: list[Draft]) -> Draft | None:
    return next((o for o in reversed(out) if tolls.violent(o)), None)


def _place_from_repeat(d: Draft, out: list[Draft]) -> bool:
    """A repeat of an event already coded (same type, parties, source and counts, on no other
    day): one event, the first telling, which takes the repeat's place when it has none and
    keeps the repeat as a mention (not its date: a repeat the text dates while the first
    telling is undated may tell another happening of the type, "since 2 March"); but
    the telling that dates the happening more finely is the event's main evidence ("a shooting
    last week ...", then "an April 8 shooting in the 400 block ...": ``_dated_repeat``), and so
    is one that tells as done what the first told as coming."""
    if happenings.told_as_next(d):  # "Iwaya later met Premier Li Qiang": another meeting
        return False
    same = next((o for o in out if o.key == d.key and not happenings.dates_contradict(o, d)),
                None)
    if same is None:
        return False
    if happenings.finer_date(d, same):
        _dated_repeat(d, same, out)
        return True
    if d.modality == "factual" and same.modality == "future" and syntax.told_in_past(d.token):
        # "Bihar announced a lockdown that will come into force later this week", then "the
        # collector ordered a lockdown in the entire Patna district": the act told as done is
        # the event, its announcement a mention
        happenings.absorb(d, same, rule="repeat-done")
        out[out.index(same)] = d
        return True
    if same.place is None and d.place is not None:
        same.place = d.place
        same.rules.append(f"place-from-repeat:{d.row.rule}")
    happenings.tell(same, d, "repeat")
    return True


def _dated_repeat(d: Draft, same: Draft, out: list[Draft]) -> None:
    """``d`` tells ``same``'s happening with its day: ``d`` takes ``same``'s place in the
    list, completed with what ``same`` knows (parties, place, toll, counts), and ``same``
    becomes one of its mentions."""
    happenings.absorb(d, same, rule="repeat-dated")
    out[out.index(same)] = d


def _previous_assault(d: Draft, out: list[Draft], again: bool) -> Draft | None:
    """The latest earlier attack of ``d``'s paragraph with an actor, when ``d`` is an attack;
    "police fired tear gas ... one police officer was killed in the clashes": the victims' own
    side is not their attacker; the latest earlier attack by another party is. ``again``
    (``_another``): any earlier paragraph's attack will do."""
    prev = next((o for o in reversed(out) if o.type == d.type == "ASSAULT"
                 and (o.paragraph == d.paragraph or again or _one_of(d, o)) and o.actor), None)
    if prev is not None and document.same_side(prev.actor, d.recipient):
        prev = next((o for o in reversed(out) if o.type == "ASSAULT" and o.actor and
                     not document.same_side(o.actor, d.recipient)), None)
    return prev


def _one_of(d: Draft, o: Draft) -> bool:
    """"Israeli air strikes killed 23 people across Gaza." then, a paragraph on, "In Khan
    Younis, a strike on a tent killed 11": a noun telling one of the acts an earlier noun
    counted is one of them."""
    many = {lemma_of(t) for t in _act_nouns(o) if t.tag_ == "NNS"}
    return any((t.tag_ == "NN" or _these(t)) and lemma_of(t) in many
               for t in _act_nouns(d, d.clause))


def _these(t: Token) -> bool:
    """"as a result of these airstrikes": a plural act noun pointed back to is the acts an
    earlier noun told."""
    return t.tag_ == "NNS" and any(c.dep_ == "det" and c.lower_ in ("these", "those")
                                   for c in t.children)


def _act_nouns(d: Draft, clause: list[Token] | None = None) -> list[Token]:
    """The nouns that name the draft's act: its trigger, or the subject of a trigger verb
    ("strikes killed 23"); with ``clause``, also its nouns (a trigger noun merged in with
    the verb: "a strike on a tent ... killed 11")."""
    subj = syntax.subject(d.token) if d.token.pos_ == "VERB" else None
    return [t for t in (d.token, subj, *(clause or ())) if t is not None and t.pos_ == "NOUN"]


def _folded(d: Draft, prev: Draft, mentions: Mentions, tables: Tables) -> bool:
    """A follow-up with no actor of a country, recipient or place counts the same weapons
    ("31 drones were intercepted, 14 were jammed"): its sentence's counts, and the toll it
    gives, go to ``prev``."""
    if d.actor_countries or d.recipient or d.place is not None:
        return False
    items = {q.item for q in prev.quantities}
    more = slots.quantities_in(list(d.token.sent), mentions, tables)
    prev.quantities.extend(q for q in [*d.quantities, *more]
                           if q not in prev.quantities and q.item in items)
    if d.fatalities is not None:  # ("...; 2 rioters were shot dead": the toll is not lost)
        prev.fatalities = slots.fill_missing(prev.fatalities or Fatalities(), d.fatalities)
    prev.rules.append(f"folded:{d.row.rule}")
    return True


def _another(d: Draft) -> bool:
    """"Another strike hit a house", "a second attack": an attack of the kind told before,
    whatever paragraph told it."""
    t = d.token
    nouns = [t] if t.pos_ == "NOUN" else [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    # ("five more people": "more" hangs on the number)
    words = [c for n in nouns for c in n.children] + \
        [g for n in nouns for c in n.children if c.dep_ == "nummod" for g in c.children]
    return any(w.dep_ in ("det", "amod") and w.lower_ in coder_words("another") for w in words)


def _weapon_fired_before(d: Draft, out: list[Draft], tables: Tables) -> Draft | None:
    """"Russia attacked Ukraine overnight with 112 drones ...", paragraphs later "A drone hit an
    energy facility": a weapon named without its owner is one of those of the latest earlier
    attack of its kind by a party of a country, whatever paragraph told it."""
    if d.type != "ASSAULT" or d.actor_countries or d.mode is None:
        return None
    if d.actor:
        if not all(document.unowned_weapon(d, a, tables) for a in d.actor):
            return None
    elif not _weapon_subject(d, tables):
        return None
    return next((o for o in reversed(out) if o.type == "ASSAULT" and o.actor_countries
                 and o.mode == d.mode and not document.same_side(o.actor, d.recipient)), None)


def _weapon_subject(d: Draft, tables: Tables) -> bool:
    """"Shells struck a bus stop": the subject of the trigger is a weapon word."""
    subj = syntax.subject(d.token) if d.token.pos_ == "VERB" else None
    return subj is not None and tables.in_class("weapon", subj.lemma_.lower())


def _actor_from_previous_assault(d: Draft, prev: Draft, again: bool) -> None:
    """An attack with no actor of a country takes the actor (and date and source) of ``prev``
    ("drone debris damaged houses" after "Russia launched drones"); "another strike", or one of
    the strikes told before, with no weapon of its own is also of ``prev``'s weapon."""
    if d.type != "ASSAULT" or d.actor_countries:
        return
    d.actor = prev.actor
    d.crowd = d.crowd or prev.crowd
    d.inherited = True
    d.rules.append("actor-from-previous-assault")
    if d.mode is None and again:
        d.mode = prev.mode
    if not d.date_from_text:
        d.date = prev.date
    if d.attribution.stance == "reported" and not d.attribution.source:
        d.attribution = prev.attribution


def _told_before(d: Draft, out: list[Draft], mentions: Mentions, tables: Tables) -> bool:
    """``d`` only tells more of an event in ``out`` (which takes what it adds): the rules of
    step 4 in order (see module docstring)."""
    if tolls.fold_intervention(out[-1] if out else None, d, mentions) or \
            tolls.fold_arrests(out, d, mentions, tables):
        return True
    if d.type == "ASSAULT" and tolls.fold_outcome(_latest_assault(out), d, tables, mentions):
        return True
    if _place_from_repeat(d, out):
        return True
    again = _another(d)
    prev = _previous_assault(d, out, again) or _weapon_fired_before(d, out, tables)
    if prev is None:
        return False
    # an interception told on its own ("Two were intercepted") is also an event of its own:
    # Disrupted weapons use, with the parties of the attack it stopped
    if _folded(d, prev, mentions, tables) and d.acled_code != "disrupt":
        return True
    no_carry = document.no_carry(prev, d, tables)
    if no_carry:
        d.rules.append(no_carry)
    else:
        _actor_from_previous_assault(d, prev, again or _one_of(d, prev))
    return False


def _fold(drafts: list[Draft], mentions: Mentions, tables: Tables) -> list[Draft]:
    """Document rules of step 4 (see module docstring)."""
    out: list[Draft] = []
    for d in drafts:
        if not _told_before(d, out, mentions, tables):
            out.append(d)
    return out


def _fill_toll(d: Draft, found: list[Quantity]) -> None:
    filled = slots.fill_missing(d.fatalities, slots.counted_toll(found))
    if filled != (d.fatalities or Fatalities()):
        d.fatalities = filled
        d.rules.append("toll-from-next-sentence")


def _counts_from_next_sentence(target: Draft, found: list[Quantity]) -> None:
    items = {q.item for q in target.quantities}
    for q in found:
        if q.item in items and q not in target.quantities:
            target.quantities.append(q)
            target.rules.append("counts-from-next-sentence")


def _leftovers(coder: SentenceCoder, sent: Span, drafts: list[Draft],
               described: frozenset[int] | set[int] = frozenset()) -> None:
    """Counts and "no casualties" of a sentence with no event of its own (outside the relative
    clauses ``described``) belong to the latest event of the same paragraph; a death or injury
    toll ("Officials put the death toll at 20") to the first attack of the last sentences (in
    wire copy every sentence is a paragraph)."""
    counted = cumulative_toll_words(sent, coder.tables) | set(described)
    tokens = [t for t in sent if t.i not in counted]
    if not tokens:
        return
    para = paragraph_of(tokens[0].idx, coder.paragraphs)
    found = slots.quantities_in(tokens, coder.mentions, coder.tables)
    # the first attack within reach: a toll sums up the happening the story opened with, not
    # a detail told after it ("The gunmen went from house to house, shooting residents")
    attack = next((d for d in drafts if tolls.violent(d)
                   and tolls.within_reach(d.token, tokens[0])), None)
    if attack is not None:
        _fill_toll(attack, found)
    # (not a happening its sentence puts at an earlier time: "... following the fatal
    # shooting of a teenager. No deaths were reported." tells of the sentence's own act)
    target = next((d for d in reversed(drafts) if d.paragraph == para
                   and not happenings.at_another_time(d.token)), None)
    if target is None:
        return
    _counts_from_next_sentence(target, found)
    zero = slots.no_casualties(tokens, coder.tables)
    if zero is not None:
        # "no one was killed" is said of violence, not of the arrests or charges told after it
        violent = next((d for d in reversed(drafts) if d.paragraph == para
                        and d.type in ("ASSAULT", "PROTEST")
                        and not happenings.at_another_time(d.token)), target)
        violent.fatalities = slots.fill_missing(violent.fatalities, slots.zero_toll(zero))
        violent.rules.append("no-casualties-sentence")


def _front_drafts(parts: tuple[front.FrontPart, ...], article: Article,
                  tables: Tables, strict: bool) -> tuple[list[Draft], PlaceMention | None]:
    """The drafts of the headline and standfirst, and the standfirst's dateline town."""
    drafts: list[Draft] = []
    dateline = None
    for part in parts:
        part.doc.user_data[front.PART_KEY] = part.name
        coder = SentenceCoder(part.doc, front.part_article(article, part.doc.text),
                              part.mentions, tables, strict=strict)
        for sent in part.doc.sents:
            if not front.copies_body(sent.text, article.body):
                drafts.extend(coder.sentence_drafts(sent))
        dateline = dateline or coder.dateline
    return drafts, dateline


def _body_drafts(coder: SentenceCoder, doc: Doc) -> list[Draft]:
    """Steps 1 to 3 over the body; a sentence without an event (or with only a denied toll)
    lends its counts (``_leftovers``)."""
    drafts: list[Draft] = []
    for sent in doc.sents:
        found = coder.sentence_drafts(sent)
        # "No one was killed": a toll denied is the count of the event told before; so is a
        # toll whose sentence tells events only in relative clauses ("..., a riot-control
        # agent whose use in war is banned")
        clauses = [relative_clause(d.token) for d in found]
        if all(c is not None or (d.modality == "negated" and coder.tables.casualty(lemma_of(d.token)))
               for d, c in zip(found, clauses, strict=True)):
            _leftovers(coder, sent, drafts,
                       {x.i for c in clauses if c is not None for x in c.subtree})
        drafts.extend(found)
    return drafts


def _document_rules(drafts: list[Draft], mentions: Mentions, tables: Tables,
                    coder: SentenceCoder) -> list[Draft]:
    """Step 4 over the body's drafts, before the front is merged in."""
    drafts = _fold(drafts, mentions, tables)
    document.disrupted_parties(drafts)
    surroundings.date_from_heading(drafts, mentions, coder.article.body, coder.paragraphs)
    stance.mark_denials(drafts, tables)
    drafts = stance.fold_negated_tellings(drafts)
    drafts = happenings.merge_happenings(drafts)
    document.inquired_attackers(drafts, tables.attack_nouns)
    surroundings.place_from_paragraph(drafts)
    surroundings.date_from_earlier_telling(drafts)
    surroundings.date_from_paragraph(drafts)
    surroundings.date_of_joined_act(drafts)
    surroundings.past_of_sentence_before(drafts, mentions, coder.paragraphs, coder.published)
    surroundings.day_of_sentence_before(drafts, mentions, coder.paragraphs, coder.published)
    surroundings.day_of_lead(drafts, coder.sentences[0] if coder.sentences else None, mentions,
                             coder.published,
                             frozenset(tables.cues.get("say", {})) | coder_words("telling-verb"))
    surroundings.span_before_main(drafts)
    surroundings.time_clause_of_the_past(drafts)
    surroundings.anniversary_retold(drafts, coder.paragraphs)
    surroundings.recent_week_of_present(drafts)
    surroundings.early_hours(drafts)
    return drafts


# The town that stands in for a missing dateline: a stand-in's mention rule starts with this
# (``finish.place_from_dateline`` names the rule ``place-from-story-town`` then).
STORY_TOWN = "story-town"


def _first_town(doc: Doc, mentions: Mentions, end: int,
                main: tuple[str, ...]) -> PlaceMention | None:
    """The first town before ``end`` of ``doc`` that is sure (``is_sure_town``: a small
    namesake picked by size says nothing of where the story is told from), is no one's home
    (``_lives_in``) and lies in one of the article's main countries when the body names any."""
    gazetteer = get_gazetteer()
    return next((m for m in sorted(mentions.places, key=lambda m: m.start)
                 if m.start < end and is_sure_town(m, gazetteer) and not _lives_in(doc, m)
                 and (not main or m.place.country in main)), None)


def _lives_in(doc: Doc, m: PlaceMention) -> bool:
    """"Dana Lowe, 30, of Keizer": the town is where a person lives (``syntax.residence``)."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and syntax.residence(span.root)


def _story_town(parts: tuple[front.FrontPart, ...], doc: Doc, mentions: Mentions,
                main: tuple[str, ...]) -> PlaceMention | None:
    """A story with no dateline ("Brothel busted in Boston"): the town its headline names, else
    the town of its first sentence, else the town whose police force it names, is the town it is
    told from; an event placed nowhere else happened there when its parties are local (the
    dateline's rule, ``place_from_dateline``)."""
    for part in parts:
        if part.name == "headline":
            found = _first_town(part.doc, part.mentions, len(part.doc.text), main)
            if found is not None:
                return replace(found, rule=f"{STORY_TOWN}:headline:{found.rule}")
    first = next(iter(doc.sents), None)
    found = _first_town(doc, mentions, first.end_char, main) if first is not None else None
    if found is not None:
        return replace(found, rule=f"{STORY_TOWN}:lead:{found.rule}")
    found = _police_town(doc.text, mentions, main)
    return replace(found, rule=f"{STORY_TOWN}:police:{found.rule}") if found is not None else None


def _police_town(body: str, mentions: Mentions, main: tuple[str, ...]) -> PlaceMention | None:
    """The first sure town that names a police force ("Officers from the Columbus Police
    Department ..."): a local crime story is told from the town whose police it follows."""
    gazetteer = get_gazetteer()
    words = coder_words("police-force")
    for m in sorted(mentions.places, key=lambda m: m.start):
        after = body[m.end:m.end + 30].split()
        if after and after[0].lower() in words and is_sure_town(m, gazetteer) and (
                not main or m.place.country in main):
            return m
    return None


def code_article(doc: Doc, article: Article, mentions: Mentions,
                 provenance: dict[str, str],
                 parts: tuple[front.FrontPart, ...] = (), *,
                 implied_parties: bool = False, strict_happenings: bool = False) -> list[Event]:
    """The article's events; ``parts`` are its parsed headline and standfirst (``front``);
    ``implied_parties`` and ``strict_happenings``: the settings of those names
    (``document.addressee_from_story``, ``finish.actor_state_forces``; ``strict_happenings``)."""
    tables = load_tables()
    coder = SentenceCoder(doc, article, mentions, tables, strict=strict_happenings)
    front_drafts, front_dateline = _front_drafts(parts, article, tables, strict_happenings)
    if coder.dateline is None and front_dateline is not None:
        # "HANOI, Vietnam (AP) -" opening the standfirst is the story's dateline
        coder.dateline = front_dateline
        coder.home = document.story_country(front_dateline, coder.main)
    drafts = _document_rules(_body_drafts(coder, doc), mentions, tables, coder)
    lead = document.lead_sentence(drafts)
    drafts = front.merge_front(front_drafts, drafts)
    story = finish.Story(
        article=article, tables=tables, provenance=provenance, main=coder.main,
        home=coder.home, dateline=coder.dateline or _story_town(parts, doc, mentions, coder.main),
        by_part={"body": mentions, **{p.name: p.mentions for p in parts}},
        sentence_index={s.start: i for i, s in enumerate(coder.sentences)}, lead=lead,
        n_paragraphs=len(coder.paragraphs), implied_parties=implied_parties,
        day=coder.story_day, court_town=finish.court_town(doc, mentions))
    events = told_by_another(drafts, [finish.event_of(d, story) for d in drafts])
    return document.disrupted_launches(events, tables)


__all__ = ["code_article", "document_label", "rank"]
