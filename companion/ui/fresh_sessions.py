"""New Gradio sessions from a template instead of from scratch.

Every page load (and every API client) is a new Gradio session. Gradio 6's `SessionState.__init__` builds the
config of every block of the app for it at once: `Component.get_config` for each of the ~250 blocks, with an
`inspect.signature` each time, about 25 ms of CPU under the GIL. Under load that was the biggest single cost of a
first chat turn (bench/load.py, profiled with py-spy: a quarter of the server's busy time at 50 users).

These configs are the same for every new session (a session's own values are written over its copy), so they are
built once per app, and a session copies an entry only when Gradio reads or changes it (for a chat, never: only
deep links read them all). tests/ui/test_fresh_sessions.py checks that a templated session holds exactly what
Gradio's own would.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from copy import deepcopy
from types import SimpleNamespace
from typing import Any, cast

import gradio as gr
from gradio.state_holder import SessionState, StateHolder

logger = logging.getLogger(__name__)


class TemplatedConfigs(dict[int, dict]):
    """`SessionState.config_values`, filled on demand: a block's config is copied from the template when Gradio
    first reads it (it then changes the copy in place), and every entry when it iterates over them all."""

    def __init__(self, template: dict[int, dict]):
        super().__init__()
        self.template = template

    def __missing__(self, key: int) -> dict:
        value = deepcopy(self.template[key])  # KeyError for a block the template lacks, as before
        self[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key) or key in self.template

    def get(self, key: int, default: Any = None) -> Any:
        return self[key] if key in self else default  # noqa: SIM401 - dict.get would skip __missing__

    def materialise(self) -> None:
        for key in self.template:
            if not super().__contains__(key):
                self.__missing__(key)

    def items(self):
        self.materialise()
        return super().items()

    def values(self):
        self.materialise()
        return super().values()

    def keys(self):
        self.materialise()
        return super().keys()

    def __iter__(self) -> Iterator[int]:
        self.materialise()
        return super().__iter__()

    def __len__(self) -> int:
        self.materialise()
        return super().__len__()


class TemplatedStateHolder(StateHolder):
    """Gradio's holder, creating sessions over one template of the blocks' configs."""

    template: dict[int, dict]

    def __getitem__(self, session_id: str) -> SessionState:
        if session_id not in self.session_data:
            self.session_data[session_id] = self.fresh_session()
        return super().__getitem__(session_id)

    def fresh_session(self) -> SessionState:
        # Gradio's own __init__ (its attributes, whatever a release adds) over no blocks: it then builds no config.
        session = SessionState(SimpleNamespace(default_config=self.blocks.default_config, blocks={}))  # type: ignore[arg-type]
        session.config_values = TemplatedConfigs(self.template)
        return session


def template_sessions(blocks: gr.Blocks) -> None:
    """Makes `blocks`' state holder create sessions from a template. Must run after `gr.mount_gradio_app` (the
    holder is created there) and after `forget_evicted_sessions` (both keep the same holder object)."""
    holder = blocks.state_holder
    if type(holder) is not StateHolder or not hasattr(holder, "session_data"):
        logger.warning("Gradio's state holder changed: sessions are built from scratch")
        return
    holder.__class__ = TemplatedStateHolder
    cast(TemplatedStateHolder, holder).template = SessionState(blocks).config_values
