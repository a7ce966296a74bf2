"""Text folding shared by the chat's slot parser and keyword matching."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes. Keeps positions for Latin text (one char per char)."""
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'").replace("´", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
