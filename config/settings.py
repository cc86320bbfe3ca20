"""One Settings object, built once by the entrypoint and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class SettingsError(Exception):
    """A setting has a value Quotebot cannot use; the message is one line for the user."""


class Settings(BaseSettings):
    """Everything a user can configure, with its bounds."""

    model_config = SettingsConfigDict(
        env_prefix="QUOTEBOT_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        frozen=True,
    )

    # Corpus and index
    corpus_dir: Path | None = Field(
        default=None, description="Folder of .txt/.md articles; the bundled corpus when unset."
    )
    cache_dir: Path | None = Field(default=None, description="Where the built index is cached; no cache when unset.")
    build_workers: int | None = Field(
        default=None, ge=1, le=256, description="Processes that split a large corpus; every core when unset."
    )

    # Answers
    max_quotes: int = Field(default=3, ge=1, le=10, description="Most quotes in one answer.")
    max_question_length: int = Field(
        default=1000, ge=10, le=100_000, description="Longest question accepted, in characters."
    )
    min_coverage: float = Field(
        default=0.5,
        ge=0.0,
        le=1.0,
        description="Share of the question's weighted content terms a quote must cover to be answered.",
    )
    candidates: int = Field(default=50, ge=1, le=1000, description="Ranked sentences the answer builder considers.")
    bm25_k1: float = Field(default=1.5, gt=0.0, le=5.0, description="BM25 term-frequency saturation.")
    bm25_b: float = Field(default=0.75, ge=0.0, le=1.0, description="BM25 length normalisation.")

    # Telegram
    telegram_token: SecretStr | None = Field(default=None, description="Bot token from BotFather.")
    telegram_base_url: str = Field(
        default="https://api.telegram.org/bot", description="Bot API base URL (for a local Bot API server)."
    )
    allowed_chat_ids: Annotated[frozenset[int], NoDecode] = Field(
        default=frozenset(), description="Comma-separated chat ids allowed to use the bot; empty allows all."
    )
    webhook_url: str | None = Field(default=None, description="Public HTTPS URL; enables webhook mode.")
    webhook_secret: SecretStr | None = Field(
        default=None, description="Secret token Telegram sends with each webhook request."
    )
    webhook_listen: str = Field(default="0.0.0.0", description="Address the webhook server binds.")  # noqa: S104
    webhook_port: int = Field(default=8443, ge=1, le=65535, description="Port the webhook server binds.")
    heartbeat_file: Path | None = Field(
        default=None, description="File the running bot touches regularly, for container health checks."
    )
    log_level: LogLevel = Field(default="INFO", description="Logging level.")

    @field_validator("allowed_chat_ids", mode="before")
    @classmethod
    def _split_chat_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [part.strip() for part in value.replace(";", ",").split(",")]
            return frozenset(int(part) for part in parts if part)
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("corpus_dir", "cache_dir", "heartbeat_file", "webhook_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


def load_settings(**overrides: object) -> Settings:
    """Build Settings from the environment and .env, turning validation errors into one line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "settings"
        env_name = f"QUOTEBOT_{field.upper()}"
        raise SettingsError(f"invalid setting {env_name}: {first['msg']}") from None
    except ValueError as exc:  # e.g. a .env line pydantic-settings cannot parse
        raise SettingsError(f"invalid settings: {exc}") from None
