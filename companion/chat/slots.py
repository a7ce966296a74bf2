"""Slot parsing for chat messages in English and Italian: length, date, session number, programme size, level,
names, and the goal text once all of that (and the filler around it) is taken out.

Everything works on a *folded* copy of the message (lower case, accents and typographic apostrophes
removed), so "giovedì", "Giovedi" and "GIOVEDÌ" read the same. Spans that were consumed as slots are
blanked out of the goal text, so dates, lengths and names do not drown what the manager wants to learn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from companion.chat.typos import edit_distance
from companion.domain import MAX_SESSION_NUMBER, Level
from companion.textnorm import fold

# ---- normalising -------------------------------------------------------------------------------------------


NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45,
    "forty five": 45, "fifty": 50, "sixty": 60, "seventy-five": 75, "ninety": 90, "hundred and twenty": 120,
    "uno": 1, "una": 1, "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8,
    "nove": 9, "dieci": 10, "undici": 11, "dodici": 12, "quindici": 15, "venti": 20, "trenta": 30,
    "quaranta": 40, "quarantacinque": 45, "cinquanta": 50, "sessanta": 60, "settantacinque": 75, "novanta": 90,
    "centoventi": 120,
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
    "primo": 1, "prima": 1, "secondo": 2, "seconda": 2, "terzo": 3, "terza": 3, "quarto": 4, "quarta": 4,
    "quinto": 5, "quinta": 5, "sesto": 6, "sesta": 6, "settimo": 7, "settima": 7, "ottavo": 8, "ottava": 8,
    "nono": 9, "nona": 9, "decimo": 10, "decima": 10,
}  # fmt: skip
_ORDINAL = "|".join(sorted(ORDINALS, key=len, reverse=True))


def number_of(token: str) -> int | None:
    token = token.strip().lower()
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token) or ORDINALS.get(token)


# ---- the session's length ----------------------------------------------------------------------------------

_UNIT_MIN = r"(?:minutes?|minuts?|mins?|minuti|minuto|m)\b|'(?!\w)"
_LENGTH_PATTERNS: list[tuple[re.Pattern[str], object]] = [
    # "1h and a half", "1h e mezza": the abbreviated hour too
    (re.compile(r"\b(?:an?\s+|one\s+|1\s*)(?:hours?|hrs?|h)\s+and\s+a\s+half\b|\bhour\s+and\s+a\s+half\b"), 90),
    (re.compile(r"\b(?:un'?\s*|una\s+|1\s*)(?:or[ae]|h)\s+e\s+mezz[ao]\b|\bun'?oretta\s+e\s+mezz[ao]\b"), 90),
    (re.compile(r"\b(?:un'?\s*|una\s+|1\s+)ora\s+e\s+un\s+quarto\b|\ban?\s+hour\s+and\s+a\s+quarter\b"), 75),
    (
        re.compile(
            r"\b(\d)\s*(?:h|hours?|hrs?|ore|ora)\s*(?:and\s+|e\s+)?(\d{2})\b(?!\s*(?:am|pm|min|minutes|minuti))"
        ),
        "hm",
    ),
    (re.compile(rf"\b(\d(?:[.,]\d+)?|{_NUMBER_WORD})\s*-?\s*(?:h|hours?|hrs?|ore|ora)\b"), "hours"),
    (re.compile(rf"\b(\d{{1,3}}|{_NUMBER_WORD})\s*-?\s*(?:{_UNIT_MIN})"), "minutes"),
    (re.compile(r"\b(?:half\s+an\s+hour|half[-\s]hour|mezz'?\s*or[ae]|mezzora|mezz'?\s*oretta)\b"), 30),
    (re.compile(r"\b(?:three\s+quarters\s+of\s+an\s+hour|tre\s+quarti\s+d'?\s*or[ae])\b"), 45),
    (re.compile(r"\b(?:quarter\s+of\s+an\s+hour|un\s+quarto\s+d'?\s*ora)\b"), 15),
    # a whole hour ("stretch it to a full hour", "un'ora piena", "un'intera ora")
    (
        re.compile(
            r"\b(?:(?:a|one)\s+(?:full|whole|entire|solid)\s+hour|un'?\s*ora\s+(?:piena|intera)|un'?\s*intera\s+ora)\b"
        ),
        60,
    ),
    (re.compile(r"\b(?:an\s+hour|one[-\s]hour|un'?\s*ora|una\s+ora|un'?\s*oretta|un\s+oretta|un'?ora\s+circa)\b"), 60),
    # a length told roughly ("una quarantina di minuti", "una ventina", "forty-ish", "40ish mins")
    (
        re.compile(r"\b(?:una\s+)?(ventina|trentina|quarantina|cinquantina|sessantina|novantina)\b(?!\s+di\s+(?!min))"),
        "about",
    ),
    (re.compile(rf"\b(\d{{2,3}}|{_NUMBER_WORD})\s*-?\s*ish\b"), "minutes"),
]
_ABOUT: dict[str, int] = {
    "ventina": 20, "trentina": 30, "quarantina": 40, "cinquantina": 50, "sessantina": 60, "novantina": 90,
}  # fmt: skip
# A clock range ("2-3pm", "from 10 to 11:30", "dalle 15 alle 16", "14-15.30"): its span is the length. Two bare
# numbers with a dash ("2-3 cose") are a range only with a clock word around them: a "from"/"dalle" first, minutes
# after a colon, or am/pm.
_CLOCK = r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?"
_TIME_RANGE = re.compile(
    rf"(?P<from>\b(?:from|dalle|dall'|between|tra\s+le|fra\s+le)\s*)?\b{_CLOCK}\s*"
    rf"(?P<joint>-|–|—|to|till|until|til|alle|all'|and|e\s+le)\s*{_CLOCK}(?P<half>\s*(?:e\s+mezz[ao]|and\s+a\s+half)\b)?"
    r"(?![\d:.]|\s*(?:min|m\b|h\b|hours?|ore\b|%|weeks?|days?|months?|sessions?|meetings?|times|settiman|giorn|mesi|"
    r"session|incontr|volte|persone|people))"
)
_BARE_NUMBER = re.compile(r"^\s*(\d{2,3})\s*[.!]?\s*$")
# "..., 45" or "...numbers. 45" at the end of a request: a length (a day of the month or a session number has
# its own words; "10.30" has no space after its dot, so it stays a clock)
_TRAILING_NUMBER = re.compile(r"(?:[,;]\s*|\.\s+)(\d{2,3})\s*[.!]?\s*$")


@dataclass
class Span:
    start: int
    end: int


@dataclass
class Slots:
    """What the parser found, and where (so the goal text can leave it out)."""

    minutes: int | None = None
    date: date | None = None
    session_number: int | None = None
    total_sessions: int | None = None
    sessions_wanted: int | None = None
    level: Level | None = None
    first_meeting: bool = False
    closing: bool = False
    names: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    asides: list[Span] = field(default_factory=list)  # context that is no goal (the mentor's own job, "on file")


def range_minutes(match: re.Match[str]) -> int | None:
    """The minutes between the two times of a clock range, when it reads as one."""
    h1, m1, ap1, h2, m2, ap2 = (match.group(i) for i in (2, 3, 4, 6, 7, 8))
    if not (match.group("from") or m1 or m2 or ap1 or ap2):
        return None
    if match.group("joint") in ("and", "e le") and not match.group("from"):
        return None  # "3 and 4" is a range only after "between"
    start, end = int(h1) * 60 + int(m1 or 0), int(h2) * 60 + int(m2 or 0)
    if ap2 == "pm" and int(h2) < 12:
        end += 12 * 60
        if ap1 is None and int(h1) < 12 and start + 12 * 60 < end:
            start += 12 * 60  # "1-2:30pm": both afternoon
    if ap1 == "pm" and int(h1) < 12:
        start += 12 * 60
    if end <= start:
        end += 12 * 60  # "11-1": over noon
    minutes = end - start + (30 if match.group("half") else 0)
    return minutes if 15 <= minutes <= 240 else None


# A time that measures a delay or an overrun ("he turns up 15 minutes late", "in ritardo di mezz'ora", "keeps me
# waiting 10 minutes", "sfora sempre di 20 minuti"): how late someone is, not how long the session lasts
_DELAY_BEFORE = re.compile(
    # a span of the meeting ("the very first 5 minutes", "the last ten minutes", "i primi 10 minuti") is part of it
    r"\b(?:(?:the\s+)?(?:very\s+)?(?:first|last|opening|final|closing)|(?:i|gli|nei|negli|per\s+i)\s+(?:primi|ultimi)|"
    r"ritard\w*\s+(?:di|da)|aspettar\w*|(?:keeps?|kept|leaves?|left)\s+(?:me|us)\s+waiting(?:\s+for)?|"
    r"waiting(?:\s+for)?|wait(?:ed|s)?\s+for|overrun\w*\s+by|over\s*run\w*\s+by|runs?\s+over\s+by|(?:ran|run|runs|go|goes|went)"
    r"\s+over\s+by|late\s+by|sfor\w*\s+(?:\w+\s+)?di|in\s+anticipo\s+di)\s+(?:(?:a|an|about|circa|almost|quasi|"
    r"like|tipo|sempre|ogni\s+volta)\s+)?$"
)
_DELAY_AFTER = re.compile(
    r"^\s*(?:late|early|behind|(?:di|in)\s+ritardo|(?:di|in)\s+anticipo|too\s+late|overdue|over\s+time|overtime|"
    # how much warning someone gives ("cancels with five minutes notice", "con cinque minuti di preavviso")
    r"'?s?\s*(?:notice|warning|heads[-\s]?up)|(?:di\s+)?preavviso|prima\s+(?:dell'?\s*inizio|di\s+iniziare))\b"
)


def _a_delay(folded: str, match: re.Match[str]) -> bool:
    return bool(
        _DELAY_BEFORE.search(folded[max(0, match.start() - 40) : match.start()])
        or _DELAY_AFTER.match(folded[match.end() :])
    )


def _delays(folded: str) -> list[tuple[int, int]]:
    """Where the delays are, so that no shorter length inside one is read ("an hour" in "half an hour late")."""
    return [m.span() for pattern, _ in _LENGTH_PATTERNS for m in pattern.finditer(folded) if _a_delay(folded, m)]


# A figure settled on after a range or a second thought ("45-50 minutes, let's say 45", "an hour and a half...
# no wait, 45", "make it 50, maybe 55... ok 50", "facciamo 50-55, ok 50", "diciamo 45"): the last one wins
_SETTLED = re.compile(
    r"\b(?:let'?s\s+say|lets\s+say|say|diciamo|ok(?:ay)?|no\s+wait|wait|anzi|or\s+rather|actually|make\s+it|"
    r"facciamo|va\s+bene|alla\s+fine|in\s+the\s+end|final(?:ly)?)\s*[,:]?\s*(\d{2,3})\s*(?:min\w*|')?\s*(?=[.!?,;]|$)"
)


def _length(folded: str, slots: Slots) -> None:
    settled = [m for m in _SETTLED.finditer(folded) if 15 <= int(m.group(1)) <= 240]
    if settled and re.search(r"\d\s*(?:-|to|or|o)\s*\d|[.,]\s*\.|\b(?:wait|anzi|maybe|forse|or\s+rather)\b", folded):
        slots.minutes = int(settled[-1].group(1))
        slots.spans.append(Span(settled[-1].start(1), settled[-1].end()))
        return
    for clock in _TIME_RANGE.finditer(folded):
        if span_minutes := range_minutes(clock):
            slots.minutes = span_minutes
            slots.spans.append(Span(clock.start(), clock.end()))
            return
    delays = _delays(folded)

    def a_delay(m: re.Match[str]) -> bool:
        return any(start <= m.start() and m.end() <= end for start, end in delays)

    for pattern, value in _LENGTH_PATTERNS:
        match = next((m for m in pattern.finditer(folded) if not a_delay(m)), None)
        if not match:
            continue
        if value == "minutes":  # "voice notes of 5 minutes ... 30 min": a length under a session's is not it
            for later in pattern.finditer(folded, match.end()):
                if a_delay(later):
                    continue
                if (number_of(match.group(1)) or 0) < 15 <= (number_of(later.group(1)) or 0):
                    match = later
                    break
        minutes: int | None
        if value == "hm":
            minutes = int(match.group(1)) * 60 + int(match.group(2))
        elif value == "hours":
            raw = match.group(1)
            number = NUMBER_WORDS.get(raw)
            minutes = round((number if number else float(raw.replace(",", "."))) * 60)
        elif value == "minutes":
            minutes = number_of(match.group(1))
            after = folded[match.end() : match.end() + 12]
            bare_m = re.search(r"\dm$|\d\s+m$", match.group(0))
            if bare_m and re.match(r"\s*(?:sessions|sessioni|meetings|incontri)\b", after):
                continue  # "3 m sessions" is not a length; "a 45 minute session" and "a 45m session" are
        elif value == "about":
            minutes = _ABOUT[match.group(1)]
        else:
            minutes = int(str(value))
        if minutes is not None and 5 <= minutes <= 480:
            slots.minutes = minutes
            slots.spans.append(Span(match.start(), match.end()))
            return
    if match := _BARE_NUMBER.match(folded):
        slots.minutes = int(match.group(1))
        slots.spans.append(Span(match.start(), match.end()))
    elif (match := _TRAILING_NUMBER.search(folded)) and 15 <= int(match.group(1)) <= 240:
        slots.minutes = int(match.group(1))
        slots.spans.append(Span(match.start(1), match.end()))


def read_minutes(message: str) -> int | None:
    slots = Slots()
    _length(fold(message), slots)
    return slots.minutes


# ---- dates ---------------------------------------------------------------------------------------------------

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wednsday": 2, "wed": 2, "thursday": 3,
    "thrusday": 3, "thursady": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sunday": 6, "lunedi": 0, "lunedí": 0, "martedi": 1, "mercoledi": 2, "giovedi": 3, "giovedii": 3,
    "venerdi": 4, "sabato": 5, "domenica": 6, "mon": 0, "weds": 2, "wedn": 2, "lun": 0, "mart": 1, "merc": 2,
    "mer": 2, "gio": 3, "giov": 3, "ven": 4, "sab": 5, "sat": 5, "wednes": 2,
}  # fmt: skip
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12, "gennaio": 1, "febbraio": 2,
    "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "agosto": 8, "settembre": 9, "ottobre": 10,
    "novembre": 11, "dicembre": 12, "gen": 1, "feb.": 2, "giu": 6, "lug": 7, "ago": 8, "set": 9, "ott": 10,
    "dic": 12,
}  # fmt: skip
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))

_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b\.?(?:\s+(\d{{4}}))?")
_MONTH_DAY = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")
_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b")
_NEXT_WEEK_DAY = re.compile(
    rf"\b({_WEEKDAY})\s+(?:of\s+)?(?:next\s+week|della\s+settimana\s+prossima|della\s+prossima\s+settimana|"
    r"settimana\s+prossima|prossima\s+settimana)\b"
)
_WEEKDAY_RE = re.compile(
    rf"\b(?:(?:next|this|coming|on|il|lo|questo|questa|prossimo|prossima|di|de)\s+)*({_WEEKDAY})\b"
    r"(?:\s+(?:prossimo|prossima|next))?"
)
_WEEKDAY_DAY = re.compile(
    rf"\b({_WEEKDAY})\.?\s+(?:the\s+)?([12]?\d|3[01])(?:st|nd|rd|th)?\b(?![.,/:]\d|\s*(?:-|')|\s*(?:minut\w*|mins?\b|m\b|"
    r"ore\b|ora\b|h\b|hours?\b|hrs?\b|session\w*|incontr\w*|people|persone))"
)
_RELATIVE: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\b(?:the\s+)?day\s+after\s+tomorrow\b|\bdopodomani\b|\bdopo\s+domani\b"), 2),
    (
        re.compile(
            r"\b(?:tomorrow|tomorow|tommorow|tommorrow|tmrw|tmr|2moro|2morrow|2morow|domani|domattina|domani\s+mattina)\b"
        ),
        1,
    ),
    (re.compile(r"\b(?:today|later\s+today|this\s+afternoon|this\s+morning|oggi|stamattina|oggi\s+pomeriggio)\b"), 0),
]
# A day of the month alone ("on the 10th", "the 4th", "il 4", "l'11", "al 15"): its next occurrence from today.
_DAY_OF_MONTH = re.compile(
    r"\b(?:(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)|(?:on|by|for)\s+(\d{1,2})(?:st|nd|rd|th))\b|"
    r"(?<![\w'])(?:(?:per|entro|di|da|dal|fino\s+al)\s+)?(?:il|l'|al|all')\s*(\d{1,2})(?!\w|[.,/:]\d|'|\s*%)"
    r"(?!\s*(?:minut\w*|min\b|m\b|ore\b|ora\b|h\b|or[ae]|incontr\w*|session\w*|esercizi\w*|temi|argomenti|"
    r"persone|volte|punti|giorni|settiman\w*|mes\w*|anni|per\s+cento|\w+\s+(?:minut|ore\b|incontr|session)))"
)
# Lengths said with "al"/"a" ("riducila al 30"): a length, not a day
_LENGTH_VERB_BEFORE = re.compile(
    r"\b(?:riduc\w*|accorc\w*|allung\w*|port\w*|scend\w*|pass\w*|limit\w*|estend\w*|ridott\w*|taglia\w*)\s+$"
)
# "mar" before a length is Tuesday ("mar 45 minuti"), not March
_TUESDAY_MAR = re.compile(
    r"\bmar\b(?=\s+prossim[oa]\b|[\s,.:-]*(?:\d{1,3}\s*(?:minut\w*|min\b|m\b|'|ore\b|ora\b|h\b)|un'?\s*or[ae]|una\s+ora|"
    r"mezz|tre\s+quarti|un\s+quarto|un'?oretta|\d\s*h))"
)
_IN_DAYS = re.compile(rf"\b(?:in|tra|fra)\s+(\d{{1,2}}|{_NUMBER_WORD})\s+(?:days|giorni)\b")
_IN_WEEKS = re.compile(rf"\b(?:in|tra|fra)\s+(\d|{_NUMBER_WORD}|a|una)\s+(?:weeks?|settimane?)\b")


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _upcoming(today: date, month: int, day: int, year: int | None) -> date | None:
    if year:
        return _safe_date(year + (2000 if year < 100 else 0), month, day)
    found = _safe_date(today.year, month, day)
    if found and found < today:
        found = _safe_date(today.year + 1, month, day)
    return found


def _next_day_of_month(today: date, day: int) -> date | None:
    """That day this month if it is still ahead (or today), else in the next month that has it."""
    year, month = today.year, today.month
    for _ in range(13):
        found = _safe_date(year, month, day)
        if found and found >= today:
            return found
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


def next_weekday(today: date, weekday: int) -> date:
    """The next such day after today ("Thursday" said on a Thursday means a week later)."""
    ahead = (weekday - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


# A day turned down ("can't do thursday anymore, friday instead", "giovedì non posso più, facciamo venerdì",
# "friday's out now, monday instead"): of two weekdays, the other one is the date
_DAY_REFUSED = re.compile(
    r"\b(?:can'?t|cannot|can\s+not|couldn'?t|won'?t|no\s+longer|not\s+anymore|anymore|(?:is|'s)\s+(?:out|off|a\s+no)|"
    r"doesn'?t\s+work|not\s+possible|non\s+(?:posso|possiamo|riesco|riusciamo|va|si\s+puo|puo|ce\s+la\s+fa)|salta\w*|"
    r"non\s+piu|impossibile)\b"
)


_CLAUSE_BREAK = re.compile(r"[,;.!?]|\s-\s|\s+(?:but|ma|so|quindi)\s+")


# A day inside a habit ("she copies data by hand every Friday", "i report del venerdì", "ogni lunedì", "on Mondays
# he..."): when the manager does something, not when they meet
_HABIT_BEFORE = re.compile(
    r"\b(?:every|each|ogni|tutti\s+i|tutte\s+le|del|dei|di\s+ogni|the\s+weekly|weekly|il\s+solito)\s+$"
)
_HABIT_AFTER = re.compile(r"^\s*(?:s\b|of\s+every\s+week|di\s+ogni\s+settimana|each\s+week|every\s+week)")


# A weekday used as the adjective of something else ("she rebuilds the Tuesday dashboard by hand", "he dreads the
# Friday team call", "our Monday report"): that thing's day, not the session's. A session word after it ("the
# Friday session") keeps it the date.
_ATTRIBUTIVE_BEFORE = re.compile(r"(?<!\bon\s)(?<!\bfor\s)\b(?:the|his|her|their|our|my|its|that|your)\s+$")
_ATTRIBUTIVE_AFTER = re.compile(
    r"^\s+(?!(?:session|sessions|meeting|meetings|call|catch|one|slot|chat|sync|1:1|mentoring|we|i|he|she|they|you|"
    r"after|before|at|of|or|and|is|was|works|morning|afternoon|evening|night|lunch|then|instead|would|will|please|pls|"
    r"should|could|if|when|still|date|time|class|lesson|week|this|next)\b)[a-z]{3,}"
)


def _habitual(folded: str, day: re.Match[str]) -> bool:
    return bool(
        _HABIT_BEFORE.search(folded[max(0, day.start(1) - 20) : day.start(1)])
        or _HABIT_AFTER.match(folded[day.end(1) :])
        or (
            _ATTRIBUTIVE_BEFORE.search(folded[max(0, day.start(1) - 12) : day.start(1)])
            and _ATTRIBUTIVE_AFTER.match(folded[day.end(1) :])
        )
    )


def _offered_weekday(folded: str) -> re.Match[str] | None:
    """The weekday meant: the first named, or when one is turned down in its clause, the first one that is not.
    A day inside a habit is never the session's."""
    days = [day for day in _WEEKDAY_RE.finditer(folded) if not _habitual(folded, day)]

    def refused(day: re.Match[str]) -> bool:
        start = max((m.end() for m in _CLAUSE_BREAK.finditer(folded, 0, day.start())), default=0)
        stop = _CLAUSE_BREAK.search(folded, day.end())
        return bool(_DAY_REFUSED.search(folded[start : stop.start() if stop else len(folded)]))

    if len(days) >= 2 and any(refused(day) for day in days):
        return next((day for day in days if not refused(day)), days[0])
    if len(days) == 1 and refused(days[0]):
        return None  # "she can't do thursday, move it to the 2nd": the day turned down is no date; the 2nd is
    return days[0] if days else None


_FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "lunedi", "martedi",
                  "mercoledi", "giovedi", "venerdi", "sabato", "domenica")  # fmt: skip


def _closest_weekday(word: str) -> str | None:
    """The weekday a misspelt word stands for ("wensday", "thrusdy", "venerdy"): same first letter, one edit
    away, two for the long names."""
    if len(word) < 6 or word in WEEKDAYS or word[:-1] in WEEKDAYS:  # "fridays" is a habit, not a typo
        return None
    for name in _FULL_WEEKDAYS:
        if name[0] == word[0] and edit_distance(word, name, 2) <= (2 if len(name) >= 8 else 1):
            return name
    return None


def _misspelt_weekday(folded: str) -> re.Match[str] | None:
    for m in re.finditer(r"\b[a-z]{6,10}\b", folded):
        if _closest_weekday(m[0]) and not _habitual_word(folded, m):
            return m
    return None


def _habitual_word(folded: str, word: re.Match[str]) -> bool:
    return bool(_HABIT_BEFORE.search(folded[max(0, word.start() - 20) : word.start()]))


def _date(folded: str, today: date, slots: Slots) -> None:
    def found(value: date | None, match: re.Match[str]) -> bool:
        if value is None:
            return False
        slots.date = value
        slots.spans.append(Span(match.start(), match.end()))
        return True

    def a_length(match: re.Match[str], group: int) -> bool:
        """The number was read as the length already ("tues. 30"): it is not also the day of the month."""
        return any(s.start <= match.start(group) and match.end(group) <= s.end for s in slots.spans)

    if (m := _ISO.search(folded)) and found(_safe_date(int(m[1]), int(m[2]), int(m[3])), m):
        return
    if (m := _TUESDAY_MAR.search(folded)) and found(next_weekday(today, 1), m):
        return
    if (m := _DAY_MONTH.search(folded)) and found(
        _upcoming(today, MONTHS[m[2]], int(m[1]), int(m[3]) if m[3] else None), m
    ):
        return
    if (m := _MONTH_DAY.search(folded)) and found(
        _upcoming(today, MONTHS[m[1]], int(m[2]), int(m[3]) if m[3] else None), m
    ):
        return
    if (m := _NEXT_WEEK_DAY.search(folded)) and found(today + timedelta(days=7 - today.weekday() + WEEKDAYS[m[1]]), m):
        return
    if (m := _WEEKDAY_DAY.search(folded)) and not a_length(m, 2) and found(_next_day_of_month(today, int(m[2])), m):
        return  # "Wed 13th", "giovedì 12": the day of the month says which week
    if (m := _offered_weekday(folded)) and found(next_weekday(today, WEEKDAYS[m[1]]), m):
        return
    if (m := _misspelt_weekday(folded)) and found(next_weekday(today, WEEKDAYS[_closest_weekday(m[0]) or ""]), m):
        return
    for pattern, days in _RELATIVE:
        if (m := pattern.search(folded)) and found(today + timedelta(days=days), m):
            return
    if m := _IN_DAYS.search(folded):
        found(today + timedelta(days=number_of(m[1]) or 0), m)
        return
    if m := _IN_WEEKS.search(folded):
        weeks = 1 if m[1] in ("a", "una") else number_of(m[1]) or 1
        found(today + timedelta(weeks=weeks), m)
        return
    for m in _DAY_OF_MONTH.finditer(folded):
        if _LENGTH_VERB_BEFORE.search(folded[: m.start()]):
            continue
        day = int(m[1] or m[2] or m[3])
        if 1 <= day <= 31 and found(_next_day_of_month(today, day), m):
            return
    if (m := _NUMERIC.search(folded)) and not re.search(r"\d\s*/\s*\d+\s*(?:session|incontr)", folded):
        day, month = int(m[1]), int(m[2])
        if month > 12 and 1 <= day <= 12:  # "12/18": month first, as in American dates
            day, month = month, day
        if 1 <= month <= 12:
            found(_upcoming(today, month, day, int(m[3]) if m[3] else None), m)


def read_date(message: str, today: date) -> date | None:
    slots = Slots()
    _date(fold(message), today, slots)
    return slots.date


# ---- session number, programme size, level -----------------------------------------------------------------

_SESSION_WORD = r"(?:session|sessione|sessions|sessioni|meeting|meetings|incontro|incontri|appuntamento|call|lezione)"
_SESSION_N = re.compile(
    rf"\b{_SESSION_WORD}\s*(?:n\.?|no\.?|nr\.?|number|numero|#)?\s*(\d{{1,2}}|{_NUMBER_WORD})\b"
    r"(?!\s*(?:min|minut|ore|hours?|h\b|'))"
)
_ORDINAL_SESSION = re.compile(
    rf"\b(?:the\s+|la\s+|il\s+|l'|our\s+|nostra\s+|nostro\s+)?({_ORDINAL}|\d{{1,2}}\s*(?:a|o|ª|°))\s+"
    # "my first proper session, we did a coffee intro already", "la prima vera sessione": still the first
    rf"(?:(?:proper|real|actual|official|formal|vera|vero|ufficiale|effettiv[oa])\s+)?{_SESSION_WORD}\b"
)
_SESSION_ORDINAL_AFTER = re.compile(rf"\b{_SESSION_WORD}\s+({_ORDINAL})\b")
_OF_TOTAL = re.compile(rf"\s*(?:of|out\s+of|su|di)\s+(\d{{1,2}}|{_NUMBER_WORD})\b")
_FIRST_MEETING = re.compile(
    r"\b(?:(?:don'?t|do\s+not|doesn'?t|does\s+not|never)\s+(?:really\s+)?(?:know|met)\s+each\s+other|"
    r"(?:haven'?t|have\s+not|never)\s+met|first\s+time\s+we\s+meet|we\s+have\s+never\s+met|kick-?\s?off|"
    r"get(?:ting)?\s+to\s+know\s+each\s+other|non\s+ci\s+conosciamo|non\s+ci\s+siamo\s+mai|"
    r"prima\s+volta\s+che\s+ci\s+(?:vediamo|incontriamo)|conoscerci|ci\s+conosceremo|rompere\s+il\s+ghiaccio|"
    r"break\s+the\s+ice|icebreaker|primo\s+appuntamento|intro(?:ductory)?\s+(?:session|meeting)|"
    # the mentor's own first time ("first time I'm mentoring anyone", "my first ever session as a mentor", "è la mia
    # prima volta da mentor", "prima volta che faccio il mentor"): the pair's first meeting too
    r"first\s+(?:ever\s+)?time\s+(?:(?:i'?m|i\s+am|i'?ve|being|as|doing)\s+)?(?:been\s+)?(?:a\s+)?(?:mentor\w*|reverse\s+mentor\w*)|"
    r"(?:my|our)\s+(?:very\s+)?first(?:\s+ever)?\s+(?:session|meeting|time)\s+as\s+(?:a\s+)?mentor|"
    r"prima\s+volta\s+(?:che\s+(?:faccio|facc\w*)\s+(?:il\s+|la\s+|da\s+)?|da\s+|come\s+)(?:reverse\s+)?mentor|"
    r"prima\s+esperienza\s+(?:da|come)\s+(?:reverse\s+)?mentor|"
    # what a first meeting is for: the ground rules, and what the manager hopes to get out of the programme
    r"(?:set(?:ting)?|agree(?:ing)?|do|go\s+through|establish|lay\s+down|now|then|first|start\s+with|\+|and)\s+(?:on\s+)?"
    r"(?:the\s+|some\s+|our\s+)?ground\s+rules|(?:set|agree)\s+(?:on\s+)?(?:some\s+|the\s+)?(?:rules|expectations)|regole\s+(?:del\s+gioco|di\s+base)|"
    r"(?:fissare|stabilire|darci|definire|concordare)\s+(?:le\s+|delle\s+|qualche\s+)?regole|"
    r"(?:his|her|their)\s+expectations|(?:le\s+)?sue\s+aspettative|cosa\s+si\s+aspetta|"
    r"what\s+(?:he|she|they)\s+(?:wants?|hopes?|expects?)\s+(?:to\s+get\s+)?(?:out\s+of|from)\s+(?:it|this|the\s+programme|"
    r"the\s+program|mentoring)|cosa\s+(?:vuole|vorrebbe|spera\s+di)\s+ottenere)\b"
)
_CLOSING = re.compile(
    r"\b(?:last|final|closing|wrap-?\s?up|ultim[oa]|finale|conclusiv[oa]|di\s+chiusura)\s+"
    # "the last one was too basic", "l'ultima sessione è andata bene": the one before, not the programme's end
    rf"(?:{_SESSION_WORD}|one)\b(?!\s+(?:was|were|went|felt|seemed|we\s+(?:did|had)|(?:e|era|e\s+stata|e\s+andata)\b))|"
    rf"\b{_SESSION_WORD}\s+(?:finale|conclusiv[oa]|di\s+chiusura|closing)\b|"
    r"\b(?:end|close|wrap\s+up|closing)\s+(?:of\s+)?(?:the\s+|our\s+)?(?:programme|program|mentoring|relationship)\b|"
    r"\b(?:fine|chiusura|chiudere|concludere)\s+(?:del\s+|il\s+|la\s+)?(?:percorso|programma|mentoring|relazione)\b|"
    # closing it well ("come chiudo bene il percorso?", "how do I wrap up the programme nicely")
    r"\b(?:chiud|conclud|termin)\w*\s+(?:bene\s+|al\s+meglio\s+|in\s+bellezza\s+)?(?:(?:il|la)\s+)?(?:(?:questo|questa|"
    r"nostro|nostra)\s+)?(?:percorso|programma|programme|program|mentoring|relazione)\b|"
    r"\b(?:wrap(?:ping)?\s+up|clos(?:e|ing)|end(?:ing)?|finish(?:ing)?)\s+(?:the|this|our)\s+(?:programme|program|"
    r"mentoring|relationship)\b|"
    r"\b(?:say(?:ing)?\s+goodbye|salutarci|ci\s+salutiamo|last\s+time\s+we\s+meet|ultima\s+volta\s+che\s+ci)\b"
)
_SESSIONS_WANTED = re.compile(
    rf"\b(\d{{1,2}}|{_NUMBER_WORD})\s*-?\s*{_SESSION_WORD}\b"
    r"(?!\s*(?:of|su)\s+\d)"
)
_PROGRAMME_OF = re.compile(
    rf"\b(?:programme|program|curriculum|percorso|programma|piano|plan|series|ciclo|serie)\s+(?:of|di|da)\s+"
    rf"(\d{{1,2}}|{_NUMBER_WORD})(?:\s+{_SESSION_WORD})?\b"
)
# A programme counted in its parts ("un programma in 7 tappe", "percorso di 5 moduli", "a 6-step programme", "a course
# in 4 lessons"): each part is a session
_PART_WORD = (
    r"(?:tappe|tappa|step|steps|passi|moduli|modulo|modules?|lezioni|lessons?|stages?|fasi|parts|parti|units|unita|"
    r"puntate|episodi)"
)
_PROGRAMME_IN_PARTS = re.compile(
    rf"\b(?:programme|program|curriculum|percorso|programma|piano|plan|corso|course|path|journey|ciclo|roadmap|series|"
    rf"serie)\s+(?:in|of|di|da|with|con|across|over|su)\s+(\d{{1,2}}|{_NUMBER_WORD})\s*-?\s*{_PART_WORD}\b|"
    rf"\b(\d{{1,2}}|{_NUMBER_WORD})\s*-?\s*(?:step|stage|module|lesson|part|unit)s?\s+(?:programme|program|plan|course|"
    rf"path|journey|curriculum|roadmap|series)\b"
)
_TIME_OF_DAY = re.compile(
    r"\b(?:at|alle|all'|ore|dalle|from)\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?\b|\b\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|"
    r"\b\d{1,2}:\d{2}\b"
)
_LEVELS: list[tuple[Level, re.Pattern[str]]] = [
    ("advanced", re.compile(r"\b(?:advanced|expert|harder|challenging|avanzat\w*|espert\w*|difficil\w*|sfidant\w*)\b")),
    ("intermediate", re.compile(r"\b(?:intermediate|intermedi[oa]|medium|medio|media)\b")),
    (
        "foundation",
        re.compile(
            r"\b(?:foundation|basics?|beginners?|easy|easier|simple|simpler|base|principiant\w*|facil\w*|"
            r"semplic\w*|zero|novices?|newbies?|prime\s+armi|alle\s+prime|novizi\w*|neofit\w*)\b"
        ),
    ),
]


_LEVEL_IN_GOAL = re.compile(r"\b(?:basics|the\s+basics\s+of|le\s+basi(?:\s+d[ie]l?\w*)?|nozioni\s+di\s+base)\b")


def _session(folded: str, slots: Slots) -> None:
    for pattern in (_SESSION_N, _ORDINAL_SESSION, _SESSION_ORDINAL_AFTER):
        if m := pattern.search(folded):
            raw = m.group(1)
            if raw[0].isdigit():
                raw = re.sub(r"\s*(?:a|o|ª|°)$", "", raw)
            number = number_of(raw)
            # "8 sessions" / "session 8 of 8" need care: a plural count is a programme size, not a number.
            if (
                number
                and 1 <= number <= MAX_SESSION_NUMBER
                and not re.match(r"\s*(?:sessions|sessioni|incontri|meetings)", raw)
            ):
                end = m.end()
                if total := _OF_TOTAL.match(folded, end):
                    slots.total_sessions = number_of(total.group(1))
                    end = total.end()
                slots.session_number = number
                slots.spans.append(Span(m.start(), end))
                if number == 1:
                    slots.first_meeting = True
                break
    if m := _FIRST_MEETING.search(folded):
        slots.first_meeting = True
        slots.session_number = slots.session_number or 1
        slots.spans.append(Span(m.start(), m.end()))
    if m := _CLOSING.search(folded):
        slots.closing = True
        slots.spans.append(Span(m.start(), m.end()))


# "serie di incontri su Excel, facciamone 4": after a word for sessions, "let's do N" is how many
_MAKE_N = re.compile(
    rf"\b{_SESSION_WORD}\b.*\b(?:facciamone|fanne|ne\s+facciamo|ne\s+vorrei|let'?s\s+do|do)\s+(\d{{1,2}}|{_NUMBER_WORD})\b"
    r"(?!\s*(?:min|'|ore|hours?|h\b))"
)


# "ne abbiamo fatti 3 su 8, mi pianifichi i restanti cinque?", "plan the remaining four meetings": the sessions
# still to come, when sessions are what the message talks about
_REMAINING_N = re.compile(
    rf"\b(?:gli\s+altri|le\s+altre|i\s+restanti|le\s+restanti|the\s+other|the\s+remaining|the\s+last|remaining)\s+"
    rf"(\d{{1,2}}|{_NUMBER_WORD})\b(?!\s*(?:min|'|ore|hours?|h\b|topics?|temi|argomenti|esercizi|exercises|tasks?|"
    r"compiti|giorni|days|weeks|settimane))"
)


def _programme_size(folded: str, slots: Slots) -> None:
    patterns = [_PROGRAMME_IN_PARTS, _PROGRAMME_OF, _SESSIONS_WANTED, _MAKE_N]
    if re.search(rf"\b{_SESSION_WORD}\b|\bsu\s+\d{{1,2}}\b|\bof\s+\d{{1,2}}\b", folded):
        patterns.insert(0, _REMAINING_N)  # "2 of 6 meetings done, plan the remaining four": four, not six
    for pattern in patterns:
        if m := pattern.search(folded):
            count = number_of(next((g for g in m.groups() if g), ""))
            before = folded[max(0, m.start() - 12) : m.start()]
            if (
                count
                and 2 <= count <= (12 if pattern in (_MAKE_N, _REMAINING_N) else 24)
                and not re.search(rf"{_SESSION_WORD}\s*$", before)
            ):
                slots.sessions_wanted = count
                slots.spans.append(Span(m.start(), m.end()))
                return


def read_session_number(message: str, total: int) -> int | None:
    slots = Slots()
    _session(fold(message), slots)
    if slots.closing and not slots.session_number:
        return slots.total_sessions or total
    return slots.session_number


def read_level(message: str) -> Level | None:
    folded = fold(message)
    return next((level for level, pattern in _LEVELS if pattern.search(folded)), None)


# ---- names -------------------------------------------------------------------------------------------------

FIRST_NAMES = frozenset(
    [
        "helen",
        "marco",
        "giulia",
        "laura",
        "anna",
        "maria",
        "paolo",
        "luca",
        "andrea",
        "francesca",
        "sara",
        "chiara",
        "alessandro",
        "giuseppe",
        "giovanni",
        "roberto",
        "stefano",
        "matteo",
        "davide",
        "simone",
        "federico",
        "elena",
        "valentina",
        "silvia",
        "paola",
        "giorgio",
        "franco",
        "mario",
        "antonio",
        "luigi",
        "carlo",
        "alberto",
        "massimo",
        "fabio",
        "claudio",
        "daniele",
        "riccardo",
        "lorenzo",
        "tommaso",
        "leonardo",
        "gabriele",
        "alessia",
        "martina",
        "giorgia",
        "elisa",
        "federica",
        "monica",
        "barbara",
        "cristina",
        "roberta",
        "daniela",
        "alessandra",
        "veronica",
        "ilaria",
        "serena",
        "john",
        "james",
        "robert",
        "michael",
        "william",
        "david",
        "richard",
        "joseph",
        "thomas",
        "charles",
        "mary",
        "patricia",
        "jennifer",
        "linda",
        "elizabeth",
        "susan",
        "jessica",
        "sarah",
        "karen",
        "nancy",
        "lisa",
        "margaret",
        "sandra",
        "ashley",
        "emily",
        "donna",
        "michelle",
        "carol",
        "amanda",
        "melissa",
        "deborah",
        "stephanie",
        "rebecca",
        "sharon",
        "kathy",
        "kate",
        "katie",
        "peter",
        "paul",
        "mark",
        "george",
        "steven",
        "steve",
        "andrew",
        "kevin",
        "brian",
        "edward",
        "ed",
        "ronald",
        "tim",
        "timothy",
        "jason",
        "jeff",
        "jeffrey",
        "ryan",
        "gary",
        "nicholas",
        "eric",
        "jonathan",
        "stephen",
        "larry",
        "justin",
        "scott",
        "brandon",
        "frank",
        "benjamin",
        "ben",
        "gregory",
        "greg",
        "samuel",
        "sam",
        "raymond",
        "patrick",
        "alexander",
        "alex",
        "jack",
        "dennis",
        "jerry",
        "tyler",
        "aaron",
        "henry",
        "adam",
        "douglas",
        "nathan",
        "zachary",
        "kyle",
        "walter",
        "harold",
        "jeremy",
        "ethan",
        "carl",
        "keith",
        "roger",
        "gerald",
        "christian",
        "terry",
        "sean",
        "arthur",
        "austin",
        "noah",
        "lawrence",
        "jesse",
        "joe",
        "bryan",
        "billy",
        "jordan",
        "albert",
        "dylan",
        "bruce",
        "willie",
        "gabriel",
        "alan",
        "juan",
        "logan",
        "wayne",
        "ralph",
        "roy",
        "eugene",
        "randy",
        "vincent",
        "russell",
        "louis",
        "philip",
        "phil",
        "bobby",
        "johnny",
        "bradley",
        "emma",
        "olivia",
        "ava",
        "isabella",
        "sophia",
        "mia",
        "charlotte",
        "amelia",
        "harper",
        "evelyn",
        "abigail",
        "ella",
        "grace",
        "chloe",
        "victoria",
        "lily",
        "hannah",
        "natalie",
        "zoe",
        "leah",
        "hazel",
        "violet",
        "aurora",
        "savannah",
        "audrey",
        "brooklyn",
        "bella",
        "claire",
        "lucy",
        "anne",
        "annie",
        "julia",
        "judy",
        "jane",
        "joan",
        "janet",
        "ruth",
        "diane",
        "diana",
        "helena",
        "hellen",
        "ellen",
        "rachel",
        "sophie",
        "tom",
        "tony",
        "priya",
        "raj",
        "arjun",
        "wei",
        "mei",
        "yuki",
        "hiroshi",
        "fatima",
        "omar",
        "ali",
        "ahmed",
        "mohammed",
        "amir",
        "leila",
    ]
)
_NAME_CONTEXT = re.compile(
    r"\b(?:with|for|con|per|ho|meet|meeting|incontro|vedo|see|manager|mentee|boss|capo|direttore|direttrice|"
    r"dottor|dott\.|dott\.ssa|signor|signora|mr\.?|mrs\.?|ms\.?|dr\.?)\s+([A-Z][a-zà-ÿ]+)"
)


def read_names(message: str, known_terms: frozenset[str]) -> list[str]:
    """Names of people in the message: known first names anywhere, or a capitalised word after "with", "ho",
    "for", "manager"... that is not a tool or topic word we know."""
    names = []
    for word in re.findall(r"\b[A-Z][a-zà-ÿ']+\b", message):
        bare = fold(word).rstrip("'s").rstrip("'")
        if bare in FIRST_NAMES and bare not in known_terms:
            names.append(word.rstrip("'s").rstrip("'"))
    for match in _NAME_CONTEXT.finditer(message):
        word = match.group(1)
        if fold(word) not in known_terms and word not in names and fold(word) not in _NOT_NAMES:
            names.append(word)
    return names


_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "our",
        "your",
        "his",
        "her",
        "this",
        "that",
        "next",
        "thursday",
        "monday",
        "tuesday",
        "wednesday",
        "friday",
        "saturday",
        "sunday",
        "session",
        "sessione",
        "il",
        "la",
        "lo",
        "le",
        "un",
        "una",
        "uno",
        "i",
        "gli",
    ]
)


# ---- everything at once ------------------------------------------------------------------------------------


def parse_slots(message: str, today: date, known_terms: frozenset[str] = frozenset()) -> tuple[Slots, str]:
    """The slots of a message, and the folded message (same indexes as the spans)."""
    folded = fold(message)
    slots = Slots()
    _length(folded, slots)
    _date(folded, today, slots)
    _session(folded, slots)
    _programme_size(folded, slots)
    for m in _TIME_OF_DAY.finditer(folded):
        slots.spans.append(Span(m.start(), m.end()))
    slots.level = next((level for level, pattern in _LEVELS if pattern.search(folded)), None)
    # "teams basics", "le basi di excel": the level word is a slot, so that it does not pull the goal towards the
    # cards whose titles hold it ("Programming basics", "Generative AI basics")
    for m in _LEVEL_IN_GOAL.finditer(folded):
        slots.spans.append(Span(m.start(), m.end()))
    slots.names = read_names(message, known_terms)
    slots.asides = _mentor_context(folded) + [Span(m.start(), m.end()) for m in _ON_FILE.finditer(folded)]
    for m in _TOOL_ASIDE.finditer(folded):  # the tool's name stays: only its licence or what it is likened to goes
        part = next(group for group in ("x", "y", "z") if m.group(group))
        slots.asides.append(Span(m.start(part), m.end(part)))
    return slots, folded


# ---- context that names no goal ----------------------------------------------------------------------------

# A clause where the mentor describes themself: "I'm 24", "im a junior dev", "me: grad trainee", "lavoro nel
# marketing", "ho 25 anni", "sono stagista". Their job is context, not what the manager needs.
_ABOUT_ME = re.compile(
    r"^(?:(?:so|well|ok|fyi|btw|(?:a\s+)?(?:quick\s+|bit\s+of\s+|some\s+)?context|about\s+me|premessa|contesto|"
    r"allora|dunque|per\s+contesto)\s*[:,-]?\s*)*"
    r"(?:me\s*:|io\s*:|"
    r"(?:i'?m|i\s+am)\s+(?:a|an|the|\d+|new|junior|senior|only|just\s+a|still|currently|in|on\s+the|from|part|based|"
    r"working|one|the\s+youngest)\b|"
    r"i\s+(?:work|worked|joined|started|do|have\s+been)\b|i'?ve\s+been\b|\d+\s*(?:yo|y/o|years?\s+old|anni)\b|"
    r"as\s+an?\s+\w+|myself\b|my\s+(?:job|role|background)\b|"
    r"(?:io\s+)?sono\s+(?:un|una|uno|il|la|lo|l'|stagista|junior|neo\w*|appena|da|in|nel|nella|nello|qui|\d+|"
    r"analista|sviluppat\w*|grafic\w*|designer|developer|dev)\b|"
    r"(?:io\s+)?lavoro\s+(?:nel|nella|nello|negli|in|come|da|per|all\w*|a|qui|sui|sul)\b|"
    r"(?:io\s+)?faccio\s+(?:il|la|lo|l')\s*\w+|ho\s+\d+\s+anni|mi\s+occupo\s+di|(?:io\s+)?(?:seguo|curo)\b)"
)
# Where the manager comes in again: a person other than the mentor, or what someone wants or needs
_ABOUT_THEM = re.compile(
    r"\b(?:he|she|him|her|his|they|them|lui|lei|mentee|manager|boss|capo|capa|wants?|needs?|would\s+like|"
    r"has\s+to|struggles?|keeps|vuole|vorrebbe|deve|ha\s+bisogno|fatica|non\s+riesce|continua)\b"
)
_CLAUSE_END = re.compile(r"[.;!?\n,()]+|\s+-+\s+|\s+(?:and|but|e|ed|ma|mentre|while)\s+")


def _mentor_context(folded: str) -> list[Span]:
    """The clauses about the mentor, and those that go on about them ("I'm 24, joined as a data analyst last
    year, and my mentee..."), up to where the manager comes in; nothing when the manager never does."""
    cuts = [0] + [i for m in _CLAUSE_END.finditer(folded) for i in (m.start(), m.end())] + [len(folded)]
    spans: list[Span] = []
    open_at: int | None = None
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        clause = folded[start:end].strip()
        if not clause:
            continue
        if _ABOUT_ME.match(clause) and not _ABOUT_THEM.search(clause):
            open_at = start if open_at is None else open_at
        elif open_at is not None and _ABOUT_THEM.search(clause):
            spans.append(Span(open_at, start))
            open_at = None
    return spans


# "they've all got copilot licences and use it like google", "hanno la licenza copilot e lo usano come google":
# the licence is the tool's seat and google how they use it, not copyright nor web search
_TOOLS = r"(?:copilot|chatgpt|gemini|claude|office|m365|microsoft\s+365|canva|adobe|zoom|teams|slack)"
_TOOL_ASIDE = re.compile(
    rf"\b{_TOOLS}\s+(?P<x>licen[cs]es?|licenz[ae]|seats?|subscriptions?|abbonament[oi])\b|"
    rf"\b(?P<y>licen[cs]es?|licenz[ae]|seats?|abbonament[oi])\s+(?:di\s+|per\s+|to\s+|for\s+)?{_TOOLS}\b|"
    r"\b(?P<z>(?:like|as)\s+(?:a\s+)?(?:google|(?:a\s+)?search\s+(?:engine|box|bar))|"
    r"come\s+(?:se\s+fosse\s+|fosse\s+|su\s+|in\s+)?(?:google|un\s+motore\s+di\s+ricerca))\b"
)


# "use what's on file", "go with what we have on file", "base it on his profile", "usa quello che c'è in scheda":
# the pair's goals on file, not cloud files
_ON_FILE = re.compile(
    r"\b(?:(?:use|go\s+with|stick\s+(?:to|with)|based?\s+(?:it\s+)?on|from|work\s+from)\s+)?(?:what(?:'s|\s+is|\s+we\s+have|\s+you\s+have)|"
    r"the\s+stuff|whatever(?:'s|\s+is)?)\s+(?:already\s+)?on\s+file\b|"
    r"\b(?:use|go\s+with|based?\s+(?:it\s+)?on)\s+(?:the\s+|his\s+|her\s+|their\s+|our\s+)?(?:pair'?s?\s+)?"
    r"(?:profile|goals\s+on\s+file)\b|"
    r"\b(?:(?:usa|usate|vai\s+con|parti\s+da|basati\s+su|in\s+base\s+a)\s+)?quello\s+che\s+(?:c'e|ce|c\s+e|abbiamo|hai|e)\s+"
    r"(?:gia\s+)?(?:in|nella|sulla|nel)\s+(?:scheda|profilo)\b|"
    r"\b(?:basati|basat[oa]|in\s+base)\s+(?:sul|al|alla|sulla)\s+(?:profilo|scheda)(?:\s+della\s+coppia)?\b|"
    r"\b(?:(?:usa|vai\s+con|parti\s+da|in\s+base\s+a)\s+)?(?:(?:gli|agli)\s+)?obiettivi\s+(?:che\s+(?:hai|abbiamo|ci\s+sono)\s+)?"
    r"(?:(?:in|nella|della|sulla)\s+scheda|(?:della\s+)?coppia)\b|"
    r"\b(?:(?:usa|vai\s+con|parti\s+da)\s+)?(?:la\s+)?scheda\s+(?:della\s+coppia|che\s+(?:hai|abbiamo))\b"
)


# ---- the goal, without the rest ----------------------------------------------------------------------------

_FILLER = re.compile(
    r"\b(?:"
    # greetings and politeness
    r"hi|hello|hey|hiya|good\s+morning|good\s+afternoon|thanks|thank\s+you|please|pls|plz|cheers|ok|okay|so|"
    r"ciao|salve|buongiorno|buonasera|buon\s+pomeriggio|grazie|per\s+favore|per\s+piacere|perfavore|"
    r"dai|allora|ok|okay|senti|ascolta|"
    # requests
    r"can\s+you|could\s+you|would\s+you|will\s+you|help\s+me|help|i\s+need|we\s+need|i'd\s+like|i\s+would\s+like|"
    r"i\s+want|i'm|i\s+am|let's|lets|get\s+ready\s+for|get\s+ready|prepare|prep|plan|planning|put\s+together|"
    r"draft|make|create|build\s+me|give\s+me|"
    r"mi\s+aiuti|puoi|potresti|aiutami|aiutarmi|a\s+preparare|preparare|prepara|preparami|organizzare|"
    r"organizza|prepari|prepareresti|organizzi|mi\s+serve|ci\s+serve|vorrei|voglio|dammi|fammi|"
    # the session and the people
    r"session|sessione|meeting|incontro|next|prossim[oa]|agenda|the\s+next\s+one|"
    r"we\s+have|we've\s+got|we\s+got|i\s+have|i've\s+got|abbiamo|ho|avremo|avro|"
    r"my\s+manager|the\s+manager|my\s+mentee|my\s+boss|il\s+mio\s+manager|la\s+mia\s+manager|la\s+mia\s+mentee|"
    r"il\s+mio\s+mentee|il\s+mio\s+capo|la\s+mia\s+capa|manager|mentee|"
    r"yet|ancora|really|just|solo|also|anche|too|"
    r"he|she|they|him|her|lui|lei|we|us|i|me|mi|ci|"
    r"keeps|keep|wants\s+to|want\s+to|would\s+like\s+to|needs\s+to|has\s+to|is\s+trying\s+to|"
    r"vorrebbe|vuole|deve|dovrebbe|ha\s+bisogno\s+di|cerca\s+di|continua\s+a|"
    r"about|at|sui|dello|allo|i"
    r")\b"
)
# Little words that join a goal's words ("chat di Teams", "LinkedIn e Instagram", "fogli di calcolo"): kept between
# two words of the goal, dropped at its edges and next to anything taken out.
_CONNECTORS = re.compile(
    r"\b(?:for|per|with|con|on|in|of|the|a|an|to|and|di|del|della|dei|delle|degli|su|sul|sulla|sulle|al|alla|"
    r"un|una|uno|il|lo|la|le|gli|e|ed|da)\b"
)


def _peel(folded: str, drop: list[bool]) -> None:
    """Drop the connectors that do not sit between two kept words (in place)."""
    connectors = [(m.start(), m.end()) for m in _CONNECTORS.finditer(folded) if not any(drop[m.start() : m.end()])]

    def kept_neighbour(index: int, step: int) -> bool:
        while 0 <= index < len(folded) and folded[index].isspace():
            index += step
        return 0 <= index < len(folded) and not drop[index]

    changed = True
    while changed:
        changed = False
        for start, end in connectors:
            if not drop[start] and not (kept_neighbour(start - 1, -1) and kept_neighbour(end, 1)):
                for i in range(start, end):
                    drop[i] = True
                changed = True


def goal_text(message: str, slots: Slots, folded: str) -> str:
    """The message without slots, names and filler: what it says the manager wants or struggles with.

    Matching happens on the folded copy; the words kept come from the original message when folding kept
    every position (it does for Latin text), so "ChatGPT" and "perché" survive as written."""
    drop = [False] * len(folded)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            drop[i] = True

    for span in [*slots.spans, *slots.asides]:
        blank(span.start, span.end)
    for name in slots.names:
        for m in re.finditer(rf"\b{re.escape(fold(name))}(?:'s)?\b", folded):
            blank(m.start(), m.end())
    for pattern in (_FILLER, re.compile(r"[?!.,;:()\"“”«»]+")):
        for m in pattern.finditer(folded):
            blank(m.start(), m.end())
    _peel(folded, drop)
    source = message if len(message) == len(folded) else folded
    text = "".join(" " if gone else char for char, gone in zip(source, drop, strict=True))
    return " ".join(text.split()).strip(" -'")


def without(text: str, patterns: list[re.Pattern[str]]) -> str:
    """`text` without what the patterns match on its folded copy (they are written for folded text)."""
    folded = fold(text)
    drop = [False] * len(folded)
    for pattern in patterns:
        for m in pattern.finditer(folded):
            for i in range(m.start(), m.end()):
                drop[i] = True
    _peel(folded, drop)
    source = text if len(text) == len(folded) else folded
    kept = "".join(" " if gone else char for char, gone in zip(source, drop, strict=True))
    return " ".join(kept.split()).strip(" -'")
