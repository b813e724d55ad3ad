"""Load testimonial files into pandas tables.

:func:`load_corpus` reads a file or a folder (recursively) of plain-text saved blog pages,
WordPress exports (WXR), saved WordPress HTML pages and tables (CSV, TSV, JSON Lines), and
returns a :class:`Corpus` whose tables are described in :mod:`corpus_tools.load.records`.
A file that cannot be read becomes a row of ``errors``; the others still load.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from corpus_tools.inputs import iter_files, source_name
from corpus_tools.load.html import parse_html_page
from corpus_tools.load.page import ParsedPage, parse_page
from corpus_tools.load.records import (
    COMMENT_COLUMNS,
    DOCUMENT_COLUMNS,
    Document,
    LoadError,
    build_tables,
)
from corpus_tools.load.sources import decode, detect_format
from corpus_tools.load.tables import parse_table, read_csv, read_jsonl
from corpus_tools.load.wxr import parse_wxr

__all__ = [
    "COMMENT_COLUMNS",
    "DOCUMENT_COLUMNS",
    "Corpus",
    "LoadError",
    "ParsedPage",
    "load_corpus",
    "load_file",
    "parse_page",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Corpus:
    """A loaded corpus: four pandas DataFrames and the folder they came from."""

    documents: pd.DataFrame
    comments: pd.DataFrame
    errors: pd.DataFrame
    warnings: pd.DataFrame
    root: Path | None = None

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the tables by name, in the order they are documented."""
        return {
            "documents": self.documents,
            "comments": self.comments,
            "errors": self.errors,
            "warnings": self.warnings,
        }

    def __len__(self) -> int:
        return len(self.documents)

    def __repr__(self) -> str:
        return (
            f"<Corpus {self.root or ''}: {len(self.documents)} témoignage(s), "
            f"{len(self.comments)} commentaire(s), {len(self.errors)} erreur(s), "
            f"{len(self.warnings)} avertissement(s)>"
        )

    def comments_of(self, doc_id: str) -> pd.DataFrame:
        """Return the comments of one testimonial, in page order."""
        return self.comments[self.comments["doc_id"] == doc_id].sort_values("position")


def load_file(
    path: Path, source: str, *, columns: Mapping[str, str] | None = None
) -> tuple[str, list[Document], list[tuple[str, str]], list[tuple[str, str]]]:
    """Load one file.

    Args:
        path: the file.
        source: its name in the tables (relative to the loaded folder).
        columns: for tables, the columns to use (see :func:`corpus_tools.load.tables.find_columns`).

    Returns:
        ``(format, documents, record_errors, warnings)``.

    Raises:
        LoadError: the whole file cannot be loaded.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise LoadError(f"lecture impossible ({error.strerror})") from error
    text, warning = decode(data)
    warnings = [(source, warning)] if warning else []
    fmt = detect_format(path, text[:2000])
    record_errors: list[tuple[str, str]] = []
    if fmt == "text":
        documents = [parse_page(text).document]
    elif fmt == "wxr":
        documents = parse_wxr(text.encode("utf-8"))
        if not documents:
            raise LoadError("l’export WordPress ne contient aucun billet publié")
    elif fmt == "html":
        documents = [parse_html_page(text)]
    elif fmt == "csv":
        documents, record_errors = parse_table(read_csv(text), source, columns)
    else:
        table, record_errors = read_jsonl(text, source)
        documents, more = parse_table(table, source, columns) if not table.empty else ([], [])
        record_errors += more
        if not documents and not record_errors:
            raise LoadError("le fichier JSON Lines ne contient aucune ligne")
    for document in documents:
        if not document.text.strip():
            label = f"{source}#{document.key}" if document.key else source
            warnings.append((label, "le témoignage n’a pas de texte (seulement des commentaires)"))
    return fmt, documents, record_errors, warnings


def load_corpus(
    path: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    progress: bool = False,
) -> Corpus:
    """Load a file or a folder of testimonials into a :class:`Corpus`.

    Args:
        path: a file, or a folder read recursively (hidden files are left out).
        columns: for CSV and JSON Lines tables, the column of each field when their names are
            not the usual ones, e.g. ``{"text": "Q3", "author": "Nom"}``.
        progress: show a progress bar (terminal or Jupyter).

    Returns:
        The corpus; files that could not be loaded are listed in ``corpus.errors``.

    Examples:
        >>> corpus = load_corpus("data/raw")  # doctest: +SKIP
        >>> corpus.documents[["title", "author", "n_comments"]]  # doctest: +SKIP
    """
    root = Path(path)
    files = iter_files(root)
    loaded, errors, warnings = [], [], []
    for file in tqdm(files, desc="Chargement", unit="fichier", disable=not progress):
        source = source_name(file, root)
        try:
            fmt, documents, record_errors, file_warnings = load_file(file, source, columns=columns)
        except LoadError as error:
            errors.append((source, str(error)))
            continue
        except Exception as error:  # one bad file must never stop the others
            logger.exception("unexpected failure on %s", source)
            errors.append((source, f"erreur inattendue du chargeur ({type(error).__name__}: "
                                   f"{error}) : merci de la signaler"))
            continue
        loaded.append((source, fmt, documents))
        errors += record_errors
        warnings += file_warnings
    tables = build_tables(loaded, errors, warnings)
    return Corpus(**tables, root=root)
