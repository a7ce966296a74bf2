"""A synthetic corpus of N chunks for the scale benchmark, built once and cached under bench/results/.

Texts are shuffled sentences of real library sections; vectors are the real sections' vectors plus
noise, normalised. Embedding 100,000 texts for real would take hours on two cores, and neither Chroma
nor BM25 cares where the numbers came from: what is measured is search over that many chunks.
"""

from __future__ import annotations

import random
from pathlib import Path

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings

from companion.retrieval.lexical import LexicalIndex, Row, state_fingerprint

BATCH = 5000


def build(
    source: chromadb.Collection, directory: Path, size: int, seed: int = 7
) -> tuple[chromadb.Collection, LexicalIndex]:
    client = chromadb.PersistentClient(
        path=str(directory / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.get_or_create_collection("synthetic", configuration={"hnsw": {"space": "cosine"}})
    lexical = LexicalIndex(directory / "bm25")
    real = source.get(include=["documents", "metadatas", "embeddings"])
    rng = random.Random(seed)
    noise = np.random.default_rng(seed)
    vectors = np.asarray(real["embeddings"], dtype=np.float32)
    sentences = [s for doc in real["documents"] for s in doc.replace("\n", " ").split(". ") if len(s) > 20]

    rows = []
    for n in range(size):
        pick = rng.randrange(len(real["ids"]))
        meta = {**real["metadatas"][pick], "source": f"synthetic/{n}.md", "fingerprint": "synthetic"}
        rows.append(Row(f"synthetic-{n}", ". ".join(rng.sample(sentences, 4)), meta))
    fingerprint = state_fingerprint((row.id, "synthetic") for row in rows)
    if collection.count() != size:
        client.delete_collection("synthetic")
        collection = client.create_collection("synthetic", configuration={"hnsw": {"space": "cosine"}})
        for start in range(0, size, BATCH):
            batch = rows[start : start + BATCH]
            base = vectors[[int(rng.randrange(len(vectors))) for _ in batch]]
            noisy = base + noise.normal(0, 0.02, base.shape).astype(np.float32)
            noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
            collection.add(
                ids=[r.id for r in batch],
                embeddings=noisy,
                documents=[r.text for r in batch],
                metadatas=[r.meta for r in batch],
            )
    if not lexical.load(fingerprint):
        lexical.rebuild(rows, fingerprint)
    return collection, lexical
