"""One conversation per process for the UI and the CLI: the offline understander, or an LLM reader over it
when an OpenAI-compatible endpoint is configured (the offline reading stays its fallback)."""

from __future__ import annotations

from typing import Any

from companion.chat.conversation import Conversation, Reader


def conversation_for(services: Any) -> Conversation:
    """`services` is a companion.services.Services (typed loosely: that module is not under strict mypy)."""
    reader: Reader = services.understander
    if services.settings.active_backend == "llm":
        from companion.chat.llm_reader import LLMReader

        reader = LLMReader(services.settings, fallback=services.understander)
    return Conversation(services.planner, services.settings, reader)
