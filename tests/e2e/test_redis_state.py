"""With REDIS_URL, Rasa's tracker and the gateway's state are in Redis, with an expiry."""
import uuid

import httpx
import redis


def test_state_is_in_redis_with_expiry_and_forgotten(redis_stack, redis_server):
    sid = uuid.uuid4().hex
    reply = httpx.post(f"{redis_stack.url}/api/v1/chat", json={"session_id": sid, "text": "bonjour"}, timeout=30)
    assert reply.status_code == 200
    r = redis.Redis.from_url(redis_server.url)
    keys = {k.decode() for k in r.keys(f"*{sid}*")}
    assert f"balise:tracker:{sid}" in keys and f"balise:gw:{sid}" in keys
    for key in keys:
        assert 0 < r.ttl(key) <= 1800
    assert httpx.delete(f"{redis_stack.url}/api/v1/sessions/{sid}", timeout=30).status_code == 204
    assert r.keys(f"*{sid}*") == []


def test_efface_tout_removes_every_key_of_the_session(redis_stack, redis_server):
    sid = uuid.uuid4().hex
    for text in ("bonjour", "ma fille parle à un inconnu"):
        assert httpx.post(f"{redis_stack.url}/api/v1/chat", json={"session_id": sid, "text": text}, timeout=30).status_code == 200
    r = redis.Redis.from_url(redis_server.url)
    assert r.keys(f"*{sid}*")
    answer = httpx.post(f"{redis_stack.url}/api/v1/chat", json={"session_id": sid, "text": "efface tout"}, timeout=30)
    assert answer.status_code == 200 and answer.json()["topic"] == "about_bot"
    assert r.keys(f"*{sid}*") == []


def test_forgetting_works_right_after_redis_restarts(redis_stack, redis_server):
    """Pooled connections die with Redis: the first commands after a restart must not fail a
    message or leave a key behind (bot/services/redis_options.py retries once)."""
    sid = uuid.uuid4().hex
    for text in ("bonjour", "ma fille parle à un inconnu"):  # several pooled connections in use
        assert httpx.post(f"{redis_stack.url}/api/v1/chat", json={"session_id": sid, "text": text}, timeout=30).status_code == 200
    redis_server.stop()
    redis_server.start()
    sid = uuid.uuid4().hex
    assert httpx.post(f"{redis_stack.url}/api/v1/chat", json={"session_id": sid, "text": "bonjour"}, timeout=30).status_code == 200
    assert httpx.delete(f"{redis_stack.url}/api/v1/sessions/{sid}", timeout=30).status_code == 204
    assert redis.Redis.from_url(redis_server.url).keys(f"*{sid}*") == []
