"""The boundary test for every role: sign in, walk the site and the admin, find nothing outside.

Like the anonymous crawl, but once per role of the permission model, and
into the Wagtail admin. On top of the demo site, ``role_markers`` seeds one
object per kind of secret (a confidential post with comments, a report and an
unpublished revision; an internal post, image, document and comment; a
public draft and an unpublished revision of a live post; a pending profile
photo; internal-only profile fields), each with a code word. Per role the
crawl

* follows every link from ``/`` and ``/admin/`` (the admin menu is JSON in
  an attribute: every quoted path is followed too);
* fetches every parameterless admin listing, chooser and report with a
  search for the markers' words (and as a CSV export), and the site search;
* requests every admin URL pattern (read from the URL resolver by
  ``admin_probes``, so new views are covered without editing this test) for
  every marker object it may not see: none may answer 200 (a redirect is
  followed and judged by what it shows); and POSTs every edit, move,
  replace, reply, switch and export form for those objects, expecting a
  refusal (403, 404, or a redirect to a login or the admin home) and no
  change to the object.

A role fails on any code word of a marker outside its right (``may_see``) in
any response, and on any request about a forbidden object that is not
refused. The superuser's crawl must find every marker, and each role must
find what it may read on the site: that proves the crawl reaches them.
"""

import io
import sys
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import Client

import pytest

from .admin_probes import (
    Target,
    admin_routes,
    get_probes,
    image_file_urls,
    listing_urls,
    post_probes,
    site_urls,
    snapshot,
    targets,
)
from .crawler import crawl as crawl_links
from .crawler import fetch
from .role_markers import CODES, ROLES, Markers, may_see, rights_of, seed_markers

pytestmark = pytest.mark.django_db

HOST = "localhost"
SITE_LIMIT = 70  # followed site pages per role (requests by id come on top)
ADMIN_LIMIT = 90  # followed admin pages per role (menu, listings, detail links)
REFUSED = (403, 404, 405)
# Marker objects anyone in the admin may reach; only their secret must not show:
# a live public post (its unpublished revision is the secret), public people
# (their internal fields, their pending photo are the secret).
OPEN_OBJECTS = ("public_revision",)
OPEN_KINDS = ("person",)
# Markers a reader sees on the site itself when the role allows it.
SITE_MARKERS = ("internal_post", "internal_comment", "confidential_post")
# Bulk forms over many ids that skip, without an error, the ids a user may not see.
FILTERING_FORMS = ("bulk moderate", "bulk move collection")
# Wagtail refuses with a redirect to the admin home or to a login form.
REFUSAL_REDIRECTS = ("/admin/", "/admin/login/", "/login/", "/_util/login/")


@dataclass
class MarkerSite:
    """The seeded markers, and the superuser's crawl (it warmed every image rendition)."""

    markers: Markers
    superuser_run: "RoleRun"


@pytest.fixture(scope="module")
def marker_site(django_db_setup, django_db_blocker):
    """The demo site plus every marker, seeded once for all roles and rolled back after.

    Each role's test runs in its own savepoint inside this transaction (as
    Django's ``TestCase.setUpTestData`` does), so a POST that gets through
    for one role changes nothing for the next. The superuser crawls here,
    outside those savepoints: it renders every page and image listing once,
    so the renditions it generates are kept for every other role (generating
    them again per role would triple the crawl's time).
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=io.StringIO())
            markers = seed_markers()
            superuser = next(role for role in ROLES if role.superuser)
            site = MarkerSite(markers, run_role(superuser, markers))
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    yield site
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


# --- judging -----------------------------------------------------------------------------------


def _open(target: Target) -> bool:
    return target.marker in OPEN_OBJECTS or target.kind in OPEN_KINDS


def _refused(status: int, location: str) -> bool:
    if status in REFUSED:
        return True
    if status in (301, 302, 303):
        path = urlsplit(location).path
        return path == "/admin/" or path.startswith(REFUSAL_REDIRECTS[1:])
    return False


@dataclass
class RoleRun:
    """What one role's crawl fetched and what it found wrong."""

    role: str
    pages: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def seen_codes(self) -> set[str]:
        text = "\n".join(page.searchable() for page in self.pages.values()).lower()
        return {marker for marker, code in CODES.items() if code.lower() in text}


def without_echo(page) -> str:
    """The response's searchable text, lower case, minus echoes of the request.

    A 404 page, a login form's ``next`` field and a search box repeat what was
    asked; only what the site adds can leak.
    """
    text = page.searchable().lower()
    parts = urlsplit(page.url)
    echoes = [page.url, parts.path, *[value for _key, value in parse_qsl(parts.query)]]
    for echo in sorted(echoes, key=len, reverse=True):
        for form in {echo, unquote(echo), quote(unquote(echo)), quote(unquote(echo), safe="")}:
            if form:
                text = text.replace(form.lower(), "")
    return text


def shown(page, forbidden: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(marker, string) for every forbidden marker a response gives away."""
    text = without_echo(page)
    found = []
    for marker, strings in forbidden.items():
        hit = next((string for string in strings if string.lower() in text), None)
        if hit:
            found.append((marker, hit))
    return found


def leaks(run_pages: dict, forbidden: dict[str, list[str]]) -> list[str]:
    """Every response that contains a string of a forbidden marker."""
    return [
        f"GET {page.url} {page.status} shows {marker} ({hit})"
        for page in run_pages.values()
        for marker, hit in shown(page, forbidden)
    ]


def run_role(role, markers: Markers) -> RoleRun:
    """Crawl the site and the admin as ``role`` and collect every leak and every missed refusal."""
    run = RoleRun(role.key)
    # A view that crashes answers 500 here (and is reported) instead of ending the crawl.
    client = Client(SERVER_NAME=HOST, raise_request_exception=False)
    if role.signed_in:
        client.force_login(get_user_model().objects.get(pk=markers.users[role.key]))
    forbidden = {
        marker: strings
        for marker, strings in markers.strings.items()
        if not may_see(rights_of(role), marker)
    }
    objects = targets(markers)
    # The object itself is out of reach (a live public post with a secret
    # revision is not: only its revision's text must not show).
    hidden = [target for target in objects if target.marker in forbidden and not _open(target)]
    content_only = [target for target in objects if target.marker in forbidden and _open(target)]
    probed = objects if role.superuser else hidden + content_only
    routes = admin_routes()
    probes = get_probes(routes, probed, markers)

    started = time.monotonic()
    site = crawl_links(client, ["/"], site_urls(markers), SITE_LIMIT, max_variants=3)
    admin = crawl_links(
        client,
        ["/admin/"],
        [*listing_urls(routes), *probes],
        ADMIN_LIMIT + len(probes),
        skip_prefixes=("/static/", "/django-admin/"),
        quoted_paths=True,
        max_variants=2,
    )
    seconds = time.monotonic() - started
    print(f"{role.key}: {len(site.pages)} site, {len(admin.pages)} admin URLs in {seconds:.1f}s")
    admin.pages = {url: page for url, page in admin.pages.items() if url.startswith("/admin/")}
    run.pages = {**site.pages, **admin.pages}
    run.problems += leaks(run.pages, forbidden)
    run.problems += [
        f"GET {page.url} {page.status} server error"
        for page in run.pages.values()
        if page.status >= 500
    ]

    # Requests about a forbidden object must be refused, not answered.
    for url, target in probes.items():
        page = admin.pages.get(url)
        # A redirect is followed by the crawl and judged by what it shows.
        if page and target in hidden and page.status == 200:
            run.problems.append(f"GET {url} {page.status} not refused ({target.marker})")

    # Image files: the originals and every rendition the crawl saw linked.
    files = image_file_urls(markers)
    for url in [*site.unfetched, *admin.unfetched]:
        for marker in forbidden:
            if any(stem.lower() in url.lower() for stem in forbidden[marker]):
                files.setdefault(url, marker)
    for url, marker in files.items():
        if marker in forbidden:
            response = client.get(url)
            if response.status_code == 200:
                run.problems.append(f"GET {url} 200 serves the file of {marker}")
    if role.superuser:
        return run

    # Every form that changes, moves, replaces, answers, switches or exports.
    for target in hidden:
        for url, data, what in post_probes(target, markers):
            before = snapshot(target)
            page = fetch(client, url, "post", data=data)
            changed = snapshot(target) != before
            refused = _refused(page.status, page.location)
            if what in FILTERING_FORMS and page.status == 302 and not changed:
                refused = True  # a bulk form that silently skips what the user may not see
            if page.status >= 500:
                run.problems.append(f"POST {url} {page.status} server error ({what})")
            elif changed or not refused:
                run.problems.append(
                    f"POST {url} {page.status} not refused: {what} ({target.marker})"
                    + (", and it changed the object" if changed else "")
                )
            run.problems += [
                f"POST {url} {page.status} shows {marker} ({hit})"
                for marker, hit in shown(page, forbidden)
            ]
    return run


@pytest.mark.parametrize(
    "role", [role for role in ROLES if not role.superuser], ids=lambda r: r.key
)
def test_role_crawl_finds_nothing_outside_the_roles_right(role, marker_site):
    run = run_role(role, marker_site.markers)
    print(f"{role.key}: {len(run.pages)} URLs, {len(run.problems)} problems")
    assert len(run.pages) > 20
    # Not a vacuous pass: what the role may read on the site, its crawl did read.
    rights = rights_of(role)
    expected = {marker for marker in SITE_MARKERS if may_see(rights, marker)}
    assert expected <= run.seen_codes(), (
        f"{role.key} never saw {sorted(expected - run.seen_codes())}"
    )
    assert not run.problems, f"{role.key}:\n" + "\n".join(run.problems[:80])


def test_superuser_crawl_reaches_every_marker(marker_site):
    """The probes are real: the one role that may see everything finds every marker."""
    run = marker_site.superuser_run
    print(f"superuser: {len(run.pages)} URLs")
    missing = set(CODES) - run.seen_codes()
    assert not missing, f"the crawl never reached {sorted(missing)}"
    assert not run.problems, "\n".join(run.problems[:80])
