"""Get the seeded demo site ready for the soak and print what the traffic needs (JSON).

Run by ``soak/run.py`` after ``seed_demo``, with the soak's database. It
gives the editor and a few extra employees known passwords (outside DEBUG
the demo accounts have random ones), writes unpublished drafts for the
editor to publish during the run, and lists the URLs readers visit and the
posts each role may comment on, asking the site's own comment policy.
"""

import json
import os
import secrets
import sys
from pathlib import Path

import django

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings_seed")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import AnonymousUser, Group  # noqa: E402
from django.utils import timezone  # noqa: E402

from wagtail.rich_text import RichText  # noqa: E402

from blog.models import BlogIndexPage, BlogPostAuthor, BlogPostPage  # noqa: E402
from comments.models import CommunityGuideline  # noqa: E402
from comments.policy import CommentPolicy  # noqa: E402
from core.visibility import EMPLOYEES_GROUP  # noqa: E402
from internal.models import InternalIndexPage, InternalPostPage  # noqa: E402
from people.models import Person  # noqa: E402

EDITOR = "miriam.hoffmann"
SEARCHES = ["Wärmepumpe", "Husum", "Speicher", "Ausbildung", "heat pump"]


def _with_password(user) -> str:
    password = secrets.token_urlsafe(16)
    user.set_password(password)
    user.save(update_fields=["password"])
    return password


def employees(count: int) -> list[dict]:
    """Demo employees plus ``soak.kollegin.N`` accounts, all with fresh passwords."""
    group = Group.objects.get(name=EMPLOYEES_GROUP)
    accounts = []
    User = get_user_model()
    for username in ["jonas.berger", "aylin.demir"] + [
        f"soak.kollegin.{n}" for n in range(1, count - 1)
    ]:
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@nordlicht.example",
                "first_name": "Soak",
                "last_name": username.rsplit(".", 1)[-1],
            },
        )
        user.groups.add(group)
        accounts.append({"username": username, "password": _with_password(user)})
    return accounts[:count]


def drafts(index: BlogIndexPage, count: int) -> list[dict]:
    """Unpublished posts with a revision, as an author leaves them for the editor."""
    author = Person.objects.filter(slug="katrin-albers").first()
    made = []
    for n in range(1, count + 1):
        slug = f"soak-entwurf-{n}-{secrets.token_hex(3)}"
        post = BlogPostPage(
            title=f"Soak-Entwurf {n}: Betriebserfahrungen mit Großwärmepumpen",
            slug=slug,
            teaser="Ein Entwurf, den die Redaktion während des Soak-Tests veröffentlicht.",
            date=timezone.now(),
            body=[("paragraph", RichText("<p>Erfahrungen aus dem Betrieb, Woche für Woche.</p>"))],
            live=False,
        )
        if author:
            post.authors = [BlogPostAuthor(person=author)]
        index.add_child(instance=post)
        post.save_revision()
        made.append({"id": post.pk, "url": f"{index.url}{slug}/"})
    return made


def main() -> dict:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    draft_count = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    editor = get_user_model().objects.get(username=EDITOR)
    staff = employees(count)
    reader = AnonymousUser()
    colleague = get_user_model().objects.get(username=staff[0]["username"])
    public = list(BlogPostPage.objects.live().order_by("pk"))
    internal = list(InternalPostPage.objects.live().order_by("pk"))
    index = BlogIndexPage.objects.live().first()
    people = [p.get_absolute_url() for p in Person.objects.public() if p.get_absolute_url()]
    return {
        "editor": {"username": EDITOR, "password": _with_password(editor)},
        "employees": staff,
        "public_posts": [p.url for p in public],
        "commentable_public": [p.url for p in public if CommentPolicy(reader, p).can_post],
        "internal_index": InternalIndexPage.objects.live().first().url,
        "internal_posts": [p.url for p in internal if CommentPolicy(colleague, p).can_read],
        "commentable_internal": [p.url for p in internal if CommentPolicy(colleague, p).can_post],
        "people": people,
        "listings": ["/", index.url, index.url + "?page=2"],
        "feeds": [index.route_url("feed"), index.route_url("feed_atom"), "/comments/feed/"],
        "searches": SEARCHES,
        "drafts": drafts(index, draft_count),
        "guidelines": CommunityGuideline.objects.count(),
    }


if __name__ == "__main__":
    print(json.dumps(main()))
