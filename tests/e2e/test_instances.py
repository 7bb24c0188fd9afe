"""Several instances on one machine (issue #7): two gateways and two Rasa servers share one
Redis. A conversation whose messages alternate between the gateways keeps its state; each
session stays on its home Rasa replica and moves to the other one when that one is down; a
gateway restarted mid-conversation loses nothing; limits are counted across gateways."""
from itertools import cycle

import httpx
import pytest
import redis

from bot.services.rasa_client import RasaClient
from tests.conftest import start_stack
from tests.e2e.helpers import chat, new_session, payloads, post_chat

SESSION_LIMIT = 12  # per minute, for this stack only: low enough to reach in a test


@pytest.fixture(scope="module")
def pair(redis_server):
    stack = start_stack("pair", redis_server.url, rasa_replicas=2, gateways=2,
                        env={"BALISE_RATE_LIMIT_SESSION": f"{SESSION_LIMIT}/minute"})
    yield stack
    stack.stop()


class Gateway:
    """What tests.e2e.helpers needs of a stack: one gateway's address."""

    def __init__(self, url: str):
        self.url = url


def gateways(stack) -> tuple[Gateway, Gateway]:
    return Gateway(stack.urls[0]), Gateway(stack.urls[1])


def session_homed_on(stack, replica: int) -> str:
    rasa = RasaClient([f"http://127.0.0.1:{p}" for p in stack.rasa_ports], stack.token, 1, http=None)
    while True:
        sid = new_session()
        if rasa.replicas_for(sid)[0].endswith(f":{stack.rasa_ports[replica]}"):
            return sid


def test_messages_alternating_between_gateways_keep_the_state(pair):
    one, two = gateways(pair)
    sid = new_session()
    greeting = chat(one, sid, text="bonjour")
    parent = next(p for p in payloads(greeting) if "parent" in p)
    assert chat(two, sid, payload=parent)["audience"] == "parent"  # offered by the other gateway
    for gateway, text in zip(cycle([one, two]), ["ma fille parle à un adulte en ligne", "que faire ?", "merci"]):
        assert chat(gateway, sid, text=text)["audience"] == "parent"


def test_failover_to_the_other_replica_keeps_the_conversation(pair):
    one, two = gateways(pair)
    sid = session_homed_on(pair, 0)
    chat(one, sid, text="bonjour")
    chat(two, sid, payload='/inform_audience{"audience":"parent"}')
    pair.stop_component("rasa0")
    try:
        answer = chat(two, sid, text="bonjour")  # served by rasa1, from the tracker in Redis
        assert answer["audience"] == "parent" and answer["degraded"] is False
    finally:
        pair.start_component("rasa0")
        pair.wait_ready()


def test_restarting_a_gateway_mid_conversation_loses_nothing(pair):
    one, two = gateways(pair)
    sid = new_session()
    offered = payloads(chat(two, sid, text="bonjour"))
    pair.stop_component("gateway1")
    pair.start_component("gateway1")
    pair.wait_ready()
    parent = next(p for p in offered if "parent" in p)
    assert chat(two, sid, payload=parent)["audience"] == "parent"  # the offer survived the restart
    assert chat(one, sid, text="merci")["audience"] == "parent"


def test_session_limit_is_shared_by_the_gateways_and_forgotten_with_the_session(pair, redis_server):
    one, two = gateways(pair)
    sid = new_session()
    for gateway, _ in zip(cycle([one, two]), range(SESSION_LIMIT)):
        assert post_chat(gateway, sid, text="bonjour").status_code == 200
    limited = post_chat(one, sid, text="bonjour")
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
    assert limited.json()["degraded"] is True and limited.json()["messages"][0]["resources"]
    store = redis.Redis.from_url(redis_server.url)
    assert any(b"session" in key for key in store.keys(f"*{sid}*"))
    assert httpx.delete(f"{two.url}/api/v1/sessions/{sid}", timeout=30).status_code == 204
    assert store.keys(f"*{sid}*") == []
    assert post_chat(one, sid, text="bonjour").status_code == 200


def test_counts_are_shared_by_the_gateways_and_expire(pair, redis_server):
    one, two = gateways(pair)
    chat(one, new_session(), text="bonjour")
    click = httpx.post(f"{two.url}/api/v1/events", json={"event": "handoff_click", "resource": "snated-119"}, timeout=30)
    assert click.status_code == 204
    seen = [httpx.get(f"{g.url}/api/v1/stats", params={"days": 1}, timeout=30).json() for g in (one, two)]
    assert seen[0] == seen[1]
    today = seen[0]["days"][0]
    assert today["topics"]["greeting"]["messages"] >= 1 and today["handoffs"]["snated-119"]["clicked"] >= 1
    ttl = redis.Redis.from_url(redis_server.url).ttl(f"balise:stats:{today['day']}")
    assert 0 < ttl <= 90 * 86400
