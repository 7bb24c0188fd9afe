"""The public API's shapes (v1). Unknown fields are refused; limits are part of the contract."""
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.directory.models import Departement

SESSION_ID = r"^[A-Za-z0-9_-]{8,128}$"
MAX_TEXT_CHARS = 4000
"""Room for a long testimony (a crisis is often told at the end of one): refusing it would leave
the person with an error instead of help."""
Topic = Literal[
    "greeting", "sextortion", "grooming", "exploitation", "image_removal", "rights", "reporting",
    "talk_to_someone", "parent_concern", "friend_concern", "crisis", "misuse", "about_bot",
    "out_of_scope", "unknown",
]
Audience = Literal["teen", "parent", "friend", "professional", "unknown"]


class ChatRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    session_id: str = Field(pattern=SESSION_ID)
    text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT_CHARS)
    payload: str | None = Field(default=None, min_length=1, max_length=300)
    partner: str | None = Field(default=None, pattern=r"^[a-z0-9-]{1,64}$")
    language: Literal["fr", "en"] | None = None
    """The widget's interface language: the answer's language until the text says otherwise."""
    departement: Departement | None = None
    """Where to look for local help (a number, never an address); used for this turn only."""

    @model_validator(mode="after")
    def text_or_payload(self) -> "ChatRequest":
        if (self.text is None) == (self.payload is None):
            raise ValueError("text_xor_payload")
        if self.text is not None and not self.text.strip():
            raise ValueError("blank_text")
        return self


class EventRequest(BaseModel):
    """A click on a hand-off card, counted per day and service; nothing ties it to a person."""
    model_config = ConfigDict(extra="forbid")
    event: Literal["handoff_click"]
    resource: str = Field(pattern=r"^[a-z0-9-]{1,64}$")


class DayStats(BaseModel):
    day: str
    topics: dict[str, dict[str, int]]
    """Per topic: sessions (conversations that reached it), messages, crisis, fallback, handoff_shown, degraded."""
    languages: dict[str, int]
    """Messages per language."""
    handoffs: dict[str, dict[str, int]]
    """Per service id: cards shown and clicked."""


class StatsResponse(BaseModel):
    retention_days: int
    days: list[DayStats]


class Button(BaseModel):
    title: str
    payload: str


class Link(BaseModel):
    type: Literal["call", "sms", "chat", "website"]
    label: str
    href: str


class Resource(BaseModel):
    """A directory card (docs/directory.md); the same object in chat answers and /resources."""

    id: str
    name: str
    short: str
    kind: str
    links: list[Link]
    open_now: bool | None  # None: hours not verified
    always_open: bool
    hours: str
    opens_at: str | None = None  # closed now: next opening, ISO 8601 with the Paris offset
    next_open: str | None = None  # the same in words: « ouvre demain à 9 h »
    open_alternative: str | None = None  # closed now: id of the open service shown next to it
    cost: str
    what_happens: str
    sources: list[str] = []
    verified_on: str | None = None


class Summary(BaseModel):
    """« Copier mon résumé »: three lines from the topic, the audience and the suggested steps;
    never the person's words. Shown and copied only if they choose to; never sent anywhere."""

    lines: list[str] = Field(min_length=3, max_length=3)


class ResourceQuery(BaseModel):
    """GET /api/v1/resources' parameters; `at` without an offset is Paris time."""

    model_config = ConfigDict(extra="forbid")
    topic: Topic = "unknown"
    audience: Audience = "unknown"
    departement: Departement | None = None
    partner: str | None = Field(default=None, pattern=r"^[a-z0-9-]{1,64}$")
    at: datetime | None = None
    language: Literal["fr", "en"] = "fr"


class ResourcesResponse(BaseModel):
    at: str
    topic: Topic
    crisis: bool
    resources: list[Resource]


class Message(BaseModel):
    text: str
    buttons: list[Button] = []
    resources: list[Resource] = []


class ChatResponse(BaseModel):
    session_id: str
    messages: list[Message]
    topic: Topic
    audience: Audience
    crisis: bool
    language: str
    degraded: bool = False
    summary: Summary | None = None


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail
