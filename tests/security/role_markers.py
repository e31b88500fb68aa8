"""Marker content for the per-role crawl: one object per kind of secret, each with a code word.

Every marker object carries an ASCII code word (``ZQ...``) in its title, text
or file name, so a leak is found however a page escapes it (HTML entities,
JSON, URL encoding, CSV). Every marker also carries the search words
``SEARCH_WORDS`` in a searchable field, so one search per listing finds them
all, and the search echo never contains a code word.

``seed_markers`` builds them on top of ``seed_demo`` through the same code
paths a user takes (pages published and revised with Wagtail's revision API,
a profile photo submitted with the profile form) and creates one user per
role of ``core.roles.ROLES``, the definition the migrations and the README
table use. Which role may see which marker is decided by ``may_see`` from
the grants that definition gives the role's groups, never per test.
"""

import io
from dataclasses import dataclass, field, fields
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from PIL import Image

from blog.models import BlogIndexPage, BlogPostPage
from comments.models import CommentReport, StimmeComment
from core.models import CustomImage
from core.roles import (
    BLOG_SECTION,
    GROUPS,
    HANDLE_PERSONAL_DATA,
    INTERNAL_SECTION,
    READ_ALL_CONFIDENTIAL,
    ROLES,
    SITE_SECTION,
)
from core.visibility import EMPLOYEES_GROUP
from internal.documents import private_collection
from internal.models import InternalIndexPage, InternalPostPage
from people.forms import ProfileForm
from people.models import Department, Person
from people.review import profile_draft, submit_profile_change

# Two words every marker object contains, for searches; never part of a code word.
SEARCH_WORDS = ("Quellwasserprüfung", "Kühlhausnotiz")
PASSWORD = "pw-for-role-crawl-1"  # noqa: S105 - test users only  # nosec B105

# Code words; none is a substring of another (checked below).
CODES = {
    "confidential_post": "ZQVERTRAUL",
    "confidential_comment": "ZQGEHEIMKOMM",
    "confidential_report": "ZQMELDUNG",
    "confidential_revision": "ZQNEUENTWURF",
    "internal_post": "ZQINTPOST",
    "internal_comment": "ZQINTKOMM",
    "internal_image": "ZQHEROBILD",
    "internal_document": "ZQDOKUMENT",
    "public_draft": "ZQBLOGENTWURF",
    "public_revision": "ZQUEBERARBEIT",
    "pending_photo": "ZQPORTRAET",
    "internal_field": "ZQTELEFON",
    "internal_location": "ZQSTANDORT",
    "internal_email": "zqpostfach",
}
assert not [a for a in CODES.values() for b in CODES.values() if a != b and a.lower() in b.lower()]


@dataclass(frozen=True)
class Rights:
    """What a role may see, in the terms the markers need, derived from ``core.roles``.

    ``employee``: internal posts, their comments, images and documents, and
    internal profile fields. ``confidential``: the confidential post and its
    comments (in its audience, or the "read all confidential" right).
    ``internal_pages`` / ``blog_pages``: page rights in that section, so
    drafts and revisions there. ``profile_review``: pending profile changes.
    ``reports``: comment reports. ``personal_data``: every comment of an
    address, through the personal-data tool.
    """

    employee: bool = False
    confidential: bool = False
    internal_pages: bool = False
    blog_pages: bool = False
    profile_review: bool = False
    reports: bool = False
    personal_data: bool = False
    admin: bool = False
    superuser: bool = False


PAGE_RIGHTS = ("add_page", "change_page", "publish_page")


def rights_of(role) -> Rights:
    """A role's rights, read from its groups' grants in ``core.roles.GROUPS``."""
    if role.superuser:
        return Rights(*[True] * len(fields(Rights)))
    model = {permission for name in role.groups for permission in GROUPS[name].model_permissions}
    sections = {
        section
        for name in role.groups
        for section, codename in GROUPS[name].page_permissions
        if codename in PAGE_RIGHTS
    }
    return Rights(
        employee=role.employee,
        confidential=READ_ALL_CONFIDENTIAL in model
        or (role.employee and bool(role.in_confidential_audience)),
        internal_pages=bool(sections & {SITE_SECTION, INTERNAL_SECTION}),
        blog_pages=bool(sections & {SITE_SECTION, BLOG_SECTION}),
        profile_review="people.change_person" in model,
        reports="stimme_comments.view_commentreport" in model,
        personal_data=HANDLE_PERSONAL_DATA in model,
        admin=role.admin_access,
    )


def may_see(rights: Rights, marker: str) -> bool:
    """Whether a role with ``rights`` may see ``marker`` anywhere (site or admin)."""
    rules = {
        "confidential_post": rights.confidential,
        "confidential_comment": rights.confidential or rights.personal_data,
        "confidential_report": rights.confidential and rights.reports,
        "confidential_revision": rights.confidential and rights.internal_pages,
        "internal_post": rights.employee,
        "internal_comment": rights.employee or rights.personal_data,
        "internal_image": rights.employee,
        "internal_document": rights.employee,
        "public_draft": rights.blog_pages,
        "public_revision": rights.blog_pages,
        "pending_photo": rights.profile_review,
        "internal_field": rights.employee,
        "internal_location": rights.employee,
        "internal_email": rights.employee,
    }
    return rules[marker]


@dataclass
class Markers:
    """The seeded marker objects and the strings that give each away."""

    strings: dict[str, list[str]] = field(default_factory=dict)  # marker -> strings
    pages: dict[str, int] = field(default_factory=dict)  # marker -> page id
    images: dict[str, int] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)
    comments: dict[str, int] = field(default_factory=dict)
    reports: dict[str, int] = field(default_factory=dict)
    people: dict[str, int] = field(default_factory=dict)
    commenter_emails: dict[str, str] = field(default_factory=dict)
    public_parent_id: int = 0
    users: dict[str, int] = field(default_factory=dict)  # role key -> user id

    def add(self, marker: str, *strings: str) -> None:
        self.strings.setdefault(marker, [])
        self.strings[marker] += [text for text in strings if text]


def _words() -> str:
    return " ".join(SEARCH_WORDS)


def jpeg_upload(name: str, size: int = 320) -> SimpleUploadedFile:
    """A plain JPEG upload, big enough for the profile form's minimum size."""
    buffer = io.BytesIO()
    Image.new("RGB", (size, size), (200, 120, 60)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _file_stem(image) -> str:
    return image.file.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _image(title: str, filename: str, collection) -> CustomImage:
    image = CustomImage(title=title, credit="Nordlicht", description=title, collection=collection)
    image.file = jpeg_upload(filename)
    image._set_image_file_metadata()
    image.save()
    return image


def _body(text: str) -> list:
    return [("paragraph", RichText(f"<p>{text}</p>"))]


def _comment(post, text: str, email: str, *, approved=True) -> StimmeComment:
    return StimmeComment.objects.create(
        content_type_id=post.content_type_id,
        object_pk=str(post.pk),
        site_id=1,
        user_name="Jörg Leßmann",
        user_email=email,
        comment=text,
        is_public=approved,
        moderation_status="approved" if approved else "waiting",
        parent_id=0,
    )


def _user(username: str, role, department) -> object:
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        email=f"{username}@nordlicht.example",
        first_name=role.key.split("_")[0].title(),
        last_name="Prüfer",
        is_superuser=role.superuser,
        is_staff=role.superuser,
    )
    user.groups.add(*[Group.objects.get(name=name) for name in role.groups])
    if role.employee and not role.superuser:
        Person.objects.create(
            name=f"{role.key.replace('_', ' ').title()} Prüfer",
            user=user,
            department=department,
            visibility=Person.Visibility.INTERNAL,
        )
    return user


def seed_markers(roles=ROLES) -> Markers:
    """Create every marker object and one user per role (after ``seed_demo``)."""
    markers = Markers()
    secret_dept = Department.objects.create(name="Personalrat Süd", slug="personalrat-sued")
    other_dept = Department.objects.create(name="Außendienst Nord", slug="aussendienst-nord")
    internal_index = InternalIndexPage.objects.get(slug="intern")
    blog_index = BlogIndexPage.objects.first()
    markers.public_parent_id = blog_index.pk
    _internal_post(markers, internal_index)
    _confidential_post(markers, internal_index, secret_dept)
    _internal_document(markers)
    _public_drafts(markers, blog_index)
    _internal_fields(markers, other_dept)
    _pending_photo(markers)
    for role in roles:
        if role.signed_in:
            department = secret_dept if role.in_confidential_audience else other_dept
            markers.users[role.key] = _user(f"crawl.{role.key}", role, department).pk
    return markers


def _internal_post(markers, internal_index) -> None:
    """An internal (not confidential) post whose hero is the internal image, and a comment."""
    words = _words()
    now = timezone.now()
    intern = private_collection()
    hero = _image(
        f"Titelbild {CODES['internal_image']} {words}", "zqherobild-hallenplan.jpg", intern
    )
    markers.images["internal_image"] = hero.pk
    markers.add("internal_image", CODES["internal_image"], _file_stem(hero))
    internal_post = InternalPostPage(
        title=f"Übergabe der Kältehalle {CODES['internal_post']} {words}",
        slug="uebergabe-kaeltehalle-zqintpost",
        teaser=f"Nur für Beschäftigte. {words}",
        date=now - timedelta(days=1),
        hero_image=hero,
        body=_body(f"Die Halle wird übergeben. {CODES['internal_post']} {words}"),
    )
    internal_index.add_child(instance=internal_post)
    internal_post.save_revision().publish()
    markers.pages["internal_post"] = internal_post.pk
    markers.add("internal_post", CODES["internal_post"])
    internal_comment = _comment(
        internal_post,
        f"Intern gefragt: {CODES['internal_comment']} {words}",
        "intern.leser@example.org",
    )
    markers.comments["internal_comment"] = internal_comment.pk
    markers.add("internal_comment", CODES["internal_comment"])


def _confidential_post(markers, internal_index, secret_dept) -> None:
    """The confidential post: audience one department, comments, a report, a new revision.

    Its author is nobody who crawls.
    """
    words = _words()
    now = timezone.now()
    writer = Person.objects.create(
        name="Bärbel Schröder", department=secret_dept, visibility=Person.Visibility.PUBLIC
    )
    confidential = InternalPostPage(
        title=f"Gehaltsbänder und Überstundenausgleich {CODES['confidential_post']} {words}",
        slug="gehaltsbaender-zqvertraul",
        teaser=f"Vertraulich für den Personalrat Süd. {words}",
        date=now - timedelta(days=2),
        body=_body(f"Die Bänder ändern sich. {CODES['confidential_post']} {words}"),
        confidential=True,
    )
    confidential.audience_departments = [secret_dept]
    internal_index.add_child(instance=confidential)
    confidential.authors.create(person=writer, sort_order=0)
    confidential.save_revision().publish()
    markers.pages["confidential_post"] = confidential.pk
    markers.add("confidential_post", CODES["confidential_post"], "gehaltsbaender-zqvertraul")
    email = "vertraulich.leserin@example.org"
    markers.commenter_emails["confidential_comment"] = email
    approved = _comment(
        confidential, f"Wann gilt das? {CODES['confidential_comment']} {words}", email
    )
    _comment(
        confidential,
        f"Noch eine Frage {CODES['confidential_comment']} {words}",
        email,
        approved=False,
    )
    markers.comments["confidential_comment"] = approved.pk
    markers.add("confidential_comment", CODES["confidential_comment"])
    report = CommentReport.objects.create(
        comment=approved,
        reason="other",
        details=f"Bitte prüfen {CODES['confidential_report']} {words}",
    )
    markers.reports["confidential_report"] = report.pk
    markers.add("confidential_report", CODES["confidential_report"])
    confidential = InternalPostPage.objects.get(pk=confidential.pk)
    confidential.title = f"{confidential.title} {CODES['confidential_revision']}"
    confidential.save_revision()
    markers.add("confidential_revision", CODES["confidential_revision"])


def _internal_document(markers) -> None:
    """The internal document, in the private "Intern" collection."""
    words = _words()
    intern = private_collection()
    document = get_document_model()(
        title=f"Betriebsvereinbarung {CODES['internal_document']} {words}", collection=intern
    )
    document.file.save(
        "zqdokument-betriebsvereinbarung.txt",
        ContentFile(f"Vertraulicher Inhalt {CODES['internal_document']}".encode()),
        save=False,
    )
    document.save()
    markers.documents["internal_document"] = document.pk
    markers.add("internal_document", CODES["internal_document"], "zqdokument-betriebsvereinbarung")


def _public_drafts(markers, blog_index) -> None:
    """A public post never published, and a live public post with an unpublished revision."""
    words = _words()
    now = timezone.now()
    draft = BlogPostPage(
        title=f"Förderung für Wärmenetze {CODES['public_draft']} {words}",
        slug="foerderung-zqblogentwurf",
        teaser=f"Noch nicht freigegeben. {words}",
        date=now,
        body=_body(f"Entwurf. {CODES['public_draft']} {words}"),
        live=False,
    )
    blog_index.add_child(instance=draft)
    draft.save_revision()
    markers.pages["public_draft"] = draft.pk
    markers.add("public_draft", CODES["public_draft"], "foerderung-zqblogentwurf")
    live = BlogPostPage(
        title="Speicher im Quartier: erste Ergebnisse",
        slug="speicher-im-quartier-ergebnisse",
        teaser="Erste Ergebnisse aus dem Feldtest.",
        date=now - timedelta(days=3),
        body=_body("Die Speicher laufen seit dem Frühjahr."),
    )
    blog_index.add_child(instance=live)
    live.save_revision().publish()
    live = BlogPostPage.objects.get(pk=live.pk)
    live.title = f"Speicher im Quartier {CODES['public_revision']} {words}"
    live.save_revision()
    markers.pages["public_revision"] = live.pk
    markers.add("public_revision", CODES["public_revision"])


def _internal_fields(markers, other_dept) -> None:
    """A public person with internal-only fields (phone, location, internal email, manager)."""
    words = _words()
    manager = Person.objects.create(name="Ulf Großkopf", visibility=Person.Visibility.INTERNAL)
    greta = Person.objects.create(
        name="Greta Ölberg",
        job_title=f"Technikerin {words}",
        department=other_dept,
        visibility=Person.Visibility.PUBLIC,
        phone=f"+49 4841 {CODES['internal_field']} 7731",
        location=f"Husum {CODES['internal_location']}",
        internal_email=f"{CODES['internal_email']}@nordlicht.example",
        reports_to=manager,
    )
    greta.save_revision().publish()
    markers.people["internal_field"] = greta.pk
    markers.add("internal_field", CODES["internal_field"])
    markers.add("internal_location", CODES["internal_location"])
    markers.add("internal_email", CODES["internal_email"])


def _pending_photo(markers) -> None:
    """A pending profile photo: submitted through the profile form, not yet approved."""
    words = _words()
    owner_user = get_user_model().objects.create_user(
        username="henrik.paessler", password=PASSWORD, email="henrik@nordlicht.example"
    )
    owner_user.groups.add(Group.objects.get(name=EMPLOYEES_GROUP))
    owner = Person.objects.create(
        name="Henrik Päßler",
        user=owner_user,
        visibility=Person.Visibility.PUBLIC,
        job_title=f"Monteur {words}",
    )
    owner.save_revision().publish()
    draft_person = profile_draft(Person.objects.get(pk=owner.pk))
    form = ProfileForm(
        {"photo_credit": "privat", "short_bio": "Neu im Team."},
        {"photo": jpeg_upload("zqportraet-henrik.jpg")},
        person=draft_person,
    )
    assert form.is_valid(), form.errors
    form.apply_to(draft_person, owner_user)
    submit_profile_change(draft_person, owner_user)
    photo = draft_person.photo
    photo.title = f"Porträt {CODES['pending_photo']} {words}"
    photo.save()
    markers.images["pending_photo"] = photo.pk
    markers.people["pending_photo"] = owner.pk
    markers.add("pending_photo", CODES["pending_photo"], _file_stem(photo))
