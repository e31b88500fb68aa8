"""Blog models: taxonomy snippets, the post page and the index with its filters."""

from .index import BlogIndexPage
from .posts import BlogPostAuthor, BlogPostPage
from .taxonomy import BlogCategory, BlogPostTag

__all__ = ["BlogCategory", "BlogIndexPage", "BlogPostAuthor", "BlogPostPage", "BlogPostTag"]
