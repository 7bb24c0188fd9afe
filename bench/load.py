"""Asyncio load generator: virtual people replaying bench/conversations.yml.

Each virtual user plays conversations one after another, each in a new session, either back to
back ("closed" loop: the capacity measure) or with 2 to 4 s of reading and typing between an
answer and the next message ("paced": realistic load; each person's first message also comes 2
to 4 s after the start, so that 50 people do not all press Enter in the same millisecond). It talks to the gateway's public API
("gateway"), or straight to Rasa: through Rasa's REST channel ("rest", the stock way in) or
through the private channel the gateway itself uses ("channel": the gateway's own overhead).

    python -m bench.load http://127.0.0.1:8000 --users 50 --messages 20 --mode paced
"""
import argparse
import asyncio
import json
import math
import random
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import yaml

CONVERSATIONS = Path(__file__).with_name("conversations.yml")
ENTRY_PAYLOADS = Path(__file__).resolve().parent.parent / "data" / "topics.yml"
TIMEOUT = 10.0


@dataclass(frozen=True)
class Scenario:
    target: str  # "gateway", "rest" or "channel"
    mode: str  # "closed" or "paced"
    users: int
    seconds: float | None = None  # run for this long…
    messages: int | None = None  # …or until each user has sent this many
    think: tuple[float, float] = (2.0, 4.0)
    tag: str = ""  # e.g. "alone": the overhead measure (bench/run.py)

    @property
    def label(self) -> str:
        size = f"{self.users}×{self.messages} msgs" if self.messages else f"{self.users} users"
        return f"{self.target} {self.mode} {size}" + (f" ({self.tag})" if self.tag else "")


@dataclass
class Result:
    scenario: Scenario
    latencies: list[float] = field(default_factory=list)  # seconds, successful turns only
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def count(self) -> int:
        return len(self.latencies) + sum(self.errors.values())

    def percentile_ms(self, p: float) -> float:
        """Nearest-rank percentile, in milliseconds."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return 1000 * ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def summary(self) -> dict:
        return {
            "scenario": self.scenario.label, "messages": self.count, "errors": sum(self.errors.values()),
            "error_kinds": self.errors, "p50_ms": self.percentile_ms(50), "p95_ms": self.percentile_ms(95),
            "p99_ms": self.percentile_ms(99), "msgs_per_s": self.per_second, "seconds": self.elapsed,
        }


def load_conversations(path: Path = CONVERSATIONS) -> list[list[dict]]:
    return [c["steps"] for c in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]]


def entry_payloads() -> frozenset[str]:
    return frozenset(yaml.safe_load(ENTRY_PAYLOADS.read_text(encoding="utf-8"))["entry_payloads"])


class Client:
    """One turn through either door; returns the payloads the answer offers, or raises.

    aiohttp rather than httpx: the load generator shares the cores with what it measures, and
    httpx took about a millisecond more CPU per request (bench/notes.md)."""

    def __init__(self, http: aiohttp.ClientSession, base_url: str, target: str, token: str | None = None):
        self.http, self.base_url, self.target, self.token = http, base_url, target, token

    async def post(self, path: str, body: dict, headers: dict | None = None) -> tuple[int, object]:
        async with self.http.post(self.base_url + path, json=body, headers=headers) as reply:
            return reply.status, await reply.json(content_type=None)

    async def turn(self, session_id: str, step: dict) -> set[str]:
        if self.target == "gateway":
            status, body = await self.post("/api/v1/chat", {"session_id": session_id, **step})
            if status != 200 or body.get("degraded"):
                raise TurnError(f"http {status}" + (" degraded" if body.get("degraded") else ""))
        else:
            message = step.get("text") or step["payload"]
            if self.target == "channel":
                status, body = await self.post(
                    "/webhooks/balise/webhook", {"sender": session_id, "message": message, "payload": "payload" in step},
                    headers={"X-Balise-Token": self.token or ""},
                )
                body = body if status == 200 else {}
            else:
                status, body = await self.post("/webhooks/rest/webhook", {"sender": session_id, "message": message})
                body = {"messages": body} if status == 200 else {}
            if not body.get("messages"):
                raise TurnError(f"http {status}" + (" empty" if status == 200 else ""))
        return {b["payload"] for m in body["messages"] for b in m.get("buttons") or []}


class TurnError(Exception):
    """A turn that did not end in a normal answer."""


async def virtual_user(client: Client, scenario: Scenario, result: Result, deadline: float, rng: random.Random,
                       conversations: list[list[dict]], entry: frozenset[str]) -> None:
    sent = 0
    order = rng.sample(range(len(conversations)), len(conversations))
    if scenario.mode == "paced":  # people arrive spread out too, not all in the same millisecond
        await asyncio.sleep(rng.uniform(*scenario.think))
    while True:
        for index in order:
            session_id, offered = uuid.uuid4().hex, set(entry)
            for step in conversations[index]:
                if time.monotonic() >= deadline or (scenario.messages and sent >= scenario.messages):
                    return
                if "payload" in step and step["payload"] not in offered:
                    result.errors["script: payload not offered"] = result.errors.get("script: payload not offered", 0) + 1
                    break
                started = time.monotonic()
                try:
                    offered = await client.turn(session_id, step) | entry
                    result.latencies.append(time.monotonic() - started)
                except (TurnError, aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
                    kind = str(error) or type(error).__name__
                    result.errors[kind] = result.errors.get(kind, 0) + 1
                    break  # this person gives up; the next conversation starts fresh
                finally:
                    sent += 1
                if scenario.mode == "paced":
                    await asyncio.sleep(rng.uniform(*scenario.think))


async def run(base_url: str, scenario: Scenario, seed: int = 7, token: str | None = None) -> Result:
    """Plays the scenario against base_url (the gateway's URL, or a Rasa server's for "rest" and
    "channel"; the private channel needs the stack's token)."""
    conversations, entry = load_conversations(), entry_payloads()
    result = Result(scenario)
    connector = aiohttp.TCPConnector(limit=scenario.users + 5)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=TIMEOUT)) as http:
        client = Client(http, base_url, scenario.target, token)
        started = time.monotonic()
        deadline = started + (scenario.seconds or 3600)
        users = [
            virtual_user(client, scenario, result, deadline, random.Random(seed * 1000 + i), conversations, entry)
            for i in range(scenario.users)
        ]
        await asyncio.gather(*users)
        result.elapsed = time.monotonic() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="the gateway's URL, or a Rasa server's with --target rest or channel")
    parser.add_argument("--target", choices=["gateway", "rest", "channel"], default="gateway")
    parser.add_argument("--token", help="the stack's BALISE_RASA_TOKEN, for --target channel")
    parser.add_argument("--mode", choices=["closed", "paced"], default="paced")
    parser.add_argument("--users", type=int, default=50)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--seconds", type=float)
    group.add_argument("--messages", type=int, default=20, help="per user (default 20)")
    args = parser.parse_args()
    scenario = Scenario(args.target, args.mode, args.users, args.seconds, None if args.seconds else args.messages)
    print(json.dumps(asyncio.run(run(args.url, scenario, token=args.token)).summary(), indent=2))


if __name__ == "__main__":
    main()
