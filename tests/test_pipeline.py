"""corpus-tools run: incremental, atomic, and honest about failures."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

import corpus_tools.analysis
import corpus_tools.load
import corpus_tools.pipeline
from corpus_tools.cli import main
from corpus_tools.pipeline import MANIFEST, OUTPUT_TABLES, run
from tests.conftest import DATA, PROJECT, RAW

PAGE = "Capture4\n\nJ’ai découvert #Twitter avec @Ana à Lyon.\n\nPar Léa\n"


@pytest.fixture
def folder(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in ("000_68feda5789824bda.txt", "002_nath_29.txt", "enquete-2015.csv"):
        shutil.copy(RAW / name, raw)
    return raw


@pytest.fixture
def count_parsed(monkeypatch):
    """Record how many texts each run sends to spaCy."""
    calls: list[int] = []
    original = corpus_tools.analysis.parse

    def counting(texts, **options):
        texts = list(texts)
        calls.append(len(texts))
        return original(texts, **options)

    monkeypatch.setattr(corpus_tools.analysis, "parse", counting)
    return calls


def test_run_writes_every_table_and_a_manifest(folder, tmp_path):
    out = tmp_path / "out"
    result = run(folder, out, progress=False)
    assert sorted(p.name for p in out.glob("*.parquet")) == sorted(
        f"{name}.parquet" for name in OUTPUT_TABLES)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["inputs"]) == {"000_68feda5789824bda.txt", "002_nath_29.txt",
                                       "enquete-2015.csv"}
    assert manifest["settings"]["model"] == "fr_core_news_md"
    assert manifest["settings"]["model_version"] == "3.8.0"
    assert manifest["rows"]["documents"] == 4 == result.documents
    assert manifest["rows"]["tokens"] == len(pd.read_parquet(out / "tokens.parquet"))
    assert "Apprentissage" in manifest["codebook"]["themes"]
    assert manifest["seconds"] > 0


def test_unchanged_folder_parses_nothing(folder, tmp_path, count_parsed):
    out = tmp_path / "out"
    run(folder, out, progress=False)
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")}
    second = run(folder, out, progress=False)
    assert second.up_to_date and second.parsed == 0
    assert count_parsed == [7]
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("*.parquet")} == before


def test_the_command_on_an_up_to_date_folder_imports_neither_pandas_nor_spacy(processed_dir):
    """Its answer costs the hashing of the files and a manifest read, in a fresh process:
    importing pandas, NumPy and Arrow would cost it twice as much again."""
    script = ("import sys\nfrom corpus_tools.cli import main\n"
              f"code = main(['run', {str(RAW)!r}, '--out', {str(processed_dir)!r}, '-q'])\n"
              "heavy = {'pandas', 'numpy', 'pyarrow', 'spacy', 'matplotlib'}\n"
              "print(code, *sorted(heavy & set(sys.modules)))")
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, cwd=PROJECT).stdout.splitlines()
    assert "déjà à jour" in output[0]
    assert output[-1] == "0"


def test_new_edited_and_deleted_files(folder, tmp_path, count_parsed):
    out = tmp_path / "out"
    run(folder, out, progress=False)
    (folder / "new.txt").write_text(PAGE, encoding="utf-8")
    third = run(folder, out, progress=False)
    assert third.parsed == 1 and count_parsed[-1] == 1

    edited = (folder / "new.txt").read_text(encoding="utf-8").replace("Lyon", "Brest")
    (folder / "new.txt").write_text(edited, encoding="utf-8")
    run(folder, out, progress=False)
    assert count_parsed[-1] == 1
    entities = pd.read_parquet(out / "entities.parquet")
    assert "Brest" in set(entities["text"]) and "Lyon" not in set(entities["text"])

    (folder / "new.txt").unlink()
    run(folder, out, progress=False)
    documents = pd.read_parquet(out / "documents.parquet")
    assert "new.txt" not in set(documents["source"])
    assert not pd.read_parquet(out / "hashtags.parquet")["tag"].eq("#twitter").any()


class _Records(logging.Handler):
    """A logging handler that keeps the records it is given (``caplog`` sees only what reaches
    the root logger, and the ``distributed`` logger does not propagate)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _assert_same_tables(first, second):
    for name in OUTPUT_TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(first / f"{name}.parquet"),
                                      pd.read_parquet(second / f"{name}.parquet"), obj=name)


def test_incremental_runs_give_a_fresh_runs_tables_and_read_only_changed_files(
    tmp_path, monkeypatch
):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    run(raw, out, progress=False)

    (raw / "zz_new.txt").write_text(PAGE, encoding="utf-8")
    (raw / "aa_new.txt").write_text(PAGE.replace("Lyon", "Brest"), encoding="utf-8")
    edited = raw / "002_nath_29.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Morlaix", "Quimper"),
                      encoding="utf-8")
    (raw / "003_jean_marc.txt").unlink()
    read: list[str] = []
    original = corpus_tools.load.load_outcome

    def recording(file, source, **options):
        read.append(source)
        return original(file, source, **options)

    monkeypatch.setattr(corpus_tools.load, "load_outcome", recording)
    run(raw, out, progress=False)
    # unchanged files come from the last run's tables, with their warnings (the cp1252 page,
    # the tweets whose retweets a warning counts); one that failed is read again
    assert sorted(read) == ["002_nath_29.txt", "aa_new.txt", "empty.txt", "zz_new.txt"]
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["read_files"] == len(read)
    assert set(manifest["stage_seconds"]) == {"load", "nlp", "tables"}
    monkeypatch.undo()
    assert "Quimper" in set(pd.read_parquet(out / "tokens.parquet")["token"])
    run(raw, tmp_path / "fresh", progress=False)
    _assert_same_tables(out, tmp_path / "fresh")


def test_changed_codebook_reruns_themes_without_parsing(folder, tmp_path, count_parsed):
    out = tmp_path / "out"
    run(folder, out, progress=False)
    codebook = tmp_path / "themes.toml"
    codebook.write_text('Lieux = ["Morvan", "Morlaix"]\nOutils = ["compte"]\n', encoding="utf-8")
    result = run(folder, out, themes=codebook, progress=False)
    assert not result.up_to_date and result.parsed == 0
    themes = pd.read_parquet(out / "themes.parquet")
    assert set(themes.loc[themes["origin"] == "codebook", "theme"]) == {"Lieux", "Outils"}


def test_interrupted_run_keeps_previous_outputs_and_next_run_completes(
    folder, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    run(folder, out, progress=False)
    before = pd.read_parquet(out / "documents.parquet")
    (folder / "new.txt").write_text(PAGE, encoding="utf-8")

    from corpus_tools.store import TableWriter

    calls = {"n": 0}
    real = TableWriter.write

    def failing(self, table):
        calls["n"] += 1
        if calls["n"] == 8:  # in the middle of the analysis tables
            raise KeyboardInterrupt
        real(self, table)

    monkeypatch.setattr(TableWriter, "write", failing)
    with pytest.raises(KeyboardInterrupt):
        run(folder, out, progress=False)
    monkeypatch.setattr(TableWriter, "write", real)

    assert not list(out.glob(".*.tmp"))
    for name in OUTPUT_TABLES:
        pd.read_parquet(out / f"{name}.parquet")  # every table is whole
    pd.testing.assert_frame_equal(pd.read_parquet(out / "documents.parquet"), before)
    result = run(folder, out, progress=False)
    assert not result.up_to_date and result.parsed == 0
    assert "new.txt" in set(pd.read_parquet(out / "documents.parquet")["source"])


def test_cli_run_reports_errors_and_exits_non_zero(folder, tmp_path, capsys):
    shutil.copy(DATA / "truncated.xml", folder)
    out = tmp_path / "out"
    status = main(["run", str(folder), "--out", str(out), "--quiet"])
    captured = capsys.readouterr()
    assert status == 1
    assert "ERREUR : truncated.xml" in captured.err
    assert "4 témoignage(s)" in captured.out and "1 erreur(s)" in captured.out
    assert (out / "entities.parquet").exists()
    assert main(["run", str(folder), "--out", str(out), "--quiet"]) == 1
    assert "déjà à jour" in capsys.readouterr().out


def test_cli_run_csv_format(folder, tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(folder), "--out", str(out), "--quiet", "--format", "csv"]) == 0
    hashtags = pd.read_csv(out / "hashtags.csv")
    assert {"text_id", "doc_id", "kind", "tag", "surface"} <= set(hashtags.columns)
    assert "#twittmooc" in set(hashtags["tag"])


@pytest.mark.slow
def test_cli_run_xlsx_format_for_a_spreadsheet_then_report(folder, tmp_path):
    from openpyxl import load_workbook

    from corpus_tools.store import read_table

    out = tmp_path / "out"
    run(folder, out, progress=False)
    mentions = read_table(out, "mentions")
    assert main(["run", str(folder), "--out", str(out), "--quiet", "--format", "xlsx"]) == 0
    assert not list(out.glob("*.parquet"))  # left behind, they would be read instead
    sheet = load_workbook(out / "mentions.xlsx")["mentions"]
    column = [cell.value for cell in next(sheet.iter_rows(max_row=1))].index("handle")
    handles = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert handles and all(cell.data_type == "s" and cell.value.startswith("@")
                           for cell in handles)
    assert read_table(out, "mentions")["handle"].tolist() == mentions["handle"].tolist()
    assert main(["report", str(out), "--out", str(tmp_path / "report")]) == 0
    assert (tmp_path / "report" / "report.html").exists()


def test_cli_bad_codebook_is_a_usage_error(folder, tmp_path, capsys):
    codebook = tmp_path / "bad.toml"
    codebook.write_text("Lieux = 3\n", encoding="utf-8")
    status = main(["run", str(folder), "--out", str(tmp_path / "o"), "--quiet",
                   "--themes", str(codebook)])
    assert status == 2
    assert "bad.toml" in capsys.readouterr().err


def test_two_worker_processes_give_the_same_tables(folder, tmp_path):
    run(folder, tmp_path / "one", progress=False)
    run(folder, tmp_path / "two", progress=False, n_process=2)
    _assert_same_tables(tmp_path / "one", tmp_path / "two")


@pytest.mark.slow
@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_worker_processes_give_the_same_tables_under_each_start_method(
        folder, tmp_path, monkeypatch, method):
    import corpus_tools.load as load

    for number in range(6):  # enough files for the loading helpers to take some
        (folder / f"page-{number}.txt").write_text(
            f"Page {number}\n\nJ’ai appris #Twitter avec @TwittMOOC en {2013 + number % 3}, "
            "grâce à l’équipe du cours.\n\nPar Léa\n", encoding="utf-8")
    run(folder, tmp_path / "un", progress=False, model="fr_core_news_sm")
    monkeypatch.setenv("CORPUS_TOOLS_START_METHOD", method)
    monkeypatch.setattr(load, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(load, "BATCH_FILES", 1)
    result = run(folder, tmp_path / "deux", progress=False, n_process=2,
                 model="fr_core_news_sm")
    assert result.errors == [] and result.parsed == result.texts
    _assert_same_tables(tmp_path / "un", tmp_path / "deux")


def test_an_unknown_start_method_is_a_clear_error(monkeypatch):
    from corpus_tools.config import start_method

    monkeypatch.setenv("CORPUS_TOOLS_START_METHOD", "teleport")
    with pytest.raises(ValueError, match="teleport : méthode de démarrage inconnue"):
        start_method()


@pytest.mark.slow
def test_dask_engine_gives_the_same_dataset_as_the_local_engine(tmp_path):
    pytest.importorskip("distributed")
    local = run(RAW, tmp_path / "local", progress=False)
    cluster_logger = logging.getLogger("distributed")
    level, records = cluster_logger.level, _Records()
    cluster_logger.addHandler(records)
    try:
        distributed = run(RAW, tmp_path / "dask", progress=False, engine="dask", n_process=2)
    finally:
        cluster_logger.removeHandler(records)
    # the local cluster's start and stop say nothing below a warning, and the level is restored
    assert all(record.levelno >= logging.WARNING for record in records.records)
    assert cluster_logger.level == level
    assert local.parsed == distributed.parsed == local.texts
    _assert_same_tables(tmp_path / "local", tmp_path / "dask")
    again = run(RAW, tmp_path / "dask", progress=False, engine="dask")
    assert again.up_to_date  # incremental caching works the same under both engines
    (tmp_path / "dask" / "manifest.json").unlink()
    rebuilt = run(RAW, tmp_path / "dask", progress=False, engine="dask")
    assert rebuilt.parsed == 0


def test_a_run_stopped_while_replacing_tables_leaves_no_stale_manifest(
    folder, tmp_path, monkeypatch
):
    out = tmp_path / "out"
    run(folder, out, progress=False)
    edited = folder / "002_nath_29.txt"
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original.replace("Morlaix", "Quimper"), encoding="utf-8")

    from corpus_tools.store import TableWriter

    real, committed = TableWriter.commit, []

    def failing(self):
        if len(committed) == 3:  # some tables replaced, the others not
            raise KeyboardInterrupt
        committed.append(self)
        real(self)

    monkeypatch.setattr(TableWriter, "commit", failing)
    with pytest.raises(KeyboardInterrupt):
        run(folder, out, progress=False)
    monkeypatch.undo()
    edited.write_text(original, encoding="utf-8")  # back to what the old manifest hashed

    run(folder, out, progress=False)
    run(folder, tmp_path / "fresh", progress=False)
    _assert_same_tables(out, tmp_path / "fresh")


def test_many_incremental_runs_keep_the_parse_cache_small(folder, tmp_path, monkeypatch):
    from corpus_tools.cache import ParseCache

    monkeypatch.setattr("corpus_tools.cache.MAX_PARTS", 2)
    out = tmp_path / "out"
    run(folder, out, progress=False)
    for n in range(4):
        (folder / f"new_{n}.txt").write_text(PAGE.replace("Lyon", f"Lyon {n}"),
                                             encoding="utf-8")
        run(folder, out, progress=False)
    (folder / "002_nath_29.txt").unlink()
    run(folder, out, progress=False)
    folders = [path for path in (out / ".cache").iterdir() if path.is_dir()]
    cache = ParseCache(out / ".cache", folders[0].name)
    texts = pd.read_parquet(out / "texts.parquet")
    assert len(cache.parts()) <= 2
    assert len(cache.known()) >= texts["text"].nunique()
    run(folder, tmp_path / "fresh", progress=False)
    _assert_same_tables(out, tmp_path / "fresh")


def test_a_run_deletes_the_caches_of_earlier_versions_of_its_model_only(folder, tmp_path):
    from corpus_tools.nlp import fingerprint

    cache = tmp_path / "out" / ".cache"
    older = "fr_core_news_md-3.7.0-spacy3.7.5-p1-r0123456789"
    other_model = "fr_core_news_sm-3.8.0-spacy3.8.18-p1-r0123456789"
    for name in (older, other_model, "notes"):
        (cache / name / "part-0").mkdir(parents=True)
    run(folder, tmp_path / "out", progress=False)
    assert sorted(path.name for path in cache.iterdir() if path.is_dir()) == sorted(
        [fingerprint("fr_core_news_md"), other_model, "notes"])


@pytest.mark.parametrize(("key", "model"), [
    ("fr_core_news_sm-3.8.0-spacy3.8.18-p1-r9211e2eac8", "fr_core_news_sm"),
    ("mon-modele-2-1.0.0-spacy3.8.18-p12-r0123456789", "mon-modele-2"),
    ("fr_core_news_sm", None),
    ("part-0123", None),
])
def test_fingerprint_model_reads_the_model_back(key, model):
    from corpus_tools.nlp import fingerprint, fingerprint_model

    assert fingerprint_model(key) == model
    assert fingerprint_model(fingerprint("fr_core_news_sm")) == "fr_core_news_sm"


def test_the_run_summary_writes_numbers_the_french_way(tmp_path):
    from corpus_tools.pipeline import RunResult

    summary = RunResult(out=tmp_path, files=1200, documents=1200, texts=3600, parsed=3500,
                        words=1_234_567, seconds=84.44).summary()
    assert "1\u202f200 fichier(s)" in summary and "3\u202f500 analysé(s), 100 en cache" in summary
    assert "1\u202f234\u202f567 mots, 84,4 s, 0 erreur(s)" in summary


@pytest.mark.parametrize("n_process", [0, -1])
def test_fewer_than_one_process_is_refused_before_any_work(folder, tmp_path, n_process):
    from corpus_tools.analysis import analyze
    from corpus_tools.load import load_corpus

    with pytest.raises(ValueError, match="au moins 1 processus"):
        run(folder, tmp_path / "out", progress=False, n_process=n_process)
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError, match="au moins 1 processus"):
        analyze(load_corpus(folder), n_process=n_process)


def edited(monkeypatch, name: str) -> None:
    """Make the package's file ``name`` read as if someone had edited it."""
    import corpus_tools.codekey as codekey

    read = codekey._read
    monkeypatch.setattr(codekey, "_read", lambda path: read(path) + (
        b"\n# an edit\n" if path.relative_to(codekey.PACKAGE).as_posix() == name else b""))


def test_a_change_in_the_parsing_code_is_a_new_parse_without_a_version_bump(
        folder, tmp_path, monkeypatch):
    first = run(folder, tmp_path / "out", progress=False)
    edited(monkeypatch, "extract.py")
    again = run(folder, tmp_path / "out", progress=False)
    assert not again.up_to_date and again.parsed == first.parsed == first.texts


@pytest.mark.parametrize("module", ["analysis.py", "themes.py", "store.py", "schema.py"])
def test_an_edit_of_the_table_assembly_rebuilds_the_tables_without_parsing(
        folder, tmp_path, monkeypatch, module):
    run(folder, tmp_path / "out", progress=False)
    assert run(folder, tmp_path / "out", progress=False).up_to_date
    edited(monkeypatch, module)
    again = run(folder, tmp_path / "out", progress=False)
    assert not again.up_to_date
    assert again.parsed == (again.texts if module == "schema.py" else 0)


def _count_built_groups(monkeypatch) -> list[int]:
    built = []
    real = corpus_tools.analysis.build_group

    def counting(group, *args, **kwargs):
        built.append(len(group))
        return real(group, *args, **kwargs)

    monkeypatch.setattr(corpus_tools.analysis, "build_group", counting)
    return built


def test_a_new_file_rebuilds_its_own_group_and_copies_the_others(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_tools.analysis, "GROUP_TEXTS", 2)  # a text a group
    out = tmp_path / "out"
    run(folder, out, progress=False)
    groups = len(json.loads((out / MANIFEST).read_text(encoding="utf-8"))["groups"])
    assert groups >= 3
    (folder / "zz_nouveau.txt").write_text(PAGE, encoding="utf-8")
    built = _count_built_groups(monkeypatch)
    run(folder, out, progress=False)
    assert 1 <= len(built) < groups  # the new text's group, not every group
    run(folder, tmp_path / "fresh", progress=False)
    _assert_same_tables(out, tmp_path / "fresh")


def test_files_added_last_make_groups_of_their_own(folder, tmp_path, monkeypatch):
    # groups of about 4 texts: the last run's last group of testimonials and of comments
    # would take the new texts in, and be built again with them
    monkeypatch.setattr(corpus_tools.analysis, "GROUP_TEXTS", 4)
    out = tmp_path / "out"
    run(folder, out, progress=False)
    (folder / "zz_nouveau.txt").write_text(PAGE, encoding="utf-8")  # sorts last
    built = _count_built_groups(monkeypatch)
    run(folder, out, progress=False)
    assert built == [1]  # the new testimonial alone: every group of the last run copied
    run(folder, tmp_path / "fresh", progress=False)
    _assert_same_tables(out, tmp_path / "fresh")


def _texts(hashes: list[str], kinds: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame({"text_hash": hashes, "kind": kinds or ["testimonial"] * len(hashes)})


def test_groups_end_where_the_kind_of_text_changes():
    hashes = [f"{n:012x}" for n in range(1, 9)]  # no mark among them (1 to 8, groups of 100)
    kinds = ["testimonial"] * 3 + ["comment"] * 5
    assert corpus_tools.analysis.text_groups(_texts(hashes, kinds), 100) == [(0, 3), (3, 8)]


def test_a_last_runs_end_cuts_a_group_only_once_it_holds_a_quarter_of_a_group():
    hashes = [f"{n:012x}" for n in range(1, 13)]
    groups = corpus_tools.analysis.text_groups
    # groups of 16: a quarter is 4 texts, a mark every 12 (the last text only)
    assert groups(_texts(hashes), 16, ends={hashes[3], hashes[9]}) == [(0, 4), (4, 10),
                                                                      (10, 12)]
    # the end after 2 texts is too soon (the last run's small last group grows instead)
    assert groups(_texts(hashes), 16, ends={hashes[1], hashes[9]}) == [(0, 10), (10, 12)]


def test_a_table_changed_since_the_last_run_is_not_copied_from(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_tools.analysis, "GROUP_TEXTS", 2)
    out = tmp_path / "out"
    run(folder, out, progress=False)
    tokens = pd.read_parquet(out / "tokens.parquet")
    tokens.assign(lemma=tokens["lemma"].str.upper()).to_parquet(out / "tokens.parquet")
    (folder / "zz_nouveau.txt").write_text(PAGE, encoding="utf-8")
    built = _count_built_groups(monkeypatch)
    run(folder, out, progress=False)
    texts = pd.read_parquet(out / "texts.parquet")
    assert sum(built) == len(texts)  # every group built again
    run(folder, tmp_path / "fresh", progress=False)
    _assert_same_tables(out, tmp_path / "fresh")


def test_a_parse_that_fails_while_groups_are_copied_leaves_the_last_run_whole(
        folder, tmp_path, monkeypatch):
    monkeypatch.setattr(corpus_tools.analysis, "GROUP_TEXTS", 2)
    out = tmp_path / "out"
    run(folder, out, progress=False)
    before = {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}
    (folder / "zz_nouveau.txt").write_text(PAGE, encoding="utf-8")
    copied = threading.Event()
    real_copy = corpus_tools.pipeline._copy_row_group

    def copying(*args):
        copied.set()
        return real_copy(*args)

    def failing(*args, **kwargs):  # the parse fails once the tables are being copied
        assert copied.wait(30)
        raise RuntimeError("modèle introuvable")

    monkeypatch.setattr(corpus_tools.pipeline, "_copy_row_group", copying)
    monkeypatch.setattr(corpus_tools.analysis, "_parse_missing", failing)
    with pytest.raises(RuntimeError, match="modèle introuvable"):
        run(folder, out, progress=False)
    after = {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}
    assert after == before  # no table replaced, the manifest kept, nothing half-written
    assert not list(out.rglob("*.tmp"))


def test_a_parse_that_fails_after_every_group_was_copied_leaves_the_last_run_whole(
        folder, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(folder, out, progress=False)
    before = {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()}
    for cached in (out / ".cache").iterdir():  # the parses lost, the tables and counts kept
        if cached.is_dir():
            shutil.rmtree(cached)
    (out / MANIFEST).write_text((out / MANIFEST).read_text(encoding="utf-8").replace(
        '"inputs": {', '"inputs": {"disparu.txt": "0", ', 1), encoding="utf-8")
    before[MANIFEST] = (out / MANIFEST).read_bytes()

    def failing(*args, **kwargs):  # once every table is written, key terms last
        for _ in range(300):
            if list(out.glob(".keyterms.parquet.*.tmp")):
                break
            time.sleep(0.1)
        raise RuntimeError("modèle introuvable")

    monkeypatch.setattr(corpus_tools.analysis, "_parse_missing", failing)
    with pytest.raises(RuntimeError, match="modèle introuvable"):
        run(folder, out, progress=False)
    assert {path.name: path.read_bytes() for path in out.iterdir() if path.is_file()} == before
    assert not list(out.rglob("*.tmp"))
