"""Anonymous aggregate counts (issue #7): per day and topic, no session id, no text;
/api/v1/stats for partners, /metrics behind a token, the hand-off click event."""
SID = "abcdefgh"
TOKEN = "metrics-secret-for-tests"


def today(client) -> dict:
    days = client.get("/api/v1/stats").json()["days"]
    assert len(days) == 1
    return days[0]


def test_turns_are_counted_per_topic_and_language(client, fake_rasa):
    for text in ("bonjour", "salut", "je veux mourir"):
        client.post("/api/v1/chat", json={"session_id": SID, "text": text})
    client.post("/api/v1/chat", json={"session_id": "anotherSession", "text": "bonjour"})
    day = today(client)
    greeting = day["topics"]["greeting"]
    assert greeting["messages"] == 3 and greeting["sessions"] == 2  # a conversation counts once per topic
    assert greeting["handoff_shown"] == 3 and greeting["crisis"] == 0
    assert day["topics"]["crisis"]["crisis"] == 1
    assert day["languages"] == {"fr": 4}
    assert day["handoffs"]["snated-119"]["shown"] >= 3


def test_fallback_and_degraded_are_counted(client, fake_rasa):
    fake_rasa.reply = {**fake_rasa.reply, "intent": "nlu_fallback"}
    client.post("/api/v1/chat", json={"session_id": SID, "text": "xqzt"})
    fake_rasa.down = True
    client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"})
    unknown = today(client)["topics"]["unknown"]
    assert unknown["fallback"] == 1 and unknown["degraded"] == 1


def test_handoff_click(client):
    assert client.post("/api/v1/events", json={"event": "handoff_click", "resource": "3018-e-enfance"}).status_code == 204
    assert today(client)["handoffs"]["3018-e-enfance"]["clicked"] == 1


def test_click_event_is_strict(client):
    for body, code in [
        ({"event": "handoff_click", "resource": "no-such-service"}, "invalid_resource"),
        ({"event": "handoff_click", "resource": "3018-e-enfance", "session_id": SID}, "unknown_field"),
        ({"event": "page_view", "resource": "3018-e-enfance"}, "invalid_event"),
        ({"event": "handoff_click", "resource": "../x"}, "invalid_resource"),
    ]:
        reply = client.post("/api/v1/events", json=body)
        assert reply.status_code == 422, body
        assert reply.json()["error"]["code"] == code


def test_stats_hold_no_session_id_or_text(client):
    client.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour zorglubphrase"})
    raw = client.get("/api/v1/stats").text
    assert SID not in raw and "zorglub" not in raw


def test_metrics_need_a_configured_token(client, make_client):
    assert client.get("/metrics").status_code == 404
    with make_client(metrics_token=TOKEN) as secured:
        secured.post("/api/v1/chat", json={"session_id": SID, "text": "bonjour"})
        assert secured.get("/metrics").status_code == 401
        assert secured.get("/metrics", headers={"authorization": "Bearer wrong"}).status_code == 401
        reply = secured.get("/metrics", headers={"authorization": f"Bearer {TOKEN}"})
    assert reply.status_code == 200
    assert 'balise_day_topic{counter="messages",day="' in reply.text
    assert 'topic="greeting"} 1.0' in reply.text
    assert SID not in reply.text
