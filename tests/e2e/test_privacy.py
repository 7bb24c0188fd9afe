"""What a person writes never reaches a log (issue #7), on the normal path and the fallback;
the gateway's log is JSON lines without session ids or addresses."""
import json
import uuid

from tests.e2e.helpers import chat, new_session


def test_user_text_is_in_no_log(any_stack):
    phrase = f"zorglub{uuid.uuid4().hex[:10]}"
    sid = new_session()
    for text in (f"bonjour {phrase}", f"il a mes nudes {phrase}", f"{phrase} {phrase}", f"je veux mourir {phrase}"):
        chat(any_stack, sid, text=text)
    logs = list(any_stack.log_dir.glob("*.log"))
    assert logs, "the stack writes its logs there"
    for log in logs:
        assert phrase not in log.read_text(errors="replace"), f"{log.name} contains what the user wrote"


def test_gateway_log_is_json_without_session_or_address(stack):
    sid = new_session()
    chat(stack, sid, text="bonjour")
    chat(stack, sid, text="je veux mourir")
    lines = (stack.log_dir / "gateway.log").read_text().splitlines()
    events = [json.loads(line) for line in lines]  # every line is one JSON object
    turns = [e for e in events if e["event"] == "turn"]
    assert turns and {"topic", "latency_ms", "degraded", "crisis"} <= set(turns[-1])
    assert any(e["topic"] == "crisis" for e in turns)
    for line in lines:
        assert sid not in line and "127.0.0.1" not in line
