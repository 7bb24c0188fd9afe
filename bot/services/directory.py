"""The hand-off directory (data/directory/services.yml): verified services only, as cards.

Responses name services by id; this module turns ids into the objects the API returns
(channels as deep links, open now, what happens when you contact them). An id that is unknown,
not verified or whose check is too old is dropped: it never reaches a user.
"""
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict

PARIS = ZoneInfo("Europe/Paris")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_VERIFICATION_AGE = timedelta(days=183)


class Slot(BaseModel):
    model_config = ConfigDict(extra="forbid")
    days: list[Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]]
    open: time
    close: time


class Hours(BaseModel):
    """Opening hours; neither always open nor weekly slots means the hours are not verified."""

    model_config = ConfigDict(extra="forbid")
    always_open: bool = False
    weekly: list[Slot] = []

    @property
    def known(self) -> bool:
        return self.always_open or bool(self.weekly)

    def is_open(self, at: datetime) -> bool | None:
        if not self.known:
            return None
        if self.always_open:
            return True
        local = at.astimezone(PARIS)
        day = DAYS[local.weekday()]
        return any(day in s.days and s.open <= local.time() < s.close for s in self.weekly)

    def describe(self) -> str:
        if not self.known:
            return "Horaires non vérifiés"
        if self.always_open:
            return "24 h/24, 7 j/7"
        parts = []
        for s in self.weekly:
            days = "7 j/7" if len(s.days) == 7 else ", ".join(s.days)
            parts.append(f"{days}, {s.open:%H} h – {s.close:%H} h")
        return " ; ".join(parts)


class Channels(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phone: str | None = None
    sms: str | None = None
    chat: str | None = None
    website: str | None = None


class Service(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    short: str
    kind: Literal["emergency", "helpline", "online", "association"]
    confidence: Literal["verified", "likely", "unverified"]
    verified_on: date
    channels: Channels
    hours: Hours
    cost: str = ""
    what_happens: str
    sources: list[str]

    def shown_on(self, today: date) -> bool:
        return self.confidence == "verified" and today - self.verified_on <= MAX_VERIFICATION_AGE

    def card(self, at: datetime) -> dict:
        ch = self.channels
        links = []
        if ch.phone:
            links.append({"type": "call", "label": f"Appeler le {ch.phone}", "href": "tel:" + ch.phone.replace(" ", "")})
        if ch.sms:
            links.append({"type": "sms", "label": f"SMS au {ch.sms}", "href": "sms:" + ch.sms.replace(" ", "")})
        if ch.chat:
            links.append({"type": "chat", "label": "Tchat", "href": ch.chat})
        if ch.website:
            links.append({"type": "website", "label": "Site", "href": ch.website})
        return {
            "id": self.id,
            "name": self.name,
            "short": self.short,
            "kind": self.kind,
            "links": links,
            "open_now": self.hours.is_open(at),
            "always_open": self.hours.always_open,
            "hours": self.hours.describe(),
            "cost": self.cost,
            "what_happens": self.what_happens,
        }


class Directory:
    def __init__(self, services: list[Service]):
        self._by_id = {s.id: s for s in services}

    @classmethod
    def from_file(cls, path: Path) -> "Directory":
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls([Service.model_validate(entry) for entry in raw])

    def cards(self, ids: list[str], at: datetime) -> list[dict]:
        shown = []
        for service_id in dict.fromkeys(ids):
            service = self._by_id.get(service_id)
            if service and service.shown_on(at.astimezone(PARIS).date()):
                shown.append(service.card(at))
        return shown
