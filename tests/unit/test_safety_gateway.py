"""The gateway's own safety behaviour, with Rasa replaced by a fake (the real stack:
tests/e2e/test_safety.py and test_failsafe.py)."""
from fastapi.testclient import TestClient

from bot.main import create_app
from bot.settings import Settings

SID = "abcdefgh"


def test_detector_sends_the_crisis_intent_not_the_text(client, fake_rasa):
    reply = client.post("/api/v1/chat", json={"session_id": SID, "text": "jveux mourir ce soir"})
    assert reply.status_code == 200
    sent = fake_rasa.received[-1]
    assert sent["message"] == "/crisis_suicide" and sent["payload"] is True
    body = reply.json()
    assert body["crisis"] is True and body["topic"] == "crisis"


def test_no_crisis_sends_the_text(client, fake_rasa):
    client.post("/api/v1/chat", json={"session_id": SID, "text": "je suis morte de rire"})
    assert fake_rasa.received[-1]["message"] == "je suis morte de rire"
    assert fake_rasa.received[-1]["payload"] is False


def test_crisis_marked_by_a_response_sets_the_flag(client, fake_rasa):
    fake_rasa.reply["messages"][0]["custom"] = {"crisis": True, "resources": ["urgence-17"]}
    fake_rasa.reply["intent"] = "crisis_danger_now"
    body = client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"}).json()
    assert body["crisis"] is True and body["topic"] == "crisis"


def test_failsafe_is_fitted_to_the_detected_crisis(client, fake_rasa):
    fake_rasa.down = True
    reply = client.post("/api/v1/chat", json={"session_id": SID, "text": "jveux me suicider"})
    assert reply.status_code == 503
    body = reply.json()
    assert body["crisis"] is True and body["degraded"] is True
    assert [r["id"] for r in body["messages"][0]["resources"]][0] == "3114-suicide"


def test_empty_answer_from_rasa_is_a_failsafe(client, fake_rasa):
    """What Rasa gives when a turn's custom action could not run (action server down)."""
    fake_rasa.reply["messages"] = []
    reply = client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"})
    assert reply.status_code == 503 and reply.json()["degraded"] is True


def test_other_language_gets_its_card_without_rasa(client, fake_rasa):
    body = client.post("/api/v1/chat", json={"session_id": SID, "text": "Olá, preciso de ajuda, um homem está me ameaçando na internet"}).json()
    assert body["language"] == "pt"
    assert "francês e em inglês" in body["messages"][0]["text"]
    assert fake_rasa.received == []


def test_widget_language_is_used_until_the_text_says_otherwise(client, fake_rasa):
    body = client.post("/api/v1/chat", json={"session_id": SID, "payload": "/talk_to_someone", "language": "en"}).json()
    assert body["language"] == "en"
    assert fake_rasa.received[-1]["metadata"]["language"] == "en"


def test_redis_down_gives_the_failsafe(fake_rasa):
    settings = Settings(rasa_urls=["http://rasa.test"], rasa_token="test-token", redis_url="redis://127.0.0.1:1/0")
    with TestClient(create_app(settings, engines=fake_rasa)) as client:
        reply = client.post("/api/v1/chat", json={"session_id": SID, "text": "il me frappe aidez moi"})
    assert reply.status_code == 503
    body = reply.json()
    assert body["degraded"] is True and body["crisis"] is True
    assert "tel:17" in [link["href"] for r in body["messages"][0]["resources"] for link in r["links"]]


def test_detector_evidence_against_a_crisis_travels_to_rasa(client, fake_rasa):
    """An idiom (patterns) or a model all but sure there is no crisis lets the NLU's crisis guess
    yield; a message the model is unsure about (between its floor and its threshold) is left to
    the NLU. The last two depend on the trained model: pick others if a retraining moves them."""
    client.post("/api/v1/chat", json={"session_id": SID, "text": "je suis morte de rire"})
    assert fake_rasa.received[-1]["metadata"]["crisis_defused"] is True
    client.post("/api/v1/chat", json={"session_id": SID, "text": "il a mes nudes"})
    assert fake_rasa.received[-1]["metadata"]["crisis_defused"] is True
    client.post("/api/v1/chat", json={"session_id": SID, "text": "il menace de tout dire"})
    assert fake_rasa.received[-1]["metadata"]["crisis_defused"] is False
