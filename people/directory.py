"""The staff directory's two rules: who it lists, and how a colleague is found.

Search goes through Wagtail's search backend and ``Person.search_fields``
(the database backend: FTS5 on SQLite, ``tsvector`` on PostgreSQL), never
through ``icontains`` chains. Every word typed must begin a word of a
person's name, job title, expertise, location or department ("Wärme" finds
"Wärmepumpen", "Kow" finds "Kowalski"); on both databases case is folded
for umlauts too, which SQLite's ``LIKE`` never did.
"""

import re

from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, PlainText

from .models import Person

MAX_QUERY_LENGTH = 100
MAX_QUERY_TERMS = 5
# Letters and digits only: quotes, "*", ":", "&" and the like are query syntax
# for FTS5 and tsquery, and no name or job title needs them to be found.
WORD = re.compile(r"\w+")


def directory_people():
    """Published profiles (public and internal) with what a directory entry shows.

    People whose account was deactivated (leavers) are left out; their
    profile stays for the bylines of what they wrote.
    """
    return (
        Person.objects.published()
        .exclude(user__is_active=False)
        .select_related("department", "photo")
        .prefetch_related("photo__renditions")
    )


def query_words(query: str) -> list[str]:
    """The words of ``query`` a search looks for, within the directory's limits."""
    return WORD.findall(query[:MAX_QUERY_LENGTH])[:MAX_QUERY_TERMS]


def search_directory(people, query: str):
    """``people`` with a word beginning with each word of ``query``, in ``people``'s order.

    ``people`` is a queryset of ``directory_people()``, filtered and ordered
    only by fields ``Person.search_fields`` declares as ``FilterField``. An
    empty query returns it unchanged; a query of punctuation alone finds
    nobody. The result paginates like a queryset.
    """
    if not query.strip():
        return people
    words = query_words(query)
    if not words:
        return people.none()
    # One PlainText per word: the backends treat only a PlainText's last word
    # as a prefix, and every word here is one.
    prefixes = And([PlainText(word) for word in words])
    return get_search_backend().autocomplete(prefixes, people, order_by_relevance=False)
