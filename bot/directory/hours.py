"""Open now, and when a closed service opens next, in Europe/Paris time at a given instant.

Hours are wall-clock times in Paris, so the instant is converted first: the same slot covers
different UTC hours on each side of a clock change. No verified service's hours depend on public
holidays (data/directory/services.yml), so none are modelled.
"""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.directory.models import Hours

PARIS = ZoneInfo("Europe/Paris")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def is_open(hours: Hours, at: datetime) -> bool | None:
    """None when the hours are unknown: the card then says nothing about being open."""
    if not hours.known:
        return None
    if hours.always_open:
        return True
    local = at.astimezone(PARIS)
    day = DAYS[local.weekday()]
    return any(day in s.days and s.open <= local.time() < s.close for s in hours.weekly)


def next_opening(hours: Hours, at: datetime) -> datetime | None:
    """The next opening after `at` (Paris time), or None if open now, always open or unknown."""
    if is_open(hours, at) is not False:
        return None
    local = at.astimezone(PARIS)
    for offset in range(8):
        day = local.date() + timedelta(days=offset)
        opens = sorted(s.open for s in hours.weekly if DAYS[day.weekday()] in s.days)
        for start in opens:
            candidate = datetime.combine(day, start, tzinfo=PARIS)
            if candidate > local:
                return candidate
    return None
