"""A stand-in for Rasa's private channel, for unit tests of the gateway alone."""
import json

import httpx


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

    def handler(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("down", request=request)
        if request.method == "GET":
            return httpx.Response(200, json={"status": "ok"})
        if request.headers.get("X-Balise-Token") != "test-token":
            return httpx.Response(401)
        if request.url.path.endswith("/forget"):
            self.forgotten.append(json.loads(request.content)["sender"])
            return httpx.Response(200, json={"forgotten": True})
        if request.url.path.endswith("/webhook"):
            self.received.append(json.loads(request.content))
            return httpx.Response(200, json=self.reply)
        return httpx.Response(404)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handler)
