"""Feed plumbing any public post listing can use: RSS 2.0 and Atom with full content.

A feed is built from a ``FeedSource`` (title, links, posts). Every URL in a
feed is absolute, including images inside the post body, because feed
readers have no page to resolve relative links against.
"""

import re
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html

FEED_ITEMS = 20
_URL_ATTR = re.compile(r'(?P<attr>\s(?:src|href|srcset|poster))="(?P<value>[^"]*)"')


def absolutize_html(html: str, base_url: str) -> str:
    """Make root-relative ``src``/``href``/``srcset`` URLs in ``html`` absolute."""
    base_url = base_url.rstrip("/")

    def absolute(url: str) -> str:
        url = url.strip()
        return base_url + url if url.startswith("/") and not url.startswith("//") else url

    def replace(match: re.Match) -> str:
        attr, value = match.group("attr"), match.group("value")
        if attr.strip() == "srcset":
            candidates = []
            for candidate in value.split(","):
                parts = candidate.strip().split(maxsplit=1)
                if parts:
                    parts[0] = absolute(parts[0])
                    candidates.append(" ".join(parts))
            value = ", ".join(candidates)
        else:
            value = absolute(value)
        return f'{attr}="{value}"'

    return _URL_ATTR.sub(replace, html)


class ContentRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the full post in ``content:encoded`` and the teaser as description."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class ContentAtomFeed(Atom1Feed):
    """Atom with the teaser as ``summary`` and the full post as ``content``."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


@dataclass
class FeedSource:
    """What one feed shows. ``posts`` must already be limited to public posts."""

    title: str
    description: str
    link: str
    feed_url: str
    posts: object
    base_url: str
    full_content: bool = True
    language: str = "de"


class PostFeed(Feed):
    """A feed of ``core.models.posts.PostPage`` posts (RSS 2.0; see ``atom``).

    The caller decides which posts (through ``core.visibility``); this class
    decides how a post looks in a feed reader: title, absolute link, date,
    authors, categories, teaser and (if the site setting says so) the full text.
    """

    feed_type = ContentRssFeed

    def __init__(self, source: FeedSource, atom: bool = False):
        super().__init__()
        self.source = source
        self.language = source.language
        if atom:
            self.feed_type = ContentAtomFeed

    def get_object(self, request, *args, **kwargs):
        return self.source

    def title(self, source):
        return source.title

    def description(self, source):
        return source.description

    def subtitle(self, source):
        return source.description

    def link(self, source):
        return source.link

    def feed_url(self, source):
        return source.feed_url

    def items(self, source):
        return list(source.posts[:FEED_ITEMS])

    def item_title(self, post):
        return post.title

    def item_link(self, post):
        return self.source.base_url + post.url

    def item_guid(self, post):
        return self.item_link(post)

    def item_description(self, post):
        return post.teaser or post.search_description or post.title

    def item_pubdate(self, post):
        return post.date

    def item_updateddate(self, post):
        return max(filter(None, [post.date, post.last_published_at]))

    def item_author_name(self, post):
        return ", ".join(person.name for person in post.author_people()) or None

    def item_categories(self, post):
        names = []
        for relation in ("categories", "tags"):
            manager = getattr(post, relation, None)
            if manager is not None:
                names += [str(item) for item in manager.all()]
        return names

    def item_extra_kwargs(self, post):
        if not self.source.full_content:
            return {}
        return {"content_html": self.full_content_html(post)}

    def full_content_html(self, post) -> str:
        """The post as feed readers show it: hero image, body, absolute URLs."""
        parts = []
        if post.hero_image:
            rendition = post.hero_image.get_rendition("width-1200|format-jpeg")
            parts.append(
                format_html(
                    '<p><img src="{}" width="{}" height="{}" alt="{}"></p>',
                    rendition.url,
                    rendition.width,
                    rendition.height,
                    post.hero_image.default_alt_text,
                )
            )
        if post.teaser:
            parts.append(format_html("<p><strong>{}</strong></p>", post.teaser))
        parts.append(str(post.body))
        return absolutize_html("\n".join(parts), self.source.base_url)
