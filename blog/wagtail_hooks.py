"""Admin for blog categories (a snippet viewset, not a decorator on the model)."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from blog.models import BlogCategory


class BlogCategoryViewSet(SnippetViewSet):
    """Editors curate the few categories; slugs become /blog/category/<slug>/."""

    model = BlogCategory
    icon = "folder-open-inverse"
    menu_label = _("Blog categories")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]


register_snippet(BlogCategoryViewSet)
