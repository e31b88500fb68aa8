"""StreamField blocks shared by public and internal posts.

Each block renders with its own template under ``templates/blocks/``.
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 keeps the document outline valid."""

    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(label=_("level"), choices=[("h2", "H2"), ("h3", "H3")], default="h2")

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading_block.html"


class ImageBlock(blocks.StructBlock):
    """An image with caption; the credit comes from the image itself."""

    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A pull quote with the person who said it."""

    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"


class KeyPointsBlock(blocks.StructBlock):
    """Numbered theses or key points: the argument of a post at a glance."""

    title = blocks.CharBlock(
        label=_("title"), required=False, max_length=200, help_text=_("e.g. “Five theses”")
    )
    points = blocks.ListBlock(
        blocks.TextBlock(label=_("point"), max_length=600), label=_("points"), min_num=1
    )

    class Meta:
        icon = "list-ol"
        label = _("Key points")
        template = "blocks/key_points_block.html"


# --- Video embeds: click to load ---------------------------------------------


@dataclass(frozen=True)
class Video:
    """Where a video lives: the reader's link and the player loaded on click."""

    provider: str
    watch_url: str
    player_url: str
    origin: str


_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")
_VIMEO_ID = re.compile(r"^\d{4,12}$")
YOUTUBE_PLAYER_ORIGIN = "https://www.youtube-nocookie.com"
VIMEO_PLAYER_ORIGIN = "https://player.vimeo.com"


def _youtube_id(host: str, path: str, query: str) -> str | None:
    parts = [part for part in path.split("/") if part]
    if host == "youtu.be" and parts:
        return parts[0]
    if host in {"youtube.com", "m.youtube.com", "youtube-nocookie.com"}:
        if parts == ["watch"]:
            return (parse_qs(query).get("v") or [None])[0]
        if len(parts) >= 2 and parts[0] in {"embed", "shorts", "live"}:
            return parts[1]
    return None


def parse_video_url(url: str) -> Video | None:
    """The YouTube or Vimeo video behind ``url``, or None for anything else.

    Only these two hosts are supported because only their privacy-friendly
    players (youtube-nocookie, Vimeo with ``dnt=1``) are allowed in frames.
    """
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.")
    video_id = _youtube_id(host, parts.path, parts.query)
    if video_id and _YOUTUBE_ID.match(video_id):
        return Video(
            provider="YouTube",
            watch_url=f"https://www.youtube.com/watch?v={video_id}",
            player_url=f"{YOUTUBE_PLAYER_ORIGIN}/embed/{video_id}?autoplay=1&rel=0",
            origin=YOUTUBE_PLAYER_ORIGIN,
        )
    if host == "vimeo.com":
        video_id = next((part for part in parts.path.split("/") if part), "")
        if _VIMEO_ID.match(video_id):
            return Video(
                provider="Vimeo",
                watch_url=f"https://vimeo.com/{video_id}",
                player_url=f"{VIMEO_PLAYER_ORIGIN}/video/{video_id}?dnt=1&autoplay=1",
                origin=VIMEO_PLAYER_ORIGIN,
            )
    return None


class VideoURLBlock(blocks.URLBlock):
    """A YouTube or Vimeo address; anything else is refused in the editor."""

    def clean(self, value):
        value = super().clean(value)
        if value and parse_video_url(value) is None:
            raise ValidationError(_("Only YouTube and Vimeo video addresses are supported."))
        return value


class VideoEmbedBlock(blocks.StructBlock):
    """A video behind a click-to-load placeholder.

    Nothing from the video host is loaded until the reader clicks: the page
    carries only a link and a locally served preview image. ``static/js/embed.js``
    turns the link into a button that inserts the privacy-friendly player;
    without JavaScript the link simply opens the video on its host.
    """

    url = VideoURLBlock(label=_("video URL"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("title"), max_length=200)
    poster = ImageChooserBlock(
        label=_("preview image"),
        required=False,
        help_text=_("Served from our site; never fetched from the video host."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_embed_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["video"] = parse_video_url(value.get("url"))
        context["privacy_page"] = _privacy_page(parent_context)
        return context


def _privacy_page(parent_context):
    """The privacy notice from site settings, if the template context has them."""
    site_settings = (parent_context or {}).get("settings")
    try:
        return site_settings.core.SiteSettings.privacy_page
    except AttributeError:
        return None


def video_origins(body) -> set[str]:
    """Player origins a post's body may frame once a reader clicks "play"."""
    origins = set()
    for child in body or []:
        if child.block_type == "video":
            video = parse_video_url(child.value.get("url"))
            if video:
                origins.add(video.origin)
    return origins


def allow_video_frames(response, body):
    """Let this one response frame the video players its body embeds.

    The strict site policy (``frame-src 'self'``) stays everywhere else;
    a post with a YouTube video adds only youtube-nocookie.com, and only
    after the click does the browser actually load anything from there.
    """
    origins = video_origins(body)
    if origins:
        policy = dict(getattr(response, "_csp_config", None) or settings.SECURE_CSP)
        policy["frame-src"] = [*policy.get("frame-src", []), *sorted(origins)]
        response._csp_config = policy
    return response


# --- Call to action and tables -------------------------------------------------


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box that asks the reader to do one thing."""

    heading = blocks.CharBlock(label=_("heading"), max_length=150)
    text = blocks.TextBlock(label=_("text"), required=False, max_length=600)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)
    page = blocks.PageChooserBlock(label=_("link to page"), required=False)
    url = blocks.URLBlock(label=_("or external link"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter a link (one)."))}
            )
        return value


class TableBlock(WagtailTableBlock):
    """A data table with caption and header cells, scrollable on small screens."""

    class Meta:
        icon = "table"
        label = _("Table")
        template = "blocks/table_block.html"


class PostBodyBlock(blocks.StreamBlock):
    """The body of every post, public or internal."""

    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        template="blocks/paragraph_block.html",
    )
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    key_points = KeyPointsBlock()
    video = VideoEmbedBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock()
    # Named by string: core never imports the polls app. Whether a reader may
    # see the poll is the poll's own rule (polls.access), checked when rendering.
    poll = SnippetChooserBlock(
        "polls.Poll", label=_("Poll"), icon="list-ul", template="polls/blocks/poll.html"
    )

    def get_searchable_content(self, value):
        """What the search index reads: rich text with its line and block breaks as spaces.

        Wagtail's own extraction keeps ``<br>`` (without a slash) and some
        block ends glued to the next word.
        """
        content = []
        for child in value:
            if isinstance(child.block, blocks.RichTextBlock):
                content.append(readable_text(child.value.source))
            else:
                content.extend(child.block.get_searchable_content(child.value))
        return content

    class Meta:
        block_counts = {}


# --- Text of a body: reading time and search excerpts -------------------------

WORDS_PER_MINUTE = 200
_WORD = re.compile(r"\w+")


# Ends of block elements and line breaks: where the eye sees a gap, but
# strip_tags leaves none ("GmbH<br>Am Deich" would read "GmbHAm Deich").
_TEXT_BREAK = re.compile(
    r"<(?:br|hr)\b[^>]*>|</(?:p|h[1-6]|li|blockquote|div|td|th|tr|dt|dd|figcaption)\s*>",
    re.IGNORECASE,
)


def readable_text(markup: str) -> str:
    """The text of an HTML fragment, with a space wherever a block or line ends."""
    return html.unescape(strip_tags(_TEXT_BREAK.sub(lambda match: match.group(0) + " ", markup)))


def body_text(body) -> str:
    """The readable text of a StreamField body, as the search index sees it."""
    if not body:
        return ""
    return " ".join(
        text for text in body.stream_block.get_searchable_content(body) if isinstance(text, str)
    )


def word_count(body, *extra: str) -> int:
    """Words in ``body`` and ``extra`` text, read from the stored JSON (no queries)."""
    return len(_WORD.findall(" ".join([raw_body_text(body), *extra])))


def reading_minutes(words: int) -> int:
    """Minutes an average reader needs for ``words`` words; at least one."""
    return max(1, round(words / WORDS_PER_MINUTE))


def raw_body_text(body) -> str:
    """The text of a body read from its stored JSON, without touching the database.

    ``body_text`` converts every block, which loads chosen images and pages;
    listings and search excerpts use this instead so they stay one query.
    Chooser values are ids (ints) and links are URLs, so both are skipped.
    """
    if not body:
        return ""
    texts: list[str] = []

    def collect(value):
        if isinstance(value, str):
            if not value.startswith(("http://", "https://", "mailto:")):
                texts.append(readable_text(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in {"type", "id", "level", "className"}:
                    collect(item)
        elif isinstance(value, list | tuple):
            for item in value:
                collect(item)

    collect([block.get("value") for block in body.raw_data])
    return " ".join(text.strip() for text in texts if text.strip())
