"""bot/services/engine_http.py against a real HTTP server on loopback: what each kind of answer
or failure becomes for the gateway (the retry rules in rasa_client.py depend on it)."""
import asyncio
import socket

import aiohttp
import pytest
from aiohttp import web

from bot.services.engine_http import AiohttpEngineHttp, Reply, TimedOut, Unreachable


def answer(status: int, body: dict | None = None, text: str | None = None, delay: float = 0):
    async def handler(request: web.Request) -> web.Response:
        await asyncio.sleep(delay)
        if text is not None:
            return web.Response(text=text, status=status)
        return web.json_response(body if body is not None else {"error": "no"}, status=status)
    return handler


async def echo(request: web.Request) -> web.Response:
    return web.json_response({"got": await request.json(), "token": request.headers.get("X-Balise-Token")})


def app() -> web.Application:
    application = web.Application()
    application.router.add_post("/json", echo)
    application.router.add_post("/error", answer(500))
    application.router.add_post("/refused", answer(401))
    application.router.add_post("/not-json", answer(200, text="<html>proxy error</html>"))
    application.router.add_post("/slow", answer(200, {"late": True}, delay=2))
    application.router.add_get("/health", answer(200, {"status": "ok"}))
    return application


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.anyio
async def test_answers_and_failures_become_replies_or_the_two_exceptions():
    runner = web.AppRunner(app())
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    base = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            http = AiohttpEngineHttp(session)
            assert await http.post(base + "/json", {"a": 1}, {"X-Balise-Token": "t"}, 2) == Reply(
                200, {"got": {"a": 1}, "token": "t"})
            assert await http.get(base + "/health", 2) == Reply(200, {"status": "ok"})
            assert await http.post(base + "/error", {}, {}, 2) == Reply(500)
            assert await http.post(base + "/refused", {}, {}, 2) == Reply(401)
            assert await http.post(base + "/not-json", {}, {}, 2) == Reply(502)
            with pytest.raises(TimedOut):
                await http.post(base + "/slow", {}, {}, 0.3)
            with pytest.raises(Unreachable):
                await http.post(f"http://127.0.0.1:{free_port()}/json", {}, {}, 2)
    finally:
        await runner.cleanup()
