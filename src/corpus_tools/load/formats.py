"""The registry of input formats: how each is recognised, and the parser that reads it.

To add a format, write its parser (a function from a :class:`~corpus_tools.load.sources.Source`
to documents and record errors) in a module of its own and add an entry to :data:`FORMATS`.
Formats are tried in the registry's order: first by their content, then by their extension.
The list of formats in the error messages and the documentation is built from it.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass

from corpus_tools.load import docx, feed, markdown, odt, pdf, rtf, twitter
from corpus_tools.load.html import parse_html_page
from corpus_tools.load.page import parse_page
from corpus_tools.load.records import Document, LoadError
from corpus_tools.load.sources import Source
from corpus_tools.load.tables import parse_table, read_csv, read_jsonl, read_xlsx
from corpus_tools.load.wxr import is_wxr, parse_wxr, parse_xml
from corpus_tools.normalise import clean_stored

Parsed = tuple[list[Document], list[tuple[str, str]]]
"""What a parser returns: the file's documents, and the records of it that could not be
read (``(source, message)``: a bad line of a table, say)."""


@dataclass(frozen=True)
class Format:
    """One input format.

    Attributes:
        name: its name in the ``format`` column of ``documents``.
        label: how a person calls it, in French.
        extensions: the file name endings it is known by, with their dot.
        parse: its parser; ``None`` for a format that is recognised but not read, whose
            error says what to do (``advice``).
        recognise: tells it from a file's content, when the content can say.
        binary: its files are not text (their bytes go to the parser undecoded).
        advice: for a format not read, what to do with such a file.
    """

    name: str
    label: str
    extensions: tuple[str, ...]
    parse: Callable[[Source], Parsed] | None
    recognise: Callable[[Source], bool] | None = None
    binary: bool = False
    advice: str = ""


_WXR_NAMESPACE = re.compile(r"xmlns:\w+\s*=\s*[\"']https?://wordpress\.org/export/\d")


def _is_wxr(source: Source) -> bool:
    # the namespace is declared on <rss>, after the export's comment of about 1,000 characters
    return (source.opening.startswith(("<?xml", "<rss")) and "<html" not in source.head.lower()
            and _WXR_NAMESPACE.search(source.text[:8000]) is not None)


def _is_html(source: Source) -> bool:
    opening = source.opening
    return opening.startswith(("<!doctype html", "<html")) or (
        opening.startswith("<?xml") and "<html" in source.head.lower())


def _zip_holds(*members: str) -> Callable[[Source], bool]:
    return lambda source: any(name in source.zip_names for name in members)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How the files of Office 97–2003 (``.doc``, ``.xls``) begin."""


def _is_ole(suffixes: tuple[str, ...]) -> Callable[[Source], bool]:
    return lambda source: (source.data.startswith(_OLE)
                           and source.path.suffix.lower() in suffixes)


def _text(source: Source) -> Parsed:
    return [parse_page(source.text).document], []


def _wxr(source: Source) -> Parsed:
    root = parse_xml(source.data, source.text)
    if not is_wxr(root):  # the namespace is declared, but no element is WordPress's
        return feed.parse(source)
    return parse_wxr(root, warnings=source.warnings), []


_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""",
                               re.IGNORECASE)
_WINDOWS_1252 = frozenset({"cp1252", "latin_1", "iso8859_15", "ascii"})
"""Encodings that Windows-1252, the loader's fallback, reads right (for French)."""


def _html_text(source: Source) -> str:
    """A page's text, in the encoding its ``<meta charset>`` declares when it is not UTF-8."""
    try:
        source.data.decode("utf-8")
    except UnicodeDecodeError:
        declared = _DECLARED_CHARSET.search(source.data[:8192])
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")) if declared else None
        except LookupError:
            codec = None
        if codec is not None and codec.name not in _WINDOWS_1252:
            text = source.text  # its checks (empty, binary) first
            source.warnings[:] = [w for w in source.warnings if "UTF-8" not in w]
            source.warnings.append(f"la page n’est pas en UTF-8 : lue dans l’encodage qu’elle "
                                   f"déclare ({codec.name})")
            return clean_stored(source.data.decode(codec.name, errors="replace")) or text
    return source.text


def _html(source: Source) -> Parsed:
    return [parse_html_page(_html_text(source), warnings=source.warnings)], []


def _csv(source: Source) -> Parsed:
    return parse_table(read_csv(source.text), source.name, source.columns)


def _jsonl(source: Source) -> Parsed:
    table, errors = read_jsonl(source.text, source.name)
    documents, more = (parse_table(table, source.name, source.columns) if not table.empty
                       else ([], []))
    if not documents and not errors:
        raise LoadError("le fichier JSON Lines ne contient aucune ligne")
    return documents, errors + more


def _xlsx(source: Source) -> Parsed:
    if not source.data:
        raise LoadError("le fichier est vide")
    table, numbers, notes = read_xlsx(source.data)
    source.warnings.extend(notes)
    return parse_table(table, source.name, source.columns, numbers=numbers)


FORMATS: tuple[Format, ...] = (
    Format("pdf", "PDF", (".pdf",), pdf.parse, lambda s: s.data[:1024].lstrip().startswith(
        b"%PDF-"), binary=True),
    Format("docx", "Word", (".docx", ".docm"), docx.parse, _zip_holds("word/document.xml"),
           binary=True),
    Format("odt", "LibreOffice Writer", (".odt",), odt.parse, odt.recognise, binary=True),
    Format("xlsx", "Excel", (".xlsx", ".xlsm"), _xlsx, _zip_holds("xl/workbook.xml"),
           binary=True),
    Format("twitter", "archive Twitter", (".zip",), twitter.parse_archive_zip,
           twitter.is_archive_zip, binary=True),
    Format("doc", "Word 97–2003", (".doc", ".dot"), None, _is_ole((".doc", ".dot")),
           binary=True, advice="enregistrez-le au format .docx ou .odt"),
    Format("xls", "Excel 97–2003", (".xls",), None, _is_ole((".xls",)), binary=True,
           advice="enregistrez-le au format .xlsx ou .csv"),
    Format("ods", "LibreOffice Calc", (".ods",), None, binary=True,
           advice="enregistrez-le au format .xlsx ou .csv"),
    Format("numbers", "Numbers", (".numbers",), None, binary=True,
           advice="exportez-le au format .xlsx ou .csv"),
    Format("rtf", "RTF", (".rtf",), rtf.parse, lambda s: s.data[:64].lstrip()[:5] == b"{\\rtf"),
    Format("twitter", "archive Twitter", (".js",), twitter.parse_archive_js,
           lambda s: s.opening.startswith("window.ytd.")),
    Format("twitter", "archive Twitter", (), twitter.parse_archive_csv,
           lambda s: s.opening.lstrip('"').startswith("tweet_id")),
    Format("wxr", "export WordPress", (".xml", ".wxr"), _wxr, _is_wxr),
    Format("feed", "flux RSS ou Atom", (".rss", ".atom"), feed.parse, feed.recognise),
    Format("html", "page web", (".html", ".htm", ".xhtml"), _html, _is_html),
    Format("twarc", "collection twarc", (), twitter.parse_twarc, twitter.is_twarc),
    Format("markdown", "Markdown", (".md", ".markdown", ".mdown"), markdown.parse,
           markdown.has_front_matter),
    Format("text", "texte", (".txt", ".text", ""), _text),
    Format("csv", "tableau CSV", (".csv", ".tsv"), _csv),
    Format("jsonl", "JSON Lines", (".jsonl", ".ndjson", ".json"), _jsonl,
           lambda s: s.opening.startswith("{")  # a page named .txt may open with "{"
           and _by_extension(s.path.suffix.lower()) is None),
)


def _listing() -> str:
    """The formats read, for a person: « texte (.txt, .text), Word (.docx)… »."""
    seen: dict[str, list[str]] = {}
    for entry in FORMATS:
        if entry.parse is not None:
            seen.setdefault(entry.label, []).extend(e for e in entry.extensions if e)
    return ", ".join(f"{label} ({', '.join(dict.fromkeys(ext))})" if ext else label
                     for label, ext in seen.items())


ACCEPTED = _listing()
"""The formats read, as they are listed in the error for a file of another format."""


def _by_extension(suffix: str) -> Format | None:
    return next((entry for entry in FORMATS if suffix in entry.extensions), None)


def detect(source: Source) -> Format:
    """Tell a file's format from its content, and from its extension when content is silent.

    Raises:
        LoadError: the format is unknown, or known but not read (the message says what to
            do).
    """
    suffix = source.path.suffix.lower()
    named = _by_extension(suffix)
    found = next((entry for entry in FORMATS
                  if entry.recognise is not None and entry.recognise(source)), None)
    if found is None and named is not None and (named.binary or not source.is_binary):
        found = named
    if found is None:
        if source.is_binary:
            raise LoadError(f"fichier binaire de format non reconnu (extension « {suffix} ») :"
                            f" formats lus : {ACCEPTED}")
        raise LoadError(f"format non reconnu (extension « {suffix} ») : formats lus : "
                        f"{ACCEPTED}")
    if found.parse is None:
        raise LoadError(f"fichier {found.label} ({suffix or found.extensions[0]}) non lu : "
                        f"{found.advice}")
    return found


def read(source: Source) -> tuple[str, list[Document], list[tuple[str, str]]]:
    """Read one file with the parser of its format.

    Returns:
        ``(format name, documents, record errors)``; caveats go to ``source.warnings``.

    Raises:
        LoadError: the whole file cannot be loaded.
    """
    entry = detect(source)
    documents, errors = entry.parse(source)  # type: ignore[misc]  # detect() checked it
    return entry.name, documents, errors
