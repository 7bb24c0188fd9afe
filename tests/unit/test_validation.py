"""Bad input gets 422 with a code and a plain French message; nothing reaches Rasa."""
import pytest

CASES = [
    ({"session_id": "short", "text": "bonjour"}, "invalid_session_id"),
    ({"session_id": "abcdefgh!", "text": "bonjour"}, "invalid_session_id"),
    ({"session_id": "a" * 129, "text": "bonjour"}, "invalid_session_id"),
    ({"session_id": "abcdefgh", "text": ""}, "invalid_text"),
    ({"session_id": "abcdefgh", "text": "x" * 4001}, "invalid_text"),
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


@pytest.mark.parametrize("character", ["é", "😭"])  # an emoji is 12 bytes of escaped JSON
def test_exactly_4000_characters_is_accepted_within_the_body_limit(client, character):
    assert client.post("/api/v1/chat", json={"session_id": "abcdefgh", "text": character * 4000}).status_code == 200


def test_a_long_testimony_ending_in_danger_is_a_crisis(client, fake_rasa):
    """A story told at length, with the danger in its last words: accepted whole, and caught."""
    story = "Je vous écris parce que je sais plus quoi faire, ça a commencé sur insta l'an dernier. " * 42
    text = (story + "Là il est devant chez moi et il va me tuer")[:4000]
    assert len(text) > 3000
    reply = client.post("/api/v1/chat", json={"session_id": "abcdefgh", "text": text})
    assert reply.status_code == 200 and reply.json()["crisis"] is True
    assert fake_rasa.received[-1]["message"] == "/crisis_danger_now"


def test_bad_session_id_on_delete(client):
    assert client.delete("/api/v1/sessions/short").status_code == 422


def test_unknown_route_is_french_json(client):
    reply = client.get("/nope")
    assert reply.status_code == 404
    assert reply.json()["error"]["message"] == "Cette page n'existe pas."
