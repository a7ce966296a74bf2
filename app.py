"""Start the web app: `python app.py` (honours GRADIO_SERVER_NAME / GRADIO_SERVER_PORT)."""

from companion.services import Services
from companion.ui.app import launch

if __name__ == "__main__":
    launch(Services())
