"""The web server: a FastAPI app with its own sign-in page and server-side sessions; the Gradio workspaces are
mounted inside it and learn who is signed in through `auth_dependency`.

Why not Gradio's own `auth=`: it runs the password check inside the event loop, keeps tokens in memory with
no expiry, has no throttling, and records the name as typed ("Giulia" then fails every call). Here:

- POST /login checks the password in a worker thread (companion.store.signin: throttling per account and per
  address, constant time for unknown users, audit), then sets an HttpOnly, SameSite=Lax cookie holding a
  random token whose hash is the server-side session (idle and absolute expiry);
- every response carries security headers, pages a CSP whose scripts need a per-response nonce;
- uploads to Gradio's cache are for HR and admins, of the library's types, and remembered per user, so a
  handler deletes only files its caller uploaded, and Gradio's file route serves a cached file only to the user
  who put it there (nothing else under the cache; no remote URLs); the cache is emptied of files older than
  `COMPANION_FILE_CACHE_MAX_AGE_S`;
- exports (a session's .md and .ics, HR's overview CSV) are built when they are downloaded, behind the access
  rules, at /exports/...: they are never written to a folder another user could read;
- /openapi.json and the docs are not served.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import importlib.util
import json
import logging
import os
import re
import secrets
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from companion.app_services import Desks, NotAllowed, UserError
from companion.app_services.mentor import ExportFile
from companion.domain import LANGUAGES, STAFF_ROLES, ExportFormat, Language
from companion.i18n import t
from companion.parsing import SUPPORTED
from companion.services import Services
from companion.store.signin import SignIn
from companion.ui.common import reference
from companion.ui.fresh_sessions import template_sessions

logger = logging.getLogger(__name__)

COOKIE = "companion_session"
UPLOAD_PATH = "/gradio_api/upload"
FILE_ROUTES = ("/gradio_api/file=", "/gradio_api/file/")
PAGES = ("/", "")  # the Gradio page itself; everything else answers 401 without a session


class UploadLedger:
    """Which signed-in user uploaded which file of Gradio's cache (bounded; oldest forgotten first)."""

    def __init__(self, limit: int = 10_000):
        self._owners: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        self._limit = limit

    def record(self, username: str, paths: list[str]) -> None:
        with self._lock:
            for path in paths:
                self._owners[str(Path(path).resolve())] = username
                self._owners.move_to_end(str(Path(path).resolve()))
            while len(self._owners) > self._limit:
                self._owners.popitem(last=False)

    def owner(self, path: Path | str) -> str | None:
        with self._lock:
            return self._owners.get(str(Path(path).resolve()))

    def forget(self, path: Path | str) -> None:
        with self._lock:
            self._owners.pop(str(Path(path).resolve()), None)


def gradio_cache() -> str:
    """Where Gradio keeps uploads and the files handlers return (GRADIO_TEMP_DIR or <tmp>/gradio)."""
    from gradio.utils import get_upload_folder

    return get_upload_folder()


def attachment(file: ExportFile) -> Response:
    """A download: never cached, never rendered in the page's origin."""
    return Response(
        file.text,
        media_type=file.media_type,
        headers={
            # A plain ASCII name for old clients, the real one (RFC 5987) for everyone else.
            "content-disposition": (
                f'attachment; filename="{file.name.encode("ascii", "replace").decode()}"; '
                f"filename*=UTF-8''{quote(file.name)}"
            ),
            "cache-control": "no-store",
        },
    )


def client_address(scope: MutableMapping[str, Any], trusted_proxy: bool) -> str:
    if trusted_proxy:
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-for":
                return value.decode("latin-1").split(",")[0].strip()[:64]
    client = scope.get("client")
    return client[0] if client else "unknown"


def _cookie(scope: dict, name: str) -> str | None:
    for header, value in scope.get("headers", []):
        if header == b"cookie":
            for part in value.decode("latin-1").split(";"):
                key, _, content = part.strip().partition("=")
                if key == name:
                    return content
    return None


def _language(request: Request, default: Language) -> Language:
    asked = request.query_params.get("lang", "")
    if asked in LANGUAGES:
        return asked
    accept = request.headers.get("accept-language", "")
    return "it" if accept.lower().startswith("it") else default


SIGN_IN_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f5f6fa;color:#1f2430;margin:0}
main{max-width:380px;margin:8vh auto;background:#fff;border-radius:12px;padding:32px;
box-shadow:0 2px 14px rgba(0,0,0,.08)}
h1{font-size:1.35rem;margin:0 0 6px}p{color:#555;margin:0 0 20px;line-height:1.4}
label{display:block;font-weight:600;margin:14px 0 6px}
input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #c9ccd6;border-radius:8px;font-size:1rem}
button{margin-top:20px;width:100%;padding:11px;border:0;border-radius:8px;background:#ea580c;color:#fff;
font-size:1rem;font-weight:600;cursor:pointer}
.error{background:#fdecec;color:#9b1c1c;padding:10px;border-radius:8px;margin-bottom:12px}
nav{text-align:right;font-size:.9rem;margin-bottom:10px}nav a{color:#555;margin-left:8px}
"""


def sign_in_page(lang: Language, error: str = "") -> str:
    esc = html.escape
    other = "it" if lang == "en" else "en"
    switch = "Italiano" if lang == "en" else "English"
    message = f'<div class="error" role="alert">{esc(error)}</div>' if error else ""
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(t(lang, "app_title"))}</title><link rel="stylesheet" href="/sign-in.css"></head>
<body><main>
<nav><a href="/login?lang={other}" hreflang="{other}" id="switch-language">{switch}</a></nav>
<h1>{esc(t(lang, "app_title"))}</h1>
<p>{esc(t(lang, "sign_in_purpose"))}</p>
{message}
<form method="post" action="/login?lang={lang}" id="sign-in">
<label for="username">{esc(t(lang, "sign_in_username"))}</label>
<input id="username" name="username" autocomplete="username" required maxlength="80" autofocus>
<label for="password">{esc(t(lang, "sign_in_password"))}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
<button type="submit">{esc(t(lang, "sign_in_button"))}</button>
</form></main></body></html>"""


@functools.cache
def script_hash(tag: str) -> str:
    """The CSP source for one known inline script: Gradio's frontend inserts the app's head script itself, so the
    server cannot give it the response's nonce; its hash allows exactly that text and nothing else."""
    body = tag.removeprefix("<script>").removesuffix("</script>")
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def csp(nonce: str) -> str:
    from companion.ui.app import APP_HEAD

    return (
        "default-src 'self'; "
        # Nonced scripts and the app's one head script; never inline script otherwise. 'unsafe-eval' stays while
        # the pages use gr.HTML (the HR dashboard's charts, the library's document list): Gradio 6.31's HTML
        # component renders every value through its `html_template` with Handlebars' compiler and
        # `Function(...props, "return `...`")` (templates/frontend/assets/HTML-*.js), so without eval those
        # panels stay empty. Dropping it means rendering them with gr.Markdown instead, whose sanitiser removes
        # the inline `style` the bars' widths use (classes per width step would do). What users write never
        # reaches a template unsanitised (rendering.safe_markdown), and our own hooks need no eval.
        f"script-src 'self' 'nonce-{nonce}' {script_hash(APP_HEAD)} 'unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; "  # Gradio's components set inline styles
        "img-src 'self' data: blob:; "  # no external images
        "font-src 'self' data:; "
        "connect-src 'self'; "
        "media-src 'self' blob:; "
        "worker-src 'self' blob:; "
        "frame-src 'none'; "
        "object-src 'none'; "
        "base-uri 'self'; "
        "form-action 'self'; "
        "frame-ancestors 'none'"
    )


SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

SCRIPT_TAG = re.compile(rb"<script(?=[\s>])")


class Guard:
    """Pure ASGI middleware (it must not buffer Gradio's event streams): security headers on every answer,
    a nonce on the scripts of HTML pages, sign-in required for the page, rules for Gradio's upload route."""

    def __init__(
        self,
        app,
        *,
        user_of: Callable[[str | None], str | None],
        remembered: Callable[[str | None], str | None],
        role_of: Callable[[str], str],
        ledger: UploadLedger,
        upload_types: tuple[str, ...],
    ):
        self.app, self.user_of, self.remembered, self.role_of = app, user_of, remembered, role_of
        self.ledger, self.upload_types = ledger, upload_types
        self.cache = Path(gradio_cache()).resolve()

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path, method = scope["path"], scope["method"]
        if method == "GET" and path in PAGES:
            user = await self._user(scope)
            if user is None:
                await RedirectResponse("/login", status_code=303)(scope, receive, send)
                return
        if method == "POST" and path.rstrip("/") == UPLOAD_PATH:
            await self._upload(scope, receive, send)
            return
        if method in ("GET", "HEAD") and path.startswith(FILE_ROUTES) and not await self._may_read(scope, path):
            await JSONResponse({"detail": "Not Found"}, status_code=404)(scope, receive, send)
            return
        await self._with_headers(scope, receive, send)

    async def _user(self, scope) -> str | None:
        token = _cookie(scope, COOKIE)
        return self.remembered(token) or await run_in_threadpool(self.user_of, token)

    async def _with_headers(self, scope, receive, send, on_body: Callable[[bytes], None] | None = None):
        nonce = secrets.token_urlsafe(16)
        state: dict[str, Any] = {"html": False, "start": None, "body": b""}

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in (b"x-frame-options",)]
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                headers += SECURITY_HEADERS
                headers.append((b"content-security-policy", csp(nonce).encode()))
                if content_type.startswith(b"text/html") or on_body is not None:
                    state["html"], state["start"] = True, {**message, "headers": headers}
                    return
                await send({**message, "headers": headers})
                return
            if message["type"] == "http.response.body" and state["html"]:
                state["body"] += message.get("body", b"")
                if message.get("more_body"):
                    return
                body = state["body"]
                if on_body is not None:
                    on_body(body)
                else:
                    body = SCRIPT_TAG.sub(b'<script nonce="' + nonce.encode() + b'"', body)
                start = state["start"]
                start["headers"] = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
                start["headers"].append((b"content-length", str(len(body)).encode()))
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return
            await send(message)

        await self.app(scope, receive, send_wrapper)

    async def _may_read(self, scope, path: str) -> bool:
        """Gradio serves anything in its cache to any signed-in user who knows the name; here a cached file goes
        only to the user the ledger says put it there, and remote URLs (Gradio would fetch them) not at all."""
        prefix = next(p for p in FILE_ROUTES if path.startswith(p))
        target = path[len(prefix) :]
        if "://" in target or target.startswith("//"):
            return False
        user = await self._user(scope)
        if user is None:
            return False
        resolved = Path(os.path.abspath(target)).resolve()
        if not resolved.is_relative_to(self.cache):
            return True  # Gradio's own rules apply (allowed_paths=[]: static files only)
        if self.ledger.owner(resolved) == user:
            return True
        logger.warning("file route refused for %s: %s is not theirs", user, resolved.name)
        return False

    async def _upload(self, scope, receive, send):
        user = await self._user(scope)
        if user is None or await run_in_threadpool(self.role_of, user) not in STAFF_ROLES:
            logger.warning("upload refused for %s: not HR or an admin", user or "an anonymous client")
            await JSONResponse({"detail": "uploads are for HR and admins"}, status_code=403)(scope, receive, send)
            return

        def remember(body: bytes) -> None:
            try:
                paths = [str(p) for p in json.loads(body)]
            except (ValueError, TypeError):
                return
            bad = [p for p in paths if Path(p).suffix.lower() not in self.upload_types]
            for path in bad:
                Path(path).unlink(missing_ok=True)
                logger.warning("upload by %s refused: type of %s", user, Path(path).name)
            self.ledger.record(user, [p for p in paths if p not in bad])

        await self._with_headers(scope, receive, send, on_body=remember)


# Gradio's queue keeps a record of its last 10,000 events for its monitoring dashboard (not used here) and, after
# every event, rebuilds a pandas DataFrame of all of them for a summary: ~10 ms of CPU under the GIL per chat turn
# once full, a cost that grows with the records (soak: throughput halved, latency doubled) and megabytes of
# short-lived objects per second (RSS creep). Keeping one record and never recomputing removes both.
QUEUE_ANALYTICS = {"ANALYTICS_MAX_EVENTS": 1, "ANAYLTICS_CACHE_FREQUENCY": 2**62}  # sic: Gradio's spelling


def quiet_queue_analytics(blocks: gr.Blocks) -> None:
    queue = blocks._queue
    for name, value in QUEUE_ANALYTICS.items():
        if not hasattr(queue, name):  # a Gradio upgrade renamed it: say so (tests/ui/test_queue_analytics.py)
            logger.warning("Gradio's queue has no %s: its analytics are not bounded", name)
            continue
        setattr(queue, name, value)


def spare_matplotlib_lookups() -> None:
    """Gradio wraps every event in two `import matplotlib` (to switch its backend and back). This app has no
    matplotlib, so each of them searched sys.path on disk and failed: ~2.5 % of the server's time under load
    (py-spy, bench/load.py). A None in sys.modules makes that import fail at once, as Python documents."""
    if "matplotlib" not in sys.modules and importlib.util.find_spec("matplotlib") is None:
        sys.modules["matplotlib"] = None  # type: ignore[assignment]


class _EvictingSessions(OrderedDict[str, Any]):
    """Gradio's `StateHolder.session_data` with one addition: a session the holder evicts (it only ever calls
    `popitem(last=False)` to keep `state_session_capacity`) is reported to `on_evict`."""

    def __init__(self, on_evict: Callable[[str], None]):
        super().__init__()
        self.on_evict = on_evict

    def popitem(self, last: bool = True) -> tuple[str, Any]:
        key, value = super().popitem(last=last)
        self.on_evict(key)
        return key, value


def forget_evicted_sessions(blocks: gr.Blocks) -> None:
    """When Gradio's state holder evicts a session (a page load is a session; `state_session_capacity` keeps the
    newest), drop what Gradio 6.31's queue still keeps for it: the session's (by then empty) set in
    `pending_event_ids_session`, never removed after its last event, so one per page load for ever, and its
    message queue in `pending_messages_per_session` (~3.3 KB, up to 2,000 of them). A session with an event
    still queued or running, or messages not delivered yet, is looked at again at the next eviction. Gradio
    calls the holder from the event loop, as the queue does, so nothing else runs while the dictionaries
    change; a call from another thread is left for the next eviction on the loop.
    Must run after `gr.mount_gradio_app` (the holder is created there). tests/ui/test_queue_analytics.py."""
    import asyncio

    holder, queue = blocks.state_holder, blocks._queue
    later: list[str] = []

    def forget(session: str) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            later.append(session)
            return
        busy = []
        for name in [*later, session]:
            messages = queue.pending_messages_per_session.get(name)
            if any(event in queue.event_ids_to_events for event in queue.pending_event_ids_session.get(name, ())) or (
                messages is not None and not messages.empty()
            ):
                busy.append(name)  # an event still queued or running, or messages not delivered: next time
                continue
            queue.pending_event_ids_session.pop(name, None)
            queue.pending_messages_per_session.pop(name, None)
            for streams in (blocks.pending_streams, blocks.pending_diff_streams):
                if not streams.get(name, True):
                    streams.pop(name, None)
        later[:] = busy[-1000:]

    known = isinstance(getattr(holder, "session_data", None), OrderedDict) and hasattr(queue, "event_ids_to_events")
    if not known:
        logger.warning("Gradio's state holder or queue changed: sessions' queue entries are not pruned")
        return
    with holder.lock:
        sessions = _EvictingSessions(forget)
        sessions.update(holder.session_data)
        holder.session_data = sessions


def build_server(services: Services, concurrency: int = 4) -> FastAPI:
    """The whole web app: sign-in routes, the guard, and the Gradio workspaces mounted at /."""
    from companion.ui.app import APP_CSS, APP_HEAD, build_app

    settings = services.settings
    signin = SignIn(services.programme.db, settings.sign_in_policy)
    ledger = UploadLedger()
    blocks = build_app(services, ledger)
    blocks.queue(default_concurrency_limit=concurrency)
    quiet_queue_analytics(blocks)
    spare_matplotlib_lookups()
    # Gradio's cache (uploads) is emptied of files older than the limit, checked at most every 5 minutes.
    age = settings.file_cache_max_age_s
    blocks.delete_cache = (max(1, min(age, 300)), age)
    # Gradio keeps every session's copy of the page config (~0.4 MiB here) until it has 10,000 of them; a page
    # load is a session, so without a lower bound the server grows by that much per reload (bench/load.py --soak).
    blocks.state_session_capacity = settings.session_state_capacity
    desks = Desks.over(services)
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None, title=t(settings.default_language, "app_title"))
    app.state.signin, app.state.ledger, app.state.blocks = signin, ledger, blocks

    def secure(request: Request) -> bool:
        if settings.cookie_secure != "auto":
            return settings.cookie_secure == "always"
        return request.url.scheme == "https"

    @app.exception_handler(Exception)
    async def unexpected_error(request: Request, error: Exception) -> Response:
        """The server's own routes (sign-in, exports): the generic message and a reference found in the log."""
        ref = reference()
        logger.error("unexpected error in %s %s, reference %s", request.method, request.url.path, ref, exc_info=error)
        message = t(_language(request, settings.default_language), "error_generic", ref=ref)
        return JSONResponse({"detail": message}, status_code=500, headers={"cache-control": "no-store"})

    @app.get("/sign-in.css", include_in_schema=False)
    def sign_in_css() -> Response:
        return Response(SIGN_IN_CSS, media_type="text/css", headers={"cache-control": "max-age=3600"})

    @app.get("/login", include_in_schema=False)
    def login_page(request: Request) -> HTMLResponse:
        lang = _language(request, settings.default_language)
        error = (
            t(lang, request.query_params["error"])
            if request.query_params.get("error") in ("sign_in_invalid", "sign_in_expired")
            else ""
        )
        return HTMLResponse(sign_in_page(lang, error), headers={"cache-control": "no-store"})

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        body = (await request.body())[:8192]
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        address = client_address(request.scope, settings.trusted_proxy)
        result = await run_in_threadpool(signin.sign_in, form.get("username", ""), form.get("password", ""), address)
        browser = "text/html" in request.headers.get("accept", "")
        lang = _language(request, settings.default_language)
        if result.actor is None:
            if result.outcome == "locked":
                minutes = max(1, round(result.retry_after_s / 60))
                message = t(lang, "sign_in_locked", minutes=minutes)
            else:
                message = t(lang, "sign_in_invalid")
            headers = {"retry-after": str(result.retry_after_s)} if result.retry_after_s else {}
            if browser:
                return HTMLResponse(
                    sign_in_page(lang, message), status_code=401 if not headers else 429, headers=headers
                )
            return JSONResponse({"detail": message}, status_code=401 if not headers else 429, headers=headers)
        token = await run_in_threadpool(signin.open_session, result.actor, address)
        response: Response = RedirectResponse("/", status_code=303) if browser else JSONResponse({"success": True})
        response.set_cookie(
            COOKIE,
            token,
            httponly=True,
            samesite="lax",
            secure=secure(request),
            path="/",
            max_age=int(settings.sign_in_policy.absolute.total_seconds()),
        )
        return response

    @app.get("/logout", include_in_schema=False)
    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request) -> Response:
        await run_in_threadpool(signin.close_session, request.cookies.get(COOKIE))
        response = RedirectResponse(
            f"/login?lang={quote(_language(request, settings.default_language))}", status_code=303
        )
        response.delete_cookie(COOKIE, path="/")
        return response

    async def user_of_request(request: Request) -> str | None:
        token = request.cookies.get(COOKIE)
        # A session checked in the last seconds is answered on the event loop (no worker thread, no database):
        # Gradio asks on both requests of every chat turn.
        return signin.remembered(token) or await run_in_threadpool(signin.user_of, token)

    async def export(request: Request, build: Callable[[str], ExportFile]) -> Response:
        user = await user_of_request(request)
        if user is None:
            return JSONResponse({"detail": "sign in first"}, status_code=401)
        try:
            file = await run_in_threadpool(build, user)
        except NotAllowed:
            logger.warning("export refused for %s: %s", user, request.url.path)
            return JSONResponse({"detail": "Forbidden"}, status_code=403)
        except UserError:
            return JSONResponse({"detail": "Not Found"}, status_code=404)
        return attachment(file)

    @app.get("/exports/pairs/{pair_id}/sessions/{number}.{fmt}", include_in_schema=False)
    async def session_export(request: Request, pair_id: int, number: int, fmt: ExportFormat) -> Response:
        return await export(request, lambda user: desks.mentor.session_file(user, pair_id, number, fmt))

    @app.get("/exports/programme-overview.csv", include_in_schema=False)
    async def overview_export(request: Request) -> Response:
        def build(user: str) -> ExportFile:
            name = t(desks.people.me(user).language, "file_overview")  # the user's language, as the page shows it
            return ExportFile(name=f"{name}.csv", media_type="text/csv", text=desks.hr.overview_csv(user))

        return await export(request, build)

    roles: dict[str, tuple[float, str]] = {}

    def role_of(username: str) -> str:
        cached = roles.get(username)
        if cached and time.monotonic() - cached[0] < 30:
            return cached[1]
        role = services.programme.actor(username).role
        roles[username] = (time.monotonic(), role)
        return role

    gr.mount_gradio_app(
        app,
        blocks,
        path="/",
        css=APP_CSS,  # a mounted app does not take the Blocks' own css
        head=APP_HEAD,
        app_kwargs={"openapi_url": None, "docs_url": None, "redoc_url": None},
        auth_dependency=user_of_request,
        show_error=False,
        max_file_size=f"{settings.upload_max_mb}mb",
        allowed_paths=[],
    )
    forget_evicted_sessions(blocks)
    template_sessions(blocks)
    app.add_middleware(
        Guard,
        user_of=signin.user_of,
        remembered=signin.remembered,
        role_of=role_of,
        ledger=ledger,
        upload_types=SUPPORTED,
    )
    return app
