"""Comment feeds: per public post, and for every public post. Public comments only.

django_comments' own ``LatestCommentFeed`` answers for any object without a
visibility check, so it is never mounted; these feeds ask
``core.visibility`` (as an anonymous reader, since feed readers are).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from wagtail.models import Page

from core.models import SiteSettings
from core.models.posts import PostPage
from core.site_address import absolute
from core.visibility import is_public

from ..links import comment_link
from ..models import StimmeComment
from ..text import normalise

FEED_ITEMS = 30


def public_comments():
    """Published comments on posts an anonymous reader may read."""
    return StimmeComment.objects.visible_to(None).published()


@dataclass
class FeedTarget:
    """What one feed request is about: a post, or (``post=None``) every public post."""

    post: object
    site_name: str


class CommentFeed(Feed):
    """RSS of comments: names, text and a link to each comment on its post."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, page_id=None):
        site_name = SiteSettings.for_request(request).organisation_name
        if page_id is None:
            return FeedTarget(None, site_name)
        page = Page.objects.filter(pk=page_id).first()
        post = page.specific if page is not None else None
        if not isinstance(post, PostPage) or not is_public(post):
            raise Http404("no public post")
        return FeedTarget(post, site_name)

    def title(self, target):
        if target.post is None:
            return _("Comments · %(site)s") % {"site": target.site_name}
        return _("Comments on “%(title)s”") % {"title": target.post.title}

    # Absolute from BASE_URL: Django's Feed would prefix django.contrib.sites'
    # domain and guess the scheme from the request.
    def link(self, target):
        return absolute(target.post.url + "#comments" if target.post is not None else "/")

    def description(self, target):
        return self.title(target)

    def feed_url(self, target):
        if target.post is None:
            return absolute(reverse("stimme_comments:feed"))
        return absolute(reverse("stimme_comments:post_feed", args=[target.post.pk]))

    def items(self, target):
        post = target.post
        # For one post, get_object made sure an anonymous reader may read it.
        queryset = public_comments() if post is None else public_comments().on(post)
        comments = list(
            queryset.select_related("person").order_by("-submit_date", "-pk")[:FEED_ITEMS]
        )
        if post is None:
            _attach_posts(comments)
        else:
            for comment in comments:
                comment._feed_post = post
        return comments

    def item_title(self, comment):
        return _("%(name)s on “%(title)s”") % {
            "name": comment.display_name,
            "title": comment._feed_post.title,
        }

    def item_description(self, comment):
        # Plain text (escaped by the feed generator); no HTML from commenters.
        return normalise(comment.comment)

    def item_link(self, comment):
        # Lands on the comment page holding it, however long the thread grows.
        return absolute(comment_link(comment._feed_post.url, comment.pk))

    def item_pubdate(self, comment):
        return comment.submit_date

    def item_author_name(self, comment):
        return comment.display_name


def _attach_posts(comments) -> None:
    """Load the posts of many comments with one query per post type."""
    wanted: dict[int, set[str]] = {}
    for comment in comments:
        wanted.setdefault(comment.content_type_id, set()).add(comment.object_pk)
    posts = {}
    for content_type_id, pks in wanted.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for post in model.objects.filter(pk__in=[int(pk) for pk in pks]):
            posts[(content_type_id, str(post.pk))] = post
    for comment in comments:
        comment._feed_post = posts[(comment.content_type_id, comment.object_pk)]


comment_feed = CommentFeed()
