"""When a poll ends, said the way an editor plans with it.

Wagtail's relative dates ("just now", "3 days ago") only look back: a poll
closing in January read "Jetzt gerade". Close dates say how long is left
(or how long ago it ended) while that is days; further away they give the day.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince, timeuntil
from django.utils.translation import gettext as _

# Up to this far from now, "in 3 days" helps more than a date.
RELATIVE_WITHIN = timedelta(days=7)


def closing_text(closes_at: datetime | None, now: datetime | None = None) -> str:
    """ "ends in 3 hours" or "ended 2 days ago" when close, else "ends <date>", "ended <date>"."""
    if closes_at is None:
        return ""
    now = now or timezone.now()
    if closes_at > now:
        if closes_at - now <= RELATIVE_WITHIN:
            return _("ends in %(time)s") % {"time": timeuntil(closes_at, now, depth=1)}
        return _("ends %(date)s") % {"date": _day(closes_at)}
    if now - closes_at <= RELATIVE_WITHIN:
        return _("ended %(time)s ago") % {"time": timesince(closes_at, now, depth=1)}
    return _("ended %(date)s") % {"date": _day(closes_at)}


def _day(value: datetime) -> str:
    # The active language's own date format (core.formats): "15. Januar 2027", "15 January 2027".
    return date_format(timezone.localtime(value), "DATE_FORMAT")
