"""Who is offered, in which order: crisis first, the partner, local help, a closed service next
to an open one; and no unverified or expired entry in any answer, for every response and topic."""
import dataclasses
from datetime import date, datetime, timedelta, timezone
from itertools import product
from pathlib import Path

import pytest
import yaml

from bot.directory import Directory, Handoff
from bot.directory.hours import PARIS
from bot.directory.models import MAX_VERIFICATION_AGE, Service

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
CARD_FILE = yaml.safe_load((ROOT / "data/safety/emergency_card.yml").read_text(encoding="utf-8"))
TODAY = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)
AT_23_30 = datetime(2026, 11, 23, 22, 30, tzinfo=timezone.utc)  # 23:30 in Paris
LATER = TODAY + timedelta(days=7 * 30)  # 7 months later: every check made on 23/11/2026 is too old


def directory(clock: datetime = TODAY, **changes) -> Directory:
    loaded = Directory.load(ROOT / "data", ROOT / "tests/fixtures/partners", clock=lambda: clock)
    return dataclasses.replace(loaded, **changes)


DIRECTORY = directory()


def ids(cards: list[dict]) -> list[str]:
    return [c["id"] for c in cards]


def turn(id_lists: list[list[str]], d: Directory = DIRECTORY, **context) -> list[list[str]]:
    return [ids(cards) for cards in d.handoffs(id_lists, Handoff(**{"at": TODAY, **context}))]


# --- a closed service stands next to an open one ----------------------------------------------

def test_at_23_30_the_3018_is_offered_with_the_119_as_open_alternative():
    [cards] = DIRECTORY.handoffs([["3018-e-enfance"]], Handoff(at=AT_23_30, topic="sextortion"))
    assert ids(cards) == ["3018-e-enfance", "snated-119"]
    assert cards[0]["open_now"] is False and cards[0]["open_alternative"] == "snated-119"
    assert cards[1]["open_now"] is True and cards[1]["always_open"] is True


def test_at_noon_the_3018_stands_alone():
    assert turn([["3018-e-enfance"]]) == [["3018-e-enfance"]]


def test_an_alternative_named_later_moves_up_next_to_the_closed_service():
    assert turn([["3018-e-enfance", "pharos", "snated-119"]], at=AT_23_30) == [["3018-e-enfance", "snated-119", "pharos"]]
    assert turn([["snated-119", "3018-e-enfance"]], at=AT_23_30) == [["snated-119", "3018-e-enfance"]]


def test_the_api_list_puts_the_open_alternative_next_to_the_closed_service():
    cards = DIRECTORY.for_topic(Handoff(at=AT_23_30, topic="sextortion"))
    assert ids(cards)[:2] == ["3018-e-enfance", "snated-119"]
    at_noon = ids(DIRECTORY.for_topic(Handoff(at=TODAY, topic="sextortion")))
    assert at_noon[0] == "3018-e-enfance" and at_noon.index("snated-119") > 1


# --- crisis and partner -----------------------------------------------------------------------

def crisis_resources(name: str) -> list[str]:
    return DOMAIN["responses"][name][0]["custom"]["resources"]


def test_the_partner_comes_first_only_when_set():
    assert turn([["3018-e-enfance"], ["17cyber"]], partner="demo") == [["demo", "3018-e-enfance"], ["17cyber"]]
    assert turn([["3018-e-enfance"], ["17cyber"]]) == [["3018-e-enfance"], ["17cyber"]]
    assert "demo" not in ids(DIRECTORY.for_topic(Handoff(at=TODAY, topic="sextortion")))
    assert ids(DIRECTORY.for_topic(Handoff(at=TODAY, topic="sextortion", partner="demo")))[0] == "demo"


def test_an_unknown_partner_is_ignored_in_a_hand_off():
    assert turn([["snated-119"]], partner="nobody") == [["snated-119"]]


@pytest.mark.parametrize(
    "response,expected",
    [
        ("utter_crisis_danger_now", ["urgence-17", "urgence-112", "urgence-114", "demo", "snated-119"]),
        ("utter_crisis_suicide", ["3114-suicide", "urgence-15", "urgence-112", "demo", "snated-119"]),
        ("utter_crisis_child_missing", ["urgence-17", "demo", "116000-enfants-disparus", "snated-119"]),
    ],
)
def test_in_a_crisis_the_partner_comes_right_after_the_emergency_numbers(response, expected):
    resources = crisis_resources(response)
    assert turn([resources], crisis=True, topic="crisis", partner="demo") == [expected]
    assert turn([resources], crisis=True, topic="crisis") == [resources]  # the answer's own order


def test_the_api_crisis_list_starts_with_the_emergency_numbers():
    cards = DIRECTORY.for_topic(Handoff(at=AT_23_30, topic="crisis", crisis=True, partner="demo"))
    kinds = [c["kind"] for c in cards]
    assert kinds[:5] == ["emergency"] * 4 + ["partner"]


def test_a_closed_partner_is_followed_by_an_open_alternative():
    [cards] = DIRECTORY.handoffs([["3018-e-enfance"]], Handoff(at=AT_23_30, partner="demo"))
    assert ids(cards) == ["demo", "snated-119", "3018-e-enfance"]


# --- local help -------------------------------------------------------------------------------

LOCAL = Service.model_validate({
    **DIRECTORY.services["pare-droit-denfance"].model_dump(mode="json"),
    "id": "asso-test-93", "name": "Association locale (fictive)", "departements": ["93"],
})
WITH_LOCAL = directory(
    services={**DIRECTORY.services, LOCAL.id: LOCAL},
    topics={**DIRECTORY.topics, "exploitation": [["snated-119"], ["pare-droit-denfance", "asso-test-93"]]},
)
EXPLOITATION = [crisis_resources("utter_exploitation"), ["pare-droit-denfance", "urgence-17"]]


def test_associations_serving_the_departement_replace_the_national_ones():
    assert turn(EXPLOITATION, WITH_LOCAL, topic="exploitation", departement="93") == [
        ["snated-119"], ["asso-test-93", "urgence-17"],
    ]


@pytest.mark.parametrize("departement", [None, "75"])
def test_without_local_help_the_national_ones_are_listed(departement):
    assert turn(EXPLOITATION, WITH_LOCAL, topic="exploitation", departement=departement) == [
        ["snated-119"], ["pare-droit-denfance", "urgence-17"],
    ]


def test_a_local_association_joins_the_first_hand_off_when_the_answer_names_no_national_one():
    assert turn([["snated-119"], []], WITH_LOCAL, topic="exploitation", departement="93") == [
        ["snated-119", "asso-test-93"], [],
    ]


def test_the_api_lists_local_associations_for_their_departement_only():
    local = ids(WITH_LOCAL.for_topic(Handoff(at=TODAY, topic="exploitation", departement="93")))
    assert "asso-test-93" in local and "pare-droit-denfance" not in local
    national = ids(WITH_LOCAL.for_topic(Handoff(at=TODAY, topic="exploitation", departement="75")))
    assert "asso-test-93" not in national and "pare-droit-denfance" in national


def test_the_audience_filters_services_meant_for_someone_else():
    for_parents = ids(DIRECTORY.for_topic(Handoff(at=TODAY, topic="talk_to_someone", audience="parent")))
    assert "fil-sante-jeunes" not in for_parents and "snated-119" in for_parents
    assert "fil-sante-jeunes" in ids(DIRECTORY.for_topic(Handoff(at=TODAY, topic="talk_to_someone", audience="teen")))


# --- nothing unverified or expired, ever ------------------------------------------------------

def named_by_answers() -> list[list[str]]:
    """Every resource list of every response variant, the fail-safe cards, and every
    hand-off card's `{resource}` filled with every id the directory holds (likely ones too)."""
    lists = []
    for variants in DOMAIN["responses"].values():
        for variant in variants:
            resources = (variant.get("custom") or {}).get("resources") or []
            if "{resource}" in resources:
                lists += [[i] for i in DIRECTORY.services]
            elif resources:
                lists.append(resources)
    lists.append(CARD_FILE["resources"])
    lists += [crisis["resources"] for crisis in CARD_FILE["crisis"].values()]
    return [list(unique) for unique in dict.fromkeys(tuple(lst) for lst in lists)]


ANSWERS = named_by_answers()
TOPICS = list(DIRECTORY.topics)
INSTANTS = [TODAY, AT_23_30, datetime(2026, 3, 29, 7, 30, tzinfo=timezone.utc)]


def fresh_and_verified(service_ids: list[str], d: Directory, today: date) -> bool:
    entries = {**d.services, **d.partners}
    return all(
        entries[i].confidence == "verified" and today - entries[i].verified_on <= MAX_VERIFICATION_AGE
        for i in service_ids
    )


@pytest.mark.parametrize("topic", TOPICS)
def test_no_unverified_or_expired_entry_reaches_any_answer(topic):
    variants = list(product(INSTANTS, [None, "demo"], [None, "93", "2A"], ["fr", "en"]))
    for at, partner, departement, language in variants:
        context = Handoff(at=at, language=language, crisis=topic == "crisis", topic=topic, partner=partner, departement=departement)
        today = TODAY.astimezone(PARIS).date()
        for resources in ANSWERS:
            [shown] = DIRECTORY.handoffs([resources], context)
            assert fresh_and_verified(ids(shown), DIRECTORY, today), (topic, resources, ids(shown))
        assert fresh_and_verified(ids(DIRECTORY.for_topic(context)), DIRECTORY, today)


@pytest.mark.parametrize("topic", TOPICS)
def test_seven_months_later_every_entry_checked_today_is_hidden(topic):
    later = directory(LATER)
    for at in (LATER, TODAY):  # asking about a past instant does not revive an old check
        context = Handoff(at=at, topic=topic, crisis=topic == "crisis", partner="demo")
        assert all(shown == [] for shown in later.handoffs(ANSWERS, context))
        assert later.for_topic(context) == []


def test_an_entry_is_shown_until_six_months_after_its_check():
    assert turn([["snated-119"]], directory(TODAY + timedelta(days=183))) == [["snated-119"]]
    assert turn([["snated-119"]], directory(TODAY + timedelta(days=184))) == [[]]
