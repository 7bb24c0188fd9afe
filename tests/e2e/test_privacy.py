"""What a person writes never reaches a log (issue #7), on the normal path and the fallback."""
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
