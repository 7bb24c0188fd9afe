from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from bot.api.deps import get_conversation, get_settings_dep
from bot.services.conversation import Conversation
from bot.settings import Settings

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict:
    """The gateway process is alive (it answers even when everything behind it is down)."""
    return {"status": "ok"}


@router.get("/readyz")
async def readyz(
    conversation: Conversation = Depends(get_conversation),
    settings: Settings = Depends(get_settings_dep),
) -> JSONResponse:
    """Every part behind the gateway answers; 503 names the ones that do not."""
    rasa = conversation.rasa
    checks = {f"rasa[{i}]": await rasa.is_up(url + "/webhooks/balise/") for i, url in enumerate(rasa.urls)}
    checks["actions"] = await rasa.is_up(settings.actions_url + "/health")
    try:
        checks["state"] = await conversation.store.ping()
    except Exception:
        checks["state"] = False
    down = sorted(name for name, ok in checks.items() if not ok)
    return JSONResponse({"status": "down" if down else "ready", "down": down}, status_code=503 if down else 200)
