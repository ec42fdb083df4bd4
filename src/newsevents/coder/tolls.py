"""A later sentence that tells an earlier attack again: its toll, its shooting told once more,
or the police's response right after a protest.

- ``fold_outcome``: "A suicide bomber blew himself up at the market. At least 12 people were
  killed." The second sentence tells the first one's toll, not a second attack ("Gunmen stormed
  the town. They went from house to house, shooting residents" tells the raid again); a second,
  differing count of the same dead ("as many as 30 have been killed") makes the toll disputed
  (``disputed-toll``); a toll of other victims ("three others", "soldiers killed four"), of a
  strike brought in as a new one or of a span long before ("the insurgency, which began in
  2017, has killed 4,000") stays apart.
- ``fold_intervention``: a state force's act right after a protest is that protest's
  intervention.
- ``fold_arrests``: arrests of unnamed people with a protest or riot, or just after it, are
  part of it.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from ..lexicon import count_words, sector_codes
from ..records import DateSpan, Fatalities, Mentions
from ..resolve.date_scan import ANAPHORIC_DAY
from . import happenings, slots, syntax
from .acled import force_on_protest
from .context import BACKGROUND_DAYS
from .document import disrupts, same_side
from .draft import Draft
from .match import lemma_of
from .tables import Tables

# How far back (in sentences) a toll may refer: the sentence just before, or the one before that
# ("A bomb went off at the market. Police cordoned off the area. Five people were killed.").
OUTCOME_REACH = 2


def _sentences_back(earlier: Token, later: Token) -> int | None:
    """How many sentences ``later``'s sentence comes after ``earlier``'s (0: the same one)."""
    a, b = earlier.sent, later.sent
    steps = 0
    while a.start != b.start:
        if a.end > b.start or steps > OUTCOME_REACH:
            return None
        a = a.doc[a.end].sent
        steps += 1
    return steps


def within_reach(earlier: Token, later: Token) -> bool:
    """``later``'s sentence is one of the OUTCOME_REACH sentences after ``earlier``'s."""
    back = _sentences_back(earlier, later)
    return back is not None and back > 0


def violent(d: Draft) -> bool:
    """An attack, or a riot (a protest row of ACLED code ``riot``: "rioters torched shops"),
    whose toll may be told after it."""
    return d.type == "ASSAULT" or (d.type == "PROTEST" and d.acled_code == "riot")


def _factual_attacks(prev: Draft, d: Draft) -> bool:
    return d.type == "ASSAULT" and violent(prev) and d.modality == prev.modality == "factual"


def _told_again(prev: Draft, d: Draft, back: int) -> bool:
    """"Gunmen stormed the town. They went from house to house, shooting residents": the very
    next sentence tells the shooting again, with no place, toll or other party of its own."""
    if back != 1 or d.place is not None or d.fatalities is not None or disrupts(prev) or \
            disrupts(d) or d.actor_countries - prev.actor_countries:
        return False
    prev.quantities.extend(q for q in d.quantities if q not in prev.quantities)
    prev.rules.append(f"told-again:{d.row.rule}")
    return True


def _other_happening(prev: Draft, d: Draft) -> bool:
    """Parties of another country, victims of the earlier attacker's own side ("police fired
    tear gas. One officer was killed"), another place, a death by other means ("troops
    entered the town. A soldier was killed in shelling": a strike from afar after a battle), or
    a strike brought in as a new one ("Strikes killed 23 across Gaza. In Khan Younis, a strike
    on a tent killed 11": one of them): not ``prev``'s toll."""
    if d.actor_countries - prev.actor_countries or same_side(prev.actor, d.recipient) or \
            happenings.battle_and_remote(prev, d) or syntax.new_subject(d.token) is not None:
        return True
    return d.place is not None and prev.place is not None and \
        d.place.place.name != prev.place.place.name


def _second_toll(had: Fatalities, toll: Fatalities) -> bool:
    """``prev`` already has a killed (injured) count and ``toll`` gives one too."""
    return (had.killed is not None and toll.killed is not None) or \
        (had.injured is not None and toll.injured is not None)


def _other_victims(d: Draft) -> bool:
    """"Three others were killed", "a second man died": the toll adds victims to those told
    before; "Security forces killed five attackers": its own killers' victims. Not a second
    count of ``prev``'s dead (that one names no killer: "as many as 200 have been killed")."""
    adding = count_words("same-item") | count_words("one-more")
    return bool(d.actor) or any(t.lower_ in adding or lemma_of(t) in adding for t in d.clause)


def _long_before(date: DateSpan, day: DateSpan) -> bool:
    """``date`` ended over BACKGROUND_DAYS before ``day`` began (``context``: news tells the
    happenings of its last days)."""
    if not (date.end or date.start) or not day.start:
        return False
    end = dt.date.fromisoformat((date.end or date.start or "")[:10])
    return (dt.date.fromisoformat(day.start[:10]) - end).days > BACKGROUND_DAYS


def _earlier_span(d: Draft, prev: Draft, mentions: Mentions) -> bool:
    """"The insurgency, which began in 2017, has killed more than 4,000": the toll's sentence
    names a time long before ``prev``'s day: the toll of a span or a happening before it, not
    ``prev``'s."""
    sent = d.token.sent
    start, end = sent.start_char, sent.end_char
    return any(start <= m.start < end and _long_before(m.date, prev.date)
               for m in mentions.dates)


def _fold_toll(prev: Draft, d: Draft, toll: Fatalities) -> bool:
    """``prev`` takes ``d``'s toll: the counts it lacks; a second count of the same victims
    that differs makes ``prev``'s toll disputed (``happenings.dispute_toll``). False when
    ``d``'s toll counts other victims."""
    had = prev.fatalities or Fatalities()
    if not _second_toll(had, toll):
        prev.fatalities = slots.fill_missing(had, toll)
        return True
    if _other_victims(d):
        return False
    if happenings.tolls_clash(had, toll):
        happenings.dispute_toll(prev, d)
    else:
        prev.fatalities = slots.fill_missing(had, toll)
    return True


def _toll(prev: Draft, d: Draft, mentions: Mentions) -> bool:
    """"A suicide bomber blew himself up at the market. At least 12 people were killed.": the
    toll, place and counts go to ``prev``, and ``d`` is one of its mentions."""
    if _other_happening(prev, d) or _earlier_span(d, prev, mentions):
        return False
    if d.fatalities is not None and not _fold_toll(prev, d, d.fatalities):
        return False
    if prev.place is None and d.place is not None:
        prev.place = d.place
    prev.quantities.extend(q for q in d.quantities if q not in prev.quantities)
    happenings.tell(prev, d, "toll")
    return True


def fold_intervention(prev: Draft | None, d: Draft, mentions: Mentions) -> bool:
    """"... marched to protest the disputed results. Police fired tear gas and live rounds; 1
    protester was killed": a state force's act in the very next sentence after a protest, aimed
    at no one its own words name, is that protest's intervention (ACLED codes one event); the
    protest takes its toll and counts, and a peaceful protest becomes one with intervention."""
    if prev is None or prev.type != "PROTEST" or d.type not in ("ASSAULT", "COERCE") or \
            prev.modality != "factual" or d.modality != "factual" or d.recipient:
        return False
    if not any(a.sector in sector_codes("state_force") for a in d.actor):  # (police too)
        return False
    if _sentences_back(prev.token, d.token) != 1 or prev.paragraph != d.paragraph:
        return False
    if _elsewhere(prev, d, mentions):
        return False  # ("In Los Angeles, police fired tear gas": the protest of another town)
    if ANAPHORIC_DAY.fullmatch(d.date.text.strip()) or not _same_days(prev, d):
        return False  # ("The same day, police ...": another happening of that day)
    if d.fatalities is not None:
        prev.fatalities = slots.fill_missing(prev.fatalities or Fatalities(), d.fatalities)
    prev.quantities.extend(q for q in d.quantities if q not in prev.quantities)
    if prev.acled_code == "protest":
        prev.acled_code = "protest_int"
    happenings.tell(prev, d, "intervention")
    return True


def fold_arrests(out: list[Draft], d: Draft, mentions: Mentions, tables: Tables) -> bool:
    """"Riot police broke up thousands of people protesting outside parliament and detained
    dozens", "Youths set cars ablaze ... 31 people were arrested during the night": arrests of
    people no name or body sets apart, told with a protest or riot (or force used on
    protesters) or up to two sentences after it in its paragraph, are part of it (ACLED codes
    protesters arrested at a protest as its intervention, and records no ordinary arrests);
    the protest takes their counts. A named person or a body arrested stays an event of its
    own."""
    if not _crowd_arrest(d):
        return False
    prev = next((o for o in reversed(out) if o.paragraph == d.paragraph and o.mode != "arrest"
                 and (o.type == "PROTEST"
                      or force_on_protest(o.type, o.recipient_tokens, tables))), None)
    if prev is None or prev.modality != "factual":
        return False
    back = _sentences_back(prev.token, d.token)
    if back is None or back > OUTCOME_REACH or (back and _elsewhere(prev, d, mentions)) or \
            not _same_days(prev, d):
        return False
    prev.quantities.extend(q for q in d.quantities if q not in prev.quantities)
    if prev.acled_code == "protest":
        prev.acled_code = "protest_int"
    happenings.tell(prev, d, "arrests")
    return True


def _crowd_arrest(d: Draft) -> bool:
    """A factual arrest, by state forces or no one named, of people no name or body sets
    apart."""
    if d.type != "COERCE" or d.mode != "arrest" or d.modality != "factual":
        return False
    if any(a.kind == "organisation" or (a.kind == "person" and a.name) for a in d.recipient):
        return False
    return not d.actor or any(a.sector in sector_codes("state_force") for a in d.actor)


def _same_days(prev: Draft, d: Draft) -> bool:
    """``d``'s own date words leave it on ``prev``'s days ("a member who was arrested at a
    protest last week" is not arrested at the rally planned for Friday)."""
    a, b = prev.date, d.date
    if not d.date_from_text or not (a.start and b.start):
        return True
    return (b.start or "") <= (a.end or a.start or "") and (a.start or "") <= (b.end or b.start or "")


def _elsewhere(prev: Draft, d: Draft, mentions: Mentions) -> bool:
    """``d``'s sentence names a place other than ``prev``'s ("In Los Angeles, police ...")."""
    sent = d.token.sent
    where = prev.place.place.name if prev.place else None
    return any(sent.start_char <= m.start < sent.end_char and m.place.name != where
               for m in mentions.places)


def fold_outcome(prev: Draft | None, d: Draft, tables: Tables, mentions: Mentions) -> bool:
    """True when ``d`` only tells the toll of ``prev``, the latest violent event before it (the
    toll is then ``prev``'s: fatalities, counts; a toll differing from the one ``prev`` has is
    a disputed count of the same dead), or, in the very next sentence, tells its shooting again
    with no place or toll of its own. Not when ``d`` names parties of another country or of the
    attacker's own side, another place, a time long before ``prev``'s, or more victims
    ("three others were killed")."""
    if prev is None or not _factual_attacks(prev, d):
        return False
    back = _sentences_back(prev.token, d.token)
    if not back:
        return False
    lemma = lemma_of(d.token)
    told = tables.cues.get("elaborate", {}).get(lemma)
    if told is not None:
        # ACLED absorbs burning and looting into a deadly attack, a battle or a riot; after
        # another violence ("fighters raped 6 women ... also looted homes") it is its own
        if told == "burning" and not (prev.fatalities and prev.fatalities.killed) and \
                prev.acled_code not in ("clash", "riot"):
            return False
        return _told_again(prev, d, back)
    if lemma not in tables.cues.get("outcome", {}):
        return False
    return _toll(prev, d, mentions)
