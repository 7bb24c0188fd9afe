"""GET /api/v1/resources and the hand-off parts of the chat answer (partner, département,
summary), through the app with Rasa replaced by a fake."""
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.api.deps import get_directory
from bot.directory import Directory

ROOT = Path(__file__).resolve().parents[2]
NOON = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)
SID = "abcdefgh"


@pytest.fixture
def with_demo(client):
    """The app with the test partner `demo` (tests/fixtures/partners) and a fixed clock."""
    directory = Directory.load(ROOT / "data", ROOT / "tests/fixtures/partners", clock=lambda: NOON)
    client.app.dependency_overrides[get_directory] = lambda: directory
    client.app.state.conversation.directory = directory
    client.app.state.conversation.clock = lambda: NOON
    yield client
    client.app.dependency_overrides.clear()


def get(client, **params):
    return client.get("/api/v1/resources", params=params)


def ids(body: dict) -> list[str]:
    return [r["id"] for r in body["resources"]]


def test_at_23_30_paris_the_3018_is_closed_and_the_119_is_offered(client):
    body = get(client, topic="sextortion", at="2026-11-23T23:30:00+01:00").json()
    assert body["at"] == "2026-11-23T23:30:00+01:00" and body["crisis"] is False
    first, second = body["resources"][:2]
    assert (first["id"], first["open_now"], first["next_open"]) == ("3018-e-enfance", False, "ouvre demain à 9 h")
    assert first["open_alternative"] == "snated-119"
    assert (second["id"], second["open_now"]) == ("snated-119", True)


def test_an_instant_without_offset_is_paris_time(client):
    body = get(client, topic="sextortion", at="2026-11-23T23:30").json()
    assert body["at"] == "2026-11-23T23:30:00+01:00"
    assert body["resources"][0]["open_now"] is False


def test_crisis_lists_emergency_numbers_first(client):
    body = get(client, topic="crisis").json()
    assert body["crisis"] is True
    assert [r["kind"] for r in body["resources"][:4]] == ["emergency"] * 4


def test_the_partner_comes_first_with_partner_only(with_demo):
    assert ids(get(with_demo, topic="image_removal", partner="demo").json())[0] == "demo"
    assert "demo" not in ids(get(with_demo, topic="image_removal").json())


def test_english_labels(client):
    body = get(client, topic="sextortion", at="2026-11-23T23:30:00+01:00", language="en").json()
    assert body["resources"][0]["next_open"] == "opens tomorrow at 9:00"


@pytest.mark.parametrize(
    "params,code,words",
    [
        ({"departement": "20"}, "invalid_departement", "département"),
        ({"departement": "977"}, "invalid_departement", "département"),
        ({"departement": "75001"}, "invalid_departement", "jamais une adresse"),
        ({"topic": "bonjour"}, "invalid_topic", "sujet"),
        ({"audience": "prof"}, "invalid_audience", "public"),
        ({"at": "demain"}, "invalid_at", "ISO 8601"),
        ({"at": "2026-11-23T23:30:00 01:00"}, "invalid_at", "%2B"),
        ({"partner": "nobody"}, "invalid_partner", "partenaire"),
        ({"partner": "Not valid!"}, "invalid_partner", "partenaire"),
        ({"language": "de"}, "invalid_language", "langue"),
        ({"adresse": "1 rue de Paris"}, "unknown_field", "adresse"),
    ],
)
def test_bad_parameters_get_a_french_message(client, params, code, words):
    reply = get(client, **params)
    assert reply.status_code == 422
    error = reply.json()["error"]
    assert error["code"] == code and words in error["message"]


@pytest.mark.parametrize("departement", ["01", "2A", "2B", "95", "971", "976"])
def test_every_kind_of_departement_is_accepted(client, departement):
    assert get(client, topic="exploitation", departement=departement).status_code == 200


# --- the chat answer ----------------------------------------------------------------------------

def sextortion_reply(fake_rasa):
    fake_rasa.reply["intent"] = "sextortion"
    fake_rasa.reply["slots"] = {"audience": "teen"}
    fake_rasa.reply["messages"] = [{"text": "…", "custom": {"resources": ["3018-e-enfance"]}}]


def test_chat_resources_are_the_same_objects_as_the_api(with_demo, fake_rasa):
    sextortion_reply(fake_rasa)
    chat = with_demo.post("/api/v1/chat", json={"session_id": SID, "text": "on me fait du chantage"}).json()
    api = get(with_demo, topic="sextortion", at=NOON.isoformat()).json()
    assert chat["messages"][0]["resources"][0] == api["resources"][0]


def test_chat_puts_the_partner_first_when_set(with_demo, fake_rasa):
    sextortion_reply(fake_rasa)
    body = {"session_id": SID, "text": "on me fait du chantage"}
    assert [r["id"] for r in with_demo.post("/api/v1/chat", json={**body, "partner": "demo"}).json()["messages"][0]["resources"]] == [
        "demo", "3018-e-enfance",
    ]
    assert [r["id"] for r in with_demo.post("/api/v1/chat", json=body).json()["messages"][0]["resources"]] == ["3018-e-enfance"]


def test_chat_accepts_a_departement_and_refuses_an_address(client, fake_rasa):
    ok = client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour", "departement": "2A"})
    assert ok.status_code == 200
    refused = client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour", "departement": "12 rue de la Paix"})
    assert refused.status_code == 422
    assert refused.json()["error"]["message"]  # in French (bot/errors.py)


def test_the_summary_is_built_from_topic_and_audience_never_from_the_words(client, fake_rasa):
    sextortion_reply(fake_rasa)
    secret = "il s'appelle Kevin et il a mes photos"
    body = client.post("/api/v1/chat", json={"session_id": SID, "text": secret}).json()
    lines = body["summary"]["lines"]
    assert len(lines) == 3
    assert lines[0].startswith("Sujet : chantage") and lines[1] == "Qui écrit : un·e jeune, pour soi"
    assert "3018" in lines[2]
    assert not any(word in " ".join(lines) for word in ("Kevin", "photos", secret))


def test_no_summary_without_steps_to_summarise(client, fake_rasa):
    assert client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"}).json()["summary"] is None


def test_the_summary_follows_the_answer_language(client, fake_rasa):
    sextortion_reply(fake_rasa)
    body = client.post("/api/v1/chat", json={"session_id": SID, "text": "someone is blackmailing me", "language": "en"}).json()
    assert body["summary"]["lines"][0].startswith("Topic: blackmail")
