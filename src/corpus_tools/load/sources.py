"""Reading input files: their bytes, their decoded text, and the archives some formats are."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from corpus_tools.load.records import LoadError
from corpus_tools.normalise import clean_stored

_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
"""Control characters that no text file holds (tab, line feed, form feed and carriage return
are not among them). Each is one byte in UTF-8, Windows-1252 and Latin-1, and no other
character's bytes contain it."""
_SAMPLE = 8192
"""Bytes at the start of a file that are checked for NUL bytes and control characters."""

MAX_UNPACKED = 256 * 1024 * 1024
"""Bytes a zipped file (Word, LibreOffice, Excel, a Twitter archive) may unpack to: one
claiming more is refused (a « zip bomb » of a few kilobytes unpacks to gigabytes)."""


def _not_utf8(data: bytes) -> tuple[str, str]:
    """Decode a file that is not valid UTF-8: as UTF-8 with « � » for its few bad bytes when
    the rest is UTF-8 (one damaged byte must not turn every accent into mojibake), else as
    Windows-1252, which French files of older software are written in."""
    replaced = data.decode("utf-8-sig", errors="replace")
    bad = replaced.count("\ufffd") - data.count("\ufffd".encode("utf-8"))
    accents = sum(1 for character in replaced if ord(character) > 0x7F) - bad
    if accents > 0 and bad <= max(2, accents // 10):
        many = bad > 1
        return replaced, (f"{bad} octet{'s' if many else ''} invalide{'s' if many else ''} en "
                          f"UTF-8, remplacé{'s' if many else ''} par « \ufffd » : le reste du "
                          "fichier est lu en UTF-8")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, "le fichier n’est pas en UTF-8 : lu comme Windows-1252 (cp1252)"


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode a file's bytes to canonical text (NFC, ``\\n`` line endings).

    Returns:
        The text, and a warning when it was not UTF-8.

    Raises:
        LoadError: the file is empty or binary (NUL bytes, or control characters making more
            than one in twenty of its first 8 KB).
    """
    if not data or data.isspace():
        raise LoadError("le fichier est vide")
    warning = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
        sample = text[:_SAMPLE].encode("utf-8", "surrogatepass")[:_SAMPLE]
    else:
        sample = data[:_SAMPLE]
        if b"\x00" in sample:
            raise LoadError("fichier binaire (octets nuls) : ce n’est pas un texte")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text, warning = _not_utf8(data)
    # counted on bytes: the same count as on the text, ten times faster than a regex search
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(8, len(sample) // 20):
        raise LoadError("fichier binaire (caractères de contrôle) : ce n’est pas un texte")
    text = clean_stored(text)
    if not text or text.isspace():  # a byte order mark or Unicode spaces alone
        raise LoadError("le fichier est vide")
    return text, warning


def open_zip(data: bytes, what: str, *, broken: str | None = None) -> zipfile.ZipFile:
    """Open a zipped file once its declared unpacked size is checked.

    Args:
        data: the file's bytes.
        what: what the file should be, for the errors (« document Word »).
        broken: the error when it is no zip archive, if not the general one.

    Raises:
        LoadError: not a zip archive, or larger than :data:`MAX_UNPACKED` once unpacked.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise LoadError(broken or f"{what} illisible : le fichier est abîmé ou n’en est pas un") \
            from error
    unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED:
        archive.close()
        raise LoadError(f"{what} trop grand une fois décompressé ({unpacked:,} octets, "
                        f"limite {MAX_UNPACKED:,})".replace(",", "\u202f"))
    return archive


@dataclass
class Source:
    """One input file as its format's parser sees it.

    Attributes:
        path: the file on disk (a parser may read a file beside it, as a Twitter archive's
            ``account.js``).
        name: its source name in the tables.
        data: its bytes.
        columns: for tables, the columns the caller named.
        warnings: caveats the parser found, as sentences.
    """

    path: Path
    name: str
    data: bytes
    columns: Mapping[str, str] | None = None
    warnings: list[str] = field(default_factory=list)
    # computed once, on first use (functools.cached_property takes a lock at every read in
    # Python 3.11: a tenth of a small file's load)
    _text: str | None = field(default=None, init=False, repr=False)
    _head: str | None = field(default=None, init=False, repr=False)
    _zip_names: frozenset[str] | None = field(default=None, init=False, repr=False)
    _opening: str | None = field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:
        """The decoded text (a warning is added when it was not UTF-8).

        Raises:
            LoadError: the file is empty or binary.
        """
        if self._text is None:
            self._text, warning = decode(self.data)
            if warning:
                self.warnings.append(warning)
        return self._text

    @property
    def is_binary(self) -> bool:
        """Whether the file's first bytes hold a NUL byte (no text file does)."""
        return b"\x00" in self.data[:_SAMPLE] and not self.data.startswith(
            (b"\xff\xfe", b"\xfe\xff"))

    @property
    def head(self) -> str:
        """The first 2,000 characters of the text, or ``""`` for a binary or empty file."""
        if self._head is None:
            try:
                self._head = "" if self.is_binary else self.text[:2000]
            except LoadError:
                self._head = ""
        return self._head

    @property
    def opening(self) -> str:
        """The first 20 characters of the text after white space, in lowercase: what most
        formats are recognised by."""
        if self._opening is None:
            self._opening = self.head.lstrip()[:20].lower()
        return self._opening

    @property
    def zip_names(self) -> frozenset[str]:
        """The names of the members when the file is a zip archive, else an empty set."""
        if self._zip_names is None:
            self._zip_names = frozenset()
            if self.data.startswith(b"PK\x03\x04"):
                try:
                    with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                        self._zip_names = frozenset(archive.namelist())
                except zipfile.BadZipFile:
                    pass
        return self._zip_names
