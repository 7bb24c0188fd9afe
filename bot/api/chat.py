from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from bot.api.deps import get_conversation
from bot.schemas import ChatRequest, ChatResponse, ErrorResponse
from bot.services.conversation import Conversation

router = APIRouter(prefix="/api/v1", tags=["chat"])


@router.post(
    "/chat",
    response_model=ChatResponse,
    responses={422: {"model": ErrorResponse}, 503: {"model": ChatResponse}},
)
async def chat(request: ChatRequest, conversation: Conversation = Depends(get_conversation)):
    """One turn of conversation. 503 still carries an answer: the emergency card."""
    status, answer = await conversation.turn(request)
    return JSONResponse(answer.model_dump(), status_code=status)
