"""A bounded version of the load test (bench/load.py, `make bench`): a few people at once,
each playing the benchmark's conversations back to back through the real gateway; none may get
an error or the degraded emergency card."""
import asyncio

from bench.load import Scenario, run


def test_concurrent_conversations_get_answers_without_errors(stack):
    result = asyncio.run(run(stack.url, Scenario("gateway", "closed", users=4, messages=6)))
    assert result.errors == {}
    assert len(result.latencies) == 4 * 6
