"""Turn retrieved material into plans: the offline composer (and, configured, an LLM)."""
