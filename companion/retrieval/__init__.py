"""Embeddings, the vector store and search."""
