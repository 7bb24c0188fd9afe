"""`make bench`: measures Balise and Rasa's stock recipe in the same run, writes docs/benchmarks.md.

For each configuration of bench/plan.yml: train if needed (models are cached by content hash, the
training time is kept next to the model), start the real stack (action server, Rasa, gateway;
Rasa also opens its REST channel, bench/credentials.yml), time start-to-ready, then replay
bench/conversations.yml through the gateway, straight into Rasa's REST channel, and into the
private channel the gateway uses (its overhead), closed-loop and paced, while sampling every
process's resident memory.

    python -m bench.run              # what `make bench` does
    python -m bench.run --quick      # seconds per scenario, to check the tooling
"""
import argparse
import asyncio
import json
import socket
import subprocess
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import yaml

from bench.load import Result, Scenario, run
from bench.report import commit, write_report
from scripts.stack import ROOT, Stack

PLAN = Path(__file__).with_name("plan.yml")
RAW = ROOT / "results" / "bench.json"


@dataclass
class Measured:
    name: str
    model: str
    replicas: int
    train_seconds: float | None
    ready_seconds: float = 0.0
    rss_idle: dict = field(default_factory=dict)
    rss_peak_total: float = 0.0
    results: list[Result] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "name": self.name, "model": self.model, "replicas": self.replicas, "train_seconds": self.train_seconds,
            "ready_seconds": self.ready_seconds, "rss_idle_mb": self.rss_idle,
            "rss_peak_total_mb": self.rss_peak_total, "results": [r.summary() for r in self.results],
        }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def trained_model(config: str, name: str) -> tuple[str, float | None]:
    """The model for this config (trained now if missing) and how long its training took."""
    model = subprocess.run(
        [str(ROOT / "scripts/train-if-needed.sh"), config, name], cwd=ROOT, check=True,
        stdout=subprocess.PIPE, text=True,
    ).stdout.strip()
    seconds = ROOT / f"{model}.seconds"
    return model, float(seconds.read_text()) if seconds.exists() else None


class PeakMemory:
    """Samples the stack's total RSS every second in a thread while load runs."""

    def __init__(self, stack: Stack):
        self.stack, self.peak, self._stop = stack, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(self.stack.rss_mb().values()))
            self._stop.wait(1.0)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()


def scenarios(plan: dict, full: bool, load_test: bool) -> list[Scenario]:
    """Every scenario of the plan for a main configuration, or the capacity pair for a lever."""
    closed, paced = plan["closed_seconds"], plan["paced_seconds"]
    if not full:
        return [Scenario("gateway", "closed", plan["capacity_users"], closed),
                Scenario("gateway", "paced", max(plan["paced_users"]), paced)]
    chosen = []
    for target in ("gateway", "rest"):
        chosen += [Scenario(target, "closed", n, closed) for n in plan["closed_users"]]
        if plan["capacity_users"] not in plan["closed_users"]:
            chosen.append(Scenario(target, "closed", plan["capacity_users"], closed))
        chosen += [Scenario(target, "paced", n, paced) for n in plan["paced_users"]]
    if load_test:
        chosen.append(Scenario("gateway", "paced", plan["load_test"]["users"], messages=plan["load_test"]["messages"]))
    return chosen


def show(result: Result) -> Result:
    s = result.summary()
    print(f"   {s['scenario']}: {s['messages']} msgs, {s['errors']} errors, p50 {s['p50_ms']:.0f} ms, "
          f"p95 {s['p95_ms']:.0f} ms, {s['msgs_per_s']:.1f} msg/s", flush=True)
    return result


def overhead_alone(stack: Stack, rasa_url: str, seconds: float, rounds: int = 2) -> list[Result]:
    """One person alone through each door (gateway, the private channel it uses, Rasa's REST
    channel), one door after the other and in turns, so that a slow moment of the machine does
    not fall on one door only; each door's turns are pooled. Gateway − REST is the gateway's
    overhead as issue #9 defines it; gateway − channel is the gateway's own work."""
    pooled = {target: Result(Scenario(target, "closed", 1, seconds * rounds, tag="alone")) for target in ("gateway", "channel", "rest")}
    for _ in range(rounds):
        for target, result in pooled.items():
            one = asyncio.run(run(stack.url if target == "gateway" else rasa_url, Scenario(target, "closed", 1, seconds), token=stack.token))
            result.latencies += one.latencies
            result.elapsed += one.elapsed
            for kind, n in one.errors.items():
                result.errors[kind] = result.errors.get(kind, 0) + n
    return list(pooled.values())


def measure(entry: dict, plan: dict, full: bool) -> Measured:
    model, train_seconds = trained_model(entry["config"], entry["model"])
    ports = [free_port() for _ in range(entry["replicas"])]
    stack = Stack(
        gateway_port=free_port(), rasa_ports=ports, actions_port=free_port(), model=model,
        credentials="bench/credentials.yml", log_dir=ROOT / ".stack" / "bench" / "-".join(entry["name"].replace(",", "").split()),
        extra_env={**plan.get("env", {}), **entry.get("env", {})},
    )
    measured = Measured(entry["name"], entry["model"], entry["replicas"], train_seconds)
    print(f"== {entry['name']}: starting", flush=True)
    stack.start()
    try:
        measured.ready_seconds = stack.wait_ready()
        time.sleep(2)  # let start-up settle before reading memory
        measured.rss_idle = stack.rss_mb()
        rasa_url = f"http://127.0.0.1:{ports[0]}"
        for warm in ("gateway", "rest"):  # first turns load lazily (TensorFlow graphs, caches)
            asyncio.run(run(stack.url if warm == "gateway" else rasa_url, Scenario(warm, "closed", 2, messages=6)))
        with PeakMemory(stack) as memory:
            for scenario in scenarios(plan, full, entry.get("load_test", False)):
                url = stack.url if scenario.target == "gateway" else rasa_url
                measured.results.append(show(asyncio.run(run(url, scenario, token=stack.token))))
            if full:
                measured.results += [show(r) for r in overhead_alone(stack, rasa_url, plan["closed_seconds"] / 2)]
        measured.rss_peak_total = memory.peak
    finally:
        stack.stop()
    return measured


def quick(plan: dict) -> dict:
    """A few seconds per scenario and fewer users: checks the tooling, not the numbers."""
    return {**plan, "closed_seconds": 3, "paced_seconds": 5, "closed_users": [1, 5], "paced_users": [5],
            "capacity_users": 5, "load_test": {"users": 5, "messages": 4}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="seconds per scenario: checks the tooling")
    parser.add_argument("--no-levers", action="store_true", help="skip the levers of bench/plan.yml")
    parser.add_argument("--only", help="measure only this model's configurations (balise or stock)")
    parser.add_argument("--plan", type=Path, default=PLAN)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    plan = yaml.safe_load(args.plan.read_text(encoding="utf-8"))
    if args.quick:
        plan = quick(plan)
    started, load_before = time.monotonic(), Path("/proc/loadavg").read_text().split()[:3]
    stamp = {"date": f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M}", "commit": commit()}
    chosen = [e for e in plan["configurations"] + plan["levers"] if args.only in (None, e["model"])]
    mains = [measure(e, plan, full=True) for e in chosen if e in plan["configurations"]]
    levers = [] if args.no_levers else [measure(e, plan, full=False) for e in chosen if e in plan["levers"]]
    run_info = {
        **stamp, "wall_seconds": time.monotonic() - started, "load_before": load_before,
        "load_after": Path("/proc/loadavg").read_text().split()[:3], "quick": args.quick, "only": args.only, "plan": plan,
    }
    RAW.parent.mkdir(exist_ok=True)
    RAW.write_text(json.dumps({"run": run_info, "configurations": [m.to_dict() for m in mains],
                               "levers": [m.to_dict() for m in levers]}, indent=2))
    write_report(args.out, run_info, [m.to_dict() for m in mains], [m.to_dict() for m in levers])
    print(f"Wrote {args.out} (raw numbers: {RAW}) after "
          f"{run_info['wall_seconds']:.0f} s.", flush=True)


if __name__ == "__main__":
    main()
