"""Builder of internal posts, shared by the demo seeders and the test factories."""

from people.builders import add_authored_post

from .models import InternalPostAttachment, InternalPostLocation, InternalPostPage


def build_internal_post(
    index,
    *,
    title: str,
    authors=(),
    departments=(),
    locations=(),
    attachments=(),
    publish: bool = True,
    **fields,
) -> InternalPostPage:
    """An internal post under ``index`` for an audience of departments and locations.

    ``attachments`` are documents; ``publish=False`` leaves a draft.
    """
    post = InternalPostPage(title=title, **fields)
    post.audience_departments = list(departments)
    post.audience_locations = [InternalPostLocation(location=place) for place in locations]
    post.attachments = [InternalPostAttachment(document=document) for document in attachments]
    return add_authored_post(index, post, authors=authors, publish=publish)
