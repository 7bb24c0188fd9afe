"""Each part behind the gateway fails in turn, mid-conversation: the emergency card comes back
(503, same shape, degraded), the crisis detector still runs and fits the card, and the
conversation recovers without restarting the gateway (issue #3). The action server is only
needed by some turns: the others keep their normal answer while it is down."""
import os
import signal
import time
from contextlib import contextmanager

import pytest

from tests.e2e.helpers import chat, links, new_session, payloads, post_chat

EXPECTED_LINKS = {
    None: {"tel:17", "tel:112", "sms:114", "tel:119"},
    "danger_now": {"tel:17", "tel:112", "sms:114", "tel:119"},
    "suicide": {"tel:3114", "tel:15", "tel:112", "tel:119"},
    "child_missing": {"tel:17", "tel:116000", "tel:119"},
}
CRISIS_TEXTS = {"danger_now": "il me frappe aidez moi", "suicide": "je veux mourir", "child_missing": "ma fille a disparu depuis ce matin"}


@contextmanager
def outage(stack, redis_server, part: str):
    """Takes one part down (or freezes it: 'slow') and brings it back, whatever happens."""
    if part == "redis":
        redis_server.stop()
    elif part == "slow":
        os.killpg(stack.procs["rasa0"].pid, signal.SIGSTOP)
    else:
        stack.stop_component(part)
    try:
        yield
    finally:
        if part == "redis":
            redis_server.start()
        elif part == "slow":
            os.killpg(stack.procs["rasa0"].pid, signal.SIGCONT)
        else:
            stack.start_component(part)
        stack.wait_ready()


def assert_failsafe(reply, crisis_kind: str | None = None) -> None:
    assert reply.status_code == 503
    body = reply.json()
    assert body["degraded"] is True and body["crisis"] is (crisis_kind is not None)
    assert EXPECTED_LINKS[crisis_kind] <= links(body)
    assert body["messages"][0]["text"]


@pytest.mark.parametrize("part,crisis_kind", [("redis", "danger_now"), ("slow", "suicide"), ("rasa0", "child_missing")])
def test_fail_safe_then_recovery(redis_stack, redis_server, part, crisis_kind):
    sid = new_session()
    chat(redis_stack, sid, payload='/inform_audience{"audience":"parent"}')
    with outage(redis_stack, redis_server, part):
        started = time.monotonic()
        assert_failsafe(post_chat(redis_stack, sid, text="bonjour"))
        assert time.monotonic() - started < 10  # a stuck engine must not keep anyone waiting
        assert_failsafe(post_chat(redis_stack, sid, text=CRISIS_TEXTS[crisis_kind]), crisis_kind)
    answer = chat(redis_stack, sid, text="bonjour")
    if part != "redis":  # the test's Redis keeps nothing on disk, so its restart starts afresh
        assert answer["audience"] == "parent"  # the conversation went on where it was


def test_action_server_down_fails_safe_only_on_the_turns_that_need_it(redis_stack, redis_server):
    """The action server runs the fallback ladder and the audience question; every other answer
    is a response Rasa gives by itself, so it still comes, whole."""
    sid = new_session()
    chat(redis_stack, sid, payload='/inform_audience{"audience":"parent"}')
    with outage(redis_stack, redis_server, "actions"):
        crisis = post_chat(redis_stack, sid, text=CRISIS_TEXTS["suicide"])
        assert crisis.status_code == 200 and crisis.json()["crisis"] is True
        assert EXPECTED_LINKS["suicide"] <= links(crisis.json())
        topic = post_chat(redis_stack, sid, text="on fait du chantage à mon fils avec des photos de lui")
        assert topic.status_code == 200 and topic.json()["topic"] == "sextortion"
        assert "Gardez des preuves" in " ".join(m["text"] for m in topic.json()["messages"])
        assert_failsafe(post_chat(redis_stack, sid, text="qsdkj lmkjh azpoi"))  # the fallback needs it
    answer = chat(redis_stack, sid, text="qsdkj lmkjh azpoi")
    assert "/sextortion" in payloads(answer)  # the fallback ladder is back: rephrase with the topics
    assert answer["audience"] == "parent"
