"""HTTP between the gateway and the engines behind it (Rasa's private channel, the action server).

aiohttp, whose C parser costs about a millisecond of CPU less per request than httpx's pure
Python stack on this machine (bench/notes.md): the gateway makes one such call per turn. The
rest of the gateway sees only `EngineHttp`, so unit tests stand in for the network with a fake
that answers the same way.
"""
import asyncio
from dataclasses import dataclass
from typing import Protocol

import aiohttp


class Unreachable(Exception):
    """The connection failed: the engine may not have received the request."""


class TimedOut(Exception):
    """The time budget ran out: the engine may still be working on the request."""


@dataclass
class Reply:
    status: int
    body: dict | None = None
    """The JSON object of a 200 answer; None otherwise, or when a 200 did not carry one."""


class EngineHttp(Protocol):
    async def post(self, url: str, body: dict, headers: dict, timeout: float) -> Reply: ...
    async def get(self, url: str, timeout: float) -> Reply: ...


class AiohttpEngineHttp:
    def __init__(self, session: aiohttp.ClientSession):
        self.session = session

    async def post(self, url: str, body: dict, headers: dict, timeout: float) -> Reply:
        return await self._call("POST", url, timeout, json=body, headers=headers)

    async def get(self, url: str, timeout: float) -> Reply:
        return await self._call("GET", url, timeout)

    async def _call(self, method: str, url: str, timeout: float, **kwargs) -> Reply:
        try:
            async with self.session.request(method, url, timeout=aiohttp.ClientTimeout(total=timeout), **kwargs) as r:
                if r.status != 200:
                    return Reply(r.status)
                body = await r.json(content_type=None)
                return Reply(200, body if isinstance(body, dict) else None)
        except asyncio.TimeoutError as error:
            raise TimedOut() from error
        except aiohttp.ClientError as error:
            raise Unreachable() from error
        except ValueError:  # a 200 whose body is not JSON: as unusable as a server error
            return Reply(502)
