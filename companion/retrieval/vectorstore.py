"""Open the Chroma collection behind LangChain's `Chroma` vector store."""

from __future__ import annotations

from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from companion.config import Settings


def chroma_client(settings: Settings) -> chromadb.ClientAPI:
    """Embedded Chroma on disk by default; a Chroma server when COMPANION_CHROMA_URL is set."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False)  # offline: no phoning home
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1",
            port=url.port or 8000,
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def open_store(client: chromadb.ClientAPI, name: str, embeddings: Embeddings) -> Chroma:
    return Chroma(
        collection_name=name,
        embedding_function=embeddings,
        client=client,
        collection_configuration={"hnsw": {"space": "cosine"}},
    )
