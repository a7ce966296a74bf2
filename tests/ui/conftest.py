from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from companion.services import Services
from companion.ui.app import build_app


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(services: Services) -> Iterator[str]:
    app = build_app(services)
    app.queue(default_concurrency_limit=4)
    _, url, _ = app.launch(server_name="127.0.0.1", server_port=free_port(), prevent_thread_lock=True, quiet=True)
    yield url.rstrip("/")
    app.close()


@pytest.fixture(scope="session")
def app_url(services: Services) -> Iterator[str]:
    """The real Gradio app over real HTTP on 127.0.0.1, served from this process."""
    yield from serve(services)


@pytest.fixture
def tiny_app_url(tiny_services: Services) -> Iterator[str]:
    """The app over a small library of its own, for tests that change what is indexed."""
    tiny_services.ingest()
    yield from serve(tiny_services)
