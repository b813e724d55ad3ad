"""Testimonials written as prose documents (Word, LibreOffice, PDF, RTF, Markdown).

Each of those parsers reads its file into :class:`Block` objects (paragraphs, some of them
headings) and the properties the file declares; :func:`prose_document` finds the title, the
byline or signature, and a date line among them as the page parser does, and builds the
document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from corpus_tools.load import patterns as pat
from corpus_tools.load.dates import parse_date
from corpus_tools.load.html import split_signature
from corpus_tools.load.page import match_signature, split_name_handle
from corpus_tools.load.records import Document
from corpus_tools.normalise import clean_stored

GENERATED_AUTHORS = frozenset({
    "python-docx", "python-pptx", "microsoft office user", "utilisateur de microsoft office",
    "utilisateur windows", "windows user", "utilisateur", "user", "admin", "administrateur",
    "administrator", "auteur", "author", "unknown", "inconnu", "anonymous", "owner",
    "propriétaire", "default", "reportlab", "fpdf", "pypdf",
})
"""Author properties that a program or a fresh computer writes, not a person: python-docx's
template says ``python-docx``, Word on a new machine ``Utilisateur Windows``."""

_GENERATED_TITLE = re.compile(
    r"(?:microsoft\s+(?:word|powerpoint)\s*-\s*)?(?P<rest>.*?)", re.IGNORECASE)
_FILE_NAME_TITLE = re.compile(r".{1,120}\.(?:docx?|odt|rtf|pdf|txt|pages)", re.IGNORECASE)
_PLACE_DATE = re.compile(r"(?:[^\W\d][\w’' -]{0,40},\s*)?(?P<date>(?:le\s+)?\d.{5,60})",
                         re.IGNORECASE)
"""A date line as letters end: « Brest, le 12 mars 2015 », « Le 3 juin 2014 »."""
LONGEST_TITLE = 150
"""A first line longer than this is a paragraph, not a title."""


@dataclass
class Block:
    """One paragraph of a document, or a heading (``level`` 0 for the document's title
    style, 1 for a first-level heading…)."""

    text: str
    level: int | None = None

    @property
    def heading(self) -> bool:
        """Whether the block is a heading or a title."""
        return self.level is not None


def author_property(value: str | None) -> str | None:
    """Return a file's author property, or ``None`` when a program or a new computer wrote
    it rather than a person.

    Examples:
        >>> author_property("python-docx") is None
        True
        >>> author_property(" Marie Dupont ")
        'Marie Dupont'
    """
    value = " ".join((value or "").split())
    if not value or value.casefold() in GENERATED_AUTHORS:
        return None
    return value


def title_property(value: str | None) -> str | None:
    """Return a file's title property, or ``None`` for a file name or an empty one
    (« Microsoft Word - temoignage.docx » is what Word's PDF printer writes).

    Examples:
        >>> title_property("Microsoft Word - temoignage.docx") is None
        True
        >>> title_property("Mon année sur Twitter")
        'Mon année sur Twitter'
    """
    value = " ".join((value or "").split())
    match = _GENERATED_TITLE.fullmatch(value)
    value = match.group("rest").strip() if match else value
    if not value or _FILE_NAME_TITLE.fullmatch(value) or value.casefold() in {"untitled",
                                                                              "sans titre"}:
        return None
    return value


def date_line(text: str) -> datetime | None:
    """Return the date of a line that is only a date, maybe after a place (« Brest, le 12
    mars 2015 »).

    Examples:
        >>> date_line("Brest, le 12 mars 2015")
        datetime.datetime(2015, 3, 12, 0, 0)
        >>> date_line("En 2015, j’ai ouvert mon compte.") is None
        True
    """
    text = text.strip()
    if len(text) > 80:
        return None
    match = _PLACE_DATE.fullmatch(text)
    return parse_date(match.group("date")) if match else None


def _looks_like_title(block: Block) -> bool:
    text = block.text
    return (len(text) <= LONGEST_TITLE and "\n" not in text
            and not text.endswith((".", ",", ";", ":")) and not pat.signed(text))


def _take_date(paragraphs: list[str], *, last: bool) -> datetime | None:
    """Take out the first (or last) of the two paragraphs at that end of the text that is
    only a date, and return that date."""
    indexes = (-1, -2) if last else (0, 1)
    for index in indexes[:max(0, len(paragraphs) - 1)]:
        if found := date_line(paragraphs[index]):
            paragraphs.pop(index)
            return found
    return None


def prose_document(
    blocks: list[Block],
    *,
    title: str | None = None,
    author: str | None = None,
    published: datetime | None = None,
    heading_first: bool = True,
    guess_title: bool = False,
) -> Document:
    """Build a testimonial from a document's blocks and declared properties.

    The title is the first block when it is a heading (or, with ``guess_title``, a short line
    that does not end a sentence), else the declared title; a byline under it (« Par Marie
    Dupont »), a signature at the end (« Marie Dupont (@marie) », « — Marie ») and a line
    that is only a date are taken out of the text and give author, handle and date, which
    win over the declared properties (a file's author is often whoever typed it).

    Args:
        blocks: the document's paragraphs and headings, in reading order.
        title: the title the file declares, if any.
        author: the author it declares (see :func:`author_property`).
        published: the date it declares.
        heading_first: a first heading wins over the declared title (Word, LibreOffice);
            else the declared title wins (PDF).
        guess_title: without headings in the file (PDF, RTF), take a first short line as the
            title.
    """
    blocks = [Block(clean_stored(block.text).strip(), block.level) for block in blocks]
    blocks = [block for block in blocks if block.text]
    first_title = None
    if blocks and (blocks[0].heading or (guess_title and len(blocks) > 1
                                         and _looks_like_title(blocks[0]))):
        first_title = " ".join(blocks.pop(0).text.split())
    found_title = (first_title or title) if heading_first else (title or first_title)
    if title and first_title and found_title == title and first_title != title:
        blocks.insert(0, Block(first_title, 1))  # a heading of the text, not its title
    byline = None
    if blocks and not blocks[0].heading and "\n" not in blocks[0].text \
            and pat.signed(blocks[0].text):
        byline = match_signature(blocks.pop(0).text)
    paragraphs = [block.text for block in blocks]
    published = _take_date(paragraphs, last=True) or published
    text, signed_author, handle = split_signature("\n\n".join(paragraphs))
    paragraphs = text.split("\n\n") if text else []
    published = (_take_date(paragraphs, last=True) or _take_date(paragraphs, last=False)
                 or published)
    text = "\n\n".join(paragraphs)
    if byline:
        signed_author, handle = signed_author or byline[0], handle or byline[1]
    name, named_handle = split_name_handle(signed_author or author or "")
    return Document(text=text, title=found_title, author=name, handle=handle or named_handle,
                    published=published)
