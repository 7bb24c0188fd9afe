"""Everything the bot can say, one unit per variant, language and audience.

Sources of units: every variant of every response in domain.yml, the gateway's own cards
(data/safety/emergency_card.yml) and each service's "what happens" text in the directory.
"""
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
Register = str  # "tu", "vous", "neutral" (French, no tu/vous) or a language code for other languages


@dataclass(frozen=True)
class Unit:
    key: str
    """Stable name: `utter_x[register=vous]`, `card:failsafe[fr]`, `service:3018-e-enfance`."""
    record: str
    """Name of its content record in data/content/sources.yml."""
    text: str
    register: Register
    buttons: tuple = ()
    resources: tuple = ()
    group: str = ""
    conditions: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def hash(self) -> str:
        """Hash of what the person reads: the text and the buttons' titles, whitespace folded."""
        shown = " ".join(self.text.split()) + "\n" + "\n".join(title for title, _ in self.buttons)
        return hashlib.sha256(shown.encode("utf-8")).hexdigest()[:16]

    @property
    def french(self) -> bool:
        return self.register in ("tu", "vous", "neutral")


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _signature(conditions: list[dict]) -> str:
    return ",".join(f"{c['name']}={c['value']}" for c in conditions) or "default"


def response_units(domain: dict, adult_only: set[str], groups: dict[str, str]) -> list[Unit]:
    units = []
    for name, variants in domain["responses"].items():
        signatures = [_signature(v.get("condition") or []) for v in variants]
        repeated = Counter(signatures)
        seen: Counter = Counter()
        for variant, signature in zip(variants, signatures):
            seen[signature] += 1
            suffix = f"#{seen[signature]}" if repeated[signature] > 1 else ""
            conditions = {c["name"]: c["value"] for c in variant.get("condition") or []}
            if conditions.get("language", "fr") != "fr":
                register = conditions["language"]
            elif conditions.get("register") == "vous" or name in adult_only:
                register = "vous"
            else:
                register = "tu"
            units.append(Unit(
                key=f"{name}[{signature}]{suffix}",
                record=name,
                text=variant.get("text", ""),
                register=register,
                buttons=tuple((b["title"], b["payload"]) for b in variant.get("buttons") or []),
                resources=tuple((variant.get("custom") or {}).get("resources") or []),
                group=groups.get(name, "autres"),
                conditions=conditions,
            ))
    return units


def card_units(cards: dict) -> list[Unit]:
    units = [Unit(f"card:failsafe[{lang}]", "card:failsafe", text, "neutral" if lang == "fr" else lang,
                  resources=tuple(cards["resources"]), group="crisis") for lang, text in cards["text"].items()]
    for kind, card in cards["crisis"].items():
        units += [Unit(f"card:crisis_{kind}[{lang}]", f"card:crisis_{kind}", text, "neutral" if lang == "fr" else lang,
                       resources=tuple(card["resources"]), group="crisis") for lang, text in card["text"].items()]
    units += [Unit(f"card:other_language[{lang}]", "card:other_language", text, lang,
                   resources=tuple(cards["resources"]), group="crisis") for lang, text in cards["other_languages"].items()]
    return units


def service_units(services: list[dict]) -> list[Unit]:
    """What happens when you contact a shown service, in French and, when written, in English."""
    verified = [s for s in services if s.get("confidence") == "verified"]
    units = [Unit(f"service:{s['id']}", f"service:{s['id']}", s["what_happens"], "neutral", group="talk_to_someone")
             for s in verified]
    units += [Unit(f"service:{s['id']}[en]", f"service:{s['id']}", s["english"]["what_happens"], "en", group="talk_to_someone")
              for s in verified if s.get("english")]
    return units


def response_groups(root: Path) -> dict[str, str]:
    """Response → API topic, through the rules that send it (for the report's grouping)."""
    topics = load_yaml(root / "data/topics.yml")["intents"]
    groups: dict[str, str] = {}
    for path in sorted((root / "data/rules").glob("*.yml")):
        for rule in load_yaml(path).get("rules", []):
            intents = [s["intent"] for s in rule["steps"] if "intent" in s]
            for step in rule["steps"]:
                if "action" in step and intents and step["action"].startswith("utter_"):
                    groups.setdefault(step["action"], topics.get(intents[0], "unknown"))
    return groups


def all_units(root: Path = ROOT) -> list[Unit]:
    from governance.models import ContentRecord

    records = {name: ContentRecord.model_validate(r) for name, r in (load_yaml(root / "data/content/sources.yml") or {}).items()}
    adult_only = {name for name, r in records.items() if r.audience == "adult"}
    return (
        response_units(load_yaml(root / "domain.yml"), adult_only, response_groups(root))
        + card_units(load_yaml(root / "data/safety/emergency_card.yml"))
        + service_units(load_yaml(root / "data/directory/services.yml"))
    )
