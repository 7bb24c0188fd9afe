"""HTTP routers, one per resource."""
import logging
import time

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from bot.api.deps import client_address, get_conversation, get_limiter
from bot.schemas import ChatRequest, ChatResponse, ErrorResponse
from bot.services.conversation import Conversation
from bot.services.ratelimit import RateLimiter

router = APIRouter(prefix="/api/v1", tags=["chat"])
log = logging.getLogger("balise.chat")


@router.post(
    "/chat",
    response_model=ChatResponse,
    responses={413: {"model": ErrorResponse}, 422: {"model": ErrorResponse},
               429: {"model": ChatResponse}, 503: {"model": ChatResponse}},
)
async def chat(
    request: ChatRequest,
    conversation: Conversation = Depends(get_conversation),
    limiter: RateLimiter = Depends(get_limiter),
    client: str = Depends(client_address),
):
    """One turn of conversation. 429 and 503 still carry an answer: the emergency card."""
    started = time.monotonic()
    wait = await limiter.retry_after(client, request.session_id)
    if wait is not None:
        answer = conversation.failsafe_answer(request)
        return JSONResponse(answer.model_dump(), status_code=429, headers={"Retry-After": str(wait)})
    status, answer = await conversation.turn(request)
    log.info("turn", extra={
        "status": status, "topic": answer.topic, "crisis": answer.crisis, "language": answer.language,
        "degraded": answer.degraded, "latency_ms": round((time.monotonic() - started) * 1000),
    })
    return JSONResponse(answer.model_dump(), status_code=status)
