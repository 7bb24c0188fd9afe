"""Typed settings, read once from the environment (prefix BALISE_ unless stated)."""
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BALISE_", extra="ignore")

    rasa_urls: list[str] = Field(default=["http://127.0.0.1:5005"])
    """Rasa replicas; a session is routed to one of them by a hash of its id."""
    rasa_token: str = "change-me-local-only"
    """Shared secret between the gateway and Rasa (channel and HTTP API)."""
    actions_url: str = "http://127.0.0.1:5055"
    redis_url: str | None = Field(default=None, validation_alias="REDIS_URL")
    session_ttl_seconds: int = 1800
    """Idle expiry of everything kept about a conversation, here and in Rasa."""
    rasa_timeout_seconds: float = 4.0
    """Time budget for one turn towards Rasa, retries included, before the fail-safe answer."""
    rasa_attempts: int = Field(default=2, ge=1, le=4)
    """Tries per turn when a replica refuses the connection (the next replica takes the retry)."""
    partner_origins: list[str] = []
    """Partner origins allowed to frame the chat and call the API (read in bot/security.py)."""
    rate_limit_client: str = "1200/minute"
    """Per client address (salted, daily-rotating hash); generous: a school shares one address."""
    rate_limit_session: str = "30/minute"
    """Per conversation; far above what a person types or clicks (windows stay under the session TTL)."""
    max_body_bytes: int = 65536
    """Larger request bodies are refused (413) before any parsing."""
    metrics_token: SecretStr | None = None
    """Bearer token for /metrics; without one, /metrics does not exist."""
    stats_retention_days: int = 90
    """How long the anonymous daily aggregates are kept."""
    data_dir: Path = PROJECT_ROOT / "data"
    web_dir: Path = PROJECT_ROOT / "web"


@lru_cache
def get_settings() -> Settings:
    return Settings()
