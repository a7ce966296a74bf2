"""The security tests reuse the UI tests' fixtures (the demo programme, the served app)."""

from tests.ui.conftest import app_url, demo  # noqa: F401 - fixtures
