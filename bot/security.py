"""Security headers on every answer (pure ASGI middleware: no per-request task overhead).

- The chat frame (/chat) may be framed by the partners' origins only (frame-ancestors).
- Pages run no inline script and load nothing from a third party (CSP 'self').
- No referrer leaves the browser; powerful features are switched off; API answers are not cached.
- Cross-origin API calls (CORS) are allowed from the partners' origins only, without cookies.
"""
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.directory import Directory
from bot.settings import Settings

BASE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)
COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# FastAPI's interactive docs load Swagger UI from its CDN: a developer page, never the widget's.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' https://cdn.jsdelivr.net; img-src 'self' data: https://fastapi.tiangolo.com; "
    "connect-src 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    def __init__(self, app: ASGIApp, frame_ancestors: list[str]):
        self.app = app
        ancestors = " ".join(["'self'", *frame_ancestors])
        self.by_path = {
            "/chat": [(b"content-security-policy", f"{BASE_CSP}; frame-ancestors {ancestors}".encode())],
            "/widget.js": [(b"cross-origin-resource-policy", b"cross-origin"), (b"cache-control", b"public, max-age=300")],
            "/docs": [(b"content-security-policy", DOCS_CSP.encode())],
        }
        self.default = [
            (b"content-security-policy", f"{BASE_CSP}; frame-src 'self'; frame-ancestors 'none'".encode()),
            (b"x-frame-options", b"DENY"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        extra = self.by_path.get(path, self.default)
        if path.startswith("/api/"):
            extra = extra + [(b"cache-control", b"no-store")]

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + COMMON + extra
            await send(message)

        await self.app(scope, receive, with_headers)


def partner_origins(settings: Settings, directory: Directory) -> list[str]:
    """The one place that says which partner sites may embed the chat and call the API: the
    partner files (data/partners/) and, for a site not described there yet, the setting."""
    return list(dict.fromkeys([*directory.partner_origins(), *settings.partner_origins]))


def install_security(app: FastAPI, settings: Settings, directory: Directory) -> None:
    """CORS inside, security headers outside, so every answer (errors and preflights too) gets them."""
    origins = partner_origins(settings, directory)
    app.add_middleware(
        CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST", "DELETE"],
        allow_headers=["content-type"], allow_credentials=False, max_age=600,
    )
    app.add_middleware(SecurityHeaders, frame_ancestors=origins)
