"""Load, validate and chunk the knowledge base."""

from companion.knowledge.cards import Card, parse_card
from companion.knowledge.catalogue import Catalogue, Topic, load_catalogue
from companion.knowledge.chunking import chunk_card
from companion.knowledge.errors import KnowledgeError
from companion.knowledge.library import Library, load_library

__all__ = [
    "Card",
    "Catalogue",
    "KnowledgeError",
    "Library",
    "Topic",
    "chunk_card",
    "load_catalogue",
    "load_library",
    "parse_card",
]
