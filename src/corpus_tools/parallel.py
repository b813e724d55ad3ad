"""Run tasks in parallel: the package's one way, for loading, parsing and the Dask engine.

:func:`run_tasks` runs a function on each task and yields the results as they come: in this
process, in worker processes of this machine (started as :func:`config.start_method` says),
or on a Dask cluster. Loading gives it batches of files, parsing chunks of texts (on this
machine or on the cluster's workers); neither starts a process of its own.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from corpus_tools.config import start_method

if TYPE_CHECKING:
    from distributed import Client

logger = logging.getLogger(__name__)

WORKER_DIED = ("un processus de travail s’est arrêté avant la fin : ses tâches sont refaites "
               "dans ce processus")


def run_tasks(
    function: Callable[..., Any],
    tasks: Sequence[tuple],
    *,
    workers: int = 1,
    client: Client | None = None,
) -> Iterator[tuple[int, Any]]:
    """Run ``function(*task)`` for each task; yield ``(index, result)`` as each one ends.

    Args:
        function: a module-level function (worker processes and Dask workers import it).
        tasks: the arguments of each call.
        workers: processes of this machine; with 1, the tasks run here, in order.
        client: a ``dask.distributed.Client``: the tasks run on its workers instead.

    Yields:
        The position of the task in ``tasks`` and what the function returned, in the order
        the tasks end. A task's exception is raised here. If a worker process dies (killed,
        out of memory), the tasks not yet ended are run again in this process.

    Examples:
        >>> sorted(run_tasks(pow, [(2, 3), (3, 2)]))
        [(0, 8), (1, 9)]
    """
    if client is not None:
        yield from _on_cluster(function, tasks, client)
    elif workers <= 1 or len(tasks) <= 1:
        for index, task in enumerate(tasks):
            yield index, function(*task)
    else:
        yield from _in_processes(function, tasks, min(workers, len(tasks)))


def _in_processes(
    function: Callable[..., Any], tasks: Sequence[tuple], workers: int,
) -> Iterator[tuple[int, Any]]:
    ended: set[int] = set()
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(start_method()))
    finished = False
    try:
        futures: dict[Future, int] = {pool.submit(function, *task): index
                                      for index, task in enumerate(tasks)}
        for future in as_completed(futures):
            result = future.result()
            ended.add(futures[future])
            yield futures[future], result
        finished = True
    except BrokenProcessPool:
        logger.warning(WORKER_DIED)
        pool.shutdown(wait=False, cancel_futures=True)
        for index, task in enumerate(tasks):
            if index not in ended:
                yield index, function(*task)
        finished = True
    finally:
        # after a task's error, or a caller that stopped early, the tasks not started are
        # dropped and the workers end after their current task, without being waited for
        pool.shutdown(wait=finished, cancel_futures=True)


def _on_cluster(
    function: Callable[..., Any], tasks: Sequence[tuple], client: Client,
) -> Iterator[tuple[int, Any]]:
    from distributed import as_completed as as_finished

    futures = {client.submit(function, *task, pure=False): index
               for index, task in enumerate(tasks)}
    try:
        for future in as_finished(futures):
            yield futures[future], future.result()
    finally:
        client.cancel(list(futures))
