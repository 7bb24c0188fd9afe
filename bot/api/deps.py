"""Dependencies injected into the routers; the services live on app.state (built in main)."""
from fastapi import Request

from bot.directory import Directory
from bot.services.conversation import Conversation
from bot.services.ratelimit import RateLimiter
from bot.services.stats import Stats
from bot.settings import Settings


def get_conversation(request: Request) -> Conversation:
    return request.app.state.conversation


def get_directory(request: Request) -> Directory:
    return request.app.state.conversation.directory


def get_settings_dep(request: Request) -> Settings:
    return request.app.state.settings


def get_stats(request: Request) -> Stats:
    return request.app.state.conversation.stats


def get_limiter(request: Request) -> RateLimiter:
    return request.app.state.conversation.limiter


def client_address(request: Request) -> str:
    """Only ever handed to the rate limiter, which hashes it; behind a proxy, run uvicorn
    with --proxy-headers so that this is the visitor's address, not the proxy's."""
    return request.client.host if request.client else "unknown"
