"""Text normalization shared by typed answers and word-search words (mirrored in TypeScript).

Whitespace is the Unicode White_Space set, spelled out so Python and JavaScript agree exactly
(`str.isspace` and JavaScript's `\\s` each differ from it in a few code points).
"""

import re
import unicodedata

_WHITESPACE_RUN = re.compile("[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def has_whitespace(text: str) -> bool:
    return _WHITESPACE_RUN.search(text) is not None


def typed_answer_key(text: str) -> str:
    """What two typed answers must share to be equal: trimmed, inner whitespace runs collapsed to one
    space, case folded (upper then lower, so "Straße" == "STRASSE"), NFC so composed and decomposed
    accents compare equal.
    """
    collapsed = _WHITESPACE_RUN.sub(" ", text).strip(" ")
    return unicodedata.normalize("NFC", collapsed.upper().lower())
