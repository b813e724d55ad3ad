"""WordPress export files (WXR): posts with their comments.

Parsed with :mod:`defusedxml`, which refuses DTDs, entity declarations and external
references: an XML bomb or an external entity is an error, never expanded or fetched.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from corpus_tools.load.dates import parse_date
from corpus_tools.load.html import fragment_to_text, split_signature
from corpus_tools.load.page import split_name_handle
from corpus_tools.load.records import Comment, Document, LoadError
from corpus_tools.normalise import clean_stored

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_WP_VERSIONS = ("1.0", "1.1", "1.2")
KEPT_POST_TYPES = frozenset({"post", "page"})
SKIPPED_STATUSES = frozenset({"trash", "auto-draft", "inherit"})


def _text(element: Element | None) -> str:
    return clean_stored(element.text or "").strip() if element is not None else ""


def _find(item: Element, tag: str) -> Element | None:
    prefix, _, name = tag.partition(":")
    if prefix != "wp":
        return item.find(f"{{{NS[prefix]}}}{name}")
    for version in _WP_VERSIONS:
        found = item.find(f"{{http://wordpress.org/export/{version}/}}{name}")
        if found is not None:
            return found
    return None


def _findall(item: Element, tag: str) -> list[Element]:
    name = tag.partition(":")[2]
    for version in _WP_VERSIONS:
        found = item.findall(f"{{http://wordpress.org/export/{version}/}}{name}")
        if found:
            return found
    return []


def parse_wxr(data: bytes) -> list[Document]:
    """Parse a WordPress export into documents, one per published post or page.

    Raises:
        LoadError: the file is not well-formed XML, declares entities or a DTD, or is not a
            WordPress export.
    """
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.DTDForbidden as error:
        raise LoadError("refusé : le fichier XML déclare une DTD (risque d’entités "
                        "malveillantes, « XML bomb »)") from error
    except defusedxml.EntitiesForbidden as error:
        raise LoadError("refusé : le fichier XML déclare des entités (risque de « XML bomb » "
                        "ou d’entité externe)") from error
    except defusedxml.DefusedXmlException as error:
        raise LoadError(f"refusé : construction XML dangereuse ({error})") from error
    except ParseError as error:
        raise LoadError(f"XML mal formé ou tronqué ({error})") from error
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise LoadError("ce fichier XML n’est pas un export WordPress (WXR) : pas de "
                        "<rss><channel>")
    authors = {
        _text(_find(a, "wp:author_login")): _text(_find(a, "wp:author_display_name"))
        for a in _findall(channel, "wp:author")
    }
    documents = []
    for position, item in enumerate(channel.findall("item"), start=1):
        post_type = _text(_find(item, "wp:post_type")) or "post"
        status = _text(_find(item, "wp:status"))
        if post_type not in KEPT_POST_TYPES or status in SKIPPED_STATUSES:
            continue
        documents.append(_parse_item(item, position, authors))
    return documents


def _parse_item(item: Element, position: int, authors: dict[str, str]) -> Document:
    key = _text(_find(item, "wp:post_id")) or f"item{position}"
    text = fragment_to_text(_text(_find(item, "content:encoded")))
    text, signed, handle = split_signature(text)
    login = _text(_find(item, "dc:creator"))
    author, byline_handle = split_name_handle(signed or authors.get(login) or login)
    categories = [
        _text(c) for c in item.findall("category") if c.get("domain", "category") == "category"
    ]
    tags = [_text(c) for c in item.findall("category") if c.get("domain") == "post_tag"]
    comments = []
    for node in _findall(item, "wp:comment"):
        approved = _text(_find(node, "wp:comment_approved"))
        kind = _text(_find(node, "wp:comment_type"))
        if approved in {"spam", "trash"} or kind in {"pingback", "trackback"}:
            continue
        name, comment_handle = split_name_handle(_text(_find(node, "wp:comment_author")))
        parent = _text(_find(node, "wp:comment_parent"))
        comments.append(Comment(
            text=fragment_to_text(_text(_find(node, "wp:comment_content"))),
            author=name,
            handle=comment_handle,
            published=parse_date(_text(_find(node, "wp:comment_date"))),
            key=_text(_find(node, "wp:comment_id")) or None,
            parent_key=parent if parent not in {"", "0"} else None,
        ))
    kept = {c.key for c in comments}
    for comment in comments:
        if comment.parent_key not in kept:
            comment.parent_key = None
    return Document(
        text=text,
        title=_text(item.find("title")) or None,
        author=author,
        handle=handle or byline_handle,
        categories=list(dict.fromkeys(c for c in categories if c)),
        tags=list(dict.fromkeys(t for t in tags if t)),
        published=parse_date(_text(_find(item, "wp:post_date"))),
        comments=comments,
        key=key,
    )
