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
    archive, only the files that hold the tweets are listed (:func:`archive_files`). A link
    to a file outside the folder is left out (:func:`scan` names them).

    Raises:
        FileNotFoundError: ``path`` does not exist.
    """
    return scan(path)[0]


def scan(path: Path) -> tuple[list[tuple[Path, str]], list[str]]:
    """Return the files to load under ``path`` as :func:`input_files` does, and the source
    names of the symbolic links left out because they lead outside ``path`` (nothing outside
    the folder given is read).

    Raises:
        FileNotFoundError: ``path`` does not exist.
    """
    if not path.exists():
        raise FileNotFoundError(f"{path} : ce fichier ou dossier n’existe pas")
    if not path.is_dir():
        return [(path, path.name)], []
    files, outside = [], []
    root = os.path.realpath(path)
    for parts, is_link in sorted(_walk(str(path), ())):
        file = path.joinpath(*parts)
        if is_link:
            target = os.path.realpath(file)
            if os.path.commonpath([root, target]) != root:
                outside.append("/".join(parts))
                continue
        files.append((file, "/".join(parts)))
    return files, outside


OUTSIDE_LINK = "lien symbolique vers un fichier hors du dossier : laissé de côté"
"""The warning for a link that :func:`scan` left out."""


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


def _walk(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Yield the files under ``folder``, each with whether it is a symbolic link; an entry
    that cannot be looked at (a folder without read permission, a link loop, a pipe) is
    yielded too, so that loading it reports why."""
    try:
        archive = archive_files(folder)
        if archive is not None:
            yield from (((*parts, *names), False) for names in archive)
            return
        entries = list(os.scandir(folder))
    except OSError:
        if parts:  # the folder itself: its load says it cannot be read
            yield parts, False
            return
        raise
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
            is_link = entry.is_symlink()
            linked_folder = is_link and entry.is_dir()
        except OSError:
            is_folder, is_link, linked_folder = False, True, False
        if is_folder:
            yield from _walk(entry.path, (*parts, entry.name))
        elif not linked_folder:  # links to folders are not followed (no loops)
            yield (*parts, entry.name), is_link


def file_hashes(root: Path) -> dict[str, str]:
    """Return the SHA-256 of each input file, by source name (for a file that cannot be read,
    a mark that never equals a hash: it is loaded again, and its error reported, each run)."""
    hashes = {}
    for file, source in input_files(root):
        try:
            if not file.is_file():
                raise OSError("not a regular file")
            digest = hashlib.sha256(file.read_bytes())
            account = file.with_name("account.js")
            if TWEET_FILE.fullmatch(file.name) and account.is_file():
                digest.update(account.read_bytes())  # the tweets' author comes from it
            hashes[source] = digest.hexdigest()
        except OSError as error:
            hashes[source] = f"illisible : {error}"
    return hashes
