"""The internal blog's pages: a restricted index and posts with audiences and must-reads."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from modelcluster.fields import ParentalKey, ParentalManyToManyField

from core.admin_forms import AuthoredPageForm
from core.blocks import allow_video_frames
from core.middleware import mark_private
from core.models.posts import PostPage
from core.models.sections import BilingualSection
from core.page_rights import BoundaryPagePermissionTester
from core.reserved_slugs import slugs_taken_by_django
from core.visibility import is_employee, visible_children
from people.models import Authorship, Person

from ..audience import is_editor, may_read
from ..listing import internal_home_context
from .acknowledgements import Acknowledgement

# Where the internal section lives: Django routes below it (internal's and
# people's) win over Wagtail pages, so no internal post may take their slugs.
SECTION_PATH = "/intern/"


def location_choices() -> list[tuple[str, str]]:
    """Locations colleagues work at (from their profiles), for audience targeting."""
    locations = (
        Person.objects.exclude(location="")
        .order_by("location")
        .values_list("location", flat=True)
        .distinct()
    )
    return [(location, location) for location in locations]


class LocationSelect(forms.Select):
    """A choice of the locations in people's profiles, read when the form is shown.

    (Not model-level choices: those would be queried at start-up and validate
    old posts against today's list.)
    """

    def get_context(self, name, value, attrs):
        known = location_choices()
        if value and value not in dict(known):
            known.append((value, value))
        self.choices = [("", "---------"), *known]
        return super().get_context(name, value, attrs)


class InternalIndexPage(BilingualSection, Page):
    """The internal home (``/intern/``): readable by the Employees group only.

    Creating it applies a view restriction for the Employees group (see
    ``internal.signals``); the restriction is restored if someone removes it.
    The home lists must-reads awaiting the reader, pinned posts, posts
    targeted at the reader's department or location, then everything else.
    """

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro"), *BilingualSection.english_panels]
    parent_page_types = ["core.HomePage"]
    subpage_types = ["internal.InternalPostPage"]
    max_count = 1
    template = "internal/internal_index_page.html"

    class Meta:
        verbose_name = _("internal home")

    def posts(self, user):
        """Posts of this section ``user`` may read (confidential rules included)."""
        return visible_children(InternalPostPage.objects.child_of(self), self.path, user)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(internal_home_context(self, request))
        return context

    def route(self, request, path_components):
        if path_components and not is_employee(request.user):
            # Answer every address below /intern/ alike for outsiders (login or
            # 404), so nobody can probe which internal posts exist.
            return RouteResult(self)
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        mark_private(request)
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        # Never in the sitemap, whoever asks.
        return []


class InternalPostAuthor(Authorship):
    """One author of an internal post, in the order the editor chose."""

    page = ParentalKey(
        "internal.InternalPostPage", related_name="authors", on_delete=models.CASCADE
    )


class InternalPostLocation(Orderable):
    """A location an internal post is meant for (matched against people's location)."""

    page = ParentalKey(
        "internal.InternalPostPage", related_name="audience_locations", on_delete=models.CASCADE
    )
    location = models.CharField(_("location"), max_length=150)

    panels = [FieldPanel("location", widget=LocationSelect)]

    class Meta(Orderable.Meta):
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.location


class InternalPostAttachment(Orderable):
    """A document attached to an internal post; it must live in a private collection."""

    page = ParentalKey(
        "internal.InternalPostPage", related_name="attachments", on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class InternalPostForm(AuthoredPageForm):
    """The editor's form, with "ask everyone to confirm again" for changed must-reads."""

    request_reacknowledgement = forms.BooleanField(
        label=_("Ask everyone to confirm again"),
        required=False,
        help_text=_(
            "Tick when you changed the content of a must-read: earlier confirmations "
            "stop counting once this version is published."
        ),
    )

    def save(self, commit=True):
        page = super().save(commit=False)
        if self.cleaned_data.get("request_reacknowledgement") and page.pk and page.must_read:
            page.acknowledgement_version += 1
        if commit:
            page.save()
        return page


class InternalPostPage(PostPage):
    """A post for employees: an audience, optional confidentiality, pinning and must-read.

    Audience: no departments and no locations means all staff; otherwise a
    colleague is in the audience when their department *or* their location
    is chosen. Everyone on staff may still read a targeted post, unless it
    is ``confidential``: then only its audience and its authors may, on the
    site and in the admin, editors included (``internal.audience``).
    ``acknowledgement_version`` counts the versions readers had to confirm;
    confirmations of older versions no longer count.
    """

    audience_departments = ParentalManyToManyField(
        "people.Department",
        verbose_name=_("departments"),
        blank=True,
        related_name="internal_posts",
        help_text=_("Leave departments and locations empty to address all staff."),
    )
    confidential = models.BooleanField(
        _("confidential to its audience"),
        default=False,
        help_text=_(
            "Only the chosen departments and locations and the authors may see it, "
            "on the site and in the admin (editors too)."
        ),
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Shown at the top of the internal home.")
    )
    must_read = models.BooleanField(
        _("must-read"),
        default=False,
        help_text=_("Readers are asked to confirm with “Read and understood”."),
    )
    acknowledgement_version = models.PositiveIntegerField(_("version to confirm"), default=1)

    teaser_relations = ("audience_departments", "audience_locations")
    page_relations = ("attachments__document",)

    base_form_class = InternalPostForm
    parent_page_types = ["internal.InternalIndexPage"]
    subpage_types: list[str] = []
    template = "internal/internal_post_page.html"

    content_panels = [
        *PostPage.content_panels[:2],
        InlinePanel("authors", label=_("Authors"), min_num=1),
        *PostPage.content_panels[2:],
        InlinePanel("attachments", label=_("Attachments")),
        MultiFieldPanel(
            [
                FieldPanel("audience_departments", widget=forms.CheckboxSelectMultiple),
                InlinePanel("audience_locations", label=_("Locations")),
                FieldPanel("confidential"),
            ],
            _("Audience"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("pinned"),
                FieldPanel("must_read"),
                FieldPanel("request_reacknowledgement"),
            ],
            _("Importance"),
        ),
    ]
    search_fields = [
        *PostPage.search_fields,
        index.RelatedFields(
            "authors", [index.RelatedFields("person", [index.SearchField("name")])]
        ),
        index.FilterField("pinned"),
        index.FilterField("must_read"),
    ]

    class Meta:
        verbose_name = _("internal post")
        verbose_name_plural = _("internal posts")
        # Granted by default to nobody (superusers have it implicitly): see
        # "Roles and permissions" in the README and core.roles.
        permissions = [
            ("read_all_confidential", "Can read every confidential post and its comments"),
        ]

    def permissions_for_user(self, user):
        # No right on a confidential post outside the user's boundary, even with
        # rights on the section: "unpublish with subpages" asks each post.
        return BoundaryPagePermissionTester(user, self)

    def clean(self):
        super().clean()
        if self.slug in slugs_taken_by_django(SECTION_PATH):
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is used by the internal area itself; choose another.")
                    % {"slug": self.slug}
                }
            )
        public = [
            attachment.document.title
            for attachment in self.attachments.all()
            if attachment.document_id and not attachment.document.collection.get_view_restrictions()
        ]
        if public:
            raise ValidationError(
                _(
                    "Attachments of internal posts must be in a private collection "
                    "(e.g. “Intern”). Not private: %(titles)s."
                )
                % {"titles": ", ".join(public)}
            )

    # --- Audience -------------------------------------------------------------

    @property
    def is_targeted(self) -> bool:
        """Whether the post addresses chosen departments or locations (not all staff)."""
        return bool(self.audience_departments.all() or self.audience_locations.all())

    def audience_labels(self) -> list[str]:
        """Department names and locations, for "For: …" (empty list: all staff)."""
        return [department.name for department in self.audience_departments.all()] + [
            entry.location for entry in self.audience_locations.all()
        ]

    @cached_property
    def internal_index(self):
        """The internal home above this post (None for an unsaved preview)."""
        if not self.path:
            return None
        parent = self.get_parent()
        return parent.specific if parent else None

    # --- Serving --------------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        """Everything the post page shows: ``PostPage``'s authors and neighbours,
        then the audience, attachments and the reader's must-read confirmation."""
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        context.update(
            internal_index=self.internal_index,
            audience=self.audience_labels(),
            confirmation=self.confirmation_by(user),
            reader_is_editor=is_editor(user),
            attachments=[entry.document for entry in self.attachments.all() if entry.document_id],
        )
        return context

    def confirmation_by(self, user) -> Acknowledgement | None:
        """``user``'s confirmation of the current version of this must-read, if any."""
        if not (self.must_read and user.is_authenticated and self.pk):
            return None
        return Acknowledgement.objects.filter(
            post_id=self.pk, user=user, version=self.acknowledgement_version
        ).first()

    def serve(self, request, *args, **kwargs):
        mark_private(request)
        # The section's view restriction already keeps out non-employees;
        # this also applies the confidential rule and survives a lost restriction.
        if not may_read(request.user, self):
            raise Http404
        return allow_video_frames(super().serve(request, *args, **kwargs), self.body)

    def get_sitemap_urls(self, request=None):
        return []
