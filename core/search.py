"""Site search: ``/search/?q=`` over the pages this reader may read.

Anonymous readers search public pages only; employees also find internal
pages, which are marked as such. Any input gives a normal page quickly: the
query is cleaned and capped, and results are paginated with the shared helper.
"""

import re
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.shortcuts import render
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from wagtail import hooks
from wagtail.models import Page, Site

from core.blocks import raw_body_text, readable_text
from core.pagination import paginate
from core.visibility import hidden_paths, visible_to

MAX_QUERY_LENGTH = 200
MAX_HIGHLIGHT_TERMS = 10
RESULTS_PER_PAGE = 10
EXCERPT_LENGTH = 240
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TERM = re.compile(r"\w{2,}")


def clean_query(raw: str) -> str:
    """The query a reader meant: no control characters, single spaces, capped length."""
    text = _CONTROL.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def highlight_pattern(query: str) -> re.Pattern | None:
    """A pattern marking the query's words and their inflections in result text.

    The search backend stems ("Speicher" finds "Speichern"), so a word is marked
    from a prefix of the term; longest terms first so they win over substrings.
    """
    terms = {term.lower() for term in _TERM.findall(query)}
    if not terms:
        return None
    stems = sorted(
        {term[: max(3, len(term) - 2)] if len(term) > 4 else term for term in terms},
        key=len,
        reverse=True,
    )[:MAX_HIGHLIGHT_TERMS]
    return re.compile(r"\b(?:" + "|".join(re.escape(stem) for stem in stems) + r")\w*", re.I)


def highlight(text: str, pattern: re.Pattern | None) -> SafeString:
    """``text`` escaped, with matches of ``pattern`` wrapped in ``<mark>``."""
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def excerpt(text: str, pattern: re.Pattern | None, length: int = EXCERPT_LENGTH) -> str:
    """About ``length`` characters of ``text`` around the first match, on word bounds."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    match = pattern.search(text) if pattern else None
    start = max(0, (match.start() if match else 0) - length // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


def page_text(page) -> str:
    """What a result shows from ``page``: subtitle, teaser or description, then body."""
    parts = [
        getattr(page, "subtitle", ""),
        getattr(page, "teaser", "") or page.search_description,
    ]
    body = getattr(page, "body", None)
    if hasattr(body, "raw_data"):
        parts.append(raw_body_text(body))
    elif isinstance(body, str):
        parts.append(readable_text(body))
    return " ".join(part for part in parts if part)


@dataclass
class SearchHit:
    """One result as the template shows it."""

    page: Page
    title: SafeString
    excerpt: SafeString
    internal: bool


@dataclass
class PersonResult:
    """A person among the results: the highlighted name and public profile details."""

    name: SafeString
    url: str
    job_title: str
    department: str


def search_terms(query: str) -> str:
    """Only the words of ``query``: quotes and operators mean nothing to readers,
    but some backends (SQLite FTS5) would read them as syntax."""
    return " ".join(re.findall(r"\w+", query))


def search_pages(query: str, user):
    """Search results (Wagtail's search) among the live pages ``user`` may read."""
    terms = search_terms(query)
    if not terms:
        return Page.objects.none()
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    pages = Page.objects.filter(depth__gt=1)
    if site:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    # The search backends accept only plain field lookups, so the visibility
    # rules (subqueries) narrow the candidates by id.
    allowed = Page.objects.filter(pk__in=visible_to(pages, user).values("pk"))
    return allowed.search(terms, operator="and")


def search_people(query: str, user) -> list:
    """People matching ``query``, from the apps that register ``site_search_people``.

    A hook, so core does not import the people app; each hook returns objects
    with ``name``, ``url``, ``job_title`` and ``department``, public only.
    """
    terms = search_terms(query)
    if not terms:
        return []
    return [hit for hook in hooks.get_hooks("site_search_people") for hit in hook(terms, user)]


@require_GET
def search(request):
    """The search page; an empty query shows just the form."""
    query = clean_query(request.GET.get("q", ""))
    context = {
        "search_query": query,
        "page_obj": None,
        "hits": [],
        "people": [],
        "query_string": "",
    }
    if query:
        user = request.user
        page_obj = paginate(request, search_pages(query, user), RESULTS_PER_PAGE)
        pattern = highlight_pattern(query)
        ids = [result.pk for result in page_obj.object_list]
        specific = Page.objects.filter(pk__in=ids).specific().in_bulk() if ids else {}
        # Paths an anonymous reader may not enter: results under them are internal.
        restricted = hidden_paths(AnonymousUser()) if user.is_authenticated else []
        context.update(
            page_obj=page_obj,
            # People first, on the first page only: they are few and often what was meant.
            people=[
                PersonResult(
                    name=highlight(person.name, pattern),
                    url=person.url,
                    job_title=person.job_title,
                    department=person.department,
                )
                for person in (search_people(query, user) if page_obj.number == 1 else [])
            ],
            query_string=urlencode({"q": query}),
            hits=[
                SearchHit(
                    page=specific[pk],
                    title=highlight(specific[pk].title, pattern),
                    excerpt=highlight(excerpt(page_text(specific[pk]), pattern), pattern),
                    internal=any(specific[pk].path.startswith(path) for path in restricted),
                )
                for pk in ids
                if pk in specific
            ],
        )
    return render(request, "core/search.html", context)
