"""Multi-document inputs: JSON Lines, WARC, RSS/Atom feeds; and the in-memory constructors."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.ingest import document_from_record, document_from_text, read_paths
from newsevents.options import Options
from newsevents.records import RawDocument, Rejected, stable_hash

# Written for these tests.
EN = (
    "Talks between the two delegations resumed on Thursday in the capital, officials said, "
    "after a week in which both sides traded accusations over the border crossings."
)
RU = (
    "Жители прибрежных районов получили предупреждение о шторме, и местные власти открыли "
    "три временных пункта размещения в школах города."
)
PAGE = f"<html><head><title>Talks</title></head><body><p>{EN}</p></body></html>"



def _items(path: Path, opts: Options) -> list[RawDocument | Rejected]:
    return list(read_paths([path], opts))


# --------------------------------------------------------------------------- in memory


@pytest.mark.parametrize(
    ("text", "content_type"),
    [
        (PAGE, "html"),
        (f"<p>{EN}</p>", "html"),
        (f"<!doctype html><title>x</title>{EN}", "html"),
        (f"<div class='story'>{EN}</div>", "html"),
        (EN, "text"),
        ("Profits rose 3% as costs fell < 2% and sales > 5%; see <note> below.", "text"),
        ("Headline\n\nFirst paragraph of a plain story.\n\nSecond paragraph.", "text"),
    ],
)
def test_document_from_text_kind(text: str, content_type: str) -> None:
    doc = document_from_text(text)
    assert doc.content_type == content_type
    assert doc.id == stable_hash(text)
    assert doc.source_uri == "<text>"
    assert doc.size_bytes == len(text.encode())


def test_document_from_text_keeps_given_fields() -> None:
    doc = document_from_text(EN, published="2024-11-01T06:04:00-04:00", id="wire-1", url="https://x.example/a",
                             source_uri="<api>")
    assert (doc.id, doc.published, doc.url, doc.source_uri) == (
        "wire-1", "2024-11-01T06:04:00-04:00", "https://x.example/a", "<api>")
    assert document_from_text(EN).id == document_from_text(EN).id != document_from_text(EN + " ").id


@pytest.mark.parametrize(
    ("rec", "doc_id", "content_type", "text"),
    [
        ({"id": "a1", "text": EN}, "a1", "text", EN),
        ({"id": 7, "html": PAGE}, "7", "html", PAGE),
        ({"id": "both", "text": EN, "html": PAGE}, "both", "html", PAGE),
        ({"id": "blank-html", "text": EN, "html": "  "}, "blank-html", "text", EN),
        ({"text": EN}, stable_hash(EN), "text", EN),
        ({"id": "", "text": EN}, stable_hash(EN), "text", EN),
        ({"id": "markup-in-text", "text": PAGE}, "markup-in-text", "html", PAGE),
    ],
)
def test_document_from_record(rec: dict, doc_id: str, content_type: str, text: str) -> None:
    doc = document_from_record({**rec, "url": "https://x.example/s", "published": "2024-05-02"}, "<batch>")
    assert isinstance(doc, RawDocument)
    assert (doc.id, doc.content_type, doc.text, doc.url, doc.published) == (
        doc_id, content_type, text, "https://x.example/s", "2024-05-02")


@pytest.mark.parametrize(
    ("rec", "reason", "in_message"),
    [
        ({"id": "x"}, "empty", "no non-blank"),
        ({"id": "x", "text": "   ", "html": None}, "empty", "no non-blank"),
        ({"id": "x", "text": 12}, "bad_json", "'text'"),
        ({"id": "x", "text": EN, "published": 2024}, "bad_json", "'published'"),
        ({"id": ["x"], "text": EN}, "bad_json", "'id'"),
    ],
)
def test_document_from_record_rejects(rec: dict, reason: str, in_message: str) -> None:
    item = document_from_record(rec, "<batch>")
    assert isinstance(item, Rejected)
    assert (item.stage, item.reason, item.source_uri) == ("ingest", reason, "<batch>")
    assert in_message in item.message


# --------------------------------------------------------------------------- JSONL


def _jsonl_lines() -> list[bytes]:
    return [
        json.dumps({"id": "one", "text": EN, "published": "2024-11-01T06:04:00-04:00"}).encode(),
        b"",  # blank lines are not records
        b'{"id": "two", "text": "unterminated',
        json.dumps({"id": "three", "html": PAGE, "url": "https://x.example/3"}).encode(),
        b"[1, 2, 3]",
        json.dumps({"id": "five", "url": "https://x.example/5"}).encode(),
        "{\"id\": \"six\", \"text\": \"caf\xe9\"}".encode("latin-1"),
        json.dumps({"text": RU}, ensure_ascii=False).encode(),
    ]


def test_jsonl_bad_lines_do_not_stop_the_file(tmp_path: Path, opts: Options) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(_jsonl_lines()) + b"\n")
    items = _items(path, opts)
    summary = [(type(i).__name__, i.id if isinstance(i, RawDocument) else i.doc_id,
                getattr(i, "reason", None)) for i in items]
    assert summary == [
        ("RawDocument", "one", None),
        ("Rejected", "batch#3", "bad_json"),
        ("RawDocument", "three", None),
        ("Rejected", "batch#5", "bad_json"),
        ("Rejected", "five", "empty"),
        ("Rejected", "batch#7", "bad_json"),
        ("RawDocument", stable_hash(RU), None),
    ]
    assert "line 3" in items[1].message and "Unterminated string" in items[1].message
    assert "line 5 is a JSON list" in items[3].message
    assert "not UTF-8" in items[5].message
    assert items[0].published == "2024-11-01T06:04:00-04:00"
    assert (items[0].encoding, items[0].source_uri) == ("utf-8", f"{path}#1")
    assert (items[2].content_type, items[2].url) == ("html", "https://x.example/3")
    assert items[6].text == RU


def test_jsonl_line_over_the_limit(tmp_path: Path, opts: Options) -> None:
    path = tmp_path / "big.jsonl"
    long_text = EN * 40
    lines = [{"id": "small", "text": EN}, {"id": "huge", "text": long_text}, {"id": "after", "text": EN}]
    path.write_text("\n".join(json.dumps(r) for r in lines) + "\n")
    items = _items(path, opts.replace(max_bytes=2000))
    assert [getattr(i, "id", None) or i.doc_id for i in items] == ["small", "big#2", "after"]
    assert items[1].reason == "too_large"
    assert items[1].message.startswith(f"{len(json.dumps(lines[1])) + 1} bytes")


def test_jsonl_gz_and_truncated_gz(tmp_path: Path, opts: Options) -> None:
    body = "".join(json.dumps({"id": f"r{n}", "text": f"{n}. {EN}"}) + "\n" for n in range(300)).encode()
    whole = tmp_path / "records.jsonl.gz"
    whole.write_bytes(gzip.compress(body))
    assert [d.id for d in _items(whole, opts)] == [f"r{n}" for n in range(300)]
    cut = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(body)
    cut.write_bytes(data[: len(data) * 2 // 3])
    items = _items(cut, opts)
    assert all(isinstance(i, RawDocument) for i in items[:-1]) and len(items) > 10
    assert isinstance(items[-1], Rejected)
    assert (items[-1].reason, items[-1].doc_id) == ("truncated", "cut")


# --------------------------------------------------------------------------- WARC


def _warc(path: Path, records: list[tuple[str, str, str, bytes]], gz: bool, extra: bool = True) -> None:
    """records: (url, status line, content type, body) written as response records, plus a
    request and a metadata record that are not articles."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        if extra:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for url, status, ctype, body in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            if extra:
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            record.rec_headers.replace_header("WARC-Date", "2024-11-01T10:15:00Z")
            writer.write_record(record)


def _crawl() -> list[tuple[str, str, str, bytes]]:
    ru_page = f"<html><body><p>{RU}</p></body></html>"
    return [
        ("https://news.example/a", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
        ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("https://news.example/ru", "200 OK", "text/html; charset=windows-1251", ru_page.encode("cp1251")),
        ("https://news.example/gone", "404 Not Found", "text/html", b"<html><body>Not here</body></html>"),
        ("https://news.example/plain", "200 OK", "text/plain", EN.encode()),
        ("https://news.example/empty", "200 OK", "text/html", b""),
    ]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_records(tmp_path: Path, opts: Options, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _warc(path, _crawl(), gz)
    items = _items(path, opts)
    urls = [i.url if isinstance(i, RawDocument) else i.message for i in items]
    assert len(items) == 5, urls  # the image, the request and the info records are not articles
    a, ru, gone, plain, empty = items
    assert isinstance(a, RawDocument) and a.text == PAGE and a.content_type == "html"
    assert (a.url, a.fetched, a.encoding) == ("https://news.example/a", "2024-11-01T10:15:00+00:00", "utf-8")
    assert len(a.id) == 36 and a.id.count("-") == 4  # the WARC-Record-ID uuid
    assert a.source_uri.startswith(f"{path}#") and a.source_uri != ru.source_uri
    assert isinstance(ru, RawDocument) and RU in ru.text and ru.encoding == "cp1251"
    assert isinstance(gone, Rejected) and gone.reason == "http_404" and "https://news.example/gone" in gone.message
    assert isinstance(plain, RawDocument) and plain.content_type == "text" and plain.text == EN
    assert isinstance(empty, Rejected) and empty.reason == "empty"
    assert _items(path, opts) == items  # same ids and order on a second run


def test_warc_record_over_the_limit(tmp_path: Path, opts: Options) -> None:
    path = tmp_path / "big.warc.gz"
    big = f"<html><body>{'<p>' + EN + '</p>' * 1}{'<p>filler</p>' * 400}</body></html>".encode()
    _warc(path, [("https://news.example/big", "200 OK", "text/html", big),
                 ("https://news.example/a", "200 OK", "text/html", PAGE.encode())], gz=True)
    items = _items(path, opts.replace(max_bytes=3000))
    assert [type(i).__name__ for i in items] == ["Rejected", "RawDocument"]
    assert items[0].reason == "too_large" and "3000" in items[0].message


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("junk.warc", b"this is a plain text file, not an archive\n" * 5, "bad_warc"),
        ("junk.warc.gz", gzip.compress(b"neither is this one\n" * 5), "bad_warc"),
        ("fake.warc.gz", b"\x1f\x8b\x08\x00 not really gzip", "bad_warc"),
        ("nothing.warc", b"", "bad_warc"),
    ],
)
def test_bad_warc_files(tmp_path: Path, opts: Options, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [item] = _items(path, opts)
    assert isinstance(item, Rejected) and item.reason == reason and item.doc_id == name.split(".")[0]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_truncated_warc_keeps_the_records_before_the_cut(tmp_path: Path, opts: Options, gz: bool) -> None:
    path = tmp_path / "cut.warc"
    records = [(f"https://news.example/{n}", "200 OK", "text/html", f"<p>{n} {EN}</p>".encode() * 20)
               for n in range(3)]
    _warc(path, records, gz, extra=False)
    data = path.read_bytes()
    path.write_bytes(data[:-60])
    items = _items(path, opts)
    assert [type(i).__name__ for i in items] == ["RawDocument", "RawDocument", "Rejected"]
    assert items[2].reason == "truncated" and items[2].doc_id != "cut"


# --------------------------------------------------------------------------- feeds

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example wire</title><link>https://wire.example/</link>
<item>
  <title>Talks resume &amp; delegations meet</title>
  <link>https://wire.example/talks</link>
  <guid isPermaLink="false">wire-2024-0001</guid>
  <pubDate>Fri, 01 Nov 2024 06:04:00 -0400</pubDate>
  <description>Short summary only.</description>
  <content:encoded><![CDATA[<p>{EN}</p><p>Second paragraph.</p>]]></content:encoded>
</item>
<item>
  <title>Plain summary item</title>
  <link>https://wire.example/plain</link>
  <pubDate>Sat, 02 Nov 2024 18:30:00 GMT</pubDate>
  <description>{EN}</description>
</item>
<item>
  <title>Escaped HTML description</title>
  <link>https://wire.example/escaped</link>
  <pubDate>not a date at all</pubDate>
  <description>&lt;p&gt;{EN}&lt;/p&gt;</description>
</item>
<item>
  <title>Link only</title>
  <link>https://wire.example/link-only</link>
</item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example agency</title><id>urn:example:feed</id><updated>2024-11-03T09:00:00Z</updated>
  <entry>
    <title>Storm warning</title><id>urn:example:storm</id>
    <link rel="alternate" href="https://agency.example/storm"/>
    <link rel="enclosure" href="https://agency.example/storm.jpg"/>
    <published>2024-11-03T08:00:00+03:00</published><updated>2024-11-03T09:30:00+03:00</updated>
    <content type="html">&lt;p&gt;{RU}&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Inline markup</title><id>urn:example:xhtml</id>
    <link href="https://agency.example/xhtml"/>
    <updated>2024-11-02T12:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>{EN}</p></div></content>
  </entry>
  <entry>
    <title>Summary only</title><id>urn:example:summary</id>
    <link href="https://agency.example/summary"/><updated>2024-11-01T00:00:00Z</updated>
    <summary>{EN}</summary>
  </entry>
  <entry>
    <title>Nothing inside</title><id>urn:example:empty</id>
    <link href="https://agency.example/empty"/><updated>2024-11-01T00:00:00Z</updated>
  </entry>
</feed>
"""

RDF = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://old.example/"><title>Old style</title></channel>
  <item rdf:about="https://old.example/1">
    <title>Old item</title><link>https://old.example/1</link>
    <dc:date>2024-10-30T14:00:00+01:00</dc:date>
    <description>{EN}</description>
  </item>
</rdf:RDF>
"""


def test_rss_feed(tmp_path: Path, opts: Options) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    full, plain, escaped, link_only = _items(path, opts)
    assert isinstance(full, RawDocument) and full.content_type == "html"
    assert "<title>Talks resume &amp; delegations meet</title>" in full.text
    assert f"<p>{EN}</p><p>Second paragraph.</p>" in full.text and "Short summary only" not in full.text
    assert (full.url, full.published, full.id) == (
        "https://wire.example/talks", "2024-11-01T06:04:00-04:00", stable_hash("wire-2024-0001"))
    assert (full.source_uri, full.encoding) == (f"{path}#1", "utf-8")
    assert isinstance(plain, RawDocument) and plain.content_type == "text"
    assert plain.text == f"Plain summary item\n\n{EN}"
    assert plain.published == "2024-11-02T18:30:00+00:00"
    assert plain.id == stable_hash("https://wire.example/plain")  # no guid: the link
    assert isinstance(escaped, RawDocument) and escaped.content_type == "html" and f"<p>{EN}</p>" in escaped.text
    assert escaped.published is None
    assert isinstance(link_only, Rejected) and link_only.reason == "no_content"
    assert "https://wire.example/link-only" in link_only.message and "not fetched" in link_only.message


def test_atom_feed(tmp_path: Path, opts: Options) -> None:
    path = tmp_path / "agency.atom"
    path.write_text(ATOM, encoding="utf-8")
    storm, xhtml, summary, empty = _items(path, opts)
    assert isinstance(storm, RawDocument) and f"<p>{RU}</p>" in storm.text and "<title>Storm warning</title>" in storm.text
    assert (storm.url, storm.published) == ("https://agency.example/storm", "2024-11-03T08:00:00+03:00")
    assert storm.id == stable_hash("urn:example:storm")
    assert isinstance(xhtml, RawDocument) and f"<p>{EN}</p>" in xhtml.text and "xhtml" not in xhtml.text.split("<body>")[1]
    assert xhtml.published == "2024-11-02T12:00:00+00:00"  # updated, when published is missing
    assert isinstance(summary, RawDocument) and summary.text == f"Summary only\n\n{EN}"
    assert isinstance(empty, Rejected) and empty.reason == "no_content" and "https://agency.example/empty" in empty.message


def test_rdf_feed_with_xml_suffix(tmp_path: Path, opts: Options) -> None:
    path = tmp_path / "old.xml"
    path.write_text(RDF, encoding="utf-8")
    [item] = _items(path, opts)
    assert isinstance(item, RawDocument)
    assert (item.url, item.published, item.text) == (
        "https://old.example/1", "2024-10-30T14:00:00+01:00", f"Old item\n\n{EN}")


def test_feed_in_a_legacy_encoding(tmp_path: Path, opts: Options) -> None:
    feed = (f'<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><item>'
            f"<title>Шторм</title><link>https://ru.example/1</link><description>{RU}</description>"
            "</item></channel></rss>")
    path = tmp_path / "ru.rss"
    path.write_bytes(feed.encode("cp1251"))
    [item] = _items(path, opts)
    assert isinstance(item, RawDocument)
    assert (item.text, item.encoding) == (f"Шторм\n\n{RU}", "cp1251")


@pytest.mark.parametrize(
    ("name", "text", "reason", "in_message"),
    [
        ("sitemap.xml", '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url/></urlset>',
         "unsupported_type", "<urlset>"),
        ("broken.rss", "<rss><channel><item><title>Open", "bad_feed", "not well-formed"),
        ("amp.rss", "<rss><channel><item><title>Tom & Jerry</title></item></channel></rss>", "bad_feed", "line 1"),
        ("blank.atom", "   \n", "empty", "whitespace"),
    ],
)
def test_feed_file_rejects(tmp_path: Path, opts: Options, name: str, text: str, reason: str, in_message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [item] = _items(path, opts)
    assert isinstance(item, Rejected) and item.reason == reason and in_message in item.message


def test_media_rss_lookalikes_are_not_content(tmp_path: Path, opts: Options) -> None:
    feed = ('<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><item>'
            "<title>Photo only</title><link>https://wire.example/photo</link>"
            '<media:content url="https://wire.example/p.jpg" medium="image">'
            f"<media:description>{EN}</media:description></media:content>"
            f"<media:title>Not the headline</media:title>"
            "</item></channel></rss>")
    path = tmp_path / "media.rss"
    path.write_text(feed)
    [item] = _items(path, opts)
    assert isinstance(item, Rejected) and item.reason == "no_content"
    assert "https://wire.example/photo" in item.message


def test_feed_entities_are_not_expanded(tmp_path: Path, opts: Options) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("local secret")
    external = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
                "<rss><channel><item><description>&x; words</description></item></channel></rss>")
    laughs = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY a{n} "{("&a" + str(n - 1) + ";") * 10 if n > 1 else "&a;" * 10}">' for n in range(1, 9)
    ) + "]><rss><channel><item><description>&a8;</description></item></channel></rss>"
    for name, text in (("external.rss", external), ("laughs.rss", laughs)):
        path = tmp_path / name
        path.write_text(text)
        [item] = _items(path, opts)
        assert isinstance(item, Rejected) and item.reason == "bad_feed", item
        assert "local secret" not in item.message


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("nothing.jsonl", b"\n\n  \n", "empty"),
        ("zero.jsonl", b"", "empty"),
        ("items.rss", b"<rss version='2.0'><channel><title>Quiet</title></channel></rss>", "no_content"),
    ],
)
def test_containers_without_documents_are_visible(tmp_path: Path, opts: Options, name: str, data: bytes,
                                                  reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [item] = _items(path, opts)
    assert isinstance(item, Rejected) and item.reason == reason and item.doc_id == name.split(".")[0]


def test_warc_without_articles_is_visible(tmp_path: Path, opts: Options) -> None:
    path = tmp_path / "images.warc.gz"
    _warc(path, [("https://news.example/a.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00")], gz=True)
    [item] = _items(path, opts)
    assert isinstance(item, Rejected) and (item.reason, item.doc_id) == ("no_content", "images")


def test_warc_response_without_http_status(tmp_path: Path, opts: Options) -> None:
    body = b"GARBLED LINE\r\nContent-Type: text/html\r\n\r\n<p>text</p>"
    head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100>\r\n"
            "WARC-Target-URI: https://news.example/garbled\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(body)}\r\n\r\n")
    path = tmp_path / "garbled.warc"
    path.write_bytes(head.encode() + body + b"\r\n\r\n")
    [item] = _items(path, opts)
    assert isinstance(item, Rejected) and item.reason == "bad_warc"
    assert item.doc_id == "0f0e0d0c-0b0a-4908-8706-050403020100" and "no HTTP status" in item.message


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("Fri, 01 Nov 2024 06:04:00 -0400", "2024-11-01T06:04:00-04:00"),
        ("Sat, 02 Nov 2024 18:30:00 GMT", "2024-11-02T18:30:00+00:00"),
        ("2 Nov 2024 18:30 +0100", "2024-11-02T18:30:00+01:00"),
        ("2024-11-03T09:00:00Z", "2024-11-03T09:00:00+00:00"),
        ("2024-11-03T09:00:00.250+05:30", "2024-11-03T09:00:00.250000+05:30"),
        ("2024-11-03", "2024-11-03T00:00:00"),
        ("yesterday", None),
        ("", None),
    ],
)
def test_feed_dates(value: str, iso: str | None) -> None:
    from newsevents.ingest.feeds import iso_date

    assert iso_date(value) == iso
