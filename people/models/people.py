"""People and departments: the faces behind posts and staff comments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from core.avatars import initials_for

from .team_address import public_team_url, team_pages

# Far deeper than any real org chart; stops a cycle check on corrupt data.
MAX_HIERARCHY_DEPTH = 50


class Department(RevisionMixin, index.Indexed, models.Model):
    """An organisational unit; posts can target it and people belong to it."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("position"),
        default=100,
        help_text=_("Lower numbers come first on the team page and in the directory."),
    )
    head = models.ForeignKey(
        "people.Person",
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    """Who may be shown where: published profiles, and of those the public ones."""

    def published(self):
        """People whose profile has been published (not only drafted) in the admin."""
        return self.filter(live=True)

    def public(self):
        """People an anonymous reader may see: published public profiles."""
        return self.published().filter(visibility=Person.Visibility.PUBLIC)


class Person(
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A member of staff as readers meet them.

    Decoupled from ``User`` on purpose: a post keeps its author credit after
    the account is deactivated or deleted. Fields marked internal never
    appear on public pages (see ``PUBLIC_FIELDS``).

    Profiles have drafts and a review workflow: when employees edit their own
    profile (``/intern/profil/``), the change is saved as a revision and an
    editor approves it in the Wagtail admin before readers see it; the
    admin's preview shows the revision as the public profile page.
    """

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public profile")
        INTERNAL = "internal", _("Internal only")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, blank=True)
    photo = models.ForeignKey(
        "core.CustomImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square portraits work best; set the focal point on the face."),
    )
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    short_bio = models.TextField(_("short bio"), max_length=400, blank=True)
    bio = RichTextField(_("longer bio"), blank=True, features=["bold", "italic", "link", "ul"])
    expertise = models.CharField(
        _("areas of expertise"),
        max_length=300,
        blank=True,
        help_text=_("Comma-separated, e.g. “Logistik, Nachhaltigkeit”."),
    )
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    website_url = models.URLField(_("personal website"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="direct_reports",
    )
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
        db_index=True,
    )
    # Internal-only contact details.
    phone = models.CharField(_("phone (internal)"), max_length=50, blank=True)
    internal_email = models.EmailField(_("email (internal)"), blank=True)
    location = models.CharField(_("location (internal)"), max_length=150, blank=True)

    objects = PersonQuerySet.as_manager()

    # Whole words (SearchField) for the site search and the admin; word
    # beginnings (AutocompleteField) for the staff directory, which finds
    # "Wärmepumpen" from "Wärme". The filter fields are what the directory and
    # the site search narrow the index by: published, public, department,
    # leavers (inactive accounts), ordered by name.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("job_title"),
        index.AutocompleteField("job_title"),
        index.SearchField("expertise"),
        index.AutocompleteField("expertise"),
        index.SearchField("short_bio"),
        index.SearchField("location"),
        index.AutocompleteField("location"),
        index.RelatedFields(
            "department", [index.SearchField("name"), index.AutocompleteField("name")]
        ),
        index.RelatedFields("user", [index.FilterField("is_active")]),
        index.FilterField("name"),
        index.FilterField("visibility"),
        index.FilterField("department_id"),
        index.FilterField("live"),
    ]

    # What a public page may show; everything else is internal.
    PUBLIC_FIELDS = (
        "name",
        "slug",
        "photo",
        "job_title",
        "department",
        "short_bio",
        "bio",
        "expertise",
        "linkedin_url",
        "mastodon_url",
        "website_url",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str | None:
        """``profile_url`` in Django's convention (None without a public profile)."""
        return self.profile_url or None

    @property
    def profile_url(self) -> str:
        """The public profile (``/menschen/<slug>/``), or "" when there is none.

        "" for internal-only or unpublished profiles, and while no team page
        is public, so the team page, bylines and comments only ever link to a
        page an anonymous reader can open. Every link to a public profile is
        this one property; the team page's URL is cached.
        """
        if not self.is_public:
            return ""
        base = public_team_url()
        # The shape of TeamPage's "person" route (people.models.team).
        return f"{base}{self.slug}/" if base else ""

    def get_preview_template(self, request, mode_name, **kwargs):
        return "people/person_page.html"

    def get_preview_context(self, request, mode_name, **kwargs):
        """The public profile page as it would look with this (unsaved) version."""
        context = super().get_preview_context(request, mode_name, **kwargs)
        team_page = team_pages().first()
        if team_page is not None:
            context.update(team_page.person_context(request, self))
        context.update(page=team_page, person=self)
        return context

    def clean(self):
        super().clean()
        if self.reports_to_id and self._reporting_loop():
            raise ValidationError(
                {"reports_to": _("A person cannot report to themselves, directly or indirectly.")}
            )

    def _reporting_loop(self) -> bool:
        """Whether following ``reports_to`` upwards leads back to this person."""
        if self.pk is None:
            return False
        seen, manager_id = set(), self.reports_to_id
        while manager_id and len(seen) < MAX_HIERARCHY_DEPTH:
            if manager_id == self.pk or manager_id in seen:
                return True
            seen.add(manager_id)
            manager_id = (
                Person.objects.filter(pk=manager_id).values_list("reports_to_id", flat=True).first()
            )
        return False

    def _unique_slug(self) -> str:
        base = slugify(self.name) or "person"
        slug, counter = base, 2
        while Person.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, counter = f"{base}-{counter}", counter + 1
        return slug

    @property
    def is_public(self) -> bool:
        """Whether anonymous readers may see this profile (public and published)."""
        return self.visibility == self.Visibility.PUBLIC and self.live

    @property
    def initials(self) -> str:
        return initials_for(self.name)

    def expertise_list(self) -> list[str]:
        return [item.strip() for item in self.expertise.split(",") if item.strip()]

    def public_links(self) -> list[tuple[str, str]]:
        """(label, URL) of the links a public profile shows, in a fixed order."""
        links = [
            ("LinkedIn", self.linkedin_url),
            ("Mastodon", self.mastodon_url),
            (_("Website"), self.website_url),
        ]
        return [(str(label), url) for label, url in links if url]

    def get_directory_url(self) -> str:
        """This person's page in the internal staff directory (employees only)."""
        return reverse("people:directory_profile", args=[self.slug])


class Authorship(Orderable):
    """Abstract link from a post to one of its authors, in order.

    Blog and internal posts subclass it with a ``ParentalKey`` to their page,
    so the author relation is defined once. ``PROTECT``: a person who wrote
    posts cannot be deleted by accident; deactivating their user account
    leaves the credit intact.
    """

    person = models.ForeignKey(
        Person,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="%(app_label)s_authorships",
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        abstract = True
