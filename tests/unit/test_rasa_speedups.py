"""rasa_extensions/speedups.py, inside the Rasa venv: action replies are accepted and refused
exactly as Rasa's own check does (with Rasa's error message), and events resolve to the same
classes."""
import subprocess

from scripts.stack import RASA_BIN, ROOT


def test_speedups_answer_like_the_rasa_code_they_replace():
    done = subprocess.run(
        [str(RASA_BIN / "python"), str(ROOT / "tests/unit/rasa_speedups_check.py")],
        cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")
