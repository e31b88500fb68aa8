"""Body blocks of a post: theses, video behind a click, call to action, table."""

import re

from wagtail.blocks import StructBlockValidationError

import pytest

from blog.models import BlogPostPage
from core.blocks import CallToActionBlock, parse_video_url, raw_body_text

pytestmark = pytest.mark.django_db

VIDEO = {
    "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
    "title": "Unser Pilot",
    "caption": "",
}


@pytest.mark.parametrize(
    ("url", "provider", "player"),
    [
        (
            "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
            "YouTube",
            "youtube-nocookie.com/embed/aqz-KE-bpKQ",
        ),
        ("https://youtu.be/aqz-KE-bpKQ", "YouTube", "youtube-nocookie.com/embed/aqz-KE-bpKQ"),
        ("https://www.youtube.com/shorts/aqz-KE-bpKQ", "YouTube", "/embed/aqz-KE-bpKQ"),
        ("https://vimeo.com/76979871", "Vimeo", "player.vimeo.com/video/76979871?dnt=1"),
    ],
)
def test_supported_video_addresses(url, provider, player):
    video = parse_video_url(url)
    assert video.provider == provider
    assert player in video.player_url


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/watch?v=abc",
        "javascript:alert(1)",
        "",
        "https://vimeo.com/abc",
        "nonsense",
    ],
)
def test_other_addresses_are_refused(url):
    assert parse_video_url(url) is None


def test_video_loads_nothing_from_the_host_until_clicked(client, make_post):
    post = make_post("Video", body=[("video", VIDEO)])
    response = client.get(post.url)
    html = response.content.decode()
    figure = html[html.index('<figure class="block-video"') :]
    figure = figure[: figure.index("</figure>")]
    # Without JavaScript: a plain link to the video on its host.
    assert 'href="https://www.youtube.com/watch?v=aqz-KE-bpKQ"' in figure
    # The player address is data for embed.js, never a src the browser loads.
    assert 'data-video-player="https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ' in figure
    assert "<iframe" not in html
    assert not re.search(r'\s(?:src|srcset)="https?://', html)
    assert '<script src="/static/js/embed.js" defer></script>' in html
    # Only this page may frame the privacy-friendly player, and only it.
    policy = response["Content-Security-Policy"]
    assert "frame-src 'self' https://www.youtube-nocookie.com;" in policy
    assert "script-src 'self';" in policy


def test_posts_without_video_keep_the_strict_frame_policy(client, make_post):
    post = make_post("Ohne Video")
    assert "frame-src 'self';" in client.get(post.url)["Content-Security-Policy"]


def test_key_points_cta_and_table_render_accessibly(client, make_post, blog_index):
    post = make_post(
        "Blöcke",
        body=[
            ("key_points", {"title": "Drei Thesen", "points": ["Eins", "Zwei", "Drei"]}),
            (
                "call_to_action",
                {
                    "heading": "Mitmachen",
                    "text": "Schreiben Sie uns.",
                    "button_label": "Zum Blog",
                    "page": blog_index,
                    "url": "",
                },
            ),
            (
                "table",
                {
                    "data": [["Jahr", "Anlagen"], ["2024", "12"], ["2025", "19"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Installierte Anlagen",
                },
            ),
        ],
    )
    html = client.get(post.url).content.decode()
    assert re.search(r"<ol><li>Eins</li><li>Zwei</li><li>Drei</li></ol>", html)
    assert '<a class="button" href="/blog/">Zum Blog</a>' in html
    assert "<caption>Installierte Anlagen</caption>" in html
    assert '<th scope="col"' in html and "<td" in html
    assert 'role="region" tabindex="0" aria-label="Installierte Anlagen"' in html


def test_call_to_action_needs_exactly_one_target():
    block = CallToActionBlock()
    value = {"heading": "H", "text": "", "button_label": "Los", "page": None, "url": ""}
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python(value))


def test_body_text_is_read_without_queries(make_post, django_assert_num_queries):
    post = make_post(
        "Text",
        body=[
            ("paragraph", "<p>Wärme &amp; Strom</p>"),
            ("key_points", {"title": "Thesen", "points": ["Eins"]}),
            ("video", VIDEO),
        ],
    )

    fresh = BlogPostPage.objects.get(pk=post.pk)
    with django_assert_num_queries(0):
        text = raw_body_text(fresh.body)
        minutes = fresh.reading_minutes
    assert "Wärme & Strom" in text and "Thesen" in text and "Eins" in text
    assert "https://" not in text
    assert minutes == 1
