"""Finding the input files of a run, and fingerprinting their content.

Kept free of heavy imports: an up-to-date run only lists and hashes files.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

TWEET_FILE = re.compile(r"tweets?(?:-part\d+)?\.js")
"""The files of a Twitter archive that hold the tweets (``tweets.js``, ``tweet.js`` of older
archives, ``tweets-part1.js``… of long ones)."""


def input_files(path: Path) -> list[tuple[Path, str]]:
    """Return the files to load under ``path`` (or ``path`` itself) with their source names.

    A source name is how a file is named in the tables: its path relative to the loaded
    folder, ``/``-separated (for a single file, its name). Files come in path order, folder by
    folder; hidden files and folders (``.name``) are left out, and so are the lock files an
    office suite leaves beside a file it has open (``~$enquete.xlsx``). Of an unpacked Twitter
    archive, only the files that hold the tweets are listed (:func:`archive_files`).

    Raises:
        FileNotFoundError: ``path`` does not exist.
    """
    if not path.exists():
        raise FileNotFoundError(f"{path} : ce fichier ou dossier n’existe pas")
    if path.is_file():
        return [(path, path.name)]
    found = sorted(_walk(str(path), ()))
    return [(path.joinpath(*parts), "/".join(parts)) for parts in found]


def archive_files(folder: str) -> list[tuple[str, ...]] | None:
    """Return the tweet files of a Twitter archive unpacked in ``folder`` (paths relative to
    it), or ``None`` when the folder is no archive.

    An archive is recognised by its account file: ``data/account.js`` (or ``account.js``
    when the folder is the archive's ``data``), or, in the archives of 2013, ``tweets.csv``
    beside ``data/js/user_details.js``. Its other files (likes, followers, images, the
    archive's own web pages) are not testimonials.
    """
    for prefix in (("data",), ()):
        data = os.path.join(folder, *prefix)
        if os.path.isfile(os.path.join(data, "account.js")):
            tweets = sorted(name for name in os.listdir(data) if TWEET_FILE.fullmatch(name))
            if tweets:
                return [(*prefix, name) for name in tweets]
    if os.path.isfile(os.path.join(folder, "tweets.csv")) and os.path.isfile(
            os.path.join(folder, "data", "js", "user_details.js")):
        return [("tweets.csv",)]
    return None


def _walk(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    archive = archive_files(folder)
    if archive is not None:
        yield from ((*parts, *names) for names in archive)
        return
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
