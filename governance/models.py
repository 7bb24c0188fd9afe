"""Schemas of the governance data files (data/content/*.yml), validated on every load."""
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

TimeSensitive = Literal["hours", "numbers", "law", "figures"]


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    seed: str | None = None
    section: str | None = None
    url: str | None = None

    @model_validator(mode="after")
    def names_a_document(self) -> "Source":
        if not (self.url or (self.seed and self.section)):
            raise ValueError("a source is a seed file with its section, or an official URL")
        return self


class ContentRecord(BaseModel):
    """What a response says and where it comes from (data/content/sources.yml)."""

    model_config = ConfigDict(extra="forbid")
    sources: list[Source] = []
    facts: Literal["none"] | None = None
    """`none`: the response states no fact (a menu, a question), so it needs no source."""
    time_sensitive: list[TimeSensitive] = []
    audience: Literal["adult"] | None = None
    """`adult`: the response only ever speaks to adults, in "vous" (e.g. misuse)."""

    @property
    def sourced(self) -> bool:
        return bool(self.sources) or self.facts == "none"


class Review(BaseModel):
    """One reviewer's reading of one exact text (data/content/reviews.yml)."""

    model_config = ConfigDict(extra="forbid")
    hash: str = Field(pattern=r"^[0-9a-f]{16}$")
    role: str
    reviewed_on: date
    expires_on: date | None = None


class Role(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str
    external: bool
    """True for association reviewers (educators, lawyers, survivors); False for the team."""


class ForbiddenTerm(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pattern: str
    why: str
    source: str
