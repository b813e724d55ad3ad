"""Load testimonial files into pandas tables.

:func:`load_corpus` reads a file or a folder (recursively) of testimonials in any format of
the registry :data:`~corpus_tools.load.formats.FORMATS` (saved blog pages as text or HTML,
WordPress exports, tables, Word, LibreOffice, PDF, RTF, Markdown posts, Twitter archives and
twarc collections), and returns a :class:`Corpus` whose tables are described in
:mod:`corpus_tools.load.records`.
A file that cannot be read becomes a row of ``errors``; the others still load.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from corpus_tools.french import number
from corpus_tools.inputs import OUTSIDE_LINK, scan
from corpus_tools.load.formats import FORMATS, read
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
from corpus_tools.load.sources import Source
from corpus_tools.parallel import run_tasks
from corpus_tools.schema import LOAD_TABLES

__all__ = [
    "COMMENT_COLUMNS",
    "DOCUMENT_COLUMNS",
    "FORMATS",
    "Corpus",
    "FileOutcome",
    "LoadError",
    "ParsedPage",
    "is_corpus_caveat",
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
            f"<Corpus {self.root or ''}: {number(len(self.documents))} témoignage(s), "
            f"{number(len(self.comments))} commentaire(s), {number(len(self.errors))} "
            f"erreur(s), {number(len(self.warnings))} avertissement(s)>"
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
        kind = os.stat(path).st_mode
        if stat.S_ISDIR(kind):  # listed because it could not be opened
            raise LoadError("dossier illisible : " + _OS_ERRORS[errno.EACCES])
        if not stat.S_ISREG(kind):  # a pipe would block the run, a device never end
            raise LoadError("ce n’est pas un fichier ordinaire (tube ou périphérique) : il est "
                            "laissé de côté")
        with open(path, "rb", buffering=0) as handle:  # one read: a buffer would only copy
            data = handle.read()
    except OSError as error:
        reason = _OS_ERRORS.get(error.errno or 0, error.strerror or str(error))
        raise LoadError(f"lecture impossible : {reason}") from error
    if not data:
        raise LoadError("le fichier est vide")
    file = Source(path, source, data, columns)
    fmt, documents, record_errors = read(file)
    warnings = [(source, warning) for warning in file.warnings]
    if len(data) > LARGE_FILE:
        warnings.append((source, f"fichier très grand ({len(data) // 2**20} Mo) : le charger "
                                 "et l’analyser demande une quinzaine de fois sa taille en "
                                 "mémoire ; découpez-le si la machine en manque"))
    for document in documents:
        if not document.text or document.text.isspace():
            label = f"{source}#{document.key}" if document.key else source
            warnings.append((label, "le témoignage n’a pas de texte" + (
                " (seulement des commentaires)" if document.comments else "")))
    return fmt, documents, record_errors, warnings


_OS_ERRORS = {
    errno.EACCES: "permission refusée (vérifiez les droits de lecture)",
    errno.EPERM: "opération non permise",
    errno.ELOOP: "boucle de liens symboliques",
    errno.ENOENT: "fichier introuvable (lien symbolique cassé ?)",
    errno.EISDIR: "c’est un dossier",
    errno.EIO: "erreur d’entrée-sortie du disque",
    errno.ENAMETOOLONG: "nom de fichier trop long",
}
"""The operating system's reasons for a failed read, in French."""

LARGE_FILE = 200 * 2**20
"""Bytes past which a file gets a warning: a text of 200 MB took 3 GB to load."""

PARALLEL_MIN_FILES = 200
"""Below this many files, starting worker processes costs more than it saves."""
BATCH_FILES = 32
"""The fewest files in a batch of :func:`_load_in_parallel`: fewer cost more in messages than
they gain in balance."""
TASKS_PER_WORKER = 8
"""Batches per process: enough that a slow batch at the end leaves the others little to wait."""


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


_TABLES = LOAD_TABLES


_Built = tuple[dict[str, pd.DataFrame], dict[str, np.ndarray]]
"""A part's tables, and the position in the listing of the file of each of their rows."""


class _Part:
    """The rows of some of the files, each row with the position of its file in the listing."""

    def __init__(self) -> None:
        self.rows: dict[str, list] = {name: [] for name in _TABLES}
        self.positions: dict[str, list[int]] = {name: [] for name in _TABLES}

    def add(self, position: int, outcome: FileOutcome) -> None:
        """Add the rows of the file at ``position`` in the listing."""
        for name, rows in zip(_TABLES, (outcome.doc_rows, outcome.comment_rows, outcome.errors,
                                        outcome.warnings), strict=True):
            if rows:
                self.rows[name] += rows
                self.positions[name] += [position] * len(rows)

    def build(self) -> _Built:
        """Return this part's tables, and the file position of each of their rows."""
        tables = build_tables(*(self.rows[name] for name in _TABLES))
        return tables, {name: np.array(self.positions[name], dtype=np.int64) for name in _TABLES}


def _assemble(parts: list[_Built]) -> dict[str, pd.DataFrame]:
    """Put the tables of several parts together, their rows in the order of their files (the
    rows of a file, all in one part, keep their order)."""
    if len(parts) == 1:
        return parts[0][0]
    tables = {}
    for name in _TABLES:
        table = pd.concat([part[name] for part, _ in parts], ignore_index=True)
        order = np.argsort(np.concatenate([positions[name] for _, positions in parts]),
                           kind="stable")
        tables[name] = table.take(order).reset_index(drop=True)
    return tables


def _load_files(batch: list[tuple[int, Path, str]], columns: Mapping[str, str] | None) -> _Built:
    """Load a batch of files, each with its position in the listing, into a part's tables."""
    part = _Part()
    for position, file, source in batch:
        part.add(position, load_outcome(file, source, columns=columns))
    return part.build()


def _load_in_parallel(
    files: list[tuple[Path, str]], todo: list[int], columns: Mapping[str, str] | None,
    workers: int, bar: tqdm,
) -> list[_Built]:
    """Load the files at the positions ``todo`` in ``workers`` processes, as tables in parts.

    The files are cut into batches (:data:`TASKS_PER_WORKER` per process, at least
    :data:`BATCH_FILES` files each) that :func:`corpus_tools.parallel.run_tasks` hands to
    the processes as they become free, so that they finish together; each batch comes back
    as its tables, and :func:`_assemble` puts the rows back in the order of their files.
    """
    size = max(BATCH_FILES, -(-len(todo) // (TASKS_PER_WORKER * workers)))
    batches = [[(position, *files[position]) for position in todo[first:first + size]]
               for first in range(0, len(todo), size)]
    parts = []
    for index, built in run_tasks(_load_files, [(batch, columns) for batch in batches],
                                  workers=workers):
        parts.append(built)
        bar.update(len(batches[index]))
    return parts


NOTHING_TO_LOAD = ("le dossier ne contient aucun fichier à charger (les fichiers et dossiers "
                   "cachés, dont le nom commence par un point, sont laissés de côté)")

DUPLICATE_MIN_WORDS = 20
"""Identical texts shorter than this are not reported as duplicates: two answers of a survey
may well both read « Rien à ajouter. »."""


_REPEATED = "même texte que le témoignage "


def is_corpus_caveat(warning: str) -> bool:
    """Whether a warning is one of the whole corpus's (a repeated text, a link leading out of
    the folder, nothing to load), which :func:`load_corpus` finds again at each call, rather
    than one a file's parser gave."""
    return warning.startswith(_REPEATED) or warning in {OUTSIDE_LINK, NOTHING_TO_LOAD}


def _repeated_texts(documents: pd.DataFrame) -> list[tuple[str, str]]:
    """Return a warning for each testimonial whose text is that of an earlier one (a page
    saved twice counts twice in every table and chart)."""
    long = documents[documents["n_words"] >= DUPLICATE_MIN_WORDS]
    repeated = long[long["text"].duplicated(keep=False)]
    first: dict[str, str] = {}
    warnings = []
    for doc_id, source, text in zip(repeated["doc_id"], repeated["source"], repeated["text"],
                                    strict=True):
        if text in first:
            warnings.append((source, f"{_REPEATED}{first[text]} : il compte deux fois dans "
                                     "les analyses"))
        else:
            first[text] = f"{doc_id} ({source})"
    return warnings


def load_corpus(
    path: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    progress: bool = False,
    workers: int = 1,
    known: Mapping[str, FileOutcome] | None = None,
    follow_links: bool = False,
) -> Corpus:
    """Load a file or a folder of testimonials into a :class:`Corpus`.

    Args:
        path: a file, or a folder read recursively (hidden files are left out).
        columns: for CSV and JSON Lines tables, the column of each field when their names are
            not the usual ones, e.g. ``{"text": "Q3", "author": "Nom"}``.
        progress: show a progress bar (terminal or Jupyter).
        workers: processes that parse files at the same time (from
            :data:`PARALLEL_MIN_FILES` files up, started as :func:`config.start_method` says);
            the tables are the same whatever their number.
        known: outcomes of files loaded before, by source name, used instead of reading
            those files again (:func:`corpus_tools.pipeline.run` passes those of the files
            that did not change since its last run).
        follow_links: also read the symbolic links that lead outside the folder (left out
            with a warning by default: nothing outside the folder given is read).

    Returns:
        The corpus; files that could not be loaded are listed in ``corpus.errors``, caveats
        (a file read as Windows-1252, a testimonial saved twice…) in ``corpus.warnings``.

    Examples:
        >>> corpus = load_corpus("data/raw")  # doctest: +SKIP
        >>> corpus.documents[["title", "author", "n_comments"]]  # doctest: +SKIP
    """
    root = Path(path)
    files, outside = scan(root, follow_links=follow_links)
    known = known or {}
    with tqdm(total=len(files), desc="Chargement", unit="fichier",
              disable=not progress) as bar:
        todo = [position for position, (_, source) in enumerate(files) if source not in known]
        part = _Part()
        if workers > 1 and len(todo) >= PARALLEL_MIN_FILES:
            parts = _load_in_parallel(files, todo, columns, workers, bar)
            if len(todo) < len(files):
                for position, (_, source) in enumerate(files):
                    if source in known:
                        part.add(position, known[source])
                parts.append(part.build())
                bar.update(len(files) - len(todo))
        else:
            for position, (file, source) in enumerate(files):
                part.add(position, known.get(source) or load_outcome(file, source,
                                                                     columns=columns))
                bar.update()
            parts = [part.build()]
    tables = _assemble(parts)
    # caveats of the whole corpus: a folder with nothing to load, texts that repeat
    caveats = _repeated_texts(tables["documents"]) if files else [(".", NOTHING_TO_LOAD)]
    caveats += [(source, OUTSIDE_LINK) for source in outside]
    if caveats:
        tables["warnings"] = pd.concat(
            [tables["warnings"], build_tables([], [], [], caveats)["warnings"]],
            ignore_index=True)
    return Corpus(**tables, root=root)

