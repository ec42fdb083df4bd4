"""Ingest: every input kind read into RawDocument records, and bad input into Rejected rows.

Nothing here stops a batch: a file or record that cannot be used becomes one
``Rejected(stage="ingest", reason=..., message=...)`` and reading goes on.

Inputs (by file name, case-insensitive):

- ``.txt``, ``.txt.gz``: plain text, one document per file.
- ``.html``, ``.htm``, ``.html.gz``, ``.htm.gz``: one page per file.
- ``.jsonl``, ``.jsonl.gz``: one record ``{id, text | html, url, published}`` per line.
- ``.warc``, ``.warc.gz``: each HTML or plain-text response record is one page (WARC-Date becomes
  ``fetched``, WARC-Target-URI ``url``); see :mod:`.warc`.
- ``.rss``, ``.atom``, ``.xml``: RSS or Atom feeds; each item with content is one document, links
  are not fetched; see :mod:`.feeds`. An ``.xml`` file that is not a feed is ``unsupported_type``.
- Folders: read recursively in sorted order; names starting with "." are skipped; other files of
  unknown kinds are Rejected(unsupported_type) so the user sees them.
- URLs: :func:`fetch_urls` (robots.txt, per-host rate limit, timeout, size limit).

Ids: a file's id is its path relative to the folder given (or its name, for a file given directly)
without the kind suffix ("2024/story.html.gz" -> "2024/story"); a JSONL record's id is its ``id``
field, else a hash of its content; a WARC record's id is its WARC-Record-ID uuid (else a hash of
its URL); a feed item's id is a hash of its guid / Atom id (else link); a fetched page's id is a
hash of its URL. A bad line or record without an id of its own gets ``<file id>#<line>``.

Size limit: option ``max_bytes``, 5,000,000 bytes by default (``data/defaults.toml``). A document
larger than that is Rejected(too_large). Files are checked from their size on disk before they are
read; gzip files are also cut off at the limit while they are decompressed; JSONL lines, WARC
records and HTTP bodies are checked one by one while streaming. A feed file is parsed whole, so
the limit applies to the feed file.

Encoding: byte-order mark, then strict UTF-8 (pages that declare Latin-1 but are UTF-8 are
common), then UTF-8 with bad bytes replaced when the document has at least as many valid
multi-byte characters as bad bytes (a warning says how many), then the declared charset (HTTP
header, XML declaration, HTML meta; Latin-1 and ASCII labels read as windows-1252 as browsers
do), then detection with charset-normalizer. The codec
used is recorded in ``RawDocument.encoding``; see :mod:`.decode`.

Reason codes (stage "ingest"):

======================  =================================================================
``empty``               0 bytes, only whitespace, or a record with no text / html
``binary``              NUL bytes, control-character soup, or no text encoding fits
``too_large``           over ``max_bytes`` (the message gives size and limit)
``unreadable``          the operating system refused (missing file, permissions, ...)
``truncated``           a gzip stream or WARC record that ends early (a cut HTML page is
                        not an error: extract copes with it)
``bad_gzip``            a ``.gz`` file that is not gzip data, or corrupt
``bad_json``            a JSONL line that is not JSON, not an object, or has wrong field types
``bad_warc``            not a WARC file, or a record whose body cannot be decoded
``bad_feed``            an ``.rss`` / ``.atom`` / ``.xml`` file that is not well-formed XML
``no_content``          a feed item with no content (its link is named in the message)
``unsupported_type``    a file kind (or fetched media type) with no reader
``http_<status>``       an HTTP error status, from a fetch or recorded in a WARC file
``fetch_failed``        network error, timeout, or a URL that is not http(s)
``robots_disallowed``   robots.txt forbids the URL for our user agent
``robots_unavailable``  robots.txt could not be read (other than 404 / 410)
``unencodable_text``    the text holds an unpaired surrogate (a JSON ``"\\ud800"`` escape), which
                        no UTF-8 text can hold (checked as the pipeline takes the document)
``internal_error``      a bug in a reader met on this input; the traceback is in the log
======================  =================================================================

Warnings (``DocumentWarning``, kept with the article; the document is still used):

======================  =================================================================
``replaced_bytes``      a few bytes that are not UTF-8 in an otherwise UTF-8 document, replaced
                        with U+FFFD (see :mod:`.decode`)
``bad_date``            a ``published`` value that is not a date ("2025-02-30"): left empty
``partial_date``        a ``published`` value that names no day ("2025", "May 2025"): left
                        empty, since events are dated from the publication day
``relative_date``       a relative ``published`` value ("yesterday", "3 hours ago"), read
                        against the fetch time or the time of the run
======================  =================================================================

Publication times are read by :func:`.published.read_published`: ISO 8601 as written, RFC 2822
("Tue, 11 Feb 2025 08:00:00 GMT"), written dates ("11 February 2025") and relative ones.
"""

from __future__ import annotations

from .documents import document_from_bytes, document_from_record, document_from_text, looks_html
from .fetch import fetch_urls
from .files import count_documents, read_paths

__all__ = [
    "count_documents",
    "document_from_bytes",
    "document_from_record",
    "document_from_text",
    "fetch_urls",
    "looks_html",
    "read_paths",
]
