"""Factories of the public blog: its index, categories and posts."""

import factory

from blog.builders import build_blog_post
from blog.models import BlogCategory, BlogIndexPage, BlogPostPage

from .core import PostFactory, PublishedPageFactory


class BlogIndexPageFactory(PublishedPageFactory):
    class Meta:
        model = BlogIndexPage

    title = "Blog"
    slug = "blog"
    intro = "Aus dem Norden"


class BlogCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlogCategory

    name = factory.Sequence(lambda n: f"Kategorie {n}")
    slug = factory.Sequence(lambda n: f"kategorie-{n}")


class BlogPostFactory(PostFactory):
    """A public post; ``categories`` and ``tags`` too (see ``build_blog_post``)."""

    class Meta:
        model = BlogPostPage

    _builder = staticmethod(build_blog_post)
