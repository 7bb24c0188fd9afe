"""The gateway's private channel into Rasa.

Rasa's REST channel answers with the bot's messages only, trusts any `sender` and logs the text
of failed turns. This channel is what the gateway talks to instead:
- every call must carry the shared token (header `X-Balise-Token`);
- a message starting with "/" is treated as an intent only when the gateway marks it as a
  payload it offered (`payload: true`); typed text can never inject an intent; a payload gets
  the turn's context entities written in (rasa_extensions/context.py);
- it answers with the bot's messages (one object per response: text, buttons, custom) plus the
  turn's intent and the slots the gateway reports (topic, audience, crisis);
- `POST /forget` deletes a conversation from the tracker and lock stores;
- it never logs what a user wrote.
"""
import hmac
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from rasa_extensions import speedups
from rasa_extensions.context import with_context

logger = logging.getLogger(__name__)
speedups.install()  # every Rasa that serves the gateway loads this channel (credentials.yml)

REPORTED_SLOTS = ("audience", "register", "language")


class ResponseCollector(OutputChannel):
    """Keeps each bot response whole (text, buttons and custom payload together)."""

    def __init__(self) -> None:
        self.messages: List[Dict[Text, Any]] = []

    @classmethod
    def name(cls) -> Text:
        return "balise"

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        self.messages.append(
            {
                "text": message.get("text") or "",
                "buttons": message.get("buttons") or [],
                "custom": message.get("custom") or {},
            }
        )

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})


def neutralise_command(text: Text) -> Text:
    """Typed text must never reach Rasa's "/intent{...}" shortcut."""
    stripped = text.lstrip(" \t\r\n/")
    return stripped if stripped else "?"


def forget_conversation(tracker_store: Any, lock_store: Any, sender_id: Text) -> None:
    """Remove one conversation from whichever store Rasa was configured with."""
    store = tracker_store
    while hasattr(store, "_tracker_store"):  # AwaitableTrackerStore, FailSafeTrackerStore wrappers
        store = store._tracker_store
    if isinstance(store, InMemoryTrackerStore):
        store.store.pop(sender_id, None)
    elif isinstance(store, RedisTrackerStore):
        store.red.delete(store.key_prefix + sender_id)
    else:  # pragma: no cover - configuration error, refuse loudly rather than pretend
        raise RuntimeError(f"cannot forget conversations in {type(store).__name__}")
    lock_store.delete_lock(sender_id)


class BaliseInput(InputChannel):
    """Authenticated JSON channel used only by the gateway (bound to loopback)."""

    @classmethod
    def name(cls) -> Text:
        return "balise"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "BaliseInput":
        token = (credentials or {}).get("token") or os.environ.get("BALISE_RASA_TOKEN", "")
        return cls(token)

    def __init__(self, token: Text) -> None:
        if not token:
            raise ValueError("the balise channel needs a token (BALISE_RASA_TOKEN)")
        self.token = token

    def _authorised(self, request: Request) -> bool:
        given = request.headers.get("X-Balise-Token", "")
        return hmac.compare_digest(given.encode(), self.token.encode())

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        hook = Blueprint("balise_webhook", __name__)

        @hook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return response.json({"error": "unauthorised"}, status=401)
            body = request.json or {}
            sender_id = body.get("sender")
            text = body.get("message")
            if not isinstance(sender_id, str) or not isinstance(text, str):
                return response.json({"error": "sender and message are required"}, status=400)
            metadata = body.get("metadata") or {}
            text = with_context(text, metadata) if body.get("payload") else neutralise_command(text)
            collector = ResponseCollector()
            speedups.saved_tracker.set(None)
            await on_new_message(
                UserMessage(
                    text,
                    collector,
                    sender_id,
                    input_channel=self.name(),
                    metadata=metadata,
                )
            )
            tracker = speedups.saved_tracker.get() or await request.app.ctx.agent.tracker_store.retrieve(sender_id)
            latest = tracker.latest_message if tracker else None
            intent = (latest.intent or {}) if latest else {}
            slots = {name: tracker.get_slot(name) for name in REPORTED_SLOTS} if tracker else {}
            return response.json(
                {
                    "messages": collector.messages,
                    "intent": intent.get("name"),
                    "confidence": intent.get("confidence"),
                    "slots": slots,
                }
            )

        @hook.route("/forget", methods=["POST"])
        async def forget(request: Request) -> HTTPResponse:
            if not self._authorised(request):
                return response.json({"error": "unauthorised"}, status=401)
            sender_id = (request.json or {}).get("sender")
            if not isinstance(sender_id, str):
                return response.json({"error": "sender is required"}, status=400)
            agent = request.app.ctx.agent
            forget_conversation(agent.tracker_store, agent.lock_store, sender_id)
            return response.json({"forgotten": True})

        return hook
