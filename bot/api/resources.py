"""GET /api/v1/resources: the hand-off directory for a topic, now or at a given instant.

The cards are the same objects as the `resources` of chat answers, chosen and ordered by the
same rules (docs/directory.md). Each bad parameter gets its own French message.
"""
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, Query, Request
from pydantic import ValidationError

from bot.api.deps import get_directory
from bot.directory import Directory, Handoff
from bot.directory.hours import PARIS
from bot.errors import ApiError
from bot.schemas import ErrorResponse, ResourceQuery, ResourcesResponse

router = APIRouter(prefix="/api/v1", tags=["resources"])

QUERY_MESSAGES = {
    "topic": "Ce sujet (topic) n'existe pas : voir la liste des sujets dans la documentation de l'API.",
    "audience": "Le public (audience) doit être teen, parent, friend, professional ou unknown.",
    "departement": "Le département doit être un numéro de 01 à 95, 2A, 2B ou de 971 à 976 (jamais une adresse).",
    "partner": "Ce partenaire n'est pas connu.",
    "at": "La date (at) doit être au format ISO 8601, par exemple 2026-11-23T23:30:00+01:00 "
          "(dans une adresse, le « + » s'écrit %2B).",
    "language": "La langue (language) doit être fr ou en.",
}


def resource_query(
    request: Request,
    topic: str | None = Query(None, description="a topic of the taxonomy (data/topics.yml)"),
    audience: str | None = Query(None, description="teen, parent, friend, professional or unknown"),
    departement: str | None = Query(None, description="01-95, 2A, 2B, 971-976: local associations"),
    partner: str | None = Query(None, description="the embedding association's id: its service first"),
    at: str | None = Query(None, description="ISO 8601 instant (default: now); no offset means Paris time"),
    language: str | None = Query(None, description="fr (default) or en, for the cards' labels"),
) -> ResourceQuery:
    unknown = sorted(set(request.query_params) - set(QUERY_MESSAGES))
    if unknown:
        raise ApiError(422, "unknown_field", f"Le paramètre « {unknown[0]} » n'est pas accepté.")
    given = {"topic": topic, "audience": audience, "departement": departement, "partner": partner, "at": at, "language": language}
    try:
        return ResourceQuery.model_validate({k: v for k, v in given.items() if v is not None})
    except ValidationError as exc:
        field = str(exc.errors()[0]["loc"][0])
        raise ApiError(422, f"invalid_{field}", QUERY_MESSAGES[field]) from None


@router.get("/resources", response_model=ResourcesResponse, responses={422: {"model": ErrorResponse}})
def resources(query: ResourceQuery = Depends(resource_query), directory: Directory = Depends(get_directory)):
    """The services to offer for a topic: emergency numbers first in a crisis, the partner's
    own service first otherwise, a closed service next to an open one."""
    if query.partner and directory.partner(query.partner) is None:
        raise ApiError(422, "invalid_partner", QUERY_MESSAGES["partner"])
    at = query.at or datetime.now(timezone.utc)
    at = at if at.tzinfo else at.replace(tzinfo=PARIS)
    context = Handoff(
        at=at, language=query.language, crisis=query.topic == "crisis", topic=query.topic,
        audience=query.audience, partner=query.partner, departement=query.departement,
    )
    return ResourcesResponse(at=at.isoformat(), topic=query.topic, crisis=context.crisis, resources=directory.for_topic(context))
