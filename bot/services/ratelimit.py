"""Rate limits per client and per conversation (the `limits` library; Redis when shared).

The client is never stored as an address: it is a hash of the address with a random salt that
changes every day (kept in Redis for a day and a half so every gateway uses the same one, or
in memory). Once a day's salt is gone, nobody can tell which address a counter belonged to.
A failing limit store never blocks a message: the conversation's own fail-safe handles Redis.
"""
import hashlib
import logging
import math
import secrets
import time
from datetime import datetime, timezone

from limits import RateLimitItem, parse_many
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import SlidingWindowCounterRateLimiter
from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.services.redis_options import redis_options

log = logging.getLogger("balise.limits")
SALT_KEY = "balise:salt:"
SALT_TTL_SECONDS = 36 * 3600


class DailySalt:
    """A random salt per UTC day, shared through Redis when there is one."""

    def __init__(self, redis: Redis | None):
        self.redis = redis
        self._day: str | None = None
        self._salt = b""

    async def current(self) -> bytes:
        day = datetime.now(timezone.utc).strftime("%Y-%m-%d")
        if day != self._day:
            salt = secrets.token_hex(16)
            if self.redis is not None:
                await self.redis.set(SALT_KEY + day, salt, nx=True, ex=SALT_TTL_SECONDS)
                shared = await self.redis.get(SALT_KEY + day)  # another gateway's, if it was first
                salt = shared.decode() if shared else salt
            self._day, self._salt = day, salt.encode()
        return self._salt


class SweepingMemoryStorage(MemoryStorage):
    """limits' in-memory storage, sweeping expired counters at most once a second.

    The library starts a sweep through every counter after every hit; with thousands of
    conversations in the last minutes, that sweep cost more than the rest of a turn. Expired
    counters are already ignored when read, so the sweep only frees memory.
    """

    SWEEP_SECONDS = 1.0
    _last_sweep = float("-inf")

    async def _MemoryStorage__schedule_expiry(self) -> None:  # the library's private hook
        now = time.monotonic()
        if now - self._last_sweep >= self.SWEEP_SECONDS:
            self._last_sweep = now
            await super()._MemoryStorage__schedule_expiry()


class RateLimiter:
    def __init__(self, storage: Storage, salt: DailySalt, per_client: str, per_session: str):
        self.limiter = SlidingWindowCounterRateLimiter(storage)
        self.salt = salt
        self.per_client: list[RateLimitItem] = parse_many(per_client)
        self.per_session: list[RateLimitItem] = parse_many(per_session)

    @classmethod
    def build(cls, redis_url: str | None, redis: Redis | None, per_client: str, per_session: str) -> "RateLimiter":
        storage = (
            RedisStorage("async+" + redis_url, implementation="redispy", key_prefix="balise:limits",
                         **redis_options())
            if redis_url
            else SweepingMemoryStorage()
        )
        return cls(storage, DailySalt(redis), per_client, per_session)

    async def client_key(self, address: str) -> str:
        return hashlib.sha256(await self.salt.current() + address.encode()).hexdigest()[:32]

    async def retry_after(self, address: str, session_id: str | None = None) -> int | None:
        """Counts one request; None when allowed, else the seconds to wait."""
        try:
            checks = [(item, "client", await self.client_key(address)) for item in self.per_client]
            if session_id is not None:
                checks += [(item, "session", session_id) for item in self.per_session]
            for item, scope, key in checks:
                if not await self.limiter.hit(item, scope, key):
                    stats = await self.limiter.get_window_stats(item, scope, key)
                    log.warning("rate_limited", extra={"scope": scope, "limit": str(item)})
                    return max(1, math.ceil(stats.reset_time - time.time()))
        except RedisError as exc:
            log.warning("rate_limit_store_unavailable", extra={"error": type(exc).__name__})
        return None

    async def forget(self, session_id: str) -> None:
        """The session's counters go with the rest of the conversation. They hold no text and
        expire with their window, so a store that fails here must not fail the forgetting."""
        try:
            for item in self.per_session:
                await self.limiter.clear(item, "session", session_id)
        except RedisError as exc:
            log.warning("rate_limit_store_unavailable", extra={"error": type(exc).__name__})
