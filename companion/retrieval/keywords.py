"""The words people type for a topic (tools, brands, everyday phrases), in English and Italian.

Cards carry their own `keywords` in front matter (CardMeta.keywords); this table is the fallback for cards
that do not have them yet, keyed by topic slug. `KeywordMatcher` merges both and scores a text against every
topic: a whole-word match of a keyword counts, longer phrases count more. The planner adds these scores to
its retrieval votes, so "Teams" or "capire ChatGPT" reach the right skill even when the sections never use
the brand name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from companion.textnorm import fold

# A review halfway through the programme ("we're at the midpoint, let's take stock", "siamo a metà percorso, facciamo
# il punto: cosa ha funzionato"): looking back, and measuring what changed
MID_PROGRAMME = (
    "midpoint", "mid-point", "mid point", "halfway point", "halfway through", "half way through", "halfway mark",
    "mid-programme", "mid programme", "mid-program", "mid program", "midway", "mid-term review", "take stock",
    "taking stock", "what's worked", "what has worked", "what's working", "whats worked", "retrospective",
    "meta percorso", "meta del percorso", "meta programma", "meta del programma", "giro di boa", "fare il punto",
    "facciamo il punto", "punto della situazione", "tirare le somme", "tiriamo le somme", "cosa ha funzionato",
    "cosa sta funzionando", "bilancio intermedio", "retrospettiva", "siamo a meta", "ha funzionato",
)  # fmt: skip

TOPIC_ALIASES: dict[str, list[str]] = {
    "generative-ai-basics": [
        "chatgpt", "chat gpt", "chat-gpt", "gpt", "copilot", "microsoft copilot", "gemini", "claude", "mistral",
        "generative ai", "genai", "gen ai", "ai tools", "ai assistant", "chatbot", "chatbots", "large language model",
        "llm", "ia generativa", "intelligenza artificiale", "artificial intelligence", "strumenti di ia",
        "assistente ai", "assistente ia", "ai", "ia", "openai", "what ai can do", "use ai",
    ],
    "prompt-writing": [
        "prompt", "prompts", "prompting", "prompt engineering", "write prompts", "scrivere prompt", "istruzioni all'ia",
        "ask chatgpt better", "better answers from chatgpt", "domande a chatgpt", "fare domande all'ia",
    ],
    "ai-risks-and-policy": [
        "ai policy", "ai risks", "hallucination", "hallucinations", "allucinazioni", "rischi dell'ia", "ai act",
        "policy sull'ia", "confidential data in chatgpt", "dati riservati", "deepfake", "deepfakes", "bias", "risks",
        "rischi", "risk", "rischio",
    ],
    "linkedin-personal-brand": [
        "linkedin", "linked in", "linkedln", "personal brand", "personal branding", "profilo linkedin", "networking",
        "post on linkedin", "thought leadership", "headline", "recruiter", "recruiters",
        # building a presence from nothing is a profile and a voice first, then the channels
        "online presence", "web presence", "presenza online", "presenza sul web", "visibilita online",
    ],
    "social-media-platforms": [
        "instagram", "tiktok", "tik tok", "facebook", "twitter", "threads", "youtube", "social media", "social network",
        "social", "reels", "stories", "snapchat", "bluesky", "mastodon",
        "online presence", "web presence", "presenza online", "presenza sul web", "visibilita online",
    ],
    "social-listening-and-reputation": [
        "social listening", "online reputation", "reputazione online", "brand mentions", "menzioni", "reviews online",
        "recensioni", "what people say about us", "google alerts", "sentiment",
    ],
    "online-search-and-research": [
        "google search", "search engine", "motore di ricerca", "googling", "search operators", "ricerca online",
        "cercare su google", "cercare informazioni", "find information", "research online", "bing", "perplexity",
    ],
    "misinformation-and-fact-checking": [
        "fake news", "misinformation", "disinformation", "disinformazione", "bufale", "bufala", "fact-checking",
        "fact checking", "verificare le notizie", "verify news", "hoax", "hoaxes", "fonti affidabili",
    ],
    "data-literacy-spreadsheets": [
        "excel", "spreadsheet", "spreadsheets", "pivot", "pivot table", "pivot tables", "tabelle pivot",
        "tabella pivot", "fogli di calcolo", "foglio di calcolo", "foglio excel", "google sheets", "sheets",
        "formulas", "formule", "vlookup", "cerca.vert", "xlookup", "csv", "numbers", "data literacy", "dati", "data",
    ],
    "data-visualization": [
        "chart", "charts", "graph", "graphs", "grafico", "grafici", "dashboard", "dashboards", "power bi", "powerbi",
        "tableau", "looker", "data visualisation", "data visualization", "visualizzare i dati", "infographic",
        "slides with data",
    ],
    "cloud-files-and-sharing": [
        "onedrive", "one drive", "sharepoint", "share point", "google drive", "drive", "dropbox", "cloud", "nel cloud",
        "share files", "sharing files", "condividere file", "file condivisi", "shared folder", "cartella condivisa",
        "version history", "attachments", "allegati", "box",
    ],
    "collaboration-tools": [
        "slack", "teams chat", "teams channels", "channels", "canali", "trello", "asana", "notion", "miro", "planner",
        "jira", "monday.com", "chat di teams", "chat teams", "canali di teams",
        "shared document", "co-editing", "collaborare online", "strumenti di collaborazione",
        "collaboration tools", "wiki", "kanban",
        # shared whiteboards ("lavagne condivise tipo Miro", "an online whiteboard for the workshop")
        "whiteboard", "whiteboards", "online whiteboard", "shared whiteboard", "digital whiteboard",
        "virtual whiteboard",
        "lavagna condivisa", "lavagne condivise", "lavagna virtuale", "lavagne virtuali", "lavagna digitale",
        "lavagne digitali", "lavagna online", "lavagne online", "mural", "figjam", "jamboard",
    ],
    "video-meetings-and-hybrid-work": [
        "teams", "microsoft teams", "zoom", "webex", "google meet", "meet", "video call", "video calls", "videocall",
        "videochiamata", "videochiamate", "videoconferenza", "video meeting", "video meetings", "videoriunione",
        "videoriunioni", "share her screen", "share his screen", "share my screen", "share the screen",
        "share screen", "screen sharing", "screen share", "sharing her screen", "sharing his screen",
        "condividere lo schermo", "condivisione schermo", "condivisione dello schermo", "hybrid meeting",
        "hybrid meetings", "riunioni ibride", "riunione ibrida", "lavoro ibrido", "hybrid work", "remote meetings",
        "riunioni online", "online meetings", "mute", "microfono", "webcam", "camera", "breakout rooms",
        "smart working", "remote work",
    ],
    "netiquette-and-digital-communication": [
        "netiquette", "email etiquette", "emoji", "emojis", "tone in chat", "tono", "reply all", "rispondi a tutti",
        "whatsapp", "messaggi", "messages", "chat messages", "digital communication", "comunicazione digitale",
        "emails", "email", "mail", "inbox", "posta", "outlook",
    ],
    "phishing-and-scams": [
        "fake invoice", "fake invoices", "fatture false", "fatture finte", "fattura finta",
        "phishing", "scam", "scams", "truffa", "truffe", "suspicious email", "suspicious emails", "email sospette",
        "email sospetta", "fake email", "smishing", "vishing", "fraud", "frode", "ceo fraud", "link sospetti",
        "suspicious link", "spam", "sms", "text messages", "fake texts", "security", "cyber security", "cybersecurity",
        "sicurezza", "sicurezza informatica", "cybersicurezza", "online security", "sicurezza online",
        # the short forms people type and safety at home ("roadmap on cybersec", "his digital life secure at home")
        "cybersec", "infosec", "cyber", "cyber hygiene", "online safety", "digital safety", "safe online",
        "staying safe online", "getting hacked", "hacked", "secure at home", "sicurezza digitale",
    ],
    "passwords-and-mfa": [
        "password", "passwords", "password manager", "mfa", "2fa", "two-factor", "two factor", "due fattori",
        "autenticazione a due fattori", "authenticator", "passkey", "passkeys", "login", "account hacked",
        "account violato", "credenziali", "security", "cyber security", "cybersecurity", "sicurezza",
        "sicurezza informatica", "cybersicurezza", "online security", "sicurezza online",
        "cybersec", "infosec", "cyber", "cyber hygiene", "online safety", "digital safety", "safe online",
        "staying safe online", "getting hacked", "hacked", "secure at home", "sicurezza digitale",
    ],
    "privacy-and-gdpr": [
        "privacy", "gdpr", "personal data", "dati personali", "cookies", "cookie", "tracking", "consent", "consenso",
        "data protection", "protezione dei dati",
    ],
    "digital-wellbeing": [
        "notifications", "notifiche", "too many emails", "troppe email", "screen time", "tempo davanti allo schermo",
        "disconnect", "disconnettersi", "burnout", "stress", "always on", "sempre connesso", "focus", "distractions",
        "distrazioni", "digital detox", "wellbeing", "benessere",
        # never switching off ("answers mail at night and never switches off", "non stacca mai")
        "at night", "di notte", "after hours", "fuori orario", "switch off", "switches off", "non stacca",
        "staccare", "work-life balance", "always online", "sempre online", "drowning in emails",
    ],
    "sustainable-digital-practices": [
        "sustainability", "sostenibilita", "carbon footprint", "impronta", "e-waste", "rifiuti elettronici",
        "green it", "energy", "energia", "sustainable",
        # what the digital costs the planet ("the CO2 of emails", "quanto inquina il digitale", "ESG", "green IT")
        "co2", "carbon", "emissions", "emissioni", "inquina", "inquinano", "inquinamento digitale", "inquinamento",
        "esg", "environmental impact", "impatto ambientale", "quanto consuma", "consumo energetico", "consumi",
        "footprint", "green", "climate", "clima", "sostenibile", "ecological", "ecologico", "carbon cost",
        "environmental cost", "costo ambientale", "energy use", "energy consumption",
    ],
    "content-creation-video-and-visuals": [
        "canva", "video editing", "montare video", "montaggio", "capcut", "create a video", "creare video",
        "visual content", "contenuti visivi", "thumbnail", "presentation design", "powerpoint", "slide", "slides",
        "podcast", "images", "immagini", "photos", "foto",
    ],
    "copyright-and-licences": [
        "copyright", "diritto d'autore", "licence", "license", "licenze", "creative commons", "stock photos",
        "immagini libere", "royalty free", "plagiarism", "plagio",
    ],
    "automation-and-no-code": [
        "automation", "automate", "automatizzare", "automazione", "zapier", "make.com", "power automate", "ifttt",
        "no-code", "no code", "low-code", "low code", "workflow", "workflows", "macro", "macros", "repetitive tasks",
        "attivita ripetitive",
    ],
    "programming-basics": [
        "python", "coding", "code", "programming", "programmare", "programmazione", "javascript", "sql", "html",
        "script", "scripts", "developers", "sviluppatori", "github",
    ],
    "troubleshooting-devices-and-apps": [
        "printer", "stampante", "wifi", "wi-fi", "doesn't work", "non funziona", "crash", "crashes", "freezes",
        "bloccato", "troubleshooting", "update", "aggiornamento", "laptop", "computer slow", "pc lento", "bluetooth",
        "vpn", "error message", "messaggio di errore", "restart", "riavviare",
    ],
    "choosing-digital-tools": [
        "choose a tool", "choosing tools", "which app", "quale app", "scegliere uno strumento", "which software",
        "quale software", "compare tools", "confrontare strumenti", "new tool", "nuovo strumento", "buy software",
    ],
    "self-assessing-digital-skills": [
        "self-assessment", "self assessment", "autovalutazione", "digcomp", "skills gap", "where to start",
        "da dove partire", "what i don't know", "assess my skills", "valutare le competenze",
    ],
    "mobile-productivity": [
        "smartphone", "phone", "telefono", "cellulare", "iphone", "android", "ipad", "tablet", "mobile apps",
        "app sul telefono", "on the go", "in mobilita", "calendar on phone", "scanner app", "take notes",
        "taking notes", "note-taking", "prendere appunti", "appunti", "onenote", "stylus",
    ],
    "e-commerce-and-digital-customer-journey": [
        "e-commerce", "ecommerce", "online shop", "negozio online", "shopify", "amazon", "customer journey",
        "online customers", "clienti online", "conversion", "conversione", "checkout", "marketplace",
    ],
    "gen-z-workplace-expectations": [
        "gen z", "generation z", "genz", "generazione z", "young colleagues", "giovani colleghi", "younger employees",
        "giovani", "millennials", "young people", "ragazzi", "new hires", "neoassunti",
    ],
    "ground-rules-confidentiality": [
        "ground rules", "regole di base", "confidentiality", "riservatezza", "rules of the game", "regole",
    ],
    # the roles turned: the manager shares what they know about leading ("this time he mentors me on handling
    # conflict", "che fosse il manager a raccontarmi la sua esperienza di leadership")
    "reflection-practice": list(MID_PROGRAMME),
    "measuring-impact": list(MID_PROGRAMME),
    "leadership-shared-back": [
        # the goal keeps the verb without its pronouns ("she mentors me on feedback" -> "mentors feedback")
        "mentors", "coaches", "mentors me", "coaches me", "leadership experience", "esperienza di leadership",
        "esperienza da leader", "fa da mentore", "insegnarmi", "raccontarmi", "mi raccontasse", "mi insegnasse",
        # the roles turned ("I want to learn from his 30 years", "è il suo turno")
        "learn from his", "learn from her experience", "his turn", "her turn", "reverse the roles", "roles reversed",
        "swap roles", "il suo turno", "invertiamo i ruoli", "ruoli invertiti", "imparare da lui", "imparare da lei",
    ],
    "closing-the-relationship": ["closing", "chiusura", "goodbye", "saluti", "end of the programme"],
}  # fmt: skip


# Words that name a topic only loosely: they count half.
WEAK_TERMS = frozenset(
    [
        "email",
        "emails",
        "mail",
        "posta",
        "inbox",
        "outlook",
        "dati",
        "social",
        "ai",
        "ia",
        "cloud",
        "drive",
        "meet",
        "code",
        "update",
        "phone",
        "slides",
        "slide",
        "energy",
        "focus",
        "stress",
        "closing",
        "regole",
        "camera",
        "numbers",
        "sheets",
        "planner",
        "box",
        "channels",
        "canali",
        "messages",
        "messaggi",
        "foto",
        "photos",
        "images",
        "immagini",
        "login",
        "script",
        "giovani",
        "ragazzi",
        "bias",
        "consent",
        "consenso",
        "tracking",
        "sustainable",
        "recensioni",
        "menzioni",
        "tono",
        "spam",
        "sms",
        "data",
        "risks",
        "rischi",
        "risk",
        "rischio",
        "appunti",
        "headline",
        "networking",
        "stories",
        "threads",
        "sentiment",
        "wiki",
        "workflow",
        "workflows",
        "macro",
        "macros",
        "telefono",
        "cellulare",
        "chiusura",
        "saluti",
        "goodbye",
        "gpt",
        "benessere",
        "wellbeing",
        "laptop",
        "restart",
        "riavviare",
        "aggiornamento",
        "crash",
    ]
)


# Tool and brand names people misspell ("ciatgpt", "chat gtp", "copilota", "linkedn"): a word (or two words
# written apart) one edit from one of these, two for names of nine letters or more, reads as the name. Short or
# everyday-looking names ("Teams", "Slack", "Notion", "Claude", "Excel") are left out: they have real neighbours.
TOOL_NAMES = frozenset(
    [
        "chatgpt", "copilot", "gemini", "openai", "perplexity", "linkedin", "instagram", "facebook", "tiktok",
        "youtube", "whatsapp", "onedrive", "sharepoint", "dropbox", "powerpoint", "zapier", "tableau", "powerbi",
        "outlook",
        # not products, but the topic nouns people misspell most ("passwrds", "passwrod", "phising")
        "password", "passwords", "phishing",
    ]
)  # fmt: skip
_TOKEN = re.compile(r"[a-z0-9]+")


def _near(word: str, name: str) -> bool:
    """`word` is one edit from `name` (two for long names), starting with the same letter; a swap of two
    neighbouring letters is one edit."""
    limit = 2 if len(name) >= 9 else 1
    if word[:1] != name[:1] or abs(len(word) - len(name)) > limit or word == name:
        return False
    previous2: list[int] = []
    previous = list(range(len(name) + 1))
    for i in range(1, len(word) + 1):
        current = [i] + [0] * len(name)
        for j in range(1, len(name) + 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word[i - 1] != name[j - 1]))
            if i > 1 and j > 1 and word[i - 1] == name[j - 2] and word[i - 2] == name[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1] <= limit


def brand_names(terms: Iterable[str]) -> frozenset[str]:
    """The cards' keywords that are written like a product's name, folded: one word styled the way brands are
    ("OneDrive", "CapCut", "iPhone", "1Password", "XLOOKUP"), or a capitalised word of eight letters or more
    ("Bitwarden", "Trustpilot"). Shorter capitalised words ("Planner", "Shorts") have everyday neighbours
    ("planned", "short"), so they are not corrected towards."""
    found = set()
    for term in terms:
        word = term.replace("-", "")
        if not word.isalnum() or len(word) < 5:
            continue
        styled = any(c.isupper() for c in word[1:]) or (any(c.isdigit() for c in word) and not word.isdigit())
        if styled or (word[0].isupper() and len(word) >= 8):
            found.add(fold(word))
    return frozenset(found)


def tool_names_fixed(folded: str, known: frozenset[str] = frozenset(), names: frozenset[str] = TOOL_NAMES) -> str:
    """`folded` with misspelt tool names written as the name ("chat gtp" -> "chatgpt"); known words stay."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(folded)]
    out, last, i = [], 0, 0
    while i < len(tokens):
        start, end, word = tokens[i]
        found = None
        # the word alone first: "bitwardn on" is "bitwarden on", not "bitwarden" swallowing the "on"
        if len(word) >= 5 and word not in known and word not in names:
            name = next((n for n in sorted(names) if _near(word, n)), None)
            if name:
                found = (end, name)
        if found is None and i + 1 < len(tokens) and folded[end : tokens[i + 1][0]].strip(" -") == "":
            joined = word + tokens[i + 1][2]
            if joined in names or (joined in known and any(_near(joined, n) for n in names)):
                found = (tokens[i + 1][1], joined)
            elif name := next((n for n in sorted(names) if _near(joined, n)), None):
                found = (tokens[i + 1][1], name)
        if found:
            out.append(folded[last:start] + found[1])
            last = found[0]
            i += 2 if found[0] != end else 1
        else:
            i += 1
    return "".join(out) + folded[last:]


def _word_pattern(word: str) -> str:
    """Within a phrase of several words, a long word also matches its inflections ("annegare" / "annega" /
    "annegando", "sommerso" / "sommersa"): the same stem with an ending of up to four letters."""
    if len(word) < 6 or not word.isalpha():
        return re.escape(word)
    return re.escape(word[: max(5, len(word) - 3)]) + r"[a-z]{0,4}"


def _pattern(term: str) -> re.Pattern[str]:
    folded = fold(term)
    words = folded.split()
    body = r"\s+".join(_word_pattern(w) for w in words) if len(words) > 1 else re.escape(folded)
    # a hyphen may be written as a space or left out ("AI-generated" / "ai generated", "wi-fi" / "wifi")
    body = body.replace(r"\-", r"[-\s]?")
    return re.compile(rf"(?<![\w-]){body}(?![\w-])")


# An AI assistant inside the office apps ("copilot in excel and word", "copilot dentro word e outlook", "the
# assistant built into teams and outlook", "which AI helper in office"): the assistant is the topic, the apps
# only say where it runs, so their own topics (spreadsheets, email) are not counted
_APP = (
    r"(?:word|excel|outlook|teams|powerpoint|power\s*point|office|m365|microsoft\s+365|gmail|docs|sheets|workspace|"
    r"onenote)"
)
_ASSISTANT_IN_APPS = re.compile(
    r"\b(?:copilot|gemini|(?:the\s+|an?\s+|l'\s*)?(?:ai\s+)?(?:assistant|helper)|assistente(?:\s+(?:ia|ai))?|"
    r"(?:ai|ia)\s+(?:helper|assistant))\s+(?:\w+\s+){0,2}?"
    r"(?:in|inside|into|within|dentro|nel|nella|negli|nei|su|di|integrat\w*\s+(?:in|nel\w*)|built\s+into)\s+"
    rf"(?:(?:the\s+|their\s+|his\s+|her\s+)?{_APP})(?:\s*(?:,|and|e|&|/|\+|or|o)\s*{_APP})*\b"
)
ASSISTANT_IN_APPS_SLUG = "ai-assistants-at-work"
# A misconception ("someone who thinks chatgpt is a search engine", "crede che chatgpt sia google"): what the
# thing is mistaken for is not the topic
_MISTAKEN_FOR = re.compile(
    r"\b(?:thinks?|thought|believes?|assumes?|treats?|crede|pensa|credono|pensano|convint[oa])\s+(?:that\s+|che\s+)?"
    r"(?:\w+\s+){1,3}?(?:is|are|sia|siano|e'?|works\s+like|like|funzioni\s+come|fosse)\s+(?:just\s+|solo\s+)?"
    # the mistaken thing is a few words ("a search engine", "google"); what follows an "and" is the request again
    r"(?:an?\s+|un\s+|una\s+|uno\s+|il\s+|la\s+)?"
    r"(?P<mistaken>[\w'-]+(?:\s+(?!(?:and|but|so|e|ma|quindi|who|che)\b)[\w'-]+){0,2})"
)


class KeywordMatcher:
    """Whole-word matches of topic keywords in a text; each match scores by its length in words."""

    def __init__(self, extra: Mapping[str, Iterable[str]] | None = None):
        merged: dict[str, set[str]] = {slug: {fold(t) for t in terms} for slug, terms in TOPIC_ALIASES.items()}
        brands: set[str] = set()
        for slug, terms in (extra or {}).items():
            terms = list(terms)
            merged.setdefault(slug, set()).update(fold(t) for t in terms if t.strip())
            brands |= brand_names(terms)
        self.keywords = {slug: sorted(terms, key=len, reverse=True) for slug, terms in merged.items()}
        self._patterns = {slug: [(term, _pattern(term)) for term in terms] for slug, terms in self.keywords.items()}
        self.terms = frozenset(word for terms in merged.values() for term in terms for word in term.split())
        self.known_words = frozenset(term for terms in merged.values() for term in terms)
        # misspelt product names are read as the name: the list in code and the brands the cards name
        self.tool_names = TOOL_NAMES | frozenset(brands)

    def names_fixed(self, text: str) -> str | None:
        """`text` folded with its misspelt product names corrected, or None when it has none."""
        folded = fold(text)
        fixed = tool_names_fixed(folded, self.known_words, self.tool_names)
        return fixed if fixed != folded else None

    def scores(self, text: str) -> dict[str, float]:
        """slug -> score; a word that is part of a longer matched keyword is not counted twice."""
        folded = tool_names_fixed(fold(text), self.known_words, self.tool_names)
        if mistaken := _MISTAKEN_FOR.search(folded):
            start, end = mistaken.span("mistaken")
            folded = folded[:start] + " " * (end - start) + folded[end:]
        found: list[tuple[int, int, str, float]] = [
            (m.start(), m.end(), ASSISTANT_IN_APPS_SLUG, 2.5) for m in _ASSISTANT_IN_APPS.finditer(folded)
        ]
        for slug, patterns in self._patterns.items():
            for term, pattern in patterns:
                for match in pattern.finditer(folded):
                    weight = 0.5 if term in WEAK_TERMS else 1.0 + 0.5 * (len(term.split()) - 1)
                    found.append((match.start(), match.end(), slug, weight))
        found.sort(key=lambda f: f[1] - f[0], reverse=True)  # longest first
        taken: list[tuple[int, int]] = []
        counted: set[tuple[int, int, str]] = set()  # two spellings of one phrase ("share"/"sharing") count once
        scores: dict[str, float] = {}
        for start, end, slug, weight in found:
            if any(start < t_end and t_start < end for t_start, t_end in taken if (t_start, t_end) != (start, end)):
                continue
            if (start, end, slug) in counted:
                continue
            counted.add((start, end, slug))
            taken.append((start, end))
            scores[slug] = scores.get(slug, 0.0) + weight
        return scores
