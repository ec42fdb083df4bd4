"""A draft's place and date from the sentences around it, when its own words give none: the
paragraph's place, a heading's date ("Monday, March 3:" over a police blotter), an earlier
telling of the same happening, the paragraph's date, the year of the sentence before (a
retelling of that time is ``historical``), and the week up to the story for an act told in the
present or the present perfect; a night's act set in the small hours is of the second day.
The engine runs them in that order, after the drafts of one happening are merged (``engine``),
the heading's date before the merge.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Span, Token

from ..lexicon import plover_types
from ..records import DateSpan, Mentions
from ..resolve.dates import month_span, year_span
from ..resolve.quantities import number_value
from . import document
from .draft import Draft
from .happenings import countries, parties_agree
from .syntax import present_perfect, told_in_present, told_in_simple_past


def place_from_paragraph(drafts: list[Draft]) -> None:
    """"Police dispersed the march in Tbilisi. 43 people had been detained ...": a factual event
    its sentence does not place happened where the paragraph's latest placed event did, when its
    parties are of that place's country (or of none yet) and the place is finer than a country."""
    for i, d in enumerate(drafts):
        if d.place is not None or d.modality != "factual":
            continue
        prev = next((o for o in reversed(drafts[:i]) if o.paragraph == d.paragraph
                     and o.place is not None), None)
        if prev is None or prev.modality != "factual" or prev.place is None or \
                prev.place.place.precision in ("country", "unknown", None):
            continue
        home = prev.place.place.country
        if (countries(d.actor) | countries(d.recipient)) - {home}:
            continue
        d.place = prev.place
        d.rules.append("place-from-paragraph")


def _heading_dates(body: str, mentions: Mentions, starts: list[int]) -> dict[int, DateSpan]:
    """Paragraph index -> the day a dated heading opening it gives ("October 20: ARRESTS - ...",
    "Tuesday: ..."): a date of one day at the paragraph's start, followed by a colon."""
    out: dict[int, DateSpan] = {}
    for m in mentions.dates:
        if m.date.precision != "day" or not m.date.start:
            continue
        para = next((i for i, s in enumerate(starts) if s <= m.start <= s + 1), None)
        if para is not None and body[m.end:m.end + 2].lstrip().startswith(":"):
            out[para] = m.date
    return out


def date_from_heading(drafts: list[Draft], mentions: Mentions, body: str,
                      starts: list[int]) -> None:
    """"October 20: ARRESTS - A man, 30, was arrested ... Another was arrested ...": a factual
    event of a paragraph under a dated heading happened that day when its own words give no
    date (a blotter or a timeline lists each day's happenings under the day)."""
    headings = _heading_dates(body, mentions, starts)
    for d in drafts:
        day = headings.get(d.paragraph)
        if day is None or d.date_from_text or d.modality != "factual":
            continue
        d.date, d.date_from_text = day, True
        d.rules.append("date-from-heading")


def _dates_this(o: Draft, d: Draft) -> bool:
    """``o`` is a dated factual telling of ``d``'s type whose parties do not name other
    countries (Russia's strikes on Ukraine overnight do not date Ukraine's drones over Russia)."""
    return o.type == d.type and o.date_from_text and o.modality == "factual" and \
        o.date.precision == "day" and parties_agree(o.actor, d.actor) and \
        parties_agree(o.recipient, d.recipient)


def date_from_earlier_telling(drafts: list[Draft]) -> None:
    """"Police arrested six people Monday ... Officers also arrested X after stopping his car
    ...": a factual event whose words give no date is of the day the story gave the latest
    earlier factual event of its type and sides (the details of a happening are told after its
    date); not one told in the present tense ("advocates are urging ...")."""
    for i, d in enumerate(drafts):
        if d.date_from_text or d.modality != "factual" or told_in_present(d.token):
            continue
        prev = next((o for o in reversed(drafts[:i]) if _dates_this(o, d)), None)
        if prev is not None:
            d.date, d.date_from_text = prev.date, True
            d.rules.append("date-from-earlier-telling")


def date_from_paragraph(drafts: list[Draft]) -> None:
    """"JNIM fighters attacked a convoy near Lere on 12 February. Soldiers detained 3 suspects
    at the scene.": a material act told in the simple past with no date words of its own goes on
    on the day of the latest earlier act of its paragraph (or of the sentence before) that the
    text dates to a day, when their parties name no other countries; a note or a story tells a
    day's happenings in order. Not a statement, nor an act in the present or the perfect."""
    material = plover_types("material")
    for i, d in enumerate(drafts):
        if d.date_from_text or d.modality != "factual" or d.type not in material or \
                not told_in_simple_past(d.token):
            continue
        prev = next((o for o in reversed(drafts[:i]) if o.type in material
                     and o.token.doc is d.token.doc and o.token.i < d.token.i), None)
        if prev is None or not prev.date_from_text or prev.modality != "factual" or \
                prev.date.precision != "day" or not (
                    prev.paragraph == d.paragraph or _sentence_before(d.token) == prev.token.sent) \
                or not (parties_agree(prev.actor, d.actor)
                        and parties_agree(prev.recipient, d.recipient)):
            continue
        d.date, d.date_from_text = prev.date, True
        d.rules.append("date-from-paragraph")


def _joined_acts(a: Token, b: Token) -> bool:
    """``b`` is a verb joined to ``a`` by "and" with no subject of its own ("were charged and
    arrested"), or the other way round."""
    for first, second in ((a, b), (b, a)):
        if second.dep_ == "conj" and second.head.i == first.i and second.pos_ == "VERB" and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in second.children):
            return True
    return False


def date_of_joined_act(drafts: list[Draft]) -> None:
    """"Two more men were charged and arrested after the search": acts told by verbs joined in
    one clause happened together, so one the text gives no date takes the date of the other."""
    for d in drafts:
        if d.date_from_text or d.modality != "factual":
            continue
        other = next((o for o in drafts if o is not d and o.date_from_text
                      and o.modality == "factual" and o.token.doc is d.token.doc
                      and _joined_acts(o.token, d.token)), None)
        if other is not None:
            d.date, d.date_from_text = other.date, True
            d.rules.append("date-of-joined-act")


def _sentence_before(t: Token) -> Span | None:
    start = t.sent.start
    return t.doc[start - 1].sent if start > 0 else None


def _one_date(sent: Span, mentions: Mentions) -> DateSpan | None:
    """The one date the sentence names (None for none or several)."""
    s, e = sent.start_char, sent.end_char
    found = {m.date for m in mentions.dates if s <= m.start < e and m.date.start}
    return next(iter(found)) if len(found) == 1 else None


def _year_before(sent: Span, mentions: Mentions, published: dt.date) -> DateSpan | None:
    """The one date the sentence names, when it lies in a year before publication's."""
    date = _one_date(sent, mentions)
    return date if date is not None and date.start and int(date.start[:4]) < published.year \
        else None


def past_of_sentence_before(drafts: list[Draft], mentions: Mentions, starts: list[int],
                            published: dt.date | None) -> None:
    """"According to the government, as of 2016, the country had admitted 1.4 million refugees.
    Jordan closed its borders with Syria.": a factual event told in the simple past with no
    date words of its own or of an earlier telling goes on in the time of the sentence before
    it in its paragraph, when that sentence names one date, of a year before the story's: a
    retelling of that time (modality ``historical``)."""
    if published is None:
        return
    for d in drafts:
        t = d.token
        if d.date_from_text or d.modality != "factual" or t.tag_ != "VBD" or \
                present_perfect(t):
            continue
        before = _sentence_before(t)
        if before is None or any(before.start_char < s <= t.sent.start_char for s in starts):
            continue  # (none, or in the paragraph before)
        date = _year_before(before, mentions, published)
        if date is not None:
            d.date, d.date_from_text, d.modality = date, True, "historical"
            d.rules.append("past-of-sentence-before")


def day_of_sentence_before(drafts: list[Draft], mentions: Mentions, starts: list[int],
                           published: dt.date | None) -> None:
    """"Last Thursday, police found a man using a skimmed card at an ATM. A 26-year-old man was
    arrested and charged, police said.": an act told in the simple past with no date words of its
    own goes on the day the sentence before it names, when that sentence names one past day of
    the last two weeks, in its paragraph or as a paragraph of its own (pages that give each
    sentence a paragraph) (``day-of-sentence-before``). ``date_from_paragraph`` takes the day
    of an earlier act; this takes the day a sentence names that tells no act of another side."""
    if published is None:
        return
    for d in drafts:
        t = d.token
        if d.date_from_text or d.modality != "factual" or not _verb_told_in_simple_past(t):
            continue
        before = _sentence_before(t)
        if before is None or not _next_to(before, t, starts) or _other_sides_before(d, before, drafts):
            continue
        date = _recent_day(before, mentions, published)
        if date is not None:
            d.date, d.date_from_text = date, True
            d.rules.append("day-of-sentence-before")


def day_of_lead(drafts: list[Draft], lead: Span | None, mentions: Mentions,
                published: dt.date | None, say: frozenset[str]) -> None:
    """"Joe Biden said Thursday he believes ... The former vice president also accused Trump of
    ...": a statement or a decision told in the simple past with no date words of its own is of
    the day the story's lead gives its telling ("said Thursday"), one past day of the last two
    weeks (the lead's other dates may be of what is to come: "will try to delay November's
    election"): a story of what was said tells one day's sayings and decisions ("Bihar on
    Wednesday announced fresh lockdown ... The district collector ordered a lockdown from July
    10") (``day-of-lead``). Attacks and protests keep their own rules: the lead's telling may
    come days after them."""
    if published is None or lead is None:
        return
    days = {m.date for m in mentions.dates if lead.start_char <= m.start < lead.end_char
            and m.date.precision == "day" and m.date.start
            and 0 < (published - dt.date.fromisoformat(m.date.start[:10])).days <= 14
            and _dates_a_telling(lead, m.start, say)}
    if len(days) != 1:
        return
    day = next(iter(days))
    for d in drafts:
        if d.date_from_text or d.type in ("ASSAULT", "PROTEST") or d.token.i < lead.end:
            continue
        # (a measure that takes effect later, "the restrictions will come into force from
        # Friday", is decided on the day of the telling: ``finish.future_is_threaten``)
        decided = d.modality == "future" and "inforce" in d.row.when
        if not decided and (d.modality != "factual" or not _verb_told_in_simple_past(d.token)):
            continue
        d.date, d.date_from_text = day, True
        d.rules.append("day-of-lead")


def _dates_a_telling(sent: Span, start: int, say: frozenset[str]) -> bool:
    """The date at ``start`` dates a reporting verb ("said Thursday"), not an act ("were killed
    overnight": the sayings come after the act)."""
    t = next((x for x in sent if x.idx >= start), None)
    for _ in range(3):
        if t is None or t.pos_ in ("VERB", "AUX"):
            break
        t = t.head
    return t is not None and t.lemma_.lower() in say


def _other_sides_before(d: Draft, before: Span, drafts: list[Draft]) -> bool:
    """The sentence before tells a happening done by another side: its day is that happening's
    ("Russian forces shelled Kharkiv on Monday. Ukrainian drones struck an oil depot ...")."""
    told = [o for o in drafts if o is not d and before.start <= o.token.i < before.end]
    return bool(told) and not any(d.actor_countries & o.actor_countries for o in told)


def _verb_told_in_simple_past(t: Token) -> bool:
    """``syntax.told_in_simple_past`` of a noun's verb, and of the first of verbs joined by
    "and" ("was arrested and charged")."""
    verb = t if t.pos_ in ("VERB", "AUX") else t.head
    while verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    return told_in_simple_past(verb)


def _next_to(before: Span, t: Token, starts: list[int]) -> bool:
    """The sentence before is in ``t``'s paragraph, or is the whole paragraph before it."""
    breaks = [s for s in starts if before.start_char < s <= t.sent.start_char]
    if not breaks:
        return True
    earlier = [s for s in starts if s <= before.start_char]
    return len(breaks) == 1 and bool(earlier) and earlier[-1] >= before.start_char - 2


def _recent_day(sent: Span, mentions: Mentions, published: dt.date) -> DateSpan | None:
    """The one date the sentence names, when it is a single past day of the last two weeks."""
    date = _one_date(sent, mentions)
    if date is None or date.precision != "day" or not date.start:
        return None
    day = dt.date.fromisoformat(date.start[:10])
    return date if 0 < (published - day).days <= 14 else None


def anniversary_retold(drafts: list[Draft], starts: list[int]) -> None:
    """"On the fifth anniversary of a woman's slaying, authorities are offering a reward ...":
    a story whose first paragraph marks the anniversary of a happening retells that happening;
    an act of violence its later paragraphs tell with no date words of their own ("suspects shot
    through the door") is that past happening (``historical``, undated), not news of the day."""
    if not drafts:
        return
    doc = drafts[0].token.doc
    lead_end = starts[1] if len(starts) > 1 else len(doc.text)
    if not any(t.lemma_.lower() == "anniversary" and t.idx < lead_end and
               any(c.dep_ == "prep" and c.lower_ == "of" for c in t.children) for t in doc):
        return
    for d in drafts:
        if d.type != "ASSAULT" or d.modality != "factual" or d.token.idx < lead_end or \
                _own_date(d):
            continue
        d.modality, d.date = "historical", DateSpan()
        d.rules.append("anniversary-retold")


# Time units that put a clause's act that long before its main clause's ("a year after ...").
_UNIT_DAYS = {"month": 30, "year": 365, "decade": 3652}


def _span_before(t: Token) -> int | None:
    """Days "more than a year after the paramilitary seized it" puts ``t`` before the main
    clause: an "after" clause with a span of months, years or decades before its mark."""
    if t.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "after" for c in t.children):
        return None
    for c in t.children:
        unit = c.lemma_.lower()
        if c.dep_ == "npadvmod" and unit in _UNIT_DAYS:
            count = next((number_value(n.text) for n in c.children if n.dep_ == "nummod"), 1)
            return int((count or 1) * _UNIT_DAYS[unit])
    return None


def _own_date(d: Draft) -> bool:
    """The date words are the clause's own ("... after the RSF seized it in December 2023")."""
    clause = d.token.doc[d.token.left_edge.i:d.token.right_edge.i + 1]
    return bool(d.date.text) and d.date.text in clause.text


def span_before_main(drafts: list[Draft]) -> None:
    """"The army recaptured the town on 11 January 2025, more than a year after the
    paramilitary seized it": the seizure is not of the recapture's day but a year or more
    before it, a retelling (modality ``historical``, dated to the month or year it falls in)."""
    for d in drafts:
        days = _span_before(d.token)
        if days is None or d.modality != "factual" or not d.date.start or _own_date(d):
            continue
        when = dt.date.fromisoformat(d.date.start) - dt.timedelta(days=days)
        d.date = year_span(when.year, "") if days >= _UNIT_DAYS["year"] else \
            month_span(when.year, when.month, "")
        d.date_from_text, d.modality = True, "historical"
        d.rules.append("span-before-main")


def _time_clause_head(t: Token) -> Token | None:
    """The word a background phrase or clause hangs on (``document.background_step``: "after
    lawmakers approved a bill" and "following the vote" on "stormed"), or the verb a past-tense
    one is joined to ("stormed parliament, and the president withdrew the bill"); None for a
    word in no such phrase or clause."""
    cur = t
    for head in t.ancestors:
        if head.sent.start != t.sent.start:
            break
        if document.background_step(t, cur, head):
            return head.head if head.dep_ == "prep" else head
        if cur.dep_ == "conj" and cur.tag_ == "VBD" and head.pos_ == "VERB":
            return head
        cur = head
    return None


def time_clause_of_the_past(drafts: list[Draft]) -> None:
    """"Last June, protesters stormed parliament after lawmakers approved a finance bill, and the
    president withdrew it": a happening told in a time clause of a retold past one, or joined to
    it in the past tense, with no date words of its own, is of that past too (``historical``,
    undated), not news of the day."""
    by_token = {d.token.i: d for d in drafts}
    for d in drafts:
        if d.modality != "factual" or _own_date(d):
            continue
        head = _time_clause_head(d.token)
        main = by_token.get(head.i) if head is not None else None
        if main is None or main is d or main.modality != "historical" or not main.date_from_text:
            continue
        d.modality, d.date = "historical", DateSpan()
        d.rules.append("time-clause-of-the-past")


def recent_week_of_present(drafts: list[Draft]) -> None:
    """"China has denounced the ruling", "advocates are urging the regulator": a factual event
    told in the present or the present perfect, with no date words of its own or of an earlier
    telling, goes on or happened lately; the text does not say it was the day of the story, so
    its date is the week up to that day (precision "week")."""
    for d in drafts:
        if d.date_from_text or d.modality != "factual" or d.date.text or d.date.precision != "day" \
                or not d.date.start or not (told_in_present(d.token) or present_perfect(d.token)):
            continue
        day = dt.date.fromisoformat(d.date.start)
        d.date = DateSpan(start=(day - dt.timedelta(days=6)).isoformat(), end=day.isoformat(),
                          precision="week", text="")
        d.rules.append("date-week-up-to-story")


# A clock time between midnight and dawn ("shortly after 2 a.m.", "at 04:30 local time").
_EARLY_HOURS = re.compile(r"\b(?:0?[0-5])(?::[0-5]\d)?\s*a\.?\s?m\b|\b0[0-5]:[0-5]\d\b", re.IGNORECASE)


def early_hours(drafts: list[Draft]) -> None:
    """"Russia attacked overnight ... In Kharkiv, a drone struck a building shortly after 2
    a.m.": an act dated to a night (two days) that its own sentence sets in the small hours
    happened on the second day."""
    for d in drafts:
        date = d.date
        if date.precision != "day" or not date.start or not date.end or date.start == date.end:
            continue
        start, end = dt.date.fromisoformat(date.start), dt.date.fromisoformat(date.end)
        if (end - start).days != 1 or not _EARLY_HOURS.search(d.token.sent.text):
            continue
        d.date = DateSpan(start=date.end, end=date.end, precision="day", text=date.text)
        d.rules.append("date-early-hours")
