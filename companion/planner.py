"""The use cases: retrieve what a session needs, then let a generation backend write the plan."""

from __future__ import annotations

from collections import defaultdict

from companion.config import Settings
from companion.domain import Language, Level, PairProfile, SessionPlan
from companion.generation.composer import OfflineComposer
from companion.generation.material import PlanMaterial, TopicMaterial
from companion.knowledge.catalogue import Catalogue
from companion.retrieval.search import Filters, Searcher


class PlanningError(ValueError):
    """The request cannot be planned as it stands; `key` names the locale string that explains why."""

    def __init__(self, key: str):
        self.key = key
        super().__init__(key)


def choose_format(session_number: int, total_sessions: int) -> str:
    """First meeting, then deep-dive / lab / review / the manager's turn in rotation, then closing."""
    if session_number == 1:
        return "first-meeting"
    if session_number >= total_sessions:
        return "closing-session"
    rotation = ("skill-deep-dive", "hands-on-lab", "follow-up-review", "managers-turn")
    return rotation[(session_number - 2) % len(rotation)]


def kram_phase(session_number: int, total_sessions: int) -> str:
    """Kram (1983): initiation at the start, cultivation in the middle, separation at the end."""
    if session_number == 1:
        return "initiation"
    return "separation" if session_number >= total_sessions else "cultivation"


def topics_wanted(session_minutes: int) -> int:
    return 1 if session_minutes < 60 else 2


class Planner:
    def __init__(self, searcher: Searcher, catalogue: Catalogue, settings: Settings):
        self.searcher = searcher
        self.catalogue = catalogue
        self.settings = settings
        self.composer = OfflineComposer()

    def rank_topics(self, goals: str, lang: Language, limit: int) -> list[str]:
        """Skill topics whose cards best match the goals: reciprocal-rank votes of the matching sections."""
        hits = self.searcher.search(goals, k=30, filters=Filters(lang=lang, kind="skill"))
        votes: dict[str, float] = defaultdict(float)
        for rank, hit in enumerate(hits):
            votes[hit.topics[0]] += 1.0 / (10 + rank)
        ranked = sorted(votes, key=votes.get, reverse=True)
        if not ranked:
            return []
        best = votes[ranked[0]]
        # A second topic only when the goals clearly ask for it, not as filler.
        return [slug for slug in ranked[:limit] if votes[slug] >= 0.5 * best]

    def gather(self, profile: PairProfile) -> PlanMaterial:
        lang = profile.language
        if not profile.goals.strip():
            raise PlanningError("ask_goals")
        slugs = self.rank_topics(profile.goals, lang, topics_wanted(profile.session_minutes))
        topics = []
        for slug in slugs:
            card_id = f"skill-{slug}-{lang}"
            card = self.searcher.card(card_id)
            if card:
                topics.append(TopicMaterial(slug=slug, name=self.catalogue.name(slug, lang), card=card, card_id=card_id))
        if not topics:
            raise PlanningError("no_topic_found")
        format_slug = choose_format(profile.session_number, profile.total_sessions)
        format_card_id = f"format-{format_slug}-{lang}"
        format_card = self.searcher.card(format_card_id)
        if not format_card:
            raise PlanningError("no_topic_found")
        return PlanMaterial(
            profile=profile,
            format_slug=format_slug,
            format_card=format_card,
            format_card_id=format_card_id,
            topics=topics,
            kram_phase=kram_phase(profile.session_number, profile.total_sessions),
            level=profile.level or self.default_level(profile),
            question_banks={who: self.searcher.card(f"questions-{who}-{lang}") for who in ("mentor", "manager")},
        )

    @staticmethod
    def default_level(profile: PairProfile) -> Level:
        """Without a stated level, exercises start at foundation and step up as the programme goes on."""
        progress = profile.session_number / max(profile.total_sessions, 1)
        return "foundation" if progress <= 0.34 else "intermediate" if progress <= 0.67 else "advanced"

    def plan_session(self, profile: PairProfile) -> SessionPlan:
        return self.composer.compose(self.gather(profile))
