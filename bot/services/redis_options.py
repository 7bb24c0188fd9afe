"""How every Redis client of the gateway connects: a short timeout, and one quick retry on a
dropped connection, so that the first command after Redis restarts (a pooled connection that
died with it) does not fail a person's message or their "forget me"."""
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError, TimeoutError


def redis_options() -> dict:
    return {"socket_timeout": 2, "retry": Retry(NoBackoff(), 1), "retry_on_error": [ConnectionError, TimeoutError]}
