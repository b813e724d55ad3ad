"""LibreOffice Writer documents (``.odt``, OpenDocument text): one testimonial per file.

Their ``content.xml`` and ``meta.xml`` are read with defusedxml: a DTD or an entity
declaration is refused, never expanded. As for Word: paragraphs, headings, lists and table
cells in reading order; headers and footers (kept in ``styles.xml``), notes, reviewers'
annotations and tracked changes are left out, the last two counted in a warning.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

import defusedxml
import defusedxml.ElementTree as SafeET

from corpus_tools.load.dates import parse_date
from corpus_tools.load.prose import Block, author_property, prose_document, title_property
from corpus_tools.load.records import Document, LoadError
from corpus_tools.load.sources import Source, open_zip

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
MIMETYPE = b"application/vnd.oasis.opendocument.text"
_LEFT_OUT = frozenset({f"{OFFICE}annotation", f"{OFFICE}annotation-end", f"{TEXT}note",
                       f"{TEXT}tracked-changes", f"{TEXT}bookmark-ref",
                       f"{TEXT}table-of-content", f"{TEXT}alphabetical-index"})


def recognise(source: Source) -> bool:
    """Tell an OpenDocument text from its first member, ``mimetype``."""
    return "content.xml" in source.zip_names and MIMETYPE in source.data[:200]


class _Reader:
    """Walks ``content.xml`` once, gathering blocks and counting what it leaves out."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.annotations = 0
        self.changes = 0
        self._inserted: set[str] = set()  # ids of tracked insertions under way

    def body(self, element: Element) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{TEXT}h":
                level = child.get(f"{TEXT}outline-level", "1")
                self.blocks.append(Block(self.inline(child), int(level) if level.isdigit()
                                         else 1))
            elif tag == f"{TEXT}p":
                style = child.get(f"{TEXT}style-name", "")
                self.blocks.append(Block(self.inline(child), 0 if style == "Title" else None))
            elif tag == f"{TEXT}tracked-changes":
                self.changes += sum(1 for _ in child.iter(f"{TEXT}changed-region"))
            elif tag not in _LEFT_OUT:  # lists, tables, sections, frames: their paragraphs
                self.body(child)

    def inline(self, element: Element) -> str:
        parts = [] if self._inserted else [element.text or ""]
        for child in element:
            tag = child.tag
            if tag == f"{TEXT}change-start":
                self._inserted.add(child.get(f"{TEXT}change-id", ""))
            elif tag == f"{TEXT}change-end":
                self._inserted.discard(child.get(f"{TEXT}change-id", ""))
            elif tag in _LEFT_OUT:
                self.annotations += tag == f"{OFFICE}annotation"
            elif not self._inserted:
                if tag == f"{TEXT}s":
                    count = child.get(f"{TEXT}c", "1")
                    parts.append(" " * (int(count) if count.isdigit() else 1))
                elif tag == f"{TEXT}tab":
                    parts.append("\t")
                elif tag == f"{TEXT}line-break":
                    parts.append("\n")
                elif tag == f"{DRAW}frame":  # an image or a text box: its own paragraphs
                    self.body(child)
                else:
                    parts.append(self.inline(child))
            if not self._inserted:
                parts.append(child.tail or "")
        return "".join(parts)


def _parse_xml(data: bytes, name: str) -> Element:
    try:
        return SafeET.fromstring(data)
    except defusedxml.DefusedXmlException as error:
        raise LoadError(f"{name} refusé : il déclare des entités ou des références externes") \
            from error
    except ParseError as error:
        raise LoadError(f"document LibreOffice illisible : {name} n’est pas du XML valide "
                        f"({error})") from error


def parse(source: Source) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read a LibreOffice Writer document into one testimonial.

    Raises:
        LoadError: not a readable ``.odt``, or its XML declares entities.
    """
    with open_zip(source.data, "document LibreOffice") as archive:
        names = set(archive.namelist())
        if "content.xml" not in names:
            raise LoadError("document LibreOffice illisible : il n’a pas de content.xml")
        content = _parse_xml(archive.read("content.xml"), "content.xml")
        meta = _parse_xml(archive.read("meta.xml"), "meta.xml") if "meta.xml" in names else None
    reader = _Reader()
    text = content.find(f"{OFFICE}body/{OFFICE}text")
    if text is not None:
        reader.body(text)
    if reader.changes:
        source.warnings.append(f"{reader.changes} modification(s) suivie(s) laissée(s) de côté :"
                               " le texte inséré ou supprimé en révision n’est pas lu")
    if reader.annotations:
        source.warnings.append(f"{reader.annotations} commentaire(s) de relecture laissé(s) de "
                               "côté")

    def declared(tag: str) -> str | None:
        found = meta.find(f"{OFFICE}meta/{tag}") if meta is not None else None
        return (found.text or "").strip() or None if found is not None else None

    date = declared(f"{META}creation-date") or declared(f"{DC}date")
    testimonial = prose_document(
        reader.blocks,
        title=title_property(declared(f"{DC}title")),
        author=author_property(declared(f"{META}initial-creator") or declared(f"{DC}creator")),
        published=parse_date(date[:19]) if date else None,
    )
    if not testimonial.text:
        raise LoadError("le document LibreOffice ne contient aucun texte")
    return [testimonial], []
