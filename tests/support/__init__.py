"""Test support shared with other suites: a strict fake Telegram Bot API and its HTML parser."""
