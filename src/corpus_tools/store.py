"""Reading and writing the tables of ``data/processed/``, atomically.

Every file is written to a temporary file in the same folder, then renamed over the old one,
so an interrupted run leaves the previous outputs whole (:mod:`corpus_tools.files`).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from corpus_tools.config import TABLE_FORMATS
from corpus_tools.files import temporary_beside
from corpus_tools.schema import TABLES, conform

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

logger = logging.getLogger(__name__)

LIST_SEPARATOR = " | "
"""How list cells (``categories``) are written in CSV files."""

_LISTS = (list, tuple, np.ndarray)  # np.ndarray: a list cell read back from Parquet


def _for_csv(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    for column in table.columns:
        if table[column].dtype == object and any(
            isinstance(value, _LISTS) for value in table[column]
        ):
            table[column] = table[column].map(
                lambda v: LIST_SEPARATOR.join(map(str, v)) if isinstance(v, _LISTS) else v
            )
    return table


XLSX_MAX_ROWS = 1_048_576
"""Rows of an Excel sheet, its header included: a longer table goes on in sheets
« tokens (2) », « tokens (3) »…"""

XLSX_MAX_CHARS = 32_767
"""Characters an Excel cell holds: a longer text is cut there, with a warning."""


class _Workbook:
    """One table written row by row into an Excel workbook (openpyxl's write-only mode, so
    memory stays bounded). A text is always a text cell: « =HYPERLINK(…) » or « @marie »
    from a hostile or ordinary page is shown as typed, never run as a formula (a CSV opened
    by double-click runs them). Dates are dates, numbers numbers; the header row is frozen
    and filtered."""

    def __init__(self, name: str, columns: list[str]) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        self._text_cell, self._illegal = WriteOnlyCell, ILLEGAL_CHARACTERS_RE  # for each cell
        self.book = Workbook(write_only=True)
        self.name, self.columns = name, columns
        self.sheets: list = []
        self.sheet_rows = 0
        self.cut = 0

    def _new_sheet(self, table: pd.DataFrame) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        title = self.name if not self.sheets else f"{self.name} ({len(self.sheets) + 1})"
        sheet = self.book.create_sheet(title[:31])
        sheet.freeze_panes = "A2"
        for number, column in enumerate(self.columns, start=1):
            longest = table[column].head(1000).map(lambda v: len(str(v))).max()
            width = max(len(column), 0 if pd.isna(longest) else int(longest))
            sheet.column_dimensions[get_column_letter(number)].width = min(width + 2, 60)
        header = []
        for column in self.columns:
            cell = WriteOnlyCell(sheet, value=column)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        self.sheets.append(sheet)
        self.sheet_rows = 1

    def _cell(self, value: object) -> object:
        if isinstance(value, str):
            if self._illegal.search(value):  # control characters: not in XML
                value = self._illegal.sub(" ", value)
            if len(value) > XLSX_MAX_CHARS:
                value = value[:XLSX_MAX_CHARS]
                self.cut += 1
            if not value.startswith("="):
                return value
            cell = self._text_cell(self.sheets[-1], value=value)
            cell.data_type = "s"  # openpyxl makes a formula of a text starting with "="
            return cell
        if value is None or value is pd.NaT or (not isinstance(value, pd.Timestamp)
                                                and pd.isna(value)):
            return None
        if isinstance(value, pd.Timestamp) and value.tzinfo is not None:
            return value.tz_convert(None)  # Excel has no time zones: UTC
        return value

    def write(self, table: pd.DataFrame) -> None:
        for row in _for_csv(table).astype(object).itertuples(index=False, name=None):
            if not self.sheets or self.sheet_rows == XLSX_MAX_ROWS:
                self._new_sheet(table)
            self.sheets[-1].append([self._cell(value) for value in row])
            self.sheet_rows += 1

    def save(self, target: Path) -> None:
        from openpyxl.utils import get_column_letter

        if not self.sheets:  # a table without rows: its header only
            self._new_sheet(pd.DataFrame(columns=self.columns))
        for index, sheet in enumerate(self.sheets):
            rows = self.sheet_rows if index == len(self.sheets) - 1 else XLSX_MAX_ROWS
            sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(self.columns), 1))}{rows}"
        if self.cut:
            logger.warning("%s : %d texte(s) coupé(s) à %d caractères, la limite d’une "
                           "cellule Excel (les tables Parquet ou CSV les gardent entiers)",
                           self.name, self.cut, XLSX_MAX_CHARS)
        self.book.save(target)


def write_table(table: pd.DataFrame, out_dir: Path, name: str, *, fmt: str = "parquet") -> Path:
    """Write one table as ``out_dir/name.parquet`` (``.csv``, ``.xlsx``), atomically."""
    writer = TableWriter(out_dir, name, fmt=fmt)
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


class TableWriter:
    """Write one table part by part (Parquet row groups, or CSV rows), atomically.

    Parts go to a temporary file beside the target; :meth:`commit` renames it into place.
    A writer that is not committed leaves the previous file untouched. A table of the
    contract (:data:`corpus_tools.schema.TABLES`) is written with its columns and types, and
    a part with other columns is refused; another table takes its types from its first part.
    """

    def __init__(self, out_dir: str | Path, name: str, *, fmt: str = "parquet") -> None:
        if fmt not in TABLE_FORMATS:
            raise ValueError(f"format {fmt!r} inconnu ; formats possibles : "
                             f"{', '.join(TABLE_FORMATS)}")
        self.target = Path(out_dir) / f"{name}.{fmt}"
        self.fmt = fmt
        self.temporary = temporary_beside(self.target)
        self._writer = None
        self.contract = TABLES.get(name)
        self._schema = None
        self._columns: list[str] | None = None
        self.rows = 0

    def write(self, table: pd.DataFrame) -> None:
        """Append the rows of ``table`` (same columns for every part)."""
        if self._columns is None:
            self._columns = list(table.columns)
        if self.contract is not None and list(table.columns) != self.contract.names_of(
                self._columns):
            raise ValueError(f"{self.target.name} : colonnes {list(table.columns)} au lieu de "
                             f"celles du contrat {self.contract.names_of(self._columns)} "
                             "(schema.py)")
        table = table[self._columns]
        if self.fmt == "xlsx":
            if self._writer is None:
                self._writer = _Workbook(self.target.stem, self._columns)
            self._writer.write(table)
        elif self.fmt == "csv":
            # with a byte order mark, which spreadsheets need to read UTF-8 (Excel read
            # « Témoignages » as « TÃ©moignages »); appending parts does not repeat it
            _for_csv(table).to_csv(self.temporary, index=False, encoding="utf-8-sig",
                                   mode="a" if self.rows else "w", header=not self.rows)
        else:
            import pyarrow as pa

            part = pa.Table.from_pandas(table, preserve_index=False)
            if self._writer is None:
                self._writer = self._parquet_writer(part.schema)
            self._writer.write_table(part.cast(self._schema))
        self.rows += len(table)

    def write_arrow(self, part: pa.Table) -> None:
        """Append the rows of an Arrow table read back from a Parquet table of the same
        contract (a row group of the last run: see ``pipeline.write_outputs``); Parquet only."""
        if self._columns is None:
            self._columns = list(part.column_names)
        if self.contract is not None and part.column_names != self.contract.names_of(
                self._columns):
            raise ValueError(f"{self.target.name} : colonnes {part.column_names} au lieu de "
                             f"celles du contrat {self.contract.names_of(self._columns)}")
        if self._writer is None:
            self._writer = self._parquet_writer(part.schema)
        self._writer.write_table(part.select(self._columns).cast(self._schema))
        self.rows += part.num_rows

    def _parquet_writer(self, first: pa.Schema) -> pq.ParquetWriter:
        """Open the Parquet file: the contract's schema (``first``, the first part's, for a
        table outside it), statistics as :meth:`~corpus_tools.schema.Table.statistics` says."""
        import pyarrow.parquet as pq

        if self.contract is None:
            self._schema, statistics = first, True
        else:
            self._schema = self.contract.arrow(self._columns)
            statistics = self.contract.statistics(self._schema.names)
        return pq.ParquetWriter(self.temporary, self._schema, write_statistics=statistics)

    def commit(self) -> Path:
        """Close the file and rename it over the target; the same table in another format,
        from an earlier run, is removed (it would be out of date, and read instead)."""
        if self._columns is None:
            self.discard()
            raise ValueError(f"{self.target.name} : aucune partie écrite")
        if isinstance(self._writer, _Workbook):
            self._writer.save(self.temporary)
        elif self._writer is not None:
            self._writer.close()
        os.replace(self.temporary, self.target)
        for fmt in TABLE_FORMATS:
            if fmt != self.fmt:
                self.target.with_suffix(f".{fmt}").unlink(missing_ok=True)
        return self.target

    def discard(self) -> None:
        """Drop what was written (the previous file stays), even when closing fails (a full
        disk fails the close too: the temporary file must go all the same)."""
        writer, self._writer = self._writer, None
        if writer is not None and not isinstance(writer, _Workbook):
            try:
                writer.close()
            except OSError:
                pass
            finally:
                writer.is_open = False  # its finaliser would close it again, and fail again
        self.temporary.unlink(missing_ok=True)


def read_table(out_dir: str | Path, name: str) -> pd.DataFrame:
    """Read a table written by :func:`write_table` (Parquet, else CSV, else Excel).

    A table of the contract comes back with its columns' types, whatever the format it was
    written in (lists joined with `` | `` in CSV and Excel become lists again).

    Raises:
        FileNotFoundError: no ``name.parquet``, ``name.csv`` or ``name.xlsx`` in ``out_dir``.
    """
    folder = Path(out_dir)
    parquet, csv, xlsx = (folder / f"{name}.{fmt}" for fmt in ("parquet", "csv", "xlsx"))
    if parquet.exists():
        table = pd.read_parquet(parquet)
    elif csv.exists():
        table = _lists_back(pd.read_csv(csv, dtype=_text_columns(name)), name)
    elif xlsx.exists():  # a long table is in several sheets
        sheets = pd.read_excel(xlsx, sheet_name=None, engine="openpyxl",
                               dtype=_text_columns(name))
        table = _lists_back(pd.concat(sheets.values(), ignore_index=True), name)
    else:
        raise FileNotFoundError(f"pas de table « {name} » dans {folder} (ni {parquet.name}, "
                                f"ni {csv.name}, ni {xlsx.name}) : lancez d’abord "
                                f"« corpus-tools run »")
    return conform(table, name) if name in TABLES else table


def _text_columns(name: str) -> dict[str, str] | None:
    """The text columns of a table of the contract, read as text from CSV and Excel (an id
    of digits, a handle « @0 » stay what they were)."""
    if name not in TABLES:
        return None
    return {column.name: "str" for column in TABLES[name].columns
            if column.type in {"str", "list"}}


def _lists_back(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Split the list columns that CSV and Excel hold joined with :data:`LIST_SEPARATOR`."""
    if name not in TABLES:
        return table
    for column in TABLES[name].columns:
        if column.type == "list" and column.name in table:
            cells = np.empty(len(table), dtype=object)
            cells[:] = [value.split(LIST_SEPARATOR) if isinstance(value, str) and value else []
                        for value in table[column.name]]
            table[column.name] = cells
    return table
