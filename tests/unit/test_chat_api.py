"""The public API's contract, with Rasa replaced by a fake (the real one: tests/e2e)."""

SID = "abcdefgh"


def test_a_turn_returns_the_documented_shape(client, fake_rasa):
    reply = client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"})
    assert reply.status_code == 200
    body = reply.json()
    assert body["session_id"] == SID
    assert body["topic"] == "greeting"
    assert body["audience"] == "unknown"
    assert body["crisis"] is False
    assert body["language"] == "fr"
    assert body["degraded"] is False
    message = body["messages"][0]
    assert message["text"] == "Bonjour, qui écrit ?"
    assert [b["payload"] for b in message["buttons"]][0] == '/inform_audience{"audience":"teen"}'
    # unknown ids never reach users; known ones become cards with click-to-call
    assert [r["id"] for r in message["resources"]] == ["snated-119"]
    assert {"type": "call", "label": "Appeler le 119", "href": "tel:119"} in message["resources"][0]["links"]


def test_typed_slash_commands_are_not_sent_as_payloads(client, fake_rasa):
    client.post("/api/v1/chat", json={"session_id": SID, "text": "/restart"})
    assert fake_rasa.received[-1]["payload"] is False


def test_a_payload_must_have_been_offered(client, fake_rasa):
    refused = client.post("/api/v1/chat", json={"session_id": SID, "payload": '/handoff{"resource":"3018-e-enfance"}'})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "payload_not_offered"
    client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"})
    accepted = client.post("/api/v1/chat", json={"session_id": SID, "payload": '/handoff{"resource":"3018-e-enfance"}'})
    assert accepted.status_code == 200
    assert fake_rasa.received[-1] == {
        "sender": SID, "message": '/handoff{"resource":"3018-e-enfance"}', "payload": True,
        "metadata": {"language": "fr", "audience_hint": None, "partner": None, "crisis_defused": False},
    }


def test_entry_payloads_are_accepted_without_an_offer(client, fake_rasa):
    reply = client.post("/api/v1/chat", json={"session_id": SID, "payload": "/talk_to_someone"})
    assert reply.status_code == 200


def test_audience_cue_travels_as_metadata(client, fake_rasa):
    client.post("/api/v1/chat", json={"session_id": SID, "text": "ma fille reçoit des messages bizarres"})
    assert fake_rasa.received[-1]["metadata"]["audience_hint"] == "parent"


def test_rasa_down_gives_the_emergency_card(client, fake_rasa):
    fake_rasa.down = True
    reply = client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"})
    assert reply.status_code == 503
    body = reply.json()
    assert body["degraded"] is True
    assert "17" in body["messages"][0]["text"] and "114" in body["messages"][0]["text"]
    ids = [r["id"] for r in body["messages"][0]["resources"]]
    assert ids == ["urgence-17", "urgence-112", "urgence-114", "snated-119"]


def test_delete_forgets_the_session(client, fake_rasa):
    client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"})
    assert client.delete(f"/api/v1/sessions/{SID}").status_code == 204
    assert fake_rasa.forgotten == [SID]
    # the offered payloads are gone with the session
    refused = client.post("/api/v1/chat", json={"session_id": SID, "payload": '/handoff{"resource":"3018-e-enfance"}'})
    assert refused.status_code == 422


def test_readyz_names_what_is_down(client, fake_rasa):
    assert client.get("/readyz").status_code == 200
    fake_rasa.down = True
    reply = client.get("/readyz")
    assert reply.status_code == 503
    assert reply.json()["down"] == ["actions", "rasa[0]"]
    assert client.get("/healthz").status_code == 200


def test_efface_tout_forgets_the_session_after_answering(client, fake_rasa):
    fake_rasa.reply["intent"] = "forget_me"
    reply = client.post("/api/v1/chat", json={"session_id": SID, "text": "efface tout"})
    assert reply.status_code == 200
    assert fake_rasa.forgotten == [SID]


def test_rasa_only_receives_scrubbed_text(client, fake_rasa):
    client.post("/api/v1/chat", json={"session_id": SID, "text": "il m'écrit au 06 12 34 56 78 et sur @kevin75"})
    sent = fake_rasa.received[-1]["message"]
    assert "06 12" not in sent and "kevin75" not in sent
    assert "[téléphone]" in sent and "[pseudo]" in sent
