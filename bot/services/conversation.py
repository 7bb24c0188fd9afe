"""One chat turn, from a validated request to the API's answer.

validate the payload → detect language and audience cues → Rasa (through the private
channel) → topic, audience, resources → remember what was offered. When Rasa does not answer,
the emergency card comes back instead (503, `degraded: true`), in the same shape.
"""
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from bot.errors import ApiError
from bot.schemas import ChatRequest, ChatResponse
from bot.services.audience import AudienceCues
from bot.services.directory import Directory
from bot.services.failsafe import EmergencyCard
from bot.services.language import LanguageDetector
from bot.services.rasa_client import EngineUnavailable, RasaClient
from bot.services.state import SessionStore
from bot.services.topics import Topics


@dataclass
class Conversation:
    rasa: RasaClient
    store: SessionStore
    topics: Topics
    directory: Directory
    cues: AudienceCues
    detector: LanguageDetector
    emergency: EmergencyCard
    clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)

    async def turn(self, request: ChatRequest) -> tuple[int, ChatResponse]:
        session = await self.store.load(request.session_id)
        if request.payload is not None:
            if request.payload not in session.offered and request.payload not in self.topics.entry_payloads:
                raise ApiError(422, "payload_not_offered", "Ce choix n'est plus disponible. Tu peux écrire ton message.")
            message, is_payload, hint = request.payload, True, None
            language = session.language or "fr"
        else:
            message, is_payload = request.text, False
            language = self.detector.detect(message, session.language)
            hint = self.cues.hint(message)

        metadata = {"language": language, "audience_hint": hint, "partner": request.partner}
        try:
            turn = await self.rasa.turn(request.session_id, message, metadata, is_payload)
        except EngineUnavailable:
            return 503, self.failsafe(request.session_id, language)

        now = self.clock()
        messages = [
            {
                "text": m.get("text", ""),
                "buttons": m.get("buttons", []),
                "resources": self.directory.cards(m.get("custom", {}).get("resources", []), now),
            }
            for m in turn.messages
        ]
        session.offered = {b["payload"] for m in messages for b in m["buttons"]}
        session.language = language
        await self.store.save(request.session_id, session)
        return 200, ChatResponse(
            session_id=request.session_id,
            messages=messages,
            topic=self.topics.for_intent(turn.intent),
            audience=turn.slots.get("audience") or "unknown",
            crisis=False,
            language=language,
        )

    def failsafe(self, session_id: str, language: str) -> ChatResponse:
        card = {
            "text": self.emergency.text(language),
            "resources": self.directory.cards(self.emergency.resources, self.clock()),
        }
        return ChatResponse(
            session_id=session_id,
            messages=[card],
            topic="unknown",
            audience="unknown",
            crisis=False,
            language=language,
            degraded=True,
        )

    async def forget(self, session_id: str) -> None:
        await self.store.forget(session_id)
        await self.rasa.forget(session_id)
