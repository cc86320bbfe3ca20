"""Run the Telegram bot: polling by default, a webhook when QUOTEBOT_WEBHOOK_URL is set."""

from __future__ import annotations

import sys

from config import Settings

EXIT_USAGE = 2


def run_telegram(settings: Settings) -> int:
    """Start the bot and block until it is stopped; return the exit code."""
    if settings.telegram_token is None or not settings.telegram_token.get_secret_value().strip():
        print("quotebot: QUOTEBOT_TELEGRAM_TOKEN is not set; get a token from @BotFather", file=sys.stderr)
        return EXIT_USAGE
    print("quotebot: the Telegram bot is not built yet", file=sys.stderr)
    return 1
