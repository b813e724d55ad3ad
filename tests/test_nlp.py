"""The French pipeline: tokenizer rules, platform ruler and entity filters, on real sentences."""

from __future__ import annotations

import pytest

from corpus_tools.nlp import gazetteer, parse, segments
from corpus_tools.normalise import nlp_view


def tokens(nlp, text: str) -> list[str]:
    return [t.text for t in nlp(nlp_view(text))]


def ents(nlp, text: str) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in nlp(nlp_view(text)).ents]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("J’ai suivi le #twittmooc.", "#twittmooc"),
        ("Vive #éducation !", "#éducation"),
        ("C’est vendredi, #FF, merci.", "#FF"),
        ("(#Annecy, #HauteSavoie)", "#HauteSavoie"),
        ("avec #11novembre14 et", "#11novembre14"),
        ("Merci @2Vanssay.", "@2Vanssay"),
        ("comme @GallicaBnF. J’utilise", "@GallicaBnF"),
        ("suivez @Nath_29 !", "@Nath_29"),
        ("Écrivez à nom.prenom@domaine.fr demain", "nom.prenom@domaine.fr"),
        ("voir https://twittmooc.example.org/defis?semaine=2 pour",
         "https://twittmooc.example.org/defis?semaine=2"),
        ("Bravo 👍 à tous", "👍"),
        ("Je code 👩‍💻 le soir", "👩‍💻"),
    ],
)
def test_social_tokens_stay_whole(nlp, text, kept):
    assert kept in tokens(nlp, text)


def test_all_digit_hashtag_is_not_kept_whole(nlp):
    assert "#2014" not in tokens(nlp, "En #2014 déjà")


@pytest.mark.parametrize(
    ("sentence", "platform"),
    [
        ("Je suis sur Twitter depuis 2013.", "Twitter"),
        ("Mon compte twitter est public.", "Twitter"),
        ("TWITTER m’a tout appris.", "Twitter"),
        ("Je n’y comprends rien et retourne sur Facebook, Netvibes, les forums, MSN ou Skype.",
         "Netvibes"),
        ("Retrouvez-moi sur Linkedin si cela vous intéresse.", "LinkedIn"),
        ("J’ai administré des wikis et utilisé ICQ.", "ICQ"),
        ("Je partage mes trouvailles sur Pearltrees et Scoop.it.", "Scoop.it"),
        ("Ma fille m’a créé un compte FB.", "Facebook"),
    ],
)
def test_platforms_are_labelled_with_their_canonical_name(nlp, sentence, platform):
    doc = nlp(nlp_view(sentence))
    found = {e.ent_id_ for e in doc.ents if e.label_ == "PLATFORM"}
    assert platform in found


def test_generic_kinds_singular_and_plural(nlp):
    doc = nlp(nlp_view("J’ai animé des forums, un wiki, des groupes de diffusion et un blog."))
    found = {e.ent_id_ for e in doc.ents if e.label_ == "PLATFORM"}
    assert found == {"forum", "wiki", "groupe de diffusion", "blog"}


def test_gazetteer_has_unique_aliases():
    aliases = [alias.lower() for platform in gazetteer() for alias in platform.aliases]
    assert len(aliases) == len(set(aliases))


@pytest.mark.parametrize(
    "sentence",
    [
        "J’ai ranimé mon compte, changé ma tête d’œuf, et cherché à comprendre.",
        "Qu’il en est de même pour ceux qui veulent m’écouter.",
        "C’est ainsi que j’ai choisi d’écouter.",
        "N’y prenez que ce plaisir, et rien d’autre.",
        "L’équipe m’a aidée.",
    ],
)
def test_elided_pronouns_are_never_entities(nlp, sentence):
    for text, _ in ents(nlp, sentence):
        assert not any(part in text.lower() for part in ("j’", "j'", "qu'", "n'", "c'", "l'"))


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("Venez ! Sans gêne, sans modestie.", "Venez"),
        ("Tentons l’analogie malgré cela.", "Tentons"),
        ("Insistez un peu, jouez beaucoup.", "Insistez"),
        ("Imaginons cinq cent millions de personnes.", "Imaginons"),
    ],
)
def test_imperatives_at_sentence_start_are_not_entities(nlp, sentence, verb):
    assert verb not in [text for text, _ in ents(nlp, sentence)]


# a testimonial's opening: the writer's occupation in apposition; each of these occupations is
# an entity (LOC, PER or MISC) for the stock small model
@pytest.mark.parametrize(
    ("sentence", "occupation"),
    [
        ("Bibliothécaire à Dijon, j’utilise Twitter pour la veille.", "Bibliothécaire"),
        ("Infirmière à Lyon, j’ai découvert Twitter pendant mes nuits de garde.", "Infirmière"),
        ("Artisan menuisier dans le Jura, j’avais une page Facebook.", "Artisan"),
        ("Doctorante depuis deux ans, je ne connaissais rien aux réseaux sociaux.",
         "Doctorante"),
        ("Bonjour à tous. Plombier à Rouen, j’ai suivi le MOOC.", "Plombier"),
        ("Avocate à Lyon, j’ai découvert Twitter.", "Avocate"),
    ],
)
def test_an_occupation_opening_a_sentence_is_not_an_entity(nlp, sentence, occupation):
    found = ents(nlp, sentence)
    assert not any(occupation in text for text, _ in found), found
    assert any(label in {"LOC", "PLATFORM"} for _, label in found)  # the rest is still read


@pytest.mark.parametrize(
    ("sentence", "entity", "label"),
    [
        ("Je travaille pour l’Éducation nationale depuis dix ans.", "Éducation nationale",
         "ORG"),
        ("Avec l’Éducation nationale, c’est toujours compliqué.", "Éducation nationale", "ORG"),
        ("L’Assemblée nationale a un compte Twitter.", "Assemblée nationale", "ORG"),
        ("Je travaille pour l’Union européenne.", "Union européenne", "ORG"),
    ],
)
def test_an_institution_keeps_its_adjective(nlp, sentence, entity, label):
    found = ents(nlp, sentence)
    assert (entity, label) in found
    assert not any(text == entity.split()[0] for text, _ in found)


@pytest.mark.parametrize(
    ("sentence", "entity", "label"),
    [
        ("Rennes est une belle ville.", "Rennes", "LOC"),  # a reindeer too
        ("Tours est ma ville depuis dix ans.", "Tours", "LOC"),
        ("J’ai rencontré Olivier Marchand à Lyon.", "Olivier Marchand", "PER"),
    ],
)
def test_places_and_names_that_are_also_common_words_are_kept(nlp, sentence, entity, label):
    assert (entity, label) in ents(nlp, sentence)


@pytest.mark.parametrize(
    ("sentence", "rejected"),
    [
        ("Il y a juste que JE choisis qui je veux écouter.", "JE"),
        ("Mon compte Twitter est public.", "Mon compte"),
        ("allez messieurs dames à vos Twittos", "Twittos"),
        ("Je vous laisse me retrouver en DM.", "DM"),
        ("Categories: Témoignages", "Categories"),
        ("Leave a Reply", "Leave"),
        ("Merci Bruno ! Vous utilisez aussi Facebook ?", "Merci Bruno"),
    ],
)
def test_known_false_entities_are_removed(nlp, sentence, rejected):
    assert all(rejected not in text for text, _ in ents(nlp, sentence) if text != "Bruno")


@pytest.mark.parametrize(
    ("sentence", "entity", "label"),
    [
        ("Quand Stéphanie a proposé le #twittmooc j’ai adhéré très vite.", "Stéphanie", "PER"),
        ("Merci Bruno ! Vous utilisez aussi Facebook ?", "Bruno", "PER"),
        ("Je m’appelle Karim, j’ai 34 ans.", "Karim", "PER"),
        ("Je suis professeure dans un collège de Brest.", "Brest", "LOC"),
    ],
)
def test_real_entities_are_kept(nlp, sentence, entity, label):
    assert (entity, label) in ents(nlp, sentence)


@pytest.mark.parametrize(
    ("sentence", "word", "pos", "lemma"),
    [  # the stock lemmatizer's guess in the comment
        ("Je suis infirmière à Morlaix et mère de trois enfants.", "Morlaix", "NOUN",
         "morlaix"),  # morlai
        ("Je cherchais un moyen de garder le contact.", "cherchais", "VERB",
         "chercher"),  # ADJ cherchai
        ("Elle m’a dit : « Tu verras, en six semaines tu sauras faire une veille ».", "verras",
         "VERB", "voir"),  # NOUN verra
        ("Imaginons cinq cent millions de personnes ensemble au même endroit.", "ensemble",
         "ADJ|NOUN", "ensemble"),  # sm: ADJ ensembl
        # a plural's final "s" goes, as the stock lemmatizer has it
        ("D’autres échanges ont conduit à des rencontres, fugaces parfois.", "fugaces", "NOUN",
         "fugace"),
        ("Les hashtags et les live-tweets sont partout.", "hashtags", "NOUN", "hashtag"),
        # a participle as adjective: its masculine singular, not the verb (priver, ouvrir)
        ("Je protège ma vie privée sur Twitter.", "privée", "ADJ", "privé"),
        ("Une porte ouverte aux parents, toujours.", "ouverte", "ADJ", "ouvert"),
        ("Mes élèves de terminale tweetent.", "terminale", "NOUN", "terminale"),  # terminal
    ],
)
def test_guessed_lemmas_are_replaced(nlp, sentence, word, pos, lemma):
    token = next(t for t in nlp(nlp_view(sentence)) if t.text == word)
    assert token.pos_ in pos.split("|") and token.lemma_ == lemma


@pytest.mark.parametrize(
    ("sentence", "word", "lemma"),
    [
        ("J’ose enfin tweeter.", "ose", "oser"),  # ose
        ("Il reste beaucoup à faire.", "reste", "rester"),  # reste
        ("Elle anime un atelier.", "anime", "animer"),  # anime
        ("Je tweete nos projets avec les élèves.", "tweete", "tweeter"),  # jargon: tweete
        # kept: an infinitive the lemmatizer found, an infinitive itself
        ("J’ouvre mon compte.", "ouvre", "ouvrir"),
        ("Je partage des articles.", "partage", "partager"),
        ("Il faut le dire.", "dire", "dire"),
    ],
)
def test_verb_forms_in_e_get_their_infinitive(nlp, sentence, word, lemma):
    token = next(t for t in nlp(nlp_view(sentence)) if t.text == word)
    assert (token.pos_, token.lemma_) == ("VERB", lemma)


@pytest.mark.parametrize(
    ("sentence", "word", "lemma"),
    [
        ("Nous tweetions en direct pendant les conférences.", "tweetions", "tweeter"),
        ("Tu tweetes trop.", "tweetes", "tweeter"),  # NOUN tweete
        ("Vous likez mes photos.", "likez", "liker"),  # ADJ likez
        ("Tu retweetes mes messages.", "retweetes", "retweeter"),
        ("Nous bloguions ensemble.", "bloguions", "bloguer"),
    ],
)
def test_the_corpus_jargon_verbs_get_their_infinitive(nlp, sentence, word, lemma):
    token = next(t for t in nlp(nlp_view(sentence)) if t.text == word)
    assert (token.pos_, token.lemma_) == ("VERB", lemma)


@pytest.mark.parametrize(("sentence", "word", "lemma"), [
    ("Les tweets de la classe.", "tweets", "tweet"), ("Les retweets comptent.", "retweets",
                                                     "retweet")])
def test_jargon_nouns_stay_nouns(nlp, sentence, word, lemma):
    token = next(t for t in nlp(nlp_view(sentence)) if t.text == word)
    assert (token.pos_, token.lemma_) == ("NOUN", lemma)


def test_segments_are_lines_with_offsets_into_the_text():
    text = "Titre\n\nUn paragraphe\u00a0!\nSuite l’été.\n"
    found = list(segments(text))
    assert [offset for offset, _ in found] == [0, 7, 23]
    for offset, line in found:
        assert nlp_view(text)[offset:offset + len(line)] == line
        assert "\n" not in line


def test_parse_gives_offsets_valid_in_the_stored_text(nlp):
    text = "Capture\n\nJ’ai découvert Twitter à Brest\u00a0!\n\nL’équipe de Stéphanie m’a aidée."
    for _, offset, doc in parse([("k", text)]):
        for token in doc:
            start = offset + token.idx
            assert nlp_view(text[start:start + len(token.text)]) == token.text


def run_filter(nlp, words: list[str], spans: list[tuple[int, int, str]]):
    """Run the entity filter alone on a Doc whose entities we set by hand."""
    from spacy.tokens import Doc, Span

    doc = Doc(nlp.vocab, words=words)
    for name, component in nlp.pipeline:
        if name not in {"ner", "platform_ruler", "corpus_entity_filter"}:
            doc = component(doc)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in spans]
    return [(e.text, e.label_) for e in nlp.get_pipe("corpus_entity_filter")(doc).ents]


def test_an_institution_is_not_extended_over_another_entity(nlp):
    words = ["Avec", "l'", "Éducation", "nationale", "Lyon", "."]
    assert run_filter(nlp, words, [(2, 3, "MISC"), (3, 5, "LOC")]) == [
        ("Éducation", "MISC"), ("nationale Lyon", "LOC")]  # as the model said: no overlap


def test_filter_drops_spans_of_punctuation(nlp):
    words = ["Il", "a", "dit", "«", "…", "»", "à", "Lyon", "."]
    assert run_filter(nlp, words, [(3, 6, "MISC"), (7, 8, "LOC")]) == [("Lyon", "LOC")]


def test_filter_trims_punctuation_and_elisions_off_the_edges(nlp):
    words = ["Merci", "à", "l'", "Académie", "de", "Rennes", ",", "vraiment", "."]
    assert run_filter(nlp, words, [(2, 7, "ORG")]) == [("Académie de Rennes", "ORG")]


def test_filter_keeps_nothing_of_a_furniture_line(nlp):
    words = ["3", "Responses", "so", "far", "."]
    assert run_filter(nlp, words, [(1, 2, "ORG")]) == []


def test_e_mail_addresses_are_never_mentions():
    from corpus_tools.patterns import mentions

    text = "Écrivez à stephanie.dupont@twittmooc.fr ou à @twittmooc (contact@x.org)."
    assert [m.group() for m in mentions(text)] == ["@twittmooc"]


def test_the_pipeline_is_loaded_once_however_the_model_is_named(nlp):
    from corpus_tools.config import DEFAULT_MODEL
    from corpus_tools.nlp import load_pipeline

    assert load_pipeline() is load_pipeline(DEFAULT_MODEL) is load_pipeline(model=DEFAULT_MODEL)


# Real pages: platforms as proper nouns, jargon, persons, institutions ------------------------

def token(nlp, text: str, word: str):
    return next(t for t in nlp(nlp_view(text)) if t.text == word)


@pytest.mark.parametrize("sentence", [
    "J’ai découvert Twitter en 2013 grâce à une collègue.",
    "Twitter m’a permis de rencontrer d’autres enseignants.",
    "Je suis sur twitter depuis hier.",
    "Mon compte Twitter est ouvert depuis septembre.",
])
def test_the_platform_is_a_proper_noun_named_after_itself(nlp, sentence):
    word = "Twitter" if "Twitter" in sentence else "twitter"
    found = token(nlp, sentence, word)
    assert (found.pos_, found.lemma_) == ("PROPN", "Twitter")


@pytest.mark.parametrize(("sentence", "word"), [
    ("Apprendre à twitter en classe, c’est possible.", "twitter"),
    ("Il aime twitter le soir.", "twitter"),
    ("J’ai twitté mon premier message hier.", "twitté"),
    ("Nous avons tweeté ensemble pendant la conférence.", "tweeté"),
])
def test_the_verb_stays_a_verb(nlp, sentence, word):
    found = token(nlp, sentence, word)
    assert found.pos_ == "VERB" and found.lemma_ in {"twitter", "tweeter"}
    assert not [e for e in ents(nlp, sentence) if e[1] == "PLATFORM"]


@pytest.mark.parametrize(("sentence", "jargon"), [
    ("Mon premier Follow Friday", "Follow Friday"),
    ("Chaque Tweet est relu à voix haute par la classe.", "Tweet"),
    ("Les parents suivent la Timeline depuis la maison.", "Timeline"),
    ("Une Twittclasse en CP", "Twittclasse"),
    ("Les MOOCs séduisent de plus en plus d’enseignants.", "MOOCs"),
    ("Les élèves de CM2 préparent un JT chaque mois.", "JT"),
    ("Ma petite-fille m’a inscrite sur Twitter à Noël.", "Noël"),
    ("Samedi, j’ai live-tweeté la conférence.", "Samedi"),
])
def test_jargon_grades_and_the_calendar_are_never_entities(nlp, sentence, jargon):
    assert jargon not in [text for text, _ in ents(nlp, sentence)]


@pytest.mark.parametrize("heading", ["Contexte", "Scénario", "Langue Étrangère", "SITUATIONS",
                                     "INTRODUCTION", "Semaine 1 du cours"])
def test_a_heading_of_common_words_is_no_entity(nlp, heading):
    assert ents(nlp, heading) == []


def test_jargon_before_a_place_leaves_the_place(nlp):
    found = ents(nlp, "Une Twittclasse de Genève nous a proposé un défi de calcul.")
    assert ("Genève", "LOC") in found
    assert not [text for text, _ in found if "Twittclasse" in text]


@pytest.mark.parametrize(("sentence", "person"), [
    ("Puis B. Formet, mon collègue de technologie, m’a conseillé le MOOC.", "B. Formet"),
    ("Merci à L.Juin pour ses conseils.", "L.Juin"),
    ("Merci à L. Juin, mon homonyme de Niort.", "L. Juin"),
    ("C’est Stéphanie de Vanssay qui m’a fait découvrir Twitter.", "Stéphanie de Vanssay"),
    ("Sophie Le Gall, bibliothécaire, anime aussi une chaîne.", "Sophie Le Gall"),
    ("Merci à Jean-Roch et à toute l’équipe.", "Jean-Roch"),
    ("Réponse de Karim B. : pas besoin de tout lire.", "Karim B."),
    ("Mme Garnier, ma cadre, m’a encouragée.", "Garnier"),
    ("Dr Aurélie Marchand, chercheuse, étudie ces archives.", "Aurélie Marchand"),
    ("Réponse d’Élodie : je conseille aussi ce site.", "Élodie"),
])
def test_persons_with_initials_particles_hyphens_and_titles(nlp, sentence, person):
    assert (person, "PER") in ents(nlp, sentence)


@pytest.mark.parametrize(("sentence", "entity", "label"), [
    ("Documentaliste au collège Jean-Moulin de Saint-Brieuc, j’ai ouvert un compte.",
     "collège Jean-Moulin de Saint-Brieuc", "ORG"),
    ("Avec mes élèves du lycée Victor-Hugo de Poitiers, nous tenons un blog.",
     "lycée Victor-Hugo de Poitiers", "ORG"),
    ("Selon le ministère de l’Éducation nationale, le MOOC a plu.",
     "ministère de l'Éducation nationale", "ORG"),
    ("Elle est formatrice à l’INSPE de Lille depuis 2014.", "INSPE de Lille", "ORG"),
    ("La Haute Autorité de santé publie ses recommandations.", "Haute Autorité de santé",
     "ORG"),
    ("L’association Les Amis du Parc compte 120 adhérents.", "Les Amis du Parc", "ORG"),
    ("Je suis les comptes de Météo-France et de la SNCF.", "Météo-France", "ORG"),
    ("Je lis aussi le CAC 40 chaque matin.", "CAC 40", "MISC"),
    ("Je prends le RER tous les jours.", "RER", "MISC"),
])
def test_institutions_whole_with_their_labels(nlp, sentence, entity, label):
    found = ents(nlp, sentence)
    assert (entity, label) in found
    assert not [e for e in found if e != (entity, label) and e[0] in entity]  # none inside


def test_a_school_in_a_town_is_no_institutions_name(nlp):
    found = ents(nlp, "Nous suivons une école de Manchester depuis un an.")
    assert not [text for text, label in found if label == "ORG"]


@pytest.mark.parametrize(("sentence", "platform"), [
    ("Twilert m’envoie une alerte quand un mot-clé apparaît.", "Twilert"),
    ("J’archive les échanges avec Twapperkeeper et Backupify.", "Backupify"),
    ("Avant Twitter, notre réseau vivait sur Ning.", "Ning"),
    ("J’ai même essayé Tinder pour voir.", "Tinder"),
    ("Je conseille le site WebPédagogique pour les idées.", "WebPédagogique"),
    ("Nous utilisons Buffer pour programmer les messages.", "Buffer"),
])
def test_the_long_tail_of_platforms(nlp, sentence, platform):
    doc = nlp(nlp_view(sentence))
    assert platform in {e.ent_id_ for e in doc.ents if e.label_ == "PLATFORM"}
    assert not [e for e in doc.ents if e.label_ != "PLATFORM" and platform in e.text]


def test_a_platform_that_is_also_a_word_is_matched_as_written(nlp):
    doc = nlp(nlp_view("Il faut vider le buffer et classer les tags du blog."))
    assert {e.ent_id_ for e in doc.ents if e.label_ == "PLATFORM"} <= {"blog"}


def test_the_codebooks_jargon_is_the_entity_filters():
    from corpus_tools.nlp import jargon
    from corpus_tools.themes import load_codebook

    terms = load_codebook().as_dict()["Jargon de Twitter"]
    assert set(terms) <= jargon()


def test_key_terms_leave_out_names_clitics_fillers_and_count_plurals_once(tmp_path):
    from corpus_tools.analysis import analyze
    from corpus_tools.load import load_corpus

    (tmp_path / "page.txt").write_text(
        "Les MOOCs en classe\n\n"
        "Laurence Juin, professeure à Poitiers, suit les MOOCs depuis 2013. Un MOOC par "
        "trimestre, hein, et des twittclasses partout : chaque twittclasse publie sur Twitter.\n\n"
        "Pouvez-vous me dire qui suit le MOOC ? Photo by Lucie, Twitter et Poitiers encore.\n",
        encoding="utf-8")
    keyterms = analyze(load_corpus(tmp_path)).keyterms
    terms = set(keyterms.loc[keyterms["scope"] == "corpus", "term"])
    assert {"mooc", "twittclasse", "twitter"} <= terms
    assert not terms & {"moocs", "twittclasses", "laurence", "juin", "poitiers", "hein", "by",
                        "-vous", "vous", "lucie"}


@pytest.mark.slow
def test_a_users_platforms_file_extends_the_gazetteer(tmp_path, capsys):
    import pandas as pd

    from corpus_tools.cli import main

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "veille.txt").write_text(
        "Ma veille\n\nJ’utilise Nuzzel et TweetDeck pour suivre l’oiseau bleu depuis 2014.\n",
        encoding="utf-8")
    mine = tmp_path / "mes_plateformes.toml"
    mine.write_text('[[platform]]\nname = "Nuzzel"\ncategory = "veille et curation"\n'
                    'aliases = ["Nuzzel"]\n\n[[platform]]\nname = "Twitter"\n'
                    'category = "microblogging"\naliases = ["Twitter", "oiseau bleu"]\n',
                    encoding="utf-8")
    assert main(["run", str(raw), "--out", str(out), "-q", "--platforms", str(mine)]) == 0
    found = pd.read_parquet(out / "platforms.parquet")
    assert dict(zip(found["platform"], found["category"], strict=True)) == {
        "Nuzzel": "veille et curation", "TweetDeck": "outil Twitter", "Twitter": "microblogging"}
    assert main(["run", str(raw), "--out", str(out), "-q"]) == 0  # another pipeline: parsed
    assert set(pd.read_parquet(out / "platforms.parquet")["platform"]) == {"TweetDeck"}
    (tmp_path / "bad.toml").write_text("[[platform]]\ncategory = 'x'\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["run", str(raw), "--out", str(out), "-q", "--platforms",
                 str(tmp_path / "bad.toml")]) == 2
    assert "bad.toml : fichier de plateformes illisible" in capsys.readouterr().err
