"""People in the site search: published public profiles, by their public fields only.

``core.search`` asks every ``site_search_people`` hook (see
``people.wagtail_hooks``) for matches, so core never imports this app.
"""

import re
from dataclasses import dataclass

from wagtail.search.backends import get_search_backend

from .models import Person

MAX_PEOPLE = 5
# Candidates the index returns before the public-text check below.
CANDIDATES = 50


@dataclass(frozen=True)
class PersonHit:
    """A person as a search result shows them: nothing beyond the public profile."""

    name: str
    url: str
    job_title: str
    department: str


def public_text(person: Person) -> str:
    """What a public profile shows that a search may match: never internal fields."""
    department = person.department.name if person.department else ""
    return " ".join([person.name, person.job_title, person.expertise, person.short_bio, department])


def _public_text_matches(person: Person, terms: str) -> bool:
    """Every term starts a word of the public text (a stem, as the index stems).

    ``Person.search_fields`` also index internal fields (location) for the
    admin's search, and the SQLite backend cannot restrict a search to some
    fields; this check keeps a search for an office from finding its people.
    """
    text = public_text(person)
    for term in terms.lower().split():
        stem = term[: max(3, len(term) - 2)] if len(term) > 4 else term
        if not re.search(r"\b" + re.escape(stem), text, re.IGNORECASE):
            return False
    return True


def search_people(terms: str, user) -> list[PersonHit]:
    """Up to ``MAX_PEOPLE`` public people matching all of ``terms``, for any reader.

    ``user`` is ignored on purpose: employees find colleagues in the staff
    directory; the site search shows the same public profiles to everyone.
    """
    if not terms:
        return []
    candidates = get_search_backend().search(
        terms, Person.objects.public().select_related("department"), operator="and"
    )
    hits = []
    for person in candidates[:CANDIDATES]:
        if len(hits) == MAX_PEOPLE:
            break
        if not _public_text_matches(person, terms):
            continue
        url = person.profile_url
        if url:  # no public team page, no public profile to link
            hits.append(
                PersonHit(
                    name=person.name,
                    url=url,
                    job_title=person.job_title,
                    department=person.department.name if person.department else "",
                )
            )
    return hits
