"""Writes docs/benchmarks.md from one run of bench/run.py: machine, tables, ratios, targets.

The prose that does not depend on the numbers (levers not measured, how to read the tables)
lives in bench/notes.md and is appended as is.
"""
import json
import math
import os
import platform
import sys
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from scripts.stack import ROOT

NOTES = Path(__file__).with_name("notes.md")
TARGETS = {"capacity": 50.0, "capacity_ratio": 2.5, "paced_p95_ms": 250.0, "rss_mb": 1536.0, "ready_s": 20.0,
           "overhead_ms": 5.0}


def machine() -> list[str]:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    models = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    free = subprocess.run(["free", "-m"], capture_output=True, text=True).stdout.rstrip()
    return [
        f"- CPU: {len(models)} × {models[0] if models else platform.processor()}",
        f"- System: {platform.system()} {platform.release()}, Python {platform.python_version()} (gateway, load generator)",
        "- Memory (`free -m` at the end of the run):", "", "```", free, "```",
    ]


def busy_warning(run: dict) -> list[str]:
    """Numbers taken while other work used the cores are not the machine's: say so first. The
    1-minute load when the run starts tells (the later averages include the run itself and the
    training `make bench` does just before)."""
    before = float(run["load_before"][0])
    cores = os.cpu_count() or 1
    if before <= 0.6 * cores:
        return []
    return [f"**Shared machine: the 1-minute load average was {before:.1f} on {cores} cores when this run started. "
            "Figures below may be slower than this machine alone would give; rerun `make bench` on a quiet machine "
            "before quoting them.**", ""]


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return git("rev-parse", "--short", "HEAD") + (" (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else "")


def fmt(value: float | None, digits: int = 0) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.{digits}f}"


def ratio(a: float | None, b: float | None) -> str:
    return "–" if not a or not b or math.isnan(a) or math.isnan(b) else f"{a / b:.2f}"


def by_scenario(config: dict) -> dict[str, dict]:
    return {r["scenario"]: r for r in config["results"]}


def latency_table(configs: list[dict]) -> list[str]:
    head = "| scenario | " + " | ".join(f"{c['name']} p50 / p95 / p99 ms | {c['name']} msg/s | errors" for c in configs) + " |"
    lines = [head, "|---|" + "---|---|---|" * len(configs)]
    for label in by_scenario(configs[0]):
        cells = []
        for c in configs:
            r = by_scenario(c).get(label)
            cells.append("– | – | –" if r is None else
                         f"{fmt(r['p50_ms'])} / {fmt(r['p95_ms'])} / {fmt(r['p99_ms'])} | {fmt(r['msgs_per_s'], 1)} | "
                         f"{r['errors']}/{r['messages']}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return lines


def ratio_table(ours: dict, stock: dict) -> list[str]:
    """Balise / stock for every pair measured in both; latency < 1 and throughput > 1 favour Balise."""
    lines = ["| measure | Balise | stock | Balise / stock |", "|---|---|---|---|",
             f"| training (s) | {fmt(ours['train_seconds'])} | {fmt(stock['train_seconds'])} | {ratio(ours['train_seconds'], stock['train_seconds'])} |",
             f"| start to ready (s) | {fmt(ours['ready_seconds'], 1)} | {fmt(stock['ready_seconds'], 1)} | {ratio(ours['ready_seconds'], stock['ready_seconds'])} |"]
    idle_o, idle_s = sum(ours["rss_idle_mb"].values()), sum(stock["rss_idle_mb"].values())
    lines.append(f"| total RSS at rest (MB) | {fmt(idle_o)} | {fmt(idle_s)} | {ratio(idle_o, idle_s)} |")
    lines.append(f"| total RSS, peak under load (MB) | {fmt(ours['rss_peak_total_mb'])} | {fmt(stock['rss_peak_total_mb'])} | "
                 f"{ratio(ours['rss_peak_total_mb'], stock['rss_peak_total_mb'])} |")
    theirs = by_scenario(stock)
    for label, r in by_scenario(ours).items():
        s = theirs.get(label)
        if s is None:
            continue
        for key, unit in (("p50_ms", "p50 ms"), ("p95_ms", "p95 ms"), ("p99_ms", "p99 ms"), ("msgs_per_s", "msg/s")):
            digits = 1 if key == "msgs_per_s" else 0
            lines.append(f"| {label}: {unit} | {fmt(r[key], digits)} | {fmt(s[key], digits)} | {ratio(r[key], s[key])} |")
    return lines


def memory_table(configs: list[dict]) -> list[str]:
    names = sorted({p for c in configs for p in c["rss_idle_mb"]}, key=lambda n: (n != "gateway", n))
    lines = ["| configuration | " + " | ".join(names) + " | total at rest | peak under load | ready (s) | training (s) |",
             "|---|" + "---|" * (len(names) + 4)]
    for c in configs:
        cells = [fmt(c["rss_idle_mb"].get(n)) for n in names]
        lines.append(f"| {c['name']} | " + " | ".join(cells) + f" | {fmt(sum(c['rss_idle_mb'].values()))} | "
                     f"{fmt(c['rss_peak_total_mb'])} | {fmt(c['ready_seconds'], 1)} | {fmt(c['train_seconds'])} |")
    return lines


def targets(ours: dict, stock: dict | None, plan: dict, alternatives: list[dict]) -> list[str]:
    """The issue's targets for Balise's configuration; the capacity rows again for each lever on
    Balise's model (e.g. one Rasa process instead of two), so that no comparison is hidden."""
    mine = by_scenario(ours)
    cap_label = f"gateway closed {plan['capacity_users']} users"
    capacity = mine[cap_label]["msgs_per_s"]
    stock_capacity = by_scenario(stock)[cap_label]["msgs_per_s"] if stock else None
    load = plan["load_test"]
    paced = mine.get(f"gateway paced {load['users']}×{load['messages']} msgs") or mine[f"gateway paced {max(plan['paced_users'])} users"]
    overhead = mine["gateway closed 1 users (alone)"]["p50_ms"] - mine["rest closed 1 users (alone)"]["p50_ms"]
    rss, ready = ours["rss_peak_total_mb"], ours["ready_seconds"]
    rows = [
        (f"capacity, closed loop, {plan['capacity_users']} clients ({ours['name']})", f"≥ {TARGETS['capacity']:.0f} msg/s",
         f"{capacity:.1f} msg/s", capacity >= TARGETS["capacity"]),
        ("capacity / stock's, same scenario", f"≥ {TARGETS['capacity_ratio']}",
         ratio(capacity, stock_capacity) if stock else "stock not measured in this run",
         None if not stock else bool(stock_capacity) and capacity / stock_capacity >= TARGETS["capacity_ratio"]),
        (f"{paced['scenario']}: p95, errors", f"≤ {TARGETS['paced_p95_ms']:.0f} ms, 0",
         f"{fmt(paced['p95_ms'])} ms, {paced['errors']}", paced["p95_ms"] <= TARGETS["paced_p95_ms"] and paced["errors"] == 0),
        ("total RSS of all processes (peak under load)", f"≤ {TARGETS['rss_mb']:.0f} MB", f"{rss:.0f} MB", rss <= TARGETS["rss_mb"]),
        ("start to ready, trained model", f"≤ {TARGETS['ready_s']:.0f} s", f"{ready:.1f} s", ready <= TARGETS["ready_s"]),
        ("gateway overhead at p50 (gateway − Rasa's REST channel, 1 person alone through each)", f"≤ {TARGETS['overhead_ms']:.0f} ms", f"{overhead:.1f} ms",
         overhead <= TARGETS["overhead_ms"]),
    ]
    for other in alternatives:
        other_capacity = by_scenario(other)[cap_label]["msgs_per_s"]
        rows.append((f"capacity, same scenario ({other['name']}); its ratio to stock's", f"≥ {TARGETS['capacity']:.0f} msg/s, ≥ {TARGETS['capacity_ratio']}",
                     f"{other_capacity:.1f} msg/s, " + (ratio(other_capacity, stock_capacity) if stock else "–"),
                     other_capacity >= TARGETS["capacity"] and (not stock or other_capacity / stock_capacity >= TARGETS["capacity_ratio"])))
    return ["| target | wanted | measured | met |", "|---|---|---|---|"] + [
        f"| {name} | {want} | {got} | {'–' if ok is None else 'yes' if ok else '**no**'} |" for name, want, got, ok in rows]


def overhead_table(ours: dict) -> list[str]:
    """The gateway against Rasa alone: through the private channel it uses (its own overhead) and
    through Rasa's REST channel (the stock way in)."""
    mine = by_scenario(ours)
    lines = ["| scenario | gateway p50 / p95 ms | private channel p50 / p95 ms | gateway overhead p50 ms | "
             "Rasa REST p50 / p95 ms |", "|---|---|---|---|---|"]
    for label, r in mine.items():
        if not label.startswith("gateway"):
            continue
        channel, rest = mine.get(label.replace("gateway", "channel", 1)), mine.get(label.replace("gateway", "rest", 1))
        if channel or rest:
            lines.append(
                f"| {label.removeprefix('gateway ')} | {fmt(r['p50_ms'])} / {fmt(r['p95_ms'])} | "
                + (f"{fmt(channel['p50_ms'])} / {fmt(channel['p95_ms'])} | {fmt(r['p50_ms'] - channel['p50_ms'], 1)} | "
                   if channel else "– | – | ")
                + (f"{fmt(rest['p50_ms'])} / {fmt(rest['p95_ms'])} |" if rest else "– |"))
    return lines


def quality() -> list[str]:
    """Quality as last measured at this commit: the benchmarks change no NLU or policy setting."""
    def grab(path: str, pattern: str) -> str:
        found = re.search(pattern, (ROOT / path).read_text(encoding="utf-8")) if (ROOT / path).exists() else None
        return found.group(1) if found else "not measured"
    f1 = grab("docs/nlu-eval.md", r"macro F1: ([0-9.]+)")
    recall = grab("docs/safety-eval.md", r"\| combined \| ([0-9.]+) \|")
    return ["The speed-ups change no intent: the NLU pipeline classifies exactly as before them (bench/notes.md, "
            "\"Quality before and after\"). Quality as last measured:", "",
            f"- NLU macro F1 on the held-out file: {f1} (docs/nlu-eval.md, `make eval-nlu`)",
            f"- Crisis recall, both layers: {recall} (docs/safety-eval.md, `make eval-safety`)"]


def lever_table(levers: list[dict], configs: list[dict], plan: dict) -> list[str]:
    """Each lever under the configuration of the same model it changes one thing in."""
    cap = f"gateway closed {plan['capacity_users']} users"
    paced = f"gateway paced {max(plan['paced_users'])} users"
    lines = [f"| configuration | {cap}: msg/s | p95 ms | {paced}: p95 ms | errors | peak RSS MB |",
             "|---|---|---|---|---|---|"]
    for base in configs:
        for c in [base] + [lever for lever in levers if lever["model"] == base["model"]]:
            r = by_scenario(c)
            lines.append(f"| {c['name']} | {fmt(r[cap]['msgs_per_s'], 1)} | {fmt(r[cap]['p95_ms'])} | {fmt(r[paced]['p95_ms'])} | "
                         f"{r[cap]['errors'] + r[paced]['errors']} | {fmt(c['rss_peak_total_mb'])} |")
    return lines


def write_report(out: Path, run: dict, configs: list[dict], levers: list[dict]) -> None:
    ours = next(c for c in configs if c["model"] == "balise")
    stock = next((c for c in configs if c["model"] == "stock"), None)
    plan = run["plan"]
    lines = [
        "# Benchmarks", "",
        f"Written by `make bench` (`python -m bench.run{' --quick' if run['quick'] else ''}"
        f"{' --only ' + run['only'] if run['only'] else ''}`, bench/) on "
        f"{run.get('date') or f'{datetime.now(timezone.utc):%Y-%m-%d %H:%M}'} UTC at commit {run.get('commit') or commit()}; the run took "
        f"{run['wall_seconds']:.0f} s. Load average before / after: {' '.join(run['load_before'])} / "
        f"{' '.join(run['load_after'])}. Raw numbers: results/bench.json.", "",
        *([run["note"], ""] if run.get("note") else []),
        *busy_warning(run), "## Machine", "", *machine(), "",
        "## Targets (issue #9)", "", *targets(ours, stock, plan, [c for c in levers if c["model"] == "balise"]), "",
        "## Latency and throughput", "",
        f"Closed loop: each user sends its next message as soon as the answer arrives ({plan['closed_seconds']} s per "
        f"scenario). Paced: 2 to 4 s (random) between an answer and the next message, and before each person's first "
        f"message, so that arrivals are spread too ({plan['paced_seconds']} s per scenario). `gateway` is the public API (`POST /api/v1/chat`); `rest` is Rasa's REST channel on the same "
        "Rasa process, without the gateway; `channel` is the private channel the gateway talks to, called "
        "directly. The `alone` rows send one person through each door in turn, never two at once (two people at "
        "once on one Rasa process queue behind each other and hide the gateway's time): gateway − REST is the "
        "gateway's overhead as the issue defines it, gateway − channel its own work. Errors count every turn that did not end in a normal answer "
        "(time-outs, HTTP errors, the gateway's degraded emergency card).", "",
        *latency_table(configs), "",
        "## Balise / stock, pair by pair", "",
        "Same training data, same run; stock is Rasa 3.6's default recipe (bench/stock/config.yml) trained for 1 epoch "
        "instead of 100: the same model size and work per message, but its training time here is one epoch's, and "
        "the full recipe would train for over an hour on this machine (40 to 80 s per DIET epoch). "
        "Latency ratios below 1 and throughput ratios above 1 favour Balise.", "",
        *(ratio_table(ours, stock) if stock else ["Not measured in this run (`--only balise`): `make bench` trains the stock model once "
                                                         "(bench/notes.md) and measures both."]), "",
        "## The gateway's overhead (Balise)", "", *overhead_table(ours), "",
        "## Memory, start-up and training", "",
        "Resident memory (MB) of each process tree, at rest after start-up; peak = highest total sampled every "
        "second during the scenarios. Training: wall time of the model's last training (bench/notes.md).", "", *memory_table(configs + levers), "",
    ]
    if levers:
        lines += ["## Levers, one at a time", "",
                  "Each lever changes one thing against the configuration of the same model above.", "",
                  *lever_table(levers, configs, plan), ""]
    lines += ["## Quality", "", *quality(), "", NOTES.read_text(encoding="utf-8").rstrip(), ""]
    out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":  # re-render from a run's raw numbers: python -m bench.report results/bench.json
    raw = json.loads(Path(sys.argv[1]).read_text())
    write_report(ROOT / "docs" / "benchmarks.md", raw["run"], raw["configurations"], raw["levers"])
