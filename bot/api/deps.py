"""Dependencies injected into the routers; the services live on app.state (built in main).

They are `async def` because they only read attributes: FastAPI runs a plain `def` dependency
in its thread pool, a thread hop per dependency and per request on the chat's hot path."""
from fastapi import Request

from bot.directory import Directory
from bot.services.conversation import Conversation
from bot.services.ratelimit import RateLimiter
from bot.services.stats import Stats
from bot.settings import Settings


async def get_conversation(request: Request) -> Conversation:
    return request.app.state.conversation


async def get_directory(request: Request) -> Directory:
    return request.app.state.conversation.directory


async def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


async def get_stats(request: Request) -> Stats:
    return request.app.state.conversation.stats


async def get_limiter(request: Request) -> RateLimiter:
    return request.app.state.conversation.limiter


async def client_address(request: Request) -> str:
    """Only ever handed to the rate limiter, which hashes it; behind a proxy, run uvicorn
    with --proxy-headers so that this is the visitor's address, not the proxy's."""
    return request.client.host if request.client else "unknown"
