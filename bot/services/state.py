"""What the gateway keeps about a session: the payloads it offered, the language and the
topics already reached (so the daily statistics count a conversation once per topic).

Nothing else. Same idle expiry as Rasa's tracker. In memory by default, in Redis when
REDIS_URL is set (so several gateways share it and a restart loses nothing).
"""
import json
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Protocol

from redis.asyncio import Redis

KEY_PREFIX = "balise:gw:"


@dataclass
class SessionData:
    language: str | None = None
    offered: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)

    def dumps(self) -> str:
        return json.dumps({"language": self.language, "offered": sorted(self.offered), "topics": sorted(self.topics)})

    @classmethod
    def loads(cls, raw: str | bytes | None) -> "SessionData":
        if not raw:
            return cls()
        data = json.loads(raw)
        return cls(data.get("language"), set(data.get("offered", [])), set(data.get("topics", [])))


class SessionStore(Protocol):
    async def load(self, session_id: str) -> SessionData: ...
    async def save(self, session_id: str, data: SessionData) -> None: ...
    async def forget(self, session_id: str) -> None: ...
    async def ping(self) -> bool: ...


class MemorySessionStore:
    """Sessions in saving order, so the oldest, the first to expire, are always at the front:
    each save drops the expired ones there, without looking through the live ones."""

    def __init__(self, ttl_seconds: int, clock=time.monotonic):
        self.ttl = ttl_seconds
        self.clock = clock
        self._items: OrderedDict[str, tuple[float, str]] = OrderedDict()

    async def load(self, session_id: str) -> SessionData:
        item = self._items.get(session_id)
        if item is None or item[0] < self.clock():
            self._items.pop(session_id, None)
            return SessionData()
        return SessionData.loads(item[1])

    async def save(self, session_id: str, data: SessionData) -> None:
        now = self.clock()
        self._items[session_id] = (now + self.ttl, data.dumps())
        self._items.move_to_end(session_id)
        while next(iter(self._items.values()))[0] < now:
            self._items.popitem(last=False)

    async def forget(self, session_id: str) -> None:
        self._items.pop(session_id, None)

    async def ping(self) -> bool:
        return True


class RedisSessionStore:
    def __init__(self, redis: Redis, ttl_seconds: int):
        self.redis = redis
        self.ttl = ttl_seconds

    async def load(self, session_id: str) -> SessionData:
        return SessionData.loads(await self.redis.get(KEY_PREFIX + session_id))

    async def save(self, session_id: str, data: SessionData) -> None:
        await self.redis.set(KEY_PREFIX + session_id, data.dumps(), ex=self.ttl)

    async def forget(self, session_id: str) -> None:
        await self.redis.delete(KEY_PREFIX + session_id)

    async def ping(self) -> bool:
        return bool(await self.redis.ping())
