"""Entrypoints: the CLI, the console and the Telegram bot, all over the same QA service."""
