"""Load testimonial files into pandas tables.

:func:`load_corpus` reads a file or a folder (recursively) of plain-text saved blog pages,
WordPress exports (WXR), saved WordPress HTML pages and tables (CSV, TSV, JSON Lines), and
returns a :class:`Corpus` whose tables are described in :mod:`corpus_tools.load.records`.
A file that cannot be read becomes a row of ``errors``; the others still load.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.queues
import queue
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
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
    Row,
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
BATCH_FILES = 32
"""Files a process takes at a time: small batches keep every process busy to the end."""


@dataclass
class FileOutcome:
    """What loading one file gave: its rows, or the reason it gave none."""

    doc_rows: list[Row]
    comment_rows: list[Row]
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


def _take(counter: Synchronized, total: int) -> int | None:
    """Take the next batch number from the counter shared by the processes, if any is left."""
    with counter.get_lock():
        index = counter.value
        if index >= total:
            return None
        counter.value = index + 1
    return index


def _help(
    batches: list[list[tuple[Path, str]]], columns: Mapping[str, str] | None,
    counter: Synchronized, results: multiprocessing.queues.Queue,
) -> None:
    """A helper process's work: load batches until none is left, sending each outcome back."""
    # the queue's feeder thread sends a large message in two writes and needs the GIL between
    # them, while this process's reader waits: by default it gets it only every 5 ms
    sys.setswitchinterval(0.0001)
    while (index := _take(counter, len(batches))) is not None:
        results.put((index, _load_batch(batches[index], columns)))
    results.put(None)


def _loaded(
    files: list[tuple[Path, str]], columns: Mapping[str, str] | None, workers: int,
    bar: tqdm,
) -> Iterator[FileOutcome]:
    """Yield the outcome of each file, in file order, loading in ``workers`` processes.

    This process and ``workers - 1`` forked helpers (which inherit the imported modules and
    the list of files) take batches of :data:`BATCH_FILES` files in turn from a shared counter,
    so all finish together however long each file takes. Helpers send their outcomes back
    as rows; if one dies, this process loads the batches it took but never sent.
    """
    if workers <= 1 or len(files) < PARALLEL_MIN_FILES or not FORK:
        for file, source in files:
            outcome = load_outcome(file, source, columns=columns)
            bar.update()
            yield outcome
        return
    batches = [files[first:first + BATCH_FILES] for first in range(0, len(files), BATCH_FILES)]
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", 0)
    results = context.Queue()
    helpers = [context.Process(target=_help, args=(batches, columns, counter, results),
                               daemon=True) for _ in range(workers - 1)]
    for helper in helpers:
        helper.start()
    done: dict[int, list[FileOutcome]] = {}
    running = len(helpers)

    def receive(*, wait: bool) -> None:
        """Take the outcomes the helpers sent; with ``wait``, until every helper is done."""
        nonlocal running
        while running:
            try:
                message = results.get(timeout=1.0) if wait else results.get_nowait()
            except queue.Empty:
                if not wait:
                    return
                if not any(helper.is_alive() for helper in helpers):  # died without a word
                    logger.warning("a loading process stopped early: its files are loaded here")
                    running = 0
                continue
            if message is None:
                running -= 1
            else:
                index, outcomes = message
                done[index] = outcomes
                bar.update(len(outcomes))

    try:
        position = 0  # the next batch to yield
        while (index := _take(counter, len(batches))) is not None:
            done[index] = _load_batch(batches[index], columns)
            bar.update(len(batches[index]))
            receive(wait=False)
            while position in done:
                yield from done.pop(position)
                position += 1
        receive(wait=True)
        for index in range(position, len(batches)):
            if index not in done:  # taken by a helper that died
                done[index] = _load_batch(batches[index], columns)
                bar.update(len(batches[index]))
            yield from done.pop(index)
    finally:
        for helper in helpers:
            helper.join(timeout=1.0)
            if helper.is_alive():
                helper.terminate()
        results.close()


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
