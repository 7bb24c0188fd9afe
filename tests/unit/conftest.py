import pytest
from fastapi.testclient import TestClient

from bot.main import create_app
from bot.settings import Settings
from tests.unit.fake_rasa import FakeRasa


@pytest.fixture
def fake_rasa() -> FakeRasa:
    return FakeRasa()


@pytest.fixture
def client(fake_rasa):
    settings = Settings(rasa_urls=["http://rasa.test"], rasa_token="test-token", actions_url="http://actions.test")
    with TestClient(create_app(settings, transport=fake_rasa.transport())) as client:
        yield client
