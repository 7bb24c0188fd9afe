"""A service as the API shows it: deep links, hours in words, open now, when it opens next.

Every word comes from data/directory/labels.yml in the answer's language; the service's own
texts (what it is for, its cost, what happens when you contact them) are written in neutral
French, with an English translation (`english`) for answers in English; the name is not translated.
"""
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

import yaml

from bot.directory.hours import PARIS, DAYS, is_open, next_opening
from bot.directory.models import Hours, Service


@dataclass(frozen=True)
class Labels:
    by_language: dict[str, dict]

    @classmethod
    def from_file(cls, path: Path) -> "Labels":
        return cls(yaml.safe_load(path.read_text(encoding="utf-8")))

    def of(self, language: str) -> dict:
        return self.by_language.get(language) or self.by_language["fr"]


def clock_time(t: time, words: dict) -> str:
    return (words["hour_minutes"] if t.minute else words["hour"]).format(h=t.hour, m=t.minute)


def describe(hours: Hours, words: dict) -> str:
    if not hours.known:
        return words["unknown_hours"]
    if hours.always_open:
        return words["always_open"]
    parts = []
    for slot in hours.weekly:
        days = words["every_day"] if len(slot.days) == 7 else ", ".join(words["days"][DAYS.index(d)] for d in slot.days)
        parts.append(words["slot"].format(days=days, open=clock_time(slot.open, words), close=clock_time(slot.close, words)))
    return " ; ".join(parts)


def opening_label(opens: datetime, at: datetime, words: dict) -> str:
    """« ouvre à 9 h », « ouvre demain à 9 h », « ouvre lundi à 9 h »."""
    ahead = (opens.date() - at.astimezone(PARIS).date()).days
    when = clock_time(opens.time(), words)
    if ahead == 0:
        return words["opens_today"].format(time=when)
    if ahead == 1:
        return words["opens_tomorrow"].format(time=when)
    return words["opens_on"].format(day=words["days"][opens.weekday()], time=when)


def links(service: Service, words: dict) -> list[dict]:
    ch = service.channels
    found = []
    if ch.phone:
        found.append({"type": "call", "label": words["call"].format(number=ch.phone), "href": "tel:" + ch.phone.replace(" ", "")})
    if ch.sms:
        found.append({"type": "sms", "label": words["sms"].format(number=ch.sms), "href": "sms:" + ch.sms.replace(" ", "")})
    if ch.chat:
        found.append({"type": "chat", "label": words["chat"], "href": ch.chat})
    if ch.website:
        found.append({"type": "website", "label": words["website"], "href": ch.website})
    return found


def card(service: Service, at: datetime, words: dict, open_alternative: str | None = None, language: str = "fr") -> dict:
    opens = next_opening(service.hours, at)
    texts = service.english if language == "en" and service.english else service
    return {
        "id": service.id,
        "name": service.name,
        "short": texts.short,
        "kind": service.kind,
        "links": links(service, words),
        "open_now": is_open(service.hours, at),
        "always_open": service.hours.always_open,
        "hours": describe(service.hours, words),
        "opens_at": opens.isoformat() if opens else None,
        "next_open": opening_label(opens, at, words) if opens else None,
        "open_alternative": open_alternative,
        "cost": texts.cost,
        "what_happens": texts.what_happens,
        "sources": service.sources,
        "verified_on": service.verified_on.isoformat(),
    }
