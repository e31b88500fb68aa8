"""The public team page: everyone with a public profile, and one page per person."""

from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page

from core.models.sections import BilingualSection
from core.site_address import absolute

from ..posts import paginated_posts
from ..seo import person_jsonld
from .people import Department, Person

POSTS_PER_PAGE = 12


class TeamPage(BilingualSection, RoutablePageMixin, Page):
    """``/menschen/``: the faces of everyone with a public profile, by department.

    Sub-URLs: ``?department=<slug>`` filters the faces; ``<slug>/`` is a
    person's public profile with their public posts (every link to it is
    ``Person.profile_url``). Internal-only people and internal fields
    (phone, email, location, manager) never appear here.
    """

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro"), *BilingualSection.english_panels]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "people/team_page.html"

    class Meta:
        verbose_name = _("team page")

    # --- Who is shown ---------------------------------------------------------

    @staticmethod
    def public_people() -> models.QuerySet:
        """Published public profiles with what a face needs, in a fixed number of queries."""
        return (
            Person.objects.public()
            .select_related("department", "photo")
            .prefetch_related("photo__renditions")
            .order_by("name")
        )

    @staticmethod
    def group_by_department(people, departments) -> list[dict]:
        """``people`` in department order, each department's head first.

        People without a department come last, under ``department=None``.
        """
        members: dict[int | None, list] = {}
        for person in people:
            members.setdefault(person.department_id, []).append(person)
        groups = []
        for department in [*departments, None]:
            found = members.get(department.pk if department else None)
            if not found:
                continue
            head_id = department.head_id if department else None
            found.sort(key=lambda person: (person.pk != head_id, person.name))
            groups.append({"department": department, "people": found})
        return groups

    # --- Routes -----------------------------------------------------------------

    @path("", name="index")
    def index(self, request):
        """All public faces, or one department's with ``?department=<slug>``."""
        people = list(self.public_people())
        departments = list(Department.objects.order_by("sort_order", "name"))
        staffed = {person.department_id for person in people}
        departments = [department for department in departments if department.pk in staffed]
        selected = None
        slug = request.GET.get("department", "")
        if slug:
            selected = next((d for d in departments if d.slug == slug), None)
            if selected is None:
                raise Http404("no such department")
            people = [person for person in people if person.department_id == selected.pk]
        return self.render(
            request,
            context_overrides={
                "departments": departments,
                "selected_department": selected,
                "groups": self.group_by_department(people, [selected] if selected else departments),
                "people_count": len(people),
            },
        )

    @path("<slug:slug>/", name="person")
    def person(self, request, slug):
        """One public profile with the person's public posts (paginated)."""
        person = get_object_or_404(self.public_people(), slug=slug)
        return self.render(
            request,
            template="people/person_page.html",
            context_overrides=self.person_context(request, person),
        )

    def person_context(self, request, person) -> dict:
        """What the profile template needs: posts, canonical URL, image and JSON-LD.

        Also used by the admin preview of a profile revision (``Person``);
        a profile readers cannot open (internal, not yet published) has no
        canonical URL and no JSON-LD there.
        """
        posts = paginated_posts(request, person, None, POSTS_PER_PAGE)
        canonical = absolute(person.profile_url) if person.profile_url else ""
        page_suffix = f"?page={posts.number}" if canonical and posts.number > 1 else ""
        return {
            "person": person,
            "posts_page": posts,
            "canonical_url": canonical + page_suffix,
            "og_image": self.og_image(person),
            "jsonld": person_jsonld(person, request, canonical) if canonical else "",
        }

    # --- SEO ---------------------------------------------------------------------

    @staticmethod
    def og_image(person) -> dict | None:
        """The portrait for link previews, or None for initials-only profiles."""
        if not person.photo:
            return None
        rendition = person.photo.get_rendition("fill-600x600-c100|format-jpeg")
        return {
            "url": absolute(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }

    def get_sitemap_urls(self, request=None):
        """The team page plus every public profile (only public ones, by construction)."""
        urls = super().get_sitemap_urls(request)
        people = Person.objects.public().only("slug", "visibility", "live", "last_published_at")
        for person in people.order_by("slug"):
            if person.profile_url:
                urls.append(
                    {"location": absolute(person.profile_url), "lastmod": person.last_published_at}
                )
        return urls
