"""Runs a check script with the Rasa venv's Python: rasa_extensions/ import Rasa, which the
gateway's venv (where pytest runs) does not have. The script prints "ok" last when all holds."""
import subprocess

from scripts.stack import RASA_BIN, ROOT


def assert_check_passes(script: str) -> None:
    done = subprocess.run(
        [str(RASA_BIN / "python"), str(ROOT / "tests/unit" / script)],
        cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")
