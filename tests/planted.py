"""A synthetic ``tokens`` table with three clearly separated topics (for Reinert's tests)."""

from __future__ import annotations

import numpy as np
import pandas as pd

TOPICS = {
    "cuisine": "recette four farine sucre beurre gâteau cuisson pâte oeuf chocolat casserole "
               "saveur dessert tarte cuillère".split(),
    "football": "match ballon but gardien arbitre équipe stade supporter joueur penalty "
                "terrain entraîneur coupe victoire défense".split(),
    "jardin": "graine semis arrosage potager tomate racine feuille compost bêche serre fleur "
              "plante récolte sol engrais".split(),
}
SHARED = "jour temps semaine personne chose moment idée façon".split()


def planted_tokens(n_per_topic: int = 60, words_per_segment: int = 40, seed: int = 0):
    """Return a tokens table of texts each drawn from one topic (60 % topic words), and the
    true topic of each text."""
    rng = np.random.default_rng(seed)
    rows, truth = [], {}
    for topic, vocabulary in TOPICS.items():
        for n in range(n_per_topic):
            text_id = f"{topic}-{n}"
            offset = 0
            for i in range(words_per_segment):
                word = rng.choice(vocabulary) if rng.random() < 0.6 else rng.choice(SHARED)
                rows.append({"text_id": text_id, "doc_id": text_id, "kind": "testimonial",
                             "i": i, "start": offset, "end": offset + len(word),
                             "sentence": i // 10, "token": word, "lemma": word, "pos": "NOUN",
                             "is_stop": False, "is_punct": False, "author": None})
                offset += len(word) + 1
            truth[text_id] = topic
    return pd.DataFrame(rows), truth
