"""The directory's schema and hours: open now and next opening in Paris time, at fixed instants
(23:30, the two clock changes of 2026), and 24/7 services open at every hour."""
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.directory import Directory, Handoff
from bot.directory.models import Hours, Partner, Service

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)
DIRECTORY = Directory.load(ROOT / "data", ROOT / "tests/fixtures/partners", clock=lambda: TODAY)


def card(service_id: str, at: datetime, language: str = "fr") -> dict:
    """The card of one service, or of the partner when asked for it (it joins a hand-off)."""
    partner = service_id if service_id in DIRECTORY.partners else None
    ids = ["snated-119"] if partner else [service_id]
    cards = DIRECTORY.handoffs([ids], Handoff(at=at, language=language, partner=partner))[0]
    return next(c for c in cards if c["id"] == service_id)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_at_23_30_paris_the_3018_is_closed_and_says_when_it_opens():
    closed = card("3018-e-enfance", utc(2026, 11, 23, 22, 30))  # 23:30 in Paris (UTC+1)
    assert closed["open_now"] is False
    assert closed["opens_at"] == "2026-11-24T09:00:00+01:00"
    assert closed["next_open"] == "ouvre demain à 9 h"
    assert closed["hours"] == "7 j/7, 9 h – 23 h"
    assert closed["open_alternative"] == "snated-119"


def test_at_22_59_paris_the_3018_is_open():
    open_ = card("3018-e-enfance", utc(2026, 11, 23, 21, 59))
    assert open_["open_now"] is True and open_["opens_at"] is None and open_["next_open"] is None


def test_before_opening_the_same_day():
    early = card("3018-e-enfance", utc(2026, 11, 24, 6, 15))  # 07:15 in Paris
    assert early["next_open"] == "ouvre à 9 h"
    assert card("3018-e-enfance", utc(2026, 11, 24, 6, 15), "en")["next_open"] == "opens at 9:00"


def test_a_weekday_service_closed_on_saturday_opens_on_monday():
    saturday = card("demo", utc(2026, 11, 28, 10))
    assert saturday["open_now"] is False
    assert saturday["next_open"] == "ouvre lundi à 9 h"
    assert saturday["opens_at"] == "2026-11-30T09:00:00+01:00"
    assert saturday["hours"] == "lundi, mardi, mercredi, jeudi, vendredi, 9 h – 17 h 30"


@pytest.mark.parametrize("service_id", [s.id for s in DIRECTORY.services.values() if s.hours.always_open])
def test_24_7_services_are_open_at_every_hour(service_id):
    start = utc(2026, 3, 23)  # a week before the spring clock change, to a week after the autumn one
    for hour in range(0, 24 * 7 * 32, 5):
        shown = card(service_id, start + timedelta(hours=hour))
        assert shown["open_now"] is True and shown["always_open"] is True and shown["opens_at"] is None


# 29 March 2026: 02:00 CET becomes 03:00 CEST (UTC+2); 25 October 2026: back to UTC+1.
@pytest.mark.parametrize(
    "instant,is_open",
    [
        (utc(2026, 3, 29, 6, 30), False),  # 08:30 CEST (07:30 if the change were missed)
        (utc(2026, 3, 29, 7, 30), True),  # 09:30 CEST (08:30 if missed: would be closed)
        (utc(2026, 3, 29, 20, 59), True),  # 22:59 CEST
        (utc(2026, 3, 29, 21, 30), False),  # 23:30 CEST (22:30 if missed: would be open)
        (utc(2026, 10, 25, 7, 30), False),  # 08:30 CET (09:30 if missed: would be open)
        (utc(2026, 10, 25, 8, 0), True),  # 09:00 CET
        (utc(2026, 10, 25, 21, 30), True),  # 22:30 CET (23:30 if missed: would be closed)
        (utc(2026, 10, 25, 22, 0), False),  # 23:00 CET
    ],
)
def test_the_days_clocks_change(instant, is_open):
    assert card("3018-e-enfance", instant)["open_now"] is is_open


def test_next_opening_across_the_clock_changes_has_the_new_offset():
    assert card("3018-e-enfance", utc(2026, 3, 28, 22, 30))["opens_at"] == "2026-03-29T09:00:00+02:00"
    assert card("3018-e-enfance", utc(2026, 10, 24, 21, 30))["opens_at"] == "2026-10-25T09:00:00+01:00"
    assert card("3018-e-enfance", utc(2026, 10, 24, 21, 30))["next_open"] == "ouvre demain à 9 h"


def test_unknown_hours_say_nothing_about_being_open():
    unknown = card("116006-france-victimes", utc(2026, 11, 23, 22, 30))
    assert unknown["open_now"] is None and unknown["opens_at"] is None
    assert unknown["hours"] == "Horaires non vérifiés"


def test_channels_are_deep_links():
    links = {link["type"]: link["href"] for link in card("3018-e-enfance", TODAY)["links"]}
    assert links == {"call": "tel:3018", "chat": "https://3018.fr", "website": "https://e-enfance.org"}
    assert {"type": "sms", "label": "SMS au 114", "href": "sms:114"} in card("urgence-114", TODAY)["links"]
    assert card("snated-119", TODAY, "en")["links"][0]["label"] == "Call 119"


def test_a_card_in_english_tells_what_happens_in_english():
    english, french = card("urgence-114", TODAY, "en"), card("urgence-114", TODAY)
    assert english["what_happens"].startswith("A text message is enough")
    assert english["short"] == "Emergency by text message, when speaking is impossible" and english["cost"] == "Free"
    assert french["what_happens"].startswith("Un SMS suffit") and french["cost"] == "Gratuit"
    assert english["name"] == french["name"]  # names are not translated


def test_every_card_keeps_its_sources_and_check_date():
    for service_id in DIRECTORY.services:
        shown = DIRECTORY.handoffs([[service_id]], Handoff(at=TODAY))[0]
        for c in shown:
            assert c["sources"] and c["verified_on"] == "2026-11-23"


@pytest.mark.parametrize(
    "service_id,words",
    [
        ("snated-119", ["information préoccupante", "protéger"]),
        ("ma-securite-espace-mineurs", ["anonymat peut être levé", "grand danger"]),
        ("3018-e-enfance", ["supprimer", "contenus"]),
        ("stop-ffcriavs", ["propre attirance", "ne pas passer à l'acte"]),
    ],
)
def test_what_happens_when_you_contact_them(service_id, words):
    service = DIRECTORY.services[service_id]
    text = " ".join(service.what_happens.split())
    assert all(w in text for w in words), text
    assert service.sources


def test_likely_entries_are_kept_but_never_shown():
    likely = [s.id for s in DIRECTORY.services.values() if s.confidence != "verified"]
    assert {"snated-119-tchat-formulaire", "astheriia-aurore"} <= set(likely)
    for departement in (None, "93"):
        assert DIRECTORY.handoffs([likely], Handoff(at=TODAY, departement=departement)) == [[]]


def service(**changes) -> dict:
    base = DIRECTORY.services["3018-e-enfance"].model_dump(mode="json")
    return {**base, **changes}


@pytest.mark.parametrize(
    "changes",
    [
        {"hours": {"weekly": [{"days": ["mon"], "open": "23:00", "close": "09:00"}]}},
        {"hours": {"always_open": True, "weekly": [{"days": ["mon"], "open": "09:00", "close": "17:00"}]}},
        {"departements": ["20"]},
        {"departements": ["977"]},
        {"channels": {"phone": "zéro huit"}},
        {"channels": {"website": "http://insecure.example.org"}},
        {"confidence": "sure"},
        {"sources": []},
        {"phone_number": "3018"},
    ],
)
def test_the_schema_refuses_a_broken_entry(changes):
    with pytest.raises(ValidationError):
        Service.model_validate(service(**changes))


def test_a_partner_names_its_departements_and_origins():
    demo = DIRECTORY.partners["demo"].model_dump(mode="json")
    with pytest.raises(ValidationError):
        Partner.model_validate({**demo, "allowed_origins": ["https://demo.example.org/page"]})
    with pytest.raises(ValidationError):
        Partner.model_validate({k: v for k, v in demo.items() if k != "departements"})


def test_the_directory_refuses_a_rule_naming_an_unknown_service(tmp_path):
    for name in ("directory/services.yml", "directory/labels.yml", "directory/handoff.yml"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        text = (ROOT / "data" / name).read_text(encoding="utf-8")
        (tmp_path / name).write_text(text.replace("[stop-ffcriavs]", "[no-such-service]"), encoding="utf-8")
    with pytest.raises(ValueError, match="no-such-service"):
        Directory.load(tmp_path, ROOT / "tests/fixtures/partners")


def test_every_topic_of_the_taxonomy_has_a_hand_off():
    import yaml

    taxonomy = yaml.safe_load((ROOT / "data/topics.yml").read_text(encoding="utf-8"))["topics"]
    assert set(DIRECTORY.topics) == set(taxonomy)


def test_hours_without_slots_are_unknown():
    assert not Hours().known and Hours(always_open=True).known
