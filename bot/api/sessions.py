from fastapi import APIRouter, Depends, Path, Response

from bot.api.deps import get_conversation
from bot.errors import ApiError
from bot.schemas import SESSION_ID
from bot.services.conversation import Conversation
from bot.services.rasa_client import EngineUnavailable

router = APIRouter(prefix="/api/v1", tags=["sessions"])


@router.delete("/sessions/{session_id}", status_code=204)
async def forget_session(
    session_id: str = Path(pattern=SESSION_ID),
    conversation: Conversation = Depends(get_conversation),
) -> Response:
    """Forget a conversation everywhere it is kept (gateway state, Rasa tracker and lock)."""
    try:
        await conversation.forget(session_id)
    except EngineUnavailable:
        raise ApiError(503, "forget_unavailable", "La conversation n'a pas pu être effacée. Réessaie dans un instant.")
    return Response(status_code=204)
