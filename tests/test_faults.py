"""Fault injection: a run killed at any phase, or stopped by a disk that fills, leaves outputs
that the next run makes equal to a clean run's, table by table, with nothing left behind."""

from __future__ import annotations

import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools.files import LOCK_NAME, OutputError
from corpus_tools.pipeline import CACHE_DIR, MANIFEST, OUTPUT_TABLES, run
from tests.conftest import PROJECT, RAW

pytestmark = pytest.mark.slow  # the whole module runs the command end to end

MODEL = "fr_core_news_sm"  # the faults do not depend on the model; the small one loads faster

KILLER = """
import os, signal, sys

import pandas as pd

from corpus_tools import files, store

phase, argv = sys.argv[1], sys.argv[2:]
calls = {"n": 0}


def die_at(count):
    calls["n"] += 1
    if calls["n"] == count:
        os.kill(os.getpid(), signal.SIGKILL)


if phase == "parsing":  # writing the third table of a new part of the parse cache
    to_parquet = pd.DataFrame.to_parquet

    def writing_part(self, path, *args, **kwargs):
        if ".tmp-part-" in str(path):
            die_at(3)
        return to_parquet(self, path, *args, **kwargs)

    pd.DataFrame.to_parquet = writing_part
elif phase == "writing":  # tables half written beside the previous ones
    write = store.TableWriter.write

    def writing(self, table):
        die_at(7)
        return write(self, table)

    store.TableWriter.write = writing
elif phase == "renaming":  # three new tables in place, the others still the previous ones
    commit = store.TableWriter.commit

    def renaming(self):
        die_at(4)
        return commit(self)

    store.TableWriter.commit = renaming
elif phase == "manifest":  # every table in place, the manifest not written yet
    write_json = files.write_json

    def writing_manifest(target, value):
        if target.name == "manifest.json":
            die_at(1)
        return write_json(target, value)

    files.write_json = writing_manifest

from corpus_tools.cli import main

sys.exit(main(argv))
"""

PAGE = ("Témoignage de {name}\n\nJ’ai découvert #Twitter en {year} avec @TwittMOOC à {place} ; "
        "l’équipe m’a appris à suivre des comptes et à écrire mes premiers tweets.\n\n"
        "Par {name}\n")


def tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in OUTPUT_TABLES}


def assert_same_tables(out: Path, expected: dict[str, pd.DataFrame]) -> None:
    for name, table in expected.items():
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), table,
                                      obj=name)


def leftovers(out: Path) -> list[str]:
    """The temporary files and folders, and the lock, left in ``out`` (cache included)."""
    return sorted(str(path.relative_to(out)) for path in out.rglob("*")
                  if path.name.endswith(".tmp") or path.name.startswith(".tmp-")
                  or path.name == LOCK_NAME)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """A folder, the outputs of a run over it, and the outputs of a clean run once one new
    testimonial was added (the run that the faults interrupt)."""
    base = tmp_path_factory.mktemp("faults")
    raw = base / "raw"
    raw.mkdir()
    shutil.copy(RAW / "002_nath_29.txt", raw)
    (raw / "lea.txt").write_text(PAGE.format(name="Léa", year=2013, place="Lyon"),
                                 encoding="utf-8")
    before = base / "avant"
    run(raw, before, model=MODEL, progress=False)
    (raw / "marc.txt").write_text(PAGE.format(name="Marc", year=2014, place="Brest"),
                                  encoding="utf-8")
    clean = base / "propre"
    run(raw, clean, model=MODEL, progress=False)
    return raw, before, tables(before), tables(clean)


@pytest.mark.parametrize("phase", ["parsing", "writing", "renaming", "manifest"])
def test_a_run_killed_at_each_phase_is_repaired_by_the_next(runs, tmp_path, phase):
    raw, before, previous, clean = runs
    out = tmp_path / "out"
    shutil.copytree(before, out)
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, phase, "run", str(raw), "--out", str(out), "--quiet",
         "--model", MODEL],
        cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert killed.returncode == -signal.SIGKILL, killed.stderr  # the fault was reached
    if phase in {"parsing", "writing"}:  # nothing written before is lost
        assert_same_tables(out, previous)
    assert (out / LOCK_NAME).exists()  # the dead run's lock stays, to be taken over
    result = run(raw, out, model=MODEL, progress=False)
    assert not result.errors and not result.up_to_date
    assert_same_tables(out, clean)
    assert leftovers(out) == []
    assert (out / MANIFEST).exists()
    assert run(raw, out, model=MODEL, progress=False).up_to_date  # and it stays repaired


@pytest.fixture
def small_disk(tmp_path):
    """A real filesystem of a few hundred kilobytes (a tmpfs, where the machine lets us
    mount one), resized by the test."""
    mount = tmp_path / f"disque-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"pas de petit système de fichiers à monter ici : {made.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def used(mount: Path) -> int:
    stats = os.statvfs(mount)
    return (stats.f_blocks - stats.f_bfree) * stats.f_frsize


def test_a_disk_that_fills_keeps_the_previous_outputs_and_leaves_nothing(runs, small_disk):
    raw, _, previous, _ = runs
    folder = small_disk / "raw"
    shutil.copytree(raw, folder)
    (folder / "marc.txt").unlink()
    out = small_disk / "out"
    run(folder, out, model=MODEL, progress=False)
    # a long testimonial whose tables need far more than the room left
    words = " ".join(f"réseau{number % 500} #Twitter{number % 50}" for number in range(40_000))
    (folder / "long.txt").write_text(f"Un long journal\n\n{words}\n", encoding="utf-8")
    room = used(small_disk) + 192 * 1024  # its text fits, its tables do not
    subprocess.run(["mount", "-o", f"remount,size={room}", str(small_disk)], check=True)
    with pytest.raises(OutputError, match=f"disque plein : impossible d’écrire dans {out}"):
        run(folder, out, model=MODEL, progress=False)
    assert_same_tables(out, previous)
    assert leftovers(out) == []
    assert [path.name for path in (out / CACHE_DIR).rglob(".tmp-*")] == []


CONTENDER = """
import os, sys, time

from corpus_tools.files import FolderBusy, output_lock

out, go, log = sys.argv[1:]
open(f"{go}.{os.getpid()}.ready", "w").close()  # imports done
while not os.path.exists(go):  # every contender starts at the same moment
    time.sleep(0.001)
try:
    with output_lock(out):
        with open(log, "a", encoding="utf-8") as file:
            file.write(f"{os.getpid()}\\n")
        while not os.path.exists(f"{go}.release"):  # held until the others have given up
            time.sleep(0.01)
except FolderBusy:
    sys.exit(3)
"""


def _wait_for(condition, seconds: float = 60) -> None:
    """Wait until ``condition()`` holds, ``seconds`` at most (then go on: the asserts tell)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.parametrize("stale", [False, True], ids=["libre", "verrou-abandonne"])
def test_of_runs_started_at_the_same_moment_one_holds_the_folder(tmp_path, stale):
    out, go, log = tmp_path / "out", tmp_path / "go", tmp_path / "holders.log"
    if stale:  # a killed run's lock: each contender sees it abandoned, one only takes it
        dead = subprocess.Popen([sys.executable, "-c", "pass"])
        dead.wait()
        out.mkdir()
        (out / LOCK_NAME).write_text(json.dumps({"pid": dead.pid, "host": platform.node()}),
                                     encoding="utf-8")
    contenders = [subprocess.Popen([sys.executable, "-c", CONTENDER, str(out), str(go),
                                    str(log)], cwd=PROJECT, stderr=subprocess.DEVNULL)
                   for _ in range(12)]
    _wait_for(lambda: len(list(tmp_path.glob("go.*.ready"))) == len(contenders))
    go.touch()
    # the holder keeps the lock until the others have ended (a slow start on a busy machine
    # must not find it free again); two holders would leave fewer than eleven ended
    _wait_for(lambda: sum(c.poll() is not None for c in contenders) >= len(contenders) - 1)
    (tmp_path / "go.release").touch()
    statuses = sorted(contender.wait(timeout=120) for contender in contenders)
    assert statuses == [0] + [3] * 11
    assert len(log.read_text(encoding="utf-8").split()) == 1
    assert leftovers(out) == []


def test_two_runs_at_once_on_one_folder_give_one_run_and_one_clear_refusal(runs, tmp_path):
    raw, _, _, clean = runs
    out, go = tmp_path / "out", tmp_path / "go"
    waiting = ("import os, sys, time\nwhile not os.path.exists(sys.argv[1]): time.sleep(0.001)\n"
               "from corpus_tools.cli import main\nsys.exit(main(sys.argv[2:]))\n")
    both = [subprocess.Popen([sys.executable, "-c", waiting, str(go), "run", str(raw), "--out",
                              str(out), "--quiet", "--model", MODEL], cwd=PROJECT, text=True,
                             stderr=subprocess.PIPE) for _ in range(2)]
    time.sleep(2)
    go.touch()
    outcomes = sorted((run.wait(timeout=600), run.stderr.read()) for run in both)
    assert [status for status, _ in outcomes] == [0, 3]
    assert "est utilisé par une autre exécution" in outcomes[1][1]
    assert "Traceback" not in outcomes[0][1] + outcomes[1][1]
    assert_same_tables(out, clean)
    assert leftovers(out) == []
