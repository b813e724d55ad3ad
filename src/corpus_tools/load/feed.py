"""RSS and Atom feeds of blogs (WordPress's ``feed/``, Blogger, Hypotheses, Overblog…): one
testimonial per entry.

Read with :mod:`feedparser`, which knows RSS 0.9x to 2.0, RSS 1.0 (RDF) and Atom, their
extensions (``content:encoded``, ``dc:creator``) and the liberties real feeds take. The file is
first checked with :mod:`defusedxml`: a feed declaring a DTD or entities is refused before
feedparser sees it. An entry's text is its full content when the feed carries it, else its
summary, with a warning: many blogs publish only the first lines of each post.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import feedparser

from corpus_tools.french import number
from corpus_tools.load.dates import parse_stamp
from corpus_tools.load.html import fragment_to_text, split_signature
from corpus_tools.load.page import split_name_handle
from corpus_tools.load.records import Document, LoadError
from corpus_tools.load.sources import Source
from corpus_tools.load.wxr import is_wxr, parse_wxr, parse_xml
from corpus_tools.normalise import clean_stored

_DECLARES = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FEED_ROOTS = ("rss", "feed", "{http://www.w3.org/2005/Atom}feed",
               "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF")


def recognise(source: Source) -> bool:
    """Tell an RSS, RSS 1.0 or Atom feed from its opening (an XHTML page is not one)."""
    opening = source.opening
    if not opening.startswith(("<?xml", "<rss", "<feed", "<rdf")):
        return False  # most files, told at once
    head = source.head
    if "<html" in head.lower():
        return False
    if opening.startswith("<?xml"):
        return bool(re.search(r"<(?:rss|feed|rdf:rdf)\b", head, re.IGNORECASE))
    return opening.startswith(("<rss", "<feed", "<rdf:rdf"))


def _date(entry: Any) -> datetime | None:
    """The entry's date as written (its local time), else as feedparser read it (UTC)."""
    for name in ("published", "updated", "created"):
        if not entry.get(name):
            continue
        written = parse_stamp(entry.get(name))
        if written is not None:
            return written
        parsed = entry.get(f"{name}_parsed")
        if parsed:
            return datetime(*parsed[:6])
    return None


def _entry(entry: Any, position: int) -> tuple[Document, bool]:
    """Return an entry's document, and whether its text is only the feed's summary."""
    contents = [c.get("value", "") for c in entry.get("content") or [] if c.get("value")]
    summary_only = not contents
    body = max(contents, key=len) if contents else entry.get("summary", "")
    text, signed, handle = split_signature(fragment_to_text(clean_stored(body)))
    author, byline_handle = split_name_handle(
        signed or clean_stored(entry.get("author") or "").strip())
    categories = [clean_stored(tag.get("term") or tag.get("label") or "").strip()
                  for tag in entry.get("tags") or []]
    key = entry.get("id") or entry.get("link") or f"entrée{position}"
    return Document(
        text=text,
        title=clean_stored(entry.get("title") or "").strip() or None,
        author=author,
        handle=handle or byline_handle,
        categories=list(dict.fromkeys(c for c in categories if c)),
        published=_date(entry),
        key=str(key),
    ), summary_only and bool(text)


def parse(source: Source) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read a feed, or a WordPress export that a feed's recogniser took for one.

    Raises:
        LoadError: the feed declares a DTD or entities, cannot be read, or has no entry.
    """
    if not source.data.strip():
        raise LoadError("le fichier est vide")
    lenient = False
    try:
        root = parse_xml(source.data, source.text)
    except LoadError as error:
        if str(error).startswith("refusé") or _DECLARES.search(source.head):
            raise
        lenient = True  # feedparser reads the feeds real sites serve, ill-formed or not
    else:
        if is_wxr(root):
            return parse_wxr(root, warnings=source.warnings), []
        if root.tag not in _FEED_ROOTS:
            raise LoadError(f"ce fichier XML n’est ni un flux RSS ou Atom ni un export "
                            f"WordPress (élément racine <{root.tag.rpartition('}')[2]}>)")
    feed = feedparser.parse(source.data, sanitize_html=False, resolve_relative_uris=False)
    if not feed.entries:
        if lenient:
            raise LoadError(f"flux illisible : XML mal formé ({feed.get('bozo_exception')})")
        raise LoadError("le flux ne contient aucun billet")
    if lenient:
        source.warnings.append("flux mal formé : lu en mode tolérant, des billets peuvent "
                               "manquer")
    documents, summaries = [], 0
    for position, entry in enumerate(feed.entries, start=1):
        document, summary_only = _entry(entry, position)
        documents.append(document)
        summaries += summary_only
    if summaries:
        many = summaries > 1
        source.warnings.append(
            f"le flux ne porte que le résumé de {number(summaries)} billet{'s' if many else ''}"
            f" sur {number(len(documents))} : le texte complet n’y est pas (enregistrez les "
            "pages, ou demandez un export WordPress)")
    return documents, []
