"""Every error the API returns: a code for programs and a plain French sentence for people."""
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from redis.exceptions import RedisError
from starlette.exceptions import HTTPException as StarletteHTTPException

from bot.schemas import MAX_TEXT_CHARS

FIELD_MESSAGES = {
    "session_id": "L'identifiant de session est invalide (8 à 128 caractères : lettres, chiffres, - ou _).",
    "text": f"Le message doit contenir entre 1 et {MAX_TEXT_CHARS} caractères.",
    "payload": "Ce choix n'est pas valide.",
    "partner": "L'identifiant du partenaire est invalide.",
    "departement": "Le département doit être un numéro de 01 à 95, 2A, 2B ou de 971 à 976 (jamais une adresse).",
    "event": "Ce type d'événement n'est pas accepté.",
    "resource": "Ce service n'existe pas.",
    "days": "Le nombre de jours doit être entre 1 et 366.",
}
RULE_MESSAGES = {
    "text_xor_payload": "Envoie soit un message (text), soit un choix (payload), pas les deux.",
    "blank_text": "Le message est vide.",
}
INVALID_JSON = "La requête doit être un objet JSON valide."
HTTP_MESSAGES = {
    404: ("not_found", "Cette page n'existe pas."),
    401: ("unauthorized", "Un jeton d'accès valide est nécessaire."),
    405: ("method_not_allowed", "Cette action n'est pas possible ici."),
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_body(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


def _validation_message(exc: RequestValidationError) -> tuple[str, str]:
    for err in exc.errors():
        loc = [str(part) for part in err.get("loc", ())]
        if err.get("type") == "extra_forbidden":
            return "unknown_field", f"Le champ « {loc[-1]} » n'est pas accepté."
        for rule, message in RULE_MESSAGES.items():
            if rule in str(err.get("msg", "")):
                return rule, message
        if err.get("type") in ("json_invalid", "model_attributes_type", "dict_type") or loc == ["body"]:
            return "invalid_json", INVALID_JSON
        for field, message in FIELD_MESSAGES.items():
            if field in loc:
                return f"invalid_{field}", message
    return "invalid_request", "La requête n'est pas valide."


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        code, message = _validation_message(exc)
        return JSONResponse(error_body(code, message), status_code=422)

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message), status_code=exc.status, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # a body that is not even text: the same answer as any bad JSON
            return JSONResponse(error_body("invalid_json", INVALID_JSON), status_code=422)
        code, message = HTTP_MESSAGES.get(exc.status_code, ("error", "La requête n'a pas abouti."))
        return JSONResponse(error_body(code, message), status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RedisError)
    async def on_state_down(request: Request, exc: RedisError) -> JSONResponse:
        return JSONResponse(
            error_body("unavailable", "Le service est momentanément indisponible. Réessaie dans un instant."),
            status_code=503,
        )

    @app.exception_handler(Exception)
    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(
            error_body("internal_error", "Une erreur est survenue. En cas de danger : 17, 112, ou SMS au 114."),
            status_code=500,
        )
