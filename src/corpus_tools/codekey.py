"""Keys computed from the package's own code: nobody keeps a list of modules or a version
number by hand, and an edit anywhere is seen.

- :func:`package_digest` covers every module and resource of the package: a run whose key
  differs from the last one's is not up to date (``corpus-tools run`` makes its tables
  again and reads every file again).
- :func:`code_digest` covers the modules that some entry points import, followed through
  every ``import`` of the package (those inside functions too), and the resources their code
  names: the parse cache's key holds the digest of what parsing runs, so an edit of a chart
  does not parse the corpus again, an edit of the tokenizer rules does.

Kept light (the up-to-date check computes them): the modules are read and their imports
found with a regular expression, nothing is imported.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).parent
"""The folder of the installed package."""

NAME = "corpus_tools"


def _read(path: Path) -> bytes:
    return path.read_bytes()


def _files(root: Path) -> list[Path]:
    """The package's modules and resources, in a fixed order."""
    return sorted((path for path in root.rglob("*")
                   if path.is_file() and "__pycache__" not in path.parts
                   and (path.suffix == ".py" or "resources" in path.relative_to(root).parts)),
                  key=lambda path: path.relative_to(root).as_posix())


def _digest(root: Path, files: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + _read(path) + b"\0")
    return digest.hexdigest()[:16]


def package_digest(root: Path = PACKAGE) -> str:
    """Return a digest of every module and resource file of the package."""
    return _digest(root, _files(root))


def _module_file(root: Path, dotted: str) -> Path | None:
    """The file of the package's module ``corpus_tools.a.b`` (a module or a package)."""
    parts = dotted.split(".")[1:]
    for candidate in (root.joinpath(*parts).with_suffix(".py") if parts else None,
                      root.joinpath(*parts, "__init__.py")):
        if candidate is not None and candidate.is_file():
            return candidate
    return None


_IMPORT = re.compile(
    rb"^[ \t]*(?:from[ \t]+(corpus_tools(?:\.\w+)*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)"
    rb"|import[ \t]+(corpus_tools(?:\.\w+)*))", re.MULTILINE)
"""An import of the package's modules, at any indentation (inside functions too)."""


def _imports(code: bytes, root: Path) -> set[str]:
    """The package's modules that a module's code imports: for ``from a import b``, the
    module ``a.b`` when there is one (``a``'s ``__init__`` runs, but does not make ``b``),
    else ``a``."""
    found = set()
    for module, names, plain in _IMPORT.findall(code):
        if plain:
            found.add(plain.decode())
            continue
        module = module.decode()
        for name in names.decode().strip("()").replace("\\", " ").split(","):
            name = name.split(" as ")[0].strip()
            if not name:
                continue
            found.add(f"{module}.{name}" if _module_file(root, f"{module}.{name}") else module)
    return found


def imported_modules(roots: Iterable[str], root: Path = PACKAGE) -> list[Path]:
    """Return the files of the modules ``roots`` (dotted names) and of every module of the
    package they import, transitively."""
    todo = list(roots)
    seen: dict[Path, bytes] = {}
    while todo:
        path = _module_file(root, todo.pop())
        if path is None or path in seen:
            continue
        seen[path] = _read(path)
        todo.extend(_imports(seen[path], root))
    return sorted(seen, key=lambda path: path.relative_to(root).as_posix())


def named_resources(modules: Iterable[Path], root: Path = PACKAGE) -> list[Path]:
    """Return the resource files whose name the code of ``modules`` holds as a string."""
    codes = [_read(module) for module in modules]
    return sorted(path for path in (root / "resources").glob("*") if path.is_file()
                  and any(f"{quote}{path.name}{quote}".encode() in code
                          for code in codes for quote in "\"'"))


def code_digest(roots: Iterable[str], root: Path = PACKAGE) -> str:
    """Return a digest of the code that ``roots`` run: the modules they import, transitively,
    and the resources that code names."""
    modules = imported_modules(roots, root)
    return _digest(root, [*modules, *named_resources(modules, root)])
