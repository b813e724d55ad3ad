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

from corpus_tools.normalise import plain_apostrophes
from corpus_tools.schema import TABLES

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

THEME_COLUMNS = TABLES["themes"].own
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
                         "termes (voir la page « Themes and platforms » de la documentation, "
                         "docs/themes.md)")
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


def _unique_keys(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Return each row's code and the key of each distinct value (missing values: ``""``)."""
    import pandas as pd

    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    keys = [_key(str(value)) for value in uniques]
    codes[codes < 0] = len(keys)  # a missing value points past the keys, to ""
    return codes, [*keys, ""]


def match_themes(tokens: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Find the codebook's terms in the tokens table.

    A token matches a term word when its lemma or its written form equals it (case and
    apostrophes aside); a term of several words then checks the next tokens of the same text.
    Keys are computed once per distinct form, so the cost is that of a few array lookups per
    token.

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
    by_first: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for theme, entries in codebook.themes.items():
        for term in entries:
            words = tuple(_key(w) for w in _TERM_WORDS.findall(plain_apostrophes(term)))
            if words and (theme, term, words) not in by_first.get(words[0], []):
                by_first.setdefault(words[0], []).append((theme, term, words))
    if tokens.empty or not by_first:
        return pd.DataFrame(columns=columns)
    lemma_codes, lemma_keys = _unique_keys(tokens["lemma"])
    surface_codes, surface_keys = _unique_keys(tokens["token"])
    lemma_hits = np.array([key in by_first for key in lemma_keys])
    surface_hits = np.array([key in by_first for key in surface_keys])
    positions = np.flatnonzero(lemma_hits[lemma_codes] | surface_hits[surface_codes])
    text_codes, _ = pd.factorize(tokens["text_id"])
    found_positions, found_last, found_terms = [], [], []
    for position in positions.tolist():
        lemma, surface = lemma_keys[lemma_codes[position]], surface_keys[surface_codes[position]]
        candidates = by_first.get(lemma, [])
        if surface != lemma:
            candidates = candidates + [c for c in by_first.get(surface, []) if c not in candidates]
        for theme, term, words in candidates:
            last = position + len(words) - 1
            if len(words) > 1 and not (last < len(tokens) and all(
                text_codes[position + q] == text_codes[position]
                and word in (lemma_keys[lemma_codes[position + q]],
                             surface_keys[surface_codes[position + q]])
                for q, word in enumerate(words[1:], start=1)
            )):
                continue
            found_positions.append(position)
            found_last.append(last)
            found_terms.append((theme, term))
    if not found_positions:
        return pd.DataFrame(columns=columns)
    first, last = np.array(found_positions), np.array(found_last)
    return pd.DataFrame({
        "text_id": tokens["text_id"].to_numpy(dtype=object)[first],
        "start": tokens["start"].to_numpy()[first],
        "end": tokens["end"].to_numpy()[last],
        "surface": "",
        "theme": [theme for theme, _ in found_terms],
        "term": [term for _, term in found_terms],
        "origin": "codebook",
    }).sort_values(["text_id", "start", "theme", "term"], ignore_index=True)[columns]
