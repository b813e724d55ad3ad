"""Regular expressions compiled once per machine, not once per process.

spaCy's French tokenizer matches whole words against one pattern of 1.45 million characters
(``spacy/lang/fr/tokenizer_exceptions.py``'s ``TOKEN_MATCH``, also stored in each French
model): Python's ``re`` compiles it in 3.8 to 4.7 s on this project's machine, more than half
of the time it takes to load ``fr_core_news_md``, in every process that loads a French
model (a known cost: spaCy issues #2679 and #3046). Python keeps no compiled pattern between
processes; this module keeps the compiler's output (the pattern's code, a list of integers)
in a file of the user's cache folder and, in a later process, builds the pattern from it in
about 10 ms, then leaves it in ``re``'s own cache, where ``re.compile`` of the same text finds
it.

It uses two names of CPython's regular expression engine that are not public:
``re._compiler`` / ``re._parser`` (to compile once and keep the code) and ``_sre.compile``
(to build the pattern from it). A cache file is named by the interpreter (``cpython-311``),
the engine's code version (``_sre.MAGIC``), the flags and a digest of the pattern's text, and
holds that digest and one of its code: another Python, another engine, another pattern's file
or a damaged file is a miss, and any failure falls back on ``re.compile``. The engine also
checks the code it is given. A pattern built this way is equal (``==``, which compares the
code) to ``re.compile``'s.
"""

from __future__ import annotations

import array
import hashlib
import json
import logging
import os
import re
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

LONG_PATTERN = 100_000
"""Characters of a pattern past which compiling it once per machine is worth a file (a
pattern that long takes seconds to compile; the model's other patterns take milliseconds)."""


def cache_folder() -> Path:
    """Where compiled patterns are kept: ``$CORPUS_TOOLS_CACHE``, or ``corpus_tools/`` in the
    user's cache folder (``$XDG_CACHE_HOME``, by default ``~/.cache``)."""
    if os.environ.get("CORPUS_TOOLS_CACHE"):
        return Path(os.environ["CORPUS_TOOLS_CACHE"]) / "patterns"
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "corpus_tools" / "patterns"


def _engine() -> tuple | None:
    """CPython's compiler and engine, or None where they are not those this module knows."""
    try:
        import _sre
        from re import _compiler, _parser
    except ImportError:  # pragma: no cover - another interpreter, or a future CPython
        return None
    if (sys.implementation.name != "cpython" or array.array("I").itemsize != _sre.CODESIZE
            or not isinstance(getattr(re, "_cache", None), dict)):
        return None  # pragma: no cover
    return _sre, _compiler, _parser


def _digest(pattern: str) -> str:
    return hashlib.sha256(pattern.encode("utf-8", "surrogatepass")).hexdigest()


def _file(folder: Path, pattern: str, flags: int, magic: int) -> Path:
    return folder / f"{sys.implementation.cache_tag}-{magic}-{flags}-{_digest(pattern)[:32]}.bin"


def _read(path: Path, pattern: str, sre: object) -> re.Pattern | None:
    """The pattern rebuilt from its cache file, or None for a missing or damaged file."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header, _, body = data.partition(b"\n")
    try:
        meta = json.loads(header)
        if meta["pattern"] != _digest(pattern):
            raise ValueError("le fichier est celui d’un autre motif")
        if meta["sha256"] != hashlib.sha256(body).hexdigest():
            raise ValueError("empreinte du code différente")
        code = array.array("I")
        code.frombytes(body)
        return sre.compile(pattern, meta["flags"], code.tolist(), meta["groups"],
                           meta["groupindex"], tuple(meta["indexgroup"]))
    except (ValueError, KeyError, TypeError, RuntimeError) as error:
        logger.info("motif compilé illisible, recompilé : %s (%s)", path, error)
        return None


def _compile(pattern: str, flags: int, path: Path, engine: tuple) -> re.Pattern:
    """Compile as ``re._compiler.compile`` does, and keep the code in ``path`` (atomically;
    a folder that cannot be written is only a cost)."""
    from corpus_tools.files import atomic_path

    sre, compiler, parser = engine
    parsed = parser.parse(pattern, flags)
    code = compiler._code(parsed, flags)
    state = parsed.state
    indexgroup = [None] * state.groups
    for name, index in state.groupdict.items():
        indexgroup[index] = name
    meta = {"pattern": _digest(pattern), "flags": flags | state.flags, "groups": state.groups - 1,
            "groupindex": state.groupdict, "indexgroup": indexgroup}
    compiled = sre.compile(pattern, meta["flags"], code, meta["groups"], meta["groupindex"],
                           tuple(indexgroup))
    body = array.array("I", code).tobytes()
    meta["sha256"] = hashlib.sha256(body).hexdigest()
    try:
        with atomic_path(path) as temporary:
            temporary.write_bytes(json.dumps(meta).encode("utf-8") + b"\n" + body)
    except OSError as error:
        logger.info("motif compilé non gardé dans %s : %s", path.parent, error)
    return compiled


def prepare(pattern: str, flags: int = 0, *, folder: Path | None = None) -> re.Pattern:
    """Make ``re.compile(pattern, flags)`` in this process return at once: build the pattern
    from its cache file (compiling it and writing the file the first time), and leave it in
    ``re``'s cache.

    Args:
        pattern: the pattern's text.
        flags: ``re`` flags, as an integer.
        folder: the cache folder (default :func:`cache_folder`).

    Returns:
        The compiled pattern, equal to ``re.compile(pattern, flags)``.

    Examples:
        >>> import tempfile
        >>> prepare(r"\\w+-\\w+", folder=Path(tempfile.mkdtemp())).match("arc-en-ciel").group()
        'arc-en'
    """
    engine = _engine()
    if engine is None:  # pragma: no cover - another interpreter: re compiles as always
        return re.compile(pattern, flags)
    key = (str, pattern, flags)
    if key in re._cache:
        return re._cache[key]
    path = _file(folder or cache_folder(), pattern, flags, engine[0].MAGIC)
    compiled = _read(path, pattern, engine[0]) or _compile(pattern, flags, path, engine)
    re._cache[key] = compiled  # where re.compile looks first (3.11) or next (3.12 and later)
    return compiled
