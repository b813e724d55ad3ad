"""Finding the input files of a run, and fingerprinting their content.

Kept free of heavy imports: an up-to-date run only lists and hashes files.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def iter_files(path: Path) -> list[Path]:
    """Return the files to load under ``path`` (or ``path`` itself), sorted, hidden ones left out.

    Raises:
        FileNotFoundError: ``path`` does not exist.
    """
    if not path.exists():
        raise FileNotFoundError(f"{path} : ce fichier ou dossier n’existe pas")
    if path.is_file():
        return [path]
    return sorted(
        file for file in path.rglob("*")
        if file.is_file() and not any(part.startswith(".") for part in file.relative_to(path).parts)
    )


def source_name(file: Path, root: Path) -> str:
    """Return how a file is named in the tables: relative to the loaded folder, ``/``-separated."""
    base = root if root.is_dir() else root.parent
    return file.relative_to(base).as_posix()


def file_hashes(root: Path) -> dict[str, str]:
    """Return the SHA-256 of each input file, by source name."""
    return {
        source_name(file, root): hashlib.sha256(file.read_bytes()).hexdigest()
        for file in iter_files(root)
    }
