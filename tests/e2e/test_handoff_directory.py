"""The hand-off directory through the real gateway, Rasa and action server (tests/conftest.py)."""
import httpx

from tests.e2e.helpers import chat, new_session, payloads, resource_ids

TOPICS = ["/sextortion", "/grooming", "/exploitation", "/image_removal", "/rights", "/reporting",
          "/talk_to_someone", "/parent_concern", "/friend_concern"]


def resources(stack, **params) -> httpx.Response:
    return httpx.get(f"{stack.url}/api/v1/resources", params=params, timeout=30)


def test_at_23_30_the_3018_is_closed_and_the_119_is_offered(stack):
    reply = resources(stack, topic="sextortion", at="2026-11-23T23:30:00+01:00")
    assert reply.status_code == 200
    first, second = reply.json()["resources"][:2]
    assert first["id"] == "3018-e-enfance" and first["open_now"] is False and first["next_open"]
    assert second["id"] == "snated-119" and second["open_now"] is True


def test_a_departement_is_validated_in_french(stack):
    reply = resources(stack, topic="exploitation", departement="75001")
    assert reply.status_code == 422
    assert "département" in reply.json()["error"]["message"]


def test_every_topic_hands_off_to_shown_services_with_a_summary(stack):
    shown = {r["id"] for r in resources(stack, topic="unknown").json()["resources"]}
    for topic in TOPICS:
        shown |= {r["id"] for r in resources(stack, topic=topic[1:]).json()["resources"]}
    for topic in TOPICS:
        answer = chat(stack, new_session(), payload=topic, departement="93")
        assert resource_ids(answer), topic
        assert set(resource_ids(answer)) <= shown | {"urgence-17", "snated-119"}, topic
        assert answer["summary"] is None or len(answer["summary"]["lines"]) == 3


def test_a_handoff_button_shows_the_service_card(stack):
    sid = new_session()
    answer = chat(stack, sid, payload="/sextortion")
    handoff = '/handoff{"resource":"3018-e-enfance"}'
    assert handoff in payloads(answer)
    card = chat(stack, sid, payload=handoff)
    assert resource_ids(card)[0] == "3018-e-enfance"
    assert card["messages"][0]["resources"][0]["what_happens"]
