"""Time and peak memory of each ``corpus-tools analyse`` analysis at 1 and 5 million words.

Usage (from the project root, in the virtual environment)::

    python benchmarks/analyses.py                      # 1 and 5 million words
    python benchmarks/analyses.py --words 200000 1000000 --only reinert afc

The tables of ``corpus-tools run`` on the sample corpus are copied until they hold the
wanted number of words, each copy with its own text and document ids; in each copy 15 % of
the content words are replaced by words drawn from a Zipf law over 60,000 invented lemmas,
so that the vocabulary grows with the corpus as a real one does (the sample alone has 1,200
forms). Each analysis then runs in a fresh process on those tables, through the registry of
the command line (``corpus_tools.analyses``, its default options), and reports its seconds
and the process's peak resident memory (``VmHWM``), and the memory of the tables alone. The
last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from corpus_tools.pipeline import run
from corpus_tools.report import read_tables

OPTIONS = {
    "kwic": ["--query", '[lemma="apprendre"] [pos="ADP"]? [pos="VERB"]'],
    "specificities": ["--facet", "author"],
    "keyness": ["--facet", "year"],
    "afc": ["--facet", "author"],
    "progression": ["--terms", "twitter,#twittmooc,apprendre", "--by", "month"],
    "cooccurrents": ["--pivot", "twitter"],
    "segments": [],
    "stats": ["--facet", "kind"],
    "reinert": [],
    "similitudes": [],
    "topics": [],
}
"""The options each analysis is measured with (a facet of many parts where it takes one)."""

SCRIPT = """
import sys, time
from pathlib import Path
from corpus_tools.cli import build_parser
from corpus_tools.analyses import ANALYSES, run_analysis

def peak():
    return int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) // 1024

name, folder, options = sys.argv[1], sys.argv[2], sys.argv[3:]
tables = ANALYSES[name].read(Path(folder))
loaded = peak()
args = build_parser().parse_args(["analyse", name, folder, *options])
started = time.perf_counter()
outcome = run_analysis(name, tables, args)
seconds = time.perf_counter() - started
print(seconds, loaded, peak())
"""

INVENTED = 60_000
SHARE_INVENTED = 0.15


def tiled(processed: Path, words: int, out: Path, *, seed: int = 5) -> int:
    """Write into ``out`` the tables of ``processed`` copied until they hold ``words`` words;
    return the words written."""
    tables = read_tables(processed)
    per_copy = int((~tables["tokens"]["is_punct"]).sum())
    copies = max(1, round(words / per_copy))
    rng = np.random.default_rng(seed)
    ranks = np.arange(1, INVENTED + 1)
    zipf = (1 / ranks) / (1 / ranks).sum()
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        frames = []
        for copy in range(copies):
            frame = table.copy()
            for key in ("text_id", "doc_id", "comment_id", "parent_id"):
                if key in frame.columns:
                    frame[key] = (frame[key].astype(str) + f"~{copy}").where(
                        frame[key].notna())
            if name == "tokens":
                content = frame["pos"].isin(["NOUN", "VERB", "ADJ"]).to_numpy()
                chosen = content & (rng.random(len(frame)) < SHARE_INVENTED)
                invented = np.array([f"mot{rank}" for rank in
                                     rng.choice(ranks, size=int(chosen.sum()), p=zipf)])
                frame.loc[chosen, "token"] = invented
                frame.loc[chosen, "lemma"] = invented
            frames.append(frame)
        pd.concat(frames, ignore_index=True).to_parquet(out / f"{name}.parquet", index=False)
    return copies * per_copy


def measure(name: str, folder: Path) -> dict:
    """Run one analysis in a fresh process: its seconds, and the peak memory (MB) after
    reading the tables and at the end."""
    done = subprocess.run([sys.executable, "-c", SCRIPT, name, str(folder), *OPTIONS[name]],
                          capture_output=True, text=True, check=False)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1]}
    seconds, loaded, peak = done.stdout.split()[-3:]
    return {"seconds": round(float(seconds), 2), "tables_mb": int(loaded), "peak_mb": int(peak)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[1_000_000, 5_000_000])
    parser.add_argument("--raw", type=Path, default=Path("data/raw"), help="sample corpus")
    parser.add_argument("--only", nargs="+", choices=sorted(OPTIONS), default=sorted(OPTIONS))
    options = parser.parse_args()
    results: dict = {}
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        run(options.raw, work / "sample", progress=False)
        for words in options.words:
            folder = work / f"w{words}"
            written = tiled(work / "sample", words, folder)
            results[written] = {}
            print(f"\n{written:,} mots".replace(",", " "))
            for name in options.only:
                results[written][name] = figures = measure(name, folder)
                print(f"  {name:14} {figures}", flush=True)
            for path in folder.iterdir():
                path.unlink()
    sizes = sorted(results)
    if len(sizes) > 1:
        low, high = sizes[0], sizes[-1]
        print(f"\n{'analyse':14} {'s':>8} {'s':>8} {'ratio':>6} {'Mo':>6} {'Mo':>6}")
        for name in options.only:
            a, b = results[low][name], results[high][name]
            if "seconds" in a and "seconds" in b:
                ratio = b["seconds"] / a["seconds"] if a["seconds"] else float("nan")
                print(f"{name:14} {a['seconds']:8.2f} {b['seconds']:8.2f} {ratio:6.1f} "
                      f"{a['peak_mb']:6} {b['peak_mb']:6}")
    print(json.dumps({"words": {str(k): v for k, v in results.items()}}))


if __name__ == "__main__":
    main()
