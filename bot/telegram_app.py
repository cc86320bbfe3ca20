"""Run the Telegram bot: build the Application, then poll, or serve a webhook when QUOTEBOT_WEBHOOK_URL is set."""

from __future__ import annotations

import asyncio
import logging
import secrets
import signal
import sys
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import handlers
from bot.bootstrap import Runtime
from bot.logs import install_redaction, remove_redaction
from bot.resilience import Heartbeat, PerChatUpdateProcessor, RetryingRateLimiter, TokenWatchingRequest
from bot.throttle import ChatThrottle
from config import Settings
from retrieval.overview import overview

log = logging.getLogger(__name__)

TelegramApp = Application[Any, Any, Any, Any, Any, Any]

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
MISSING_TOKEN = "QUOTEBOT_TELEGRAM_TOKEN is not set; get a token from @BotFather"  # noqa: S105 - a message, not a password
HEARTBEAT_SECONDS = 30.0
MAX_CONCURRENT_UPDATES = 256
INLINE_QUERIES_PER_QUESTION = 5  # inline queries a user's typing makes per question, for the inline limit
READ_TIMEOUT = 5.0  # seconds to wait for a Bot API answer (PTB's default; getUpdates adds its long poll)
ALLOWED_UPDATES = (Update.MESSAGE, Update.INLINE_QUERY)
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_HEARTBEAT = "heartbeat"
_MODE = "mode"


def run_telegram(settings: Settings, runtime: Runtime) -> int:
    """Run the bot over a loaded runtime until SIGTERM or SIGINT; return the exit code."""
    token = token_of(settings)
    if not token:
        print(f"quotebot: {MISSING_TOKEN}", file=sys.stderr)
        return EXIT_USAGE
    secret_token = webhook_secret(settings)
    redactor = install_redaction(settings.log_level, [token, secret_token or ""])
    try:
        return run_application(build_application(settings, runtime), settings, secret_token=secret_token)
    finally:
        remove_redaction(redactor)


def token_of(settings: Settings) -> str:
    """The bot token, or "" when it is not set."""
    return settings.telegram_token.get_secret_value().strip() if settings.telegram_token else ""


def webhook_secret(settings: Settings) -> str | None:
    """The secret Telegram must send with webhook requests: the configured one, else a fresh random one."""
    if not settings.webhook_url:
        return None
    if settings.webhook_secret is not None:
        return settings.webhook_secret.get_secret_value()
    return secrets.token_urlsafe(32)


def file_url(base_url: str) -> str:
    """The Bot API's file URL next to its base URL (…/bot -> …/file/bot)."""
    head, sep, tail = base_url.rpartition("/bot")
    return f"{head}/file/bot{tail}" if sep else f"{base_url.rstrip('/')}/file/bot"


def build_application(
    settings: Settings,
    runtime: Runtime,
    *,
    heartbeat_seconds: float = HEARTBEAT_SECONDS,
    rate_limiter: BaseRateLimiter[Any] | None = None,
    read_timeout: float = READ_TIMEOUT,
) -> TelegramApp:
    """Wire the Application: Bot API URLs, defaults, rate limiter, concurrency, handlers and lifecycle hooks."""
    token = settings.telegram_token.get_secret_value().strip() if settings.telegram_token else ""
    # PTB's own defaults (pool sizes, timeouts), on a transport that reports a rejected token.
    requests = (
        TokenWatchingRequest(connection_pool_size=MAX_CONCURRENT_UPDATES, read_timeout=read_timeout),
        TokenWatchingRequest(connection_pool_size=1, read_timeout=read_timeout),
    )
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_base_url)
        .base_file_url(file_url(settings.telegram_base_url))
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=handlers.NO_PREVIEW))
        .request(requests[0])
        .get_updates_request(requests[1])
        .rate_limiter(rate_limiter or RetryingRateLimiter(overall_max_rate=settings.telegram_send_rate))
        .concurrent_updates(PerChatUpdateProcessor(MAX_CONCURRENT_UPDATES))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    rate, window = settings.chat_rate_messages, settings.chat_rate_seconds
    throttle = ChatThrottle(rate, window) if rate else None
    # A client sends an inline query as its user types: one question makes several.
    inline_throttle = ChatThrottle(rate * INLINE_QUERIES_PER_QUESTION, window) if rate else None
    application.bot_data[handlers.DEPS] = handlers.BotDeps(
        runtime.service, overview(runtime.library), settings.allowed_chat_ids, throttle, inline_throttle
    )
    application.bot_data[_HEARTBEAT] = Heartbeat(settings.heartbeat_file, heartbeat_seconds)
    application.bot_data[_MODE] = "webhook" if settings.webhook_url else "polling"
    for request in requests:
        request.on_rejected_token = application.stop_running  # a token revoked mid-run ends the run (exit 1)
    add_handlers(application, settings.allowed_chat_ids)
    return application


def add_handlers(application: TelegramApp, allowed_chat_ids: frozenset[int]) -> None:
    """Register the handlers: the flood limit, the allow-list gate, then commands, questions, inline queries."""
    new = filters.UpdateType.MESSAGE
    to_me = filters.ChatType.PRIVATE | handlers.Addressed()
    # Only messages the bot would answer count against a chat's limit; group chatter does not.
    application.add_handler(MessageHandler(new & to_me, handlers.flood_limit), group=-2)
    application.add_handler(InlineQueryHandler(handlers.inline_flood_limit), group=-2)
    if allowed_chat_ids:
        application.add_handler(TypeHandler(Update, handlers.gate), group=-1)
    for name, _ in handlers.COMMANDS:
        application.add_handler(CommandHandler(name, handlers.COMMAND_CALLBACKS[name], filters=new))
    application.add_handler(MessageHandler(new & filters.TEXT & ~filters.COMMAND & to_me, handlers.question))
    application.add_handler(MessageHandler(new & filters.COMMAND & filters.ChatType.PRIVATE, handlers.unknown_command))
    application.add_handler(MessageHandler(new & filters.ATTACHMENT & to_me, handlers.non_text))
    application.add_handler(InlineQueryHandler(handlers.inline_query))
    application.add_error_handler(handlers.error_handler)


async def _post_init(application: TelegramApp) -> None:
    await application.bot.set_my_commands([BotCommand(name, what) for name, what in handlers.COMMANDS])
    heartbeat: Heartbeat = application.bot_data[_HEARTBEAT]
    heartbeat.start()
    log.info("Quotebot is running as @%s (%s)", application.bot.username, application.bot_data[_MODE])


async def _post_shutdown(application: TelegramApp) -> None:
    heartbeat: Heartbeat = application.bot_data[_HEARTBEAT]
    await heartbeat.stop()


def run_application(
    application: TelegramApp,
    settings: Settings,
    *,
    secret_token: str | None = None,
    stop_signals: Sequence[int] | None = STOP_SIGNALS,
    loop: asyncio.AbstractEventLoop | None = None,
) -> int:
    """Poll, or serve the webhook, until a stop signal; turn startup failures into one logged line."""
    loop = loop or asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        if settings.webhook_url:
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=urlsplit(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=secret_token,
                allowed_updates=ALLOWED_UPDATES,
                stop_signals=stop_signals,
                close_loop=False,  # closed below, after releasing what PTB leaves open
            )
        else:
            application.run_polling(allowed_updates=ALLOWED_UPDATES, stop_signals=stop_signals, close_loop=False)
    except InvalidToken:
        log.error("Telegram rejected the token: check QUOTEBOT_TELEGRAM_TOKEN")  # noqa: TRY400 - one line, no trace
        return EXIT_FAILURE
    except TelegramError as exc:
        log.error("cannot start the bot: %s (Bot API at %s)", exc, settings.telegram_base_url)  # noqa: TRY400
        return EXIT_FAILURE
    finally:
        # When start-up fails, or polling ends on an error, PTB skips its own shutdown (and leaves the
        # HTTP client it opened for getMe); finish it here. Each step does nothing when already done.
        if application.running:
            loop.run_until_complete(application.stop())
        loop.run_until_complete(application.shutdown())
        loop.run_until_complete(_post_shutdown(application))
        loop.run_until_complete(application.bot.request.shutdown())
        loop.close()
        asyncio.set_event_loop(None)
    log.info("Quotebot stopped cleanly")
    return EXIT_OK
