"""Scale-out: the same code against a Chroma server (`chroma run` on 127.0.0.1) via COMPANION_CHROMA_URL."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from companion.config import Settings
from companion.retrieval.search import Filters
from companion.services import Services
from tests.ui.conftest import free_port

pytestmark = pytest.mark.slow


@pytest.fixture
def chroma_url(tmp_path: Path):
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent))
    assert chroma, "the chroma CLI ships with chromadb"
    port = free_port()
    server = subprocess.Popen(
        [chroma, "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("chroma run did not start")
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=20)


def test_ingest_and_search_against_a_chroma_server(chroma_url: str, tiny_library: Path, tmp_path: Path):
    settings = Settings(
        data_dir=tmp_path / "data", knowledge_dir=tiny_library, chroma_url=chroma_url, backend="offline", _env_file=None
    )
    services = Services(settings)
    report = services.ingest()
    assert report.ok
    assert len(report.added) == 3
    assert not (tmp_path / "data" / "chroma").exists()  # nothing went to the embedded store
    hits = services.searcher.search("riconoscere una email di phishing", k=3, filters=Filters(lang="it"))
    assert hits
    assert hits[0].topics[0] == "phishing-and-scams"
    # A second process (here: a second Services) sees the same index and embeds nothing.
    again = Services(settings).ingest()
    assert again.unchanged == 3
    assert again.chunks_written == 0
