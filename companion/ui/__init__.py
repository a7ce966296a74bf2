"""The Gradio layer: it calls the engine's use cases and never Chroma or an LLM directly."""
