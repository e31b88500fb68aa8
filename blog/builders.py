"""Builder of public blog posts, shared by the demo seeders and the test factories."""

from people.builders import add_authored_post

from .models import BlogPostPage


def build_blog_post(
    index, *, title: str, authors=(), categories=(), tags=(), publish: bool = True, **fields
) -> BlogPostPage:
    """A blog post under ``index`` with its authors, categories and tags.

    Published at once unless ``publish`` is false (a draft) or ``go_live_at``
    lies ahead (scheduled).
    """
    post = BlogPostPage(title=title, live=publish and fields.get("go_live_at") is None, **fields)
    post.categories = list(categories)
    post.tags.set(list(tags))
    return add_authored_post(index, post, authors=authors, publish=publish)
