"""Settings: QUOTEBOT_ variables and .env, bounds on every field, a secret token, one-line errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr, ValidationError

from config import Settings, SettingsError, load_settings

MakeSettings = Callable[..., Settings]
TOKEN = "123456:ABC-never-to-be-seen"


def test_defaults(make_settings: MakeSettings) -> None:
    settings = make_settings()
    assert settings.corpus_dir is None
    assert settings.cache_dir is None
    assert (settings.max_quotes, settings.max_question_length, settings.candidates) == (3, 1000, 50)
    assert (settings.min_coverage, settings.bm25_k1, settings.bm25_b) == (0.5, 1.5, 0.75)
    assert settings.telegram_token is None
    assert settings.allowed_chat_ids == frozenset()
    assert settings.webhook_url is None
    assert settings.webhook_port == 8443
    assert settings.log_level == "INFO"
    assert settings.threads == 1


# (field, smallest allowed, largest allowed, just below, just above); None where there is no such bound.
BOUNDS = [
    pytest.param("max_quotes", 1, 10, 0, 11, id="max_quotes"),
    pytest.param("max_question_length", 10, 100_000, 9, 100_001, id="max_question_length"),
    pytest.param("min_coverage", 0.0, 1.0, -0.01, 1.01, id="min_coverage"),
    pytest.param("candidates", 1, 1000, 0, 1001, id="candidates"),
    pytest.param("threads", 1, 256, 0, 257, id="threads"),
    pytest.param("bm25_k1", 0.001, 5.0, 0.0, 5.01, id="bm25_k1"),
    pytest.param("bm25_b", 0.0, 1.0, -0.01, 1.01, id="bm25_b"),
    pytest.param("webhook_port", 1, 65535, 0, 65536, id="webhook_port"),
    pytest.param("chat_rate_messages", 0, 1000, -1, 1001, id="chat_rate_messages"),
    pytest.param("chat_rate_seconds", 1.0, 3600.0, 0.99, 3600.01, id="chat_rate_seconds"),
    pytest.param("telegram_send_rate", 1, 1000, 0, 1001, id="telegram_send_rate"),
]


@pytest.mark.parametrize(("field", "low", "high", "below", "above"), BOUNDS)
def test_bounds_are_inclusive_where_documented(
    make_settings: MakeSettings, field: str, low: float, high: float, below: float, above: float
) -> None:
    assert getattr(make_settings(**{field: low}), field) == low
    assert getattr(make_settings(**{field: high}), field) == high
    for bad in (below, above):
        with pytest.raises(ValidationError):
            make_settings(**{field: bad})


@pytest.mark.parametrize(("field", "low", "high", "below", "above"), BOUNDS)
def test_out_of_bounds_environment_value_is_one_line_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, field: str, low: float, high: float, below: float, above: float
) -> None:
    variable = f"QUOTEBOT_{field.upper()}"
    for bad in (below, above):
        monkeypatch.setenv(variable, str(bad))
        with pytest.raises(SettingsError) as caught:
            load_settings(_env_file=None)
        message = str(caught.value)
        assert message.startswith(f"invalid setting {variable}: ")
        assert "\n" not in message


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        pytest.param("QUOTEBOT_MAX_QUOTES", "three", id="not-a-number"),
        pytest.param("QUOTEBOT_MIN_COVERAGE", "half", id="not-a-float"),
        pytest.param("QUOTEBOT_LOG_LEVEL", "verbose", id="unknown-level"),
        pytest.param("QUOTEBOT_ALLOWED_CHAT_IDS", "1, x", id="chat-id-not-a-number"),
        pytest.param("QUOTEBOT_WEBHOOK_PORT", "https", id="port-name"),
        pytest.param("QUOTEBOT_THREADS", "all", id="threads-word"),
    ],
)
def test_invalid_values_are_one_line(monkeypatch: pytest.MonkeyPatch, variable: str, value: str) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    assert str(caught.value).startswith(f"invalid setting {variable}: ")
    assert "\n" not in str(caught.value)


def test_environment_variables_need_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAX_QUOTES", "7")
    monkeypatch.setenv("QUOTEBOT_CANDIDATES", "20")
    settings = Settings(_env_file=None)
    assert settings.max_quotes == 3
    assert settings.candidates == 20


def test_dotenv_file_is_read_and_the_environment_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text(
        "# local settings\nQUOTEBOT_MAX_QUOTES=5\nQUOTEBOT_CANDIDATES=30\nQUOTEBOT_UNKNOWN=ignored\nOTHER=1\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("QUOTEBOT_CANDIDATES", "40")
    settings = Settings(_env_file=env_file)
    assert (settings.max_quotes, settings.candidates) == (5, 40)


def test_load_settings_reads_dotenv_from_the_working_directory(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("QUOTEBOT_MAX_QUOTES=2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert load_settings().max_quotes == 2


def test_an_undecodable_dotenv_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".env").write_bytes(b"QUOTEBOT_MAX_QUOTES=\xff\xfe\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith("invalid settings: ")
    assert "\n" not in str(caught.value)


def test_load_settings_takes_overrides() -> None:
    assert load_settings(_env_file=None, max_quotes=9).max_quotes == 9


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param("1, -100200", {1, -100200}, id="comma-space"),
        pytest.param("1;2", {1, 2}, id="semicolon"),
        pytest.param("[1, 2]", {1, 2}, id="json-looking"),
        pytest.param(" 7 ", {7}, id="one"),
        pytest.param("", set(), id="empty"),
        pytest.param(" , ", set(), id="only-separators"),
    ],
)
def test_allowed_chat_ids_from_the_environment(monkeypatch: pytest.MonkeyPatch, raw: str, expected: set[int]) -> None:
    monkeypatch.setenv("QUOTEBOT_ALLOWED_CHAT_IDS", raw)
    assert Settings(_env_file=None).allowed_chat_ids == frozenset(expected)


def test_allowed_chat_ids_as_a_python_value(make_settings: MakeSettings) -> None:
    assert make_settings(allowed_chat_ids=[3, -4]).allowed_chat_ids == frozenset({3, -4})


def test_the_token_is_secret_everywhere_but_its_getter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTEBOT_TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("QUOTEBOT_WEBHOOK_SECRET", "webhook-secret-value")
    settings = Settings(_env_file=None)
    assert isinstance(settings.telegram_token, SecretStr)
    assert settings.telegram_token.get_secret_value() == TOKEN
    for shown in (repr(settings), str(settings), settings.model_dump_json(), str(settings.model_dump())):
        assert TOKEN not in shown
        assert "webhook-secret-value" not in shown


def test_an_error_in_another_setting_does_not_show_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUOTEBOT_TELEGRAM_TOKEN", TOKEN)
    monkeypatch.setenv("QUOTEBOT_MAX_QUOTES", "0")
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    assert TOKEN not in str(caught.value)


@pytest.mark.parametrize("field", ["corpus_dir", "cache_dir", "heartbeat_file", "webhook_url", "threads"])
def test_an_empty_value_means_unset(monkeypatch: pytest.MonkeyPatch, field: str) -> None:
    monkeypatch.setenv(f"QUOTEBOT_{field.upper()}", "  ")
    assert getattr(Settings(_env_file=None), field) is None


def test_paths_and_log_level_are_normalised(make_settings: MakeSettings, tmp_path: Path) -> None:
    settings = make_settings(corpus_dir=str(tmp_path), log_level="debug")
    assert settings.corpus_dir == tmp_path
    assert settings.log_level == "DEBUG"


def test_settings_are_frozen(make_settings: MakeSettings) -> None:
    settings: Any = make_settings()
    with pytest.raises(ValidationError):
        settings.max_quotes = 4


@pytest.mark.parametrize(
    ("raw", "kept"),
    [("s3cret_Token-1", True), ("", False), ("has space", None), ("x" * 257, None), ("ünï", None)],
    ids=["valid", "empty-means-unset", "space", "too-long", "non-ascii"],
)
def test_webhook_secret_uses_telegrams_character_set(
    monkeypatch: pytest.MonkeyPatch, raw: str, kept: bool | None
) -> None:
    monkeypatch.setenv("QUOTEBOT_WEBHOOK_SECRET", raw)
    if kept is None:
        with pytest.raises(SettingsError, match="QUOTEBOT_WEBHOOK_SECRET"):
            load_settings(_env_file=None)
        return
    secret = load_settings(_env_file=None).webhook_secret
    assert (secret.get_secret_value() if secret else None) == (raw if kept else None)
