"""Anonymous daily counters: how many conversations and messages per topic, crises, fallbacks,
hand-offs shown and clicked, languages. Counts only: no session id, no text, no address.

Fields of one day: `topic:<topic>:<counter>`, `language:<code>`, `resource:<id>:<shown|clicked>`.
Every name comes from a closed set (the topic taxonomy, the detector's languages, the
directory's ids), so nobody can write arbitrary keys. In Redis (shared by every gateway, kept
`retention_days`) or in memory.
"""
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone
from typing import Callable, Protocol

from redis.asyncio import Redis

KEY_PREFIX = "balise:stats:"
TOPIC_COUNTERS = ("sessions", "messages", "crisis", "fallback", "handoff_shown", "degraded")


class StatsStore(Protocol):
    async def add(self, day: str, counts: Counter) -> None: ...
    async def read(self, days: list[str]) -> dict[str, dict[str, int]]: ...


class MemoryStatsStore:
    def __init__(self, retention_days: int):
        self.retention_days = retention_days
        self._days: dict[str, Counter] = defaultdict(Counter)

    async def add(self, day: str, counts: Counter) -> None:
        self._days[day].update(counts)
        oldest = (date.fromisoformat(day) - timedelta(days=self.retention_days)).isoformat()
        for old in [d for d in self._days if d < oldest]:
            del self._days[old]

    async def read(self, days: list[str]) -> dict[str, dict[str, int]]:
        return {d: dict(self._days[d]) for d in days if d in self._days}


class RedisStatsStore:
    def __init__(self, redis: Redis, retention_days: int):
        self.redis = redis
        self.ttl = retention_days * 86400

    async def add(self, day: str, counts: Counter) -> None:
        async with self.redis.pipeline(transaction=False) as pipe:
            for name, n in counts.items():
                pipe.hincrby(KEY_PREFIX + day, name, n)
            pipe.expire(KEY_PREFIX + day, self.ttl)
            await pipe.execute()

    async def read(self, days: list[str]) -> dict[str, dict[str, int]]:
        out = {}
        for d in days:
            raw = await self.redis.hgetall(KEY_PREFIX + d)
            if raw:
                out[d] = {k.decode(): int(v) for k, v in raw.items()}
        return out


class Stats:
    def __init__(self, store: StatsStore, retention_days: int,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.store = store
        self.retention_days = retention_days
        self.clock = clock

    def today(self) -> str:
        return self.clock().date().isoformat()

    async def turn(self, topic: str, language: str, *, new_in_topic: bool, crisis: bool, fallback: bool,
                   resources: list[str], degraded: bool) -> None:
        counts = Counter({f"topic:{topic}:messages": 1, f"language:{language}": 1})
        flags = {"sessions": new_in_topic, "crisis": crisis, "fallback": fallback,
                 "handoff_shown": bool(resources), "degraded": degraded}
        counts.update({f"topic:{topic}:{name}": 1 for name, on in flags.items() if on})
        counts.update({f"resource:{r}:shown": 1 for r in set(resources)})
        await self.store.add(self.today(), counts)

    async def click(self, resource: str) -> None:
        await self.store.add(self.today(), Counter({f"resource:{resource}:clicked": 1}))

    async def days(self, n: int) -> list[dict]:
        """The last n days (today included), newest first, shaped for the API."""
        today = self.clock().date()
        names = [(today - timedelta(days=i)).isoformat() for i in range(min(n, self.retention_days))]
        raw = await self.store.read(names)
        return [shape(d, raw[d]) for d in names if d in raw]


def shape(day: str, fields: dict[str, int]) -> dict:
    topics: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(TOPIC_COUNTERS, 0))
    languages: dict[str, int] = {}
    handoffs: dict[str, dict[str, int]] = defaultdict(lambda: {"shown": 0, "clicked": 0})
    for name, n in fields.items():
        kind, _, rest = name.partition(":")
        if kind == "topic":
            topic, _, counter = rest.rpartition(":")
            topics[topic][counter] = n
        elif kind == "language":
            languages[rest] = n
        elif kind == "resource":
            resource, _, counter = rest.rpartition(":")
            handoffs[resource][counter] = n
    return {"day": day, "topics": dict(sorted(topics.items())), "languages": dict(sorted(languages.items())),
            "handoffs": dict(sorted(handoffs.items()))}
