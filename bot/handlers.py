"""Telegram handlers: read the update, ask the QA service, render Telegram HTML, send."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes, filters

from bot.html_pack import one_line, shorten
from bot.render_html import render_answer, render_help, render_inline, render_plain, render_sources, render_welcome
from bot.resilience import RecentQuestions
from bot.throttle import ChatThrottle, Verdict
from retrieval.followup import resolve_followup
from retrieval.overview import Overview
from retrieval.service import QAService

log = logging.getLogger(__name__)

# Command, what it does: the /help text, the README and setMyCommands all come from here.
COMMANDS = (
    ("start", "what Quotebot does and what its articles cover"),
    ("help", "how to ask, and these commands"),
    ("sources", "the articles Quotebot quotes from"),
    ("ask", "answer a question: /ask QUESTION"),
)
DEPS = "quotebot"
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
INLINE_CACHE_SECONDS = 300
INLINE_BUTTON_CHARS = 64  # a button label is one line in Telegram's clients

REFUSAL = "Sorry, Quotebot is not available in this chat."
APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment."
NON_TEXT_HINT = "I can only read text. Send me your question as a message."
ASK_USAGE = "Put your question after the command: /ask QUESTION"
EMPTY_MENTION = "Ask me a question about the articles, after my name."
SLOW_DOWN = "You are sending messages faster than I answer them. Please wait a minute, then ask again."


@dataclass(frozen=True, slots=True)
class BotDeps:
    """What the handlers need, kept in application.bot_data[DEPS] by the composition root."""

    service: QAService
    overview: Overview
    allowed_chat_ids: frozenset[int]
    throttle: ChatThrottle | None = None
    inline_throttle: ChatThrottle | None = None  # per user: inline queries come as the user types
    recent: RecentQuestions = field(default_factory=RecentQuestions)


def deps_of(context: ContextTypes.DEFAULT_TYPE) -> BotDeps:
    """The handlers' dependencies."""
    return cast(BotDeps, context.bot_data[DEPS])


def command_lines() -> list[tuple[str, str]]:
    """Each command as ("/name", "what it does")."""
    return [(f"/{name}", what) for name, what in COMMANDS]


def addressed(message: Message) -> bool:
    """Whether a group message is meant for this bot: a command to it, an @mention of it, or a reply to it."""
    bot = message.get_bot()
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
        return True
    username = (bot.username or "").lower()
    for entity, text in message.parse_entities([MessageEntity.MENTION, MessageEntity.BOT_COMMAND]).items():
        if entity.type == MessageEntity.MENTION and text.lower() == f"@{username}":
            return True
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            target = text.partition("@")[2].lower()
            if target in ("", username):
                return True
    return False


class Addressed(filters.MessageFilter):
    """Messages meant for this bot (see addressed)."""

    def filter(self, message: Message) -> bool:
        """Whether the message is meant for this bot."""
        return addressed(message)


async def _send(message: Message, texts: Sequence[str]) -> None:
    """Send messages in reply to `message`: HTML, no link previews, the first one quoting the question."""
    for i, text in enumerate(texts):
        await message.reply_text(
            text,
            parse_mode=ParseMode.HTML,
            link_preview_options=NO_PREVIEW,
            reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True) if i == 0 else None,
            do_quote=False if i else None,
        )


async def gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Refuse chats outside the allow-list and stop every other handler from seeing the update."""
    allowed = deps_of(context).allowed_chat_ids
    chat, user = update.effective_chat, update.effective_user
    if (chat.id if chat else user.id if user else None) in allowed:
        return
    if update.inline_query is not None:
        await update.inline_query.answer([], cache_time=0, is_personal=True)
    elif update.message is not None and (update.message.chat.type == ChatType.PRIVATE or addressed(update.message)):
        await _send(update.message, render_plain(REFUSAL))
    raise ApplicationHandlerStop


async def flood_limit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Drop messages from a chat over its rate limit, telling it to slow down once per window."""
    limit, message = deps_of(context).throttle, update.effective_message
    if limit is None or message is None:
        return
    verdict = limit.check(message.chat_id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.NOTIFY:
        log.warning("chat %s is over its limit of %d messages per %g s", message.chat_id, limit.messages, limit.seconds)
        await _send(message, render_plain(SLOW_DOWN))
    raise ApplicationHandlerStop


async def inline_flood_limit(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer inline queries over a user's rate limit with no results and a button saying to slow down."""
    limit, query = deps_of(context).inline_throttle, update.inline_query
    if limit is None or query is None:
        return
    verdict = limit.check(query.from_user.id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.NOTIFY:
        log.warning(
            "user %s is over the inline limit of %d queries per %g s", query.from_user.id, limit.messages, limit.seconds
        )
    # Unanswered, the user's client would keep waiting; the button says why there is nothing.
    button = InlineQueryResultsButton(text=shorten(one_line(SLOW_DOWN), INLINE_BUTTON_CHARS), start_parameter="help")
    await query.answer([], cache_time=0, is_personal=True, button=button)
    raise ApplicationHandlerStop


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the user and say what the articles cover."""
    if update.effective_message:
        await _send(update.effective_message, render_welcome(deps_of(context).overview, command_lines()))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands and the ways to ask."""
    name = f"@{context.bot.username}"
    notes = (
        "In a private chat, just send your question.",
        f"In a group, use /ask QUESTION, mention {name}, or reply to one of my messages.",
        f"In any chat, type {name} and a question to pick a quote to send.",
    )
    if update.effective_message:
        await _send(update.effective_message, render_help(command_lines(), notes))


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the articles with outlet, title and date."""
    if update.effective_message:
        await _send(update.effective_message, render_sources(deps_of(context).service.library.articles.values()))


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer the question written after /ask."""
    message = update.effective_message
    if message is None:
        return
    question = " ".join(context.args or [])
    if not question:
        await _send(message, render_plain(ASK_USAGE))
        return
    await _answer(message, context, question)


async def question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer a private message, an @mention or a reply to the bot as a question."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    mention = f"@{context.bot.username}".lower()
    text = message.text
    mentions = message.parse_entities([MessageEntity.MENTION])
    for entity in sorted(mentions, key=lambda e: e.offset, reverse=True):
        if mentions[entity].lower() == mention:
            # Entity offsets count UTF-16 code units; slice on the encoded text.
            raw = text.encode("utf-16-le")
            text = (raw[: entity.offset * 2] + raw[(entity.offset + entity.length) * 2 :]).decode("utf-16-le")
    if not text.strip():
        await _send(message, render_plain(EMPTY_MENTION))
        return
    await _answer(message, context, text)


async def _answer(message: Message, context: ContextTypes.DEFAULT_TYPE, text: str) -> None:
    deps = deps_of(context)
    service = deps.service
    # The service refuses an over-long question; reading it as a follow-up first would only cost time.
    previous = deps.recent.get(message.chat_id) if len(text) <= service.max_question_length else None
    resolved = resolve_followup(text, previous)
    answer = service.answer(resolved)
    deps.recent.put(message.chat_id, answer.question)
    asked = text if resolved != " ".join(text.split()) else None
    await _send(message, render_answer(answer, asked=asked))


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Offer quotes that answer the inline query, each with its citation."""
    query = update.inline_query
    if query is None:
        return
    text = query.query.strip()
    answer = deps_of(context).service.answer(text) if text else None
    quotes = render_inline(answer) if answer is not None else []
    results = [
        InlineQueryResultArticle(
            id=quote.id,
            title=quote.title,
            description=quote.description,
            input_message_content=InputTextMessageContent(
                quote.message, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW
            ),
        )
        for quote in quotes
    ]
    # Inline mode has no message to reply with: a declined question (too long, or not in the articles)
    # says why on the button above the (empty) results, which opens a private chat with the bot.
    button = None
    if answer is not None and not answer.answered:
        button = InlineQueryResultsButton(
            text=shorten(one_line(answer.message), INLINE_BUTTON_CHARS), start_parameter="help"
        )
    await query.answer(results, cache_time=INLINE_CACHE_SECONDS, button=button)


async def non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:  # noqa: ARG001 - PTB signature
    """Tell the user that questions must be text."""
    if update.effective_message:
        await _send(update.effective_message, render_plain(NON_TEXT_HINT))


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:  # noqa: ARG001 - PTB signature
    """Point the user at /help for a command Quotebot does not know."""
    message = update.effective_message
    if message and message.text:
        await _send(message, render_plain(f"I don't know {message.text.split()[0]}; /help lists the commands."))


async def error_handler(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the error and send the user a short apology."""
    error = context.error
    if update is None and isinstance(error, NetworkError):
        # Polling failures repeat while the Bot API is unreachable; PTB retries them with backoff.
        log.warning("Bot API request failed, retrying: %s", error)
        return
    if isinstance(error, Forbidden):
        log.warning("cannot write to this chat (the bot was blocked or removed): %s", error)
        return
    if isinstance(error, NetworkError | RetryAfter) and not isinstance(error, BadRequest):
        # The Bot API failed a reply after every retry that cannot duplicate it (bot.resilience): it may or
        # may not have arrived. Each reply is sent at most once, so no apology follows it.
        log.warning("the Bot API did not confirm a reply; it may not have been delivered: %s", error)
        return
    log.error("error while handling an update", exc_info=error)
    if isinstance(update, Update) and update.effective_message is not None and update.inline_query is None:
        try:
            await _send(update.effective_message, render_plain(APOLOGY))
        except TelegramError as exc:
            log.warning("could not send the apology: %s", exc)


# The callback for each command in COMMANDS.
COMMAND_CALLBACKS = {"start": start, "help": help_command, "sources": sources, "ask": ask}
