"""The offline reading of single messages (rules only, no embeddings), and the topic mapping of general words."""

from __future__ import annotations

import datetime as dt

import pytest

from companion.chat.conversation import ChatState
from companion.chat.evaluation import result_topics
from companion.chat.reading import Revision
from companion.chat.revise import kind_minutes
from companion.chat.setup import conversation_for
from companion.chat.slots import goal_text, parse_slots, read_date, read_minutes
from companion.chat.understand import Context, Understander
from companion.domain import Language, SessionPlan
from companion.i18n import t
from companion.services import Services

TODAY = dt.date(2026, 11, 30)
WITH_PLAN = Context(today=TODAY, has_plan=True, has_topics=True, last_intent="plan")
FRESH = Context(today=TODAY)


def revised(message: str, context: Context = WITH_PLAN) -> Revision:
    """The change a message asks of the plan just made; fails when it is read as anything but a revision."""
    reading = Understander().read(message, context)
    assert reading.intent == "revise", reading
    assert reading.revision is not None
    return reading.revision


@pytest.mark.parametrize(
    ("message", "action", "topic"),
    [
        ("cambialo con i prompt", "swap_topic", "prompt"),
        ("sostituiscila con la privacy", "swap_topic", "privacy"),
        ("swap it for prompt writing", "swap_topic", "prompt writing"),
        ("put phishing in place of the first topic", "swap_topic", "phishing"),
        ("invece di Excel facciamo Power BI", "swap_topic", "power bi"),
        ("aggiungi qualcosa sulle chat di Teams", "add_topic", "chat di teams"),
        ("ci metterei anche qualcosa sull'AI Act", "add_topic", "ai act"),
        ("leva la parte su Excel", "drop_topic", None),
        ("più spazio per la discussione", "more_discussion", None),
        ("more time for talking", "more_discussion", None),
        ("more room for practice", "more_hands_on", None),
        ("take it up a level", "level", None),
        ("alziamo il livello", "level", None),
        ("cut it to 45", "minutes", None),  # a verb of cutting with a length: that length
        ("spostiamo tutto a giovedì", "date", None),
        # a new day with the reason after it, a new length before "not" / "instead of", shorter said with "durare"
        ("could we do friday instead, she's away thursday", "date", None),
        ("si può fare lunedì? venerdì lei non c'è", "date", None),
        ("40 not 60 please, she has a hard stop", "minutes", None),
        ("facciamo 30 invece di 45", "minutes", None),
        ("falla durare meno", "shorter", None),
        ("rendila meno basic", "level", None),
        ("+ subtitles so people who can't hear can follow", "add_topic", "subtitles"),
        ("+ privacy, tipo i permessi delle app", "add_topic", "privacy"),
        ("can you squeeze in shared calendars", "add_topic", "shared calendars"),
        ("scrap that, make this one her turn, sharing how she runs her team", "format", None),
        ("could it be more of a recap of last time instead?", "format", None),
        ("cambio formato: lo affianco in una sua call e poi debriefing", "format", None),
    ],
)
def test_revisions_of_the_plan_just_made(message: str, action: str, topic: str | None):
    revision = revised(message)
    assert revision.action == action, revision
    if topic is not None:
        assert revision.topic == topic


def test_a_swap_without_naming_the_old_topic_keeps_no_pronoun_as_its_name():
    reading = Understander().read("swap it for prompt writing", WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.old_topic is None


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("mi aiuti a scegliere gli argomenti per Luca? lavora in amministrazione", "topics"),
        ("can you suggest what to cover with a CFO who is new to all this", "topics"),
        ("attività pratiche sulle formule di Excel", "exercises"),
        ("practice activities on Excel formulas", "exercises"),
        ("che differenza c'è tra PEC e email normale?", "question"),
        ("la privacy vale anche per le note condivise?", "question"),
        ("do we need a laptop for every meeting?", "question"),
    ],
)
def test_requests_and_questions_without_scheduling(message: str, intent: str):
    assert Understander().read(message, FRESH).intent == intent


def test_the_goal_keeps_the_little_words_between_its_words():
    message = "il suo team usa malissimo la chat di Teams, 45 minuti lunedì"
    slots, folded = parse_slots(message, TODAY)
    assert goal_text(message, slots, folded) == "suo team usa malissimo la chat di Teams"
    message = "ho Marco per un'oretta, vorrebbe capire ChatGPT"
    slots, folded = parse_slots(message, TODAY)
    assert goal_text(message, slots, folded) == "capire ChatGPT"


def test_general_security_and_ai_words_reach_the_entry_topics_not_the_regulations(services: Services):
    planner = services.planner
    assert planner.rank_topics("security first", "en", 2)[0] in ("phishing-and-scams", "passwords-and-mfa")
    assert planner.rank_topics("partendo dalla sicurezza", "it", 1) != ["nis2-and-incident-response"]
    assert planner.rank_topics("AI for a sales director", "en", 1) == ["generative-ai-basics"]
    assert planner.rank_topics("NIS2 incident reporting for the board", "en", 1) == ["nis2-and-incident-response"]
    assert planner.rank_topics("what the AI Act asks of his team", "en", 1) == ["ai-act-and-ai-literacy"]


def test_a_second_topic_named_by_its_keyword_is_kept(services: Services):
    ranked = services.planner.rank_topics("linkedin e instagram per il suo personal brand", "it", 2)
    assert ranked == ["linkedin-personal-brand", "social-media-platforms"]


# ---- issue 12: the kinds of misses the second held-out set showed (new wordings, not its sentences) ----------


@pytest.mark.parametrize(
    ("message", "minutes"),
    [
        ("change it to 90 minutes", 90),
        ("switch the length to an hour and a half", 90),
        ("could we go for 75 minutes instead?", 75),
        ("let's do 40 minutes rather than an hour", 40),
        ("cambia la durata a 90 minuti", 90),
        ("portiamola a un'ora e mezza", 90),
        ("90 minutes would be better", 90),
        ("set it to 45", 45),
    ],
)
def test_a_new_length_is_a_length_change_not_a_topic_swap(message: str, minutes: int):
    revision = revised(message)
    assert (revision.action, revision.minutes) == ("minutes", minutes), revision


def test_a_new_goal_with_a_length_is_still_a_fresh_plan():
    # the goal is new when it names a topic the cards know (a length alone after a plan changes the plan)
    understander = Understander(known_terms=frozenset(["excel"]), known_phrases=frozenset(["excel"]))
    assert understander.read("we have 90 minutes to talk about Excel macros", WITH_PLAN).intent == "plan"


@pytest.mark.parametrize(
    ("message", "direction"),
    [
        ("raise the bar a little", "up"),
        ("let's set the bar higher", "up"),
        ("alziamo un po' l'asticella", "up"),
        ("la vorrei meno di base", "up"),
        ("push her a bit more", "up"),
        ("alziamo il tiro", "up"),
        ("lower the bar, he is new to this", "down"),
        ("tone it down", "down"),
        ("abbassa l'asticella", "down"),
        ("meno difficile per favore", "down"),
    ],
)
def test_intensity_revisions(message: str, direction: str):
    revision = revised(message)
    assert (revision.action, revision.direction) == ("level", direction), revision


@pytest.mark.parametrize(
    ("message", "intent", "goal"),
    [
        ("exercizes on phishing", "exercises", "phishing"),
        ("some homewrok on passwords", "exercises", "passwords"),
        ("Exersizes on passwords", "exercises", "passwords"),
        ("esrecizi sulle password", "exercises", "password"),
        ("make an agnda for thursday on excel", "plan", "excel"),
        ("un curriculm di 6 incontri su Excel", "curriculum", "Excel"),
    ],
)
def test_typos_in_request_words(message: str, intent: str, goal: str):
    reading = Understander().read(message, FRESH)
    assert (reading.intent, reading.goal) == (intent, goal), reading


def test_the_typo_fixer_leaves_real_words_and_short_words_alone():
    from companion.chat.typos import correct_intent_words

    assert correct_intent_words("programmi per il pc, a toxic topic") == "programmi per il pc, a toxic topic"
    assert correct_intent_words("Exrecises and an agnda") == "exercises and an agenda"
    assert correct_intent_words("da suggerirmi") == "da suggerirmi"  # verbs: one edit at most


@pytest.mark.parametrize(
    "message",
    [
        "potresti propormi qualche argomento per Sara?",
        "mi suggeriresti due temi per un direttore di stabilimento",
        "mi consiglieresti degli argomenti adatti a lei",
        "could you recommend a few topics for my boss?",
        "any topic suggestions for someone in procurement?",
        "hai qualche argomento da suggerirmi per Marco?",
        "potresti darmi qualche idea di argomenti?",
    ],
)
def test_polite_requests_for_topics(message: str):
    assert Understander().read(message, FRESH).intent == "topics"


@pytest.mark.parametrize(
    "message",
    ["what can this thing do?", "what do you do exactly?", "what is this tool for?", "a cosa servi?",
     "in cosa mi puoi aiutare?", "che cosa sai fare esattamente?", "what's this for?", "tell me what you can do",
     "cosa posso chiederti?"],
)  # fmt: skip
def test_questions_about_the_assistant_are_smalltalk(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


def test_a_real_question_that_starts_like_one_about_the_assistant_stays_a_question():
    assert Understander().read("what can you do about a manager who never replies?", FRESH).intent == "question"


def test_the_assistant_answers_what_it_can_do(services: Services):
    from companion.chat.conversation import ChatState
    from companion.chat.setup import conversation_for
    from companion.i18n import t

    reply = conversation_for(services).reply("what can this thing do?", ChatState(language="en"), TODAY)
    assert (reply.intent, reply.text) == ("smalltalk", t("en", "smalltalk_help"))


@pytest.mark.parametrize(
    ("message", "day"),
    [
        ("ci vediamo merc", dt.date(2026, 12, 2)),
        ("gio alle 10", dt.date(2026, 12, 3)),
        ("ven. pomeriggio", dt.date(2026, 12, 4)),
        ("lun prossimo", dt.date(2026, 12, 7)),
        ("thu at 3pm", dt.date(2026, 12, 3)),
        ("next tue", dt.date(2026, 12, 1)),
        ("tmrw morning", dt.date(2026, 12, 1)),
        ("dopodomani", dt.date(2026, 12, 2)),
    ],
)
def test_abbreviated_days(message: str, day: dt.date):
    assert read_date(message, TODAY) == day


def test_a_minute_session_is_a_length():
    assert read_minutes("a 45 minute session on prompts") == 45
    assert read_minutes("3 m sessions") is None


@pytest.mark.parametrize(
    ("goal", "lang", "topics"),
    [
        ("spot a deepfake of the CEO's voice", "en", {"ai-risks-and-policy", "misinformation-and-fact-checking"}),
        ("riconoscere i deepfake", "it", {"ai-risks-and-policy", "misinformation-and-fact-checking"}),
        ("whether ChatGPT is allowed under the EU rules", "en", {"ai-act-and-ai-literacy"}),
        ("ChatGPT e la normativa UE", "it", {"ai-act-and-ai-literacy"}),
        ("she is drowning in emails", "en", {"digital-wellbeing"}),
        ("annega nelle mail ogni giorno", "it", {"digital-wellbeing"}),
        ("capire ciatgpt", "it", {"generative-ai-basics"}),
        ("chat gtp for first drafts", "en", {"generative-ai-basics"}),
        ("usare il copilota", "it", {"generative-ai-basics"}),
        # more goals than topics: the goals' topic the whole text supports most
        ("she wants to understand deepfakes and AI risks", "en", {"ai-risks-and-policy"}),
        ("capire i deepfake e i rischi dell'IA", "it", {"ai-risks-and-policy"}),
        # a misspelt product name is searched as the name
        ("vuole provare ciatgpt per scrivere le email", "it", {"generative-ai-basics", "prompt-writing"}),
        ("set up bitwardn on his laptop", "en", {"passwords-and-mfa"}),
    ],
)
def test_topic_words_that_missed(services: Services, goal: str, lang: str, topics: set[str]):
    assert services.planner.rank_topics(goal, lang, 1)[0] in topics


# ---- held-out v3 kinds of misses (new wordings, not the held-out sentences) ---------------------------------


@pytest.mark.parametrize(
    ("message", "context"),
    [
        ("thanks so much, super helpful", FRESH),
        ("ok hahaha", FRESH),
        ("okk lol", WITH_PLAN),
        ("bye, talk tomorrow!", FRESH),
        ("great, see you on friday", WITH_PLAN),
        ("grazie mille, a domani!", FRESH),
        ("perfetto grazie, ci vediamo giovedì", WITH_PLAN),
        ("heyyy", FRESH),
        ("ciaooo", FRESH),
        ("buondì", FRESH),
        ("ehilà", FRESH),
        ("how do I use this?", FRESH),
        ("who made you?", FRESH),
        ("chi ti ha creato?", FRESH),
        ("come si usa?", FRESH),
    ],
)
def test_closings_greetings_and_questions_about_the_tool_are_smalltalk(message: str, context: Context):
    reading = Understander().read(message, context)
    assert reading.intent == "smalltalk", reading
    assert reading.date is None


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("session on the 10th about Excel", dt.date(2026, 12, 10)),
        ("can we plan the 4th?", dt.date(2026, 12, 4)),
        ("il 4 facciamo Excel", dt.date(2026, 12, 4)),
        ("ci vediamo l'11 per le password", dt.date(2026, 12, 11)),
        ("spostala al 15", dt.date(2026, 12, 15)),
        ("il 30", dt.date(2026, 11, 30)),
        ("mar 45 minuti su Excel", dt.date(2026, 12, 1)),
        ("mar, un'ora sulle password", dt.date(2026, 12, 1)),
        ("il 3 marzo", dt.date(2027, 3, 3)),
        ("riducila al 30", None),
        ("il 2 incontro", None),
    ],
)
def test_days_of_the_month_and_mar_before_a_length(message: str, expected: dt.date | None):
    assert read_date(message, TODAY) == expected


@pytest.mark.parametrize(
    ("message", "minutes"),
    [
        ("Teams meetings with Anna on friday, 45", 45),
        ("Excel pivot tables, 60", 60),
        ("sessione su Excel giovedì, tre quarti d'ora", 45),
        ("phishing, mezz'ora", 30),
        ("phishing, mezz ora", 30),
    ],
)
def test_a_trailing_number_and_italian_fractions_of_an_hour_are_lengths(message: str, minutes: int):
    assert read_minutes(message) == minutes


@pytest.mark.parametrize(
    ("message", "action", "detail"),
    [
        ("move it to the 10th", "date", None),
        ("can we do it thursday instead?", "date", None),
        ("let's do it on wednesday instead", "date", None),
        ("spostala al 12", "date", None),
        ("si può fare giovedì invece?", "date", None),
        ("less lecture, more simulation", "more_hands_on", None),
        ("less lecture, more role play", "more_hands_on", None),
        ("more like a conversation than a demo", "more_discussion", None),
        ("più chiacchierata che demo", "more_discussion", None),
        ("try a different format", "format", None),
        ("drop the Excel part", "drop_topic", "excel"),
        ("take out the part about passwords", "drop_topic", "passwords"),
        ("togli la parte su Excel", "drop_topic", "excel"),
        ("go deeper", "level", "up"),
        ("she's quite techy", "level", "up"),
        ("approfondisci", "level", "up"),
        ("è una smanettona", "level", "up"),
        ("let him build it himself during the session", "more_hands_on", None),
        ("can we change it to something on Excel?", "swap_topic", "excel"),
        ("possiamo cambiarlo con qualcosa su Excel?", "swap_topic", "excel"),
    ],
)
def test_revisions_of_date_format_topics_and_level(message: str, action: str, detail: str | None):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.intent == "revise", reading
    assert reading.revision is not None
    assert reading.revision.action == action, reading.revision
    if action == "date":
        assert reading.date is not None
    elif action == "drop_topic":
        assert reading.revision.old_topic == detail
    elif action == "level":
        assert reading.revision.direction == detail
    elif action == "swap_topic":
        assert reading.revision.topic == detail


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("plan a session with an exercise on pivot tables, 45 min", "plan"),
        ("prepara un incontro di un'ora con un esercizio sulle password", "plan"),
        ("compiti su Excel per Marco", "exercises"),
        ("suggest the topics for the next sessions, we already did phishing and passwords", "topics"),
        ("what could I cover with Marta?", "topics"),
        ("cosa potrei fare con Luca?", "topics"),
    ],
)
def test_requests_that_mention_another_use_case(message: str, intent: str):
    assert Understander().read(message, FRESH).intent == intent


@pytest.mark.parametrize(
    ("message", "action"),
    [
        ("could it be about LinkedIn instead?", "swap_topic"),
        ("facciamo qualcosa sulle password invece", "swap_topic"),
        ("can it be on the 7th instead?", "date"),
        ("make it more conversational", "more_discussion"),
        ("più discorsiva", "more_discussion"),
        ("she knows this stuff already", "level"),
    ],
)
def test_more_wordings_of_revisions(message: str, action: str):
    revision = revised(message)
    assert revision.action == action


def test_how_are_you_is_smalltalk_and_what_can_i_teach_asks_for_topics():
    assert Understander().read("ciao come stai?", FRESH).intent == "smalltalk"
    assert Understander().read("what can I teach Paolo?", FRESH).intent == "topics"


# ---- issue 12, fourth round: general mechanisms -------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "actions"),
    [
        ("less demo + more practice", ["more_hands_on"]),
        ("meno demo, più pratica", ["more_hands_on"]),
        ("less theory and more discussion", ["more_discussion"]),
        ("shorter and add Excel", ["shorter", "add_topic"]),
        ("accorciala e poi aggiungi LinkedIn", ["shorter", "add_topic"]),
        ("make it 45 minutes + more hands-on", ["more_hands_on"]),
        ("more hands-on, and make it more advanced", ["level", "more_hands_on"]),
    ],
)
def test_several_changes_in_one_message_are_all_read_balance_last(message: str, actions: list[str]):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.intent == "revise", reading
    assert reading.revision is not None
    assert [r.action for r in [reading.revision, *reading.also]] == actions


def test_a_length_said_with_a_rebalance_rides_on_it():
    reading = Understander().read("make it 45 minutes + more hands-on", WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.minutes == 45


def test_a_number_in_a_side_clause_is_not_a_new_length():
    reading = Understander().read("what could I cover with the owner of a small firm, 62, hardly online?", WITH_PLAN)
    assert reading.intent == "topics", reading


@pytest.mark.parametrize(
    ("message", "action"),
    [
        ("too long, cut it to an hour", "shorter"),
        ("cut it to 40", "minutes"),  # a verb of cutting with a length sets that length
        ("and let him actually build it during the session", "more_hands_on"),
        ("have her really try it herself", "more_hands_on"),
        ("e che la costruisca lui durante la sessione", "more_hands_on"),
        ("che lo provi lei da sola", "more_hands_on"),
    ],
)
def test_more_ways_to_say_shorter_and_more_hands_on(message: str, action: str):
    revision = revised(message)
    assert revision.action == action, revision


@pytest.mark.parametrize(
    "message",
    [
        "who are you and who made you?",
        "ciao! come funziona?",
        "chi sei e chi ti ha creato?",
        "good night, talk tomorrow",
        "buonanotte, ci sentiamo domani",
        "we're done for today, bye!",
        "per oggi abbiamo finito, ciao!",
        "come si usa questa cosa?",
        "how do I use this thing?",
    ],
)
def test_compound_smalltalk_goodnights_and_meta_questions(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("what could I cover with the owner of a small family firm, 62, hardly ever online?", "topics"),
        ("suggeriscimi i temi delle prossime sessioni, phishing ed excel li abbiamo già fatti", "topics"),
        ("aiuto, non ho mai fatto da mentor a nessuno. come mi preparo?", "question"),
        ("compiti sul GDPR per un manager che gestisce i curriculum dei candidati", "exercises"),
        ("un po' di pratica per costruire una dashboard semplice in power bi", "exercises"),
        ("some practice on pivot tables", "exercises"),
    ],
)
def test_weak_question_words_cv_curricula_and_some_practice(message: str, intent: str):
    assert Understander().read(message, FRESH).intent == intent


def test_dropping_the_only_topic_puts_the_next_topic_for_the_goals_in_its_place(services: Services):
    conversation = conversation_for(services)
    state = ChatState(language="en")
    first = conversation.reply("30 minutes on OneDrive and SharePoint files, and Teams chats", state, TODAY)
    assert isinstance(first.result, SessionPlan)
    before = [topic.slug for topic in first.result.topics]
    assert len(before) == 1
    reply = conversation.reply("drop the OneDrive part", first.state, TODAY)
    assert reply.intent == "revise"
    assert reply.kind == "result", reply.text
    assert isinstance(reply.result, SessionPlan)
    after = [topic.slug for topic in reply.result.topics]
    assert len(after) == 1
    assert after != before
    assert reply.result.session_minutes == 30
    assert reply.text == t("en", "revised_drop_replaced")


def test_several_changes_in_one_message_all_show_in_the_plan(services: Services):
    conversation = conversation_for(services)
    first = conversation.reply("an hour on pivot tables in Excel", ChatState(language="en"), TODAY)
    assert isinstance(first.result, SessionPlan)
    reply = conversation.reply("shorter, and more hands-on please", first.state, TODAY)
    assert isinstance(reply.result, SessionPlan)
    assert reply.result.session_minutes < first.result.session_minutes
    share = kind_minutes(reply.result, {"hands-on"}) / reply.result.session_minutes
    assert share > kind_minutes(first.result, {"hands-on"}) / first.result.session_minutes
    assert [t.slug for t in reply.result.topics] == [t.slug for t in first.result.topics]


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("drop it, do phishing instead", "phishing"),
        ("toglilo e metti le truffe via mail", "truffe via mail"),
        ("remove the second topic and put LinkedIn in", "linkedin"),
    ],
)
def test_a_drop_with_a_topic_for_its_place_is_a_swap(message: str, topic: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "swap_topic", reading.revision
    assert reading.revision.topic == topic
    assert reading.also == []


@pytest.mark.parametrize(
    ("message", "topic"), [("+ charts", "charts"), ("+ grafici", "grafici"), ("also excel", "excel")]
)
def test_a_short_plus_adds_a_topic(message: str, topic: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "add_topic"
    assert topic in (reading.revision.topic or "")


@pytest.mark.parametrize(
    ("message", "actions"),
    [
        ("step it up a level and add some discussion time", ["level", "more_discussion"]),
        ("alza il livello e aggiungi un po' di tempo per discutere", ["level", "more_discussion"]),
        ("add some practice time", ["more_hands_on"]),
        ("toglilo", ["drop_topic"]),
    ],
)
def test_adding_time_to_talk_or_practise_is_a_rebalance_not_a_topic(message: str, actions: list[str]):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert [r.action for r in [reading.revision, *reading.also]] == actions


@pytest.mark.parametrize(
    "message",
    [
        "thx, that's perfect, see u thursday",
        "nighty night, great work today",
        "ehi, ma sei un bot?",
        "thanks buddy, that's it for now",  # a friendly word or "that's it" after the thanks closes too
        "ok grazie, per ora basta così",
    ],
)
def test_more_goodbyes_and_questions_about_the_assistant(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


def test_mar_prossimo_is_next_tuesday():
    assert read_date("mar prossimo 45 min sulle password", TODAY) == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("quanto dovrebbe durare idealmente una sessione?", "question"),
        ("quante sessioni servono di solito?", "question"),
        ("idee su cosa fare con un AD che usa solo mail e carta?", "topics"),
        ("ideas on what to teach a CEO who only uses paper?", "topics"),
    ],
)
def test_how_long_questions_and_ideas_on_what_to_do(message: str, intent: str):
    assert Understander().read(message, FRESH).intent == intent


@pytest.mark.parametrize("message", ["make it 30 + add a quiz at the end", "facciamo 30 + un quiz alla fine"])
def test_a_quiz_asked_with_a_length_is_more_hands_on_at_that_length(message: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert (reading.revision.action, reading.revision.minutes) == ("more_hands_on", 30)
    assert reading.also == []


@pytest.mark.parametrize(
    "message",
    ["tasks she can do alone on excel pivots, intermediate", "things he could practise on his own about passwords"],
)
def test_tasks_to_do_alone_are_exercises(message: str):
    assert Understander().read(message, FRESH).intent == "exercises"


# ---- round 5: the kinds of misses of the v4 blind set's first run (new wordings) ------------------------------


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("switch: let's do spreadsheets instead, the budget is due", "spreadsheets"),
        ("cambiamo tema: parliamo di canva", "canva"),
        ("no, cambia: mettiamo le password", "password"),
    ],
)
def test_a_change_then_a_stop_then_the_new_topic_is_a_swap(message: str, topic: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "swap_topic", reading
    assert reading.revision.topic == topic


@pytest.mark.parametrize(
    ("message", "fmt"),
    [
        ("this time can we make it a recap of what we did before?", "follow-up-review"),
        ("anzi stavolta ripassiamo quello che abbiamo visto", "follow-up-review"),
        ("could we swap roles today? she teaches me how she plans her budget", "managers-turn"),
        ("stavolta invertiamo i ruoli, sono io a imparare", "managers-turn"),
    ],
)
def test_a_recap_or_the_roles_flipped_is_a_format_change(message: str, fmt: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "format", reading
    assert reading.revision.format == fmt


@pytest.mark.parametrize(
    ("message", "action", "topic"),
    [
        ("could it be more of a debate this time?", "more_discussion", None),
        ("let's go through real examples from his office instead of me explaining", "more_discussion", None),
        ("ragioniamo su casi concreti del suo lavoro", "more_discussion", None),
        ("also touch upon two-factor login", "add_topic", "two-factor login"),
        ("tocca anche il cloud", "add_topic", "cloud"),
        ("+ some canva at the end", "add_topic", "canva"),
    ],
)
def test_debates_real_cases_touching_on_and_short_adds(message: str, action: str, topic: str | None):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == action, reading
    if topic:
        assert reading.revision.topic == topic


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("last week's session went brilliantly, thank you", "smalltalk"),
        ("grazie, la sessione di lunedì è andata benissimo", "smalltalk"),
        ("ehy", "smalltalk"),
        ("how does the bot work", "smalltalk"),
        ("any advice? I'm nervous about the first session with my mentee", "question"),
        ("come devo prepararmi al primo incontro? sono preoccupata", "question"),
        ("brainstorm a few topics on data for a CFO", "topics"),
        ("throw me some ideas for a director who never opens Teams", "topics"),
        ("di cosa posso parlare con una manager appena assunta? dammi degli spunti", "topics"),
        ("altri temi sui social per un direttore?", "topics"),
        ("fortnightly sessions for the whole year on AI, an hour each", "curriculum"),
        ("incontri quindicinali da 45 minuti per tutto il semestre sul cloud", "curriculum"),
    ],
)
def test_feedback_nerves_brainstorms_and_series(message: str, intent: str):
    assert Understander().read(message, FRESH).intent == intent


def test_a_wonderful_session_with_a_new_request_is_not_smalltalk():
    reading = Understander().read("it went great! can you plan the next one on Excel, 45 min?", FRESH)
    assert reading.intent == "plan"


@pytest.mark.parametrize(
    "message",
    [
        "the session is on friday, what should we do",
        "piano per lunedì pls",
        "topics that fit her goals",
        "cosa facciamo domani?",
    ],
)
def test_a_request_without_a_goal_of_its_own_leaves_the_pairs_goals(message: str):
    goal = Understander().read(message, FRESH).goal.lower()
    assert not any(word in goal for word in ("file", "profil", "scheda", "obiettivi")), goal


def test_topics_already_done_are_left_out_of_suggestions():
    reading = Understander().read("more topics on security? we've already done passwords", FRESH)
    assert reading.intent == "topics"
    assert reading.covered == "passwords"
    assert "passwords" not in reading.goal
    assert (
        Understander().read("altri temi sui social? linkedin l'abbiamo già fatto", FRESH).covered.startswith("linkedin")
    )


@pytest.mark.parametrize(
    ("message", "minutes"),
    [
        ("a 1-hour call on teams", 60),
        ("a two-hour workshop on canva", 120),
        ("she sends 2 min voice notes... a session? 45 min", 45),
    ],
)
def test_hyphenated_hours_and_the_session_length_after_a_short_one(message: str, minutes: int):
    assert read_minutes(message) == minutes


@pytest.mark.parametrize(
    ("message", "day"),
    [
        ("45 min on Fri 11th", dt.date(2026, 12, 11)),
        ("30 min on 12/22", dt.date(2026, 12, 22)),
        ("giovedì 17, un'ora", dt.date(2026, 12, 17)),
    ],
)
def test_a_weekday_with_its_day_of_the_month_and_american_dates(message: str, day: dt.date):
    assert read_date(message, TODAY) == day


def test_phone_habits_in_the_evening_and_copilot_in_an_app_reach_their_topics(services: Services):
    keywords = services.planner.keywords
    assert (
        max(keywords.scores("use the phone less in the evening").items(), key=lambda kv: kv[1])[0]
        == "digital-wellbeing"
    )
    assert max(keywords.scores("meno smartphone la sera").items(), key=lambda kv: kv[1])[0] == "digital-wellbeing"
    assert max(keywords.scores("copilot in outlook").items(), key=lambda kv: kv[1])[0] == "ai-assistants-at-work"


@pytest.mark.parametrize(
    ("message", "goal"),
    [("30 min w/ Ugo on excel", "excel"), ("W/ Ada: teams w/o slides, 45 min", "teams without slides")],
)
def test_chat_shorthand_for_with_is_filler(message: str, goal: str):
    assert Understander(known_terms=frozenset(["excel", "teams"])).read(message, FRESH).goal == goal


@pytest.mark.parametrize(
    "message",
    [
        "hey, is this the coaching app?",
        "è questo lo strumento per il mentoring?",
        "what sort of things can I ask? first time using this",
        "che tipo di domande posso farti?",
        "evening! who am I speaking with?",
        "buonasera, con chi parlo?",
        "come funziona sta chat?",
    ],
)
def test_checking_the_place_and_asking_who_answers_are_smalltalk(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("list me a few angles on cloud storage for a sales director", "topics"),
        ("spunti su cosa far vedere al mio capo sulle videochiamate?", "topics"),
        ("what else could we do? we've done outlook and zoom already", "topics"),
        ("abbiamo già fatto word e outlook, altri temi?", "topics"),
        ("we're 3 sessions into 8, can you plan the remaining five?", "curriculum"),
        ("mi prepari gli altri tre incontri?", "curriculum"),
        ("qualcosa da far provare a Gianni tra un incontro e l'altro", "exercises"),
        ("a session on privacy, honestly nobody in the office knows where to start. 60 min on Monday", "plan"),
        ("chi sceglie i temi, io o lei?", "question"),
    ],
)
def test_angles_what_else_the_remaining_sessions_and_who_decides(message: str, intent: str):
    assert Understander().read(message, FRESH).intent == intent


# ---- round 7: follow-ups read against the plan just made, clock ranges, lists ------------------------------

TERMS = frozenset(["excel", "linkedin", "password", "fake", "news", "gdpr", "onedrive", "automazione", "phishing"])


@pytest.mark.parametrize(
    ("message", "minutes"),
    [
        ("plan for tomorrow 2-3pm, teams basics", 60),
        ("session from 10 to 11:30 on excel charts", 90),
        ("thursday 9-9:45, phishing refresher", 45),
        ("1-2:30pm, data viz", 90),
        ("between 2 and 3 on wednesday, video calls", 60),
        ("domani dalle 15 alle 16, teams", 60),
        ("venerdi 14-15.30 chatgpt", 90),
        ("tra le 14 e le 15 password", 60),
        ("dalle 9 alle 10 e mezza copilot", 90),
    ],
)
def test_a_clock_range_is_the_sessions_length(message: str, minutes: int):
    assert read_minutes(message) == minutes


@pytest.mark.parametrize("message", ["mi dai 2-3 cose da fargli fare", "from 2 to 3 weeks", "10-15 minutes of demo"])
def test_numbers_with_a_dash_are_no_clock_range_without_clock_words(message: str):
    assert read_minutes(message) in (None, 15)


@pytest.mark.parametrize(
    ("message", "action", "value"),
    [
        # the change first, the reason after it: the reason is not read as a new goal
        ("wrap it in 40, he has another call", "minutes", 40),
        ("chiudiamo in 40, ha un'altra call", "minutes", 40),
        ("falla da 90, abbiamo la sala tutta la mattina", "minutes", 90),
        ("tuesday instead pls, he's at a conference", "date", None),
        # a length called too long: the other number is the new length
        ("an hour is too much, 45 max", "minutes", 45),
        ("un'ora e troppo, massimo 45", "minutes", 45),
    ],
)
def test_a_follow_up_naming_only_a_slot_of_the_plan_changes_it(message: str, action: str, value: int | None):
    reading = Understander(known_terms=TERMS).read(message, WITH_PLAN)
    assert reading.intent == "revise", reading
    assert reading.revision is not None
    assert reading.revision.action == action, reading.revision
    if value:
        assert reading.revision.minutes == value


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("and onedrive too", "onedrive"),
        ("oh and throw gdpr in there", "gdpr"),
        ("ah e mettici linkedin", "linkedin"),
        ("ah e ci metti qualcosa sulle fake news? inoltra di tutto", "fake news"),
        ("+ some linkedin stuff, he wants to post more", "linkedin stuff"),
    ],
)
def test_an_additive_opener_with_a_topic_adds_it(message: str, topic: str):
    reading = Understander(known_terms=TERMS).read(message, WITH_PLAN)
    assert reading.intent == "revise", reading
    assert reading.revision is not None
    assert reading.revision.action == "add_topic"
    assert reading.revision.topic == topic


def test_an_additive_opener_without_a_topic_word_adds_nothing():
    assert Understander(known_terms=TERMS).read("and thanks a lot", WITH_PLAN).intent != "revise"


@pytest.mark.parametrize(
    ("message", "topics"),
    [
        ("add excel and linkedin", ["excel", "linkedin"]),
        ("metti anche password e fake news", ["password", "fake news"]),
        ("+ onedrive & gdpr", ["onedrive", "gdpr"]),
        ("ah e anche automazioni ed excel", ["automazioni", "excel"]),
    ],
)
def test_a_list_of_topics_adds_every_item(message: str, topics: list[str]):
    reading = Understander(known_terms=TERMS).read(message, WITH_PLAN)
    assert reading.intent == "revise", reading
    added = [r.topic for r in [reading.revision, *reading.also] if r and r.action == "add_topic"]
    assert added == topics


def test_a_list_item_that_names_no_topic_keeps_the_phrase_whole():
    reading = Understander(known_terms=TERMS).read("add pros and cons of excel", WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.topic == "pros and cons of excel"
    assert reading.also == []


@pytest.mark.parametrize(
    ("message", "action"),
    [
        ("keep it tighter, she only has her lunch break", "shorter"),
        ("ditch the password part, IT covers it", "drop_topic"),
        ("actually he'd rather chat it through than click around", "more_discussion"),
        ("preferisce parlarne piuttosto che smanettare", "more_discussion"),
        ("this time let him show me how he runs his team meetings", "format"),
        ("stavolta e lui che mi fa vedere come gestisce le riunioni del team", "format"),
        ("troppo base, lui programma in python nel weekend", "level"),
    ],
)
def test_more_words_for_the_changes_a_plan_can_take(message: str, action: str):
    reading = Understander(known_terms=TERMS).read(message, WITH_PLAN)
    assert reading.intent == "revise", reading
    assert reading.revision is not None
    assert reading.revision.action == action, reading.revision


@pytest.mark.parametrize(
    "message",
    [
        "what are my options here?",
        "who built this app?",
        "so what do you actually do",
        "can you explain what this tool is for",
        "hey is this the thing for planning mentoring sessions?",
        "how do i get started with this",
        "che domande ti posso fare",
        "sei un bot o una persona",
        "a che serve sta chat",
        "in cosa mi puoi essere utile?",
        "che ci posso fare con te",
        "è qui che preparo gli incontri col mio capo?",
    ],
)
def test_questions_about_the_assistant_itself_are_help(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


@pytest.mark.parametrize(
    "message",
    ["can you explain what phishing is", "what should i do with him when he gets angry?", "come funziona la PEC?"],
)
def test_a_question_with_a_subject_of_its_own_is_not_about_the_assistant(message: str):
    assert Understander().read(message, FRESH).intent != "smalltalk"


@pytest.mark.parametrize(
    "message",
    [
        "give me something to set him for next time",
        "any little challenges for him before thursday?",
        "what could she practise at her desk this week?",
        "cosa gli lascio da fare?",
        "mi dai 2-3 cose da fargli fare da solo?",
        "compitini per la settimana",
    ],
)
def test_practice_between_sessions_is_exercises(message: str):
    assert Understander().read(message, WITH_PLAN).intent == "exercises"


@pytest.mark.parametrize(
    "message",
    [
        "need something for Monday, 50 min. my manager mixes up OneDrive and Teams files",
        "sessione su microsoft planner e liste di cose da fare condivise per il suo team, 50 min",
    ],
)
def test_something_for_a_day_or_a_to_do_list_is_no_exercise(message: str):
    assert Understander().read(message, FRESH).intent == "plan"


def test_instead_of_then_a_verb_keeps_the_reason_out_of_the_old_topic():
    reading = Understander().read("instead of teams do linkedin, he's hiring", WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.old_topic == "teams"
    assert reading.revision.topic is not None
    assert reading.revision.topic.startswith("linkedin")


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("chatgpt for researching market trends", "generative-ai-basics"),
        ("chatgpt per fare ricerche", "generative-ai-basics"),
        ("linkedin, he's hiring and wants to search for candidates", "linkedin-personal-brand"),
    ],
)
def test_a_named_topic_is_not_pulled_elsewhere_by_what_it_is_for(services: Services, words: str, slug: str):
    reviser = conversation_for(services).reviser
    assert reviser.resolve_topic(words, "it" if "fare" in words else "en") in (slug, "ai-assistants-at-work")


def test_a_reason_after_a_change_asks_for_no_topic_edit():
    reading = Understander(known_terms=TERMS).read("also onedrive, they lose files all the time", WITH_PLAN)
    assert reading.revision is not None
    assert [r.action for r in [reading.revision, *reading.also]] == ["add_topic"]


def test_also_with_a_change_word_is_that_change_not_a_topic():
    reading = Understander(known_terms=TERMS).read("also shorter, he has a board meeting straight after", WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "shorter"


@pytest.mark.parametrize(
    ("message", "action"),
    [
        ("poi onedrive, perdono sempre i file", "add_topic"),
        ("e anche le truffe su whatsapp, sua mamma ci è cascata", "add_topic"),
        ("via il phishing, l'abbiamo fatto la volta scorsa", "drop_topic"),
        ("he's a total beginner btw", "level"),
    ],
)
def test_the_first_clause_of_a_follow_up_asks_and_the_rest_says_why(message: str, action: str):
    reading = Understander(known_terms=TERMS | {"truffe", "whatsapp"}).read(message, WITH_PLAN)
    assert reading.intent == "revise", reading
    assert reading.revision is not None
    assert reading.revision.action == action


@pytest.mark.parametrize(("message", "minutes"), [("1 hour 30 instead", 90), ("1 ora e 15", 75), ("2h30", 150)])
def test_hours_and_minutes_written_together(message: str, minutes: int):
    assert read_minutes(message) == minutes


@pytest.mark.parametrize(("message", "goal"), [("teams basics for Rita", "teams"), ("le basi di excel", "excel")])
def test_a_level_word_is_left_out_of_the_goal(message: str, goal: str):
    slots, folded = parse_slots(message, TODAY)
    assert goal_text(message, slots, folded) == goal


# ---- round 8: the kinds of misses of blind set v6 (other wordings) ---------------------------------------------


@pytest.mark.parametrize(
    ("message", "minutes"),
    [
        ("phishing, he keeps clicking fake invoices. 45", 45),
        ("1h and a half on linkedin", 90),
        ("sessione su excel, 1h e mezza", 90),
    ],
)
def test_a_length_after_a_full_stop_and_an_abbreviated_hour_and_a_half(message: str, minutes: int):
    assert read_minutes(message) == minutes


def test_a_clock_time_after_a_full_stop_is_not_a_length():
    assert read_minutes("see you at 10.30") is None


@pytest.mark.parametrize(
    ("message", "day"),
    [
        ("sat 9:30, gdpr basics", dt.date(2026, 12, 5)),
        ("can't do thursday anymore, friday instead", dt.date(2026, 12, 4)),
        ("giovedì non posso più, facciamo venerdì", dt.date(2026, 12, 4)),
        ("could we move to wednesday, she's off sick on monday", dt.date(2026, 12, 2)),
    ],
)
def test_abbreviated_weekdays_and_the_day_not_turned_down(message: str, day: dt.date):
    assert read_date(message, TODAY) == day


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("things to try afterwards with instagram stories", "exercises"),
        ("little challenges with chatgpt for this week", "exercises"),
        ("hands-on tasks on excel pivot tables", "exercises"),
        ("a worksheet for practising password managers", "exercises"),
        ("cosa potrebbe provare a casa prima della prossima call?", "exercises"),
        ("piccole sfide con chatgpt per questa settimana", "exercises"),
        ("what could I talk about re AI with someone who's never used it?", "topics"),
        ("which security-related subjects could I bring up with her?", "topics"),
        ("what else could be useful for an HR director? just ideas", "topics"),
        ("cosa si può affrontare su linkedin? elenco di temi", "topics"),
        ("spunti su instagram per un negozio", "topics"),
        ("sketch the full path for us? 4 sessions of 45 min", "curriculum"),
        ("a multi-session thing on security", "curriculum"),
        ("tutte le tappe del mentoring su teams", "curriculum"),
        ("What would a session on phishing look like for someone whose team pays invoices?", "plan"),
        ("mi fai un piano su excel e le tabelle pivot?", "plan"),
        ("what kind of requests can I make?", "smalltalk"),
    ],
)
def test_requests_worded_as_questions_or_without_their_usual_word(message: str, intent: str):
    assert Understander().read(message, FRESH).intent == intent


@pytest.mark.parametrize(
    ("message", "action", "topic"),
    [
        ("can she do more of it herself rather than watching me click around", "more_hands_on", None),
        ("fallo lavorare lui invece di farmi fare la demo", "more_hands_on", None),
        ("add something on spotting deepfakes instead of only text", "add_topic", "spotting deepfakes"),
        ("aggiungi qualcosa sulla privacy invece di solo strumenti", "add_topic", "privacy"),
        ("forget the charts part, no time for it", "drop_topic", None),
        ("+ some phishing stuff about fake invoices", "add_topic", "phishing stuff about fake invoices"),
        ("make this one a recap of all our sessions instead", "format", None),
        ("fai di questa un riepilogo di tutti gli incontri", "format", None),
        ("cut it down to 20", "minutes", None),
    ],
)
def test_round_8_revisions(message: str, action: str, topic: str | None):
    revision = revised(message)
    assert revision.action == action, revision
    if topic is not None:
        assert revision.topic == topic


LOGISTICS = ["I have exams in January, how do I handle the meetings?", "HR asks us to prove the programme works, how?"]


@pytest.mark.parametrize("message", LOGISTICS)
def test_the_mentors_logistics_and_proving_the_programme_are_questions(message: str):
    # guards: "meetings" and "programme" must not make these a plan or a curriculum
    assert Understander().read(message, FRESH).intent == "question"


def test_a_task_length_in_an_exercise_request_is_not_the_session_length():
    from companion.chat.conversation import absorb

    reading = Understander().read("stuff that takes 10 minutes to practise onedrive sharing", FRESH)
    state = absorb(reading, "stuff that takes 10 minutes to practise onedrive sharing", ChatState(session_minutes=45))
    assert reading.intent == "exercises"
    assert state.session_minutes == 45


@pytest.mark.parametrize("words", ["roadmap on cybersec", "infosec", "home cyber hygiene", "keeping safe online"])
def test_short_forms_of_security_map_to_security_topics(services: Services, words: str):
    scores = conversation_for(services).planner.keywords.scores(words)
    assert {"phishing-and-scams", "passwords-and-mfa"} <= set(scores), scores


def test_a_plan_without_a_length_gets_the_usual_one_and_says_so(services: Services):
    conversation = conversation_for(services)
    reply = conversation.reply("plan something on phishing for Karen", ChatState(), TODAY)
    assert reply.kind == "result"
    assert isinstance(reply.result, SessionPlan)
    assert reply.result.session_minutes == 60
    assert reply.text == t("en", "usual_length", minutes=60)
    revised = conversation.reply("45", reply.state, TODAY)
    assert revised.intent == "revise"
    assert isinstance(revised.result, SessionPlan)
    assert revised.result.session_minutes == 45


def test_a_length_after_a_weekday_and_a_full_stop_is_not_also_the_day_of_the_month():
    slots, _ = parse_slots("linkedin profile, weds. 30", TODAY)
    assert (slots.minutes, slots.date) == (30, dt.date(2026, 12, 2))


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("a few things she can do this week on linkedin", "exercises"),
        ("stuff he could do afterwards on excel", "exercises"),
    ],
)
def test_things_the_manager_can_do_this_week_are_exercises(message: str, intent: str):
    assert Understander().read(message, FRESH).intent == intent


def test_questa_puo_essere_un_ripasso_is_the_review_format():
    reading = Understander().read("questa può essere un ripasso di tutto?", WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "format"


@pytest.mark.parametrize(
    "message",
    [
        "spend most of it actually building a pivot table together rather than me explaining",
        "less me talking, more her writing the prompts",
        "meno io che spiego e più lui che fa il foglio",
        "la maggior parte del tempo a farla davvero in excel insieme, non io che spiego",
    ],
)
def test_the_manager_doing_while_the_mentor_stops_telling_is_more_hands_on(message: str):
    revision = revised(message)
    assert revision.action == "more_hands_on", revision


@pytest.mark.parametrize(
    ("message", "minutes"),
    [("75 mins pls, she wants more time with it", 75), ("35 min per favore, venerdì ha meno tempo", 35)],
)
def test_a_reason_that_talks_of_time_does_not_change_the_length_named(message: str, minutes: int):
    reading = Understander().read(message, WITH_PLAN)
    changes = [c for c in (reading.revision, *reading.also) if c and c.action in ("minutes", "shorter", "longer")]
    assert [(c.action, c.minutes) for c in changes] == [("minutes", minutes)], changes


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("+ a bit on what he shouldn't paste into it (client data etc)", "privacy personal data"),
        ("+ a little on what not to paste into it (client data and such)", "privacy personal data"),
        ("aggiungi la parte sulle password che usa per accedere a tutti i portali della banca", "password"),
    ],
)
def test_an_added_topic_is_its_head_what_not_to_put_in_a_tool_is_privacy(message: str, topic: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "add_topic", reading.revision
    assert (reading.revision.topic or "").startswith(topic), reading.revision  # bracketed words may come along


@pytest.mark.parametrize(
    "goals",
    ["this time mentors giving feedback", "fosse il manager a raccontarmi la sua esperienza di leadership"],
)
def test_the_manager_mentoring_the_mentor_plans_the_leadership_topic(services: Services, goals: str):
    assert conversation_for(services).planner.named_programme_topics(goals) == ["leadership-shared-back"]


@pytest.mark.parametrize("words", ["build his online presence from zero", "costruire la sua presenza online"])
def test_an_online_presence_is_linkedin_and_social_media(services: Services, words: str):
    scores = conversation_for(services).planner.keywords.scores(words)
    assert {"linkedin-personal-brand", "social-media-platforms"} <= set(scores), scores


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("some take-home challenges on pivot tables", "exercises"),
        ("list a few security topics I could pick from, he runs finance", "topics"),
        ("we've done excel and chatgpt to death. what else could we look at?", "topics"),
        ("should the manager pick the topics or should I?", "question"),
        ("who should choose the topics, me or the manager?", "question"),
        ("Excel: vuole capire a che punto è prima di scegliere gli argomenti. 40 minuti", "plan"),
        ("serie di incontri su excel per la responsabile acquisti, facciamone 4", "curriculum"),
        ("quello che ci diciamo resta tra noi? lui è un po' preoccupato", "question"),
    ],
)
def test_round_9_intents(message: str, intent: str):
    assert Understander().read(message, FRESH).intent == intent


def test_topics_done_to_death_are_covered_and_let_us_do_n_is_the_programme_size():
    assert (
        Understander().read("we've done excel and chatgpt to death. what else?", FRESH).covered == "excel and chatgpt"
    )
    reading = Understander().read("serie di incontri sui dati per il cfo, facciamone otto", FRESH)
    assert reading.sessions == 8


# ---- round 10 ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "minutes"),
    [
        ("una quarantina di minuti sulle truffe", 40),
        ("ci vediamo una ventina", 20),
        ("a trentina on excel", 30),
        ("forty-ish minutes on phishing", 40),
        ("50ish mins", 50),
        ("una cinquantina di minuti", 50),
    ],
)
def test_a_length_told_roughly_is_its_round_number(message: str, minutes: int):
    assert read_minutes(message) == minutes


def test_a_rough_count_of_other_things_is_no_length():
    assert read_minutes("una ventina di persone in ufficio") is None


@pytest.mark.parametrize(
    ("message", "day"),
    [
        ("she copies the data by hand every Friday. We have an hour on Wednesday", "2026-12-02"),
        ("lei fa i report del venerdì a mano, ci vediamo giovedì", "2026-12-03"),
        ("ogni lunedì ricopia i dati; mercoledì abbiamo 45 minuti", "2026-12-02"),
        ("each tuesday he rebuilds the dashboard, can we do thursday", "2026-12-03"),
    ],
)
def test_a_day_inside_a_habit_is_not_the_session_date(message: str, day: str):
    assert read_date(message, TODAY) == dt.date.fromisoformat(day)


def test_a_habit_alone_sets_no_date():
    assert read_date("she copies data by hand every Friday", TODAY) is None


@pytest.mark.parametrize(
    ("message", "day"),
    [("pasword managers for wensday, 45 mins", "2026-12-02"), ("thrusdy pls", "2026-12-03"), ("venerdy", "2026-12-04")],
)
def test_a_misspelt_weekday_is_that_day(message: str, day: str):
    assert read_date(message, TODAY) == dt.date.fromisoformat(day)


def test_a_weekday_in_the_plural_or_a_near_word_is_no_date():
    assert read_date("fridays are busy", TODAY) is None
    assert read_date("money management", TODAY) is None


@pytest.mark.parametrize(
    "message",
    [
        "3 little tasks to get him comfortable sharing his screen in Teams?",
        "could you give me like 4 small things to get her practising excel formulas?",
        "a couple of quick challenges so she learns to spot fake invoices?",
        "mi dai tipo 3 task su excel per fargli fare i grafici?",
        "un paio di cose per farla esercitare con le password?",
    ],
)
def test_a_handful_of_little_tasks_with_a_purpose_is_exercises(message: str):
    assert Understander().read(message, FRESH).intent == "exercises"


@pytest.mark.parametrize(
    "message",
    [
        "ideas for meetings about AI, nothing too technical",
        "idee per incontri sulla sicurezza informatica, niente di troppo tecnico",
        "list me some things we could cover on privacy",
        "elencami un po' di argomenti sui social",
        "elencami qualche argomento sulla privacy",
        "fammi una lista di cose da vedere su excel",
        "what could we even talk about? she's a CFO with no specific goal",
        "ma di cosa parliamo? è un direttore senza obiettivi precisi",
        "argomenti di intelligenza artificiale da proporre alla mia mentee?",
    ],
)
def test_a_menu_asked_as_a_question_is_topics(message: str):
    assert Understander().read(message, FRESH).intent == "topics"


def test_a_subjects_topics_offered_keep_the_subject_as_goal():
    reading = Understander().read("argomenti di intelligenza artificiale da proporre alla mia mentee?", FRESH)
    assert "intelligenza artificiale" in reading.goal


@pytest.mark.parametrize(
    "message",
    [
        "oops wrong chat sorry",
        "sorry, sent that by mistake",
        "scusa messaggio sbagliato",
        "ops chat sbagliata",
        "do you speak italian?",
        "can you speak spanish?",
        "parli inglese?",
        "sai parlare francese?",
        "halp",
        "hlep pls",
        "aiutoo",
        "auito",
    ],
)
def test_a_mistake_a_language_asked_or_a_misspelt_help_is_smalltalk(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


@pytest.mark.parametrize(
    "message",
    [
        "she's skipped the last two sessions without a word, should I escalate to HR?",
        "he has cancelled three times in a row, should I tell someone?",
        "ha saltato gli ultimi due incontri, devo dirlo a qualcuno?",
    ],
)
def test_a_question_about_what_to_do_asked_after_the_facts_is_a_question(message: str):
    assert Understander().read(message, FRESH).intent == "question"


@pytest.mark.parametrize(
    "message", ["hi, can you prep the next session?", "ciao, mi prepari la prossima?", "hey! prepare the next one pls"]
)
def test_a_greeting_with_a_short_plan_request_is_a_plan(message: str):
    assert Understander().read(message, FRESH).intent == "plan"


@pytest.mark.parametrize(
    ("message", "action", "change"),
    [
        ("take half an hour off", "shorter", 30),
        ("knock 15 minutes off", "shorter", 15),
        ("cut 15 minutes", "shorter", 15),
        ("togli mezz'ora", "shorter", 30),
        ("leva un quarto d'ora", "shorter", 15),
        ("15 minuti in meno", "shorter", 15),
        ("riducila di 20 minuti", "shorter", 20),
        ("add ten minutes", "longer", 10),
        ("aggiungi mezz'ora", "longer", 30),
    ],
)
def test_an_amount_taken_off_or_added_moves_the_length_by_that_much(message: str, action: str, change: int):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.intent == "revise"
    assert reading.revision is not None
    assert (reading.revision.action, reading.revision.change) == (action, change)


def test_a_length_cut_to_is_still_that_length():
    reading = Understander().read("cut it to 45", WITH_PLAN)
    assert reading.revision is not None
    assert (reading.revision.action, reading.revision.minutes) == ("minutes", 45)


@pytest.mark.parametrize("message", ["change it to the 14th", "make it the 9th instead", "cambiala al 14"])
def test_a_day_of_the_month_alone_after_a_plan_is_a_date(message: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "date"


@pytest.mark.parametrize(
    "message",
    [
        "ok and something she can try on her own during the week",
        "ok, e qualcosa da fargli provare da solo in settimana",
        "plus a couple of things to have him try at home",
    ],
)
def test_doing_in_the_time_away_after_a_plan_is_exercises(message: str):
    assert Understander().read(message, WITH_PLAN).intent == "exercises"


@pytest.mark.parametrize(
    ("message", "action"),
    [
        ("more discussion, less me presenting", "more_discussion"),
        ("less me presenting, more conversation", "more_discussion"),
        ("less me talking, more him building the deck", "more_hands_on"),
        ("less me explaining", "more_hands_on"),
        ("togli la parte teorica, solo prove pratiche", "more_hands_on"),
        ("skip the theory bit", "more_hands_on"),
        ("can she bring one of her own spreadsheets and we work on that instead of the examples", "more_hands_on"),
        ("porta un suo file vero e lavoriamo su quello invece degli esempi", "more_hands_on"),
    ],
)
def test_the_balance_asked_in_other_words(message: str, action: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == action


@pytest.mark.parametrize(
    "message",
    [
        "only passwords this time, forget phishing",
        "solo password stavolta, lascia stare il phishing",
        "niente phishing, solo password",
        "no more phishing, just passwords",
    ],
)
def test_only_x_forget_y_drops_y(message: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "drop_topic"
    assert reading.revision.old_topic == "phishing"


IMPLIED_TERMS = TERMS | frozenset(["canva", "licenze", "image", "rights", "power", "bi", "has", "scritto"])
IMPLIED_PHRASES = frozenset(["canva", "excel", "password manager", "has", "codice scritto dall'ia"])


@pytest.mark.parametrize(
    ("message", "action", "value"),
    [
        # a change said as news, with no change word: the length it names is the plan's new length
        ("ugh she just told me she only has half an hour now", "minutes", 30),
        ("ha solo 20 minuti quel giorno", "minutes", 20),
        # a word some topic phrase holds is not a new topic ("scritto" is in "codice scritto dall'IA")
        ("mi ha appena scritto che avrà solo 40 minuti", "minutes", 40),
        # another topic for the same session, with what is turned down left out of it
        ("actually do it on image rights instead, he keeps grabbing pics from google", "swap_topic", "image rights"),
        # another shape for the same session
        ("could it be a Q&A clinic instead? he'll bring his own questions", "format", "follow-up-review"),
        ("rendila una revisione della volta scorsa + domande sue", "format", "follow-up-review"),
        ("la facciamo diventare una sessione in cui lei mi racconta come gestisce il team?", "format", "managers-turn"),
    ],
)
def test_a_plan_like_follow_up_with_no_change_word_changes_the_plan_just_made(message: str, action: str, value: object):
    reading = Understander(known_terms=IMPLIED_TERMS, known_phrases=IMPLIED_PHRASES).read(message, WITH_PLAN)
    assert reading.intent == "revise", reading
    assert reading.revision is not None
    assert reading.revision.action == action, reading.revision
    got = {"minutes": reading.revision.minutes, "swap_topic": reading.revision.topic, "format": reading.revision.format}
    assert got[action] == value, reading.revision
    assert reading.also == [], reading.also  # "has" is in a keyword phrase, but names no topic


@pytest.mark.parametrize(
    "message",
    [
        "now another session, on Excel, friday 45 min",
        "ok next one: LinkedIn, 30 min",
        "un'altra sessione su Canva per giovedì",
        "nuovo piano: vuole capire le password",
        "session 4 is on phishing, 45 min",
        "ora la prossima, sulle fake news",
    ],
)
def test_a_new_session_named_after_a_plan_is_a_new_plan(message: str):
    reading = Understander(known_terms=IMPLIED_TERMS).read(message, WITH_PLAN)
    assert reading.intent == "plan", reading


@pytest.mark.parametrize(
    ("lang", "goals", "message", "topic"),
    [
        ("it", "Social e LinkedIn", "organizzami tutte e 6 le sessioni", "linkedin-personal-brand"),
        ("it", "IA generativa in ufficio", "sessione 2 domani, me la imposti?", "generative-ai-basics"),
        (
            "en",
            "Public services online: SPID, PEC",
            "can you lay out all 4 sessions for us?",
            "e-government-and-digital-identity",
        ),
        ("it", "LinkedIn e personal branding", "esercizi tra una sessione e l'altra?", "linkedin-personal-brand"),
        (
            "it",
            "capire l'IA e automatizzare i report",
            "ne abbiamo fatti 3 su 8, mi pianifichi i restanti cinque?",
            "generative-ai-basics",
        ),
        # a wish of its own still replaces them
        (
            "en",
            "LinkedIn and personal branding",
            "plan a session, she wants to spot phishing emails",
            "phishing-and-scams",
        ),
    ],
)
def test_words_left_over_from_a_request_leave_the_pairs_goals_standing(
    services: Services, lang: str, goals: str, message: str, topic: str
):
    state = ChatState(language=lang, goals=goals)  # type: ignore[arg-type]
    state.session_minutes, state.session_number, state.total_sessions = 45, 2, 6
    reply = conversation_for(services).reply(message, state, TODAY)
    assert reply.kind == "result", reply.text
    assert topic in result_topics(reply.result), (reply.intent, result_topics(reply.result))


@pytest.mark.parametrize(
    ("lang", "first", "message", "wanted"),
    [
        ("it", "prepara 45 minuti su linkedin", "niente linkedin, meglio le password", "passwords-and-mfa"),
        ("en", "45 min on linkedin for her", "drop linkedin, rather password managers", "passwords-and-mfa"),
    ],
)
def test_a_topic_dropped_with_another_wanted_gives_its_place_to_it(
    services: Services, lang: str, first: str, message: str, wanted: str
):
    conversation = conversation_for(services)
    plan = conversation.reply(first, ChatState(language=lang), TODAY)  # type: ignore[arg-type]
    assert isinstance(plan.result, SessionPlan)
    reply = conversation.reply(message, plan.state, TODAY)
    assert isinstance(reply.result, SessionPlan)
    after = [topic.slug for topic in reply.result.topics]
    assert wanted in after, after
    assert "linkedin-personal-brand" not in after, after
    assert len(after) == len(plan.result.topics)
    assert reply.text == t(lang, "revised_swap_topic")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("message", "count"),
    [
        ("ne abbiamo fatti 3 su 8, mi pianifichi i restanti cinque?", 5),
        ("we've done 2 of 6 meetings, can you plan the remaining four?", 4),
        ("organizzami le altre 3 sessioni", 3),
    ],
)
def test_the_sessions_still_to_come_are_a_programme_of_that_size(message: str, count: int):
    reading = Understander().read(message, FRESH)
    assert (reading.intent, reading.sessions) == ("curriculum", count), reading


def test_the_other_few_of_something_else_is_no_programme():
    assert Understander().read("the other 3 exercises were too easy, any harder ones?", FRESH).sessions is None


def test_a_goal_of_unknown_words_is_kept_and_the_chat_says_it_has_no_card(services: Services):
    """Three words the library does not know are a wish of their own, not leftovers: no plan from the pair's goals
    in their place, but the question that no card fits."""
    state = ChatState(language="it", goals="capire l'IA")
    reply = conversation_for(services).reply("Sessione 5, 60 minuti: qwxzv blorp fnord", state, TODAY)
    assert (reply.kind, reply.result) == ("question", None)
    assert reply.text == t("it", "no_topic_found")


@pytest.mark.parametrize(
    ("message", "minutes"),
    [
        ("she turns up twenty minutes late every time, how do I bring it up?", None),
        ("he keeps me waiting half an hour each time, what do I say?", None),
        ("arriva sempre in ritardo di un quarto d'ora, come glielo dico?", None),
        ("sfora sempre di 20 minuti, come lo fermo?", None),
        ("he's always 10 min late, so let's plan 50 minutes on excel", 50),
        ("arriva con 10 minuti di ritardo, facciamo 40 minuti su teams", 40),
    ],
)
def test_a_delay_or_an_overrun_is_no_session_length(message: str, minutes: int | None):
    assert read_minutes(message) == minutes


@pytest.mark.parametrize(
    ("message", "day"),
    [
        ("she rebuilds the Tuesday dashboard by hand each week. we have 45 min on Friday", dt.date(2026, 12, 4)),
        ("he dreads the Friday team call on Zoom. 30 min on Wednesday", dt.date(2026, 12, 2)),
        ("our Monday numbers take him hours; thursday, 1 hour", dt.date(2026, 12, 3)),
        ("plan the Friday session, 45 min", dt.date(2026, 12, 4)),
    ],
)
def test_a_weekday_that_qualifies_something_else_is_not_the_session_date(message: str, day: dt.date):
    assert read_date(message, TODAY) == day


@pytest.mark.parametrize(
    "message",
    [
        "privacy topics I can propose to my mentee?",
        "AI subjects we could bring to the board director?",
        "argomenti sui social che posso proporre alla mia mentee?",
        "temi di excel che potrei proporle?",
        "su cosa posso lavorare con un responsabile acquisti? idee?",
    ],
)
def test_a_subjects_topics_the_mentor_can_offer_are_topics(message: str):
    assert Understander().read(message, FRESH).intent == "topics"


@pytest.mark.parametrize(
    ("message", "intent"),
    [
        ("what do we talk about? she's a partner and has no particular goal", "topics"),
        ("no real objective, he's the chairman. what shall we do then", "topics"),
        ("è un socio anziano senza un obiettivo preciso: di cosa parliamo?", "topics"),
        ("onestamente cosa facciamo? non ha un vero obiettivo", "topics"),
        ("he has no real goal, how do I motivate him?", "question"),
    ],
)
def test_no_goal_and_what_to_talk_about_asks_for_topics(message: str, intent: str):
    assert Understander().read(message, FRESH).intent == intent


@pytest.mark.parametrize(
    "message",
    [
        "perfect, and then something she can do on her own during the week",
        "great. and something for him to try by himself before we meet again",
        "ottimo, e poi qualcosina che possa provare per conto suo",
        "bene, e poi qualcosa che possa fare da solo in settimana",
    ],
)
def test_after_a_plan_something_to_do_alone_in_the_week_is_exercises(message: str):
    assert Understander().read(message, WITH_PLAN).intent == "exercises"


@pytest.mark.parametrize(
    "message",
    ["can we stretch it to a full hour", "make it a whole hour", "facciamola di un'ora piena", "un'intera ora"],
)
def test_a_full_hour_is_sixty_minutes(message: str):
    assert read_minutes(message) == 60


@pytest.mark.parametrize(
    "message",
    [
        "she cancels with five minutes notice every time, how do I handle that?",
        "disdice sempre con cinque minuti di preavviso, come la gestisco?",
        "he gave me 10 minutes' notice again",
    ],
)
def test_a_notice_period_is_no_session_length(message: str):
    assert read_minutes(message) is None


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("metti dentro anche il gdpr", "gdpr"),
        ("mettici dentro pure excel", "excel"),
        ("put excel in there too", "excel"),
    ],
)
def test_a_topic_put_in_as_well_is_added_not_swapped(message: str, topic: str):
    understander = Understander(known_terms=IMPLIED_TERMS, known_phrases=IMPLIED_PHRASES | {"gdpr"})
    reading = understander.read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "add_topic"
    assert topic in (reading.revision.topic or "")


@pytest.mark.parametrize(
    ("message", "slug", "day"),
    [
        ("cn u do a plan for 2moro 30min on passwrds", "passwords-and-mfa", dt.date(2026, 12, 1)),
        ("mi fai un piano x domani 30 min sulle passwrod", "passwords-and-mfa", dt.date(2026, 12, 1)),
        ("30 min on phising tmr", "phishing-and-scams", dt.date(2026, 12, 1)),
    ],
)
def test_the_most_misspelt_topic_words_and_tomorrow_in_chat_shorthand(
    services: Services, message: str, slug: str, day: dt.date
):
    lang = "it" if "piano" in message else "en"
    reply = conversation_for(services).reply(message, ChatState(language=lang), TODAY)  # type: ignore[arg-type]
    assert slug in result_topics(reply.result), reply.text
    assert reply.state.date == day


@pytest.mark.parametrize(
    ("message", "action"),
    [
        # how the manager learns, said as a reason; the manager doing it, not the mentor
        ("honestly he learns by doing, this has too much theory", "more_hands_on"),
        ("lui impara provando, qui c'è troppa teoria", "more_hands_on"),
        ("I want him to do it on his own laptop this time", "more_hands_on"),
        ("preferirei fosse lei a farlo, io guardo e basta", "more_hands_on"),
        ("deve farlo lui, non io", "more_hands_on"),
        # the two of them talking, less structure
        ("less structured please, more of a back-and-forth", "more_discussion"),
        ("I'd like more of an open discussion", "more_discussion"),
        ("vorrei una conversazione più aperta, meno strutturata", "more_discussion"),
        ("meno slide e più chiacchiere", "more_discussion"),
    ],
)
def test_the_balance_asked_as_how_the_manager_learns_or_how_open_it_is(message: str, action: str):
    revision = revised(message)
    assert revision.action == action


@pytest.mark.parametrize(
    "message",
    [
        "what about a tabletop exercise for this one instead?",
        "could we do it as a simulated phishing attack we go through together?",
        "facciamola come un'esercitazione da tavolo",
        "potrebbe diventare una simulazione di un incidente da gestire insieme?",
    ],
)
def test_a_staged_exercise_is_another_shape_of_session(message: str):
    revision = revised(message)
    assert revision.action == "format"
    assert revision.format == "hands-on-lab"


@pytest.mark.parametrize(
    "message",
    ["let's start from scratch with her", "back to basics please", "ricominciamo dalle basi", "un po' più base"],
)
def test_back_to_the_start_is_a_lower_level(message: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None, reading
    assert reading.revision.action == "level", reading
    assert reading.revision.direction == "down" or reading.revision.level == "foundation"


@pytest.mark.parametrize(
    ("message", "old"),
    [
        ("la parte su linkedin eliminala, ce l'ha già", "linkedin"),
        ("the powerpoint bit - scrap it", "powerpoint"),
        ("le slide saltale, le conosce già bene", "slide"),
    ],
)
def test_a_part_named_first_then_dropped_with_a_pronoun(message: str, old: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.intent == "revise", reading
    assert reading.revision is not None
    assert reading.revision.action == "drop_topic"
    assert old in (reading.revision.old_topic or "")
    assert not reading.also  # "ce l'ha già" is why it goes, not a higher level


@pytest.mark.parametrize(
    ("message", "minutes"), [("a 50m session on excel charts", 50), ("un incontro da 35m sulle password", 35)]
)
def test_a_length_in_m_before_a_single_session_is_its_length(message: str, minutes: int):
    assert read_minutes(message) == minutes
    assert read_minutes("two 30m sessions") is None or read_minutes("3 m sessions") is None


@pytest.mark.parametrize(
    "message",
    [
        "how do I handle the first 10 minutes? I always freeze",
        "consigli per gli ultimi 5 minuti dell'incontro?",
    ],
)
def test_a_span_of_the_meeting_is_no_session_length(message: str):
    reading = Understander().read(message, FRESH)
    assert reading.minutes is None
    assert reading.intent == "question"


@pytest.mark.parametrize(
    "message",
    [
        "it's my first time as a mentor and I meet the head of procurement on tuesday",
        "my very first session as a mentor is next week with our CFO",
        "prima esperienza da mentor: giovedì vedo il direttore acquisti",
        "è la prima volta che faccio da mentor, la sessione è lunedì",
    ],
)
def test_the_mentors_own_first_time_is_the_first_meeting(message: str):
    reading = Understander().read(message, FRESH)
    assert reading.intent == "plan"
    assert reading.first_meeting


@pytest.mark.parametrize(
    "message",
    [
        "am I overthinking this? first time as a mentor and she's the CEO",
        "è normale essere in ansia? è la prima volta da mentor",
    ],
)
def test_a_question_first_then_the_first_meeting_it_is_about(message: str):
    assert Understander().read(message, FRESH).intent == "question"


@pytest.mark.parametrize(
    "message",
    [
        "hi, I'm Priya, a new mentor. what is this for?",
        "hello, my name is Ben, just signed up. how does this work?",
        "buongiorno, mi chiamo Chiara, sono una nuova mentor. a cosa serve questo strumento?",
        "anybody there?",
        "c'è qualcuno?",
    ],
)
def test_an_introduction_or_a_check_before_asking_about_the_assistant_is_smalltalk(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


@pytest.mark.parametrize(
    "message",
    [
        "only 2 meetings to go with her and I've run out of ideas",
        "ci restano quattro incontri e non ho più idee",
        "non so più cosa proporre alla mia mentee, qualche idea?",
        "what could we look at around data now that he's done the basics?",
        "ideas of things to explore with a CFO who hates spreadsheets",
        "cosa possiamo esplorare sui social che non sia già visto?",
    ],
)
def test_out_of_ideas_asks_for_a_menu_not_a_programme(message: str):
    assert Understander().read(message, FRESH).intent == "topics"


@pytest.mark.parametrize("message", ["plan the 3 sessions we have left", "ci restano tre incontri, me li pianifichi?"])
def test_sessions_left_with_a_verb_that_lays_them_out_are_a_programme(message: str):
    assert Understander().read(message, FRESH).intent == "curriculum"


@pytest.mark.parametrize(
    "message",
    [
        "let's run a digcomp self-check together so we know what to work on, 40 min",
        "facciamo insieme un'autovalutazione così vediamo su cosa lavorare, 50 minuti",
    ],
)
def test_what_an_activity_is_for_asks_for_no_menu_of_topics(message: str):
    assert Understander().read(message, FRESH).intent == "plan"


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("how much CO2 do her emails produce", "sustainable-digital-practices"),
        ("quanto inquina il digitale, in ottica ESG", "sustainable-digital-practices"),
        ("online whiteboards for workshops", "collaboration-tools"),
        ("le lavagne virtuali per il brainstorming", "collaboration-tools"),
    ],
)
def test_everyday_words_for_digital_sustainability_and_shared_whiteboards(services: Services, words: str, slug: str):
    scores = conversation_for(services).planner.keywords.scores(words)
    assert max(scores.items(), key=lambda kv: kv[1])[0] == slug, scores


@pytest.mark.parametrize(
    ("goals", "message"),
    [
        ("Excel formulas and pivot tables", "could you lay out all our sessions?"),
        ("Excel formulas and pivot tables", "map out every meeting we have left for us"),
        ("a stronger LinkedIn profile", "friday, the usual duration. what do we do?"),
        ("sicurezza: password e phishing", "mercoledì, stessa durata di sempre: che si fa?"),
    ],
)
def test_words_about_laying_out_or_the_usual_length_leave_the_pairs_goals(services: Services, goals: str, message: str):
    conversation = conversation_for(services)
    state = ChatState(language="it" if "sicurezza" in goals else "en", goals=goals, session_minutes=45)
    state.session_number = 2
    state.total_sessions = 6
    reply = conversation.reply(message, state, TODAY)
    assert reply.state.goals == goals


@pytest.mark.parametrize(
    "message",
    [
        "we're halfway through the programme, a session to take stock please, 45 min",
        "siamo al giro di boa: un incontro di 45 minuti per fare il punto",
    ],
)
def test_a_review_halfway_through_is_about_reflection_and_impact(services: Services, message: str):
    conversation = conversation_for(services)
    reply = conversation.reply(message, ChatState(language="it" if "siamo" in message else "en"), TODAY)
    assert reply.intent == "plan"
    assert result_topics(reply.result) & {"reflection-practice", "measuring-impact"}, result_topics(reply.result)


@pytest.mark.parametrize(
    "message", ["come concludo al meglio il programma? ci restano tre incontri", "how do I close this mentoring well?"]
)
def test_how_to_close_the_programme_well_is_a_question(message: str):
    assert Understander().read(message, FRESH).intent == "question"


@pytest.mark.parametrize(
    "message", ["che le lascio da fare in settimana?", "what could I get him to practise at home before our next one?"]
)
def test_what_the_manager_is_given_to_do_at_home_is_exercises(message: str):
    assert Understander().read(message, FRESH).intent == "exercises"


@pytest.mark.parametrize(
    "message",
    [
        "quick one - if he talks about a restructuring in our session, may I mention it to HR?",
        "se durante l'incontro mi confida un problema col suo capo, posso parlarne con qualcuno?",
    ],
)
def test_whether_something_said_in_a_session_may_be_passed_on_is_a_question(message: str):
    assert Understander().read(message, FRESH).intent == "question"


def test_a_simulation_named_by_what_it_stages_reshapes_the_plan():
    reading = Understander().read("how about a ransomware simulation for this one instead?", WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "format"


def test_the_manager_doing_any_task_rather_than_the_mentor_is_more_hands_on():
    reading = Understander().read("preferirei fosse lei a compilarlo, non io", WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "more_hands_on"


@pytest.mark.parametrize("message", ["salve, sono Franco: come funziona?", "hey I'm Jo, how does this work"])
def test_a_name_given_before_asking_how_it_works_is_smalltalk(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


@pytest.mark.parametrize(
    "message", ["3 incontri rimasti, suggerimenti?", "midway through our six meetings, a session to take stock"]
)
def test_where_the_programme_stands_is_no_request_for_that_many_sessions(message: str):
    assert Understander().read(message, FRESH).intent != "curriculum"


def test_a_name_given_before_a_real_request_leaves_the_request():
    assert Understander().read("ciao, sono Piero: che esercizi faccio da solo su excel?", FRESH).intent == "exercises"


@pytest.mark.parametrize(
    "message",
    ["grazie di cuore, mi sei stata preziosa", "thanks, you've been a great help", "ok grazie, siamo a posto"],
)
def test_thanks_that_say_how_the_help_was_close_the_chat(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


@pytest.mark.parametrize(
    "message", ["ma sei una macchina?", "am I chatting with a bot?", "sto parlando con un'intelligenza artificiale?"]
)
def test_asking_what_the_assistant_is_is_smalltalk(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


@pytest.mark.parametrize(
    "message",
    [
        "consigliami qualcosa da approfondire su Excel",
        "temi possibili sulla privacy, oltre le cose ovvie?",
        "what could I really teach a CFO?",
    ],
)
def test_something_to_cover_asked_for_is_a_menu_of_topics(message: str):
    assert Understander().read(message, FRESH).intent == "topics"


@pytest.mark.parametrize(
    "message", ["three small tasks she could do on the bus, about phishing", "some practice stuff on Notion for her"]
)
def test_a_few_tasks_the_manager_can_do_are_exercises(message: str):
    assert Understander().read(message, FRESH).intent == "exercises"


@pytest.mark.parametrize(
    ("message", "direction"),
    [
        ("pitch this a notch higher", "up"),
        ("could you aim it lower?", "down"),
        ("tienilo più terra terra", "down"),
        ("alziamo un po' il tiro", "up"),
    ],
)
def test_where_the_plan_is_aimed_moves_its_level(message: str, direction: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert (reading.revision.action, reading.revision.direction) == ("level", direction)


@pytest.mark.parametrize(
    ("message", "count"),
    [("un percorso in 6 moduli su LinkedIn", 6), ("an 8-step plan for learning Excel", 8), ("corso in 4 lezioni", 4)],
)
def test_a_programme_counted_in_its_parts_is_a_curriculum_of_that_many(message: str, count: int):
    slots, _ = parse_slots(message, TODAY)
    assert slots.sessions_wanted == count
    assert Understander().read(message, FRESH).intent == "curriculum"


def test_all_the_sessions_laid_out_are_a_curriculum():
    assert Understander().read("pianifica tutte le sessioni", FRESH).intent == "curriculum"


def test_not_knowing_where_to_start_with_a_length_is_a_plan():
    message = "non so proprio da dove cominciare, vuole parlare di LinkedIn. 30 minuti"
    assert Understander().read(message, FRESH).intent == "plan"


def test_putting_a_topic_in_too_asked_as_a_question_adds_it():
    reading = Understander().read("puoi metterci anche LinkedIn?", WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "add_topic"


@pytest.mark.parametrize(
    ("message", "minutes"),
    [
        # cut to a length: nothing named first is dropped
        ("a lot for her, cut it to an hour", 60),
        ("way too long for her, cut it to 45", 45),
        ("a bit much, cut it down to half an hour", 30),
        # shorter or longer, to the length the reason names
        ("più corta, ha solo 35 minuti", 35),
        ("shorter please, she only has 30 minutes", 30),
    ],
)
def test_a_length_named_with_a_cut_or_a_reason_is_the_new_length(message: str, minutes: int):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    changes = [reading.revision, *reading.also]
    assert [change.minutes for change in changes if change.minutes][-1] == minutes, changes
    assert all(change.action in ("minutes", "shorter") for change in changes), changes


@pytest.mark.parametrize(
    ("message", "day"),
    [
        ("he can't do friday anymore, move it to the 9th", dt.date(2026, 12, 9)),
        ("venerdì non può, spostiamo al 10", dt.date(2026, 12, 10)),
    ],
)
def test_a_day_turned_down_is_no_date_when_another_is_named(message: str, day: dt.date):
    assert parse_slots(message, TODAY)[0].date == day


@pytest.mark.parametrize(
    ("message", "action"),
    [("less chat more practice", "more_hands_on"), ("meno slide piu pratica", "more_hands_on")],
)
def test_less_one_thing_more_another_without_a_comma(message: str, action: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == action


def test_a_format_asked_with_homework_in_the_reason_is_still_a_format_change():
    message = "could we make it a recap of last time instead? he skipped the homework"
    revision = revised(message)
    assert revision.action == "format"


@pytest.mark.parametrize(
    ("message", "kept", "gone"),
    [
        ("I'm 24, joined as a data analyst last year, and my mentee wants to learn Teams", "teams", "analyst"),
        ("im a junior dev, 2 yrs in, I do python all day. my manager wants to spot phishing", "phishing", "python"),
        ("context: 22yo, in IT support, mentoring our head of legal - he needs gdpr basics", "gdpr", "support"),
        ("lavoro nel marketing da due anni, faccio social; il mio mentee vuole le password", "password", "social"),
        ("ho 25 anni e faccio lo sviluppatore; la mia manager vuole capire il phishing", "phishing", "sviluppatore"),
    ],
)
def test_the_mentors_own_job_is_context_not_the_goal(message: str, kept: str, gone: str):
    goal = Understander().read(message, FRESH).goal.lower()
    assert kept in goal, goal
    assert gone not in goal, goal


def test_a_mentor_talking_only_about_themself_keeps_their_words():
    # nobody else comes in: nothing is taken as an aside
    assert "excel" in Understander().read("I'm new to excel myself, 45 min", FRESH).goal.lower()


@pytest.mark.parametrize(
    "message",
    [
        "session tomorrow, use what's on file",
        "we meet wednesday, just go with what's on file for us",
        "stick with whatever's on file, thursday",
        "next one friday, base it on his profile",
        "sessione domani, usa quello che c'è in scheda",
        "usa gli obiettivi in scheda, giovedì",
        "vai con la scheda della coppia per venerdì",
    ],
)
def test_what_is_on_file_means_the_pairs_goals_not_cloud_files(message: str):
    goal = Understander().read(message, FRESH).goal.lower()
    assert not any(word in goal for word in ("file", "profil", "scheda", "obiettivi")), goal


def test_a_tool_licence_and_using_it_like_google_name_neither_copyright_nor_search(services: Services):
    for message, lang in (
        ("prompting workshop, they've all got copilot licences and use it like google", "en"),
        ("workshop sui prompt, hanno tutti la licenza copilot e lo usano come google", "it"),
    ):
        goal = Understander().read(message, FRESH).goal
        assert "copilot" in goal.lower()
        ranked = services.planner.rank_topics(goal, lang, 3)  # type: ignore[arg-type]
        assert not {"copyright-and-licences", "online-search-and-research"} & set(ranked), ranked


@pytest.mark.parametrize(
    "message",
    [
        "my first proper session, we did a coffee intro already, now ground rules + find out what he wants out of it",
        "la mia prima vera sessione, ora regole del gioco e capire cosa vuole ottenere",
        "we meet monday: set some ground rules and understand her expectations",
    ],
)
def test_ground_rules_and_expectations_make_a_first_meeting(message: str):
    assert Understander().read(message, FRESH).first_meeting


@pytest.mark.parametrize(
    ("message", "topic", "old"),
    [
        ("change of plan: chatgpt instead, she read an article saying her job will be gone", "chatgpt", None),
        ("cambiamo: mettiamo teams al posto di linkedin, perche non condivideva lo schermo", "teams", "linkedin"),
        ("mettiamo power bi invece di excel, il cda vuole dashboard", "power bi", "excel"),
    ],
)
def test_a_swap_with_its_reason_after_it_names_the_topic_before_the_reason(message: str, topic: str, old: str | None):
    revision = Understander().read(message, WITH_PLAN).revision
    assert revision is not None
    assert (revision.action, revision.topic, revision.old_topic) == ("swap_topic", topic, old)


@pytest.mark.parametrize(
    ("lang", "plan", "drop", "named"),
    [
        ("en", "30 min on phishing please", "drop the password bit", "password"),
        ("it", "45 min su teams", "togli la parte su excel", "excel"),
    ],
)
def test_dropping_a_topic_the_plan_lacks_keeps_the_plan_and_says_so(
    services: Services, lang: Language, plan: str, drop: str, named: str
):
    conversation = conversation_for(services)
    first = conversation.reply(plan, ChatState(language=lang), TODAY)
    assert isinstance(first.result, SessionPlan)
    reply = conversation.reply(drop, first.state, TODAY)
    assert reply.intent == "revise"
    assert isinstance(reply.result, SessionPlan)
    assert reply.result.topics == first.result.topics
    assert reply.text == t(lang, "revised_drop_absent", words=named)


@pytest.mark.parametrize(
    ("lang", "plan", "message", "level"),
    [
        ("en", "30 min on phishing", "he said the last one was too basic, go intermediate", "intermediate"),
        ("it", "30 min sul phishing", "troppo base, alziamo a intermedio", "intermedio"),
    ],
)
def test_a_level_revision_says_the_plans_new_level(
    services: Services, lang: Language, plan: str, message: str, level: str
):
    conversation = conversation_for(services)
    first = conversation.reply(plan, ChatState(language=lang), TODAY)
    reply = conversation.reply(message, first.state, TODAY)
    assert reply.intent == "revise"
    assert reply.text == t(lang, "revised_level", level=level)


@pytest.mark.parametrize(
    "message",
    [
        "you saved my day honestly",
        "lifesaver!! that plan was perfect",
        "you're a legend, thx",
        "sei un mito grazie",
        "mi hai salvato la giornata!!",
        "grande, perfetto così",
    ],
)
def test_thanks_put_as_praise_is_smalltalk(message: str):
    assert Understander().read(message, WITH_PLAN).intent == "smalltalk"


@pytest.mark.parametrize(
    "message",
    [
        "is this GPT or something?",
        "which AI are you exactly",
        "who made you? are you chatgpt underneath",
        "ma tu sei chatgpt?",
        "che intelligenza artificiale sei",
        "so are you like a chatbot or a real mentor",
        "good evening! what kind of things can I ask you?",
        "hey, good morning. what requests can i make here?",
        "buonasera, che richieste posso farti?",
    ],
)
def test_questions_about_the_assistant_and_greetings_with_them_are_smalltalk(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


@pytest.mark.parametrize(
    "message",
    [
        "some security-ish stuff maybe? what could we cover",
        "no need for a full plan, just a few ideas of things to look at together with her",
        "I'm running out of ideas after 5 sessions, what else could I cover with him?",
        "we've done 4 meetings already and I'm out of ideas. suggestions?",
        "cose da vedere insieme con la mia capa, niente piano, solo spunti",
        "argomenti sicurezza-ish? giusto per avere qualche idea",
        "abbiamo già fatto 3 sessioni, sono a corto di idee",
        "dopo 6 incontri non so più cosa proporgli, che altro posso trattare?",
    ],
)
def test_topic_ideas_asked_loosely_or_after_sessions_held(message: str):
    assert Understander().read(message, FRESH).intent == "topics"


@pytest.mark.parametrize(
    "message",
    ["something she can do solo to get used to Teams?", "a couple of drills he can do without me on OneDrive sharing"],
)
def test_practice_done_solo_is_exercises(message: str):
    assert Understander().read(message, FRESH).intent == "exercises"


@pytest.mark.parametrize(
    "message",
    [
        "e se si annoia dopo dieci minuti?",
        "ho paura che mi veda troppo giovane per insegnargli qualcosa",
        "what if I mess up the demo?",
    ],
)
def test_the_mentors_worry_as_a_half_sentence_is_a_question(message: str):
    assert Understander().read(message, FRESH).intent == "question"


def test_a_worry_with_a_session_time_after_it_is_still_a_plan():
    reading = Understander().read("what if she wants to use ChatGPT for her emails? 45 min on Friday", FRESH)
    assert reading.intent == "plan"


def test_not_knowing_where_to_start_a_first_meeting_is_a_plan():
    message = "non so da dove iniziare con lui, vorrei un primo incontro per capire insieme cosa sa fare e cosa no"
    assert Understander().read(message, FRESH).intent == "plan"


@pytest.mark.parametrize(
    "message",
    [
        "instead of the lecture let's do a simulation",
        "al posto della presentazione un gioco di ruolo?",
        "niente slide, facciamo un'esercitazione pratica guidata",
        "rather than slides, a drill where she sets up the authenticator",
    ],
)
def test_staging_in_place_of_telling_changes_the_format(message: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.intent == "revise", reading
    assert reading.revision is not None
    assert reading.revision.action == "format"
    assert reading.also == []


@pytest.mark.parametrize(
    ("message", "level"),
    [
        ("he said the last one was too basic, go intermediate", "intermediate"),
        ("too easy for her. make it advanced", "advanced"),
        ("go advanced", "advanced"),
        ("troppo base, passiamo a intermedio", "intermediate"),
    ],
)
def test_a_level_named_wins_over_the_direction_a_complaint_implies(message: str, level: str):
    revision = revised(message)
    assert (revision.action, revision.level) == ("level", level)


@pytest.mark.parametrize(
    "message",
    [
        "the last one was too basic",
        "our last session went really well, plan the next",
        "l'ultima sessione è andata bene",
    ],
)
def test_the_last_session_spoken_of_in_the_past_is_the_one_before_not_the_closing_one(message: str):
    assert not parse_slots(message, TODAY)[0].closing
    assert parse_slots("plan our last session, 60 min", TODAY)[0].closing


XL, LI = "data-literacy-spreadsheets", "linkedin-personal-brand"


@pytest.mark.parametrize(
    ("lang", "goals", "message", "topic"),
    [
        ("en", "Excel formulas and pivot tables", "homework in line with what she's working towards pls", XL),
        ("en", "a stronger LinkedIn profile", "what could we cover next? a few options, I'll let her choose", LI),
        ("en", "Excel formulas and pivot tables", "practice for the week, stuff that fits where he wants to go", XL),
        ("it", "formule excel e tabelle pivot", "che esercizi posso lasciargli questa settimana?", XL),
        ("it", "password e phishing", "compiti per casa in linea con quello a cui punta", "phishing-and-scams"),
        ("it", "Excel", "mi dai 2-3 attivita da fargli fare da solo nei prossimi giorni?", XL),
    ],
)  # fmt: skip
def test_words_about_aiming_choosing_or_the_week_leave_the_pairs_goals_standing(
    services: Services, lang: str, goals: str, message: str, topic: str
):
    state = ChatState(language=lang, goals=goals)  # type: ignore[arg-type]
    state.session_minutes, state.session_number, state.total_sessions = 45, 3, 6
    reply = conversation_for(services).reply(message, state, TODAY)
    assert reply.state.goals == goals
    assert topic in result_topics(reply.result), result_topics(reply.result)


@pytest.mark.parametrize(
    ("message", "action"),
    [
        ("less me demoing, more him telling me which tasks he hates", "more_discussion"),
        ("can he DO something in it instead of me presenting slides?", "more_hands_on"),
        ("more of him sharing his own experience, less of me talking", "more_discussion"),
        ("I'd rather she does the clicking and I just watch", "more_hands_on"),
        ("meno io che spiego, piu lui che mi racconta cosa gli da fastidio", "more_discussion"),
        ("che sia lei a dirmi quali siti usa, io ascolto", "more_discussion"),
        ("fagli mettere le mani sul pc, basta slide", "more_hands_on"),
        ("preferisce parlarne piuttosto che smanettare", "more_discussion"),
    ],
)
def test_who_acts_decides_the_balance(message: str, action: str):
    revision = revised(message)
    assert revision.action == action


@pytest.mark.parametrize(
    "message",
    [
        "let's make it a hands-on lab where he builds his own budget sheet",
        "could we do it as a workshop where he makes 3 posts live?",
        "meglio un laboratorio in cui lei prepara 2 post dal vivo",
        "trasformala in un laboratorio: crea lui il flusso da zero",
    ],
)
def test_a_lab_named_is_the_hands_on_lab_format_not_more_hands_on_minutes(message: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert (reading.revision.action, reading.revision.format) == ("format", "hands-on-lab")


@pytest.mark.parametrize(
    ("message", "words"),
    [
        (
            "replace the second half with what she's NOT allowed to paste into it (confidential stuff, company policy)",
            "confidential stuff, company policy",
        ),
        (
            "sostituisci la seconda parte con cosa non deve incollarci (dati riservati, policy aziendale)",
            "dati riservati, policy aziendale",
        ),
    ],
)
def test_the_words_in_brackets_name_what_is_kept_out(message: str, words: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert (reading.revision.action, reading.revision.position) == ("swap_topic", 2)
    assert words in (reading.revision.topic or "")


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("aggiungici le password e l'autenticazione a due fattori", "password"),
        ("mettici le password e la verifica in due passaggi", "password"),
        ("aggiungici un pezzo sui grafici", "grafici"),
        ("infilaci pure onedrive e la condivisione dei file", "onedrive"),
    ],
)
def test_an_add_with_a_clitic_is_an_addition(message: str, topic: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action == "add_topic"
    assert topic in (reading.revision.topic or "")


def test_an_add_verb_with_a_clitic_after_al_posto_di_is_still_a_swap():
    reading = Understander().read("al posto di linkedin mettici excel", WITH_PLAN)
    assert reading.revision is not None
    assert (reading.revision.action, reading.revision.topic, reading.revision.old_topic) == (
        "swap_topic", "excel", "linkedin"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("words", "topic"),
    [
        ("he wants Gemini in Google Workspace to summarise docs and draft replies", "ai-assistants-at-work"),
        (
            "vuole usare Gemini in Google Workspace per riassumere documenti e scrivere risposte",
            "ai-assistants-at-work",
        ),
        ("whatsapp web e il calendario condiviso dal telefono", "mobile-productivity"),
        ("she keeps asking about whatsapp web and the shared calendar on her phone", "mobile-productivity"),
        ("confidential stuff, company policy", "ai-risks-and-policy"),
    ],
)
def test_assistant_suites_phones_and_kept_out_data_reach_their_cards(services: Services, words: str, topic: str):
    scores = conversation_for(services).planner.keywords.scores(words)
    assert max(scores, key=scores.__getitem__) == topic, scores


def test_the_reviser_takes_bracketed_words_that_name_a_topic(services: Services):
    reviser = conversation_for(services).reviser
    assert reviser.named_part("privacy personal data (confidential stuff, company policy)") == (
        "confidential stuff, company policy"
    )
    assert reviser.named_part("privacy personal data (client data etc)") == "privacy personal data (client data etc)"


@pytest.mark.parametrize(
    "message",
    [
        "hi! first time here, what is this thing exactly?",
        "hello, my HR sent me the link but how does this work",
        "hello! sorry, how do I even use this?",
        "ciao, aiuto, non ho capito come funziona",
        "ciao! mi hanno detto di usare questo assistente ma non so cosa fa",
        "ehi, mi spieghi come si usa sto strumento?",
    ],
)
def test_a_newcomer_asking_how_this_works_is_smalltalk(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


@pytest.mark.parametrize(
    "message",
    [
        "come funziona la PEC?",
        "how does this work with two-factor, she keeps getting codes",
        "how do I explain what this app does to my manager?",
        "come gli spiego a cosa serve?",
    ],
)
def test_how_something_else_works_is_not_about_the_assistant(message: str):
    assert Understander().read(message, FRESH).intent != "smalltalk"


@pytest.mark.parametrize(
    "message",
    [
        "we're at session 5 of 8 and it feels stuck, is that normal?",
        "how long should sessions be, 30 min or an hour?",
        "what exactly is reverse mentoring? I have to explain it to my team tomorrow",
        "is it ok if we only meet every 2 weeks for 45 mins or is that too little?",
        "3 sessions in and he still cancels last minute, how do i deal with that",
        "siamo alla sessione 4 su 10 e mi sembra tutto fermo, e' normale?",
        "quanto dovrebbero durare gli incontri? mezz'ora o un'ora?",
        "cos'e' di preciso il reverse mentoring? devo spiegarlo domani al mio capo",
        "dopo 3 incontri non fa mai i compiti, come la gestisco?",
        "we are on meeting 7 of 10 and he seems bored, what do i do",
        "quante sessioni dovrebbe avere un percorso?",
    ],
)
def test_a_question_about_the_practice_is_a_question_whatever_numbers_it_carries(message: str):
    assert Understander().read(message, FRESH).intent == "question"


@pytest.mark.parametrize(
    "message",
    [
        "session 3 tomorrow 45 min on phishing, is that too much for one hour?",
        "next session is thursday, 60 min on Excel, she's nervous. is that ok?",
        "abbiamo fatto 2 incontri, mi prepari il terzo sui social?",
    ],
)
def test_a_session_with_its_topic_asked_about_is_still_a_plan(message: str):
    assert Understander().read(message, FRESH).intent == "plan"


@pytest.mark.parametrize(
    "message",
    [
        "lay out all 6 of our sessions for me, the big picture",
        "we've been given 10 sessions of 45 min for the year, how would you split them?",
        "HR gave us 6 slots of an hour, what would you put in each?",
        "ci hanno dato 10 sessioni da 45 minuti per l'anno, come le divideresti?",
        "abbiamo 5 incontri in tutto, come li distribuisco?",
        "dammi il quadro d'insieme delle nostre 5 sessioni",
    ],
)
def test_sessions_shared_out_are_a_curriculum(message: str):
    assert Understander().read(message, FRESH).intent == "curriculum"


@pytest.mark.parametrize(
    "message",
    [
        "what could we look at? give me options, we'll decide together",
        "security themes worth tackling with an accountant?",
        "we've run out of subjects... any suggestions?",
        "we finished everything we planned. now what?",
        "temi di sicurezza da affrontare con un commercialista?",
        "abbiamo finito gli argomenti... suggerimenti?",
        "argomenti 'green' legati al digitale?",
    ],
)
def test_topic_options_asked_for_an_area_are_topics(message: str):
    assert Understander().read(message, FRESH).intent == "topics"


def test_options_inside_a_plan_request_are_no_menu_of_topics():
    reading = Understander().read("she wants to explore privacy options in WhatsApp, can you prep a session?", FRESH)
    assert reading.intent == "plan"


@pytest.mark.parametrize(
    "message",
    [
        "ok so context: he's head of procurement. so far we've done two sessions on basics. What I'd like for next "
        "time is something around spotting phishing... any structure you can give me",
        "background: he runs logistics, we did 2 sessions on Teams. for the next one I'm thinking of Excel pivot "
        "tables, help me structure it",
        "abbiamo già fatto tre incontri sulle basi. per il prossimo vorrei qualcosa sulle mail, mi dai una traccia?",
    ],
)
def test_sessions_already_held_before_one_request_are_history(message: str):
    reading = Understander().read(message, FRESH)
    assert reading.intent == "plan", reading
    assert reading.sessions is None


@pytest.mark.parametrize(
    "message",
    [
        "also he wants to actually shoot one during the session, not just talk about it",
        "e che ci metta le mani, non solo slide",
        "and she should be doing it herself this time",
        "lei vuole provarci direttamente, non solo sentirne parlare",
    ],
)
def test_doing_it_in_the_session_not_only_hearing_of_it_is_more_hands_on(message: str):
    revision = revised(message)
    assert revision.action == "more_hands_on"


@pytest.mark.parametrize(
    "message", ["make this one a review of sessions 1-3 instead", "can this one be a review of sessions 1 and 2?"]
)
def test_a_review_of_numbered_sessions_is_a_format_not_a_session_number(message: str):
    revision = revised(message)
    assert (revision.action, revision.format) == ("format", "follow-up-review")


@pytest.mark.parametrize(
    ("message", "old", "new"),
    [
        ("scratch Trello, he says it's for devs. do Teams instead?", "trello", "teams"),
        ("togli Trello, dice che e' roba da sviluppatori. facciamo Teams?", "trello", "teams"),
        ("forget Trello, nobody uses it there. maybe Planner?", "trello", "planner"),
    ],
)
def test_a_topic_dropped_then_another_proposed_as_a_question_is_a_swap(message: str, old: str, new: str):
    revision = revised(message)
    assert (revision.action, revision.old_topic, revision.topic) == ("swap_topic", old, new)


def test_starting_from_scratch_drops_nothing():
    reading = Understander().read("let's start from scratch with her", WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action != "drop_topic"


@pytest.mark.parametrize(
    "message",
    [
        "what could we do next time? only a couple of options, she'll pick",
        "cosa potremmo fare la prossima volta? dammi due opzioni",
    ],
)
def test_options_for_next_time_are_topics_not_a_plan(message: str):
    assert Understander().read(message, FRESH).intent == "topics"


@pytest.mark.parametrize(
    "message",
    [
        "we've done two of six, plan the remaining ones on excel and teams",
        "fatti 3 incontri su 8, organizzami i restanti",
        "two sessions held out of 7, can you outline the rest of them?",
        "a complete programme of 8 sessions from the kick-off to the final one",
        "mi disegni il percorso dal primo incontro fino alla chiusura? 6 in tutto",
        "HR wants a 12-month proposal, one meeting a month, can you set it up?",
        "map out our meetings from now until the summer, every two weeks",
        "organizzami gli incontri da qui a natale, ogni due settimane",
        "abbiamo fatto il primo incontro, ora mi serve il programma per i prossimi 5",
        "the whole thing from kickoff through to the last meeting please",
    ],
)
def test_the_rest_or_whole_of_a_programme_is_a_curriculum_whatever_history_it_names(message: str):
    assert Understander().read(message, FRESH).intent == "curriculum"


@pytest.mark.parametrize(
    "message",
    [
        "we've already covered teams, outlook and passwords. what next?",
        "so far we did excel and onedrive, what else could we do?",
        "abbiamo gia fatto excel, teams e password. che altro?",
        "finora abbiamo visto linkedin e chatgpt, cosa potremmo fare adesso?",
    ],
)
def test_topics_covered_then_what_next_asks_for_topics(message: str):
    assert Understander().read(message, FRESH).intent == "topics"


@pytest.mark.parametrize(
    "message",
    [
        "what would you do for session 2? she liked chatgpt last time so maybe stay on prompts",
        "how would you run the next one? he enjoyed the excel bits",
        "cosa faresti per la sessione 3? le e' piaciuto canva",
        "I want to start by having him rate his own skills, then we decide what to work on. 30 min plan",
        "vorrei partire facendogli autovalutare le competenze e poi decidiamo su cosa lavorare. piano da 30 min",
    ],
)
def test_a_session_asked_as_what_you_would_do_or_choosing_topics_later_is_a_plan(message: str):
    assert Understander().read(message, FRESH).intent == "plan"


@pytest.mark.parametrize(
    "message",
    [
        "a few hands-on things she can try on her phone to get more done on the go",
        "qualche cosa pratica che puo provare sul telefono",
        "cose pratiche da fare con outlook per lui",
    ],
)
def test_practical_things_to_try_are_exercises(message: str):
    assert Understander().read(message, FRESH).intent == "exercises"


@pytest.mark.parametrize(
    "message", ["and give him a couple of things to prep beforehand", "e dagli un paio di cose da preparare prima"]
)
def test_things_given_to_prepare_after_a_plan_are_exercises(message: str):
    assert Understander().read(message, WITH_PLAN).intent == "exercises"


@pytest.mark.parametrize(
    "message",
    [
        "cheers mate, good chat",
        "grazie mille, chiacchierata utile, ciao!",
        "what languages do you speak?",
        "che lingue parli?",
        "first time here, what sort of things can I ask?",
        "new here. what kind of stuff can you help with?",
        "sono nuovo, su cosa mi puoi aiutare?",
    ],
)
def test_goodbyes_languages_and_newcomers_are_smalltalk(message: str):
    assert Understander().read(message, FRESH).intent == "smalltalk"


@pytest.mark.parametrize(
    ("message", "old", "new"),
    [
        ("he cares more about fake invoices than about texts, can you swap?", "texts", "fake invoices"),
        ("she's more worried about whatsapp than email, could you switch?", "email", "whatsapp"),
    ],
)
def test_a_preference_then_a_bare_swap_is_a_swap(message: str, old: str, new: str):
    revision = revised(message)
    assert (revision.action, revision.old_topic, revision.topic) == ("swap_topic", old, new)


@pytest.mark.parametrize("message", ["and leave more room for her questions", "e lascia piu spazio alle sue domande"])
def test_room_for_the_managers_questions_is_more_discussion(message: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None, reading
    assert reading.revision.action == "more_discussion", reading


def test_a_span_from_the_first_to_the_last_meeting_in_a_question_stays_a_question():
    message = "how do I keep him motivated from the first to the last meeting?"
    assert Understander().read(message, FRESH).intent == "question"


@pytest.mark.parametrize(
    ("message", "minutes"),
    [
        ("hmm 45-50 minutes, let's say 45", 45),
        ("45-50 minuti, diciamo 45", 45),
        ("way too long for him tbh, let's do an hour and a half... no wait, 45", 45),
        ("facciamo 50-55, ok 50", 50),
    ],
)
def test_a_length_settled_on_after_a_range_or_second_thought_wins(message: str, minutes: int):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action in ("minutes", "shorter")  # "too long, ... 45": shorter, to 45
    assert reading.revision.minutes == minutes


@pytest.mark.parametrize(
    ("message", "minutes"),
    [("drop it to an hour, she's got a board meeting after", 60), ("can we stretch it to 90?", 90)],
)
def test_a_length_verb_with_a_length_is_that_length_not_a_topic_dropped(message: str, minutes: int):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action in ("minutes", "longer", "shorter")
    assert reading.revision.minutes == minutes


@pytest.mark.parametrize("message", ["meno lunga", "meno lungo pls"])
def test_a_bare_italian_less_long_after_a_plan_is_shorter(message: str):
    revision = revised(message)
    assert revision.action == "shorter"


@pytest.mark.parametrize(
    ("message", "level", "direction"),
    [
        ("also he's not a beginner, he uses it daily. pitch it higher", None, "up"),
        ("she's been using it every day for months, so nothing basic please", None, "up"),
        ("ci lavora da mesi ormai, niente di base per favore", None, "up"),
        ("guarda che non e' alle prime armi, lo usa tutti i giorni", None, "up"),
        ("honestly he barely knows how to open a file", None, "down"),
        ("non ha mai scritto un prompt in vita sua, andiamo piano", None, "down"),
    ],
)
def test_experience_given_as_the_reason_moves_the_level(message: str, level: str | None, direction: str):
    revision = revised(message)
    assert (revision.action, revision.level, revision.direction) == ("level", level, direction)


@pytest.mark.parametrize(
    ("message", "old", "new_word"),
    [
        ("he cares more about the newsletter being readable for blind colleagues than about copyright", "copyright",
         "blind"),
        ("gli importa piu che la newsletter sia leggibile dai colleghi non vedenti che del copyright", "copyright",
         "non vedenti"),
        ("rather than phishing, she wants to know what she can legally do with customer data", "phishing",
         "customer data"),
        ("piu che il phishing le serve capire cosa puo fare coi dati dei clienti", "phishing", "dati dei clienti"),
        ("invece dell'ia in generale, copilot dentro word e outlook", "ia in generale", "copilot"),
    ],
)  # fmt: skip
def test_a_swap_whose_new_topic_is_described_not_named(message: str, old: str, new_word: str):
    revision = revised(message)
    assert revision.action == "swap_topic"
    assert revision.old_topic == old
    assert new_word in (revision.topic or "")


@pytest.mark.parametrize(
    "message",
    [
        "forget instagram, what she really needs is to stop answering emails at night",
        "lascia stare instagram, il suo vero problema e' che risponde alle mail di notte",
    ],
)
def test_what_is_really_needed_after_a_drop_takes_its_place(message: str):
    reading = Understander().read(message, WITH_PLAN)
    assert reading.revision is not None
    assert reading.revision.action in ("drop_topic", "swap_topic")
    assert reading.revision.old_topic == "instagram"
    assert "night" in (reading.revision.topic or "") or "notte" in (reading.revision.topic or "")


@pytest.mark.parametrize(
    "message",
    [
        "this time I'd like him to teach ME how he handles tough conversations with his team, 45 min",
        "giovedi e' il suo turno: mi racconta come ha gestito la riorganizzazione, 1 ora",
    ],
)
def test_the_roles_turned_make_the_managers_leadership_the_topic(message: str):
    reading = Understander().read(message, FRESH)
    assert reading.intent == "plan"
    assert "leadership experience" in reading.goal


@pytest.mark.parametrize(
    ("message", "language"),
    [
        ("lay out the arc of the 8 meetings for our 10 pairs", "en"),
        ("sono delle risorse umane, abbiamo 15 coppie: come dovrebbero essere i 6 incontri di ogni coppia?", "it"),
    ],
)
def test_a_programme_for_many_pairs_follows_the_programmes_arc(services: Services, message: str, language: Language):
    reply = conversation_for(services).reply(message, ChatState(language=language), TODAY)
    assert reply.intent == "curriculum"
    topics = result_topics(reply.result)
    assert {"ground-rules-confidentiality", "closing-the-relationship"} <= topics
    skills = {topic.slug for topic in services.planner.catalogue.skills()}
    assert topics & skills <= {"self-assessing-digital-skills"}


@pytest.mark.parametrize(
    ("message", "lang", "done"),
    [
        ("we've done excel, teams and phishing. what next?", "en", "excel, teams and phishing"),
        ("abbiamo già fatto phishing, password e teams. che altro?", "it", "phishing, password e teams"),
    ],
)
def test_every_topic_of_a_list_already_done_is_left_out_of_the_suggestions(
    services: Services, message: str, lang: Language, done: str
):
    assert Understander().read(message, FRESH).covered == done
    reply = conversation_for(services).reply(message, ChatState(language=lang), TODAY)
    assert reply.intent == "topics"
    suggested = result_topics(reply.result)
    assert suggested, reply.text  # what follows from the topics done, not the question of what the manager wants
    assert not set(suggested) & set(services.keywords.scores(done)), suggested


@pytest.mark.parametrize(
    ("message", "lang", "key"),
    [
        ("thx, perfect", "en", "smalltalk_thanks"),
        ("grazie mille, a posto così", "it", "smalltalk_thanks"),
        ("went great yesterday, thanks!", "en", "smalltalk_thanks"),
        ("ciao", "it", "smalltalk_help"),  # "ciao" alone opens a chat
        ("hello", "en", "smalltalk_help"),
    ],
)
def test_thanks_get_a_short_answer_and_greetings_the_help(services: Services, message: str, lang: Language, key: str):
    reply = conversation_for(services).reply(message, ChatState(language=lang), TODAY)
    assert (reply.intent, reply.text) == ("smalltalk", t(lang, key))


@pytest.mark.parametrize("follow_up", ["add excel too", "swap power bi for pivot tables"])
def test_a_topic_the_plan_already_has_is_not_added_again_nor_replaced_by_another(services: Services, follow_up: str):
    conversation = conversation_for(services)
    first = conversation.reply("an hour on pivot tables in Excel", ChatState(language="en"), TODAY)
    assert isinstance(first.result, SessionPlan)
    reply = conversation.reply(follow_up, first.state, TODAY)
    assert isinstance(reply.result, SessionPlan)
    assert [x.slug for x in reply.result.topics] == [x.slug for x in first.result.topics]
    assert reply.text == t("en", "revised_topic_already")
