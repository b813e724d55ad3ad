"""corpus_tools: analyse corpora of French testimonials about learning social media.

Public names are imported on first use, so that ``corpus-tools run`` on an up-to-date folder
does not pay for pandas or spaCy.

Examples:
    >>> import corpus_tools
    >>> corpus = corpus_tools.load_corpus("data/raw")  # doctest: +SKIP
    >>> result = corpus_tools.analyze(corpus)  # doctest: +SKIP
    >>> result.platforms.head()  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from importlib import metadata
from typing import Any

try:
    __version__ = metadata.version("corpus_tools")
except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree, uninstalled
    __version__ = "0+inconnue"

_PUBLIC = {
    "Analysis": "corpus_tools.analysis",
    "analyze": "corpus_tools.analysis",
    "Codebook": "corpus_tools.themes",
    "load_codebook": "corpus_tools.themes",
    "Corpus": "corpus_tools.load",
    "LoadError": "corpus_tools.load",
    "load_corpus": "corpus_tools.load",
    "load_pipeline": "corpus_tools.nlp",
    "read_table": "corpus_tools.store",
    "write_tables": "corpus_tools.store",
    "run": "corpus_tools.pipeline",
    "processed_tables": "corpus_tools.pipeline",
    "build_report": "corpus_tools.report",
    "explore": "corpus_tools.explorer",
    "write_explorer": "corpus_tools.explorer",
    "kwic": "corpus_tools.concordance",
    "specificities": "corpus_tools.specificity",
    "keyness": "corpus_tools.specificity",
    "cooccurrence": "corpus_tools.similitudes",
    "similitude_graph": "corpus_tools.similitudes",
    "communities": "corpus_tools.similitudes",
    "reinert": "corpus_tools.chd",
    "reinert_double": "corpus_tools.chd",
    "Reinert": "corpus_tools.chd",
    "topics": "corpus_tools.topic_models",
    "Topics": "corpus_tools.topic_models",
    "text_facets": "corpus_tools.facets",
    "correspondence": "corpus_tools.afc",
    "correspondence_table": "corpus_tools.afc",
    "correspondence_of_classes": "corpus_tools.afc",
    "Correspondence": "corpus_tools.afc",
    "progression": "corpus_tools.chronology",
    "cooccurrents": "corpus_tools.collocates",
    "segments": "corpus_tools.collocates",
    "collocations": "corpus_tools.collocates",
    "compound": "corpus_tools.collocates",
    "lexical_summary": "corpus_tools.lexicometry",
    "text_measures": "corpus_tools.lexicometry",
    "zipf": "corpus_tools.lexicometry",
    "Progression": "corpus_tools.chronology",
    "chronological_specificities": "corpus_tools.chronology",
    "to_iramuteq": "corpus_tools.export",
    "to_txm": "corpus_tools.export",
}

__all__ = ["__version__", *_PUBLIC]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'corpus_tools' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
