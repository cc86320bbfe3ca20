"""The fake Bot API's state and methods: chats, messages, the update queue, webhooks, and Telegram's checks."""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from typing import Any

import httpx

from tests.support.telegram_html import EntityParseError, Parsed, parse_html, utf16_length

MAX_TEXT_LENGTH = 4096
MAX_INLINE_RESULTS = 50
INLINE_QUERY_TTL = 10.0  # Telegram drops an inline query's answer after about 10 s
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
_START_PARAMETER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_LEADING_COMMAND = re.compile(r"^/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?")
_MENTION = re.compile(r"(?<![A-Za-z0-9_])@[A-Za-z0-9_]{5,32}")
_CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
     "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
)  # fmt: skip


class ApiError(Exception):
    """A Bot API error: HTTP status, description and optional parameters (e.g. retry_after)."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


class BotApiMethods:
    """State and methods; FakeBotApi adds the HTTP server, the call record and faults."""

    def __init__(self, *, bot_username: str, max_poll_wait: float) -> None:
        self.lock = threading.Condition()
        self.stopping = False
        self.max_poll_wait = max_poll_wait
        self.bot = {
            "id": 7000000001,
            "is_bot": True,
            "first_name": "Quotebot",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self._delivery: threading.Thread | None = None
        self.reset_state()

    def reset_state(self) -> None:
        """Forget chats, messages, updates, commands and the webhook (call with the lock held or before start)."""
        self._update_ids = itertools.count(1)
        self._inline_ids = itertools.count(1)
        self._updates: list[dict[str, Any]] = []
        self._chats: dict[int, dict[str, Any]] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._next_message: dict[int, int] = {}
        self._inline: dict[str, tuple[float, bool]] = {}
        self._commands: dict[str, list[dict[str, Any]]] = {}
        self._poll_generation = 0
        self.webhook: dict[str, Any] = {}
        self.deliveries: list[tuple[int, int]] = []  # (update_id, HTTP status) per webhook delivery

    # -- pushing updates ---------------------------------------------------------------------------

    def user(self, user_id: int, first_name: str = "Ada") -> dict[str, Any]:
        """A Telegram User object for a person."""
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue a raw update (an update_id is assigned when missing) for getUpdates or the webhook."""
        with self.lock:
            update = {"update_id": next(self._update_ids), **update}
            message = update.get("message")
            if isinstance(message, dict):
                self._remember(message)
            self._updates.append(update)
            self.lock.notify_all()
            return update

    def make_message(
        self,
        *,
        chat_id: int,
        user_id: int,
        chat_type: str = "private",
        reply_to: int | None = None,
        **content: Any,
    ) -> dict[str, Any]:
        """A message from a user in a chat, known to the fake but not queued (content: text, sticker, ...)."""
        chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type == "private":
            chat["first_name"] = "Ada"
        else:
            chat["title"] = f"Test group {chat_id}"
        if "text" in content and "entities" not in content:
            content["entities"] = _text_entities(content["text"])
        with self.lock:
            self._chats.setdefault(chat_id, chat)
            message: dict[str, Any] = {
                "message_id": self._next_id(chat_id),
                "date": int(time.time()),
                "chat": chat,
                "from": self.user(user_id),
                **content,
            }
            if reply_to is not None:
                message["reply_to_message"] = self._message(chat_id, reply_to)
            self._remember(message)
        return message

    def push_message(self, **message: Any) -> dict[str, Any]:
        """Queue a message (see make_message for the arguments); returns it."""
        made = self.make_message(**message)
        self.push_update({"message": made})
        return made

    def push_text(
        self, text: str, *, user_id: int = 1001, chat_id: int | None = None, reply_to: int | None = None
    ) -> dict[str, Any]:
        """Queue a private text message (commands and @mentions get their entities, as Telegram adds them)."""
        chat = user_id if chat_id is None else chat_id
        return self.push_message(chat_id=chat, user_id=user_id, reply_to=reply_to, text=text)

    def push_group_text(
        self, text: str, *, chat_id: int = -100100, user_id: int = 1001, reply_to: int | None = None
    ) -> dict[str, Any]:
        """Queue a text message in a supergroup."""
        return self.push_message(chat_id=chat_id, user_id=user_id, chat_type="supergroup", reply_to=reply_to, text=text)

    def push_sticker(self, *, chat_id: int = 1001, user_id: int | None = None, chat_type: str = "private") -> Any:
        """Queue a sticker."""
        sticker = {"file_id": "sticker-1", "file_unique_id": "s1", "type": "regular", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "emoji": "👍"}  # fmt: skip
        return self.push_message(chat_id=chat_id, user_id=user_id or chat_id, chat_type=chat_type, sticker=sticker)

    def push_photo(self, *, chat_id: int = 1001, user_id: int | None = None, caption: str | None = None) -> Any:
        """Queue a photo, optionally with a caption."""
        photo = [{"file_id": "photo-1", "file_unique_id": "p1", "width": 90, "height": 90}]
        extra = {} if caption is None else {"caption": caption}
        return self.push_message(chat_id=chat_id, user_id=user_id or chat_id, photo=photo, **extra)

    def push_inline_query(self, query: str, *, user_id: int = 1001) -> str:
        """Queue an inline query; returns its id."""
        with self.lock:
            query_id = str(next(self._inline_ids))
            self._inline[query_id] = (time.monotonic(), False)
        inline = {"id": query_id, "from": self.user(user_id), "query": query, "offset": "", "chat_type": "sender"}
        self.push_update({"inline_query": inline})
        return query_id

    def _next_id(self, chat_id: int) -> int:
        number = self._next_message.get(chat_id, 1)
        self._next_message[chat_id] = number + 1
        return number

    def _remember(self, message: dict[str, Any]) -> None:
        chat = message["chat"]
        self._chats.setdefault(chat["id"], chat)
        self._messages[(chat["id"], message["message_id"])] = message
        self._next_message[chat["id"]] = max(self._next_message.get(chat["id"], 1), message["message_id"] + 1)

    def _message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        found = self._messages.get((chat_id, message_id))
        if found is None:
            raise ValueError(f"no message {message_id} in chat {chat_id}")
        return {k: v for k, v in found.items() if k != "reply_to_message"}

    # -- dispatch ----------------------------------------------------------------------------------

    def call_method(self, method: str, params: dict[str, Any]) -> Any:
        """Run one Bot API method (names are case-insensitive, as Telegram's are)."""
        handler = getattr(self, f"_m_{method.lower()}", None)
        if handler is None:
            raise ApiError(404, "Not Found")
        return handler(params)

    def _m_getme(self, params: dict[str, Any]) -> Any:
        return self.bot

    def _m_logout(self, params: dict[str, Any]) -> Any:
        return True

    def _m_close(self, params: dict[str, Any]) -> Any:
        return True

    def _m_getupdates(self, params: dict[str, Any]) -> Any:
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        wait = min(float(params.get("timeout") or 0), self.max_poll_wait)
        allowed = params.get("allowed_updates") or None
        if not 1 <= limit <= 100:
            raise _bad("limit must be between 1 and 100")
        deadline = time.monotonic() + wait
        with self.lock:
            if self.webhook.get("url"):
                raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                               "use deleteWebhook to delete the webhook first")  # fmt: skip
            self._poll_generation += 1
            generation = self._poll_generation
            self.lock.notify_all()
            while True:
                if offset > 0:
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                pending = self._updates[offset:] if offset < 0 else self._updates
                pending = [u for u in pending if allowed is None or any(k in u for k in allowed)][:limit]
                if pending or self.stopping:
                    return pending
                if generation != self._poll_generation:
                    raise ApiError(409, "Conflict: terminated by other getUpdates request; "
                                   "make sure that only one bot instance is running")  # fmt: skip
                left = deadline - time.monotonic()
                if left <= 0:
                    return []
                self.lock.wait(left)

    def _m_sendmessage(self, params: dict[str, Any]) -> Any:
        chat = self._chat(params)
        parsed = _parse(params.get("text"), params.get("parse_mode"), what="message text")
        with self.lock:
            message: dict[str, Any] = {
                "message_id": self._next_id(chat["id"]),
                "date": int(time.time()),
                "chat": chat,
                "from": {k: self.bot[k] for k in ("id", "is_bot", "first_name", "username")},
                "text": parsed.text,
            }
            if parsed.entities:
                message["entities"] = [e.as_json() for e in parsed.entities]
            reply = self._reply_target(chat["id"], params)
            if reply is not None:
                message["reply_to_message"] = reply
            if isinstance(params.get("link_preview_options"), dict):
                message["link_preview_options"] = params["link_preview_options"]
            self._messages[(chat["id"], message["message_id"])] = message
            return message

    def _m_sendchataction(self, params: dict[str, Any]) -> Any:
        self._chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        return True

    def _m_answerinlinequery(self, params: dict[str, Any]) -> Any:
        query_id = str(params.get("inline_query_id", ""))
        with self.lock:
            asked, answered = self._inline.get(query_id, (0.0, True))
            if answered or time.monotonic() - asked > INLINE_QUERY_TTL:
                raise _bad("query is too old and response timeout expired or query ID is invalid")
        results = params.get("results")
        if not isinstance(results, list):
            raise _bad("results must be an array")
        if len(results) > MAX_INLINE_RESULTS:
            raise _bad("RESULTS_TOO_MUCH")
        ids = [str(r.get("id", "")) for r in results]
        if len(set(ids)) != len(ids):
            raise _bad("RESULT_ID_DUPLICATE")
        for result in results:
            _check_inline_result(result)
        if params.get("button") is not None:
            _check_results_button(params["button"])
        with self.lock:
            self._inline[query_id] = (asked, True)
        return True

    def _m_setmycommands(self, params: dict[str, Any]) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise _bad("commands must be an array of at most 100 commands")
        for command in commands:
            if not _COMMAND.match(str(command.get("command", ""))):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        with self.lock:
            self._commands[_scope_key(params)] = commands
        return True

    def _m_getmycommands(self, params: dict[str, Any]) -> Any:
        with self.lock:
            return self._commands.get(_scope_key(params), [])

    def _m_deletemycommands(self, params: dict[str, Any]) -> Any:
        with self.lock:
            self._commands.pop(_scope_key(params), None)
        return True

    def _m_setwebhook(self, params: dict[str, Any]) -> Any:
        url = str(params.get("url") or "")
        secret = params.get("secret_token")
        if url and not url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise _bad("bad webhook: An HTTPS URL must be provided for webhook")
        if secret is not None and not _SECRET.match(str(secret)):
            raise _bad("secret token contains unallowed characters")
        with self.lock:
            if params.get("drop_pending_updates"):
                self._updates.clear()
            self.webhook = {"url": url, "secret_token": secret} if url else {}
            self.lock.notify_all()
        return True

    def _m_deletewebhook(self, params: dict[str, Any]) -> Any:
        return self._m_setwebhook({"drop_pending_updates": params.get("drop_pending_updates")})

    def _m_getwebhookinfo(self, params: dict[str, Any]) -> Any:
        with self.lock:
            return {"url": self.webhook.get("url", ""), "has_custom_certificate": False,
                    "pending_update_count": len(self._updates)}  # fmt: skip

    # -- checks ------------------------------------------------------------------------------------

    def _chat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        with self.lock:
            chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise _bad("chat not found")
        return chat

    def _reply_target(self, chat_id: int, params: dict[str, Any]) -> dict[str, Any] | None:
        reply = params.get("reply_parameters")
        if reply is None and params.get("reply_to_message_id") is not None:
            reply = {"message_id": params["reply_to_message_id"]}
        if reply is None:
            return None
        if not isinstance(reply, dict) or not isinstance(reply.get("message_id"), int):
            raise _bad("invalid reply parameters")
        found = self._messages.get((int(reply.get("chat_id", chat_id)), reply["message_id"]))
        if found is None and not reply.get("allow_sending_without_reply"):
            raise _bad("message to be replied not found")
        return None if found is None else {k: v for k, v in found.items() if k != "reply_to_message"}

    # -- webhook delivery --------------------------------------------------------------------------

    def start_delivery(self) -> None:
        """Post queued updates to the webhook while one is set, as Telegram does."""
        self._delivery = threading.Thread(target=self._deliver, name="fake-bot-api-webhook", daemon=True)
        self._delivery.start()

    def stop_delivery(self) -> None:
        """Stop posting to the webhook."""
        with self.lock:
            self.stopping = True
            self.lock.notify_all()
        if self._delivery is not None:
            self._delivery.join(timeout=5)

    def _deliver(self) -> None:
        with httpx.Client(timeout=5.0) as client:
            while True:
                with self.lock:
                    while not self.stopping and not (self.webhook.get("url") and self._updates):
                        self.lock.wait()
                    if self.stopping:
                        return
                    update, hook = self._updates[0], dict(self.webhook)
                headers = {"X-Telegram-Bot-Api-Secret-Token": hook["secret_token"]} if hook.get("secret_token") else {}
                try:
                    status = client.post(hook["url"], json=update, headers=headers).status_code
                except httpx.HTTPError:
                    status = 0
                with self.lock:
                    self.deliveries.append((update["update_id"], status))
                    if 200 <= status < 300 and self._updates and self._updates[0] is update:
                        self._updates.pop(0)
                    elif not self.stopping:
                        self.lock.wait(0.2)  # Telegram retries failed deliveries later


def _parse(text: Any, parse_mode: Any, *, what: str) -> Parsed:
    if not isinstance(text, str) or not text.strip():
        raise _bad(f"{what} is empty")
    if parse_mode is None or parse_mode == "":
        parsed = Parsed(text, ())
    elif str(parse_mode).lower() == "html":
        try:
            parsed = parse_html(text)
        except EntityParseError as exc:
            raise ApiError(400, str(exc)) from None
    else:
        raise _bad(f"the fake only checks HTML, not parse_mode {parse_mode!r}")
    if not parsed.text.strip():
        raise _bad(f"{what} is empty")
    if parsed.length > MAX_TEXT_LENGTH:
        raise _bad("message is too long")
    return parsed


def _check_inline_result(result: dict[str, Any]) -> None:
    result_id = str(result.get("id", ""))
    if not 1 <= len(result_id.encode("utf-8")) <= 64:
        raise _bad("RESULT_ID_INVALID")
    if result.get("type") != "article":
        raise _bad(f"the fake only checks article results, not {result.get('type')!r}")
    if not str(result.get("title", "")).strip():
        raise _bad("RESULT_TITLE_EMPTY")
    content = result.get("input_message_content")
    if not isinstance(content, dict):
        raise _bad("input_message_content is required")
    _parse(content.get("message_text"), content.get("parse_mode"), what="message text")


def _check_results_button(button: Any) -> None:
    if not isinstance(button, dict) or not str(button.get("text", "")).strip():
        raise _bad("BUTTON_TEXT_INVALID")
    if ("web_app" in button) == ("start_parameter" in button):
        raise _bad("exactly one of web_app and start_parameter must be given")
    if "start_parameter" in button and not _START_PARAMETER.match(str(button["start_parameter"])):
        raise _bad("START_PARAM_INVALID")


def _scope_key(params: dict[str, Any]) -> str:
    return json.dumps([params.get("scope") or {"type": "default"}, params.get("language_code") or ""])


def _text_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command and mention entities Telegram attaches to a user's text."""
    entities = []
    command = _LEADING_COMMAND.match(text)
    if command:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_length(command.group())})
    for mention in _MENTION.finditer(text):
        offset = utf16_length(text[: mention.start()])
        entities.append({"type": "mention", "offset": offset, "length": utf16_length(mention.group())})
    return entities
