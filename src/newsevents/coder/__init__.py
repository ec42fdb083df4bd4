"""Event coding: PLOVER type, mode and contexts, ACLED type, actor and recipient, place, date,
quantities, fatalities, attribution, modality and evidence for every event in a parsed article.

The rules live in ``newsevents/data/coder/*.tsv``; ``engine`` documents the steps, ``ranking``
the confidence and the salience used to pick the document's first-ranked event.
"""

from __future__ import annotations

import itertools

from spacy.tokens import Doc

from ..classify.model import shared_model
from ..options import Options
from ..provenance import provenance
from ..records import Article, Event, Mentions
from .engine import code_article
from .front import FrontPart, front_texts, part_article
from .model_gate import review
from .one_sided import drop_one_sided
from .ranking import document_label, rank


def code(doc: Doc, article: Article, mentions: Mentions, opts: Options,
         parts: tuple[FrontPart, ...] = ()) -> list[Event]:
    """Every event the article reports, in text order, each explained by its evidence;
    ``parts`` are the parsed and resolved headline and standfirst (``front``)."""
    events = code_article(doc, article, mentions, provenance(opts), parts,
                          implied_parties=opts.implied_parties,
                          strict_happenings=opts.strict_happenings)
    in_article = _in_article(doc)
    if opts.sentence_model:
        drop = opts.sentence_model_drop if opts.sentence_model_drop and in_article else 0.0
        events, _dropped = review(events, shared_model(), drop, opts.sentence_model_drop_talk)
    if opts.drop_one_sided and in_article:
        events = drop_one_sided(events, doc)
    if opts.drop_negated and in_article:
        # (a demand not to act is still a demand: "should not confirm" is negated by its words)
        events = [e for e in events if e.modality != "negated" or e.type == "REQUEST"]
    return events


# A text this long is a page of news; shorter ones are notes, bulletins and short reports.
ARTICLE_SENTENCES = 6


def _in_article(doc: Doc) -> bool:
    """The model's drop, the one-sided drop and the negated drop take events only from
    articles, where most sentences are context around the news. A note, a bulletin or a single
    sentence (a PLOVER record, `newsevents code` on one line) is written or picked to report
    events: there the rules keep their say (the development notes gained nothing from the
    model's drop)."""
    return next(itertools.islice(doc.sents, ARTICLE_SENTENCES - 1, None), None) is not None


__all__ = ["FrontPart", "code", "document_label", "front_texts", "part_article", "rank"]
