"""Builds the gateway: settings → services → routers. Run with
`uvicorn bot.main:create_app --factory` (scripts/stack.py does it for you)."""
from contextlib import asynccontextmanager

import aiohttp
from fastapi import FastAPI
from redis.asyncio import Redis

from bot.api import chat, events, health, resources, sessions, stats, web
from bot.body_limit import BodyLimit
from bot.directory import Directory
from bot.directory.summary import Summaries
from bot.errors import install_error_handlers
from bot.security import install_security
from bot.services.audience import AudienceCues
from bot.services.conversation import Conversation
from bot.services.crisis import CrisisDetector
from bot.services.crisis_check import CrisisCheck
from bot.services.crisis_model import CrisisModel
from bot.services.engine_http import AiohttpEngineHttp, EngineHttp
from bot.services.failsafe import EmergencyCards
from bot.services.language import LanguageDetector, ShortCues
from bot.services.rasa_client import RasaClient
from bot.services.redis_options import redis_options
from bot.services.ratelimit import RateLimiter
from bot.services.state import MemorySessionStore, RedisSessionStore
from bot.services.stats import MemoryStatsStore, RedisStatsStore, Stats
from bot.services.topics import Topics
from bot.settings import Settings, get_settings


def build_conversation(
    settings: Settings, directory: Directory, http: EngineHttp, redis: Redis | None
) -> Conversation:
    data = settings.data_dir
    store = (
        RedisSessionStore(redis, settings.session_ttl_seconds)
        if redis is not None
        else MemorySessionStore(settings.session_ttl_seconds)
    )
    days = settings.stats_retention_days
    stats_store = RedisStatsStore(redis, days) if redis is not None else MemoryStatsStore(days)
    cards = EmergencyCards.from_file(data / "safety" / "emergency_card.yml")
    return Conversation(
        rasa=RasaClient(settings.rasa_urls, settings.rasa_token, settings.rasa_timeout_seconds, http, settings.rasa_attempts),
        store=store,
        topics=Topics.from_file(data / "topics.yml"),
        directory=directory,
        cues=AudienceCues.from_file(data / "audience_cues.yml"),
        detector=LanguageDetector(cards.languages(), ShortCues.from_file(data / "language_cues.yml")),
        crisis=CrisisCheck(
            CrisisDetector.from_files(data / "safety" / "crisis_patterns.yml", data / "safety" / "sms_lexicon.yml"),
            CrisisModel.from_file(data / "safety" / "crisis_model.json"),
        ),
        cards=cards,
        summaries=Summaries.from_file(data / "summaries.yml"),
        stats=Stats(stats_store, days),
        limiter=RateLimiter.build(settings.redis_url, redis, settings.rate_limit_client, settings.rate_limit_session),
    )


def create_app(settings: Settings | None = None, engines: EngineHttp | None = None) -> FastAPI:
    """`engines` lets unit tests stand in for Rasa and the action server; by default, the network."""
    settings = settings or get_settings()
    directory = Directory.load(settings.data_dir)  # read once: the partners' origins shape the headers

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        redis = Redis.from_url(settings.redis_url, **redis_options()) if settings.redis_url else None
        async with aiohttp.ClientSession() as session:
            app.state.conversation = build_conversation(settings, directory, engines or AiohttpEngineHttp(session), redis)
            yield
        if redis is not None:
            await redis.aclose()

    app = FastAPI(title="Balise", version="1", lifespan=lifespan)
    app.state.settings = settings
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    install_security(app, settings, directory)
    install_error_handlers(app)
    for module in (chat, resources, sessions, events, stats, health, web):
        app.include_router(module.router)
    return app
