"""Every setting in one place: environment variables (or a `.env` file) with the `COMPANION_` prefix,
plus the standard `OPENAI_API_KEY` / `OPENAI_BASE_URL` that OpenAI-compatible tools already use."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from companion.domain import Language

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="COMPANION_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Everything the app writes lives under it.")
    knowledge_dir: Path = Field(default=REPO_ROOT / "knowledge", description="The curated library.")
    prompts_dir: Path = Field(default=REPO_ROOT / "prompts")
    chroma_path: Path | None = Field(default=None, description="Defaults to <data_dir>/chroma.")
    chroma_url: str | None = Field(
        default=None, description="A Chroma server (http://host:port) instead of the embedded store."
    )
    database_url: str | None = Field(
        default=None,
        description="Any SQLAlchemy URL (postgresql+psycopg://...); default: SQLite in the data directory.",
    )
    collection: str = "knowledge"
    company_collection: str = "company"
    default_language: Language = "en"
    log_level: str = Field(default="INFO", description="DEBUG, INFO, WARNING or ERROR (COMPANION_LOG_LEVEL).")

    # Generation: the offline composer unless an OpenAI-compatible endpoint is configured.
    openai_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "COMPANION_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "COMPANION_OPENAI_BASE_URL")
    )
    llm_model: str = "gpt-4o-mini"
    llm_timeout_s: float = 30.0
    llm_max_retries: int = Field(default=2, ge=0, le=6, description="with exponential backoff; honours Retry-After")
    llm_temperature: float = 0.2
    llm_deadline_s: float = Field(default=45.0, gt=0, description="one answer, retries included, start to end")
    llm_connect_timeout_s: float = Field(default=5.0, gt=0)
    llm_first_token_s: float = Field(default=20.0, gt=0, description="longest wait for any byte of the answer")
    llm_concurrency: int = Field(default=4, ge=1, description="LLM calls at once; offline work is not counted")
    llm_breaker_failures: int = Field(default=3, ge=1, description="failures in a row that switch the LLM off")
    llm_breaker_cooldown_s: float = Field(default=60.0, gt=0, description="how long it stays off")
    llm_share_names: bool = Field(
        default=False, description="send the pair's names to the endpoint (off: they become 'the mentor'/'the manager')"
    )
    backend: Literal["auto", "offline", "llm"] = Field(
        default="auto", description="auto: the LLM when an endpoint is configured, else offline."
    )

    # Limits that keep bad input from hurting anyone.
    max_message_chars: int = 4000

    # The pair's journey: when HR hears about a pair, and optional e-mail reminders (off without an SMTP URL).
    stalled_after_weeks: int = Field(default=6, ge=1, le=52, description="no session held for this long: stalled")
    check_in_overdue_days: int = Field(default=7, ge=1, le=90, description="a held session's check-in is overdue")
    smtp_url: str | None = Field(
        default=None, description="smtp://user:password@host:587 (STARTTLS) or smtps://host:465; unset: no e-mail"
    )
    smtp_from: str = Field(default="companion@localhost", description="the From address of reminder e-mails")
    # Signing in: failures counted per account and per client address, kept in the database.
    signin_account_failures: int = Field(default=5, ge=1, description="failures before an account is locked")
    signin_address_failures: int = Field(default=20, ge=1, description="failures before an address is locked")
    signin_window_minutes: float = Field(default=15, gt=0, description="failures older than this are forgotten")
    signin_lockout_minutes: float = Field(default=15, gt=0, description="how long a lockout lasts")
    signin_concurrent_checks: int = Field(default=1, ge=1, description="password checks at once (64 MiB each)")
    session_idle_minutes: float = Field(default=30, gt=0, description="a session unused this long ends")
    session_max_hours: float = Field(default=12, gt=0, description="a session ends this long after sign-in")
    cookie_secure: Literal["auto", "always", "never"] = Field(
        default="auto", description="auto: Secure cookies when the request came over https"
    )
    trusted_proxy: bool = Field(default=False, description="take the client address from X-Forwarded-For")

    # Company uploads: each file is parsed in a child process under these limits.
    upload_max_mb: int = Field(default=20, ge=1, description="size of one uploaded file")
    upload_max_unpacked_mb: int = Field(default=100, ge=1, description="a .docx's members, uncompressed")
    upload_max_text_chars: int = Field(default=2_000_000, ge=1000, description="text extracted from one file")
    upload_parse_memory_mb: int = Field(default=768, ge=128, description="address space of the parsing process")
    upload_parse_seconds: float = Field(default=60.0, gt=0, description="wall-clock time to parse one file")
    session_state_capacity: int = Field(
        default=500,
        ge=10,
        description="browser sessions whose state the server keeps (~0.4 MiB each; the least recently used go first)",
    )
    file_cache_max_age_s: int = Field(
        default=3600, ge=1, description="files in Gradio's cache (uploads) older than this are deleted"
    )

    @property
    def parse_limits(self):
        from companion.parsing import ParseLimits

        return ParseLimits(
            max_bytes=self.upload_max_mb * 2**20,
            max_unpacked_bytes=self.upload_max_unpacked_mb * 2**20,
            max_text_chars=self.upload_max_text_chars,
            memory_bytes=self.upload_parse_memory_mb * 2**20,
            seconds=self.upload_parse_seconds,
        )

    @property
    def sign_in_policy(self):
        from datetime import timedelta

        from companion.store.signin import SignInPolicy

        return SignInPolicy(
            account_failures=self.signin_account_failures,
            address_failures=self.signin_address_failures,
            window=timedelta(minutes=self.signin_window_minutes),
            lockout=timedelta(minutes=self.signin_lockout_minutes),
            idle=timedelta(minutes=self.session_idle_minutes),
            absolute=timedelta(hours=self.session_max_hours),
            concurrent_checks=self.signin_concurrent_checks,
        )

    @cached_property
    def chroma_dir(self) -> Path:
        return self.chroma_path or self.data_dir / "chroma"

    @property
    def database(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'companion.db').resolve()}"

    @property
    def lexical_dir(self) -> Path:
        return self.data_dir / "bm25"

    @property
    def active_backend(self) -> Literal["offline", "llm"]:
        if self.backend == "auto":
            return "llm" if (self.openai_api_key or self.openai_base_url) else "offline"
        return self.backend
