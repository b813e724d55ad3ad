"""The package's one way to run work in parallel (`parallel.run_tasks`)."""

from __future__ import annotations

import logging
import os

import pandas as pd
import pytest

from corpus_tools.parallel import WORKER_DIED, run_tasks

_PARENT = os.getpid()


def _square_and_pid(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def _fails_on_three(number: int) -> int:
    if number == 3:
        raise ValueError("trois")
    return number


def _dies_in_a_worker(number: int) -> tuple[int, int]:
    if os.getpid() != _PARENT and number == 2:
        os._exit(1)  # as a process the system kills
    return _square_and_pid(number)


@pytest.mark.parametrize("workers", [1, 2])
def test_each_result_comes_with_the_position_of_its_task(workers):
    results = dict(run_tasks(_square_and_pid, [(n,) for n in range(12)], workers=workers))
    assert {index: square for index, (square, _) in results.items()} == {
        n: n * n for n in range(12)}
    pids = {pid for _, pid in results.values()}
    assert (pids == {os.getpid()}) == (workers == 1)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_task_s_error_is_raised_here(workers):
    with pytest.raises(ValueError, match="trois"):
        list(run_tasks(_fails_on_three, [(n,) for n in range(6)], workers=workers))


def test_the_tasks_of_a_worker_that_dies_are_run_here(monkeypatch, caplog):
    monkeypatch.setenv("CORPUS_TOOLS_START_METHOD", "fork")
    with caplog.at_level(logging.WARNING, logger="corpus_tools.parallel"):
        results = dict(run_tasks(_dies_in_a_worker, [(n,) for n in range(6)], workers=2))
    assert sorted(results) == list(range(6))
    assert {index: square for index, (square, _) in results.items()} == {
        n: n * n for n in range(6)}
    assert results[2][1] == os.getpid()  # the task that killed its worker, done here
    assert WORKER_DIED in caplog.text


def test_analyze_in_memory_with_two_processes_gives_the_same_tables(sample_corpus):
    from corpus_tools import analyze

    one = analyze(sample_corpus, model="fr_core_news_sm")
    two = analyze(sample_corpus, model="fr_core_news_sm", n_process=2)
    for name, table in one.tables.items():
        pd.testing.assert_frame_equal(two.tables[name], table, obj=name)


@pytest.mark.parametrize(("minimum", "parallel"), [(54, False), (53, True)])
def test_automatic_workers_parse_in_parallel_only_from_enough_texts(
        sample_corpus, monkeypatch, minimum, parallel):
    """``n_process=None``: one per core, but a few texts stay in this process."""
    from corpus_tools import analysis
    from corpus_tools import parallel as parallel_module
    from corpus_tools.analysis import parse_corpus, prepare_texts

    texts = prepare_texts(sample_corpus)
    assert texts["text_hash"].nunique() == 53
    monkeypatch.setattr(analysis, "PARALLEL_MIN_TEXTS", minimum)
    monkeypatch.setattr(analysis, "auto_processes", lambda: 3)
    calls = []

    def spy(function, tasks, *, workers, client=None):
        calls.append(workers)
        return parallel_module.run_tasks(function, tasks, workers=1)

    monkeypatch.setattr(analysis, "run_tasks", spy)
    _, parsed = parse_corpus(texts, model="fr_core_news_sm", n_process=None)
    assert parsed == 53
    assert calls == ([3] if parallel else [])


def test_automatic_workers_follow_the_cores_this_process_may_use(monkeypatch):
    from corpus_tools import config

    monkeypatch.setattr(config.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert config.auto_processes() == 2
    monkeypatch.setattr(config.os, "sched_getaffinity", lambda pid: set(range(64)),
                        raising=False)
    assert config.auto_processes() == config.MAX_AUTO_PROCESSES
