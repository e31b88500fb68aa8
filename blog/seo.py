"""What search engines and sharing services read about a post: JSON-LD, share URLs."""

from urllib.parse import quote, urlencode

from django.templatetags.static import static
from django.utils.translation import gettext

from core.models import SiteSettings
from core.site_address import absolute, base_url

OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"


def og_image(post):
    """The hero image as a 1200×630 JPEG rendition for Open Graph, or None."""
    if not post.hero_image:
        return None
    return post.hero_image.get_rendition(OG_IMAGE_SPEC)


def author_url(person, index) -> str:
    """Where a byline points: the public profile, else the author's posts on ``index``."""
    return person.profile_url or index.route_url("author", (person.slug,))


def blogposting_jsonld(post, request, index, authors, image_url: str = "") -> dict:
    """schema.org ``BlogPosting`` with author ``Person``s and publisher ``Organization``."""
    url = post.get_full_url(request)
    site_settings = SiteSettings.for_request(request)
    home_url = base_url() + "/"
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": post.title[:110],
        "description": post.teaser or post.search_description or post.subtitle,
        "datePublished": post.date.isoformat(),
        "dateModified": max(filter(None, [post.date, post.last_published_at])).isoformat(),
        "inLanguage": post.language,
        "author": [
            {
                "@type": "Person",
                "name": person.name,
                **({"jobTitle": person.job_title} if person.job_title else {}),
                "url": absolute(author_url(person, index)),
            }
            for person in authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": site_settings.organisation_name,
            "url": home_url,
            "logo": {
                "@type": "ImageObject",
                "url": absolute(static("img/favicon.svg")),
            },
        },
        "wordCount": post.word_count,
    }
    if image_url:
        data["image"] = [image_url]
    keywords = [tag.name for tag in post.tags.all()]
    if keywords:
        data["keywords"] = keywords
    sections = [category.name for category in post.categories.all()]
    if sections:
        data["articleSection"] = sections
    return data


def share_links(post, request) -> list[dict]:
    """Plain share URLs: no third-party script runs until a reader follows one."""
    url = post.get_full_url(request)
    title = post.title
    text = f"{title} {url}"
    return [
        {
            "name": gettext("Email"),
            "url": "mailto:?"
            + urlencode({"subject": title, "body": f"{title}\n\n{url}"}, quote_via=quote),
        },
        {
            "name": "LinkedIn",
            "url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        },
        {
            "name": "Bluesky",
            "url": "https://bsky.app/intent/compose?" + urlencode({"text": text}),
        },
        {"name": "WhatsApp", "url": "https://wa.me/?" + urlencode({"text": text})},
    ]
