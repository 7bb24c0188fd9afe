"""A stand-in for Rasa's private channel and the action server, for unit tests of the gateway alone."""
from urllib.parse import urlparse

from bot.services.engine_http import Reply, Unreachable


class FakeRasa:
    """Answers like rasa_extensions/balise.py would; records what the gateway sent."""

    def __init__(self):
        self.received: list[dict] = []
        self.forgotten: list[str] = []
        self.down = False
        self.reply = {
            "messages": [
                {
                    "text": "Bonjour, qui écrit ?",
                    "buttons": [{"title": "Je suis un·e jeune", "payload": '/inform_audience{"audience":"teen"}'},
                                {"title": "Contacter le 3018", "payload": '/handoff{"resource":"3018-e-enfance"}'}],
                    "custom": {"resources": ["snated-119", "not-a-service"]},
                }
            ],
            "intent": "greet",
            "confidence": 0.99,
            "slots": {"audience": None},
        }

    async def get(self, url: str, timeout: float) -> Reply:
        if self.down:
            raise Unreachable()
        return Reply(200, {"status": "ok"})

    async def post(self, url: str, body: dict, headers: dict, timeout: float) -> Reply:
        if self.down:
            raise Unreachable()
        if headers.get("X-Balise-Token") != "test-token":
            return Reply(401)
        path = urlparse(url).path
        if path.endswith("/forget"):
            self.forgotten.append(body["sender"])
            return Reply(200, {"forgotten": True})
        if path.endswith("/webhook"):
            self.received.append(body)
            return Reply(200, self.reply)
        return Reply(404)
