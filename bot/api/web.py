"""The widget's files and the demo page, all served from the gateway (no third party)."""
import json
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse, Response

from bot.api.deps import get_settings_dep
from bot.settings import Settings

router = APIRouter(tags=["web"], include_in_schema=False)

LANGUAGES = ("fr", "en")
FILES = {
    "/": ("demo.html", "text/html; charset=utf-8"),
    "/chat": ("chat.html", "text/html; charset=utf-8"),
    "/chat.js": ("chat.js", "text/javascript; charset=utf-8"),
    "/chat.css": ("chat.css", "text/css; charset=utf-8"),
    "/demo.css": ("demo.css", "text/css; charset=utf-8"),
    "/conseils": ("conseils.html", "text/html; charset=utf-8"),
    **{f"/i18n/{lang}.json": (f"i18n/{lang}.json", "application/json") for lang in LANGUAGES},
}
LOADER_LABELS = ("launcher", "launcherD", "frameTitle", "frameTitleD")
LABELS_TOKEN = '"__BALISE_LABELS__"'


@lru_cache(maxsize=4)
def loader_source(web_dir: Path) -> str:
    """widget.js with its four labels taken from the string files. The loader runs on the
    partner's page, where it fetches nothing (so partners need no connect-src for it). Built
    once per process: every page view of every partner site asks for it, and the files do not
    change while the gateway runs."""
    labels = {}
    for lang in LANGUAGES:
        strings = json.loads((web_dir / "i18n" / f"{lang}.json").read_text(encoding="utf-8"))
        labels[lang] = {key: strings[key] for key in LOADER_LABELS}
    return (web_dir / "widget.js").read_text(encoding="utf-8").replace(LABELS_TOKEN, json.dumps(labels))


@router.get("/widget.js")
def widget(settings: Settings = Depends(get_settings_dep)) -> Response:
    return Response(loader_source(settings.web_dir), media_type="text/javascript; charset=utf-8")


def _serve(name: str, media_type: str):
    async def serve(settings: Settings = Depends(get_settings_dep)) -> FileResponse:
        return FileResponse(settings.web_dir / name, media_type=media_type)

    return serve


for path, (name, media_type) in FILES.items():
    router.add_api_route(path, _serve(name, media_type), methods=["GET"])
