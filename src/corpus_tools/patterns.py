"""Social-media tokens: hashtags, mentions, URLs, e-mail addresses and emoji.

One place for these regexes: the tokenizer keeps what they match as single tokens, and the
extractors use the same ones on the text.

Hashtags follow twitter-text: ``#`` then letters (accents included), digits, marks or ``_``,
not all digits, and not glued to a preceding letter, digit or ``&`` (``C#``, ``&#39;``).
Mentions: ``@`` then 1 to 20 ASCII letters, digits or ``_``, not preceded by a letter or digit,
so that an e-mail address is never a mention.
"""

from __future__ import annotations

import re

HASHTAG_BODY = r"(?=[\w\u0300-\u036f]*[^\W\d_])[\w\u0300-\u036f]+"
HASHTAG = re.compile(rf"(?<![\w&#])[#＃]{HASHTAG_BODY}")
MENTION = re.compile(r"(?<![\w@.+-])[@＠][A-Za-z0-9_]{1,20}(?![\w@])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"«»]+[^\s<>\"«».,;:!?)\]’']", re.IGNORECASE)
EMOJI = re.compile(
    r"(?:[\U0001F1E6-\U0001F1FF]{2}"
    r"|[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]"
    r"(?:\uFE0F|[\U0001F3FB-\U0001F3FF]|\u200D[\U0001F300-\U0001FAFF\u2600-\u27BF])*)"
)

SOCIAL_TOKEN = re.compile(
    rf"[#＃]{HASHTAG_BODY}|[@＠][A-Za-z0-9_]{{1,20}}|{EMAIL.pattern}|{EMOJI.pattern}"
)
"""What the tokenizer must keep whole (URLs are kept by spaCy's own ``url_match``)."""

ELISIONS = frozenset(
    "l' d' j' n' m' t' s' c' ç' qu' jusqu' lorsqu' puisqu' quoiqu' presqu'".split()
)
"""French elided words, with a plain apostrophe (the NLP view's)."""


def hashtags(text: str) -> list[re.Match[str]]:
    """Find the hashtags of a text.

    Examples:
        >>> [m.group() for m in hashtags("Vive #éducation et #FF, pas C# ni #2014")]
        ['#éducation', '#FF']
    """
    return list(HASHTAG.finditer(text)) if "#" in text or "＃" in text else []


def mentions(text: str) -> list[re.Match[str]]:
    """Find the @mentions of a text, leaving e-mail addresses alone.

    Examples:
        >>> [m.group() for m in mentions("Merci @2Vanssay ! Écrire à nom@domaine.fr")]
        ['@2Vanssay']
    """
    return list(MENTION.finditer(text)) if "@" in text or "＠" in text else []
