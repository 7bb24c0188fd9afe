"""The content checks (make content-check). Each returns the problems it finds, each naming the
unit (response variant, card or service text) so a reviewer knows exactly what to look at."""
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import textstat

from governance.models import ContentRecord, ForbiddenTerm, Review, Role
from governance.units import ROOT, Unit, all_units, load_yaml

TEEN_MAX_WORDS = 80
READABILITY_FLOOR = 60.0  # French Flesch (Kandel & Moles), computed by textstat
VOUS = re.compile(r"\b(vous|votre|vos)\b", re.IGNORECASE)
TU = re.compile(r"\b(?:(?:tu|te|toi|ton|ta|tes)\b|t['’])", re.IGNORECASE)
# A phone number as French people write it (10 digits, or a short number after a cue word),
# and anything that looks like a web address.
LONG_PHONE = re.compile(r"(?<!\d)0\d(?:[ .]?\d\d){4}(?!\d)")
SHORT_PHONE = re.compile(
    r"\b(?:appel\w*|composer|numéro|SMS|sms|joindre|call|text)\s+(?:au |le |the |to )?((?:\d ?){2,6})(?!\d)"
)
URL = re.compile(r"\b(?:https?://\S+|www\.\S+|[a-z0-9-]+\.(?:fr|org|com|net|gouv\.fr)\b\S*)", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    unit: str
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.unit}: {self.rule}: {self.message}"


@dataclass
class Governance:
    units: list[Unit]
    records: dict[str, ContentRecord]
    reviews: dict[str, Review]
    roles: dict[str, Role]
    forbidden: list[ForbiddenTerm]
    phones: set[str]
    urls: set[str]

    @classmethod
    def load(cls, root: Path = ROOT) -> "Governance":
        content = root / "data/content"
        services = load_yaml(root / "data/directory/services.yml")
        records = {name: ContentRecord.model_validate(r) for name, r in (load_yaml(content / "sources.yml") or {}).items()}
        for service in services:  # a service's text is sourced by the directory entry itself
            records.setdefault(f"service:{service['id']}", ContentRecord(sources=[{"url": u} for u in service["sources"]]))
        channels = [s["channels"] for s in services if s.get("confidence") == "verified"]
        reviews_path = content / "reviews.yml"
        reviews = (load_yaml(reviews_path) if reviews_path.exists() else None) or {}
        return cls(
            units=all_units(root),
            records=records,
            reviews={k: Review.model_validate(v) for k, v in reviews.items()},
            roles={k: Role.model_validate(v) for k, v in load_yaml(content / "reviewer_roles.yml").items()},
            forbidden=[ForbiddenTerm.model_validate(t) for t in load_yaml(content / "forbidden_terms.yml")],
            phones={digits(c.get(k) or "") for c in channels for k in ("phone", "sms")} - {""},
            urls={u.rstrip("/").lower() for c in channels for k in ("chat", "website") if (u := c.get(k))},
        )


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def check_review(g: Governance, unit: Unit, today: date) -> list[Problem]:
    review = g.reviews.get(unit.key)
    if review is None:
        return [Problem(unit.key, "not reviewed", "no review record: run make content-review NAMES=" + unit.record)]
    if review.hash != unit.hash:
        return [Problem(unit.key, "changed since review", "the text differs from what was reviewed; have it re-read")]
    problems = []
    if review.role not in g.roles:
        problems.append(Problem(unit.key, "unknown reviewer role", review.role))
    if review.expires_on and review.expires_on < today:
        problems.append(Problem(unit.key, "expired", f"time-sensitive facts past {review.expires_on}: check them again"))
    return problems


def check_sources(g: Governance, unit: Unit) -> list[Problem]:
    record = g.records.get(unit.record)
    if record is None:
        return [Problem(unit.key, "no content record", f"add {unit.record} to data/content/sources.yml")]
    if not record.sourced:
        return [Problem(unit.key, "no source", "name its sources, or `facts: none` if it states no fact")]
    return []


def check_terms(g: Governance, unit: Unit) -> list[Problem]:
    return [
        Problem(unit.key, "forbidden term", f"« {m.group(0)} »: {term.why}")
        for term in g.forbidden
        for m in [re.search(term.pattern, unit.text, re.IGNORECASE)]
        if m
    ]


def check_register(unit: Unit) -> list[Problem]:
    found = None
    if unit.register == "tu":
        found = VOUS.search(unit.text)
    elif unit.register == "vous":
        found = TU.search(unit.text)
    elif unit.register == "neutral":
        found = VOUS.search(unit.text) or TU.search(unit.text)
    if found:
        return [Problem(unit.key, "wrong register", f"« {found.group(0)} » in a {unit.register} text")]
    return []


def check_contacts(g: Governance, unit: Unit) -> list[Problem]:
    problems = []
    numbers = [m.group(0) for m in LONG_PHONE.finditer(unit.text)] + [m.group(1) for m in SHORT_PHONE.finditer(unit.text)]
    for number in numbers:
        if digits(number) not in g.phones:
            problems.append(Problem(unit.key, "unknown phone number", f"« {number.strip()} » is not in the hand-off directory"))
    for m in URL.finditer(unit.text):
        url = m.group(0).rstrip(".,;:)").rstrip("/").lower()
        if not any(url in known or known.endswith(url.split("://")[-1]) for known in g.urls):
            problems.append(Problem(unit.key, "unknown web address", f"« {m.group(0)} » is not in the hand-off directory"))
    return problems


def readability(text: str) -> float:
    textstat.set_lang("fr")
    return textstat.flesch_reading_ease(text)


def check_teen_text(unit: Unit) -> list[Problem]:
    if unit.register != "tu" or not unit.text:
        return []
    problems = []
    words = len(unit.text.split())
    if words > TEEN_MAX_WORDS:
        problems.append(Problem(unit.key, "too long", f"{words} words in a teen bubble (budget {TEEN_MAX_WORDS})"))
    score = readability(unit.text)
    if score < READABILITY_FLOOR:
        problems.append(Problem(unit.key, "hard to read", f"French Flesch {score:.0f} (floor {READABILITY_FLOOR:.0f})"))
    return problems


def check_english(g: Governance) -> list[Problem]:
    """Every response, and every shown service's description, has an English variant: someone
    who writes in English is answered in English on every path, not only in a crisis."""
    records = {u.record for u in g.units if u.record.startswith(("utter_", "service:"))}
    english = {u.record for u in g.units if u.register == "en"}
    return [Problem(f"{record}[language=en]", "no English variant", "add one, translated from the reviewed French text")
            for record in sorted(records - english)]


def run_checks(g: Governance, today: date | None = None) -> list[Problem]:
    today = today or date.today()
    problems = check_english(g)
    for unit in g.units:
        problems += check_sources(g, unit) + check_review(g, unit, today)
        if unit.french:
            problems += check_terms(g, unit) + check_register(unit) + check_teen_text(unit)
        problems += check_contacts(g, unit)
    return problems
