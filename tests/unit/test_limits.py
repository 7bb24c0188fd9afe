"""Rate limits per client and per session (issue #7): 429 is still an answer with the
emergency card, fitted to a crisis in the text, and says when to try again."""
import pytest

from bot.services.ratelimit import DailySalt, RateLimiter
from limits.aio.storage import MemoryStorage

SID = "abcdefgh"


def test_session_limit_answers_429_with_the_emergency_card(make_client, fake_rasa):
    with make_client(rate_limit_session="2/minute") as client:
        for _ in range(2):
            assert client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"}).status_code == 200
        reply = client.post("/api/v1/chat", json={"session_id": SID, "text": "je veux mourir"})
        other = client.post("/api/v1/chat", json={"session_id": "otherSession1", "text": "bonjour"})
    assert reply.status_code == 429
    assert 1 <= int(reply.headers["retry-after"]) <= 60
    body = reply.json()
    assert body["degraded"] is True and body["crisis"] is True and body["language"] == "fr"
    hrefs = {link["href"] for m in body["messages"] for r in m["resources"] for link in r["links"]}
    assert {"tel:3114", "tel:112"} <= hrefs
    assert body["messages"][0]["text"]
    assert len(fake_rasa.received) == 3  # the limited message never reached Rasa
    assert other.status_code == 200  # another conversation is not limited by this one


def test_client_limit_counts_every_session_and_event(make_client):
    with make_client(rate_limit_client="3/minute") as client:
        codes = [client.post("/api/v1/chat", json={"session_id": f"session{i:03d}", "text": "bonjour"}).status_code
                 for i in range(3)]
        event = client.post("/api/v1/events", json={"event": "handoff_click", "resource": "snated-119"})
    assert codes == [200, 200, 200]
    assert event.status_code == 429 and event.json()["error"]["message"]
    assert "retry-after" in event.headers


def test_forgetting_a_session_clears_its_counters(make_client):
    with make_client(rate_limit_session="2/minute") as client:
        for _ in range(2):
            client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"})
        assert client.delete(f"/api/v1/sessions/{SID}").status_code == 204
        assert client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"}).status_code == 200


@pytest.mark.anyio
async def test_client_key_is_a_salted_hash_that_changes_with_the_salt():
    one = RateLimiter(MemoryStorage(), DailySalt(None), "10/minute", "10/minute")
    two = RateLimiter(MemoryStorage(), DailySalt(None), "10/minute", "10/minute")
    key = await one.client_key("203.0.113.7")
    assert "203.0.113.7" not in key and key == await one.client_key("203.0.113.7")
    assert key != await two.client_key("203.0.113.7")  # another salt (another day): unlinkable


@pytest.mark.anyio
async def test_a_failing_limit_store_never_fails_the_forgetting():
    """Counters expire with their window: a Redis hiccup while clearing them must not turn
    "efface tout" into an error, nor stop the tracker from being deleted (it is deleted first)."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    class Broken(MemoryStorage):
        async def clear(self, key):
            raise RedisConnectionError("down")

    limiter = RateLimiter(Broken(), DailySalt(None), "10/minute", "5/minute")
    await limiter.forget(SID)


@pytest.mark.anyio
async def test_in_memory_counters_are_swept_once_a_second_not_after_every_hit(monkeypatch):
    """With thousands of conversations, a sweep through every counter after every hit cost more
    than the turn itself; the limits still hold between sweeps."""
    from limits.aio.storage import MemoryStorage

    from bot.services.ratelimit import SweepingMemoryStorage

    sweeps = []

    async def counted_sweep(self):
        sweeps.append(1)

    monkeypatch.setattr(MemoryStorage, "_MemoryStorage__schedule_expiry", counted_sweep)
    limiter = RateLimiter(SweepingMemoryStorage(), DailySalt(None), "1000/minute", "3/minute")
    answers = [await limiter.retry_after("203.0.113.7", f"s{i % 50}") for i in range(200)]
    assert len(sweeps) == 1  # at creation; 200 hits later, still inside the same second
    assert answers[:150].count(None) == 150 and all(wait for wait in answers[150:])  # 3 per session
