"""Bounded retries towards Rasa (issue #7): a refused connection moves to the next replica,
a timeout does not (the replica may still be answering), and the tries are bounded."""
from urllib.parse import urlparse

import pytest

from bot.services.engine_http import Reply, TimedOut, Unreachable
from bot.services.rasa_client import EngineUnavailable, RasaClient

URLS = ["http://a.test", "http://b.test", "http://c.test"]
OK = {"messages": [{"text": "ok"}], "intent": "greet"}


class Network:
    """Each replica's behaviour: a status, or the exception its connection ends in."""

    def __init__(self, behaviour: dict):
        self.behaviour = behaviour
        self.calls: list[str] = []

    async def post(self, url: str, body: dict, headers: dict, timeout: float) -> Reply:
        host = urlparse(url).hostname
        self.calls.append(host)
        outcome = self.behaviour.get(host, 200)
        if isinstance(outcome, type) and issubclass(outcome, Exception):
            raise outcome()
        return Reply(outcome, OK if outcome == 200 else None)


def client(behaviour: dict, attempts: int = 2) -> tuple[RasaClient, list[str]]:
    network = Network(behaviour)
    return RasaClient(URLS, "token", 4.0, network, attempts), network.calls


def home_first(rasa: RasaClient, sid: str) -> list[str]:
    return [url.removeprefix("http://") for url in rasa.replicas_for(sid)]


@pytest.mark.anyio
async def test_refused_connection_goes_to_the_next_replica():
    probe, _ = client({})
    home, second, _ = home_first(probe, "session-1")
    rasa, calls = client({home: Unreachable})
    turn = await rasa.turn("session-1", "bonjour", {}, False)
    assert turn.messages == [{"text": "ok"}] and calls == [home, second]


@pytest.mark.anyio
async def test_tries_are_bounded():
    rasa, calls = client({host.removeprefix("http://"): Unreachable for host in URLS}, attempts=2)
    with pytest.raises(EngineUnavailable):
        await rasa.turn("session-1", "bonjour", {}, False)
    assert len(calls) == 2


@pytest.mark.anyio
async def test_a_timeout_is_not_retried_elsewhere():
    probe, _ = client({})
    home = home_first(probe, "session-1")[0]
    rasa, calls = client({home: TimedOut})
    with pytest.raises(EngineUnavailable):
        await rasa.turn("session-1", "bonjour", {}, False)
    assert calls == [home]


@pytest.mark.anyio
@pytest.mark.parametrize("status,tries", [(503, 2), (401, 1)])
async def test_server_errors_move_on_refusals_do_not(status, tries):
    probe, _ = client({})
    home = home_first(probe, "session-1")[0]
    rasa, calls = client({home: status})
    if tries == 2:
        assert (await rasa.turn("session-1", "bonjour", {}, False)).intent == "greet"
    else:
        with pytest.raises(EngineUnavailable):
            await rasa.turn("session-1", "bonjour", {}, False)
    assert len(calls) == tries
