"""Reading and writing the tables of ``data/processed/``, atomically.

Every file is written to a temporary file in the same folder, then renamed over the old one,
so an interrupted run leaves the previous outputs whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from corpus_tools.config import TABLE_FORMATS

LIST_SEPARATOR = " | "
"""How list cells (``categories``) are written in CSV files."""


def temporary_beside(target: Path) -> Path:
    """Create an empty temporary file next to ``target``, with an ordinary file's mode."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    temporary.chmod(0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
    return temporary


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside ``target``; on success, rename it to ``target``."""
    temporary = temporary_beside(target)
    try:
        yield temporary
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def write_text(target: Path, text: str) -> None:
    """Write a UTF-8 text file atomically."""
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8")


def write_json(target: Path, value: Any) -> None:
    """Write a JSON file atomically, human-readable, accents kept."""
    write_text(target, json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def _for_csv(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    for column in table.columns:
        if table[column].dtype == object and any(
            isinstance(value, (list, tuple)) for value in table[column]
        ):
            table[column] = table[column].map(
                lambda v: LIST_SEPARATOR.join(map(str, v)) if isinstance(v, (list, tuple)) else v
            )
    return table


def write_table(table: pd.DataFrame, out_dir: Path, name: str, *, fmt: str = "parquet") -> Path:
    """Write one table as ``out_dir/name.parquet`` (or ``.csv``), atomically."""
    writer = TableWriter(out_dir, name, fmt=fmt, infer=True)
    try:
        writer.write(table)
    except BaseException:
        writer.discard()
        raise
    return writer.commit()


def write_tables(
    tables: Mapping[str, pd.DataFrame], out_dir: str | Path, *, fmt: str = "parquet"
) -> list[Path]:
    """Write several tables; returns the paths written."""
    return [write_table(table, Path(out_dir), name, fmt=fmt) for name, table in tables.items()]


INTEGER_COLUMNS = frozenset({"i", "start", "end", "sentence", "position", "count", "n_docs",
                             "rank", "n_comments", "n_words", "f", "F", "t", "T"})
BOOLEAN_COLUMNS = frozenset({"is_stop", "is_punct"})
FLOAT_COLUMNS = frozenset({"score", "weight"})


def arrow_schema(columns: list[str]):
    """Return the Parquet schema of a streamed table: known numeric and boolean columns, the
    rest strings (so that an all-missing first part does not decide a column's type)."""
    import pyarrow as pa

    def kind(name: str):
        if name in INTEGER_COLUMNS:
            return pa.int64()
        if name in BOOLEAN_COLUMNS:
            return pa.bool_()
        if name in FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    return pa.schema([(name, kind(name)) for name in columns])


class TableWriter:
    """Write one table part by part (Parquet row groups, or CSV rows), atomically.

    Parts go to a temporary file beside the target; :meth:`commit` renames it into place.
    A writer that is not committed leaves the previous file untouched.
    """

    def __init__(self, out_dir: str | Path, name: str, *, fmt: str = "parquet",
                 infer: bool = False) -> None:
        if fmt not in TABLE_FORMATS:
            raise ValueError(f"format {fmt!r} inconnu ; formats possibles : "
                             f"{', '.join(TABLE_FORMATS)}")
        self.target = Path(out_dir) / f"{name}.{fmt}"
        self.fmt = fmt
        self.temporary = temporary_beside(self.target)
        self._writer = None
        self._schema = None
        self.infer = infer  # take the schema from the first part (lists, dates…)
        self._columns: list[str] | None = None
        self.rows = 0

    def write(self, table: pd.DataFrame) -> None:
        """Append the rows of ``table`` (same columns for every part)."""
        if self._columns is None:
            self._columns = list(table.columns)
        table = table[self._columns]
        if self.fmt == "csv":
            # with a byte order mark, which spreadsheets need to read UTF-8 (Excel read
            # « Témoignages » as « TÃ©moignages »); appending parts does not repeat it
            _for_csv(table).to_csv(self.temporary, index=False, encoding="utf-8-sig",
                                   mode="a" if self.rows else "w", header=not self.rows)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            part = pa.Table.from_pandas(table, preserve_index=False)
            if self._writer is None:
                self._schema = part.schema if self.infer else arrow_schema(self._columns)
                self._writer = pq.ParquetWriter(self.temporary, self._schema)
            self._writer.write_table(part.cast(self._schema))
        self.rows += len(table)

    def commit(self) -> Path:
        """Close the file and rename it over the target."""
        if self._writer is not None:
            self._writer.close()
        if self._columns is None:
            self.discard()
            raise ValueError(f"{self.target.name} : aucune partie écrite")
        os.replace(self.temporary, self.target)
        return self.target

    def discard(self) -> None:
        """Drop what was written (the previous file stays)."""
        if self._writer is not None:
            self._writer.close()
        self.temporary.unlink(missing_ok=True)


def read_table(out_dir: str | Path, name: str) -> pd.DataFrame:
    """Read a table written by :func:`write_table` (Parquet first, else CSV).

    Raises:
        FileNotFoundError: neither ``name.parquet`` nor ``name.csv`` is in ``out_dir``.
    """
    folder = Path(out_dir)
    parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
    if parquet.exists():
        return pd.read_parquet(parquet)
    if csv.exists():
        return pd.read_csv(csv)
    raise FileNotFoundError(f"pas de table « {name} » dans {folder} (ni {parquet.name} ni "
                            f"{csv.name}) : lancez d’abord « corpus-tools run »")
