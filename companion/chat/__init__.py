"""The chat: understanding (slots, intent cues, exemplar routing; an LLM's tool calls when configured),
the conversation's state, and revisions of the plan just made.

`from companion.chat import ChatState, ChatReply, Conversation, Preview` is the API the UI and the CLI use.
"""

from companion.chat.conversation import ChatReply, ChatState, Conversation, PairJourney, Preview, topics_of
from companion.chat.reading import Reading, Revision
from companion.chat.slots import read_date, read_level, read_minutes, read_session_number
from companion.chat.understand import Context, Understander

__all__ = [
    "ChatReply",
    "ChatState",
    "Context",
    "Conversation",
    "PairJourney",
    "Preview",
    "Reading",
    "Revision",
    "Understander",
    "read_date",
    "read_level",
    "read_minutes",
    "read_session_number",
    "topics_of",
]
