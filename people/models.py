"""People and departments: the faces behind posts and staff comments."""

from django.conf import settings
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index


class Department(index.Indexed, models.Model):
    """An organisational unit; posts can target it and people belong to it."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True)
    head = models.ForeignKey(
        "people.Person",
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class PersonQuerySet(models.QuerySet):
    def public(self):
        """People whose profile an anonymous reader may see."""
        return self.filter(visibility=Person.Visibility.PUBLIC)


class Person(RevisionMixin, index.Indexed, models.Model):
    """A member of staff as readers meet them.

    Decoupled from ``User`` on purpose: a post keeps its author credit after
    the account is deactivated or deleted. Fields marked internal never
    appear on public pages (see ``PUBLIC_FIELDS``).
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

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("job_title"),
        index.SearchField("expertise"),
        index.SearchField("short_bio"),
        index.FilterField("visibility"),
        index.FilterField("department_id"),
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

    def _unique_slug(self) -> str:
        base = slugify(self.name) or "person"
        slug, counter = base, 2
        while Person.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, counter = f"{base}-{counter}", counter + 1
        return slug

    @property
    def is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def initials(self) -> str:
        parts = [part for part in self.name.replace("-", " ").split() if part[:1].isalpha()]
        if not parts:
            return "?"
        if len(parts) == 1:
            return parts[0][:2].upper()
        return (parts[0][0] + parts[-1][0]).upper()

    def expertise_list(self) -> list[str]:
        return [item.strip() for item in self.expertise.split(",") if item.strip()]


class Authorship(Orderable):
    """Abstract link from a post to one of its authors, in order.

    Blog and internal posts subclass it with a ``ParentalKey`` to their page,
    so the author relation is defined once.
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
