"""Links into a post's comment thread: which query parameters pick the comment page.

Below the models and the thread builder alike, so both can link to a comment
without importing each other.
"""

PAGE_PARAM = "comments_page"
COMMENT_PARAM = "comment"


def comment_link(post_url: str, comment_id: int, anchor: str | None = None) -> str:
    """A link to one comment that lands on the comment page holding it."""
    if anchor is None:
        anchor = f"#c{comment_id}"
    return f"{post_url}?{COMMENT_PARAM}={comment_id}{anchor}"
