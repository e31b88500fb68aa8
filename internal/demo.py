"""Demo content of the internal blog: the restricted home, posts for different audiences,
a must-read with an attached policy, a pinned CEO post asking for feedback.

Idempotent: everything is looked up by slug, title or username first.
Notifications stay muted while seeding, so demo data sends no mail.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from core.demo import demo_image, post_fields, seeded_page
from core.demo_images import illustration_png
from core.roles import (
    INTERNAL_COLLECTION,
    INTERNAL_SECTION,
    grant_collection_permissions,
    grant_section_permissions,
)
from people.models import Department, Person

from .builders import build_internal_post
from .demo_posts import INDEX_INTRO, INDEX_INTRO_EN, POLICY_DOCUMENT, POSTS
from .documents import private_collection
from .models import (
    Acknowledgement,
    InternalIndexPage,
    InternalPostPage,
    NotificationPreference,
)
from .notifications import muted

SEED_ORDER = 30


def seed(ctx) -> None:
    """Internal home under the home page, posts, permissions, a confirmation, preferences."""
    with muted():
        collection = private_collection()
        index = _index(ctx.objects["home"])
        ctx.objects["internal_index"] = index
        document = _policy_document(collection)
        now = timezone.now()
        created = sum(_post(index, spec, document, now) for spec in POSTS)
        _permissions(index, collection)
        _demo_reader_state()
    ctx.log(f"  internal: {created} posts created under /intern/ (Employees only)")


def _index(home) -> InternalIndexPage:
    return seeded_page(
        home,
        InternalIndexPage(
            title="Intern",
            slug="intern",
            show_in_menus=True,
            intro=INDEX_INTRO,
            title_en="Internal",
            intro_en=INDEX_INTRO_EN,
        ),
    )


def _policy_document(collection):
    document_model = get_document_model()
    document = document_model.objects.filter(title=POLICY_DOCUMENT["title"]).first()
    if document:
        return document
    document = document_model(title=POLICY_DOCUMENT["title"], collection=collection)
    document.file.save(
        POLICY_DOCUMENT["filename"], ContentFile(POLICY_DOCUMENT["text"].encode()), save=False
    )
    document.save()
    return document


def _body(blocks: list) -> list:
    body = []
    for kind, value in blocks:
        if kind == "p":
            body.append(("paragraph", RichText(value)))
        elif kind == "points":
            body.append(("key_points", {"title": value[0], "points": value[1]}))
        elif kind == "quote":
            body.append(("quote", {"quote": value[0], "attribution": value[1]}))
    return body


def _post(index, spec: dict, document, now) -> int:
    """Create and publish one post unless its slug exists; returns 1 if created."""
    if InternalPostPage.objects.child_of(index).filter(slug=spec["slug"]).exists():
        return 0
    hero = None
    if spec.get("image"):
        hero = demo_image(
            spec["title"],
            lambda: illustration_png(spec["title"]),
            f"intern-{spec['slug'][:40]}.png",
            credit="Nordlicht Systemtechnik (Illustration)",
        )
    people_by_slug = Person.objects.in_bulk(spec["authors"], field_name="slug")
    build_internal_post(
        index,
        **post_fields(spec),
        language=spec.get("language", "de"),
        date=now - timedelta(days=spec["days_ago"], hours=2),
        hero_image=hero,
        body=_body(spec["body"]),
        pinned=spec.get("pinned", False),
        must_read=spec.get("must_read", False),
        confidential=spec.get("confidential", False),
        authors=[people_by_slug[slug] for slug in spec["authors"]],
        departments=Department.objects.filter(slug__in=spec.get("departments", [])),
        locations=spec.get("locations", []),
        attachments=[document] if spec.get("attachment") else [],
    )
    return 1


def _permissions(index, collection) -> None:
    """The section's page permissions and the "Intern" collection's, as core.roles writes them."""
    grant_section_permissions(INTERNAL_SECTION, index)
    grant_collection_permissions(INTERNAL_COLLECTION, collection)


def _demo_reader_state() -> None:
    """Jonas has confirmed the policy; Aylin reads a daily digest."""
    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=["jonas.berger", "aylin.demir"])
    }
    policy = InternalPostPage.objects.filter(slug="reisekostenrichtlinie-2026").first()
    if policy and "jonas.berger" in users:
        Acknowledgement.objects.get_or_create(
            post=policy, user=users["jonas.berger"], version=policy.acknowledgement_version
        )
    if "aylin.demir" in users:
        NotificationPreference.objects.get_or_create(
            user=users["aylin.demir"],
            defaults={"frequency": NotificationPreference.Frequency.DAILY_DIGEST},
        )
