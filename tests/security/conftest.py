"""The security tests reuse the UI tests' fixtures (the demo programme, the served app)."""

from tests.ui.conftest import demo  # noqa: F401 - a fixture
