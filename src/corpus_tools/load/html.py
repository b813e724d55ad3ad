"""Saved blog pages (HTML) of any platform: the post's text and metadata, and its comments.

The main text is found by `trafilatura <https://trafilatura.readthedocs.io>`_, the extractor
made for corpus building (with htmldate for dates), once the readers' comments have been read
and taken out of the page by :mod:`corpus_tools.load.comments`: no extractor separates them
one by one. The post's title is the post's, never the site's name: the entry title as the page
shows it when the JSON-LD ``headline`` or ``og:title`` agrees with it (a menu or a list of
related posts holds entry titles of other posts, before the post's own), else that stated
title, then the page's ``<h1>``, each unless it is the site's name.
A page saved from the Wayback Machine loses its toolbar; its original address and capture date
are named in a warning. Without a main text for trafilatura, the post's container (or the
page's body) is read as text.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from typing import Any

from bs4 import BeautifulSoup, Tag

from corpus_tools.load.comments import find_comments
from corpus_tools.load.dates import parse_date
from corpus_tools.load.htmltext import element_text, fragment_to_text, soup
from corpus_tools.load.page import match_signature, split_name_handle
from corpus_tools.load.records import Document, LoadError
from corpus_tools.normalise import nfc

__all__ = ["element_text", "fragment_to_text", "parse_html_page", "split_signature"]

_ENTRY_TITLE = (".entry-title, .post-title, .article-title, h1.p-name, .post-header h1, "
                ".wp-block-post-title, .titre-article, h1.titre, h1.title, .node-title")
_POST = ("article.post, article.type-post, article.hentry, .hentry, .post-outer, "
         "article.node, article, main, [role=main], #content, body")
_CONTENT = (".entry-content, .post-content, .post-body, .article-content, .entry, "
            ".texte, .content, .wp-block-post-content")
_AUTHOR = (".byline .author, .author.vcard .fn, .author .fn, a[rel~=author], .entry-author, "
           ".post-author .fn, .post-author-name, .auteur, .author-name")
_PAGE_FURNITURE = (
    "#wm-ipp-base, #wm-ipp, #wm-ipp-print, #donato, #wm-capinfo, #wm-toolbar, "
    "ol.notes, .post-notes, .notes-container, #notes, .sharedaddy, .jp-relatedposts, "
    "#jp-post-flair, .sd-sharing-enabled, .wpcnt, .reblog-button, .comment-respond, "
    "#respond, .screen-reader-text"
)
"""Taken out of every page before its text is read: the Wayback Machine's toolbar, Tumblr's
notes (likes and reblogs are not comments), share and related-post boxes, comment forms."""
_WAYBACK = re.compile(r"(?:https?:)?//web\.archive\.org/web/(\d{14})[a-z_]*/(https?://[^\s\"'<>]+)")
_WOMBAT = re.compile(r"__wm\.wombat\(\s*\"([^\"]+)\"\s*,\s*\"(\d{14})\"")
_SEPARATORS = re.compile(r"\s+[|–—:·»-]\s+|\s+[|»]\s*")
_LD_TYPES = ("article", "blogposting", "newsarticle", "webpage", "posting", "report",
             "socialmediaposting", "reportagenewsarticle")

logger = logging.getLogger(__name__)


def split_signature(text: str) -> tuple[str, str | None, str | None]:
    """Take a signature paragraph off the end of a post's text.

    Returns:
        ``(text without the signature, author, handle)``.
    """
    paragraphs = text.split("\n\n")
    if len(paragraphs) < 2:
        return text, None, None
    lines = paragraphs[-1].split("\n")
    found = match_signature(lines[-1].strip(), bare_name=len(lines) == 1)
    if not found:
        return text, None, None
    rest = lines[:-1]
    paragraphs[-1:] = ["\n".join(rest)] if rest else []
    return "\n\n".join(paragraphs), found[0], found[1]


_ALL_POSTS = re.compile(
    r"^(?:view\s+all\s+posts\s+by|all\s+posts\s+by|posts\s+by|voir\s+tous\s+les\s+"
    r"(?:articles|billets)\s+(?:de|d’|d')|tous\s+les\s+(?:articles|billets)\s+(?:de|d’|d')|"
    r"articles\s+de|alle\s+beiträge\s+von|beiträge\s+von|publié\s+par|écrit\s+par|par|by|"
    r"von)\s*|\s+anzeigen$", re.IGNORECASE)


def _byline(text: str | None) -> str | None:
    """The author's name of a byline or an author link (« View all posts by Daniel Lemire »)."""
    return _clean(_ALL_POSTS.sub("", text)) if text else None


def _clean(text: str | None) -> str | None:
    text = nfc(" ".join((text or "").split()))
    return text or None


def _first_text(root: Tag, selectors: str) -> str | None:
    found = root.select_one(selectors)
    return _clean(found.get_text(" ")) if found is not None else None


def _metas(page: BeautifulSoup) -> dict[str, str]:
    """The page's ``<meta>`` contents by ``property``, ``name`` or ``itemprop``, lowercased
    (one walk of the tree: the page's head, or the whole page when it has none)."""
    found: dict[str, str] = {}
    for tag in (page.head or page).find_all("meta"):
        content = tag.get("content")
        if not content:
            continue
        for attribute in ("property", "name", "itemprop"):
            key = tag.get(attribute)
            if key:
                found.setdefault(str(key).casefold(), str(content))
    return found


def _meta(metas: dict[str, str], *names: str) -> str | None:
    for name in names:
        value = _clean(metas.get(name.casefold()))
        if value:
            return value
    return None


def _json_ld(page: BeautifulSoup) -> dict[str, Any]:
    """The page's JSON-LD article (its ``headline``, ``author``, ``datePublished``), if any."""
    for script in page.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or script.get_text() or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                kinds = node.get("@type") or []
                kinds = [kinds] if isinstance(kinds, str) else kinds
                if any(str(k).lower() in _LD_TYPES for k in kinds) and (
                        node.get("headline") or node.get("datePublished")):
                    return node
                stack.extend(node.get("@graph") or [])
    return {}


def _ld_author(article: dict[str, Any]) -> str | None:
    author = article.get("author")
    if isinstance(author, list) and author:
        author = author[0]
    if isinstance(author, dict):
        author = author.get("name")
    return _clean(author) if isinstance(author, str) else None


def _wayback(page: BeautifulSoup, html: str) -> tuple[str, datetime] | None:
    """The original address and capture date of a page saved from the Wayback Machine."""
    match = _WOMBAT.search(html)
    if match:
        url, stamp = match.groups()
    else:
        match = _WAYBACK.search(html[:200_000])
        toolbar = page.select_one("#wm-ipp-base, #wm-ipp, #donato") is not None
        if match is None or not (toolbar or "FILE ARCHIVED ON" in html):
            return None
        stamp, url = match.groups()
    try:
        return url, datetime.strptime(stamp, "%Y%m%d%H%M%S")
    except ValueError:
        return None


_POST_HEADER = ("entry-header", "post-header", "entry-title", "post-title", "article-header")
_SITE_TITLE = (".site-title, #site-title, .blog-title, #blog-title, .logo, header h1 a, "
               ".header h1, #header h1, .Header h1")


def _site_names(page: BeautifulSoup, metas: dict[str, str]) -> set[str]:
    names = {_meta(metas, "og:site_name", "application-name", "twitter:site")}
    for found in page.select(_SITE_TITLE, limit=6):
        if found.find_parent("article") is None and found.find_parent(
                class_=_POST_HEADER) is None and not _has_class(found, *_POST_HEADER):
            names.add(_clean(found.get_text(" ")))  # a post's own header is not the site's
    return {name.casefold() for name in names if name}


def _same_start(stated: str, shown: str) -> bool:
    """Whether a title stated in the metadata begins as the one shown (apostrophes, case and
    a site's name after it apart)."""
    def key(text: str) -> str:
        return " ".join(text.replace("’", "'").casefold().split())

    return key(stated).startswith(key(shown)) or key(shown).startswith(key(stated))


def _title(page: BeautifulSoup, post: Tag, metas: dict[str, str], ld: dict[str, Any],
           extracted: Any) -> str | None:
    sites = _site_names(page, metas)
    stated = (_clean(ld.get("headline")) if isinstance(ld.get("headline"), str) else None) or (
        _meta(metas, "og:title", "twitter:title"))
    entry = ((_first_text(post, _ENTRY_TITLE) if post.name != "body" else None)
             or _first_text(page, _ENTRY_TITLE))
    if stated and entry and not _same_start(stated, entry):
        entry = None  # a menu's or a related post's title: the page states another
    # the entry title as the page shows it, else the page's own statement of its title
    candidates = [entry, stated]
    headings = [_clean(h.get_text(" ")) for h in post.find_all("h1", limit=3)]
    headings = [h for h in headings if h and h.casefold() not in sites]
    if len(headings) == 1:
        candidates.append(headings[0])
    candidates.append(getattr(extracted, "title", None))
    if page.title is not None:
        candidates.append(_SEPARATORS.split(page.title.get_text().strip())[0])
    for candidate in candidates:
        candidate = _clean(candidate)
        if not candidate:
            continue
        if candidate.casefold() in sites:
            continue
        for site in sites:  # « Le billet | Le blog » or « Le billet – Le blog »
            for separator in (" | ", " – ", " — ", " - ", " : ", " » ", " · "):
                suffix = separator + site
                if candidate.casefold().endswith(suffix) and len(candidate) > len(suffix):
                    candidate = candidate[:-len(suffix)].strip()
        return candidate
    return None


_STAMPS = (
    lambda t: t.name == "time" and _has_class(t, "entry-date", "published") and t.get("datetime"),
    lambda t: t.name == "time" and t.get("itemprop") == "datePublished" and t.get("datetime"),
    lambda t: t.name == "time" and t.has_attr("pubdate"),
    lambda t: t.name == "abbr" and _has_class(t, "published") and t.get("title"),
    lambda t: t.name == "time" and t.get("datetime") and t.find_parent(
        class_="entry-meta") is not None,
    lambda t: t.name == "time" and t.get("datetime") and t.find_parent("header") is not None,
)
"""The publication stamps of a post, most telling first."""


def _has_class(tag: Tag, *names: str) -> bool:
    classes = tag.get("class") or []
    return any(name in classes for name in names)


def _published(page: BeautifulSoup, post: Tag, metas: dict[str, str], ld: dict[str, Any],
               extracted: Any) -> datetime | None:
    written = [
        _meta(metas, "article:published_time", "og:published_time", "datePublished",
              "DC.date.issued", "dc.date", "DC.date", "date", "publish-date", "pubdate"),
        str(ld.get("datePublished") or "") or None,
    ]
    stamps = post.find_all(["time", "abbr"]) or page.find_all(["time", "abbr"])
    for telling in _STAMPS:
        found = next((stamp for stamp in stamps if telling(stamp)), None)
        if found is not None:
            written.append(str(found.get("datetime") or found.get("title") or ""))
            break
    for value in written:
        if value:
            date = parse_date(value, whole=False)
            if date is not None:
                return date
    date = getattr(extracted, "date", None)  # htmldate's, without the time of day
    if date:
        day = parse_date(str(date), whole=False)
        for stamp in [s for s in stamps if s.name == "time" and s.get("datetime")][:5]:
            precise = parse_date(str(stamp["datetime"]), whole=False)  # the same day, its time
            if day is not None and precise is not None and precise.date() == day.date():
                return precise
        return day
    for stamp in stamps:
        if stamp.name == "time" and stamp.get("datetime"):
            date = parse_date(str(stamp["datetime"]), whole=False)
            if date is not None:
                return date
    found = post.select_one(".date-header, .entry-date, .post-date, .date, .info-publi, "
                            ".published")
    return parse_date(found.get_text(" "), whole=False) if found is not None else None


def _extract(html: str, url: str | None) -> Any:
    """trafilatura's extraction of the page's main text and metadata, or ``None``."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html, url=url, include_comments=False, with_metadata=True, include_tables=True,
            favor_recall=True, deduplicate=False,
            # no date guessed from the years a text mentions (« en 2013 » is not a date)
            date_extraction_params={"extensive_search": False, "original_date": True})
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError) as error:
        logger.debug("trafilatura: %s", error)
        return None


_LXML_DEPTH = 250
"""How deep an HTML tree may nest for lxml to read it whole (libxml2 stops at 256 levels)."""


def _deeper_than(root: Tag, depth: int) -> bool:
    """Whether elements nest deeper than ``depth`` under ``root`` (one walk, no recursion)."""
    stack = [(root, 0)]
    while stack:
        node, level = stack.pop()
        if level > depth:
            return True
        stack.extend((child, level + 1) for child in node.children if isinstance(child, Tag))
    return False


def _extracted_text(extracted: Any) -> str:
    text = getattr(extracted, "text", None) or ""
    lines = (line.strip() for line in text.split("\n"))
    return nfc("\n\n".join(line for line in lines if line))


_DATE_WORDS = frozenset(
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre "
    "décembre decembre lundi mardi mercredi jeudi vendredi samedi dimanche january february "
    "march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday à at h min".split())


def _furniture_line(paragraph: str, title: str | None) -> bool:
    """Whether a paragraph at the edge of a post's text is its title, or its date with at most
    a few words (« Publié le 7 mai 2015 », « 11 mars 2014, par »): a sentence is longer."""
    line = " ".join(paragraph.split())
    if title and line.casefold() == title.casefold():
        return True
    if len(line) > 90 or parse_date(line, whole=False) is None:
        return False
    words = [w for w in re.findall(r"[^\W\d_]{2,}", line) if w.casefold() not in _DATE_WORDS]
    return len(words) <= 4


def _trim(text: str, title: str | None) -> str:
    """Take the title, a date or a byline off the edges of a post's text (an extractor keeps
    them where the page has no article markup)."""
    paragraphs = text.split("\n\n")
    for _ in range(3):
        if len(paragraphs) > 1 and _furniture_line(paragraphs[0], title):
            paragraphs.pop(0)
    if len(paragraphs) > 1 and _furniture_line(paragraphs[-1], None):
        paragraphs.pop()
    return "\n\n".join(paragraphs)


def parse_html_page(html: str, *, warnings: list[str] | None = None) -> Document:
    """Parse a saved blog page into one document with its comments.

    Args:
        html: the page.
        warnings: a list that receives the page's caveats, in French.

    Raises:
        LoadError: the page has no post content and no comments.
    """
    notes = warnings if warnings is not None else []
    page = soup(html)
    archived = _wayback(page, html)
    for node in page.select(_PAGE_FURNITURE):
        node.decompose()
    found = find_comments(page, html)
    if found.pings:
        many = found.pings > 1
        notes.append(f"{found.pings} rétrolien{'s' if many else ''} (pingback, trackback) "
                     f"laissé{'s' if many else ''} de côté : ce ne sont pas des commentaires")
    ld = _json_ld(page)
    post = page.select_one(_POST) or page
    metas = _metas(page)
    url = archived[0] if archived else (_meta(metas, "og:url") or None)
    # lxml, under trafilatura, cuts a tree nested deeper than libxml2's limit: read it here
    extracted = None if _deeper_than(page, _LXML_DEPTH) else _extract(str(page), url)
    text = _extracted_text(extracted)
    if not text:
        content = post.select_one(_CONTENT) or post
        text = element_text(content)
    title = _title(page, post, metas, ld, extracted)
    text, signed, handle = split_signature(_trim(text, title))
    author = _byline(_first_text(post, _AUTHOR) or _ld_author(ld)
                     or _clean(getattr(extracted, "author", None))
                     or _meta(metas, "author", "article:author"))
    if author and ";" in author:  # trafilatura joins several authors with « ; »
        author = author.split(";")[0].strip()
    categories = [_clean(a.get_text(" ")) for a in post.select(
        "a[rel~=category], .cat-links a, .post-categories a")]
    categories = categories or list(getattr(extracted, "categories", None) or [])
    tags = [_clean(a.get_text(" ")) for a in post.select(
        "a[rel~=tag]:not([rel~=category]), .tags-links a, .post-tags a")]
    tags = tags or list(getattr(extracted, "tags", None) or [])
    if not text and not found.comments:
        raise LoadError("la page HTML ne contient ni texte de billet ni commentaire")
    if archived:
        notes.append(f"page enregistrée par la Wayback Machine le "
                     f"{archived[1]:%d/%m/%Y à %H:%M} : adresse d’origine {archived[0]}")
    name, byline_handle = split_name_handle(signed or author or "")
    return Document(
        text=text,
        title=title,
        author=name,
        handle=handle or byline_handle,
        categories=list(dict.fromkeys(c for c in categories if c)),
        tags=list(dict.fromkeys(t for t in tags if t)),
        published=_published(page, post, metas, ld, extracted),
        comments=found.comments,
    )
