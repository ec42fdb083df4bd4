"""Linking: near-duplicate articles (syndicated copies) and same-happening clusters."""

from __future__ import annotations

import pytest

from newsevents import link
from newsevents.records import Actor, DateSpan, Place, Result
from newsevents.store import EventFilter, open_store
from test_store_data import (  # noqa: F401  (store_url is a fixture)
    KYIV,
    ODESA,
    RUS_MIL,
    STRIKE_STORY,
    TALKS_STORY,
    UKR_CVL,
    make_article,
    make_event,
    store_url,
    strike_result,
    syndicated_copy,
    talks_result,
)

# ------------------------------------------------------------------ pure functions


def test_signature_round_trips_and_copies_score_high() -> None:
    full = link.signature(STRIKE_STORY)
    assert link.Signature.from_text(full.to_text(), full.shingles).values.tolist() == full.values.tolist()
    assert len(link.band_keys(full)) == link.LSH_BANDS
    trimmed = link.signature("\n\n".join(STRIKE_STORY.split("\n\n")[:3]))
    cluttered = link.signature("Sign up for alerts from the Courier.\n\n" + STRIKE_STORY)
    other = link.signature(TALKS_STORY)
    assert link.is_near_duplicate(full, trimmed)
    assert link.is_near_duplicate(full, cluttered)
    assert not link.is_near_duplicate(full, other)
    assert link.containment(full, other) < 0.2


def test_short_texts_are_never_linked() -> None:
    a = link.signature("Shelling reported near the port.")
    assert a.shingles < link.MIN_SHINGLES
    assert not link.is_near_duplicate(a, a)


@pytest.mark.parametrize(("place", "key"), [
    (None, None),
    (KYIV, "g703448"),
    (Place(text="the  Old Town", country="POL", admin1="Lesser Poland"), "n:POL:Lesser Poland:the old town"),
    (Place(text=""), None),
])
def test_place_key(place: Place | None, key: str | None) -> None:
    assert link.place_key(place) == key


@pytest.mark.parametrize(("a", "r", "b", "s", "ok"), [
    ({"RUS"}, {"UKR"}, {"RUS"}, {"UKR"}, True),
    ({"RUS"}, set(), set(), {"UKR"}, True),  # unnamed sides do not contradict
    ({"RUS"}, {"UKR"}, {"BLR"}, {"UKR"}, False),
    ({"RUS", "PRK"}, set(), {"PRK"}, set(), True),
    (set(), {"UKR"}, set(), {"POL"}, False),
])
def test_actors_compatible(a: set[str], r: set[str], b: set[str], s: set[str], ok: bool) -> None:
    assert link.actors_compatible(frozenset(a), frozenset(r), frozenset(b), frozenset(s)) is ok


def test_date_window_needs_a_sharp_date() -> None:
    r = strike_result()
    e = r.events[0]
    assert link.date_window(e) == ("2024-10-31", "2024-11-02")
    import dataclasses

    vague = dataclasses.replace(e, date=DateSpan(start="2024-11-01", precision="month"))
    assert link.date_window(vague) is None
    assert link.date_window(dataclasses.replace(e, date=DateSpan())) is None
    assert link.date_window(dataclasses.replace(e, date=DateSpan(start="0001-01-01", precision="day"))) == (
        "0001-01-01", "0001-01-02")
    assert link.date_window(dataclasses.replace(e, date=DateSpan(start="9999-12-31", precision="day"))) == (
        "9999-12-30", "9999-12-31")
    assert link.date_window(dataclasses.replace(e, date=DateSpan(start="2024-13-01", precision="day"))) is None


def test_describe_sources_groups_by_stance() -> None:
    S = link.ClusterSource
    text = link.describe_sources([
        S("e1", "a1", "AP", "reported", None),
        S("e2", "a2", "Reuters", "reported", None),
        S("e3", "a2", "Reuters", "claimed", "Ukraine's air force"),
        S("e4", "a3", "AP", "reported", None),  # the same outlet twice is named once
        S("e5", "a3", "AP", "denied", "Russia's defence ministry"),
    ])
    assert text == ("claimed by Ukraine's air force, reported by AP and Reuters, "
                    "denied by Russia's defence ministry")
    assert link.describe_sources([]) == ""
    assert link.describe_sources([S("e", "a", None, "claimed", None)]) == ""


# ------------------------------------------------------------------ in the store


def test_syndicated_copies_are_linked_and_not_counted_twice(store_url: str) -> None:
    original = strike_result(doc_id="wire", publisher="Wire Service", agency="AP")
    copy_a = syndicated_copy("paper-a", "Paper A", "Paper A readers can sign up for morning alerts here.")
    copy_b = syndicated_copy("paper-b", "Paper B", "Share this story with your friends.", keep_paragraphs=3)
    unrelated = talks_result()
    with open_store(store_url) as store:
        out1 = store.write_batch([original, unrelated], "r1")
        out2 = store.write_batch([copy_a, copy_b], "r2")
        assert (out1.near_duplicates, out2.new_articles, out2.near_duplicates) == (0, 2, 2)
        assert original.article and copy_a.article and copy_b.article and unrelated.article
        assert store.article_links(copy_a.article.id)["duplicate_of"] == original.article.id
        assert store.article_links(copy_b.article.id)["duplicate_of"] == original.article.id
        assert store.article_links(original.article.id)["copies"] == [copy_a.article.id, copy_b.article.id]
        assert store.article_links(unrelated.article.id)["duplicate_of"] is None
        # counted once: stats and default queries skip the copies' repeated events
        assert store.stats("type") == [("ASSAULT", 2), ("AGREE", 1), ("COERCE", 1), ("CONSULT", 1)]
        every = list(store.query_events(EventFilter(include_duplicates=True)))
        assert len(every) == 5 + 3 + 2
        # each repeated event joins the cluster of the event it repeats
        by_sentence: dict[str, set[str | None]] = {}
        for e in every:
            by_sentence.setdefault(e.evidence.sentence, set()).add(e.cluster_id)
        assert all(len(ids) == 1 for ids in by_sentence.values())


def test_a_copy_with_new_material_keeps_its_new_events(store_url: str) -> None:
    extra = "Firefighters said a second strike later hit a warehouse in Odesa region."
    original = strike_result(doc_id="wire")
    longer = strike_result(STRIKE_STORY + "\n\n" + extra, "update")
    assert longer.article is not None
    new_event = make_event(longer.article, extra, "ASSAULT", actor=(RUS_MIL,), place=ODESA)
    longer = Result(article=longer.article, events=longer.events + (new_event,))
    with open_store(store_url) as store:
        store.write_batch([original], "r1")
        out = store.write_batch([longer], "r2")
        assert out.near_duplicates == 1 and out.new_events == 4
        counted = list(store.query_events(EventFilter(article_id=longer.article.id)))
        assert [e.event_id for e in counted] == [new_event.event_id]


def test_same_happening_across_outlets_forms_one_cluster(store_url: str) -> None:
    # Three independently written reports of one strike, and one of another strike elsewhere.
    texts = {
        "ap": ("AP", "Russian drones hit homes in Kyiv during the night, wounding several residents.",
               "reported", None),
        "reuters": ("Reuters", "A Russian drone attack damaged houses in Kyiv early on Friday, local officials said.",
                    "reported", None),
        "airforce": ("Kyiv Post", "Ukraine's air force said Russia attacked Kyiv with a swarm of drones.",
                     "claimed", "Ukraine's air force"),
        "mod": ("TASS", "Russia's defence ministry denied that its drones had struck residential areas of Kyiv.",
                "denied", "Russia's defence ministry"),
    }
    results = []
    for doc, (outlet, sentence, stance, source) in texts.items():
        body = sentence + "\n\n" + f"This report was filed by the {outlet} desk and updated later on."
        a = make_article(body, doc, publisher=outlet)
        date = "2024-11-02" if doc == "reuters" else "2024-11-01"  # within the one-day window
        ev = make_event(a, sentence, "ASSAULT", actor=(RUS_MIL,), recipient=(UKR_CVL,), place=KYIV,
                        date=date, stance=stance, source=source)
        results.append(Result(article=a, events=(ev,)))
    elsewhere = make_article("Russian drones hit a depot in Odesa region overnight, the governor said.", "odesa")
    far = make_event(elsewhere, elsewhere.body, "ASSAULT", actor=(RUS_MIL,), place=ODESA)
    later = make_article("Russian drones hit homes in Kyiv again a week later, officials said today.", "later")
    week = make_event(later, later.body, "ASSAULT", actor=(RUS_MIL,), place=KYIV, date="2024-11-08")
    other_actor = make_article("Belarusian troops fired on homes in Kyiv in a raid, a report claimed today.", "blr")
    blr = make_event(other_actor, other_actor.body, "ASSAULT",
                     actor=(Actor(text="Belarusian troops", country="BLR", sector="MIL"),), place=KYIV)
    with open_store(store_url) as store:
        store.write_batch(results + [Result(article=elsewhere, events=(far,)),
                                     Result(article=later, events=(week,)),
                                     Result(article=other_actor, events=(blr,))], "r1")
        events = {e.article_id: e for e in store.query_events()}
        clusters = {events[r.article.id].cluster_id for r in results if r.article}
        assert len(clusters) == 1
        (cid,) = clusters
        assert events[elsewhere.id].cluster_id != cid
        assert events[later.id].cluster_id != cid
        assert events[other_actor.id].cluster_id != cid
        assert store.describe_cluster(cid) == (
            "claimed by Ukraine's air force, reported by AP and Reuters, denied by Russia's defence ministry")
        assert len(list(store.query_events(EventFilter(cluster_id=cid)))) == 4


def test_relink_reproduces_incremental_links(store_url: str) -> None:
    batch = [strike_result(doc_id="wire"), talks_result(),
             syndicated_copy("paper-a", "Paper A", "Paper A readers can sign up for morning alerts here.")]
    with open_store(store_url) as store:
        store.write_batch(batch, "r1")

        def state() -> list[tuple[str, str | None, bool]]:
            return sorted((r.event.event_id, r.event.cluster_id, r.duplicate)
                          for r in store.query_rows(EventFilter(include_duplicates=True)))

        before = state()
        assert sum(d for _, _, d in before) == 3
        store.relink()
        assert state() == before
