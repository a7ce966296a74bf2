from __future__ import annotations

import copy
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from gradio_client import Client

from companion.demo import ACCOUNTS, load_demo
from companion.services import Services
from companion.ui.server import build_server

PASSWORDS = {account.username: account.password for account in ACCOUNTS}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(services: Services, app: FastAPI | None = None) -> Iterator[str]:
    """The real web app (sign-in page, guard, Gradio workspaces) over real HTTP on 127.0.0.1, served by uvicorn
    in a thread of this process (`app`: one the test built with `build_server`, to look inside)."""
    port = free_port()
    app = app if app is not None else build_server(services)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not server.started:
        assert time.monotonic() < deadline, "the web app did not start"
        time.sleep(0.05)
    httpx.get(f"{url}/login", timeout=10).raise_for_status()
    yield url
    server.should_exit = server.force_exit = True  # open client connections must not hold the teardown
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def demo(services: Services, tmp_path_factory: pytest.TempPathFactory) -> Services:
    """The shared engine (index, models) with a demo programme of this test file's own, in a fresh database
    (accounts, pairs, curricula in every state): what one file changes (an approval, a saved plan, a chat) never
    reaches another, whatever order or worker they run in."""
    database = tmp_path_factory.mktemp("demo-db") / "companion.db"
    engine = copy.copy(services)  # the loaded models and indexes are shared, read-only
    engine.settings = services.settings.model_copy(update={"database_url": f"sqlite:///{database}"})
    engine.__dict__.pop("programme", None)
    load_demo(engine.programme, engine.planner)
    return engine


@pytest.fixture(scope="module")
def app_url(demo: Services) -> Iterator[str]:
    yield from serve(demo)


def llm_services(demo: Services, base_url: str, **settings: object) -> Services:
    """The demo's engine and accounts with generation through the OpenAI-compatible server at `base_url`."""
    from companion.config import Settings

    values = {**demo.settings.model_dump(), "openai_base_url": base_url, "openai_api_key": "test", "backend": "llm"}
    services = Services(Settings(**{**values, "llm_max_retries": 0, **settings, "_env_file": None}))
    services.__dict__["programme"] = demo.programme  # the same accounts
    return services


def client(url: str, username: str) -> Client:
    return Client(url, auth=(username, PASSWORDS.get(username, "a-long-password")), verbose=False)


@pytest.fixture
def tiny_app_url(tiny_indexed: Services) -> Iterator[str]:
    """The app over a small library of its own, for tests that change what is indexed."""
    for name, role in (("hr.tiny", "hr"), ("mentor.tiny", "mentor")):
        tiny_indexed.programme.create_user(None, name, name, role, "a-long-password")
    yield from serve(tiny_indexed)
