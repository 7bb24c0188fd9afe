"""Typed settings, read once from the environment (prefix BALISE_ unless stated)."""
from functools import lru_cache
from pathlib import Path

from pydantic import Field
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
    frame_ancestors: list[str] = []
    """Partner origins allowed to frame the chat (besides the gateway's own origin)."""
    data_dir: Path = PROJECT_ROOT / "data"
    web_dir: Path = PROJECT_ROOT / "web"


@lru_cache
def get_settings() -> Settings:
    return Settings()
