"""Events the widget reports: today only a click on a hand-off card, counted anonymously."""
import logging

from fastapi import APIRouter, Depends, Response
from redis.exceptions import RedisError

from bot.api.deps import client_address, get_conversation, get_limiter
from bot.errors import ApiError
from bot.schemas import ErrorResponse, EventRequest
from bot.services.conversation import Conversation
from bot.services.ratelimit import RateLimiter

router = APIRouter(prefix="/api/v1", tags=["events"])
log = logging.getLogger("balise.events")


@router.post("/events", status_code=204, responses={413: {"model": ErrorResponse}, 422: {"model": ErrorResponse},
                                                   429: {"model": ErrorResponse}})
async def record_event(
    event: EventRequest,
    conversation: Conversation = Depends(get_conversation),
    limiter: RateLimiter = Depends(get_limiter),
    client: str = Depends(client_address),
) -> Response:
    """Counts one click on a service's card, per day and service (no session, no person)."""
    wait = await limiter.retry_after(client)
    if wait is not None:
        raise ApiError(429, "rate_limited", "Trop de requêtes. Réessaie dans un instant.", {"Retry-After": str(wait)})
    if not conversation.directory.shows(event.resource):
        raise ApiError(422, "invalid_resource", "Ce service n'existe pas.")
    try:
        await conversation.stats.click(event.resource)
    except RedisError:
        log.warning("stats_unavailable")  # a lost count never matters to the person
    return Response(status_code=204)
