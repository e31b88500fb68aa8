"""Template tags for comment threads and counts: they render what the page loaded.

Not named ``comments``: django_comments owns that tag library name.
"""

from django import template

from ..section import CONTEXT_NAME, comment_section
from ..text import render_comment_text
from ..threads import comment_count as count_comments

register = template.Library()


@register.inclusion_tag("stimme_comments/thread.html", takes_context=True)
def comment_thread(context, post):
    """The comment section under a post: official answers, thread, form.

    Renders what the page's ``get_context`` loaded with
    ``comments.section.comment_section`` (under ``comment_section``); a page
    that did not load it gets it loaded here, by the same function.
    """
    section = context.get(CONTEXT_NAME)
    if section is None or _post_of(section) != _key(post):
        section = comment_section(context.get("request"), post)
    return {
        **section,
        "csrf_token": context.get("csrf_token"),
        "csp_nonce": context.get("csp_nonce"),
    }


def _key(post):
    return None if post is None else (type(post), post.pk)


def _post_of(section):
    return _key(section.get("post"))


@register.simple_tag
def comment_count(post) -> int:
    """Visible comments on ``post``; in listings call ``with_comment_counts`` first."""
    if post is None:
        return 0
    return count_comments(post)


@register.filter
def comment_text(text) -> str:
    """A comment's plain text as safe HTML: paragraphs and nofollow links only."""
    return render_comment_text(text)
