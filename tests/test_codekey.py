"""The keys computed from the package's code: an edit of any module is seen."""

from __future__ import annotations

import shutil

import pytest

from corpus_tools import codekey
from corpus_tools.nlp import PARSE_ROOTS

MODULES = sorted(path.relative_to(codekey.PACKAGE).as_posix()
                 for path in codekey.PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """A copy of the package's code, to edit."""
    copy = tmp_path_factory.mktemp("code") / "corpus_tools"
    shutil.copytree(codekey.PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def edit(path):
    original = path.read_bytes()
    path.write_bytes(original + b"\n# une modification\n")
    return original


@pytest.mark.parametrize("module", MODULES)
def test_editing_any_module_changes_the_package_key(package, module):
    before = codekey.package_digest(package)
    original = edit(package / module)
    try:
        assert codekey.package_digest(package) != before
    finally:
        (package / module).write_bytes(original)
    assert codekey.package_digest(package) == before


def test_the_parse_key_follows_the_imports_of_parsing_and_not_the_charts(package):
    parsing = {path.relative_to(package).as_posix()
               for path in codekey.imported_modules(PARSE_ROOTS, package)}
    # what parsing runs, found from the imports (those inside functions too)
    assert {"nlp.py", "extract.py", "normalise.py", "patterns.py", "load/patterns.py"} <= parsing
    assert not parsing & {"plots.py", "report.py", "analysis.py", "load/__init__.py", "cli.py"}
    before = codekey.code_digest(PARSE_ROOTS, package)
    for module, changes in (("load/patterns.py", True), ("normalise.py", True),
                            ("plots.py", False), ("report.py", False),
                            ("resources/jargon.txt", True), ("resources/themes.toml", False)):
        original = edit(package / module)
        try:
            assert (codekey.code_digest(PARSE_ROOTS, package) != before) is changes, module
        finally:
            (package / module).write_bytes(original)


def test_an_import_inside_a_function_is_followed(tmp_path):
    package = tmp_path / "corpus_tools"
    (package / "resources").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from corpus_tools import b\n    return b\n")
    (package / "b.py").write_text('from corpus_tools.c import (\n    x,\n    y as z,\n)\n'
                                  'NAME = "mots.txt"\n')
    (package / "c.py").write_text("x = y = 1\n")
    (package / "d.py").write_text("import corpus_tools.a\n")
    (package / "resources" / "mots.txt").write_text("réseau\n")
    (package / "resources" / "autres.txt").write_text("école\n")
    found = [path.name for path in codekey.imported_modules(["corpus_tools.a"], package)]
    assert found == ["a.py", "b.py", "c.py"]
    assert [path.name for path in codekey.named_resources(
        codekey.imported_modules(["corpus_tools.a"], package), package)] == ["mots.txt"]
