"""corpus_tools: analyse corpora of French testimonials about learning social media.

Examples:
    >>> import corpus_tools
    >>> corpus = corpus_tools.load_corpus("data/raw")  # doctest: +SKIP
    >>> corpus.documents.head()  # doctest: +SKIP
"""

from corpus_tools.load import Corpus, LoadError, load_corpus
from corpus_tools.store import read_table, write_tables

__all__ = ["Corpus", "LoadError", "__version__", "load_corpus", "read_table", "write_tables"]

__version__ = "0.1.0"
