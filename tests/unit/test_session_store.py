"""The in-memory session store: a session lives its idle time after its last save, and expired
sessions leave memory as new ones are saved, without a sweep through the live ones."""
import pytest

from bot.services.state import MemorySessionStore, SessionData


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.anyio
async def test_sessions_expire_after_their_idle_time_and_leave_memory():
    clock = Clock()
    store = MemorySessionStore(ttl_seconds=60, clock=clock)
    await store.save("old", SessionData(language="fr"))
    clock.now += 30
    await store.save("kept", SessionData(language="en"))
    clock.now += 20
    await store.save("old", SessionData(language="es"))  # saved again: its idle time starts over
    clock.now += 35  # "kept" idle 55 s, "old" 35 s
    assert (await store.load("kept")).language == "en" and (await store.load("old")).language == "es"
    clock.now += 10  # "kept" idle 65 s: gone
    assert (await store.load("kept")).language is None and (await store.load("old")).language == "es"
    clock.now += 100
    await store.save("new", SessionData())
    assert list(store._items) == ["new"]  # the expired ones left memory on this save


@pytest.mark.anyio
async def test_memory_holds_only_live_sessions_under_a_steady_flow():
    clock = Clock()
    store = MemorySessionStore(ttl_seconds=60, clock=clock)
    for i in range(5000):  # one new conversation a second for 5000 s
        await store.save(f"s{i}", SessionData())
        clock.now += 1
    assert 60 <= len(store._items) <= 61
