"""Every answer the bot can give offers a way to reach a human (issue #3).

Walks every variant of every response in domain.yml, every rule in data/rules, and the
gateway's own cards: each must show a verified service card or a button that leads to one.
"""
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from bot.directory import Directory, Handoff
from bot.services.failsafe import EmergencyCards

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
NOW = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)
DIRECTORY = Directory.load(ROOT / "data", clock=lambda: NOW)
CARDS = EmergencyCards.from_file(ROOT / "data/safety/emergency_card.yml")
HUMAN_PAYLOADS = ("/talk_to_someone", "/handoff{{")
# Responses that are one half of a pair: always sent right after a response that offers a human
# (utter_ask_safe_now follows a crisis card; it still offers "Parler à quelqu'un" itself).
RESPONSES = [(name, i, variant) for name, variants in DOMAIN["responses"].items() for i, variant in enumerate(variants)]


def cards(ids: list[str]) -> list[dict]:
    return DIRECTORY.handoffs([ids], Handoff(at=NOW))[0]


def offers_a_human(variant: dict) -> bool:
    resources = (variant.get("custom") or {}).get("resources") or []
    if any(r == "{resource}" for r in resources):  # the hand-off card names its service itself
        return True
    if cards(resources):
        return True
    return any(b["payload"].startswith(HUMAN_PAYLOADS) for b in variant.get("buttons") or [])


@pytest.mark.parametrize("name,index,variant", RESPONSES, ids=[f"{n}[{i}]" for n, i, _ in RESPONSES])
def test_every_response_variant_offers_a_human(name, index, variant):
    assert offers_a_human(variant), f"{name} variant {index} leaves the person without a human to reach"


def test_every_resource_named_by_a_response_is_shown():
    for name, _, variant in RESPONSES:
        for resource in (variant.get("custom") or {}).get("resources") or []:
            if resource != "{resource}":
                assert cards([resource]), f"{name} names {resource}, which is not a shown service"


def rules():
    for path in sorted((ROOT / "data/rules").glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            yield rule


@pytest.mark.parametrize("rule", list(rules()), ids=lambda r: r["rule"])
def test_every_rule_answers_with_a_human_in_reach(rule):
    actions = [step["action"] for step in rule["steps"] if "action" in step]
    assert actions, "a rule must answer"
    for action in actions:
        if action.startswith("utter_"):
            variants = DOMAIN["responses"][action]
            assert all(offers_a_human(v) for v in variants)
        else:  # custom actions only send responses, each checked above
            assert action in DOMAIN["actions"]


@pytest.mark.parametrize("kind", [None, "danger_now", "suicide", "child_missing"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_failsafe_cards_show_emergency_services(kind, language):
    card = CARDS.failsafe(language, kind)
    shown = [c["id"] for c in cards(card.resources)]
    assert shown == card.resources
    assert "snated-119" in shown


def test_other_language_cards_give_the_emergency_numbers():
    for language in ("es", "pt", "ar", "ro", "uk", "ru", "zh"):
        card = CARDS.other_language(language)
        for number in ("17", "112", "114", "119"):
            assert number in card.text, (language, number)
