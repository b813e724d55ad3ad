"""The parse cache: what the model made of each text, keyed by the text's content hash.

Results live in ``<folder>/<fingerprint>/part-*/``, one Parquet file per parsed table; the
fingerprint names the model, its version and the pipeline version, so a new model or a changed
component starts a fresh cache (:func:`corpus_tools.pipeline.run` then deletes the earlier
version's). Each part is written in a temporary folder renamed into place:
an interrupted run leaves no half part, and the next run re-parses only what is missing.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import uuid
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path

import pandas as pd

logger = logging.getLogger(__name__)

INDEX = "index"
MAX_PARTS = 32
"""Past this many parts (each run that parses adds at least one), :meth:`ParseCache.compact`
rewrites the cache as a few large parts, so that reading it stays quick over many runs."""
PART_TEXTS = 2000
"""Texts per part when the cache is rewritten."""


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
        # what parts() read of each on-disk part (parts are never changed once in place):
        # the next call reads only the parts that appeared since
        self._indexes: dict[str, set[str]] = {}
        if self.folder is not None:
            self.folder.mkdir(parents=True, exist_ok=True)

    def remove_leftovers(self) -> None:
        """Delete the temporary parts an interrupted run left (only when no run is writing)."""
        if self.folder is not None:
            for leftover in self.folder.glob(".tmp-*"):
                shutil.rmtree(leftover, ignore_errors=True)

    def remove_others(self, superseded: Callable[[str], bool]) -> list[str]:
        """Delete the caches beside this one whose fingerprint ``superseded`` accepts, and
        return their names (only when no run is writing)."""
        if self.root is None:
            return []
        removed = []
        for path in sorted(self.root.iterdir()):
            if path.is_dir() and path.name != self.fingerprint and superseded(path.name):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path.name)
        return removed

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
            self._indexes[name] = set(hashes)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)

    def parts(self) -> list[tuple[str, set[str]]]:
        """Return each on-disk part with the hashes it holds (a hash in the first part only).

        A part is read once by this object (its index, and each table's footer: a truncated
        table is found here, not mid-run); later calls read only the parts added since, by
        this process or by workers.
        """
        seen: set[str] = set()
        result = []
        for part in self._parts():
            if part.name not in self._indexes:
                held = self._read_index(part)
                if held is None:
                    continue
                self._indexes[part.name] = held
            hashes = self._indexes[part.name] - seen
            seen |= hashes
            result.append((part.name, hashes))
        return result

    def _read_index(self, part: Path) -> set[str] | None:
        """The hashes of one part, or ``None`` after deleting a damaged part."""
        import pyarrow.parquet as pq

        try:
            for table in part.glob("*.parquet"):
                pq.read_metadata(table)
            return set(pd.read_parquet(part / f"{INDEX}.parquet")["text_hash"])
        except (OSError, ValueError, KeyError) as error:
            logger.warning("partie du cache abîmée, supprimée (ses textes seront analysés à "
                           "nouveau) : %s (%s)", part, error)
            shutil.rmtree(part, ignore_errors=True)
            return None

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

    def read(
        self, names: list[str], hashes: set[str], *,
        parts: list[tuple[str, set[str]]] | None = None,
    ) -> dict[str, pd.DataFrame]:
        """Return each named table for the texts ``hashes`` only (from disk, ``text_hash``
        categorical).

        Args:
            names: the tables.
            hashes: the texts.
            parts: what :meth:`parts` returned, for a caller that reads several groups of
                texts (:meth:`parts` reads the index of every part).
        """
        pieces: dict[str, list[pd.DataFrame]] = {name: [] for name in names}
        if self.folder is None:
            for part in self._memory:
                for name in names:
                    table = part[name]
                    pieces[name].append(table[table["text_hash"].isin(hashes)])
        else:
            for part, held in self.parts() if parts is None else parts:
                if wanted := held & hashes:  # a text from its first part only
                    for name, table in self.read_part(part, names, wanted).items():
                        pieces[name].append(table)
        return {name: _concat(frames) for name, frames in pieces.items()}

    def compact(self, live: set[str], *, max_parts: int | None = None,
                part_texts: int = PART_TEXTS) -> int:
        """Delete what no live text needs, and merge the parts when they are too many.

        Parts holding no live text are deleted; when more than ``max_parts`` remain, or when the
        cache holds more texts that are gone than live ones, the live texts are rewritten as
        parts of ``part_texts`` texts, then the old parts deleted (new parts first: an
        interruption leaves duplicates, which reads tolerate and the next compaction removes).
        Call it only when no other process writes to the cache.

        Args:
            live: the hashes of the texts the corpus still has.
            max_parts: how many parts are tolerated before merging (:data:`MAX_PARTS`).
            part_texts: texts per merged part.

        Returns:
            How many parts were deleted.
        """
        if self.folder is None:
            return 0
        held = self.parts()
        parts = [(name, hashes & live) for name, hashes in held]
        old = [name for name, _ in parts]
        kept = [(name, hashes) for name, hashes in parts if hashes]
        if not kept:  # no live text left (an emptied folder): nothing to merge
            for name in old:
                self._remove(name)
            return len(old)
        dead = sum(len(hashes) for _, hashes in held) - sum(len(hashes) for _, hashes in kept)
        too_many = len(kept) > (MAX_PARTS if max_parts is None else max_parts)
        if too_many or dead > sum(len(hashes) for _, hashes in kept):
            tables = [path.stem for path in (self.folder / kept[0][0]).glob("*.parquet")
                      if path.stem != INDEX]
            ordered = [h for _, hashes in kept for h in sorted(hashes)]
            for first in range(0, len(ordered), part_texts):
                group = ordered[first:first + part_texts]
                self.add(self.read(tables, set(group), parts=kept), group)
            doomed = old
        else:
            doomed = [name for name, hashes in parts if not hashes]
        for name in doomed:
            self._remove(name)
        return len(doomed)

    def _remove(self, part: str) -> None:
        shutil.rmtree(self.folder / part, ignore_errors=True)
        self._indexes.pop(part, None)


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate tables read from several parts, keeping ``text_hash`` categorical."""
    from pandas.api.types import union_categoricals

    if not frames:
        return pd.DataFrame()
    frames = [frame for frame in frames if len(frame)] or frames[:1]
    if len(frames) == 1:
        return frames[0].reset_index(drop=True)
    table = pd.concat(frames, ignore_index=True)
    hashes = [frame["text_hash"] for frame in frames]
    if all(isinstance(column.dtype, pd.CategoricalDtype) for column in hashes):
        with suppress(TypeError):  # categories of different types: plain strings then
            table["text_hash"] = union_categoricals(hashes, ignore_order=True)
    return table
