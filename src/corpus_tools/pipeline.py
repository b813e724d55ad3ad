"""The main job: a folder of testimonials -> the tables of ``data/processed/``.

:func:`run` is incremental at two levels:

* when the input files (by content hash), the model, the pipeline, the codebook and the
  options are those of the last run, and its outputs are all there, nothing is loaded or
  parsed: the run only lists and hashes files (this module imports nothing heavy for that);
* otherwise only new or changed files are loaded (the others are read back from the last
  run's tables), and only the texts the parse cache does not hold yet
  (:mod:`corpus_tools.cache`) go through spaCy.

Each table is written atomically, then ``manifest.json``; outputs of a deleted input file
disappear because the tables are rebuilt from the current files. Whatever was reused, the
tables are the same as a fresh run's, row for row.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus_tools.codekey import package_digest
from corpus_tools.config import DEFAULT_MODEL, auto_processes, check_processes
from corpus_tools.french import number
from corpus_tools.inputs import file_hashes
from corpus_tools.nlp import fingerprint, fingerprint_model, model_version, pipeline_name
from corpus_tools.schema import OUTPUT_TABLES, names
from corpus_tools.themes import codebook_digest

if TYPE_CHECKING:  # imported when needed: an up-to-date run stays light
    import pandas as pd
    from distributed import Client

    from corpus_tools.cache import ParseCache
    from corpus_tools.load import Corpus, FileOutcome
    from corpus_tools.themes import Codebook

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
CACHE_DIR = ".cache"


@dataclass
class RunResult:
    """What a run did, for the summary line and the exit status."""

    out: Path
    files: int
    documents: int
    texts: int
    parsed: int
    words: int
    seconds: float
    up_to_date: bool = False
    errors: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """Return the one-line French summary of the run."""
        state = "déjà à jour, rien à refaire" if self.up_to_date else (
            f"{number(self.parsed)} analysé(s), {number(self.texts - self.parsed)} en cache")
        return (f"{number(self.files)} fichier(s), {number(self.documents)} témoignage(s), "
                f"{number(self.texts)} texte(s) ({state}), {number(self.words)} mots, "
                f"{number(self.seconds, 1)} s, {number(len(self.errors))} erreur(s) -> {self.out}")


def package_version() -> str:
    """Return the installed version of corpus_tools."""
    from corpus_tools import __version__

    return __version__


def settings(
    *, model: str, themes: str | Path | None, fmt: str, columns: Mapping[str, str] | None,
    platforms: str | Path | None = None, syntax: bool = False,
) -> dict:
    """Return everything besides the input files that decides a run's outputs."""
    return {
        "package": package_version(),
        "code": package_digest(),
        "pipeline": fingerprint(model, platforms, syntax=syntax),
        "model": model,
        "syntax": syntax,
        "model_version": model_version(model),
        "codebook_digest": codebook_digest(themes),
        "format": fmt,
        "columns": dict(sorted((columns or {}).items())),
    }


def read_manifest(out: Path) -> dict | None:
    """Return the last run's manifest, or ``None`` when there is none or it is unreadable."""
    try:
        return json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _up_to_date(
    out: Path, hashes: dict[str, str], current: dict, manifest: dict | None
) -> bool:
    """Tell whether the last run (its ``manifest``) already made these outputs, and they are
    as it wrote them: a table truncated, replaced or deleted since is made again."""
    if not (manifest and manifest.get("settings") == current
            and manifest.get("inputs") == hashes):
        return False
    written = manifest.get("files", {})
    return all(written.get(name) == table_digest(out / f"{name}.{current['format']}")
               for name in OUTPUT_TABLES)


def table_digest(path: Path) -> dict | None:
    """A written table's size and SHA-256, as the manifest records them; ``None`` when the
    file is missing or unreadable."""
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            digest = hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None
    return {"bytes": size, "sha256": digest}


def _known_outcomes(
    out: Path, hashes: dict[str, str], current: dict, manifest: dict | None
) -> dict[str, FileOutcome]:
    """Return the loader's outcome of each file that did not change since the last run.

    Files that loaded (with or without a warning, which is carried over from the manifest) are
    reused, read back from the last run's ``documents`` and ``comments`` Parquet tables, and
    only when the code of the package, the loader's options and the output format are those
    of that run; otherwise, or if those tables cannot be read, every file is loaded again. A
    file with an error is always read again.
    """
    if not manifest or current["format"] != "parquet" or any(
        manifest.get("settings", {}).get(key) != current[key]
        for key in ("package", "code", "columns", "format")
    ):
        return {}
    import pandas as pd

    from corpus_tools.load import FileOutcome, is_corpus_caveat
    from corpus_tools.load.records import COMMENT_COLUMNS, DOCUMENT_COLUMNS, table_rows

    previous = manifest.get("inputs", {})
    unchanged = {source for source, digest in hashes.items() if previous.get(source) == digest}
    def source_of_label(label: str) -> set[str]:  # a record's label is "source#key" or "…:line"
        return {label, label.rsplit("#", 1)[0], label.rsplit(":", 1)[0]}

    for label, _ in manifest.get("errors", []):
        unchanged -= source_of_label(label)
    carried: dict[str, list[tuple[str, str]]] = {}
    for label, warning in manifest.get("warnings", []):
        if is_corpus_caveat(warning):
            continue
        for source in source_of_label(label) & unchanged:
            carried.setdefault(source, []).append((label, warning))
    if not unchanged:
        return {}
    try:
        documents = pd.read_parquet(out / "documents.parquet")
        comments = pd.read_parquet(out / "comments.parquet")
    except (OSError, ValueError) as error:
        logger.info("tables of the last run unreadable, every file is loaded: %s", error)
        return {}
    documents = documents[documents["source"].isin(unchanged)]
    comments = comments[comments["doc_id"].isin(documents["doc_id"])]
    source_of = dict(zip(documents["doc_id"], documents["source"], strict=True))
    known: dict[str, FileOutcome] = {}
    source, doc_id = DOCUMENT_COLUMNS.index("source"), COMMENT_COLUMNS.index("doc_id")
    for row in table_rows(documents, DOCUMENT_COLUMNS):
        known.setdefault(row[source], FileOutcome([], [], [], [])).doc_rows.append(row)
    for row in table_rows(comments, COMMENT_COLUMNS):
        known[source_of[row[doc_id]]].comment_rows.append(row)
    for source, warnings in carried.items():
        if source in known:
            known[source].warnings.extend(warnings)
    return known


def run(
    path: str | Path,
    out: str | Path,
    *,
    fmt: str = "parquet",
    model: str = DEFAULT_MODEL,
    themes: str | Path | None = None,
    platforms: str | Path | None = None,
    columns: Mapping[str, str] | None = None,
    progress: bool = True,
    n_process: int | None = 1,
    engine: str = "local",
    scheduler: str | None = None,
    follow_links: bool = False,
    syntax: bool = False,
) -> RunResult:
    """Load, analyse and write a folder of testimonials, redoing only what changed.

    Args:
        path: a file or a folder of testimonials.
        out: the output folder (tables, ``manifest.json`` and the parse cache ``.cache/``).
        fmt: ``parquet``, ``csv`` or ``xlsx`` (see :data:`~corpus_tools.config.TABLE_FORMATS`).
        model: the spaCy pipeline.
        themes: a codebook file, or ``None`` for the default one.
        platforms: a TOML file of platforms that extends the gazetteer (``--platforms``).
        columns: column names for CSV and JSON Lines inputs.
        progress: show progress bars.
        n_process: worker processes that load files and parse texts (local engine), or workers
            of the local Dask cluster; ``None`` (``--workers auto``, the command line's
            default): one per core, four at most, and one alone for fewer than 200 files to
            load or texts to parse (:func:`~corpus_tools.config.auto_processes`).
        engine: ``"local"`` or ``"dask"``: the texts to parse are spread over a Dask cluster
            whose workers each load the model once and write their part of the parse cache;
            the outputs are the same as the local engine's.
        scheduler: the address of a running Dask scheduler (``tcp://host:8786``); without it,
            the Dask engine starts a local cluster.
        follow_links: also read the symbolic links that lead outside ``path``.
        syntax: run spaCy's dependency parser: ``tokens`` gets ``dep`` and ``head``
            (slower; sentences otherwise come from the model's ``senter``).

    Returns:
        What was done; ``result.errors`` lists the files that could not be loaded.

    Raises:
        FolderBusy: another run is writing into ``out`` (it holds the folder's lock file).
    """
    check_processes(n_process)  # before any work
    from corpus_tools.files import output_lock, writing_into

    # one run at a time in a folder (a killed run's lock is taken over); a full disk or a
    # folder turned read-only is told in one French line
    with output_lock(Path(out)), writing_into(Path(out)):
        return _run(path, out, fmt=fmt, model=model, themes=themes, platforms=platforms,
                    columns=columns, progress=progress, n_process=n_process, engine=engine,
                    scheduler=scheduler, follow_links=follow_links, syntax=syntax)


def _run(path: str | Path, out: str | Path, *, fmt: str, model: str, themes: str | Path | None,
         platforms: str | Path | None, columns: Mapping[str, str] | None, progress: bool,
         n_process: int | None, engine: str, scheduler: str | None,
         follow_links: bool, syntax: bool = False) -> RunResult:
    """:func:`run`, once the output folder's lock is held."""
    started = time.perf_counter()
    root, out = Path(path), Path(out)
    hashes = file_hashes(root, follow_links=follow_links)
    current = settings(model=model, themes=themes, fmt=fmt, columns=columns,
                       platforms=platforms, syntax=syntax)
    previous = read_manifest(out)
    if _up_to_date(out, hashes, current, previous):
        counts = previous["rows"]
        return RunResult(
            out=out, files=len(hashes), documents=counts["documents"], texts=counts["texts"],
            parsed=0, words=previous["words"], seconds=time.perf_counter() - started,
            up_to_date=True, errors=[tuple(e) for e in previous["errors"]],
            warnings=[tuple(w) for w in previous["warnings"]],
        )

    from corpus_tools.files import write_json
    from corpus_tools.load import load_corpus

    if engine not in {"local", "dask"}:
        raise ValueError(f"moteur « {engine} » inconnu : choisir « local » ou « dask »")
    known = _known_outcomes(out, hashes, current, previous)
    corpus = load_corpus(root, columns=columns, progress=progress,
                         workers=(n_process or auto_processes()) if engine == "local" else 1,
                         known=known,
                         follow_links=follow_links)
    stages = {"load": time.perf_counter() - started}
    from corpus_tools.analysis import (
        missing_texts,
        open_cache,
        parse_corpus,
        parse_processes,
        prepare_texts,
    )
    from corpus_tools.themes import load_codebook

    codebook = load_codebook(themes)
    texts = prepare_texts(corpus)
    tables = partial(write_outputs, corpus, texts, codebook=codebook, out=out, fmt=fmt,
                     previous=previous, current=current)
    if engine == "dask":
        with dask_client(scheduler, workers=max(2, n_process or auto_processes())) as client:
            cache, parsed = parse_corpus(texts, model=model, platforms=platforms,
                                         progress=progress, client=client, syntax=syntax,
                                         cache_dir=(out / CACHE_DIR).resolve())
        stages["nlp"] = time.perf_counter() - started - stages["load"]
        rows, groups, ends = tables(cache)
    else:
        cache = open_cache(out / CACHE_DIR, model=model, platforms=platforms, syntax=syntax)
        # parsed here (not in forked workers: a fork must not copy a thread that writes),
        # the tables of the groups that did not change are copied meanwhile
        alone = parse_processes(len(missing_texts(cache, texts)), n_process) == 1
        parsing: Future[ParseCache] = Future()
        with ThreadPoolExecutor(1, thread_name_prefix="tables") as background:
            writing = background.submit(tables, parsing) if alone else None
            try:
                _, parsed = parse_corpus(texts, model=model, platforms=platforms,
                                         cache=cache, progress=progress,
                                         n_process=n_process, syntax=syntax)
            except BaseException as error:
                parsing.set_exception(error)  # the tables are discarded, the error told here
                raise
            parsing.set_result(cache)
            stages["nlp"] = time.perf_counter() - started - stages["load"]
            rows, groups, ends = writing.result() if writing else tables(cache)
    words = int(texts["n_words"].sum())
    seconds = time.perf_counter() - started
    stages["tables"] = seconds - stages["load"] - stages["nlp"]
    errors = [tuple(row) for row in corpus.errors.itertuples(index=False)]
    warnings = [tuple(row) for row in corpus.warnings.itertuples(index=False)]
    write_json(out / MANIFEST, {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": current,
        "spacy": metadata.version("spacy"),
        "codebook": {"source": codebook.source, "themes": codebook.as_dict()},
        "inputs": hashes,
        "rows": rows,
        "files": {name: table_digest(out / f"{name}.{fmt}") for name in OUTPUT_TABLES},
        "groups": groups,
        "group_ends": ends,
        "term_counts": table_digest(out / CACHE_DIR / f"{TERM_COUNTS}.parquet"),
        "words": words,
        "read_files": len(hashes) - len(known),
        "parsed_texts": parsed,
        "cached_texts": len(texts) - parsed,
        "seconds": round(seconds, 3),
        "stage_seconds": {stage: round(value, 3) for stage, value in stages.items()},
        "errors": errors,
        "warnings": warnings,
    })
    # housekeeping, once the outputs are complete: the caches of earlier versions of this
    # model or of the pipeline will not be read again (other models' caches are kept, for a
    # run that goes back to one of them)
    cache.compact(set(texts["text_hash"]))
    this = pipeline_name(model, syntax=syntax)  # with and without syntax: two caches kept
    for name in cache.remove_others(lambda key: fingerprint_model(key) == this):
        logger.info("cache d’une version précédente supprimé : %s", name)
    return RunResult(
        out=out, files=len(hashes), documents=len(corpus.documents), texts=len(texts),
        parsed=parsed, words=words, seconds=seconds, errors=errors, warnings=warnings,
    )


STREAMED_TABLES = names("parse", "assemble")
"""The tables written a group of texts at a time."""


TERM_COUNTS = "term-counts"
"""The table, in the parse cache's folder, of each group's key-term counts (one row group a
group, as the streamed tables), which the next run takes back with the group's tables."""


def write_outputs(corpus: Corpus, texts: pd.DataFrame, cache: ParseCache | Future[ParseCache],
                  codebook: Codebook,
                  out: Path, *, fmt: str, previous: dict | None = None,
                  current: dict | None = None) -> tuple[dict[str, int], list[str], list[str]]:
    """Write every table, the analysis ones a group of texts at a time (bounded memory).

    A group whose texts are those of a group of the last run (same ids, metadata and text
    hashes: :func:`~corpus_tools.analysis.group_key`), under the same settings, is not built
    again: its rows are copied from the last run's Parquet tables, which are checked against
    the digests of its manifest first. Nothing replaces the previous outputs until every
    table is complete.

    Args:
        cache: the parse cache, or a future of it while the texts are being parsed (in
            another thread): the groups to copy are copied meanwhile, and the first group
            to build waits for it, as do the outputs' replacement.
        previous: the last run's manifest; current: this run's settings (both ``None``:
            every group is built).

    Returns:
        The row count of each table, the key of each group, in order, and the hash of each
        group's last text (for the manifest: the next run's :func:`text_groups` cuts there).
    """
    from corpus_tools.analysis import build_group, group_key, keyterms_of, text_groups
    from corpus_tools.schema import conform
    from corpus_tools.store import TableWriter

    plain = {**corpus.tables, "texts": conform(texts.drop(columns="text_hash"), "texts")}
    writers = {name: TableWriter(out, name, fmt=fmt)
               for name in (*plain, *STREAMED_TABLES, "keyterms")}
    counts_writer = TableWriter(out / CACHE_DIR, TERM_COUNTS)
    old, old_files = _last_groups(out, fmt, previous, current)
    keys: list[str] = []
    counts: list[pd.DataFrame] = []
    parts = None  # the cache's index, read at the first group built (not when all are copied)
    # one thread a core, but the parse's while it goes on
    threads = auto_processes() - (isinstance(cache, Future) and not cache.done())
    copying = ThreadPoolExecutor(max(1, threads), thread_name_prefix="copy")
    try:
        for name, table in plain.items():
            writers[name].write(table)
        ends: list[str] = []
        for first, stop in text_groups(texts, ends=(previous or {}).get("group_ends", ())):
            ends += texts["text_hash"].iloc[stop - 1:stop].tolist()  # none for no texts
            if isinstance(cache, Future) and cache.done():
                cache = cache.result()  # the parse's error, if it failed, raised here
            group = texts.iloc[first:stop]
            key = group_key(group)
            keys.append(key)
            if key in old:
                # each table in a thread of its own: Arrow decodes and encodes without the GIL
                copies = [copying.submit(_copy_row_group, old_files[name], writer, old[key])
                          for name, writer in (*((n, writers[n]) for n in STREAMED_TABLES),
                                               (TERM_COUNTS, counts_writer))]
                wait(copies)  # all ended, even after an error, before the writers are touched
                counts.append([done.result() for done in copies][-1].to_pandas())
                continue
            if isinstance(cache, Future):
                cache = cache.result()  # the texts parsed (this group may hold new ones)
            if parts is None and cache.folder is not None:
                parts = cache.parts()
            tables, group_counts = build_group(group, cache, codebook, parts=parts)
            for name, table in tables.items():
                writers[name].write(table)
            counts_writer.write_arrow(_counts_part(group_counts))
            counts.append(group_counts)
        writers["keyterms"].write(keyterms_of(counts))
        if isinstance(cache, Future):
            cache.result()  # nothing replaced before the parse has ended well
    except BaseException:
        for writer in (*writers.values(), counts_writer):
            writer.discard()
        raise
    finally:
        copying.shutdown()
        for file in old_files.values():
            file.close()
    # the last run's manifest must not outlive its tables: a run reuses their rows on its word
    (out / MANIFEST).unlink(missing_ok=True)
    for writer in (*writers.values(), counts_writer):
        writer.commit()
    return {name: writer.rows for name, writer in writers.items()}, keys, ends


def _copy_row_group(file: Any, writer: Any, row_group: int) -> Any:
    """Append one row group of a Parquet file of the last run to a table; return it."""
    found = file.read_row_group(row_group, use_threads=False)  # a thread a table already
    writer.write_arrow(found)
    return found


def _counts_part(counts: pd.DataFrame) -> Any:
    """A group's key-term counts as Arrow, with fixed types (a group may have none)."""
    import pyarrow as pa

    schema = pa.schema([("doc_id", pa.string()), ("term", pa.string()),
                        ("count", pa.int64()), ("first", pa.int64())])
    plain = counts[schema.names].astype({"doc_id": str, "term": str, "count": "int64",
                                        "first": "int64"})
    return pa.Table.from_pandas(plain, schema=schema, preserve_index=False)


def _last_groups(out: Path, fmt: str, previous: dict | None,
                 current: dict | None) -> tuple[dict[str, int], dict[str, Any]]:
    """The groups of the last run that can be copied (key -> row group), and its open files.

    Only under the same settings, in Parquet, when every streamed table and the term counts
    have one row group per group and the tables are as the last run wrote them.
    """
    groups = (previous or {}).get("groups")
    if (fmt != "parquet" or not groups or current is None
            or previous.get("settings") != current):
        return {}, {}
    import pyarrow.parquet as pq

    paths = {name: out / f"{name}.parquet" for name in STREAMED_TABLES}
    paths[TERM_COUNTS] = out / CACHE_DIR / f"{TERM_COUNTS}.parquet"
    digests = {**previous.get("files", {}), TERM_COUNTS: previous.get("term_counts")}
    if any(table_digest(path) != digests.get(name) for name, path in paths.items()):
        return {}, {}
    files: dict[str, Any] = {}
    try:
        for name, path in paths.items():
            files[name] = pq.ParquetFile(path)
            if files[name].num_row_groups != len(groups):
                raise ValueError(f"{path.name}: {files[name].num_row_groups} row groups")
    except (OSError, ValueError) as error:
        logger.info("tables of the last run not reused: %s", error)
        for file in files.values():
            file.close()
        return {}, {}
    return {key: index for index, key in enumerate(groups)}, files


@contextmanager
def dask_client(scheduler: str | None = None, *, workers: int = 2) -> Iterator[Client]:
    """Yield a Dask client: to ``scheduler``, or to a local cluster of ``workers`` processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise ImportError("le moteur Dask demande « pip install corpus_tools[dask] »") from error
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # the local cluster's scheduler and nannies run here: their start and stop would print
    # some thirty lines of English INFO among the progress bars (``--verbose`` shows them)
    cluster_logger = logging.getLogger("distributed")
    level = cluster_logger.level
    if not logging.getLogger().isEnabledFor(logging.DEBUG):
        cluster_logger.setLevel(logging.WARNING)
    try:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client
    finally:
        cluster_logger.setLevel(level)


def processed_tables(
    raw: str | Path, out: str | Path, **options: Any
) -> dict[str, pd.DataFrame]:
    """Bring ``out`` up to date with ``raw`` (incrementally), then return its tables.

    The notebooks' entry point: the first call parses the corpus, the next ones reuse
    ``out`` and its cache.

    Args:
        raw: the folder of testimonials.
        out: the processed folder (``data/processed``).
        **options: passed to :func:`run` (``model``, ``themes``, ``progress``…).

    Returns:
        Every table by name, as pandas DataFrames.
    """
    from corpus_tools.store import read_table

    result = run(raw, out, **options)
    if result.errors:
        logger.warning("%d fichier(s) non chargé(s) : voir la table errors", len(result.errors))
    return {name: read_table(out, name) for name in OUTPUT_TABLES}
