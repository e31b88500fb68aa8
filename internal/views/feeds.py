"""The internal feed for feed readers: a secret per-user address, no session needed.

``/intern/feed/<token>/`` (RSS) and ``…/atom/``. The token identifies the
employee; the feed holds exactly what they may read, minus confidential
posts, and only titles and teasers: feed readers are often cloud services,
and the full text stays behind the login. A revoked or unknown token is a 404.
"""

from django.http import Http404
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.feeds import FeedSource, PostFeed
from core.middleware import mark_private
from core.site_address import base_url
from core.visibility import is_employee, visible_children

from ..models import InternalIndexPage, InternalPostPage, NotificationPreference


def feed_user(token: str):
    """The active employee behind ``token``, or None."""
    preference = (
        NotificationPreference.objects.select_related("user")
        .filter(feed_token=token, user__is_active=True)
        .first()
    )
    if preference is None or not is_employee(preference.user):
        return None
    return preference.user


@never_cache
def no_token(request):
    """``/intern/feed/`` without a token: a plain 404, whoever asks."""
    mark_private(request)
    raise Http404("no such feed")


@never_cache
@require_GET
def token_feed(request, token: str, atom: bool = False):
    mark_private(request)
    user = feed_user(token)
    index = InternalIndexPage.objects.live().first()
    if user is None or index is None:
        raise Http404("no such feed")
    posts = (
        visible_children(InternalPostPage.objects.child_of(index), index.path, user)
        .filter(confidential=False)
        .select_related("hero_image")
        .prefetch_related("authors__person")
        .order_by("-date", "-pk")
    )
    base = base_url()
    source = FeedSource(
        title=index.title,
        description=gettext("Internal posts for %(name)s") % {"name": user.get_full_name()},
        link=base + index.url,
        feed_url=base + request.path,
        posts=posts,
        base_url=base,
        full_content=False,
    )
    response = PostFeed(source, atom=atom)(request)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
