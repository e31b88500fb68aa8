"""Admin for people and departments: snippet viewsets with search, filters and history.

Editors find profile changes that employees submitted under "Awaiting your
review" on the dashboard (the review workflow, see ``people.review``), or
filter the people listing by "live + draft" status.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .forms import PersonAdminForm
from .models import Department, Person
from .search import search_people


class PersonViewSet(SnippetViewSet):
    """Profiles: public fields, internal contact details and the account link on tabs.

    The listing's search box uses ``Person.search_fields`` (name, role,
    expertise, bio, location, department).
    """

    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "job_title", "department", "visibility", UpdatedAtColumn()]
    list_filter = ["department", "visibility", "live", "has_unpublished_changes"]
    list_export = ["name", "job_title", "department", "visibility", "location", "internal_email"]
    ordering = ["name"]
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    TitleFieldPanel("name", targets=["slug"]),
                    FieldPanel("slug"),
                    FieldRowPanel([FieldPanel("job_title"), FieldPanel("department")]),
                    FieldPanel("photo"),
                    FieldPanel("short_bio"),
                    FieldPanel("bio"),
                    FieldPanel("expertise"),
                    MultiFieldPanel(
                        [
                            FieldPanel("linkedin_url"),
                            FieldPanel("mastodon_url"),
                            FieldPanel("website_url"),
                        ],
                        heading=_("Public links"),
                    ),
                ],
                heading=_("Profile"),
            ),
            ObjectList(
                [
                    FieldPanel(
                        "visibility",
                        help_text=_(
                            "Internal-only people have no public page and appear only "
                            "in the staff directory."
                        ),
                    ),
                    FieldPanel("reports_to"),
                    FieldRowPanel([FieldPanel("phone"), FieldPanel("internal_email")]),
                    FieldPanel("location"),
                    FieldPanel(
                        "user",
                        help_text=_("Lets this person edit their own profile at /intern/profil/."),
                    ),
                ],
                heading=_("Internal"),
            ),
        ],
        # Fields the company's identity provider keeps are read-only (people.forms).
        base_form_class=PersonAdminForm,
    )


class DepartmentViewSet(SnippetViewSet):
    """Departments: order on the team page and who leads them."""

    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "head", "sort_order", UpdatedAtColumn()]
    ordering = ["sort_order", "name"]
    copy_view_enabled = False
    panels = [
        TitleFieldPanel("name", targets=["slug"]),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("head"),
        FieldPanel("sort_order"),
    ]


class PeopleViewSetGroup(SnippetViewSetGroup):
    """One "People" menu for profiles and departments."""

    items = (PersonViewSet, DepartmentViewSet)
    menu_icon = "group"
    menu_label = _("People")
    menu_name = "people"
    menu_order = 250


register_snippet(PeopleViewSetGroup)


@hooks.register("site_search_people")
def site_search_people(terms, user):
    """Public profiles for the site search (``core.search``)."""
    return search_people(terms, user)
