"""CPU cost of one turn inside Rasa, without HTTP in front: a profile-friendly measure of a model.

Loads the model in this process (Rasa's venv), replays bench/conversations.yml (button payloads as
message text, the gateway's metadata on every turn) one message at a time, and prints the mean
time per message. The action server must be running for the turns that call it.

    .venv/rasa/bin/python -m bench.turn_cost models/balise-<hash>.tar.gz [--actions URL] [--rounds N]
"""
import argparse
import asyncio
import logging
import time
import uuid
from pathlib import Path

import yaml
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.utils import log_utils
from rasa.utils.endpoints import EndpointConfig

from rasa_extensions import speedups
from rasa_extensions.context import with_context

CONVERSATIONS = Path(__file__).with_name("conversations.yml")
METADATA = {"language": "fr", "audience_hint": None, "partner": None, "crisis_defused": False}


def messages() -> list[list[str]]:
    """Each conversation's turns as the private channel hands them to Rasa."""
    conversations = yaml.safe_load(CONVERSATIONS.read_text(encoding="utf-8"))["conversations"]
    return [[with_context(s["payload"], METADATA) if "payload" in s else s["text"] for s in c["steps"]]
            for c in conversations]


async def replay(agent: Agent, rounds: int) -> tuple[int, float]:
    sent, started = 0, time.perf_counter()
    for _ in range(rounds):
        for turns in messages():
            sender = uuid.uuid4().hex
            for text in turns:
                await agent.handle_message(UserMessage(text, CollectingOutputChannel(), sender, metadata=METADATA))
                sent += 1
    return sent, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("--actions", default="http://127.0.0.1:5055/webhook", help="the action server's webhook")
    parser.add_argument("--rounds", type=int, default=10, help="times the conversations are replayed")
    args = parser.parse_args()
    log_utils.configure_structlog(logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)
    speedups.install()  # as in every Rasa that serves the gateway
    agent = Agent.load(args.model, action_endpoint=EndpointConfig(url=args.actions))
    asyncio.run(replay(agent, 1))  # first turns load lazily
    sent, seconds = asyncio.run(replay(agent, args.rounds))
    print(f"{args.model}: {1000 * seconds / sent:.1f} ms per message ({sent} messages)")


if __name__ == "__main__":
    main()
