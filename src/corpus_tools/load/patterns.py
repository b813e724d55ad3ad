"""Regular expressions and word lists that recognise the parts of a saved blog page.

Every pattern matches one stripped line. They are kept here, apart from the parsers, so that a
new blog theme's wording is added in one place.
"""

from __future__ import annotations

import functools
import re

from corpus_tools.normalise import APOSTROPHES, plain_apostrophes

HANDLE = r"@[A-Za-z0-9_]{1,20}"

_IMAGE_WORDS = (
    r"capture(?:\s+d['’]\s?[ée]cran|-d-ecran|_d_ecran)?|screen\s?shot|img|image|photo|dsc|pic"
)
_TIMESTAMP = (
    r"\d{4}-\d{2}-\d{2}(?:\s+(?:à|a|at)\s+\d{1,2}[.:h]\d{2}(?:[.:]\d{2})?(?:\s*[AP]M)?)?"
)

CAPTION = re.compile(
    rf"(?P<caption>(?:{_IMAGE_WORDS})(?=[\s_\-\d.]|$)[\s_\-]*(?:{_TIMESTAMP}|\d+)?"
    r"(?:\.(?:png|jpe?g|gif|webp|bmp))?)(?P<rest>.*)",
    re.IGNORECASE,
)
"""An image caption, possibly glued to the first sentence ("Capture4", "Capture d’écran …")."""

IMAGE_FILE = re.compile(r"[\w\-. ’']{1,80}\.(?:png|jpe?g|gif|webp|bmp)", re.IGNORECASE)
BARE_HANDLE = re.compile(r"@?[A-Za-z0-9_]{2,20}")

CATEGORIES = re.compile(
    r"(?:(?:cat[ée]gor(?:y|ies|ie|ies)|rubriques?|classé\s+sous)\s*:"
    r"|(?:classés?|publiés?|posted|filed)\s+(?:dans|in|under)\s*:?)\s*(?P<values>.*)",
    re.IGNORECASE,
)
_CATEGORIES_OR_TAGS_START = (
    r"cat[ée]gor|rubrique|class[ée]|publi[ée]|posted|filed|tags?\b|[ée]tiquette|mots[- ]cl"
)
META_PREFIX = re.compile(rf"(?:{_CATEGORIES_OR_TAGS_START})", re.IGNORECASE)
"""How a categories or tags line starts: the only long lines that are not prose."""

META_START = re.compile(
    rf"{_CATEGORIES_OR_TAGS_START}|post[ée]|tag|[ée]crit|r[ée]dig|mis\s", re.IGNORECASE
)
"""How a categories, tags or post-meta line starts ("tagged", "posté", "écrit", "rédigé",
"mis en ligne" too): other lines skip those three patterns."""

TAGS = re.compile(
    r"(?:tags?|[ée]tiquettes?|mots[- ]cl[ée]s|tagged|tagué)\s*:\s*(?P<values>.*)", re.IGNORECASE
)
LIST_SEPARATORS = re.compile(r"\s*[,;|·•]\s*")

_NUMBER_WORDS = {
    "no": 0, "aucun": 0, "aucune": 0, "pas de": 0, "zero": 0, "zéro": 0,
    "one": 1, "un": 1, "une": 1, "two": 2, "deux": 2, "three": 3, "trois": 3, "four": 4,
    "quatre": 4, "five": 5, "cinq": 5, "six": 6, "seven": 7, "sept": 7, "eight": 8,
    "huit": 8, "nine": 9, "neuf": 9, "ten": 10, "dix": 10,
}
_LEADING_NOUNS = ("commentaires?", "comments?", "réponses?", "responses?")
COMMENT_HEADER = re.compile(
    r"(?P<count>\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\s+"
    r"(?:responses?|réponses?|comments?|commentaires?|réflexions?|thoughts?|avis)"
    r"(?:\s+(?:so\s+far|to|on|sur|à|au\s+sujet\s+de|pour)\b.*)?\s*[.:]?"
    r"|(?:" + "|".join(_LEADING_NOUNS) + r")\s*(?:\((?P<paren>\d+)\)|:)",
    re.IGNORECASE,
)
_HEADER_INITIALS = frozenset(word[0] for word in (*_NUMBER_WORDS, *_LEADING_NOUNS))
"""The letters a comment header can start with, besides a digit."""


def comment_header(line: str) -> re.Match[str] | None:
    """Match a stripped line against :data:`COMMENT_HEADER`, ruling out first a line that
    starts with an ASCII character no header starts with ("Je", "Le", "@marie": most lines)."""
    first = line[:1]
    if first.isascii() and not first.isdigit() and first.lower() not in _HEADER_INITIALS:
        return None  # for an ASCII character, ignoring case is comparing lower cases
    return COMMENT_HEADER.fullmatch(line)


HEADER_TITLE = re.compile(r"(?:to|on|sur|au\s+sujet\s+de)\s+[«“\"]\s*(?P<title>.+?)\s*[»”\"]")

_VERBS = r"dit|a\s+dit|says|said|wrote|a\s+écrit|écrit|répond|a\s+répondu|replied"
COMMENT_AUTHOR = re.compile(
    r"(?P<number>\d{1,3}[.)]\s+)?(?P<who>.{1,80}?)\s*,?\s+"
    r"(?:(?:le|on)\s+(?P<date_before>.{6,40}?)\s+)?"
    rf"(?:{_VERBS})\s*:\s*(?P<after>.*)",
    re.IGNORECASE,
)
"""A comment's author line: "1. Neyer Memmi dit :", "Name says: May 3, 2014 at 9:05 pm"."""

_VERB_ENDS = sorted({verb.split(r"\s+")[-1] for verb in _VERBS.split("|")}, key=len, reverse=True)
_VERB_BEFORE_COLON = re.compile(rf"(?:{'|'.join(_VERB_ENDS)})\Z", re.IGNORECASE)
"""The last word of each of :data:`COMMENT_AUTHOR`'s verbs ("a dit": "dit")."""
_LONGEST_VERB_END = max(map(len, _VERB_ENDS))


def says(line: str) -> bool:
    """Tell whether a verb of :data:`COMMENT_AUTHOR` ends right before a colon of ``line``
    (white space apart), as it must for the line to match: a quick test that rules most
    lines with a colon out ("Mon conseil : …" costs the full pattern ten times more)."""
    colon = line.find(":")
    while colon != -1:
        end = len(line[:colon].rstrip())
        if _VERB_BEFORE_COLON.search(line, max(0, end - _LONGEST_VERB_END), end):
            return True
        colon = line.find(":", colon + 1)
    return False

NAME_THEN_DATE = re.compile(r"(?P<who>.+?),?\s+(?:le\s+)?(?P<date>\d.+)")
"""An author with the date glued after the name: "Marie, le 12 mai 2014"."""
WHO_THEN_DATE = re.compile(
    r"(?P<who>.+?),?\s+(?:le\s+|on\s+)?(?P<date>\d.+|[A-Z][a-z]+ \d.+)"
)
HAS_DIGIT = re.compile(r"\d")
HANDLE_IN_TEXT = re.compile(HANDLE)
WRAPPED_HANDLE = re.compile(r"\(?\s*" + HANDLE + r"\s*\)?")
NOT_IN_NAMES = re.compile(r"[!?;:«»\"“”…]")
"""Punctuation that a sentence has and a name never has."""
ENDS_WITH_INITIAL = re.compile(r"(?:^|\s)\w\.$")
LIST_ITEM = re.compile(r"[-•*–]\s")

NUMBERED_NAME = re.compile(r"(?P<number>\d{1,3}[.)])\s+(?P<who>.{1,60})")
REPLY_MARKER = re.compile(
    r"(?:en\s+réponse\s+à|in\s+reply\s+to)\s+(?P<who>.{1,60}?)\s*[.:]?",
    re.IGNORECASE,
)

POST_META = re.compile(
    r"(?:publié|posté|posted|écrit|rédigé|mis\s+en\s+ligne)(?:\s+(?:le|on))?\s+(?P<date>.+?)"
    r"(?:,?\s+(?:par|by)\s+(?P<who>.+?))?\s*\.?",
    re.IGNORECASE,
)

_SIGNED_BY = r"par|by|signé\s*:?|auteure?\s*:|écrit\s+par|rédigé\s+par|[-—–~]+"
SIGNATURE = re.compile(
    rf"(?:(?P<by>{_SIGNED_BY})\s*)?"
    r"(?P<name>[^@()\n]{0,60}?)[\s,]*(?:\(?\s*(?P<handle>" + HANDLE + r")\s*\)?)?\s*",
    re.IGNORECASE,
)

LONGEST_SIGNATURE = 160
"""A signature is short (a "par", a name of at most 60 characters, a handle): longer lines
are never one."""


def signature(line: str) -> re.Match[str] | None:
    """Match a stripped line against :data:`SIGNATURE`, ruling long lines out first."""
    return SIGNATURE.fullmatch(line) if len(line) <= LONGEST_SIGNATURE else None


_SIGNED_START = re.compile(_SIGNED_BY, re.IGNORECASE)
"""How a signature with a "by" part starts (the ``by`` group of :data:`SIGNATURE`)."""


def signed(line: str) -> bool:
    """Tell whether a stripped line is a signature with a "par" or a handle, as lines other
    than the last of a body must be ("Par Marie Dupont", "— @maried")."""
    if "@" not in line and not _SIGNED_START.match(line):  # no handle, no "by": ruled out
        return False
    match = signature(line)
    return bool(match and (match.group("by") or match.group("handle")))


NAME_PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "van", "von", "der", "den", "di", "da", "d", "y", "et", "&"}
)

NOT_NAMES = frozenset(
    "il elle on je tu nous vous ils elles qui que ce ça cela celui celle ceux lui leur on et "
    "mais or donc car puis alors quand comme si tout tous chacun personne quelqu’un he she it "
    "they we you who which this that everyone someone".split()
)
"""Words that can stand before "dit :" in a sentence but are never a commenter's name."""

FORM_MARKERS = frozenset(
    plain_apostrophes(line).casefold()
    for line in (
        "Leave a Reply", "Leave a Comment", "Leave a Reply Cancel reply", "Laisser un commentaire",
        "Laisser une réponse", "Laisser un commentaire Annuler la réponse",
        "Répondre Annuler la réponse", "Poster un commentaire", "Ajouter un commentaire",
        "Écrire un commentaire", "Donnez votre avis", "Votre commentaire", "Leave a comment",
        "Laissez un commentaire", "Laisser un avis",
    )
)
"""Lines that open the comment form: everything after them is page furniture."""

BOILERPLATE_LINES = frozenset(
    plain_apostrophes(line).casefold()
    for line in (
        "Reply", "Répondre", "Log in to Reply", "Connectez-vous pour répondre", "Cancel reply",
        "Annuler la réponse", "J’aime", "J’aime chargement…", "Chargement…", "Loading...",
        "Like", "Like Loading...", "Like this:", "J’aime ça :", "J’aime ceci :", "Share this:",
        "Partager :", "Partager", "Partager cet article", "Partagez :", "Articles similaires",
        "Related", "Sur le même thème", "Commentaire", "Comment", "Nom *", "Name *", "Email *",
        "E-mail *", "Adresse de messagerie *", "Adresse e-mail *", "Site web", "Site Web",
        "Website", "Post Comment", "Publier", "Envoyer", "Laisser un commentaire",
        "Previous post", "Next post", "Article précédent", "Article suivant", "Menu",
        "Rechercher", "Search", "Aller au contenu", "Skip to content", "Imprimer", "Print",
        "Email", "E-mail", "Tweet", "Plus", "Edit", "Modifier",
        "Votre adresse de messagerie ne sera pas publiée.",
        "Votre adresse e-mail ne sera pas publiée.",
        "Your email address will not be published.",
        "Les champs obligatoires sont indiqués avec *",
        "Required fields are marked *",
        "Votre adresse de messagerie ne sera pas publiée. Les champs obligatoires sont "
        "indiqués avec *",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        "Your email address will not be published. Required fields are marked *",
        "Prévenez-moi de tous les nouveaux commentaires par e-mail.",
        "Prévenez-moi de tous les nouveaux articles par e-mail.",
        "Notify me of follow-up comments by email.",
        "Notify me of new posts by email.",
        "Vous devez être connecté pour publier un commentaire.",
        "You must be logged in to post a comment.",
        "Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain "
        "commentaire.",
        "Ce site utilise Akismet pour réduire les indésirables.",
        "This site uses Akismet to reduce spam.",
        "Comments are closed.", "Les commentaires sont fermés.",
        "Soyez le premier à commenter.", "Soyez le premier à commenter",
        "Be the first to comment.", "Be the first to comment",
        "Soyez le premier à aimer ceci.", "Be the first to like this.",
    )
)
"""Whole lines of page furniture, compared case-folded with plain apostrophes."""

SHARE_SERVICES = frozenset(
    {
        "twitter", "facebook", "linkedin", "e-mail", "email", "imprimer", "print", "whatsapp",
        "pinterest", "tumblr", "reddit", "pocket", "telegram", "google", "google+", "plus",
        "skype", "more", "mastodon",
    }
)
"""Buttons that follow a "Partager :" line."""

SHARE_MARKERS = frozenset({"partager :", "partager", "share this:", "partagez :", "share:"})
_LONGEST_SHARE_MARKER = max(map(len, SHARE_MARKERS))


def is_share_marker(line: str) -> bool:
    """Tell whether a stripped line opens a block of share buttons ("Partager :")."""
    # case folding never shortens a line: a longer one is none of them
    return len(line) <= _LONGEST_SHARE_MARKER and line.casefold() in SHARE_MARKERS


_FURNITURE_FIRST_WORDS = frozenset(
    key.split()[0].replace("'", apostrophe)
    for key in BOILERPLATE_LINES | FORM_MARKERS for apostrophe in ("'", *APOSTROPHES)
)
"""The first word of every furniture line, case-folded, with every kind of apostrophe."""
_LONGEST_FIRST_WORD = max(map(len, _FURNITURE_FIRST_WORDS))


def _could_be_furniture(line: str) -> bool:
    # the first word of a line's key is its own first word's key, so most lines of prose are
    # ruled out without building the key of the whole line; a first word longer than any
    # furniture's is cut, and still matches none (case folding never shortens a word)
    words = line[:_LONGEST_FIRST_WORD + 1].split(None, 1)
    return bool(words) and words[0].casefold() in _FURNITURE_FIRST_WORDS


def furniture(line: str) -> str | None:
    """Return ``"form"`` for a stripped line that opens the comment form, ``"boilerplate"``
    for other known page furniture, ``None`` for anything else."""
    if not _could_be_furniture(line):
        return None
    key = _key(line)
    if key in FORM_MARKERS:
        return "form"
    return "boilerplate" if key in BOILERPLATE_LINES else None


def is_share_button(line: str) -> bool:
    """Tell whether a stripped line is a share button's label."""
    key = _key(line)
    key = re.sub(r"^(?:cliquez|cliquer|click)\s+(?:pour|to)\s+(?:partager|share)\s+(?:sur|on)\s+",
                 "", key)
    key = re.sub(r"\s*\((?:ouvre|opens).*\)$", "", key)
    return key in SHARE_SERVICES


@functools.lru_cache(maxsize=8192)
def _key(line: str) -> str:
    return " ".join(plain_apostrophes(line).casefold().split())


def header_count(match: re.Match[str]) -> int | None:
    """Return the number of comments a header announces, if it says one."""
    count = match.group("count") or match.group("paren")
    if count is None:
        return None
    if count.isdigit():
        return int(count)
    return _NUMBER_WORDS.get(count.lower())


# Furniture of pages copied from real blogs ------------------------------------------------

BREADCRUMB = re.compile(
    r"(?:vous\s+[êe]tes\s+ici|you\s+are\s+here|fil\s+d['’]ariane)\s*:.*"
    r"|(?:accueil|home|page\s+d['’]accueil)\s*(?:[>›»/|]|→)\s*.{0,150}",
    re.IGNORECASE,
)
"""A breadcrumb line: « Accueil > Publications > Articles en ligne », « Vous êtes ici : … »."""
_CRUMB_SEPARATORS = re.compile(r"\s+(?:>|›|»|→|/)\s+")


_BREADCRUMB_INITIALS = frozenset("vVyYfFaAhHpP")
"""The letters :data:`BREADCRUMB` can start with (« Vous êtes ici », « Accueil »…)."""


def breadcrumb(line: str) -> bool:
    """Tell a breadcrumb line (« Accueil > A > B », or three short parts between ›)."""
    if len(line) > 180:
        return False
    # quick tests first, as this runs on every short line: a searched alternation of words
    # cost seven times a look at the first letter and five substring tests (docs/speed.md)
    if line[:1] in _BREADCRUMB_INITIALS and BREADCRUMB.fullmatch(line):
        return True
    if not (">" in line or "›" in line or "»" in line or "→" in line or "/" in line):
        return False  # no separator of _CRUMB_SEPARATORS
    parts = _CRUMB_SEPARATORS.split(line)
    return len(parts) >= 3 and all(0 < len(part.split()) <= 5 for part in parts) and not (
        line.endswith((".", "!", "?")))


EMBED = re.compile(
    r"\[/?(?:vid|video|youtube|vimeo|dailymotion|embed|caption|gallery|audio|tweet|"
    r"soundcloud|slideshare|playlist)\b[^\]]{0,300}\]"
    r"|.{0,200}?\b(?:envoyé|envoyée|ajoutée?|mise?\s+en\s+ligne|uploaded)\s+par\s+.{1,80}?"
    r"\s*[.–—-]\s*(?:plus\s+de\s+vidéos|more\s+videos).{0,80}"
    r"|(?:plus\s+de\s+vidéos|more\s+videos|voir\s+la\s+vidéo|watch\s+on\s+youtube)\s*[.!]?",
    re.IGNORECASE,
)
"""An embed code or a video player's credit line (« [vid id=12 w=600] », « Mon film envoyé par
X. – Plus de vidéos »)."""

IMAGE_CREDIT = re.compile(
    r".{1,80}?,?\s+(?:by|par|de|from)\s+.{1,60}?\s*\(\s*(?:CC[\s-]?(?:BY|0|SA|NC|ND)[^)]{0,30}"
    r"|domaine\s+public|public\s+domain|licence\s+[^)]{1,40}|GFDL|©[^)]{0,40})\s*\)\s*\.?"
    r"|(?:©|crédits?\s+(?:photo|image)s?\s*:|photo\s*:|image\s*:|source\s+(?:de\s+l['’])?"
    r"image\s*:).{1,100}",
    re.IGNORECASE,
)
"""An image's credit or licence (« Twittervogel_wiki, by Faldrian (CC-BY-SA) », « © X »,
« Crédit photo : … »)."""

NAVIGATION = re.compile(
    r"(?:[«‹←<]+\s*)?(?:article|billet|message|post|page|entrée)s?\s+(?:précédente?|suivante?|"
    r"plus\s+(?:ancien|récent)s?)(?:\s*[»›→>]+)?"
    r"|(?:[«‹←<]+\s*)?(?:previous|next|older|newer)\s+(?:post|entry|article|page)s?"
    r"(?:\s*[»›→>]+)?"
    r"|(?:imprimer|version\s+imprimable|envoyer\s+(?:à\s+un\s+ami|par\s+(?:e-?mail|courriel))|"
    r"retour\s+(?:en\s+haut|à\s+l['’]accueil|au\s+sommaire)|haut\s+de\s+page|lire\s+la\s+suite|"
    r"partager\s+(?:sur|via)\s+\w+|tweeter|recommander|print\s+this|back\s+to\s+top)"
    r"(?:\s+(?:cet|cette|l['’])\s*(?:article|billet|page))?\s*[.:!»›→]*",
    re.IGNORECASE,
)
"""A line of the page's navigation, print or share buttons (« « Billet précédent »,
« Imprimer cet article », « Partager sur Facebook »)."""

BRACKETED_DATE = re.compile(
    r"[\[(]\s*(?P<month>janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|"
    r"septembre|octobre|novembre|décembre|decembre)\s+(?P<year>(?:19|20)\d{2})\s*[\])]",
    re.IGNORECASE,
)
"""A month in brackets under a title, as SPIP and older sites print it (« [janvier 2012] »)."""

BYLINE = re.compile(r"(?:par|de|by|propos\s+recueillis\s+par)\s+(?P<who>[^,;:!?]{2,60}?)\s*[,.]?",
                    re.IGNORECASE)
"""A byline on its own line (« par Bertrand Formet, »)."""

SENTENCE_STARTS = (
    "Pour", "Je", "J’", "J'", "Le", "La", "Les", "Il", "Elle", "Nous", "Vous", "Depuis",
    "Quand", "Avec", "Dans", "En", "Un", "Une", "Ce", "Cette", "Mon", "Ma", "Mes", "C’est",
    "C'est", "Bonjour", "Aujourd’hui", "Aujourd'hui", "Au", "Lorsque", "Après", "Avant", "On",
    "Si", "Tout", "Voici", "Comme", "Chaque", "Grâce", "Hier", "Cet", "Ces", "Notre", "Nos",
)
GLUED_CAPTION = re.compile(
    r"(?P<caption>[^.!?]{2,60}?[^\W\d_])(?P<rest>(?:" + "|".join(SENTENCE_STARTS)
    + r")(?=[\s’',]|\b).*)")
"""A caption glued to the first sentence (« Martine TwittMOOCPour vous parler… »): a letter
followed, without a space, by a word that starts French sentences."""
_GLUE_POINT = re.compile(r"\S[A-Z][a-z’']")
"""Where :data:`GLUED_CAPTION`'s caption meets its sentence: a character, then the first two
of a word of :data:`SENTENCE_STARTS` (each an ASCII capital, then a small letter or an
apostrophe)."""


def glued_caption(line: str) -> re.Match[str] | None:
    """Match a stripped line against :data:`GLUED_CAPTION`, ruling out first a line where no
    character is followed by a capital and a small letter (most sentences)."""
    # the caption's last letter is at index 2 to 60, the two characters after it end by 63
    if _GLUE_POINT.search(line, 2, 64) is None:
        return None
    return GLUED_CAPTION.match(line)


SITE_NAME = re.compile(r".{0,60}\b(?:blog|blogue|carnet|journal)\b.{0,60}|.{1,60}\.(?:fr|com|org|"
                       r"net|eu|info|be|ch|ca)", re.IGNORECASE)
"""A blog's name, above a post's title (« Le blog de Classe numérique », « profdoc.fr »)."""
