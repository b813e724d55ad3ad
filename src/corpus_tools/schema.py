"""The table contract: one declaration of every table the package writes and returns.

Each :class:`Table` names its columns in order, with their type and a one-line meaning, its
key, and the stage that makes it. Everything else derives from here: the lists of tables of
the loader, the parser, the pipeline and :class:`~corpus_tools.analysis.Analysis`; the types
the store writes to Parquet and gives back when it reads a table (:func:`conform`); and the
data dictionary of the documentation (:func:`dictionary`).

Kept free of heavy imports: pyarrow is imported when a Parquet schema is asked for.

Examples:
    >>> from corpus_tools.schema import TABLES
    >>> TABLES["hashtags"].names
    ['text_id', 'doc_id', 'kind', 'start', 'end', 'surface', 'tag']
    >>> TABLES["tokens"].key
    ('text_id', 'i')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

DTYPES = {
    "str": "str",
    "int": "int64",
    "Int": "Int64",
    "float": "float64",
    "bool": "bool",
    "datetime": "datetime64[us]",
    "list": "object",
}
"""Each column type of the contract, and the pandas type a column of it has in a table:
``Int`` is a whole number that may be missing, ``list`` a Python list of strings."""

STAGES = {
    "load": "the loader, from the input files (`corpus-tools load`, `load_corpus`)",
    "texts": "the texts to analyse: each testimonial's body and each comment",
    "parse": "the spaCy pipeline (kept in the parse cache, per text)",
    "assemble": "the text and its tokens, without the model (hashtags, mentions, themes)",
    "corpus": "the whole corpus at once",
}
"""The stages that make tables, in the order they run."""


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, type (a key of :data:`DTYPES`) and meaning."""

    name: str
    type: str
    meaning: str
    nullable: bool = False
    from_texts: bool = False
    """Copied from the ``texts`` table when the tables are assembled (not in the cache)."""
    syntax: bool = False
    """Only in the tables of a run with the dependency parse (``--syntax``), at the end."""

    @property
    def dtype(self) -> str:
        """The pandas type of the column."""
        return DTYPES[self.type]


@dataclass(frozen=True)
class Table:
    """One table: what a row is, its columns in order, its key and its stage."""

    name: str
    row: str
    stage: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        """The names of the columns every run writes, in order (not the :attr:`syntax` ones)."""
        return [column.name for column in self.columns if not column.syntax]

    @property
    def syntax(self) -> list[str]:
        """The columns only a run with the dependency parse writes, after the others."""
        return [column.name for column in self.columns if column.syntax]

    def names_of(self, columns: Iterable[str]) -> list[str]:
        """The contract's columns for a table holding ``columns``: :attr:`names`, and the
        :attr:`syntax` columns when it holds them all."""
        held = set(columns)
        syntax = self.syntax
        return self.names + (syntax if syntax and held.issuperset(syntax) else [])

    def statistics(self, columns: Iterable[str]) -> list[str]:
        """The columns among ``columns`` whose Parquet pages carry min/max statistics: the
        key columns and those not of text (a filter on a key or a number skips row groups;
        the minimum and maximum of words and lemmas serve no filter, and cost a third of the
        time of writing the tables)."""
        kinds = {column.name: column.type for column in self.columns}
        return [name for name in columns
                if name in self.key or name in TEXT_KEYS or kinds.get(name, "str") != "str"]

    @property
    def dtypes(self) -> dict[str, str]:
        """The pandas type of each column of :attr:`names`."""
        return {column.name: column.dtype for column in self.columns if not column.syntax}

    @property
    def own(self) -> list[str]:
        """The columns of a parsed table that the parse cache holds: all but the key columns
        of the text, those copied from ``texts`` and the :attr:`syntax` ones."""
        return [column.name for column in self.columns
                if column.name not in TEXT_KEYS and not column.from_texts and not column.syntax]

    def arrow(self, names: Iterable[str] | None = None) -> pa.Schema:
        """The Parquet schema the table is written with (its :attr:`names`, or ``names``)."""
        import pyarrow as pa

        kinds = {"str": pa.string(), "int": pa.int64(), "Int": pa.int64(),
                 "float": pa.float64(), "bool": pa.bool_(), "datetime": pa.timestamp("us"),
                 "list": pa.list_(pa.string())}
        by_name = {column.name: column for column in self.columns}
        return pa.schema([pa.field(name, kinds[by_name[name].type])
                          for name in (self.names if names is None else names)])

    def empty(self) -> pd.DataFrame:
        """A table without rows, with the columns and types of the contract."""
        import pandas as pd

        return pd.DataFrame({column.name: pd.Series([], dtype=column.dtype)
                             for column in self.columns if not column.syntax})


TEXT_KEYS = ("text_id", "doc_id", "kind")
"""The key columns that every table of the analysis starts with."""

_KEYS = (
    Column("text_id", "str", "the text: `{doc_id}-t` for a testimonial's body, the "
           "`comment_id` for a comment"),
    Column("doc_id", "str", "the testimonial the text belongs to"),
    Column("kind", "str", "`testimonial` or `comment`"),
)
_START = Column("start", "int", "character offset of the first character in the text "
                "(`texts.text[start:end]` is the surface form)")
_END = Column("end", "int", "character offset just after the last character")
_SURFACE = Column("surface", "str", "as written in the text")


def _table(name: str, row: str, stage: str, key: tuple[str, ...], *columns: Column) -> Table:
    return Table(name, row, stage, columns, key)


TABLES: dict[str, Table] = {table.name: table for table in (
    _table(
        "documents", "testimonial", "load", ("doc_id",),
        Column("doc_id", "str", "16 hex digits, a hash of `source` (and of the record's own key "
               "for files that hold several testimonials: WXR post id, CSV/JSONL `id` column "
               "or row content); the same file at the same relative path gets the same id on "
               "every run and machine"),
        Column("source", "str", "path of the file relative to the loaded folder, "
               "`/`-separated"),
        Column("format", "str", "the input format (`text`, `wxr`, `feed`, `html`, `csv`, "
               "`jsonl`, `xlsx`, `docx`, `odt`, `pdf`, `rtf`, `markdown`, `twitter`, `twarc`…)"),
        Column("title", "str", "the post's title; for plain-text pages, the title in the "
               "comment header if any, else the first section heading", nullable=True),
        Column("author", "str", "the author as signed (signature, else post line, byline or "
               "author column)", nullable=True),
        Column("handle", "str", "the author's Twitter handle, lowercase with `@`",
               nullable=True),
        Column("categories", "list", "the post's categories, possibly none"),
        Column("tags", "list", "the post's tags, possibly none"),
        Column("published", "datetime", "publication date, as written (no time zone)",
               nullable=True),
        Column("text", "str", "the body: headings and paragraphs separated by a blank line; "
               "no caption, signature, categories, comments or page furniture"),
        Column("n_comments", "int", "number of rows of this testimonial in `comments`"),
        Column("n_words", "int", "words of `text` (white-space separated tokens holding a "
               "letter or digit)"),
    ),
    _table(
        "comments", "reader's comment", "load", ("comment_id",),
        Column("comment_id", "str", "`{doc_id}-c{key}`: the comment's position on a text "
               "page, the source's own comment id in WXR and HTML"),
        Column("doc_id", "str", "the commented testimonial"),
        Column("position", "int", "1, 2, … in page order"),
        Column("parent_id", "str", "`comment_id` of the comment it replies to",
               nullable=True),
        Column("author", "str", "the comment's author", nullable=True),
        Column("handle", "str", "the author's handle, lowercase with `@`, when given",
               nullable=True),
        Column("published", "datetime", "the comment's date", nullable=True),
        Column("text", "str", "the comment's text (paragraphs separated by a blank line)"),
    ),
    _table(
        "errors", "file or record that could not be loaded", "load", ("source",),
        Column("source", "str", "the file (`file:line` for a row of a table)"),
        Column("error", "str", "a French sentence saying why it was left out"),
    ),
    _table(
        "warnings", "caveat of a loaded file", "load", ("source",),
        Column("source", "str", "the file (`file:line` for a row of a table; `.` for the "
               "folder)"),
        Column("warning", "str", "a French sentence: the file was loaded with a caveat "
               "(decoded as Windows-1252, a page saved twice, a link left out…)"),
    ),
    _table(
        "texts", "testimonial body or comment", "texts", ("text_id",),
        *_KEYS,
        Column("author", "str", "the text's author", nullable=True),
        Column("handle", "str", "the author's handle, lowercase with `@`", nullable=True),
        Column("published", "datetime", "the text's date", nullable=True),
        Column("text", "str", "the text, as analysed"),
        Column("n_words", "int", "words of `text`"),
    ),
    _table(
        "tokens", "token", "parse", ("text_id", "i"),
        *_KEYS,
        Column("i", "int", "position of the token in the text, from 0"),
        _START, _END,
        Column("sentence", "int", "number of the sentence in the text, from 0"),
        Column("token", "str", "the token as written"),
        Column("lemma", "str", "its lemma, corrected (see the NLP pipeline)"),
        Column("pos", "str", "its part of speech (Universal POS: `NOUN`, `VERB`, `PROPN`…)"),
        Column("is_stop", "bool", "a stop word"),
        Column("is_punct", "bool", "punctuation"),
        Column("author", "str", "the text's author", nullable=True, from_texts=True),
        Column("dep", "str", "its syntactic relation to its head (Universal Dependencies: "
               "`nsubj`, `obj`, `ROOT`…); only with `--syntax`", syntax=True),
        Column("head", "int", "`i` of its head in the text (its own `i` for the root of a "
               "sentence); only with `--syntax`", syntax=True),
    ),
    _table(
        "entities", "named entity", "parse", ("text_id", "start"),
        *_KEYS, _START, _END,
        Column("text", "str", "the entity as written"),
        Column("label", "str", "`PER`, `LOC`, `ORG`, `MISC`, or `PLATFORM` for a named "
               "platform"),
    ),
    _table(
        "platforms", "mention of a platform", "parse", ("text_id", "start"),
        *_KEYS, _START, _END, _SURFACE,
        Column("platform", "str", "the platform's canonical name (`Twitter`, `Facebook`…)"),
        Column("category", "str", "its category (`microblogging`, `réseau social`, "
               "`messagerie`, …, `générique` for forum, wiki, blog, mail…)"),
    ),
    _table(
        "hashtags", "hashtag", "assemble", ("text_id", "start"),
        *_KEYS, _START, _END, _SURFACE,
        Column("tag", "str", "the hashtag, lowercase with `#`"),
    ),
    _table(
        "mentions", "mention of an account", "assemble", ("text_id", "start", "field"),
        *_KEYS,
        Column("start", "Int", "offset of the mention in the text (missing for a signature)",
               nullable=True),
        Column("end", "Int", "offset just after it (missing for a signature)", nullable=True),
        _SURFACE,
        Column("handle", "str", "the account, lowercase with `@`"),
        Column("field", "str", "`text`, or `signature` for the handle the text is signed "
               "with"),
    ),
    _table(
        "themes", "occurrence of a theme", "assemble", ("text_id", "start", "theme", "term"),
        *_KEYS, _START, _END, _SURFACE,
        Column("theme", "str", "the theme (its label in the codebook, or the hashtag or "
               "platform itself)"),
        Column("term", "str", "the codebook's term that matched"),
        Column("origin", "str", "`codebook`; `hashtag` and `platform`: each hashtag and "
               "platform is a theme of its own"),
    ),
    _table(
        "keyterms", "key term of a testimonial or of the corpus", "corpus",
        ("scope", "doc_id", "rank"),
        Column("scope", "str", "`document` or `corpus`"),
        Column("doc_id", "str", "the testimonial (missing for the corpus)", nullable=True),
        Column("term", "str", "lowercase lemma"),
        Column("count", "int", "occurrences in the testimonial (in the corpus)"),
        Column("n_docs", "int", "testimonials that hold it"),
        Column("score", "float", "TF-IDF over lemmas of nouns, proper nouns and adjectives of "
               "testimonial bodies, stop words and names left out"),
        Column("rank", "int", "1 to 10"),
    ),
)}
"""Every table, in the order the pipeline writes them."""

OUTPUT_TABLES = tuple(TABLES)
"""The tables ``corpus-tools run`` writes."""


def names(*stages: str) -> tuple[str, ...]:
    """Return the tables made at ``stages``, in order."""
    return tuple(name for name, table in TABLES.items() if table.stage in stages)


LOAD_TABLES = names("load")
"""The tables of a loaded corpus (``corpus-tools load``)."""

ANALYSIS_TABLES = names("texts", "parse", "assemble", "corpus")
"""The tables of the analysis, after the loaded corpus's."""

PARSED_TABLES = names("parse")
"""The tables that need the model, kept in the parse cache per text."""


def conform(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Return ``table`` with the columns of the table ``name`` in order and of its types.

    A table read back from CSV or Excel, or built from parts, comes out as the pipeline
    wrote it; lists read from Parquet become Python lists.

    Raises:
        ValueError: the table lacks columns of the contract, or has others.
    """
    import numpy as np
    import pandas as pd

    contract = TABLES[name]
    expected = contract.names_of(table.columns)
    if list(table.columns) != expected:
        missing = [column for column in expected if column not in table.columns]
        extra = [column for column in table.columns if column not in expected]
        if missing or extra:
            raise ValueError(f"table {name} : colonnes hors du contrat (schema.py) : "
                             f"manquantes {missing}, en trop {extra}")
        table = table[expected]
    cast = {}
    for column in contract.columns:
        if column.name not in expected:
            continue
        values = table[column.name]
        if column.type == "list":
            if any(isinstance(value, np.ndarray) for value in values):
                cast[column.name] = [list(value) if isinstance(value, np.ndarray) else value
                                     for value in values]
        elif column.type == "datetime":
            if str(values.dtype) != column.dtype:
                cast[column.name] = pd.to_datetime(values).astype(column.dtype)
        elif str(values.dtype) != column.dtype:
            cast[column.name] = values.astype(column.dtype)
    if not cast:
        return table
    table = table.copy()
    for column, values in cast.items():
        if isinstance(values, list):
            cells = np.empty(len(values), dtype=object)
            cells[:] = values
            table[column] = cells
        else:
            table[column] = values
    return table


def dictionary() -> str:
    """Return the data dictionary in Markdown: one section per table, a row per column."""
    type_names = {"str": "text", "int": "whole number", "Int": "whole number",
                  "float": "number", "bool": "true / false", "datetime": "date and time",
                  "list": "list of texts"}
    sections = []
    for table in TABLES.values():
        lines = [f"### `{table.name}`", "",
                 f"One row per {table.row}; made by {STAGES[table.stage]}; key "
                 f"{', '.join(f'`{column}`' for column in table.key)}.", "",
                 "| column | type | meaning |", "|---|---|---|"]
        for column in table.columns:
            kind = type_names[column.type] + (", or missing" if column.nullable else "")
            lines.append(f"| `{column.name}` | {kind} (`{column.dtype}`) | {column.meaning} |")
        sections.append("\n".join(lines))
    return "\n\n".join(sections) + "\n"
