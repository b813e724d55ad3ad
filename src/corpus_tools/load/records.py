"""Records that every format parser returns, and their assembly into DataFrames.

The columns and types of the tables built here are those of the contract,
:data:`corpus_tools.schema.TABLES` (and the data dictionary of the documentation).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd

from corpus_tools.normalise import strip_invisible
from corpus_tools.schema import LOAD_TABLES, TABLES

DOCUMENT_COLUMNS = TABLES["documents"].names
COMMENT_COLUMNS = TABLES["comments"].names
ERROR_COLUMNS = TABLES["errors"].names
WARNING_COLUMNS = TABLES["warnings"].names

_TYPES = {name: dtype for table in LOAD_TABLES for name, dtype in TABLES[table].dtypes.items()}
"""The type of each column of the loaded tables (the contract's): a column has the same type
whatever its values (all missing, say) and however many parts the table was built from."""

_PROFILE_URL = re.compile(r"(?:twitter|x)\.com/(?:#!/)?@?(\w{1,20})", re.IGNORECASE)
_HANDLE_NAME = re.compile(r"\w{1,20}", re.ASCII)
_NO_LETTER_WORD = re.compile(r"\s[^\w\s]+(?!\S)")
"""A white-space separated word without a letter or digit ("!", "«", "—"), with the white space
before it."""


class LoadError(Exception):
    """A file or record that cannot be loaded; the message is a sentence for a person."""


@dataclass
class Comment:
    """One reader's comment as a parser found it."""

    text: str
    author: str | None = None
    handle: str | None = None
    published: datetime | None = None
    key: str | None = None
    parent_key: str | None = None


@dataclass
class Document:
    """One testimonial as a parser found it; ``key`` tells records of one file apart."""

    text: str
    title: str | None = None
    author: str | None = None
    handle: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    published: datetime | None = None
    comments: list[Comment] = field(default_factory=list)
    key: str = ""


def make_doc_id(source: str, key: str = "") -> str:
    """Return a 16-hex-digit id derived from the source path and the record key.

    Examples:
        >>> make_doc_id("blog/001.txt") == make_doc_id("blog/001.txt")
        True
    """
    raw = source if not key else f"{source}#{key}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def count_words(text: str) -> int:
    """Count white-space separated words that hold at least one letter or digit.

    Examples:
        >>> count_words("« Bonjour ! » — j’ai 2 questions…")
        4
    """
    # all the words less those without a letter or digit: twice as fast as finding the others
    return len(text.split()) - len(_NO_LETTER_WORD.findall(" " + text))


def normalise_handle(value: str | None) -> str | None:
    """Return a Twitter handle as ``@lowercase``, from ``@Name``, ``Name`` or a profile URL.

    Examples:
        >>> normalise_handle("https://twitter.com/Pierre_NGT")
        '@pierre_ngt'
    """
    if not value:
        return None
    value = value.strip()
    url = _PROFILE_URL.search(value) if "/" in value else None
    if url:
        value = url.group(1)
    value = value.lstrip("@")
    if not _HANDLE_NAME.fullmatch(value):
        return None
    return "@" + value.lower()


Row = tuple
"""A row of ``documents`` or ``comments``: its cells in the order of :data:`DOCUMENT_COLUMNS`
or :data:`COMMENT_COLUMNS` (tuples cost less than dicts to build, and to send between
processes)."""


def file_rows(
    source: str, fmt: str, documents: list[Document]
) -> tuple[list[Row], list[Row], list[tuple[str, str]]]:
    """Turn the records of one file into rows of ``documents`` and ``comments``.

    Args:
        source: the file's source name.
        fmt: its format.
        documents: what its parser returned.

    Returns:
        The document rows, the comment rows, and an error for each record whose key repeats
        an earlier one of the file (left out).
    """
    doc_rows: list[Row] = []
    comment_rows: list[Row] = []
    errors: list[tuple[str, str]] = []
    seen: set[str] = set()
    for document in documents:
        doc_id = make_doc_id(source, document.key)
        if doc_id in seen:
            errors.append((source, f"l’enregistrement « {document.key} » est en double"))
            continue
        seen.add(doc_id)
        keys = [comment.key or str(position)
                for position, comment in enumerate(document.comments, start=1)]
        ids = {key: f"{doc_id}-c{key}" for key in keys}
        for position, (key, comment) in enumerate(zip(keys, document.comments, strict=True),
                                                  start=1):
            parent_id = ids.get(comment.parent_key) if comment.parent_key else None
            comment_rows.append((ids[key], doc_id, position, parent_id, _visible(comment.author),
                                 comment.handle, comment.published, strip_invisible(comment.text)))
        text = strip_invisible(document.text)
        doc_rows.append((doc_id, source, fmt, _visible(document.title), _visible(document.author),
                         document.handle, [strip_invisible(c) for c in document.categories],
                         [strip_invisible(t) for t in document.tags], document.published,
                         text, len(document.comments), count_words(text)))
    return doc_rows, comment_rows, errors


def _visible(value: str | None) -> str | None:
    return strip_invisible(value) if value else value


def table_rows(table: pd.DataFrame, columns: list[str]) -> list[Row]:
    """Turn a ``documents`` or ``comments`` table back into rows for :func:`build_tables`.

    Args:
        table: the table, as written (read back from Parquet, say).
        columns: :data:`DOCUMENT_COLUMNS` or :data:`COMMENT_COLUMNS`.

    Missing values become ``None`` and list cells (read back from Parquet as arrays) lists,
    as :func:`file_rows` makes them.
    """
    table = table[columns]
    cells = table.astype(object).where(table.notna(), None)
    for name in ("categories", "tags"):
        if name in columns:
            cells[name] = [[] if value is None else list(value) for value in cells[name]]
    return list(cells.itertuples(index=False, name=None))


def _frame(rows: list[Row] | list[tuple[str, str]], columns: list[str]) -> pd.DataFrame:
    """Build a table from rows, column by column, each column of its own type."""
    data = {}
    by_column = zip(*rows, strict=True) if rows else [()] * len(columns)
    for name, cells in zip(columns, by_column, strict=True):
        kind = _TYPES.get(name, "str")
        if kind == "str":
            data[name] = pd.array(cells, dtype="str")
        elif kind == "object":  # lists: numpy would make a two-dimensional array of them
            data[name] = np.empty(len(cells), dtype=object)
            data[name][:] = cells
        else:  # counts, and dates (missing ones, None, become NaT)
            data[name] = np.array(cells, dtype=kind)
    return pd.DataFrame(data, columns=columns)


def build_tables(
    doc_rows: list[Row],
    comment_rows: list[Row],
    errors: list[tuple[str, str]],
    warnings: list[tuple[str, str]],
) -> dict[str, pd.DataFrame]:
    """Assemble rows into the ``documents``, ``comments``, ``errors`` and ``warnings`` tables.

    Args:
        doc_rows: rows of ``documents``, from :func:`file_rows`.
        comment_rows: rows of ``comments``, from :func:`file_rows`.
        errors: ``(source, message)`` for each file or record that could not be loaded.
        warnings: ``(source, message)`` for each caveat.
    """
    return {
        "documents": _frame(doc_rows, DOCUMENT_COLUMNS),
        "comments": _frame(comment_rows, COMMENT_COLUMNS),
        "errors": _frame(errors, ERROR_COLUMNS),
        "warnings": _frame(warnings, WARNING_COLUMNS),
    }
