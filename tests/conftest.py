"""Shared, real running stacks for the end-to-end and browser tests.

One stack in memory for the whole run (started once: Rasa takes ~30 s to load), and one
backed by a real redis-server started on a free port, for the tests that need Redis.
"""
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from scripts.stack import ROOT, Stack

ARTIFACTS = ROOT / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The suite sends hundreds of messages from one address; the limits have their own tests.
TEST_LIMITS = {"BALISE_RATE_LIMIT_CLIENT": "100000/minute"}


def start_stack(name: str, redis_url: str | None = None, rasa_replicas: int = 1, gateways: int = 1,
                env: dict[str, str] | None = None) -> Stack:
    stack = Stack(
        gateway_port=free_port(),
        rasa_ports=[free_port() for _ in range(rasa_replicas)],
        actions_port=free_port(),
        redis_url=redis_url,
        more_gateway_ports=[free_port() for _ in range(gateways - 1)],
        log_dir=ROOT / ".stack" / name,
        extra_env={**TEST_LIMITS, **(env or {})},
    )
    for old in stack.log_dir.glob("*.log") if stack.log_dir.exists() else []:
        old.unlink()
    stack.start()
    try:
        stack.wait_ready()
    except Exception:
        stack.stop()
        raise
    return stack


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


class RedisServer:
    """A real redis-server on a loopback port, no persistence; can be stopped and restarted."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            pytest.fail("redis-server is not installed (apt-get install redis-server; .ci/run does it)")
        self.port = free_port()
        self.workdir = tempfile.mkdtemp(prefix="balise-redis-")
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", self.workdir],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="session")
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.stop()
    shutil.rmtree(server.workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def stack():
    stack = start_stack("memory")
    yield stack
    stack.stop()


@pytest.fixture(scope="session")
def redis_stack(redis_server):
    stack = start_stack("redis", redis_server.url)
    yield stack
    stack.stop()


@pytest.fixture(params=["memory", "redis"])
def any_stack(request):
    """Runs a test once against the in-memory stack and once against the Redis-backed one."""
    return request.getfixturevalue("stack" if request.param == "memory" else "redis_stack")
