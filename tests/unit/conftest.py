from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient

from bot.main import create_app
from bot.settings import Settings
from tests.unit.fake_rasa import FakeRasa


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def make_client(fake_rasa):
    """A client for an app built with these settings (besides the fake Rasa's)."""

    @contextmanager
    def make(**overrides):
        base = {"rasa_urls": ["http://rasa.test"], "rasa_token": "test-token", "actions_url": "http://actions.test"}
        with TestClient(create_app(Settings(**{**base, **overrides}), engines=fake_rasa)) as client:
            yield client

    return make


@pytest.fixture
def client(make_client):
    with make_client() as client:
        yield client
