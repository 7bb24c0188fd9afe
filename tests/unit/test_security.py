"""Security headers, CORS for partner origins only, body-size limit (issue #7)."""
import json
import shutil
from pathlib import Path

PARTNER = "https://asso.example"


def test_chat_frame_headers(make_client):
    with make_client(partner_origins=[PARTNER]) as client:
        headers = client.get("/chat").headers
    csp = headers["content-security-policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert f"frame-ancestors 'self' {PARTNER}" in csp
    assert headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in headers["permissions-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_api_answers_cannot_be_framed_or_cached(client):
    headers = client.post("/api/v1/chat", json={"session_id": "abcdefgh", "text": "bonjour"}).headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "no-referrer"


def test_cors_only_for_partner_origins(make_client):
    preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    with make_client(partner_origins=[PARTNER]) as client:
        allowed = client.options("/api/v1/chat", headers={"origin": PARTNER, **preflight})
        refused = client.options("/api/v1/chat", headers={"origin": "https://evil.example", **preflight})
        simple = client.post("/api/v1/chat", json={"session_id": "abcdefgh", "text": "bonjour"},
                             headers={"origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == PARTNER
    assert "access-control-allow-credentials" not in allowed.headers
    assert refused.status_code == 400 and "access-control-allow-origin" not in refused.headers
    assert "access-control-allow-origin" not in simple.headers


def test_large_body_is_refused_before_parsing(make_client, fake_rasa):
    with make_client(max_body_bytes=2048) as client:
        reply = client.post("/api/v1/chat", content=b'{"session_id": "abcdefgh", "text": "' + b"a" * 4000 + b'"}',
                            headers={"content-type": "application/json"})
        streamed = client.post("/api/v1/chat", content=iter([b"{" + b" " * 1500, b" " * 1500 + b"}"]),
                               headers={"content-type": "application/json"})
    for refused in (reply, streamed):
        assert refused.status_code == 413
        assert refused.json()["error"]["code"] == "body_too_large"
        assert refused.headers["x-content-type-options"] == "nosniff"
    assert fake_rasa.received == []


def test_a_1000_character_message_fits_the_body_limit(client):
    body = json.dumps({"session_id": "abcdefgh", "text": "é" * 1000})  # escaped: \u00e9, six bytes each
    assert len(body) > 6000
    reply = client.post("/api/v1/chat", content=body, headers={"content-type": "application/json"})
    assert reply.status_code == 200


def test_openapi_is_published(client):
    assert client.get("/openapi.json").json()["paths"]["/api/v1/chat"]
    assert client.get("/docs").status_code == 200


def test_partner_files_give_their_origins_to_cors_and_frame_ancestors(make_client, tmp_path):
    """A partner described in data/partners/ may frame the chat and call the API, with no setting."""
    root = Path(__file__).resolve().parents[2]
    data = tmp_path / "data"
    shutil.copytree(root / "data", data)
    shutil.copy(root / "tests/fixtures/partners/demo.yml", data / "partners" / "demo.yml")
    origin = "https://demo.example.org"
    preflight = {"origin": origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    with make_client(data_dir=data) as client:
        csp = client.get("/chat").headers["content-security-policy"]
        allowed = client.options("/api/v1/chat", headers=preflight)
    assert f"frame-ancestors 'self' {origin}" in csp
    assert allowed.headers["access-control-allow-origin"] == origin
    with make_client() as client:  # without the file, the same origin is refused
        assert origin not in client.get("/chat").headers["content-security-policy"]
