"""What crawlers read: ``sitemap.xml`` (public pages only) and ``robots.txt``.

Apps add sitemap sections without core importing them::

    # people/apps.py, in ready()
    from core.seo import register_sitemap
    register_sitemap("people", PeopleSitemap)

A section is a subclass of ``SectionSitemap`` (items with
``get_absolute_url()``; URLs get the site's address, ``BASE_URL``) or of Wagtail's
page ``Sitemap``; both receive the request. Sections must list public
content only; the built-in "pages" section asks ``core.visibility``.
"""

import inspect
import json
from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.contrib.sitemaps import views as django_sitemap_views
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.models import Page, PageViewRestriction, Site

from core.site_address import absolute, base_url
from core.visibility import visible_to

_SECTIONS: dict = {}


# Inside <script> only "<" could end the element early; "&" and ">" are
# escaped as well, like Django's json_script, so no HTML parser is confused.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def jsonld_script(data) -> SafeString | str:
    """``data`` as a ``<script type="application/ld+json">`` block.

    A data block, not a script: browsers never execute it, so the strict
    ``script-src 'self'`` policy does not apply and no nonce is needed.
    """
    if not data:
        return ""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def register_sitemap(name: str, section) -> None:
    """Add a sitemap section (e.g. people profiles) under ``name``."""
    _SECTIONS[name] = section


def sitemap_sections() -> dict:
    """Every registered section, the public pages first."""
    return {"pages": PublicPagesSitemap, **_SECTIONS}


class PublicPagesSitemap(WagtailSitemap):
    """Every page of the site an anonymous reader may read, with its extra URLs.

    Pages add sub-URLs (e.g. blog categories) through ``get_sitemap_urls``.
    """

    def items(self):
        site = self.get_wagtail_site()
        pages = Page.objects.descendant_of(site.root_page, inclusive=True)
        return visible_to(pages, AnonymousUser()).order_by("path").defer_streamfields().specific()


class SectionSitemap(DjangoSitemap):
    """Base for an app's sitemap section (people profiles, say).

    Django would take the host from ``django.contrib.sites``; this uses
    ``BASE_URL``, like every other absolute URL here.
    """

    def __init__(self, request=None):
        self.request = request

    def get_urls(self, page=1, site=None, protocol=None):
        root = urlsplit(base_url())
        return super().get_urls(
            page=page, site=SimpleNamespace(domain=root.netloc), protocol=root.scheme
        )


@require_GET
@cache_control(max_age=3600, public=True)
def sitemap(request):
    """``/sitemap.xml``: public pages plus any sections apps registered."""
    sections = {
        name: section(request)
        if inspect.isclass(section) and issubclass(section, SectionSitemap | WagtailSitemap)
        else section
        for name, section in sitemap_sections().items()
    }
    return django_sitemap_views.sitemap(request, sections)


def _restricted_urls(request) -> list[str]:
    """URL paths of restricted top-level sections (e.g. /intern/), so crawlers skip them.

    Anyone reads robots.txt, so it names only what anyone knows already: a
    live section right under the site's home page, closed to a group or to
    signed-in users (the intranet). A restricted post, a draft, a page
    behind a shared password or anything deeper is left out: its slug is
    content, and a crawler gets the login page there anyway.
    """
    site = Site.find_for_request(request)
    if site is None:
        return []
    sections = (
        Page.objects.descendant_of(site.root_page, inclusive=True)
        .filter(depth__lte=site.root_page.depth + 1, live=True)
        .filter(
            pk__in=PageViewRestriction.objects.exclude(
                restriction_type=PageViewRestriction.PASSWORD
            ).values("page_id")
        )
    )
    urls = []
    for page in sections.specific(defer=True):
        url = page.get_url(request)
        if url and url.startswith("/"):
            urls.append(url)
    return sorted(set(urls))


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    """``/robots.txt``: keep crawlers out of the admin and internal areas."""
    disallow = [*settings.ADMIN_PATH_PREFIXES, *_restricted_urls(request), reverse("search")]
    lines = ["User-agent: *"]
    lines += [f"Disallow: {path}" for path in dict.fromkeys(disallow)]
    lines += ["", f"Sitemap: {absolute(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
