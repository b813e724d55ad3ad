"""Files written safely: atomically (a temporary file beside the target, then renamed), in
an output folder that one run at a time holds (its lock file), with one French line for a
write that fails (a full disk, a folder turned read-only).

Only the standard library: a run on an up-to-date folder takes the lock and reads its
manifest without importing pandas.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import platform
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)


def temporary_beside(target: Path) -> Path:
    """Create an empty temporary file next to ``target``, with an ordinary file's mode."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    temporary = Path(name)
    umask = os.umask(0)
    os.umask(umask)
    temporary.chmod(0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
    return temporary


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success, rename it to ``target``."""
    temporary = temporary_beside(target)
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


class OutputError(OSError):
    """A failed write into the output folder; shown as its French sentence alone."""

    def __str__(self) -> str:
        return self.strerror or super().__str__()


WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})
"""The failures of writing into the output folder that are told in one French line."""


@contextmanager
def writing_into(out: Path) -> Iterator[None]:
    """Turn a failed write into ``out`` (a full disk, a folder turned read-only) into an
    :class:`OutputError` whose message is one French line naming the folder."""
    try:
        yield
    except OutputError:
        raise
    except OSError as error:
        if error.errno not in WRITE_ERRORS:
            raise
        raise OutputError(error.errno, output_error(Path(out), error)) from error


def output_error(out: Path, error: OSError) -> str:
    """One French sentence for a failed write into the output folder, naming it."""
    if error.errno == errno.ENOSPC:
        return (f"disque plein : impossible d’écrire dans {out} ; les tables précédentes sont "
                "intactes et les fichiers temporaires ont été supprimés")
    if error.errno in {errno.EACCES, errno.EPERM, errno.EROFS}:
        return f"le dossier de sortie {out} n’est pas accessible en écriture"
    return f"écriture impossible dans {out} : {error.strerror or error}"


LOCK_NAME = ".corpus-tools.lock"
"""The lock file a run holds in its output folder."""


class FolderBusy(RuntimeError):
    """Another run is writing into the same output folder; the message is for a person."""


def _process_start(pid: int) -> str | None:
    """When a process started, from ``/proc`` (Linux): tells a pid reused by another process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return fields[19]  # the 22nd field, starttime, counted after the command name
    except (OSError, IndexError):
        return None


def _alive(holder: Mapping[str, Any]) -> bool:
    """Whether the process that wrote a lock still runs (on this machine)."""
    try:
        pid = int(holder["pid"])
    except (KeyError, TypeError, ValueError):
        return False
    if holder.get("host") not in {None, platform.node()}:
        return True  # another machine's run: it cannot be checked, so it is respected
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    started = holder.get("process_start")
    return started is None or _process_start(pid) in {None, started}


if os.name == "nt":  # pragma: no cover - Windows
    import msvcrt

    _FAR = 1 << 30  # the byte locked, past the text: the lock's holder stays readable

    def _try_lock(handle: int) -> bool:
        os.lseek(handle, _FAR, os.SEEK_SET)
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
else:
    import fcntl

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _read_holder(handle: int) -> dict:
    """The process named in an open lock file (empty when it names none)."""
    os.lseek(handle, 0, os.SEEK_SET)
    try:
        holder = json.loads(os.read(handle, 4096).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def _busy(out: Path, path: Path, holder: Mapping[str, Any]) -> FolderBusy:
    return FolderBusy(
        f"le dossier {out} est utilisé par une autre exécution (processus "
        f"{holder.get('pid', '?')}, commencée le {holder.get('started', '?')}) : attendez "
        f"qu’elle finisse, ou, si elle a été arrêtée, supprimez {path}")


def _take_lock(out: Path, path: Path) -> int:
    """Open the lock file and hold the system's lock on it, or raise :class:`FolderBusy`.

    The system lock (``flock``; a locked byte on Windows) goes with the process: a run killed
    with ``kill -9`` holds it no more, and of runs started at the same moment exactly one
    gets it. The file's text, the holder's pid and start, is for the message of the others.
    """
    while True:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not _try_lock(handle):
                raise _busy(out, path, _read_holder(handle))
            try:  # the file may have been removed by its holder between open and lock
                current = os.path.samestat(os.fstat(handle), os.stat(path))
            except FileNotFoundError:
                current = False
            if not current:
                os.close(handle)
                continue
            holder = _read_holder(handle)
            if holder.get("pid") not in {None, os.getpid()}:
                # a live run that holds no system lock (an older version); on Windows,
                # os.kill(pid, 0) would end the process, and the system lock tells already
                if os.name != "nt" and _alive(holder):
                    raise _busy(out, path, holder)
                logger.warning("verrou abandonné par le processus %s (arrêté) : repris",
                               holder["pid"])
            return handle
        except BaseException:
            os.close(handle)
            raise


@contextmanager
def output_lock(out: Path) -> Iterator[Path]:
    """Hold the output folder's lock file for the time of a run, with the run's pid and start.

    A lock left by a process that no longer runs (a run killed with ``kill -9``, a machine
    switched off) is taken over, with a warning; temporary files that such a run left behind
    (``.name.xxxx.tmp``, in ``out`` and in ``out/.cache``) are removed once the lock is held.

    Raises:
        FolderBusy: another running process holds the lock.
    """
    out = Path(out)
    path = out / LOCK_NAME
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = _take_lock(out, path)  # the first write of the run: the folder's check
    except FolderBusy:
        raise
    except OSError as error:
        raise OutputError(error.errno, output_error(out, error)) from error
    try:
        mine = {"pid": os.getpid(), "host": platform.node(),
                "process_start": _process_start(os.getpid()),
                "started": time.strftime("%Y-%m-%d %H:%M:%S")}
        try:
            os.ftruncate(handle, 0)
            os.lseek(handle, 0, os.SEEK_SET)
            os.write(handle, json.dumps(mine).encode("utf-8"))
        except OSError as error:
            raise OutputError(error.errno, output_error(out, error)) from error
        # a killed run's half-written tables, and its term counts in the parse cache's folder
        for leftover in (*out.glob(".*.tmp"), *out.glob(".cache/.*.tmp")):
            leftover.unlink(missing_ok=True)
        yield path
    finally:
        if os.name == "nt":  # pragma: no cover - an open file cannot be removed there
            os.close(handle)
            path.unlink(missing_ok=True)
        else:  # removed while held: a run waiting on this file finds it is no more the lock
            path.unlink(missing_ok=True)
            os.close(handle)
