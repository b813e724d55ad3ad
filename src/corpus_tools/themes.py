"""Theme codebooks, and finding their terms in the ``tokens`` table.

A codebook maps each theme to terms. The default one ships with the package
(``resources/themes.toml``); a user's own is a TOML, YAML or JSON file of the same shape::

    [themes.apprentissage]
    label = "Apprentissage"
    terms = ["apprendre", "formation", "se former"]

or, shorter, ``Apprentissage = ["apprendre", "formation"]`` at the top level.

A term matches a run of tokens whose lemma or form equals each of its words, case and
apostrophes aside: write terms as lemmas ("apprendre" finds "appris" and "apprenons");
multi-word terms ("vie privée") match consecutive tokens.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from corpus_tools.normalise import APOSTROPHES, plain_apostrophes

if TYPE_CHECKING:
    import pandas as pd

THEME_COLUMNS = ["start", "end", "surface", "theme", "term", "origin"]
_TERM_WORDS = re.compile(r"\w+'|[\w-]+|[^\w\s]")


@dataclass(frozen=True)
class Codebook:
    """Themes and their terms, with where they came from."""

    themes: dict[str, tuple[str, ...]]
    source: str
    digest: str

    def as_dict(self) -> dict[str, list[str]]:
        """Return the codebook as plain data, for the manifest."""
        return {theme: list(terms) for theme, terms in self.themes.items()}


def _parse(data: dict, source: str) -> dict[str, tuple[str, ...]]:
    entries = data.get("themes", data)
    if not isinstance(entries, dict) or not entries:
        raise ValueError(f"{source} : le codebook doit associer des thèmes à des listes de "
                         "termes (voir la section « Thèmes » du README)")
    themes = {}
    for key, value in entries.items():
        if isinstance(value, dict):
            label, terms = value.get("label", key), value.get("terms")
        else:
            label, terms = key, value
        if not isinstance(terms, list) or not all(isinstance(t, str) and t.strip()
                                                  for t in terms):
            raise ValueError(f"{source} : le thème « {key} » doit avoir une liste de termes "
                             "(chaînes non vides)")
        themes[str(label)] = tuple(dict.fromkeys(t.strip() for t in terms))
    return themes


def read_codebook_file(path: str | Path | None) -> tuple[bytes, str, str]:
    """Return a codebook file's bytes, how to name it, and its suffix (default when ``None``).

    Raises:
        FileNotFoundError: the file does not exist.
    """
    if path is None:
        raw = resources.files("corpus_tools").joinpath("resources", "themes.toml").read_bytes()
        return raw, "défaut (resources/themes.toml)", ".toml"
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path} : codebook introuvable")
    return path.read_bytes(), str(path), path.suffix.lower()


def codebook_digest(path: str | Path | None = None) -> str:
    """Return the digest that :attr:`Codebook.digest` will have, without parsing the file."""
    return hashlib.sha256(read_codebook_file(path)[0]).hexdigest()[:16]


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Load a codebook: the default one, or a TOML, YAML or JSON file.

    Raises:
        FileNotFoundError: the file does not exist.
        ValueError: the file is not a codebook; the message says what is wrong.
    """
    raw, source, suffix = read_codebook_file(path)
    text = raw.decode("utf-8-sig")
    try:
        if suffix in {".yml", ".yaml"}:
            import yaml

            data = yaml.safe_load(text)
        elif suffix == ".json":
            data = json.loads(text)
        else:
            data = tomllib.loads(text)
    except Exception as error:  # each parser has its own error class
        raise ValueError(f"{source} : codebook illisible ({error})") from error
    if not isinstance(data, dict):
        raise ValueError(f"{source} : le codebook doit être une table de thèmes")
    return Codebook(_parse(data, source), source, codebook_digest(path))


def _key(word: str) -> str:
    return plain_apostrophes(word).lower()


def _keys(column: pd.Series):
    """Vectorised :func:`_key` over a column of strings."""
    column = column.astype(str).str.lower()
    for apostrophe in APOSTROPHES:  # vectorised replaces beat a per-string translate
        column = column.str.replace(apostrophe, "'", regex=False)
    return column.to_numpy(dtype=object)


def match_themes(tokens: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Find the codebook's terms in the tokens table.

    Matching is vectorised: a token matches a term word when its lemma or its written form
    equals it; a term of several words then checks the next tokens of the same text.

    Args:
        tokens: the ``tokens`` table (``text_id``, ``i``, ``start``, ``end``, ``token``,
            ``lemma``), in text order.
        codebook: the themes to look for.

    Returns:
        One row per occurrence: ``text_id``, ``start``, ``end``, ``surface`` (left empty here:
        the caller slices it from the text), ``theme``, ``term``, ``origin`` (``codebook``).
    """
    import numpy as np
    import pandas as pd

    columns = ["text_id", *THEME_COLUMNS]
    terms = [
        (theme, term, tuple(_key(w) for w in _TERM_WORDS.findall(plain_apostrophes(term))))
        for theme, entries in codebook.themes.items() for term in entries
    ]
    terms = [t for t in terms if t[2]]
    if tokens.empty or not terms:
        return pd.DataFrame(columns=columns)
    lemma_keys, surface_keys = _keys(tokens["lemma"]), _keys(tokens["token"])
    text_ids = tokens["text_id"].to_numpy(dtype=object)
    starts, ends = tokens["start"].to_numpy(), tokens["end"].to_numpy()
    catalogue = pd.DataFrame(
        [(words[0], theme, term, words) for theme, term, words in terms],
        columns=["key", "theme", "term", "words"],
    )
    positions = np.arange(len(tokens))
    candidates = pd.concat([
        pd.DataFrame({"position": positions, "key": lemma_keys}),
        pd.DataFrame({"position": positions, "key": surface_keys}),
    ]).merge(catalogue, on="key").drop_duplicates(["position", "theme", "term"])
    if candidates.empty:
        return pd.DataFrame(columns=columns)
    length = candidates["words"].map(len).to_numpy()
    keep = np.ones(len(candidates), dtype=bool)
    last = candidates["position"].to_numpy() + length - 1
    for row in np.flatnonzero(length > 1):  # multi-word terms: few candidates, checked one by one
        first, words = candidates["position"].iat[row], candidates["words"].iat[row]
        end = first + len(words)
        keep[row] = end <= len(tokens) and all(
            text_ids[first + q] == text_ids[first]
            and words[q] in (lemma_keys[first + q], surface_keys[first + q])
            for q in range(1, len(words))
        )
    found = candidates[keep]
    first, last = found["position"].to_numpy(), last[keep]
    return pd.DataFrame({
        "text_id": text_ids[first], "start": starts[first], "end": ends[last], "surface": "",
        "theme": found["theme"].to_numpy(), "term": found["term"].to_numpy(),
        "origin": "codebook",
    }).sort_values(["text_id", "start", "theme", "term"], ignore_index=True)[columns]
