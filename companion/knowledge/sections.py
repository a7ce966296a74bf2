"""The section headings the planner relies on, in both languages, with their stable keys.

Chunk ids use the key (`skill-phishing-and-scams-it#what-to-show`), so an Italian card and its
English twin cite the same section under the same name.
"""

from __future__ import annotations

from companion.domain import Kind, Language

SKILL_SECTIONS: dict[str, dict[Language, str]] = {
    "why": {"en": "Why it matters for a manager", "it": "Perché conta per un manager"},
    "what-to-show": {"en": "What to show", "it": "Cosa mostrare"},
    "try-together": {"en": "What to try together", "it": "Cosa provare insieme"},
    "pitfalls": {"en": "Pitfalls", "it": "Errori da evitare"},
    "discussion": {"en": "Questions to talk about", "it": "Domande per la discussione"},
    "reflection": {"en": "Reflection questions", "it": "Domande di riflessione"},
    "exercises": {"en": "Follow-up exercises", "it": "Esercizi di follow-up"},
    "mentor-tips": {"en": "Tips for the mentor", "it": "Consigli per il mentor"},
}

FORMAT_SECTIONS: dict[str, dict[Language, str]] = {
    "purpose": {"en": "Purpose", "it": "Scopo"},
    "phases": {"en": "Phases", "it": "Fasi"},
    "scaling": {"en": "Scaling the time", "it": "Adattare i tempi"},
    "tips": {"en": "Tips", "it": "Consigli"},
}

KRAM_PHASES: dict[str, dict[Language, str]] = {
    "initiation": {"en": "Initiation", "it": "Avvio"},
    "cultivation": {"en": "Cultivation", "it": "Coltivazione"},
    "separation": {"en": "Separation", "it": "Separazione"},
    "redefinition": {"en": "Redefinition", "it": "Ridefinizione"},
}

MOMENTS: dict[str, dict[Language, str]] = {
    "before": {"en": "Before a session", "it": "Prima della sessione"},
    "during": {"en": "During a session", "it": "Durante la sessione"},
    "after": {"en": "After a session", "it": "Dopo la sessione"},
}

REFLECTION_AUDIENCES: dict[str, dict[Language, str]] = {
    "mentor": {"en": "For the mentor", "it": "Per il mentor"},
    "manager": {"en": "For the manager", "it": "Per il manager"},
}

LEVEL_LABELS: dict[str, dict[Language, str]] = {
    "foundation": {"en": "Foundation", "it": "Base"},
    "intermediate": {"en": "Intermediate", "it": "Intermedio"},
    "advanced": {"en": "Advanced", "it": "Avanzato"},
}

FORMATS = ("first-meeting", "skill-deep-dive", "hands-on-lab", "follow-up-review", "managers-turn", "closing-session")

# Sections each kind must have, in order; other kinds are free-form.
REQUIRED_SECTIONS: dict[Kind, dict[str, dict[Language, str]]] = {
    "skill": SKILL_SECTIONS,
    "format": FORMAT_SECTIONS,
    "questions": KRAM_PHASES,
}


def section_key(heading: str, lang: Language) -> str | None:
    """The stable key of a known heading, in any table, or None."""
    for table in (SKILL_SECTIONS, FORMAT_SECTIONS, KRAM_PHASES, MOMENTS, REFLECTION_AUDIENCES):
        for key, names in table.items():
            if heading.strip().lower() == names[lang].lower():
                return key
    for key, names in LEVEL_LABELS.items():
        if heading.strip().lower().startswith(names[lang].lower() + ":"):
            return key
    return None
