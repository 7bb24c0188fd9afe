"""Starts Balise's processes on loopback, waits until they are ready, stops them together.

    python scripts/stack.py            # what `make run` does; Ctrl-C stops everything
    BALISE_RASA_REPLICAS=2 python scripts/stack.py   # two Rasa processes (ports 5005, 5006)

Processes: the action server, one or more Rasa servers (private channel + token-protected HTTP
API, 127.0.0.1 only) and the gateway, the one public port. With REDIS_URL set, Rasa's tracker and
lock stores and the gateway's state go to Redis; otherwise everything stays in memory.
The test suite uses the same class, so tests run the stack exactly as `make run` does.
"""
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
RASA_BIN = ROOT / ".venv/rasa/bin"
GW_BIN = ROOT / ".venv/gateway/bin"


def current_model() -> str:
    return subprocess.run(
        [str(ROOT / "scripts/train-if-needed.sh")], check=True, capture_output=True, text=True
    ).stdout.strip()


def redis_env(url: str) -> dict:
    """endpoints.redis.yml wants host, port, db and password as separate variables."""
    parts = urlparse(url)
    return {
        "BALISE_REDIS_HOST": parts.hostname or "127.0.0.1",
        "BALISE_REDIS_PORT": str(parts.port or 6379),
        "BALISE_REDIS_DB": (parts.path.lstrip("/") or "0"),
        "BALISE_REDIS_PASSWORD": parts.password or "",
    }


@dataclass
class Stack:
    gateway_port: int = 8000
    rasa_ports: list[int] = field(default_factory=lambda: [5005])
    actions_port: int = 5055
    redis_url: str | None = None
    more_gateway_ports: list[int] = field(default_factory=list)
    """Further gateways (gateway1, gateway2, …) in front of the same Rasa replicas and Redis."""
    host: str = "127.0.0.1"
    log_dir: Path = ROOT / ".stack/logs"
    model: str | None = None
    """A model archive; by default the current one (trained first if needed)."""
    credentials: str = "credentials.yml"
    extra_env: dict[str, str] = field(default_factory=dict)
    """Added to every process's environment: settings such as raised rate limits for evaluations
    and tests, or the benchmarks' levers."""
    token: str = field(default_factory=lambda: os.environ.get("BALISE_RASA_TOKEN") or secrets.token_urlsafe(24))
    procs: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.gateway_port}"

    @property
    def urls(self) -> list[str]:
        """Every gateway's address, the first one's first."""
        return [f"http://{self.host}:{port}" for port in [self.gateway_port, *self.more_gateway_ports]]

    def env(self) -> dict:
        env = dict(os.environ)
        env.update(
            RASA_TELEMETRY_ENABLED="false",
            SQLALCHEMY_SILENCE_UBER_WARNING="1",
            TF_CPP_MIN_LOG_LEVEL="2",
            PYTHONPATH=str(ROOT),
            SANIC_HOST="127.0.0.1",
            BALISE_RASA_TOKEN=self.token,
            BALISE_ACTIONS_PORT=str(self.actions_port),
            BALISE_ACTIONS_URL=f"http://127.0.0.1:{self.actions_port}",
            BALISE_RASA_URLS="[" + ",".join(f'"http://127.0.0.1:{p}"' for p in self.rasa_ports) + "]",
            BALISE_SESSION_TTL_SECONDS=env_ttl(),
        )
        env.update(self.extra_env)
        env.pop("REDIS_URL", None)
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
            env.update(redis_env(self.redis_url))
        return env

    def commands(self) -> dict:
        endpoints = "endpoints.redis.yml" if self.redis_url else "endpoints.yml"
        cmds = {"actions": [str(RASA_BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(self.actions_port)]}
        model = self.model or current_model()
        for i, port in enumerate(self.rasa_ports):
            cmds[f"rasa{i}"] = [
                str(RASA_BIN / "python"), "-m", "rasa_extensions.cli", "run", "--model", model, "--endpoints", endpoints,
                "--credentials", self.credentials, "--interface", "127.0.0.1", "--port", str(port),
                "--enable-api", f"--auth-token={self.token}",  # a token may start with "-"
                "--response-timeout", "20",
            ]
        for i, port in enumerate([self.gateway_port, *self.more_gateway_ports]):
            cmds[f"gateway{i or ''}"] = [
                str(GW_BIN / "uvicorn"), "bot.main:create_app", "--factory", "--host", self.host,
                "--port", str(port), "--no-access-log", "--log-level", "warning",
                "--log-config", str(ROOT / "bot/log_config.json"),
            ]
        return cmds

    def start_component(self, name: str) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")
        self.procs[name] = subprocess.Popen(
            self._commands[name], cwd=ROOT, env=self.env(), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop_component(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def start(self) -> "Stack":
        self._commands = self.commands()
        for name in self._commands:
            self.start_component(name)
        return self

    def wait_ready(self, timeout: float = 240) -> float:
        """Seconds until /readyz said ready; raises with the logs' tails if it never does."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            dead = [n for n, p in self.procs.items() if p.poll() is not None]
            if dead:
                raise RuntimeError(f"stopped during start-up: {dead}\n{self.tails()}")
            if all(self._ready(url) for url in self.urls):
                return time.monotonic() - started
            time.sleep(0.5)
        raise RuntimeError(f"not ready after {timeout} s\n{self.tails()}")

    @staticmethod
    def _ready(url: str) -> bool:
        try:
            with urllib.request.urlopen(url + "/readyz", timeout=2) as reply:
                return reply.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def tails(self, lines: int = 15) -> str:
        out = []
        for log in sorted(self.log_dir.glob("*.log")):
            out.append(f"--- {log.name}\n" + "\n".join(log.read_text(errors="replace").splitlines()[-lines:]))
        return "\n".join(out)

    def rss_mb(self) -> dict[str, float]:
        """Resident memory of each component, its child processes included (Linux /proc)."""
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
            except (OSError, IndexError, ValueError):
                continue

        def tree_kb(pid: int) -> int:
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                own = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
            except (OSError, StopIteration):
                own = 0
            return own + sum(tree_kb(child) for child in children.get(pid, []))

        return {name: tree_kb(proc.pid) / 1024 for name, proc in self.procs.items()}

    def stop(self) -> None:
        for name in reversed(list(self.procs)):
            self.stop_component(name)


def env_ttl() -> str:
    ttl = os.environ.get("BALISE_SESSION_TTL_SECONDS", "1800")
    if not ttl.isdigit():  # Rasa's Redis store needs whole seconds (rasa-notes §3.1)
        sys.exit("BALISE_SESSION_TTL_SECONDS must be a whole number of seconds")
    return ttl


def rasa_replicas() -> int:
    """One Rasa process uses one core at most: on a bigger server, one per core (docs/deployment.md)."""
    replicas = os.environ.get("BALISE_RASA_REPLICAS", "1")
    if not replicas.isdigit() or int(replicas) < 1:
        sys.exit("BALISE_RASA_REPLICAS must be a whole number, 1 or more")
    return int(replicas)


def main() -> None:
    stack = Stack(
        gateway_port=int(os.environ.get("BALISE_PORT", "8000")),
        host=os.environ.get("BALISE_HOST", "127.0.0.1"),
        redis_url=os.environ.get("REDIS_URL") or None,
        rasa_ports=[5005 + i for i in range(rasa_replicas())],
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        print("Starting Balise (Rasa takes about 20 s to load)…", flush=True)
        stack.start()
        seconds = stack.wait_ready()
        rss = stack.rss_mb()
        memory = ", ".join(f"{name} {mb:.0f} MB" for name, mb in rss.items())
        print(f"Balise is ready after {seconds:.0f} s: {stack.url}  (Ctrl-C stops it; logs in {stack.log_dir})", flush=True)
        print(f"Memory (RSS): {memory}; total {sum(rss.values()):.0f} MB", flush=True)
        while all(p.poll() is None for p in stack.procs.values()):
            time.sleep(1)
        print("A process stopped; stopping the others.\n" + stack.tails(), file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        print("\nStopping…")
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):  # a second signal must not cut the clean-up short
            signal.signal(sig, signal.SIG_IGN)
        stack.stop()


if __name__ == "__main__":
    main()
