"""Markdown blog posts, as static-site generators keep them (Jekyll, Hugo, Eleventy).

The front matter, YAML between ``---`` lines or TOML between ``+++`` lines, gives the title,
author, date, tags and categories; without a title there, the first ``# `` heading is the
title. The body is rendered with markdown-it-py (CommonMark) and read as HTML, so that the
markup goes and the words stay: a link keeps its words, an image leaves nothing. Liquid tags
and Hugo shortcodes (``{% … %}``, ``{{< … >}}``) are removed. A post marked as a draft
(``draft: true``, ``published: false``) is left out with a warning.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime

from corpus_tools.load.dates import parse_date
from corpus_tools.load.html import fragment_to_text, split_signature
from corpus_tools.load.page import split_name_handle
from corpus_tools.load.records import Document, LoadError, normalise_handle
from corpus_tools.load.sources import Source

_FRONT_MATTER = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\n(?P<body>.*?)\n(?P=fence)[ \t]*"
                           r"(?:\n|\Z)", re.DOTALL)
_TEMPLATE_TAGS = re.compile(r"\{%.*?%\}|\{\{[<%].*?[%>]\}\}", re.DOTALL)
_FIRST_HEADING = re.compile(r"\A\s*#[ \t]+(?P<title>[^\n]+?)[ \t#]*(?:\n|\Z)")
_ZONE = re.compile(r"\s*(?:Z|[+-]\d{2}:?\d{2})\s*\Z")
"""A time zone after a date (« 2014-05-12 21:32:00 +0200 », as Jekyll writes): the date is
kept as written."""
_KNOWN_KEYS = frozenset({"title", "date", "author", "authors", "tags", "categories", "layout",
                         "draft", "slug", "description", "published"})


def _front_matter(text: str) -> tuple[dict, str] | None:
    """Split a front matter off a post: ``(its fields, the body)``, or ``None``."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    body = match.group("body")
    try:
        if match.group("fence") == "+++":
            fields = tomllib.loads(body)
        else:
            import yaml

            fields = yaml.safe_load(body) if body.strip() else {}
    except Exception as error:  # YAML and TOML errors
        raise LoadError(f"en-tête (front matter) illisible : {str(error).splitlines()[0]}") \
            from error
    if not isinstance(fields, dict):
        raise LoadError("en-tête (front matter) illisible : ce n’est pas une liste de champs")
    return fields, text[match.end():]


def has_front_matter(source: Source) -> bool:
    """Tell a Markdown post from its content: a front matter with a known field."""
    head = source.head
    if not head.startswith(("---", "+++")):
        return False
    fence = head[:3]
    closing = head.find(f"\n{fence}", 3)
    block = head[3:closing] if closing > 0 else ""
    return any(re.match(rf"\s*{key}\s*[:=]", line) for line in block.split("\n")
               for key in _KNOWN_KEYS)


def _names(value: object) -> list[str]:
    """A front-matter list field: a list, or a comma-separated string."""
    if value is None:
        return []
    if isinstance(value, str):
        items: list = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        items = [value]
    return [" ".join(str(item).split()) for item in items if str(item).strip()]


def _author(fields: dict) -> tuple[str | None, str | None]:
    """Return ``(author, handle)`` from ``author`` or ``authors`` (a name, or a mapping with a
    name and maybe a Twitter account)."""
    value = fields.get("author") or fields.get("authors")
    if isinstance(value, list):
        value = value[0] if value else None
    handle = None
    if isinstance(value, dict):
        handle = normalise_handle(str(value.get("twitter") or "")) or None
        value = value.get("name") or value.get("display_name")
    handle = handle or normalise_handle(str(fields.get("twitter") or "")) or None
    if not value:
        return None, handle
    name, named_handle = split_name_handle(str(value))
    return name, handle or named_handle


def _date(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return parse_date(_ZONE.sub("", str(value))) if value else None


def markdown_to_text(markdown: str) -> str:
    """Turn a Markdown body into paragraphs of plain text.

    Examples:
        >>> markdown_to_text("J’ai **enfin** compris [Twitter](https://twitter.com) ![logo](a.png)")
        'J’ai enfin compris Twitter'
    """
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    parser.add_render_rule("softbreak", lambda *_: " ")  # a line's end inside a paragraph
    html = parser.render(_TEMPLATE_TAGS.sub("", markdown))
    return fragment_to_text(html)


def parse(source: Source) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read a Markdown post into one testimonial (none for a draft).

    Raises:
        LoadError: its front matter cannot be read, or it holds no text.
    """
    found = _front_matter(source.text)
    fields, body = found if found else ({}, source.text)
    if fields.get("draft") is True or fields.get("published") is False:
        source.warnings.append("brouillon (draft) laissé de côté")
        return [], []
    title = " ".join(str(fields.get("title") or "").split()) or None
    heading = _FIRST_HEADING.match(body)
    if heading and (title is None or heading.group("title").strip() == title):
        title = title or markdown_to_text(heading.group("title")) or None
        body = body[heading.end():]
    text, signed, signed_handle = split_signature(markdown_to_text(body))
    author, handle = _author(fields)
    if signed:
        name, _ = split_name_handle(signed)
        author = author or name
    if not text and not title:
        raise LoadError("le billet Markdown ne contient aucun texte")
    return [Document(
        text=text,
        title=title,
        author=author,
        handle=handle or signed_handle,
        categories=_names(fields.get("categories") or fields.get("category")),
        tags=_names(fields.get("tags")),
        published=_date(fields.get("date") or (fields.get("published")
                                                if not isinstance(fields.get("published"), bool)
                                                else None)),
    )], []
