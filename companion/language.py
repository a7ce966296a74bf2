"""Which of our two languages a text is written in (lingua, restricted to English and Italian)."""

from __future__ import annotations

from functools import cache

from companion.domain import Language


@cache
def _detector():
    from lingua import Language as L
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(L.ENGLISH, L.ITALIAN).build()


def detect_language(text: str, default: Language) -> Language:
    """Short or ambiguous texts keep the default (the user's current language)."""
    if len(text.split()) < 3:
        return default
    from lingua import Language as L

    confidence = _detector().compute_language_confidence(text, L.ITALIAN)
    if confidence >= 0.7:
        return "it"
    return "en" if confidence <= 0.3 else default
