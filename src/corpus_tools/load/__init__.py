"""Load testimonial files into pandas tables.

:func:`load_corpus` reads a file or a folder (recursively) of plain-text saved blog pages,
WordPress exports (WXR), saved WordPress HTML pages and tables (CSV, TSV, JSON Lines), and
returns a :class:`Corpus` whose tables are described in :mod:`corpus_tools.load.records`.
A file that cannot be read becomes a row of ``errors``; the others still load.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from corpus_tools.inputs import input_files
from corpus_tools.load.html import parse_html_page
from corpus_tools.load.page import ParsedPage, parse_page
from corpus_tools.load.records import (
    COMMENT_COLUMNS,
    DOCUMENT_COLUMNS,
    Document,
    LoadError,
    build_tables,
    file_rows,
)
from corpus_tools.load.sources import decode, detect_format
from corpus_tools.load.tables import parse_table, read_csv, read_jsonl
from corpus_tools.load.wxr import parse_wxr

__all__ = [
    "COMMENT_COLUMNS",
    "DOCUMENT_COLUMNS",
    "Corpus",
    "FileOutcome",
    "LoadError",
    "ParsedPage",
    "load_corpus",
    "load_file",
    "parse_page",
]

logger = logging.getLogger(__name__)

FORK = "fork" in multiprocessing.get_all_start_methods()
"""Worker processes are forked (they inherit the loaded modules); elsewhere, one process."""


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


PARALLEL_MIN_FILES = 200
"""Below this many files, starting worker processes costs more than it saves."""


@dataclass
class FileOutcome:
    """What loading one file gave: its rows, or the reason it gave none."""

    doc_rows: list[dict]
    comment_rows: list[dict]
    errors: list[tuple[str, str]]
    warnings: list[tuple[str, str]]


def load_outcome(
    file: Path, source: str, *, columns: Mapping[str, str] | None = None
) -> FileOutcome:
    """Load one file into rows; never raises for a bad file (its error is in the outcome)."""
    try:
        fmt, documents, record_errors, warnings = load_file(file, source, columns=columns)
    except LoadError as error:
        return FileOutcome([], [], [(source, str(error))], [])
    except Exception as error:  # one bad file must never stop the others
        logger.exception("unexpected failure on %s", source)
        return FileOutcome([], [], [(source, f"erreur inattendue du chargeur "
                                             f"({type(error).__name__}: {error}) : merci de la "
                                             "signaler")], [])
    doc_rows, comment_rows, duplicates = file_rows(source, fmt, documents)
    return FileOutcome(doc_rows, comment_rows, record_errors + duplicates, warnings)


def _load_batch(
    batch: list[tuple[Path, str]], columns: Mapping[str, str] | None
) -> list[FileOutcome]:
    return [load_outcome(file, source, columns=columns) for file, source in batch]


def _loaded(
    files: list[tuple[Path, str]], columns: Mapping[str, str] | None, workers: int,
    bar: tqdm,
) -> Iterator[FileOutcome]:
    """Yield the outcome of each file, in file order, loading in ``workers`` processes."""
    if workers <= 1 or len(files) < PARALLEL_MIN_FILES or not FORK:
        for file, source in files:
            outcome = load_outcome(file, source, columns=columns)
            bar.update()
            yield outcome
        return
    # a few batches per process balance the load; this process loads one batch in
    # ``workers``, forked helpers (which inherit the imported modules) the others
    size = math.ceil(len(files) / (workers * 4))
    batches = [files[first:first + size] for first in range(0, len(files), size)]
    with ProcessPoolExecutor(workers - 1,
                             mp_context=multiprocessing.get_context("fork")) as pool:
        helped = {index: pool.submit(_load_batch, batch, columns)
                  for index, batch in enumerate(batches) if index % workers}
        for index, batch in enumerate(batches):
            outcomes = (helped[index].result() if index in helped
                        else _load_batch(batch, columns))
            bar.update(len(batch))
            yield from outcomes


def _outcomes(
    files: list[tuple[Path, str]], columns: Mapping[str, str] | None, workers: int,
    bar: tqdm, known: Mapping[str, FileOutcome],
) -> Iterator[FileOutcome]:
    """Yield the outcome of each file in file order: known ones as they are, others loaded."""
    loaded = _loaded([(file, source) for file, source in files if source not in known],
                     columns, workers, bar)
    for _, source in files:
        if source in known:
            bar.update()
            yield known[source]
        else:
            yield next(loaded)


def load_corpus(
    path: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    progress: bool = False,
    workers: int = 1,
    known: Mapping[str, FileOutcome] | None = None,
) -> Corpus:
    """Load a file or a folder of testimonials into a :class:`Corpus`.

    Args:
        path: a file, or a folder read recursively (hidden files are left out).
        columns: for CSV and JSON Lines tables, the column of each field when their names are
            not the usual ones, e.g. ``{"text": "Q3", "author": "Nom"}``.
        progress: show a progress bar (terminal or Jupyter).
        workers: processes that parse files at the same time (from
            :data:`PARALLEL_MIN_FILES` files up, where the platform can fork); the tables are
            the same whatever their number.
        known: outcomes of files loaded before, by source name, used instead of reading
            those files again (:func:`corpus_tools.pipeline.run` passes those of the files
            that did not change since its last run).

    Returns:
        The corpus; files that could not be loaded are listed in ``corpus.errors``.

    Examples:
        >>> corpus = load_corpus("data/raw")  # doctest: +SKIP
        >>> corpus.documents[["title", "author", "n_comments"]]  # doctest: +SKIP
    """
    root = Path(path)
    files = input_files(root)
    doc_rows, comment_rows, errors, warnings = [], [], [], []
    with tqdm(total=len(files), desc="Chargement", unit="fichier",
              disable=not progress) as bar:
        for outcome in _outcomes(files, columns, workers, bar, known or {}):
            doc_rows += outcome.doc_rows
            comment_rows += outcome.comment_rows
            errors += outcome.errors
            warnings += outcome.warnings
    return Corpus(**build_tables(doc_rows, comment_rows, errors, warnings), root=root)
