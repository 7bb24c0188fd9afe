"""Only the gateway is a door (issue #7): Rasa and the action server listen on loopback only,
and Rasa's HTTP API and private channel refuse requests without the shared token."""
from pathlib import Path

import httpx

LOOPBACK_V4 = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it
LISTEN = "0A"


def listeners(port: int) -> list[str]:
    """Local addresses of the sockets listening on this port (IPv4 and IPv6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].rsplit(":", 1)
            if int(hex_port, 16) == port and fields[3] == LISTEN:
                found.append(address)
    return found


def test_rasa_and_actions_listen_on_loopback_only(stack):
    for port in [*stack.rasa_ports, stack.actions_port]:
        addresses = listeners(port)
        assert addresses, f"nothing listens on {port}"
        assert set(addresses) == {LOOPBACK_V4}, f"port {port} listens on {addresses}"


def test_rasa_http_api_requires_the_token(stack):
    rasa = f"http://127.0.0.1:{stack.rasa_ports[0]}"
    assert httpx.get(f"{rasa}/status", timeout=10).status_code == 401
    assert httpx.get(f"{rasa}/status", params={"token": "wrong"}, timeout=10).status_code == 401
    assert httpx.get(f"{rasa}/status", params={"token": stack.token}, timeout=10).status_code == 200
    tracker = httpx.get(f"{rasa}/conversations/someone/tracker", timeout=10)
    assert tracker.status_code == 401


def test_private_channel_requires_the_token_and_rest_is_closed(stack):
    rasa = f"http://127.0.0.1:{stack.rasa_ports[0]}"
    body = {"sender": "abcdefgh", "message": "bonjour", "metadata": {}, "payload": False}
    assert httpx.post(f"{rasa}/webhooks/balise/webhook", json=body, timeout=10).status_code in (401, 403)
    wrong = httpx.post(f"{rasa}/webhooks/balise/webhook", json=body, headers={"X-Balise-Token": "x"}, timeout=10)
    assert wrong.status_code in (401, 403)
    assert httpx.post(f"{rasa}/webhooks/rest/webhook", json={"sender": "a", "message": "b"}, timeout=10).status_code == 404
