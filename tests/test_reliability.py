"""One bad entry never stops a run: unreadable entries, links, huge lines, a broken cache."""

from __future__ import annotations

import builtins
import os
import platform
import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tools.cli import main
from corpus_tools.inputs import OUTSIDE_LINK, file_hashes, input_files
from corpus_tools.load import load_corpus
from corpus_tools.load.tables import read_jsonl
from corpus_tools.pipeline import CACHE_DIR, run
from tests.conftest import RAW

PAGE = "Capture4\n\nJ’ai découvert #Twitter avec @Ana à Lyon.\n\nPar Léa\n"


@pytest.fixture
def folder(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(RAW / "002_nath_29.txt", raw)
    (raw / "lea.txt").write_text(PAGE, encoding="utf-8")
    return raw


def deny(monkeypatch, name):
    """Make opening the file ``name`` fail as it does without read permission (the tests
    run as root, whom permissions do not stop)."""
    original = builtins.open

    def guarded(file, *args, **kwargs):
        if os.fspath(file).endswith(name):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return original(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)


def test_an_unreadable_file_is_an_error_row_and_run_goes_on(folder, tmp_path, monkeypatch,
                                                           capsys):
    (folder / "secret.txt").write_text(PAGE, encoding="utf-8")
    deny(monkeypatch, "secret.txt")
    status = main(["run", str(folder), "--out", str(tmp_path / "out"), "--quiet"])
    assert status == 1
    errors = pd.read_parquet(tmp_path / "out" / "errors.parquet")
    assert errors["source"].tolist() == ["secret.txt"]
    assert "permission refusée" in errors["error"].item()
    assert len(pd.read_parquet(tmp_path / "out" / "documents.parquet")) == 2


def test_a_symlink_loop_and_a_pipe_are_error_rows(folder):
    os.symlink(folder / "boucle", folder / "boucle")
    os.mkfifo(folder / "tube")
    corpus = load_corpus(folder)
    assert sorted(corpus.errors["source"]) == ["boucle", "tube"]
    assert len(corpus.documents) == 2
    assert all(h.startswith("illisible") for s, h in file_hashes(folder).items()
               if s in {"boucle", "tube"})


def test_an_unreadable_folder_is_an_error_row(folder, monkeypatch):
    (folder / "ferme").mkdir()
    (folder / "ferme" / "a.txt").write_text(PAGE, encoding="utf-8")
    original = os.scandir

    def guarded(path):
        if os.fspath(path).endswith("ferme"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return original(path)

    monkeypatch.setattr(os, "scandir", guarded)
    corpus = load_corpus(folder)
    assert corpus.errors["source"].tolist() == ["ferme"]
    assert "dossier illisible" in corpus.errors["error"].item()
    assert len(corpus.documents) == 2


def test_a_link_outside_the_folder_is_not_read(folder, tmp_path):
    outside = tmp_path / "ailleurs.txt"
    outside.write_text(PAGE.replace("Lyon", "Secretville"), encoding="utf-8")
    os.symlink(outside, folder / "notes.txt")
    os.symlink(folder / "lea.txt", folder / "lien-interne.txt")
    assert [source for _, source in input_files(folder)] == [
        "002_nath_29.txt", "lea.txt", "lien-interne.txt"]
    corpus = load_corpus(folder)
    assert not corpus.documents["text"].str.contains("Secretville").any()
    assert (corpus.warnings["source"] == "notes.txt").any()
    assert corpus.warnings.loc[corpus.warnings["source"] == "notes.txt", "warning"].item() \
        == OUTSIDE_LINK
    assert "notes.txt" not in file_hashes(folder)


def test_a_link_to_a_folder_outside_is_named_and_follow_links_reads_it(folder, tmp_path,
                                                                        capsys):
    elsewhere = tmp_path / "ailleurs"
    (elsewhere / "sous").mkdir(parents=True)
    (elsewhere / "sous" / "marc.txt").write_text(PAGE.replace("Léa", "Marc"), encoding="utf-8")
    os.symlink(elsewhere / "sous" / "marc.txt", elsewhere / "lien-marc.txt")
    os.symlink(elsewhere, elsewhere / "sous" / "boucle")  # a loop: read once
    os.symlink(elsewhere, folder / "partage")
    os.symlink(folder, folder / "moi-meme")  # a folder inside: its files are read where they are
    plain = [source for _, source in input_files(folder)]
    assert plain == ["002_nath_29.txt", "lea.txt"]
    assert load_corpus(folder).warnings.query("source == 'partage'")["warning"].tolist() \
        == [OUTSIDE_LINK]
    followed = [source for _, source in input_files(folder, follow_links=True)]
    assert followed == ["002_nath_29.txt", "lea.txt", "partage/lien-marc.txt",
                        "partage/sous/marc.txt"]
    assert set(file_hashes(folder, follow_links=True)) == set(followed)
    status = main(["run", str(folder), "--out", str(tmp_path / "out"), "--quiet",
                   "--follow-links"])
    assert status == 0
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert sorted(documents["source"]) == followed
    assert "partage" not in capsys.readouterr().err


@pytest.mark.slow
def test_a_line_of_a_million_characters_is_parsed_in_pieces(folder, tmp_path):
    words = " ".join(f"mot{number % 97}" for number in range(175_000))  # over a million characters
    assert len(words) > 1_000_000  # spaCy's limit (E088)
    (folder / "minifie.txt").write_text(f"Une page\n\n{words} #Twitter à Lyon.\n",
                                        encoding="utf-8")
    result = run(folder, tmp_path / "out", progress=False)
    assert result.errors == []
    tokens = pd.read_parquet(tmp_path / "out" / "tokens.parquet")
    assert (tokens["token"] == "mot5").sum() >= 1700
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    page = documents.loc[documents["source"] == "minifie.txt", "doc_id"].item()
    hashtags = pd.read_parquet(tmp_path / "out" / "hashtags.parquet")
    assert "#twitter" in set(hashtags.loc[hashtags["doc_id"] == page, "tag"])  # the last piece


def test_a_run_over_an_emptied_folder_after_a_run(folder, tmp_path):
    run(folder, tmp_path / "out", progress=False)
    for file in folder.iterdir():
        file.unlink()
    (folder / "vide.txt").write_text("", encoding="utf-8")
    result = run(folder, tmp_path / "out", progress=False)
    assert result.errors == [("vide.txt", "le fichier est vide")]
    assert pd.read_parquet(tmp_path / "out" / "documents.parquet").empty


def test_a_corrupt_cache_part_is_dropped_and_parsed_again(folder, tmp_path):
    out = tmp_path / "out"
    run(folder, out, progress=False)
    first = pd.read_parquet(out / "tokens.parquet")
    (part,) = (out / CACHE_DIR).glob("*/part-*")
    tokens = part / "tokens.parquet"
    tokens.write_bytes(tokens.read_bytes()[:200])  # truncated, as by a full disk
    (folder / "nouveau.txt").write_text(PAGE.replace("Lyon", "Brest"), encoding="utf-8")
    run(folder, out, progress=False)
    again = pd.read_parquet(out / "tokens.parquet")
    assert not part.exists()
    kept = again[again["doc_id"].isin(set(first["doc_id"]))].reset_index(drop=True)
    pd.testing.assert_frame_equal(kept, first.reset_index(drop=True), check_categorical=False)


def test_a_json_line_nested_too_deep_is_one_error_row():
    text = '{"texte": "Bonjour Twitter"}\n' + "[" * 100_000 + "]" * 100_000 + "\n"
    table, errors = read_jsonl(text, "f.jsonl")
    assert len(table) == 1
    assert errors == [("f.jsonl:2", "ligne JSON trop imbriquée")]


@pytest.mark.slow
def test_html_nested_forty_thousand_levels_deep_loads(folder):
    body = "<div>" * 40_000 + "<p>J’ai appris Twitter au <b>CDI</b>.</p>" + "</div>" * 40_000
    share = "<div class='sharedaddy'>Partager sur Facebook</div>"
    (folder / "profond.html").write_text(
        f"<!DOCTYPE html><html><head><title>Profond</title></head><body><article>"
        f"<h1 class='entry-title'>Profond</h1><div class='entry-content'>{body}{share}</div>"
        "</article></body></html>", encoding="utf-8")
    corpus = load_corpus(folder)
    assert corpus.errors.empty
    page = corpus.documents[corpus.documents["source"] == "profond.html"].iloc[0]
    assert page["text"] == "J’ai appris Twitter au CDI."  # furniture left out, tree walked whole


# the output folder's lock ------------------------------------------------------------------

def _write_lock(out, pid):
    import json

    from corpus_tools.files import LOCK_NAME, _process_start

    out.mkdir(parents=True, exist_ok=True)
    (out / LOCK_NAME).write_text(json.dumps({
        "pid": pid, "host": platform.node(), "process_start": _process_start(pid),
        "started": "2026-12-02 10:00:00"}), encoding="utf-8")


def test_a_second_run_on_a_busy_folder_stops_with_a_french_message(folder, tmp_path, capsys):
    import subprocess
    import sys

    from corpus_tools.files import LOCK_NAME, FolderBusy

    out = tmp_path / "out"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _write_lock(out, other.pid)
        with pytest.raises(FolderBusy, match=f"processus {other.pid}"):
            run(folder, out, progress=False)
        assert main(["run", str(folder), "--out", str(out), "--quiet"]) == 3
        assert "est utilisé par une autre exécution" in capsys.readouterr().err
        assert not (out / "documents.parquet").exists()  # nothing written beside the other
        assert (out / LOCK_NAME).exists()  # the other run's lock is left alone
    finally:
        other.kill()
        other.wait()


def test_a_lock_left_by_a_dead_process_is_taken_over_and_leftovers_removed(folder, tmp_path,
                                                                          caplog):
    import subprocess
    import sys

    from corpus_tools.files import LOCK_NAME

    out = tmp_path / "out"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    _write_lock(out, dead.pid)
    leftover = out / ".documents.parquet.k3j2.tmp"
    leftover.write_bytes(b"half a table")
    result = run(folder, out, progress=False)
    assert result.documents == 2 and not result.errors
    assert not leftover.exists() and not (out / LOCK_NAME).exists()
    assert "verrou abandonné" in caplog.text


def test_one_bad_byte_leaves_a_utf8_file_utf8(tmp_path):
    text = "J’ai découvert Twitter à l’école avec une collègue très motivée.\n" * 4
    data = text.encode("utf-8")
    (tmp_path / "abime.txt").write_bytes(data[:50] + b"\xff" + data[50:])
    corpus = load_corpus(tmp_path)
    (row,) = corpus.documents.to_dict("records")
    assert "collègue très motivée" in row["text"] and "Ã" not in row["text"]
    assert "\ufffd" in row["text"]
    assert corpus.warnings.warning.tolist() == [
        "1 octet invalide en UTF-8, remplacé par « \ufffd » : le reste du fichier est lu en "
        "UTF-8"]


def test_a_windows_1252_file_is_still_read_as_one(tmp_path):
    (tmp_path / "ancien.txt").write_bytes("Élève très motivé, j’ai créé mon compte.\n"
                                          .encode("cp1252"))
    corpus = load_corpus(tmp_path)
    assert corpus.documents["text"].tolist() == ["Élève très motivé, j’ai créé mon compte."]
    assert "Windows-1252" in corpus.warnings.warning.iloc[0]


def test_a_full_disk_leaves_the_previous_outputs_whole_and_no_temporary_file(
        folder, tmp_path, monkeypatch, capsys):
    import errno

    from corpus_tools.pipeline import OUTPUT_TABLES
    from corpus_tools.store import TableWriter

    out = tmp_path / "out"
    run(folder, out, progress=False)
    before = {name: pd.read_parquet(out / f"{name}.parquet") for name in OUTPUT_TABLES}
    (folder / "nouveau.txt").write_text(PAGE.replace("Lyon", "Brest"), encoding="utf-8")
    real, calls = TableWriter.write, {"n": 0}

    import pyarrow.parquet as pq

    real_close = pq.ParquetWriter.close

    def filling(self, table):
        calls["n"] += 1
        if calls["n"] >= 6:  # the disk fills in the middle of the tables
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, table)
        if self._writer is not None:
            self._writer.full_disk = True

    def failing_close(self):  # closing a table's file on a full disk fails too
        if getattr(self, "full_disk", False):
            raise OSError(errno.ENOSPC, "No space left on device")
        real_close(self)

    monkeypatch.setattr(TableWriter, "write", filling)
    monkeypatch.setattr(pq.ParquetWriter, "close", failing_close)
    assert main(["run", str(folder), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert f"disque plein : impossible d’écrire dans {out}" in err
    assert "Errno" not in err and "Traceback" not in err
    monkeypatch.undo()
    assert not list(out.glob(".*.tmp")) and not (out / ".corpus-tools.lock").exists()
    for name, table in before.items():
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"), table)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_output_folder_is_found_before_any_parsing(folder, tmp_path, capsys):
    out = tmp_path / "lecture-seule"
    out.mkdir()
    out.chmod(0o555)
    try:
        assert main(["run", str(folder), "--out", str(out), "--quiet"]) == 2
    finally:
        out.chmod(0o755)
    assert f"le dossier de sortie {out} n’est pas accessible en écriture" in \
        capsys.readouterr().err


def test_a_read_only_output_folder_as_the_system_reports_it(folder, tmp_path, monkeypatch,
                                                          capsys):
    import errno

    real_open = os.open

    def read_only(path, flags, *args):
        if str(path).endswith(".corpus-tools.lock"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    parsed = []
    import corpus_tools.analysis

    monkeypatch.setattr(corpus_tools.analysis, "parse_corpus",
                        lambda *a, **k: parsed.append(1))
    assert main(["run", str(folder), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    assert "n’est pas accessible en écriture" in capsys.readouterr().err
    assert not parsed  # found before any parsing


def test_a_table_damaged_since_the_last_run_is_made_again(folder, tmp_path):
    from corpus_tools.pipeline import OUTPUT_TABLES

    out = tmp_path / "out"
    run(folder, out, progress=False)
    tokens = out / "tokens.parquet"
    whole = pd.read_parquet(tokens)
    tokens.write_bytes(tokens.read_bytes()[: tokens.stat().st_size // 2])  # truncated
    again = run(folder, out, progress=False)
    assert not again.up_to_date and again.parsed == 0  # tables rebuilt from the parse cache
    pd.testing.assert_frame_equal(pd.read_parquet(tokens), whole)
    for name in OUTPUT_TABLES:
        pd.read_parquet(out / f"{name}.parquet")
    assert run(folder, out, progress=False).up_to_date


def test_control_characters_past_the_first_8_kb_leave_the_text(tmp_path):
    text = "J’ai découvert Twitter au CDI.\n" * 400 + "Puis\x07 j’ai\x1b tweeté\x00.\n"
    (tmp_path / "page.txt").write_text(text, encoding="utf-8")
    (row,) = load_corpus(tmp_path).documents.to_dict("records")
    assert "Puis j’ai tweeté." in row["text"]
    assert not any(c in row["text"] for c in "\x07\x1b\x00")


def test_a_file_name_with_a_line_break_keeps_its_error_on_one_line(tmp_path, capsys):
    (tmp_path / "vide\nnom.txt").write_bytes(b"")
    (tmp_path / "bon.txt").write_text(PAGE, encoding="utf-8")
    assert main(["load", str(tmp_path), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if "ERREUR" in line]
    assert lines == ["  ERREUR : vide\\nnom.txt : le fichier est vide"]


def test_a_very_large_file_gets_a_warning(tmp_path, monkeypatch):
    import corpus_tools.load

    monkeypatch.setattr(corpus_tools.load, "LARGE_FILE", 100)
    (tmp_path / "gros.txt").write_text(PAGE * 3, encoding="utf-8")
    warnings = load_corpus(tmp_path).warnings.warning.tolist()
    assert any(w.startswith("fichier très grand") for w in warnings)


# fuzz: no exception escapes a loader ----------------------------------------------------------

_PIECES = [*"<>/=\"' &;#[]{}:,\n\tabcdéèç!?@-_.0123456789", "<p>", "</p>",
           "<div class='comment'>", "<li ", "<?xml ", "<rss", "<channel>", "<item>",
           "<wp:status>", "CDATA[", "]]>", "&amp;", "&#", "\u00ad", "\u202e", "\x00", "\x07",
           "\ufffd"]
_MARKUP = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)
_STARTS = {
    ".html": "<!DOCTYPE html><html><body>",
    ".xml": '<?xml version="1.0"?><rss xmlns:wp="http://wordpress.org/export/1.2/">',
    ".rss": '<?xml version="1.0"?><rss version="2.0"><channel>',
    ".csv": "texte;auteur\n",
    ".jsonl": '{"text": "',
    ".txt": "",
    ".md": "---\ntitle: ",
}


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(suffix=st.sampled_from(sorted(_STARTS)), body=_MARKUP)
def test_no_input_makes_a_loader_fail_unexpectedly(tmp_path_factory, suffix, body):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / f"f{suffix}").write_text(_STARTS[suffix] + body, encoding="utf-8",
                                      errors="surrogatepass")
    corpus = load_corpus(folder)
    assert len(corpus.documents) + len(corpus.errors) >= 1
    assert not corpus.errors["error"].str.contains("erreur inattendue").any(), \
        corpus.errors.to_dict("records")


def test_load_on_a_full_disk_says_so_in_one_french_line(folder, tmp_path, monkeypatch, capsys):
    import errno

    import corpus_tools.store as store

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "write_tables", full)
    out = tmp_path / "tables"
    assert main(["load", str(folder), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err == (f"corpus-tools : disque plein : impossible d’écrire dans {out} ; les tables "
                   "précédentes sont intactes et les fichiers temporaires ont été supprimés\n")
    assert list(out.iterdir()) == []  # the lock went with the command
