"""Bad input gets 422 with a code and a plain French message; nothing reaches Rasa."""
import pytest

CASES = [
    ({"session_id": "short", "text": "bonjour"}, "invalid_session_id"),
    ({"session_id": "abcdefgh!", "text": "bonjour"}, "invalid_session_id"),
    ({"session_id": "a" * 129, "text": "bonjour"}, "invalid_session_id"),
    ({"session_id": "abcdefgh", "text": ""}, "invalid_text"),
    ({"session_id": "abcdefgh", "text": "x" * 1001}, "invalid_text"),
    ({"session_id": "abcdefgh", "text": "   "}, "blank_text"),
    ({"session_id": "abcdefgh"}, "text_xor_payload"),
    ({"session_id": "abcdefgh", "text": "a", "payload": "/menu"}, "text_xor_payload"),
    ({"session_id": "abcdefgh", "text": "bonjour", "admin": True}, "unknown_field"),
    ({"session_id": "abcdefgh", "text": "bonjour", "partner": "../etc"}, "invalid_partner"),
]


@pytest.mark.parametrize("body,code", CASES)
def test_invalid_bodies(client, fake_rasa, body, code):
    reply = client.post("/api/v1/chat", json=body)
    assert reply.status_code == 422
    error = reply.json()["error"]
    assert error["code"] == code
    assert error["message"] and error["message"][0].isupper()
    assert fake_rasa.received == []


def test_not_json(client, fake_rasa):
    reply = client.post("/api/v1/chat", content=b"{not json", headers={"content-type": "application/json"})
    assert reply.status_code == 422
    assert reply.json()["error"]["code"] == "invalid_json"


def test_exactly_1000_characters_is_accepted(client):
    assert client.post("/api/v1/chat", json={"session_id": "abcdefgh", "text": "é" * 1000}).status_code == 200


def test_bad_session_id_on_delete(client):
    assert client.delete("/api/v1/sessions/short").status_code == 422


def test_unknown_route_is_french_json(client):
    reply = client.get("/nope")
    assert reply.status_code == 404
    assert reply.json()["error"]["message"] == "Cette page n'existe pas."
