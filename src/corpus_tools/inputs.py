"""Finding the input files of a run, and fingerprinting their content.

Kept free of heavy imports: an up-to-date run only lists and hashes files.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path


def input_files(path: Path) -> list[tuple[Path, str]]:
    """Return the files to load under ``path`` (or ``path`` itself) with their source names.

    A source name is how a file is named in the tables: its path relative to the loaded
    folder, ``/``-separated (for a single file, its name). Files come in path order, folder by
    folder; hidden files and folders (``.name``) are left out, and so are the lock files an
    office suite leaves beside a file it has open (``~$enquete.xlsx``).

    Raises:
        FileNotFoundError: ``path`` does not exist.
    """
    if not path.exists():
        raise FileNotFoundError(f"{path} : ce fichier ou dossier n’existe pas")
    if path.is_file():
        return [(path, path.name)]
    found = sorted(_walk(str(path), ()))
    return [(path.joinpath(*parts), "/".join(parts)) for parts in found]


def _walk(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith((".", "~$")):
                continue
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(entry.path, (*parts, entry.name))
            elif entry.is_file():
                yield (*parts, entry.name)


def file_hashes(root: Path) -> dict[str, str]:
    """Return the SHA-256 of each input file, by source name."""
    return {source: hashlib.sha256(file.read_bytes()).hexdigest()
            for file, source in input_files(root)}
