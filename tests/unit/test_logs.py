"""The gateway's logs are JSON lines without what a person wrote, their session or address."""
import json
import logging

from bot.logs import JsonFormatter


def record(msg, *args, exc_info=None, **extra) -> dict:
    rec = logging.LogRecord("balise.test", logging.INFO, __file__, 1, msg, args, exc_info)
    rec.__dict__.update(extra)
    return json.loads(JsonFormatter().format(rec))


def test_a_line_is_json_with_the_chosen_fields():
    line = record("turn", topic="sextortion", latency_ms=12)
    assert line["event"] == "turn" and line["topic"] == "sextortion" and line["latency_ms"] == 12
    assert line["level"] == "info" and line["time"].endswith("+00:00")


def test_arguments_are_never_written():
    line = record('%s - "POST /api/v1/chat" %d', "203.0.113.7:5555", 200)
    assert "203.0.113.7" not in json.dumps(line)


def test_exceptions_keep_their_type_and_place_not_their_message():
    try:
        int("un secret écrit par quelqu'un")
    except ValueError:
        import sys
        line = record("crash", exc_info=sys.exc_info())
    assert line["error"] == "ValueError" and line["where"]
    assert "secret" not in json.dumps(line, ensure_ascii=False)


def test_a_turn_is_logged_without_text_session_or_address(client, caplog):
    with caplog.at_level(logging.INFO, logger="balise"):
        client.post("/api/v1/chat", json={"session_id": "sessionzorg", "text": "bonjour zorglubphrase"})
    turns = [r for r in caplog.records if r.msg == "turn"]
    assert len(turns) == 1 and turns[0].topic == "greeting" and turns[0].latency_ms >= 0
    written = "\n".join(JsonFormatter().format(r) for r in caplog.records)
    assert "zorglub" not in written and "sessionzorg" not in written and "testclient" not in written
