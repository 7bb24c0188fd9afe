"""Small helpers for tests that talk to a real running stack."""
import uuid

import httpx


def new_session() -> str:
    return uuid.uuid4().hex


def post_chat(stack, session_id: str, **body) -> httpx.Response:
    return httpx.post(f"{stack.url}/api/v1/chat", json={"session_id": session_id, **body}, timeout=30)


def chat(stack, session_id: str, **body) -> dict:
    reply = post_chat(stack, session_id, **body)
    assert reply.status_code == 200, reply.text
    return reply.json()


def payloads(answer: dict) -> list[str]:
    return [b["payload"] for m in answer["messages"] for b in m["buttons"]]


def all_text(answer: dict) -> str:
    return " ".join(m["text"] for m in answer["messages"])


def resource_ids(answer: dict) -> list[str]:
    return [r["id"] for m in answer["messages"] for r in m["resources"]]


def links(answer: dict) -> set[str]:
    return {link["href"] for m in answer["messages"] for r in m["resources"] for link in r["links"]}
