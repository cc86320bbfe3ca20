"""Quotebot's settings, read from QUOTEBOT_* environment variables and a .env file."""

from config.settings import Settings, SettingsError, load_settings

__all__ = ["Settings", "SettingsError", "load_settings"]
