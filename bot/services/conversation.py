"""One chat turn, from a validated request to the API's answer.

validate the payload → language → crisis check (patterns, then learned model) → audience cues
→ scrub personal data → Rasa (private channel) → topic, audience, crisis, resources → remember
what was offered → add to the anonymous daily counts.
Only the gateway's in-memory detectors read the original text, during this turn; Rasa, which
stores the conversation, gets the scrubbed copy.

The crisis check runs first and needs nothing behind the gateway: when it fires, Rasa is sent the
matching crisis intent as a payload (the NLU cannot overrule it), and if Rasa, the action server
or Redis cannot answer, the fail-safe card is fitted to that crisis. Every failure behind the
gateway ends in the emergency card (503, `degraded: true`), in the same JSON shape.
"""
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable

from redis.exceptions import RedisError

from bot.directory import Directory, Handoff
from bot.directory.summary import Summaries
from bot.errors import ApiError
from bot.schemas import ChatRequest, ChatResponse
from bot.services.audience import AudienceCues
from bot.services.crisis_check import CrisisCheck
from bot.services.failsafe import Card, EmergencyCards
from bot.services.language import LanguageDetector
from bot.services.pii import scrub
from bot.services.rasa_client import EngineUnavailable, RasaClient, RasaTurn
from bot.services.ratelimit import RateLimiter
from bot.services.state import SessionData, SessionStore
from bot.services.stats import Stats
from bot.services.topics import Topics

FORGET_INTENT = "forget_me"  # "efface tout" typed in the chat: forgotten right after the answer
FALLBACK_INTENT = "nlu_fallback"
log = logging.getLogger("balise.conversation")


@dataclass
class Conversation:
    rasa: RasaClient
    store: SessionStore
    topics: Topics
    directory: Directory
    cues: AudienceCues
    detector: LanguageDetector
    crisis: CrisisCheck
    cards: EmergencyCards
    summaries: Summaries
    stats: Stats
    limiter: RateLimiter
    clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)

    async def turn(self, request: ChatRequest) -> tuple[int, ChatResponse]:
        sid = request.session_id
        try:
            session = await self.store.load(sid)
        except RedisError:
            return 503, self.failsafe_answer(request)

        if request.payload is not None:
            if request.payload not in session.offered and request.payload not in self.topics.entry_payloads:
                raise ApiError(422, "payload_not_offered", "Ce choix n'est plus disponible. Tu peux écrire ton message.")
            message, is_payload, hint, crisis_kind, defused = request.payload, True, None, None, False
            language = session.language or request.language or "fr"
        else:
            language = self.detector.detect(request.text, session.language or request.language)
            judgement = self.crisis.judge(request.text)
            crisis_kind, defused = judgement.kind, judgement.defused
            if not self.cards.speaks(language):
                card = self.cards.other_language(language) or self.cards.failsafe("fr", crisis_kind)
                return 200, self.answer_with(request, card, language, crisis_kind)
            hint = self.cues.hint(request.text)
            if crisis_kind:  # the gateway decides; the text itself need not reach Rasa
                message, is_payload = f"/crisis_{crisis_kind}", True
            else:
                message, is_payload = scrub(request.text), False

        metadata = {"language": language, "audience_hint": hint, "partner": request.partner, "crisis_defused": defused}
        try:
            turn = await self.rasa.turn(sid, message, metadata, is_payload)
            if not turn.messages:  # e.g. the action server down on a turn that needed it
                raise EngineUnavailable()
            session.language = language
            answer = self.render(request, turn, language, gateway_crisis=crisis_kind is not None)
            new_in_topic = answer.topic not in session.topics
            if turn.intent == FORGET_INTENT:
                await self.forget(sid)
            else:
                session.offered = {b.payload for m in answer.messages for b in m.buttons}
                session.topics.add(answer.topic)
                await self.store.save(sid, session)
            await self.count(answer, new_in_topic, fallback=turn.intent == FALLBACK_INTENT)
        except (EngineUnavailable, RedisError):
            answer = self.answer_with(request, self.cards.failsafe(language, crisis_kind), language, crisis_kind, degraded=True)
            await self.count(answer, new_in_topic=False)
            return 503, answer
        return 200, answer

    def failsafe_answer(self, request: ChatRequest) -> ChatResponse:
        """The emergency card without anything behind the gateway, fitted to a crisis in the text."""
        crisis_kind = self.crisis.detect(request.text) if request.text else None
        language = self.detector.detect(request.text, request.language) if request.text else (request.language or "fr")
        card = self.cards.failsafe(language, crisis_kind)
        return self.answer_with(request, card, language, crisis_kind, degraded=True)

    async def count(self, answer: ChatResponse, new_in_topic: bool, fallback: bool = False) -> None:
        """Anonymous daily counters; losing one never costs the person their answer."""
        try:
            await self.stats.turn(
                answer.topic, answer.language, new_in_topic=new_in_topic, crisis=answer.crisis, fallback=fallback,
                resources=[r.id for m in answer.messages for r in m.resources], degraded=answer.degraded,
            )
        except RedisError:
            log.warning("stats_unavailable")

    def handoff(self, request: ChatRequest, language: str, topic: str) -> Handoff:
        """The partner and the département come with each request and are kept nowhere."""
        return Handoff(
            at=self.clock(), language=language, crisis=topic == "crisis", topic=topic,
            partner=request.partner, departement=request.departement,
        )

    def render(self, request: ChatRequest, turn: RasaTurn, language: str, gateway_crisis: bool) -> ChatResponse:
        crisis = gateway_crisis or any(m.get("custom", {}).get("crisis") for m in turn.messages)
        topic = "crisis" if crisis else self.topics.for_intent(turn.intent)
        audience = turn.slots.get("audience") or "unknown"
        resources = self.directory.handoffs(
            [m.get("custom", {}).get("resources", []) for m in turn.messages], self.handoff(request, language, topic)
        )
        messages = [
            {"text": m.get("text", ""), "buttons": m.get("buttons", []), "resources": cards}
            for m, cards in zip(turn.messages, resources)
        ]
        return ChatResponse(
            session_id=request.session_id,
            messages=messages,
            topic=topic,
            audience=audience,
            crisis=crisis,
            language=language,
            summary=self.summaries.build(topic, audience, language),
        )

    def answer_with(self, request: ChatRequest, card: Card, language: str, crisis_kind: str | None, degraded: bool = False) -> ChatResponse:
        topic = "crisis" if crisis_kind else "unknown"
        [resources] = self.directory.handoffs([card.resources], self.handoff(request, language, topic))
        return ChatResponse(
            session_id=request.session_id,
            messages=[{"text": card.text, "resources": resources}],
            topic=topic,
            audience="unknown",
            crisis=crisis_kind is not None,
            language=language,
            degraded=degraded,
        )

    async def forget(self, session_id: str) -> None:
        await self.store.forget(session_id)
        await self.rasa.forget(session_id)
        await self.limiter.forget(session_id)
