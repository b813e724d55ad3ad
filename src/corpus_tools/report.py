"""Figures and a self-contained HTML report for class, from the analysis tables.

:data:`CHARTS` lists the report's charts, each with a one-sentence reading computed from the
data; :func:`build_report` writes every chart as PNG and SVG, and one ``report.html`` with the
PNGs embedded (it opens offline, from a USB stick). Every text from the corpus goes through
Jinja2's autoescaping: a testimonial containing ``<script>`` shows as text.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path

import pandas as pd
from matplotlib.axes import Axes

from corpus_tools import chartdata as data
from corpus_tools import plots
from corpus_tools.files import atomic_path, write_text
from corpus_tools.french import counted, join, number
from corpus_tools.schema import OUTPUT_TABLES
from corpus_tools.store import read_table

Tables = Mapping[str, pd.DataFrame]
REPORT_TABLES = tuple(name for name in OUTPUT_TABLES if name != "warnings")
"""The tables the report reads: all but the warnings."""


@dataclass(frozen=True)
class Noun:
    """What a reading counts, with what agrees with it: « la personne la plus citée », « les
    lieux les plus cités », « 12 personnes différentes », « chacune »."""

    singular: str
    plural: str
    feminine: bool
    best: str
    """The leader, in the singular: « la personne la plus citée »."""
    best_many: str
    """The leaders, in the plural: « les personnes les plus citées »."""
    only: str
    """The one value there is: « la seule personne citée »."""

    @property
    def each(self) -> str:
        """« chacun » or « chacune »."""
        return "chacune" if self.feminine else "chacun"

    def different(self, count: int) -> str:
        """« 3 hashtags différents », « 1 personne différente »."""
        ending = "e" if self.feminine else ""
        return counted(count, f"{self.singular} différent{ending}",
                  f"{self.plural} différent{ending}s")


HASHTAG = Noun("hashtag", "hashtags", False, "le hashtag le plus fréquent",
               "les hashtags les plus fréquents", "le seul hashtag")
ACCOUNT = Noun("compte", "comptes", False, "le compte le plus mentionné",
               "les comptes les plus mentionnés", "le seul compte mentionné")
ENTITY_NOUNS = {
    "PER": Noun("personne", "personnes", True, "la personne la plus citée",
                "les personnes les plus citées", "la seule personne citée"),
    "LOC": Noun("lieu", "lieux", False, "le lieu le plus cité", "les lieux les plus cités",
                "le seul lieu cité"),
    "ORG": Noun("organisation", "organisations", True, "l’organisation la plus citée",
                "les organisations les plus citées", "la seule organisation citée"),
}
LABEL_SINGULARS = {"PER": "personne", "LOC": "lieu", "ORG": "organisation", "MISC": "autre",
                   "PLATFORM": "plateforme"}
"""The singular of each label's name (the plural is :data:`chartdata.ENTITY_LABELS`)."""

MAX_NAMED = 3
"""Leaders tied at the top named in a reading; beyond, only their number is given."""


def _named(leaders: list[str], *, quoted: bool = False) -> str:
    """Name the leaders tied at the top, the first :data:`MAX_NAMED` only (« A, B, C et 9
    autres »)."""
    names = [f"« {name} »" if quoted else name for name in leaders]
    if len(names) <= MAX_NAMED:
        return join(names)
    others = len(names) - MAX_NAMED
    return f"{', '.join(names[:MAX_NAMED])} et {counted(others, 'autre')}"


def _top_reading(counts: pd.Series, noun: Noun, nothing: str) -> str:
    """The reading of a chart of ranked counts (:mod:`corpus_tools.chartdata`)."""
    if counts.empty:
        return nothing
    leaders, top = data.leaders(counts)
    times = counted(top, "occurrence")
    if len(counts) == 1:
        return f"{leaders[0]} est {noun.only} ({times})."
    if len(leaders) == 1:
        return f"{leaders[0]} est {noun.best} ({times}) ; {noun.different(len(counts))} en tout."
    if len(leaders) == len(counts):
        return f"{noun.different(len(counts))}, à égalité ({times} {noun.each})."
    return (f"{_named(leaders)} sont {noun.best_many} ({times} {noun.each}) ; "
            f"{noun.different(len(counts))} en tout.")


def _most_widespread(testimonials: pd.Series, t: Tables) -> tuple[list[str], str]:
    """The labels found in the most testimonials, and « N témoignages sur M »."""
    leaders, top = data.leaders(testimonials)
    return leaders, f"{counted(top, 'témoignage')} sur {number(len(t['documents']))}"


def _platform_reading(t: Tables) -> str:
    summary = data.platform_summary(t["platforms"])
    if summary.empty:
        return "Aucune plateforme n’est citée."
    leaders, documents = _most_widespread(summary["documents"], t)
    if len(leaders) == 1:
        times = int(summary.loc[leaders[0], "mentions"])
        best = (f"{leaders[0]} est la plateforme la plus citée : dans {documents}, "
                f"{counted(times, 'fois', 'fois')} en tout")
    else:
        best = (f"{_named(leaders)} sont les plateformes les plus citées : dans {documents} "
                "chacune")
    return f"{best} ; {counted(len(summary), 'plateforme différente', 'plateformes différentes')}."


def _entity_reading(t: Tables, label: str) -> str:
    return _top_reading(data.entity_counts(t["entities"], label), ENTITY_NOUNS[label],
                        "Aucune entité de ce type.")


def _labels_reading(t: Tables) -> str:
    counts = data.label_counts(t["entities"])
    if counts.empty:
        return "Aucune entité nommée."
    singular = {data.ENTITY_LABELS.get(label, label): word
                for label, word in LABEL_SINGULARS.items()}
    parts = join([counted(int(count), singular.get(name, name), name)
                  for name, count in counts.items()])
    return (f"Le corpus compte {counted(int(counts.sum()), 'entité nommée', 'entités nommées')} : "
            f"{parts}.")


def _theme_reading(t: Tables) -> str:
    spread = data.theme_spread(t["themes"])
    if spread.empty:
        return "Aucun thème du codebook n’apparaît."
    leaders, documents = _most_widespread(spread, t)
    if len(leaders) == 1:
        return f"« {leaders[0]} » est le thème le plus répandu : il apparaît dans {documents}."
    return (f"{_named(leaders, quoted=True)} sont les thèmes les plus répandus : "
            f"chacun apparaît dans {documents}.")


def _heatmap_reading(t: Tables) -> str:
    return ("Chaque case compte les occurrences d’un thème dans un témoignage et ses "
            "commentaires : plus elle est claire, plus le thème y est présent.")


def _network_reading(t: Tables) -> str:
    _, edges = data.cooccurrence(t["themes"])  # the links the chart draws
    if edges.empty:
        return "Pas assez de données pour relier plateformes et thèmes."
    strongest = int(edges["weight"].iloc[0])
    ties = edges[edges["weight"] == strongest]
    a, b = ties["source"].iloc[0], ties["target"].iloc[0]
    others = len(ties) - 1
    also = (f", à égalité avec {counted(others, 'autre paire', 'autres paires')}" if others
            else "")
    return (f"Deux nœuds sont reliés quand ils apparaissent dans les mêmes témoignages (seuls "
            f"les liens les plus forts de chacun sont tracés ; une zone ombrée regroupe ceux qui "
            f"sont plus liés entre eux) ; le lien le plus fort unit « {a} » et « {b} » "
            f"({counted(strongest, 'témoignage')}){also}.")


def _mention_graph_reading(t: Tables) -> str:
    _, edges = data.mention_network(t["mentions"], t["texts"])  # the arrows the chart draws
    if edges.empty:
        return "Aucun compte n’est mentionné dans les textes."
    leaders, top = data.leaders(edges.groupby("target")["weight"].sum())
    times = counted(top, "fois", "fois")
    best = (f"{leaders[0]} est le plus mentionné ({times})" if len(leaders) == 1
            else f"{_named(leaders)} sont les plus mentionnés ({times} chacun)")
    return f"Chaque flèche va de l’auteur d’un texte vers un compte qu’il mentionne ; {best}."


def _comments_reading(t: Tables) -> str:
    documents = t["documents"]
    if documents.empty or documents["n_comments"].sum() == 0:
        return "Aucun témoignage n’a de commentaire."
    leaders, top = data.leaders(data.comment_counts(documents))
    comments = counted(top, "commentaire")
    total = f"{number(documents['n_comments'].sum())} commentaires en tout"
    if len(leaders) == 1:
        return f"« {leaders[0]} » est le témoignage le plus commenté ({comments}) ; {total}."
    return (f"{_named(leaders, quoted=True)} sont les témoignages les plus "
            f"commentés ({comments} chacun) ; {total}.")


def _time_reading(t: Tables) -> str:
    per_month = data.activity(t["texts"]).sum(axis=1)
    if per_month.empty:
        return (f"Aucun texte n’est daté ({counted(len(t['texts']), 'texte')} sans date) : la "
                "courbe est vide.")
    top = int(per_month.max())
    leaders = [month.strftime("%m/%Y") for month in per_month.index[per_month == top]]
    texts = counted(top, "texte")
    best = (f"le mois le plus actif est {leaders[0]} ({texts})" if len(leaders) == 1
            else f"les mois les plus actifs sont {_named(leaders)} ({texts} chacun)")
    dated = per_month[per_month > 0].index
    undated = int(t["texts"]["published"].isna().sum())
    missing = (f" ; {counted(undated, 'texte sans date n’est pas', 'textes sans date ne sont pas')}"
               " sur la courbe" if undated else "")
    dated_texts = counted(int(per_month.sum()), "texte daté", "textes datés")
    return (f"{dated_texts}, de {dated.min():%m/%Y} à {dated.max():%m/%Y} ; {best}{missing}.")


def _cloud_reading(t: Tables) -> str:
    frequencies = data.cloud_frequencies(t["tokens"])  # the words the cloud draws
    if frequencies.empty:
        return "Aucun mot à afficher."
    leaders, top = data.leaders(frequencies)
    times = counted(top, "fois", "fois")
    best = (f"« {leaders[0]} » revient le plus souvent ({times})" if len(leaders) == 1
            else f"{_named(leaders, quoted=True)} reviennent le plus souvent ({times} chacun)")
    return f"La taille d’un mot suit sa fréquence (lemmes, mots outils exclus) ; {best}."


def _keyterms_reading(t: Tables) -> str:
    return ("Pour chaque témoignage, les mots (noms, noms propres, adjectifs) qui lui sont le "
            "plus propres par rapport au reste du corpus (TF-IDF), du plus au moins "
            "caractéristique.")


@dataclass(frozen=True)
class Chart:
    """One chart of the report: how to draw it, and how to read it in one sentence."""

    name: str
    title: str
    draw: Callable[[Tables], Axes]
    reading: Callable[[Tables], str]


CHARTS: tuple[Chart, ...] = (
    Chart("plateformes", "Plateformes citées", lambda t: plots.platforms(t["platforms"]),
          _platform_reading),
    Chart("hashtags", "Hashtags les plus fréquents", lambda t: plots.hashtags(t["hashtags"]),
          lambda t: _top_reading(data.hashtag_counts(t["hashtags"]), HASHTAG,
                                 "Aucun hashtag dans le corpus.")),
    Chart("mentions", "Comptes les plus mentionnés", lambda t: plots.mentions(t["mentions"]),
          lambda t: _top_reading(data.mention_counts(t["mentions"]), ACCOUNT,
                                 "Aucun compte mentionné dans les textes.")),
    Chart("personnes", "Personnes citées", lambda t: plots.entities(t["entities"], "PER"),
          lambda t: _entity_reading(t, "PER")),
    Chart("lieux", "Lieux cités", lambda t: plots.entities(t["entities"], "LOC"),
          lambda t: _entity_reading(t, "LOC")),
    Chart("organisations", "Organisations citées",
          lambda t: plots.entities(t["entities"], "ORG"),
          lambda t: _entity_reading(t, "ORG")),
    Chart("types-entites", "Entités nommées par type",
          lambda t: plots.entity_labels(t["entities"]), _labels_reading),
    Chart("themes", "Thèmes dans le corpus", lambda t: plots.theme_frequency(t["themes"]),
          _theme_reading),
    Chart("themes-par-temoignage", "Thèmes par témoignage",
          lambda t: plots.theme_heatmap(t["themes"], t["documents"]), _heatmap_reading),
    Chart("reseau-plateformes-themes", "Plateformes et thèmes cités ensemble",
          lambda t: plots.cooccurrence_network(t["themes"]), _network_reading),
    Chart("qui-mentionne-qui", "Qui mentionne qui",
          lambda t: plots.mention_graph(t["mentions"], t["texts"]), _mention_graph_reading),
    Chart("commentaires", "Commentaires par témoignage",
          lambda t: plots.comments_per_testimonial(t["documents"]), _comments_reading),
    Chart("chronologie", "Témoignages et commentaires dans le temps",
          lambda t: plots.activity_over_time(t["texts"]), _time_reading),
    Chart("nuage-de-mots", "Les mots du corpus", lambda t: plots.word_cloud(t["tokens"]),
          _cloud_reading),
    Chart("termes-cles", "Termes clés par témoignage",
          lambda t: plots.keyterms(t["keyterms"], t["documents"]), _keyterms_reading),
)


def read_tables(processed: str | Path) -> dict[str, pd.DataFrame]:
    """Read the tables the report needs from a ``corpus-tools run`` output folder."""
    return {name: read_table(processed, name) for name in REPORT_TABLES}


def is_empty(tables: Tables) -> bool:
    """Whether the corpus holds no text at all (nothing to chart)."""
    return tables["texts"].empty


def _empty_page(title: str, source: str, errors: list[tuple]) -> str:
    """The short page of an empty corpus: what happened, and the files that failed."""
    from html import escape

    failed = "".join(f"<li><code>{escape(str(where))}</code> : {escape(str(why))}</li>"
                     for where, why in errors)
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title></head>"
            '<body style="font: 20px/1.5 \'DejaVu Sans\', Verdana, sans-serif; color: #111; '
            'margin: 2em">'
            f"<h1>{escape(title)}</h1><p>Le corpus est vide : aucun texte n’a été chargé "
            f"depuis <code>{escape(source)}</code>, il n’y a donc rien à représenter.</p>"
            + (f"<p>Fichiers non chargés :</p><ul>{failed}</ul>" if failed else "")
            + "</body></html>\n")


def _top_tables(t: Tables) -> list[dict]:
    """The tables beside the charts: each counts what its chart counts, in the same order
    (the same :mod:`corpus_tools.chartdata` function), and its column says what."""
    def table(title: str, header: str, counts: pd.Series, count: str) -> dict:
        return {"title": title, "header": header, "count_header": count,
                "rows": [(str(label), number(int(n))) for label, n in counts.head(10).items()]}

    keyterms = t["keyterms"]
    corpus_terms = keyterms[keyterms["scope"] == "corpus"]
    return [
        table("Plateformes", "plateforme",
              data.platform_summary(t["platforms"])["documents"], "témoignages qui la citent"),
        table("Hashtags", "hashtag", data.hashtag_counts(t["hashtags"]), "occurrences"),
        table("Comptes mentionnés", "compte", data.mention_counts(t["mentions"]), "mentions"),
        table("Personnes", "personne", data.entity_counts(t["entities"], "PER"), "occurrences"),
        table("Lieux", "lieu", data.entity_counts(t["entities"], "LOC"), "occurrences"),
        table("Thèmes (codebook)", "thème", data.theme_spread(t["themes"]),
              "témoignages où il apparaît"),
        {"title": "Termes clés du corpus, du plus caractéristique (TF-IDF)", "header": "terme",
         "count_header": "occurrences",
         "rows": [(row.term, number(int(row.count))) for row in corpus_terms.itertuples()]},
    ]


def _summary(t: Tables) -> tuple[list[tuple[str, str]], tuple[str, str] | None]:
    documents, texts = t["documents"], t["texts"]
    authors = texts["author"].dropna().nunique() if not texts.empty else 0
    summary = [
        ("témoignages", len(documents)),
        ("commentaires", len(t["comments"])),
        ("mots", int(texts["n_words"].sum()) if not texts.empty else 0),
        ("auteurs différents", authors),
        ("plateformes différentes", t["platforms"]["platform"].nunique()
         if not t["platforms"].empty else 0),
        ("hashtags différents", t["hashtags"]["tag"].nunique()
         if not t["hashtags"].empty else 0),
    ]
    dated = pd.to_datetime(texts["published"]).dropna() if not texts.empty else []
    period = (f"{dated.min():%d/%m/%Y}", f"{dated.max():%d/%m/%Y}") if len(dated) else None
    # counts written the French way, as everywhere else in the report (« 3 813 mots »)
    return [(label, number(int(value))) for label, value in summary], period


def build_report(
    tables: Tables | str | Path,
    out: str | Path,
    *,
    title: str = "Témoignages : comment j’ai appris les réseaux sociaux",
    source: str | None = None,
) -> Path:
    """Write ``figures/*.png``, ``figures/*.svg`` and a self-contained ``report.html``.

    Args:
        tables: the analysis tables (``analyze(...).tables``), or a ``corpus-tools run``
            output folder to read them from.
        out: the report folder, or the HTML file itself (a path ending in ``.html``), the
            figures then going to ``figures/`` beside it.
        title: the report's title.
        source: where the tables came from, as shown in the report.

    Returns:
        The path of ``report.html``.
    """
    import jinja2

    if isinstance(tables, (str, Path)):
        source = source or str(tables)
        tables = read_tables(tables)
    out = Path(out)
    target = out if out.suffix.lower() in (".html", ".htm") else out / "report.html"
    from corpus_tools.pipeline import package_version

    if is_empty(tables):
        write_text(target, _empty_page(title, source or "analyse en mémoire",
                                       [tuple(row) for row in
                                        tables["errors"].itertuples(index=False)]))
        return target
    figures = target.parent / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    rendered = []
    for chart in CHARTS:
        ax = chart.draw(tables)
        png = io.BytesIO()
        plots.save(ax, png, format="png")
        with atomic_path(figures / f"{chart.name}.png") as temporary:
            temporary.write_bytes(png.getvalue())
        with atomic_path(figures / f"{chart.name}.svg") as temporary:
            plots.save(ax, temporary, format="svg")  # its text stays text
        plots.close(ax)
        rendered.append({"name": chart.name, "title": chart.title,
                         "reading": chart.reading(tables),
                         "png": base64.b64encode(png.getvalue()).decode("ascii")})
    summary, period = _summary(tables)
    template_text = resources.files("corpus_tools").joinpath(
        "resources", "report.html.j2").read_text(encoding="utf-8")
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    html = environment.from_string(template_text).render(
        title=title, created=datetime.now().strftime("%d/%m/%Y à %H:%M"),
        version=package_version(), source=source or "analyse en mémoire", summary=summary,
        period=period, errors=[tuple(row) for row in tables["errors"].itertuples(index=False)],
        charts=rendered, tables=_top_tables(tables),
    )
    write_text(target, html)
    return target


A4_LANDSCAPE = (11.69, 8.27)
"""An A4 page, landscape, in inches."""


def build_pdf(tables: Tables | str | Path, out: str | Path, *,
              title: str = "Témoignages : comment j’ai appris les réseaux sociaux",
              source: str | None = None) -> Path:
    """Write the report as a PDF for printing: a title page with the corpus in brief, then
    one A4 landscape page per chart, scaled to fit, with its reading under it (the HTML
    report's, as text, not an image).

    Args:
        tables: the analysis tables, or a ``corpus-tools run`` output folder.
        out: the PDF file (a path ending in ``.pdf``), or the folder to write
            ``rapport.pdf`` into.
        title: the report's title (on its first page and in the PDF's metadata).
        source: where the tables came from, as shown on the first page.

    Returns:
        The path of the PDF. An empty corpus gives one page saying so.
    """
    import textwrap

    import matplotlib.image as mpimg
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    if isinstance(tables, (str, Path)):
        source = source or str(tables)
        tables = read_tables(tables)
    out = Path(out)
    target = out if out.suffix.lower() == ".pdf" else out / "rapport.pdf"
    target.parent.mkdir(parents=True, exist_ok=True)

    def page(heading: str, lines: list[str]) -> plt.Figure:
        figure = plt.figure(figsize=A4_LANDSCAPE)
        figure.text(0.05, 0.93, heading, fontsize=22, fontweight="bold", va="top")
        figure.text(0.05, 0.84, "\n".join(lines), fontsize=15, va="top", linespacing=1.6)
        return figure

    # the pages are saved whole (the classroom style's tight box would crop them off A4)
    with atomic_path(target) as temporary, \
            PdfPages(temporary, metadata={"Title": title, "Creator": "corpus_tools"}) as pdf:
        if is_empty(tables):
            figure = page(title, ["Le corpus est vide : aucun texte n’a été chargé depuis",
                                  source or "l’analyse en mémoire", "",
                                  "il n’y a donc rien à représenter."])
            pdf.savefig(figure)
            plt.close(figure)
            return target
        summary, period = _summary(tables)
        lines = [f"{value} {label}" for label, value in summary]
        if period:
            lines.append(f"textes datés du {period[0]} au {period[1]}")
        created = datetime.now().strftime("%d/%m/%Y à %H:%M")
        lines += ["", f"Produit le {created} à partir de {source or 'l’analyse en mémoire'}.",
                  f"Une page par graphique ({len(CHARTS)}), avec sa lecture."]
        figure = page(title, lines)
        pdf.savefig(figure)
        plt.close(figure)
        for chart in CHARTS:
            ax = chart.draw(tables)
            png = io.BytesIO()
            plots.save(ax, png, format="png", dpi=200)
            plots.close(ax)
            image = mpimg.imread(io.BytesIO(png.getvalue()), format="png")
            figure = plt.figure(figsize=A4_LANDSCAPE)  # the chart carries its own title
            reading = textwrap.fill(f"{chart.title}. {chart.reading(tables)}", width=120)
            figure.text(0.04, 0.035, reading, fontsize=13, va="bottom", linespacing=1.4)
            lines_of_reading = reading.count("\n") + 1
            bottom = 0.06 + 0.028 * lines_of_reading
            picture = figure.add_axes((0.04, bottom, 0.92, 0.94 - bottom))
            picture.imshow(image)
            picture.set_axis_off()
            pdf.savefig(figure)
            plt.close(figure)
    return target

