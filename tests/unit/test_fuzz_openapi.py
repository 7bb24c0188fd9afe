"""Fuzzing (issue #7): schemathesis generates requests from /openapi.json and sends them to the
app (Rasa replaced by the fake, which always answers), a bounded run (MAX_EXAMPLES per
operation): no server error, and every answer matches the published schema."""
import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from bot.main import create_app
from bot.settings import Settings
from tests.unit.fake_rasa import FakeRasa

MAX_EXAMPLES = 30


UNLIMITED = "100000/minute"  # the fuzzer sends many requests from one client; limits have their own tests
APP = create_app(
    Settings(rasa_urls=["http://rasa.test"], rasa_token="test-token", actions_url="http://actions.test",
             rate_limit_client=UNLIMITED, rate_limit_session=UNLIMITED, metrics_token="fuzz-token"),
    engines=FakeRasa(),
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def running_app():
    with TestClient(APP):  # runs the lifespan, which builds the services the routes use
        yield


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_and_never_fails(case):
    # Rules the schema cannot say (text or payload, a payload this session was offered, a service
    # that exists) turn some schema-valid bodies into 422s with a French message: not a failure.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
