"""Meta-tests that keep the docs honest: every setting in .env.example, every command in the README."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from bot.cli import _parser
from config import Settings

ROOT = Path(__file__).resolve().parent.parent
# An assignment, live or commented out: `QUOTEBOT_X=value` or `# QUOTEBOT_X=value`.
ASSIGNMENT = re.compile(r"^#?\s*(QUOTEBOT_[A-Z0-9_]+)=(.*)$")
SETTINGS = sorted(f"QUOTEBOT_{name.upper()}" for name in Settings.model_fields)


def env_example() -> dict[str, tuple[str, str]]:
    """Each variable in .env.example with the line above it and its example value."""
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    entries: dict[str, tuple[str, str]] = {}
    for above, line in zip(["", *lines], lines, strict=False):
        if match := ASSIGNMENT.match(line):
            entries[match[1]] = (above, match[2])
    return entries


def cli_commands() -> list[str]:
    """The subcommands the quotebot parser accepts."""
    actions = [a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(name for action in actions for name in action.choices)


@pytest.mark.parametrize("variable", SETTINGS)
def test_every_setting_is_in_env_example_under_a_one_line_comment(variable: str) -> None:
    entries = env_example()
    assert variable in entries, f"{variable} is missing from .env.example"
    above = entries[variable][0]
    assert above.startswith("# "), f"{variable} needs a one-line comment directly above it"
    assert not ASSIGNMENT.match(above), f"{variable} needs its own comment, not the previous setting's line"


def test_env_example_names_only_real_settings() -> None:
    assert set(env_example()) <= set(SETTINGS)


def test_env_example_values_are_valid_when_uncommented(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SETTINGS:
        monkeypatch.delenv(name, raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("".join(f"{name}={value}\n" for name, (_, value) in env_example().items()), encoding="utf-8")
    settings = Settings(_env_file=env_file)
    given = {name.removeprefix("QUOTEBOT_").lower() for name, (_, value) in env_example().items() if value}
    assert given <= settings.model_fields_set


def test_there_are_commands_to_check() -> None:
    assert {"ask", "console", "telegram", "health"} <= set(cli_commands())


@pytest.mark.parametrize("command", cli_commands())
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`quotebot {command}\b", readme), f"README.md does not show `quotebot {command}`"


def test_every_test_named_in_docs_reliability_exists() -> None:
    text = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", text)
    assert len(named) > 40
    missing = [
        f"{path}::{name}"
        for path, name in named
        if not re.search(rf"^(?:async )?def {name}\(", (ROOT / path).read_text(encoding="utf-8"), flags=re.M)
    ]
    assert missing == []
