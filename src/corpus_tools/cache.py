"""The parse cache: what the model made of each text, keyed by the text's content hash.

Results live in ``<folder>/<fingerprint>/part-*/``, one Parquet file per parsed table; the
fingerprint names the model, its version and the pipeline version, so a new model or a changed
component starts a fresh cache. Each part is written in a temporary folder renamed into place:
an interrupted run leaves no half part, and the next run re-parses only what is missing.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd

INDEX = "index"


def text_hash(text: str) -> str:
    """Return the content hash that keys a text in the cache."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class ParseCache:
    """Parsed tables of texts, on disk (``folder``) or in memory (``folder=None``)."""

    def __init__(self, folder: str | Path | None, fingerprint: str) -> None:
        self.root = Path(folder) if folder is not None else None
        self.fingerprint = fingerprint
        self.folder = self.root / fingerprint if self.root is not None else None
        self._memory: list[dict[str, pd.DataFrame]] = []
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)

    def remove_leftovers(self) -> None:
        """Delete the temporary parts an interrupted run left (only when no run is writing)."""
        if self.folder is not None:
            for leftover in self.folder.glob(".tmp-*"):
                shutil.rmtree(leftover, ignore_errors=True)

    def _parts(self) -> list[Path]:
        return sorted(self.folder.glob("part-*")) if self.folder is not None else []

    def known(self) -> set[str]:
        """Return the hashes of the texts already parsed."""
        if self.folder is None:
            return {h for part in self._memory for h in part[INDEX]["text_hash"]}
        return set().union(*(hashes for _, hashes in self.parts()))

    def add(self, tables: dict[str, pd.DataFrame], hashes: list[str]) -> None:
        """Store the parsed tables of the texts ``hashes`` as one new part."""
        part = {**tables, INDEX: pd.DataFrame({"text_hash": list(hashes)})}
        if self.folder is None:
            self._memory.append(part)
            return
        name = f"part-{uuid.uuid4().hex[:12]}"
        temporary = self.folder / f".tmp-{name}"
        temporary.mkdir()
        try:
            for table_name, table in part.items():
                # typed even when empty, so that a filter on text_hash applies to every part
                table = table.astype({"text_hash": "string"})
                table.to_parquet(temporary / f"{table_name}.parquet", index=False)
            os.replace(temporary, self.folder / name)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)

    def parts(self) -> list[tuple[str, set[str]]]:
        """Return each on-disk part with the hashes it holds (a hash in the first part only)."""
        seen: set[str] = set()
        result = []
        for part in self._parts():
            hashes = set(pd.read_parquet(part / f"{INDEX}.parquet")["text_hash"]) - seen
            seen |= hashes
            result.append((part.name, hashes))
        return result

    def read_part(self, part: str, names: list[str], hashes: set[str]) -> dict[str, pd.DataFrame]:
        """Return each named table of one on-disk part, for the texts ``hashes`` only.

        ``text_hash`` comes back as a categorical column: each distinct hash is decoded once.
        """
        import pyarrow.parquet as pq

        wanted = sorted(hashes)
        return {
            name: pq.read_table(self.folder / part / f"{name}.parquet",
                                filters=[("text_hash", "in", wanted)],
                                read_dictionary=["text_hash"]).to_pandas()
            for name in names
        }

    def read(self, names: list[str], hashes: set[str]) -> dict[str, pd.DataFrame]:
        """Return each named table for the texts ``hashes`` only."""
        pieces: dict[str, list[pd.DataFrame]] = {name: [] for name in names}
        wanted = sorted(hashes)
        if self.folder is None:
            for part in self._memory:
                for name in names:
                    table = part[name]
                    pieces[name].append(table[table["text_hash"].isin(hashes)])
        else:
            for part in self._parts():
                for name in names:
                    pieces[name].append(pd.read_parquet(
                        part / f"{name}.parquet", filters=[("text_hash", "in", wanted)]
                    ) if wanted else pd.read_parquet(part / f"{name}.parquet").iloc[:0])
        return {
            name: pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
            for name, frames in pieces.items()
        }
