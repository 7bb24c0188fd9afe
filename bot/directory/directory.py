"""The hand-off directory: which services a person is offered, in which order, right now.

Only entries that are `verified` and were checked less than about 6 months ago are ever shown:
every way out (chat answers, the fail-safe card, GET /api/v1/resources) goes through `_shown`.
An unknown id, a `likely` entry or an old check is dropped, never shown.
"""
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Callable

import yaml

from bot.directory.cards import Labels, card
from bot.directory.hours import PARIS, is_open
from bot.directory.models import Partner, Service
from bot.directory.ordering import arrange, with_open_alternatives


@dataclass(frozen=True)
class Handoff:
    """What decides a hand-off besides the ids: never the person's words."""

    at: datetime
    language: str = "fr"
    crisis: bool = False
    topic: str | None = None
    audience: str | None = None
    partner: str | None = None
    departement: str | None = None


@dataclass
class Directory:
    services: dict[str, Service]
    partners: dict[str, Partner]
    topics: dict[str, list[list[str]]]
    """Topic → services by relevance, in tiers (data/directory/handoff.yml)."""
    default_alternative: str
    labels: Labels
    clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
    """Real time, for the age of a check: a requested `at` in the past must not revive an entry."""

    @classmethod
    def load(cls, data: Path, partners: Path | None = None, **kwargs) -> "Directory":
        def read(path: Path):
            return yaml.safe_load(path.read_text(encoding="utf-8"))

        services = [Service.model_validate(entry) for entry in read(data / "directory" / "services.yml")]
        partner_files = sorted((partners or data / "partners").glob("*.yml"))
        rules = read(data / "directory" / "handoff.yml")
        directory = cls(
            services={s.id: s for s in services},
            partners={p.id: p for p in (Partner.model_validate(read(f)) for f in partner_files)},
            topics=rules["topics"],
            default_alternative=rules["open_alternative"],
            labels=Labels.from_file(data / "directory" / "labels.yml"),
            **kwargs,
        )
        directory.check_references()
        return directory

    def check_references(self) -> None:
        named = {i for tiers in self.topics.values() for tier in tiers for i in tier}
        named |= {s.open_alternative for s in self.services.values() if s.open_alternative}
        named |= {p.open_alternative for p in self.partners.values() if p.open_alternative}
        unknown = (named | {self.default_alternative}) - set(self.services)
        if unknown:
            raise ValueError(f"the directory names services it does not have: {sorted(unknown)}")
        clashes = set(self.partners) & set(self.services)
        if clashes:
            raise ValueError(f"partner ids clash with service ids: {sorted(clashes)}")

    def today(self) -> date:
        return self.clock().astimezone(PARIS).date()

    def _shown(self, ids: list[str], departement: str | None) -> list[Service]:
        today = self.today()
        found = (self.services.get(i) for i in dict.fromkeys(ids))
        return [s for s in found if s and s.shown_on(today) and s.serves(departement)]

    def shows(self, service_id: str) -> bool:
        """Whether a card with this id can be offered today (a service or a partner)."""
        return bool(self._shown([service_id], None) or self.partner(service_id))

    def partner_origins(self) -> list[str]:
        """Web origins of the partners shown today: they may frame the chat and call the API."""
        return [o for p in self.partners.values() if p.shown_on(self.today()) for o in p.allowed_origins]

    def partner(self, partner_id: str | None) -> Partner | None:
        partner = self.partners.get(partner_id or "")
        return partner if partner and partner.shown_on(self.today()) else None

    def _local(self, context: Handoff) -> list[Service]:
        """Associations of the topic that serve the person's département (none without one)."""
        if not context.departement:
            return []
        ids = [i for tier in self.topics.get(context.topic or "", []) for i in tier]
        return [s for s in self._shown(ids, context.departement) if s.departements]

    def _cards(self, services: list[Service], context: Handoff, alternatives: dict[str, str]) -> list[dict]:
        words = self.labels.of(context.language)
        return [card(s, context.at, words, alternatives.get(s.id), context.language) for s in services]

    def _alternative(self, service: Service) -> Service | None:
        shown = self._shown([service.open_alternative or self.default_alternative], None)
        return shown[0] if shown else None

    def _finish(self, tiers: list[list[Service]], partner: Service | None, context: Handoff) -> list[dict]:
        def open_now(s: Service) -> bool | None:
            return is_open(s.hours, context.at)

        ordered = arrange(tiers, partner, context.crisis, open_now)
        ordered, alternatives = with_open_alternatives(ordered, open_now, self._alternative)
        return self._cards(ordered, context, alternatives)

    def handoffs(self, id_lists: list[list[str]], context: Handoff) -> list[list[dict]]:
        """The cards of each message of one answer, from the ids the answer names.

        Local associations take the place of national ones (or join the first hand-off), and the
        partner joins the first hand-off: each is offered once per answer.
        """
        lists = [self._shown(ids, context.departement) for ids in id_lists]
        local = [s for s in self._local(context) if not any(s in lst for lst in lists)]
        placed = False
        for i, services in enumerate(lists):
            national = [s for s in services if s.kind == "association" and s.departements is None]
            if local and national:
                position = services.index(national[0])
                rest = [s for s in services if s not in national]
                lists[i] = rest[:position] + ([] if placed else local) + rest[position:]
                placed = True
        first = next((i for i, services in enumerate(lists) if services), None)
        if first is None:
            return [[] for _ in lists]
        if local and not placed:
            lists[first] = lists[first] + local
        partner = self.partner(context.partner)
        return [
            self._finish([[s] for s in services], partner if i == first else None, context) if services else []
            for i, services in enumerate(lists)
        ]

    def for_topic(self, context: Handoff) -> list[dict]:
        """GET /api/v1/resources: the services of a topic, by relevance tier."""
        tiers = [self._shown(tier, context.departement) for tier in self.topics[context.topic or "unknown"]]
        if context.audience and context.audience != "unknown":
            tiers = [[s for s in tier if not s.audiences or context.audience in s.audiences] for tier in tiers]
        if self._local(context):  # the local associations (kept by _shown) replace the national ones
            tiers = [[s for s in tier if not (s.kind == "association" and s.departements is None)] for tier in tiers]
        return self._finish([t for t in tiers if t], self.partner(context.partner), context)
