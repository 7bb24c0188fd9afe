"""Recording a review (make content-review): after a reviewer has read the current text."""
from datetime import date, timedelta
from pathlib import Path

import yaml

from governance.checks import Governance
from governance.units import ROOT

# How long a reviewed fact may stand before it is checked again, by kind of fact.
EXPIRY = {"hours": 183, "numbers": 365, "law": 365, "figures": 365}


class ReviewRefused(Exception):
    pass


class _PlainDumper(yaml.SafeDumper):
    """No &anchors / *aliases for repeated dates: the file stays readable in a diff."""

    def ignore_aliases(self, data) -> bool:
        return True


def sign(names: list[str], role: str, today: date | None = None, root: Path = ROOT) -> list[str]:
    """Records `role`'s review of every variant of the named responses (or `all`).

    Refuses a response without a source and an unknown role. Returns the unit keys signed.
    """
    today = today or date.today()
    g = Governance.load(root)
    if role not in g.roles:
        raise ReviewRefused(f"unknown role {role!r}: one of {', '.join(g.roles)}")
    wanted = {u.record for u in g.units} if names == ["all"] else set(names)
    units = [u for u in g.units if u.record in wanted]
    missing = wanted - {u.record for u in units}
    if missing:
        raise ReviewRefused(f"no such response: {', '.join(sorted(missing))}")
    for unit in units:
        record = g.records.get(unit.record)
        if record is None or not record.sourced:
            raise ReviewRefused(f"{unit.record} has no source: add it to data/content/sources.yml first")
    path = root / "data/content/reviews.yml"
    reviews = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    reviews = reviews or {}
    for unit in units:
        kinds = g.records[unit.record].time_sensitive
        expires = today + timedelta(days=min(EXPIRY[k] for k in kinds)) if kinds else None
        reviews[unit.key] = {"hash": unit.hash, "role": role, "reviewed_on": today, "expires_on": expires}
    header = "# Written by make content-review: who read which exact text, when, until when. Do not edit by hand.\n"
    path.write_text(header + yaml.dump(dict(sorted(reviews.items())), Dumper=_PlainDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return [u.key for u in units]
