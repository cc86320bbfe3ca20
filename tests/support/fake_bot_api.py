"""A fake Telegram Bot API on loopback, as strict as Telegram, with updates to push and faults to inject.

In-process::

    with FakeBotApi() as api:                  # or api = FakeBotApi().start(); ...; api.stop()
        settings = Settings(telegram_token=api.token, telegram_base_url=api.base_url, ...)
        api.push_text("What did Russia say about Taiwan?", user_id=42)
        [call] = api.wait_for("sendMessage")   # call.params["text"] is the HTML the bot sent

Standalone (for a bot in a container with host networking)::

    python -m tests.support.fake_bot_api --port 8081 [--token T] [--control-port 8082]

prints one JSON line {"base_url", "token", "control_url"} and serves until SIGTERM/SIGINT. Control routes
(on the API port, and on --control-port when given, which stays up while connections are refused):
POST /control/updates (an update, or {"kind": "text"|"group"|"sticker"|"photo"|"inline", ...} with the
keyword arguments of the push_* method), GET /control/calls[?method=sendMessage], POST /control/faults
({"kind": "status"|"retry_after"|"delay"|"lose_answer"|"refuse", ...} with the arguments of the fault method),
POST /control/reset, GET /control/health.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import secrets
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.support.bot_api_methods import ApiError, BotApiMethods

LOOPBACK = "127.0.0.1"


def make_token() -> str:
    """A fresh random token of the shape BotFather issues (digits, colon, 35 URL-safe characters)."""
    return f"{secrets.randbelow(9 * 10**9) + 10**9}:{secrets.token_urlsafe(27)[:35]}"


@dataclass(frozen=True, slots=True)
class Call:
    """One request the fake received: the method, its decoded parameters and the HTTP status it got."""

    method: str
    params: dict[str, Any]
    status: int
    at: float
    result: Any = None


@dataclass(slots=True)
class Fault:
    """A fault applied to the next `remaining` calls of the given methods (all methods when None)."""

    kind: str  # "status", "retry_after", "delay" or "lose_answer"
    remaining: int
    methods: frozenset[str] | None
    status: int = 500
    retry_after: int = 1
    seconds: float = 0.0
    description: str | None = None
    chat_id: int | None = None

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        """Whether this fault applies to a call of method with these parameters."""
        return (
            self.remaining > 0
            and (self.methods is None or method.lower() in self.methods)
            and (self.chat_id is None or params.get("chat_id") == self.chat_id)
        )


@dataclass(slots=True)
class _Listener:
    server: _Server
    thread: threading.Thread
    sockets: set[socket.socket] = field(default_factory=set)


class FakeBotApi(BotApiMethods):
    """The fake server: start() binds 127.0.0.1, base_url is what the bot's ApplicationBuilder.base_url takes."""

    def __init__(
        self,
        token: str | None = None,
        *,
        port: int = 0,
        control_port: int | None = None,
        max_poll_wait: float = 1.0,
        bot_username: str = "quotebot_test_bot",
    ) -> None:
        super().__init__(bot_username=bot_username, max_poll_wait=max_poll_wait)
        self.token = token or make_token()
        self._port = port
        self._control_port = control_port
        self._calls: list[Call] = []
        self._faults: list[Fault] = []
        self._api: _Listener | None = None
        self._control: _Listener | None = None
        self._reopen: threading.Timer | None = None

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> FakeBotApi:
        """Bind and serve in background threads; returns self."""
        self._api = self._listen(self._port)
        self._port = self._api.server.server_address[1]
        if self._control_port is not None:
            self._control = self._listen(self._control_port)
            self._control_port = self._control.server.server_address[1]
        self.start_delivery()
        return self

    def stop(self) -> None:
        """Stop serving and release the ports."""
        if self._reopen is not None:
            self._reopen.cancel()
        self.stop_delivery()
        with self.lock:
            self.stopping = True
            self.lock.notify_all()
        for listener in (self._api, self._control):
            if listener is not None:
                self._close(listener)
        self._api = self._control = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The API port."""
        return self._port

    @property
    def base_url(self) -> str:
        """The Bot API base URL (the token is appended by the client)."""
        return f"http://{LOOPBACK}:{self._port}/bot"

    @property
    def base_file_url(self) -> str:
        """The file download base URL."""
        return f"http://{LOOPBACK}:{self._port}/file/bot"

    @property
    def control_url(self) -> str:
        """Where the control routes are served."""
        return f"http://{LOOPBACK}:{self._control_port or self._port}/control"

    def _listen(self, port: int) -> _Listener:
        server = _Server((LOOPBACK, port), _Handler)
        server.api = self
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        listener = _Listener(server, thread)
        server.listener = listener
        thread.start()
        return listener

    @staticmethod
    def _close(listener: _Listener) -> None:
        listener.server.shutdown()
        listener.server.server_close()
        for sock in list(listener.sockets):
            with contextlib.suppress(OSError):  # already closed by its handler
                sock.shutdown(socket.SHUT_RDWR)
        listener.thread.join(timeout=5)

    # -- records -----------------------------------------------------------------------------------

    def calls(self, method: str | None = None, *, ok: bool | None = None) -> list[Call]:
        """Recorded calls, oldest first; filtered by method name and by success (HTTP 200) when given."""
        with self.lock:
            return [
                c
                for c in self._calls
                if (method is None or c.method.lower() == method.lower()) and (ok is None or (c.status == 200) == ok)
            ]

    def wait_for(
        self,
        method: str,
        count: int = 1,
        *,
        timeout: float = 5.0,
        ok: bool | None = True,
        where: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Block until `count` matching calls were recorded; return them, or raise TimeoutError."""
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                found = [
                    c
                    for c in self._calls
                    if c.method.lower() == method.lower()
                    and (ok is None or (c.status == 200) == ok)
                    and (where is None or where(c))
                ]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{len(found)} of {count} {method} calls after {timeout} s")
                self.lock.wait(left)

    def sent_texts(self, chat_id: int | None = None) -> list[str]:
        """The text parameter of every successful sendMessage, optionally for one chat."""
        return [
            c.params["text"]
            for c in self.calls("sendMessage", ok=True)
            if chat_id is None or c.params.get("chat_id") == chat_id
        ]

    def reset(self) -> None:
        """Forget calls, faults, updates, chats and the webhook."""
        with self.lock:
            self._calls.clear()
            self._faults.clear()
            self.reset_state()

    # -- faults ------------------------------------------------------------------------------------

    def fail_next(
        self,
        count: int,
        *,
        status: int = 500,
        description: str | None = None,
        methods: Iterable[str] | None = None,
        chat_id: int | None = None,
    ) -> None:
        """Answer the next `count` calls (of these methods, to this chat) with an HTTP error in Telegram's shape."""
        fault = Fault("status", count, _methods(methods), status=status, description=description, chat_id=chat_id)
        self._add_fault(fault)

    def rate_limit_next(
        self, count: int, *, retry_after: int = 1, methods: Iterable[str] | None = None, chat_id: int | None = None
    ) -> None:
        """Answer the next `count` calls with 429 Too Many Requests and parameters.retry_after."""
        self._add_fault(Fault("retry_after", count, _methods(methods), retry_after=retry_after, chat_id=chat_id))

    def delay_next(
        self, count: int, *, seconds: float, methods: Iterable[str] | None = None, chat_id: int | None = None
    ) -> None:
        """Hold the next `count` calls for `seconds` before answering them normally."""
        self._add_fault(Fault("delay", count, _methods(methods), seconds=seconds, chat_id=chat_id))

    def lose_answer_next(self, count: int, *, methods: Iterable[str] | None = None, chat_id: int | None = None) -> None:
        """Carry out the next `count` calls, then close their connection unanswered (empty polls do not count)."""
        self._add_fault(Fault("lose_answer", count, _methods(methods), chat_id=chat_id))

    def refuse_connections(self, seconds: float) -> None:
        """Close the API port (and every open connection) for `seconds`, then listen on it again."""
        listener = self._api
        if listener is None:
            return
        self._api = None
        self._close(listener)
        self._reopen = threading.Timer(seconds, self._reopen_api)
        self._reopen.daemon = True
        self._reopen.start()

    def _reopen_api(self) -> None:
        with self.lock:
            if self.stopping:
                return
        self._api = self._listen(self._port)

    def _add_fault(self, fault: Fault) -> None:
        with self.lock:
            self._faults.append(fault)

    def _take_fault(self, method: str, params: dict[str, Any]) -> Fault | None:
        with self.lock:
            for fault in self._faults:
                if fault.matches(method, params):
                    fault.remaining -= 1
                    return fault
            return None

    # -- the API -----------------------------------------------------------------------------------

    def handle_api(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API request: (HTTP status, JSON body)."""
        fault = self._take_fault(method, params)
        if fault is not None and fault.kind == "delay":
            time.sleep(fault.seconds)
            fault = None
        lost = fault is not None and fault.kind == "lose_answer"
        status, body = self._answer(token, method, params, None if lost else fault)
        if lost and fault is not None and body.get("result") == []:
            lost = False  # an empty poll has nothing to lose: keep the fault for the next call
            self._add_fault(replace(fault, remaining=1))
        with self.lock:
            self._calls.append(Call(method, params, status, time.monotonic(), body.get("result")))
            self.lock.notify_all()
        if lost:
            raise LostAnswerError(method)
        return status, body

    def _answer(
        self, token: str, method: str, params: dict[str, Any], fault: Fault | None
    ) -> tuple[int, dict[str, Any]]:
        if fault is not None and fault.kind == "retry_after":
            description = f"Too Many Requests: retry after {fault.retry_after}"
            return 429, _error(429, description, {"retry_after": fault.retry_after})
        if fault is not None:
            description = fault.description or _REASONS.get(fault.status, "Internal Server Error")
            return fault.status, _error(fault.status, description)
        if token != self.token:
            return 401, _error(401, "Unauthorized")
        try:
            return 200, {"ok": True, "result": self.call_method(method, params)}
        except ApiError as exc:
            return exc.code, _error(exc.code, exc.description, exc.parameters)

    def handle_control(self, verb: str, route: str, query: dict[str, str], body: Any) -> tuple[int, Any]:
        """Answer one control request: (HTTP status, JSON body)."""
        if (verb, route) == ("GET", "health"):
            return 200, {"ok": True}
        if (verb, route) == ("GET", "calls"):
            calls = self.calls(query.get("method"))
            return 200, {"calls": [{"method": c.method, "params": c.params, "status": c.status} for c in calls]}
        if (verb, route) == ("POST", "reset"):
            self.reset()
            return 200, {"ok": True}
        if (verb, route) == ("POST", "updates") and isinstance(body, dict):
            return 200, {"ok": True, "result": self._control_update(dict(body))}
        if (verb, route) == ("POST", "faults") and isinstance(body, dict):
            self._control_fault(dict(body))
            return 200, {"ok": True}
        return 404, {"ok": False, "description": f"no control route {verb} /control/{route}"}

    def _control_update(self, body: dict[str, Any]) -> Any:
        kind = body.pop("kind", None)
        pushers: dict[str, Callable[..., Any]] = {
            "text": self.push_text,
            "group": self.push_group_text,
            "sticker": self.push_sticker,
            "photo": self.push_photo,
            "inline": self.push_inline_query,
        }
        if kind is None:
            return self.push_update(body)
        return pushers[kind](**body)

    def _control_fault(self, body: dict[str, Any]) -> None:
        kind = body.pop("kind")
        if kind == "refuse":
            # Answer this request first: the refusal closes the connection it came on.
            threading.Timer(0.05, self.refuse_connections, args=(float(body["seconds"]),)).start()
            return
        actions: dict[str, Callable[..., None]] = {
            "status": self.fail_next,
            "retry_after": self.rate_limit_next,
            "delay": self.delay_next,
            "lose_answer": self.lose_answer_next,
        }
        actions[kind](**body)


class LostAnswerError(Exception):
    """The fake carried out a call and drops its answer: the connection closes without a response."""


_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}


def _error(code: int, description: str, parameters: dict[str, Any] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


def _methods(methods: Iterable[str] | None) -> frozenset[str] | None:
    return None if methods is None else frozenset(m.lower() for m in methods)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default listen backlog of 5 resets connections when the bot opens its pool of 256
    # at once (a burst of replies); Telegram's servers do not.
    request_queue_size = 1024
    api: FakeBotApi
    listener: _Listener

    def process_request(self, request: Any, client_address: Any) -> None:
        self.listener.sockets.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        self.listener.sockets.discard(request)
        super().shutdown_request(request)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as httpx expects from Telegram
    # Headers and body go out in two writes; with Nagle's algorithm the body would wait for the client's
    # delayed ACK (about 40 ms on Linux) on every call, which is the fake's delay, not the bot's.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: the fake records calls instead of logging them."""

    def do_GET(self) -> None:
        """Serve a GET request."""
        self._serve("GET")

    def do_POST(self) -> None:
        """Serve a POST request."""
        self._serve("POST")

    def _serve(self, verb: str) -> None:
        url = urlsplit(self.path)
        query = dict(parse_qsl(url.query))
        try:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            parts = url.path.strip("/").split("/")
            if parts[0] == "control" and len(parts) == 2:
                status, body = self.server.api.handle_control(verb, parts[1], query, json.loads(raw or b"null"))
            elif len(parts) == 2 and parts[0].startswith("bot"):
                params = _decode(query, raw, self.headers.get("Content-Type", ""))
                status, body = self.server.api.handle_api(parts[0][3:], parts[1], params)
            else:
                status, body = 404, _error(404, "Not Found")
        except LostAnswerError:
            self.close_connection = True
            return
        except UnicodeDecodeError:
            status, body = 400, _error(400, "Bad Request: strings must be encoded in UTF-8")
        except ValueError as exc:
            status, body = 400, _error(400, f"Bad Request: {exc}")
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            self.close_connection = True  # the client went away, or the fake is refusing connections


# Parameters whose values are plain strings; the client JSON-encodes every other value.
_STRING_PARAMS = frozenset(
    {"text", "parse_mode", "url", "secret_token", "inline_query_id", "action", "caption", "next_offset",
     "ip_address", "language_code", "callback_query_id", "business_connection_id"}
)  # fmt: skip


def _decode(query: dict[str, str], raw: bytes, content_type: str) -> dict[str, Any]:
    """Bot API parameters from a query string and a form-encoded or JSON body."""
    if content_type.startswith("application/json"):
        body = json.loads(raw.decode("utf-8")) if raw else {}
        if not isinstance(body, dict):
            raise ValueError("the JSON body must be an object")
        return {**query, **body}
    if content_type.startswith("multipart/"):
        raise ValueError("the fake does not accept file uploads")
    fields = {**query, **dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True, errors="strict"))}
    decoded: dict[str, Any] = {}
    for name, value in fields.items():
        if name in _STRING_PARAMS:
            decoded[name] = value
            continue
        try:
            decoded[name] = json.loads(value)
        except ValueError:
            decoded[name] = value
    return decoded


def main(argv: list[str] | None = None) -> int:
    """Run the fake as a process until SIGTERM or SIGINT."""
    parser = argparse.ArgumentParser(prog="python -m tests.support.fake_bot_api", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="API port on 127.0.0.1")
    parser.add_argument("--control-port", type=int, default=None, help="extra port for /control routes only")
    parser.add_argument("--token", default=None, help="the token the fake accepts (default: a random one)")
    parser.add_argument("--bot-username", default="quotebot_test_bot")
    parser.add_argument("--max-poll-wait", type=float, default=1.0, help="longest getUpdates long poll, seconds")
    args = parser.parse_args(argv)
    api = FakeBotApi(
        args.token,
        port=args.port,
        control_port=args.control_port,
        max_poll_wait=args.max_poll_wait,
        bot_username=args.bot_username,
    ).start()
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    # Ready only now: a SIGTERM sent as soon as this line is read would otherwise kill the process unhandled.
    print(json.dumps({"base_url": api.base_url, "token": api.token, "control_url": api.control_url}), flush=True)
    stop.wait()
    api.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
