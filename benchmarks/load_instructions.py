"""Instructions per page of loading, counted by valgrind: a figure that the machine's speed
does not change.

Usage (from the project root, in the virtual environment; needs ``valgrind``)::

    python benchmarks/load_instructions.py                   # 150 synthetic pages
    python benchmarks/load_instructions.py --against /tmp/old/src   # and an older version

Wall-clock loading speed on this shared machine swings by a factor of three from one hour to
the next (docs/speed.md), which hides a change of 10 or 20 % in the loader. Valgrind's
``callgrind`` counts the machine instructions a run executes, the same from one run to the
next within a few thousand per page (the hash seed is fixed). Each count is taken on N and
on 2N pages of ``synthetic.py``, in two processes: their difference over N is the cost of one
page without Python's start and imports. Two steps are counted: the page parser alone
(``parse_page`` on decoded texts) and ``load_outcome`` (reading, decoding, recognising
the format, parsing, building the rows). With ``--against``, the same counts for the code
under another ``src`` folder (a ``git worktree`` of an earlier commit, say) and their ratios.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import make_corpus  # noqa: E402

STEP_SCRIPT = """
import sys
from pathlib import Path
from corpus_tools.load import load_outcome
from corpus_tools.load.page import parse_page
step, folder, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
paths = sorted(folder.rglob("*.txt"))[:count]
if step == "parser":
    texts = [path.read_text(encoding="utf-8") for path in paths]
    for text in texts:
        parse_page(text)
else:
    for path in paths:
        load_outcome(path, path.name)
"""

STEPS = ("parser", "load_outcome")


def instructions(src: Path, step: str, folder: Path, count: int) -> int:
    """Instructions valgrind counts for one process running ``step`` on ``count`` pages."""
    environment = dict(os.environ, PYTHONHASHSEED="0", PYTHONPATH=str(src))
    output = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         "-c", STEP_SCRIPT, step, str(folder), str(count)],
        capture_output=True, text=True, check=True, env=environment)
    found = re.search(r"Collected\s*:\s*(\d+)", output.stderr)
    if found is None:
        raise RuntimeError(f"valgrind gave no count:\n{output.stderr[-2000:]}")
    return int(found.group(1))


def per_page(src: Path, folder: Path, pages: int) -> dict[str, int]:
    """Instructions per page of each step, imports and start left out."""
    return {step: (instructions(src, step, folder, 2 * pages)
                   - instructions(src, step, folder, pages)) // pages for step in STEPS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=150, help="N (the runs read N and 2N)")
    parser.add_argument("--raw", type=Path, default=Path("data/raw"), help="sample corpus")
    parser.add_argument("--against", type=Path, metavar="SRC",
                        help="also count the code of this src folder, and give the ratios")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is needed (apt-get install valgrind)")
    src = Path(__file__).resolve().parents[1] / "src"
    root = Path(tempfile.mkdtemp(prefix="corpus-instructions-"))
    try:
        folder = root / "pages"
        make_corpus(folder, 2 * args.pages, raw=args.raw)
        figures: dict[str, object] = {"pages": args.pages, "this": per_page(src, folder,
                                                                              args.pages)}
        if args.against:
            other = per_page(args.against.resolve(), folder, args.pages)
            figures["against"] = other
            figures["ratio_against_over_this"] = {
                step: round(other[step] / figures["this"][step], 3) for step in STEPS}
        for step in STEPS:
            print(f"{step}: {figures['this'][step]:,} instructions per page"
                  + (f" (against: {figures['against'][step]:,})" if args.against else ""))
        print(json.dumps(figures))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
