"""The order of a hand-off (docs/directory.md): who is offered first, and what stands next to
a closed service.

- crisis: the answer's own order, which leads with the numbers for that crisis (emergency numbers,
  or the 3114 for suicidal thoughts: data/safety), then the partner right after the last
  emergency number;
- otherwise: the partner first, then by relevance (tiers, most relevant first), open ones first
  within a tier;
- a service closed right now is followed by an open alternative (the 119, open day and night,
  unless its entry names another), moved up or added if needed.
"""
from typing import Callable

from bot.directory.models import Service

OpenNow = Callable[[Service], bool | None]


def arrange(tiers: list[list[Service]], partner: Service | None, crisis: bool, open_now: OpenNow) -> list[Service]:
    ranked: list[Service] = []
    for tier in tiers:
        for service in sorted(tier, key=lambda s: open_now(s) is not True):  # stable: tier order kept
            if service not in ranked and service is not partner:
                ranked.append(service)
    if partner is None:
        return ranked
    if not crisis:
        return [partner] + ranked
    after = max((i + 1 for i, s in enumerate(ranked) if s.kind == "emergency"), default=0)
    return ranked[:after] + [partner] + ranked[after:]


def with_open_alternatives(
    services: list[Service], open_now: OpenNow, alternative_of: Callable[[Service], Service | None]
) -> tuple[list[Service], dict[str, str]]:
    """Puts an open alternative right after each closed service; returns it per closed id."""
    result = list(services)
    chosen: dict[str, str] = {}
    for service in services:
        if open_now(service) is not False:
            continue
        alternative = alternative_of(service)
        if alternative is None or open_now(alternative) is not True:
            continue
        chosen[service.id] = alternative.id
        position = result.index(service)
        if alternative in result[: position + 1]:
            continue  # already offered before it
        if alternative in result:
            result.remove(alternative)
        result.insert(position + 1, alternative)
    return result, chosen
