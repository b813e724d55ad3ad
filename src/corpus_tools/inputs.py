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


def input_files(path: Path, *, follow_links: bool = False) -> list[tuple[Path, str]]:
    """Return the files to load under ``path`` (or ``path`` itself) with their source names.

    A source name is how a file is named in the tables: its path relative to the loaded
    folder, ``/``-separated (for a single file, its name). Files come in path order, folder by
    folder; hidden files and folders (``.name``) are left out, and so are the lock files an
    office suite leaves beside a file it has open (``~$enquete.xlsx``). Of an unpacked Twitter
    archive, only the files that hold the tweets are listed (:func:`archive_files`). A link
    leading outside the folder is left out unless ``follow_links`` (:func:`scan` names them).

    Raises:
        FileNotFoundError: ``path`` does not exist.
    """
    return scan(path, follow_links=follow_links)[0]


def scan(path: Path, *, follow_links: bool = False) -> tuple[list[tuple[Path, str]], list[str]]:
    """Return the files to load under ``path`` as :func:`input_files` does, and the source
    names of the symbolic links left out because they lead outside ``path``.

    Nothing outside the folder given is read unless ``follow_links``: then links to files
    and folders anywhere are followed (a folder reached twice, or a loop, is read once). A
    link to a folder inside ``path`` is never followed: its files are read where they are.

    Raises:
        FileNotFoundError: ``path`` does not exist.
    """
    if not path.exists():
        raise FileNotFoundError(f"{path} : ce fichier ou dossier n’existe pas")
    if not path.is_dir():
        return [(path, path.name)], []
    root = os.path.realpath(path)
    files, outside = [], []
    seen = {root}  # the folders read, by real path: none is read twice (no loop)

    def add(folder: str, prefix: tuple[str, ...]) -> None:
        for parts, kind in _walk(folder, ()):
            source = (*prefix, *parts)
            if kind == "file":
                files.append((path.joinpath(*source), "/".join(source)))
                continue
            target = os.path.realpath(os.path.join(folder, *parts))
            inside = os.path.commonpath([root, target]) == root
            if kind == "link" and (inside or follow_links):
                files.append((path.joinpath(*source), "/".join(source)))
            elif kind == "folder link" and follow_links and not inside:
                if not any(os.path.commonpath([target, done]) == done for done in seen):
                    seen.add(target)
                    add(target, source)
            elif not inside:
                outside.append("/".join(source))

    add(str(path), ())
    files.sort(key=lambda pair: pair[1].split("/"))
    return files, sorted(outside)


OUTSIDE_LINK = ("lien symbolique vers un fichier ou dossier hors du dossier : laissé de côté "
                "(--follow-links pour le suivre)")
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


def _walk(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    """Yield the entries under ``folder``, each with its kind: ``"file"``, ``"link"`` (a
    symbolic link to a file) or ``"folder link"`` (not walked into); an entry that cannot be
    looked at (a folder without read permission, a link loop, a pipe) is yielded as a file,
    so that loading it reports why."""
    try:
        archive = archive_files(folder)
        if archive is not None:
            yield from (((*parts, *names), "file") for names in archive)
            return
        entries = list(os.scandir(folder))
    except OSError:
        if parts:  # the folder itself: its load says it cannot be read
            yield parts, "file"
            return
        raise
    for entry in entries:
        if entry.name.startswith((".", "~$")):
            continue
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
            is_link = entry.is_symlink()
            linked_folder = is_link and entry.is_dir()
        except OSError:  # a link loop: loading it says so
            is_folder, is_link, linked_folder = False, False, False
        if is_folder:
            yield from _walk(entry.path, (*parts, entry.name))
        else:
            kind = "folder link" if linked_folder else "link" if is_link else "file"
            yield (*parts, entry.name), kind


def file_hashes(root: Path, *, follow_links: bool = False) -> dict[str, str]:
    """Return the SHA-256 of each input file, by source name (for a file that cannot be read,
    a mark that never equals a hash: it is loaded again, and its error reported, each run)."""
    hashes = {}
    for file, source in input_files(root, follow_links=follow_links):
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
