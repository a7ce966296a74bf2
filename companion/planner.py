"""The use cases: retrieve what a task needs, then let a generation backend write the result.

plan a session · suggest topics · follow-up exercises · curriculum · answer a question.
Each returns a pydantic domain object whose every item cites the retrieved sections it came from.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import partial

from companion.config import Settings
from companion.domain import (
    Answer,
    Curriculum,
    CurriculumSession,
    Exercise,
    ExerciseSet,
    IndexedChunk,
    Language,
    Level,
    PairProfile,
    Person,
    SelfLevel,
    SessionPlan,
    TopicList,
    TopicSuggestion,
    clamp_programme_sessions,
)
from companion.generation.backend import Event, Generator, final_as
from companion.generation.citations import with_sources
from companion.generation.composer import OfflineComposer, allocate_minutes, first_sentences, flatten_activity
from companion.generation.llm import LLMError
from companion.generation.material import PlanMaterial, TopicMaterial
from companion.generation.offline_tasks import answer_from, exercise_from, session_rationale
from companion.i18n import t
from companion.knowledge.catalogue import Catalogue
from companion.retrieval.keywords import KeywordMatcher
from companion.retrieval.search import Filters, Searcher
from companion.textnorm import fold

SELF_LEVEL_ORDER: dict[SelfLevel, int] = {"not-yet": 0, "foundation": 1, "intermediate": 2, "advanced": 3}
KEYWORD_WEIGHT = 0.3  # votes a whole-word keyword match adds to a topic (a section at rank 0 adds 0.1)
# Rules-and-risks topics whose cards use every general word of their field ("AI", "data", "security"):
# retrieval alone half-counts for them, so "a series on AI" is about generative AI and "security first" about
# phishing and passwords; their own words ("AI Act", "AI risks", "NIS2", "ransomware") still pick them.
NEEDS_ITS_WORDS = frozenset({"ai-act-and-ai-literacy", "ai-risks-and-policy", "nis2-and-incident-response"})
# The first meeting and the closing session are about the programme, not a new skill: ground rules and the
# self-assessment at the start; closing the relationship and re-rating the self-assessment at the end.
PROGRAMME_TOPICS: dict[str, tuple[str, str]] = {
    "first-meeting": ("ground-rules-confidentiality", "self-assessing-digital-skills"),
    "closing-session": ("closing-the-relationship", "self-assessing-digital-skills"),
}
# Programme topics a plan may be about when the goals use their own words: the roles turned, the manager sharing
# leadership ("this time he mentors me on handling conflict"); never reached by skill retrieval alone.
# A review halfway through the programme ("at the midpoint, let's take stock") is about reflection and impact.
NAMED_PROGRAMME_TOPICS = ("leadership-shared-back", "reflection-practice", "measuring-impact")
# Without their own words ("AI Act", "NIS2") the regulations count a quarter: "AI" or "security" alone is the
# everyday topic. Measured on a freshly built index, where dense ranks shift slightly from an updated one.
REGULATION_WITHOUT_ITS_WORDS = 0.25
# A programme asked for many pairs at once with no skill named ("lay out the arc of the 8 meetings for our 10 pairs",
# HR sketching what every pair goes through): each pair picks its own skills, so the sessions follow the
# programme's arc (ground rules, self-assessment, reflection, the manager's turn, impact, closing), not skills
# that retrieval happens to rank for "pairs" or "arc".
_COHORT = re.compile(r"\b(?:pairs|coppie|every\s+pair|each\s+pair|ogni\s+coppia|cohort|coort[ei])\b")
PROGRAMME_ARC = ("self-assessing-digital-skills", "reflection-practice", "measuring-impact")
# what a format-only session of such an arc is about
FORMAT_PROGRAMME_TOPIC = {
    "first-meeting": "ground-rules-confidentiality",
    "managers-turn": "leadership-shared-back",
    "follow-up-review": "reflection-practice",
    "closing-session": "closing-the-relationship",
}


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


def curriculum_outline(count: int, topics: int) -> list[tuple[str, int | None]]:
    """(format, topic index) for each session of a curriculum: first meeting; per topic a deep-dive and, when
    there is room, a lab; the manager's turn at the midpoint; a review of follow-up work near the end; closing."""
    middle = max(count - 2, 0)
    per_topic: list[list[str]] = [["skill-deep-dive"] for _ in range(topics)]
    used = min(topics, middle)
    for blocks in per_topic:
        if used < middle:
            blocks.append("hands-on-lab")
            used += 1
    extras = []
    if used < middle:
        extras.append("managers-turn")
        used += 1
    if used < middle:
        extras.append("follow-up-review")
        used += 1
    slots: list[tuple[str, int | None]] = []
    slots.extend([(fmt, i) for i, blocks in enumerate(per_topic) for fmt in blocks][:middle])
    while used < middle:  # long programmes: more practice, topic by topic
        slots.append(("hands-on-lab", len(slots) % max(topics, 1)))
        used += 1
    if "managers-turn" in extras:
        # Between two topics, as near the middle as possible, so a topic's deep-dive and lab stay together.
        boundaries = [i for i in range(1, len(slots)) if slots[i][0] == "skill-deep-dive"] or [len(slots)]
        slots.insert(min(boundaries, key=lambda i: abs(i - len(slots) / 2)), ("managers-turn", None))
    if "follow-up-review" in extras:
        slots.append(("follow-up-review", None))
    outline = [("first-meeting", None), *slots]
    return [*outline, ("closing-session", None)] if count > 1 else outline


def kram_phase(session_number: int, total_sessions: int) -> str:
    """Kram (1983): initiation at the start, cultivation in the middle, separation at the end."""
    if session_number == 1:
        return "initiation"
    return "separation" if session_number >= total_sessions else "cultivation"


_LIST_SEPARATORS = re.compile(r"[;\n•]|,(?!\d)")
_CONJUNCTIONS = re.compile(r"\s+(?:and also|and|as well as|plus|e anche|e|ed|oltre a)\s+", re.I)


def split_goals(goals: str) -> list[str]:
    """Separate goals written as a list ("phishing, LinkedIn and spreadsheets"). Without commas, a
    conjunction splits only between phrases of two words or more ("spot phishing and protect accounts"),
    so "riconoscere e segnalare il phishing" stays one goal."""
    is_list = bool(_LIST_SEPARATORS.search(goals))
    parts = []
    for piece in _LIST_SEPARATORS.split(goals):
        halves = [h.strip(" .:-") for h in _CONJUNCTIONS.split(piece)]
        if is_list or all(len(h.split()) >= 2 for h in halves):
            parts += halves
        else:
            parts.append(piece.strip(" .:-"))
    parts = [part for part in parts if part]
    return parts if len(parts) > 1 else [goals]


def topics_wanted(session_minutes: int) -> int:
    return 1 if session_minutes < 60 else 2


def fix_plan(session_minutes: int, plan: SessionPlan) -> SessionPlan:
    """A model's agenda is rescaled to the session length; a plan without exercises or timings is refused."""
    minutes = [item.minutes for item in plan.agenda]
    if not plan.agenda or not plan.exercises or min(minutes) <= 0:
        raise LLMError("the plan lacked an agenda, timings or exercises")
    if sum(minutes) != session_minutes:
        for item, scaled in zip(plan.agenda, allocate_minutes(minutes, session_minutes), strict=True):
            item.minutes = scaled
    for item in plan.agenda:
        item.activity = flatten_activity(item.activity, item.minutes)
    return plan


class Planner:
    def __init__(
        self,
        searcher: Searcher,
        catalogue: Catalogue,
        settings: Settings,
        generator: Generator | None = None,
        keywords: KeywordMatcher | None = None,
    ):
        self.searcher = searcher
        self.catalogue = catalogue
        self.settings = settings
        self.composer = OfflineComposer()
        self.generator = generator or Generator(settings)
        self.keywords = keywords or KeywordMatcher()

    def describe(self, profile: PairProfile) -> str:
        """The pair as the LLM sees it: roles always, names only when the settings allow it."""
        share = self.settings.llm_share_names

        def who(person: Person) -> str:
            return f"{person.name + ', ' if share and person.name else ''}{person.role or '-'}"

        lines = [
            f"- mentor: {who(profile.mentor)}",
            f"- manager: {who(profile.manager)}",
            f"- goals: {profile.goals or '-'}",
        ]
        if profile.previous_topics:
            lines.append(f"- previous topics: {', '.join(profile.previous_topics)}")
        if profile.self_assessment:
            lines.append("- self-assessment: " + ", ".join(f"{k}={v}" for k, v in profile.self_assessment.items()))
        return "\n".join(lines)

    # ---- retrieval shared by the use cases -------------------------------------------------------------

    def rank_topics(self, goals: str, lang: Language, limit: int, exclude: tuple[str, ...] = ()) -> list[str]:
        """Skill topics for the goals. A list of goals ("phishing, LinkedIn and spreadsheets") gives each goal
        its best topic, in the order written; a single goal ranks the topics of its matching sections. When the
        list names more goals than the session takes topics, the goals' topics the whole text supports most
        go first ("deepfakes and AI risks" in one topic: AI risks, which both goals point to)."""
        parts = split_goals(goals)
        if len(parts) > 1:
            picked: list[str] = []
            for part in parts:
                for slug in self._rank_one(part, lang, 1, exclude + tuple(picked)):
                    picked.append(slug)
            if len(picked) > limit:
                votes, _ = self._votes(goals, lang, exclude)
                picked = sorted(picked, key=lambda slug: votes.get(slug, 0.0), reverse=True)
            return picked[:limit] if picked else self._rank_one(goals, lang, limit, exclude)
        return self._rank_one(goals, lang, limit, exclude)

    def _votes(self, goals: str, lang: Language, exclude: tuple[str, ...]) -> tuple[dict[str, float], dict[str, float]]:
        """Reciprocal-rank votes of the matching sections, per topic, plus the topics whose keywords the goals
        use ("Teams", "tabelle pivot", "ChatGPT"); and the keyword scores alone."""
        # a misspelt product name is searched as the name ("ciatgpt" -> "chatgpt"), the rest as written
        fixed = self.keywords.names_fixed(goals)
        hits = self.searcher.search(fixed or goals, k=30, filters=Filters(lang=lang, kind="skill"))
        votes: dict[str, float] = defaultdict(float)
        for rank, hit in enumerate(hits):
            if hit.topics[0] not in exclude:
                votes[hit.topics[0]] += 1.0 / (10 + rank)
        skills = {topic.slug for topic in self.catalogue.skills()}
        named = {slug: score for slug, score in self.keywords.scores(goals).items() if slug in skills}
        for slug in NEEDS_ITS_WORDS & set(votes) - set(named):
            votes[slug] *= REGULATION_WITHOUT_ITS_WORDS
        for slug, score in named.items():
            if slug not in exclude:
                votes[slug] += KEYWORD_WEIGHT * score
        return votes, named

    def _rank_one(self, goals: str, lang: Language, limit: int, exclude: tuple[str, ...]) -> list[str]:
        if not goals.strip():
            return []
        votes, named = self._votes(goals, lang, exclude)
        ranked = sorted(votes, key=lambda slug: votes[slug], reverse=True)
        if not ranked:
            return []
        best = votes[ranked[0]]
        # A further topic only when the goals clearly ask for it (close votes, or its own word), not as filler.
        picked = [ranked[0]]
        for slug in ranked[1:]:
            if len(picked) < limit and (votes[slug] >= 0.5 * best or named.get(slug, 0.0) >= 1.0):
                picked.append(slug)
        return picked

    def weakest_competence_topics(self, assessment: dict[str, SelfLevel]) -> list[tuple[str, str, SelfLevel]]:
        """(topic, competence, rating) for the lowest-rated competences, weakest first."""
        found = []
        for code, rating in sorted(assessment.items(), key=lambda item: SELF_LEVEL_ORDER[item[1]]):
            if SELF_LEVEL_ORDER[rating] >= SELF_LEVEL_ORDER["advanced"]:
                continue
            found += [(topic.slug, code, rating) for topic in self.catalogue.skills() if code in topic.digcomp]
        return found

    def topic_material(self, slug: str, lang: Language) -> TopicMaterial | None:
        """The topic's skill card, or for a programme topic its programme guide."""
        card_id = f"skill-{slug}-{lang}"
        card = self.searcher.card(card_id)
        if not card:
            card_id = f"program-{slug}-{lang}"
            card = self.searcher.card(card_id)
        return (
            TopicMaterial(slug=slug, name=self.catalogue.name(slug, lang), card=card, card_id=card_id) if card else None
        )

    def named_programme_topics(self, goals: str) -> list[str]:
        """The programme topics the goals name by their own words (see NAMED_PROGRAMME_TOPICS)."""
        scores = self.keywords.scores(goals)
        return [slug for slug in NAMED_PROGRAMME_TOPICS if slug in scores]

    def _format_card(self, format_slug: str, lang: Language) -> tuple[str, dict[str, IndexedChunk]]:
        card_id = f"format-{format_slug}-{lang}"
        return card_id, self.searcher.card(card_id)

    # ---- plan a session -------------------------------------------------------------------------------

    def gather(
        self, profile: PairProfile, pinned: list[str] | None = None, format_slug: str | None = None
    ) -> PlanMaterial:
        """What a plan is made of. `topics` and `format_slug` pin what a revision keeps."""
        lang = profile.language
        format_slug = format_slug or choose_format(profile.session_number, profile.total_sessions)
        if not profile.goals.strip() and not pinned and format_slug not in PROGRAMME_TOPICS:
            raise PlanningError("ask_goals")
        wanted = topics_wanted(profile.session_minutes)
        if pinned:
            slugs = list(pinned)
        elif format_slug in PROGRAMME_TOPICS:
            programme, follow = PROGRAMME_TOPICS[format_slug]
            # A first meeting's small win may use the skill the goals name; it never picks one at random.
            named = format_slug == "first-meeting" and (
                self.keywords.scores(profile.goals) or len(profile.goals.split()) >= 2
            )
            skill = self.rank_topics(profile.goals, lang, 1) if named else []
            slugs = [programme, *(skill or [follow])]
        elif format_slug == "follow-up-review" and profile.previous_topics:
            slugs = profile.previous_topics[-wanted:]  # a review goes back over what was taught
        elif named_programme := self.named_programme_topics(profile.goals):
            slugs = named_programme  # the manager's leadership, not a digital skill that shares a word with it
        else:
            # New ground first; a topic already covered comes back only if nothing else fits the goals.
            slugs = self.rank_topics(profile.goals, lang, wanted, exclude=tuple(profile.previous_topics))
            slugs = slugs or self.rank_topics(profile.goals, lang, wanted)
        topics = [m for m in (self.topic_material(slug, lang) for slug in slugs) if m]
        if not topics:
            raise PlanningError("no_topic_found")
        format_card_id, format_card = self._format_card(format_slug, lang)
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

    def plan_session_events(
        self,
        profile: PairProfile,
        stream: bool = True,
        topics: list[str] | None = None,
        format_slug: str | None = None,
    ) -> Iterator[Event]:
        material = self.gather(profile, topics, format_slug)
        draft = self.composer.compose(material)
        bank_phase = f"#{material.kram_phase}/"
        sections = [c for c in material.chunks() if not c.id.startswith("questions-") or bank_phase in c.id]
        variables = {
            "profile": self.describe(profile),
            "session_number": str(profile.session_number),
            "total_sessions": str(profile.total_sessions),
            "session_minutes": str(profile.session_minutes),
            "level": material.level,
        }
        yield from self.generator.run(
            "plan",
            draft,
            sections,
            variables,
            fixed={"session_minutes", "session_number", "format"},
            finalize=partial(fix_plan, profile.session_minutes),
            stream=stream,
        )

    def plan_session(self, profile: PairProfile) -> SessionPlan:
        return final_as(self.plan_session_events(profile, stream=False), SessionPlan)

    # ---- suggest topics -------------------------------------------------------------------------------

    def suggest_topics(
        self,
        language: Language,
        goals: str = "",
        self_assessment: dict[str, SelfLevel] | None = None,
        limit: int = 3,
    ) -> TopicList:
        events = self.suggest_topics_events(language, goals, self_assessment, limit, stream=False)
        return final_as(events, TopicList)

    def suggest_topics_events(
        self,
        language: Language,
        goals: str = "",
        self_assessment: dict[str, SelfLevel] | None = None,
        limit: int = 3,
        stream: bool = True,
        exclude: tuple[str, ...] = (),
    ) -> Iterator[Event]:
        reasons: dict[str, str] = {}
        for slug in self.rank_topics(goals, language, limit, exclude):
            reasons.setdefault(slug, "")
        for slug, code, rating in self.weakest_competence_topics(self_assessment or {}):
            if len(reasons) >= limit + (1 if goals else 0):
                break
            if slug not in reasons and slug not in exclude:
                level = t(language, f"self_level_{rating}")
                reasons[slug] = t(language, "self_assessment_reason", code=code, level=level) + " "
        if not reasons:
            raise PlanningError("ask_goals")
        suggestions, sections = [], []
        for slug, prefix in reasons.items():
            material = self.topic_material(slug, language)
            why = material.section("why") if material else None
            if material is None or why is None:
                continue
            sections.append(why)
            suggestions.append(
                TopicSuggestion(
                    slug=slug, title=material.name, why=prefix + first_sentences(why.text), citations=[why.id]
                )
            )
        draft = with_sources(TopicList(language=language, topics=suggestions), {c.id: c.source for c in sections})
        profile = PairProfile(language=language, goals=goals, self_assessment=self_assessment or {})
        yield from self.generator.run("topics", draft, sections, {"profile": self.describe(profile)}, stream=stream)

    # ---- follow-up exercises --------------------------------------------------------------------------

    def follow_up_exercises(
        self,
        language: Language,
        goals: str = "",
        level: Level = "foundation",
        topics: list[str] | None = None,
        max_minutes: int | None = None,
    ) -> ExerciseSet:
        events = self.follow_up_exercises_events(language, goals, level, topics, max_minutes, stream=False)
        return final_as(events, ExerciseSet)

    def follow_up_exercises_events(
        self,
        language: Language,
        goals: str = "",
        level: Level = "foundation",
        topics: list[str] | None = None,
        max_minutes: int | None = None,
        stream: bool = True,
    ) -> Iterator[Event]:
        slugs = topics or self.rank_topics(goals, language, 3)
        if not slugs:
            raise PlanningError("ask_goals")
        found: list[Exercise] = []
        sections: list[IndexedChunk] = []
        for slug in slugs:
            material = self.topic_material(slug, language)
            chunk = material.section(f"exercises/{level}") if material else None
            exercise = exercise_from(chunk, level) if chunk else None
            if exercise and chunk:
                found.append(exercise)
                sections.append(chunk)
        if not found:
            raise PlanningError("no_topic_found")
        notice = None
        if max_minutes:
            fitting = [e for e in found if (e.minutes or 0) <= max_minutes]
            if not fitting:
                fitting = [min(found, key=lambda e: e.minutes or 0)]
                notice = t(language, "exercises_longer_than_time", minutes=max_minutes)
            found = fitting
        draft = ExerciseSet(language=language, level=level, exercises=found, notice=notice)
        with_sources(draft, {c.id: c.source for c in sections})  # fills draft.citations in place
        profile = PairProfile(language=language, goals=goals or ", ".join(slugs))
        yield from self.generator.run(
            "exercises",
            draft,
            sections,
            {"profile": self.describe(profile), "level": level},
            fixed={"level"},
            stream=stream,
        )

    # ---- curriculum -----------------------------------------------------------------------------------

    def curriculum(self, profile: PairProfile, sessions: int | None = None) -> Curriculum:
        return final_as(self.curriculum_events(profile, sessions, stream=False), Curriculum)

    def curriculum_events(
        self, profile: PairProfile, sessions: int | None = None, stream: bool = True
    ) -> Iterator[Event]:
        lang = profile.language
        count = clamp_programme_sessions(sessions or profile.total_sessions)
        middle = max(count - 2, 1)
        # Enough topics to cover every goal named, and about one topic per three middle sessions otherwise.
        wanted = min(max(len(split_goals(profile.goals)), -(-middle // 3)), middle)
        skills = {topic.slug for topic in self.catalogue.skills()}
        cohort = bool(_COHORT.search(fold(profile.goals))) and not skills & set(self.keywords.scores(profile.goals))
        slugs = list(PROGRAMME_ARC[: max(wanted, 1)]) if cohort else self.rank_topics(profile.goals, lang, limit=wanted)
        for slug, _, _ in self.weakest_competence_topics(profile.self_assessment):
            if len(slugs) >= wanted:
                break
            if slug not in slugs:
                slugs.append(slug)
        if not slugs:
            raise PlanningError("ask_goals")
        materials = [m for m in (self.topic_material(s, lang) for s in slugs) if m]
        planned, sources = [], {}
        sections: dict[str, IndexedChunk] = {}
        for number, (format_slug, topic_index) in enumerate(curriculum_outline(count, len(materials)), start=1):
            topic = materials[topic_index] if topic_index is not None else None
            format_id, format_card = self._format_card(format_slug, lang)
            purpose = format_card.get(f"{format_id}#purpose")
            why = topic.section("why") if topic else None
            rationale, citations = session_rationale(purpose, why)
            for chunk in (purpose, why):
                if chunk:
                    sources[chunk.id] = chunk.source
                    sections[chunk.id] = chunk
            format_name = t(lang, f"format_{format_slug}")
            title = t(lang, "curriculum_session_title", format=format_name, topic=topic.name) if topic else format_name
            covered = [topic.slug] if topic else [m.slug for m in materials]
            if cohort and not topic and format_slug in FORMAT_PROGRAMME_TOPIC:
                covered = [FORMAT_PROGRAMME_TOPIC[format_slug]]
            planned.append(
                CurriculumSession(
                    number=number,
                    format=format_slug,
                    title=title,
                    topics=covered,
                    rationale=rationale,
                    citations=citations,
                )
            )
        rationale = t(lang, "curriculum_rationale", sessions=count, topics=", ".join(m.name for m in materials))
        draft = with_sources(
            Curriculum(language=lang, goals=profile.goals, sessions=planned, rationale=rationale), sources
        )
        yield from self.generator.run(
            "curriculum",
            draft,
            list(sections.values()),
            {"profile": self.describe(profile)},
            fixed={"goals"},
            stream=stream,
        )

    # ---- answer a question ----------------------------------------------------------------------------

    def answer(self, question: str, language: Language, k: int = 3) -> Answer:
        return final_as(self.answer_events(question, language, k, stream=False), Answer)

    def answer_events(self, question: str, language: Language, k: int = 3, stream: bool = True) -> Iterator[Event]:
        if not question.strip():
            raise PlanningError("message_empty")
        hits = self.searcher.search(question, k=k + 2, filters=Filters(lang=language))
        if not hits:
            raise PlanningError("no_topic_found")
        draft = with_sources(answer_from(question, language, hits[:k]), {hit.id: hit.source for hit in hits})
        sections = [IndexedChunk(id=h.id, heading=h.heading, text=h.text, source=h.source) for h in hits]
        yield from self.generator.run(
            "answer", draft, sections, {"question": question}, fixed={"question"}, stream=stream
        )
