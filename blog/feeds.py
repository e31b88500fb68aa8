"""RSS 2.0 and Atom feeds of the public blog, per blog, category, tag and author.

Routed by ``BlogIndexPage`` (``feed/``, ``category/<slug>/feed/atom/`` …);
built for an anonymous reader whoever asks, so a feed never carries a post
that is not public.
"""

from django.conf import settings
from django.utils.translation import gettext

from wagtail.models import Site

from core.feeds import FeedSource, PostFeed
from core.models import SiteSettings
from core.site_address import base_url


def blog_feed_response(index, request, listing, atom: bool = False):
    """The feed of ``listing`` (already resolved for an anonymous reader)."""
    site = Site.find_for_request(request)
    site_settings = SiteSettings.for_site(site) if site else None
    name, args = listing.route
    feed_name = ("feed" if name == "index" else f"{name}_feed") + ("_atom" if atom else "")
    title = index.title if listing.kind == "all" else f"{listing.heading} · {index.title}"
    organisation = site_settings.organisation_name if site_settings else ""
    source = FeedSource(
        title=title,
        description=listing.description
        or gettext("Posts from %(organisation)s") % {"organisation": organisation},
        link=index.route_url(name, args, request, absolute=True),
        feed_url=index.route_url(feed_name, args, request, absolute=True),
        # The feed draws its own hero size: no listing renditions prefetched.
        posts=index.for_listing(listing.posts, renditions=()),
        base_url=base_url(),
        full_content=site_settings.feeds_full_content if site_settings else True,
        language=settings.LANGUAGE_CODE,
    )
    return PostFeed(source, atom=atom)(request)
