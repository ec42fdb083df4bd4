"""The extract stage: HTML and plain-text paths, metadata, rejections, publisher memory, seed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsevents.errors import DocumentRejected
from newsevents.extract import InMemoryBoilerplateMemory, extract, paragraph_hash
from newsevents.extract.html import _published, load_tree
from newsevents.extract.htmlmeta import read_page_meta
from newsevents.extract.text import split_paragraphs
from newsevents.options import load_options
from newsevents.records import Article, RawDocument

OPTS = load_options()

STORY = [
    "The harbour authority closed the northern pier on Tuesday after inspectors found deep cracks "
    "in two of the concrete supports that hold up the walkway.",
    "Engineers said the damage had probably been caused by a winter of unusually strong storms, and "
    "that repairs would take at least three months to complete.",
    "Fishing crews who moor at the pier will be moved to the southern basin in the meantime, a "
    "spokesperson for the authority told reporters at a brief news conference.",
    "Local traders said they feared the closure would keep visitors away during the busy spring "
    "season, when the pier usually draws thousands of walkers every weekend.",
]


def _page(body_html: str, head: str = "") -> str:
    return (
        "<html lang='en'><head><title>Pier closed after cracks found | Harbour Herald</title>"
        "<meta property='og:site_name' content='Harbour Herald'>"
        f"{head}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Pier closed after cracks found</h1>{body_html}</article>"
        "<footer>Contact us | Privacy | Terms</footer></body></html>"
    )


def _html_doc(html: str, url: str | None = "https://harbourherald.example.com/news/pier") -> RawDocument:
    return RawDocument(id="t", source_uri="t.html", content_type="html", text=html, url=url)


def test_html_article_body_and_metadata() -> None:
    head = ("<meta property='article:published_time' content='2024-03-05T09:30:00+01:00'>"
            "<link rel='canonical' href='https://harbourherald.example.com/news/pier'>")
    body = "".join(f"<p>{p}</p>" for p in STORY)
    article = extract(_html_doc(_page(body, head)), OPTS)
    assert article.paragraphs == tuple(STORY)
    assert article.body == "\n\n".join(STORY)
    assert article.id == Article.id_for(article.body)
    assert article.headline == "Pier closed after cracks found"
    assert article.publisher == "Harbour Herald"
    assert article.published == "2024-03-05T09:30:00+01:00"
    assert article.language == "en"
    assert article.canonical_url == "https://harbourherald.example.com/news/pier"


@pytest.mark.parametrize("first", [
    "<span class='dropcap'>T</span><p>he harbour",  # the letter apart, the paragraph's own text
    "<span>T</span><p><a href='/topic/harbour'>he</a> harbour",  # the word a link
])
def test_a_drop_cap_letter_goes_back_to_its_paragraph(first: str) -> None:
    body = first + STORY[0][len("The harbour"):] + "</p>" + "".join(f"<p>{p}</p>" for p in STORY[1:])
    article = extract(_html_doc(_page(body)), OPTS)
    assert article.paragraphs == tuple(STORY)


@pytest.mark.parametrize(
    ("furniture", "reason"),
    [
        ("<p>Sign up to our free evening newsletter</p>", "boilerplate:newsletter"),
        ("<p>Read more: Council approves new ferry timetable</p>", "boilerplate:read_more"),
        ("<p>Photo: The pier at low tide last winter</p>", "boilerplate:photo_credit"),
        ("<p>Share this article</p>", "boilerplate:share"),
        ("<p>Your donation keeps local news alive. Donate now.</p>", "boilerplate:donation"),
    ],
)
def test_html_furniture_inside_article_is_dropped(furniture: str, reason: str) -> None:
    body = f"<p>{STORY[0]}</p><p>{STORY[1]}</p>{furniture}<p>{STORY[2]}</p><p>{STORY[3]}</p>"
    article = extract(_html_doc(_page(body)), OPTS)
    assert article.paragraphs == tuple(STORY)
    assert reason in {d.reason for d in article.dropped}


def test_html_byline_with_agency_is_kept_out_of_body() -> None:
    body = "<p>By Mara Quinn, Reuters</p>" + "".join(f"<p>{p}</p>" for p in STORY)
    article = extract(_html_doc(_page(body)), OPTS)
    assert article.agency == "Reuters"
    assert "Mara Quinn" in (article.byline or "")
    assert not any("Mara Quinn" in p for p in article.paragraphs)


def test_json_ld_date_and_utc_stamp_localised() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
            '"2021-06-02T01:15:00Z", "headline": "Pier closed"}</script>')
    article = extract(_html_doc(_page("".join(f"<p>{p}</p>" for p in STORY), head),
                                url="https://example.com/news/pier"), OPTS)
    # 01:15 UTC on 2 June is the evening of 1 June for a US site.
    assert article.published is not None and article.published.startswith("2021-06-01T21:15:00")


def test_truncated_html_page_still_extracts() -> None:
    full = _page("".join(f"<p>{p}</p>" for p in STORY))
    cut = full[: full.index(STORY[3][:40])]
    article = extract(_html_doc(cut), OPTS)
    assert article.paragraphs[:3] == tuple(STORY[:3])


GERMAN = (
    "Die Hafenbehörde hat am Dienstag den nördlichen Pier gesperrt, nachdem Prüfer tiefe Risse in "
    "zwei Betonstützen gefunden hatten. Die Reparatur wird nach Angaben der Ingenieure mindestens "
    "drei Monate dauern, und die Fischer müssen so lange in das südliche Becken umziehen."
)


def test_non_english_is_rejected_with_language_named() -> None:
    raw = RawDocument(id="de", source_uri="de.txt", content_type="text", text=GERMAN)
    with pytest.raises(DocumentRejected) as info:
        extract(raw, OPTS)
    assert info.value.stage == "extract" and info.value.reason == "language"
    assert "de" in info.value.message and "German" in info.value.message


def test_an_english_note_the_identifier_reads_as_pidgin_is_english() -> None:
    # py3langid puts Nigerian Pidgin first here (p 0.45), English close behind
    note = ("On 21 January 2024, suspected Fulani militiamen attacked Mushu village in Bokkos "
            "LGA, Plateau state, killing 30 people.")
    raw = RawDocument(id="ng", source_uri="ng.txt", content_type="text", text=note)
    assert extract(raw, OPTS).language == "en"


def test_other_language_accepted_when_configured() -> None:
    raw = RawDocument(id="de", source_uri="de.txt", content_type="text", text=GERMAN)
    assert extract(raw, OPTS.replace(languages=["en", "de"])).language == "de"


def test_too_short_and_no_body() -> None:
    note = "Pier shut for repairs."
    assert len(note.split()) < OPTS.min_words
    short = RawDocument(id="s", source_uri="s.txt", content_type="text", text=note)
    with pytest.raises(DocumentRejected) as info:
        extract(short, OPTS)
    assert info.value.reason == "too_short"
    empty = RawDocument(id="e", source_uri="e.html", content_type="html", text="<html><body></body></html>")
    with pytest.raises(DocumentRejected) as info:
        extract(empty, OPTS)
    assert info.value.reason == "no_body"


def _text_page(*middle: str) -> str:
    return "\n\n".join([
        "Get breaking news alerts from The Harbour Herald",
        "Pier closed after inspectors find cracks in supports",
        "Repairs to the northern walkway are expected to take at least three months, engineers say",
        "By Mara Quinn",
        "Tuesday 5 March 2024 09:30 GMT",
        *middle,
        *STORY,
        "Sign up to our free evening newsletter",
        "© 2024 The Harbour Herald. All rights reserved.",
    ])


def test_plain_text_header_and_body() -> None:
    raw = RawDocument(id="p", source_uri="p.txt", content_type="text", text=_text_page())
    article = extract(raw, OPTS)
    assert article.paragraphs == tuple(STORY)
    assert article.headline == "Pier closed after inspectors find cracks in supports"
    assert article.standfirst is not None and article.standfirst.startswith("Repairs to the northern walkway")
    assert article.byline == "Mara Quinn"
    assert article.published == "2024-03-05T09:30:00+00:00"
    assert article.publisher == "The Harbour Herald"
    reasons = {d.reason for d in article.dropped}
    assert {"header:headline", "header:standfirst", "header:byline", "header:dateline"} <= reasons


def test_plain_text_appeal_block_removed() -> None:
    appeal = ("Your support helps keep the lights on",
              "Our small newsroom covers the coast every day, and we would like to keep doing it for everyone.",
              "Your support makes all of this possible.")
    raw = RawDocument(id="p", source_uri="p.txt", content_type="text", text=_text_page(*appeal))
    article = extract(raw, OPTS)
    assert article.paragraphs == tuple(STORY)


def test_publisher_memory_drops_recurring_paragraph() -> None:
    tagline = ("The Harbour Herald has covered the coast and its people since the old fish market "
               "opened, and it will go on doing so for as long as there are readers.")
    memory = InMemoryBoilerplateMemory()
    for n in range(3):
        memory.record("The Harbour Herald", f"earlier-{n}", [tagline])
    assert memory.seen_count("The Harbour Herald", paragraph_hash(tagline)) == 3
    raw = RawDocument(id="p", source_uri="p.txt", content_type="text", text=_text_page() + "\n\n" + tagline)
    article = extract(raw, OPTS, memory=memory)
    assert tagline not in article.paragraphs
    dropped = [d for d in article.dropped if d.reason == "publisher_memory"]
    assert dropped and dropped[0].detail == "seen in 3 articles of The Harbour Herald"
    # Without the memory the same paragraph reads as prose and is kept.
    assert tagline in extract(raw, OPTS).paragraphs


def test_paragraph_whitespace_normalised_characters_kept() -> None:
    assert split_paragraphs("  “Quoted”  words\there —  kept  \n\nNext") == ["“Quoted” words here — kept", "Next"]


def test_hard_wrapped_text_joined() -> None:
    text = ("The harbour authority closed the northern pier on Tuesday after\n"
            "inspectors found deep cracks in two of the concrete supports that\n"
            "hold up the walkway.")
    assert len(split_paragraphs(text)) == 1


# --------------------------------------------------------------------------- seed (shared data)


def _shared() -> Path:
    env = os.environ.get("NEWSEVENTS_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared"


def _seed() -> tuple[RawDocument, dict[str, object]]:
    seed = _shared() / "seed"
    golds = sorted(seed.glob("*.gold.jsonl")) if seed.is_dir() else []
    if not golds:
        pytest.skip("shared seed data not available")
    gold_path = golds[0]
    record = json.loads(gold_path.read_text("utf-8").splitlines()[0])
    text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.jsonl") + ".txt")
    raw = RawDocument(id=text_path.stem, source_uri=str(text_path), content_type="text",
                      text=text_path.read_text("utf-8"))
    return raw, record["article"]


def test_seed_boilerplate_gone_and_body_exact() -> None:
    raw, gold = _seed()
    article = extract(raw, OPTS)
    for phrase in gold["boilerplate_must_not_appear"]:  # type: ignore[union-attr]
        assert phrase not in article.body
    assert article.body.startswith(str(gold["body_starts_with"]))
    assert article.body.endswith(str(gold["body_ends_with"]))


def test_seed_metadata() -> None:
    raw, gold = _seed()
    article = extract(raw, OPTS)
    assert article.headline == gold["headline"]
    assert article.byline == gold["byline"]
    assert article.agency == "The Associated Press"
    assert article.publisher == gold["publisher"]
    assert article.published == gold["published"]


# --------------------------------------------------------------------------- publication date rules


@pytest.mark.parametrize(
    ("stamp", "day", "url", "expected"),
    [
        # our stamp wins and keeps its offset
        ("2022-04-03T10:00:00+02:00", "2022-04-02", "https://example.de/a", "2022-04-03T10:00:00+02:00"),
        # a UTC stamp is shown in the site's zone (UK summer time here)
        ("2022-06-03T23:30:00+00:00", None, "https://example.co.uk/a", "2022-06-04T00:30:00+01:00"),
        # ... unless the URL names the UTC day
        ("2022-06-04T01:30:00+00:00", None, "https://example.com/2022/06/04/a", "2022-06-04T01:30:00+00:00"),
        # htmldate's day when we have no stamp; a bare January 1st is a copyright-year guess
        (None, "2021-09-14", "https://example.com/a", "2021-09-14"),
        (None, "2016-01-01", "https://example.com/a", None),
        (None, "2016-01-01", "https://example.com/2016/01/01/a", "2016-01-01"),
        (None, None, "https://example.com/2019/05/06/a", "2019-05-06"),
    ],
)
def test_published_rules(stamp: str | None, day: str | None, url: str, expected: str | None) -> None:
    assert _published(stamp, day, url) == expected


def test_page_meta_sources() -> None:
    video = ('<html><head><script type="application/ld+json">[{"@type": "VideoObject", "uploadDate": '
             '"2020-01-02T10:00:00Z"}, {"@type": "NewsArticle", "headline": "H"}]</script></head>'
             '<body><p>x</p></body></html>')
    assert read_page_meta(load_tree(video)).published is None  # an embedded clip's date is not the story's
    rdf = ('<html><body><p>x</p><!-- <rdf:RDF><rdf:Description rdf:about="u" dc:title="t" '
           'dc:date="2020-07-12T22:00:00+09:00" /></rdf:RDF> --></body></html>')
    meta = read_page_meta(load_tree(rdf), rdf)
    assert meta.published == "2020-07-12T22:00:00+09:00" and meta.published_source == "rdf:dc:date"
    tagged = ('<html lang="en-GB"><head><meta name="pubdate" content="2019-03-04T05:06:07-05:00">'
              '</head><body><p>x</p></body></html>')
    meta = read_page_meta(load_tree(tagged))
    assert meta.published == "2019-03-04T05:06:07-05:00" and meta.lang == "en"


def test_cut_short_description_is_the_lead_not_a_standfirst() -> None:
    head = f"<meta name='description' content='{STORY[0][:60]}…'>"
    article = extract(_html_doc(_page("".join(f"<p>{p}</p>" for p in STORY), head)), OPTS)
    assert article.standfirst is None and article.paragraphs[0] == STORY[0]
    separate = "<meta name='description' content='Inspectors say the northern walkway is unsafe.'>"
    article = extract(_html_doc(_page("".join(f"<p>{p}</p>" for p in STORY), separate)), OPTS)
    assert article.standfirst == "Inspectors say the northern walkway is unsafe."
