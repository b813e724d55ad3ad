"""Each rule of the page reader, alone: a line it takes, and a near line it leaves.

The pages are small and our own. The last line of each page is the one looked at; the lines
above it put the reader where the rule applies (in the body, in the comments, in the form).
"""

import pytest

from corpus_tools.load.page import PageReader, Role

LONG = "J’ai ouvert mon compte un soir de novembre, " * 6  # more than LONG_LINE characters

# rule: (page whose last line the rule takes, the roles of that line's pieces)
TAKEN = {
    "caption_first": ("Capture4", [Role.CAPTION]),
    "caption_glued": ("Mon premier tweet\nMartine TwittMOOCPour vous parler de mon parcours, "
                      "voici comment j’ai commencé.", [Role.CAPTION, Role.BODY]),
    "long_line": ("Mon témoignage\n\n1 réponse\n\n" + LONG, [Role.COMMENT_TEXT]),
    "copied_furniture": ("Mon témoignage\n\nArticle précédent", [Role.BOILERPLATE]),
    "image_credit": ("Mon témoignage\n\nPhoto : Marie Dupont", [Role.CAPTION]),
    "site_name": ("Le blog de Classe numérique\nMon année sur Twitter", None),
    "bracketed_date": ("Mon témoignage\n\n[janvier 2014]", [Role.POST_META]),
    "byline": ("Mon témoignage\n\nPar Marie Dupont", [Role.POST_META]),
    "share_buttons": ("Mon témoignage\n\nJ’ai appris.\n\nPartager :\nTwitter", [Role.BOILERPLATE]),
    "comment_header": ("Mon témoignage\n\nJ’ai appris.\n\n2 réponses", [Role.COMMENT_HEADER]),
    "comment_form": ("J’ai appris.\n\nLaisser un commentaire\nVotre adresse ne sera pas "
                     "publiée", [Role.BOILERPLATE]),
    "furniture": ("Mon témoignage\n\nJ’ai appris.\n\nLaisser un commentaire", [Role.BOILERPLATE]),
    "categories_line": ("J’ai appris.\n\nCatégories : Témoignages, Twitter", [Role.CATEGORIES]),
    "tags_line": ("J’ai appris.\n\nÉtiquettes : tablette, réseaux", [Role.TAGS]),
    "dated_meta": ("J’ai appris.\n\nPublié le 3 juin 2014 par Marie", [Role.POST_META]),
    "bare_date": ("Capture4\n3 juin 2014", [Role.POST_META]),
    "comment_author": ("J’ai appris.\n\n1. Paul Martin dit :", [Role.COMMENT_AUTHOR]),
    "name_over_date": ("J’ai appris.\n\n2 réponses\n\n1. Paul Martin dit :\nMerci !\n\n"
                       "Sophie Durand\n4 juin 2014", None),
    "comment_date": ("J’ai appris.\n\n2 réponses\n\nPaul Martin dit :\n4 juin 2014",
                     [Role.COMMENT_DATE]),
    "date_before_author": ("J’ai appris.\n\n2 réponses\n\n1. Paul Martin dit :\nMerci !\n\n"
                           "4 juin 2014\nSophie Durand dit :", None),
    "reply_marker": ("J’ai appris.\n\n2 réponses\n\n2. Sophie Durand dit :\n"
                     "En réponse à Paul Martin.", [Role.REPLY_MARKER]),
    "comment_text": ("J’ai appris.\n\n1 réponse\n\nPaul Martin dit :\nMerci pour ce "
                     "témoignage.", [Role.COMMENT_TEXT]),
    "body": ("Mon témoignage\n\nJ’ai appris Twitter en classe.", [Role.BODY]),
}
# the rules whose line is not the page's last: (page, index of the line the rule takes)
NOT_LAST = {"site_name": 0, "name_over_date": -2, "date_before_author": -2}
TAKEN_ROLES = {"site_name": [Role.BOILERPLATE], "name_over_date": [Role.COMMENT_AUTHOR],
               "date_before_author": [Role.COMMENT_DATE]}

# rule: a page whose last line looks like the rule's but is not for it
LEFT = {
    "caption_first": "Mon témoignage\nCapture4",  # a caption only as first line…
    "caption_glued": "Mon premier tweet\nMartine TwittMOOCPour.",  # too short a sentence
    "long_line": "Mon témoignage\n\n" + LONG[:150],
    "copied_furniture": "Mon témoignage\n\nArticle très précédent",
    "image_credit": "Mon témoignage\n\nPhoto de classe prise pendant la sortie, un jour",
    "site_name": "Le blog de Classe numérique\nJ’ai appris Twitter en classe, avec les élèves.",
    "bracketed_date": "Mon témoignage\n\n[janvier]",
    "byline": "Mon témoignage\n\nPar chance, il pleuvait ce jour-là et j’ai ouvert un compte",
    "share_buttons": "Mon témoignage\n\nJ’ai appris.\n\nTwitter",  # no « Partager : » above
    "comment_header": "Mon témoignage\n\nJ’ai appris.\n\n2 réponses ont suffi à me convaincre.",
    "comment_form": "J’ai appris.\n\nLaisser un commentaire\n1. Paul Martin dit :",
    "furniture": "Mon témoignage\n\nJ’ai appris.\n\nLaisser un message à ma sœur",
    "categories_line": "J’ai appris.\n\nCatégories de personnes qui tweetent",
    "tags_line": "J’ai appris.\n\nÉtiquettes collées sur la tablette",
    "dated_meta": "J’ai appris.\n\nPublié un peu partout, ce témoignage",
    "bare_date": "Mon témoignage\n\nJ’ai appris.\n\n3 juin 2014",  # after the body began
    "comment_author": "J’ai appris.\n\nPaul Martin dit :",  # neither numbered nor indented
    "name_over_date": "J’ai appris.\n\n2 réponses\n\nPaul Martin dit :\nSophie Durand\n"
                      "4 juin 2014",  # the author above waits for its date
    "comment_date": "J’ai appris.\n\n2 réponses\n\nPaul Martin dit :\nMerci !\n4 juin 2014",
    "date_before_author": "J’ai appris.\n\n2 réponses\n\nPaul Martin dit :\nMerci !\n"
                          "4 juin 2014\nBonne journée",
    "reply_marker": "J’ai appris.\n\n1 réponse\n\nPaul Martin dit :\nMerci !\n"
                    "En réponse à Sophie.",  # the comment's text has begun
    "comment_text": "J’ai appris.\n\nMerci pour ce témoignage.",  # not in the comments
    "body": None,  # the body takes every line that reaches it
}
# the rule that takes a LEFT line instead, where it is not the body
INSTEAD = {"comment_form": "comment_author", "name_over_date": "comment_text",
           "comment_date": "comment_text", "date_before_author": "comment_text",
           "reply_marker": "comment_text"}


def _take_until(page: str, index: int) -> tuple[PageReader, str | None]:
    reader = PageReader(page)
    index %= len(reader.lines)
    for earlier in range(index):
        reader.take(earlier)
    return reader, reader.take(index)


def test_every_rule_has_its_cases():
    assert set(TAKEN) == set(PageReader.RULES) == set(LEFT)


@pytest.mark.parametrize("rule", PageReader.RULES)
def test_rule_takes_its_line(rule):
    page, roles = TAKEN[rule]
    index = NOT_LAST.get(rule, -1)
    reader, taken = _take_until(page, index)
    assert taken == rule
    number = index % len(reader.lines) + 1
    assert [p.role for p in reader.pieces if p.line == number] == (roles or TAKEN_ROLES[rule])


@pytest.mark.parametrize("rule", [rule for rule in PageReader.RULES if LEFT[rule]])
def test_rule_leaves_a_near_line(rule):
    _, taken = _take_until(LEFT[rule], -1)
    assert taken == INSTEAD.get(rule, "body")
