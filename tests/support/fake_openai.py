"""A scripted OpenAI-compatible HTTP server for tests (standard library only).

The real clients (``openai.OpenAI``, ``langchain_openai.ChatOpenAI``) talk to it over real HTTP, so retries,
timeouts, streaming and error mapping are exercised exactly as in production::

    with ScriptedOpenAI() as server:
        server.script(Reply.error(429, retry_after=0), Reply.json('{"a": 1}'))
        client = openai.OpenAI(base_url=server.base_url, api_key="test")
        ...
        assert server.requests[0]["model"] == "..."

Every ``POST /v1/chat/completions`` consumes exactly one scripted :class:`Reply`, in order; when the script
runs out the server answers 500 "script exhausted". ``GET /v1/models`` lists one model, "scripted".
Anything else is a 404 in OpenAI's error shape.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = ["Reply", "ScriptedOpenAI"]

_ERROR_TYPES = {
    400: ("invalid_request_error", "invalid_request"),
    401: ("authentication_error", "invalid_api_key"),
    403: ("permission_error", "permission_denied"),
    404: ("invalid_request_error", "not_found"),
    409: ("conflict_error", "conflict"),
    422: ("invalid_request_error", "unprocessable_entity"),
    429: ("rate_limit_error", "rate_limit_exceeded"),
}


@dataclass(frozen=True)
class Reply:
    """One scripted answer. Build it with :meth:`json`, :meth:`error`, :meth:`delay` or :meth:`raw`."""

    kind: str  # "json" | "tool" | "error" | "delay" | "raw"
    content: str = ""
    tool_name: str = ""
    arguments: str = "{}"
    model: str = "scripted"
    chunk_chars: int = 12
    chunk_delay: float = 0.0
    status: int = 200
    message: str = "scripted error"
    retry_after: float | None = None
    seconds: float = 0.0
    then: Reply | None = None
    body: str = ""
    content_type: str = "application/json"

    @classmethod
    def json(cls, content: str, model: str = "scripted", *, chunk_chars: int = 12, chunk_delay: float = 0.0) -> Reply:
        """A successful chat completion whose assistant message is ``content``.

        Sent as one ``chat.completion`` object, or as Server-Sent Events (``chat.completion.chunk``) when the
        request asks for ``"stream": true`` — pieces of about ``chunk_chars`` characters, ``chunk_delay``
        seconds apart."""
        if chunk_chars < 1:
            raise ValueError("chunk_chars must be >= 1")
        return cls("json", content=content, model=model, chunk_chars=chunk_chars, chunk_delay=chunk_delay)

    @classmethod
    def tool_call(cls, name: str, arguments: dict[str, Any] | str, model: str = "scripted") -> Reply:
        """An assistant message that calls one tool (``finish_reason: "tool_calls"``); ``arguments`` is sent as
        the JSON string OpenAI sends (a str is sent verbatim, to script malformed arguments). Streamed as one
        tool-call delta when the request asks for ``"stream": true``."""
        raw = arguments if isinstance(arguments, str) else json.dumps(arguments)
        return cls("tool", tool_name=name, arguments=raw, model=model)

    @classmethod
    def error(cls, status: int, message: str = "scripted error", retry_after: float | None = None) -> Reply:
        """An error response ``{"error": {"message", "type", "param", "code"}}``, with ``Retry-After`` if given."""
        return cls("error", status=status, message=message, retry_after=retry_after)

    @classmethod
    def delay(cls, seconds: float, then: Reply) -> Reply:
        """Sleep ``seconds`` before sending ``then`` (to provoke client timeouts)."""
        return cls("delay", seconds=seconds, then=then)

    @classmethod
    def raw(cls, body: str, status: int = 200, content_type: str = "application/json") -> Reply:
        """Exactly ``body``, with this status and Content-Type (for garbage responses)."""
        return cls("raw", body=body, status=status, content_type=content_type)


def _error_payload(status: int, message: str) -> dict[str, Any]:
    kind, code = _ERROR_TYPES.get(status, ("server_error" if status >= 500 else "invalid_request_error", None))
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


def _estimate_tokens(text: str) -> int:
    return max(1, len(text) // 4) if text else 0


def _prompt_tokens(request: dict[str, Any]) -> int:
    total = 0
    for message in request.get("messages") or []:
        content = message.get("content") if isinstance(message, dict) else None
        if isinstance(content, str):
            total += _estimate_tokens(content)
        elif isinstance(content, list):  # content parts
            total += sum(_estimate_tokens(p.get("text", "")) for p in content if isinstance(p, dict))
    return max(1, total)


def _usage(request: dict[str, Any], content: str) -> dict[str, int]:
    prompt, completion = _prompt_tokens(request), _estimate_tokens(content)
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a real API; streams use chunked transfer encoding
    server: _Server
    timeout = 30  # idle keep-alive connections do not pin a thread forever

    def log_message(self, format: str, *args: Any) -> None:
        pass

    # ---- routing -------------------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._guard(self._get)

    def do_POST(self) -> None:
        self._guard(self._post)

    def do_PUT(self) -> None:
        self._guard(self._not_found)

    def do_DELETE(self) -> None:
        self._guard(self._not_found)

    def do_PATCH(self) -> None:
        self._guard(self._not_found)

    def _guard(self, action: Any) -> None:
        try:
            action()
        except OSError:  # BrokenPipeError, ConnectionResetError, ...: the client hung up (e.g. it timed out)
            self.close_connection = True
            self.server.owner._hung_up()

    def _path(self) -> str:
        return self.path.split("?", 1)[0].rstrip("/")

    def _get(self) -> None:
        self._read_body()
        if self._path() == "/v1/models":
            model = {"id": "scripted", "object": "model", "created": 0, "owned_by": "scripted-openai"}
            self._send_json(200, {"object": "list", "data": [model]})
        else:
            self._not_found(read=False)

    def _post(self) -> None:
        raw = self._read_body()
        if self._path() != "/v1/chat/completions":
            self._not_found(read=False)
            return
        try:
            request = json.loads(raw.decode("utf-8")) if raw else {}
        except (UnicodeDecodeError, json.JSONDecodeError):
            request = {"_unparsed_body": raw.decode("utf-8", "replace")}
        if not isinstance(request, dict):
            request = {"_unparsed_body": request}
        reply = self.server.owner._take(request)
        if reply is None:
            self._send_json(500, _error_payload(500, "script exhausted"))
        else:
            self._answer(reply, request)

    def _not_found(self, read: bool = True) -> None:
        if read:
            self._read_body()
        self._send_json(404, _error_payload(404, f"Unknown path: {self.command} {self.path}"))

    # ---- I/O -----------------------------------------------------------------------------------------------

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):  # trailers
                        pass
                    return bytes(data)
                data += self.rfile.read(size)
                self.rfile.readline()  # CRLF after each chunk
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def _send_json(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(payload).encode("utf-8"), "application/json", headers)

    # ---- replies -------------------------------------------------------------------------------------------

    def _answer(self, reply: Reply, request: dict[str, Any]) -> None:
        if reply.kind == "delay":
            time.sleep(reply.seconds)
            if reply.then is not None:
                self._answer(reply.then, request)
        elif reply.kind == "error":
            headers = {"x-request-id": f"req_{uuid.uuid4().hex[:16]}"}
            if reply.retry_after is not None:
                retry_after = reply.retry_after
                headers["Retry-After"] = str(int(retry_after) if float(retry_after).is_integer() else retry_after)
            self._send_json(reply.status, _error_payload(reply.status, reply.message), headers)
        elif reply.kind == "raw":
            self._send(reply.status, reply.body.encode("utf-8"), reply.content_type)
        elif reply.kind == "tool":
            self._tool_call(reply, request)
        elif reply.kind == "json":
            if request.get("stream") is True:
                self._stream(reply, request)
            else:
                self._completion(reply, request)
        else:  # pragma: no cover - guarded by the constructors
            self._send_json(500, _error_payload(500, f"unknown reply kind {reply.kind!r}"))

    def _completion(self, reply: Reply, request: dict[str, Any]) -> None:
        payload = {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": reply.model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": reply.content},
                    "logprobs": None,
                    "finish_reason": "stop",
                }
            ],
            "usage": _usage(request, reply.content),
            "system_fingerprint": "fp_scripted",
        }
        self._send_json(200, payload)

    def _tool_call(self, reply: Reply, request: dict[str, Any]) -> None:
        call = {
            "id": f"call_{uuid.uuid4().hex[:20]}",
            "type": "function",
            "function": {"name": reply.tool_name, "arguments": reply.arguments},
        }
        if request.get("stream") is True:
            base = {
                "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": reply.model,
            }
            events = [
                dict(base, choices=[{"index": 0, "delta": {"role": "assistant", "content": None,
                                     "tool_calls": [dict(call, index=0)]}, "finish_reason": None}]),
                dict(base, choices=[{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]),
            ]  # fmt: skip
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for event in events:
                self._write_chunk(f"data: {json.dumps(event)}\n\n".encode())
            self._write_chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
            return
        payload = {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": reply.model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": None, "tool_calls": [call]},
                    "logprobs": None,
                    "finish_reason": "tool_calls",
                }
            ],
            "usage": _usage(request, reply.arguments),
        }
        self._send_json(200, payload)

    def _stream(self, reply: Reply, request: dict[str, Any]) -> None:
        options = request.get("stream_options")
        include_usage = isinstance(options, dict) and bool(options.get("include_usage"))
        base = {
            "id": f"chatcmpl-{uuid.uuid4().hex[:24]}",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": reply.model,
            "system_fingerprint": "fp_scripted",
        }

        def chunk(delta: dict[str, Any], finish_reason: str | None = None) -> dict[str, Any]:
            event = dict(base, choices=[{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}])
            if include_usage:
                event["usage"] = None
            return event

        content = reply.content
        pieces = [content[i : i + reply.chunk_chars] for i in range(0, len(content), reply.chunk_chars)]
        events: list[dict[str, Any]] = [chunk({"role": "assistant", "content": ""})]
        events += [chunk({"content": piece}) for piece in pieces]
        events.append(chunk({}, "stop"))
        if include_usage:
            events.append(dict(base, choices=[], usage=_usage(request, content)))

        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for index, event in enumerate(events):
            if index and reply.chunk_delay > 0:
                time.sleep(reply.chunk_delay)
            self._write_chunk(f"data: {json.dumps(event)}\n\n".encode())
        self._write_chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):X}\r\n".encode("ascii") + data + b"\r\n")
        self.wfile.flush()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    owner: ScriptedOpenAI

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        """Wake every handler still holding a (keep-alive) connection so its thread ends and closes it."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that vanished mid-request is not a test failure; keep stderr quiet


class ScriptedOpenAI:
    """An OpenAI-compatible server on 127.0.0.1 (free port), serving a script of :class:`Reply` objects."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: deque[Reply] = deque()
        self._requests: list[dict[str, Any]] = []
        self._hangups: list[float] = []
        self._hangup = threading.Condition(self._lock)
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.owner = self
        host, port = self._httpd.server_address[:2]
        self.base_url = f"http://{host}:{port}/v1"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="scripted-openai", daemon=True
        )
        self._closed = False
        self._thread.start()

    def script(self, *replies: Reply) -> ScriptedOpenAI:
        """Replace the queue of pending replies (each one answers exactly one chat-completion request)."""
        for reply in replies:
            if not isinstance(reply, Reply):
                raise TypeError(f"expected Reply, got {type(reply).__name__}")
        with self._lock:
            self._queue = deque(replies)
        return self

    @property
    def requests(self) -> list[dict[str, Any]]:
        """The chat-completion request bodies received so far (parsed JSON), oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    @property
    def hangups(self) -> list[float]:
        """When (time.monotonic) a client hung up while its reply was being sent, oldest first (a copy). A hang-up
        is seen at the next write, so a trickling reply reports it within one ``chunk_delay``."""
        with self._lock:
            return list(self._hangups)

    def wait_for_hangup(self, timeout: float, count: int = 1) -> bool:
        """Wait until ``count`` clients in all have hung up mid-reply; False if the time ran out first."""
        with self._hangup:
            return self._hangup.wait_for(lambda: len(self._hangups) >= count, timeout)

    def _hung_up(self) -> None:
        with self._hangup:
            self._hangups.append(time.monotonic())
            self._hangup.notify_all()

    def _take(self, request: dict[str, Any]) -> Reply | None:
        with self._lock:
            self._requests.append(request)
            return self._queue.popleft() if self._queue else None

    def close(self) -> None:
        """Stop serving and release the port. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        self._httpd.shutdown()
        self._httpd.server_close()
        self._httpd.drop_connections()
        self._thread.join(timeout=5)

    def __enter__(self) -> ScriptedOpenAI:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ScriptedOpenAI({self.base_url!r})"
