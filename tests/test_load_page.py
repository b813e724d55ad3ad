"""The plain-text page parser, variant by variant, and the nothing-lost property."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools.load import LoadError, parse_page
from corpus_tools.load.page import Role
from corpus_tools.load.sources import decode
from tests.conftest import RAW, SEED


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def roles(parsed) -> dict[str, Role]:
    return {piece.text: piece.role for piece in parsed.pieces}


def test_seed_fields():
    parsed = parse_page(decode(SEED.read_bytes())[0])
    document = parsed.document
    assert document.author == "Pierre Πgu¥εη"
    assert document.handle == "@pierrengt"
    assert document.categories == ["Témoignages"]
    assert [c.author for c in document.comments] == ["Neyer Memmi"]
    assert document.comments[0].text.startswith("J’ai eu le même sentiments")
    assert document.comments[0].text.endswith("allez messieurs dames à vos Twittos")
    assert parsed.announced_comments == 1
    assert document.text.startswith("Prolégomènes\n\nEn 2009")
    assert "Le jour où j’ai compris Twitter" in document.text
    assert document.text.endswith("et rien d’autre.")
    for stripped in ("Capture4", "@pierrengt", "Categories", "One Response", "Leave a Reply",
                     "Neyer Memmi"):
        assert stripped not in document.text


def test_seed_roles():
    parsed = parse_page(decode(SEED.read_bytes())[0])
    found = roles(parsed)
    assert found["Capture4"] is Role.CAPTION
    assert found["Prolégomènes"] is Role.HEADING
    assert found["Le jour où j’ai compris Twitter"] is Role.HEADING
    assert found["Tentons l’analogie malgré cela."] is Role.BODY
    assert found["Categories: Témoignages"] is Role.CATEGORIES
    assert found["One Response so far."] is Role.COMMENT_HEADER
    assert found["Leave a Reply"] is Role.BOILERPLATE


@pytest.mark.parametrize(
    ("first_line", "caption", "body_start"),
    [
        ("Capture4", "Capture4", None),
        ("Nath_29", "Nath_29", None),
        ("IMG_2034.jpg", "IMG_2034.jpg", None),
        ("Capture d’écran 2014-06-03 à 21.23.02Je me suis inscrite en 2013.",
         "Capture d’écran 2014-06-03 à 21.23.02", "Je me suis inscrite en 2013."),
        ("Screen Shot 2014-04-14 at 8.12.33 PM", "Screen Shot 2014-04-14 at 8.12.33 PM", None),
    ],
)
def test_caption_variants(first_line, caption, body_start):
    parsed = parse_page(page(first_line, "", "Un paragraphe du témoignage, avec Twitter."))
    assert parsed.pieces[0].role is Role.CAPTION
    assert parsed.pieces[0].text == caption
    assert caption not in parsed.document.text
    if body_start:
        assert parsed.document.text.startswith(body_start)


@pytest.mark.parametrize(
    "first_line", ["Prolégomènes", "Imaginons cinq cent millions de personnes.", "Photographe."]
)
def test_first_line_that_is_not_a_caption_stays_in_the_body(first_line):
    parsed = parse_page(page(first_line, "", "Suite du texte."))
    assert parsed.document.text.startswith(first_line)


@pytest.mark.parametrize(
    ("signature", "author", "handle"),
    [
        ("Pierre Πgu¥εη\u00a0@pierrengt", "Pierre Πgu¥εη", "@pierrengt"),
        ("@Nath_29", None, "@nath_29"),
        ("Par Marie Dupont", "Marie Dupont", None),
        ("Par Sophie Martin (@Sophie_CDI)", "Sophie Martin", "@sophie_cdi"),
        ("— Élodie Roussel", "Élodie Roussel", None),
        ("Jean-Marc Leblanc", "Jean-Marc Leblanc", None),
        ("Moussa Ndiaye (@Moussa_Dkr)", "Moussa Ndiaye", "@moussa_dkr"),
    ],
)
def test_signature_variants(signature, author, handle):
    text = page("Capture4", "", "J’ai découvert Twitter en 2013.", "", signature, "",
                "Catégories : Témoignages")
    parsed = parse_page(text)
    assert (parsed.document.author, parsed.document.handle) == (author, handle)
    assert signature not in parsed.document.text
    assert parsed.document.text == "J’ai découvert Twitter en 2013."


@pytest.mark.parametrize(
    "last_line",
    ["C’est ainsi que j’ai choisi d’écouter @2Vanssay", "Merci à toute l’équipe !",
     "Suivez-moi sur @twittmooc"],
)
def test_sentences_ending_with_a_handle_are_not_signatures(last_line):
    parsed = parse_page(page("Capture4", "", "Début.", "", last_line))
    assert parsed.document.author is None
    assert last_line in parsed.document.text


@pytest.mark.parametrize(
    ("line", "categories"),
    [
        ("Categories: Témoignages", ["Témoignages"]),
        ("Catégories : Témoignages, Enseignement", ["Témoignages", "Enseignement"]),
        ("Catégories\u00a0: A, B", ["A", "B"]),
        ("Posted in Témoignages, Entreprise", ["Témoignages", "Entreprise"]),
        ("Publié dans Témoignages | Laisser un commentaire", ["Témoignages"]),
    ],
)
def test_categories_variants(line, categories):
    parsed = parse_page(page("Capture4", "", "Texte.", "", line))
    assert parsed.document.categories == categories
    assert parsed.document.text == "Texte."


@pytest.mark.parametrize(
    ("header", "count"),
    [
        ("One Response so far.", 1), ("3 Responses so far.", 3), ("2 réponses", 2),
        ("Une réponse", 1), ("Un commentaire", 1), ("4 commentaires", 4),
        ("No Responses so far.", 0), ("Aucune réponse", 0),
        ("2 réflexions au sujet de « Mon premier tweet »", 2),
        ("3 Responses to “Twitter au bureau”", 3),
    ],
)
def test_comment_header_variants(header, count):
    parsed = parse_page(page("Capture4", "", "Texte.", "", header))
    assert parsed.announced_comments == count
    assert parsed.document.text == "Texte."


def test_header_gives_the_title():
    parsed = parse_page(page("Capture4", "", "Texte.", "", "3 Responses to “Twitter au bureau”"))
    assert parsed.document.title == "Twitter au bureau"


@pytest.mark.parametrize(
    ("author_line", "date_line", "author", "published"),
    [
        ("  1. Neyer Memmi dit\u00a0:", None, "Neyer Memmi", None),
        ("Lucie says:", "November 20, 2013 at 9:15 pm", "Lucie", datetime(2013, 11, 20, 21, 15)),
        ("  2. Paul Girard dit : 13 mai 2014 à 8 h 05 min", None, "Paul Girard",
         datetime(2014, 5, 13, 8, 5)),
        ("  1. Marion Leclerc dit :", "12 mai 2014 à 21 h 32 min", "Marion Leclerc",
         datetime(2014, 5, 12, 21, 32)),
        ("  1. Fatou Diallo, le 11 février 2014 à 12 h 10 min", None, "Fatou Diallo",
         datetime(2014, 2, 11, 12, 10)),
        ("  1. anne_so dit :", None, "anne_so", None),
        ("Claire (@claire_doc) dit :", None, "Claire", None),
    ],
)
def test_comment_author_variants(author_line, date_line, author, published):
    lines = ["Capture4", "", "Texte.", "", "Une réponse", "", author_line]
    if date_line:
        lines += [date_line]
    lines += ["", "    Merci pour ce témoignage !", "", "Leave a Reply"]
    comments = parse_page(page(*lines)).document.comments
    assert [(c.author, c.published, c.text) for c in comments] == [
        (author, published, "Merci pour ce témoignage !")
    ]


def test_comment_handle_is_kept():
    lines = ["Texte.", "", "Une réponse", "", "Claire (@Claire_Doc) dit :", "", "  Bravo"]
    assert parse_page(page(*lines)).document.comments[0].handle == "@claire_doc"


def test_replies_by_indentation_and_by_marker():
    text = page(
        "Capture4", "", "Texte.", "", "4 réponses", "",
        "  1. Bruno dit : 5 mars 2014 à 9 h 12 min", "", "    Premier.", "",
        "      1. Élodie dit : 5 mars 2014 à 11 h 40 min", "", "        Réponse à Bruno.", "",
        "  2. Thomas dit :", "", "    Autre chose.", "", "    Répondre", "",
        "  3. Bruno dit :", "", "    En réponse à Élodie", "", "    Merci Élodie.", "",
        "Laisser un commentaire",
    )
    comments = parse_page(text).document.comments
    assert [c.author for c in comments] == ["Bruno", "Élodie", "Thomas", "Bruno"]
    assert [c.parent_key for c in comments] == [None, "1", None, "2"]
    assert [c.text for c in comments] == ["Premier.", "Réponse à Bruno.", "Autre chose.",
                                          "Merci Élodie."]


def test_multi_paragraph_comment():
    text = page("Texte.", "", "Une réponse", "", "  1. Ana dit :", "", "    Un.", "", "    Deux.")
    assert parse_page(text).document.comments[0].text == "Un.\n\nDeux."


def test_boilerplate_and_share_buttons_leave_the_body():
    text = page(
        "Capture4", "", "Texte du billet.", "", "Partager :", "", "Twitter", "", "Facebook", "",
        "J’aime chargement…", "", "Catégories : Témoignages", "", "Laisser un commentaire", "",
        "Votre adresse de messagerie ne sera pas publiée.", "", "Nom *", "", "Site web",
    )
    parsed = parse_page(text)
    assert parsed.document.text == "Texte du billet."
    assert sum(p.role is Role.BOILERPLATE for p in parsed.pieces) == 8


def test_post_meta_gives_the_date():
    parsed = parse_page(page("Capture12", "", "Publié le 4 mars 2014 par Stéphanie", "", "Texte."))
    assert parsed.document.published == datetime(2014, 3, 4)
    assert parsed.document.author == "Stéphanie"
    assert parsed.document.text == "Texte."


def test_tags_line():
    parsed = parse_page(page("Texte.", "", "Tags : bibliothèque, veille"))
    assert parsed.document.tags == ["bibliothèque", "veille"]


def test_boilerplate_only_page_is_an_error():
    with pytest.raises(LoadError, match="aucun texte"):
        parse_page(page("Leave a Reply", "", "Laisser un commentaire"))


def assert_nothing_lost(text: str, parsed) -> None:
    """Every non-blank line is rebuilt from its pieces, each piece used once."""
    by_line: dict[int, list[str]] = {}
    for piece in parsed.pieces:
        by_line.setdefault(piece.line, []).append(piece.text)
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            assert number not in by_line
            continue
        assert "".join(by_line.pop(number)) == line.strip(), f"line {number}: {line!r}"
    assert not by_line


@pytest.mark.parametrize("path", sorted(RAW.glob("*.txt")), ids=lambda p: p.name)
def test_nothing_lost_on_every_sample_page(path):
    text = decode(path.read_bytes())[0]
    parsed = parse_page(text)
    assert_nothing_lost(text, parsed)
    body_pieces = [p.text for p in parsed.pieces if p.role in {Role.BODY, Role.HEADING}]
    assert all(piece in parsed.document.text for piece in body_pieces)
    comment_pieces = [p for p in parsed.pieces if p.role is Role.COMMENT_TEXT]
    for piece in comment_pieces:
        assert piece.text in parsed.document.comments[piece.comment].text


@pytest.mark.parametrize("path", sorted(RAW.glob("*.txt")), ids=lambda p: p.name)
def test_every_sample_page_has_its_comments(path):
    parsed = parse_page(decode(path.read_bytes())[0])
    if parsed.announced_comments is not None:
        assert len(parsed.document.comments) == parsed.announced_comments


page_lines = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60),
        st.sampled_from([
            "Capture4", "Nath_29", "  1. Ana dit :", "Lucie says:", "One Response so far.",
            "Catégories : A, B", "Leave a Reply", "@handle", "Par Marie", "", "   ",
            "12 mai 2014 à 21 h 32 min", "En réponse à Ana", "Partager :", "Twitter",
            "Publié le 4 mars 2014 par X", "Tags : a", "\u00a0", "J’ai vu @x et #y.",
        ]),
    ),
    max_size=30,
)


@settings(max_examples=300, deadline=None)
@given(page_lines)
def test_parser_never_raises_and_never_loses_a_line(lines):
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    try:
        parsed = parse_page(text)
    except LoadError:
        return
    assert_nothing_lost(text, parsed)


@pytest.mark.parametrize(
    ("signature", "author", "handle"),
    [
        ("Pierre Dupont – @pdupont", "Pierre Dupont", "@pdupont"),
        ("Par Pierre Dupont, professeur à Lyon", "Pierre Dupont", None),
        ("Signé : Jeanne", "Jeanne", None),
    ],
)
def test_more_signature_variants(signature, author, handle):
    parsed = parse_page(page("Texte.", "", signature))
    assert (parsed.document.author, parsed.document.handle) == (author, handle)


def test_signature_followed_by_a_postscript():
    parsed = parse_page(page("Texte.", "", "Par Ana Costa (@ana)", "", "PS : merci à tous !"))
    assert (parsed.document.author, parsed.document.handle) == ("Ana Costa", "@ana")
    assert parsed.document.text == "Texte.\n\nPS : merci à tous !"


def test_author_line_with_inline_text_and_english_day_first_date():
    text = page("Texte.", "", "2 réponses", "", "Marie says: 12 May 2014 at 21:32", "", "  Oui.",
                "", "Paul dit : Super article !", "", "  Il dit : bonjour, et merci.")
    comments = parse_page(text).document.comments
    assert [(c.author, c.published, c.text) for c in comments] == [
        ("Marie", datetime(2014, 5, 12, 21, 32), "Oui."),
        ("Paul", None, "Super article !\n\nIl dit : bonjour, et merci."),
    ]


def test_unnumbered_authors_followed_by_a_date():
    text = page(
        "Texte.", "", "3 commentaires", "", "Annie Martin", "12 mai 2014 à 21 h 32 min", "",
        "Bravo Jean.", "", "Luc, le 13 mai 2014 à 9 h 00 min", "", "Merci pour ce récit.", "",
        "J’ai commencé le 3 mars 2014 avec Twitter.", "", "Leave a Reply",
    )
    comments = parse_page(text).document.comments
    assert [(c.author, c.published, c.text) for c in comments] == [
        ("Annie Martin", datetime(2014, 5, 12, 21, 32), "Bravo Jean."),
        ("Luc", datetime(2014, 5, 13, 9, 0),
         "Merci pour ce récit.\n\nJ’ai commencé le 3 mars 2014 avec Twitter."),
    ]


def test_comments_without_blank_lines_between_them():
    text = page("Texte.", "", "2 réponses", "", "  1. Paul dit :", "    12 mai 2014 à 21 h 32 min",
                "    Super !", "  2. Marie dit :", "    Merci Paul !")
    comments = parse_page(text).document.comments
    assert [(c.author, c.text) for c in comments] == [("Paul", "Super !"),
                                                      ("Marie", "Merci Paul !")]


def test_no_comment_yet_is_furniture():
    parsed = parse_page(page("Texte.", "", "Soyez le premier à commenter.", "",
                             "Laisser un commentaire"))
    assert parsed.document.text == "Texte."


# pieces of author lines and of sentences, with the characters that case folding and white
# space make tricky ("ſ" is an "s" for the patterns, "ı" an "i")
_AUTHOR_LINE = st.lists(
    st.sampled_from(["1. ", "Marie", " Dupont", " dit", " a dit", " DIT", " says", " ſays",
                     " répond", " répondu", " écrit", " replied", " wrote", " dıt", " le 12 mai "
                     "2014", ",", " ", "\u00a0", "\t", ":", " : ", "Mon conseil", " bonjour"]),
    max_size=8,
).map("".join)


@pytest.mark.slow
@settings(max_examples=2000, deadline=None)
@given(_AUTHOR_LINE)
def test_the_quick_test_never_rules_out_an_author_line(line):
    from corpus_tools.load import patterns

    line = line.strip()
    if patterns.COMMENT_AUTHOR.fullmatch(line):
        assert patterns.says(line)


_DATES = [
    "12 mai 2014", "lundi 22 septembre 2014 à 21 h 32 min", "1er juin 2013 à 9h", "12 mai 2014.",
    "May 3, 2014 at 9:05 pm", "May 3, 2014 at 9:05 P.M.", "12/05/2014 à 21h32", "12/05/2014 21:",
    "2014-05-12", "2014-05-12T21:32:00Z", "2014-05-12 21:32:00+02:00", "le 3 JANVIER 2015 À 8 H",
]
_DATE_PIECES = st.lists(
    st.sampled_from(["le ", "lundi ", "12", "1er", " ", "mai", "May", "janv.", "2014", " à ",
                     " at ", ",", "21", "h", " h ", ":", "32", " min", " pm", " p.m.", "/", "05",
                     "-", "T", "Z", "+02:00", ".", " AM", "H", "MIN", "\u00a0"]),
    max_size=12,
).map("".join)


def _is_a_date(text: str) -> bool:
    from corpus_tools.load.dates import _PATTERNS

    text = text.strip().rstrip(".").strip()
    return any(pattern.fullmatch(text) for pattern in _PATTERNS)


def test_the_dates_read_are_dates_for_the_quick_test():
    from corpus_tools.load.dates import could_end_with_date, parse_date

    for text in _DATES:
        assert _is_a_date(text) and parse_date(text) is not None, text
        assert could_end_with_date(text), text


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(_DATE_PIECES)
def test_the_quick_date_test_never_rules_a_date_out(text):
    from corpus_tools.load.dates import could_end_with_date

    if _is_a_date(text):
        assert could_end_with_date(text)


_HEADER_LINE = st.one_of(
    st.tuples(
        st.sampled_from(["4", "12", "Une", "UN", "aucune", "ſix", "dıx", "Pas de", "zéro", "Je",
                         "@marie", "«", "Éric"]),
        st.sampled_from([" ", "  ", "\u00a0"]),
        st.sampled_from(["réponses", "Réponse", "comments", "COMMENTAIRES", "avis", "dit"]),
        st.sampled_from(["", " sur « Twitter »", " so far", ".", ":"]),
    ).map("".join),
    st.tuples(st.sampled_from(["Commentaires", "réponses", "Responses", "Le", "«"]),
              st.sampled_from(["", " "]), st.sampled_from(["(3)", ":", "x"])).map("".join),
)


@settings(max_examples=500, deadline=None)
@given(_HEADER_LINE)
def test_the_quick_header_test_never_rules_a_header_out(line):
    from corpus_tools.load import patterns

    if patterns.COMMENT_HEADER.fullmatch(line):
        assert patterns.comment_header(line)


_GLUED_LINE = st.lists(
    st.sampled_from(["Martine", " TwittMOOC", "Capture", "4", "_", "é", "Ł", "ß", "ǅ", " ", ".",
                     "Pour", "Je", "J’", "J'", "C’est", "Grâce", "Aujourd’hui", "Élise", "vous",
                     " parler de mon année sur Twitter", ",", "MOOC", "\u00a0"]),
    max_size=9,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_GLUED_LINE)
def test_the_quick_glue_test_never_rules_a_glued_caption_out(line):
    from corpus_tools.load import patterns

    line = line.strip()
    assert bool(patterns.glued_caption(line)) == bool(patterns.GLUED_CAPTION.match(line))


def test_every_sentence_start_passes_the_quick_glue_test():
    from corpus_tools.load import patterns

    for start in patterns.SENTENCE_STARTS:
        line = f"Une photo{start} suite de la phrase assez longue."
        assert patterns.GLUED_CAPTION.match(line), start
        assert patterns.glued_caption(line), start


_CRUMB_LINE = st.lists(
    st.sampled_from(["Accueil", "ACCUEIL", "Home", "Page d’accueil", "Vous êtes ici", "You are "
                     "here", "Fil d'Ariane", " : ", " > ", " › ", " » ", " → ", " / ", " | ",
                     "Blog", "Témoignages", " ", "Twitter au collège", ".", "«", "ici"]),
    max_size=8,
).map("".join)


@settings(max_examples=1500, deadline=None)
@given(_CRUMB_LINE)
def test_the_quick_breadcrumb_tests_rule_out_only_lines_that_are_none(line):
    from corpus_tools.load import patterns

    line = line.strip()
    parts = patterns._CRUMB_SEPARATORS.split(line)
    expected = bool(patterns.BREADCRUMB.fullmatch(line)) or (
        len(parts) >= 3 and all(0 < len(part.split()) <= 5 for part in parts)
        and not line.endswith((".", "!", "?")))
    assert patterns.breadcrumb(line) == expected


# Furniture of pages copied from real blogs --------------------------------------------------

STORY = ("Pour vous parler de notre année, je commence par le début : en septembre, personne "
         "dans ma classe n’avait de compte Twitter.")
MORE = "Nous avons ouvert un compte de classe après une réunion avec les parents."


@pytest.mark.parametrize("line", [
    "Accueil > Publications > Articles en ligne",
    "Vous êtes ici : Accueil › Témoignages › Twitter au collège",
    "Accueil » Blog » Twitter en classe",
    "Ressources › Usages › Réseaux sociaux",
    "Imprimer cet article",
    "Version imprimable",
    "Partager sur Facebook",
    "« Billet précédent",
    "Article suivant »",
    "Retour en haut",
    "[vid id=1234 w=600 h=338]",
    "[youtube https://www.youtube.com/watch?v=abc]",
    "Notre premier live-tweet envoyé par CollegeJaures. – Plus de vidéos",
])
def test_copied_page_furniture_is_left_out_of_the_text(line):
    parsed = parse_page(page("Twitter au collège", "", STORY, "", line, "", MORE))
    assert roles(parsed)[line] is Role.BOILERPLATE
    assert line not in parsed.document.text
    assert MORE in parsed.document.text


@pytest.mark.parametrize("line", [
    "Accueil des nouveaux élèves : nous avons préparé un tweet de bienvenue.",
    "Je passe de Facebook > Twitter > Mastodon depuis des années, et je m’y retrouve.",
    "Le vendredi, nous relisons le tweet de la semaine.",
])
def test_prose_that_looks_like_furniture_stays_in_the_text(line):
    parsed = parse_page(page("Twitter au collège", "", STORY, "", line, "", MORE))
    assert line in parsed.document.text


def test_an_image_credit_is_a_caption():
    credit = "Twittervogel_wiki, by Faldrian (CC-BY-SA)"
    parsed = parse_page(page("Twitter au collège", "", STORY, "", credit, "", MORE))
    assert roles(parsed)[credit] is Role.CAPTION
    assert "Faldrian" not in parsed.document.text


def test_a_caption_glued_to_the_first_sentence_is_cut_off():
    parsed = parse_page(page("Twitter au collège", "", "Martine TwittMOOC" + STORY, "", MORE))
    assert roles(parsed)["Martine TwittMOOC"] is Role.CAPTION
    assert parsed.document.text.split("\n\n")[1] == STORY


@pytest.mark.parametrize("first", ["TweetDeck m’a sauvé la vie pendant le MOOC de 2014.",
                                   "WordPress et Twitter : mes deux outils préférés en classe."])
def test_a_capital_inside_a_word_is_not_a_glued_caption(first):
    parsed = parse_page(page("Twitter au collège", "", first, "", MORE))
    assert first in parsed.document.text


def test_the_byline_date_in_brackets_and_blog_name_around_the_title():
    parsed = parse_page(page("Le blog de la Classe numérique", "Twitter au collège",
                             "par Bertrand Formet,", "[janvier 2012]", "", STORY, "", MORE))
    document = parsed.document
    assert document.title == "Twitter au collège"
    assert document.author == "Bertrand Formet"
    assert document.published == datetime(2012, 1, 1)
    assert roles(parsed)["Le blog de la Classe numérique"] is Role.BOILERPLATE
    assert document.text == f"Twitter au collège\n\n{STORY}\n\n{MORE}"


def test_the_sample_page_in_the_copied_style():
    parsed = parse_page(decode((RAW / "009_bertrand_college.txt").read_bytes())[0])
    document = parsed.document
    assert (document.title, document.author) == ("Twitter au collège : une année de "
                                                 "twittclasse", "Bertrand Formet")
    for furniture in ("Accueil >", "Vous êtes ici", "Imprimer", "Faldrian", "[vid",
                      "Plus de vidéos", "Billet précédent", "Retour en haut", "Martine TwittMOOC"):
        assert furniture not in document.text
    assert document.text.count("\n\n") == 4  # the title and four paragraphs
