"""Talks to Rasa through the project's private channel (rasa_extensions/balise.py).

Each session is routed to one Rasa replica by a hash of its id (the open-source Redis lock store
is not atomic, so one conversation must not be served by two replicas at once); when that
replica does not answer, the next one takes over. Timeouts are short: a person in danger must
get the fail-safe answer within seconds, not wait for a stuck engine.
"""
import hashlib
import logging
import time
from dataclasses import dataclass, field

from bot.services.engine_http import EngineHttp, TimedOut, Unreachable

WEBHOOK = "/webhooks/balise/webhook"
FORGET = "/webhooks/balise/forget"
log = logging.getLogger("balise.rasa")


class EngineUnavailable(Exception):
    """No Rasa replica gave a usable answer in time."""


@dataclass
class RasaTurn:
    messages: list[dict]
    intent: str | None
    confidence: float | None
    slots: dict = field(default_factory=dict)


class RasaClient:
    def __init__(self, urls: list[str], token: str, timeout: float, http: EngineHttp, attempts: int = 2):
        self.urls = urls
        self.attempts = attempts
        self.headers = {"X-Balise-Token": token}
        self.timeout = timeout
        self.http = http

    def replicas_for(self, session_id: str) -> list[str]:
        """The session's home replica first, then the others in a fixed order."""
        start = int.from_bytes(hashlib.sha256(session_id.encode()).digest()[:4], "big") % len(self.urls)
        return self.urls[start:] + self.urls[:start]

    async def _post(self, session_id: str, path: str, body: dict) -> dict:
        """Tries the home replica, then the next ones, within one time budget for the whole turn.

        Only a refused connection or a 5xx moves on: the replica did not take the message.
        After a timeout the budget is spent and the replica may still be working on it, so a
        retry elsewhere could answer the same message twice.
        """
        deadline = time.monotonic() + self.timeout
        replicas = self.replicas_for(session_id)
        for attempt in range(self.attempts):
            url = replicas[attempt % len(replicas)]
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                reply = await self.http.post(url + path, body, self.headers, remaining)
            except TimedOut:
                log.warning("engine_timeout", extra={"replica": self.urls.index(url), "attempt": attempt})
                break
            except Unreachable:
                log.warning("engine_unreachable", extra={"replica": self.urls.index(url), "attempt": attempt})
                continue
            if reply.status == 200 and reply.body is not None:
                return reply.body
            log.warning("engine_error", extra={"replica": self.urls.index(url), "status": reply.status})
            if reply.status < 500:
                break
        raise EngineUnavailable()

    async def turn(self, session_id: str, message: str, metadata: dict, payload: bool) -> RasaTurn:
        data = await self._post(
            session_id,
            WEBHOOK,
            {"sender": session_id, "message": message, "metadata": metadata, "payload": payload},
        )
        return RasaTurn(data.get("messages", []), data.get("intent"), data.get("confidence"), data.get("slots") or {})

    async def forget(self, session_id: str) -> None:
        """Forget the session on every replica (each may hold it in memory)."""
        failures = 0
        for url in self.urls:
            try:
                reply = await self.http.post(url + FORGET, {"sender": session_id}, self.headers, self.timeout)
                failures += reply.status != 200
            except (Unreachable, TimedOut):
                failures += 1
        if failures == len(self.urls):
            raise EngineUnavailable()

    async def is_up(self, url: str) -> bool:
        try:
            reply = await self.http.get(url, self.timeout)
        except (Unreachable, TimedOut):
            return False
        return reply.status == 200
