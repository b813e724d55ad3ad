"""The package as a researcher installs it: a wheel, in a new virtual environment outside
the checkout, run from another folder, with worker processes that are spawned."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from corpus_tools.schema import TABLES
from corpus_tools.store import read_table
from tests.conftest import PROJECT, RAW

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A wheel built from a copy of the sources, installed into a new environment."""
    base = tmp_path_factory.mktemp("roue")
    source = base / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(PROJECT / name, source)
    shutil.copytree(PROJECT / "src", source / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(base / "dist"), str(source)], check=True, capture_output=True)
    (wheel,) = (base / "dist").glob("corpus_tools-*.whl")
    env = base / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    python = env / ("Scripts" if os.name == "nt" else "bin") / "python"
    # with its dependencies, as a researcher installs it (pinned as the checkout's, from the
    # index or pip's cache): a dependency missing from pyproject.toml fails here
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-c",
                    str(PROJECT / "constraints.txt"), str(wheel)], check=True)
    return env, python


def test_the_wheel_holds_the_package_and_its_resources(installed):
    env, python = installed
    shown = subprocess.run(
        [str(python), "-c", "import corpus_tools, corpus_tools.nlp as n; "
         "print(corpus_tools.__file__); print(len(n.platforms_by_name()))"],
        check=True, capture_output=True, text=True, cwd=env.parent).stdout.split("\n")
    assert shown[0].startswith(str(env))  # not the checkout's sources
    assert int(shown[1]) > 200  # resources/platforms.toml came with it


def test_the_installed_command_runs_with_spawned_workers_as_one_process_does(
        installed, tmp_path):
    env, _ = installed
    work = tmp_path / "ailleurs"
    shutil.copytree(RAW, work / "raw")
    command = env / ("Scripts" if os.name == "nt" else "bin") / "corpus-tools"
    environment = {**os.environ, "CORPUS_TOOLS_START_METHOD": "spawn"}
    subprocess.run([str(command), "run", "raw", "--out", "deux", "--workers", "2", "--quiet"],
                   check=True, cwd=work, env=environment, capture_output=True)
    alone = subprocess.run([str(command), "run", "raw", "--out", "un", "--quiet"], check=True,
                           cwd=work, capture_output=True, text=True)
    # every file of the sample corpus loads with the wheel's dependencies alone
    assert alone.stdout.rstrip().endswith("0 erreur(s) -> un"), alone.stdout + alone.stderr
    for name in TABLES:
        pd.testing.assert_frame_equal(read_table(work / "deux", name),
                                      read_table(work / "un", name), obj=name)
    report = subprocess.run([str(command), "report", "un", "--out", "classe"], check=True,
                            cwd=work, capture_output=True, text=True)
    assert (work / "classe" / "report.html").stat().st_size > 10_000, report.stdout
