"""Reading and writing the tables of ``data/processed/``, atomically.

Every file is written to a temporary file in the same folder, then renamed over the old one,
so an interrupted run leaves the previous outputs whole.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from corpus_tools.config import TABLE_FORMATS

LIST_SEPARATOR = " | "
"""How list cells (``categories``) are written in CSV files."""


@contextmanager
def atomic_path(target: Path):
    """Yield a temporary path beside ``target``; on success, rename it to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    temporary.chmod(0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
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


_WRITERS: dict[str, Callable[[pd.DataFrame, Path], None]] = {
    "parquet": lambda table, path: table.to_parquet(path, index=False),
    "csv": lambda table, path: _for_csv(table).to_csv(path, index=False, encoding="utf-8"),
}


def write_table(table: pd.DataFrame, out_dir: Path, name: str, *, fmt: str = "parquet") -> Path:
    """Write one table as ``out_dir/name.parquet`` (or ``.csv``), atomically."""
    if fmt not in TABLE_FORMATS:
        raise ValueError(f"format {fmt!r} inconnu ; formats possibles : {', '.join(TABLE_FORMATS)}")
    target = Path(out_dir) / f"{name}.{fmt}"
    with atomic_path(target) as temporary:
        _WRITERS[fmt](table, temporary)
    return target


def write_tables(
    tables: Mapping[str, pd.DataFrame], out_dir: str | Path, *, fmt: str = "parquet"
) -> list[Path]:
    """Write several tables; returns the paths written."""
    return [write_table(table, Path(out_dir), name, fmt=fmt) for name, table in tables.items()]


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
