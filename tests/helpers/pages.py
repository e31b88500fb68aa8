"""Page-tree helpers: restricting a section, counting a page's queries."""

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from core.visibility import EMPLOYEES_GROUP


def restrict_to_employees(page) -> PageViewRestriction:
    """Put ``page`` (and everything below it) behind the Employees group."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name=EMPLOYEES_GROUP))
    return restriction


def count_queries(client, url: str) -> int:
    """Queries one GET of ``url`` runs, after a warm-up request (renditions, caches)."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)
