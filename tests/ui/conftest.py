from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from gradio_client import Client

from companion.demo import ACCOUNTS, load_demo
from companion.services import Services
from companion.ui.app import build_app, check_password

PASSWORDS = {account.username: account.password for account in ACCOUNTS}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(services: Services) -> Iterator[str]:
    """The real Gradio app, sign-in included, over real HTTP on 127.0.0.1, served from this process."""
    app = build_app(services)
    app.queue(default_concurrency_limit=4)
    _, url, _ = app.launch(
        server_name="127.0.0.1",
        server_port=free_port(),
        prevent_thread_lock=True,
        quiet=True,
        auth=check_password(services),
    )
    yield url.rstrip("/")
    app.close()


@pytest.fixture(scope="session")
def demo(services: Services) -> Services:
    """The shared engine with the demo programme loaded (accounts, pairs, curricula in every state)."""
    load_demo(services.programme, services.planner)
    return services


@pytest.fixture(scope="session")
def app_url(demo: Services) -> Iterator[str]:
    yield from serve(demo)


def client(url: str, username: str) -> Client:
    return Client(url, auth=(username, PASSWORDS.get(username, "a-long-password")), verbose=False)


@pytest.fixture
def tiny_app_url(tiny_services: Services) -> Iterator[str]:
    """The app over a small library of its own, for tests that change what is indexed."""
    tiny_services.ingest()
    for name, role in (("hr.tiny", "hr"), ("mentor.tiny", "mentor")):
        tiny_services.programme.create_user(None, name, name, role, "a-long-password")
    yield from serve(tiny_services)
