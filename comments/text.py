"""Comment text as readers see it: plain paragraphs, links made clickable, no HTML.

Nothing a commenter types is ever interpreted as markup: every character is
escaped, and only ``http(s)://`` and ``www.`` addresses become links, with
``rel="nofollow ugc noopener"``. ``javascript:`` or markdown links stay text.
"""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"'`]+")
_TRAILING = ".,;:!?)]}'\""
_PARAGRAPHS = re.compile(r"\n\s*\n")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    """Unix newlines, no control characters, trimmed: the form of text we store."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


def count_links(text: str) -> int:
    """How many addresses the text contains (many links suggest spam)."""
    return len(_URL.findall(text or ""))


def _link(url: str) -> str:
    # Trailing punctuation belongs to the sentence, not the address.
    trailing = ""
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        trailing = url[-1] + trailing
        url = url[:-1]
    href = url if url.lower().startswith("http") else "https://" + url
    return format_html('<a href="{}" rel="nofollow ugc noopener">{}</a>', href, url) + escape(
        trailing
    )


def _linkify(line: str) -> str:
    parts, last = [], 0
    for match in _URL.finditer(line):
        parts.append(escape(line[last : match.start()]))
        parts.append(_link(match.group(0)))
        last = match.end()
    parts.append(escape(line[last:]))
    return "".join(parts)


def render_comment_text(text: str) -> str:
    """Safe HTML: ``<p>`` per paragraph, ``<br>`` per line, links clickable."""
    paragraphs = [p for p in _PARAGRAPHS.split(normalise(text)) if p.strip()]
    html = "".join(
        "<p>" + "<br>".join(_linkify(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every user-supplied piece is escaped above
