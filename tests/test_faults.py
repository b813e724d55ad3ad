"""Fault injection: a run killed at any phase, or stopped by a disk that fills, leaves outputs
that the next run makes equal to a clean run's, table by table, with nothing left behind."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools.pipeline import CACHE_DIR, MANIFEST, OUTPUT_TABLES, run
from corpus_tools.store import LOCK_NAME, OutputError
from tests.conftest import PROJECT, RAW

MODEL = "fr_core_news_sm"  # the faults do not depend on the model; the small one loads faster

KILLER = """
import os, signal, sys

import pandas as pd

from corpus_tools import store

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
    write_json = store.write_json

    def writing_manifest(target, value):
        if target.name == "manifest.json":
            die_at(1)
        return write_json(target, value)

    store.write_json = writing_manifest

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
