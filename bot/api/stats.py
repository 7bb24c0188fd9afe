"""Anonymous aggregates: JSON for partners, Prometheus text for operators (behind a token)."""
import secrets

from fastapi import APIRouter, Depends, Query, Request, Response
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot.api.deps import get_settings_dep, get_stats
from bot.errors import ApiError
from bot.schemas import ErrorResponse, StatsResponse
from bot.services.stats import Stats
from bot.settings import Settings

router = APIRouter(tags=["stats"])
METRICS_DAYS = 7


@router.get("/api/v1/stats", response_model=StatsResponse, responses={422: {"model": ErrorResponse}})
async def stats(days: int = Query(default=30, ge=1, le=366), counts: Stats = Depends(get_stats)) -> dict:
    """Daily counts per topic, language and service, newest day first. Counts only: no session, no text."""
    return {"retention_days": counts.retention_days, "days": await counts.days(days)}


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request, counts: Stats = Depends(get_stats), settings: Settings = Depends(get_settings_dep)):
    """The same counts for Prometheus, last days only; 404 unless a token is configured."""
    if settings.metrics_token is None:
        raise ApiError(404, "not_found", "Cette page n'existe pas.")
    expected = f"Bearer {settings.metrics_token.get_secret_value()}".encode()
    if not secrets.compare_digest(request.headers.get("authorization", "").encode(), expected):
        raise ApiError(401, "unauthorized", "Un jeton d'accès valide est nécessaire.", {"WWW-Authenticate": "Bearer"})
    registry = CollectorRegistry()
    registry.register(DaysCollector(await counts.days(METRICS_DAYS)))
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


class DaysCollector:
    """Per-day tallies as gauges (a day's count only grows until the day is over)."""

    def __init__(self, days: list[dict]):
        self.days = days

    def collect(self):
        topics = GaugeMetricFamily("balise_day_topic", "Count per UTC day, topic and counter", labels=["day", "topic", "counter"])
        languages = GaugeMetricFamily("balise_day_language_messages", "Messages per UTC day and language", labels=["day", "language"])
        handoffs = GaugeMetricFamily("balise_day_handoff", "Hand-off cards per UTC day, service and event", labels=["day", "resource", "event"])
        for day in self.days:
            for topic, counters in day["topics"].items():
                for counter, n in counters.items():
                    topics.add_metric([day["day"], topic, counter], n)
            for language, n in day["languages"].items():
                languages.add_metric([day["day"], language], n)
            for resource, events in day["handoffs"].items():
                for event, n in events.items():
                    handoffs.add_metric([day["day"], resource, event], n)
        return [topics, languages, handoffs]
