"""The directory's schema: what a service or partner file must say to be loaded at all.

A file that breaks it stops the gateway at start-up (and fails the unit tests), so a typo never
reaches a user as a wrong number or a wrong hour.
"""
from datetime import date, time, timedelta
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

MAX_VERIFICATION_AGE = timedelta(days=183)  # about 6 months: older checks are hidden
HTTPS = r"^https://\S+$"
ORIGIN = r"^https://[a-z0-9.-]+(:[0-9]{1,5})?$"
Day = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
DEPARTEMENT = r"^(0[1-9]|1[0-9]|2[1-9AB]|[3-8][0-9]|9[0-5]|97[1-6])$"
"""01-95 (no 20: Corsica is 2A and 2B) and the overseas départements 971-976; never an address."""
Departement = Annotated[str, StringConstraints(pattern=DEPARTEMENT)]


class Slot(BaseModel):
    """One opening window, Europe/Paris wall-clock time, within one day."""

    model_config = ConfigDict(extra="forbid")
    days: list[Day] = Field(min_length=1)
    open: time
    close: time

    @model_validator(mode="after")
    def opens_before_closing(self) -> "Slot":
        if self.open >= self.close:
            raise ValueError("a slot must open before it closes, on the same day")
        return self


class Hours(BaseModel):
    """Neither `always_open` nor weekly slots: the sources do not agree, hours stay unknown."""

    model_config = ConfigDict(extra="forbid")
    always_open: bool = False
    weekly: list[Slot] = []

    @model_validator(mode="after")
    def one_kind(self) -> "Hours":
        if self.always_open and self.weekly:
            raise ValueError("always_open and weekly slots exclude each other")
        return self

    @property
    def known(self) -> bool:
        return self.always_open or bool(self.weekly)


class Channels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phone: str | None = Field(default=None, pattern=r"^[0-9 ]{2,20}$")
    sms: str | None = Field(default=None, pattern=r"^[0-9 ]{2,20}$")
    chat: str | None = Field(default=None, pattern=HTTPS)
    website: str | None = Field(default=None, pattern=HTTPS)


class ServiceTexts(BaseModel):
    """A service's own words in another language (a translation of the French ones, no fact added)."""
    model_config = ConfigDict(extra="forbid")
    short: str
    cost: str = ""
    what_happens: str


class Service(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9-]{1,64}$")
    name: str
    short: str
    kind: Literal["emergency", "helpline", "online", "association", "partner"]
    confidence: Literal["verified", "likely", "unverified"]
    verified_on: date
    """The day the entry was last checked against its sources (for every confidence level)."""
    channels: Channels
    hours: Hours
    cost: str = ""
    what_happens: str
    english: ServiceTexts | None = None
    """The same texts in English, for answers in English (French when absent)."""
    sources: list[str] = Field(min_length=1)
    audiences: list[Literal["teen", "parent", "friend", "professional"]] = []
    """Who the service is for, when its sources restrict it; empty: everyone."""
    departements: list[Departement] | None = None
    """Départements served; None: the whole country."""
    open_alternative: str | None = None
    """Open service offered next to this one while it is closed (else the directory's default)."""

    def shown_on(self, today: date) -> bool:
        return self.confidence == "verified" and today - self.verified_on <= MAX_VERIFICATION_AGE

    def serves(self, departement: str | None) -> bool:
        """A local service is shown only to someone who said they live where it works."""
        return self.departements is None or departement in self.departements


class Partner(Service):
    """An association that embeds the widget (data/partners/<id>.yml): its own service, first."""

    kind: Literal["partner"] = "partner"
    departements: list[Departement]
    allowed_origins: list[Annotated[str, StringConstraints(pattern=ORIGIN)]] = Field(min_length=1)
    """Web origins (scheme, host, port: no path) whose pages may embed the widget as this partner."""
