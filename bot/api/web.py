"""The widget's files and the demo page, all served from the gateway (no third party)."""
from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse

from bot.api.deps import get_settings_dep
from bot.settings import Settings

router = APIRouter(tags=["web"], include_in_schema=False)

FILES = {
    "/": ("demo.html", "text/html; charset=utf-8"),
    "/widget.js": ("widget.js", "text/javascript; charset=utf-8"),
    "/chat": ("chat.html", "text/html; charset=utf-8"),
    "/chat.js": ("chat.js", "text/javascript; charset=utf-8"),
    "/chat.css": ("chat.css", "text/css; charset=utf-8"),
    "/demo.css": ("demo.css", "text/css; charset=utf-8"),
    "/conseils": ("conseils.html", "text/html; charset=utf-8"),
    **{f"/i18n/{lang}.json": (f"i18n/{lang}.json", "application/json") for lang in ("fr", "en")},
}


def _serve(name: str, media_type: str):
    async def serve(settings: Settings = Depends(get_settings_dep)) -> FileResponse:
        return FileResponse(settings.web_dir / name, media_type=media_type)

    return serve


for path, (name, media_type) in FILES.items():
    router.add_api_route(path, _serve(name, media_type), methods=["GET"])
