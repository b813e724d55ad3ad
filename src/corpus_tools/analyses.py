"""The analyses of ``corpus-tools analyse``: one registry entry each.

As spaCy's ``CONVERTERS`` dictionary, :data:`ANALYSES` is the one place an analysis is made
reachable from the command line: its name, a line of help, its options and a function that
takes the processed tables and the parsed options and returns an :class:`Outcome` (its
tables, its chart and a French sentence that sums it up). To add an analysis, add an entry.

Every analysis can run on a sub-corpus: :func:`select` keeps the texts that a query on their
facets (``year``, ``kind``, ``author``, ``category``, ``platform``) chooses. :func:`write`
writes an outcome where ``--out`` says: a table file (``.csv``, ``.xlsx``, ``.parquet``) for
the main table, the others beside it (or as sheets of the workbook), and the chart beside
it; a folder for one file per table and the chart as PNG and SVG.
"""

from __future__ import annotations

import argparse
import re
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from corpus_tools.french import number

if TYPE_CHECKING:  # pandas is imported where an analysis runs: building the command line's
    # parser (every command, ``run`` on an up-to-date folder too) reads this registry
    import pandas as pd
    from matplotlib.axes import Axes

Tables = Mapping[str, "pd.DataFrame"]

FACETS = ("kind", "author", "category", "year", "platform")
"""The facets of a text (:func:`corpus_tools.facets.text_facets`), usable as partitions."""

FACET_NAMES = {"kind": "genre de texte", "author": "auteur", "category": "catégorie",
               "year": "année", "platform": "plateforme"}
"""How a chart's title names each facet."""
TIME_FACETS = ("year",)
"""The facets whose parts are drawn in time order (not ranked), the undated texts last."""
UNDATED = "sans date"
"""The part of the texts without a date, in a chart of a time facet."""

KINDS = {"témoignage": "testimonial", "temoignage": "testimonial", "testimonial": "testimonial",
         "commentaire": "comment", "comment": "comment"}
"""The values of ``--kind``, in French or as the tables hold them."""

TABLES = ("tokens", "texts", "documents", "platforms")
"""The tables every analysis reads: the words, and what the facets of a text come from."""

TABLE_SUFFIXES = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}
CHART_SUFFIXES = (".png", ".svg", ".pdf")


@dataclass
class Outcome:
    """What an analysis gives: its tables (the main one first), a chart, a summary line."""

    tables: dict[str, pd.DataFrame]
    chart: Axes | None = None
    summary: str = ""


@dataclass(frozen=True)
class Entry:
    """One analysis of the registry."""

    name: str
    help: str
    run: Callable[[Tables, argparse.Namespace], Outcome]
    options: tuple[Option, ...] = ()
    needs: tuple[str, ...] = ()
    """The tables it reads besides :data:`TABLES`."""

    def read(self, processed: Path) -> dict[str, pd.DataFrame]:
        """Read, from the folder of ``corpus-tools run``, only the tables this analysis
        reads (at five million words, the others would take hundreds of megabytes), the
        words compactly (:func:`read_words`)."""
        from corpus_tools.store import read_table

        return {name: read_words(processed) if name == "tokens" else read_table(processed, name)
                for name in (*TABLES, *self.needs)}

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        """Declare the analysis's own options on its sub-command."""
        for flags, settings in self.options:
            parser.add_argument(*flags, **settings)


COMPACT = ("doc_id", "kind", "author", "pos")
"""The columns of ``tokens`` that repeat a few values over millions of rows: read as
categories (an integer a row and each value once), they take a fifth of the memory.
``text_id`` stays text: it joins ``tokens`` to the other tables."""


def read_words(processed: Path) -> pd.DataFrame:
    """Read the ``tokens`` table with :data:`COMPACT` as categories: from Parquet, straight
    from its dictionary-encoded columns (no column of strings made on the way), the memory
    pool of Arrow then handed back."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from corpus_tools.schema import TABLES as CONTRACT
    from corpus_tools.store import read_table

    path = Path(processed) / "tokens.parquet"
    if not path.exists():
        table = read_table(processed, "tokens")
        return table.astype(dict.fromkeys(COMPACT, "category"))
    arrow = pq.read_table(path, columns=CONTRACT["tokens"].names, read_dictionary=COMPACT)
    table = arrow.to_pandas(self_destruct=True, split_blocks=True)
    del arrow
    pa.default_memory_pool().release_unused()
    return table


Option = tuple[tuple[str, ...], dict]
"""An option of an analysis: the flags and the keywords of ``add_argument``."""


def _number(flag: str, default: int, help: str, *, metavar: str = "N") -> Option:
    return (flag,), {"type": int, "default": default, "metavar": metavar,
                     "help": f"{help} (défaut : {default})"}


_FIRST = object()


def _choice(flag: str, choices: tuple[str, ...], help: str, *,
            default: object = _FIRST) -> Option:
    """An option among ``choices``; the first by default, unless ``default`` is given."""
    default = choices[0] if default is _FIRST else default
    told = "" if default is None or "défaut" in help else f" (défaut : {default})"
    return (flag,), {"choices": choices, "default": default, "help": help + told}


def _text(flag: str, metavar: str, help: str, **settings: object) -> Option:
    return (flag,), {"metavar": metavar, "help": help, **settings}


def _flag(flag: str, help: str) -> Option:
    return (flag,), {"action": "store_true", "help": help}


def select(tables: Tables, *, where: str | None = None, kind: str | None = None) -> dict:
    """Keep the texts a query on their facets chooses, in every table that has ``text_id``.

    Args:
        tables: the processed tables (``texts``, ``documents``, ``tokens``…).
        where: a pandas query on the facets, e.g. ``"year >= 2014"`` or
            ``"kind == 'comment' and author != 'Marie'"`` (years are numbers, and a quoted
            year is read as one: ``year == '2014'`` works too; undated texts have none).
        kind: ``témoignage`` or ``commentaire`` (``testimonial``, ``comment``).

    Raises:
        ValueError: an unknown kind, or a query that cannot be read, in French.
    """
    import pandas as pd

    from corpus_tools.facets import text_facets

    if where is None and kind is None:
        return dict(tables)
    facets = text_facets(tables)
    keep = pd.Series(True, index=facets.index)
    if kind is not None:
        if kind.casefold() not in KINDS:
            raise ValueError(f"genre « {kind} » inconnu : choisir témoignage ou commentaire")
        keep &= facets["kind"] == KINDS[kind.casefold()]
    if where:
        # years as numbers (a text without a date has none), so that ``year >= 2014`` works;
        # a quoted year is read as a number too
        with_years = facets.assign(year=pd.to_numeric(facets["year"], errors="coerce"))
        try:
            chosen = with_years.query(re.sub(r"""(['"])(\d{4})\1""", r"\2", where),
                                      engine="python")
        except Exception as error:
            raise ValueError(f"filtre « {where} » illisible ({error}) ; colonnes possibles : "
                             f"{', '.join(FACETS)}") from None
        keep &= facets.index.isin(chosen.index)
    kept = set(facets.index[keep])
    return {name: table[table["text_id"].isin(kept)].reset_index(drop=True)
            if "text_id" in table.columns else table for name, table in tables.items()}


def check_destination(out: Path, *, chart: Path | None = None) -> None:
    """Refuse, before an analysis runs, a destination :func:`write` could not write.

    Raises:
        ValueError: a suffix that is neither a table's nor a chart's, in French.
    """
    if out.suffix and out.suffix.lower() not in TABLE_SUFFIXES:
        raise ValueError(f"{out} : suffixe « {out.suffix} » inconnu ; choisir "
                         f"{', '.join(TABLE_SUFFIXES)} ou un dossier")
    if chart is not None and chart.suffix.lower() not in CHART_SUFFIXES:
        raise ValueError(f"{chart} : un graphique s’écrit en {', '.join(CHART_SUFFIXES)}")


def write(outcome: Outcome, out: Path, *, chart: Path | None = None) -> list[Path]:
    """Write an outcome's tables and chart where ``out`` says; return the paths written.

    Args:
        outcome: what an analysis returned.
        out: a table file (``.csv``, ``.xlsx``, ``.parquet``: the main table there, the
            others beside it as ``<name>-<table>.csv``, or as sheets of the one workbook) or
            a folder (one CSV per table, the chart as PNG and SVG).
        chart: where the chart goes (``.png``, ``.svg``, ``.pdf``); by default beside a table
            file, with its name and ``.png``.

    Raises:
        ValueError: a suffix that is neither a table's nor a chart's.
    """
    import pandas as pd

    from corpus_tools.files import atomic_path
    from corpus_tools.store import write_table

    check_destination(out, chart=chart)
    written: list[Path] = []
    suffix = out.suffix.lower()
    tables = list(outcome.tables.items())
    if not suffix:
        out.mkdir(parents=True, exist_ok=True)
        written += [write_table(table, out, name, fmt="csv") for name, table in tables]
        charts = [chart] if chart else [out / f"{tables[0][0]}{s}" for s in (".png", ".svg")]
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        fmt = TABLE_SUFFIXES[suffix]
        if fmt == "xlsx":
            with atomic_path(out) as temporary, pd.ExcelWriter(temporary) as book:
                for name, table in tables:
                    table.to_excel(book, sheet_name=name[:31], index=False)
            written.append(out)
        else:
            written.append(write_table(tables[0][1], out.parent, out.stem, fmt=fmt))
            written += [write_table(table, out.parent, f"{out.stem}-{name}", fmt=fmt)
                        for name, table in tables[1:]]
        charts = [chart or out.with_suffix(".png")]
    if outcome.chart is not None:
        from corpus_tools import plots

        for path in charts:
            path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(path) as temporary:
                outcome.chart.figure.savefig(temporary, format=path.suffix[1:], dpi=150,
                                             bbox_inches="tight")
            written.append(path)
        plots.close(outcome.chart)
    return written


def run_analysis(name: str, tables: Tables, args: argparse.Namespace) -> Outcome:
    """Run the analysis ``name`` of :data:`ANALYSES` on the sub-corpus the options choose."""
    chosen = select(tables, where=getattr(args, "where", None), kind=getattr(args, "kind", None))
    if chosen["tokens"].empty:
        raise ValueError("aucun mot dans le sous-corpus choisi (vérifiez --where et --kind)")
    return ANALYSES[name].run(chosen, args)


def _facet(tables: Tables, name: str) -> pd.Series:
    from corpus_tools.facets import text_facets

    return text_facets(tables)[name]


def _terms(text: str) -> list[str]:
    """« tablette,facebook » or « tablette facebook »: the terms of ``--terms``."""
    return [term for part in text for term in part.replace(",", " ").split()]


# the analyses, in the order of the registry


def _kwic(tables: Tables, args: argparse.Namespace) -> Outcome:
    from corpus_tools import plots
    from corpus_tools.concordance import kwic
    from corpus_tools.facets import NONE

    sort = {"texte": None, "gauche": "left", "droite": "right", "motif": "match"}[args.sort]
    lines = kwic(tables["tokens"], args.query, by=args.by, window=args.window, sort=sort)
    facet = _facet(tables, args.facet)
    parts = lines["text_id"].map(facet)
    title = f"« {args.query} » par {FACET_NAMES.get(args.facet, args.facet)}"
    if args.facet in TIME_FACETS:  # in time order, the undated texts last and named so
        missing = parts.isna() | (parts.astype(str) == NONE)
        counts = parts[~missing].astype(str).value_counts().sort_index()
        if missing.any():
            counts[UNDATED] = int(missing.sum())
        chart = plots.ordered_counts(counts, title=title, xlabel="occurrences")
    else:
        chart = plots.top_items(lines.assign(part=parts), "part", title=title,
                                xlabel="occurrences")
    return Outcome({"concordance": lines}, chart,
                   f"« {args.query} » : {number(len(lines))} occurrence(s) dans "
                   f"{number(lines['text_id'].nunique())} texte(s)")


_KWIC_OPTIONS = (
    _text("--query", "REQUÊTE", "mot(s) avec jokers * et ?, #hashtag, @compte, ou motifs "
          "CQL : '[lemma=\"apprendre\"] [pos=\"ADP\"]? [lemma=\"twitter\"]'", required=True),
    _choice("--by", ("lemma", "token"), "mots simples : chercher les lemmes (lemma) ou les "
            "formes (token)"),
    _number("--window", 8, "mots de contexte de chaque côté"),
    _choice("--sort", ("texte", "gauche", "droite", "motif"),
            "ordre des lignes : des textes, du contexte gauche (le mot le plus proche "
            "d’abord), du contexte droit, du motif trouvé"),
    _choice("--facet", FACETS, "partition du graphique", default="year"),
)

def _specificities(tables: Tables, args: argparse.Namespace) -> Outcome:
    from corpus_tools import plots
    from corpus_tools.specificity import keyness, specificities

    compute = keyness if args.analysis == "keyness" else specificities
    table = compute(tables["tokens"], _facet(tables, args.facet), min_freq=args.min_freq)
    parts = table["part"].drop_duplicates().tolist()
    part = args.part if args.part is not None else (parts[0] if parts else "")
    if args.part is not None and part not in parts:
        raise ValueError(f"partie « {part} » absente de {args.facet} (possibles : "
                         f"{', '.join(map(str, parts))})")
    score = "G2" if args.analysis == "keyness" else "score"
    strong = table[(table["part"] == part) & (table[score] > 0)].nlargest(5, score)
    return Outcome({args.analysis: table}, plots.specificities(table, part),
                   f"{args.facet} : {number(len(parts))} partie(s) ; « {part} » : "
                   + (", ".join(strong["term"]) or "aucun lemme sur-représenté"))


_SPECIFICITIES_OPTIONS = (
    _choice("--facet", FACETS, "partition comparée"),
    _text("--part", "PARTIE", "partie montrée par le graphique (défaut : la première)"),
    _number("--min-freq", 2, "fréquence minimale d’un lemme"),
)

def _afc(tables: Tables, args: argparse.Namespace) -> Outcome:
    from corpus_tools import plots
    from corpus_tools.afc import correspondence, correspondence_of_classes

    if args.facet == "reinert":
        from corpus_tools.chd import reinert

        result = correspondence_of_classes(reinert(tables["tokens"], k=args.classes),
                                           n_components=args.axes)
    else:
        result = correspondence(tables["tokens"], _facet(tables, args.facet),
                                min_freq=args.min_freq, n_components=args.axes)
    shares = ", ".join(f"F{row.axis} {row.share * 100:.1f} %".replace(".", ",")
                       for row in result.eigenvalues.head(3).itertuples())
    return Outcome({"valeurs-propres": result.eigenvalues,
                    "lignes": result.rows.rename_axis("lemme").reset_index(),
                    "colonnes": result.columns.rename_axis("partie").reset_index()},
                   plots.correspondence_map(result, n_terms=args.terms),
                   f"AFC de {number(len(result.rows))} lemmes × {number(len(result.columns))} "
                   f"parties ({args.facet}) : {shares} de l’inertie")


_AFC_OPTIONS = (
    _choice("--facet", (*FACETS, "reinert"), "partition analysée (reinert : les classes)",
            default="year"),
    _number("--axes", 5, "axes gardés"),
    _number("--min-freq", 3, "fréquence minimale d’un lemme"),
    _number("--terms", 20, "lemmes sur la carte"),
    _number("--classes", 5, "classes de Reinert, avec --facet reinert", metavar="K"),
)

def _progression(tables: Tables, args: argparse.Namespace) -> Outcome:
    from corpus_tools import plots
    from corpus_tools.chronology import chronological_specificities, progression

    result = progression(tables, _terms(args.terms), by=args.by)
    totals = result.frequencies.groupby("term", sort=False)["count"].sum()
    found = ", ".join(f"{term} {number(int(count))}" for term, count in totals.items())
    undated = result.undated
    return Outcome({"progression": result.frequencies,
                    "cumulee": result.cumulative,
                    "specificites-chronologiques": chronological_specificities(
                        tables["tokens"], tables["texts"], by=args.by)},
                   plots.progression(result),
                   f"par {'mois' if args.by == 'month' else 'année'} : {found} (textes datés) ; "
                   f"{number(undated['texts'])} texte(s) sans date "
                   f"({number(undated['words'])} mots)")


_PROGRESSION_OPTIONS = (
    _text("--terms", "TERME", "lemmes, #hashtags, plateformes ou thèmes (séparés par des "
          "espaces ou des virgules)", required=True, nargs="+"),
    _choice("--by", ("year", "month"), "période"),
)

def _cooccurrents(tables: Tables, args: argparse.Namespace) -> Outcome:
    from corpus_tools import plots
    from corpus_tools.collocates import cooccurrents

    table = cooccurrents(tables["tokens"], args.pivot, window=args.window,
                         unit="sentence" if args.sentence else "window",
                         min_cofreq=args.min_cofreq)
    context = "la phrase" if args.sentence else f"{args.window} mots de part et d’autre"
    return Outcome({"cooccurrents": table}, plots.cooccurrents(table, args.pivot),
                   f"cooccurrents de « {args.pivot} » ({context}) : {number(len(table))} ; "
                   + ", ".join(table["term"].head(5)))


_COOCCURRENTS_OPTIONS = (
    _text("--pivot", "LEMME", "le mot étudié", required=True),
    _number("--window", 5, "mots de part et d’autre"),
    _flag("--sentence", "la phrase entière plutôt qu’une fenêtre"),
    _number("--min-cofreq", 2, "cofréquence minimale"),
)

def _segments(tables: Tables, args: argparse.Namespace) -> Outcome:
    from corpus_tools import plots
    from corpus_tools.collocates import collocations, segments

    if args.collocations:
        table = collocations(tables["tokens"], min_count=args.min_freq)
        name, label, count, title = "collocations", "collocation", "count", "Collocations"
    else:
        table = segments(tables["tokens"], n=(2, args.max_words), min_count=args.min_freq)
        name, label, count, title = "segments", "segment", "freq", "Segments répétés"
    chart = plots.ranked_counts(table.set_index(label)[count], title=title,
                                xlabel="occurrences")
    seen = "vues" if args.collocations else "vus"
    return Outcome({name: table}, chart,
                   f"{name} {seen} au moins {number(args.min_freq)} fois : {number(len(table))}"
                   + (f" ; le premier : « {table[label].iloc[0]} »" if len(table) else ""))


_SEGMENTS_OPTIONS = (
    _number("--min-freq", 3, "occurrences minimales"),
    _number("--max-words", 5, "mots au plus par segment"),
    _flag("--collocations", "les paires de mots associés (lambda, z) plutôt que les segments"),
)

def _stats(tables: Tables, args: argparse.Namespace) -> Outcome:
    from corpus_tools import plots
    from corpus_tools.lexicometry import lexical_summary, text_measures, zipf

    facet = _facet(tables, args.facet) if args.facet else None
    table = lexical_summary(tables["tokens"], facet)
    ranks, exponent = zipf(tables["tokens"])
    first = table.iloc[0]
    per_text = text_measures(tables["tokens"], window=args.window).reset_index()
    return Outcome({"lexicometrie": table, "zipf": ranks, "textes": per_text},
                   plots.zipf(ranks, exponent),
                   f"{number(len(table))} partie(s) ; {first['part']} : "
                   f"{number(int(first['words']))} mots, {number(int(first['forms']))} formes, "
                   f"{number(int(first['hapax']))} hapax ; exposant de Zipf "
                   + f"{exponent:.2f}".replace(".", ","))


_STATS_OPTIONS = (
    _choice("--facet", FACETS, "une ligne par partie (défaut : le corpus entier)",
            default=None),
    _number("--window", 50, "mots de la fenêtre du MATTR, dans la table des textes"),
)

def _reinert(tables: Tables, args: argparse.Namespace) -> Outcome:
    from corpus_tools import plots
    from corpus_tools.chd import reinert, reinert_double
    from corpus_tools.facets import text_facets

    with warnings.catch_warnings():  # said in the summary instead
        warnings.simplefilter("ignore", UserWarning)
        if args.double:
            second = args.second_size or round(args.segment_size * 1.5)
            result = reinert_double(tables["tokens"], k=args.classes,
                                    segment_sizes=(args.segment_size, second))
        else:
            result = reinert(tables["tokens"], k=args.classes, segment_size=args.segment_size)
    sizes = ", ".join(f"{cluster} : {number(int(size))}" for cluster, size in result.sizes.items())
    found = {"profils": result.profiles, "segments": result.segments,
             "metadonnees": result.metadata(text_facets(tables))}
    if result.crossings is not None:
        found["croisements"] = result.crossings
    chart = (plots.reinert_clouds(result) if args.clouds or args.double
             else plots.reinert_dendrogram(result))
    summary = (f"{number(len(result.sizes))} classe(s) ({sizes} segments) ; "
               f"{result.classified_share * 100:.0f} % des segments classés"
               + "".join(f"\n  avertissement : {message}" for message in result.warnings))
    return Outcome(found, chart, summary)


_REINERT_OPTIONS = (
    _number("--classes", 5, "classes au plus", metavar="K"),
    _number("--segment-size", 40, "mots par segment de texte"),
    _flag("--double", "double classification (comme rainette2) : deux découpages, les "
                      "classes sur lesquelles ils s’accordent"),
    (("--second-size",), {"type": int, "metavar": "N",
                          "help": "mots par unité du second découpage, avec --double "
                                  "(défaut : 1,5 × --segment-size)"}),
    _flag("--clouds", "un nuage de mots par classe plutôt que l’arbre (toujours avec "
                      "--double, qui n’a pas d’arbre)"),
)


def _similitudes(tables: Tables, args: argparse.Namespace) -> Outcome:
    import pandas as pd

    from corpus_tools import plots
    from corpus_tools.similitudes import communities, cooccurrence, similitude_graph, write_graph

    edges = cooccurrence(tables["tokens"], unit=args.unit, min_freq=args.min_freq,
                         top=args.top)
    graph = similitude_graph(edges, score=args.score)
    groups = communities(graph)
    members = pd.DataFrame({"lemme": list(groups), "communaute": list(groups.values()),
                            "segments": [graph.nodes[node]["freq"] for node in groups]}
                           ).sort_values(["communaute", "segments"], ascending=[True, False],
                                         ignore_index=True)
    strongest = edges.nlargest(3, args.score) if len(edges) else edges
    summary = (f"{number(len(edges))} paire(s) de lemmes, {number(len(set(groups.values())))} "
               "communauté(s) ; les plus liées : "
               + (", ".join(f"{a}–{b}" for a, b in zip(strongest["source"],
                                                       strongest["target"], strict=True))
                  or "aucune"))
    if args.graph is not None:
        summary += f" ; graphe : {write_graph(graph, args.graph)}"
    return Outcome({"similitudes": edges, "communautes": members},
                   plots.similitudes(edges, score=args.score), summary)


def _graph_file(text: str) -> Path:
    from corpus_tools.similitudes import check_graph_path

    try:
        check_graph_path(Path(text))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return Path(text)


_SIMILITUDES_OPTIONS = (
    _choice("--unit", ("sentence", "text"), "fenêtre de cooccurrence"),
    _choice("--score", ("count", "jaccard", "dice", "ochiai"), "indice de l’arbre"),
    _number("--min-freq", 3, "segments minimaux d’un lemme"),
    _number("--top", 40, "lemmes gardés"),
    (("--graph",), {"type": _graph_file, "metavar": "FICHIER",
                    "help": "écrire aussi l’arbre pour Gephi (.gexf) ou en GraphML (.graphml)"}),
)


def _topics(tables: Tables, args: argparse.Namespace) -> Outcome:
    from corpus_tools import plots
    from corpus_tools.topic_models import topics

    result = topics(tables["tokens"], args.topics, method=args.method)
    labels = result.labels(4)
    unit = result.mix.columns[0]
    main = result.mix.loc[result.mix.groupby(unit)["weight"].idxmax(), "topic"]
    counts = main.map(lambda t: f"{t}. {labels[int(t)]}").value_counts()
    chart = plots.ranked_counts(counts, title="Thèmes latents : le thème principal de chaque "
                                "témoignage", xlabel="témoignages")
    return Outcome({"termes": result.terms, "melange": result.mix}, chart,
                   f"{number(len(labels))} thème(s) : " + " | ".join(
                       f"{t}. {label}" for t, label in labels.items()))


_TOPICS_OPTIONS = (
    _number("--topics", 5, "nombre de thèmes", metavar="K"),
    _choice("--method", ("nmf", "lda"), "méthode"),
)

ANALYSES: dict[str, Entry] = {entry.name: entry for entry in (
    Entry("kwic", "concordance d’un mot, d’un #hashtag ou d’un @compte", _kwic, _KWIC_OPTIONS),
    Entry("specificities", "spécificités de Lafon de chaque partie", _specificities,
          _SPECIFICITIES_OPTIONS),
    Entry("keyness", "mots-clés par log-vraisemblance (G²) de chaque partie", _specificities,
          _SPECIFICITIES_OPTIONS),
    Entry("afc", "analyse factorielle des correspondances", _afc, _AFC_OPTIONS),
    Entry("progression", "fréquence de termes dans le temps", _progression,
          _PROGRESSION_OPTIONS, needs=("hashtags", "themes")),
    Entry("cooccurrents", "les mots autour d’un pivot (score de spécificité)", _cooccurrents,
          _COOCCURRENTS_OPTIONS),
    Entry("segments", "segments répétés, ou collocations", _segments, _SEGMENTS_OPTIONS),
    Entry("stats", "résumé lexicométrique et loi de Zipf", _stats, _STATS_OPTIONS),
    Entry("reinert", "classification de Reinert (comme IRaMuTeQ)", _reinert, _REINERT_OPTIONS),
    Entry("similitudes", "arbre des mots employés ensemble", _similitudes,
          _SIMILITUDES_OPTIONS),
    Entry("topics", "thèmes latents (NMF ou LDA)", _topics, _TOPICS_OPTIONS),
)}
"""Every analysis of ``corpus-tools analyse``, by name."""
