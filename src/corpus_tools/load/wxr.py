"""WordPress export files (WXR, versions 1.0 to 1.2): published posts and pages, with their
approved comments.

Parsed with :mod:`defusedxml`, which refuses DTDs, entity declarations and external
references: an XML bomb or an external entity is an error, never expanded or fetched. The
encoding the XML declaration names is honoured (the bytes go to the parser undecoded).

Namespaces are matched by what they mean, not by one fixed URI: WordPress has written
``http://wordpress.org/export/1.0/`` to ``https://wordpress.org/export/1.2/`` over the years,
and an element whose prefix is bound to another URI (``xmlns:wp="http://example.com/"``) is not
WordPress's. What is kept, as the WordPress importer's own test fixtures
(``WordPress/wordpress-importer``, ``phpunit/data``) exercise it:

- items of type ``post`` or ``page`` whose status is ``publish``; the others are counted in one
  warning per file (« 12 brouillons et 3 billets privés laissés de côté »);
- comments whose ``comment_approved`` is ``1``, neither pingbacks nor trackbacks;
- categories (``domain="category"``) and tags (``post_tag``, or ``tag`` in WXR 1.0);
- the date of ``wp:post_date``, else ``pubDate``;
- an item whose id repeats an earlier one's under a key of its own, with a warning naming both.

An export without a published post (drafts only, or only the site's terms) loads nothing, with
a warning saying what it holds: the file is not broken.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from corpus_tools.french import join, number
from corpus_tools.load.dates import parse_date, parse_stamp
from corpus_tools.load.html import fragment_to_text, split_signature
from corpus_tools.load.page import split_name_handle
from corpus_tools.load.records import Comment, Document, LoadError
from corpus_tools.normalise import clean_stored

_ROLES = (
    ("wp", re.compile(r"https?://wordpress\.org/export/\d+\.\d+/?")),
    ("excerpt", re.compile(r"https?://wordpress\.org/export/\d+\.\d+/excerpt/?")),
    ("content", re.compile(r"https?://purl\.org/rss/1\.0/modules/content/?")),
    ("dc", re.compile(r"https?://purl\.org/dc/elements/1\.1/?")),
)
"""The namespaces of a WordPress export, by role: the URIs every version has written."""

_VERSION = re.compile(r"\d+\.\d+")
KNOWN_VERSIONS = ("1.0", "1.1", "1.2")
KEPT_POST_TYPES = frozenset({"post", "page"})
_APPROVED = "1"
_PINGS = frozenset({"pingback", "trackback", "pings"})
_TAG_DOMAINS = frozenset({"post_tag", "tag"})

_STATUSES = {
    "draft": ("brouillon", "brouillons"),
    "auto-draft": ("brouillon automatique", "brouillons automatiques"),
    "pending": ("billet en attente de relecture", "billets en attente de relecture"),
    "private": ("billet privé", "billets privés"),
    "future": ("billet programmé", "billets programmés"),
    "trash": ("billet à la corbeille", "billets à la corbeille"),
    "": ("billet sans statut", "billets sans statut"),
}
_TYPES = {
    "attachment": ("pièce jointe", "pièces jointes"),
    "nav_menu_item": ("élément de menu", "éléments de menu"),
    "revision": ("révision", "révisions"),
}


@lru_cache(maxsize=64)
def _role(uri: str) -> str | None:
    return next((role for role, pattern in _ROLES if pattern.fullmatch(uri)), None)


def _split(tag: str) -> tuple[str | None, str]:
    """Return an element's role (``wp``, ``dc``… or ``None``) and its local name."""
    if tag.startswith("{"):
        uri, _, local = tag[1:].partition("}")
        return _role(uri), local
    return None, tag


def _children(element: Element, role: str | None, name: str) -> list[Element]:
    return [child for child in element if _split(child.tag) == (role, name)]


def _child(element: Element, role: str | None, name: str) -> Element | None:
    return next((child for child in element if _split(child.tag) == (role, name)), None)


def _text(element: Element | None) -> str:
    return clean_stored(element.text or "").strip() if element is not None else ""


def _value(element: Element, role: str | None, name: str) -> str:
    return _text(_child(element, role, name))


def _counted(counts: Counter[str], labels: dict[str, tuple[str, str]], other: str) -> list[str]:
    parts = []
    for key, count in counts.most_common():
        singular, plural = labels.get(key, (f"{other} « {key} »", f"{other}s « {key} »"))
        parts.append(f"{number(count)} {singular if count == 1 else plural}")
    return parts


def _skipped_warning(statuses: Counter[str], types: Counter[str]) -> str | None:
    """One sentence for what the export holds besides published posts and pages.

    Examples:
        >>> found = _skipped_warning(Counter(draft=12, private=3), Counter(attachment=2))
        >>> print(found)  # doctest: +NORMALIZE_WHITESPACE
        12 brouillons et 3 billets privés laissés de côté, ainsi que 2 pièces jointes (ce ne
        sont pas des billets)
    """
    unpublished = _counted(statuses, _STATUSES, "billet au statut")
    others = _counted(types, _TYPES, "élément de type")
    if unpublished:
        plural = "s" if sum(statuses.values()) > 1 else ""
        sentence = f"{join(unpublished)} laissé{plural} de côté"
        if others:
            sentence += f", ainsi que {join(others)} (ce ne sont pas des billets)"
        return sentence
    if others:
        return f"éléments qui ne sont pas des billets, laissés de côté : {join(others)}"
    return None


def parse_xml(data: bytes, text: str | None = None) -> Element:
    """Parse an XML file safely into its root element.

    Args:
        data: the file's bytes (the encoding its declaration names is honoured).
        text: the file decoded leniently, parsed instead when the bytes do not match the
            declared encoding.

    Raises:
        LoadError: the file is not well-formed XML, or declares entities or a DTD.
    """
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.DTDForbidden as error:
        raise LoadError("refusé : le fichier XML déclare une DTD (risque d’entités "
                        "malveillantes, « XML bomb »)") from error
    except defusedxml.EntitiesForbidden as error:
        raise LoadError("refusé : le fichier XML déclare des entités (risque de « XML bomb » "
                        "ou d’entité externe)") from error
    except defusedxml.DefusedXmlException as error:
        raise LoadError(f"refusé : construction XML dangereuse ({error})") from error
    except (ParseError, LookupError, ValueError) as error:
        # bytes that do not match the declared encoding: the text decoded leniently, if any
        if text is not None:
            try:
                return parse_xml(_without_declaration(text).encode("utf-8"))
            except LoadError:
                pass
        raise LoadError(f"XML mal formé ou tronqué ({error})") from error


_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")


def _without_declaration(text: str) -> str:
    return _DECLARATION.sub("", text, count=1)


def is_wxr(root: Element) -> bool:
    """Tell a WordPress export from another RSS document: it uses WordPress's namespace."""
    channel = root.find("channel")
    return (root.tag == "rss" and channel is not None
            and any(_split(child.tag)[0] == "wp" for child in channel.iter()))


def parse_wxr(data: bytes | Element, *, warnings: list[str] | None = None) -> list[Document]:
    """Parse a WordPress export into documents, one per published post or page.

    Args:
        data: the file's bytes, or its root element parsed by :func:`parse_xml`.
        warnings: a list that receives the file's caveats, in French.

    Raises:
        LoadError: the file is not well-formed XML, declares entities or a DTD, or is not a
            WordPress export (no ``<rss><channel>``, or no valid ``wp:wxr_version``).
    """
    root = data if isinstance(data, Element) else parse_xml(data)
    notes = warnings if warnings is not None else []
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise LoadError("ce fichier XML n’est pas un export WordPress (WXR) : pas de "
                        "<rss><channel>")
    version = _value(channel, "wp", "wxr_version")
    if not _VERSION.fullmatch(version):
        found = f" (« {version[:20]} »)" if version else ""
        raise LoadError("ce fichier n’est pas un export WordPress lisible : numéro de version "
                        f"WXR absent ou invalide{found}")
    if version not in KNOWN_VERSIONS:
        notes.append(f"version WXR {version} inconnue : lue comme la version "
                     f"{KNOWN_VERSIONS[-1]}")
    authors = {}
    for node in _children(channel, "wp", "author"):
        display = (_value(node, "wp", "author_display_name")
                   or " ".join(filter(None, (_value(node, "wp", "author_first_name"),
                                             _value(node, "wp", "author_last_name")))))
        authors[_value(node, "wp", "author_login")] = display
    documents: list[Document] = []
    statuses: Counter[str] = Counter()
    types: Counter[str] = Counter()
    titles: dict[str, str] = {}
    for position, item in enumerate(channel.findall("item"), start=1):
        post_type = _value(item, "wp", "post_type") or "post"
        status = _value(item, "wp", "status")
        if post_type not in KEPT_POST_TYPES:
            types[post_type] += 1
            continue
        if status != "publish":
            statuses[status] += 1
            continue
        document = _parse_item(item, position, authors)
        if document.key in titles:
            first = titles[document.key]
            key = f"{document.key}-{position}"
            notes.append(f"l’id {document.key} est celui de deux billets, « {first} » et "
                         f"« {document.title or 'sans titre'} » : le second est gardé sous "
                         f"l’id {key}")
            document.key = key
        titles[document.key] = document.title or "sans titre"
        documents.append(document)
    skipped = _skipped_warning(statuses, types)
    if not documents:  # nothing is wrong with the file: it has nothing to load
        notes.append("l’export WordPress ne contient aucun billet publié"
                     + (f" ({skipped})" if skipped else ""))
    elif skipped:
        notes.append(skipped)
    return documents


def _published(item: Element, role: str, name: str) -> object:
    value = _value(item, role, name)
    if not value or value.startswith("0000"):
        return None
    return parse_date(value)


def _terms(item: Element) -> tuple[list[str], list[str]]:
    categories, tags = [], []
    for node in item.findall("category"):
        domain = node.get("domain", "category")
        if domain == "category":
            categories.append(_text(node))
        elif domain in _TAG_DOMAINS:
            tags.append(_text(node))
    return (list(dict.fromkeys(c for c in categories if c)),
            list(dict.fromkeys(t for t in tags if t)))


def _comments(item: Element) -> list[Comment]:
    comments = []
    for node in _children(item, "wp", "comment"):
        if (_value(node, "wp", "comment_approved") != _APPROVED
                or _value(node, "wp", "comment_type") in _PINGS):
            continue
        name, handle = split_name_handle(_value(node, "wp", "comment_author"))
        parent = _value(node, "wp", "comment_parent")
        comments.append(Comment(
            text=fragment_to_text(_value(node, "wp", "comment_content")),
            author=name,
            handle=handle,
            published=_published(node, "wp", "comment_date"),
            key=_value(node, "wp", "comment_id") or None,
            parent_key=parent if parent not in {"", "0"} else None,
        ))
    kept = {c.key for c in comments}
    for comment in comments:
        if comment.parent_key not in kept:  # a reply to a comment left out
            comment.parent_key = None
    return comments


def _parse_item(item: Element, position: int, authors: dict[str, str]) -> Document:
    text = fragment_to_text(_value(item, "content", "encoded"))
    text, signed, handle = split_signature(text)
    login = _value(item, "dc", "creator")
    author, byline_handle = split_name_handle(signed or authors.get(login) or login)
    categories, tags = _terms(item)
    published = (_published(item, "wp", "post_date")
                 or parse_stamp(_value(item, None, "pubDate")))
    return Document(
        text=text,
        title=_value(item, None, "title") or None,
        author=author,
        handle=handle or byline_handle,
        categories=categories,
        tags=tags,
        published=published,  # type: ignore[arg-type]
        comments=_comments(item),
        key=_value(item, "wp", "post_id") or f"item{position}",
    )
