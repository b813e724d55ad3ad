"""Word documents (``.docx``): one testimonial per file.

Read with python-docx (its XML parser expands no entity). The text is the body's paragraphs
and table cells in reading order; headers, footers and footnotes are not part of it, nor are
reviewers' comments and tracked changes (text inserted or deleted under revision), which a
warning counts. The title is the first heading (``Titre``, ``Titre 1``…) or the title
property; the author a signature or byline, else the author property.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import TYPE_CHECKING

from corpus_tools.load.prose import Block, author_property, prose_document, title_property
from corpus_tools.load.records import Document, LoadError
from corpus_tools.load.sources import Source, open_zip

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_REVISIONS = frozenset({f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"})
_SKIPPED = _REVISIONS | {_MC_FALLBACK, f"{W}pPr", f"{W}rPr", f"{W}footnoteReference"}
"""Elements whose text is not read: revisions, the fallback copy of a drawing (its text box
is read once, in the drawing), properties."""
_TEMPLATE_DATE = datetime(2013, 12, 23, 23, 15)
"""The creation date python-docx's blank template carries: a date no person chose."""


def _inline_text(element: Element, counts: dict[str, int]) -> str:
    """Return the text of a paragraph's runs, leaving revisions out (counted)."""
    parts: list[str] = []
    stack = [element]
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag in _REVISIONS:
            counts["revisions"] += 1
            continue
        if tag in _SKIPPED or not isinstance(tag, str):
            continue
        if tag == f"{W}t":
            parts.append(node.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        else:
            stack.extend(reversed(node))
    return "".join(parts)


def _level(paragraph: Element, styles: dict[str, str]) -> int | None:
    """Return a paragraph's heading level (0 for the title style), or ``None``."""
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    name = styles.get(style.get(f"{W}val"), "") if style is not None else ""
    name = name.casefold()
    if name in ("title", "titre"):
        return 0
    for prefix in ("heading ", "titre "):
        if name.startswith(prefix) and name[len(prefix):].isdigit():
            return int(name[len(prefix):])
    outline = paragraph.find(f"{W}pPr/{W}outlineLvl")
    if outline is not None and (value := outline.get(f"{W}val", "")).isdigit():
        return int(value) + 1
    return None


def _blocks(body: Element, styles: dict[str, str], counts: dict[str, int]) -> list[Block]:
    """Return the paragraphs of a body (or a table cell), tables cell by cell."""
    blocks: list[Block] = []
    for child in body:
        if child.tag == f"{W}p":
            blocks.append(Block(_inline_text(child, counts), _level(child, styles)))
        elif child.tag == f"{W}tbl":
            for row in child.iter(f"{W}tr"):
                for cell in row.iterfind(f"{W}tc"):
                    blocks.extend(_blocks(cell, styles, counts))
        elif child.tag == f"{W}sdt":  # a content control: its content is body text
            content = child.find(f"{W}sdtContent")
            if content is not None:
                blocks.extend(_blocks(content, styles, counts))
        elif child.tag in _REVISIONS:
            counts["revisions"] += 1
    return blocks


def parse(source: Source) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read a Word document into one testimonial.

    Raises:
        LoadError: not a readable ``.docx``.
    """
    import docx

    with open_zip(source.data, "document Word") as archive:
        comments = "word/comments.xml" in archive.namelist()
    try:
        document = docx.Document(io.BytesIO(source.data))
    except Exception as error:  # python-docx reports a broken package with many kinds of error
        raise LoadError(f"document Word illisible ({type(error).__name__} : "
                        f"{str(error)[:200] or '—'})") from error
    styles = {style.style_id: style.name or "" for style in document.styles}
    counts = {"revisions": 0}
    blocks = _blocks(document.element.body, styles, counts)
    if counts["revisions"]:
        source.warnings.append(f"{counts['revisions']} modification(s) suivie(s) laissée(s) de "
                               "côté : le texte inséré ou supprimé en révision n’est pas lu")
    if comments:
        source.warnings.append("les commentaires de relecture du document sont laissés de côté")
    properties = document.core_properties
    created = properties.created.replace(tzinfo=None) if properties.created else None
    testimonial = prose_document(
        blocks,
        title=title_property(properties.title),
        author=author_property(properties.author),
        published=None if created == _TEMPLATE_DATE else created,
    )
    if not testimonial.text:
        raise LoadError("le document Word ne contient aucun texte")
    return [testimonial], []
